//! `doccheck new KIND "topic"`: a document at the kind's place, named by its
//! convention, its metadata filled from Git and its body from the kind's
//! template.

use std::path::{Path, PathBuf};

use super::meta::{Meta, quoted};
use crate::error::{Error, Result};
use crate::project::Project;
use crate::schema::{Marker, Segment};

/// The built-in templates, one per kind `new` can create.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("research", include_str!("../../templates/research.md")),
    ("plan", include_str!("../../templates/plan.md")),
    ("pr", include_str!("../../templates/pr.md")),
    ("experiment", include_str!("../../templates/experiment.md")),
    ("session", include_str!("../../templates/session.md")),
    ("decision", include_str!("../../templates/decision.md")),
];

/// Where a project keeps templates that replace the built-in ones, first
/// found first: `init` writes them to `.doccheck/templates` (or, asked,
/// `templates`).
pub const TEMPLATE_DIRS: [&str; 2] = [".doccheck/templates", "templates"];

/// Creates the document and returns its project-relative path.
pub fn create(
    project: &Project,
    kind_name: &str,
    topic: &str,
    related: &[String],
) -> Result<String> {
    let kind = project.kinds.by_name(kind_name).ok_or_else(|| {
        Error::Usage(format!(
            "unknown kind `{kind_name}`; the kinds are: {}",
            project
                .kinds
                .iter()
                .filter(|(_, k)| k.lint)
                .map(|(_, k)| k.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let kind = project.kinds.get(kind);
    let folder = folder(&kind.paths)
        .filter(|_| kind.lint && !kind.paths.iter().any(|p| p.ends_with(".yaml") || p.ends_with(".yml")))
        .ok_or_else(|| {
            Error::Usage(format!(
                "`{}` documents are not created one per topic: its paths ({}) name no folder of Markdown documents",
                kind.name,
                kind.paths.join(", ")
            ))
        })?;
    let template = template(project, &kind.name)?;
    let topic = topic.trim();
    if topic.is_empty() {
        return Err(Error::Usage("the topic is empty".into()));
    }
    let meta = Meta::collect(&project.root)?;
    let slug = slug(topic);
    let dir = project.root.join(&folder);
    let number = |width: usize, prefix: &str| {
        format!(
            "{prefix}{:0width$}",
            next_number(&dir, prefix),
            width = width
        )
    };
    let experiment_id = number(3, "exp-");
    let decision_number = number(4, "");
    let name = match &kind.file_name {
        Some(pattern) => [
            format!("{}_{}_{slug}.md", meta.day, meta.hour_minute),
            format!("{}-{slug}.md", meta.day),
            format!("{slug}.md"),
        ]
        .into_iter()
        .find(|n| pattern.is_match(n))
        .ok_or_else(|| {
            Error::Usage(format!(
                "no file name for `{}` documents matches its `file-name` pattern `{pattern}`",
                kind.name
            ))
        })?,
        None if kind.name == "experiment" => format!("{experiment_id}-{slug}.md"),
        None if kind.name == "decision" => format!("{decision_number}-{slug}.md"),
        None => format!("{}-{slug}.md", meta.day),
    };
    let rel = format!("{folder}/{name}");

    let mut vars: Vec<(String, String)> = [
        ("date", meta.date.as_str()),
        ("day", &meta.day),
        ("researcher", &meta.researcher),
        ("git_commit", &meta.git_commit),
        ("git_commit_full", &meta.git_commit_full),
        ("branch", &meta.branch),
        ("repository", &meta.repository),
        ("topic", topic),
        ("experiment_id", &experiment_id),
        ("number", &decision_number),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    for path in related {
        vars.push(reference(project, kind, path)?);
    }
    let text = fill(&template, &vars);
    // A kind folder that is a link out of the project is not followed.
    let path = crate::write::inside(&project.root, &project.root.join(&rel))?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    crate::write::create_new(&path, text.as_bytes())?;
    Ok(rel)
}

/// The project's template for `kind` (`.doccheck/templates/KIND.md` or
/// `templates/KIND.md`), else the built-in one.
fn template(project: &Project, kind: &str) -> Result<String> {
    for dir in TEMPLATE_DIRS {
        let own = project.root.join(dir).join(format!("{kind}.md"));
        if own.symlink_metadata().is_ok() {
            return crate::check::document::read_inside(&project.root, &own).map_err(|reason| {
                Error::Usage(format!("cannot read {}: {reason}", own.display()))
            });
        }
    }
    let own = project
        .root
        .join(TEMPLATE_DIRS[0])
        .join(format!("{kind}.md"));
    TEMPLATES
        .iter()
        .find(|(name, _)| *name == kind)
        .map(|(_, text)| (*text).to_owned())
        .ok_or_else(|| {
            Error::Usage(format!(
                "there is no template for `{kind}` documents: write one at {}",
                own.display()
            ))
        })
}

/// The folder the kind's first path pattern names: `**/thoughts/shared/
/// research/**/*.md` → `thoughts/shared/research`; the first alternative of
/// `{adr,decisions}`.
fn folder(paths: &[String]) -> Option<String> {
    let pattern = paths.first()?;
    let parts: Vec<&str> = pattern.split('/').collect();
    let (_, dirs) = parts.split_last()?;
    let mut out = Vec::new();
    for part in dirs {
        if *part == "**" && out.is_empty() {
            continue;
        }
        if let Some(inner) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            out.push(inner.split(',').next()?.to_owned());
            continue;
        }
        if part.contains(['*', '?', '[', '{']) {
            break;
        }
        out.push((*part).to_owned());
    }
    (!out.is_empty()).then(|| out.join("/"))
}

/// A file-name-safe form of a topic: lowercase letters and digits (any
/// script) joined by single dashes; slashes, dots, emoji and punctuation
/// become separators. At most 60 characters.
pub fn slug(topic: &str) -> String {
    let mut out = String::new();
    for c in topic.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.chars().take(60).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "untitled".to_owned()
    } else {
        out
    }
}

/// One more than the largest number that starts a file name in `dir`
/// after `prefix` (`0007-x.md`, `exp-042-y.md`).
fn next_number(dir: &Path, prefix: &str) -> u32 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 1;
    };
    entries
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            let digits: String = name
                .strip_prefix(prefix)?
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse::<u32>().ok()
        })
        .max()
        .map_or(1, |n| n.saturating_add(1))
}

