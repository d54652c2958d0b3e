//! Fuzz targets, on stable Rust and without extra tools: each target
//! generates inputs from a grammar of what doccheck reads (frontmatter and
//! YAML, Markdown bodies, `--fix` plans, configuration files, code
//! references, slugs and dates), mutates them, and checks that doccheck
//! neither panics nor hangs and that its outputs keep their promises.
//!
//! `cargo test --test fuzz` runs a hundred inputs per target. For a
//! real run, give each target a time budget (the debug build checks
//! arithmetic overflow; `--release` tries more inputs per second):
//!
//! ```sh
//! DOCCHECK_FUZZ_SECS=600 cargo test --test fuzz -- --test-threads 1
//! DOCCHECK_FUZZ_SECS=600 cargo test --test fuzz -- --exact fix   # one target
//! ```
//!
//! Every input comes from the run's seed and its iteration number, both
//! printed on failure (and the input saved under `target/fuzz/`); replay
//! one with `DOCCHECK_FUZZ_SEED=S DOCCHECK_FUZZ_ITER=I`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use doccheck::check::document::{self, Document};
use doccheck::check::{self, Report, Selection};
use doccheck::config::Config;
use doccheck::diagnostic::{Diagnostic, Fix};
use doccheck::intern::Interner;
use doccheck::kinds::Kinds;
use doccheck::parse::{coderef, frontmatter, slug, yaml};
use doccheck::project::{Overrides, Project};
use doccheck::report::{self, OutputFormat, Style};
use doccheck::rules::content::binary_file::BinaryFile;
use doccheck::schema::SchemaStore;

/// An iteration slower than this is a hang.
const HANG: Duration = Duration::from_secs(30);

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

/// Runs `body` on generated inputs until the time budget or the default
/// count is spent, reporting the failing input.
fn fuzz(name: &str, body: impl Fn(&mut Rng) -> String + Sync, check: impl Fn(&str) + Sync) {
    let secs: u64 = env("DOCCHECK_FUZZ_SECS").unwrap_or(0);
    let seed: u64 = env("DOCCHECK_FUZZ_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
    });
    let only: Option<u64> = env("DOCCHECK_FUZZ_ITER");
    let current = Arc::new(Mutex::new(String::new()));
    let started_at = Arc::new(AtomicU64::new(0));
    let epoch = Instant::now();
    let watch = {
        let (current, started_at, name) = (current.clone(), started_at.clone(), name.to_owned());
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_secs(1));
                let at = started_at.load(Ordering::Relaxed);
                if at == u64::MAX {
                    return;
                }
                let now = epoch.elapsed().as_millis() as u64;
                if at > 0 && now.saturating_sub(at) > HANG.as_millis() as u64 {
                    let input = current.lock().map(|s| s.clone()).unwrap_or_default();
                    save(&name, seed, &input);
                    eprintln!("fuzz {name}: seed {seed}: an input took over {HANG:?}: {input:?}");
                    std::process::abort();
                }
            }
        })
    };
    let deadline = Duration::from_secs(secs);
    let mut iterations = 0u64;
    loop {
        let iteration = only.unwrap_or(iterations);
        let mut rng = Rng::new(seed ^ iteration.wrapping_mul(0xd6e8_feb8_6659_fd93));
        let input = body(&mut rng);
        if let Ok(mut c) = current.lock() {
            c.clone_from(&input);
        }
        started_at.store(epoch.elapsed().as_millis() as u64 + 1, Ordering::Relaxed);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&input)));
        started_at.store(0, Ordering::Relaxed);
        if let Err(panic) = outcome {
            save(name, seed, &input);
            eprintln!(
                "fuzz {name}: DOCCHECK_FUZZ_SEED={seed} DOCCHECK_FUZZ_ITER={iteration} fails on {input:?}"
            );
            started_at.store(u64::MAX, Ordering::Relaxed);
            std::panic::resume_unwind(panic);
        }
        iterations += 1;
        let done = if only.is_some() {
            true
        } else if secs > 0 {
            epoch.elapsed() >= deadline
        } else {
            iterations >= 100
        };
        if done {
            break;
        }
    }
    started_at.store(u64::MAX, Ordering::Relaxed);
    let _ = watch.join();
    eprintln!(
        "fuzz {name}: seed {seed}: {iterations} inputs in {:.0?}, no failure",
        epoch.elapsed()
    );
}

