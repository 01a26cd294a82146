//! Request bodies, as postman-runtime builds them.
//!
//! `build.rs` calls [`build_body`] once the URL and headers are resolved.
//! The rules come from postman-collection's `RequestBody`, postman-runtime's
//! body builder and file loading, and postman-request's `form`: a mode
//! Postman does not know is read as `raw`; a body with nothing enabled is no
//! body at all (and sets no Content-Type); `urlencoded` and `formdata` replace
//! a Content-Type the user wrote unless it already names their type; a file
//! that cannot be read leaves its part (or the whole `file` body) out with a
//! warning, and the request is still sent. Multipart bodies are written here,
//! the way Node's `form-data` writes them, so a boundary the user wrote in the
//! Content-Type is the one used.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use bytes::Bytes;
use regex::Regex;
use serde_json::Value;

use super::build::BuildContext;
use super::exchange::{FormPart, FormValue, RequestBody, RequestSpec};
use crate::collection::{Body, KeyValue};

const CONTENT_TYPE: &str = "Content-Type";
const FORM_URLENCODED: &str = "application/x-www-form-urlencoded";

/// The body modes postman-collection knows; any other is read as `raw`.
const MODES: &[&str] = &["raw", "urlencoded", "formdata", "file", "graphql"];

/// Sets `spec.body` (and the Content-Type that goes with it) from `body`.
pub(crate) fn build_body(body: &Body, spec: &mut RequestSpec, ctx: &BuildContext<'_>) {
    let Some(mode) = body.mode.as_deref() else {
        return;
    };
    let mode = mode.to_ascii_lowercase();
    let mode = MODES.iter().find(|m| **m == mode).copied().unwrap_or("raw");
    match mode {
        "raw" => raw_body(body, spec, ctx),
        "urlencoded" => urlencoded_body(&body.urlencoded, spec, ctx),
        "formdata" => formdata_body(&body.formdata, spec, ctx),
        "file" => file_body(body, spec, ctx),
        _ => graphql_body(body, spec, ctx),
    }
}

/// Whether `disabledSystemHeaders` turns off the Content-Type Postman adds.
fn content_type_disabled(spec: &RequestSpec) -> bool {
    spec.behavior
        .disabled_system_headers
        .iter()
        .any(|h| h == "content-type")
}

/// Adds the Content-Type a body mode implies, unless the user wrote one or
/// turned the system header off.
fn default_content_type(spec: &mut RequestSpec, value: &str) {
    if !content_type_disabled(spec) {
        spec.default_header(CONTENT_TYPE, value);
    }
}

/// Sets the Content-Type a form body needs (postman-request's `form`): a
/// user's value stays when `keep` accepts it or when the system header is
/// turned off; otherwise it is replaced in place (no second header). With
/// the system header off and no user value, none is sent.
fn form_content_type(spec: &mut RequestSpec, value: &str, keep: impl Fn(&str) -> bool) {
    let disabled = content_type_disabled(spec);
    match spec
        .headers
        .iter_mut()
        .rfind(|(k, _)| k.eq_ignore_ascii_case(CONTENT_TYPE))
    {
        Some((_, current)) if !disabled && !keep(current) => *current = value.to_owned(),
        Some(_) => {}
        None if !disabled => spec
            .headers
            .push((CONTENT_TYPE.to_owned(), value.to_owned())),
        None => {}
    }
}

fn raw_body(body: &Body, spec: &mut RequestSpec, ctx: &BuildContext<'_>) {
    let mut text = ctx.scopes.resolve(body.raw.as_deref().unwrap_or(""));
    if text.is_empty() {
        return;
    }
    if raw_is_json(body.raw_language(), spec.header(CONTENT_TYPE))
        && (text.contains("//") || text.contains("/*"))
    {
        text = strip_json_comments(&text);
    }
    default_content_type(spec, raw_content_type(body.raw_language()));
    spec.body = RequestBody::Bytes(Bytes::from(text));
}

/// Whether Postman reads a raw body as JSON and strips its comments: the
/// language says `json`, or there is no language and the user's
/// Content-Type is `application/json` or `application/…+json`.
fn raw_is_json(language: Option<&str>, content_type: Option<&str>) -> bool {
    static JSON_TYPE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^application/(\S+\+)?json").expect("a valid pattern"));
    match (language, content_type) {
        (Some(language), _) => language == "json",
        (None, Some(ct)) => JSON_TYPE.is_match(ct),
        (None, None) => false,
    }
}

/// The Content-Type Postman sets for a raw body of the given language.
pub fn raw_content_type(language: Option<&str>) -> &'static str {
    match language {
        Some("json") => "application/json",
        Some("javascript") => "application/javascript",
        Some("html") => "text/html",
        Some("xml") => "application/xml",
        _ => "text/plain",
    }
}

