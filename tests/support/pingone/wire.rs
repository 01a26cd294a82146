//! The simulator's view of HTTP: a request read whole ([`Req`]), an answer
//! built by a handler ([`Resp`]), and PingOne's error shape.
//!
//! Handlers in `platform.rs` and `auth.rs` never see axum types: they get a
//! [`Req`] and return a [`Resp`], which `mod.rs` turns into an axum response.
//! Every failure a client can cause is a [`Resp`] with PingOne's error body
//! `{"id", "code", "message", "details": [...]}`; nothing here panics on
//! what a client sent.

use axum::body::Bytes;
use axum::http::HeaderMap;
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Map, Value, json};

/// A request as the simulator received it.
pub(super) struct Req {
    /// `GET`, `POST`, ...
    pub method: String,
    /// Path segments, percent-decoded, empty ones dropped.
    pub segments: Vec<String>,
    /// The path as sent (for the request log).
    pub path: String,
    /// Decoded query parameters, in order.
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Req {
    /// Builds a request from its parts.
    pub fn new(method: &str, path: &str, query: &str, headers: HeaderMap, body: Bytes) -> Req {
        let segments = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .collect();
        Req {
            method: method.to_owned(),
            segments,
            path: path.to_owned(),
            query: form_pairs(query.as_bytes()),
            headers,
            body,
        }
    }

    /// A header's value as text (first of several).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// A query parameter.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        lookup(&self.query, name)
    }

    /// The media type of the body, lower-cased, without parameters.
    pub fn media_type(&self) -> String {
        self.header("content-type")
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    }

    /// The bearer token of the `Authorization` header.
    pub fn bearer(&self) -> Option<&str> {
        let value = self.header("authorization")?;
        let (scheme, token) = value.split_once(' ')?;
        scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| token.trim())
            .filter(|t| !t.is_empty())
    }

    /// `(client id, secret)` from a Basic `Authorization` header.
    pub fn basic(&self) -> Option<(String, String)> {
        let value = self.header("authorization")?;
        let (scheme, encoded) = value.split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("basic") {
            return None;
        }
        let decoded = STANDARD.decode(encoded.trim()).ok()?;
        let text = String::from_utf8(decoded).ok()?;
        let (id, secret) = text.split_once(':')?;
        Some((id.to_owned(), secret.to_owned()))
    }

    /// A cookie sent in any `Cookie` header.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all("cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_owned())
    }

    /// The body as form parameters.
    pub fn form(&self) -> Vec<(String, String)> {
        form_pairs(&self.body)
    }

    /// The body as a JSON object, or PingOne's answer to a body that is not one.
    pub fn json_object(&self) -> Result<Map<String, Value>, Resp> {
        match serde_json::from_slice::<Value>(&self.body) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err(Resp::error(
                400,
                "INVALID_DATA",
                "The request could not be completed. The request body must be a JSON object.",
                vec![],
            )),
            Err(e) => Err(Resp::error(
                400,
                "INVALID_DATA",
                "The request could not be completed. The request body is not valid JSON.",
                vec![json!({ "code": "INVALID_VALUE", "message": e.to_string() })],
            )),
        }
    }

    /// 415 unless the body's media type is `expected`.
    pub fn require_media_type(&self, expected: &str) -> Result<(), Resp> {
        // Media types compare case-insensitively (RFC 9110).
        let got = self.media_type();
        if got.eq_ignore_ascii_case(expected) {
            return Ok(());
        }
        let shown = if got.is_empty() {
            "none".to_owned()
        } else {
            got
        };
        Err(Resp::error(
            415,
            "INVALID_REQUEST",
            &format!(
                "The request could not be completed. Content-Type must be {expected} (got {shown})."
            ),
            vec![json!({
                "code": "UNSUPPORTED_MEDIA_TYPE",
                "target": "Content-Type",
                "message": format!("Unsupported media type {shown}; expected {expected}."),
            })],
        ))
    }
}

