//! The native side of the `pm` API: state one script run shares with the
//! JavaScript prelude, and the Rust functions the prelude calls.
//!
//! `engine.rs` moves the run's [`Scopes`] in here for the duration of a
//! script, so `pm.environment.set` and friends change the real variables at
//! once; assertions, console lines, `setNextRequest`, queued
//! `pm.sendRequest` calls and timers collect in [`RunState`]. The item's
//! request, response and cookies wait in [`JobData`] until the script first
//! reads `pm.request`, `pm.response` or `pm.cookies`: most scripts read one
//! of them, and none should pay for turning all three into JavaScript. After
//! `pm.execution.skipRequest()` the run is closed: later effects are
//! dropped, as Postman drops them.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::{Duration, Instant};

use rquickjs::{Ctx, Exception, Function, Object};
use serde_json::Value;

use super::api::{CookieJarOp, NextRequest, RunRequestCall};
use super::convert;
use super::crypto;
use super::sent::AsSent;
use super::v8_errors;
use crate::collection::Request;
use crate::http::{CookieReader, ResponseData, url_text};
use crate::outcome::{Assertion, AssertionFailure, AssertionSource, AssertionStatus, ConsoleEntry};
use crate::variables::{
    ExpansionError, Read, ScopeKind, Scopes, Substitution, VariableScope, dynamic_value, resolve,
};

/// What one script run has produced so far.
#[derive(Debug)]
pub(crate) struct RunState {
    /// Where assertions come from (pre-request or test script).
    pub source: AssertionSource,
    /// `pm.test` results, in completion order.
    pub assertions: Vec<Assertion>,
    /// `console.*` lines.
    pub console: Vec<ConsoleEntry>,
    /// The last `setNextRequest`.
    pub next_request: Option<NextRequest>,
    /// `pm.execution.skipRequest()` was called; later effects are ignored.
    pub skip_request: bool,
    /// `pm.sendRequest` calls waiting to be sent, with their ids.
    pub requests: Vec<(u32, Request)>,
    /// `pm.cookies.jar()` calls waiting for the host, with their ids.
    pub jar_ops: Vec<(u32, CookieJarOp)>,
    /// `pm.execution.runRequest` calls waiting for the host, with their ids.
    pub run_requests: Vec<(u32, RunRequestCall)>,
    /// Ids handed out to `pm.sendRequest`, `pm.cookies.jar()` and
    /// `pm.execution.runRequest` calls.
    pub request_ids: u32,
    /// Pending timers: id and when they fire.
    pub timers: Vec<(u32, Instant)>,
    /// `pm.visualizer.set` as JSON, when the script ended with one.
    pub visualizer: Option<String>,
}

impl Default for RunState {
    fn default() -> Self {
        RunState {
            source: AssertionSource::TestScript,
            assertions: Vec::new(),
            console: Vec::new(),
            next_request: None,
            skip_request: false,
            requests: Vec::new(),
            jar_ops: Vec::new(),
            run_requests: Vec::new(),
            request_ids: 0,
            timers: Vec::new(),
            visualizer: None,
        }
    }
}

/// The most variables a layer may hold for a test script's first change to
/// it to copy the layer (to make `pm.request` later, see
/// [`Bridge::before_change`]) rather than make the request as sent at once.
const KEEP_AT_MOST: usize = 32;

/// What the current script may read of its item, handed to the prelude on demand.
#[derive(Debug, Default)]
pub(crate) struct JobData {
    /// The item's request (moved here for the script; pre-request changes land here).
    pub request: Request,
    /// Test scripts: turns `request` into the request as sent (see [`Bridge::settle_request`]).
    pub as_sent: Option<AsSent>,
    /// The response, for test scripts.
    pub response: Option<ResponseData>,
    /// Where the script's cookies come from.
    pub cookies: JobCookies,
    /// `pm.execution.location`: collection, folders and item names.
    pub location: Rc<[String]>,
    /// Which of them owns the script (`location.current`).
    pub owner: usize,
}

