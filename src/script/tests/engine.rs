//! Errors, limits and isolation.

use std::time::Duration;

use super::support::{Fixture, error, failed, ok, passed};
use crate::script::ScriptOptions;

#[tokio::test]
async fn a_passing_and_a_failing_test() {
    let mut fx = Fixture::new();
    let out = fx
        .test("pm.test('ok', function () { pm.expect(1).to.equal(1); });\npm.test('bad', () => pm.expect(404).to.equal(200));")
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["ok"]);
    assert_eq!(
        failed(&out),
        vec![("bad".into(), "expected 404 to equal 200".into())]
    );
}

#[tokio::test]
async fn syntax_error_reports_its_line() {
    let mut fx = Fixture::new();
    let out = fx.test("var a = 1;\nvar b = ;\n").await;
    let (message, line) = error(&out);
    assert!(message.starts_with("SyntaxError:"), "{message}");
    assert_eq!(line, Some(2));
    // The engine stays usable.
    let out = fx.test("pm.test('after', () => {});").await;
    ok(&out);
    assert_eq!(passed(&out), vec!["after"]);
}

/// Issue 16: a script without `await` runs as a plain function, one with
/// it as an async one; both fail the same way, on the same line.
#[tokio::test]
async fn issue16_plain_and_async_scripts_fail_alike() {
    let mut fx = Fixture::new();
    let cases = [
        ("throw new Error('boom');", "Error: boom", Some(1)),
        ("await 0;\nthrow new Error('boom');", "Error: boom", Some(2)),
        (
            "return Promise.reject(new Error('late'));",
            "Error: late",
            None,
        ),
        (
            "pm.response.jsonn();",
            "TypeError: pm.response.jsonn is not a function",
            Some(1),
        ),
        (
            "await 0; pm.response.jsonn();",
            "TypeError: pm.response.jsonn is not a function",
            Some(1),
        ),
    ];
    for (source, want, want_line) in cases {
        let out = fx.test(source).await;
        let (message, line) = error(&out);
        assert_eq!(message, want, "{source}");
        if want_line.is_some() {
            assert_eq!(line, want_line, "{source}");
        }
    }
    let out = fx.test("pm.test('returns', () => {});\nreturn 5;").await;
    ok(&out);
    assert_eq!(passed(&out), vec!["returns"]);
}

#[tokio::test]
async fn throw_keeps_earlier_assertions() {
    let mut fx = Fixture::new();
    let out = fx
        .test(
            "pm.test('first', () => {});\n\nvar x = undefined;\nx.y;\npm.test('never', () => {});",
        )
        .await;
    let (message, line) = error(&out);
    assert!(message.starts_with("TypeError:"), "{message}");
    assert_eq!(line, Some(4));
    assert_eq!(passed(&out), vec!["first"]);
}

#[tokio::test]
async fn infinite_loop_times_out_and_the_engine_recovers() {
    let mut fx = Fixture::with_options(ScriptOptions {
        timeout: Some(Duration::from_millis(100)),
        ..ScriptOptions::default()
    });
    let out = fx
        .test("pm.test('before', () => {});\nwhile (true) {}")
        .await;
    let (message, _) = error(&out);
    assert!(message.contains("timed out"), "{message}");
    assert!(message.contains("100 ms"), "{message}");
    assert_eq!(passed(&out), vec!["before"]);
    let out = fx.test("pm.test('after', () => {});").await;
    ok(&out);
    assert_eq!(passed(&out), vec!["after"]);
}

