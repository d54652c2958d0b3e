//! `doccheck graph`: a [`Picture`] as an indented tree, Mermaid, DOT, JSON,
//! SVG or a self-contained HTML page. Output is deterministic: groups in
//! the order of the flow, nodes by path, ids derived from paths, so a
//! committed drawing changes only where the documents did.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::picture::{Arrow, How, Picture, State, What, wrap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tree,
    Mermaid,
    Dot,
    Json,
    Svg,
    Html,
}

/// Mermaid refuses diagrams above 500 edges by default; beyond this the
/// graph is drawn by group instead of by document.
pub const MERMAID_MAX_EDGES: usize = 500;

/// GitHub's Mermaid refuses diagrams longer than 50,000 characters.
pub const MERMAID_MAX_TEXT: usize = 48_000;

/// Renders `picture`. `findings` (for the HTML page) are each document's
/// findings, by document index.
pub fn render(picture: &Picture<'_>, format: Format, findings: &super::html::Findings) -> String {
    match format {
        Format::Tree => tree(picture),
        Format::Mermaid => mermaid(picture),
        Format::Dot => dot(picture),
        Format::Json => json(picture),
        Format::Svg => super::svg::render(picture),
        Format::Html => super::html::render(picture, findings),
    }
}

/// Citing documents under the documents they cite, starting from those
/// that cite no document; a document reached twice is shown once in full.
/// The code a document explains and the references that lead nowhere are
/// its leaves.
fn tree(p: &Picture<'_>) -> String {
    let n = p.nodes.len();
    let mut citing: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut leaves: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut cites_doc = vec![false; n];
    for (i, a) in p.arrows.iter().enumerate() {
        match p.nodes[a.cited].what {
            What::Document(_) => {
                citing[a.cited].push(i);
                cites_doc[a.citing] = true;
            }
            _ => leaves[a.citing].push(i),
        }
    }
    let docs: Vec<usize> = (0..n)
        .filter(|&i| matches!(p.nodes[i].what, What::Document(_)))
        .collect();
    let mut out = String::new();
    let mut shown = vec![false; n];
    // Documents that only sit on cycles have no root: start from them too.
    let roots = docs.iter().filter(|&&d| !cites_doc[d]).chain(&docs);
    for &d in roots {
        if !shown[d] {
            tree_node(p, d, None, "", "", &citing, &leaves, &mut shown, &mut out);
        }
    }
    for node in &p.nodes {
        if let What::Unconnected(docs) = &node.what {
            let _ = writeln!(
                out,
                "{} ({}; --all lists them)",
                node.label,
                p.unconnected_kinds(docs)
            );
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
    p: &Picture<'_>,
    node: usize,
    via: Option<&str>,
    lead: &str,
    indent: &str,
    citing: &[Vec<usize>],
    leaves: &[Vec<usize>],
    shown: &mut [bool],
    out: &mut String,
) {
    let doc = p.doc(node).expect("tree nodes are documents");
    let status = p.graph.docs[doc]
        .facts
        .status
        .as_deref()
        .map(|s| format!(" [{s}]"))
        .unwrap_or_default();
    let via = via.map(|v| format!(" ({v})")).unwrap_or_default();
    let again = if shown[node] { " (shown above)" } else { "" };
    let _ = writeln!(
        out,
        "{lead}{}: {} — {}{status}{via}{again}",
        p.kind(node),
        p.path(node),
        super::picture::doc_title(p.graph, doc)
    );
    if shown[node] {
        return;
    }
    shown[node] = true;
    let children: Vec<usize> = leaves[node].iter().chain(&citing[node]).copied().collect();
    for (i, &a) in children.iter().enumerate() {
        let last = i + 1 == children.len();
        let (branch, next) = if last {
            ("└── ", "    ")
        } else {
            ("├── ", "│   ")
        };
        let arrow = &p.arrows[a];
        match &p.nodes[arrow.cited].what {
            What::Missing(target) => {
                let _ = writeln!(
                    out,
                    "{indent}{branch}✗ {} → {target} (missing)",
                    arrow.field
                );
            }
            What::Code { folder, files } => {
                let shown_files: Vec<&str> = files
                    .iter()
                    .map(|f| f.strip_prefix(folder.as_str()).unwrap_or(f))
                    .collect();
                let files = match shown_files.len() {
                    0 => String::new(),
                    _ => format!(" ({})", shown_files.join(", ")),
                };
                let _ = writeln!(out, "{indent}{branch}code: {}{files}", p.path(arrow.cited));
            }
            _ => tree_node(
                p,
                arrow.citing,
                Some(arrow.field),
                &format!("{indent}{branch}"),
                &format!("{indent}{next}"),
                citing,
                leaves,
                shown,
                out,
            ),
        }
    }
}

/// Colours of the nodes that are not documents: (class, fill, stroke, text).
const SPECIAL: [(&str, &str, &str, &str); 3] = [
    ("code", "#e3ecf6", "#3d6a99", "#142c47"),
    ("missing", "#fff0f0", "#d00000", "#a00000"),
    ("unconnected", "#f4f4f5", "#9ca3af", "#4b5563"),
];

const GAP_STROKE: &str = "#d00000";
/// The border of what the change touched (`--since`, the step summary).
pub const CHANGED_STROKE: &str = "#7c3aed";

fn mermaid(p: &Picture<'_>) -> String {
    let arrows = p.drawn();
    let mut out = mermaid_full(p, &arrows);
    if arrows.len() > MERMAID_MAX_EDGES || out.len() > MERMAID_MAX_TEXT {
        out = mermaid_by_group(p, &arrows);
    }
    out
}

/// The label of a node in Mermaid: lines of about 24 characters.
fn mermaid_label(label: &str) -> String {
    wrap(&mermaid_text(label), 24).join("<br/>")
}

fn mermaid_full(p: &Picture<'_>, arrows: &[Arrow<'_>]) -> String {
    let documents = p.groups.iter().map(|g| g.documents(p)).sum::<usize>();
    let mut out = format!(
        "%%{{init: {{\"flowchart\": {{\"nodeSpacing\": 24, \"rankSpacing\": 56}}}}}}%%\n%% doccheck graph: {documents} documents, {} arrows; A → B: B builds on A\nflowchart LR\n",
        arrows.len()
    );
    for group in &p.groups {
        let single = group.name == "unconnected";
        if !single {
            let _ = writeln!(
                out,
                "  subgraph g_{}[\"{}\"]",
                mermaid_id(&group.name),
                group_heading(p, group)
            );
        }
        for &node in &group.nodes {
            let n = &p.nodes[node];
            let indent = if single { "  " } else { "    " };
            let (open, close, class) = match &n.what {
                What::Document(_) => ("[\"", "\"]", n.state.name()),
                What::Code { .. } => ("[[\"", "\"]]", "code"),
                What::Missing(_) => ("[\"", "\"]", "missing"),
                What::Unconnected(_) => ("([\"", "\"])", "unconnected"),
            };
            let text = match &n.what {
                What::Unconnected(docs) => format!(
                    "{}<br/>{}",
                    mermaid_text(&n.label),
                    mermaid_label(&p.unconnected_kinds(docs))
                ),
                What::Missing(_) => format!("missing:<br/>{}", mermaid_label(&n.label)),
                What::Code { .. } => mermaid_text(&n.label),
                _ => mermaid_label(&n.label),
            };
            let _ = writeln!(out, "{indent}{}{open}{text}{close}:::{class}", n.id);
        }
        if !single {
            out.push_str("  end\n");
        }
    }
    let mut styled: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, a) in arrows.iter().enumerate() {
        let (from, to) = a.flow();
        let line = match a.how {
            How::Declared => "==>",
            How::Link | How::Code => "-->",
            How::Mention | How::Broken => "-.->",
        };
        match &a.label {
            Some(label) => {
                let _ = writeln!(
                    out,
                    "  {} {line}|{}| {}",
                    p.nodes[from].id,
                    mermaid_text(label),
                    p.nodes[to].id
                );
            }
            None => {
                let _ = writeln!(out, "  {} {line} {}", p.nodes[from].id, p.nodes[to].id);
            }
        }
        match a.how {
            How::Broken => styled.entry("stroke:#d00000").or_default().push(i),
            How::Code => styled.entry("stroke:#3d6a99").or_default().push(i),
            _ => {}
        }
    }
    for (style, links) in &styled {
        let links: Vec<String> = links.iter().map(usize::to_string).collect();
        let _ = writeln!(out, "  linkStyle {} {style}", links.join(","));
    }
    let gaps: Vec<&str> = p.nodes.iter().filter(|n| n.gap).map(|n| &*n.id).collect();
    let changed: Vec<&str> = p
        .nodes
        .iter()
        .filter(|n| n.changed)
        .map(|n| &*n.id)
        .collect();
    for (class, ids) in [("gap", gaps), ("changed", changed)] {
        if !ids.is_empty() {
            let _ = writeln!(out, "  class {} {class}", ids.join(","));
        }
    }
    mermaid_legend(p, arrows, &mut out);
    mermaid_classes(&mut out);
    out
}

