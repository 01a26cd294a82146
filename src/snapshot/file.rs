//! The `.snap` file: insta's layout, file names, atomic writes.
//!
//! ```text
//! ---
//! source: courier
//! expression: "GET {{baseUrl}}/users/{{userId}}"
//! info:
//!   collection: "Users"
//!   item: "Admin/Get user"
//! ---
//! HTTP 200 OK
//! …
//! ```
//!
//! The metadata between the `---` lines is YAML (strings are written as JSON
//! strings, which YAML reads the same) and is never compared; only the
//! content after it is, with trailing whitespace ignored, as insta does.

use std::path::{Path, PathBuf};

use super::SnapshotError;

/// Extension of an accepted snapshot.
pub const SNAP_EXTENSION: &str = "snap";

/// Extension of a pending snapshot waiting for review.
pub const NEW_EXTENSION: &str = "snap.new";

/// Longest file name part we produce, in bytes, leaving room for suffixes
/// within the usual 255-byte limit.
const MAX_NAME: usize = 120;

/// A snapshot as stored: metadata lines and content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SnapshotFile {
    /// The YAML lines between the `---` markers, without the markers.
    pub metadata: String,
    /// The rendered response.
    pub content: String,
}

impl SnapshotFile {
    /// A snapshot of `content` describing where it came from.
    pub fn new(content: String, info: &[(&str, String)], expression: &str) -> Self {
        let mut metadata = String::from("source: courier\n");
        metadata.push_str(&format!("expression: {}\n", yaml_string(expression)));
        if !info.is_empty() {
            metadata.push_str("info:\n");
            for (key, value) in info {
                metadata.push_str(&format!("  {key}: {}\n", yaml_string(value)));
            }
        }
        SnapshotFile { metadata, content }
    }

    /// Parses the text of a `.snap` file; a file without a header is all content.
    pub fn parse(text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let normalized;
        let text = if text.contains("\r\n") {
            normalized = text.replace("\r\n", "\n");
            normalized.as_str()
        } else {
            text
        };
        if let Some(rest) = text.strip_prefix("---\n") {
            let end = if rest.starts_with("---\n") {
                Some((0, 4))
            } else {
                rest.find("\n---\n").map(|at| (at + 1, at + 5))
            };
            if let Some((meta_end, content_start)) = end {
                return SnapshotFile {
                    metadata: rest[..meta_end].to_owned(),
                    content: rest[content_start..].to_owned(),
                };
            }
        }
        SnapshotFile {
            metadata: String::new(),
            content: text.to_owned(),
        }
    }

    /// Reads and parses `path`; `Ok(None)` when it does not exist.
    pub fn read(path: &Path) -> Result<Option<Self>, SnapshotError> {
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Ok(Some(SnapshotFile::parse(&text))),
                Err(_) => Err(SnapshotError::Read {
                    path: path.to_owned(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "the snapshot is not UTF-8 text",
                    ),
                }),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(SnapshotError::Read {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Writes to `path` atomically (temporary file, then rename), creating
    /// missing directories.
    pub fn write(&self, path: &Path) -> Result<(), SnapshotError> {
        crate::report::write_atomically(path, self.to_text().as_bytes()).map_err(|source| {
            SnapshotError::Write {
                path: path.to_owned(),
                source,
            }
        })
    }

    /// The file's text.
    pub fn to_text(&self) -> String {
        let mut out = String::from("---\n");
        out.push_str(&self.metadata);
        if !self.metadata.is_empty() && !self.metadata.ends_with('\n') {
            out.push('\n');
        }
        out.push_str("---\n");
        out.push_str(&self.content);
        if !self.content.ends_with('\n') {
            out.push('\n');
        }
        out
    }

    /// Whether two snapshots have the same content (trailing whitespace aside).
    pub fn same_content(&self, content: &str) -> bool {
        self.content.trim_end() == content.trim_end()
    }

    /// The value of a metadata line (`expression`, or `item` under `info`),
    /// as written, unquoted when it is a JSON string.
    pub fn metadata_value(&self, key: &str) -> Option<String> {
        let prefix = format!("{key}: ");
        self.metadata.lines().find_map(|line| {
            let value = line.trim_start().strip_prefix(&prefix)?;
            Some(serde_json::from_str::<String>(value).unwrap_or_else(|_| value.to_owned()))
        })
    }
}

/// A string as a YAML scalar: JSON's double-quoted form, which YAML reads alike.
fn yaml_string(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| format!("{value:?}"))
}

/// A name usable as one file or directory name on Linux, macOS and Windows:
/// path separators, reserved characters and control characters become `_`,
/// leading dots and trailing dots and spaces are dropped, Windows device
/// names get a trailing `_`, and very long names are cut (on a character
/// boundary). Spaces are kept, so names stay readable.
pub fn sanitize_file_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    out = out
        .trim()
        .trim_start_matches('.')
        .trim_end_matches(['.', ' '])
        .to_owned();
    if out.len() > MAX_NAME {
        let mut end = MAX_NAME;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
        out = out.trim_end_matches(['.', ' ']).to_owned();
    }
    if out.is_empty() {
        return "_".into();
    }
    let stem = out.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.ends_with(|c: char| c.is_ascii_digit()));
    if reserved {
        out.push('_');
    }
    out
}

