//! From a collection request and the run's variables to a [`RequestSpec`].
//!
//! Every string is resolved with Postman's rules; headers and form fields
//! marked `disabled` are skipped; the body mode decides the bytes and the
//! default Content-Type; auth is looked up request → folders → collection
//! (see `auth.rs`); `protocolProfileBehavior` becomes [`SendBehavior`].

use std::path::{Path, PathBuf};

use bytes::Bytes;
use serde_json::{Map, Value};

use super::auth::apply_auth;
use super::exchange::{FormPart, FormValue, RequestBody, RequestSpec, SendBehavior};
use super::url::{parse_final, rebase, url_text};
use crate::collection::{Auth, Body, Request};
use crate::variables::Scopes;

/// What request building needs besides the request itself.
pub struct BuildContext<'a> {
    /// The variables of the run.
    pub scopes: &'a Scopes,
    /// Auth candidates from the innermost folder out to the collection
    /// (the request's own auth is read from the request).
    pub inherited_auth: &'a [&'a Auth],
    /// Sending options merged from collection, folders and item.
    pub behavior: SendBehavior,
    /// Base directory of file bodies (`--working-dir`).
    pub working_dir: &'a Path,
    /// Send to this base URL instead of the request's host (`--mock`).
    pub base_override: Option<&'a str>,
}

/// Why a request could not be built; the item is reported and skipped.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
#[error("{message}")]
pub struct BuildError {
    /// What went wrong, and what to do.
    pub message: String,
    /// The URL text, when the URL itself was the problem (an undefined
    /// variable in the host, say): Postman attempts such a request and
    /// fails it at the network, so the runner reports it the same way.
    pub bad_url: Option<String>,
}

impl BuildError {
    /// An error that is not about the URL.
    pub fn new(message: impl Into<String>) -> Self {
        BuildError {
            message: message.into(),
            bad_url: None,
        }
    }
}

/// Methods whose body Postman drops unless `disableBodyPruning` is set.
const BODY_PRUNED_METHODS: &[&str] = &["GET", "HEAD", "COPY", "PURGE", "UNLOCK"];

/// Builds the request to send.
pub fn build_request(request: &Request, ctx: &BuildContext<'_>) -> Result<RequestSpec, BuildError> {
    let resolve = |t: &str| ctx.scopes.resolve(t);
    let text = url_text(&request.url, &resolve);
    let text = match ctx.base_override {
        Some(base) => rebase(&text, base),
        None => text,
    };
    let url = parse_final(&text).map_err(|message| BuildError {
        message,
        bad_url: Some(text.clone()),
    })?;
    let method = resolve(&request.method).to_uppercase();
    let mut spec = RequestSpec {
        method: method.clone(),
        url: url.to_string(),
        headers: request
            .header
            .iter()
            .filter(|h| !h.disabled && !h.key.is_empty())
            .map(|h| (resolve(&h.key), resolve(h.value_str())))
            .collect(),
        behavior: ctx.behavior.clone(),
        ..Default::default()
    };
    let prune = BODY_PRUNED_METHODS.contains(&method.as_str()) && !ctx.behavior.keep_body_on_get;
    if let Some(body) = request.body.as_ref().filter(|b| !b.disabled && !prune) {
        build_body(body, &mut spec, ctx)?;
    }
    apply_auth(
        request.auth.as_ref(),
        ctx.inherited_auth,
        &resolve,
        &mut spec,
    )?;
    Ok(spec)
}

