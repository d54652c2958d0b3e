//! JSON Schemas: the built-in ones embedded in the binary, project schema
//! files, each compiled once, plus what doccheck reads from a schema beyond
//! validation (declared keys, their aliases, and the fields later checks
//! verify). The conventions are documented in `schemas/README.md`.

mod info;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::Value;

use crate::dates;
use crate::error::{Error, FileLocation, Result};
use crate::parse::yaml;

pub use info::{FieldPath, MarkedField, Marker, Property, SchemaInfo, Segment};

/// The built-in schemas: (kind name, `$id`, JSON text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("common", include_str!("../../schemas/common.schema.json")),
    (
        "research",
        include_str!("../../schemas/research.schema.json"),
    ),
    ("plan", include_str!("../../schemas/plan.schema.json")),
    ("pr", include_str!("../../schemas/pr.schema.json")),
    (
        "experiment",
        include_str!("../../schemas/experiment.schema.json"),
    ),
    ("session", include_str!("../../schemas/session.schema.json")),
    (
        "decision",
        include_str!("../../schemas/decision.schema.json"),
    ),
    ("run", include_str!("../../schemas/run.schema.json")),
    ("handoff", include_str!("../../schemas/handoff.schema.json")),
];

const BUILTIN_BASE: &str = "https://doccheck.dev/schemas/";

/// The custom `format` names doccheck gives meaning to. Validation accepts any
/// string for them; the rule groups named in `schemas/README.md` verify them.
pub const FORMATS: &[(&str, Marker)] = &[
    ("git-commit", Marker::Commit),
    ("git-branch", Marker::Branch),
    ("doc-ref", Marker::DocRef),
    ("code-ref", Marker::CodeRef),
    ("run-id", Marker::RunId),
    ("doc-id", Marker::Id),
];

/// Where a schema came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SchemaSource {
    Builtin(&'static str),
    /// A path relative to the project root.
    File(String),
}

impl std::fmt::Display for SchemaSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SchemaSource::Builtin(name) => write!(f, "built-in `{name}` schema"),
            SchemaSource::File(path) => write!(f, "schema `{path}`"),
        }
    }
}

pub struct Schema {
    pub source: SchemaSource,
    validator: jsonschema::Validator,
    pub info: SchemaInfo,
}

impl std::fmt::Debug for Schema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Schema")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl Schema {
    pub fn is_valid(&self, instance: &Value) -> bool {
        self.validator.is_valid(instance)
    }

    pub fn errors<'a>(
        &'a self,
        instance: &'a Value,
    ) -> impl Iterator<Item = jsonschema::ValidationError<'a>> + 'a {
        self.validator.iter_errors(instance)
    }
}

