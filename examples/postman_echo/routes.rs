//! postman-echo's endpoints (those Newman's integration suites call, and a
//! few neighbours), with its response shapes.
//!
//! | path | answer |
//! |---|---|
//! | `/get`, `/post`, `/put`, `/patch`, `/delete` | the request described (`args`, `data`, `files`, `form`, `headers`, `json`, `url`); other methods 404, `OPTIONS` lists the allowed ones |
//! | `/headers` | `{"headers": …}` |
//! | `/response-headers?k=v` | those response headers, and the query as JSON |
//! | `/status/{code}` | that status, `{"status": code}` |
//! | `/delay/{n}` | after n seconds (at most 10), `{"delay": "n"}` |
//! | `/stream/{n}` | n JSON documents, chunked |
//! | `/type/xml`, `/type/html`, `/encoding/utf8` | a body of that type |
//! | `/gzip`, `/deflate` | JSON (`gzipped` / `deflated`: true) so encoded |
//! | `/cookies`, `/cookies/set?k=v`, `/cookies/delete?k` | the request's cookies; set / expire, then redirect to `/cookies` |
//! | `/redirect-to?url=…&status_code=…` | a redirect there |
//! | `/basic-auth`, `/digest-auth`, `/auth/hawk`, `/oauth1`, `/oauth2/…` | see `auth` |
//! | `/ip` | `{"ip": …}` |
//!
//! Every answer sets postman-echo's session cookie (`sails.sid`) on a
//! client that does not send it yet.

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::Path;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use serde_json::{Value, json};

use super::auth;
use super::compress;
use super::request::{
    Incoming, Scheme, describe_get, describe_with_body, headers_object, pairs_object,
};

/// The router of one listener.
pub fn router(scheme: Scheme) -> Router {
    Router::new()
        .route("/", any(home))
        .route("/get", any(get_echo))
        .route("/post", any(|r: Incoming| method_echo(r, Method::POST)))
        .route("/put", any(|r: Incoming| method_echo(r, Method::PUT)))
        .route("/patch", any(|r: Incoming| method_echo(r, Method::PATCH)))
        .route("/delete", any(|r: Incoming| method_echo(r, Method::DELETE)))
        .route("/headers", any(headers))
        .route("/response-headers", any(response_headers))
        .route("/status/{code}", any(status))
        .route("/delay/{n}", any(delay))
        .route("/stream/{n}", any(stream))
        .route("/type/xml", any(xml))
        .route("/type/html", any(html))
        .route("/encoding/utf8", any(utf8))
        .route("/gzip", any(gzip))
        .route("/deflate", any(deflate))
        .route("/cookies", any(cookies))
        .route("/cookies/set", any(set_cookies))
        .route("/cookies/delete", any(delete_cookies))
        .route("/redirect-to", any(redirect_to))
        .route("/basic-auth", any(auth::basic))
        .route("/digest-auth", any(auth::digest))
        .route("/auth/hawk", any(auth::hawk))
        .route("/oauth1", any(auth::oauth1))
        .route("/oauth2/token", any(auth::oauth2_token))
        .route("/oauth2/user/info", any(auth::oauth2_user))
        .route("/ip", any(ip))
        .fallback(not_found)
        .layer(axum::middleware::from_fn(session_cookie))
        .with_state(scheme)
}

/// The session cookie postman-echo gives every client that has none
/// (`sails.sid`, from the framework it runs on). Suites depend on it: a
/// client whose jar still holds a cookie after `/cookies/delete` sends the
/// jar's cookies on the redirect, not the request's first `Cookie` header.
async fn session_cookie(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let has_session = req
        .headers()
        .get_all("cookie")
        .iter()
        .any(|v| v.to_str().is_ok_and(|s| s.contains(SESSION_COOKIE)));
    let mut res = next.run(req).await;
    if !has_session {
        let id = uuid::Uuid::new_v4().simple();
        if let Ok(v) =
            HeaderValue::from_str(&format!("{SESSION_COOKIE}=s%3A{id}; Path=/; HttpOnly"))
        {
            res.headers_mut().append("set-cookie", v);
        }
    }
    res
}

