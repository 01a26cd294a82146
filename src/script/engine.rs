//! [`ScriptEngine`]: one QuickJS runtime per run, and the loop that drives
//! a script to completion.
//!
//! The prelude (`js/*.js`, compiled to bytecode by `build.rs`) is loaded
//! into one context when the first script runs, and that context serves
//! every script of the run, as Postman's sandbox keeps one context; the
//! seldom-used libraries in it load on first use. Each script is compiled as
//! the body of its own function (so its `var`s and functions stay local;
//! implicit globals persist, as in Postman), an async one if it may `await`,
//! once per distinct source (V8 in Newman keeps a compilation cache too),
//! and the prelude's `run()` sets the per-script state (`pm`, `tests`, ...)
//! before it calls it. A script stopped
//! by its time limit has the promise jobs it left behind discarded; a script
//! that hits the memory limit leaves the context behind, and the next script
//! gets a fresh one.
//!
//! What a script costs was measured with callgrind (see `bench/README.md`):
//! the work is kept out of the per-script path wherever it can be built once
//! or on demand.
//!
//! No `Ctx` is held across an `.await`: the script runs synchronously, its
//! `pm.sendRequest` calls and timers queue up in the [`Bridge`], then the
//! loop awaits the host, delivers the results, runs the promise jobs they
//! unlock, and repeats until nothing is left, so `pm.sendRequest` finishes
//! before the script counts as done.

use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

use futures_util::future::join_all;
use rquickjs::context::EvalOptions;
use rquickjs::function::{Args, IntoArgs};
use rquickjs::{
    CatchResultExt, CaughtError, Context, Ctx, Function, Module, Object, Persistent, Runtime,
};

use super::alloc::{LimitedAllocator, MemoryMeter};
use super::api::{
    CookieJarOp, CookieSource, RunRequestCall, ScriptError, ScriptHost, ScriptJob, ScriptOptions,
    ScriptOutcome,
};
use super::bridge::{Bridge, JobCookies, JobData, RunState, natives};
use super::convert::{self, RequestChanges, SCRIPT_FILE, Thrown};
use super::nested;
use super::packages::{self, PackageStore};
use super::v8_errors::{self, SYNC_WRAP_PREFIX, WRAP_PREFIX};
use crate::collection::Request;
use crate::outcome::{AssertionSource, ItemError, ScriptEvent};
use crate::variables::Scopes;

/// A prelude file: its name, its source, and its bytecode (compiled by `build.rs`).
struct PreludeFile {
    name: &'static str,
    source: &'static str,
    bytecode: &'static [u8],
}

macro_rules! prelude_file {
    ($name:literal) => {
        PreludeFile {
            name: concat!("courier/", $name, ".js"),
            source: include_str!(concat!("js/", $name, ".js")),
            bytecode: include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".qjsbc")),
        }
    };
}

/// The prelude, in load order; each file is `(function (C) { ... })`.
const PRELUDE: &[PreludeFile] = &[
    prelude_file!("base"),
    prelude_file!("libraries"),
    prelude_file!("expect"),
    prelude_file!("expect_more"),
    prelude_file!("variable"),
    prelude_file!("sdk"),
    prelude_file!("pm_members"),
    prelude_file!("postman"),
    prelude_file!("pm"),
    prelude_file!("sugar"),
];

/// Prelude files loaded when a script first uses one of the names they set
/// on `C` (see `js/libraries.js`): loading them all would cost every run
/// time that most runs never use.
const LIBRARIES: &[(PreludeFile, &[&str])] = &[
    (
        prelude_file!("libs"),
        &["Buffer", "atob", "btoa", "uuid", "webCrypto"],
    ),
    (prelude_file!("cryptojs"), &["CryptoJS"]),
    (prelude_file!("lodash"), &["lodash"]),
    (prelude_file!("moment"), &["moment"]),
    (
        prelude_file!("schema"),
        &["Ajv", "tv4", "validateSchema", "schemaErrorsText"],
    ),
    (prelude_file!("xml"), &["xml2js", "xml2Json"]),
    (prelude_file!("collection"), &["postmanCollection"]),
    (prelude_file!("node_url"), &["nodeUrl", "nodeQuerystring"]),
    (prelude_file!("node_json"), &["jsonErrorMessage"]),
    (prelude_file!("cheerio"), &["cheerio"]),
    (prelude_file!("packages"), &["pmRequire"]),
    (prelude_file!("sugar_base"), &["sugarBase"]),
    (prelude_file!("sugar_array"), &["sugarArray"]),
    (prelude_file!("sugar_string"), &["sugarString"]),
    (prelude_file!("sugar_number"), &["sugarNumber"]),
    (prelude_file!("sugar_date_locale"), &["sugarDateLocale"]),
    (prelude_file!("sugar_date"), &["sugarDate"]),
    (prelude_file!("sugar_date_methods"), &["sugarDateMethods"]),
];

