//! The v3 reader against hand-written directories under
//! `tests/fixtures/v3/` and broken ones made in a temporary directory.

use std::path::{Path, PathBuf};

use super::*;
use crate::collection::{Item, Url};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/v3")
        .join(name)
}

fn names(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.name.as_str()).collect()
}

fn find<'a>(items: &'a [Item], name: &str) -> &'a Item {
    items
        .iter()
        .find(|i| i.name == name)
        .unwrap_or_else(|| panic!("no item {name}"))
}

#[test]
fn siblings_are_ordered_by_order_then_name() {
    let loaded = load_dir(&fixture("forms")).expect("load");
    let c = &loaded.collection;
    assert_eq!(c.info.name, "Forms");
    assert_eq!(
        names(&c.item),
        ["a-plain", "m-last", "Renamed: first", "Second folder"]
    );
    let plain = find(&c.item, "a-plain");
    assert!(plain.is_folder());
    assert_eq!(
        names(plain.item.as_deref().unwrap_or_default()),
        ["deeper", "file", "gql"]
    );
}

#[test]
fn other_kinds_and_script_types_are_left_out_with_a_warning() {
    let loaded = load_dir(&fixture("forms")).expect("load");
    let w = loaded.warnings.join("\n");
    assert!(
        w.contains("socket.request.yaml") && w.contains("websocket-request"),
        "{w}"
    );
    assert!(
        w.contains("definition.yaml") && w.contains("grpc:beforeInvoke"),
        "{w}"
    );
    assert_eq!(loaded.warnings.len(), 2, "{w}");
}

#[test]
fn collection_definition_gives_variables_auth_scripts_settings() {
    let c = load_dir(&fixture("forms")).expect("load").collection;
    assert_eq!(c.variable[0].key, "host");
    assert_eq!(c.variable[1].value, "on");
    let auth = c.auth.as_ref().expect("auth");
    assert_eq!(auth.kind, "apikey");
    assert_eq!(auth.params["value"], "0123");
    assert_eq!(c.event.len(), 1);
    assert_eq!(c.event[0].listen, "prerequest");
    let exec = &c.event[0].script.as_ref().expect("script").exec;
    assert_eq!(exec.len(), 2);
    let ppb = c.protocol_profile_behavior.as_ref().expect("settings");
    assert_eq!(ppb["strictSSL"], false);
}

#[test]
fn request_fields_in_map_and_list_forms() {
    let c = load_dir(&fixture("forms")).expect("load").collection;
    let item = find(&c.item, "Renamed: first");
    let r = item.request.as_ref().expect("request");
    assert_eq!(r.method, "GET");
    let headers: Vec<(&str, Option<&str>)> = r
        .header
        .iter()
        .map(|h| (h.key.as_str(), h.value.as_deref()))
        .collect();
    assert_eq!(headers, [("X-Yes", Some("yes")), ("X-Num", Some("0123"))]);
    let Url::Object(url) = &r.url else {
        panic!("url not split");
    };
    assert_eq!(url.query[0].key, "x");
    assert_eq!(url.query[0].value.as_deref(), Some("1"));
    assert_eq!(url.host.as_deref(), Some(&["{{host}}".to_owned()][..]));
    assert_eq!(item.event[0].listen, "test");
    let ppb = item.protocol_profile_behavior.as_ref().expect("settings");
    assert_eq!(ppb["followRedirects"], false);
    assert_eq!(ppb["maxRedirects"], 3);
    assert_eq!(ppb["disabledSystemHeaders"]["user-agent"], true);
}

