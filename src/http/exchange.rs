//! What was sent and what came back.
//!
//! [`RequestSpec`] is a request after variable substitution and auth, ready
//! to send; [`Exchange`] is what happened when it was sent: the request as it
//! went on the wire, the response or the failure, and the timing. Scripts,
//! captures, reports and snapshots all read exchanges, never the client.

use std::path::PathBuf;
use std::time::Duration;

use bytes::Bytes;

use super::auth::{DigestAuth, NtlmAuth};

/// A header as sent or received.
pub type Header = (String, String);

/// A fully resolved request.
#[derive(Debug, Clone, Default)]
pub struct RequestSpec {
    /// Upper-case method.
    pub method: String,
    /// Absolute URL, already encoded.
    pub url: String,
    /// Headers in order, disabled ones dropped.
    pub headers: Vec<Header>,
    /// The body.
    pub body: RequestBody,
    /// Per-request sending options (`protocolProfileBehavior`).
    pub behavior: SendBehavior,
    /// The enabled fields of a `urlencoded` body, resolved, in order (`None`
    /// for other modes): OAuth 1.0 signs them and may add its own.
    pub form: Option<Vec<Header>>,
    /// Digest auth, signed around each send (see `auth/digest.rs`).
    pub digest: Option<DigestAuth>,
    /// NTLM auth, answered around the send (see `auth/ntlm.rs`).
    pub ntlm: Option<NtlmAuth>,
    /// What Postman warns about but sends anyway (a body file that cannot
    /// be read, say); the runner shows them as console warnings.
    pub warnings: Vec<String>,
    /// `url` as parsed when the request was built, so that sending does not
    /// parse it again; used only while `url` is still its text (auth may
    /// rewrite the URL after building).
    pub parsed_url: Option<url::Url>,
}

impl RequestSpec {
    /// `url` parsed: the parse kept from building when `url` has not
    /// changed since, else a new one.
    pub fn parse_url(&self) -> Result<url::Url, url::ParseError> {
        match &self.parsed_url {
            Some(u) if u.as_str() == self.url => Ok(u.clone()),
            _ => url::Url::parse(&self.url),
        }
    }

    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Sets a header unless one of that name exists.
    pub fn default_header(&mut self, name: &str, value: impl Into<String>) {
        if self.header(name).is_none() {
            self.headers.push((name.to_owned(), value.into()));
        }
    }
}

/// The first value of header `name` (case-insensitive) in `headers`.
pub fn find_header<'a>(headers: &'a [Header], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A request body after substitution.
#[derive(Debug, Clone, Default)]
pub enum RequestBody {
    /// No body.
    #[default]
    Empty,
    /// Bytes sent as they are (raw, urlencoded, graphql, file content).
    Bytes(Bytes),
    /// A `multipart/form-data` body, written when sent.
    Multipart {
        /// The boundary named in the Content-Type.
        boundary: String,
        /// The parts, in order.
        parts: Vec<FormPart>,
    },
}

impl RequestBody {
    /// The body as text for reports; multipart bodies are summarised.
    pub fn preview(&self) -> String {
        match self {
            RequestBody::Empty => String::new(),
            RequestBody::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            RequestBody::Multipart { parts, .. } => parts
                .iter()
                .map(|p| match &p.value {
                    FormValue::Text(t) => format!("{}={}", p.name, t),
                    FormValue::File { path, .. } => format!("{}=@{}", p.name, path.display()),
                    FormValue::Bytes(b) => format!("{}=({} bytes)", p.name, b.len()),
                    FormValue::NoFile => format!("{}=@", p.name),
                })
                .collect::<Vec<_>>()
                .join("&"),
        }
    }

    /// The bytes that go on the wire.
    pub fn to_bytes(&self) -> Bytes {
        match self {
            RequestBody::Empty => Bytes::new(),
            RequestBody::Bytes(b) => b.clone(),
            RequestBody::Multipart { boundary, parts } => {
                super::body::encode_multipart(boundary, parts)
            }
        }
    }
}

/// One part of a multipart body.
#[derive(Debug, Clone)]
pub struct FormPart {
    /// Field name.
    pub name: String,
    /// Text, file content, or nothing.
    pub value: FormValue,
    /// The part's Content-Type line: the field's own, or for a file the
    /// type its name implies.
    pub content_type: Option<String>,
}

/// The value of a multipart part.
#[derive(Debug, Clone)]
pub enum FormValue {
    /// A text field.
    Text(String),
    /// A file read from disk; its name goes in `filename`.
    File {
        /// Where it was read, resolved against `--working-dir`.
        path: PathBuf,
        /// Its content.
        data: Bytes,
    },
    /// Inline (base64) content of a file field, sent without a file name.
    Bytes(Bytes),
    /// A file field with no file set: an empty part with `filename=""`.
    NoFile,
}