/// `pm.cookies` of the current script, until it asks for them.
#[derive(Debug)]
pub(crate) enum JobCookies {
    /// Given as they are.
    Fixed(Vec<(String, String)>),
    /// Read from the run's jar for the request URL when asked for.
    Jar(CookieReader),
}

impl Default for JobCookies {
    fn default() -> Self {
        JobCookies::Fixed(Vec::new())
    }
}

impl JobData {
    /// The `(name, value)` cookies the script sees.
    fn cookies(&self, scopes: &Scopes) -> Vec<(String, String)> {
        match &self.cookies {
            JobCookies::Fixed(cookies) => cookies.clone(),
            JobCookies::Jar(jar) => {
                jar.cookies_for(&url_text(&self.request.url, &|t| scopes.resolve(t)))
            }
        }
    }
}

/// State shared between the engine, the interrupt handler and the natives.
#[derive(Debug, Default)]
pub(crate) struct Bridge {
    /// The run's variables while a script runs.
    pub scopes: RefCell<Scopes>,
    /// The iteration data as it was before the script first changed it:
    /// `pm.iterationData` changes last until the script ends.
    pub saved_data: RefCell<Option<VariableScope>>,
    /// The item the current script belongs to.
    pub job: RefCell<JobData>,
    /// What the current script produced.
    pub run: RefCell<RunState>,
    /// When the current script must stop (`--timeout-script`).
    pub deadline: Cell<Option<Instant>>,
    /// Set when the interrupt handler stopped the script for its deadline.
    pub timed_out: Cell<bool>,
    /// Asks the interrupt handler to stop the script now (after `skipRequest`).
    pub stop: Cell<bool>,
    /// Effects are dropped while a stopped script's leftover jobs run out.
    pub discarding: Cell<bool>,
    /// The current script's source, to word its errors as V8 does
    /// (`v8_errors.rs`); one buffer, refilled for every script.
    pub source: RefCell<String>,
}

impl Bridge {
    /// Called by QuickJS from time to time while JavaScript runs.
    pub fn should_interrupt(&self) -> bool {
        if self.stop.get() {
            return true;
        }
        if self.deadline.get().is_some_and(|d| Instant::now() >= d) {
            self.timed_out.set(true);
            return true;
        }
        false
    }

    /// Whether the current script waits for nothing: no request, cookie
    /// jar call, nested run or timer.
    pub fn idle(&self) -> bool {
        let run = self.run.borrow();
        run.requests.is_empty()
            && run.jar_ops.is_empty()
            && run.run_requests.is_empty()
            && run.timers.is_empty()
    }

    /// Makes the job's request the request as sent, if it is not yet:
    /// before a script reads `pm.request` or `pm.cookies` (see [`AsSent`]).
    pub fn settle_request(&self) {
        let mut job = self.job.borrow_mut();
        if let Some(as_sent) = job.as_sent.take() {
            job.request = as_sent.build(&job.request, &mut self.scopes.borrow_mut());
        }
    }

    /// Before a script changes layer `kind`: the request as sent, not made
    /// yet, will be made with the layer as it is now. A layer of more than
    /// [`KEEP_AT_MOST`] variables would cost more to copy than the request
    /// costs to make, so the request is made now instead.
    fn before_change(&self, kind: ScopeKind) {
        if self.job.borrow().as_sent.is_none() {
            return;
        }
        if self.scopes.borrow().scope(kind).len() > KEEP_AT_MOST {
            self.settle_request();
        } else if let Some(as_sent) = self.job.borrow_mut().as_sent.as_mut() {
            as_sent.keep(kind, &self.scopes.borrow());
        }
    }

    fn closed(&self) -> bool {
        self.discarding.get() || self.run.borrow().skip_request
    }

