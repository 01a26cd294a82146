//! The script engine's interface: what the runner hands in ([`ScriptJob`],
//! [`ScriptOptions`], a [`ScriptHost`]) and what comes back
//! ([`ScriptOutcome`]). `engine.rs` implements it.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use super::packages::PackageSources;
use super::sent::AsSent;
use crate::collection::Request;
use crate::http::{CookieReader, ResponseData};
use crate::outcome::{Assertion, ConsoleEntry, ItemError, ScriptEvent};
use crate::variables::Scopes;

/// Limits of the sandbox.
#[derive(Debug, Clone)]
pub struct ScriptOptions {
    /// Wall-time limit of one script (`--timeout-script`); `None` is unlimited.
    pub timeout: Option<Duration>,
    /// Heap limit of the JavaScript runtime, in bytes (0 is unlimited). A
    /// script that needs more ends with an "out of memory" error.
    pub memory_limit: usize,
    /// Where `pm.require` finds packages.
    pub packages: PackageSources,
}

impl Default for ScriptOptions {
    fn default() -> Self {
        ScriptOptions {
            timeout: None,
            memory_limit: 256 * 1024 * 1024,
            packages: PackageSources::default(),
        }
    }
}

/// Facts `pm.info` exposes.
#[derive(Debug, Clone, Default)]
pub struct ScriptInfo {
    /// 0-based iteration.
    pub iteration: usize,
    /// Total iterations of the run.
    pub iteration_count: usize,
    /// The item's name.
    pub request_name: String,
    /// The item's id.
    pub request_id: String,
    /// `pm.execution.location`: the names of the collection, the enclosing
    /// folders and the item, outermost first.
    pub location: Rc<[String]>,
}

/// One script to run.
pub struct ScriptJob<'a> {
    /// `prerequest` or `test`.
    pub event: ScriptEvent,
    /// Where the script lives, for error messages: `collection`, `folder NAME`, `item`.
    pub origin: String,
    /// The source.
    pub source: &'a str,
    /// `pm.info`.
    pub info: &'a ScriptInfo,
    /// The item's request, unresolved; pre-request scripts may change it.
    pub request: &'a mut Request,
    /// The response, for test scripts: the engine holds it while the
    /// script runs and puts it back, as it does the request.
    pub response: Option<&'a mut ResponseData>,
    /// Where `pm.cookies` comes from.
    pub cookies: CookieSource<'a>,
    /// For test scripts: makes `request` the request as sent when a script
    /// first needs it; taken once used (see [`AsSent`]).
    pub as_sent: &'a mut Option<AsSent>,
}

/// Where `pm.cookies` comes from; it is read only if the script uses it.
#[derive(Debug, Clone)]
pub enum CookieSource<'a> {
    /// These cookies.
    Fixed(&'a [(String, String)]),
    /// The run's jar: the cookies it holds for the request's URL, resolved
    /// with the variables as they are when the script first reads them.
    Jar(CookieReader),
}

/// Where to go after this item (`pm.execution.setNextRequest`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextRequest {
    /// `setNextRequest(null)`: stop the run after this item.
    Stop,
    /// Jump to the item with this name or id.
    Item(String),
}

/// What a script produced.
#[derive(Debug, Clone, Default)]
pub struct ScriptOutcome {
    /// `pm.test` results, in order.
    pub assertions: Vec<Assertion>,
    /// `console.*` output.
    pub console: Vec<ConsoleEntry>,
    /// Set when the script threw, did not compile, or hit a limit.
    pub error: Option<ItemError>,
    /// The last `setNextRequest` call, if any.
    pub next_request: Option<NextRequest>,
    /// `pm.execution.skipRequest()` was called.
    pub skip_request: bool,
    /// What `pm.visualizer.set` left at the end of the script.
    pub visualizer: Option<Visualizer>,
}

