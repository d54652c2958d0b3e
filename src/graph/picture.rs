//! What a drawing of the document graph shows: which documents, which code
//! they explain, how they are grouped, labelled and styled. Every renderer
//! draws a [`Picture`]; building one is linear in documents plus edges.
//!
//! Arrows are kept as written (the citing document, the cited one); the
//! drawings follow the work instead, research → plan → PR → code: a
//! document's arrow comes from what it builds on ([`Arrow::flow`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use super::Graph;
use crate::check::document::{LinkTarget, finished};
use crate::coderefs::Reading;
use crate::diagnostic::Diagnostic;
use crate::kinds::Kinds;
use crate::paths;
use crate::rules::Severity;

/// A document's status, as the drawing's colours say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    Active,
    Review,
    Done,
    Retired,
    Other,
    Unknown,
}

impl State {
    pub const ALL: [State; 6] = [
        State::Active,
        State::Review,
        State::Done,
        State::Retired,
        State::Other,
        State::Unknown,
    ];

    /// The state a status value means, whatever words the team uses:
    /// `complete`, `✅ Done`, `accepted` are done; `superseded by ADR-7` is
    /// retired; `draft`, `in-progress` are active.
    pub fn of(status: Option<&str>) -> State {
        let Some(status) = status.map(str::trim).filter(|s| !s.is_empty()) else {
            return State::Unknown;
        };
        let norm: String = status
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect();
        let norm = norm.trim_matches('_');
        // `100% Complete (17/17 phases done)`: the first word that is not
        // a number.
        let first = norm
            .split('_')
            .find(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
            .unwrap_or_default();
        match first {
            "superseded" | "deprecated" | "obsolete" | "abandoned" | "cancelled" | "canceled"
            | "rejected" | "archived" | "historical" => State::Retired,
            "accepted" | "approved" => State::Done,
            _ if finished(first) => State::Done,
            "ready" | "review" | "reviewing" => State::Review,
            _ if norm.contains("review") => State::Review,
            "in" | "wip" | "draft" | "proposed" | "open" | "active" | "ongoing" | "started"
            | "planning" | "planned" | "pending" | "todo" | "new" | "running" | "progress"
            | "doing" | "blocked" | "partial" | "paused" => State::Active,
            _ => State::Other,
        }
    }

    /// The style's name (a CSS class, a Mermaid `classDef`).
    pub fn name(self) -> &'static str {
        match self {
            State::Active => "active",
            State::Review => "review",
            State::Done => "done",
            State::Retired => "retired",
            State::Other => "other",
            State::Unknown => "nostatus",
        }
    }

    /// What the legend says.
    pub fn describe(self) -> &'static str {
        match self {
            State::Active => "in progress",
            State::Review => "in review",
            State::Done => "done",
            State::Retired => "superseded",
            State::Other => "other status",
            State::Unknown => "no status",
        }
    }

    /// Fill, stroke and text colours.
    pub fn colors(self) -> (&'static str, &'static str, &'static str) {
        match self {
            State::Active => ("#fff3c4", "#b08800", "#3d3000"),
            State::Review => ("#d3f1ee", "#178f84", "#0b3b36"),
            State::Done => ("#d8f0da", "#2e7d32", "#12361a"),
            State::Retired => ("#ececec", "#8a8a8a", "#555555"),
            State::Other => ("#efe4fb", "#7a4fb0", "#2e1650"),
            State::Unknown => ("#ffffff", "#6b7280", "#1f2937"),
        }
    }
}

/// How an arrow was written, which is how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum How {
    /// A reference field or a labelled reference: the document says it
    /// builds on its target.
    Declared,
    /// A link in the body.
    Link,
    /// A path in a code span, an id in prose, a path among other values.
    Mention,
    /// A reference to nothing.
    Broken,
    /// A code reference or a link to source code.
    Code,
}

impl How {
    /// Every way, in the order the page numbers them.
    pub const ALL: [How; 5] = [
        How::Declared,
        How::Link,
        How::Mention,
        How::Broken,
        How::Code,
    ];

    /// The legend's line for arrows written this way.
    pub fn legend(self) -> &'static str {
        match self {
            How::Declared => "A → B: B cites A in a reference field",
            How::Link => "A → B: B links to A",
            How::Mention => "A → B: B mentions A in its text",
            How::Broken => "B cites a document that is missing",
            How::Code => "A → code: A explains that code",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            How::Declared => "declared",
            How::Link => "link",
            How::Mention => "mention",
            How::Broken => "broken",
            How::Code => "code",
        }
    }
}

