//! The `pm` API: scopes, info, request, response, cookies, flow, console,
//! tests (sync, async, skipped) and the legacy globals.

use serde_json::json;

use super::support::{Fixture, all_pass, error, failed, ok, passed};
use crate::collection::Url;
use crate::outcome::AssertionStatus;
use crate::script::NextRequest;

#[tokio::test]
async fn scopes_read_and_write_the_real_variables() {
    let mut fx = Fixture::new();
    fx.scopes.globals.set("g", json!("global"));
    fx.scopes.collection.set("c", json!("collection"));
    fx.scopes.environment.set("e", json!("env"));
    fx.scopes.environment.set("shadow", json!("env"));
    fx.scopes.data.set("d", json!("row"));
    fx.scopes.local.set("shadow", json!("local"));
    let out = fx
        .pre(
            "pm.environment.set('token', 'abc');\n\
             pm.environment.set('count', 5);\n\
             pm.globals.set('obj', {a: [1]});\n\
             pm.collectionVariables.set('cv', true);\n\
             pm.variables.set('loc', 'L');\n\
             pm.environment.unset('e');\n\
             pm.test('reads', () => {\n\
               pm.expect(pm.environment.get('token')).to.equal('abc');\n\
               pm.expect(pm.environment.get('count')).to.equal(5);\n\
               pm.expect(pm.globals.get('obj')).to.eql({a: [1]});\n\
               pm.expect(pm.environment.get('e')).to.be.undefined;\n\
               pm.expect(pm.environment.has('token')).to.be.true;\n\
               pm.expect(pm.variables.get('shadow')).to.equal('local');\n\
               pm.expect(pm.variables.get('g')).to.equal('global');\n\
               pm.expect(pm.variables.get('d')).to.equal('row');\n\
               pm.expect(pm.iterationData.get('d')).to.equal('row');\n\
               pm.expect(pm.collectionVariables.get('c')).to.equal('collection');\n\
               pm.expect(pm.variables.toObject()).to.include({g: 'global', shadow: 'local', loc: 'L'});\n\
               pm.expect(pm.environment.toObject()).to.eql({shadow: 'env', token: 'abc', count: 5});\n\
               pm.expect(pm.variables.replaceIn('{{token}}-{{loc}}-{{nope}}')).to.equal('abc-L-{{nope}}');\n\
               pm.expect(pm.globals.replaceIn('{{token}}{{g}}')).to.equal('{{token}}global');\n\
               pm.expect(pm.variables.replaceIn('{{$guid}}')).to.match(/^[0-9a-f-]{36}$/);\n\
             });",
        )
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["reads"], "{:?}", failed(&out));
    assert_eq!(fx.scopes.environment.get("token"), Some(&json!("abc")));
    assert_eq!(fx.scopes.environment.get("count"), Some(&json!(5)));
    assert_eq!(fx.scopes.environment.get("e"), None);
    assert_eq!(fx.scopes.globals.get("obj"), Some(&json!({"a": [1]})));
    assert_eq!(fx.scopes.collection.get("cv"), Some(&json!(true)));
    assert_eq!(fx.scopes.local.get("loc"), Some(&json!("L")));
    // The very next substitution sees the change.
    assert_eq!(fx.scopes.resolve("Bearer {{token}}"), "Bearer abc");

    ok(&fx
        .test("pm.environment.clear(); pm.variables.unset('loc');")
        .await);
    assert!(fx.scopes.environment.is_empty());
    assert_eq!(fx.scopes.local.get("loc"), None);
}

#[tokio::test]
async fn info_and_execution_location() {
    let mut fx = Fixture::new();
    fx.info.iteration = 2;
    fx.info.iteration_count = 5;
    let names = all_pass(
        &mut fx,
        "pm.test('info', () => {\n\
           pm.expect(pm.info).to.eql({eventName: 'test', iteration: 2, iterationCount: 5, requestName: 'Get user', requestId: 'req-1'});\n\
           pm.expect(pm.execution.location.current).to.equal('Get user');\n\
         });",
    )
    .await;
    assert_eq!(names, vec!["info"]);
    let out = fx
        .pre("pm.test('event', () => pm.expect(pm.info.eventName).to.equal('prerequest'));")
        .await;
    assert_eq!(passed(&out), vec!["event"]);
}