#[tokio::test]
async fn a_timeout_keeps_implicit_globals_and_drops_the_effects_of_leftover_jobs() {
    let mut fx = Fixture::with_options(ScriptOptions {
        timeout: Some(Duration::from_millis(100)),
        ..ScriptOptions::default()
    });
    ok(&fx.test("helpers = { twice: (n) => n * 2 };").await);
    let out = fx
        .test("Promise.resolve().then(() => { pm.environment.set('leftover', 1); pm.test('late', () => {}); });\nwhile (true) {}")
        .await;
    assert!(error(&out).0.contains("timed out"));
    assert!(out.assertions.is_empty(), "{:?}", out.assertions);
    let out = fx
        .test("pm.test('state', () => {\n  pm.expect(helpers.twice(2)).to.equal(4);\n  pm.expect(pm.environment.has('leftover')).to.be.false;\n});")
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["state"], "{:?}", failed(&out));
    // Waiting past the deadline (a timer) is a timeout too, with pending tests reported.
    let out = fx
        .test("pm.test('waits', (done) => setTimeout(done, 1000));")
        .await;
    assert!(error(&out).0.contains("timed out"));
    assert_eq!(failed(&out).len(), 1, "{:?}", out.assertions);
}

#[tokio::test]
async fn huge_allocation_ends_the_script_not_the_process() {
    let mut fx = Fixture::with_options(ScriptOptions {
        memory_limit: 32 * 1024 * 1024,
        ..ScriptOptions::default()
    });
    for source in [
        "var a = []; while (true) { a.push('x'.repeat(1000)); }",
        "leak = []; while (true) { leak.push({ n: leak.length }); }",
        "'x'.repeat(1e9)",
    ] {
        let out = fx.test(source).await;
        let (message, _) = error(&out);
        assert!(message.contains("out of memory"), "{source}: {message}");
        let out = fx
            .test("pm.test('after', () => pm.expect(typeof leak).to.equal('undefined'));")
            .await;
        ok(&out);
        assert_eq!(passed(&out), vec!["after"], "{source}");
    }
}

#[tokio::test]
async fn unsupported_require_names_the_module() {
    let mut fx = Fixture::new();
    let out = fx.test("\nconst fs = require('fs');").await;
    let (message, line) = error(&out);
    assert!(
        message.contains("module 'fs' is not available in courier"),
        "{message}"
    );
    assert!(message.contains("lodash"), "{message}");
    assert_eq!(line, Some(2));
}

#[tokio::test]
async fn vars_do_not_leak_but_implicit_globals_do_as_in_postman() {
    let mut fx = Fixture::new();
    ok(&fx
        .test("var local = 1; function helper() {} implicit = 2;")
        .await);
    let out = fx
        .test("pm.test('isolation', () => {\n pm.expect(typeof local).to.equal('undefined');\n pm.expect(typeof helper).to.equal('undefined');\n pm.expect(implicit).to.equal(2);\n});")
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["isolation"], "{:?}", failed(&out));
    // Names of legacy globals can be declared.
    ok(&fx
        .test("const data = 1; let tests = 2; var responseBody = 3;")
        .await);
}

#[tokio::test]
async fn no_file_process_or_network_access() {
    let mut fx = Fixture::new();
    let out = fx
        .test(
            "pm.test('sandbox', () => {\n\
               pm.expect(typeof process).to.equal('undefined');\n\
               pm.expect(typeof std).to.equal('undefined');\n\
               pm.expect(typeof os).to.equal('undefined');\n\
               pm.expect(typeof fetch).to.equal('undefined');\n\
               pm.expect(typeof XMLHttpRequest).to.equal('undefined');\n\
               for (const name of ['fs', 'child_process', 'net', 'http', 'os', 'path']) {\n\
                 pm.expect(() => require(name)).to.throw(`module '${name}' is not available in courier`);\n\
               }\n\
             });",
        )
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["sandbox"], "{:?}", failed(&out));
}

#[tokio::test]
async fn deep_recursion_is_a_range_error() {
    let mut fx = Fixture::new();
    let (message, line) = error(
        &fx.test("function down(n) { return down(n + 1) + 1; }\ndown(0);")
            .await,
    );
    assert!(message.starts_with("RangeError"), "{message}");
    assert_eq!(line, Some(1));
    ok(&fx.test("pm.test('after', () => {});").await);
}

