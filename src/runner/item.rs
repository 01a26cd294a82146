//! Running one item: pre-request scripts, build, send, test scripts,
//! captures. Everything that goes wrong is recorded in the [`ItemResult`].

use std::borrow::Cow;
use std::cell::RefCell;
use std::time::Instant;

use crate::collection::{Auth, Event, Item, Request};
use crate::http::{
    BuildContext, Exchange, HttpClient, HttpError, HttpErrorKind, OAuth2Tokens, RequestSpec,
    ResponseData, SendBehavior, SentRequest, build_request, merge_behavior, url_text,
    with_idle_work,
};
use crate::script::{
    AsSent, CookieJarOp, CookieSource, HostFuture, NextRequest, RunRequestCall, RunRequestDone,
    ScriptEngine, ScriptHost, ScriptInfo, ScriptJob, ScriptOutcome, request_as_sent,
};
use crate::snapshot::{SnapshotSession, SnapshotTarget};
use crate::variables::{Generated, Scopes};

use super::nested::{self, NestedContext};
use super::options::RunOptions;
use super::plan::PlannedItem;
use super::sent_view::{SentView, headers_as_sent};
use crate::outcome::{
    Assertion, AssertionFailure, AssertionSource, CaptureRecord, ConsoleEntry, ItemError,
    ItemResult, ScriptEvent, ScriptRequest,
};

/// What every item of a run shares.
pub(crate) struct Shared<'a> {
    pub options: &'a RunOptions,
    pub client: &'a HttpClient,
    pub deadline: Option<Instant>,
}

impl Shared<'_> {
    pub fn timed_out(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }
}

/// Runs items one after the other with one script engine.
pub(crate) struct ItemRunner<'a> {
    pub shared: Shared<'a>,
    /// A request has been sent already (`--delay-request` waits before the next).
    pub sent_any: bool,
    engine: ScriptEngine,
    /// `--snapshots`: compares each response with its stored snapshot.
    snapshots: Option<SnapshotSession>,
    /// OAuth 2.0 tokens fetched during the run (see `oauth2.rs`).
    pub(super) oauth2: OAuth2Tokens,
    /// How many `pm.execution.runRequest` calls this runner is inside (0: the run's own).
    depth: usize,
    /// The last item's result, reported and kept only to be freed while
    /// the next request is on its way ([`ItemRunner::set_aside`]).
    spent: Option<ItemResult>,
}

/// What a script reads of its item.
struct ScriptInput<'r> {
    /// The item's request; pre-request scripts may change it.
    request: &'r mut Request,
    /// Test scripts: how `request` becomes the request as sent.
    as_sent: &'r mut Option<AsSent>,
    /// The response, for test scripts.
    response: Option<&'r mut ResponseData>,
}

/// A script with where it comes from.
struct ScriptRef<'a> {
    origin: String,
    source: String,
    _event: &'a Event,
}

impl<'a> ItemRunner<'a> {
    pub fn new(shared: Shared<'a>, engine: ScriptEngine) -> Self {
        let snapshots = shared.options.snapshots.clone().map(SnapshotSession::new);
        if snapshots.is_some() {
            // Snapshots hide the values dynamic variables gave (`snapshot`).
            crate::variables::record_generated();
        }
        let oauth2 = OAuth2Tokens::with_browser(shared.options.oauth2_browser);
        ItemRunner {
            shared,
            sent_any: false,
            engine,
            snapshots,
            oauth2,
            depth: 0,
            spent: None,
        }
    }

    /// A runner for a `pm.execution.runRequest` call `depth` deep: no
    /// snapshots or captures, and a script error ends the item (as
    /// postman-runtime runs a nested request with `stopOnError`).
    pub fn nested(shared: Shared<'a>, engine: ScriptEngine, depth: usize) -> Self {
        let oauth2 = OAuth2Tokens::with_browser(shared.options.oauth2_browser);
        ItemRunner {
            shared,
            sent_any: false,
            engine,
            snapshots: None,
            // Its own token cache: a nested request whose auth fetches an
            // OAuth 2.0 token fetches it again (rare; the cache is per runner).
            oauth2,
            depth,
            spent: None,
        }
    }

