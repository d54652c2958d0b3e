//! One document, read and parsed once: frontmatter, kind, schema, body. What
//! later checks need is kept in a [`Document`]; the text and the YAML tree
//! are dropped when this returns.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::discover::Entry;
use crate::kinds::{KindId, Kinds, SchemaRef};
use crate::parse::frontmatter::{self, Fence};
use crate::parse::markdown;
use crate::parse::yaml::{self, Node};
use crate::rules::content::{binary_file, file_too_large, invalid_utf8, unreadable_file};
use crate::rules::frontmatter::{
    duplicate_key, invalid_yaml, missing_frontmatter, unclosed_frontmatter, unknown_kind,
    unknown_schema,
};
use crate::schema::Schema;
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
/// gives it, if any.
pub fn analyze(kinds: &Kinds, path: Arc<str>, by_path: Option<KindId>, text: &str) -> Analysis {
    let mut out = Vec::new();
    let mut suppressions = suppress::Builder::default();
    let (fence, body_start) = frontmatter::split(text);

    let mut root = None;
    let mut open = Span::empty(body_start);
    match &fence {
        Fence::None => {}
        Fence::Unclosed { open } => out.push(unclosed_frontmatter::diagnostic(*open)),
        Fence::Block(block) => {
            open = block.open;
            suppressions.frontmatter(text, block.yaml.start as usize, block.yaml.end as usize);
            match yaml::parse(&text[block.yaml.range()], block.yaml.start as usize) {
                Ok(parsed) => {
                    out.extend(parsed.duplicates.iter().map(duplicate_key::diagnostic));
                    root = Some(
                        parsed
                            .root
                            .unwrap_or_else(|| Node::empty_mapping(block.open)),
                    );
                }
                Err(e) => out.push(invalid_yaml::diagnostic(&e)),
            }
        }
    }

    let (kind, schema) = classify(kinds, &path, by_path, root.as_ref(), &mut out);
    if let Some(id) = kind {
        let k = kinds.get(id);
        if k.frontmatter_required && matches!(fence, Fence::None) {
            out.push(missing_frontmatter::diagnostic(body_start, &k.name));
        }
    }
    if let (Some(schema), Some(root)) = (&schema, &root) {
        super::schema::validate(schema, root, open, &mut out);
    }

    markdown::scan(text, body_start, &mut suppressions);
    for d in &mut out {
        d.path = path.clone();
    }
    Analysis {
        document: Document {
            path,
            kind,
            suppressions: suppressions.finish(text.len()),
        },
        diagnostics: out,
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
