//! Why snapshot options, a snapshot file or a review could not be used.
//! Comparisons never fail with these: a run turns them into failed
//! assertions (`check`); the CLI turns them into exit code 2.

use std::path::PathBuf;

/// Why snapshot options, a snapshot file or a review could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// Which file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written, renamed or removed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// Which file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// `courier.snapshots.json` is not valid.
    #[error("{path}: {message}")]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// What is wrong, with the JSON path and line when known.
        message: String,
    },
    /// A redaction rule (`--snapshot-redact` or the configuration file) is not valid.
    #[error("invalid snapshot redaction `{rule}`: {message}")]
    Rule {
        /// The rule as written.
        rule: String,
        /// What is wrong with it.
        message: String,
    },
    /// The snapshot directory is not a directory.
    #[error("{0} is not a directory")]
    NotADirectory(PathBuf),
    /// Reading answers or writing the review failed.
    #[error("review interrupted: {0}")]
    Terminal(#[source] std::io::Error),
}
