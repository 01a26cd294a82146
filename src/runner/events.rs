//! The events a run emits. Every reporter consumes these and nothing else.

use super::summary::RunSummary;
use crate::outcome::{ItemRef, ItemResult};

/// Facts known when the run starts.
#[derive(Debug, Clone)]
pub struct RunStart {
    /// The collection's name.
    pub collection_name: String,
    /// Iterations planned.
    pub iterations: usize,
    /// Items per iteration (after `--folder`).
    pub items: usize,
    /// Set when requests go to the in-process mock server.
    pub mock_url: Option<String>,
    /// Secret values known at start (environment / globals of type `secret`).
    pub secrets: Vec<String>,
}

/// One event of a run, in order.
#[derive(Debug, Clone, Copy)]
pub enum RunEvent<'a> {
    /// Before anything is sent.
    RunStarted(&'a RunStart),
    /// An iteration begins (0-based).
    IterationStarted {
        /// Which iteration.
        iteration: usize,
        /// Of how many.
        total: usize,
    },
    /// An item begins.
    ItemStarted {
        /// Which item.
        item: &'a ItemRef,
        /// Which iteration.
        iteration: usize,
    },
    /// An item is done: request, scripts, captures and assertions.
    ItemFinished {
        /// What happened.
        result: &'a ItemResult,
        /// Secret values known at this point (scripts may have stored tokens).
        secrets: &'a [String],
    },
    /// An iteration ended.
    IterationFinished {
        /// Which iteration.
        iteration: usize,
    },
    /// The run ended; the summary is final.
    RunFinished(&'a RunSummary),
}
