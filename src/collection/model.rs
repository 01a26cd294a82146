//! The serde model of the Postman Collection Format, v2.0.0 and v2.1.0.
//! (Collection v1 files are converted to v2.1 JSON by `v1/` first.)
//!
//! The two versions differ in a few places (auth parameters are objects in
//! v2.0 and key/value lists in v2.1; headers may be a string in v2.0; `url`
//! may be a plain string in both). The model accepts both shapes and keeps
//! every field it does not interpret in `extra` maps where Postman allows
//! arbitrary keys, so `--export-collection` writes back what was read.
//! The loader (`load.rs`) turns serde errors into `LoadError`s with a JSON path.

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::shapes::{de_one_or_many, de_opt_one_or_many, de_query, de_script, script_lines};

/// A whole collection file.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Collection {
    /// Name, id and schema of the collection (Newman runs a collection
    /// without one).
    #[serde(default)]
    pub info: Info,
    /// Top-level items and folders, in order (one object is a list of one).
    #[serde(default, deserialize_with = "de_one_or_many")]
    pub item: Vec<Item>,
    /// Collection-level scripts (`prerequest`, `test`).
    #[serde(
        default,
        deserialize_with = "de_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub event: Vec<Event>,
    /// Collection variables.
    #[serde(
        default,
        deserialize_with = "de_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub variable: Vec<Variable>,
    /// Collection-level auth, inherited by items that do not set their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<Auth>,
    /// Sending options applied to every request unless overridden.
    #[serde(
        default,
        rename = "protocolProfileBehavior",
        skip_serializing_if = "Option::is_none"
    )]
    pub protocol_profile_behavior: Option<serde_json::Map<String, Value>>,
}

/// The `info` block of a collection.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Info {
    /// Display name of the collection.
    #[serde(default)]
    pub name: String,
    /// The collection's id as the Postman app assigns it.
    #[serde(
        default,
        rename = "_postman_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub postman_id: Option<String>,
    /// The schema URL, which names the format version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Free-text description (string or `{content, type}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Value>,
    /// Keys this model does not interpret, kept for export.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// An item: a request (has `request`) or a folder (has `item`).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Item {
    /// Stable id of the item, when the file has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name; Postman matches `setNextRequest` and `--folder` on it.
    #[serde(default)]
    pub name: String,
    /// Free-text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Value>,
    /// Children, when this item is a folder (one object is a list of one).
    #[serde(
        default,
        deserialize_with = "de_opt_one_or_many",
        skip_serializing_if = "Option::is_none"
    )]
    pub item: Option<Vec<Item>>,
    /// The request, when this item is a request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<Request>,
    /// Saved example responses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response: Vec<SavedResponse>,
    /// Scripts of this item or folder (one object is a list of one).
    #[serde(
        default,
        deserialize_with = "de_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub event: Vec<Event>,
    /// Folder-level variables (rare; Postman treats them as collection variables).
    #[serde(
        default,
        deserialize_with = "de_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub variable: Vec<Variable>,
    /// Folder-level auth (requests carry theirs inside `request`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<Auth>,
    /// Sending options for this item or folder.
    #[serde(
        default,
        rename = "protocolProfileBehavior",
        skip_serializing_if = "Option::is_none"
    )]
    pub protocol_profile_behavior: Option<serde_json::Map<String, Value>>,
}

impl Item {
    /// Whether this item is a folder.
    pub fn is_folder(&self) -> bool {
        self.item.is_some() && self.request.is_none()
    }
}

/// A request: either a bare URL string or the full object.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Request {
    /// The target URL.
    pub url: Url,
    /// HTTP method; Postman's default is GET.
    pub method: String,
    /// Headers, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub header: Vec<KeyValue>,
    /// The body, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    /// Request-level auth; `None` means inherit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth: Option<Auth>,
    /// Free-text description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value>,
    /// Keys this model does not interpret, kept for export.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

#[derive(Deserialize)]
struct RequestObject {
    #[serde(default)]
    url: Url,
    #[serde(default)]
    method: Option<String>,
    #[serde(default, deserialize_with = "de_headers")]
    header: Vec<KeyValue>,
    #[serde(default)]
    body: Option<Body>,
    #[serde(default)]
    auth: Option<Auth>,
    #[serde(default)]
    description: Option<Value>,
    #[serde(flatten)]
    extra: IndexMap<String, Value>,
}

