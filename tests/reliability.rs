//! Issue 16's defects, each reproduced end to end on the binary: no panic,
//! no read or write outside the project, no fail-open exit.

use std::path::Path;
use std::process::{Command, Output};

fn doccheck(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doccheck"))
        .args(args)
        .current_dir(dir)
        .env("COLUMNS", "100")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .expect("doccheck runs")
}

fn text(out: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A project folder with an empty configuration, inside a temporary folder
/// that stands for "outside the project".
fn project() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    std::fs::create_dir(&root).unwrap();
    write(&root, ".doccheck.toml", "");
    (dir, root)
}

#[test]
fn a_bare_file_name_is_checked() {
    let (_dir, root) = project();
    write(&root, "README.md", "# Read me\n");
    let out = doccheck(&root, &["check", "--no-git", "README.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 document"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_finding_past_column_65535_is_shown_trimmed_around_its_span() {
    let (_dir, root) = project();
    let row = format!("| {} [plan](missing.md) | tail |", "x".repeat(70_000));
    write(&root, "table.md", &format!("# Table\n\n{row}\nnext line\n"));
    let out = doccheck(&root, &["check", "--no-git", "--color", "never"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The header points at the link's real column.
    let column = row.find("missing.md").unwrap() + 1;
    assert!(
        stdout.contains(&format!("table.md:3:{column}]")),
        "{stdout}"
    );
    let frame = stdout
        .lines()
        .find(|l| l.starts_with(" 3 │ "))
        .unwrap_or_else(|| panic!("no frame line 3: {stdout}"));
    assert!(frame.chars().count() <= 100, "{frame}");
    assert!(frame.starts_with(" 3 │ …x") && frame.contains("[plan](missing.md) | tail |"));
    // The label's underline sits under the link target in the trimmed line.
    let under = stdout
        .lines()
        .skip_while(|l| !l.starts_with(" 3 │ "))
        .nth(1)
        .unwrap();
    let at = |s: &str, i: usize| s.char_indices().position(|(b, _)| b == i).unwrap();
    let link = at(frame, frame.find("missing.md").unwrap());
    let mark = at(under, under.find(['─', '┬', '▲']).unwrap());
    assert_eq!(mark, link, "{frame}\n{under}");
}
