//! One document, read and parsed once: frontmatter, kind, schema, body. What
//! later checks need is kept in a [`Document`]; the text and the YAML tree
//! are dropped when this returns.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::dates;
use crate::diagnostic::Diagnostic;
use crate::discover::Entry;
use crate::intern::Interner;
use crate::kinds::{KindId, Kinds, SchemaRef};
use crate::parse::frontmatter::{self, Fence};
use crate::parse::markdown::{self, CodeRef, Link};
use crate::parse::yaml::{self, Node, Resolved, Value};
use crate::parse::{coderef, fields};
use crate::rules::content::{
    binary_file, file_too_large, invalid_suppression, invalid_utf8, unreadable_file,
};
use crate::rules::frontmatter::{
    duplicate_key, invalid_yaml, missing_frontmatter, unclosed_frontmatter, unknown_kind,
    unknown_schema,
};
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
    pub suppressions: Suppressions,
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
    /// `date`, in seconds since the epoch (the end of the day for a date).
    pub date: Option<(i64, Span)>,
    /// `last_updated`, in days since the epoch.
    pub last_updated: Option<(i64, Span)>,
    /// Relative links and images in the body, resolved.
    pub links: Vec<ResolvedLink>,
    /// Heading ids and explicit anchors, sorted.
    pub anchors: Vec<Box<str>>,
    /// The first level-1 heading, else `topic` or `title`.
    pub title: Option<Box<str>>,
    /// Document-reference fields (`format: doc-ref`, `run-id`).
    pub refs: Vec<Reference>,
    pub status: Option<Box<str>>,
    /// `tags`, for the index (a list, or a comma-separated string), one per
    /// line: a single allocation, since every document keeps its facts.
    pub tags: Box<str>,
    /// The names other documents may cite this one by: `format: doc-id`
    /// fields, and a run's folder name and its timestamp.
    pub ids: Vec<(Box<str>, Span)>,
    /// Execution-log and run names an activity log mentions
    /// (`20241019-143000-sentiment-analysis`).
    pub mentions: Vec<(Box<str>, Span)>,
    /// Whether the document states a rationale (for the change gate).
    pub rationale: bool,
}

/// Where a link leads, resolved once when the document is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// `[text]()`.
    Empty,
    /// `..` segments climb above the project root.
    Outside,
    /// A project-relative path (the document itself for `#fragment`).
    Path(Arc<str>),
}

#[derive(Debug, Clone)]
pub struct ResolvedLink {
    pub target: LinkTarget,
    /// The percent-decoded `#fragment`.
    pub fragment: Option<Arc<str>>,
    /// The destination as written.
    pub span: Span,
}

/// A document-reference field's value: a path, or a document's id.
#[derive(Debug, Clone)]
pub struct Reference {
    pub field: Box<str>,
    pub target: Box<str>,
    pub span: Span,
    /// The kinds the target must have (`x-doc-kind`); empty for any.
    pub kinds: Vec<String>,
    /// Whether the relation must not loop (`x-chain`).
    pub chain: bool,
}

/// A value a field cites.
#[derive(Debug, Clone)]
pub struct Cited {
    /// `git_commit`, `phases[0].commit`, or `Git Commit` for a body line.
    pub field: Box<str>,
    /// The text as written, or what it is when it is not text (`a list`).
    pub value: Result<Box<str>, &'static str>,
    pub span: Span,
}

/// Body lines whose value is a commit (`**Git Commit**: ea45dd2`).
const COMMIT_LINES: &[&str] = &[
    "git_commit",
    "commit",
    "commit_sha",
    "git_sha",
    "data_version",
];

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
    match read_bytes(root, abs, entry) {
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
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
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

    let (kind, schema) = classify(kinds, &path, by_path, root.as_ref(), &mut out);
    let kind_def = kind.map(|id| kinds.get(id));
    let mut body = markdown::scan(text, body_start, &mut suppressions);
    let fields = fields::scan(text, body_start, &body.code_blocks);
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

    let links = body
        .links
        .iter()
        .map(|link| resolve(interner, &path, link))
        .collect();
    // Moved out (the content checks below read only the outline) and
    // trimmed: these are kept for every document until the run ends.
    let mut facts = Facts {
        code_refs: std::mem::take(&mut body.code_refs),
        links,
        anchors: std::mem::take(&mut body.anchors),
        title: body.title.take(),
        ..Facts::default()
    };
    facts.code_refs.shrink_to_fit();
    facts.anchors.shrink_to_fit();
    for field in fields.iter().chain(fields.iter().flat_map(|f| &f.children)) {
        if COMMIT_LINES.contains(&fields::key(field.name).as_str()) {
            facts.commits.push(Cited {
                field: field.name.into(),
                value: if field.value.is_empty() {
                    Err("an empty value")
                } else {
                    Ok(field.value.into())
                },
                span: field.span,
            });
        }
    }
    if let (Some(schema), Some(root)) = (&schema, &root) {
        frontmatter_facts(schema, root, &mut facts);
    }
    // A field line the schema also marks is one citation, not two, named
    // as written.
    facts.commits.sort_by_key(|c| c.span.start);
    facts.commits.dedup_by_key(|c| c.span);
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
    Analysis {
        document: Document {
            path,
            kind,
            suppressions: suppressions.finish(text.len()),
            facts,
            digest: digest(text.as_bytes()),
        },
        diagnostics: out,
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

fn resolve(interner: &mut Interner, from: &str, link: &Link) -> ResolvedLink {
    let resolved = crate::graph::resolve_link(from, &link.dest);
    let target = if link.dest.trim().is_empty() {
        LinkTarget::Empty
    } else {
        resolved
            .path
            .map_or(LinkTarget::Outside, |p| LinkTarget::Path(interner.get(&p)))
    };
    ResolvedLink {
        target,
        fragment: resolved.fragment.map(|f| interner.get(&f)),
        span: link.span,
    }
}

/// Commit, branch and code-reference fields the schema marks, and the dates.
fn frontmatter_facts(schema: &Schema, root: &Node, facts: &mut Facts) {
    for marked in &schema.info.marked {
        let mut found = Vec::new();
        collect(root, &marked.path, String::new(), &mut found);
        let target = match marked.marker {
            Marker::Commit => &mut facts.commits,
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
                            kinds: marked.kinds.clone(),
                            chain: marked.chain,
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
            });
        }
    }
    let text_of = |key: &str| {
        root.get(key)
            .and_then(|e| e.value.as_scalar().map(|s| (s.text.as_str(), e.value.span)))
    };
    facts.status = text_of("status").map(|(t, _)| t.into());
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
        dates::seconds(t)
            .or_else(|| dates::days(t).map(|d| d * 86_400 + 86_399))
            .map(|s| (s, span))
    });
    facts.last_updated = text_of("last_updated").and_then(|(t, span)| {
        dates::days(t)
            .or_else(|| dates::seconds(t).map(|s| s.div_euclid(86_400)))
            .map(|d| (d, span))
    });
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
