//! Akamai EdgeGrid (`EG1-HMAC-SHA256`), as postman-runtime's
//! `edgegrid.js` signs.
//!
//! - Signed only with `accessToken`, `clientToken` and `clientSecret`;
//!   the `Authorization` header is then replaced.
//! - `nonce` (a UUID) and `timestamp` (`YYYYMMDDTHH:MM:SS+0000`) are
//!   generated when empty.
//! - The data signed: method, scheme, host (`baseURL`'s host when set),
//!   path and query, the `headersToSign` (comma-separated names) the user
//!   wrote, in that order, values trimmed and folded, empty ones left out,
//!   the body's SHA-256 (POST only; raw, urlencoded, file, GraphQL bodies,
//!   cut at `maxBodySize`, 131072 bytes by default) and the header so far;
//!   the key is the HMAC of the timestamp under the client secret.

use super::util::{base64, hash, hmac, parse};
use super::{AuthParams, SignContext, set_authorization};
use crate::http::error::BuildError;
use crate::http::exchange::{Header, RequestBody, RequestSpec};

/// What the signature covers.
pub(super) struct Data<'a> {
    /// Client token.
    pub client_token: &'a str,
    /// Access token.
    pub access_token: &'a str,
    /// Client secret.
    pub client_secret: &'a str,
    /// Timestamp.
    pub timestamp: &'a str,
    /// Nonce.
    pub nonce: &'a str,
    /// Method.
    pub method: &'a str,
    /// `http` or `https`.
    pub scheme: &'a str,
    /// Host (and port).
    pub host: &'a str,
    /// Path and query.
    pub path: &'a str,
    /// `name:value` of the headers signed, tab-separated.
    pub headers: String,
    /// Base64 SHA-256 of the body, empty when none.
    pub body_hash: String,
}

/// Signs `spec` with EdgeGrid.
pub(super) fn sign(
    params: &AuthParams<'_>,
    ctx: &SignContext<'_>,
    spec: &mut RequestSpec,
) -> Result<(), BuildError> {
    let access_token = params.get("accessToken");
    let client_token = params.get("clientToken");
    let client_secret = params.get("clientSecret");
    if access_token.is_empty() || client_token.is_empty() || client_secret.is_empty() {
        return Ok(());
    }
    let url = parse(spec)?;
    let host = match url.port() {
        Some(p) => format!("{}:{p}", url.host_str().unwrap_or("")),
        None => url.host_str().unwrap_or("").to_owned(),
    };
    let base_url = params.get("baseURL");
    let host = if base_url.is_empty() {
        host
    } else {
        host_of(&base_url)
    };
    let path = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    };
    let mut nonce = params.get("nonce");
    if nonce.is_empty() {
        nonce = uuid::Uuid::new_v4().to_string();
    }
    let mut timestamp = params.get("timestamp");
    if timestamp.is_empty() {
        timestamp = chrono::Utc::now()
            .format("%Y%m%dT%H:%M:%S+0000")
            .to_string();
    }
    // `maxBodySize || 131072`: a number 0 is unset, the text "0" is not.
    let max_body = match params.auth.params.get("maxBodySize") {
        Some(serde_json::Value::Number(n)) if n.as_f64() == Some(0.0) => String::new(),
        _ => params.get("maxBodySize"),
    };
    let body_hash = if spec.method == "POST" {
        body_hash(&spec.body, &max_body)
    } else {
        String::new()
    };
    let user_headers: Vec<&Header> = ctx
        .headers
        .iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case("authorization"))
        .collect();
    let data = Data {
        client_token: &client_token,
        access_token: &access_token,
        client_secret: &client_secret,
        timestamp: &timestamp,
        nonce: &nonce,
        method: &spec.method,
        scheme: url.scheme(),
        host: &host,
        path: &path,
        headers: canonical_headers(&params.get("headersToSign"), &user_headers),
        body_hash,
    };
    set_authorization(spec, header(&data));
    Ok(())
}