fn build_body(
    body: &Body,
    spec: &mut RequestSpec,
    ctx: &BuildContext<'_>,
) -> Result<(), BuildError> {
    let resolve = |t: &str| ctx.scopes.resolve(t);
    match body.mode.as_deref() {
        None | Some("") => {}
        Some("raw") => {
            let text = resolve(body.raw.as_deref().unwrap_or(""));
            if text.is_empty() {
                return Ok(());
            }
            spec.default_header("Content-Type", raw_content_type(body.raw_language()));
            spec.body = RequestBody::Bytes(Bytes::from(text));
        }
        Some("urlencoded") => {
            let text = form_urlencoded(&body.urlencoded, &|t| resolve(t));
            if text.is_empty() {
                return Ok(());
            }
            spec.default_header("Content-Type", "application/x-www-form-urlencoded");
            spec.body = RequestBody::Bytes(Bytes::from(text));
        }
        Some("formdata") => {
            let parts = body
                .formdata
                .iter()
                .filter(|p| !p.disabled && !p.key.is_empty())
                .flat_map(|p| form_parts(p, ctx))
                .collect();
            spec.body = RequestBody::Multipart(parts);
        }
        Some("file") => {
            let file = body.file.as_ref();
            if let Some(content) = file.and_then(|f| f.content.as_ref()) {
                spec.body = RequestBody::Bytes(Bytes::from(content.clone()));
            } else if let Some(src) = file
                .and_then(|f| f.src.as_deref())
                .filter(|s| !s.is_empty())
            {
                let path = resolve_file(&resolve(src), ctx.working_dir);
                let bytes = std::fs::read(&path).map_err(|e| {
                    BuildError::new(format!(
                        "cannot read the body file {}: {e}; file paths are relative to --working-dir",
                        path.display()
                    ))
                })?;
                spec.body = RequestBody::Bytes(Bytes::from(bytes));
            }
        }
        Some("graphql") => {
            let gql = body.graphql.clone().unwrap_or_default();
            // Postman writes the variables text as the user typed it (checked
            // to be JSON), inside a compact envelope.
            let variables = match gql.variables {
                Some(Value::String(s)) if !s.trim().is_empty() => {
                    let text = resolve(&s).trim().to_owned();
                    serde_json::from_str::<Value>(&text).map_err(|e| {
                        BuildError::new(format!("the GraphQL variables are not valid JSON: {e}"))
                    })?;
                    text
                }
                Some(Value::Object(o)) => Value::Object(o).to_string(),
                _ => "{}".to_owned(),
            };
            let payload = format!(
                "{{\"query\":{},\"variables\":{variables}}}",
                Value::String(resolve(&gql.query))
            );
            spec.default_header("Content-Type", "application/json");
            spec.body = RequestBody::Bytes(Bytes::from(payload));
        }
        Some(other) => {
            return Err(BuildError::new(format!(
                "body mode `{other}` is not supported (use raw, urlencoded, formdata, file or graphql)"
            )));
        }
    }
    Ok(())
}

fn form_parts(p: &crate::collection::KeyValue, ctx: &BuildContext<'_>) -> Vec<FormPart> {
    let resolve = |t: &str| ctx.scopes.resolve(t);
    let name = resolve(&p.key);
    let content_type = p.content_type.as_deref().map(resolve);
    if p.kind.as_deref() == Some("file") {
        let sources: Vec<String> = match &p.src {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        };
        sources
            .into_iter()
            .map(|src| FormPart {
                name: name.clone(),
                value: FormValue::File(resolve_file(&resolve(&src), ctx.working_dir)),
                content_type: content_type.clone(),
            })
            .collect()
    } else {
        vec![FormPart {
            name,
            value: FormValue::Text(resolve(p.value_str())),
            content_type,
        }]
    }
}

fn resolve_file(src: &str, working_dir: &Path) -> PathBuf {
    let path = Path::new(src);
    if path.is_absolute() {
        path.to_owned()
    } else {
        working_dir.join(path)
    }
}

/// An `x-www-form-urlencoded` body as Postman writes it (Node's
/// `querystring` plus RFC 3986): everything but `A-Z a-z 0-9 - _ . ~` is
/// percent-encoded, space as `%20`, an existing `%` too; disabled fields are
/// dropped and a field without a value is `key=`.
fn form_urlencoded(
    fields: &[crate::collection::KeyValue],
    resolve: &dyn Fn(&str) -> String,
) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    let enc = |t: &str| percent_encoding::utf8_percent_encode(t, KEEP).to_string();
    fields
        .iter()
        .filter(|f| !f.disabled && !f.key.is_empty())
        .map(|f| format!("{}={}", enc(&resolve(&f.key)), enc(&resolve(f.value_str()))))
        .collect::<Vec<_>>()
        .join("&")
}

