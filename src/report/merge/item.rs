//! One item run read back from the entries of a JSON report: the item,
//! its iteration, its request and response, the `pm.sendRequest` calls
//! (entries with `cursor.scriptId`: before the item's own entry, pre-request;
//! after it, test), assertions, errors (from `run.failures`, which keep
//! where they happened) and console output.

use std::time::Duration;

use serde_json::Value;

use crate::http::{Exchange, HttpError, HttpErrorKind, ResponseData, SentRequest};
use crate::runner::{
    Assertion, AssertionFailure, AssertionSource, AssertionStatus, ConsoleEntry, ItemError,
    ItemRef, ItemResult, ScriptEvent, ScriptRequest,
};

/// A string field, or empty.
pub(super) fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

/// One item run from its entries and its failures in `run.failures`.
pub(super) fn item_result(entries: &[&Value], failures: &[&Value]) -> ItemResult {
    let main_at = entries
        .iter()
        .position(|e| e["cursor"].get("scriptId").is_none())
        .unwrap_or(0);
    let main = entries[main_at];
    let item = &main["item"];
    let folders = item["folders"]
        .as_array()
        .map(|f| f.iter().map(text).collect())
        .unwrap_or_default();
    let mut result = ItemResult {
        item: ItemRef {
            id: text(&item["id"]),
            name: text(&item["name"]),
            folders,
            collection: main
                .get("collection")
                .and_then(Value::as_str)
                .map(str::to_owned),
        },
        iteration: main["cursor"]["iteration"]
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0),
        exchange: exchange(main),
        ..Default::default()
    };
    for (n, e) in entries.iter().enumerate().filter(|(n, _)| *n != main_at) {
        let Some(exchange) = exchange(e) else {
            continue;
        };
        result.script_requests.push(ScriptRequest {
            event: if n < main_at {
                ScriptEvent::Prerequest
            } else {
                ScriptEvent::Test
            },
            origin: text(&e["cursor"]["scriptId"]),
            exchange,
        });
    }
    result.assertions = assertions(main, failures);
    result.errors = errors(failures);
    result.console = main["console"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| ConsoleEntry {
            level: text(&c["level"]),
            message: text(&c["message"]),
        })
        .collect();
    let not_built = result
        .errors
        .iter()
        .any(|e| matches!(e, ItemError::Request { .. }));
    result.skipped = result.exchange.is_none() && !not_built;
    result.duration = match &result.exchange {
        Some(Exchange {
            response: Ok(r), ..
        }) => r.time,
        _ => Duration::ZERO,
    };
    result
}

/// The request an entry stands for and what came back.
fn exchange(e: &Value) -> Option<Exchange> {
    let req = e.get("request")?;
    let request = SentRequest {
        method: text(&req["method"]),
        url: match &req["url"] {
            Value::String(s) => s.clone(),
            u => text(&u["raw"]),
        },
        headers: headers(&req["header"]),
        body: text(&req["body"]["raw"]),
    };
    let response = match (e.get("response"), e.get("requestError")) {
        (Some(resp), _) => Ok(ResponseData {
            status: resp["code"]
                .as_u64()
                .and_then(|c| u16::try_from(c).ok())
                .unwrap_or(0),
            reason: text(&resp["status"]),
            headers: headers(&resp["header"]),
            body: resp["stream"]["data"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
                .collect::<Vec<u8>>()
                .into(),
            time: Duration::from_millis(resp["responseTime"].as_u64().unwrap_or(0)),
            url: String::new(),
            dropped: dropped(&resp["streamDropped"]),
            http_version: text(&resp["httpVersion"]),
        }),
        (None, error) => Err(HttpError {
            kind: HttpErrorKind::Other,
            message: error.map(|e| text(&e["message"])).unwrap_or_default(),
        }),
    };
    Some(Exchange {
        request,
        first_request: None,
        response,
    })
}

fn headers(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|h| (text(&h["key"]), text(&h["value"])))
        .collect()
}

/// `assertion:2 in test-script` → the source of assertion 2.
fn assertion_source(failures: &[&Value], index: usize) -> AssertionSource {
    let at = format!("assertion:{index} in ");
    let source = failures
        .iter()
        .filter_map(|f| f["at"].as_str())
        .find_map(|a| a.strip_prefix(at.as_str()));
    match source {
        Some("prerequest-script") => AssertionSource::PrerequestScript,
        Some("captures") => AssertionSource::Capture,
        Some("snapshot") => AssertionSource::Snapshot,
        _ => AssertionSource::TestScript,
    }
}

