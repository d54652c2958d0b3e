//! `doccheck graph` on real repositories made in temporary folders: code
//! nodes from code references and links, the focus options, stable output,
//! and the self-contained HTML and SVG drawings.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

mod common;
use common::Repo;

/// A repository with an empty configuration, so that the built-in kinds
/// apply as written.
fn configured() -> Repo {
    let repo = Repo::new();
    repo.write(".doccheck.toml", "");
    repo
}

impl Repo {
    /// `doccheck graph ARGS` here: its standard output, which must succeed.
    fn graph(&self, args: &[&str]) -> String {
        graph_in(&self.root, args)
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--format", "json"];
        all.extend(args);
        serde_json::from_str(&self.graph(&all)).unwrap()
    }
}

fn graph_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_doccheck"))
        .arg("graph")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "graph {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn note(kind: &str, title: &str, status: &str, extra: &str, body: &str) -> String {
    format!(
        "---\ndate: 2025-01-01T00:00:00Z\nresearcher: t\ngit_commit: 0000000\nbranch: main\nrepository: r\ntopic: \"{title}\"\ntags: [t]\nstatus: {status}\nlast_updated: 2025-01-01\nlast_updated_by: t\n{extra}---\n\n# {kind}: {title}\n\n{body}\n"
    )
}

fn lines(n: usize) -> String {
    (1..=n).map(|i| format!("line {i}\n")).collect()
}

/// Research citing the loader by its bare name, a plan citing the trainer
/// from the root and linking to the tests' folder, a PR on the plan, and a
/// research note nobody cites.
fn workspace() -> Repo {
    let repo = configured();
    repo.write("src/config/loader.py", &lines(120));
    repo.write("src/models/train.py", &lines(80));
    repo.write("tests/features/test_loader.py", &lines(10));
    repo.write("docs/diagram.png", "not code");
    repo.write(
        "thoughts/shared/research/r1.md",
        &note(
            "Research",
            "How configuration is loaded",
            "complete",
            "",
            "The loader is `loader.py:40-60`. See [the diagram](../../../docs/diagram.png).",
        ),
    );
    repo.write(
        "thoughts/shared/plans/p1.md",
        &note(
            "Plan",
            "Restructure the loader",
            "in_progress",
            "related_research: thoughts/shared/research/r1.md\n",
            "Change `src/models/train.py:12` and [the tests](../../../tests/features/).",
        ),
    );
    repo.write(
        "thoughts/shared/prs/pr1.md",
        &note(
            "PR",
            "Loader restructured",
            "ready_for_review",
            "",
            "Implements [the plan](../plans/p1.md).",
        ),
    );
    repo.write(
        "thoughts/shared/research/lonely.md",
        &note("Research", "Nobody reads this", "complete", "", "Nothing."),
    );
    repo.commit("change");
    repo
}

fn node_ids(json: &Value) -> Vec<String> {
    json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_owned())
        .collect()
}

fn code_edges(json: &Value) -> Vec<String> {
    let mut edges: Vec<String> = json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["how"] == "code")
        .map(|e| {
            format!(
                "{} -> {}",
                e["from"].as_str().unwrap(),
                e["to"].as_str().unwrap()
            )
        })
        .collect();
    edges.sort();
    edges
}

#[test]
fn code_references_and_links_to_source_become_code_folders() {
    let repo = workspace();
    let json = repo.json(&[]);
    assert_eq!(
        code_edges(&json),
        [
            "thoughts/shared/plans/p1.md -> code:src/models/",
            "thoughts/shared/plans/p1.md -> code:tests/features/",
            // `loader.py` is the one file of that name: Git resolved it.
            "thoughts/shared/research/r1.md -> code:src/config/",
        ]
    );
    let loader = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "code:src/config/")
        .unwrap();
    assert_eq!(loader["files"], serde_json::json!(["src/config/loader.py"]));
    // A picture is not code; the lonely note is still listed for machines.
    assert!(!node_ids(&json).iter().any(|id| id.contains("docs/")));
    assert!(node_ids(&json).contains(&"thoughts/shared/research/lonely.md".to_owned()));

    let tree = repo.graph(&[]);
    assert!(tree.contains("├── code: src/config/ (loader.py)"), "{tree}");
    assert!(
        tree.ends_with("1 unconnected document (1 research; --all lists them)\n"),
        "{tree}"
    );
    assert!(repo.graph(&["--all"]).contains("lonely.md"));

    let none = repo.json(&["--no-code"]);
    assert!(code_edges(&none).is_empty());
    assert!(!node_ids(&none).iter().any(|id| id.starts_with("code:")));
}

#[test]
fn without_git_code_references_written_from_the_root_still_count() {
    let repo = workspace();
    let json = repo.json(&["--no-git"]);
    // The bare `loader.py` needs Git's list of files; the rest does not.
    assert_eq!(
        code_edges(&json),
        [
            "thoughts/shared/plans/p1.md -> code:src/models/",
            "thoughts/shared/plans/p1.md -> code:tests/features/",
        ]
    );
}

#[test]
fn for_code_answers_which_documents_explain_it() {
    let repo = workspace();
    let json = repo.json(&["--for", "src/config"]);
    assert_eq!(
        node_ids(&json),
        ["thoughts/shared/research/r1.md", "code:src/config/"]
    );
    let tree = repo.graph(&["--for", "src/models/train.py"]);
    assert_eq!(
        tree,
        "plan: thoughts/shared/plans/p1.md — Plan: Restructure the loader [in_progress]\n└── code: src/models/ (train.py)\n"
    );
}

