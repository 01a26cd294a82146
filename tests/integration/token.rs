//! Issue 12: OAuth 2.0 tokens fetched, cached and refreshed against a real
//! local authorization server, and jwt / asap failures as item errors.
//!
//! The server below implements the token endpoint (client credentials,
//! password, authorization code with PKCE verification, refresh), an
//! authorize endpoint that approves without a login page, one that shows a
//! login page, and an API that accepts only live tokens it issued. It shares
//! no code with courier's OAuth 2.0 client.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use serde_json::{Value, json};
use sha2::Digest as _;

use crate::common::courier;
use crate::support::{TestServer, serve};

const CLIENT: &str = "app";
const SECRET: &str = "s3cret/+pw";

#[derive(Default)]
struct AsState {
    /// Grants the token endpoint answered, in order.
    grants: Vec<String>,
    /// Issued access tokens and when they expire.
    tokens: HashMap<String, Instant>,
    /// Live refresh tokens.
    refresh: Vec<String>,
    /// Codes: (redirect_uri, code_challenge).
    codes: HashMap<String, (String, String)>,
    /// What the API saw: `Authorization` headers of accepted calls.
    api_calls: Vec<String>,
    counter: u32,
}

type Shared = Arc<Mutex<AsState>>;

struct AuthServer {
    server: TestServer,
    state: Shared,
}

impl AuthServer {
    fn start() -> Self {
        let state = Shared::default();
        let router = Router::new()
            .route("/token", post(token))
            .route("/authorize", get(authorize))
            .route(
                "/login",
                get(|| async { Html("<form>user: <input></form>") }),
            )
            .route("/api", get(api))
            .with_state(state.clone());
        AuthServer {
            server: serve(router),
            state,
        }
    }

    fn url(&self) -> String {
        self.server.url()
    }

    fn grants(&self) -> Vec<String> {
        self.state.lock().unwrap().grants.clone()
    }

    fn api_calls(&self) -> Vec<String> {
        self.state.lock().unwrap().api_calls.clone()
    }
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        axum::Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

/// The client's id and secret, from HTTP Basic or the form.
fn client_of(headers: &HeaderMap, form: &HashMap<String, String>) -> (String, Option<String>) {
    if let Some(basic) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
    {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(basic)
            .unwrap_or_default();
        let text = String::from_utf8(decoded).unwrap_or_default();
        let (id, secret) = text.split_once(':').unwrap_or((&text, ""));
        return (id.to_owned(), Some(secret.to_owned()));
    }
    (
        form.get("client_id").cloned().unwrap_or_default(),
        form.get("client_secret").cloned(),
    )
}

async fn token(State(state): State<Shared>, headers: HeaderMap, body: String) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let (id, secret) = client_of(&headers, &form);
    let grant = form.get("grant_type").cloned().unwrap_or_default();
    let public_pkce = id == "spa" && secret.is_none() && form.contains_key("code_verifier");
    if !(public_pkce || (id == CLIENT && secret.as_deref() == Some(SECRET))) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "client authentication failed",
        );
    }
    let mut s = state.lock().unwrap();
    let with_refresh = match grant.as_str() {
        "client_credentials" => false,
        "password" => {
            if form.get("username").map(String::as_str) != Some("ann")
                || form.get("password").map(String::as_str) != Some("pw")
            {
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "bad user");
            }
            true
        }
        "authorization_code" => {
            let code = form.get("code").cloned().unwrap_or_default();
            let Some((redirect, challenge)) = s.codes.remove(&code) else {
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "unknown code");
            };
            let verifier = form.get("code_verifier").cloned().unwrap_or_default();
            let computed = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode(sha2::Sha256::digest(verifier.as_bytes()));
            if form.get("redirect_uri") != Some(&redirect) || computed != challenge {
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "PKCE failed");
            }
            true
        }
        "refresh_token" => {
            let rt = form.get("refresh_token").cloned().unwrap_or_default();
            if !s.refresh.contains(&rt) {
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "bad refresh");
            }
            s.refresh.retain(|r| *r != rt);
            true
        }
        _ => return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", &grant),
    };
    s.counter += 1;
    let n = s.counter;
    let access = format!("access-{grant}-{n}-{}", "x".repeat(12));
    // A `short` scope gets a token that expires within a second.
    let short = form.get("scope").map(String::as_str) == Some("short") || grant == "refresh_token";
    let expires_in = if short { 1 } else { 3600 };
    s.tokens.insert(
        access.clone(),
        Instant::now() + Duration::from_secs(expires_in),
    );
    s.grants.push(grant);
    let mut answer =
        json!({"access_token": access, "token_type": "Bearer", "expires_in": expires_in});
    if with_refresh {
        let refresh = format!("refresh-{n}-{}", "y".repeat(12));
        s.refresh.push(refresh.clone());
        answer["refresh_token"] = json!(refresh);
    }
    axum::Json(answer).into_response()
}

