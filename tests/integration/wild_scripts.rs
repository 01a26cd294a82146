//! Issue 11, points 2 and 6, end to end against the echo server with the
//! `tests/fixtures/wild/` collections: non-string variable values in
//! requests and exports, `pm.request` in test scripts, and throwing
//! `pm.sendRequest` callbacks. (`conformance/run.sh` compares the same
//! collections with Newman.)

use serde_json::Value;

use crate::common::{courier, fixture};
use crate::support::echo::Echo;

fn base(echo: &Echo) -> String {
    format!("base={}", echo.url())
}

fn read_json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).expect("read the file courier wrote");
    serde_json::from_str(&text).expect("JSON")
}

/// The names of every assertion in a JSON report, in order.
fn assertion_names(report: &Value) -> Vec<String> {
    report["run"]["executions"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|e| e["assertions"].as_array().cloned().unwrap_or_default())
        .filter_map(|a| a["assertion"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn issue11_non_string_values_are_sent_and_exported_as_newman_does() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let env = dir.path().join("env.json");
    let run = courier(&[
        "run",
        &fixture("wild/variable-values.postman_collection.json"),
        "--env-var",
        &base(&echo),
        "--export-environment",
        &env.to_string_lossy(),
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let got = echo.received();
    let env_request = got
        .iter()
        .find(|r| r.path == "/values/e")
        .expect("the environment item was sent");
    assert!(
        env_request
            .query
            .starts_with("e_u=null&e_n=null&e_num=42&e_zero=0&e_f=false&e_o=[object%20Object]"),
        "{}",
        env_request.query
    );
    assert_eq!(env_request.header("x-e_arr"), Some("1,x,,2,3"));
    assert_eq!(env_request.header("x-e_big"), Some("1e+21"));
    // A local variable set to undefined stays undefined: an empty text.
    let local = got.iter().find(|r| r.path == "/values/v").expect("sent");
    assert!(local.query.starts_with("v_u=&v_n=null"), "{}", local.query);
    let later = got.iter().find(|r| r.path == "/later").expect("sent");
    assert_eq!(later.header("x-undefined"), Some("[null]"));
    assert!(
        later.query.ends_with("&missing={{missing}}"),
        "{}",
        later.query
    );

    let exported = read_json(&env);
    let values = exported["values"].as_array().cloned().unwrap_or_default();
    let entry = |key: &str| {
        values
            .iter()
            .find(|v| v["key"] == key)
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(entry("e_u")["value"], Value::Null);
    assert_eq!(entry("e_u")["type"], "any");
    assert_eq!(entry("e_num")["value"], 42);
    assert_eq!(
        entry("e_o")["value"],
        serde_json::json!({"a": 1, "inner": {"b": [1, null]}})
    );
}

#[test]
fn issue11_environment_file_values_keep_their_json_type() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let env = dir.path().join("env.postman_environment.json");
    std::fs::write(
        &env,
        r#"{"name": "E", "values": [
            {"key": "n", "value": null},
            {"key": "num", "value": 5},
            {"key": "f", "value": false},
            {"key": "o", "value": {"a": [1, 2]}},
            {"key": "arr", "value": [1, null, "x"]},
            {"key": "ts", "value": 12, "type": "string"},
            {"key": "tb", "value": "yes", "type": "boolean"}
        ]}"#,
    )
    .expect("write the environment");
    let collection = dir.path().join("c.postman_collection.json");
    std::fs::write(
        &collection,
        r#"{"info": {"name": "env values"}, "item": [{"name": "r",
            "event": [{"listen": "test", "script": {"exec": [
              "pm.test('types', () => {",
              "  pm.expect(pm.environment.get('n')).to.equal(null);",
              "  pm.expect(pm.environment.get('num')).to.equal(5);",
              "  pm.expect(pm.environment.get('f')).to.equal(false);",
              "  pm.expect(pm.environment.get('o')).to.eql({a: [1, 2]});",
              "  pm.expect(pm.environment.get('ts')).to.equal('12');",
              "  pm.expect(pm.environment.get('tb')).to.equal(true);",
              "});"]}}],
            "request": {"method": "GET",
              "url": "{{base}}/env?n={{n}}&num={{num}}&f={{f}}&o={{o}}&arr={{arr}}&ts={{ts}}&tb={{tb}}"}}]}"#,
    )
    .expect("write the collection");
    let run = courier(&[
        "run",
        &collection.to_string_lossy(),
        "-e",
        &env.to_string_lossy(),
        "--env-var",
        &base(&echo),
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let got = echo.received();
    assert_eq!(
        got[0].query,
        "n=null&num=5&f=false&o=[object%20Object]&arr=1,,x&ts=12&tb=true"
    );
}

#[test]
fn issue11_test_scripts_see_the_request_as_sent() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let report = dir.path().join("report.json");
    let run = courier(&[
        "run",
        &fixture("wild/test-script-request.postman_collection.json"),
        "--env-var",
        &base(&echo),
        // The names show the token, which reports mask as an Authorization value.
        "--no-mask",
        "-r",
        "json",
        "--reporter-json-export",
        &report.to_string_lossy(),
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let names = assertion_names(&read_json(&report));
    let origin = echo.url();
    for want in [
        "prerequest url: \"{{base}}/users/{{userId}}/{{segment}}?q={{query}}&x=1\"".to_owned(),
        format!("test url: \"{origin}/users/42/seg?q=a%20b&x=1\""),
        "test header Authorization: \"Bearer t0k\"".to_owned(),
        "test body: \"{\\\"id\\\": \\\"42\\\", \\\"name\\\": \\\"a b\\\"}\"".to_owned(),
        "test auth type: \"bearer\"".to_owned(),
        format!("test url: \"{origin}/key?a=1&api_key=t0k\""),
        "test header Content-Type: undefined".to_owned(),
        format!("test url: \"{origin}/changed/changed?added=42\""),
        "test added header: \"t0k\"".to_owned(),
        "still the token sent: t0k".to_owned(),
    ] {
        assert!(names.contains(&want), "missing {want}\nin {names:#?}");
    }
}

#[test]
fn issue11_a_throwing_send_request_callback_fails_nothing() {
    let echo = Echo::start();
    let run = courier(&[
        "run",
        &fixture("wild/send-request-callback-throws.postman_collection.json"),
        "--env-var",
        &base(&echo),
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    for want in [
        "callback 3 went on",
        "a later timer still runs",
        "after the requests",
        "the run went on",
        "a pm.sendRequest callback (line 10) threw TypeError",
        "a timer callback (line 15) threw Error: a timer that throws",
    ] {
        assert!(run.stdout.contains(want), "missing {want}\n{}", run.stdout);
    }
    assert!(!run.stdout.contains("callback 2 went on"), "{}", run.stdout);
}
