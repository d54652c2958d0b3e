use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Notes a `branch` that no longer exists, where the history shows it
    /// was merged: a merge commit in HEAD's history names it ("Merge branch
    /// 'x'", "Merge pull request #12 from owner/x", "Merged in x"), or the
    /// commit the document cites is in HEAD's history. Such a branch is
    /// reported here, as information, instead of as DC207
    /// `branch-not-found`. A name close to an existing branch is still
    /// taken for a typo (DC207), unless a merge commit names it.
    ///
    /// ## Why is this bad?
    /// It is not: deleting a branch once it is merged is what teams do, and
    /// the note still records where the work was done. It is reported so
    /// that the statistics count it and a reader knows the name will not
    /// resolve.
    ///
    /// ## Example
    /// ```yaml
    /// branch: feature/data-versioning   # merged in 4f1c2ab, then deleted
    /// ```
    ///
    /// ## How to fix
    /// Nothing needs fixing. Name the branch the work landed on if readers
    /// should find it, or turn the rule off.
    DeletedBranch, code = "DC214", name = "deleted-branch", severity = Info
}

/// How the history shows the branch was merged.
pub enum Evidence {
    /// A merge commit (its short id) names it.
    MergeCommit(String),
    /// The commit the document cites (its short id) is in HEAD's history.
    CitedCommit(String),
}

pub fn diagnostic(span: Span, field: &str, branch: &str, evidence: Evidence) -> Diagnostic {
    let how = match evidence {
        Evidence::MergeCommit(sha) => format!("merged in {sha}"),
        Evidence::CitedCommit(sha) => {
            format!("the commit this document cites, {sha}, is in HEAD's history")
        }
    };
    Diagnostic::new(
        &DeletedBranch::META,
        span,
        format!("branch `{branch}` in `{field}` was merged and deleted ({how})"),
    )
    .label("merged, then deleted")
    .help("nothing to fix: name the branch the work landed on if readers should find it")
}
