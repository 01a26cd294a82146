//! Issue 15, outputs and interruption: every output is probed before the
//! first request (exit 2, nothing sent), an output that still fails at the
//! end exits 3 with the others written, and a real SIGINT / SIGTERM on a
//! real run stops it cleanly (exit 130, reports for what ran, marked
//! interrupted, no temporary file left).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::get;
use serde_json::{Value, json};

use crate::common::courier_in;
use crate::support::{TestServer, serve};

/// Requests that arrived and that were answered.
#[derive(Default)]
struct Counts {
    arrived: AtomicUsize,
    answered: AtomicUsize,
}

/// A server whose `/slow` answers after `delay`, counting requests.
fn slow_server(delay: Duration) -> (TestServer, Arc<Counts>) {
    let counts = Arc::new(Counts::default());
    let c = counts.clone();
    let router = Router::new().route(
        "/slow",
        get(move || {
            let c = c.clone();
            async move {
                c.arrived.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(delay).await;
                c.answered.fetch_add(1, Ordering::SeqCst);
                axum::Json(json!({"ok": true}))
            }
        }),
    );
    (serve(router), counts)
}

/// A collection of `n` requests to `{{base}}/slow`, each with a test.
fn write_collection(dir: &Path, n: usize) -> PathBuf {
    let items: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "name": format!("slow {i}"),
                "request": {"method": "GET", "url": "{{base}}/slow"},
                "event": [{"listen": "test", "script": {"exec": [
                    "pm.test('answered', () => pm.response.to.have.status(200));",
                    "pm.environment.set('last', pm.info.requestName);"
                ]}}]
            })
        })
        .collect();
    let collection = json!({
        "info": {"name": "slow", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items
    });
    let path = dir.join("slow.postman_collection.json");
    std::fs::write(&path, collection.to_string()).expect("write collection");
    path
}

/// The report and export flags every run here uses, under `out/`.
const OUTPUT_FLAGS: [&str; 10] = [
    "-r",
    "cli,junit,json,html",
    "--reporter-junit-export",
    "out/report.xml",
    "--reporter-json-export",
    "out/report.json",
    "--reporter-html-export",
    "out/report.html",
    "--export-environment",
    "out/env.json",
];

fn spawn(dir: &Path, server: &TestServer, extra: &[&str]) -> Child {
    let collection = write_collection(dir, 40);
    Command::new(env!("CARGO_BIN_EXE_courier"))
        .arg("run")
        .arg(&collection)
        .args(["--env-var", &format!("base={}", server.url())])
        .args(OUTPUT_FLAGS)
        .args(extra)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start courier")
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let until = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < until, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([format!("-{name}"), child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success(), "kill -{name} failed");
}

/// Waits for the exit (killing courier and failing after 20 s); returns
/// the code, stdout and stderr.
fn finish(mut child: Child) -> (Option<i32>, String, String) {
    let until = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("try_wait").is_none() {
        if Instant::now() > until {
            let _ = child.kill();
            let out = child.wait_with_output().expect("killed");
            panic!(
                "courier did not exit after the signal:\n{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("courier exits");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file under `dir` whose name holds `.courier-tmp-`.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(temp_files(&path));
        } else if entry
            .file_name()
            .to_string_lossy()
            .contains(".courier-tmp-")
        {
            found.push(path);
        }
    }
    found
}

/// Every `<testsuite>` of `xml` validates against the Ant JUnit schema
/// (skipped without xmllint, as in `reports.rs`).
fn assert_junit_valid(dir: &Path, xml: &str) {
    let xsd = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/junit/JUnit.xsd");
    if Command::new("xmllint").arg("--version").output().is_err() || !xsd.exists() {
        eprintln!(
            "note: schema check skipped: needs xmllint and {}",
            xsd.display()
        );
        return;
    }
    let re = regex::Regex::new(r"(?s)<testsuite .*?</testsuite>").expect("pattern");
    for (i, suite) in re.find_iter(xml).enumerate() {
        let file = dir.join(format!("suite-{i}.xml"));
        let doc = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n",
            suite.as_str()
        );
        std::fs::write(&file, doc).expect("write suite");
        let out = Command::new("xmllint")
            .args(["--noout", "--schema"])
            .arg(&xsd)
            .arg(&file)
            .output()
            .expect("xmllint");
        assert!(
            out.status.success(),
            "suite {i} is not valid:\n{}\n{}",
            String::from_utf8_lossy(&out.stderr),
            suite.as_str()
        );
    }
}

/// What an interrupted run must have written: complete reports for the
/// items that finished, each saying it was interrupted; returns the number
/// of executions in the JSON report.
fn assert_interrupted_reports(dir: &Path, reason: &str) -> usize {
    let out = dir.join("out");
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).expect("json"))
            .expect("the JSON report is complete JSON");
    assert_eq!(
        report["run"]["interrupted"],
        json!(true),
        "{}",
        report["run"]
    );
    let message = report["run"]["error"]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains(reason), "{message}");
    let executions = report["run"]["executions"]
        .as_array()
        .expect("executions")
        .len();
    assert!(executions < 40, "the run went on: {executions}");

    let xml = std::fs::read_to_string(out.join("report.xml")).expect("junit");
    assert!(xml.trim_end().ends_with("</testsuites>"), "{xml}");
    assert!(xml.contains(r#"type="Interrupted""#), "{xml}");
    assert_eq!(xml.matches("<testsuite ").count(), executions + 1, "{xml}");
    assert_junit_valid(dir, &xml);

    let html = std::fs::read_to_string(out.join("report.html")).expect("html");
    assert!(html.contains("Run interrupted"), "no banner");
    assert!(html.trim_end().ends_with("</html>"));

    let env: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("env.json")).expect("export"))
            .expect("the export is complete JSON");
    assert_eq!(env["_postman_variable_scope"], "environment");
    assert_eq!(temp_files(dir), Vec::<PathBuf>::new());
    executions
}

