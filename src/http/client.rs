//! Sending requests: one shared `reqwest` client per run.
//!
//! The client never follows redirects nor stores cookies by itself: this
//! module does both, so `protocolProfileBehavior` (`followRedirects`,
//! `maxRedirects`, `disableCookies`, …) applies per request while every
//! request shares one connection pool and one cookie jar, as in Postman.
//! Redirects are followed as postman-request follows them (`redirect.rs`:
//! `Referer`, which headers survive, when the method becomes GET). The
//! headers written are the request's, then Postman's system headers
//! (`User-Agent`, `Accept`, `Cache-Control`, `Postman-Token`,
//! `Accept-Encoding`, `Connection`), the cookies and `Content-Length`, with
//! names in Title-Case on HTTP/1.1. Digest auth is signed here around each
//! send (`auth/digest.rs` has the rules), and what it learns is kept for the run.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use sha2::{Digest as _, Sha256};

use super::auth::{AfterResponse, HashFn, NtlmAuth, find_type2, has_challenge};
use super::busy_poll::Poller;
use super::cookie_jar::{CookieJarFile, Jar};
use super::exchange::{
    DroppedBody, Exchange, Header, HttpError, HttpErrorKind, HttpVersion, RequestBody, RequestSpec,
    ResponseData, SentRequest, find_header,
};
use super::identity::TlsIdentity;
use super::proxy::ProxyEnv;
use super::redirect::{Hop, next_hop, set_header};
use super::wire::{SYSTEM_HEADERS, WireHeaders, canonical_name, host_header, postman_token};

/// Options fixed for the whole run.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// `-k/--insecure`: accept any certificate.
    pub insecure: bool,
    /// `--ignore-redirects`: never follow 3xx.
    pub ignore_redirects: bool,
    /// `--timeout-request`: default per-request timeout.
    pub timeout_request: Option<Duration>,
    /// Client certificates and extra CAs (`--ssl-*`).
    pub identity: TlsIdentity,
    /// Proxies from `HTTP_PROXY` / `HTTPS_PROXY` / `NO_PROXY`.
    pub proxy: ProxyEnv,
    /// The cookies the jar starts with (`--cookie-jar`).
    pub cookie_jar: Option<CookieJarFile>,
    /// `--max-response-size`: a decoded body past this many bytes is
    /// counted and hashed, not kept (`None`: no limit).
    pub max_response_size: Option<u64>,
    /// `--http-version`: `Auto` lets each request's `protocolVersion`
    /// choose; `Http1` or `Http2` forces every request's.
    pub http_version: HttpVersion,
    /// How long to wait for a response by polling before sleeping
    /// (`--busy-poll`; see `busy_poll`); `None`: sleep at once.
    pub busy_poll: Option<Duration>,
}

/// The run's HTTP client and cookie jar.
pub struct HttpClient {
    options: ClientOptions,
    /// One client per kind of connection, made when first needed.
    clients: Mutex<HashMap<ClientKind, reqwest::Client>>,
    jar: Arc<Mutex<Jar>>,
    /// Console warnings of the sends since the runner last took them
    /// (postman-runtime's auth post-hook warnings).
    warnings: Mutex<Vec<String>>,
    /// What digest auth learnt (nonce, realm, …) per auth block, for the run.
    digest_state: Mutex<HashMap<String, BTreeMap<String, String>>>,
    /// Polls for responses (`--busy-poll`), pausing for a slow server.
    poller: Poller,
}

/// A handle on the run's cookie jar that can outlive a borrow of the client
/// (a script reads `pm.cookies` through it only if it uses them).
#[derive(Clone)]
pub struct CookieReader(Arc<Mutex<Jar>>);

impl CookieReader {
    /// Cookies the jar would send to `url`, as `(name, value)`.
    pub fn cookies_for(&self, url: &str) -> Vec<(String, String)> {
        let Ok(url) = url::Url::parse(url) else {
            return Vec::new();
        };
        let jar = self.0.lock().unwrap_or_else(|e| e.into_inner());
        jar.values_for(&url)
    }
}

impl std::fmt::Debug for CookieReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CookieReader")
    }
}

static TLS_PROVIDER: Once = Once::new();

/// What tells the run's clients apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct ClientKind {
    /// Accept any server certificate (`-k`, `strictSSL: false`).
    accept_invalid_certs: bool,
    /// The client certificate offered (an index into the identity's list).
    certificate: Option<usize>,
    /// The HTTP version spoken (`HttpClient::version_for`).
    version: HttpVersion,
}

