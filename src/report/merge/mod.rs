//! `courier merge`: the JSON reports of a sharded run turned back into the
//! run's events, so the ordinary reporters write the merged reports.
//!
//! Each shard's JSON report holds one entry per request sent; the entries
//! of one item run share `cursor.ref`. [`read_report`] reads a report's
//! head, its failures and which items it ran, without keeping its
//! executions (`read.rs` streams the file); [`MergedRun::replay`] reads
//! every shard again on its own thread, turns each item run back into an
//! [`ItemResult`] (`item.rs`) and emits the items of all shards in the
//! unsharded run's order (collection, then iteration, then the collection's
//! item order) by merging the shards' streams, so memory stays flat however
//! long the run was. The stats are the shards' stats added up, except
//! iterations, which count each iteration of each collection once (folder
//! shards all run every iteration).
//!
//! What the JSON report does not keep is not made up: item durations are
//! the response times, script errors named `TypeError: …` read `shard
//! report` as their origin, bodies cut in a shard's report stay cut, and
//! visualizations are gone.

mod item;
mod read;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::{Duration, SystemTime};

use serde_json::Value;

use super::RunContext;
use crate::collection::Environment;
use crate::runner::{Counter, ItemResult, RunEvent, RunStart, RunStats, RunSummary};
use item::{item_result, text};

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
    /// A report has no `run.stats` or `run.executions`.
    #[error(
        "the shard report {path} has no {pointer}: it is not a courier or Newman JSON report (`-r json`)"
    )]
    Missing {
        /// The file.
        path: PathBuf,
        /// The JSON pointer of what is missing.
        pointer: &'static str,
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

/// One shard's report: its head and failures, not its executions.
#[derive(Debug)]
pub struct ShardReport {
    path: PathBuf,
    collection: Value,
    environment: Option<Environment>,
    globals: Option<Environment>,
    stats: RunStats,
    bytes: u64,
    started: Option<u64>,
    completed: Option<u64>,
    error: Option<String>,
    /// `cursor.cycles`: the whole run's iterations.
    cycles: usize,
    /// The first execution's `cursor.ref`, to catch a report given twice.
    first_ref: Option<String>,
    /// `(collection, item id)` of every item it ran.
    items: BTreeSet<(Option<String>, String)>,
    /// `run.failures` by `cursor.ref`.
    failures: HashMap<String, Vec<Value>>,
}

/// Reads one shard's JSON report (all but its executions, which are only
/// looked through).
pub fn read_report(path: &Path) -> Result<ShardReport, MergeError> {
    let mut first_ref = None;
    let mut cycles = 0;
    let mut items = BTreeSet::new();
    let head = read::read(path, true, &mut |e| {
        if first_ref.is_none() {
            first_ref = e["cursor"]["ref"].as_str().map(str::to_owned);
        }
        let c = e["cursor"]["cycles"].as_u64().unwrap_or(0);
        cycles = cycles.max(usize::try_from(c).unwrap_or(0));
        let collection = e.get("collection").and_then(Value::as_str);
        items.insert((collection.map(str::to_owned), text(&e["item"]["id"])));
    })?;
    let missing = |pointer| MergeError::Missing {
        path: path.to_owned(),
        pointer,
    };
    if !head.has_executions {
        return Err(missing("run.executions"));
    }
    let stats = head.stats.as_ref().ok_or_else(|| missing("run.stats"))?;
    let mut failures: HashMap<String, Vec<Value>> = HashMap::new();
    for f in head.failures {
        failures
            .entry(text(&f["cursor"]["ref"]))
            .or_default()
            .push(f);
    }
    let env = |v: &Value| serde_json::from_value::<Environment>(v.clone()).ok();
    Ok(ShardReport {
        path: path.to_owned(),
        environment: env(&head.environment),
        globals: env(&head.globals),
        stats: run_stats(stats),
        bytes: head.transfers["responseTotal"].as_u64().unwrap_or(0),
        started: head.timings["started"].as_u64(),
        completed: head.timings["completed"].as_u64(),
        error: head.error["message"].as_str().map(str::to_owned),
        collection: head.collection,
        cycles,
        first_ref,
        items,
        failures,
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

/// The shards of one run, ready to be replayed as one.
#[derive(Debug)]
pub struct MergedRun {
    /// What the file reporters need before the run.
    pub context: RunContext,
    start: RunStart,
    /// The summary but for what the items add (failures, response times).
    base: RunSummary,
    order: Order,
    shards: Vec<ShardReport>,
}

/// Where an item comes in the merged run: (collection, iteration, position).
type Key = (usize, usize, usize);

/// What a shard's reader thread sends: the next item run, or why it stopped.
type Next = Result<(Key, ItemResult), MergeError>;

impl MergedRun {
    /// Merges `shards`: checks they are of one run and that no report is
    /// given twice, and adds their stats up.
    pub fn new(shards: Vec<ShardReport>) -> Result<MergedRun, MergeError> {
        check(&shards)?;
        let first = shards.first();
        let name = first
            .and_then(|s| s.collection["info"]["name"].as_str())
            .unwrap_or_default()
            .to_owned();
        let mut base = RunSummary {
            collection_name: name.clone(),
            ..Default::default()
        };
        for shard in &shards {
            add_stats(&mut base.stats, &shard.stats);
            base.bytes_received += shard.bytes;
            if base.aborted.is_none() {
                base.aborted = shard.error.clone();
            }
        }
        span_and_state(&mut base, &shards);
        let items: BTreeSet<&(Option<String>, String)> =
            shards.iter().flat_map(|s| s.items.iter()).collect();
        let start = RunStart {
            collection_name: name,
            iterations: shards.iter().map(|s| s.cycles).max().unwrap_or(1).max(1),
            items: items.len(),
            mock_url: None,
            secrets: Vec::new(),
        };
        let context = RunContext {
            collection: first.map(|s| s.collection.clone()).unwrap_or(Value::Null),
            environment: first.and_then(|s| s.environment.clone()),
            globals: first.and_then(|s| s.globals.clone()),
        };
        Ok(MergedRun {
            order: plan_order(&context.collection),
            context,
            start,
            base,
            shards,
        })
    }

    /// Emits the merged run's events, in the unsharded run's order, reading
    /// the shards again as it goes; returns the final summary.
    pub fn replay(
        &self,
        on_event: &mut dyn FnMut(&RunEvent<'_>),
    ) -> Result<RunSummary, MergeError> {
        std::thread::scope(|scope| {
            let receivers: Vec<Receiver<Next>> = self
                .shards
                .iter()
                .map(|shard| {
                    let (tx, rx) = sync_channel(64);
                    let order = &self.order;
                    scope.spawn(move || stream_shard(shard, order, &tx));
                    rx
                })
                .collect();
            self.emit(&receivers, on_event)
        })
    }

    fn emit(
        &self,
        receivers: &[Receiver<Next>],
        on_event: &mut dyn FnMut(&RunEvent<'_>),
    ) -> Result<RunSummary, MergeError> {
        let next = |rx: &Receiver<Next>| rx.recv().ok().transpose();
        let mut heads = receivers.iter().map(next).collect::<Result<Vec<_>, _>>()?;
        let mut summary = self.base.clone();
        on_event(&RunEvent::RunStarted(&self.start));
        let total = self.start.iterations;
        let mut current: Option<(Option<String>, usize)> = None;
        let mut iterations = 0;
        while let Some(n) = (0..heads.len())
            .filter(|&n| heads[n].is_some())
            .min_by_key(|&n| heads[n].as_ref().map(|(key, _)| *key))
        {
            let Some((_, item)) = heads[n].take() else {
                break;
            };
            heads[n] = next(&receivers[n])?;
            let at = (item.item.collection.clone(), item.iteration);
            if current.as_ref() != Some(&at) {
                if let Some((_, iteration)) = current {
                    on_event(&RunEvent::IterationFinished { iteration });
                }
                on_event(&RunEvent::IterationStarted {
                    iteration: item.iteration,
                    total,
                });
                iterations += 1;
                current = Some(at);
            }
            summary.record(&item);
            on_event(&RunEvent::ItemStarted {
                item: &item.item,
                iteration: item.iteration,
            });
            on_event(&RunEvent::ItemFinished {
                result: &item,
                secrets: &[],
            });
        }
        if let Some((_, iteration)) = current {
            on_event(&RunEvent::IterationFinished { iteration });
        }
        let mut stats = self.base.stats;
        stats.skipped_assertions = summary.stats.skipped_assertions;
        if iterations > 0 {
            stats.iterations.total = iterations;
        } else {
            let most = self.shards.iter().map(|s| s.stats.iterations.total).max();
            stats.iterations.total = most.unwrap_or(0);
        }
        summary.stats = stats;
        // Bodies may be cut in the reports: their transfers count.
        summary.bytes_received = self.base.bytes_received;
        on_event(&RunEvent::RunFinished(&summary));
        Ok(summary)
    }
}

/// Reads `shard` again and sends its item runs, in its order, to `tx`.
fn stream_shard(shard: &ShardReport, order: &Order, tx: &SyncSender<Next>) {
    let mut group: Vec<Value> = Vec::new();
    let flush = |group: &mut Vec<Value>| {
        let Some(first) = group.first() else {
            return;
        };
        let reference = text(&first["cursor"]["ref"]);
        let failures: Vec<&Value> = shard
            .failures
            .get(&reference)
            .map(|f| f.iter().collect())
            .unwrap_or_default();
        let entries: Vec<&Value> = group.iter().collect();
        let item = item_result(&entries, &failures);
        let key = sort_key(order, &item);
        // A closed channel means the merge stopped; the rest is not needed.
        let _ = tx.send(Ok((key, item)));
        group.clear();
    };
    let read = read::read(&shard.path, false, &mut |e| {
        let same = group
            .first()
            .is_some_and(|g| g["cursor"]["ref"] == e["cursor"]["ref"]);
        if !same {
            flush(&mut group);
        }
        group.push(e);
    });
    flush(&mut group);
    if let Err(e) = read {
        let _ = tx.send(Err(e));
    }
}

/// The run's wall time, from the first shard's start to the last one's end,
/// and the variables as the last report has them.
fn span_and_state(summary: &mut RunSummary, shards: &[ShardReport]) {
    let started = shards.iter().filter_map(|s| s.started).min();
    let completed = shards.iter().filter_map(|s| s.completed).max();
    summary.started_at = started.map(|ms| SystemTime::UNIX_EPOCH + Duration::from_millis(ms));
    summary.duration = match (started, completed) {
        (Some(s), Some(c)) => Duration::from_millis(c.saturating_sub(s)),
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

/// One run: one collection, no report given twice.
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
        if let Some(reference) = &shard.first_ref
            && let Some(first) = seen.insert(reference, &shard.path)
        {
            return Err(MergeError::Duplicate {
                first: first.to_owned(),
                second: shard.path.clone(),
                reference: reference.clone(),
            });
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

fn sort_key(order: &Order, item: &ItemResult) -> Key {
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
}
