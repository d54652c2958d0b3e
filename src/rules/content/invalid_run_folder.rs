use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that a run's `run_config.yaml` sits in a folder named
    /// `{YYYYMMDD_HHMMSS}_{name}` whose timestamp is a real date and time, as
    /// RunContext creates them (`20251212_151708_sentiment_baseline`).
    ///
    /// ## Why is this bad?
    /// The folder name is the run's id: experiments cite it as `run_id`, and its
    /// timestamp orders the runs. A hand-made folder (`baseline_final/`) or an
    /// impossible time (`20251212_256000_x`) breaks both.
    ///
    /// ## Example
    /// ```text
    /// data/processed/labeled/baseline_final/run_config.yaml
    /// ```
    ///
    /// ## How to fix
    /// Rename the folder to the run's start time and name, and update the
    /// references to it.
    InvalidRunFolder, code = "DC516", name = "invalid-run-folder", severity = Error
}

pub fn diagnostic(span: Span, folder: &str) -> Diagnostic {
    Diagnostic::new(
        &InvalidRunFolder::META,
        span,
        format!("run folder `{folder}` is not named `YYYYMMDD_HHMMSS_name` with a valid timestamp"),
    )
    .help("name the folder after the run's start time and name, e.g. `20251212_151708_baseline`")
}

#[cfg(test)]
mod tests {
    use super::InvalidRunFolder;
    use crate::testing::*;

    #[test]
    fn invalid_run_folder() {
        let config = "name: baseline\nseed: 42\ndata_version: ea45dd2\n";
        Tester::new(&InvalidRunFolder::META)
            .path("data/labeled/20251212_151708_baseline/run_config.yaml")
            .pass([config]);
        Tester::new(&InvalidRunFolder::META)
            .path("data/labeled/baseline_final/run_config.yaml")
            .fail([config]);
        Tester::new(&InvalidRunFolder::META)
            .path("data/labeled/20251312_151708_baseline/run_config.yaml")
            .fail([config])
            .snapshot();
    }
}