fn build_client(options: &ClientOptions, kind: ClientKind) -> Result<reqwest::Client, HttpError> {
    let ClientKind {
        accept_invalid_certs,
        certificate,
        version,
    } = kind;
    TLS_PROVIDER.call_once(|| {
        // Fails only when another provider is installed already, which is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    let identity = certificate.and_then(|i| options.identity.certificates.get(i));
    let tls = super::tls::client_config(
        accept_invalid_certs,
        &options.identity.extra_roots,
        identity.map(|c| &**c),
        version != HttpVersion::Http1,
    )
    .map_err(|e| HttpError {
        kind: HttpErrorKind::Other,
        message: match identity {
            Some(c) => format!(
                "cannot set up TLS with client certificate `{}`: {e}",
                c.name
            ),
            None => format!("cannot set up TLS: {e}"),
        },
    })?;
    // Header names go out in Title-Case on HTTP/1.1 (`Content-Type`,
    // `Host`): the spelling Node gives its own headers and most requests'.
    // hyper cannot keep the collection's own spelling (its case map is private).
    // Proxies are postman-request's choice (`proxy.rs`), not reqwest's.
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tls_backend_preconfigured(tls)
        .http1_title_case_headers()
        // Node reads up to 2000 response headers (its `maxHeadersCount`);
        // hyper's default of 100 failed answers Newman reads.
        .http1_max_headers(2000)
        .no_proxy();
    builder = match version {
        HttpVersion::Auto => builder,
        HttpVersion::Http1 => builder.http1_only(),
        HttpVersion::Http2 => builder.http2_prior_knowledge(),
    };
    if !options.proxy.is_empty() {
        let proxy = options.proxy.clone();
        builder = builder.proxy(reqwest::Proxy::custom(move |url| {
            proxy.proxy_for(url).map(str::to_owned)
        }));
    }
    builder.build().map_err(|e| HttpError {
        kind: HttpErrorKind::Other,
        message: format!("cannot create the HTTP client: {e}"),
    })
}

/// The jar a run (or a parallel iteration) starts with.
fn initial_jar(options: &ClientOptions) -> Jar {
    options
        .cookie_jar
        .as_ref()
        .map(Jar::from_file)
        .unwrap_or_default()
}

/// Methods Node sends without `Content-Length` when they have no body.
const NO_LENGTH_METHODS: &[&str] = &["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"];

/// How many times postman-runtime sends a request again for its auth.
const MAX_REPLAYS: usize = 3;

/// The hex hash of a body for digest `qop=auth-int`, given the hash.
fn body_hash(body: &RequestBody, hash: &HashFn) -> String {
    match body {
        RequestBody::Empty => hash(b""),
        RequestBody::Bytes(b) => hash(b),
        // postman-runtime cannot hash form-data and writes `undefined`.
        RequestBody::Multipart { .. } => "undefined".to_owned(),
    }
}

impl HttpClient {
    /// Creates the client.
    pub fn new(options: ClientOptions) -> Result<Self, HttpError> {
        let kind = ClientKind {
            accept_invalid_certs: options.insecure,
            certificate: None,
            version: options.http_version,
        };
        let first = build_client(&options, kind)?;
        let jar = Arc::new(Mutex::new(initial_jar(&options)));
        Ok(HttpClient {
            clients: Mutex::new(HashMap::from([(kind, first)])),
            poller: Poller::new(options.busy_poll),
            options,
            jar,
            digest_state: Mutex::default(),
            warnings: Mutex::default(),
        })
    }

    /// The HTTP version `spec` is sent with: HTTP/1.1 for NTLM, which
    /// authenticates a connection, what HTTP/2 does not allow (servers
    /// answer `HTTP_1_1_REQUIRED`); else `--http-version` when it is `1.1`
    /// or `2`; else the request's `protocolVersion`, where `http2` on
    /// cleartext `http://` is HTTP/1.1, as postman-request has no h2c.
    fn version_for(&self, spec: &RequestSpec, url: Option<&url::Url>) -> HttpVersion {
        if spec.ntlm.is_some() {
            return HttpVersion::Http1;
        }
        if self.options.http_version != HttpVersion::Auto {
            return self.options.http_version;
        }
        match spec.behavior.http_version {
            Some(HttpVersion::Http2) if url.is_none_or(|u| u.scheme() != "https") => {
                HttpVersion::Http1
            }
            v => v.unwrap_or_default(),
        }
    }

    /// The client for `spec`: its certificate check (`strictSSL`, `-k`),
    /// the client certificate its URL gets, its HTTP version.
    fn client_for(
        &self,
        spec: &RequestSpec,
        url: Option<&url::Url>,
    ) -> Result<reqwest::Client, HttpError> {
        let kind = ClientKind {
            accept_invalid_certs: self.options.insecure || !spec.behavior.strict_ssl,
            certificate: url.and_then(|u| self.options.identity.certificate_for(u)),
            version: self.version_for(spec, url),
        };
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = clients.get(&kind) {
            return Ok(c.clone());
        }
        let c = build_client(&self.options, kind)?;
        clients.insert(kind, c.clone());
        Ok(c)
    }

    /// Puts the cookie jar back as the run started (each parallel
    /// iteration starts from it): empty, or the `--cookie-jar` file's.
    pub fn clear_cookies(&self) {
        *self.jar.lock().unwrap_or_else(|e| e.into_inner()) = initial_jar(&self.options);
    }

    /// The jar as tough-cookie serializes it (`--export-cookie-jar`).
    pub fn cookie_jar_file(&self) -> CookieJarFile {
        self.jar.lock().unwrap_or_else(|e| e.into_inner()).to_file()
    }

    /// Stores `name=value` for `url`, as if the server at `url` had set it.
    pub fn set_cookie(&self, url: &str, name: &str, value: &str) -> Result<(), String> {
        let parsed =
            url::Url::parse(url).map_err(|e| format!("invalid cookie URL `{url}`: {e}"))?;
        let raw = cookie::Cookie::new(name.to_owned(), value.to_owned());
        let mut jar = self.jar.lock().unwrap_or_else(|e| e.into_inner());
        jar.insert(&raw, &parsed, None)
            .map_err(|e| format!("cannot store cookie `{name}` for {url}: {e}"))
    }

    /// Removes the cookies the jar would send to `url`: those named `name`,
    /// or all of them when `name` is `None`.
    pub fn remove_cookies(&self, url: &str, name: Option<&str>) -> Result<(), String> {
        let parsed =
            url::Url::parse(url).map_err(|e| format!("invalid cookie URL `{url}`: {e}"))?;
        let mut jar = self.jar.lock().unwrap_or_else(|e| e.into_inner());
        for key in jar.keys_for(&parsed, name) {
            jar.remove(&key);
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
    /// digest auth the way postman-runtime does (see `auth/digest.rs`): signed at
    /// once when the nonce is known, sent again after a challenge.
    pub async fn send(&self, spec: &RequestSpec) -> Exchange {
        if let Some(ntlm) = &spec.ntlm {
            return self.send_ntlm(spec, ntlm).await;
        }
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

    /// Console warnings of the sends since the last call (an NTLM server
    /// that answered the Type 1 message without a challenge, say), as
    /// postman-runtime writes them.
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Sends `spec` with NTLM's handshake (`auth/ntlm.rs`): unsigned, then
    /// with the Type 1 message after a `401`/`403` asking for NTLM, then
    /// with the Type 3 message answering the server's Type 2 challenge. The
    /// connection pool keeps the one connection the handshake needs.
    async fn send_ntlm(&self, spec: &RequestSpec, ntlm: &NtlmAuth) -> Exchange {
        let mut headers = spec.headers.clone();
        let exchange = self.send_hops(spec, headers.clone()).await;
        let asks = |e: &Exchange| {
            e.response
                .as_ref()
                .is_ok_and(|r| r.status == 401 || r.status == 403)
        };
        if ntlm.disable_retry
            || !asks(&exchange)
            || !exchange
                .response
                .as_ref()
                .is_ok_and(|r| has_challenge(&r.headers))
        {
            return exchange;
        }
        set_header(&mut headers, "Authorization", ntlm.type1());
        let exchange = self.send_hops(spec, headers.clone()).await;
        let Some(response) = exchange.response.as_ref().ok().filter(|_| asks(&exchange)) else {
            return exchange;
        };
        let challenge = match find_type2(&response.headers) {
            Ok(c) => c,
            Err(e) => {
                self.warnings
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(format!(
                        "runtime~ntlm.auth: there was an error validating auth: {e}"
                    ));
                return exchange;
            }
        };
        let now_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let type3 = ntlm.type3(&challenge, rand::random(), now_ms);
        set_header(&mut headers, "Authorization", type3);
        self.send_hops(spec, headers).await
    }

    /// Sends `spec` with `headers`, following redirects as its behaviour says.
    async fn send_hops(&self, spec: &RequestSpec, headers: Vec<Header>) -> Exchange {
        let started = Instant::now();
        let mut hop = Hop::first(spec, headers);
        let follow = spec.behavior.follow_redirects && !self.options.ignore_redirects;
        let timeout = spec.behavior.timeout.or(self.options.timeout_request);
        let mut redirects = 0usize;
        let mut first_request = None;
        loop {
            let (sent, result) = self.poller.wait(self.send_once(spec, &hop, timeout)).await;
            let response = match result {
                Ok(r) => r,
                Err(e) => {
                    return Exchange {
                        request: sent,
                        first_request,
                        response: Err(e),
                    };
                }
            };
            let status = response.status().as_u16();
            // postman-request follows any 3xx that names a Location.
            let location = header_value(response.headers(), "location");
            if follow && (300..400).contains(&status) && location.is_some() {
                if redirects >= spec.behavior.max_redirects {
                    return Exchange {
                        request: sent,
                        first_request,
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
                if let Some(mut next) =
                    location.and_then(|l| next_hop(&hop, status, &l, &spec.behavior))
                {
                    // Without a jar cookie for the new URL, the Cookie header
                    // of the last request goes again (postman-request).
                    next.cookie = find_header(&sent.headers, "cookie").map(str::to_owned);
                    first_request.get_or_insert(sent);
                    hop = next;
                    continue;
                }
            }
            let read = self
                .poller
                .wait(read_response(
                    response,
                    started,
                    self.options.max_response_size,
                ))
                .await;
            return Exchange {
                request: sent,
                first_request,
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
        // The client is chosen by the request's URL, not the hop's.
        let reparsed;
        let first = if hop.url == spec.url {
            hop.parsed.as_ref().ok()
        } else {
            reparsed = spec.parse_url().ok();
            reparsed.as_ref()
        };
        let client = match self.client_for(spec, first) {
            Ok(c) => c,
            Err(e) => return (sent, Err(e)),
        };
        let request = match self.prepare(&client, spec, hop, timeout, &mut sent).await {
            Ok(r) => r,
            Err(e) => return (sent, Err(e)),
        };
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
                .filter_map(|v| v.to_str().ok());
            let mut jar = self.jar.lock().unwrap_or_else(|e| e.into_inner());
            jar.store_response(cookies, &url);
        }
        (sent, result)
    }

    /// The headers of one hop, in the order and spelling they are written:
    /// the request's own, then the system headers postman-runtime adds
    /// (each unless the request has one of that name or
    /// `disabledSystemHeaders` turns it off), the cookies, and
    /// `Content-Length: 0` where Node writes it. Also returns the list to
    /// record, which adds `Host` (written by hyper) in Postman's place, and
    /// the Cookie header apart.
    fn wire_headers(&self, spec: &RequestSpec, hop: &Hop, url: &url::Url) -> WireHeaders {
        let mut record = Vec::with_capacity(hop.headers.len() + SYSTEM_HEADERS.len() + 1);
        record.extend(hop.headers.iter().cloned());
        let mut host_at = None;
        let disabled = &spec.behavior.disabled_system_headers;
        for (name, value) in SYSTEM_HEADERS {
            if find_header(&hop.headers, name).is_some() {
                continue;
            }
            if name == "Host" {
                host_at = Some(record.len());
                record.push((name.to_owned(), host_header(url)));
                continue;
            }
            if disabled.iter().any(|d| d.eq_ignore_ascii_case(name)) {
                continue;
            }
            let value = match value {
                "" => postman_token(),
                v => v.to_owned(),
            };
            record.push((name.to_owned(), value));
        }
        let bodyless = matches!(hop.body, RequestBody::Empty);
        if bodyless
            && !NO_LENGTH_METHODS.contains(&hop.method.as_str())
            && find_header(&hop.headers, "content-length").is_none()
        {
            // Node sends `Content-Length: 0` for a method that may carry a
            // body (POST, PUT, PATCH, custom ones) when it has none.
            record.push(("Content-Length".to_owned(), "0".to_owned()));
        }
        let cookie = if spec.behavior.disable_cookies {
            None
        } else {
            self.cookie_header(hop, url)
        };
        WireHeaders {
            record,
            host_at,
            cookie,
        }
    }

    /// The Cookie header of a hop, as postman-request builds it: the jar's
    /// cookies for the URL after the request's own Cookie header; with no
    /// jar cookie, the header the hop came with (the request's own on the
    /// first hop, the last one sent after a redirect).
    fn cookie_header(&self, hop: &Hop, url: &url::Url) -> Option<String> {
        let from_jar: Vec<String> = self
            .jar
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .send_to(url);
        if from_jar.is_empty() {
            return hop.cookie.clone();
        }
        let from_jar = from_jar.join("; ");
        Some(match &hop.own_cookie {
            Some(own) => format!("{own}; {from_jar}"),
            None => from_jar,
        })
    }

    async fn prepare(
        &self,
        client: &reqwest::Client,
        spec: &RequestSpec,
        hop: &Hop,
        timeout: Option<Duration>,
        sent: &mut SentRequest,
    ) -> Result<reqwest::Request, HttpError> {
        let method = reqwest::Method::from_bytes(hop.method.as_bytes()).map_err(|_| HttpError {
            kind: HttpErrorKind::Other,
            message: format!("`{}` is not a valid HTTP method", hop.method),
        })?;
        let url = hop.parsed.clone().map_err(|e| HttpError {
            kind: HttpErrorKind::InvalidUrl,
            message: format!("`{}`: {e}", hop.url),
        })?;
        let wire = self.wire_headers(spec, hop, &url);
        // reqwest takes a parsed URL as it is.
        let mut builder = client.request(method, url);
        if let Some(t) = timeout {
            builder = builder.timeout(t);
        }
        let built = wire.header_map().and_then(|headers| {
            let builder = match &hop.body {
                RequestBody::Empty => builder.headers(headers),
                body => builder.headers(headers).body(body.to_bytes()),
            };
            builder.build().map_err(|e| classify(e, &hop.url))
        });
        let added = built.as_ref().map(|r| wire.added_by(r)).unwrap_or_default();
        // Recorded even when the headers cannot be written.
        sent.headers = wire.record;
        let request = built?;
        sent.headers.extend(added);
        if find_header(&sent.headers, "content-length").is_none()
            && let Some(len) = request.body().and_then(|b| b.as_bytes()).map(<[u8]>::len)
        {
            // The Content-Length hyper writes for the body.
            sent.headers
                .push(("Content-Length".to_owned(), len.to_string()));
        }
        // postman-request sets the jar's Cookie header last.
        if let Some(cookie) = wire.cookie {
            sent.headers.push(("Cookie".to_owned(), cookie));
        }
        Ok(request)
    }
}

fn header_value(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

async fn read_response(
    response: reqwest::Response,
    started: Instant,
    limit: Option<u64>,
) -> Result<ResponseData, HttpError> {
    let status = response.status();
    let url = response.url().to_string();
    let http_version = format!("{:?}", response.version());
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
    let (body, dropped) = read_body(response, limit)
        .await
        .map_err(|e| classify(e, &url))?;
    Ok(ResponseData {
        status: status.as_u16(),
        reason: status.canonical_reason().unwrap_or("").to_owned(),
        headers,
        body,
        dropped,
        time: started.elapsed(),
        url,
        http_version,
    })
}

/// The largest buffer reserved up front from a `Content-Length` when there
/// is no limit: a server may announce more than it sends.
const MAX_RESERVE: u64 = 64 * 1024 * 1024;

/// Reads the decoded body chunk by chunk into one buffer. Past `limit`
/// bytes the buffer is hashed and freed, and the rest of the body is only
/// counted and hashed as it arrives: memory stays at one chunk however
/// large the body. A body whose `Content-Length` is past the limit is not
/// buffered at all.
async fn read_body(
    mut response: reqwest::Response,
    limit: Option<u64>,
) -> Result<(Bytes, Option<DroppedBody>), reqwest::Error> {
    let announced = response.content_length().unwrap_or(0);
    // A body announced (unencoded) past the limit is hashed from the start.
    let mut hasher = limit.filter(|&l| announced > l).map(|_| Sha256::new());
    let reserve = match hasher {
        Some(_) => 0,
        None => announced.min(limit.unwrap_or(MAX_RESERVE)),
    };
    let mut kept = BytesMut::with_capacity(usize::try_from(reserve).unwrap_or(0));
    let mut size = 0u64;
    while let Some(chunk) = response.chunk().await? {
        size += chunk.len() as u64;
        match (&mut hasher, limit) {
            (Some(h), _) => h.update(&chunk),
            (None, Some(limit)) if size > limit => {
                let mut h = Sha256::new();
                h.update(&kept);
                h.update(&chunk);
                kept = BytesMut::new();
                hasher = Some(h);
            }
            (None, _) => kept.extend_from_slice(&chunk),
        }
    }
    // hyper ends a body short of its Content-Length with an error, so an
    // announced body that came within the limit can only be an empty one
    // (the answer to a HEAD, a 204 or a 304).
    let dropped = hasher.filter(|_| size > 0).map(|h| DroppedBody {
        size,
        sha256: hex(&h.finalize()),
        limit: limit.unwrap_or(0),
    });
    Ok((kept.freeze(), dropped))
}

/// Lower-case hex of `bytes`.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A transport failure as one line naming the URL once and each cause once
/// (see `error.rs`).
fn classify(e: reqwest::Error, url: &str) -> HttpError {
    super::error::transport_error(e, url)
}
