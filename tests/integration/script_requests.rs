//! Requests sent by `pm.sendRequest` in the reports (issue 11, point 7):
//! Newman counts each one in its requests row, adds an entry to its JSON
//! report's `run.executions` per request event, and fails the run when one
//! gets no response. The fixture sends from a pre-request script (callback
//! and promise), from a test script, and once to a closed port.

use serde_json::Value;

use crate::common::{courier_in, fixture, normalize};
use crate::support::echo::Echo;

/// A closed loopback port.
fn dead_url() -> String {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", closed.local_addr().expect("addr"));
    drop(closed);
    url
}

/// The fixture run with the terminal and JSON reporters.
fn run(echo: &Echo, dir: &std::path::Path) -> (crate::common::Run, Value) {
    let base = format!("base={}", echo.url());
    let dead = format!("dead={}", dead_url());
    let collection = fixture("wild/send-request-executions.postman_collection.json");
    let run = courier_in(
        dir,
        &[
            "run",
            &collection,
            "--env-var",
            &base,
            "--env-var",
            &dead,
            "-r",
            "cli,json,junit",
            "--reporter-json-export",
            "report.json",
            "--reporter-junit-export",
            "report.xml",
        ],
    );
    let text = std::fs::read_to_string(dir.join("report.json")).expect("json report");
    (run, serde_json::from_str(&text).expect("report is JSON"))
}

/// What the echo server received for a request, from its recorded body.
fn echoed_path(entry: &Value) -> String {
    let data: Vec<u8> = entry["response"]["stream"]["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
        .collect();
    serde_json::from_slice::<Value>(&data)
        .ok()
        .and_then(|v| v["path"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[test]
fn issue11_json_report_has_an_execution_per_send_request() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let (run, report) = run(&echo, dir.path());
    // The refused pm.sendRequest fails the run, as in Newman.
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let r = &report["run"];
    assert_eq!(r["stats"]["requests"]["total"], 7, "{}", r["stats"]);
    assert_eq!(r["stats"]["requests"]["failed"], 1);
    assert_eq!(r["stats"]["assertions"]["failed"], 0);

    let executions = r["executions"].as_array().expect("executions");
    let rows: Vec<(String, String, bool)> = executions
        .iter()
        .map(|e| {
            let name = e["item"]["name"].as_str().unwrap_or_default().to_owned();
            let path = match e["response"].is_object() {
                true => echoed_path(e),
                false => "(no response)".to_owned(),
            };
            (name, path, e["cursor"]["scriptId"].is_string())
        })
        .collect();
    let row = |name: &str, path: &str, script: bool| (name.to_owned(), path.to_owned(), script);
    assert_eq!(
        rows,
        [
            row("Sends from both scripts", "/echo/pre-callback", true),
            row("Sends from both scripts", "/echo/pre-promise", true),
            row("Sends from both scripts", "/echo/main", false),
            row("Sends from both scripts", "/status/201", true),
            row("Sends nothing", "/echo/plain", false),
            row("A send that gets no response", "(no response)", true),
            row("A send that gets no response", "/echo/after-refused", false),
        ]
    );
    // The entries of one item run share its cursor ref, id and assertions.
    let first: Vec<&Value> = executions.iter().take(4).collect();
    for e in &first {
        assert_eq!(e["cursor"]["ref"], first[0]["cursor"]["ref"]);
        assert_eq!(e["id"], first[0]["id"]);
        assert_eq!(e["assertions"], first[0]["assertions"]);
    }
    assert_eq!(first[0]["assertions"].as_array().map(Vec::len), Some(3));
    assert_ne!(executions[4]["cursor"]["ref"], first[0]["cursor"]["ref"]);
    assert!(executions[5]["requestError"]["message"].is_string());
    assert!(executions[6].get("requestError").is_none());

    // Every response is counted, the sendRequest ones included.
    let received: u64 = executions
        .iter()
        .filter_map(|e| e["response"]["stream"]["data"].as_array())
        .map(|d| d.len() as u64)
        .sum();
    assert_eq!(r["transfers"]["responseTotal"], received);

    let failures = r["failures"].as_array().expect("failures");
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(failures[0]["at"], "request");
    assert_eq!(
        failures[0]["source"]["name"],
        "A send that gets no response"
    );
    let message = failures[0]["error"]["message"].as_str().unwrap_or_default();
    assert!(message.starts_with("pm.sendRequest failed: "), "{message}");
    assert_eq!(echo.received().len(), 6);

    // JUnit shows the failure too: an error case in the item's suite.
    let xml = std::fs::read_to_string(dir.path().join("report.xml")).expect("junit report");
    let suite = xml
        .split("<testsuite ")
        .find(|s| s.contains("name=\"A send that gets no response\""))
        .expect("the item's suite");
    assert!(
        suite.contains("<testcase name=\"pm.sendRequest\""),
        "{suite}"
    );
    assert!(suite.contains("errors=\"1\""), "{suite}");
}

#[test]
fn issue11_terminal_shows_and_counts_send_requests() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let (run, _) = run(&echo, dir.path());
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    // The failure table holds the transport error's wording, which is the
    // HTTP client's and the OS's: check it names the request, snapshot the rest.
    let (out, failures) = run.stdout.split_once("\n┌────┬").expect("a failure table");
    assert!(
        failures.contains("pm.sendRequest") && failures.contains("A send that gets no response"),
        "{failures}"
    );
    let out = regex::Regex::new(r"(pm\.sendRequest failed: connection failed:).*")
        .expect("pattern")
        .replace_all(out, "$1 [refused]");
    insta::assert_snapshot!("send_request_terminal", normalize(&out));
}
