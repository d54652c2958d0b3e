use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a cycle of chain references: documents that supersede,
    /// extend or descend from each other in a loop. A chain is a reference
    /// field the schema marks `"x-chain": true` (built in: a decision's
    /// `supersedes` / `superseded_by`, an experiment's parent). Body links
    /// and other references (`related` experiments, a run and the
    /// experiment citing it) may point back and forth.
    ///
    /// ## Why is this bad?
    /// A chain such as `supersedes` must end somewhere: in a loop no
    /// document is the current one, and tools that follow the chain never
    /// stop.
    ///
    /// ## Example
    /// ```yaml
    /// # adr-002.md
    /// supersedes: adr-003.md
    /// # adr-003.md
    /// supersedes: adr-002.md
    /// ```
    ///
    /// ## How to fix
    /// Remove the reference that points backwards in the chain.
    ReferenceCycle, code = "DC404", name = "reference-cycle", severity = Error
}

pub fn diagnostic(span: Span, cycle: &[&str]) -> Diagnostic {
    let path = cycle
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(" → ");
    Diagnostic::new(
        &ReferenceCycle::META,
        span,
        format!("reference fields form a cycle: {path}"),
    )
    .label("closes the cycle")
    .help("remove the reference that points backwards in the chain")
}