#[test]
fn bodies_and_folder_multi_auth() {
    let c = load_dir(&fixture("forms")).expect("load").collection;
    let folder = find(&c.item, "Second folder");
    let auth = folder.auth.as_ref().expect("folder auth");
    // The last entry of a multi-auth list, as the Postman CLI sends it.
    assert_eq!(auth.kind, "bearer");
    assert_eq!(auth.params["token"], "t");
    let xml = &folder.item.as_deref().unwrap_or_default()[0];
    let r = xml.request.as_ref().expect("request");
    assert_eq!(r.method, "POST");
    let body = r.body.as_ref().expect("body");
    assert_eq!(body.mode.as_deref(), Some("raw"));
    assert_eq!(body.raw.as_deref(), Some("<a>yes</a>"));
    assert_eq!(body.raw_language(), Some("xml"));

    let plain = find(&c.item, "a-plain").item.as_deref().unwrap_or_default();
    let gql = find(plain, "gql").request.as_ref().expect("gql");
    assert_eq!(gql.auth.as_ref().map(|a| a.kind.as_str()), Some("noauth"));
    let g = gql
        .body
        .as_ref()
        .and_then(|b| b.graphql.as_ref())
        .expect("graphql");
    assert_eq!(g.query, Some(Value::from("{ me { id } }")));
    let file = find(plain, "file").request.as_ref().expect("file");
    let src = file.body.as_ref().and_then(|b| b.file.as_ref());
    assert_eq!(src.and_then(|f| f.src.as_deref()), Some("./data.bin"));
    let deeper = find(plain, "deeper").item.as_deref().unwrap_or_default();
    assert!(deeper[0].request.as_ref().expect("none").body.is_none());
    // No `auth`: inherits (nothing set on the request).
    assert!(
        find(&c.item, "m-last")
            .request
            .as_ref()
            .expect("r")
            .auth
            .is_none()
    );
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn bad_yaml_names_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        ".resources/definition.yaml",
        "$kind: collection\n",
    );
    write(
        dir.path(),
        "bad.request.yaml",
        "$kind: http-request\nurl: {{base}}/x\n",
    );
    let err = load_dir(dir.path()).expect_err("bad yaml");
    let text = err.to_string();
    assert!(text.contains("bad.request.yaml"), "{text}");
    let LoadError::Yaml { line, column, .. } = err else {
        panic!("{text}");
    };
    assert_eq!(line, 2, "{text}");
    assert!(column > 0, "{text}");
}

#[test]
fn a_directory_without_a_collection_definition_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = load_dir(dir.path()).expect_err("no definition");
    assert!(err.to_string().contains("definition.yaml"), "{err}");
    write(
        dir.path(),
        ".resources/definition.yaml",
        "$kind: environment\n",
    );
    let err = load_dir(dir.path()).expect_err("wrong kind");
    assert!(err.to_string().contains("$kind: collection"), "{err}");
}

#[test]
fn a_field_of_the_wrong_shape_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        ".resources/definition.yaml",
        "$kind: collection\n",
    );
    write(
        dir.path(),
        "r.request.yaml",
        "$kind: http-request\nurl: [1, 2]\n",
    );
    let err = load_dir(dir.path()).expect_err("bad url");
    let text = err.to_string();
    assert!(
        text.contains("r.request.yaml") && text.contains("url"),
        "{text}"
    );
}

#[test]
fn examples_beside_the_request_become_its_responses() {
    let c = load_dir(&fixture("forms")).expect("load").collection;
    let last = find(&c.item, "m-last");
    let names: Vec<&str> = last.response.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["a-first", "Second"]);
    let first = &last.response[0];
    assert_eq!(
        (first.code, first.body.as_deref()),
        (Some(200), Some("yes"))
    );
    let second = &last.response[1];
    assert_eq!(second.status.as_deref(), Some("Created"));
    assert_eq!(second.header[0].value.as_deref(), Some("0123"));
    assert_eq!(second.body.as_deref(), Some(r#"{"id":7}"#));
    assert!(second.original_request.is_some());
}

#[test]
fn issue14_a_url_without_query_params_stays_text_until_resolved() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        ".resources/definition.yaml",
        "$kind: collection\n",
    );
    write(
        dir.path(),
        "t.request.yaml",
        "$kind: http-request\nurl: '{{base}}/x?{{q}}'\n",
    );
    write(
        dir.path(),
        "u.request.yaml",
        "$kind: http-request\nurl: '{{base}}/x?a=1'\nqueryParams:\n  a: '2'\n",
    );
    let c = load_dir(dir.path()).expect("load").collection;
    let t = find(&c.item, "t").request.as_ref().expect("request");
    assert!(
        matches!(&t.url, Url::Raw(raw) if raw == "{{base}}/x?{{q}}"),
        "{:?}",
        t.url
    );
    let u = find(&c.item, "u").request.as_ref().expect("request");
    let Url::Object(url) = &u.url else {
        panic!("url not split: {:?}", u.url);
    };
    assert_eq!(url.query[0].value.as_deref(), Some("2"));
}

