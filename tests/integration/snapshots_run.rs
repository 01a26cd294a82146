//! `courier run --snapshots`: write, compare, update, redact (issue 6),
//! against an API that answers with fresh ids, tokens and timestamps.

use std::path::{Path, PathBuf};

use crate::common::fixture;
use crate::snapshots_server::{
    VolatileApi, courier_with, install_pingone_defaults, run_demo, run_demo_env,
};

/// Every file under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(base, &path, out);
            } else if let Ok(rel) = path.strip_prefix(base) {
                out.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The text of a file under the demo collection's snapshot folder.
pub fn snap(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(demo(dir).join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// `dir/Snapshot demo`.
pub fn demo(dir: &Path) -> PathBuf {
    dir.join("Snapshot demo")
}

/// Snapshot text with the server's port made stable.
pub fn stable(text: &str) -> String {
    regex::Regex::new(r"127\.0\.0\.1:\d+")
        .expect("pattern")
        .replace_all(text, "127.0.0.1:[port]")
        .into_owned()
}

#[test]
fn first_run_writes_every_snapshot_and_reports_it_as_new() {
    let api = VolatileApi::start();
    let dir = tempfile::tempdir().unwrap();
    install_pingone_defaults(dir.path());
    let run = run_demo(&api, dir.path(), &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout.matches("✓  snapshot (new)").count(),
        6,
        "{}",
        run.stdout
    );
    assert_eq!(
        files(dir.path()),
        [
            "Snapshot demo/Auth/Authorize.snap",
            "Snapshot demo/Auth/Token.snap",
            "Snapshot demo/Health.snap",
            "Snapshot demo/Logo.snap",
            "Snapshot demo/Users/Create user.snap",
            "Snapshot demo/Users/Get user.snap",
            "courier.snapshots.json",
        ]
    );
    insta::assert_snapshot!(
        "create_user_snap",
        stable(&snap(dir.path(), "Users/Create user.snap"))
    );
    insta::assert_snapshot!(
        "authorize_snap",
        stable(&snap(dir.path(), "Auth/Authorize.snap"))
    );
    insta::assert_snapshot!("token_snap", snap(dir.path(), "Auth/Token.snap"));
    let logo = snap(dir.path(), "Logo.snap");
    assert!(
        logo.contains("\n[binary body: 12 bytes, sha256 218ad85a233eff829618a6865ab681222b734c62d35a32b3eabd5c37d8945f86]\n"),
        "{logo}"
    );
    assert!(
        snap(dir.path(), "Health.snap")
            .ends_with("---\nHTTP 200 OK\ncontent-type: text/plain; charset=utf-8\n\nok\n")
    );
}

#[test]
fn issue_6_second_run_is_green_although_ids_and_tokens_are_fresh() {
    let api = VolatileApi::start();
    let dir = tempfile::tempdir().unwrap();
    install_pingone_defaults(dir.path());
    let first = run_demo(&api, dir.path(), &[]);
    assert_eq!(first.code, 0, "{}", first.stdout);
    let before: Vec<String> = files(dir.path())
        .iter()
        .map(|f| std::fs::read_to_string(dir.path().join(f)).unwrap())
        .collect();
    let second = run_demo(&api, dir.path(), &[]);
    assert_eq!(second.code, 0, "{}{}", second.stdout, second.stderr);
    assert_eq!(
        second.stdout.matches("✓  snapshot\n").count(),
        6,
        "{}",
        second.stdout
    );
    let after: Vec<String> = files(dir.path())
        .iter()
        .map(|f| std::fs::read_to_string(dir.path().join(f)).unwrap())
        .collect();
    assert_eq!(before, after, "a green run rewrites nothing");
}

#[test]
fn without_redactions_the_fresh_values_fail_the_second_run() {
    let api = VolatileApi::start();
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run_demo(&api, dir.path(), &[]).code, 0);
    let second = run_demo(&api, dir.path(), &[]);
    assert_eq!(second.code, 1, "{}", second.stdout);
    assert!(second.stdout.contains("-  \"id\": \""), "{}", second.stdout);
}

#[test]
fn issue_6_changed_response_shape_fails_with_a_diff_and_a_pending_snapshot() {
    let api = VolatileApi::start();
    let dir = tempfile::tempdir().unwrap();
    install_pingone_defaults(dir.path());
    assert_eq!(run_demo(&api, dir.path(), &[]).code, 0);
    let accepted = snap(dir.path(), "Users/Create user.snap");
    api.set_renamed(true);
    let run = run_demo(&api, dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("✗ 1. snapshot"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("the response differs from the snapshot"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("-  \"name\": \"Ada Lovelace\","),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("+  \"displayName\": \"Ada Lovelace\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("courier snapshots review"),
        "{}",
        run.stdout
    );
    assert_eq!(
        snap(dir.path(), "Users/Create user.snap"),
        accepted,
        "kept as it was"
    );
    let pending: Vec<String> = files(dir.path())
        .into_iter()
        .filter(|f| f.ends_with(".snap.new"))
        .collect();
    assert_eq!(
        pending,
        [
            "Snapshot demo/Users/Create user.snap.new",
            "Snapshot demo/Users/Get user.snap.new"
        ]
    );
    assert!(snap(dir.path(), "Users/Create user.snap.new").contains("\"displayName\""));

    // Back to the old shape: green again, and the stale pending files go.
    api.set_renamed(false);
    let run = run_demo(&api, dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(!files(dir.path()).iter().any(|f| f.ends_with(".snap.new")));
}

#[test]
fn update_snapshots_flag_and_environment_variable_accept_changes() {
    let api = VolatileApi::start();
    let dir = tempfile::tempdir().unwrap();
    install_pingone_defaults(dir.path());
    assert_eq!(run_demo(&api, dir.path(), &[]).code, 0);
    api.set_renamed(true);
    assert_eq!(run_demo(&api, dir.path(), &[]).code, 1);

    let run = run_demo(&api, dir.path(), &["--update-snapshots"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout.matches("✓  snapshot (updated)").count(),
        2,
        "{}",
        run.stdout
    );
    assert!(snap(dir.path(), "Users/Get user.snap").contains("\"displayName\""));
    assert!(!files(dir.path()).iter().any(|f| f.ends_with(".snap.new")));
    assert_eq!(run_demo(&api, dir.path(), &[]).code, 0);

    api.set_renamed(false);
    let off = run_demo_env(&api, dir.path(), &[], &[("COURIER_UPDATE_SNAPSHOTS", "0")]);
    assert_eq!(off.code, 1, "COURIER_UPDATE_SNAPSHOTS=0 updates nothing");
    let on = run_demo_env(&api, dir.path(), &[], &[("COURIER_UPDATE_SNAPSHOTS", "1")]);
    assert_eq!(on.code, 0, "{}", on.stdout);
    assert!(on.stdout.contains("✓  snapshot (updated)"), "{}", on.stdout);
    assert!(snap(dir.path(), "Users/Get user.snap").contains("\"name\""));
}

#[test]
fn redact_header_and_sort_flags_work_without_a_configuration_file() {
    let api = VolatileApi::start();
    let dir = tempfile::tempdir().unwrap();
    let flags = [
        "--snapshot-redact",
        "$..id",
        "--snapshot-redact",
        "$..['createdAt','updatedAt']",
        "--snapshot-redact",
        "set-cookie",
        "--snapshot-redact",
        "Location?",
        "--snapshot-header",
        "Location",
        "--snapshot-header",
        "Set-Cookie",
        "--snapshot-sort-keys",
    ];
    let run = run_demo(&api, dir.path(), &flags);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    insta::assert_snapshot!(
        "create_user_sorted_snap",
        stable(&snap(dir.path(), "Users/Create user.snap"))
    );
    let authorize = stable(&snap(dir.path(), "Auth/Authorize.snap"));
    assert!(
        authorize.ends_with(
            "---\nHTTP 302 Found\nlocation: http://127.0.0.1:[port]/callback?code=[code]&state=[state]\n\
             set-cookie: ST=[ST]; Path=/; Expires=[expires]; HttpOnly\n"
        ),
        "{authorize}"
    );
}

#[test]
fn iterations_get_their_own_snapshots() {
    let api = VolatileApi::start();
    let dir = tempfile::tempdir().unwrap();
    install_pingone_defaults(dir.path());
    let run = run_demo(&api, dir.path(), &["-n", "2", "--folder", "Users"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        files(dir.path()),
        [
            "Snapshot demo/Users/Create user.1.snap",
            "Snapshot demo/Users/Create user.2.snap",
            "Snapshot demo/Users/Get user.1.snap",
            "Snapshot demo/Users/Get user.2.snap",
            "courier.snapshots.json",
        ]
    );
    assert!(snap(dir.path(), "Users/Get user.2.snap").contains("  iteration: \"2\"\n"));
}

#[test]
fn secret_variables_never_reach_a_snapshot() {
    let api = VolatileApi::start();
    let dir = tempfile::tempdir().unwrap();
    let env = fixture("snapshot.secret.postman_environment.json");
    let run = run_demo(&api, dir.path(), &["-e", &env, "--folder", "Users"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let created = snap(dir.path(), "Users/Create user.snap");
    assert!(created.contains("\"name\": \"[secret]\""), "{created}");
    assert!(!created.contains("Ada"), "{created}");
}

#[test]
fn bad_snapshot_options_stop_the_run_before_it_starts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_string_lossy().into_owned();
    let collection = fixture("snapshot.postman_collection.json");
    let run = courier_with(
        &[
            "run",
            &collection,
            "--snapshots",
            &d,
            "--snapshot-redact",
            "$..[",
        ],
        &[],
        "",
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("invalid snapshot redaction `$..[`"),
        "{}",
        run.stderr
    );

    std::fs::write(
        dir.path().join("courier.snapshots.json"),
        r#"{"redactions": {"body": ["$..id"], "header": ["Set-Cookie"]}}"#,
    )
    .unwrap();
    let run = courier_with(&["run", &collection, "--snapshots", &d], &[], "");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("courier.snapshots.json: at redactions.header: unknown field `header`"),
        "{}",
        run.stderr
    );

    let file = dir.path().join("courier.snapshots.json");
    let file = file.to_string_lossy();
    let run = courier_with(&["run", &collection, "--snapshots", &file], &[], "");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .ends_with("courier.snapshots.json is not a directory\n"),
        "{}",
        run.stderr
    );

    let run = courier_with(&["run", &collection, "--snapshot-sort-keys"], &[], "");
    assert_eq!(run.code, 2, "--snapshot-* options need --snapshots");
    assert!(run.stderr.contains("--snapshots <DIR>"), "{}", run.stderr);
}
