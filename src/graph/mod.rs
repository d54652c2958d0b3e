//! The document graph: documents are nodes; reference fields and body links
//! between documents are typed edges. Built once from the parsed documents,
//! with a path index, so every lookup is a hash probe and every check is
//! linear in documents plus edges.

pub mod html;
pub mod layout;
pub mod picture;
pub mod render;
pub mod svg;

use std::borrow::Cow;
use std::collections::HashMap;

use crate::check::document::{Cites, Document};
use crate::intern::Name;
use crate::parse::docrefs;
use crate::paths;
use crate::rules::links::machine_specific_link::in_repository;
use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label<'a> {
    /// A reference field, by name (`related_research`).
    Field(&'a str),
    /// A link in the body.
    Link,
}

impl<'a> Label<'a> {
    pub fn name(&self) -> &'a str {
        match self {
            Label::Field(f) => f,
            Label::Link => "link",
        }
    }
}

/// An edge as stored: 20 bytes, since a project can have millions of links.
#[derive(Debug, Clone, Copy)]
struct RawEdge {
    from: u32,
    /// The target document, or [`NONE`] when a reference dangles.
    to: u32,
    /// The reference field (an index into the citing document's
    /// `facts.refs`), or [`NONE`] for a body link.
    field: u32,
    span: Span,
}

const NONE: u32 = u32::MAX;

/// An edge as the checks and renderers see it.
#[derive(Debug, Clone)]
pub struct Edge<'a> {
    pub from: usize,
    /// The target document, or the path written when there is none.
    pub to: Result<usize, &'a str>,
    pub label: Label<'a>,
    pub span: Span,
    /// For field edges: the kinds the target must have.
    pub kinds: &'a [String],
    /// Whether the edge belongs to a relation that must not loop.
    pub chain: bool,
    /// How a reference edge was written; `None` for a body link.
    pub cites: Option<Cites>,
}

/// Documents by path, looked up for every link (hashed with foldhash, as in
/// the interner).
pub type Index<'a> = HashMap<&'a str, usize, foldhash::fast::RandomState>;

pub struct Graph<'a> {
    pub docs: &'a [Document],
    edges: Vec<RawEdge>,
    pub index: Index<'a>,
    /// Documents by the [`Name`] links keep of their path: a link's target
    /// is found without hashing its path again ([`NONE`] for no document).
    by_name: Vec<u32>,
    /// Documents by id (`format: doc-id` fields, run folders).
    pub ids: HashMap<&'a str, usize>,
    /// Ids claimed twice: (document, its id's span, the id, first owner).
    pub duplicate_ids: Vec<(usize, Span, &'a str, usize)>,
}

/// Where a link's destination leads: whether its project-relative path
/// stays in the project, and its decoded fragment.
pub struct Target<'d> {
    pub inside: bool,
    pub fragment: Option<Cow<'d, str>>,
}

/// Resolves a link destination written in the document at `from`, its path
/// written into `path` (a buffer the caller keeps: a document's links are
/// resolved one after the other).
pub fn resolve_link<'d>(from: &str, dest: &'d str, path: &mut String) -> Target<'d> {
    // Links are many: the separators are found with `memchr`.
    let (written, fragment) = match memchr::memchr(b'#', dest.as_bytes()) {
        Some(hash) => (
            &dest[..hash],
            Some(paths::percent_decode(&dest[hash + 1..])),
        ),
        None => (dest, None),
    };
    let query = memchr::memchr(b'?', written.as_bytes()).unwrap_or(written.len());
    let written = without_line_suffix(&written[..query]);
    let inside = if written.is_empty() {
        path.clear();
        path.push_str(from);
        true
    } else {
        paths::join_into(path, from, &paths::percent_decode(written)).is_some()
    };
    Target { inside, fragment }
}

/// `src/config.py:183-243` → `src/config.py`: editors open a file at a
/// line from such a link, and authors who cite code that way mean the file.
pub fn without_line_suffix(path: &str) -> &str {
    let Some(colon) = memchr::memrchr(b':', path.as_bytes()) else {
        return path;
    };
    let (file, lines) = (&path[..colon], &path[colon + 1..]);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let is_lines = match lines.split_once('-') {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(lines),
    };
    if is_lines && !file.is_empty() {
        file
    } else {
        path
    }
}

