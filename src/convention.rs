//! The repository's own conventions (SPEC §7): what its templates show and
//! what its documents consistently do, per kind. Where a repository
//! consistently follows one form (at least [`SHARE`] of at least
//! [`MIN_DOCS`] documents), that form governs: documents that deviate from
//! it are reported with the evidence, documents that follow it are not.
//! Where it is mixed or small, its templates govern, and without either the
//! built-in layout applies. Learning reads only what the documents'
//! analysis already kept: no file is read twice.
//!
//! Findings that depend on a convention carry a [`Subject`]; [`apply`]
//! judges them again once every document is read.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::LazyLock;

use regex::Regex;

use crate::check::document::{Document, Metadata};
use crate::diagnostic::{Diagnostic, Subject};
use crate::kinds::{KindId, Kinds};
use crate::rules::content::file_name_convention;
use crate::rules::frontmatter::{invalid_enum_value, missing_required_key};
use crate::source::Span;

/// The share of a kind's documents that makes a form the convention.
pub const SHARE: f64 = 0.8;
/// The fewest documents of a kind from which a convention is learned.
pub const MIN_DOCS: usize = 5;

/// How a document's file name is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameForm {
    /// `2025-12-12_15-17_topic.md` (seconds optional), the spec_metadata
    /// naming.
    Stamped,
    /// `2025-12-12_topic.md`.
    DatedUnderscore,
    /// `2025-12-12-topic.md`.
    DatedDash,
    /// `004-topic.md`, `0007-topic.md`.
    Numbered,
    Other,
}

static FORMS: LazyLock<[(NameForm, Regex); 4]> = LazyLock::new(|| {
    let re = |p: &str| Regex::new(p).expect("a valid pattern");
    [
        (
            NameForm::Stamped,
            re(r"^\d{4}-\d{2}-\d{2}_\d{2}-\d{2}(?:-\d{2})?_"),
        ),
        (NameForm::DatedUnderscore, re(r"^\d{4}-\d{2}-\d{2}_")),
        (NameForm::DatedDash, re(r"^\d{4}-\d{2}-\d{2}-")),
        (NameForm::Numbered, re(r"^\d{2,5}[-_]")),
    ]
});

impl NameForm {
    /// The form of a file name.
    pub fn of(name: &str) -> NameForm {
        FORMS
            .iter()
            .find(|(_, re)| re.is_match(name))
            .map_or(NameForm::Other, |(form, _)| *form)
    }

    /// The form as people write it in instructions.
    pub fn pattern(self) -> &'static str {
        match self {
            NameForm::Stamped => "YYYY-MM-DD_HH-MM[-SS]_topic.md",
            NameForm::DatedUnderscore => "YYYY-MM-DD_topic.md",
            NameForm::DatedDash => "YYYY-MM-DD-topic.md",
            NameForm::Numbered => "NNN-topic.md",
            NameForm::Other => "any name",
        }
    }

    /// A regular expression for the form, with the `date` and `time` groups
    /// that file-name-date-mismatch (DC515) compares with the `date` field.
    pub fn regex(self) -> Option<&'static str> {
        match self {
            NameForm::Stamped => {
                Some(r"^(?P<date>\d{4}-\d{2}-\d{2})_(?P<time>\d{2}-\d{2}(?:-\d{2})?)_[^/]+\.md$")
            }
            NameForm::DatedUnderscore => Some(r"^(?P<date>\d{4}-\d{2}-\d{2})_[^/]+\.md$"),
            NameForm::DatedDash => Some(r"^(?P<date>\d{4}-\d{2}-\d{2})-[^/]+\.md$"),
            NameForm::Numbered => Some(r"^\d{2,5}[-_][^/]+\.md$"),
            NameForm::Other => None,
        }
    }
}

/// A document skeleton that a template or a prompt file shows for a kind.
#[derive(Debug, Clone, Default)]
pub struct Skeleton {
    pub kind: KindId,
    /// The file that shows it.
    pub source: String,
    pub frontmatter: bool,
    /// The frontmatter's keys.
    pub keys: Vec<String>,
    /// The values its `status:` prompt offers (`[in-progress | complete]`).
    pub statuses: Vec<String>,
    /// Its bracketed prompts (`[Plan Title]`) and `{{…}}` fields.
    pub prompts: Vec<String>,
    /// The file naming its instructions give (`YYYY-MM-DD-description.md`).
    pub name: Option<NameForm>,
    /// Whether the file's own name names the kind (`create_plan.md`), which
    /// makes it the kind's template before one that only mentions its
    /// folder.
    pub named: bool,
}

static FENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*(```+|~~~+)[ \t]*([A-Za-z]*)[^\n]*\n").expect("a valid pattern")
});

static PROMPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{[^{}\n]{1,80}\}\}|\[[^\[\]\n]{1,120}\]").expect("a valid pattern")
});

static NAMING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"YYYY-MM-DD(?:[-_]HH-MM(?:-SS)?)?[-_][A-Za-z\[{<][^\s`'\x22)]*\.md")
        .expect("a valid pattern")
});

/// The seed templates of the session and experiment logs (SPEC §1), which
/// teams copy by hand: their bracketed prompts are placeholders wherever
/// they are left.
const SEED_TEMPLATES: &[(&str, &str)] = &[
    ("session", include_str!("../templates/prompts/session.md")),
    (
        "experiment",
        include_str!("../templates/prompts/experiment.md"),
    ),
];

/// Words in a template's path that name the kind it is for.
const KIND_WORDS: &[(&str, &str)] = &[
    ("research", "research"),
    ("plan", "plan"),
    ("plans", "plan"),
    ("pr", "pr"),
    ("prs", "pr"),
    ("handoff", "handoff"),
    ("handoffs", "handoff"),
    ("ticket", "ticket"),
    ("tickets", "ticket"),
    ("adr", "decision"),
    ("decision", "decision"),
    ("decisions", "decision"),
    ("experiment", "experiment"),
    ("experiments", "experiment"),
    ("session", "session"),
    ("sessions", "session"),
];