impl<'de> Deserialize<'de> for Request {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A visitor rather than an untagged enum, so that a bad field of the
        // object form is reported by name and path, not as "no variant".
        struct Shape;
        impl<'de> serde::de::Visitor<'de> for Shape {
            type Value = Request;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a URL string or a request object")
            }
            fn visit_str<E: serde::de::Error>(self, url: &str) -> Result<Request, E> {
                Ok(Request {
                    url: Url::Raw(url.to_owned()),
                    method: "GET".into(),
                    ..Default::default()
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Request, A::Error> {
                let o =
                    RequestObject::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Request {
                    url: o.url,
                    method: o
                        .method
                        .filter(|m| !m.is_empty())
                        .unwrap_or_else(|| "GET".into())
                        .to_uppercase(),
                    header: o.header,
                    body: o.body,
                    auth: o.auth,
                    description: o.description,
                    extra: o.extra,
                })
            }
        }
        d.deserialize_any(Shape)
    }
}

/// Headers are a list in both versions, and may be a `"K: v\nK2: v2"` string
/// in v2.0; postman-collection also takes an object of names to values
/// (`Header.create` for each property).
fn de_headers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<KeyValue>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Shape {
        List(Vec<KeyValue>),
        Text(String),
        Map(IndexMap<String, Value>),
        Null(()),
    }
    Ok(match Shape::deserialize(d)? {
        Shape::List(l) => l,
        Shape::Null(()) => Vec::new(),
        // `Header.create(value, name)` makes a header of a string value only.
        Shape::Map(m) => m
            .into_iter()
            .filter_map(|(k, v)| match v {
                Value::String(v) => Some(KeyValue::new(k, v)),
                _ => None,
            })
            .collect(),
        Shape::Text(t) => t
            .lines()
            .filter_map(|line| {
                let (k, v) = line.split_once(':')?;
                Some(KeyValue::new(k.trim(), v.trim()))
            })
            .collect(),
    })
}

/// A URL: a raw string, or Postman's structured object.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Url {
    /// `"url": "https://…"`.
    Raw(String),
    /// `"url": {"raw": …, "host": …, "path": …, "query": …, "variable": …}`.
    Object(UrlObject),
}

impl Default for Url {
    fn default() -> Self {
        Url::Raw(String::new())
    }
}

/// The structured form of a URL.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct UrlObject {
    /// The URL as typed; used when the parts are missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// `http`, `https`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// Host labels, joined with `.` (string or list).
    #[serde(
        default,
        deserialize_with = "de_string_or_list",
        skip_serializing_if = "Option::is_none"
    )]
    pub host: Option<Vec<String>>,
    /// Port as a string (may hold a `{{var}}`).
    #[serde(
        default,
        deserialize_with = "de_opt_scalar_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub port: Option<String>,
    /// Path segments, joined with `/` (string or list).
    #[serde(
        default,
        deserialize_with = "de_path",
        skip_serializing_if = "Option::is_none"
    )]
    pub path: Option<Vec<String>>,
    /// Query parameters; `disabled` ones are not sent. A query string or an
    /// object of names to values is read as the list it stands for.
    #[serde(
        default,
        deserialize_with = "de_query",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub query: Vec<KeyValue>,
    /// Fragment, never sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    /// Values of `:name` path variables.
    #[serde(
        default,
        deserialize_with = "de_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub variable: Vec<KeyValue>,
    /// Credentials `{user, password}` sent as the URL's user info (so as
    /// Basic auth when no Authorization header is set). Boxed: it is rare,
    /// and every URL carries the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<Box<Value>>,
}

fn de_string_or_list<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Shape {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Option::<Shape>::deserialize(d)? {
        None => None,
        Some(Shape::One(s)) => Some(s.split('.').map(str::to_owned).collect()),
        Some(Shape::Many(v)) => Some(v),
    })
}

