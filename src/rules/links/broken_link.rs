use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that every relative link and image in a document points to a
    /// file or folder that exists in the repository. A leading `/` means the
    /// project root; `http(s):`, `mailto:` and other URLs are not checked.
    /// Links inside code blocks and code spans are ignored.
    ///
    /// ## Why is this bad?
    /// A broken link sends the reader nowhere. It usually means the target
    /// was moved or renamed and the documents that cite it were not updated.
    ///
    /// ## Example
    /// ```markdown
    /// See [the plan](../plans/2025-12-13_rollout.md).   <!-- renamed -->
    /// ```
    ///
    /// ## How to fix
    /// Point the link at the file's current path, or restore the file.
    BrokenLink, code = "DC301", name = "broken-link", severity = Error
}

/// A link to a path that does not exist.
pub fn missing(span: Span, path: &str) -> Diagnostic {
    Diagnostic::new(&BrokenLink::META, span, format!("link target `{path}` does not exist"))
        .label("no such file")
        .help("point the link at the file's current path (relative to this document), or restore the file")
}

/// `[text]()`.
pub fn empty(span: Span) -> Diagnostic {
    Diagnostic::new(&BrokenLink::META, span, "this link has an empty target")
        .label("empty link")
        .help("write the path of the file or heading this link is meant to point at")
}
