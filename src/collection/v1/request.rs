//! One Collection v1 request → one v2.1 item, by the transformer's rules.
//!
//! Headers come from a `headers` list, or from `headerData` plus the
//! `headers` text (`Key: value` lines; `//Key` is disabled). The body mode
//! comes from `dataMode` (`params` is form data, `binary` a file) or, when
//! it is missing, from which of `data`, `rawModeData` and
//! `graphqlModeData` is filled. The URL is split by `url.rs`; `queryParams`
//! replace its query and `pathVariableData` / `pathVariables` give the
//! `:name` values. Saved `responses` become examples.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value, json};

use super::{
    Requests, copy_protocol_profile, events, is_empty, js_string, list, name, truthy, values,
    variables,
};
use crate::collection::decode::js_trim;

/// A v1 request as a v2.1 item.
pub(super) fn item(r: &Map<String, Value>, requests: &Requests) -> Map<String, Value> {
    let mut item = Map::new();
    let item_name = name(r.get("name").filter(|n| truthy(Some(n))));
    item.insert("name".into(), item_name.unwrap_or_else(|| "".into()));
    if let Some(event) = events(r) {
        item.insert("event".into(), event);
    }
    copy_protocol_profile(r, &mut item);
    item.insert("request".into(), Value::Object(request(r)));
    item.insert("response".into(), Value::Array(responses(r, requests)));
    if let Some(variable) = variables(r) {
        item.insert("variable".into(), variable);
    }
    item
}

fn request(r: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    if let Some(auth) = super::auth(r, false) {
        out.insert("auth".into(), auth);
    }
    if let Some(method) = r.get("method").filter(|m| !m.is_null()) {
        out.insert("method".into(), method.clone());
    }
    out.insert("header".into(), headers(r));
    if let Some(body) = body(r) {
        out.insert("body".into(), body);
    }
    if let Some(url) = url(r) {
        out.insert("url".into(), url);
    }
    if let Some(d) = r.get("description").filter(|d| truthy(Some(d))) {
        out.insert("description".into(), d.clone());
    }
    out
}

/// `headers` when it is a list; else `headerData` and then the lines of the
/// `headers` text whose key `headerData` does not have.
fn headers(r: &Map<String, Value>) -> Value {
    if let Some(list) = r.get("headers").filter(|h| h.is_array()) {
        return list.clone();
    }
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for header in list(r.get("headerData")).filter_map(Value::as_object) {
        let mut h = header.clone();
        let key = h.get("key").and_then(Value::as_str).map(str::to_owned);
        let commented = key.as_deref().is_some_and(|k| k.starts_with("//"));
        if commented || h.get("enabled") == Some(&Value::Bool(false)) {
            h.insert("disabled".into(), true.into());
            if let Some(k) = &key {
                h.insert("key".into(), js_trim(&k.replacen("//", "", 1)).into());
            }
        }
        remove_empty_description(&mut h);
        h.shift_remove("enabled");
        seen.push(js_string(h.get("key")));
        out.push(Value::Object(h));
    }
    if let Some(Value::String(text)) = r.get("headers") {
        for header in parse_header_text(text) {
            if !seen.contains(&js_string(header.get("key"))) {
                out.push(header);
            }
        }
    }
    Value::Array(out)
}

/// `Key: value` lines (the key runs to the last `:` before a space);
/// `//Key: value` is a disabled header. Folded lines (CRLF then a space)
/// are joined after the first header is read, as the transformer does.
fn parse_header_text(text: &str) -> Vec<Value> {
    static LINE: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"(?mR)^((//\s*)?\S+):(.*)$").ok());
    static FOLD: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"\r\n([ \t])").ok());
    let (Some(line), Some(fold)) = (LINE.as_ref(), FOLD.as_ref()) else {
        return Vec::new();
    };
    let Some(first) = line.captures(text) else {
        return Vec::new();
    };
    let mut headers = vec![header_from(&first)];
    let folded = fold.replace_all(text, "$1");
    let mut at = first.get(0).map_or(0, |m| m.end());
    while at <= folded.len() {
        if !folded.is_char_boundary(at) {
            at += 1;
            continue;
        }
        let Some(c) = line.captures_at(&folded, at) else {
            break;
        };
        headers.push(header_from(&c));
        let whole = c.get(0).map_or(at..at, |m| m.range());
        at = if whole.is_empty() {
            whole.end + 1
        } else {
            whole.end
        };
    }
    headers
}

