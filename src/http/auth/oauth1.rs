//! OAuth 1.0a, as postman-runtime's `oauth1.js` signs with node-oauth1.
//!
//! - Signed only with a `consumerKey` and, for HMAC and PLAINTEXT, a
//!   `consumerSecret` (RSA: a `privateKey`); otherwise sent unsigned.
//! - First the `Authorization` header and any `oauth_*` query parameters
//!   and urlencoded body fields go; `nonce` (11 characters) and `timestamp`
//!   are generated when empty; unless `addEmptyParamsToSign`, blank fields
//!   count as unset.
//! - The signature base string: the method, the URL (scheme and host lower
//!   case, port 80 and 443 dropped, the path as sent) and the sorted,
//!   RFC 3986-encoded parameters: the query, the `oauth_*` ones and the
//!   enabled urlencoded body fields. `oauth_body_hash` (`includeBodyHash`,
//!   not with a urlencoded body), `oauth_callback` and `oauth_verifier` only
//!   when set.
//! - The query is sent re-encoded in RFC 3986 (`+` becomes `%20`).
//! - The parameters go to the `Authorization` header
//!   (`addParamsToHeader`, `realm` first, values percent-encoded unless
//!   `disableHeaderEncoding`), else into a urlencoded body of a POST or PUT,
//!   else into the query.

use rsa::pkcs1::DecodeRsaPrivateKey as _;
use rsa::pkcs8::DecodePrivateKey as _;
use rsa::signature::{SignatureEncoding as _, Signer as _};

use super::apikey::lodash_lower_case;
use super::util::{
    base64, decode_percent, hash, hmac, now_secs, parse, percent_encode, query_pieces,
    random_string, remove_query_params, set_query_pieces,
};
use super::{AuthParams, SignContext};
use crate::http::body::encode_urlencoded;
use crate::http::error::BuildError;
use crate::http::exchange::{RequestBody, RequestSpec};

/// The parameters OAuth 1.0 owns in the query and the body.
const OAUTH_PARAMS: &[&str] = &[
    "oauth_consumer_key",
    "oauth_token",
    "oauth_signature_method",
    "oauth_timestamp",
    "oauth_nonce",
    "oauth_version",
    "oauth_signature",
    "oauth_callback",
    "oauth_verifier",
    "oauth_body_hash",
];

/// node-oauth1's nonce alphabet, as it is written there.
const NONCE_CHARS: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXTZabcdefghiklmnopqrstuvwxyz";

/// The fields, read once.
struct Fields {
    consumer_key: String,
    consumer_secret: String,
    token: String,
    token_secret: String,
    private_key: String,
    method: String,
    callback: String,
    verifier: String,
    timestamp: String,
    nonce: String,
    version: String,
    realm: String,
    add_empty: bool,
}

impl Fields {
    fn read(params: &AuthParams<'_>) -> Self {
        let add_empty = params.flag("addEmptyParamsToSign");
        // Unless empty parameters are signed, blank ones are dropped.
        let get = |key: &str| {
            let v = params.get(key);
            if !add_empty && v.trim().is_empty() {
                String::new()
            } else {
                v
            }
        };
        Fields {
            consumer_key: get("consumerKey"),
            consumer_secret: get("consumerSecret"),
            token: get("token"),
            token_secret: get("tokenSecret"),
            private_key: get("privateKey"),
            method: get("signatureMethod"),
            callback: get("callback"),
            verifier: get("verifier"),
            timestamp: get("timestamp"),
            nonce: get("nonce"),
            version: get("version"),
            realm: get("realm"),
            add_empty,
        }
    }
}

/// Signs `spec` with OAuth 1.0a.
pub(super) fn sign(
    params: &AuthParams<'_>,
    _ctx: &SignContext<'_>,
    spec: &mut RequestSpec,
) -> Result<(), BuildError> {
    let mut f = Fields::read(params);
    let mut parts = f.method.splitn(3, '-');
    let algo = lodash_lower_case(parts.next().unwrap_or("")).to_uppercase();
    let hash_algo = parts.next().unwrap_or("").to_owned();
    let rsa = algo == "RSA";
    if f.consumer_key.is_empty()
        || (!rsa && f.consumer_secret.is_empty())
        || (rsa && f.private_key.is_empty())
    {
        return Ok(());
    }
    spec.headers
        .retain(|(k, _)| !k.eq_ignore_ascii_case("authorization"));
    remove_query_params(spec, OAUTH_PARAMS, false)?;
    if let Some(form) = spec.form.as_mut() {
        let before = form.len();
        form.retain(|(k, _)| !OAUTH_PARAMS.contains(&k.as_str()));
        if form.len() != before {
            let text = encode_urlencoded(form);
            spec.body = RequestBody::Bytes(text.into());
        }
    }
    if f.nonce.is_empty() {
        f.nonce = random_string(11, NONCE_CHARS);
    }
    if f.timestamp.is_empty() {
        f.timestamp = now_secs().to_string();
    }
    let body_hash = match &spec.form {
        None if params.flag("includeBodyHash") && !hash_algo.is_empty() => {
            body_hash(spec, &hash_algo)
        }
        _ => None,
    };
    match add_auth_data(spec, &f, body_hash, params) {
        Ok(()) => Ok(()),
        Err(SignError::Warn(message)) => {
            spec.warnings.push(format!(
                "runtime~oauth1.auth: could not sign the request: {message}"
            ));
            Ok(())
        }
        Err(SignError::Build(e)) => Err(e),
    }
}

