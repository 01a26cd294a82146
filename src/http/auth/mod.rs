//! Auth: which auth block applies to a request, and signing the request with it.
//!
//! `build.rs` builds a [`RequestSpec`] (URL encoded, headers, body) and then
//! calls [`apply_auth`], which finds the effective auth block and hands the
//! built request to the signer of its type. Signing happens before `client.rs`
//! adds Postman's system headers (`User-Agent`, `Postman-Token`, `Host`,
//! `Content-Length`, cookies …), so those are never signed, as in Postman.
//!
//! Inheritance: the request's own auth wins; a missing auth or `inherit`
//! looks at the enclosing folders, innermost first, then the collection;
//! `noauth` stops the search with no auth. A type Postman has no handler for
//! is sent without auth and a warning, as Newman does. Every type Postman
//! has a handler for is signed here.
//!
//! # The signing interface
//!
//! One file per scheme, named after its Postman type (`basic.rs`,
//! `digest.rs`, …). Each has one entry point of type [`Signer`]:
//!
//! ```text
//! pub(super) fn sign(params: &AuthParams<'_>, ctx: &SignContext<'_>, spec: &mut RequestSpec)
//!     -> Result<(), BuildError>
//! ```
//!
//! and is listed in [`SCHEMES`] under its type name. The signer reads the
//! block's fields through [`AuthParams`] (variables resolved;
//! [`AuthParams::flag`] casts a field as postman-collection's `Variable`
//! casts a `boolean`-typed one), and changes the built request: its URL
//! ([`replace_query_param`]), headers ([`set_authorization`]), body, or a
//! field of `RequestSpec` that `client.rs` acts on around the send (digest
//! answers a challenge there). Rules shared by every scheme, from
//! postman-runtime's `lib/authorizer/*.js`:
//! - a scheme whose required field is missing sends the request unsigned
//!   (return `Ok(())` without touching `spec`), leaving a hand-written
//!   `Authorization` header alone; a scheme that signs replaces it;
//! - `Err` is for what Postman itself fails the item on (a bad key, say),
//!   with a message naming the field and what to do; where Postman only
//!   warns ("could not sign the request"), push to `spec.warnings` instead; `jwt` and `asap` also
//!   fail where Postman would send unsigned, since their token is the point.
//!
//! Adding a scheme: a file `<type>.rs` with its `sign`, a line in
//! [`SCHEMES`], a row in the README's
//! Authorization table. Helpers for it are in `util.rs` (JavaScript's
//! percent-encoding and `parseInt`, hashes and HMACs by Node's names,
//! query editing, nonces). A scheme that needs the exchange itself (a
//! challenge to answer, a handshake on one connection) puts what it needs
//! on the `RequestSpec` for `client.rs`, as digest does with
//! `RequestSpec::digest`. `SignContext::headers` are the headers as the
//! user wrote them (Postman's authorizers do not see the Content-Type a
//! body implies, except a raw JSON body's); `spec.form` has the enabled
//! fields of a urlencoded body.
//!
//! Helpers that are no scheme: `jws.rs` makes JSON Web Signatures for `jwt`
//! and `asap`; `oauth2_fetch.rs` reads an `oauth2` block's grant settings and
//! builds token requests, and `oauth2_flow.rs` runs the grants and keeps the
//! run's tokens ([`OAuth2Tokens`]), in the user's browser with
//! `--oauth2-browser` (`oauth2_browser.rs`); the runner asks for a token before the
//! request is built, so the `oauth2` signer only ever sees a token.

mod apikey;
mod asap;
mod aws4;
mod basic;
mod bearer;
mod digest;
mod edgegrid;
mod hawk;
mod jws;
mod jwt;
mod ntlm;
mod oauth1;
mod oauth2;
mod oauth2_browser;
mod oauth2_fetch;
mod oauth2_flow;
mod util;

use serde_json::Value;

use super::error::BuildError;
use super::exchange::{Header, RequestSpec};
use super::url::{QUERY_KEY_SPECIAL, QUERY_VALUE_SPECIAL, escape};
use crate::collection::Auth;

pub(crate) use digest::{AfterResponse, HashFn};
pub use digest::{DigestAuth, DigestParams};
pub use ntlm::NtlmAuth;
pub(crate) use ntlm::{find_type2, has_challenge};
pub(crate) use oauth2_fetch::{oauth2_fetch_config, with_access_token};
pub use oauth2_flow::OAuth2Tokens;

