//! Deciding on pending snapshots: `courier snapshots review|accept|reject DIR`.
//!
//! A run that meets a changed response leaves the new text in a `.snap.new`
//! file beside the `.snap`. [`review`] shows each pending file with its diff
//! and reads one answer per file (accept, reject, skip, quit) from any
//! `BufRead`, so it works the same on a terminal, from a pipe and in tests;
//! [`accept_all`] and [`reject_all`] are for scripts. Accepting renames the
//! `.snap.new` over the `.snap` (one atomic rename); rejecting deletes it.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use super::SnapshotError;
use super::check::unified_diff;
use super::file::{SnapshotFile, remove_if_exists, snap_path_of_new};

/// A snapshot change waiting for a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The `.snap.new` file.
    pub new: PathBuf,
    /// The `.snap` it would replace; it may not exist yet.
    pub snap: PathBuf,
}

impl Pending {
    /// Moves the new snapshot over the old one.
    pub fn accept(&self) -> Result<(), SnapshotError> {
        std::fs::rename(&self.new, &self.snap).map_err(|source| SnapshotError::Write {
            path: self.snap.clone(),
            source,
        })
    }

    /// Deletes the new snapshot; the old one stays.
    pub fn reject(&self) -> Result<(), SnapshotError> {
        remove_if_exists(&self.new)
    }

    /// The new snapshot and the diff from the old content to the new.
    pub fn diff(&self) -> Result<(SnapshotFile, String), SnapshotError> {
        let new = SnapshotFile::read(&self.new)?.ok_or_else(|| SnapshotError::Read {
            path: self.new.clone(),
            source: std::io::ErrorKind::NotFound.into(),
        })?;
        let old = SnapshotFile::read(&self.snap)?.unwrap_or_default();
        let diff = unified_diff(&old.content, &new.content);
        Ok((new, diff))
    }
}

/// Every `.snap.new` under `dir`, sorted by path.
pub fn pending(dir: &Path) -> Result<Vec<Pending>, SnapshotError> {
    if !dir.is_dir() {
        return Err(SnapshotError::NotADirectory(dir.to_owned()));
    }
    let mut out = Vec::new();
    collect(dir, &mut out)?;
    out.sort_by(|a, b| a.new.cmp(&b.new));
    Ok(out)
}

fn collect(dir: &Path, out: &mut Vec<Pending>) -> Result<(), SnapshotError> {
    let read_error = |source| SnapshotError::Read {
        path: dir.to_owned(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let entry = entry.map_err(read_error)?;
        let path = entry.path();
        let kind = entry.file_type().map_err(read_error)?;
        if kind.is_dir() {
            collect(&path, out)?;
        } else if let Some(snap) = snap_path_of_new(&path) {
            out.push(Pending { new: path, snap });
        }
    }
    Ok(())
}

/// Accepts every pending snapshot under `dir`, naming each on `out`.
pub fn accept_all(dir: &Path, out: &mut dyn Write) -> Result<usize, SnapshotError> {
    decide_all(dir, out, "accepted", Pending::accept)
}

/// Rejects every pending snapshot under `dir`, naming each on `out`.
pub fn reject_all(dir: &Path, out: &mut dyn Write) -> Result<usize, SnapshotError> {
    decide_all(dir, out, "rejected", Pending::reject)
}

fn decide_all(
    dir: &Path,
    out: &mut dyn Write,
    verb: &str,
    decide: fn(&Pending) -> Result<(), SnapshotError>,
) -> Result<usize, SnapshotError> {
    let all = pending(dir)?;
    for p in &all {
        decide(p)?;
        writeln!(out, "{verb} {}", relative(dir, &p.snap)).map_err(SnapshotError::Terminal)?;
    }
    if all.is_empty() {
        writeln!(out, "no pending snapshots under {}", dir.display())
            .map_err(SnapshotError::Terminal)?;
    } else {
        writeln!(out, "{verb} {} snapshot(s)", all.len()).map_err(SnapshotError::Terminal)?;
    }
    Ok(all.len())
}

/// What a review decided.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewSummary {
    /// Snapshots replaced by the new response.
    pub accepted: usize,
    /// New responses thrown away.
    pub rejected: usize,
    /// Left pending (skipped, or not reached before quit or end of input).
    pub skipped: usize,
}

/// One answer of the reviewer.
enum Answer {
    Accept,
    Reject,
    Skip,
    Quit,
}

/// Shows each pending snapshot under `dir` on `out` with its diff and asks
/// `accept (a) / reject (r) / skip (s) / quit (q)` on `input`, one line per
/// answer. The end of `input` skips the rest. `color` paints the diff.
pub fn review(
    dir: &Path,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    color: bool,
) -> Result<ReviewSummary, SnapshotError> {
    let all = pending(dir)?;
    let mut summary = ReviewSummary::default();
    let io = SnapshotError::Terminal;
    if all.is_empty() {
        writeln!(out, "no pending snapshots under {}", dir.display()).map_err(io)?;
        return Ok(summary);
    }
    let total = all.len();
    for (i, p) in all.iter().enumerate() {
        let (new, diff) = p.diff()?;
        let status = if p.snap.exists() { "changed" } else { "new" };
        writeln!(
            out,
            "\n[{}/{total}] {} ({status})",
            i + 1,
            relative(dir, &p.snap)
        )
        .map_err(io)?;
        for key in ["item", "iteration", "expression"] {
            if let Some(value) = new.metadata_value(key) {
                let label = if key == "expression" { "request" } else { key };
                writeln!(out, "  {label}: {value}").map_err(io)?;
            }
        }
        write!(out, "{}", paint(&diff, color)).map_err(io)?;
        match ask(input, out)? {
            Answer::Accept => {
                p.accept()?;
                summary.accepted += 1;
                writeln!(out, "accepted").map_err(io)?;
            }
            Answer::Reject => {
                p.reject()?;
                summary.rejected += 1;
                writeln!(out, "rejected").map_err(io)?;
            }
            Answer::Skip => {
                summary.skipped += 1;
                writeln!(out, "skipped").map_err(io)?;
            }
            Answer::Quit => {
                summary.skipped += total - i;
                break;
            }
        }
    }
    writeln!(
        out,
        "\n{} accepted, {} rejected, {} skipped",
        summary.accepted, summary.rejected, summary.skipped
    )
    .map_err(io)?;
    Ok(summary)
}

