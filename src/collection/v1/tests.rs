//! The converter against what postman-collection-transformer 4.1.8 (the
//! version Newman 6.2.2 installs) makes of the same v1 input; each expected
//! value was checked by running the transformer on the input.

use serde_json::{Value, json};

use super::*;

fn conv(v1: Value) -> Value {
    convert(v1.as_object().expect("object")).expect("converts")
}

/// A v1 collection around `requests`, all of them in the root `order`.
fn with_requests(requests: Value) -> Value {
    let order: Vec<Value> = requests
        .as_array()
        .expect("list")
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    json!({"name": "c", "order": order, "requests": requests})
}

fn first_request(requests: Value) -> Value {
    conv(with_requests(requests))["item"][0]["request"].clone()
}

#[test]
fn detection_follows_truthiness() {
    let v1 = |doc: Value| is_v1(doc.as_object().expect("object"));
    assert!(v1(json!({"name": "c", "order": [], "requests": []})));
    assert!(!v1(json!({"name": "", "order": [], "requests": []})));
    assert!(!v1(json!({"name": "c", "requests": []})));
    assert!(!v1(json!({"info": {"name": "c"}, "item": []})));
}

#[test]
fn folders_nest_and_come_before_root_requests() {
    let out = conv(json!({
        "id": 7, "name": "c",
        "order": ["r3", "r1", "r3", "unknown"],
        "folders": [
            {"id": "inner", "name": "Inner", "order": ["r2"]},
            {"id": "outer", "name": "Outer", "order": ["r1"], "folders_order": ["inner", "missing"]},
            {"id": "other", "name": "Other", "order": []}
        ],
        "requests": [
            {"id": "r1", "name": "One", "url": "h/1"},
            {"id": "r2", "name": "Two", "url": "h/2"},
            {"id": "r3", "name": "Three", "url": "h/3"},
            {"id": "r4", "name": "Unlisted", "url": "h/4"}
        ]
    }));
    assert_eq!(out["info"]["_postman_id"], "7");
    let names = |v: &Value| -> Vec<String> {
        v.as_array()
            .expect("items")
            .iter()
            .map(|i| i["name"].as_str().unwrap_or("?").to_owned())
            .collect()
    };
    assert_eq!(names(&out["item"]), ["Outer", "Other", "Three", "One"]);
    assert_eq!(names(&out["item"][0]["item"]), ["Inner", "One"]);
    assert_eq!(names(&out["item"][0]["item"][0]["item"]), ["Two"]);
}

#[test]
fn top_level_folders_order_decides_which_folders_run() {
    let out = conv(json!({
        "name": "c", "order": [], "requests": [], "folders_order": ["b"],
        "folders": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]
    }));
    assert_eq!(out["item"].as_array().map(Vec::len), Some(1));
    assert_eq!(out["item"][0]["name"], "B");
}

#[test]
fn a_folder_inside_itself_is_an_error_naming_it() {
    let err = convert(
        json!({"name": "c", "order": [], "requests": [], "folders": [
            {"id": "top", "name": "Top", "folders_order": ["a"]},
            {"id": "a", "name": "A", "folders_order": ["b"]},
            {"id": "b", "name": "B", "folders_order": ["a"]}
        ]})
        .as_object()
        .expect("object"),
    )
    .expect_err("cycle");
    assert_eq!(err.pointer, "folders");
    assert!(
        err.message.contains("\"a\" contains itself"),
        "{}",
        err.message
    );
    assert!(err.message.contains("top → a → b → a"), "{}", err.message);
}

#[test]
fn body_modes() {
    let bodies = conv(with_requests(json!([
        {"id": "1", "dataMode": "raw", "rawModeData": "text", "dataOptions": {"raw": {"language": "json"}, "params": {}}},
        {"id": "2", "dataMode": "params", "data": [
            {"key": "a", "value": "1", "enabled": false, "description": ""},
            {"value": "no key"},
            {"key": "f", "type": "file", "value": "a.txt"}
        ]},
        {"id": "3", "dataMode": "urlencoded", "data": [{"key": "u", "value": "2"}]},
        {"id": "4", "dataMode": "binary", "rawModeData": "upload.txt"},
        {"id": "5", "dataMode": "graphql", "graphqlModeData": {"query": "{a}", "variables": "{}"}},
        {"id": "6", "data": [{"key": "inferred", "value": "form"}]},
        {"id": "7", "data": "inferred raw"},
        {"id": "8", "rawModeData": ["one string"], "data": [{"key": "k"}]},
        {"id": "9", "dataMode": null, "rawModeData": "dropped"},
        {"id": "10", "dataMode": "raw"},
        {"id": "11"},
        {"id": "12", "dataMode": "raw", "rawModeData": "off", "dataDisabled": true}
    ])))["item"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["request"].get("body").cloned().unwrap_or(Value::Null))
        .collect::<Vec<_>>();
    assert_eq!(
        bodies[0],
        json!({"mode": "raw", "raw": "text", "options": {"raw": {"language": "json"}}})
    );
    assert_eq!(
        bodies[1],
        json!({"mode": "formdata", "formdata": [
            {"key": "a", "value": "1", "disabled": true},
            {"key": "f", "type": "file", "src": "a.txt"}
        ]})
    );
    assert_eq!(
        bodies[2],
        json!({"mode": "urlencoded", "urlencoded": [{"key": "u", "value": "2"}]})
    );
    assert_eq!(
        bodies[3],
        json!({"mode": "file", "file": {"src": "upload.txt"}})
    );
    assert_eq!(
        bodies[4],
        json!({"mode": "graphql", "graphql": {"query": "{a}", "variables": "{}"}})
    );
    assert_eq!(
        bodies[5],
        json!({"mode": "formdata", "formdata": [{"key": "inferred", "value": "form"}]})
    );
    assert_eq!(bodies[6], json!({"mode": "raw", "raw": "inferred raw"}));
    assert_eq!(bodies[7], json!({"mode": "raw", "raw": "one string"}));
    assert_eq!(bodies[8], Value::Null, "dataMode null: no body");
    assert_eq!(bodies[9], json!({"mode": "raw", "raw": ""}));
    assert_eq!(bodies[10], Value::Null, "nothing set: no body");
    assert_eq!(bodies[11]["disabled"], true);
}

