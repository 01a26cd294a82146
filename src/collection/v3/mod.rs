//! Postman v3 collections: directories of YAML files ("collection schema
//! 3.0.0", what Postman v12 keeps in Git).
//!
//! A collection is a directory whose `.resources/definition.yaml` has
//! `$kind: collection`. Each sub-directory is a folder (its own
//! `.resources/definition.yaml` is optional); each `*.request.yaml` with
//! `$kind: http-request` is a request, named by its file stem unless it sets
//! `name`. Siblings are ordered by `order` (a missing one counts as 0, as
//! the Postman CLI runs them), then by name. The directory is translated into v2.1 JSON (`entities.rs`) and read
//! by the same model as a v2.1 file, so a v3 collection runs exactly as the
//! same collection exported as v2.1. Files of other kinds (`graphql-request`,
//! `grpc-request`, …) are left out with a warning that names them. Saved
//! examples (`examples.rs`) become the item's responses, for `--mock`.
//! `workspace.rs` finds a collection by name through a repository's
//! `.postman/resources.yaml`.

mod entities;
mod environment;
mod examples;
pub mod workspace;
mod yaml;

pub(crate) use environment::environment_value;
pub use environment::is_yaml;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use super::load::LoadError;
use super::model::Collection;
use entities::{Definition, HttpRequest};

const HINT: &str = "a v3 collection is a directory with `.resources/definition.yaml` (`$kind: collection`) and `*.request.yaml` files (`$kind: http-request`) as Postman writes them";

/// A v3 collection as loaded, with the warnings about what was left out.
#[derive(Debug)]
pub struct LoadedV3 {
    /// The collection, in the model every format is read into.
    pub collection: Collection,
    /// One line per file or script left out (not an HTTP request, …).
    pub warnings: Vec<String>,
}

/// The definition file of a collection or folder directory.
fn definition_path(dir: &Path) -> PathBuf {
    dir.join(".resources").join("definition.yaml")
}

/// Loads the v3 collection directory `dir`.
pub fn load_dir(dir: &Path) -> Result<LoadedV3, LoadError> {
    let (value, warnings) = dir_value(dir)?;
    let collection = serde_path_to_error::deserialize(value).map_err(|e| {
        shape(
            dir,
            &e.path().to_string(),
            &format!("{} (in the collection built from it)", e.inner()),
        )
    })?;
    Ok(LoadedV3 {
        collection,
        warnings,
    })
}

/// The v3 collection directory `dir` as the v2.1 collection JSON it is
/// read as, with the warnings about what was left out (`courier convert`
/// writes this value).
pub fn dir_value(dir: &Path) -> Result<(Value, Vec<String>), LoadError> {
    let def_path = definition_path(dir);
    if !def_path.is_file() {
        return Err(shape(
            dir,
            "(directory)",
            "no .resources/definition.yaml: this directory is not a Postman v3 collection",
        ));
    }
    let definition: Definition = read(&def_path)?;
    if definition.kind.as_deref() != Some("collection") {
        return Err(shape(
            &def_path,
            "$kind",
            "expected `$kind: collection` in a collection's definition",
        ));
    }
    let mut warnings = Vec::new();
    let mut root = Map::new();
    let name = definition.name.clone().unwrap_or_else(|| dir_name(dir));
    let mut info = json!({ "name": name, "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" });
    if let Some(d) = &definition.description {
        info["description"] = d.clone();
    }
    root.insert("info".into(), info);
    root.insert("item".into(), Value::Array(children(dir, &mut warnings)?));
    apply(&definition, &def_path, &mut root, &mut warnings);
    Ok((Value::Object(root), warnings))
}

/// Applies a definition, warning about the script types left out.
fn apply(
    def: &Definition,
    path: &Path,
    target: &mut Map<String, Value>,
    warnings: &mut Vec<String>,
) {
    let mut skipped = Vec::new();
    def.apply(target, &mut skipped);
    warn_scripts(path, &skipped, warnings);
    if def.auth.as_ref().is_some_and(entities::AuthV3::has_rules) {
        warn_rules(path, warnings);
    }
}

/// A multi-auth list with rules is not applied (as by the Postman CLI).
fn warn_rules(path: &Path, warnings: &mut Vec<String>) {
    warnings.push(format!(
        "{}: multi-auth `rules` are not evaluated (nor by the Postman CLI); none of the list's entries is applied, the requests inherit the auth above",
        path.display()
    ));
}

fn warn_scripts(path: &Path, skipped: &[String], warnings: &mut Vec<String>) {
    for kind in skipped {
        warnings.push(format!(
            "{}: script of type `{kind}` is not supported; it does not run",
            path.display()
        ));
    }
}

/// One child of a directory, with what orders it among its siblings.
struct Child {
    order: Option<f64>,
    name: String,
    item: Value,
}

