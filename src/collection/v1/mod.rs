//! Postman Collection v1 files, converted to the v2.1 model as Newman
//! converts them.
//!
//! Newman hands a file with a truthy `name`, `order` and `requests` to
//! postman-collection-transformer (v1.0.0 → v2.1.0) before running it. This
//! module applies the same rules to the JSON and returns v2.1 JSON, which
//! `load.rs` reads into the one model: the rest of courier never sees v1.
//! Here: the collection, folders (`folders`, `folders_order`, `order`),
//! scripts (`events`, or the older `preRequestScript` / `tests`),
//! variables and auth (`auth`, or the older `currentHelper` +
//! `helperAttributes`); `request.rs` converts each request (method,
//! headers, body, URL, saved responses) and `url.rs` splits URLs.

mod request;
mod url;

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

/// Why a v1 file cannot be converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct V1Error {
    /// Where, as a JSON path in the v1 file.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

/// Whether Newman reads `doc` as Collection v1: `name`, `order` and
/// `requests` all truthy, as the transformer's `isv1` tests.
pub(crate) fn is_v1(doc: &Map<String, Value>) -> bool {
    ["name", "order", "requests"]
        .iter()
        .all(|k| truthy(doc.get(*k)))
}

/// Converts a v1 collection to v2.1 JSON.
pub(crate) fn convert(v1: &Map<String, Value>) -> Result<Value, V1Error> {
    let requests = Requests::new(v1.get("requests"));
    let mut out = Map::new();
    out.insert("info".into(), info(v1));
    let mut items = folders(v1, &requests)?;
    let ids = requests.ids();
    let mut seen: Vec<&Value> = Vec::new();
    for id in list(v1.get("order")) {
        if ids.contains(&id) && !seen.contains(&id) {
            seen.push(id);
            if let Some(r) = requests.get(id) {
                items.push(Value::Object(request::item(r, &requests)));
            }
        }
    }
    out.insert("item".into(), Value::Array(items));
    if let Some(auth) = auth(v1, true).filter(|a| !a.is_null()) {
        out.insert("auth".into(), auth);
    }
    if let Some(event) = events(v1) {
        out.insert("event".into(), event);
    }
    if let Some(variable) = variables(v1) {
        out.insert("variable".into(), variable);
    }
    copy_protocol_profile(v1, &mut out);
    Ok(Value::Object(out))
}

fn info(v1: &Map<String, Value>) -> Value {
    let id = match v1.get("id") {
        Some(id) if truthy(Some(id)) => js_string(Some(id)),
        _ => uuid::Uuid::new_v4().to_string(),
    };
    let mut info = Map::new();
    info.insert("_postman_id".into(), id.into());
    info.insert("name".into(), Value::String(js_string(v1.get("name"))));
    if let Some(d) = v1.get("description").filter(|d| truthy(Some(d))) {
        info.insert("description".into(), d.clone());
    }
    info.insert(
        "schema".into(),
        "https://schema.getpostman.com/json/collection/v2.1.0/collection.json".into(),
    );
    Value::Object(info)
}

/// The v1 requests by id, the transformer's `_.keyBy(requests, 'id')`.
pub(super) struct Requests<'a> {
    by_id: HashMap<String, &'a Map<String, Value>>,
    ids: Vec<&'a Value>,
}

impl<'a> Requests<'a> {
    fn new(requests: Option<&'a Value>) -> Self {
        let mut by_id = HashMap::new();
        let mut ids = Vec::new();
        for r in values(requests) {
            if let Some(id) = r.get("id") {
                ids.push(id);
            }
            if let Some(obj) = r.as_object() {
                by_id.insert(js_string(obj.get("id")), obj);
            }
        }
        Requests { by_id, ids }
    }

    fn ids(&self) -> &[&'a Value] {
        &self.ids
    }

    /// The request whose id reads as `id` in JavaScript.
    pub(super) fn get(&self, id: &Value) -> Option<&'a Map<String, Value>> {
        self.by_id.get(&js_string(Some(id))).copied()
    }
}

/// One folder before its children are placed.
struct Folder {
    group: Map<String, Value>,
    children: Vec<Child>,
    nested: bool,
}

enum Child {
    Folder(String),
    Request(Value),
}

