//! `pm.execution` (`location`, `runRequest` through a host), top-level
//! `await` in both kinds of script, and error messages worded as V8's.

use std::cell::RefCell;

use serde_json::json;

use super::support::{Fixture, NoHost, error, failed, ok, passed};
use crate::http::ResponseData;
use crate::outcome::{ConsoleEntry, ScriptEvent};
use crate::script::{HostFuture, RunRequestCall, RunRequestDone, ScriptHost};
use crate::variables::Scopes;

/// Answers `runRequest` as a runner would: records the call and the
/// variables it starts from, changes some variables, answers a response.
#[derive(Default)]
struct RunHost {
    calls: RefCell<Vec<(RunRequestCall, Option<serde_json::Value>)>>,
}

impl ScriptHost for RunHost {
    fn send_request(
        &self,
        _request: crate::collection::Request,
    ) -> HostFuture<'_, Result<ResponseData, String>> {
        Box::pin(async { Err("no network here".to_owned()) })
    }

    fn run_request(
        &self,
        call: RunRequestCall,
        mut scopes: Scopes,
    ) -> HostFuture<'_, RunRequestDone> {
        Box::pin(async move {
            let user = scopes.get("user").cloned();
            self.calls.borrow_mut().push((call.clone(), user));
            match call.target.as_str() {
                "Get token" => {
                    scopes.environment.set("token", json!("t-1"));
                    scopes.local.set("fromNested", json!(true));
                    RunRequestDone {
                        response: Ok(Some(super::support::json_response(
                            201,
                            "Created",
                            r#"{"token":"t-1"}"#,
                        ))),
                        scopes,
                        console: vec![ConsoleEntry {
                            level: "log".into(),
                            message: "nested ran".into(),
                        }],
                    }
                }
                "Skipped" => RunRequestDone {
                    response: Ok(None),
                    scopes,
                    console: Vec::new(),
                },
                other => {
                    // A failed run still hands back what its scripts changed.
                    scopes.globals.set("failedRunRan", json!(true));
                    RunRequestDone {
                        response: Err(format!("no request \"{other}\"")),
                        scopes,
                        console: Vec::new(),
                    }
                }
            }
        })
    }
}

#[tokio::test]
async fn run_request_resolves_to_the_response_and_carries_variables_over() {
    let mut fx = Fixture::new();
    fx.scopes.environment.set("user", json!("env-user"));
    let host = RunHost::default();
    let out = fx
        .run_with(
            ScriptEvent::Prerequest,
            "const res = await pm.execution.runRequest('Get token', {variables: {user: 'ada'}});\n\
             pm.test('code', () => pm.expect(res.code).to.equal(201));\n\
             pm.test('json', () => pm.expect(res.json().token).to.equal('t-1'));\n\
             pm.test('header', () => pm.expect(res.headers.get('X-Request-Id')).to.equal('r-42'));\n\
             pm.test('env carried over', () => pm.expect(pm.environment.get('token')).to.equal('t-1'));\n\
             pm.test('locals carried over', () => pm.expect(pm.variables.get('fromNested')).to.equal(true));\n\
             pm.test('override stays behind', () => pm.expect(pm.variables.get('user')).to.equal('env-user'));\n\
             const skipped = await pm.execution.runRequest('Skipped');\n\
             pm.test('skipped is null', () => pm.expect(skipped).to.equal(null));",
            &host,
        )
        .await;
    ok(&out);
    assert!(failed(&out).is_empty(), "{:?}", failed(&out));
    assert_eq!(passed(&out).len(), 7);
    let calls = host.calls.borrow();
    assert_eq!(calls[0].0.target, "Get token");
    assert_eq!(
        calls[0].0.variables,
        vec![("user".to_owned(), json!("ada"))]
    );
    assert_eq!(
        calls[0].1,
        Some(json!("ada")),
        "the override is what the nested run sees"
    );
    assert_eq!(calls[1].0.target, "Skipped");
    assert!(
        out.console.iter().any(|c| c.message == "nested ran"),
        "{:?}",
        out.console
    );
    assert_eq!(fx.scopes.environment.get("token"), Some(&json!("t-1")));
}

#[tokio::test]
async fn run_request_errors_reject() {
    let mut fx = Fixture::new();
    let host = RunHost::default();
    let out = fx
        .run_with(
            ScriptEvent::Test,
            "try { await pm.execution.runRequest('Nope'); } catch (e) { pm.test(e.message, () => {}); }\n\
             try { await pm.execution.runRequest(''); } catch (e) { pm.test(e.message, () => {}); }\n\
             await pm.execution.runRequest('Nope again');",
            &host,
        )
        .await;
    assert_eq!(
        passed(&out),
        vec![
            "no request \"Nope\"",
            "runRequest: collection request id not provided"
        ]
    );
    let (message, line) = error(&out);
    assert_eq!(message, "Error: no request \"Nope again\"");
    assert_eq!(line, Some(3));
    assert_eq!(fx.scopes.globals.get("failedRunRan"), Some(&json!(true)));
    // Without a runner behind it, the call says so.
    let (message, _) = error(&fx.test("await pm.execution.runRequest('x');").await);
    assert!(message.contains("needs a collection run"), "{message}");
}

