//! A small JSON API for benchmarks (`bench/run.sh`): answers
//! `GET /items/{n}` with a JSON object of about 200 bytes, on loopback.
//!
//! Usage: `cargo run --release --example bench_server -- [PORT]`; it prints
//! `listening on 127.0.0.1:PORT` and serves until killed.

use axum::Json;
use axum::extract::Path;
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
        let app = axum::Router::new().route("/items/{n}", get(item));
        axum::serve(listener, app).await
    })
}