fn de_path<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Segment {
        Text(String),
        // A `{type, value}` path segment from older exporters.
        Object { value: String },
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Shape {
        One(String),
        Many(Vec<Segment>),
    }
    Ok(match Option::<Shape>::deserialize(d)? {
        None => None,
        Some(Shape::One(s)) => Some(
            s.trim_start_matches('/')
                .split('/')
                .map(str::to_owned)
                .collect(),
        ),
        Some(Shape::Many(v)) => Some(
            v.into_iter()
                .map(|s| match s {
                    Segment::Text(t) => t,
                    Segment::Object { value } => value,
                })
                .collect(),
        ),
    })
}

fn de_opt_scalar_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<Value>::deserialize(d)?.and_then(|v| scalar_to_string(&v)))
}

/// Renders a JSON scalar the way Postman stringifies a variable value.
pub fn scalar_to_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A key/value entry: header, query parameter, form field, path variable.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
#[serde(from = "KeyValueFile")]
pub struct KeyValue {
    /// The name. Postman tolerates a missing key (an empty row in the app).
    #[serde(default, deserialize_with = "de_nullable_string")]
    pub key: String,
    /// The value; `null` is read as absent (`?flag` without `=`).
    #[serde(
        default,
        deserialize_with = "de_opt_scalar_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<String>,
    /// A disabled entry is not sent.
    #[serde(default, skip_serializing_if = "is_false")]
    pub disabled: bool,
    /// Free-text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Value>,
    /// `text` or `file` for form-data entries.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// File path(s) of a form-data `file` entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<Value>,
    /// Explicit content type of a form-data part.
    #[serde(
        default,
        rename = "contentType",
        skip_serializing_if = "Option::is_none"
    )]
    pub content_type: Option<String>,
    /// The name under its older spelling: `url.variable` entries of older
    /// exports carry `id` instead of `key`; Postman reads `key`, else `id`.
    #[serde(
        default,
        deserialize_with = "de_opt_scalar_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// The value as the file wrote it when that was a number or a boolean
    /// (`value` then holds its text). Postman treats such a value apart:
    /// it does not replace a `:name` path segment, a query parameter sends
    /// its key alone, a form-data field sends `""` for `0` and `false`.
    #[serde(skip)]
    pub typed: Option<Value>,
}

/// [`KeyValue`] as read from a file, before its value is made text.
#[derive(Deserialize)]
struct KeyValueFile {
    #[serde(default, deserialize_with = "de_nullable_string")]
    key: String,
    #[serde(default)]
    value: Option<Value>,
    #[serde(default)]
    disabled: bool,
    #[serde(default)]
    description: Option<Value>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    src: Option<Value>,
    #[serde(default, rename = "contentType")]
    content_type: Option<String>,
    #[serde(default, deserialize_with = "de_opt_scalar_string")]
    id: Option<String>,
}

impl From<KeyValueFile> for KeyValue {
    fn from(f: KeyValueFile) -> Self {
        let typed = f
            .value
            .as_ref()
            .filter(|v| v.is_number() || v.is_boolean())
            .cloned();
        KeyValue {
            key: f.key,
            value: f.value.as_ref().and_then(scalar_to_string),
            disabled: f.disabled,
            description: f.description,
            kind: f.kind,
            src: f.src,
            content_type: f.content_type,
            id: f.id,
            typed,
        }
    }
}

impl KeyValue {
    /// An enabled entry.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        KeyValue {
            key: key.into(),
            value: Some(value.into()),
            ..Default::default()
        }
    }

    /// The value, or the empty string.
    pub fn value_str(&self) -> &str {
        self.value.as_deref().unwrap_or("")
    }

    /// The name Postman indexes the entry by: `key`, or `id` when `key` is
    /// empty (path variables of older exports).
    pub fn name(&self) -> &str {
        if self.key.is_empty() {
            self.id.as_deref().unwrap_or("")
        } else {
            &self.key
        }
    }
}

