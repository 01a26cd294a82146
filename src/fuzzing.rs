//! Entry points for the fuzz targets in `fuzz/` and for the regression test
//! that replays `fuzz/regressions/` on the stable toolchain.
//!
//! Each function takes raw bytes, cuts them into the inputs of one part of
//! courier (the sections of a multi-part input are separated by a line
//! `---`), and feeds them to the same public or crate-internal functions a
//! run uses. Errors are the expected outcome for most inputs and are
//! dropped; what a target looks for is a panic, a hang or unbounded memory.
//! Nothing here is part of the supported API.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use bytes::Bytes;
use serde_json::Value;

use crate::capture::CaptureSpec;
use crate::collection::{self, Collection, Request};
use crate::http::{self, BuildContext, ResponseData, SendBehavior};
use crate::mock::MockIndex;
use crate::snapshot::SnapshotOptions;
use crate::variables::{self, Scopes, VariableScope};

/// The entry point of one target: raw bytes in, nothing out.
pub type Target = fn(&[u8]);

/// Every target, by the name its `fuzz/fuzz_targets/<name>.rs` and
/// `fuzz/regressions/<name>/` use.
pub const TARGETS: &[(&str, Target)] = &[
    ("collection_json", collection_json),
    ("collection_v3", collection_v3),
    ("environment", environment),
    ("resolver", resolver),
    ("request_builder", request_builder),
    ("captures", captures),
    ("snapshot_redact", snapshot_redact),
    ("mock_matcher", mock_matcher),
];

/// Splits `text` at lines that are exactly `---`.
fn sections(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        match rest.find("\n---\n") {
            Some(at) => {
                out.push(&rest[..at]);
                rest = &rest[at + 5..];
            }
            None => {
                out.push(rest);
                return out;
            }
        }
    }
}

/// A collection file (v1, v2.0, v2.1, Postman API wrappers; UTF-8 or
/// UTF-16 bytes as Newman reads them): `load_collection`'s parsing.
pub fn collection_json(data: &[u8]) {
    let Ok(text) = collection::decode_bytes(data) else {
        return;
    };
    let _ = collection::parse_collection(Path::new("fuzz.postman_collection.json"), &text);
}