/// What a node stands for.
#[derive(Debug, Clone)]
pub enum What {
    /// A document, by index into the graph's documents.
    Document(usize),
    /// Source files in one folder (`src/config/`; empty for the root), and
    /// which of them the documents cite (a folder linked as a whole is not
    /// listed).
    Code { folder: String, files: Vec<String> },
    /// A reference that names no document, as written.
    Missing(String),
    /// Documents connected to nothing, drawn as one node.
    Unconnected(Vec<usize>),
}

#[derive(Debug, Clone)]
pub struct Node {
    /// Stable across runs: derived from the path (or folder, or target).
    pub id: String,
    pub what: What,
    pub group: usize,
    /// The shortened title (documents), the folder (code).
    pub label: String,
    pub state: State,
    /// A graph finding (DC4xx, warning or error) is about this document.
    pub gap: bool,
    /// The change the view follows (`--since`) touched it.
    pub changed: bool,
}

#[derive(Debug, Clone)]
pub struct Group {
    /// A kind's name, or `code`, `missing`, `unconnected`.
    pub name: String,
    /// Its nodes, by path.
    pub nodes: Vec<usize>,
}

impl Group {
    pub fn documents(&self, picture: &Picture<'_>) -> usize {
        self.nodes
            .iter()
            .map(|&n| match &picture.nodes[n].what {
                What::Document(_) => 1,
                What::Unconnected(docs) => docs.len(),
                _ => 0,
            })
            .sum()
    }

    /// The group's heading: `plan`, `code`.
    pub fn title(&self) -> &str {
        match self.name.as_str() {
            "unconnected" => "not connected",
            name => name,
        }
    }
}

/// One citation: a document citing a document, a missing one, or code.
#[derive(Debug, Clone)]
pub struct Arrow<'a> {
    pub citing: usize,
    pub cited: usize,
    /// The field, `link`, `code span`, or `code`.
    pub field: &'a str,
    pub how: How,
    /// Shown only where the field says more than the arrow and the kinds.
    pub label: Option<String>,
}

impl Arrow<'_> {
    /// (from, to) in the direction of the work: from what a document
    /// builds on to the document, from the document to its code.
    pub fn flow(&self) -> (usize, usize) {
        match self.how {
            How::Code => (self.citing, self.cited),
            _ => (self.cited, self.citing),
        }
    }
}

pub struct Picture<'g> {
    pub graph: &'g Graph<'g>,
    pub kinds: &'g Kinds,
    pub prefix: &'g str,
    /// In drawing order: the flow from research to code, left to right.
    pub groups: Vec<Group>,
    pub nodes: Vec<Node>,
    /// By citing node, then cited node.
    pub arrows: Vec<Arrow<'g>>,
    /// Documents with graph findings, by document index.
    pub gaps: Vec<bool>,
}

/// Which part of the graph to draw.
#[derive(Debug, Default, Clone)]
pub struct View {
    /// Only documents of this kind.
    pub kind: Option<String>,
    /// Documents under these project-relative paths (files or folders,
    /// `""` for all), and their neighbours.
    pub under: Vec<String>,
    /// The documents connected to this one, at most `depth` edges away.
    pub root: Option<(usize, Option<usize>)>,
    /// Only documents with graph findings, and their neighbours.
    pub gaps: bool,
    /// These files (documents, and code files whose folder is drawn), and
    /// their neighbours: what a change touched.
    pub seeds: Option<Vec<String>>,
    /// The code under this path and the documents that explain it.
    pub code_under: Option<String>,
    /// Draw code nodes.
    pub code: bool,
    /// List unconnected documents instead of drawing one node for them.
    pub all: bool,
}

/// Extensions of files that are documentation or media, not code: a link
/// to one is no edge to code.
const NOT_CODE: &[&str] = &[
    "md", "markdown", "mdx", "rst", "txt", "adoc", "org", "pdf", "png", "jpg", "jpeg", "gif",
    "svg", "webp", "ico", "bmp", "tif", "tiff", "mp4", "mov", "webm", "mp3", "wav", "html", "htm",
    "log",
];

