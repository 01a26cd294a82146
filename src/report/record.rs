//! A masked, compact copy of one item's result, for the file reporters.
//!
//! The JSON and HTML reporters keep (or spool) one [`ExecutionRecord`] per
//! item run instead of the [`ItemResult`] itself: every string is already
//! masked with the secrets known when the item finished, and bodies are cut
//! at a limit with their full size kept, so a long run does not hold every
//! response body in memory. A body past `--max-response-size`, which was
//! never kept, is recorded as its size and sha256.

use std::time::Duration;

use super::mask::Masker;
use crate::http::{DroppedBody, Exchange, Header, ResponseData, human_bytes};
use crate::runner::{
    AssertionSource, AssertionStatus, Attempt, ConsoleEntry, ItemError, ItemRef, ItemResult,
    ScriptEvent, Visualization,
};

/// A body as reports show it.
#[derive(Debug, Clone, Default)]
pub struct BodyRecord {
    /// The masked text, cut at the limit.
    pub text: String,
    /// Size of the whole body, in bytes.
    pub size: usize,
    /// Whether `text` was cut.
    pub truncated: bool,
    /// Set when the body passed `--max-response-size` and was not kept:
    /// `text` is empty, `size` the real size.
    pub dropped: Option<DroppedBody>,
}

impl BodyRecord {
    /// The record of a response's body: masked and cut as [`BodyRecord::new`]
    /// says, or, for a body too large to keep, its size and sha256.
    pub fn response(resp: &ResponseData, masker: &Masker, limit: usize) -> Self {
        match &resp.dropped {
            Some(d) => BodyRecord {
                text: String::new(),
                size: usize::try_from(d.size).unwrap_or(usize::MAX),
                truncated: false,
                dropped: Some(d.clone()),
            },
            None => BodyRecord::new(&String::from_utf8_lossy(&resp.body), masker, limit),
        }
    }

    /// What reports show in place of a body that was not kept.
    pub fn dropped_note(&self) -> Option<String> {
        self.dropped.as_ref().map(|d| {
            format!(
                "[body not kept: {} bytes, sha256 {}; larger than --max-response-size ({})]",
                d.size,
                d.sha256,
                human_bytes(d.limit)
            )
        })
    }

    /// Masks `body`, then cuts it at `limit` bytes (on a character boundary).
    pub fn new(body: &str, masker: &Masker, limit: usize) -> Self {
        let masked = masker.body(body);
        let size = body.len();
        if masked.len() <= limit {
            return BodyRecord {
                text: masked,
                size,
                truncated: false,
                dropped: None,
            };
        }
        let mut cut = limit;
        while !masked.is_char_boundary(cut) {
            cut -= 1;
        }
        BodyRecord {
            text: masked[..cut].to_owned(),
            size,
            truncated: true,
            dropped: None,
        }
    }

    /// The body parsed as JSON, when it is JSON and was not cut.
    pub fn json(&self) -> Option<serde_json::Value> {
        if self.truncated || self.text.is_empty() {
            return None;
        }
        let t = self.text.trim_start();
        if !(t.starts_with('{') || t.starts_with('[')) {
            return None;
        }
        serde_json::from_str(&self.text).ok()
    }
}

/// The request as sent.
#[derive(Debug, Clone, Default)]
pub struct RequestRecord {
    /// Method.
    pub method: String,
    /// Final URL (masked).
    pub url: String,
    /// Headers (masked).
    pub headers: Vec<Header>,
    /// Body.
    pub body: BodyRecord,
}

/// The response received.
#[derive(Debug, Clone, Default)]
pub struct ResponseRecord {
    /// Status code.
    pub status: u16,
    /// Reason phrase.
    pub reason: String,
    /// Headers (masked).
    pub headers: Vec<Header>,
    /// Body.
    pub body: BodyRecord,
    /// Response time.
    pub time: Duration,
    /// Body plus header bytes, as Postman counts them.
    pub size: usize,
    /// The HTTP version (`HTTP/1.1`, `HTTP/2.0`); empty when not known.
    pub http_version: String,
}

