//! The bundled PingOne offline_access workflow, run with the real binary
//! against the PingOne simulator (`tests/support/pingone/`) (issue 4).
//!
//! The green runs check that all 15 requests were sent, every assertion
//! passed and the exported environment carries what the workflow produced;
//! the negative runs turn one simulator knob each and check that exactly the
//! step that depends on it is the first to fail, by name.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{Run, courier, repo_file};
use crate::support::pingone::{self, Simulator, SimulatorConfig};

const COLLECTION: &str = "collections/pingone-offline-access.postman_collection.json";
const ENVIRONMENT: &str = "environments/pingone.postman_environment.json";
const CAPTURES: &str = "collections/pingone-offline-access.captures.json";

/// Item names in run order, each with its folder.
const STEPS: [(&str, &str); 15] = [
    ("Prerequisites", "Step 0: Get Worker Token"),
    ("Create the application", "Step 1: Create the Application"),
    (
        "Create the application",
        "Step 2: Get the Application Secret",
    ),
    ("Create the application", "Step 3: Get the openid Resource"),
    (
        "Create the application",
        "Step 4: Get the offline_access Scope",
    ),
    (
        "Create the application",
        "Step 5: Grant the offline_access Scope",
    ),
    ("Create a user", "Step 6: Create a Population"),
    ("Create a user", "Step 7: Create a User"),
    ("Create a user", "Step 8: Set the User Password"),
    (
        "Authorize and get tokens",
        "Step 9: Send an Authorization Request",
    ),
    ("Authorize and get tokens", "Step 10: Get the Flow"),
    (
        "Authorize and get tokens",
        "Step 11: Submit the Username and Password",
    ),
    ("Authorize and get tokens", "Step 12: Resume the Flow"),
    (
        "Authorize and get tokens",
        "Step 13: Exchange the Code for Tokens",
    ),
    (
        "Authorize and get tokens",
        "Step 14: Refresh the Access Token",
    ),
];

/// The simulator paths (method, path with `*` for ids) the 15 steps hit, in order.
const ROUTES: [(&str, &str); 15] = [
    ("POST", "/ADMIN/as/token"),
    ("POST", "/v1/environments/ENV/applications"),
    ("GET", "/v1/environments/ENV/applications/*/secret"),
    ("GET", "/v1/environments/ENV/resources"),
    ("GET", "/v1/environments/ENV/resources/*/scopes"),
    ("POST", "/v1/environments/ENV/applications/*/grants"),
    ("POST", "/v1/environments/ENV/populations"),
    ("POST", "/v1/environments/ENV/users"),
    ("PUT", "/v1/environments/ENV/users/*/password"),
    ("GET", "/ENV/as/authorize"),
    ("GET", "/ENV/flows/*"),
    ("POST", "/ENV/flows/*"),
    ("GET", "/ENV/as/resume"),
    ("POST", "/ENV/as/token"),
    ("POST", "/ENV/as/token"),
];

/// A password that meets the simulator's (PingOne's default) policy.
const PASSWORD: &str = "Offl1ne-Access!42";

/// One run of the workflow: the process, the exported environment and the JSON report.
struct WorkflowRun {
    run: Run,
    env: HashMap<String, String>,
    report: Value,
    elapsed: Duration,
    /// Holds the exported environment and the report until the run is dropped.
    dir: tempfile::TempDir,
}

impl WorkflowRun {
    fn output(&self) -> String {
        format!("stdout:\n{}\nstderr:\n{}", self.run.stdout, self.run.stderr)
    }

    fn stat(&self, kind: &str, field: &str) -> u64 {
        self.report["run"]["stats"][kind][field]
            .as_u64()
            .unwrap_or(u64::MAX)
    }

    /// `(item name, assertion name or error)` of the first failure.
    fn first_failure(&self) -> Option<(String, String)> {
        let failure = self.report["run"]["failures"].as_array()?.first()?;
        let item = failure["source"]["name"].as_str()?.to_owned();
        let error = &failure["error"];
        let what = error["test"]
            .as_str()
            .or_else(|| error["message"].as_str())
            .unwrap_or_default()
            .to_owned();
        Some((item, what))
    }