    /// Keeps `result`, reported, until the next request is on its way,
    /// so that freeing it takes none of the time between two requests.
    pub fn set_aside(&mut self, result: ItemResult) {
        self.spent = Some(result);
    }

    /// The script engine, the runner done with.
    pub fn into_engine(self) -> ScriptEngine {
        self.engine
    }

    fn script_failed(&self, result: &ItemResult) -> bool {
        self.depth > 0
            && result
                .errors
                .iter()
                .any(|e| matches!(e, ItemError::Script { .. }))
    }

    /// Runs `planned` once; returns the result and where to go next.
    pub async fn run_item(
        &mut self,
        planned: &PlannedItem<'_>,
        iteration: usize,
        scopes: &mut Scopes,
    ) -> (ItemResult, Option<NextRequest>) {
        let started = Instant::now();
        if self.depth == 0 && self.snapshots.is_some() {
            // Values given before this item are not its own.
            drop(crate::variables::take_generated());
        }
        let mut result = ItemResult {
            item: planned.item_ref.clone(),
            iteration,
            ..Default::default()
        };
        let mut next = None;
        let Some(original) = planned.item.request.as_ref() else {
            result.errors.push(ItemError::Request {
                message: "the item has neither a request nor child items".into(),
            });
            return (result, None);
        };
        // Copied only when a script or an OAuth 2.0 token changes it.
        let mut request = Cow::Borrowed(original);
        let info = ScriptInfo {
            iteration,
            iteration_count: self.shared.options.iterations(),
            request_name: planned.item_ref.name.clone(),
            request_id: planned.item_ref.id.clone(),
            location: self.location(planned),
        };
        let pre = self.scripts(planned, "prerequest");
        for script in &pre {
            let run = self
                .run_script(
                    ScriptEvent::Prerequest,
                    script,
                    &info,
                    ScriptInput {
                        request: request.to_mut(),
                        as_sent: &mut None,
                        response: None,
                    },
                    scopes,
                )
                .await;
            absorb(&mut result, &mut next, ScriptEvent::Prerequest, run);
            if result.skipped || self.script_failed(&result) {
                // Postman runs no further pre-request script after a skip.
                break;
            }
        }
        if result.skipped || self.script_failed(&result) {
            result.duration = started.elapsed();
            return (result, next);
        }
        let fetched = self.oauth2_token(planned, &mut request, scopes).await;
        result.secrets = self.oauth2_tokens().secrets().to_vec();
        match fetched {
            Ok(warning) => result.console.extend(warning),
            Err(message) => {
                result.errors.push(ItemError::Request { message });
                result.duration = started.elapsed();
                return (result, next);
            }
        }
        // While the request is on its way, the engine frees what the last
        // script left (work the next script would otherwise start with),
        // and the last item's result goes.
        let (engine, spent) = (&mut self.engine, &mut self.spent);
        let (usable, spec) = with_idle_work(
            Self::send(&self.shared, planned, &request, scopes, &mut result),
            || {
                engine.release_last_run();
                drop(spent.take());
            },
        )
        .await;
        // Scripts read the response where it is kept, out of the result
        // while they run (it goes back before captures and snapshots).
        let mut exchange = result.exchange.take();
        // Postman runs the test scripts after a transport error too (with an
        // empty `pm.response`); only a request that was never sent skips them.
        let tests = match &exchange {
            Some(_) => self.scripts(planned, "test"),
            None => Vec::new(),
        };
        // Test scripts see the request as sent, not the item's template,
        // made only if one of them needs it (`AsSent`).
        let mut as_sent =
            (!tests.is_empty()).then(|| self.as_sent(planned, &request, spec, exchange.as_ref()));
        let mut response = exchange
            .as_mut()
            .filter(|_| usable)
            .and_then(|e| e.response.as_mut().ok());
        for script in &tests {
            let run = self
                .run_script(
                    ScriptEvent::Test,
                    script,
                    &info,
                    ScriptInput {
                        request: request.to_mut(),
                        as_sent: &mut as_sent,
                        // The engine holds it while the script runs.
                        response: response.as_deref_mut(),
                    },
                    scopes,
                )
                .await;
            absorb(&mut result, &mut next, ScriptEvent::Test, run);
            if self.script_failed(&result) {
                break;
            }
        }
        let response = response
            .as_deref()
            .filter(|_| self.depth == 0 && self.keeps_response())
            .cloned();
        result.exchange = exchange;
        if let Some(response) = response.as_ref() {
            self.capture(&mut result, response, scopes);
            self.snapshot(&mut result, original, response, scopes);
        }
        result.duration = started.elapsed();
        (result, next)
    }