/// Loads prelude file `file` and runs it with the registry `C`: from its
/// bytecode, or, should that fail, from its source.
fn load_prelude<'js>(
    ctx: &Ctx<'js>,
    file: &PreludeFile,
    registry: &Object<'js>,
) -> rquickjs::Result<()> {
    let loaded = (|| -> rquickjs::Result<Function<'js>> {
        // SAFETY: `build.rs` wrote these bytes with the QuickJS this engine
        // runs (one rquickjs-sys in Cargo.lock), from this very file; QuickJS
        // still checks the bytecode version before reading any further.
        let module = unsafe { Module::load(ctx.clone(), file.bytecode)? };
        let (module, promise) = module.eval()?;
        promise.finish::<()>()?;
        module.get("default")
    })();
    let function = match loaded {
        Ok(function) => function,
        Err(_) => {
            // Clear the exception the failed load left, then compile the source.
            let _ = ctx.catch();
            let mut opts = EvalOptions::default();
            opts.filename = Some(file.name.to_owned());
            ctx.eval_with_options::<Function, _>(file.source, opts)?
        }
    };
    function.call::<_, ()>((registry.clone(),))
}

/// The registry's list of lazily loaded names, and the native that loads them.
fn add_libraries<'js>(
    ctx: &Ctx<'js>,
    registry: &Object<'js>,
    native: &Object<'js>,
) -> rquickjs::Result<()> {
    let libraries = Object::new(ctx.clone())?;
    for (file, names) in LIBRARIES {
        libraries.set(file.name, names.to_vec())?;
    }
    registry.set("libraries", libraries)?;
    native.set(
        "loadLibrary",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, file: String, registry: Object<'js>| match LIBRARIES
                .iter()
                .find(|(library, _)| library.name == file)
            {
                Some((library, _)) => load_prelude(&ctx, library, &registry),
                None => Err(rquickjs::Exception::throw_internal(
                    &ctx,
                    &format!("no library {file}"),
                )),
            },
        )?,
    )?;
    Ok(())
}

/// QuickJS's own stack limit; generous for scripts, safe on a 2 MiB thread.
const STACK_LIMIT: usize = 512 * 1024;

/// How many compiled scripts a realm keeps; past this the cache starts again.
const COMPILED_LIMIT: usize = 512;

/// A context with the prelude loaded, the prelude's internal API, and the
/// scripts compiled so far (by source: a collection-level script runs before
/// every request, and every script runs once per iteration).
struct Realm {
    compiled: HashMap<String, Persistent<Function<'static>>>,
    api: Api,
    context: Context,
}

/// The functions of the prelude's internal API (`api` in `js/pm.js`), kept
/// as they are: a call does not look them up by name.
struct Api {
    run: Persistent<Function<'static>>,
    failed: Persistent<Function<'static>>,
    unhandled: Persistent<Function<'static>>,
    finish: Persistent<Function<'static>>,
    deliver: Persistent<Function<'static>>,
    deliver_jar: Persistent<Function<'static>>,
    fire: Persistent<Function<'static>>,
    release: Persistent<Function<'static>>,
    end: Persistent<Function<'static>>,
    describe: Persistent<Function<'static>>,
}

