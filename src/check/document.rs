//! One document, read and parsed once: frontmatter, kind, schema, body. What
//! later checks need is kept in a [`Document`]; the text and the YAML tree
//! are dropped when this returns.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::dates;
use crate::diagnostic::Diagnostic;
use crate::discover::Entry;
use crate::intern::{Interner, Name};
use crate::kinds::{KindId, Kinds, SchemaRef};
use crate::parse::commits::{self, CommitKey, CommitValue};
use crate::parse::frontmatter::{self, Fence};
use crate::parse::markdown::{self, CodeRef, Link};
use crate::parse::yaml::{self, Node, Resolved, Value};
use crate::parse::{coderef, docrefs, fields};
use crate::rules::content::{
    binary_file, file_too_large, invalid_suppression, invalid_utf8, unreadable_file,
};
use crate::rules::frontmatter::{
    duplicate_key, invalid_yaml, missing_frontmatter, unclosed_frontmatter, unknown_kind,
    unknown_schema,
};
use crate::rules::git::commit_with_note;
use crate::schema::{Marker, Schema, Segment};
use crate::source::Span;
use crate::suggest;
use crate::suppress::{self, Suppressions};

/// What the rest of the run knows about a document.
#[derive(Debug)]
pub struct Document {
    /// Path relative to the project root.
    pub path: Arc<str>,
    pub kind: Option<KindId>,
    /// `None` when the document silences nothing, as nearly all do.
    suppressions: Option<Box<Suppressions>>,
    pub facts: Facts,
    /// The [`digest`] of the text checked, so that `--fix` can tell that
    /// the file changed since.
    pub digest: u64,
}

/// The values later checks verify, with where they are written.
#[derive(Debug, Default)]
pub struct Facts {
    /// Commits cited by schema fields (`format: git-commit`) and by
    /// `**Git Commit**:` lines in the body, in document order.
    pub commits: Vec<Cited>,
    pub branches: Vec<Cited>,
    pub code_refs: Vec<CodeRef>,
    /// `date` (with `time`, when a separate key gives it).
    pub date: Option<(dates::Written, Span)>,
    /// `last_updated`, in days since the epoch.
    pub last_updated: Option<(i64, Span)>,
    /// Relative links and images in the body, resolved.
    pub links: Vec<ResolvedLink>,
    /// Heading ids and explicit anchors.
    pub anchors: super::anchors::Anchors,
    /// The first level-1 heading, else `topic` or `title`.
    pub title: Option<Box<str>>,
    /// Document-reference fields (`format: doc-ref`, `run-id`).
    pub refs: Vec<Reference>,
    pub status: Option<Arc<str>>,
    /// Where `status` is written.
    pub status_span: Option<Span>,
    /// `tags`, for the index (a list, or a comma-separated string), one per
    /// line: a single string, shared by the documents with the same tags,
    /// since every document keeps its facts.
    pub tags: Arc<str>,
    /// The names other documents may cite this one by: `format: doc-id`
    /// fields, and a run's folder name and its timestamp.
    pub ids: Vec<(Box<str>, Span)>,
    /// Execution-log and run names an activity log mentions
    /// (`20241019-143000-sentiment-analysis`).
    pub mentions: Vec<(Box<str>, Span)>,
    /// Whether the document states a rationale (for the change gate).
    pub rationale: bool,
    /// Where the document keeps its metadata.
    pub metadata: Metadata,
    /// The frontmatter's top-level keys, as written, for learning the
    /// repository's conventions: one list for the documents that write the
    /// same keys in the same order.
    pub keys: Arc<[Arc<str>]>,
    /// Whether the document records work that is over: its status says so,
    /// or every item of its task lists is ticked, or it is a handoff (a
    /// record of one moment).
    pub done: bool,
}

/// Where a document keeps its metadata.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Metadata {
    #[default]
    None,
    /// A YAML frontmatter block (or a YAML document).
    Frontmatter,
    /// Bold field lines in the body.
    Fields,
}

impl Document {
    /// A document of which nothing is known but its path and kind (it
    /// could not be read).
    pub fn unread(path: Arc<str>, kind: Option<KindId>) -> Document {
        Document {
            path,
            kind,
            suppressions: None,
            facts: Facts::default(),
            digest: 0,
        }
    }

    /// Whether a finding of rule `code` starting at byte `offset` is
    /// silenced by a comment in the document.
    pub fn silences(&self, code: &str, offset: u32) -> bool {
        self.suppressions
            .as_ref()
            .is_some_and(|s| s.covers(code, offset))
    }
}

impl Facts {
    /// Frees the room the lists grew into: every document keeps its facts
    /// until the run ends, and a list grown to four for one commit holds
    /// three empty places a hundred thousand times.
    fn shrink_to_fit(&mut self) {
        self.commits.shrink_to_fit();
        self.branches.shrink_to_fit();
        self.code_refs.shrink_to_fit();
        self.links.shrink_to_fit();
        self.refs.shrink_to_fit();
        self.ids.shrink_to_fit();
        self.mentions.shrink_to_fit();
    }

    /// Whether the document is a historical record of its time: its
    /// `status` says its work is over (`complete`, `implemented`,
    /// `superseded`…), every task of its checklists is ticked, or it is a
    /// record of one moment (a handoff).
    pub fn finished(&self) -> bool {
        self.done || self.status.as_deref().is_some_and(finished)
    }
}