/// Top-level folders with their subfolders and requests, in the
/// transformer's order: subfolders (`folders_order`) before requests
/// (`order`) in each folder; at the top, `folders_order` or else every
/// folder in file order, less those nested in another.
fn folders(v1: &Map<String, Value>, requests: &Requests) -> Result<Vec<Value>, V1Error> {
    let mut cache: HashMap<String, Folder> = HashMap::new();
    for folder in values(v1.get("folders")).filter(|f| truthy(Some(f))) {
        let empty = Map::new();
        let f = folder.as_object().unwrap_or(&empty);
        cache.insert(
            js_string(f.get("id")),
            Folder {
                group: folder_group(f),
                children: Vec::new(),
                nested: false,
            },
        );
    }
    for folder in values(v1.get("folders")).filter(|f| truthy(Some(f))) {
        let key = js_string(folder.get("id"));
        let mut children = Vec::new();
        for sub in list(folder.get("folders_order")) {
            let sub_key = js_string(Some(sub));
            if let Some(f) = cache.get_mut(&sub_key) {
                f.nested = true;
                children.push(Child::Folder(sub_key));
            }
        }
        for id in list(folder.get("order")) {
            if let Some(r) = requests.get(id) {
                children.push(Child::Request(Value::Object(request::item(r, requests))));
            }
        }
        if let Some(f) = cache.get_mut(&key) {
            f.children.extend(children);
        }
    }
    let order: Vec<String> = match v1.get("folders_order") {
        Some(o) if truthy(Some(o)) => list(Some(o)).map(|id| js_string(Some(id))).collect(),
        _ => values(v1.get("folders"))
            .map(|f| js_string(f.get("id")))
            .collect(),
    };
    let mut top = Vec::new();
    let mut placed = HashSet::new();
    for key in order {
        if placed.insert(key.clone())
            && let Some(f) = cache.get(&key)
            && !f.nested
        {
            top.push(build_folder(&cache, &key, &mut Vec::new())?);
        }
    }
    Ok(top)
}

fn build_folder(
    cache: &HashMap<String, Folder>,
    key: &str,
    path: &mut Vec<String>,
) -> Result<Value, V1Error> {
    let Some(folder) = cache.get(key) else {
        return Ok(Value::Null);
    };
    if path.iter().any(|k| k == key) {
        return Err(V1Error {
            pointer: "folders".into(),
            message: format!(
                "folder {key:?} contains itself through `folders_order` ({} → {key}); remove it from one of those lists",
                path.join(" → ")
            ),
        });
    }
    path.push(key.to_owned());
    let mut items = Vec::new();
    for child in &folder.children {
        items.push(match child {
            Child::Folder(k) => build_folder(cache, k, path)?,
            Child::Request(item) => item.clone(),
        });
    }
    path.pop();
    let mut group = folder.group.clone();
    group.insert("item".into(), Value::Array(items));
    Ok(Value::Object(group))
}

fn folder_group(f: &Map<String, Value>) -> Map<String, Value> {
    let mut group = Map::new();
    if let Some(name) = name(f.get("name")) {
        group.insert("name".into(), name);
    }
    if let Some(d) = f.get("description").filter(|d| truthy(Some(d))) {
        group.insert("description".into(), d.clone());
    }
    if let Some(auth) = auth(f, false) {
        group.insert("auth".into(), auth);
    }
    if let Some(event) = events(f) {
        group.insert("event".into(), event);
    }
    if let Some(variable) = variables(f) {
        group.insert("variable".into(), variable);
    }
    copy_protocol_profile(f, &mut group);
    group
}

/// Scripts: `events` when there is no `tests` / `preRequestScript`, else
/// those two as a `test` and a `prerequest` event.
pub(super) fn events(entity: &Map<String, Value>) -> Option<Value> {
    let legacy = truthy(entity.get("tests")) || truthy(entity.get("preRequestScript"));
    if !legacy && !is_empty(entity.get("events")) {
        let list = list(entity.get("events"))
            .filter_map(Value::as_object)
            .map(|e| {
                let mut e = e.clone();
                if !truthy(e.get("listen")) {
                    e.insert("listen".into(), "test".into());
                }
                e.shift_remove("id");
                if let Some(Value::Object(script)) = e.get_mut("script") {
                    script.shift_remove("id");
                    if !truthy(script.get("type")) {
                        script.insert("type".into(), "text/javascript".into());
                    }
                    if let Some(Value::String(exec)) = script.get("exec") {
                        let lines = split_lines(exec);
                        script.insert("exec".into(), lines);
                    }
                }
                Value::Object(e)
            })
            .collect();
        return Some(Value::Array(list));
    }
    let mut list = Vec::new();
    for (field, listen) in [("tests", "test"), ("preRequestScript", "prerequest")] {
        if let Some(code) = entity.get(field).filter(|c| truthy(Some(c))) {
            let exec = match code {
                Value::String(s) => split_lines(s),
                other => other.clone(),
            };
            list.push(
                json!({"listen": listen, "script": {"type": "text/javascript", "exec": exec}}),
            );
        }
    }
    (!list.is_empty()).then_some(Value::Array(list))
}

