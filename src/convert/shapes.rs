//! The single-value shapes postman-collection accepts, as lists, before a
//! collection is written as a v3 directory.
//!
//! A collection file may give a list as one object (`item`, `event`,
//! `variable`, `response`), an event's script as its source (a string or
//! an array of lines, `exec` as one string), headers as `"K: v"` text or a
//! map of names to values, and a URL's `query` as a query string or a map.
//! The v3 writer (`to_v3.rs`) reads lists; this turns each of those shapes
//! into the list courier's model reads it as (the model's own
//! deserialisers do the reading, so the v3 directory sends what the file
//! sends). A value that does not read is left as it is.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::collection::{Event, Request, UrlObject};

/// `collection` with every single-value shape as a list.
pub(super) fn normalise(mut collection: Value) -> Value {
    container(&mut collection);
    collection
}

/// A collection or folder.
fn container(node: &mut Value) {
    listed(node, "variable");
    events(node);
    listed(node, "item");
    if let Some(Value::Array(items)) = node.get_mut("item") {
        for item in items {
            if item.get("item").is_some() {
                container(item);
            } else {
                request_item(item);
            }
        }
    }
}

fn request_item(item: &mut Value) {
    events(item);
    listed(item, "variable");
    if let Some(request) = item.get_mut("request") {
        request_fields(request);
    }
    listed(item, "response");
    if let Some(Value::Array(examples)) = item.get_mut("response") {
        for example in examples {
            headers(example);
            if let Some(original) = example.get_mut("originalRequest") {
                request_fields(original);
            }
        }
    }
}

/// Headers and the URL's query of a request object.
fn request_fields(request: &mut Value) {
    headers(request);
    let Some(url) = request.get_mut("url").filter(|u| u.is_object()) else {
        return;
    };
    let query = url.get("query");
    if query.is_some_and(|q| !q.is_array() && !q.is_null())
        && let Some(list) = reread::<UrlObject, _>(json!({"query": query}), |u| u.query)
    {
        url["query"] = list;
    }
}

/// `header` as text or a map, as the list the model reads.
fn headers(node: &mut Value) {
    let header = node.get("header");
    if header.is_some_and(|h| h.is_string() || h.is_object())
        && let Some(list) = reread::<Request, _>(json!({"header": header}), |r| r.header)
    {
        node["header"] = list;
    }
}

/// `event` as one object, scripts as their source: events as lists of
/// `{listen, script: {exec: [lines]}}`.
fn events(node: &mut Value) {
    listed(node, "event");
    let Some(Value::Array(list)) = node.get_mut("event") else {
        return;
    };
    for event in list.iter_mut() {
        let plain = event.pointer("/script/exec").is_some_and(Value::is_array);
        if !plain && let Some(read) = reread::<Event, _>(event.clone(), |e| e) {
            *event = read;
        }
    }
}

/// `node[key]` as one object made a list of one.
fn listed(node: &mut Value, key: &str) {
    if let Some(value) = node.get_mut(key)
        && value.is_object()
    {
        *value = Value::Array(vec![value.take()]);
    }
}

/// `value` read as a `T`, the part `pick` takes, written back as JSON.
fn reread<T: DeserializeOwned, P: Serialize>(value: Value, pick: impl Fn(T) -> P) -> Option<Value> {
    let read = serde_json::from_value::<T>(value).ok()?;
    serde_json::to_value(pick(read)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue14_single_value_shapes_become_lists() {
        let c = normalise(json!({
            "event": {"listen": "prerequest", "script": "a();\r\nb();"},
            "variable": {"key": "k", "value": "v"},
            "item": {"name": "F", "item": {"name": "R",
                "event": {"listen": "test", "script": {"exec": "c();"}},
                "request": {"url": {"host": ["h"], "query": "x=1&flag"},
                    "header": "A: 1\nB: two: three\n\nno header"},
                "response": {"name": "ok", "header": {"C": "3", "N": 2},
                    "originalRequest": {"url": {"host": ["h"], "query": {"a": "1", "b": null}}}}
            }}
        }));
        assert_eq!(c["event"][0]["script"]["exec"], json!(["a();", "b();"]));
        assert_eq!(c["variable"][0]["key"], "k");
        let r = &c["item"][0]["item"][0];
        assert_eq!(r["event"][0]["script"]["exec"], json!(["c();"]));
        assert_eq!(
            r["request"]["url"]["query"],
            json!([{"key": "x", "value": "1"}, {"key": "flag"}])
        );
        assert_eq!(
            r["request"]["header"],
            json!([{"key": "A", "value": "1"}, {"key": "B", "value": "two: three"}])
        );
        assert_eq!(
            r["response"][0]["header"],
            json!([{"key": "C", "value": "3"}])
        );
        assert_eq!(
            r["response"][0]["originalRequest"]["url"]["query"],
            json!([{"key": "a", "value": "1"}, {"key": "b"}])
        );
    }
}