#[test]
fn issue15_sigint_stops_the_run_and_writes_every_report_for_what_ran() {
    let (server, counts) = slow_server(Duration::from_millis(300));
    let dir = tempfile::tempdir().expect("tempdir");
    // What a killed run left beside the export: removed by this run.
    std::fs::create_dir(dir.path().join("out")).expect("out");
    let stale = dir.path().join("out/.env.json.courier-tmp-AbCd1234");
    std::fs::write(&stale, "{\"half").expect("stale");
    let child = spawn(dir.path(), &server, &[]);
    wait_until("the second request", || {
        counts.arrived.load(Ordering::SeqCst) >= 2
    });
    signal(&child, "INT");
    let (code, stdout, stderr) = finish(child);
    assert_eq!(code, Some(130), "{stdout}\n{stderr}");
    assert!(stderr.contains("SIGINT: no new requests"), "{stderr}");
    assert!(stdout.contains("run interrupted"), "{stdout}");
    // The request in flight finished within the grace period and is reported.
    let arrived = counts.arrived.load(Ordering::SeqCst);
    assert_eq!(counts.answered.load(Ordering::SeqCst), arrived);
    let executions = assert_interrupted_reports(dir.path(), "interrupted (SIGINT)");
    assert_eq!(executions, arrived);
    assert!(!stale.exists());
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(
        counts.arrived.load(Ordering::SeqCst),
        arrived,
        "sent after exit"
    );
}

#[test]
fn issue15_sigterm_stops_a_parallel_run() {
    let (server, counts) = slow_server(Duration::from_millis(300));
    let dir = tempfile::tempdir().expect("tempdir");
    let collection = write_collection(dir.path(), 2);
    let child = Command::new(env!("CARGO_BIN_EXE_courier"))
        .arg("run")
        .arg(&collection)
        .args(["--env-var", &format!("base={}", server.url())])
        .args(["-n", "20", "--parallel", "3"])
        .args(OUTPUT_FLAGS)
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start courier");
    wait_until("three requests", || {
        counts.arrived.load(Ordering::SeqCst) >= 3
    });
    signal(&child, "TERM");
    let (code, stdout, stderr) = finish(child);
    assert_eq!(code, Some(130), "{stdout}\n{stderr}");
    let arrived = counts.arrived.load(Ordering::SeqCst);
    assert_eq!(counts.answered.load(Ordering::SeqCst), arrived);
    let executions = assert_interrupted_reports(dir.path(), "interrupted (SIGTERM)");
    assert_eq!(executions, arrived);
}

#[test]
fn issue15_a_second_sigint_abandons_the_request_in_flight() {
    let (server, counts) = slow_server(Duration::from_secs(60));
    let dir = tempfile::tempdir().expect("tempdir");
    let child = spawn(dir.path(), &server, &[]);
    wait_until("the first request", || {
        counts.arrived.load(Ordering::SeqCst) >= 1
    });
    let first = Instant::now();
    signal(&child, "INT");
    std::thread::sleep(Duration::from_millis(300));
    signal(&child, "INT");
    let (code, stdout, stderr) = finish(child);
    // Well before the 5 s grace period would have ended.
    assert!(
        first.elapsed() < Duration::from_secs(4),
        "{:?}",
        first.elapsed()
    );
    assert_eq!(code, Some(130), "{stdout}\n{stderr}");
    assert!(stderr.contains("stopping now"), "{stderr}");
    let executions = assert_interrupted_reports(dir.path(), "was abandoned");
    assert_eq!(executions, 0);
    assert_eq!(counts.answered.load(Ordering::SeqCst), 0);
}

