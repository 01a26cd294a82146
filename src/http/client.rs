//! Sending requests: one shared `reqwest` client per run.
//!
//! The client never follows redirects nor stores cookies by itself: this
//! module does both, so `protocolProfileBehavior` (`followRedirects`,
//! `maxRedirects`, `disableCookies`, …) applies per request while every
//! request shares one connection pool and one cookie jar, as in Postman.
//! Digest auth is signed here around each send (`digest.rs` has the rules),
//! and what it learns is kept for the run.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, Once, OnceLock};
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{HeaderName, HeaderValue};

use super::digest::AfterResponse;
use super::exchange::{
    Exchange, Header, HttpError, HttpErrorKind, RequestBody, RequestSpec, ResponseData, SentRequest,
};

/// Options fixed for the whole run.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// `-k/--insecure`: accept any certificate.
    pub insecure: bool,
    /// `--ignore-redirects`: never follow 3xx.
    pub ignore_redirects: bool,
    /// `--timeout-request`: default per-request timeout.
    pub timeout_request: Option<Duration>,
}

/// The run's HTTP client and cookie jar.
pub struct HttpClient {
    options: ClientOptions,
    strict: reqwest::Client,
    lenient: OnceLock<reqwest::Client>,
    jar: Arc<Mutex<cookie_store::CookieStore>>,
    /// What digest auth learnt (nonce, realm, …) per auth block, for the run.
    digest_state: Mutex<HashMap<String, BTreeMap<String, String>>>,
}

/// A handle on the run's cookie jar that can outlive a borrow of the client
/// (a script reads `pm.cookies` through it only if it uses them).
#[derive(Clone)]
pub struct CookieReader(Arc<Mutex<cookie_store::CookieStore>>);

impl CookieReader {
    /// Cookies the jar would send to `url`, as `(name, value)`.
    pub fn cookies_for(&self, url: &str) -> Vec<(String, String)> {
        let Ok(url) = url::Url::parse(url) else {
            return Vec::new();
        };
        let jar = self.0.lock().unwrap_or_else(|e| e.into_inner());
        jar.get_request_values(&url)
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }
}

impl std::fmt::Debug for CookieReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CookieReader")
    }
}

static TLS_PROVIDER: Once = Once::new();

fn build_client(accept_invalid_certs: bool) -> Result<reqwest::Client, HttpError> {
    TLS_PROVIDER.call_once(|| {
        // Fails only when another provider is installed already, which is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    let tls = super::tls::client_config(accept_invalid_certs).map_err(|e| HttpError {
        kind: HttpErrorKind::Other,
        message: format!("cannot set up TLS: {e}"),
    })?;
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tls_backend_preconfigured(tls)
        .user_agent(concat!("courier/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| HttpError {
            kind: HttpErrorKind::Other,
            message: format!("cannot create the HTTP client: {e}"),
        })
}

/// Methods Node sends without `Content-Length` when they have no body.
const NO_LENGTH_METHODS: &[&str] = &["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"];

/// How many times postman-runtime sends a request again for its auth.
const MAX_REPLAYS: usize = 3;

/// The hex hash of a body for digest `qop=auth-int`, given the hash.
fn body_hash(body: &RequestBody, hash: &super::digest::HashFn) -> String {
    match body {
        RequestBody::Empty => hash(b""),
        RequestBody::Bytes(b) => hash(b),
        // postman-runtime cannot hash form-data and writes `undefined`.
        RequestBody::Multipart { .. } => "undefined".to_owned(),
    }
}

/// Status codes that redirect.
const REDIRECTS: &[u16] = &[301, 302, 303, 307, 308];

impl HttpClient {
    /// Creates the client.
    pub fn new(options: ClientOptions) -> Result<Self, HttpError> {
        Ok(HttpClient {
            strict: build_client(options.insecure)?,
            lenient: OnceLock::new(),
            options,
            jar: Arc::new(Mutex::new(cookie_store::CookieStore::default())),
            digest_state: Mutex::default(),
        })
    }

    fn client_for(&self, spec: &RequestSpec) -> Result<&reqwest::Client, HttpError> {
        if spec.behavior.strict_ssl || self.options.insecure {
            return Ok(&self.strict);
        }
        if let Some(c) = self.lenient.get() {
            return Ok(c);
        }
        let c = build_client(true)?;
        Ok(self.lenient.get_or_init(|| c))
    }

