//! Sending behaviour: redirects, the shared cookie jar, digest auth and
//! timeouts, each against the echo server.

use crate::common::courier;
use crate::support::echo::Echo;

fn collection(dir: &tempfile::TempDir, items: &str) -> String {
    let path = dir.path().join("c.json");
    std::fs::write(
        &path,
        format!(r#"{{"info": {{"name": "http"}}, "item": [{items}]}}"#),
    )
    .expect("write");
    path.to_string_lossy().into_owned()
}

fn run_with(echo: &Echo, items: &str, extra: &[&str]) -> crate::common::Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = collection(&dir, items);
    let base = format!("base={}", echo.url());
    let mut args = vec!["run", c.as_str(), "--env-var", base.as_str()];
    args.extend_from_slice(extra);
    courier(&args)
}

#[test]
fn redirects_are_followed_unless_turned_off() {
    let echo = Echo::start();
    let items = r#"
        {"name": "follow", "request": {"method": "POST", "url": "{{base}}/redirect?to=/landed&code=302", "body": {"mode": "raw", "raw": "x"}}},
        {"name": "keep 307", "request": {"method": "POST", "url": "{{base}}/redirect?to=/kept&code=307", "body": {"mode": "raw", "raw": "y"}}},
        {"name": "off", "protocolProfileBehavior": {"followRedirects": false}, "request": "{{base}}/redirect?to=/never"}"#;
    let run = run_with(&echo, items, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let got: Vec<(String, String, String)> = echo
        .received()
        .into_iter()
        .map(|r| (r.method, r.path, r.body))
        .collect();
    let want = [
        ("POST", "/redirect", "x"),
        ("GET", "/landed", ""),
        ("POST", "/redirect", "y"),
        ("POST", "/kept", "y"),
        ("GET", "/redirect", ""),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0.as_str(), g.1.as_str(), g.2.as_str()), w);
    }
    assert!(run.stdout.contains("[302 Found"), "{}", run.stdout);

    let echo = Echo::start();
    let run = run_with(
        &echo,
        r#"{"name": "global off", "request": "{{base}}/redirect?to=/never"}"#,
        &["--ignore-redirects"],
    );
    assert_eq!(run.code, 0);
    assert_eq!(echo.received().len(), 1);
}

#[test]
fn cookies_are_shared_across_requests_unless_disabled() {
    let echo = Echo::start();
    let items = r#"
        {"name": "set", "request": "{{base}}/cookie/set?ST=abc"},
        {"name": "sent back", "request": "{{base}}/echo"},
        {"name": "not sent", "protocolProfileBehavior": {"disableCookies": true}, "request": "{{base}}/echo2"}"#;
    let run = run_with(&echo, items, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let got = echo.received();
    assert_eq!(got[1].header("cookie"), Some("ST=abc"));
    assert_eq!(got[2].header("cookie"), None);
}

#[test]
fn digest_auth_answers_the_challenge() {
    let echo = Echo::start();
    let items = r#"{"name": "digest", "request": {"method": "GET", "url": "{{base}}/digest",
        "auth": {"type": "digest", "digest": [{"key": "username", "value": "u"}, {"key": "password", "value": "p"}]}}}"#;
    let run = run_with(&echo, items, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("[200 OK"), "{}", run.stdout);
    assert_eq!(echo.received().len(), 2, "challenge, then the answer");

    let echo = Echo::start();
    let wrong = items.replace(r#""value": "p""#, r#""value": "wrong""#);
    let run = run_with(&echo, &wrong, &[]);
    assert!(run.stdout.contains("[401 Unauthorized"), "{}", run.stdout);
}

#[test]
fn request_timeout_fails_that_request_only() {
    let echo = Echo::start();
    let items = r#"
        {"name": "slow", "request": "{{base}}/slow?ms=2000"},
        {"name": "fast", "request": "{{base}}/fast"}"#;
    let run = run_with(&echo, items, &["--timeout-request", "200"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("timed out"), "{}", run.stdout);
    assert_eq!(echo.received().len(), 2);
}

#[test]
fn run_timeout_stops_the_run() {
    let echo = Echo::start();
    let items = r#"
        {"name": "slow", "request": "{{base}}/slow?ms=3000"},
        {"name": "never", "request": "{{base}}/never"}"#;
    let run = run_with(&echo, items, &["--timeout", "300"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("the run timed out after 300 ms"),
        "{}",
        run.stdout
    );
    assert_eq!(echo.received().len(), 1);
}

#[test]
fn unsupported_auth_fails_the_item_and_the_run_goes_on() {
    let echo = Echo::start();
    let items = r#"
        {"name": "asap", "request": {"method": "GET", "url": "{{base}}/a", "auth": {"type": "asap", "asap": []}}},
        {"name": "next", "request": "{{base}}/b"}"#;
    let run = run_with(&echo, items, &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("One or more of required claims missing"),
        "{}",
        run.stdout
    );
    assert_eq!(echo.received().len(), 1);
}

#[test]
fn scripts_change_the_runs_cookie_jar() {
    let echo = Echo::start();
    let items = r#"
        {"name": "set by script", "event": [{"listen": "prerequest", "script": {"exec": [
            "const jar = pm.cookies.jar();",
            "jar.set(pm.variables.get('base'), 'fromScript', 'v1', function (err) { if (err) throw err; });"
        ]}}], "request": "{{base}}/one"},
        {"name": "read and unset", "event": [{"listen": "test", "script": {"exec": [
            "const jar = pm.cookies.jar();",
            "jar.get(pm.variables.get('base'), 'fromScript', function (err, value) {",
            "  pm.test('the jar has the cookie', function () { pm.expect(value).to.equal('v1'); });",
            "  jar.unset(pm.variables.get('base'), 'fromScript', function () {});",
            "});"
        ]}}], "request": "{{base}}/two"},
        {"name": "gone", "request": "{{base}}/three"}"#;
    let run = run_with(&echo, items, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let got = echo.received();
    assert_eq!(got[0].header("cookie"), Some("fromScript=v1"));
    assert_eq!(got[1].header("cookie"), Some("fromScript=v1"));
    assert_eq!(got[2].header("cookie"), None);
    assert!(
        run.stdout.contains("✓  the jar has the cookie"),
        "{}",
        run.stdout
    );
}

#[test]
fn https_checks_certificates_unless_told_not_to() {
    let server = crate::support::serve_tls(
        axum::Router::new().route("/ok", axum::routing::get(|| async { "fine" })),
    );
    let item = |name: &str, behavior: &str| {
        format!(
            r#"{{"name": "{name}", {behavior} "request": "{{{{base}}}}/ok",
                "event": [{{"listen": "test", "script": {{"exec": ["pm.test('200', () => pm.response.to.have.status(200));"]}}}}]}}"#
        )
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let base = format!("base={}", server.https_url());
    let strict = collection(&dir, &item("strict", ""));
    let run = courier(&["run", strict.as_str(), "--env-var", base.as_str()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.to_lowercase().contains("certificate"),
        "the failure names the certificate: {}",
        run.stdout
    );

    let run = courier(&["run", strict.as_str(), "--env-var", base.as_str(), "-k"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("200"), "{}", run.stdout);

    let dir = tempfile::tempdir().expect("tempdir");
    let lenient = collection(
        &dir,
        &item(
            "lenient",
            r#""protocolProfileBehavior": {"strictSSL": false},"#,
        ),
    );
    let run = courier(&["run", lenient.as_str(), "--env-var", base.as_str()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}
