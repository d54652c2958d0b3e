use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a reference field whose target changed in Git after the
    /// citing document last changed. The target's changes are those that
    /// matter to DC210 (not its first version, not whitespace, formatting
    /// or metadata only, not commits in `.git-blame-ignore-revs`, not
    /// merges); any commit of the citing document counts, so a review that
    /// only bumps its `last_updated` clears the finding. Read-only: doccheck
    /// never edits either document to clear it.
    ///
    /// ## Why is this bad?
    /// The plan was written against a version of the research that no
    /// longer exists; its conclusions may not follow from the new version.
    ///
    /// ## Example
    /// A plan last edited on 2025-12-13 citing research edited on 2025-12-20.
    ///
    /// ## How to fix
    /// Review the citing document against the new version of its target and
    /// commit it (bump `last_updated`), or suppress the finding if nothing
    /// changes.
    SuspectLink, code = "DC407", name = "suspect-link", severity = Warning
}

pub fn diagnostic(span: Span, target: &str, changed: &str, since: &str) -> Diagnostic {
    Diagnostic::new(
        &SuspectLink::META,
        span,
        format!("`{target}` changed on {changed}, after this document's last change on {since}"),
    )
    .label("target changed since")
    .help("review this document against the new version of its target and commit it")
}
