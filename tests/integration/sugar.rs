//! Issue 13, item 3: the legacy native extensions (Sugar.js 1.3's, as
//! postman-sandbox installs them), end to end against the echo server.
//! `conformance/run.sh` compares the same collections with Newman.

use crate::common::{assertion_outcomes, courier_with_json_report, fixture};
use crate::support::echo::Echo;

/// Runs a fixture collection with a JSON report; returns the exit code and
/// the `(name, passed)` of every assertion.
fn run_fixture(name: &str) -> (i32, Vec<(String, bool)>) {
    let echo = Echo::start();
    let (run, report) = courier_with_json_report(&[
        "run",
        &fixture(name),
        "--env-var",
        &format!("base={}", echo.url()),
    ]);
    (run.code, assertion_outcomes(&report))
}

#[test]
fn issue13_prototype_extensions_agree_with_newman() {
    let (code, assertions) = run_fixture("scripts/prototype-extensions.postman_collection.json");
    let failed: Vec<&String> = assertions
        .iter()
        .filter(|(_, passed)| !passed)
        .map(|(name, _)| name)
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert!(assertions.len() > 500, "{} assertions", assertions.len());
    assert_eq!(code, 0);
}

#[test]
fn issue13_array_each_clears_scope_values_as_in_old_collections() {
    let (code, assertions) = run_fixture("wild/sugar-array-each.postman_collection.json");
    assert_eq!(
        assertions,
        vec![
            (
                "the temporary variables are gone before the request is built".to_owned(),
                true
            ),
            ("each returns the array and stops at false".to_owned(), true),
            ("the others stay".to_owned(), true),
        ]
    );
    assert_eq!(code, 0);
}