fn doc_named(by_name: &[u32], name: Name) -> Option<usize> {
    by_name
        .get(name.index())
        .filter(|&&doc| doc != NONE)
        .map(|&doc| doc as usize)
}

impl<'a> Graph<'a> {
    /// `docs` must be sorted by path.
    pub fn build(docs: &'a [Document]) -> Graph<'a> {
        let mut graph = Graph::documents(docs);
        graph.connect();
        graph
    }

    /// The documents by path, name and id, without the edges between them
    /// ([`Graph::connect`]): what the link check needs, which can then run
    /// alongside other checks without the edges' memory.
    pub fn documents(docs: &'a [Document]) -> Graph<'a> {
        let index: Index = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (&*d.path, i))
            .collect();
        // Only the documents some link names have a name.
        let mut by_name = Vec::new();
        for (i, name) in docs
            .iter()
            .enumerate()
            .filter_map(|(i, d)| Some((i, Name::find(&d.path)?)))
        {
            if by_name.len() <= name.index() {
                by_name.resize(name.index() + 1, NONE);
            }
            by_name[name.index()] = i as u32;
        }
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut duplicate_ids = Vec::new();
        for (i, doc) in docs.iter().enumerate() {
            for (id, span) in &doc.facts.ids {
                match ids.entry(&**id) {
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(i);
                    }
                    std::collections::hash_map::Entry::Occupied(o) if *o.get() != i => {
                        duplicate_ids.push((i, *span, &**id, *o.get()));
                    }
                    std::collections::hash_map::Entry::Occupied(_) => {}
                }
            }
        }
        Graph {
            docs,
            edges: Vec::new(),
            index,
            by_name,
            ids,
            duplicate_ids,
        }
    }

    /// Adds the edges: references and links between the documents.
    pub fn connect(&mut self) {
        let (docs, index, by_name, ids) = (self.docs, &self.index, &self.by_name, &self.ids);
        // Only a reference that names no path or id needs the names: built
        // when one first does.
        let mut names = None;
        // At most one edge per reference and link: no list grown and copied
        // while it is the run's largest.
        let mut edges = Vec::with_capacity(
            docs.iter()
                .map(|d| d.facts.refs.len() + d.facts.links.len())
                .sum(),
        );
        for (from, doc) in docs.iter().enumerate() {
            let first = edges.len();
            let mut weak = Vec::new();
            for (field, r) in doc.facts.refs.iter().enumerate() {
                let to = Self::resolve_ref(index, &doc.path, &r.target)
                    .or_else(|| ids.get(r.target.trim()).copied())
                    .or_else(|| {
                        names
                            .get_or_insert_with(|| Names::new(docs))
                            .find(&r.target)
                    });
                // An id that names no document may be another tracker's
                // (`GAM-35`, `GPT-4`): no edge, no finding. A document
                // citing itself is no edge either.
                if (to.is_none() && r.cites == Cites::Id) || to == Some(from) {
                    continue;
                }
                let edge = RawEdge {
                    from: from as u32,
                    to: to.map_or(NONE, |t| t as u32),
                    field: field as u32,
                    span: r.span,
                };
                match r.cites {
                    Cites::Field | Cites::Key | Cites::Label => edges.push(edge),
                    Cites::Value | Cites::Span | Cites::Id => weak.push(edge),
                }
            }
            // One link edge per target document, however often it is linked.
            let mut linked: Vec<(usize, Span)> = doc
                .facts
                .links
                .iter()
                .filter_map(|link| {
                    link.names()
                        .find_map(|name| doc_named(by_name, name))
                        .map(|to| (to, link.span))
                })
                .filter(|&(to, _)| to != from)
                .collect();
            linked.sort_by_key(|&(to, span)| (to, span.start));
            linked.dedup_by_key(|&mut (to, _)| to);
            for (to, span) in linked {
                edges.push(RawEdge {
                    from: from as u32,
                    to: to as u32,
                    field: NONE,
                    span,
                });
            }
            // A path in a code span or an id in prose adds an edge only to a
            // document not already connected, once.
            for edge in weak {
                let known = edge.to != NONE && edges[first..].iter().any(|e| e.to == edge.to);
                if !known {
                    edges.push(edge);
                }
            }
        }
        // Kept until the run ends: without the room it grew into.
        edges.shrink_to_fit();
        self.edges = edges;
    }

    /// The document whose path `name` is.
    pub fn doc_named(&self, name: Name) -> Option<usize> {
        doc_named(&self.by_name, name)
    }

