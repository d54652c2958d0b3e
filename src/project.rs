//! A project: its root, its configuration and everything resolved from it
//! once per run (kinds and compiled schemas, file filter, rule severities).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::{self, Config, ConfigFile, FailOn};
use crate::discover::{self, DEFAULT_INCLUDE, Filter};
use crate::error::{Error, Result};
use crate::kinds::Kinds;
use crate::rules::{self, RuleMeta, Severity};
use crate::schema::SchemaStore;

/// Command-line settings that override the configuration file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    /// An explicit configuration file (`--config`).
    pub config: Option<PathBuf>,
    /// Only these rules (`--select`); codes, names or prefixes.
    pub select: Vec<String>,
    /// Never these rules (`--ignore`).
    pub ignore: Vec<String>,
    pub fail_on: Option<FailOn>,
    /// Skip the Git checks (`--no-git`).
    pub no_git: bool,
    /// Fail (exit 2) when the Git checks cannot run (`--require-git`).
    pub require_git: bool,
}

/// How the Git checks run.
#[derive(Debug, Clone)]
pub struct GitSettings {
    pub enabled: bool,
    pub required: bool,
    pub min_sha_length: usize,
    pub reachable_from: Vec<String>,
    /// Another repository that holds the cited commits.
    pub repository: Option<PathBuf>,
}

/// The change gate (`check --base`).
#[derive(Debug)]
pub struct GateSettings {
    pub require_rationale: globset::GlobSet,
    /// Kinds whose documents can explain a change.
    pub documents: Vec<String>,
}

pub struct Project {
    /// The project root: the configuration file's folder, else the Git work
    /// tree's top, else the starting folder. Absolute and canonical.
    pub root: PathBuf,
    /// The root's path inside the Git work tree (`docs/` or empty), so that
    /// reported paths are repository-relative.
    pub prefix: String,
    pub config_file: Option<ConfigFile>,
    pub kinds: Kinds,
    pub filter: Filter,
    pub rules: RuleTable,
    pub fail_on: Severity,
    pub git: GitSettings,
    pub gate: GateSettings,
}

impl std::fmt::Debug for Project {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Project")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl Project {
    /// Loads the project that contains `start` (a folder or a file).
    pub fn load(start: &Path, overrides: &Overrides) -> Result<Project> {
        let start = if start.is_file() {
            // `README.md`'s parent is the empty path: the current folder.
            start
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
        } else {
            start
        };
        let found = match &overrides.config {
            Some(path) => Some(config::load(path)?.ok_or_else(|| {
                Error::Usage(format!("{} has no [tool.doccheck] table", path.display()))
            })?),
            None => config::discover(start)?,
        };
        let (file, config) = match found {
            Some((file, config)) => (Some(file), config),
            None => (None, Config::default()),
        };
        let root = match &file {
            Some(f) => f.dir().to_path_buf(),
            None => {
                let abs = std::path::absolute(start)
                    .map_err(|e| Error::io("cannot resolve the path", e))?;
                discover::work_tree_top(&abs).unwrap_or(abs)
            }
        };
        let root = root.canonicalize().map_err(|e| {
            Error::io(
                format!("cannot open the project root {}", root.display()),
                e,
            )
        })?;
        let prefix = discover::work_tree_top(&root)
            .and_then(|top| root.strip_prefix(top).ok().map(discover::to_slash))
            .filter(|p| !p.is_empty())
            .map(|p| p + "/")
            .unwrap_or_default();

        let config_error = |keys: &[&str], message: String| match &file {
            Some(f) => f.error(keys, message, None),
            None => Error::Usage(message),
        };
        let include: Vec<String> = config
            .include
            .clone()
            .unwrap_or_else(|| DEFAULT_INCLUDE.iter().map(|s| (*s).to_owned()).collect());
        let filter = Filter::new(&include, &config.exclude).map_err(|message| {
            let key = if Filter::new(&include, &[]).is_err() {
                "include"
            } else {
                "exclude"
            };
            config_error(&[key], message)
        })?;
        let rules = RuleTable::new(&config, file.as_ref(), overrides)?;
        let kinds = Kinds::build(SchemaStore::new(&root), &config, file.as_ref())?;
        let fail_on = overrides
            .fail_on
            .or(config.fail_on)
            .unwrap_or(FailOn::Error)
            .threshold();
        let git = GitSettings {
            enabled: !overrides.no_git,
            required: overrides.require_git,
            min_sha_length: config.git.min_sha_length.unwrap_or(7),
            reachable_from: config.git.reachable_from.clone().unwrap_or_else(|| {
                ["refs/heads/", "refs/remotes/", "refs/tags/"]
                    .map(str::to_owned)
                    .to_vec()
            }),
            repository: config.git.repository.as_ref().map(|r| root.join(r)),
        };
        let gate = GateSettings {
            require_rationale: discover::glob_set(&config.gate.require_rationale)
                .map_err(|message| config_error(&["gate", "require-rationale"], message))?,
            documents: config.gate.documents.clone().unwrap_or_else(|| {
                ["plan", "decision", "experiment"]
                    .map(str::to_owned)
                    .to_vec()
            }),
        };
        Ok(Project {
            root,
            prefix,
            config_file: file,
            kinds,
            filter,
            rules,
            fail_on,
            git,
            gate,
        })
    }