    /// The layer a script may change, if the run is open. The first change
    /// to the iteration data keeps a copy to restore when the script ends.
    fn writable(&self, scope: &str) -> Option<ScopeKind> {
        let kind = layer(scope).filter(|_| !self.closed())?;
        self.before_change(kind);
        if kind == ScopeKind::Data {
            let mut saved = self.saved_data.borrow_mut();
            if saved.is_none() {
                *saved = Some(self.scopes.borrow().data.clone());
            }
        }
        Some(kind)
    }

    /// Hands the variables back at the end of a script: what it set to
    /// `undefined` becomes `null`, and the iteration data is as it was.
    pub fn take_scopes(&self) -> Scopes {
        let mut scopes = std::mem::take(&mut *self.scopes.borrow_mut());
        scopes.end_script();
        if let Some(data) = self.saved_data.borrow_mut().take() {
            scopes.data = data;
        }
        scopes
    }
}

/// Which layer a scope name from the prelude means; `all` is every layer.
fn layer(name: &str) -> Option<ScopeKind> {
    Some(match name {
        "local" => ScopeKind::Local,
        "data" => ScopeKind::Data,
        "environment" => ScopeKind::Environment,
        "collection" => ScopeKind::Collection,
        "globals" => ScopeKind::Globals,
        _ => return None,
    })
}

/// What `scopeGet` answers for a read value: its JSON, or `undefined`
/// (never JSON, so the prelude tells them apart).
fn read_json(read: Read) -> String {
    match read {
        Read::Undefined => "undefined".to_owned(),
        Read::Value(v) => v.to_string(),
    }
}

fn scope_get(scopes: &Scopes, scope: &str, key: &str) -> Option<String> {
    let read = match layer(scope) {
        Some(kind) => scopes.scope(kind).read(key),
        None => scopes.read(key),
    };
    read.map(read_json)
}

/// `toObject()` as JSON `[object, [names that are undefined]]`: JSON has no
/// `undefined`, so the prelude puts it back where the names say.
fn scope_object(scopes: &Scopes, scope: &str) -> String {
    let reads: Vec<(String, Read)> = match layer(scope) {
        Some(kind) => scopes
            .scope(kind)
            .reads()
            .map(|(k, r)| (k.to_owned(), r))
            .collect(),
        None => scopes.reads().into_iter().collect(),
    };
    let mut object = serde_json::Map::new();
    let mut undefined = Vec::new();
    for (k, r) in reads {
        match r {
            Read::Value(v) => {
                object.insert(k, v);
            }
            Read::Undefined => {
                object.insert(k.clone(), Value::Null);
                undefined.push(Value::String(k));
            }
        }
    }
    Value::Array(vec![Value::Object(object), Value::Array(undefined)]).to_string()
}

fn scope_resolve(scopes: &Scopes, scope: &str, text: &str) -> Result<String, ExpansionError> {
    match layer(scope) {
        Some(kind) => resolve(text, &|name| match scopes.scope(kind).read(name) {
            Some(read) => Substitution::Text(read.text()),
            None => Substitution::Missing,
        }),
        None => scopes.replace_in(text),
    }
}

/// A string, boolean or safe integer from the prelude as JSON would give
/// it: an integer without a fraction (`-0` as `0`), a string that is not
/// Unicode as null.
fn plain_value(value: &rquickjs::Value<'_>) -> Value {
    if let Some(b) = value.as_bool() {
        return Value::Bool(b);
    }
    if let Some(s) = value.as_string() {
        return s.to_string().map_or(Value::Null, Value::String);
    }
    if let Some(i) = value.as_int() {
        return Value::from(i);
    }
    match value.as_float() {
        Some(f) if f >= 0.0 => Value::from(f as u64),
        Some(f) => Value::from(f as i64),
        None => Value::Null,
    }
}

fn failure_status(status: &str) -> AssertionStatus {
    match status {
        "passed" => AssertionStatus::Passed,
        "skipped" => AssertionStatus::Skipped,
        _ => AssertionStatus::Failed,
    }
}