/// Whether a status value says the work is over: its first word
/// (`Done (2026-03-05)`, `✅ Complete`, `superseded by ADR-7`).
pub fn finished(status: &str) -> bool {
    let first = status
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or_default()
        .to_lowercase();
    matches!(
        first.as_str(),
        "complete"
            | "completed"
            | "done"
            | "implemented"
            | "finished"
            | "merged"
            | "closed"
            | "shipped"
            | "resolved"
            | "historical"
            | "archived"
            | "superseded"
            | "deprecated"
            | "obsolete"
            | "abandoned"
            | "cancelled"
            | "canceled"
            | "rejected"
            | "final"
    )
}

/// Where a link leads, resolved once when the document is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTarget<'a> {
    /// `[text]()`.
    Empty,
    /// `..` segments climb above the project root.
    Outside,
    /// A project-relative path (the document itself for `#fragment`).
    Path(&'a str),
}

/// A link as every document keeps it until the run ends, a million times
/// in a large project: 24 bytes, each string a [`Name`].
#[derive(Debug, Clone)]
pub struct ResolvedLink {
    /// The project-relative path; `None` when the destination is empty
    /// (`empty`) or climbs out of the project.
    path: Option<Name>,
    /// The percent-decoded `#fragment`.
    pub fragment: Option<Name>,
    /// The destination as written.
    pub span: Span,
    /// A bare relative destination (`docs/setup.md`, no `./` or `../`) in
    /// a document below the root, read from the repository root instead:
    /// how an editor or an agent working at the root reads it.
    from_root: Option<Name>,
    empty: bool,
    /// Written with a leading `/`.
    pub absolute: bool,
}

// Checked when building: a larger link costs a million times over.
const _: () = assert!(std::mem::size_of::<ResolvedLink>() <= 24);

impl ResolvedLink {
    pub fn target(&self) -> LinkTarget<'_> {
        match &self.path {
            Some(path) => LinkTarget::Path(path.as_str()),
            None if self.empty => LinkTarget::Empty,
            None => LinkTarget::Outside,
        }
    }

    /// The path the link names when read from the repository root, when
    /// that is another path than GitHub's reading.
    pub fn from_root(&self) -> Option<&str> {
        self.from_root.map(Name::as_str)
    }

    /// The names of [`Self::paths`].
    pub fn names(&self) -> impl Iterator<Item = Name> {
        self.path.into_iter().chain(self.from_root)
    }

    /// The path as GitHub reads it, when the link names one.
    pub fn path_name(&self) -> Option<Name> {
        self.path
    }

    /// The paths the link may mean: as GitHub reads it, then from the root.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.names().map(|name| -> &str { name.as_str() })
    }
}

/// A document-reference field's value: a path, or a document's id.
#[derive(Debug, Clone)]
pub struct Reference {
    pub field: Arc<str>,
    pub target: Box<str>,
    pub span: Span,
    /// The kinds the target must have (`x-doc-kind`), shared with the
    /// schema; none for any.
    kinds: Option<Arc<[String]>>,
    /// Whether the relation must not loop (`x-chain`).
    pub chain: bool,
    /// How the document cites it, which says how sure the citation is.
    pub cites: Cites,
}

impl Reference {
    /// The kinds the target must have; empty for any.
    pub fn kinds(&self) -> &[String] {
        self.kinds.as_deref().unwrap_or_default()
    }
}

/// How a document cites another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cites {
    /// A field the schema marks (`format: doc-ref`, `run-id`).
    Field,
    /// A frontmatter key whose name says it holds references
    /// (`related_docs`, `supersedes`).
    Key,
    /// Any other frontmatter key whose value is a Markdown document's path
    /// (`files_modified: [docs/usage.md]`).
    Value,
    /// A bold label that says so (`**Research document:**`).
    Label,
    /// A repository path to a document in a code span.
    Span,
    /// An id in prose that names a document (`ADR-010`): an edge when it
    /// names one, nothing when it does not (it may be another tracker's).
    Id,
}

impl Cites {
    /// Whether the citation says, in so many words, that the document
    /// builds on its target: a broken one is then an error, not a warning.
    pub fn declared(self) -> bool {
        matches!(self, Cites::Field | Cites::Key | Cites::Label)
    }
}

/// A value a field cites.
#[derive(Debug, Clone)]
pub struct Cited {
    /// `git_commit`, `phases[0].commit`, or `Git Commit` for a body line.
    pub field: Arc<str>,
    /// The text as written, or what it is when it is not text (`a list`).
    pub value: Result<Box<str>, &'static str>,
    pub span: Span,
    /// For commits: whether this is the commit the document was written
    /// against (`git_commit`), rather than another one it mentions
    /// (`implemented_commit`).
    pub primary: bool,
}

#[derive(Debug)]
pub struct Analysis {
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
}

/// The text of a file, or why there is none.
pub enum Loaded {
    Text(String),
    /// Not a document at all (a symbolic link to a folder).
    Skip,
    Problem(Diagnostic),
}

/// Reads a file for linting without ever following it out of `root`,
/// blocking on a FIFO, or loading a huge or binary file.
pub fn read(root: &Path, abs: &Path, entry: Entry) -> Loaded {
    read_into(root, abs, entry, Vec::new())
}

