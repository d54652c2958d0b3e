//! `doccheck meta`: the metadata block a new document starts with, from Git
//! (what teams wrote `spec_metadata.sh` scripts for).

use std::path::Path;

use crate::error::{Error, Result};

/// The metadata of "now" in a repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// ISO 8601 with the local UTC offset: `2025-12-12T15:17:08-06:00`.
    pub date: String,
    /// The local day of `date`, and its hours and minutes for file names.
    pub day: String,
    pub hour_minute: String,
    pub git_commit: String,
    pub git_commit_full: String,
    /// The branch checked out, or `HEAD` when it is detached.
    pub branch: String,
    /// The work tree's folder name.
    pub repository: String,
    /// `RESEARCHER_NAME`, else Git's `user.name`, else `$USER`.
    pub researcher: String,
}

impl Meta {
    /// Reads the metadata of the repository holding `dir`, at the current
    /// local time.
    pub fn collect(dir: &Path) -> Result<Meta> {
        let repo = gix::discover(dir).map_err(|_| {
            Error::Git(format!(
                "{} is not inside a Git repository: the metadata comes from Git",
                dir.display()
            ))
        })?;
        let head = repo.head_id().map_err(|_| {
            Error::Git("the repository has no commits yet: commit once, then ask again".into())
        })?;
        let branch = match repo.head_name() {
            Ok(Some(name)) => name.shorten().to_string(),
            _ => "HEAD".to_owned(),
        };
        let repository = repo
            .workdir()
            .unwrap_or_else(|| repo.git_dir())
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default();
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let researcher = env("RESEARCHER_NAME")
            .or_else(|| {
                repo.config_snapshot()
                    .string("user.name")
                    .map(|n| n.to_string())
                    .filter(|n| !n.trim().is_empty())
            })
            .or_else(|| env("USER"))
            .or_else(|| env("USERNAME"))
            .unwrap_or_else(|| "unknown".to_owned());
        let now = gix::date::Time::now_local_or_utc();
        let format = |f: &'static str| {
            now.format(gix::date::time::CustomFormat::new(f))
                .map_err(|e| Error::Git(format!("cannot format the current time: {e}")))
        };
        Ok(Meta {
            date: format("%Y-%m-%dT%H:%M:%S%:z")?,
            day: format("%Y-%m-%d")?,
            hour_minute: format("%H-%M")?,
            git_commit: head.to_hex_with_len(7).to_string(),
            git_commit_full: head.to_string(),
            branch,
            repository,
            researcher,
        })
    }

    /// The fields in output order, as (key, value).
    pub fn fields(&self) -> [(&'static str, &str); 6] {
        [
            ("date", &self.date),
            ("researcher", &self.researcher),
            ("git_commit", &self.git_commit),
            ("git_commit_full", &self.git_commit_full),
            ("branch", &self.branch),
            ("repository", &self.repository),
        ]
    }

    /// A YAML block, every value quoted: a SHA of digits must stay a string.
    pub fn yaml(&self) -> String {
        self.fields()
            .iter()
            .map(|(k, v)| format!("{k}: {}\n", quoted(v)))
            .collect()
    }

    pub fn json(&self) -> String {
        let object: serde_json::Map<String, serde_json::Value> = self
            .fields()
            .iter()
            .map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(*v)))
            .collect();
        serde_json::to_string_pretty(&object).unwrap_or_default() + "\n"
    }
}

/// A YAML double-quoted scalar (JSON's escapes are YAML's).
pub fn quoted(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".into())
}
