//! `doccheck init`: a configuration that fits the documents already in the
//! project (the kinds it has, and the folders they are in), with editable
//! copies of the built-in schemas and of the templates `doccheck new` uses,
//! in `.doccheck/` (or `schemas/` and `templates/` when asked). The
//! configuration goes to `.doccheck.toml` or into `pyproject.toml`'s
//! `[tool.doccheck]`. Running it again changes nothing; a file that differs
//! is kept unless `--force`.
//!
//! The configuration is built as [`Section`]s from a [`Survey`] of the
//! documents by [`sections`]: what else doccheck learns about a project
//! (its conventions) is written by adding to the survey and to the sections
//! made from it.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use globset::{Glob, GlobMatcher};

use super::new::{TEMPLATE_DIRS, TEMPLATES};
use crate::check::document::Document;
use crate::convention::Conventions;
use crate::error::{Error, Result};
use crate::project::Project;
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
    "handoff",
];

/// More folders than this for one kind, and its built-in globs are kept:
/// a list that long says less than the pattern.
const MAX_FOLDERS: usize = 5;

/// What `init` writes, and where.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Replace files that differ.
    pub force: bool,
    /// Into `pyproject.toml`'s `[tool.doccheck]`, not `.doccheck.toml`.
    pub pyproject: bool,
    /// The editable copies in `schemas/` and `templates/`, not under
    /// `.doccheck/`.
    pub top_level: bool,
}

impl Options {
    /// The folder of the editable copies, with its trailing `/` (empty for
    /// the project root).
    pub fn copies(&self) -> &'static str {
        if self.top_level { "" } else { ".doccheck/" }
    }
}

/// What happened to one file.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    Created(String),
    Unchanged(String),
    /// It differs from what `init` writes and was left alone.
    Kept(String),
    Replaced(String),
    /// The `[tool.doccheck]` table was added to the end of the file.
    Appended(String),
    /// The file already has a `[tool.doccheck]` table, which `init` does
    /// not rewrite.
    HasTable(String),
}

impl Written {
    pub fn line(&self) -> String {
        match self {
            Written::Created(p) => format!("created   {p}"),
            Written::Unchanged(p) => format!("unchanged {p}"),
            Written::Kept(p) => format!("kept      {p} (it differs; --force replaces it)"),
            Written::Replaced(p) => format!("replaced  {p}"),
            Written::Appended(p) => format!("appended  [tool.doccheck] to {p}"),
            Written::HasTable(p) => {
                format!("kept      {p} (it has a [tool.doccheck] table: edit it there)")
            }
        }
    }
}

/// The documents a project already has, by kind.
#[derive(Debug, Default)]
pub struct Survey {
    /// Every kind that is linted, in the order kinds are matched.
    pub kinds: Vec<KindSurvey>,
    /// Rule levels the repository's conventions call for (`DC403` off
    /// where plans do not cite research), with their evidence.
    pub rules: Vec<Setting>,
}

#[derive(Debug)]
pub struct KindSurvey {
    pub name: String,
    /// The kind's path globs in the configuration surveyed (built in).
    pub paths: Vec<String>,
    /// Whether a schema of that name is built in (and copied).
    pub schema: bool,
    pub documents: usize,
    /// The globs narrowed to the folders that hold the documents
    /// (`**/thoughts/shared/plans/**/*.md` → `thoughts/shared/plans/**/*.md`),
    /// sorted; empty when they say no more than `paths`.
    pub found_in: Vec<String>,
    /// What was learned from the repository for this kind: settings, with
    /// their evidence as comments.
    pub learned: Vec<Setting>,
    /// The kind's schema copy, edited to hold the learned keys and values,
    /// and the evidence for the edits; `None` when nothing was learned.
    pub schema_copy: Option<(String, Vec<String>)>,
}

impl Survey {
    pub fn documents(&self) -> usize {
        self.kinds.iter().map(|k| k.documents).sum()
    }

