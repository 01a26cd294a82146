//! `pm.request` in test scripts: the request as it was sent.
//!
//! postman-runtime hands test scripts the request after variable
//! substitution and auth, not the item's template: its URL is the one sent
//! (encoded, path variables filled in, the API key of `apikey` auth in the
//! query), its headers the ones sent (the auth's `Authorization`, the
//! Content-Type a raw body implies), its body and auth with every
//! `{{variable}}` replaced. That request is built here from the item's
//! request, the [`RequestSpec`] it sent and the variables as they were when
//! it was sent, once a test script of the item first needs it ([`AsSent`]:
//! most never read `pm.request`, and building it costs more than a short
//! script).

use serde_json::Value;

use crate::collection::{Auth, Body, KeyValue, Request, Url};
use crate::http::{RequestBody, RequestSpec};
use crate::variables::{ScopeKind, Scopes, VariableScope};

/// Makes the request as it was sent (`pm.request` of test scripts) from
/// the item's request, given the variables as they were when it was sent.
type Build = Box<dyn FnOnce(&Request, &Scopes) -> Request>;

/// The request test scripts see, made when a script first needs it.
///
/// Most test scripts never read `pm.request`, so the engine builds it only
/// when a script first reads `pm.request` or `pm.cookies` (or changes the
/// vault, or a nested run changes variables); the item's later test scripts
/// get the result. Until then, a variable layer a script changes is kept
/// as it was when the request was sent, and the request is built with it.
pub struct AsSent {
    build: Build,
    /// Layers as they were before a script first changed them.
    kept: Vec<(ScopeKind, VariableScope)>,
}

impl AsSent {
    /// `build` makes the request as sent from the item's request and the
    /// variables as they were when it was sent.
    pub fn new(build: impl FnOnce(&Request, &Scopes) -> Request + 'static) -> Self {
        AsSent {
            build: Box::new(build),
            kept: Vec::new(),
        }
    }

    /// Keeps layer `kind` of `scopes` as it is, if it is not kept yet:
    /// called before a script changes it.
    pub(crate) fn keep(&mut self, kind: ScopeKind, scopes: &Scopes) {
        if !self.kept.iter().any(|(k, _)| *k == kind) {
            self.kept.push((kind, scopes.scope(kind).clone()));
        }
    }

    /// The request as sent, built with the kept layers in place of the
    /// ones `scopes` has now (`scopes` is as it was when this returns).
    pub(crate) fn build(self, request: &Request, scopes: &mut Scopes) -> Request {
        let AsSent { build, mut kept } = self;
        for (kind, layer) in &mut kept {
            std::mem::swap(scopes.scope_mut(*kind), layer);
        }
        let built = build(request, scopes);
        for (kind, layer) in &mut kept {
            std::mem::swap(scopes.scope_mut(*kind), layer);
        }
        built
    }
}

impl std::fmt::Debug for AsSent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AsSent")
            .field("kept", &self.kept.len())
            .finish_non_exhaustive()
    }
}

/// `request` as test scripts see it once `spec` was built from it.
///
/// `auth` is the auth the request used (its own, or the one it inherited);
/// `spec` is absent when no request could be built (a URL that is not
/// one), and then only the variables are substituted.
pub fn request_as_sent(
    request: &Request,
    spec: Option<&RequestSpec>,
    auth: Option<&Auth>,
    scopes: &Scopes,
) -> Request {
    let mut json = serde_json::to_value(request).unwrap_or(Value::Null);
    if let (Some(auth), Value::Object(map)) = (auth, &mut json) {
        map.insert(
            "auth".into(),
            serde_json::to_value(auth).unwrap_or(Value::Null),
        );
    }
    scopes.resolve_json(&mut json);
    let mut sent: Request = serde_json::from_value(json).unwrap_or_else(|_| request.clone());
    let Some(spec) = spec else {
        return sent;
    };
    sent.url = Url::Raw(spec.url.clone());
    sent.method = spec.method.clone();
    // postman-request adds the Content-Type of a form body itself; the
    // runtime's request does not list it.
    let form = matches!(
        sent.body.as_ref().and_then(|b| b.mode.as_deref()),
        Some("urlencoded" | "formdata")
    );
    let own_content_type = request
        .header
        .iter()
        .any(|h| !h.disabled && h.key.eq_ignore_ascii_case("content-type"));
    sent.header = spec
        .headers
        .iter()
        .filter(|(k, _)| !(form && !own_content_type && k.eq_ignore_ascii_case("content-type")))
        .map(|(k, v)| KeyValue {
            key: k.clone(),
            value: Some(v.clone()),
            ..Default::default()
        })
        .collect();
    if let (Some(body), RequestBody::Bytes(bytes)) = (sent.body.as_mut(), &spec.body) {
        keep_sent_raw(body, bytes);
    }
    sent
}