#[tokio::test]
async fn memory_stays_flat_over_many_scripts() {
    let mut fx = Fixture::new();
    let script = "pm.test('a', () => pm.response.to.have.status(200));\n\
                  const body = pm.response.json(); pm.environment.set('id', body.id);\n\
                  pm.request.headers.add({key: 'X', value: String(body.id)});\n\
                  legacy = (typeof legacy === 'number' ? legacy : 0) + 1;";
    for _ in 0..300 {
        ok(&fx.test(script).await);
    }
    let early = fx.engine.memory_used();
    for _ in 0..1500 {
        ok(&fx.test(script).await);
    }
    let late = fx.engine.memory_used();
    assert!(
        late < early + early / 4,
        "heap grew from {early} to {late} bytes"
    );
}

#[tokio::test]
async fn the_prelude_loads_with_the_first_script() {
    let mut fx = Fixture::new();
    assert!(
        !fx.engine.prelude_loaded(),
        "a run without scripts pays nothing"
    );
    ok(&fx.test("pm.test('first', () => {});").await);
    assert!(fx.engine.prelude_loaded());
}

#[tokio::test]
async fn a_script_compiled_once_still_runs_fresh_each_time() {
    let mut fx = Fixture::new();
    // The same source three times: its `var`s start over, implicit globals carry on.
    let source = "var seen = typeof seen === 'undefined' ? 1 : seen + 1;\n\
                  runs = typeof runs === 'undefined' ? 1 : runs + 1;\n\
                  pm.test('local ' + seen + ', global ' + runs, () => {});";
    let mut names = Vec::new();
    for _ in 0..3 {
        let out = fx.test(source).await;
        ok(&out);
        names.extend(passed(&out));
    }
    assert_eq!(
        names,
        vec![
            "local 1, global 1",
            "local 1, global 2",
            "local 1, global 3"
        ]
    );
}

#[tokio::test]
async fn library_globals_load_on_use_and_are_fresh_in_every_script() {
    let mut fx = Fixture::new();
    let out = fx
        .test(
            "pm.test('lodash', () => pm.expect(_.chunk([1, 2, 3], 2)).to.eql([[1, 2], [3]]));\n\
             pm.test('crypto-js', () => pm.expect(CryptoJS.MD5('a').toString()).to.equal('0cc175b9c0f1b6a831c399e269772661'));\n\
             pm.test('same module', () => pm.expect(require('lodash')).to.equal(_));\n\
             _ = 'replaced'; atob = null;",
        )
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["lodash", "crypto-js", "same module"]);
    let out = fx
        .test(
            "pm.test('lodash again', () => pm.expect(_.isEqual({ a: 1 }, { a: 1 })).to.equal(true));\n\
             pm.test('atob again', () => pm.expect(atob('aGk=')).to.equal('hi'));",
        )
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["lodash again", "atob again"]);
}

/// Issue 16: between two scripts the runner lets the last one's objects go
/// (`release_last_run`, while it waits for a response). The next script
/// gets its own `pm` and `tests`; what a script kept in a global of its
/// own stays; a release with no script since does nothing.
#[tokio::test]
async fn issue16_releasing_the_last_run_changes_nothing_the_next_script_sees() {
    let mut fx = Fixture::new();
    fx.engine.release_last_run();
    let out = fx
        .test("tests['legacy'] = true; globalThis.kept = pm.info.eventName; pm.test('first', () => {});")
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["first", "legacy"]);
    fx.engine.release_last_run();
    fx.engine.release_last_run();
    let out = fx
        .test("pm.test('second', () => pm.expect(kept).to.equal('test')); pm.test('fresh tests', () => pm.expect(Object.keys(tests)).to.eql([])); pm.test('status', () => pm.response.to.have.status(200));")
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["second", "fresh tests", "status"]);
    // The engine held the item's response while the scripts ran, and put it back.
    assert_eq!(fx.response.status, 200);
    assert!(!fx.response.body.is_empty());
}
