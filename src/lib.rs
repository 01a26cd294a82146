//! courier runs Postman collections without Postman.
//!
//! It loads a collection (v2.0 / v2.1) with its environment and globals,
//! resolves `{{variables}}` with Postman's rules, sends the requests in
//! order, runs pre-request and test scripts, carries values into later
//! requests, and reports every assertion.
//!
//! The library is the same engine the `courier` binary drives: build a
//! [`RunOptions`], hand it to a [`Runner`], and read the [`RunOutcome`].
//!
//! ```no_run
//! use courier::{RunOptions, Runner, collection::load_collection};
//!
//! let collection = load_collection("collections/pingone-offline-access.postman_collection.json".as_ref())?;
//! let options = RunOptions::new(collection);
//! let outcome = Runner::new(options).run_blocking(&mut |_event| {})?;
//! assert_eq!(outcome.summary.stats.assertions.failed, 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod capture;
pub mod cli;
pub mod collection;
pub mod convert;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod http;
pub mod mock;
pub mod outcome;
pub mod report;
pub mod runner;
pub mod script;
pub mod snapshot;
pub mod template;
pub mod variables;

pub use runner::{RunEvent, RunOptions, RunOutcome, RunSummary, Runner};