/// `--related PATH`: the reference field of `kind` that takes a document of
/// the related one's kind, and the path as the field's value.
fn reference(project: &Project, kind: &crate::kinds::Kind, path: &str) -> Result<(String, String)> {
    let abs = PathBuf::from(path);
    let rel = crate::check::Selection::relative(project, &abs)?;
    let related_kind = project
        .kinds
        .for_path(&rel)
        .map(|k| project.kinds.get(k).name.clone())
        .ok_or_else(|| Error::Usage(format!("--related {path}: not a document of any kind")))?;
    let fields: Vec<_> = kind
        .schema
        .iter()
        .flat_map(|s| &s.info.marked)
        .filter(|m| m.marker == Marker::DocRef)
        .collect();
    let field = fields
        .iter()
        .find(|m| m.kinds.contains(&related_kind))
        .or_else(|| fields.iter().find(|m| m.kinds.is_empty()))
        .and_then(|m| match m.path.first() {
            Some(Segment::Key(key)) => Some(key.as_str()),
            _ => None,
        })
        .ok_or_else(|| {
            Error::Usage(format!(
                "a {} document has no reference field for a {related_kind} document",
                kind.name
            ))
        })?;
    Ok((field.to_owned(), rel))
}

/// Replaces `{{name}}` for each variable; other `{{…}}` stay for the
/// author (and DC507 reports them). In frontmatter, values are escaped for
/// the double-quoted scalars the templates put them in.
fn fill(template: &str, vars: &[(String, String)]) -> String {
    let (front, body) = match template.strip_prefix("---\n") {
        Some(rest) => match rest.find("\n---\n") {
            Some(end) => (&template[..4 + end + 5], &template[4 + end + 5..]),
            None => ("", template),
        },
        None => ("", template),
    };
    let replace = |text: &str, escape: bool| {
        let mut out = text.to_owned();
        for (name, value) in vars {
            let value = if escape {
                let q = quoted(value);
                q[1..q.len() - 1].to_owned()
            } else {
                value.clone()
            };
            out = out.replace(&format!("{{{{{name}}}}}"), &value);
        }
        out
    };
    replace(front, true) + &replace(body, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(
            slug("Data versioning: DVC vs. Git-LFS"),
            "data-versioning-dvc-vs-git-lfs"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(
            slug("Évaluation du modèle 🚀 v2"),
            "évaluation-du-modèle-v2"
        );
        assert_eq!(slug("🚀🔥"), "untitled");
        assert_eq!(slug(&"x".repeat(100)).len(), 60);
    }

    #[test]
    fn folders_come_from_the_first_path_pattern() {
        let f = |p: &str| folder(&[p.to_owned()]);
        assert_eq!(
            f("**/thoughts/shared/research/**/*.md").as_deref(),
            Some("thoughts/shared/research")
        );
        assert_eq!(f("**/docs/sessions/*.md").as_deref(), Some("docs/sessions"));
        assert_eq!(f("**/{adr,adrs,decisions}/**/*.md").as_deref(), Some("adr"));
        assert_eq!(f("**/ACTIVITY.md"), None);
    }

    #[test]
    fn frontmatter_values_are_escaped_and_unknown_placeholders_stay() {
        let vars = vec![("topic".to_owned(), "Say \"hi\": now".to_owned())];
        let out = fill(
            "---\ntopic: \"{{topic}}\"\n---\n\n# {{topic}} {{other}}\n",
            &vars,
        );
        assert_eq!(
            out,
            "---\ntopic: \"Say \\\"hi\\\": now\"\n---\n\n# Say \"hi\": now {{other}}\n"
        );
    }
}
