//! `courier convert` (issue 14): a v2.1 collection converted to a v3
//! directory, and that directory converted back to v2.1, send exactly the
//! requests the original sends and report the same assertions; errors
//! (unknown `--to`, unreadable source, existing destination) exit 2.

use std::path::Path;

use crate::common::{Run, courier, fixture, normalize};
use crate::support::echo::Echo;
use crate::v3::wire;

fn text(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Converts `src` to `to` at `dest`, which must succeed.
pub(crate) fn convert(src: &str, to: &str, dest: &Path) {
    let run = courier(&["convert", src, "--to", to, "-o", &text(dest)]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
}

/// Runs `collection` against a fresh echo server.
pub(crate) fn run_echo(collection: &str, extra: &[&str]) -> (Run, Vec<String>) {
    let echo = Echo::start();
    let base = format!("base={}", echo.url());
    let mut argv = vec!["run", collection, "--env-var", base.as_str()];
    argv.extend_from_slice(extra);
    let run = courier(&argv);
    let got = echo.received().iter().map(wire).collect();
    (run, got)
}

/// The original, its v3 directory and that directory back as v2.1 send
/// the same requests and print the same report.
pub(crate) fn round_trip_agrees(name: &str, extra: &[&str]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = fixture(name);
    let v3 = dir.path().join("v3");
    let back = dir.path().join("back.postman_collection.json");
    convert(&original, "v3", &v3);
    convert(&text(&v3), "v2.1", &back);
    let (run1, got1) = run_echo(&original, extra);
    let (run3, got3) = run_echo(&text(&v3), extra);
    let (run2, got2) = run_echo(&text(&back), extra);
    assert!(!got1.is_empty(), "{name}: nothing was sent");
    assert_eq!(got3, got1, "{name}: the v3 directory sends other requests");
    assert_eq!(
        got2, got1,
        "{name}: the converted-back file sends other requests"
    );
    let out1 = normalize(&run1.stdout);
    assert_eq!(
        normalize(&run3.stdout),
        out1,
        "{name} (v3)\n{}",
        run3.stderr
    );
    assert_eq!(
        normalize(&run2.stdout),
        out1,
        "{name} (back)\n{}",
        run2.stderr
    );
    assert_eq!((run3.code, run2.code), (run1.code, run1.code), "{name}");
}

#[test]
fn issue14_convert_round_trip_sends_the_same_requests_shop() {
    round_trip_agrees("v3/shop.postman_collection.json", &[]);
}

#[test]
fn issue14_convert_round_trip_script_fixtures() {
    for name in [
        "scripts/flow.postman_collection.json",
        "scripts/scopes.postman_collection.json",
        "scripts/request-mutation.postman_collection.json",
        "scripts/response.postman_collection.json",
        "scripts/execution-location.postman_collection.json",
        "wild/typed-values.postman_collection.json",
        "wild/raw-and-graphql-bodies.postman_collection.json",
        "wild/variable-without-value.postman_collection.json",
    ] {
        round_trip_agrees(name, &[]);
    }
    let env = fixture("scripts/pm-members.postman_environment.json");
    round_trip_agrees(
        "scripts/pm-members.postman_collection.json",
        &["-e", env.as_str()],
    );
}

/// The original, its v3 directory and that directory back as v2.1 print
/// the same report when `--mock` answers from their saved examples.
fn mock_round_trip_agrees(original: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let v3 = dir.path().join("v3");
    let back = dir.path().join("back.json");
    convert(original, "v3", &v3);
    convert(&text(&v3), "v2.1", &back);
    let run = |c: &str| courier(&["run", c, "--mock"]);
    let run1 = run(original);
    assert_eq!(run1.code, 0, "{}\n{}", run1.stdout, run1.stderr);
    let out1 = normalize(&run1.stdout);
    for converted in [text(&v3), text(&back)] {
        let r = run(&converted);
        assert_eq!(r.code, 0, "{converted}\n{}\n{}", r.stdout, r.stderr);
        assert_eq!(normalize(&r.stdout), out1, "{converted}");
    }
}

#[test]
fn issue14_convert_round_trip_pingone_with_mock() {
    mock_round_trip_agrees(&format!(
        "{}/collections/pingone-offline-access.postman_collection.json",
        env!("CARGO_MANIFEST_DIR")
    ));
}

#[test]
fn issue14_convert_round_trip_keeps_saved_examples_for_mock() {
    mock_round_trip_agrees(&fixture("v3/examples.postman_collection.json"));
}

#[test]
fn issue14_convert_environments_both_ways() {
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = dir.path().join("staging.environment.yaml");
    let json = dir.path().join("staging.postman_environment.json");
    convert(&fixture("v3/staging.environment.yaml"), "v2.1", &json);
    convert(&text(&json), "v3", &yaml);
    for env in [
        fixture("v3/staging.environment.yaml"),
        text(&json),
        text(&yaml),
    ] {
        let (run, got) = run_echo(&fixture("v3/shop"), &["-e", env.as_str()]);
        assert_eq!(run.code, 0, "{env}\n{}\n{}", run.stdout, run.stderr);
        assert_eq!(got.len(), 5, "{env}");
    }
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("read")).expect("json");
    assert_eq!(written["_postman_variable_scope"], "environment");
}

#[test]
fn issue14_convert_errors_exit_2_and_say_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = fixture("v3/shop.postman_collection.json");
    let dest = dir.path().join("out");
    let bad = courier(&["convert", &src, "--to", "v4", "-o", &text(&dest)]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("v2.1, v3"), "{}", bad.stderr);
    let missing = dir.path().join("missing.json");
    let unread = courier(&["convert", &text(&missing), "--to", "v3", "-o", &text(&dest)]);
    assert_eq!(unread.code, 2);
    assert!(unread.stderr.contains("missing.json"), "{}", unread.stderr);
    std::fs::create_dir(&dest).expect("mkdir");
    std::fs::write(dest.join("keep.txt"), "mine").expect("write");
    let exists = courier(&["convert", &src, "--to", "v3", "-o", &text(&dest)]);
    assert_eq!(exists.code, 2);
    assert!(exists.stderr.contains("--force"), "{}", exists.stderr);
    assert!(
        dest.join("keep.txt").is_file(),
        "left alone without --force"
    );
    let forced = courier(&["convert", &src, "--to", "v3", "-o", &text(&dest), "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(!dest.join("keep.txt").exists());
    assert!(dest.join(".resources/definition.yaml").is_file());
    let again = courier(&[
        "convert",
        &text(&dest),
        "--to",
        "v3",
        "-o",
        &text(&dir.path().join("x")),
    ]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("--to v2.1"), "{}", again.stderr);
}

#[test]
fn issue14_convert_v1_to_v21_and_v3_sends_the_same_requests() {
    let name = "wild/collection-v1.postman_collection.json";
    round_trip_agrees(name, &[]);
    let dir = tempfile::tempdir().expect("tempdir");
    let v21 = dir.path().join("v21.json");
    convert(&fixture(name), "v2.1", &v21);
    let (run1, got1) = run_echo(&fixture(name), &[]);
    let (run2, got2) = run_echo(&text(&v21), &[]);
    assert_eq!(got2, got1);
    assert_eq!(normalize(&run2.stdout), normalize(&run1.stdout));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&v21).expect("read")).expect("json");
    assert!(written["item"].is_array(), "{written}");
}
