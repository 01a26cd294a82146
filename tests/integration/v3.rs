//! Postman v3 collection directories (issue 14): the same collection as a
//! v2.1 file and as the v3 directory Postman's `collection migrate` writes
//! from it sends the same requests and reports the same assertions.

use crate::common::{Run, courier, fixture, normalize};
use crate::support::echo::{Echo, Received};

fn run(echo: &Echo, collection: &str) -> (Run, Vec<Received>) {
    let base = format!("base={}", echo.url());
    let run = courier(&["run", collection, "--env-var", base.as_str()]);
    (run, echo.received())
}

/// What identifies a request on the wire (the multipart boundary varies).
pub(crate) fn wire(r: &Received) -> String {
    let boundary = regex::Regex::new(r"-{2,}[0-9A-Za-z]{10,}").expect("regex");
    let mut headers: Vec<String> = r
        .headers
        .iter()
        .filter(|(k, _)| k != "postman-token" && k != "host")
        .map(|(k, v)| format!("{k}: {}", boundary.replace_all(v, "[boundary]")))
        .collect();
    headers.sort();
    let body = boundary.replace_all(&r.body, "[boundary]");
    format!(
        "{} {}?{}\n{}\n{body}",
        r.method,
        r.path,
        r.query,
        headers.join("\n")
    )
}

#[test]
fn issue14_v3_directory_sends_what_its_v21_source_sends() {
    let v2 = Echo::start();
    let (run2, got2) = run(&v2, &fixture("v3/shop.postman_collection.json"));
    let v3 = Echo::start();
    let (run3, got3) = run(&v3, &fixture("v3/shop"));
    assert_eq!(run2.code, 0, "{}\n{}", run2.stdout, run2.stderr);
    assert_eq!(run3.code, 0, "{}\n{}", run3.stdout, run3.stderr);
    assert_eq!(got3.len(), 5, "{got3:?}");
    let w2: Vec<String> = got2.iter().map(wire).collect();
    let w3: Vec<String> = got3.iter().map(wire).collect();
    assert_eq!(w3, w2);
    assert_eq!(normalize(&run3.stdout), normalize(&run2.stdout));
    // The parts the migration turned into YAML maps and strings.
    assert_eq!(got3[0].header("x-zip"), Some("0123"));
    assert_eq!(got3[0].header("x-flag"), Some("yes"));
    assert_eq!(got3[0].header("x-off"), None);
    assert_eq!(got3[0].query, "page=2&size=10");
    assert!(
        run3.stdout.contains("basic auth from folder"),
        "{}",
        run3.stdout
    );
}

#[test]
fn issue14_bad_yaml_and_other_kinds_are_reported_by_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join(".resources")).expect("mkdir");
    std::fs::write(
        dir.path().join(".resources/definition.yaml"),
        "$kind: collection\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("ws.request.yaml"),
        "$kind: websocket-request\nurl: 'ws://127.0.0.1:9'\n",
    )
    .expect("write");
    let echo = Echo::start();
    std::fs::write(
        dir.path().join("ok.request.yaml"),
        "$kind: http-request\nurl: '{{base}}/ok'\n",
    )
    .expect("write");
    let path = dir.path().to_string_lossy().into_owned();
    let (ran, got) = run(&echo, &path);
    assert_eq!(ran.code, 0, "{}\n{}", ran.stdout, ran.stderr);
    assert_eq!(got.len(), 1);
    assert!(
        ran.stderr.contains("ws.request.yaml") && ran.stderr.contains("websocket-request"),
        "{}",
        ran.stderr
    );

    std::fs::write(
        dir.path().join("bad.request.yaml"),
        "$kind: http-request\nheaders:\n  - key: a\n   value: b\n",
    )
    .expect("write");
    let bad = courier(&["run", &path]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("bad.request.yaml"), "{}", bad.stderr);
    assert!(
        regex::Regex::new(r"at line 4, column \d+")
            .expect("regex")
            .is_match(&bad.stderr),
        "{}",
        bad.stderr
    );
}

#[test]
fn issue14_yaml_environment_and_globals() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join(".resources")).expect("mkdir");
    std::fs::write(
        dir.path().join(".resources/definition.yaml"),
        "$kind: collection\nname: Env\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("r.request.yaml"),
        "$kind: http-request\nurl: '{{base}}/env?on={{on}}&off={{off}}&zip={{zip}}&gone={{gone}}&g={{g1}}'\n\
         scripts:\n  - type: afterResponse\n    code: |-\n      pm.test('environment named', () => pm.expect(pm.environment.name).to.eql('Staging'));\n      pm.test('secret resolves', () => pm.expect(pm.environment.get('pw')).to.eql('s3cret'));\n    language: text/javascript\n",
    )
    .expect("write");
    let echo = Echo::start();
    let base = format!("base={}", echo.url());
    let path = dir.path().to_string_lossy().into_owned();
    let env = fixture("v3/staging.environment.yaml");
    let globals = fixture("v3/team.globals.yaml");
    let ran = courier(&["run", &path, "-e", &env, "-g", &globals, "--env-var", &base]);
    assert_eq!(ran.code, 0, "{}\n{}", ran.stdout, ran.stderr);
    let got = echo.received();
    assert_eq!(
        got[0].query,
        "on=yes&off=hidden&zip=0123&gone={{gone}}&g=global%20one"
    );
}

#[test]
fn issue14_mock_answers_a_v3_directory_from_its_example_files() {
    let v2 = courier(&[
        "run",
        &fixture("v3/examples.postman_collection.json"),
        "--mock",
        "--env-var",
        "base=http://api.test",
    ]);
    let v3 = courier(&[
        "run",
        &fixture("v3/examples"),
        "--mock",
        "--env-var",
        "base=http://api.test",
    ]);
    assert_eq!(v3.code, 0, "{}\n{}", v3.stdout, v3.stderr);
    assert!(v3.stdout.contains("gone example answers"), "{}", v3.stdout);
    assert_eq!(normalize(&v3.stdout), normalize(&v2.stdout));
}
