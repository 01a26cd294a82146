//! `pm.execution.runRequest` in real runs (issue 13, point 5), against the
//! local echo server: the referenced request is sent with the call's
//! variables, its own scripts run, the promise resolves to its response,
//! the run's cookie jar is shared, an unknown request is a clear error and
//! recursion stops at Postman's depth of 10. Newman cannot run these
//! (its sandbox has no `runRequest`), so they are tests, not conformance
//! fixtures. Also: top-level `await` of `pm.sendRequest` in a real run.

use serde_json::{Value, json};

use crate::common::{Run, assertion_outcomes, courier_in};
use crate::support::echo::Echo;

fn script(listen: &str, lines: &[&str]) -> Value {
    json!({"listen": listen, "script": {"type": "text/javascript", "exec": lines}})
}

/// Runs `collection` against `echo` with the JSON reporter; returns the
/// run, the report and the environment as exported after the run.
fn run(echo: &Echo, collection: Value) -> (Run, Value, Value) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.postman_collection.json");
    std::fs::write(&path, collection.to_string()).expect("write collection");
    let base = format!("base={}", echo.url());
    let run = courier_in(
        dir.path(),
        &[
            "run",
            path.to_str().expect("utf-8 path"),
            "--env-var",
            &base,
            "-r",
            "cli,json",
            "--reporter-json-export",
            "report.json",
            "--export-environment",
            "env.json",
        ],
    );
    let read = |name: &str| -> Value {
        let text = std::fs::read_to_string(dir.path().join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}\n{}\n{}", run.stdout, run.stderr));
        serde_json::from_str(&text).expect("JSON")
    };
    let (report, env) = (read("report.json"), read("env.json"));
    (run, report, env)
}

fn env_value(env: &Value, key: &str) -> Value {
    env["values"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|v| v["key"] == key)
        .map(|v| v["value"].clone())
        .unwrap_or(Value::Null)
}

fn helpers() -> Value {
    json!({
        "name": "Helpers",
        "event": [script("prerequest", &["pm.variables.set('folder', 'helpers');"])],
        "item": [{
            "name": "Get token",
            "id": "token-request-id",
            "request": {"method": "GET", "url": "{{base}}/token/{{user}}?folder={{folder}}"},
            "event": [
                script("prerequest", &[
                    "if (pm.variables.has('user')) pm.environment.set('nestedPre', 'ran for ' + pm.variables.get('user'));",
                    "console.log('nested pre-request', JSON.stringify(pm.execution.location));",
                ]),
                script("test", &[
                    "pm.environment.set('token', pm.response.json().path);",
                    "pm.test('nested test, not reported', () => {});",
                    "pm.execution.setNextRequest(null);",
                ]),
            ]
        }, {
            "name": "Set cookie",
            "request": {"method": "GET", "url": "{{base}}/cookie/set?nested=yes"}
        }, {
            "name": "Skipped",
            "request": {"method": "GET", "url": "{{base}}/never"},
            "event": [script("prerequest", &["pm.execution.skipRequest();"])]
        }]
    })
}

