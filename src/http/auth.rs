//! Auth schemes and their inheritance.
//!
//! The request's own auth wins; a missing auth or `inherit` looks at the
//! enclosing folders, innermost first, then the collection; `noauth` stops
//! the search with no auth. Supported: `basic`, `bearer`, `apikey` (header or
//! query), `digest` (signed in `client.rs`, see `digest.rs`) and `oauth2`
//! with a token already obtained. Each signs as postman-runtime's authorizer
//! of that name does: a scheme whose required value is empty (a bearer or
//! OAuth 2.0 token, an API key's name and value) signs nothing and leaves a
//! hand-written `Authorization` header alone; one that signs replaces it. A
//! type Postman has no handler for is sent without auth and a warning, as
//! Newman does; a type Postman supports and courier does not is an error
//! that names it, so the item is reported and the run goes on.

use base64::Engine as _;
use serde_json::Value;

use super::build::BuildError;
use super::digest::{DigestAuth, DigestParams, supported_algorithm};
use super::exchange::RequestSpec;
use super::url::{QUERY_KEY_SPECIAL, QUERY_VALUE_SPECIAL, escape};
use crate::collection::Auth;

/// Auth types postman-runtime has a handler for but courier does not sign.
const POSTMAN_ONLY: &[&str] = &["asap", "aws4", "edgegrid", "hawk", "jwt", "ntlm", "oauth1"];

