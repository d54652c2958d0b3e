use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that every document of a kind with a schema (research notes,
    /// plans, PR write-ups by default) starts with a YAML frontmatter block.
    ///
    /// ## Why is this bad?
    /// The frontmatter is what makes a note traceable: the commit it was
    /// written against, its author, its status and the documents it builds
    /// on. Without it none of that can be verified, indexed or linked.
    ///
    /// ## Example
    /// ```markdown
    /// # Research: MLOps data versioning
    ///
    /// We looked at how outputs are saved...
    /// ```
    ///
    /// ## How to fix
    /// Start the file with a `---` fenced block holding the keys the kind's
    /// schema requires (`doccheck schema research` prints them):
    /// ```markdown
    /// ---
    /// date: 2025-12-12T15:17:08-06:00
    /// researcher: beth
    /// git_commit: ea45dd2
    /// ...
    /// ---
    /// ```
    /// If the file is not a document of that kind, move it or narrow the
    /// kind's `paths` in the configuration.
    MissingFrontmatter, code = "DC101", name = "missing-frontmatter", severity = Error
}

pub fn diagnostic(at: usize, kind: &str) -> Diagnostic {
    Diagnostic::new(
        &MissingFrontmatter::META,
        Span::empty(at),
        format!("this {kind} document has no frontmatter"),
    )
    .label("frontmatter expected here")
    .help(format!(
        "start the file with a `---` block holding the keys the `{kind}` schema requires (see `doccheck schema {kind}`)"
    ))
}

#[cfg(test)]
mod tests {
    use super::MissingFrontmatter;
    use crate::testing::{RESEARCH, Tester, doc};

    #[test]
    fn missing_frontmatter() {
        Tester::new(&MissingFrontmatter::META)
            .pass([
                doc(RESEARCH).as_str(),
                "---\n---\n# Empty block: other rules apply\n",
            ])
            .fail([
                "# Research: data versioning\n\nNo metadata.\n",
                "",
                "\u{feff}# BOM only\n",
            ])
            .snapshot();
    }

    #[test]
    fn documents_without_a_kind_need_none() {
        Tester::new(&MissingFrontmatter::META)
            .path("docs/notes.md")
            .pass(["# Notes\n"]);
    }
}