/// The legend: what the colours and arrows say.
fn mermaid_legend(p: &Picture<'_>, arrows: &[Arrow<'_>], out: &mut String) {
    // Within the left-to-right flow, a column.
    out.push_str("  subgraph legend[\"legend\"]\n    direction LR\n");
    for state in p.states() {
        let _ = writeln!(
            out,
            "    legend_{}[\"{}\"]:::{}",
            state.name(),
            mermaid_label(&legend_state(p, state)),
            state.name()
        );
    }
    let mut specials: Vec<(&str, &str)> = Vec::new();
    if p.nodes.iter().any(|n| n.gap) {
        specials.push(("nostatus", "has graph findings"));
    }
    if p.nodes.iter().any(|n| n.changed) {
        specials.push(("nostatus", "changed"));
    }
    for (class, text) in [("code", "code folder"), ("missing", "missing document")] {
        if p.groups.iter().any(|g| g.name == class) {
            specials.push((class, text));
        }
    }
    for (class, text) in specials {
        let id = if text.starts_with("has") {
            "gap"
        } else {
            class
        };
        let _ = writeln!(out, "    legend_{id}[\"{text}\"]:::{class}");
    }
    let mut hows: Vec<How> = arrows.iter().map(|a| a.how).collect();
    hows.sort();
    hows.dedup();
    let lines: Vec<String> = hows
        .iter()
        .map(|how| {
            let line = match how {
                How::Declared => "⟹",
                How::Link | How::Code => "→",
                How::Mention | How::Broken => "⇢",
            };
            mermaid_text(&how.legend().replace('→', line))
        })
        .collect();
    if !lines.is_empty() {
        let _ = writeln!(
            out,
            "    legend_arrows[\"{}\"]:::legend",
            lines.join("<br/>")
        );
    }
    out.push_str("  end\n");
    if p.nodes.iter().any(|n| n.gap) {
        out.push_str("  class legend_gap gap\n");
    }
    if p.nodes.iter().any(|n| n.changed) {
        out.push_str("  class legend_changed changed\n");
    }
    for group in p.groups.iter().filter(|g| g.name != "unconnected") {
        let _ = writeln!(
            out,
            "  style g_{} fill:#f6f7f9,stroke:#d0d5dd,color:#374151",
            mermaid_id(&group.name)
        );
    }
    out.push_str("  style legend fill:#ffffff,stroke:#d0d5dd,color:#374151\n");
}