/// Asks until a known answer comes; the end of input means quit.
fn ask(input: &mut dyn BufRead, out: &mut dyn Write) -> Result<Answer, SnapshotError> {
    let io = SnapshotError::Terminal;
    loop {
        write!(out, "accept (a), reject (r), skip (s), quit (q)? ").map_err(io)?;
        out.flush().map_err(io)?;
        let mut line = String::new();
        if input.read_line(&mut line).map_err(io)? == 0 {
            writeln!(out).map_err(io)?;
            return Ok(Answer::Quit);
        }
        match line.trim().to_ascii_lowercase().as_str() {
            "a" | "accept" | "y" | "yes" => return Ok(Answer::Accept),
            "r" | "reject" | "n" | "no" => return Ok(Answer::Reject),
            "s" | "skip" => return Ok(Answer::Skip),
            "q" | "quit" => return Ok(Answer::Quit),
            other => writeln!(out, "`{other}`: answer a, r, s or q").map_err(io)?,
        }
    }
}

/// `path` relative to `dir` when it is inside it.
fn relative(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// Colours a unified diff: removed lines red, added green, hunk headers cyan.
fn paint(diff: &str, color: bool) -> String {
    if !color {
        return diff.to_owned();
    }
    diff.lines()
        .map(|line| {
            let code = if line.starts_with("---") || line.starts_with("+++") {
                "1"
            } else if line.starts_with('-') {
                "31"
            } else if line.starts_with('+') {
                "32"
            } else if line.starts_with("@@") {
                "36"
            } else {
                return format!("{line}\n");
            };
            format!("\x1b[{code}m{line}\x1b[0m\n")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("c/a.snap");
        SnapshotFile::new("HTTP 200 OK\nold\n".into(), &[], "GET /a")
            .write(&a)
            .unwrap();
        SnapshotFile::new(
            "HTTP 200 OK\nnew\n".into(),
            &[("item", "a".into())],
            "GET /a",
        )
        .write(&dir.path().join("c/a.snap.new"))
        .unwrap();
        SnapshotFile::new("HTTP 201 Created\n".into(), &[], "POST /b")
            .write(&dir.path().join("c/d/b.snap.new"))
            .unwrap();
        dir
    }

    #[test]
    fn finds_pending_files_in_order() {
        let dir = setup();
        let found = pending(dir.path()).unwrap();
        let names: Vec<String> = found.iter().map(|p| relative(dir.path(), &p.new)).collect();
        assert_eq!(names, ["c/a.snap.new", "c/d/b.snap.new"]);
        assert!(matches!(
            pending(&dir.path().join("nope")),
            Err(SnapshotError::NotADirectory(_))
        ));
    }

    #[test]
    fn accept_and_reject_all() {
        let dir = setup();
        let mut out = Vec::new();
        assert_eq!(accept_all(dir.path(), &mut out).unwrap(), 2);
        let a = SnapshotFile::read(&dir.path().join("c/a.snap"))
            .unwrap()
            .unwrap();
        assert!(a.content.contains("new"));
        assert!(dir.path().join("c/d/b.snap").exists());
        assert!(pending(dir.path()).unwrap().is_empty());

        let dir = setup();
        let mut out = Vec::new();
        assert_eq!(reject_all(dir.path(), &mut out).unwrap(), 2);
        let a = SnapshotFile::read(&dir.path().join("c/a.snap"))
            .unwrap()
            .unwrap();
        assert!(a.content.contains("old"));
        assert!(!dir.path().join("c/d/b.snap").exists());
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with("rejected 2 snapshot(s)\n"), "{text}");
    }

    #[test]
    fn review_reads_one_answer_per_file_and_reasks() {
        let dir = setup();
        let mut input = "huh\nr\na\n".as_bytes();
        let mut out = Vec::new();
        let summary = review(dir.path(), &mut input, &mut out, false).unwrap();
        assert_eq!(
            summary,
            ReviewSummary {
                accepted: 1,
                rejected: 1,
                skipped: 0
            }
        );
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("`huh`: answer a, r, s or q"), "{text}");
        assert!(text.contains("-old\n+new\n"), "{text}");
        assert!(!dir.path().join("c/a.snap.new").exists());
        assert!(dir.path().join("c/d/b.snap").exists());
    }

    #[test]
    fn end_of_input_leaves_the_rest_pending() {
        let dir = setup();
        let mut input = "s\n".as_bytes();
        let mut out = Vec::new();
        let summary = review(dir.path(), &mut input, &mut out, true).unwrap();
        assert_eq!(summary.skipped, 2);
        assert_eq!(pending(dir.path()).unwrap().len(), 2);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("\x1b[32m+new\x1b[0m"), "{text}");
    }
}
