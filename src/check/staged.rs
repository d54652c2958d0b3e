//! `check --staged`: the documents as `git commit` would record them. Text
//! comes from the index, not the working tree, and links resolve against the
//! index's files, so a staged deletion or rename that breaks a link is seen.
//!
//! Parsing all of a large project for a one-file commit would cost seconds,
//! so only three groups of documents are read and parsed: the staged ones;
//! those whose text names a staged or deleted file (its stem) or a staged
//! document's id, which are all that can link to them or clash with them;
//! and the documents the staged ones link to, for anchors, kinds and
//! reference chains. Every other document is only read as bytes and searched.

mod sample_cache;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::document::{self, Analysis, Document};
use crate::convention::Sampled;
use crate::diagnostic::Diagnostic;
use crate::git::{Change, Index, IndexEntry};
use crate::graph::{Graph, Label};
use crate::intern::Interner;
use crate::kinds::KindId;
use crate::paths;
use crate::project::Project;
use crate::rules::graph::orphan_document::OrphanDocument;
use crate::source::Span;

/// What `--staged` loaded, and how far each document is reported.
#[derive(Debug, Default)]
pub struct Staged {
    pub analyses: Vec<Analysis>,
    /// The index text of the staged documents and of those whose links may
    /// break, for rendering their findings.
    pub texts: HashMap<Arc<str>, String>,
    /// Staged files (added or modified) and deleted ones, as a change for
    /// the rationale gate.
    pub change: Change,
    /// Names a link or reference to something the commit removes may use:
    /// deleted files, and ids a deleted or staged document no longer has.
    gone: HashSet<String>,
    /// What the repository's conventions are learned from (the same sample
    /// of documents a full check learns from), and the templates' skeletons.
    pub sample: Vec<Sampled>,
    pub skeletons: Vec<crate::convention::Skeleton>,
    /// Modified documents whose ids and headings did not change: no other
    /// document was read for links to them, so whether anything links to
    /// them is not known (and did not change).
    incoming_unknown: HashSet<String>,
}

