//! `courier run`: one collection, or several one after the other, and
//! `--shard I/N`.
//!
//! Every collection is loaded and planned before anything is sent, so a bad
//! file or an unknown `--folder` stops the run with exit code 2. Each
//! collection then runs as a separate `newman run` would: from the given
//! environment, globals, data and vault files, with its own cookie jar and
//! terminal reporters (so the terminal shows a summary per collection). The
//! file reporters (junit, json, html) see one run: with several
//! collections, every item names its collection (`ItemRef::collection`), the
//! report's collection has one top-level folder per collection, and its
//! stats are the total. `--parallel` keeps its meaning inside each
//! collection (parallel iterations); collections never run at once, so
//! output and reports stay in order — spread them over processes with
//! `--shard-by collection` instead.

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value, json};

use super::args::{ReporterName, RunArgs, ShardByArg};
use super::outputs::{self, Finish};
use super::reporters::{self, FileOptions};
use super::vault::VaultSource;
use super::{exit, report_stale_snapshots, run_options, say, signals, write_exports};
use crate::report::{ReportError, Reporter, RunContext};
use crate::runner::{
    Counter, Interrupt, RunEvent, RunOptions, RunStart, RunStats, RunSummary, Runner, Shard,
    ShardBy,
};
use crate::snapshot::LiveItems;

/// A collection ready to run.
struct Planned {
    path: PathBuf,
    options: RunOptions,
    /// Items per iteration in this process.
    items: usize,
}