fn mermaid_classes(out: &mut String) {
    for state in State::ALL {
        let (fill, stroke, color) = state.colors();
        let dash = if state == State::Retired {
            ",stroke-dasharray:4 3"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  classDef {} fill:{fill},stroke:{stroke},color:{color}{dash}",
            state.name()
        );
    }
    for (class, fill, stroke, color) in SPECIAL {
        let dash = if class == "code" {
            ""
        } else {
            ",stroke-dasharray:5 3"
        };
        let _ = writeln!(
            out,
            "  classDef {class} fill:{fill},stroke:{stroke},color:{color}{dash}"
        );
    }
    let _ = writeln!(
        out,
        "  classDef legend fill:#ffffff,stroke:#d0d5dd,color:#374151,text-align:left"
    );
    let _ = writeln!(out, "  classDef gap stroke:{GAP_STROKE},stroke-width:3px");
    let _ = writeln!(
        out,
        "  classDef changed stroke:{CHANGED_STROKE},stroke-width:3px,stroke-dasharray:0"
    );
}

/// The legend's line for a state: `done: complete, accepted`.
fn legend_state(p: &Picture<'_>, state: State) -> String {
    let values = p.statuses(state);
    let shown: Vec<&str> = values.iter().take(3).copied().collect();
    let more = if values.len() > 3 { ", …" } else { "" };
    match shown.is_empty() {
        true => state.describe().to_owned(),
        false => format!("{}: {}{more}", state.describe(), shown.join(", ")),
    }
}