/// Removes `//` and `/* */` comments outside strings, as the
/// strip-json-comments package does without whitespace: a line comment ends
/// before its newline (a `\r\n` loses the `\r`), an unclosed block comment
/// runs to the end.
pub(crate) fn strip_json_comments(text: &str) -> String {
    #[derive(PartialEq)]
    enum State {
        Code,
        Line,
        Block,
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut state = State::Code;
    let mut in_string = false;
    let mut offset = 0;
    let mut i = 0;
    while i < b.len() {
        let pair = (b[i], b.get(i + 1).copied());
        if state == State::Code && b[i] == b'"' {
            let backslashes = b[..i].iter().rev().take_while(|c| **c == b'\\').count();
            if backslashes % 2 == 0 {
                in_string = !in_string;
            }
        }
        if in_string {
            i += 1;
            continue;
        }
        match (&state, pair) {
            (State::Code, (b'/', Some(b'/'))) => {
                out.push_str(&text[offset..i]);
                state = State::Line;
                i += 1;
            }
            (State::Line, (b'\r', Some(b'\n'))) => {
                i += 1;
                state = State::Code;
                offset = i;
            }
            (State::Line, (b'\n', _)) => {
                state = State::Code;
                offset = i;
            }
            (State::Code, (b'/', Some(b'*'))) => {
                out.push_str(&text[offset..i]);
                state = State::Block;
                i += 1;
            }
            (State::Block, (b'*', Some(b'/'))) => {
                i += 1;
                state = State::Code;
                offset = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if state == State::Code {
        out.push_str(&text[offset.min(text.len())..]);
    }
    out
}

/// `x-www-form-urlencoded` as postman-request writes it: fields of the same
/// name are grouped where the name first appears (a name-to-values map), an
/// empty name is kept (`=v`), and everything but `A-Z a-z 0-9 - _ . ~` is
/// percent-encoded.
fn urlencoded_body(fields: &[KeyValue], spec: &mut RequestSpec, ctx: &BuildContext<'_>) {
    let pairs: Vec<(String, String)> = fields
        .iter()
        .filter(|f| !f.disabled)
        .map(|f| {
            (
                ctx.scopes.resolve(&f.key),
                ctx.scopes.resolve(f.value_str()),
            )
        })
        .collect();
    spec.form = Some(pairs.clone());
    if pairs.is_empty() {
        return;
    }
    form_content_type(spec, FORM_URLENCODED, |current| {
        current
            .strip_prefix(FORM_URLENCODED)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
    });
    spec.body = RequestBody::Bytes(Bytes::from(encode_urlencoded(&pairs)));
}

/// The `x-www-form-urlencoded` text of `pairs`, as postman-request writes
/// it (see [`urlencoded_body`]).
pub(crate) fn encode_urlencoded(pairs: &[(String, String)]) -> String {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for (key, value) in pairs {
        match groups.iter_mut().find(|(k, _)| k == key) {
            Some((_, values)) => values.push(value),
            None => groups.push((key, vec![value])),
        }
    }
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    let enc = |t: &str| percent_encoding::utf8_percent_encode(t, KEEP).to_string();
    groups
        .iter()
        .flat_map(|(k, values)| values.iter().map(move |v| format!("{}={}", enc(k), enc(v))))
        .collect::<Vec<_>>()
        .join("&")
}

fn formdata_body(fields: &[KeyValue], spec: &mut RequestSpec, ctx: &BuildContext<'_>) {
    let mut parts = Vec::new();
    for field in fields.iter().filter(|f| !f.disabled) {
        form_parts(field, ctx, &mut parts, &mut spec.warnings);
    }
    if parts.is_empty() {
        return;
    }
    let user_boundary = spec.header(CONTENT_TYPE).and_then(boundary_of);
    let boundary = user_boundary.clone().unwrap_or_else(new_boundary);
    let generated = format!("multipart/form-data; boundary={boundary}");
    form_content_type(spec, &generated, |_| user_boundary.is_some());
    spec.body = RequestBody::Multipart { boundary, parts };
}

/// The boundary of a `multipart/form-data; …boundary=X` Content-Type, read
/// with postman-request's pattern (quoted, or up to the next `;`).
fn boundary_of(content_type: &str) -> Option<String> {
    static BOUNDARY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^multipart/form-data;.*boundary=(?:"([^"]+)"|([^;]+))"#)
            .expect("a valid pattern")
    });
    let found = BOUNDARY.captures(content_type)?;
    found
        .get(1)
        .or_else(|| found.get(2))
        .map(|m| m.as_str().to_owned())
}

/// A boundary shaped like Node's form-data: 26 dashes and 24 digits.
fn new_boundary() -> String {
    use rand::Rng as _;
    let mut rng = rand::rng();
    let digits: String = (0..24)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect();
    format!("{}{digits}", "-".repeat(26))
}

/// The parts of one enabled form-data field; warnings for files that cannot
/// be read (those parts are left out, as postman-runtime disables them).
fn form_parts(
    field: &KeyValue,
    ctx: &BuildContext<'_>,
    parts: &mut Vec<FormPart>,
    warnings: &mut Vec<String>,
) {
    let resolve = |t: &str| ctx.scopes.resolve(t);
    let name = resolve(&field.key);
    let explicit_type = field.content_type.as_deref().map(resolve);
    if field.kind.as_deref() != Some("file") {
        parts.push(FormPart {
            name,
            value: FormValue::Text(form_text(field, &resolve)),
            content_type: explicit_type,
        });
        return;
    }
    let sources: Vec<String> = match &field.src {
        Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    if sources.is_empty() {
        // No file: a value is base64 content (Postman's own exports of
        // inline files); nothing at all is an empty part named `""`.
        let inline = field.value.as_deref().filter(|v| !v.is_empty());
        let value = match inline {
            Some(text) => FormValue::Bytes(Bytes::from(decode_base64_lenient(text))),
            None => {
                warnings.push(format!(
                    "form-data field `{name}` is a file with no file (src) set; an empty file part is sent, as Postman does"
                ));
                FormValue::NoFile
            }
        };
        let content_type = match &value {
            FormValue::Bytes(_) => {
                explicit_type.or_else(|| Some("application/octet-stream".into()))
            }
            _ => explicit_type,
        };
        parts.push(FormPart {
            name,
            value,
            content_type,
        });
        return;
    }
    for src in sources {
        let path = resolve_file(&resolve(&src), ctx.working_dir);
        match read_allowed(&path, ctx) {
            Ok(data) => {
                let content_type = explicit_type.clone().or_else(|| {
                    Some(mime_guess::from_path(&path).first_or_octet_stream().to_string())
                });
                parts.push(FormPart {
                    name: name.clone(),
                    value: FormValue::File { path, data },
                    content_type,
                });
            }
            Err(why) => warnings.push(format!(
                "form-data field `{name}`: cannot read {} ({why}); the part is left out, as Postman does (file paths are relative to --working-dir)",
                path.display()
            )),
        }
    }
}

fn file_body(body: &Body, spec: &mut RequestSpec, ctx: &BuildContext<'_>) {
    let Some(file) = body.file.as_ref() else {
        return;
    };
    let src = file
        .src
        .as_deref()
        .map(|s| ctx.scopes.resolve(s))
        .filter(|s| !s.is_empty());
    let Some(src) = src else {
        match file.content.as_deref().filter(|c| !c.is_empty()) {
            // Inline content is base64, as postman-runtime reads it; no
            // Content-Type is implied.
            Some(content) => {
                spec.body = RequestBody::Bytes(Bytes::from(decode_base64_lenient(content)));
            }
            None => spec.warnings.push(
                "the body is a file with no file (src) set; the request is sent without a body, as Postman does"
                    .into(),
            ),
        }
        return;
    };
    let path = resolve_file(&src, ctx.working_dir);
    match read_allowed(&path, ctx) {
        Ok(data) => {
            let mime = mime_guess::from_path(&path).first_or_octet_stream();
            default_content_type(spec, mime.as_ref());
            spec.body = RequestBody::Bytes(data);
        }
        Err(why) => spec.warnings.push(format!(
            "cannot read the body file {} ({why}); the request is sent without a body, as Postman does (file paths are relative to --working-dir)",
            path.display()
        )),
    }
}

/// Reads a body file unless `--no-insecure-file-read` forbids it: then a
/// file outside the working directory is refused, as Newman's file resolver
/// refuses it. Paths are compared as written (`..` and `.` resolved, links
/// not followed), as Node's `path.resolve` does.
fn read_allowed(path: &Path, ctx: &BuildContext<'_>) -> Result<Bytes, String> {
    if !ctx.insecure_file_read && !is_inside(path, ctx.working_dir) {
        return Err(format!(
            "outside the working directory {}, which --no-insecure-file-read forbids",
            absolute_lexical(ctx.working_dir).display()
        ));
    }
    read_file(path)
}

/// Whether `path` is `dir` or lies under it, both made absolute lexically.
fn is_inside(path: &Path, dir: &Path) -> bool {
    absolute_lexical(path).starts_with(absolute_lexical(dir))
}

/// `path` made absolute against the current directory, with `.` and `..`
/// resolved as text.
fn absolute_lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let joined = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Reads a body file; the error says why in a few words.
fn read_file(path: &Path) -> Result<Bytes, String> {
    if path.is_dir() {
        return Err("it is a directory".into());
    }
    std::fs::read(path)
        .map(Bytes::from)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_owned(),
            _ => e.to_string(),
        })
}

