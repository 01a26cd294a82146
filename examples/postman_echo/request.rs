//! One request as the stand-in sees it, and the JSON description of it that
//! postman-echo answers with: `args`, `data`, `files`, `form`, `headers`,
//! `json` and `url`.
//!
//! The shapes follow what postman-echo.com returns and what Newman's
//! integration suites assert on: query values repeated under one key become
//! an array; header names are lower case; a urlencoded body fills `form`
//! (and `json`, as postman-echo mirrors it there); a multipart body fills
//! `form` with its text parts and `files` with `data:` URLs of its file
//! parts; a JSON body is parsed into `data` and `json`; any other body is
//! `data` as text.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde_json::{Map, Value, json};

/// The scheme a listener serves, for the `url` postman-echo reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// Plain HTTP.
    Http,
    /// HTTP over TLS.
    Https,
}

impl Scheme {
    /// `http` or `https`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    /// The port a URL of this scheme implies.
    pub fn default_port(self) -> &'static str {
        match self {
            Scheme::Http => "80",
            Scheme::Https => "443",
        }
    }
}

/// A request with its body read.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// The listener's scheme.
    pub scheme: Scheme,
    /// The method.
    pub method: Method,
    /// The request target as sent: path and query, not decoded.
    pub target: String,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Bytes,
}

/// Bodies larger than this are refused.
const BODY_LIMIT: usize = 64 << 20;

impl FromRequest<Scheme> for Incoming {
    type Rejection = Response;

    async fn from_request(req: Request, scheme: &Scheme) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let body = axum::body::to_bytes(body, BODY_LIMIT)
            .await
            .map_err(|e| (StatusCode::PAYLOAD_TOO_LARGE, e.to_string()).into_response())?;
        let target = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".to_owned());
        let mut headers = parts.headers;
        // Over HTTP/2 the host travels as `:authority`; a proxy in front of
        // postman-echo turns it into `Host`, and so does this.
        if !headers.contains_key("host")
            && let Some(authority) = parts.uri.authority()
            && let Ok(v) = authority.as_str().parse()
        {
            headers.insert("host", v);
        }
        Ok(Incoming {
            scheme: *scheme,
            method: parts.method,
            target,
            headers,
            body,
        })
    }
}

impl Incoming {
    /// The `Host` header (host and port as the client wrote them).
    pub fn host(&self) -> String {
        self.header("host").unwrap_or("").to_owned()
    }

    /// The path, without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    /// The raw query string, without `?` (empty when there is none).
    pub fn query(&self) -> &str {
        self.target.split_once('?').map(|(_, q)| q).unwrap_or("")
    }

    /// The first value of a header, as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The full URL postman-echo reports: scheme, `Host`, target.
    pub fn url(&self) -> String {
        format!("{}://{}{}", self.scheme.as_str(), self.host(), self.target)
    }

    /// The query as name / value pairs, decoded.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        form_pairs(self.query().as_bytes())
    }

    /// The body's media type, lower case, without parameters.
    pub fn media_type(&self) -> String {
        self.header("content-type")
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    }

    /// The `Cookie` header as name → value.
    pub fn cookies(&self) -> Map<String, Value> {
        let mut out = Map::new();
        for header in self.headers.get_all("cookie") {
            let Ok(text) = header.to_str() else { continue };
            for pair in text.split(';') {
                let pair = pair.trim();
                if pair.is_empty() {
                    continue;
                }
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                out.insert(k.to_owned(), Value::String(v.to_owned()));
            }
        }
        out
    }
}

/// Decodes `a=1&b=2&a=3` (with `+` as space) into pairs; a pair without
/// `=` has an empty value, empty pairs and empty names are skipped.
pub fn form_pairs(text: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(text)
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Pairs as a JSON object; a name given more than once gets an array.
pub fn pairs_object(pairs: &[(String, String)]) -> Map<String, Value> {
    let mut out = Map::new();
    for (k, v) in pairs {
        let v = Value::String(v.clone());
        match out.get_mut(k) {
            None => {
                out.insert(k.clone(), v);
            }
            Some(Value::Array(items)) => items.push(v),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, v]);
            }
        }
    }
    out
}

/// The headers as postman-echo lists them: lower-case names, repeated
/// headers joined with `, `.
pub fn headers_object(headers: &HeaderMap) -> Map<String, Value> {
    let mut out = Map::new();
    for name in headers.keys() {
        let joined = headers
            .get_all(name)
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect::<Vec<_>>()
            .join(", ");
        out.insert(name.as_str().to_owned(), Value::String(joined));
    }
    out
}

/// What the body holds, the way postman-echo splits it.
struct BodyParts {
    data: Value,
    files: Map<String, Value>,
    form: Map<String, Value>,
    json: Value,
}

