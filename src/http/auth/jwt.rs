//! JWT bearer auth, as postman-runtime's `lib/authorizer/jwt.js` signs it.
//!
//! Fields: `algorithm` (HS/RS/PS/ES 256/384/512, case as written),
//! `secret` (HS; its bytes are UTF-8, or base64 when
//! `isSecretBase64Encoded` is truthy), `privateKey` (PKCS#8 PEM, the
//! others), `header` and `payload` (JSON text or objects; `alg` in the
//! header is always the `algorithm` field), `addTokenTo` (`header`, the
//! default, or `queryParam`), `headerPrefix` (`Bearer` when unset, none
//! when empty) and `queryParamKey` (`token` when empty). Where Postman
//! logs "could not sign the request" and sends the request unsigned,
//! courier fails the item with that reason (see [`JwtError`]), so a
//! request never goes out without the auth its collection asked for.
//! The JWS itself is made in `jws.rs`; `asap.rs` shares the helpers here.

use serde_json::{Map, Value};

use super::jws::{Algorithm, JwsError, SigningKey, compact, js_stringify, lenient_base64};
use super::{AuthParams, SignContext, replace_query_param, set_authorization};
use crate::http::error::BuildError;
use crate::http::exchange::RequestSpec;
use crate::variables::to_js_string;

/// Why a jwt or asap token could not be made: the message Postman logs,
/// with what to do about it.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("{0}")]
pub(crate) struct JwtError(pub String);

impl From<JwsError> for JwtError {
    fn from(e: JwsError) -> Self {
        JwtError(e.0)
    }
}

/// Where a signed token goes on the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TokenPlacement {
    /// Replaces any `Authorization` header with this value.
    Header(String),
    /// Replaces the query parameters named `key` with `key=value`, last.
    Query {
        /// The parameter name.
        key: String,
        /// The token.
        value: String,
    },
    /// Signed but added nowhere (an `addTokenTo` Postman does not know).
    Nowhere,
}

/// Signs `spec` with a JWT made from the block's fields.
pub(super) fn sign(
    params: &AuthParams<'_>,
    _ctx: &SignContext<'_>,
    spec: &mut RequestSpec,
) -> Result<(), BuildError> {
    let field = |k: &str| params.value(k);
    match jwt_token(&field).map_err(|e| sign_error("jwt", &e))? {
        TokenPlacement::Header(value) => set_authorization(spec, value),
        TokenPlacement::Query { key, value } => replace_query_param(spec, &key, Some(&value))?,
        TokenPlacement::Nowhere => {}
    }
    Ok(())
}

/// The item error for a token that could not be made. Postman logs the
/// reason as a warning and sends the request unsigned; courier does not
/// send a request without the auth its collection asks for.
pub(super) fn sign_error(kind: &str, e: &JwtError) -> BuildError {
    BuildError::new(format!(
        "{kind} auth: could not sign the request: {e} (Postman would send it unsigned; fix the auth's fields)"
    ))
}

/// An auth field after variable substitution; `None` when absent.
pub(crate) type Field<'a> = &'a dyn Fn(&str) -> Option<Value>;

/// JavaScript truthiness of a field.
pub(crate) fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(_) | Value::Object(_)) => true,
    }
}

