//! `graph --format svg`: the picture drawn by doccheck itself, without
//! Graphviz: columns by kind in the order of the flow ([`super::layout`]),
//! nodes coloured by status, arrows by how they were written, a legend.

use std::fmt::Write;

use super::layout::{self, HEADER, Layout, NODE_H, NODE_W, PAD};
use super::picture::{Arrow, How, Picture, State, What, wrap};

const LEGEND_W: f32 = 300.0;
const MARGIN: f32 = 20.0;

pub fn render(p: &Picture<'_>) -> String {
    let arrows = p.drawn();
    let lay = layout::layout(p, &arrows);
    let legend = legend_rows(p, &arrows);
    let legend_h = 34.0 + legend.len() as f32 * 20.0;
    let width = lay.width + 2.0 * MARGIN + 40.0 + LEGEND_W;
    let height = lay.height.max(legend_h) + 2.0 * MARGIN;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">",
        w = width.ceil(),
        h = height.ceil()
    );
    out.push_str(STYLE);
    let _ = writeln!(
        out,
        "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<g transform=\"translate({MARGIN} {MARGIN})\">"
    );
    let boxes = |out: &mut String, headings: bool| {
        for (g, group) in p.groups.iter().enumerate() {
            let r = lay.groups[g];
            if group.name == "unconnected" {
                continue;
            }
            if headings {
                let _ = writeln!(
                    out,
                    "<text class=\"heading\" x=\"{}\" y=\"{}\">{}</text>",
                    r.x + PAD,
                    r.y + HEADER - 8.0,
                    text(&heading(p, g))
                );
            } else {
                let _ = writeln!(
                    out,
                    "<rect class=\"group\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\"/>",
                    r.x, r.y, r.w, r.h
                );
            }
        }
    };
    // Boxes under the arrows, headings over them.
    boxes(&mut out, false);
    for a in &arrows {
        arrow(p, &lay, a, &mut out);
    }
    boxes(&mut out, true);
    for node in 0..p.nodes.len() {
        draw_node(p, &lay, node, &mut out);
    }
    let lx = lay.width + 40.0;
    let _ = writeln!(
        out,
        "<g class=\"legend\" transform=\"translate({lx} 0)\"><rect class=\"bg\" width=\"{LEGEND_W}\" height=\"{legend_h}\" rx=\"8\"/><text x=\"12\" y=\"22\" font-weight=\"bold\">legend</text>"
    );
    for (i, row) in legend.iter().enumerate() {
        let y = 34.0 + i as f32 * 20.0;
        let _ = writeln!(
            out,
            "{}<text x=\"46\" y=\"{}\">{}</text>",
            row.0.replace("{y}", &format!("{y}")),
            y + 10.0,
            text(&row.1)
        );
    }
    out.push_str("</g>\n</g>\n</svg>\n");
    out
}

