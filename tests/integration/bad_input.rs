//! Bad input stops the run before anything is sent: exit 2 and a message
//! that names the file, the position and what to fix (issue 2, point 6).

use crate::common::{courier, fixture};

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write fixture");
    path.to_string_lossy().into_owned()
}

fn assert_cannot_start(args: &[&str], needles: &[&str]) {
    let run = courier(args);
    assert_eq!(
        run.code, 2,
        "args {args:?}\nstdout {}\nstderr {}",
        run.stdout, run.stderr
    );
    assert!(run.stdout.is_empty(), "nothing runs: {}", run.stdout);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for n in needles {
        assert!(run.stderr.contains(n), "missing {n:?} in:\n{}", run.stderr);
    }
}

#[test]
fn malformed_json_names_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = write(
        &dir,
        "broken.json",
        "{\n  \"info\": {\"name\": \"x\"},\n  \"item\": [\n    {\"name\": \"a\",}\n  ]\n}\n",
    );
    assert_cannot_start(
        &["run", &c],
        &["broken.json", "not valid JSON", "line 4", "column"],
    );
}

#[test]
fn json_that_is_not_a_collection_names_the_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = write(
        &dir,
        "env.json",
        r#"{"name": "an environment", "values": []}"#,
    );
    assert_cannot_start(
        &["run", &c],
        &[
            "env.json",
            "is not a valid collection",
            "`item`",
            "environment or globals file",
            "pass it with -e or -g",
        ],
    );
    let c = write(
        &dir,
        "wrong.json",
        r#"{"info": {"name": "x"}, "item": [{"name": "a", "request": {"url": "http://x", "header": [{"key": "k", "value": "v", "disabled": "yes"}]}}]}"#,
    );
    assert_cannot_start(&["run", &c], &["wrong.json", "item[0].request"]);
}

#[test]
fn issue11_unreadable_text_and_v1_shape_errors_name_the_file_and_the_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let env = dir.path().join("utf16-no-bom.json");
    let text = r#"{"name": "e", "values": []}"#;
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(&env, bytes).expect("write");
    assert_cannot_start(
        &[
            "run",
            &fixture("v20.postman_collection.json"),
            "-e",
            &env.to_string_lossy(),
        ],
        &[
            "environment file",
            "utf16-no-bom.json",
            "UTF-16 text without a byte-order mark",
            "save it as UTF-8",
        ],
    );
    let c = write(
        &dir,
        "old.json",
        r#"{"name": "Old", "order": ["r"], "requests": [{"id": "r", "name": "Bad body", "dataMode": "graphql", "graphqlModeData": "not an object"}]}"#,
    );
    assert_cannot_start(
        &["run", &c],
        &["old.json", "item[0].request", "“Bad body”", "Collection v1"],
    );
}

#[test]
fn missing_file() {
    assert_cannot_start(
        &["run", "does/not/exist.json"],
        &["cannot read collection file does/not/exist.json"],
    );
    assert_cannot_start(
        &[
            "run",
            &fixture("v20.postman_collection.json"),
            "-e",
            "nope.json",
        ],
        &["cannot read environment file nope.json"],
    );
}

#[test]
fn bad_env_var() {
    assert_cannot_start(
        &[
            "run",
            &fixture("v20.postman_collection.json"),
            "--env-var",
            "novalue",
        ],
        &["--env-var `novalue` is not KEY=VALUE"],
    );
}

#[test]
fn issue11_csv_errors_name_the_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (text, needles) in [
        (
            "a,b\n1,2\n\"open,3\n4,5\n",
            ["data.csv line 3", "never closed"],
        ),
        (
            "a,b\r\n1,2\r\n\"x\"y,3\r\n",
            ["data.csv line 3", "`y` follows the closing quote"],
        ),
        ("a,1\nx,y\n", ["data.csv line 1", "header column 2 is `1`"]),
    ] {
        let d = write(&dir, "data.csv", text);
        assert_cannot_start(
            &["run", &fixture("v20.postman_collection.json"), "-d", &d],
            &needles,
        );
    }
}

#[test]
fn issue11_invalid_json_data_names_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = write(&dir, "data.json", "[\n  {\"a\": 1},\n]\n");
    assert_cannot_start(
        &["run", &fixture("v20.postman_collection.json"), "-d", &d],
        &["data.json is not valid JSON", "line 3"],
    );
}

#[test]
fn invalid_jsonpath_in_captures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cap = write(
        &dir,
        "cap.json",
        r#"{"Create": {"id": {"jsonpath": "$.items[?(@.x"}}}"#,
    );
    assert_cannot_start(
        &[
            "run",
            &fixture("chain.postman_collection.json"),
            "--captures",
            &cap,
        ],
        &["cap.json", "Create.id", "invalid JSONPath"],
    );
}

#[test]
fn unknown_folder_lists_the_folders() {
    assert_cannot_start(
        &[
            "run",
            &fixture("requests.postman_collection.json"),
            "--folder",
            "Nope",
        ],
        &[
            "no folder or request named \"Nope\"",
            "\"Folder with basic auth\"",
        ],
    );
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let run = courier(&[
        "run",
        &fixture("v20.postman_collection.json"),
        "--no-such-flag",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--no-such-flag"));
}
