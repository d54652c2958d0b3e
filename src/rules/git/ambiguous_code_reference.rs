use crate::check::document::Document;
use crate::coderefs::{Reading, Verdict};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a code reference whose path is the end of several files'
    /// paths, all long enough to hold its line range (`svm.rs:22` in a
    /// repository with `core/src/svm.rs` and `bindings/src/svm.rs`), so that
    /// doccheck cannot tell which file it means and does not check it.
    ///
    /// ## Why is this bad?
    /// A reader cannot tell either without opening each file. It is
    /// information, not an error: the reference may well be right.
    ///
    /// ## Example
    /// ```markdown
    /// The kernel cache lives in `svm.rs:22-40`.
    /// ```
    ///
    /// ## How to fix
    /// Write enough of the path to name one file (`core/src/svm.rs:22-40`).
    AmbiguousCodeReference, code = "DC212", name = "ambiguous-code-reference", severity = Info
}

pub fn check(docs: &[Document], readings: &[Reading], out: &mut Vec<Diagnostic>) {
    for reading in readings {
        if let Some(Verdict::Ambiguous(candidates)) = reading.problem() {
            let doc = &docs[reading.doc()];
            let r = &doc.facts.code_refs[reading.reference()];
            out.push(diagnostic(r.span, &r.path, candidates).in_file(&doc.path));
        }
    }
}

pub fn diagnostic(span: Span, written: &str, candidates: &[String]) -> Diagnostic {
    let listed: Vec<String> = candidates
        .iter()
        .take(4)
        .map(|c| format!("`{c}`"))
        .collect();
    let more = match candidates.len().saturating_sub(4) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    Diagnostic::new(
        &AmbiguousCodeReference::META,
        span,
        format!("`{written}` is ambiguous: {}{more}", listed.join(", ")),
    )
    .label("several files end this way")
    .help("write enough of the path to name one file")
}
