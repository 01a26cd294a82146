//! Files Newman runs and courier used to refuse (issue 11, point 1): a
//! Collection v1 file, variables with both `id` and `key`, UTF-8 files with
//! a byte-order mark, UTF-16 files, a collection without `info`, bare-array
//! and API-wrapped environments. Each runs the `tests/fixtures/wild/`
//! collection that `conformance/run.sh` compares with Newman, here against
//! the echo server, and checks what was sent.

use crate::common::{courier, fixture};
use crate::support::echo::Echo;

/// Runs `wild/NAME.postman_collection.json` with `extra` arguments; every
/// assertion of the fixture must pass.
fn run_wild(echo: &Echo, name: &str, extra: &[&str]) {
    let collection = fixture(&format!("wild/{name}.postman_collection.json"));
    let base = format!("base={}", echo.url());
    let dir = fixture("");
    let mut args = vec![
        "run",
        &collection,
        "--env-var",
        &base,
        "--working-dir",
        &dir,
    ];
    args.extend_from_slice(extra);
    let run = courier(&args);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
}

#[test]
fn issue11_v1_collection_is_sent_as_newman_sends_it() {
    let echo = Echo::start();
    run_wild(&echo, "collection-v1", &[]);
    let got = echo.received();
    let order: Vec<(&str, &str)> = got
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    // Subfolders before a folder's own requests, folders before root requests.
    assert_eq!(
        order,
        [
            ("POST", "/v1/params"),
            ("POST", "/v1/binary"),
            ("PUT", "/v1/form"),
            ("PATCH", "/v1/raw"),
            ("GET", "/v1/users/42/items/named-by-id-7"),
            ("POST", "/v1/events"),
            ("POST", "/v1/inferred"),
        ]
    );
    let (params, binary, form, raw, top, events, inferred) = (
        &got[0], &got[1], &got[2], &got[3], &got[4], &got[5], &got[6],
    );
    assert!(params.body.contains("name=\"field\""), "{}", params.body);
    assert!(!params.body.contains("name=\"off\""), "{}", params.body);
    assert_eq!(params.header("authorization"), None, "noauth");
    assert_eq!(params.header("x-folder-key"), None, "noauth");
    assert_eq!(binary.body, "file body contents\n");
    assert_eq!(binary.header("x-folder-key"), Some("folder-secret"));
    assert_eq!(form.body, "first=collection-token&third=3");
    assert_eq!(raw.body, "", "dataDisabled");
    assert_eq!(top.query, "page=2&flag&empty=");
    assert_eq!(top.header("authorization"), Some("Basic YW5hOnMzY3JldA=="));
    assert_eq!(top.header("x-one"), Some("1"));
    assert_eq!(top.header("x-off"), None);
    assert_eq!(top.header("x-time"), Some("12:30"));
    assert_eq!(top.header("x-trace"), Some("named-by-id"));
    assert_eq!(events.header("x-data"), Some("from-headerData"));
    assert_eq!(events.header("x-extra"), Some("extra"));
    assert_eq!(events.header("x-disabled"), None);
    assert_eq!(events.header("content-type"), Some("application/json"));
    assert_eq!(events.body, r#"{"name": "named-by-id"}"#);
    assert!(inferred.body.contains("name=\"a\""), "{}", inferred.body);
    assert!(!inferred.body.contains("name=\"b\""), "{}", inferred.body);
}

#[test]
fn issue11_variables_with_id_and_key_are_named_by_key() {
    let echo = Echo::start();
    let env = fixture("wild/variable-id-and-key.postman_environment.json");
    let globals = fixture("wild/variable-id-and-key.postman_globals.json");
    run_wild(&echo, "variable-id-and-key", &["-e", &env, "-g", &globals]);
    let got = echo.received();
    assert_eq!(got[0].path, "/vars/path-value");
    assert_eq!(
        got[0].query,
        "col=from-collection&first=key-first&glob=from-globals&byId={{onlyId}}"
    );
    assert_eq!(got[0].header("x-env"), Some("from-environment"));
}

#[test]
fn issue11_bom_and_utf16_files_are_decoded() {
    let echo = Echo::start();
    let env = fixture("wild/bom-utf8.postman_environment.json");
    let data = fixture("wild/bom-utf8.data.csv");
    run_wild(&echo, "bom-utf8", &["-e", &env, "-d", &data]);
    let env = fixture("wild/utf16le.postman_environment.json");
    let data = fixture("wild/utf16le.data.json");
    run_wild(&echo, "utf16le", &["-e", &env, "-d", &data]);
    let bodies: Vec<String> = echo.received().into_iter().map(|r| r.body).collect();
    assert_eq!(
        bodies,
        [
            "name=Ana city=Lisboa env=bom-environment déjà vu",
            "name=José city=São Paulo env=bom-environment déjà vu",
            "row=r1 env=utf16-environment note=café ✓ ünïcødé ✓",
            "row=r2 ✓ env=utf16-environment note=café ✓ ünïcødé ✓",
        ]
    );
}

#[test]
fn issue11_collection_without_info_and_wrapped_files_run() {
    let echo = Echo::start();
    let env = fixture("wild/no-info.postman_environment.json");
    run_wild(&echo, "no-info", &["-e", &env]);
    let env = fixture("wild/api-wrapped.postman_environment.json");
    run_wild(&echo, "api-wrapped", &["-e", &env]);
    let got = echo.received();
    assert_eq!(got[0].body, "env says array-env");
    assert_eq!(
        (got[1].path.as_str(), got[1].query.as_str()),
        ("/wrapped", "e=inside")
    );
}
