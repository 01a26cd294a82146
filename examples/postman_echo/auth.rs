//! postman-echo's authentication endpoints, checked for real:
//! `/basic-auth` and `/digest-auth` (user `postman`, password `password`,
//! digest realm `Users`), `/auth/hawk` (Hawk 1 header MAC with SHA-256),
//! `/oauth1` (OAuth 1.0a signature, HMAC-SHA1 / HMAC-SHA256 / PLAINTEXT),
//! and the `/oauth2/token` → `/oauth2/user/info` pair. The credentials are
//! the ones postman-echo's documentation publishes and the suites use.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use md5::Digest as _;
use serde_json::{Value, json};

use super::request::{Incoming, form_pairs};
use super::routes::json_response;

const USER: &str = "postman";
const PASSWORD: &str = "password";
const DIGEST_REALM: &str = "Users";
const HAWK_ID: &str = "dh37fgj492je";
const HAWK_KEY: &str = "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn";
/// How far a Hawk timestamp may be from the server's clock, in seconds.
const HAWK_SKEW: i64 = 60;
const OAUTH1_CONSUMER_KEY: &str = "RKCGzna7bv9YD57c";
const OAUTH1_CONSUMER_SECRET: &str = "D+EdQ-gs$-%@2Nu7";
const OAUTH2_TOKEN: &str = "vp7jxTwqgczoFHs0uIdOvv4VdBWmvCkbVbNBCuaTQ3JZplPS40BaNV47HD1zt7MztQPILJvqYsOs6PfJpFYBgwbaE3CVEKOj";
const OAUTH2_CLIENT: [(&str, &str); 5] = [
    ("code", "xWnkliVQJURqB2x1"),
    ("grant_type", "authorization_code"),
    ("redirect_uri", "https://www.getpostman.com/oauth2/callback"),
    ("client_id", "abc123"),
    ("client_secret", "ssh-secret"),
];

fn unauthorized() -> Response {
    (StatusCode::UNAUTHORIZED, "Unauthorized").into_response()
}

/// The parameters of an `Authorization` header after its scheme word:
/// `k="v", k2=v2`, quoted values may hold commas and `\"`.
pub fn auth_params(header: &str) -> Vec<(String, String)> {
    let rest = header.trim_start();
    let rest = rest.split_once(char::is_whitespace).map_or("", |(_, r)| r);
    let mut out = Vec::new();
    let mut chars = rest.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        let key: String = chars.by_ref().take_while(|c| *c != '=').collect();
        if key.is_empty() {
            return out;
        }
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next()),
                    '"' => break,
                    c => value.push(c),
                }
            }
        } else {
            value = chars.by_ref().take_while(|c| *c != ',').collect();
        }
        out.push((key.trim().to_owned(), value.trim().to_owned()));
    }
}

fn param<'a>(params: &'a [(String, String)], key: &str) -> &'a str {
    params
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map_or("", |(_, v)| v.as_str())
}

/// `GET /basic-auth`.
pub async fn basic(req: Incoming) -> Response {
    let expected = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"));
    match req.header("authorization") {
        Some(h) if h.trim() == format!("Basic {expected}") => {
            json_response(StatusCode::OK, &json!({"authenticated": true}))
        }
        _ => unauthorized(),
    }
}

