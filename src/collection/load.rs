//! Reading collection, environment, globals and iteration-data files.
//!
//! Every failure is a [`LoadError`] that names the file and, for JSON, the
//! line and column or the JSON path of the bad field, with a hint on what to
//! do. The CLI prints it and exits 2; nothing here panics on bad input.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::model::{Collection, Environment};

/// Why a file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read {kind} file {path}: {source}")]
    Read {
        /// What the file was meant to be (`collection`, `environment`, …).
        kind: &'static str,
        /// The path as given.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid JSON.
    #[error(
        "{kind} file {path} is not valid JSON: {message} at line {line}, column {column}; fix the JSON syntax there (a missing comma or quote is the usual cause)"
    )]
    Syntax {
        /// What the file was meant to be.
        kind: &'static str,
        /// The path as given.
        path: PathBuf,
        /// serde_json's description.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The JSON does not have the expected shape.
    #[error("{kind} file {path} is not a valid {kind}: at `{pointer}`: {message}; {hint}")]
    Shape {
        /// What the file was meant to be.
        kind: &'static str,
        /// The path as given.
        path: PathBuf,
        /// Where in the document, as a JSON path (`item[2].request.url`).
        pointer: String,
        /// What was wrong.
        message: String,
        /// What to do about it.
        hint: &'static str,
    },
    /// A CSV iteration-data file is malformed.
    #[error("iteration data file {path} line {line}: {message}")]
    Csv {
        /// The path as given.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// What was wrong.
        message: String,
    },
}

fn read(kind: &'static str, path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|source| LoadError::Read {
        kind,
        path: path.to_owned(),
        source,
    })
}

/// Parses `text` as JSON into `T`, reporting syntax errors with line and
/// column and shape errors with the JSON path of the offending field.
pub(crate) fn parse_json<T: DeserializeOwned>(
    kind: &'static str,
    path: &Path,
    text: &str,
    hint: &'static str,
) -> Result<T, LoadError> {
    // First pass: syntax only, so a typo is reported as a syntax error with
    // its position rather than as a confusing shape error.
    let value: Value = serde_json::from_str(text).map_err(|e| LoadError::Syntax {
        kind,
        path: path.to_owned(),
        message: strip_position(&e.to_string()),
        line: e.line(),
        column: e.column(),
    })?;
    serde_path_to_error::deserialize(value).map_err(|e| {
        let pointer = match e.path().to_string() {
            p if p == "." => "(top level)".to_owned(),
            p => p,
        };
        LoadError::Shape {
            kind,
            path: path.to_owned(),
            pointer,
            message: e.inner().to_string(),
            hint,
        }
    })
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

const COLLECTION_HINT: &str =
    "export the collection from Postman as Collection v2.1 (or v2.0) and pass that file";
const ENVIRONMENT_HINT: &str = "an environment file is `{\"name\": …, \"values\": [{\"key\": …, \"value\": …}]}` as the Postman app exports it";

/// Loads a Postman collection (v2.0 or v2.1).
pub fn load_collection(path: &Path) -> Result<Collection, LoadError> {
    let text = read("collection", path)?;
    parse_collection(path, &text)
}

/// Parses collection text; `path` is only used in messages.
///
/// A well-formed collection is read in one pass. Anything else is read again
/// step by step, to say where it went wrong: that second reader keeps track of
/// the JSON path, which costs it twice the time on large collections.
pub fn parse_collection(path: &Path, text: &str) -> Result<Collection, LoadError> {
    // (A collection without items takes the careful path, which tells a
    // missing `item` from an empty one.)
    if let Ok(collection) = serde_json::from_str::<Collection>(text)
        && !collection.item.is_empty()
    {
        return Ok(collection);
    }
    let value: Value = parse_json("collection", path, text, COLLECTION_HINT)?;
    let shape_error = |pointer: &str, message: &str| LoadError::Shape {
        kind: "collection",
        path: path.to_owned(),
        pointer: pointer.to_owned(),
        message: message.to_owned(),
        hint: COLLECTION_HINT,
    };
    let Some(obj) = value.as_object() else {
        return Err(shape_error("(top level)", "expected a JSON object"));
    };
    if obj.contains_key("requests") && obj.contains_key("order") {
        return Err(shape_error(
            "(top level)",
            "this is a Collection v1 file, which courier does not read",
        ));
    }
    if let Some(wrapped) = obj.get("collection").filter(|_| !obj.contains_key("info")) {
        // The Postman API wraps exports as {"collection": {...}}.
        return parse_json("collection", path, &wrapped.to_string(), COLLECTION_HINT);
    }
    if !obj.contains_key("info") {
        return Err(shape_error(
            "info",
            "missing field `info` (a collection has `info` and `item`)",
        ));
    }
    if !obj.contains_key("item") {
        return Err(shape_error(
            "item",
            "missing field `item` (a collection has `info` and `item`)",
        ));
    }
    serde_path_to_error::deserialize(value).map_err(|e| LoadError::Shape {
        kind: "collection",
        path: path.to_owned(),
        pointer: e.path().to_string(),
        message: e.inner().to_string(),
        hint: COLLECTION_HINT,
    })
}

/// Loads an environment or globals file (`kind` names it in messages).
pub fn load_environment(kind: &'static str, path: &Path) -> Result<Environment, LoadError> {
    let text = read(kind, path)?;
    let env: Environment = parse_json(kind, path, &text, ENVIRONMENT_HINT)?;
    Ok(env)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_names_line_and_column() {
        let err = parse_collection(Path::new("c.json"), "{\n  \"info\": {\n  \"name\": 1,,\n}")
            .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("c.json"), "{msg}");
        assert!(msg.contains("line 3"), "{msg}");
    }

    #[test]
    fn shape_error_names_json_path() {
        let text = r#"{"info":{"name":"x"},"item":[{"name":"a","request":{"url":"http://x","header":[{"key":"a","value":"b","disabled":"yes"}]}}]}"#;
        let msg = parse_collection(Path::new("c.json"), text)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("item[0]"), "{msg}");
    }

    #[test]
    fn v1_collection_is_rejected_clearly() {
        let msg = parse_collection(Path::new("c.json"), r#"{"requests":[],"order":[]}"#)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("v1"), "{msg}");
    }

    #[test]
    fn missing_item_is_named() {
        let msg = parse_collection(Path::new("c.json"), r#"{"info":{"name":"x"}}"#)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("`item`"), "{msg}");
    }
}