    /// `40 research, 60 plan, 30 pr`.
    pub fn counts(&self) -> String {
        self.kinds
            .iter()
            .filter(|k| k.documents > 0)
            .map(|k| format!("{} {}", k.documents, k.name))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Which kinds `docs` (all of the project's documents) are, and where,
/// and what `conventions` learned about each.
pub fn survey(project: &Project, docs: &[Document], conventions: &Conventions) -> Survey {
    let kinds = &project.kinds;
    let mut by_kind: HashMap<usize, Vec<&str>> = HashMap::new();
    for doc in docs {
        if let Some(k) = doc.kind {
            by_kind.entry(k).or_default().push(&doc.path);
        }
    }
    let mut matchers = Matchers::default();
    let mut out = Survey::default();
    if let Some(learned) = conventions.cites_research(kinds).filter(|l| !l.value) {
        out.rules.push(Setting {
            key: "DC403".to_owned(),
            value: quoted("off"),
            comment: vec![format!("Learned: {}.", learned.why)],
            example: false,
        });
    }
    for (id, kind) in kinds.iter() {
        if !kind.lint {
            continue;
        }
        let found = by_kind.get(&id).map(Vec::as_slice).unwrap_or_default();
        let mut folders: BTreeSet<String> = BTreeSet::new();
        for path in found {
            if let Some(glob) = kind
                .paths
                .iter()
                .find_map(|pattern| narrowed(pattern, path, &mut matchers))
            {
                folders.insert(glob);
            }
        }
        let found_in: Vec<String> = folders.into_iter().collect();
        let says_more =
            !found_in.is_empty() && found_in.len() <= MAX_FOLDERS && found_in != kind.paths;
        let learned = conventions
            .settings(kinds, id)
            .into_iter()
            .map(|(key, value, why)| Setting {
                key,
                value,
                comment: vec![format!("Learned: {why}.")],
                example: false,
            })
            .collect();
        let schema = SCHEMAS.contains(&kind.name.as_str());
        let schema_copy = schema
            .then(|| builtin_text(&kind.name))
            .flatten()
            .and_then(|text| {
                let mut value: serde_json::Value = serde_json::from_str(text).ok()?;
                let said = conventions.edit_schema(kinds, id, &mut value);
                (!said.is_empty()).then(|| (editable_value(value), said))
            });
        out.kinds.push(KindSurvey {
            name: kind.name.clone(),
            paths: kind.paths.clone(),
            schema,
            documents: found.len(),
            found_in: if says_more { found_in } else { Vec::new() },
            learned,
            schema_copy,
        });
    }
    out
}

/// Compiled globs by pattern, each compiled once.
#[derive(Default)]
struct Matchers(HashMap<String, Option<GlobMatcher>>);

impl Matchers {
    fn is_match(&mut self, pattern: &str, path: &str) -> bool {
        self.0
            .entry(pattern.to_owned())
            .or_insert_with(|| Glob::new(pattern).ok().map(|g| g.compile_matcher()))
            .as_ref()
            .is_some_and(|m| m.is_match(path))
    }
}

/// `pattern` anchored at the folder of `path` where it matches:
/// `**/{adr,decisions}/**/*.md` and `docs/adr/1.md` give `docs/adr/**/*.md`.
/// `None` when it does not match, or names no folder to anchor
/// (`**/ACTIVITY.md`: every file would need its own glob).
fn narrowed(pattern: &str, path: &str, matchers: &mut Matchers) -> Option<String> {
    for alternative in expand_braces(pattern) {
        let Some(rest) = alternative.strip_prefix("**/") else {
            if matchers.is_match(&alternative, path) {
                return Some(alternative);
            }
            continue;
        };
        if !rest.contains('/') {
            continue;
        }
        // The shortest prefix first: the folder nearest the root.
        let prefixes = std::iter::once(0).chain(path.match_indices('/').map(|(i, _)| i + 1));
        for end in prefixes {
            let candidate = format!("{}{rest}", &path[..end]);
            if matchers.is_match(&candidate, path) {
                return Some(candidate);
            }
        }
    }
    None
}

/// The patterns a glob's first `{a,b}` group stands for, recursively:
/// `x/{a,b}/*.md` → `x/a/*.md`, `x/b/*.md`. Nested groups stay as written.
fn expand_braces(pattern: &str) -> Vec<String> {
    let Some(open) = pattern.find('{') else {
        return vec![pattern.to_owned()];
    };
    let Some(close) = pattern[open..].find('}').map(|i| open + i) else {
        return vec![pattern.to_owned()];
    };
    let inner = &pattern[open + 1..close];
    if inner.contains('{') {
        return vec![pattern.to_owned()];
    }
    inner
        .split(',')
        .flat_map(|choice| {
            expand_braces(&format!(
                "{}{choice}{}",
                &pattern[..open],
                &pattern[close + 1..]
            ))
        })
        .collect()
}

/// One table of the configuration `init` writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Its path below the doccheck table: empty for the top-level keys,
    /// `["kinds", "plan"]` for `[kinds.plan]`.
    pub table: Vec<String>,
    /// Lines written above the table, without `# `.
    pub comment: Vec<String>,
    pub settings: Vec<Setting>,
}

/// One key of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub key: String,
    /// The value, as TOML.
    pub value: String,
    /// Lines written above the key, without `# `: what it means, and for a
    /// learned value the evidence.
    pub comment: Vec<String>,
    /// Written commented out: an example of a key left at its default.
    pub example: bool,
}

impl Setting {
    fn set(key: &str, value: String) -> Setting {
        Setting {
            key: key.to_owned(),
            value,
            comment: Vec::new(),
            example: false,
        }
    }

