use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that a frontmatter block opened with `---` on the first line is
    /// closed by a line holding only `---` (or `...`).
    ///
    /// ## Why is this bad?
    /// Without the closing fence nothing in the file is metadata: renderers
    /// show the YAML as text and every key the schema requires is missing.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// date: 2025-12-12T15:17:08-06:00
    /// status: complete
    /// # Research: data versioning
    /// ```
    ///
    /// ## How to fix
    /// Add a line holding only `---` after the last metadata key.
    UnclosedFrontmatter, code = "DC102", name = "unclosed-frontmatter", severity = Error
}

pub fn diagnostic(open: Span) -> Diagnostic {
    Diagnostic::new(
        &UnclosedFrontmatter::META,
        open,
        "the frontmatter block is never closed",
    )
    .label("opened here")
    .help("add a line holding only `---` after the last metadata key")
}

#[cfg(test)]
mod tests {
    use super::UnclosedFrontmatter;
    use crate::testing::{RESEARCH, Tester, doc};

    #[test]
    fn unclosed_frontmatter() {
        Tester::new(&UnclosedFrontmatter::META)
            .pass([doc(RESEARCH).as_str(), "---\n\nA thematic break first.\n"])
            .fail([
                "---\ndate: 2025-12-12T15:17:08-06:00\nstatus: complete\n# Research\n",
                "---\r\nstatus: complete\r\n",
            ])
            .snapshot();
    }
}