#[tokio::test]
async fn response_api() {
    let mut fx = Fixture::new();
    all_pass(
        &mut fx,
        "pm.test('response', () => {\n\
           pm.expect(pm.response.code).to.equal(200);\n\
           pm.expect(pm.response.status).to.equal('OK');\n\
           pm.expect(pm.response.reason()).to.equal('OK');\n\
           pm.expect(pm.response.responseTime).to.equal(120);\n\
           pm.expect(pm.response.responseSize).to.be.above(50);\n\
           pm.expect(pm.response.json().tags).to.eql(['a', 'b']);\n\
           pm.expect(pm.response.text()).to.include('Ada');\n\
           pm.expect(pm.response.headers.get('content-type')).to.include('application/json');\n\
           pm.expect(pm.response.headers.has('X-REQUEST-ID')).to.be.true;\n\
           pm.expect(pm.response.headers.has('x-request-id', 'r-42')).to.be.true;\n\
           pm.expect(pm.response.headers.toObject()['x-request-id']).to.equal('r-42');\n\
           pm.expect(pm.response.headers.count()).to.equal(3);\n\
           pm.expect(pm.response.cookies.get('token')).to.equal('xyz');\n\
           pm.expect(pm.response.cookies.one('token').httpOnly).to.be.true;\n\
           pm.expect(pm.response.size().body).to.equal(pm.response.text().length);\n\
         });",
    )
    .await;
}

#[tokio::test]
async fn response_keys_stay_in_place_when_headers_are_built_on_first_read() {
    let mut fx = Fixture::new();
    all_pass(
        &mut fx,
        "const keys = ['id', 'status', 'code', 'headers', 'responseTime', 'responseSize', 'cookies'];\n\
         pm.test('before', () => pm.expect(Object.keys(pm.response)).to.eql(keys));\n\
         pm.test('read', () => pm.expect(pm.response.headers.count()).to.equal(3));\n\
         pm.test('after', () => pm.expect(Object.keys(pm.response)).to.eql(keys));\n\
         pm.test('json', () => pm.expect(pm.response.toJSON().header.length).to.equal(3));\n\
         pm.response.headers = 'mine';\n\
         pm.test('writable', () => pm.expect(pm.response.headers).to.equal('mine'));",
    )
    .await;
}

#[tokio::test]
async fn json_of_a_non_json_body_fails_like_postman() {
    let mut fx = Fixture::new();
    fx.response = super::support::json_response(500, "Internal Server Error", "<html>oops</html>");
    let out = fx
        .test("pm.test('json', () => pm.response.json());\npm.test('is json', () => pm.response.to.be.json);\npm.response.json();")
        .await;
    assert_eq!(
        failed(&out),
        vec![
            ("json".to_owned(), "JSONError: Unexpected token '<' at 1:1\n<html>oops</html>\n^".to_owned()),
            (
                "is json".to_owned(),
                "expected response body to be a valid json but got error Unexpected token '<' at 1:1".to_owned()
            ),
        ]
    );
    let (message, line) = error(&out);
    assert_eq!(
        message,
        "JSONError: Unexpected token '<' at 1:1\n<html>oops</html>\n^"
    );
    assert_eq!(line, Some(3));
}

#[tokio::test]
async fn request_mutation_in_prerequest_is_written_back() {
    let mut fx = Fixture::new();
    let out = fx
        .pre(
            "pm.test('read', () => {\n\
               pm.expect(pm.request.method).to.equal('POST');\n\
               pm.expect(pm.request.url.getHost()).to.equal('api.example.com');\n\
               pm.expect(pm.request.url.getPath()).to.equal('/v1/users/:id');\n\
               pm.expect(pm.request.url.query.get('page')).to.equal('2');\n\
               pm.expect(pm.request.url.toString()).to.equal('https://api.example.com/v1/users/:id?page=2&size=10');\n\
               pm.expect(pm.request.headers.get('content-type')).to.equal('application/json');\n\
               pm.expect(pm.request.body.raw).to.equal('{\"name\":\"Ada\"}');\n\
             });\n\
             pm.request.headers.add({key: 'X-Added', value: '1'});\n\
             pm.request.headers.upsert({key: 'content-type', value: 'text/plain'});\n\
             pm.request.addHeader('X-Other: 2');\n\
             pm.request.headers.remove('X-Other');\n\
             pm.request.url.query.upsert({key: 'page', value: '3'});\n\
             pm.request.url.addQueryParams('sort=name');\n\
             pm.request.url.query.remove('size');\n\
             pm.request.body.update({mode: 'raw', raw: JSON.stringify({name: 'Bob'})});\n\
             pm.request.method = 'put';",
        )
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["read"], "{:?}", failed(&out));
    let req = &fx.request;
    assert_eq!(req.method, "PUT");
    let headers: Vec<(&str, &str)> = req
        .header
        .iter()
        .map(|h| (h.key.as_str(), h.value_str()))
        .collect();
    // `upsert` takes the key as given, as the Postman SDK does.
    assert_eq!(
        headers,
        vec![("content-type", "text/plain"), ("X-Added", "1")]
    );
    match &req.url {
        Url::Object(o) => assert_eq!(
            o.raw.as_deref(),
            Some("https://api.example.com/v1/users/:id?page=3&sort=name")
        ),
        Url::Raw(r) => panic!("expected an object URL, got {r}"),
    }
    assert_eq!(
        req.body.as_ref().and_then(|b| b.raw.as_deref()),
        Some("{\"name\":\"Bob\"}")
    );

    // An untouched request keeps its original form.
    let mut fx = Fixture::new();
    ok(&fx
        .pre("pm.request.url.toString(); pm.request.headers.get('a');")
        .await);
    assert!(matches!(&fx.request.url, Url::Raw(_)));

    // Assigning a string URL works too.
    let mut fx = Fixture::new();
    ok(&fx
        .pre("pm.request.url = 'http://localhost:8080/other?q=1';")
        .await);
    match &fx.request.url {
        Url::Object(o) => assert_eq!(o.raw.as_deref(), Some("http://localhost:8080/other?q=1")),
        Url::Raw(r) => panic!("expected an object URL, got {r}"),
    }
}

