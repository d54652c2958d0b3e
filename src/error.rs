//! Failures of doccheck itself (exit code 2). Findings are never errors.

use std::ops::Range;
use std::path::PathBuf;

/// A location inside a file doccheck could not use (a config or schema file),
/// so the failure can be rendered with a source frame.
#[derive(Debug, Clone)]
pub struct FileLocation {
    pub path: PathBuf,
    pub text: String,
    pub span: Option<Range<usize>>,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A configuration file that cannot be read, parsed or understood.
    #[error("invalid configuration in {}: {message}", location.path.display())]
    Config {
        location: Box<FileLocation>,
        message: String,
        help: Option<String>,
    },
    /// A JSON Schema that cannot be read, parsed or compiled.
    #[error("invalid schema {}: {message}", location.path.display())]
    Schema {
        location: Box<FileLocation>,
        message: String,
        help: Option<String>,
    },
    /// A baseline file that cannot be parsed.
    #[error("invalid baseline {}: {message}", location.path.display())]
    Baseline {
        location: Box<FileLocation>,
        message: String,
        help: Option<String>,
    },
    /// A command-line argument that names something that does not exist.
    #[error("{0}")]
    Usage(String),
    /// An I/O failure on something doccheck cannot do without.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// A Git repository that cannot be used for what was asked.
    #[error("{0}")]
    Git(String),
}

impl Error {
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
