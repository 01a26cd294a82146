//! The sequential scheduler: iterations one after another on the calling
//! task, sharing one HTTP client (and its cookie jar) and one script engine,
//! so iteration k sees the variables k-1 left — except in a shard whose
//! iterations are independent, where each starts afresh as in its own
//! process. Each iteration is run by the driver in `iteration.rs`.

use std::time::Instant;

use super::RunError;
use super::events::RunEvent;
use super::interrupt::Interrupt;
use super::item::{ItemRunner, Shared};
use super::iteration::{
    End, Position, RunOutcome, data_scope, finish, initial_scopes, new_client, new_engine,
    new_summary, run_iteration, run_start,
};
use super::options::RunOptions;
use super::plan::plan_run;

/// Runs every iteration in order, emitting events as it goes.
pub(crate) async fn run_sequential(
    o: &RunOptions,
    interrupt: &Interrupt,
    on_event: &mut dyn FnMut(&RunEvent<'_>),
) -> Result<RunOutcome, RunError> {
    let items = plan_run(o)?;
    let client = new_client(o)?;
    let engine = new_engine(o)?;
    let mut scopes = initial_scopes(o);
    let iterations = o.shard_iterations(items.len());
    let started = Instant::now();
    let mut summary = new_summary(o);
    on_event(&RunEvent::RunStarted(&run_start(o, items.len(), &scopes)));
    let shared = Shared {
        options: o,
        client: &client,
        deadline: o.timeout.map(|t| started + t),
    };
    let mut runner = ItemRunner::new(shared, engine);
    for n in 0..iterations {
        if interrupt.raised() {
            break;
        }
        let iteration = o.nth_iteration(n);
        if o.iterations_independent() && n > 0 {
            // A shard's iterations start as they would in its own process.
            scopes = initial_scopes(o);
            client.clear_cookies();
        }
        scopes.data = data_scope(o, iteration);
        let mut emit = |e: &RunEvent<'_>| {
            if let RunEvent::ItemFinished { result, .. } = e {
                summary.record(result);
            }
            on_event(e);
        };
        let at = Position {
            items: &items,
            iteration,
            interrupt,
        };
        let stop = run_iteration(&mut runner, &at, &mut scopes, &mut emit).await;
        summary.stats.iterations.total += 1;
        if let Some(reason) = stop {
            summary.aborted = Some(reason);
            break;
        }
    }
    let end = End { started, interrupt };
    let mut outcome = finish(o, summary, scopes, &end, on_event);
    outcome.cookie_jar = client.cookie_jar_file();
    if super::exits_after_run() {
        // The process frees it when it exits.
        std::mem::forget(runner.into_engine());
    }
    Ok(outcome)
}
