//! `pm.sendRequest` against a real server on 127.0.0.1:0, through a small
//! host that sends with reqwest.

use std::time::{Duration, Instant};

use serde_json::json;

use super::server::server;
use super::support::{Fixture, error, failed, ok, passed};
use crate::collection::{Request, Url};
use crate::http::{ResponseData, url_text};
use crate::outcome::ScriptEvent;
use crate::script::{CookieJarOp, HostFuture, ScriptHost, ScriptOptions};

/// Sends with a plain reqwest client; no variables are substituted.
struct ReqwestHost {
    client: reqwest::Client,
}

impl ReqwestHost {
    fn new() -> Self {
        let _ = rustls::crypto::ring::default_provider().install_default();
        ReqwestHost {
            client: reqwest::Client::builder().build().unwrap_or_default(),
        }
    }
}

fn url_of(url: &Url) -> String {
    url_text(url, &|s| s.to_owned())
}

impl ScriptHost for ReqwestHost {
    fn send_request(&self, request: Request) -> HostFuture<'_, Result<ResponseData, String>> {
        Box::pin(async move {
            let started = Instant::now();
            let method = reqwest::Method::from_bytes(request.method.as_bytes())
                .map_err(|e| e.to_string())?;
            let mut builder = self.client.request(method, url_of(&request.url));
            for h in request.header.iter().filter(|h| !h.disabled) {
                builder = builder.header(h.key.as_str(), h.value_str());
            }
            if let Some(body) = &request.body {
                match body.mode.as_deref() {
                    Some("raw") => builder = builder.body(body.raw.clone().unwrap_or_default()),
                    Some("urlencoded") => {
                        let form: String = url::form_urlencoded::Serializer::new(String::new())
                            .extend_pairs(
                                body.urlencoded
                                    .iter()
                                    .map(|p| (p.key.as_str(), p.value_str())),
                            )
                            .finish();
                        builder = builder
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .body(form);
                    }
                    _ => {}
                }
            }
            let response = builder
                .send()
                .await
                .map_err(|e| format!("request failed: {e}"))?;
            let status = response.status();
            let headers = response
                .headers()
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned()))
                .collect();
            let url = response.url().to_string();
            let response_version = response.version();
            let body = response.bytes().await.map_err(|e| e.to_string())?;
            Ok(ResponseData {
                status: status.as_u16(),
                reason: status.canonical_reason().unwrap_or_default().to_owned(),
                headers,
                body,
                dropped: None,
                time: started.elapsed(),
                url,
                http_version: format!("{:?}", response_version),
            })
        })
    }
}

async fn fixture() -> (Fixture, ReqwestHost) {
    let mut fx = Fixture::new();
    fx.scopes.environment.set("base", json!(server().await));
    (fx, ReqwestHost::new())
}

#[tokio::test]
async fn callback_form_completes_before_the_script_ends() {
    let (mut fx, host) = fixture().await;
    let out = fx
        .run_with(
            ScriptEvent::Prerequest,
            "const base = pm.environment.get('base');\n\
             pm.sendRequest(base + '/json', function (err, res) {\n\
               pm.test('callback', () => {\n\
                 pm.expect(err).to.be.null;\n\
                 pm.expect(res.code).to.equal(200);\n\
                 pm.expect(res.status).to.equal('OK');\n\
                 pm.expect(res.json()).to.eql({hello: 'world', list: [1, 2, 3]});\n\
                 pm.expect(res.headers.get('x-test')).to.equal('1');\n\
                 res.to.have.status(200);\n\
               });\n\
               pm.environment.set('greeting', res.json().hello);\n\
             });",
            &host,
        )
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["callback"], "{:?}", failed(&out));
    assert_eq!(fx.scopes.environment.get("greeting"), Some(&json!("world")));
}