fn env<T: std::str::FromStr>(name: &str) -> Option<T> {
    std::env::var(name).ok()?.parse().ok()
}

fn save(name: &str, seed: u64, input: &str) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(format!("{name}-{seed}.txt")), input);
}

// ---------------------------------------------------------------- grammar

const KEYS: &[&str] = &[
    "date",
    "researcher",
    "git_commit",
    "branch",
    "repository",
    "topic",
    "tags",
    "status",
    "last_updated",
    "last_updated_by",
    "related_research",
    "type",
    "doc_type",
    "$schema",
    "author",
    "created_by",
    "commit",
    "title",
    "supersedes",
    "run_id",
    "data_version",
    "parent_experiment",
    "id",
    "x",
    "é",
    "a b",
];

const VALUES: &[&str] = &[
    "2025-12-12T15:17:08-06:00",
    "2026-11-27T09:00:0é+00:00",
    "2026-11-27T09:00:00+8888888888888888:00",
    "2025-12-12",
    "2025-02-30",
    "12/12/2025",
    "ea45dd2",
    "0123456",
    "1234567",
    "1e5",
    "0x1F",
    ".inf",
    "~",
    "null",
    "true",
    "complete",
    "completed",
    "in_progress",
    "ready_for_review",
    "research",
    "plan",
    "thoughts/shared/research/2025-12-12_15-17_a.md",
    "../../outside.md",
    "/etc/passwd",
    "src/config.py:183-243",
    "exp-040, exp-041",
    "{{TOPIC}}",
    "[experiment-name]",
    "main",
    "\"quoted: value\"",
    "'it''s'",
    "\"esc \\\" \\u00e9 \\x41\"",
    "[a, b, {c: d}]",
    "{a: [1, 2], b: *a}",
    "&a anchored",
    "*a",
    "!!str 123",
    "!custom x",
    "|\n  line one\n  line two",
    ">-\n  folded\n  text",
    "value # comment",
    "ü̈ñíçødé ✓ 𝄞",
    "",
];

const MARKDOWN: &[&str] = &[
    "# Title\n",
    "## Section\n",
    "### 2025-01-01\n",
    "## 2024-13-45 bad date\n",
    "Some prose with *emphasis* and `code`.\n",
    "[link](other.md)\n",
    "[anchor](#section)\n",
    "[anchor](other.md#Some-Heading)\n",
    "[outside](../../../../etc/passwd)\n",
    "[abs](/thoughts/shared/plans/x.md)\n",
    "[empty]()\n",
    "[pct](a%20b%C3%A9.md#%E2%9C%93)\n",
    "![image](img/a.png)\n",
    "[ref][r]\n\n[r]: target.md\n",
    "<https://example.com>\n",
    "<a id=\"explicit\"></a>\n",
    "```python\nsrc/x.py:1-2\n```\n",
    "~~~\nunclosed fence\n",
    "`src/config.py:183-243` and extractor.py:500 and path#L10-L20\n",
    "**Date:** 2024-10-19\n",
    "**Git Commit**: ea45dd2\n",
    "**Experiment ID**: exp-042\n",
    "- **Status**: complete\n  - **Commit**: 123\n",
    "<!-- doccheck-disable DC301 -->\n",
    "<!-- doccheck-enable -->\n",
    "<!-- doccheck-disable-next-line DC999 -- reason -->\n",
    "<!-- doccheck-disable-file -->\n",
    "<!-- doccheck-bogus -->\n",
    "| a | b |\n|---|---|\n| [x](y.md) | z |\n",
    "{{TOPIC}} and [experiment-name]\n",
    "## Rationale\n\nBecause.\n",
    "## Alternatives considered\n",
    "20241019-143000-sentiment-analysis\n",
    "> quote with [link](q.md)\n",
    "1. item\n   2. nested\n",
    "\t\ttabbed\n",
    "line\rwith lone CR\r",
    "crlf line\r\n",
    "\u{feff}",
    "---\n",
    "***\n",
    "Setext\n===\n",
    "<details><summary>x</summary>\n\n[in html](h.md)\n</details>\n",
];

