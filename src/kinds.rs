//! Document kinds: which files are research notes, plans, PR write-ups… and
//! the schema each is held to. A document's kind comes from, in order: a
//! `$schema` key naming a kind's schema, a discriminator key (`type:` /
//! `doc_type:`), then the first kind whose path globs match.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;

use crate::config::{Config, ConfigFile, KindConfig};
use crate::error::{Error, Result};
use crate::schema::{Schema, SchemaSource, SchemaStore, builtin_id};

pub type KindId = usize;

#[derive(Debug)]
pub struct Kind {
    pub name: String,
    pub schema: Option<Arc<Schema>>,
    /// Discriminator values that select this kind.
    pub types: Vec<String>,
    pub frontmatter_required: bool,
    /// Bold field lines stand in for frontmatter when there is none.
    pub fields: bool,
    /// Headings every document of this kind has.
    pub sections: Vec<String>,
    /// The file-name convention, with optional `date` / `time` groups.
    pub file_name: Option<Regex>,
    /// Templates are not documents: they are skipped, placeholders and all.
    pub lint: bool,
    /// Where documents of this kind live (globs).
    pub paths: Vec<String>,
    /// Whether the configuration says if the kind has frontmatter, or how
    /// its files are named, or gives its schema: then that is not learned
    /// from the repository.
    pub frontmatter_pinned: bool,
    pub file_name_pinned: bool,
    pub schema_pinned: bool,
    /// See [`Kinds::by_content`].
    pub by_content: bool,
}

struct Builtin {
    name: &'static str,
    paths: &'static [&'static str],
    schema: Option<&'static str>,
    /// Bold field lines (`**Date:** 2024-10-19`) may stand in for the
    /// frontmatter, which is then optional.
    fields: bool,
    sections: &'static [&'static str],
    file_name: Option<&'static str>,
    lint: bool,
}

/// `YYYY-MM-DD_HH-MM[-SS]_topic.md`, the `spec_metadata` naming.
const TIMESTAMPED: &str =
    r"^(?P<date>\d{4}-\d{2}-\d{2})_(?P<time>\d{2}-\d{2}(?:-\d{2})?)_[^/]+\.md$";

/// The default layout (SPEC §1). Templates come first so that a template
/// inside a research folder is still a template.
const BUILTINS: &[Builtin] = &[
    Builtin {
        name: "template",
        // Prompt files for coding assistants show document skeletons and
        // example references, as templates do.
        paths: &[
            "**/templates/**",
            "**/.claude/**",
            "**/.cursor/**",
            "**/.github/prompts/**",
        ],
        schema: None,
        fields: false,
        sections: &[],
        file_name: None,
        lint: false,
    },
    Builtin {
        name: "research",
        paths: &[
            "**/thoughts/shared/research/**/*.md",
            "**/thoughts/research/**/*.md",
        ],
        schema: Some("research"),
        fields: false,
        sections: &[],
        file_name: Some(TIMESTAMPED),
        lint: true,
    },
    Builtin {
        name: "plan",
        paths: &[
            "**/thoughts/shared/plans/**/*.md",
            "**/thoughts/plans/**/*.md",
        ],
        schema: Some("plan"),
        fields: false,
        sections: &[],
        file_name: Some(TIMESTAMPED),
        lint: true,
    },
    Builtin {
        name: "pr",
        paths: &["**/thoughts/shared/prs/**/*.md", "**/thoughts/prs/**/*.md"],
        schema: Some("pr"),
        fields: false,
        sections: &[],
        file_name: Some(TIMESTAMPED),
        lint: true,
    },
    Builtin {
        name: "handoff",
        paths: &[
            "**/thoughts/shared/handoffs/**/*.md",
            "**/thoughts/handoffs/**/*.md",
        ],
        schema: Some("handoff"),
        fields: false,
        sections: &[],
        file_name: Some(TIMESTAMPED),
        lint: true,
    },
    Builtin {
        name: "ticket",
        paths: &[
            "**/thoughts/shared/tickets/**/*.md",
            "**/thoughts/tickets/**/*.md",
        ],
        schema: None,
        fields: false,
        sections: &[],
        file_name: None,
        lint: true,
    },
    Builtin {
        name: "experiment",
        paths: &["**/experiments/**/*.md"],
        schema: Some("experiment"),
        fields: true,
        sections: &[
            "Experiment Overview",
            "Dataset Information",
            "Artifacts & Reproducibility",
        ],
        file_name: None,
        lint: true,
    },
    Builtin {
        name: "session",
        paths: &["**/docs/sessions/*.md", "**/sessions/**/*.md"],
        schema: Some("session"),
        fields: true,
        sections: &[
            "Session Overview",
            "Tasks Completed",
            "Key Decisions & Rationale",
        ],
        file_name: Some(r"^(?P<date>\d{4}-\d{2}-\d{2})-[^/]+\.md$"),
        lint: true,
    },
    Builtin {
        name: "decision",
        paths: &["**/{adr,adrs,decisions}/**/*.md"],
        schema: Some("decision"),
        fields: true,
        sections: &[],
        file_name: None,
        lint: true,
    },
    Builtin {
        name: "activity",
        paths: &["**/ACTIVITY.md"],
        schema: None,
        fields: false,
        sections: &[],
        file_name: None,
        lint: true,
    },
    Builtin {
        name: "run",
        paths: &["**/run_config.yaml", "**/run_config.yml"],
        schema: Some("run"),
        fields: false,
        sections: &[],
        file_name: None,
        lint: true,
    },
];