fn md5_hex(text: &str) -> String {
    hex(&md5::Md5::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The digest `response` a client that knows the password computes.
fn digest_expected(method: &str, p: &[(String, String)]) -> String {
    let nonce = param(p, "nonce");
    let mut ha1 = md5_hex(&format!("{USER}:{DIGEST_REALM}:{PASSWORD}"));
    if param(p, "algorithm").eq_ignore_ascii_case("MD5-sess") {
        ha1 = md5_hex(&format!("{ha1}:{nonce}:{}", param(p, "cnonce")));
    }
    let ha2 = md5_hex(&format!("{method}:{}", param(p, "uri")));
    match param(p, "qop") {
        "" => md5_hex(&format!("{ha1}:{nonce}:{ha2}")),
        qop => md5_hex(&format!(
            "{ha1}:{nonce}:{}:{}:{qop}:{ha2}",
            param(p, "nc"),
            param(p, "cnonce")
        )),
    }
}

/// `GET /digest-auth`: a challenge, or `{"authenticated": true}` for a
/// correct response to any nonce (postman-echo does not track nonces).
pub async fn digest(req: Incoming) -> Response {
    let params = req
        .header("authorization")
        .filter(|h| h.trim_start().to_ascii_lowercase().starts_with("digest "))
        .map(auth_params);
    if let Some(p) = params {
        let ok = param(&p, "username") == USER
            && param(&p, "uri") == req.target
            && param(&p, "response") == digest_expected(req.method.as_str(), &p);
        if ok {
            return json_response(StatusCode::OK, &json!({"authenticated": true}));
        }
    }
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    let mut res = unauthorized();
    let challenge = format!("Digest realm=\"{DIGEST_REALM}\", nonce=\"{nonce}\", qop=\"auth\"");
    if let Ok(v) = challenge.parse() {
        res.headers_mut().insert("www-authenticate", v);
    }
    res
}

fn hawk_failure(message: &str) -> Response {
    let body = json!({"statusCode": 401, "error": "Unauthorized", "message": message});
    let mut res = json_response(StatusCode::UNAUTHORIZED, &body);
    if let Ok(v) = format!("Hawk error=\"{message}\"").parse() {
        res.headers_mut().insert("www-authenticate", v);
    }
    res
}

/// Hawk's normalized string for a header MAC (`hawk.1.header`).
fn hawk_normalized(req: &Incoming, p: &[(String, String)]) -> String {
    let host_header = req.host();
    let (host, port) = match host_header.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => {
            (h.to_owned(), port)
        }
        _ => (host_header.clone(), req.scheme.default_port()),
    };
    let ext = param(p, "ext").replace('\\', "\\\\").replace('\n', "\\n");
    let mut s = format!(
        "hawk.1.header\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{ext}\n",
        param(p, "ts"),
        param(p, "nonce"),
        req.method.as_str().to_ascii_uppercase(),
        req.target,
        host.to_ascii_lowercase(),
        port,
        param(p, "hash"),
    );
    if !param(p, "app").is_empty() {
        s.push_str(&format!("{}\n{}\n", param(p, "app"), param(p, "dlg")));
    }
    s
}

/// `GET /auth/hawk`: checks the header MAC and the timestamp.
pub async fn hawk(req: Incoming) -> Response {
    let Some(header) = req
        .header("authorization")
        .filter(|h| h.trim_start().starts_with("Hawk "))
    else {
        return hawk_failure("Missing authentication");
    };
    let p = auth_params(header);
    if param(&p, "id") != HAWK_ID {
        return hawk_failure("Unknown credentials");
    }
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(HAWK_KEY.as_bytes()) else {
        return hawk_failure("Bad key");
    };
    mac.update(hawk_normalized(&req, &p).as_bytes());
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    if param(&p, "mac") != expected {
        return hawk_failure("Bad mac");
    }
    let now = chrono::Utc::now().timestamp();
    match param(&p, "ts").parse::<i64>() {
        Ok(ts) if (now - ts).abs() <= HAWK_SKEW => json_response(
            StatusCode::OK,
            &json!({"message": "Hawk Authentication Successful"}),
        ),
        _ => hawk_failure("Stale timestamp"),
    }
}

/// RFC 3986 percent-encoding of everything but unreserved characters, as
/// OAuth 1.0a signs.
fn oauth_encode(s: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(s, SET).to_string()
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The OAuth protocol parameters: from the `Authorization: OAuth` header,
/// else the `oauth_*` parameters of the query and a urlencoded body.
fn oauth_protocol_params(
    req: &Incoming,
    request_params: &[(String, String)],
) -> Vec<(String, String)> {
    match req.header("authorization") {
        Some(h) if h.trim_start().starts_with("OAuth ") => auth_params(h)
            .into_iter()
            .map(|(k, v)| (percent_decode(&k), percent_decode(&v)))
            .collect(),
        _ => request_params
            .iter()
            .filter(|(k, _)| k.starts_with("oauth_"))
            .cloned()
            .collect(),
    }
}

/// The signature base string and signing key of an OAuth 1.0a request.
fn oauth_base(req: &Incoming, protocol: &[(String, String)]) -> (String, String, String) {
    let mut params = req.query_pairs();
    if req.media_type() == "application/x-www-form-urlencoded" {
        params.extend(form_pairs(&req.body));
    }
    let from_header = req
        .header("authorization")
        .is_some_and(|h| h.trim_start().starts_with("OAuth "));
    if from_header {
        params.extend(protocol.iter().cloned());
    }
    let mut encoded: Vec<(String, String)> = params
        .iter()
        .filter(|(k, _)| k != "oauth_signature" && k != "realm")
        .map(|(k, v)| (oauth_encode(k), oauth_encode(v)))
        .collect();
    encoded.sort();
    let normalized = encoded
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let host = req.host().to_ascii_lowercase();
    let default = format!(":{}", req.scheme.default_port());
    let host = host.strip_suffix(&default).unwrap_or(&host);
    let base_uri = format!("{}://{host}{}", req.scheme.as_str(), req.path());
    let base = format!(
        "{}&{}&{}",
        req.method.as_str().to_ascii_uppercase(),
        oauth_encode(&base_uri),
        oauth_encode(&normalized)
    );
    (base_uri, normalized, base)
}

fn oauth_sign(method: &str, key: &str, base: &str) -> Option<String> {
    let bytes = match method {
        "HMAC-SHA1" => {
            let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()).ok()?;
            mac.update(base.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        "HMAC-SHA256" => {
            let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).ok()?;
            mac.update(base.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        "PLAINTEXT" => return Some(key.to_owned()),
        _ => return None,
    };
    Some(base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// `/oauth1`: verifies an OAuth 1.0a signature made with postman-echo's
/// published consumer secret (and an empty token secret).
pub async fn oauth1(req: Incoming) -> Response {
    let mut request_params = req.query_pairs();
    if req.media_type() == "application/x-www-form-urlencoded" {
        request_params.extend(form_pairs(&req.body));
    }
    let protocol = oauth_protocol_params(&req, &request_params);
    let method = param(&protocol, "oauth_signature_method").to_owned();
    let (base_uri, normalized, base) = oauth_base(&req, &protocol);
    let key = format!("{}&", oauth_encode(OAUTH1_CONSUMER_SECRET));
    let signed = oauth_sign(&method, &key, &base);
    let ok = param(&protocol, "oauth_consumer_key") == OAUTH1_CONSUMER_KEY
        && signed.as_deref() == Some(param(&protocol, "oauth_signature"));
    if ok {
        return json_response(
            StatusCode::OK,
            &json!({"status": "pass", "message": "OAuth-1.0a signature verification was successful"}),
        );
    }
    json_response(
        StatusCode::UNAUTHORIZED,
        &json!({
            "status": "fail",
            "message": format!("{method} verification failed"),
            "base_uri": base_uri,
            "normalized_param_string": normalized,
            "base_string": base,
            "signing_key": key,
        }),
    )
}

/// `POST /oauth2/token`: the access token, for the documented client
/// credentials sent in a form body.
pub async fn oauth2_token(req: Incoming) -> Response {
    let description = super::request::describe_with_body(&req);
    let form = &description["form"];
    let ok = OAUTH2_CLIENT
        .iter()
        .all(|(k, v)| form.get(k).and_then(Value::as_str) == Some(v));
    if !ok {
        return unauthorized();
    }
    json_response(
        StatusCode::OK,
        &json!({"access_token": OAUTH2_TOKEN, "token_type": "Bearer", "expires_in": 3600}),
    )
}

/// `GET /oauth2/user/info`: the user, for the access token.
pub async fn oauth2_user(req: Incoming) -> Response {
    match req.header("authorization") {
        Some(h) if h.trim() == format!("Bearer {OAUTH2_TOKEN}") => json_response(
            StatusCode::OK,
            &json!({"user_id": 1, "name": "Postman Echo", "email": "echo@example.com"}),
        ),
        _ => unauthorized(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_params_read_quoted_and_bare_values() {
        let p = auth_params(r#"Digest username="a, b", qop=auth, nc=00000001, x="q\"q""#);
        assert_eq!(param(&p, "username"), "a, b");
        assert_eq!(param(&p, "qop"), "auth");
        assert_eq!(param(&p, "nc"), "00000001");
        assert_eq!(param(&p, "x"), "q\"q");
    }

    #[test]
    fn oauth_encoding_keeps_only_unreserved() {
        assert_eq!(oauth_encode("D+EdQ-gs$-%@2Nu7"), "D%2BEdQ-gs%24-%25%402Nu7");
        assert_eq!(oauth_encode("a b~"), "a%20b~");
    }

    #[test]
    fn oauth1_hmac_sha1_matches_the_specification_example() {
        // The photos.example.net example of the OAuth 1.0 specification.
        let base = "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal";
        let signed = oauth_sign("HMAC-SHA1", "kd94hf93k423kf44&pfkkdhi9sl3r4s00", base);
        assert_eq!(signed.as_deref(), Some("tR3+Ty81lMeYAr/Fid0kMTYa/WM="));
    }

    #[test]
    fn hawk_normalized_string_gives_the_documented_mac() {
        // The request of the example in Hawk's documentation.
        let mut headers = axum::http::HeaderMap::new();
        headers.insert("host", "example.com:8000".parse().unwrap());
        let req = Incoming {
            scheme: crate::request::Scheme::Http,
            method: axum::http::Method::GET,
            target: "/resource/1?b=1&a=2".to_owned(),
            headers,
            body: axum::body::Bytes::new(),
        };
        let p = auth_params(
            r#"Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data""#,
        );
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(HAWK_KEY.as_bytes()).unwrap();
        mac.update(hawk_normalized(&req, &p).as_bytes());
        let got = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        assert_eq!(got, "6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=");
    }

    #[test]
    fn digest_without_qop_is_rfc2069() {
        let p = vec![
            ("nonce".to_owned(), "n".to_owned()),
            ("uri".to_owned(), "/digest-auth".to_owned()),
        ];
        let ha1 = md5_hex("postman:Users:password");
        let ha2 = md5_hex("GET:/digest-auth");
        assert_eq!(
            digest_expected("GET", &p),
            md5_hex(&format!("{ha1}:n:{ha2}"))
        );
    }
}
