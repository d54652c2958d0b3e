//! `-o FILE`: the findings go to the file, nothing to standard output, and
//! the exit status still reflects them.

use std::process::Command;

#[test]
fn output_file_receives_the_findings() {
    let dir = tempfile::tempdir().unwrap();
    let research = dir.path().join("thoughts/shared/research");
    std::fs::create_dir_all(&research).unwrap();
    std::fs::write(dir.path().join(".doccheck.toml"), "").unwrap();
    std::fs::write(research.join("a.md"), "# No frontmatter\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_doccheck"))
        .args([
            "check",
            "--no-git",
            "--output-format",
            "concise",
            "-o",
            "findings.txt",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(dir.path().join("findings.txt")).unwrap();
    assert_eq!(
        written,
        "thoughts/shared/research/a.md:1:1: DC101 this research document has no frontmatter\n\
         thoughts/shared/research/a.md:1:1: DC405 this research document is not connected to any other document\n\
         Found 1 error and 1 info in 1 document.\n"
    );
}
