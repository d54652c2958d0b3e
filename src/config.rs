//! The configuration file: its model, where it is found, and how its mistakes
//! are reported (with a span into the file, exit 2).
//!
//! Lookup order in each directory: `.doccheck.toml`, `doccheck.toml`, then
//! `pyproject.toml` with a `[tool.doccheck]` table. The search walks up from
//! the starting directory and stops at the Git work tree's top, so doccheck
//! never reads a file outside the repository.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

use crate::error::{Error, FileLocation, Result};
use crate::rules::Severity;

pub const FILE_NAMES: [&str; 3] = [".doccheck.toml", "doccheck.toml", "pyproject.toml"];

/// doccheck configuration (`.doccheck.toml`, `doccheck.toml` or
/// `[tool.doccheck]` in `pyproject.toml`).
#[derive(Debug, Default, Clone, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "doccheck configuration")]
pub struct Config {
    /// Glob patterns, relative to the project root, of the files to lint.
    /// Default: Markdown files and run configurations (`["**/*.md", "**/*.markdown", "**/run_config.yaml", "**/run_config.yml"]`).
    pub include: Option<Vec<String>>,
    /// Glob patterns of files or folders to skip, in addition to `.gitignore`.
    pub exclude: Vec<String>,
    /// The lowest severity that makes `doccheck check` exit 1. Default:
    /// `error`. With `info`, infos are printed too.
    pub fail_on: Option<FailOn>,
    /// The baseline of known findings, relative to the project root, that
    /// `doccheck check` does not report. Default: `.doccheck-baseline.json`
    /// when that file exists.
    pub baseline: Option<String>,
    /// Frontmatter keys whose value names the document's kind.
    /// Default: `["type", "doc_type"]`.
    pub discriminators: Option<Vec<String>>,
    /// Severity per rule: keys are codes (`DC105`), names
    /// (`missing-required-key`) or code prefixes (`DC1`).
    pub rules: BTreeMap<String, Level>,
    /// Document kinds: a table per kind overrides a built-in kind (`research`,
    /// `plan`, `pr`, `template`) or adds a new one.
    pub kinds: BTreeMap<String, KindConfig>,
    /// How cited commits, branches and code references are verified.
    pub git: GitConfig,
    /// The change gate that `check --base` applies.
    pub gate: GateConfig,
    /// Whether doccheck learns each kind's conventions (frontmatter or not,
    /// file naming, key names, status values) from the repository's
    /// templates and documents. Default: true. A setting the `kinds` tables
    /// give explicitly is never learned.
    pub learn_conventions: Option<bool>,
}

#[derive(Debug, Default, Clone, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct GateConfig {
    /// Glob patterns, relative to the project root, of files whose changes
    /// need a rationale: the same change must add or update a document that
    /// refers to them and states why.
    pub require_rationale: Vec<String>,
    /// The kinds of document that can carry that rationale. Default:
    /// `["plan", "decision", "experiment"]`.
    pub documents: Option<Vec<String>>,
}

#[derive(Debug, Default, Clone, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct GitConfig {
    /// The fewest hex digits a cited commit may have. Default: 7.
    pub min_sha_length: Option<usize>,
    /// Prefixes of the references whose history counts as reachable.
    /// Default: `["refs/heads/", "refs/remotes/", "refs/tags/"]`.
    pub reachable_from: Option<Vec<String>>,
    /// The repository the documents' commits live in, relative to the
    /// project root, when it is not the project's own (notes kept in a
    /// separate repository).
    pub repository: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn threshold(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// One document kind. For a built-in kind, every key is optional and
/// replaces only that part of the built-in definition.
#[derive(Debug, Default, Clone, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct KindConfig {
    /// Set to `false` to turn a built-in kind off.
    pub enabled: Option<bool>,
    /// Glob patterns, relative to the project root, of this kind's documents.
    pub paths: Option<Vec<String>>,
    /// The JSON Schema (Draft 2020-12) for the metadata, relative to the
    /// project root.
    pub schema: Option<String>,
    /// Values of a discriminator key (`type:` / `doc_type:`) that select this
    /// kind. Default: the kind's name.
    pub types: Option<Vec<String>>,
    /// Whether a document of this kind must have frontmatter. Default: true
    /// when the kind has a schema and takes no bold field lines.
    pub frontmatter: Option<bool>,
    /// Whether bold field lines in the body (`**Date:** 2024-10-19`) hold
    /// the metadata when there is no frontmatter.
    pub fields: Option<bool>,
    /// Headings a document of this kind must have, matched by their text
    /// (case, numbering, emoji and punctuation aside).
    pub sections: Option<Vec<String>>,
    /// A regular expression the file name must match. Named groups `date`
    /// (`2025-12-12` or `20251212`) and `time` (`15-17`, `15-17-08` or
    /// `151708`) must agree with the document's `date`. An empty string
    /// turns the built-in convention off.
    pub file_name: Option<String>,
}

