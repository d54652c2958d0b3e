use std::collections::HashMap;

use crate::check::document::{Cites, Document};
use crate::check::links::Files;
use crate::diagnostic::Diagnostic;
use crate::git::Git;
use crate::graph::{Graph, Label};
use crate::kinds::Kinds;
use crate::rules::links::machine_specific_link::in_repository;
use crate::rules::{Severity, declare_rule};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that every document a document cites exists: a schema's
    /// document-reference field (`format: doc-ref`, such as a plan's
    /// `related_research`), any frontmatter key whose name says it holds
    /// references (`related_*`, `*_research`, `*_plan`, `*_doc`, `*_adr`,
    /// `sources`, `supersedes`, `depends_on`) or whose value is a Markdown
    /// document's path, a bold label that says so (`**Research document:**`),
    /// and a repository path to a document in a code span. A target is found
    /// the way a reader finds it: from the project root or the document's
    /// folder, with or without `.md`, as the end of exactly one document's
    /// path, or by the id its file name starts with (`ADR-010` for a decision
    /// record named `0010-use-postgres.md`).
    ///
    /// A broken key, field or label is an error (a warning when Git shows
    /// the target was deleted). A bare path in a code span is a warning when
    /// it names a place where the team's notes live (it may name a note
    /// still to be written), and information for any other page (a plan
    /// naming the page it will write) or a target Git shows was deleted.
    /// Ids in prose (`ADR-010`) that name no document are not reported: they
    /// may be another tracker's.
    ///
    /// ## Why is this bad?
    /// The reference is the edge that ties a plan to the research behind it.
    /// A dangling one means the justification was moved, renamed or never
    /// written, and nobody can follow the reasoning.
    ///
    /// ## Example
    /// ```yaml
    /// related_research: thoughts/shared/research/2025-12-12_data-versoning.md
    /// ```
    ///
    /// ## How to fix
    /// Correct the path; the help names the document Git moved it to, or a
    /// document with a close name, when there is one.
    DanglingReference, code = "DC401", name = "dangling-reference", severity = Error
}

/// DC401 for every reference edge that leads to no document and to no
/// file: with where Git moved the target (one walk of the history, only
/// when some reference dangles), else the document with the same or the
/// closest name.
pub fn check(
    graph: &Graph<'_>,
    kinds: &Kinds,
    files: Files<'_>,
    git: Option<&Git>,
    out: &mut Vec<Diagnostic>,
) {
    let docs = graph.docs;
    let dangling: Vec<_> = graph
        .edges()
        .filter_map(|e| match (e.label, e.to) {
            (Label::Field(field), Err(target)) => Some((e, field, target)),
            _ => None,
        })
        .collect();
    if dangling.is_empty() {
        return;
    }
    let stems = StemIndex::new(docs);
    // Read only for a target that is no file at all: a reference to a file
    // that is not a document (most dangling edges of a `--staged` run, which
    // loads a few documents) needs no walk of the whole history.
    let past = std::cell::OnceCell::new();
    let past = || {
        past.get_or_init(|| {
            git.map(|g| g.path_history(&[], &Default::default()))
                .unwrap_or_default()
        })
    };
    // A passing mention (a code span, a value) of a path the document
    // already cites: its citation carries the finding.
    let mut seen: std::collections::HashSet<(usize, String)> = std::collections::HashSet::new();
    for (edge, field, target) in dangling {
        let bare = crate::graph::without_line_suffix(target.split('#').next().unwrap_or(target));
        let first = seen.insert((
            edge.from,
            crate::paths::normalize(bare).unwrap_or_else(|| bare.to_owned()),
        ));
        if !first && !edge.cites.is_none_or(Cites::declared) {
            continue;
        }
        let mut candidates: Vec<String> = crate::paths::normalize(bare)
            .into_iter()
            .chain(crate::paths::join(&docs[edge.from].path, bare))
            .collect();
        // `/workspace/README.md`: the author's machine in front of the path.
        if bare.starts_with('/')
            && let Some(tail) = candidates
                .first()
                .and_then(|p| in_repository(p, |p| files.exists(p)).map(str::to_owned))
        {
            candidates.push(tail);
        }
        // A file that is no document (a prompt, a page doccheck does not
        // lint) is still there to be read.
        if candidates.iter().any(|c| files.exists(c)) {
            continue;
        }
        let moved = candidates
            .iter()
            .find_map(|p| past().moved_to(p))
            .filter(|to| graph.index.contains_key(to));
        // Gone from the repository, not moved: deleted on purpose.
        let deleted = moved.is_none()
            && candidates.iter().any(|p| {
                let name = p.rsplit('/').next().unwrap_or(p);
                past().ever.named(name).iter().any(|e| **e == **p)
            });
        let suggestion = moved.or_else(|| stems.suggest(bare));
        let d = diagnostic(edge.span, field, target, edge.cites, suggestion, deleted);
        let declared = edge.cites.is_none_or(Cites::declared);
        // A note of the team's (a path where a kind of document lives) is a
        // citation; another page (`docs/usage.md`) named in passing may be
        // one a plan means to write.
        // Read where its author wrote it: from the root, unless it says
        // `./` or `../` (a bare `docs/x.md` in a plan is no plan of its own).
        let written_from = if bare.starts_with("./") || bare.starts_with("../") {
            crate::paths::join(&docs[edge.from].path, bare)
        } else {
            crate::paths::normalize(bare)
        };
        let a_note =
            written_from.is_some_and(|c| kinds.for_path(&c).is_some_and(|k| kinds.get(k).lint));
        // Deleted on purpose, after the note was written: history, not a
        // broken promise.
        let cap = match (declared, deleted, a_note) {
            (true, false, _) => None,
            (true, true, _) | (false, false, true) => Some(Severity::Warning),
            (false, true, _) | (false, false, false) => Some(Severity::Info),
        };
        let d = match cap {
            Some(cap) => d.at_most(cap),
            None => d,
        };
        out.push(d.in_file(&docs[edge.from].path));
    }
}

