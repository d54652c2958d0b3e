//! Inputs that cannot live in a committed fixture tree: a 50 MB document,
//! symbolic links that loop or leave the project, a FIFO. Each gets a
//! finding, nothing hangs, and the valid document beside them is checked.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const VALID: &str = "---
date: 2025-12-12T15:17:08-06:00
researcher: beth
git_commit: ea45dd2
branch: main
repository: sec-finetune
topic: Data versioning
tags: [mlops]
status: completed
last_updated: 2025-12-12
last_updated_by: beth
---
";

fn json(root: &Path) -> (serde_json::Value, i32, Duration) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_doccheck"))
        .args(["check", "--output-format", "json", "--ignore", "DC4"])
        .current_dir(root)
        .output()
        .expect("doccheck runs");
    let elapsed = started.elapsed();
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (value, out.status.code().unwrap_or(-1), elapsed)
}

fn codes_by_file(report: &serde_json::Value) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap();
            let file = path.rsplit('/').next().unwrap().to_owned();
            (file, d["code"].as_str().unwrap().to_owned())
        })
        .collect();
    found.sort();
    found
}

#[test]
fn hostile_files_get_findings_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside.md");
    std::fs::write(&outside, "# Not part of the project\n").unwrap();
    let root = dir.path().join("project");
    let research = root.join("thoughts/shared/research");
    std::fs::create_dir_all(&research).unwrap();
    std::fs::write(root.join(".doccheck.toml"), "").unwrap();

    std::fs::write(research.join("valid.md"), VALID).unwrap();
    // 50 MB of real Markdown, not a sparse file.
    let line = "A long generated table row | with | several | cells | and more text to fill it |\n";
    let mut big = String::with_capacity(50 * 1024 * 1024 + line.len());
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(line);
    }
    std::fs::write(research.join("huge.md"), big).unwrap();
    std::os::unix::fs::symlink(research.join("loop.md"), research.join("loop.md")).unwrap();
    std::os::unix::fs::symlink(&outside, research.join("escape.md")).unwrap();
    std::os::unix::fs::symlink(research.join("gone.md"), research.join("dangling.md")).unwrap();
    std::os::unix::fs::symlink(&research, root.join("research-link.md")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(research.join("pipe.md"))
            .status()
            .unwrap()
            .success()
    );

    let (report, code, elapsed) = json(&root);
    assert_eq!(code, 1);
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");
    assert_eq!(
        codes_by_file(&report),
        [
            ("dangling.md".to_owned(), "DC501".to_owned()),
            ("escape.md".to_owned(), "DC501".to_owned()),
            ("huge.md".to_owned(), "DC504".to_owned()),
            ("loop.md".to_owned(), "DC501".to_owned()),
            ("pipe.md".to_owned(), "DC501".to_owned()),
            // Six research notes, none named by date: this repository's
            // naming, not the built-in one, so no DC514.
            ("valid.md".to_owned(), "DC107".to_owned()),
        ]
    );
    let escape = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("escape.md"))
        .unwrap();
    assert!(
        escape["message"]
            .as_str()
            .unwrap()
            .contains("outside the repository")
    );
}

#[test]
fn not_a_repository_and_no_config_checks_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let research = dir.path().join("thoughts/shared/research");
    std::fs::create_dir_all(&research).unwrap();
    std::fs::write(
        research.join("a.md"),
        VALID.replace("status: completed", "status: complete"),
    )
    .unwrap();
    let (report, code, _) = json(dir.path());
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["summary"]["documents"], 1);
}

#[test]
fn a_graph_too_large_for_mermaid_is_grouped_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join(".doccheck.toml"), "").unwrap();
    let research = root.join("thoughts/shared/research");
    let plans = root.join("thoughts/shared/plans");
    std::fs::create_dir_all(&research).unwrap();
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::write(research.join("r.md"), VALID).unwrap();
    for i in 0..600 {
        std::fs::write(
            plans.join(format!("p{i}.md")),
            format!("# Plan {i}\n\n[research](../research/r.md)\n"),
        )
        .unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_doccheck"))
        .args(["graph", "--format", "mermaid", "--no-git"])
        .current_dir(root)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(
        text.starts_with("%% 601 documents and 600 arrows"),
        "{text}"
    );
    // In the direction of the work: from the research to the plans.
    assert!(text.contains("g_research -->|\"×600\"| g_plan"), "{text}");
}