/// The code each document cites, by document index: files (from its code
/// references and links) and folders it links to (with a trailing `/`).
/// Code references are the files `readings` resolved them to; without
/// readings (no Git), those written from the project root or the
/// document's folder that exist on disk.
pub fn code_targets(graph: &Graph<'_>, readings: &[Reading], root: &Path) -> Vec<Vec<String>> {
    let docs = graph.docs;
    let mut out: Vec<Vec<String>> = vec![Vec::new(); docs.len()];
    let is_code = |path: &str| {
        let name = path.rsplit('/').next().unwrap_or(path);
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        !NOT_CODE.contains(&ext.to_ascii_lowercase().as_str())
    };
    let mut on_disk: HashMap<String, Option<bool>> = HashMap::new();
    let mut stat = |rel: &str| -> Option<bool> {
        *on_disk
            .entry(rel.to_owned())
            .or_insert_with(|| std::fs::metadata(root.join(rel)).ok().map(|m| m.is_dir()))
    };
    if readings.is_empty() {
        for (d, doc) in docs.iter().enumerate() {
            for r in &doc.facts.code_refs {
                let written = r.path.trim_start_matches("./");
                let candidates = [paths::normalize(written), paths::join(&doc.path, written)];
                if let Some(file) = candidates
                    .into_iter()
                    .flatten()
                    .find(|c| !c.is_empty() && stat(c) == Some(false))
                {
                    out[d].push(file);
                }
            }
        }
    } else {
        for reading in readings {
            if let Some(file) = reading.file() {
                out[reading.doc()].push(file.to_owned());
            }
        }
    }
    for (d, doc) in docs.iter().enumerate() {
        for link in &doc.facts.links {
            let LinkTarget::Path(path) = link.target() else {
                continue;
            };
            let path = path.trim_end_matches('/');
            if path.is_empty() || graph.index.contains_key(path) || !is_code(path) {
                continue;
            }
            match stat(path) {
                Some(false) => out[d].push(path.to_owned()),
                // A folder of documents is not code.
                Some(true) if !holds_documents(graph, path) => out[d].push(format!("{path}/")),
                _ => {}
            }
        }
    }
    for targets in &mut out {
        targets.retain(|t| !graph.index.contains_key(t.as_str()) && is_code(t));
        targets.sort();
        targets.dedup();
    }
    out
}

/// Whether any document lies under the folder `dir`.
fn holds_documents(graph: &Graph<'_>, dir: &str) -> bool {
    let prefix = format!("{dir}/");
    let docs = graph.docs;
    let at = docs.partition_point(|d| *d.path < *prefix.as_str());
    docs.get(at).is_some_and(|d| d.path.starts_with(&prefix))
}

/// The folder a code target belongs to: a file's folder, or the folder
/// itself.
fn folder_of(target: &str) -> &str {
    match target.strip_suffix('/') {
        Some(dir) => dir,
        None => paths::parent(target),
    }
}

/// Whether `path` is `under` (a file or folder; `""` is everything).
fn is_under(path: &str, under: &str) -> bool {
    let under = under.trim_end_matches('/');
    under.is_empty()
        || path.trim_end_matches('/') == under
        || path.strip_prefix(under).is_some_and(|r| r.starts_with('/'))
}

/// A stable node id: a letter and 48 bits of the name's FNV-1a hash.
pub fn stable_id(letter: char, name: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{letter}{:012x}", h >> 16)
}

/// A kind's place in the flow, left to right, where the workflow says it:
/// research, then plans, then what implements them.
fn flow_rank(kind: &str) -> Option<f64> {
    Some(match kind {
        "research" | "ticket" | "issue" | "idea" => 0.0,
        "plan" => 2.0,
        "handoff" => 3.0,
        "pr" | "implementation" => 4.0,
        "review" => 5.0,
        "code" => 8.0,
        _ => return None,
    })
}

/// Words a reference field's name uses that say no more than the arrow does.
const PLAIN_WORDS: &[&str] = &[
    "related",
    "relates",
    "relation",
    "references",
    "reference",
    "refs",
    "ref",
    "see",
    "also",
    "links",
    "link",
    "linked",
    "doc",
    "docs",
    "document",
    "documents",
    "file",
    "files",
    "path",
    "source",
    "sources",
    "based",
    "on",
    "id",
    "ids",
    "of",
    "the",
    "to",
    "implementation",
    "md",
];

/// The label an arrow needs, if any: a reference field whose name says more
/// than "builds on a document of the target's kind" (`supersedes`,
/// `parent`), never `related_research` → research, links or mentions.
fn arrow_label(field: &str, how: How, target_kind: Option<&str>) -> Option<String> {
    if how != How::Declared {
        return None;
    }
    let last = field
        .rsplit(['.', ']', '['])
        .find(|s| !s.is_empty() && !s.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or(field);
    let plural = target_kind.map(|k| format!("{k}s"));
    let words: Vec<String> = field
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let says_more = words.iter().any(|w| {
        !PLAIN_WORDS.contains(&w.as_str())
            && Some(w.as_str()) != target_kind
            && Some(w) != plural.as_ref()
            && !w.bytes().all(|b| b.is_ascii_digit())
    });
    says_more.then(|| last.replace(['_', '-'], " ").trim().to_owned())
}

/// A title for a node: the document's own, without a leading `Plan:` that
/// the group already says, shortened to about 48 characters on a word.
pub fn short_title(title: &str, kind: &str) -> String {
    let title: String = title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['*', '`'], "");
    let mut rest = title.as_str();
    for prefix in [kind, "implementation plan", "research", "plan", "pr"] {
        let Some(head) = rest.get(..prefix.len()) else {
            continue;
        };
        if head.eq_ignore_ascii_case(prefix) {
            let after = rest[prefix.len()..].trim_start();
            if let Some(after) = after
                .strip_prefix(':')
                .or_else(|| after.strip_prefix("—"))
                .or_else(|| after.strip_prefix("- "))
            {
                let after = after.trim();
                if !after.is_empty() {
                    rest = after;
                    break;
                }
            }
        }
    }
    shorten(rest, 48)
}