/// The text of a built-in schema by kind name.
pub fn builtin_text(name: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// The `$id` of a built-in schema.
pub fn builtin_id(name: &str) -> String {
    format!("{BUILTIN_BASE}{name}.schema.json")
}

/// Compiles schemas once each and caches them by source.
pub struct SchemaStore {
    root: PathBuf,
    registry: jsonschema::Registry<'static>,
    /// Every schema document seen, by URI, for following `$ref`s statically.
    documents: Arc<Mutex<HashMap<String, Value>>>,
    compiled: Mutex<HashMap<SchemaSource, Arc<Schema>>>,
}

impl SchemaStore {
    pub fn new(root: &Path) -> Self {
        let mut documents = HashMap::new();
        let mut builder = jsonschema::Registry::new();
        for (name, text) in BUILTIN {
            let value: Value = serde_json::from_str(text).expect("built-in schemas are valid JSON");
            let id = builtin_id(name);
            builder = builder
                .add(id.clone(), value.clone())
                .expect("built-in schema URIs are valid");
            documents.insert(id, value);
        }
        SchemaStore {
            root: root.to_path_buf(),
            registry: builder
                .prepare()
                .expect("built-in schemas form a valid registry"),
            documents: Arc::new(Mutex::new(documents)),
            compiled: Mutex::new(HashMap::new()),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn builtin(&self, name: &'static str) -> Result<Arc<Schema>> {
        self.get(SchemaSource::Builtin(name))
    }

    /// The schema in a project file, `rel` being relative to the project root.
    pub fn file(&self, rel: &str) -> Result<Arc<Schema>> {
        self.get(SchemaSource::File(rel.to_owned()))
    }

    fn get(&self, source: SchemaSource) -> Result<Arc<Schema>> {
        if let Some(schema) = lock(&self.compiled).get(&source) {
            return Ok(schema.clone());
        }
        let schema = Arc::new(self.compile(source.clone())?);
        lock(&self.compiled).insert(source, schema.clone());
        Ok(schema)
    }

    fn compile(&self, source: SchemaSource) -> Result<Schema> {
        let (value, base, location) = match &source {
            SchemaSource::Builtin(name) => {
                let text = builtin_text(name).ok_or_else(|| {
                    Error::Usage(format!("there is no built-in schema named `{name}`"))
                })?;
                let value: Value =
                    serde_json::from_str(text).expect("built-in schemas are valid JSON");
                (value, builtin_id(name), None)
            }
            SchemaSource::File(rel) => {
                let path = self.root.join(rel);
                let text =
                    crate::check::document::read_inside(&self.root, &path).map_err(|reason| {
                        Error::Schema {
                            location: Box::new(FileLocation {
                                path: path.clone(),
                                text: String::new(),
                                span: None,
                            }),
                            message: format!("cannot read it: {reason}"),
                            help: Some("check the `schema` path in the configuration".into()),
                        }
                    })?;
                let value = parse_json(&path, &text)?;
                let base = file_uri(&path);
                lock(&self.documents).insert(base.clone(), value.clone());
                (value, base, Some((path, text)))
            }
        };
        let validator = self.options(&base).build(&value).map_err(|e| {
            let (path, text) = location
                .clone()
                .unwrap_or_else(|| (PathBuf::from(format!("<{source}>")), String::new()));
            let span = locate_pointer(&text, e.instance_path().as_str());
            Error::Schema {
                location: Box::new(FileLocation { path, text, span }),
                message: e.to_string(),
                help: Some(
                    "fix the schema so that it is a valid Draft 2020-12 JSON Schema; \
                     see schemas/README.md for the formats doccheck adds"
                        .into(),
                ),
            }
        })?;
        let info = SchemaInfo::collect(&value, &base, &lock(&self.documents));
        Ok(Schema {
            source,
            validator,
            info,
        })
    }

    fn options(&self, base: &str) -> jsonschema::ValidationOptions<'_> {
        let mut options = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .should_ignore_unknown_formats(false)
            .with_registry(&self.registry)
            .with_retriever(RootRetriever {
                root: self.root.clone(),
                documents: self.documents.clone(),
            })
            .with_base_uri(base.to_owned());
        for (name, _) in FORMATS {
            options = options.with_format(*name, |_: &str| true);
        }
        // Dates as people write them (`+0200` offsets, Git's spaced form);
        // a date-time also says which day it is.
        options
            .with_format("date-time", |text: &str| dates::seconds(text).is_some())
            .with_format("date", |text: &str| dates::written(text).is_some())
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding the lock cannot leave these maps half-written.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn file_uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file://");
    for part in abs.to_string_lossy().split('/') {
        if !part.is_empty() {
            uri.push('/');
            uri.push_str(&percent_encode_path(part));
        }
    }
    uri
}

fn percent_encode_path(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Parses a schema file, pointing a syntax error at its line and column.
pub fn parse_json(path: &Path, text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| {
        let span = (e.line() > 0).then(|| {
            let line_start: usize = text
                .split_inclusive('\n')
                .take(e.line() - 1)
                .map(str::len)
                .sum();
            let offset = text[line_start..]
                .char_indices()
                .nth(e.column().saturating_sub(1))
                .map_or(text.len(), |(i, _)| line_start + i);
            offset..offset
        });
        Error::Schema {
            location: Box::new(FileLocation {
                path: path.to_path_buf(),
                text: text.to_owned(),
                span,
            }),
            message: format!("not valid JSON: {e}"),
            help: None,
        }
    })
}

/// The byte span of the value a JSON pointer names, found by reading the JSON
/// as YAML (JSON is a subset of YAML 1.2), which gives every node a span.
pub fn locate_pointer(text: &str, pointer: &str) -> Option<std::ops::Range<usize>> {
    let root = yaml::parse(text, 0).ok()?.root?;
    let (_, node) = root.pointer(pointer)?;
    Some(node.span.range())
}

/// Reads `$ref`ed schema files, and only those inside the project root:
/// doccheck never makes a network request and never reads outside the project.
struct RootRetriever {
    root: PathBuf,
    documents: Arc<Mutex<HashMap<String, Value>>>,
}

impl jsonschema::Retrieve for RootRetriever {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> std::result::Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        if uri.scheme().as_str() != "file" {
            return Err(format!(
                "doccheck never fetches schemas over the network; copy `{}` into the repository and `$ref` the file",
                uri.as_str()
            )
            .into());
        }
        let path = PathBuf::from(crate::paths::percent_decode(uri.path().as_str()).into_owned());
        let canonical = path.canonicalize()?;
        let root = self.root.canonicalize()?;
        if !canonical.starts_with(&root) {
            return Err(format!(
                "`{}` is outside the project root; doccheck reads nothing outside it",
                path.display()
            )
            .into());
        }
        let text = crate::check::document::read_inside(&root, &canonical)?;
        let value: Value = serde_json::from_str(&text)?;
        lock(&self.documents).insert(uri.as_str().to_owned(), value.clone());
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn builtins_compile_and_validate() {
        let store = SchemaStore::new(Path::new("."));
        let research = store.builtin("research").unwrap();
        let doc = json!({
            "date": "2025-12-12T15:17:08-06:00", "researcher": "beth", "git_commit": "ea45dd2",
            "branch": "main", "repository": "sec", "topic": "MLOps", "tags": ["a"],
            "status": "complete", "last_updated": "2025-12-12", "last_updated_by": "beth"
        });
        assert!(research.is_valid(&doc));
        let mut bad = doc.clone();
        bad["status"] = json!("done");
        assert!(!research.is_valid(&bad));
    }

    #[test]
    fn file_schemas_resolve_siblings_but_not_the_network() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("defs.json"),
            r#"{"$defs": {"s": {"enum": ["a"]}}}"#,
        )
        .unwrap();
        std::fs::write(
            dir.path().join("kind.json"),
            r#"{"properties": {"s": {"$ref": "defs.json#/$defs/s"}}}"#,
        )
        .unwrap();
        std::fs::write(
            dir.path().join("remote.json"),
            r#"{"$ref": "https://example.com/x.json"}"#,
        )
        .unwrap();
        let store = SchemaStore::new(dir.path());
        let kind = store.file("kind.json").unwrap();
        assert!(kind.is_valid(&json!({"s": "a"})));
        assert!(!kind.is_valid(&json!({"s": "b"})));
        let err = store.file("remote.json").unwrap_err().to_string();
        assert!(err.contains("never fetches"), "{err}");
    }

    #[test]
    fn invalid_schema_points_into_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let text = "{\n  \"properties\": {\n    \"a\": {\"type\": \"strin\"}\n  }\n}\n";
        std::fs::write(dir.path().join("bad.json"), text).unwrap();
        let Err(Error::Schema { location, .. }) = SchemaStore::new(dir.path()).file("bad.json")
        else {
            panic!("expected a schema error");
        };
        let span = location.span.unwrap();
        assert_eq!(&text[span], "\"strin\"");
    }

    #[test]
    fn json_syntax_error_points_at_line_and_column() {
        let text = "{\n  \"a\": ,\n}";
        let Err(Error::Schema { location, .. }) = parse_json(Path::new("x.json"), text) else {
            panic!("expected a schema error");
        };
        assert_eq!(location.span.unwrap().start, text.find(',').unwrap());
    }

    #[test]
    fn unknown_format_is_a_schema_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("f.json"),
            r#"{"properties": {"c": {"format": "git-comit"}}}"#,
        )
        .unwrap();
        assert!(SchemaStore::new(dir.path()).file("f.json").is_err());
    }
}
