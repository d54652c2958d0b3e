//! The Git checks (DC2xx) against real repositories made in temporary
//! folders with the `git` command line (doccheck itself reads them with gix).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod common;
use common::{Repo, git_command, git_in};

impl Repo {
    fn research(&self, name: &str, fields: &str) {
        self.write(
            &format!("thoughts/shared/research/{name}.md"),
            &research(fields),
        );
    }
}

/// A valid research note with `fields` replacing the defaults of the same
/// keys.
fn research(fields: &str) -> String {
    let mut lines: Vec<String> = [
        "date: 2099-01-01T00:00:00Z",
        "researcher: t",
        "git_commit: 0000000",
        "branch: main",
        "repository: r",
        "topic: t",
        "tags: [a]",
        "status: complete",
        "last_updated: 2099-01-01",
        "last_updated_by: t",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let mut body = String::new();
    for field in fields.lines() {
        match field.split_once(':') {
            Some((key, _)) if key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') => {
                lines.retain(|l| !l.starts_with(&format!("{key}:")));
                lines.push(field.to_owned());
            }
            _ => {
                body.push_str(field);
                body.push('\n');
            }
        }
    }
    format!("---\n{}\n---\n\n# Note\n\n{body}", lines.join("\n"))
}

fn doccheck(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_doccheck"))
        .arg("check")
        .args(["--output-format", "json"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json, stderr)
}

/// Each finding's `keys`, in that order, joined by spaces.
fn fields(json: &Value, keys: &[&str]) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            keys.iter()
                .map(|k| d[*k].as_str().unwrap())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// (code, message) of each finding whose code starts with DC2.
fn git_findings(json: &Value) -> Vec<(String, String)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with("DC2"))
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// `CODE message` of each DC2xx finding, sorted.
fn sorted_findings(json: &Value) -> Vec<String> {
    let mut found: Vec<String> = git_findings(json)
        .into_iter()
        .map(|(c, m)| format!("{c} {m}"))
        .collect();
    found.sort();
    found
}

fn codes(json: &Value) -> Vec<String> {
    git_findings(json).into_iter().map(|(c, _)| c).collect()
}

#[test]
fn existing_commits_pass_and_missing_ones_fail() {
    let repo = Repo::new();
    repo.write("src/a.py", "x = 1\n");
    let sha = repo.commit("code");
    repo.research("full", &format!("git_commit: {sha}"));
    repo.research("short", &format!("git_commit: \"{}\"", &sha[..7]));
    repo.research("missing", "git_commit: deadbee");
    repo.commit("docs");
    let (code, json, _) = doccheck(&repo.root, &[]);
    assert_eq!(
        git_findings(&json),
        [(
            "DC201".to_owned(),
            "commit `deadbee` in `git_commit` does not exist in this repository".to_owned()
        )]
    );
    assert_eq!(code, 1);
}

#[test]
fn trees_blobs_and_tags_are_not_commits() {
    let repo = Repo::new();
    repo.write("src/a.py", "x = 1\n");
    repo.commit("code");
    repo.git(&["tag", "-a", "v1", "-m", "release"]);
    let tree = repo.git(&["rev-parse", "HEAD^{tree}"]);
    let blob = repo.git(&["rev-parse", "HEAD:src/a.py"]);
    let tag = repo.git(&["rev-parse", "v1"]);
    repo.research("tree", &format!("git_commit: {tree}"));
    repo.research("blob", &format!("git_commit: {blob}"));
    repo.research("tag", &format!("git_commit: {tag}"));
    repo.commit("docs");
    let (_, json, _) = doccheck(&repo.root, &[]);
    let mut messages: Vec<String> = git_findings(&json)
        .into_iter()
        .map(|(c, m)| format!("{c} {}", m.rsplit(" is ").next().unwrap()))
        .collect();
    messages.sort();
    assert_eq!(
        messages,
        [
            "DC203 a blob, not a commit",
            "DC203 a tag, not a commit",
            "DC203 a tree, not a commit"
        ]
    );
}

#[test]
fn an_ambiguous_prefix_lists_its_candidates() {
    let repo = Repo::new();
    for i in 0..600 {
        repo.write(&format!("f/{i}.txt"), &format!("{i}\n"));
    }
    repo.commit("many objects");
    let objects = repo.git(&["rev-list", "--objects", "--all"]);
    let mut seen = std::collections::HashMap::new();
    let prefix = objects
        .lines()
        .map(|l| l[..4].to_owned())
        .find(|p| seen.insert(p.clone(), ()).is_some())
        .expect("600 objects share some 4-digit prefix");
    repo.write(".doccheck.toml", "[git]\nmin-sha-length = 4\n");
    repo.research("a", &format!("git_commit: \"{prefix}\""));
    repo.commit("docs");
    let (_, json, _) = doccheck(&repo.root, &[]);
    let findings = git_findings(&json);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].0, "DC202");
    assert!(
        findings[0]
            .1
            .contains(&format!("`{prefix}` in `git_commit` matches")),
        "{}",
        findings[0].1
    );
}

/// A clone that borrows its objects from another repository (`git clone
/// --shared` writes `info/alternates`) finds the commits kept there.
#[test]
fn commits_kept_in_an_alternate_object_folder_are_found() {
    let source = Repo::new();
    source.write("src/a.py", "x = 1\n");
    let sha = source.commit("code");
    source.research("a", &format!("git_commit: {}", &sha[..10]));
    source.commit("notes");
    let dir = tempfile::tempdir().unwrap();
    let clone = dir.path().join("clone");
    git_in(
        dir.path(),
        &[
            "clone",
            "-q",
            "--shared",
            source.root.to_str().unwrap(),
            "clone",
        ],
    );
    assert!(clone.join(".git/objects/info/alternates").exists());
    let (_, json, stderr) = doccheck(&clone, &["--select", "DC201,DC202,DC203"]);
    assert!(codes(&json).is_empty(), "{json} {stderr}");
}

#[test]
fn a_commit_lost_in_a_rebase_is_unreachable() {
    let repo = Repo::new();
    repo.write("src/a.py", "x = 1\n");
    repo.commit("code");
    let tree = repo.git(&["rev-parse", "HEAD^{tree}"]);
    let dangling = repo.git(&["commit-tree", &tree, "-p", "HEAD", "-m", "squashed away"]);
    repo.research("a", &format!("git_commit: {dangling}"));
    repo.commit("docs");
    let (code, json, _) = doccheck(&repo.root, &[]);
    assert_eq!(codes(&json), ["DC206"]);
    assert_eq!(code, 0, "unreachable commits are warnings by default");
    // A tag makes it reachable.
    repo.git(&["tag", "keep", &dangling]);
    let (_, json, _) = doccheck(&repo.root, &[]);
    assert!(codes(&json).is_empty());
}

/// With a commit-graph, which cited commits are in HEAD's history is read
/// from it in one walk, however many there are: a commit of the graph that
/// no branch reaches any more is still unreachable, and the commits made
/// after the graph was written are found by reading them.
#[test]
fn reachability_read_from_the_commit_graph_is_the_same() {
    let repo = Repo::new();
    let mut commits = Vec::new();
    for i in 0..20 {
        repo.write("src/a.py", &format!("x = {i}\n"));
        commits.push(repo.commit(&format!("code {i}")));
    }
    let tree = repo.git(&["rev-parse", "HEAD^{tree}"]);
    let lost = repo.git(&["commit-tree", &tree, "-p", &commits[3], "-m", "lost"]);
    // In the graph while a tag reaches it, then no longer reachable.
    repo.git(&["tag", "keep", &lost]);
    repo.git(&["commit-graph", "write", "--reachable"]);
    repo.git(&["tag", "-d", "keep"]);
    for i in 20..23 {
        repo.write("src/a.py", &format!("x = {i}\n"));
        commits.push(repo.commit(&format!("code {i}, after the graph")));
    }
    let findings = |cited: &[&String]| {
        for (i, sha) in cited.iter().enumerate() {
            repo.research(&format!("n{i}"), &format!("git_commit: {sha}"));
        }
        let (_, json, _) = doccheck(&repo.root, &["--select", "DC206"]);
        let found = git_findings(&json);
        std::fs::remove_dir_all(repo.root.join("thoughts")).unwrap();
        found
    };
    // A few cited commits, and more than a few.
    for cited in [
        vec![&commits[0], &lost, &commits[21]],
        commits.iter().chain([&lost]).collect(),
    ] {
        let found = findings(&cited);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains(&lost[..7]), "{found:?}");
    }
    assert!(findings(&commits.iter().collect::<Vec<_>>()).is_empty());
}

#[test]
fn a_shallow_clone_says_so_once_instead_of_failing() {
    let repo = Repo::new();
    repo.write("src/a.py", "x = 1\n");
    let old = repo.commit("old");
    repo.commit("middle");
    repo.research("a", &format!("git_commit: {old}"));
    repo.research(
        "b",
        &format!("git_commit: {old}\n**Git Commit**: {}", &old[..8]),
    );
    repo.commit("docs");
    let clone = repo.root.parent().unwrap().join("clone");
    let url = format!("file://{}", repo.root.display());
    git_in(
        repo.root.parent().unwrap(),
        &["clone", "-q", "--depth", "1", &url, clone.to_str().unwrap()],
    );
    let (code, json, stderr) = doccheck(&clone, &[]);
    assert!(codes(&json).is_empty(), "{json}");
    assert_eq!(code, 0);
    assert_eq!(stderr.matches("shallow clone").count(), 1, "{stderr}");
    // The body line repeats the frontmatter's commit: one fact, counted once.
    assert!(stderr.contains("2 cited commit(s)"), "{stderr}");
    assert!(stderr.contains("fetch-depth: 0"), "{stderr}");
}

#[test]
fn without_a_usable_repository_git_checks_are_skipped_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("thoughts/shared/research")).unwrap();
    std::fs::write(
        root.join("thoughts/shared/research/a.md"),
        research("git_commit: deadbee\n**Commit**: N/A"),
    )
    .unwrap();
    let (code, json, stderr) = doccheck(root, &[]);
    assert!(stderr.contains("not a Git repository"), "{stderr}");
    // The shape of a commit is checked without a repository.
    assert_eq!(codes(&json), ["DC205"]);
    assert_eq!(code, 1);
    let (code, _, stderr) = doccheck(root, &["--require-git"]);
    assert_eq!(code, 2, "{stderr}");
    let (_, json, stderr) = doccheck(root, &["--no-git"]);
    assert!(codes(&json).is_empty() && stderr.is_empty(), "{stderr}");

    // An empty repository has no commits to cite.
    git_in(root, &["init", "-q"]);
    let (_, _, stderr) = doccheck(root, &[]);
    assert!(stderr.contains("no commits yet"), "{stderr}");
}

#[test]
fn a_bare_repository_is_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("bare.git");
    std::fs::create_dir(&bare).unwrap();
    git_in(&bare, &["init", "-q", "--bare"]);
    std::fs::write(
        bare.join("notes.md"),
        "# Notes\n\n**Git Commit**: deadbee\n",
    )
    .unwrap();
    let (code, _, stderr) = doccheck(&bare, &[]);
    assert!(stderr.contains("bare repository"), "{stderr}");
    assert_eq!(code, 0);
}

#[test]
fn commit_values_that_are_not_shas() {
    let repo = Repo::new();
    let sha = repo.commit("first");
    repo.research("long", &format!("git_commit: {}", "a".repeat(41)));
    repo.research("word", "git_commit: current");
    repo.research("list", "git_commit: [abc1234]");
    repo.research("short", "git_commit: abc12");
    repo.research("number", "git_commit: 0123456");
    repo.research("empty-line", &format!("git_commit: {sha}\n**Git Commit**:"));
    repo.commit("docs");
    let (_, json, _) = doccheck(&repo.root, &[]);
    let findings = sorted_findings(&json);
    assert_eq!(
        findings,
        [
            "DC201 commit `0123456` in `git_commit` does not exist in this repository",
            "DC204 `abc12` in `git_commit` has 5 hex digits; at least 7 are required",
            "DC205 `Git Commit` must be a commit SHA (7 to 40 hex digits), found an empty value",
            "DC205 `git_commit` must be a commit SHA (7 to 40 hex digits), found 41 hex digits, more than a SHA-1 has",
            "DC205 `git_commit` must be a commit SHA (7 to 40 hex digits), found `current`",
            "DC205 `git_commit` must be a commit SHA (7 to 40 hex digits), found a list",
        ]
    );
}