/// The skeletons a template file shows: the file itself when it is one
/// (`templates/plan.md`), and every fenced Markdown block that starts like
/// a document (`---` or a `# ` title) in a prompt file
/// (`.claude/commands/create_plan.md`). A skeleton is for the kind its
/// file's name says, else for the kind whose folder the text names last
/// before it.
pub fn skeletons(kinds: &Kinds, path: &str, text: &str) -> Vec<Skeleton> {
    // An unedited copy of a built-in template (what `doccheck init` writes)
    // says nothing about this repository.
    if crate::author::new::TEMPLATES
        .iter()
        .any(|(_, builtin)| *builtin == text)
    {
        return Vec::new();
    }
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let named: Vec<KindId> = {
        let mut found = Vec::new();
        for word in stem.split(|c: char| !c.is_ascii_alphanumeric()) {
            let word = word.to_ascii_lowercase();
            if let Some((_, kind)) = KIND_WORDS.iter().find(|(w, _)| *w == word)
                && let Some(id) = kinds.by_name(kind)
                && !found.contains(&id)
            {
                found.push(id);
            }
        }
        found
    };
    let folders: Vec<(KindId, String)> = kinds
        .iter()
        .filter(|(_, k)| k.lint)
        .flat_map(|(id, k)| {
            k.paths
                .iter()
                .filter_map(move |p| Some((id, folder_of(p)?)))
        })
        .collect();
    let kind_at = |offset: usize| -> Option<KindId> {
        if let [only] = named.as_slice() {
            return Some(*only);
        }
        let before = &text[..offset];
        folders
            .iter()
            .filter_map(|(id, folder)| before.rfind(folder.as_str()).map(|at| (at, *id)))
            .max()
            .map(|(_, id)| id)
            .or_else(|| named.first().copied())
    };
    let mut blocks: Vec<(usize, &str)> = Vec::new();
    let whole = text.trim_start_matches('\u{feff}');
    // A file in a templates folder is the skeleton; a prompt file holds them
    // in fenced blocks (its own `---` block describes the prompt).
    let in_templates = path.starts_with("templates/") || path.contains("/templates/");
    if in_templates && (whole.starts_with("---") || whole.starts_with("# ")) {
        blocks.push((0, whole));
    } else {
        let mut at = 0;
        while let Some(open) = FENCE.captures_at(text, at) {
            let (Some(all), Some(marker), Some(info)) = (open.get(0), open.get(1), open.get(2))
            else {
                break;
            };
            let start = all.end();
            let close = text[start..]
                .match_indices(marker.as_str())
                .find(|(i, _)| {
                    *i == 0
                        || text.as_bytes()[start + i - 1] == b'\n'
                        || text[start..start + i].ends_with([' ', '\t'])
                })
                .map_or(text.len(), |(i, _)| start + i);
            let content = &text[start..close];
            let info = info.as_str().to_ascii_lowercase();
            if matches!(info.as_str(), "" | "markdown" | "md")
                && dedent(content).trim_start().starts_with(['-', '#'])
            {
                blocks.push((start, content));
            }
            at = (close + marker.len()).min(text.len());
            if at >= text.len() {
                break;
            }
        }
    }
    let naming = NAMING.find(text).map(|m| {
        let example = m
            .as_str()
            .replace("YYYY", "2000")
            .replace("MM", "01")
            .replace("DD", "01")
            .replace("HH", "00")
            .replace("SS", "00");
        NameForm::of(&example)
    });
    let mut out: Vec<Skeleton> = Vec::new();
    for (start, block) in blocks {
        let Some(kind) = kind_at(start) else { continue };
        let block = dedent(block);
        let body = block.trim_start();
        let (frontmatter, keys, statuses) = match body.strip_prefix("---") {
            Some(rest) => {
                let fm = rest.split("\n---").next().unwrap_or_default();
                let mut keys = Vec::new();
                let mut statuses = Vec::new();
                for line in fm.lines() {
                    let Some((key, value)) = line.split_once(':') else {
                        continue;
                    };
                    if key.is_empty()
                        || key.starts_with([' ', '\t', '-', '#'])
                        || !key
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                    {
                        continue;
                    }
                    if key == "status" {
                        statuses = options(value);
                    }
                    keys.push(key.to_owned());
                }
                (true, keys, statuses)
            }
            None => (false, Vec::new(), Vec::new()),
        };
        let prompts = PROMPT
            .find_iter(&block)
            .map(|m| m.as_str().to_owned())
            .collect();
        out.push(Skeleton {
            kind,
            source: path.to_owned(),
            frontmatter,
            keys,
            statuses,
            prompts,
            name: naming.filter(|&f| f != NameForm::Other),
            named: named.contains(&kind),
        });
    }
    // Instructions that give a naming but show no skeleton still say it.
    if out.is_empty()
        && let (Some(form), [kind]) = (naming, named.as_slice())
        && form != NameForm::Other
    {
        out.push(Skeleton {
            kind: *kind,
            source: path.to_owned(),
            name: Some(form),
            named: true,
            ..Skeleton::default()
        });
    }
    out
}

/// `[in-progress | blocked | complete]` → the offered values.
fn options(value: &str) -> Vec<String> {
    let v = value.trim().trim_matches(['[', ']', '"', '\'']);
    if !v.contains('|') {
        return Vec::new();
    }
    v.split('|')
        .map(|o| o.trim().to_owned())
        .filter(|o| !o.is_empty() && !o.contains(' '))
        .collect()
}

/// A block indented as a whole (inside a list item) without its indent.
fn dedent(block: &str) -> String {
    let indent = block
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    block
        .lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The literal folder a kind's glob names: `**/thoughts/shared/plans/**/*.md`
/// → `thoughts/shared/plans/`.
fn folder_of(glob: &str) -> Option<String> {
    let g = glob.trim_start_matches("**/");
    let literal: Vec<&str> = g
        .split('/')
        .take_while(|s| !s.contains(['*', '?', '{', '[']))
        .collect();
    (literal.len() >= 2).then(|| format!("{}/", literal.join("/")))
}

/// The most documents of a kind that conventions are learned from: an
/// evenly spaced, path-ordered sample beyond that, so that a commit hook
/// reading only this sample learns what a full check learns.
pub const SAMPLE: usize = 200;

/// The documents conventions are learned from: per kind, all of them up to
/// [`SAMPLE`], else [`SAMPLE`] evenly spaced in path order. `docs` is
/// sorted by path.
pub fn sample(docs: &[Document]) -> Vec<&Document> {
    let mut by_kind: HashMap<KindId, Vec<&Document>> = HashMap::new();
    for doc in docs {
        if let Some(kind) = doc.kind {
            by_kind.entry(kind).or_default().push(doc);
        }
    }
    let mut out = Vec::new();
    let mut kinds: Vec<_> = by_kind.into_iter().collect();
    kinds.sort_by_key(|(k, _)| *k);
    for (_, list) in kinds {
        out.extend(spread(list.len()).into_iter().map(|i| list[i]));
    }
    out
}

/// What learning reads of a sampled document: little enough to be kept
/// between pre-commit runs instead of parsing the sample again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sampled {
    pub kind: Option<KindId>,
    /// The file name.
    pub name: String,
    /// Whether it carries frontmatter.
    pub frontmatter: bool,
    /// The frontmatter's keys.
    pub keys: Vec<String>,
    pub status: Option<String>,
    /// Whether it links to or references a research note.
    pub cites_research: bool,
}

impl Sampled {
    pub fn of(kinds: &Kinds, doc: &Document) -> Sampled {
        let frontmatter = doc.facts.metadata == Metadata::Frontmatter;
        Sampled {
            kind: doc.kind,
            name: doc.path.rsplit('/').next().unwrap_or(&doc.path).to_owned(),
            frontmatter,
            keys: match frontmatter {
                true => doc.facts.keys.iter().map(|k| k.to_string()).collect(),
                false => Vec::new(),
            },
            status: doc.facts.status.as_deref().map(str::to_owned),
            cites_research: kinds
                .by_name("research")
                .is_some_and(|r| cites_kind(kinds, doc, r)),
        }
    }
}

/// Which of `n` path-ordered items make the sample.
pub fn spread(n: usize) -> Vec<usize> {
    if n <= SAMPLE {
        return (0..n).collect();
    }
    (0..SAMPLE).map(|i| i * n / SAMPLE).collect()
}

/// A convention and why it holds, said where it changes a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Learned<T> {
    pub value: T,
    pub why: String,
}