fn split_lines(text: &str) -> Value {
    Value::Array(text.split('\n').map(|l| Value::String(l.into())).collect())
}

/// Variables of `variables` (or `variable`): the name is `key`, or `id`
/// when `key` is empty; `text` types read as `string`.
pub(super) fn variables(entity: &Map<String, Value>) -> Option<Value> {
    let source = ["variables", "variable"]
        .iter()
        .find_map(|k| entity.get(*k).filter(|v| truthy(Some(v))));
    let list: Vec<Value> = values(source)
        .map(|v| {
            let mut out = Map::new();
            let key = v
                .get("key")
                .filter(|k| truthy(Some(k)))
                .or_else(|| v.get("id"));
            if let Some(key) = key {
                out.insert("key".into(), key.clone());
            }
            if let Some(value) = v.get("value") {
                out.insert("value".into(), value.clone());
            }
            if let Some(t) = v.get("type").filter(|t| truthy(Some(t))) {
                let t = if t == "text" {
                    "string".into()
                } else {
                    t.clone()
                };
                out.insert("type".into(), t);
            }
            if truthy(v.get("disabled")) {
                out.insert("disabled".into(), true.into());
            }
            if let Some(d) = v.get("description").filter(|d| truthy(Some(d))) {
                out.insert("description".into(), d.clone());
            }
            Value::Object(out)
        })
        .collect();
    (!list.is_empty()).then_some(Value::Array(list))
}

/// Auth of a collection, folder or request: `None` for none (inherit),
/// `Some(null)` for the transformer's `null`, else the v2.1 auth object.
/// `exclude_noauth` (the collection level) turns `noauth` into `null`.
pub(super) fn auth(entity: &Map<String, Value>, exclude_noauth: bool) -> Option<Value> {
    let modern = entity.contains_key("auth")
        && !(entity.contains_key("currentHelper") || truthy(entity.get("helperAttributes")));
    if modern && truthy(entity.get("auth")) {
        return auth_v2(entity.get("auth"), exclude_noauth);
    }
    let helper = entity
        .get("currentHelper")
        .filter(|h| truthy(Some(h)))
        .map(|h| js_string(Some(h)))?;
    if helper == "normal" {
        return None;
    }
    let kind = LEGACY_AUTH
        .iter()
        .find(|(name, _, _)| *name == helper)
        .map_or(helper.as_str(), |(_, kind, _)| kind);
    let attributes = match entity.get("helperAttributes") {
        Some(Value::String(text)) => Some(serde_json::from_str::<Value>(text).ok()?),
        other => other.cloned(),
    };
    let params = attributes
        .filter(|a| truthy(Some(a)))
        .and_then(|a| legacy_params(&helper, &a));
    let mut auth = Map::new();
    auth.insert("type".into(), kind.into());
    if let Some(params) = params.filter(|p| !p.is_empty()) {
        auth.insert(kind.into(), Value::Array(params));
    }
    clean_noauth(Value::Object(auth), exclude_noauth)
}

/// A v2-style `auth` inside a v1 file, through the transformer's array →
/// map → array round trip: the last entry of a key wins and each entry's
/// `type` follows its value.
fn auth_v2(auth: Option<&Value>, exclude_noauth: bool) -> Option<Value> {
    let auth = auth?;
    let kind = auth.get("type").filter(|t| truthy(Some(t)))?;
    let kind_name = js_string(Some(kind));
    let mut out = Map::new();
    out.insert("type".into(), kind.clone());
    if kind_name != "noauth" {
        let mut params: Map<String, Value> = Map::new();
        for p in list(auth.get(&kind_name)) {
            params.insert(
                js_string(p.get("key")),
                p.get("value").cloned().unwrap_or(Value::Null),
            );
        }
        let list: Vec<Value> = params
            .into_iter()
            .map(|(k, v)| param(&k, Some(&v)))
            .collect();
        if !list.is_empty() {
            out.insert(kind_name, Value::Array(list));
        }
    }
    clean_noauth(Value::Object(out), exclude_noauth)
}