/// `text` cut to at most `max` characters on a word boundary, with `…`.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > max / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '-', '.']))
}

/// Lines of at most about `width` characters, broken on words (a longer
/// word on its own lines).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        let chars: Vec<char> = word.chars().collect();
        for piece in chars.chunks(width.max(1)) {
            let piece: String = piece.iter().collect();
            match lines.last_mut() {
                Some(line)
                    if line.chars().count() + 1 + piece.chars().count() <= width
                        && chars.len() <= width =>
                {
                    line.push(' ');
                    line.push_str(&piece);
                }
                _ => lines.push(piece),
            }
        }
    }
    lines
}

/// A document's title, or its file name made readable
/// (`2025-10-25_email-only-welcome.md` → `email only welcome`).
pub fn doc_title<'a>(graph: &'a Graph<'_>, d: usize) -> std::borrow::Cow<'a, str> {
    let doc = &graph.docs[d];
    if let Some(title) = doc.facts.title.as_deref() {
        return title.into();
    }
    let name = doc.path.rsplit('/').next().unwrap_or(&doc.path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let undated = stem
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '_')
        .replace(['-', '_'], " ");
    let undated = undated.trim();
    if undated.is_empty() {
        stem.to_owned().into()
    } else {
        undated.to_owned().into()
    }
}

impl<'g> Picture<'g> {
    /// The picture of `view`. `code` is [`code_targets`]' answer, and
    /// `diagnostics` the run's findings (for the documents with gaps).
    pub fn build(
        graph: &'g Graph<'g>,
        kinds: &'g Kinds,
        prefix: &'g str,
        diagnostics: &[Diagnostic],
        code: &[Vec<String>],
        view: &View,
    ) -> Picture<'g> {
        let docs = graph.docs;
        let n = docs.len();
        let kind_of = |d: usize| docs[d].kind.map(|k| kinds.get(k).name.as_str());
        let mut gaps = vec![false; n];
        for d in diagnostics {
            if d.rule.code.starts_with("DC4")
                && d.severity > Severity::Info
                && let Some(&doc) = graph.index.get(&*d.path)
            {
                gaps[doc] = true;
            }
        }
        let base: Vec<bool> = (0..n)
            .map(|d| kind_of(d).is_some_and(|k| view.kind.as_deref().is_none_or(|want| want == k)))
            .collect();
        // Document edges between documents the view can show, and broken
        // ones (which have no kind to filter by).
        let mut doc_edges: Vec<(usize, Result<usize, &'g str>, &'g str, How)> = Vec::new();
        for e in graph.edges() {
            if !base[e.from] {
                continue;
            }
            let how = match e.cites {
                None => How::Link,
                Some(c) if c.declared() => How::Declared,
                Some(_) => How::Mention,
            };
            match e.to {
                Ok(to) if base[to] => doc_edges.push((e.from, Ok(to), e.label.name(), how)),
                Ok(_) => {}
                Err(target) if view.kind.is_none() => {
                    doc_edges.push((e.from, Err(target), e.label.name(), How::Broken));
                }
                Err(_) => {}
            }
        }
        // Code, by folder: what each document cites there.
        let mut code_of: Vec<BTreeMap<&str, Vec<&str>>> = vec![BTreeMap::new(); n];
        if view.code {
            for (d, targets) in code.iter().enumerate() {
                if !base[d] {
                    continue;
                }
                for t in targets {
                    if view.code_under.as_deref().is_some_and(|u| !is_under(t, u)) {
                        continue;
                    }
                    let files = code_of[d].entry(folder_of(t)).or_default();
                    if !t.ends_with('/') {
                        files.push(t);
                    }
                }
            }
        }

        // What the change the view follows touched, to mark it.
        let changed_doc: Vec<bool> = match &view.seeds {
            Some(seeds) => {
                let set: std::collections::HashSet<&str> =
                    seeds.iter().map(String::as_str).collect();
                docs.iter().map(|d| set.contains(&*d.path)).collect()
            }
            None => vec![false; n],
        };
        let touched_folder = |dir: &str| {
            view.seeds
                .as_ref()
                .is_some_and(|seeds| seeds.iter().any(|c| paths::parent(c) == dir))
        };

