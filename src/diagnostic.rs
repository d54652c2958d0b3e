//! Findings as data. Rendering lives in `report`; checks only build these.

use std::sync::Arc;

use crate::rules::{RuleMeta, Severity};
use crate::source::Span;

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    /// Path relative to the project root, with `/` separators.
    pub path: Arc<str>,
    pub span: Span,
    pub message: String,
    /// What the primary span is, shown next to it.
    pub label: Option<String>,
    pub help: Option<String>,
    /// Other places in the same file that explain the finding.
    pub related: Vec<Related>,
    /// A safe, mechanical repair, applied by `check --fix`.
    pub fix: Option<Fix>,
    /// The finding's line-independent identity (GitLab, SARIF, the
    /// baseline), set once all of a run's findings are known: see
    /// `report::fingerprint`.
    pub fingerprint: u64,
}

/// Text replacements that repair a finding and change nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub edits: Vec<Edit>,
}

/// Replace the bytes of `span` with `text`. A quoted scalar replaced by
/// unquoted text keeps its quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Related {
    pub span: Span,
    pub label: String,
}

impl Diagnostic {
    pub fn new(rule: &'static RuleMeta, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.default_severity,
            path: Arc::from(""),
            span,
            message: message.into(),
            label: None,
            help: None,
            related: Vec::new(),
            fix: None,
            fingerprint: 0,
        }
    }

    /// Attaches a fix that replaces the finding's span with `text`.
    pub fn fix_with(mut self, text: impl Into<String>) -> Self {
        self.fix = Some(Fix {
            edits: vec![Edit {
                span: self.span,
                text: text.into(),
            }],
        });
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same finding, in the file at `path` (project-relative). Rules
    /// build findings without knowing the file; the pass that runs them
    /// places them.
    pub fn in_file(mut self, path: &Arc<str>) -> Self {
        self.path = path.clone();
        self
    }

    pub fn related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            label: label.into(),
        });
        self
    }
}

/// A statement about the whole run rather than one file, such as "git
/// checks were skipped because this is not a repository".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub message: String,
    pub help: Option<String>,
}