/// The items of directory `dir` (requests and folders), in order.
fn children(dir: &Path, warnings: &mut Vec<String>) -> Result<Vec<Value>, LoadError> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| read_error(dir, source))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    let mut kids = Vec::new();
    for path in entries {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if file_name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            kids.push(folder(&path, warnings)?);
        } else if let Some(stem) = file_name.strip_suffix(".request.yaml") {
            if let Some(kid) = request(&path, stem, warnings)? {
                kids.push(kid);
            }
        } else if file_name.ends_with(".yaml") || file_name.ends_with(".yml") {
            warnings.push(format!(
                "{}: not a `*.request.yaml` file; left out",
                path.display()
            ));
        }
    }
    // By `order`, a missing one counting as 0 (as the Postman CLI runs
    // them); ties by name.
    kids.sort_by(|a, b| {
        let key = |c: &Child| c.order.unwrap_or(0.0);
        key(a).total_cmp(&key(b)).then_with(|| a.name.cmp(&b.name))
    });
    Ok(kids.into_iter().map(|c| c.item).collect())
}

/// A sub-directory as a folder.
fn folder(dir: &Path, warnings: &mut Vec<String>) -> Result<Child, LoadError> {
    let def_path = definition_path(dir);
    let definition: Option<Definition> = if def_path.is_file() {
        Some(read(&def_path)?)
    } else {
        None
    };
    let name = definition
        .as_ref()
        .and_then(|d| d.name.clone())
        .unwrap_or_else(|| dir_name(dir));
    let mut item = Map::new();
    if let Some(id) = definition.as_ref().and_then(|d| d.id.clone()) {
        item.insert("id".into(), id.into());
    }
    item.insert("name".into(), name.clone().into());
    if let Some(d) = definition.as_ref().and_then(|d| d.description.clone()) {
        item.insert("description".into(), d);
    }
    item.insert("item".into(), Value::Array(children(dir, warnings)?));
    if let Some(def) = &definition {
        apply(def, &def_path, &mut item, warnings);
    }
    Ok(Child {
        order: definition.and_then(|d| d.order),
        name,
        item: Value::Object(item),
    })
}

/// A `*.request.yaml` file; `None` (with a warning) when it is not an
/// HTTP request.
fn request(
    path: &Path,
    stem: &str,
    warnings: &mut Vec<String>,
) -> Result<Option<Child>, LoadError> {
    let text = read_text(path)?;
    let value: Value = yaml::parse("collection", path, &text)?;
    let kind = value.get("$kind").and_then(Value::as_str).unwrap_or("");
    if kind != "http-request" {
        let what = if kind.is_empty() {
            "has no `$kind`".to_owned()
        } else {
            format!("is a `{kind}`")
        };
        warnings.push(format!(
            "{}: {what}, which courier does not run (only `http-request`); left out",
            path.display()
        ));
        return Ok(None);
    }
    let request: HttpRequest = from_value(path, &text, value)?;
    let name = request.name.clone().unwrap_or_else(|| stem.to_owned());
    let mut skipped = Vec::new();
    let mut item = request.to_item(&name, &mut skipped);
    warn_scripts(path, &skipped, warnings);
    if request.has_auth_rules() {
        warn_rules(path, warnings);
    }
    let responses = examples::responses(path, stem, request.examples.as_deref(), warnings)?;
    if !responses.is_empty() {
        item["response"] = Value::Array(responses);
    }
    Ok(Some(Child {
        order: request.order,
        name,
        item,
    }))
}

/// Reads and parses one YAML file; shape errors name the field, its line
/// and column, and the shapes it may take.
fn read<T: DeserializeOwned>(path: &Path) -> Result<T, LoadError> {
    let text = read_text(path)?;
    let value: Value = yaml::parse("collection", path, &text)?;
    from_value(path, &text, value)
}

/// The text of one YAML file, without a byte order mark.
fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| read_error(path, source))?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(text.trim_start_matches('\u{feff}').to_owned())
}

/// `value` (parsed from `text`, the contents of `path`) as a `T`. A field
/// of the wrong shape is named by its path; the YAML parser, reading the
/// text as a `T` again, gives its line and column.
fn from_value<T: DeserializeOwned>(path: &Path, text: &str, value: Value) -> Result<T, LoadError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let place = match yaml::parse::<T>("collection", path, text) {
            Err(LoadError::Yaml { line, column, .. }) if line > 0 => {
                format!(" (line {line}, column {column})")
            }
            _ => String::new(),
        };
        let pointer = e.path().to_string();
        shape(path, &format!("{pointer}{place}"), &e.inner().to_string())
    })
}

fn dir_name(dir: &Path) -> String {
    dir.canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| dir.display().to_string())
}

fn read_error(path: &Path, source: std::io::Error) -> LoadError {
    LoadError::Read {
        kind: "collection",
        path: path.to_owned(),
        source,
    }
}

fn shape(path: &Path, pointer: &str, message: &str) -> LoadError {
    LoadError::Shape {
        kind: "collection",
        path: path.to_owned(),
        pointer: pointer.to_owned(),
        message: message.to_owned(),
        hint: HINT,
    }
}

#[cfg(test)]
mod tests;
