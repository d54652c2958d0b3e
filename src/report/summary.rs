//! The Markdown summary a CI job shows on its page (`$GITHUB_STEP_SUMMARY`):
//! counts, the findings per rule (infos included), the first findings
//! printed, and a Mermaid graph of the documents with graph gaps.

use std::collections::HashSet;
use std::fmt::Write;

use crate::check::Report;
use crate::check::document::Document;
use crate::diagnostic::Diagnostic;
use crate::graph::Graph;
use crate::graph::render::{self, Format, View};
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
    let graph = Graph::build(docs);
    let gaps: HashSet<usize> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule.code.starts_with("DC4"))
        .filter_map(|d| graph.index.get(&*d.path).copied())
        .collect();
    if !gaps.is_empty() {
        let view = View {
            gaps: Some(gaps),
            ..View::default()
        };
        let mermaid = render::render(
            &graph,
            &project.kinds,
            &view,
            Format::Mermaid,
            &project.prefix,
        );
        let _ = write!(out, "\n### Graph gaps\n\n```mermaid\n{mermaid}```\n");
    }
    out
}