/// Why signing stopped: Postman warns and sends unsigned, or the URL is bad.
enum SignError {
    Warn(String),
    Build(BuildError),
}

impl From<BuildError> for SignError {
    fn from(e: BuildError) -> Self {
        SignError::Build(e)
    }
}

/// The base64 body hash under `algo` (raw, file and GraphQL bodies; an
/// empty body hashes the empty string; form-data has none).
fn body_hash(spec: &RequestSpec, algo: &str) -> Option<String> {
    let digest = match &spec.body {
        RequestBody::Empty => hash(algo, b""),
        RequestBody::Bytes(b) => hash(algo, b),
        RequestBody::Multipart { .. } => None,
    };
    digest.map(|d| base64(&d))
}

/// node-oauth1's signature base string URL: scheme and host lower-cased,
/// ports 80 and 443 dropped (whatever the scheme, as postman-runtime does),
/// the path as sent.
fn base_url(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or("").to_lowercase();
    let authority = match url.port() {
        None | Some(80) | Some(443) => host,
        Some(port) => format!("{host}:{port}"),
    };
    format!(
        "{}://{authority}{}",
        url.scheme().to_lowercase(),
        url.path()
    )
}

/// node-oauth1's `decodeForm`: pairs from a query or form text (a name
/// without `=` has no value).
fn decode_form(text: &str) -> Result<Vec<(String, Option<String>)>, SignError> {
    let malformed = || SignError::Warn("URI malformed".to_owned());
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => Ok((
                decode_percent(k).ok_or_else(malformed)?,
                Some(decode_percent(v).ok_or_else(malformed)?),
            )),
            None => Ok((decode_percent(p).ok_or_else(malformed)?, None)),
        })
        .collect()
}

/// The signature parameters as postman-runtime lists them, empty ones
/// dropped unless `addEmptyParamsToSign`.
fn signature_params(f: &Fields, body_hash: Option<String>) -> Vec<(&'static str, String)> {
    let mut list = vec![
        ("oauth_consumer_key", f.consumer_key.clone()),
        ("oauth_token", f.token.clone()),
        ("oauth_signature_method", f.method.clone()),
        ("oauth_timestamp", f.timestamp.clone()),
        ("oauth_nonce", f.nonce.clone()),
        ("oauth_version", f.version.clone()),
    ];
    // Extensions: only when set, whatever addEmptyParamsToSign says.
    for (name, value) in [
        ("oauth_body_hash", body_hash.unwrap_or_default()),
        ("oauth_callback", f.callback.clone()),
        ("oauth_verifier", f.verifier.clone()),
    ] {
        if !value.is_empty() {
            list.push((name, value));
        }
    }
    list.retain(|(_, v)| f.add_empty || !v.is_empty());
    list
}

/// The signature base string of RFC 5849 section 3.4.1 as node-oauth1
/// builds it from the URL, the method and the parameters.
pub(super) fn base_string(
    method: &str,
    url: &url::Url,
    params: &[(String, Option<String>)],
) -> String {
    let mut sortable: Vec<(String, (String, String))> = params
        .iter()
        .filter(|(k, _)| k != "oauth_signature")
        .map(|(k, v)| {
            let (k, v) = (
                percent_encode(k),
                percent_encode(v.as_deref().unwrap_or("")),
            );
            (format!("{k} {v}"), (k, v))
        })
        .collect();
    sortable.sort_by(|a, b| a.0.cmp(&b.0));
    let normalized = sortable
        .iter()
        .map(|(_, (k, v))| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    format!(
        "{}&{}&{}",
        percent_encode(&method.to_uppercase()),
        percent_encode(&base_url(url)),
        percent_encode(&normalized)
    )
}

/// The signature of `base` by `method` (node-oauth1's registered names).
fn signature(method: &str, base: &str, f: &Fields) -> Result<String, String> {
    let key = format!(
        "{}&{}",
        percent_encode(&f.consumer_secret),
        percent_encode(&f.token_secret)
    );
    let name = method.strip_suffix("-Accessor").unwrap_or(method);
    let hmac_b64 = |alg: &str| {
        hmac(alg, key.as_bytes(), base.as_bytes())
            .map(|d| base64(&d))
            .ok_or_else(|| "Unsupported signature method".to_owned())
    };
    match name {
        "PLAINTEXT" => Ok(key.clone()),
        "HMAC-SHA1" => hmac_b64("sha1"),
        "HMAC-SHA256" => hmac_b64("sha256"),
        "HMAC-SHA512" => hmac_b64("sha512"),
        "RSA-SHA1" | "RSA-SHA256" | "RSA-SHA512" => rsa_sign(name, &f.private_key, base),
        _ => Err("Unsupported signature method".to_owned()),
    }
}

/// RSASSA-PKCS1-v1_5 with the PEM key (PKCS#8 or PKCS#1), base64.
fn rsa_sign(name: &str, pem: &str, base: &str) -> Result<String, String> {
    let key = rsa::RsaPrivateKey::from_pkcs8_pem(pem)
        .or_else(|_| rsa::RsaPrivateKey::from_pkcs1_pem(pem))
        .map_err(|e| format!("the private key is not an RSA key in PEM: {e}"))?;
    let data = base.as_bytes();
    let sig = match name {
        "RSA-SHA1" => rsa::pkcs1v15::SigningKey::<sha1::Sha1>::new(key)
            .sign(data)
            .to_vec(),
        "RSA-SHA256" => rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key)
            .sign(data)
            .to_vec(),
        _ => rsa::pkcs1v15::SigningKey::<sha2::Sha512>::new(key)
            .sign(data)
            .to_vec(),
    };
    Ok(base64(&sig))
}