/// A `pm.visualizer.set(template, data, options)` call: a handlebars
/// template, the data it renders, and handlebars options.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
pub struct Visualizer {
    /// The handlebars template.
    pub template: String,
    /// The data the template sees (JSON, as it crosses Postman's bridge).
    #[serde(default)]
    pub data: serde_json::Value,
    /// Handlebars options (`noEscape` and `strict` are honoured).
    #[serde(default)]
    pub options: serde_json::Value,
}

/// A `pm.execution.runRequest(idOrName, {variables})` call, for [`ScriptHost::run_request`].
#[derive(Debug, Clone, PartialEq)]
pub struct RunRequestCall {
    /// The id or name of the collection's request to run.
    pub target: String,
    /// `variables`: local variables that override every scope for that run.
    pub variables: Vec<(String, serde_json::Value)>,
}

/// What a `pm.execution.runRequest` run produced.
#[derive(Debug, Clone)]
pub struct RunRequestDone {
    /// The response; `Ok(None)` when the item's pre-request script called
    /// `pm.execution.skipRequest()` (the promise resolves to `null`); an
    /// error (the promise rejects) when the request is unknown, a script of
    /// it threw, or it got no response.
    pub response: Result<Option<ResponseData>, String>,
    /// The variables as the nested run's scripts left them, failed or not;
    /// what they changed is carried over into the calling script's scopes.
    pub scopes: Scopes,
    /// Console output of the nested run's scripts; it shows with the
    /// calling item's, as in Postman.
    pub console: Vec<ConsoleEntry>,
}

/// A boxed future, as the host returns it.
pub type HostFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// A `pm.cookies.jar()` call, for [`ScriptHost::cookie_jar`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CookieJarOp {
    /// Read the cookies the jar would send to `url`.
    Get {
        /// The URL the cookies are for.
        url: String,
    },
    /// Store `name=value` for `url`.
    Set {
        /// The URL the cookie is for.
        url: String,
        /// Cookie name.
        name: String,
        /// Cookie value.
        value: String,
    },
    /// Remove cookie `name` for `url`.
    Unset {
        /// The URL the cookie is for.
        url: String,
        /// Cookie name.
        name: String,
    },
    /// Remove every cookie for `url`.
    Clear {
        /// The URL the cookies are for.
        url: String,
    },
}

/// What scripts may ask of the runner.
pub trait ScriptHost {
    /// Sends a `pm.sendRequest` request through the run's client.
    fn send_request(&self, request: Request) -> HostFuture<'_, Result<ResponseData, String>>;

    /// Reads or changes the run's cookie jar for `pm.cookies.jar()`; answers
    /// the `(name, value)` cookies for the URL after the change. Without an
    /// implementation, `get` / `getAll` see the cookies of the item's own
    /// URL ([`ScriptJob::cookies`]) and changes are refused.
    fn cookie_jar(&self, op: CookieJarOp) -> HostFuture<'_, Result<Vec<(String, String)>, String>> {
        let _ = op;
        Box::pin(async {
            Err("this runner gives scripts no write access to the cookie jar".to_owned())
        })
    }

    /// Runs another item of the collection for `pm.execution.runRequest`,
    /// its scripts included, starting from `scopes` (the calling script's
    /// variables with the call's overrides in the local scope). Without an
    /// implementation the call fails.
    fn run_request(&self, call: RunRequestCall, scopes: Scopes) -> HostFuture<'_, RunRequestDone> {
        let _ = call;
        Box::pin(async {
            RunRequestDone {
                response: Err(
                    "pm.execution.runRequest needs a collection run; this host runs no items"
                        .to_owned(),
                ),
                scopes,
                console: Vec::new(),
            }
        })
    }
}

/// Why the engine could not be created.
#[derive(Debug, thiserror::Error)]
pub enum ScriptError {
    /// The runtime or the prelude failed to initialise.
    #[error("cannot start the script engine: {0}")]
    Init(String),
}