/// Per-request sending options, from `protocolProfileBehavior` and the CLI.
#[derive(Debug, Clone)]
pub struct SendBehavior {
    /// Follow 3xx responses.
    pub follow_redirects: bool,
    /// At most this many redirects.
    pub max_redirects: usize,
    /// Keep the method and body on 301/302 (Postman's `followOriginalHttpMethod`).
    pub follow_original_method: bool,
    /// Keep `Authorization` on redirects to another host name.
    pub follow_authorization_header: bool,
    /// Send no `Referer` on a followed redirect
    /// (`removeRefererHeaderOnRedirect`).
    pub remove_referer: bool,
    /// Neither send nor store cookies.
    pub disable_cookies: bool,
    /// Verify TLS certificates.
    pub strict_ssl: bool,
    /// Send a body with GET / HEAD / … too (`disableBodyPruning`).
    pub keep_body_on_get: bool,
    /// Per-request timeout.
    pub timeout: Option<Duration>,
    /// System headers not to add (`disabledSystemHeaders`), lower-case.
    pub disabled_system_headers: Vec<String>,
    /// The HTTP version asked for (`protocolVersion`), if the request asks.
    pub http_version: Option<HttpVersion>,
}

/// Which HTTP version a request is sent with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum HttpVersion {
    /// HTTP/2 when TLS's ALPN agrees on it, HTTP/1.1 otherwise (and always
    /// on cleartext `http://`).
    #[default]
    Auto,
    /// HTTP/1.1 only: ALPN does not offer `h2`.
    Http1,
    /// HTTP/2 only, with prior knowledge on cleartext `http://`.
    Http2,
}

impl HttpVersion {
    /// A `protocolVersion` setting as Postman spells it: `http1`, `http2`
    /// or `auto`.
    pub fn from_setting(value: &str) -> Option<Self> {
        match value {
            "auto" => Some(HttpVersion::Auto),
            "http1" => Some(HttpVersion::Http1),
            "http2" => Some(HttpVersion::Http2),
            _ => None,
        }
    }

    /// An `--http-version` value: `1.1`, `2` or `auto`.
    pub fn from_flag(value: &str) -> Option<Self> {
        match value {
            "auto" => Some(HttpVersion::Auto),
            "1.1" => Some(HttpVersion::Http1),
            "2" => Some(HttpVersion::Http2),
            _ => None,
        }
    }
}

impl Default for SendBehavior {
    fn default() -> Self {
        SendBehavior {
            follow_redirects: true,
            max_redirects: 10,
            follow_original_method: false,
            follow_authorization_header: false,
            remove_referer: false,
            disable_cookies: false,
            strict_ssl: true,
            keep_body_on_get: false,
            timeout: None,
            disabled_system_headers: Vec::new(),
            http_version: None,
        }
    }
}

/// A response as received (after redirects, if followed).
#[derive(Debug, Clone, Default)]
pub struct ResponseData {
    /// Status code.
    pub status: u16,
    /// Reason phrase (`OK`, `Created`, …).
    pub reason: String,
    /// Headers in order.
    pub headers: Vec<Header>,
    /// Decoded body bytes; empty when the body was too large to keep
    /// (then `dropped` says how large it was).
    pub body: Bytes,
    /// Set when the decoded body passed `--max-response-size`: it was
    /// counted and hashed as it arrived, and not kept.
    pub dropped: Option<DroppedBody>,
    /// Time from sending to the end of the body.
    pub time: Duration,
    /// The URL of the final response (differs from the request after redirects).
    pub url: String,
    /// The HTTP version it came with (`HTTP/1.1`, `HTTP/2.0`); empty when
    /// not known (a response read back from a report).
    pub http_version: String,
}

impl ResponseData {
    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The body as text (lossy UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// Bytes in the decoded body, whether kept or not.
    pub fn body_size(&self) -> u64 {
        match &self.dropped {
            Some(d) => d.size,
            None => self.body.len() as u64,
        }
    }

    /// Size as Postman reports it: body bytes plus header bytes.
    pub fn size(&self) -> usize {
        usize::try_from(self.body_size()).unwrap_or(usize::MAX)
            + self
                .headers
                .iter()
                .map(|(k, v)| k.len() + v.len() + 4)
                .sum::<usize>()
    }
}

/// A response body larger than `--max-response-size`: what is known of it
/// once it has been read through and dropped. Courier does not spill such a
/// body to disk: nothing reads it after the response (reports and
/// snapshots show its size and hash), and a temp file would only move a
/// gigabyte from memory to the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedBody {
    /// Bytes in the decoded body.
    pub size: u64,
    /// The sha256 of the decoded body, in lower-case hex.
    pub sha256: String,
    /// The limit it passed (`--max-response-size`), in bytes.
    pub limit: u64,
}

impl DroppedBody {
    /// Why the body cannot be read, and what to do, for a message ending
    /// with what could not be done (`to read it in scripts`).
    pub fn message(&self, to_do: &str) -> String {
        format!(
            "the response body ({}) is larger than --max-response-size ({}); raise the limit {to_do}",
            human_bytes(self.size),
            human_bytes(self.limit)
        )
    }
}

/// `512 B`, `256 MiB`, `1.5 GiB`: binary units, a decimal only when the
/// size is not a whole number of its unit.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut unit = 0;
    let mut scale = 1024u64;
    while unit + 1 < UNITS.len() && bytes >= scale * 1024 {
        unit += 1;
        scale *= 1024;
    }
    if bytes.is_multiple_of(scale) {
        format!("{} {}", bytes / scale, UNITS[unit])
    } else {
        format!("{:.1} {}", bytes as f64 / scale as f64, UNITS[unit])
    }
}

