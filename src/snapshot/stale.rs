//! Snapshots of items the collection no longer has.
//!
//! A snapshot's place says whose it is (`check.rs` names it
//! `DIR/<collection>/<folder…>/<item>[.<iteration>][~<n>].snap`), so the
//! files under the collection's directory are compared with the requests
//! the collection has now: a file no request of the collection would be
//! written to is stale. Its item was renamed, moved or deleted. A run with
//! `--snapshots` lists them at its end; `courier snapshots prune DIR
//! --collection FILE` deletes them, with their pending `.snap.new` files.
//! Whether a request ran does not matter (`--folder`, `setNextRequest` and
//! `--bail` skip items that still exist), nor how many iterations there were.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::collection::{Collection, Item};

use super::SnapshotError;
use super::file::{NEW_EXTENSION, SNAP_EXTENSION, new_path, remove_if_exists, sanitize_file_name};

/// The requests of a collection, as the places their snapshots go.
#[derive(Debug, Clone)]
pub struct LiveItems {
    /// `DIR/<collection>`.
    root: PathBuf,
    /// Folder names then the item's name, each as a file name.
    items: HashSet<Vec<String>>,
}

impl LiveItems {
    /// The requests of `collection`, whose snapshots live under `dir`.
    pub fn new(dir: &Path, collection: &Collection) -> Self {
        let mut items = HashSet::new();
        collect(&collection.item, &mut Vec::new(), &mut items);
        LiveItems {
            root: dir.join(sanitize_file_name(&collection.info.name)),
            items,
        }
    }

    /// The snapshots (`.snap`, and `.snap.new` without one) under the
    /// collection's directory that belong to no request of it, sorted.
    pub fn stale(&self) -> Result<Vec<PathBuf>, SnapshotError> {
        let mut out = Vec::new();
        if self.root.is_dir() {
            self.walk(&self.root, &mut Vec::new(), &mut out)?;
        }
        out.sort();
        Ok(out)
    }

    fn walk(
        &self,
        dir: &Path,
        folders: &mut Vec<String>,
        out: &mut Vec<PathBuf>,
    ) -> Result<(), SnapshotError> {
        let read = |source| SnapshotError::Read {
            path: dir.to_owned(),
            source,
        };
        for entry in std::fs::read_dir(dir).map_err(read)? {
            let path = entry.map_err(read)?.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
                continue;
            };
            if path.is_dir() {
                folders.push(name);
                self.walk(&path, folders, out)?;
                folders.pop();
                continue;
            }
            let stem = if let Some(stem) = name.strip_suffix(&format!(".{NEW_EXTENSION}")) {
                // A pending file beside its snapshot goes with it.
                if path
                    .with_file_name(format!("{stem}.{SNAP_EXTENSION}"))
                    .exists()
                {
                    continue;
                }
                stem
            } else if let Some(stem) = name.strip_suffix(&format!(".{SNAP_EXTENSION}")) {
                stem
            } else {
                continue;
            };
            if !self.is_live(folders, stem) {
                out.push(path);
            }
        }
        Ok(())
    }

    /// Whether a snapshot named `stem` in `folders` could be a request's:
    /// as it is, without a `~N` repeat suffix, or without a `.N` iteration.
    fn is_live(&self, folders: &[String], stem: &str) -> bool {
        let repeat = strip_number(stem, '~');
        let candidates = [
            Some(stem),
            repeat,
            strip_number(repeat.unwrap_or(stem), '.'),
        ];
        candidates.into_iter().flatten().any(|name| {
            let mut key = folders.to_vec();
            key.push(name.to_owned());
            self.items.contains(&key)
        })
    }

    /// Deletes the stale snapshots and their pending files, then the
    /// directories that left empty; says what it deleted on `out`.
    /// Returns how many snapshots went.
    pub fn prune(&self, out: &mut dyn Write) -> Result<usize, SnapshotError> {
        let stale = self.stale()?;
        let terminal = SnapshotError::Terminal;
        for path in &stale {
            remove_if_exists(path)?;
            if path.to_string_lossy().ends_with(SNAP_EXTENSION) {
                remove_if_exists(&new_path(path))?;
            }
            writeln!(out, "deleted {}", path.display()).map_err(terminal)?;
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|d| d.starts_with(&self.root) && *d != self.root) {
                // Not empty (or not ours to remove): stop climbing.
                if std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        let word = if stale.len() == 1 {
            "snapshot"
        } else {
            "snapshots"
        };
        writeln!(
            out,
            "{} stale {word} deleted under {}",
            stale.len(),
            self.root.display()
        )
        .map_err(terminal)?;
        Ok(stale.len())
    }
}

/// `name` without a final `<sep><digits>`, when it has one.
fn strip_number(name: &str, sep: char) -> Option<&str> {
    let (head, digits) = name.rsplit_once(sep)?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(head)
}

/// Adds the requests of `items` under `folders` to `out`.
fn collect(items: &[Item], folders: &mut Vec<String>, out: &mut HashSet<Vec<String>>) {
    for item in items {
        let name = sanitize_file_name(&item.name);
        match &item.item {
            Some(children) => {
                folders.push(name);
                collect(children, folders, out);
                folders.pop();
            }
            None => {
                let mut key = folders.clone();
                key.push(name);
                out.insert(key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collection() -> Collection {
        serde_json::from_str(
            r#"{"info":{"name":"My API","schema":""},"item":[
                {"name":"Users","item":[{"name":"Get: one","request":{"url":"http://x"}}]},
                {"name":"v1.2","request":{"url":"http://x"}}]}"#,
        )
        .expect("collection")
    }

    fn touch(root: &Path, rel: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
        std::fs::write(path, "---\n---\nHTTP 200 OK\n").expect("write");
    }

    #[test]
    fn stale_snapshots_are_found_and_pruned() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("My API");
        for rel in [
            "Users/Get_ one.snap",
            "Users/Get_ one.2.snap",
            "Users/Get_ one~2.snap",
            "Users/Get_ one.3~2.snap",
            "v1.2.snap",
            "v1.2.4.snap",
            "Users/Gone.snap",
            "Users/Gone.snap.new",
            "Old folder/Deep/Item.snap",
            "Users/Never accepted.snap.new",
            "notes.txt",
        ] {
            touch(&root, rel);
        }
        touch(dir.path(), "Other collection/Users/Gone.snap");
        let live = LiveItems::new(dir.path(), &collection());
        let stale: Vec<String> = live
            .stale()
            .expect("stale")
            .iter()
            .map(|p| {
                p.strip_prefix(&root)
                    .expect("under root")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(
            stale,
            vec![
                "Old folder/Deep/Item.snap",
                "Users/Gone.snap",
                "Users/Never accepted.snap.new",
            ]
        );
        let mut out = Vec::new();
        assert_eq!(live.prune(&mut out).expect("prune"), 3);
        let out = String::from_utf8(out).expect("utf-8");
        let last = format!("3 stale snapshots deleted under {}\n", root.display());
        assert!(out.ends_with(&last), "{out}");
        assert!(!root.join("Users/Gone.snap.new").exists());
        assert!(!root.join("Old folder").exists());
        assert!(root.join("Users/Get_ one.snap").exists());
        assert!(root.join("notes.txt").exists());
        assert!(dir.path().join("Other collection/Users/Gone.snap").exists());
        assert!(live.stale().expect("stale").is_empty());
    }
}