#[tokio::test]
async fn request_changes_in_test_scripts_are_not_written_back() {
    let mut fx = Fixture::new();
    ok(&fx
        .test("pm.request.headers.add({key: 'X-Late', value: '1'});")
        .await);
    assert!(fx.request.header.iter().all(|h| h.key != "X-Late"));
}

#[tokio::test]
async fn cookies() {
    let mut fx = Fixture::new();
    all_pass(
        &mut fx,
        "pm.test('cookies', () => {\n\
           pm.expect(pm.cookies.get('session')).to.equal('abc');\n\
           pm.expect(pm.cookies.has('session')).to.be.true;\n\
           pm.expect(pm.cookies.has('nope')).to.be.false;\n\
           pm.expect(pm.cookies.toObject()).to.eql({session: 'abc'});\n\
         });\n\
         pm.cookies.jar().get('https://api.example.com', 'session', (err, value) => {\n\
           pm.test('jar get', () => { pm.expect(err).to.be.null; pm.expect(value).to.equal('abc'); });\n\
         });\n\
         pm.cookies.jar().set('https://api.example.com', 'x', 'y', (err) => {\n\
           pm.test('jar set is refused', () => pm.expect(err.message).to.include('no write access to the cookie jar'));\n\
         });",
    )
    .await;
}

#[tokio::test]
async fn flow_control() {
    let mut fx = Fixture::new();
    let out = fx.test("pm.execution.setNextRequest('Login');").await;
    assert_eq!(out.next_request, Some(NextRequest::Item("Login".into())));
    let out = fx.test("postman.setNextRequest(null);").await;
    assert_eq!(out.next_request, Some(NextRequest::Stop));
    let out = fx.test("pm.test('x', () => {});").await;
    assert_eq!(out.next_request, None);

    let out = fx
        .pre("console.log('before'); pm.variables.set('a', 1);\npm.execution.skipRequest();\nconsole.log('after'); pm.variables.set('b', 2);")
        .await;
    ok(&out);
    assert!(out.skip_request);
    assert_eq!(out.console.len(), 1);
    assert_eq!(fx.scopes.local.get("a"), Some(&json!(1)));
    assert_eq!(fx.scopes.local.get("b"), None);

    let out = fx.test("\npm.execution.skipRequest();").await;
    let (message, line) = error(&out);
    assert_eq!(
        message,
        "TypeError: pm.execution.skipRequest is not a function"
    );
    assert_eq!(line, Some(2));
    assert!(!out.skip_request);
}

