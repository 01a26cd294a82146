//! A script fixture: an engine, scopes, a request and a response.

use std::time::Duration;

use bytes::Bytes;

use crate::collection::Request;
use crate::http::ResponseData;
use crate::outcome::{AssertionStatus, ItemError, ScriptEvent};
use crate::script::{
    AsSent, CookieSource, HostFuture, ScriptEngine, ScriptHost, ScriptInfo, ScriptJob,
    ScriptOptions, ScriptOutcome,
};
use crate::variables::Scopes;

/// A host without a network: every `pm.sendRequest` fails.
pub struct NoHost;

impl ScriptHost for NoHost {
    fn send_request(&self, _request: Request) -> HostFuture<'_, Result<ResponseData, String>> {
        Box::pin(async { Err("no network in unit tests".to_owned()) })
    }
}

/// Everything a script run needs, kept between runs like the runner keeps it.
pub struct Fixture {
    pub engine: ScriptEngine,
    pub scopes: Scopes,
    pub request: Request,
    pub response: ResponseData,
    pub info: ScriptInfo,
    pub cookies: Vec<(String, String)>,
    /// Makes test scripts' `pm.request` when they first need it (the runner's `AsSent`).
    pub as_sent: Option<AsSent>,
}

impl Fixture {
    pub fn new() -> Self {
        Self::with_options(ScriptOptions::default())
    }

    pub fn with_options(options: ScriptOptions) -> Self {
        let engine = match ScriptEngine::new(options) {
            Ok(engine) => engine,
            Err(e) => panic!("engine: {e}"),
        };
        let request: Request = serde_json::from_value(serde_json::json!({
            "url": "https://api.example.com/v1/users/:id?page=2&size=10",
            "method": "POST",
            "header": [{"key": "Content-Type", "value": "application/json"}],
            "body": {"mode": "raw", "raw": "{\"name\":\"Ada\"}"}
        }))
        .unwrap_or_default();
        Fixture {
            engine,
            scopes: Scopes::default(),
            request,
            response: json_response(
                200,
                "OK",
                r#"{"id":7,"name":"Ada","tags":["a","b"],"nested":{"ok":true}}"#,
            ),
            info: ScriptInfo {
                iteration: 0,
                iteration_count: 1,
                request_name: "Get user".into(),
                request_id: "req-1".into(),
                location: ["Test collection", "Users", "Get user"]
                    .map(String::from)
                    .into(),
            },
            cookies: vec![("session".into(), "abc".into())],
            as_sent: None,
        }
    }

    /// Runs a test script (with the response).
    pub async fn test(&mut self, source: &str) -> ScriptOutcome {
        self.run_with(ScriptEvent::Test, source, &NoHost).await
    }

    /// Runs a pre-request script.
    pub async fn pre(&mut self, source: &str) -> ScriptOutcome {
        self.run_with(ScriptEvent::Prerequest, source, &NoHost)
            .await
    }

    pub async fn run_with(
        &mut self,
        event: ScriptEvent,
        source: &str,
        host: &dyn ScriptHost,
    ) -> ScriptOutcome {
        // The fixture's own response: the engine holds it while the script
        // runs and must put it back for the next script.
        let job = ScriptJob {
            event,
            origin: "item".into(),
            source,
            info: &self.info,
            request: &mut self.request,
            response: (event == ScriptEvent::Test).then_some(&mut self.response),
            cookies: CookieSource::Fixed(&self.cookies),
            as_sent: &mut self.as_sent,
        };
        self.engine.run(job, &mut self.scopes, host).await
    }
}

/// A response with a JSON content type.
pub fn json_response(status: u16, reason: &str, body: &str) -> ResponseData {
    ResponseData {
        status,
        reason: reason.into(),
        headers: vec![
            (
                "Content-Type".into(),
                "application/json; charset=utf-8".into(),
            ),
            ("X-Request-Id".into(), "r-42".into()),
            ("Set-Cookie".into(), "token=xyz; Path=/; HttpOnly".into()),
        ],
        body: Bytes::from(body.to_owned()),
        dropped: None,
        time: Duration::from_millis(120),
        url: "https://api.example.com/v1/users/7".into(),
        http_version: "HTTP/1.1".into(),
    }
}

/// Names of passed assertions.
pub fn passed(outcome: &ScriptOutcome) -> Vec<String> {
    outcome
        .assertions
        .iter()
        .filter(|a| a.status == AssertionStatus::Passed)
        .map(|a| a.name.clone())
        .collect()
}

/// `(name, message)` of failed assertions.
pub fn failed(outcome: &ScriptOutcome) -> Vec<(String, String)> {
    outcome
        .assertions
        .iter()
        .filter(|a| a.status == AssertionStatus::Failed)
        .map(|a| {
            let message = a
                .failure
                .as_ref()
                .map(|f| f.message.clone())
                .unwrap_or_default();
            (a.name.clone(), message)
        })
        .collect()
}

/// The script error's message and line; panics when there is none.
pub fn error(outcome: &ScriptOutcome) -> (String, Option<u32>) {
    match &outcome.error {
        Some(ItemError::Script { message, line, .. }) => (message.clone(), *line),
        other => panic!("expected a script error, got {other:?}"),
    }
}

/// Fails with the script error, if any.
pub fn ok(outcome: &ScriptOutcome) {
    assert!(
        outcome.error.is_none(),
        "script failed: {:?}",
        outcome.error
    );
}

/// Runs `source` as a test script and requires every `pm.test` in it to
/// pass; returns their names.
pub async fn all_pass(fx: &mut Fixture, source: &str) -> Vec<String> {
    let out = fx.test(source).await;
    ok(&out);
    assert!(failed(&out).is_empty(), "{:#?}", failed(&out));
    passed(&out)
}
