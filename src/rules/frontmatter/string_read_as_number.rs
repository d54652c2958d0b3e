use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports an unquoted value that YAML reads as a number where the schema
    /// expects a string: an all-digit commit SHA such as `0123456`, or one
    /// that looks like an exponent such as `1234e56`. doccheck goes on with
    /// the text as written, so later checks see `0123456`, not `123456`.
    ///
    /// ## Why is this bad?
    /// YAML 1.2 turns `0123456` into the integer 123456 and `1234e56` into
    /// 1.234e59. Every other tool that reads the frontmatter gets a number,
    /// and a SHA with its leading zero or its letters gone names a different
    /// commit or none at all.
    ///
    /// ## Example
    /// ```yaml
    /// git_commit: 0123456
    /// ```
    ///
    /// ## How to fix
    /// Quote the value: `git_commit: "0123456"`.
    StringReadAsNumber, code = "DC111", name = "string-read-as-number", severity = Warning
}

pub fn diagnostic(span: Span, field: &str, raw: &str) -> Diagnostic {
    Diagnostic::new(
        &StringReadAsNumber::META,
        span,
        format!(
            "YAML reads `{raw}` in `{field}` as a number, not as the string the schema expects"
        ),
    )
    .label("read as a number")
    .help(if field.ends_with(']') {
        format!("quote it: `\"{raw}\"`")
    } else {
        format!("quote it: `{field}: \"{raw}\"`")
    })
}

#[cfg(test)]
mod tests {
    use super::StringReadAsNumber;
    use crate::testing::{RESEARCH, Tester, doc, research_with};

    #[test]
    fn string_read_as_number() {
        Tester::new(&StringReadAsNumber::META)
            .pass([
                doc(RESEARCH).as_str(),
                &research_with("git_commit", "git_commit: \"0123456\""),
                &research_with("git_commit", "git_commit: '1234e56'"),
            ])
            .fail([
                research_with("git_commit", "git_commit: 0123456").as_str(),
                &research_with("git_commit", "git_commit: 1234e56"),
                &research_with("git_commit", "git_commit: 12345678901234567890123"),
                &research_with("tags", "tags: [2024, mlops]"),
            ])
            .snapshot();
    }

    #[test]
    fn validation_goes_on_with_the_raw_text() {
        // Once quoted in spirit, `0123456` is a valid string: no type error.
        Tester::new(&crate::rules::frontmatter::wrong_type::WrongType::META).pass([research_with(
            "git_commit",
            "git_commit: 0123456",
        )
        .as_str()]);
    }
}
