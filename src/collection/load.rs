//! Reading collection, environment, globals and iteration-data files.
//!
//! Bytes become text in `decode.rs` (UTF-8, UTF-16 with a byte-order mark,
//! Newman's fallbacks); a Collection v1 file is converted in `v1/` before
//! it is read into the model. Every failure is a [`LoadError`] that names
//! the file and, for JSON, the line and column or the JSON path of the bad
//! field, with a hint on what to do. The CLI prints it and exits 2;
//! nothing here panics on bad input.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::decode::{decode, json_body};
use super::model::{Collection, Environment};
use super::v1;

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
    /// An environment or globals argument that is no file, nor the name
    /// of one the repository's `.postman/resources.yaml` registers.
    #[error("{kind} {name:?} is no file; {reason}")]
    NotRegistered {
        /// `environment` or `globals`.
        kind: &'static str,
        /// The argument as given.
        name: String,
        /// Why the name did not resolve, with the names known.
        reason: String,
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
    /// A YAML file (of a v3 collection directory or a YAML environment)
    /// could not be parsed.
    #[error(
        "{kind} file {path} is not valid YAML: {message} at line {line}, column {column}; fix the YAML there (quote values that hold `{{{{`, `:` or `#`)"
    )]
    Yaml {
        /// What the file was meant to be.
        kind: &'static str,
        /// The path of the YAML file.
        path: PathBuf,
        /// The parser's description.
        message: String,
        /// 1-based line (0 when unknown).
        line: usize,
        /// 1-based column (0 when unknown).
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
    /// The file's bytes are not text courier can decode.
    #[error("{kind} file {path} cannot be read as text: {message}")]
    Encoding {
        /// What the file was meant to be.
        kind: &'static str,
        /// The path as given.
        path: PathBuf,
        /// What is wrong and what to do.
        message: &'static str,
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

/// Reads a file and decodes it as Newman does (`decode.rs`).
pub(crate) fn read_text(kind: &'static str, path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
        kind,
        path: path.to_owned(),
        source,
    })?;
    decode(&bytes).map_err(|e| LoadError::Encoding {
        kind,
        path: path.to_owned(),
        message: e.message(),
    })
}

/// Parses `text` as JSON into `T`, reporting syntax errors with line and
/// column and shape errors with the JSON path of the offending field.
/// Surrounding white space and a byte-order mark are skipped first, as
/// Newman skips them.
pub(crate) fn parse_json<T: DeserializeOwned>(
    kind: &'static str,
    path: &Path,
    text: &str,
    hint: &'static str,
) -> Result<T, LoadError> {
    let value = parse_value(kind, path, text)?;
    deserialize(kind, path, value, hint)
}

/// The JSON value of `text`, or a syntax error with its position in the file.
fn parse_value(kind: &'static str, path: &Path, text: &str) -> Result<Value, LoadError> {
    let (body, skipped) = json_body(text);
    // Syntax first, so a typo is reported as a syntax error with its
    // position rather than as a confusing shape error.
    serde_json::from_str(body).map_err(|e| {
        let lines_skipped = skipped.matches('\n').count();
        // (A byte-order mark takes no column in an editor.)
        let column = match (e.line(), skipped.rsplit('\n').next()) {
            (1, Some(tail)) => e.column() + tail.chars().filter(|c| *c != '\u{feff}').count(),
            _ => e.column(),
        };
        LoadError::Syntax {
            kind,
            path: path.to_owned(),
            message: strip_position(&e.to_string()),
            line: e.line() + lines_skipped,
            column,
        }
    })
}

/// `value` into `T`, naming the JSON path of a field of the wrong shape.
fn deserialize<T: DeserializeOwned>(
    kind: &'static str,
    path: &Path,
    value: Value,
    hint: &'static str,
) -> Result<T, LoadError> {
    serde_path_to_error::deserialize(value).map_err(|e| LoadError::Shape {
        kind,
        path: path.to_owned(),
        pointer: pointer_text(e.path()),
        message: e.inner().to_string(),
        hint,
    })
}

