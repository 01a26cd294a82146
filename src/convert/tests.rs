use super::*;
use serde_json::json;

fn collection() -> Value {
    json!({
        "info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "variable": [{"key": "zip", "value": "0123"}],
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{t}}", "type": "string"}]},
        "item": [
            {"name": "Folder/One", "id": "f1", "item": [
                {"name": "req: a", "id": "req-a", "request": {"method": "POST", "url": "{{base}}/a",
                  "body": {"mode": "raw", "raw": "{\"a\": 1}"},
                  "header": [{"key": "Content-Type", "value": "application/json"}]}}
            ], "event": [{"listen": "prerequest", "script": {"exec": ["a();", "b();"]}}]},
            {"name": ".hidden", "request": {"url": {"protocol": "http", "host": ["x", "com"], "path": ["p"],
              "query": [{"key": "q", "value": "1", "disabled": true}]}},
             "protocolProfileBehavior": {"followRedirects": false},
             "response": [{"name": "ok", "code": 200, "status": "OK", "body": "yes",
               "_postman_previewlanguage": "text"}]},
            {"name": ".hidden", "request": "http://y/"}
        ]
    })
}

fn written(dir: &Path) -> Value {
    let mut warnings = Vec::new();
    let files = to_v3::collection_files(&collection(), &mut warnings);
    assert!(warnings.is_empty(), "{warnings:?}");
    write_dir(dir, &files, false).expect("write");
    v3::dir_value(dir).expect("read back").0
}

#[test]
fn v3_directory_reads_back_as_the_collection() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let back = written(&tmp.path().join("c"));
    assert_eq!(back["info"]["name"], "C");
    assert_eq!(back["variable"][0]["value"], "0123");
    assert_eq!(back["auth"]["bearer"][0]["value"], "{{t}}");
    let folder = &back["item"][0];
    assert_eq!(folder["name"], "Folder/One");
    assert_eq!(
        folder["event"][0]["script"]["exec"],
        json!(["a();", "b();"])
    );
    let req = &folder["item"][0];
    assert_eq!(req["name"], "req: a");
    // Ids are kept (setNextRequest may name an item by id), as migrate keeps them.
    assert_eq!(
        (req["id"].as_str(), folder["id"].as_str()),
        (Some("req-a"), Some("f1"))
    );
    assert_eq!(req["request"]["body"]["raw"], "{\"a\": 1}");
    // No language, JSON Content-Type: kept JSON so it is sent the same.
    assert_eq!(req["request"]["body"]["options"]["raw"]["language"], "json");
    let hidden = &back["item"][1];
    assert_eq!(hidden["name"], ".hidden");
    assert_eq!(hidden["request"]["url"]["raw"], "http://x.com/p");
    assert_eq!(hidden["request"]["url"]["query"][0]["disabled"], true);
    assert_eq!(hidden["protocolProfileBehavior"]["followRedirects"], false);
    assert_eq!(hidden["response"][0]["body"], "yes");
    assert_eq!(hidden["response"][0]["code"], 200);
    // Same name twice: a second file, same name inside.
    assert_eq!(back["item"][2]["name"], ".hidden");
    // No query parameters or path variables: the URL stays text.
    assert_eq!(back["item"][2]["request"]["url"], "http://y/");
    assert!(
        tmp.path()
            .join("c/Folder_One/.resources/definition.yaml")
            .is_file()
    );
    assert!(tmp.path().join("c/_.hidden 2.request.yaml").is_file());
    // Simple pairs as maps, multi-line scripts as literal blocks, as migrate writes them.
    let read = |p: &str| std::fs::read_to_string(tmp.path().join(p)).expect("read");
    let def = read("c/.resources/definition.yaml");
    assert!(def.contains("variables:\n  zip: \"0123\"\n"), "{def}");
    assert!(
        def.contains("auth:\n  type: \"bearer\"\n  credentials:\n    token: \"{{t}}\"\n"),
        "{def}"
    );
    let folder_def = read("c/Folder_One/.resources/definition.yaml");
    assert!(
        folder_def.contains("code: |-\n      a();\n      b();\n"),
        "{folder_def}"
    );
    assert!(
        folder_def.contains("type: \"http:beforeRequest\""),
        "{folder_def}"
    );
}

#[test]
fn existing_destination_needs_force_and_no_temp_is_left() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dest = tmp.path().join("c");
    std::fs::create_dir(&dest).expect("mkdir");
    written(&dest); // an empty directory may be written
    let files = to_v3::collection_files(&collection(), &mut Vec::new());
    assert!(matches!(
        write_dir(&dest, &files, false),
        Err(ConvertError::Exists { .. })
    ));
    write_dir(&dest, &files, true).expect("forced");
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["c".to_owned()]);
}