#[tokio::test]
async fn promise_form_with_a_request_object() {
    let (mut fx, host) = fixture().await;
    let out = fx
        .run_with(
            ScriptEvent::Test,
            "const base = pm.environment.get('base');\n\
             const res = await pm.sendRequest({\n\
               url: base + '/echo/items?x=1',\n\
               method: 'post',\n\
               header: {'Content-Type': 'application/json', 'X-Token': 'abc'},\n\
               body: {mode: 'raw', raw: JSON.stringify({a: 1})}\n\
             });\n\
             const echoed = res.json();\n\
             pm.test('echo', () => {\n\
               pm.expect(echoed.method).to.equal('POST');\n\
               pm.expect(echoed.path).to.equal('/echo/items');\n\
               pm.expect(echoed.query).to.equal('x=1');\n\
               pm.expect(echoed.headers['x-token']).to.equal('abc');\n\
               pm.expect(JSON.parse(echoed.body)).to.eql({a: 1});\n\
             });\n\
             const form = await pm.sendRequest({url: base + '/echo', method: 'PUT',\n\
               header: [{key: 'X-List', value: 'yes'}, 'X-Line: 2'],\n\
               body: {mode: 'urlencoded', urlencoded: [{key: 'a', value: '1'}, {key: 'b', value: 'two words'}]}});\n\
             pm.test('urlencoded', () => {\n\
               pm.expect(form.json().body).to.equal('a=1&b=two+words');\n\
               pm.expect(form.json().headers['x-list']).to.equal('yes');\n\
               pm.expect(form.json().headers['x-line']).to.equal('2');\n\
             });",
            &host,
        )
        .await;
    ok(&out);
    assert_eq!(
        passed(&out),
        vec!["echo", "urlencoded"],
        "{:?}",
        failed(&out)
    );
}

#[tokio::test]
async fn requests_run_concurrently_and_in_tests() {
    let (mut fx, host) = fixture().await;
    let started = Instant::now();
    let out = fx
        .run_with(
            ScriptEvent::Test,
            "const base = pm.environment.get('base');\n\
             pm.test('both', async () => {\n\
               const [a, b] = await Promise.all([pm.sendRequest(base + '/slow'), pm.sendRequest(base + '/slow')]);\n\
               pm.expect(a.text() + b.text()).to.equal('latelate');\n\
             });",
            &host,
        )
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["both"], "{:?}", failed(&out));
    // One after the other would take a second.
    assert!(
        started.elapsed() < Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn failures_reach_the_callback_or_the_promise() {
    let (mut fx, host) = fixture().await;
    let out = fx
        .run_with(
            ScriptEvent::Test,
            "pm.sendRequest('http://127.0.0.1:9/nothing', (err, res) => {\n\
               pm.test('error in callback', () => { pm.expect(err).to.be.an('error'); pm.expect(res).to.be.undefined; });\n\
             });\n\
             // Postman does not substitute variables in pm.sendRequest.\n\
             try { await pm.sendRequest('{{base}}/json'); pm.test('unreachable', () => {}); }\n\
             catch (e) { pm.test('rejected', () => pm.expect(e.message).to.be.a('string')); }",
            &host,
        )
        .await;
    ok(&out);
    assert_eq!(
        passed(&out),
        vec!["error in callback", "rejected"],
        "{:?}",
        failed(&out)
    );
}

#[tokio::test]
async fn issue11_a_throwing_callback_ends_only_itself() {
    // Newman hands the error to an event no reporter shows: the other
    // callbacks and their tests run, and the script does not fail.
    let (mut fx, host) = fixture().await;
    let out = fx
        .run_with(
            ScriptEvent::Test,
            "[1, 2, 3].forEach((i) => {\n\
               pm.sendRequest(pm.environment.get('base') + '/json', (err, res) => {\n\
                 pm.test('callback ' + i, () => pm.expect(res.code).to.equal(200));\n\
                 if (i === 2) { res.json().missing.field; }\n\
                 pm.test('after ' + i, () => {});\n\
               });\n\
             });\n\
             setTimeout(() => { throw new Error('timer'); }, 1);\n\
             setTimeout(() => pm.test('later timer', () => {}), 5);\n\
             pm.test('sync', () => {});",
            &host,
        )
        .await;
    ok(&out);
    let mut names = passed(&out);
    names.sort();
    assert_eq!(
        names,
        vec![
            "after 1",
            "after 3",
            "callback 1",
            "callback 2",
            "callback 3",
            "later timer",
            "sync"
        ],
        "{:?}",
        failed(&out)
    );
    let warnings: Vec<&str> = out
        .console
        .iter()
        .map(|c| c.message.as_str())
        .filter(|m| m.contains("ignored, as Newman does"))
        .collect();
    assert_eq!(warnings.len(), 2, "{:?}", out.console);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("pm.sendRequest callback (line 4) threw TypeError")),
        "{warnings:?}"
    );
}

