//! Reporters: each consumes the run's [`RunEvent`]s and nothing else.
//!
//! One file per reporter — `cli` (the terminal), `progress` (a progress
//! bar), `junit`, `json` (Newman's JSON report) and `html` — sharing only the
//! event model, the [`Masker`] that hides secrets and, for the file
//! reporters, the masked [`record::ExecutionRecord`]. The CLI (`cli/`)
//! decides which reporters run and feeds every event to each of them in
//! order. Every file is written with [`write_atomically`] (or its streaming
//! form), so a reader never sees half a report.

pub mod cli;
pub mod html;
pub mod json;
pub mod junit;
mod mask;
pub mod progress;
pub mod record;
pub mod spool;

pub use mask::{MASK, Masker, is_secret_field, is_secret_header};

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::runner::RunEvent;

/// Why a reporter could not write its output.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Writing a report file failed.
    #[error("cannot write the {reporter} report to {path}")]
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

/// What the file reporters know before the run starts; the events carry
/// everything else.
#[derive(Debug, Clone, Default)]
pub struct RunContext {
    /// The collection as loaded (Postman's JSON form).
    pub collection: serde_json::Value,
    /// The environment file's id and name, when one was given.
    pub environment: Option<crate::collection::Environment>,
    /// The globals file's id and name, when one was given.
    pub globals: Option<crate::collection::Environment>,
}

/// A consumer of run events.
pub trait Reporter {
    /// Handles one event; events arrive in run order.
    fn on_event(&mut self, event: &RunEvent<'_>) -> Result<(), ReportError>;
}

/// Writes `contents` to `path` atomically: a temporary file in the same
/// directory, then a rename, so a reader never sees half a file.
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |w| w.write_all(contents))
}

/// Like [`write_atomically`], but `write` streams the contents into the
/// temporary file, so a large report need not be built in memory first.
/// Missing parent directories are created.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let tmp = tempfile::NamedTempFile::new_in(&dir)?;
    let mut out = std::io::BufWriter::new(tmp);
    write(&mut out)?;
    out.flush()?;
    let tmp = out.into_inner().map_err(|e| e.into_error())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A sent URL as reports display it: an unresolved `{{name}}`, which the
/// request carried percent-encoded (`%7B%7Bname%7D%7D`, as Postman sends
/// it), is shown with its braces again, so a run without an environment
/// reads `/{{envID}}/as/token`. Only these tokens change; the rest of the
/// URL is shown as sent, and the JSON report keeps the URL as sent.
pub fn display_url(url: &str) -> String {
    static TOKEN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let token = TOKEN.get_or_init(|| {
        regex::Regex::new(r"(?i)%7B%7B((?:[^%]|%[0-9A-F]{2})*?)%7D%7D").expect("valid pattern")
    });
    token
        .replace_all(url, |c: &regex::Captures<'_>| {
            let name = percent_encoding::percent_decode_str(&c[1]).decode_utf8_lossy();
            if name.contains(['{', '}']) {
                c[0].to_owned()
            } else {
                format!("{{{{{name}}}}}")
            }
        })
        .into_owned()
}

/// Directory of reports written without an explicit path (Newman uses `newman/`).
pub const DEFAULT_REPORT_DIR: &str = "courier-reports";

/// Newman's report timestamp: the UTC ISO time with only its digits
/// (`20240131235959123`).
pub fn report_timestamp(at: SystemTime) -> String {
    let at: chrono::DateTime<chrono::Utc> = at.into();
    at.format("%Y%m%d%H%M%S%3f").to_string()
}

/// `courier-reports/courier-run-report-<timestamp>-<n>.<ext>` under `base`:
/// the first `n` from 0 whose file does not exist yet.
pub fn default_report_path(base: &Path, timestamp: &str, ext: &str) -> PathBuf {
    let dir = base.join(DEFAULT_REPORT_DIR);
    (0..)
        .map(|n| dir.join(format!("courier-run-report-{timestamp}-{n}.{ext}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(format!("courier-run-report-{timestamp}.{ext}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_paths_count_up_past_existing_files() {
        let dir = tempfile::tempdir().unwrap();
        let first = default_report_path(dir.path(), "20240131235959123", "xml");
        assert!(first.ends_with("courier-reports/courier-run-report-20240131235959123-0.xml"));
        write_atomically(&first, b"x").unwrap();
        let second = default_report_path(dir.path(), "20240131235959123", "xml");
        assert!(second.ends_with("courier-run-report-20240131235959123-1.xml"));
    }

    #[test]
    fn unresolved_variables_are_displayed_with_braces() {
        let cases = [
            (
                "http://h/%7B%7BenvID%7D%7D/as/token",
                "http://h/{{envID}}/as/token",
            ),
            (
                "http://h/%7b%7Bmy%20id%7d%7D/x?q=a%20b",
                "http://h/{{my id}}/x?q=a%20b",
            ),
            ("http://h/a/%7B%7B/b", "http://h/a/%7B%7B/b"),
            ("http://h/%7B%7Ba%7D%7D%7B%7Bb%7D%7D", "http://h/{{a}}{{b}}"),
            ("http://h/%7B%7B%7B%7D%7D", "http://h/%7B%7B%7B%7D%7D"),
            ("http://h/plain?x={{y}}", "http://h/plain?x={{y}}"),
        ];
        for (sent, shown) in cases {
            assert_eq!(display_url(sent), shown, "{sent}");
        }
    }

    #[test]
    fn timestamps_are_digits_only() {
        let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_millis(1_706_745_599_123);
        assert_eq!(report_timestamp(at), "20240131235959123");
    }
}
