//! Getting, caching and refreshing OAuth 2.0 tokens during a run.
//!
//! [`OAuth2Tokens`] keeps one token per auth configuration (every field,
//! variables resolved) for the run. A token is reused until its
//! `expires_in` has passed; then it is refreshed with its refresh token
//! (at `refreshTokenUrl`, else the token URL), and when that fails or there
//! is none, the grant runs again. Authorization-code and implicit grants
//! run unattended: the authorize URL is requested and its redirects
//! followed (cookies carried, nothing else) until one points at the
//! `redirect_uri`; a server that answers with a page instead (a login or
//! consent form) ends the fetch with a message saying so. Requests go
//! through the run's client (its TLS settings and proxies), without its
//! cookie jar. The requests and answers are built and read in
//! `oauth2_fetch.rs`; the runner decides when a request needs a token.

use std::collections::HashMap;
use std::future::Future;
use std::time::Instant;

use super::oauth2_browser::authorize_in_browser;
use super::oauth2_fetch::{
    Grant, Token, TokenConfig, TokenRequest, authorize_url, new_code_verifier,
    parse_token_response, token_behavior, token_request,
};
use crate::http::exchange::{Exchange, RequestSpec, ResponseData};

/// Redirects followed from the authorize URL before giving up.
const MAX_AUTHORIZE_HOPS: usize = 10;

/// Why no token could be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenError {
    /// What went wrong, for the item's error or the console.
    pub message: String,
    /// The authorization server could not be reached at all (no answer):
    /// Newman, which fetches nothing, would have sent the request without
    /// a token, and so does the runner unless `--oauth2-fetch` was given.
    pub unreachable: bool,
}

impl From<String> for TokenError {
    fn from(message: String) -> Self {
        TokenError {
            message,
            unreachable: false,
        }
    }
}

fn unreachable(message: String) -> TokenError {
    TokenError {
        message,
        unreachable: true,
    }
}

/// The tokens of a run, by auth configuration.
#[derive(Debug, Default)]
pub struct OAuth2Tokens {
    tokens: HashMap<String, Token>,
    secrets: Vec<String>,
    browser: bool,
}

impl OAuth2Tokens {
    /// No tokens yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// No tokens yet; `browser` (`--oauth2-browser`): an authorization-code
    /// grant whose server shows a login page is done in the user's browser.
    pub fn with_browser(browser: bool) -> Self {
        OAuth2Tokens {
            browser,
            ..Self::default()
        }
    }

    /// Every access and refresh token obtained so far: reports mask them.
    pub fn secrets(&self) -> &[String] {
        &self.secrets
    }

    /// A valid token for `config`: the cached one, a refreshed one, or a
    /// new one. `send` sends a request (the run's client).
    pub(crate) async fn token<S, F>(
        &mut self,
        config: &TokenConfig,
        send: S,
    ) -> Result<Token, TokenError>
    where
        S: Fn(RequestSpec) -> F,
        F: Future<Output = Exchange>,
    {
        let key = config.cache_key();
        let mut refresh_failure = None;
        if let Some(cached) = self.tokens.get(&key).cloned() {
            if !cached.expired(Instant::now()) {
                return Ok(cached);
            }
            if let Some(refresh_token) = &cached.refresh_token {
                match refresh(config, refresh_token, &send).await {
                    Ok(mut token) => {
                        // A server may keep the refresh token it issued.
                        token
                            .refresh_token
                            .get_or_insert_with(|| refresh_token.clone());
                        return Ok(self.keep(key, token));
                    }
                    Err(e) => refresh_failure = Some(e),
                }
            }
        }
        match fetch(config, &send, self.browser).await {
            Ok(token) => Ok(self.keep(key, token)),
            Err(e) => Err(match refresh_failure {
                Some(r) => TokenError {
                    message: format!(
                        "{} (refreshing the expired token failed first: {})",
                        e.message, r.message
                    ),
                    ..e
                },
                None => e,
            }),
        }
    }

    fn keep(&mut self, key: String, token: Token) -> Token {
        for secret in std::iter::once(&token.access_token).chain(&token.refresh_token) {
            if !self.secrets.contains(secret) {
                self.secrets.push(secret.clone());
            }
        }
        self.tokens.insert(key, token.clone());
        token
    }
}

/// Sends a token-endpoint request and reads the token from the answer.
async fn exchange_for_token<S, F>(
    spec: RequestSpec,
    send: &S,
    what: &str,
) -> Result<Token, TokenError>
where
    S: Fn(RequestSpec) -> F,
    F: Future<Output = Exchange>,
{
    let url = spec.url.clone();
    let exchange = send(spec).await;
    let response = exchange
        .response
        .map_err(|e| unreachable(format!("oauth2: {what} failed: could not reach {url}: {e}")))?;
    Ok(parse_token_response(&response, Instant::now(), what)?)
}

async fn refresh<S, F>(
    config: &TokenConfig,
    refresh_token: &str,
    send: &S,
) -> Result<Token, TokenError>
where
    S: Fn(RequestSpec) -> F,
    F: Future<Output = Exchange>,
{
    let spec = token_request(config, &TokenRequest::Refresh(refresh_token))?;
    exchange_for_token(
        spec,
        send,
        &format!("refreshing the token{}", config.label()),
    )
    .await
}