/// How a kind's glob reads a path, for [`Kinds::for_path`]. Globs match
/// `*` across `/`, and a glob that is `PREFIX/**` or `PREFIX/*SUFFIX`
/// (`SUFFIX` literal, without `/`) ends its prefix's match at a `/` of the
/// path: one in the path's folder, or the one before the file name. So
/// whether it matches depends on the folder alone (and on the file name
/// ending with the suffix), and one name in the folder stands for all.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    /// `**/templates/**`: every file below the folders it matches.
    Below,
    /// `**/thoughts/shared/plans/**/*.md`: the files whose name ends with
    /// the suffix, in the folders the glob matches with that name.
    Suffix(Box<str>),
    /// `**/ACTIVITY.md`: the files of that name, in any folder.
    Name(Box<str>),
    /// Anything else, matched against the whole path.
    Other,
}

impl Shape {
    fn of(pattern: &str) -> Shape {
        let literal =
            |s: &str| !s.is_empty() && !s.contains(['*', '?', '[', ']', '{', '}', '\\', '/']);
        let Some((prefix, last)) = pattern.rsplit_once('/') else {
            return Shape::Other;
        };
        // `**/x` also matches `x` at the root, with no `/` before it; and a
        // `/` after a `\` is escaped.
        if prefix == "**" {
            return match literal(last) {
                true => Shape::Name(last.into()),
                false => Shape::Other,
            };
        }
        if prefix.is_empty() || prefix.ends_with('\\') {
            return Shape::Other;
        }
        match last.strip_prefix('*') {
            Some("*") => Shape::Below,
            Some(suffix) if literal(suffix) => Shape::Suffix(suffix.into()),
            _ => Shape::Other,
        }
    }
}

/// Folders whose verdicts a thread keeps before it starts again.
const FOLDERS_KEPT: usize = 1 << 16;

/// A thread's verdicts on the folders it has seen, for one set of kinds.
#[derive(Default)]
struct Folders {
    kinds: usize,
    folders: std::collections::HashMap<Box<str>, Box<[bool]>, foldhash::fast::RandomState>,
}

thread_local! {
    static FOLDERS: std::cell::RefCell<Folders> = std::cell::RefCell::default();
}

