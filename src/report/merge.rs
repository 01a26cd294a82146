//! `courier merge`: the JSON reports of a sharded run turned back into the
//! run's events, so the ordinary reporters write the merged reports.
//!
//! Each shard's JSON report (see `json.rs`) holds one entry per request
//! sent; the entries of one item run share `cursor.ref`. [`read_report`]
//! groups them back into [`ItemResult`]s (the item, its iteration, its
//! request and response, the `pm.sendRequest` calls, assertions, errors and
//! console); [`MergedRun`] orders the items of every shard as the unsharded
//! run would have (collection, then iteration, then the collection's item
//! order) and [`MergedRun::replay`] emits the events. The stats are the
//! shards' stats added up, except iterations, which count each iteration of
//! each collection once (folder shards all run every iteration).
//!
//! What the JSON report does not keep is not made up: item durations are
//! the response times, script-error origins read `shard report`, bodies cut
//! in a shard's report stay cut, and visualizations are gone.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde_json::Value;

use super::RunContext;
use crate::collection::Environment;
use crate::http::{Exchange, HttpError, HttpErrorKind, ResponseData, SentRequest};
use crate::runner::{
    Assertion, AssertionFailure, AssertionSource, AssertionStatus, ConsoleEntry, Counter,
    ItemError, ItemRef, ItemResult, RunEvent, RunStart, RunStats, RunSummary, ScriptEvent,
    ScriptRequest,
};

/// Why shard reports cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// A report could not be read.
    #[error("cannot read the shard report {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A report is not JSON.
    #[error(
        "the shard report {path} is not JSON: {source}; pass the files `courier run --shard I/N -r json --reporter-json-export FILE` wrote"
    )]
    Json {
        /// The file.
        path: PathBuf,
        /// The parse error, with its line and column.
        source: serde_json::Error,
    },
    /// A report lacks what a JSON report has.
    #[error(
        "the shard report {path} has no {pointer}: it is not a courier or Newman JSON report (`-r json`)"
    )]
    Shape {
        /// The file.
        path: PathBuf,
        /// The JSON pointer of what is missing.
        pointer: String,
    },
    /// Two reports hold the same item runs.
    #[error(
        "{first} and {second} hold the same executions (cursor.ref {reference}); pass each shard's report once"
    )]
    Duplicate {
        /// One report.
        first: PathBuf,
        /// The other.
        second: PathBuf,
        /// The shared `cursor.ref`.
        reference: String,
    },
    /// Reports of different collections.
    #[error(
        "{path} is a report of \"{found}\", the other reports are of \"{expected}\"; merge the shards of one run"
    )]
    Collection {
        /// The odd report.
        path: PathBuf,
        /// Its collection.
        found: String,
        /// The first report's collection.
        expected: String,
    },
}

/// One shard's report, read back.
#[derive(Debug)]
pub struct ShardReport {
    path: PathBuf,
    collection: Value,
    environment: Option<Environment>,
    globals: Option<Environment>,
    stats: RunStats,
    bytes: u64,
    started: Option<u128>,
    completed: Option<u128>,
    error: Option<String>,
    /// Item runs with their `cursor.ref`, in the shard's order.
    items: Vec<(String, ItemResult)>,
}

/// Reads one shard's JSON report.
pub fn read_report(path: &Path) -> Result<ShardReport, MergeError> {
    let text = std::fs::read_to_string(path).map_err(|source| MergeError::Read {
        path: path.to_owned(),
        source,
    })?;
    let report: Value = serde_json::from_str(&text).map_err(|source| MergeError::Json {
        path: path.to_owned(),
        source,
    })?;
    let need = |pointer: &str| {
        report.pointer(pointer).ok_or_else(|| MergeError::Shape {
            path: path.to_owned(),
            pointer: pointer.to_owned(),
        })
    };
    let executions = need("/run/executions")?
        .as_array()
        .cloned()
        .unwrap_or_default();
    let stats = need("/run/stats")?;
    let failures = report
        .pointer("/run/failures")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let env = |key: &str| {
        report
            .get(key)
            .and_then(|v| serde_json::from_value::<Environment>(v.clone()).ok())
    };
    Ok(ShardReport {
        path: path.to_owned(),
        collection: report.get("collection").cloned().unwrap_or(Value::Null),
        environment: env("environment"),
        globals: env("globals"),
        stats: run_stats(stats),
        bytes: report
            .pointer("/run/transfers/responseTotal")
            .and_then(Value::as_u64)
            .unwrap_or(0),
        started: report
            .pointer("/run/timings/started")
            .and_then(Value::as_u64)
            .map(u128::from),
        completed: report
            .pointer("/run/timings/completed")
            .and_then(Value::as_u64)
            .map(u128::from),
        error: report
            .pointer("/run/error/message")
            .and_then(Value::as_str)
            .map(str::to_owned),
        items: group(&executions, &failures),
    })
}