    /// A reference field's target: relative to the project root, as the
    /// research → plan convention writes them, else to the document; with
    /// or without its `.md`, and without a `#fragment`.
    fn resolve_ref(index: &Index<'_>, from: &str, target: &str) -> Option<usize> {
        let target = target.trim();
        let target = without_line_suffix(target.split('#').next().unwrap_or(target));
        let get = |t: &str| {
            paths::normalize(t)
                .and_then(|p| index.get(p.as_str()).copied())
                .or_else(|| paths::join(from, t).and_then(|p| index.get(p.as_str()).copied()))
        };
        get(target)
            .or_else(|| {
                let named = target.rsplit('/').next().unwrap_or(target);
                (!named.contains('.') && !target.is_empty())
                    .then(|| get(&format!("{target}.md")))
                    .flatten()
            })
            .or_else(|| {
                // `/workspace/notes/x.md`: the author's machine in front.
                let path = paths::normalize(target).filter(|_| target.starts_with('/'))?;
                let top = |p: &str| {
                    index
                        .keys()
                        .any(|k| k.starts_with(p) && k[p.len()..].starts_with('/'))
                };
                let tail = in_repository(&path, |p| index.contains_key(p) || top(p))?;
                index.get(tail).copied()
            })
    }

    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// Edge `e` as a view onto the documents it connects.
    pub fn edge(&self, e: usize) -> Edge<'a> {
        let raw = self.edges[e];
        let from = raw.from as usize;
        let reference =
            (raw.field != NONE).then(|| &self.docs[from].facts.refs[raw.field as usize]);
        Edge {
            from,
            to: match (raw.to, reference) {
                (NONE, Some(r)) => Err(&*r.target),
                (to, _) => Ok(to as usize),
            },
            label: reference.map_or(Label::Link, |r| Label::Field(&r.field)),
            span: raw.span,
            kinds: reference.map_or(&[], |r| r.kinds()),
            chain: reference.is_some_and(|r| r.chain),
            cites: reference.map(|r| r.cites),
        }
    }

    pub fn edges(&self) -> impl Iterator<Item = Edge<'a>> + '_ {
        (0..self.edges.len()).map(|e| self.edge(e))
    }

    pub fn title(&self, doc: usize) -> &str {
        let d = &self.docs[doc];
        d.facts
            .title
            .as_deref()
            .unwrap_or_else(|| d.path.rsplit('/').next().unwrap_or(&d.path))
    }
}

/// Documents by file name and by the id their file name starts with, for
/// references that name a document the way a reader would find it: the one
/// `x.md` whose path ends with what was written, the file a stem names,
/// `ADR-010` for `docs/adr/0010-use-postgres.md`.
struct Names<'a> {
    by_name: HashMap<String, Vec<(&'a str, usize)>>,
    by_id: HashMap<(String, u32), Vec<usize>>,
}

impl<'a> Names<'a> {
    fn new(docs: &'a [Document]) -> Self {
        let mut by_name: HashMap<String, Vec<(&str, usize)>> = HashMap::new();
        let mut by_id: HashMap<(String, u32), Vec<usize>> = HashMap::new();
        for (i, d) in docs.iter().enumerate() {
            let name = d.path.rsplit('/').next().unwrap_or(&d.path);
            by_name
                .entry(name.to_ascii_lowercase())
                .or_default()
                .push((&d.path, i));
            let decision = paths::parent(&d.path)
                .split('/')
                .any(|s| matches!(s, "adr" | "adrs" | "decisions"));
            if let Some(id) = docrefs::file_id(name, decision) {
                by_id.entry(id).or_default().push(i);
            }
            for (id, _) in &d.facts.ids {
                if let Some(id) = docrefs::id(id) {
                    by_id.entry(id).or_default().push(i);
                }
            }
        }
        Names { by_name, by_id }
    }

