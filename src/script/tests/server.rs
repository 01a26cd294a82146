//! A local HTTP server on 127.0.0.1:0 for the tests: `/json`, `/slow`,
//! `/cookie`, `/status/{code}` and `/echo/...` (which answers with the
//! method, path, query, headers and body it received).

use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Request as AxumRequest};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::routing::{any, get};
use bytes::Bytes;
use serde_json::json;

async fn echo(method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> impl IntoResponse {
    let headers: serde_json::Map<String, serde_json::Value> = headers
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v.to_str().unwrap_or_default())))
        .collect();
    Json(json!({
        "method": method.as_str(),
        "path": uri.path(),
        "query": uri.query(),
        "headers": headers,
        "body": String::from_utf8_lossy(&body),
    }))
}

/// Starts the test server; returns its base URL.
pub async fn server() -> String {
    let app = Router::new()
        .route(
            "/json",
            get(|| async {
                (
                    [("X-Test", "1")],
                    Json(json!({"hello": "world", "list": [1, 2, 3]})),
                )
            }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_millis(500)).await;
                "late"
            }),
        )
        .route(
            "/cookie",
            get(|| async { ([("Set-Cookie", "session=s3cr3t; Path=/")], "cookie set") }),
        )
        .route(
            "/status/{code}",
            get(|Path(code): Path<u16>| async move {
                let status = StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST);
                (status, format!("status {code}"))
            }),
        )
        .route("/echo", any(echo))
        .route("/echo/{*rest}", any(echo))
        .fallback(|req: AxumRequest| async move {
            (
                axum::http::StatusCode::NOT_FOUND,
                format!("no route {}", req.uri()),
            )
        });
    let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
        Ok(l) => l,
        Err(e) => panic!("bind: {e}"),
    };
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}
