//! Issue 17: Newman's remaining `run` flags (`--disable-unicode`,
//! `--no-insecure-file-read`, the Postman CLI's report omissions and JSON
//! structure) and collections, environments, globals and data given as
//! URLs (the Postman API's key sent as `X-Api-Key`, never shown).

use std::path::Path;
use std::process::Command;

use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use clap::CommandFactory;
use serde_json::{Value, json};

use crate::common::{Run, courier, courier_with_json_report};
use crate::support::echo::Echo;
use crate::support::serve;

/// Runs `courier` in `dir` with `envs` set (and POSTMAN_API_KEY unset unless given).
fn courier_env(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_courier"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("POSTMAN_API_KEY")
        .env_remove("COURIER_POSTMAN_API_URL");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run courier");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A collection of one POST with a header, a raw body and a passing test.
fn small_collection(base: &str) -> Value {
    json!({
        "info": {"name": "small", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{
            "name": "post",
            "request": {
                "method": "POST",
                "header": [{"key": "X-Sent", "value": "{{who}}"}],
                "url": format!("{base}/small"),
                "body": {"mode": "raw", "raw": "{\"secretish\": \"request body\"}"}
            },
            "event": [{"listen": "test", "script": {"exec": [
                "pm.test('status 200', function () { pm.response.to.have.status(200); });",
                "pm.test('who', function () { pm.expect(pm.request.headers.get('X-Sent')).to.equal(pm.iterationData.get('who') || pm.environment.get('who') || pm.globals.get('who')); });"
            ]}}]
        }]
    })
}

fn write_json(dir: &Path, name: &str, value: &Value) -> String {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string(value).expect("json")).expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn issue17_every_newman_run_flag_is_accepted() {
    let list = std::fs::read_to_string(crate::common::fixture("newman-6.2-run-flags.txt"))
        .expect("the flag list");
    let flags: Vec<&str> = list.lines().filter(|l| l.starts_with("--")).collect();
    assert_eq!(
        flags.len(),
        33,
        "Newman 6.2's run has 33 flags besides --help"
    );
    let help = courier(&["run", "--help"]);
    assert_eq!(help.code, 0, "{}", help.stderr);
    let cli = courier::cli::Cli::command();
    let run = cli.find_subcommand("run").expect("a run subcommand");
    let mut missing = Vec::new();
    for flag in &flags {
        let Some(arg) = run
            .get_arguments()
            .find(|a| a.get_long() == flag.strip_prefix("--"))
        else {
            missing.push(*flag);
            continue;
        };
        // Under Options, not under another flag group's heading.
        let options = help
            .stdout
            .split("Snapshot testing:")
            .next()
            .unwrap_or_default();
        assert!(
            options.contains(flag),
            "`courier run --help` does not list {flag} under Options"
        );
        let mut argv = vec!["courier".to_owned(), "run".to_owned(), "c.json".to_owned()];
        argv.push((*flag).to_owned());
        if arg.get_action().takes_values() && arg.get_num_args().is_none_or(|n| n.min_values() > 0)
        {
            let value = arg
                .get_possible_values()
                .first()
                .map_or("1".to_owned(), |v| v.get_name().to_owned());
            argv.push(value);
        }
        if let Err(e) = <courier::cli::Cli as clap::Parser>::try_parse_from(&argv) {
            use clap::error::ErrorKind;
            assert!(
                !matches!(
                    e.kind(),
                    ErrorKind::UnknownArgument | ErrorKind::InvalidValue
                ),
                "{argv:?}: {e}"
            );
        }
    }
    assert!(missing.is_empty(), "courier run lacks {missing:?}");
}

#[test]
fn issue17_disable_unicode_prints_plain_text() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut c = small_collection(&echo.url());
    c["item"] = json!([{"name": "folder", "item": c["item"].clone()}]);
    let path = write_json(dir.path(), "c.json", &c);
    let plain = courier(&["run", &path, "--disable-unicode", "--env-var", "who=x"]);
    assert_eq!(plain.code, 0, "{}{}", plain.stdout, plain.stderr);
    assert!(plain.stdout.is_ascii(), "{}", plain.stdout);
    for word in [
        "Folder folder",
        "Sub-folder post",
        "Pass  status 200",
        "| executed |",
    ] {
        assert!(
            plain.stdout.contains(word),
            "no `{word}` in:\n{}",
            plain.stdout
        );
    }
    let fancy = courier(&["run", &path, "--env-var", "who=x"]);
    assert!(
        fancy.stdout.contains('✓') && fancy.stdout.contains('❏'),
        "{}",
        fancy.stdout
    );
}

