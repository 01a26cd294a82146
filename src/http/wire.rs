//! The headers of one request as they are written and as they are recorded.
//!
//! The client (`client.rs`) writes the request's own headers, then
//! postman-runtime's system headers ([`SYSTEM_HEADERS`]), `Content-Length: 0`
//! where Node writes it and the cookies; the record for reports and scripts
//! lists the same with `Host` (written by hyper) in Postman's place, then
//! what reqwest adds and the cookies. Names read back from hyper are
//! written in Title-Case ([`canonical_name`]).

use reqwest::header::{HeaderName, HeaderValue};

use super::exchange::{Header, HttpError, HttpErrorKind};

/// What the client's `wire_headers` builds for one request.
pub(super) struct WireHeaders {
    /// The headers as recorded for reports and scripts, but the cookies
    /// (recorded after what reqwest adds).
    pub record: Vec<Header>,
    /// Where `record` has the `Host` header hyper writes (not handed to reqwest).
    pub host_at: Option<usize>,
    /// The Cookie header, when there is one.
    pub cookie: Option<String>,
}

impl WireHeaders {
    /// The headers handed to reqwest, in order: the record's but the
    /// `Host` it adds, then the cookies.
    pub fn written(&self) -> impl Iterator<Item = (&str, &str)> {
        let at = self.host_at;
        self.record
            .iter()
            .enumerate()
            .filter(move |(i, _)| Some(*i) != at)
            .map(|(_, (k, v))| (k.as_str(), v.as_str()))
            .chain(self.cookie.as_deref().map(|c| ("Cookie", c)))
    }

    /// The headers as reqwest takes them; an error names a header that
    /// cannot be written.
    pub fn header_map(&self) -> Result<reqwest::header::HeaderMap, HttpError> {
        let mut headers = reqwest::header::HeaderMap::with_capacity(self.record.len() + 1);
        for (k, v) in self.written() {
            // The system headers' names and fixed values are static: no
            // copy, and nothing to share when hyper clones them.
            let name = if k.eq_ignore_ascii_case("postman-token") {
                HeaderName::from_static("postman-token")
            } else {
                HeaderName::from_bytes(k.trim().as_bytes()).map_err(|_| HttpError {
                    kind: HttpErrorKind::Other,
                    message: format!("`{k}` is not a valid header name"),
                })?
            };
            let fixed = SYSTEM_HEADERS
                .iter()
                .find(|(n, c)| !c.is_empty() && *c == v && n.eq_ignore_ascii_case(k));
            let value = match fixed {
                Some((_, c)) => HeaderValue::from_static(c),
                None => HeaderValue::from_str(v).map_err(|_| HttpError {
                    kind: HttpErrorKind::Other,
                    message: format!(
                        "the value of header `{k}` has characters HTTP does not allow"
                    ),
                })?,
            };
            headers.append(name, value);
        }
        Ok(headers)
    }

    /// What reqwest put in `request` besides the written headers (Basic
    /// auth from the URL), to record.
    pub fn added_by(&self, request: &reqwest::Request) -> Vec<Header> {
        request
            .headers()
            .iter()
            .filter(|(name, _)| {
                !self
                    .written()
                    .any(|(k, _)| k.eq_ignore_ascii_case(name.as_str()))
            })
            .map(|(name, value)| {
                (
                    canonical_name(name.as_str()),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect()
    }
}

/// The headers postman-runtime adds to every request, in its order (an
/// empty value is a fresh `Postman-Token`). `Host` is written by hyper and
/// only recorded here.
pub(super) const SYSTEM_HEADERS: [(&str, &str); 7] = [
    ("User-Agent", concat!("courier/", env!("CARGO_PKG_VERSION"))),
    ("Accept", "*/*"),
    ("Cache-Control", "no-cache"),
    ("Postman-Token", ""),
    ("Host", ""),
    ("Accept-Encoding", "gzip, deflate, br"),
    ("Connection", "keep-alive"),
];

/// A fresh `Postman-Token`: a version 4 UUID, from the thread's random
/// generator (seeded from the system once, not a system call per request).
pub(super) fn postman_token() -> String {
    uuid::Builder::from_random_bytes(rand::random())
        .into_uuid()
        .to_string()
}

/// The Host header of `url`: host, and port when the URL has one.
pub(super) fn host_header(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

/// `content-type` → `Content-Type`, as the headers were most likely written.
pub(super) fn canonical_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut first = true;
    for c in name.chars() {
        out.push(if first { c.to_ascii_uppercase() } else { c });
        first = c == '-';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postman_tokens_are_fresh_version_4_uuids() {
        let (a, b) = (postman_token(), postman_token());
        assert_ne!(a, b);
        for token in [a, b] {
            let uuid = uuid::Uuid::parse_str(&token).unwrap();
            assert_eq!(uuid.get_version_num(), 4);
            assert_eq!(uuid.get_variant(), uuid::Variant::RFC4122);
            assert_eq!(token, uuid.hyphenated().to_string());
        }
    }

    #[test]
    fn canonical_header_names() {
        assert_eq!(canonical_name("content-type"), "Content-Type");
        assert_eq!(canonical_name("x-request-id"), "X-Request-Id");
        assert_eq!(canonical_name("etag"), "Etag");
        assert_eq!(canonical_name("a--b-"), "A--B-");
        assert_eq!(canonical_name("-x"), "-X");
        assert_eq!(canonical_name(""), "");
    }
}