fn resolve_file(src: &str, working_dir: &Path) -> PathBuf {
    let path = Path::new(src);
    if path.is_absolute() {
        path.to_owned()
    } else {
        working_dir.join(path)
    }
}

/// Decodes base64 the way Node's `Buffer.from(text, 'base64')` does: the
/// URL-safe alphabet too, characters outside the alphabet skipped, stops at
/// `=`, a dangling last character dropped.
fn decode_base64_lenient(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    let mut clean: String = text
        .chars()
        .take_while(|c| *c != '=')
        .filter_map(|c| match c {
            '-' => Some('+'),
            '_' => Some('/'),
            c if c.is_ascii_alphanumeric() || c == '+' || c == '/' => Some(c),
            _ => None,
        })
        .collect();
    if clean.len() % 4 == 1 {
        clean.pop();
    }
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireNone),
    );
    engine.decode(clean.as_bytes()).unwrap_or_default()
}

/// A GraphQL body as postman-runtime writes it. With `variables` as text,
/// the envelope is assembled field by field: `query` and `operationName`
/// when they are strings, the variables text as written, unchecked (an
/// empty text leaves the field out). Otherwise the envelope is the JSON of
/// `{query, operationName, variables}` where absent fields drop out and a
/// `null` stays, so `graphql: {}` sends `{}`.
fn graphql_body(body: &Body, spec: &mut RequestSpec, ctx: &BuildContext<'_>) {
    default_content_type(spec, "application/json");
    let Some(gql) = body.graphql.as_ref() else {
        // postman-collection gives the mode an empty GraphQL object.
        spec.body = RequestBody::Bytes(Bytes::from_static(b"{}"));
        return;
    };
    let resolve = |t: &str| ctx.scopes.resolve(t);
    let resolved = |v: &Option<Value>| v.as_ref().map(|v| resolve_json(v, &resolve));
    let (query, operation) = (resolved(&gql.query), resolved(&gql.operation_name));
    let payload = if let Some(Value::String(text)) = &gql.variables {
        let mut fields = Vec::new();
        if let Some(q @ Value::String(_)) = &query {
            fields.push(format!("\"query\":{q}"));
        }
        if let Some(o @ Value::String(_)) = &operation {
            fields.push(format!("\"operationName\":{o}"));
        }
        let text = resolve(text);
        if !text.is_empty() {
            fields.push(format!("\"variables\":{text}"));
        }
        format!("{{{}}}", fields.join(","))
    } else {
        let mut envelope = serde_json::Map::new();
        let fields = [("query", query), ("operationName", operation)];
        for (name, value) in fields
            .into_iter()
            .chain([("variables", resolved(&gql.variables))])
        {
            if let Some(value) = value {
                envelope.insert(name.to_owned(), value);
            }
        }
        Value::Object(envelope).to_string()
    };
    spec.body = RequestBody::Bytes(Bytes::from(payload));
}