fn counter(v: &Value) -> Counter {
    let n = |k: &str| {
        v.get(k)
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0)
    };
    Counter {
        total: n("total"),
        failed: n("failed"),
    }
}

/// Newman's `run.stats` as courier's counts.
fn run_stats(v: &Value) -> RunStats {
    RunStats {
        iterations: counter(&v["iterations"]),
        items: counter(&v["items"]),
        requests: counter(&v["requests"]),
        prerequest_scripts: counter(&v["prerequestScripts"]),
        test_scripts: counter(&v["testScripts"]),
        assertions: counter(&v["assertions"]),
        skipped_assertions: 0,
        scripts_not_run: 0,
    }
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

/// The entries of one item run are consecutive and share `cursor.ref`.
fn group(executions: &[Value], failures: &[Value]) -> Vec<(String, ItemResult)> {
    let mut out: Vec<(String, Vec<&Value>)> = Vec::new();
    for e in executions {
        let reference = text(&e["cursor"]["ref"]);
        match out.last_mut() {
            Some((r, entries)) if *r == reference => entries.push(e),
            _ => out.push((reference, vec![e])),
        }
    }
    out.into_iter()
        .map(|(reference, entries)| {
            let mine: Vec<&Value> = failures
                .iter()
                .filter(|f| f["cursor"]["ref"].as_str() == Some(reference.as_str()))
                .collect();
            let item = item_result(&entries, &mine);
            (reference, item)
        })
        .collect()
}

/// One item run from its entries and its failures in `run.failures`.
fn item_result(entries: &[&Value], failures: &[&Value]) -> ItemResult {
    let main_at = entries
        .iter()
        .position(|e| e["cursor"].get("scriptId").is_none())
        .unwrap_or(0);
    let main = entries[main_at];
    let item = &main["item"];
    let folders = item["folders"]
        .as_array()
        .map(|f| f.iter().map(text).collect())
        .unwrap_or_default();
    let mut result = ItemResult {
        item: ItemRef {
            id: text(&item["id"]),
            name: text(&item["name"]),
            folders,
            collection: main
                .get("collection")
                .and_then(Value::as_str)
                .map(str::to_owned),
        },
        iteration: main["cursor"]["iteration"]
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0),
        exchange: exchange(main),
        ..Default::default()
    };
    for (n, e) in entries.iter().enumerate().filter(|(n, _)| *n != main_at) {
        let Some(exchange) = exchange(e) else {
            continue;
        };
        result.script_requests.push(ScriptRequest {
            event: if n < main_at {
                ScriptEvent::Prerequest
            } else {
                ScriptEvent::Test
            },
            origin: text(&e["cursor"]["scriptId"]),
            exchange,
        });
    }
    result.assertions = assertions(main, failures);
    result.errors = errors(failures);
    result.console = main["console"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| ConsoleEntry {
            level: text(&c["level"]),
            message: text(&c["message"]),
        })
        .collect();
    let not_built = result
        .errors
        .iter()
        .any(|e| matches!(e, ItemError::Request { .. }));
    result.skipped = result.exchange.is_none() && !not_built;
    result.duration = match &result.exchange {
        Some(Exchange {
            response: Ok(r), ..
        }) => r.time,
        _ => Duration::ZERO,
    };
    result
}

/// The request an entry stands for and what came back.
fn exchange(e: &Value) -> Option<Exchange> {
    let req = e.get("request")?;
    let request = SentRequest {
        method: text(&req["method"]),
        url: match &req["url"] {
            Value::String(s) => s.clone(),
            u => text(&u["raw"]),
        },
        headers: headers(&req["header"]),
        body: text(&req["body"]["raw"]),
    };
    let response = match (e.get("response"), e.get("requestError")) {
        (Some(resp), _) => Ok(ResponseData {
            status: resp["code"]
                .as_u64()
                .and_then(|c| u16::try_from(c).ok())
                .unwrap_or(0),
            reason: text(&resp["status"]),
            headers: headers(&resp["header"]),
            body: resp["stream"]["data"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
                .collect::<Vec<u8>>()
                .into(),
            time: Duration::from_millis(resp["responseTime"].as_u64().unwrap_or(0)),
            url: String::new(),
        }),
        (None, error) => Err(HttpError {
            kind: HttpErrorKind::Other,
            message: error.map(|e| text(&e["message"])).unwrap_or_default(),
        }),
    };
    Some(Exchange {
        request,
        first_request: None,
        response,
    })
}

fn headers(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|h| (text(&h["key"]), text(&h["value"])))
        .collect()
}