/// A configuration file that was found and read.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub text: String,
    /// Where the doccheck table sits in the file (`["tool", "doccheck"]` in
    /// `pyproject.toml`).
    prefix: &'static [&'static str],
}

impl ConfigFile {
    /// The directory that holds the file: the project root.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// An error located at the value under `keys` (a path of table keys
    /// below the doccheck table), or at the file's start when it is absent.
    pub fn error(&self, keys: &[&str], message: impl Into<String>, help: Option<String>) -> Error {
        self.located(keys, false, message.into(), help)
    }

    /// An error located at the last key of `keys` itself.
    pub fn error_at_key(
        &self,
        keys: &[&str],
        message: impl Into<String>,
        help: Option<String>,
    ) -> Error {
        self.located(keys, true, message.into(), help)
    }

    fn located(&self, keys: &[&str], at_key: bool, message: String, help: Option<String>) -> Error {
        let mut path: Vec<&str> = self.prefix.to_vec();
        path.extend_from_slice(keys);
        Error::Config {
            location: Box::new(FileLocation {
                path: self.path.clone(),
                text: self.text.clone(),
                span: span_of(&self.text, &path, at_key),
            }),
            message,
            help,
        }
    }
}

/// The byte span of the value (or of the key, with `at_key`, or for tables)
/// at a path of keys in a TOML document.
fn span_of(text: &str, keys: &[&str], at_key: bool) -> Option<Range<usize>> {
    let table = toml::de::DeTable::parse(text).ok()?;
    let mut span = table.span();
    let mut current = table.get_ref();
    for (i, key) in keys.iter().enumerate() {
        let (k, v) = current.iter().find(|(k, _)| k.get_ref() == key)?;
        let last = i + 1 == keys.len();
        span = if last && !at_key && !matches!(v.get_ref(), toml::de::DeValue::Table(_)) {
            v.span()
        } else {
            k.span()
        };
        match v.get_ref() {
            toml::de::DeValue::Table(t) => current = t,
            _ if i + 1 == keys.len() => {}
            _ => return Some(span),
        }
    }
    Some(span)
}

#[derive(Deserialize)]
struct PyProject {
    #[serde(default)]
    tool: Option<PyTool>,
}

#[derive(Deserialize)]
struct PyTool {
    doccheck: Option<Config>,
}