fn body_parts(req: &Incoming) -> BodyParts {
    let mut parts = BodyParts {
        data: Value::String(String::new()),
        files: Map::new(),
        form: Map::new(),
        json: Value::Null,
    };
    let media = req.media_type();
    if media == "application/x-www-form-urlencoded" {
        parts.form = pairs_object(&form_pairs(&req.body));
        parts.json = Value::Object(parts.form.clone());
    } else if media == "multipart/form-data" {
        let boundary = boundary(req.header("content-type").unwrap_or(""));
        let mut fields = Vec::new();
        for part in multipart(&req.body, &boundary) {
            match part.filename {
                Some(name) => {
                    let encoded = base64::engine::general_purpose::STANDARD.encode(&part.content);
                    parts.files.insert(
                        name,
                        Value::String(format!("data:application/octet-stream;base64,{encoded}")),
                    );
                }
                None => fields.push((
                    part.name,
                    String::from_utf8_lossy(&part.content).into_owned(),
                )),
            }
        }
        parts.form = pairs_object(&fields);
    } else {
        let text = String::from_utf8_lossy(&req.body).into_owned();
        match serde_json::from_str::<Value>(&text) {
            Ok(v) if media.ends_with("json") => {
                parts.data = v.clone();
                parts.json = v;
            }
            _ => parts.data = Value::String(text),
        }
    }
    parts
}

/// The description of a request without a body: `args`, `headers`, `url`.
pub fn describe_get(req: &Incoming) -> Value {
    json!({
        "args": pairs_object(&req.query_pairs()),
        "headers": headers_object(&req.headers),
        "url": req.url(),
    })
}

/// The full description of a request with a body.
pub fn describe_with_body(req: &Incoming) -> Value {
    let parts = body_parts(req);
    json!({
        "args": pairs_object(&req.query_pairs()),
        "data": parts.data,
        "files": parts.files,
        "form": parts.form,
        "headers": headers_object(&req.headers),
        "json": parts.json,
        "url": req.url(),
    })
}

/// One part of a multipart body.
struct Part {
    name: String,
    filename: Option<String>,
    content: Vec<u8>,
}

/// The `boundary` parameter of a multipart Content-Type.
fn boundary(content_type: &str) -> String {
    content_type
        .split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"').to_owned())
        .unwrap_or_default()
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > haystack.len() {
        return None;
    }
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// Splits a multipart body into its parts; a malformed body gives the
/// parts read before the fault.
fn multipart(body: &[u8], boundary: &str) -> Vec<Part> {
    let mut out = Vec::new();
    if boundary.is_empty() {
        return out;
    }
    let delimiter = format!("--{boundary}").into_bytes();
    let Some(mut at) = find(body, &delimiter, 0) else {
        return out;
    };
    loop {
        let start = at + delimiter.len();
        if body[start..].starts_with(b"--") {
            return out;
        }
        let Some(headers_end) = find(body, b"\r\n\r\n", start) else {
            return out;
        };
        let Some(next) = find(body, &delimiter, headers_end) else {
            return out;
        };
        let head = String::from_utf8_lossy(&body[start..headers_end]);
        let content_end = next.saturating_sub(2).max(headers_end + 4);
        let (name, filename) = disposition(&head);
        out.push(Part {
            name,
            filename,
            content: body[headers_end + 4..content_end].to_vec(),
        });
        at = next;
    }
}

/// `name` and `filename` of a part's Content-Disposition header.
fn disposition(head: &str) -> (String, Option<String>) {
    let line = head
        .lines()
        .find(|l| {
            l.to_ascii_lowercase()
                .trim_start()
                .starts_with("content-disposition")
        })
        .unwrap_or("");
    let param = |key: &str| {
        line.split(';')
            .filter_map(|p| p.trim().split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(key))
            .map(|(_, v)| v.trim().trim_matches('"').to_owned())
    };
    (param("name").unwrap_or_default(), param("filename"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_query_names_become_arrays() {
        let pairs = form_pairs(b"hi=hello&hi=lolol&x=1&=skip&flag");
        let obj = pairs_object(&pairs);
        assert_eq!(obj["hi"], json!(["hello", "lolol"]));
        assert_eq!(obj["x"], json!("1"));
        assert_eq!(obj["flag"], json!(""));
        assert!(!obj.contains_key(""));
    }

    #[test]
    fn multipart_parts_are_split_into_fields_and_files() {
        let body = b"--XY\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n--XY\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.json\"\r\nContent-Type: application/json\r\n\r\n{}\r\n--XY--\r\n";
        let parts = multipart(body, "XY");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "a");
        assert_eq!(parts[0].content, b"one");
        assert_eq!(parts[1].filename.as_deref(), Some("x.json"));
        assert_eq!(parts[1].content, b"{}");
    }
}
