use crate::diagnostic::Diagnostic;
use crate::paths;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a link that names no file relative to its document but does
    /// name one when read from the repository root: `docs/setup.md` written
    /// in `notes/plan.md`. Editors and coding agents working at the root
    /// follow it; GitHub and other Markdown viewers resolve it against the
    /// document's folder and find nothing.
    ///
    /// Where the repository's documents mostly write their links this way,
    /// it is their convention and the finding is only shown with
    /// `--show-infos`.
    ///
    /// ## Why is this bad?
    /// The target exists, so the author's intent is clear, but a reader
    /// browsing the repository on GitHub gets a 404.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- in notes/research/2025-03-02-tokenizer.md -->
    /// See [the plan](notes/plans/2025-03-04-tokenizer.md).
    /// ```
    ///
    /// ## How to fix
    /// Write the path relative to the document
    /// (`../plans/2025-03-04-tokenizer.md`), or with a leading `/`, which
    /// GitHub reads from the repository root.
    RootRelativeLink, code = "DC307", name = "root-relative-link", severity = Warning
}

/// A link in `from` that only resolves as the root-relative `target`.
pub fn diagnostic(span: Span, from: &str, target: &str) -> Diagnostic {
    let relative = paths::relative(paths::parent(from), target);
    Diagnostic::new(
        &RootRelativeLink::META,
        span,
        format!("this link is written from the repository root: relative to this document it names no file, from the root it is `{target}`"),
    )
    .label("resolves only from the root")
    .help(format!(
        "write `{relative}` (relative to this document) or `/{target}`, which GitHub also follows"
    ))
}

/// Whether root-relative links are the repository's way of writing links:
/// at least as many of its bare relative links resolve only from the root
/// as resolve as written.
pub fn is_convention(from_root: usize, as_written: usize) -> bool {
    from_root > 0 && from_root >= as_written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_relative_path() {
        let d = diagnostic(Span::default(), "notes/research/a.md", "notes/plans/b.md");
        assert!(
            d.help.as_deref().unwrap().contains("`../plans/b.md`"),
            "{:?}",
            d.help
        );
    }

    const PLAN: &str = "# Plan\n\nBuilt on [the note](notes/research/a.md).\n";
    const NOTE: &str = "# Note\n\nText.\n";

    #[test]
    fn a_link_written_from_the_root() {
        let files = [
            ("notes/plans/p.md", PLAN),
            ("notes/research/a.md", NOTE),
            // Two links that resolve as written: root-relative is the
            // exception here, so it is a warning.
            (
                "notes/plans/q.md",
                "# Q\n\n[p](p.md) and [a](../research/a.md).\n",
            ),
            ("notes/plans/r.md", "# R\n\n[p](p.md).\n"),
        ];
        let found: Vec<_> = crate::testing::project_findings(&files)
            .into_iter()
            .filter(|d| d.rule.code == "DC307" || d.rule.code == "DC301")
            .collect();
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].rule.code, "DC307");
        assert_eq!(found[0].severity, crate::rules::Severity::Warning);
    }

    #[test]
    fn the_repository_convention_is_only_an_info() {
        let files = [("notes/plans/p.md", PLAN), ("notes/research/a.md", NOTE)];
        let found: Vec<_> = crate::testing::project_findings(&files)
            .into_iter()
            .filter(|d| d.rule.code == "DC307")
            .collect();
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].severity, crate::rules::Severity::Info);
    }

    #[test]
    fn a_link_missing_both_ways_is_broken() {
        let files = [("notes/plans/p.md", PLAN)];
        let codes: Vec<_> = crate::testing::project_findings(&files)
            .into_iter()
            .map(|d| d.rule.code)
            .filter(|c| c.starts_with("DC30"))
            .collect();
        assert_eq!(codes, ["DC301"]);
    }

    #[test]
    fn convention_needs_a_majority() {
        assert!(is_convention(3, 2));
        assert!(!is_convention(1, 5));
        assert!(!is_convention(0, 0));
    }
}
