//! `graph --format html`: one self-contained page (no network: its script
//! and styles are inside it) that draws the picture on a canvas with pan
//! and zoom, search, filters by kind and status, and a panel with a
//! document's metadata, findings and neighbours. The layout is computed
//! here ([`super::layout`]); the page draws only what is on screen, so it
//! stays usable with a hundred thousand documents.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Serialize;

use super::layout::{self, NODE_H, NODE_W};
use super::picture::{How, Picture, State, What};
use crate::diagnostic::Diagnostic;
use crate::graph::Graph;
use crate::source::LineIndex;

const SCRIPT: &str = include_str!("html/page.js");
const STYLE: &str = include_str!("html/page.css");

/// One finding as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub severity: &'static str,
    pub code: &'static str,
    pub name: &'static str,
    pub line: usize,
    pub message: String,
}

/// The findings of each document, by document index.
#[derive(Debug, Default)]
pub struct Findings {
    by_doc: HashMap<usize, Vec<Finding>>,
}

impl Findings {
    /// The run's findings, placed on their lines: each file with findings
    /// is read once (`texts` first, for files not read from disk).
    pub fn collect(
        graph: &Graph<'_>,
        root: &Path,
        diagnostics: &[Diagnostic],
        texts: &HashMap<std::sync::Arc<str>, String>,
    ) -> Findings {
        let mut by_doc: HashMap<usize, Vec<Finding>> = HashMap::new();
        let mut lines: HashMap<&str, Option<(String, LineIndex)>> = HashMap::new();
        for d in diagnostics {
            let Some(&doc) = graph.index.get(&*d.path) else {
                continue;
            };
            let source = lines.entry(&d.path).or_insert_with(|| {
                let text = match texts.get(&d.path) {
                    Some(text) => Some(text.clone()),
                    None => crate::check::document::read_bytes(
                        root,
                        &root.join(&*d.path),
                        crate::discover::Entry::Other,
                    )
                    .ok()
                    .flatten()
                    .map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
                };
                text.map(|t| {
                    let index = LineIndex::new(&t);
                    (t, index)
                })
            });
            let line = source.as_ref().map_or(1, |(text, index)| {
                index.line_col(text, d.span.start as usize).line
            });
            by_doc.entry(doc).or_default().push(Finding {
                severity: d.severity.as_str(),
                code: d.rule.code,
                name: d.rule.name,
                line,
                message: d.message.clone(),
            });
        }
        Findings { by_doc }
    }
}

/// A node: type (0 document, 1 code, 2 missing, 3 unconnected), group,
/// state, x, y, label, path, kind (documents) or files (code) or kinds
/// (unconnected), title (where the label cut it), status, marks (1: graph
/// findings, 2: changed).
#[derive(Serialize)]
struct NodeData<'a>(
    u8,
    usize,
    u8,
    f32,
    f32,
    &'a str,
    String,
    String,
    String,
    &'a str,
    u8,
);

/// A document drawn inside the unconnected node: path, title, kind, status,
/// state.
#[derive(Serialize)]
struct LooseDoc<'a>(String, String, &'a str, &'a str, u8);

#[derive(Serialize)]
struct GroupData<'a> {
    name: &'a str,
    heading: String,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

#[derive(Serialize)]
struct StateData {
    name: &'static str,
    text: String,
    fill: &'static str,
    stroke: &'static str,
    color: &'static str,
}

#[derive(Serialize)]
struct Data<'a> {
    node_w: f32,
    node_h: f32,
    width: f32,
    height: f32,
    documents: usize,
    groups: Vec<GroupData<'a>>,
    states: Vec<StateData>,
    hows: Vec<(&'static str, &'static str)>,
    nodes: Vec<NodeData<'a>>,
    /// Flat, three numbers an arrow: from, to (in the direction of the
    /// flow), and how it was written plus 8 × its label (0 for none, else 1
    /// + an index into `labels`).
    edges: Vec<u32>,
    labels: Vec<String>,
    loose: Vec<LooseDoc<'a>>,
    findings: BTreeMap<String, &'a [Finding]>,
}

