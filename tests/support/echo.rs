//! The echo server: records every request it receives and answers with a
//! JSON description of it, so tests can check what courier sent.
//!
//! Routes: anything → echo (200); `/status/{code}` → that status;
//! `/redirect?to=…&code=…` → a redirect; `/cookie/set?name=value` →
//! `Set-Cookie`; `/digest` → digest challenge / check; `/slow?ms=…` →
//! answers late; `/json/{n}` → a JSON body with `id` = n.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use serde_json::{Value, json};

use super::{TestServer, serve};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Received {
    /// First header value by name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The echo server and its log.
pub struct Echo {
    pub server: TestServer,
    log: Arc<Mutex<Vec<Received>>>,
}

impl Echo {
    /// Starts the server.
    pub fn start() -> Echo {
        let log: Arc<Mutex<Vec<Received>>> = Arc::default();
        let router = axum::Router::new()
            .route("/status/{code}", any(status))
            .route("/redirect", any(redirect))
            .route("/cookie/set", any(set_cookie))
            .route("/digest", any(digest))
            .route("/slow", any(slow))
            .route("/json/{n}", any(json_n))
            .fallback(echo)
            .with_state(log.clone());
        Echo {
            server: serve(router),
            log,
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<Received> {
        self.log.lock().expect("log").clone()
    }
}

type Log = State<Arc<Mutex<Vec<Received>>>>;

fn record(log: &Log, method: &Method, uri: &Uri, headers: &HeaderMap, body: &Bytes) -> Received {
    let r = Received {
        method: method.to_string(),
        path: uri.path().to_owned(),
        query: uri.query().unwrap_or("").to_owned(),
        headers: headers
            .iter()
            .map(|(k, v)| {
                (
                    k.to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: String::from_utf8_lossy(body).into_owned(),
    };
    log.lock().expect("log").push(r.clone());
    r
}

fn describe(r: &Received) -> Value {
    let headers: serde_json::Map<String, Value> = r
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    json!({
        "method": r.method,
        "path": r.path,
        "query": r.query,
        "headers": headers,
        "body": r.body,
        "json": serde_json::from_str::<Value>(&r.body).unwrap_or(Value::Null),
    })
}

async fn echo(log: Log, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let r = record(&log, &method, &uri, &headers, &body);
    axum::Json(describe(&r)).into_response()
}

async fn status(
    log: Log,
    Path(code): Path<u16>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let r = record(&log, &method, &uri, &headers, &body);
    let code = StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST);
    (code, axum::Json(describe(&r))).into_response()
}

async fn redirect(
    log: Log,
    RawQuery(q): RawQuery,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    record(&log, &method, &uri, &headers, &body);
    let params: Vec<(String, String)> =
        url::form_urlencoded::parse(q.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let code = get("code").and_then(|c| c.parse().ok()).unwrap_or(302);
    let to = get("to").unwrap_or_else(|| "/".into());
    let mut res = StatusCode::from_u16(code)
        .unwrap_or(StatusCode::FOUND)
        .into_response();
    res.headers_mut()
        .insert("location", to.parse().expect("location"));
    res
}

async fn set_cookie(
    log: Log,
    RawQuery(q): RawQuery,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    record(&log, &method, &uri, &headers, &body);
    let mut res = axum::Json(json!({"set": q})).into_response();
    for (k, v) in url::form_urlencoded::parse(q.unwrap_or_default().as_bytes()) {
        res.headers_mut().append(
            "set-cookie",
            format!("{k}={v}; Path=/").parse().expect("cookie"),
        );
    }
    res
}

async fn slow(
    log: Log,
    RawQuery(q): RawQuery,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let r = record(&log, &method, &uri, &headers, &body);
    let ms: u64 = q
        .and_then(|q| q.strip_prefix("ms=").and_then(|v| v.parse().ok()))
        .unwrap_or(1000);
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    axum::Json(describe(&r)).into_response()
}

async fn json_n(
    log: Log,
    Path(n): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    record(&log, &method, &uri, &headers, &body);
    axum::Json(json!({"id": n, "token": format!("tok-{n}"), "items": [{"name": "a", "v": 1}, {"name": "b", "v": 2}]})).into_response()
}

/// Digest auth with user `u`, password `p`, realm `r`, MD5, qop=auth.
async fn digest(log: Log, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let r = record(&log, &method, &uri, &headers, &body);
    let nonce = "abc123";
    let challenge = || {
        let mut res = StatusCode::UNAUTHORIZED.into_response();
        res.headers_mut().insert(
            "www-authenticate",
            format!("Digest realm=\"r\", qop=\"auth\", nonce=\"{nonce}\", opaque=\"op\"")
                .parse()
                .expect("challenge"),
        );
        res
    };
    let Some(auth) = r.header("authorization").map(str::to_owned) else {
        return challenge();
    };
    let field = |name: &str| -> String {
        let key = format!("{name}=");
        auth.split(", ")
            .find_map(|p| p.trim_start_matches("Digest ").strip_prefix(&key))
            .unwrap_or("")
            .trim_matches('"')
            .to_owned()
    };
    let md5 = |s: String| format!("{:x}", md5_digest(s.as_bytes()));
    let ha1 = md5("u:r:p".to_owned());
    let ha2 = md5(format!("{}:{}", r.method, field("uri")));
    let want = md5(format!(
        "{ha1}:{nonce}:{}:{}:auth:{ha2}",
        field("nc"),
        field("cnonce")
    ));
    if field("response") == want && field("username") == "u" {
        axum::Json(json!({"authenticated": true})).into_response()
    } else {
        challenge()
    }
}

fn md5_digest(data: &[u8]) -> impl std::fmt::LowerHex {
    use md5::Digest as _;
    let out = md5::Md5::digest(data);
    Hex(out.to_vec())
}

struct Hex(Vec<u8>);

impl std::fmt::LowerHex for Hex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for b in &self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}