const NOISE: &[&str] = &[
    "\n", "\r\n", "\r", " ", "  ", "\t", ":", ": ", "- ", "? ", "#", "&", "*", "!", "|", ">", "[",
    "]", "{", "}", ",", "'", "\"", "\\", "%", "@", "`", "---", "...", "é", "\u{0}", "\u{feff}",
    "\u{200b}", "𝄞", "[", "](", ")", "<!--", "-->", "#L", ":1-2",
];

fn value(rng: &mut Rng) -> String {
    let mut v = rng.pick(VALUES).to_owned();
    if rng.chance(10) {
        v = "x".repeat(rng.below(70_000));
    }
    if rng.chance(15) {
        v.insert_str(0, rng.pick(&["&a ", "!!str ", "&b !!str ", "!x "]));
    }
    if rng.chance(10) {
        v.push_str(" # note");
    }
    v
}

/// A YAML mapping, with nesting, lists, complex keys and aliases.
fn yaml(rng: &mut Rng, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for _ in 0..1 + rng.below(12) {
        let key = rng.pick(KEYS);
        match rng.below(10) {
            0 if depth < 6 => {
                out.push_str(&format!("{indent}{key}:\n"));
                yaml(rng, depth + 1, out);
            }
            1 if depth < 6 => {
                out.push_str(&format!("{indent}{key}:\n"));
                for _ in 0..1 + rng.below(4) {
                    out.push_str(&format!("{indent}- {}\n", value(rng)));
                }
            }
            2 => {
                let n = rng.below(40);
                out.push_str(&format!(
                    "{indent}{}{key}: {}\n",
                    "? ".repeat(n),
                    value(rng)
                ));
            }
            3 => out.push_str(&format!(
                "{indent}{key}: [{}]\n",
                vec!["*a"; rng.below(50)].join(", ")
            )),
            _ => {
                let v = value(rng);
                let v = v.replace('\n', &format!("\n{indent}"));
                out.push_str(&format!("{indent}{key}: {v}\n"));
            }
        }
    }
}

/// Random edits with YAML and Markdown punctuation.
fn mutate(rng: &mut Rng, text: &mut String) {
    for _ in 0..rng.below(6) {
        let at = floor(text, rng.below(text.len() + 1));
        match rng.below(3) {
            0 => text.insert_str(at, rng.pick(NOISE)),
            1 => {
                let end = floor(text, (at + rng.below(8)).min(text.len()));
                text.replace_range(at..end, "");
            }
            _ => {
                let end = floor(text, (at + rng.below(4)).min(text.len()));
                text.replace_range(at..end, rng.pick(NOISE));
            }
        }
    }
}

fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn frontmatter_doc(rng: &mut Rng) -> String {
    let mut text = String::new();
    if rng.chance(5) {
        text.push('\u{feff}');
    }
    let fence = rng.pick(&["---\n", "---\r\n", "---\r", "--- \n"]);
    text.push_str(fence);
    yaml(rng, 0, &mut text);
    if !rng.chance(5) {
        text.push_str(rng.pick(&["---\n", "...\n", "---"]));
    }
    for _ in 0..rng.below(4) {
        text.push_str(rng.pick(MARKDOWN));
    }
    if rng.chance(70) {
        mutate(rng, &mut text);
    }
    text
}

fn markdown_doc(rng: &mut Rng) -> String {
    let mut text = String::new();
    if rng.chance(30) {
        text.push_str("---\nstatus: complete\n---\n");
    }
    for _ in 0..1 + rng.below(30) {
        text.push_str(rng.pick(MARKDOWN));
        if rng.chance(3) {
            text.push_str(&"| cell ".repeat(rng.below(20_000)));
            text.push_str("[far](missing.md)\n");
        }
    }
    if rng.chance(70) {
        mutate(rng, &mut text);
    }
    text
}

// ------------------------------------------------------------- harnesses

const PATHS: &[&str] = &[
    "thoughts/shared/research/2025-12-12_15-17_topic.md",
    "thoughts/shared/plans/2025-12-12_plan.md",
    "thoughts/shared/prs/pr.md",
    "experiments/exp-042.md",
    "docs/sessions/2024-10-19.md",
    "adr/0001-use-x.md",
    "ACTIVITY.md",
    "runs/20251212_151708_baseline/run_config.yaml",
    "notes/free.md",
];

