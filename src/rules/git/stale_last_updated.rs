use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a `last_updated` date more than a day older than the
    /// document's last change that matters in the Git history: the newest
    /// commit reachable from HEAD that changed its text, dated by its
    /// author (a rebase moves the committer's date, not the change's). What
    /// does not count: the commit that added the file (its first version is
    /// not an update of it), merge commits (the commits they merge made the
    /// change), commits listed in `.git-blame-ignore-revs`, and changes of
    /// whitespace, Markdown formatting or metadata only (rewrapping, bullet
    /// style, table padding, the frontmatter, a `Last Updated` line).
    ///
    /// The finding says the day of that change, and both the help and
    /// `--fix` set `last_updated` to it; committing the fix is a change of
    /// metadata only, so it does not make the date stale again.
    ///
    /// ## Why is this bad?
    /// `last_updated` is how readers judge whether a note is current. A date
    /// that was not bumped with the edit claims the content is older than it
    /// is, and hides what changed.
    ///
    /// ## Example
    /// ```yaml
    /// last_updated: 2025-10-01   # the file was last changed on 2025-12-12
    /// ```
    ///
    /// ## How to fix
    /// Set `last_updated` to the date of the last change (and
    /// `last_updated_by` to who made it).
    StaleLastUpdated, code = "DC210", name = "stale-last-updated", severity = Warning
}

pub fn diagnostic(span: Span, written: &str, changed: &str, commit: &str) -> Diagnostic {
    Diagnostic::new(
        &StaleLastUpdated::META,
        span,
        format!("`last_updated` says {written}, but the file last changed on {changed} (commit {commit})"),
    )
    .label("older than the last change")
    .help(format!("set `last_updated: {changed}`"))
}