    /// The repository-relative form of a project-relative path.
    pub fn display_path(&self, rel: &str) -> String {
        format!("{}{rel}", self.prefix)
    }
}

/// The severity each rule reports at, or `None` when it is off.
#[derive(Debug, Clone)]
pub struct RuleTable {
    levels: HashMap<&'static str, Option<Severity>>,
}

impl RuleTable {
    fn new(config: &Config, file: Option<&ConfigFile>, overrides: &Overrides) -> Result<RuleTable> {
        let mut levels: HashMap<&'static str, Option<Severity>> = rules::ALL
            .iter()
            .map(|r| (r.code, Some(r.default_severity)))
            .collect();
        // Prefixes first, then exact codes and names, so the specific wins.
        let mut entries: Vec<(&String, &config::Level)> = config.rules.iter().collect();
        entries.sort_by_key(|(key, _)| rules::find(key).is_some());
        for (key, level) in entries {
            let selected = rules::select(key);
            if selected.is_empty() {
                let message = format!("`{key}` is not a rule code, name or code prefix");
                let help = suggest_rule(key);
                return Err(match file {
                    Some(f) => f.error_at_key(&["rules", key], message, help),
                    None => Error::Usage(message),
                });
            }
            for rule in selected {
                levels.insert(rule.code, level.severity());
            }
        }
        let resolve = |selectors: &[String]| -> Result<Vec<&'static RuleMeta>> {
            let mut out = Vec::new();
            for s in selectors {
                let selected = rules::select(s);
                if selected.is_empty() {
                    let mut message = format!("`{s}` is not a rule code, name or code prefix");
                    if let Some(help) = suggest_rule(s) {
                        message = format!("{message}; {help}");
                    }
                    return Err(Error::Usage(message));
                }
                out.extend(selected);
            }
            Ok(out)
        };
        if !overrides.select.is_empty() {
            let selected = resolve(&overrides.select)?;
            for (code, level) in &mut levels {
                match selected.iter().find(|r| r.code == *code) {
                    Some(rule) => *level = Some(level.unwrap_or(rule.default_severity)),
                    None => *level = None,
                }
            }
        }
        for rule in resolve(&overrides.ignore)? {
            levels.insert(rule.code, None);
        }
        Ok(RuleTable { levels })
    }

    pub fn severity(&self, rule: &RuleMeta) -> Option<Severity> {
        self.levels.get(rule.code).copied().flatten()
    }

    /// Whether any rule whose code starts with `prefix` is on, so that whole
    /// passes can be skipped.
    pub fn any_enabled(&self, prefix: &str) -> bool {
        self.levels
            .iter()
            .any(|(code, level)| code.starts_with(prefix) && level.is_some())
    }
}

fn suggest_rule(key: &str) -> Option<String> {
    let names = rules::ALL.iter().flat_map(|r| [r.code, r.name]);
    crate::suggest::closest(key, names).map(|s| format!("did you mean `{s}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(toml: &str, overrides: Overrides) -> Result<RuleTable> {
        let config: Config = toml::from_str(toml).unwrap();
        RuleTable::new(&config, None, &overrides)
    }

    fn rule(code: &str) -> &'static RuleMeta {
        rules::find(code).unwrap()
    }

    #[test]
    fn config_levels_specific_beats_prefix() {
        let t = table(
            "[rules]\nDC1 = \"warning\"\nDC103 = \"off\"\nmissing-frontmatter = \"error\"\n",
            Overrides::default(),
        )
        .unwrap();
        assert_eq!(t.severity(rule("DC105")), Some(Severity::Warning));
        assert_eq!(t.severity(rule("DC103")), None);
        assert_eq!(t.severity(rule("DC101")), Some(Severity::Error));
        assert_eq!(t.severity(rule("DC501")), Some(Severity::Error));
    }

    #[test]
    fn select_and_ignore() {
        let t = table(
            "[rules]\nDC105 = \"warning\"\n",
            Overrides {
                select: vec!["DC1".into()],
                ignore: vec!["DC103".into()],
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(t.severity(rule("DC105")), Some(Severity::Warning));
        assert_eq!(t.severity(rule("DC103")), None);
        assert_eq!(t.severity(rule("DC501")), None);
        assert!(t.any_enabled("DC1"));
        assert!(!t.any_enabled("DC5"));
    }

    #[test]
    fn unknown_selectors_are_errors() {
        assert!(table("[rules]\nDC999 = \"off\"\n", Overrides::default()).is_err());
        let err = table(
            "",
            Overrides {
                ignore: vec!["invalid-yml".into()],
                ..Default::default()
            },
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("did you mean `invalid-yaml`"), "{err}");
    }
}
