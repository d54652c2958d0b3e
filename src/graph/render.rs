//! `doccheck graph`: the document graph as an indented tree, Mermaid, DOT or
//! JSON. Output is deterministic: nodes by path, edges in document order.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::fmt::Write;

use serde::Serialize;

use super::{Graph, Label};
use crate::kinds::Kinds;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tree,
    Mermaid,
    Dot,
    Json,
}

/// Mermaid refuses diagrams above 500 edges by default; beyond this the
/// graph is drawn by kind instead of by document.
pub const MERMAID_MAX_EDGES: usize = 500;

/// Which part of the graph to show.
#[derive(Debug, Default)]
pub struct View {
    /// Only documents connected to this one (a project-relative path).
    pub root: Option<usize>,
    /// Only documents of this kind.
    pub kind: Option<String>,
    /// Only documents with a graph finding, and their neighbours.
    pub gaps: Option<HashSet<usize>>,
}

/// The documents and edges a view keeps: documents with a kind, filtered.
fn select(graph: &Graph<'_>, kinds: &Kinds, view: &View) -> (Vec<bool>, Vec<usize>) {
    let n = graph.docs.len();
    let kind_name = |d: usize| graph.docs[d].kind.map(|k| kinds.get(k).name.as_str());
    let mut keep: Vec<bool> = (0..n)
        .map(|d| kind_name(d).is_some_and(|k| view.kind.as_deref().is_none_or(|want| want == k)))
        .collect();
    if let Some(gaps) = &view.gaps {
        let mut near = gaps.clone();
        for e in graph.edges() {
            if let Ok(to) = e.to
                && (gaps.contains(&e.from) || gaps.contains(&to))
            {
                near.insert(e.from);
                near.insert(to);
            }
        }
        for (d, k) in keep.iter_mut().enumerate() {
            *k &= near.contains(&d);
        }
    }
    if let Some(root) = view.root {
        let (outgoing, incoming) = graph.adjacency();
        let mut seen = vec![false; n];
        let mut queue = VecDeque::from([root]);
        seen[root] = true;
        while let Some(d) = queue.pop_front() {
            for &e in outgoing[d].iter().chain(&incoming[d]) {
                let edge = graph.edge(e as usize);
                for next in [Some(edge.from), edge.to.ok()].into_iter().flatten() {
                    if !seen[next] && keep[next] {
                        seen[next] = true;
                        queue.push_back(next);
                    }
                }
            }
        }
        for (d, k) in keep.iter_mut().enumerate() {
            *k &= seen[d];
        }
    }
    let edges = (0..graph.edges.len())
        .filter(|&e| {
            let edge = graph.edge(e);
            keep[edge.from] && edge.to.is_err_and(|_| view.kind.is_none())
                || edge.to.is_ok_and(|to| keep[edge.from] && keep[to])
        })
        .collect();
    (keep, edges)
}

pub fn render(
    graph: &Graph<'_>,
    kinds: &Kinds,
    view: &View,
    format: Format,
    prefix: &str,
) -> String {
    let (keep, edges) = select(graph, kinds, view);
    let r = Renderer {
        graph,
        kinds,
        keep,
        edges,
        prefix,
    };
    match format {
        Format::Tree => r.tree(),
        Format::Mermaid => r.mermaid(),
        Format::Dot => r.dot(),
        Format::Json => r.json(),
    }
}

struct Renderer<'g, 'a> {
    graph: &'g Graph<'a>,
    kinds: &'g Kinds,
    keep: Vec<bool>,
    edges: Vec<usize>,
    prefix: &'g str,
}

impl Renderer<'_, '_> {
    fn kind(&self, d: usize) -> &str {
        self.graph.docs[d]
            .kind
            .map_or("", |k| self.kinds.get(k).name.as_str())
    }

    fn path(&self, d: usize) -> String {
        format!("{}{}", self.prefix, self.graph.docs[d].path)
    }

