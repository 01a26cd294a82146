//! Real-shaped collections parse, in both format versions, with every part
//! the runner and the mock server read.

use courier::collection::{Url, load_collection};

use crate::common::fixture;

#[test]
fn v21_fixture_parses_every_part() {
    let c = load_collection(fixture("requests.postman_collection.json").as_ref()).expect("parses");
    assert_eq!(c.info.name, "Request building");
    assert_eq!(c.auth.as_ref().map(|a| a.kind.as_str()), Some("bearer"));
    assert_eq!(c.variable.len(), 3);
    assert!(
        c.variable
            .iter()
            .any(|v| v.key == "disabledVar" && !v.is_enabled())
    );

    let first = &c.item[0];
    let request = first.request.as_ref().expect("request");
    match &request.url {
        Url::Object(o) => {
            assert_eq!(
                o.path.as_deref(),
                Some(&["users".to_owned(), ":userId".to_owned()][..])
            );
            assert_eq!(o.query.len(), 4);
            assert!(o.query[1].disabled);
            assert_eq!(o.query[2].value, None);
            assert_eq!(o.variable[0].key, "userId");
        }
        Url::Raw(_) => panic!("expected an object URL"),
    }
    assert!(request.header[1].disabled);
    let saved = &first.response[0];
    assert_eq!(saved.code, Some(200));
    assert!(saved.original_request.is_some());

    let folder = &c.item[1];
    assert!(folder.is_folder());
    assert_eq!(
        folder.auth.as_ref().map(|a| a.param("password")),
        Some("s3cret".to_owned())
    );
    let modes: Vec<String> = folder
        .item
        .as_ref()
        .expect("children")
        .iter()
        .filter_map(|i| i.request.as_ref()?.body.as_ref()?.mode.clone())
        .collect();
    assert_eq!(modes, ["raw", "urlencoded", "formdata"]);
}

#[test]
fn v20_fixture_parses_old_shapes() {
    let c = load_collection(fixture("v20.postman_collection.json").as_ref()).expect("parses");
    let r = c.item[0].request.as_ref().expect("request");
    assert_eq!(r.method, "POST", "methods are upper-cased");
    assert_eq!(r.header.len(), 2, "a header string becomes a list");
    assert_eq!(
        r.auth.as_ref().map(|a| a.param("username")),
        Some("old".to_owned())
    );
    let bare = c.item[1].request.as_ref().expect("request");
    assert_eq!(bare.method, "GET");
    assert!(matches!(&bare.url, Url::Raw(u) if u == "{{base}}/bare"));
}

#[test]
fn export_round_trips() {
    let c = load_collection(fixture("requests.postman_collection.json").as_ref()).expect("parses");
    let text = serde_json::to_string(&c).expect("serialises");
    let again: courier::collection::Collection = serde_json::from_str(&text).expect("parses again");
    assert_eq!(
        serde_json::to_value(&again).ok(),
        serde_json::to_value(&c).ok()
    );
    assert!(
        text.contains("\"bearer\":[{"),
        "auth keeps its v2.1 shape: {text}"
    );
}
