//! Reporters (issue 5): JUnit, Newman's JSON, HTML, the cli flags, default
//! report paths, `--export-collection`, and secrets masked in every report.
//!
//! The fixture run (`reports.postman_collection.json` with
//! `reports.captures.json`) has passes, a failed assertion (a capture that
//! matches nothing) and a request error (a closed port); the environment
//! holds a secret, and the echo server issues a token that later requests
//! carry in a query, a header and an echoed body.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{Run, courier_in, fixture, normalize};
use crate::support::echo::Echo;

/// The environment's secret value.
const SECRET: &str = "s3cr3t-admin-42";
/// The token `/json/7` issues.
const TOKEN: &str = "tok-7";

/// A closed loopback port.
fn dead_url() -> String {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", closed.local_addr().expect("addr"));
    drop(closed);
    url
}

/// The fixture run with `extra` arguments, in `dir`.
fn fixture_run(echo: &Echo, dir: &Path, extra: &[&str]) -> Run {
    let base = format!("base={}", echo.url());
    let dead = format!("dead={}", dead_url());
    let collection = fixture("reports.postman_collection.json");
    let environment = fixture("reports.postman_environment.json");
    let captures = fixture("reports.captures.json");
    let mut args = vec![
        "run",
        collection.as_str(),
        "-e",
        environment.as_str(),
        "--captures",
        captures.as_str(),
        "--env-var",
        base.as_str(),
        "--env-var",
        dead.as_str(),
    ];
    args.extend_from_slice(extra);
    courier_in(dir, &args)
}

/// The fixture run writing every report into a fresh directory.
struct Reports {
    dir: tempfile::TempDir,
    run: Run,
}

impl Reports {
    fn new(extra: &[&str]) -> Reports {
        let echo = Echo::start();
        let dir = tempfile::tempdir().expect("tempdir");
        let mut args = vec![
            "-r",
            "cli,junit,json,html",
            "--reporter-junit-export",
            "out/report.xml",
            "--reporter-json-export",
            "out/report.json",
            "--reporter-html-export",
            "out/report.html",
        ];
        args.extend_from_slice(extra);
        let run = fixture_run(&echo, dir.path(), &args);
        assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
        Reports { dir, run }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join("out").join(name)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).expect(name)
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.read("report.json")).expect("valid JSON")
    }
}

/// Replaces every match of `pattern` in `text`.
fn redact(text: &str, pattern: &str, with: &str) -> String {
    regex::Regex::new(pattern)
        .expect("pattern")
        .replace_all(text, with)
        .into_owned()
}

