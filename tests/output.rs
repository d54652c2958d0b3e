//! Where findings go besides standard output: `-o FILE`, SARIF for code
//! scanning, and the CI step summary.

use std::path::Path;
use std::process::{Command, Output};

/// `doccheck check --no-git --output-format FORMAT fixtures/example`, with
/// extra environment variables.
fn check_example(format: &str, env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_doccheck"));
    command
        .args([
            "check",
            "--no-git",
            "--output-format",
            format,
            "fixtures/example",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

#[test]
fn output_file_receives_the_findings() {
    let dir = tempfile::tempdir().unwrap();
    let research = dir.path().join("thoughts/shared/research");
    std::fs::create_dir_all(&research).unwrap();
    std::fs::write(dir.path().join(".doccheck.toml"), "").unwrap();
    std::fs::write(research.join("2025-12-12_15-17_a.md"), "# No frontmatter\n").unwrap();
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
        "thoughts/shared/research/2025-12-12_15-17_a.md:1:1: error DC101 this research document has no frontmatter\n\
         Found 1 error in 1 document.\n\
         1 info not shown (`--show-infos` shows them).\n"
    );
}

/// The SARIF output of the example workspace is valid against the official
/// SARIF 2.1.0 schema (tests/data).
#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = check_example("sarif", &[]);
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    // The schema's pattern for `language` (on runs and tool components) is
    // valid ECMAScript that jsonschema's meta-schema check refuses; doccheck
    // never emits `language`, so dropping that pattern leaves the validation
    // of our output intact.
    for definition in schema["definitions"].as_object_mut().unwrap().values_mut() {
        if let Some(language) = definition
            .pointer_mut("/properties/language")
            .and_then(|l| l.as_object_mut())
        {
            language.remove("pattern");
        }
    }
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(
        results
            .iter()
            .all(|r| r["partialFingerprints"]["doccheck/v1"].is_string())
    );
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), doccheck::rules::ALL.len());
    // Every rule links to its section of the published documentation, at
    // the tag of this version.
    let docs = std::fs::read_to_string(root.join("docs/rules.md")).unwrap();
    let anchors =
        doccheck::parse::markdown::scan(&docs, 0, &mut doccheck::suppress::Builder::default())
            .anchors;
    let prefix = format!(
        "{}/blob/v{}/docs/rules.md#",
        env!("CARGO_PKG_REPOSITORY"),
        env!("CARGO_PKG_VERSION")
    );
    assert!(prefix.starts_with("https://"), "{prefix}");
    for rule in rules {
        let uri = rule["helpUri"].as_str().unwrap_or_default();
        let fragment = uri.strip_prefix(&prefix).unwrap_or_else(|| panic!("{uri}"));
        assert!(
            anchors.binary_search(&fragment.into()).is_ok(),
            "{uri}: docs/rules.md has no such section"
        );
    }
    assert_eq!(
        sarif["runs"][0]["tool"]["driver"]["informationUri"],
        env!("CARGO_PKG_REPOSITORY")
    );
}

/// With `GITHUB_STEP_SUMMARY` set, a Markdown summary is appended to that
/// file: counts, findings per rule, and a Mermaid graph of the gaps.
#[test]
fn step_summary_is_appended() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let out = check_example("concise", &[("GITHUB_STEP_SUMMARY", &summary)]);
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("earlier step\n## doccheck\n"), "{text}");
    assert!(
        text.contains("| DC105 `missing-required-key` | 2 |"),
        "{text}"
    );
    assert!(text.contains("### Graph gaps\n\n```mermaid\n"), "{text}");
    assert!(text.contains("\nflowchart LR\n"), "{text}");
    assert!(
        text.contains(
            "fixtures/example/thoughts/shared/plans/2026-11-22_10-30_config-restructure.md"
        ),
        "{text}"
    );
}