/// [`read`], into `buffer` (what it held is dropped): the walk reads each
/// document into the buffer of the one before, instead of allocating a
/// couple of kilobytes a hundred thousand times.
pub fn read_into(root: &Path, abs: &Path, entry: Entry, buffer: Vec<u8>) -> Loaded {
    match read_bytes_into(root, abs, entry, buffer) {
        Ok(Some(bytes)) => decode(bytes),
        Ok(None) => Loaded::Skip,
        Err(problem) => Loaded::Problem(*problem),
    }
}

/// The bytes of a regular file inside `root`; `None` for a symbolic link to
/// a folder. Every other read of a document goes through here too, so that
/// nothing ever opens a FIFO or a file outside the project.
///
/// A file the walk listed as regular is opened directly: one path lookup,
/// and `O_NONBLOCK` keeps a file swapped for a FIFO meanwhile from blocking.
pub fn read_bytes(
    root: &Path,
    abs: &Path,
    entry: Entry,
) -> Result<Option<Vec<u8>>, Box<Diagnostic>> {
    read_bytes_into(root, abs, entry, Vec::new())
}

fn read_bytes_into(
    root: &Path,
    abs: &Path,
    entry: Entry,
    mut bytes: Vec<u8>,
) -> Result<Option<Vec<u8>>, Box<Diagnostic>> {
    let unreadable = |reason: &str| Box::new(unreadable_file::diagnostic(reason));
    if entry != Entry::File {
        let meta = std::fs::symlink_metadata(abs).map_err(|e| unreadable(&e.to_string()))?;
        if meta.file_type().is_symlink() {
            let target = abs
                .canonicalize()
                .map_err(|e| unreadable(&format!("broken symbolic link ({e})")))?;
            if !target.starts_with(root) {
                return Err(unreadable(
                    "it is a symbolic link to a file outside the repository, which doccheck does not read",
                ));
            }
            if target.is_dir() {
                return Ok(None);
            }
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, O_NONBLOCK);
    let file = options.open(abs).map_err(|e| unreadable(&e.to_string()))?;
    let meta = file.metadata().map_err(|e| unreadable(&e.to_string()))?;
    if !meta.is_file() {
        return Err(unreadable("it is not a regular file"));
    }
    if meta.len() > file_too_large::LIMIT {
        return Err(Box::new(file_too_large::diagnostic(meta.len())));
    }
    bytes.clear();
    bytes.reserve_exact(meta.len() as usize + 1);
    file.take(file_too_large::LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(&e.to_string()))?;
    Ok(Some(bytes))
}

/// The text of a file doccheck reads besides the documents (configuration,
/// schemas, templates), or why it will not: the file must resolve inside
/// `root` (canonical), through no link or linked folder that leads out of
/// it, and be a regular UTF-8 text file.
pub fn read_inside(root: &Path, path: &Path) -> Result<String, String> {
    let target = path.canonicalize().map_err(|e| {
        if path.symlink_metadata().is_ok() {
            format!("it is a broken symbolic link ({e})")
        } else if e.kind() == std::io::ErrorKind::NotFound {
            "it does not exist".to_owned()
        } else {
            e.to_string()
        }
    })?;
    if !target.starts_with(root) {
        return Err(format!(
            "it leads outside the project (to {}) through a symbolic link, and doccheck reads nothing outside the project",
            target.display()
        ));
    }
    if target.is_dir() {
        return Err("it is a folder, not a file".to_owned());
    }
    match read_bytes(root, &target, Entry::Other) {
        Ok(Some(bytes)) => String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned()),
        Ok(None) => Err("it is a folder, not a file".to_owned()),
        Err(d) => Err(d.message),
    }
}

/// `O_NONBLOCK`: 0o4000 on Linux, 4 on macOS and the BSDs.
#[cfg(unix)]
const O_NONBLOCK: i32 = if cfg!(any(target_os = "linux", target_os = "android")) {
    0o4000
} else {
    0x0004
};

/// Text from bytes: binary content and invalid UTF-8 are findings.
pub fn decode(bytes: Vec<u8>) -> Loaded {
    if bytes.len() as u64 > file_too_large::LIMIT {
        return Loaded::Problem(file_too_large::diagnostic(bytes.len() as u64));
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Loaded::Problem(binary_file::diagnostic());
    }
    match String::from_utf8(bytes) {
        Ok(text) => Loaded::Text(text),
        Err(e) => Loaded::Problem(invalid_utf8::diagnostic(e.utf8_error().valid_up_to())),
    }
}