const STYLE: &str = "<style>
.group{fill:#f6f7f9;stroke:#d0d5dd}
.heading{fill:#374151;font-weight:bold;font-size:13px;paint-order:stroke;stroke:#f6f7f9;stroke-width:4px}
.legend .bg{fill:#ffffff;stroke:#d0d5dd}
.legend text{fill:#374151}
.node text{pointer-events:none}
.edge{fill:none;stroke:#4b5563;stroke-width:1.1}
.edge.declared{stroke-width:1.9}
.edge.mention{stroke-dasharray:2 3}
.edge.broken{stroke:#d00000;stroke-dasharray:6 3}
.edge.code{stroke:#3d6a99}
.elabel{fill:#4b5563;font-size:10px;paint-order:stroke;stroke:#ffffff;stroke-width:3px}
</style>
<defs><marker id=\"tip\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" fill=\"#4b5563\"/></marker>
<marker id=\"tip-red\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" fill=\"#d00000\"/></marker>
<marker id=\"tip-code\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" fill=\"#3d6a99\"/></marker></defs>
";

fn heading(p: &Picture<'_>, g: usize) -> String {
    super::render::group_heading(p, &p.groups[g])
}

fn class(how: How) -> (&'static str, &'static str) {
    match how {
        How::Declared => ("declared", "tip"),
        How::Link => ("link", "tip"),
        How::Mention => ("mention", "tip"),
        How::Broken => ("broken", "tip-red"),
        How::Code => ("code", "tip-code"),
    }
}

fn arrow(p: &Picture<'_>, lay: &Layout, a: &Arrow<'_>, out: &mut String) {
    let (from, to) = a.flow();
    let [s, c1, c2, e] = layout::curve(lay, from, to);
    let (class, tip) = class(a.how);
    let _ = writeln!(
        out,
        "<path class=\"edge {class}\" d=\"M{:.1} {:.1}C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}\" marker-end=\"url(#{tip})\"><title>{}</title></path>",
        s.0,
        s.1,
        c1.0,
        c1.1,
        c2.0,
        c2.1,
        e.0,
        e.1,
        text(&format!(
            "{} → {} ({})",
            p.path(a.citing),
            p.path(a.cited),
            a.field
        ))
    );
    if let Some(label) = &a.label {
        // The curve's midpoint.
        let mx = (s.0 + 3.0 * c1.0 + 3.0 * c2.0 + e.0) / 8.0;
        let my = (s.1 + 3.0 * c1.1 + 3.0 * c2.1 + e.1) / 8.0;
        let _ = writeln!(
            out,
            "<text class=\"elabel\" x=\"{mx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            my - 3.0,
            text(label)
        );
    }
}

fn draw_node(p: &Picture<'_>, lay: &Layout, node: usize, out: &mut String) {
    let n = &p.nodes[node];
    let (x, y) = lay.at[node];
    let (fill, stroke, color, dash, tooltip) = match &n.what {
        What::Document(d) => {
            let (fill, stroke, color) = n.state.colors();
            let status = p.graph.docs[*d]
                .facts
                .status
                .as_deref()
                .unwrap_or("no status");
            let dash = if n.state == State::Retired { "4 3" } else { "" };
            let title = super::picture::doc_title(p.graph, *d);
            (
                fill,
                stroke,
                color,
                dash,
                format!("{title}\n{}\n{} · {status}", p.path(node), p.kind(node)),
            )
        }
        What::Code { files, .. } => (
            "#e3ecf6",
            "#3d6a99",
            "#142c47",
            "",
            format!("{}\n{}", p.path(node), files.join("\n")),
        ),
        What::Missing(target) => (
            "#fff0f0",
            "#d00000",
            "#a00000",
            "5 3",
            format!("missing: {target}"),
        ),
        What::Unconnected(docs) => (
            "#f4f4f5",
            "#9ca3af",
            "#4b5563",
            "5 3",
            format!(
                "{}: {} (doccheck graph --all lists them)",
                n.label,
                p.unconnected_kinds(docs)
            ),
        ),
    };
    let (stroke, width) = if n.gap {
        ("#d00000", 2.6)
    } else if n.changed {
        (super::render::CHANGED_STROKE, 2.6)
    } else {
        (stroke, 1.2)
    };
    let dash = if dash.is_empty() {
        String::new()
    } else {
        format!(" stroke-dasharray=\"{dash}\"")
    };
    let _ = write!(
        out,
        "<g class=\"node\" id=\"{}\"><title>{}</title>",
        n.id,
        text(&tooltip)
    );
    if matches!(n.what, What::Code { .. }) {
        // A folder: a tab on the top left.
        let _ = write!(
            out,
            "<path d=\"M{x} {bottom}V{y}H{tab}L{tab2} {shoulder}H{right}V{bottom}Z\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"/>",
            bottom = y + NODE_H,
            tab = x + 56.0,
            tab2 = x + 64.0,
            shoulder = y + 6.0,
            right = x + NODE_W,
        );
    } else {
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash}/>"
        );
    }
    let lines = node_lines(p, node);
    let line_h = 14.0;
    let top = y + NODE_H / 2.0 - (lines.len() as f32 - 1.0) * line_h / 2.0 + 4.0;
    for (i, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{color}\">{}</text>",
            x + NODE_W / 2.0,
            top + i as f32 * line_h,
            text(line)
        );
    }
    out.push_str("</g>\n");
}

/// Characters on a line of a node's label.
const LINE: usize = 26;

/// At most two lines of about [`LINE`] characters.
pub fn node_lines(p: &Picture<'_>, node: usize) -> Vec<String> {
    let n = &p.nodes[node];
    let label = match &n.what {
        What::Missing(_) => format!("missing: {}", n.label),
        What::Unconnected(docs) => {
            return vec![
                n.label.clone(),
                super::picture::shorten(&p.unconnected_kinds(docs), LINE),
            ];
        }
        _ => n.label.clone(),
    };
    let mut lines = wrap(&label, LINE);
    if lines.len() > 2 {
        lines.truncate(2);
        let last = &mut lines[1];
        let cut: String = last.chars().take(LINE - 1).collect();
        *last = format!("{}…", cut.trim_end());
    }
    lines
}

/// The legend's rows: a sample (with `{y}` for its row) and its text.
fn legend_rows(p: &Picture<'_>, arrows: &[Arrow<'_>]) -> Vec<(String, String)> {
    let swatch = |fill: &str, stroke: &str, width: f32, dash: &str| {
        format!(
            "<rect x=\"12\" y=\"{{y}}\" width=\"26\" height=\"14\" rx=\"3\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\" stroke-dasharray=\"{dash}\"/>"
        )
    };
    let mut rows = Vec::new();
    for state in p.states() {
        let (fill, stroke, _) = state.colors();
        let dash = if state == State::Retired { "4 3" } else { "" };
        let values = p.statuses(state);
        let shown: Vec<&str> = values.iter().take(2).copied().collect();
        let text = match shown.is_empty() {
            true => state.describe().to_owned(),
            false => format!(
                "{}: {}{}",
                state.describe(),
                shown.join(", "),
                if values.len() > 2 { ", …" } else { "" }
            ),
        };
        rows.push((
            swatch(fill, stroke, 1.2, dash),
            super::picture::shorten(&text, 42),
        ));
    }
    if p.nodes.iter().any(|n| n.gap) {
        rows.push((
            swatch("#ffffff", "#d00000", 2.6, ""),
            "has graph findings".into(),
        ));
    }
    if p.nodes.iter().any(|n| n.changed) {
        rows.push((
            swatch("#ffffff", super::render::CHANGED_STROKE, 2.6, ""),
            "changed".into(),
        ));
    }
    if p.groups.iter().any(|g| g.name == "code") {
        rows.push((swatch("#e3ecf6", "#3d6a99", 1.2, ""), "code folder".into()));
    }
    if p.groups.iter().any(|g| g.name == "missing") {
        rows.push((
            swatch("#fff0f0", "#d00000", 1.2, "5 3"),
            "missing document".into(),
        ));
    }
    let mut hows: Vec<How> = arrows.iter().map(|a| a.how).collect();
    hows.sort();
    hows.dedup();
    for how in hows {
        let (class, tip) = class(how);
        rows.push((
            format!(
                "<path class=\"edge {class}\" d=\"M10 {{y}}h28\" transform=\"translate(0 7)\" marker-end=\"url(#{tip})\"/>"
            ),
            how.legend().to_owned(),
        ));
    }
    rows
}

fn text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
