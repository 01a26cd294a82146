//! `--max-response-size` (issue 15): a body past the limit is counted and
//! hashed, not kept; the item's tests still see its status, headers, size
//! and time, reading the body fails with a message naming the limit and
//! the flag, and the JSON report and snapshots record its size and sha256.
//! Below the limit nothing changes. The server streams real bodies of a
//! few MiB against a limit of 1 MiB.

use axum::Router;
use axum::body::Body;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::get;
use sha2::{Digest as _, Sha256};

use crate::common::{assertion_outcomes, courier, courier_with_json_report};
use crate::support::{TestServer, serve};

const MIB: usize = 1024 * 1024;

/// `n` bytes of text: numbered lines, so the hash notices any lost chunk.
fn body_of(n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(n + 32);
    let mut i = 0u64;
    while out.len() < n {
        out.extend_from_slice(format!("line {i:08}\n").as_bytes());
        i += 1;
    }
    out.truncate(n);
    out
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `/sized/{kib}`: that many KiB with a Content-Length; `/chunked/{kib}`:
/// the same bytes in 64 KiB chunks without one.
fn server() -> TestServer {
    async fn sized(Path(kib): Path<usize>) -> Response {
        Response::builder()
            .header("Content-Type", "text/plain")
            .body(Body::from(body_of(kib * 1024)))
            .unwrap_or_default()
    }
    async fn chunked(Path(kib): Path<usize>) -> Response {
        let chunks: Vec<Result<Vec<u8>, std::io::Error>> = body_of(kib * 1024)
            .chunks(64 * 1024)
            .map(|c| Ok(c.to_vec()))
            .collect();
        Response::builder()
            .header("Content-Type", "text/plain")
            .body(Body::from_stream(futures_util::stream::iter(chunks)))
            .unwrap_or_default()
    }
    serve(
        Router::new()
            .route("/sized/{kib}", get(sized))
            .route("/chunked/{kib}", get(chunked)),
    )
}

/// A collection of GET items, `(name, path)`, each with `test` as its test script.
fn collection(dir: &std::path::Path, base: &str, items: &[(&str, &str)], test: &str) -> String {
    let items: Vec<serde_json::Value> = items
        .iter()
        .map(|(name, path)| {
            serde_json::json!({
                "name": name,
                "request": { "method": "GET", "url": format!("{base}{path}") },
                "event": [{ "listen": "test", "script": { "exec": test.lines().collect::<Vec<_>>() } }]
            })
        })
        .collect();
    let c = serde_json::json!({
        "info": { "name": "Big bodies", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
        "item": items
    });
    let path = dir.join("big.postman_collection.json");
    std::fs::write(&path, c.to_string()).expect("write collection");
    path.to_string_lossy().into_owned()
}

const CHECKS: &str = "\
pm.test('status', () => pm.response.to.have.status(200));
pm.test('size', () => pm.expect(pm.response.size().body).to.equal(5 * 1024 * 1024));
pm.test('responseSize', () => pm.expect(pm.response.responseSize).to.equal(5 * 1024 * 1024));
pm.test('header', () => pm.expect(pm.response.headers.get('Content-Type')).to.equal('text/plain'));
pm.test('time', () => pm.expect(pm.response.responseTime).to.be.a('number'));
pm.test('text', () => pm.expect(pm.response.text().length).to.equal(5 * 1024 * 1024));
pm.test('legacy', () => pm.expect(responseBody.slice(0, 14)).to.equal('line 00000000\\n'));";

#[test]
fn issue15_a_body_past_the_limit_is_dropped_but_its_status_still_tested() {
    let server = server();
    let dir = tempfile::tempdir().expect("tempdir");
    let items = [("sized", "/sized/5120"), ("chunked", "/chunked/5120")];
    let c = collection(dir.path(), &server.url(), &items, CHECKS);
    let (run, report) = courier_with_json_report(&["run", &c, "--max-response-size", "1MiB"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let message = "the response body (5 MiB) is larger than --max-response-size (1 MiB); \
                   raise the limit to read it in scripts";
    let outcomes = assertion_outcomes(&report);
    let expected: Vec<(String, bool)> = ["status", "size", "responseSize", "header", "time"]
        .iter()
        .map(|n| (n.to_string(), true))
        .chain(["text", "legacy"].iter().map(|n| (n.to_string(), false)))
        .collect();
    assert_eq!(outcomes, [expected.clone(), expected].concat());
    let hash = sha256(&body_of(5 * MIB));
    for execution in report["run"]["executions"].as_array().expect("executions") {
        for failure in execution["assertions"].as_array().expect("assertions") {
            if !failure["error"].is_null() {
                assert_eq!(failure["error"]["message"], message, "{failure}");
            }
        }
        let response = &execution["response"];
        assert_eq!(response["code"], 200);
        assert_eq!(response["stream"]["data"], serde_json::json!([]));
        assert_eq!(
            response["streamDropped"],
            serde_json::json!({ "size": 5 * MIB, "sha256": hash, "maxResponseSize": MIB })
        );
        assert_eq!(response["responseSize"], 5 * MIB);
    }
}

#[test]
fn issue15_below_the_limit_bodies_are_kept_as_before() {
    let server = server();
    let dir = tempfile::tempdir().expect("tempdir");
    let items = [("sized", "/sized/5120"), ("chunked", "/chunked/5120")];
    let c = collection(dir.path(), &server.url(), &items, CHECKS);
    // The default limit (256 MiB), a larger one, and none at all.
    for extra in [
        &[][..],
        &["--max-response-size", "6MiB"],
        &["--max-response-size", "0"],
    ] {
        let mut args = vec!["run", c.as_str()];
        args.extend_from_slice(extra);
        let (run, report) = courier_with_json_report(&args);
        assert_eq!(run.code, 0, "{extra:?}\n{}{}", run.stdout, run.stderr);
        assert!(assertion_outcomes(&report).iter().all(|(_, ok)| *ok));
        for execution in report["run"]["executions"].as_array().expect("executions") {
            let response = &execution["response"];
            assert!(response.get("streamDropped").is_none(), "{extra:?}");
            assert_eq!(
                response["streamTruncated"], true,
                "cut at the report's limit"
            );
            assert_eq!(response["stream"]["data"][0], b'l', "{extra:?}");
        }
    }
}

#[test]
fn issue15_a_head_answer_announcing_a_large_body_has_an_empty_one() {
    let server = server();
    let dir = tempfile::tempdir().expect("tempdir");
    let script = "pm.test('empty', () => pm.expect(pm.response.text()).to.equal(''));";
    let c = collection(
        dir.path(),
        &server.url(),
        &[("head", "/sized/5120")],
        script,
    );
    let text = std::fs::read_to_string(&c).expect("collection");
    std::fs::write(&c, text.replace("\"GET\"", "\"HEAD\"")).expect("write");
    let (run, report) = courier_with_json_report(&["run", &c, "--max-response-size", "1MiB"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let response = &report["run"]["executions"][0]["response"];
    assert!(response.get("streamDropped").is_none(), "{response}");
}

#[test]
fn issue15_snapshots_record_the_size_and_sha256_of_a_dropped_body() {
    let server = server();
    let dir = tempfile::tempdir().expect("tempdir");
    let c = collection(dir.path(), &server.url(), &[("big", "/chunked/3072")], ";");
    let snaps = dir.path().join("snaps");
    let snaps_arg = snaps.to_string_lossy().into_owned();
    let args = [
        "run",
        &c,
        "--max-response-size",
        "1M",
        "--snapshots",
        &snaps_arg,
    ];
    let run = courier(&args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let snap = std::fs::read_to_string(snaps.join("Big bodies").join("big.snap")).expect("snap");
    let line = format!(
        "[body not kept: {} bytes, sha256 {}; larger than --max-response-size]",
        3 * MIB,
        sha256(&body_of(3 * MIB))
    );
    assert!(snap.ends_with(&format!("\n\n{line}\n")), "{snap}");
    // The same body again matches its snapshot.
    let again = courier(&args);
    assert_eq!(again.code, 0, "{}{}", again.stdout, again.stderr);
}

#[test]
fn issue15_script_requests_past_the_limit_keep_their_status() {
    let server = server();
    let dir = tempfile::tempdir().expect("tempdir");
    let script = format!(
        "pm.sendRequest('{}/chunked/2048', (err, res) => {{\n\
         pm.test('status', () => pm.expect(res.code).to.equal(200));\n\
         pm.test('text', () => res.text());\n\
         }});",
        server.url()
    );
    let c = collection(dir.path(), &server.url(), &[("small", "/sized/1")], &script);
    let (run, report) = courier_with_json_report(&["run", &c, "--max-response-size", "1MiB"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    // The item's entry and its pm.sendRequest entry share the assertions.
    let outcomes = [("status".to_owned(), true), ("text".to_owned(), false)];
    assert_eq!(
        assertion_outcomes(&report),
        [outcomes.clone(), outcomes].concat()
    );
    let failure = &report["run"]["executions"][0]["assertions"][1]["error"]["message"];
    assert_eq!(
        failure,
        "the response body (2 MiB) is larger than --max-response-size (1 MiB); \
         raise the limit to read it in scripts"
    );
    let script_request = &report["run"]["executions"][1]["response"];
    assert_eq!(script_request["streamDropped"]["size"], 2 * MIB);
}

#[test]
fn issue15_a_bad_size_is_refused_before_anything_is_sent() {
    let run = courier(&["run", "missing.json", "--max-response-size", "12 parsecs"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("--max-response-size") && run.stderr.contains("unknown unit"),
        "{}",
        run.stderr
    );
}
