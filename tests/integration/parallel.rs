//! `--parallel`: iterations on several workers, reported in order, each
//! starting from the initial variables (issue 7), through the library API.

use courier::collection::{DataRow, parse_collection};
use courier::runner::{Bail, RunEvent};
use courier::{RunOptions, Runner};
use serde_json::Value;

use crate::support::echo::Echo;

fn options(echo: &Echo, parallel: usize) -> RunOptions {
    let collection = parse_collection(
        "parallel.json".as_ref(),
        r#"{"info": {"name": "parallel"}, "item": [
            {"name": "first", "request": "{{base}}/json/{{n}}?previous={{lastId}}"},
            {"name": "second", "request": "{{base}}/after/{{lastId}}"}
        ]}"#,
    )
    .expect("collection");
    let mut o = RunOptions::new(collection);
    o.env_vars = vec![("base".into(), echo.url())];
    o.iteration_data = (1..=6)
        .map(|n| {
            let mut row = DataRow::new();
            row.insert("n".into(), Value::from(n.to_string()));
            row
        })
        .collect();
    o.captures = Some(
        courier::capture::CaptureSpec::parse(
            "c.json".as_ref(),
            r#"{"first": {"lastId": {"jsonpath": "$.id"}}}"#,
        )
        .expect("captures"),
    );
    o.parallel = parallel;
    o
}

fn run(o: RunOptions) -> (Vec<(usize, String)>, courier::RunOutcome) {
    let mut finished = Vec::new();
    let outcome = Runner::new(o)
        .run_blocking(&mut |e| {
            if let RunEvent::ItemFinished { result, .. } = e {
                finished.push((result.iteration, result.item.name.clone()));
            }
        })
        .expect("run");
    (finished, outcome)
}

#[test]
fn parallel_iterations_are_reported_in_order_from_the_initial_state() {
    let echo = Echo::start();
    let (finished, outcome) = run(options(&echo, 3));
    let want: Vec<(usize, String)> = (0..6)
        .flat_map(|i| [(i, "first".to_owned()), (i, "second".to_owned())])
        .collect();
    assert_eq!(finished, want);
    assert_eq!(outcome.summary.stats.iterations.total, 6);
    assert_eq!(outcome.summary.stats.requests.total, 12);
    assert!(!outcome.summary.failed());
    let received = echo.received();
    assert_eq!(received.len(), 12);
    for r in received.iter().filter(|r| r.path.starts_with("/json/")) {
        // Every iteration starts without the previous iteration's capture.
        assert_eq!(r.query, "previous={{lastId}}", "{}", r.path);
    }
    for n in 1..=6 {
        assert!(
            received.iter().any(|r| r.path == format!("/after/{n}")),
            "iteration {n} used its own capture"
        );
    }
    let last = outcome.scopes.environment.get("lastId").cloned();
    assert_eq!(
        last,
        Some(Value::from("6")),
        "the export holds the last iteration's state"
    );
}

#[test]
fn sequential_iterations_see_the_previous_state() {
    let echo = Echo::start();
    let (_, outcome) = run(options(&echo, 1));
    assert!(!outcome.summary.failed());
    let queries: Vec<String> = echo
        .received()
        .into_iter()
        .filter(|r| r.path.starts_with("/json/"))
        .map(|r| r.query)
        .collect();
    assert_eq!(queries[0], "previous={{lastId}}");
    assert_eq!(queries[1], "previous=1");
}

#[test]
fn parallel_bail_stops_dispatching() {
    let echo = Echo::start();
    let mut o = options(&echo, 2);
    o.captures = Some(
        courier::capture::CaptureSpec::parse(
            "c.json".as_ref(),
            r#"{"first": {"x": {"jsonpath": "$.missing"}}}"#,
        )
        .expect("captures"),
    );
    o.bail = Bail {
        on_failure: true,
        on_folder: false,
    };
    let (_, outcome) = run(o);
    assert!(outcome.summary.aborted.is_some());
    assert!(
        outcome.summary.stats.iterations.total < 6,
        "{:?}",
        outcome.summary.stats
    );
}

#[test]
fn parallel_flag_keeps_the_terminal_output_in_iteration_order() {
    let echo = Echo::start();
    let base = format!("base={}", echo.url());
    let run = crate::common::courier(&[
        "run",
        &crate::common::fixture("requests.postman_collection.json"),
        "--folder",
        "Raw JSON inherits folder auth",
        "-d",
        &crate::common::fixture("data.csv"),
        "-n",
        "4",
        "--parallel",
        "3",
        "--env-var",
        &base,
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let positions: Vec<usize> = (1..=4)
        .map(|i| {
            run.stdout
                .find(&format!("Iteration {i}/4"))
                .expect("iteration header")
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{}", run.stdout);
    assert_eq!(echo.received().len(), 4);
}