/// A project folder with built-in kinds, shared by a target's iterations.
struct Bench {
    _dir: tempfile::TempDir,
    project: Project,
    kinds: Kinds,
}

fn bench() -> Bench {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".doccheck.toml"), "").unwrap();
    let project = Project::load(
        dir.path(),
        &Overrides {
            no_git: true,
            ..Overrides::default()
        },
    )
    .unwrap();
    let kinds = Kinds::build(SchemaStore::new(&project.root), &Config::default(), None).unwrap();
    Bench {
        _dir: dir,
        project,
        kinds,
    }
}

/// Analyses `text` as the document at `rel` and renders its findings in
/// every format: nothing may panic, and every span lies in the text.
fn analyze_and_render(bench: &Bench, rel: &str, text: &str) -> (Vec<Diagnostic>, Document) {
    let kind = bench.kinds.for_path(rel);
    let mut interner = Interner::default();
    let path = interner.get(rel);
    let analysis = document::analyze(&bench.kinds, &mut interner, path.clone(), kind, text);
    for d in &analysis.diagnostics {
        assert!(d.span.end as usize <= text.len(), "{d:?}");
        assert!(d.span.start <= d.span.end, "{d:?}");
        for r in &d.related {
            assert!(r.span.end as usize <= text.len(), "{d:?}");
        }
    }
    // Findings at arbitrary places too: mid-line to a line start, across
    // long lines, at the end, inside a multi-byte character.
    let mut findings = analysis.diagnostics.clone();
    let mut rng = Rng::new(document::digest(text.as_bytes()));
    for _ in 0..3 {
        let a = rng.below(text.len() + 1);
        let mut b = (a + rng.below(text.len() + 1 - a)).min(text.len());
        if rng.chance(30) {
            // Just past a line break: the end is the next line's start.
            b = text[floor(text, a)..]
                .find(['\n', '\r'])
                .map_or(text.len(), |i| floor(text, a) + i + 1);
        }
        let mut d = Diagnostic::new(&BinaryFile::META, doccheck::source::Span::new(a, b), "x");
        if rng.chance(50) {
            let c = rng.below(text.len() + 1);
            d = d.related(doccheck::source::Span::new(c, c), "y");
        }
        findings.push(d.in_file(&path));
    }
    let report = Report {
        diagnostics: findings,
        documents: 1,
        texts: [(path, text.to_owned())].into_iter().collect(),
        ..Report::default()
    };
    for format in [
        OutputFormat::Full,
        OutputFormat::Concise,
        OutputFormat::Json,
        OutputFormat::Github,
        OutputFormat::Gitlab,
        OutputFormat::Junit,
        OutputFormat::Sarif,
    ] {
        let style = Style {
            color: false,
            width: 100,
        };
        let mut options = report::Options::new(format, style);
        options.show_infos = true;
        let out = report::render(&bench.project, &report, &options);
        if format == OutputFormat::Full {
            for line in out.stdout.lines().filter(|l| l.contains(" │ ")) {
                assert!(line.chars().count() < 160, "frame line too wide: {line:?}");
            }
        }
    }
    (analysis.diagnostics, analysis.document)
}

#[test]
fn frontmatter() {
    let bench = bench();
    fuzz(
        "frontmatter",
        |rng| format!("{}\n{}", rng.pick(PATHS), frontmatter_doc(rng)),
        |input| {
            let (rel, text) = input.split_once('\n').unwrap();
            if let Some(block) = match frontmatter::split(text).0 {
                frontmatter::Fence::Block(b) => Some(b),
                _ => None,
            } {
                let _ = yaml::parse(&text[block.yaml.range()], block.yaml.start as usize);
            }
            analyze_and_render(&bench, rel, text);
        },
    );
}

#[test]
fn markdown() {
    let bench = bench();
    fuzz(
        "markdown",
        |rng| format!("{}\n{}", rng.pick(PATHS), markdown_doc(rng)),
        |input| {
            let (rel, text) = input.split_once('\n').unwrap();
            analyze_and_render(&bench, rel, text);
        },
    );
}

