//! OAuth 2.0 token requests from the fields the Postman app exports.
//!
//! Newman and postman-runtime never fetch a token (`oauth2.js` only adds one
//! already in `accessToken`); the Postman app does, from the fields it
//! saves with the auth block: `grant_type` (`client_credentials`,
//! `password_credentials`, `authorization_code`,
//! `authorization_code_with_pkce`, `implicit`), `accessTokenUrl`, `authUrl`,
//! `redirect_uri`, `clientId`, `clientSecret`, `username`, `password`,
//! `scope`, `state`, `client_authentication` (`header`, the app's default:
//! HTTP Basic with the id and secret as they are; `body`: `client_id` and
//! `client_secret` form fields), `refreshTokenUrl` (the token URL when
//! empty), `tokenName`, `challengeAlgorithm` (`S256`, the default, or
//! `plain`), `code_verifier` (generated when empty), and the extra
//! parameters `authRequestParams`, `tokenRequestParams` and
//! `refreshRequestParams`: lists of `{key, value, enabled, send_as}` with
//! `send_as` one of `request_body`, `request_url`, `request_header`.
//!
//! This file reads that configuration and builds the requests and parses
//! the answers (pure functions); `oauth2_flow.rs` sends them and keeps the
//! tokens of a run.

use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rand::Rng as _;
use serde_json::Value;
use sha2::{Digest as _, Sha256};

use super::jwt::{Field, resolve_value, truthy};
use crate::collection::Auth;
use crate::http::exchange::{RequestBody, RequestSpec, ResponseData, SendBehavior};
use crate::variables::to_js_string;

/// How the token is obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Grant {
    /// `client_credentials`.
    ClientCredentials,
    /// `password_credentials` (`grant_type=password` on the wire).
    Password,
    /// `authorization_code`, with PKCE when `pkce` is set.
    AuthorizationCode {
        /// `authorization_code_with_pkce`.
        pkce: bool,
    },
    /// `implicit`: the token comes back in the redirect's fragment.
    Implicit,
}

/// Where an extra parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SendAs {
    /// A form field of the request body (the default).
    Body,
    /// A query parameter.
    Url,
    /// A request header.
    Header,
}

/// One of `authRequestParams`, `tokenRequestParams`, `refreshRequestParams`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ExtraParam {
    /// Name.
    pub key: String,
    /// Value, variables resolved.
    pub value: String,
    /// Where it goes.
    pub send_as: SendAs,
}

/// An OAuth 2.0 auth block's token configuration, variables resolved.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct TokenConfig {
    /// The grant.
    pub grant: Grant,
    /// `accessTokenUrl`.
    pub token_url: String,
    /// `authUrl`.
    pub auth_url: String,
    /// `redirect_uri`.
    pub redirect_uri: String,
    /// `clientId`.
    pub client_id: String,
    /// `clientSecret`.
    pub client_secret: String,
    /// `username` (password grant).
    pub username: String,
    /// `password` (password grant).
    pub password: String,
    /// `scope`.
    pub scope: String,
    /// `state`.
    pub state: String,
    /// `client_authentication` is `body`.
    pub credentials_in_body: bool,
    /// `refreshTokenUrl`, else the token URL.
    pub refresh_url: String,
    /// `tokenName`, for messages.
    pub token_name: String,
    /// `challengeAlgorithm` is `plain`.
    pub plain_challenge: bool,
    /// `code_verifier` as written (empty: one is generated per fetch).
    pub code_verifier: String,
    /// `authRequestParams`.
    pub auth_params: Vec<ExtraParam>,
    /// `tokenRequestParams`.
    pub token_params: Vec<ExtraParam>,
    /// `refreshRequestParams`.
    pub refresh_params: Vec<ExtraParam>,
}