/// `plan · 12`, `code · 4 folders`.
pub(super) fn group_heading(p: &Picture<'_>, group: &super::picture::Group) -> String {
    match group.name.as_str() {
        "code" => match group.nodes.len() {
            1 => "code · 1 folder".to_owned(),
            n => format!("code · {n} folders"),
        },
        "missing" => format!("missing · {}", group.nodes.len()),
        _ => format!("{} · {}", group.title(), group.documents(p)),
    }
}

/// One node per group, arrows counted between groups: what Mermaid can
/// draw of a graph too large for it.
fn mermaid_by_group(p: &Picture<'_>, arrows: &[Arrow<'_>]) -> String {
    let mut counts: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for a in arrows {
        let (from, to) = a.flow();
        *counts
            .entry((p.nodes[from].group, p.nodes[to].group))
            .or_default() += 1;
    }
    let documents = p.groups.iter().map(|g| g.documents(p)).sum::<usize>();
    let mut out = format!(
        "%% {documents} documents and {} arrows: more than Mermaid draws, so grouped by kind\nflowchart LR\n",
        arrows.len()
    );
    for group in &p.groups {
        let _ = writeln!(
            out,
            "  g_{}[\"{}\"]",
            mermaid_id(&group.name),
            group_heading(p, group)
        );
    }
    for ((from, to), n) in counts {
        let _ = writeln!(
            out,
            "  g_{} -->|\"×{n}\"| g_{}",
            mermaid_id(&p.groups[from].name),
            mermaid_id(&p.groups[to].name)
        );
    }
    out
}

