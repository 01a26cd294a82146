//! Moving data between Rust and the prelude: responses for `pm.response` and
//! `pm.sendRequest`, request changes coming back, and JavaScript errors
//! turned into a message and a line of the user's script.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::collection::{Auth, Body, KeyValue, Request, Url};
use crate::http::{Header, ResponseData};

/// The file name user scripts are compiled under; stack frames name it.
pub(crate) const SCRIPT_FILE: &str = "script";

/// QuickJS's longest string, in UTF-16 units (its `JS_STRING_LEN_MAX`).
const JS_STRING_MAX: usize = (1 << 30) - 1;

/// Why the body of `response` cannot become a JavaScript string: it was
/// too large to keep (`--max-response-size`), or longer than QuickJS's
/// longest string.
pub(crate) fn unreadable_body(response: &ResponseData) -> Option<String> {
    if let Some(dropped) = &response.dropped {
        return Some(dropped.message("to read it in scripts"));
    }
    let body = &response.body;
    // A UTF-16 unit takes at least one byte of UTF-8: only a longer body
    // needs counting.
    if body.len() <= JS_STRING_MAX {
        return None;
    }
    // The units of the lossy text: an invalid sequence becomes one U+FFFD.
    let units: usize = body
        .utf8_chunks()
        .map(|c| c.valid().encode_utf16().count() + usize::from(!c.invalid().is_empty()))
        .sum();
    (units > JS_STRING_MAX).then(|| {
        format!(
            "the response body ({}) is longer than the longest string scripts can hold \
             ({JS_STRING_MAX} characters), so it cannot be read in scripts",
            crate::http::human_bytes(body.len() as u64)
        )
    })
}

/// The body of `response` as one JavaScript string (lossy UTF-8), made
/// straight from the response's buffer; throws when it cannot be read.
pub(crate) fn body_string<'js>(
    ctx: &rquickjs::Ctx<'js>,
    response: &ResponseData,
) -> rquickjs::Result<rquickjs::String<'js>> {
    if let Some(message) = unreadable_body(response) {
        return Err(rquickjs::Exception::throw_message(ctx, &message));
    }
    // Most bodies are UTF-8: checking that is cheaper than the lossy pass.
    match std::str::from_utf8(&response.body) {
        Ok(text) => rquickjs::String::from_str(ctx.clone(), text),
        Err(_) => rquickjs::String::from_str(ctx.clone(), &String::from_utf8_lossy(&response.body)),
    }
}

/// A response without its body (which travels as a separate string).
pub(crate) fn response_head(response: &ResponseData) -> Value {
    json!({
        "code": response.status,
        "status": response.reason,
        "header": headers_value(&response.headers),
        "responseTime": millis(response.time),
        "responseSize": response.body_size(),
        "bodySize": response.body_size(),
    })
}

/// A header as the collection format writes it.
#[derive(Serialize)]
struct HeaderJson<'a> {
    key: &'a str,
    value: &'a str,
}

fn header_list(headers: &[Header]) -> Vec<HeaderJson<'_>> {
    headers
        .iter()
        .map(|(key, value)| HeaderJson { key, value })
        .collect()
}

fn headers_value(headers: &[Header]) -> Value {
    serde_json::to_value(header_list(headers)).unwrap_or(Value::Null)
}

/// Headers as a JSON array of `{key, value}`.
pub(crate) fn headers_json(headers: &[Header]) -> String {
    serde_json::to_string(&header_list(headers)).unwrap_or_else(|_| "[]".to_owned())
}

/// A duration in whole milliseconds, as scripts see response times.
pub(crate) fn millis(time: Duration) -> f64 {
    time.as_millis() as f64
}

/// The parts of `pm.request` a pre-request script changed.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct RequestChanges {
    #[serde(default)]
    url: Option<Url>,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    header: Option<Vec<KeyValue>>,
    #[serde(default, deserialize_with = "present")]
    body: Option<Option<Body>>,
    #[serde(default, deserialize_with = "present")]
    auth: Option<Option<Auth>>,
}

/// A field that is present, even as `null` (which means "remove it").
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

impl RequestChanges {
    /// Parses the JSON `finish()` returns.
    pub fn parse(json: &str) -> Result<Self, String> {
        serde_json::from_str(json).map_err(|e| format!("pm.request could not be read back: {e}"))
    }

    /// Writes the changed parts into `request`; untouched parts keep their original form.
    pub fn apply(self, request: &mut Request) {
        if let Some(url) = self.url {
            request.url = url;
        }
        if let Some(method) = self.method.filter(|m| !m.is_empty()) {
            request.method = method.to_uppercase();
        }
        if let Some(header) = self.header {
            request.header = header;
        }
        if let Some(body) = self.body {
            request.body = body;
        }
        if let Some(auth) = self.auth {
            request.auth = auth;
        }
    }
}

/// A thrown JavaScript value, as `describe()` renders it.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Thrown {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub stack: String,
}

impl Thrown {
    /// The 1-based line of the innermost stack frame in the user's script.
    pub fn line(&self) -> Option<u32> {
        script_line(&self.stack)
    }
}

/// Finds `script:LINE:COL` in a QuickJS stack trace.
pub(crate) fn script_line(stack: &str) -> Option<u32> {
    let needle = format!("{SCRIPT_FILE}:");
    stack.lines().find_map(|frame| {
        let at = frame.find(&needle)?;
        let before = frame[..at].chars().last();
        if !matches!(before, Some('(') | Some(' ')) {
            return None;
        }
        let rest = &frame[at + needle.len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_come_from_the_first_script_frame() {
        let cases = [
            ("    at script:2:9\n", Some(2)),
            (
                "    at f (courier/pm.js:10:3)\n    at <anonymous> (script:7:1)\n",
                Some(7),
            ),
            ("    at prescript:3:1\n", None),
            ("", None),
        ];
        for (stack, want) in cases {
            assert_eq!(script_line(stack), want, "{stack:?}");
        }
    }
}