/// Folder index pages are not documents of the folder's kind under the
/// built-in paths (`docs/adr/README.md` is no decision record).
const INDEX_PAGES: [&str; 2] = ["readme.md", "index.md"];

pub const DEFAULT_DISCRIMINATORS: [&str; 2] = ["type", "doc_type"];

pub struct Kinds {
    kinds: Vec<Kind>,
    globs: GlobSet,
    /// Kind of each glob in `globs`.
    glob_kinds: Vec<KindId>,
    /// How each glob in `globs` reads a path (see [`Shape`]).
    shapes: Vec<Shape>,
    /// Tells this set of kinds from any other in the thread's cache of
    /// folders ([`FOLDERS`]).
    id: usize,
    pub discriminators: Vec<String>,
    pub store: SchemaStore,
}

impl std::fmt::Debug for Kinds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kinds")
            .field("kinds", &self.kinds)
            .finish_non_exhaustive()
    }
}

/// What a `$schema` value in a document resolves to.
pub enum SchemaRef {
    Kind(KindId),
    /// A schema file no kind uses.
    Schema(Arc<Schema>),
}

impl Kinds {
    pub fn build(store: SchemaStore, config: &Config, file: Option<&ConfigFile>) -> Result<Kinds> {
        let config_error = |keys: &[&str], message: String| match file {
            Some(f) => f.error(keys, message, None),
            None => Error::Usage(message),
        };
        let mut kinds = Vec::new();
        let mut globs = GlobSetBuilder::new();
        let mut glob_kinds = Vec::new();
        let mut shapes = Vec::new();
        let mut add =
            |name: &str, paths: &[String], kind: Kind, kinds: &mut Vec<Kind>| -> Result<()> {
                for pattern in paths {
                    let glob = Glob::new(pattern).map_err(|e| {
                        config_error(
                            &["kinds", name, "paths"],
                            format!("invalid glob `{pattern}`: {}", e.kind()),
                        )
                    })?;
                    globs.add(glob);
                    glob_kinds.push(kinds.len());
                    shapes.push(Shape::of(pattern));
                }
                kinds.push(kind);
                Ok(())
            };
        let file_name = |name: &str, custom: Option<&KindConfig>, default: Option<&str>| {
            let pattern = match custom.and_then(|c| c.file_name.as_deref()) {
                Some("") => return Ok(None),
                Some(p) => p,
                None => match default {
                    Some(p) => p,
                    None => return Ok(None),
                },
            };
            Regex::new(pattern).map(Some).map_err(|e| {
                config_error(
                    &["kinds", name, "file-name"],
                    format!("invalid regular expression: {e}"),
                )
            })
        };

        for builtin in BUILTINS {
            let custom = config.kinds.get(builtin.name);
            if custom.and_then(|c| c.enabled) == Some(false) {
                continue;
            }
            let schema = match custom.and_then(|c| c.schema.as_deref()) {
                Some(path) => Some(file_schema(&store, path, builtin.name, file)?),
                None => builtin.schema.map(|s| store.builtin(s)).transpose()?,
            };
            let custom_paths = custom.and_then(|c| c.paths.clone());
            let default_paths = custom_paths.is_none();
            let paths = custom_paths
                .unwrap_or_else(|| builtin.paths.iter().map(|p| (*p).to_owned()).collect());
            let fields = custom.and_then(|c| c.fields).unwrap_or(builtin.fields);
            let kind = Kind {
                name: builtin.name.to_owned(),
                frontmatter_required: custom
                    .and_then(|c| c.frontmatter)
                    .unwrap_or(schema.is_some() && !fields),
                schema,
                types: custom.and_then(|c| c.types.clone()).unwrap_or_else(|| {
                    if builtin.lint {
                        vec![builtin.name.to_owned()]
                    } else {
                        Vec::new()
                    }
                }),
                fields,
                sections: custom
                    .and_then(|c| c.sections.clone())
                    .unwrap_or_else(|| builtin.sections.iter().map(|s| (*s).to_owned()).collect()),
                file_name: file_name(builtin.name, custom, builtin.file_name)?,
                lint: builtin.lint,
                paths: paths.clone(),
                frontmatter_pinned: custom.and_then(|c| c.frontmatter).is_some(),
                file_name_pinned: custom.and_then(|c| c.file_name.as_ref()).is_some(),
                schema_pinned: custom.and_then(|c| c.schema.as_ref()).is_some(),
                by_content: default_paths && matches!(builtin.name, "experiment" | "session"),
            };
            add(builtin.name, &paths, kind, &mut kinds)?;
        }
        for (name, custom) in &config.kinds {
            if BUILTINS.iter().any(|b| b.name == name) || custom.enabled == Some(false) {
                continue;
            }
            let schema = custom
                .schema
                .as_deref()
                .map(|path| file_schema(&store, path, name, file))
                .transpose()?;
            let fields = custom.fields.unwrap_or(false);
            let kind = Kind {
                name: name.clone(),
                frontmatter_required: custom.frontmatter.unwrap_or(schema.is_some() && !fields),
                schema,
                types: custom.types.clone().unwrap_or_else(|| vec![name.clone()]),
                fields,
                sections: custom.sections.clone().unwrap_or_default(),
                file_name: file_name(name, Some(custom), None)?,
                lint: true,
                paths: custom.paths.clone().unwrap_or_default(),
                frontmatter_pinned: true,
                file_name_pinned: true,
                schema_pinned: true,
                by_content: false,
            };
            add(
                name,
                custom.paths.as_deref().unwrap_or_default(),
                kind,
                &mut kinds,
            )?;
        }
        let globs = globs
            .build()
            .map_err(|e| config_error(&["kinds"], format!("invalid kind globs: {e}")))?;
        static BUILT: AtomicUsize = AtomicUsize::new(0);
        Ok(Kinds {
            kinds,
            globs,
            glob_kinds,
            shapes,
            id: BUILT.fetch_add(1, Ordering::Relaxed),
            discriminators: config.discriminators.clone().unwrap_or_else(|| {
                DEFAULT_DISCRIMINATORS
                    .iter()
                    .map(|d| (*d).to_owned())
                    .collect()
            }),
            store,
        })
    }

