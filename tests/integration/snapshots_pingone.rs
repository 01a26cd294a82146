//! The shipped PingOne snapshot defaults
//! (`collections/snapshots/courier.snapshots.json`): first against
//! responses shaped like the offline_access workflow's
//! (../shared/pingone/WORKFLOW.md) — two renderings of the same step with
//! fresh ids, tokens, codes, cookies and timestamps must be identical, and
//! nothing volatile may be left in them — then with the bundled collection
//! run by the binary against the PingOne simulator (issue 6, point 5).

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use courier::http::ResponseData;
use courier::snapshot::{SnapshotOptions, render_response};
use serde_json::{Value, json};

use crate::common::{Run as Process, courier, repo_file};
use crate::support::pingone::{self, Simulator, SimulatorConfig};

/// Fresh values of one run of the workflow.
struct Run {
    env: String,
    app: String,
    user: String,
    flow: String,
    session: String,
    stamp: u64,
}

impl Run {
    fn new() -> Run {
        let id = || uuid::Uuid::new_v4().to_string();
        Run {
            env: id(),
            app: id(),
            user: id(),
            flow: id(),
            session: id(),
            stamp: 1_700_000_000 + u64::from(rand::random::<u16>()),
        }
    }
}

fn response(status: u16, headers: &[(&str, String)], body: Option<Value>) -> ResponseData {
    ResponseData {
        status,
        reason: match status {
            200 => "OK",
            201 => "Created",
            302 => "Found",
            _ => "Bad Request",
        }
        .into(),
        headers: headers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
        body: body.map(|b| Bytes::from(b.to_string())).unwrap_or_default(),
        ..Default::default()
    }
}

fn json_type() -> (&'static str, String) {
    ("Content-Type", "application/json".to_owned())
}

fn token() -> String {
    format!(
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ{}.{}",
        rand::random::<u32>(),
        uuid::Uuid::new_v4().simple()
    )
}

/// The workflow's responses, in order, with `run`'s values.
fn workflow(run: &Run) -> Vec<(&'static str, ResponseData)> {
    let api = format!("https://api.pingone.com/v1/environments/{}", run.env);
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    vec![
        (
            "00 worker token",
            response(
                200,
                &[json_type()],
                Some(json!({"access_token": token(), "token_type": "Bearer", "expires_in": 3600})),
            ),
        ),
        (
            "01 create application",
            response(
                201,
                &[json_type()],
                Some(json!({
                    "_links": {
                        "self": {"href": format!("{api}/applications/{}", run.app)},
                        "environment": {"href": api},
                        "secret": {"href": format!("{api}/applications/{}/secret", run.app)}
                    },
                    "environment": {"id": run.env},
                    "id": run.app,
                    "name": format!("Offline Access App {}", run.stamp),
                    "enabled": true,
                    "type": "WEB_APP",
                    "protocol": "OPENID_CONNECT",
                    "createdAt": at,
                    "updatedAt": at,
                    "pkceEnforcement": "OPTIONAL"
                })),
            ),
        ),
        (
            "02 application secret",
            response(
                200,
                &[json_type()],
                Some(json!({"environment": {"id": run.env}, "secret": token()})),
            ),
        ),
        (
            "07 create user",
            response(
                201,
                &[json_type()],
                Some(json!({
                    "id": run.user,
                    "username": format!("offline_user_{}", run.stamp),
                    "email": format!("offline_user_{}@example.com", run.stamp),
                    "account": {"canAuthenticate": true},
                    "lifecycle": {"status": "ACCOUNT_OK"},
                    "_links": {"password.set": {"href": format!("{api}/users/{}/password", run.user)}}
                })),
            ),
        ),
        (
            "09 authorize",
            response(
                302,
                &[(
                    "Location",
                    format!(
                        "https://apps.pingone.com/{}/signon/?flowId={}",
                        run.env, run.flow
                    ),
                )],
                None,
            ),
        ),
        (
            "11 check password",
            response(
                200,
                &[
                    json_type(),
                    (
                        "Set-Cookie",
                        format!(
                            "ST={}; Path=/{}; Secure; HttpOnly",
                            uuid::Uuid::new_v4(),
                            run.env
                        ),
                    ),
                ],
                Some(json!({
                    "id": run.flow,
                    "status": "COMPLETED",
                    "resumeUrl": format!("https://auth.pingone.com/{}/as/resume?flowId={}", run.env, run.flow),
                    "session": {"id": run.session},
                    "_embedded": {"user": {"id": run.user, "username": format!("offline_user_{}", run.stamp)}}
                })),
            ),
        ),
        (
            "12 resume",
            response(
                302,
                &[(
                    "Location",
                    format!("https://www.example.com?code={}", uuid::Uuid::new_v4()),
                )],
                None,
            ),
        ),
        (
            "13 tokens",
            response(
                200,
                &[json_type()],
                Some(json!({
                    "access_token": token(),
                    "token_type": "Bearer",
                    "expires_in": 3600,
                    "scope": "openid offline_access",
                    "id_token": token(),
                    "refresh_token": token()
                })),
            ),
        ),
        (
            "error",
            response(
                400,
                &[json_type()],
                Some(json!({
                    "id": uuid::Uuid::new_v4().to_string(),
                    "code": "INVALID_DATA",
                    "message": "The request could not be completed.",
                    "details": [{"code": "INVALID_VALUE", "target": "password"}]
                })),
            ),
        ),
    ]
}