const SESSION_COOKIE: &str = "sails.sid";

/// A JSON response as postman-echo sends it (`application/json; charset=utf-8`).
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    typed(status, "application/json; charset=utf-8", body.to_string())
}

fn typed(status: StatusCode, content_type: &'static str, body: impl Into<Body>) -> Response {
    let mut res = (status, body.into()).into_response();
    res.headers_mut()
        .insert("content-type", HeaderValue::from_static(content_type));
    res
}

/// Unknown paths: 404, except that a path with empty segments (`//get`)
/// is redirected (308) to the path without them, as httpbin.org does (the
/// suites call it for that).
async fn not_found(req: Incoming) -> Response {
    let path = req.path();
    if path.contains("//") {
        let merged: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let mut location = format!("/{}", merged.join("/"));
        if let Some((_, q)) = req.target.split_once('?') {
            location = format!("{location}?{q}");
        }
        return redirect(StatusCode::PERMANENT_REDIRECT, &location);
    }
    let text = format!("Cannot {} {}", req.method, req.path());
    typed(StatusCode::NOT_FOUND, "text/html; charset=utf-8", text)
}

/// The answer to `OPTIONS`: the allowed methods, as Express lists them.
fn options(allowed: &str) -> Response {
    let mut res = typed(
        StatusCode::OK,
        "text/html; charset=utf-8",
        allowed.to_owned(),
    );
    if let Ok(v) = HeaderValue::from_str(allowed) {
        res.headers_mut().insert("allow", v);
    }
    res
}

async fn home(req: Incoming) -> Response {
    let body = format!(
        "<!DOCTYPE html><html><head><title>postman-echo stand-in</title></head><body>{}</body></html>",
        req.url()
    );
    typed(StatusCode::OK, "text/html; charset=utf-8", body)
}

async fn get_echo(req: Incoming) -> Response {
    match req.method {
        Method::GET | Method::HEAD => json_response(StatusCode::OK, &describe_get(&req)),
        Method::OPTIONS => options("GET,HEAD"),
        _ => not_found(req).await,
    }
}

async fn method_echo(req: Incoming, method: Method) -> Response {
    if req.method == method {
        json_response(StatusCode::OK, &describe_with_body(&req))
    } else if req.method == Method::OPTIONS {
        options(method.as_str())
    } else {
        not_found(req).await
    }
}

async fn headers(req: Incoming) -> Response {
    json_response(
        StatusCode::OK,
        &json!({"headers": headers_object(&req.headers)}),
    )
}

/// A Content-Type value as Express re-formats it when it sends a string
/// body: parameters sorted, `; ` between them, `charset=utf-8`.
fn normalized_content_type(value: &str) -> String {
    let mut parts = value.split(';');
    let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let mut params: Vec<(String, String)> = parts
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .filter(|(k, _)| k != "charset")
        .collect();
    params.push(("charset".to_owned(), "utf-8".to_owned()));
    params.sort();
    let mut out = media;
    for (k, v) in params {
        out.push_str(&format!("; {k}={v}"));
    }
    out
}

async fn response_headers(req: Incoming) -> Response {
    let pairs = req.query_pairs();
    let mut res = json_response(StatusCode::OK, &Value::Object(pairs_object(&pairs)));
    for (k, v) in &pairs {
        let value = if k.eq_ignore_ascii_case("content-type") {
            normalized_content_type(v)
        } else {
            v.clone()
        };
        let (Ok(name), Ok(value)) = (
            axum::http::HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(&value),
        ) else {
            continue;
        };
        if name == "content-type" {
            res.headers_mut().insert(name, value);
        } else {
            res.headers_mut().append(name, value);
        }
    }
    res
}

async fn status(Path(code): Path<u16>, _req: Incoming) -> Response {
    match StatusCode::from_u16(code) {
        Ok(s) => json_response(s, &json!({"status": code})),
        Err(_) => json_response(StatusCode::BAD_REQUEST, &json!({"status": code})),
    }
}

async fn delay(Path(n): Path<String>, _req: Incoming) -> Response {
    let secs: u64 = n.parse().unwrap_or(0).min(10);
    tokio::time::sleep(Duration::from_secs(secs)).await;
    json_response(StatusCode::OK, &json!({"delay": n}))
}