fn normalize_xml(xml: &str) -> String {
    let xml = redact(xml, r#"timestamp="[^"]*""#, r#"timestamp="[ts]""#);
    let xml = redact(&xml, r#"hostname="[^"]*""#, r#"hostname="[host]""#);
    let xml = redact(&xml, r#"time="[0-9.]+""#, r#"time="[t]""#);
    let xml = redact(&xml, r"\(\d+ ms, \d+ bytes\)", "([t], [size])");
    redact(&xml, r"127\.0\.0\.1:\d+", "127.0.0.1:[port]")
}

#[test]
fn junit_report() {
    let r = Reports::new(&[]);
    let xml = r.read("report.xml");
    assert_eq!(xml.matches("<testsuite ").count(), 5, "{xml}");
    insta::assert_snapshot!("junit_report", normalize_xml(&xml));
}

/// Every `<testsuite>` element as a document of its own.
fn suites(xml: &str) -> Vec<String> {
    let re = regex::Regex::new(r"(?s)<testsuite .*?</testsuite>").expect("pattern");
    re.find_iter(xml)
        .map(|m| {
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n",
                m.as_str()
            )
        })
        .collect()
}

#[test]
fn junit_report_validates_against_the_ant_junit_schema() {
    let xsd = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/junit/JUnit.xsd");
    let have_xmllint = Command::new("xmllint").arg("--version").output().is_ok();
    if !have_xmllint || !xsd.exists() {
        eprintln!(
            "note: skipped: needs xmllint (Debian package libxml2-utils) and {}",
            xsd.display()
        );
        return;
    }
    let r = Reports::new(&[]);
    let suites = suites(&r.read("report.xml"));
    assert_eq!(suites.len(), 5);
    for (i, suite) in suites.iter().enumerate() {
        let file = r.dir.path().join(format!("suite-{i}.xml"));
        std::fs::write(&file, suite).expect("write suite");
        let out = Command::new("xmllint")
            .args(["--noout", "--schema"])
            .arg(&xsd)
            .arg(&file)
            .output()
            .expect("xmllint");
        assert!(
            out.status.success(),
            "suite {i} is not valid:\n{}\n{suite}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Replaces volatile values of the JSON report (times, ids, ports, bytes).
fn normalize_json(mut v: Value) -> String {
    fn walk(v: &mut Value, key: &str) {
        match v {
            Value::Object(map) => {
                let volatile_header = map.get("key").and_then(Value::as_str).is_some_and(|k| {
                    k.eq_ignore_ascii_case("date") || k.eq_ignore_ascii_case("content-length")
                });
                for (k, child) in map.iter_mut() {
                    if volatile_header && k == "value" {
                        *child = Value::String("[v]".into());
                    } else {
                        walk(child, k);
                    }
                }
            }
            Value::Array(items) if key == "data" => {
                *v = Value::String(format!(
                    "[{} bytes]",
                    if items.is_empty() { "no" } else { "some" }
                ));
            }
            Value::Array(items) => items.iter_mut().for_each(|c| walk(c, key)),
            Value::Number(_)
                if key.starts_with("response") || matches!(key, "started" | "completed") =>
            {
                *v = Value::String("[n]".into());
            }
            Value::String(s) if key == "port" => *s = "[port]".into(),
            _ => {}
        }
    }
    walk(&mut v, "");
    let text = serde_json::to_string_pretty(&v).expect("json");
    let text = redact(
        &text,
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        "[uuid]",
    );
    redact(&text, r"127\.0\.0\.1:\d+", "127.0.0.1:[port]")
}

#[test]
fn json_report_has_newmans_shape() {
    let r = Reports::new(&[]);
    let v = r.json();
    for key in ["collection", "environment", "globals", "run"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let run = &v["run"];
    for key in [
        "stats",
        "timings",
        "executions",
        "transfers",
        "failures",
        "error",
    ] {
        assert!(run.get(key).is_some(), "missing run.{key}");
    }
    for stat in [
        "iterations",
        "items",
        "scripts",
        "prerequests",
        "requests",
        "tests",
        "assertions",
        "testScripts",
        "prerequestScripts",
    ] {
        let s = &run["stats"][stat];
        assert!(
            s["total"].is_u64() && s["pending"].is_u64() && s["failed"].is_u64(),
            "{stat}: {s}"
        );
    }
    assert_eq!(run["stats"]["requests"]["total"], 5);
    assert_eq!(run["stats"]["requests"]["failed"], 1);
    assert_eq!(run["executions"].as_array().map(Vec::len), Some(5));
    assert_eq!(run["failures"].as_array().map(Vec::len), Some(4));
    assert_eq!(run["stats"]["testScripts"]["failed"], 1);
    let at: Vec<&str> = run["failures"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["at"].as_str())
        .collect();
    assert_eq!(
        at,
        [
            "assertion:1 in test-script",
            "assertion:1 in captures",
            "test-script:2",
            "request"
        ]
    );
    // The body, as Node's Buffer JSON, decodes to the response.
    let data: Vec<u8> = run["executions"][1]["response"]["stream"]["data"]
        .as_array()
        .expect("bytes")
        .iter()
        .filter_map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
        .collect();
    let body: Value = serde_json::from_slice(&data).expect("JSON body");
    assert_eq!(body["id"], "7");
    insta::assert_snapshot!("json_report", normalize_json(v));
}

fn normalize_html(html: &str) -> String {
    let html = redact(html, r"(?s)<style>.*</style>", "<style>[css]</style>");
    let html = redact(&html, r"(?s)<script>.*</script>", "<script>[js]</script>");
    let html = redact(
        &html,
        r"started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC",
        "started [date]",
    );
    let html = redact(
        &html,
        r"(?s)(<summary>Response headers.*?</details>)",
        "[response headers]",
    );
    let html = redact(
        &html,
        r#"courier[ /]\d+\.\d+\.\d+[^ <"&]*"#,
        "courier [version]",
    );
    normalize(&html)
}

#[test]
fn html_report() {
    let r = Reports::new(&[]);
    let html = r.read("report.html");
    // scripts/html-screenshot.sh looks at this page in headless Chromium.
    if let Some(copy) = std::env::var_os("COURIER_HTML_REPORT_COPY") {
        std::fs::write(copy, &html).expect("copy the report");
    }
    assert!(
        !html.contains("http://") || !html.contains("<link"),
        "no external resources"
    );
    assert!(
        !html.contains("<script src") && !html.contains("<link"),
        "no external scripts or styles"
    );
    assert!(html.contains("Copy as curl"), "copy-as-curl buttons");
    let failed = html.find("Failed requests").expect("failed section");
    let passed = html.find("Passed requests").expect("passed section");
    assert!(failed < passed, "failures come first");
    insta::assert_snapshot!("html_report", normalize_html(&html));
}

#[test]
fn html_report_with_a_user_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    let template = dir.path().join("t.hbs");
    std::fs::write(
        &template,
        "{{collection.name}}: {{stats.assertions.total}} assertions, {{stats.assertions.failed}} failed\n\
         {{#each executions}}{{number}}. {{path}} {{#if response}}{{response.status}}{{else}}{{request_error}}{{/if}}\n{{/each}}\
         {{#each failures}}! {{kind}} {{item}}: {{message}}\n{{/each}}",
    )
    .expect("template");
    let template = template.to_string_lossy().into_owned();
    let r = Reports::new(&["--reporter-html-template", &template]);
    insta::assert_snapshot!("html_user_template", normalize(&r.read("report.html")));
}

#[test]
fn a_broken_html_template_stops_the_run_before_it_starts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let template = dir.path().join("t.hbs");
    std::fs::write(&template, "{{#each executions}}").expect("template");
    let template = template.to_string_lossy().into_owned();
    let echo = Echo::start();
    let run = fixture_run(
        &echo,
        dir.path(),
        &["-r", "html", "--reporter-html-template", &template],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--reporter-html-template"),
        "{}",
        run.stderr
    );
    assert!(echo.received().is_empty(), "nothing was sent");
}

#[test]
fn secrets_and_tokens_appear_in_no_report() {
    let r = Reports::new(&["--verbose"]);
    let files = [
        r.read("report.xml"),
        r.read("report.json"),
        r.read("report.html"),
        r.run.stdout.clone(),
    ];
    for (name, text) in ["junit", "json", "html", "cli --verbose"]
        .iter()
        .zip(&files)
    {
        assert!(
            !text.contains(SECRET),
            "the secret shows in the {name} report"
        );
        assert!(
            !text.contains(TOKEN),
            "the token shows in the {name} report"
        );
        assert!(
            text.contains("********"),
            "nothing masked in the {name} report"
        );
    }
    // The token was sent: the masking is not hiding an empty run.
    let v = r.json();
    let use_token = &v["run"]["executions"][2]["request"];
    assert_eq!(use_token["url"]["query"][0]["value"], "********");
}

#[test]
fn no_mask_shows_secrets() {
    let r = Reports::new(&["--no-mask"]);
    for name in ["report.xml", "report.json", "report.html"] {
        let text = r.read(name);
        assert!(
            text.contains(TOKEN),
            "{name} should show the token with --no-mask"
        );
    }
    assert!(r.read("report.json").contains(SECRET));
}

#[test]
fn reports_go_to_default_paths() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let run = fixture_run(&echo, dir.path(), &["-r", "junit,json,html"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("courier-reports"))
        .expect("courier-reports/")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    let re = regex::Regex::new(r"^courier-run-report-\d{17}-0\.(html|json|xml)$").expect("pattern");
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.iter().all(|n| re.is_match(n)), "{names:?}");
    // Without the cli reporter, stdout only says where the reports went.
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("junit report: courier-reports/courier-run-report-"),
        "{}",
        run.stdout
    );
}

#[test]
fn cli_reporter_flags_trim_the_output() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let full = fixture_run(&echo, dir.path(), &[]);
    assert!(full.stdout.contains("executed") && full.stdout.contains("AssertionError"));
    assert!(full.stdout.contains("✓"));
    let trimmed = fixture_run(
        &echo,
        dir.path(),
        &[
            "--reporter-cli-no-summary",
            "--reporter-cli-no-failures",
            "--reporter-cli-no-success-assertions",
        ],
    );
    assert!(!trimmed.stdout.contains("executed"), "{}", trimmed.stdout);
    assert!(
        !trimmed.stdout.contains("AssertionError"),
        "{}",
        trimmed.stdout
    );
    assert!(!trimmed.stdout.contains("✓"), "{}", trimmed.stdout);
    assert!(trimmed.stdout.contains("✗"), "{}", trimmed.stdout);
    let quiet = fixture_run(&echo, dir.path(), &["--reporter-cli-no-assertions"]);
    assert!(
        !quiet.stdout.contains("✗ 1.") && !quiet.stdout.contains("✓"),
        "{}",
        quiet.stdout
    );
}

#[test]
fn unknown_reporter_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = courier_in(
        dir.path(),
        &[
            "run",
            &fixture("reports.postman_collection.json"),
            "-r",
            "cli,htmlextra",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("htmlextra") && run.stderr.contains("junit"),
        "{}",
        run.stderr
    );
}

#[test]
fn export_collection_writes_the_collection_as_run() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let run = fixture_run(
        &echo,
        dir.path(),
        &["--export-collection", "exported/c.json", "-x"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(dir.path().join("exported/c.json")).expect("export");
    let v: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(v["info"]["name"], "Reports");
    assert_eq!(v["item"].as_array().map(Vec::len), Some(4));
}

#[test]
fn progress_reporter_draws_nothing_when_stdout_is_not_a_terminal() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let run = fixture_run(&echo, dir.path(), &["-r", "progress"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "", "{}", run.stdout);
}

#[test]
fn silent_prints_nothing() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let run = fixture_run(&echo, dir.path(), &["--silent", "-r", "cli,junit"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(dir.path().join("courier-reports").is_dir());
}

#[test]
fn cli_report() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let run = fixture_run(&echo, dir.path(), &[]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("cli_report", normalize(&run.stdout));
}

/// The bundled PingOne workflow against the simulator: the admin app's
/// secret (a `secret` environment value) and every token and secret the
/// workflow obtains must show in no report, though the run uses them all.
#[test]
fn pingone_secrets_and_issued_tokens_appear_in_no_report() {
    use crate::support::pingone::{self, SimulatorConfig};

    let sim = pingone::start(SimulatorConfig::default());
    let dir = tempfile::tempdir().expect("tempdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let collection = root.join("collections/pingone-offline-access.postman_collection.json");
    let environment = root.join("environments/pingone.postman_environment.json");
    let mut args: Vec<String> = vec![
        "run".into(),
        collection.to_string_lossy().into_owned(),
        "-e".into(),
        environment.to_string_lossy().into_owned(),
        "--export-environment".into(),
        "state.json".into(),
        "--verbose".into(),
        "-r".into(),
        "cli,junit,json,html".into(),
        // Captures carry the workflow's values; no script stores them.
        "--no-scripts".into(),
        "--captures".into(),
        root.join("collections/pingone-offline-access.captures.json")
            .to_string_lossy()
            .into_owned(),
        "--env-var".into(),
        "userPassword=Offl1ne-Access!42".into(),
        "--env-var".into(),
        format!("username=masked-{}", uuid::Uuid::new_v4().simple()),
    ];
    args.extend(sim.env_var_args());
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = courier_in(dir.path(), &argv);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);

    // The export keeps real values: every credential the workflow handled.
    let state: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("state.json")).expect("exported environment"),
    )
    .expect("JSON");
    let secrets: Vec<(String, String)> = state["values"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|v| v["type"] == "secret")
        .filter_map(|v| {
            Some((
                v["key"].as_str()?.to_owned(),
                v["value"].as_str()?.to_owned(),
            ))
        })
        .filter(|(_, v)| v.len() >= 8)
        .collect();
    let keys: Vec<&str> = secrets.iter().map(|(k, _)| k.as_str()).collect();
    for key in [
        "adminAppSecret",
        "accessToken",
        "offlineAccessAppSecret",
        "userPassword",
        "refreshToken",
    ] {
        assert!(
            keys.contains(&key),
            "{key} missing from the export: {keys:?}"
        );
    }

    let reports = std::fs::read_dir(dir.path().join("courier-reports")).expect("reports");
    let mut texts = vec![("stdout".to_owned(), run.stdout.clone())];
    for entry in reports.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        texts.push((name, std::fs::read_to_string(entry.path()).expect("report")));
    }
    assert_eq!(texts.len(), 4, "stdout and three report files");
    for (name, text) in &texts {
        for (key, value) in &secrets {
            assert!(!text.contains(value.as_str()), "{key} shows in {name}");
        }
    }
}

#[test]
fn junit_keeps_iterations_apart() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let run = fixture_run(
        &echo,
        dir.path(),
        &["-n", "2", "-r", "junit", "--reporter-junit-export", "j.xml"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let xml = std::fs::read_to_string(dir.path().join("j.xml")).expect("report");
    assert_eq!(xml.matches("<testsuite ").count(), 10);
    assert!(
        xml.contains(r#"<testsuite name="Get token [iteration 1/2]""#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<testsuite name="Get token [iteration 2/2]""#),
        "{xml}"
    );
    assert!(xml.contains(r#"<property name="iteration" value="2"/>"#));
}