/// Parses and checks one document's text; `by_path` is the kind its path
/// gives it, if any. Paths and anchors the document mentions are shared
/// through `interner`.
pub fn analyze(
    kinds: &Kinds,
    interner: &mut Interner,
    path: Arc<str>,
    by_path: Option<KindId>,
    text: &str,
) -> Analysis {
    let mut out = Vec::new();
    let mut suppressions = suppress::Builder::default();
    // A YAML document (a run's `run_config.yaml`) is all metadata.
    let yaml_document = is_yaml(&path);
    let (fence, body_start) = if yaml_document {
        (Fence::None, text.len())
    } else {
        frontmatter::split(text)
    };

    let mut root = None;
    let mut open = Span::empty(body_start);
    let mut yaml_range = None;
    match &fence {
        Fence::None if yaml_document => yaml_range = Some((0, text.len())),
        Fence::None => {}
        Fence::Unclosed { open } => out.push(unclosed_frontmatter::diagnostic(*open)),
        Fence::Block(block) => {
            open = block.open;
            yaml_range = Some((block.yaml.start as usize, block.yaml.end as usize));
        }
    }
    if let Some((start, end)) = yaml_range {
        suppressions.frontmatter(text, start, end);
        match yaml::parse(&text[start..end], start) {
            Ok(parsed) => {
                out.extend(parsed.duplicates.iter().map(duplicate_key::diagnostic));
                root = Some(parsed.root.unwrap_or_else(|| Node::empty_mapping(open)));
            }
            Err(e) => out.push(invalid_yaml::diagnostic(&e)),
        }
    }

    let (mut kind, mut schema) = classify(kinds, &path, by_path, root.as_ref(), &mut out);
    let mut body = markdown::scan(text, body_start, &mut suppressions);
    let fields = fields::scan(text, body_start, &body.code_blocks);
    // A guide in `experiments/` is no experiment log: the folder claims
    // only what looks like one.
    if let Some(id) = kind
        && kind == by_path
        && kinds.by_content(id)
        && !looks_like(kinds.get(id), &path, root.as_ref(), &fields, &body)
    {
        kind = None;
        schema = None;
    }
    let kind_def = kind.map(|id| kinds.get(id));
    // Bold field lines stand in for frontmatter where the kind allows it.
    let from_fields = root.is_none()
        && matches!(fence, Fence::None)
        && !yaml_document
        && kind_def.is_some_and(|k| k.fields);
    if from_fields {
        root = Some(fields::tree(&fields, Span::empty(body_start)));
    }
    if let Some(k) = kind_def
        && k.frontmatter_required
        && root.is_none()
        && matches!(fence, Fence::None)
    {
        out.push(missing_frontmatter::diagnostic(body_start, &k.name));
    }
    if let (Some(schema), Some(root)) = (&schema, &root) {
        super::schema::validate(schema, root, open, !from_fields, &mut out);
    }

    let mut buffer = String::new();
    let links = body
        .links
        .iter()
        .map(|link| resolve(&path, link, &mut buffer))
        .collect();
    // Moved out (the content checks below read only the outline) and
    // trimmed: these are kept for every document until the run ends.
    let mut facts = Facts {
        code_refs: std::mem::take(&mut body.code_refs),
        links,
        anchors: super::anchors::Anchors::new(std::mem::take(&mut body.anchors)),
        title: body.title.take(),
        ..Facts::default()
    };
    let (ticked, open_tasks) = body.tasks;
    facts.done = (ticked > 0 && open_tasks == 0) || kind_def.is_some_and(|k| k.name == "handoff");
    facts.metadata = if from_fields {
        Metadata::Fields
    } else if matches!(fence, Fence::Block(_)) || (yaml_document && root.is_some()) {
        Metadata::Frontmatter
    } else {
        Metadata::None
    };
    if facts.metadata == Metadata::Frontmatter
        && let Some(root) = &root
    {
        let keys = root
            .entries()
            .iter()
            .filter_map(|e| e.key.as_scalar().map(|k| interner.get(&k.text)))
            .collect();
        facts.keys = interner.list(keys);
    }
    let mut notes = Vec::new();
    for field in fields.iter().chain(fields.iter().flat_map(|f| &f.children)) {
        if let Some(kind) = commits::commit_key(&fields::key(field.name)) {
            let primary = kind == CommitKey::Primary;
            // Prose after a commit in the body (`**Commit**: `a1b2c3d`
            // (baseline)`) is the author explaining it, not a field value
            // a script reads.
            cite_commit(
                &mut facts.commits,
                &mut Vec::new(),
                field.name,
                field.value,
                field.span,
                primary,
                primary,
            );
        }
    }
    if let (Some(schema), Some(root)) = (&schema, &root) {
        frontmatter_facts(schema, root, &mut facts, &mut notes);
    }
    if let Some(root) = root.as_ref().filter(|_| !from_fields) {
        commit_keys(root, &mut String::new(), &mut facts.commits, &mut notes);
    }
    // Status is read wherever it is written, schema or not: the frontmatter,
    // else a `**Status**:` line.
    let status = root
        .as_ref()
        .and_then(|r| r.get("status"))
        .and_then(|e| e.value.as_scalar().map(|s| (s.text.as_str(), e.value.span)))
        .or_else(|| {
            fields
                .iter()
                .find(|f| fields::key(f.name) == "status" && !f.value.is_empty())
                .map(|f| (f.value, f.span))
        });
    if let Some((value, span)) = status {
        facts.status = Some(interner.get(value));
        facts.status_span = Some(span);
    }
    document_refs(
        &path,
        text,
        root.as_ref().filter(|_| !from_fields),
        &fields,
        &body,
        &mut facts.refs,
    );
    // A note after a commit is said once, wherever the same value repeats.
    notes.sort_by_key(|d| d.span.start);
    notes.dedup_by_key(|d| d.span);
    out.append(&mut notes);
    // A field line the schema also marks is one citation, not two, named
    // as written; and one commit cited twice (the frontmatter's
    // `git_commit` and the body's `**Git Commit**:`) is one fact.
    facts.commits.sort_by_key(|c| c.span.start);
    facts.commits.dedup_by_key(|c| c.span);
    let mut seen: Vec<Box<str>> = Vec::new();
    facts.commits.retain(|c| match &c.value {
        Ok(sha) if sha.len() >= 7 => {
            let key: Box<str> = sha.to_ascii_lowercase().into();
            let new = !seen
                .iter()
                .any(|s| s.starts_with(&*key) || key.starts_with(&**s));
            if new {
                seen.push(key);
            }
            new
        }
        _ => true,
    });
    if yaml_document && let Some(run) = run_folder(&path) {
        facts.title = Some(run.into());
        facts.ids.push((run.into(), Span::empty(0)));
        if let Some(stamp) = super::content::run_stamp(run) {
            facts.ids.push((stamp.into(), Span::empty(0)));
        }
    }
    if let Some(k) = kind_def {
        let learned = super::content::check(
            &super::content::Input {
                kind: k,
                path: &path,
                text,
                body_start,
                root: root.as_ref(),
                body: &body,
                facts: &facts,
            },
            &mut out,
        );
        facts.mentions = learned.mentions;
        facts.rationale = learned.rationale;
    }
    out.extend(
        suppressions
            .invalid()
            .iter()
            .map(invalid_suppression::diagnostic),
    );
    let out = out.into_iter().map(|d| d.in_file(&path)).collect();
    share_names(interner, &mut facts);
    facts.shrink_to_fit();
    Analysis {
        document: Document {
            path,
            kind,
            suppressions: Some(suppressions.finish(text.len()))
                .filter(|s| !s.is_empty())
                .map(Box::new),
            facts,
            digest: digest(text.as_bytes()),
        },
        diagnostics: out,
    }
}

