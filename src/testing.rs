//! Pass/fail vectors for rules: each `fail` case must produce a finding of
//! the rule under test and each `pass` case none; the rendered fail cases are
//! snapshotted so reviewers see exactly what users will see.

use std::sync::Arc;

use crate::check;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::kinds::Kinds;
use crate::report::{Sources, Style, human};
use crate::rules::RuleMeta;
use crate::schema::SchemaStore;

/// A valid research note's frontmatter keys, one per line.
pub const RESEARCH: &str = "\
date: 2025-12-12T15:17:08-06:00
researcher: beth
git_commit: ea45dd2
branch: main
repository: sec-finetune
topic: Data versioning
tags: [mlops]
status: complete
last_updated: 2025-12-12
last_updated_by: beth";

/// A document with `frontmatter` between fences and a short body.
pub fn doc(frontmatter: &str) -> String {
    format!("---\n{frontmatter}\n---\n\n# Title\n\nBody.\n")
}

/// The research frontmatter with `key` replaced by `line` (or removed when
/// `line` is empty), as a document.
pub fn research_with(key: &str, line: &str) -> String {
    let lines: Vec<&str> = RESEARCH
        .lines()
        .map(|l| {
            if l.starts_with(&format!("{key}:")) {
                line
            } else {
                l
            }
        })
        .filter(|l| !l.is_empty())
        .collect();
    doc(&lines.join("\n"))
}

pub struct Tester {
    rule: &'static RuleMeta,
    path: String,
    dir: tempfile::TempDir,
    config: String,
    rendered: String,
}

impl Tester {
    pub fn new(rule: &'static RuleMeta) -> Self {
        Tester {
            rule,
            path: "thoughts/shared/research/2025-12-12_15-17_topic.md".to_owned(),
            dir: tempfile::tempdir().expect("a temporary directory"),
            config: String::new(),
            rendered: String::new(),
        }
    }

    /// The project-relative path the cases are checked at.
    pub fn path(mut self, path: &str) -> Self {
        self.path = path.to_owned();
        self
    }

    /// Configuration (TOML) for the cases that follow.
    pub fn config(mut self, toml: &str) -> Self {
        self.config = toml.to_owned();
        self
    }

    /// A file in the project, such as a schema the configuration names.
    pub fn file(self, path: &str, text: &str) -> Self {
        let full = self.dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("a parent")).expect("a folder");
        std::fs::write(full, text).expect("a file");
        self
    }

    fn run(&self, text: &str) -> Vec<Diagnostic> {
        let config: Config = toml::from_str(&self.config).expect("test configuration");
        let kinds =
            Kinds::build(SchemaStore::new(self.dir.path()), &config, None).expect("test kinds");
        let by_path = kinds.for_path(&self.path);
        let mut interner = crate::intern::Interner::default();
        let analysis = check::document::analyze(
            &kinds,
            &mut interner,
            Arc::from(self.path.as_str()),
            by_path,
            text,
        );
        analysis
            .diagnostics
            .into_iter()
            .filter(|d| !analysis.document.silences(d.rule.code, d.span.start))
            .collect()
    }

    pub fn pass<'a>(self, cases: impl IntoIterator<Item = &'a str>) -> Self {
        for case in cases {
            let found: Vec<_> = self
                .run(case)
                .into_iter()
                .filter(|d| d.rule.code == self.rule.code)
                .collect();
            assert!(
                found.is_empty(),
                "{} reported on a passing case:\n{case}\n{found:#?}",
                self.rule.code
            );
        }
        self
    }

    pub fn fail<'a>(mut self, cases: impl IntoIterator<Item = &'a str>) -> Self {
        for case in cases {
            let found: Vec<_> = self
                .run(case)
                .into_iter()
                .filter(|d| d.rule.code == self.rule.code)
                .collect();
            assert!(
                !found.is_empty(),
                "{} not reported on a failing case:\n{case}",
                self.rule.code
            );
            let sources = Sources::from_texts([(self.path.as_str(), case)]);
            human::render_each(
                &found.iter().collect::<Vec<_>>(),
                &sources,
                Style {
                    color: false,
                    width: 100,
                },
                &mut self.rendered,
            );
        }
        self
    }

    /// Snapshots the rendered failing cases under the rule's code.
    pub fn snapshot(self) {
        insta::assert_snapshot!(self.rule.code, self.rendered);
    }
}