/// Reads and parses what a commit of the index needs.
pub fn load(project: &Project, index: &Index) -> Staged {
    let mut out = Staged {
        change: Change {
            base: "the index".into(),
            changed: index.staged().map(|e| e.path.to_owned()).collect(),
            deleted: index.deleted.iter().map(|(p, _)| p.clone()).collect(),
            versions: index
                .staged()
                .map(|e| (e.path.to_owned(), (e.head, e.id)))
                .collect(),
        },
        ..Staged::default()
    };
    if out.change.changed.is_empty() && out.change.deleted.is_empty() {
        return out;
    }
    let staged: Vec<IndexEntry> = index
        .staged()
        .filter(|e| e.regular && document_kind(project, e.path).is_some())
        .collect();
    let mut loaded: HashSet<String> = HashSet::new();
    out.keep(
        &mut loaded,
        read_all(project, index, &staged, Version::Staged),
    );
    out.keep(&mut loaded, links_out(project, index));

    // The names another document would write to reach what the commit
    // adds, removes or renames.
    let mut needles: HashSet<String> = HashSet::new();
    for (path, _) in &index.deleted {
        needles.extend(stem_needles(path));
        out.gone.insert(path.clone());
    }
    let deleted_docs: Vec<IndexEntry> = index
        .deleted
        .iter()
        .filter(|(p, _)| document_kind(project, p).is_some())
        .map(|(path, id)| IndexEntry::committed(path, *id))
        .collect();
    let before: Vec<IndexEntry> = deleted_docs
        .iter()
        .chain(staged.iter().filter(|e| e.head.is_some()))
        .copied()
        .collect();
    let old: HashMap<Arc<str>, Document> = read_all(project, index, &before, Version::Head)
        .into_iter()
        .map(|(a, _)| (a.document.path.clone(), a.document))
        .collect();
    for (path, doc) in &old {
        if !loaded.contains(&**path) {
            for (id, _) in &doc.facts.ids {
                needles.insert(id.to_string());
                out.gone.insert(id.to_string());
            }
        }
    }
    for a in &out.analyses {
        let doc = &a.document;
        let facts = &doc.facts;
        let new_ids: HashSet<&str> = facts.ids.iter().map(|(id, _)| &**id).collect();
        let reached_by_name = match old.get(&doc.path) {
            // Added: who links to it, and whose id it takes.
            None => {
                needles.extend(new_ids.iter().map(|id| (*id).to_owned()));
                true
            }
            Some(before) => {
                for (id, _) in &before.facts.ids {
                    if !new_ids.contains(&**id) {
                        needles.insert(id.to_string());
                        out.gone.insert(id.to_string());
                    }
                }
                let old_ids: HashSet<&str> = before.facts.ids.iter().map(|(id, _)| &**id).collect();
                needles.extend(
                    new_ids
                        .iter()
                        .filter(|id| !old_ids.contains(*id))
                        .map(|id| (*id).to_owned()),
                );
                // A heading renamed or removed can break `#fragment` links.
                let removed_anchor = before
                    .facts
                    .anchors
                    .iter()
                    .any(|a| !facts.anchors.contains(a));
                removed_anchor || new_ids != old_ids
            }
        };
        if reached_by_name {
            needles.extend(stem_needles(&doc.path));
        } else {
            out.incoming_unknown.insert(doc.path.to_string());
        }
        // A reference by id names its target only by that id.
        needles.extend(
            facts
                .refs
                .iter()
                .map(|r| r.target.trim())
                .filter(|t| !t.is_empty() && !t.contains('/') && !t.contains('.'))
                .map(str::to_owned),
        );
    }
    needles.retain(|n| !n.is_empty());

    // The files the commit leaves as HEAD has them.
    let unstaged = |e: &IndexEntry| !e.staged() && e.regular && project.filter.accepts(e.path);
    if !needles.is_empty() {
        let mut sorted: Vec<&String> = needles.iter().collect();
        sorted.sort();
        let pattern = sorted
            .iter()
            .map(|n| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|");
        if let Ok(mentions) = regex::bytes::Regex::new(&pattern) {
            let found: Vec<(Analysis, Option<String>)> = (0..index.len())
                .into_par_iter()
                .map_init(
                    || (index.reader(), Interner::default()),
                    |(repo, interner), i| {
                        let entry = &Some(index.entry(i)).filter(unstaged)?;
                        let bytes = index.content(repo, entry).ok()?;
                        if !mentions.is_match(&bytes) {
                            return None;
                        }
                        analyze(project, interner, entry, Ok(bytes))
                    },
                )
                .flatten()
                .collect();
            out.keep(&mut loaded, found);
        }
    }

    // What the loaded documents point at, followed along reference chains
    // (`supersedes`, `parent`) so that a cycle through the change is found.
    // The index is sorted by path: a few lookups need no map of it.
    let by_path = |path: &str| Some(index.entry(index.find(path)?)).filter(unstaged);
    let mut frontier: Vec<usize> = (0..out.analyses.len()).collect();
    while !frontier.is_empty() {
        let mut wanted: Vec<IndexEntry> = Vec::new();
        for &i in &frontier {
            let doc = &out.analyses[i].document;
            let all_edges = out.changed(&doc.path);
            for target in targets(doc, all_edges) {
                if let Some(entry) = by_path(&target)
                    && document_kind(project, &target).is_some()
                    && loaded.insert(target)
                {
                    wanted.push(entry);
                }
            }
        }
        let start = out.analyses.len();
        out.analyses.extend(
            read_all(project, index, &wanted, Version::Staged)
                .into_iter()
                .map(|(analysis, _)| analysis),
        );
        frontier = (start..out.analyses.len()).collect();
    }
    if project.learn {
        learning(project, index, &mut out);
    }
    out
}

/// What a full check learns the repository's conventions from, read from
/// the index: the same path-ordered sample of each kind's documents
/// ([`crate::convention::sample`]) and every template, so that a commit is
/// judged by the conventions `doccheck check` applies.
fn learning(project: &Project, index: &Index, out: &mut Staged) {
    let key = learning_key(project, index);
    let cache = index.git_dir().join("doccheck").join("learning");
    let (sample, templates) = match std::fs::read(&cache)
        .ok()
        .and_then(|bytes| decode_inputs(&bytes, key, index.len()))
    {
        Some(inputs) => inputs,
        None => {
            let inputs = learning_inputs(project, index);
            crate::git::write_cache(&cache, &encode_inputs(&inputs, key));
            inputs
        }
    };
    out.sample = sampled(project, index, &sample);
    let repo = index.reader();
    for entry in templates.iter().map(|&i| index.entry(i)) {
        if let Ok(bytes) = index.content(&repo, &entry)
            && let document::Loaded::Text(text) = document::decode(bytes)
        {
            out.skeletons.extend(crate::convention::skeletons(
                &project.kinds,
                entry.path,
                &text,
            ));
        }
    }
}

/// What learning reads of the sampled documents (at index positions
/// `sample`, in path order), kept under `.git/doccheck/` with the blobs
/// and the configuration it was read with: the same sample is parsed again
/// only once one of its documents changes.
fn sampled(project: &Project, index: &Index, sample: &[usize]) -> Vec<Sampled> {
    let entries: Vec<IndexEntry> = sample.iter().map(|&i| index.entry(i)).collect();
    let key = sampled_key(project, &entries);
    let cache = index.git_dir().join("doccheck").join("sample");
    if let Some(known) = std::fs::read(&cache)
        .ok()
        .and_then(|bytes| sample_cache::decode(&bytes, key, project.kinds.iter().count()))
    {
        return known;
    }
    let mut docs: Vec<Document> = read_all(project, index, &entries, Version::Staged)
        .into_iter()
        .map(|(analysis, _)| analysis.document)
        .collect();
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    let sampled: Vec<Sampled> = docs
        .iter()
        .map(|d| Sampled::of(&project.kinds, d))
        .collect();
    crate::git::write_cache(&cache, &sample_cache::encode(&sampled, key));
    sampled
}

/// What decides [`sampled`]'s answer: the documents' blobs and paths, and
/// whatever in the configuration changes how a document is read (the
/// configuration's text, and the schemas' shape, whose files it names).
fn sampled_key(project: &Project, entries: &[IndexEntry]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    project
        .config_file
        .as_ref()
        .map(|c| c.text.as_str())
        .hash(&mut hasher);
    for (_, kind) in project.kinds.iter() {
        kind.name.hash(&mut hasher);
        if let Some(schema) = &kind.schema {
            format!("{:?} {:?}", schema.source, schema.info).hash(&mut hasher);
        }
    }
    project.kinds.path_fingerprint().hash(&mut hasher);
    for entry in entries {
        entry.path.hash(&mut hasher);
        entry.id.hash(&mut hasher);
    }
    hasher.finish()
}

/// Which index entries learning reads: the sample of each kind's
/// documents, then the templates (positions in the index's entries).
type LearningInputs = (Vec<usize>, Vec<usize>);

/// Matches every file of the index against the kinds' globs (in parallel:
/// it is most of a pre-commit run's work) and picks what a full check
/// learns from.
fn learning_inputs(project: &Project, index: &Index) -> LearningInputs {
    let kinds: Vec<Option<KindId>> = (0..index.len())
        .into_par_iter()
        .map(|i| {
            let entry = index.entry(i);
            (entry.regular && project.filter.accepts(entry.path))
                .then(|| project.kinds.for_path(entry.path))
                .flatten()
        })
        .collect();
    let mut by_kind: HashMap<KindId, Vec<usize>> = HashMap::new();
    let mut templates = Vec::new();
    for (i, (entry, kind)) in index.entries().zip(kinds).enumerate() {
        match kind {
            Some(k) if project.kinds.get(k).lint => by_kind.entry(k).or_default().push(i),
            Some(_) if entry.path.ends_with(".md") => templates.push(i),
            _ => {}
        }
    }
    let mut kinds: Vec<_> = by_kind.into_iter().collect();
    kinds.sort_by_key(|(k, _)| *k);
    let sample = kinds
        .iter()
        .flat_map(|(_, list)| {
            crate::convention::spread(list.len())
                .into_iter()
                .map(|i| list[i])
        })
        .collect();
    (sample, templates)
}

/// What decides [`learning_inputs`]: the index's files (and which are
/// regular) and what the configuration says about paths. Learning's inputs
/// are kept under `.git/doccheck/` with this key, so that the next commit
/// of the same files (the usual one: documents edited, none added) does not
/// match them all again.
fn learning_key(project: &Project, index: &Index) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    project.kinds.path_fingerprint().hash(&mut hasher);
    project.filter.fingerprint().hash(&mut hasher);
    index.len().hash(&mut hasher);
    for entry in index.entries() {
        entry.path.hash(&mut hasher);
        entry.regular.hash(&mut hasher);
    }
    hasher.finish()
}

