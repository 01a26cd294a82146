//! Collection v2.0 → v2.1.
//!
//! The two formats differ in the shape of `auth`: v2.0 keeps an auth
//! method's parameters as an object (`{"basic": {"username": "u"}}`), v2.1
//! as a list of `{key, value, type}` (the `type` named after the value's
//! JSON type, `any` for objects and lists), which is what
//! postman-collection-transformer writes when it turns the object form
//! into the list form. Every `auth` is rewritten: the collection's, each
//! folder's, each request's and each saved example's original request.
//! Everything else is already valid v2.1 (the single-value shapes, such as
//! headers as text, are allowed by both) and is kept as it is.

use serde_json::{Map, Value, json};

/// The schema URL of Collection v2.1.
const SCHEMA_V21: &str = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

/// Whether `collection` declares itself Collection v2.0.
pub(super) fn is_v20(collection: &Value) -> bool {
    collection
        .pointer("/info/schema")
        .and_then(Value::as_str)
        .is_some_and(|s| s.contains("/v2.0.0/"))
}

/// `collection` (v2.0) as v2.1.
pub(super) fn to_v21(mut collection: Value) -> Value {
    if let Some(info) = collection.get_mut("info").and_then(Value::as_object_mut) {
        info.insert("schema".into(), SCHEMA_V21.into());
    }
    container(&mut collection);
    collection
}

/// A collection or folder: its auth and its items'.
fn container(node: &mut Value) {
    auth_of(node);
    match node.get_mut("item") {
        Some(Value::Array(items)) => items.iter_mut().for_each(item),
        Some(one @ Value::Object(_)) => item(one),
        _ => {}
    }
}

/// A folder or a request item.
fn item(node: &mut Value) {
    if node.get("item").is_some() {
        container(node);
        return;
    }
    if let Some(request) = node.get_mut("request") {
        auth_of(request);
    }
    let examples = match node.get_mut("response") {
        Some(Value::Array(list)) => list.iter_mut().collect::<Vec<_>>(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => Vec::new(),
    };
    for example in examples {
        if let Some(original) = example.get_mut("originalRequest") {
            auth_of(original);
        }
    }
}

/// Rewrites `node.auth` from the v2.0 object form to the v2.1 list form.
fn auth_of(node: &mut Value) {
    let Some(auth) = node.get_mut("auth").and_then(Value::as_object_mut) else {
        return;
    };
    let Some(kind) = auth.get("type").and_then(Value::as_str).map(str::to_owned) else {
        return;
    };
    if kind == "noauth" {
        auth.retain(|k, _| k == "type");
        return;
    }
    if let Some(Value::Object(params)) = auth.get(&kind) {
        let list = params_list(params);
        if list.is_empty() {
            auth.remove(&kind);
        } else {
            auth.insert(kind, Value::Array(list));
        }
    }
}

/// `{name: value}` as `[{key, value, type}]`.
fn params_list(params: &Map<String, Value>) -> Vec<Value> {
    params
        .iter()
        .map(|(key, value)| {
            let kind = match value {
                Value::String(_) => "string",
                Value::Bool(_) => "boolean",
                Value::Number(_) => "number",
                _ => "any",
            };
            json!({"key": key, "value": value, "type": kind})
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue14_auth_objects_become_typed_lists_everywhere() {
        let v20 = json!({
            "info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"},
            "auth": {"type": "bearer", "bearer": {"token": "{{t}}"}},
            "item": [
                {"name": "F", "auth": {"type": "noauth", "noauth": {}}, "item": {
                    "name": "R", "request": {"url": "http://h/", "header": "A: 1",
                        "auth": {"type": "digest", "digest": {"username": "u", "disableRetryRequest": true, "nc": 1, "x": {"a": 1}}}},
                    "response": [{"name": "ok", "originalRequest": {"url": "http://h/",
                        "auth": {"type": "basic", "basic": {"username": "u"}}}}]
                }},
                {"name": "Already", "request": {"url": "http://h/",
                    "auth": {"type": "basic", "basic": [{"key": "username", "value": "u"}]}}}
            ]
        });
        assert!(is_v20(&v20));
        let v21 = to_v21(v20);
        assert!(!is_v20(&v21));
        assert_eq!(v21["info"]["schema"], SCHEMA_V21);
        assert_eq!(
            v21["auth"]["bearer"],
            json!([{"key": "token", "value": "{{t}}", "type": "string"}])
        );
        let folder = &v21["item"][0];
        assert_eq!(folder["auth"], json!({"type": "noauth"}));
        let request = &folder["item"]["request"];
        assert_eq!(request["header"], "A: 1");
        assert_eq!(
            request["auth"]["digest"],
            json!([
                {"key": "username", "value": "u", "type": "string"},
                {"key": "disableRetryRequest", "value": true, "type": "boolean"},
                {"key": "nc", "value": 1, "type": "number"},
                {"key": "x", "value": {"a": 1}, "type": "any"}
            ])
        );
        assert_eq!(
            folder["item"]["response"][0]["originalRequest"]["auth"]["basic"][0]["key"],
            "username"
        );
        // Already a list: kept as it is.
        assert_eq!(
            v21["item"][1]["request"]["auth"]["basic"],
            json!([{"key": "username", "value": "u"}])
        );
    }
}
