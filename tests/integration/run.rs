//! `courier run` against the echo server: request building, captures,
//! iterations, flow options, exit codes (issue 2).

use serde_json::Value;

use crate::common::{courier, fixture, normalize};
use crate::support::echo::Echo;

fn base(echo: &Echo) -> String {
    format!("base={}", echo.url())
}

#[test]
fn requests_are_built_as_postman_builds_them() {
    let echo = Echo::start();
    let run = courier(&[
        "run",
        &fixture("requests.postman_collection.json"),
        "--env-var",
        &base(&echo),
        "--env-var",
        "userId=42",
        "--env-var",
        "trace.id=t-1",
        "--env-var",
        "name=Ann",
        "--env-var",
        "count=3",
        "--env-var",
        "user=alice",
        "--working-dir",
        &fixture(""),
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let got = echo.received();
    assert_eq!(got.len(), 6);

    let get = &got[0];
    assert_eq!(
        (get.method.as_str(), get.path.as_str()),
        ("GET", "/users/42")
    );
    // Postman's query encode set leaves braces alone (its path set does not).
    assert_eq!(get.query, "search=u%201&flag&missing={{undefinedVar}}");
    assert_eq!(get.header("x-trace"), Some("t-1"));
    assert_eq!(get.header("x-disabled"), None);
    assert_eq!(get.header("authorization"), Some("Bearer col-token"));

    let json = &got[1];
    assert_eq!(json.body, r#"{"name": "Ann", "n": 3}"#);
    assert_eq!(json.header("content-type"), Some("application/json"));
    // basic alice:s3cret from the folder
    assert_eq!(json.header("authorization"), Some("Basic YWxpY2U6czNjcmV0"));

    let form = &got[2];
    assert_eq!(
        form.body,
        "grant_type=client_credentials&scope=openid%20profile"
    );
    assert_eq!(form.query, "api_key=k-123");
    assert_eq!(
        form.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        form.header("authorization"),
        None,
        "own apikey auth replaces the folder's basic"
    );

    let upload = &got[3];
    assert!(
        upload
            .header("content-type")
            .unwrap_or("")
            .starts_with("multipart/form-data; boundary=")
    );
    assert!(upload.body.contains("hello Ann"));
    assert!(upload.body.contains("filename=\"upload.txt\""));
    assert!(upload.body.contains("file body contents"));
    assert_eq!(
        upload.header("authorization"),
        None,
        "noauth stops inheritance"
    );

    assert_eq!(got[4].method, "PUT");
    assert_eq!(got[4].body, "file body contents\n");
    insta::assert_snapshot!("requests_output", normalize(&run.stdout));
}

#[test]
fn graphql_body_is_json() {
    let echo = Echo::start();
    let run = courier(&[
        "run",
        &fixture("requests.postman_collection.json"),
        "--folder",
        "GraphQL",
        "--env-var",
        &base(&echo),
        "--env-var",
        "userId=7",
    ]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let got = echo.received();
    assert_eq!(got.len(), 1);
    let body: Value = serde_json::from_str(&got[0].body).expect("json body");
    assert_eq!(body["variables"]["id"], "7");
    assert!(
        body["query"]
            .as_str()
            .unwrap_or("")
            .starts_with("query ($id: ID!)")
    );
}

#[test]
fn version_2_0_shapes_run() {
    let echo = Echo::start();
    let run = courier(&[
        "run",
        &fixture("v20.postman_collection.json"),
        "--env-var",
        &base(&echo),
    ]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let got = echo.received();
    assert_eq!(got[0].method, "POST");
    assert_eq!(got[0].header("x-two"), Some("two"));
    assert_eq!(got[0].header("authorization"), Some("Basic b2xkOnN0eWxl"));
    assert_eq!(got[0].header("content-type"), Some("text/plain"));
    assert_eq!(
        (got[1].method.as_str(), got[1].path.as_str()),
        ("GET", "/bare")
    );
}

#[test]
fn captures_chain_values_into_url_header_and_body() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let env_out = dir.path().join("env.json");
    let run = courier(&[
        "run",
        &fixture("chain.postman_collection.json"),
        "--captures",
        &fixture("chain.captures.json"),
        "--env-var",
        &base(&echo),
        "--export-environment",
        env_out.to_str().expect("path"),
    ]);
    // `missing` matches nothing: one failed assertion, exit 1.
    assert_eq!(run.code, 1, "{}", run.stdout);
    let got = echo.received();
    let created_id = got[0].path.trim_start_matches("/json/").to_owned();
    assert_eq!(got[1].path, format!("/things/{created_id}"));
    assert_eq!(
        got[1].header("authorization"),
        Some(format!("Bearer tok-{created_id}").as_str())
    );
    assert_eq!(
        got[1].body,
        format!(r#"{{"thing": "{created_id}", "second": "2"}}"#)
    );
    assert_eq!(got.len(), 3, "redirect not followed");

    let env: Value =
        serde_json::from_str(&std::fs::read_to_string(&env_out).expect("export")).expect("json");
    let value = |k: &str| {
        env["values"]
            .as_array()
            .and_then(|v| v.iter().find(|e| e["key"] == k))
            .map(|e| e["value"].clone())
    };
    assert_eq!(value("authCode"), Some(Value::from("c0de42")));
    assert_eq!(value("thingId"), Some(Value::from(created_id.as_str())));
    assert_eq!(
        value("second"),
        None,
        "scope collection is not exported with the environment"
    );
    assert!(
        run.stdout
            .contains("the response body is empty, so $.nothing cannot apply"),
        "{}",
        run.stdout
    );
    // The created id is a `{{$randomInt}}`.
    let stable = regex::Regex::new(r"/(json|things)/\d+")
        .expect("pattern")
        .replace_all(&normalize(&run.stdout), "/$1/[n]")
        .into_owned();
    insta::assert_snapshot!("chain_output", stable);
}

#[test]
fn iteration_data_csv_and_json() {
    for (file, names) in [
        ("data.csv", ["alice", "bob, jr"]),
        ("data.json", ["json-a", "json-b"]),
    ] {
        let echo = Echo::start();
        let run = courier(&[
            "run",
            &fixture("requests.postman_collection.json"),
            "--folder",
            "Raw JSON inherits folder auth",
            "-d",
            &fixture(file),
            "--env-var",
            &base(&echo),
        ]);
        assert_eq!(run.code, 0, "{}", run.stdout);
        let bodies: Vec<String> = echo.received().into_iter().map(|r| r.body).collect();
        assert_eq!(bodies.len(), 2, "{file}");
        for (body, name) in bodies.iter().zip(names) {
            assert!(
                body.contains(&format!("\"name\": \"{name}\"")),
                "{file}: {body}"
            );
        }
        assert!(run.stdout.contains("Iteration 2/2"));
    }
}

#[test]
fn iteration_count_reuses_the_last_data_row() {
    let echo = Echo::start();
    let run = courier(&[
        "run",
        &fixture("requests.postman_collection.json"),
        "--folder",
        "Raw JSON inherits folder auth",
        "-d",
        &fixture("data.csv"),
        "-n",
        "3",
        "--env-var",
        &base(&echo),
    ]);
    assert_eq!(run.code, 0);
    let bodies: Vec<String> = echo.received().into_iter().map(|r| r.body).collect();
    assert_eq!(bodies.len(), 3);
    assert!(bodies[2].contains("bob, jr"));
}

#[test]
fn network_failure_fails_the_request_and_the_run_goes_on() {
    let echo = Echo::start();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead = format!("http://{}", closed.local_addr().expect("addr"));
    drop(closed);
    let dir = tempfile::tempdir().expect("tempdir");
    let collection = dir.path().join("c.json");
    std::fs::write(
        &collection,
        format!(
            r#"{{"info": {{"name": "net"}}, "item": [
                {{"name": "dead", "request": "{dead}/x"}},
                {{"name": "alive", "request": "{}/y"}}]}}"#,
            echo.url()
        ),
    )
    .expect("write");
    let run = courier(&["run", collection.to_str().expect("path")]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("connection failed"), "{}", run.stdout);
    assert_eq!(echo.received().len(), 1, "the next item still ran");
}

#[test]
fn bail_stops_at_the_first_failure() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let collection = dir.path().join("c.json");
    std::fs::write(
        &collection,
        r#"{"info": {"name": "bail"}, "item": [
            {"name": "one", "request": "{{base}}/json/1"},
            {"name": "two", "request": "{{base}}/json/2"}]}"#,
    )
    .expect("write");
    let captures = dir.path().join("cap.json");
    std::fs::write(&captures, r#"{"one": {"x": {"jsonpath": "$.nope"}}}"#).expect("write");
    let args = |bail: bool| {
        let mut a = vec![
            "run".to_owned(),
            collection.to_string_lossy().into_owned(),
            "--captures".into(),
            captures.to_string_lossy().into_owned(),
            "--env-var".into(),
            base(&echo),
        ];
        if bail {
            a.push("--bail".into());
        }
        a
    };
    let run = courier(&args(true).iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run.code, 1);
    assert_eq!(echo.received().len(), 1);
    assert!(run.stdout.contains("(--bail)"), "{}", run.stdout);
    let run = courier(&args(false).iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run.code, 1);
    assert_eq!(echo.received().len(), 3);
}

#[test]
fn suppress_exit_code_exits_zero() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead = format!("base=http://{}", closed.local_addr().expect("addr"));
    drop(closed);
    let run = courier(&[
        "run",
        &fixture("v20.postman_collection.json"),
        "--env-var",
        &dead,
        "-x",
    ]);
    assert_eq!(run.code, 0);
}
