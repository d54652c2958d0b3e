//! `doccheck init`: a commented configuration, editable copies of the
//! built-in schemas and the templates `doccheck new` uses. Running it again
//! changes nothing; a file that differs is kept unless `--force`.

use std::path::Path;

use super::new::{TEMPLATE_DIR, TEMPLATES};
use crate::error::{Error, Result};
use crate::schema::builtin_text;

/// Schemas written, and the kinds that use each (`common` is shared).
const SCHEMAS: &[&str] = &[
    "common",
    "research",
    "plan",
    "pr",
    "experiment",
    "session",
    "decision",
    "run",
];

/// What happened to one file.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    Created(String),
    Unchanged(String),
    /// It differs from what `init` writes and was left alone.
    Kept(String),
    Replaced(String),
}

impl Written {
    pub fn line(&self) -> String {
        match self {
            Written::Created(p) => format!("created   {p}"),
            Written::Unchanged(p) => format!("unchanged {p}"),
            Written::Kept(p) => format!("kept      {p} (it differs; --force replaces it)"),
            Written::Replaced(p) => format!("replaced  {p}"),
        }
    }
}

/// Writes the files into `root`.
pub fn init(root: &Path, force: bool) -> Result<Vec<Written>> {
    if let Some(other) = crate::config::FILE_NAMES[1..]
        .iter()
        .find(|name| **name != "pyproject.toml" && root.join(name).is_file())
    {
        return Err(Error::Usage(format!(
            "{other} already configures doccheck here; `init` writes .doccheck.toml, which would take precedence over it"
        )));
    }
    let mut files: Vec<(String, String)> = vec![(".doccheck.toml".into(), config())];
    for name in SCHEMAS {
        let text = builtin_text(name).unwrap_or_default();
        files.push((format!("schemas/{name}.schema.json"), editable(text)));
    }
    for (kind, text) in TEMPLATES {
        files.push((format!("{TEMPLATE_DIR}/{kind}.md"), (*text).to_owned()));
    }
    let canonical = root
        .canonicalize()
        .map_err(|e| Error::io(format!("cannot open {}", root.display()), e))?;
    let mut out = Vec::new();
    for (rel, text) in files {
        // `schemas/` or `templates/` linked out of the project is refused.
        let path = crate::write::inside(&canonical, &root.join(&rel))?;
        let written = match std::fs::read(&path) {
            Ok(existing) if existing == text.as_bytes() => Written::Unchanged(rel),
            Ok(_) if !force => Written::Kept(rel),
            Ok(_) => {
                crate::write::atomic(&path, text.as_bytes(), crate::write::mode_of(&path))?;
                Written::Replaced(rel)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir)
                        .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
                }
                crate::write::create_new(&path, text.as_bytes())?;
                Written::Created(rel)
            }
            Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
        };
        out.push(written);
    }
    Ok(out)
}

/// A built-in schema without its `$id`, so that its `$ref`s to
/// `common.schema.json` reach the copy next to it, not the built-in one.
fn editable(text: &str) -> String {
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.remove("$id");
    }
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

fn config() -> String {
    let mut out = String::from(
        "# doccheck configuration, written by `doccheck init`. Every key is optional:\n\
         # delete what you do not change. The README's Configuration section lists them all.\n\
         \n\
         # Files to lint (globs, relative to this file), on top of .gitignore.\n\
         # include = [\"**/*.md\", \"**/*.markdown\", \"**/run_config.yaml\", \"**/run_config.yml\"]\n\
         # exclude = [\"vendor\", \"drafts/**\"]\n\
         \n\
         # The lowest severity that makes `doccheck check` exit 1: \"error\" or \"warning\".\n\
         # fail-on = \"error\"\n\
         \n\
         # Rule levels by code, name or prefix: \"error\", \"warning\", \"info\" or \"off\".\n\
         [rules]\n\
         # DC405 = \"off\"\n\
         \n\
         # The change gate of `check --base` and `check --staged`: a change to these\n\
         # paths needs a plan, decision or experiment that links it and says why.\n\
         [gate]\n\
         # require-rationale = [\"configs/**\"]\n\
         # documents = [\"plan\", \"decision\", \"experiment\"]\n\
         \n\
         # Each kind's schema is an editable copy in schemas/; templates/KIND.md is\n\
         # what `doccheck new KIND \"topic\"` starts from.\n",
    );
    for name in SCHEMAS.iter().filter(|n| **n != "common") {
        out.push_str(&format!(
            "\n[kinds.{name}]\nschema = \"schemas/{name}.schema.json\"\n"
        ));
    }
    out
}