/// Resolves `{{…}}` in every string of a JSON value.
fn resolve_json(value: &Value, resolve: &dyn Fn(&str) -> String) -> Value {
    match value {
        Value::String(s) => Value::String(resolve(s)),
        Value::Array(list) => Value::Array(list.iter().map(|v| resolve_json(v, resolve)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (resolve(k), resolve_json(v, resolve)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The text of a form-data field: a number or boolean value that is falsy
/// in JavaScript (`0`, `false`) is sent as `""`, as postman-runtime does.
fn form_text(field: &KeyValue, resolve: &dyn Fn(&str) -> String) -> String {
    let falsy = match &field.typed {
        Some(Value::Bool(b)) => !b,
        Some(Value::Number(n)) => n.as_f64() == Some(0.0),
        _ => false,
    };
    if falsy {
        String::new()
    } else {
        resolve(field.value_str())
    }
}

/// Writes a multipart body the way Node's form-data does.
pub(crate) fn encode_multipart(boundary: &str, parts: &[FormPart]) -> Bytes {
    let mut out: Vec<u8> = Vec::new();
    for part in parts {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let disposition = match &part.value {
            FormValue::Text(_) | FormValue::Bytes(_) => {
                format!("form-data; name=\"{}\"", part.name)
            }
            FormValue::File { path, .. } => format!(
                "form-data; name=\"{}\"; filename=\"{}\"",
                part.name,
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            FormValue::NoFile => format!("form-data; name=\"{}\"; filename=\"\"", part.name),
        };
        out.extend_from_slice(format!("Content-Disposition: {disposition}\r\n").as_bytes());
        if let Some(ct) = &part.content_type {
            out.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        match &part.value {
            FormValue::Text(t) => out.extend_from_slice(t.as_bytes()),
            FormValue::File { data, .. } | FormValue::Bytes(data) => out.extend_from_slice(data),
            FormValue::NoFile => {}
        }
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Bytes::from(out)
}

#[cfg(test)]
#[path = "body_tests.rs"]
mod tests;