const FIXABLE: &[&str] = &[
    "status: completed\n",
    "status: 'completed' # c\n",
    "status: &s completed\nother: *s\n",
    "status: !!str completed\n",
    "status: >-\n  completed\n",
    "status: |\n  completed\n",
    "status: \"completed\"\n",
    "status: [completed]\n",
    "author: beth\n",
    "created_by: ann\n",
    "\"author\": beth\n",
    "git_commit: 0123456\n",
    "git_commit: 1234567 # sha\n",
    "commit: ea45dd2\n",
    "researcher: beth\n",
    "last_updated: 2025-12-12\n",
    "? author\n: beth\n",
    "tags: [a, b]\n",
    "date: 2025-12-12T15:17:08-06:00\n",
];

#[test]
fn fix() {
    let bench = bench();
    fuzz(
        "fix",
        |rng| {
            let mut yaml_text = String::new();
            for _ in 0..1 + rng.below(10) {
                yaml_text.push_str(rng.pick(FIXABLE));
            }
            if rng.chance(50) {
                mutate(rng, &mut yaml_text);
            }
            let rel = rng.pick(&[PATHS[0], PATHS[7]]);
            if rel.ends_with(".yaml") {
                format!("{rel}\n{yaml_text}")
            } else {
                format!("{rel}\n---\n{yaml_text}---\n# T\n\nbody [x](y.md)\n")
            }
        },
        |input| {
            let (rel, old) = input.split_once('\n').unwrap();
            let (diagnostics, _) = analyze_and_render(&bench, rel, old);
            let fixes: Vec<&Fix> = diagnostics.iter().filter_map(|d| d.fix.as_ref()).collect();
            let (new, _) = doccheck::author::fix::fix_text(rel, old, &fixes);
            if new == old {
                return;
            }
            // Outside the frontmatter, nothing changes.
            let range = if rel.ends_with(".yaml") {
                0..old.len()
            } else {
                match frontmatter::split(old).0 {
                    frontmatter::Fence::Block(b) => b.yaml.range(),
                    other => panic!("a fix outside a frontmatter block: {other:?}"),
                }
            };
            assert!(new.starts_with(&old[..range.start]), "{new:?}");
            assert!(new.ends_with(&old[range.end..]), "{new:?}");
            let new_range = range.start..new.len() - (old.len() - range.end);
            // Valid YAML stays valid, with no new duplicate key.
            if let Ok(before) = yaml::parse(&old[range.clone()], range.start) {
                let after = yaml::parse(&new[new_range.clone()], new_range.start)
                    .unwrap_or_else(|e| panic!("the fix broke the YAML ({e:?}): {new:?}"));
                assert!(
                    after.duplicates.len() <= before.duplicates.len(),
                    "the fix added a duplicate key: {new:?}"
                );
                // A rename may end a duplicate: count keys, kept or not.
                let keys = |p: &yaml::Parsed| {
                    p.root.as_ref().map_or(0, |r| r.entries().len()) + p.duplicates.len()
                };
                assert_eq!(keys(&after), keys(&before), "{new:?}");
            }
            // The fixed text is checked like any other.
            analyze_and_render(&bench, rel, &new);
        },
    );
}

const CONFIG: &[&str] = &[
    "include = [\"**/*.md\"]\n",
    "include = []\n",
    "include = [\"nothing/**\"]\n",
    "include = [\"a/{b\"]\n",
    "exclude = [\"drafts/**\", \"[\"]\n",
    "fail-on = \"warning\"\n",
    "fail-on = \"never\"\n",
    "discriminators = [\"type\", \"kind\"]\n",
    "[rules]\nDC1 = \"warning\"\nDC301 = \"off\"\n",
    "[rules]\nDC999 = \"off\"\n",
    "[rules]\ninvalid-yml = \"error\"\n",
    "[kinds.research]\nenabled = false\n",
    "[kinds.review]\npaths = [\"reviews/**/*.md\"]\nschema = \"schemas/review.json\"\n",
    "[kinds.review]\nschema = \"../outside.json\"\n",
    "[kinds.review]\nschema = \"/etc/passwd\"\n",
    "[kinds.review]\nschema = \"folder\"\n",
    "[kinds.plan]\nsections = [\"Overview\", \"\"]\nfile-name = \"(?P<date>\\\\d{4}-\\\\d{2}-\\\\d{2})_.*\"\n",
    "[kinds.plan]\nfile-name = \"(\"\n",
    "[kinds.plan]\nfile-name = \"a{1000}{1000}{1000}\"\n",
    "[kinds.plan]\nfile-name = \"\"\n",
    "[kinds.x]\ntypes = [\"x\"]\nfrontmatter = true\nfields = true\n",
    "[git]\nmin-sha-length = 0\nreachable-from = [\"refs/heads/\"]\nrepository = \"../other\"\n",
    "[gate]\nrequire-rationale = [\"configs/**\", \"{\"]\ndocuments = [\"plan\"]\n",
    "unknown = 1\n",
    "[tool.doccheck]\n",
    "= broken\n",
    "\"\\u00e9\" = 1\n",
];

