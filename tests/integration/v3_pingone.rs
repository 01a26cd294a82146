//! The bundled PingOne workflow shipped twice (issue 14): as the v2.1 file
//! and as the v3 directory `postman collection migrate` wrote from it. Both
//! must send the same requests and report the same assertions, with `--mock`
//! (answered from the saved examples) and against the PingOne simulator.

use std::path::Path;

use serde_json::Value;

use crate::common::{Run, copy_dir, courier, normalize, repo_file};
use crate::support::pingone::{self, SimulatorConfig};

const V21: &str = "collections/pingone-offline-access.postman_collection.json";
const V3: &str = "collections/pingone-offline-access";
const ENVIRONMENT: &str = "environments/pingone.postman_environment.json";

/// Runs `collection` with `extra` arguments and a JSON report.
fn run_with_report(collection: &str, extra: &[String]) -> (Run, Value) {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("report.json");
    let report_text = report.to_string_lossy().into_owned();
    let mut args: Vec<&str> = vec!["run", collection];
    args.extend(extra.iter().map(String::as_str));
    args.extend(["-r", "cli,json", "--reporter-json-export", &report_text]);
    let run = courier(&args);
    (run, read_json(&report))
}

fn read_json(path: &Path) -> Value {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

/// What each execution sent and asserted, without what varies between runs
/// (the mock server's port, `Postman-Token`, `Host`, the random
/// names and password and so `Content-Length`).
fn sent_and_asserted(report: &Value) -> Vec<String> {
    let port = regex::Regex::new(r"127\.0\.0\.1:\d+").expect("regex");
    let user = regex::Regex::new(r"-\d{9,}(-\d+)?").expect("regex");
    let password = regex::Regex::new(r#""value\\": \\"[^\\]*\\""#).expect("regex");
    let executions = report["run"]["executions"].as_array();
    executions
        .into_iter()
        .flatten()
        .map(|e| {
            let request = &e["request"];
            let headers: Vec<String> = request["header"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|h| {
                    !matches!(
                        h["key"].as_str(),
                        Some("Postman-Token" | "Host" | "Content-Length")
                    )
                })
                .map(|h| format!("{}: {}", h["key"], h["value"]))
                .collect();
            let text = format!(
                "{} / {}\n{} {}\n{}\n{}\n{}",
                e["item"]["folders"],
                e["item"]["name"],
                request["method"],
                request["url"]["raw"],
                headers.join("\n"),
                request["body"],
                e["assertions"]
            );
            let text = port.replace_all(&text, "HOST");
            // Names end in `{{$timestamp}}` (and `{{$randomInt}}`); the
            // password is random, so the request's length varies.
            let text = user.replace_all(&text, "-N");
            password
                .replace_all(&text, "\"value\\\": \\\"P\\\"")
                .into_owned()
        })
        .collect()
}

/// The terminal report without its timing and size lines.
fn timeless(stdout: &str) -> Vec<String> {
    normalize(stdout)
        .lines()
        .filter(|line| {
            !["duration", "response time", "data received", "json report:"]
                .iter()
                .any(|timed| line.contains(timed))
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn issue14_pingone_v3_directory_mocks_like_its_v21_file() {
    let mock = vec!["--mock".to_owned()];
    let (run2, report2) = run_with_report(&repo_file(V21), &mock);
    let (run3, report3) = run_with_report(&repo_file(V3), &mock);
    assert_eq!(run2.code, 0, "{}\n{}", run2.stdout, run2.stderr);
    assert_eq!(run3.code, 0, "{}\n{}", run3.stdout, run3.stderr);
    assert!(!run3.stdout.contains("no saved example"), "{}", run3.stdout);
    let stats = &report3["run"]["stats"];
    assert_eq!(stats["requests"]["total"], 15);
    assert_eq!(stats["assertions"]["failed"], 0);
    assert_eq!(
        stats["assertions"]["total"],
        report2["run"]["stats"]["assertions"]["total"]
    );
    let sent3 = sent_and_asserted(&report3);
    assert_eq!(sent3.len(), 15);
    assert_eq!(sent3, sent_and_asserted(&report2));
    assert_eq!(timeless(&run3.stdout), timeless(&run2.stdout));
}

#[test]
fn issue14_pingone_v3_directory_runs_the_workflow_against_the_simulator() {
    let mut requests = Vec::new();
    let mut reports = Vec::new();
    for collection in [V21, V3] {
        let sim = pingone::start(SimulatorConfig::default());
        let mut extra = vec!["-e".to_owned(), repo_file(ENVIRONMENT)];
        extra.extend(sim.env_var_args());
        let (run, report) = run_with_report(&repo_file(collection), &extra);
        assert_eq!(run.code, 0, "{collection}\n{}\n{}", run.stdout, run.stderr);
        assert_eq!(report["run"]["stats"]["assertions"]["failed"], 0);
        requests.push(sim.requests());
        reports.push(report);
    }
    // Each simulator run hands out its own ids.
    let id = regex::Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        .expect("regex");
    let routes: Vec<Vec<String>> = requests
        .iter()
        .map(|log| {
            log.iter()
                .map(|r| {
                    format!(
                        "{} {} {}",
                        r.method,
                        id.replace_all(&r.path, "ID"),
                        r.status
                    )
                })
                .collect()
        })
        .collect();
    assert_eq!(routes[0].len(), 15);
    assert_eq!(routes[1], routes[0]);
    let names = |r: &Value| -> Vec<String> {
        r["run"]["executions"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| format!("{} {}", e["item"]["name"], e["assertions"]))
            .collect()
    };
    assert_eq!(names(&reports[1]), names(&reports[0]));
}

/// A repository as Postman v12 lays it out: `.postman/resources.yaml` at
/// the root, the PingOne directory in the default `postman/collections/`
/// folder, another collection listed under `localResources`.
fn repository() -> tempfile::TempDir {
    let repo = tempfile::tempdir().expect("temp dir");
    let root = repo.path();
    std::fs::create_dir(root.join(".git")).expect("git");
    copy_dir(
        Path::new(&repo_file(V3)),
        &root.join("postman/collections/PingOne"),
    );
    copy_dir(
        Path::new(&crate::common::fixture("v3/shop")),
        &root.join("api/shop"),
    );
    std::fs::create_dir_all(root.join(".postman")).expect("dir");
    std::fs::write(
        root.join(".postman/resources.yaml"),
        "workspace:\n  id: 5b1e\nlocalResources:\n  collections:\n    - ../api/shop\n",
    )
    .expect("manifest");
    std::fs::create_dir_all(root.join("src/deep")).expect("dir");
    repo
}

#[test]
fn issue14_run_finds_a_collection_by_name_through_resources_yaml() {
    let repo = repository();
    let name = "PingOne: Configure an Application to use the offline_access Scope";
    let deep = repo.path().join("src/deep");
    let run = crate::common::courier_in(&deep, &["run", name, "--mock"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("Step 14: Refresh the Access Token"),
        "{}",
        run.stdout
    );
    let run = crate::common::courier_in(&deep, &["run", "Orders API"]);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "no collection named `Orders API` in {}",
            repo.path()
                .canonicalize()
                .expect("path")
                .join(".postman/resources.yaml")
                .display()
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("`{name}`, `Shop`")),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
}