    pub fn get(&self, id: KindId) -> &Kind {
        &self.kinds[id]
    }

    pub fn iter(&self) -> impl Iterator<Item = (KindId, &Kind)> {
        self.kinds.iter().enumerate()
    }

    pub fn by_name(&self, name: &str) -> Option<KindId> {
        self.kinds.iter().position(|k| k.name == name)
    }

    /// What decides [`Kinds::for_path`] and whether a kind is linted, to
    /// key a cache of their answers.
    pub fn path_fingerprint(&self) -> Vec<(&str, &[String], bool)> {
        self.kinds
            .iter()
            .map(|k| (k.name.as_str(), k.paths.as_slice(), k.lint))
            .collect()
    }

    /// The first kind whose globs match a project-relative path. A folder's
    /// index page (`README.md`, `index.md`) is never a typed document,
    /// except for a template.
    ///
    /// The globs are matched once per folder (a project's documents share
    /// a few folders): what each says of the folder is kept per thread, and
    /// a file needs only its name compared.
    pub fn for_path(&self, rel: &str) -> Option<KindId> {
        let (folder, file) = rel.rsplit_once('/').unwrap_or(("", rel));
        let index_page = INDEX_PAGES.iter().any(|p| file.eq_ignore_ascii_case(p));
        FOLDERS.with_borrow_mut(|cache| {
            if cache.kinds != self.id || cache.folders.len() >= FOLDERS_KEPT {
                cache.kinds = self.id;
                cache.folders.clear();
            }
            let verdicts = match cache.folders.get(folder) {
                Some(verdicts) => verdicts,
                None => cache
                    .folders
                    .entry(folder.into())
                    .or_insert_with(|| self.folder_verdicts(folder)),
            };
            let mut whole = None;
            self.shapes
                .iter()
                .enumerate()
                .filter(|&(i, shape)| match shape {
                    Shape::Below => verdicts[i],
                    Shape::Suffix(suffix) => verdicts[i] && file.ends_with(&**suffix),
                    Shape::Name(name) => file == &**name,
                    Shape::Other => whole
                        .get_or_insert_with(|| self.globs.matches(rel))
                        .contains(&i),
                })
                .map(|(i, _)| self.glob_kinds[i])
                .filter(|&kind| !(index_page && self.kinds[kind].lint))
                .min()
        })
    }

