//! Auth schemes and their inheritance.
//!
//! The request's own auth wins; a missing auth or `inherit` looks at the
//! enclosing folders, innermost first, then the collection; `noauth` stops
//! the search with no auth. Supported: `basic`, `bearer`, `apikey` (header or
//! query), `digest` (answered in `client.rs` when the server challenges) and
//! `oauth2` with a token already obtained. Any other type is an error that
//! names it, so the item is reported and the run goes on.

use base64::Engine as _;

use super::build::BuildError;
use super::exchange::{DigestCredentials, RequestSpec};
use crate::collection::Auth;

/// Picks the effective auth: the request's, else the nearest inherited one.
pub fn effective_auth<'a>(own: Option<&'a Auth>, inherited: &[&'a Auth]) -> Option<&'a Auth> {
    own.into_iter()
        .chain(inherited.iter().copied())
        .find(|a| a.kind != "inherit")
        .filter(|a| a.kind != "noauth")
}

/// Adds the effective auth to `spec`.
pub fn apply_auth(
    own: Option<&Auth>,
    inherited: &[&Auth],
    resolve: &dyn Fn(&str) -> String,
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
            set_authorization(spec, format!("Bearer {}", param("token")));
        }
        "apikey" => {
            let key = param("key");
            let value = param("value");
            if key.is_empty() {
                return Ok(());
            }
            if param("in") == "query" {
                let mut url = url::Url::parse(&spec.url)
                    .map_err(|e| BuildError::new(format!("invalid URL `{}`: {e}", spec.url)))?;
                url.query_pairs_mut().append_pair(&key, &value);
                spec.url = url.to_string();
            } else {
                spec.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(&key));
                spec.headers.push((key, value));
            }
        }
        "digest" => {
            spec.digest = Some(DigestCredentials {
                username: param("username"),
                password: param("password"),
            });
        }
        "oauth2" => {
            let token = param("accessToken");
            if token.is_empty() {
                return Err(BuildError::new(
                    "oauth2 auth has no accessToken: courier sends a token you already have; get one with a token request and store it in a variable",
                ));
            }
            if param("addTokenTo") == "queryParams" {
                let mut url = url::Url::parse(&spec.url)
                    .map_err(|e| BuildError::new(format!("invalid URL `{}`: {e}", spec.url)))?;
                url.query_pairs_mut().append_pair("access_token", &token);
                spec.url = url.to_string();
            } else {
                let prefix = match param("headerPrefix") {
                    p if p.is_empty() => "Bearer".to_owned(),
                    p => p,
                };
                set_authorization(spec, format!("{prefix} {token}"));
            }
        }
        other => {
            return Err(BuildError::new(format!(
                "auth type `{other}` is not supported by courier (supported: noauth, inherit, basic, bearer, apikey, digest, oauth2 with a token); set this request's auth to one of those"
            )));
        }
    }
    Ok(())
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
    use serde_json::{Value, json};

    fn auth(v: Value) -> Auth {
        serde_json::from_value(v).unwrap()
    }

    fn apply(own: Option<Value>, inherited: Vec<Value>) -> Result<RequestSpec, BuildError> {
        let own = own.map(auth);
        let inherited: Vec<Auth> = inherited.into_iter().map(auth).collect();
        let refs: Vec<&Auth> = inherited.iter().collect();
        let mut spec = RequestSpec {
            method: "GET".into(),
            url: "http://h.test/p".into(),
            headers: vec![("authorization".into(), "old".into())],
            ..Default::default()
        };
        apply_auth(
            own.as_ref(),
            &refs,
            &|t| t.replace("{{u}}", "user"),
            &mut spec,
        )?;
        Ok(spec)
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
                "http://h.test/p?api_key=k+v",
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

    #[test]
    fn apikey_in_header() {
        let spec = apply(
            Some(json!({"type": "apikey", "apikey": [{"key": "key", "value": "X-Api-Key"}, {"key": "value", "value": "secret"}]})),
            vec![],
        )
        .unwrap();
        assert_eq!(spec.header("x-api-key"), Some("secret"));
    }

    #[test]
    fn digest_sets_credentials() {
        let spec = apply(
            Some(json!({"type": "digest", "digest": [{"key": "username", "value": "u"}, {"key": "password", "value": "p"}]})),
            vec![],
        )
        .unwrap();
        assert_eq!(spec.digest.as_ref().map(|d| d.username.as_str()), Some("u"));
    }

    #[test]
    fn unsupported_type_is_named() {
        let err = apply(Some(json!({"type": "hawk", "hawk": []})), vec![]).unwrap_err();
        assert!(err.message.contains("`hawk`"), "{err}");
    }
}
