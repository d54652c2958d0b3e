use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that a link's `#fragment` matches an anchor in the target
    /// Markdown file (or in the same file): a heading's id by GitHub's slug
    /// rules (`## Next steps (v2)` is `#next-steps-v2`, a repeated heading
    /// gets `-1`, `-2`, …) or an explicit `<a id>` / `<a name>`. `#top` and
    /// `#user-content-…` forms are accepted.
    ///
    /// ## Why is this bad?
    /// The page opens at the top instead of the cited section; after a
    /// heading is renamed, every link to it silently stops working.
    ///
    /// ## Example
    /// ```markdown
    /// [results](2025-12-12_data-versioning.md#result)   <!-- heading is "Results" -->
    /// ```
    ///
    /// ## How to fix
    /// Use the anchor of the current heading; the help suggests the nearest.
    BrokenAnchor, code = "DC304", name = "broken-anchor", severity = Error
}

pub fn diagnostic(
    span: Span,
    fragment: &str,
    target: &str,
    suggestion: Option<&str>,
) -> Diagnostic {
    let help = match suggestion {
        Some(s) => format!("did you mean `#{s}`?"),
        None => format!("link to one of the headings of `{target}`"),
    };
    Diagnostic::new(
        &BrokenAnchor::META,
        span,
        format!("`#{fragment}` matches no heading or anchor in `{target}`"),
    )
    .label("no such anchor")
    .help(help)
}