#[test]
fn issue15_an_unwritable_output_stops_the_run_before_any_request() {
    let (server, counts) = slow_server(Duration::ZERO);
    let dir = tempfile::tempdir().expect("tempdir");
    let collection = write_collection(dir.path(), 2);
    // A parent that is a regular file: no user, root included, can write there.
    std::fs::write(dir.path().join("plain"), "x").expect("file");
    let base = format!("base={}", server.url());
    let cases: [&[&str]; 4] = [
        &["--export-environment", "plain/env.json"],
        &["--export-cookie-jar", "plain/jar.json"],
        &["-r", "json", "--reporter-json-export", "plain/r.json"],
        &["--snapshots", "plain/snaps"],
    ];
    for extra in cases {
        let mut args = vec![
            "run",
            collection.to_str().expect("utf-8"),
            "--env-var",
            &base,
        ];
        args.extend_from_slice(extra);
        let run = courier_in(dir.path(), &args);
        assert_eq!(run.code, 2, "{extra:?}: {}\n{}", run.stdout, run.stderr);
        let flag = extra[extra.len() - 2];
        let path = extra[extra.len() - 1];
        assert!(run.stderr.contains(path), "{}", run.stderr);
        assert!(run.stderr.contains(flag), "{}", run.stderr);
        assert!(run.stderr.contains("os error"), "{}", run.stderr);
        assert_eq!(
            counts.arrived.load(Ordering::SeqCst),
            0,
            "{extra:?} sent a request"
        );
    }
    assert_eq!(temp_files(dir.path()), Vec::<PathBuf>::new());
}

#[test]
fn issue15_an_export_that_fails_at_the_end_exits_3_and_the_rest_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The request replaces the export's directory with a file: the check
    // before the run passed, the write at the end cannot succeed.
    let doomed = dir.path().join("doomed");
    let in_handler = doomed.clone();
    let router = Router::new().route(
        "/slow",
        get(move || {
            let doomed = in_handler.clone();
            async move {
                let _ = std::fs::remove_dir_all(&doomed);
                std::fs::write(&doomed, "now a file").expect("replace");
                axum::Json(json!({"ok": true}))
            }
        }),
    );
    let server = serve(router);
    let collection = write_collection(dir.path(), 1);
    let base = format!("base={}", server.url());
    let run = courier_in(
        dir.path(),
        &[
            "run",
            collection.to_str().expect("utf-8"),
            "--env-var",
            &base,
            "-r",
            "cli,json",
            "--reporter-json-export",
            "out/report.json",
            "--export-environment",
            "doomed/env.json",
            "--export-globals",
            "out/globals.json",
        ],
    );
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("cannot write the environment export to doomed/env.json"),
        "{}",
        run.stderr
    );
    let report: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out/report.json")).expect("report"),
    )
    .expect("JSON");
    assert_eq!(report["run"]["stats"]["assertions"]["failed"], 0);
    assert!(dir.path().join("out/globals.json").is_file());
    assert_eq!(temp_files(dir.path()), Vec::<PathBuf>::new());
}

#[test]
fn issue15_a_third_sigint_gets_out_of_a_script_that_never_ends() {
    let (server, counts) = slow_server(Duration::ZERO);
    let dir = tempfile::tempdir().expect("tempdir");
    let collection = json!({
        "info": {"name": "stuck", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{
            "name": "loops",
            "request": {"method": "GET", "url": "{{base}}/slow"},
            "event": [{"listen": "test", "script": {"exec": ["while (true) {}"]}}]
        }]
    });
    let path = dir.path().join("stuck.postman_collection.json");
    std::fs::write(&path, collection.to_string()).expect("write collection");
    let child = Command::new(env!("CARGO_BIN_EXE_courier"))
        .arg("run")
        .arg(&path)
        .args(["--env-var", &format!("base={}", server.url())])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start courier");
    wait_until("the request", || {
        counts.answered.load(Ordering::SeqCst) >= 1
    });
    std::thread::sleep(Duration::from_millis(200));
    let first = Instant::now();
    for _ in 0..3 {
        signal(&child, "INT");
        // Apart, so that the three are not merged into one delivery.
        std::thread::sleep(Duration::from_millis(300));
    }
    let (code, stdout, stderr) = finish(child);
    assert!(
        first.elapsed() < Duration::from_secs(4),
        "{:?}",
        first.elapsed()
    );
    assert_eq!(code, Some(130), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("quitting without writing the reports"),
        "{stderr}"
    );
}

#[test]
fn issue15_sigint_cuts_a_delay_between_requests_short() {
    let (server, counts) = slow_server(Duration::ZERO);
    let dir = tempfile::tempdir().expect("tempdir");
    let child = spawn(dir.path(), &server, &["--delay-request", "60000"]);
    wait_until("the first answer", || {
        counts.answered.load(Ordering::SeqCst) >= 1
    });
    std::thread::sleep(Duration::from_millis(200));
    let signalled = Instant::now();
    signal(&child, "INT");
    let (code, stdout, stderr) = finish(child);
    assert!(
        signalled.elapsed() < Duration::from_secs(4),
        "{:?}",
        signalled.elapsed()
    );
    assert_eq!(code, Some(130), "{stdout}\n{stderr}");
    assert_eq!(
        assert_interrupted_reports(dir.path(), "interrupted (SIGINT)"),
        1
    );
    assert_eq!(counts.arrived.load(Ordering::SeqCst), 1);
}