fn assertions(main: &Value, failures: &[&Value]) -> Vec<Assertion> {
    let list = main["assertions"].as_array().cloned().unwrap_or_default();
    list.iter()
        .enumerate()
        .map(|(index, a)| {
            let name = text(&a["assertion"]);
            let error = &a["error"];
            if a["skipped"].as_bool() == Some(true) {
                return Assertion {
                    name,
                    status: AssertionStatus::Skipped,
                    source: AssertionSource::TestScript,
                    failure: None,
                };
            }
            if error.is_null() {
                return Assertion::passed(name, AssertionSource::TestScript);
            }
            // A test whose function threw keeps the error's name apart.
            let message = match error["name"].as_str() {
                Some("AssertionError") | None => text(&error["message"]),
                Some(kind) => format!("{kind}: {}", text(&error["message"])),
            };
            Assertion::failed(
                name,
                assertion_source(failures, index),
                AssertionFailure {
                    message,
                    expected: error["expected"].as_str().map(str::to_owned),
                    actual: error["actual"].as_str().map(str::to_owned),
                },
            )
        })
        .collect()
}

/// The item's errors other than assertions, from `run.failures`; a
/// `pm.sendRequest` failure is left to its entry, as the reporters derive it.
fn errors(failures: &[&Value]) -> Vec<ItemError> {
    let mut out = Vec::new();
    for f in failures {
        let at = f["at"].as_str().unwrap_or_default();
        let name = f["error"]["name"].as_str().unwrap_or_default();
        let message = text(&f["error"]["message"]);
        if at == "request" {
            if let Some(m) = message.strip_prefix("request not sent: ") {
                out.push(ItemError::Request { message: m.into() });
            } else if let Some(m) = message.strip_prefix("request failed: ") {
                out.push(ItemError::Http { message: m.into() });
            } else if name == "RequestError" {
                out.push(ItemError::Request { message });
            }
            continue;
        }
        let (event, line) = match at.split_once(':') {
            Some((event, line)) => (event, line.parse().ok()),
            None => (at, None),
        };
        let event = match event {
            "prerequest-script" => ScriptEvent::Prerequest,
            "test-script" => ScriptEvent::Test,
            _ => continue,
        };
        out.push(script_error(event, line, name, &message));
    }
    out
}

/// A script error: Newman's form keeps the JavaScript error's name and
/// message; without a name, the message is courier's whole line
/// (`test script (ORIGIN) line N: …`), which names the origin.
fn script_error(event: ScriptEvent, line: Option<u32>, name: &str, message: &str) -> ItemError {
    let prefix = format!("{} script (", event.as_str());
    if name == "ScriptError"
        && let Some(rest) = message.strip_prefix(prefix.as_str())
        && let Some((origin, tail)) = rest.split_once(')')
    {
        let tail = tail
            .trim_start_matches(|c: char| c != ':')
            .trim_start_matches(": ");
        return ItemError::Script {
            event,
            origin: origin.to_owned(),
            message: tail.to_owned(),
            line,
        };
    }
    ItemError::Script {
        event,
        origin: "shard report".to_owned(),
        message: format!("{name}: {message}"),
        line,
    }
}

/// A body the shard did not keep (`streamDropped`: past `--max-response-size`).
fn dropped(v: &Value) -> Option<crate::http::DroppedBody> {
    Some(crate::http::DroppedBody {
        size: v["size"].as_u64()?,
        sha256: v["sha256"].as_str()?.to_owned(),
        limit: v["maxResponseSize"].as_u64().unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_errors_keep_name_line_and_origin() {
        let e = script_error(ScriptEvent::Test, Some(3), "TypeError", "x is undefined");
        assert_eq!(
            e.to_string(),
            "test script (shard report) line 3: TypeError: x is undefined"
        );
        let e = script_error(
            ScriptEvent::Prerequest,
            None,
            "ScriptError",
            "prerequest script (collection): boom",
        );
        assert_eq!(e.to_string(), "prerequest script (collection): boom");
    }
}
