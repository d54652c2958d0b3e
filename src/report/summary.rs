//! The Markdown summary a CI job shows on its page (`$GITHUB_STEP_SUMMARY`):
//! counts, the findings per rule (infos included), the first findings
//! printed, and a Mermaid graph of the documents with graph gaps.

use std::fmt::Write;

use crate::check::Report;
use crate::check::document::Document;
use crate::diagnostic::Diagnostic;
use crate::graph::Graph;
use crate::graph::picture::{self, Picture, View};
use crate::graph::render::{self, Format};
use crate::project::Project;
use crate::rules::Severity;

/// How many findings the summary lists one by one.
const LISTED: usize = 20;

pub fn render(
    project: &Project,
    report: &Report,
    shown: &[&Diagnostic],
    docs: &[Document],
) -> String {
    let mut out = String::from("## doccheck\n\n");
    let counts: Vec<String> = [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "info"),
    ]
    .iter()
    .filter_map(|&(s, name)| {
        let n = report.count(s);
        (n > 0).then(|| format!("{n} {name}{}", if n == 1 { "" } else { "s" }))
    })
    .collect();
    let known = match report.known {
        0 => String::new(),
        n => format!(" {n} known finding(s) in the baseline are not reported."),
    };
    if counts.is_empty() {
        let _ = writeln!(
            out,
            "All checks passed ({} documents).{known}",
            report.documents
        );
        return out;
    }
    let _ = writeln!(
        out,
        "**{}** in {} documents.{known}\n",
        counts.join(", "),
        report.documents
    );
    let mut by_rule = super::statistics(&report.diagnostics);
    by_rule.sort_by_key(|r| r.rule.code);
    out.push_str("| Rule | Findings |\n|---|---:|\n");
    for r in &by_rule {
        let _ = writeln!(out, "| {} `{}` | {} |", r.rule.code, r.rule.name, r.count);
    }
    let mut listed: Vec<&Diagnostic> = shown.to_vec();
    listed.sort_by_key(|d| std::cmp::Reverse(d.severity));
    out.push_str("\n### Findings\n\n");
    for d in listed.iter().take(LISTED) {
        let _ = writeln!(
            out,
            "- **{}** {} `{}`: {}",
            d.severity,
            d.rule.code,
            project.display_path(&d.path),
            d.message.replace('\n', " ")
        );
    }
    if listed.len() > LISTED {
        let _ = writeln!(out, "- … and {} more", listed.len() - LISTED);
    }
    if let Some(mermaid) = graph(project, report, docs) {
        out.push_str(&mermaid);
    }
    out
}

/// The documents a summary's graph can draw: GitHub shows a large diagram
/// as an unreadable strip, so past this the graph is cut.
const DRAWN: usize = 40;

/// The Mermaid graph of the changed documents and those with graph gaps,
/// with their neighbours and the code they explain, limited to what fits:
/// the changed documents first, then the gaps, by path.
fn graph(project: &Project, report: &Report, docs: &[Document]) -> Option<String> {
    let graph = Graph::build(docs);
    let mut seeds: Vec<String> = report
        .changed
        .iter()
        .filter(|p| graph.index.contains_key(p.as_str()))
        .cloned()
        .collect();
    let mut gaps: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule.code.starts_with("DC4") && d.severity > Severity::Info)
        .map(|d| &*d.path)
        .filter(|p| !report.changed.iter().any(|c| c == p))
        .collect();
    gaps.sort_unstable();
    gaps.dedup();
    seeds.extend(gaps.iter().map(|p| (*p).to_owned()));
    if seeds.is_empty() {
        return None;
    }
    let code = picture::code_targets(&graph, &report.readings, &project.root);
    let build = |seeds: &[String]| {
        let view = View {
            seeds: Some(seeds.to_vec()),
            code: true,
            ..View::default()
        };
        Picture::build(
            &graph,
            &project.kinds,
            &project.prefix,
            &report.diagnostics,
            &code,
            &view,
        )
    };
    let mut shown = seeds.len();
    let mut picture = build(&seeds[..shown]);
    while shown > 1 && picture.nodes.len() > DRAWN {
        shown = (shown / 2).max(1);
        picture = build(&seeds[..shown]);
    }
    let mermaid = render::render(&picture, Format::Mermaid, &Default::default());
    let title = match (report.changed.is_empty(), gaps.is_empty()) {
        (false, false) => "What the change touches, and graph gaps",
        (false, true) => "What the change touches",
        _ => "Graph gaps",
    };
    let mut out = format!("\n### {title}\n\n```mermaid\n{mermaid}```\n");
    if shown < seeds.len() {
        let _ = writeln!(
            out,
            "\n{} more document(s) are not drawn: `doccheck graph --gaps --format html > graph.html` shows them all.",
            seeds.len() - shown
        );
    }
    Some(out)
}
