//! Snapshot testing from Rust: the library path (issue 6, point 4).
//!
//! A Rust program does not need the `courier` binary to snapshot an API: it
//! loads a collection, runs it with [`courier::Runner`], collects the
//! [`RunEvent::ItemFinished`] results (one per request, with the exchange
//! that happened and every assertion), and snapshots whatever it wants with
//! insta — using insta's own redactions for the volatile values:
//!
//! ```no_run
//! use courier::collection::load_collection;
//! use courier::{RunEvent, RunOptions, Runner};
//!
//! let collection = load_collection("api.postman_collection.json".as_ref())?;
//! let mut options = RunOptions::new(collection);
//! options.env_vars.push(("baseUrl".into(), "http://127.0.0.1:8080".into()));
//! let mut responses = Vec::new();
//! Runner::new(options).run_blocking(&mut |event| {
//!     if let RunEvent::ItemFinished { result, .. } = event {
//!         let body = result.exchange.as_ref()
//!             .and_then(|e| e.response.as_ref().ok())
//!             .and_then(|r| r.json());
//!         responses.push(serde_json::json!({ "item": result.item.path(), "body": body }));
//!     }
//! })?;
//! insta::assert_json_snapshot!(responses, { "[].body.id" => "[id]" });
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The tests below are that example, run against a local API whose ids,
//! tokens and timestamps change on every request; the second one uses
//! courier's own snapshots (`RunOptions::snapshots`) from the library and
//! keeps the diff of a changed response as an insta snapshot.

use std::path::Path;

use courier::capture::CaptureSpec;
use courier::collection::load_collection;
use courier::runner::{AssertionSource, AssertionStatus, ItemResult};
use courier::snapshot::SnapshotOptions;
use courier::{RunEvent, RunOptions, Runner};
use serde_json::{Value, json};

use crate::common::fixture;
use crate::snapshots_run::stable;
use crate::snapshots_server::{VolatileApi, install_pingone_defaults};

/// The demo collection pointed at `api`, with its captures.
fn options(api: &VolatileApi) -> RunOptions {
    let collection =
        load_collection(fixture("snapshot.postman_collection.json").as_ref()).expect("collection");
    let mut options = RunOptions::new(collection);
    options.env_vars.push(("baseUrl".into(), api.url()));
    options.captures =
        Some(CaptureSpec::load(fixture("snapshot.captures.json").as_ref()).expect("captures file"));
    options
}

/// Runs `options` and returns every item's result, in order.
fn run(options: RunOptions) -> Vec<ItemResult> {
    let mut results = Vec::new();
    Runner::new(options)
        .run_blocking(&mut |event| {
            if let RunEvent::ItemFinished { result, .. } = event {
                results.push((*result).clone());
            }
        })
        .expect("the run starts");
    results
}

/// One request as a JSON value: item, status, a few headers, body.
fn describe(result: &ItemResult) -> Value {
    let response = result
        .exchange
        .as_ref()
        .and_then(|exchange| exchange.response.as_ref().ok());
    json!({
        "item": result.item.path(),
        "status": response.map(|r| r.status),
        "location": response.and_then(|r| r.header("Location")),
        "body": response.and_then(|r| r.json()),
    })
}

/// Hides the host, the ids and the query values inside URLs (`_links`,
/// `Location`); anything that is not a string stays as it is.
fn url_redaction(
    value: insta::internals::Content,
    _: insta::internals::ContentPath<'_>,
) -> insta::internals::Content {
    let Some(text) = value.as_str() else {
        return value;
    };
    let rules = [
        (r"^https?://[^/]+", "[host]"),
        (
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            "[id]",
        ),
        (r"=[^&]+", "=[value]"),
    ];
    crate::common::replace_all(text, &rules).into()
}

#[test]
fn library_run_snapshotted_with_insta_redactions() {
    let api = VolatileApi::start();
    let results = run(options(&api));
    assert_eq!(results.len(), 6);
    assert!(results.iter().all(|r| !r.failed()), "{results:#?}");
    let requests: Vec<Value> = results.iter().map(describe).collect();
    insta::assert_json_snapshot!("library_run", requests, {
        "[].body.id" => "[id]",
        "[].body.environment.id" => "[environment id]",
        "[].body.createdAt" => "[timestamp]",
        "[].body.updatedAt" => "[timestamp]",
        "[].body.access_token" => "[token]",
        "[].body.id_token" => "[token]",
        "[].body._links.*.href" => insta::dynamic_redaction(url_redaction),
        "[].location" => insta::dynamic_redaction(url_redaction),
    });
}

#[test]
fn library_run_with_courier_snapshots_reports_the_diff() {
    let api = VolatileApi::start();
    let dir = tempfile::tempdir().unwrap();
    install_pingone_defaults(dir.path());
    let with_snapshots = |dir: &Path| {
        let mut o = options(&api);
        o.snapshots = Some(SnapshotOptions::load(dir).expect("snapshot options"));
        o
    };
    let first = run(with_snapshots(dir.path()));
    assert!(first.iter().all(|r| !r.failed()));
    assert!(first.iter().all(|r| {
        r.assertions
            .last()
            .is_some_and(|a| a.name == "snapshot (new)" && a.source == AssertionSource::Snapshot)
    }));
    assert!(run(with_snapshots(dir.path())).iter().all(|r| !r.failed()));

    api.set_renamed(true);
    let changed = run(with_snapshots(dir.path()));
    let failures: Vec<(String, String)> = changed
        .iter()
        .flat_map(|r| r.assertions.iter().map(move |a| (r, a)))
        .filter(|(_, a)| a.status == AssertionStatus::Failed)
        .map(|(r, a)| {
            let message = a
                .failure
                .as_ref()
                .map(|f| f.message.clone())
                .unwrap_or_default();
            (r.item.path(), message)
        })
        .collect();
    let items: Vec<&str> = failures.iter().map(|(i, _)| i.as_str()).collect();
    assert_eq!(items, ["Users/Create user", "Users/Get user"]);
    let message =
        stable(&failures[0].1).replace(&dir.path().to_string_lossy().into_owned(), "[dir]");
    insta::assert_snapshot!("shape_change_diff", message);
}

#[test]
fn parallel_iterations_compare_with_their_own_snapshots() {
    let api = VolatileApi::start();
    let dir = tempfile::tempdir().unwrap();
    install_pingone_defaults(dir.path());
    let with_snapshots = |parallel: usize| {
        let mut o = options(&api);
        o.iteration_count = Some(3);
        o.parallel = parallel;
        o.snapshots = Some(SnapshotOptions::load(dir.path()).expect("snapshot options"));
        o
    };
    let names = |results: &[ItemResult]| -> Vec<String> {
        results
            .iter()
            .filter_map(|r| r.assertions.last())
            .map(|a| a.name.clone())
            .collect()
    };
    let first = run(with_snapshots(1));
    assert!(names(&first).iter().all(|n| n == "snapshot (new)"));
    let parallel = run(with_snapshots(3));
    assert_eq!(parallel.len(), 18);
    assert!(parallel.iter().all(|r| !r.failed()), "{parallel:#?}");
    assert!(names(&parallel).iter().all(|n| n == "snapshot"));
    assert!(
        dir.path()
            .join("Snapshot demo/Users/Get user.3.snap")
            .exists()
    );
}
