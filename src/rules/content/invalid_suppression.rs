use crate::diagnostic::Diagnostic;
use crate::rules::{self, declare_rule};
use crate::suggest;
use crate::suppress::{DIRECTIVES, Invalid, Problem};

declare_rule! {
    /// ## What it does
    /// Reports a suppression comment doccheck cannot follow: an unknown
    /// directive (`<!-- doccheck-disabel DC301 -->`), a selector that names no
    /// rule (`DC208:` or `broken-links`), or a frontmatter
    /// `# doccheck: ignore` followed by something other than `[CODES]`.
    ///
    /// ## Why is this bad?
    /// Such a comment silences nothing, so the finding it was written for
    /// keeps failing the check, and nothing else says why. Words after the
    /// codes are read as more codes: a reason needs its separator.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- doccheck-disable-next-line DC208: an example path -->
    /// Code references such as `src/config.py:183-243` are checked.
    /// ```
    ///
    /// ## How to fix
    /// Name rules by code (`DC208`), name (`broken-code-reference`) or code
    /// prefix (`DC2`), separated by spaces or commas, and put a reason after
    /// ` -- `: `<!-- doccheck-disable-next-line DC208 -- an example path -->`.
    /// The directives are `doccheck-disable`, `doccheck-enable`,
    /// `doccheck-disable-next-line` and `doccheck-disable-file`; in
    /// frontmatter, `# doccheck: ignore[DC107]`.
    InvalidSuppression, code = "DC517", name = "invalid-suppression", severity = Warning
}

pub fn diagnostic(invalid: &Invalid) -> Diagnostic {
    let d = Diagnostic::new(
        &InvalidSuppression::META,
        invalid.span,
        message(&invalid.problem),
    );
    match &invalid.problem {
        Problem::UnknownDirective(word) => {
            let known = DIRECTIVES.map(|w| format!("`doccheck-{w}`")).join(", ");
            let help = match suggest::closest(word, DIRECTIVES) {
                Some(w) => format!("did you mean `doccheck-{w}`? The directives are {known}"),
                None => format!("the directives are {known}"),
            };
            d.label("not a directive").help(help)
        }
        Problem::UnknownRule(selectors) => {
            let names = rules::ALL.iter().flat_map(|r| [r.code, r.name]);
            const USAGE: &str = "by code (`DC301`), name (`broken-link`) or code prefix \
                                 (`DC3`), with any reason after ` -- `";
            // `DC208:` is most likely `DC208` followed by a reason.
            let first = selectors
                .first()
                .map_or("", |s| s.trim_matches(|c: char| !c.is_alphanumeric()));
            let help = match suggest::unique_closest(first, names) {
                Some(rule) => format!("did you mean `{rule}`? Name rules {USAGE}"),
                None => format!("name rules {USAGE}"),
            };
            d.label(if selectors.len() == 1 {
                "no such rule"
            } else {
                "no such rules"
            })
            .help(help)
        }
        Problem::MissingBrackets => d.label("expected `[CODES]`").help(
            "write `# doccheck: ignore[DC107]`, or `# doccheck: ignore` alone for every rule",
        ),
    }
}

fn message(problem: &Problem) -> String {
    match problem {
        Problem::UnknownDirective(word) => {
            format!("`doccheck-{word}` is not a doccheck directive; it silences nothing")
        }
        Problem::UnknownRule(selectors) => match selectors.as_slice() {
            [one] => format!("`{one}` names no rule; the directive does not silence it"),
            [first, rest @ ..] => format!(
                "`{first}` and {} other word{} name no rule; the directive does not silence them",
                rest.len(),
                if rest.len() == 1 { "" } else { "s" }
            ),
            [] => "the directive names no rule".to_owned(),
        },
        Problem::MissingBrackets => {
            "`# doccheck: ignore` must be followed by rule codes in brackets; it silences nothing"
                .to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::InvalidSuppression;
    use crate::testing::*;

    const NOTE: &str = "# Notes\n\nSee [the plan](plan.md).\n";

    #[test]
    fn invalid_suppression() {
        Tester::new(&InvalidSuppression::META)
            .path("docs/notes.md")
            .pass([
                NOTE,
                &format!("<!-- doccheck-disable-next-line DC301 -- moved later -->\n{NOTE}"),
                &format!(
                    "<!-- doccheck-disable broken-link, DC2 -->\n{NOTE}<!-- doccheck-enable -->\n"
                ),
                &format!("<!-- doccheck-disable-file -->\n{NOTE}"),
                &format!("<!-- a comment -->\n{NOTE}"),
                &research_with(
                    "status",
                    "status: done  # doccheck: ignore[DC107] -- legacy",
                ),
                &research_with("status", "status: done  # doccheck: ignore [DC107]"),
                &research_with("status", "status: done  # doccheck: ignore"),
            ])
            .fail([
                format!("<!-- doccheck-disabel DC301 -->\n{NOTE}").as_str(),
                format!("<!-- doccheck-disable-file DC301: moved later -->\n{NOTE}").as_str(),
                format!("<!-- doccheck-disable-next-line broken-links -->\n{NOTE}").as_str(),
                &research_with("status", "status: done  # doccheck: ignore DC107"),
                &research_with("status", "status: done  # doccheck: ignore[DC10x]"),
            ])
            .snapshot();
    }
}