    /// What each [`Shape::Below`] or [`Shape::Suffix`] glob says of the
    /// files in `folder` (given the suffix); the others' places are unused.
    fn folder_verdicts(&self, folder: &str) -> Box<[bool]> {
        let probe = |name: &str| match folder {
            "" => name.to_owned(),
            _ => format!("{folder}/{name}"),
        };
        // A name that is just the suffix; any name will do below a folder
        // (no `/` in it), so the first suffix's too: with the built-in
        // kinds, one match per folder.
        let any_name = self
            .shapes
            .iter()
            .find_map(|shape| match shape {
                Shape::Suffix(suffix) => Some(&**suffix),
                _ => None,
            })
            .unwrap_or("x");
        let mut probes: Vec<(String, Vec<usize>)> = Vec::new();
        let mut matches = |name: &str, i: usize| {
            let at = match probes.iter().position(|(n, _)| *n == name) {
                Some(at) => at,
                None => {
                    probes.push((name.to_owned(), self.globs.matches(probe(name))));
                    probes.len() - 1
                }
            };
            probes[at].1.contains(&i)
        };
        self.shapes
            .iter()
            .enumerate()
            .map(|(i, shape)| match shape {
                Shape::Below => matches(any_name, i),
                Shape::Suffix(suffix) => matches(suffix, i),
                Shape::Name(_) | Shape::Other => false,
            })
            .collect()
    }

    /// Whether documents of `kind` are claimed by their content as well as
    /// by their folder: an `experiments/` folder also holds guides, a
    /// `sessions/` folder notes that are no session log. True for the
    /// built-in experiment and session kinds under their default paths.
    pub fn by_content(&self, kind: KindId) -> bool {
        self.kinds[kind].by_content
    }

    /// The kind a discriminator value selects.
    pub fn for_type(&self, value: &str) -> Option<KindId> {
        self.kinds
            .iter()
            .position(|k| k.lint && k.types.iter().any(|t| t.eq_ignore_ascii_case(value)))
    }

    /// Every discriminator value some kind accepts, for suggestions.
    pub fn type_names(&self) -> impl Iterator<Item = &str> {
        self.kinds
            .iter()
            .flat_map(|k| k.types.iter().map(String::as_str))
    }

    /// Resolves a document's `$schema` value: a built-in schema's `$id`, or a
    /// path relative to the document (or to the project root with a leading
    /// `/`).
    pub fn for_schema_ref(
        &self,
        value: &str,
        doc_rel: &str,
    ) -> std::result::Result<SchemaRef, String> {
        if value.contains("://") {
            return self
                .kinds
                .iter()
                .position(|k| {
                    k.schema.as_ref().is_some_and(|s| match &s.source {
                        SchemaSource::Builtin(name) => builtin_id(name) == value,
                        SchemaSource::File(_) => false,
                    })
                })
                .map(SchemaRef::Kind)
                .ok_or_else(|| {
                    "doccheck never fetches schemas; point `$schema` at a schema file in the repository or at a built-in schema's `$id`".to_owned()
                });
        }
        let rel = crate::paths::join(doc_rel, value)
            .ok_or_else(|| format!("`{value}` leaves the project root"))?;
        if let Some(id) = self.kinds.iter().position(|k| {
            k.schema
                .as_ref()
                .is_some_and(|s| s.source == SchemaSource::File(rel.clone()))
        }) {
            return Ok(SchemaRef::Kind(id));
        }
        if self.store.root().join(&rel).symlink_metadata().is_err() {
            return Err(format!("`{rel}` does not exist"));
        }
        self.store
            .file(&rel)
            .map(SchemaRef::Schema)
            .map_err(|e| match e {
                Error::Schema { message, .. } => {
                    format!("`{rel}` is not a usable schema: {message}")
                }
                other => other.to_string(),
            })
    }
}

