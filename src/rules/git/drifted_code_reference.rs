use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a code reference that was valid at the document's commit but
    /// no longer is at HEAD: the file was deleted or moved, or it is now
    /// shorter than the referenced range.
    ///
    /// ## Why is this bad?
    /// The reference still holds for the cited commit, but a reader who opens
    /// the file today lands somewhere else. It is a sign the document needs a
    /// refresh.
    ///
    /// ## Example
    /// ```markdown
    /// `src/config.py:183-243`   <!-- config.py was split into a package -->
    /// ```
    ///
    /// ## How to fix
    /// Update the reference and the document's commit to the current code,
    /// or leave it and accept the warning for a historical note.
    DriftedCodeReference, code = "DC209", name = "drifted-code-reference", severity = Warning
}

pub fn diagnostic(span: Span, path: &str, commit: &str, now: Option<usize>) -> Diagnostic {
    let what = match now {
        None => format!("`{path}` no longer exists at HEAD"),
        Some(lines) => format!("`{path}` has only {lines} lines at HEAD"),
    };
    Diagnostic::new(
        &DriftedCodeReference::META,
        span,
        format!("code reference drifted since {commit}: {what}"),
    )
    .label("drifted")
    .help("update the reference (and the document's commit) to the current code")
}
