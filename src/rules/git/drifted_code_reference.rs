use std::collections::BTreeMap;

use crate::check::document::Document;
use crate::coderefs::{At, Now, Reading, Verdict};
use crate::diagnostic::Diagnostic;
use crate::kinds::Kinds;
use crate::rules::{Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports code references that held when the document was written (at
    /// its cited commit, or for a document that cites none, at the commits
    /// that wrote it) but no longer do at HEAD: the file was deleted or
    /// moved, or it is now shorter than the referenced range. One finding
    /// per document and file, listing the lines it affects; when Git shows
    /// where the file went (a commit that deleted it and added one with the
    /// same content or name), the finding says so.
    ///
    /// In a document that is a record of its time, drift is information:
    /// its `status` says it is finished (`complete`, `implemented`,
    /// `superseded`, `archived`…), every item of its task lists is ticked,
    /// it is a handoff, or it is a plan that does not say it is still under
    /// way (a plan's references are to the code it set out to change).
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
    /// Update the references (and the document's commit) to the current
    /// code, or mark the document finished and leave it as history.
    DriftedCodeReference, code = "DC209", name = "drifted-code-reference", severity = Warning
}

/// One DC209 per (document, file) whose references drifted.
pub fn check(kinds: &Kinds, docs: &[Document], readings: &[Reading], out: &mut Vec<Diagnostic>) {
    // (document, file) → (since, now, references): sorted, so findings come
    // out in a stable order.
    let mut groups: BTreeMap<(usize, &str), (&At, &Now, Vec<usize>)> = BTreeMap::new();
    for reading in readings {
        if let Some(Verdict::Drifted { path, since, now }) = reading.problem() {
            groups
                .entry((reading.doc(), path.as_str()))
                .or_insert((since, now, Vec::new()))
                .2
                .push(reading.reference());
        }
    }
    for ((doc, path), (since, now, mut refs)) in groups {
        let document = &docs[doc];
        refs.sort_by_key(|&k| document.facts.code_refs[k].span.start);
        let ranges: Vec<String> = refs
            .iter()
            .map(|&k| {
                let r = &document.facts.code_refs[k];
                if r.start == r.end {
                    r.start.to_string()
                } else {
                    format!("{}-{}", r.start, r.end)
                }
            })
            .collect();
        let mut unique: Vec<String> = Vec::with_capacity(ranges.len());
        for range in ranges {
            if !unique.contains(&range) {
                unique.push(range);
            }
        }
        let ranges = unique;
        let first = &document.facts.code_refs[refs[0]];
        let mut d = diagnostic(first.span, path, since, now, &ranges);
        for &k in &refs[1..] {
            d = d.related(document.facts.code_refs[k].span, "drifted too");
        }
        // A plan's references are to the code it set out to change: once
        // carried out (or when it never says it is still under way) the code
        // has moved on, as it should.
        let plan = document.kind.is_some_and(|k| kinds.get(k).name == "plan");
        if document.facts.finished() || (plan && document.facts.status.is_none()) {
            d = d.at_most(Severity::Info);
        }
        out.push(d.in_file(&document.path));
    }
}

pub fn diagnostic(
    span: crate::source::Span,
    path: &str,
    since: &At,
    now: &Now,
    ranges: &[String],
) -> Diagnostic {
    let lines = match ranges {
        [one] => format!("line {one}"),
        many => format!("lines {}", many.join(", ")),
    };
    let since = match since {
        At::Head => "HEAD".to_owned(),
        At::Commit(_) => format!("commit {since}"),
    };
    let (what, help) = match now {
        Now::Gone(Some(to)) if to.ends_with('/') => (
            format!("`{path}` was split into `{to}` since {since} ({lines} cited)"),
            format!(
                "point the references at the files under `{to}` (and update the document's commit)"
            ),
        ),
        Now::Gone(Some(to)) => (
            format!("`{path}` has moved since {since}: it is now `{to}` ({lines} cited)"),
            format!("point the references at `{to}` (and update the document's commit)"),
        ),
        Now::Gone(None) => (
            format!("`{path}` no longer exists at HEAD; it did at {since} ({lines} cited)"),
            "update the references to the current code, or mark the document finished".to_owned(),
        ),
        Now::Shorter(n) => (
            format!("`{path}` has only {n} lines at HEAD; at {since} it held {lines}"),
            "update the line ranges (and the document's commit) to the current code".to_owned(),
        ),
    };
    Diagnostic::new(&DriftedCodeReference::META, span, what)
        .label("drifted")
        .help(help)
}