/// A scheme's signer: signs the built `spec` with the auth block `params`.
pub(crate) type Signer =
    fn(&AuthParams<'_>, &SignContext<'_>, &mut RequestSpec) -> Result<(), BuildError>;

/// The schemes courier signs, by their Postman type name.
pub(crate) const SCHEMES: &[(&str, Signer)] = &[
    ("apikey", apikey::sign),
    ("asap", asap::sign),
    ("awsv4", aws4::sign),
    ("basic", basic::sign),
    ("bearer", bearer::sign),
    ("digest", digest::sign),
    ("edgegrid", edgegrid::sign),
    ("hawk", hawk::sign),
    ("jwt", jwt::sign),
    ("ntlm", ntlm::sign),
    ("oauth1", oauth1::sign),
    ("oauth2", oauth2::sign),
];

/// What signing a request needs besides the request: where its auth comes
/// from, how variables resolve, and where what auth learns is kept.
pub(crate) struct SignContext<'a> {
    /// The request's own auth block.
    pub own: Option<&'a Auth>,
    /// Candidates from the innermost folder out to the collection.
    pub inherited: &'a [&'a Auth],
    /// Resolves `{{variables}}` with the run's scopes.
    pub resolve: &'a dyn Fn(&str) -> String,
    /// Names the request's item for what auth learns during the run
    /// (digest nonces); `None` learns nothing.
    pub state_key: Option<&'a str>,
    /// The request's headers as the user wrote them (resolved), before the
    /// `Content-Type` its body implies: what Postman's authorizers see
    /// (hawk's payload hash, the headers AWS signs).
    pub headers: &'a [Header],
}

/// The fields of one auth block, read as postman-runtime's `AuthInterface`
/// reads them: variables resolved, typed fields cast.
pub(crate) struct AuthParams<'a> {
    /// The block itself (its type, raw fields and JSON).
    pub auth: &'a Auth,
    resolve: &'a dyn Fn(&str) -> String,
}

impl<'a> AuthParams<'a> {
    /// The fields of `auth`, resolved with `resolve`.
    pub fn new(auth: &'a Auth, resolve: &'a dyn Fn(&str) -> String) -> Self {
        AuthParams { auth, resolve }
    }

    /// A field as text with variables resolved; empty when it is missing,
    /// `null`, or not a string, number or boolean.
    pub fn get(&self, key: &str) -> String {
        (self.resolve)(&self.auth.param(key))
    }

    /// A field's JSON value with variables resolved in every string in it
    /// (as postman-runtime substitutes through a whole auth block); `None`
    /// when it is missing.
    pub fn value(&self, key: &str) -> Option<serde_json::Value> {
        self.auth
            .params
            .get(key)
            .map(|v| jwt::resolve_value(v, self.resolve))
    }

    /// Whether the field is there with a value other than `null`.
    pub fn is_set(&self, key: &str) -> bool {
        self.auth.params.get(key).is_some_and(|v| !v.is_null())
    }

    /// Resolves `{{variables}}` in any text.
    pub fn resolve(&self, text: &str) -> String {
        (self.resolve)(text)
    }

    /// A field as a condition: its value (strings resolved) cast by its
    /// declared `type` as postman-collection's `Variable.castOut` does
    /// (`boolean`: JavaScript's `Boolean()`, so the string `"false"` is
    /// true; `number`: `Number()`; `string`: `String()`; otherwise as it
    /// is), then JavaScript's truthiness. A missing field is false.
    pub fn flag(&self, key: &str) -> bool {
        let Some(value) = self.auth.params.get(key) else {
            return false;
        };
        let value = match value {
            Value::String(s) => Value::String(self.resolve(s)),
            v => v.clone(),
        };
        match self.declared_type(key).as_deref() {
            Some("string") => !js_string(&value).is_empty(),
            Some("number") => js_number(&value).is_some_and(|n| n != 0.0 && !n.is_nan()),
            _ => js_truthy(&value),
        }
    }

