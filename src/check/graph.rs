//! Gaps in the document graph (DC4xx), each check linear in documents plus
//! edges.

use super::document::Cites;
use crate::diagnostic::Diagnostic;
use crate::git::History;
use crate::graph::{Graph, Label};
use crate::project::Project;
use crate::rules::Severity;
use crate::rules::graph::{
    dangling_reference, duplicate_document_id, orphan_document, plan_without_research,
    reference_cycle, status_contradiction, suspect_link, wrong_kind_reference,
};
use crate::source::Span;

const DONE: &[&str] = &["complete", "completed", "done", "approved", "accepted"];
const UNFINISHED: &[&str] = &["in_progress", "draft", "proposed", "running"];

/// The graph checks but those that may read the history
/// ([`check_dangling`], [`check_suspect`]): these run while the Git checks
/// read it.
pub fn check(project: &Project, graph: &Graph<'_>, out: &mut Vec<Diagnostic>) {
    let docs = graph.docs;
    let kinds = &project.kinds;
    let kind_name = |d: usize| docs[d].kind.map(|k| kinds.get(k).name.as_str());
    let mut report = |doc: usize, d: Diagnostic| out.push(d.in_file(&docs[doc].path));
    for edge in graph.edges() {
        let (Label::Field(field), Ok(to)) = (edge.label, edge.to) else {
            continue;
        };
        if !edge.kinds.is_empty()
            && !kind_name(to).is_some_and(|k| edge.kinds.iter().any(|e| e == k))
        {
            let found = kind_name(to).map_or("not a document of any kind".to_owned(), |k| {
                format!("a {k} document")
            });
            report(
                edge.from,
                wrong_kind_reference::diagnostic(
                    edge.span,
                    field,
                    &docs[to].path,
                    &found,
                    edge.kinds,
                ),
            );
        }
        let status = |d: usize| docs[d].facts.status.as_deref().unwrap_or_default();
        if edge.cites == Some(Cites::Field)
            && DONE.contains(&status(edge.from))
            && UNFINISHED.contains(&status(to))
        {
            report(
                edge.from,
                status_contradiction::diagnostic(
                    edge.span,
                    status(edge.from),
                    &docs[to].path,
                    status(to),
                ),
            );
        }
    }

    // What the plan and orphan checks need of the edges, in one pass: two
    // flags per document rather than lists of a million edges by end.
    let mut connected = vec![false; docs.len()];
    let mut cites_research = vec![false; docs.len()];
    for edge in graph.edges() {
        connected[edge.from] = true;
        if let Ok(to) = edge.to {
            connected[to] = true;
            cites_research[edge.from] |= kind_name(to) == Some("research");
        }
    }
    for (i, doc) in docs.iter().enumerate() {
        let Some(kind) = kind_name(i) else { continue };
        let first_line = Span::empty(0);
        if kind == "plan"
            && !cites_research[i]
            && !doc
                .facts
                .refs
                .iter()
                .any(|r| r.kinds().iter().any(|k| k == "research"))
        {
            report(i, plan_without_research::diagnostic(first_line));
        }
        if !connected[i] {
            report(i, orphan_document::diagnostic(first_line, kind));
        }
    }
    for &(doc, span, id, first) in &graph.duplicate_ids {
        report(
            doc,
            duplicate_document_id::diagnostic(span, id, &docs[first].path),
        );
    }
    cycles(graph, &mut report);
}

/// The dangling-reference check (DC401), apart from [`check`]: a reference
/// to no file at all is looked for in the history, which the Git checks
/// read meanwhile (a walk on each side would compute the same diffs twice).
/// Its findings come before [`check`]'s.
pub fn check_dangling(
    project: &Project,
    graph: &Graph<'_>,
    files: super::links::Files<'_>,
    git: Option<&crate::git::Git>,
    out: &mut Vec<Diagnostic>,
) {
    if project.rules.any_enabled("DC401") {
        dangling_reference::check(graph, &project.kinds, files, git, out);
    }
}

/// The suspect-link check (DC407), apart from [`check`]: it needs the
/// history, which the Git checks read meanwhile. `history` is when each
/// document last changed, when the run needs it. Its findings come after
/// [`check`]'s.
pub fn check_suspect(
    project: &Project,
    graph: &Graph<'_>,
    history: Option<&[History]>,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(history) = history
        && project.rules.any_enabled("DC407")
    {
        let docs = graph.docs;
        suspect(graph, history, &mut |doc, d: Diagnostic| {
            out.push(d.in_file(&docs[doc].path))
        });
    }
}

