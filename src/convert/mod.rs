//! `courier convert`: between Collection v1, v2.x and Postman v3
//! directories, and between JSON and YAML environments.
//!
//! v1 → v2.1 (as Newman converts it), v2.0 → v2.1 (`v20.rs`: auth
//! parameters as lists), v3 directory → v2.1 file (the JSON
//! `courier run` reads the directory as), v2.x → v3 directory
//! (`to_v3.rs`, laid out as `postman collection migrate` writes it);
//! environments and globals YAML → JSON and JSON → YAML. A file is written
//! atomically (temporary file, then rename); a directory is written into a
//! temporary sibling, then renamed into place. An existing destination is
//! only replaced with `force`.

mod shapes;
mod to_v3;
mod v20;
mod yaml_out;

pub use to_v3::file_stem;
pub use yaml_out::to_yaml;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::collection::{Document, LoadError, read_document, v3};

/// The format to convert to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A Collection v2.1 JSON file (environments: Postman's JSON export).
    V21,
    /// A Postman v3 collection directory (environments: YAML).
    V3,
}

/// Why a conversion could not be done.
#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    /// The source could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The destination exists and `--force` was not given.
    #[error("{} already exists (and is not an empty directory); pass --force to replace it, or choose another -o", path.display())]
    Exists {
        /// The destination.
        path: PathBuf,
    },
    /// The source is not something this target converts from.
    #[error("{}: {message}", path.display())]
    Unsupported {
        /// The source.
        path: PathBuf,
        /// What it is and what to do.
        message: String,
    },
    /// Writing the destination failed.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// What was being written.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// Converts `src` to `target`, written at `dest`; returns warnings about
/// what could not be carried over.
pub fn convert(
    src: &Path,
    target: Target,
    dest: &Path,
    force: bool,
) -> Result<Vec<String>, ConvertError> {
    let unsupported = |message: &str| ConvertError::Unsupported {
        path: src.to_owned(),
        message: message.to_owned(),
    };
    let mut warnings = Vec::new();
    let text = if src.is_dir() {
        if target == Target::V3 {
            return Err(unsupported(
                "is already a v3 collection directory; convert it with --to v2.1",
            ));
        }
        let (value, w) = v3::dir_value(src)?;
        warnings.extend(w);
        pretty_json(&value)
    } else if v3::is_yaml(src) {
        if target == Target::V3 {
            return Err(unsupported(
                "is already a YAML environment; convert it with --to v2.1 (JSON)",
            ));
        }
        pretty_json(&yaml_environment(src)?)
    } else {
        match (read_document(src)?, target) {
            (Document::Collection(value), Target::V21) => {
                if v20::is_v20(&value) {
                    pretty_json(&v20::to_v21(value))
                } else if is_v1_source(src) {
                    pretty_json(&value)
                } else {
                    return Err(unsupported(
                        "is already a v2.1 collection; convert it with --to v3",
                    ));
                }
            }
            (Document::Collection(value), Target::V3) => {
                let value = shapes::normalise(value);
                let files = to_v3::collection_files(&value, &mut warnings);
                write_dir(dest, &files, force)?;
                return Ok(warnings);
            }
            (Document::Environment(value), Target::V3) => {
                let name = value.get("name").cloned().unwrap_or(Value::Null);
                let values = value.get("values").cloned().unwrap_or(json!([]));
                to_yaml(&json!({"name": name, "values": values}))
            }
            (Document::Environment(_), Target::V21) => {
                return Err(unsupported(
                    "is already a JSON environment; convert it with --to v3 (YAML)",
                ));
            }
        }
    };
    write_file(dest, text.as_bytes(), force)?;
    Ok(warnings)
}

/// Whether the JSON file `src` is a v1 collection (the only JSON
/// collection `--to v2.1` converts).
fn is_v1_source(src: &Path) -> bool {
    std::fs::read(src)
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .is_some_and(|v| {
            let v = v.get("collection").cloned().unwrap_or(v);
            v.get("item").is_none() && v.get("requests").is_some()
        })
}

fn pretty_json(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// A YAML environment or globals file as Postman's JSON export.
fn yaml_environment(src: &Path) -> Result<Value, ConvertError> {
    // Checked as `courier run -e` checks it.
    crate::collection::load_environment("environment", src)?;
    let text = crate::collection::read_text_of("environment", src)?;
    let value = v3::environment_value("environment", src, &text)?;
    let globals = src
        .file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(".globals.yaml"));
    let mut out = serde_json::Map::new();
    out.insert(
        "name".into(),
        value.get("name").cloned().unwrap_or_else(|| "".into()),
    );
    out.insert(
        "values".into(),
        value.get("values").cloned().unwrap_or(json!([])),
    );
    let scope = if globals { "globals" } else { "environment" };
    out.insert("_postman_variable_scope".into(), scope.into());
    Ok(Value::Object(out))
}

/// Whether `dest` may be written: absent, an empty directory, or `force`.
fn check_dest(dest: &Path, force: bool) -> Result<(), ConvertError> {
    let empty_dir = std::fs::read_dir(dest).is_ok_and(|mut d| d.next().is_none());
    if dest.exists() && !empty_dir && !force {
        return Err(ConvertError::Exists {
            path: dest.to_owned(),
        });
    }
    Ok(())
}

fn write_file(dest: &Path, contents: &[u8], force: bool) -> Result<(), ConvertError> {
    check_dest(dest, force)?;
    if dest.is_dir() {
        std::fs::remove_dir_all(dest).map_err(|source| write_error(dest, source))?;
    }
    crate::report::write_atomically(dest, contents).map_err(|source| write_error(dest, source))
}

fn write_error(path: &Path, source: std::io::Error) -> ConvertError {
    ConvertError::Write {
        path: path.to_owned(),
        source,
    }
}

/// Writes `files` into a temporary sibling of `dest`, then moves it there.
fn write_dir(dest: &Path, files: &[to_v3::File], force: bool) -> Result<(), ConvertError> {
    check_dest(dest, force)?;
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|source| write_error(&parent, source))?;
    let base = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "collection".into());
    let temp = parent.join(format!(".{base}.courier-{}.tmp", std::process::id()));
    let result = (|| {
        for (rel, text) in files {
            let path = temp.join(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|source| write_error(dir, source))?;
            }
            std::fs::write(&path, text).map_err(|source| write_error(&path, source))?;
        }
        if dest.is_dir() {
            std::fs::remove_dir_all(dest).map_err(|source| write_error(dest, source))?;
        } else if dest.exists() {
            std::fs::remove_file(dest).map_err(|source| write_error(dest, source))?;
        }
        std::fs::rename(&temp, dest).map_err(|source| write_error(dest, source))
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&temp);
    }
    result
}

#[cfg(test)]
mod tests;