#[test]
fn branches_must_exist() {
    let repo = Repo::new();
    let sha = repo.commit("first");
    repo.git(&["branch", "feature/data-versioning"]);
    repo.research(
        "ok",
        &format!("git_commit: {sha}\nbranch: feature/data-versioning"),
    );
    repo.research(
        "typo",
        &format!("git_commit: {sha}\nbranch: feature/data-versoning"),
    );
    repo.commit("docs");
    let (_, json, _) = doccheck(&repo.root, &[]);
    let findings = git_findings(&json);
    assert_eq!(codes(&json), ["DC207"]);
    assert!(findings[0].1.contains("feature/data-versoning"));
    let finding = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "DC207")
        .unwrap();
    let help = finding["help"].as_str().unwrap();
    assert_eq!(help, "did you mean `feature/data-versioning`?");
}

fn numbered(n: usize) -> String {
    (1..=n).map(|i| format!("line{i}\n")).collect()
}

#[test]
fn code_references_at_the_documents_commit_and_at_head() {
    let repo = Repo::new();
    repo.write("src/config.py", &numbered(300));
    repo.write("src/moved.py", &numbered(10));
    let old = repo.commit("v1");
    repo.write("src/config.py", &numbered(200));
    std::fs::remove_file(repo.root.join("src/moved.py")).unwrap();
    repo.commit("v2");
    let body = "| `src/config.py:183-243` | ok at v1, drifted at HEAD |\n\
                | `src/config.py:302` | past the end |\n\
                | `src/nope.py:1` | never existed |\n\
                See src/moved.py#L2-L3 and `src/config.py:1-10`, `src/config.py:250`.";
    repo.research(
        "old",
        &format!("git_commit: {old}\nstatus: in_progress\n{body}"),
    );
    // Dated after v2 by its name: written against the 200-line file.
    repo.write(
        "thoughts/shared/research/2099-01-01_10-00_head.md",
        "# No commit: references are checked where it was written\n\n`src/config.py:250`\n",
    );
    repo.commit("docs");
    let (_, json, _) = doccheck(&repo.root, &[]);
    let short = &old[..7];
    let findings = sorted_findings(&json);
    assert_eq!(
        findings,
        [
            "DC208 `src/config.py` has 200 lines at HEAD; the reference reaches line 250"
                .to_owned(),
            format!(
                "DC208 `src/config.py` has 300 lines at commit {short}; the reference reaches line 302"
            ),
            format!(
                "DC208 `src/nope.py` matches no file at commit {short}, at HEAD or anywhere in the history"
            ),
            format!(
                "DC209 `src/config.py` has only 200 lines at HEAD; at commit {short} it held lines 183-243, 250"
            ),
            format!(
                "DC209 `src/moved.py` no longer exists at HEAD; it did at commit {short} (line 2-3 cited)"
            ),
        ]
    );
    let drift = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "DC209")
        .unwrap();
    assert_eq!(
        (drift["line"].as_u64(), drift["column"].as_u64()),
        (Some(16), Some(4))
    );
}

/// `CODE message` of each code-reference finding (DC208, DC209, DC212),
/// infos included, sorted.
fn code_findings(dir: &Path) -> Vec<String> {
    let (_, json, _) = doccheck(dir, &["--select", "DC208,DC209,DC212", "--show-infos"]);
    let mut found = fields(&json, &["code", "severity", "message"]);
    found.sort();
    found
}

#[test]
fn a_partial_path_means_the_one_file_that_ends_that_way() {
    let repo = Repo::new();
    repo.write("src/preprocessing/extractor.py", &numbered(420));
    repo.write("web/src/lib/Sidebar.svelte", &numbered(240));
    repo.write("core/src/svm.rs", &numbered(900));
    repo.write("bindings/src/svm.rs", &numbered(200));
    repo.write("web/src/routes/[id]/+page.svelte", &numbered(30));
    repo.write("thoughts/shared/plans/helper.py", &numbered(5));
    let sha = repo.commit("code");
    repo.research(
        "bare",
        &format!(
            "git_commit: {sha}\nstatus: in_progress\n\
             `extractor.py:400`, `preprocessing/extractor.py:410-420`, `Sidebar.svelte:218`,\n\
             `svm.rs:850` (only one is that long), `svm.rs:20` (both are),\n\
             `+page.svelte:12`, `extractor.py:500` (too far)"
        ),
    );
    repo.write(
        "thoughts/shared/plans/2026-01-01_10-00_p.md",
        "# Plan\n\nThe helper next to this plan: `helper.py:3`.\n",
    );
    repo.commit("docs");
    let short = &sha[..7];
    assert_eq!(
        code_findings(&repo.root),
        [
            format!(
                "DC208 error `src/preprocessing/extractor.py` (from `extractor.py`) has 420 lines at commit {short}; the reference reaches line 500"
            ),
            "DC212 info `svm.rs` is ambiguous: `bindings/src/svm.rs`, `core/src/svm.rs`".to_owned(),
        ]
    );
}

#[test]
fn references_outside_the_repository_are_not_checked() {
    let repo = Repo::new();
    repo.write("src/app.py", &numbered(10));
    repo.commit("code");
    repo.write(
        "thoughts/shared/plans/2026-01-01_10-00_p.md",
        "# Plan\n\n\
         - torch: `.venv/lib/python3.11/site-packages/torch/nn/modules/module.py:1501`\n\
         - `~/.cargo/registry/src/index/bevy_ecs-0.18.0/src/hierarchy.rs:386`\n\
         - the library's own `hierarchy.rs:386-392` and `transformers/models/bert/modeling_bert.py:200`\n\
         - the service at `ranker.svc:8000`, the sibling `../other-repo/src/model.py:88`\n\
         - cite code as `path/to/file.py:123` or `file.ext:line`\n\
         - a typo of ours: `src/ap.py:3`, `apps.py:3`\n",
    );
    repo.commit("docs");
    assert_eq!(
        code_findings(&repo.root),
        [
            "DC208 error `apps.py` matches no file at HEAD or anywhere in the history",
            "DC208 error `src/ap.py` matches no file at HEAD or anywhere in the history",
        ]
    );
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC208"]);
    let helps: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["help"].as_str().unwrap())
        .collect();
    assert!(
        helps
            .iter()
            .all(|h| h.starts_with("did you mean `src/app.py`?")),
        "{helps:?}"
    );
}

#[test]
fn a_note_without_a_commit_is_read_against_the_code_it_was_written_with() {
    let repo = Repo::new();
    repo.write("src/units/ai.rs", &numbered(80));
    repo.write("src/combat.rs", &numbered(200));
    repo.write("src/cache.py", &numbered(400));
    repo.commit("code");
    // Written against the code before the change it was committed with.
    repo.write("src/cache.py", &numbered(250));
    repo.write(
        "thoughts/shared/plans/2026-01-01_10-00_review.md",
        "# Review\n\nThe dead cache path is at `cache.py:390`.\n",
    );
    repo.commit("review and fix");
    repo.write(
        "thoughts/shared/plans/2026-01-02_10-00_combat.md",
        "# Combat\n\n**Status**: In progress\n\n`src/combat.rs:150-180` and `src/units/ai.rs:20-77`.\n",
    );
    let written = repo.commit("combat plan");
    repo.write("src/combat.rs", &numbered(20));
    repo.git(&["mv", "src/units/ai.rs", "src/ai.rs"]);
    repo.commit("refactor");
    let short = &written[..7];
    let (_, json, _) = doccheck(&repo.root, &[]);
    assert_eq!(
        sorted_findings(&json)
            .iter()
            .filter(|f| f.starts_with("DC208"))
            .count(),
        0,
        "{json:#}"
    );
    let findings = code_findings(&repo.root);
    assert_eq!(findings.len(), 3, "{findings:#?}");
    // A plan that does not say it is still under way: its code has moved on,
    // as it should (information); the combat plan says it is in progress.
    assert!(
        findings[0].starts_with("DC209 info `src/cache.py` has only 250 lines at HEAD; at commit "),
        "{findings:#?}"
    );
    assert_eq!(
        findings[1..],
        [
            format!(
                "DC209 warning `src/combat.rs` has only 20 lines at HEAD; at commit {short} it held line 150-180"
            ),
            format!(
                "DC209 warning `src/units/ai.rs` has moved since commit {short}: it is now `src/ai.rs` (line 20-77 cited)"
            ),
        ]
    );
}

#[test]
fn a_file_committed_after_the_cited_commit_is_checked_at_head() {
    let repo = Repo::new();
    repo.write("README.md", "x\n");
    let before = repo.commit("start");
    repo.write("src/new_module.py", &numbered(50));
    repo.commit("the work the note describes");
    repo.research(
        "ahead",
        &format!("git_commit: {before}\n`src/new_module.py:10-40`"),
    );
    repo.commit("docs");
    assert_eq!(code_findings(&repo.root), Vec::<String>::new());
}

#[test]
fn drift_in_a_finished_document_is_information() {
    let repo = Repo::new();
    repo.write("src/a.py", &numbered(100));
    let old = repo.commit("v1");
    repo.write("src/a.py", &numbered(10));
    repo.commit("v2");
    repo.research(
        "done",
        &format!("git_commit: {old}\nstatus: complete\n`src/a.py:50` and `src/a.py:60-70`"),
    );
    repo.commit("docs");
    let short = &old[..7];
    assert_eq!(
        code_findings(&repo.root),
        [format!(
            "DC209 info `src/a.py` has only 10 lines at HEAD; at commit {short} it held lines 50, 60-70"
        )]
    );
}

#[test]
fn dates_against_history() {
    let repo = Repo::new();
    let sha = repo.commit("first");
    repo.research(
        "stale",
        &format!("git_commit: {sha}\ndate: 2000-01-01T00:00:00Z\nlast_updated: 2000-01-02"),
    );
    repo.research("fresh", &format!("git_commit: {sha}"));
    repo.commit("docs");
    repo.research(
        "stale",
        &format!("git_commit: {sha}\ndate: 2000-01-01T00:00:00Z\nlast_updated: 2000-01-02\nA finding added later."),
    );
    repo.commit("docs edited");
    let (_, json, _) = doccheck(&repo.root, &[]);
    let mut found = codes(&json);
    found.sort();
    assert_eq!(found, ["DC210", "DC211"]);
}

#[test]
fn commits_can_live_in_another_repository() {
    let code = Repo::new();
    let sha = code.commit("code");
    let notes = tempfile::tempdir().unwrap();
    let root = notes.path();
    git_in(root, &["init", "-q"]);
    std::fs::write(
        root.join(".doccheck.toml"),
        format!("[git]\nrepository = \"{}\"\n", code.root.display()),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("thoughts/shared/research")).unwrap();
    std::fs::write(
        root.join("thoughts/shared/research/a.md"),
        research(&format!("git_commit: {sha}")),
    )
    .unwrap();
    git_in(root, &["add", "-A"]);
    git_in(root, &["commit", "-q", "-m", "notes"]);
    let (_, json, stderr) = doccheck(root, &[]);
    assert!(codes(&json).is_empty(), "{json} {stderr}");
}

