//! `--retry` (issue 16): a local server that fails a given number of times
//! per key, then answers 200; it records when each request came and what
//! it carried.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde_json::{Value, json};

use crate::common::{Run, courier};
use crate::support::{TestServer, serve};

/// One request the flaky server saw.
#[derive(Debug, Clone)]
struct Seen {
    at: Instant,
    pre: Option<String>,
    token: Option<String>,
}

type Log = Arc<Mutex<HashMap<String, Vec<Seen>>>>;

/// `/?key=K&fail=N[&status=S][&retry_after=V]`: the first N requests of key K
/// get status S (503 by default, with `Retry-After: V` when given), the
/// next ones 200.
async fn flaky(
    State(log): State<Log>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> impl IntoResponse {
    let key = q.get("key").cloned().unwrap_or_default();
    let fail: usize = q.get("fail").and_then(|f| f.parse().ok()).unwrap_or(0);
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let seen = Seen {
        at: Instant::now(),
        pre: header("x-pre"),
        token: header("postman-token"),
    };
    let count = {
        let mut log = log.lock().expect("log");
        let list = log.entry(key).or_default();
        list.push(seen);
        list.len()
    };
    if count <= fail {
        let status = q
            .get("status")
            .and_then(|s| s.parse().ok())
            .and_then(|s| StatusCode::from_u16(s).ok())
            .unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        let mut out = HeaderMap::new();
        if let Some(v) = q.get("retry_after").and_then(|v| v.parse().ok()) {
            out.insert("retry-after", v);
        }
        return (status, out, format!("failure {count}"));
    }
    (
        StatusCode::OK,
        HeaderMap::new(),
        format!("ok after {count}"),
    )
}

fn flaky_server() -> (TestServer, Log) {
    let log: Log = Arc::default();
    let router = axum::Router::new()
        .route("/", axum::routing::any(flaky))
        .with_state(log.clone());
    (serve(router), log)
}

/// An item `name` sending `method` to `url`; its pre-request script adds an
/// `X-Pre` header with a random value, its test script checks for a 200.
fn item(name: &str, method: &str, url: &str) -> Value {
    json!({
        "name": name,
        "event": [
            {"listen": "prerequest", "script": {"exec": [
                "pm.request.headers.add({key: 'X-Pre', value: String(Math.random())});"
            ]}},
            {"listen": "test", "script": {"exec": [
                "pm.test('status 200', () => pm.response.to.have.status(200));"
            ]}}
        ],
        "request": {"method": method, "url": url}
    })
}

/// Writes a collection of `items` and runs it with `args`, the terminal
/// reporter and a JSON report.
fn run(items: Vec<Value>, args: &[&str]) -> (Run, Value) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("retry.postman_collection.json");
    let collection = json!({"info": {"name": "retry", "schema": ""}, "item": items});
    std::fs::write(&path, collection.to_string()).expect("write collection");
    let report = dir.path().join("report.json");
    let (path, report_arg) = (path.to_string_lossy(), report.to_string_lossy());
    let mut all = vec![
        "run",
        &path,
        "-r",
        "cli,json",
        "--reporter-json-export",
        &report_arg,
    ];
    all.extend(args);
    let run = courier(&all);
    let text = std::fs::read_to_string(&report)
        .unwrap_or_else(|e| panic!("the JSON report: {e}\n{}\n{}", run.stdout, run.stderr));
    (
        run,
        serde_json::from_str(&text).expect("the JSON report is JSON"),
    )
}

