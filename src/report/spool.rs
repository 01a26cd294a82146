//! Spool files: where the file reporters write a report's body as the run
//! goes, so that nothing of the run is held in memory.
//!
//! A spool is a hidden temporary file next to the report
//! (`.report.json.XXXXXX.spool` beside `report.json`), created when the run
//! starts. Every record is appended with one unbuffered write as its item
//! finishes, so the file grows during the run and a run killed at any point
//! leaves whole records (at most the last one cut). When the run ends the
//! reporter assembles the report from the spool by streaming copy (through
//! [`super::write_atomically_with`]) and the spool is deleted; it is also
//! deleted when the reporter is dropped without finishing. Only a killed
//! process leaves one behind, never under the report's own name.

use std::io::{BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// An append-only temporary file beside a report.
#[derive(Debug)]
pub struct Spool {
    file: tempfile::NamedTempFile,
    records: usize,
}

impl Spool {
    /// A new, empty spool beside `report` (whose directory is created when
    /// missing).
    pub fn beside(report: &Path) -> std::io::Result<Spool> {
        let dir = match report.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&dir)?;
        let name = report
            .file_name()
            .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
        let file = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".spool")
            .tempfile_in(&dir)?;
        Ok(Spool { file, records: 0 })
    }

    /// Appends one record with a single write, so that it reaches the file
    /// whole before the next item runs.
    pub fn append(&mut self, record: &[u8]) -> std::io::Result<()> {
        self.file.as_file_mut().write_all(record)?;
        self.records += 1;
        Ok(())
    }

    /// How many records were appended.
    pub fn records(&self) -> usize {
        self.records
    }

    /// Where the spool is.
    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// A buffered reader from the first byte (the spool stays appendable).
    pub fn reader(&self) -> std::io::Result<BufReader<std::fs::File>> {
        let mut file = self.file.reopen()?;
        file.seek(SeekFrom::Start(0))?;
        Ok(BufReader::with_capacity(64 * 1024, file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn records_reach_the_file_as_they_are_appended() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("sub/report.json");
        let mut spool = Spool::beside(&report).unwrap();
        let name = spool
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with(".report.json.") && name.ends_with(".spool"),
            "{name}"
        );
        assert_eq!(spool.path().parent(), report.parent());
        spool.append(b"{\"a\":1}\n").unwrap();
        assert_eq!(std::fs::read(spool.path()).unwrap(), b"{\"a\":1}\n");
        spool.append(b"{\"b\":2}\n").unwrap();
        let mut text = String::new();
        spool.reader().unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(
            (text.as_str(), spool.records()),
            ("{\"a\":1}\n{\"b\":2}\n", 2)
        );
        let path = spool.path().to_owned();
        drop(spool);
        assert!(!path.exists(), "a dropped spool is deleted");
    }
}
