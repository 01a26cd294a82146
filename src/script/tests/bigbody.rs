//! Large bodies (issue 15): the body becomes a JavaScript string only when
//! a script reads it, and a body past `--max-response-size` fails every
//! read with a message naming the limit while the rest of the response works.

use bytes::Bytes;

use super::support::{Fixture, all_pass, failed, ok, passed};
use crate::http::DroppedBody;

const EIGHT_MIB: usize = 8 * 1024 * 1024;

fn big_fixture() -> Fixture {
    let mut fx = Fixture::new();
    fx.response.body = Bytes::from(vec![b'a'; EIGHT_MIB]);
    fx
}

#[tokio::test]
async fn issue15_the_body_reaches_javascript_only_when_read() {
    let mut fx = big_fixture();
    // The prelude loads with the first script: measure from the second.
    ok(&fx.test(";").await);
    let before = fx.engine.memory_used();
    all_pass(
        &mut fx,
        "globalThis.kept = pm.response;\n\
         pm.test('status', () => pm.response.to.have.status(200));\n\
         pm.test('size', () => pm.expect(pm.response.size().body).to.equal(8 * 1024 * 1024));\n\
         pm.test('header', () => pm.expect(pm.response.headers.get('X-Request-Id')).to.equal('r-42'));",
    )
    .await;
    let unread = fx.engine.memory_used();
    assert!(
        unread < before + EIGHT_MIB / 8,
        "the unread body took {} bytes",
        unread - before
    );
    all_pass(
        &mut fx,
        "globalThis.text = pm.response.text();\n\
         pm.test('once', () => pm.expect(responseBody === pm.response.text()).to.be.true);\n\
         pm.test('length', () => pm.expect(text.length).to.equal(8 * 1024 * 1024));",
    )
    .await;
    let read = fx.engine.memory_used();
    assert!(
        read >= unread + EIGHT_MIB && read < unread + 2 * EIGHT_MIB,
        "reading the body took {} bytes (one copy is {EIGHT_MIB})",
        read - unread
    );
}

#[tokio::test]
async fn issue15_a_dropped_body_fails_reads_with_the_limit_and_the_flag() {
    let mut fx = Fixture::new();
    fx.response.body = Bytes::new();
    fx.response.dropped = Some(DroppedBody {
        size: 5 * 1024 * 1024,
        sha256: "ab".repeat(32),
        limit: 1024 * 1024,
    });
    let out = fx
        .test(
            "pm.test('status', () => pm.response.to.have.status(200));\n\
             pm.test('code', () => pm.expect(pm.response.code).to.equal(200));\n\
             pm.test('size', () => pm.expect(pm.response.size().body).to.equal(5 * 1024 * 1024));\n\
             pm.test('responseSize', () => pm.expect(pm.response.responseSize).to.equal(5 * 1024 * 1024));\n\
             pm.test('time', () => pm.expect(pm.response.responseTime).to.equal(120));\n\
             pm.test('header', () => pm.expect(pm.response.headers.get('X-Request-Id')).to.equal('r-42'));\n\
             pm.test('text', () => pm.response.text());\n\
             pm.test('json', () => pm.response.json());\n\
             pm.test('responseBody', () => responseBody);",
        )
        .await;
    ok(&out);
    assert_eq!(
        passed(&out),
        ["status", "code", "size", "responseSize", "time", "header"]
    );
    let message = "Error: the response body (5 MiB) is larger than --max-response-size (1 MiB); \
                   raise the limit to read it in scripts";
    assert_eq!(
        failed(&out),
        ["text", "json", "responseBody"].map(|n| (n.to_owned(), message.to_owned()))
    );
}

#[tokio::test]
async fn issue15_a_kept_response_reads_no_other_scripts_body() {
    let mut fx = Fixture::new();
    ok(&fx.test("globalThis.old = pm.response;").await);
    fx.response.body = Bytes::from_static(b"the next item's body");
    let out = fx
        .test(
            "pm.test('stale', () => old.text());\n\
             pm.test('code', () => pm.expect(old.code).to.equal(200));\n\
             pm.test('current', () => pm.expect(pm.response.text()).to.equal(\"the next item's body\"));",
        )
        .await;
    ok(&out);
    assert_eq!(passed(&out), ["code", "current"]);
    let (name, message) = &failed(&out)[0];
    assert_eq!(name, "stale");
    assert!(message.contains("no longer available"), "{message}");
}