async fn authorize(
    State(state): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if q.get("prompt").map(String::as_str) == Some("login") {
        return Redirect::to("/login").into_response();
    }
    if q.get("response_type").map(String::as_str) == Some("token") {
        return implicit(&state, &q);
    }
    let (Some(redirect), Some(challenge)) = (q.get("redirect_uri"), q.get("code_challenge")) else {
        return (
            StatusCode::BAD_REQUEST,
            "redirect_uri and code_challenge needed",
        )
            .into_response();
    };
    if q.get("response_type").map(String::as_str) != Some("code")
        || q.get("code_challenge_method").map(String::as_str) != Some("S256")
    {
        return (StatusCode::BAD_REQUEST, "code with S256 only").into_response();
    }
    let code = format!("code-{}", q.len());
    state
        .lock()
        .unwrap()
        .codes
        .insert(code.clone(), (redirect.clone(), challenge.clone()));
    let state_param = q.get("state").cloned().unwrap_or_default();
    Redirect::to(&format!("{redirect}?code={code}&state={state_param}")).into_response()
}

/// The implicit grant: the token in the redirect's fragment.
fn implicit(state: &Shared, q: &HashMap<String, String>) -> Response {
    let redirect = q.get("redirect_uri").cloned().unwrap_or_default();
    let mut s = state.lock().unwrap();
    s.counter += 1;
    let access = format!("access-implicit-{}-{}", s.counter, "z".repeat(12));
    s.tokens
        .insert(access.clone(), Instant::now() + Duration::from_secs(3600));
    s.grants.push("implicit".into());
    let state_param = q.get("state").cloned().unwrap_or_default();
    Redirect::to(&format!(
        "{redirect}#access_token={access}&token_type=Bearer&expires_in=3600&state={state_param}"
    ))
    .into_response()
}

async fn api(State(state): State<Shared>, headers: HeaderMap) -> Response {
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let mut s = state.lock().unwrap();
    let live = auth
        .strip_prefix("Bearer ")
        .and_then(|t| s.tokens.get(t))
        .is_some_and(|exp| Instant::now() < *exp);
    if !live {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_token", "no live token");
    }
    s.api_calls.push(auth.clone());
    // Echo the credential back: reports must mask it.
    axum::Json(json!({"seen": auth})).into_response()
}

fn oauth2(fields: Value) -> Value {
    let list: Vec<Value> = fields
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| json!({"key": k, "value": v, "type": "string"}))
        .collect();
    json!({"type": "oauth2", "oauth2": list})
}

fn item(name: &str, auth: Value, test: &str) -> Value {
    json!({"name": name, "request": {"method": "GET", "url": "{{as}}/api", "auth": auth},
        "event": [{"listen": "test", "script": {"exec": [
            "pm.test('api accepted the token', () => pm.response.to.have.status(200));",
            test]}}]})
}

