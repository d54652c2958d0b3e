use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that the frontmatter has every key the kind's schema requires.
    /// When a key with another spelling stands in for it (`commit` for
    /// `git_commit`), the help says which key to rename.
    ///
    /// ## Why is this bad?
    /// Required keys are what later checks and readers rely on: without
    /// `git_commit` nobody can tell which code a research note describes,
    /// and without `status` a plan cannot be gated.
    ///
    /// ## Example
    /// ```yaml
    /// date: 2025-12-12T15:17:08-06:00
    /// researcher: beth
    /// commit: ea45dd2     # the schema requires `git_commit`
    /// ```
    ///
    /// ## How to fix
    /// Add the key, or rename the key that holds its value.
    MissingRequiredKey, code = "DC105", name = "missing-required-key", severity = Error
}

/// One or more keys missing from the same mapping. `span` is the mapping's
/// own key, or the opening fence for the top level.
pub fn diagnostic(span: Span, keys: &[&str], within: &str) -> Diagnostic {
    let list = keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>();
    let (what, label) = match list.as_slice() {
        [one] => (
            format!("required key {one} is missing"),
            format!("{one} is required here"),
        ),
        [init @ .., last] => (
            format!("required keys {} and {last} are missing", init.join(", ")),
            format!("{} required keys are missing here", list.len()),
        ),
        [] => (String::new(), String::new()),
    };
    let message = if within.is_empty() {
        what
    } else {
        format!("{what} in `{within}`")
    };
    let example = keys
        .iter()
        .map(|k| format!("`{k}: …`"))
        .collect::<Vec<_>>()
        .join(", ");
    Diagnostic::new(&MissingRequiredKey::META, span, message)
        .label(label)
        .help(format!("add {example}"))
}

/// A required key written without a value (`date:`, `date: ~`,
/// `date: None`).
pub fn no_value(span: Span, key: &str) -> Diagnostic {
    Diagnostic::new(
        &MissingRequiredKey::META,
        span,
        format!("required key `{key}` has no value"),
    )
    .label("no value")
    .help(format!("write the value of `{key}`"))
}

/// A required key whose value sits under another key (an alias or a typo).
pub fn misnamed(span: Span, key: &str, other: &str) -> Diagnostic {
    Diagnostic::new(
        &MissingRequiredKey::META,
        span,
        format!("required key `{key}` is missing"),
    )
    .label(format!("should be `{key}`"))
    .help(format!("rename `{other}` to `{key}`"))
}

#[cfg(test)]
mod tests {
    use super::MissingRequiredKey;
    use crate::testing::{RESEARCH, Tester, doc, project_findings, research_with};

    #[test]
    fn missing_required_key() {
        Tester::new(&MissingRequiredKey::META)
            .pass([
                doc(RESEARCH).as_str(),
                &research_with("status", "status: in_progress"),
            ])
            .fail([
                research_with("researcher", "").as_str(),
                &research_with("git_commit", "commit: ea45dd2"),
                &research_with("researcher", "reseacher: beth"),
                "---\n---\n# Empty frontmatter\n",
                &research_with("date", "date:"),
                &research_with("date", "date: ~"),
                &research_with("date", "date: None"),
                &research_with("date", "date: ''"),
            ])
            .snapshot();
    }

    #[test]
    fn no_value_is_one_finding() {
        for empty in ["date:", "date: ~", "date: null", "date: None", "date: ''"] {
            let text = research_with("date", empty);
            let found: Vec<String> = project_findings(&[(
                "thoughts/shared/research/2025-12-12_15-17_topic.md",
                text.as_str(),
            )])
            .into_iter()
            .filter(|d| d.rule.code != "DC405")
            .map(|d| format!("{} {}", d.rule.code, d.message))
            .collect();
            assert_eq!(found, ["DC105 required key `date` has no value"], "{empty}");
        }
        // Optional and empty: as if it were not there.
        let schema =
            r#"{"type": "object", "properties": {"due": {"type": "string", "format": "date"}}}"#;
        Tester::new(&MissingRequiredKey::META)
            .file("s.json", schema)
            .config("[kinds.research]\nschema = \"s.json\"\n")
            .pass([doc("due: None").as_str(), &doc("due:")]);
        // A schema that allows null keeps it.
        let schema = r#"{"type": "object", "required": ["due"], "properties": {"due": {"type": ["string", "null"]}}}"#;
        Tester::new(&MissingRequiredKey::META)
            .file("s.json", schema)
            .config("[kinds.research]\nschema = \"s.json\"\n")
            .pass([doc("due: ~").as_str()]);
    }

    #[test]
    fn nested_required_keys_point_at_their_mapping() {
        let schema = r#"{"type": "object", "properties": {"run": {"type": "object", "required": ["seed"]}}}"#;
        Tester::new(&MissingRequiredKey::META)
            .file("s.json", schema)
            .config("[kinds.research]\nschema = \"s.json\"\n")
            .pass([doc("run:\n  seed: 42").as_str()])
            .fail([doc("run:\n  lr: 0.1").as_str()]);
    }
}