/// What one kind's documents and templates show.
#[derive(Debug, Default)]
pub struct Convention {
    /// Whether documents of the kind carry frontmatter.
    pub frontmatter: Option<Learned<bool>>,
    /// How their files are named.
    pub name: Option<Learned<NameForm>>,
    /// The status values in use, when they are not the schema's.
    pub statuses: Option<Learned<Vec<String>>>,
    /// For plans: whether they cite research.
    pub cites_research: Option<Learned<bool>>,
    /// Prompts of the kind's templates, for telling placeholders from
    /// other bracketed text.
    pub prompts: Vec<String>,
    /// The configuration gives the kind's schema: its keys and values are
    /// the team's own word, not learned.
    schema_pinned: bool,
    /// Documents of the kind, and of those with frontmatter.
    documents: usize,
    with_frontmatter: usize,
    /// Documents (with frontmatter) that have each key.
    keys: HashMap<String, usize>,
    /// Documents that have each status value (lowercased).
    status_counts: HashMap<String, usize>,
    /// The skeletons of the kind's templates (the first one governs).
    skeletons: Vec<Skeleton>,
}

impl Convention {
    /// How many documents use a status the schema does not allow, of how
    /// many that have one.
    fn own_statuses(&self, allowed: &[String]) -> (usize, usize) {
        let total: usize = self.status_counts.values().sum();
        let own: usize = self
            .status_counts
            .iter()
            .filter(|(v, _)| !allowed.iter().any(|a| a.eq_ignore_ascii_case(v)))
            .map(|(_, n)| n)
            .sum();
        (own, total)
    }

    /// Whether the documents consistently (at least [`SHARE`] of at least
    /// [`MIN_DOCS`]) write statuses of their own: the schema's list is not
    /// theirs, and a value they write once is their word too.
    fn speaks_own(&self, allowed: &[String]) -> bool {
        let (own, total) = self.own_statuses(allowed);
        total >= MIN_DOCS && own as f64 >= SHARE * total as f64
    }

    /// The status values this repository uses beyond the schema's
    /// `allowed` ones: those its template offers, and, where its documents
    /// consistently (at least [`SHARE`] of at least [`MIN_DOCS`]) use values
    /// of their own, every value used more than once.
    fn vocabulary(&self, allowed: &[String], kind: &str) -> Option<Learned<Vec<String>>> {
        let (own, total) = self.own_statuses(allowed);
        if self.speaks_own(allowed) {
            let mut used: Vec<String> = self
                .status_counts
                .iter()
                .filter(|&(_, &n)| n >= 2)
                .map(|(v, _)| v.clone())
                .chain(self.statuses.iter().flat_map(|s| s.value.iter().cloned()))
                .collect();
            used.sort();
            used.dedup();
            return Some(Learned {
                value: used,
                why: format!(
                    "{own} of {total} {} here use statuses of their own",
                    plural(kind)
                ),
            });
        }
        self.statuses.clone()
    }
}

/// Every kind's convention.
#[derive(Debug, Default)]
pub struct Conventions {
    kinds: Vec<Convention>,
}

impl Conventions {
    pub fn get(&self, kind: KindId) -> Option<&Convention> {
        self.kinds.get(kind)
    }

    /// Learns each kind's conventions from its documents and from the
    /// templates' skeletons. Settings the configuration pins are not
    /// learned.
    pub fn learn(kinds: &Kinds, docs: &[Sampled], skeletons: Vec<Skeleton>) -> Conventions {
        let mut out: Vec<Convention> = kinds.iter().map(|_| Convention::default()).collect();
        let mut forms: Vec<HashMap<NameForm, usize>> = vec![HashMap::new(); out.len()];
        let mut statuses: Vec<HashMap<String, usize>> = vec![HashMap::new(); out.len()];
        let mut citing = 0;
        let mut plans = 0;
        let plan = kinds.by_name("plan");
        for doc in docs {
            let Some(kind) = doc.kind.filter(|&k| kinds.get(k).lint) else {
                continue;
            };
            if Some(kind) == plan {
                plans += 1;
                citing += usize::from(doc.cites_research);
            }
            let c = &mut out[kind];
            c.documents += 1;
            if doc.frontmatter {
                c.with_frontmatter += 1;
                for key in &doc.keys {
                    *c.keys.entry(key.clone()).or_default() += 1;
                }
            }
            *forms[kind].entry(NameForm::of(&doc.name)).or_default() += 1;
            if let Some(status) = &doc.status {
                *statuses[kind]
                    .entry(status.trim().to_lowercase())
                    .or_default() += 1;
            }
        }
        // The built-in templates' prompts: those `doccheck new` writes, and
        // the seed templates teams copy by hand.
        for (name, template) in crate::author::new::TEMPLATES.iter().chain(SEED_TEMPLATES) {
            if let Some(id) = kinds.by_name(name) {
                out[id]
                    .prompts
                    .extend(PROMPT.find_iter(template).map(|m| m.as_str().to_owned()));
            }
        }
        let mut skeletons = skeletons;
        skeletons.sort_by(|a, b| (!a.named, &a.source).cmp(&(!b.named, &b.source)));
        for s in skeletons {
            if let Some(c) = out.get_mut(s.kind) {
                c.prompts.extend(s.prompts.iter().cloned());
                c.skeletons.push(s);
            }
        }
        // The repository's naming across the kinds named by date, for kinds
        // with too few documents of their own.
        let dated = ["research", "plan", "pr", "handoff", "ticket"];
        let mut shared: HashMap<NameForm, usize> = HashMap::new();
        for (id, kind) in kinds.iter() {
            if dated.contains(&kind.name.as_str()) {
                for (form, n) in &forms[id] {
                    *shared.entry(*form).or_default() += n;
                }
            }
        }
        let (with, all) = kinds
            .iter()
            .filter(|(_, k)| dated.contains(&k.name.as_str()))
            .fold((0, 0), |(w, a), (id, _)| {
                (w + out[id].with_frontmatter, a + out[id].documents)
            });
        let shared_frontmatter = learn_share(
            all,
            with,
            |n, total| {
                format!("{n} of {total} research notes, plans and handoffs here have frontmatter")
            },
            |n, total| {
                format!(
                    "{n} of {total} research notes, plans and handoffs here have no frontmatter"
                )
            },
        );
        // A kind with few documents of its own is not held to the built-in
        // naming when the repository names nothing that way.
        let shared_total: usize = shared.values().sum();
        let stamped = shared.get(&NameForm::Stamped).copied().unwrap_or(0);
        let unused_builtin = (shared_total >= MIN_DOCS
            && stamped as f64 <= (1.0 - SHARE) * shared_total as f64)
            .then(|| Learned {
                value: NameForm::Other,
                why: format!(
                    "only {stamped} of {shared_total} research notes, plans and handoffs here are named `{}`",
                    NameForm::Stamped.pattern()
                ),
            });
        let shared = consistent(&shared).map(|(form, n, total)| Learned {
            value: form,
            why: format!(
                "{n} of {total} research notes, plans and handoffs here are named `{}`",
                form.pattern()
            ),
        });
        for (id, kind) in kinds.iter() {
            let c = &mut out[id];
            c.schema_pinned = kind.schema_pinned;
            let noun = plural(&kind.name);
            let small = c.documents < MIN_DOCS && dated.contains(&kind.name.as_str());
            if !kind.frontmatter_pinned {
                // A few documents that all do what the repository's
                // documents consistently do follow the repository, whatever
                // a template shows: they were not written from it.
                let unanimous = c.documents > 0
                    && (c.with_frontmatter == 0 || c.with_frontmatter == c.documents);
                let agreed = shared_frontmatter.clone().filter(|l| {
                    small && unanimous && l.value == (c.with_frontmatter == c.documents)
                });
                c.frontmatter = learn_share(
                    c.documents,
                    c.with_frontmatter,
                    |n, total| format!("{n} of {total} {noun} here have frontmatter"),
                    |n, total| format!("{n} of {total} {noun} here have no frontmatter"),
                )
                .or(agreed)
                .or_else(|| {
                    c.skeletons.first().map(|s| Learned {
                        value: s.frontmatter,
                        why: format!(
                            "the template `{}` shows {}",
                            s.source,
                            if s.frontmatter {
                                "frontmatter"
                            } else {
                                "no frontmatter"
                            }
                        ),
                    })
                })
                .or_else(|| small.then(|| shared_frontmatter.clone()).flatten());
            }
            if !kind.file_name_pinned && kind.lint {
                let own = &forms[id];
                let agreed = shared
                    .clone()
                    .filter(|l| small && own.len() == 1 && own.contains_key(&l.value));
                c.name = consistent(own)
                    .map(|(form, n, total)| Learned {
                        value: form,
                        why: format!("{n} of {total} {noun} here are named `{}`", form.pattern()),
                    })
                    .or(agreed)
                    .or_else(|| {
                        c.skeletons.iter().find_map(|s| {
                            Some(Learned {
                                value: s.name?,
                                why: format!(
                                    "the template `{}` names them `{}`",
                                    s.source,
                                    s.name?.pattern()
                                ),
                            })
                        })
                    })
                    .or_else(|| {
                        (small && kind.file_name.is_some())
                            .then(|| shared.clone().or_else(|| unused_builtin.clone()))
                            .flatten()
                    });
            }
            let offered: Vec<String> = c
                .skeletons
                .iter()
                .flat_map(|s| s.statuses.iter().map(|v| v.to_lowercase()))
                .collect();
            let mut vocabulary = offered;
            vocabulary.sort();
            vocabulary.dedup();
            c.status_counts = std::mem::take(&mut statuses[id]);
            if !c.schema_pinned && !vocabulary.is_empty() {
                let why = format!(
                    "the statuses the template `{}` offers",
                    c.skeletons[0].source
                );
                c.statuses = Some(Learned {
                    value: vocabulary,
                    why,
                });
            }
        }
        // Plans do not consistently (at least [`SHARE`]) cite research: the
        // repository does not hold its plans to the research → plan
        // workflow, and a plan without research is its way, not a gap
        // worth a warning.
        if let Some(plan) = plan
            && plans >= MIN_DOCS
            && (citing as f64) < SHARE * plans as f64
        {
            out[plan].cites_research = Some(Learned {
                value: false,
                why: format!("only {citing} of {plans} plans here cite research"),
            });
        }
        Conventions { kinds: out }
    }

