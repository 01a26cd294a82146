//! A small JSON API for benchmarks (`bench/run.sh`): answers
//! `GET /items/{n}` with a JSON object of about 200 bytes, on loopback.
//! `GET /bytes/{n}` streams `n` bytes of text in 64 KiB chunks, with a
//! Content-Length (`?chunked` leaves it out), for `bench/big-response.sh`.
//! `GET /slow/{ms}/items/{n}` answers as `/items/{n}` after `ms`
//! milliseconds, for `bench/busy-poll.sh`.
//!
//! Usage: `cargo run --release --example bench_server -- [PORT]`; it prints
//! `listening on 127.0.0.1:PORT` and serves until killed.

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, RawQuery};
use axum::response::Response;
use axum::routing::get;
use serde_json::{Value, json};

async fn item(Path(n): Path<u64>) -> Json<Value> {
    Json(json!({
        "id": n,
        "name": format!("item-{n}"),
        "enabled": true,
        "price": 12.5,
        "tags": ["alpha", "beta", "gamma"],
        "owner": {"id": "u-17", "email": "owner@example.test"},
        "createdAt": "2026-01-01T00:00:00Z"
    }))
}

/// `/items/{n}` after `ms` milliseconds: a server slower than the
/// client's polling window.
async fn slow_item(Path((ms, n)): Path<(u64, u64)>) -> Json<Value> {
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    item(Path(n)).await
}

/// `n` bytes of `x`s in 64 KiB chunks, made as they are sent.
async fn bytes(Path(n): Path<u64>, RawQuery(query): RawQuery) -> Response {
    const CHUNK: u64 = 64 * 1024;
    let chunk = bytes::Bytes::from(vec![b'x'; CHUNK as usize]);
    let chunks = (0..n.div_ceil(CHUNK)).map(move |i| {
        let len = CHUNK.min(n - i * CHUNK) as usize;
        Ok::<_, std::io::Error>(chunk.slice(..len))
    });
    let mut response = Response::builder().header("Content-Type", "text/plain");
    if query.as_deref() != Some("chunked") {
        response = response.header("Content-Length", n);
    }
    response
        .body(Body::from_stream(futures_util::stream::iter(chunks)))
        .unwrap_or_default()
}

fn main() -> std::io::Result<()> {
    let port: u16 = std::env::args()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        println!("listening on {}", listener.local_addr()?);
        let app = axum::Router::new()
            .route("/items/{n}", get(item))
            .route("/slow/{ms}/items/{n}", get(slow_item))
            .route("/bytes/{n}", get(bytes));
        axum::serve(listener, app).await
    })
}