impl Api {
    fn new<'js>(ctx: &Ctx<'js>, api: &Object<'js>) -> rquickjs::Result<Self> {
        let get = |name: &str| -> rquickjs::Result<Persistent<Function<'static>>> {
            Ok(Persistent::save(ctx, api.get::<_, Function>(name)?))
        };
        Ok(Api {
            run: get("run")?,
            failed: get("failed")?,
            unhandled: get("unhandled")?,
            finish: get("finish")?,
            deliver: get("deliver")?,
            deliver_jar: get("deliverJar")?,
            fire: get("fire")?,
            release: get("release")?,
            end: get("end")?,
            describe: get("describe")?,
        })
    }
}

/// A function of [`Api`], in the context `ctx`.
fn entry<'js>(
    ctx: &Ctx<'js>,
    function: &Persistent<Function<'static>>,
) -> rquickjs::Result<Function<'js>> {
    function.clone().restore(ctx)
}

/// Why a script ended badly: the message and the line in the user's script.
#[derive(Debug)]
struct Failure {
    message: String,
    line: Option<u32>,
}

impl Failure {
    fn new(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            line: None,
        }
    }
}

/// The JavaScript runtime of one run.
pub struct ScriptEngine {
    // Dropped before the runtime: the realm holds values of it.
    realm: Option<Realm>,
    // The memory limit was hit: the realm is replaced before the next script.
    broken: bool,
    bridge: Rc<Bridge>,
    meter: Rc<MemoryMeter>,
    packages: Rc<PackageStore>,
    options: ScriptOptions,
    runtime: Runtime,
    /// A script ran since the last [`ScriptEngine::release_last_run`].
    unreleased: bool,
}

impl ScriptEngine {
    /// Creates the runtime; the `pm` prelude is compiled when the first
    /// script runs, so a run without scripts never pays for it.
    pub fn new(options: ScriptOptions) -> Result<Self, ScriptError> {
        let meter = Rc::new(MemoryMeter::default());
        let runtime =
            Runtime::new_with_alloc(LimitedAllocator::new(options.memory_limit, meter.clone()))
                .map_err(|e| ScriptError::Init(e.to_string()))?;
        runtime.set_max_stack_size(STACK_LIMIT);
        let bridge = Rc::new(Bridge::default());
        let watcher = bridge.clone();
        runtime.set_interrupt_handler(Some(Box::new(move || watcher.should_interrupt())));
        runtime.set_host_promise_rejection_tracker(Some(Box::new(
            |ctx, promise, reason, handled| {
                if let Ok(track) = ctx.globals().get::<_, Function>("__courierRejection") {
                    // A failure here (say, an interrupt) surfaces through the script itself.
                    let _ = track.call::<_, ()>((promise, reason, handled)).catch(&ctx);
                }
            },
        )));
        Ok(ScriptEngine {
            realm: None,
            broken: false,
            bridge,
            meter,
            packages: Rc::new(PackageStore::new(options.packages.clone())),
            options,
            runtime,
            unreleased: false,
        })
    }

    /// Lets go of the objects the last script left (its `pm`, `tests`,
    /// response), if a script ran since the last call. Freeing them is
    /// work the next script would otherwise do first; the runner calls
    /// this while it waits for a response instead. Never while a script runs.
    pub fn release_last_run(&mut self) {
        if std::mem::take(&mut self.unreleased) {
            let _ = self.call(|ctx, api| entry(ctx, &api.release)?.call(()));
        }
    }

    /// Whether the prelude has been loaded (it waits for the first script).
    #[cfg(test)]
    pub(crate) fn prelude_loaded(&self) -> bool {
        self.realm.is_some()
    }

    /// Bytes the JavaScript heap holds after a full collection (for tests of long runs).
    #[cfg(test)]
    pub(crate) fn memory_used(&self) -> usize {
        self.runtime.run_gc();
        self.meter.used()
    }

