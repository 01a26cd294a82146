//! The two local servers Newman's integration harness starts beside
//! postman-echo (on ports 4041 and 4042 there), rebuilt from what the
//! suites expect of them:
//!
//! - the raw echo: a TCP server that, one second after the first bytes of a
//!   connection, answers `200` with the bytes received as the body (not for
//!   a `HEAD /` request) and, JSON-quoted, in a `raw-request` header, then
//!   closes. Suites check the request line, header spelling and body as
//!   they went on the wire, custom methods included.
//! - the redirect server: `/{n}` redirects (302) to `/{n-1}`, `/1` to `/`;
//!   `/status/{code}` answers that code with `Location: /`; anything else
//!   is described as `{url, method, headers, data}`.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::request::{Incoming, Scheme, headers_object};
use super::routes::json_response;

/// How long the raw echo collects a request before it answers.
const COLLECT: Duration = Duration::from_secs(1);

/// Starts the raw echo on a fresh loopback port, on its own threads.
pub fn start_raw_echo() -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                // A client that goes away mid-exchange ends only its own thread.
                let _ = raw_exchange(stream);
            });
        }
    });
    Ok(addr)
}

/// Reads what arrives in the second after the first bytes, then answers.
fn raw_exchange(mut stream: TcpStream) -> std::io::Result<()> {
    let mut data = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    let n = stream.read(&mut buf)?;
    if n == 0 {
        return Ok(());
    }
    data.extend_from_slice(&buf[..n]);
    let deadline = Instant::now() + COLLECT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        stream.set_read_timeout(Some(left))?;
        match stream.read(&mut buf) {
            Ok(0) => {
                std::thread::sleep(deadline.saturating_duration_since(Instant::now()));
                break;
            }
            Ok(n) => data.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                break;
            }
            Err(e) => return Err(e),
        }
    }
    let text = String::from_utf8_lossy(&data).into_owned();
    let quoted = serde_json::to_string(&text).unwrap_or_default();
    let mut out = Vec::new();
    out.extend_from_slice(b"HTTP/1.1 200 ok\r\nconnection: close\r\ncontent-type: text/plain\r\n");
    out.extend_from_slice(format!("raw-request: {quoted}\r\n\r\n").as_bytes());
    if !text.starts_with("HEAD / HTTP/1.1") {
        out.extend_from_slice(text.as_bytes());
    }
    stream.write_all(&out)?;
    stream.flush()?;
    stream.shutdown(std::net::Shutdown::Both)
}

/// The redirect server's router.
pub fn redirect_router() -> Router {
    Router::new()
        .fallback(redirect_or_echo)
        .with_state(Scheme::Http)
}

fn with_location(status: StatusCode, location: &str) -> Response {
    let mut res = status.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert("location", v);
    }
    res
}

async fn redirect_or_echo(req: Incoming) -> Response {
    let target = req.target.as_str();
    if let Some(hops) = target
        .strip_prefix('/')
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<u64>().ok())
    {
        let next = hops.saturating_sub(1);
        let location = if next > 0 {
            format!("/{next}")
        } else {
            "/".to_owned()
        };
        return with_location(StatusCode::FOUND, &location);
    }
    if let Some(code) = target
        .strip_prefix("/status/")
        .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|c| c.parse::<u16>().ok())
        .and_then(|c| StatusCode::from_u16(c).ok())
    {
        return with_location(code, "/");
    }
    let body = json!({
        "url": target,
        "method": req.method.as_str(),
        "headers": headers_object(&req.headers),
        "data": String::from_utf8_lossy(&req.body),
    });
    let mut res = json_response(StatusCode::OK, &body);
    res.headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    res.headers_mut()
        .insert("connection", HeaderValue::from_static("close"));
    res
}
