//! Issue 13: `pm.require` packages, `pm.vault` and `pm.visualizer`, end to
//! end through the binary against local servers. Newman has none of these,
//! so these tests are the proof: real package files in a temp directory
//! (our own tiny packages from `tests/fixtures/packages/`), a real vault
//! file, and the reports courier writes.

use std::path::{Path, PathBuf};

use axum::Router;
use axum::routing::get;
use serde_json::Value;

use crate::common::{copy_dir, courier_in, fixture};
use crate::support::serve;

/// A temp dir laid out as a user's project: the collection, its
/// `node_modules` and a `postman-packages` directory.
fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let packages = PathBuf::from(fixture("packages"));
    copy_dir(
        &packages.join("node_modules-src"),
        &dir.path().join("node_modules"),
    );
    copy_dir(
        &packages.join("postman-packages"),
        &dir.path().join("postman-packages"),
    );
    let collection = dir.path().join("require.postman_collection.json");
    std::fs::copy(
        packages.join("require.postman_collection.json"),
        &collection,
    )
    .expect("copy collection");
    (dir, collection)
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("read the report");
    serde_json::from_str(&text).expect("JSON")
}

/// `(name, error message or "")` of every assertion in a JSON report.
fn assertions(report: &Value) -> Vec<(String, String)> {
    report["run"]["executions"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|e| e["assertions"].as_array().cloned().unwrap_or_default())
        .map(|a| {
            (
                a["assertion"].as_str().unwrap_or_default().to_owned(),
                a["error"]["message"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect()
}

#[test]
fn issue13_pm_require_loads_team_and_npm_packages_once_per_run() {
    let (dir, collection) = project();
    // The first item's request removes the team package: the second item
    // still finds it, read once per run.
    let utils = dir.path().join("postman-packages/@team/utils.js");
    let removed = utils.clone();
    let server = serve(
        Router::new()
            .route(
                "/remove-team-utils",
                get(move || {
                    let path = removed.clone();
                    async move {
                        std::fs::remove_file(&path).expect("remove the package file");
                        "removed"
                    }
                }),
            )
            .route("/ok", get(|| async { "ok" })),
    );
    let json = dir.path().join("report.json");
    let junit = dir.path().join("report.xml");
    let run = courier_in(
        dir.path(),
        &[
            "run",
            &collection.to_string_lossy(),
            "--env-var",
            &format!("base={}", server.url()),
            "-r",
            "cli,json,junit",
            "--reporter-json-export",
            &json.to_string_lossy(),
            "--reporter-junit-export",
            &junit.to_string_lossy(),
        ],
    );
    assert!(!utils.exists(), "the server removed the package file");
    // The uncaught require in the last item fails the run.
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);

    let report = read_json(&json);
    let got = assertions(&report);
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "a second pm.require in the script gets the same module",
            "team package code sees pm and require",
            "npm package: main, relative and JSON requires, url",
            "the package file is read once per run, evaluated again in each script",
            "a version that does not match is named",
            "a package that needs a Node built-in is named",
            "a missing npm package is named",
            "a missing team package is named with its file",
            "an error while a package loads reaches the script",
        ]
    );
    let failed: Vec<_> = got.iter().filter(|(_, e)| !e.is_empty()).collect();
    assert!(failed.is_empty(), "{failed:?}");

    // The console of package code and the uncaught error reach every report.
    assert!(run.stdout.contains("tiny-math says 142"), "{}", run.stdout);
    assert!(
        report["run"]["executions"][0]["console"]
            .to_string()
            .contains("tiny-math says 142"),
        "{}",
        report["run"]["executions"][0]
    );
    let failures = report["run"]["failures"].to_string();
    assert!(
        failures.contains("Cannot find package 'npm:absent@2.0.0'"),
        "{failures}"
    );
    let xml = std::fs::read_to_string(&junit).expect("junit");
    assert!(
        xml.contains("npm package: main, relative and JSON requires, url"),
        "{xml}"
    );
    assert!(
        xml.contains("Cannot find package &apos;npm:absent@2.0.0&apos;")
            || xml.contains("Cannot find package 'npm:absent@2.0.0'"),
        "{xml}"
    );
    assert!(
        run.stdout
            .contains("Cannot find package 'npm:absent@2.0.0'")
    );
}

#[test]
fn issue13_packages_flag_must_name_a_directory_and_replaces_the_default() {
    let (dir, collection) = project();
    let run = courier_in(
        dir.path(),
        &[
            "run",
            &collection.to_string_lossy(),
            "--packages",
            "no-such-dir",
        ],
    );
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("--packages no-such-dir is not a directory"),
        "{}",
        run.stderr
    );

    // Without ./postman-packages, a team package asks for --packages.
    std::fs::remove_dir_all(dir.path().join("postman-packages")).expect("remove");
    let server = serve(Router::new().fallback(get(|| async { "ok" })));
    let json = dir.path().join("report.json");
    let run = courier_in(
        dir.path(),
        &[
            "run",
            &collection.to_string_lossy(),
            "--env-var",
            &format!("base={}", server.url()),
            "-r",
            "json",
            "--reporter-json-export",
            &json.to_string_lossy(),
        ],
    );
    assert_eq!(run.code, 1);
    let failures = read_json(&json)["run"]["failures"].to_string();
    assert!(
        failures.contains("no packages directory (give --packages DIR"),
        "{failures}"
    );
}

