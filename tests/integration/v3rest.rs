//! The rest of issue 14: v3 URLs typed as text, what `courier convert`
//! carries over (URL auth, credentials, the single-value shapes of the
//! collection format), v2.0 → v2.1, multi-auth rules, `-e`/`-g` by name
//! and the errors on a field of the wrong shape.

use crate::common::{courier, fixture, normalize};
use crate::convert::{convert, round_trip_agrees, run_echo};
use crate::support::echo::{Echo, Received};
use crate::v3::wire;

#[test]
fn issue14_v3_url_text_is_split_after_its_variables_resolve() {
    let (run3, got3) = run_echo(&fixture("v3/query-text"), &[]);
    let (run2, got2) = run_echo(&fixture("v3/query-text.postman_collection.json"), &[]);
    assert_eq!(run3.code, 0, "{}\n{}", run3.stdout, run3.stderr);
    assert_eq!(got3, got2);
    assert!(
        got3[0].starts_with("GET /x?page=2&size=10\n"),
        "{}",
        got3[0]
    );
    assert_eq!(normalize(&run3.stdout), normalize(&run2.stdout));
    round_trip_agrees("v3/query-text.postman_collection.json", &[]);
}

#[test]
fn issue14_convert_v20_to_v21_sends_the_same_requests() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = fixture("v20.postman_collection.json");
    let out = dir.path().join("v21.postman_collection.json");
    convert(&original, "v2.1", &out);
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("json");
    assert!(
        written["info"]["schema"]
            .as_str()
            .is_some_and(|s| s.contains("v2.1.0")),
        "{written}"
    );
    assert_eq!(
        written["item"][0]["request"]["auth"]["basic"][0],
        serde_json::json!({"key": "username", "value": "old", "type": "string"})
    );
    let (run0, got0) = run_echo(&original, &[]);
    let (run1, got1) = run_echo(&out.to_string_lossy(), &[]);
    assert_eq!(run1.code, run0.code, "{}\n{}", run1.stdout, run1.stderr);
    assert!(!got0.is_empty());
    assert!(got0[0].contains("authorization: Basic"), "{}", got0[0]);
    assert_eq!(got1, got0);
    // Converting the result again is refused: it is v2.1 already.
    let again = courier(&[
        "convert",
        &out.to_string_lossy(),
        "--to",
        "v2.1",
        "-o",
        &dir.path().join("x.json").to_string_lossy(),
    ]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(again.stderr.contains("already a v2.1"), "{}", again.stderr);
}

#[test]
fn issue14_convert_to_v3_carries_url_auth_credentials_and_single_value_shapes() {
    for name in [
        // url.auth as user info; user only, password only, a header winning.
        "wild/url-credentials-and-query.postman_collection.json",
        // `item`, `event`, `variable` as one object; a script as a string
        // and as lines; headers as text and as a map; `query` as text and
        // as a map.
        "wild/single-object-shapes.postman_collection.json",
        // Request, folder and collection auth of every scheme, with their
        // credentials (typed values, signing parameters).
        "wild/auth-edge-cases.postman_collection.json",
        "wild/jwt-asap.postman_collection.json",
    ] {
        round_trip_agrees(name, &[]);
    }
    // Signatures cover the host and port: the original and its v3
    // directory run against one server.
    for name in [
        "wild/auth-signing.postman_collection.json",
        "wild/digest-auth.postman_collection.json",
    ] {
        one_server_agrees(name);
    }
}

/// `name` and its v3 directory send the same requests to one echo server
/// and print the same report.
fn one_server_agrees(name: &str) {
    let echo = Echo::start();
    let base = format!("base={}", echo.url());
    let original = fixture(name);
    let dir = tempfile::tempdir().expect("tempdir");
    let v3 = dir.path().join("v3");
    convert(&original, "v3", &v3);
    // A digest's client nonce (and so its response) is random on each run.
    let cnonce = regex::Regex::new(r#"(cnonce|response)="[^"]*""#).expect("regex");
    let sent = |r: &Received| cnonce.replace_all(&wire(r), "$1=…").into_owned();
    let run1 = courier(&["run", &original, "--env-var", &base]);
    let sent1: Vec<String> = echo.received().iter().map(sent).collect();
    let run3 = courier(&["run", &v3.to_string_lossy(), "--env-var", &base]);
    let all = echo.received();
    let sent3: Vec<String> = all.iter().skip(sent1.len()).map(sent).collect();
    assert!(!sent1.is_empty(), "{name}");
    assert_eq!(sent3, sent1, "{name}");
    assert_eq!(normalize(&run3.stdout), normalize(&run1.stdout), "{name}");
}

#[test]
fn issue14_environment_and_globals_by_name_through_resources_yaml() {
    let repo = tempfile::tempdir().expect("tempdir");
    let root = repo.path();
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    std::fs::create_dir(root.join(".git")).expect("git");
    write(".postman/resources.yaml", "workspace:\n  id: w\n");
    write(
        "postman/collections/c/.resources/definition.yaml",
        "$kind: collection\nname: C\n",
    );
    write(
        "postman/collections/c/r.request.yaml",
        "$kind: http-request\nurl: '{{base}}/env?e={{e}}&g={{g}}'\n",
    );
    write(
        "postman/environments/staging.environment.yaml",
        "name: Staging\nvalues:\n  - key: e\n    value: from-env\n",
    );
    write(
        "postman/globals/workspace.globals.yaml",
        "name: Team\nvalues:\n  - key: g\n    value: from-globals\n",
    );
    let echo = Echo::start();
    let base = format!("base={}", echo.url());
    let args = [
        "run",
        "C",
        "-e",
        "Staging",
        "-g",
        "Team",
        "--env-var",
        &base,
    ];
    let run = crate::common::courier_in(&root.join("postman"), &args);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(echo.received()[0].query, "e=from-env&g=from-globals");
    // An unknown name lists the known ones, exit 2.
    let run = crate::common::courier_in(root, &["run", "C", "-e", "Prod"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("environment \"Prod\" is no file")
            && run
                .stderr
                .contains("the environments there are `Staging`, `Team`"),
        "{}",
        run.stderr
    );
}

#[test]
fn issue14_multi_auth_rules_as_the_postman_cli_applies_them() {
    let (run, sent) = run_echo(&fixture("v3/multi-auth-rules"), &[]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(sent.len(), 3);
    assert!(
        sent[0].contains("authorization: Bearer from-collection"),
        "{}",
        sent[0]
    );
    assert!(sent[1].contains("authorization: Bearer folder-last"));
    assert!(sent[2].contains("authorization: Bearer folder-last"));
    assert!(
        run.stderr
            .contains("With rules/.resources/definition.yaml: multi-auth `rules`"),
        "{}",
        run.stderr
    );
}