/// Reads a size given as bytes with an optional unit: `1048576`, `512k`,
/// `256MiB`, `1GB`, `1.5 GiB`. `k`/`KB`/`KiB` and the like all count in
/// 1024s, as `--max-response-size` means memory.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        other => {
            return Err(format!(
                "`{text}`: unknown unit `{other}` (use bytes, or KiB, MiB, GiB)"
            ));
        }
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size (say 1048576, 512KiB, 256MiB or 1GiB)"))?;
    let bytes = value * (1u64 << shift) as f64;
    if !bytes.is_finite() || bytes >= u64::MAX as f64 {
        return Err(format!("`{text}` is too large"));
    }
    Ok(bytes.round() as u64)
}

/// The request as it went on the wire (after auth and redirects).
#[derive(Debug, Clone, Default)]
pub struct SentRequest {
    /// Method.
    pub method: String,
    /// Final URL.
    pub url: String,
    /// Headers in the order they were written, the request's as spelt in
    /// the collection and those courier adds as Postman spells them
    /// (`User-Agent`, `Host`, `Cookie`, `Content-Length`, …).
    pub headers: Vec<Header>,
    /// Body text (multipart summarised).
    pub body: String,
}

/// Why a request got no response. Shown as `kind: message`, or the message
/// alone for [`HttpErrorKind::Other`], whose name ("request failed") would
/// repeat what the runner says of every such failure.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", match kind {
    HttpErrorKind::Other => message.clone(),
    kind => format!("{kind}: {message}"),
})]
pub struct HttpError {
    /// Class of failure.
    pub kind: HttpErrorKind,
    /// Detail, including the target.
    pub message: String,
}

/// Classes of transport failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpErrorKind {
    /// The URL could not be parsed.
    InvalidUrl,
    /// Connection refused / reset / DNS failure.
    Connect,
    /// TLS handshake or certificate failure.
    Tls,
    /// Per-request or run timeout.
    Timeout,
    /// Too many redirects.
    Redirect,
    /// A body file could not be read.
    Body,
    /// Any other failure.
    Other,
}

impl std::fmt::Display for HttpErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            HttpErrorKind::InvalidUrl => "invalid URL",
            HttpErrorKind::Connect => "connection failed",
            HttpErrorKind::Tls => "TLS error",
            HttpErrorKind::Timeout => "timed out",
            HttpErrorKind::Redirect => "redirect error",
            HttpErrorKind::Body => "request body error",
            HttpErrorKind::Other => "request failed",
        })
    }
}

/// One request sent and its outcome.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// What was sent (the last request when redirects were followed).
    pub request: SentRequest,
    /// The first request of a followed redirect chain; `None` when only
    /// `request` was sent.
    pub first_request: Option<SentRequest>,
    /// What came back, or why nothing did.
    pub response: Result<ResponseData, HttpError>,
}

impl Exchange {
    /// The request the item sent first (before any redirect): what
    /// postman-runtime shows test scripts as `pm.request`.
    pub fn initial_request(&self) -> &SentRequest {
        self.first_request.as_ref().unwrap_or(&self.request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kept_parse_serves_only_the_url_it_was_made_from() {
        let built = url::Url::parse("http://h.test/a?b=1").unwrap();
        let mut spec = RequestSpec {
            url: built.to_string(),
            parsed_url: Some(built.clone()),
            ..Default::default()
        };
        assert_eq!(spec.parse_url(), Ok(built));
        // Auth rewrote the URL after building: parsed again.
        spec.url = "http://h.test/a?b=1&key=k".into();
        assert_eq!(spec.parse_url().unwrap().as_str(), spec.url);
        spec.url = "not a url".into();
        assert!(spec.parse_url().is_err());
    }

    #[test]
    fn sizes_read_with_units() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("256MiB"), Ok(256 << 20));
        assert_eq!(parse_size("1GB"), Ok(1 << 30));
        assert_eq!(parse_size("1.5 gib"), Ok(3 << 29));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("0"), Ok(0));
        assert!(
            parse_size("12 parsecs")
                .unwrap_err()
                .contains("unknown unit")
        );
        assert!(parse_size("MiB").unwrap_err().contains("not a size"));
        assert!(parse_size("-1").is_err());
    }

    #[test]
    fn sizes_shown_in_binary_units() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(256 << 20), "256 MiB");
        assert_eq!(human_bytes(1 << 30), "1 GiB");
        assert_eq!(human_bytes(5 * (1 << 20) + (1 << 19)), "5.5 MiB");
    }

    #[test]
    fn a_dropped_body_names_the_limit_and_the_flag() {
        let d = DroppedBody {
            size: 1 << 30,
            sha256: String::new(),
            limit: 256 << 20,
        };
        assert_eq!(
            d.message("to read it in scripts"),
            "the response body (1 GiB) is larger than --max-response-size (256 MiB); raise the limit to read it in scripts"
        );
    }
}
