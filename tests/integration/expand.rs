//! Issue 15: bounded `{{variable}}` expansion. A collection variable that
//! refers to itself (`a = {{a}}{{a}}{{a}}{{a}}`) fails its own item fast,
//! with a message naming the variable, and the run goes on; in a script,
//! `pm.variables.replaceIn` throws a `RangeError` saying the same. Fields
//! that each stay under the limit but add up past the request's budget fail
//! their item too.

use std::time::{Duration, Instant};

use crate::common::{courier_with_json_report, fixture};
use crate::support::echo::Echo;

#[test]
fn issue15_expansion_bomb_fails_its_item_and_the_run_goes_on() {
    let echo = Echo::start();
    let base = format!("base={}", echo.url());
    let collection = fixture("hostile/expansion-bomb.json");
    let started = Instant::now();
    let (run, report) = courier_with_json_report(&["run", &collection, "--env-var", &base]);
    let elapsed = started.elapsed();
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    // Debug build on a shared machine: generous, yet far from the minutes
    // (and gigabytes) an unbounded expansion takes.
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");

    // Nothing of the bomb went out; the next item was sent and passed.
    let paths: Vec<String> = echo.received().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths, ["/after", "/replace-in", "/after-fields"]);
    let executions = report["run"]["executions"].as_array().expect("executions");
    let names: Vec<&str> = executions
        .iter()
        .filter_map(|e| e["item"]["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "bomb",
            "after the bomb",
            "replaceIn in a script",
            "nine fields of 8 MiB",
            "after the fields"
        ]
    );
    let failures = report["run"]["failures"].as_array().expect("failures");
    assert_eq!(failures.len(), 2, "{failures:#?}");
    assert_eq!(failures[0]["source"]["name"], "bomb");
    let text = failures[0]["error"]["message"].as_str().unwrap_or_default();
    let message = "request not sent: variable \"a\" expands past 16 MiB \
                   (collection variable a = {{a}}{{a}}{{a}}{{a}}); a variable that refers to itself";
    assert!(text.starts_with(message), "{text}");
    let after = &executions[1]["assertions"][0];
    assert_eq!(after["assertion"], "status 200");
    assert!(after["error"].is_null(), "{after:#?}");
    // `pm.variables.replaceIn` throws instead of growing the script's memory.
    let thrown = &executions[2]["assertions"][0];
    assert!(thrown["error"].is_null(), "{thrown:#?}");

    // Each field under the limit, together past the request's budget.
    assert_eq!(failures[1]["source"]["name"], "nine fields of 8 MiB");
    let text = failures[1]["error"]["message"].as_str().unwrap_or_default();
    let message = "request not sent: the variables of this request expand past 64 MiB \
                   in all its fields together (the last to grow: variable \"big\")";
    assert_eq!(text, message);
    let last = &executions[4]["assertions"][0];
    assert!(last["error"].is_null(), "{last:#?}");
}