#[tokio::test]
async fn console_is_captured_with_levels_and_formatting() {
    let mut fx = Fixture::new();
    let out = fx
        .test("console.log('a', 1, {b: [1, 'x']}, null, undefined);\nconsole.warn('%s is %d', 'n', 42);\nconsole.error(new Error('bad'));\nconsole.info([1, 2]);")
        .await;
    ok(&out);
    let lines: Vec<(&str, &str)> = out
        .console
        .iter()
        .map(|c| (c.level.as_str(), c.message.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![
            ("log", "a 1 { b: [ 1, 'x' ] } null undefined"),
            ("warn", "n is 42"),
            ("error", "Error: bad"),
            ("info", "[ 1, 2 ]"),
        ]
    );
}

#[tokio::test]
async fn tests_sync_async_promise_and_skip() {
    let mut fx = Fixture::new();
    let out = fx
        .test(
            "pm.test('sync', () => {});\n\
             pm.test('throws', () => { null.x; });\n\
             pm.test('done', (done) => { setTimeout(() => { pm.expect(1).to.equal(1); done(); }, 5); });\n\
             pm.test('done with error', (done) => { setTimeout(() => done(new Error('late')), 1); });\n\
             pm.test('promise', async () => { await new Promise(r => setTimeout(r, 2)); pm.expect(1).to.equal(2); });\n\
             pm.test('never done', (done) => {});\n\
             pm.test.skip('skipped', () => { throw new Error('not run'); });\n\
             pm.test('no function');\n\
             pm.test('index', () => pm.expect(pm.test.index()).to.be.a('number'));",
        )
        .await;
    ok(&out);
    let summary: Vec<(String, AssertionStatus)> = out
        .assertions
        .iter()
        .map(|a| (a.name.clone(), a.status))
        .collect();
    let status = |name: &str| summary.iter().find(|(n, _)| n == name).map(|(_, s)| *s);
    assert_eq!(status("sync"), Some(AssertionStatus::Passed));
    assert_eq!(status("throws"), Some(AssertionStatus::Failed));
    assert_eq!(status("done"), Some(AssertionStatus::Passed));
    assert_eq!(status("done with error"), Some(AssertionStatus::Failed));
    assert_eq!(status("promise"), Some(AssertionStatus::Failed));
    assert_eq!(status("never done"), Some(AssertionStatus::Failed));
    assert_eq!(status("skipped"), Some(AssertionStatus::Skipped));
    assert_eq!(status("no function"), Some(AssertionStatus::Passed));
    assert_eq!(status("index"), Some(AssertionStatus::Passed));
    let messages = failed(&out);
    let message = |name: &str| {
        messages
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, m)| m.clone())
    };
    assert_eq!(
        message("throws").as_deref(),
        Some("TypeError: Cannot read properties of null (reading 'x')")
    );
    assert_eq!(message("done with error").as_deref(), Some("Error: late"));
    assert_eq!(message("promise").as_deref(), Some("expected 1 to equal 2"));
    assert!(message("never done").unwrap_or_default().contains("done()"));
    let failure = out
        .assertions
        .iter()
        .find(|a| a.name == "promise")
        .and_then(|a| a.failure.clone());
    assert_eq!(
        failure.map(|f| (f.expected, f.actual)),
        Some((Some("2".into()), Some("1".into())))
    );
}

#[tokio::test]
async fn prerequest_assertions_have_their_source() {
    let mut fx = Fixture::new();
    let out = fx.pre("pm.test('pre', () => {});").await;
    assert_eq!(
        out.assertions[0].source,
        crate::outcome::AssertionSource::PrerequestScript
    );
    let out = fx.test("pm.test('post', () => {});").await;
    assert_eq!(
        out.assertions[0].source,
        crate::outcome::AssertionSource::TestScript
    );
}

#[tokio::test]
async fn legacy_globals() {
    let mut fx = Fixture::new();
    fx.scopes.environment.set("host", json!("example.com"));
    fx.scopes.globals.set("gk", json!("gv"));
    fx.scopes.data.set("row", json!("r1"));
    fx.info.iteration = 3;
    let out = fx
        .test(
            "tests['status is 200'] = responseCode.code === 200;\n\
             tests['body has Ada'] = typeof responseBody === 'string' && responseBody.has('Ada');\n\
             tests['header'] = responseHeaders['X-Request-Id'] === 'r-42';\n\
             tests['time'] = responseTime === 120;\n\
             tests['env'] = environment.host === 'example.com' && globals.gk === 'gv' && data.row === 'r1';\n\
             tests['iteration'] = iteration === 3;\n\
             tests['request'] = request.method === 'POST' && request.url.indexOf('api.example.com') > -1 && request.headers['content-type'] === 'application/json';\n\
             tests['cookie'] = postman.getResponseCookie('session').value === 'abc';\n\
             tests['getResponseHeader'] = postman.getResponseHeader('x-request-id') === 'r-42';\n\
             tests['failing'] = 0;\n\
             postman.setEnvironmentVariable('legacy', 42);\n\
             postman.setGlobalVariable('lg', true);\n\
             postman.clearEnvironmentVariable('host');\n\
             tests['getter'] = postman.getEnvironmentVariable('legacy') === '42' && environment.legacy === '42';\n\
             postman.setNextRequest('Next');",
        )
        .await;
    ok(&out);
    assert_eq!(
        passed(&out),
        vec![
            "status is 200",
            "body has Ada",
            "header",
            "time",
            "env",
            "iteration",
            "request",
            "cookie",
            "getResponseHeader",
            "getter"
        ]
    );
    assert_eq!(
        failed(&out),
        vec![("failing".into(), "expected 0 to be truthy".into())]
    );
    assert_eq!(fx.scopes.environment.get("legacy"), Some(&json!("42")));
    assert_eq!(fx.scopes.environment.get("host"), None);
    assert_eq!(fx.scopes.globals.get("lg"), Some(&json!("true")));
    assert_eq!(out.next_request, Some(NextRequest::Item("Next".into())));

    // Response globals do not exist in pre-request scripts.
    let out = fx.pre("pm.test('no response globals', () => pm.expect(typeof responseBody).to.equal('undefined'));").await;
    assert_eq!(
        passed(&out),
        vec!["no response globals"],
        "{:?}",
        failed(&out)
    );
}