    /// The `type` written beside a v2.1 field (`boolean`, `string`, …).
    fn declared_type(&self, key: &str) -> Option<String> {
        self.auth
            .raw
            .get(&self.auth.kind)?
            .as_array()?
            .iter()
            .rev()
            .find(|e| e.get("key").and_then(Value::as_str) == Some(key))?
            .get("type")?
            .as_str()
            .map(str::to_owned)
    }
}

/// JavaScript's truthiness of a JSON value.
fn js_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// JavaScript's `String(value)` for the scalars that matter here.
fn js_string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(_) | Value::Object(_) => "[object]".to_owned(),
        v => v.to_string(),
    }
}

/// JavaScript's `Number(value)`; `None` for NaN.
fn js_number(value: &Value) -> Option<f64> {
    match value {
        Value::Null => Some(0.0),
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::Number(n) => n.as_f64(),
        Value::String(s) if s.trim().is_empty() => Some(0.0),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// Picks the effective auth: the request's, else the nearest inherited one.
pub fn effective_auth<'a>(own: Option<&'a Auth>, inherited: &[&'a Auth]) -> Option<&'a Auth> {
    own.into_iter()
        .chain(inherited.iter().copied())
        .find(|a| a.kind != "inherit")
        .filter(|a| a.kind != "noauth")
}

/// Signs `spec` with the effective auth of `ctx`, by its type's [`Signer`].
pub(crate) fn apply_auth(ctx: &SignContext<'_>, spec: &mut RequestSpec) -> Result<(), BuildError> {
    let Some(auth) = effective_auth(ctx.own, ctx.inherited) else {
        return Ok(());
    };
    let kind = auth.kind.as_str();
    if let Some((_, sign)) = SCHEMES.iter().find(|(name, _)| *name == kind) {
        return sign(&AuthParams::new(auth, ctx.resolve), ctx, spec);
    }
    spec.warnings.push(format!(
        "auth type `{kind}` is unknown to Postman; the request is sent without auth, as Newman does"
    ));
    Ok(())
}

/// Removes query parameters named `key` (as written, or as encoded) and,
/// given a value, appends `key=value` encoded as Postman's URL encoder does.
pub(crate) fn replace_query_param(
    spec: &mut RequestSpec,
    key: &str,
    value: Option<&str>,
) -> Result<(), BuildError> {
    let mut url = url::Url::parse(&spec.url)
        .map_err(|e| BuildError::new(format!("invalid URL `{}`: {e}", spec.url)))?;
    let encoded_key = escape(key, QUERY_KEY_SPECIAL);
    let mut params: Vec<String> = url
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let name = p.split('=').next().unwrap_or("");
            name != key && name != encoded_key
        })
        .map(str::to_owned)
        .collect();
    if let Some(value) = value {
        params.push(format!(
            "{encoded_key}={}",
            escape(value, QUERY_VALUE_SPECIAL)
        ));
    }
    if params.is_empty() {
        url.set_query(None);
    } else {
        url.set_query(Some(&params.join("&")));
    }
    spec.url = url.to_string();
    Ok(())
}

/// Auth replaces any Authorization header the request had, as in Postman.
pub(crate) fn set_authorization(spec: &mut RequestSpec, value: String) {
    spec.headers
        .retain(|(k, _)| !k.eq_ignore_ascii_case("authorization"));
    spec.headers.push(("Authorization".to_owned(), value));
}

#[cfg(test)]
#[allow(clippy::type_complexity)] // test tables
mod tests {
    use super::*;
    use serde_json::json;

    fn auth(v: Value) -> Auth {
        serde_json::from_value(v).unwrap()
    }

    /// Applies `own` / `inherited` to a GET of `url` carrying `headers`.
    fn apply_to(
        own: Option<Value>,
        inherited: Vec<Value>,
        url: &str,
        headers: &[(&str, &str)],
    ) -> Result<RequestSpec, BuildError> {
        let own = own.map(auth);
        let inherited: Vec<Auth> = inherited.into_iter().map(auth).collect();
        let refs: Vec<&Auth> = inherited.iter().collect();
        let mut spec = RequestSpec {
            method: "GET".into(),
            url: url.into(),
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            ..Default::default()
        };
        let resolve = |t: &str| t.replace("{{u}}", "user").replace("{{empty}}", "");
        let ctx = SignContext {
            own: own.as_ref(),
            inherited: &refs,
            resolve: &resolve,
            state_key: Some("item-1"),
            headers: &[],
        };
        apply_auth(&ctx, &mut spec)?;
        Ok(spec)
    }

    fn apply(own: Option<Value>, inherited: Vec<Value>) -> Result<RequestSpec, BuildError> {
        apply_to(
            own,
            inherited,
            "http://h.test/p",
            &[("authorization", "old")],
        )
    }

    #[test]
    fn table() {
        let basic21 = json!({"type": "basic", "basic": [{"key": "username", "value": "{{u}}"}, {"key": "password", "value": "pw"}]});
        let basic20 = json!({"type": "basic", "basic": {"username": "{{u}}", "password": "pw"}});
        let bearer = json!({"type": "bearer", "bearer": [{"key": "token", "value": "tok"}]});
        let cases: Vec<(Option<Value>, Vec<Value>, Option<&str>, &str)> = vec![
            (
                Some(basic21.clone()),
                vec![],
                Some("Basic dXNlcjpwdw=="),
                "http://h.test/p",
            ),
            (
                Some(basic20),
                vec![],
                Some("Basic dXNlcjpwdw=="),
                "http://h.test/p",
            ),
            (
                None,
                vec![bearer.clone()],
                Some("Bearer tok"),
                "http://h.test/p",
            ),
            (
                Some(json!({"type": "inherit"})),
                vec![json!({"type": "inherit"}), bearer.clone()],
                Some("Bearer tok"),
                "http://h.test/p",
            ),
            (
                Some(json!({"type": "noauth"})),
                vec![bearer.clone()],
                Some("old"),
                "http://h.test/p",
            ),
            (
                None,
                vec![json!({"type": "noauth"}), bearer.clone()],
                Some("old"),
                "http://h.test/p",
            ),
            (
                Some(basic21),
                vec![bearer],
                Some("Basic dXNlcjpwdw=="),
                "http://h.test/p",
            ),
            (
                Some(
                    json!({"type": "apikey", "apikey": [{"key": "key", "value": "api_key"}, {"key": "value", "value": "k v"}, {"key": "in", "value": "query"}]}),
                ),
                vec![],
                Some("old"),
                "http://h.test/p?api_key=k%20v",
            ),
            (
                Some(
                    json!({"type": "oauth2", "oauth2": [{"key": "accessToken", "value": "at"}, {"key": "addTokenTo", "value": "header"}]}),
                ),
                vec![],
                Some("Bearer at"),
                "http://h.test/p",
            ),
        ];
        for (own, inherited, want_header, want_url) in cases {
            let label = format!("{own:?} / {inherited:?}");
            let spec = apply(own, inherited).unwrap();
            assert_eq!(spec.header("Authorization"), want_header, "{label}");
            assert_eq!(spec.url, want_url, "{label}");
        }
    }

    /// Issue 11: each scheme signs, or not, as postman-runtime's authorizer
    /// of that name does (checked with Newman 6.2.2 against an echo server).
    #[test]
    fn issue11_empty_values_and_hand_written_headers() {
        let with = |kind: &str, params: Value| json!({"type": kind, kind: params});
        // (auth, URL, Authorization sent, URL sent)
        let cases: Vec<(Value, &str, Option<&str>, &str)> = vec![
            (
                with("bearer", json!([{"key": "token", "value": ""}])),
                "http://h.test/p",
                Some("hand"),
                "http://h.test/p",
            ),
            (
                with("bearer", json!([{"key": "token", "value": "{{empty}}"}])),
                "http://h.test/p",
                Some("hand"),
                "http://h.test/p",
            ),
            (
                json!({"type": "bearer"}),
                "http://h.test/p",
                Some("hand"),
                "http://h.test/p",
            ),
            (
                with("bearer", json!([{"key": "token", "value": "t"}])),
                "http://h.test/p",
                Some("Bearer t"),
                "http://h.test/p",
            ),
            (
                with("basic", json!([])),
                "http://h.test/p",
                Some("Basic Og=="),
                "http://h.test/p",
            ),
            (
                with("basic", json!([{"key": "username", "value": "u"}])),
                "http://h.test/p",
                Some("Basic dTo="),
                "http://h.test/p",
            ),
            (
                with(
                    "basic",
                    json!([{"key": "username", "value": "ü"}, {"key": "password", "value": "p:é"}]),
                ),
                "http://h.test/p",
                Some("Basic w7w6cDrDqQ=="),
                "http://h.test/p",
            ),
            (
                with(
                    "oauth2",
                    json!([{"key": "accessToken", "value": ""}, {"key": "addTokenTo", "value": "header"}]),
                ),
                "http://h.test/p",
                Some("hand"),
                "http://h.test/p",
            ),
            (
                with(
                    "oauth2",
                    json!([{"key": "accessToken", "value": "at"}, {"key": "headerPrefix", "value": ""}]),
                ),
                "http://h.test/p",
                Some("at"),
                "http://h.test/p",
            ),
            (
                with(
                    "oauth2",
                    json!([{"key": "accessToken", "value": "at"}, {"key": "headerPrefix", "value": "  Token  "}]),
                ),
                "http://h.test/p",
                Some("Token at"),
                "http://h.test/p",
            ),
            (
                with(
                    "oauth2",
                    json!([{"key": "accessToken", "value": "a t"}, {"key": "addTokenTo", "value": "queryParams"}]),
                ),
                "http://h.test/p?access_token=old&b=1",
                None,
                "http://h.test/p?b=1&access_token=a%20t",
            ),
            (
                with(
                    "oauth2",
                    json!([{"key": "accessToken", "value": "at"}, {"key": "tokenType", "value": "MAC"}]),
                ),
                "http://h.test/p",
                Some("hand"),
                "http://h.test/p",
            ),
            (
                with(
                    "oauth2",
                    json!([{"key": "accessToken", "value": "at"}, {"key": "addTokenTo", "value": "body"}]),
                ),
                "http://h.test/p?access_token=old",
                None,
                "http://h.test/p",
            ),
            (
                with(
                    "apikey",
                    json!([{"key": "key", "value": ""}, {"key": "value", "value": ""}]),
                ),
                "http://h.test/p",
                Some("hand"),
                "http://h.test/p",
            ),
            (
                with(
                    "apikey",
                    json!([{"key": "key", "value": ""}, {"key": "value", "value": "v"}, {"key": "in", "value": "query"}]),
                ),
                "http://h.test/p",
                Some("hand"),
                "http://h.test/p?=v",
            ),
            (
                with(
                    "apikey",
                    json!([{"key": "key", "value": "k"}, {"key": "value", "value": "a b&c"}, {"key": "in", "value": "query"}]),
                ),
                "http://h.test/p?k=old&z=1",
                Some("hand"),
                "http://h.test/p?z=1&k=a%20b%26c",
            ),
            (
                with(
                    "apikey",
                    json!([{"key": "key", "value": "Authorization"}, {"key": "value", "value": "Key v"}]),
                ),
                "http://h.test/p",
                Some("Key v"),
                "http://h.test/p",
            ),
            (
                json!({"type": "weird"}),
                "http://h.test/p",
                Some("hand"),
                "http://h.test/p",
            ),
        ];
        for (auth, url, want_header, want_url) in cases {
            let label = auth.to_string();
            let spec = apply_to(Some(auth), vec![], url, &[("Authorization", "hand")]).unwrap();
            let sent: Vec<&str> = spec
                .headers
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case("authorization"))
                .map(|(_, v)| v.as_str())
                .collect();
            assert_eq!(sent, want_header.into_iter().collect::<Vec<_>>(), "{label}");
            assert_eq!(spec.url, want_url, "{label}");
        }
    }

    #[test]
    fn issue11_apikey_header_replaces_names_that_read_the_same() {
        let spec = apply_to(
            Some(json!({"type": "apikey", "apikey": [{"key": "key", "value": "X-Api-Key"}, {"key": "value", "value": "v"}]})),
            vec![],
            "http://h.test/p",
            &[("x_api_key", "old"), ("X-API-KEY", "old2"), ("XApiKey", "old3"), ("X-Api-Keys", "kept")],
        )
        .unwrap();
        assert_eq!(
            spec.headers,
            vec![
                ("X-Api-Keys".to_owned(), "kept".to_owned()),
                ("X-Api-Key".to_owned(), "v".to_owned())
            ]
        );
        // Empty value, named key: the header is sent empty.
        let spec = apply_to(
            Some(json!({"type": "apikey", "apikey": [{"key": "key", "value": "X-K"}, {"key": "value", "value": ""}]})),
            vec![],
            "http://h.test/p",
            &[],
        )
        .unwrap();
        assert_eq!(spec.header("X-K"), Some(""));
    }

    #[test]
    fn issue11_digest_params_and_where_they_are_kept() {
        let digest = json!({"type": "digest", "digest": [
            {"key": "username", "value": "{{u}}"}, {"key": "password", "value": "p"},
            {"key": "disableRetryRequest", "value": true}]});
        let spec = apply(Some(digest.clone()), vec![]).unwrap();
        let d = spec.digest.as_ref().unwrap();
        assert!(d.params.disable_retry);
        assert_eq!(d.state_key.as_deref(), Some("item item-1"));
        // Not signed yet: the hand-written header stays until it is.
        assert_eq!(spec.header("Authorization"), Some("old"));
        let spec = apply(None, vec![json!({"type": "inherit"}), digest]).unwrap();
        let key = spec.digest.unwrap().state_key.unwrap();
        assert!(key.starts_with("auth block 0x"), "{key}");
        // An algorithm Postman cannot sign with: sent without digest, warned.
        let spec = apply(
            Some(json!({"type": "digest", "digest": [{"key": "username", "value": "u"}, {"key": "algorithm", "value": "SHA-1"}]})),
            vec![],
        )
        .unwrap();
        assert!(spec.digest.is_none());
        assert!(spec.warnings[0].contains("`SHA-1`"), "{:?}", spec.warnings);
    }

    #[test]
    fn unknown_type_is_named() {
        let spec = apply(Some(json!({"type": "weird"})), vec![]).unwrap();
        assert!(spec.warnings[0].contains("`weird`"), "{:?}", spec.warnings);
    }

    #[test]
    fn flags_cast_as_postman_collection_variables() {
        // (value, declared type, truthy): Variable.castOut, then JavaScript.
        let cases = [
            (json!("false"), Some("boolean"), true),
            (json!(""), Some("boolean"), false),
            (json!(false), Some("boolean"), false),
            (json!("{{empty}}"), Some("boolean"), false),
            (json!("{{u}}"), None, true),
            (json!("false"), None, true),
            (json!(false), None, false),
            (json!(0), None, false),
            (json!(null), None, false),
            (json!(null), Some("string"), true),
            (json!(false), Some("string"), true),
            (json!("0"), Some("number"), false),
            (json!("x"), Some("number"), false),
            (json!(" 2 "), Some("number"), true),
        ];
        let resolve = |t: &str| t.replace("{{u}}", "user").replace("{{empty}}", "");
        for (value, kind, want) in cases {
            let mut entry = json!({"key": "f", "value": value});
            if let Some(kind) = kind {
                entry["type"] = json!(kind);
            }
            let block = auth(json!({"type": "x", "x": [entry]}));
            let params = AuthParams::new(&block, &resolve);
            assert_eq!(params.flag("f"), want, "{value} as {kind:?}");
            assert!(!params.flag("missing"));
        }
    }
}

