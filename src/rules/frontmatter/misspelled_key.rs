use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a frontmatter key that is a known alias of a declared key
    /// (`commit` or `git_sha` for `git_commit`, `author` for `researcher`,
    /// `title` for `topic`) or a near miss of one (`reseacher`), when the
    /// declared key itself is absent. Aliases are listed in the schema under
    /// `x-aliases`.
    ///
    /// ## Why is this bad?
    /// Teams drift between spellings and every script has to guess. The
    /// value is there, but under a name no tool looks for.
    ///
    /// ## Example
    /// ```yaml
    /// commit: ea45dd2
    /// ```
    ///
    /// ## How to fix
    /// Rename the key to the schema's name (`git_commit: ea45dd2`).
    MisspelledKey, code = "DC109", name = "misspelled-key", severity = Warning
}

pub fn diagnostic(span: Span, key: &str, declared: &str, is_alias: bool) -> Diagnostic {
    let message = if is_alias {
        format!("`{key}` is an alias; the schema names this key `{declared}`")
    } else {
        format!("unknown key `{key}`; did you mean `{declared}`?")
    };
    Diagnostic::new(&MisspelledKey::META, span, message)
        .label(format!("should be `{declared}`"))
        .help(format!("rename `{key}` to `{declared}`"))
}

#[cfg(test)]
mod tests {
    use super::MisspelledKey;
    use crate::testing::{RESEARCH, Tester, doc};

    const OPTIONAL: &str = r#"{"type": "object", "properties": {
        "git_commit": {"type": "string", "x-aliases": ["commit", "git_sha"]},
        "related_research": {"type": "string"}}}"#;

    #[test]
    fn misspelled_key() {
        Tester::new(&MisspelledKey::META)
            .file("s.json", OPTIONAL)
            .config("[kinds.research]\nschema = \"s.json\"\n")
            .pass([
                doc("git_commit: ea45dd2").as_str(),
                // A team's own extra keys are fine when the schema is open.
                &doc("ticket_id: ENG-12\nreviewers: [sam]"),
                // Both spellings present: nothing to rename.
                &doc("git_commit: ea45dd2\ncommit: ea45dd2"),
            ])
            .fail([
                doc("git_sha: ea45dd2").as_str(),
                &doc("related_reserch: a.md"),
            ])
            .snapshot();
    }

    #[test]
    fn required_keys_are_missing_required_key_instead() {
        Tester::new(&MisspelledKey::META)
            .pass([doc(&RESEARCH.replace("researcher:", "reseacher:")).as_str()]);
    }
}
