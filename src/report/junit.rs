//! JUnit XML: one test suite per file, one failing test case per finding,
//! for CI systems that only read test reports.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::Sources;
use crate::check::Report;

pub fn render(report: &Report, sources: &Sources, out: &mut String) {
    let mut by_file: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, d) in report.diagnostics.iter().enumerate() {
        by_file.entry(&d.path).or_default().push(i);
    }
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<testsuites name="doccheck" tests="{0}" failures="{0}">"#,
        report.diagnostics.len()
    );
    for (path, indices) in by_file {
        let source = sources.get(path);
        let _ = writeln!(
            out,
            r#"  <testsuite name="{0}" tests="{1}" failures="{1}">"#,
            xml(&source.name),
            indices.len()
        );
        for i in indices {
            let d = &report.diagnostics[i];
            let at = source.position(d.span.start);
            let name = format!(
                "{}:{}:{} {} {}",
                source.name, at.line, at.column, d.rule.code, d.rule.name
            );
            let body = match &d.help {
                Some(help) => format!("{}\n{help}", d.message),
                None => d.message.clone(),
            };
            let _ = writeln!(
                out,
                r#"    <testcase name="{}" classname="{}"><failure type="{}" message="{}">{}</failure></testcase>"#,
                xml(&name),
                d.rule.code,
                d.severity,
                xml(&d.message),
                xml(&body)
            );
        }
        let _ = writeln!(out, "  </testsuite>");
    }
    let _ = writeln!(out, "</testsuites>");
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters, even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(
            super::xml("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;\u{FFFD}"
        );
    }
}
