//! Following a redirect as postman-request does: which leg comes next and
//! with which method, body and headers.
//!
//! Every 3xx with a `Location` is followed (the client decides whether to
//! follow at all). On 307 and 308, or on any redirect under
//! `followOriginalHttpMethod`, the method and body stay; otherwise the
//! method becomes GET (HEAD stays HEAD) and the body goes with its
//! Content-Type and Content-Length. A new host name (not a new port or
//! scheme) drops the Host and Authorization headers (the latter unless
//! `followAuthorizationHeader`). `Referer` is set to the previous URL, even
//! from https to http, unless `removeRefererHeaderOnRedirect`. The client
//! (`client.rs`) builds the Cookie header of each leg.

use super::exchange::{Header, RequestBody, RequestSpec, SendBehavior, find_header};

/// One leg of a possibly redirected request.
#[derive(Debug, Clone)]
pub(super) struct Hop {
    /// The method of this leg.
    pub method: String,
    /// The URL of this leg.
    pub url: String,
    /// `url` parsed (once per leg: the client and the redirect read it).
    pub parsed: Result<url::Url, url::ParseError>,
    /// The headers to send, without `Cookie` (unless cookies are disabled:
    /// then the request's own Cookie header goes as it is).
    pub headers: Vec<Header>,
    /// The body of this leg.
    pub body: RequestBody,
    /// The request's own Cookie header (all of them, joined with `; `).
    pub own_cookie: Option<String>,
    /// The Cookie header to send when the jar has none for the URL.
    pub cookie: Option<String>,
}

impl Hop {
    /// The first leg: the request as built, with `headers` (the request's,
    /// signed for digest auth when it is). Credentials in the URL become an
    /// `Authorization` header (unless it has one), as postman-request does,
    /// so that they follow redirects as that header does.
    pub fn first(spec: &RequestSpec, mut headers: Vec<Header>) -> Hop {
        let mut own_cookie = None;
        if !spec.behavior.disable_cookies {
            let own: Vec<&str> = headers
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case("cookie"))
                .map(|(_, v)| v.as_str())
                .collect();
            if !own.is_empty() {
                own_cookie = Some(own.join("; "));
            }
            headers.retain(|(k, _)| !k.eq_ignore_ascii_case("cookie"));
        }
        let parsed = spec.parse_url();
        if find_header(&headers, "authorization").is_none()
            && let Some(basic) = parsed.as_ref().ok().and_then(url_basic_auth)
        {
            headers.push(("Authorization".to_owned(), basic));
        }
        Hop {
            method: spec.method.clone(),
            url: spec.url.clone(),
            parsed,
            headers,
            body: spec.body.clone(),
            cookie: own_cookie.clone(),
            own_cookie,
        }
    }
}

/// `Basic …` for the user info of `url`, percent-decoded, if it has one.
fn url_basic_auth(url: &url::Url) -> Option<String> {
    use base64::Engine as _;
    if url.username().is_empty() && url.password().is_none() {
        return None;
    }
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    let pair = format!(
        "{}:{}",
        decode(url.username()),
        decode(url.password().unwrap_or(""))
    );
    Some(format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    ))
}

/// The request to send after a redirect, as postman-request builds it
/// (`lib/redirect.js`). The Cookie header is the client's business.
pub(super) fn next_hop(
    hop: &Hop,
    status: u16,
    location: &str,
    behavior: &SendBehavior,
) -> Option<Hop> {
    let base = hop.parsed.as_ref().ok()?;
    let next = base.join(location).ok()?;
    let mut out = hop.clone();
    // Method and body stay on 307 and 308, or on any redirect with
    // `followOriginalHttpMethod`; otherwise the method becomes GET (HEAD
    // stays HEAD) and the body goes, with its Content-Type and
    // Content-Length, whatever the method was.
    if !behavior.follow_original_method && !matches!(status, 307 | 308) {
        if out.method != "HEAD" {
            out.method = "GET".into();
        }
        out.body = RequestBody::Empty;
        out.headers.retain(|(k, _)| {
            !k.eq_ignore_ascii_case("content-type") && !k.eq_ignore_ascii_case("content-length")
        });
    }
    // Only a change of host name (not of port or scheme) drops the Host
    // and Authorization headers; `followAuthorizationHeader` keeps the latter.
    if next.host_str() != base.host_str() {
        out.headers.retain(|(k, _)| {
            !k.eq_ignore_ascii_case("host")
                && (behavior.follow_authorization_header
                    || !k.eq_ignore_ascii_case("authorization"))
        });
    }
    if !behavior.remove_referer {
        set_header(&mut out.headers, "Referer", hop.url.clone());
    }
    out.url = next.to_string();
    out.parsed = Ok(next);
    Some(out)
}