async fn stream(Path(n): Path<usize>, req: Incoming) -> Response {
    let doc = format!("{}\n", describe_get(&req));
    let chunks: Vec<Result<String, std::io::Error>> =
        (0..n.min(100)).map(|_| Ok(doc.clone())).collect();
    let body = Body::from_stream(futures_util::stream::iter(chunks));
    typed(StatusCode::OK, "application/json; charset=utf-8", body)
}

async fn xml(_req: Incoming) -> Response {
    let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<_>\n  <_>\n    <id>1</id>\n    <name>postman-echo</name>\n  </_>\n</_>\n";
    typed(StatusCode::OK, "application/xml; charset=utf-8", body)
}

async fn html(_req: Incoming) -> Response {
    let body = "<!DOCTYPE html><html><head><title>postman-echo</title></head><body><p>HTML</p></body></html>";
    typed(StatusCode::OK, "text/html; charset=utf-8", body)
}

async fn utf8(_req: Incoming) -> Response {
    let body = "<h1>Unicode Demo</h1><p>∮ E⋅da = Q,  n → ∞, ∑ f(i) = ∏ g(i) — Ελληνικά — ᚠᛇᚻ — 日本語 — 🍪</p>";
    typed(StatusCode::OK, "text/html; charset=utf-8", body)
}

fn encoded(req: &Incoming, flag: &str, encoding: &'static str) -> Response {
    let doc =
        json!({flag: true, "headers": headers_object(&req.headers), "method": req.method.as_str()});
    let text = doc.to_string();
    let bytes = if encoding == "gzip" {
        compress::gzip(text.as_bytes())
    } else {
        compress::zlib(text.as_bytes())
    };
    let mut res = typed(StatusCode::OK, "application/json; charset=utf-8", bytes);
    res.headers_mut()
        .insert("content-encoding", HeaderValue::from_static(encoding));
    res
}

async fn gzip(req: Incoming) -> Response {
    encoded(&req, "gzipped", "gzip")
}

async fn deflate(req: Incoming) -> Response {
    encoded(&req, "deflated", "deflate")
}

async fn cookies(req: Incoming) -> Response {
    json_response(StatusCode::OK, &json!({"cookies": req.cookies()}))
}

fn redirect(status: StatusCode, location: &str) -> Response {
    let mut res = status.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert("location", v);
    }
    res
}

async fn set_cookies(req: Incoming) -> Response {
    let mut res = redirect(StatusCode::FOUND, "/cookies");
    for (k, v) in req.query_pairs() {
        if let Ok(value) = HeaderValue::from_str(&format!("{k}={v}; Path=/")) {
            res.headers_mut().append("set-cookie", value);
        }
    }
    res
}

async fn delete_cookies(req: Incoming) -> Response {
    let mut res = redirect(StatusCode::FOUND, "/cookies");
    for (k, _) in req.query_pairs() {
        let expired = format!("{k}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        if let Ok(value) = HeaderValue::from_str(&expired) {
            res.headers_mut().append("set-cookie", value);
        }
    }
    res
}

async fn redirect_to(req: Incoming) -> Response {
    let pairs = req.query_pairs();
    let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let status = get("status_code")
        .and_then(|c| c.parse::<u16>().ok())
        .and_then(|c| StatusCode::from_u16(c).ok())
        .filter(StatusCode::is_redirection)
        .unwrap_or(StatusCode::FOUND);
    redirect(status, &get("url").unwrap_or_else(|| "/".to_owned()))
}

async fn ip(req: Incoming) -> Response {
    let ip = req
        .header("x-forwarded-for")
        .and_then(|v| v.split(',').next())
        .unwrap_or("127.0.0.1")
        .trim()
        .to_owned();
    json_response(StatusCode::OK, &json!({"ip": ip}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_is_reformatted_like_express() {
        assert_eq!(
            normalized_content_type("application/json;  charset=utf-8"),
            "application/json; charset=utf-8"
        );
        assert_eq!(
            normalized_content_type("text/html"),
            "text/html; charset=utf-8"
        );
    }
}