pub fn diagnostic(
    span: Span,
    field: &str,
    target: &str,
    cites: Option<Cites>,
    suggestion: Option<&str>,
    deleted: bool,
) -> Diagnostic {
    let help = match (suggestion, deleted) {
        (Some(s), _) => format!("did you mean `{s}`?"),
        (None, true) => "it was deleted from the repository: point the reference at what replaced it, or remove it".to_owned(),
        (None, false) => "write the path of an existing document, relative to the project root".to_owned(),
    };
    let message = match cites {
        Some(Cites::Span) => format!("`{target}` names no document"),
        _ => format!("`{field}` refers to `{target}`, which does not exist"),
    };
    Diagnostic::new(&DanglingReference::META, span, message)
        .label("no such document")
        .help(help)
}

/// Documents by file name, to suggest the real path of a dangling
/// reference (`2025-10-23-topic` or `research/topic.md` for a file that
/// lives elsewhere).
struct StemIndex<'a> {
    by_stem: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> StemIndex<'a> {
    fn new(docs: &'a [Document]) -> Self {
        let mut by_stem: HashMap<&str, Vec<&str>> = HashMap::new();
        for d in docs {
            let name = d.path.rsplit('/').next().unwrap_or(&d.path);
            let stem = name.strip_suffix(".md").unwrap_or(name);
            by_stem.entry(stem).or_default().push(&d.path);
        }
        StemIndex { by_stem }
    }

    /// The document with the same name elsewhere, else the one in the same
    /// folder with the closest name.
    fn suggest(&self, target: &str) -> Option<&'a str> {
        let target = target.trim().trim_start_matches("./");
        let name = target.rsplit('/').next().unwrap_or(target);
        let stem = name.strip_suffix(".md").unwrap_or(name);
        match self.by_stem.get(stem).map(Vec::as_slice) {
            Some([only]) => Some(only),
            Some(_) => None,
            None => {
                let folder = crate::paths::parent(target);
                let near = self.by_stem.iter().filter(|(_, paths)| {
                    paths
                        .iter()
                        .any(|p| folder.is_empty() || crate::paths::parent(p) == folder)
                });
                let close = crate::suggest::unique_closest(stem, near.map(|(s, _)| *s))?;
                match self.by_stem.get(close).map(Vec::as_slice) {
                    Some([only]) => Some(only),
                    _ => None,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DanglingReference;
    use crate::rules::Severity;
    use crate::testing::project_findings;

    /// (path, cited text, severity) of each DC401 in a project of `files`.
    fn dangling(files: &[(&str, &str)]) -> Vec<(String, String, Severity)> {
        let texts: std::collections::HashMap<&str, &str> = files.iter().copied().collect();
        project_findings(files)
            .into_iter()
            .filter(|d| d.rule.code == DanglingReference::META.code)
            .map(|d| {
                let text = texts[&*d.path];
                (
                    d.path.to_string(),
                    text[d.span.range()].to_owned(),
                    d.severity,
                )
            })
            .collect()
    }

    const RESEARCH: (&str, &str) = (
        "notes/research/2025-10-23-readiness-assessment.md",
        "# Readiness\n",
    );
    const ADR: (&str, &str) = ("docs/adr/0010-use-postgres.md", "# 10. Use Postgres\n");
    const PROMPT: (&str, &str) = (".claude/context/WORKFLOW.md", "# Workflow\n");

    #[test]
    fn references_as_people_write_them() {
        let plan = "---\n\
             related_docs:\n  - notes/research/2025-10-23-readiness-assessment.md\n\
             plan_reference: 2025-10-23-readiness-assessment\n\
             sources: [\"Smith et al. 2020\", https://arxiv.org/abs/1]\n\
             depends_on: [01-02]\n\
             ---\n\n# Plan\n\n\
             **Research document:** `notes/research/2025-10-23-readiness-assessment.md`\n\n\
             Builds on ADR-010 and GAM-35; see `readiness-assessment.md`? No: see\n\
             `research/2025-10-23-readiness-assessment.md`, `.claude/context/WORKFLOW.md`,\n\
             `notes/research/*.md` and `docs/<topic>.md`.\n";
        assert_eq!(
            dangling(&[RESEARCH, ADR, PROMPT, ("notes/plans/p.md", plan)]),
            []
        );
    }

    #[test]
    fn references_as_people_write_them_in_plans() {
        let plan = "---\n\
             plan_reference: \"notes/research/2025-10-23-readiness-assessment.md, docs/adr/0010-use-postgres.md\"\n\
             based_on: /home/ana/work/repo/notes/research/2025-10-23-readiness-assessment.md:10-40\n\
             ---\n\n# Plan\n\n\
             ## 2. Write down the baseline\n\n\
             **Create document**: `notes/research/2025-11-02-baseline.md`\n";
        assert_eq!(dangling(&[RESEARCH, ADR, ("notes/plans/p.md", plan)]), []);
    }

    #[test]
    fn a_missing_note_is_reported_where_it_is_cited_not_where_it_is_mentioned() {
        let plan = "---\n\
             related_docs: [notes/research/2025-10-30-gone.md]\n\
             ---\n\n# Plan\n\n\
             As `notes/research/2025-10-30-gone.md` showed, and `notes/research/2025-10-30-gone.md` again.\n";
        assert_eq!(
            dangling(&[RESEARCH, ("notes/plans/p.md", plan)]),
            [(
                "notes/plans/p.md".to_owned(),
                "notes/research/2025-10-30-gone.md".to_owned(),
                Severity::Error
            )]
        );
    }

    #[test]
    fn broken_references() {
        let plan = "---\n\
             related_docs: [notes/research/2025-10-23-readiness.md]\n\
             supersedes: ADR-011\n\
             ---\n\n# Plan\n\n\
             **Related plan:** `notes/plans/missing.md`\n\n\
             The write-up goes to `docs/usage-guide.md`, after\n\
             `thoughts/shared/research/2025-10-20_10-00_missing-note.md`.\n";
        assert_eq!(
            dangling(&[RESEARCH, ADR, ("notes/plans/p.md", plan)]),
            [
                (
                    "notes/plans/p.md".to_owned(),
                    "notes/research/2025-10-23-readiness.md".to_owned(),
                    Severity::Error
                ),
                (
                    "notes/plans/p.md".to_owned(),
                    "ADR-011".to_owned(),
                    Severity::Error
                ),
                (
                    "notes/plans/p.md".to_owned(),
                    "notes/plans/missing.md".to_owned(),
                    Severity::Error
                ),
                // A page the plan may mean to write: information.
                (
                    "notes/plans/p.md".to_owned(),
                    "docs/usage-guide.md".to_owned(),
                    Severity::Info
                ),
                // Where the team's notes live: a citation worth a warning.
                (
                    "notes/plans/p.md".to_owned(),
                    "thoughts/shared/research/2025-10-20_10-00_missing-note.md".to_owned(),
                    Severity::Warning
                ),
            ]
        );
    }

    #[test]
    fn a_page_a_plan_will_write_is_information() {
        let plan = "# Plan\n\n1. **File**: `docs/usage-guide.md` (new)\n";
        assert_eq!(
            dangling(&[("thoughts/shared/plans/2026-01-01_10-00_p.md", plan)]),
            [(
                "thoughts/shared/plans/2026-01-01_10-00_p.md".to_owned(),
                "docs/usage-guide.md".to_owned(),
                Severity::Info
            )]
        );
    }
}