#[test]
fn issue17_no_insecure_file_read_keeps_files_inside_the_working_directory() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let wd = dir.path().join("wd");
    std::fs::create_dir(&wd).expect("mkdir");
    std::fs::write(wd.join("inside.txt"), "inside").expect("write");
    std::fs::write(dir.path().join("outside.txt"), "outside").expect("write");
    let outside_abs = dir
        .path()
        .join("outside.txt")
        .to_string_lossy()
        .into_owned();
    let item = |name: &str, body: Value| json!({"name": name, "request": {"method": "POST", "url": format!("{}/{name}", echo.url()), "body": body}});
    let c = json!({
        "info": {"name": "files", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            item("in", json!({"mode": "file", "file": {"src": "inside.txt"}})),
            item("up", json!({"mode": "file", "file": {"src": "../outside.txt"}})),
            item("form", json!({"mode": "formdata", "formdata": [
                {"key": "f", "type": "file", "src": outside_abs},
                {"key": "t", "type": "text", "value": "kept"}
            ]}))
        ]
    });
    let path = write_json(dir.path(), "c.json", &c);
    let wd_arg = wd.to_string_lossy().into_owned();
    let bodies = |extra: &[&str]| {
        let before = echo.received().len();
        let mut args = vec!["run", path.as_str(), "--working-dir", wd_arg.as_str()];
        args.extend(extra);
        let run = courier(&args);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        let got: Vec<String> = echo.received()[before..]
            .iter()
            .map(|r| r.body.clone())
            .collect();
        (run, got)
    };
    // Newman's default: any path is read.
    let (_, open) = bodies(&[]);
    assert_eq!(open[0], "inside");
    assert_eq!(open[1], "outside");
    assert!(
        open[2].contains("outside") && open[2].contains("kept"),
        "{}",
        open[2]
    );
    let (run, safe) = bodies(&["--no-insecure-file-read"]);
    assert_eq!(safe[0], "inside");
    assert_eq!(safe[1], "", "a refused file body is not sent");
    assert!(
        !safe[2].contains("outside") && safe[2].contains("kept"),
        "{}",
        safe[2]
    );
    assert!(
        run.stdout.contains("--no-insecure-file-read forbids"),
        "{}",
        run.stdout
    );
}

