//! Issue 13, cheerio, end to end: a test script scrapes a login page served
//! by a local server with `cheerio.load(pm.response.text())`, the next
//! request carries what it found, and a bad selector is a script error
//! that names it. (`tests/fixtures/scripts/cheerio.postman_collection.json`
//! compares cheerio's results with Newman's, see `conformance/run.sh`.)

use axum::routing::get;
use serde_json::json;

use crate::common::courier;
use crate::support::echo::Echo;
use crate::support::serve;

const LOGIN_PAGE: &str = "<!DOCTYPE html><html><head><title>Sign in &amp; go</title></head>\
    <body><form action=/login method=post>\
    <input type=hidden name=csrf value=\"tok&amp;123\">\
    <input name=user></form></body></html>";

const SOAP: &str = "<?xml version=\"1.0\"?><soap-env:Envelope><soap-env:Body>\
    <QueueAccessRS><Line><UniqueID ID=\"ABC\"/></Line><Line><UniqueID ID=\"DEF\"/></Line></QueueAccessRS>\
    </soap-env:Body></soap-env:Envelope>";

fn script(lines: &[&str]) -> serde_json::Value {
    json!([{ "listen": "test", "script": { "type": "text/javascript", "exec": lines } }])
}

#[test]
fn issue13_cheerio_scrapes_a_page_into_the_next_request() {
    let pages = serve(
        axum::Router::new()
            .route("/login", get(|| async { axum::response::Html(LOGIN_PAGE) }))
            .route(
                "/queue",
                get(|| async { ([("content-type", "text/xml")], SOAP) }),
            ),
    );
    let echo = Echo::start();
    let collection = json!({
        "info": { "name": "cheerio", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
        "item": [
            {
                "name": "login page",
                "request": { "method": "GET", "url": format!("{}/login", pages.url()) },
                "event": script(&[
                    "const $ = cheerio.load(pm.response.text());",
                    "pm.environment.set('csrf', $('input[name=csrf]').val());",
                    "pm.test('title ' + $('title').text(), () => pm.expect($('form').attr('action')).to.equal('/login'));",
                    "pm.test('missing attribute is undefined', () => pm.expect($('form').attr('nope')).to.be.undefined);",
                ]),
            },
            {
                "name": "queue",
                "request": { "method": "GET", "url": format!("{}/queue", pages.url()) },
                "event": script(&[
                    "const doc = require('cheerio').load(pm.response.text(), { xmlMode: true });",
                    "const ids = doc('QueueAccessRS').find('Line').map((i, el) => doc(el).find('UniqueID').attr('ID')).get();",
                    "pm.environment.set('ids', ids.join(','));",
                ]),
            },
            {
                "name": "submit",
                "request": {
                    "method": "POST",
                    "url": format!("{}/submit", echo.url()),
                    "body": { "mode": "urlencoded", "urlencoded": [
                        { "key": "csrf", "value": "{{csrf}}" },
                        { "key": "ids", "value": "{{ids}}" }
                    ] }
                },
            }
        ]
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cheerio.postman_collection.json");
    std::fs::write(&path, collection.to_string()).expect("write the collection");
    let run = courier(&["run", &path.to_string_lossy()]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("title Sign in & go"), "{}", run.stdout);
    let submitted = echo
        .received()
        .into_iter()
        .find(|r| r.path == "/submit")
        .expect("the form was submitted");
    assert_eq!(submitted.body, "csrf=tok%26123&ids=ABC%2CDEF");
}

#[test]
fn issue13_cheerio_bad_selector_is_a_script_error_naming_it() {
    let echo = Echo::start();
    let collection = json!({
        "info": { "name": "cheerio errors", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
        "item": [{
            "name": "bad selector",
            "request": { "method": "GET", "url": format!("{}/x", echo.url()) },
            "event": script(&["cheerio.load('<p>x</p>')('p:nope');"]),
        }]
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("errors.postman_collection.json");
    std::fs::write(&path, collection.to_string()).expect("write the collection");
    let run = courier(&["run", &path.to_string_lossy()]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("SyntaxError") && run.stdout.contains("p:nope"),
        "{}",
        run.stdout
    );
}