/// The host (and port) of `baseURL`, read as Postman's URL parser reads
/// it (no scheme means `http://`).
fn host_of(base_url: &str) -> String {
    let text = if base_url.contains("://") {
        base_url.to_owned()
    } else {
        format!("http://{base_url}")
    };
    match url::Url::parse(&text) {
        Ok(u) => match u.port() {
            Some(p) => format!("{}:{p}", u.host_str().unwrap_or("")),
            None => u.host_str().unwrap_or("").to_owned(),
        },
        Err(_) => base_url.to_owned(),
    }
}

/// The body hash: base64 SHA-256 of the body cut at `maxBodySize` (131072
/// when unset; a size that is no number means no cut, 0 or less an empty
/// cut).
fn body_hash(body: &RequestBody, max_body: &str) -> String {
    let RequestBody::Bytes(bytes) = body else {
        return String::new();
    };
    if bytes.is_empty() {
        return String::new();
    }
    let max: f64 = match max_body.trim() {
        "" => 131_072.0,
        t => t.parse().unwrap_or(f64::NAN),
    };
    let cut: &[u8] = if max.is_nan() {
        bytes
    } else if max <= 0.0 {
        &[]
    } else {
        // Truncating a float size to bytes, as Buffer.subarray does.
        let limit = max as usize;
        &bytes[..bytes.len().min(limit)]
    };
    hash("sha256", cut).map(|d| base64(&d)).unwrap_or_default()
}

/// The `headersToSign` the request has, `name:value` joined by tabs.
fn canonical_headers(names: &str, headers: &[&Header]) -> String {
    let mut out = Vec::new();
    for name in names.split(',') {
        let name = name.trim().to_lowercase();
        let values: Vec<&str> = headers
            .iter()
            .filter(|(k, _)| k.to_lowercase() == name)
            .map(|(_, v)| v.as_str())
            .collect();
        // Several headers of one name are an array to Postman: not signed.
        let [value] = values.as_slice() else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let folded: Vec<&str> = value.split_whitespace().collect();
        out.push(format!("{name}:{}", folded.join(" ")));
    }
    out.join("\t")
}