/// postman-runtime's `addAuthDataToRequest`: sign, re-encode the query,
/// place the parameters.
fn add_auth_data(
    spec: &mut RequestSpec,
    f: &Fields,
    body_hash: Option<String>,
    params: &AuthParams<'_>,
) -> Result<(), SignError> {
    let url = parse(spec)?;
    let mut sig_params = signature_params(f, body_hash);
    let mut all: Vec<(String, Option<String>)> = decode_form(url.query().unwrap_or(""))?;
    all.extend(
        sig_params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Some(v.clone()))),
    );
    if let Some(form) = &spec.form {
        all.extend(form.iter().map(|(k, v)| (k.clone(), Some(v.clone()))));
    }
    // node-oauth1 signs with HMAC-SHA1 when no method is given.
    let method = if f.method.is_empty() {
        "HMAC-SHA1"
    } else {
        &f.method
    };
    match all.iter_mut().find(|(k, _)| k == "oauth_signature_method") {
        Some((_, v)) => *v = Some(method.to_owned()),
        None => all.push(("oauth_signature_method".to_owned(), Some(method.to_owned()))),
    }
    let base = base_string(&spec.method, &url, &all);
    let sig = signature(method, &base, f).map_err(SignError::Warn)?;
    reencode_query(spec)?;
    sig_params.push(("oauth_signature", sig));
    if params.flag("addParamsToHeader") {
        let header =
            authorization_header(&f.realm, &sig_params, params.flag("disableHeaderEncoding"));
        spec.headers.push(("Authorization".to_owned(), header));
    } else if (spec.method.contains("POST") || spec.method.contains("PUT")) && spec.form.is_some() {
        let form = spec.form.get_or_insert_with(Vec::new);
        form.extend(sig_params.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
        let text = encode_urlencoded(form);
        spec.body = RequestBody::Bytes(text.into());
        spec.default_header("Content-Type", "application/x-www-form-urlencoded");
    } else {
        let mut pieces: Vec<String> = query_pieces(spec)?;
        pieces.retain(|p| !p.is_empty());
        pieces.extend(
            sig_params
                .iter()
                .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v))),
        );
        set_query_pieces(spec, &pieces)?;
    }
    Ok(())
}

/// postman-runtime's `updateQueryParamEncoding`: the query decoded and
/// written again in RFC 3986 (a name without `=` stays so).
fn reencode_query(spec: &mut RequestSpec) -> Result<(), SignError> {
    let url = parse(spec)?;
    let Some(query) = url.query().filter(|q| !q.is_empty()) else {
        return Ok(());
    };
    let pieces: Vec<String> = decode_form(query)?
        .into_iter()
        .map(|(k, v)| match v {
            Some(v) => format!("{}={}", percent_encode(&k), percent_encode(&v)),
            None => percent_encode(&k),
        })
        .collect();
    set_query_pieces(spec, &pieces)?;
    Ok(())
}

/// node-oauth1's `getAuthorizationHeader`: `OAuth realm="…",name="value",…`
/// with only the set `oauth_*` parameters, values trimmed.
fn authorization_header(realm: &str, params: &[(&str, String)], raw: bool) -> String {
    let enc = |t: &str| if raw { t.to_owned() } else { percent_encode(t) };
    let mut out: Vec<String> = Vec::new();
    if !realm.trim().is_empty() {
        out.push(format!("realm=\"{}\"", enc(realm)));
    }
    for (name, value) in params {
        if value.is_empty() || !name.starts_with("oauth_") {
            continue;
        }
        out.push(format!("{}=\"{}\"", enc(name), enc(value.trim())));
    }
    format!("OAuth {}", out.join(","))
}

#[cfg(test)]
#[path = "oauth1_tests.rs"]
mod tests;
