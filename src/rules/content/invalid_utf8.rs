use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a document that is not valid UTF-8, at the first invalid byte.
    /// The rest of the file is not checked.
    ///
    /// ## Why is this bad?
    /// Markdown on GitHub and in every editor is UTF-8. A file saved in
    /// Latin-1 or Windows-1252 shows garbled names and symbols, and its
    /// metadata cannot be trusted.
    ///
    /// ## Example
    /// A note saved by an old editor in Windows-1252: `Caf\xe9` instead of
    /// `Café`.
    ///
    /// ## How to fix
    /// Re-encode the file as UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8`.
    InvalidUtf8, code = "DC502", name = "invalid-utf8", severity = Error
}

pub fn diagnostic(offset: usize) -> Diagnostic {
    Diagnostic::new(
        &InvalidUtf8::META,
        Span::new(offset, offset + 1),
        format!("this document is not valid UTF-8 (first invalid byte at offset {offset})"),
    )
    .label("invalid UTF-8")
    .help("re-encode the file as UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8`")
}

#[cfg(test)]
mod tests {
    use super::InvalidUtf8;
    use crate::check::document::{Loaded, decode};

    #[test]
    fn invalid_utf8() {
        assert!(matches!(
            decode("Café\n".as_bytes().to_vec()),
            Loaded::Text(_)
        ));
        let Loaded::Problem(d) = decode(b"# Caf\xe9\n".to_vec()) else {
            panic!("expected a finding");
        };
        assert_eq!(d.rule.code, InvalidUtf8::META.code);
        assert_eq!(d.span.start, 5);
    }
}