fn de_nullable_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<Value>::deserialize(d)?
        .and_then(|v| scalar_to_string(&v))
        .unwrap_or_default())
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A request body.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Body {
    /// `raw`, `urlencoded`, `formdata`, `file`, `graphql`, or absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// The text of a `raw` body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// Fields of a `urlencoded` body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub urlencoded: Vec<KeyValue>,
    /// Parts of a `formdata` body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formdata: Vec<KeyValue>,
    /// The file of a `file` body: `{"src": "path"}`, or the path alone as a
    /// string (postman-collection's `RequestBody` reads it as the `src`).
    #[serde(
        default,
        deserialize_with = "de_file_ref",
        skip_serializing_if = "Option::is_none"
    )]
    pub file: Option<FileRef>,
    /// `{query, variables}` of a `graphql` body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graphql: Option<GraphQl>,
    /// `options.raw.language` sets a default Content-Type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Value>,
    /// A disabled body is not sent.
    #[serde(default, skip_serializing_if = "is_false")]
    pub disabled: bool,
}

impl Body {
    /// The `options.raw.language` value, if set.
    pub fn raw_language(&self) -> Option<&str> {
        self.options.as_ref()?.get("raw")?.get("language")?.as_str()
    }
}

/// A `file` body's file: an object, or a string taken as its `src`.
fn de_file_ref<'de, D: Deserializer<'de>>(d: D) -> Result<Option<FileRef>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Shape {
        Path(String),
        Object(FileRef),
        Other(serde::de::IgnoredAny),
    }
    Ok(match Option::<Shape>::deserialize(d)? {
        Some(Shape::Path(src)) => Some(FileRef {
            src: Some(src),
            content: None,
        }),
        Some(Shape::Object(file)) => Some(file),
        Some(Shape::Other(_)) | None => None,
    })
}

/// The file of a `file` body.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct FileRef {
    /// Path, relative to `--working-dir`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    /// Inline content (older exports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

/// A GraphQL body. Each field keeps its JSON value as written (`null`
/// included, which is not the same as absent) because postman-runtime
/// writes the envelope from exactly what is there.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct GraphQl {
    /// The query text.
    #[serde(
        default,
        deserialize_with = "de_present",
        skip_serializing_if = "Option::is_none"
    )]
    pub query: Option<Value>,
    /// The operation to run, sent as `operationName`.
    #[serde(
        default,
        rename = "operationName",
        deserialize_with = "de_present",
        skip_serializing_if = "Option::is_none"
    )]
    pub operation_name: Option<Value>,
    /// Variables as JSON text (Postman stores them as a string), or a value.
    #[serde(
        default,
        deserialize_with = "de_present",
        skip_serializing_if = "Option::is_none"
    )]
    pub variables: Option<Value>,
}

/// A field that is present is `Some`, even when it is `null`.
fn de_present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// An auth block: a type and its parameters.
#[derive(Debug, Clone, Default)]
pub struct Auth {
    /// `noauth`, `inherit`, `basic`, `bearer`, `apikey`, `digest`, …
    pub kind: String,
    /// The parameters of the chosen type, by key.
    pub params: IndexMap<String, Value>,
    /// The original JSON, written back on export.
    pub raw: Value,
}

impl Serialize for Auth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(s)
    }
}

impl Auth {
    /// A parameter rendered as a string (empty when missing).
    pub fn param(&self, key: &str) -> String {
        self.params
            .get(key)
            .and_then(scalar_to_string)
            .unwrap_or_default()
    }
}

impl<'de> Deserialize<'de> for Auth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let raw = Value::deserialize(d)?;
        let kind = raw
            .get("type")
            .and_then(Value::as_str)
            .ok_or_else(|| D::Error::custom("auth needs a string field `type`"))?
            .to_owned();
        let mut params = IndexMap::new();
        match raw.get(&kind) {
            // v2.1: [{key, value, type}]
            Some(Value::Array(list)) => {
                for entry in list {
                    if let Some(k) = entry.get("key").and_then(Value::as_str) {
                        params.insert(
                            k.to_owned(),
                            entry.get("value").cloned().unwrap_or(Value::Null),
                        );
                    }
                }
            }
            // v2.0: {username, password}
            Some(Value::Object(map)) => {
                for (k, v) in map {
                    params.insert(k.clone(), v.clone());
                }
            }
            _ => {}
        }
        Ok(Auth { kind, params, raw })
    }
}

/// A script attached to a collection, folder or item.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Event {
    /// `prerequest` or `test`.
    pub listen: String,
    /// The script (an object, or its source as text or lines); absent
    /// scripts do nothing.
    #[serde(
        default,
        deserialize_with = "de_script",
        skip_serializing_if = "Option::is_none"
    )]
    pub script: Option<Script>,
    /// A disabled event does not run.
    #[serde(default, skip_serializing_if = "is_false")]
    pub disabled: bool,
}