fn clean_noauth(auth: Value, exclude_noauth: bool) -> Option<Value> {
    if auth.get("type").and_then(Value::as_str) == Some("noauth") {
        return Some(if exclude_noauth {
            Value::Null
        } else {
            json!({"type": "noauth"})
        });
    }
    Some(auth)
}

/// A v2.1 auth parameter; its `type` follows the JavaScript type of the value.
fn param(key: &str, value: Option<&Value>) -> Value {
    let kind = match value {
        Some(Value::String(_)) => "string",
        Some(Value::Bool(_)) => "boolean",
        Some(Value::Number(_)) => "number",
        _ => "any",
    };
    let mut p = Map::new();
    p.insert("key".into(), key.into());
    if let Some(v) = value {
        p.insert("value".into(), v.clone());
    }
    p.insert("type".into(), kind.into());
    Value::Object(p)
}

/// Where a v2.1 auth parameter comes from in `helperAttributes`.
enum From {
    Attr(&'static str),
    False,
}

type Mapper = &'static [(&'static str, From)];

/// `currentHelper` → (v2 type, parameters). A helper missing here keeps its
/// name as the type and gets no parameters.
const LEGACY_AUTH: &[(&str, &str, Mapper)] = &[
    (
        "apikeyAuth",
        "apikey",
        &[
            ("key", From::Attr("key")),
            ("value", From::Attr("value")),
            ("in", From::Attr("in")),
        ],
    ),
    (
        "basicAuth",
        "basic",
        &[
            ("username", From::Attr("username")),
            ("password", From::Attr("password")),
            ("saveHelperData", From::Attr("saveToRequest")),
            ("showPassword", From::False),
        ],
    ),
    ("bearerAuth", "bearer", &[("token", From::Attr("token"))]),
    (
        "digestAuth",
        "digest",
        &[
            ("algorithm", From::Attr("algorithm")),
            ("username", From::Attr("username")),
            ("realm", From::Attr("realm")),
            ("password", From::Attr("password")),
            ("nonce", From::Attr("nonce")),
            ("nonceCount", From::Attr("nonceCount")),
            ("clientNonce", From::Attr("clientNonce")),
            ("opaque", From::Attr("opaque")),
            ("qop", From::Attr("qop")),
            ("disableRetryRequest", From::Attr("disableRetryRequest")),
        ],
    ),
    (
        "oAuth1",
        "oauth1",
        &[
            ("consumerKey", From::Attr("consumerKey")),
            ("consumerSecret", From::Attr("consumerSecret")),
            ("token", From::Attr("token")),
            ("tokenSecret", From::Attr("tokenSecret")),
            ("signatureMethod", From::Attr("signatureMethod")),
            ("timestamp", From::Attr("timestamp")),
            ("nonce", From::Attr("nonce")),
            ("version", From::Attr("version")),
            ("realm", From::Attr("realm")),
            ("addParamsToHeader", From::Attr("header")),
            ("autoAddParam", From::Attr("auto")),
            ("addEmptyParamsToSign", From::Attr("includeEmpty")),
        ],
    ),
    (
        "hawkAuth",
        "hawk",
        &[
            ("authId", From::Attr("hawk_id")),
            ("authKey", From::Attr("hawk_key")),
            ("algorithm", From::Attr("algorithm")),
            ("user", From::Attr("user")),
            ("saveHelperData", From::Attr("saveToRequest")),
            ("nonce", From::Attr("nonce")),
            ("extraData", From::Attr("ext")),
            ("appId", From::Attr("app")),
            ("delegation", From::Attr("dlg")),
            ("timestamp", From::Attr("timestamp")),
        ],
    ),
    (
        "ntlmAuth",
        "ntlm",
        &[
            ("username", From::Attr("username")),
            ("password", From::Attr("password")),
            ("domain", From::Attr("domain")),
            ("workstation", From::Attr("workstation")),
            ("disableRetryRequest", From::Attr("disableRetryRequest")),
        ],
    ),
    (
        "oAuth2",
        "oauth2",
        &[
            ("accessToken", From::Attr("accessToken")),
            ("addTokenTo", From::Attr("addTokenTo")),
            ("callBackUrl", From::Attr("callBackUrl")),
            ("authUrl", From::Attr("authUrl")),
            ("accessTokenUrl", From::Attr("accessTokenUrl")),
            ("clientId", From::Attr("clientId")),
            ("clientSecret", From::Attr("clientSecret")),
            ("clientAuth", From::Attr("clientAuth")),
            ("grantType", From::Attr("grantType")),
            ("scope", From::Attr("scope")),
            ("username", From::Attr("username")),
            ("password", From::Attr("password")),
            ("tokenType", From::Attr("tokenType")),
            ("redirectUri", From::Attr("redirectUri")),
            ("refreshToken", From::Attr("refreshToken")),
        ],
    ),
    // awsSigV4 keeps its attributes as they are (see `legacy_params`).
    ("awsSigV4", "awsv4", &[]),
];