fn mermaid_id(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn mermaid_text(s: &str) -> String {
    s.replace('"', "#quot;")
        .replace('|', "#124;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
}

/// DOT ids are the paths themselves: readable, stable and unique.
fn dot_id(p: &Picture<'_>, node: usize) -> String {
    match &p.nodes[node].what {
        What::Document(_) => dot_text(&p.path(node)),
        What::Code { folder, .. } => dot_text(&format!("code:{folder}")),
        What::Missing(target) => dot_text(&format!("missing:{target}")),
        What::Unconnected(_) => dot_text("unconnected"),
    }
}

fn dot(p: &Picture<'_>) -> String {
    let arrows = p.drawn();
    let mut out = String::from(
        "digraph doccheck {\n  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, nodesep=0.22, ranksep=0.9, newrank=true];\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, margin=\"0.12,0.06\"];\n  edge [color=\"#4b5563\", arrowsize=0.7];\n",
    );
    for group in &p.groups {
        let single = group.name == "unconnected";
        let indent = if single { "  " } else { "    " };
        if !single {
            let _ = writeln!(
                out,
                "  subgraph {} {{\n    label={}; style=\"rounded,filled\"; fillcolor=\"#f6f7f9\"; color=\"#d0d5dd\"; fontcolor=\"#374151\";",
                dot_text(&format!("cluster_{}", group.name)),
                dot_text(&group_heading(p, group))
            );
        }
        for &node in &group.nodes {
            let n = &p.nodes[node];
            let (label, tooltip, attrs) = match &n.what {
                What::Document(d) => {
                    let (fill, stroke, color) = n.state.colors();
                    let status = p.graph.docs[*d].facts.status.as_deref().unwrap_or("");
                    let dashed = if n.state == State::Retired {
                        ",dashed"
                    } else {
                        ""
                    };
                    let border = if n.gap {
                        format!(", color=\"{GAP_STROKE}\", penwidth=2.5")
                    } else if n.changed {
                        format!(", color=\"{CHANGED_STROKE}\", penwidth=2.5")
                    } else {
                        format!(", color=\"{stroke}\"")
                    };
                    (
                        wrap(&n.label, 26).join("\n"),
                        format!("{}\n{status}", p.path(node)),
                        format!(
                            "fillcolor=\"{fill}\", fontcolor=\"{color}\", style=\"rounded,filled{dashed}\"{border}"
                        ),
                    )
                }
                What::Code { files, .. } => (
                    n.label.clone(),
                    files.join("\n"),
                    format!(
                        "shape=folder, style=filled, fillcolor=\"#e3ecf6\", color=\"{}\", fontcolor=\"#142c47\"{}",
                        if n.changed { CHANGED_STROKE } else { "#3d6a99" },
                        if n.changed { ", penwidth=2.5" } else { "" }
                    ),
                ),
                What::Missing(target) => (
                    format!("missing:\n{}", wrap(&n.label, 26).join("\n")),
                    target.clone(),
                    "style=\"dashed,filled\", fillcolor=\"#fff0f0\", color=\"#d00000\", fontcolor=\"#a00000\"".to_owned(),
                ),
                What::Unconnected(docs) => (
                    format!("{}\n{}", n.label, wrap(&p.unconnected_kinds(docs), 30).join("\n")),
                    "documents connected to nothing: doccheck graph --all lists them".to_owned(),
                    "shape=box, style=\"rounded,dashed,filled\", fillcolor=\"#f4f4f5\", color=\"#9ca3af\", fontcolor=\"#4b5563\"".to_owned(),
                ),
            };
            let _ = writeln!(
                out,
                "{indent}{} [label={}, tooltip={}, {attrs}];",
                dot_id(p, node),
                dot_text(&label),
                dot_text(&tooltip)
            );
        }
        if !single {
            out.push_str("  }\n");
        }
    }
    for a in &arrows {
        let (from, to) = a.flow();
        let mut attrs: Vec<String> = Vec::new();
        match a.how {
            How::Declared => attrs.push("penwidth=1.8".into()),
            How::Link => {}
            How::Mention => attrs.push("style=dotted".into()),
            How::Broken => attrs.push("style=dashed, color=\"#d00000\"".into()),
            How::Code => attrs.push("color=\"#3d6a99\"".into()),
        }
        if let Some(label) = &a.label {
            attrs.push(format!(
                "label={}, fontsize=9, fontcolor=\"#4b5563\"",
                dot_text(label)
            ));
        }
        let attrs = match attrs.is_empty() {
            true => String::new(),
            false => format!(" [{}]", attrs.join(", ")),
        };
        let _ = writeln!(out, "  {} -> {}{attrs};", dot_id(p, from), dot_id(p, to));
    }
    // Each group's column is a rank: the flow reads left to right, and
    // kinds that do not follow each other stack. (Wrapping a long group
    // into several ranks, as the SVG does, makes Graphviz route every long
    // arrow through each of them: taller, not shorter.)
    let column = super::layout::columns(p, &arrows);
    let mut ranks: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (g, group) in p.groups.iter().enumerate() {
        if group.name != "unconnected" {
            ranks
                .entry(column[g])
                .or_default()
                .extend(group.nodes.iter().map(|&n| dot_id(p, n)));
        }
    }
    for ids in ranks.values() {
        let _ = writeln!(out, "  {{ rank=same; {}; }}", ids.join("; "));
    }
    dot_legend(p, &arrows, &mut out);
    out.push_str("}\n");
    out
}

fn dot_legend(p: &Picture<'_>, arrows: &[Arrow<'_>], out: &mut String) {
    let mut rows = String::new();
    for state in p.states() {
        let (fill, stroke, _) = state.colors();
        let _ = write!(
            rows,
            "<tr><td bgcolor=\"{fill}\" color=\"{stroke}\" border=\"1\" width=\"24\"></td><td align=\"left\">{}</td></tr>",
            html_text(&legend_state(p, state))
        );
    }
    if p.nodes.iter().any(|n| n.gap) {
        let _ = write!(
            rows,
            "<tr><td color=\"{GAP_STROKE}\" border=\"2\" width=\"24\"></td><td align=\"left\">has graph findings</td></tr>"
        );
    }
    if p.nodes.iter().any(|n| n.changed) {
        let _ = write!(
            rows,
            "<tr><td color=\"{CHANGED_STROKE}\" border=\"2\" width=\"24\"></td><td align=\"left\">changed</td></tr>"
        );
    }
    for (class, fill, stroke, _) in SPECIAL {
        if class != "unconnected" && p.groups.iter().any(|g| g.name == class) {
            let text = if class == "code" {
                "code folder"
            } else {
                "missing document"
            };
            let _ = write!(
                rows,
                "<tr><td bgcolor=\"{fill}\" color=\"{stroke}\" border=\"1\" width=\"24\"></td><td align=\"left\">{text}</td></tr>"
            );
        }
    }
    let mut hows: Vec<How> = arrows.iter().map(|a| a.how).collect();
    hows.sort();
    hows.dedup();
    for how in hows {
        let sample = match how {
            How::Declared => "━━▶",
            How::Link | How::Code => "──▶",
            How::Mention => "┈┈▶",
            How::Broken => "╌╌▶",
        };
        let text = how.legend().replace('→', sample);
        let _ = write!(
            rows,
            "<tr><td></td><td align=\"left\">{}</td></tr>",
            html_text(&text)
        );
    }
    let _ = writeln!(
        out,
        "  subgraph cluster_legend {{\n    label=\"legend\"; style=\"rounded\"; color=\"#d0d5dd\"; fontcolor=\"#374151\";\n    legend [shape=plaintext, style=\"\", label=<<table border=\"0\" cellspacing=\"3\" cellpadding=\"2\">{rows}</table>>];\n  }}"
    );
}

fn html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn dot_text(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

fn json(p: &Picture<'_>) -> String {
    #[derive(Serialize)]
    struct Node<'a> {
        id: String,
        kind: &'a str,
        title: String,
        status: Option<&'a str>,
        state: &'static str,
        path: String,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        gap: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        files: Option<&'a [String]>,
    }
    #[derive(Serialize)]
    struct Edge<'a> {
        from: &'a str,
        to: &'a str,
        #[serde(rename = "type")]
        label: &'a str,
        how: &'static str,
        broken: bool,
    }
    #[derive(Serialize)]
    struct Doc<'a> {
        nodes: Vec<Node<'a>>,
        edges: Vec<Edge<'a>>,
    }
    let doc_node = |d: usize| {
        let doc = &p.graph.docs[d];
        let path = format!("{}{}", p.prefix, doc.path);
        let status = doc.facts.status.as_deref();
        Node {
            id: path.clone(),
            kind: doc.kind.map_or("", |k| p.kinds.get(k).name.as_str()),
            title: super::picture::doc_title(p.graph, d).into_owned(),
            status,
            state: State::of(status).name(),
            path,
            gap: p.gaps[d],
            files: None,
        }
    };
    let mut nodes = Vec::with_capacity(p.nodes.len());
    // Machines get every document: the unconnected ones too, in path order.
    let mut docs: Vec<usize> = Vec::new();
    for (i, n) in p.nodes.iter().enumerate() {
        match &n.what {
            What::Document(d) => docs.push(*d),
            What::Unconnected(list) => docs.extend(list),
            What::Code { folder, files } => nodes.push(Node {
                id: format!("code:{}", p.path(i)),
                kind: "code",
                title: folder.clone(),
                status: None,
                state: "code",
                path: p.path(i),
                gap: false,
                files: Some(files),
            }),
            What::Missing(_) => {}
        }
    }
    docs.sort_unstable();
    let mut all: Vec<Node> = docs.into_iter().map(doc_node).collect();
    all.append(&mut nodes);
    // Each node's id once: a million arrows borrow them.
    let ids: Vec<String> = (0..p.nodes.len())
        .map(|i| match &p.nodes[i].what {
            What::Code { .. } => format!("code:{}", p.path(i)),
            _ => p.path(i),
        })
        .collect();
    let edges = p
        .arrows
        .iter()
        .map(|a| Edge {
            from: &ids[a.citing],
            to: &ids[a.cited],
            label: a.field,
            how: a.how.name(),
            broken: a.how == How::Broken,
        })
        .collect();
    serde_json::to_string_pretty(&Doc { nodes: all, edges }).expect("the graph serializes") + "\n"
}