    /// The convention's name for the required key `key` of `kind` (whose
    /// aliases are `aliases`): `Some(name)` when it is required, as that
    /// name; `None` when this repository does not use it.
    pub fn key(&self, kind: KindId, key: &str, aliases: &[String]) -> Learned<Option<String>> {
        let builtin = Learned {
            value: Some(key.to_owned()),
            why: String::new(),
        };
        let Some(c) = self.kinds.get(kind).filter(|c| !c.schema_pinned) else {
            return builtin;
        };
        let names: Vec<&str> = std::iter::once(key)
            .chain(aliases.iter().map(String::as_str))
            .collect();
        let m = c.with_frontmatter;
        if m >= MIN_DOCS {
            let uses = |n: &str| c.keys.get(n).copied().unwrap_or(0);
            let total: usize = names.iter().map(|n| uses(n)).sum::<usize>().min(m);
            let (best, most) = names
                .iter()
                .map(|n| (*n, uses(n)))
                .max_by_key(|&(n, u)| (u, n == key))
                .unwrap_or((key, 0));
            if (most as f64) >= SHARE * m as f64 {
                return Learned {
                    value: Some(best.to_owned()),
                    why: format!("{most} of {m} with frontmatter have `{best}`"),
                };
            }
            if (total as f64) <= (1.0 - SHARE) * m as f64 {
                return Learned {
                    value: None,
                    why: format!("only {total} of {m} with frontmatter have `{key}`"),
                };
            }
        }
        if let Some(s) = c.skeletons.iter().find(|s| s.frontmatter) {
            return match names.iter().find(|n| s.keys.iter().any(|k| k == *n)) {
                Some(name) => Learned {
                    value: Some((*name).to_owned()),
                    why: format!("the template `{}` has `{name}`", s.source),
                },
                None => Learned {
                    value: None,
                    why: format!("the template `{}` has no `{key}`", s.source),
                },
            };
        }
        builtin
    }

    /// The settings `doccheck init` writes for `kind` so that the
    /// configuration it pins finds what learning finds: (key, TOML value,
    /// evidence).
    pub fn settings(&self, kinds: &Kinds, kind: KindId) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        let Some(c) = self.kinds.get(kind) else {
            return out;
        };
        let k = kinds.get(kind);
        if let Some(f) = &c.frontmatter
            && f.value != k.frontmatter_required
        {
            out.push(("frontmatter".to_owned(), f.value.to_string(), f.why.clone()));
        }
        if let Some(n) = &c.name {
            let regex = n.value.regex().unwrap_or_default();
            if k.file_name.as_ref().map(|r| r.as_str()) != Some(regex) {
                let value = toml::Value::String(regex.to_owned()).to_string();
                out.push(("file-name".to_owned(), value, n.why.clone()));
            }
        }
        out
    }

    /// Edits a copy of `kind`'s built-in schema so that, pinned by the
    /// configuration, it holds what learning found: the required keys under
    /// this repository's names (those it does not use dropped) and its
    /// status values. Returns the evidence, a line per change.
    pub fn edit_schema(
        &self,
        kinds: &Kinds,
        kind: KindId,
        schema: &mut serde_json::Value,
    ) -> Vec<String> {
        let mut said = Vec::new();
        let Some(object) = schema.as_object_mut() else {
            return said;
        };
        let info = kinds.get(kind).schema.as_ref().map(|s| &s.info);
        let aliases = |k: &str| {
            info.and_then(|i| i.property(k))
                .map(|p| p.aliases.clone())
                .unwrap_or_default()
        };
        let required: Vec<String> = object
            .get("required")
            .and_then(|r| r.as_array())
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let mut kept = Vec::new();
        for key in required {
            let learned = self.key(kind, &key, &aliases(&key));
            match learned.value {
                Some(name) if name == key => kept.push(serde_json::Value::String(key)),
                Some(name) => {
                    said.push(format!("`{name}` for `{key}`: {}", learned.why));
                    if let Some(props) =
                        object.get_mut("properties").and_then(|p| p.as_object_mut())
                        && let Some(mut declared) = props.get(&key).cloned()
                    {
                        if let Some(d) = declared.as_object_mut() {
                            d.remove("x-aliases");
                        }
                        if let Some(old) = props.get_mut(&key).and_then(|o| o.as_object_mut())
                            && let Some(list) =
                                old.get_mut("x-aliases").and_then(|a| a.as_array_mut())
                        {
                            list.retain(|a| a.as_str() != Some(name.as_str()));
                        }
                        props.insert(name.clone(), declared);
                    }
                    kept.push(serde_json::Value::String(name));
                }
                None => said.push(format!("`{key}` not required: {}", learned.why)),
            }
        }
        object.insert("required".to_owned(), serde_json::Value::Array(kept));
        // A stand-in for a key this repository does not use is no finding
        // (as when learned): the copy keeps no aliases for it.
        if let Some(props) = object.get_mut("properties").and_then(|p| p.as_object_mut()) {
            for (key, declared) in props.iter_mut() {
                let Some(list) = declared.get("x-aliases").and_then(|a| a.as_array()) else {
                    continue;
                };
                let names: Vec<String> = list
                    .iter()
                    .filter_map(|a| a.as_str().map(str::to_owned))
                    .collect();
                if self.key(kind, key, &names).value.is_none()
                    && let Some(d) = declared.as_object_mut()
                {
                    d.remove("x-aliases");
                }
            }
        }
        let allowed: Vec<String> = builtin_statuses();
        if let Some(c) = self.kinds.get(kind)
            && let Some(v) = c.vocabulary(&allowed, &kinds.get(kind).name)
            && object
                .get("properties")
                .and_then(|p| p.get("status"))
                .and_then(|s| s.get("$ref"))
                .and_then(|r| r.as_str())
                .is_some_and(|r| r.ends_with("#/$defs/status"))
        {
            let mut values = allowed;
            for value in &v.value {
                if !values.iter().any(|a| a.eq_ignore_ascii_case(value)) {
                    values.push(value.clone());
                }
            }
            said.push(format!("status values {}: {}", values.join(", "), v.why));
            if let Some(props) = object.get_mut("properties").and_then(|p| p.as_object_mut()) {
                props.insert(
                    "status".to_owned(),
                    serde_json::json!({"type": "string", "enum": values}),
                );
            }
        }
        said
    }

    /// Whether this repository's plans cite research, when learned.
    pub fn cites_research(&self, kinds: &Kinds) -> Option<&Learned<bool>> {
        self.kinds
            .get(kinds.by_name("plan")?)?
            .cites_research
            .as_ref()
    }

    /// A text for `--show-settings`: what was learned, kind by kind, and why.
    pub fn describe(&self, kinds: &Kinds) -> String {
        let mut out = String::new();
        for (id, kind) in kinds.iter().filter(|(_, k)| k.lint) {
            let c = &self.kinds[id];
            let _ = writeln!(out, "[{}] {} document(s)", kind.name, c.documents);
            let mut said = false;
            let mut line = |what: String, why: &str| {
                said = true;
                let _ = writeln!(out, "  {what}  ({why})");
            };
            if let Some(f) = &c.frontmatter {
                line(format!("frontmatter = {}", f.value), &f.why);
            }
            if let Some(n) = &c.name {
                line(format!("file names: {}", n.value.pattern()), &n.why);
            }
            if let Some(s) = &c.statuses {
                line(format!("statuses: {}", s.value.join(", ")), &s.why);
            }
            if let Some(r) = &c.cites_research {
                line(format!("plans cite research = {}", r.value), &r.why);
            }
            if let Some(s) = c.skeletons.first().filter(|s| s.frontmatter) {
                line(format!("template keys: {}", s.keys.join(", ")), &s.source);
            }
            if !said {
                let _ = writeln!(
                    out,
                    "  the built-in convention (nothing consistent to learn)"
                );
            }
        }
        out
    }
}

