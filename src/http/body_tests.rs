//! Unit tests of `body.rs`: every body mode and Content-Type rule checked
//! against Newman 6.2.2 (see tests/fixtures/wild/*-bodies collections).
#![allow(clippy::type_complexity)] // test tables
use super::*;
use crate::collection::Request;
use crate::http::{SendBehavior, build_request};
use crate::variables::Scopes;
use serde_json::json;

/// Builds `body` into a POST with `headers`, files read from `dir`.
fn build_in(dir: &Path, body: Value, headers: Value, behavior: SendBehavior) -> RequestSpec {
    let mut scopes = Scopes::default();
    scopes.environment.set("v", json!("1"));
    scopes.environment.set("nothing", json!(""));
    let request: Request = serde_json::from_value(
        json!({"method": "POST", "url": "http://h.test", "header": headers, "body": body}),
    )
    .unwrap();
    let ctx = BuildContext {
        scopes: &scopes,
        inherited_auth: &[],
        behavior,
        working_dir: dir,
        insecure_file_read: true,
        base_override: None,
        item_key: None,
    };
    build_request(&request, &ctx).unwrap()
}

fn build(body: Value, headers: Value) -> RequestSpec {
    build_in(
        Path::new("/nonexistent"),
        body,
        headers,
        SendBehavior::default(),
    )
}

/// The Content-Type headers of a request, in order.
fn content_types(spec: &RequestSpec) -> Vec<&str> {
    spec.headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case(CONTENT_TYPE))
        .map(|(_, v)| v.as_str())
        .collect()
}

