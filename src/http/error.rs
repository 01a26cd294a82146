//! The error of building a request, and the message of a transport failure.
//!
//! [`BuildError`] has its own module so that `build.rs` (which calls auth)
//! and `auth/` (which signs what `build.rs` built) both use it without
//! importing each other. [`transport_error`] turns what reqwest reports into
//! one line naming the URL once and the cause once: reqwest and hyper wrap
//! a cause in layers that say where it passed (`client error (Connect)`,
//! `error decoding response body`, …), which read as causes of their own.

use super::exchange::{HttpError, HttpErrorKind};

/// Why a request could not be built; the item is reported and skipped.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
#[error("{message}")]
pub struct BuildError {
    /// What went wrong, and what to do.
    pub message: String,
    /// The URL text, when the URL itself was the problem (an undefined
    /// variable in the host, say): Postman attempts such a request and
    /// fails it at the network, so the runner reports it the same way.
    pub bad_url: Option<String>,
}

impl BuildError {
    /// An error that is not about the URL.
    pub fn new(message: impl Into<String>) -> Self {
        BuildError {
            message: message.into(),
            bad_url: None,
        }
    }
}

/// Messages of reqwest / hyper layers that say where an error passed, not
/// what it was.
const LAYERS: &[&str] = &[
    "error sending request",
    "error decoding response body",
    "request or response body error",
    "error reading a body from connection",
    "tcp connect error",
    "client error",
];

/// hyper's layer for a failure reading the body off the connection: without
/// it, a body error came from the decoder of the `Content-Encoding`.
const CONNECTION_BODY: &str = "error reading a body from connection";

/// A transport failure of `url` as one line: the URL, then the phase (the
/// body, its decoding) and the causes, each once.
pub(super) fn transport_error(e: reqwest::Error, url: &str) -> HttpError {
    let e = e.without_url();
    let mut chain = Vec::new();
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(err) = next {
        chain.push(err.to_string());
        next = err.source();
    }
    let kind = if e.is_timeout() {
        HttpErrorKind::Timeout
    } else if chain.iter().any(|c| {
        let c = c.to_lowercase();
        c.contains("certificate") || c.contains("tls") || c.contains("handshake")
    }) {
        HttpErrorKind::Tls
    } else if e.is_connect() {
        HttpErrorKind::Connect
    } else if e.is_builder() {
        HttpErrorKind::InvalidUrl
    } else {
        HttpErrorKind::Other
    };
    let in_body = e.is_decode() || e.is_body();
    let decoding = in_body && !chain.iter().any(|c| c == CONNECTION_BODY);
    HttpError {
        kind,
        message: format!("{url}: {}", explain(&chain, kind, in_body, decoding)),
    }
}

/// The causes of `chain` without its layers, each once, said for the phase.
fn explain(chain: &[String], kind: HttpErrorKind, in_body: bool, decoding: bool) -> String {
    let mut causes: Vec<&str> = Vec::new();
    for cause in chain.iter().map(String::as_str) {
        let layer = LAYERS
            .iter()
            .any(|l| cause == *l || cause.strip_prefix(l).is_some_and(|r| r.starts_with(" (")));
        if !layer && !cause.is_empty() && !causes.iter().any(|c| c.contains(cause)) {
            causes.push(cause);
        }
    }
    if kind == HttpErrorKind::Timeout {
        // The kind says it timed out; the causes only say so again.
        return if in_body {
            "the response body was still arriving when the request timeout ran out".into()
        } else {
            "no response before the request timeout ran out".into()
        };
    }
    let causes = if causes.is_empty() {
        // Only layers: the last one is all there is to say.
        chain.last().cloned().unwrap_or_default()
    } else {
        causes.join(": ")
    };
    if decoding {
        // flate2 calls every gzip or zlib data error a "deflate" error,
        // whichever encoding the response declared (the decoder drops the
        // header): say what is certain.
        let causes = causes.replace("deflate decompression error", "corrupt compressed data");
        format!("the response body does not decode as its Content-Encoding declares: {causes}")
    } else if in_body {
        format!("the response body could not be read: {causes}")
    } else {
        causes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(chain: &[&str]) -> Vec<String> {
        chain.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn issue15_layers_are_dropped_and_each_cause_said_once() {
        let cases: &[(&[&str], HttpErrorKind, bool, bool, &str)] = &[
            (
                &[
                    "client error (Connect)",
                    "tcp connect error",
                    "Connection refused (os error 111)",
                ],
                HttpErrorKind::Connect,
                false,
                false,
                "Connection refused (os error 111)",
            ),
            (
                &[
                    "client error (SendRequest)",
                    "connection closed before message completed",
                ],
                HttpErrorKind::Other,
                false,
                false,
                "connection closed before message completed",
            ),
            (
                &[
                    "error decoding response body",
                    "request or response body error",
                    "error reading a body from connection",
                    "Connection reset by peer (os error 104)",
                ],
                HttpErrorKind::Other,
                true,
                false,
                "the response body could not be read: Connection reset by peer (os error 104)",
            ),
            (
                &[
                    "error decoding response body",
                    "request or response body error",
                    "deflate decompression error",
                ],
                HttpErrorKind::Other,
                true,
                true,
                "the response body does not decode as its Content-Encoding declares: corrupt compressed data",
            ),
            (
                &[
                    "error decoding response body",
                    "request or response body error",
                    "operation timed out",
                ],
                HttpErrorKind::Timeout,
                true,
                false,
                "the response body was still arriving when the request timeout ran out",
            ),
            (
                &["error sending request", "operation timed out"],
                HttpErrorKind::Timeout,
                false,
                false,
                "no response before the request timeout ran out",
            ),
            (
                &["error sending request", "a: b", "b"],
                HttpErrorKind::Other,
                false,
                false,
                "a: b",
            ),
            (
                &["error sending request"],
                HttpErrorKind::Other,
                false,
                false,
                "error sending request",
            ),
        ];
        for (chain, kind, in_body, decoding, want) in cases {
            assert_eq!(
                explain(&strings(chain), *kind, *in_body, *decoding),
                *want,
                "{chain:?}"
            );
        }
    }
}