impl TokenConfig {
    /// The configuration of an `oauth2` block, if it names a grant;
    /// `Err` when a grant is named but a field it needs is empty.
    pub(crate) fn from_fields(field: Field<'_>) -> Option<Result<TokenConfig, String>> {
        let text = |k: &str| match field(k) {
            None | Some(Value::Null) => String::new(),
            Some(v) => to_js_string(&v),
        };
        let grant = match text("grant_type").as_str() {
            "client_credentials" => Grant::ClientCredentials,
            "password_credentials" | "password" => Grant::Password,
            "authorization_code" => Grant::AuthorizationCode { pkce: false },
            "authorization_code_with_pkce" => Grant::AuthorizationCode { pkce: true },
            "implicit" => Grant::Implicit,
            _ => return None,
        };
        let token_url = text("accessTokenUrl");
        let refresh_url = match text("refreshTokenUrl") {
            u if u.is_empty() => token_url.clone(),
            u => u,
        };
        let config = TokenConfig {
            grant,
            token_url,
            auth_url: text("authUrl"),
            redirect_uri: text("redirect_uri"),
            client_id: text("clientId"),
            client_secret: text("clientSecret"),
            username: text("username"),
            password: text("password"),
            scope: text("scope"),
            state: text("state"),
            credentials_in_body: text("client_authentication") == "body",
            refresh_url,
            token_name: text("tokenName"),
            plain_challenge: text("challengeAlgorithm") == "plain",
            code_verifier: text("code_verifier"),
            auth_params: extra_params(field("authRequestParams")),
            token_params: extra_params(field("tokenRequestParams")),
            refresh_params: extra_params(field("refreshRequestParams")),
        };
        Some(config.check().map(|()| config))
    }

    /// The fields the grant cannot do without.
    fn check(&self) -> Result<(), String> {
        let mut missing = Vec::new();
        let needs_token_url = self.grant != Grant::Implicit;
        let needs_auth_url = matches!(
            self.grant,
            Grant::AuthorizationCode { .. } | Grant::Implicit
        );
        if needs_token_url && self.token_url.is_empty() {
            missing.push("accessTokenUrl");
        }
        if needs_auth_url && self.auth_url.is_empty() {
            missing.push("authUrl");
        }
        if needs_auth_url && self.redirect_uri.is_empty() {
            missing.push("redirect_uri (the Callback URL)");
        }
        if self.grant == Grant::Password && self.username.is_empty() {
            missing.push("username");
        }
        if self.client_id.is_empty() {
            missing.push("clientId");
        }
        if missing.is_empty() {
            return Ok(());
        }
        Err(format!(
            "oauth2: cannot get a new access token{}: the auth's {} {} empty",
            self.label(),
            missing.join(", "),
            if missing.len() == 1 { "is" } else { "are" }
        ))
    }

    /// ` "name"` when the token has a `tokenName`, for messages.
    pub(crate) fn label(&self) -> String {
        if self.token_name.is_empty() {
            String::new()
        } else {
            format!(" \"{}\"", self.token_name)
        }
    }

    /// What identifies the token in the run's cache: every field.
    pub(crate) fn cache_key(&self) -> String {
        format!("{self:?}")
    }
}

/// The token configuration of `auth` when courier should fetch a token
/// for it: an `oauth2` block that names a grant and has no `accessToken`
/// (after variables), or any such block when `always` (`--oauth2-fetch`).
/// `None`: sign with the block as it is.
pub(crate) fn oauth2_fetch_config(
    auth: &Auth,
    resolve: &dyn Fn(&str) -> String,
    always: bool,
) -> Option<Result<TokenConfig, String>> {
    if auth.kind != "oauth2" {
        return None;
    }
    let field = |k: &str| auth.params.get(k).map(|v| resolve_value(v, resolve));
    let has_token = field("accessToken").is_some_and(|v| truthy(Some(&v)));
    if has_token && !always {
        return None;
    }
    TokenConfig::from_fields(&field)
}

/// `auth` with `accessToken` (and `tokenType`) set to a fetched token, as
/// the Postman app fills in the block's current token: scripts read it in
/// `pm.request.auth`, and the `oauth2` signer adds it to the request.
pub(crate) fn with_access_token(auth: &Auth, token: &Token) -> Auth {
    let mut out = auth.clone();
    for (key, value) in [
        ("accessToken", &token.access_token),
        ("tokenType", &token.token_type),
    ] {
        out.params
            .insert(key.to_owned(), Value::String(value.clone()));
        match out.raw.get_mut(&auth.kind) {
            Some(Value::Array(list)) => {
                list.retain(|e| e.get("key").and_then(Value::as_str) != Some(key));
                list.push(serde_json::json!({"key": key, "value": value, "type": "string"}));
            }
            Some(Value::Object(map)) => {
                map.insert(key.to_owned(), Value::String(value.clone()));
            }
            _ => {
                if let Value::Object(map) = &mut out.raw {
                    let entry = serde_json::json!([{"key": key, "value": value, "type": "string"}]);
                    map.insert(auth.kind.clone(), entry);
                }
            }
        }
    }
    out
}

