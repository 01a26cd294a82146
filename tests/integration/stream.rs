//! Issue 16, flat memory: the JSON, JUnit and HTML reporters write as the
//! run goes, into spool files beside their reports, and a killed run never
//! leaves a complete-looking report behind.
//!
//! courier runs as a subprocess against the echo server; each iteration
//! ends with a slow request, so the run lasts long enough for the test to
//! watch the report directory while it runs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::echo::Echo;

/// Two items per iteration: a quick one with a passing and a failing test,
/// then one the server answers after `slow_ms`.
fn collection(dir: &Path, slow_ms: u64) -> PathBuf {
    let tests = [
        "pm.test('status is 200', function () { pm.response.to.have.status(200); });",
        "pm.test('fails on purpose', function () { pm.expect(1).to.eql(2); });",
    ];
    let c = json!({
        "info": {
            "name": "stream",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": [
            {
                "name": "quick",
                "request": { "method": "GET", "url": "{{base}}/get" },
                "event": [{ "listen": "test", "script": { "type": "text/javascript", "exec": tests } }]
            },
            {
                "name": "slow",
                "request": { "method": "GET", "url": format!("{{{{base}}}}/slow?ms={slow_ms}") }
            }
        ]
    });
    let path = dir.join("stream.postman_collection.json");
    std::fs::write(&path, c.to_string()).expect("write the collection");
    path
}

/// Starts courier with every file reporter writing into `dir/out/`.
fn start(echo: &Echo, dir: &Path, iterations: usize, slow_ms: u64) -> Child {
    let collection = collection(dir, slow_ms);
    let out = dir.join("out");
    Command::new(env!("CARGO_BIN_EXE_courier"))
        .arg("run")
        .arg(&collection)
        .args(["-n", &iterations.to_string()])
        .args(["--env-var", &format!("base={}", echo.url())])
        .args(["-r", "json,junit,html"])
        .arg("--reporter-json-export")
        .arg(out.join("report.json"))
        .arg("--reporter-junit-export")
        .arg(out.join("report.xml"))
        .arg("--reporter-html-export")
        .arg(out.join("report.html"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start courier")
}

/// The files in `dir` and their sizes.
fn sizes(dir: &Path) -> HashMap<String, u64> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return HashMap::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let size = e.metadata().ok()?.len();
            Some((e.file_name().to_string_lossy().into_owned(), size))
        })
        .collect()
}

/// The spool of `report` (`.report.json.XXXXXX.spool`) among `files`.
fn spools<'a>(files: &'a HashMap<String, u64>, report: &str) -> Vec<(&'a String, u64)> {
    let prefix = format!(".{report}.");
    files
        .iter()
        .filter(|(name, _)| name.starts_with(&prefix) && name.ends_with(".spool"))
        .map(|(name, size)| (name, *size))
        .collect()
}

const REPORTS: [&str; 3] = ["report.json", "report.xml", "report.html"];

