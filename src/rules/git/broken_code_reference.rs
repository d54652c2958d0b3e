use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks code references such as `src/config.py:183-243`, `path:L10`
    /// and `path#L10-L20`: the file must have existed at the document's
    /// commit (its `git_commit`, or HEAD when it has none) with at least that
    /// many lines. Paths are relative to the project root, like every other
    /// path a document cites.
    ///
    /// ## Why is this bad?
    /// A code reference is the evidence behind a finding. One that points
    /// past the end of a file, or at a file that never existed at that
    /// commit, sends the reader to the wrong code.
    ///
    /// ## Example
    /// ```markdown
    /// | `src/config.py:183-243` | RunContext class |   <!-- config.py had 200 lines -->
    /// ```
    ///
    /// ## How to fix
    /// Correct the path or the line range for the cited commit (`git show
    /// <commit>:<path> | wc -l`), or update the document's commit.
    BrokenCodeReference, code = "DC208", name = "broken-code-reference", severity = Error
}

pub fn missing(span: Span, path: &str, at: &str) -> Diagnostic {
    Diagnostic::new(
        &BrokenCodeReference::META,
        span,
        format!("`{path}` does not exist at {at}"),
    )
    .label("no such file")
    .help(
        "correct the path (relative to the project root), or cite the commit where the file exists",
    )
}

pub fn too_short(span: Span, path: &str, end: u32, lines: usize, at: &str) -> Diagnostic {
    Diagnostic::new(
        &BrokenCodeReference::META,
        span,
        format!("`{path}` has {lines} lines at {at}; the reference reaches line {end}"),
    )
    .label("past the end of the file")
    .help("correct the line range for the cited commit")
}

/// The repository holds the file but cannot give its content (a corrupt
/// object): said as that, not as a missing file.
pub fn unreadable(span: Span, path: &str, at: &str, reason: &str) -> Diagnostic {
    Diagnostic::new(
        &BrokenCodeReference::META,
        span,
        format!("`{path}` at {at} cannot be read from the repository: {reason}"),
    )
    .label("unreadable in Git")
    .help("repair the repository (`git fsck`), or fetch the missing objects again")
}
