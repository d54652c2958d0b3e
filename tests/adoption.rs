//! Adopting doccheck in a repository that already has many findings: the
//! baseline (ratchet), end to end on throwaway Git repositories.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

mod common;
use common::Repo;

impl Repo {
    /// `doccheck ARGS` in the repository: exit code, stdout, stderr.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_doccheck"))
            .args(args)
            .current_dir(&self.root)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// `doccheck check --output-format json ARGS`: exit code, the report,
    /// stderr.
    fn check(&self, args: &[&str]) -> (i32, Value, String) {
        let mut all = vec!["check", "--output-format", "json"];
        all.extend_from_slice(args);
        let (code, stdout, stderr) = self.run(&all);
        let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
        (code, json, stderr)
    }
}

/// `CODE path:line message` of each finding printed.
fn findings(json: &Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("not a report: {json}"))
        .iter()
        .map(|d| {
            format!(
                "{} {}:{} {}",
                d["code"].as_str().unwrap(),
                d["path"].as_str().unwrap(),
                d["line"],
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

fn note(i: usize) -> String {
    format!("thoughts/shared/research/2099-01-01_00-{i:02}_note-{i}.md")
}

/// A research note with a defect or two of its own: a misspelled status,
/// a missing key, a commit that does not exist, broken links.
fn noisy_note(i: usize, sha: &str) -> String {
    let status = if i.is_multiple_of(3) {
        "completed"
    } else {
        "complete"
    };
    let researcher = if i % 3 == 1 { "" } else { "researcher: t\n" };
    let commit = if i.is_multiple_of(7) { "deadbee" } else { sha };
    let mut body = format!("See [the old note](gone-{i}.md).\n");
    if i.is_multiple_of(5) {
        body.push_str("And [another](gone-twice.md), [again](gone-twice.md).\n");
    }
    format!(
        "---\ndate: 2099-01-01T00:{i:02}:00Z\n{researcher}git_commit: \"{commit}\"\nbranch: main\n\
         repository: r\ntopic: t\ntags: [a]\nstatus: {status}\nlast_updated: 2099-01-01\n\
         last_updated_by: t\n---\n\n# Note {i}\n\n{body}"
    )
}

/// A repository of 30 notes, every one with findings, committed.
fn noisy_repo() -> Repo {
    let repo = Repo::new();
    repo.write("src/a.py", "x = 1\n");
    let sha = repo.commit("code");
    for i in 0..30 {
        repo.write(&note(i), &noisy_note(i, &sha[..7]));
    }
    repo.commit("notes");
    repo
}

const BASELINE: &str = ".doccheck-baseline.json";

#[test]
fn baseline_ratchet_end_to_end() {
    let repo = noisy_repo();
    let (code, json, _) = repo.check(&[]);
    assert_eq!(code, 1);
    let before = findings(&json);
    assert!(before.len() > 50, "{before:#?}");
    let infos = json["summary"]["infos"].as_u64().unwrap();
    assert!(infos > 0, "{json}");

    // The baseline records today's findings, infos included.
    let (code, stdout, stderr) = repo.run(&["baseline"]);
    assert_eq!(code, 0, "{stderr}");
    let total = before.len() + infos as usize;
    assert_eq!(
        stdout,
        format!(
            "wrote {BASELINE}: {total} finding(s) in 30 file(s); `doccheck check` reports only new ones\n"
        )
    );
    let written = repo.read(BASELINE);
    // Deterministic: a second run changes nothing.
    let (_, stdout, _) = repo.run(&["baseline"]);
    assert!(stdout.contains("is up to date"), "{stdout}");
    assert_eq!(repo.read(BASELINE), written);
    repo.commit("baseline");

    // `check` is clean, and says how much it left out.
    let (code, json, stderr) = repo.check(&[]);
    assert_eq!((code, findings(&json)), (0, Vec::new()), "{stderr}");
    assert_eq!(
        json["summary"]["baselined"].as_u64().unwrap() as usize,
        total
    );
    let (code, stdout, _) = repo.run(&["check"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains(&format!(
            "{total} known findings in the baseline (`--no-baseline` shows them)."
        )),
        "{stdout}"
    );
    let (code, json, _) = repo.check(&["--no-baseline"]);
    assert_eq!((code, findings(&json)), (1, before.clone()));

    // One new defect is reported alone: a broken link in a note that
    // already has one, and a new occurrence of a known one in the same file.
    let path = note(4);
    let text = repo.read(&path);
    repo.write(
        &path,
        &format!("{text}Also [new](gone-new.md) and [old](gone-4.md).\n"),
    );
    let (code, json, _) = repo.check(&[]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        [
            format!(
                "DC301 {path}:16 link target `thoughts/shared/research/gone-new.md` does not exist"
            ),
            format!(
                "DC301 {path}:16 link target `thoughts/shared/research/gone-4.md` does not exist"
            ),
        ]
    );
    repo.write(&path, &text);

    // Lines moved by an edit above the findings, and the line of a finding
    // edited elsewhere, keep their entries.
    let path = note(3);
    let text = repo.read(&path);
    let edited = text
        .replace(
            "# Note 3\n",
            "# Note 3\n\nA new first paragraph.\n\nAnd a second.\n",
        )
        .replace("See [the old note]", "Read [the old note]");
    assert_ne!(edited, text);
    repo.write(&path, &edited);
    let (code, json, stderr) = repo.check(&[]);
    assert_eq!((code, findings(&json)), (0, Vec::new()), "{stderr}");
    assert!(!stderr.contains("no longer occur"), "{stderr}");

    // A fixed defect: still clean, and a note says the baseline can shrink.
    let fixed = text.replace("status: completed", "status: complete");
    assert_ne!(fixed, text);
    repo.write(&path, &fixed);
    let (code, _, stderr) = repo.check(&[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "note: 1 finding(s) in the baseline no longer occur\n  help: `doccheck baseline --prune` drops them"
        ),
        "{stderr}"
    );
    let (code, stdout, _) = repo.run(&["baseline", "--prune"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        format!(
            "pruned 1 entry from {BASELINE}: {} finding(s) in 30 file(s) remain\n",
            total - 1
        )
    );
    let (code, _, stderr) = repo.check(&[]);
    assert_eq!(code, 0);
    assert!(!stderr.contains("no longer occur"), "{stderr}");
    // The fix is gone from the file, and nothing else changed in it.
    let pruned = repo.read(BASELINE);
    assert_eq!(written.lines().count(), pruned.lines().count() + 1);
    assert!(written.contains("`completed` is not an allowed value for `status`"));
    assert_eq!(
        written
            .matches("`completed` is not an allowed value")
            .count(),
        pruned
            .matches("`completed` is not an allowed value")
            .count()
            + 1
    );
}

/// The baseline works with `--staged` and `--base`, where only some
/// documents are checked: entries of the others are neither matched nor
/// reported as gone.
#[test]
fn baseline_with_staged_and_base() {
    let repo = noisy_repo();
    repo.run(&["baseline"]);
    repo.commit("baseline");
    repo.git(&["checkout", "-q", "-b", "change"]);

    // A commit that edits one noisy note without a new defect passes.
    let path = note(6);
    let text = repo.read(&path);
    repo.write(&path, &format!("{text}\nOne more sentence.\n"));
    repo.git(&["add", "-A"]);
    let (code, json, stderr) = repo.check(&["--staged"]);
    assert_eq!((code, findings(&json)), (0, Vec::new()), "{stderr}");
    assert!(json["summary"]["baselined"].as_u64().unwrap() > 0, "{json}");
    assert!(!stderr.contains("no longer occur"), "{stderr}");

    // A new defect in the staged note is reported, alone.
    repo.write(&path, &format!("{text}\nSee [the plan](gone-plan.md).\n"));
    repo.git(&["add", "-A"]);
    let (code, json, _) = repo.check(&["--staged"]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        [format!(
            "DC301 {path}:18 link target `thoughts/shared/research/gone-plan.md` does not exist"
        )]
    );
    repo.commit("a new broken link");

    let (code, json, stderr) = repo.check(&["--base", "main"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(findings(&json).len(), 1, "{json}");
    assert!(!stderr.contains("no longer occur"), "{stderr}");

    // Every machine format leaves the known findings out.
    let (_, sarif, _) = repo.run(&["check", "--output-format", "sarif"]);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 1);
    let (_, gitlab, _) = repo.run(&["check", "--output-format", "gitlab"]);
    let gitlab: Value = serde_json::from_str(&gitlab).unwrap();
    assert_eq!(gitlab.as_array().unwrap().len(), 1);
}

/// A run that does not look somewhere keeps the baseline's entries there:
/// `--no-git` keeps the Git findings, a path keeps the other files'.
#[test]
fn baseline_keeps_what_a_run_did_not_look_at() {
    let repo = noisy_repo();
    repo.run(&["baseline"]);
    let written = repo.read(BASELINE);
    assert!(written.contains("\"code\": \"DC201\""), "{written}");

    let (code, _, stderr) = repo.check(&["--no-git"]);
    assert_eq!(code, 0);
    assert!(!stderr.contains("no longer occur"), "{stderr}");
    let (_, stdout, _) = repo.run(&["baseline", "--no-git"]);
    assert!(stdout.contains("is up to date"), "{stdout}");
    assert_eq!(repo.read(BASELINE), written);

    // Recording one folder replaces its entries only.
    repo.write(
        "docs/adr/0001-x.md",
        "# 1. Use X\n\n**Decision:** use X.\n\nSee [gone](gone.md).\n",
    );
    let (_, stdout, _) = repo.run(&["baseline", "docs"]);
    assert!(stdout.starts_with("wrote"), "{stdout}");
    let recorded = repo.read(BASELINE);
    assert!(recorded.contains("docs/adr/0001-x.md"), "{recorded}");
    assert_eq!(
        recorded.lines().filter(|l| l.contains("thoughts/")).count(),
        written.lines().filter(|l| l.contains("thoughts/")).count()
    );
    let (code, json, _) = repo.check(&[]);
    assert_eq!((code, findings(&json)), (0, Vec::new()));
}

#[test]
fn a_bad_baseline_is_an_error() {
    let repo = noisy_repo();
    repo.write(
        BASELINE,
        "{\"version\": 1, \"findings\": [\n  {\"path\": 3}\n]}\n",
    );
    let (code, _, stderr) = repo.run(&["check"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid baseline"), "{stderr}");
    assert!(stderr.contains(&format!("{BASELINE}:2:")), "{stderr}");
    let (code, _, stderr) = repo.run(&["check", "--baseline", "missing.json"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("the baseline missing.json does not exist; `doccheck baseline` writes it"),
        "{stderr}"
    );
    std::fs::remove_file(repo.root.join(BASELINE)).unwrap();
    let (code, _, stderr) = repo.run(&["baseline", "--prune"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("there is no baseline"), "{stderr}");
}

/// The configuration can name the baseline; `--baseline` names another.
#[test]
fn the_baseline_file_is_configurable() {
    let repo = noisy_repo();
    repo.write(".doccheck.toml", "baseline = \"ci/known.json\"\n");
    let (code, stdout, _) = repo.run(&["baseline"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("wrote ci/known.json:"), "{stdout}");
    assert!(!Path::new(&repo.root.join(BASELINE)).exists());
    let (code, _, _) = repo.check(&[]);
    assert_eq!(code, 0);
    let (code, _, _) = repo.check(&["--no-baseline"]);
    assert_eq!(code, 1);
    repo.write(".doccheck.toml", "baseline = \"../outside.json\"\n");
    let (code, _, stderr) = repo.run(&["check"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("outside the project root"), "{stderr}");
}

/// `check --pre-commit FILES`, as the pre-commit framework calls it: a
/// commit's files are judged with what the commit breaks elsewhere, never
/// an old defect elsewhere; any other list of files is checked as it is.
#[test]
fn pre_commit_judges_the_commit_not_the_repository() {
    let repo = Repo::new();
    repo.write(".doccheck.toml", "");
    let valid = |i: usize, body: &str| {
        format!(
            "---\ndate: 2099-01-01T00:{i:02}:00Z\nresearcher: t\ngit_commit: \"0000000\"\nbranch: main\n\
             repository: r\ntopic: t\ntags: [a]\nstatus: complete\nlast_updated: 2099-01-01\n\
             last_updated_by: t\n---\n\n# Note {i}\n\n{body}"
        )
    };
    // An old defect, and a note that links to another's section.
    repo.write(&note(1), &valid(1, "See [gone](gone.md).\n"));
    repo.write(&note(2), &valid(2, "## Method\n\nRead it.\n"));
    repo.write(
        &note(3),
        &valid(3, "See [the method](2099-01-01_00-02_note-2.md#method).\n"),
    );
    repo.write(
        &note(4),
        &valid(4, "See [note 3](2099-01-01_00-03_note-3.md).\n"),
    );
    repo.commit("notes");
    let hook = |files: &[&str]| {
        let mut args = vec![
            "check",
            "--pre-commit",
            "--no-git",
            "--output-format",
            "concise",
        ];
        args.extend_from_slice(files);
        repo.run(&args)
    };

    // An unrelated commit passes, whatever is wrong elsewhere.
    repo.write(
        &note(5),
        &valid(5, "See [note 2](2099-01-01_00-02_note-2.md).\n"),
    );
    repo.git(&["add", "-A"]);
    let (code, stdout, stderr) = hook(&[&note(5)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    repo.commit("note 5");

    // A commit adding a broken document is blocked by its own finding.
    repo.write(&note(6), &valid(6, "See [nothing](nothing.md).\n"));
    repo.git(&["add", "-A"]);
    let (code, stdout, _) = hook(&[&note(6)]);
    assert_eq!(code, 1);
    assert!(stdout.contains(&format!("{}:16:", note(6))), "{stdout}");
    assert!(!stdout.contains(&note(1)), "{stdout}");
    repo.git(&["reset", "-q"]);
    std::fs::remove_file(repo.root.join(note(6))).unwrap();

    // A renamed heading breaks a link in a document the commit does not
    // touch: that document's link is reported there.
    let text = repo.read(&note(2));
    repo.write(&note(2), &text.replace("## Method", "## Approach"));
    repo.git(&["add", "-A"]);
    let (code, stdout, _) = hook(&[&note(2)]);
    assert_eq!(code, 1);
    assert!(stdout.contains(&format!("{}:16:", note(3))), "{stdout}");
    assert!(stdout.contains("#method"), "{stdout}");
    assert!(!stdout.contains(&note(1)), "{stdout}");
    repo.git(&["checkout", "-q", "HEAD", "--", &note(2)]);

    // A commit that only deletes a document passes no file name; the links
    // it breaks are still found.
    repo.git(&["rm", "-q", &note(3)]);
    let (code, stdout, _) = hook(&[]);
    assert_eq!(code, 1);
    assert!(stdout.contains(&format!("{}:16:", note(4))), "{stdout}");
    assert!(!stdout.contains(&note(1)), "{stdout}");
    repo.git(&["reset", "-q", "HEAD", "--", &note(3)]);
    repo.git(&["checkout", "-q", "HEAD", "--", &note(3)]);

    // `pre-commit run --all-files` names files that are not staged: they
    // are checked as they are, old defects included.
    // In `git ls-files` order, as the framework passes them: a bare file
    // name first.
    let all: Vec<String> = std::iter::once(".doccheck.toml".to_owned())
        .chain((1..=5).map(note))
        .collect();
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let (code, stdout, _) = hook(&all);
    assert_eq!(code, 1);
    assert!(stdout.contains(&format!("{}:16:", note(1))), "{stdout}");
    let (code, _, _) = hook(&[&note(4)]);
    assert_eq!(code, 0);
}

/// `init` in a repository that has documents: a configuration naming the
/// kinds and folders it has, copies under `.doccheck/`, and on request the
/// baseline, so that the next `check` is clean.
#[test]
fn init_fits_an_existing_repository() {
    let repo = noisy_repo();
    repo.write(
        "services/api/docs/decisions/0001-use-x.md",
        "# 1. Use X\n\n**Decision:** use X.\n\n**Rationale:** it is simple.\n",
    );
    repo.commit("a decision elsewhere");
    let (_, before, _) = repo.check(&["--no-baseline"]);

    let (code, stdout, stderr) = repo.run(&["init", "--baseline"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("created   .doccheck.toml\n"), "{stdout}");
    assert!(
        stdout.contains("created   .doccheck/schemas/plan.schema.json\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("created   .doccheck/templates/plan.md\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("found 31 document(s): 30 research, 1 decision\n"),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("wrote {BASELINE}: ")), "{stdout}");
    for top in ["schemas", "templates"] {
        assert!(!repo.root.join(top).exists(), "{top}/ was created");
    }
    let config = repo.read(".doccheck.toml");
    assert!(
        config.contains(
            "# 30 research documents.\n[kinds.research]\npaths = [\"thoughts/shared/research/**/*.md\"]\nschema = \".doccheck/schemas/research.schema.json\"\n"
        ),
        "{config}"
    );
    assert!(
        config.contains("[kinds.decision]\npaths = [\"services/api/docs/decisions/**/*.md\"]\n"),
        "{config}"
    );
    // The kinds with no documents keep their built-in places.
    assert!(
        config.contains("# Looked for at **/thoughts/shared/plans/**/*.md, **/thoughts/plans/**/*.md.\n[kinds.plan]\nschema"),
        "{config}"
    );

    // The written configuration finds what the built-in one found.
    let (code, after, _) = repo.check(&["--no-baseline"]);
    assert_eq!(code, 1);
    assert_eq!(findings(&after), findings(&before));
    assert_eq!(
        after["summary"]["documents"],
        before["summary"]["documents"]
    );
    let (code, json, _) = repo.check(&[]);
    assert_eq!((code, findings(&json)), (0, Vec::new()));

    // Running it again changes nothing.
    let (_, stdout, _) = repo.run(&["init"]);
    assert!(
        stdout
            .lines()
            .filter(|l| !l.starts_with("found") && !l.starts_with("next"))
            .all(|l| l.starts_with("unchanged")),
        "{stdout}"
    );

    // `doccheck new` starts from the editable copy.
    let template = repo.read(".doccheck/templates/research.md");
    repo.write(
        ".doccheck/templates/research.md",
        &format!("{template}\n## Team checklist\n"),
    );
    let (code, stdout, stderr) = repo.run(&["new", "research", "A new note"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(repo.read(stdout.trim()).contains("## Team checklist"));
}

#[test]
fn init_into_pyproject_and_top_level_copies() {
    let repo = noisy_repo();
    repo.write("pyproject.toml", "[project]\nname = \"notes\"\n");
    let (code, stdout, stderr) = repo.run(&["init", "--pyproject", "--top-level"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("appended  [tool.doccheck] to pyproject.toml\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("created   schemas/research.schema.json\n"),
        "{stdout}"
    );
    assert!(stdout.contains("created   templates/plan.md\n"), "{stdout}");
    assert!(!repo.root.join(".doccheck.toml").exists());
    let text = repo.read("pyproject.toml");
    assert!(
        text.starts_with("[project]\nname = \"notes\"\n\n# doccheck"),
        "{text}"
    );
    assert!(
        text.contains("[tool.doccheck.kinds.research]\npaths = [\"thoughts/shared/research/**/*.md\"]\nschema = \"schemas/research.schema.json\"\n"),
        "{text}"
    );
    // doccheck reads it: the copies it names are the schemas in effect.
    let schema = repo.read("schemas/research.schema.json");
    repo.write(
        "schemas/research.schema.json",
        &schema.replacen("\"researcher\",", "\"researcher\",\n    \"reviewer\",", 1),
    );
    let (_, json, _) = repo.check(&["--select", "DC105"]);
    assert!(
        findings(&json)
            .iter()
            .any(|f| f.contains("required key `reviewer` is missing")),
        "{json}"
    );
    let (_, stdout, _) = repo.run(&["init", "--pyproject", "--top-level"]);
    assert!(stdout.starts_with("unchanged pyproject.toml\n"), "{stdout}");
    // A table the user edited is theirs.
    repo.write(
        "pyproject.toml",
        &text.replace("# DC405 = \"off\"", "DC405 = \"off\""),
    );
    let (_, stdout, _) = repo.run(&["init", "--pyproject", "--top-level"]);
    assert!(
        stdout.starts_with(
            "kept      pyproject.toml (it has a [tool.doccheck] table: edit it there)\n"
        ),
        "{stdout}"
    );
    // A `.doccheck.toml` would shadow that table: `init` says so.
    let (code, _, stderr) = repo.run(&["init"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("pyproject.toml's [tool.doccheck] already configures doccheck"),
        "{stderr}"
    );
}
