//! JUnit XML: one test suite per file, one test case per finding, for CI
//! systems that only read test reports. Errors and warnings are failures;
//! an info (printed with `--show-infos`) is a passing case with its message
//! as output.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::Sources;
use crate::diagnostic::Diagnostic;
use crate::rules::Severity;

pub fn render(shown: &[&Diagnostic], sources: &Sources, out: &mut String) {
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for &d in shown {
        by_file.entry(&d.path).or_default().push(d);
    }
    let failures = |ds: &[&Diagnostic]| ds.iter().filter(|d| d.severity > Severity::Info).count();
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<testsuites name="doccheck" tests="{}" failures="{}">"#,
        shown.len(),
        failures(shown)
    );
    for (path, found) in by_file {
        let source = sources.get(path);
        let _ = writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{}">"#,
            xml(&source.name),
            found.len(),
            failures(&found)
        );
        for d in found {
            let at = source.position(d.span.start);
            let name = format!(
                "{}:{}:{} {} {}",
                source.name, at.line, at.column, d.rule.code, d.rule.name
            );
            let body = match &d.help {
                Some(help) => format!("{}\n{help}", d.message),
                None => d.message.clone(),
            };
            let _ = if d.severity == Severity::Info {
                writeln!(
                    out,
                    r#"    <testcase name="{}" classname="{}"><system-out>{}</system-out></testcase>"#,
                    xml(&name),
                    d.rule.code,
                    xml(&body)
                )
            } else {
                writeln!(
                    out,
                    r#"    <testcase name="{}" classname="{}"><failure type="{}" message="{}">{}</failure></testcase>"#,
                    xml(&name),
                    d.rule.code,
                    d.severity,
                    xml(&d.message),
                    xml(&body)
                )
            };
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
