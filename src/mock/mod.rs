//! `--mock`: an in-process server on a loopback port that answers from the
//! collection's saved example responses, like a Postman mock server.
//!
//! This module is not in the design's original map: it is the zero-setup
//! default (the README's first command runs the bundled workflow against
//! it), and it belongs neither to `http/` (which sends) nor to `runner/`.
//!
//! Matching: the method must be equal; the path is compared segment by
//! segment with the example's URL, where `{{var}}` and `:param` segments
//! are wildcards (a `{{var}}` segment also matches the empty segment, or
//! none, that an empty variable leaves) and a leading variable host
//! (`{{apiPath}}`) is a base that may stand for any number of leading
//! segments. Among the examples that
//! match, the one whose query, headers and body parameters agree most with
//! the request wins; the headers `x-mock-response-name` and
//! `x-mock-response-code` pick an example explicitly, as in Postman.
//! Dynamic variables (`{{$guid}}`, …) in example bodies get fresh values.
//! When nothing matches, the answer is a 404 carrying [`MISS_HEADER`], which
//! the runner reports as "no saved example for METHOD PATH".

mod matcher;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

pub(crate) use matcher::MockRequest;
pub use matcher::{Example, MockIndex};

use crate::collection::Collection;

/// Response header set when no example matched.
pub const MISS_HEADER: &str = "x-courier-mock-miss";

/// A running mock server; it stops when dropped.
///
/// It runs on a thread of its own with its own runtime, so it keeps
/// answering whichever runtime (or `--parallel` worker threads) the run uses.
pub struct MockServer {
    addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl MockServer {
    /// Indexes the collection's examples and serves them on `127.0.0.1:0`.
    pub async fn start(collection: &Collection) -> std::io::Result<MockServer> {
        Self::spawn(collection)
    }

    /// Like [`MockServer::start`], for callers without a runtime.
    pub fn spawn(collection: &Collection) -> std::io::Result<MockServer> {
        let index = Arc::new(MockIndex::new(collection));
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            rt.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                let app = axum::Router::new().fallback(answer).with_state(index);
                // Ends when the handle is dropped.
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await;
            });
        });
        Ok(MockServer {
            addr,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

async fn answer(
    State(index): State<Arc<MockIndex>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let header_list: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let request = matcher::MockRequest {
        method: method.as_str(),
        path: uri.path(),
        query: uri.query().unwrap_or(""),
        headers: &header_list,
        body: &body,
    };
    match index.find(&request) {
        Some(example) => {
            let status = StatusCode::from_u16(example.code).unwrap_or(StatusCode::OK);
            let mut response = (status, example.render_body()).into_response();
            let out = response.headers_mut();
            for (k, v) in &example.headers {
                if let (Ok(name), Ok(value)) = (
                    axum::http::HeaderName::from_bytes(k.as_bytes()),
                    axum::http::HeaderValue::from_str(v),
                ) {
                    out.append(name, value);
                }
            }
            response
        }
        None => {
            // Decoded, so an unresolved `{{envID}}` reads as written.
            let path = percent_encoding::percent_decode_str(uri.path()).decode_utf8_lossy();
            let message = format!("no saved example for {method} {path}");
            let mut response = (StatusCode::NOT_FOUND, message).into_response();
            response
                .headers_mut()
                .insert(MISS_HEADER, axum::http::HeaderValue::from_static("1"));
            response
        }
    }
}