#[tokio::test]
async fn slow_requests_count_against_the_script_timeout() {
    let mut fx = Fixture::with_options(ScriptOptions {
        timeout: Some(Duration::from_millis(100)),
        ..ScriptOptions::default()
    });
    fx.scopes.environment.set("base", json!(server().await));
    let host = ReqwestHost::new();
    let out = fx
        .run_with(
            ScriptEvent::Test,
            "pm.sendRequest(pm.environment.get('base') + '/slow', () => pm.test('never', () => {}));",
            &host,
        )
        .await;
    let (message, _) = error(&out);
    assert!(message.contains("timed out"), "{message}");
    assert!(out.assertions.is_empty());
}

#[tokio::test]
async fn the_current_request_can_be_sent_again() {
    let (mut fx, host) = fixture().await;
    let base = fx
        .scopes
        .environment
        .get("base")
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    fx.request = serde_json::from_value(json!({
        "url": format!("{base}/echo/again?q=1"),
        "method": "PATCH",
        "header": [{"key": "X-From", "value": "pm.request"}],
        "body": {"mode": "raw", "raw": "payload"}
    }))
    .unwrap_or_default();
    let out = fx
        .run_with(
            ScriptEvent::Prerequest,
            "const res = await pm.sendRequest(pm.request);\n\
             pm.test('same request', () => {\n\
               const e = res.json();\n\
               pm.expect([e.method, e.path, e.query, e.headers['x-from'], e.body]).to.eql(['PATCH', '/echo/again', 'q=1', 'pm.request', 'payload']);\n\
             });",
            &host,
        )
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["same request"], "{:?}", failed(&out));
}

/// Records what it is asked to send and answers 204.
struct RecordingHost {
    seen: std::cell::RefCell<Vec<Request>>,
}

impl ScriptHost for RecordingHost {
    fn send_request(&self, request: Request) -> HostFuture<'_, Result<ResponseData, String>> {
        self.seen.borrow_mut().push(request);
        Box::pin(async {
            Ok(ResponseData {
                status: 204,
                reason: "No Content".into(),
                ..ResponseData::default()
            })
        })
    }
}

#[tokio::test]
async fn request_shapes_are_normalised_into_the_collection_model() {
    let mut fx = Fixture::new();
    fx.scopes.environment.set("secret", json!("s"));
    let host = RecordingHost {
        seen: std::cell::RefCell::new(Vec::new()),
    };
    let out = fx
        .run_with(
            ScriptEvent::Test,
            "await pm.sendRequest('https://example.com/plain?x={{secret}}');\n\
             await pm.sendRequest({url: 'https://example.com/obj', method: 'delete', header: 'A: 1\\nB: 2'});\n\
             await pm.sendRequest({url: 'https://example.com/form', method: 'POST',\n\
               body: {mode: 'urlencoded', urlencoded: {a: '1', b: 'two'}}});\n\
             await pm.sendRequest({url: {protocol: 'https', host: ['example', 'com'], path: ['parts'], query: [{key: 'q', value: '1'}]},\n\
               method: 'PUT', body: {mode: 'raw', raw: {json: true}}, auth: {type: 'bearer', bearer: [{key: 'token', value: 't'}]}});\n\
             await pm.sendRequest({url: 'https://example.com/multi', method: 'POST',\n\
               body: {mode: 'formdata', formdata: [{key: 'f', value: 'v', type: 'text'}]}});\n\
             const r = await pm.sendRequest('https://example.com/last');\n\
             pm.test('answered', () => pm.expect(r.code).to.equal(204));",
            &host,
        )
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["answered"], "{:?}", failed(&out));
    let seen = host.seen.borrow();
    let urls: Vec<String> = seen.iter().map(|r| url_of(&r.url)).collect();
    assert_eq!(
        urls,
        vec![
            // Postman does not substitute variables in pm.sendRequest.
            "https://example.com/plain?x={{secret}}",
            "https://example.com/obj",
            "https://example.com/form",
            "https://example.com/parts?q=1",
            "https://example.com/multi",
            "https://example.com/last",
        ]
    );
    let methods: Vec<&str> = seen.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, vec!["GET", "DELETE", "POST", "PUT", "POST", "GET"]);
    let headers: Vec<(&str, &str)> = seen[1]
        .header
        .iter()
        .map(|h| (h.key.as_str(), h.value_str()))
        .collect();
    assert_eq!(headers, vec![("A", "1"), ("B", "2")]);
    let form = seen[2].body.as_ref().map(|b| {
        b.urlencoded
            .iter()
            .map(|p| format!("{}={}", p.key, p.value_str()))
            .collect::<Vec<_>>()
    });
    assert_eq!(form, Some(vec!["a=1".to_owned(), "b=two".to_owned()]));
    assert_eq!(
        seen[3].body.as_ref().and_then(|b| b.raw.as_deref()),
        Some("{\"json\":true}")
    );
    assert_eq!(
        seen[3].auth.as_ref().map(|a| a.param("token")),
        Some("t".to_owned())
    );
    assert_eq!(seen[4].body.as_ref().map(|b| b.formdata.len()), Some(1));
}