    /// How the request test scripts see is made from `request` once sent
    /// (`script::request_as_sent`, with the headers of `sent_view`), when
    /// a script first needs it.
    fn as_sent(
        &self,
        planned: &PlannedItem<'_>,
        request: &Request,
        spec: Option<RequestSpec>,
        exchange: Option<&Exchange>,
    ) -> AsSent {
        let inherited = inherited_auth(self.shared.options, planned);
        let auth = request
            .auth
            .iter()
            .chain(inherited)
            .find(|a| a.kind != "inherit")
            .cloned();
        let sent = exchange.map(|e| (e.initial_request().headers.clone(), e.response.is_ok()));
        AsSent::new(move |request: &Request, scopes: &Scopes| {
            let mut seen = request_as_sent(request, spec.as_ref(), auth.as_ref(), scopes);
            // With the headers as they went out (`sent_view`).
            if let (Some(spec), Some((sent, answered))) = (spec.as_ref(), sent.as_ref()) {
                seen.header = headers_as_sent(&SentView {
                    request,
                    spec,
                    sent,
                    answered: *answered,
                    resolve: &|t: &str| scopes.resolve(t),
                });
            }
            seen
        })
    }

    /// `pm.execution.location`: collection, folder and item names; empty
    /// when no script could ask (a run without scripts pays nothing).
    fn location(&self, planned: &PlannedItem<'_>) -> std::rc::Rc<[String]> {
        let collection = &self.shared.options.collection;
        let scripted = !collection.event.is_empty()
            || !planned.item.event.is_empty()
            || planned.folders.iter().any(|f| !f.event.is_empty());
        if !scripted {
            return std::rc::Rc::default();
        }
        std::iter::once(&collection.info.name)
            .chain(&planned.item_ref.folders)
            .chain(std::iter::once(&planned.item_ref.name))
            .cloned()
            .collect()
    }

