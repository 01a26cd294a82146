//! What goes on the wire, as Newman sends it (issue 11): redirects, URL
//! credentials and query marks, header-name spelling, `Content-Length: 0`,
//! the collection shapes postman-collection accepts, and the request test
//! scripts see. Each against a local server.

use crate::common::{Run, courier};
use crate::support::echo::{Echo, Received};
use crate::support::raw::RawEcho;

/// Runs a collection of `items` with `base` set to `base_url`.
fn run_items(base_url: &str, items: &str, extra: &[&str]) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.json");
    std::fs::write(
        &path,
        format!(r#"{{"info": {{"name": "wire"}}, "item": [{items}]}}"#),
    )
    .expect("write");
    let c = path.to_string_lossy().into_owned();
    let base = format!("base={base_url}");
    let mut args = vec!["run", c.as_str(), "--env-var", base.as_str()];
    args.extend_from_slice(extra);
    courier(&args)
}

fn landed<'a>(got: &'a [Received], path: &str) -> &'a Received {
    got.iter()
        .find(|r| r.path == path)
        .unwrap_or_else(|| panic!("no request to {path} in {got:?}"))
}

#[test]
fn issue11_redirects_send_what_postman_request_sends() {
    let echo = Echo::start();
    let own = r#""header": [{"key": "Authorization", "value": "Bearer t"}, {"key": "Cookie", "value": "mine=1"},
        {"key": "Content-Type", "value": "text/plain"}, {"key": "X-Custom", "value": "c"}],
        "body": {"mode": "raw", "raw": "payload"}"#;
    let localhost = echo.url().replace("127.0.0.1", "localhost");
    let items = format!(
        r#"{{"name": "302", "request": {{"method": "POST", "url": "{{{{base}}}}/redirect?to=/after-302&code=302", {own}}}}},
        {{"name": "307", "request": {{"method": "PUT", "url": "{{{{base}}}}/redirect?to=/after-307&code=307", {own}}}}},
        {{"name": "300", "request": {{"method": "POST", "url": "{{{{base}}}}/redirect?to=/after-300&code=300", {own}}}}},
        {{"name": "keep method", "protocolProfileBehavior": {{"followOriginalHttpMethod": true, "removeRefererHeaderOnRedirect": true}},
          "request": {{"method": "POST", "url": "{{{{base}}}}/redirect?to=/after-303&code=303", {own}}}}},
        {{"name": "other host", "request": {{"method": "POST", "url": "{{{{base}}}}/redirect?to={localhost}/after-host&code=307", {own}}}}}"#
    );
    let run = run_items(&echo.url(), &items, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let got = echo.received();
    let referer = |code: u16, to: &str| format!("{}/redirect?to={to}&code={code}", echo.url());

    // 302 (and any 3xx but 307/308): GET, no body, no Content-Type; the
    // request's own Cookie and Authorization stay; Referer names the last URL.
    let r = landed(&got, "/after-302");
    assert_eq!((r.method.as_str(), r.body.as_str()), ("GET", ""));
    assert_eq!(r.header("content-type"), None);
    assert_eq!(r.header("cookie"), Some("mine=1"));
    assert_eq!(r.header("authorization"), Some("Bearer t"));
    assert_eq!(
        r.header("referer"),
        Some(referer(302, "/after-302").as_str())
    );
    let r = landed(&got, "/after-300");
    assert_eq!(r.method, "GET");

    // 307: method, body and type stay.
    let r = landed(&got, "/after-307");
    assert_eq!((r.method.as_str(), r.body.as_str()), ("PUT", "payload"));
    assert_eq!(r.header("content-type"), Some("text/plain"));

    // followOriginalHttpMethod keeps POST on 303; no Referer when asked.
    let r = landed(&got, "/after-303");
    assert_eq!((r.method.as_str(), r.body.as_str()), ("POST", "payload"));
    assert_eq!(r.header("referer"), None);

    // Another host name: Authorization goes, the rest stays.
    let r = landed(&got, "/after-host");
    assert_eq!(r.header("authorization"), None);
    assert_eq!(r.header("cookie"), Some("mine=1"));
    assert_eq!(r.header("x-custom"), Some("c"));
    assert!(
        r.header("host")
            .is_some_and(|h| h.starts_with("localhost:"))
    );
}