    fn example(key: &str, value: &str, comment: &[&str]) -> Setting {
        Setting {
            key: key.to_owned(),
            value: value.to_owned(),
            comment: comment.iter().map(|c| (*c).to_owned()).collect(),
            example: true,
        }
    }
}

/// A TOML string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A TOML array of strings.
fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", items.join(", "))
}

/// The configuration for a surveyed project, its editable copies in
/// `copies` (`.doccheck/` or empty).
pub fn sections(survey: &Survey, copies: &str) -> Vec<Section> {
    let mut out = vec![
        Section {
            table: Vec::new(),
            comment: Vec::new(),
            settings: vec![
                Setting::example(
                    "include",
                    r#"["**/*.md", "**/*.markdown", "**/run_config.yaml", "**/run_config.yml"]"#,
                    &["Files to lint (globs, relative to this file), on top of .gitignore."],
                ),
                Setting::example("exclude", r#"["vendor", "drafts/**"]"#, &[]),
                Setting::example(
                    "fail-on",
                    r#""error""#,
                    &[
                        r#"The lowest severity that makes `doccheck check` exit 1: "error", "warning" or "info"."#,
                    ],
                ),
                Setting::example(
                    "baseline",
                    r#"".doccheck-baseline.json""#,
                    &[
                        "Known findings `doccheck check` leaves out; `doccheck baseline` writes them.",
                    ],
                ),
            ],
        },
        Section {
            table: vec!["rules".into()],
            comment: vec![
                r#"Rule levels by code, name or prefix: "error", "warning", "info" or "off"."#
                    .into(),
            ],
            settings: if survey.rules.is_empty() {
                vec![Setting::example("DC405", r#""off""#, &[])]
            } else {
                survey.rules.clone()
            },
        },
        Section {
            table: vec!["gate".into()],
            comment: vec![
                "The change gate of `check --base` and `check --staged`: a change to these".into(),
                "paths needs a plan, decision or experiment that links it and says why.".into(),
            ],
            settings: vec![
                Setting::example("require-rationale", r#"["configs/**"]"#, &[]),
                Setting::example("documents", r#"["plan", "decision", "experiment"]"#, &[]),
            ],
        },
    ];
    let schema = |k: &KindSurvey| {
        k.schema.then(|| {
            Setting::set(
                "schema",
                quoted(&format!("{copies}schemas/{}.schema.json", k.name)),
            )
        })
    };
    // The kinds found first, then the others; a kind with nothing to set
    // gets no table.
    let (found, missing): (Vec<&KindSurvey>, Vec<&KindSurvey>) =
        survey.kinds.iter().partition(|k| k.documents > 0);
    let found: Vec<(&KindSurvey, Vec<Setting>)> = found
        .into_iter()
        .map(|k| {
            let mut settings = Vec::new();
            if !k.found_in.is_empty() {
                settings.push(Setting::set("paths", list(&k.found_in)));
            }
            settings.extend(schema(k).map(|mut s| {
                if let Some((_, said)) = &k.schema_copy {
                    s.comment = std::iter::once("Learned, in the schema copy:".to_owned())
                        .chain(said.iter().map(|w| format!("  {w}.")))
                        .collect();
                }
                s
            }));
            settings.extend(k.learned.iter().cloned());
            (k, settings)
        })
        .filter(|(_, settings)| !settings.is_empty())
        .collect();
    let missing: Vec<(&KindSurvey, Vec<Setting>)> = missing
        .into_iter()
        .map(|k| (k, schema(k).into_iter().collect::<Vec<_>>()))
        .filter(|(_, settings)| !settings.is_empty())
        .collect();
    let copies_note = |first: &str| {
        vec![
            format!("{first} Each schema is an editable copy in {copies}schemas/;"),
            format!("{copies}templates/KIND.md is what `doccheck new KIND \"topic\"` starts from."),
            String::new(),
        ]
    };
    for (i, (k, settings)) in found.iter().enumerate() {
        let mut comment = match i {
            0 => copies_note("The kinds of document found here."),
            _ => Vec::new(),
        };
        comment.push(format!(
            "{} {} document{}.",
            k.documents,
            k.name,
            if k.documents == 1 { "" } else { "s" }
        ));
        out.push(Section {
            table: vec!["kinds".into(), k.name.clone()],
            comment,
            settings: settings.clone(),
        });
    }
    for (i, (k, settings)) in missing.into_iter().enumerate() {
        let mut comment = match (i, found.is_empty()) {
            (0, true) => copies_note("Document kinds."),
            (0, false) => copies_note("Kinds with no documents here yet."),
            _ => Vec::new(),
        };
        comment.push(format!("Looked for at {}.", k.paths.join(", ")));
        out.push(Section {
            table: vec!["kinds".into(), k.name.clone()],
            comment,
            settings,
        });
    }
    out
}

/// The configuration's text: `.doccheck.toml`, or the `[tool.doccheck]`
/// tables of `pyproject.toml`.
fn render(sections: &[Section], pyproject: bool) -> String {
    let mut out = String::from(
        "# doccheck configuration, written by `doccheck init` for the documents it found.\n\
         # Every key is optional: delete what you do not change. The README's\n\
         # Configuration section lists them all.\n",
    );
    let comment = |out: &mut String, lines: &[String]| {
        for line in lines {
            if line.is_empty() {
                out.push_str("#\n");
            } else {
                out.push_str(&format!("# {line}\n"));
            }
        }
    };
    for section in sections {
        // A table with nothing to say is not written, except the doccheck
        // table itself in pyproject.toml, which makes it a configuration.
        let top = section.table.is_empty();
        if section.settings.is_empty() && !(top && pyproject) {
            continue;
        }
        out.push('\n');
        if !top {
            comment(&mut out, &section.comment);
        }
        let mut path: Vec<&str> = Vec::new();
        if pyproject {
            path.extend(["tool", "doccheck"]);
        }
        path.extend(section.table.iter().map(String::as_str));
        if !path.is_empty() {
            out.push_str(&format!("[{}]\n", path.join(".")));
        }
        for (i, setting) in section.settings.iter().enumerate() {
            if i > 0 && !setting.comment.is_empty() {
                out.push('\n');
            }
            comment(&mut out, &setting.comment);
            let hash = if setting.example { "# " } else { "" };
            out.push_str(&format!("{hash}{} = {}\n", setting.key, setting.value));
        }
    }
    out
}

/// Writes the configuration and the editable copies into `root`.
pub fn init(root: &Path, survey: &Survey, options: &Options) -> Result<Vec<Written>> {
    let copies = options.copies();
    let sections = sections(survey, copies);
    let mut out = Vec::new();
    let mut files: Vec<(String, String)> = Vec::new();
    let present = |name: &str| root.join(name).is_file();
    if options.pyproject {
        if let Some(other) = [".doccheck.toml", "doccheck.toml"]
            .into_iter()
            .find(|n| present(n))
        {
            return Err(Error::Usage(format!(
                "{other} configures doccheck here and takes precedence over pyproject.toml: move its settings, or run `init` without --pyproject"
            )));
        }
        out.push(pyproject(root, &render(&sections, true))?);
    } else {
        if present("doccheck.toml") {
            return Err(Error::Usage(
                "doccheck.toml already configures doccheck here; `init` writes .doccheck.toml, which would take precedence over it".into(),
            ));
        }
        if present("pyproject.toml") && crate::config::load(&root.join("pyproject.toml"))?.is_some()
        {
            return Err(Error::Usage(
                "pyproject.toml's [tool.doccheck] already configures doccheck here; `init` writes .doccheck.toml, which would take precedence over it (`init --pyproject` adds to pyproject.toml)".into(),
            ));
        }
        files.push((".doccheck.toml".into(), render(&sections, false)));
    }
    for name in SCHEMAS {
        let learned = survey
            .kinds
            .iter()
            .find(|k| k.name == *name)
            .and_then(|k| k.schema_copy.as_ref());
        let text = match learned {
            Some((text, _)) => text.clone(),
            None => editable(builtin_text(name).unwrap_or_default()),
        };
        files.push((format!("{copies}schemas/{name}.schema.json"), text));
    }
    let templates = if options.top_level {
        TEMPLATE_DIRS[1]
    } else {
        TEMPLATE_DIRS[0]
    };
    for (kind, text) in TEMPLATES {
        files.push((format!("{templates}/{kind}.md"), (*text).to_owned()));
    }
    for (rel, text) in files {
        out.push(write(root, rel, &text, options.force)?);
    }
    Ok(out)
}

/// Writes one file unless it holds `text` already; a file that differs is
/// replaced only with `force`.
fn write(root: &Path, rel: String, text: &str, force: bool) -> Result<Written> {
    let canonical = root
        .canonicalize()
        .map_err(|e| Error::io(format!("cannot open {}", root.display()), e))?;
    // `schemas/` or `templates/` linked out of the project is refused.
    let path = crate::write::inside(&canonical, &root.join(&rel))?;
    Ok(match std::fs::read(&path) {
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
    })
}

/// Adds the `[tool.doccheck]` tables to `pyproject.toml` (created when
/// missing). A table that is there already is the user's: it is kept.
fn pyproject(root: &Path, block: &str) -> Result<Written> {
    let rel = "pyproject.toml".to_owned();
    let path = root.join(&rel);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            crate::write::create_new(&path, block.as_bytes())?;
            return Ok(Written::Created(rel));
        }
        Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
    };
    if text.contains(block) {
        return Ok(Written::Unchanged(rel));
    }
    // An invalid file is an error here: appending to it would hide that.
    if crate::config::load(&path)?.is_some() {
        return Ok(Written::HasTable(rel));
    }
    let mut new = text;
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    if !new.is_empty() {
        new.push('\n');
    }
    new.push_str(block);
    crate::write::atomic(&path, new.as_bytes(), crate::write::mode_of(&path))?;
    Ok(Written::Appended(rel))
}

/// A built-in schema without its `$id`, so that its `$ref`s to
/// `common.schema.json` reach the copy next to it, not the built-in one.
fn editable(text: &str) -> String {
    editable_value(serde_json::from_str(text).unwrap_or_default())
}

/// [`editable`] for a schema already parsed.
fn editable_value(mut value: serde_json::Value) -> String {
    if let Some(object) = value.as_object_mut() {
        object.remove("$id");
    }
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_narrow_to_the_folders_that_hold_documents() {
        let mut m = Matchers::default();
        let research = "**/thoughts/shared/research/**/*.md";
        assert_eq!(
            narrowed(research, "thoughts/shared/research/a/x.md", &mut m).as_deref(),
            Some("thoughts/shared/research/**/*.md")
        );
        assert_eq!(
            narrowed(research, "ml/thoughts/shared/research/x.md", &mut m).as_deref(),
            Some("ml/thoughts/shared/research/**/*.md")
        );
        assert_eq!(
            narrowed(
                "**/{adr,adrs,decisions}/**/*.md",
                "docs/decisions/0001-x.md",
                &mut m
            )
            .as_deref(),
            Some("docs/decisions/**/*.md")
        );
        // A file-name glob would need one entry per file.
        assert_eq!(narrowed("**/ACTIVITY.md", "a/ACTIVITY.md", &mut m), None);
        assert_eq!(narrowed(research, "docs/x.md", &mut m), None);
        assert_eq!(
            narrowed("docs/research/*.md", "docs/research/x.md", &mut m).as_deref(),
            Some("docs/research/*.md")
        );
    }

    #[test]
    fn braces_expand() {
        assert_eq!(
            expand_braces("a/{b,c}/{d,e}"),
            ["a/b/d", "a/b/e", "a/c/d", "a/c/e"]
        );
        assert_eq!(expand_braces("a/{b"), ["a/{b"]);
    }

    #[test]
    fn sections_render_as_toml_for_either_file() {
        let survey = Survey {
            kinds: vec![
                KindSurvey {
                    name: "plan".into(),
                    paths: vec!["**/thoughts/shared/plans/**/*.md".into()],
                    schema: true,
                    documents: 3,
                    found_in: vec!["thoughts/shared/plans/**/*.md".into()],
                    learned: vec![Setting {
                        key: "frontmatter".into(),
                        value: "false".into(),
                        comment: vec!["Learned: 3 of 3 plans here have no frontmatter.".into()],
                        example: false,
                    }],
                    schema_copy: None,
                },
                KindSurvey {
                    name: "activity".into(),
                    paths: vec!["**/ACTIVITY.md".into()],
                    schema: false,
                    documents: 1,
                    found_in: Vec::new(),
                    learned: Vec::new(),
                    schema_copy: None,
                },
                KindSurvey {
                    name: "session".into(),
                    paths: vec!["**/docs/sessions/*.md".into()],
                    schema: true,
                    documents: 0,
                    found_in: Vec::new(),
                    learned: Vec::new(),
                    schema_copy: None,
                },
            ],
            rules: Vec::new(),
        };
        let sections = sections(&survey, ".doccheck/");
        for pyproject in [false, true] {
            let text = render(&sections, pyproject);
            let value: toml::Table = toml::from_str(&text).unwrap();
            let config = if pyproject {
                &value["tool"]["doccheck"]
            } else {
                &toml::Value::Table(value.clone())
            };
            let plan = &config["kinds"]["plan"];
            assert_eq!(
                plan["paths"][0].as_str(),
                Some("thoughts/shared/plans/**/*.md")
            );
            assert_eq!(
                plan["schema"].as_str(),
                Some(".doccheck/schemas/plan.schema.json")
            );
            assert_eq!(plan["frontmatter"].as_bool(), Some(false));
            assert_eq!(
                config["kinds"]["session"]["schema"].as_str(),
                Some(".doccheck/schemas/session.schema.json")
            );
            // Nothing to set for the activity log: no table.
            assert!(config["kinds"].get("activity").is_none(), "{text}");
            // It is a configuration doccheck reads.
            let config: crate::config::Config = toml::from_str(&if pyproject {
                toml::to_string(&value["tool"]["doccheck"]).unwrap()
            } else {
                text.clone()
            })
            .unwrap();
            assert_eq!(config.kinds.len(), 2, "{text}");
        }
        let text = render(&sections, false);
        assert!(
            text.contains("# 3 plan documents.\n[kinds.plan]\n"),
            "{text}"
        );
        assert!(
            text.contains("# Looked for at **/docs/sessions/*.md.\n[kinds.session]\n"),
            "{text}"
        );
        assert!(text.contains("\n# fail-on = \"error\"\n"), "{text}");
    }
}