#[test]
fn issue11_raw_urlencoded_and_graphql_bodies() {
    // (body, user headers, body sent, Content-Type headers sent)
    let cases: Vec<(Value, Value, &str, Vec<&str>)> = vec![
        (
            json!({"mode": "raw", "raw": "{\"a\":\"{{v}}\"}", "options": {"raw": {"language": "json"}}}),
            json!([]),
            "{\"a\":\"1\"}",
            vec!["application/json"],
        ),
        (
            json!({"mode": "raw", "raw": "hi"}),
            json!([]),
            "hi",
            vec!["text/plain"],
        ),
        (
            json!({"mode": "raw", "raw": "a", "options": {"raw": {"language": "graphql"}}}),
            json!([]),
            "a",
            vec!["text/plain"],
        ),
        (
            json!({"mode": "raw", "raw": "a,b", "options": {"raw": {"language": "json"}}}),
            json!([{"key": "content-type", "value": "text/csv"}]),
            "a,b",
            vec!["text/csv"],
        ),
        (
            json!({"mode": "raw", "raw": "a", "options": {"raw": {"language": "json"}}}),
            json!([{"key": "Content-Type", "value": "text/csv", "disabled": true}]),
            "a",
            vec!["application/json"],
        ),
        (json!({"mode": "raw", "raw": ""}), json!([]), "", vec![]),
        (
            json!({"mode": "raw", "raw": "{{nothing}}"}),
            json!([]),
            "",
            vec![],
        ),
        (
            json!({"mode": "weird", "raw": "x"}),
            json!([]),
            "x",
            vec!["text/plain"],
        ),
        (json!({"mode": "weird"}), json!([]), "", vec![]),
        (json!({"raw": "x"}), json!([]), "", vec![]),
        (
            json!({"mode": "URLENCODED", "urlencoded": [{"key": "a", "value": "1"}]}),
            json!([]),
            "a=1",
            vec!["application/x-www-form-urlencoded"],
        ),
        (
            json!({"mode": "urlencoded", "urlencoded": [
                {"key": "a", "value": "1"}, {"key": "off", "value": "x", "disabled": true},
                {"key": "b", "value": "{{v}} &"}, {"key": "a", "value": "3"},
                {"key": "", "value": "v"}, {"key": "n", "value": null}]}),
            json!([]),
            "a=1&a=3&b=1%20%26&=v&n=",
            vec!["application/x-www-form-urlencoded"],
        ),
        (
            json!({"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "1", "disabled": true}]}),
            json!([]),
            "",
            vec![],
        ),
        (
            json!({"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "1"}]}),
            json!([{"key": "Content-Type", "value": "application/json"}]),
            "a=1",
            vec!["application/x-www-form-urlencoded"],
        ),
        (
            json!({"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "1"}]}),
            json!([{"key": "content-type", "value": "application/x-www-form-urlencoded; charset=UTF-8"}]),
            "a=1",
            vec!["application/x-www-form-urlencoded; charset=UTF-8"],
        ),
        (
            json!({"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "1"}]}),
            json!([{"key": "content-type", "value": "Application/X-WWW-Form-Urlencoded"}]),
            "a=1",
            vec!["application/x-www-form-urlencoded"],
        ),
        (
            json!({"mode": "graphql", "graphql": {"query": "{ me }"}}),
            json!([{"key": "Content-Type", "value": "application/graphql"}]),
            "{\"query\":\"{ me }\"}",
            vec!["application/graphql"],
        ),
        (
            json!({"mode": "graphql", "graphql": {"query": "q", "variables": "  {\"id\": \"{{v}}\"}\n"}}),
            json!([]),
            "{\"query\":\"q\",\"variables\":  {\"id\": \"1\"}\n}",
            vec!["application/json"],
        ),
        (
            json!({"mode": "graphql", "graphql": {"query": "q", "variables": "{bad"}}),
            json!([]),
            "{\"query\":\"q\",\"variables\":{bad}",
            vec!["application/json"],
        ),
        (
            json!({"mode": "graphql", "graphql": {"query": "", "variables": ""}}),
            json!([]),
            "{\"query\":\"\"}",
            vec!["application/json"],
        ),
        (
            json!({"mode": "graphql", "graphql": {"query": "q", "variables": {"a": "{{v}}"}}}),
            json!([]),
            "{\"query\":\"q\",\"variables\":{\"a\":\"1\"}}",
            vec!["application/json"],
        ),
        (
            json!({"mode": "graphql"}),
            json!([]),
            "{}",
            vec!["application/json"],
        ),
        (
            json!({"mode": "graphql", "graphql": {}}),
            json!([]),
            "{}",
            vec!["application/json"],
        ),
        (
            json!({"mode": "graphql", "graphql": {"query": "q", "operationName": "{{v}}", "variables": "{}"}}),
            json!([]),
            "{\"query\":\"q\",\"operationName\":\"1\",\"variables\":{}}",
            vec!["application/json"],
        ),
        (
            json!({"mode": "graphql", "graphql": {"operationName": "Op", "query": "q", "variables": {"a": 1}}}),
            json!([]),
            "{\"query\":\"q\",\"operationName\":\"Op\",\"variables\":{\"a\":1}}",
            vec!["application/json"],
        ),
        (
            json!({"mode": "graphql", "graphql": {"query": "q", "variables": null}}),
            json!([]),
            "{\"query\":\"q\",\"variables\":null}",
            vec!["application/json"],
        ),
        (
            json!({"mode": "graphql", "graphql": {"variables": "{\"a\":1}", "operationName": 5}}),
            json!([]),
            "{\"variables\":{\"a\":1}}",
            vec!["application/json"],
        ),
        (
            json!({"mode": "graphql", "graphql": {"query": 7, "operationName": null}}),
            json!([]),
            "{\"query\":7,\"operationName\":null}",
            vec!["application/json"],
        ),
    ];
    for (body, headers, want_body, want_types) in cases {
        let label = format!("{body} {headers}");
        let spec = build(body, headers);
        assert_eq!(spec.body.preview(), want_body, "{label}");
        assert_eq!(content_types(&spec), want_types, "{label}");
    }
}

#[test]
fn issue11_disabled_system_content_type() {
    let behavior = SendBehavior {
        disabled_system_headers: vec!["content-type".into()],
        ..Default::default()
    };
    let dir = Path::new("/nonexistent");
    let form = json!({"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "1"}]});
    let spec = build_in(dir, form.clone(), json!([]), behavior.clone());
    assert_eq!(content_types(&spec), Vec::<&str>::new());
    let csv = json!([{"key": "Content-Type", "value": "text/csv"}]);
    let spec = build_in(dir, form, csv.clone(), behavior.clone());
    assert_eq!(content_types(&spec), vec!["text/csv"]);
    let multipart = json!({"mode": "formdata", "formdata": [{"key": "a", "value": "1"}]});
    let spec = build_in(dir, multipart, csv, behavior.clone());
    assert_eq!(content_types(&spec), vec!["text/csv"]);
    assert!(matches!(spec.body, RequestBody::Multipart { .. }));
    let raw = json!({"mode": "raw", "raw": "x", "options": {"raw": {"language": "json"}}});
    let spec = build_in(dir, raw, json!([]), behavior);
    assert_eq!(content_types(&spec), Vec::<&str>::new());
    assert_eq!(spec.body.preview(), "x");
}

#[test]
fn issue11_formdata_content_type_and_boundary() {
    let fields =
        json!({"mode": "formdata", "formdata": [{"key": "a", "value": "1", "type": "text"}]});
    // (user Content-Type, boundary used, Content-Type sent; None = generated)
    let cases: Vec<(Option<&str>, Option<&str>, Option<&str>)> = vec![
        (None, None, None),
        (Some("application/json"), None, None),
        (Some("multipart/form-data"), None, None),
        (
            Some("multipart/form-data; boundary=MYBOUND"),
            Some("MYBOUND"),
            Some("multipart/form-data; boundary=MYBOUND"),
        ),
        (
            Some("multipart/form-data; charset=utf-8; boundary=\"Q B\""),
            Some("Q B"),
            Some("multipart/form-data; charset=utf-8; boundary=\"Q B\""),
        ),
    ];
    for (user, want_boundary, want_type) in cases {
        let headers = match user {
            Some(ct) => json!([{"key": "Content-Type", "value": ct}]),
            None => json!([]),
        };
        let spec = build(fields.clone(), headers);
        let RequestBody::Multipart { boundary, .. } = &spec.body else {
            panic!("not multipart for {user:?}");
        };
        match want_boundary {
            Some(b) => assert_eq!(boundary, b),
            None => {
                assert_eq!(boundary.len(), 50, "{boundary}");
                assert!(boundary.starts_with(&"-".repeat(26)), "{boundary}");
            }
        }
        let generated = format!("multipart/form-data; boundary={boundary}");
        let want = want_type.map_or(generated, str::to_owned);
        assert_eq!(content_types(&spec), vec![want.as_str()], "{user:?}");
        let bytes = spec.body.to_bytes();
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(
            text,
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--{boundary}--\r\n"
            )
        );
    }
}

#[test]
fn issue11_formdata_files_and_empty_forms() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("up.txt"), b"hello\n").unwrap();
    std::fs::write(dir.path().join("d.json"), b"{}").unwrap();
    let build = |fields: Value| {
        build_in(
            dir.path(),
            json!({"mode": "formdata", "formdata": fields}),
            json!([]),
            SendBehavior::default(),
        )
    };
    // Nothing enabled, or only files that cannot be read: no body, no Content-Type.
    for fields in [
        json!([]),
        json!([{"key": "a", "value": "1", "disabled": true}]),
        json!([{"key": "f", "type": "file", "src": "nope.txt"}]),
        json!([{"key": "f", "type": "file", "src": ["nope.txt", "nope2.txt"]}]),
    ] {
        let spec = build(fields.clone());
        assert!(matches!(spec.body, RequestBody::Empty), "{fields}");
        assert_eq!(content_types(&spec), Vec::<&str>::new(), "{fields}");
    }
    let spec = build(json!([
        {"key": "t", "value": "{{v}}"},
        {"key": "", "value": "empty key"},
        {"key": "gone", "type": "file", "src": "nope.txt"},
        {"key": "f", "type": "file", "src": ["nope.txt", "up.txt", "d.json"]},
        {"key": "typed", "type": "file", "src": "up.txt", "contentType": "text/x"},
        {"key": "none", "type": "file"},
        {"key": "inline", "type": "file", "value": "aGVsbG8="},
        {"key": "j", "value": "{}", "contentType": "application/json"}
    ]));
    let RequestBody::Multipart { boundary, .. } = &spec.body else {
        panic!("not multipart");
    };
    let b = boundary.clone();
    let part = |head: &str, data: &str| format!("--{b}\r\n{head}\r\n\r\n{data}\r\n");
    let want = [
        part("Content-Disposition: form-data; name=\"t\"", "1"),
        part("Content-Disposition: form-data; name=\"\"", "empty key"),
        part(
            "Content-Disposition: form-data; name=\"f\"; filename=\"up.txt\"\r\nContent-Type: text/plain",
            "hello\n",
        ),
        part(
            "Content-Disposition: form-data; name=\"f\"; filename=\"d.json\"\r\nContent-Type: application/json",
            "{}",
        ),
        part(
            "Content-Disposition: form-data; name=\"typed\"; filename=\"up.txt\"\r\nContent-Type: text/x",
            "hello\n",
        ),
        part("Content-Disposition: form-data; name=\"none\"; filename=\"\"", ""),
        part(
            "Content-Disposition: form-data; name=\"inline\"\r\nContent-Type: application/octet-stream",
            "hello",
        ),
        part(
            "Content-Disposition: form-data; name=\"j\"\r\nContent-Type: application/json",
            "{}",
        ),
        format!("--{b}--\r\n"),
    ]
    .concat();
    assert_eq!(String::from_utf8_lossy(&spec.body.to_bytes()), want);
    assert_eq!(spec.warnings.len(), 3, "{:?}", spec.warnings);
    assert!(spec.warnings[0].contains("`gone`") && spec.warnings[0].contains("nope.txt"));
    assert!(spec.warnings[1].contains("`f`") && spec.warnings[1].contains("no such file"));
    assert!(spec.warnings[2].contains("`none`") && spec.warnings[2].contains("no file"));
}

#[test]
fn issue11_typed_form_values() {
    let fields = json!([
        {"key": "n", "value": 5}, {"key": "t", "value": true}, {"key": "f", "value": 1.5},
        {"key": "z", "value": 0}, {"key": "no", "value": false}, {"key": "s", "value": "0"}
    ]);
    let spec = build(json!({"mode": "formdata", "formdata": fields}), json!([]));
    assert_eq!(spec.body.preview(), "n=5&t=true&f=1.5&z=&no=&s=0");
    // urlencoded fields and headers send the text of any scalar.
    let spec = build(
        json!({"mode": "urlencoded", "urlencoded": [{"key": "z", "value": 0}, {"key": "b", "value": false}]}),
        json!([{"key": "X-N", "value": 0}]),
    );
    assert_eq!(spec.body.preview(), "z=0&b=false");
    assert!(spec.headers.iter().any(|(k, v)| k == "X-N" && v == "0"));
}

#[test]
fn issue11_file_bodies() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("payload.json"), b"{\"a\":1}").unwrap();
    std::fs::write(dir.path().join("noext"), b"abc").unwrap();
    std::fs::create_dir(dir.path().join("adir")).unwrap();
    let build = |file: Value, headers: Value| {
        build_in(
            dir.path(),
            json!({"mode": "file", "file": file}),
            headers,
            SendBehavior::default(),
        )
    };
    // (file, user headers, body, Content-Type headers, warning mentions)
    let cases: Vec<(Value, Value, &str, Vec<&str>, Option<&str>)> = vec![
        (
            json!({"src": "payload.json"}),
            json!([]),
            "{\"a\":1}",
            vec!["application/json"],
            None,
        ),
        (
            json!({"src": "noext"}),
            json!([]),
            "abc",
            vec!["application/octet-stream"],
            None,
        ),
        (
            json!({"src": "payload.json"}),
            json!([{"key": "Content-Type", "value": "text/csv"}]),
            "{\"a\":1}",
            vec!["text/csv"],
            None,
        ),
        (
            json!({"content": "aGVsbG8="}),
            json!([]),
            "hello",
            vec![],
            None,
        ),
        (
            json!({"src": "payload.json", "content": "aGVsbG8="}),
            json!([]),
            "{\"a\":1}",
            vec!["application/json"],
            None,
        ),
        (
            json!({"src": "nope.bin"}),
            json!([]),
            "",
            vec![],
            Some("nope.bin"),
        ),
        (
            json!({"src": "adir"}),
            json!([]),
            "",
            vec![],
            Some("directory"),
        ),
        (json!({"src": ""}), json!([]), "", vec![], Some("no file")),
        (json!({}), json!([]), "", vec![], Some("no file")),
        // The path alone, as a string, is the `src`.
        (
            json!("payload.json"),
            json!([]),
            "{\"a\":1}",
            vec!["application/json"],
            None,
        ),
        (json!("nope.bin"), json!([]), "", vec![], Some("nope.bin")),
    ];
    for (file, headers, want_body, want_types, warning) in cases {
        let label = format!("{file} {headers}");
        let spec = build(file, headers);
        assert_eq!(spec.body.preview(), want_body, "{label}");
        assert_eq!(content_types(&spec), want_types, "{label}");
        match warning {
            Some(w) => {
                assert_eq!(spec.warnings.len(), 1, "{label}");
                assert!(spec.warnings[0].contains(w), "{label}: {:?}", spec.warnings);
                assert!(matches!(spec.body, RequestBody::Empty), "{label}");
            }
            None => assert!(spec.warnings.is_empty(), "{label}: {:?}", spec.warnings),
        }
    }
}

#[test]
fn issue11_json_comments_are_stripped() {
    let json = |raw: &str, language: Option<&str>, ct: Option<&str>| {
        let mut body = json!({"mode": "raw", "raw": raw});
        if let Some(l) = language {
            body["options"] = json!({"raw": {"language": l}});
        }
        let headers = match ct {
            Some(ct) => json!([{"key": "Content-Type", "value": ct}]),
            None => json!([]),
        };
        build(body, headers).body.preview()
    };
    let raw = "{\n // c\n \"a\": \"http://x\" /* b */\n}";
    let stripped = "{\n \n \"a\": \"http://x\" \n}";
    assert_eq!(json(raw, Some("json"), None), stripped);
    assert_eq!(json(raw, Some("json"), Some("text/plain")), stripped);
    assert_eq!(json(raw, None, Some("application/vnd.api+json")), stripped);
    assert_eq!(
        json(raw, None, Some("application/json; charset=utf-8")),
        stripped
    );
    assert_eq!(json(raw, Some("text"), Some("application/json")), raw);
    assert_eq!(json(raw, None, None), raw);
    assert_eq!(json(raw, None, Some("text/json")), raw);
}

#[test]
fn strip_json_comments_edges() {
    let cases = [
        ("{\"a\":\"//\"}", "{\"a\":\"//\"}"),
        ("{\"a\\\"//\":1}", "{\"a\\\"//\":1}"),
        ("{\"a\\\\\"//x\n}", "{\"a\\\\\"\n}"),
        ("a // c\r\nb", "a \nb"),
        ("a /* open", "a "),
        ("a // end", "a "),
        ("/**/x/*/y*/z", "xz"),
        ("é/*c*/ü", "éü"),
    ];
    for (input, want) in cases {
        assert_eq!(strip_json_comments(input), want, "{input:?}");
    }
}

#[test]
fn base64_is_read_leniently() {
    assert_eq!(decode_base64_lenient("aGVsbG8="), b"hello");
    assert_eq!(decode_base64_lenient("aGVs bG8"), b"hello");
    assert_eq!(decode_base64_lenient("-_8"), vec![0xfb, 0xff]);
    assert_eq!(decode_base64_lenient("aGVsbG8=garbage"), b"hello");
    assert_eq!(decode_base64_lenient("aGVsbG8xx"), b"hello1");
}

#[test]
fn issue17_inside_the_working_directory_is_judged_lexically() {
    assert!(is_inside(Path::new("/w/a/../b.txt"), Path::new("/w")));
    assert!(is_inside(Path::new("/w"), Path::new("/w/")));
    assert!(!is_inside(Path::new("/w/../x.txt"), Path::new("/w")));
    assert!(!is_inside(Path::new("/wx/a"), Path::new("/w")));
    assert!(is_inside(Path::new("./d/./f"), Path::new("d")));
    assert!(!is_inside(Path::new("d/../../f"), Path::new("d")));
}