/// Runs the configured grant.
async fn fetch<S, F>(config: &TokenConfig, send: &S, browser: bool) -> Result<Token, TokenError>
where
    S: Fn(RequestSpec) -> F,
    F: Future<Output = Exchange>,
{
    let what = format!(
        "the {} token request{}",
        grant_name(config.grant),
        config.label()
    );
    match config.grant {
        Grant::ClientCredentials | Grant::Password => {
            let spec = token_request(config, &TokenRequest::Direct)?;
            exchange_for_token(spec, send, &what).await
        }
        Grant::AuthorizationCode { pkce } => {
            let verifier = pkce.then(|| match config.code_verifier.as_str() {
                "" => new_code_verifier(),
                v => v.to_owned(),
            });
            let params = authorize(config, verifier.as_deref(), send, browser).await?;
            let code = param(&params, "code").ok_or_else(|| {
                format!(
                    "oauth2: the authorization server redirected to {} without a code",
                    config.redirect_uri
                )
            })?;
            let request = TokenRequest::Code {
                code: &code,
                verifier: verifier.as_deref(),
            };
            let spec = token_request(config, &request)?;
            exchange_for_token(spec, send, &what).await
        }
        Grant::Implicit => {
            let params = authorize(config, None, send, false).await?;
            let get = |k: &str| param(&params, k);
            Token::from_params(&get, Instant::now()).ok_or_else(|| {
                TokenError::from(format!(
                    "oauth2: the authorization server redirected to {} without an access_token",
                    config.redirect_uri
                ))
            })
        }
    }
}

fn grant_name(grant: Grant) -> &'static str {
    match grant {
        Grant::ClientCredentials => "client credentials",
        Grant::Password => "password",
        Grant::AuthorizationCode { pkce: false } => "authorization code",
        Grant::AuthorizationCode { pkce: true } => "authorization code (PKCE)",
        Grant::Implicit => "implicit",
    }
}

fn param(params: &[(String, String)], key: &str) -> Option<String> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
}

/// Follows the authorize URL's redirects to the `redirect_uri` and returns
/// the parameters of that last redirect (query and fragment), after
/// checking `error` and `state`.
async fn authorize<S, F>(
    config: &TokenConfig,
    verifier: Option<&str>,
    send: &S,
    browser: bool,
) -> Result<Vec<(String, String)>, TokenError>
where
    S: Fn(RequestSpec) -> F,
    F: Future<Output = Exchange>,
{
    let target = without_query(&config.redirect_uri);
    let first = authorize_url(config, verifier)?;
    let mut url = first.clone();
    let mut cookies: Vec<(String, String)> = Vec::new();
    for _ in 0..MAX_AUTHORIZE_HOPS {
        let mut headers = Vec::new();
        if !cookies.is_empty() {
            let line: Vec<String> = cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            headers.push(("Cookie".to_owned(), line.join("; ")));
        }
        let spec = RequestSpec {
            method: "GET".into(),
            url: url.clone(),
            headers,
            behavior: token_behavior(),
            ..Default::default()
        };
        let response = send(spec).await.response.map_err(|e| {
            unreachable(format!(
                "oauth2: the authorization request to {url} failed: {e}"
            ))
        })?;
        keep_cookies(&response, &mut cookies);
        let location = response
            .header("location")
            .filter(|_| (300..400).contains(&response.status));
        let Some(location) = location else {
            if browser {
                let back = authorize_in_browser(&first, &config.redirect_uri).await?;
                return Ok(redirect_params(config, &back)?);
            }
            return Err(TokenError::from(format!(
                "oauth2: the authorization server answered {} {} at {url} instead of redirecting to {}: it wants a person to log in or consent in a browser. Without --oauth2-browser, courier runs authorization-code grants only when the server redirects without a login page; use --oauth2-browser (with a redirect_uri on http://127.0.0.1:PORT), a client credentials grant, or paste a token into the auth's accessToken",
                response.status, response.reason, config.redirect_uri
            )));
        };
        let next = url::Url::parse(&url)
            .and_then(|base| base.join(location))
            .map_err(|e| format!("oauth2: bad redirect `{location}` from {url}: {e}"))?;
        if without_query(next.as_str()) == target {
            return Ok(redirect_params(config, &next)?);
        }
        url = next.to_string();
    }
    Err(TokenError::from(format!(
        "oauth2: more than {MAX_AUTHORIZE_HOPS} redirects from {} without reaching {}",
        config.auth_url, config.redirect_uri
    )))
}

/// The parameters of the redirect to the callback, with its errors.
fn redirect_params(config: &TokenConfig, to: &url::Url) -> Result<Vec<(String, String)>, String> {
    let mut params: Vec<(String, String)> = to.query_pairs().into_owned().collect();
    if let Some(fragment) = to.fragment() {
        params.extend(url::form_urlencoded::parse(fragment.as_bytes()).into_owned());
    }
    if let Some(error) = param(&params, "error") {
        let description = param(&params, "error_description")
            .map(|d| format!(": {d}"))
            .unwrap_or_default();
        return Err(format!(
            "oauth2: the authorization server refused the request: {error}{description}"
        ));
    }
    if !config.state.is_empty() && param(&params, "state").as_deref() != Some(&config.state) {
        return Err(format!(
            "oauth2: the redirect to {} carries another state than the auth's `state`; the answer is not for this request",
            config.redirect_uri
        ));
    }
    Ok(params)
}

/// A URL without its query and fragment, normalised.
fn without_query(text: &str) -> String {
    match url::Url::parse(text) {
        Ok(mut u) => {
            u.set_query(None);
            u.set_fragment(None);
            u.to_string()
        }
        Err(_) => text.to_owned(),
    }
}

/// Remembers the `name=value` of each `Set-Cookie`.
fn keep_cookies(response: &ResponseData, cookies: &mut Vec<(String, String)>) {
    for (_, value) in response
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
    {
        let pair = value.split(';').next().unwrap_or("");
        if let Some((name, v)) = pair.split_once('=') {
            let name = name.trim().to_owned();
            cookies.retain(|(n, _)| *n != name);
            cookies.push((name, v.trim().to_owned()));
        }
    }
}
