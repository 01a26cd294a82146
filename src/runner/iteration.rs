//! The iteration driver both schedulers share: the setup of a run (client,
//! script engine, initial variables, data rows, the `RunStarted` facts), one
//! iteration's items in plan order with `setNextRequest`, `--bail`,
//! `--delay-request`, the whole-run `--timeout` and an [`Interrupt`] (Ctrl-C:
//! no item starts after it, the item in flight finishes unless the interrupt
//! says to abandon it), and the end of a run ([`RunOutcome`]).
//!
//! The schedulers sit on top: `run.rs` runs iterations one after another,
//! `parallel.rs` on worker threads. Neither knows the other.

use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

use super::RunError;
use super::events::{RunEvent, RunStart};
use super::interrupt::Interrupt;
use super::item::ItemRunner;
use super::options::RunOptions;
use super::plan::PlannedItem;
use super::summary::RunSummary;
use crate::collection::{Environment, Variable};
use crate::http::{ClientOptions, CookieJarFile, HttpClient};
use crate::outcome::ConsoleEntry;
use crate::script::{NextRequest, ScriptEngine, ScriptOptions};
use crate::variables::{Scopes, VariableScope};

/// The result of a finished run.
#[derive(Debug, Clone)]
pub struct RunOutcome {
    /// Counts, timings and failures.
    pub summary: RunSummary,
    /// The variables at the end of the run.
    pub scopes: Scopes,
    /// Name and id of the environment file, kept for export.
    pub environment_meta: Option<Environment>,
    /// Name and id of the globals file, kept for export.
    pub globals_meta: Option<Environment>,
    /// The cookie jar at the end (of the last iteration, in a parallel
    /// run), for `--export-cookie-jar`.
    pub cookie_jar: CookieJarFile,
}

impl RunOutcome {
    /// The final environment in Postman's file format (`--export-environment`).
    pub fn environment_file(&self) -> Environment {
        export(
            &self.environment_meta,
            &self.scopes.environment,
            "environment",
        )
    }

    /// The final globals in Postman's file format (`--export-globals`).
    pub fn globals_file(&self) -> Environment {
        export(&self.globals_meta, &self.scopes.globals, "globals")
    }
}

fn export(meta: &Option<Environment>, scope: &VariableScope, kind: &str) -> Environment {
    let mut env = meta.clone().unwrap_or_else(|| Environment {
        id: Some(uuid::Uuid::new_v4().to_string()),
        name: kind.to_owned(),
        ..Default::default()
    });
    env.values = scope.to_variables();
    env.extra
        .insert("_postman_variable_scope".into(), Value::String(kind.into()));
    env
}

pub(crate) fn new_client(o: &RunOptions) -> Result<HttpClient, RunError> {
    HttpClient::new(ClientOptions {
        insecure: o.insecure,
        ignore_redirects: o.ignore_redirects,
        timeout_request: o.timeout_request,
        identity: o.tls.clone(),
        proxy: o.proxy.clone(),
        cookie_jar: o.cookie_jar.clone(),
        max_response_size: o.max_response_size,
        http_version: o.http_version,
        busy_poll: crate::http::busy_poll_window(o.busy_poll, o.parallel.max(1)),
    })
    .map_err(|e| RunError::Client(e.message))
}

pub(crate) fn new_engine(o: &RunOptions) -> Result<ScriptEngine, RunError> {
    ScriptEngine::new(ScriptOptions {
        timeout: o.timeout_script,
        packages: o.packages.clone(),
        ..Default::default()
    })
    .map_err(|e| RunError::Script(e.to_string()))
}

pub(crate) fn new_summary(o: &RunOptions) -> RunSummary {
    RunSummary {
        collection_name: o.collection.info.name.clone(),
        started_at: Some(SystemTime::now()),
        ..Default::default()
    }
}

pub(crate) fn run_start(o: &RunOptions, items: usize, scopes: &Scopes) -> RunStart {
    RunStart {
        collection_name: o.collection.info.name.clone(),
        iterations: o.iterations(),
        items,
        mock_url: o.base_override.clone(),
        secrets: scopes.secret_values(),
    }
}

/// How a run ends: when it started and whether it was interrupted.
pub(crate) struct End<'a> {
    pub started: Instant,
    pub interrupt: &'a Interrupt,
}

/// Closes the summary, emits `RunFinished` and builds the outcome.
pub(crate) fn finish(
    o: &RunOptions,
    mut summary: RunSummary,
    scopes: Scopes,
    end: &End<'_>,
    on_event: &mut dyn FnMut(&RunEvent<'_>),
) -> RunOutcome {
    summary.duration = end.started.elapsed();
    if let Some(reason) = end.interrupt.reason() {
        summary.interrupted = true;
        summary.aborted.get_or_insert(reason);
    }
    // (A folder shard without items cannot stop early, so `1` planned item will do.)
    if summary.stats.iterations.total < o.shard_iterations(1) && summary.aborted.is_some() {
        summary.stats.iterations.failed = 1;
    }
    summary.environment = scopes.environment.to_variables();
    summary.globals = scopes.globals.to_variables();
    on_event(&RunEvent::RunFinished(&summary));
    RunOutcome {
        summary,
        scopes,
        environment_meta: o.environment.clone(),
        globals_meta: o.globals.clone(),
        cookie_jar: CookieJarFile::default(),
    }
}

/// Which iteration runs, over which items, and what may interrupt it.
pub(crate) struct Position<'a, 'i> {
    pub items: &'a [PlannedItem<'i>],
    pub iteration: usize,
    pub interrupt: &'a Interrupt,
}