    fn env_value(&self, key: &str) -> &str {
        self.env.get(key).map(String::as_str).unwrap_or_default()
    }
}

/// Runs the bundled collection with the bundled environment pointed at `sim`.
fn run_workflow(sim: &Simulator, environment: &str, extra: &[&str]) -> WorkflowRun {
    let dir = tempfile::tempdir().expect("temp dir");
    let exported = dir.path().join("env.json");
    let report = dir.path().join("report.json");
    let mut args: Vec<String> = vec![
        "run".into(),
        repo_file(COLLECTION),
        "-e".into(),
        environment.to_owned(),
    ];
    args.extend(sim.env_var_args());
    args.extend([
        "--export-environment".into(),
        path_text(&exported),
        "-r".into(),
        "cli,json".into(),
        "--reporter-json-export".into(),
        path_text(&report),
    ]);
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let started = Instant::now();
    let run = courier(&argv);
    let elapsed = started.elapsed();
    WorkflowRun {
        env: read_environment(&exported),
        report: read_json(&report),
        run,
        elapsed,
        dir,
    }
}

fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn read_json(path: &Path) -> Value {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

/// `key → value` of an exported Postman environment (`values[]`).
fn read_environment(path: &Path) -> HashMap<String, String> {
    read_json(path)["values"]
        .as_array()
        .map(|values| {
            values
                .iter()
                .filter_map(|v| Some((v["key"].as_str()?.to_owned(), value_text(&v["value"]))))
                .collect()
        })
        .unwrap_or_default()
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn is_uuid(text: &str) -> bool {
    uuid::Uuid::parse_str(text).is_ok()
}

/// Asserts the run failed, and that its first failure is `test` of `step`,
/// shown in the failure table with the item's path.
fn assert_first_failure(w: &WorkflowRun, step: &str, test: &str) {
    assert_eq!(w.run.code, 1, "{}", w.output());
    let (item, what) = w.first_failure().expect("a failure in the JSON report");
    assert_eq!(
        (item.as_str(), what.as_str()),
        (step, test),
        "{}",
        w.output()
    );
    let folder = STEPS
        .iter()
        .find(|(_, name)| *name == step)
        .map(|(folder, _)| *folder)
        .unwrap_or_default();
    let at = format!("at \"{folder}/{step}\"");
    assert!(w.run.stdout.contains(&at), "no `{at}` in\n{}", w.output());
    assert!(
        w.run.stdout.contains(test),
        "no `{test}` in\n{}",
        w.output()
    );
}

/// The simulator's log matches the 15 routes of the workflow, in order.
fn assert_routes(sim: &Simulator) {
    let log = sim.requests();
    let got: Vec<(String, String)> = log
        .iter()
        .map(|r| {
            let path = r
                .path
                .replace(&sim.admin_env_id, "ADMIN")
                .replace(&sim.env_id, "ENV");
            let generic: Vec<&str> = path
                .split('/')
                .map(|s| if is_uuid(s) { "*" } else { s })
                .collect();
            (r.method.clone(), generic.join("/"))
        })
        .collect();
    let want: Vec<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn offline_access_workflow_runs_green_against_the_simulator() {
    let sim = pingone::start(SimulatorConfig::default());
    let w = run_workflow(&sim, &repo_file(ENVIRONMENT), &[]);
    assert_eq!(w.run.code, 0, "{}", w.output());
    assert_eq!(sim.request_count(), 15, "{:#?}", sim.requests());
    assert_routes(&sim);
    let statuses: Vec<u16> = sim.requests().iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            200, 201, 200, 200, 200, 201, 201, 201, 200, 302, 200, 200, 302, 200, 200
        ]
    );
    assert_eq!(w.stat("requests", "total"), 15);
    assert_eq!(w.stat("requests", "failed"), 0);
    assert_eq!(w.stat("assertions", "failed"), 0, "{}", w.output());
    assert!(w.stat("assertions", "total") >= 15, "{}", w.output());
    assert_eq!(w.first_failure(), None);

    for key in ["offlineAccessAppID", "flowID", "authCode"] {
        assert!(is_uuid(w.env_value(key)), "{key} = {:?}", w.env_value(key));
    }
    // Not the ids of the saved examples: these came from this run.
    assert_ne!(
        w.env_value("offlineAccessAppID"),
        "0d57ec6c-2a92-4f04-b0ba-5d3e9e8f4c17"
    );
    for key in [
        "accessToken",
        "offlineAccessAppSecret",
        "refreshToken",
        "userAccessToken",
    ] {
        assert!(!w.env_value(key).is_empty(), "{key} is empty");
    }
    eprintln!(
        "the offline_access workflow took {:?} against the simulator",
        w.elapsed
    );
}

#[test]
fn wrong_password_fails_the_credential_check() {
    let sim = pingone::start(SimulatorConfig {
        reject_password: true,
        ..Default::default()
    });
    let w = run_workflow(&sim, &repo_file(ENVIRONMENT), &[]);
    assert_first_failure(
        &w,
        "Step 11: Submit the Username and Password",
        "Status is 200",
    );
    assert_eq!(sim.requests()[11].status, 400);
}

#[test]
fn session_cookie_the_client_does_not_send_back_fails_resume() {
    let sim = pingone::start(SimulatorConfig {
        session_cookie_path: Some("/elsewhere".into()),
        ..Default::default()
    });
    let w = run_workflow(&sim, &repo_file(ENVIRONMENT), &[]);
    assert_first_failure(&w, "Step 12: Resume the Flow", "Status is 302");
    assert_eq!(sim.requests()[12].status, 400);
}

#[test]
fn missing_offline_access_grant_means_no_refresh_token() {
    let sim = pingone::start(SimulatorConfig {
        drop_grants: true,
        ..Default::default()
    });
    let w = run_workflow(&sim, &repo_file(ENVIRONMENT), &[]);
    assert_first_failure(
        &w,
        "Step 13: Exchange the Code for Tokens",
        "A refresh token is returned (offline_access)",
    );
    assert_eq!(sim.requests()[13].status, 200, "the exchange itself works");
}

#[test]
fn reused_code_fails_the_second_exchange() {
    let sim = pingone::start(SimulatorConfig::default());
    let first = run_workflow(&sim, &repo_file(ENVIRONMENT), &[]);
    assert_eq!(first.run.code, 0, "{}", first.output());

    // Run step 13 again with the environment the first run exported.
    let exported = path_text(&first.dir.path().join("env.json"));
    let second = run_workflow(
        &sim,
        &exported,
        &["--folder", "Step 13: Exchange the Code for Tokens"],
    );
    assert_first_failure(
        &second,
        "Step 13: Exchange the Code for Tokens",
        "Status is 200",
    );
    assert_eq!(sim.request_count(), 16);
    assert_eq!(sim.requests()[15].status, 400);
}

#[test]
fn changed_response_shape_fails_the_step_that_reads_it() {
    let sim = pingone::start(SimulatorConfig {
        rename_field: Some(("secret".into(), "clientSecret".into())),
        ..Default::default()
    });
    let w = run_workflow(&sim, &repo_file(ENVIRONMENT), &[]);
    assert_first_failure(
        &w,
        "Step 2: Get the Application Secret",
        "The secret is returned",
    );
}

#[test]
fn captures_carry_the_workflow_without_scripts() {
    let sim = pingone::start(SimulatorConfig::default());
    let username = format!("captured-user-{}", uuid::Uuid::new_v4().simple());
    let w = run_workflow(
        &sim,
        &repo_file(ENVIRONMENT),
        &[
            "--no-scripts",
            "--captures",
            &repo_file(CAPTURES),
            "--env-var",
            &format!("userPassword={PASSWORD}"),
            "--env-var",
            &format!("username={username}"),
        ],
    );
    assert_eq!(w.run.code, 0, "{}", w.output());
    assert_eq!(sim.request_count(), 15);
    assert_routes(&sim);
    assert_eq!(w.stat("assertions", "failed"), 0, "{}", w.output());
    // One assertion per capture rule of the file.
    assert_eq!(w.stat("assertions", "total"), 15, "{}", w.output());
    for key in ["offlineAccessAppID", "flowID", "authCode"] {
        assert!(is_uuid(w.env_value(key)), "{key} = {:?}", w.env_value(key));
    }
    for key in ["accessToken", "offlineAccessAppSecret", "refreshToken"] {
        assert!(!w.env_value(key).is_empty(), "{key} is empty");
    }
    assert_eq!(w.env_value("username"), username);
}

#[test]
fn saved_examples_answer_every_step_with_mock() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("report.json");
    let run = courier(&[
        "run",
        &repo_file(COLLECTION),
        "--mock",
        "-r",
        "cli,json",
        "--reporter-json-export",
        &path_text(&report),
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let report = read_json(&report);
    let stats = &report["run"]["stats"];
    assert_eq!(stats["requests"]["total"], 15);
    assert_eq!(stats["assertions"]["failed"], 0);
    assert!(stats["assertions"]["total"].as_u64().unwrap_or(0) >= 15);
}

/// The README's first command with the environment template as shipped
/// (every id empty, so `{{authPath}}/{{envID}}/as/token` is sent as
/// `//as/token`): each empty variable segment still matches the example's
/// `{{var}}` segment, and every request is answered (issue 11).
#[test]
fn issue11_mock_with_the_template_environment_answers_every_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("report.json");
    let run = courier(&[
        "run",
        &repo_file(COLLECTION),
        "--mock",
        "-e",
        &repo_file(ENVIRONMENT),
        "-r",
        "cli,json",
        "--reporter-json-export",
        &path_text(&report),
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("//as/token [200 OK"), "{}", run.stdout);
    assert!(!run.stdout.contains("no saved example"), "{}", run.stdout);
    let report = read_json(&report);
    let stats = &report["run"]["stats"];
    assert_eq!(stats["requests"]["total"], 15);
    assert_eq!(stats["requests"]["failed"], 0);
    assert_eq!(stats["assertions"]["failed"], 0);
    assert_eq!(report["run"]["failures"].as_array().map(Vec::len), Some(0));
    let names: Vec<&str> = report["run"]["executions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["item"]["name"].as_str())
        .collect();
    let steps: Vec<&str> = STEPS.iter().map(|(_, name)| *name).collect();
    assert_eq!(names, steps);
}

/// A mock run without an environment sends the unresolved `{{adminEnvID}}`
/// percent-encoded, as Postman does, and the terminal, JUnit and HTML
/// reports display it with its braces; the JSON report keeps the URL as sent.
#[test]
fn issue11_mock_without_an_environment_shows_readable_urls() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = crate::common::courier_in(
        dir.path(),
        &[
            "run",
            &repo_file(COLLECTION),
            "--mock",
            "-r",
            "cli,json,junit,html",
            "--reporter-json-export",
            "report.json",
            "--reporter-junit-export",
            "report.xml",
            "--reporter-html-export",
            "report.html",
        ],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("%7B"), "{}", run.stdout);
    for file in ["report.xml", "report.html"] {
        let text = std::fs::read_to_string(dir.path().join(file)).expect("report");
        assert!(text.contains("/{{adminEnvID}}/as/token"), "{file}");
        assert!(!text.contains("%7B%7B"), "{file}");
    }
    let report = read_json(&dir.path().join("report.json"));
    let sent = report["run"]["executions"][0]["request"]["url"]["raw"]
        .as_str()
        .unwrap_or_default();
    assert!(sent.ends_with("/%7B%7BadminEnvID%7D%7D/as/token"), "{sent}");
    insta::assert_snapshot!(
        "mock_without_environment",
        crate::common::normalize(&run.stdout)
    );
}
