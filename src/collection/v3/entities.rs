//! The entities of a v3 collection directory (collection and folder
//! definitions, HTTP requests) and their translation into the v2.1 JSON
//! that the collection model reads.
//!
//! Field by field: `headers`, `queryParams`, `pathVariables` and the
//! `urlencoded` / `formdata` body contents are a list of `{key, value,
//! disabled?, description?}` or a map of key to value; `auth` is `{type,
//! credentials}` with credentials as a map or a `{key, value}` list, or a
//! list of such (multi-auth: the last entry is used, as by the Postman CLI;
//! a list with `rules` applies none, see `AuthV3::has_rules`); `scripts` become
//! `prerequest` / `test` events; `settings` become `protocolProfileBehavior`
//! under the same names.

use std::fmt;

use indexmap::IndexMap;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value, json};

/// Keys and values: a list of entries or a map of key to value.
#[derive(Debug)]
pub(super) enum Pairs {
    /// `[{key, value, disabled?, description?}]`.
    List(Vec<Map<String, Value>>),
    /// `{key: value}`.
    Map(IndexMap<String, Value>),
}

/// A v3 `auth`: one `{type, credentials}` or a multi-auth list of them.
#[derive(Debug)]
pub(super) enum AuthV3 {
    /// One auth.
    One(AuthEntry),
    /// Multi-auth: `[{id, name, type, credentials, rules?}]`.
    Many(Vec<AuthEntry>),
}

/// A field that is a list or a map: the list form is read as `L`, the map
/// form as `M`; anything else is an error naming both accepted shapes
/// (rather than serde's "did not match any variant").
struct ListOrMap<L, M> {
    expecting: &'static str,
    shape: std::marker::PhantomData<(L, M)>,
}

impl<'de, L: Deserialize<'de>, M: Deserialize<'de>> Visitor<'de> for ListOrMap<L, M> {
    type Value = Result<L, M>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        L::deserialize(SeqAccessDeserializer::new(seq)).map(Ok)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        M::deserialize(MapAccessDeserializer::new(map)).map(Err)
    }
}

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let shape = ListOrMap::<Vec<Entry>, _> {
            expecting: "a list of `{key, value}` entries or a map of key to value",
            shape: std::marker::PhantomData,
        };
        Ok(match d.deserialize_any(shape)? {
            Ok(list) => Pairs::List(list.into_iter().map(|e| e.0).collect()),
            Err(map) => Pairs::Map(map),
        })
    }
}

/// One entry of the list form of [`Pairs`].
struct Entry(Map<String, Value>);

struct EntryShape;

impl<'de> Visitor<'de> for EntryShape {
    type Value = Entry;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an entry `{key, value, disabled?, description?}`")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Entry, A::Error> {
        Map::deserialize(MapAccessDeserializer::new(map)).map(Entry)
    }
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EntryShape)
    }
}

impl<'de> Deserialize<'de> for AuthV3 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let shape = ListOrMap {
            expecting: "an auth map `{type, credentials}` or a list of them (multi-auth)",
            shape: std::marker::PhantomData,
        };
        Ok(match d.deserialize_any(shape)? {
            Ok(list) => AuthV3::Many(list),
            Err(one) => AuthV3::One(one),
        })
    }
}

/// One auth method.
#[derive(Debug, Deserialize)]
pub(super) struct AuthEntry {
    /// `bearer`, `basic`, `noauth`, `inherit`, …
    #[serde(rename = "type")]
    kind: String,
    /// Its parameters.
    #[serde(default)]
    credentials: Option<Pairs>,
    /// Multi-auth rules (when the entry applies); see [`AuthV3::has_rules`].
    #[serde(default)]
    rules: Option<Value>,
}

/// A script: `{type, code, language}`.
#[derive(Debug, Deserialize)]
pub(super) struct Script {
    /// `beforeRequest` / `afterResponse` (with an `http:` prefix on folders
    /// and collections).
    #[serde(rename = "type")]
    kind: String,
    /// The source (a string, or a list of lines).
    #[serde(default)]
    code: Option<Value>,
    /// `text/javascript`.
    #[serde(default)]
    language: Option<String>,
}