        // The view's focus: each narrows the documents kept.
        let mut keep = base.clone();
        let neighbours = |seeds: &[bool], code_seeds: Option<&dyn Fn(&str) -> bool>| {
            let mut near = seeds.to_vec();
            for (from, to, _, _) in &doc_edges {
                if let Ok(to) = *to
                    && (seeds[*from] || seeds[to])
                {
                    near[*from] = true;
                    near[to] = true;
                }
            }
            if let Some(touched) = code_seeds {
                for (d, folders) in code_of.iter().enumerate() {
                    if folders.keys().any(|dir| touched(dir)) {
                        near[d] = true;
                    }
                }
            }
            near
        };
        if !view.under.is_empty() {
            let seeds: Vec<bool> = (0..n)
                .map(|d| view.under.iter().any(|u| is_under(&docs[d].path, u)))
                .collect();
            let near = neighbours(&seeds, None);
            keep.iter_mut().zip(near).for_each(|(k, n)| *k &= n);
        }
        if view.gaps {
            let near = neighbours(&gaps, None);
            keep.iter_mut().zip(near).for_each(|(k, n)| *k &= n);
        }
        if let Some(changed) = &view.seeds {
            let changed_set: std::collections::HashSet<&str> =
                changed.iter().map(String::as_str).collect();
            let seeds: Vec<bool> = (0..n)
                .map(|d| changed_set.contains(&*docs[d].path))
                .collect();
            // A code node is touched when a file in its folder changed.
            let touched = |dir: &str| changed.iter().any(|c| paths::parent(c) == dir);
            let near = neighbours(&seeds, Some(&touched));
            keep.iter_mut().zip(near).for_each(|(k, n)| *k &= n);
        }
        if view.code_under.is_some() {
            for (k, folders) in keep.iter_mut().zip(&code_of) {
                *k &= !folders.is_empty();
            }
        }
        if let Some((root, depth)) = view.root {
            let mut adjacent: Vec<Vec<usize>> = vec![Vec::new(); n];
            for (from, to, _, _) in &doc_edges {
                if let Ok(to) = *to {
                    adjacent[*from].push(to);
                    adjacent[to].push(*from);
                }
            }
            let mut dist = vec![usize::MAX; n];
            let mut queue = std::collections::VecDeque::from([root]);
            dist[root] = 0;
            while let Some(d) = queue.pop_front() {
                if depth.is_some_and(|max| dist[d] >= max) {
                    continue;
                }
                for &next in &adjacent[d] {
                    if dist[next] == usize::MAX && keep[next] {
                        dist[next] = dist[d] + 1;
                        queue.push_back(next);
                    }
                }
            }
            for (d, k) in keep.iter_mut().enumerate() {
                *k &= dist[d] != usize::MAX;
            }
        }

        // Which kept documents connect to anything kept.
        let mut connected = vec![false; n];
        for (from, to, _, _) in &doc_edges {
            match *to {
                Ok(to) if keep[*from] && keep[to] => {
                    connected[*from] = true;
                    connected[to] = true;
                }
                Err(_) if keep[*from] => connected[*from] = true,
                _ => {}
            }
        }
        for (d, folders) in code_of.iter().enumerate() {
            if keep[d] && !folders.is_empty() {
                connected[d] = true;
            }
        }

