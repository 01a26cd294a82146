//! Issue 17, HTTP/2: `--http-version auto|1.1|2` and a v3 request's
//! `protocolVersion` setting, against local servers that answer with the
//! HTTP version they saw. ALPN over TLS picks HTTP/2 by default; cleartext
//! stays HTTP/1.1 unless `--http-version 2` speaks it with prior knowledge.
//! The version is in the JSON report (`httpVersion`) and `--verbose` output.

use std::path::Path;

use crate::common::{Run, courier, courier_with_json_report};
use crate::support::{TestServer, serve_h2c, serve_tls};

/// `GET /version` answers with the request's HTTP version (`HTTP/2.0`).
fn version_router() -> axum::Router {
    axum::Router::new().route(
        "/version",
        axum::routing::get(
            |req: axum::extract::Request| async move { format!("{:?}", req.version()) },
        ),
    )
}

/// A v2.1 collection of one `GET {{base}}/version`.
fn collection(dir: &Path) -> String {
    let path = dir.join("c.json");
    std::fs::write(
        &path,
        r#"{"info": {"name": "h2"}, "item": [{"name": "version", "request": "{{base}}/version"}]}"#,
    )
    .expect("write collection");
    path.to_string_lossy().into_owned()
}

/// Runs `collection` against `base` with `args`; returns the run, the body
/// the server answered (the version it saw) and the report's `httpVersion`s.
fn run(collection: &str, base: &str, args: &[&str]) -> (Run, Vec<(String, String)>) {
    let base_var = format!("base={base}");
    let mut all = vec!["run", collection, "--env-var", &base_var, "-k"];
    all.extend(args);
    let (run, report) = courier_with_json_report(&all);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let seen = report["run"]["executions"]
        .as_array()
        .expect("executions")
        .iter()
        .map(|e| {
            let body: Vec<u8> = e["response"]["stream"]["data"]
                .as_array()
                .expect("a response body")
                .iter()
                .filter_map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
                .collect();
            let reported = e["response"]["httpVersion"].as_str().unwrap_or("(none)");
            (
                String::from_utf8_lossy(&body).into_owned(),
                reported.to_owned(),
            )
        })
        .collect();
    (run, seen)
}

/// The CLI reporter's `--verbose` output of a run of `collection`.
fn verbose(collection: &str, base: &str, args: &[&str]) -> String {
    let base_var = format!("base={base}");
    let mut all = vec!["run", collection, "--env-var", &base_var, "-k", "--verbose"];
    all.extend(args);
    let run = courier(&all);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    run.stdout
}

fn pair(version: &str) -> (String, String) {
    (version.to_owned(), version.to_owned())
}

#[test]
fn issue17_auto_over_tls_negotiates_http2_and_verbose_shows_it() {
    let server: TestServer = serve_tls(version_router());
    let dir = tempfile::tempdir().expect("tempdir");
    let c = collection(dir.path());
    let (_, seen) = run(&c, &server.https_url(), &[]);
    assert_eq!(seen, vec![pair("HTTP/2.0")]);
    let out = verbose(&c, &server.https_url(), &[]);
    assert!(out.contains("< HTTP/2.0 200 OK"), "{out}");
}

#[test]
fn issue17_http_version_1_1_keeps_tls_on_http1() {
    let server = serve_tls(version_router());
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, seen) = run(
        &collection(dir.path()),
        &server.https_url(),
        &["--http-version", "1.1"],
    );
    assert_eq!(seen, vec![pair("HTTP/1.1")]);
}

#[test]
fn issue17_cleartext_is_http1_unless_http_version_2_uses_prior_knowledge() {
    let server = serve_h2c(version_router());
    let dir = tempfile::tempdir().expect("tempdir");
    let c = collection(dir.path());
    let (_, seen) = run(&c, &server.url(), &[]);
    assert_eq!(seen, vec![pair("HTTP/1.1")]);
    let (_, seen) = run(&c, &server.url(), &["--http-version", "2"]);
    assert_eq!(seen, vec![pair("HTTP/2.0")]);
    let out = verbose(&c, &server.url(), &["--http-version", "2"]);
    assert!(out.contains("< HTTP/2.0 200 OK"), "{out}");
    let out = verbose(&c, &server.url(), &[]);
    assert!(out.contains("< HTTP/1.1 200 OK"), "{out}");
}

#[test]
fn issue17_bad_http_version_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = collection(dir.path());
    let run = courier(&["run", &c, "--http-version", "3"]);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("--http-version"), "{}", run.stderr);
}

/// A v3 collection: `http1` asks for HTTP/1.1, `http2` for HTTP/2 over TLS
/// and is HTTP/1.1 over cleartext (postman-request has no h2c), no setting
/// is `auto`.
fn v3_collection(dir: &Path) -> String {
    let root = dir.join("v3");
    std::fs::create_dir_all(root.join(".resources")).expect("mkdir");
    std::fs::write(
        root.join(".resources/definition.yaml"),
        "$kind: collection\nname: Versions\n",
    )
    .expect("definition");
    for (order, (name, setting)) in [("one", "http1"), ("two", "http2"), ("any", "")]
        .into_iter()
        .enumerate()
    {
        let settings = if setting.is_empty() {
            String::new()
        } else {
            format!("settings:\n  protocolVersion: {setting}\n")
        };
        std::fs::write(
            root.join(format!("{name}.request.yaml")),
            format!(
                "$kind: http-request\nurl: \"{{{{base}}}}/version\"\nmethod: GET\n{settings}order: {}\n",
                (order + 1) * 1000
            ),
        )
        .expect("request");
    }
    root.to_string_lossy().into_owned()
}

#[test]
fn issue17_v3_protocol_version_setting_picks_the_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = v3_collection(dir.path());
    let tls = serve_tls(version_router());
    let (_, seen) = run(&c, &tls.https_url(), &[]);
    assert_eq!(
        seen,
        vec![pair("HTTP/1.1"), pair("HTTP/2.0"), pair("HTTP/2.0")]
    );
    // `--http-version 1.1` forces every request's.
    let (_, seen) = run(&c, &tls.https_url(), &["--http-version", "1.1"]);
    assert_eq!(seen, vec![pair("HTTP/1.1"); 3]);
    let clear = serve_h2c(version_router());
    let (_, seen) = run(&c, &clear.url(), &[]);
    assert_eq!(seen, vec![pair("HTTP/1.1"); 3]);
}
