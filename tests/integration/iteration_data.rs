//! Iteration data files read as Newman 6.2.2 reads them (issue 11): the
//! fixtures `wild/csv-data` and `wild/json-data`, whose test names record
//! each data variable's type and value, run against the echo server.

use serde_json::Value;

use crate::common::{Run, courier_with_json_report, fixture};
use crate::support::echo::{Echo, Received};

/// Runs fixture `wild/<name>` with `-d wild/<data>`; returns the run, the
/// JSON report and what the server received.
fn run_fixture(name: &str, data: &str) -> (Run, Value, Vec<Received>) {
    let echo = Echo::start();
    let (run, json) = courier_with_json_report(&[
        "run",
        &fixture(&format!("wild/{name}.postman_collection.json")),
        "-d",
        &fixture(&format!("wild/{data}")),
        "--env-var",
        &format!("base={}", echo.url()),
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    (run, json, echo.received())
}

/// The assertion names of `item` in iteration `iteration` (0-based).
fn names(report: &Value, item: &str, iteration: u64) -> Vec<String> {
    let executions = report["run"]["executions"].as_array().expect("executions");
    let execution = executions
        .iter()
        .find(|e| e["item"]["name"] == item && e["cursor"]["iteration"] == iteration)
        .unwrap_or_else(|| panic!("no {item} in iteration {iteration}"));
    execution["assertions"]
        .as_array()
        .expect("assertions")
        .iter()
        .map(|a| a["assertion"].as_str().expect("name").to_owned())
        .collect()
}

fn assert_has(names: &[String], wanted: &[&str]) {
    for w in wanted {
        assert!(names.iter().any(|n| n == w), "{w:?} not in {names:#?}");
    }
}

#[test]
fn issue11_csv_data_is_read_as_newman_reads_it() {
    let (run, report, received) = run_fixture("csv-data", "csv-data.csv");
    assert_eq!(
        received.len(),
        14,
        "7 rows (blank lines included), 2 requests each"
    );
    let url = "Data in the URL";
    assert_has(
        &names(&report, url, 0),
        &[
            "id: number 1",
            "n: number 7890",
            "q: string \"00123\"",
            "t: string \"foo \\\"bar\\\" baz\"",
            "flag: string \"true\"",
            "empty: string \"\"",
            "exp: number 1000",
            "lead: number 7",
            "hex: number 0",
            "big: number 12345678901234567000",
            "7: string \"seven\"",
            "dup: string \"second\"",
            "missing: undefined undefined (absent)",
        ],
    );
    assert_has(
        &names(&report, url, 1),
        &[
            "n: number 1.5",
            "q: string \"x,y\"",
            "t: string \"say \\\"hi\\\"\"",
            "neg: number 0",
            "hex: string \"abc\\\\def\"",
            "dup: undefined undefined (absent)",
        ],
    );
    assert_has(
        &names(&report, url, 3),
        &["id: string \"\"", "n: undefined undefined (absent)"],
    );
    assert_has(
        &names(&report, url, 4),
        &[
            "exp: string \"1e999\"",
            "hex: string \"Infinity\"",
            "dup: string \"d2\"",
        ],
    );
    assert_has(
        &names(&report, url, 6),
        &[
            "n: string \"7\"",
            "q: string \"  spaced  \"",
            "t: string \"semi;colon\"",
        ],
    );
    assert!(
        received[0].query.contains("n=7890&"),
        "{}",
        received[0].query
    );
    assert!(
        received[0].query.contains("missing={{missing}}"),
        "{}",
        received[0].query
    );
    assert!(
        received[5].body.contains("q=line one\r\nline two"),
        "{:?}",
        received[5].body
    );
    // Line 4 holds a quoted value over two lines, so the rows after it are one line lower.
    assert!(
        run.stderr
            .contains("csv-data.csv lines 6, 8: a blank line is an iteration"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("csv-data.csv line 7: a row has more values"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("column `dup` appears 2 times"),
        "{}",
        run.stderr
    );
}

#[test]
fn issue11_json_data_is_read_as_newman_reads_it() {
    let (run, report, received) = run_fixture("json-data", "json-data.data.json");
    assert_eq!(received.len(), 5, "one iteration per element");
    assert_has(
        &names(&report, "Data in the URL", 0),
        &[
            "f1: number 1",
            "big: number 12345678901234567000",
            "n: object null",
            "o: object {\"k\":\"v\",\"n\":[1,2]}",
            "a: object [1,\"b\",null]",
            "dup: number 2",
        ],
    );
    assert!(received[0].query.contains("f1=1&"), "{}", received[0].query);
    assert!(
        received[0].query.contains("n={{n}}"),
        "{}",
        received[0].query
    );
    for i in 1..=3 {
        assert_has(
            &names(&report, "Data in the URL", i),
            &["s: undefined undefined (absent)", "toObject {}"],
        );
    }
    assert!(
        run.stderr
            .contains("element [1] is a number, not an object"),
        "{}",
        run.stderr
    );
}
