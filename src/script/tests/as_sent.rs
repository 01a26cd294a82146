//! `pm.request` of test scripts, made only when a script needs it
//! ([`AsSent`]), and always with the variables the request was sent with.

use serde_json::json;

use super::support::{Fixture, failed, ok, passed};
use crate::collection::{Request, Url};
use crate::script::{AsSent, ScriptOutcome};
use crate::variables::Scopes;

/// A fixture whose test scripts see the URL `{{host}}/sent`, resolved by
/// the builder with the variables it is given.
fn fixture() -> Fixture {
    let mut fx = Fixture::new();
    fx.scopes.environment.set("host", json!("http://old.test"));
    fx.scopes
        .collection
        .set("host", json!("http://collection.test"));
    fx.as_sent = Some(AsSent::new(|request: &Request, scopes: &Scopes| {
        let mut seen = request.clone();
        seen.url = Url::Raw(scopes.resolve("{{host}}/sent"));
        seen
    }));
    fx
}

const READ_URL: &str = r#"
pm.test("sent url", () => pm.expect(pm.request.url.toString()).to.eql("http://old.test/sent"));
"#;

/// `out` passed `READ_URL` alone, and the fixture's request is now the one
/// built as sent (with the variables it was sent with).
fn read_the_request_as_sent(fx: &Fixture, out: &ScriptOutcome) {
    assert_eq!(failed(out), []);
    assert_eq!(passed(out), ["sent url"]);
    assert!(fx.as_sent.is_none());
    assert!(matches!(&fx.request.url, Url::Raw(u) if u == "http://old.test/sent"));
}

#[tokio::test]
async fn issue16_a_script_that_never_reads_pm_request_does_not_build_it() {
    let mut fx = fixture();
    let out = fx
        .test(r#"pm.test("status", () => pm.response.to.have.status(200)); pm.environment.set("host", "http://new.test");"#)
        .await;
    ok(&out);
    assert_eq!(passed(&out), ["status"]);
    assert!(
        fx.as_sent.is_some(),
        "the request was built without a reader"
    );
    // The variable did change for everyone else.
    assert_eq!(fx.scopes.resolve("{{host}}"), "http://new.test");
}

#[tokio::test]
async fn issue16_pm_request_is_built_with_the_variables_it_was_sent_with() {
    let mut fx = fixture();
    let out = fx
        .test(&format!(
            r#"pm.environment.set("host", "http://new.test"); pm.environment.unset("host");
               pm.variables.set("host", "http://local.test"); {READ_URL}"#
        ))
        .await;
    read_the_request_as_sent(&fx, &out);
    // The changes stand once the request is built.
    assert_eq!(fx.scopes.resolve("{{host}}"), "http://local.test");
}

#[tokio::test]
async fn issue16_a_later_test_script_sees_the_request_as_sent() {
    let mut fx = fixture();
    ok(&fx
        .test(r#"pm.environment.set("host", "http://new.test");"#)
        .await);
    assert!(fx.as_sent.is_some());
    let out = fx.test(READ_URL).await;
    assert_eq!(failed(&out), []);
    assert_eq!(passed(&out), ["sent url"]);
    // Built once: a third script reads the same request.
    assert!(fx.as_sent.is_none());
    let out = fx.test(READ_URL).await;
    assert_eq!(passed(&out), ["sent url"]);
}

#[tokio::test]
async fn issue16_reading_pm_cookies_builds_the_request_first() {
    let mut fx = fixture();
    ok(&fx.test("pm.cookies.get('session');").await);
    assert!(fx.as_sent.is_none());
    assert!(matches!(&fx.request.url, Url::Raw(u) if u == "http://old.test/sent"));
}

#[tokio::test]
async fn issue16_a_change_to_a_large_layer_makes_the_request_at_once() {
    let mut fx = fixture();
    for n in 0..40 {
        fx.scopes.environment.set(format!("v{n}"), json!(n));
    }
    let out = fx
        .test(&format!(
            r#"pm.environment.set("host", "http://new.test"); {READ_URL}"#
        ))
        .await;
    // Made before the change (no copy of the 41-variable layer was kept).
    read_the_request_as_sent(&fx, &out);
    assert_eq!(fx.scopes.resolve("{{host}}"), "http://new.test");
}