/// Field names, code-reference paths, tags and statuses repeat from
/// document to document: one shared copy of each (per parsing thread)
/// instead of a few bytes allocated per document, which every document
/// keeps until the run ends.
fn share_names(interner: &mut Interner, facts: &mut Facts) {
    for cited in facts.commits.iter_mut().chain(&mut facts.branches) {
        cited.field = interner.get(&cited.field);
    }
    for reference in &mut facts.refs {
        reference.field = interner.get(&reference.field);
    }
    for code_ref in &mut facts.code_refs {
        code_ref.path = interner.get(&code_ref.path);
    }
    facts.tags = interner.get(&facts.tags);
}

/// Whether a document in a folder of a kind claimed by content
/// ([`Kinds::by_content`]) is one: it has the kind's own fields or one of
/// its sections, or (for sessions) it sits in `docs/sessions/` itself.
fn looks_like(
    kind: &crate::kinds::Kind,
    path: &str,
    root: Option<&Node>,
    fields: &[fields::Field<'_>],
    body: &markdown::Body,
) -> bool {
    let own: &[&str] = match kind.name.as_str() {
        "experiment" => &[
            "experiment_id",
            "experiment",
            "exp_id",
            "hypothesis",
            "run_id",
        ],
        "session" => &["session_type", "session", "session_id"],
        _ => &[],
    };
    let has_key = |k: &str| {
        root.is_some_and(|r| r.get(k).is_some()) || fields.iter().any(|f| fields::key(f.name) == k)
    };
    if own.iter().any(|k| has_key(k)) {
        return true;
    }
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    if kind.name == "experiment" && (name.starts_with("exp-") || name.starts_with("exp_")) {
        return true;
    }
    let parent = crate::paths::parent(path);
    if kind.name == "session" && (parent == "docs/sessions" || parent.ends_with("/docs/sessions")) {
        return true;
    }
    let sections: Vec<Vec<String>> = kind
        .sections
        .iter()
        .map(|s| super::content::heading_words(s))
        .collect();
    body.headings
        .iter()
        .any(|h| sections.contains(&super::content::heading_words(&h.text)))
}

/// Records the commit `text` (at `span`) cites under `field`: the SHA at
/// its start, any note after it. A value naming several commits (of
/// several repositories) is not one commit; a key that only may hold a
/// commit is left alone when it holds none.
/// `strict`: a value that is no SHA is reported (the key says it must be
/// one); otherwise it is left alone.
fn cite_commit(
    out: &mut Vec<Cited>,
    notes: &mut Vec<Diagnostic>,
    field: &str,
    text: &str,
    span: Span,
    strict: bool,
    primary: bool,
) {
    let at = |offset: usize, len: usize| text_span(span, text, offset, len);
    let mut note = None;
    let (value, span): (Result<Box<str>, &'static str>, Span) = match commits::read(text) {
        CommitValue::Several => return,
        CommitValue::Sha(sha, offset) => (Ok(sha.into()), at(offset, sha.len())),
        CommitValue::Annotated(sha, offset, after) => {
            note = Some((at(after, text.len() - after), &text[after..]));
            (Ok(sha.into()), at(offset, sha.len()))
        }
        CommitValue::Other if !strict => return,
        CommitValue::Other if text.trim().is_empty() => (Err("an empty value"), span),
        CommitValue::Other => (Ok(text.into()), span),
    };
    if !strict
        && let Ok(sha) = &value
        && !(7..=40).contains(&sha.len())
    {
        return;
    }
    out.push(Cited {
        field: field.into(),
        value,
        span,
        primary,
    });
    if let Some((span, note)) = note {
        notes.push(commit_with_note::diagnostic(span, field, note));
    }
}

/// Where bytes `offset..offset + len` of a scalar's `text` are in the file,
/// given the scalar's `span`: a quoted scalar's text starts after its
/// quote; an escaped or block scalar's text is not its source, so the whole
/// value then.
fn text_span(span: Span, text: &str, offset: usize, len: usize) -> Span {
    let start = match span.len().checked_sub(text.len()) {
        Some(0) => span.start as usize,
        Some(2) => span.start as usize + 1,
        _ => return span,
    };
    Span::new(start + offset, start + offset + len)
}

/// Commits under keys that say so, at any depth of the frontmatter
/// (`git_commit`, `implemented_commit`, `phases[0].commit`), whatever the
/// schema marks.
fn commit_keys(node: &Node, name: &mut String, out: &mut Vec<Cited>, notes: &mut Vec<Diagnostic>) {
    match &node.value {
        Value::Map(entries) => {
            for entry in entries {
                let Some(key) = entry.key.as_scalar() else {
                    continue;
                };
                let len = push_key(name, &key.text);
                match (
                    commits::commit_key(&ascii_lowercase(&key.text)),
                    &entry.value.value,
                ) {
                    (Some(kind), Value::Scalar(s)) if s.resolve() != Resolved::Null => {
                        let primary = kind == CommitKey::Primary;
                        cite_commit(
                            out,
                            notes,
                            name,
                            &s.text,
                            entry.value.span,
                            primary,
                            primary,
                        );
                    }
                    (Some(_), _) => {}
                    (None, _) => commit_keys(&entry.value, name, out, notes),
                }
                name.truncate(len);
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = push_index(name, i);
                commit_keys(item, name, out, notes);
                name.truncate(len);
            }
        }
        _ => {}
    }
}

/// The documents a document cites beyond its schema's fields: frontmatter
/// keys that say so (or whose value is a document's path), bold labels that
/// say so, repository paths to documents in code spans, and ids in prose
/// that may name a document. A place the schema already marks is cited
/// once.
fn document_refs(
    path: &str,
    text: &str,
    root: Option<&Node>,
    fields: &[fields::Field<'_>],
    body: &markdown::Body,
    refs: &mut Vec<Reference>,
) {
    let marked: Vec<Span> = refs.iter().map(|r| r.span).collect();
    let mut add = |field: &str, target: &str, span: Span, kind: Option<&str>, cites: Cites| {
        if marked
            .iter()
            .any(|m| m.start <= span.start && span.end <= m.end)
            || super::content::is_placeholder(target)
        {
            return;
        }
        refs.push(Reference {
            field: field.into(),
            target: target.trim().into(),
            span,
            kinds: kind.map(|k| Arc::from([k.to_owned()])),
            chain: matches!(field, "supersedes" | "superseded_by"),
            cites,
        });
    };
    if let Some(root) = root {
        let mut found = Vec::new();
        reference_keys(root, &mut String::new(), None, &mut found);
        for (field, node, kind, named) in found {
            if let Some(s) = node.as_scalar() {
                let cites = if named { Cites::Key } else { Cites::Value };
                for (start, part) in docrefs::listed(&s.text) {
                    add(
                        &field,
                        part,
                        text_span(node.span, &s.text, start, part.len()),
                        kind,
                        cites,
                    );
                }
            }
        }
    }
    let mut labelled: Vec<Span> = Vec::new();
    for field in fields.iter().chain(fields.iter().flat_map(|f| &f.children)) {
        let key = fields::key(field.name);
        let to_write = docrefs::to_write(&key);
        if !to_write && !docrefs::reference_label(&key) {
            continue;
        }
        let kind = docrefs::reference_key(&key).flatten();
        // `**Research document:** `thoughts/…/x.md``, or the path bare.
        let value = field.value.trim();
        let inner = value.trim_matches('`');
        if docrefs::is_reference_value(inner) {
            let at = field.span.start as usize
                + (field.value.len() - field.value.trim_start().len())
                + (value.len() - value.trim_start_matches('`').len());
            let span = Span::new(at, at + inner.len());
            labelled.push(span);
            // A file the document is about to write: no citation at all.
            if to_write {
                continue;
            }
            let cites = if docrefs::vague_label(&key) {
                Cites::Value
            } else {
                Cites::Label
            };
            add(field.name, inner, span, kind, cites);
        }
    }
    for &span in &body.code_spans {
        let inner = &text[span.range()];
        // `../docs/x.md` from the root, `../../other/x.md`: outside the
        // repository, so not one of its documents.
        let climbs_out = inner.starts_with("../") && crate::paths::join(path, inner).is_none();
        if docrefs::is_doc_path(inner, true) && !labelled.contains(&span) && !climbs_out {
            add("code span", inner, span, None, Cites::Span);
        }
    }
    let own = path.rsplit('/').next().unwrap_or(path);
    let own_id = docrefs::file_id(own, true);
    for range in &body.prose {
        let prose = &text[range.clone()];
        for (at, len) in docrefs::ids_in(prose) {
            let id = &prose[at..at + len];
            if own_id.is_some() && docrefs::id(id) == own_id {
                continue;
            }
            let start = range.start + at;
            add(
                "mention",
                id,
                Span::new(start, start + len),
                None,
                Cites::Id,
            );
        }
    }
}

/// Frontmatter values under keys that name references, at any depth, with
/// the kind the key's name implies; and any value that is a path to a
/// Markdown document.
fn reference_keys<'a>(
    node: &'a Node,
    name: &mut String,
    under: Option<Option<&'static str>>,
    out: &mut Vec<(String, &'a Node, Option<&'static str>, bool)>,
) {
    match &node.value {
        Value::Map(entries) => {
            for entry in entries {
                let Some(key) = entry.key.as_scalar() else {
                    continue;
                };
                let len = push_key(name, &key.text);
                let says = docrefs::reference_key(&ascii_lowercase(&key.text));
                reference_keys(&entry.value, name, says.or(under), out);
                name.truncate(len);
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = push_index(name, i);
                reference_keys(item, name, under, out);
                name.truncate(len);
            }
        }
        Value::Scalar(s) if s.resolve() == Resolved::Str => {
            let cited = match under {
                Some(_) => docrefs::is_reference_value(&s.text),
                None => docrefs::is_doc_path(&s.text, false),
            };
            if cited {
                out.push((name.clone(), node, under.flatten(), under.is_some()));
            }
        }
        _ => {}
    }
}

/// `name.key` (`key` at the top): the field name of a map's entry. Returns
/// the length to truncate `name` back to.
fn push_key(name: &mut String, key: &str) -> usize {
    let len = name.len();
    if len > 0 {
        name.push('.');
    }
    name.push_str(key);
    len
}

/// `name[i]`: the field name of a list's item. Returns the length to
/// truncate `name` back to.
fn push_index(name: &mut String, i: usize) -> usize {
    use std::fmt::Write as _;
    let len = name.len();
    let _ = write!(name, "[{i}]");
    len
}

/// A key in lower case, copied only when it has capitals (keys rarely do).
fn ascii_lowercase(key: &str) -> std::borrow::Cow<'_, str> {
    if key.bytes().any(|b| b.is_ascii_uppercase()) {
        key.to_ascii_lowercase().into()
    } else {
        key.into()
    }
}

