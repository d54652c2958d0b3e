//! GitHub Actions workflow commands: one `::error` / `::warning` / `::notice`
//! line per finding, which GitHub shows as an annotation on the file.

use std::fmt::Write;

use super::Sources;
use crate::check::Report;
use crate::diagnostic::Diagnostic;
use crate::rules::Severity;

/// GitHub shows only the first few annotations of a step on the pull
/// request, so findings on lines the change wrote come first, then the rest
/// of the changed files, then everything else, each group in file order.
pub fn render(report: &Report, shown: &[&Diagnostic], sources: &Sources, out: &mut String) {
    let mut ordered: Vec<_> = shown
        .iter()
        .map(|&d| {
            let line = sources.get(&d.path).position(d.span.start).line;
            let rank = match report.changed_lines.get(&d.path) {
                Some(lines) if lines.contains(line) => 0,
                Some(_) => 1,
                None => 2,
            };
            (rank, d)
        })
        .collect();
    ordered.sort_by_key(|&(rank, _)| rank);
    for (_, d) in ordered {
        let source = sources.get(&d.path);
        let start = source.position(d.span.start);
        let end = source.position(d.span.end);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let message = match &d.help {
            Some(help) => format!("{}\n{help}", d.message),
            None => d.message.clone(),
        };
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&source.name),
            start.line,
            start.column,
            end.line,
            end.column,
            property(&format!("{} {}", d.rule.code, d.rule.name)),
            data(&message)
        );
    }
}

/// Escapes a command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value, where `:` and `,` are separators.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("50% done\nnext\r"), "50%25 done%0Anext%0D");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