/// Script source and metadata.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Script {
    /// Id of the script, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `text/javascript`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Source lines (an array of lines or one string).
    #[serde(default, deserialize_with = "de_exec")]
    pub exec: Vec<String>,
}

impl Script {
    /// The source as one string, lines joined with `\n`.
    pub fn source(&self) -> String {
        self.exec.join("\n")
    }
}

/// A script's lines: an array of strings, one string (split into lines), or
/// `null`. A visitor rather than an untagged enum, which would first copy
/// every line into serde's buffer (about a third of a collection's loading
/// time, when every item has a script).
fn de_exec<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct Lines;
    impl<'de> serde::de::Visitor<'de> for Lines {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("the script's lines: an array of strings, or its source as one string")
        }
        fn visit_str<E: serde::de::Error>(self, source: &str) -> Result<Vec<String>, E> {
            Ok(script_lines(source))
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<String>, A::Error> {
            let mut lines = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(line) = seq.next_element::<String>()? {
                lines.push(line);
            }
            Ok(lines)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Vec<String>, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Vec<String>, E> {
            Ok(Vec::new())
        }
    }
    d.deserialize_any(Lines)
}

/// A variable in a collection, environment or globals file.
///
/// Its name is `key`; an `id` beside it is not a name (postman-collection's
/// `Variable` indexes by `key` only, so an entry with only an `id` is never
/// found by `{{name}}` in Newman, and neither here).
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
#[serde(from = "VariableFile")]
pub struct Variable {
    /// The name (may contain spaces, dots, dashes).
    pub key: String,
    /// The value; scripts may store any JSON value.
    pub value: Value,
    /// The entry has no `value` at all: it reads as `undefined` (Newman:
    /// `{{key}}` renders empty, a `string`-typed one `undefined`), where
    /// `"value": null` reads as `null`.
    #[serde(skip)]
    pub value_absent: bool,
    /// `default`, `secret`, `string`, `number`, `boolean`, `any`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Environment-file style switch, kept for export only: Newman 6.2.2
    /// (postman-collection's `Variable`) reads `disabled` alone, so an entry
    /// with `"enabled": false` still resolves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Collection-file style switch; `true` means the variable does not exist.
    #[serde(default, skip_serializing_if = "is_false")]
    pub disabled: bool,
}

/// A variable as a file writes it: tells a missing `value` from `null`.
#[derive(Deserialize)]
struct VariableFile {
    #[serde(default, deserialize_with = "de_nullable_string")]
    key: String,
    #[serde(default, deserialize_with = "de_present")]
    value: Option<Value>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    enabled: Option<bool>,
    #[serde(default)]
    disabled: bool,
}

impl From<VariableFile> for Variable {
    fn from(f: VariableFile) -> Self {
        Variable {
            key: f.key,
            value_absent: f.value.is_none(),
            value: f.value.unwrap_or(Value::Null),
            kind: f.kind,
            enabled: f.enabled,
            disabled: f.disabled,
        }
    }
}

impl Variable {
    /// Whether the entry takes part in resolution.
    pub fn is_enabled(&self) -> bool {
        !self.disabled
    }

    /// Whether the value must be masked in reports.
    pub fn is_secret(&self) -> bool {
        self.kind.as_deref() == Some("secret")
    }
}

/// A saved example response (`item.response[]`).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct SavedResponse {
    /// Example name.
    #[serde(default)]
    pub name: String,
    /// The request the example was recorded for.
    #[serde(
        default,
        rename = "originalRequest",
        skip_serializing_if = "Option::is_none"
    )]
    pub original_request: Option<Request>,
    /// HTTP status code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u16>,
    /// Reason phrase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Response headers.
    #[serde(
        default,
        deserialize_with = "de_headers",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub header: Vec<KeyValue>,
    /// Response body text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Keys this model does not interpret, kept for export.
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

/// An environment or globals file.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Environment {
    /// Id as the Postman app assigns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The variables.
    #[serde(default)]
    pub values: Vec<Variable>,
    /// Keys this model does not interpret (`_postman_variable_scope`, …).
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}