#[test]
fn issue17_report_omissions_and_json_structure() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_json(dir.path(), "c.json", &small_collection(&echo.url()));
    let (run, full) = courier_with_json_report(&[
        "run",
        &path,
        "--env-var",
        "who=x",
        "--reporter-json-structure",
        "newman",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let e = &full["run"]["executions"][0];
    assert!(e["request"]["body"]["raw"].as_str().is_some(), "{e}");
    assert!(
        !e["response"]["header"]
            .as_array()
            .expect("headers")
            .is_empty()
    );

    let (run, all) = courier_with_json_report(&[
        "run",
        &path,
        "--env-var",
        "who=x",
        "--reporter-json-omitAllHeadersAndBody",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let e = &all["run"]["executions"][0];
    assert!(e["request"].get("body").is_none(), "{e}");
    assert_eq!(e["request"]["header"], json!([]));
    assert_eq!(e["response"]["header"], json!([]));
    assert_eq!(e["response"]["stream"]["data"], json!([]));
    assert_eq!(
        e["response"]["responseSize"],
        full["run"]["executions"][0]["response"]["responseSize"]
    );
    assert!(
        all["collection"]["item"][0]["request"]
            .get("body")
            .is_none()
    );
    let text = all.to_string();
    assert!(!text.contains("request body"), "a body is left: {text}");

    let (_, headers_only) = courier_with_json_report(&[
        "run",
        &path,
        "--env-var",
        "who=x",
        "--reporter-json-omitHeaders",
    ]);
    let e = &headers_only["run"]["executions"][0];
    assert_eq!(e["request"]["header"], json!([]));
    assert!(e["request"]["body"]["raw"].as_str().is_some(), "{e}");

    let bad = courier(&[
        "run",
        &path,
        "-r",
        "json",
        "--reporter-json-structure",
        "native",
    ]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("newman"), "{}", bad.stderr);

    let html = dir.path().join("r.html");
    let html_arg = html.to_string_lossy().into_owned();
    let page = |omit: &[&str]| {
        let mut args = vec!["run", &path, "--env-var", "who=x", "-r", "html"];
        args.extend(["--reporter-html-export", &html_arg]);
        args.extend(omit);
        let run = courier(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        std::fs::read_to_string(&html).expect("the html report")
    };
    // The echo server's answer repeats the request body.
    assert!(page(&[]).contains("secretish"));
    let omit = [
        "--reporter-html-omitRequestBodies",
        "--reporter-html-omitResponseBodies",
    ];
    assert!(!page(&omit).contains("secretish"), "a body is left");
}

/// A file server for the URL tests: the collection, an environment as the
/// Postman API wraps it (only with the right `X-Api-Key`), globals, data,
/// and a 404.
fn file_server(collection: Value) -> crate::support::TestServer {
    const UID: &str = "12345-1f0e5a7b-9c2d-4e3f-8a1b-2c3d4e5f6a7b";
    let api_collection = collection.clone();
    let router = axum::Router::new()
        .route("/c.json", get(move || async move { axum::Json(collection.clone()) }))
        .route(
            &format!("/collections/{UID}"),
            get(move |headers: HeaderMap| async move {
                if headers.get("x-api-key").and_then(|v| v.to_str().ok()) != Some("right-key") {
                    let body = json!({"error": {"name": "AuthenticationError", "message": "Invalid API Key."}});
                    return (StatusCode::UNAUTHORIZED, axum::Json(body));
                }
                (StatusCode::OK, axum::Json(json!({"collection": api_collection.clone()})))
            }),
        )
        .route(
            &format!("/environments/{UID}"),
            get(|headers: HeaderMap| async move {
                let ok = headers.get("x-api-key").and_then(|v| v.to_str().ok()) == Some("right-key");
                let body = json!({"environment": {"name": "api env", "values": [{"key": "who", "value": "from-api", "enabled": true}]}});
                if ok { (StatusCode::OK, axum::Json(body)) } else { (StatusCode::UNAUTHORIZED, axum::Json(json!({}))) }
            }),
        )
        .route(
            "/globals.json",
            get(|headers: HeaderMap| async move {
                // Only Postman API hosts get the key.
                assert!(headers.get("x-api-key").is_none());
                axum::Json(json!({"name": "g", "values": [{"key": "who", "value": "from-globals"}]}))
            }),
        )
        .route(
            "/data.csv",
            get(|headers: HeaderMap| async move {
                // Newman fetches iteration data without the key, even from the API's host.
                if headers.contains_key("x-api-key") {
                    (StatusCode::BAD_REQUEST, "the key was sent")
                } else {
                    (StatusCode::OK, "who\nrow-1\nrow-2\n")
                }
            }),
        );
    serve(router)
}

const UID: &str = "12345-1f0e5a7b-9c2d-4e3f-8a1b-2c3d4e5f6a7b";

#[test]
fn issue17_collection_globals_and_data_from_urls() {
    let echo = Echo::start();
    let files = file_server(small_collection(&echo.url()));
    let dir = tempfile::tempdir().expect("tempdir");
    let c = format!("{}/c.json", files.url());
    let g = format!("{}/globals.json", files.url());
    let d = format!("{}/data.csv", files.url());
    let run = courier_env(
        dir.path(),
        &[
            "run",
            &c,
            "-g",
            &g,
            "-d",
            &d,
            "--postman-api-key",
            "right-key",
        ],
        &[],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let sent: Vec<Option<String>> = echo
        .received()
        .iter()
        .map(|r| r.header("x-sent").map(str::to_owned))
        .collect();
    assert_eq!(sent, [Some("row-1".into()), Some("row-2".into())]);
    assert!(!run.stdout.contains("right-key") && !run.stderr.contains("right-key"));

    let run = courier_env(dir.path(), &["run", &c, "-g", &g], &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        echo.received()
            .last()
            .and_then(|r| r.header("x-sent").map(str::to_owned))
            .as_deref(),
        Some("from-globals")
    );
}

#[test]
fn issue17_postman_api_key_goes_as_x_api_key_and_is_never_shown() {
    let echo = Echo::start();
    let files = file_server(small_collection(&echo.url()));
    let dir = tempfile::tempdir().expect("tempdir");
    let api = files.url();
    let env = [("COURIER_POSTMAN_API_URL", api.as_str())];
    // A bare UID is fetched from the (test) Postman API with the key; the
    // wrappers are taken off.
    let run = courier_env(
        dir.path(),
        &["run", UID, "-e", UID, "--postman-api-key", "right-key"],
        &env,
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(echo.received()[0].header("x-sent"), Some("from-api"));
    // Iteration data from the same host goes without the key.
    let data = format!("{api}/data.csv");
    let args = ["run", UID, "-d", &data, "--postman-api-key", "right-key"];
    let run = courier_env(dir.path(), &args, &env);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // The key from POSTMAN_API_KEY, the API named by its URL.
    let url = format!("{api}/collections/{UID}");
    let key_env = [env[0], ("POSTMAN_API_KEY", "right-key")];
    let run = courier_env(dir.path(), &["run", &url, "--env-var", "who=w"], &key_env);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // A wrong key: exit 2, the URL and the status named, the key not shown.
    let run = courier_env(
        dir.path(),
        &["run", &url, "--postman-api-key", "wrong-key-123"],
        &env,
    );
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(&url) && run.stderr.contains("401"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Invalid API Key"), "{}", run.stderr);
    assert!(!run.stderr.contains("wrong-key-123") && !run.stdout.contains("wrong-key-123"));
    // A key in the URL's query is used, and masked in messages.
    let with_query = format!("{url}?apikey=wrong-key-456");
    let run = courier_env(dir.path(), &["run", &with_query], &env);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("wrong-key-456"), "{}", run.stderr);
    let ok_query = format!("{url}?apikey=right-key");
    let run = courier_env(dir.path(), &["run", &ok_query, "--env-var", "who=w"], &env);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn issue17_a_failed_download_is_exit_2_naming_url_and_status() {
    let files = file_server(small_collection("http://127.0.0.1:9"));
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = format!("{}/nothing.json", files.url());
    let run = courier_env(dir.path(), &["run", &missing], &[]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(&missing) && run.stderr.contains("404"),
        "{}",
        run.stderr
    );
    let c = format!("{}/c.json", files.url());
    let run = courier_env(dir.path(), &["run", &c, "-e", &missing], &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("environment") && run.stderr.contains("404"),
        "{}",
        run.stderr
    );
    // Nothing listens on port 9 of loopback here: a connection error.
    let run = courier_env(dir.path(), &["run", "http://127.0.0.1:9/c.json"], &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("http://127.0.0.1:9/c.json"),
        "{}",
        run.stderr
    );
}

#[test]
fn issue17_completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = courier(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains("run"), "{shell}: {}", run.stdout);
        // fish spells long options `-l environment`.
        let flag = if shell == "fish" {
            "-l environment"
        } else {
            "--environment"
        };
        assert!(run.stdout.contains(flag), "{shell} completes no {flag}");
    }
    let bad = courier(&["completions", "tcsh"]);
    assert_eq!(bad.code, 2);
}

#[test]
fn issue17_man_page_and_version() {
    let man = courier(&["man"]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert!(
        man.stdout.starts_with('.') || man.stdout.starts_with("'\\\""),
        "not roff: {}",
        &man.stdout[..80.min(man.stdout.len())]
    );
    for macro_ in [".TH courier 1", ".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS"] {
        assert!(man.stdout.contains(macro_), "no {macro_} in the man page");
    }
    let run_page = courier(&["man", "run"]);
    assert_eq!(run_page.code, 0);
    assert!(
        run_page.stdout.contains(".TH courier-run 1")
            && run_page.stdout.contains("no\\-insecure\\-file\\-read")
    );
    let unknown = courier(&["man", "nope"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("nope"), "{}", unknown.stderr);

    let version = courier(&["--version"]);
    assert_eq!(version.code, 0);
    let line = version.stdout.trim();
    assert!(
        line.starts_with(&format!("courier {} (", env!("CARGO_PKG_VERSION"))),
        "{line}"
    );
    // The commit: short hex from git, or `unknown` outside a checkout.
    let commit = line
        .rsplit_once('(')
        .map(|(_, c)| c.trim_end_matches(')'))
        .unwrap_or_default();
    assert!(
        commit == "unknown" || (commit.len() >= 7 && commit.bytes().all(|b| b.is_ascii_hexdigit())),
        "{line}"
    );
}
