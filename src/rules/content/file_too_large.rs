use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a document larger than 10 MiB and skips it.
    ///
    /// ## Why is this bad?
    /// Notes and plans are read by people; a Markdown file this large is a
    /// generated dump (a log, an exported table) checked in by mistake, and
    /// it slows every tool that opens it. Nothing in it is checked, so it
    /// fails the gate rather than passing unread.
    ///
    /// ## Example
    /// ```text
    /// experiments/exp-042/full_training_log.md   (52 MB)
    /// ```
    ///
    /// ## How to fix
    /// Keep generated output out of the documents (link to it instead), or
    /// exclude the path in the configuration.
    FileTooLarge, code = "DC504", name = "file-too-large", severity = Error
}

pub const LIMIT: u64 = 10 * 1024 * 1024;

pub fn diagnostic(size: u64) -> Diagnostic {
    Diagnostic::new(
        &FileTooLarge::META,
        Span::empty(0),
        format!(
            "this document is {:.1} MiB, over the {} MiB limit; it was not checked",
            size as f64 / 1_048_576.0,
            LIMIT / 1_048_576
        ),
    )
    .help(
        "link to large generated output instead of committing it as Markdown, or exclude the path",
    )
}

#[cfg(test)]
mod tests {
    use super::{FileTooLarge, LIMIT};
    use crate::testing::read_finding;

    #[test]
    fn file_too_large() {
        let finding = read_finding(|root| {
            let f = root.join("huge.md");
            let file = std::fs::File::create(&f).unwrap();
            // Sparse: the size is what matters, not the bytes.
            file.set_len(LIMIT + 1).unwrap();
            f
        });
        assert_eq!(finding.map(|d| d.rule.code), Some(FileTooLarge::META.code));
        let small = read_finding(|root| {
            let f = root.join("small.md");
            std::fs::write(&f, "# Small\n").unwrap();
            f
        });
        assert!(small.is_none());
    }
}