/// Writes the collection to a temp dir and runs it with `args`.
fn run(server: &AuthServer, items: Vec<Value>, args: &[&str]) -> (crate::common::Run, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.postman_collection.json");
    let collection = json!({"info": {"name": "oauth2", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items});
    std::fs::write(&path, collection.to_string()).unwrap();
    let report = dir.path().join("report.json");
    let as_var = format!("as={}", server.url());
    let secret_var = format!("secret={SECRET}");
    let mut all = vec![
        "run",
        path.to_str().unwrap(),
        "--env-var",
        &as_var,
        "--env-var",
        &secret_var,
        "-r",
        "cli,json",
        "--reporter-json-export",
        report.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    let out = courier(&all);
    let report = std::fs::read_to_string(&report).unwrap_or_default();
    (out, report)
}

fn client_credentials() -> Value {
    oauth2(
        json!({"grant_type": "client_credentials", "accessTokenUrl": "{{as}}/token",
        "clientId": CLIENT, "clientSecret": "{{secret}}", "client_authentication": "header",
        "tokenName": "machine", "addTokenTo": "header"}),
    )
}

#[test]
fn issue12_oauth2_grants_fetch_cache_and_stay_masked() {
    let server = AuthServer::start();
    let password = oauth2(
        json!({"grant_type": "password_credentials", "accessTokenUrl": "{{as}}/token",
        "clientId": CLIENT, "clientSecret": "{{secret}}", "client_authentication": "body",
        "username": "ann", "password": "pw"}),
    );
    let pkce = oauth2(json!({"grant_type": "authorization_code_with_pkce",
        "authUrl": "{{as}}/authorize", "accessTokenUrl": "{{as}}/token",
        "redirect_uri": "https://app.example/callback", "clientId": "spa", "state": "xyz",
        "challengeAlgorithm": "S256"}));
    let visible = "pm.test('token in pm.request.auth', () => pm.expect(pm.request.auth.parameters().get('accessToken')).to.match(/^access-/));\nconsole.log(pm.request.auth.parameters().get('accessToken'));";
    let (out, report) = run(
        &server,
        vec![
            item("client credentials", client_credentials(), visible),
            item("password", password, visible),
            item("auth code + PKCE", pkce, visible),
            item(
                "client credentials again (cached)",
                client_credentials(),
                visible,
            ),
        ],
        &[],
    );
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(
        server.grants(),
        ["client_credentials", "password", "authorization_code"]
    );
    let calls = server.api_calls();
    assert_eq!(calls.len(), 4, "{calls:?}");
    assert_eq!(calls[0], calls[3], "the cached token is reused");
    assert!(calls[2].starts_with("Bearer access-authorization_code-"));
    for call in &calls {
        let token = call.trim_start_matches("Bearer ");
        assert!(!report.contains(token), "token unmasked in the JSON report");
        assert!(
            !out.stdout.contains(token),
            "token unmasked on the terminal"
        );
    }
    assert!(report.contains("access_token") || report.contains("********"));
}

#[test]
fn issue12_oauth2_refreshes_an_expired_token() {
    let server = AuthServer::start();
    let short = oauth2(
        json!({"grant_type": "password_credentials", "accessTokenUrl": "{{as}}/token",
        "clientId": CLIENT, "clientSecret": "{{secret}}", "username": "ann", "password": "pw",
        "scope": "short"}),
    );
    let (out, _) = run(
        &server,
        vec![
            item("first", short.clone(), ""),
            item("after expiry", short, ""),
        ],
        &["--delay-request", "1500"],
    );
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(server.grants(), ["password", "refresh_token"]);
    let calls = server.api_calls();
    assert_ne!(calls[0], calls[1]);
}

#[test]
fn issue12_oauth2_wrong_secret_fails_the_item_clearly() {
    let server = AuthServer::start();
    let wrong = oauth2(
        json!({"grant_type": "client_credentials", "accessTokenUrl": "{{as}}/token",
        "clientId": CLIENT, "clientSecret": "not-it", "tokenName": "machine"}),
    );
    let (out, _) = run(&server, vec![item("wrong secret", wrong, "")], &[]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let want = "oauth2: the client credentials token request \"machine\" failed";
    assert!(out.stdout.contains(want), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("401 Unauthorized: invalid_client: client authentication failed"),
        "{}",
        out.stdout
    );
    assert!(server.api_calls().is_empty());
}

#[test]
fn issue12_oauth2_login_page_and_fetch_flag() {
    let server = AuthServer::start();
    let login = oauth2(
        json!({"grant_type": "authorization_code", "authUrl": "{{as}}/authorize",
        "accessTokenUrl": "{{as}}/token", "redirect_uri": "https://app.example/cb", "clientId": CLIENT,
        "authRequestParams": [{"key": "prompt", "value": "login", "enabled": true, "send_as": "request_url"}]}),
    );
    let (out, _) = run(&server, vec![item("needs a login", login, "")], &[]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("it wants a person to log in or consent in a browser"),
        "{}",
        out.stdout
    );
    // A stale pasted token is used as it is, unless --oauth2-fetch.
    let mut stale = client_credentials();
    stale["oauth2"]
        .as_array_mut()
        .unwrap()
        .push(json!({"key": "accessToken", "value": "stale-token"}));
    let (out, _) = run(&server, vec![item("stale", stale.clone(), "")], &[]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(server.grants().is_empty());
    let (out, _) = run(&server, vec![item("stale", stale, "")], &["--oauth2-fetch"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(server.grants(), ["client_credentials"]);
    // The implicit grant reads the token from the redirect's fragment.
    let implicit = oauth2(
        json!({"grant_type": "implicit", "authUrl": "{{as}}/authorize",
        "redirect_uri": "https://app.example/cb", "clientId": CLIENT, "state": "s1"}),
    );
    let (out, _) = run(&server, vec![item("implicit", implicit, "")], &[]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(server.grants(), ["client_credentials", "implicit"]);
}

#[test]
fn issue12_jwt_and_asap_without_required_fields_fail_the_item() {
    let server = AuthServer::start();
    let jwt = json!({"type": "jwt", "jwt": [{"key": "algorithm", "value": "HS256"}, {"key": "payload", "value": "{}"}]});
    let asap = json!({"type": "asap", "asap": [{"key": "kid", "value": "k"}]});
    let (out, _) = run(
        &server,
        vec![item("jwt", jwt, ""), item("asap", asap, "")],
        &[],
    );
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("jwt auth: could not sign the request: Invalid secret key"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "asap auth: could not sign the request: One or more of required claims missing"
        ),
        "{}",
        out.stdout
    );
    assert!(server.api_calls().is_empty());
}

/// The wild fixture agrees with Newman under `conformance/run.sh`; here the
/// echo server checks the tokens Newman 6.2.2 sent for the same fields.
#[test]
fn issue12_jwt_asap_fixture_sends_newmans_tokens() {
    let echo = crate::support::echo::Echo::start();
    let path = crate::common::fixture("wild/jwt-asap.postman_collection.json");
    let base = format!("base={}", echo.url());
    let out = courier(&["run", &path, "--env-var", &base]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let sent = echo.received();
    assert_eq!(sent.len(), 7);
    let auth: Vec<Option<&str>> = sent.iter().map(|r| r.header("authorization")).collect();
    assert_eq!(
        auth[0],
        Some(
            "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyIyIjoxLCJzdWIiOiJrZXktMSIsIm5hbWUiOiJ4In0.rCUvE_LJxIdctBdoWKLPmdj00cbXdWSDCMqJ4b0EPiU"
        )
    );
    assert_eq!(auth[1], Some("hand-written"));
    assert_eq!(
        sent[1].query,
        "a=1&token=eyJhbGciOiJIUzM4NCJ9.e30.jqhsIzQwtJFCfLBb8fxv4s7QwgKL5U4zpDYWVyNQHP24XqKjZsOufw0qd7vFMSDs"
    );
    assert_eq!(
        auth[3],
        Some("eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.q5svP8-9Y8YkbKwCTWnDkAYZWxobPBkDcuFueOgdFd8")
    );
}

/// A GET over a bare TCP connection: the status line and the `Location`.
fn raw_get(url: &str) -> (String, Option<String>) {
    use std::io::{Read as _, Write as _};
    let u = url::Url::parse(url).unwrap();
    let addr = format!("{}:{}", u.host_str().unwrap(), u.port().unwrap());
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let target = match u.query() {
        Some(q) => format!("{}?{q}", u.path()),
        None => u.path().to_owned(),
    };
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        u.host_str().unwrap()
    )
    .unwrap();
    let mut text = String::new();
    let _ = stream.read_to_string(&mut text);
    let status = text.lines().next().unwrap_or("").to_owned();
    let location = text
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("location:"))
        .map(|l| l[9..].trim().to_owned());
    (status, location)
}

/// `--oauth2-browser`: the server shows a login page, so courier opens the
/// authorize URL with `$BROWSER` and listens on the loopback redirect URI;
/// this test plays the person at the browser.
#[cfg(unix)]
#[test]
fn issue12_oauth2_browser_login_comes_back_to_the_loopback_redirect() {
    use std::os::unix::fs::PermissionsExt as _;
    let server = AuthServer::start();
    let dir = tempfile::tempdir().unwrap();
    let seen = dir.path().join("url");
    let browser = dir.path().join("browser.sh");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", seen.display()),
    )
    .unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let auth = oauth2(
        json!({"grant_type": "authorization_code_with_pkce", "authUrl": "{{as}}/authorize",
        "accessTokenUrl": "{{as}}/token", "redirect_uri": format!("http://127.0.0.1:{port}/cb"),
        "clientId": "spa", "state": "st8",
        "authRequestParams": [{"key": "prompt", "value": "login", "enabled": true, "send_as": "request_url"}]}),
    );
    let collection = json!({"info": {"name": "browser", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [item("login in a browser", auth, "")]});
    let path = dir.path().join("c.postman_collection.json");
    std::fs::write(&path, collection.to_string()).unwrap();
    let as_var = format!("as={}", server.url());
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_courier"))
        .args([
            "run",
            path.to_str().unwrap(),
            "--env-var",
            &as_var,
            "--oauth2-browser",
        ])
        .env("BROWSER", &browser)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The person: waits for the browser to open, logs in (the server then
    // approves), and the browser follows the redirect back to courier.
    let mut opened = String::new();
    for _ in 0..200 {
        opened = std::fs::read_to_string(&seen).unwrap_or_default();
        if !opened.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(opened.contains("prompt=login"), "{opened}");
    let (status, back) = raw_get(&opened.replace("prompt=login", "prompt=none"));
    let back = back.unwrap_or_else(|| panic!("no redirect: {status}"));
    assert!(
        back.starts_with(&format!("http://127.0.0.1:{port}/cb?code=")),
        "{back}"
    );
    let (status, _) = raw_get(&back);
    assert!(status.contains("200"), "{status}");
    let out = run.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(server.grants(), ["authorization_code"]);
}

#[test]
fn issue12_oauth2_unreachable_token_server_sends_without_a_token_as_newman() {
    let server = AuthServer::start();
    // Nothing listens on port 1: the token request gets no answer at all.
    let auth = oauth2(json!({"grant_type": "client_credentials",
        "accessTokenUrl": "http://127.0.0.1:1/token", "clientId": CLIENT, "clientSecret": SECRET}));
    let unauthorised = json!({"name": "no token", "request": {"method": "GET", "url": "{{as}}/api", "auth": auth},
        "event": [{"listen": "test", "script": {"exec": [
            "pm.test('sent without a token', () => pm.response.to.have.status(401));"]}}]});
    let (out, _) = run(&server, vec![unauthorised.clone()], &[]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("the request is sent without a token"),
        "{}",
        out.stdout
    );
    let (out, _) = run(&server, vec![unauthorised], &["--oauth2-fetch"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.contains("could not reach"), "{}", out.stdout);
    assert!(!out.stdout.contains("the request is sent without a token"));
}