/// `assertion:2 in test-script` → the source of assertion 2.
fn assertion_source(failures: &[&Value], index: usize) -> AssertionSource {
    let at = format!("assertion:{index} in ");
    let source = failures
        .iter()
        .filter_map(|f| f["at"].as_str())
        .find_map(|a| a.strip_prefix(at.as_str()));
    match source {
        Some("prerequest-script") => AssertionSource::PrerequestScript,
        Some("captures") => AssertionSource::Capture,
        Some("snapshot") => AssertionSource::Snapshot,
        _ => AssertionSource::TestScript,
    }
}

fn assertions(main: &Value, failures: &[&Value]) -> Vec<Assertion> {
    let list = main["assertions"].as_array().cloned().unwrap_or_default();
    list.iter()
        .enumerate()
        .map(|(index, a)| {
            let name = text(&a["assertion"]);
            let error = &a["error"];
            if a["skipped"].as_bool() == Some(true) {
                return Assertion {
                    name,
                    status: AssertionStatus::Skipped,
                    source: AssertionSource::TestScript,
                    failure: None,
                };
            }
            if error.is_null() {
                return Assertion::passed(name, AssertionSource::TestScript);
            }
            // A test whose function threw keeps the error's name apart.
            let message = match error["name"].as_str() {
                Some("AssertionError") | None => text(&error["message"]),
                Some(kind) => format!("{kind}: {}", text(&error["message"])),
            };
            Assertion::failed(
                name,
                assertion_source(failures, index),
                AssertionFailure {
                    message,
                    expected: error["expected"].as_str().map(str::to_owned),
                    actual: error["actual"].as_str().map(str::to_owned),
                },
            )
        })
        .collect()
}

/// The item's errors other than assertions, from `run.failures`; a
/// `pm.sendRequest` failure is left to its entry, as the reporters derive it.
fn errors(failures: &[&Value]) -> Vec<ItemError> {
    let mut out = Vec::new();
    for f in failures {
        let at = f["at"].as_str().unwrap_or_default();
        let name = f["error"]["name"].as_str().unwrap_or_default();
        let message = text(&f["error"]["message"]);
        if at == "request" {
            if let Some(m) = message.strip_prefix("request not sent: ") {
                out.push(ItemError::Request { message: m.into() });
            } else if let Some(m) = message.strip_prefix("request failed: ") {
                out.push(ItemError::Http { message: m.into() });
            } else if name == "RequestError" {
                out.push(ItemError::Request { message });
            }
            continue;
        }
        let (event, line) = match at.split_once(':') {
            Some((event, line)) => (event, line.parse().ok()),
            None => (at, None),
        };
        let event = match event {
            "prerequest-script" => ScriptEvent::Prerequest,
            "test-script" => ScriptEvent::Test,
            _ => continue,
        };
        out.push(script_error(event, line, name, &message));
    }
    out
}

/// A script error: Newman's form keeps the JavaScript error's name and
/// message; without a name, the message is courier's whole line
/// (`test script (ORIGIN) line N: …`), which names the origin.
fn script_error(event: ScriptEvent, line: Option<u32>, name: &str, message: &str) -> ItemError {
    let prefix = format!("{} script (", event.as_str());
    if name == "ScriptError"
        && let Some(rest) = message.strip_prefix(prefix.as_str())
        && let Some((origin, tail)) = rest.split_once(')')
    {
        let tail = tail
            .trim_start_matches(|c: char| c != ':')
            .trim_start_matches(": ");
        return ItemError::Script {
            event,
            origin: origin.to_owned(),
            message: tail.to_owned(),
            line,
        };
    }
    ItemError::Script {
        event,
        origin: "shard report".to_owned(),
        message: format!("{name}: {message}"),
        line,
    }
}

/// The shards of one run, ready to be replayed as one.
#[derive(Debug)]
pub struct MergedRun {
    /// What the file reporters need before the run.
    pub context: RunContext,
    /// The totals.
    pub summary: RunSummary,
    start: RunStart,
    items: Vec<ItemResult>,
}