#[tokio::test]
async fn location_is_the_item_path_and_current_its_script_owner() {
    let mut fx = Fixture::new();
    let out = fx
        .test(
            "pm.test(JSON.stringify(pm.execution.location), () => {});\n\
             pm.test(pm.execution.location.current, () => {});",
        )
        .await;
    ok(&out);
    assert_eq!(
        passed(&out),
        vec![r#"["Test collection","Users","Get user"]"#, "Get user"]
    );
}

#[tokio::test]
async fn top_level_await_in_both_scripts() {
    let mut fx = Fixture::new();
    let out = fx
        .pre("await new Promise(r => setTimeout(r, 10));\npm.variables.set('waited', 'yes');")
        .await;
    ok(&out);
    assert_eq!(fx.scopes.local.get("waited"), Some(&json!("yes")));
    // An async test that settles after the script body has ended still counts.
    let out = fx
        .test(
            "pm.test('late pass', async () => { await new Promise(r => setTimeout(r, 20)); pm.expect(1).to.equal(1); });\n\
             pm.test('late fail', async () => { await new Promise(r => setTimeout(r, 30)); pm.expect('a').to.equal('b'); });\n\
             pm.variables.set('body', 'ended');",
        )
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["late pass"]);
    assert_eq!(
        failed(&out),
        vec![("late fail".into(), "expected 'a' to equal 'b'".into())]
    );
}

#[tokio::test]
async fn an_awaited_rejection_fails_the_script_with_its_message() {
    let mut fx = Fixture::new();
    let out = fx
        .test("pm.test('before', () => {});\nawait new Promise((_, no) => setTimeout(() => no(new TypeError('late refusal')), 5));\npm.test('after', () => {});")
        .await;
    assert_eq!(passed(&out), vec!["before"]);
    let (message, line) = error(&out);
    assert_eq!(message, "TypeError: late refusal");
    assert_eq!(line, Some(2));
    let out = fx
        .pre("await pm.sendRequest('http://127.0.0.1:9/nothing');")
        .await;
    let (message, _) = error(&out);
    assert!(
        message.starts_with("Error: no network in unit tests"),
        "{message}"
    );
    let _ = NoHost;
}

/// Each script, and what V8 (Newman) reports for it.
const V8_MESSAGES: &[(&str, &str)] = &[
    (
        "var r; r.json();",
        "TypeError: Cannot read properties of undefined (reading 'json')",
    ),
    (
        "var n = null; n.name;",
        "TypeError: Cannot read properties of null (reading 'name')",
    ),
    (
        "var o = {}; o.a.b.c;",
        "TypeError: Cannot read properties of undefined (reading 'b')",
    ),
    (
        "var arr; arr[0];",
        "TypeError: Cannot read properties of undefined (reading '0')",
    ),
    (
        "var u; u.foo();",
        "TypeError: Cannot read properties of undefined (reading 'foo')",
    ),
    (
        "missingVariable + 1;",
        "ReferenceError: missingVariable is not defined",
    ),
    (
        "pm.response.jsonBody();",
        "TypeError: pm.response.jsonBody is not a function",
    ),
    ("var f = 1; f();", "TypeError: f is not a function"),
    (
        "pm.response.json().missing();",
        "TypeError: pm.response.json(...).missing is not a function",
    ),
    (
        "var k = 'nope'; pm[k]();",
        "TypeError: pm[k] is not a function",
    ),
    (
        "var o = null; o.a = 1;",
        "TypeError: Cannot set properties of null (setting 'a')",
    ),
    (
        "var o; o.a = 1;",
        "TypeError: Cannot set properties of undefined (setting 'a')",
    ),
    (
        "const c = 1; c = 2;",
        "TypeError: Assignment to constant variable.",
    ),
    (
        "x; let x = 1;",
        "ReferenceError: Cannot access 'x' before initialization",
    ),
    (
        "Object.keys(null);",
        "TypeError: Cannot convert undefined or null to object",
    ),
    ("var K = 3; new K();", "TypeError: K is not a constructor"),
    (
        "function f() { f(); } f();",
        "RangeError: Maximum call stack size exceeded",
    ),
];

#[tokio::test]
async fn errors_read_as_v8_writes_them() {
    let mut fx = Fixture::new();
    for (script, want) in V8_MESSAGES {
        // In a test: the assertion's message.
        let out = fx
            .test(&format!("pm.test('t', function () {{\n    {script}\n}});"))
            .await;
        ok(&out);
        assert_eq!(
            failed(&out),
            vec![("t".to_owned(), (*want).to_owned())],
            "{script}"
        );
        // Thrown by the script itself, on its first line (after the wrapper's prefix).
        let (message, _) = error(&fx.test(script).await);
        assert_eq!(message, *want, "{script}");
    }
}