#[test]
fn header_text_and_header_data() {
    let request = first_request(json!([{
        "id": "1",
        "headers": "A: 1\r\n folded\r\nB: 2\r\n continued\r\n// Off: x\r\nNot : read\r\nC:d:e\r\nno colon\r\nKept: text",
        "headerData": [
            {"key": "Kept", "value": "from data", "enabled": true},
            {"key": "//Gone", "value": "x", "description": ""},
            {"key": "Also off", "value": "y", "enabled": false}
        ]
    }]));
    assert_eq!(
        request["header"],
        json!([
            {"key": "Kept", "value": "from data"},
            {"key": "Gone", "value": "x", "disabled": true},
            {"key": "Also off", "value": "y", "disabled": true},
            // The first header is read before folded lines are joined.
            {"key": "A", "value": "1"},
            {"key": "B", "value": "2 continued"},
            {"key": "Off", "value": "x", "disabled": true},
            {"key": "C:d", "value": "e"}
        ])
    );
    let listed = first_request(
        json!([{"id": "1", "headers": [{"key": "K", "value": "V", "enabled": false}]}]),
    );
    assert_eq!(
        listed["header"],
        json!([{"key": "K", "value": "V", "enabled": false}]),
        "a header list is taken as it is"
    );
}

#[test]
fn url_query_params_and_path_variables() {
    let request = first_request(json!([{
        "id": "1",
        "url": "{{base}}/u/:id/:other?ignored=1",
        "queryParams": [
            {"key": "a", "value": null, "equals": true},
            {"key": "b", "value": "", "equals": false},
            {"key": "c", "value": "3", "enabled": false, "description": ""},
            {"key": "d=", "value": "x&y", "equals": true}
        ],
        "pathVariableData": [{"key": "id", "value": "7", "id": "dropped"}],
        "pathVariables": {"id": "not this", "other": "o"}
    }]));
    assert_eq!(
        request["url"],
        json!({
            "raw": "{{base}}/u/:id/:other?a=&b&d%3D=x%26y",
            "host": ["{{base}}"],
            "path": ["u", ":id", ":other"],
            "query": [
                {"key": "a", "value": ""},
                {"key": "b", "value": null},
                {"key": "c", "value": "3", "disabled": true},
                {"key": "d=", "value": "x&y"}
            ],
            "variable": [{"key": "id", "value": "7"}, {"value": "o", "key": "other"}]
        })
    );
    let plain = first_request(json!([{"id": "1", "url": "http://h.test/p"}]));
    assert_eq!(
        plain["url"],
        json!({"raw": "http://h.test/p", "protocol": "http", "host": ["h", "test"], "path": ["p"]})
    );
    assert_eq!(first_request(json!([{"id": "1"}])).get("url"), None);
}