        // Nodes, grouped: documents by kind, code by folder, missing
        // targets, the unconnected.
        let mut builder = Builder::default();
        let mut node_of: Vec<Option<usize>> = vec![None; n];
        let mut unconnected: Vec<usize> = Vec::new();
        for d in 0..n {
            if !keep[d] {
                continue;
            }
            if !connected[d] && !view.all {
                unconnected.push(d);
                continue;
            }
            let kind = kind_of(d).unwrap_or_default();
            let title = doc_title(graph, d);
            let node = builder.node(
                kind,
                Node {
                    id: stable_id('d', &docs[d].path),
                    what: What::Document(d),
                    group: 0,
                    label: short_title(&title, kind),
                    state: State::of(docs[d].facts.status.as_deref()),
                    gap: gaps[d],
                    changed: changed_doc[d],
                },
            );
            node_of[d] = Some(node);
        }
        let mut folders: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (d, of) in code_of.iter().enumerate() {
            if node_of[d].is_some() {
                for (dir, files) in of {
                    folders
                        .entry(dir)
                        .or_default()
                        .extend(files.iter().copied());
                }
            }
        }
        let mut folder_node: HashMap<&str, usize> = HashMap::new();
        for (dir, files) in &folders {
            let folder = if dir.is_empty() {
                String::new()
            } else {
                format!("{dir}/")
            };
            let node = builder.node(
                "code",
                Node {
                    id: stable_id('c', &folder),
                    label: if folder.is_empty() {
                        "./".to_owned()
                    } else {
                        shorten_folder(&folder)
                    },
                    what: What::Code {
                        folder,
                        files: files.iter().map(|f| (*f).to_owned()).collect(),
                    },
                    group: 0,
                    state: State::Unknown,
                    gap: false,
                    changed: false,
                },
            );
            builder.nodes[node].changed = touched_folder(dir);
            folder_node.insert(dir, node);
        }
        let mut missing_node: BTreeMap<&str, usize> = BTreeMap::new();
        let mut arrows = Vec::new();
        for (from, to, field, how) in &doc_edges {
            let Some(citing) = node_of[*from] else {
                continue;
            };
            let cited = match *to {
                Ok(to) => match node_of[to] {
                    Some(node) => node,
                    None => continue,
                },
                Err(target) => *missing_node.entry(target.trim()).or_insert_with(|| {
                    builder.node(
                        "missing",
                        Node {
                            id: stable_id('m', target.trim()),
                            what: What::Missing(target.trim().to_owned()),
                            group: 0,
                            label: shorten(target.trim(), 48),
                            state: State::Unknown,
                            gap: false,
                            changed: false,
                        },
                    )
                }),
            };
            let target_kind = to.ok().and_then(kind_of);
            arrows.push(Arrow {
                citing,
                cited,
                field,
                how: *how,
                label: arrow_label(field, *how, target_kind),
            });
        }
        for (d, of) in code_of.iter().enumerate() {
            let Some(citing) = node_of[d] else { continue };
            for dir in of.keys() {
                arrows.push(Arrow {
                    citing,
                    cited: folder_node[dir],
                    field: "code",
                    how: How::Code,
                    label: None,
                });
            }
        }
        if !unconnected.is_empty() {
            builder.node(
                "unconnected",
                Node {
                    id: "unconnected".to_owned(),
                    label: format!(
                        "{} unconnected document{}",
                        unconnected.len(),
                        if unconnected.len() == 1 { "" } else { "s" }
                    ),
                    what: What::Unconnected(unconnected),
                    group: 0,
                    state: State::Unknown,
                    gap: false,
                    changed: false,
                },
            );
        }
        let mut picture = builder.finish(graph, kinds, prefix, arrows);
        picture.gaps = gaps;
        picture
    }

    /// The node's project path as shown (documents), the folder (code), the
    /// target as written (missing).
    pub fn path(&self, node: usize) -> String {
        match &self.nodes[node].what {
            What::Document(d) => format!("{}{}", self.prefix, self.graph.docs[*d].path),
            What::Code { folder, .. } => format!("{}{folder}", self.prefix),
            What::Missing(target) => target.clone(),
            What::Unconnected(_) => String::new(),
        }
    }

    /// The document behind a node.
    pub fn doc(&self, node: usize) -> Option<usize> {
        match self.nodes[node].what {
            What::Document(d) => Some(d),
            _ => None,
        }
    }

    pub fn kind(&self, node: usize) -> &str {
        &self.groups[self.nodes[node].group].name
    }

    /// The unconnected documents' count by kind: `63 handoff, 47 plan`.
    pub fn unconnected_kinds(&self, docs: &[usize]) -> String {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for &d in docs {
            let kind = self.graph.docs[d]
                .kind
                .map_or("", |k| self.kinds.get(k).name.as_str());
            *counts.entry(kind).or_default() += 1;
        }
        let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
        counts.sort_by_key(|&(k, n)| (std::cmp::Reverse(n), k));
        counts
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The arrows to draw: one per pair of nodes, the strongest way it is
    /// written, with every label that says something.
    pub fn drawn(&self) -> Vec<Arrow<'g>> {
        let mut out: Vec<Arrow<'g>> = Vec::with_capacity(self.arrows.len());
        let mut at: HashMap<(usize, usize), usize> = HashMap::new();
        for a in &self.arrows {
            match at.get(&(a.citing, a.cited)) {
                Some(&i) => {
                    let kept = &mut out[i];
                    kept.how = kept.how.min(a.how);
                    if let Some(label) = &a.label {
                        match &mut kept.label {
                            Some(l) if l.split(", ").any(|x| x == label) => {}
                            Some(l) => {
                                l.push_str(", ");
                                l.push_str(label);
                            }
                            None => kept.label = Some(label.clone()),
                        }
                    }
                }
                None => {
                    at.insert((a.citing, a.cited), out.len());
                    out.push(a.clone());
                }
            }
        }
        out
    }

    /// The states the picture's documents have, for the legend.
    pub fn states(&self) -> Vec<State> {
        let mut seen: Vec<State> = self
            .nodes
            .iter()
            .filter(|n| matches!(n.what, What::Document(_)))
            .map(|n| n.state)
            .collect();
        seen.sort();
        seen.dedup();
        seen
    }

    /// The status values behind a state, for the legend (`done: complete,
    /// accepted`).
    pub fn statuses(&self, state: State) -> Vec<&str> {
        let mut seen: Vec<&str> = self
            .nodes
            .iter()
            .filter(|n| n.state == state)
            .filter_map(|n| match n.what {
                What::Document(d) => self.graph.docs[d].facts.status.as_deref(),
                _ => None,
            })
            .collect();
        seen.sort();
        seen.dedup();
        seen
    }
}