    fn new_realm(&self) -> Result<Realm, String> {
        let context = Context::full(&self.runtime).map_err(|e| e.to_string())?;
        let api = context.with(|ctx| -> Result<Api, String> {
            let registry = Object::new(ctx.clone()).map_err(|e| e.to_string())?;
            let native = natives(&ctx, &self.bridge).map_err(|e| e.to_string())?;
            add_libraries(&ctx, &registry, &native).map_err(|e| e.to_string())?;
            packages::add_natives(&ctx, &native, &self.packages).map_err(|e| e.to_string())?;
            registry.set("native", native).map_err(|e| e.to_string())?;
            for file in PRELUDE {
                load_prelude(&ctx, file, &registry)
                    .catch(&ctx)
                    .map_err(|e| format!("{}: {e}", file.name))?;
            }
            let api: Object = registry.get("api").map_err(|e| e.to_string())?;
            Api::new(&ctx, &api).map_err(|e| e.to_string())
        })?;
        Ok(Realm {
            compiled: HashMap::new(),
            api,
            context,
        })
    }

    /// Runs one script against `scopes`.
    pub async fn run(
        &mut self,
        mut job: ScriptJob<'_>,
        scopes: &mut Scopes,
        host: &dyn ScriptHost,
    ) -> ScriptOutcome {
        let event = job.event;
        let origin = job.origin.clone();
        let source = match event {
            ScriptEvent::Prerequest => AssertionSource::PrerequestScript,
            ScriptEvent::Test => AssertionSource::TestScript,
        };
        *self.bridge.scopes.borrow_mut() = std::mem::take(scopes);
        *self.bridge.run.borrow_mut() = RunState {
            source,
            ..RunState::default()
        };
        *self.bridge.job.borrow_mut() = JobData {
            request: std::mem::take(job.request),
            as_sent: job.as_sent.take(),
            response: job.response.as_deref_mut().map(std::mem::take),
            cookies: match &job.cookies {
                CookieSource::Fixed(cookies) => JobCookies::Fixed(cookies.to_vec()),
                CookieSource::Jar(jar) => JobCookies::Jar(jar.clone()),
            },
            location: job.info.location.clone(),
            owner: nested::owner(&job.info.location, &job.origin),
        };
        {
            let mut source = self.bridge.source.borrow_mut();
            source.clear();
            source.push_str(job.source);
        }
        self.bridge.timed_out.set(false);
        self.bridge.stop.set(false);
        self.bridge
            .deadline
            .set(self.options.timeout.map(|t| Instant::now() + t));
        self.meter.take_refused();

        let failure = self.drive(&job, host).await;
        let data = std::mem::take(&mut *self.bridge.job.borrow_mut());
        *job.request = data.request;
        *job.as_sent = data.as_sent;
        if let (Some(slot), Some(response)) = (job.response, data.response) {
            *slot = response;
        }

        self.bridge.deadline.set(None);
        self.bridge.stop.set(false);
        *scopes = self.bridge.take_scopes();
        let run = std::mem::take(&mut *self.bridge.run.borrow_mut());
        ScriptOutcome {
            assertions: run.assertions,
            console: run.console,
            error: failure.map(|f| ItemError::Script {
                event,
                origin,
                message: f.message,
                line: f.line,
            }),
            next_request: run.next_request,
            skip_request: run.skip_request,
            visualizer: run
                .visualizer
                .and_then(|json| serde_json::from_str(&json).ok()),
        }
    }