#[test]
fn issue13_run_request_runs_the_item_with_its_scripts_and_resolves_to_its_response() {
    let echo = Echo::start();
    let collection = json!({
        "info": {"name": "run request", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{
            "name": "Caller",
            "request": {"method": "GET", "url": "{{base}}/caller?token={{token}}"},
            "event": [
                script("prerequest", &[
                    "const res = await pm.execution.runRequest('Get token', {variables: {user: 'ada'}});",
                    "pm.environment.set('nestedCode', res.code);",
                    "pm.environment.set('nestedPath', res.json().path);",
                    "pm.environment.set('nestedQuery', res.json().query);",
                    "pm.environment.set('userAfter', String(pm.variables.get('user')));",
                    "const byId = await pm.execution.runRequest('token-request-id', {variables: {user: 'grace'}});",
                    "pm.environment.set('byIdPath', byId.json().path);",
                    "await pm.execution.runRequest('Set cookie');",
                    "const skipped = await pm.execution.runRequest('Skipped');",
                    "pm.environment.set('skipped', String(skipped));",
                ]),
                script("test", &[
                    "pm.test('caller test', () => pm.expect(pm.response.json().headers.cookie).to.equal('nested=yes'));",
                ]),
            ]
        }, {
            "name": "After",
            "request": {"method": "GET", "url": "{{base}}/after"}
        }, helpers()]
    });
    let (run, report, env) = run(&echo, collection);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let paths: Vec<String> = echo
        .received()
        .iter()
        .map(|r| format!("{}?{}", r.path, r.query))
        .collect();
    // The nested requests first (with the overrides and the folder's
    // variables), then the caller with the token the nested test script
    // stored; the nested setNextRequest(null) does not stop the run.
    assert_eq!(
        &paths[..5],
        [
            "/token/ada?folder=helpers",
            "/token/grace?folder=helpers",
            "/cookie/set?nested=yes",
            "/caller?token=/token/grace",
            "/after?",
        ],
        "{paths:?}"
    );
    assert_eq!(env_value(&env, "nestedCode"), json!(200));
    assert_eq!(env_value(&env, "nestedPath"), json!("/token/ada"));
    assert_eq!(env_value(&env, "nestedQuery"), json!("folder=helpers"));
    assert_eq!(env_value(&env, "nestedPre"), json!("ran for grace"));
    assert_eq!(env_value(&env, "byIdPath"), json!("/token/grace"));
    assert_eq!(env_value(&env, "userAfter"), json!("undefined"));
    assert_eq!(env_value(&env, "skipped"), json!("null"));
    // Only the caller's own test is reported with it, as in Postman (the
    // nested test shows only when "Get token" runs as an item of the run).
    let caller: Vec<(String, bool)> = report["run"]["executions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["item"]["name"] == "Caller")
        .flat_map(|e| e["assertions"].as_array().cloned().unwrap_or_default())
        .map(|a| {
            (
                a["assertion"].as_str().unwrap_or_default().to_owned(),
                a["error"].is_null(),
            )
        })
        .collect();
    assert!(!caller.is_empty());
    assert!(
        caller
            .iter()
            .all(|a| *a == ("caller test".to_owned(), true)),
        "{caller:?}"
    );
    // The nested run's console output shows with the caller, with its location.
    assert!(
        run.stdout
            .contains(r#"nested pre-request ["run request","Helpers","Get token"]"#),
        "{}",
        run.stdout
    );
}

#[test]
fn issue13_run_request_errors_are_clear_and_recursion_is_bounded() {
    let echo = Echo::start();
    let collection = json!({
        "info": {"name": "run request errors", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{
            "name": "Unknown",
            "request": {"method": "GET", "url": "{{base}}/unknown"},
            "event": [script("prerequest", &[
                "try { await pm.execution.runRequest('No such request'); }",
                "catch (e) { pm.environment.set('unknownError', e.message); }",
            ])]
        }, {
            "name": "Recursive",
            "request": {"method": "GET", "url": "{{base}}/recursive/{{depth}}"},
            "event": [script("prerequest", &[
                "const depth = (pm.variables.get('depth') || 0) + 1;",
                "pm.variables.set('depth', depth);",
                "try { await pm.execution.runRequest('Recursive', {variables: {depth: depth}}); }",
                "catch (e) {",
                "  if (!pm.environment.has('depthError')) {",
                "    pm.environment.set('depthError', e.message);",
                "    pm.environment.set('depthReached', depth);",
                "  }",
                "}",
            ])]
        }, {
            "name": "Nested script error",
            "request": {"method": "GET", "url": "{{base}}/outer"},
            "event": [script("test", &[
                "await pm.execution.runRequest('Broken');",
            ])]
        }, {
            "name": "Broken",
            "request": {"method": "GET", "url": "{{base}}/broken"},
            "event": [script("prerequest", &["var body; body.json();"])]
        }]
    });
    let (run, report, env) = run(&echo, collection);
    // The nested script error fails the caller's test script (and Broken's own run).
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(
        env_value(&env, "unknownError"),
        json!(
            "pm.execution.runRequest: the collection has no request with the id or name \"No such request\""
        )
    );
    assert_eq!(
        env_value(&env, "depthError"),
        json!("Max pm.execution.runRequest depth of 10 has been reached.")
    );
    assert_eq!(env_value(&env, "depthReached"), json!(11));
    let received = echo.received();
    let recursive = received
        .iter()
        .filter(|r| r.path.starts_with("/recursive/"))
        .count();
    assert_eq!(recursive, 11, "the item and 10 nested runs");
    // The broken item is never sent by the nested run (its pre-request
    // script failed), only by its own turn in the run.
    assert_eq!(received.iter().filter(|r| r.path == "/broken").count(), 1);
    let failures = report["run"]["failures"].to_string();
    assert!(
        failures.contains(
            r#"pm.execution.runRequest(\"Broken\"): prerequest script (item) line 1: TypeError: Cannot read properties of undefined (reading 'json')"#
        ),
        "{failures}"
    );
}

#[test]
fn issue13_await_send_request_in_a_run() {
    let echo = Echo::start();
    let collection = json!({
        "info": {"name": "await", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{
            "name": "Awaits",
            "request": {"method": "GET", "url": "{{base}}/main"},
            "event": [
                script("prerequest", &[
                    "const res = await pm.sendRequest(pm.environment.get('base') + '/side');",
                    "await new Promise(r => setTimeout(r, 10));",
                    "pm.variables.set('side', res.json().path);",
                ]),
                script("test", &[
                    "pm.test('awaited in the pre-request script', () => pm.expect(pm.variables.get('side')).to.equal('/side'));",
                    "pm.test('settles after the body', async () => { await new Promise(r => setTimeout(r, 20)); });",
                ]),
            ]
        }, {
            "name": "Rejects",
            "request": {"method": "GET", "url": "{{base}}/rejects"},
            "event": [script("test", &["await Promise.reject(new Error('awaited rejection'));"])]
        }]
    });
    let (run, report, _env) = run(&echo, collection);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    // (The report repeats an item's assertions in the execution of its pm.sendRequest, as Newman does.)
    let mut names = assertion_outcomes(&report);
    names.dedup();
    names.sort();
    names.dedup();
    assert_eq!(
        names,
        [
            ("awaited in the pre-request script".to_owned(), true),
            ("settles after the body".to_owned(), true),
        ]
    );
    assert!(
        run.stdout.contains("Error: awaited rejection"),
        "{}",
        run.stdout
    );
}