fn file_schema(
    store: &SchemaStore,
    path: &str,
    kind: &str,
    file: Option<&ConfigFile>,
) -> Result<Arc<Schema>> {
    let rel = crate::paths::normalize(path).ok_or_else(|| {
        let message = format!("schema path `{path}` leaves the project root");
        match file {
            Some(f) => f.error(&["kinds", kind, "schema"], message, None),
            None => Error::Usage(message),
        }
    })?;
    if let Err(reason) = crate::check::document::read_inside(store.root(), &store.root().join(&rel))
    {
        let message = format!("schema `{path}` cannot be used: {reason}");
        return Err(match file {
            Some(f) => f.error(
                &["kinds", kind, "schema"],
                message,
                Some("the path is relative to the project root".into()),
            ),
            None => Error::Usage(message),
        });
    }
    store.file(&rel).map_err(|e| match (e, file) {
        (
            Error::Schema {
                location,
                message,
                help,
            },
            Some(f),
        ) if location.text.is_empty() => f.error(
            &["kinds", kind, "schema"],
            format!("schema `{path}`: {message}"),
            help,
        ),
        (e, _) => e,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn kinds(toml: &str, dir: &Path) -> Result<Kinds> {
        let config: Config = toml::from_str(toml).unwrap();
        Kinds::build(SchemaStore::new(dir), &config, None)
    }

    #[test]
    fn default_layout() {
        let k = kinds("", Path::new(".")).unwrap();
        let name = |p: &str| k.for_path(p).map(|id| k.get(id).name.as_str());
        assert_eq!(
            name("thoughts/shared/research/2025-01-01_x.md"),
            Some("research")
        );
        assert_eq!(name("team/thoughts/shared/plans/a/b.md"), Some("plan"));
        assert_eq!(name("thoughts/shared/prs/x.md"), Some("pr"));
        assert_eq!(
            name("thoughts/shared/research/templates/x.md"),
            Some("template")
        );
        assert_eq!(name("docs/readme.md"), None);
        assert_eq!(
            k.for_type("Research").map(|id| k.get(id).name.as_str()),
            Some("research")
        );
        assert_eq!(k.for_type("template"), None);
    }

    #[test]
    fn folders_read_once_say_what_every_glob_says() {
        let dir = tempfile::tempdir().unwrap();
        let custom = "[kinds.research]\npaths = [\"notes/**/*.md\", \"**/exp-*.md\"]\n\
             [kinds.review]\npaths = [\"reviews/*.md\", \"a/b?/**\", \"**/x/**/*.mdx\", \"{docs,notes}/*.md\", \"*/deep/*\"]\n";
        for toml in ["", custom] {
            let k = kinds(toml, dir.path()).unwrap();
            let reference = |rel: &str| {
                let file = rel.rsplit('/').next().unwrap_or(rel);
                let index_page = INDEX_PAGES.iter().any(|p| file.eq_ignore_ascii_case(p));
                k.globs
                    .matches(rel)
                    .into_iter()
                    .map(|i| k.glob_kinds[i])
                    .filter(|&kind| !(index_page && k.kinds[kind].lint))
                    .min()
            };
            let folders = [
                "",
                "thoughts",
                "thoughts/shared/research",
                "a/thoughts/shared/plans/x",
                "templates",
                "x/templates",
                "docs",
                "docs/sessions",
                "docs/sessions/a",
                "sessions",
                "adr",
                "x/adrs/y",
                "experiments",
                ".claude/x",
                "notes",
                "notes/y",
                "reviews",
                "thoughts/research/templates",
                "a/bc",
                "a/bc/d",
                "x",
                "q/x/y",
                "o/deep",
                "o/p/deep",
            ];
            let names = [
                "a.md",
                "README.md",
                "index.md",
                "ACTIVITY.md",
                "run_config.yaml",
                "templates",
                "x.MD",
                "md",
                ".md",
                "exp-1.md",
                "a.mdx",
                "b.txt",
                "deep",
            ];
            // Each folder twice, the second time from the cache; and the
            // folders in turn, so that the cache holds several.
            for _ in 0..2 {
                for folder in folders {
                    for name in names {
                        let rel = match folder {
                            "" => name.to_owned(),
                            _ => format!("{folder}/{name}"),
                        };
                        assert_eq!(k.for_path(&rel), reference(&rel), "{rel} with {toml:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn glob_shapes() {
        assert_eq!(Shape::of("**/templates/**"), Shape::Below);
        assert_eq!(Shape::of("**/a/**/*.md"), Shape::Suffix(".md".into()));
        assert_eq!(
            Shape::of("**/ACTIVITY.md"),
            Shape::Name("ACTIVITY.md".into())
        );
        assert_eq!(Shape::of("a/*b.md"), Shape::Suffix("b.md".into()));
        for other in [
            "*.md",
            "**/*.md",
            "a/{b,c/*.md}",
            "a\\/*.md",
            "a/*.m?",
            "/**",
        ] {
            assert_eq!(Shape::of(other), Shape::Other, "{other}");
        }
    }

    #[test]
    fn override_and_add() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("review.json"), r#"{"type": "object"}"#).unwrap();
        let k = kinds(
            "[kinds.research]\npaths = [\"notes/**/*.md\"]\n[kinds.pr]\nenabled = false\n\
             [kinds.review]\npaths = [\"reviews/*.md\"]\nschema = \"review.json\"\ntypes = [\"review\", \"code_review\"]\n",
            dir.path(),
        )
        .unwrap();
        let name = |p: &str| k.for_path(p).map(|id| k.get(id).name.as_str());
        assert_eq!(name("notes/a.md"), Some("research"));
        assert_eq!(name("thoughts/shared/research/a.md"), None);
        assert_eq!(name("thoughts/shared/prs/a.md"), None);
        assert_eq!(name("reviews/a.md"), Some("review"));
        let review = k.by_name("review").unwrap();
        assert_eq!(k.for_type("code_review"), Some(review));
        assert!(k.get(review).frontmatter_required);
    }

    #[test]
    fn schema_refs() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("s")).unwrap();
        std::fs::write(dir.path().join("s/x.json"), r#"{"type": "object"}"#).unwrap();
        let k = kinds("", dir.path()).unwrap();
        let research = builtin_id("research");
        assert!(matches!(
            k.for_schema_ref(&research, "a.md"),
            Ok(SchemaRef::Kind(_))
        ));
        assert!(matches!(
            k.for_schema_ref("../s/x.json", "docs/a.md"),
            Ok(SchemaRef::Schema(_))
        ));
        assert!(matches!(
            k.for_schema_ref("/s/x.json", "docs/a.md"),
            Ok(SchemaRef::Schema(_))
        ));
        assert!(
            k.for_schema_ref("https://example.com/x.json", "a.md")
                .is_err()
        );
        assert!(k.for_schema_ref("../../x.json", "docs/a.md").is_err());
        assert!(k.for_schema_ref("missing.json", "a.md").is_err());
    }

    #[test]
    fn bad_glob_is_an_error() {
        assert!(kinds("[kinds.x]\npaths = [\"a/{b\"]\n", Path::new(".")).is_err());
    }
}