impl MergedRun {
    /// Merges `shards`: checks they are of one collection and hold
    /// different item runs, orders the items and adds the stats up.
    pub fn new(shards: Vec<ShardReport>) -> Result<MergedRun, MergeError> {
        check(&shards)?;
        let order = plan_order(shards.first().map_or(&Value::Null, |s| &s.collection));
        let mut all = Vec::new();
        let mut stats = RunStats::default();
        let mut summary = RunSummary::default();
        for (n, shard) in shards.iter().enumerate() {
            for (k, (_, item)) in shard.items.iter().enumerate() {
                let key = sort_key(&order, item);
                all.push((key, n, k, item.clone()));
            }
            add_stats(&mut stats, &shard.stats);
            if summary.aborted.is_none() {
                summary.aborted = shard.error.clone();
            }
        }
        all.sort_by_key(|a| (a.0, a.1, a.2));
        let items: Vec<ItemResult> = all.into_iter().map(|(.., item)| item).collect();
        for item in &items {
            summary.record(item);
        }
        // Bodies may be cut in the reports: their transfers count.
        summary.bytes_received = shards.iter().map(|s| s.bytes).sum();
        let iterations: BTreeSet<(Option<&str>, usize)> = items
            .iter()
            .map(|i| (i.item.collection.as_deref(), i.iteration))
            .collect();
        let skipped = summary.stats.skipped_assertions;
        stats.skipped_assertions = skipped;
        if !iterations.is_empty() {
            stats.iterations.total = iterations.len();
        } else {
            stats.iterations.total = shards
                .iter()
                .map(|s| s.stats.iterations.total)
                .max()
                .unwrap_or(0);
        }
        summary.stats = stats;
        let first = shards.first();
        let name = first
            .and_then(|s| s.collection["info"]["name"].as_str())
            .unwrap_or_default()
            .to_owned();
        summary.collection_name = name.clone();
        span_and_state(&mut summary, &shards);
        let distinct: BTreeSet<(Option<&str>, &str)> = items
            .iter()
            .map(|i| (i.item.collection.as_deref(), i.item.id.as_str()))
            .collect();
        let start = RunStart {
            collection_name: name,
            iterations: iterations.iter().map(|(_, i)| i + 1).max().unwrap_or(1),
            items: distinct.len(),
            mock_url: None,
            secrets: Vec::new(),
        };
        let context = RunContext {
            collection: first.map(|s| s.collection.clone()).unwrap_or(Value::Null),
            environment: first.and_then(|s| s.environment.clone()),
            globals: first.and_then(|s| s.globals.clone()),
        };
        Ok(MergedRun {
            context,
            summary,
            start,
            items,
        })
    }