    /// Scripts of `listen` in Postman's order: collection, folders, item.
    fn scripts<'p>(&self, planned: &PlannedItem<'p>, listen: &str) -> Vec<ScriptRef<'p>>
    where
        'a: 'p,
    {
        let collection = &self.shared.options.collection;
        let mut out = Vec::new();
        // The origin is written only for a script found.
        let mut push = |events: &'p [Event], origin: &dyn Fn() -> String| {
            for e in events.iter().filter(|e| e.listen == listen && !e.disabled) {
                let source = e.script.as_ref().map(|s| s.source()).unwrap_or_default();
                if !source.trim().is_empty() {
                    out.push(ScriptRef {
                        origin: origin(),
                        source,
                        _event: e,
                    });
                }
            }
        };
        push(&collection.event, &|| "collection".into());
        for folder in &planned.folders {
            push(&folder.event, &|| format!("folder \"{}\"", folder.name));
        }
        push(&planned.item.event, &|| "item".into());
        out
    }

    async fn run_script(
        &mut self,
        event: ScriptEvent,
        script: &ScriptRef<'_>,
        info: &ScriptInfo,
        input: ScriptInput<'_>,
        scopes: &mut Scopes,
    ) -> ScriptRun {
        if !self.shared.options.run_scripts {
            return ScriptRun::default();
        }
        let host = RunnerHost {
            client: self.shared.client,
            options: self.shared.options,
            sent: RefCell::new(Vec::new()),
            deadline: self.shared.deadline,
            iteration: info.iteration,
            depth: self.depth,
        };
        let job = ScriptJob {
            event,
            origin: script.origin.clone(),
            source: &script.source,
            info,
            request: input.request,
            response: input.response,
            cookies: CookieSource::Jar(self.shared.client.cookie_reader()),
            as_sent: input.as_sent,
        };
        let outcome = self.engine.run(job, scopes, &host).await;
        ScriptRun {
            outcome: Some(outcome),
            origin: script.origin.clone(),
            // A send the script's timeout cut short left its slot empty.
            sent: host.sent.into_inner().into_iter().flatten().collect(),
        }
    }

    async fn send(
        shared: &Shared<'_>,
        planned: &PlannedItem<'_>,
        request: &Request,
        scopes: &Scopes,
        result: &mut ItemResult,
    ) -> (bool, Option<RequestSpec>) {
        let options = shared.options;
        let inherited: Vec<&Auth> = inherited_auth(options, planned).collect();
        let behavior = item_behavior(options, planned.item, &planned.folders);
        let ctx = BuildContext {
            scopes,
            inherited_auth: &inherited,
            behavior,
            working_dir: &options.working_dir,
            insecure_file_read: options.insecure_file_read,
            base_override: options.base_override.as_deref(),
            item_key: Some(&planned.item_ref.id),
        };
        // What an earlier resolution left (a test script's view of a
        // request, say) is not this request's business.
        let _ = scopes.take_expansion_error();
        let built = build_request(request, &ctx);
        if let Some(e) = scopes.take_expansion_error() {
            // A value that grows without end: nothing to send.
            result.errors.push(ItemError::Request {
                message: e.to_string(),
            });
            return (false, None);
        }
        let spec = match built {
            Ok(s) => {
                // What Postman warns about and sends anyway shows as it
                // does in Newman: a console warning of the item.
                result
                    .console
                    .extend(s.warnings.iter().map(|message| ConsoleEntry {
                        level: "warn".into(),
                        message: message.clone(),
                    }));
                s
            }
            Err(e) => {
                if let Some(url) = e.bad_url {
                    // Postman attempts a request whose URL is broken and fails
                    // it at the network; record it as sent-and-failed so test
                    // scripts run and reports show the request.
                    result.exchange = Some(Exchange {
                        request: SentRequest {
                            method: request.method.clone(),
                            url,
                            ..Default::default()
                        },
                        first_request: None,
                        response: Err(HttpError {
                            kind: HttpErrorKind::InvalidUrl,
                            // The kind says "invalid URL" already.
                            message: e
                                .message
                                .strip_prefix("invalid URL ")
                                .unwrap_or(&e.message)
                                .to_owned(),
                        }),
                    });
                    result.errors.push(ItemError::Http { message: e.message });
                } else {
                    result
                        .errors
                        .push(ItemError::Request { message: e.message });
                }
                return (false, None);
            }
        };
        let retries = match super::retry::retries_for(options, planned.item, &planned.folders) {
            Ok(n) => n,
            Err(message) => {
                result.errors.push(ItemError::Request { message });
                return (false, None);
            }
        };
        let (exchange, attempts) = super::retry::send_with_retries(shared, &spec, retries).await;
        result.retries = attempts;
        // What auth warned about during the send (postman-runtime's console).
        result
            .console
            .extend(
                shared
                    .client
                    .take_warnings()
                    .into_iter()
                    .map(|message| ConsoleEntry {
                        level: "warn".into(),
                        message,
                    }),
            );
        let usable = match &exchange.response {
            Ok(r)
                if options.base_override.is_some()
                    && r.header(crate::mock::MISS_HEADER).is_some() =>
            {
                result.errors.push(ItemError::Http { message: r.text() });
                false
            }
            Ok(_) => true,
            Err(e) => {
                result.errors.push(ItemError::Http {
                    message: e.to_string(),
                });
                false
            }
        };
        result.exchange = Some(exchange);
        (usable, Some(spec))
    }

    /// Whether captures or snapshots read the item's response.
    fn keeps_response(&self) -> bool {
        self.shared.options.captures.is_some() || self.snapshots.is_some()
    }

    fn capture(&self, result: &mut ItemResult, response: &ResponseData, scopes: &mut Scopes) {
        let Some(spec) = &self.shared.options.captures else {
            return;
        };
        for rule in spec.rules_for(&result.item) {
            let name = rule.describe();
            match rule.extract(response) {
                Ok(value) => {
                    scopes.scope_mut(rule.scope).set(
                        rule.variable.clone(),
                        serde_json::Value::String(value.clone()),
                    );
                    result.captures.push(CaptureRecord {
                        variable: rule.variable.clone(),
                        value,
                    });
                    result
                        .assertions
                        .push(Assertion::passed(name, AssertionSource::Capture));
                }
                Err(message) => result.assertions.push(Assertion::failed(
                    name,
                    AssertionSource::Capture,
                    AssertionFailure {
                        message,
                        expected: None,
                        actual: None,
                    },
                )),
            }
        }
    }
}