#[test]
fn config() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    for (path, text) in [
        ("reviews/r.md", "---\nreviewer: x\n---\n# R\n"),
        (
            "thoughts/shared/plans/2025-12-12_p.md",
            "---\nstatus: x\n---\n# P\n",
        ),
        (
            "schemas/review.json",
            "{\"type\": \"object\", \"required\": [\"reviewer\"]}",
        ),
        ("folder/x.txt", ""),
    ] {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    std::fs::write(dir.path().join("outside.json"), "{\"secret\": true").unwrap();
    fuzz(
        "config",
        |rng| {
            let mut text = String::new();
            for _ in 0..1 + rng.below(6) {
                text.push_str(rng.pick(CONFIG));
            }
            if rng.chance(40) {
                mutate(rng, &mut text);
            }
            text
        },
        |text| {
            std::fs::write(root.join(".doccheck.toml"), text).unwrap();
            let overrides = Overrides {
                no_git: true,
                ..Overrides::default()
            };
            match Project::load(&root, &overrides) {
                Ok(project) => {
                    let selection = Selection::new(&project, &[]).unwrap();
                    if let Ok((report, _)) = check::run(&project, &selection) {
                        let style = Style {
                            color: false,
                            width: 100,
                        };
                        let options = report::Options::new(OutputFormat::Full, style);
                        report::render(&project, &report, &options);
                    }
                }
                Err(error) => {
                    let rendered = report::human::render_error(
                        &error,
                        Style {
                            color: false,
                            width: 100,
                        },
                    );
                    assert!(!rendered.contains("secret"), "read outside: {rendered}");
                }
            }
        },
    );
}

#[test]
fn refs() {
    const ALPHABET: &[&str] = &[
        "0",
        "1",
        "2",
        "9",
        "-",
        ":",
        "T",
        "t",
        " ",
        "+",
        "Z",
        ".",
        "é",
        "/",
        "\\",
        "#",
        "L",
        "%",
        "20",
        "C3",
        "..",
        "src",
        "py",
        "x",
        "_",
        "`",
        "(",
        ")",
        "*",
        "\u{200b}",
        "ß",
        "İ",
        "𝄞",
        "2025-12-12",
        "T15:17:08",
        "+05:30",
        "-06:00",
        ":183-243",
    ];
    fuzz(
        "refs",
        |rng| {
            let mut text = String::new();
            for _ in 0..rng.below(40) {
                text.push_str(rng.pick(ALPHABET));
            }
            text
        },
        |text| {
            if let Some(days) = doccheck::dates::days(text) {
                let day = doccheck::dates::format_day(days * 86_400);
                assert_eq!(doccheck::dates::days(&day), Some(days), "{day}");
            }
            if let Some(seconds) = doccheck::dates::seconds(text) {
                let day = doccheck::dates::format_day(seconds);
                assert!(doccheck::dates::days(&day).is_some(), "{day}");
            }
            // The span of each reference is a slice of the text.
            for r in coderef::scan(text) {
                assert!(text.get(r.at..r.at + r.len).is_some(), "{r:?}");
            }
            let mut ids = slug::Disambiguator::default();
            let first = ids.id(slug::slug(text));
            let second = ids.id(slug::slug(text));
            assert_ne!(first, second);
            if let Some(joined) = doccheck::paths::join("a/b.md", text) {
                assert!(!joined.split('/').any(|s| s == ".."), "{joined}");
                assert!(!joined.starts_with('/'), "{joined}");
            }
            let _ = doccheck::paths::join(text, "x.md");
            let _ = doccheck::paths::percent_decode(text);
            let _ = doccheck::suggest::closest(text, ["status", "git_commit", "é"]);
            let _ = PathBuf::from(text);
        },
    );
}
