use crate::check::document::Document;
use crate::coderefs::{At, By, Reading, Verdict};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks code references such as `src/config.py:183-243`, `path:L10`,
    /// `path#L10-L20` and `extractor.py:500`: the file must exist at the
    /// document's commit (its `git_commit`, or for a document that cites
    /// none, the commits where it was written and HEAD) with at least that
    /// many lines.
    ///
    /// A path is read the way its author meant it: from the project root,
    /// then from the document's folder, then as the end of exactly one
    /// file's path (`extractor.py` is the one `src/preprocessing/extractor.py`
    /// of the tree; when several files end that way, the line range picks
    /// the ones long enough to hold it). A file that only appeared after the
    /// cited commit (the note was written against work not yet committed)
    /// is checked at HEAD. A file that existed when the note was written and
    /// has moved or shrunk since is drift (DC209), not this rule. Paths into
    /// virtual environments and package caches, absolute and home paths,
    /// another project's tree, `host:port` strings and the stock examples of
    /// how to cite (`path/to/file.py:123`) are not references into the
    /// repository and are not checked.
    ///
    /// ## Why is this bad?
    /// A code reference is the evidence behind a finding. One that points
    /// past the end of a file, or at a file that never existed, sends the
    /// reader to the wrong code.
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

/// DC208 for every reference whose file is missing, or too short where the
/// document was written.
pub fn check(docs: &[Document], readings: &[Reading], out: &mut Vec<Diagnostic>) {
    for reading in readings {
        let doc = &docs[reading.doc()];
        let r = &doc.facts.code_refs[reading.reference()];
        let d = match reading.problem() {
            Some(Verdict::TooShort {
                path,
                by,
                lines,
                at,
            }) => too_short(r.span, &r.path, path, *by, r.end, *lines, at),
            Some(Verdict::Missing { at, nearest }) => {
                missing(r.span, &r.path, at, nearest.as_deref())
            }
            Some(Verdict::Unreadable { at, reason }) => {
                unreadable(r.span, &r.path, &place(at), reason)
            }
            Some(_) | None => continue,
        };
        out.push(d.in_file(&doc.path));
    }
}

/// `` `src/x.py` (from `x.py`) ``: the file, and what was written when that
/// differs.
pub fn named(path: &str, written: &str, by: By) -> String {
    if by == By::Root && path == written.trim_start_matches(['.', '/']) {
        format!("`{path}`")
    } else {
        format!("`{path}` (from `{written}`)")
    }
}

fn place(at: &At) -> String {
    match at {
        At::Head => "HEAD".to_owned(),
        At::Commit(_) => format!("commit {at}"),
    }
}

pub fn missing(span: Span, written: &str, at: &At, nearest: Option<&str>) -> Diagnostic {
    let checked = match at {
        At::Head => "at HEAD".to_owned(),
        At::Commit(_) => format!("at {}, at HEAD", place(at)),
    };
    Diagnostic::new(
        &BrokenCodeReference::META,
        span,
        format!("`{written}` matches no file {checked} or anywhere in the history"),
    )
    .label("no such file")
    .help(match nearest {
        Some(file) => format!("did you mean `{file}`? Correct the path (from the project root, the document's folder, or the end of one file's path)"),
        None => "correct the path (from the project root, the document's folder, or the end of one file's path)".to_owned(),
    })
}

pub fn too_short(
    span: Span,
    written: &str,
    path: &str,
    by: By,
    end: u32,
    lines: usize,
    at: &At,
) -> Diagnostic {
    Diagnostic::new(
        &BrokenCodeReference::META,
        span,
        format!(
            "{} has {lines} lines at {}; the reference reaches line {end}",
            named(path, written, by),
            place(at)
        ),
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
