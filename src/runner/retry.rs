//! `--retry`: sending an item's request again after a network error, a 429
//! or a 5xx, with exponential backoff.
//!
//! The item runner (`item.rs`) builds the request once and hands it here:
//! pre-request scripts are not run again and the request is not rebuilt, so
//! every attempt sends the same method, URL, headers and body (auth signed
//! at build time, an OAuth 1.0 nonce say, is not signed again). Only the
//! `Postman-Token` differs: the client gives every send a fresh one, as
//! postman-runtime gives every request it sends, so a server's log tells the
//! attempts apart. Test scripts then run once, on the last attempt's
//! response. Every attempt is recorded ([`Attempt`]) for the reports.

use std::time::{Duration, Instant};

use rand::Rng as _;

use crate::collection::Item;
use crate::http::{Exchange, HttpError, HttpErrorKind, RequestSpec, SentRequest};

use super::item::Shared;
use super::options::RunOptions;
use crate::outcome::{Attempt, Retries};

/// The `protocolProfileBehavior` field that sets the retries of one
/// request (collection, folder or item; the nearest wins).
pub(crate) const RETRY_FIELD: &str = "courierRetry";

/// Methods retried without `--retry-all-methods`: those HTTP calls idempotent.
const IDEMPOTENT: [&str; 6] = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"];

/// `--retry`, `--retry-delay` and `--retry-all-methods`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryOptions {
    /// Retries after the first attempt (0: none).
    pub count: usize,
    /// The wait before the first retry; it doubles for each next one.
    pub delay: Duration,
    /// Retry POST, PATCH and other methods that are not idempotent too.
    pub all_methods: bool,
}

impl Default for RetryOptions {
    fn default() -> Self {
        RetryOptions {
            count: 0,
            delay: Duration::from_millis(500),
            all_methods: false,
        }
    }
}

/// The retries of an item: `courierRetry` of the nearest
/// `protocolProfileBehavior` that sets it (item, then folders innermost
/// first, then the collection), else `--retry`. An error names the bad value.
pub(crate) fn retries_for(
    options: &RunOptions,
    item: &Item,
    folders: &[&Item],
) -> Result<usize, String> {
    // Each layer's (kind, name), none for the collection: the owner is
    // written only for an error.
    let layers = std::iter::once((
        Some(("item", &item.name)),
        item.protocol_profile_behavior.as_ref(),
    ))
    .chain(folders.iter().rev().map(|f| {
        (
            Some(("folder", &f.name)),
            f.protocol_profile_behavior.as_ref(),
        )
    }))
    .chain(std::iter::once((
        None,
        options.collection.protocol_profile_behavior.as_ref(),
    )));
    for (owner, behavior) in layers {
        let Some(value) = behavior.and_then(|b| b.get(RETRY_FIELD)) else {
            continue;
        };
        if let Some(n) = value.as_u64() {
            return Ok(usize::try_from(n).unwrap_or(usize::MAX));
        }
        let owner = match owner {
            Some((kind, name)) => format!("{kind} \"{name}\""),
            None => "the collection".to_owned(),
        };
        return Err(format!(
            "protocolProfileBehavior.{RETRY_FIELD} of {owner} is {value}; \
             it must be a whole number of retries (0 or more)"
        ));
    }
    Ok(options.retry.count)
}

/// Sends `spec`, again after a retryable failure up to `retries` times.
/// Returns the last exchange, and the attempts when retrying was on for it.
pub(crate) async fn send_with_retries(
    shared: &Shared<'_>,
    spec: &RequestSpec,
    retries: usize,
) -> (Exchange, Option<Retries>) {
    let options = &shared.options.retry;
    let eligible = options.all_methods || IDEMPOTENT.contains(&spec.method.as_str());
    if retries == 0 || !eligible {
        return (send_within_deadline(shared, spec).await, None);
    }
    let mut record = Retries {
        allowed: retries.saturating_add(1),
        attempts: Vec::new(),
    };
    loop {
        let started = Instant::now();
        let exchange = send_within_deadline(shared, spec).await;
        let mut attempt = Attempt {
            status: exchange.response.as_ref().ok().map(|r| r.status),
            error: exchange.response.as_ref().err().map(ToString::to_string),
            time: started.elapsed(),
            wait: None,
        };
        let wait = (record.attempts.len() < retries)
            .then(|| next_wait(shared, &exchange, record.attempts.len()))
            .flatten();
        attempt.wait = wait;
        record.attempts.push(attempt);
        let Some(wait) = wait else {
            return (exchange, Some(record));
        };
        tokio::time::sleep(wait).await;
    }
}

/// The pause before retry number `done + 1`, or `None` when the exchange
/// is not to be retried or the wait would cross the run's `--timeout`.
fn next_wait(shared: &Shared<'_>, exchange: &Exchange, done: usize) -> Option<Duration> {
    let retry_after = match &exchange.response {
        Ok(r) if r.status == 429 || (500..600).contains(&r.status) => {
            r.header("retry-after").and_then(parse_retry_after)
        }
        Ok(_) => return None,
        Err(e) if retryable_error(e) && !shared.timed_out() => None,
        Err(_) => return None,
    };
    let mut wait = retry_after.unwrap_or_else(|| backoff(shared.options.retry.delay, done));
    if let Some(cap) = shared.options.timeout_request {
        wait = wait.min(cap);
    }
    let crosses = shared.deadline.is_some_and(|d| Instant::now() + wait >= d);
    (!crosses).then_some(wait)
}