/// The longest folder label: one line of a node.
const FOLDER: usize = 26;

/// `…/models/linear/` for a long folder: the end says which code it is.
fn shorten_folder(folder: &str) -> String {
    if folder.chars().count() <= FOLDER {
        return folder.to_owned();
    }
    let parts: Vec<&str> = folder.trim_end_matches('/').split('/').collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut len = 2;
    for part in parts.iter().rev() {
        if len + part.chars().count() + 1 > FOLDER && !kept.is_empty() {
            break;
        }
        len += part.len() + 1;
        kept.push(part);
    }
    kept.reverse();
    format!("…/{}/", kept.join("/"))
}

#[derive(Default)]
struct Builder {
    nodes: Vec<Node>,
    by_group: BTreeMap<String, Vec<usize>>,
}

impl Builder {
    fn node(&mut self, group: &str, node: Node) -> usize {
        let i = self.nodes.len();
        self.nodes.push(node);
        self.by_group.entry(group.to_owned()).or_default().push(i);
        i
    }

    /// Groups in the order of the flow; nodes renumbered to follow them.
    fn finish<'g>(
        self,
        graph: &'g Graph<'g>,
        kinds: &'g Kinds,
        prefix: &'g str,
        arrows: Vec<Arrow<'g>>,
    ) -> Picture<'g> {
        let group_of: HashMap<usize, &str> = self
            .by_group
            .iter()
            .flat_map(|(g, nodes)| nodes.iter().map(move |&n| (n, g.as_str())))
            .collect();
        // Kinds the workflow does not place go beside what they inform:
        // just before the kinds that cite them, just after those they cite.
        let mut votes: HashMap<&str, (f64, usize)> = HashMap::new();
        for a in &arrows {
            let (from, to) = a.flow();
            let (from, to) = (group_of[&from], group_of[&to]);
            for (this, other, side) in [(from, to, -1.0), (to, from, 1.0)] {
                if flow_rank(this).is_none()
                    && this != "missing"
                    && let Some(rank) = flow_rank(other)
                {
                    let v = votes.entry(this).or_default();
                    v.0 += rank + side;
                    v.1 += 1;
                }
            }
        }
        let rank = |g: &str| -> f64 {
            match g {
                "missing" => -1.0,
                "unconnected" => 100.0,
                g => flow_rank(g).unwrap_or_else(|| {
                    votes.get(g).map_or(6.0, |&(sum, count)| sum / count as f64)
                }),
            }
        };
        // Groups of the same rank in the order their arrows flow
        // (decision → session → activity), by name where they do not say.
        let names: Vec<&String> = self.by_group.keys().collect();
        let at: HashMap<&str, usize> = names
            .iter()
            .enumerate()
            .map(|(i, g)| (g.as_str(), i))
            .collect();
        let mut after: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); names.len()];
        let mut before = vec![0usize; names.len()];
        for a in &arrows {
            let (from, to) = a.flow();
            let (from, to) = (at[group_of[&from]], at[group_of[&to]]);
            if from != to && rank(names[from]) == rank(names[to]) && after[from].insert(to) {
                before[to] += 1;
            }
        }
        let key = |g: usize| (rank(names[g]), names[g]);
        let mut placed = vec![false; names.len()];
        let mut sorted: Vec<&String> = Vec::with_capacity(names.len());
        while sorted.len() < names.len() {
            // The lowest rank first; in it, a group no other points to, or
            // in a cycle the one that most points onwards.
            let onwards = |g: usize| {
                let out = after[g].iter().filter(|&&n| !placed[n]).count();
                out as i64 - before[g] as i64
            };
            let pick = (0..names.len())
                .filter(|&g| !placed[g])
                .min_by(|&a, &b| {
                    let (ka, kb) = (key(a), key(b));
                    ka.0.total_cmp(&kb.0)
                        .then((before[a] > 0).cmp(&(before[b] > 0)))
                        .then(onwards(b).cmp(&onwards(a)))
                        .then(ka.1.cmp(kb.1))
                })
                .expect("a group is left");
            placed[pick] = true;
            sorted.push(names[pick]);
            for &next in &after[pick] {
                before[next] = before[next].saturating_sub(1);
            }
        }
        let names = sorted;
        // Within a group, by what the node names: the order in which the
        // builder met them, which is by path.
        let mut order: Vec<usize> = Vec::with_capacity(self.nodes.len());
        let mut groups = Vec::with_capacity(names.len());
        for name in names {
            let members = &self.by_group[name];
            let start = order.len();
            order.extend(members);
            groups.push(Group {
                name: name.clone(),
                nodes: (start..order.len()).collect(),
            });
        }
        let mut renumber = vec![0; self.nodes.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old] = new;
        }
        let mut slots: Vec<Option<Node>> = self.nodes.into_iter().map(Some).collect();
        let mut nodes: Vec<Node> = order
            .iter()
            .map(|&old| slots[old].take().expect("each node once"))
            .collect();
        for (g, group) in groups.iter().enumerate() {
            for &n in &group.nodes {
                nodes[n].group = g;
            }
        }
        let mut arrows: Vec<Arrow<'g>> = arrows
            .into_iter()
            .map(|mut a| {
                a.citing = renumber[a.citing];
                a.cited = renumber[a.cited];
                a
            })
            .collect();
        arrows.sort_by_key(|a| (a.citing, a.cited));
        Picture {
            graph,
            kinds,
            prefix,
            groups,
            nodes,
            arrows,
            gaps: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_from_the_words_teams_use() {
        for (status, state) in [
            ("complete", State::Done),
            ("✅ Done (2026-03-05)", State::Done),
            ("accepted", State::Done),
            ("in_progress", State::Active),
            ("In Progress", State::Active),
            ("draft", State::Active),
            ("ready_for_review", State::Review),
            ("superseded by ADR-7", State::Retired),
            ("exploratory", State::Other),
            ("100% Complete (17/17 phases done)", State::Done),
        ] {
            assert_eq!(State::of(Some(status)), state, "{status}");
        }
        assert_eq!(State::of(None), State::Unknown);
        assert_eq!(State::of(Some("  ")), State::Unknown);
    }

    #[test]
    fn titles_lose_the_kind_and_are_cut_on_a_word() {
        assert_eq!(
            short_title("Plan: Roll out data versioning", "plan"),
            "Roll out data versioning"
        );
        assert_eq!(
            short_title("Research — GPU memory", "research"),
            "GPU memory"
        );
        assert_eq!(short_title("Planning ahead", "plan"), "Planning ahead");
        assert_eq!(short_title("Plan:", "plan"), "Plan:");
        let long = "Implementation Plan: Restructure the configuration package into loaders and validators";
        let short = short_title(long, "plan");
        assert_eq!(short, "Restructure the configuration package into…");
        assert!(short.chars().count() <= 48);
        assert_eq!(
            wrap("Restructure the configuration package", 24),
            ["Restructure the", "configuration package"]
        );
        assert_eq!(
            wrap("run 20251212_151708_sentiment_baseline", 24),
            ["run", "20251212_151708_sentimen", "t_baseline"]
        );
    }

    #[test]
    fn labels_only_where_the_field_says_more() {
        let label = |field, how, kind| arrow_label(field, how, kind);
        assert_eq!(
            label("related_research", How::Declared, Some("research")),
            None
        );
        assert_eq!(label("related_plans[1]", How::Declared, Some("plan")), None);
        assert_eq!(label("Plan file", How::Declared, Some("plan")), None);
        assert_eq!(
            label("supersedes", How::Declared, Some("decision")).as_deref(),
            Some("supersedes")
        );
        assert_eq!(
            label(
                "related_experiments.parent",
                How::Declared,
                Some("experiment")
            )
            .as_deref(),
            Some("parent")
        );
        assert_eq!(label("supersedes", How::Link, Some("decision")), None);
        assert_eq!(label("code span", How::Mention, None), None);
    }

    #[test]
    fn ids_are_stable_and_folders_shortened_from_the_left() {
        assert_eq!(stable_id('d', "a.md"), stable_id('d', "a.md"));
        assert_ne!(stable_id('d', "a.md"), stable_id('d', "b.md"));
        assert_eq!(stable_id('d', "a.md").len(), 13);
        assert_eq!(shorten_folder("src/config/"), "src/config/");
        assert_eq!(
            shorten_folder("ferroml-core/src/models/linear/regularized/"),
            "…/linear/regularized/"
        );
        assert!(is_under("src/config/a.py", "src/config"));
        assert!(is_under("src/config/a.py", "src/config/"));
        assert!(!is_under("src/configs/a.py", "src/config"));
        assert!(is_under("anything", ""));
        assert_eq!(folder_of("src/a.py"), "src");
        assert_eq!(folder_of("src/x/"), "src/x");
        assert_eq!(folder_of("setup.py"), "");
    }
}
