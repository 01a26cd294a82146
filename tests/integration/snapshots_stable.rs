//! Snapshots that stay stable without configuration (issue 16): values
//! courier generated itself are hidden where a response echoes them, and
//! snapshots of requests the collection no longer has are listed and pruned.

use std::path::Path;

use serde_json::{Value, json};

use crate::common::{Run, courier};
use crate::support::echo::Echo;

/// Requests to the echo server (the one `examples/echo_server.rs` serves)
/// full of dynamic variables, a script's `replaceIn` result carried to the
/// next request, and the Postman-Token every request has.
fn echo_collection(base: &str) -> Value {
    json!({
        "info": {"name": "Echo", "schema": ""},
        "variable": [{"key": "base", "value": base}],
        "item": [
            {
                "name": "Create",
                "event": [{"listen": "prerequest", "script": {"exec": [
                    "pm.collectionVariables.set('order', pm.variables.replaceIn('{{$randomUUID}}'));"
                ]}}],
                "request": {
                    "method": "POST",
                    "url": "{{base}}/things/{{$guid}}?ts={{$timestamp}}",
                    "header": [
                        {"key": "X-N", "value": "{{$randomInt}}"},
                        {"key": "X-When", "value": "{{$isoTimestamp}}"},
                        {"key": "Content-Type", "value": "application/json"}
                    ],
                    "body": {"mode": "raw", "raw": "{\"id\": \"{{$guid}}\", \"at\": {{$timestamp}}, \"when\": \"{{$isoTimestamp}}\"}"}
                }
            },
            {
                "name": "Read",
                "request": {"method": "GET", "url": "{{base}}/orders/{{order}}"}
            }
        ]
    })
}

fn write(dir: &Path, collection: &Value) -> String {
    let path = dir.join("echo.postman_collection.json");
    std::fs::write(
        &path,
        serde_json::to_string_pretty(collection).expect("json"),
    )
    .expect("write collection");
    path.to_string_lossy().into_owned()
}

fn run_with_snapshots(collection: &str, snaps: &Path) -> Run {
    courier(&["run", collection, "--snapshots", &snaps.to_string_lossy()])
}

#[test]
fn issue16_an_echo_api_is_stable_on_its_second_run_without_rules() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let snaps = dir.path().join("snaps");
    let collection = write(dir.path(), &echo_collection(&echo.url()));

    let first = run_with_snapshots(&collection, &snaps);
    assert_eq!(first.code, 0, "{}{}", first.stdout, first.stderr);
    assert_eq!(
        first.stdout.matches("snapshot (new)").count(),
        2,
        "{}",
        first.stdout
    );
    let second = run_with_snapshots(&collection, &snaps);
    assert_eq!(second.code, 0, "{}{}", second.stdout, second.stderr);
    assert_eq!(
        second.stdout.matches("✓  snapshot\n").count(),
        2,
        "{}",
        second.stdout
    );

    let create = std::fs::read_to_string(snaps.join("Echo/Create.snap")).expect("snapshot");
    for placeholder in [
        "\"postman-token\": \"[postman-token]\"",
        "\"path\": \"/things/[$guid]\"",
        "\"query\": \"ts=[$timestamp]\"",
        "\"x-n\": \"[$randomInt]\"",
        "\"x-when\": \"[$isoTimestamp]\"",
        "\"id\": \"[$guid]\"",
        "\"at\": \"[$timestamp]\"",
    ] {
        assert!(create.contains(placeholder), "{placeholder} in\n{create}");
    }
    // The raw body echoed as text: its long generated values are hidden
    // inside it (a `$randomInt` would not be: too short to tell apart from
    // other digits, so this body has none).
    assert!(
        create.contains("\\\"when\\\": \\\"[$isoTimestamp]\\\""),
        "{create}"
    );
    // The replaceIn result of one item is recognised in the next one.
    let read = std::fs::read_to_string(snaps.join("Echo/Read.snap")).expect("snapshot");
    assert!(
        read.contains("\"path\": \"/orders/[$randomUUID]\""),
        "{read}"
    );
    assert!(
        read.contains("\"postman-token\": \"[postman-token]\""),
        "{read}"
    );
}

#[test]
fn issue16_snapshots_of_removed_requests_are_listed_then_pruned() {
    let echo = Echo::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let snaps = dir.path().join("snaps");
    let snaps_arg = snaps.to_string_lossy().into_owned();
    let mut collection = echo_collection(&echo.url());
    let path = write(dir.path(), &collection);
    let first = run_with_snapshots(&path, &snaps);
    assert_eq!(first.code, 0, "{}{}", first.stdout, first.stderr);
    assert!(
        !first.stdout.contains("no longer in the collection"),
        "{}",
        first.stdout
    );

    // "Read" is renamed: its old snapshot belongs to no request now.
    collection["item"][1]["name"] = json!("Read back");
    write(dir.path(), &collection);
    let second = run_with_snapshots(&path, &snaps);
    assert_eq!(second.code, 0, "{}{}", second.stdout, second.stderr);
    let line = second
        .stdout
        .lines()
        .find(|l| l.contains("no longer in the collection"))
        .unwrap_or_else(|| panic!("no stale line in\n{}", second.stdout));
    assert!(line.starts_with("1 snapshot(s)"), "{line}");
    assert!(line.contains("Echo/Read.snap"), "{line}");
    assert!(line.contains("courier snapshots prune"), "{line}");
    assert!(snaps.join("Echo/Read.snap").exists());

    // prune needs to know the collection.
    let bare = courier(&["snapshots", "prune", &snaps_arg]);
    assert_eq!(bare.code, 2, "{}{}", bare.stdout, bare.stderr);
    assert!(bare.stderr.contains("--collection FILE"), "{}", bare.stderr);

    let pruned = courier(&["snapshots", "prune", &snaps_arg, "--collection", &path]);
    assert_eq!(pruned.code, 0, "{}{}", pruned.stdout, pruned.stderr);
    assert!(pruned.stdout.contains("Read.snap"), "{}", pruned.stdout);
    assert!(!snaps.join("Echo/Read.snap").exists());
    assert!(snaps.join("Echo/Read back.snap").exists());
    assert!(snaps.join("Echo/Create.snap").exists());

    let third = run_with_snapshots(&path, &snaps);
    assert_eq!(third.code, 0, "{}{}", third.stdout, third.stderr);
    assert!(
        !third.stdout.contains("no longer in the collection"),
        "{}",
        third.stdout
    );
    assert_eq!(
        third.stdout.matches("✓  snapshot\n").count(),
        2,
        "{}",
        third.stdout
    );
}
