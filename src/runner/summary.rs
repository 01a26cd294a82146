//! Run statistics, accumulated as items finish. Only counts and the first
//! [`FAILURE_LIMIT`] failures are kept, so memory stays flat however long
//! the run is and however much of it fails.

use std::time::{Duration, SystemTime};

use crate::collection::Variable;
use crate::http::Exchange;
use crate::outcome::{AssertionStatus, ItemError, ItemRef, ItemResult};

/// Executed / failed counts of one kind of thing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counter {
    /// How many ran.
    pub total: usize,
    /// How many failed.
    pub failed: usize,
}

/// Counts by kind, as in Newman's summary table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunStats {
    /// Iterations.
    pub iterations: Counter,
    /// Items run.
    pub items: Counter,
    /// Requests sent (failed: no response).
    pub requests: Counter,
    /// Pre-request scripts (failed: threw).
    pub prerequest_scripts: Counter,
    /// Test scripts (failed: threw).
    pub test_scripts: Counter,
    /// Assertions (tests, captures, snapshots).
    pub assertions: Counter,
    /// Assertions skipped (`pm.test.skip`).
    pub skipped_assertions: usize,
    /// Scripts present but not executed (`--no-scripts`).
    pub scripts_not_run: usize,
}

/// Response-time statistics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResponseTimes {
    /// Sum over responses.
    pub total: Duration,
    /// Fastest.
    pub min: Option<Duration>,
    /// Slowest.
    pub max: Option<Duration>,
    /// Responses counted.
    pub count: usize,
}

impl ResponseTimes {
    /// Mean response time.
    pub fn average(&self) -> Duration {
        if self.count == 0 {
            Duration::ZERO
        } else {
            self.total / u32::try_from(self.count).unwrap_or(u32::MAX)
        }
    }
}

/// What failed.
#[derive(Debug, Clone, PartialEq)]
pub enum FailureKind {
    /// An assertion (test, capture, snapshot) did not hold.
    Assertion {
        /// The test name.
        name: String,
        /// Expected value, when known.
        expected: Option<String>,
        /// Actual value, when known.
        actual: Option<String>,
    },
    /// A script, request or flow error.
    Error(ItemError),
}

/// One failure, for the failure table and reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Where.
    pub item: ItemRef,
    /// 0-based iteration.
    pub iteration: usize,
    /// What.
    pub kind: FailureKind,
    /// The message.
    pub message: String,
}

/// At most this many failures are kept in [`RunSummary::failures`]; the
/// rest are only counted (the file reporters keep every one).
pub const FAILURE_LIMIT: usize = 1000;

/// The outcome of a run, as reporters and exit codes need it.
#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    /// Collection name.
    pub collection_name: String,
    /// Counts.
    pub stats: RunStats,
    /// When the run started.
    pub started_at: Option<SystemTime>,
    /// Wall time of the run.
    pub duration: Duration,
    /// Response times.
    pub response_times: ResponseTimes,
    /// Response bytes received (bodies).
    pub bytes_received: u64,
    /// The first `FAILURE_LIMIT` (1,000) failures, in order.
    pub failures: Vec<Failure>,
    /// How many failures came after those.
    pub failures_omitted: usize,
    /// Why the run stopped early (`--bail`, `--timeout`, an interrupt), if it did.
    pub aborted: Option<String>,
    /// The run was interrupted (Ctrl-C / SIGINT, SIGTERM, or
    /// [`Interrupt::raise`](super::Interrupt::raise)): it holds only what ran
    /// before; `aborted` says which signal and what was abandoned.
    pub interrupted: bool,
    /// The environment as the run ended (set just before `RunFinished`);
    /// Newman's JSON report carries it.
    pub environment: Vec<Variable>,
    /// The globals as the run ended (set just before `RunFinished`).
    pub globals: Vec<Variable>,
}

impl RunSummary {
    /// Whether anything failed (the exit code is 1 then).
    pub fn failed(&self) -> bool {
        !self.failures.is_empty() || self.failures_omitted > 0 || self.aborted.is_some()
    }