/// `.resources/definition.yaml` of a collection or a folder.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Definition {
    /// `collection`.
    #[serde(rename = "$kind", default)]
    pub kind: Option<String>,
    /// The folder's or collection's id.
    #[serde(default)]
    pub id: Option<String>,
    /// Display name; the directory name when absent.
    #[serde(default)]
    pub name: Option<String>,
    /// Free text.
    #[serde(default)]
    pub description: Option<Value>,
    /// Sibling order.
    #[serde(default)]
    pub order: Option<f64>,
    /// Variables (collection variables, or the folder's).
    #[serde(default)]
    pub variables: Option<Pairs>,
    /// Auth inherited by what is inside.
    #[serde(default)]
    pub auth: Option<AuthV3>,
    /// Scripts run around every request inside.
    #[serde(default)]
    pub scripts: Vec<Script>,
    /// Sending options for every request inside.
    #[serde(default)]
    pub settings: Option<Map<String, Value>>,
}

/// A `*.request.yaml` with `$kind: http-request`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct HttpRequest {
    /// The item's id (`pm.execution.setNextRequest` may name it).
    #[serde(default)]
    pub id: Option<String>,
    /// Display name; the file stem when absent.
    #[serde(default)]
    pub name: Option<String>,
    /// Free text.
    #[serde(default)]
    pub description: Option<Value>,
    /// Sibling order.
    #[serde(default)]
    pub order: Option<f64>,
    /// The URL as typed, with `{{variables}}`.
    #[serde(default)]
    url: Option<String>,
    /// HTTP method (GET when absent).
    #[serde(default)]
    method: Option<String>,
    /// Headers.
    #[serde(default)]
    headers: Option<Pairs>,
    /// Query parameters (disabled ones are kept, not sent).
    #[serde(default)]
    query_params: Option<Pairs>,
    /// Values of `:name` path segments.
    #[serde(default)]
    path_variables: Option<Pairs>,
    /// `{type, content}`.
    #[serde(default)]
    body: Option<Body>,
    /// Own auth; absent means inherit.
    #[serde(default)]
    auth: Option<AuthV3>,
    /// Scripts.
    #[serde(default)]
    scripts: Vec<Script>,
    /// Sending options.
    #[serde(default)]
    settings: Option<Map<String, Value>>,
    /// Where its examples are, relative to the request file.
    #[serde(default)]
    pub examples: Option<String>,
}

/// A request body: `{type, content}`.
#[derive(Debug)]
struct Body {
    kind: String,
    content: Option<Value>,
}

/// [`Body`] as written, before its content's shape is checked.
#[derive(Deserialize)]
struct BodyFile {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    content: Option<Value>,
}

impl<'de> Deserialize<'de> for Body {
    /// A form body's content must be a list or a map, a raw body's a text
    /// (or a scalar): anything else is an error naming the shapes accepted,
    /// rather than a body sent empty or a failure further on.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, Unexpected};
        let BodyFile { kind, content } = BodyFile::deserialize(d)?;
        fn unexpected(v: &Value) -> Unexpected<'_> {
            match v {
                Value::Array(_) => Unexpected::Seq,
                Value::Object(_) => Unexpected::Map,
                Value::String(s) => Unexpected::Str(s),
                _ => Unexpected::Other("a scalar"),
            }
        }
        match (kind.as_str(), &content) {
            (_, None | Some(Value::Null)) => {}
            ("urlencoded" | "formdata", Some(v)) if !v.is_array() && !v.is_object() => {
                return Err(D::Error::invalid_value(
                    unexpected(v),
                    &"a `content` that is a list of `{key, value}` entries or a map of key to value",
                ));
            }
            ("json" | "text" | "xml" | "html" | "javascript", Some(v))
                if v.is_array() || v.is_object() =>
            {
                return Err(D::Error::invalid_value(
                    unexpected(v),
                    &"a `content` that is text (write JSON as a `|-` block of text)",
                ));
            }
            _ => {}
        }
        Ok(Body { kind, content })
    }
}

