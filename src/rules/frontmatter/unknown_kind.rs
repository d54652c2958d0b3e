use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a discriminator value (`type:` or `doc_type:`) that selects no
    /// document kind but is a near miss of one that exists (`reserch` for
    /// `research`). Values unlike any kind are left alone: they belong to
    /// kinds the project has not configured.
    ///
    /// ## Why is this bad?
    /// A typo in the type silently turns off every check of that kind: the
    /// document is no longer held to the research schema at all.
    ///
    /// ## Example
    /// ```yaml
    /// doc_type: reserch
    /// ```
    ///
    /// ## How to fix
    /// Correct the value, or add the kind to the configuration under
    /// `[kinds.<name>]` with `types = ["<value>"]`.
    UnknownKind, code = "DC114", name = "unknown-kind", severity = Warning
}

pub fn diagnostic(span: Span, key: &str, value: &str, suggestion: &str) -> Diagnostic {
    Diagnostic::new(
        &UnknownKind::META,
        span,
        format!("`{key}: {value}` names no document kind; did you mean `{suggestion}`?"),
    )
    .label("unknown kind")
    .help(format!(
        "write `{key}: {suggestion}`, or configure a kind with `types = [\"{value}\"]`"
    ))
}

#[cfg(test)]
mod tests {
    use super::UnknownKind;
    use crate::testing::{RESEARCH, Tester, doc};

    #[test]
    fn unknown_kind() {
        Tester::new(&UnknownKind::META)
            .path("docs/note.md")
            .pass([
                doc(&format!("doc_type: research\n{RESEARCH}")).as_str(),
                // Unlike any kind: a kind this project has not configured.
                &doc("doc_type: review"),
            ])
            .fail([doc("doc_type: reserch").as_str(), &doc("type: plans")])
            .snapshot();
    }

    #[test]
    fn discriminator_selects_the_kind() {
        Tester::new(&crate::rules::frontmatter::missing_required_key::MissingRequiredKey::META)
            .path("docs/note.md")
            .pass(["---\ntitle: not typed\n---\n"])
            .fail(["---\ndoc_type: plan\n---\n"]);
    }
}
