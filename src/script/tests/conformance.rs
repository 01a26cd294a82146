//! The conformance collections in `tests/fixtures/scripts/`, one per API
//! area, run through the real [`Runner`] against the local test server;
//! the checks are on the per-assertion results.
//!
//! Tests named `expected failure: ...` must fail; every other assertion
//! must pass.

use std::path::PathBuf;
use std::time::Duration;

use super::server::server;
use crate::collection::load_collection;
use crate::outcome::{AssertionStatus, ItemError, ItemResult};
// The run itself goes through the crate's public entry points, as a user's would.
use crate::{RunEvent, RunOptions, Runner};

/// Runs `tests/fixtures/scripts/<name>` and returns every item result.
async fn run_fixture(name: &str, tweak: impl FnOnce(&mut RunOptions)) -> Vec<ItemResult> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scripts")
        .join(name);
    let collection = match load_collection(&path) {
        Ok(c) => c,
        Err(e) => panic!("{name}: {e}"),
    };
    let mut options = RunOptions::new(collection);
    options.env_vars.push(("base".into(), server().await));
    tweak(&mut options);
    let mut results = Vec::new();
    let outcome = Runner::new(options)
        .run(&mut |event| {
            if let RunEvent::ItemFinished { result, .. } = event {
                results.push((*result).clone());
            }
        })
        .await;
    if let Err(e) = outcome {
        panic!("{name}: {e}");
    }
    results
}

/// Every assertion passes unless its name says it is an expected failure; no errors.
fn check_assertions(name: &str, results: &[ItemResult]) -> usize {
    let mut count = 0;
    for result in results {
        assert!(
            result.errors.is_empty(),
            "{name} / {}: {:?}",
            result.item.name,
            result.errors
        );
        for a in &result.assertions {
            count += 1;
            let want = if a.name.starts_with("expected failure") {
                AssertionStatus::Failed
            } else {
                AssertionStatus::Passed
            };
            assert_eq!(
                a.status, want,
                "{name} / {} / {}: {:?}",
                result.item.name, a.name, a.failure
            );
        }
    }
    count
}

#[tokio::test]
async fn area_collections_pass() {
    let areas = [
        ("scopes.postman_collection.json", 5),
        ("response.postman_collection.json", 7),
        ("request-mutation.postman_collection.json", 2),
        ("expect.postman_collection.json", 6),
        ("legacy.postman_collection.json", 10),
        ("send-request.postman_collection.json", 2),
        ("libraries.postman_collection.json", 4),
    ];
    for (name, assertions) in areas {
        let results = run_fixture(name, |_| {}).await;
        assert_eq!(check_assertions(name, &results), assertions, "{name}");
    }
}

#[tokio::test]
async fn expect_failures_use_chai_wording() {
    let results = run_fixture("expect.postman_collection.json", |_| {}).await;
    let messages: Vec<String> = results
        .iter()
        .flat_map(|r| &r.assertions)
        .filter_map(|a| a.failure.as_ref().map(|f| f.message.clone()))
        .collect();
    assert_eq!(
        messages,
        vec![
            "expected 404 to equal 200",
            "expected { a: 1 } to have property 'b'"
        ]
    );
}

#[tokio::test]
async fn flow_follows_set_next_request_and_skip_request() {
    let results = run_fixture("flow.postman_collection.json", |_| {}).await;
    check_assertions("flow", &results);
    let ran: Vec<(&str, bool)> = results
        .iter()
        .map(|r| (r.item.name.as_str(), r.exchange.is_some()))
        .collect();
    assert_eq!(
        ran,
        vec![("First", true), ("Third", false), ("Fourth", true)]
    );
    assert!(results[1].skipped);
}

#[tokio::test]
async fn every_kind_of_script_error_is_reported_and_the_run_finishes() {
    let results = run_fixture("errors.postman_collection.json", |o| {
        o.timeout_script = Some(Duration::from_millis(200));
    })
    .await;
    let errors: Vec<(&str, String, Option<u32>)> = results
        .iter()
        .flat_map(|r| r.errors.iter().map(move |e| (r.item.name.as_str(), e)))
        .map(|(item, e)| match e {
            ItemError::Script { message, line, .. } => (item, message.clone(), *line),
            other => (item, other.to_string(), None),
        })
        .collect();
    let find = |item: &str| {
        errors
            .iter()
            .find(|(i, _, _)| *i == item)
            .map(|(_, m, l)| (m.clone(), *l))
            .unwrap_or_default()
    };
    let (message, line) = find("Syntax error");
    assert!(message.starts_with("SyntaxError"), "{message}");
    assert_eq!(line, Some(2));
    let (message, line) = find("Throw");
    assert!(message.starts_with("TypeError"), "{message}");
    assert_eq!(line, Some(2));
    assert!(find("Infinite loop").0.contains("timed out"));
    assert!(find("Huge allocation").0.contains("out of memory"));
    assert!(
        find("Unsupported require")
            .0
            .contains("module 'fs' is not available in courier")
    );
    // A jump to a missing item ends the iteration without a failure, as in
    // Postman, with a console warning naming it.
    let next = results
        .iter()
        .find(|r| r.item.name == "Next request that does not exist")
        .expect("the item ran");
    assert!(next.errors.is_empty(), "{:?}", next.errors);
    assert!(
        next.console
            .iter()
            .any(|c| c.level == "warn" && c.message.contains("\"No such request\"")),
        "{:?}",
        next.console
    );
    let names: Vec<&str> = results.iter().map(|r| r.item.name.as_str()).collect();
    assert!(!names.contains(&"Never reached"), "{names:?}");
    let recorded: Vec<&str> = results
        .iter()
        .flat_map(|r| &r.assertions)
        .filter(|a| a.status == AssertionStatus::Passed)
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(recorded, vec!["recorded before the throw"]);
}

/// cheerio (issue 13): every test name carries the value the script
/// computed, and `cheerio.newman.txt` holds the names Newman 6.2.2 gave the
/// same collection (its JSON report, one `item :: name` a line).
#[tokio::test]
async fn issue13_cheerio_values_are_newmans() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scripts");
    let expected = std::fs::read_to_string(dir.join("cheerio.newman.txt"))
        .unwrap_or_else(|e| panic!("cheerio.newman.txt: {e}"));
    let results = run_fixture("cheerio.postman_collection.json", |_| {}).await;
    let got: Vec<String> = results
        .iter()
        .flat_map(|r| {
            r.assertions
                .iter()
                .map(move |a| format!("{} :: {}", r.item.name, a.name))
        })
        .collect();
    let want: Vec<&str> = expected.lines().collect();
    for (got, want) in got.iter().zip(&want) {
        assert_eq!(got, want);
    }
    assert_eq!(got.len(), want.len());
    check_assertions("cheerio.postman_collection.json", &results);
}
