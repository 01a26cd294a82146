//! `--busy-poll` (issue 16, point 7): waiting for a response by polling
//! changes no verdict. A local server answers at once, after a pause longer
//! than the window, or never; scripts send requests too. Every window
//! (off, the default, a second) gives the same assertions, and a request
//! timeout shorter than the window still ends a stalled request.

use std::time::Duration;

use axum::Json;
use axum::routing::get;
use serde_json::{Value, json};

use crate::common::{assertion_outcomes, courier, courier_with_json_report};
use crate::support::serve;

fn router() -> axum::Router {
    axum::Router::new()
        .route("/fast", get(|| async { Json(json!({"id": 1})) }))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_millis(30)).await;
                Json(json!({"id": 2}))
            }),
        )
        .route(
            "/stall",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                Json(json!({"id": 3}))
            }),
        )
}

fn collection(base: &str) -> Value {
    let item = |name: &str, test: &str| {
        json!({
            "name": name,
            "request": {"method": "GET", "url": format!("{base}/{name}")},
            "event": [{"listen": "test", "script": {"exec": [test]}}]
        })
    };
    json!({
        "info": {"name": "busy poll", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            item("fast", "pm.test('fast id', () => pm.expect(pm.response.json().id).to.equal(1));"),
            item("slow", &format!(
                "pm.test('slow id', () => pm.expect(pm.response.json().id).to.equal(2));\
                 pm.sendRequest('{base}/fast', (err, res) => {{\
                   pm.test('sent by the script', () => pm.expect(res.json().id).to.equal(1)); }});"
            )),
            item("stall", "pm.test('never answered', () => pm.expect(pm.response.code).to.equal(200));"),
            item("fast", "pm.test('fast again', () => pm.response.to.have.status(200));"),
        ]
    })
}

#[test]
fn issue16_busy_polling_changes_no_verdict_and_keeps_request_timeouts() {
    let server = serve(router());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.json");
    std::fs::write(&path, collection(&server.url()).to_string()).expect("write");
    let path = path.to_string_lossy().into_owned();
    let mut seen = Vec::new();
    for window in [None, Some("0"), Some("1000000")] {
        let mut args = vec!["run", path.as_str(), "--timeout-request", "300"];
        if let Some(w) = window {
            args.extend(["--busy-poll", w]);
        }
        let (run, report) = courier_with_json_report(&args);
        assert_eq!(
            run.code, 1,
            "window {window:?}: {}\n{}",
            run.stdout, run.stderr
        );
        let stalled = report["run"]["executions"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|e| e["item"]["name"] == "stall")
            .expect("the stalled item's execution");
        assert!(
            stalled["requestError"].to_string().contains("timed out")
                || stalled["requestError"].to_string().contains("timeout"),
            "window {window:?}: the stalled request ends at --timeout-request: {stalled}"
        );
        seen.push(assertion_outcomes(&report));
    }
    // The script's request is an execution of its own that reports the
    // item's assertions too, as in Newman's report.
    let expected: Vec<(String, bool)> = [
        ("fast id", true),
        ("slow id", true),
        ("sent by the script", true),
        ("slow id", true),
        ("sent by the script", true),
        ("never answered", false),
        ("fast again", true),
    ]
    .iter()
    .map(|(n, ok)| (n.to_string(), *ok))
    .collect();
    for outcomes in &seen {
        assert_eq!(outcomes, &expected);
    }
}

#[test]
fn issue16_busy_poll_takes_microseconds_up_to_a_second() {
    let run = courier(&["run", "x.json", "--busy-poll", "1000001"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--busy-poll"), "{}", run.stderr);
    assert!(run.stderr.contains("0..=1000000"), "{}", run.stderr);
    let run = courier(&["run", "x.json", "--busy-poll", "fast"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--busy-poll"), "{}", run.stderr);
}
