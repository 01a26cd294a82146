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
pub mod merge;
pub mod omit;
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

impl ReportError {
    /// The reporter that failed (`json`, `junit`, `html`, `cli`, …).
    pub fn reporter(&self) -> &'static str {
        match self {
            ReportError::Write { reporter, .. } | ReportError::Render { reporter, .. } => reporter,
        }
    }
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

/// What the name of every temporary file of courier's holds:
/// `.<target-file-name>.courier-tmp-<random>`, beside the target.
pub const TEMP_MARKER: &str = ".courier-tmp-";

/// Like [`write_atomically`], but `write` streams the contents into the
/// temporary file, so a large report need not be built in memory first.
/// Missing parent directories are created. The temporary file is named
/// `.<target-file-name>.courier-tmp-<random>`; it is removed when anything
/// fails (or a panic unwinds through here), and temporary files a killed
/// run left for the same target are removed first.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = target_dir(path);
    create_dir(&dir)?;
    remove_stale_temp_files(path);
    let tmp = temp_file_for(path, &dir)?;
    let mut out = std::io::BufWriter::new(tmp);
    write(&mut out)?;
    out.flush()?;
    let tmp = out.into_inner().map_err(|e| e.into_error())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Checks, before a run sends anything, that `path` can be written the
/// way [`write_atomically_with`] will write it: its directory is created
/// if missing, a temporary file is created in it and removed again, and
/// `path` is not a directory. Stale temporary files of the same target are
/// removed on the way.
pub fn check_writable(path: &Path) -> std::io::Result<()> {
    if path.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a directory",
        ));
    }
    let dir = target_dir(path);
    create_dir(&dir)?;
    remove_stale_temp_files(path);
    let probe = temp_file_for(path, &dir)?;
    probe.close()
}

/// Checks, before a run sends anything, that files can be created in
/// `dir` (made if missing), with a temporary file created and removed.
pub fn check_dir_writable(dir: &Path) -> std::io::Result<()> {
    create_dir(dir)?;
    let probe = dir.join("courier-write-check");
    remove_stale_temp_files(&probe);
    temp_file_for(&probe, dir)?.close()
}

/// `create_dir_all`, with an error that names the directory, and the
/// ancestor that is a file when that is why.
fn create_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        let file = dir.ancestors().find(|a| a.is_file());
        let why = match file {
            Some(f) => format!("{} is a file, not a directory", f.display()),
            None => format!("cannot create the directory {}", dir.display()),
        };
        std::io::Error::new(e.kind(), format!("{why} ({e})"))
    })
}

/// The directory `path` is written in (`.` for a bare file name).
fn target_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// `.<file name>.courier-tmp-`: the prefix of `path`'s temporary files.
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}{TEMP_MARKER}")
}

fn temp_file_for(path: &Path, dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .rand_bytes(8)
        .tempfile_in(dir)
}

/// Removes the temporary files of `path` (same prefix, in its directory)
/// that a killed run left behind; returns how many went. Best effort: a
/// file that cannot be removed stays, and the write goes on.
pub fn remove_stale_temp_files(path: &Path) -> usize {
    let prefix = temp_prefix(path);
    let Ok(entries) = std::fs::read_dir(target_dir(path)) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
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

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn issue15_stale_temp_files_of_the_same_target_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("env.json");
        // What killed runs left: two of this target, one of another.
        std::fs::write(dir.path().join(".env.json.courier-tmp-AbCdEfGh"), "half").unwrap();
        std::fs::write(dir.path().join(".env.json.courier-tmp-12345678"), "half").unwrap();
        std::fs::write(dir.path().join(".other.json.courier-tmp-AbCdEfGh"), "x").unwrap();
        write_atomically(&target, b"{}").unwrap();
        assert_eq!(
            names_in(dir.path()),
            [".other.json.courier-tmp-AbCdEfGh", "env.json"]
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "{}");
    }

    #[test]
    fn issue15_a_failed_write_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.xml");
        let err = write_atomically_with(&target, |w| {
            w.write_all(b"<partial")?;
            Err(std::io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert!(names_in(dir.path()).is_empty());
        // A panic while writing unwinds through the temporary file too.
        let panicked = std::panic::catch_unwind(|| {
            let _ = write_atomically_with(&target, |w| {
                w.write_all(b"<partial")?;
                panic!("reporter bug")
            });
        });
        assert!(panicked.is_err());
        assert!(names_in(dir.path()).is_empty());
    }

    #[test]
    fn issue15_temp_files_are_named_after_their_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("r.json");
        write_atomically_with(&target, |w| {
            let names = names_in(dir.path());
            assert_eq!(names.len(), 1, "{names:?}");
            assert!(names[0].starts_with(".r.json.courier-tmp-"), "{names:?}");
            w.write_all(b"[]")
        })
        .unwrap();
        assert_eq!(names_in(dir.path()), ["r.json"]);
    }

    #[test]
    fn issue15_writability_is_checked_without_leaving_files() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("new/sub/env.json");
        check_writable(&target).unwrap();
        assert!(names_in(&dir.path().join("new/sub")).is_empty());
        // A parent that is a regular file: refused, whoever runs the test.
        let file = dir.path().join("plain");
        std::fs::write(&file, "x").unwrap();
        let err = check_writable(&file.join("env.json")).unwrap_err();
        let said = format!("{} is a file, not a directory (", file.display());
        assert!(err.to_string().starts_with(&said), "{err}");
        assert!(err.to_string().contains("os error"), "{err}");
        // A target that is a directory cannot be replaced by a file.
        let err = check_writable(dir.path()).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::IsADirectory);
        check_dir_writable(&dir.path().join("snaps")).unwrap();
        assert!(names_in(&dir.path().join("snaps")).is_empty());
        assert!(check_dir_writable(&file.join("snaps")).is_err());
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