#[test]
fn issue11_redirect_cookies_are_the_requests_then_the_jars() {
    let echo = Echo::start();
    let items = r#"
        {"name": "set", "request": "{{base}}/cookie/set?sid=abc"},
        {"name": "redirected", "request": {"method": "GET", "url": "{{base}}/redirect?to=/landed",
            "header": [{"key": "Cookie", "value": "mine=1"}]}}"#;
    let run = run_items(&echo.url(), items, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let got = echo.received();
    assert_eq!(got[1].header("cookie"), Some("mine=1; sid=abc"));
    assert_eq!(
        landed(&got, "/landed").header("cookie"),
        Some("mine=1; sid=abc")
    );
}

#[test]
fn issue11_header_names_query_mark_url_credentials_and_empty_post() {
    let raw = RawEcho::start();
    let port = raw.addr.port();
    let items = format!(
        r#"{{"name": "empty post", "request": {{"method": "POST", "url": "{{{{base}}}}/p",
            "header": [{{"key": "x-lower", "value": "1"}}, {{"key": "X-Mixed-Case", "value": "2"}}]}}}},
        {{"name": "structured", "request": {{"method": "GET", "url": {{"protocol": "http", "host": ["127", "0", "0", "1"],
            "port": "{port}", "path": ["q"], "query": [{{"key": null, "value": null}}],
            "auth": {{"user": "u@x", "password": "p@y"}}}}}}}},
        {{"name": "get", "request": "{{{{base}}}}/g"}}"#
    );
    let run = run_items(&raw.url(), &items, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let got = raw.received();
    assert_eq!(got.len(), 3, "{got:?}");

    let post = &got[0];
    assert!(post.starts_with("POST /p HTTP/1.1\r\n"), "{post}");
    for line in [
        "X-Lower: 1\r\n",
        "X-Mixed-Case: 2\r\n",
        "User-Agent: courier/",
        "Accept: */*\r\n",
        "Cache-Control: no-cache\r\n",
        "Postman-Token: ",
        "Accept-Encoding: gzip, deflate, br\r\n",
        "Connection: keep-alive\r\n",
        "Host: 127.0.0.1:",
        "Content-Length: 0\r\n",
    ] {
        assert!(post.contains(line), "{line:?} in {post}");
    }

    let structured = &got[1];
    assert!(
        structured.starts_with("GET /q? HTTP/1.1\r\n"),
        "{structured}"
    );
    // base64("u@x:p@y")
    assert!(
        structured.contains("Authorization: Basic dUB4OnBAeQ==\r\n"),
        "{structured}"
    );

    assert!(
        !got[2].contains("Content-Length"),
        "no length on a GET: {}",
        got[2]
    );
}

#[test]
fn issue11_single_objects_and_script_sources_are_read_as_newman_reads_them() {
    let echo = Echo::start();
    let items = r#"
        {"name": "shapes", "request": {"method": "GET", "url": "{{base}}/s", "header": {"X-Map": "m"}},
         "event": {"listen": "test", "script": "pm.test('one event object', () => pm.expect(pm.response.json().headers['x-map']).to.equal('m'));"}},
        {"name": "folder", "item": {"name": "child", "request": "{{base}}/child",
         "event": [{"listen": "test", "script": ["pm.test('script lines', () => pm.response.to.have.status(200));"]}]}}"#;
    let run = run_items(&echo.url(), items, &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("✓  one event object"), "{}", run.stdout);
    assert!(run.stdout.contains("✓  script lines"), "{}", run.stdout);
}

