//! `path:line:col: CODE message`, one finding per line.

use std::fmt::Write;

use super::Sources;
use crate::check::Report;

pub fn render(report: &Report, sources: &Sources, out: &mut String) {
    for d in &report.diagnostics {
        let source = sources.get(&d.path);
        let at = source.position(d.span.start);
        let _ = writeln!(
            out,
            "{}:{}:{}: {} {}",
            source.name, at.line, at.column, d.rule.code, d.message
        );
    }
}