impl ItemRunner<'_> {
    /// `--snapshots`: one assertion comparing the response with its snapshot.
    fn snapshot(
        &mut self,
        result: &mut ItemResult,
        request: &Request,
        response: &ResponseData,
        scopes: &Scopes,
    ) {
        let Some(session) = self.snapshots.as_mut() else {
            return;
        };
        let mut secrets = scopes.secret_values();
        secrets.extend(self.oauth2.secrets().iter().cloned());
        let options = self.shared.options;
        let written = format!(
            "{} {}",
            request.method,
            url_text(&request.url, &|t| t.to_owned())
        );
        let generated = generated_values(result);
        let target = SnapshotTarget {
            collection: &options.collection.info.name,
            item: &result.item,
            iteration: result.iteration,
            iterations: options.iterations(),
            request: &written,
            secrets: &secrets,
            generated: &generated,
        };
        let assertion = session.check(&target, response);
        result.assertions.push(assertion);
    }
}

/// What courier generated for the item: the values its dynamic variables
/// gave (in its request and its scripts' `replaceIn` calls), then the
/// `Postman-Token` of every request it sent.
fn generated_values(result: &ItemResult) -> Vec<Generated> {
    let mut generated = crate::variables::take_generated();
    let exchanges = result
        .exchange
        .iter()
        .chain(result.script_requests.iter().map(|s| &s.exchange));
    for exchange in exchanges {
        let requests = exchange.first_request.iter().chain([&exchange.request]);
        for request in requests {
            if let Some(token) = crate::http::find_header(&request.headers, "postman-token") {
                generated.push(Generated {
                    name: "postman-token",
                    value: token.to_owned(),
                });
            }
        }
    }
    generated
}

/// The auths an item inherits, nearest first: its folders, innermost
/// first, then the collection.
pub(super) fn inherited_auth<'a>(
    options: &'a RunOptions,
    planned: &'a PlannedItem<'_>,
) -> impl Iterator<Item = &'a Auth> {
    planned
        .folders
        .iter()
        .rev()
        .filter_map(|f| f.auth.as_ref())
        .chain(options.collection.auth.as_ref())
}

/// What running one script produced.
#[derive(Default)]
struct ScriptRun {
    /// The outcome; `None` under `--no-scripts`.
    outcome: Option<ScriptOutcome>,
    /// Where the script lives.
    origin: String,
    /// Its `pm.sendRequest` exchanges, in the order the script made them.
    sent: Vec<Exchange>,
}

/// Folds a script run (or its absence under `--no-scripts`) into the result.
fn absorb(
    result: &mut ItemResult,
    next: &mut Option<NextRequest>,
    event: ScriptEvent,
    run: ScriptRun,
) {
    let origin = run.origin;
    result
        .script_requests
        .extend(run.sent.into_iter().map(|exchange| ScriptRequest {
            event,
            origin: origin.clone(),
            exchange,
        }));
    let Some(outcome) = run.outcome else {
        result.scripts.not_run += 1;
        return;
    };
    let failed = outcome.error.is_some();
    match event {
        ScriptEvent::Prerequest => {
            result.scripts.prerequest += 1;
            result.scripts.prerequest_failed += usize::from(failed);
        }
        ScriptEvent::Test => {
            result.scripts.test += 1;
            result.scripts.test_failed += usize::from(failed);
        }
    }
    result.assertions.extend(outcome.assertions);
    result.console.extend(outcome.console);
    result.errors.extend(outcome.error);
    if outcome.next_request.is_some() {
        *next = outcome.next_request;
    }
    if outcome.skip_request && event == ScriptEvent::Prerequest {
        result.skipped = true;
    }
    if let Some(visualizer) = &outcome.visualizer {
        result.visualization = Some(super::visualize::render(visualizer));
    }
}