/// A JSON value with `resolve` applied to every string in it (keys stay),
/// as postman-runtime substitutes variables through a whole auth block.
pub(crate) fn resolve_value(v: &Value, resolve: &dyn Fn(&str) -> String) -> Value {
    match v {
        Value::String(s) => Value::String(resolve(s)),
        Value::Array(items) => {
            Value::Array(items.iter().map(|i| resolve_value(i, resolve)).collect())
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), resolve_value(v, resolve)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `JSON.parse` of a field's trimmed text, with a message naming the field.
pub(crate) fn parse_json(field: &str, text: &str) -> Result<Value, JwtError> {
    serde_json::from_str(text).map_err(|e| {
        JwtError(format!(
            "the `{field}` field is not valid JSON ({e}); write a JSON object such as {{\"sub\": \"me\"}}"
        ))
    })
}

/// Makes the token for a `jwt` auth block and says where it goes.
pub(crate) fn jwt_token(field: Field<'_>) -> Result<TokenPlacement, JwtError> {
    let algorithm = field("algorithm");
    let alg = algorithm
        .as_ref()
        .and_then(Value::as_str)
        .and_then(Algorithm::parse)
        .ok_or_else(|| {
            JwtError(format!(
                "invalid algorithm `{}`: use one of HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512",
                algorithm.as_ref().map(to_js_string).unwrap_or_default()
            ))
        })?;
    let key = jwt_key(alg, field)?;
    let header = jwt_header(alg, field("header"))?;
    let payload = match field("payload") {
        Some(Value::String(s)) if s.trim().is_empty() => Value::Object(Map::new()),
        Some(Value::String(s)) => parse_json("payload", s.trim())?,
        Some(other) => other,
        None => Value::Null,
    };
    if !payload.is_object() {
        return Err(JwtError(
            "JWT Claims Set MUST be an object: set the `payload` field to a JSON object (`{}` for none)"
                .into(),
        ));
    }
    let token = compact(alg, &key, &js_stringify(&header), &js_stringify(&payload))?;
    Ok(placement(field, token))
}

/// The secret (HS) or private key (the others) of a jwt block.
fn jwt_key(alg: Algorithm, field: Field<'_>) -> Result<SigningKey, JwtError> {
    if alg.is_hmac() {
        let secret = match field("secret") {
            Some(Value::String(s)) if !s.is_empty() => s,
            _ => {
                return Err(JwtError(
                    "Invalid secret key. Enter a valid key: the `secret` field is empty".into(),
                ));
            }
        };
        let bytes = if truthy(field("isSecretBase64Encoded").as_ref()) {
            lenient_base64(&secret)
        } else {
            secret.into_bytes()
        };
        return Ok(SigningKey::Secret(bytes));
    }
    match field("privateKey") {
        Some(Value::String(pem)) if !pem.is_empty() => Ok(SigningKey::from_pkcs8_pem(&pem)?),
        _ => Err(JwtError(format!(
            "Invalid private key. Enter a valid key: {} needs a PKCS#8 PEM `privateKey`",
            alg.name()
        ))),
    }
}

/// The protected header: the `header` field spread into an object, with
/// `alg` set to the algorithm (in place when the header names one).
fn jwt_header(alg: Algorithm, raw: Option<Value>) -> Result<Value, JwtError> {
    let parsed = match raw {
        Some(Value::String(s)) if s.trim().is_empty() => Value::Null,
        Some(Value::String(s)) => parse_json("header", s.trim())?,
        Some(other) => other,
        None => Value::Null,
    };
    let mut header = Map::new();
    if truthy(Some(&parsed)) {
        // `{ ...header }`: an object's entries, an array's or a string's
        // indexes; numbers and booleans add nothing.
        match parsed {
            Value::Object(map) => header = map,
            Value::Array(items) => {
                for (i, v) in items.into_iter().enumerate() {
                    header.insert(i.to_string(), v);
                }
            }
            Value::String(s) => {
                for (i, c) in s.chars().enumerate() {
                    header.insert(i.to_string(), Value::String(c.to_string()));
                }
            }
            _ => {}
        }
    }
    header.insert("alg".into(), Value::String(alg.name()));
    check_crit(&header)?;
    Ok(Value::Object(header))
}

/// jose's rules for `crit`: a non-empty list of names it knows (`b64`
/// only), each present; and a JWT may not have an unencoded payload.
fn check_crit(header: &Map<String, Value>) -> Result<(), JwtError> {
    let Some(crit) = header.get("crit") else {
        return Ok(());
    };
    let names: Vec<&str> = match crit.as_array() {
        Some(list) if !list.is_empty() => list
            .iter()
            .map(|v| v.as_str().filter(|s| !s.is_empty()))
            .collect::<Option<_>>()
            .ok_or_else(crit_error)?,
        _ => return Err(crit_error()),
    };
    for name in &names {
        if *name != "b64" {
            return Err(JwtError(format!(
                "Extension Header Parameter \"{name}\" is not recognized: remove it from the header's `crit`"
            )));
        }
        if header.get("b64").is_none() {
            return Err(JwtError(
                "Extension Header Parameter \"b64\" is missing".into(),
            ));
        }
    }
    match header.get("b64") {
        Some(Value::Bool(true)) => Ok(()),
        Some(Value::Bool(false)) => Err(JwtError(
            "JWTs MUST NOT use unencoded payload: remove `\"b64\": false` from the header".into(),
        )),
        _ => Err(JwtError(
            "The \"b64\" (base64url-encode payload) Header Parameter must be a boolean".into(),
        )),
    }
}

fn crit_error() -> JwtError {
    JwtError(
        "\"crit\" (Critical) Header Parameter MUST be an array of non-empty strings when present"
            .into(),
    )
}

/// `addTokenTo`, `headerPrefix` and `queryParamKey`.
fn placement(field: Field<'_>, token: String) -> TokenPlacement {
    let add_to = field("addTokenTo")
        .filter(|v| truthy(Some(v)))
        .map(|v| to_js_string(&v))
        .unwrap_or_else(|| "header".into());
    match add_to.as_str() {
        "header" => {
            let prefix = match field("headerPrefix") {
                None | Some(Value::Null) => "Bearer ".to_owned(),
                Some(v) if truthy(Some(&v)) => format!("{} ", to_js_string(&v)),
                Some(Value::String(_)) => String::new(),
                Some(v) => to_js_string(&v),
            };
            TokenPlacement::Header(format!("{prefix}{token}"))
        }
        "queryParam" => {
            let key = field("queryParamKey")
                .filter(|v| truthy(Some(v)))
                .map(|v| to_js_string(&v))
                .unwrap_or_else(|| "token".into());
            TokenPlacement::Query { key, value: token }
        }
        _ => TokenPlacement::Nowhere,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn token(fields: Value) -> Result<TokenPlacement, JwtError> {
        let map = fields.as_object().unwrap().clone();
        jwt_token(&move |k: &str| map.get(k).cloned())
    }

    fn header(value: &str) -> TokenPlacement {
        TokenPlacement::Header(value.into())
    }

    // Expected tokens: postman-runtime 7.39.1's jwt.js run under Node on
    // the same fields.
    #[test]
    fn hs256_with_header_fields_and_js_key_order() {
        let t = token(json!({"algorithm": "HS256", "secret": "s3cr3t",
            "payload": "{\"sub\":\"1234\",\"2\":1.0,\"name\":\"x\"}",
            "header": "{\"typ\":\"JWT\",\"alg\":\"none\",\"kid\":\"k\"}"}));
        assert_eq!(
            t.unwrap(),
            header(
                "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiIsImtpZCI6ImsifQ.eyIyIjoxLCJzdWIiOiIxMjM0IiwibmFtZSI6IngifQ.RK2Uh1vlP6HrcjNn9-u7svgE9PmwpX0tl8Vsh4Mh6fE"
            )
        );
    }

    #[test]
    fn base64_secret_and_query_placement() {
        let t = token(json!({"algorithm": "HS384", "secret": "c2VjcmV0LWJ5dGVz",
            "isSecretBase64Encoded": true, "payload": "", "header": "", "addTokenTo": "queryParam"}));
        assert_eq!(
            t.unwrap(),
            TokenPlacement::Query {
                key: "token".into(),
                value: "eyJhbGciOiJIUzM4NCJ9.e30.jqhsIzQwtJFCfLBb8fxv4s7QwgKL5U4zpDYWVyNQHP24XqKjZsOufw0qd7vFMSDs".into()
            }
        );
        let t = token(json!({"algorithm": "HS512", "secret": "s", "payload": "{}",
            "addTokenTo": "queryParam", "queryParamKey": "jwt"}));
        assert_eq!(
            t.unwrap(),
            TokenPlacement::Query {
                key: "jwt".into(),
                value: "eyJhbGciOiJIUzUxMiJ9.e30.J-Tu5d-FOSGEP8nxYNNtSxsik1vylut6d2FYnLMJqQ_kQd_jcb0W1p8WppAJBk7_s1m15s-cwwSuUagyQKazgw".into()
            }
        );
    }

    #[test]
    fn header_prefix_empty_custom_and_unknown_target() {
        let tok = "eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.q5svP8-9Y8YkbKwCTWnDkAYZWxobPBkDcuFueOgdFd8";
        let base = json!({"algorithm": "HS256", "secret": "s", "payload": "{\"a\":1}"});
        let with = |k: &str, v: &str| {
            let mut f = base.clone();
            f[k] = json!(v);
            token(f).unwrap()
        };
        assert_eq!(with("headerPrefix", ""), header(tok));
        assert_eq!(with("headerPrefix", "JWT"), header(&format!("JWT {tok}")));
        assert_eq!(with("addTokenTo", "body"), TokenPlacement::Nowhere);
    }

    #[test]
    fn object_fields_as_the_v2_0_format_holds_them() {
        let t = token(json!({"algorithm": "HS256", "secret": "s",
            "payload": {"obj": true}, "header": {"typ": "JWT"}}));
        assert_eq!(
            t.unwrap(),
            header(
                "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJvYmoiOnRydWV9.lc3HA2zk2ZqVxOlc5RLnu1FIbXeq_bFpXxwvCgA_tp0"
            )
        );
    }

    #[test]
    fn rs256_is_deterministic_and_matches_postman() {
        let pem = super::super::jws::tests::rfc_rsa_pem();
        let t = token(json!({"algorithm": "RS256", "privateKey": pem,
            "payload": "{\"iss\":\"joe\",\"exp\":1300819380}", "header": "{\"typ\":\"JWT\"}"}));
        assert_eq!(
            t.unwrap(),
            header(
                "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLCJleHAiOjEzMDA4MTkzODB9.Tx6QmM_mOdloAI1F_-V4JUP-bihony8Ah8_1ZJTdL4eKuG6aeJ52c6tJ6pi4MgRWw4SMYz1okFwOG6sIGInHXv41PpThZ83C4eBUkIaueBsPILyS-GZthQs5rHg54wzb8Yr5yqC9wVuF0djn7ILGjHh_OqH6Ouu6QP3hx5B2g9bB6XydmiSRfPKQv0HrZpZuZJniY1DsE1D5AQxFYhS4jZ2h3zhHEZLCw9dAMAzbQDqusKp6TKunisbADpXhH2Yu2N6lzkBVRykTOev5h0BjojtwpSzB97er8NF5VvhE9n4bLCKSBXihnfPwEnGIOiJ-oGiROSBciCIv7YRKtNcvvg"
            )
        );
    }

    #[test]
    fn missing_or_bad_fields_are_errors_with_postmans_reason() {
        let err = |f: Value| token(f).unwrap_err().0;
        assert!(
            err(json!({"algorithm": "HS256", "secret": "", "payload": "{}"}))
                .starts_with("Invalid secret key")
        );
        assert!(
            err(json!({"algorithm": "RS256", "secret": "s", "payload": "{}"}))
                .starts_with("Invalid private key")
        );
        assert!(
            err(json!({"algorithm": "hs256", "secret": "s", "payload": "{}"}))
                .starts_with("invalid algorithm")
        );
        assert!(
            err(json!({"algorithm": "HS256", "secret": "s"}))
                .starts_with("JWT Claims Set MUST be an object")
        );
        assert!(
            err(json!({"algorithm": "HS256", "secret": "s", "payload": "[1]"}))
                .starts_with("JWT Claims Set")
        );
        assert!(
            err(json!({"algorithm": "HS256", "secret": "s", "payload": "{bad"}))
                .contains("`payload` field is not valid JSON")
        );
        assert!(
            err(json!({"algorithm": "HS256", "secret": "s", "payload": "{}",
            "header": "{\"crit\":[\"b64\"],\"b64\":false}"}))
            .starts_with("JWTs MUST NOT use unencoded payload")
        );
        assert!(
            err(json!({"algorithm": "HS256", "secret": "s", "payload": "{}",
            "header": "{\"crit\":[\"exp\"]}"}))
            .starts_with("Extension Header Parameter \"exp\" is not recognized")
        );
        let pem = super::super::jws::tests::rfc_rsa_pem().replace("PRIVATE KEY", "RSA PRIVATE KEY");
        assert!(
            err(json!({"algorithm": "RS256", "privateKey": pem, "payload": "{}"}))
                .contains("PKCS#8")
        );
    }

    #[test]
    fn crit_b64_true_is_accepted() {
        let t = token(json!({"algorithm": "HS256", "secret": "s", "payload": "{}",
            "header": "{\"crit\":[\"b64\"],\"b64\":true}"}));
        assert_eq!(
            t.unwrap(),
            header(
                "Bearer eyJjcml0IjpbImI2NCJdLCJiNjQiOnRydWUsImFsZyI6IkhTMjU2In0.e30.Q7x3fqAdAx7yz2sSK47MbvCvbYoUvNrKCsPtQCwKyO4"
            )
        );
    }
}
