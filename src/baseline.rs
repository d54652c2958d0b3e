//! The baseline: the findings a project has accepted for now, so that
//! `check` reports only new ones while the old ones are fixed over time.
//!
//! Each finding is identified by its line-independent fingerprint (rule,
//! file, message, and which occurrence of those it is: see
//! `report::fingerprint`), so a finding keeps its entry when lines above it
//! move or its own line is edited elsewhere, and a second occurrence of the
//! same problem in the same file is new. Matching is one hash lookup per
//! finding. The file is JSON, one entry per line, sorted, so that it is
//! deterministic and its changes read well in review.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::check::{Coverage, Report};
use crate::error::{Error, FileLocation, Result};
use crate::report::fingerprint;

/// Where the baseline is written when the configuration names none.
pub const DEFAULT_FILE: &str = ".doccheck-baseline.json";

/// The version of the file format.
const VERSION: u32 = 1;

const COMMENT: &str = "Known findings, written by `doccheck baseline`: `doccheck check` does not report them. After fixing some, `doccheck baseline --prune` drops their entries.";

/// One known finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// Project-relative, with `/`.
    pub path: String,
    pub code: String,
    /// For the reader of the file; matching uses the fingerprint.
    pub message: String,
    pub fingerprint: u64,
}

/// A baseline file's entries.
#[derive(Debug, Default)]
pub struct Baseline {
    pub entries: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: u32,
    #[serde(default)]
    #[expect(
        dead_code,
        reason = "written for readers of the file, read for nothing"
    )]
    comment: Option<String>,
    findings: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    path: String,
    code: String,
    fingerprint: String,
    #[serde(default)]
    message: String,
}

/// What applying a baseline to a run found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Findings the baseline listed, taken out of the report.
    pub known: usize,
    /// Entries whose finding the run looked for and did not find.
    pub stale: Vec<Entry>,
}