/// `protocolProfileBehavior` from collection, folders and item, over the CLI defaults.
fn item_behavior(options: &RunOptions, item: &Item, folders: &[&Item]) -> SendBehavior {
    let base = SendBehavior {
        strict_ssl: !options.insecure,
        timeout: options.timeout_request,
        ..Default::default()
    };
    let layers: Vec<&serde_json::Map<String, serde_json::Value>> = options
        .collection
        .protocol_profile_behavior
        .iter()
        .chain(
            folders
                .iter()
                .filter_map(|f| f.protocol_profile_behavior.as_ref()),
        )
        .chain(item.protocol_profile_behavior.as_ref())
        .collect();
    merge_behavior(base, &layers)
}

/// Lets `pm.sendRequest` use the run's client and cookie jar, and keeps
/// each exchange for the reports.
struct RunnerHost<'a> {
    client: &'a HttpClient,
    options: &'a RunOptions,
    /// The script's `pm.sendRequest` exchanges, in the order the script made
    /// the calls: each call takes a slot when it is made, and fills it when
    /// its exchange ends, so concurrent sends are reported in a stable order.
    /// The engine drives a batch on one task, so a `RefCell` suffices: no
    /// borrow is held across an await.
    sent: RefCell<Vec<Option<Exchange>>>,
    /// The run's `--timeout` deadline, for `pm.execution.runRequest`.
    deadline: Option<Instant>,
    /// The iteration, for `pm.execution.runRequest`.
    iteration: usize,
    /// How many `pm.execution.runRequest` calls deep the script runs.
    depth: usize,
}

impl ScriptHost for RunnerHost<'_> {
    fn run_request(&self, call: RunRequestCall, scopes: Scopes) -> HostFuture<'_, RunRequestDone> {
        Box::pin(async move {
            let context = NestedContext {
                shared: Shared {
                    options: self.options,
                    client: self.client,
                    deadline: self.deadline,
                },
                iteration: self.iteration,
                depth: self.depth,
            };
            let (done, sent) = nested::run_request(context, call, scopes).await;
            self.sent.borrow_mut().extend(sent.into_iter().map(Some));
            done
        })
    }

    fn cookie_jar(&self, op: CookieJarOp) -> HostFuture<'_, Result<Vec<(String, String)>, String>> {
        let client = self.client;
        Box::pin(async move {
            let url = match &op {
                CookieJarOp::Get { url } => url.clone(),
                CookieJarOp::Set { url, name, value } => {
                    client.set_cookie(url, name, value)?;
                    url.clone()
                }
                CookieJarOp::Unset { url, name } => {
                    client.remove_cookies(url, Some(name))?;
                    url.clone()
                }
                CookieJarOp::Clear { url } => {
                    client.remove_cookies(url, None)?;
                    url.clone()
                }
            };
            Ok(client.cookies_for(&url))
        })
    }

    fn send_request(&self, request: Request) -> HostFuture<'_, Result<ResponseData, String>> {
        let slot = {
            let mut sent = self.sent.borrow_mut();
            sent.push(None);
            sent.len() - 1
        };
        Box::pin(async move {
            // Postman does not substitute variables in pm.sendRequest; scripts
            // call pm.variables.replaceIn themselves.
            let scopes = Scopes::default();
            let ctx = BuildContext {
                scopes: &scopes,
                inherited_auth: &[],
                behavior: SendBehavior {
                    timeout: self.options.timeout_request,
                    strict_ssl: !self.options.insecure,
                    ..Default::default()
                },
                working_dir: &self.options.working_dir,
                insecure_file_read: self.options.insecure_file_read,
                base_override: self.options.base_override.as_deref(),
                item_key: None,
            };
            let exchange = match build_request(&request, &ctx) {
                Ok(spec) => self.client.send(&spec).await,
                // Postman reports a request it could not build as a request
                // that failed (a `request` event with the error).
                Err(e) => Exchange {
                    request: SentRequest {
                        method: request.method.clone(),
                        url: e
                            .bad_url
                            .unwrap_or_else(|| url_text(&request.url, &|t| t.to_owned())),
                        ..Default::default()
                    },
                    first_request: None,
                    response: Err(HttpError {
                        kind: HttpErrorKind::Other,
                        message: e.message,
                    }),
                },
            };
            let response = exchange.response.clone().map_err(|e| e.to_string());
            if let Some(place) = self.sent.borrow_mut().get_mut(slot) {
                *place = Some(exchange);
            }
            response
        })
    }
}