/// Runs `courier run`; `Ok` carries the exit code.
pub(super) fn run(args: &RunArgs) -> Result<u8> {
    let paths = collection_paths(&args.collections)?;
    let many = paths.len() > 1;
    if !many {
        // `courier run` exits when its run ends (`main`); with several
        // collections each run's engine is freed, so that they do not add up.
        crate::runner::process_exits_after_run();
    }
    if many {
        refuse_exports(args)?;
    }
    let (planned, context) = plan_all(args, &paths, many)?;
    let files = reporters::build_files(&FileOptions::of_run(args), &context)?;
    outputs::check(&outputs::planned(args, &files.files))?;
    let interrupt = Interrupt::default();
    if let Err(e) = signals::listen(interrupt.clone()) {
        eprintln!("warning: Ctrl-C will end the run without reports: {e}");
    }
    let mut finish = Finish::default();
    let mut sink = FileSink {
        list: files.list,
        errors: Vec::new(),
        started: false,
        finished: false,
        many,
    };
    let started = Instant::now();
    let mut total = RunSummary {
        collection_name: context.collection["info"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        started_at: Some(SystemTime::now()),
        ..Default::default()
    };
    let mut per_collection = Vec::new();
    let combined = CombinedStart {
        name: total.collection_name.clone(),
        iterations: planned
            .iter()
            .map(|p| p.options.iterations())
            .max()
            .unwrap_or(1),
        items: planned.iter().map(|p| p.items).sum(),
    };
    let count = planned.len();
    for (n, p) in planned.into_iter().enumerate() {
        let run = One {
            args,
            combined: &combined,
            many,
            interrupt: &interrupt,
        };
        let summary = run.run(p, &mut sink, &mut finish)?;
        add_summary(&mut total, &summary);
        let stop =
            (args.bail.iter().any(|b| b == "failure") && summary.failed()) || summary.interrupted;
        per_collection.push(summary);
        if stop && n + 1 < count && !args.silent {
            eprintln!(
                "note: --bail: the {} collection(s) after this one were not run",
                count - n - 1
            );
        }
        if stop {
            break;
        }
    }
    total.duration = started.elapsed();
    sink.finish(&combined, &total);
    for e in &sink.errors {
        finish.failure(&crate::error::describe(e));
    }
    if !args.silent {
        for (reporter, path) in &files.files {
            if !sink.errors.iter().any(|e| e.reporter() == *reporter) {
                say(format_args!("{reporter} report: {}", path.display()));
            }
        }
        if many && args.reporters.contains(&ReporterName::Cli) {
            say(format_args!("\n{}", totals_table(&per_collection, &total)));
        }
    }
    Ok(if total.interrupted {
        exit::INTERRUPTED
    } else if finish.any_failed() {
        exit::OUTPUT_FAILED
    } else if total.failed() && !args.suppress_exit_code {
        exit::FAILURE
    } else {
        exit::SUCCESS
    })
}

/// The collections `COLLECTION…` stand for: a file, a v3 collection
/// directory, a collection registered by name in `.postman/resources.yaml`,
/// or a directory of collections (its `*collection.json` files and v3
/// collection sub-directories, in name order).
fn collection_paths(given: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in given {
        let found = if path.is_dir() && !path.join(".resources").join("definition.yaml").is_file() {
            collections_in(path)?
        } else {
            Vec::new()
        };
        if found.is_empty() {
            // A file, a name, or a directory that is neither kind: loading
            // it says what is wrong.
            out.push(by_name(path)?);
        } else {
            out.extend(found);
        }
    }
    Ok(out)
}

/// The collection files and v3 collection directories directly in `dir`, by name.
fn collections_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let mut found = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot read {}", dir.display()))?
            .path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let v3 = path.join(".resources").join("definition.yaml").is_file();
        if v3 || (path.is_file() && name.ends_with("collection.json")) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// `COLLECTION` that is no file or directory but the name of a collection
/// registered in the repository's `.postman/resources.yaml` becomes that
/// collection's path.
fn by_name(path: &Path) -> Result<PathBuf> {
    if path.exists() || super::remote::is_url(&path.to_string_lossy()) {
        return Ok(path.to_path_buf());
    }
    let name = path.to_string_lossy().into_owned();
    let here = std::env::current_dir().context("cannot read the current directory")?;
    Ok(
        crate::collection::v3::workspace::find_by_name(&here, &name)?
            .unwrap_or_else(|| path.to_path_buf()),
    )
}

/// State exports are per run; with several collections there is no one
/// state to write, so they are refused rather than guessed.
fn refuse_exports(args: &RunArgs) -> Result<()> {
    let given = [
        ("--export-environment", args.export_environment.is_some()),
        ("--export-globals", args.export_globals.is_some()),
        ("--export-collection", args.export_collection.is_some()),
        ("--export-cookie-jar", args.export_cookie_jar.is_some()),
    ];
    if let Some((flag, _)) = given.iter().find(|(_, set)| *set) {
        bail!(
            "{flag} cannot be used with several collections (each starts from the given files, so there is no single final state); run the collection whose state you need on its own"
        );
    }
    Ok(())
}

/// Loads every collection, applies `--shard` and checks the plans; the
/// reports' context names every collection of the run, so that the
/// reports of all shards are of the same run.
fn plan_all(args: &RunArgs, paths: &[PathBuf], many: bool) -> Result<(Vec<Planned>, RunContext)> {
    let mut planned = Vec::new();
    let mut loaded = Vec::new();
    for path in paths {
        loaded.push((path, run_options(args, path)?));
    }
    if many {
        loaded = names_per_collection(args, loaded)?;
    }
    let all: Vec<&RunOptions> = loaded.iter().map(|(_, o)| o).collect();
    // Only the json and html reports hold the collection; without them the
    // context names it (serializing a large collection costs per item).
    let whole = args
        .reporters
        .iter()
        .any(|r| matches!(r, ReporterName::Json | ReporterName::Html));
    let context = match (many, all.as_slice()) {
        (false, [one]) if whole => context_of(one),
        _ if whole => combined_context(&all),
        _ => named_context(&all),
    };
    for (n, (path, mut options)) in loaded.into_iter().enumerate() {
        let name = options.collection.info.name.clone();
        if many {
            options.collection_label = Some(name.clone());
        }
        if let Some(s) = args.shard {
            let by = match args.shard_by {
                Some(ShardByArg::Collection) => {
                    if n % s.count != s.index - 1 {
                        note_empty(
                            args,
                            &format!("collection \"{name}\" runs in another shard"),
                        );
                        continue;
                    }
                    None
                }
                Some(ShardByArg::Iteration) => Some(ShardBy::Iteration),
                Some(ShardByArg::Folder) => Some(ShardBy::Folder),
                None if options.iterations() > 1 => Some(ShardBy::Iteration),
                None => Some(ShardBy::Folder),
            };
            options.shard = by.map(|by| Shard {
                index: s.index - 1,
                count: s.count,
                by,
            });
        }
        let size = options
            .planned_items()
            .with_context(|| format!("{}", path.display()))?;
        if let Some(shard) = options.shard
            && options.shard_iterations(size.items) == 0
        {
            let units = match shard.by {
                ShardBy::Iteration => format!("{} iteration(s)", options.iterations()),
                ShardBy::Folder => format!("{} top-level folder(s)", size.top_level_units),
            };
            note_empty(
                args,
                &format!("\"{name}\" has {units} for {} shards", shard.count),
            );
        }
        planned.push(Planned {
            path: path.clone(),
            options,
            items: size.items,
        });
    }
    if planned.is_empty()
        && let Some(s) = args.shard
        && !args.silent
    {
        eprintln!(
            "note: shard {}/{} has nothing to run; it writes empty reports and exits 0",
            s.index, s.count
        );
    }
    Ok((planned, context))
}

/// With several collections, `--folder` and `--exclude-folder` names need
/// only exist in one of them: each collection keeps the names it has, and
/// one that has none of the `--folder` names is not run. A name no
/// collection has stops the run (exit 2).
fn names_per_collection<'p>(
    args: &RunArgs,
    loaded: Vec<(&'p PathBuf, RunOptions)>,
) -> Result<Vec<(&'p PathBuf, RunOptions)>> {
    for (flag, names) in [
        ("--folder", &args.folder),
        ("--exclude-folder", &args.exclude_folder),
    ] {
        if let Some(name) = names
            .iter()
            .find(|n| !loaded.iter().any(|(_, o)| o.has_item(n)))
        {
            bail!(
                "{flag} \"{name}\": no folder or request has that name or id in any of the {} collections",
                loaded.len()
            );
        }
    }
    let mut kept = Vec::new();
    for (path, mut o) in loaded {
        let folders = std::mem::take(&mut o.folders);
        o.folders = folders.into_iter().filter(|n| o.has_item(n)).collect();
        let excluded = std::mem::take(&mut o.exclude_folders);
        o.exclude_folders = excluded.into_iter().filter(|n| o.has_item(n)).collect();
        if !args.folder.is_empty() && o.folders.is_empty() {
            if !args.silent {
                eprintln!(
                    "note: \"{}\" has none of the --folder names; it is not run",
                    o.collection.info.name
                );
            }
            continue;
        }
        kept.push((path, o));
    }
    Ok(kept)
}

fn note_empty(args: &RunArgs, why: &str) {
    if let (Some(s), false) = (args.shard, args.silent) {
        eprintln!(
            "note: shard {}/{} has nothing to run here: {why}",
            s.index, s.count
        );
    }
}

/// What the file reporters know before a single collection runs.
fn context_of(o: &RunOptions) -> RunContext {
    RunContext {
        collection: serde_json::to_value(&o.collection).unwrap_or_default(),
        environment: o.environment.clone(),
        globals: o.globals.clone(),
    }
}

/// The collections' names joined with ` + `, the name of a run of several.
fn joined_names(all: &[&RunOptions]) -> String {
    all.iter()
        .map(|o| o.collection.info.name.as_str())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The context when no report holds the collection: its name only (the
/// names joined as for several, [`joined_names`]).
fn named_context(all: &[&RunOptions]) -> RunContext {
    let name = joined_names(all);
    RunContext {
        collection: json!({ "info": { "name": name } }),
        environment: all.first().and_then(|o| o.environment.clone()),
        globals: all.first().and_then(|o| o.globals.clone()),
    }
}

/// The report's collection for several: one top-level folder per
/// collection (its items, scripts, auth and variables), as the items'
/// `collection` names them.
fn combined_context(all: &[&RunOptions]) -> RunContext {
    let folders: Vec<Value> = all
        .iter()
        .map(|o| {
            let mut folder = Map::new();
            folder.insert("name".into(), Value::String(o.collection.info.name.clone()));
            if let Ok(Value::Object(whole)) = serde_json::to_value(&o.collection) {
                folder.extend(whole.into_iter().filter(|(k, _)| k != "info"));
            }
            Value::Object(folder)
        })
        .collect();
    let name = joined_names(all);
    RunContext {
        collection: json!({
            "info": {
                "name": name,
                "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
            },
            "item": folders,
        }),
        environment: all.first().and_then(|o| o.environment.clone()),
        globals: all.first().and_then(|o| o.globals.clone()),
    }
}

/// The run as the file reporters see it, when there are several collections.
struct CombinedStart {
    name: String,
    iterations: usize,
    items: usize,
}

/// The file reporters, fed one run however many collections there are.
struct FileSink {
    list: Vec<Box<dyn Reporter>>,
    /// The first error of each reporter; a reporter that failed once is
    /// reported once, and the others go on.
    errors: Vec<ReportError>,
    started: bool,
    finished: bool,
    many: bool,
}

impl FileSink {
    fn send(&mut self, event: &RunEvent<'_>) {
        feed(&mut self.list, &mut self.errors, event);
    }

    /// One event of one collection's run.
    fn on_event(&mut self, event: &RunEvent<'_>, combined: &CombinedStart) {
        match event {
            RunEvent::RunStarted(start) if self.many => {
                if !self.started {
                    let mut start = (*start).clone();
                    start.collection_name = combined.name.clone();
                    start.iterations = combined.iterations;
                    start.items = combined.items;
                    self.send(&RunEvent::RunStarted(&start));
                }
                self.started = true;
            }
            RunEvent::RunFinished(_) if self.many => {}
            RunEvent::RunStarted(_) => {
                self.started = true;
                self.send(event);
            }
            RunEvent::RunFinished(_) => {
                self.finished = true;
                self.send(event);
            }
            _ => self.send(event),
        }
    }

    /// Ends the reports: the total of several collections, or an empty run
    /// when this shard ran nothing.
    fn finish(&mut self, combined: &CombinedStart, total: &RunSummary) {
        if !self.started {
            let start = RunStart {
                collection_name: combined.name.clone(),
                iterations: 0,
                items: 0,
                mock_url: None,
                secrets: Vec::new(),
            };
            self.send(&RunEvent::RunStarted(&start));
        }
        if !self.finished {
            self.send(&RunEvent::RunFinished(total));
        }
    }
}

/// Gives `event` to every reporter of `list`, keeping the first error of
/// each reporter in `errors` (a reporter that fails is reported once, and
/// the others go on).
pub(super) fn feed(
    list: &mut [Box<dyn Reporter>],
    errors: &mut Vec<ReportError>,
    event: &RunEvent<'_>,
) {
    for r in list.iter_mut() {
        if let Err(e) = r.on_event(event)
            && !errors.iter().any(|p| p.reporter() == e.reporter())
        {
            errors.push(e);
        }
    }
}

/// What every collection of the run shares.
struct One<'a> {
    args: &'a RunArgs,
    combined: &'a CombinedStart,
    many: bool,
    interrupt: &'a Interrupt,
}

impl One<'_> {
    /// Runs one collection: its terminal reporters see its own run; the
    /// file reporters get its events through `sink`. Outputs that cannot be
    /// written are counted in `finish`, and the others are still written.
    fn run(
        &self,
        planned: Planned,
        sink: &mut FileSink,
        finish: &mut Finish,
    ) -> Result<RunSummary> {
        let args = self.args;
        let Planned {
            path, mut options, ..
        } = planned;
        let vault = VaultSource::load(args.vault.as_deref(), std::env::vars())?;
        let _mock = if args.mock {
            let server = crate::mock::MockServer::spawn(&options.collection)
                .with_context(|| format!("cannot start the mock server for {}", path.display()))?;
            options.base_override = Some(server.url());
            Some(server)
        } else {
            None
        };
        let mut terminal = reporters::build_terminal(args);
        let collection = args
            .export_collection
            .as_ref()
            .map(|_| options.collection.clone());
        let live = options
            .snapshots
            .as_ref()
            .map(|s| (LiveItems::new(&s.dir, &options.collection), s.dir.clone()));
        let mut terminal_errors: Vec<ReportError> = Vec::new();
        let mut on_event = |event: &RunEvent<'_>| {
            feed(&mut terminal, &mut terminal_errors, event);
            sink.on_event(event, self.combined);
        };
        let outcome = Runner::new(options)
            .with_interrupt(self.interrupt.clone())
            .run_blocking(&mut on_event)
            .with_context(|| format!("{}", path.display()))?;
        for e in &terminal_errors {
            finish.failure(&crate::error::describe(e));
        }
        if let Some((live, dir)) = &live
            && !args.silent
            && let Err(e) = report_stale_snapshots(live, dir, &path)
        {
            eprintln!("warning: cannot list stale snapshots: {e:#}");
        }
        if !self.many {
            write_exports(args, &outcome, collection, finish);
        }
        finish.attempt(vault.save(&outcome.scopes.vault));
        Ok(outcome.summary)
    }
}