pub fn render(p: &Picture<'_>, findings: &Findings) -> String {
    let arrows = p.drawn();
    let lay = layout::layout(p, &arrows);
    let state_index = |s: State| State::ALL.iter().position(|&x| x == s).unwrap_or(0) as u8;
    let mut loose = Vec::new();
    let mut nodes = Vec::with_capacity(p.nodes.len());
    let mut found: BTreeMap<String, &[Finding]> = BTreeMap::new();
    let status_of = |d: usize| p.graph.docs[d].facts.status.as_deref().unwrap_or("");
    for (i, n) in p.nodes.iter().enumerate() {
        let (x, y) = lay.at[i];
        let (kind, extra, title, status) = match &n.what {
            What::Document(d) => (
                0,
                p.kind(i).to_owned(),
                super::picture::doc_title(p.graph, *d).into_owned(),
                status_of(*d),
            ),
            What::Code { files, .. } => (1, files.join("\n"), String::new(), ""),
            What::Missing(target) => (2, String::new(), target.clone(), ""),
            What::Unconnected(docs) => {
                for &d in docs {
                    let kind = p.graph.docs[d]
                        .kind
                        .map_or("", |k| p.kinds.get(k).name.as_str());
                    loose.push(LooseDoc(
                        format!("{}{}", p.prefix, p.graph.docs[d].path),
                        super::picture::doc_title(p.graph, d).into_owned(),
                        kind,
                        status_of(d),
                        state_index(State::of(p.graph.docs[d].facts.status.as_deref())),
                    ));
                    if let Some(list) = findings.by_doc.get(&d) {
                        found.insert(format!("{}{}", p.prefix, p.graph.docs[d].path), list);
                    }
                }
                (3, p.unconnected_kinds(docs), String::new(), "")
            }
        };
        if let What::Document(d) = n.what
            && let Some(list) = findings.by_doc.get(&d)
        {
            found.insert(p.path(i), list);
        }
        nodes.push(NodeData(
            kind,
            n.group,
            state_index(n.state),
            x,
            y,
            &n.label,
            p.path(i),
            extra,
            if title == n.label {
                String::new()
            } else {
                title
            },
            status,
            u8::from(n.gap) | u8::from(n.changed) << 1,
        ));
    }
    let mut labels: Vec<String> = Vec::new();
    let mut label_index: HashMap<&str, u32> = HashMap::new();
    let mut edges = Vec::with_capacity(arrows.len() * 3);
    for a in &arrows {
        let (from, to) = a.flow();
        let label = match &a.label {
            None => 0,
            Some(l) => *label_index.entry(l).or_insert_with(|| {
                labels.push(l.clone());
                labels.len() as u32
            }),
        };
        let how = How::ALL.iter().position(|&h| h == a.how).unwrap_or(0) as u32;
        edges.extend([from as u32, to as u32, how | label << 3]);
    }
    let data = Data {
        node_w: NODE_W,
        node_h: NODE_H,
        width: lay.width,
        height: lay.height,
        documents: p.groups.iter().map(|g| g.documents(p)).sum(),
        groups: p
            .groups
            .iter()
            .enumerate()
            .map(|(g, group)| GroupData {
                name: &group.name,
                heading: super::render::group_heading(p, group),
                x: lay.groups[g].x,
                y: lay.groups[g].y,
                w: lay.groups[g].w,
                h: lay.groups[g].h,
            })
            .collect(),
        states: State::ALL
            .iter()
            .map(|&s| {
                let (fill, stroke, color) = s.colors();
                StateData {
                    name: s.name(),
                    text: s.describe().to_owned(),
                    fill,
                    stroke,
                    color,
                }
            })
            .collect(),
        hows: How::ALL.iter().map(|h| (h.name(), h.legend())).collect(),
        nodes,
        edges,
        labels,
        loose,
        findings: found,
    };
    let json = serde_json::to_string(&data).expect("the graph serializes");
    // Inside <script>, `</` could close the element: JSON lets it be `<\/`.
    let json = json.replace("</", "<\\/");
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n<title>doccheck graph</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{BODY}<script type=\"application/json\" id=\"graph-data\">{json}</script>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n"
    )
}

const BODY: &str = r#"<header id="bar">
  <strong>doccheck graph</strong>
  <span id="count"></span>
  <span class="search"><input id="search" type="search" placeholder="Search title or path (/)" autocomplete="off" aria-label="Search documents"><ul id="results" hidden></ul></span>
  <details id="filters"><summary>Filter</summary><div id="filter-kinds"></div><div id="filter-states"></div></details>
  <button id="fit" title="Show everything (0)">Fit</button>
</header>
<main id="stage"><canvas id="canvas" aria-label="Document graph"></canvas><div id="hint">Drag to pan · wheel to zoom · click a node</div></main>
<aside id="side"><div id="panel"><p class="empty">Click a node to see its metadata, findings and neighbours.</p></div><div id="legend"><h3>Legend</h3></div></aside>
"#;