#[test]
fn legacy_auth_helpers() {
    let auths: Vec<Value> = conv(with_requests(json!([
        {"id": "1", "currentHelper": "basicAuth", "helperAttributes": {"username": "u", "password": "p"}},
        {"id": "2", "currentHelper": "bearerAuth", "helperAttributes": "{\"token\": \"t\"}"},
        {"id": "3", "currentHelper": "oAuth1", "helperAttributes": {"consumerKey": "ck", "header": true, "auto": false}},
        {"id": "4", "currentHelper": "awsSigV4", "helperAttributes": {"accessKey": "a", "region": "r"}},
        {"id": "5", "currentHelper": "bearerAuth", "helperAttributes": "{not json"},
        {"id": "6", "currentHelper": "normal", "auth": {"type": "basic", "basic": []}},
        {"id": "7", "currentHelper": "basic"},
        {"id": "8", "auth": {"type": "apikey", "apikey": [
            {"key": "key", "value": "first"}, {"key": "in", "value": "query"}, {"key": "key", "value": "K"}
        ]}},
        {"id": "9", "auth": {"type": "noauth"}}
    ])))["item"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["request"].get("auth").cloned().unwrap_or(Value::Null))
        .collect();
    assert_eq!(
        auths[0],
        json!({"type": "basic", "basic": [
            {"key": "username", "value": "u", "type": "string"},
            {"key": "password", "value": "p", "type": "string"},
            {"key": "saveHelperData", "type": "any"},
            {"key": "showPassword", "value": false, "type": "boolean"}
        ]})
    );
    assert_eq!(
        auths[1],
        json!({"type": "bearer", "bearer": [{"key": "token", "value": "t", "type": "string"}]})
    );
    let oauth1 = auths[2]["oauth1"].as_array().expect("params");
    assert_eq!(auths[2]["type"], "oauth1");
    assert!(
        oauth1.contains(&json!({"key": "addParamsToHeader", "value": true, "type": "boolean"}))
    );
    assert!(oauth1.contains(&json!({"key": "autoAddParam", "value": false, "type": "boolean"})));
    assert_eq!(
        auths[3],
        json!({"type": "awsv4", "awsv4": [
            {"key": "accessKey", "value": "a", "type": "string"},
            {"key": "region", "value": "r", "type": "string"}
        ]})
    );
    assert_eq!(
        auths[4],
        Value::Null,
        "unreadable helperAttributes: no auth"
    );
    assert_eq!(
        auths[5],
        Value::Null,
        "`normal` helper: no auth, even with `auth`"
    );
    assert_eq!(auths[6], json!({"type": "basic"}));
    assert_eq!(
        auths[7],
        json!({"type": "apikey", "apikey": [
            {"key": "key", "value": "K", "type": "string"},
            {"key": "in", "value": "query", "type": "string"}
        ]})
    );
    assert_eq!(auths[8], json!({"type": "noauth"}));
}

#[test]
fn noauth_is_dropped_at_the_collection_and_kept_on_folders() {
    let out = conv(json!({
        "name": "c", "order": [], "requests": [], "auth": {"type": "noauth"},
        "folders": [{"id": "f", "name": "F", "auth": {"type": "noauth"}}]
    }));
    assert_eq!(out.get("auth"), None);
    assert_eq!(out["item"][0]["auth"], json!({"type": "noauth"}));
}

#[test]
fn scripts_old_fields_win_over_events() {
    let out = conv(with_requests(json!([
        {"id": "1", "tests": "t1\nt2", "preRequestScript": ["p"], "events": [{"listen": "test"}]},
        {"id": "2", "events": [{"id": "e", "script": {"id": "s", "exec": "a\nb"}}]}
    ])));
    assert_eq!(
        out["item"][0]["event"],
        json!([
            {"listen": "test", "script": {"type": "text/javascript", "exec": ["t1", "t2"]}},
            {"listen": "prerequest", "script": {"type": "text/javascript", "exec": ["p"]}}
        ])
    );
    assert_eq!(
        out["item"][1]["event"],
        json!([{"script": {"exec": ["a", "b"], "type": "text/javascript"}, "listen": "test"}])
    );
}

#[test]
fn variables_take_their_name_from_key_or_id() {
    let out = conv(json!({
        "name": "c", "order": [], "requests": [],
        "variables": [
            {"id": "byId", "value": 1},
            {"key": "k", "id": "ignored", "value": "v", "type": "text", "disabled": true, "description": ""}
        ]
    }));
    assert_eq!(
        out["variable"],
        json!([
            {"key": "byId", "value": 1},
            {"key": "k", "value": "v", "type": "string", "disabled": true}
        ])
    );
}

#[test]
fn saved_responses_follow_responses_order() {
    let request = json!({
        "id": "r", "name": "R", "url": "h/r",
        "responses_order": ["second", "missing", "first"],
        "responses": [
            {"id": "first", "responseCode": {"code": "201", "name": "Created"}, "text": "made",
             "requestObject": "{\"url\": \"h/saved\", \"method\": \"POST\"}"},
            {"id": "second", "name": "By id", "request": "r", "headers": [{"key": "A", "value": "b"}],
             "cookies": [{"name": "c", "value": "v", "expirationDate": 0}]}
        ]
    });
    let out = conv(with_requests(json!([request])));
    let responses = &out["item"][0]["response"];
    assert_eq!(responses[0]["name"], "By id");
    assert_eq!(responses[0]["originalRequest"]["url"]["raw"], "h/r");
    assert_eq!(responses[0]["header"], json!([{"key": "A", "value": "b"}]));
    assert_eq!(responses[0]["cookie"][0]["key"], "c");
    assert_eq!(
        responses[0]["cookie"][0]["expires"],
        "Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)"
    );
    assert_eq!(responses[1]["name"], "response");
    assert_eq!(responses[1]["code"], 201);
    assert_eq!(responses[1]["status"], "Created");
    assert_eq!(responses[1]["body"], "made");
    assert_eq!(responses[1]["originalRequest"]["method"], "POST");
}