    fn status(&self, d: usize) -> Option<&str> {
        self.graph.docs[d].facts.status.as_deref()
    }

    fn nodes(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.graph.docs.len()).filter(|&d| self.keep[d])
    }

    /// Citing documents under the documents they cite, starting from those
    /// that cite nothing; a document reached twice is shown once in full.
    fn tree(&self) -> String {
        let n = self.graph.docs.len();
        let mut citing: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut cites = vec![false; n];
        let mut broken: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &e in &self.edges {
            let edge = self.graph.edge(e);
            match edge.to {
                Ok(to) => {
                    citing[to].push(e);
                    cites[edge.from] = true;
                }
                Err(_) => broken[edge.from].push(e),
            }
        }
        let mut out = String::new();
        let mut shown = vec![false; n];
        let roots: Vec<usize> = self.nodes().filter(|&d| !cites[d]).collect();
        // Documents that only sit on cycles have no root: start from them too.
        for d in roots.into_iter().chain(self.nodes()) {
            if !shown[d] {
                self.tree_node(d, None, "", "", &citing, &broken, &mut shown, &mut out);
            }
        }
        if out.is_empty() {
            out.push_str("(no documents)\n");
        }
        out
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one recursive walk with its shared state"
    )]
    fn tree_node(
        &self,
        d: usize,
        via: Option<&str>,
        lead: &str,
        indent: &str,
        citing: &[Vec<usize>],
        broken: &[Vec<usize>],
        shown: &mut [bool],
        out: &mut String,
    ) {
        let status = self
            .status(d)
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
        let via = via.map(|v| format!(" ({v})")).unwrap_or_default();
        let again = if shown[d] { " (shown above)" } else { "" };
        let _ = writeln!(
            out,
            "{lead}{}: {} — {}{status}{via}{again}",
            self.kind(d),
            self.path(d),
            self.graph.title(d)
        );
        if shown[d] {
            return;
        }
        shown[d] = true;
        let children: Vec<(Option<usize>, usize)> = broken[d]
            .iter()
            .map(|&e| (None, e))
            .chain(
                citing[d]
                    .iter()
                    .map(|&e| (Some(self.graph.edge(e).from), e)),
            )
            .collect();
        for (i, (child, e)) in children.iter().enumerate() {
            let last = i + 1 == children.len();
            let (branch, next) = if last {
                ("└── ", "    ")
            } else {
                ("├── ", "│   ")
            };
            let edge = self.graph.edge(*e);
            match child {
                None => {
                    let _ = writeln!(
                        out,
                        "{indent}{branch}✗ {} → {} (missing)",
                        edge.label.name(),
                        edge.to.err().unwrap_or_default()
                    );
                }
                Some(c) => self.tree_node(
                    *c,
                    Some(edge.label.name()),
                    &format!("{indent}{branch}"),
                    &format!("{indent}{next}"),
                    citing,
                    broken,
                    shown,
                    out,
                ),
            }
        }
    }

    fn mermaid(&self) -> String {
        if self.edges.len() > MERMAID_MAX_EDGES {
            return self.mermaid_by_kind();
        }
        let mut out = String::from("graph LR\n");
        let ids: BTreeMap<usize, usize> = self.nodes().enumerate().map(|(i, d)| (d, i)).collect();
        for (&d, &id) in &ids {
            let _ = writeln!(
                out,
                "  n{id}[\"{}: {}<br/>{}\"]",
                self.kind(d),
                mermaid_text(self.graph.title(d)),
                mermaid_text(&self.path(d))
            );
        }
        let mut missing = 0;
        for &e in &self.edges {
            let edge = self.graph.edge(e);
            let from = ids[&edge.from];
            match edge.to {
                Ok(to) => {
                    let _ = writeln!(
                        out,
                        "  n{from} -->|{}| n{}",
                        mermaid_text(edge.label.name()),
                        ids[&to]
                    );
                }
                Err(target) => {
                    let _ = writeln!(
                        out,
                        "  n{from} -.->|{}| m{missing}[\"missing: {}\"]:::missing",
                        mermaid_text(edge.label.name()),
                        mermaid_text(target)
                    );
                    missing += 1;
                }
            }
        }
        if missing > 0 {
            out.push_str("  classDef missing stroke:#d00,stroke-dasharray:4 2,color:#d00\n");
        }
        out
    }

    /// One node per kind, edges counted by (from kind, to kind, label).
    fn mermaid_by_kind(&self) -> String {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for d in self.nodes() {
            *counts.entry(self.kind(d)).or_default() += 1;
        }
        let mut edges: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
        for &e in &self.edges {
            let edge = self.graph.edge(e);
            let to = edge.to.map_or("missing", |t| self.kind(t));
            *edges
                .entry((self.kind(edge.from), to, edge.label.name()))
                .or_default() += 1;
        }
        let mut out = format!(
            "%% {} documents and {} edges: more than Mermaid draws, so grouped by kind\ngraph LR\n",
            self.nodes().count(),
            self.edges.len()
        );
        for (kind, n) in &counts {
            let _ = writeln!(out, "  {kind}[\"{kind} ({n})\"]");
        }
        for ((from, to, label), n) in edges {
            let _ = writeln!(out, "  {from} -->|\"{} ×{n}\"| {to}", mermaid_text(label));
        }
        out
    }

    fn dot(&self) -> String {
        let mut out = String::from("digraph doccheck {\n  rankdir=LR;\n  node [shape=box];\n");
        for d in self.nodes() {
            let _ = writeln!(
                out,
                "  {} [label={}];",
                dot_text(&self.path(d)),
                dot_text(&format!("{}: {}", self.kind(d), self.graph.title(d)))
            );
        }
        for &e in &self.edges {
            let edge = self.graph.edge(e);
            let from = dot_text(&self.path(edge.from));
            match edge.to {
                Ok(to) => {
                    let _ = writeln!(
                        out,
                        "  {from} -> {} [label={}];",
                        dot_text(&self.path(to)),
                        dot_text(edge.label.name())
                    );
                }
                Err(target) => {
                    let _ = writeln!(
                        out,
                        "  {from} -> {} [label={}, style=dashed, color=red];",
                        dot_text(&format!("missing: {target}")),
                        dot_text(edge.label.name())
                    );
                }
            }
        }
        out.push_str("}\n");
        out
    }

    fn json(&self) -> String {
        #[derive(Serialize)]
        struct Node<'a> {
            id: String,
            kind: &'a str,
            title: &'a str,
            status: Option<&'a str>,
            path: String,
        }
        #[derive(Serialize)]
        struct Edge<'a> {
            from: String,
            to: String,
            #[serde(rename = "type")]
            label: &'a str,
            broken: bool,
        }
        #[derive(Serialize)]
        struct Doc<'a> {
            nodes: Vec<Node<'a>>,
            edges: Vec<Edge<'a>>,
        }
        let nodes = self
            .nodes()
            .map(|d| Node {
                id: self.path(d),
                kind: self.kind(d),
                title: self.graph.title(d),
                status: self.status(d),
                path: self.path(d),
            })
            .collect();
        let edges = self
            .edges
            .iter()
            .map(|&e| {
                let edge = self.graph.edge(e);
                Edge {
                    from: self.path(edge.from),
                    to: match edge.to {
                        Ok(to) => self.path(to),
                        Err(target) => target.to_owned(),
                    },
                    label: match edge.label {
                        Label::Field(f) => f,
                        Label::Link => "link",
                    },
                    broken: edge.to.is_err(),
                }
            })
            .collect();
        serde_json::to_string_pretty(&Doc { nodes, edges }).expect("the graph serializes") + "\n"
    }
}

fn mermaid_text(s: &str) -> String {
    s.replace('"', "#quot;")
        .replace('|', "#124;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
}

fn dot_text(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