    /// Runs the script, its callbacks and timers; applies request changes.
    async fn drive(&mut self, job: &ScriptJob<'_>, host: &dyn ScriptHost) -> Option<Failure> {
        self.unreleased = true;
        if self.realm.is_none() {
            match self.new_realm() {
                Ok(realm) => self.realm = Some(realm),
                Err(e) => {
                    return Some(Failure::new(format!("cannot start the script engine: {e}")));
                }
            }
        }
        let info = job.info;
        let begin = (
            job.event.as_str(),
            info.iteration,
            info.iteration_count,
            info.request_name.as_str(),
            info.request_id.as_str(),
        );
        // The response's status line and sizes go with the start: the
        // prelude builds `pm.response` from them when the script reads it.
        // (The engine holds the response while the script runs.)
        let head = self.bridge.job.borrow().response.as_ref().map(|r| {
            (
                r.status,
                r.reason.clone(),
                convert::millis(r.time),
                // Newman: the decoded body's byte length (postman-collection's
                // `stream.byteLength`); size() adds the head.
                r.body_size() as f64,
            )
        });
        let cached = self
            .realm
            .as_ref()
            .and_then(|realm| realm.compiled.get(job.source).cloned());
        let mut compiled = None;
        // Whether the first visit already ran the prelude's `finish()`, and its answer.
        let mut finish_called = false;
        let mut changes: Option<String> = None;
        let bridge = self.bridge.clone();
        // Starts the script and, in the same visit to the engine, runs the
        // promise jobs it queued (most scripts are done after that).
        let mut failure = self.call(|ctx, api| {
            let script: Function = match cached {
                Some(script) => script.restore(ctx)?,
                None => {
                    let script = compile(ctx, job.source)?;
                    compiled = Some(Persistent::save(ctx, script.clone()));
                    script
                }
            };
            let mut args = Args::new(ctx.clone(), 11);
            args.push_arg(script)?;
            begin.into_args(&mut args)?;
            args.push_arg(head.is_some())?;
            match head {
                Some(head) => head.into_args(&mut args)?,
                None => args.push_args([(); 4])?,
            }
            args.apply::<()>(&entry(ctx, &api.run)?)?;
            if bridge.stop.get() {
                return Ok(());
            }
            while ctx.execute_pending_job() {}
            if bridge.stop.get() || !bridge.idle() {
                return check_failed(ctx, api);
            }
            // Most scripts wait for nothing: unless they failed or a promise
            // rejection went unhandled, they finish in this same visit, and
            // one call to `end()` tells which.
            let ended: rquickjs::Value = entry(ctx, &api.end)?.call(())?;
            if let Some(failure) = ended.as_object() {
                return Err(ctx.throw(failure.get("thrown")?));
            }
            if ended.as_bool() != Some(true) {
                finish_called = true;
                changes = ended.as_string().map(|s| s.to_string()).transpose()?;
            }
            Ok(())
        });
        if let (Some(script), Some(realm)) = (compiled, self.realm.as_mut()) {
            if realm.compiled.len() >= COMPILED_LIMIT {
                realm.compiled.clear();
            }
            realm.compiled.insert(job.source.to_owned(), script);
        }
        // Then serves what it waits for (requests, cookie jar calls, timers),
        // running the jobs each answer unlocks, until nothing is left.
        while failure.is_none() && !self.bridge.stop.get() {
            let requests = std::mem::take(&mut self.bridge.run.borrow_mut().requests);
            let jar_ops = std::mem::take(&mut self.bridge.run.borrow_mut().jar_ops);
            let runs = std::mem::take(&mut self.bridge.run.borrow_mut().run_requests);
            if !requests.is_empty() {
                failure = self.send_all(requests, host).await;
            } else if !runs.is_empty() {
                failure = self.run_requests(runs, host).await;
            } else if !jar_ops.is_empty() {
                failure = self.use_cookie_jar(jar_ops, host).await;
            } else if let Some(due) = self.next_timer() {
                failure = self.wait_for_timers(due).await;
            } else {
                break;
            }
            if failure.is_none() && !self.bridge.stop.get() {
                failure = self.settle();
            }
        }
        if self.broken {
            // Out of memory: whatever the script keeps in globals goes with the old realm.
            self.drop_realm();
            return failure;
        }
        if finish_called {
            if self.bridge.timed_out.get() {
                self.discard_pending_jobs();
            }
            self.reset_limits();
            self.apply_changes(job.event, changes, &mut failure);
            return failure;
        }
        if self.bridge.timed_out.get() {
            self.discard_pending_jobs();
        } else if failure.is_none() && !self.bridge.stop.get() {
            failure = self.unhandled_rejection();
        }
        self.finish(job.event, &mut failure);
        failure
    }

    /// Runs out the promise jobs a stopped script left behind, so none runs
    /// during the next script: their effects on `pm` are dropped, and any
    /// long one is interrupted.
    fn discard_pending_jobs(&mut self) {
        self.bridge.stop.set(true);
        self.bridge.discarding.set(true);
        let _ = self.call(|ctx, _| {
            while ctx.execute_pending_job() {}
            Ok(())
        });
        self.bridge.discarding.set(false);
    }