/// A host whose cookie jar is an in-memory list, shared by every URL.
struct JarHost {
    jar: std::cell::RefCell<Vec<(String, String)>>,
    urls: std::cell::RefCell<Vec<String>>,
}

impl ScriptHost for JarHost {
    fn send_request(&self, _request: Request) -> HostFuture<'_, Result<ResponseData, String>> {
        Box::pin(async { Err("no requests here".to_owned()) })
    }

    fn cookie_jar(&self, op: CookieJarOp) -> HostFuture<'_, Result<Vec<(String, String)>, String>> {
        let mut jar = self.jar.borrow_mut();
        let url = match op {
            CookieJarOp::Get { url } => url,
            CookieJarOp::Set { url, name, value } => {
                jar.retain(|(n, _)| *n != name);
                jar.push((name, value));
                url
            }
            CookieJarOp::Unset { url, name } => {
                jar.retain(|(n, _)| *n != name);
                url
            }
            CookieJarOp::Clear { url } => {
                jar.clear();
                url
            }
        };
        self.urls.borrow_mut().push(url);
        let cookies = jar.clone();
        Box::pin(async move { Ok(cookies) })
    }
}

#[tokio::test]
async fn cookie_jar_goes_through_the_host() {
    let mut fx = Fixture::new();
    let host = JarHost {
        jar: std::cell::RefCell::new(vec![("a".into(), "1".into())]),
        urls: std::cell::RefCell::new(Vec::new()),
    };
    let out = fx
        .run_with(
            ScriptEvent::Test,
            "const jar = pm.cookies.jar();\n\
             jar.set('https://example.com', 'b', '2', (err, cookie) => {\n\
               pm.test('set', () => { pm.expect(err).to.be.null; pm.expect(cookie).to.eql({name: 'b', value: '2'}); });\n\
               jar.get('https://example.com', 'b', (err, value) => pm.test('get', () => pm.expect(value).to.equal('2')));\n\
             });\n\
             await jar.set('https://example.com', {name: 'c', value: 3});\n\
             await jar.unset('https://example.com', 'a');\n\
             const all = await jar.getAll('https://example.com');\n\
             pm.test('getAll', () => pm.expect(all).to.eql([{name: 'b', value: '2'}, {name: 'c', value: '3'}]));\n\
             await jar.clear('https://example.com');\n\
             pm.test('cleared', async () => pm.expect(await jar.getAll('https://example.com')).to.eql([]));",
            &host,
        )
        .await;
    ok(&out);
    assert_eq!(
        passed(&out),
        vec!["set", "get", "getAll", "cleared"],
        "{:?}",
        failed(&out)
    );
    assert!(host.jar.borrow().is_empty());
    assert!(
        host.urls
            .borrow()
            .iter()
            .all(|u| u == "https://example.com")
    );
}