/// Runs courier in `dir` with extra environment variables.
fn courier_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> crate::common::Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_courier"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run courier");
    crate::common::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn issue13_pm_vault_reads_sets_and_unsets_and_its_values_stay_masked() {
    let echo = crate::support::echo::Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = dir.path().join("vault.json");
    std::fs::write(
        &vault,
        r#"{"apiKey": "s3cret-from-file", "kept": "kept-value"}"#,
    )
    .expect("write the vault");
    let json = dir.path().join("report.json");
    let junit = dir.path().join("report.xml");
    let html = dir.path().join("report.html");
    let run = courier_env(
        dir.path(),
        &[
            "run",
            &fixture("vault.postman_collection.json"),
            "--vault",
            &vault.to_string_lossy(),
            "--env-var",
            &format!("base={}", echo.url()),
            "-r",
            "cli,json,junit,html",
            "--reporter-json-export",
            &json.to_string_lossy(),
            "--reporter-junit-export",
            &junit.to_string_lossy(),
            "--reporter-html-export",
            &html.to_string_lossy(),
        ],
        &[("COURIER_VAULT_fromEnv", "env-secret-value")],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);

    // `{{vault:key}}` resolved in the requests as sent.
    let got = echo.received();
    let first = got.iter().find(|r| r.path == "/vault").expect("sent");
    assert_eq!(first.query, "k=s3cret-from-file");
    assert_eq!(first.header("x-token"), Some("issued-token-123"));
    assert_eq!(first.header("x-env"), Some("env-secret-value"));
    let after = got.iter().find(|r| r.path == "/after").expect("sent");
    assert_eq!(after.query, "k={{vault:apiKey}}&t=issued-token-123");

    let report = read_json(&json);
    assert_eq!(assertions(&report).len(), 5);
    assert!(assertions(&report).iter().all(|(_, e)| e.is_empty()));
    // No vault value appears in any report, nor on the terminal.
    let texts = [
        ("stdout", run.stdout.clone()),
        ("json", std::fs::read_to_string(&json).expect("json")),
        ("junit", std::fs::read_to_string(&junit).expect("junit")),
        ("html", std::fs::read_to_string(&html).expect("html")),
    ];
    for (what, text) in &texts {
        for secret in ["s3cret-from-file", "issued-token-123", "env-secret-value"] {
            assert!(!text.contains(secret), "{what} shows {secret}");
        }
    }
    assert!(run.stdout.contains("the key is ********"), "{}", run.stdout);

    // What scripts set and unset is written back; the environment's value is not.
    let saved = read_json(&vault);
    assert_eq!(
        saved,
        serde_json::json!({"kept": "kept-value", "token": "issued-token-123"})
    );
}

#[test]
fn issue13_pm_visualizer_renders_into_a_sandboxed_frame_of_the_html_report() {
    let echo = crate::support::echo::Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let env = dir.path().join("env.json");
    std::fs::write(
        &env,
        r#"{"name": "e", "values": [{"key": "apiToken", "value": "tok-secret-42", "type": "secret", "enabled": true}]}"#,
    )
    .expect("write env");
    let html = dir.path().join("report.html");
    let run = courier_in(
        dir.path(),
        &[
            "run",
            &fixture("visualizer.postman_collection.json"),
            "-e",
            &env.to_string_lossy(),
            "--env-var",
            &format!("base={}", echo.url()),
            "-r",
            "html",
            "--reporter-html-export",
            &html.to_string_lossy(),
        ],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let page = std::fs::read_to_string(&html).expect("html report");
    // The test script's template wins over the pre-request script's.
    assert!(!page.contains("from the pre-request script"), "{page}");
    // Rendered by handlebars (the user's <script> escaped by it), then kept
    // as an escaped srcdoc of a frame that may run nothing.
    let frame = page
        .split("<iframe class=\"visualizer\"")
        .nth(1)
        .and_then(|rest| rest.split("</iframe>").next())
        .expect("a visualizer frame");
    assert!(frame.contains("sandbox=\"\""), "{frame}");
    assert!(
        frame.contains("&lt;td&gt;alpha&lt;/td&gt;&lt;td&gt;&amp;lt;script&amp;gt;alert(1)"),
        "{frame}"
    );
    assert!(frame.contains("status 200"), "{frame}");
    assert!(!page.contains("<script>alert(1)"));
    // Secrets are masked inside the visualization too.
    assert!(!page.contains("tok-secret-42"));
    assert!(frame.contains("********"), "{frame}");
    // A template that does not render is shown as the item's visualizer error.
    assert!(
        page.contains("the visualizer template does not render"),
        "{page}"
    );
    // Cleared: nothing shown.
    assert!(!page.contains("never shown"));
    assert_eq!(page.matches("<iframe class=\"visualizer\"").count(), 1);
}
