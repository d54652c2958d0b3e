//! The JSON report of SPEC §3: one object with a summary and the findings.

use serde::Serialize;

use super::Sources;
use crate::check::Report;
use crate::rules::Severity;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    summary: Summary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Summary {
    documents: usize,
    errors: usize,
    warnings: usize,
    elapsed_ms: u64,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: &'a str,
}

pub fn render(report: &Report, sources: &Sources, out: &mut String) {
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| {
            let source = sources.get(&d.path);
            let start = source.position(d.span.start);
            let end = source.position(d.span.end);
            JsonDiagnostic {
                code: d.rule.code,
                name: d.rule.name,
                severity: d.severity.as_str(),
                path: &source.name,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                message: &d.message,
                help: d.help.as_deref().unwrap_or_default(),
            }
        })
        .collect();
    let value = JsonReport {
        version: 1,
        summary: Summary {
            documents: report.documents,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            elapsed_ms: u64::try_from(report.elapsed.as_millis()).unwrap_or(u64::MAX),
        },
        diagnostics,
    };
    out.push_str(&serde_json::to_string_pretty(&value).expect("the report serializes"));
    out.push('\n');
}
