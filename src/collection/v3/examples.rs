//! Saved examples of a v3 request (`*.example.yaml`, `$kind:
//! http-example`), read into the v2.1 `response` list that `--mock`
//! answers from.
//!
//! They live in the directory the request's `examples` names (relative to
//! the request file), else in `.resources/<file stem>.resources/examples/`
//! beside it. Each has `request` (the fields of an HTTP request) and
//! `response: {statusCode, statusText, headers, body: {type, content}}`;
//! they are ordered by `order`, then by name.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{Map, Value};

use super::entities::{HttpRequest, Pairs, text};
use crate::collection::LoadError;

/// One `*.example.yaml`.
#[derive(Debug, Deserialize)]
struct Example {
    #[serde(rename = "$kind", default)]
    kind: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    order: Option<f64>,
    #[serde(default)]
    request: Option<HttpRequest>,
    #[serde(default)]
    response: Option<Response>,
}

/// The saved response of an example.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Response {
    #[serde(default)]
    status_code: Option<u16>,
    #[serde(default)]
    status_text: Option<String>,
    #[serde(default)]
    headers: Option<Pairs>,
    #[serde(default)]
    body: Option<Body>,
}

#[derive(Debug, Deserialize)]
struct Body {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    content: Option<Value>,
}

/// The directory of the examples of the request in `file`.
fn examples_dir(file: &Path, stem: &str, examples: Option<&str>) -> PathBuf {
    let parent = file.parent().unwrap_or(Path::new("."));
    match examples {
        Some(rel) => parent.join(rel),
        None => parent
            .join(".resources")
            .join(format!("{stem}.resources"))
            .join("examples"),
    }
}

/// The v2.1 `response` entries of the request in `file`; files of another
/// `$kind` are reported in `warnings`.
pub(super) fn responses(
    file: &Path,
    stem: &str,
    examples: Option<&str>,
    warnings: &mut Vec<String>,
) -> Result<Vec<Value>, LoadError> {
    let dir = examples_dir(file, stem, examples);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut found = Vec::new();
    for path in paths {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(stem) = file_name.strip_suffix(".example.yaml") else {
            continue;
        };
        let example: Example = super::read(&path)?;
        if example.kind.as_deref() != Some("http-example") {
            warnings.push(format!(
                "{}: not an `http-example`; left out",
                path.display()
            ));
            continue;
        }
        let name = example.name.clone().unwrap_or_else(|| stem.to_owned());
        found.push((example.order, name.clone(), response(&example, &name)));
    }
    found.sort_by(|a, b| {
        (a.0.is_none(), a.0.unwrap_or(0.0), &a.1)
            .partial_cmp(&(b.0.is_none(), b.0.unwrap_or(0.0), &b.1))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    Ok(found.into_iter().map(|(_, _, r)| r).collect())
}

/// One v2.1 saved response.
fn response(example: &Example, name: &str) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), name.into());
    if let Some(request) = &example.request {
        out.insert(
            "originalRequest".into(),
            Value::Object(request.to_request()),
        );
    }
    let Some(r) = &example.response else {
        return Value::Object(out);
    };
    if let Some(text) = &r.status_text {
        out.insert("status".into(), text.clone().into());
    }
    if let Some(code) = r.status_code {
        out.insert("code".into(), code.into());
    }
    if let Some(headers) = &r.headers {
        out.insert("header".into(), Value::Array(headers.to_list(true)));
    }
    if let Some(body) = &r.body {
        if let Some(kind) = &body.kind {
            out.insert("_postman_previewlanguage".into(), kind.clone().into());
        }
        let content = match &body.content {
            Some(Value::Object(_)) | Some(Value::Array(_)) => Value::String(
                body.content
                    .as_ref()
                    .map(Value::to_string)
                    .unwrap_or_default(),
            ),
            Some(scalar) => text(scalar),
            None => Value::String(String::new()),
        };
        out.insert("body".into(), content);
    }
    Value::Object(out)
}
