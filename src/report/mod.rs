//! Reporters: each consumes the run's [`RunEvent`]s and nothing else.
//!
//! One file per reporter; they share only the event model and the
//! [`Masker`] that hides secrets. The CLI (`cli/`) decides which reporters
//! run and feeds every event to each of them in order.

pub mod cli;
mod mask;

pub use mask::{MASK, Masker};

use crate::runner::RunEvent;

/// Why a reporter could not write its output.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Writing a report file failed.
    #[error("cannot write the {reporter} report to {path}: {source}")]
    Write {
        /// Which reporter.
        reporter: &'static str,
        /// Where.
        path: std::path::PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// Rendering failed (template error, serialisation).
    #[error("cannot render the {reporter} report: {message}")]
    Render {
        /// Which reporter.
        reporter: &'static str,
        /// What went wrong.
        message: String,
    },
}

/// A consumer of run events.
pub trait Reporter {
    /// Handles one event; events arrive in run order.
    fn on_event(&mut self, event: &RunEvent<'_>) -> Result<(), ReportError>;
}

/// Writes `contents` to `path` atomically: a temporary file in the same
/// directory, then a rename, so a reader never sees half a file.
pub fn write_atomically(path: &std::path::Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    tmp.write_all(contents)?;
    tmp.flush()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
