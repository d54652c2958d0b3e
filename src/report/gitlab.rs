//! GitLab Code Quality report: a JSON array GitLab shows in merge requests.
//! Fingerprints do not depend on line numbers, so a finding keeps its
//! identity when lines are added above it.

use serde::Serialize;

use super::{Sources, fingerprint};
use crate::diagnostic::Diagnostic;
use crate::rules::Severity;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

pub fn render(shown: &[&Diagnostic], sources: &Sources, out: &mut String) {
    let issues: Vec<Issue<'_>> = shown
        .iter()
        .map(|d| {
            let source = sources.get(&d.path);
            Issue {
                description: d.message.clone(),
                check_name: format!("{} {}", d.rule.code, d.rule.name),
                fingerprint: fingerprint::hex(d.fingerprint),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                location: Location {
                    path: &source.name,
                    lines: Lines {
                        begin: source.position(d.span.start).line,
                    },
                },
            }
        })
        .collect();
    out.push_str(&serde_json::to_string_pretty(&issues).expect("the report serializes"));
    out.push('\n');
}
