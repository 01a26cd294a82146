//! What running an item produced: data, not errors.
//!
//! A failed assertion, a failed request or a script that threw is recorded
//! in the [`ItemResult`]; the run goes on. Reporters read these through
//! `RunEvent`s.
//!
//! This module sits below `runner/`, `script/`, `capture/` and `snapshot/`:
//! the engines that produce assertions, console lines and errors name these
//! types without depending on the execution loop. It depends only on
//! `http/` (for [`Exchange`]). `runner` re-exports every item, so
//! `courier::runner::ItemResult` and the like keep working.

use std::time::Duration;

use crate::http::Exchange;

/// Where an item sits in the collection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemRef {
    /// The item's id, or a generated one when the file has none.
    pub id: String,
    /// The item's name.
    pub name: String,
    /// Names of the enclosing folders, outermost first.
    pub folders: Vec<String>,
    /// The collection's name, set only in a run of several collections.
    pub collection: Option<String>,
}

impl ItemRef {
    /// `Folder/Sub/Item`, after `Collection › ` in a run of several collections.
    pub fn path(&self) -> String {
        let mut parts = self.folders.clone();
        parts.push(self.name.clone());
        let path = parts.join("/");
        match &self.collection {
            Some(c) => format!("{c} › {path}"),
            None => path,
        }
    }
}

/// Outcome of one assertion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssertionStatus {
    /// It held.
    Passed,
    /// It did not hold.
    Failed,
    /// `pm.test.skip`.
    Skipped,
}

/// Where an assertion came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssertionSource {
    /// `pm.test` / `tests[…]` in a test script.
    TestScript,
    /// `pm.test` in a pre-request script.
    PrerequestScript,
    /// A declarative capture (`--captures`).
    Capture,
    /// A response snapshot (`--snapshots`).
    Snapshot,
}

/// Why an assertion failed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AssertionFailure {
    /// The message, in chai's wording for script assertions.
    pub message: String,
    /// The expected value, when known.
    pub expected: Option<String>,
    /// The actual value, when known.
    pub actual: Option<String>,
}

/// One assertion and its outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Assertion {
    /// The test name.
    pub name: String,
    /// Passed, failed or skipped.
    pub status: AssertionStatus,
    /// Where it came from.
    pub source: AssertionSource,
    /// Why it failed.
    pub failure: Option<AssertionFailure>,
}

impl Assertion {
    /// A passed assertion.
    pub fn passed(name: impl Into<String>, source: AssertionSource) -> Self {
        Assertion {
            name: name.into(),
            status: AssertionStatus::Passed,
            source,
            failure: None,
        }
    }

    /// A failed assertion.
    pub fn failed(
        name: impl Into<String>,
        source: AssertionSource,
        failure: AssertionFailure,
    ) -> Self {
        Assertion {
            name: name.into(),
            status: AssertionStatus::Failed,
            source,
            failure: Some(failure),
        }
    }
}

/// Which script event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptEvent {
    /// Runs before the request is built.
    Prerequest,
    /// Runs after the response.
    Test,
}

impl ScriptEvent {
    /// Postman's name for it (`prerequest`, `test`).
    pub fn as_str(self) -> &'static str {
        match self {
            ScriptEvent::Prerequest => "prerequest",
            ScriptEvent::Test => "test",
        }
    }
}

/// A console message from a script.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsoleEntry {
    /// `log`, `info`, `warn`, `error`, `debug`.
    pub level: String,
    /// The arguments, formatted and joined with spaces.
    pub message: String,
}

/// A failure of the item that is not an assertion.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemError {
    /// A script threw or did not compile.
    Script {
        /// Which event.
        event: ScriptEvent,
        /// Where the script lives: `collection`, `folder NAME` or `item`.
        origin: String,
        /// The JavaScript error (`TypeError: x is undefined`).
        message: String,
        /// 1-based line in the script, when known.
        line: Option<u32>,
    },
    /// The request could not be built (bad URL, unsupported auth, missing file).
    Request {
        /// What went wrong.
        message: String,
    },
    /// The request was sent but no response came (refused, DNS, TLS, timeout).
    Http {
        /// What went wrong.
        message: String,
    },
    /// A request a script sent with `pm.sendRequest` got no response. It
    /// fails the run (as in Newman) but not the item: no `--bail`.
    ScriptRequest {
        /// What went wrong (it names the target).
        message: String,
    },
}