    /// Emits the merged run's events, in the unsharded run's order.
    pub fn replay(&self, on_event: &mut dyn FnMut(&RunEvent<'_>)) {
        on_event(&RunEvent::RunStarted(&self.start));
        let total = self.start.iterations;
        let mut current: Option<(Option<&str>, usize)> = None;
        for item in &self.items {
            let at = (item.item.collection.as_deref(), item.iteration);
            if current != Some(at) {
                if let Some((_, iteration)) = current {
                    on_event(&RunEvent::IterationFinished { iteration });
                }
                on_event(&RunEvent::IterationStarted {
                    iteration: item.iteration,
                    total,
                });
                current = Some(at);
            }
            on_event(&RunEvent::ItemStarted {
                item: &item.item,
                iteration: item.iteration,
            });
            on_event(&RunEvent::ItemFinished {
                result: item,
                secrets: &[],
            });
        }
        if let Some((_, iteration)) = current {
            on_event(&RunEvent::IterationFinished { iteration });
        }
        on_event(&RunEvent::RunFinished(&self.summary));
    }
}

/// The run's wall time, from the first shard's start to the last one's end,
/// and the variables as the last report has them.
fn span_and_state(summary: &mut RunSummary, shards: &[ShardReport]) {
    let started = shards.iter().filter_map(|s| s.started).min();
    let completed = shards.iter().filter_map(|s| s.completed).max();
    summary.started_at = started
        .and_then(|ms| u64::try_from(ms).ok())
        .map(|ms| SystemTime::UNIX_EPOCH + Duration::from_millis(ms));
    summary.duration = match (started, completed) {
        (Some(s), Some(c)) => {
            Duration::from_millis(u64::try_from(c.saturating_sub(s)).unwrap_or(0))
        }
        _ => Duration::ZERO,
    };
    let last = shards.last();
    summary.environment = last
        .and_then(|s| s.environment.as_ref())
        .map(|e| e.values.clone())
        .unwrap_or_default();
    summary.globals = last
        .and_then(|s| s.globals.as_ref())
        .map(|e| e.values.clone())
        .unwrap_or_default();
}

fn add_stats(total: &mut RunStats, s: &RunStats) {
    let add = |t: &mut Counter, c: Counter| {
        t.total += c.total;
        t.failed += c.failed;
    };
    add(&mut total.iterations, s.iterations);
    add(&mut total.items, s.items);
    add(&mut total.requests, s.requests);
    add(&mut total.prerequest_scripts, s.prerequest_scripts);
    add(&mut total.test_scripts, s.test_scripts);
    add(&mut total.assertions, s.assertions);
}

/// One collection, no item run twice.
fn check(shards: &[ShardReport]) -> Result<(), MergeError> {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    let expected = shards
        .first()
        .and_then(|s| s.collection["info"]["name"].as_str())
        .unwrap_or_default();
    for shard in shards {
        let found = shard.collection["info"]["name"]
            .as_str()
            .unwrap_or_default();
        if found != expected {
            return Err(MergeError::Collection {
                path: shard.path.clone(),
                found: found.to_owned(),
                expected: expected.to_owned(),
            });
        }
        for (reference, _) in &shard.items {
            if reference.is_empty() {
                continue;
            }
            if let Some(first) = seen.insert(reference, &shard.path) {
                return Err(MergeError::Duplicate {
                    first: first.to_owned(),
                    second: shard.path.clone(),
                    reference: reference.clone(),
                });
            }
        }
    }
    Ok(())
}

/// Where each item comes in the collection: `(collection, id)` → (collection
/// index, position). A report of several collections has one top-level
/// folder per collection, named as its items' `collection`.
type Order = HashMap<(Option<String>, String), (usize, usize)>;

fn plan_order(collection: &Value) -> Order {
    let mut order = Order::new();
    let top = collection["item"].as_array().cloned().unwrap_or_default();
    // Every top-level folder is tried as a collection too; ids that are not
    // found under a collection name fall back to the plain walk.
    let mut position = 0;
    walk(&top, &mut Vec::new(), &mut |id| {
        order.insert((None, id), (0, position));
        position += 1;
    });
    for (n, folder) in top.iter().enumerate() {
        let name = text(&folder["name"]);
        let children = folder["item"].as_array().cloned().unwrap_or_default();
        let mut position = 0;
        walk(&children, &mut Vec::new(), &mut |id| {
            order.insert((Some(name.clone()), id), (n, position));
            position += 1;
        });
    }
    order
}

/// Calls `found` with the id of every request, depth-first: its `id`, or
/// its path of names as the runner makes one.
fn walk(items: &[Value], folders: &mut Vec<String>, found: &mut dyn FnMut(String)) {
    for item in items {
        let name = text(&item["name"]);
        match item["item"].as_array() {
            Some(children) if item.get("request").is_none() => {
                folders.push(name);
                walk(children, folders, found);
                folders.pop();
            }
            _ => {
                let id = item["id"].as_str().map(str::to_owned).unwrap_or_else(|| {
                    let mut parts = folders.clone();
                    parts.push(name);
                    parts.join("/")
                });
                found(id);
            }
        }
    }
}

fn sort_key(order: &Order, item: &ItemResult) -> (usize, usize, usize) {
    let key = (item.item.collection.clone(), item.item.id.clone());
    let (collection, position) = order.get(&key).copied().unwrap_or((usize::MAX, usize::MAX));
    (collection, item.iteration, position)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plan_order_follows_the_collection() {
        let c = json!({"item": [
            {"name": "F", "item": [{"name": "a"}, {"name": "b", "id": "b-id"}]},
            {"name": "c"}
        ]});
        let order = plan_order(&c);
        assert_eq!(order[&(None, "F/a".to_owned())], (0, 0));
        assert_eq!(order[&(None, "b-id".to_owned())], (0, 1));
        assert_eq!(order[&(None, "c".to_owned())], (0, 2));
        // As a report of several collections: F is a collection.
        assert_eq!(order[&(Some("F".to_owned()), "a".to_owned())], (0, 0));
    }

    #[test]
    fn script_errors_keep_name_line_and_origin() {
        let e = script_error(ScriptEvent::Test, Some(3), "TypeError", "x is undefined");
        assert_eq!(
            e.to_string(),
            "test script (shard report) line 3: TypeError: x is undefined"
        );
        let e = script_error(
            ScriptEvent::Prerequest,
            None,
            "ScriptError",
            "prerequest script (collection): boom",
        );
        assert_eq!(e.to_string(), "prerequest script (collection): boom");
    }
}