#[test]
fn issue14_a_list_or_map_of_the_wrong_shape_names_line_column_and_shapes() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        ".resources/definition.yaml",
        "$kind: collection\n",
    );
    write(
        dir.path(),
        "r.request.yaml",
        "$kind: http-request\nurl: x\nheaders: 'A: 1'\n",
    );
    let text = load_dir(dir.path()).expect_err("bad headers").to_string();
    assert!(text.contains("r.request.yaml"), "{text}");
    assert!(text.contains("`headers (line 3, column"), "{text}");
    assert!(
        text.contains("expected a list of `{key, value}` entries or a map of key to value"),
        "{text}"
    );
    assert!(!text.contains("did not match any variant"), "{text}");
    write(
        dir.path(),
        "r.request.yaml",
        "$kind: http-request\nurl: x\n",
    );
    write(
        dir.path(),
        ".resources/definition.yaml",
        "$kind: collection\nauth:\n  type: bearer\n  credentials: 7\n",
    );
    let text = load_dir(dir.path())
        .expect_err("bad credentials")
        .to_string();
    assert!(text.contains("definition.yaml"), "{text}");
    assert!(text.contains("`auth.credentials (line 4, column"), "{text}");
    write(
        dir.path(),
        ".resources/definition.yaml",
        "$kind: collection\nauth: bearer\n",
    );
    let text = load_dir(dir.path()).expect_err("bad auth").to_string();
    assert!(
        text.contains("expected an auth map `{type, credentials}` or a list of them"),
        "{text}"
    );
}

#[test]
fn issue14_multi_auth_with_rules_applies_none_of_its_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let list = "auth:\n  - id: a\n    type: basic\n    credentials: {username: u}\n    rules:\n      - {}\n  - id: b\n    type: bearer\n    credentials: {token: t}\n";
    write(
        dir.path(),
        ".resources/definition.yaml",
        &format!("$kind: collection\n{list}"),
    );
    write(
        dir.path(),
        "r.request.yaml",
        "$kind: http-request\nurl: x\n",
    );
    let loaded = load_dir(dir.path()).expect("load");
    assert!(loaded.collection.auth.is_none());
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("multi-auth `rules`")),
        "{:?}",
        loaded.warnings
    );
    // Without rules (or with an empty list): the last entry.
    write(
        dir.path(),
        ".resources/definition.yaml",
        &format!(
            "$kind: collection\n{}",
            list.replace("      - {}\n", "")
                .replace("rules:", "rules: []")
        ),
    );
    let loaded = load_dir(dir.path()).expect("load");
    let auth = loaded.collection.auth.expect("auth");
    assert_eq!(auth.kind, "bearer");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn issue14_a_body_content_of_the_wrong_shape_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        ".resources/definition.yaml",
        "$kind: collection\n",
    );
    for (body, expected) in [
        (
            "  type: json\n  content:\n    a: 1\n",
            "expected a `content` that is text",
        ),
        (
            "  type: urlencoded\n  content: a=1\n",
            "expected a `content` that is a list of `{key, value}` entries or a map",
        ),
    ] {
        write(
            dir.path(),
            "r.request.yaml",
            &format!("$kind: http-request\nurl: x\nbody:\n{body}"),
        );
        let text = load_dir(dir.path()).expect_err("bad body").to_string();
        assert!(text.contains("r.request.yaml"), "{text}");
        assert!(text.contains("`body (line 3, column"), "{text}");
        assert!(text.contains(expected), "{text}");
    }
}