/// Transport failures worth another try: the connection failed, was
/// closed or reset, or timed out. A bad URL, a TLS certificate, a redirect
/// loop or a missing body file fails the same way every time.
fn retryable_error(e: &HttpError) -> bool {
    matches!(
        e.kind,
        HttpErrorKind::Connect | HttpErrorKind::Timeout | HttpErrorKind::Other
    )
}

/// `delay × 2^done`, then "equal jitter": a random point in its upper half,
/// so clients that failed together do not retry together.
fn backoff(delay: Duration, done: usize) -> Duration {
    let factor = 1u32.checked_shl(done.min(20) as u32).unwrap_or(u32::MAX);
    let full = delay.saturating_mul(factor);
    let half = full / 2;
    let spread = u64::try_from(half.as_millis()).unwrap_or(u64::MAX);
    let jitter = if spread == 0 {
        0
    } else {
        rand::rng().random_range(0..=spread)
    };
    half + Duration::from_millis(jitter)
}

/// `Retry-After`: delay-seconds, or an HTTP date (a date past gives 0).
fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let left = date.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(left.to_std().unwrap_or(Duration::ZERO))
}

/// Sends `spec`, cut short by the run's `--timeout` when one is set.
pub(crate) async fn send_within_deadline(shared: &Shared<'_>, spec: &RequestSpec) -> Exchange {
    let Some(deadline) = shared.deadline else {
        return shared.client.send(spec).await;
    };
    let left = deadline.saturating_duration_since(Instant::now());
    match tokio::time::timeout(left, shared.client.send(spec)).await {
        Ok(ex) => ex,
        Err(_) => Exchange {
            request: SentRequest {
                method: spec.method.clone(),
                url: spec.url.clone(),
                headers: spec.headers.clone(),
                body: spec.body.preview(),
            },
            first_request: None,
            response: Err(HttpError {
                kind: HttpErrorKind::Timeout,
                message: format!("{}: the run's --timeout expired", spec.url),
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after(" 0 "), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        let later = (chrono::Utc::now() + chrono::Duration::seconds(30))
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string();
        let wait = parse_retry_after(&later).expect("a date");
        assert!(wait > Duration::from_secs(25) && wait <= Duration::from_secs(30));
        assert_eq!(parse_retry_after("soon"), None);
        assert_eq!(parse_retry_after("-3"), None);
    }

    #[test]
    fn backoff_doubles_with_jitter_in_the_upper_half() {
        let delay = Duration::from_millis(100);
        for done in 0..4 {
            let full = delay * (1 << done);
            for _ in 0..50 {
                let wait = backoff(delay, done);
                assert!(wait >= full / 2 && wait <= full, "{wait:?} for {done}");
            }
        }
        assert_eq!(backoff(Duration::ZERO, 3), Duration::ZERO);
        // No overflow however many retries.
        assert!(backoff(Duration::from_secs(1), 1000) > Duration::ZERO);
    }

    #[test]
    fn only_network_failures_are_retried() {
        let error = |kind| HttpError {
            kind,
            message: String::new(),
        };
        assert!(retryable_error(&error(HttpErrorKind::Connect)));
        assert!(retryable_error(&error(HttpErrorKind::Timeout)));
        assert!(retryable_error(&error(HttpErrorKind::Other)));
        assert!(!retryable_error(&error(HttpErrorKind::InvalidUrl)));
        assert!(!retryable_error(&error(HttpErrorKind::Tls)));
        assert!(!retryable_error(&error(HttpErrorKind::Redirect)));
    }

    fn collection(json: &str) -> RunOptions {
        let collection = serde_json::from_str(json).expect("collection");
        let mut options = RunOptions::new(collection);
        options.retry.count = 1;
        options
    }

    #[test]
    fn the_nearest_courier_retry_wins() {
        let options = collection(
            r#"{"info":{"name":"c","schema":""},"protocolProfileBehavior":{"courierRetry":5},
            "item":[{"name":"f","protocolProfileBehavior":{"courierRetry":2},
              "item":[{"name":"a","request":{"url":"http://x"}},
                      {"name":"b","request":{"url":"http://x"},"protocolProfileBehavior":{"courierRetry":0}},
                      {"name":"c","request":{"url":"http://x"},"protocolProfileBehavior":{"courierRetry":"x"}}]}]}"#,
        );
        let folder = &options.collection.item[0];
        let items = folder.item.as_ref().expect("a folder");
        assert_eq!(retries_for(&options, &items[0], &[folder]), Ok(2));
        assert_eq!(retries_for(&options, &items[1], &[folder]), Ok(0));
        let err = retries_for(&options, &items[2], &[folder]).expect_err("bad value");
        assert!(err.contains("courierRetry of item \"c\" is \"x\""), "{err}");
        assert_eq!(retries_for(&options, &items[0], &[]), Ok(5));
        let plain = collection(r#"{"info":{"name":"c","schema":""},"item":[]}"#);
        assert_eq!(retries_for(&plain, &items[0], &[]), Ok(1));
    }
}