    /// Folds one item's result into the counts.
    pub fn record(&mut self, r: &ItemResult) {
        let s = &mut self.stats;
        s.items.total += 1;
        if r.failed() {
            s.items.failed += 1;
        }
        s.prerequest_scripts.total += r.scripts.prerequest;
        s.prerequest_scripts.failed += r.scripts.prerequest_failed;
        s.test_scripts.total += r.scripts.test;
        s.test_scripts.failed += r.scripts.test_failed;
        s.scripts_not_run += r.scripts.not_run;
        for a in &r.assertions {
            match a.status {
                AssertionStatus::Skipped => s.skipped_assertions += 1,
                AssertionStatus::Passed => s.assertions.total += 1,
                AssertionStatus::Failed => {
                    s.assertions.total += 1;
                    s.assertions.failed += 1;
                    let f = a.failure.clone().unwrap_or_default();
                    push_failure(
                        &mut self.failures,
                        &mut self.failures_omitted,
                        Failure {
                            item: r.item.clone(),
                            iteration: r.iteration,
                            kind: FailureKind::Assertion {
                                name: a.name.clone(),
                                expected: f.expected,
                                actual: f.actual,
                            },
                            message: f.message,
                        },
                    );
                }
            }
        }
        for e in &r.errors {
            push_failure(
                &mut self.failures,
                &mut self.failures_omitted,
                Failure {
                    item: r.item.clone(),
                    iteration: r.iteration,
                    kind: FailureKind::Error(e.clone()),
                    message: e.to_string(),
                },
            );
        }
        if let Some(ex) = &r.exchange {
            self.count_request(ex);
        }
        // Newman counts `pm.sendRequest` exchanges as requests, and one that
        // got no response as a failure of the run, even when the script
        // handled the error.
        for sent in &r.script_requests {
            self.count_request(&sent.exchange);
            if let Some(error) = sent.error() {
                push_failure(
                    &mut self.failures,
                    &mut self.failures_omitted,
                    Failure {
                        item: r.item.clone(),
                        iteration: r.iteration,
                        message: error.to_string(),
                        kind: FailureKind::Error(error),
                    },
                );
            }
        }
    }

    /// Counts one request and its response time and size.
    fn count_request(&mut self, ex: &Exchange) {
        let s = &mut self.stats;
        s.requests.total += 1;
        match &ex.response {
            Ok(resp) => {
                let t = &mut self.response_times;
                t.total += resp.time;
                t.count += 1;
                t.min = Some(t.min.map_or(resp.time, |m| m.min(resp.time)));
                t.max = Some(t.max.map_or(resp.time, |m| m.max(resp.time)));
                self.bytes_received += resp.body_size();
            }
            Err(_) => s.requests.failed += 1,
        }
    }
}

/// Keeps `f`, or only counts it once [`FAILURE_LIMIT`] are kept.
fn push_failure(failures: &mut Vec<Failure>, omitted: &mut usize, f: Failure) {
    if failures.len() < FAILURE_LIMIT {
        failures.push(f);
    } else {
        *omitted += 1;
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::http::{HttpError, HttpErrorKind, ResponseData, SentRequest};
    use crate::runner::{ScriptEvent, ScriptRequest};

    fn exchange(url: &str, response: Result<(&str, u64), HttpErrorKind>) -> Exchange {
        Exchange {
            request: SentRequest {
                method: "GET".into(),
                url: url.into(),
                ..Default::default()
            },
            first_request: None,
            response: match response {
                Ok((body, ms)) => Ok(ResponseData {
                    status: 200,
                    body: body.as_bytes().to_vec().into(),
                    time: Duration::from_millis(ms),
                    ..Default::default()
                }),
                Err(kind) => Err(HttpError {
                    kind,
                    message: format!("{url}: refused"),
                }),
            },
        }
    }

    fn sent(event: ScriptEvent, exchange: Exchange) -> ScriptRequest {
        ScriptRequest {
            event,
            origin: "item".into(),
            exchange,
        }
    }

    #[test]
    fn issue11_send_request_exchanges_count_as_requests() {
        let result = ItemResult {
            exchange: Some(exchange("http://h/main", Ok(("main", 30)))),
            script_requests: vec![
                sent(
                    ScriptEvent::Prerequest,
                    exchange("http://h/pre", Ok(("pre", 10))),
                ),
                sent(
                    ScriptEvent::Test,
                    exchange("http://h/down", Err(HttpErrorKind::Connect)),
                ),
            ],
            ..Default::default()
        };
        let mut s = RunSummary::default();
        s.record(&result);
        assert_eq!(
            s.stats.requests,
            Counter {
                total: 3,
                failed: 1
            }
        );
        assert_eq!(s.bytes_received, 7);
        let t = s.response_times;
        assert_eq!(
            (t.count, t.min, t.max),
            (
                2,
                Some(Duration::from_millis(10)),
                Some(Duration::from_millis(30))
            )
        );
        // The failed exchange fails the run, not the item.
        assert_eq!(s.stats.items.failed, 0);
        assert!(s.failed());
        assert_eq!(s.failures.len(), 1);
        assert_eq!(
            s.failures[0].message,
            "pm.sendRequest failed: connection failed: http://h/down: refused"
        );
    }

    #[test]
    fn issue16_failures_past_the_limit_are_only_counted() {
        let result = ItemResult {
            errors: vec![ItemError::Request {
                message: "bad".into(),
            }],
            ..Default::default()
        };
        let mut s = RunSummary::default();
        for _ in 0..FAILURE_LIMIT + 3 {
            s.record(&result);
        }
        assert_eq!((s.failures.len(), s.failures_omitted), (FAILURE_LIMIT, 3));
        assert_eq!(s.stats.items.failed, FAILURE_LIMIT + 3);
        assert!(s.failed());
    }
}
