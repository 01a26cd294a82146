//! `--parallel N`: iterations on N worker threads.
//!
//! Each worker has its own async runtime, HTTP client and script engine
//! (the JavaScript runtime is single-threaded). Every iteration starts from
//! the initial variable state and an empty cookie jar — unlike a sequential
//! run, where iteration k sees what k-1 set. Events are buffered per
//! iteration and replayed in iteration order, so reporters see the same
//! ordered stream as in a sequential run. The environment exported at the
//! end is the last iteration's. An [`Interrupt`] stops every worker: no
//! iteration starts after it, and each worker's iteration in flight ends
//! as a sequential run's would.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
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
use super::summary::RunSummary;
use crate::http::CookieJarFile;
use crate::outcome::{ItemRef, ItemResult};
use crate::variables::Scopes;

/// An event kept until its iteration's turn comes.
enum Buffered {
    IterationStarted {
        iteration: usize,
        total: usize,
    },
    ItemStarted {
        item: ItemRef,
        iteration: usize,
    },
    ItemFinished {
        result: Box<ItemResult>,
        secrets: Vec<String>,
    },
    IterationFinished {
        iteration: usize,
    },
}

impl Buffered {
    fn keep(event: &RunEvent<'_>) -> Option<Buffered> {
        Some(match event {
            RunEvent::IterationStarted { iteration, total } => Buffered::IterationStarted {
                iteration: *iteration,
                total: *total,
            },
            RunEvent::ItemStarted { item, iteration } => Buffered::ItemStarted {
                item: (*item).clone(),
                iteration: *iteration,
            },
            RunEvent::ItemFinished { result, secrets } => Buffered::ItemFinished {
                result: Box::new((*result).clone()),
                secrets: secrets.to_vec(),
            },
            RunEvent::IterationFinished { iteration } => Buffered::IterationFinished {
                iteration: *iteration,
            },
            RunEvent::RunStarted(_) | RunEvent::RunFinished(_) => return None,
        })
    }

    fn replay(&self, summary: &mut RunSummary, on_event: &mut dyn FnMut(&RunEvent<'_>)) {
        match self {
            Buffered::IterationStarted { iteration, total } => {
                on_event(&RunEvent::IterationStarted {
                    iteration: *iteration,
                    total: *total,
                })
            }
            Buffered::ItemStarted { item, iteration } => on_event(&RunEvent::ItemStarted {
                item,
                iteration: *iteration,
            }),
            Buffered::ItemFinished { result, secrets } => {
                summary.record(result);
                on_event(&RunEvent::ItemFinished { result, secrets })
            }
            Buffered::IterationFinished { iteration } => on_event(&RunEvent::IterationFinished {
                iteration: *iteration,
            }),
        }
    }
}

/// One finished iteration.
struct Done {
    /// Its place in this process's iterations (they are emitted in that order).
    seq: usize,
    events: Vec<Buffered>,
    stop: Option<String>,
    scopes: Scopes,
    /// The jar as the iteration left it.
    cookie_jar: CookieJarFile,
}

/// What the workers share.
struct Work {
    options: RunOptions,
    interrupt: Interrupt,
    next: AtomicUsize,
    stop: AtomicBool,
    started: Instant,
}

/// Runs the iterations of `options` on `workers` threads.
pub(crate) fn run_parallel(
    options: RunOptions,
    interrupt: Interrupt,
    workers: usize,
    on_event: &mut dyn FnMut(&RunEvent<'_>),
) -> Result<RunOutcome, RunError> {
    let items = plan_run(&options)?.len();
    let initial = initial_scopes(&options);
    let started = Instant::now();
    on_event(&RunEvent::RunStarted(&run_start(&options, items, &initial)));
    let iterations = options.shard_iterations(items);
    let work = Arc::new(Work {
        options,
        interrupt,
        next: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        started,
    });
    let (tx, rx) = mpsc::channel::<Result<Done, RunError>>();
    let handles: Vec<_> = (0..workers.clamp(1, iterations.max(1)))
        .map(|_| {
            let (work, tx) = (work.clone(), tx.clone());
            std::thread::spawn(move || worker(&work, &tx))
        })
        .collect();
    drop(tx);
    let mut summary = new_summary(&work.options);
    let mut last_scopes = initial;
    let mut last_jar = CookieJarFile::default();
    let mut pending = BTreeMap::new();
    let mut next_to_emit = 0;
    let mut failure = None;
    let mut emit =
        |done: Done, summary: &mut RunSummary, last: &mut Scopes, jar: &mut CookieJarFile| {
            for e in &done.events {
                e.replay(summary, on_event);
            }
            summary.stats.iterations.total += 1;
            if summary.aborted.is_none() {
                summary.aborted = done.stop;
            }
            *last = done.scopes;
            *jar = done.cookie_jar;
        };
    for message in rx {
        match message {
            Err(e) => {
                work.stop.store(true, Ordering::SeqCst);
                failure.get_or_insert(e);
            }
            Ok(done) => {
                pending.insert(done.seq, done);
                while let Some(done) = pending.remove(&next_to_emit) {
                    emit(done, &mut summary, &mut last_scopes, &mut last_jar);
                    next_to_emit += 1;
                }
            }
        }
    }
    for h in handles {
        // A worker that panicked has already sent what it finished.
        let _ = h.join();
    }
    if let Some(e) = failure {
        return Err(e);
    }
    // After a stop, iterations past a gap may have finished; they ran, so report them.
    for (_, done) in pending {
        emit(done, &mut summary, &mut last_scopes, &mut last_jar);
    }
    let end = End {
        started,
        interrupt: &work.interrupt,
    };
    let mut outcome = finish(&work.options, summary, last_scopes, &end, on_event);
    outcome.cookie_jar = last_jar;
    Ok(outcome)
}

fn worker(work: &Work, tx: &mpsc::Sender<Result<Done, RunError>>) {
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let _ = tx.send(Err(RunError::Runtime(e.to_string())));
            return;
        }
    };
    if let Err(e) = rt.block_on(work_loop(work, tx)) {
        let _ = tx.send(Err(e));
    }
}

async fn work_loop(work: &Work, tx: &mpsc::Sender<Result<Done, RunError>>) -> Result<(), RunError> {
    let o = &work.options;
    let items = plan_run(o)?;
    let client = new_client(o)?;
    let shared = Shared {
        options: o,
        client: &client,
        deadline: o.timeout.map(|t| work.started + t),
    };
    let mut runner = ItemRunner::new(shared, new_engine(o)?);
    let total = o.shard_iterations(items.len());
    loop {
        let seq = work.next.fetch_add(1, Ordering::SeqCst);
        if seq >= total || work.stop.load(Ordering::SeqCst) || work.interrupt.raised() {
            return Ok(());
        }
        let iteration = o.nth_iteration(seq);
        client.clear_cookies();
        let mut scopes = initial_scopes(o);
        scopes.data = data_scope(o, iteration);
        let mut events = Vec::new();
        let mut keep = |e: &RunEvent<'_>| events.extend(Buffered::keep(e));
        runner.sent_any = false;
        let at = Position {
            items: &items,
            iteration,
            interrupt: &work.interrupt,
        };
        let stop = run_iteration(&mut runner, &at, &mut scopes, &mut keep).await;
        if stop.is_some() {
            work.stop.store(true, Ordering::SeqCst);
        }
        let done = Done {
            seq,
            events,
            stop,
            scopes,
            cookie_jar: client.cookie_jar_file(),
        };
        if tx.send(Ok(done)).is_err() {
            return Ok(());
        }
    }
}
