//! Response snapshots: redaction, storage, diff, update.
//!
//! With `--snapshots DIR` every response a run receives is rendered as text
//! (status line, chosen headers, body — pretty JSON, text, or a sha256 for
//! binary bodies), volatile values are replaced by stable placeholders, and
//! the result is compared with `DIR/<collection>/<folder…>/<item>.snap`.
//! The runner (`runner/item.rs`) calls [`SnapshotSession::check`] after the
//! captures of each item and records the returned
//! [`Assertion`](crate::runner::Assertion) like any other; reporters show it
//! with the rest.
//!
//! - `options`: [`SnapshotOptions`], [`Redactions`] and the
//!   `courier.snapshots.json` file next to the snapshots;
//! - `render`: a response as snapshot text ([`render_response`]);
//! - `redact`: placeholders (`[id]`, `[id#2]`) keyed by the value they hide;
//! - `file`: the `.snap` layout (insta's: a `---` metadata header, then the
//!   content), file names and atomic writes;
//! - `check`: compare, write new, update, diff into a failed assertion;
//! - `review`: `courier snapshots review|accept|reject DIR`.

mod check;
mod file;
mod options;
mod redact;
mod render;
mod review;

pub use check::{SnapshotSession, SnapshotTarget, unified_diff};
pub use file::{NEW_EXTENSION, SNAP_EXTENSION, SnapshotFile, sanitize_file_name};
pub use options::{CONFIG_FILE, DEFAULT_HEADERS, Redactions, SnapshotOptions};
pub use render::render_response;
pub use review::{Pending, ReviewSummary, accept_all, pending, reject_all, review};

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