fn pointer_text(path: &serde_path_to_error::Path) -> String {
    match path.to_string() {
        p if p == "." => "(top level)".to_owned(),
        p => p,
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

const COLLECTION_HINT: &str =
    "export the collection from Postman as Collection v2.1 (or v2.0) and pass that file";
const V1_HINT: &str = "this Collection v1 file is converted to v2.1 as Newman converts it; fix that field in the v1 file, or export the collection from Postman as Collection v2.1";
const YAML_ENVIRONMENT_HINT: &str = "a YAML environment is `name: …` and `values:` a list of `{key, value, enabled, type}` as Postman writes `*.environment.yaml`";
const ENVIRONMENT_HINT: &str = "an environment file is `{\"name\": …, \"values\": [{\"key\": …, \"value\": …}]}` as the Postman app exports it";

/// Loads a Postman collection: v2.1 or v2.0, v1 (converted as Newman
/// converts it), or either wrapped as the Postman API returns it
/// (`{"collection": …}`). The file may be UTF-8 (with or without a
/// byte-order mark) or UTF-16 with a byte-order mark.
///
/// A directory is read as a Postman v3 collection (`v3::load_dir`; its
/// warnings are dropped here).
pub fn load_collection(path: &Path) -> Result<Collection, LoadError> {
    if path.is_dir() {
        return super::v3::load_dir(path).map(|loaded| loaded.collection);
    }
    let text = read_text("collection", path)?;
    parse_collection(path, &text)
}

/// Parses collection text; `path` is only used in messages.
///
/// A well-formed v2 collection is read in one pass. Anything else is read
/// again step by step, to say where it went wrong: that second reader keeps
/// track of the JSON path, which costs it twice the time on large collections.
pub fn parse_collection(path: &Path, text: &str) -> Result<Collection, LoadError> {
    // (A collection without items takes the careful path, which tells a
    // missing `item` from an empty one, and unwraps or converts the file.)
    if let Ok(collection) = serde_json::from_str::<Collection>(json_body(text).0)
        && !collection.item.is_empty()
    {
        return Ok(collection);
    }
    let value = unwrap_model(parse_value("collection", path, text)?, "collection");
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
    if v1::is_v1(obj) {
        return from_v1(path, obj);
    }
    if !obj.contains_key("item") {
        let message = if obj.contains_key("requests") && obj.contains_key("order") {
            "missing field `item`; this looks like a Collection v1 file, but those need a non-empty `name` (Newman runs nothing without one)"
        } else if obj.contains_key("values") {
            "missing field `item`; this looks like an environment or globals file (it has `values`): pass it with -e or -g"
        } else {
            "missing field `item` (a collection has `info` and `item`)"
        };
        return Err(shape_error("item", message));
    }
    deserialize("collection", path, value, COLLECTION_HINT)
}

/// What a JSON file holds, as `courier convert` reads it.
#[derive(Debug)]
pub enum Document {
    /// A collection, as v2.x JSON (a v1 file converted as Newman converts it).
    Collection(Value),
    /// An environment or globals file (`{name, values}`).
    Environment(Value),
}

/// Reads the collection or environment JSON file `path` (unwrapped from
/// the Postman API's wrappers), converting a v1 collection to v2.1.
pub fn read_document(path: &Path) -> Result<Document, LoadError> {
    let text = read_text("collection", path)?;
    let value = parse_value("collection", path, &text)?;
    let is_env = value.get("values").is_some()
        || value.get("environment").is_some()
        || value.get("globals").is_some();
    if is_env && value.get("item").is_none() {
        let env = parse_environment("environment", path, &text)?;
        let mut out = unwrap_model(value, "environment");
        if out.is_array() {
            out = serde_json::json!({ "name": env.name, "values": out });
        }
        return Ok(Document::Environment(out));
    }
    let value = unwrap_model(value, "collection");
    if let Some(obj) = value.as_object()
        && v1::is_v1(obj)
    {
        let converted = convert_v1(path, obj)?;
        read_converted_v1(path, &converted)?;
        return Ok(Document::Collection(converted));
    }
    // Checked as `courier run` checks it, so a bad file is named here.
    parse_collection(path, &text)?;
    Ok(Document::Collection(value))
}

/// Takes the model out of the wrappers the Postman API puts around it, as
/// Newman does: `{"collection": …}` (or `environment`, `globals`), twice at
/// most.
fn unwrap_model(mut value: Value, key: &str) -> Value {
    if v1::truthy(value.get(key)) {
        value = value[key].take();
    }
    if !v1::truthy(value.get("values"))
        && value
            .get(key)
            .is_some_and(|v| v.is_object() || v.is_array())
    {
        value = value[key].take();
    }
    value
}

/// Converts a v1 collection and reads the result; a field of the wrong
/// shape is named by its place in the converted collection and the name of
/// its request or folder.
fn from_v1(path: &Path, v1: &serde_json::Map<String, Value>) -> Result<Collection, LoadError> {
    read_converted_v1(path, &convert_v1(path, v1)?)
}

/// A v1 collection converted to v2.1 as Newman converts it.
fn convert_v1(path: &Path, v1: &serde_json::Map<String, Value>) -> Result<Value, LoadError> {
    v1::convert(v1).map_err(|e| LoadError::Shape {
        kind: "collection",
        path: path.to_owned(),
        pointer: e.pointer,
        message: e.message,
        hint: V1_HINT,
    })
}

/// Reads a converted v1 collection; a field of the wrong shape is named by
/// its place and the name of its request or folder.
fn read_converted_v1(path: &Path, converted: &Value) -> Result<Collection, LoadError> {
    serde_path_to_error::deserialize(converted.clone()).map_err(|e| {
        let place = item_at(converted, e.path())
            .map(|name| format!(" (in “{name}”)"))
            .unwrap_or_default();
        LoadError::Shape {
            kind: "collection",
            path: path.to_owned(),
            pointer: format!("{}{place}", pointer_text(e.path())),
            message: e.inner().to_string(),
            hint: V1_HINT,
        }
    })
}

/// The `/`-joined names of the folders and request that `path` runs through.
fn item_at(root: &Value, path: &serde_path_to_error::Path) -> Option<String> {
    use serde_path_to_error::Segment;
    let mut at = root;
    let mut names = Vec::new();
    for segment in path.iter() {
        at = match segment {
            Segment::Seq { index } => at.get(*index)?,
            Segment::Map { key } => at.get(key)?,
            Segment::Enum { .. } | Segment::Unknown => break,
        };
        if (at.get("request").is_some() || at.get("item").is_some())
            && let Some(name) = at.get("name").and_then(Value::as_str)
        {
            names.push(name);
        }
    }
    (!names.is_empty()).then(|| names.join("/"))
}

/// Loads an environment or globals file (`kind` names it in messages): the
/// Postman app's export, the Postman API's `{"environment": …}` wrapper, or
/// a bare array of variables, as Newman accepts them.
///
/// A `.yaml` / `.yml` file is read as Postman v12 writes environments and
/// globals (`name`, `values: [{key, value, enabled, type}]`).
pub fn load_environment(kind: &'static str, path: &Path) -> Result<Environment, LoadError> {
    let named = environment_by_name(kind, path)?;
    let path = named.as_deref().unwrap_or(path);
    let text = read_text(kind, path)?;
    if super::v3::is_yaml(path) {
        return parse_yaml_environment(kind, path, &text);
    }
    parse_environment(kind, path, &text)
}

/// The file an environment or globals argument that is no file names
/// through the repository's `.postman/resources.yaml` (`-e Staging`);
/// `None` when it is a file, or there is no manifest (reading it then
/// fails with "no such file").
fn environment_by_name(kind: &'static str, arg: &Path) -> Result<Option<PathBuf>, LoadError> {
    use super::v3::workspace::{WorkspaceError, find_environment_by_name};
    if arg.exists() {
        return Ok(None);
    }
    let Ok(here) = std::env::current_dir() else {
        return Ok(None);
    };
    let name = arg.to_string_lossy().into_owned();
    match find_environment_by_name(&here, &name) {
        Ok(found) => Ok(found),
        Err(WorkspaceError::Load(e)) => Err(e),
        Err(e) => Err(LoadError::NotRegistered {
            kind,
            name,
            reason: e.to_string(),
        }),
    }
}

/// Parses the text of a YAML environment or globals file; `path` is only
/// used in messages.
pub(crate) fn parse_yaml_environment(
    kind: &'static str,
    path: &Path,
    text: &str,
) -> Result<Environment, LoadError> {
    let value = super::v3::environment_value(kind, path, text)?;
    deserialize(kind, path, value, YAML_ENVIRONMENT_HINT)
}

/// Parses environment or globals text; `path` is only used in messages.
pub fn parse_environment(
    kind: &'static str,
    path: &Path,
    text: &str,
) -> Result<Environment, LoadError> {
    let value = unwrap_model(parse_value(kind, path, text)?, kind);
    match value {
        Value::Array(values) => {
            let wrapped = serde_json::json!({ "values": values });
            deserialize(kind, path, wrapped, ENVIRONMENT_HINT).map_err(|e| match e {
                // Name the place in the file, which has no `values`.
                LoadError::Shape {
                    kind,
                    path,
                    pointer,
                    message,
                    hint,
                } => LoadError::Shape {
                    kind,
                    path,
                    pointer: pointer
                        .strip_prefix("values")
                        .map_or(pointer.clone(), str::to_owned),
                    message,
                    hint,
                },
                other => other,
            })
        }
        Value::Object(_) => deserialize(kind, path, value, ENVIRONMENT_HINT),
        _ => Err(LoadError::Shape {
            kind,
            path: path.to_owned(),
            pointer: "(top level)".into(),
            message: "expected a JSON object (or an array of variables)".into(),
            hint: ENVIRONMENT_HINT,
        }),
    }
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
    fn v1_without_a_name_is_named_as_such() {
        let msg = parse_collection(Path::new("c.json"), r#"{"requests":[],"order":[]}"#)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("Collection v1"), "{msg}");
        assert!(msg.contains("non-empty `name`"), "{msg}");
    }

    #[test]
    fn v1_is_converted() {
        let text = r#"{"name": "Old", "order": ["r"], "requests": [
            {"id": "r", "name": "Get", "url": "{{base}}/get", "method": "GET"}]}"#;
        let c = parse_collection(Path::new("c.json"), text).expect("converted");
        assert_eq!(c.info.name, "Old");
        assert_eq!(c.item[0].name, "Get");
        assert!(matches!(&c.item[0].request.as_ref().expect("request").url,
            crate::collection::Url::Object(u) if u.host.as_deref() == Some(&["{{base}}".to_owned()][..])));
    }

    #[test]
    fn issue11_v1_shape_errors_name_the_request() {
        let text = r#"{"name": "Old", "order": [], "requests": [],
            "folders": [{"id": "f", "name": "Folder", "order": ["r"]}],
            "folders_order": ["f"]}"#;
        assert!(parse_collection(Path::new("c.json"), text).is_ok());
        let text = text.replace(
            r#""requests": []"#,
            r#""requests": [{"id": "r", "name": "Bad", "method": 5}]"#,
        );
        let msg = parse_collection(Path::new("old.json"), &text)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("old.json"), "{msg}");
        assert!(msg.contains("item[0].item[0].request.method"), "{msg}");
        assert!(msg.contains("“Folder/Bad”"), "{msg}");
        assert!(msg.contains("Collection v1"), "{msg}");
    }

    #[test]
    fn issue11_collection_without_info_loads() {
        let c = parse_collection(
            Path::new("c.json"),
            r#"{"item": [{"name": "a", "request": "http://h.test/"}]}"#,
        )
        .expect("loads");
        assert_eq!(c.info.name, "");
        assert_eq!(c.item.len(), 1);
        let c =
            parse_collection(Path::new("c.json"), r#"{"info": {}, "item": []}"#).expect("loads");
        assert!(c.item.is_empty());
    }

    #[test]
    fn issue11_api_wrapper_is_unwrapped() {
        let inner = r#"{"info": {"name": "Wrapped"}, "item": [{"name": "a", "request": "http://h.test/"}]}"#;
        for text in [
            format!(r#"{{"collection": {inner}}}"#),
            format!(r#"{{"collection": {{"collection": {inner}}}}}"#),
        ] {
            let c = parse_collection(Path::new("c.json"), &text).expect("loads");
            assert_eq!(c.info.name, "Wrapped");
            assert_eq!(c.item.len(), 1);
        }
        let v1 = r#"{"collection": {"name": "Old", "order": [], "requests": []}}"#;
        assert_eq!(
            parse_collection(Path::new("c.json"), v1)
                .expect("loads")
                .info
                .name,
            "Old"
        );
    }

    #[test]
    fn issue11_variable_with_id_and_key_is_named_by_key() {
        for variable in [
            r#"{"id": "theId", "key": "theKey", "value": "v"}"#,
            r#"{"key": "theKey", "id": "theId", "value": "v"}"#,
        ] {
            let text = format!(
                r#"{{"info": {{"name": "x"}}, "variable": [{variable}, {{"id": "onlyId", "value": "w"}}],
                "item": [{{"name": "a", "request": {{"url": {{"raw": "http://h/:p", "host": ["h"], "path": [":p"],
                "variable": [{{"id": "pid", "key": "p", "value": "1"}}]}}}}}}]}}"#
            );
            let c = parse_collection(Path::new("c.json"), &text).expect("loads");
            assert_eq!(c.variable[0].key, "theKey");
            assert_eq!(c.variable[1].key, "", "an id is not a name");
            let url = &c.item[0].request.as_ref().expect("request").url;
            let crate::collection::Url::Object(url) = url else {
                panic!("object url")
            };
            assert_eq!(url.variable[0].key, "p");
        }
        let env = parse_environment(
            "environment",
            Path::new("e.json"),
            r#"{"values": [{"id": "i", "key": "k", "value": "v", "enabled": true}]}"#,
        )
        .expect("loads");
        assert_eq!(env.values[0].key, "k");
    }

    #[test]
    fn issue11_bom_and_leading_space_keep_error_positions() {
        let c = parse_collection(
            Path::new("c.json"),
            "\u{feff}{\"info\": {\"name\": \"x\"}, \"item\": []}\n",
        )
        .expect("loads");
        assert_eq!(c.info.name, "x");
        let msg = parse_collection(Path::new("c.json"), "\u{feff}\n\n  {\"info\": ,}")
            .unwrap_err()
            .to_string();
        assert!(msg.contains("line 3, column 12"), "{msg}");
        let msg = parse_collection(Path::new("c.json"), "\u{feff}{\"item\": ,}")
            .unwrap_err()
            .to_string();
        assert!(msg.contains("line 1, column 10"), "{msg}");
    }

    #[test]
    fn issue11_environments_as_arrays_and_wrapped() {
        for (kind, text) in [
            (
                "globals",
                r#"[{"key": "g", "value": "1", "enabled": true}]"#,
            ),
            ("globals", r#"{"globals": [{"key": "g", "value": "1"}]}"#),
            ("environment", r#"[{"key": "g", "value": "1"}]"#),
            (
                "environment",
                r#"{"environment": {"name": "E", "values": [{"key": "g", "value": "1"}]}}"#,
            ),
        ] {
            let env = parse_environment(kind, Path::new("e.json"), text).expect(text);
            assert_eq!(env.values.len(), 1, "{text}");
            assert_eq!(env.values[0].key, "g");
        }
        let msg = parse_environment(
            "globals",
            Path::new("g.json"),
            r#"[{"key": "g", "enabled": "yes"}]"#,
        )
        .unwrap_err()
        .to_string();
        assert!(msg.contains("at `[0].enabled`"), "{msg}");
        let msg = parse_environment("environment", Path::new("e.json"), "\"text\"")
            .unwrap_err()
            .to_string();
        assert!(msg.contains("array of variables"), "{msg}");
    }

    #[test]
    fn issue11_environment_file_as_collection_is_named() {
        let msg = parse_collection(Path::new("c.json"), r#"{"name": "E", "values": []}"#)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("environment or globals file"), "{msg}");
    }

    #[test]
    fn issue11_files_in_utf16_and_with_bom_load() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text =
            r#"{"info": {"name": "café"}, "item": [{"name": "a", "request": "http://h.test/"}]}"#;
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(text.as_bytes());
        for (name, bytes) in [("le.json", utf16), ("bom.json", bom)] {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).expect("write");
            assert_eq!(load_collection(&path).expect(name).info.name, "café");
        }
        let path = dir.path().join("no-bom.json");
        std::fs::write(
            &path,
            text.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<_>>(),
        )
        .expect("write");
        let msg = load_collection(&path).unwrap_err().to_string();
        assert!(msg.contains("no-bom.json"), "{msg}");
        assert!(
            msg.contains("UTF-16 text without a byte-order mark"),
            "{msg}"
        );
    }

    #[test]
    fn missing_item_is_named() {
        let msg = parse_collection(Path::new("c.json"), r#"{"info":{"name":"x"}}"#)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("`item`"), "{msg}");
    }
}