/// The text of a scalar as Postman keeps it (values are strings in v3).
pub(super) fn text(value: &Value) -> Value {
    match value {
        Value::String(_) => value.clone(),
        Value::Null => Value::String(String::new()),
        Value::Bool(b) => Value::String(b.to_string()),
        Value::Number(n) => Value::String(n.to_string()),
        other => other.clone(),
    }
}

impl Pairs {
    /// The v2.1 list; `stringify` turns scalar values into their text.
    pub(super) fn to_list(&self, stringify: bool) -> Vec<Value> {
        let value = |v: &Value| if stringify { text(v) } else { v.clone() };
        match self {
            Pairs::List(list) => list
                .iter()
                .map(|entry| {
                    let mut entry = entry.clone();
                    if let Some(v) = entry.get("value") {
                        let v = value(v);
                        entry.insert("value".into(), v);
                    }
                    Value::Object(entry)
                })
                .collect(),
            Pairs::Map(map) => map
                .iter()
                .map(|(k, v)| json!({"key": k, "value": value(v)}))
                .collect(),
        }
    }
}

impl AuthV3 {
    /// Whether this is a multi-auth list with rules: an entry whose
    /// `rules` is a non-empty list (or a text). The Postman CLI (1.34)
    /// evaluates no rule: such a list applies none of its entries, and the
    /// requests inside inherit the auth of the level above (checked by hand:
    /// a folder's list with `rules: [{}]` on one entry sends the
    /// collection's bearer token; `rules: []` or a map of rules is as if
    /// there were none).
    pub(super) fn has_rules(&self) -> bool {
        let AuthV3::Many(list) = self else {
            return false;
        };
        list.iter().any(|e| match &e.rules {
            Some(Value::Array(rules)) => !rules.is_empty(),
            Some(Value::String(_)) => true,
            _ => false,
        })
    }

    /// The v2.1 `auth` object: `{type, <type>: [{key, value, type}]}`.
    /// A multi-auth list uses its last entry, as the Postman CLI does; one
    /// with rules gives none (see [`AuthV3::has_rules`]).
    pub(super) fn to_v2(&self) -> Option<Value> {
        if self.has_rules() {
            return None;
        }
        let entry = match self {
            AuthV3::One(entry) => entry,
            AuthV3::Many(list) => list.last()?,
        };
        let mut auth = Map::new();
        auth.insert("type".into(), entry.kind.clone().into());
        if let Some(credentials) = &entry.credentials {
            let params: Vec<Value> = credentials
                .to_list(false)
                .into_iter()
                .map(|mut p| {
                    let kind = match p.get("value") {
                        Some(Value::Bool(_)) => "boolean",
                        Some(Value::Object(_)) | Some(Value::Array(_)) => "any",
                        _ => "string",
                    };
                    if let Some(obj) = p.as_object_mut() {
                        obj.entry("type").or_insert_with(|| kind.into());
                    }
                    p
                })
                .collect();
            auth.insert(entry.kind.clone(), Value::Array(params));
        }
        Some(Value::Object(auth))
    }
}

/// v2.1 events of `scripts`; a script type other than before-request or
/// after-response (GraphQL, gRPC) is returned by name in `skipped`.
pub(super) fn events(scripts: &[Script], skipped: &mut Vec<String>) -> Vec<Value> {
    let mut out = Vec::new();
    for script in scripts {
        let listen = match script.kind.trim_start_matches("http:") {
            "beforeRequest" => "prerequest",
            "afterResponse" => "test",
            _ => {
                skipped.push(script.kind.clone());
                continue;
            }
        };
        let exec: Vec<Value> = match &script.code {
            Some(Value::String(code)) => code.split('\n').map(|l| l.into()).collect(),
            Some(Value::Array(lines)) => lines.iter().map(text).collect(),
            _ => Vec::new(),
        };
        let language = script.language.as_deref().unwrap_or("text/javascript");
        out.push(json!({"listen": listen, "script": {"type": language, "exec": exec}}));
    }
    out
}