/// Whether `doc` cites a document of `kind`, by the kind its target's path
/// has: a link, a reference or a code-span path (no graph needed, so that a
/// sample read alone tells).
fn cites_kind(kinds: &Kinds, doc: &Document, kind: KindId) -> bool {
    let by_path = |p: &str| kinds.for_path(p) == Some(kind);
    doc.facts.links.iter().any(|l| l.paths().any(by_path))
        || doc.facts.refs.iter().any(|r| {
            !r.kinds().is_empty() && r.kinds().iter().any(|k| k == &kinds.get(kind).name)
                || crate::paths::normalize(&r.target).is_some_and(|p| by_path(&p))
                || crate::paths::join(&doc.path, &r.target).is_some_and(|p| by_path(&p))
        })
}

/// The status values of the built-in schemas (`common.schema.json`).
fn builtin_statuses() -> Vec<String> {
    let common: serde_json::Value =
        serde_json::from_str(crate::schema::builtin_text("common").unwrap_or("{}"))
            .unwrap_or_default();
    common
        .pointer("/$defs/status/enum")
        .and_then(|e| e.as_array())
        .map(|e| {
            e.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// `form` when one holds at least [`SHARE`] of at least [`MIN_DOCS`]
/// documents: (form, its count, the total).
fn consistent<T: Copy + Ord>(counts: &HashMap<T, usize>) -> Option<(T, usize, usize)> {
    let total: usize = counts.values().sum();
    let (&best, &n) = counts
        .iter()
        .max_by_key(|&(k, n)| (*n, std::cmp::Reverse(*k)))?;
    (total >= MIN_DOCS && n as f64 >= SHARE * total as f64).then_some((best, n, total))
}

/// `true` when `yes` of `total` is a consistent share, `false` when the
/// rest is, nothing when mixed or small.
fn learn_share(
    total: usize,
    yes: usize,
    say_yes: impl Fn(usize, usize) -> String,
    say_no: impl Fn(usize, usize) -> String,
) -> Option<Learned<bool>> {
    if total < MIN_DOCS {
        return None;
    }
    if yes as f64 >= SHARE * total as f64 {
        Some(Learned {
            value: true,
            why: say_yes(yes, total),
        })
    } else if (total - yes) as f64 >= SHARE * total as f64 {
        Some(Learned {
            value: false,
            why: say_no(total - yes, total),
        })
    } else {
        None
    }
}

fn plural(kind: &str) -> String {
    match kind {
        "research" => "research notes".to_owned(),
        "pr" => "PR write-ups".to_owned(),
        "activity" => "activity logs".to_owned(),
        k => format!("{k}s"),
    }
}

/// Judges the findings that depend on a convention again, now that every
/// document is read: drops those that impose the built-in layout on a
/// repository that consistently follows its own, explains those that its
/// own convention makes, and adds file-name findings against a learned
/// naming. `docs` is sorted by path.
pub fn apply(
    conventions: &Conventions,
    kinds: &Kinds,
    docs: &[Document],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let kind_of = |path: &str| {
        docs.binary_search_by(|d| (*d.path).cmp(path))
            .ok()
            .and_then(|i| docs[i].kind)
    };
    if let Some(plan) = kinds.by_name("plan")
        && conventions
            .kinds
            .get(plan)
            .and_then(|c| c.cites_research.as_ref())
            .is_some_and(|l| !l.value)
    {
        diagnostics.retain(|d| d.rule.code != "DC403" || kind_of(&d.path) != Some(plan));
    }
    // A document that still holds most of its template's prompts is a fresh
    // copy, being written: its prompts are warnings until it is filled in.
    let mut prompted: HashMap<&str, usize> = HashMap::new();
    for d in diagnostics.iter() {
        if let Some(Subject::Placeholder { text, .. }) = d.subject.as_deref()
            && let Some(c) = kind_of(&d.path).and_then(|k| conventions.kinds.get(k))
            && c.prompts.iter().any(|p| p == text)
        {
            *prompted.entry(&*d.path).or_default() += 1;
        }
    }
    let fresh: std::collections::HashSet<std::sync::Arc<str>> = diagnostics
        .iter()
        .filter(|d| {
            let Some(c) = kind_of(&d.path).and_then(|k| conventions.kinds.get(k)) else {
                return false;
            };
            let distinct = {
                let mut p: Vec<&String> = c.prompts.iter().collect();
                p.sort();
                p.dedup();
                p.len()
            };
            prompted
                .get(&*d.path)
                .is_some_and(|&n| distinct >= 2 && n * 2 >= distinct)
        })
        .map(|d| d.path.clone())
        .collect();
    // The status values documents write outside their schema's list, by
    // word, across kinds: written three times or more, a value is the
    // repository's vocabulary (`draft` on research notes where the plans
    // use it too), not a slip. A value another kind's schema allows (an
    // experiment's `completed`) says nothing about this kind's.
    let mut off_schema: HashMap<String, usize> = HashMap::new();
    for d in diagnostics.iter() {
        if let ("DC107", Some(Subject::Value { field, value, .. })) =
            (d.rule.code, d.subject.as_deref())
            && field == "status"
        {
            *off_schema.entry(leading_word(value)).or_default() += 1;
        }
    }
    let in_use = |value: &str| {
        let word = leading_word(value);
        !word.is_empty() && off_schema.get(&word).is_some_and(|&n| n >= 3)
    };
    let mut added = Vec::new();
    diagnostics.retain_mut(|d| {
        let Some(kind) = kind_of(&d.path) else {
            return true;
        };
        let Some(c) = conventions.kinds.get(kind) else {
            return true;
        };
        let kind_def = kinds.get(kind);
        match (d.rule.code, d.subject.as_deref()) {
            // Reported only where the built-in layout asks for frontmatter;
            // a repository whose documents of the kind have none is spared,
            // and one whose template shows it is pointed at the template.
            ("DC101", _) => match &c.frontmatter {
                Some(Learned { value: false, .. }) => false,
                Some(Learned { value: true, why }) if why.starts_with("the template") => {
                    d.help = Some(format!("start the file with a `---` block: {why}"));
                    true
                }
                _ => true,
            },
            ("DC105", Some(Subject::MissingKeys(keys))) => {
                let aliases = |k: &str| {
                    kind_def
                        .schema
                        .as_ref()
                        .and_then(|s| s.info.property(k))
                        .map(|p| p.aliases.clone())
                        .unwrap_or_default()
                };
                let judged: Vec<(String, Learned<Option<String>>)> = keys
                    .iter()
                    .map(|k| (k.clone(), conventions.key(kind, k, &aliases(k))))
                    .collect();
                let required: Vec<(String, String)> = judged
                    .iter()
                    .filter_map(|(_, l)| l.value.clone().map(|name| (name, l.why.clone())))
                    .collect();
                if required.is_empty() {
                    return false;
                }
                if judged
                    .iter()
                    .all(|(k, l)| l.value.as_deref() == Some(k) && l.why.is_empty())
                {
                    return true;
                }
                let names: Vec<&str> = required.iter().map(|(n, _)| n.as_str()).collect();
                let mut new = missing_required_key::diagnostic(d.span, &names, "");
                let mut reasons: Vec<&str> = required
                    .iter()
                    .map(|(_, why)| why.as_str())
                    .filter(|w| !w.is_empty())
                    .collect();
                reasons.dedup();
                if !reasons.is_empty() {
                    new.help = Some(format!(
                        "{}, as this repository's {} do ({})",
                        new.help.unwrap_or_default(),
                        plural(&kind_def.name),
                        reasons.join("; ")
                    ));
                }
                new.path = d.path.clone();
                new.severity = d.severity;
                *d = new;
                true
            }
            ("DC105" | "DC109", Some(Subject::Misnamed { key, found })) => {
                let aliases = kind_def
                    .schema
                    .as_ref()
                    .and_then(|s| s.info.property(key))
                    .map(|p| p.aliases.clone())
                    .unwrap_or_default();
                let learned = conventions.key(kind, key, &aliases);
                match learned.value {
                    // The repository's own name for the key.
                    Some(name) => name != *found,
                    // A key this repository does not use: a stand-in for it
                    // is no finding either.
                    None => false,
                }
            }
            (
                "DC107",
                Some(Subject::Value {
                    field,
                    value,
                    allowed,
                }),
            ) if field == "status" && !c.schema_pinned => {
                if in_use(value) {
                    // `completed` beside the schema's `complete`: two
                    // spellings of one state, worth unifying, not broken.
                    let word = leading_word(value);
                    let variant = allowed.iter().any(|a| {
                        let a = leading_word(a);
                        let longer = |x: &str, y: &str| {
                            x.strip_prefix(y)
                                .is_some_and(|r| matches!(r, "d" | "ed" | "s"))
                        };
                        longer(&word, &a) || longer(&a, &word)
                    });
                    if variant {
                        d.cap = Some(crate::rules::Severity::Warning);
                    }
                    return variant;
                }
                let Some(vocabulary) = c.vocabulary(allowed, &kind_def.name) else {
                    return true;
                };
                let mut words: Vec<String> = allowed.clone();
                for v in &vocabulary.value {
                    if !words.iter().any(|w| w.eq_ignore_ascii_case(v)) {
                        words.push(v.clone());
                    }
                }
                if words.iter().any(|v| v.eq_ignore_ascii_case(value.trim())) {
                    return false;
                }

                let suggestion = crate::suggest::closest(value, words.iter().map(String::as_str));
                let mut new =
                    invalid_enum_value::diagnostic(d.span, field, value, &words, suggestion);
                new.help = Some(format!(
                    "{} ({})",
                    new.help.unwrap_or_default(),
                    vocabulary.why
                ));
                new.path = d.path.clone();
                new.severity = d.severity;
                let own = c.speaks_own(allowed);
                new.subject = d.subject.take();
                new.cap = d.cap;
                if own {
                    new = new.at_most(crate::rules::Severity::Warning);
                }
                *d = new;
                true
            }
            ("DC514", _) => c.name.is_none(),
            ("DC507", Some(Subject::Placeholder { text, sure })) => {
                let keep = *sure || c.prompts.iter().any(|p| p == text);
                if keep && fresh.contains(&d.path) {
                    d.cap = Some(crate::rules::Severity::Warning);
                }
                keep
            }
            _ => true,
        }
    });
    // A status the kind's template does not offer, where the schema leaves
    // the value free (a handoff's): a deviation from the repository's own
    // vocabulary. Where the schema has values, DC107 above judged it.
    let judged: std::collections::HashSet<&str> = diagnostics
        .iter()
        .filter(|d| d.rule.code == "DC107")
        .map(|d| &*d.path)
        .collect();
    let mut statuses = Vec::new();
    for doc in docs {
        let (Some(kind), Some(status), Some(span)) =
            (doc.kind, doc.facts.status.as_deref(), doc.facts.status_span)
        else {
            continue;
        };
        let Some(c) = conventions.kinds.get(kind).filter(|c| !c.schema_pinned) else {
            continue;
        };
        let Some(offered) = &c.statuses else { continue };
        if judged.contains(&*doc.path) {
            continue;
        }
        let word = leading_word(status);
        // `complete (with caveats)` is `complete`.
        let known = |v: &str| {
            let v = leading_word(v);
            !v.is_empty()
                && word
                    .strip_prefix(v.as_str())
                    .is_some_and(|r| r.is_empty() || r.starts_with('_'))
        };
        let used_often = c.status_counts.iter().any(|(v, &n)| n >= 2 && known(v));
        if word.is_empty() || offered.value.iter().any(|v| known(v)) || used_often {
            continue;
        }
        let suggestion = crate::suggest::closest(status, offered.value.iter().map(String::as_str));
        let mut d =
            invalid_enum_value::diagnostic(span, "status", status, &offered.value, suggestion);
        d.help = Some(format!("{} ({})", d.help.unwrap_or_default(), offered.why));
        statuses.push(
            d.at_most(crate::rules::Severity::Warning)
                .in_file(&doc.path),
        );
    }
    diagnostics.extend(statuses);
    for doc in docs {
        let Some(kind) = doc.kind else { continue };
        let Some(Learned { value: form, why }) =
            conventions.kinds.get(kind).and_then(|c| c.name.as_ref())
        else {
            continue;
        };
        let name = doc.path.rsplit('/').next().unwrap_or(&doc.path);
        if *form != NameForm::Other && NameForm::of(name) != *form && !is_index_page(name) {
            let mut d = file_name_convention::learned(
                Span::empty(0),
                name,
                &kinds.get(kind).name,
                form.pattern(),
                why,
            );
            d = d.in_file(&doc.path);
            added.push(d);
        }
    }
    diagnostics.extend(added);
}

/// A status value's words, lowercased and joined by `_`, from its first
/// word with a letter: `In-progress (phase 2)` → `in_progress`, `100%
/// Complete (17/17)` → `complete`.
fn leading_word(value: &str) -> String {
    value
        .to_lowercase()
        .replace(['-', ' '], "_")
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map(|w| w.trim_matches('_'))
        .find(|w| w.chars().any(char::is_alphabetic))
        .unwrap_or_default()
        .to_owned()
}

fn is_index_page(name: &str) -> bool {
    name.eq_ignore_ascii_case("readme.md") || name.eq_ignore_ascii_case("index.md")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::schema::SchemaStore;

    fn kinds() -> Kinds {
        Kinds::build(
            SchemaStore::new(std::path::Path::new(".")),
            &Config::default(),
            None,
        )
        .expect("the built-in kinds")
    }

    #[test]
    fn skeletons_in_a_prompt_file() {
        let k = kinds();
        let prompt = "# Research the codebase\n\n### 6. Save\nSave to `thoughts/shared/research/YYYY-MM-DD_topic.md`\n\n\
                      ## Output Format\n\n```markdown\n---\ndate: [ISO timestamp]\nresearcher: Claude\ngit_commit: [hash]\n\
                      git_branch: [branch]\ntopic: [research topic]\nstatus: [draft | done]\n---\n\n# Research: [Topic]\n\n## Summary\n[2-3 sentences]\n```\n";
        let found = skeletons(&k, ".claude/commands/research_codebase.md", prompt);
        assert_eq!(found.len(), 1, "{found:#?}");
        let s = &found[0];
        assert_eq!(k.get(s.kind).name, "research");
        assert!(s.frontmatter);
        assert_eq!(
            s.keys,
            [
                "date",
                "researcher",
                "git_commit",
                "git_branch",
                "topic",
                "status"
            ]
        );
        assert_eq!(s.statuses, ["draft", "done"]);
        assert_eq!(s.name, Some(NameForm::DatedUnderscore));
        assert!(s.prompts.contains(&"[Topic]".to_owned()));
    }

    #[test]
    fn a_skeleton_without_frontmatter_is_for_the_kind_whose_folder_it_follows() {
        let k = kinds();
        let prompt = "Write the plan to `thoughts/shared/plans/` as:\n\n```markdown\n# [Plan Title]\n\n## Overview\n```\n";
        let found = skeletons(&k, ".claude/commands/create.md", prompt);
        assert_eq!(found.len(), 1);
        assert_eq!(k.get(found[0].kind).name, "plan");
        assert!(!found[0].frontmatter);
    }

    /// The status findings (DC107) of a project: path and severity.
    fn status_findings(files: &[(&str, &str)]) -> Vec<(String, crate::rules::Severity)> {
        crate::testing::project_findings(files)
            .into_iter()
            .filter(|d| d.rule.code == "DC107")
            .map(|d| (d.path.to_string(), d.severity))
            .collect()
    }

    #[test]
    fn a_status_the_repository_writes_more_than_once() {
        let note = |status: &str| {
            format!(
                "---\ndate: 2025-03-02\nresearcher: ana\ngit_commit: abc1234\nbranch: main\n\
                 repository: shop\ntopic: T\ntags: [x]\nstatus: {status}\nlast_updated: 2025-03-02\n\
                 last_updated_by: ana\n---\n\n# Research: T\n\nText.\n"
            )
        };
        let plan = "---\nstatus: draft\n---\n\n# Plan\n\nText.\n";
        let (draft, typo, variant) = (note("draft"), note("compelte"), note("completed"));
        let files = [
            ("thoughts/shared/plans/2025-03-03-a.md", plan),
            ("thoughts/shared/plans/2025-03-04-c.md", plan),
            (
                "thoughts/shared/plans/2025-03-05-b.md",
                &plan.replace("draft", "completed"),
            ),
            (
                "thoughts/shared/plans/2025-03-06-d.md",
                &plan.replace("draft", "completed"),
            ),
            ("thoughts/shared/research/2025-03-02-a.md", draft.as_str()),
            ("thoughts/shared/research/2025-03-04-b.md", typo.as_str()),
            ("thoughts/shared/research/2025-03-06-c.md", variant.as_str()),
        ];
        let found = status_findings(&files);
        // `draft` is the repository's word (its plans use it); a value
        // written once and offered nowhere is a slip; `completed` beside the
        // schema's `complete` is worth unifying.
        use crate::rules::Severity::{Error, Warning};
        assert_eq!(
            found,
            [
                ("thoughts/shared/plans/2025-03-05-b.md".to_owned(), Warning),
                ("thoughts/shared/plans/2025-03-06-d.md".to_owned(), Warning),
                ("thoughts/shared/research/2025-03-04-b.md".to_owned(), Error),
                (
                    "thoughts/shared/research/2025-03-06-c.md".to_owned(),
                    Warning
                )
            ]
        );
    }

    #[test]
    fn a_one_off_status_where_the_documents_speak_their_own_words() {
        let plan = |status: &str| format!("---\nstatus: {status}\n---\n\n# Plan\n\nText.\n");
        let texts: Vec<(String, String)> =
            ["draft", "draft", "approved", "approved", "draft", "shipped"]
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    (
                        format!("thoughts/shared/plans/2025-03-0{}-p.md", i + 1),
                        plan(s),
                    )
                })
                .collect();
        let files: Vec<(&str, &str)> = texts
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let found = status_findings(&files);
        assert_eq!(
            found,
            [(
                "thoughts/shared/plans/2025-03-06-p.md".to_owned(),
                crate::rules::Severity::Warning
            )]
        );
    }

    #[test]
    fn a_status_the_template_does_not_offer() {
        let template = "Write to `thoughts/shared/handoffs/`:\n\n```markdown\n---\ndate: [when]\n\
                        status: [in-progress | blocked | complete]\n---\n# Handoff\n```\n";
        let handoff = |status: &str| format!("---\nstatus: {status}\n---\n\n# Handoff\n\nNotes.\n");
        let (open, odd) = (handoff("in-progress"), handoff("needs-research"));
        let files = [
            (".claude/commands/create_handoff.md", template),
            (
                "thoughts/shared/handoffs/2026-02-01_10-00_a.md",
                open.as_str(),
            ),
            (
                "thoughts/shared/handoffs/2026-02-02_10-00_b.md",
                odd.as_str(),
            ),
        ];
        let found = status_findings(&files);
        assert_eq!(
            found,
            [(
                "thoughts/shared/handoffs/2026-02-02_10-00_b.md".to_owned(),
                crate::rules::Severity::Warning
            )]
        );
    }

    #[test]
    fn status_words() {
        assert_eq!(leading_word("In-progress (phase 2)"), "in_progress");
        assert_eq!(leading_word("100% Complete (17/17 phases)"), "complete");
        assert_eq!(leading_word("Done (2026-03-05)"), "done");
        assert_eq!(leading_word("needs-research"), "needs_research");
    }

    #[test]
    fn a_copy_of_a_built_in_template_teaches_nothing() {
        let k = kinds();
        let (_, plan) = crate::author::new::TEMPLATES
            .iter()
            .find(|(name, _)| *name == "plan")
            .expect("a plan template");
        assert!(skeletons(&k, ".doccheck/templates/plan.md", plan).is_empty());
        let edited = plan.replace("## Overview", "## Summary");
        assert_eq!(
            skeletons(&k, ".doccheck/templates/plan.md", &edited).len(),
            1
        );
    }

    #[test]
    fn name_forms() {
        assert_eq!(NameForm::of("2026-02-16_10-30_x.md"), NameForm::Stamped);
        assert_eq!(NameForm::of("2026-02-16_10-30-05_x.md"), NameForm::Stamped);
        assert_eq!(NameForm::of("2026-02-16_x.md"), NameForm::DatedUnderscore);
        assert_eq!(
            NameForm::of("2026-02-16-email-invites.md"),
            NameForm::DatedDash
        );
        assert_eq!(NameForm::of("004-session-handling.md"), NameForm::Numbered);
        assert_eq!(NameForm::of("phase-4-filter.md"), NameForm::Other);
    }

    /// (code, path, severity) of each finding of `files`, sorted.
    fn findings(files: &[(&str, &str)]) -> Vec<(String, String, crate::rules::Severity)> {
        let mut out: Vec<_> = crate::testing::project_findings(files)
            .into_iter()
            .filter(|d| d.rule.code != "DC405")
            .map(|d| (d.rule.code.to_owned(), d.path.to_string(), d.severity))
            .collect();
        out.sort();
        out
    }

    fn plan(body: &str) -> String {
        format!("# A plan\n\n## Overview\n\n{body}\n")
    }

    #[test]
    fn plans_without_frontmatter_named_by_day_are_the_convention() {
        let names: Vec<String> = (1..=6)
            .map(|i| format!("thoughts/shared/plans/2026-02-0{i}-step-{i}.md"))
            .collect();
        let text = plan("Steps.");
        let mut files: Vec<(&str, &str)> =
            names.iter().map(|n| (n.as_str(), text.as_str())).collect();
        assert_eq!(findings(&files), []);
        // One deviates from the repository's naming: reported, with evidence.
        files.push(("thoughts/shared/plans/undated-idea.md", text.as_str()));
        let found = crate::testing::project_findings(&files);
        let naming: Vec<_> = found.iter().filter(|d| d.rule.code == "DC514").collect();
        assert_eq!(naming.len(), 1);
        assert_eq!(&*naming[0].path, "thoughts/shared/plans/undated-idea.md");
        assert!(
            naming[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("6 of 7 plans here are named `YYYY-MM-DD-topic.md`")),
            "{:?}",
            naming[0].help
        );
    }

    #[test]
    fn the_repository_names_its_keys_its_own_way() {
        let handoff = |day: u32, extra: &str| {
            format!(
                "---\ndate: 2026-02-0{day}T10:00:00-05:00\nresearcher: Sam\ngit_commit: a1b2c3d\n\
                 git_branch: main\nrepository: shop\ntopic: Handoff\ntags: [x]\nstatus: in-progress\n{extra}---\n\n# Handoff\n\nNotes.\n"
            )
        };
        let texts: Vec<String> = (1..=6).map(|i| handoff(i, "")).collect();
        let names: Vec<String> = (1..=6)
            .map(|i| format!("thoughts/shared/handoffs/2026-02-0{i}_10-00_h{i}.md"))
            .collect();
        let mut files: Vec<(&str, &str)> = names
            .iter()
            .zip(&texts)
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        // `git_branch` for `branch`, `in-progress` as a status, no
        // `last_updated`: the repository's own convention, no finding.
        assert_eq!(findings(&files), []);
        let missing = handoff(9, "").replace("git_branch: main\n", "");
        files.push((
            "thoughts/shared/handoffs/2026-02-09_10-00_h9.md",
            missing.as_str(),
        ));
        let found = crate::testing::project_findings(&files);
        let keys: Vec<_> = found.iter().filter(|d| d.rule.code == "DC105").collect();
        assert_eq!(keys.len(), 1, "{found:#?}");
        assert_eq!(keys[0].message, "required key `git_branch` is missing");
        assert!(
            keys[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("6 of 7 with frontmatter have `git_branch`"))
        );
    }

    #[test]
    fn a_prompt_file_skeleton_is_the_convention_of_a_small_kind() {
        let prompt = "Save the note to `thoughts/shared/research/`:\n\n```markdown\n# Research: [Topic]\n\n## Findings\n```\n";
        let note = "# Research: caching\n\n## Findings\n\nThe cache is per request.\n";
        let files = [
            (".claude/commands/research.md", prompt),
            ("thoughts/shared/research/2026-01-05_09-00_cache.md", note),
        ];
        assert_eq!(findings(&files), []);
        // Without the template, the built-in layout applies: frontmatter.
        assert_eq!(
            findings(&files[1..]),
            [(
                "DC101".to_owned(),
                "thoughts/shared/research/2026-01-05_09-00_cache.md".to_owned(),
                crate::rules::Severity::Error
            )]
        );
    }

    #[test]
    fn placeholders_are_what_templates_prompt_for() {
        let text = plan(
            "Tokens `[SEP]` aside, the [SEP] marker, a [MEDIUM] risk, lines [L803-823],\n\
             see [parser.py:130], shape [n_features], Optional[dict], #[allow(dead_code)],\n\
             [ρ(Z)] and [batch, n_outputs] are prose. [Fill in the owner] is not.",
        );
        let files = [("thoughts/shared/plans/2026-02-01-a.md", text.as_str())];
        let found: Vec<String> = crate::testing::project_findings(&files)
            .into_iter()
            .filter(|d| d.rule.code == "DC507")
            .map(|d| text[d.span.range()].to_owned())
            .collect();
        assert_eq!(found, ["[Fill in the owner]"]);
        // A prompt of the project's own template is one, word for word.
        let template = "```markdown\n# [Plan Title]\n\n## Overview\n[What and why]\n```\n";
        let copy = plan("[What and why]");
        let files = [
            (".claude/commands/create_plan.md", template),
            ("thoughts/shared/plans/2026-02-01-a.md", copy.as_str()),
        ];
        let found: Vec<String> = crate::testing::project_findings(&files)
            .into_iter()
            .filter(|d| d.rule.code == "DC507")
            .map(|d| copy[d.span.range()].to_owned())
            .collect();
        assert_eq!(found, ["[What and why]"]);
    }

    #[test]
    fn templating_documentation_is_not_a_placeholder() {
        let text = "# Translations\n\nThe i18n strings interpolate `name`: Hello {{name}}!\n";
        let files = [("thoughts/shared/plans/2026-02-01-i18n.md", text)];
        assert!(
            crate::testing::project_findings(&files)
                .iter()
                .all(|d| d.rule.code != "DC507")
        );
    }

    #[test]
    fn an_experiments_folder_guide_is_no_experiment_log() {
        let guide = "# How to run experiments\n\nUse `make train`.\n";
        let files = [
            ("experiments/README-howto.md", guide),
            ("experiments/guide.md", guide),
        ];
        assert_eq!(findings(&files), []);
    }
}