    /// The one document `target` names by the end of its path, its stem or
    /// its id.
    fn find(&self, target: &str) -> Option<usize> {
        let target = target.trim();
        let target = target.split('#').next().unwrap_or(target);
        if let Some(id) = docrefs::id(target) {
            let mut found = self.by_id.get(&id)?.clone();
            found.dedup();
            return match found.as_slice() {
                [only] => Some(*only),
                _ => None,
            };
        }
        let path = target.trim_start_matches("./").trim_start_matches('/');
        let name = path.rsplit('/').next().unwrap_or(path);
        let with_ext = if name.contains('.') {
            path.to_ascii_lowercase()
        } else {
            format!("{}.md", path.to_ascii_lowercase())
        };
        let name = with_ext.rsplit('/').next().unwrap_or(&with_ext);
        let matches: Vec<usize> = self
            .by_name
            .get(name)?
            .iter()
            .filter(|(p, _)| {
                let p = p.to_ascii_lowercase();
                p == with_ext
                    || p.strip_suffix(with_ext.as_str())
                        .is_some_and(|head| head.ends_with('/'))
            })
            .map(|&(_, i)| i)
            .collect();
        match matches.as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_suffixes() {
        assert_eq!(
            without_line_suffix("src/config.py:183-243"),
            "src/config.py"
        );
        assert_eq!(without_line_suffix("src/config.py:7"), "src/config.py");
        assert_eq!(without_line_suffix("c:/x"), "c:/x");
        assert_eq!(without_line_suffix(":12"), ":12");
        assert_eq!(
            resolved("docs/a.md", "../src/x.rs:10-20").0.as_deref(),
            Some("src/x.rs")
        );
    }

    #[test]
    fn machine_paths_in_references() {
        let index: Index = [("notes/plans/p.md", 0), ("notes/research/a.md", 1)]
            .into_iter()
            .collect();
        let find = |t: &str| Graph::resolve_ref(&index, "notes/plans/p.md", t);
        assert_eq!(find("/workspace/notes/research/a.md:12-40"), Some(1));
        assert_eq!(find("/home/ana/repo/notes/research/a.md"), Some(1));
        // The repository's own folder in front: a broken path, not a machine's.
        assert_eq!(find("/notes/x/research/a.md"), None);
    }

    /// A link's path and fragment, resolved with a buffer of its own.
    fn resolved(from: &str, dest: &str) -> (Option<String>, Option<String>) {
        let mut path = "left over from another link".to_owned();
        let target = resolve_link(from, dest, &mut path);
        (
            target.inside.then_some(path),
            target.fragment.map(Cow::into_owned),
        )
    }

    #[test]
    fn link_resolution() {
        let (path, fragment) = resolved("docs/a.md", "../b%20c.md#Sec%C3%A9?x");
        assert_eq!(path.as_deref(), Some("b c.md"));
        assert_eq!(fragment.as_deref(), Some("Secé?x"));
        let (path, fragment) = resolved("docs/a.md", "#top");
        assert_eq!(path.as_deref(), Some("docs/a.md"));
        assert_eq!(fragment.as_deref(), Some("top"));
        assert!(resolved("a.md", "../../x.md").0.is_none());
        assert_eq!(
            resolved("docs/a.md", "/x.md?plain=1").0.as_deref(),
            Some("x.md")
        );
        assert_eq!(
            resolved("docs/a.md", "x.md").0.as_deref(),
            Some("docs/x.md")
        );
    }

    #[test]
    fn references_by_id_and_run_folder() {
        use crate::rules::graph::{dangling_reference, wrong_kind_reference};
        use crate::testing::*;
        let child = EXPERIMENT
            .replace("exp-123", "exp-124")
            .replace(
                "**Status**: completed",
                "**Status**: completed\n**Run ID**: 20251212_151708\n\n**Related Experiments**:\n- Parent: exp-123\n- Related: exp-404, [experiment-id-2]\n",
            );
        let files = [
            ("experiments/a.md", EXPERIMENT),
            ("experiments/b.md", child.as_str()),
            (
                "runs/20251212_151708_baseline/run_config.yaml",
                "data_version: ea45dd2\n",
            ),
        ];
        assert_eq!(
            project_rule_findings(&dangling_reference::DanglingReference::META, &files),
            [("experiments/b.md".to_owned(), "exp-404".to_owned())]
        );
        assert!(
            project_rule_findings(&wrong_kind_reference::WrongKindReference::META, &files)
                .is_empty()
        );
        let wrong = child.replace("Parent: exp-123", "Parent: 20251212_151708_baseline");
        let files = [(files[0]), ("experiments/b.md", wrong.as_str()), files[2]];
        assert_eq!(
            project_rule_findings(&wrong_kind_reference::WrongKindReference::META, &files),
            [(
                "experiments/b.md".to_owned(),
                "20251212_151708_baseline".to_owned()
            )]
        );
    }
}
