//! Unit tests of `oauth2_fetch.rs`.

use super::*;
use serde_json::json;

fn config(fields: Value) -> Option<Result<TokenConfig, String>> {
    let map = fields.as_object().unwrap().clone();
    TokenConfig::from_fields(&move |k: &str| map.get(k).cloned())
}

fn body(spec: &RequestSpec) -> String {
    spec.body.preview()
}

fn cc() -> TokenConfig {
    config(
        json!({"grant_type": "client_credentials", "accessTokenUrl": "https://id.test/as/token",
        "clientId": "app", "clientSecret": "s3:cr/t", "scope": "openid p1:read",
        "tokenRequestParams": [
            {"key": "audience", "value": "api", "enabled": true, "send_as": "request_body"},
            {"key": "tenant", "value": "t1", "enabled": true, "send_as": "request_url"},
            {"key": "X-Trace", "value": "on", "enabled": true, "send_as": "request_header"},
            {"key": "off", "value": "x", "enabled": false, "send_as": "request_body"}]}),
    )
    .unwrap()
    .unwrap()
}

#[test]
fn no_grant_means_no_fetching() {
    assert!(config(json!({"accessToken": "t"})).is_none());
    assert!(config(json!({"grant_type": "weird", "accessTokenUrl": "https://x"})).is_none());
}

#[test]
fn missing_fields_are_named() {
    let err = config(json!({"grant_type": "authorization_code_with_pkce", "tokenName": "web"}))
        .unwrap()
        .unwrap_err();
    assert_eq!(
        err,
        "oauth2: cannot get a new access token \"web\": the auth's accessTokenUrl, authUrl, redirect_uri (the Callback URL), clientId are empty"
    );
    let err = config(json!({"grant_type": "password_credentials", "accessTokenUrl": "https://x", "clientId": "c"}))
        .unwrap()
        .unwrap_err();
    assert!(err.ends_with("the auth's username is empty"), "{err}");
}

#[test]
fn client_credentials_with_basic_header_and_extra_params() {
    let spec = token_request(&cc(), &TokenRequest::Direct).unwrap();
    assert_eq!(spec.method, "POST");
    assert_eq!(spec.url, "https://id.test/as/token?tenant=t1");
    assert_eq!(
        body(&spec),
        "grant_type=client_credentials&scope=openid+p1%3Aread&audience=api"
    );
    // The id and secret as they are, base64-encoded: "app:s3:cr/t".
    assert_eq!(spec.header("Authorization"), Some("Basic YXBwOnMzOmNyL3Q="));
    assert_eq!(spec.header("X-Trace"), Some("on"));
    assert_eq!(
        spec.header("Content-Type"),
        Some("application/x-www-form-urlencoded")
    );
    assert!(!spec.behavior.follow_redirects && spec.behavior.disable_cookies);
}

#[test]
fn credentials_in_the_body_and_password_grant() {
    let c = config(
        json!({"grant_type": "password_credentials", "accessTokenUrl": "https://id.test/token",
        "clientId": "app", "clientSecret": "sec", "username": "ann", "password": "p&w",
        "client_authentication": "body"}),
    )
    .unwrap()
    .unwrap();
    let spec = token_request(&c, &TokenRequest::Direct).unwrap();
    assert_eq!(
        body(&spec),
        "grant_type=password&username=ann&password=p%26w&client_id=app&client_secret=sec"
    );
    assert_eq!(spec.header("Authorization"), None);
}

#[test]
fn code_exchange_and_refresh() {
    let c = config(json!({"grant_type": "authorization_code_with_pkce", "accessTokenUrl": "https://id.test/token",
        "authUrl": "https://id.test/authorize", "redirect_uri": "https://app.test/cb", "clientId": "app",
        "refreshTokenUrl": "https://id.test/refresh",
        "refreshRequestParams": [{"key": "r", "value": "1", "enabled": true, "send_as": "request_url"}]}))
    .unwrap()
    .unwrap();
    let spec = token_request(
        &c,
        &TokenRequest::Code {
            code: "abc",
            verifier: Some("ver"),
        },
    )
    .unwrap();
    assert_eq!(
        body(&spec),
        "grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fapp.test%2Fcb&code_verifier=ver&client_id=app"
    );
    let spec = token_request(&c, &TokenRequest::Refresh("rt")).unwrap();
    assert_eq!(spec.url, "https://id.test/refresh?r=1");
    assert_eq!(
        body(&spec),
        "grant_type=refresh_token&refresh_token=rt&client_id=app"
    );
}

#[test]
fn authorize_url_with_pkce_rfc7636_appendix_b() {
    let c = config(json!({"grant_type": "authorization_code_with_pkce", "accessTokenUrl": "https://id.test/token",
        "authUrl": "https://id.test/authorize?x=1", "redirect_uri": "https://app.test/cb", "clientId": "app",
        "scope": "a b", "state": "st",
        "authRequestParams": [{"key": "prompt", "value": "none", "enabled": true, "send_as": "request_url"}]}))
    .unwrap()
    .unwrap();
    let url = authorize_url(&c, Some("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).unwrap();
    assert_eq!(
        url,
        "https://id.test/authorize?x=1&response_type=code&client_id=app&redirect_uri=https%3A%2F%2Fapp.test%2Fcb&scope=a+b&state=st&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&prompt=none"
    );
    assert_eq!(code_challenge("v", true), "v");
    let v = new_code_verifier();
    assert_eq!(v.len(), 64);
    assert_ne!(v, new_code_verifier());
}

fn response(status: u16, content: &str) -> ResponseData {
    ResponseData {
        status,
        reason: "R".into(),
        body: content.to_owned().into_bytes().into(),
        url: "https://id.test/token".into(),
        ..Default::default()
    }
}

#[test]
fn token_answers_json_form_and_errors() {
    let now = Instant::now();
    let t = parse_token_response(
        &response(
            200,
            r#"{"access_token":"at","token_type":"bearer","expires_in":60,"refresh_token":"rt"}"#,
        ),
        now,
        "x",
    )
    .unwrap();
    assert_eq!(t.access_token, "at");
    assert_eq!(t.token_type, "bearer");
    assert_eq!(t.refresh_token.as_deref(), Some("rt"));
    assert!(!t.expired(now) && t.expired(now + Duration::from_secs(60)));
    let t = parse_token_response(&response(200, "access_token=f&scope=a"), now, "x").unwrap();
    assert_eq!(
        (t.access_token.as_str(), t.token_type.as_str()),
        ("f", "Bearer")
    );
    assert_eq!(t.expires_at, None);
    let err = parse_token_response(
        &response(
            401,
            r#"{"error":"invalid_client","error_description":"bad secret"}"#,
        ),
        now,
        "the client credentials token request",
    )
    .unwrap_err();
    assert_eq!(
        err,
        "oauth2: the client credentials token request failed: https://id.test/token answered 401 R: invalid_client: bad secret"
    );
    let err = parse_token_response(&response(500, "<html>\n oops </html>"), now, "x").unwrap_err();
    assert!(err.ends_with("500 R: <html> oops </html>"), "{err}");
    let err = parse_token_response(&response(200, "{}"), now, "x").unwrap_err();
    assert!(err.ends_with("the answer has no access_token"), "{err}");
}
