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
    /// The most this finding can weigh, whatever level the rule is set to:
    /// drift in a document that says it is complete is information.
    pub cap: Option<Severity>,
    /// What the finding is about, for the findings that are judged again
    /// against the repository's own conventions once every document is read.
    pub subject: Option<Box<Subject>>,
    /// The finding's line-independent identity (GitLab, SARIF, the
    /// baseline), set once all of a run's findings are known: see
    /// `report::fingerprint`.
    pub fingerprint: u64,
}

/// The facts behind a finding that the repository's conventions may
/// change (see [`crate::convention`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// Required top-level keys that are missing.
    MissingKeys(Vec<String>),
    /// `found` stands where the schema names `key` (an alias, or a near
    /// miss).
    Misnamed { key: String, found: String },
    /// A value outside the schema's allowed values.
    Value {
        field: String,
        value: String,
        allowed: Vec<String>,
    },
    /// Bracketed text that is a placeholder only if a template of the
    /// document's kind prompts for it (`sure` when its form says so alone).
    Placeholder { text: String, sure: bool },
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
            cap: None,
            subject: None,
            fingerprint: 0,
        }
    }

    /// Records what the finding is about (see [`Subject`]).
    pub fn about(mut self, subject: Subject) -> Self {
        self.subject = Some(Box::new(subject));
        self
    }

    /// Caps the finding's severity at `severity`.
    pub fn at_most(mut self, severity: Severity) -> Self {
        self.cap = Some(self.cap.map_or(severity, |c| c.min(severity)));
        self
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