    /// Empties the cookie jar (each parallel iteration starts with none).
    pub fn clear_cookies(&self) {
        self.jar.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// Stores `name=value` for `url`, as if the server at `url` had set it.
    pub fn set_cookie(&self, url: &str, name: &str, value: &str) -> Result<(), String> {
        let parsed =
            url::Url::parse(url).map_err(|e| format!("invalid cookie URL `{url}`: {e}"))?;
        let raw = cookie::Cookie::new(name.to_owned(), value.to_owned());
        let mut jar = self.jar.lock().unwrap_or_else(|e| e.into_inner());
        jar.insert_raw(&raw, &parsed)
            .map(|_| ())
            .map_err(|e| format!("cannot store cookie `{name}` for {url}: {e}"))
    }

    /// Removes the cookies the jar would send to `url`: those named `name`,
    /// or all of them when `name` is `None`.
    pub fn remove_cookies(&self, url: &str, name: Option<&str>) -> Result<(), String> {
        let parsed =
            url::Url::parse(url).map_err(|e| format!("invalid cookie URL `{url}`: {e}"))?;
        let mut jar = self.jar.lock().unwrap_or_else(|e| e.into_inner());
        let doomed: Vec<(String, String, String)> = jar
            .matches(&parsed)
            .into_iter()
            .filter(|c| name.is_none_or(|n| c.name() == n))
            .map(|c| {
                (
                    String::from(&c.domain),
                    c.path.to_string(),
                    c.name().to_owned(),
                )
            })
            .collect();
        for (domain, path, cookie) in doomed {
            jar.remove(&domain, &path, &cookie);
        }
        Ok(())
    }

    /// Cookies the jar would send to `url`, as `(name, value)`.
    pub fn cookies_for(&self, url: &str) -> Vec<(String, String)> {
        self.cookie_reader().cookies_for(url)
    }

    /// A handle on the jar for reading it later.
    pub fn cookie_reader(&self) -> CookieReader {
        CookieReader(self.jar.clone())
    }

    /// Sends `spec`, following redirects as its behaviour says, and signing
    /// digest auth the way postman-runtime does (see `digest.rs`): signed at
    /// once when the nonce is known, sent again after a challenge.
    pub async fn send(&self, spec: &RequestSpec) -> Exchange {
        let Some(digest) = &spec.digest else {
            return self.send_hops(spec, spec.headers.clone()).await;
        };
        let mut params = digest.params.clone();
        if let Some(key) = &digest.state_key {
            let state = self.digest_state.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(learnt) = state.get(key) {
                params.learn(learnt);
            }
        }
        let uri = url::Url::parse(&spec.url)
            .map(|u| match u.query() {
                Some(q) => format!("{}?{q}", u.path()),
                None => u.path().to_owned(),
            })
            .unwrap_or_else(|_| "/".into());
        let mut replays = 0;
        loop {
            let mut headers = spec.headers.clone();
            if params.ready()
                && let Some(value) =
                    params.authorization(&spec.method, &uri, &|hash| body_hash(&spec.body, hash))
            {
                set_header(&mut headers, "Authorization", value);
            }
            let exchange = self.send_hops(spec, headers).await;
            // Without a response Postman runs no post hook: nothing to learn.
            let Ok(response) = &exchange.response else {
                return exchange;
            };
            let challenge = response
                .headers
                .iter()
                .find(|(k, v)| {
                    k.eq_ignore_ascii_case("www-authenticate")
                        && v.to_ascii_lowercase().starts_with("digest ")
                })
                .map(|(_, v)| v.as_str());
            let next = params.after_response(response.status, challenge);
            if let Some(key) = &digest.state_key {
                let mut state = self.digest_state.lock().unwrap_or_else(|e| e.into_inner());
                state.insert(key.clone(), params.learnt());
            }
            if next == AfterResponse::Retry && replays < MAX_REPLAYS {
                replays += 1;
                continue;
            }
            return exchange;
        }
    }

    /// Sends `spec` with `headers`, following redirects as its behaviour says.
    async fn send_hops(&self, spec: &RequestSpec, headers: Vec<Header>) -> Exchange {
        let started = Instant::now();
        let mut hop = Hop {
            method: spec.method.clone(),
            url: spec.url.clone(),
            headers,
            body: spec.body.clone(),
        };
        let follow = spec.behavior.follow_redirects && !self.options.ignore_redirects;
        let timeout = spec.behavior.timeout.or(self.options.timeout_request);
        let mut redirects = 0usize;
        loop {
            let (sent, result) = self.send_once(spec, &hop, timeout).await;
            let response = match result {
                Ok(r) => r,
                Err(e) => {
                    return Exchange {
                        request: sent,
                        response: Err(e),
                    };
                }
            };
            let status = response.status().as_u16();
            let location = header_value(response.headers(), "location");
            if follow && REDIRECTS.contains(&status) && location.is_some() {
                if redirects >= spec.behavior.max_redirects {
                    return Exchange {
                        request: sent,
                        response: Err(HttpError {
                            kind: HttpErrorKind::Redirect,
                            message: format!(
                                "more than {} redirects from {} (maxRedirects); probably a redirect loop",
                                spec.behavior.max_redirects, spec.url
                            ),
                        }),
                    };
                }
                redirects += 1;
                if let Some(next) = location.and_then(|l| next_hop(&hop, status, &l, spec)) {
                    hop = next;
                    continue;
                }
            }
            let read = read_response(response, started).await;
            return Exchange {
                request: sent,
                response: read,
            };
        }
    }

    async fn send_once(
        &self,
        spec: &RequestSpec,
        hop: &Hop,
        timeout: Option<Duration>,
    ) -> (SentRequest, Result<reqwest::Response, HttpError>) {
        let mut sent = SentRequest {
            method: hop.method.clone(),
            url: hop.url.clone(),
            headers: hop.headers.clone(),
            body: hop.body.preview(),
        };
        let client = match self.client_for(spec) {
            Ok(c) => c,
            Err(e) => return (sent, Err(e)),
        };
        let request = match self.prepare(client, spec, hop, timeout).await {
            Ok(r) => r,
            Err(e) => return (sent, Err(e)),
        };
        sent.headers = request
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let url = request.url().clone();
        let result = client
            .execute(request)
            .await
            .map_err(|e| classify(e, &hop.url));
        if let Ok(response) = &result
            && !spec.behavior.disable_cookies
        {
            let cookies = response
                .headers()
                .get_all(reqwest::header::SET_COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .filter_map(|v| cookie::Cookie::parse(v.to_owned()).ok());
            let mut jar = self.jar.lock().unwrap_or_else(|e| e.into_inner());
            jar.store_response_cookies(cookies, &url);
        }
        (sent, result)
    }

    async fn prepare(
        &self,
        client: &reqwest::Client,
        spec: &RequestSpec,
        hop: &Hop,
        timeout: Option<Duration>,
    ) -> Result<reqwest::Request, HttpError> {
        let method = reqwest::Method::from_bytes(hop.method.as_bytes()).map_err(|_| HttpError {
            kind: HttpErrorKind::Other,
            message: format!("`{}` is not a valid HTTP method", hop.method),
        })?;
        let url = url::Url::parse(&hop.url).map_err(|e| HttpError {
            kind: HttpErrorKind::InvalidUrl,
            message: format!("`{}`: {e}", hop.url),
        })?;
        let mut builder = client.request(method, url.clone());
        if let Some(t) = timeout {
            builder = builder.timeout(t);
        }
        let mut headers = reqwest::header::HeaderMap::new();
        for (k, v) in &hop.headers {
            let name = HeaderName::from_bytes(k.trim().as_bytes()).map_err(|_| HttpError {
                kind: HttpErrorKind::Other,
                message: format!("`{k}` is not a valid header name"),
            })?;
            let value = HeaderValue::from_str(v).map_err(|_| HttpError {
                kind: HttpErrorKind::Other,
                message: format!("the value of header `{k}` has characters HTTP does not allow"),
            })?;
            headers.append(name, value);
        }
        // The system headers postman-runtime adds when the request has none
        // of that name, unless `disabledSystemHeaders` turns them off.
        let disabled = &spec.behavior.disabled_system_headers;
        let system = [
            ("accept", HeaderValue::from_static("*/*")),
            ("cache-control", HeaderValue::from_static("no-cache")),
            (
                "postman-token",
                HeaderValue::from_str(&uuid::Uuid::new_v4().to_string())
                    .unwrap_or_else(|_| HeaderValue::from_static("")),
            ),
        ];
        for (name, value) in system {
            if !headers.contains_key(name) && !disabled.iter().any(|d| d == name) {
                headers.insert(name, value);
            }
        }
        if !spec.behavior.disable_cookies {
            let jar_cookies: Vec<String> = {
                let jar = self.jar.lock().unwrap_or_else(|e| e.into_inner());
                jar.get_request_values(&url)
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect()
            };
            if !jar_cookies.is_empty() {
                let mut all: Vec<String> = headers
                    .get_all(reqwest::header::COOKIE)
                    .iter()
                    .filter_map(|v| v.to_str().ok().map(str::to_owned))
                    .collect();
                all.extend(jar_cookies);
                if let Ok(v) = HeaderValue::from_str(&all.join("; ")) {
                    headers.insert(reqwest::header::COOKIE, v);
                }
            }
        }
        // Node sends `Content-Length: 0` for a body-less request of a method
        // that may carry one (some servers answer 411 without it).
        if matches!(hop.body, RequestBody::Empty)
            && !NO_LENGTH_METHODS.contains(&hop.method.as_str())
            && !headers.contains_key(reqwest::header::CONTENT_LENGTH)
        {
            headers.insert(
                reqwest::header::CONTENT_LENGTH,
                HeaderValue::from_static("0"),
            );
        }
        builder = builder.headers(headers);
        builder = match &hop.body {
            RequestBody::Empty => builder,
            body => builder.body(body.to_bytes()),
        };
        builder.build().map_err(|e| classify(e, &hop.url))
    }
}

/// One leg of a possibly redirected request.
#[derive(Debug, Clone)]
struct Hop {
    method: String,
    url: String,
    headers: Vec<Header>,
    body: RequestBody,
}

/// The request to send after a redirect, as browsers and Postman do it.
fn next_hop(hop: &Hop, status: u16, location: &str, spec: &RequestSpec) -> Option<Hop> {
    let base = url::Url::parse(&hop.url).ok()?;
    let next = base.join(location).ok()?;
    let mut out = hop.clone();
    let keep_method = matches!(status, 307 | 308)
        || (matches!(status, 301 | 302) && spec.behavior.follow_original_method);
    // A redirect that does not keep the method turns it into GET; HEAD stays HEAD.
    if !keep_method && hop.method != "GET" && hop.method != "HEAD" {
        out.method = "GET".into();
        out.body = RequestBody::Empty;
        out.headers.retain(|(k, _)| {
            !k.eq_ignore_ascii_case("content-type") && !k.eq_ignore_ascii_case("content-length")
        });
    }
    let cross_origin = next.host_str() != base.host_str()
        || next.port_or_known_default() != base.port_or_known_default();
    if cross_origin && !spec.behavior.follow_authorization_header {
        out.headers
            .retain(|(k, _)| !k.eq_ignore_ascii_case("authorization"));
    }
    // Cookies come from the jar afresh at every hop.
    out.headers
        .retain(|(k, _)| !k.eq_ignore_ascii_case("cookie"));
    out.url = next.to_string();
    Some(out)
}

fn set_header(headers: &mut Vec<Header>, name: &str, value: String) {
    headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
    headers.push((name.to_owned(), value));
}

fn header_value(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

async fn read_response(
    response: reqwest::Response,
    started: Instant,
) -> Result<ResponseData, HttpError> {
    let status = response.status();
    let url = response.url().to_string();
    let headers: Vec<Header> = response
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                canonical_name(k.as_str()),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body: Bytes = response.bytes().await.map_err(|e| classify(e, &url))?;
    Ok(ResponseData {
        status: status.as_u16(),
        reason: status.canonical_reason().unwrap_or("").to_owned(),
        headers,
        body,
        time: started.elapsed(),
        url,
    })
}

/// `content-type` → `Content-Type`, as the headers were most likely written.
fn canonical_name(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut c = part.chars();
            match c.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// A transport failure as one line naming the URL once and each cause once:
/// reqwest's own message repeats the URL (`… for url (…)`), and for a
/// request that could not be sent says no more than its causes do.
fn classify(e: reqwest::Error, url: &str) -> HttpError {
    let e = e.without_url();
    let detail = match std::error::Error::source(&e) {
        Some(cause) if e.is_request() => crate::error::describe(cause),
        _ => crate::error::describe(&e),
    };
    let lower = detail.to_lowercase();
    let kind = if e.is_timeout() {
        HttpErrorKind::Timeout
    } else if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake")
    {
        HttpErrorKind::Tls
    } else if e.is_connect() {
        HttpErrorKind::Connect
    } else if e.is_builder() {
        HttpErrorKind::InvalidUrl
    } else {
        HttpErrorKind::Other
    };
    HttpError {
        kind,
        message: format!("{url}: {detail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_header_names() {
        assert_eq!(canonical_name("content-type"), "Content-Type");
        assert_eq!(canonical_name("x-request-id"), "X-Request-Id");
        assert_eq!(canonical_name("etag"), "Etag");
    }

    fn hop(method: &str) -> Hop {
        Hop {
            method: method.into(),
            url: "http://a.test/x".into(),
            headers: vec![
                ("Authorization".into(), "Bearer t".into()),
                ("Content-Type".into(), "application/json".into()),
            ],
            body: RequestBody::Bytes(Bytes::from_static(b"{}")),
        }
    }

    #[test]
    fn redirect_rules() {
        let spec = RequestSpec::default();
        // (method, status, location, want method, keeps body, keeps auth)
        let cases = [
            ("POST", 302, "/y", "GET", false, true),
            ("POST", 303, "/y", "GET", false, true),
            ("POST", 307, "/y", "POST", true, true),
            ("PUT", 308, "http://b.test/y", "PUT", true, false),
            ("GET", 301, "http://a.test:8080/y", "GET", true, false),
        ];
        for (method, status, location, want, body, auth) in cases {
            let next = next_hop(&hop(method), status, location, &spec).unwrap();
            assert_eq!(next.method, want, "{method} {status}");
            assert_eq!(
                !matches!(next.body, RequestBody::Empty),
                body,
                "{method} {status}"
            );
            assert_eq!(
                next.headers.iter().any(|(k, _)| k == "Authorization"),
                auth,
                "{method} {status}"
            );
        }
    }
}