/// The v2.1 parameter list of a legacy helper, `None` when the transformer
/// has no mapper for it.
fn legacy_params(helper: &str, attributes: &Value) -> Option<Vec<Value>> {
    let (_, _, mapper) = LEGACY_AUTH.iter().find(|(name, _, _)| *name == helper)?;
    if helper == "awsSigV4" {
        let map = attributes.as_object()?;
        return Some(map.iter().map(|(k, v)| param(k, Some(v))).collect());
    }
    Some(
        mapper
            .iter()
            .map(|(key, from)| match from {
                From::Attr(name) => param(key, attributes.get(*name)),
                From::False => param(key, Some(&Value::Bool(false))),
            })
            .collect(),
    )
}

/// `protocolProfileBehavior`, when it is a non-empty object.
pub(super) fn copy_protocol_profile(from: &Map<String, Value>, to: &mut Map<String, Value>) {
    if let Some(Value::Object(b)) = from.get("protocolProfileBehavior")
        && !b.is_empty()
    {
        to.insert("protocolProfileBehavior".into(), Value::Object(b.clone()));
    }
}

/// A name as the model reads it: strings as they are, other scalars as
/// JavaScript writes them, nothing for `null`.
pub(super) fn name(v: Option<&Value>) -> Option<Value> {
    match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(Value::String(s.clone())),
        other => Some(Value::String(js_string(other))),
    }
}

/// JavaScript truthiness of an optional JSON value (`None` is `undefined`).
pub(crate) fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(_) | Value::Object(_)) => true,
    }
}

/// lodash's `_.isEmpty`: true for missing, null, scalars other than
/// non-empty strings, and empty arrays and objects.
pub(super) fn is_empty(v: Option<&Value>) -> bool {
    match v {
        Some(Value::String(s)) => s.is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        _ => true,
    }
}

/// How JavaScript writes a value as an object key (`String(v)`).
pub(super) fn js_string(v: Option<&Value>) -> String {
    match v {
        None => "undefined".into(),
        Some(Value::Null) => "null".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| match v {
                Value::Null => String::new(),
                other => js_string(Some(other)),
            })
            .collect::<Vec<_>>()
            .join(","),
        Some(Value::Object(_)) => "[object Object]".into(),
        Some(other) => other.to_string(),
    }
}

/// The elements of an array (nothing for anything else), as lodash's
/// collection helpers walk a list.
pub(super) fn list(v: Option<&Value>) -> impl Iterator<Item = &Value> {
    v.and_then(Value::as_array).into_iter().flatten()
}

/// The elements of an array or the values of an object (lodash's `_.map`).
pub(super) fn values(v: Option<&Value>) -> Box<dyn Iterator<Item = &Value> + '_> {
    match v {
        Some(Value::Array(a)) => Box::new(a.iter()),
        Some(Value::Object(o)) => Box::new(o.values()),
        _ => Box::new(std::iter::empty()),
    }
}

#[cfg(test)]
mod tests;

/// A URL string split into the parts of a v2.1 `url` object, as the
/// transformer splits it (used by the v3 reader too).
pub(crate) fn url_object(text: &str) -> Map<String, Value> {
    url::parse(text).into_json()
}