/// The finding `check::document::read` reports for a file made by `setup`
/// in a temporary project, if any.
pub fn read_finding(
    setup: impl FnOnce(&std::path::Path) -> std::path::PathBuf,
) -> Option<Diagnostic> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path().join("project");
    std::fs::create_dir(&root).expect("a folder");
    let root = root.canonicalize().expect("a canonical root");
    let file = setup(&root);
    match check::document::read(&root, &file, crate::discover::Entry::Other) {
        check::document::Loaded::Problem(d) => Some(d),
        _ => None,
    }
}

/// A filled-in session log (seed 000's template), bold field lines and all.
pub const SESSION: &str = "\
# Session: Sentiment Analysis with Llama 3.1

**Date:** 2024-10-19
**Session Type:** Experiment
**Duration:** ~3 hours
**Objective:** Evaluate llama3.1 on product reviews

---

## Session Overview

Ran the first sentiment benchmark on 10,000 reviews.

**Key Achievement:** 87.3% accuracy with temperature 0.3.

---

## Tasks Completed

### 1. Preprocess reviews ✓

**Task:** Clean the raw reviews.

**Outcome:** 10,000 reviews, duplicates removed.

## Key Decisions & Rationale

### Decision 1: Temperature 0.3

**Decision:** Run inference at temperature 0.3.

**Rationale:**
- Predictions were stable across reruns
- Accuracy rose by 4 points

**Alternative Considered:** Temperature 0.7 **Rejected Because:** labels flipped between runs.

## Lessons Learned

- Lower temperature helps classification.
";

/// A filled-in experiment log (seed 002's template), in bold field lines.
pub const EXPERIMENT: &str = "\
# ML Experiment Tracking Log

**Experiment ID**: exp-123
**Date**: 2025-01-15
**Experimenter**: Dana

---

## Experiment Overview

**Experiment Name**: fraud-xgb-depth
**Objective**: Raise recall on fraud cases
**Hypothesis**: Deeper trees capture merchant interactions
**Success Criteria**: F1 above 0.83 on the test set

## Dataset Information

**Dataset Name**: transactions-v1.2
**Dataset Version**: 1.2.0

**Train/Val/Test Split**:
- Training: 70% (700K records)
- Random Seed: 42

## Artifacts & Reproducibility

**Code Version**:
- Repository: https://github.com/org/repo
- Branch: main
- Commit SHA: ea45dd2

**Status**: completed
";

/// A decision record with its decision, rationale and alternatives.
pub const DECISION: &str = "\
# 0002. Store run configs as YAML

**Status**: Accepted
**Date**: 2025-12-12

## Context

Runs were hard to reproduce.

## Decision

Every run writes `run_config.yaml` into its folder.

## Rationale

YAML diffs well and RunContext already writes it.

## Alternatives Considered

JSON: rejected because comments are not allowed.
";

/// An activity log, newest day first.
pub const ACTIVITY: &str = "\
# ML Workspace Activity Log

---

## 2024-10-19

### Experiments
- Started: 20241019-143000-sentiment-analysis
- Status: Complete

## 2024-10-18

### Models
- Pulled llama3.1:8b
";

/// The findings of checking a whole project made of `files` (path, text),
/// without Git: for rules that look across documents.
pub fn project_findings(files: &[(&str, &str)]) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("a parent")).expect("a folder");
        std::fs::write(full, text).expect("a file");
    }
    std::fs::write(dir.path().join(".doccheck.toml"), "").expect("a config");
    let overrides = crate::project::Overrides {
        no_git: true,
        ..Default::default()
    };
    let project = crate::project::Project::load(dir.path(), &overrides).expect("a project");
    let selection = check::Selection::default();
    check::check(&project, &selection)
        .expect("a report")
        .diagnostics
}

/// `(path, line text)` of each finding of `rule` in `files`.
pub fn project_rule_findings(rule: &RuleMeta, files: &[(&str, &str)]) -> Vec<(String, String)> {
    let texts: std::collections::HashMap<&str, &str> = files.iter().copied().collect();
    project_findings(files)
        .into_iter()
        .filter(|d| d.rule.code == rule.code)
        .map(|d| {
            let text = texts.get(&*d.path).copied().unwrap_or_default();
            (d.path.to_string(), text[d.span.range()].to_owned())
        })
        .collect()
}

/// `git` in `dir`, with no system or user settings, fed `input`.
pub fn git(dir: &std::path::Path, args: &[&str], input: &str) {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let mut child = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success(), "git {args:?}");
}
