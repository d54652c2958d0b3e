use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports frontmatter keys that a closed schema (one with
    /// `additionalProperties: false`) does not declare, with the declared key
    /// it most likely means.
    ///
    /// ## Why is this bad?
    /// A misspelt key is a silently missing value: `reseacher: beth` leaves
    /// `researcher` empty for every tool that reads the note. Closed schemas
    /// exist precisely to catch this.
    ///
    /// ## Example
    /// ```yaml
    /// reseacher: beth
    /// ```
    ///
    /// ## How to fix
    /// Rename the key to the declared one, or declare it in the schema if it
    /// is a new field.
    UnknownKey, code = "DC108", name = "unknown-key", severity = Error
}

pub fn diagnostic(span: Span, key: &str, suggestion: Option<&str>) -> Diagnostic {
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => "remove the key, or declare it in the kind's schema".to_owned(),
    };
    Diagnostic::new(&UnknownKey::META, span, format!("unknown key `{key}`"))
        .label("not declared by the schema")
        .help(help)
}

#[cfg(test)]
mod tests {
    use super::UnknownKey;
    use crate::testing::{Tester, doc};

    const CLOSED: &str = r#"{"type": "object", "additionalProperties": false,
        "properties": {"researcher": {"type": "string"}, "git_commit": {"type": "string", "x-aliases": ["commit"]}}}"#;

    #[test]
    fn unknown_key() {
        Tester::new(&UnknownKey::META)
            .file("closed.json", CLOSED)
            .config("[kinds.research]\nschema = \"closed.json\"\n")
            .pass([doc("researcher: beth\ngit_commit: ea45dd2").as_str()])
            .fail([
                doc("reseacher: beth").as_str(),
                &doc("commit: ea45dd2"),
                &doc("reviewers: [sam]"),
            ])
            .snapshot();
    }
}