/// The `attempts` of each execution of the report: statuses (0 for an error).
fn attempt_statuses(report: &Value) -> Vec<Vec<u64>> {
    report["run"]["executions"]
        .as_array()
        .expect("executions")
        .iter()
        .map(|e| {
            e["attempts"]
                .as_array()
                .map(|list| {
                    list.iter()
                        .map(|a| a["status"].as_u64().unwrap_or(0))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect()
}

fn seen(log: &Log, key: &str) -> Vec<Seen> {
    log.lock()
        .expect("log")
        .get(key)
        .cloned()
        .unwrap_or_default()
}

#[test]
fn issue16_get_is_retried_until_green_and_every_attempt_is_reported() {
    let (server, log) = flaky_server();
    let base = server.url();
    let items = vec![
        item("once", "GET", &format!("{base}/?key=once&fail=1")),
        item(
            "always",
            "GET",
            &format!("{base}/?key=always&fail=9&status=500"),
        ),
    ];
    let (out, report) = run(items, &["--retry", "2", "--retry-delay", "10"]);
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(
        attempt_statuses(&report),
        vec![vec![503, 200], vec![500, 500, 500]]
    );
    assert!(
        out.stdout.contains("→ once (attempt 2/3)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("→ always (attempt 3/3)"),
        "{}",
        out.stdout
    );
    // Test scripts ran once, on the last response.
    let outcomes = crate::common::assertion_outcomes(&report);
    assert_eq!(
        outcomes,
        vec![
            ("status 200".to_owned(), true),
            ("status 200".to_owned(), false)
        ]
    );
    let once = seen(&log, "once");
    assert_eq!(once.len(), 2);
    assert_eq!(seen(&log, "always").len(), 3);
    // The pre-request script ran once: every attempt carries its header.
    assert!(once[0].pre.is_some());
    assert_eq!(once[0].pre, once[1].pre);
    // Each send has its own Postman-Token (documented in the README).
    assert_ne!(once[0].token, once[1].token);
    let first = &report["run"]["executions"][0]["attempts"][0];
    assert!(first["time"].is_u64() && first["wait"].is_u64(), "{first}");
}

#[test]
fn issue16_post_is_retried_only_with_retry_all_methods() {
    let (server, log) = flaky_server();
    let base = server.url();
    let (out, report) = run(
        vec![item("post", "POST", &format!("{base}/?key=plain&fail=1"))],
        &["--retry", "2", "--retry-delay", "10"],
    );
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(seen(&log, "plain").len(), 1);
    assert_eq!(attempt_statuses(&report), vec![Vec::<u64>::new()]);
    assert!(!out.stdout.contains("(attempt"), "{}", out.stdout);

    let (out, report) = run(
        vec![item("post", "POST", &format!("{base}/?key=all&fail=1"))],
        &["--retry", "2", "--retry-delay", "10", "--retry-all-methods"],
    );
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(seen(&log, "all").len(), 2);
    assert_eq!(attempt_statuses(&report), vec![vec![503, 200]]);
}

#[test]
fn issue16_retry_after_is_honoured_and_capped_by_timeout_request() {
    let (server, log) = flaky_server();
    let base = server.url();
    let items = vec![
        item(
            "late",
            "GET",
            &format!("{base}/?key=late&fail=1&status=429&retry_after=1"),
        ),
        item(
            "capped",
            "GET",
            &format!("{base}/?key=capped&fail=1&retry_after=30"),
        ),
    ];
    let (out, report) = run(
        items,
        &[
            "--retry",
            "1",
            "--retry-delay",
            "10",
            "--timeout-request",
            "300",
        ],
    );
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(
        attempt_statuses(&report),
        vec![vec![429, 200], vec![503, 200]]
    );
    let gap = |key: &str| {
        let list = seen(&log, key);
        list[1].at - list[0].at
    };
    // Retry-After: 1 second, capped at 300 ms by --timeout-request.
    assert!(
        gap("late") >= Duration::from_millis(250),
        "{:?}",
        gap("late")
    );
    let capped = gap("capped");
    assert!(
        capped >= Duration::from_millis(250) && capped < Duration::from_secs(10),
        "{capped:?}"
    );

    let (out, _) = run(
        vec![item(
            "late",
            "GET",
            &format!("{base}/?key=uncapped&fail=1&status=429&retry_after=1"),
        )],
        &["--retry", "1", "--retry-delay", "10"],
    );
    assert_eq!(out.code, 0, "{}", out.stdout);
    let list = seen(&log, "uncapped");
    assert!(list[1].at - list[0].at >= Duration::from_millis(900));
}

#[test]
fn issue16_a_closed_connection_is_retried() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = connections.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|read| read > 2) {
                line.clear();
            }
            if n > 0 {
                let mut stream = stream;
                let _ = stream.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
                );
            }
            // The first connection closes without an answer.
        }
    });
    let (out, report) = run(
        vec![item("net", "GET", &format!("http://{addr}/"))],
        &["--retry", "1", "--retry-delay", "10"],
    );
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(connections.load(Ordering::SeqCst), 2);
    let attempts = &report["run"]["executions"][0]["attempts"];
    assert!(attempts[0]["error"].is_string(), "{attempts}");
    assert!(attempts[0]["status"].is_null(), "{attempts}");
    assert_eq!(attempts[1]["status"], 200);
    assert!(out.stdout.contains("(attempt 2/2)"), "{}", out.stdout);
}

#[test]
fn issue16_courier_retry_in_protocol_profile_behavior() {
    let (server, log) = flaky_server();
    let base = server.url();
    let mut retried = item("retried", "GET", &format!("{base}/?key=item&fail=1"));
    retried["protocolProfileBehavior"] = json!({"courierRetry": 1});
    let mut bad = item("bad", "GET", &format!("{base}/?key=bad"));
    bad["protocolProfileBehavior"] = json!({"courierRetry": "twice"});
    // No --retry: the item's own setting applies (with --retry-delay's default).
    let (out, report) = run(vec![retried, bad], &[]);
    assert_eq!(seen(&log, "item").len(), 2, "{}", out.stdout);
    assert_eq!(attempt_statuses(&report)[0], vec![503, 200]);
    // A bad value fails its item with a message naming it, and sends nothing.
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("protocolProfileBehavior.courierRetry of item \"bad\" is \"twice\""),
        "{}",
        out.stdout
    );
    assert!(seen(&log, "bad").is_empty());
}