fn add_counter(total: &mut Counter, c: Counter) {
    total.total += c.total;
    total.failed += c.failed;
}

/// Adds the summary of one collection to the total of the run.
pub(super) fn add_stats(total: &mut RunStats, s: &RunStats) {
    add_counter(&mut total.iterations, s.iterations);
    add_counter(&mut total.items, s.items);
    add_counter(&mut total.requests, s.requests);
    add_counter(&mut total.prerequest_scripts, s.prerequest_scripts);
    add_counter(&mut total.test_scripts, s.test_scripts);
    add_counter(&mut total.assertions, s.assertions);
    total.skipped_assertions += s.skipped_assertions;
    total.scripts_not_run += s.scripts_not_run;
}

fn add_summary(total: &mut RunSummary, s: &RunSummary) {
    add_stats(&mut total.stats, &s.stats);
    let (t, r) = (&mut total.response_times, &s.response_times);
    t.total += r.total;
    t.count += r.count;
    t.min = t.min.into_iter().chain(r.min).min();
    t.max = t.max.into_iter().chain(r.max).max();
    total.bytes_received += s.bytes_received;
    total.failures.extend(s.failures.iter().cloned());
    if total.aborted.is_none() {
        total.aborted = s.aborted.clone();
    }
    total.interrupted |= s.interrupted;
    // The reports show the state the last collection left.
    total.environment = s.environment.clone();
    total.globals = s.globals.clone();
}

