//! The rest of issue 14: v3 URLs typed as text, what `courier convert`
//! carries over (URL auth, credentials, the single-value shapes of the
//! collection format), v2.0 → v2.1, multi-auth rules, `-e`/`-g` by name
//! and the errors on a field of the wrong shape.

use crate::common::{courier, fixture, normalize};
use crate::convert::{convert, round_trip_agrees, run_echo};

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