fn encode_inputs(inputs: &LearningInputs, key: u64) -> Vec<u8> {
    let mut out = b"doccheck learning 1\n".to_vec();
    out.extend_from_slice(&key.to_le_bytes());
    for list in [&inputs.0, &inputs.1] {
        out.extend_from_slice(&(list.len() as u32).to_le_bytes());
        for &i in list {
            out.extend_from_slice(&(i as u32).to_le_bytes());
        }
    }
    out
}

/// `None` unless the bytes hold inputs for `key`, each a position below
/// `len`.
fn decode_inputs(bytes: &[u8], key: u64, len: usize) -> Option<LearningInputs> {
    let mut input = bytes.strip_prefix(b"doccheck learning 1\n".as_slice())?;
    let mut take = |n: usize| -> Option<&[u8]> {
        let (head, rest) = input.split_at_checked(n)?;
        input = rest;
        Some(head)
    };
    if u64::from_le_bytes(take(8)?.try_into().ok()?) != key {
        return None;
    }
    let mut list = || -> Option<Vec<usize>> {
        let n = u32::from_le_bytes(take(4)?.try_into().ok()?) as usize;
        (0..n)
            .map(|_| {
                let i = u32::from_le_bytes(take(4)?.try_into().ok()?) as usize;
                (i < len).then_some(i)
            })
            .collect()
    };
    let sample = list()?;
    let templates = list()?;
    input.is_empty().then_some((sample, templates))
}