#[test]
fn paths_root_depth_and_gaps_focus_the_graph() {
    let repo = workspace();
    // The PRs folder and its neighbours: the plan, and the plan's code.
    let json = repo.json(&["thoughts/shared/prs"]);
    let ids = node_ids(&json);
    assert!(
        ids.contains(&"thoughts/shared/prs/pr1.md".to_owned()),
        "{ids:?}"
    );
    assert!(
        ids.contains(&"thoughts/shared/plans/p1.md".to_owned()),
        "{ids:?}"
    );
    assert!(
        !ids.contains(&"thoughts/shared/research/r1.md".to_owned()),
        "{ids:?}"
    );

    let near = repo.json(&["--root", "thoughts/shared/prs/pr1.md", "--depth", "1"]);
    assert!(!node_ids(&near).contains(&"thoughts/shared/research/r1.md".to_owned()));
    let far = repo.json(&["--root", "thoughts/shared/prs/pr1.md"]);
    assert!(node_ids(&far).contains(&"thoughts/shared/research/r1.md".to_owned()));

    // No graph finding is a warning or an error (the lonely note is an
    // orphan: information): nothing to show.
    assert_eq!(repo.graph(&["--gaps"]), "(no documents)\n");
}

#[test]
fn since_shows_what_a_change_touched_and_its_neighbourhood() {
    let repo = workspace();
    repo.write(
        "thoughts/shared/research/r2.md",
        &note(
            "Research",
            "Training",
            "complete",
            "",
            "See `src/models/train.py:3`.",
        ),
    );
    repo.commit("change");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    // The change edits the loader, and the PR write-up.
    repo.write("src/config/loader.py", &lines(121));
    repo.write(
        "thoughts/shared/prs/pr1.md",
        &note(
            "PR",
            "Loader restructured",
            "complete",
            "",
            "Implements [the plan](../plans/p1.md).",
        ),
    );
    repo.commit("change");
    let mut ids = node_ids(&repo.json(&["--since", "main"]));
    ids.sort();
    assert_eq!(
        ids,
        [
            "code:src/config/",
            "code:src/models/",
            "code:tests/features/",
            // The PR's plan, and the research explaining the loader.
            "thoughts/shared/plans/p1.md",
            "thoughts/shared/prs/pr1.md",
            "thoughts/shared/research/r1.md",
        ]
    );
    // What changed is marked: the PR write-up and the loader's folder.
    let mermaid = repo.graph(&["--since", "main", "--format", "mermaid"]);
    let id = doccheck::graph::picture::stable_id;
    let marked = format!(
        "  class {},{} changed\n",
        id('d', "thoughts/shared/prs/pr1.md"),
        id('c', "src/config/")
    );
    assert!(mermaid.contains(&marked), "{mermaid}");
}

#[test]
fn output_is_stable_and_a_new_document_changes_only_its_lines() {
    let repo = workspace();
    for format in ["tree", "mermaid", "dot", "json", "svg", "html"] {
        let same = repo.graph(&["--format", format]) == repo.graph(&["--format", format]);
        assert!(same, "two runs drew {format} differently");
    }
    let before = repo.graph(&["--format", "mermaid"]);
    repo.write(
        "thoughts/shared/plans/p0.md",
        &note(
            "Plan",
            "An earlier plan",
            "complete",
            "related_research: thoughts/shared/research/r1.md\n",
            "",
        ),
    );
    let after = repo.graph(&["--format", "mermaid"]);
    let old: Vec<&str> = before.lines().collect();
    let gone: Vec<&str> = old
        .iter()
        .filter(|l| !after.lines().any(|a| a == **l))
        .copied()
        .collect();
    // Node and arrow lines stay as they were; only counts and the style of
    // links (by position) may move.
    assert!(
        gone.iter().all(|l| l.starts_with("%%")
            || l.contains("subgraph g_plan")
            || l.contains("linkStyle")),
        "{gone:#?}"
    );
}

#[test]
fn the_html_page_is_self_contained_and_carries_findings() {
    let repo = workspace();
    repo.write(
        "thoughts/shared/plans/p2.md",
        &note(
            "Plan",
            "Cites research that is gone",
            "in_progress",
            "related_research: thoughts/shared/research/gone.md\n",
            "",
        ),
    );
    let html = repo.graph(&["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Nothing is fetched: no external script, style, image or font.
    for needle in ["src=", "<link", "@import", "url(", "http://", "https://"] {
        assert!(!html.contains(needle), "the page refers to `{needle}`");
    }
    assert!(
        html.contains("default-src 'none'"),
        "a policy forbids fetching"
    );
    assert!(html.contains("\"thoughts/shared/plans/p2.md\""));
    assert!(
        html.contains("\"DC401\""),
        "the dangling reference is there"
    );
    // A document's text cannot end the script element it sits in.
    repo.write(
        "thoughts/shared/research/r3.md",
        &note("Research", "Ends </script> early", "complete", "", ""),
    );
    let html = repo.graph(&["--format", "html", "--all"]);
    assert_eq!(
        html.matches("</script>").count(),
        2,
        "the data and the script"
    );
}

#[test]
fn the_svg_draws_every_node_with_a_legend() {
    let repo = workspace();
    let svg = repo.graph(&["--format", "svg"]);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    // pr1, p1, r1, three code folders and the unconnected note.
    assert_eq!(svg.matches("<g class=\"node\"").count(), 7, "{svg}");
    assert!(svg.contains(">legend</text>"));
    assert!(svg.contains(">code · 3 folders</text>"));
    assert!(svg.trim_end().ends_with("</svg>"));
}

#[test]
fn since_without_a_history_is_an_error_that_names_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".doccheck.toml"), "").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_doccheck"))
        .args(["graph", "--since", "main"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--since needs a Git history"), "{stderr}");
}