/// The `Authorization` value.
pub(super) fn header(d: &Data<'_>) -> String {
    let auth = format!(
        "EG1-HMAC-SHA256 client_token={};access_token={};timestamp={};nonce={};",
        d.client_token, d.access_token, d.timestamp, d.nonce
    );
    let signing_key = hmac("sha256", d.client_secret.as_bytes(), d.timestamp.as_bytes())
        .map(|k| base64(&k))
        .unwrap_or_default();
    let path = if d.path.is_empty() { "/" } else { d.path };
    let data = [
        d.method,
        d.scheme,
        d.host,
        path,
        &d.headers,
        &d.body_hash,
        &auth,
    ]
    .join("\t");
    let signature = hmac("sha256", signing_key.as_bytes(), data.as_bytes())
        .map(|s| base64(&s))
        .unwrap_or_default();
    format!("{auth}signature={signature}")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::http::auth::testing::{block, sign_with, spec};

    const HOST: &str = "akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net";

    fn auth() -> serde_json::Value {
        block(
            "edgegrid",
            &[
                (
                    "accessToken",
                    json!("akab-access-token-xxx-xxxxxxxxxxxxxxxx"),
                ),
                (
                    "clientToken",
                    json!("akab-client-token-xxx-xxxxxxxxxxxxxxxx"),
                ),
                (
                    "clientSecret",
                    json!("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx="),
                ),
                ("nonce", json!("nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")),
                ("timestamp", json!("20140321T19:34:21+0000")),
                ("headersToSign", json!("X-Test1,X-Test2,X-Test3")),
                ("maxBodySize", json!("2048")),
            ],
        )
    }

    /// Akamai's edgegrid test data (testdata.json of its client libraries).
    #[test]
    #[allow(clippy::type_complexity)] // a test table
    fn akamai_test_data() {
        let d = |n: usize| "d".repeat(n);
        let cases: Vec<(&str, &str, Option<String>, Vec<(&str, &str)>, &str)> = vec![
            (
                "GET",
                "/",
                None,
                vec![],
                "tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU=",
            ),
            (
                "GET",
                "/testapi/v1/t1?p1=1&p2=2",
                None,
                vec![],
                "hKDH1UlnQySSHjvIcZpDMbQHihTQ0XyVAKZaApabdeA=",
            ),
            (
                "POST",
                "/testapi/v1/t3",
                Some("datadatadatadatadatadatadatadata".into()),
                vec![],
                "hXm4iCxtpN22m4cbZb4lVLW5rhX8Ca82vCFqXzSTPe4=",
            ),
            (
                "POST",
                "/testapi/v1/t3",
                Some(d(2049)),
                vec![],
                "6Q6PiTipLae6n4GsSIDTCJ54bEbHUBp+4MUXrbQCBoY=",
            ),
            (
                "POST",
                "/testapi/v1/t3",
                Some(d(2048)),
                vec![],
                "6Q6PiTipLae6n4GsSIDTCJ54bEbHUBp+4MUXrbQCBoY=",
            ),
            (
                "POST",
                "/testapi/v1/t6",
                Some(String::new()),
                vec![],
                "1gEDxeQGD5GovIkJJGcBaKnZ+VaPtrc4qBUHixjsPCQ=",
            ),
            (
                "GET",
                "/testapi/v1/t4",
                None,
                vec![("X-Test1", "test-simple-header")],
                "8F9AybcRw+PLxnvT+H0JRkjROrrUgsxJTnRXMzqvcwY=",
            ),
            (
                "GET",
                "/testapi/v1/t4",
                None,
                vec![("X-Test1", "\"     test-header-with-spaces     \"")],
                "ucq2AbjCNtobHfCTuS38fdkl5UDdWHZhQX46fYR8CqI=",
            ),
            (
                "GET",
                "/testapi/v1/t4",
                None,
                vec![("X-Test2", "t2"), ("X-Test1", "t1"), ("X-Test3", "t3")],
                "Wus73Nx8jOYM+kkBFF2q8D1EATRIMr0WLWwpLBgkBqY=",
            ),
            (
                "GET",
                "/testapi/v1/t5",
                None,
                vec![
                    ("X-Test2", "t2"),
                    ("X-Test1", "t1"),
                    ("X-Test3", "t3"),
                    ("X-Extra", "this won't be included"),
                ],
                "Knd/jc0A5Ghhizjayr0AUUvl2MZjBpS3FDSzvtq4Ixc=",
            ),
            (
                "PUT",
                "/testapi/v1/t6",
                Some("PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP".into()),
                vec![],
                "GNBWEYSEWOLtu+7dD52da2C39aX/Jchpon3K/AmBqBU=",
            ),
        ];
        for (method, path, body, headers, signature) in cases {
            let mut s = spec(method, &format!("https://{HOST}{path}"));
            s.headers = headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            if let Some(body) = body {
                s.body = RequestBody::Bytes(body.into());
            }
            sign_with(auth(), &mut s).unwrap();
            let want = format!(
                "EG1-HMAC-SHA256 client_token=akab-client-token-xxx-xxxxxxxxxxxxxxxx;access_token=akab-access-token-xxx-xxxxxxxxxxxxxxxx;timestamp=20140321T19:34:21+0000;nonce=nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx;signature={signature}"
            );
            assert_eq!(
                s.header("Authorization"),
                Some(want.as_str()),
                "{method} {path} {headers:?}"
            );
        }
    }

    #[test]
    fn unsigned_without_the_three_tokens_and_base_url_host() {
        let mut s = spec("GET", "http://h.test/");
        s.headers.push(("Authorization".into(), "hand".into()));
        sign_with(
            block(
                "edgegrid",
                &[("accessToken", json!("a")), ("clientToken", json!("c"))],
            ),
            &mut s,
        )
        .unwrap();
        assert_eq!(s.header("Authorization"), Some("hand"));
        assert_eq!(host_of("https://Example.com:8443/x"), "example.com:8443");
        assert_eq!(host_of("example.com"), "example.com");
    }
}