impl Staged {
    /// Keeps analysed documents, with their text for rendering.
    fn keep(&mut self, loaded: &mut HashSet<String>, found: Vec<(Analysis, Option<String>)>) {
        for (analysis, text) in found {
            loaded.insert(analysis.document.path.to_string());
            if let Some(text) = text {
                self.texts.insert(analysis.document.path.clone(), text);
            }
            self.analyses.push(analysis);
        }
    }

    /// Whether `path` is a staged (added or modified) file.
    pub fn changed(&self, path: &str) -> bool {
        self.change
            .changed
            .binary_search_by(|p| p.as_str().cmp(path))
            .is_ok()
    }

    /// Modified documents for which no incoming link was looked for: their
    /// orphan finding is unknown.
    pub fn orphans_unknown(&self) -> &HashSet<String> {
        &self.incoming_unknown
    }

    /// Keeps the findings this commit answers for: every finding of a
    /// staged file, and the [`exposed`] findings of other documents. An
    /// orphan finding is dropped where incoming links were not looked for.
    pub fn retain(&self, graph: &Graph<'_>, diagnostics: &mut Vec<Diagnostic>) {
        let exposed = exposed(graph, self);
        let orphan = OrphanDocument::META.code;
        diagnostics.retain(|d| {
            if d.rule.code == orphan && self.incoming_unknown.contains(&*d.path) {
                return false;
            }
            self.changed(&d.path) || exposed.contains(&(&*d.path, d.span))
        });
    }
}

/// Which content of an entry to read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Version {
    Staged,
    Head,
}

/// The documents an edge from `doc` may reach, as index paths: every link
/// and reference, or only the chain references.
fn targets(doc: &Document, all_edges: bool) -> Vec<String> {
    let mut out = Vec::new();
    if all_edges {
        for link in &doc.facts.links {
            out.extend(link.paths().map(str::to_owned));
        }
    }
    for r in &doc.facts.refs {
        if all_edges || r.chain {
            let target = r.target.trim();
            out.extend(paths::normalize(target));
            out.extend(paths::join(&doc.path, target));
        }
    }
    out
}