/// A fast fingerprint of a file's bytes (not a cryptographic hash: it
/// tells an edited file from the one checked).
pub fn digest(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        hash = (hash ^ word)
            .rotate_left(23)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    for &b in chunks.remainder() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Whether a file is a YAML document rather than Markdown.
pub fn is_yaml(path: &str) -> bool {
    path.ends_with(".yaml") || path.ends_with(".yml")
}

/// The folder a run's configuration sits in (`20251212_151708_baseline`).
pub fn run_folder(path: &str) -> Option<&str> {
    let (dir, _) = path.rsplit_once('/')?;
    Some(dir.rsplit('/').next().unwrap_or(dir))
}

fn resolve(from: &str, link: &Link, buffer: &mut String) -> ResolvedLink {
    let resolved = crate::graph::resolve_link(from, &link.dest, buffer);
    let empty = link.dest.trim().is_empty();
    let path = (resolved.inside && !empty).then(|| Name::new(buffer));
    let dest = link.dest.trim();
    let bare = !dest.starts_with(['.', '/', '#', '\\']) && from.contains('/');
    let from_root = (bare && crate::graph::resolve_link("", dest, buffer).inside)
        .then_some(&*buffer)
        .filter(|p| !p.is_empty() && path.as_deref().is_some_and(|t| t != *p))
        .map(|p| Name::new(p));
    ResolvedLink {
        path,
        fragment: resolved.fragment.map(|f| Name::new(&f)),
        span: link.span,
        from_root,
        empty,
        absolute: dest.starts_with('/'),
    }
}

/// Commit, branch and code-reference fields the schema marks, and the dates.
fn frontmatter_facts(schema: &Schema, root: &Node, facts: &mut Facts, notes: &mut Vec<Diagnostic>) {
    for marked in &schema.info.marked {
        let mut found = Vec::new();
        collect(root, &marked.path, String::new(), &mut found);
        let target = match marked.marker {
            Marker::Commit => {
                let mut items = marked.path.clone();
                items.push(Segment::Item);
                let items_marked = schema.info.marked.iter().any(|m| m.path == items);
                for (field, node) in found {
                    let primary = field
                        .rsplit(['.', ']'])
                        .next()
                        .and_then(commits::commit_key)
                        == Some(CommitKey::Primary);
                    match &node.value {
                        Value::Scalar(s) if s.resolve() == Resolved::Null => {}
                        Value::Scalar(s) => cite_commit(
                            &mut facts.commits,
                            notes,
                            &field,
                            &s.text,
                            node.span,
                            true,
                            primary,
                        ),
                        Value::Seq(_) if items_marked => {}
                        _ => facts.commits.push(Cited {
                            field: field.into(),
                            value: Err(node.type_name()),
                            span: node.span,
                            primary,
                        }),
                    }
                }
                continue;
            }
            Marker::Branch => &mut facts.branches,
            Marker::CodeRef => {
                for (_, node) in found {
                    if let Some(s) = node.as_scalar() {
                        for r in coderef::scan(&s.text) {
                            let at = node.span.start as usize + quote_offset(s);
                            facts.code_refs.push(markdown::CodeRef {
                                path: r.path.into(),
                                start: r.start,
                                end: r.end,
                                span: Span::new(at + r.at, at + r.at + r.len),
                            });
                        }
                    }
                }
                continue;
            }
            Marker::Id => {
                for (_, node) in found {
                    if let Some(s) = node.as_scalar().filter(|s| {
                        s.resolve() != Resolved::Null && !super::content::is_placeholder(&s.text)
                    }) {
                        facts.ids.push((s.text.as_str().into(), node.span));
                    }
                }
                continue;
            }
            Marker::DocRef | Marker::RunId => {
                for (field, node) in found {
                    let Some(s) = node.as_scalar().filter(|s| {
                        s.resolve() == Resolved::Str && !super::content::is_placeholder(&s.text)
                    }) else {
                        continue;
                    };
                    // `exp-040, exp-041`: ids never hold commas, so a field
                    // line can list several.
                    let at = node.span.start as usize + quote_offset(s);
                    let mut offset = 0;
                    for part in s.text.split(',') {
                        let start = offset + (part.len() - part.trim_start().len());
                        offset += part.len() + 1;
                        let target = part.trim();
                        if target.is_empty() || super::content::is_placeholder(target) {
                            continue;
                        }
                        let span = if s.text.contains(',') {
                            Span::new(at + start, at + start + target.len())
                        } else {
                            node.span
                        };
                        facts.refs.push(Reference {
                            field: field.as_str().into(),
                            target: target.into(),
                            span,
                            kinds: (!marked.kinds.is_empty()).then(|| marked.kinds.clone()),
                            chain: marked.chain,
                            cites: Cites::Field,
                        });
                    }
                }
                continue;
            }
        };
        // A list where the schema also marks the list's items: the items
        // are the values, not the list.
        let mut items = marked.path.clone();
        items.push(Segment::Item);
        let items_marked = schema.info.marked.iter().any(|m| m.path == items);
        for (field, node) in found {
            let value = match &node.value {
                Value::Scalar(s) if s.resolve() == Resolved::Null => continue,
                Value::Scalar(s) => Ok(s.text.as_str().into()),
                Value::Seq(_) if items_marked => continue,
                _ => Err(node.type_name()),
            };
            target.push(Cited {
                field: field.into(),
                value,
                span: node.span,
                primary: false,
            });
        }
    }
    let text_of = |key: &str| {
        root.get(key)
            .and_then(|e| e.value.as_scalar().map(|s| (s.text.as_str(), e.value.span)))
    };
    let tags: Vec<&str> = match root.get("tags").map(|e| &e.value.value) {
        Some(Value::Seq(items)) => items
            .iter()
            .filter_map(|n| n.as_scalar().map(|s| s.text.trim()))
            .collect(),
        Some(Value::Scalar(s)) => s.text.split(',').map(str::trim).collect(),
        _ => Vec::new(),
    };
    facts.tags = tags
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| t.replace(['\n', '\r'], " "))
        .collect::<Vec<_>>()
        .join("\n")
        .into();
    if facts.title.is_none() {
        facts.title = text_of("topic")
            .or_else(|| text_of("title"))
            .map(|(t, _)| t.into());
    }
    facts.date = text_of("date").and_then(|(t, span)| {
        // A day and a `time` beside it are one point in time.
        let time = text_of("time").and_then(|(time, _)| dates::date_and_time(t, time));
        time.or_else(|| dates::written(t)).map(|w| (w, span))
    });
    facts.last_updated = ["last_updated", "updated", "last_modified", "modified"]
        .into_iter()
        .find_map(text_of)
        .and_then(|(t, span)| dates::written(t).map(|w| (w.day(), span)));
}