/// One assertion, masked.
#[derive(Debug, Clone)]
pub struct AssertionRecord {
    /// Test name.
    pub name: String,
    /// Outcome.
    pub status: AssertionStatus,
    /// Where it came from.
    pub source: AssertionSource,
    /// Failure message.
    pub message: Option<String>,
    /// Expected value.
    pub expected: Option<String>,
    /// Actual value.
    pub actual: Option<String>,
}

/// A failure of the item that is not an assertion, masked.
#[derive(Debug, Clone)]
pub struct ErrorRecord {
    /// `ScriptError`, `RequestError`, `HttpError`.
    pub kind: &'static str,
    /// The full message.
    pub message: String,
    /// The error itself (for the script event and line).
    pub error: ItemError,
}

/// One request and its outcome, masked.
#[derive(Debug, Clone)]
pub struct ExchangeRecord {
    /// The request as sent.
    pub request: RequestRecord,
    /// The response, when one came.
    pub response: Option<ResponseRecord>,
    /// Why no response came.
    pub request_error: Option<String>,
}

impl ExchangeRecord {
    /// A record of `ex`, masked with `masker`, bodies cut at `body_limit` bytes.
    /// What the masker's [`Omit`](super::omit::Omit) names is left out
    /// (a body keeps its size).
    pub fn new(ex: &Exchange, masker: &Masker, body_limit: usize) -> Self {
        let omit = masker.omit();
        let headers = |list: &[Header]| {
            if omit.headers {
                Vec::new()
            } else {
                masker.headers(list)
            }
        };
        let request = RequestRecord {
            method: ex.request.method.clone(),
            url: masker.text(&ex.request.url),
            headers: headers(&ex.request.headers),
            body: if omit.request_bodies {
                BodyRecord::default()
            } else {
                BodyRecord::new(&ex.request.body, masker, body_limit)
            },
        };
        match &ex.response {
            Ok(resp) => ExchangeRecord {
                request,
                response: Some(ResponseRecord {
                    status: resp.status,
                    reason: resp.reason.clone(),
                    headers: headers(&resp.headers),
                    body: if omit.response_bodies {
                        BodyRecord {
                            size: BodyRecord::response(resp, masker, 0).size,
                            ..BodyRecord::default()
                        }
                    } else {
                        BodyRecord::response(resp, masker, body_limit)
                    },
                    time: resp.time,
                    size: resp.size(),
                    http_version: resp.http_version.clone(),
                }),
                request_error: None,
            },
            Err(e) => ExchangeRecord {
                request,
                response: None,
                request_error: Some(masker.text(&e.to_string())),
            },
        }
    }
}

/// A request a script sent with `pm.sendRequest`, masked.
#[derive(Debug, Clone)]
pub struct ScriptRequestRecord {
    /// The script phase that sent it.
    pub event: ScriptEvent,
    /// Where the script lives (`collection`, `folder "NAME"`, `item`).
    pub origin: String,
    /// What was sent and what came back.
    pub exchange: ExchangeRecord,
}

/// Everything reports show about one item run.
#[derive(Debug, Clone)]
pub struct ExecutionRecord {
    /// Which item.
    pub item: ItemRef,
    /// 0-based iteration.
    pub iteration: usize,
    /// 0-based position of this run within its iteration.
    pub position: usize,
    /// The request, when one was sent.
    pub request: Option<RequestRecord>,
    /// The response, when one came.
    pub response: Option<ResponseRecord>,
    /// Why no response came, when a request was sent.
    pub request_error: Option<String>,
    /// Requests its scripts sent (`pm.sendRequest`), in the order the scripts made them.
    pub script_requests: Vec<ScriptRequestRecord>,
    /// Assertions in order.
    pub assertions: Vec<AssertionRecord>,
    /// Other failures, a `pm.sendRequest` without a response included.
    pub errors: Vec<ErrorRecord>,
    /// Console output of the scripts.
    pub console: Vec<ConsoleEntry>,
    /// `pm.execution.skipRequest()` was called.
    pub skipped: bool,
    /// Wall time of the item.
    pub duration: Duration,
    /// Whether anything failed.
    pub failed: bool,
    /// The rendered `pm.visualizer` template (masked), or why it did not render.
    pub visualization: Option<Visualization>,
    /// Every attempt at the request (errors masked) when `--retry` applied
    /// to it; empty otherwise.
    pub attempts: Vec<Attempt>,
}