#[test]
fn file_stems_are_safe() {
    assert_eq!(file_stem("a/b\\c:d"), "a_b_c_d");
    assert_eq!(file_stem(".env"), "_.env");
    assert_eq!(file_stem(""), "_");
    assert_eq!(file_stem("trail. "), "trail");
}

#[test]
fn v1_converts_to_v21_and_v21_to_v21_is_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let v1 = tmp.path().join("v1.json");
    std::fs::write(
        &v1,
        r#"{"id":"c","name":"Old","order":["r"],"requests":[{"id":"r","name":"R","url":"http://h/x","method":"GET","collectionId":"c"}]}"#,
    )
    .expect("write");
    let out = tmp.path().join("v2.json");
    convert(&v1, Target::V21, &out, false).expect("convert");
    let value: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("json");
    assert_eq!(value["item"][0]["name"], "R");
    assert!(crate::collection::load_collection(&out).is_ok());
    let again = convert(&out, Target::V21, &tmp.path().join("x.json"), false);
    assert!(matches!(again, Err(ConvertError::Unsupported { .. })));
}

#[test]
fn issue14_url_auth_becomes_user_info() {
    let files = to_v3::collection_files(
        &json!({"info": {"name": "U"}, "item": [
            {"name": "both", "request": {"url": {"protocol": "http", "host": ["h"], "path": ["p"],
                "auth": {"user": "u@{{who}}", "password": "p:w"}}}},
            {"name": "user", "request": {"url": {"raw": "{{base}}/x", "host": ["{{base}}"],
                "auth": {"user": "u"}}}},
            {"name": "password", "request": {"url": {"raw": "https://h/x", "host": ["h"],
                "auth": {"password": "pw"}}}},
            {"name": "already", "request": {"url": {"raw": "https://a@h/x", "host": ["h"],
                "auth": {"user": "b"}}}}
        ]}),
        &mut Vec::new(),
    );
    let text = |name: &str| {
        files
            .iter()
            .find(|(p, _)| p.to_string_lossy() == format!("{name}.request.yaml"))
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    };
    assert!(
        text("both").contains("url: \"http://u%40{{who}}:p:w@h/p\""),
        "{}",
        text("both")
    );
    assert!(
        text("user").contains("url: \"u@{{base}}/x\""),
        "{}",
        text("user")
    );
    assert!(
        text("password").contains("url: \"https://:pw@h/x\""),
        "{}",
        text("password")
    );
    assert!(
        text("already").contains("url: \"https://a@h/x\""),
        "{}",
        text("already")
    );
}

#[test]
fn issue14_auth_credentials_survive_the_round_trip_exactly() {
    let oauth2 = json!({"type": "oauth2", "oauth2": [
        {"key": "accessToken", "value": "{{tok}}", "type": "string"},
        {"key": "addTokenTo", "value": "queryParams", "type": "string"},
        {"key": "useBrowser", "value": false, "type": "boolean"},
        {"key": "tokenRequestParams", "value": [{"key": "aud", "value": "x", "enabled": true, "send_as": "request_body"}], "type": "any"},
        {"key": "refreshTokenUrl", "value": "", "type": "string"}
    ]});
    let apikey = json!({"type": "apikey", "apikey": [
        {"key": "in", "value": "query", "type": "string"},
        {"key": "key", "value": "k", "type": "string"},
        {"key": "value", "value": "{{v}}", "type": "string"}
    ]});
    let awsv4 = json!({"type": "awsv4", "awsv4": [
        {"key": "addAuthDataToQuery", "value": true, "type": "boolean"},
        {"key": "accessKey", "value": "AK", "type": "string"},
        {"key": "sessionToken", "value": "", "type": "string"}
    ]});
    let collection = json!({
        "info": {"name": "Auth"},
        "auth": oauth2,
        "item": [{"name": "F", "auth": apikey, "item": [
            {"name": "signed", "request": {"url": "http://h/", "auth": awsv4}},
            {"name": "none", "request": {"url": "http://h/", "auth": {"type": "noauth"}}},
            {"name": "inherits", "request": {"url": "http://h/"}}
        ]}]
    });
    let tmp = tempfile::tempdir().expect("tempdir");
    let files = to_v3::collection_files(&collection, &mut Vec::new());
    write_dir(&tmp.path().join("c"), &files, false).expect("write");
    let back = v3::dir_value(&tmp.path().join("c")).expect("read back").0;
    assert_eq!(back["auth"], collection["auth"]);
    let folder = &back["item"][0];
    assert_eq!(folder["auth"], collection["item"][0]["auth"]);
    assert_eq!(folder["item"][0]["request"]["auth"], awsv4);
    assert_eq!(
        folder["item"][1]["request"]["auth"],
        json!({"type": "noauth"})
    );
    assert!(folder["item"][2]["request"].get("auth").is_none());
}