/// The Content-Type Postman sets for a raw body of the given language.
pub fn raw_content_type(language: Option<&str>) -> &'static str {
    match language {
        Some("json") => "application/json",
        Some("javascript") => "application/javascript",
        Some("html") => "text/html",
        Some("xml") => "application/xml",
        Some("graphql") => "application/graphql",
        _ => "text/plain",
    }
}

/// Merges `protocolProfileBehavior` maps (outermost first) into options.
pub fn merge_behavior(base: SendBehavior, layers: &[&Map<String, Value>]) -> SendBehavior {
    let mut b = base;
    for layer in layers {
        let flag = |key: &str| layer.get(key).and_then(Value::as_bool);
        if let Some(v) = flag("followRedirects") {
            b.follow_redirects = v;
        }
        if let Some(v) = layer.get("maxRedirects").and_then(Value::as_u64) {
            b.max_redirects = usize::try_from(v).unwrap_or(usize::MAX);
        }
        if let Some(v) = flag("followOriginalHttpMethod") {
            b.follow_original_method = v;
        }
        if let Some(v) = flag("followAuthorizationHeader") {
            b.follow_authorization_header = v;
        }
        if let Some(v) = flag("removeRefererHeaderOnRedirect") {
            b.remove_referer = v;
        }
        if let Some(v) = flag("disableCookies") {
            b.disable_cookies = v;
        }
        if let Some(v) = flag("strictSSL") {
            b.strict_ssl = v;
        }
        if let Some(v) = flag("disableBodyPruning") {
            b.keep_body_on_get = v;
        }
        if let Some(map) = layer
            .get("disabledSystemHeaders")
            .and_then(Value::as_object)
        {
            for (name, off) in map {
                let name = name.to_ascii_lowercase();
                b.disabled_system_headers.retain(|n| *n != name);
                if off.as_bool() == Some(true) {
                    b.disabled_system_headers.push(name);
                }
            }
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn build(request: Value, vars: &[(&str, &str)]) -> Result<RequestSpec, BuildError> {
        build_with(request, vars, &[])
    }

    fn build_with(
        request: Value,
        vars: &[(&str, &str)],
        inherited: &[&Auth],
    ) -> Result<RequestSpec, BuildError> {
        let mut scopes = Scopes::default();
        for (k, v) in vars {
            scopes.environment.set(*k, json!(v));
        }
        let request: Request = serde_json::from_value(request).unwrap();
        let dir = std::env::temp_dir();
        let ctx = BuildContext {
            scopes: &scopes,
            inherited_auth: inherited,
            behavior: SendBehavior::default(),
            working_dir: &dir,
            base_override: None,
        };
        build_request(&request, &ctx)
    }

    fn body_text(spec: &RequestSpec) -> String {
        spec.body.preview()
    }

    #[test]
    fn body_modes() {
        // (request, expected body, expected content type)
        let cases: Vec<(Value, &str, Option<&str>)> = vec![
            (
                json!({"method": "POST", "url": "http://h.test", "body": {"mode": "raw", "raw": "{\"a\":\"{{v}}\"}", "options": {"raw": {"language": "json"}}}}),
                "{\"a\":\"1\"}",
                Some("application/json"),
            ),
            (
                json!({"method": "POST", "url": "http://h.test", "body": {"mode": "raw", "raw": "hi"}}),
                "hi",
                Some("text/plain"),
            ),
            (
                json!({"method": "POST", "url": "http://h.test", "header": [{"key": "Content-Type", "value": "text/csv"}], "body": {"mode": "raw", "raw": "a,b", "options": {"raw": {"language": "json"}}}}),
                "a,b",
                Some("text/csv"),
            ),
            (
                json!({"method": "POST", "url": "http://h.test", "body": {"mode": "urlencoded", "urlencoded": [
                    {"key": "grant_type", "value": "client_credentials"},
                    {"key": "skip", "value": "x", "disabled": true},
                    {"key": "v", "value": "{{v}} &"},
                    {"key": "odd", "value": "a+b%20!*'()é"},
                    {"key": "dup", "value": "1"}, {"key": "dup", "value": "2"}, {"key": "empty"}]}}),
                "grant_type=client_credentials&v=1%20%26&odd=a%2Bb%2520%21%2A%27%28%29%C3%A9&dup=1&dup=2&empty=",
                Some("application/x-www-form-urlencoded"),
            ),
            (
                json!({"method": "POST", "url": "http://h.test", "body": {"mode": "graphql", "graphql": {"query": "{ me }", "variables": "{\"id\": \"{{v}}\"}"}}}),
                "{\"query\":\"{ me }\",\"variables\":{\"id\": \"1\"}}",
                Some("application/json"),
            ),
            (
                json!({"method": "POST", "url": "http://h.test", "body": {"mode": "formdata", "formdata": [
                    {"key": "a", "value": "{{v}}", "type": "text"},
                    {"key": "off", "value": "x", "disabled": true}]}}),
                "a=1",
                None,
            ),
            (
                json!({"method": "GET", "url": "http://h.test", "body": {"mode": "raw", "raw": "pruned"}}),
                "",
                None,
            ),
            (
                json!({"method": "POST", "url": "http://h.test", "body": {"mode": "raw", "raw": "x", "disabled": true}}),
                "",
                None,
            ),
        ];
        for (request, want_body, want_type) in cases {
            let spec = build(request.clone(), &[("v", "1")]).unwrap();
            assert_eq!(body_text(&spec), want_body, "request {request}");
            assert_eq!(spec.header("Content-Type"), want_type, "request {request}");
        }
    }

    #[test]
    fn file_body_reads_relative_to_working_dir() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("payload.bin"), b"file-bytes").unwrap();
        let scopes = Scopes::default();
        let request: Request =
            serde_json::from_value(json!({"method": "PUT", "url": "http://h.test",
            "body": {"mode": "file", "file": {"src": "payload.bin"}}}))
            .unwrap();
        let ctx = BuildContext {
            scopes: &scopes,
            inherited_auth: &[],
            behavior: SendBehavior::default(),
            working_dir: dir.path(),
            base_override: None,
        };
        assert_eq!(
            build_request(&request, &ctx).unwrap().body.preview(),
            "file-bytes"
        );
        let missing: Request =
            serde_json::from_value(json!({"method": "PUT", "url": "http://h.test",
            "body": {"mode": "file", "file": {"src": "nope.bin"}}}))
            .unwrap();
        let err = build_request(&missing, &ctx).unwrap_err();
        assert!(err.message.contains("nope.bin"), "{err}");
    }

    #[test]
    fn headers_resolve_and_skip_disabled() {
        let spec = build(
            json!({"method": "get", "url": "http://h.test", "header": [
                {"key": "X-A", "value": "{{v}}"}, {"key": "X-Off", "value": "1", "disabled": true}]}),
            &[("v", "val")],
        )
        .unwrap();
        assert_eq!(spec.method, "GET");
        assert_eq!(spec.headers, vec![("X-A".to_owned(), "val".to_owned())]);
    }

    #[test]
    fn unknown_body_mode_is_an_error() {
        let err = build(
            json!({"method": "POST", "url": "http://h.test", "body": {"mode": "weird"}}),
            &[],
        )
        .unwrap_err();
        assert!(err.message.contains("`weird`"));
    }

    #[test]
    fn behavior_layers_merge_innermost_last() {
        let outer = json!({"followRedirects": false, "strictSSL": false});
        let inner = json!({"followRedirects": true, "disableCookies": true, "maxRedirects": 3});
        let b = merge_behavior(
            SendBehavior::default(),
            &[outer.as_object().unwrap(), inner.as_object().unwrap()],
        );
        assert!(b.follow_redirects && b.disable_cookies && !b.strict_ssl);
        assert_eq!(b.max_redirects, 3);
    }
}