/// The files of a v3 collection directory, in this order, separated by
/// `---` lines: `.resources/definition.yaml`, `a.request.yaml`,
/// `f/.resources/definition.yaml`, `f/b.request.yaml`,
/// `.resources/a.resources/examples/e.example.yaml`. A missing section is
/// a missing file.
pub fn collection_v3(data: &[u8]) {
    const FILES: [&str; 5] = [
        ".resources/definition.yaml",
        "a.request.yaml",
        "f/.resources/definition.yaml",
        "f/b.request.yaml",
        ".resources/a.resources/examples/e.example.yaml",
    ];
    let text = String::from_utf8_lossy(data);
    let parts = sections(&text);
    let dir = scratch_dir().join("v3");
    for (i, file) in FILES.iter().enumerate() {
        let path = dir.join(file);
        match parts.get(i) {
            Some(part) => {
                if let Some(parent) = path.parent() {
                    let _ = std::fs::create_dir_all(parent);
                }
                let _ = std::fs::write(&path, part);
            }
            None => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    let _ = collection::v3::load_dir(&dir);
}

/// Environment, globals and iteration data files. The first byte picks the
/// reader: `e` a JSON environment, `g` JSON globals, `y` a YAML
/// environment, `d` iteration data named `.json`, anything else iteration
/// data named `.csv`; the rest is the file.
pub fn environment(data: &[u8]) {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = collection::decode_bytes(rest) else {
        return;
    };
    match kind {
        b'e' => {
            let path = Path::new("fuzz.postman_environment.json");
            if let Ok(env) = collection::parse_environment("environment", path, &text) {
                let _ = VariableScope::from_environment(&env);
            }
        }
        b'g' => {
            let path = Path::new("fuzz.postman_globals.json");
            let _ = collection::parse_environment("globals", path, &text);
        }
        b'y' => {
            let path = Path::new("fuzz.environment.yaml");
            let _ = collection::parse_yaml_environment("environment", path, &text);
        }
        b'd' => {
            let _ = collection::parse_iteration_data(Path::new("fuzz.json"), &text);
        }
        _ => {
            let _ = collection::parse_iteration_data(Path::new("fuzz.csv"), &text);
        }
    }
}

/// Variable scopes, then a `---` line, then the rest. Each scope line is
/// `<layer><name>=<value>`, the layer one of `l` (local), `d` (data), `e`
/// (environment), `c` (collection), `g` (globals), `v` (vault); a value
/// that parses as JSON is stored as that JSON value, else as a string.
fn scopes_and_rest(text: &str) -> (Scopes, &str) {
    let (head, rest) = match text.split_once("\n---\n") {
        Some((head, rest)) => (head, rest),
        None => ("", text),
    };
    let mut scopes = Scopes::default();
    for line in head.lines() {
        let mut chars = line.chars();
        let layer = chars.next();
        let Some((name, value)) = chars.as_str().split_once('=') else {
            continue;
        };
        let value = serde_json::from_str(value).unwrap_or_else(|_| Value::from(value));
        let scope = match layer {
            Some('l') => &mut scopes.local,
            Some('d') => &mut scopes.data,
            Some('e') => &mut scopes.environment,
            Some('c') => &mut scopes.collection,
            Some('g') => &mut scopes.globals,
            Some('v') => &mut scopes.vault,
            _ => continue,
        };
        scope.set(name, value);
    }
    (scopes, rest)
}

/// The variable resolver: scopes (see `scopes_and_rest`), then the text to
/// resolve, as a request resolves it, as `pm.variables.replaceIn` does, and
/// (when it is JSON) as a whole request object.
pub fn resolver(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (scopes, rest) = scopes_and_rest(&text);
    let _ = scopes.resolve(rest);
    let _ = scopes.replace_in(rest);
    let _ = variables::token_names(rest);
    let _ = variables::has_unresolved(rest);
    if let Ok(mut value) = serde_json::from_str::<Value>(rest) {
        scopes.resolve_json(&mut value);
    }
}

/// The URL and request builder: scopes (see `scopes_and_rest`), then a
/// request as a collection item holds it (JSON: a URL string or a request
/// object), built as the runner builds it, then once more against a
/// `--mock` base. The text is also parsed as a final URL.
pub fn request_builder(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (scopes, rest) = scopes_and_rest(&text);
    let _ = http::parse_final(rest);
    let Ok(request) = serde_json::from_str::<Request>(rest) else {
        return;
    };
    let working_dir = scratch_dir().join("files");
    let _ = std::fs::create_dir_all(&working_dir);
    for base_override in [None, Some("http://127.0.0.1:9/mock")] {
        let ctx = BuildContext {
            scopes: &scopes,
            inherited_auth: &[],
            behavior: SendBehavior::default(),
            working_dir: &working_dir,
            base_override,
            item_key: Some("fuzz"),
            insecure_file_read: true,
        };
        let _ = http::build_request(&request, &ctx);
    }
}

/// A response as text: a status line (`200 OK`), header lines
/// (`Name: value`), an empty line, the body.
fn response(text: &str) -> ResponseData {
    let (head, body) = text.split_once("\n\n").unwrap_or((text, ""));
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let (code, reason) = status_line.split_once(' ').unwrap_or((status_line, ""));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    ResponseData {
        status: code.trim().parse().unwrap_or(200),
        reason: reason.to_owned(),
        headers,
        body: Bytes::copy_from_slice(body.as_bytes()),
        url: "http://127.0.0.1/fuzz".into(),
        ..Default::default()
    }
}

/// The captures file (JSON), a `---` line, a response (see `response`):
/// every rule of the file extracts its value from the response.
pub fn captures(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (spec, resp) = text.split_once("\n---\n").unwrap_or((&text, ""));
    let Ok(spec) = CaptureSpec::parse(Path::new("fuzz.captures.json"), spec) else {
        return;
    };
    let response = response(resp);
    for rule in spec.all_rules() {
        let _ = rule.describe();
        let _ = rule.extract(&response);
    }
}

/// Snapshot redaction: a `courier.snapshots.json` configuration, a `---`
/// line, `--snapshot-redact` rules (one a line), a `---` line, secret
/// values (one a line), a `---` line, a response (see `response`),
/// rendered as its snapshot.
pub fn snapshot_redact(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let parts = sections(&text);
    let part = |i: usize| parts.get(i).copied().unwrap_or("");
    let mut options = SnapshotOptions::new(scratch_dir().join("snapshots"));
    if !part(0).trim().is_empty()
        && options
            .apply_config(Path::new("courier.snapshots.json"), part(0))
            .is_err()
    {
        return;
    }
    for rule in part(1).lines() {
        if options.redact(rule).is_err() {
            return;
        }
    }
    let secrets: Vec<String> = part(2).lines().map(str::to_owned).collect();
    // The same lines stand for values courier generated, so that rule runs too.
    let generated: Vec<crate::variables::Generated> = secrets
        .iter()
        .map(|value| crate::variables::Generated {
            name: "$guid",
            value: value.clone(),
        })
        .collect();
    let _ =
        crate::snapshot::render_with_secrets(&response(part(3)), &options, &secrets, &generated);
}

/// The mock matcher: a collection (JSON) with saved examples, a `---` line,
/// a request (`METHOD /path?query`, header lines, an empty line, the
/// body); the best example's body is rendered.
pub fn mock_matcher(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (collection, request) = text.split_once("\n---\n").unwrap_or((&text, ""));
    let Ok(collection) =
        collection::parse_collection(Path::new("fuzz.postman_collection.json"), collection)
    else {
        return;
    };
    match_request(&collection, request);
}

fn match_request(collection: &Collection, request: &str) {
    let index = MockIndex::new(collection);
    let (head, body) = request.split_once("\n\n").unwrap_or((request, ""));
    let mut lines = head.lines();
    let first = lines.next().unwrap_or("");
    let (method, target) = first.split_once(' ').unwrap_or((first, "/"));
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let request = crate::mock::MockRequest {
        method,
        path,
        query,
        headers: &headers,
        body: body.as_bytes(),
    };
    if let Some(example) = index.find(&request) {
        let _ = example.render_body();
    }
}

/// A directory of this process for the targets that need files.
fn scratch_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("courier-fuzz-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        dir
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_at_dash_lines_only() {
        assert_eq!(sections("a\n---\nb\n---\n"), vec!["a", "b", ""]);
        assert_eq!(sections("a---b"), vec!["a---b"]);
    }

    #[test]
    fn scope_lines_fill_their_layer_and_json_values_keep_their_type() {
        let (scopes, rest) = scopes_and_rest("ehost=example.com\nd n=null\nx=1\n---\n{{host}}");
        assert_eq!(rest, "{{host}}");
        assert_eq!(scopes.resolve(rest), "example.com");
        assert_eq!(scopes.data.get(" n"), Some(&Value::Null));
    }

    #[test]
    fn response_text_gives_status_headers_and_body() {
        let r = response("404 Not Found\nContent-Type: text/plain\n\nnope");
        assert_eq!(r.status, 404);
        assert_eq!(r.header("content-type"), Some("text/plain"));
        assert_eq!(&r.body[..], b"nope");
    }
}