fn header_from(c: &regex::Captures) -> Value {
    let key = c.get(1).map_or("", |m| m.as_str());
    let value = js_trim(c.get(3).map_or("", |m| m.as_str()));
    match key.strip_prefix("//") {
        Some(_) => json!({
            "key": js_trim(&key.replacen("//", "", 1)),
            "value": value,
            "disabled": true
        }),
        None => json!({"key": key, "value": value}),
    }
}

const MODES: [(&str, &str); 5] = [
    ("binary", "file"),
    ("graphql", "graphql"),
    ("params", "formdata"),
    ("raw", "raw"),
    ("urlencoded", "urlencoded"),
];

/// The body, or `None` when the request has none.
fn body(r: &Map<String, Value>) -> Option<Value> {
    let data = r.get("data");
    let raw_data = r.get("rawModeData");
    let data_mode = r
        .get("dataMode")
        .and_then(Value::as_str)
        .and_then(|m| MODES.iter().find(|(v1, _)| *v1 == m))
        .map(|(_, v2)| *v2);
    let empty = is_empty(data) && is_empty(raw_data) && is_empty(r.get("graphqlModeData"));
    if (data_mode.is_none() && empty) || r.get("dataMode") == Some(&Value::Null) {
        return None;
    }
    let raw_text = match raw_data {
        Some(Value::String(s)) => Some(s.as_str()),
        Some(Value::Array(a)) if a.len() == 1 => a[0].as_str(),
        _ => None,
    };
    let has_raw = raw_text.is_some_and(|s| !s.is_empty());
    let options = r.get("dataOptions").filter(|o| truthy(Some(o)));
    let graphql = if !is_empty(r.get("graphqlModeData")) {
        r.get("graphqlModeData")
    } else if options.is_some_and(|o| o.get("graphql").is_some()) && !is_empty(data) {
        data
    } else {
        None
    };
    let form_source = if truthy(data) { data } else { raw_data };
    let mode = match data_mode {
        Some(m) => m,
        None if !has_raw && form_source.is_some_and(Value::is_array) => "formdata",
        None if !has_raw && graphql.is_some() => "graphql",
        None => "raw",
    };
    let mut body = Map::new();
    body.insert("mode".into(), mode.into());
    match mode {
        "raw" => {
            let text = match (raw_text, data) {
                (Some(t), _) if has_raw => t,
                (_, Some(Value::String(d))) => d.as_str(),
                _ => "",
            };
            body.insert("raw".into(), text.into());
        }
        "graphql" => {
            if let Some(g) = graphql {
                body.insert("graphql".into(), g.clone());
            }
        }
        "file" => {
            let file = raw_text.map_or_else(|| json!({}), |src| json!({ "src": src }));
            body.insert("file".into(), file);
        }
        _ => {
            body.insert(mode.into(), Value::Array(form_data(form_source)));
        }
    }
    if let Some(o) = options {
        let mut by_mode = Map::new();
        for (v1, v2) in MODES {
            if let Some(opt) = o.get(v1).filter(|v| !is_empty(Some(v))) {
                by_mode.insert(v2.into(), opt.clone());
            }
        }
        if !by_mode.is_empty() {
            body.insert("options".into(), Value::Object(by_mode));
        }
    }
    if truthy(r.get("dataDisabled")) {
        body.insert("disabled".into(), true.into());
    }
    Some(Value::Object(body))
}

