use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a file with a Markdown name whose content is binary (it holds
    /// NUL bytes), and skips it.
    ///
    /// ## Why is this bad?
    /// A binary file named `.md` is usually an export or an attachment saved
    /// under the wrong name; readers following a link to it get noise.
    ///
    /// ## Example
    /// ```text
    /// thoughts/shared/research/results.md   (a PDF renamed by mistake)
    /// ```
    ///
    /// ## How to fix
    /// Rename the file to its real extension, or exclude it in the
    /// configuration.
    BinaryFile, code = "DC503", name = "binary-file", severity = Error
}

pub fn diagnostic() -> Diagnostic {
    Diagnostic::new(
        &BinaryFile::META,
        Span::empty(0),
        "this file has a Markdown name but binary content",
    )
    .help("rename it to its real extension, or add it to `exclude` in the configuration")
}

#[cfg(test)]
mod tests {
    use super::BinaryFile;
    use crate::check::document::{Loaded, decode};

    #[test]
    fn binary_file() {
        assert!(matches!(decode(b"# Text only\n".to_vec()), Loaded::Text(_)));
        let Loaded::Problem(d) = decode(b"%PDF-1.7\n\x00\x01\x02binary".to_vec()) else {
            panic!("expected a finding");
        };
        assert_eq!(d.rule.code, BinaryFile::META.code);
    }
}