#[test]
fn issue16_reports_grow_in_spool_files_while_the_run_goes() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let iterations = 25;
    let mut child = start(&echo, dir.path(), iterations, 80);
    // The largest size seen of each report's spools, and whether one grew
    // from one look to a later one while courier was still running.
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut grew: HashMap<&str, bool> = HashMap::new();
    let mut written: Vec<&str> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("poll courier").is_none() {
        assert!(Instant::now() < deadline, "the run did not end");
        let files = sizes(&out);
        for report in REPORTS {
            for (name, size) in spools(&files, report) {
                let before = seen.insert(name.clone(), size).unwrap_or(size);
                if size > before && before > 0 {
                    // Reports are written once, when the run is over.
                    assert!(
                        !REPORTS.iter().any(|r| written.contains(r)),
                        "{report}'s spool grew after {written:?} appeared"
                    );
                    grew.insert(report, true);
                }
            }
        }
        written.extend(REPORTS.into_iter().filter(|r| files.contains_key(*r)));
        std::thread::sleep(Duration::from_millis(30));
    }
    let status = child.wait().expect("courier");
    // A failing test on purpose: exit code 1, reports written.
    assert_eq!(status.code(), Some(1));
    for report in REPORTS {
        assert_eq!(grew.get(report), Some(&true), "{report}'s spool grew");
    }
    let files = sizes(&out);
    let mut names: Vec<&String> = files.keys().collect();
    names.sort();
    assert_eq!(
        names,
        ["report.html", "report.json", "report.xml"],
        "spools are gone"
    );

    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).expect("json"))
            .expect("the JSON report parses");
    let executions = report["run"]["executions"].as_array().expect("executions");
    assert_eq!(executions.len(), 2 * iterations);
    assert_eq!(
        report["run"]["failures"].as_array().map(Vec::len),
        Some(iterations)
    );
    assert_eq!(
        executions[2 * iterations - 1]["cursor"]["iteration"],
        iterations - 1
    );
    let xml = std::fs::read_to_string(out.join("report.xml")).expect("xml");
    assert_eq!(xml.matches("<testsuite ").count(), 2 * iterations);
    assert!(
        xml.contains(&format!(
            "tests=\"{}\" skipped=\"0\" failures=\"{iterations}\" errors=\"0\"",
            2 * iterations
        )),
        "{}",
        &xml[..200]
    );
    assert!(xml.trim_end().ends_with("</testsuites>"));
    let html = std::fs::read_to_string(out.join("report.html")).expect("html");
    assert_eq!(
        html.matches("<section class=\"item").count(),
        2 * iterations
    );
    assert_eq!(html.matches("<td class=\"num\">").count(), iterations);
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn issue16_a_killed_run_leaves_whole_spool_lines_and_no_report() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let mut child = start(&echo, dir.path(), 1000, 20);
    let deadline = Instant::now() + Duration::from_secs(60);
    // Wait for a few items in the JSON spool, then kill courier (SIGKILL).
    loop {
        assert!(Instant::now() < deadline, "the spool never filled");
        assert!(
            child.try_wait().expect("poll").is_none(),
            "the run ended too soon"
        );
        let files = sizes(&out);
        if spools(&files, "report.json")
            .iter()
            .any(|(_, size)| *size > 20_000)
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("kill courier");
    child.wait().expect("reap courier");

    let files = sizes(&out);
    for report in REPORTS {
        assert!(
            !files.contains_key(report),
            "a killed run left {report} at the report's path"
        );
    }
    let json_spool = spools(&files, "report.json");
    assert_eq!(json_spool.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(out.join(json_spool[0].0)).expect("spool");
    let mut whole = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let parsed = serde_json::from_str::<Value>(line);
        if lines.peek().is_none() && !line.ends_with('\n') {
            // Only the last line may be cut, and then it is no JSON.
            assert!(parsed.is_err(), "a cut line parsed: {line}");
            break;
        }
        let v = parsed.unwrap_or_else(|e| panic!("line {whole} is no JSON ({e}): {line}"));
        assert!(
            v.get("execution").is_some() || v.get("failure").is_some(),
            "{line}"
        );
        whole += 1;
    }
    assert!(whole >= 3, "{whole} lines");
    // The JUnit and HTML spools are fragments, never whole documents.
    for (report, start, end) in [
        ("report.xml", "<?xml", "</testsuites>"),
        ("report.html", "<!DOCTYPE", "</html>"),
    ] {
        for (name, _) in spools(&files, report) {
            let text = std::fs::read_to_string(out.join(name)).expect("spool");
            assert!(
                !text.starts_with(start) && !text.contains(end),
                "{name} looks like a whole report"
            );
        }
    }
    let xml_spool = spools(&files, "report.xml");
    let text = std::fs::read_to_string(out.join(xml_spool[0].0)).expect("spool");
    assert!(
        text.trim_start().starts_with("<testsuite "),
        "{}",
        &text[..80]
    );
}