#[tokio::test]
async fn a_thrown_value_that_is_not_an_error() {
    let mut fx = Fixture::new();
    let (message, _) = error(&fx.test("throw 'plain text';").await);
    assert_eq!(message, "plain text");
    let (message, _) = error(&fx.test("throw {code: 1};").await);
    assert_eq!(message, "{\"code\":1}");
    let (message, line) = error(
        &fx.test("\nPromise.reject(new RangeError('nobody catches me'));")
            .await,
    );
    assert_eq!(
        message,
        "unhandled promise rejection: RangeError: nobody catches me"
    );
    assert_eq!(line, Some(2));
    // A rejection handled later is fine.
    ok(&fx
        .test("const p = Promise.reject(new Error('x'));\nawait null;\np.catch(() => {});")
        .await);
}

#[tokio::test]
async fn top_level_await_and_return() {
    let mut fx = Fixture::new();
    let out = fx
        .test("const v = await new Promise(r => setTimeout(() => r(5), 1));\npm.test('awaited', () => pm.expect(v).to.equal(5));\nif (v) { return; }\npm.test('unreachable', () => {});")
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["awaited"]);
}

#[tokio::test]
async fn timers_run_in_order_and_can_be_cleared() {
    let mut fx = Fixture::new();
    let out = fx
        .test(
            "const seen = [];\n\
             setTimeout(() => seen.push('b'), 300);\n\
             setTimeout(() => seen.push('a'), 5);\n\
             const t = setTimeout(() => seen.push('never'), 10); clearTimeout(t);\n\
             let n = 0; const i = setInterval(() => { if (++n === 3) { clearInterval(i); } }, 1);\n\
             setTimeout(() => pm.test('order', () => { pm.expect(seen).to.eql(['a', 'b']); pm.expect(n).to.equal(3); }), 600);",
        )
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["order"], "{:?}", failed(&out));
}

#[tokio::test]
async fn issue11_errors_in_timer_callbacks_are_warnings_with_their_line() {
    // Newman 6.2.2 reports nothing and exits 0; courier warns on the console.
    let mut fx = Fixture::new();
    let out = fx
        .test("pm.test('before', () => {});\nsetTimeout(() => {\n  JSON.parse('{');\n}, 1);\nsetTimeout(() => pm.test('after', () => {}), 3);")
        .await;
    ok(&out);
    assert_eq!(passed(&out), vec!["before", "after"]);
    let warning = out.console.iter().find(|c| c.level == "warn");
    assert!(
        warning.is_some_and(|w| w.message.starts_with(
            "a timer callback (line 3) threw JSONError: Unexpected end of input at 1:2"
        )),
        "{:?}",
        out.console
    );
}

#[tokio::test]
async fn a_runaway_timer_callback_still_times_out() {
    let mut fx = Fixture::with_options(crate::script::ScriptOptions {
        timeout: Some(std::time::Duration::from_millis(200)),
        ..crate::script::ScriptOptions::default()
    });
    let out = fx.test("setTimeout(() => { while (true) {} }, 1);").await;
    let (message, _) = error(&out);
    assert!(
        message.contains("timed out") || message.contains("timeout"),
        "{message}"
    );
}

#[tokio::test]
async fn unsupported_pm_apis_say_so() {
    let mut fx = Fixture::new();
    let (message, line) = error(&fx.test("\nawait pm.execution.runRequest('id');").await);
    assert_eq!(
        message,
        "Error: pm.execution.runRequest needs a collection run; this host runs no items"
    );
    assert_eq!(line, Some(2));
}
