use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that an experiment log names the random seed and the commit of
    /// the code it ran. A seed is any field whose name contains `seed`
    /// (`**Random Seed**: 42`, `random_seeds.global_seed`); a commit is any
    /// commit field (`git_commit`, `**Commit SHA**:` under `**Code Version**:`,
    /// `data_version`), which the git rules then verify. The other required
    /// facts (objective, hypothesis, success criteria, dataset version, status)
    /// are required keys of the experiment schema.
    ///
    /// ## Why is this bad?
    /// Without the seed and the commit, a result cannot be reproduced, and an
    /// experiment log that cannot be reproduced is an anecdote.
    ///
    /// ## Example
    /// ```markdown
    /// **Experiment ID**: exp-123
    /// …
    /// (no seed, no commit anywhere)
    /// ```
    ///
    /// ## How to fix
    /// Add `**Random Seed**: 42` and the commit under `**Code Version**:`
    /// (`- Commit SHA: ea45dd2`) or a `git_commit` key in the frontmatter.
    MissingReproducibilityInfo, code = "DC509", name = "missing-reproducibility-info", severity = Error
}

pub fn diagnostic(span: Span, missing: &[&str]) -> Diagnostic {
    Diagnostic::new(
        &MissingReproducibilityInfo::META,
        span,
        format!("this experiment does not record {}", missing.join(" or ")),
    )
    .label("in this experiment")
    .help("add `**Random Seed**: …` and the commit (`- Commit SHA: …` under `**Code Version**:`, or `git_commit:`)")
}

#[cfg(test)]
mod tests {
    use super::MissingReproducibilityInfo;
    use crate::testing::*;

    #[test]
    fn missing_reproducibility_info() {
        Tester::new(&MissingReproducibilityInfo::META)
            .path("experiments/exp-123.md")
            .pass([
                EXPERIMENT,
                "---\nexperiment_id: exp-1\ndate: 2025-01-15\nobjective: o\nhypothesis: h\nsuccess_criteria: s\ndataset_version: 3\nstatus: running\nrandom_seed: 7\ngit_commit: ea45dd2\n---\n# E\n",
            ])
            .fail([
                EXPERIMENT.replace("- Random Seed: 42\n", "").as_str(),
                EXPERIMENT.replace("- Commit SHA: ea45dd2\n", "").as_str(),
            ])
            .snapshot();
    }
}