/// The enabled entries of an extra-parameter list.
fn extra_params(v: Option<Value>) -> Vec<ExtraParam> {
    let Some(Value::Array(items)) = v else {
        return Vec::new();
    };
    items
        .iter()
        .filter(|p| p.get("enabled").is_none_or(|e| truthy(Some(e))))
        .filter_map(|p| {
            let key = p.get("key").map(to_js_string).filter(|k| !k.is_empty())?;
            let value = p.get("value").map(to_js_string).unwrap_or_default();
            let send_as = match p.get("send_as").and_then(Value::as_str) {
                Some("request_url") => SendAs::Url,
                Some("request_header") => SendAs::Header,
                _ => SendAs::Body,
            };
            Some(ExtraParam {
                key,
                value,
                send_as,
            })
        })
        .collect()
}

/// A PKCE code verifier: 64 characters from RFC 7636's unreserved set.
pub(crate) fn new_code_verifier() -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    let mut rng = rand::rng();
    (0..64)
        .map(|_| char::from(CHARS[rng.random_range(0..CHARS.len())]))
        .collect()
}

/// The `code_challenge` of a verifier (RFC 7636 §4.2).
pub(crate) fn code_challenge(verifier: &str, plain: bool) -> String {
    if plain {
        verifier.to_owned()
    } else {
        URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
    }
}

/// The authorization request URL of a code or implicit grant.
pub(crate) fn authorize_url(
    config: &TokenConfig,
    verifier: Option<&str>,
) -> Result<String, String> {
    let mut url = url::Url::parse(&config.auth_url)
        .map_err(|e| format!("oauth2: authUrl `{}` is not a URL ({e})", config.auth_url))?;
    {
        let mut q = url.query_pairs_mut();
        let response_type = if config.grant == Grant::Implicit {
            "token"
        } else {
            "code"
        };
        q.append_pair("response_type", response_type);
        q.append_pair("client_id", &config.client_id);
        q.append_pair("redirect_uri", &config.redirect_uri);
        if !config.scope.is_empty() {
            q.append_pair("scope", &config.scope);
        }
        if !config.state.is_empty() {
            q.append_pair("state", &config.state);
        }
        if let Some(verifier) = verifier {
            q.append_pair(
                "code_challenge",
                &code_challenge(verifier, config.plain_challenge),
            );
            q.append_pair(
                "code_challenge_method",
                if config.plain_challenge {
                    "plain"
                } else {
                    "S256"
                },
            );
        }
        for p in &config.auth_params {
            q.append_pair(&p.key, &p.value);
        }
    }
    Ok(url.to_string())
}

/// The form fields of a token request for each grant.
pub(crate) enum TokenRequest<'a> {
    /// `client_credentials` or `password`.
    Direct,
    /// Exchanging an authorization code.
    Code {
        /// The code from the redirect.
        code: &'a str,
        /// The PKCE verifier, when the grant uses one.
        verifier: Option<&'a str>,
    },
    /// `refresh_token`.
    Refresh(&'a str),
}

/// The POST to the token (or refresh) endpoint.
pub(crate) fn token_request(
    config: &TokenConfig,
    kind: &TokenRequest<'_>,
) -> Result<RequestSpec, String> {
    let mut form: Vec<(&str, &str)> = Vec::new();
    let (url, extra) = match kind {
        TokenRequest::Direct if config.grant == Grant::Password => {
            form.push(("grant_type", "password"));
            form.push(("username", &config.username));
            form.push(("password", &config.password));
            (&config.token_url, &config.token_params)
        }
        TokenRequest::Direct => {
            form.push(("grant_type", "client_credentials"));
            (&config.token_url, &config.token_params)
        }
        TokenRequest::Code { code, verifier } => {
            form.push(("grant_type", "authorization_code"));
            form.push(("code", code));
            form.push(("redirect_uri", &config.redirect_uri));
            if let Some(v) = verifier {
                form.push(("code_verifier", v));
            }
            (&config.token_url, &config.token_params)
        }
        TokenRequest::Refresh(token) => {
            form.push(("grant_type", "refresh_token"));
            form.push(("refresh_token", token));
            (&config.refresh_url, &config.refresh_params)
        }
    };
    let is_refresh = matches!(kind, TokenRequest::Refresh(_));
    if !config.scope.is_empty() && !matches!(kind, TokenRequest::Code { .. }) && !is_refresh {
        form.push(("scope", &config.scope));
    }
    let mut headers = vec![
        (
            "Content-Type".to_owned(),
            "application/x-www-form-urlencoded".to_owned(),
        ),
        ("Accept".to_owned(), "application/json".to_owned()),
    ];
    if config.credentials_in_body || config.client_secret.is_empty() {
        form.push(("client_id", &config.client_id));
        if !config.client_secret.is_empty() {
            form.push(("client_secret", &config.client_secret));
        }
    } else {
        let basic = STANDARD.encode(format!("{}:{}", config.client_id, config.client_secret));
        headers.push(("Authorization".to_owned(), format!("Basic {basic}")));
    }
    let mut url = url::Url::parse(url)
        .map_err(|e| format!("oauth2: token URL `{url}` is not a URL ({e})"))?;
    let mut body = url::form_urlencoded::Serializer::new(String::new());
    body.extend_pairs(form);
    for p in extra {
        match p.send_as {
            SendAs::Body => {
                body.append_pair(&p.key, &p.value);
            }
            SendAs::Url => {
                url.query_pairs_mut().append_pair(&p.key, &p.value);
            }
            SendAs::Header => headers.push((p.key.clone(), p.value.clone())),
        }
    }
    Ok(RequestSpec {
        method: "POST".into(),
        url: url.to_string(),
        headers,
        body: RequestBody::Bytes(body.finish().into_bytes().into()),
        behavior: token_behavior(),
        ..Default::default()
    })
}