/// One line per collection, then the total.
fn totals_table(runs: &[RunSummary], total: &RunSummary) -> String {
    use comfy_table::{Cell, CellAlignment, Table, presets};
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED).set_header(vec![
        "collection",
        "iterations",
        "requests",
        "failed requests",
        "assertions",
        "failed assertions",
        "result",
    ]);
    let row = |name: &str, s: &RunSummary| {
        let st = &s.stats;
        let mut cells = vec![Cell::new(name)];
        for n in [
            st.iterations.total,
            st.requests.total,
            st.requests.failed,
            st.assertions.total,
            st.assertions.failed,
        ] {
            cells.push(Cell::new(n).set_alignment(CellAlignment::Right));
        }
        cells.push(Cell::new(if s.failed() { "FAILED" } else { "passed" }));
        cells
    };
    for s in runs {
        t.add_row(row(&s.collection_name, s));
    }
    t.add_row(row(&format!("total ({} collections)", runs.len()), total));
    format!(
        "{t}\ntotal run duration: {}",
        crate::report::cli::human_duration(total.duration)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_of_collections_in_name_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in ["b.postman_collection.json", "a.collection.json", "env.json"] {
            std::fs::write(dir.path().join(name), "{}").expect("write");
        }
        let v3 = dir.path().join("c-v3").join(".resources");
        std::fs::create_dir_all(&v3).expect("mkdir");
        std::fs::write(v3.join("definition.yaml"), "$kind: collection\n").expect("write");
        let found = collection_paths(&[dir.path().to_path_buf()]).expect("found");
        let names: Vec<String> = found
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            ["a.collection.json", "b.postman_collection.json", "c-v3"]
        );
        // A directory of no collections is left to the v3 loader's error.
        let empty = tempfile::tempdir().expect("tempdir");
        let given = vec![empty.path().to_path_buf()];
        assert_eq!(collection_paths(&given).expect("kept"), given);
    }
}