/// Cycles among reference-field edges (Tarjan's strongly connected
/// components, iterative), each reported once at the edge that closes it.
/// Linear in documents plus edges.
fn cycles(graph: &Graph<'_>, report: &mut impl FnMut(usize, Diagnostic)) {
    let n = graph.docs.len();
    // Only relations the schema marks `x-chain` (`supersedes`, `parent`)
    // must not loop: `related` experiments or a run and the experiment
    // that cites it point at each other by design. As (edge, target); the
    // table per document is made at the first such edge: most projects
    // chain nothing.
    let mut fields: Vec<Vec<(usize, usize)>> = Vec::new();
    for (e, edge) in graph.edges().enumerate() {
        if let (Label::Field(_), Ok(to), true) = (edge.label, edge.to, edge.chain) {
            if fields.is_empty() {
                fields = vec![Vec::new(); n];
            }
            fields[edge.from].push((e, to));
        }
    }
    if fields.is_empty() {
        return;
    }
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut in_component = vec![false; n];
    let mut stack = Vec::new();
    let mut next = 0;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&mut (v, ref mut child)) = work.last_mut() {
            if *child == 0 {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&(_, w)) = fields[v].get(*child) {
                *child += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 || fields[v].iter().any(|&(_, w)| w == v) {
                    for &d in &component {
                        in_component[d] = true;
                    }
                    report_cycle(graph, &component, &fields, &in_component, report);
                    for &d in &component {
                        in_component[d] = false;
                    }
                }
            }
        }
    }
}

/// Reports one cycle of a strongly connected component: the shortest path
/// from its first document (by path) back to itself, found breadth-first
/// inside the component, which always has one.
fn report_cycle(
    graph: &Graph<'_>,
    component: &[usize],
    fields: &[Vec<(usize, usize)>],
    in_component: &[bool],
    report: &mut impl FnMut(usize, Diagnostic),
) {
    let Some(&start) = component.iter().min_by_key(|&&d| &graph.docs[d].path) else {
        return;
    };
    // Parent of each reached document: (previous document, edge taken).
    let mut parent: std::collections::HashMap<usize, (usize, usize)> =
        std::collections::HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(d) = queue.pop_front() {
        for &(e, w) in &fields[d] {
            if !in_component[w] {
                continue;
            }
            if w == start {
                let mut cycle = vec![start];
                let mut at = d;
                while at != start {
                    cycle.push(at);
                    at = parent[&at].0;
                }
                cycle.push(start);
                cycle.reverse();
                let names: Vec<&str> = cycle.iter().map(|&c| &*graph.docs[c].path).collect();
                report(d, reference_cycle::diagnostic(graph.edge(e).span, &names));
                return;
            }
            if let std::collections::hash_map::Entry::Vacant(slot) = parent.entry(w) {
                slot.insert((d, e));
                queue.push_back(w);
            }
        }
    }
}

/// Reference targets whose text changed in history (see
/// [`crate::git::Git::last_changes`]; their first version is not a change)
/// after the citing document was last touched in any way: a review may
/// only bump its `last_updated`.
fn suspect(graph: &Graph<'_>, history: &[History], report: &mut impl FnMut(usize, Diagnostic)) {
    let mut seen = std::collections::HashSet::new();
    for edge in graph.edges() {
        // What a document says it builds on, not every document it mentions
        // (a plan naming the page it will update).
        let (Label::Field(_), Ok(to), Some(true)) =
            (edge.label, edge.to, edge.cites.map(Cites::declared))
        else {
            continue;
        };
        let cited = history[to].changed.filter(|c| !c.added);
        if let (Some(cited), Some(citing)) = (cited, history[edge.from].touched)
            && cited.time > citing.time
            && seen.insert((edge.from, to))
        {
            let d = suspect_link::diagnostic(
                edge.span,
                &graph.docs[to].path,
                &crate::dates::format_day(cited.day() * 86_400),
                &crate::dates::format_day(citing.day() * 86_400),
            );
            // A finished document is a record of its time.
            let finished = graph.docs[edge.from].facts.finished();
            report(
                edge.from,
                if finished {
                    d.at_most(Severity::Info)
                } else {
                    d
                },
            );
        }
    }
}