/// Finds the configuration for `start`, walking up to the work tree's top.
pub fn discover(start: &Path) -> Result<Option<(ConfigFile, Config)>> {
    let start = std::path::absolute(start)
        .map_err(|e| Error::io("cannot resolve the current directory", e))?;
    for dir in start.ancestors() {
        for name in FILE_NAMES {
            let path = dir.join(name);
            // Present at all (`is_file` would follow a link out first).
            if path.symlink_metadata().is_ok()
                && let Some(found) = read(&path, Some(dir))?
            {
                return Ok(Some(found));
            }
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    Ok(None)
}

/// Reads one configuration file given on the command line. `None` for a
/// `pyproject.toml` without a `[tool.doccheck]` table.
pub fn load(path: &Path) -> Result<Option<(ConfigFile, Config)>> {
    read(path, None)
}

/// Reads a configuration file; one found in `dir` must resolve inside the
/// repository that holds `dir` (else inside `dir`): a committed link to a
/// file elsewhere (`.doccheck.toml -> /proc/self/environ`) is refused, and
/// nothing of that file is read or shown.
fn read(path: &Path, dir: Option<&Path>) -> Result<Option<(ConfigFile, Config)>> {
    let text = match dir {
        Some(dir) => {
            let root = crate::discover::work_tree_top(dir).unwrap_or_else(|| dir.to_path_buf());
            let root = root
                .canonicalize()
                .map_err(|e| Error::io(format!("cannot open {}", root.display()), e))?;
            crate::check::document::read_inside(&root, path).map_err(|reason| {
                Error::Usage(format!(
                    "cannot use the configuration {}: {reason}",
                    path.display()
                ))
            })?
        }
        None => std::fs::read_to_string(path)
            .map_err(|e| Error::io(format!("cannot read configuration {}", path.display()), e))?,
    };
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let file = ConfigFile {
        path: path.to_path_buf(),
        text,
        prefix: if is_pyproject {
            &["tool", "doccheck"]
        } else {
            &[]
        },
    };
    let parsed = if is_pyproject {
        toml::from_str::<PyProject>(&file.text).map(|p| p.tool.and_then(|t| t.doccheck))
    } else {
        toml::from_str::<Config>(&file.text).map(Some)
    };
    match parsed {
        Ok(Some(config)) => Ok(Some((file, config))),
        Ok(None) => Ok(None),
        Err(e) => Err(Error::Config {
            location: Box::new(FileLocation {
                path: file.path.clone(),
                span: e.span(),
                text: file.text,
            }),
            message: e.message().trim_end().to_owned(),
            help: Some("see the configuration reference in the README, or the JSON Schema in schemas/doccheck.schema.json".into()),
        }),
    }
}

/// The JSON Schema of the configuration file, as published in
/// `schemas/doccheck.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Config);
    serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn precedence_and_upward_search() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        write(
            dir.path(),
            "pyproject.toml",
            "[tool.doccheck]\nfail-on = \"warning\"\n",
        );
        write(dir.path(), "doccheck.toml", "fail-on = \"error\"\n");
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        let (file, config) = discover(&sub).unwrap().unwrap();
        assert_eq!(file.path.file_name().unwrap(), "doccheck.toml");
        assert_eq!(config.fail_on, Some(FailOn::Error));
        write(dir.path(), ".doccheck.toml", "fail-on = \"warning\"\n");
        let (file, _) = discover(&sub).unwrap().unwrap();
        assert_eq!(file.path.file_name().unwrap(), ".doccheck.toml");
    }

    #[test]
    fn pyproject_without_table_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        write(dir.path(), "pyproject.toml", "[project]\nname = \"x\"\n");
        assert!(discover(dir.path()).unwrap().is_none());
        write(
            dir.path(),
            "pyproject.toml",
            "[tool.doccheck.rules]\nDC101 = \"off\"\n",
        );
        let (_, config) = discover(dir.path()).unwrap().unwrap();
        assert_eq!(config.rules["DC101"], Level::Off);
    }

    #[test]
    fn search_stops_at_the_work_tree() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "doccheck.toml", "");
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        assert!(discover(&repo).unwrap().is_none());
    }

    #[test]
    fn syntax_and_unknown_keys_point_into_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let text = "include = [\"**/*.md\"]\nfial-on = \"error\"\n";
        let path = write(dir.path(), "doccheck.toml", text);
        let Err(Error::Config {
            location, message, ..
        }) = load(&path)
        else {
            panic!("expected a config error");
        };
        assert_eq!(&text[location.span.unwrap()], "fial-on");
        assert!(message.contains("unknown field"), "{message}");

        let text = "[tool.doccheck]\nfail-on = \"never\"\n";
        let path = write(dir.path(), "pyproject.toml", text);
        let Err(Error::Config { location, .. }) = load(&path) else {
            panic!("expected a config error");
        };
        assert_eq!(&text[location.span.unwrap()], "\"never\"");
    }

    #[test]
    fn spans_of_nested_keys() {
        let text = "[kinds.review]\nschema = \"x.json\"\n[rules]\nDC999 = \"off\"\n";
        assert_eq!(
            &text[span_of(text, &["kinds", "review", "schema"], false).unwrap()],
            "\"x.json\""
        );
        assert_eq!(
            &text[span_of(text, &["rules", "DC999"], false).unwrap()],
            "\"off\""
        );
        assert_eq!(
            &text[span_of(text, &["rules", "DC999"], true).unwrap()],
            "DC999"
        );
        assert_eq!(
            &text[span_of(text, &["kinds", "review"], false).unwrap()],
            "review"
        );
    }

    #[test]
    fn published_schema_is_current() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/doccheck.schema.json");
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current != json_schema() {
            if std::env::var_os("DOCCHECK_BLESS").is_some() {
                std::fs::write(&path, json_schema()).unwrap();
            } else {
                panic!(
                    "schemas/doccheck.schema.json is stale; run `DOCCHECK_BLESS=1 cargo test published_schema_is_current`"
                );
            }
        }
    }
}