impl Baseline {
    /// Reads a baseline file; `None` when there is none.
    pub fn read(path: &Path) -> Result<Option<Baseline>> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(Error::io(
                    format!("cannot read the baseline {}", path.display()),
                    e,
                ));
            }
        };
        let invalid = |message: String, span: Option<std::ops::Range<usize>>| Error::Baseline {
            location: Box::new(FileLocation {
                path: path.to_path_buf(),
                text: text.clone(),
                span,
            }),
            message,
            help: Some("write it again with `doccheck baseline`".into()),
        };
        let raw: RawFile = serde_json::from_str(&text).map_err(|e| {
            let at = offset(&text, e.line(), e.column());
            invalid(e.to_string(), Some(at..at))
        })?;
        if raw.version != VERSION {
            return Err(invalid(
                format!(
                    "version {} is not one this doccheck reads ({VERSION})",
                    raw.version
                ),
                None,
            ));
        }
        let mut entries = Vec::with_capacity(raw.findings.len());
        for e in raw.findings {
            let Ok(fingerprint) = u64::from_str_radix(&e.fingerprint, 16) else {
                let at = text
                    .find(&e.fingerprint)
                    .map(|i| i..i + e.fingerprint.len());
                return Err(invalid(
                    format!("`{}` is not a fingerprint", e.fingerprint),
                    at,
                ));
            };
            entries.push(Entry {
                path: e.path,
                code: e.code,
                message: e.message,
                fingerprint,
            });
        }
        Ok(Some(Baseline { entries }))
    }

    /// Takes the findings this baseline lists out of `report`, and finds
    /// the entries that no longer occur where the run looked.
    pub fn apply(&self, report: &mut Report) -> Applied {
        let (matched, listed) = self.matches(report);
        let mut listed = listed.into_iter();
        // `retain` visits each finding once, in order.
        report
            .diagnostics
            .retain(|_| !listed.next().unwrap_or_default());
        let known = matched.iter().filter(|m| **m).count();
        report.known = known;
        Applied {
            known,
            stale: self
                .unmatched(&matched, &report.coverage)
                .cloned()
                .collect(),
        }
    }

    /// The baseline after a run: what the run covered is replaced by what
    /// it found; entries for what it did not look at stay.
    pub fn record(&self, report: &Report) -> Baseline {
        let coverage = &report.coverage;
        let kept = self
            .entries
            .iter()
            .filter(|e| !coverage.covers(&e.path, &e.code))
            .cloned();
        let found = report.diagnostics.iter().map(|d| Entry {
            path: d.path.to_string(),
            code: d.rule.code.to_owned(),
            message: d.message.clone(),
            fingerprint: d.fingerprint,
        });
        Baseline::sorted(kept.chain(found))
    }

    /// The baseline without the entries whose finding no longer occurs:
    /// nothing is added.
    pub fn prune(&self, report: &Report) -> Baseline {
        let (matched, _) = self.matches(report);
        let stale: BTreeSet<&Entry> = self.unmatched(&matched, &report.coverage).collect();
        Baseline::sorted(self.entries.iter().filter(|e| !stale.contains(e)).cloned())
    }

    fn sorted(entries: impl Iterator<Item = Entry>) -> Baseline {
        let set: BTreeSet<Entry> = entries.collect();
        Baseline {
            entries: set.into_iter().collect(),
        }
    }

    /// For each entry, whether a finding of the report is the one it
    /// lists; for each finding, whether an entry lists it. One hash lookup
    /// per finding.
    fn matches(&self, report: &Report) -> (Vec<bool>, Vec<bool>) {
        let index: HashMap<u64, usize> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.fingerprint, i))
            .collect();
        let mut matched = vec![false; self.entries.len()];
        let listed = report
            .diagnostics
            .iter()
            .map(|d| {
                let Some(&i) = index.get(&d.fingerprint) else {
                    return false;
                };
                let e = &self.entries[i];
                // The fingerprint says which; the path and code guard
                // against a hash collision.
                let same = *e.path == *d.path && e.code == d.rule.code;
                matched[i] |= same;
                same
            })
            .collect();
        (matched, listed)
    }

    fn unmatched<'a>(
        &'a self,
        matched: &'a [bool],
        coverage: &'a Coverage,
    ) -> impl Iterator<Item = &'a Entry> {
        self.entries
            .iter()
            .zip(matched)
            .filter(move |(e, m)| !**m && coverage.covers(&e.path, &e.code))
            .map(|(e, _)| e)
    }

    /// The file's text: deterministic, one entry per line.
    pub fn render(&self) -> String {
        let quote = |s: &str| serde_json::to_string(s).expect("a string serializes");
        let mut out = format!(
            "{{\n  \"version\": {VERSION},\n  \"comment\": {},\n  \"findings\": [",
            quote(COMMENT)
        );
        for (i, e) in self.entries.iter().enumerate() {
            let _ = write!(
                out,
                "{}\n    {{\"path\": {}, \"code\": {}, \"fingerprint\": \"{}\", \"message\": {}}}",
                if i == 0 { "" } else { "," },
                quote(&e.path),
                quote(&e.code),
                fingerprint::hex(e.fingerprint),
                quote(&e.message)
            );
        }
        if !self.entries.is_empty() {
            out.push_str("\n  ");
        }
        out.push_str("]\n}\n");
        out
    }

    /// Writes the file atomically when its text changes; whether it did.
    pub fn write(&self, path: &Path) -> Result<bool> {
        let text = self.render();
        if std::fs::read(path).ok().as_deref() == Some(text.as_bytes()) {
            return Ok(false);
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
        }
        crate::write::atomic(path, text.as_bytes(), crate::write::mode_of(path))?;
        Ok(true)
    }

    /// How many files the entries are in.
    pub fn files(&self) -> usize {
        let mut paths: Vec<&str> = self.entries.iter().map(|e| e.path.as_str()).collect();
        paths.dedup();
        paths.len()
    }
}

/// The byte offset of a 1-based line and column (serde_json's error
/// position).
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

/// The baseline file of a run: `explicit` (`--baseline`), else the
/// configured one, else the default when it exists. A file named
/// explicitly or in the configuration must exist.
pub fn locate(
    explicit: Option<&Path>,
    configured: Option<&Path>,
    root: &Path,
) -> Result<Option<PathBuf>> {
    match explicit.or(configured) {
        Some(path) if path.is_file() => Ok(Some(path.to_path_buf())),
        Some(path) => Err(Error::Usage(format!(
            "the baseline {} does not exist; `doccheck baseline` writes it",
            path.display()
        ))),
        None => {
            let default = root.join(DEFAULT_FILE);
            Ok(default.is_file().then_some(default))
        }
    }
}
