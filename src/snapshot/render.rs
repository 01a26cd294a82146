//! A response as snapshot text.
//!
//! ```text
//! HTTP 201 Created
//! content-type: application/json
//! location: /users/[id]
//!
//! {
//!   "id": "[id]",
//!   "name": "Ada"
//! }
//! ```
//!
//! The status line, then the chosen headers (lower-case names, in the order
//! they were chosen, repeated headers in the order received), a blank line
//! and the body: JSON pretty-printed with two spaces (keys in the server's
//! order, or sorted), UTF-8 text as it is with `\r\n` turned into `\n`, and
//! for anything else its size and sha256, so a binary body still fails the
//! comparison when it changes; a body past `--max-response-size`, which was
//! never kept, is its size and sha256 too. An empty body ends the snapshot
//! after the headers.

use serde_json::Value;
use sha2::{Digest as _, Sha256};

use crate::http::ResponseData;
use crate::variables::Generated;

use super::options::SnapshotOptions;
use super::redact::{Redactor, Seg};

/// Renders `response` as the content of its snapshot, with `options`'
/// headers, key order and redactions applied.
///
/// Library users can snapshot this text with insta directly:
/// `insta::assert_snapshot!(render_response(&response, &options))`.
pub fn render_response(response: &ResponseData, options: &SnapshotOptions) -> String {
    render(response, options, &[], &[])
}

/// [`render_response`], also hiding the values of secret variables and the
/// values courier generated (see [`Redactor::generated`]).
pub(crate) fn render(
    response: &ResponseData,
    options: &SnapshotOptions,
    secrets: &[String],
    generated: &[Generated],
) -> String {
    let mut redactor = Redactor::new(&options.redactions);
    redactor.secrets(secrets);
    redactor.generated(generated);
    // Structural redactions first, in reading order, so that placeholders are
    // numbered the way a reader meets them; free-text scrubbing afterwards,
    // when every hidden value is known.
    let headers = chosen_headers(response, &options.headers)
        .into_iter()
        .map(|(name, value)| {
            let segs = redactor.header(&name, value);
            (name, segs)
        })
        .collect::<Vec<_>>();
    let mut body = match &response.dropped {
        Some(d) => Body::Dropped {
            size: d.size,
            sha256: d.sha256.clone(),
        },
        None => classify(&response.body),
    };
    let mut hidden = Default::default();
    if let Body::Json(value) = &mut body {
        if options.sort_keys {
            sort_keys(value);
        }
        hidden = redactor.json(value);
        redactor.generated_json(value, &mut hidden);
    }

    let mut out = format!("HTTP {} {}", response.status, response.reason.trim());
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    for (name, segs) in headers {
        out.push_str(&name);
        out.push_str(": ");
        out.push_str(&redactor.scrub(segs));
        out.push('\n');
    }
    match body {
        Body::Empty => {}
        Body::Json(mut value) => {
            redactor.scrub_json(&mut value, &hidden);
            out.push('\n');
            // Serialising a Value cannot fail: its keys are strings.
            out.push_str(&serde_json::to_string_pretty(&value).unwrap_or_default());
            out.push('\n');
        }
        Body::Text(text) => {
            out.push('\n');
            out.push_str(&redactor.scrub(vec![Seg::Plain(text)]));
            if !out.ends_with('\n') {
                out.push('\n');
            }
        }
        Body::Binary { len, sha256 } => {
            out.push_str(&format!("\n[binary body: {len} bytes, sha256 {sha256}]\n"));
        }
        Body::Dropped { size, sha256 } => {
            out.push_str(&format!(
                "\n[body not kept: {size} bytes, sha256 {sha256}; larger than --max-response-size]\n"
            ));
        }
    }
    out
}

/// The headers named in `chosen`, in that order, names in lower case.
fn chosen_headers<'a>(response: &'a ResponseData, chosen: &[String]) -> Vec<(String, &'a str)> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for name in chosen {
        let lower = name.trim().to_ascii_lowercase();
        if lower.is_empty() || seen.contains(&lower) {
            continue;
        }
        for (k, v) in &response.headers {
            if k.eq_ignore_ascii_case(&lower) {
                out.push((lower.clone(), v.as_str()));
            }
        }
        seen.push(lower);
    }
    out
}