/// Token traffic keeps out of the run's cookie jar and follows no redirect.
pub(crate) fn token_behavior() -> SendBehavior {
    SendBehavior {
        follow_redirects: false,
        disable_cookies: true,
        ..SendBehavior::default()
    }
}

/// An access token and what came with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// `access_token`.
    pub access_token: String,
    /// `token_type` (`Bearer` when not given).
    pub token_type: String,
    /// `refresh_token`, if any.
    pub refresh_token: Option<String>,
    /// When it expires (`expires_in` after it was received), if said.
    pub expires_at: Option<Instant>,
}

impl Token {
    /// Whether it has expired.
    pub(crate) fn expired(&self, now: Instant) -> bool {
        self.expires_at.is_some_and(|at| now >= at)
    }

    /// The token's fields from a set of response parameters.
    pub(crate) fn from_params(get: &dyn Fn(&str) -> Option<String>, now: Instant) -> Option<Token> {
        let access_token = get("access_token").filter(|t| !t.is_empty())?;
        let expires_in = get("expires_in").and_then(|s| s.trim().parse::<f64>().ok());
        Some(Token {
            access_token,
            token_type: get("token_type")
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| "Bearer".into()),
            refresh_token: get("refresh_token").filter(|t| !t.is_empty()),
            expires_at: expires_in
                .filter(|s| s.is_finite() && *s >= 0.0)
                .map(|s| now + Duration::from_secs_f64(s.min(1e9))),
        })
    }
}

/// Reads a token endpoint's answer: JSON, or a form-encoded body (as
/// GitHub sends without `Accept: application/json`); an error answer
/// becomes a message with its `error` and `error_description`.
pub(crate) fn parse_token_response(
    response: &ResponseData,
    now: Instant,
    what: &str,
) -> Result<Token, String> {
    if let Some(dropped) = &response.dropped {
        return Err(format!(
            "oauth2: {what} failed: {} answered {} {}: {}",
            response.url,
            response.status,
            response.reason,
            dropped.message("to read the token")
        ));
    }
    let json = response.json().filter(Value::is_object);
    let form: Vec<(String, String)> = if json.is_none() {
        url::form_urlencoded::parse(&response.body)
            .into_owned()
            .collect()
    } else {
        Vec::new()
    };
    let get = |k: &str| -> Option<String> {
        match &json {
            Some(v) => v.get(k).filter(|v| !v.is_null()).map(to_js_string),
            None => form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()),
        }
    };
    let ok = (200..300).contains(&response.status);
    if ok && let Some(token) = Token::from_params(&get, now) {
        return Ok(token);
    }
    let detail = match (get("error"), get("error_description")) {
        (Some(e), Some(d)) => format!("{e}: {d}"),
        (Some(e), None) => e,
        _ if ok => "the answer has no access_token".to_owned(),
        _ => snippet(&response.text()),
    };
    Err(format!(
        "oauth2: {what} failed: {} answered {} {}: {detail}",
        response.url, response.status, response.reason
    ))
}

/// The first 200 characters of a body, on one line.
fn snippet(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}

#[cfg(test)]
#[path = "oauth2_fetch_tests.rs"]
mod tests;