/// A raw body reads as the bytes sent, so a `{{$guid}}` in it is the value
/// that went out, not a fresh one.
fn keep_sent_raw(body: &mut Body, bytes: &[u8]) {
    if body.mode.as_deref() == Some("raw")
        && let Ok(text) = std::str::from_utf8(bytes)
    {
        body.raw = Some(text.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use serde_json::json;

    fn request(value: Value) -> Request {
        serde_json::from_value(value).unwrap_or_default()
    }

    fn scopes() -> Scopes {
        let mut scopes = Scopes::default();
        scopes.environment.set("host", json!("http://h"));
        scopes.environment.set("id", json!(7));
        scopes.environment.set("tok", json!("T"));
        scopes
    }

    #[test]
    fn issue11_url_headers_and_raw_body_are_the_ones_sent() {
        let item = request(json!({
            "method": "post",
            "url": "{{host}}/u/:id?q={{id}}",
            "header": [{"key": "X-Tok", "value": "{{tok}}"}],
            "body": {"mode": "raw", "raw": "{{$guid}}"}
        }));
        let spec = RequestSpec {
            method: "POST".into(),
            url: "http://h/u/7?q=7".into(),
            headers: vec![
                ("X-Tok".into(), "T".into()),
                ("Authorization".into(), "Bearer T".into()),
                ("Content-Type".into(), "text/plain".into()),
            ],
            body: RequestBody::Bytes(Bytes::from_static(b"the-guid-sent")),
            ..Default::default()
        };
        let auth: Auth = serde_json::from_value(json!({
            "type": "bearer", "bearer": [{"key": "token", "value": "{{tok}}"}]
        }))
        .unwrap_or_default();
        let sent = request_as_sent(&item, Some(&spec), Some(&auth), &scopes());
        assert!(matches!(&sent.url, Url::Raw(u) if u == "http://h/u/7?q=7"));
        assert_eq!(sent.method, "POST");
        let headers: Vec<(&str, Option<&str>)> = sent
            .header
            .iter()
            .map(|h| (h.key.as_str(), h.value.as_deref()))
            .collect();
        assert_eq!(
            headers,
            vec![
                ("X-Tok", Some("T")),
                ("Authorization", Some("Bearer T")),
                ("Content-Type", Some("text/plain"))
            ]
        );
        assert_eq!(
            sent.body.and_then(|b| b.raw),
            Some("the-guid-sent".to_owned())
        );
        let auth = serde_json::to_value(sent.auth).unwrap_or_default();
        assert_eq!(auth["bearer"][0]["value"], "T");
    }

    #[test]
    fn issue11_form_bodies_are_resolved_without_the_implied_content_type() {
        let item = request(json!({
            "method": "POST",
            "url": "{{host}}/f",
            "body": {"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "{{id}}"}]}
        }));
        let spec = RequestSpec {
            method: "POST".into(),
            url: "http://h/f".into(),
            headers: vec![(
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            )],
            ..Default::default()
        };
        let sent = request_as_sent(&item, Some(&spec), None, &scopes());
        assert!(sent.header.is_empty());
        let body = sent.body.unwrap_or_default();
        assert_eq!(body.urlencoded[0].value.as_deref(), Some("7"));
        // Without a built request, only the variables are substituted.
        let sent = request_as_sent(&item, None, None, &scopes());
        assert!(matches!(&sent.url, Url::Raw(u) if u == "http://h/f"));
    }
}