/// Form fields: those with a `key`; a `file` field's `value` becomes its
/// `src`; `enabled: false` becomes `disabled`.
fn form_data(source: Option<&Value>) -> Vec<Value> {
    list(source)
        .filter_map(Value::as_object)
        .filter(|p| p.get("key").is_some_and(|k| !k.is_null()))
        .map(|p| {
            let mut p = p.clone();
            if p.get("type").and_then(Value::as_str) == Some("file")
                && !truthy(p.get("src"))
                && truthy(p.get("value"))
                && let Some(value) = p.shift_remove("value")
            {
                let src = if value.is_string() || value.is_array() {
                    value
                } else {
                    Value::Null
                };
                p.insert("src".into(), src);
            }
            if let Some(enabled) = p.shift_remove("enabled")
                && enabled == Value::Bool(false)
            {
                p.insert("disabled".into(), true.into());
            }
            remove_empty_description(&mut p);
            Value::Object(p)
        })
        .collect()
}

fn remove_empty_description(entry: &mut Map<String, Value>) {
    if entry.contains_key("description") && !truthy(entry.get("description")) {
        entry.shift_remove("description");
    }
}

/// The URL object: the split `url`, with `queryParams` (when any) as the
/// query and `pathVariableData` / `pathVariables` as the path variables.
fn url(r: &Map<String, Value>) -> Option<Value> {
    let text = r.get("url").and_then(Value::as_str).unwrap_or("");
    let mut parsed = super::url::parse(text).into_json();
    let (query, altered) = query_params(r);
    if !query.is_empty() {
        parsed.insert("query".into(), Value::Array(query));
    }
    let variables = path_variables(r);
    if !variables.is_empty() {
        parsed.insert("variable".into(), Value::Array(variables));
    }
    if altered {
        let raw = super::url::unparse(&parsed);
        parsed.insert("raw".into(), raw.into());
    }
    let has_parts = parsed.contains_key("query") || parsed.contains_key("variable");
    match r.get("url") {
        _ if has_parts || parsed.get("raw").is_some_and(|raw| raw != "") => {
            Some(Value::Object(parsed))
        }
        None | Some(Value::Null) => None,
        Some(other) => Some(Value::Object(
            super::url::parse(&js_string(Some(other))).into_json(),
        )),
    }
}

/// `queryParams` with `enabled: false` as `disabled`; an `equals` flag
/// decides between `k=` (empty value) and `k` (no value).
fn query_params(r: &Map<String, Value>) -> (Vec<Value>, bool) {
    let mut altered = false;
    let list = values(r.get("queryParams"))
        .filter_map(Value::as_object)
        .map(|q| {
            let mut q = q.clone();
            if q.get("enabled") == Some(&Value::Bool(false)) {
                q.insert("disabled".into(), true.into());
            }
            q.shift_remove("enabled");
            remove_empty_description(&mut q);
            if let Some(equals) = q.shift_remove("equals") {
                if truthy(Some(&equals)) {
                    if q.get("value") == Some(&Value::Null) {
                        q.insert("value".into(), "".into());
                    }
                } else if !truthy(q.get("value")) {
                    q.insert("value".into(), Value::Null);
                }
                altered = true;
            }
            Value::Object(q)
        })
        .collect();
    (list, altered)
}

fn path_variables(r: &Map<String, Value>) -> Vec<Value> {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for v in values(r.get("pathVariableData")).filter_map(Value::as_object) {
        let mut v = v.clone();
        remove_empty_description(&mut v);
        if truthy(v.get("id")) {
            v.shift_remove("id");
        }
        seen.push(js_string(v.get("key")));
        out.push(Value::Object(v));
    }
    let pairs: Vec<(Value, &Value)> = match r.get("pathVariables") {
        Some(Value::Object(map)) => map.iter().map(|(k, v)| (k.as_str().into(), v)).collect(),
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(i, v)| (i.into(), v))
            .collect(),
        _ => Vec::new(),
    };
    for (key, value) in pairs {
        if !seen.contains(&js_string(Some(&key))) {
            out.push(json!({"value": value, "key": key}));
        }
    }
    out
}