/// What kind of body a response has.
enum Body {
    Empty,
    Json(Value),
    Text(String),
    Binary {
        len: usize,
        sha256: String,
    },
    /// Past `--max-response-size`: counted and hashed as it came, not kept.
    Dropped {
        size: u64,
        sha256: String,
    },
}

fn classify(bytes: &[u8]) -> Body {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Body::Empty;
    }
    if let Ok(value) = serde_json::from_slice::<Value>(bytes) {
        return Body::Json(value);
    }
    match std::str::from_utf8(bytes) {
        Ok(text)
            if !text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) =>
        {
            Body::Text(text.replace("\r\n", "\n"))
        }
        _ => Body::Binary {
            len: bytes.len(),
            sha256: Sha256::digest(bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        },
    }
}

/// Sorts the keys of every object in `value`.
fn sort_keys(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            for (key, mut child) in entries {
                sort_keys(&mut child);
                map.insert(key, child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(sort_keys),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(headers: &[(&str, &str)], body: &[u8]) -> ResponseData {
        ResponseData {
            status: 201,
            reason: "Created".into(),
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            body: bytes::Bytes::copy_from_slice(body),
            ..Default::default()
        }
    }

    #[test]
    fn json_with_chosen_headers_in_order() {
        let mut o = SnapshotOptions::new("x");
        o.headers = vec!["Location".into(), "content-type".into(), "X-Missing".into()];
        o.redact("$.id").unwrap();
        let r = response(
            &[
                ("Content-Type", "application/json"),
                ("Date", "today"),
                ("Location", "/users/abc-123456"),
            ],
            br#"{"name":"Ada","id":"abc-123456"}"#,
        );
        assert_eq!(
            render_response(&r, &o),
            "HTTP 201 Created\nlocation: /users/[id]\ncontent-type: application/json\n\n{\n  \"name\": \"Ada\",\n  \"id\": \"[id]\"\n}\n"
        );
    }

    #[test]
    fn sorted_keys_are_sorted_at_every_depth() {
        let mut o = SnapshotOptions::new("x");
        o.sort_keys = true;
        let r = response(&[], br#"{"b":{"z":1,"a":2},"a":[{"y":1,"x":2}]}"#);
        let text = render_response(&r, &o);
        let body = text.split_once("\n\n").unwrap().1;
        let compact: String = body.split_whitespace().collect();
        assert_eq!(compact, r#"{"a":[{"x":2,"y":1}],"b":{"a":2,"z":1}}"#);
    }

    #[test]
    fn text_binary_and_empty_bodies() {
        let o = SnapshotOptions::new("x");
        let text = render_response(&response(&[], b"line 1\r\nline 2"), &o);
        assert_eq!(text, "HTTP 201 Created\n\nline 1\nline 2\n");
        let bin = render_response(&response(&[], &[0, 159, 146, 150]), &o);
        let hash = bin
            .strip_prefix("HTTP 201 Created\n\n[binary body: 4 bytes, sha256 ")
            .and_then(|rest| rest.strip_suffix("]\n"))
            .unwrap_or_default();
        assert!(
            hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "{bin}"
        );
        assert_eq!(
            render_response(&response(&[], b""), &o),
            "HTTP 201 Created\n"
        );
    }

    #[test]
    fn text_bodies_use_patterns_and_known_values() {
        let mut o = SnapshotOptions::new("x");
        o.headers = vec!["Location".into()];
        o.redact("Location?").unwrap();
        o.redactions.add_pattern("n", r"\b\d{3,}\b").unwrap();
        let r = response(
            &[("Location", "/cb?code=secretcode1")],
            b"your code is secretcode1, order 12345",
        );
        assert_eq!(
            render_response(&r, &o),
            "HTTP 201 Created\nlocation: /cb?code=[code]\n\nyour code is [code], order [n]\n"
        );
    }
}