/// A JavaScript object of native functions the prelude receives as `C.native`.
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, bridge: &Rc<Bridge>) -> rquickjs::Result<Object<'js>> {
    let native = Object::new(ctx.clone())?;
    add_scope_natives(ctx, &native, bridge)?;
    add_report_natives(ctx, &native, bridge)?;
    add_flow_natives(ctx, &native, bridge)?;
    add_job_natives(ctx, &native, bridge)?;
    crypto::add_natives(ctx, &native)?;
    super::cheerio::add_natives(ctx, &native)?;
    super::vault::add_natives(ctx, &native, bridge)?;
    super::members::add_natives(ctx, &native, bridge)?;
    let b = bridge.clone();
    native.set(
        "visualizer",
        Function::new(ctx.clone(), move |json: Option<String>| {
            b.run.borrow_mut().visualizer = json;
        })?,
    )?;
    Ok(native)
}

/// `jobRequest`, `jobHeaders`, `jobBody`, `jobCookies`: the item's data, as
/// JSON (the response's status line and sizes come with the script's start,
/// see `engine.rs`). `jobBody` is called only when a script reads the body,
/// and makes its one JavaScript string straight from the response's buffer
/// (or throws, for a body past `--max-response-size`).
fn add_job_natives<'js>(
    ctx: &Ctx<'js>,
    native: &Object<'js>,
    bridge: &Rc<Bridge>,
) -> rquickjs::Result<()> {
    let b = bridge.clone();
    native.set(
        "jobRequest",
        Function::new(ctx.clone(), move || {
            b.settle_request();
            serde_json::to_string(&b.job.borrow().request).unwrap_or_else(|_| "{}".to_owned())
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "jobHeaders",
        Function::new(ctx.clone(), move || {
            b.job
                .borrow()
                .response
                .as_ref()
                .map(|r| convert::headers_json(&r.headers))
                .unwrap_or_else(|| "[]".to_owned())
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "jobBody",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>| {
            let job = b.job.borrow();
            match job.response.as_ref() {
                Some(response) => convert::body_string(&ctx, response),
                None => rquickjs::String::from_str(ctx, ""),
            }
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "jobCookies",
        Function::new(ctx.clone(), move || {
            b.settle_request();
            let cookies = b.job.borrow().cookies(&b.scopes.borrow());
            serde_json::to_string(&cookies).unwrap_or_else(|_| "[]".to_owned())
        })?,
    )?;
    Ok(())
}

fn add_scope_natives<'js>(
    ctx: &Ctx<'js>,
    native: &Object<'js>,
    bridge: &Rc<Bridge>,
) -> rquickjs::Result<()> {
    let b = bridge.clone();
    native.set(
        "scopeGet",
        Function::new(ctx.clone(), move |scope: String, key: String| {
            scope_get(&b.scopes.borrow(), &scope, &key)
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "scopeHas",
        Function::new(ctx.clone(), move |scope: String, key: String| {
            scope_get(&b.scopes.borrow(), &scope, &key).is_some()
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "scopeObject",
        Function::new(ctx.clone(), move |scope: String| {
            scope_object(&b.scopes.borrow(), &scope)
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "scopeResolve",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'_>, scope: String, text: String| {
                scope_resolve(&b.scopes.borrow(), &scope, &text)
                    .map_err(|e| Exception::throw_range(&ctx, &format!("replaceIn: {e}")))
            },
        )?,
    )?;
    native.set(
        "dynamicValue",
        Function::new(ctx.clone(), |name: String| dynamic_value(&name))?,
    )?;
    let b = bridge.clone();
    native.set(
        "scopeSet",
        Function::new(
            ctx.clone(),
            move |scope: String, key: String, json: Option<String>, kind: Option<String>| {
                let Some(kind_of) = b.writable(&scope) else {
                    return;
                };
                // `None` is JavaScript's `undefined`.
                let value = json.map(|j| serde_json::from_str(&j).unwrap_or(Value::Null));
                let mut scopes = b.scopes.borrow_mut();
                let target = scopes.scope_mut(kind_of);
                match (value, kind) {
                    (value, Some(kind)) if kind == "secret" => {
                        target.set_typed(key, value.unwrap_or(Value::Null), Some(kind));
                    }
                    (Some(value), _) => target.set(key, value),
                    (None, _) => target.set_undefined(key),
                }
            },
        )?,
    )?;
    // `set` of a string, a boolean or a safe integer: the value as JSON
    // would carry it (a string that is not Unicode, which JSON cannot carry
    // either, becomes null).
    let b = bridge.clone();
    native.set(
        "scopeSetPlain",
        Function::new(
            ctx.clone(),
            move |scope: String, key: String, value: rquickjs::Value<'_>| {
                let Some(kind) = b.writable(&scope) else {
                    return;
                };
                b.scopes
                    .borrow_mut()
                    .scope_mut(kind)
                    .set(key, plain_value(&value));
            },
        )?,
    )?;
    let b = bridge.clone();
    native.set(
        "scopeUnset",
        Function::new(ctx.clone(), move |scope: String, key: String| {
            if let Some(kind) = b.writable(&scope) {
                b.scopes.borrow_mut().scope_mut(kind).unset(&key);
            }
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "scopeClear",
        Function::new(ctx.clone(), move |scope: String| {
            if let Some(kind) = b.writable(&scope) {
                b.scopes.borrow_mut().scope_mut(kind).clear();
            }
        })?,
    )?;
    Ok(())
}

fn add_report_natives<'js>(
    ctx: &Ctx<'js>,
    native: &Object<'js>,
    bridge: &Rc<Bridge>,
) -> rquickjs::Result<()> {
    let b = bridge.clone();
    native.set(
        "errorText",
        Function::new(
            ctx.clone(),
            move |name: String, message: String, stack: Option<String>| {
                v8_errors::error_text(
                    &name,
                    &message,
                    stack.as_deref().unwrap_or_default(),
                    &b.source.borrow(),
                )
            },
        )?,
    )?;
    let b = bridge.clone();
    native.set(
        "report",
        Function::new(
            ctx.clone(),
            move |name: String,
                  status: String,
                  message: Option<String>,
                  expected: Option<String>,
                  actual: Option<String>| {
                let mut run = b.run.borrow_mut();
                if run.skip_request || b.discarding.get() {
                    return;
                }
                let status = failure_status(&status);
                let failure = match status {
                    AssertionStatus::Failed => Some(AssertionFailure {
                        message: message.unwrap_or_default(),
                        expected,
                        actual,
                    }),
                    _ => None,
                };
                let source = run.source;
                run.assertions.push(Assertion {
                    name,
                    status,
                    source,
                    failure,
                });
            },
        )?,
    )?;
    // `report` of a passed test: the common case, with one argument to convert.
    let b = bridge.clone();
    native.set(
        "pass",
        Function::new(ctx.clone(), move |name: String| {
            let mut run = b.run.borrow_mut();
            if run.skip_request || b.discarding.get() {
                return;
            }
            let source = run.source;
            run.assertions.push(Assertion {
                name,
                status: AssertionStatus::Passed,
                source,
                failure: None,
            });
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "assertionCount",
        Function::new(ctx.clone(), move || b.run.borrow().assertions.len() as u32)?,
    )?;
    let b = bridge.clone();
    native.set(
        "console",
        Function::new(ctx.clone(), move |level: String, message: String| {
            let mut run = b.run.borrow_mut();
            if !run.skip_request && !b.discarding.get() {
                run.console.push(ConsoleEntry { level, message });
            }
        })?,
    )?;
    Ok(())
}

fn add_flow_natives<'js>(
    ctx: &Ctx<'js>,
    native: &Object<'js>,
    bridge: &Rc<Bridge>,
) -> rquickjs::Result<()> {
    let b = bridge.clone();
    native.set(
        "nextRequest",
        Function::new(ctx.clone(), move |target: Option<String>| {
            let mut run = b.run.borrow_mut();
            if !run.skip_request && !b.discarding.get() {
                run.next_request = Some(target.map_or(NextRequest::Stop, NextRequest::Item));
            }
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "skipRequest",
        Function::new(ctx.clone(), move || {
            let mut run = b.run.borrow_mut();
            run.skip_request = true;
            run.requests.clear();
            run.jar_ops.clear();
            run.run_requests.clear();
            run.timers.clear();
            b.stop.set(true);
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "sendRequest",
        Function::new(ctx.clone(), move |ctx: Ctx<'_>, json: String| {
            let request: Request = serde_json::from_str(&json).map_err(|e| {
                Exception::throw_type(&ctx, &format!("pm.sendRequest: invalid request: {e}"))
            })?;
            let mut run = b.run.borrow_mut();
            run.request_ids += 1;
            let id = run.request_ids;
            if !run.skip_request && !b.discarding.get() {
                run.requests.push((id, request));
            }
            Ok::<u32, rquickjs::Error>(id)
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "cookieJar",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'_>,
                  op: String,
                  url: String,
                  name: Option<String>,
                  value: Option<String>| {
                let op = match (op.as_str(), name) {
                    ("get", _) => CookieJarOp::Get { url },
                    ("set", Some(name)) => CookieJarOp::Set {
                        url,
                        name,
                        value: value.unwrap_or_default(),
                    },
                    ("unset", Some(name)) => CookieJarOp::Unset { url, name },
                    ("clear", _) => CookieJarOp::Clear { url },
                    _ => {
                        return Err(Exception::throw_type(
                            &ctx,
                            &format!("pm.cookies.jar().{op}: a cookie name is required"),
                        ));
                    }
                };
                let mut run = b.run.borrow_mut();
                run.request_ids += 1;
                let id = run.request_ids;
                if !run.skip_request && !b.discarding.get() {
                    run.jar_ops.push((id, op));
                }
                Ok::<u32, rquickjs::Error>(id)
            },
        )?,
    )?;
    let b = bridge.clone();
    native.set(
        "runRequest",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'_>, target: String, variables: Option<String>| {
                let variables = match variables {
                    Some(json) => run_request_variables(&json).map_err(|e| {
                        Exception::throw_type(&ctx, &format!("pm.execution.runRequest: {e}"))
                    })?,
                    None => Vec::new(),
                };
                let mut run = b.run.borrow_mut();
                run.request_ids += 1;
                let id = run.request_ids;
                if !run.skip_request && !b.discarding.get() {
                    run.run_requests
                        .push((id, RunRequestCall { target, variables }));
                }
                Ok::<u32, rquickjs::Error>(id)
            },
        )?,
    )?;
    let b = bridge.clone();
    native.set(
        "jobLocation",
        Function::new(ctx.clone(), move || {
            let job = b.job.borrow();
            let owner = job.location.get(job.owner).into_iter();
            let all: Vec<&String> = job.location.iter().chain(owner).collect();
            serde_json::to_string(&all).unwrap_or_else(|_| "[]".to_owned())
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "timerSet",
        Function::new(ctx.clone(), move |id: u32, delay: f64| {
            let mut run = b.run.borrow_mut();
            if run.skip_request || b.discarding.get() {
                return;
            }
            let delay = Duration::from_secs_f64((delay.max(0.0) / 1000.0).min(1e9));
            run.timers.retain(|(t, _)| *t != id);
            run.timers.push((id, Instant::now() + delay));
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "timerClear",
        Function::new(ctx.clone(), move |id: u32| {
            b.run.borrow_mut().timers.retain(|(t, _)| *t != id);
        })?,
    )?;
    Ok(())
}

/// The `variables` of a `pm.execution.runRequest` call (JSON of an object):
/// each becomes a local variable of the nested run.
fn run_request_variables(json: &str) -> Result<Vec<(String, Value)>, String> {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(map)) => Ok(map.into_iter().collect()),
        Ok(Value::Null) => Ok(Vec::new()),
        Ok(_) => Err("options.variables must be an object of names and values".to_owned()),
        Err(e) => Err(format!("options.variables cannot be read: {e}")),
    }
}
