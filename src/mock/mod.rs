//! `--mock`: an in-process server on a loopback port that answers from the
//! collection's saved example responses, like a Postman mock server.
//!
//! This module is not in the design's original map: it is the zero-setup
//! default (the README's first command runs the bundled workflow against
//! it), and it belongs neither to `http/` (which sends) nor to `runner/`.
//!
//! Matching: the method must be equal; the path is compared segment by
//! segment with the example's URL, where `{{var}}` and `:param` segments
//! are wildcards and a leading variable host (`{{apiPath}}`) is a base that
//! may stand for any number of leading segments. Among the examples that
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

pub use matcher::{Example, MockIndex};

use crate::collection::Collection;

/// Response header set when no example matched.
pub const MISS_HEADER: &str = "x-courier-mock-miss";

/// A running mock server; it stops when dropped.
pub struct MockServer {
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl MockServer {
    /// Indexes the collection's examples and serves them on `127.0.0.1:0`.
    pub async fn start(collection: &Collection) -> std::io::Result<MockServer> {
        let index = Arc::new(MockIndex::new(collection));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let app = axum::Router::new().fallback(answer).with_state(index);
        let task = tokio::spawn(async move {
            // The server ends with the process or when the handle is dropped.
            let _ = axum::serve(listener, app).await;
        });
        Ok(MockServer { addr, task })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
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
            let message = format!("no saved example for {} {}", method, uri.path());
            let mut response = (StatusCode::NOT_FOUND, message).into_response();
            response
                .headers_mut()
                .insert(MISS_HEADER, axum::http::HeaderValue::from_static("1"));
            response
        }
    }
}
