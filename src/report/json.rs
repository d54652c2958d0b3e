//! The JSON report of SPEC §3: one object with a summary and the findings.
//! The summary counts every finding, printed or not (infos), rule by rule.

use serde::Serialize;

use super::{RuleCount, Sources};
use crate::check::Report;
use crate::diagnostic::Diagnostic;
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
    infos: usize,
    /// Findings `check --fix` repairs.
    fixable: usize,
    /// Findings the baseline lists, not reported.
    baselined: usize,
    elapsed_ms: u64,
    rules: Vec<JsonRule>,
}

/// One row of `--statistics`.
#[derive(Serialize)]
struct JsonRule {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    count: usize,
    fixable: usize,
}

impl From<&RuleCount> for JsonRule {
    fn from(r: &RuleCount) -> Self {
        JsonRule {
            code: r.rule.code,
            name: r.rule.name,
            severity: r.severity.as_str(),
            count: r.count,
            fixable: r.fixable,
        }
    }
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

pub fn render(report: &Report, shown: &[&Diagnostic], sources: &Sources, out: &mut String) {
    let diagnostics = shown
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
            infos: report.count(Severity::Info),
            fixable: report
                .diagnostics
                .iter()
                .filter(|d| d.fix.is_some())
                .count(),
            baselined: report.known,
            elapsed_ms: u64::try_from(report.elapsed.as_millis()).unwrap_or(u64::MAX),
            rules: super::statistics(&report.diagnostics)
                .iter()
                .map(JsonRule::from)
                .collect(),
        },
        diagnostics,
    };
    out.push_str(&serde_json::to_string_pretty(&value).expect("the report serializes"));
    out.push('\n');
}

/// `--statistics --output-format json`: the rows, as an array.
pub fn statistics(rows: &[RuleCount], out: &mut String) {
    let rows: Vec<JsonRule> = rows.iter().map(JsonRule::from).collect();
    out.push_str(&serde_json::to_string_pretty(&rows).expect("the rows serialize"));
    out.push('\n');
}