/// Saved responses, in `responses_order` when it lists any, else in file order.
fn responses(r: &Map<String, Value>, requests: &Requests) -> Vec<Value> {
    let saved: Vec<&Map<String, Value>> = values(r.get("responses"))
        .filter_map(Value::as_object)
        .collect();
    let find = |key: &String| {
        saved
            .iter()
            .rev()
            .find(|s| js_string(s.get("id")) == *key)
            .copied()
    };
    let order: Vec<String> = match r.get("responses_order") {
        Some(Value::Array(o)) if !o.is_empty() => o.iter().map(|id| js_string(Some(id))).collect(),
        _ => values(r.get("responses"))
            .map(|s| js_string(s.get("id")))
            .collect(),
    };
    order
        .iter()
        .filter_map(find)
        .map(|s| saved_response(s, requests))
        .collect()
}

fn saved_response(s: &Map<String, Value>, requests: &Requests) -> Value {
    let mut out = Map::new();
    let response_name = name(s.get("name").filter(|n| truthy(Some(n))));
    out.insert(
        "name".into(),
        response_name.unwrap_or_else(|| "response".into()),
    );
    if let Some(original) = saved_request(s, requests).filter(|o| truthy(Some(o))) {
        let empty = Map::new();
        let original = request(original.as_object().unwrap_or(&empty));
        out.insert("originalRequest".into(), Value::Object(original));
    }
    let code = s.get("responseCode").filter(|c| truthy(Some(c)));
    if let Some(status) = name(code.and_then(|c| c.get("name")).filter(|n| truthy(Some(n)))) {
        out.insert("status".into(), status);
    }
    let number = code.and_then(|c| c.get("code")).and_then(|c| match c {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => js_trim(s).parse::<f64>().ok(),
        _ => None,
    });
    if let Some(n) = number.filter(|n| n.fract() == 0.0 && (1.0..=65535.0).contains(n)) {
        out.insert("code".into(), json!(n as u16));
    }
    for (from, to) in [
        ("language", "_postman_previewlanguage"),
        ("previewType", "_postman_previewtype"),
        ("headers", "header"),
        ("time", "responseTime"),
    ] {
        if let Some(v) = s.get(from) {
            out.insert(to.into(), v.clone());
        }
    }
    let cookies = values(s.get("cookies")).map(cookie).collect();
    out.insert("cookie".into(), Value::Array(cookies));
    if let Some(text) = name(s.get("text")) {
        out.insert("body".into(), text);
    }
    Value::Object(out)
}

/// The request a response was saved for: `requestObject` or `request`, as
/// an object or JSON text, else the collection's request of that id.
fn saved_request(s: &Map<String, Value>, requests: &Requests) -> Option<Value> {
    let mut id = None;
    for field in ["requestObject", "request"] {
        match s.get(field).filter(|v| truthy(Some(v))) {
            Some(Value::String(text)) => match serde_json::from_str::<Value>(text) {
                Ok(parsed) => return Some(parsed),
                Err(_) => id = Some(Value::String(text.clone())),
            },
            Some(other) => return Some(other.clone()),
            None => {}
        }
    }
    requests.get(&id?).map(|r| Value::Object(r.clone()))
}

/// A v1 cookie (`name`, `expirationDate` in seconds) as a v2.1 cookie.
fn cookie(c: &Value) -> Value {
    let expires = c
        .get("expirationDate")
        .and_then(Value::as_f64)
        .and_then(|s| chrono::DateTime::from_timestamp_millis((s * 1000.0) as i64))
        .map_or_else(
            || "Invalid Date".to_owned(),
            |t| {
                t.format("%a %b %d %Y %H:%M:%S GMT+0000 (Coordinated Universal Time)")
                    .to_string()
            },
        );
    let mut out = Map::new();
    out.insert("expires".into(), expires.into());
    for key in [
        "hostOnly", "httpOnly", "domain", "path", "secure", "session", "value",
    ] {
        if let Some(v) = c.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    if let Some(n) = c.get("name") {
        out.insert("key".into(), n.clone());
    }
    Value::Object(out)
}
