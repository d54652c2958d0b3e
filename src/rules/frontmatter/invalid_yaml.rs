use crate::diagnostic::Diagnostic;
use crate::parse::yaml::{MAX_ALIAS_BYTES, MAX_DEPTH, MAX_NODES, YamlError};
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that the frontmatter is valid YAML 1.2: its syntax, a single
    /// document, nesting no deeper than 64 levels, and aliases that expand to
    /// no more than 100,000 nodes.
    ///
    /// ## Why is this bad?
    /// Invalid YAML is metadata nobody can read: not doccheck, not the
    /// static-site generator, not the scripts that index the notes. The
    /// limits guard every tool that reads the file against "billion laughs"
    /// alias bombs and absurd nesting.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// topic: Data versioning
    ///   status: complete
    /// ---
    /// ```
    ///
    /// ## How to fix
    /// Fix the YAML at the position shown: usually an indentation mistake, an
    /// unquoted value containing `: `, or an unterminated quote. Quote values
    /// that contain YAML punctuation (`topic: "A: B"`).
    InvalidYaml, code = "DC103", name = "invalid-yaml", severity = Error
}

pub fn diagnostic(error: &YamlError) -> Diagnostic {
    let (at, message, help) = match error {
        YamlError::Syntax { message, at } => (
            *at,
            format!("invalid YAML: {message}"),
            "fix the YAML here; quote values that contain `: `, `#` or start with punctuation",
        ),
        YamlError::TooDeep { at } => (
            *at,
            format!("the frontmatter nests deeper than {MAX_DEPTH} levels"),
            "flatten the metadata; frontmatter holds a few levels of keys and lists",
        ),
        YamlError::TooManyNodes { at } => (
            *at,
            format!(
                "YAML aliases expand to more than {MAX_NODES} values or {} MiB of text",
                MAX_ALIAS_BYTES >> 20
            ),
            "remove the anchors and aliases that multiply each other",
        ),
        YamlError::MultipleDocuments { at } => (
            *at,
            "the frontmatter holds more than one YAML document".to_owned(),
            "remove the `---` document separator inside the frontmatter",
        ),
    };
    Diagnostic::new(&InvalidYaml::META, Span::empty(at), message).help(help)
}

#[cfg(test)]
mod tests {
    use super::InvalidYaml;
    use crate::testing::{RESEARCH, Tester, doc};

    #[test]
    fn invalid_yaml() {
        let bomb = {
            let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]");
            for i in 1..8 {
                text.push_str(&format!(
                    "\na{i}: &a{i} [{}]",
                    vec![format!("*a{}", i - 1); 10].join(", ")
                ));
            }
            doc(&text)
        };
        let deep: String = (0..70).map(|i| format!("{}k:\n", "  ".repeat(i))).collect();
        Tester::new(&InvalidYaml::META)
            .pass([doc(RESEARCH).as_str(), &doc("a: &x [1]\nb: *x")])
            .fail([
                doc("topic: Data versioning\n  status: complete").as_str(),
                &doc("topic: \"unterminated\nstatus: complete"),
                &doc("tags: [a, b"),
                &doc("a: 1\n--- x\nb: 2"),
                &bomb,
                &format!("---\n{deep}---\n"),
                &doc("tags:\n\t- tab-indented"),
            ])
            .snapshot();
    }
}
