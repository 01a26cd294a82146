//! The execution loop: iterations, folder order, `setNextRequest`, `--bail`,
//! delays and timeouts. It emits [`RunEvent`]s and knows no output format.
//!
//! `plan` orders the items; two schedulers, `run` (sequential) and
//! `parallel` (`--parallel N`), hand each iteration to the one driver,
//! `iteration`, and [`Runner`] picks the scheduler; `item` runs one item
//! (scripts from `script/`, requests from `http/`, captures from
//! `capture/`; `sent_view` is the request its test scripts see, `retry` sends it
//! again under `--retry`), `summary`
//! folds results into counts, `events` and the result types of
//! [`crate::outcome`] (re-exported here) are the data reporters read, and
//! `interrupt` is a stop asked from outside (Ctrl-C).

mod events;
mod interrupt;
mod item;
mod iteration;
mod nested;
mod oauth2;
mod options;
mod parallel;
mod plan;
mod retry;
mod run;
mod sent_view;
mod summary;
mod visualize;

use std::sync::atomic::{AtomicBool, Ordering};

pub use crate::outcome::*;
pub use events::{RunEvent, RunStart};
pub use interrupt::{DEFAULT_GRACE, Interrupt};
pub use iteration::RunOutcome;
pub use options::{Bail, DEFAULT_MAX_RESPONSE_SIZE, PlanSize, RunOptions, Shard, ShardBy};
pub use retry::RetryOptions;
pub use summary::{Counter, Failure, FailureKind, ResponseTimes, RunStats, RunSummary};

/// Why a run could not start or go on at all (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// `--folder` named nothing in the collection.
    #[error(
        "no folder or request named \"{name}\" in the collection; folders are: {}",
        if available.is_empty() { "(none)".to_owned() } else { available.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ") }
    )]
    UnknownFolder {
        /// The name given.
        name: String,
        /// Every folder name, for the message.
        available: Vec<String>,
    },
    /// The HTTP client could not be created.
    #[error("{0}")]
    Client(String),
    /// The script engine could not be created.
    #[error("{0}")]
    Script(String),
    /// The async runtime could not be created.
    #[error("cannot start the async runtime: {0}")]
    Runtime(String),
}

/// Set when the process ends with its run (`courier run`).
static EXITS_AFTER_RUN: AtomicBool = AtomicBool::new(false);

/// Says that the process exits once its runs end, as `courier run` does:
/// a sequential run then leaves its script engine to the exit instead of
/// freeing it (freeing a QuickJS runtime visits every object it made).
/// Only for a process that exits after the run; a library user never calls
/// it.
pub fn process_exits_after_run() {
    EXITS_AFTER_RUN.store(true, Ordering::Relaxed);
}

/// Whether [`process_exits_after_run`] was called.
pub(crate) fn exits_after_run() -> bool {
    EXITS_AFTER_RUN.load(Ordering::Relaxed)
}

/// Runs a collection and reports through a callback.
pub struct Runner {
    options: RunOptions,
    interrupt: Interrupt,
}

impl Runner {
    /// A runner for `options`.
    pub fn new(options: RunOptions) -> Self {
        Runner {
            options,
            interrupt: Interrupt::default(),
        }
    }

    /// Lets `interrupt` stop the run: raised once, no further item starts
    /// and the run ends with what ran (`RunSummary::interrupted`); raised
    /// twice, or after its grace period, the item in flight is abandoned.
    pub fn with_interrupt(mut self, interrupt: Interrupt) -> Self {
        self.interrupt = interrupt;
        self
    }

    /// Runs on fresh runtimes: one thread, or `parallel` worker threads.
    pub fn run_blocking(
        self,
        on_event: &mut dyn FnMut(&RunEvent<'_>),
    ) -> Result<RunOutcome, RunError> {
        if self.options.parallel > 1 {
            let workers = self.options.parallel;
            return parallel::run_parallel(self.options, self.interrupt, workers, on_event);
        }
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| RunError::Runtime(e.to_string()))?;
        rt.block_on(self.run(on_event))
    }

    /// Runs every iteration in order, emitting events as it goes.
    pub async fn run(
        self,
        on_event: &mut dyn FnMut(&RunEvent<'_>),
    ) -> Result<RunOutcome, RunError> {
        run::run_sequential(&self.options, &self.interrupt, on_event).await
    }
}