/// The findings other documents get from the change: on their links and
/// references into it (a staged document, a deleted file, a deleted
/// document's id) and on an id that clashes with a staged document's.
/// Their other findings were there before and are not this commit's.
fn exposed<'a>(graph: &Graph<'a>, staged: &Staged) -> HashSet<(&'a str, Span)> {
    let docs = graph.docs;
    let changed = |path: &str| staged.changed(path);
    let mut out = HashSet::new();
    // Links are all taken below (the graph keeps one edge per target).
    for edge in graph.edges().filter(|e| matches!(e.label, Label::Field(_))) {
        let into = match edge.to {
            Ok(to) => changed(&docs[to].path),
            Err(target) => staged.gone.contains(target.trim()),
        };
        if into {
            out.insert((&*docs[edge.from].path, edge.span));
        }
    }
    for doc in docs {
        for link in &doc.facts.links {
            if link.paths().any(|p| changed(p) || staged.gone.contains(p)) {
                out.insert((&*doc.path, link.span));
            }
        }
    }
    for &(doc, span, _, first) in &graph.duplicate_ids {
        if changed(&docs[first].path) || changed(&docs[doc].path) {
            out.insert((&*docs[doc].path, span));
        }
    }
    out
}

/// The kind of `rel` when the project lints it as a document (`Some(None)`
/// for a document of no kind), else `None`.
fn document_kind(project: &Project, rel: &str) -> Option<Option<KindId>> {
    if !project.filter.accepts(rel) {
        return None;
    }
    let kind = project.kinds.for_path(rel);
    kind.is_none_or(|k| project.kinds.get(k).lint)
        .then_some(kind)
}

/// What a link to `path` contains whatever its form: the file's stem (a
/// run configuration is named by its folder), also percent-encoded.
fn stem_needles(path: &str) -> Vec<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    if stem == "run_config" {
        stem = paths::parent(path).rsplit('/').next().unwrap_or(stem);
    }
    let mut out = vec![stem.to_owned()];
    if stem.contains(' ') {
        out.push(stem.replace(' ', "%20"));
    }
    out
}

/// Staged symbolic links named like documents whose target leaves the
/// project: `check` refuses to read them, and so does `--staged`.
fn links_out(project: &Project, index: &Index) -> Vec<(Analysis, Option<String>)> {
    let repo = index.reader();
    let mut interner = Interner::default();
    index
        .staged()
        .filter(|e| !e.regular && document_kind(project, e.path).is_some())
        .filter_map(|entry| {
            // A submodule is not a blob; a link's blob is its target.
            let target = String::from_utf8(Index::blob(&repo, entry.id).ok()?).ok()?;
            let leaves = target.starts_with('/') || paths::join(entry.path, &target).is_none();
            leaves.then(|| {
                let reason = "it is a symbolic link to a file outside the repository, which doccheck does not read";
                analyze(project, &mut interner, &entry, Err(reason.to_owned()))
            })?
        })
        .collect()
}

/// Reads and analyses entries in parallel, each with its text.
fn read_all(
    project: &Project,
    index: &Index,
    entries: &[IndexEntry],
    version: Version,
) -> Vec<(Analysis, Option<String>)> {
    entries
        .par_iter()
        .map_init(
            || (index.reader(), Interner::default()),
            |(repo, interner), entry| {
                let bytes = match (version, entry.head) {
                    (Version::Head, Some(id)) => Index::blob(repo, id),
                    _ => index.content(repo, entry),
                };
                analyze(project, interner, entry, bytes)
            },
        )
        .flatten()
        .collect()
}

fn analyze(
    project: &Project,
    interner: &mut Interner,
    entry: &IndexEntry,
    bytes: Result<Vec<u8>, String>,
) -> Option<(Analysis, Option<String>)> {
    let kind = document_kind(project, entry.path)?;
    let loaded = match bytes {
        Ok(bytes) => document::decode(bytes),
        Err(reason) => {
            document::Loaded::Problem(crate::rules::content::unreadable_file::diagnostic(&reason))
        }
    };
    let analysis = super::analysis(project, interner, entry.path, kind, &loaded)?;
    let text = match loaded {
        document::Loaded::Text(text) => Some(text),
        _ => None,
    };
    Some((analysis, text))
}