    /// Runs pending promise jobs, then asks whether the script failed.
    fn settle(&mut self) -> Option<Failure> {
        self.call(run_jobs_and_check)
    }

    fn unhandled_rejection(&mut self) -> Option<Failure> {
        self.call(|ctx, api| {
            let first: Option<Object> = entry(ctx, &api.unhandled)?.call(())?;
            match first {
                Some(found) => {
                    let reason: rquickjs::Value = found.get("error")?;
                    Err(ctx.throw(reason))
                }
                None => Ok(()),
            }
        })
        .map(|mut f| {
            f.message = format!("unhandled promise rejection: {}", f.message);
            f
        })
    }

    /// Sends queued `pm.sendRequest` calls together and delivers the results.
    async fn send_all(
        &mut self,
        requests: Vec<(u32, Request)>,
        host: &dyn ScriptHost,
    ) -> Option<Failure> {
        let all = join_all(
            requests
                .into_iter()
                .map(|(id, request)| async move { (id, host.send_request(request).await) }),
        );
        let results = match self.bridge.deadline.get() {
            Some(deadline) => {
                match tokio::time::timeout_at(tokio::time::Instant::from_std(deadline), all).await {
                    Ok(results) => results,
                    Err(_) => return Some(self.timeout_failure()),
                }
            }
            None => all.await,
        };
        for (id, result) in results {
            if let Some(failure) = self.deliver(id, result.map(Some)) {
                return Some(failure);
            }
        }
        None
    }

    /// Hands a request's outcome to the script's waiting callback or
    /// promise: its response, none (`Ok(None)`), or the error.
    fn deliver(
        &mut self,
        id: u32,
        result: Result<Option<crate::http::ResponseData>, String>,
    ) -> Option<Failure> {
        let (error, response) = match result {
            Ok(response) => (None, response),
            Err(e) => (Some(e), None),
        };
        let head = response
            .as_ref()
            .map(|r| convert::response_head(r).to_string());
        let too_large = response.as_ref().and_then(convert::unreadable_body);
        self.call(|ctx, api| {
            // One JavaScript string, made from the response's own buffer.
            let body = match &response {
                Some(r) if too_large.is_none() => Some(convert::body_string(ctx, r)?),
                _ => None,
            };
            entry(ctx, &api.deliver)?.call::<_, ()>((id, error, head, body, too_large))
        })
    }

    /// Runs `pm.execution.runRequest` calls one after the other (each
    /// starts from the variables the one before left) and delivers their
    /// responses; what a nested run's scripts changed in the variables
    /// carries over into this script's.
    async fn run_requests(
        &mut self,
        calls: Vec<(u32, RunRequestCall)>,
        host: &dyn ScriptHost,
    ) -> Option<Failure> {
        for (id, call) in calls {
            let before = nested::with_overrides(&self.bridge.scopes.borrow(), &call.variables);
            let done = host.run_request(call, before.clone());
            let done = match self.bridge.deadline.get() {
                Some(deadline) => {
                    match tokio::time::timeout_at(tokio::time::Instant::from_std(deadline), done)
                        .await
                    {
                        Ok(done) => done,
                        Err(_) => return Some(self.timeout_failure()),
                    }
                }
                None => done.await,
            };
            self.bridge.settle_request();
            nested::carry_over(&before, &done.scopes, &mut self.bridge.scopes.borrow_mut());
            self.bridge.run.borrow_mut().console.extend(done.console);
            if let Some(failure) = self.deliver(id, done.response) {
                return Some(failure);
            }
        }
        None
    }