/// Bytes between a scalar's span start and its text (the opening quote).
fn quote_offset(s: &yaml::Scalar) -> usize {
    usize::from(s.style == yaml::Style::Quoted)
}

/// The nodes at `path` below `node`, with their dotted field names.
fn collect<'a>(node: &'a Node, path: &[Segment], name: String, out: &mut Vec<(String, &'a Node)>) {
    let Some((first, rest)) = path.split_first() else {
        out.push((name, node));
        return;
    };
    match first {
        Segment::Key(key) => {
            if let Some(entry) = node.get(key) {
                let name = if name.is_empty() {
                    key.clone()
                } else {
                    format!("{name}.{key}")
                };
                collect(&entry.value, rest, name, out);
            }
        }
        Segment::Item => {
            if let Value::Seq(items) = &node.value {
                for (i, item) in items.iter().enumerate() {
                    collect(item, rest, format!("{name}[{i}]"), out);
                }
            }
        }
    }
}

/// The document's kind and the schema it is held to: `$schema` first, then a
/// discriminator key, then its path.
fn classify(
    kinds: &Kinds,
    path: &str,
    by_path: Option<KindId>,
    root: Option<&Node>,
    out: &mut Vec<Diagnostic>,
) -> (Option<KindId>, Option<Arc<Schema>>) {
    let kind_schema = |id: Option<KindId>| id.and_then(|id| kinds.get(id).schema.clone());
    let Some(root) = root else {
        return (by_path, kind_schema(by_path));
    };
    if let Some(entry) = root.get("$schema")
        && let Some(value) = entry.value.as_scalar()
    {
        return match kinds.for_schema_ref(&value.text, path) {
            Ok(SchemaRef::Kind(id)) => (Some(id), kind_schema(Some(id))),
            Ok(SchemaRef::Schema(schema)) => (by_path, Some(schema)),
            Err(reason) => {
                out.push(unknown_schema::diagnostic(entry.value.span, &reason));
                (by_path, None)
            }
        };
    }
    for key in &kinds.discriminators {
        let Some(entry) = root.get(key) else { continue };
        let Some(value) = entry.value.as_scalar() else {
            continue;
        };
        if let Some(id) = kinds.for_type(&value.text) {
            return (Some(id), kind_schema(Some(id)));
        }
        if let Some(suggestion) = suggest::closest(&value.text, kinds.type_names()) {
            out.push(unknown_kind::diagnostic(
                entry.value.span,
                key,
                &value.text,
                suggestion,
            ));
        }
    }
    (by_path, kind_schema(by_path))
}