impl std::fmt::Display for ItemError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ItemError::Script {
                event,
                origin,
                message,
                line,
            } => {
                write!(f, "{} script ({origin})", event.as_str())?;
                if let Some(line) = line {
                    write!(f, " line {line}")?;
                }
                write!(f, ": {message}")
            }
            ItemError::Request { message } => write!(f, "request not sent: {message}"),
            ItemError::Http { message } => write!(f, "request failed: {message}"),
            ItemError::ScriptRequest { message } => write!(f, "pm.sendRequest failed: {message}"),
        }
    }
}

/// A value stored by a declarative capture.
#[derive(Debug, Clone, PartialEq)]
pub struct CaptureRecord {
    /// Variable name.
    pub variable: String,
    /// The value stored.
    pub value: String,
}

/// A request a script sent with `pm.sendRequest`, and what came back.
///
/// Newman counts these as requests: in its summary's requests row, in
/// `run.transfers` and its timings, and as one more entry of
/// `run.executions` each; a transport failure is a run failure (exit 1)
/// even when the script handles the error.
#[derive(Debug, Clone)]
pub struct ScriptRequest {
    /// The script phase that sent it.
    pub event: ScriptEvent,
    /// Where the script lives: `collection`, `folder "NAME"` or `item`.
    pub origin: String,
    /// What was sent and what came back (or why nothing did).
    pub exchange: Exchange,
}

impl ScriptRequest {
    /// The failure this request counts as when it got no response.
    pub fn error(&self) -> Option<ItemError> {
        let e = self.exchange.response.as_ref().err()?;
        Some(ItemError::ScriptRequest {
            message: e.to_string(),
        })
    }
}

/// Counts of scripts run for an item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    /// Pre-request scripts executed.
    pub prerequest: usize,
    /// Pre-request scripts that threw.
    pub prerequest_failed: usize,
    /// Test scripts executed.
    pub test: usize,
    /// Test scripts that threw.
    pub test_failed: usize,
    /// Scripts present but not executed (`--no-scripts`).
    pub not_run: usize,
}

/// Everything that happened for one item in one iteration.
#[derive(Debug, Clone, Default)]
pub struct ItemResult {
    /// Which item.
    pub item: ItemRef,
    /// 0-based iteration.
    pub iteration: usize,
    /// The main request, when it was sent (None when skipped or not built).
    pub exchange: Option<Exchange>,
    /// Requests its scripts sent with `pm.sendRequest`, in the order the
    /// scripts made them (pre-request ones before the main request, test
    /// ones after).
    pub script_requests: Vec<ScriptRequest>,
    /// Assertions from scripts, captures and snapshots, in order.
    pub assertions: Vec<Assertion>,
    /// Failures that are not assertions.
    pub errors: Vec<ItemError>,
    /// Console output of its scripts.
    pub console: Vec<ConsoleEntry>,
    /// Values captured into variables.
    pub captures: Vec<CaptureRecord>,
    /// Scripts executed.
    pub scripts: ScriptCounts,
    /// `pm.execution.skipRequest()` was called.
    pub skipped: bool,
    /// Wall time of the item, scripts included.
    pub duration: Duration,
    /// Secrets the item obtained (OAuth 2.0 tokens it fetched): reports
    /// mask them like secret variables.
    pub secrets: Vec<String>,
    /// What `pm.visualizer.set` rendered, if a script called it.
    pub visualization: Option<Visualization>,
    /// The attempts of the main request when `--retry` (or
    /// `courierRetry`) applied to it; `None` otherwise.
    pub retries: Option<Retries>,
}

/// The attempts at sending an item's request under `--retry`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Retries {
    /// Attempts allowed: the retries plus the first.
    pub allowed: usize,
    /// Every attempt made, in order; the last one's exchange is the item's.
    pub attempts: Vec<Attempt>,
}

/// One attempt at sending an item's request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attempt {
    /// The status that came back.
    pub status: Option<u16>,
    /// Why no response came (not masked: reporters mask it).
    pub error: Option<String>,
    /// From sending to the end of the response (or the failure).
    pub time: Duration,
    /// The pause before the next attempt, when there was one.
    pub wait: Option<Duration>,
}

/// The rendered `pm.visualizer` template of an item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Visualization {
    /// The HTML the template produced (not masked: reporters mask it).
    pub html: Option<String>,
    /// Why the template did not render.
    pub error: Option<String>,
}

impl ItemResult {
    /// Whether anything failed.
    pub fn failed(&self) -> bool {
        !self.errors.is_empty()
            || self
                .assertions
                .iter()
                .any(|a| a.status == AssertionStatus::Failed)
    }
}