#[test]
fn a_linked_worktree_works() {
    let repo = Repo::new();
    let sha = repo.commit("first");
    repo.research("a", &format!("git_commit: {sha}\n**Git Commit**: deadbee"));
    repo.commit("docs");
    let wt = repo.root.parent().unwrap().join("wt");
    repo.git(&["worktree", "add", "-q", wt.to_str().unwrap(), "-b", "wt"]);
    let (_, json, _) = doccheck(&wt, &[]);
    assert_eq!(codes(&json), ["DC201"]);
}

#[test]
fn missing_or_corrupt_packs_never_crash() {
    let repo = Repo::new();
    let sha = repo.commit("first");
    repo.research("a", &format!("git_commit: {sha}"));
    repo.commit("docs");
    // `repack`, not `gc`: gc also prunes and packs refs, and under load it
    // can fail on a lock it takes.
    repo.git(&["repack", "-a", "-d", "-q"]);
    let pack_dir = repo.root.join(".git/objects/pack");
    let packs: Vec<PathBuf> = std::fs::read_dir(&pack_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pack"))
        .collect();
    assert!(!packs.is_empty());
    // Corrupt: keep the index, truncate the pack.
    for pack in &packs {
        std::fs::write(pack, b"PACK garbage").unwrap();
    }
    let (code, _, stderr) = doccheck(&repo.root, &[]);
    assert!(code == 0 || code == 1 || code == 2, "exit {code}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Missing: no packs at all.
    for entry in std::fs::read_dir(&pack_dir).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let (code, _, stderr) = doccheck(&repo.root, &[]);
    assert!(code == 0 || code == 1 || code == 2, "exit {code}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_reference_whose_target_changed_later_is_suspect() {
    let repo = Repo::new();
    let sha = repo.commit("first");
    repo.research("r", &format!("git_commit: {sha}"));
    let plan = research(&format!(
        "git_commit: {sha}\nrelated_research: thoughts/shared/research/r.md"
    ));
    repo.write("thoughts/shared/plans/p.md", &plan);
    repo.commit("research and plan");
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC407", "--show-infos"]);
    assert!(json["diagnostics"].as_array().unwrap().is_empty(), "{json}");

    // The research changes one second later (commit times have second
    // resolution): the plan now rests on a version it never saw.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    repo.research("r", &format!("git_commit: {sha}\n\nNew findings."));
    repo.commit("research changes");
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC407", "--show-infos"]);
    let found = &json["diagnostics"][0];
    assert_eq!(found["code"], "DC407", "{json}");
    assert!(found["path"].as_str().unwrap().ends_with("plans/p.md"));

    // Reviewing the plan (a later commit of it) clears the finding, and the
    // files themselves were never touched by doccheck.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    repo.write(
        "thoughts/shared/plans/p.md",
        &format!("{plan}\nReviewed against the new findings.\n"),
    );
    repo.commit("plan reviewed");
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC407", "--show-infos"]);
    assert!(json["diagnostics"].as_array().unwrap().is_empty(), "{json}");
}

#[test]
fn a_document_not_committed_yet_has_no_history_to_be_stale_against() {
    let repo = Repo::new();
    let sha = repo.commit("first");
    repo.research(
        "old",
        &format!("git_commit: {sha}\ndate: 2000-01-01T00:00:00Z\nlast_updated: 2000-01-02"),
    );
    repo.commit("old note");
    repo.research(
        "old",
        &format!(
            "git_commit: {sha}\ndate: 2000-01-01T00:00:00Z\nlast_updated: 2000-01-02\nEdited."
        ),
    );
    repo.commit("old note edited");
    // Written but not committed: the history knows nothing of it.
    repo.research(
        "new",
        &format!("git_commit: {sha}\ndate: 2000-01-01T00:00:00Z\nlast_updated: 2000-01-02"),
    );
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC210"]);
    let stale: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(stale, ["thoughts/shared/research/old.md"]);
}

#[test]
fn run_configs_and_bold_field_experiments_cite_commits_too() {
    let repo = Repo::new();
    repo.write("src/a.py", "x = 1\n");
    let sha = repo.commit("code");
    let short = &sha[..7];
    repo.write(
        "runs/20251212_151708_baseline/run_config.yaml",
        &format!("name: baseline\ndata_version: {short}\ngit_commit: deadbee\n"),
    );
    repo.write(
        "experiments/exp-1.md",
        &format!(
            "# Exp\n\n**Experiment ID**: exp-1\n**Code Version**:\n- Commit SHA: {short}\n\n**Git Commit**: `cafebabe`\n"
        ),
    );
    repo.commit("docs");
    let (_, json, _) = doccheck(&repo.root, &[]);
    assert_eq!(
        sorted_findings(&json),
        [
            "DC201 commit `cafebabe` in `Git Commit` does not exist in this repository",
            "DC201 commit `deadbee` in `git_commit` does not exist in this repository",
        ]
    );
}

/// Every finding's `CODE path`, sorted.
fn all_findings(json: &Value) -> Vec<String> {
    let mut found = fields(json, &["code", "path"]);
    found.sort();
    found
}

/// A decision record that cites the gated config and says why it changed.
const EXPLAINING_ADR: &str = "# Lower the learning rate\n\n## Decision\n\nUse 3e-4 (`configs/train.yaml:1`).\n\n\
     ## Rationale\n\nLoss diverged at 1e-3.\n\n## Alternatives Considered\n\nWarmup: rejected because it only delayed the divergence.\n";

/// A repository whose `main` has a training config under the gate, and a
/// `feature` branch checked out on top of it.
fn gated_repo() -> (Repo, String) {
    let repo = Repo::new();
    repo.write(
        ".doccheck.toml",
        "[gate]\nrequire-rationale = [\"configs/**\"]\n[rules]\nDC405 = \"off\"\nDC403 = \"off\"\n",
    );
    repo.write("configs/train.yaml", "lr: 0.001\n");
    repo.write("src/train.py", "print('train')\n");
    let base = repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    (repo, base)
}

#[test]
fn the_gate_blocks_an_unexplained_config_change_until_a_plan_explains_it() {
    let (repo, base) = gated_repo();
    repo.write("configs/train.yaml", "lr: 0.0003\n");
    repo.write("src/train.py", "print('train v2')\n");
    repo.commit("lower the learning rate");
    let (code, json, _) = doccheck(&repo.root, &["--base", "main"]);
    assert_eq!(code, 1);
    assert_eq!(all_findings(&json), ["DC601 configs/train.yaml"]);

    // A plan that links the config but gives no rationale does not count.
    let plan = "thoughts/shared/plans/2099-01-01_00-00_lower-lr.md";
    let link = "Changes [the training config](../../../configs/train.yaml).";
    repo.write(plan, &research(&format!("git_commit: {base}\n{link}")));
    repo.commit("plan without rationale");
    let (code, json, _) = doccheck(&repo.root, &["--base", "main"]);
    assert_eq!(
        (code, all_findings(&json)),
        (1, vec!["DC601 configs/train.yaml".to_owned()])
    );

    repo.write(
        plan,
        &research(&format!(
            "git_commit: {base}\n{link}\n\n## Rationale\n\nLoss diverged after epoch 3 at 0.001."
        )),
    );
    repo.commit("plan with rationale");
    let (code, json, stderr) = doccheck(&repo.root, &["--base", "main"]);
    assert_eq!(all_findings(&json), Vec::<String>::new(), "{stderr}");
    assert_eq!(code, 0);
}

#[test]
fn a_code_reference_explains_a_change_too_and_other_paths_need_nothing() {
    let (repo, base) = gated_repo();
    repo.write("configs/train.yaml", "lr: 0.0003\nepochs: 3\n");
    repo.write("docs/adr/0001-lower-lr.md", EXPLAINING_ADR);
    repo.commit("decision");
    let (code, json, _) = doccheck(&repo.root, &["--base", &base]);
    assert_eq!((code, all_findings(&json)), (0, Vec::new()));
    // A change outside the gated paths needs no document.
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["checkout", "-q", "-b", "code-only"]);
    repo.write("src/train.py", "print('v3')\n");
    repo.commit("code");
    let (code, json, _) = doccheck(&repo.root, &["--base", "main"]);
    assert_eq!((code, all_findings(&json)), (0, Vec::new()));
}

#[test]
fn base_reports_changed_documents_their_neighbours_and_links_to_deleted_files() {
    let repo = Repo::new();
    repo.write(
        ".doccheck.toml",
        "[rules]\nDC405 = \"off\"\nDC403 = \"off\"\n",
    );
    repo.write("docs/old-broken.md", "[gone](nowhere.md)\n");
    repo.write("docs/guide.md", "# Guide\n\nSee [the notes](notes.md).\n");
    repo.write("docs/notes.md", "# Notes\n");
    repo.write("docs/untouched.md", "# Untouched\n");
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("docs/new.md", "[missing](missing.md)\n");
    std::fs::remove_file(repo.root.join("docs/notes.md")).unwrap();
    repo.commit("change");
    let (code, json, stderr) = doccheck(&repo.root, &["--base", "main"]);
    assert_eq!(code, 1);
    // `old-broken.md` is broken too, but the change did not touch it.
    assert_eq!(
        all_findings(&json),
        ["DC301 docs/guide.md", "DC301 docs/new.md"],
        "{stderr}"
    );
    assert!(stderr.contains("--base: 2 changed file(s)"), "{stderr}");
}

#[test]
fn a_detached_head_is_compared_like_a_branch() {
    let (repo, _) = gated_repo();
    repo.write("configs/train.yaml", "lr: 0.0003\n");
    repo.commit("change");
    repo.git(&["checkout", "-q", "--detach"]);
    let (code, json, _) = doccheck(&repo.root, &["--base", "main"]);
    assert_eq!(
        (code, all_findings(&json)),
        (1, vec!["DC601 configs/train.yaml".to_owned()])
    );
}

#[test]
fn a_base_that_cannot_be_compared_is_an_error_never_a_pass() {
    let (repo, _) = gated_repo();
    repo.write("configs/train.yaml", "lr: 0.0003\n");
    repo.commit("change");
    let (code, _, stderr) = doccheck(&repo.root, &["--base", "origin/main"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unknown revision `origin/main`"),
        "{stderr}"
    );

    repo.git(&["checkout", "-q", "--orphan", "unrelated"]);
    repo.commit("unrelated history");
    let (code, _, stderr) = doccheck(&repo.root, &["--base", "main"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no common history"), "{stderr}");

    let plain = tempfile::tempdir().unwrap();
    std::fs::write(plain.path().join(".doccheck.toml"), "").unwrap();
    let (code, _, stderr) = doccheck(plain.path(), &["--base", "main"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--base needs a Git history"), "{stderr}");
}

/// `(line, column)` of each finding, in output order.
fn positions(json: &Value) -> Vec<(u64, u64)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect()
}

/// A repository where every document kind's graph rules are quiet, with
/// one committed note and a guide linking to its `#method` heading.
fn staged_repo() -> Repo {
    let repo = Repo::new();
    repo.write(
        ".doccheck.toml",
        "[rules]\nDC405 = \"off\"\nDC403 = \"off\"\n",
    );
    repo.write("docs/notes.md", "# Notes\n\n## Method\n\nText.\n");
    repo.write(
        "docs/guide.md",
        "# Guide\n\nSee [the method](notes.md#method).\n",
    );
    repo.commit("base");
    repo
}

#[test]
fn staged_checks_what_is_committed_not_the_working_tree() {
    let repo = staged_repo();
    // A broken copy is staged; the working tree has been fixed since.
    repo.write("docs/new.md", "# New\n\n\nSee [it](missing.md).\n");
    repo.git(&["add", "docs/new.md"]);
    repo.write("docs/new.md", "# New\n\nSee [it](notes.md).\n");
    let (code, json, stderr) = doccheck(&repo.root, &["--staged"]);
    assert_eq!(
        (code, all_findings(&json)),
        (1, vec!["DC301 docs/new.md".to_owned()]),
        "{stderr}"
    );
    // The position is in the staged text (line 4), not the working tree's.
    assert_eq!(positions(&json), [(4, 10)]);

    // The reverse: a good copy staged, a broken one in the working tree.
    repo.git(&["add", "docs/new.md"]);
    repo.write("docs/new.md", "See [it](missing.md).\n");
    let (code, json, stderr) = doccheck(&repo.root, &["--staged"]);
    assert_eq!((code, all_findings(&json)), (0, Vec::new()), "{stderr}");
    assert!(
        stderr.contains("--staged: 1 staged and 0 deleted file(s); 1 document(s) staged"),
        "{stderr}"
    );
}

#[test]
fn staged_deletions_renames_and_headings_break_other_documents_links() {
    let repo = staged_repo();
    repo.write("docs/untouched.md", "# Untouched\n\n[gone](nowhere.md)\n");
    repo.commit("a document that was broken already");

    // A rename: the guide still links the old path, which the index lacks
    // although the working tree (not yet cleaned) still has it.
    repo.git(&["mv", "docs/notes.md", "docs/method.md"]);
    repo.write("docs/notes.md", "# Notes\n\n## Method\n");
    let (code, json, stderr) = doccheck(&repo.root, &["--staged"]);
    assert_eq!(code, 1, "{stderr}");
    // `untouched.md` is broken too, but not by this commit.
    assert_eq!(all_findings(&json), ["DC301 docs/guide.md"]);
    repo.git(&["reset", "-q", "--hard"]);

    // A renamed heading breaks the guide's `#method` fragment.
    repo.write("docs/notes.md", "# Notes\n\n## Approach\n\nText.\n");
    repo.git(&["add", "docs/notes.md"]);
    let (code, json, stderr) = doccheck(&repo.root, &["--staged"]);
    assert_eq!(
        (code, all_findings(&json)),
        (1, vec!["DC304 docs/guide.md".to_owned()]),
        "{stderr}"
    );

    // Fixing the guide in the same commit passes.
    repo.write(
        "docs/guide.md",
        "# Guide\n\nSee [the approach](notes.md#approach).\n",
    );
    repo.git(&["add", "docs/guide.md"]);
    let (code, json, stderr) = doccheck(&repo.root, &["--staged"]);
    assert_eq!((code, all_findings(&json)), (0, Vec::new()), "{stderr}");
}

/// The index is compared with HEAD folder by folder, skipping the folders
/// whose cached tree is HEAD's: what is staged in a folder among untouched
/// ones is found, and a cached tree that is valid but not HEAD's (after
/// `reset --soft`) vouches for nothing.
#[test]
fn staged_compares_the_index_with_head_where_its_cached_trees_differ() {
    let repo = staged_repo();
    repo.write("docs/deep/a.md", "# A\n\nSee [the guide](../guide.md).\n");
    repo.write("docs/deep/b.md", "# B\n\nSee [a](a.md).\n");
    repo.write("other/c.md", "# C\n\nSee [a](../docs/deep/a.md).\n");
    repo.write("other/d.md", "# D\n");
    repo.commit("more documents");
    // `git add` of each file rewrites the index with the cached trees of
    // the untouched folders (`other/`) still valid.
    repo.git(&["rm", "-q", "docs/deep/b.md"]);
    repo.write("docs/deep/e.md", "# E\n\nSee [nothing](missing.md).\n");
    repo.git(&["add", "docs/deep/e.md"]);
    let (code, json, stderr) = doccheck(&repo.root, &["--staged"]);
    assert_eq!(
        (code, all_findings(&json)),
        (1, vec!["DC301 docs/deep/e.md".to_owned()]),
        "{stderr}"
    );
    assert!(
        stderr.contains("--staged: 1 staged and 1 deleted file(s)"),
        "{stderr}"
    );
    repo.git(&["commit", "-q", "-m", "e instead of b"]);

    // The index still holds the last commit's trees, all valid and none
    // HEAD's own once HEAD moves back.
    repo.git(&["reset", "-q", "--soft", "HEAD~1"]);
    let (code, json, stderr) = doccheck(&repo.root, &["--staged"]);
    assert_eq!(
        (code, all_findings(&json)),
        (1, vec!["DC301 docs/deep/e.md".to_owned()]),
        "{stderr}"
    );
    assert!(
        stderr.contains("--staged: 1 staged and 1 deleted file(s)"),
        "{stderr}"
    );

    // Deleting a linked document in the untouched folder breaks `c`.
    repo.git(&["reset", "-q", "--hard", "HEAD@{1}"]);
    repo.git(&["rm", "-q", "docs/deep/a.md"]);
    let (code, json, stderr) = doccheck(&repo.root, &["--staged"]);
    assert_eq!(
        (code, all_findings(&json)),
        (1, vec!["DC301 other/c.md".to_owned()]),
        "{stderr}"
    );
    assert!(
        stderr.contains("--staged: 0 staged and 1 deleted file(s)"),
        "{stderr}"
    );
}

/// A project in a folder of the repository reads only its part of the
/// index, and a link to a file the index has in another letter case says
/// what the full check says.
#[test]
fn staged_reads_the_projects_part_of_the_index() {
    let repo = Repo::new();
    repo.write(
        "site/.doccheck.toml",
        "[rules]\nDC405 = \"off\"\nDC403 = \"off\"\n",
    );
    repo.write("site/docs/notes.md", "# Notes\n");
    repo.write("site/docs/data.csv", "a,b\n");
    repo.write("elsewhere/old.md", "# Old\n");
    repo.write("elsewhere/kept.md", "# Kept\n");
    repo.commit("base");
    let site = repo.root.join("site");
    // Outside the project: not this project's commit.
    repo.git(&["rm", "-q", "elsewhere/old.md"]);
    repo.write("elsewhere/new.md", "# New\n\n[x](missing.md)\n");
    repo.git(&["add", "elsewhere/new.md"]);
    let (code, json, stderr) = doccheck(&site, &["--staged"]);
    assert_eq!((code, all_findings(&json)), (0, Vec::new()), "{stderr}");
    assert!(
        stderr.contains("--staged: 0 staged and 0 deleted file(s)"),
        "{stderr}"
    );

    repo.write(
        "site/docs/guide.md",
        "# Guide\n\n[data](DATA.csv) and [notes](notes.md)\n",
    );
    repo.git(&["add", "site/docs/guide.md"]);
    let (code, staged, stderr) = doccheck(&site, &["--staged"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("--staged: 1 staged and 0 deleted file(s)"),
        "{stderr}"
    );
    let (_, full, _) = doccheck(&site, &[]);
    let messages = |json: &Value| -> Vec<String> {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"] == "site/docs/guide.md")
            .map(|d| format!("{} {} {}", d["code"], d["message"], d["help"]))
            .collect()
    };
    assert_eq!(messages(&staged).len(), 1, "{staged}");
    assert!(messages(&staged)[0].contains("data.csv"), "{staged}");
    assert_eq!(messages(&staged), messages(&full));
}

#[test]
fn staged_references_by_id_and_duplicate_ids_see_the_whole_index() {
    let repo = Repo::new();
    let experiment = |id: &str, parent: &str| {
        format!("---\nexperiment_id: {id}\nparent: {parent}\n---\n\n# Experiment {id}\n")
    };
    repo.write(
        ".doccheck.toml",
        "[rules]\nDC405 = \"off\"\n[kinds.exp]\npaths = [\"exps/*.md\"]\nschema = \"exp.schema.json\"\n",
    );
    repo.write(
        "exp.schema.json",
        r#"{"type": "object", "properties": {
            "experiment_id": {"type": "string", "format": "doc-id"},
            "parent": {"type": "string", "format": "doc-ref"}}}"#,
    );
    repo.write("exps/a.md", &experiment("exp-001", "exp-000"));
    repo.write("exps/root.md", &experiment("exp-000", "none"));
    repo.commit("base");
    // The new experiment cites its parent by id, a file never staged.
    repo.write("exps/b.md", &experiment("exp-002", "exp-001"));
    repo.git(&["add", "exps/b.md"]);
    let (code, json, stderr) = doccheck(&repo.root, &["--staged"]);
    assert_eq!((code, all_findings(&json)), (0, Vec::new()), "{stderr}");
    // Reusing an id that an unstaged document has is a clash.
    repo.write("exps/b.md", &experiment("exp-001", "exp-000"));
    repo.git(&["add", "exps/b.md"]);
    let (code, json, stderr) = doccheck(&repo.root, &["--staged"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(all_findings(&json), ["DC408 exps/b.md"]);
}

#[test]
fn staged_applies_the_rationale_gate() {
    let (repo, _) = gated_repo();
    repo.write("configs/train.yaml", "lr: 0.0003\n");
    repo.git(&["add", "configs/train.yaml"]);
    let (code, json, _) = doccheck(&repo.root, &["--staged"]);
    assert_eq!(
        (code, all_findings(&json)),
        (1, vec!["DC601 configs/train.yaml".to_owned()])
    );
    repo.write("docs/adr/0001-lower-lr.md", EXPLAINING_ADR);
    repo.git(&["add", "docs"]);
    let (code, json, stderr) = doccheck(&repo.root, &["--staged"]);
    assert_eq!((code, all_findings(&json)), (0, Vec::new()), "{stderr}");
}

#[test]
fn staged_works_before_the_first_commit() {
    let repo = Repo::new();
    repo.write("docs/a.md", "# A\n\n[b](b.md)\n");
    repo.git(&["add", "docs/a.md"]);
    let (code, json, stderr) = doccheck(&repo.root, &["--staged", "--select", "DC3"]);
    // `b.md` is not in the index.
    assert_eq!(
        (code, all_findings(&json)),
        (1, vec!["DC301 docs/a.md".to_owned()]),
        "{stderr}"
    );
}

#[test]
fn staged_cannot_check_a_conflicted_index_or_outside_a_repository() {
    let repo = staged_repo();
    repo.git(&["checkout", "-q", "-b", "other"]);
    repo.write("docs/notes.md", "# Notes\n\n## Method, theirs\n");
    repo.commit("theirs");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("docs/notes.md", "# Notes\n\n## Method, ours\n");
    repo.commit("ours");
    let merge = git_command(&repo.root)
        .args(["merge", "-q", "other"])
        .output()
        .unwrap();
    assert!(!merge.status.success(), "the merge must conflict");
    let (code, json, stderr) = doccheck(&repo.root, &["--staged"]);
    assert_eq!((code, json), (2, Value::Null));
    assert!(
        stderr.contains("--staged: the index has unresolved conflicts in docs/notes.md"),
        "{stderr}"
    );

    let plain = tempfile::tempdir().unwrap();
    std::fs::write(plain.path().join(".doccheck.toml"), "").unwrap();
    let (code, _, stderr) = doccheck(plain.path(), &["--staged"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--staged: not inside a Git repository"),
        "{stderr}"
    );
}

#[test]
fn the_installed_hook_blocks_a_commit_with_a_broken_staged_document() {
    let repo = staged_repo();
    let (code, stdout, _) = run_doccheck(&repo.root, &["hook", "install"], &[]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("installed the pre-commit hook"),
        "{stdout}"
    );
    let (code, stdout, _) = run_doccheck(&repo.root, &["hook", "install"], &[]);
    assert_eq!(code, 0);
    assert!(stdout.contains("is up to date"), "{stdout}");

    // The hook runs the doccheck that installed it (not on PATH here).
    repo.write("docs/new.md", "# New\n\n[it](missing.md)\n");
    repo.git(&["add", "docs/new.md"]);
    let commit = |dir: &Path| {
        git_command(dir)
            .args(["commit", "-q", "-m", "new"])
            .env("PATH", "/usr/bin:/bin")
            .output()
            .unwrap()
    };
    let out = commit(&repo.root);
    assert!(!out.status.success(), "the hook let a broken link in");
    // Git sends a hook's output to standard error.
    assert!(String::from_utf8_lossy(&out.stderr).contains("DC301"));
    repo.write("docs/new.md", "# New\n\n[it](notes.md)\n");
    repo.git(&["add", "docs/new.md"]);
    let out = commit(&repo.root);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn hook_install_never_replaces_a_foreign_hook_without_force() {
    let repo = Repo::new();
    let hook = repo.root.join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(&hook, "#!/bin/sh\necho mine\n").unwrap();
    let (code, _, stderr) = run_doccheck(&repo.root, &["hook", "install"], &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("was not written by doccheck"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&hook).unwrap(),
        "#!/bin/sh\necho mine\n"
    );

    let (code, stdout, _) = run_doccheck(&repo.root, &["hook", "install", "--force"], &[]);
    assert_eq!(code, 0);
    assert!(stdout.contains("kept as"), "{stdout}");
    assert!(
        std::fs::read_to_string(&hook)
            .unwrap()
            .contains("check --staged")
    );
    assert_eq!(
        std::fs::read_to_string(repo.root.join(".git/hooks/pre-commit.doccheck-backup")).unwrap(),
        "#!/bin/sh\necho mine\n"
    );
}

#[test]
fn hook_install_follows_core_hooks_path_and_linked_worktrees() {
    let repo = Repo::new();
    repo.commit("base");
    repo.git(&["config", "core.hooksPath", ".githooks"]);
    let (code, stdout, stderr) = run_doccheck(&repo.root, &["hook", "install"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(".githooks"), "{stdout}");
    assert!(repo.root.join(".githooks/pre-commit").is_file());
    assert!(!repo.root.join(".git/hooks/pre-commit").exists());

    // A linked worktree shares the main repository's hooks.
    repo.git(&["config", "--unset", "core.hooksPath"]);
    let linked = repo.root.parent().unwrap().join("linked");
    repo.git(&["worktree", "add", "-q", linked.to_str().unwrap()]);
    let (code, _, stderr) = run_doccheck(&linked, &["hook", "install"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(repo.root.join(".git/hooks/pre-commit").is_file());
}

#[test]
fn github_annotations_put_the_lines_a_change_wrote_first() {
    let repo = Repo::new();
    repo.write(".doccheck.toml", "[rules]\nDC405 = \"off\"\n");
    repo.write("docs/a.md", "# A\n\n[old](gone-before.md)\n\nText.\n");
    repo.write("docs/z.md", "# Z\n\n[old](also-gone.md)\n");
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write(
        "docs/a.md",
        "# A\n\n[old](gone-before.md)\n\nText.\n\n[new](gone-now.md)\n",
    );
    repo.write("docs/b.md", "# B\n\n[new](missing.md)\n");
    repo.write("docs/z.md", "# Z\n\n[old](also-gone.md)\n\nMore.\n");
    repo.commit("change");
    let out = Command::new(env!("CARGO_BIN_EXE_doccheck"))
        .args(["check", "--base", "main", "--output-format", "github"])
        .current_dir(&repo.root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let order: Vec<&str> = stdout
        .lines()
        .map(|l| {
            let file = l.split("file=").nth(1).unwrap();
            &file[..file.find(",col=").unwrap()]
        })
        .collect();
    assert_eq!(
        order,
        [
            "docs/a.md,line=7",
            "docs/b.md,line=3",
            "docs/a.md,line=3",
            "docs/z.md,line=3"
        ],
        "{stdout}"
    );
}

fn run_doccheck(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_doccheck"));
    command
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env_remove("RESEARCHER_NAME");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn meta_prints_the_metadata_block_from_git() {
    let repo = Repo::new();
    let head = repo.commit("first");
    repo.git(&["config", "user.name", "Dana \"DL\" Lee"]);
    let (code, yaml, stderr) = run_doccheck(&repo.root, &["meta"], &[]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = yaml.lines().collect();
    assert!(
        regex_like_iso(
            lines[0]
                .trim_start_matches("date: \"")
                .trim_end_matches('"')
        ),
        "{yaml}"
    );
    assert_eq!(
        lines[1..],
        [
            "researcher: \"Dana \\\"DL\\\" Lee\"".to_owned(),
            format!("git_commit: \"{}\"", &head[..7]),
            format!("git_commit_full: \"{head}\""),
            "branch: \"main\"".to_owned(),
            "repository: \"repo\"".to_owned(),
        ]
    );
    let (_, json, _) = run_doccheck(
        &repo.root,
        &["meta", "--format", "json"],
        &[("RESEARCHER_NAME", "custom")],
    );
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["researcher"], "custom");
    assert_eq!(json["git_commit_full"], head.as_str());

    let plain = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run_doccheck(plain.path(), &["meta"], &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("is not inside a Git repository"),
        "{stderr}"
    );
}

/// `2025-12-12T15:17:08-06:00` or `…+00:00`.
fn regex_like_iso(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 25
        && b[4] == b'-'
        && b[10] == b'T'
        && (b[19] == b'+' || b[19] == b'-')
        && b[22] == b':'
}

#[test]
fn new_documents_check_clean_apart_from_their_placeholders() {
    let repo = Repo::new();
    repo.commit("first");
    repo.git(&["config", "user.name", "Dana"]);
    let mut created = Vec::new();
    for args in [
        vec!["new", "research", "Data versioning: DVC vs. Git-LFS"],
        vec!["new", "session", "Sentiment analysis"],
        vec!["new", "experiment", "XGBoost baseline"],
        vec!["new", "decision", "Store run configs"],
    ] {
        let (code, stdout, stderr) = run_doccheck(&repo.root, &args, &[]);
        assert_eq!(code, 0, "{stderr}");
        created.push(stdout.trim().to_owned());
    }
    let research = created[0].clone();
    for args in [
        vec!["new", "plan", "Adopt DVC", "--related", &research],
        vec!["new", "decision", "Version data with DVC"],
    ] {
        let (code, stdout, stderr) = run_doccheck(&repo.root, &args, &[]);
        assert_eq!(code, 0, "{stderr}");
        created.push(stdout.trim().to_owned());
    }
    assert!(
        research.starts_with("thoughts/shared/research/")
            && research.ends_with("_data-versioning-dvc-vs-git-lfs.md"),
        "{research}"
    );
    assert_eq!(created[2], "experiments/exp-001-xgboost-baseline.md");
    assert_eq!(created[3], "adr/0001-store-run-configs.md");
    assert_eq!(created[5], "adr/0002-version-data-with-dvc.md");
    let plan = std::fs::read_to_string(repo.root.join(&created[4])).unwrap();
    assert!(
        plan.contains(&format!("related_research: \"{research}\"")),
        "{plan}"
    );
    repo.commit("documents");
    let (code, json, stderr) = doccheck(&repo.root, &[]);
    let codes: std::collections::BTreeSet<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes.into_iter().collect::<Vec<_>>(), ["DC507"], "{stderr}");
    // DC405: nothing links the new documents yet, which is information:
    // counted, not printed.
    assert_eq!(json["summary"]["infos"], 4, "{json}");
    assert_eq!(code, 1);
}

#[test]
fn new_refuses_bad_input_and_never_overwrites() {
    let repo = Repo::new();
    repo.commit("first");
    let (code, _, stderr) = run_doccheck(&repo.root, &["new", "memo", "x"], &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unknown kind `memo`; the kinds are: research"),
        "{stderr}"
    );
    let (code, _, stderr) = run_doccheck(&repo.root, &["new", "activity", "x"], &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not created one per topic"), "{stderr}");

    // Slashes, dots, unicode and emoji: a safe name inside the kind's folder.
    let (code, stdout, stderr) = run_doccheck(
        &repo.root,
        &["new", "session", "../../Évaluation/🚀 v2"],
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    let path = stdout.trim();
    assert!(path.starts_with("docs/sessions/"), "{path}");
    assert!(path.ends_with("-évaluation-v2.md"), "{path}");
    assert!(repo.root.join(path).is_file());
    std::fs::write(repo.root.join(path), "edited\n").unwrap();
    let (code, _, stderr) = run_doccheck(
        &repo.root,
        &["new", "session", "../../Évaluation/🚀 v2"],
        &[],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(std::fs::read(repo.root.join(path)).unwrap(), b"edited\n");

    // A file where the kind's folder should be: a clear error, no panic.
    repo.write("experiments", "not a folder\n");
    let (code, _, stderr) = run_doccheck(&repo.root, &["new", "experiment", "x"], &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot create"), "{stderr}");
    let plain = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run_doccheck(plain.path(), &["new", "research", "x"], &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not inside a Git repository"), "{stderr}");
}

#[test]
fn a_project_template_replaces_the_built_in_one() {
    let repo = Repo::new();
    repo.commit("first");
    repo.write(
        "templates/session.md",
        "# {{topic}}\n\n**Date:** {{day}}\n**Objective:** ship {{topic}} by {{branch}}\n",
    );
    let (code, stdout, stderr) = run_doccheck(&repo.root, &["new", "session", "Release"], &[]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(repo.root.join(stdout.trim())).unwrap();
    assert!(text.starts_with("# Release\n\n**Date:** "), "{text}");
    assert!(
        text.ends_with("**Objective:** ship Release by main\n"),
        "{text}"
    );
}

/// A research note drifted the way real ones do: an aliased key holding a
/// SHA YAML reads as a number, a misspelled status, a stale date.
const DRIFTED: &str = "---\ndate: 2024-01-08T10:00:00Z\nresearcher: t\ncommit: 1234567\nbranch: main\nrepository: r\ntopic: \"Drift\"   # kept\ntags: [a]\nstatus: completed\nlast_updated: \"2020-01-01\"\nlast_updated_by: t\n---\n\n# Drift\n\nBody   with  odd   spacing.\r\n";

#[test]
fn fix_repairs_drifted_metadata_and_keeps_every_other_byte() {
    let repo = Repo::new();
    repo.write(
        ".doccheck.toml",
        "[rules]\nDC405 = \"off\"\nDC201 = \"off\"\n",
    );
    let path = "thoughts/shared/research/2024-01-08_10-00_drift.md";
    repo.write(path, &DRIFTED.replace("odd   spacing", "odd"));
    repo.commit_at("drifted note", "2024-01-08T10:00:00+00:00");
    // The edit that matters: a day the author's clock says, though UTC
    // is still on the day before.
    repo.write(path, DRIFTED);
    repo.commit_at("drifted note edited", "2024-02-03T00:30:00+01:00");
    let read = || std::fs::read_to_string(repo.root.join(path)).unwrap();

    let (_, json, _) = doccheck(&repo.root, &["--select", "DC210"]);
    let stale = &json["diagnostics"][0];
    assert!(
        stale["message"]
            .as_str()
            .unwrap()
            .starts_with("`last_updated` says 2020-01-01, but the file last changed on 2024-02-03"),
        "{json}"
    );
    assert_eq!(stale["help"], "set `last_updated: 2024-02-03`");

    let (code, diff, stderr) = run_doccheck(&repo.root, &["check", "--diff"], &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        diff.starts_with(&format!("--- a/{path}\n+++ b/{path}\n@@ ")),
        "{diff}"
    );
    assert!(
        diff.contains("-commit: 1234567\n+git_commit: 1234567\n"),
        "{diff}"
    );
    assert!(
        diff.contains("-status: completed\n+status: complete\n"),
        "{diff}"
    );
    assert_eq!(read(), DRIFTED, "--diff wrote to the file");

    let (_, _, stderr) = run_doccheck(&repo.root, &["check", "--fix"], &[]);
    assert!(
        stderr.contains("fixed 4 finding(s) in 1 file(s)"),
        "{stderr}"
    );
    let expected = DRIFTED
        .replace("commit: 1234567", "git_commit: \"1234567\"")
        .replace("status: completed", "status: complete")
        .replace("2020-01-01", "2024-02-03");
    assert_eq!(read(), expected);
    let (code, json, stderr) = doccheck(&repo.root, &[]);
    assert_eq!((code, all_findings(&json)), (0, Vec::new()), "{stderr}");
    // Committing the fix changes metadata only: the date stays current.
    repo.commit("fix metadata");
    let (code, json, stderr) = doccheck(&repo.root, &[]);
    assert_eq!((code, all_findings(&json)), (0, Vec::new()), "{stderr}");

    let (code, diff, _) = run_doccheck(&repo.root, &["check", "--diff"], &[]);
    assert_eq!((code, diff.as_str()), (0, ""));
    let (_, _, stderr) = run_doccheck(&repo.root, &["check", "--fix"], &[]);
    assert!(
        stderr.contains("fixed 0 finding(s) in 0 file(s)"),
        "{stderr}"
    );
    assert_eq!(read(), expected);
}

#[test]
fn fix_leaves_bold_fields_and_guesses_alone() {
    let repo = Repo::new();
    repo.write(".doccheck.toml", "[rules]\nDC405 = \"off\"\n");
    // A typo (not an alias) and an enum value with no unique suggestion.
    let text = "---\ndate: 2024-01-08T10:00:00Z\nresearcher: t\ngit_commt: abcdef1\nbranch: main\nrepository: r\ntopic: x\ntags: [a]\nstatus: draft\nlast_updated: 2099-01-01\nlast_updated_by: t\n---\n\n# X\n";
    let path = "thoughts/shared/research/2024-01-08_10-00_x.md";
    repo.write(path, text);
    repo.write(
        "experiments/exp-001-x.md",
        "# Experiment exp-001\n\n**Experiment ID**: exp-001\n**Status**: complete\n",
    );
    repo.commit("notes");
    let (_, diff, stderr) = run_doccheck(&repo.root, &["check", "--diff"], &[]);
    assert_eq!(diff, "", "{stderr}");
    let (_, _, stderr) = run_doccheck(&repo.root, &["check", "--fix"], &[]);
    assert!(stderr.contains("fixed 0 finding(s)"), "{stderr}");
    assert_eq!(std::fs::read_to_string(repo.root.join(path)).unwrap(), text);
}

#[test]
fn init_writes_editable_files_once_and_never_overwrites_without_force() {
    let repo = Repo::new();
    repo.commit("first");
    let (code, stdout, stderr) = run_doccheck(&repo.root, &["init"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("created   .doccheck.toml\n"), "{stdout}");
    assert!(
        stdout.contains("created   .doccheck/schemas/research.schema.json\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("created   .doccheck/templates/plan.md\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("found no documents yet: the configuration lists every kind\n"),
        "{stdout}"
    );
    let (_, again, _) = run_doccheck(&repo.root, &["init"], &[]);
    assert!(
        again
            .lines()
            .filter(|l| !l.starts_with("found"))
            .all(|l| l.starts_with("unchanged")),
        "{again}"
    );

    // The copies are what is checked: a key made required here applies.
    let schema = repo.root.join(".doccheck/schemas/research.schema.json");
    let edited = std::fs::read_to_string(&schema).unwrap().replacen(
        "\"researcher\",",
        "\"researcher\",\n    \"reviewer\",",
        1,
    );
    std::fs::write(&schema, &edited).unwrap();
    let (code, stdout, stderr) = run_doccheck(&repo.root, &["new", "research", "Hello"], &[]);
    assert_eq!(code, 0, "{stderr}");
    repo.commit("note");
    let (_, json, _) = doccheck(&repo.root, &[]);
    let findings = all_findings(&json);
    let doc = stdout.trim();
    assert!(findings.contains(&format!("DC105 {doc}")), "{findings:?}");

    let (_, out, _) = run_doccheck(&repo.root, &["init"], &[]);
    assert!(
        out.contains("kept      .doccheck/schemas/research.schema.json"),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&schema).unwrap(), edited);
    let (_, out, _) = run_doccheck(&repo.root, &["init", "--force"], &[]);
    assert!(
        out.contains("replaced  .doccheck/schemas/research.schema.json"),
        "{out}"
    );
    assert_ne!(std::fs::read_to_string(&schema).unwrap(), edited);

    let other = Repo::new();
    other.write("doccheck.toml", "");
    let (code, _, stderr) = run_doccheck(&other.root, &["init"], &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("doccheck.toml already configures doccheck"),
        "{stderr}"
    );
}

#[test]
fn index_lists_documents_by_kind_newest_first_and_checks_staleness() {
    let repo = Repo::new();
    repo.write(
        "thoughts/shared/research/2024-01-01_00-00_old.md",
        &research("date: 2024-01-01T00:00:00Z\ntopic: Old | piped\ntags: [a, b]"),
    );
    repo.write(
        "thoughts/shared/research/2024-02-01_00-00_new.md",
        &research("date: 2024-02-01T00:00:00Z\ntopic: New"),
    );
    repo.write(
        "thoughts/shared/plans/2024-03-01_00-00_plan.md",
        &research(
            "date: 2024-03-01T00:00:00Z\ntopic: The plan\nrelated_research: thoughts/shared/research/2024-02-01_00-00_new.md",
        ),
    );
    repo.commit("documents");
    let (code, md, stderr) = run_doccheck(&repo.root, &["index"], &[]);
    assert_eq!(code, 0, "{stderr}");
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| 20")).collect();
    assert_eq!(
        rows,
        [
            "| 2024-02-01 | [Note](thoughts/shared/research/2024-02-01_00-00_new.md) | complete | a |  |",
            "| 2024-01-01 | [Note](thoughts/shared/research/2024-01-01_00-00_old.md) | complete | a, b |  |",
            "| 2024-03-01 | [Note](thoughts/shared/plans/2024-03-01_00-00_plan.md) | complete | a | [Note](thoughts/shared/research/2024-02-01_00-00_new.md) |",
        ],
        "{md}"
    );
    let (_, json, _) = run_doccheck(&repo.root, &["index", "--format", "json"], &[]);
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["kinds"][1]["kind"], "plan");
    assert_eq!(
        json["kinds"][1]["documents"][0]["links"][0],
        "thoughts/shared/research/2024-02-01_00-00_new.md"
    );

    // Written into a folder, links are relative to it; --check compares.
    let (code, _, stderr) = run_doccheck(&repo.root, &["index", "-o", "docs/INDEX.md"], &[]);
    assert_eq!(code, 0, "{stderr}");
    let written = std::fs::read_to_string(repo.root.join("docs/INDEX.md")).unwrap();
    assert!(written.contains("](../thoughts/shared/research/2024-02-01_00-00_new.md)"));
    let (code, _, _) = run_doccheck(
        &repo.root,
        &["index", "-o", "docs/INDEX.md", "--check"],
        &[],
    );
    assert_eq!(code, 0);
    // The index is not a document: its links do not make the old note,
    // which nothing else links, a connected one.
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC405", "--show-infos"]);
    assert_eq!(
        all_findings(&json),
        ["DC405 thoughts/shared/research/2024-01-01_00-00_old.md"]
    );

    repo.write(
        "thoughts/shared/research/2024-04-01_00-00_newer.md",
        &research("date: 2024-04-01T00:00:00Z"),
    );
    let (code, _, stderr) = run_doccheck(
        &repo.root,
        &["index", "-o", "docs/INDEX.md", "--check"],
        &[],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("docs/INDEX.md is stale"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(repo.root.join("docs/INDEX.md")).unwrap(),
        written
    );
}

#[test]
fn every_commit_a_document_cites_is_verified_whatever_the_key() {
    let repo = Repo::new();
    repo.write("src/a.py", "x = 1\n");
    let sha = repo.commit("code");
    let short = &sha[..7];
    repo.write(
        "thoughts/shared/handoffs/2026-01-01_10-00_h.md",
        &format!(
            "---\ndate: 2099-01-01T10:00:00Z\ngit_commit: {short}\nimplemented_commit: deadbee\n\
             base_sha: main\nreviewed:\n  commit: abcdef1\nrepos: \"api: 1234567, web: 89abcde\"\n---\n\n\
             # Handoff\n\n**Git Commit**: {short}\n**Commit SHA**: {short} (before the refactor)\n\
             **Base commit**: badc0de\n"
        ),
    );
    repo.commit("docs");
    let (_, json, _) = doccheck(&repo.root, &[]);
    // A note after a commit in the body is prose; the body's commits are
    // verified all the same.
    assert_eq!(
        sorted_findings(&json),
        [
            "DC201 commit `abcdef1` in `reviewed.commit` does not exist in this repository",
            "DC201 commit `badc0de` in `Base commit` does not exist in this repository",
            "DC201 commit `deadbee` in `implemented_commit` does not exist in this repository",
        ]
    );
}

#[test]
fn a_reference_to_a_moved_document_names_where_git_moved_it() {
    let repo = Repo::new();
    repo.write(
        "thoughts/shared/research/2026-01-01_10-00_invites.md",
        "# Invites\n\nFindings.\n",
    );
    repo.commit("research");
    std::fs::create_dir_all(repo.root.join("thoughts/shared/research/archive")).unwrap();
    repo.git(&[
        "mv",
        "thoughts/shared/research/2026-01-01_10-00_invites.md",
        "thoughts/shared/research/archive/email-invites.md",
    ]);
    repo.commit("archive");
    repo.write(
        "thoughts/shared/plans/2026-01-02_10-00_p.md",
        "# Plan\n\n**Research document:** `thoughts/shared/research/2026-01-01_10-00_invites.md`\n",
    );
    repo.commit("plan");
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC401"]);
    let found: Vec<(&str, &str, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
                d["help"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            "error",
            "`Research document` refers to `thoughts/shared/research/2026-01-01_10-00_invites.md`, which does not exist",
            "did you mean `thoughts/shared/research/archive/email-invites.md`?"
        )]
    );
}

#[test]
fn a_tracked_file_is_a_document_whatever_gitignore_says() {
    let repo = Repo::new();
    let plan = "# A plan without frontmatter\n\nSteps.\n";
    repo.write(".gitignore", "thoughts/shared/plans/\n*.local.md\n");
    repo.write(".doccheck.toml", "exclude = [\"**/archive/**\"]\n");
    for path in [
        "thoughts/shared/plans/2024-01-01_00-00_tracked.md",
        "thoughts/shared/plans/2024-01-02_00-00_deleted.md",
        "thoughts/shared/plans/archive/2024-01-03_00-00_excluded.md",
        "thoughts/shared/research/2024-01-04_00-00_draft.local.md",
    ] {
        repo.write(path, plan);
        repo.git(&["add", "-f", path]);
    }
    repo.commit("plans, tracked although ignored");
    std::fs::remove_file(
        repo.root
            .join("thoughts/shared/plans/2024-01-02_00-00_deleted.md"),
    )
    .unwrap();
    // Untracked and ignored: Git does not see it, neither does doccheck.
    repo.write("thoughts/shared/plans/2024-01-05_00-00_untracked.md", plan);
    repo.write(
        "thoughts/shared/research/2024-01-06_00-00_scratch.local.md",
        plan,
    );
    // Untracked, not ignored: a document, as before.
    repo.write("thoughts/shared/research/2024-01-07_00-00_new.md", plan);
    for args in [
        &["--select", "DC101"][..],
        &["--select", "DC101", "--no-git"],
    ] {
        let (_, json, stderr) = doccheck(&repo.root, args);
        assert_eq!(
            all_findings(&json),
            [
                "DC101 thoughts/shared/plans/2024-01-01_00-00_tracked.md",
                "DC101 thoughts/shared/research/2024-01-04_00-00_draft.local.md",
                "DC101 thoughts/shared/research/2024-01-07_00-00_new.md",
            ],
            "{stderr}"
        );
        assert_eq!(json["summary"]["documents"], 3);
    }
}

impl Repo {
    /// Commits everything with the author and committer date `when`.
    fn commit_at(&self, message: &str, when: &str) -> String {
        self.git(&["add", "-A"]);
        let out = git_command(&self.root)
            .env("GIT_AUTHOR_DATE", when)
            .env("GIT_COMMITTER_DATE", when)
            .args(["commit", "-q", "--allow-empty", "-m", message])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.git(&["rev-parse", "HEAD"])
    }

    /// A research note per (name, `date` line) citing `commit`, last
    /// updated before any commit of these tests, then committed.
    fn dated_notes(&self, commit: &str, dates: &[(&str, &str)]) {
        for (name, date) in dates {
            self.research(
                name,
                &format!("git_commit: {commit}\n{date}\nlast_updated: 2026-04-01"),
            );
        }
        self.commit("notes");
    }
}

#[test]
fn a_time_rounded_by_hand_is_not_earlier_than_a_commit_that_day() {
    let repo = Repo::new();
    let sha = repo.commit_at("code", "2026-04-13T16:41:07+02:00");
    repo.dated_notes(
        &sha,
        &[
            ("rounded", "date: 2026-04-13T12:00:00+02:00"),
            ("basic-offset", "date: 2026-04-13T12:00:07+0200"),
            ("day-and-time", "date: 2026-04-13\ntime: \"09:30\""),
            ("same-day", "date: 2026-04-13"),
            ("seconds", "date: 2026-04-13T12:00:07+02:00"),
            ("day-before", "date: 2026-04-12"),
            ("rounded-day-before", "date: 2026-04-12T23:00:00+02:00"),
        ],
    );
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC211"]);
    assert_eq!(
        all_findings(&json),
        [
            "DC211 thoughts/shared/research/basic-offset.md",
            "DC211 thoughts/shared/research/day-before.md",
            "DC211 thoughts/shared/research/rounded-day-before.md",
            "DC211 thoughts/shared/research/seconds.md",
        ]
    );
    assert!(
        json["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("was made on 2026-04-13"),
        "{json}"
    );
}

/// The commit-graph keeps a commit's time but not its time zone: a date
/// written without one is still compared with the day in the committer's
/// zone, with the graph as without it.
#[test]
fn a_commit_read_from_the_commit_graph_keeps_its_time_zone() {
    let repo = Repo::new();
    // Still the 12th in UTC; already the 13th where it was committed.
    let sha = repo.commit_at("code", "2026-04-13T01:30:00+02:00");
    repo.dated_notes(
        &sha[..10],
        &[
            ("day-before-there", "date: 2026-04-12"),
            ("same-day-there", "date: 2026-04-13"),
            ("utc-day", "date: 2026-04-12T23:45:00Z"),
        ],
    );
    let findings = || {
        let (_, json, _) = doccheck(&repo.root, &["--select", "DC211"]);
        (all_findings(&json), fields(&json, &["path", "message"]))
    };
    let without_graph = findings();
    assert_eq!(
        without_graph.0,
        ["DC211 thoughts/shared/research/day-before-there.md"]
    );
    assert!(
        without_graph.1[0].contains("was made on 2026-04-13"),
        "{without_graph:?}"
    );
    repo.git(&["commit-graph", "write", "--reachable"]);
    assert_eq!(findings(), without_graph);
}

#[test]
fn staleness_counts_only_the_changes_that_matter() {
    let repo = Repo::new();
    let note = |body: &str| research(&format!("last_updated: 2024-03-01\n{body}"));
    let path = |name: &str| format!("thoughts/shared/research/{name}.md");
    let body = "## Findings\n\n* The loader reads   every shard twice.\n* Caching halves the epoch time.\n";
    for name in [
        "added",
        "reformatted",
        "ignored",
        "bumped",
        "edited",
        "merged",
    ] {
        repo.write(&path(name), &note(body));
    }
    repo.commit_at("notes", "2024-03-10T10:00:00+00:00");
    // Whitespace and Markdown formatting only.
    repo.write(
        &path("reformatted"),
        &note("Findings\n========\n\n- The loader reads every shard\n  twice.\n- Caching halves the **epoch** time.\n"),
    );
    repo.commit_at("format", "2024-04-01T10:00:00+00:00");
    // A real edit, in a commit .git-blame-ignore-revs lists.
    repo.write(
        &path("ignored"),
        &note(&format!("{body}\nA third point.\n")),
    );
    let ignored = repo.commit_at("bulk rewrite", "2024-04-02T10:00:00+00:00");
    repo.write(
        ".git-blame-ignore-revs",
        &format!("# bulk rewrites\n{ignored}  # the April one\n"),
    );
    // Only the metadata.
    repo.write(
        &path("bumped"),
        &research(&format!(
            "last_updated: 2024-03-02\nstatus: in_progress\n{body}"
        )),
    );
    repo.commit_at("bump", "2024-04-03T10:00:00+00:00");
    // A real edit on a branch, merged later: the edit's day counts.
    repo.git(&["checkout", "-q", "-b", "feature/speedup"]);
    repo.write(
        &path("merged"),
        &note(&format!("{body}\nPrefetching helps too.\n")),
    );
    repo.commit_at("speedup", "2024-04-04T10:00:00+00:00");
    repo.git(&["checkout", "-q", "main"]);
    repo.write(
        &path("edited"),
        &note(&format!("{body}\nThe cache must be warmed.\n")),
    );
    repo.commit_at("edit", "2024-04-05T23:30:00-05:00");
    let out = git_command(&repo.root)
        .env("GIT_AUTHOR_DATE", "2024-04-20T10:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2024-04-20T10:00:00+00:00")
        .args([
            "merge",
            "-q",
            "--no-ff",
            "-m",
            "Merge branch 'feature/speedup'",
            "feature/speedup",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC210"]);
    let found = fields(&json, &["path", "help"]);
    assert_eq!(
        found,
        [
            // The author's day, not UTC's.
            "thoughts/shared/research/edited.md set `last_updated: 2024-04-05`",
            // The day of the edit, not of the merge.
            "thoughts/shared/research/merged.md set `last_updated: 2024-04-04`",
        ],
        "{json}"
    );
}

#[test]
fn a_branch_merged_and_deleted_is_information() {
    let repo = Repo::new();
    let first = repo.commit("first");
    // Merged with a merge commit, then deleted.
    repo.git(&["checkout", "-q", "-b", "feature/eval-harness"]);
    repo.write("eval.py", "run()\n");
    repo.commit("harness");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&[
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge branch 'feature/eval-harness'",
        "feature/eval-harness",
    ]);
    repo.git(&["branch", "-q", "-d", "feature/eval-harness"]);
    // Fast-forwarded, then deleted: only the cited commit tells.
    repo.git(&["checkout", "-q", "-b", "fix/tokenizer"]);
    repo.write("tok.py", "split()\n");
    let on_branch = repo.commit("tokenizer");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["merge", "-q", "--ff-only", "fix/tokenizer"]);
    repo.git(&["branch", "-q", "-d", "fix/tokenizer"]);
    repo.git(&["branch", "-q", "data-cards"]);
    repo.research(
        "merged",
        &format!("git_commit: {first}\nbranch: feature/eval-harness"),
    );
    repo.research(
        "fast-forward",
        &format!("git_commit: {on_branch}\nbranch: fix/tokenizer"),
    );
    // A typo of a branch that exists, and a name with no trace at all.
    repo.research("typo", &format!("git_commit: {first}\nbranch: data-crads"));
    repo.research("unknown", "git_commit: 0000000\nbranch: spike/never-pushed");
    repo.commit("notes");
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC207,DC214", "--show-infos"]);
    let found: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {}",
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["path"].as_str().unwrap().rsplit('/').next().unwrap()
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "DC214 info fast-forward.md",
            "DC214 info merged.md",
            "DC207 warning typo.md",
            "DC207 warning unknown.md",
        ],
        "{json}"
    );
    let merged = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("merged.md"))
        .unwrap();
    assert!(
        merged["message"]
            .as_str()
            .unwrap()
            .contains("was merged and deleted (merged in "),
        "{merged}"
    );

    // No branch at all, as in a detached clone of a bundle: nothing to
    // compare with.
    repo.git(&["checkout", "-q", "--detach"]);
    for branch in ["main", "data-cards"] {
        repo.git(&["branch", "-q", "-D", branch]);
    }
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC207,DC214", "--show-infos"]);
    assert_eq!(all_findings(&json), Vec::<String>::new());
}

#[test]
fn a_link_is_suspect_only_when_its_target_really_changed() {
    let repo = Repo::new();
    let sha = repo.commit_at("first", "2024-05-01T10:00:00+00:00");
    let research_at = |body: &str| research(&format!("git_commit: {sha}\n{body}"));
    let plan = |last: &str| {
        research(&format!(
            "git_commit: {sha}\nlast_updated: {last}\nrelated_research: thoughts/shared/research/r.md"
        ))
    };
    repo.write("thoughts/shared/plans/p.md", &plan("2024-05-02"));
    repo.commit_at(
        "plan, before its research is committed",
        "2024-05-02T10:00:00+00:00",
    );
    repo.write(
        "thoughts/shared/research/r.md",
        &research_at("* Batch size 64 is stable."),
    );
    repo.commit_at("research", "2024-05-03T10:00:00+00:00");
    repo.write(
        "thoughts/shared/research/r.md",
        &research_at("- Batch size 64 is **stable**."),
    );
    repo.commit_at("reformat", "2024-05-04T10:00:00+00:00");
    // Neither the target's first version nor a reformat is a change of it.
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC407", "--show-infos"]);
    assert_eq!(all_findings(&json), Vec::<String>::new());

    repo.write(
        "thoughts/shared/research/r.md",
        &research_at("- Batch size 64 diverges after 3 epochs."),
    );
    repo.commit_at("research revised", "2024-05-05T10:00:00+00:00");
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC407", "--show-infos"]);
    assert_eq!(all_findings(&json), ["DC407 thoughts/shared/plans/p.md"]);

    // A review that finds nothing to change bumps the date only.
    repo.write("thoughts/shared/plans/p.md", &plan("2024-05-06"));
    repo.commit_at("plan reviewed", "2024-05-06T10:00:00+00:00");
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC407,DC210", "--show-infos"]);
    assert_eq!(all_findings(&json), Vec::<String>::new());
}

#[test]
fn a_commit_field_that_says_the_work_was_uncommitted_is_information() {
    let repo = Repo::new();
    repo.write("src/a.py", "x = 1\n");
    repo.commit("code");
    repo.research("honest", "git_commit: HEAD (uncommitted changes)");
    repo.research("placeholder", "git_commit: N/A");
    repo.commit("docs");
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC205", "--show-infos"]);
    let mut found = fields(&json, &["severity", "path"]);
    found.sort();
    assert_eq!(
        found,
        [
            "error thoughts/shared/research/placeholder.md",
            "info thoughts/shared/research/honest.md"
        ]
    );
}

/// A repository whose six committed plans are named `YYYY-MM-DD-slug.md`
/// without frontmatter: a convention doccheck learns.
fn six_plans_named_by_day() -> Repo {
    let repo = Repo::new();
    for day in 1..=6 {
        repo.write(
            &format!("thoughts/shared/plans/2026-02-0{day}-step-{day}.md"),
            "# A plan\n\nSteps.\n",
        );
    }
    repo.commit("plans");
    repo
}

#[test]
fn staged_checks_apply_the_conventions_a_full_check_learns() {
    let repo = six_plans_named_by_day();
    repo.write(
        "thoughts/shared/plans/2026-02-07-next.md",
        "# Next\n\nMore steps.\n",
    );
    repo.write(
        "thoughts/shared/plans/2026-02-08_10-30_odd.md",
        "# Odd\n\nNamed otherwise.\n",
    );
    repo.git(&["add", "-A"]);
    let (_, json, stderr) = doccheck(&repo.root, &["--staged"]);
    assert_eq!(
        all_findings(&json)
            .into_iter()
            .filter(|f| !f.starts_with("DC405") && !f.starts_with("DC403"))
            .collect::<Vec<_>>(),
        ["DC514 thoughts/shared/plans/2026-02-08_10-30_odd.md"],
        "{stderr}"
    );
}

/// What `--staged` read of its sample is kept for the next run, and read
/// again once a sampled document's content changes: plans that took up
/// frontmatter make a plan without any stand out.
#[test]
fn staged_learning_reads_the_sample_again_when_its_documents_change() {
    let repo = Repo::new();
    let plan = |day: u32, frontmatter: bool| {
        let head = match frontmatter {
            true => format!("---\ndate: 2026-02-0{day}\nstatus: draft\n---\n\n"),
            false => String::new(),
        };
        repo.write(
            &format!("thoughts/shared/plans/2026-02-0{day}-step-{day}.md"),
            &format!("{head}# A plan\n\nSteps.\n"),
        );
    };
    for day in 1..=7 {
        plan(day, false);
    }
    repo.commit("plans");
    let seventh = "thoughts/shared/plans/2026-02-07-step-7.md";
    let findings = |args: &[&str]| {
        let (_, json, stderr) = doccheck(&repo.root, args);
        let found: Vec<String> = json["diagnostics"]
            .as_array()
            .unwrap_or_else(|| panic!("{stderr}"))
            .iter()
            .filter(|d| d["path"] == seventh)
            .map(|d| format!("{} {}", d["code"], d["message"]))
            .collect();
        found
    };
    repo.write(seventh, "# A plan\n\nSteps, edited.\n");
    repo.git(&["add", "-A"]);
    assert_eq!(findings(&["--staged"]), findings(&[]));
    assert!(repo.root.join(".git/doccheck/sample").is_file());
    repo.git(&["reset", "-q", "--hard"]);

    for day in 1..=6 {
        plan(day, true);
    }
    repo.commit("frontmatter");
    repo.write(seventh, "# A plan\n\nSteps, edited again.\n");
    repo.git(&["add", "-A"]);
    let full = findings(&[]);
    assert!(full.iter().any(|f| f.contains("frontmatter")), "{full:?}");
    assert_eq!(findings(&["--staged"]), full);
}

#[test]
fn init_pins_the_conventions_it_learned() {
    let repo = Repo::new();
    for day in 1..=6 {
        repo.write(
            &format!("thoughts/shared/plans/2026-02-0{day}-step-{day}.md"),
            "# A plan\n\nSteps.\n",
        );
        repo.write(
            &format!("thoughts/shared/handoffs/2026-02-0{day}_10-00_h{day}.md"),
            &format!(
                "---\ndate: 2026-02-0{day}T10:00:00Z\nresearcher: t\ngit_commit: 0000000\ngit_branch: main\n\
                 repository: r\ntopic: t\ntags: [a]\nstatus: in-progress\n---\n\n# Handoff\n\nNotes.\n"
            ),
        );
    }
    repo.write(
        "thoughts/shared/plans/odd_name.md",
        "# Odd\n\nNamed otherwise.\n",
    );
    repo.commit("docs");
    let (_, before, _) = doccheck(&repo.root, &["--no-git"]);
    let (code, _, stderr) = run_doccheck(&repo.root, &["init"], &[]);
    assert_eq!(code, 0, "{stderr}");
    let config = std::fs::read_to_string(repo.root.join(".doccheck.toml")).unwrap();
    for expected in [
        "# Learned: 7 of 7 plans here have no frontmatter.\nfrontmatter = false\n",
        "# Learned: 6 of 7 plans here are named `YYYY-MM-DD-topic.md`.\nfile-name = ",
        "`git_branch` for `branch`: 6 of 6 with frontmatter have `git_branch`.",
        "DC403 = \"off\"",
    ] {
        assert!(config.contains(expected), "{expected}\n\n{config}");
    }
    // The pinned configuration finds what learning found.
    let (_, after, _) = doccheck(&repo.root, &["--no-git", "--no-baseline"]);
    assert_eq!(all_findings(&after), all_findings(&before));
    assert!(
        all_findings(&after).contains(&"DC514 thoughts/shared/plans/odd_name.md".to_owned()),
        "{after:#}"
    );
}

#[test]
fn a_reference_to_a_document_deleted_on_purpose_is_history() {
    let repo = Repo::new();
    repo.write(
        "thoughts/shared/tickets/0001-login.md",
        "# Login\n\nSteps.\n",
    );
    repo.commit("ticket");
    repo.write(
        "thoughts/shared/plans/2026-01-02_10-00_p.md",
        "# Plan\n\n**Related ticket:** `thoughts/shared/tickets/0001-login.md`\n\n\
         Done in `thoughts/shared/tickets/0001-login.md`.\n",
    );
    repo.commit("plan");
    repo.git(&["rm", "-q", "thoughts/shared/tickets/0001-login.md"]);
    repo.commit("tickets moved to the tracker");
    let (_, json, _) = doccheck(&repo.root, &["--select", "DC401", "--show-infos"]);
    let found: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["severity"].as_str().unwrap(), d["help"].as_str().unwrap()))
        .collect();
    let deleted =
        "it was deleted from the repository: point the reference at what replaced it, or remove it";
    // The mention in prose repeats the citation: one finding.
    assert_eq!(found, [("warning", deleted)]);
}

/// The history's cache under `.git/` only saves time: a warm run, a run
/// after new commits (read from the cache and diffed since), a run
/// without it and one with a damaged one say the same.
#[test]
fn the_history_cache_changes_no_result() {
    let repo = Repo::new();
    repo.write("src/units/ai.rs", &numbered(80));
    let sha = repo.commit("code");
    repo.research(
        "stale",
        &format!("git_commit: {sha}\ndate: 2000-01-01T00:00:00Z\nlast_updated: 2000-01-02\n`src/units/ai.rs:20-77`"),
    );
    // Found by its name alone: from a listing of the cited commit, or
    // from the cached history's files.
    repo.research(
        "later",
        &format!("git_commit: {sha}\nlast_updated: 2000-01-02\n`ai.rs:70` and `src/nowhere.rs:3`"),
    );
    repo.commit("docs");
    repo.research(
        "stale",
        &format!("git_commit: {sha}\ndate: 2000-01-01T00:00:00Z\nlast_updated: 2000-01-02\n`src/units/ai.rs:20-77`\nA finding added later."),
    );
    repo.git(&["mv", "src/units/ai.rs", "src/ai.rs"]);
    repo.commit("docs edited, code moved");
    let cache = repo.root.join(".git/doccheck/history");
    let table = repo.root.join(".git/doccheck/last-changes");
    let findings = || {
        let (_, json, _) = doccheck(&repo.root, &["--show-infos"]);
        sorted_findings(&json)
    };
    let cold = findings();
    assert_eq!(cold.len(), 5, "{cold:#?}");
    assert!(cache.is_file(), "the first run keeps what it read");
    assert!(table.is_file(), "and when each document last changed");
    assert_eq!(findings(), cold, "warm");
    let bytes = std::fs::read(&table).unwrap();
    std::fs::write(&table, &bytes[..bytes.len() - 1]).unwrap();
    assert_eq!(findings(), cold, "with a torn table of last changes");
    std::fs::remove_file(&table).unwrap();
    std::fs::remove_file(&cache).unwrap();
    assert_eq!(findings(), cold, "with neither");

    // New commits since the cached HEAD.
    repo.research(
        "later",
        &format!(
            "git_commit: {sha}\nlast_updated: 2000-01-02\n`ai.rs:70` and `src/nowhere.rs:3`\nRewritten since."
        ),
    );
    repo.commit("another edit");
    // The table of last changes was written for the HEAD before.
    let warm = findings();
    assert_eq!(warm.len(), 6, "{warm:#?}");
    assert_eq!(findings(), warm, "warm, with the table of the new HEAD");
    std::fs::remove_file(&cache).unwrap();
    assert_eq!(findings(), warm, "without the cache");
    let bytes = std::fs::read(&cache).unwrap();
    std::fs::write(&cache, &bytes[..bytes.len() / 2]).unwrap();
    assert_eq!(findings(), warm, "with a damaged cache");
}

/// The table of last changes written for the commit before HEAD is brought
/// up to HEAD (a pre-commit run after each commit): a document HEAD's
/// commit did not change keeps its answer, one it edited takes HEAD's, one
/// it only reformatted keeps the change before, one it added has none. The
/// same as without any cache.
#[test]
fn the_last_changes_of_the_commit_before_are_brought_up_to_head() {
    let repo = Repo::new();
    let note = |body: &str| research(&format!("last_updated: 2024-01-01\n{body}"));
    let path = |name: &str| format!("thoughts/shared/research/{name}.md");
    let body = "## Findings\n\n* The loader reads every shard twice.\n";
    for name in ["kept", "reformatted", "edited"] {
        repo.write(&path(name), &note(body));
    }
    repo.commit_at("notes", "2024-02-01T10:00:00+00:00");
    for name in ["kept", "reformatted", "edited"] {
        repo.write(
            &path(name),
            &note(&format!("{body}* And a second point.\n")),
        );
    }
    repo.commit_at("edits", "2024-03-01T10:00:00+00:00");
    let findings = || {
        let (_, json, _) = doccheck(&repo.root, &["--select", "DC210", "--show-infos"]);
        sorted_findings(&json)
    };
    assert_eq!(findings().len(), 3);
    let table = repo.root.join(".git/doccheck/last-changes");
    assert!(table.is_file());
    repo.write(
        &path("reformatted"),
        &note(&format!("{body}\n- And a **second** point.\n")),
    );
    repo.write(&path("edited"), &note(&format!("{body}* And a third.\n")));
    repo.write(&path("added"), &note(body));
    repo.commit_at("on top", "2024-04-01T10:00:00+00:00");
    let on_top = findings();
    assert_eq!(on_top.len(), 3, "{on_top:#?}");
    assert!(
        on_top.iter().any(|f| f.contains("2024-04-01")),
        "{on_top:#?}"
    );
    assert_eq!(
        on_top.iter().filter(|f| f.contains("2024-03-01")).count(),
        2,
        "{on_top:#?}"
    );
    std::fs::remove_dir_all(repo.root.join(".git/doccheck")).unwrap();
    assert_eq!(findings(), on_top, "without any cache");
}

/// What `--staged` learns from is kept under `.git/doccheck/` for the next
/// commit of the same files, and chosen again when the files change.
#[test]
fn staged_learning_is_kept_for_the_same_files_only() {
    let repo = six_plans_named_by_day();
    repo.write(
        "thoughts/shared/plans/2026-02-08_10-30_odd.md",
        "# Odd\n\nNamed otherwise.\n",
    );
    repo.git(&["add", "-A"]);
    let names = || {
        let (_, json, stderr) = doccheck(&repo.root, &["--staged"]);
        let found: Vec<String> = all_findings(&json)
            .into_iter()
            .filter(|f| f.starts_with("DC514"))
            .collect();
        (found, stderr)
    };
    let odd = ["DC514 thoughts/shared/plans/2026-02-08_10-30_odd.md"];
    assert_eq!(names().0, odd);
    assert!(repo.root.join(".git/doccheck/learning").is_file());
    repo.write(
        "thoughts/shared/plans/2026-02-08_10-30_odd.md",
        "# Odd\n\nNamed otherwise, edited.\n",
    );
    repo.git(&["add", "-A"]);
    assert_eq!(names().0, odd, "the same files: learned the same");
    // More plans named that way: no convention of the repository's own.
    for day in 1..=9 {
        repo.write(
            &format!("thoughts/shared/plans/2026-03-0{day}_10-30_more-{day}.md"),
            "# More\n\nSteps.\n",
        );
    }
    repo.git(&["add", "-A"]);
    let (found, stderr) = names();
    assert_eq!(found, Vec::<String>::new(), "{stderr}");
}
