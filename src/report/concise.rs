//! `path:line:col: severity CODE message`, one finding per line.

use std::fmt::Write;

use super::Sources;
use crate::diagnostic::Diagnostic;

pub fn render(shown: &[&Diagnostic], sources: &Sources, out: &mut String) {
    for d in shown {
        let source = sources.get(&d.path);
        let at = source.position(d.span.start);
        let _ = writeln!(
            out,
            "{}:{}:{}: {} {} {}",
            source.name, at.line, at.column, d.severity, d.rule.code, d.message
        );
    }
}
