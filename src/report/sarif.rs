//! SARIF 2.1.0 for code-scanning tools (GitHub code scanning uploads it).
//! Every rule is described with its documentation and links to its
//! published section (`helpUri`); results carry
//! line-independent `partialFingerprints`.

use serde_json::{Value, json};

use super::{Sources, fingerprint};
use crate::diagnostic::Diagnostic;
use crate::rules::{self, Severity};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub fn render(shown: &[&Diagnostic], sources: &Sources, out: &mut String) {
    let rules: Vec<Value> = rules::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary() },
                "help": { "text": r.documentation(), "markdown": r.documentation() },
                "helpUri": rules::help_uri(r),
                "defaultConfiguration": { "level": level(r.default_severity) },
            })
        })
        .collect();
    let results: Vec<Value> = shown
        .iter()
        .map(|d| {
            let source = sources.get(&d.path);
            let start = source.position(d.span.start);
            let end = source.position(d.span.end);
            let text = match &d.help {
                Some(help) => format!("{}\n{help}", d.message),
                None => d.message.clone(),
            };
            json!({
                "ruleId": d.rule.code,
                "ruleIndex": rules::ALL.iter().position(|r| r.code == d.rule.code),
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": source.name },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                        },
                    },
                }],
                "partialFingerprints": { "doccheck/v1": fingerprint::hex(d.fingerprint) },
            })
        })
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "doccheck",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                },
            },
            "results": results,
        }],
    });
    out.push_str(&serde_json::to_string_pretty(&sarif).expect("the report serializes"));
    out.push('\n');
}