#[test]
fn issue11_test_scripts_see_the_request_as_sent() {
    let echo = Echo::start();
    let items = r#"
        {"name": "seen", "request": {"method": "POST", "url": "{{base}}/seen?q={{v}}",
            "header": [{"key": "X-V", "value": "{{v}}"}],
            "auth": {"type": "basic", "basic": [{"key": "username", "value": "u"}, {"key": "password", "value": "{{v}}"}]},
            "body": {"mode": "raw", "raw": "{\"v\": \"{{v}}\"}", "options": {"raw": {"language": "json"}}}},
         "event": [{"listen": "test", "script": {"exec": [
            "const h = pm.request.headers;",
            "pm.test('resolved', () => { pm.expect(h.get('X-V')).to.equal('V1'); pm.expect(pm.request.body.raw).to.equal('{\"v\": \"V1\"}'); });",
            "pm.test('url', () => pm.expect(pm.request.url.toString()).to.equal(pm.variables.get('base') + '/seen?q=V1'));",
            "pm.test('auth header', () => pm.expect(h.get('Authorization')).to.equal('Basic ' + btoa('u:V1')));",
            "pm.test('body type', () => pm.expect(h.get('Content-Type')).to.equal('application/json'));",
            "pm.test('system headers', () => ['User-Agent', 'Accept', 'Cache-Control', 'Postman-Token', 'Host', 'Accept-Encoding', 'Connection'].forEach(n => pm.expect(h.has(n), n).to.equal(true)));",
            "pm.test('length as sent', () => pm.expect(h.get('Content-Length')).to.equal('11'));",
            "pm.test('same token as sent', () => pm.expect(h.get('Postman-Token')).to.equal(pm.response.json().headers['postman-token']));",
            "pm.test('auth resolved', () => pm.expect(pm.request.auth.parameters().get('password')).to.equal('V1'));"
         ]}}]}"#;
    let run = run_items(&echo.url(), items, &["--env-var", "v=V1"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("✓  length as sent"), "{}", run.stdout);
}

/// Runs `wild/NAME.postman_collection.json` (the fixture `conformance/run.sh`
/// compares with Newman) against `echo`; every assertion must pass.
fn run_wild(echo: &Echo, name: &str) -> Run {
    let collection = crate::common::fixture(&format!("wild/{name}.postman_collection.json"));
    let base = format!("base={}", echo.url());
    let run = courier(&["run", &collection, "--env-var", &base]);
    assert_eq!(run.code, 0, "{name}:\n{}\n{}", run.stdout, run.stderr);
    run
}

#[test]
fn issue11_wire_fixtures_pass() {
    let echo = Echo::start();
    run_wild(&echo, "redirect-headers");
    let got = echo.received();
    let r = landed(&got, "/after-two");
    let want = format!("{}/redirect?to=/after-two&code=301", echo.url());
    assert_eq!(r.header("referer"), Some(want.as_str()));
    assert_eq!(landed(&got, "/after-host").header("authorization"), None);
    assert_eq!(
        landed(&got, "/after-host-kept").header("authorization"),
        Some("Bearer t-123")
    );

    let echo = Echo::start();
    run_wild(&echo, "url-credentials-and-query");
    let got = echo.received();
    assert_eq!(
        landed(&got, "/auth-user").header("authorization"),
        Some("Basic dTo=")
    );
    assert_eq!(
        landed(&got, "/auth-header").header("authorization"),
        Some("Mine")
    );
    assert_eq!(landed(&got, "/q4").query, "a=1&&=v");

    let echo = Echo::start();
    let run = run_wild(&echo, "request-seen-by-tests");
    assert!(run.stdout.contains("✓  Cookie as sent"), "{}", run.stdout);

    let echo = Echo::start();
    run_wild(&echo, "single-object-shapes");
    let got = echo.received();
    assert_eq!(
        landed(&got, "/header-text").header("x-b"),
        Some("two: three")
    );
    assert_eq!(landed(&got, "/query-object").query, "a=1&b");
}