/// Runs one iteration; returns why the whole run must stop, if it must.
pub(crate) async fn run_iteration(
    runner: &mut ItemRunner<'_>,
    at: &Position<'_, '_>,
    scopes: &mut Scopes,
    on_event: &mut dyn FnMut(&RunEvent<'_>),
) -> Option<String> {
    let total = runner.shared.options.iterations();
    let iteration = at.iteration;
    on_event(&RunEvent::IterationStarted { iteration, total });
    let stop = run_items(runner, at, scopes, on_event).await;
    on_event(&RunEvent::IterationFinished { iteration });
    stop
}

/// The items of one iteration, in plan order unless `setNextRequest` jumps.
async fn run_items(
    runner: &mut ItemRunner<'_>,
    at: &Position<'_, '_>,
    scopes: &mut Scopes,
    on_event: &mut dyn FnMut(&RunEvent<'_>),
) -> Option<String> {
    let options = runner.shared.options;
    let (items, iteration, interrupt) = (at.items, at.iteration, at.interrupt);
    let mut index = 0;
    while index < items.len() {
        if runner.shared.timed_out() {
            return Some(timeout_message(options.timeout));
        }
        if runner.sent_any && !options.delay_request.is_zero() {
            tokio::select! {
                () = tokio::time::sleep(options.delay_request) => {}
                () = interrupt.asked() => {}
            }
        }
        if let Some(reason) = interrupt.reason() {
            return Some(reason);
        }
        let planned = &items[index];
        on_event(&RunEvent::ItemStarted {
            item: &planned.item_ref,
            iteration,
        });
        let ran = tokio::select! {
            biased;
            ran = runner.run_item(planned, iteration, scopes) => ran,
            () = interrupt.abandon() => {
                let reason = interrupt.reason().unwrap_or_default();
                return Some(format!(
                    "{reason}; \"{}\" was still running and was abandoned",
                    planned.item_ref.path()
                ));
            }
        };
        let (mut result, next) = ran;
        runner.sent_any |= result.exchange.is_some();
        let mut next_index = index + 1;
        let mut stop_iteration = false;
        match next {
            None => {}
            Some(NextRequest::Stop) => stop_iteration = true,
            Some(NextRequest::Item(name)) => match find_item(items, &name) {
                Some(i) => next_index = i,
                None => {
                    // Postman ends the iteration without a failure; say why
                    // in the item's console so the jump is not silent.
                    result.console.push(ConsoleEntry {
                        level: "warn".into(),
                        message: format!(
                            "setNextRequest(\"{name}\"): no item has that name or id; this iteration ends here, as in Postman"
                        ),
                    });
                    stop_iteration = true;
                }
            },
        }
        let mut secrets = scopes.secret_values();
        secrets.extend(result.secrets.iter().cloned());
        on_event(&RunEvent::ItemFinished {
            result: &result,
            secrets: &secrets,
        });
        if options.bail.on_failure && result.failed() {
            return Some(format!(
                "stopped after a failure in \"{}\" (--bail)",
                result.item.path()
            ));
        }
        if runner.shared.timed_out() {
            return Some(timeout_message(options.timeout));
        }
        runner.set_aside(result);
        if stop_iteration {
            break;
        }
        index = next_index;
    }
    None
}

fn timeout_message(timeout: Option<Duration>) -> String {
    format!(
        "the run timed out after {} ms (--timeout)",
        timeout.unwrap_or_default().as_millis()
    )
}

/// `setNextRequest` takes an id or a name, ids first; among items sharing a
/// name the last wins, as in postman-runtime's lookup table.
fn find_item(items: &[PlannedItem<'_>], name: &str) -> Option<usize> {
    items
        .iter()
        .position(|p| p.item_ref.id == name)
        .or_else(|| items.iter().rposition(|p| p.item_ref.name == name))
}

pub(crate) fn initial_scopes(o: &RunOptions) -> Scopes {
    let mut scopes = Scopes {
        collection: VariableScope::from_variables(&o.collection.variable),
        environment: o
            .environment
            .as_ref()
            .map(VariableScope::from_environment)
            .unwrap_or_default(),
        globals: o
            .globals
            .as_ref()
            .map(VariableScope::from_environment)
            .unwrap_or_default(),
        ..Default::default()
    };
    for (k, v) in &o.env_vars {
        scopes.environment.set(k.clone(), Value::String(v.clone()));
    }
    for (k, v) in &o.global_vars {
        scopes.globals.set(k.clone(), Value::String(v.clone()));
    }
    for (k, v) in &o.vault {
        scopes.vault.set(k.clone(), Value::String(v.clone()));
    }
    scopes
}

/// The data row of `iteration`; past the last row, the last row is reused (as Newman does).
pub(crate) fn data_scope(o: &RunOptions, iteration: usize) -> VariableScope {
    let Some(row) = o
        .iteration_data
        .get(iteration)
        .or_else(|| o.iteration_data.last())
    else {
        return VariableScope::new();
    };
    let vars: Vec<Variable> = row
        .iter()
        .map(|(k, v)| Variable {
            key: k.clone(),
            value: v.clone(),
            ..Default::default()
        })
        .collect();
    VariableScope::from_variables(&vars)
}
