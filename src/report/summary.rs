//! The Markdown summary a CI job shows on its page (`$GITHUB_STEP_SUMMARY`):
//! counts, the findings per rule, the first findings, and a Mermaid graph of
//! the documents with graph gaps.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;

use crate::check::Report;
use crate::check::document::Document;
use crate::graph::Graph;
use crate::graph::render::{self, Format, View};
use crate::project::Project;
use crate::rules::Severity;

/// How many findings the summary lists one by one.
const LISTED: usize = 20;

pub fn render(project: &Project, report: &Report, docs: &[Document]) -> String {
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
    if counts.is_empty() {
        let _ = writeln!(out, "All checks passed ({} documents).", report.documents);
        return out;
    }
    let _ = writeln!(
        out,
        "**{}** in {} documents.\n",
        counts.join(", "),
        report.documents
    );
    let mut by_rule: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for d in &report.diagnostics {
        *by_rule.entry((d.rule.code, d.rule.name)).or_default() += 1;
    }
    out.push_str("| Rule | Findings |\n|---|---:|\n");
    for ((code, name), n) in &by_rule {
        let _ = writeln!(out, "| {code} `{name}` | {n} |");
    }
    let mut listed: Vec<_> = report.diagnostics.iter().collect();
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