/// The v2.1 `body` of a v3 body, `None` for `none`.
fn body(body: &Body) -> Option<Value> {
    let content = body.content.clone().unwrap_or(Value::Null);
    let list = |content: Value| -> Value {
        match serde_json::from_value::<Pairs>(content) {
            Ok(pairs) => Value::Array(pairs.to_list(true)),
            Err(_) => Value::Array(Vec::new()),
        }
    };
    Some(match body.kind.as_str() {
        "none" => return None,
        "urlencoded" => json!({"mode": "urlencoded", "urlencoded": list(content)}),
        "formdata" => json!({"mode": "formdata", "formdata": list(content)}),
        "file" => {
            let file = match content {
                Value::String(src) => json!({ "src": src }),
                other => other,
            };
            json!({"mode": "file", "file": file})
        }
        "graphql" => json!({"mode": "graphql", "graphql": content}),
        language => json!({
            "mode": "raw",
            "raw": text(&content),
            "options": {"raw": {"language": language}},
        }),
    })
}

impl HttpRequest {
    /// Whether its `auth` is a multi-auth list with rules (not applied).
    pub(super) fn has_auth_rules(&self) -> bool {
        self.auth.as_ref().is_some_and(AuthV3::has_rules)
    }

    /// The v2.1 item of this request, named `name`.
    pub(super) fn to_item(&self, name: &str, skipped: &mut Vec<String>) -> Value {
        let request = self.to_request();
        let mut item = Map::new();
        if let Some(id) = &self.id {
            item.insert("id".into(), id.clone().into());
        }
        item.insert("name".into(), name.into());
        item.insert("request".into(), Value::Object(request));
        let events = events(&self.scripts, skipped);
        if !events.is_empty() {
            item.insert("event".into(), Value::Array(events));
        }
        if let Some(settings) = &self.settings {
            item.insert(
                "protocolProfileBehavior".into(),
                Value::Object(settings.clone()),
            );
        }
        Value::Object(item)
    }

    /// The v2.1 `request` object (also an example's `originalRequest`).
    pub(super) fn to_request(&self) -> Map<String, Value> {
        let raw = self.url.clone().unwrap_or_default();
        let mut request = Map::new();
        if self.query_params.is_none() && self.path_variables.is_none() {
            // Kept as text and split after variables are resolved, as the
            // Postman CLI sends it: `?{{q}}` with `q = page=2` is
            // `?page=2`, not the one parameter `page%3D2`.
            request.insert("url".into(), raw.into());
        } else {
            let mut url = super::super::v1::url_object(&raw);
            if let Some(query) = &self.query_params {
                url.insert("query".into(), Value::Array(query.to_list(true)));
            }
            if let Some(vars) = &self.path_variables {
                url.insert("variable".into(), Value::Array(vars.to_list(true)));
            }
            request.insert("url".into(), Value::Object(url));
        }
        let method = self.method.as_deref().unwrap_or("GET").to_ascii_uppercase();
        request.insert("method".into(), method.into());
        if let Some(headers) = &self.headers {
            request.insert("header".into(), Value::Array(headers.to_list(true)));
        }
        if let Some(b) = self.body.as_ref().and_then(body) {
            request.insert("body".into(), b);
        }
        if let Some(auth) = self.auth.as_ref().and_then(AuthV3::to_v2) {
            request.insert("auth".into(), auth);
        }
        if let Some(d) = &self.description {
            request.insert("description".into(), d.clone());
        }
        request
    }
}

impl Definition {
    /// Puts this definition's variables, auth, scripts and settings on
    /// `target` (a v2.1 collection or folder object).
    pub(super) fn apply(&self, target: &mut Map<String, Value>, skipped: &mut Vec<String>) {
        if let Some(vars) = &self.variables {
            target.insert("variable".into(), Value::Array(vars.to_list(false)));
        }
        if let Some(auth) = self.auth.as_ref().and_then(AuthV3::to_v2) {
            target.insert("auth".into(), auth);
        }
        let events = events(&self.scripts, skipped);
        if !events.is_empty() {
            target.insert("event".into(), Value::Array(events));
        }
        if let Some(settings) = &self.settings {
            target.insert(
                "protocolProfileBehavior".into(),
                Value::Object(settings.clone()),
            );
        }
    }
}