    /// Runs `pm.cookies.jar()` calls one after the other and delivers the answers.
    async fn use_cookie_jar(
        &mut self,
        ops: Vec<(u32, CookieJarOp)>,
        host: &dyn ScriptHost,
    ) -> Option<Failure> {
        for (id, op) in ops {
            let answer = host.cookie_jar(op);
            let answer = match self.bridge.deadline.get() {
                Some(deadline) => {
                    match tokio::time::timeout_at(tokio::time::Instant::from_std(deadline), answer)
                        .await
                    {
                        Ok(answer) => answer,
                        Err(_) => return Some(self.timeout_failure()),
                    }
                }
                None => answer.await,
            };
            let (error, cookies) = match answer {
                Ok(cookies) => (None, Some(serde_json::json!(cookies).to_string())),
                Err(e) => (Some(e), None),
            };
            let failure = self
                .call(|ctx, api| entry(ctx, &api.deliver_jar)?.call::<_, ()>((id, error, cookies)));
            if failure.is_some() {
                return failure;
            }
        }
        None
    }

    fn next_timer(&self) -> Option<Instant> {
        self.bridge
            .run
            .borrow()
            .timers
            .iter()
            .map(|(_, due)| *due)
            .min()
    }

    /// Sleeps until the first timer is due (or the deadline passes), then fires due timers.
    async fn wait_for_timers(&mut self, due: Instant) -> Option<Failure> {
        let deadline = self.bridge.deadline.get();
        let wake = deadline.map_or(due, |d| d.min(due));
        tokio::time::sleep_until(tokio::time::Instant::from_std(wake)).await;
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Some(self.timeout_failure());
        }
        let now = Instant::now();
        let mut ready: Vec<(u32, Instant)> = {
            let mut run = self.bridge.run.borrow_mut();
            let (ready, later) = run.timers.drain(..).partition(|(_, at)| *at <= now);
            run.timers = later;
            ready
        };
        ready.sort_by_key(|(id, at)| (*at, *id));
        for (id, _) in ready {
            let failure = self.call(|ctx, api| {
                entry(ctx, &api.fire)?.call::<_, ()>((id,))?;
                while ctx.execute_pending_job() {}
                Ok(())
            });
            if failure.is_some() || self.bridge.stop.get() {
                return failure;
            }
        }
        None
    }

    /// Reports leftovers and writes pre-request changes back into the request.
    fn finish(&mut self, event: ScriptEvent, failure: &mut Option<Failure>) {
        self.reset_limits();
        let mut changes: Option<String> = None;
        let outcome = self.call(|ctx, api| {
            changes = entry(ctx, &api.finish)?.call(())?;
            Ok(())
        });
        if failure.is_none() {
            *failure = outcome;
        }
        self.apply_changes(event, changes, failure);
    }

    /// The script is over: no deadline, nothing to stop.
    fn reset_limits(&mut self) {
        self.bridge.stop.set(false);
        self.bridge.timed_out.set(false);
        self.bridge.deadline.set(None);
    }

    /// Writes the changes `finish()` reported back into a pre-request script's request.
    fn apply_changes(
        &mut self,
        event: ScriptEvent,
        changes: Option<String>,
        failure: &mut Option<Failure>,
    ) {
        if event != ScriptEvent::Prerequest {
            return;
        }
        match changes.map(|json| RequestChanges::parse(&json)) {
            Some(Ok(changes)) => changes.apply(&mut self.bridge.job.borrow_mut().request),
            Some(Err(message)) if failure.is_none() => *failure = Some(Failure::new(message)),
            _ => {}
        }
    }

    /// Runs `f` inside the realm; a thrown value or a hit limit becomes a [`Failure`].
    fn call<F>(&mut self, f: F) -> Option<Failure>
    where
        F: for<'js> FnOnce(&Ctx<'js>, &Api) -> rquickjs::Result<()>,
    {
        let realm = self.realm.as_ref()?;
        let thrown = realm.context.with(|ctx| {
            let api = &realm.api;
            match f(&ctx, api).catch(&ctx) {
                Ok(()) => None,
                Err(CaughtError::Exception(e)) => {
                    Some(describe(&ctx, api, e.into_object().into_value()))
                }
                Err(CaughtError::Value(v)) => Some(describe(&ctx, api, v)),
                Err(CaughtError::Error(e)) => Some(Thrown {
                    message: e.to_string(),
                    ..Thrown::default()
                }),
            }
        });
        if self.meter.take_refused() {
            self.poison();
            return Some(Failure::new(format!(
                "out of memory: the script needed more than the {} MiB scripts may use",
                self.options.memory_limit / (1024 * 1024)
            )));
        }
        if self.bridge.timed_out.get() {
            let line = thrown.as_ref().and_then(Thrown::line);
            return Some(Failure {
                line,
                ..self.timeout_failure()
            });
        }
        if self.bridge.stop.get() {
            // `pm.execution.skipRequest()`: the interrupt that stopped the script is no error.
            return None;
        }
        thrown.map(|t| Failure {
            message: v8_errors::error_text(
                &t.name,
                &t.message,
                &t.stack,
                &self.bridge.source.borrow(),
            ),
            line: t.line(),
        })
    }

    /// The deadline passed; `drive` discards what the script left pending.
    fn timeout_failure(&mut self) -> Failure {
        self.bridge.timed_out.set(true);
        let ms = self.options.timeout.map_or(0, |t| t.as_millis());
        Failure::new(format!(
            "script timed out: it ran longer than --timeout-script {ms} ms"
        ))
    }

    /// Marks the realm for replacement after this script (the memory limit was hit).
    fn poison(&mut self) {
        self.broken = true;
    }

    fn drop_realm(&mut self) {
        self.realm = None;
        self.runtime.run_gc();
        self.broken = false;
    }
}