/// Picks the effective auth: the request's, else the nearest inherited one.
pub fn effective_auth<'a>(own: Option<&'a Auth>, inherited: &[&'a Auth]) -> Option<&'a Auth> {
    own.into_iter()
        .chain(inherited.iter().copied())
        .find(|a| a.kind != "inherit")
        .filter(|a| a.kind != "noauth")
}

/// Adds the effective auth to `spec`. `state_key` names the request's item
/// for what digest auth learns during the run (`None`: learn nothing).
pub fn apply_auth(
    own: Option<&Auth>,
    inherited: &[&Auth],
    resolve: &dyn Fn(&str) -> String,
    state_key: Option<&str>,
    spec: &mut RequestSpec,
) -> Result<(), BuildError> {
    let Some(auth) = effective_auth(own, inherited) else {
        return Ok(());
    };
    let param = |key: &str| resolve(&auth.param(key));
    match auth.kind.as_str() {
        "basic" => {
            let token = base64::engine::general_purpose::STANDARD.encode(format!(
                "{}:{}",
                param("username"),
                param("password")
            ));
            set_authorization(spec, format!("Basic {token}"));
        }
        "bearer" => {
            let token = param("token");
            if !token.is_empty() {
                set_authorization(spec, format!("Bearer {token}"));
            }
        }
        "apikey" => apikey(&param, spec)?,
        "digest" => {
            let algorithm = param("algorithm");
            if !supported_algorithm(&algorithm) {
                spec.warnings.push(format!(
                    "digest auth: algorithm `{algorithm}` is not supported (MD5, SHA-256, SHA-512-256, each also -sess); the request is sent without digest auth, as Postman does"
                ));
                return Ok(());
            }
            spec.digest = Some(digest(auth, resolve, own, inherited, state_key));
        }
        "oauth2" => oauth2(auth, &param, spec)?,
        other if POSTMAN_ONLY.contains(&other) => {
            return Err(BuildError::new(format!(
                "auth type `{other}` is not supported by courier (supported: noauth, inherit, basic, bearer, apikey, digest, oauth2 with a token); set this request's auth to one of those"
            )));
        }
        other => spec.warnings.push(format!(
            "auth type `{other}` is unknown to Postman; the request is sent without auth, as Newman does"
        )),
    }
    Ok(())
}

/// API key (postman-runtime `apikey.js`): signs when the name or the value
/// is set; in a header it replaces headers whose name reads the same in
/// lodash's `lowerCase` (`X-Api-Key`, `x_api_key`, `XApiKey`); in the query
/// it replaces parameters of that name and goes last.
fn apikey(param: &dyn Fn(&str) -> String, spec: &mut RequestSpec) -> Result<(), BuildError> {
    let key = param("key");
    let value = param("value");
    if key.is_empty() && value.is_empty() {
        return Ok(());
    }
    if param("in") == "query" {
        return replace_query_param(spec, &key, Some(&value));
    }
    let words = lodash_lower_case(&key);
    spec.headers.retain(|(k, _)| lodash_lower_case(k) != words);
    if !key.is_empty() {
        spec.headers.push((key, value));
    }
    Ok(())
}

/// OAuth 2.0 with a token already obtained (postman-runtime `oauth2.js`): no
/// token, or a `mac` token type, signs nothing; otherwise the Authorization
/// header and `access_token` query parameters go, and the token is added to
/// the header (with `headerPrefix`, `Bearer` when unset, none when empty)
/// or to the query, as `addTokenTo` says.
fn oauth2(
    auth: &Auth,
    param: &dyn Fn(&str) -> String,
    spec: &mut RequestSpec,
) -> Result<(), BuildError> {
    let token = param("accessToken");
    if token.is_empty() || param("tokenType").eq_ignore_ascii_case("mac") {
        return Ok(());
    }
    let prefix = match auth.params.get("headerPrefix") {
        None | Some(Value::Null) => "Bearer".to_owned(),
        Some(_) => param("headerPrefix").trim().to_owned(),
    };
    spec.headers
        .retain(|(k, _)| !k.eq_ignore_ascii_case("authorization"));
    replace_query_param(spec, "access_token", None)?;
    match param("addTokenTo").as_str() {
        "" | "header" if prefix.is_empty() => set_authorization(spec, token),
        "" | "header" => set_authorization(spec, format!("{prefix} {token}")),
        "queryParams" => replace_query_param(spec, "access_token", Some(&token))?,
        _ => {}
    }
    Ok(())
}

/// The digest parameters of `auth`, and the name of the auth block what it
/// learns is kept under: the item for its own auth, else the block itself
/// (inherited blocks belong to the run's collection, so an address names
/// one for the whole run).
fn digest(
    auth: &Auth,
    resolve: &dyn Fn(&str) -> String,
    own: Option<&Auth>,
    inherited: &[&Auth],
    state_key: Option<&str>,
) -> DigestAuth {
    let values = auth
        .params
        .keys()
        .map(|k| (k.clone(), resolve(&auth.param(k))));
    let disable_retry = match auth.params.get("disableRetryRequest") {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => !resolve(s).is_empty(),
        Some(Value::Number(n)) => n.as_f64().is_some_and(|n| n != 0.0),
        _ => false,
    };
    let is_own = own.is_some_and(|o| std::ptr::eq(o, auth));
    let state_key =
        state_key.map(
            |item| match inherited.iter().find(|a| std::ptr::eq(**a, auth)) {
                Some(block) if !is_own => format!("auth block {:p}", *block),
                _ => format!("item {item}"),
            },
        );
    DigestAuth {
        params: DigestParams::new(values, disable_retry),
        state_key,
    }
}

/// Removes query parameters named `key` (as written, or as encoded) and,
/// given a value, appends `key=value` encoded as Postman's URL encoder does.
fn replace_query_param(
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

/// lodash's `lowerCase`: the words of `text` (split at anything but letters
/// and digits, at lower-to-upper and letter-digit changes, and before the
/// last capital of a run followed by a small letter), lower-cased, joined
/// with spaces.
fn lodash_lower_case(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for run in text.split(|c: char| !c.is_alphanumeric()) {
        let chars: Vec<char> = run.chars().collect();
        let mut word = String::new();
        for (i, &c) in chars.iter().enumerate() {
            if i > 0 {
                let prev = chars[i - 1];
                let next = chars.get(i + 1).copied();
                let split = (prev.is_lowercase() && c.is_uppercase())
                    || (prev.is_numeric() != c.is_numeric())
                    || (prev.is_uppercase()
                        && c.is_uppercase()
                        && next.is_some_and(char::is_lowercase));
                if split {
                    words.push(std::mem::take(&mut word));
                }
            }
            word.extend(c.to_lowercase());
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    words.join(" ")
}

/// Auth replaces any Authorization header the request had, as in Postman.
fn set_authorization(spec: &mut RequestSpec, value: String) {
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
        apply_auth(
            own.as_ref(),
            &refs,
            &|t| t.replace("{{u}}", "user").replace("{{empty}}", ""),
            Some("item-1"),
            &mut spec,
        )?;
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
    fn lodash_lower_case_words() {
        // What lodash 4's `_.lowerCase` gives for each (checked with Node).
        let cases = [
            ("X-Api-Key", "x api key"),
            ("x_api_key", "x api key"),
            ("XApiKey", "x api key"),
            ("X-API-KEY", "x api key"),
            ("xApiKEY", "x api key"),
            ("Api2Key", "api 2 key"),
            ("api-key2", "api key 2"),
            ("X-API-Key-v2", "x api key v 2"),
            ("XMLHttpRequest", "xml http request"),
            ("ABCdef", "ab cdef"),
            ("a1B2", "a 1 b 2"),
            ("apiKEYS", "api keys"),
            ("__", ""),
            ("a.b", "a b"),
        ];
        for (input, want) in cases {
            assert_eq!(lodash_lower_case(input), want, "{input}");
        }
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
    fn unsupported_type_is_named() {
        let err = apply(Some(json!({"type": "hawk", "hawk": []})), vec![]).unwrap_err();
        assert!(err.message.contains("`hawk`"), "{err}");
        let spec = apply(Some(json!({"type": "weird"})), vec![]).unwrap();
        assert!(spec.warnings[0].contains("`weird`"), "{:?}", spec.warnings);
    }
}
