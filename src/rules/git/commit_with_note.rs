use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a frontmatter commit value with text after the SHA:
    /// `git_commit: a1b2c3d (initial)`. The SHA is still verified; the note
    /// is what this rule is about. A note after a commit in the body
    /// (`` **Commit**: `511e231` (baseline) ``) is prose and left alone.
    ///
    /// ## Why is this bad?
    /// Scripts that read the field (an index, `git show $(…)`) get the note
    /// too, and the next reader cannot tell whether the note belongs to the
    /// commit or to the document.
    ///
    /// ## Example
    /// ```yaml
    /// git_commit: a1b2c3d (before the refactor)
    /// ```
    ///
    /// ## How to fix
    /// Keep only the SHA in the field and move the note to the body or a YAML
    /// comment (`git_commit: a1b2c3d  # before the refactor`).
    CommitWithNote, code = "DC213", name = "commit-with-note", severity = Warning
}

pub fn diagnostic(note: Span, field: &str, text: &str) -> Diagnostic {
    Diagnostic::new(
        &CommitWithNote::META,
        note,
        format!("`{field}` has a note after its commit: `{text}`"),
    )
    .label("not part of the commit")
    .help("keep only the SHA in the field; move the note to the body or a comment")
}

#[cfg(test)]
mod tests {
    use super::CommitWithNote;
    use crate::testing::{RESEARCH, Tester, doc, research_with};

    #[test]
    fn commit_with_note() {
        Tester::new(&CommitWithNote::META)
            .pass([
                doc(RESEARCH).as_str(),
                &research_with("git_commit", "git_commit: a1b2c3d  # before the refactor"),
                &format!("{}\n**Git Commit**: `a1b2c3d`\n", doc(RESEARCH)),
                // Several repositories' commits are not one commit with a note.
                &research_with("git_commit", "git_commit: \"api: a1b2c3d, web: e4f5a6b\""),
                // Not a SHA at all: invalid-commit's, not this rule's.
                &research_with("git_commit", "git_commit: N/A (no repository)"),
                // In the body, a note after the commit is prose.
                &format!(
                    "{}\n**Commit SHA**: `511e231` (baseline), fixes applied on top\n",
                    doc(RESEARCH)
                ),
            ])
            .fail([
                research_with("git_commit", "git_commit: a1b2c3d (initial)").as_str(),
                &research_with("git_commit", "git_commit: \"a1b2c3d (initial)\""),
                &doc(&format!("{RESEARCH}\nimplemented_commit: a1b2c3d (merged)")),
            ])
            .snapshot();
    }
}