/// Compiles a script as the body of a function: an async one when it may
/// `await` (its source says `await` anywhere), else a plain one, which
/// costs less to call and behaves the same.
fn compile<'js>(ctx: &Ctx<'js>, source: &str) -> rquickjs::Result<Function<'js>> {
    let mut opts = EvalOptions::default();
    opts.filename = Some(SCRIPT_FILE.to_owned());
    opts.strict = false;
    let prefix = if source.contains("await") {
        WRAP_PREFIX
    } else {
        SYNC_WRAP_PREFIX
    };
    ctx.eval_with_options(format!("{prefix}{source}\n}})"), opts)
}

/// Runs pending promise jobs, then throws the script's failure, if any.
fn run_jobs_and_check<'js>(ctx: &Ctx<'js>, api: &Api) -> rquickjs::Result<()> {
    while ctx.execute_pending_job() {}
    check_failed(ctx, api)
}

/// The script's failure, if it failed, thrown again.
fn check_failed<'js>(ctx: &Ctx<'js>, api: &Api) -> rquickjs::Result<()> {
    let failed: rquickjs::Value = entry(ctx, &api.failed)?.call(())?;
    if failed.is_undefined() {
        Ok(())
    } else {
        Err(ctx.throw(failed))
    }
}

/// `{name, message, stack}` of a thrown value, via the prelude's `describe()`.
fn describe<'js>(ctx: &Ctx<'js>, api: &Api, value: rquickjs::Value<'js>) -> Thrown {
    let described: rquickjs::Result<Object> =
        entry(ctx, &api.describe).and_then(|f| f.call((value.clone(),)));
    match described.catch(ctx) {
        Ok(obj) => Thrown {
            name: obj.get("name").unwrap_or_default(),
            message: obj.get("message").unwrap_or_default(),
            stack: obj.get("stack").unwrap_or_default(),
        },
        Err(_) => Thrown {
            message: "the script threw a value that cannot be shown".into(),
            ..Thrown::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fallback to source must stay a fallback: every file's bytecode
    /// (from `build.rs`) loads and exports the file's function.
    #[test]
    fn every_prelude_file_loads_from_its_bytecode() {
        let runtime = Runtime::new().expect("runtime");
        let context = Context::full(&runtime).expect("context");
        let files = PRELUDE.iter().chain(LIBRARIES.iter().map(|(file, _)| file));
        context.with(|ctx| {
            for file in files {
                // SAFETY: as in `load_prelude`.
                let module = unsafe { Module::load(ctx.clone(), file.bytecode) }
                    .unwrap_or_else(|e| panic!("{}: {e}", file.name));
                let (module, promise) = module.eval().expect("evaluated");
                promise.finish::<()>().expect("settled");
                let export: rquickjs::Value = module.get("default").expect("default export");
                assert!(export.is_function(), "{}", file.name);
            }
        });
    }
}