/// Decoded `application/x-www-form-urlencoded` pairs.
pub(super) fn form_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(bytes)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The first value of `name` in `pairs`.
pub(super) fn lookup<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// An answer: status, headers, and a JSON body (or none).
#[derive(Debug, Clone)]
pub(super) struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Option<Value>,
}

impl Resp {
    /// A JSON answer.
    pub fn json(status: u16, body: Value) -> Resp {
        Resp {
            status,
            headers: Vec::new(),
            body: Some(body),
        }
    }

    /// A 302 to `location`, with no body.
    pub fn redirect(location: &str) -> Resp {
        Resp {
            status: 302,
            headers: vec![("Location".into(), location.to_owned())],
            body: None,
        }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: String) -> Resp {
        self.headers.push((name.to_owned(), value));
        self
    }

    /// PingOne's error shape.
    pub fn error(status: u16, code: &str, message: &str, details: Vec<Value>) -> Resp {
        Resp::json(
            status,
            json!({
                "id": uuid::Uuid::new_v4().to_string(),
                "code": code,
                "message": message,
                "details": details,
            }),
        )
    }

    /// An error of the token endpoint: PingOne's shape, plus the OAuth 2.0
    /// `error` / `error_description` fields OAuth clients read.
    pub fn oauth_error(status: u16, error: &str, description: &str) -> Resp {
        let mut resp = Resp::error(
            status,
            &error.to_ascii_uppercase(),
            &format!("The request could not be completed. {description}"),
            vec![json!({ "code": error.to_ascii_uppercase(), "message": description })],
        );
        if let Some(Value::Object(body)) = &mut resp.body {
            body.insert("error".into(), json!(error));
            body.insert("error_description".into(), json!(description));
        }
        resp
    }

    /// 404 for something that does not exist.
    pub fn not_found(what: &str, id: &str) -> Resp {
        Resp::error(
            404,
            "NOT_FOUND",
            &format!("Unable to find {what} with ID: '{id}'"),
            vec![
                json!({ "code": "NOT_FOUND", "target": "id", "message": format!("No {what} '{id}'.") }),
            ],
        )
    }

    /// 400 for a body that fails validation; `details` name the fields.
    pub fn invalid_data(details: Vec<Value>) -> Resp {
        Resp::error(
            400,
            "INVALID_DATA",
            "The request could not be completed. One or more validation errors were in the request.",
            details,
        )
    }
}

/// One validation detail: `{code, target, message}`.
pub(super) fn detail(code: &str, target: &str, message: &str) -> Value {
    json!({ "code": code, "target": target, "message": message })
}

/// A fresh UUID as text.
pub(super) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// 48 random bytes, base64url: the length and alphabet of PingOne secrets.
pub(super) fn new_secret() -> String {
    let bytes: Vec<u8> = (0..3)
        .flat_map(|_| *uuid::Uuid::new_v4().as_bytes())
        .collect();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// An unsigned-looking JWT carrying `claims` (the signature is random bytes:
/// nobody verifies it, but tokens look like PingOne's).
pub(super) fn jwt(claims: &Value) -> String {
    let header = json!({ "kid": "simulator", "alg": "RS256" });
    let signature = new_secret();
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        signature
    )
}

/// Now, as PingOne writes timestamps (`2025-04-17T10:31:07.123Z`).
pub(super) fn now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// Seconds since the epoch.
pub(super) fn epoch() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Renames every object key `from` to `to`, at any depth.
pub(super) fn rename_key(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::Object(map) => {
            let renamed: Map<String, Value> = std::mem::take(map)
                .into_iter()
                .map(|(k, mut v)| {
                    rename_key(&mut v, from, to);
                    if k == from {
                        (to.to_owned(), v)
                    } else {
                        (k, v)
                    }
                })
                .collect();
            *map = renamed;
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rename_key(v, from, to)),
        _ => {}
    }
}
