//! Issue 16: `--shard I/N` and `courier merge`, several collections in one
//! run, `--exclude-folder` and `-i`. Every run goes to the echo server,
//! which records what it received.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

use crate::common::{Run, courier};
use crate::support::echo::Echo;

/// Writes `value` as JSON to `dir/name`; returns the path.
fn write(dir: &Path, name: &str, value: &Value) -> String {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value).expect("json")).expect("write");
    path.to_string_lossy().into_owned()
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("report is JSON")
}

fn env_file(dir: &Path, echo: &Echo) -> String {
    write(
        dir,
        "env.json",
        &json!({"name": "local", "values": [
            {"key": "base", "value": echo.url(), "enabled": true},
            {"key": "mood", "value": "initial", "enabled": true}
        ]}),
    )
}

/// Two folders and a top-level request; each request echoes its folder,
/// the data row's `n` and `pm.info.iteration`, and asserts that the data
/// row belongs to that iteration.
fn data_collection() -> Value {
    let test = "pm.test('row ' + pm.iterationData.get('n') + ' is iteration ' + pm.info.iteration, function () {\n  var n = pm.iterationData.get('n');\n  if (n !== undefined) { pm.expect(Number(n)).to.eql(pm.info.iteration + 1); }\n  pm.expect(pm.response.code).to.eql(200);\n});";
    let request = |name: &str, path: &str| {
        json!({
            "name": name,
            "event": [{"listen": "test", "script": {"exec": [test]}}],
            "request": {"method": "GET", "url": format!("{{{{base}}}}/{path}?n={{{{n}}}}&it={{{{it}}}}")}
        })
    };
    json!({
        "info": {"name": "Sharded", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "event": [{"listen": "prerequest", "script": {"exec": ["pm.variables.set('it', pm.info.iteration);"]}}],
        "item": [
            {"name": "Users", "item": [request("list users", "users"), request("one user", "users/1")]},
            {"name": "Orders", "item": [request("list orders", "orders")]},
            request("health", "health")
        ]
    })
}

fn data_rows(count: usize) -> Value {
    Value::Array((1..=count).map(|n| json!({"n": n.to_string()})).collect())
}

/// `(path, n, iteration)` of every request the server got since `from`.
fn received(echo: &Echo, from: usize) -> Vec<(String, String, String)> {
    echo.received()[from..]
        .iter()
        .map(|r| {
            let q: BTreeMap<String, String> = url::form_urlencoded::parse(r.query.as_bytes())
                .into_owned()
                .collect();
            (
                r.path.clone(),
                q.get("n").cloned().unwrap_or_default(),
                q.get("it").cloned().unwrap_or_default(),
            )
        })
        .collect()
}

fn run_ok(args: &[&str]) -> Run {
    let run = courier(args);
    assert_eq!(run.code, 0, "{args:?}\n{}\n{}", run.stdout, run.stderr);
    run
}

/// Runs shards 1..=n with JSON reports in `dir`; returns their paths.
fn run_shards(dir: &Path, base_args: &[&str], n: usize) -> Vec<String> {
    (1..=n)
        .map(|i| {
            let report = dir
                .join(format!("shard-{i}.json"))
                .to_string_lossy()
                .into_owned();
            let shard = format!("{i}/{n}");
            let mut args = base_args.to_vec();
            args.extend([
                "--shard",
                &shard,
                "-r",
                "json",
                "--reporter-json-export",
                &report,
            ]);
            run_ok(&args);
            report
        })
        .collect()
}

fn unsharded(dir: &Path, base_args: &[&str]) -> Value {
    let report = dir.join("whole.json");
    let report_arg = report.to_string_lossy().into_owned();
    let mut args = base_args.to_vec();
    args.extend(["-r", "json", "--reporter-json-export", &report_arg]);
    run_ok(&args);
    read_json(&report)
}

/// `courier merge -r cli,json,junit,html` of `shards`; returns the merged JSON report.
fn merge(dir: &Path, shards: &[String]) -> (Run, Value) {
    let json_out = dir.join("merged.json").to_string_lossy().into_owned();
    let junit_out = dir.join("merged.xml").to_string_lossy().into_owned();
    let html_out = dir.join("merged.html").to_string_lossy().into_owned();
    let mut args = vec![
        "merge",
        "-r",
        "cli,json,junit,html",
        "--reporter-json-export",
        &json_out,
        "--reporter-junit-export",
        &junit_out,
        "--reporter-html-export",
        &html_out,
    ];
    args.extend(shards.iter().map(String::as_str));
    let run = courier(&args);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(Path::new(&html_out).is_file() && Path::new(&junit_out).is_file());
    (run, read_json(Path::new(&json_out)))
}

/// `(iteration, item id)` of every execution, sorted.
fn executed(report: &Value) -> Vec<(u64, String)> {
    let mut out: Vec<(u64, String)> = report["run"]["executions"]
        .as_array()
        .expect("executions")
        .iter()
        .map(|e| {
            (
                e["cursor"]["iteration"].as_u64().expect("iteration"),
                e["item"]["id"].as_str().expect("id").to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn issue16_three_shards_run_every_iteration_and_item_once_and_merge_to_the_whole_run() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let collection = write(dir.path(), "c.json", &data_collection());
    let data = write(dir.path(), "data.json", &data_rows(7));
    let env = env_file(dir.path(), &echo);
    let base = [
        "run",
        collection.as_str(),
        "-e",
        env.as_str(),
        "-d",
        data.as_str(),
    ];

    let shards = run_shards(dir.path(), &base, 3);
    let mut sharded = received(&echo, 0);
    let after_shards = echo.received().len();
    let whole = unsharded(dir.path(), &base);
    let mut unsharded_requests = received(&echo, after_shards);
    sharded.sort();
    unsharded_requests.sort();
    assert_eq!(sharded.len(), 7 * 4, "{sharded:?}");
    assert_eq!(
        sharded, unsharded_requests,
        "every (iteration, item) exactly once"
    );
    // Data rows keep their iteration: the request of row n says iteration n-1.
    for (path, n, it) in &sharded {
        assert_eq!(
            n.parse::<usize>().unwrap(),
            it.parse::<usize>().unwrap() + 1,
            "{path}"
        );
    }
    // Shard 2 of 3 ran iterations 1 and 4 (0-based).
    let second = read_json(Path::new(&shards[1]));
    let iterations: Vec<u64> = executed(&second).iter().map(|(i, _)| *i).collect();
    assert_eq!(iterations, [1, 1, 1, 1, 4, 4, 4, 4]);
    assert_eq!(second["run"]["stats"]["iterations"]["total"], 2);

    let (run, merged) = merge(dir.path(), &shards);
    assert_eq!(merged["run"]["stats"], whole["run"]["stats"]);
    assert_eq!(merged["run"]["stats"]["assertions"]["total"], 28);
    assert_eq!(merged["run"]["stats"]["assertions"]["failed"], 0);
    assert_eq!(executed(&merged), executed(&whole));
    assert_eq!(
        merged["run"]["transfers"]["responseTotal"],
        whole["run"]["transfers"]["responseTotal"]
    );
    // In the unsharded order: iteration by iteration, items in collection order.
    let order: Vec<(u64, String)> = merged["run"]["executions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["cursor"]["iteration"].as_u64().unwrap(),
                e["item"]["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let want: Vec<(u64, String)> = whole["run"]["executions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["cursor"]["iteration"].as_u64().unwrap(),
                e["item"]["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(order, want);
    assert!(run.stdout.contains("iterations"), "{}", run.stdout);
    let junit = std::fs::read_to_string(dir.path().join("merged.xml")).expect("junit");
    assert_eq!(junit.matches("<testsuite ").count(), 28, "{junit}");
    // The same shard on parallel workers runs the same iterations, in order.
    let parallel = dir
        .path()
        .join("parallel.json")
        .to_string_lossy()
        .into_owned();
    let mut args = base.to_vec();
    args.extend([
        "--shard",
        "1/3",
        "--parallel",
        "2",
        "-r",
        "json",
        "--reporter-json-export",
        &parallel,
    ]);
    run_ok(&args);
    let parallel = read_json(Path::new(&parallel));
    let first = read_json(Path::new(&shards[0]));
    let in_order = |r: &Value| -> Vec<u64> {
        r["run"]["executions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["cursor"]["iteration"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(in_order(&parallel), in_order(&first));
    assert_eq!(in_order(&first), [0, 0, 0, 0, 3, 3, 3, 3, 6, 6, 6, 6]);
    assert_eq!(parallel["run"]["stats"], first["run"]["stats"]);
}

#[test]
fn issue16_folder_shards_and_an_empty_shard() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let collection = write(dir.path(), "c.json", &data_collection());
    let env = env_file(dir.path(), &echo);
    let base = ["run", collection.as_str(), "-e", env.as_str()];

    // One iteration: the default unit is the top-level folder (3 of them).
    let shards = run_shards(dir.path(), &base, 4);
    let paths = |from: usize| {
        let mut p: Vec<String> = received(&echo, from).into_iter().map(|r| r.0).collect();
        p.sort();
        p
    };
    assert_eq!(paths(0), ["/health", "/orders", "/users", "/users/1"]);
    let first = read_json(Path::new(&shards[0]));
    assert_eq!(executed(&first).len(), 2, "shard 1 has the Users folder");
    let third = read_json(Path::new(&shards[2]));
    assert_eq!(third["run"]["executions"][0]["item"]["name"], "health");
    // Shard 4 of 4 got nothing: exit 0 with a note, and an empty report.
    let empty = courier(&[
        "run",
        &collection,
        "-e",
        &env,
        "--shard",
        "4/4",
        "-r",
        "cli",
    ]);
    assert_eq!(empty.code, 0, "{}", empty.stderr);
    assert!(
        empty.stderr.contains("note: shard 4/4 has nothing to run"),
        "{}",
        empty.stderr
    );
    let fourth = read_json(Path::new(&shards[3]));
    assert_eq!(fourth["run"]["executions"], json!([]));
    assert_eq!(fourth["run"]["stats"]["iterations"]["total"], 0);

    let before = echo.received().len();
    let whole = unsharded(dir.path(), &base);
    assert_eq!(paths(before).len(), 4);
    let (_, merged) = merge(dir.path(), &shards);
    assert_eq!(merged["run"]["stats"], whole["run"]["stats"]);
    assert_eq!(executed(&merged), executed(&whole));

    // --shard-by iteration with fewer iterations than shards: shard 2 is empty.
    let run = courier(&[
        "run",
        &collection,
        "-e",
        &env,
        "--shard",
        "2/2",
        "--shard-by",
        "iteration",
    ]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("1 iteration(s) for 2 shards"),
        "{}",
        run.stderr
    );
    // The same report twice is refused.
    let twice = courier(&["merge", &shards[0], &shards[0]]);
    assert_eq!(twice.code, 2);
    assert!(
        twice.stderr.contains("hold the same executions"),
        "{}",
        twice.stderr
    );
}

/// A collection of one request to `{{base}}/NAME` with one test, and a
/// script that changes the environment (the next collection must not see it).
fn small_collection(name: &str, pass: bool) -> Value {
    let test = format!(
        "pm.test('{name} sees the initial environment', function () {{\n  pm.expect(pm.environment.get('mood')).to.eql('initial');\n  pm.expect({pass}).to.eql(true);\n}});\npm.environment.set('mood', 'changed by {name}');"
    );
    json!({
        "info": {"name": name},
        "item": [{
            "name": "ping",
            "event": [{"listen": "test", "script": {"exec": [test]}}],
            "request": format!("{{{{base}}}}/{name}")
        }]
    })
}

#[test]
fn issue16_several_collections_in_one_run() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.json", &small_collection("Alpha", true));
    let b = write(dir.path(), "b.json", &small_collection("Beta", false));
    let more = dir.path().join("more");
    std::fs::create_dir(&more).expect("mkdir");
    write(
        &more,
        "gamma.postman_collection.json",
        &small_collection("Gamma", true),
    );
    write(&more, "settings.json", &json!({"values": []}));
    let env = env_file(dir.path(), &echo);
    let report = dir.path().join("r.json").to_string_lossy().into_owned();
    let junit = dir.path().join("r.xml").to_string_lossy().into_owned();
    let more_arg = more.to_string_lossy().into_owned();
    let run = courier(&[
        "run",
        &a,
        &b,
        &more_arg,
        "-e",
        &env,
        "-r",
        "cli,json,junit",
        "--reporter-json-export",
        &report,
        "--reporter-junit-export",
        &junit,
    ]);
    // Beta fails, so the run does; Gamma still ran after it.
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let paths: Vec<String> = echo.received().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths, ["/Alpha", "/Beta", "/Gamma"]);
    // A summary per collection, then the total.
    assert_eq!(
        run.stdout.matches("│         iterations ┆").count(),
        3,
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("total (3 collections)"),
        "{}",
        run.stdout
    );
    // Each collection started from the environment file.
    let json = crate::common::assertion_outcomes(&read_json(Path::new(&report)));
    assert_eq!(
        json,
        [
            ("Alpha sees the initial environment".to_owned(), true),
            ("Beta sees the initial environment".to_owned(), false),
            ("Gamma sees the initial environment".to_owned(), true),
        ]
    );
    let report = read_json(Path::new(&report));
    let names: Vec<&str> = report["run"]["executions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["collection"].as_str().expect("collection named"))
        .collect();
    assert_eq!(names, ["Alpha", "Beta", "Gamma"]);
    assert_eq!(report["run"]["stats"]["requests"]["total"], 3);
    assert_eq!(report["run"]["stats"]["assertions"]["failed"], 1);
    assert_eq!(report["collection"]["item"][1]["name"], "Beta");
    let xml = std::fs::read_to_string(&junit).expect("junit");
    assert!(xml.contains("name=\"Beta › ping\""), "{xml}");

    // Sharded by collection, then merged: the stats of the whole run.
    let mut shard_reports = Vec::new();
    for (i, code) in [(1, 0), (2, 1)] {
        let out = dir
            .path()
            .join(format!("c{i}.json"))
            .to_string_lossy()
            .into_owned();
        let shard = format!("{i}/2");
        let run = courier(&[
            "run",
            &a,
            &b,
            &more_arg,
            "-e",
            &env,
            "--shard",
            &shard,
            "--shard-by",
            "collection",
            "-r",
            "json",
            "--reporter-json-export",
            &out,
        ]);
        assert_eq!(run.code, code, "{}\n{}", run.stdout, run.stderr);
        shard_reports.push(out);
    }
    let merged_out = dir
        .path()
        .join("c-merged.json")
        .to_string_lossy()
        .into_owned();
    let mut args = vec!["merge", "-r", "json", "--reporter-json-export", &merged_out];
    args.extend(shard_reports.iter().map(String::as_str));
    let merged = courier(&args);
    assert_eq!(
        merged.code, 1,
        "Beta failed: {}\n{}",
        merged.stdout, merged.stderr
    );
    let merged = read_json(Path::new(&merged_out));
    assert_eq!(merged["run"]["stats"], report["run"]["stats"]);
    let names: Vec<&str> = merged["run"]["executions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["collection"].as_str().expect("collection named"))
        .collect();
    assert_eq!(names, ["Alpha", "Beta", "Gamma"]);

    // State exports have no single meaning with several collections.
    let out = dir
        .path()
        .join("env-out.json")
        .to_string_lossy()
        .into_owned();
    let refused = courier(&["run", &a, &b, "-e", &env, "--export-environment", &out]);
    assert_eq!(refused.code, 2);
    assert!(
        refused
            .stderr
            .contains("--export-environment cannot be used with several collections")
    );

    // One collection keeps Newman's JSON shape: no `collection` on executions.
    let (_, single) = crate::common::courier_with_json_report(&["run", &a, "-e", &env]);
    assert!(single["run"]["executions"][0].get("collection").is_none());

    // A --folder name need only exist in one of the collections.
    let with_smoke = write(
        dir.path(),
        "smoke.json",
        &json!({"info": {"name": "Smoky"}, "item": [
            {"name": "Smoke", "item": [{"name": "quick", "request": "{{base}}/smoke"}]},
            {"name": "slow", "request": "{{base}}/slow-one"}
        ]}),
    );
    let before = echo.received().len();
    let run = courier(&["run", &with_smoke, &a, "-e", &env, "-i", "Smoke"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let paths: Vec<String> = echo.received()[before..]
        .iter()
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(paths, ["/smoke"]);
    assert!(
        run.stderr
            .contains("\"Alpha\" has none of the --folder names"),
        "{}",
        run.stderr
    );
    let nowhere = courier(&[
        "run",
        &with_smoke,
        &a,
        "-e",
        &env,
        "--exclude-folder",
        "Nope",
    ]);
    assert_eq!(nowhere.code, 2);
    assert!(
        nowhere.stderr.contains("in any of the 2 collections"),
        "{}",
        nowhere.stderr
    );

    // --shard-by collection: shard 2 of 2 runs only Beta.
    let before = echo.received().len();
    let run = courier(&[
        "run",
        &a,
        &b,
        "-e",
        &env,
        "--shard",
        "2/2",
        "--shard-by",
        "collection",
    ]);
    assert_eq!(run.code, 1);
    let paths: Vec<String> = echo.received()[before..]
        .iter()
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(paths, ["/Beta"]);
}

#[test]
fn issue16_exclude_folder_and_i() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let collection = write(dir.path(), "c.json", &data_collection());
    let env = env_file(dir.path(), &echo);
    let paths = |from: usize| -> Vec<String> {
        echo.received()[from..]
            .iter()
            .map(|r| r.path.clone())
            .collect()
    };
    run_ok(&["run", &collection, "-e", &env, "--exclude-folder", "Users"]);
    assert_eq!(paths(0), ["/orders", "/health"]);
    let n = echo.received().len();
    run_ok(&[
        "run",
        &collection,
        "-e",
        &env,
        "-i",
        "Users",
        "--exclude-folder",
        "one user",
    ]);
    assert_eq!(paths(n), ["/users"]);
    let n = echo.received().len();
    run_ok(&[
        "run",
        &collection,
        "-e",
        &env,
        "-i",
        "Orders",
        "-i",
        "health",
    ]);
    assert_eq!(paths(n), ["/orders", "/health"]);
    let bad = courier(&["run", &collection, "-e", &env, "--exclude-folder", "Nope"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("no folder or request named \"Nope\"")
            && bad.stderr.contains("\"Users\""),
        "{}",
        bad.stderr
    );
}

/// Runs `command` with `sh -c` in `dir`, `courier` being this build's binary.
fn shell(dir: &Path, command: &str, vars: &[(&str, &str)]) -> Run {
    let bin = env!("CARGO_BIN_EXE_courier");
    let command = command
        .trim()
        .strip_prefix("courier ")
        .map(|rest| format!("'{bin}' {rest}"))
        .unwrap_or_else(|| panic!("not a courier command: {command}"));
    let out = std::process::Command::new("sh")
        .args(["-c", &command])
        .current_dir(dir)
        .envs(vars.iter().copied())
        .env("NO_COLOR", "1")
        .output()
        .expect("run sh");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A suite directory as the documented examples expect it:
/// collection.json, env.json and data.json (5 rows).
fn suite(dir: &Path, echo: &Echo) {
    write(dir, "collection.json", &data_collection());
    write(dir, "data.json", &data_rows(5));
    env_file(dir, echo);
}

fn docs_yaml(name: &str) -> Value {
    let path = crate::common::repo_file(&format!("docs/{name}"));
    let text = std::fs::read_to_string(&path).expect("the docs file");
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"))
}

#[test]
fn issue16_the_github_actions_matrix_commands_run_locally() {
    let workflow = docs_yaml("github-actions-sharded.yml");
    let jobs = &workflow["jobs"];
    let shards: Vec<String> = jobs["shard"]["strategy"]["matrix"]["shard"]
        .as_array()
        .expect("matrix.shard")
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(shards, ["1", "2", "3"]);
    let runs = |job: &str| -> Vec<String> {
        jobs[job]["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .filter_map(|s| s["run"].as_str().map(str::to_owned))
            .collect()
    };
    let (shard_runs, merge_runs) = (runs("shard"), runs("merge"));
    assert_eq!((shard_runs.len(), merge_runs.len()), (1, 1));

    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    suite(dir.path(), &echo);
    for shard in &shards {
        let command = shard_runs[0].replace("${{ matrix.shard }}", shard);
        let run = shell(dir.path(), &command, &[]);
        assert_eq!(run.code, 0, "{command}\n{}\n{}", run.stdout, run.stderr);
    }
    let run = shell(dir.path(), &merge_runs[0], &[]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let merged = read_json(&dir.path().join("merged/report.json"));
    assert!(dir.path().join("merged/report.xml").is_file());
    assert!(dir.path().join("merged/report.html").is_file());
    let p = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let whole = unsharded(
        dir.path(),
        &[
            "run",
            &p("collection.json"),
            "-e",
            &p("env.json"),
            "-d",
            &p("data.json"),
        ],
    );
    assert_eq!(merged["run"]["stats"], whole["run"]["stats"]);
    assert_eq!(merged["run"]["stats"]["iterations"]["total"], 5);
}

#[test]
fn issue16_the_kubernetes_indexed_job_parses_and_its_pods_commands_run() {
    let job = docs_yaml("k8s-indexed-job.yaml");
    assert_eq!(job["kind"], "Job");
    let spec = &job["spec"];
    assert_eq!(spec["completionMode"], "Indexed");
    let shards = spec["completions"].as_u64().expect("completions");
    assert_eq!(spec["parallelism"].as_u64(), Some(shards));
    let container = &spec["template"]["spec"]["containers"][0];
    let command: Vec<&str> = container["command"]
        .as_array()
        .expect("command")
        .iter()
        .map(|c| c.as_str().expect("string"))
        .collect();
    assert_eq!(command[..2], ["sh", "-c"]);
    assert!(
        command[2].contains(&format!("--shard $((JOB_COMPLETION_INDEX + 1))/{shards}")),
        "{}",
        command[2]
    );
    let mounts: Vec<&str> = container["volumeMounts"]
        .as_array()
        .expect("mounts")
        .iter()
        .map(|m| m["mountPath"].as_str().expect("path"))
        .collect();
    assert_eq!(mounts, ["/suite", "/reports"]);

    // Each pod's command, with the volumes as local directories.
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let suite_dir = dir.path().join("suite");
    let reports = dir.path().join("reports");
    std::fs::create_dir_all(&suite_dir).expect("mkdir");
    suite(&suite_dir, &echo);
    let local = command[2]
        .replace("/suite", &suite_dir.to_string_lossy())
        .replace("/reports", &reports.to_string_lossy());
    for index in 0..shards {
        let index = index.to_string();
        let run = shell(dir.path(), &local, &[("JOB_COMPLETION_INDEX", &index)]);
        assert_eq!(run.code, 0, "{local}\n{}\n{}", run.stdout, run.stderr);
    }
    let shard_reports: Vec<String> = (1..=shards)
        .map(|i| {
            reports
                .join(format!("shard-{i}.json"))
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let (_, merged) = merge(dir.path(), &shard_reports);
    let p = |name: &str| suite_dir.join(name).to_string_lossy().into_owned();
    let whole = unsharded(
        dir.path(),
        &[
            "run",
            &p("collection.json"),
            "-e",
            &p("env.json"),
            "-d",
            &p("data.json"),
        ],
    );
    assert_eq!(merged["run"]["stats"], whole["run"]["stats"]);
}

#[test]
fn issue16_iterations_of_a_shard_start_from_the_initial_state() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let collection = write(
        dir.path(),
        "count.json",
        &json!({"info": {"name": "count"}, "item": [{
            "name": "count",
            "event": [{"listen": "test", "script": {"exec": [
                "pm.environment.set('count', Number(pm.environment.get('count') || 0) + 1);"
            ]}}],
            "request": "{{base}}/count/{{count}}"
        }]}),
    );
    let env = env_file(dir.path(), &echo);
    run_ok(&["run", &collection, "-e", &env, "-n", "4"]);
    run_ok(&["run", &collection, "-e", &env, "-n", "4", "--shard", "1/2"]);
    let paths: Vec<String> = echo.received().iter().map(|r| r.path.clone()).collect();
    // Unsharded, iteration k sees what k-1 set; in a shard, each iteration
    // starts as it would in a process of its own, whatever N is.
    let unset = "/count/%7B%7Bcount%7D%7D";
    assert_eq!(
        paths,
        [unset, "/count/1", "/count/2", "/count/3", unset, unset]
    );
}
