//! The document graph: documents are nodes; reference fields and body links
//! between documents are typed edges. Built once from the parsed documents,
//! with a path index, so every lookup is a hash probe and every check is
//! linear in documents plus edges.

pub mod render;

use std::collections::HashMap;

use crate::check::document::{Document, LinkTarget};
use crate::paths;
use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label<'a> {
    /// A reference field, by name (`related_research`).
    Field(&'a str),
    /// A link in the body.
    Link,
}

impl Label<'_> {
    pub fn name(&self) -> &str {
        match self {
            Label::Field(f) => f,
            Label::Link => "link",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Edge<'a> {
    pub from: usize,
    /// The target document, or the path written when there is none.
    pub to: Result<usize, &'a str>,
    pub label: Label<'a>,
    pub span: Span,
    /// For field edges: the kinds the target must have.
    pub kinds: &'a [String],
}

pub struct Graph<'a> {
    pub docs: &'a [Document],
    pub edges: Vec<Edge<'a>>,
    pub index: HashMap<&'a str, usize>,
}

/// Where a link's destination leads: a project-relative path (`None` when it
/// leaves the project) and its decoded fragment.
pub struct Target {
    pub path: Option<String>,
    pub fragment: Option<String>,
}

/// Resolves a link destination written in the document at `from`.
pub fn resolve_link(from: &str, dest: &str) -> Target {
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(paths::percent_decode(f).into_owned())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let path = if path.is_empty() {
        Some(from.to_owned())
    } else {
        paths::join(from, &paths::percent_decode(path))
    };
    Target { path, fragment }
}

impl<'a> Graph<'a> {
    /// `docs` must be sorted by path.
    pub fn build(docs: &'a [Document]) -> Graph<'a> {
        let index: HashMap<&str, usize> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (&*d.path, i))
            .collect();
        let mut edges = Vec::new();
        for (from, doc) in docs.iter().enumerate() {
            for r in &doc.facts.refs {
                let to = Self::resolve_ref(&index, &doc.path, &r.target).ok_or(&*r.target);
                edges.push(Edge {
                    from,
                    to,
                    label: Label::Field(&r.field),
                    span: r.span,
                    kinds: &r.kinds,
                });
            }
            // One link edge per target document, however often it is linked.
            let mut linked: Vec<(usize, Span)> = doc
                .facts
                .links
                .iter()
                .filter_map(|link| match &link.target {
                    LinkTarget::Path(path) => index.get(&**path).map(|&to| (to, link.span)),
                    _ => None,
                })
                .filter(|&(to, _)| to != from)
                .collect();
            linked.sort_by_key(|&(to, span)| (to, span.start));
            linked.dedup_by_key(|&mut (to, _)| to);
            for (to, span) in linked {
                edges.push(Edge {
                    from,
                    to: Ok(to),
                    label: Label::Link,
                    span,
                    kinds: &[],
                });
            }
        }
        Graph { docs, edges, index }
    }

    /// A reference field's target: relative to the project root, as the
    /// research → plan convention writes them, else to the document.
    fn resolve_ref(index: &HashMap<&str, usize>, from: &str, target: &str) -> Option<usize> {
        let target = target.trim();
        paths::normalize(target)
            .and_then(|p| index.get(p.as_str()).copied())
            .or_else(|| paths::join(from, target).and_then(|p| index.get(p.as_str()).copied()))
    }

    /// For each document, the edges that leave it and the edges that reach it.
    pub fn adjacency(&self) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
        let mut out = vec![Vec::new(); self.docs.len()];
        let mut inc = vec![Vec::new(); self.docs.len()];
        for (e, edge) in self.edges.iter().enumerate() {
            out[edge.from].push(e);
            if let Ok(to) = edge.to {
                inc[to].push(e);
            }
        }
        (out, inc)
    }

    pub fn title(&self, doc: usize) -> &str {
        let d = &self.docs[doc];
        d.facts
            .title
            .as_deref()
            .unwrap_or_else(|| d.path.rsplit('/').next().unwrap_or(&d.path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_resolution() {
        let t = resolve_link("docs/a.md", "../b%20c.md#Sec%C3%A9?x");
        assert_eq!(t.path.as_deref(), Some("b c.md"));
        assert_eq!(t.fragment.as_deref(), Some("Secé?x"));
        let t = resolve_link("docs/a.md", "#top");
        assert_eq!(t.path.as_deref(), Some("docs/a.md"));
        assert!(resolve_link("a.md", "../../x.md").path.is_none());
        assert_eq!(
            resolve_link("docs/a.md", "/x.md?plain=1").path.as_deref(),
            Some("x.md")
        );
    }
}