/// Signing a built request in unit tests of the schemes.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// Signs `spec` with the auth block `auth` (JSON), variables `{{u}}` →
    /// `user` and `{{empty}}` → empty; `headers` are the user's headers.
    pub(crate) fn sign_with(auth: Value, spec: &mut RequestSpec) -> Result<(), BuildError> {
        let block: Auth = serde_json::from_value(auth).expect("a valid auth block");
        let resolve = |t: &str| t.replace("{{u}}", "user").replace("{{empty}}", "");
        let headers = spec.headers.clone();
        let ctx = SignContext {
            own: Some(&block),
            inherited: &[],
            resolve: &resolve,
            state_key: None,
            headers: &headers,
        };
        apply_auth(&ctx, spec)
    }

    /// A request to sign.
    pub(crate) fn spec(method: &str, url: &str) -> RequestSpec {
        RequestSpec {
            method: method.to_owned(),
            url: url.to_owned(),
            ..Default::default()
        }
    }

    /// An auth block of `kind` from `(key, value)` pairs (v2.1 form).
    pub(crate) fn block(kind: &str, pairs: &[(&str, Value)]) -> Value {
        let list: Vec<Value> = pairs
            .iter()
            .map(|(k, v)| serde_json::json!({"key": k, "value": v}))
            .collect();
        serde_json::json!({"type": kind, kind: list})
    }
}