/// `path` with `.snap` replaced by `.snap.new`.
pub(crate) fn new_path(snap: &Path) -> PathBuf {
    let mut name = snap.file_name().unwrap_or_default().to_os_string();
    name.push(".new");
    snap.with_file_name(name)
}

/// The `.snap` a `.snap.new` is pending for, if `path` is one.
pub(crate) fn snap_path_of_new(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".new")?;
    stem.ends_with(".snap").then(|| path.with_file_name(stem))
}

/// Removes `path` if it exists.
pub(crate) fn remove_if_exists(path: &Path) -> Result<(), SnapshotError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(SnapshotError::Write {
            path: path.to_owned(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let f = SnapshotFile::new(
            "HTTP 200 OK\n".into(),
            &[("item", "Folder/\"Quoted\"".into())],
            "GET {{base}}/x",
        );
        let text = f.to_text();
        assert_eq!(
            text,
            "---\nsource: courier\nexpression: \"GET {{base}}/x\"\ninfo:\n  item: \"Folder/\\\"Quoted\\\"\"\n---\nHTTP 200 OK\n"
        );
        let back = SnapshotFile::parse(&text);
        assert_eq!(back, f);
        assert_eq!(back.metadata_value("item").unwrap(), "Folder/\"Quoted\"");
        assert_eq!(back.metadata_value("expression").unwrap(), "GET {{base}}/x");
    }

    #[test]
    fn content_may_contain_markers_and_files_may_lack_a_header() {
        let f = SnapshotFile::parse("---\na: 1\n---\nbody\n---\nmore\n");
        assert_eq!(f.content, "body\n---\nmore\n");
        let g = SnapshotFile::parse("---\n---\nx\n");
        assert_eq!((g.metadata.as_str(), g.content.as_str()), ("", "x\n"));
        let h = SnapshotFile::parse("just text\r\n");
        assert_eq!(h.content, "just text\n");
        assert!(h.same_content("just text"));
    }

    #[test]
    fn names_are_safe_everywhere() {
        assert_eq!(
            sanitize_file_name("Get user: by id/name?"),
            "Get user_ by id_name_"
        );
        assert_eq!(sanitize_file_name("..hidden. "), "hidden");
        assert_eq!(sanitize_file_name(".."), "_");
        assert_eq!(sanitize_file_name("con"), "con_");
        assert_eq!(sanitize_file_name("COM1.txt"), "COM1.txt_");
        assert_eq!(sanitize_file_name("a\tb"), "a_b");
        let long = "é".repeat(100);
        let cut = sanitize_file_name(&long);
        assert!(cut.len() <= MAX_NAME && cut.chars().all(|c| c == 'é'));
    }

    #[test]
    fn new_paths() {
        let p = Path::new("d/x.snap");
        assert_eq!(new_path(p), Path::new("d/x.snap.new"));
        assert_eq!(snap_path_of_new(&new_path(p)).unwrap(), p);
        assert!(snap_path_of_new(Path::new("d/x.new")).is_none());
    }
}
