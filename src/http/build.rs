//! From a collection request and the run's variables to a [`RequestSpec`].
//!
//! Every string is resolved with Postman's rules; headers marked `disabled`
//! are skipped; the body is built in `body.rs`; auth is looked up request →
//! folders → collection and signed in `auth/`; `protocolProfileBehavior` becomes
//! [`SendBehavior`].

use std::path::Path;

use serde_json::{Map, Value};

use super::auth::{SignContext, apply_auth};
use super::body::build_body;
use super::error::BuildError;
use super::exchange::{HttpVersion, RequestSpec, SendBehavior};
use super::url::{parse_final, rebase, url_text};
use crate::collection::{Auth, Request};
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
    /// Whether file bodies and form-data files outside `working_dir` are
    /// read (Newman's default); `false` with `--no-insecure-file-read`.
    pub insecure_file_read: bool,
    /// Send to this base URL instead of the request's host (`--mock`).
    pub base_override: Option<&'a str>,
    /// Names the item for what auth learns during the run (digest nonces
    /// are kept on the auth block, as Postman keeps them); `None` for a
    /// request that is no item (`pm.sendRequest`).
    pub item_key: Option<&'a str>,
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
        parsed_url: Some(url),
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
    // Postman signs before its requester adds the Content-Type a body
    // implies: auth sees the headers as the user wrote them, except for a
    // raw JSON body, whose Content-Type postman-runtime adds before auth
    // (while looking for comments to strip).
    let mut headers = spec.headers.clone();
    if let Some(body) = request.body.as_ref().filter(|b| !b.disabled && !prune) {
        build_body(body, &mut spec, ctx);
        let raw_json = body.mode.as_deref() == Some("raw") && body.raw_language() == Some("json");
        if raw_json && !spec.body.to_bytes().is_empty() {
            headers = spec.headers.clone();
        }
    }
    let sign = SignContext {
        own: request.auth.as_ref(),
        inherited: ctx.inherited_auth,
        resolve: &resolve,
        state_key: ctx.item_key,
        headers: &headers,
    };
    apply_auth(&sign, &mut spec)?;
    Ok(spec)
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
        // Postman's `http1`, `http2`, `auto`; other values are ignored.
        if let Some(v) = layer
            .get("protocolVersion")
            .and_then(Value::as_str)
            .and_then(HttpVersion::from_setting)
        {
            b.http_version = Some(v);
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
            insecure_file_read: true,
            base_override: None,
            item_key: None,
        };
        build_request(&request, &ctx)
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

    #[test]
    fn protocol_version_setting_picks_the_http_version() {
        let outer = json!({"protocolVersion": "http2"});
        let inner = json!({"protocolVersion": "http1"});
        let odd = json!({"protocolVersion": "h3"});
        let layers = [outer.as_object().unwrap(), inner.as_object().unwrap()];
        let b = merge_behavior(SendBehavior::default(), &layers);
        assert_eq!(b.http_version, Some(HttpVersion::Http1));
        let b = merge_behavior(
            SendBehavior::default(),
            &[outer.as_object().unwrap(), odd.as_object().unwrap()],
        );
        assert_eq!(b.http_version, Some(HttpVersion::Http2));
        let b = merge_behavior(SendBehavior::default(), &[odd.as_object().unwrap()]);
        assert_eq!(b.http_version, None);
    }
}