impl ExecutionRecord {
    /// A record of `r`, masked with `masker`, bodies cut at `body_limit` bytes.
    pub fn new(r: &ItemResult, position: usize, masker: &Masker, body_limit: usize) -> Self {
        let (request, response, request_error) = match &r.exchange {
            None => (None, None, None),
            Some(ex) => {
                let x = ExchangeRecord::new(ex, masker, body_limit);
                (Some(x.request), x.response, x.request_error)
            }
        };
        ExecutionRecord {
            item: r.item.clone(),
            iteration: r.iteration,
            position,
            request,
            response,
            request_error,
            script_requests: r
                .script_requests
                .iter()
                .map(|s| ScriptRequestRecord {
                    event: s.event,
                    origin: s.origin.clone(),
                    exchange: ExchangeRecord::new(&s.exchange, masker, body_limit),
                })
                .collect(),
            assertions: r.assertions.iter().map(|a| assertion(a, masker)).collect(),
            // A `pm.sendRequest` that got no response fails the run too.
            errors: r
                .errors
                .iter()
                .cloned()
                .chain(r.script_requests.iter().filter_map(|s| s.error()))
                .map(|e| ErrorRecord {
                    kind: error_kind(&e),
                    message: masker.text(&e.to_string()),
                    error: e,
                })
                .collect(),
            visualization: r.visualization.as_ref().map(|v| Visualization {
                html: v.html.as_deref().map(|h| masker.text(h)),
                error: v.error.as_deref().map(|e| masker.text(e)),
            }),
            console: r
                .console
                .iter()
                .map(|c| ConsoleEntry {
                    level: c.level.clone(),
                    message: masker.text(&c.message),
                })
                .collect(),
            skipped: r.skipped,
            duration: r.duration,
            failed: r.failed() || r.script_requests.iter().any(|s| s.error().is_some()),
            attempts: r
                .retries
                .iter()
                .flat_map(|t| &t.attempts)
                .map(|a| Attempt {
                    error: a.error.as_deref().map(|e| masker.text(e)),
                    ..a.clone()
                })
                .collect(),
        }
    }

    /// Response time, or zero when no response came.
    pub fn response_time(&self) -> Duration {
        self.response.as_ref().map_or(Duration::ZERO, |r| r.time)
    }
}

fn assertion(a: &crate::runner::Assertion, masker: &Masker) -> AssertionRecord {
    let failure = a.failure.as_ref();
    AssertionRecord {
        name: masker.text(&a.name),
        status: a.status,
        source: a.source,
        message: failure.map(|f| masker.text(&f.message)),
        expected: failure
            .and_then(|f| f.expected.as_deref())
            .map(|t| masker.text(t)),
        actual: failure
            .and_then(|f| f.actual.as_deref())
            .map(|t| masker.text(t)),
    }
}

/// The class of an item error, as reports name it.
pub fn error_kind(e: &ItemError) -> &'static str {
    match e {
        ItemError::Script { .. } => "ScriptError",
        ItemError::Request { .. } => "RequestError",
        ItemError::Http { .. } | ItemError::ScriptRequest { .. } => "HttpError",
    }
}

/// Postman's wording of where an assertion came from.
pub fn source_name(source: AssertionSource) -> &'static str {
    match source {
        AssertionSource::TestScript => "test-script",
        AssertionSource::PrerequestScript => "prerequest-script",
        AssertionSource::Capture => "captures",
        AssertionSource::Snapshot => "snapshot",
    }
}

/// Lower-case name of an assertion status.
pub fn status_name(status: AssertionStatus) -> &'static str {
    match status {
        AssertionStatus::Passed => "passed",
        AssertionStatus::Failed => "failed",
        AssertionStatus::Skipped => "skipped",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_masked_then_cut_on_a_char_boundary() {
        let m = Masker::new(true);
        let b = BodyRecord::new(&"é".repeat(10), &m, 5);
        assert_eq!((b.text.as_str(), b.size, b.truncated), ("éé", 20, true));
        let b = BodyRecord::new(r#"{"password":"x"}"#, &m, 1000);
        assert!(!b.truncated && b.text.contains("********"), "{}", b.text);
        assert!(b.json().is_some());
    }
}