fn render_all(options: &SnapshotOptions, run: &Run) -> String {
    workflow(run)
        .iter()
        .map(|(step, r)| format!("## {step}\n{}", render_response(r, options)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn issue_6_pingone_defaults_make_fresh_runs_identical() {
    let options = SnapshotOptions::load(repo_file("collections/snapshots")).expect("defaults");
    let (one, two) = (Run::new(), Run::new());
    let first = render_all(&options, &one);
    assert_eq!(first, render_all(&options, &two));
    for run in [&one, &two] {
        for value in [&run.env, &run.app, &run.user, &run.flow, &run.session] {
            assert!(!first.contains(value.as_str()), "{value} left in:\n{first}");
        }
        assert!(!first.contains(&run.stamp.to_string()), "{first}");
    }
    assert!(!first.contains("eyJ"), "{first}");
    insta::assert_snapshot!("pingone_workflow", first);
}

/// The bundled workflow against `sim`, with snapshots in `dir`. Values
/// travel by the bundled captures file with scripts off, so this test
/// depends on the runner and the snapshots only; the username carries
/// `{{$timestamp}}`-style digits, as the collection's own scripts make it.
fn run_workflow(sim: &Simulator, dir: &Path, extra: &[&str]) -> Process {
    static RUNS: AtomicU64 = AtomicU64::new(0);
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(1_750_000_000)
        + RUNS.fetch_add(1, Ordering::SeqCst);
    let mut args: Vec<String> = vec![
        "run".into(),
        repo_file("collections/pingone-offline-access.postman_collection.json"),
        "-e".into(),
        repo_file("environments/pingone.postman_environment.json"),
        "--no-scripts".into(),
        "--captures".into(),
        repo_file("collections/pingone-offline-access.captures.json"),
        "--env-var".into(),
        "userPassword=Offl1ne-Access!42".into(),
        "--env-var".into(),
        format!("username=offline_user_{stamp}"),
    ];
    args.extend(sim.env_var_args());
    args.extend(["--snapshots".into(), dir.to_string_lossy().into_owned()]);
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    courier(&argv)
}

/// Waits long enough for `{{$timestamp}}` (whole seconds, however they
/// are rounded) to give a new value.
fn next_second() {
    std::thread::sleep(std::time::Duration::from_millis(1_100));
}

/// The shipped defaults, plus a pattern for the simulator's loopback
/// address (a real tenant's hosts do not change between runs; a fresh
/// simulator's port does).
fn install_defaults_for_the_simulator(dir: &Path) {
    let shipped =
        std::fs::read_to_string(repo_file("collections/snapshots/courier.snapshots.json"))
            .expect("shipped defaults");
    let mut config: Value = serde_json::from_str(&shipped).expect("defaults are JSON");
    config["redactions"]["patterns"]["host"] = json!(r"127\.0\.0\.1:\d+");
    std::fs::write(
        dir.join("courier.snapshots.json"),
        serde_json::to_string_pretty(&config).expect("config"),
    )
    .expect("write config");
}

#[test]
fn issue_6_pingone_workflow_is_green_on_its_second_run_and_fails_on_a_shape_change() {
    let dir = tempfile::tempdir().unwrap();
    install_defaults_for_the_simulator(dir.path());
    let sim = pingone::start(SimulatorConfig::default());
    let first = run_workflow(&sim, dir.path(), &[]);
    assert_eq!(first.code, 0, "{}{}", first.stdout, first.stderr);
    assert_eq!(
        first.stdout.matches("✓  snapshot (new)").count(),
        15,
        "{}",
        first.stdout
    );

    // Same tenant, fresh application, user, flow, code and tokens. The
    // application's name carries `{{$timestamp}}` (seconds) and must be
    // unique in a tenant, as in PingOne: start a second later.
    next_second();
    let second = run_workflow(&sim, dir.path(), &[]);
    assert_eq!(second.code, 0, "{}{}", second.stdout, second.stderr);
    assert_eq!(
        second.stdout.matches("✓  snapshot\n").count(),
        15,
        "{}",
        second.stdout
    );

    // Another tenant altogether: other environment ids, another port.
    let other = pingone::start(SimulatorConfig::default());
    let third = run_workflow(&other, dir.path(), &[]);
    assert_eq!(third.code, 0, "{}{}", third.stdout, third.stderr);

    let step1 = "PingOne_ Configure an Application to use the offline_access Scope/\
                 Create the application/Step 1_ Create the Application.snap";
    let accepted = std::fs::read_to_string(dir.path().join(step1))
        .unwrap_or_else(|e| panic!("{e}: {:?}", crate::snapshots_run::files(dir.path())));
    assert!(
        accepted.contains("\"pkceEnforcement\": \"OPTIONAL\""),
        "{accepted}"
    );

    let changed = pingone::start(SimulatorConfig {
        rename_field: Some(("pkceEnforcement".into(), "pkceMode".into())),
        ..Default::default()
    });
    let run = run_workflow(&changed, dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stdout.matches("✗ 1. snapshot").count(),
        1,
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("-  \"pkceEnforcement\": \"OPTIONAL\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("+  \"pkceMode\": \"OPTIONAL\""),
        "{}",
        run.stdout
    );
    let pending: Vec<String> = crate::snapshots_run::files(dir.path())
        .into_iter()
        .filter(|f| f.ends_with(".snap.new"))
        .collect();
    assert_eq!(pending, [format!("{step1}.new")]);
}