pub(super) fn set_header(headers: &mut Vec<Header>, name: &str, value: String) {
    headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
    headers.push((name.to_owned(), value));
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    fn hop(method: &str) -> Hop {
        Hop {
            method: method.into(),
            url: "http://a.test/x?q=1".into(),
            parsed: url::Url::parse("http://a.test/x?q=1"),
            headers: vec![
                ("Authorization".into(), "Bearer t".into()),
                ("Content-Type".into(), "application/json".into()),
                ("Content-Length".into(), "2".into()),
                ("Host".into(), "a.test".into()),
                ("X-Custom".into(), "c".into()),
            ],
            body: RequestBody::Bytes(Bytes::from_static(b"{}")),
            own_cookie: None,
            cookie: None,
        }
    }

    fn names(hop: &Hop) -> Vec<&str> {
        hop.headers.iter().map(|(k, _)| k.as_str()).collect()
    }

    #[test]
    fn issue11_redirect_rules() {
        let plain = SendBehavior::default();
        // (method, status, location, want method, keeps body and its type)
        let cases = [
            ("POST", 301, "/y", "GET", false),
            ("POST", 302, "/y", "GET", false),
            ("PUT", 303, "/y", "GET", false),
            ("GET", 302, "/y", "GET", false),
            ("HEAD", 302, "/y", "HEAD", false),
            ("POST", 300, "/y", "GET", false),
            ("DELETE", 304, "/y", "GET", false),
            ("POST", 307, "/y", "POST", true),
            ("PUT", 308, "/y", "PUT", true),
            ("GET", 307, "/y", "GET", true),
        ];
        for (method, status, location, want, kept) in cases {
            let next = next_hop(&hop(method), status, location, &plain).unwrap();
            assert_eq!(next.method, want, "{method} {status}");
            assert_eq!(next.url, "http://a.test/y", "{method} {status}");
            assert_eq!(
                !matches!(next.body, RequestBody::Empty),
                kept,
                "{method} {status}"
            );
            let types = next
                .headers
                .iter()
                .filter(|(k, _)| k == "Content-Type" || k == "Content-Length")
                .count();
            assert_eq!(types, if kept { 2 } else { 0 }, "{method} {status}");
            assert_eq!(
                find_header(&next.headers, "referer"),
                Some("http://a.test/x?q=1"),
                "{method} {status}"
            );
        }
        let original = SendBehavior {
            follow_original_method: true,
            ..SendBehavior::default()
        };
        let next = next_hop(&hop("POST"), 303, "/y", &original).unwrap();
        assert_eq!(
            (next.method.as_str(), next.body.preview().as_str()),
            ("POST", "{}")
        );
    }

    #[test]
    fn issue11_redirect_to_another_host_name_drops_authorization_and_host() {
        let plain = SendBehavior::default();
        let same_name = next_hop(&hop("GET"), 302, "https://a.test:8443/y", &plain).unwrap();
        assert_eq!(
            names(&same_name),
            ["Authorization", "Host", "X-Custom", "Referer"]
        );
        let other = next_hop(&hop("GET"), 302, "http://b.test/y", &plain).unwrap();
        assert_eq!(names(&other), ["X-Custom", "Referer"]);
        let keep = SendBehavior {
            follow_authorization_header: true,
            remove_referer: true,
            ..SendBehavior::default()
        };
        let other = next_hop(&hop("GET"), 307, "http://b.test/y", &keep).unwrap();
        assert_eq!(
            names(&other),
            [
                "Authorization",
                "Content-Type",
                "Content-Length",
                "X-Custom"
            ]
        );
    }

    #[test]
    fn a_referer_of_the_request_is_replaced_unless_told_not_to() {
        let mut start = hop("GET");
        start
            .headers
            .push(("referer".into(), "http://mine.test/".into()));
        let next = next_hop(&start, 302, "/y", &SendBehavior::default()).unwrap();
        assert_eq!(
            find_header(&next.headers, "referer"),
            Some("http://a.test/x?q=1")
        );
        let keep = SendBehavior {
            remove_referer: true,
            ..SendBehavior::default()
        };
        let next = next_hop(&start, 302, "/y", &keep).unwrap();
        assert_eq!(
            find_header(&next.headers, "referer"),
            Some("http://mine.test/")
        );
    }

    #[test]
    fn issue11_url_user_info_becomes_basic_auth() {
        let url_basic_auth = |u: &str| url_basic_auth(&url::Url::parse(u).unwrap());
        assert_eq!(
            url_basic_auth("http://us%40er:pa%3Ass@h.test/").as_deref(),
            Some("Basic dXNAZXI6cGE6c3M=")
        );
        assert_eq!(
            url_basic_auth("http://u@h.test/").as_deref(),
            Some("Basic dTo=")
        );
        assert_eq!(url_basic_auth("http://h.test/"), None);
        let spec = RequestSpec {
            method: "GET".into(),
            url: "http://u:p@h.test/".into(),
            headers: vec![
                ("Cookie".into(), "a=1".into()),
                ("cookie".into(), "b=2".into()),
            ],
            ..RequestSpec::default()
        };
        let first = Hop::first(&spec, spec.headers.clone());
        assert_eq!(
            first.headers,
            [("Authorization".to_owned(), "Basic dTpw".to_owned())]
        );
        assert_eq!(first.own_cookie.as_deref(), Some("a=1; b=2"));
        assert_eq!(first.cookie.as_deref(), Some("a=1; b=2"));
    }
}
