//! AWS Signature Version 4 (`awsv4`), as postman-runtime's `aws4.js` signs
//! with the `aws4` library.
//!
//! - Always signed (no field is required); `service` defaults to
//!   `execute-api`, `region` to `us-east-1`; an unset `accessKey` or
//!   `secretKey` is JavaScript's `undefined`, written as such.
//! - `Authorization`, `X-Amz-Date`, `X-Amz-Security-Token` and
//!   `X-Amz-Content-Sha256` headers and the `X-Amz-*` query parameters the
//!   signer writes are removed first. The headers signed are the user's
//!   (the Content-Type a body implies is added after signing, unsigned, as
//!   in Postman) plus `Host`, less `Authorization`, `Connection`,
//!   `User-Agent`, `Expect`, `Range`, `X-Amzn-Trace-Id`,
//!   `Presigned-Expires`.
//! - Headers mode: the body's SHA-256 goes in `X-Amz-Content-Sha256` (raw,
//!   urlencoded, file, GraphQL bodies; s3 always has one), the time in
//!   `X-Amz-Date` (from a `Date` header when there is one), the session
//!   token in `X-Amz-Security-Token`; those and `Host` are sent.
//! - `addAuthDataToQuery`: the `X-Amz-*` parameters go to the query (s3:
//!   `X-Amz-Expires=86400` and an `UNSIGNED-PAYLOAD`).
//! - The canonical path: for s3 each segment is decoded and encoded once;
//!   for other services `//`, `.` and `..` are normalised and each segment
//!   encoded again (so `%20` is signed as `%2520`). Query parameters are
//!   sorted and RFC 3986-encoded.

use super::util::{hash, hmac, parse, remove_query_params};
use super::{AuthParams, SignContext};
use crate::http::error::BuildError;
use crate::http::exchange::{Header, RequestBody, RequestSpec};

/// Headers the `aws4` library never signs.
const IGNORED: &[&str] = &[
    "authorization",
    "connection",
    "x-amzn-trace-id",
    "user-agent",
    "expect",
    "presigned-expires",
    "range",
];

/// Headers postman-runtime removes before signing.
const REMOVED_HEADERS: &[&str] = &[
    "authorization",
    "x-amz-date",
    "x-amz-security-token",
    "x-amz-content-sha256",
];

/// Query parameters postman-runtime removes before signing.
const REMOVED_QUERY: &[&str] = &[
    "X-Amz-Security-Token",
    "X-Amz-Date",
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-SignedHeaders",
    "X-Amz-Signature",
];

/// What the signer needs, read from the auth block and the request.
pub(super) struct Request<'a> {
    /// `accessKeyId`.
    pub access_key: &'a str,
    /// `secretAccessKey`.
    pub secret_key: &'a str,
    /// Session token, empty when none.
    pub session_token: &'a str,
    /// Service name.
    pub service: &'a str,
    /// Region.
    pub region: &'a str,
    /// Method.
    pub method: &'a str,
    /// `host[:port]`.
    pub host: &'a str,
    /// Path and query, as sent.
    pub path: &'a str,
    /// Headers to sign, as written.
    pub headers: Vec<Header>,
    /// Sign in the query instead of the headers.
    pub sign_query: bool,
    /// Current time, `YYYYMMDDTHHMMSSZ`, used without a `Date` header.
    pub now: String,
}

/// What the signer gives back.
#[derive(Debug, Default)]
pub(super) struct Signed {
    /// Every header of the signed request, `Authorization` included in
    /// headers mode.
    pub headers: Vec<Header>,
    /// Path and query after signing.
    pub path: String,
}

/// Signs `spec` with AWS Signature Version 4.
pub(super) fn sign(
    params: &AuthParams<'_>,
    ctx: &SignContext<'_>,
    spec: &mut RequestSpec,
) -> Result<(), BuildError> {
    let url = parse(spec)?;
    let host = match url.port() {
        Some(p) => format!("{}:{p}", url.host_str().unwrap_or("")),
        None => url.host_str().unwrap_or("").to_owned(),
    };
    // The path signed is the URL before the removals below, as in Postman.
    let path = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    };
    spec.headers
        .retain(|(k, _)| !REMOVED_HEADERS.contains(&k.to_ascii_lowercase().as_str()));
    remove_query_params(spec, REMOVED_QUERY, false)?;
    let mut headers: Vec<Header> = ctx
        .headers
        .iter()
        .filter(|(k, _)| !REMOVED_HEADERS.contains(&k.to_ascii_lowercase().as_str()))
        .cloned()
        .collect();
    let sign_query = params.flag("addAuthDataToQuery");
    if !sign_query && let Some(body_hash) = body_sha256(&spec.body) {
        upsert(&mut spec.headers, "X-Amz-Content-Sha256", &body_hash);
        headers.push(("X-Amz-Content-Sha256".to_owned(), body_hash));
    }
    let or_undefined = |key: &str| {
        if params.is_set(key) {
            params.get(key)
        } else {
            "undefined".to_owned()
        }
    };
    let (access_key, secret_key) = (or_undefined("accessKey"), or_undefined("secretKey"));
    let session_token = params.get("sessionToken");
    let service = non_empty(params.get("service"), "execute-api");
    let region = non_empty(params.get("region"), "us-east-1");
    let request = Request {
        access_key: &access_key,
        secret_key: &secret_key,
        session_token: &session_token,
        service: &service,
        region: &region,
        method: &spec.method,
        host: &host,
        path: &path,
        headers,
        sign_query,
        now: chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string(),
    };
    let signed = match sign_request(&request) {
        Ok(signed) => signed,
        Err(message) => {
            spec.warnings.push(format!(
                "runtime~awsv4.auth: could not sign the request: {message}"
            ));
            return Ok(());
        }
    };
    if sign_query {
        add_query_params(spec, &signed.path)?;
    }
    for (k, v) in &signed.headers {
        upsert(&mut spec.headers, k, v);
    }
    Ok(())
}

fn non_empty(value: String, default: &str) -> String {
    if value.is_empty() {
        default.to_owned()
    } else {
        value
    }
}

/// postman-collection's `upsertHeader`: replaces the value of the first
/// header of that name (any case), else appends.
fn upsert(headers: &mut Vec<Header>, name: &str, value: &str) {
    match headers
        .iter_mut()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
    {
        Some((_, v)) => *v = value.to_owned(),
        None => headers.push((name.to_owned(), value.to_owned())),
    }
}

/// The hex SHA-256 of a body Postman hashes (none for an empty body or
/// form-data).
fn body_sha256(body: &RequestBody) -> Option<String> {
    match body {
        RequestBody::Bytes(b) if !b.is_empty() => hash("sha256", b).map(|d| hex(&d)),
        _ => None,
    }
}

/// Adds the signer's `X-Amz-*` query parameters the URL does not have yet.
fn add_query_params(spec: &mut RequestSpec, signed_path: &str) -> Result<(), BuildError> {
    let query = signed_path.split_once('?').map_or("", |(_, q)| q);
    let mut pieces = super::util::query_pieces(spec)?;
    pieces.retain(|p| !p.is_empty());
    let have: Vec<String> = pieces
        .iter()
        .map(|p| p.split('=').next().unwrap_or("").to_owned())
        .collect();
    for piece in query.split('&') {
        let name = piece.split('=').next().unwrap_or("");
        if name.starts_with("X-Amz-") && !have.iter().any(|h| h == name) {
            pieces.push(piece.to_owned());
        }
    }
    super::util::set_query_pieces(spec, &pieces)
}

/// Lower-case hex.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A query parameter's value as Node's `querystring.parse` gives it: a
/// string, or an array for a repeated name.
#[derive(Debug, Clone)]
enum QueryValue {
    One(String),
    Many(Vec<String>),
}

/// A parsed query, in first-appearance order (a JavaScript object).
type Query = Vec<(String, QueryValue)>;

fn query_set(query: &mut Query, key: &str, value: String) {
    match query.iter_mut().find(|(k, _)| k == key) {
        Some((_, v)) => *v = QueryValue::One(value),
        None => query.push((key.to_owned(), QueryValue::One(value))),
    }
}

fn query_get<'q>(query: &'q Query, key: &str) -> Option<&'q QueryValue> {
    query.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn value_text(v: &QueryValue) -> String {
    match v {
        QueryValue::One(s) => s.clone(),
        QueryValue::Many(list) => list.join(","),
    }
}

/// The `aws4` library's `RequestSigner`: prepares, signs and formats.
pub(super) fn sign_request(r: &Request<'_>) -> Result<Signed, String> {
    let service = if r.service == "email" {
        "ses"
    } else {
        r.service
    };
    let mut headers = merge_same_names(&r.headers);
    let has = |h: &[Header], a: &str, b: &str| h.iter().any(|(k, _)| k == a || k == b);
    if !has(&headers, "Host", "host") {
        headers.push(("Host".to_owned(), r.host.to_owned()));
    }
    let (path, mut query) = parse_path(r.path)?;
    let s = Scope {
        access_key: r.access_key,
        secret_key: r.secret_key,
        region: r.region,
        service,
    };
    let datetime = if r.sign_query {
        prepare_query(query.get_or_insert_with(Vec::new), r, &s, &headers)?
    } else {
        prepare_headers(&mut headers, r, service)?
    };
    let canonical = canonical_string(
        r.method,
        service,
        &path,
        query.as_ref(),
        &headers,
        r.sign_query,
    );
    let signature = s.signature(&datetime, &canonical);
    if r.sign_query {
        if let Some(q) = query.as_mut() {
            query_set(q, "X-Amz-Signature", signature);
        }
    } else {
        let value = format!(
            "AWS4-HMAC-SHA256 Credential={}/{}, SignedHeaders={}, Signature={signature}",
            s.access_key,
            s.credential(&datetime),
            signed_headers(&headers)
        );
        headers.push(("Authorization".to_owned(), value));
    }
    Ok(Signed {
        headers,
        path: format_path(&path, query),
    })
}

/// `prepareRequest` when signing in the query: the `X-Amz-*` parameters
/// but the signature; gives the signing time.
fn prepare_query(
    q: &mut Query,
    r: &Request<'_>,
    s: &Scope<'_>,
    headers: &[Header],
) -> Result<String, String> {
    if !r.session_token.is_empty() {
        query_set(q, "X-Amz-Security-Token", r.session_token.to_owned());
    }
    if s.service == "s3" && query_get(q, "X-Amz-Expires").is_none() {
        query_set(q, "X-Amz-Expires", "86400".to_owned());
    }
    let datetime = match query_get(q, "X-Amz-Date") {
        Some(v) => value_text(v),
        None => {
            let now = date_time(headers, &r.now)?;
            query_set(q, "X-Amz-Date", now.clone());
            now
        }
    };
    query_set(q, "X-Amz-Algorithm", "AWS4-HMAC-SHA256".to_owned());
    let credential = format!("{}/{}", s.access_key, s.credential(&datetime));
    query_set(q, "X-Amz-Credential", credential);
    query_set(q, "X-Amz-SignedHeaders", signed_headers(headers));
    Ok(datetime)
}

/// `prepareRequest` when signing in the headers: session token, s3's
/// payload hash, `X-Amz-Date`; gives the signing time.
fn prepare_headers(
    headers: &mut Vec<Header>,
    r: &Request<'_>,
    service: &str,
) -> Result<String, String> {
    let has = |h: &[Header], a: &str, b: &str| h.iter().any(|(k, _)| k == a || k == b);
    if !r.session_token.is_empty() && !has(headers, "X-Amz-Security-Token", "x-amz-security-token")
    {
        headers.push((
            "X-Amz-Security-Token".to_owned(),
            r.session_token.to_owned(),
        ));
    }
    if service == "s3" && !has(headers, "X-Amz-Content-Sha256", "x-amz-content-sha256") {
        let empty = hash("sha256", b"").map(|d| hex(&d)).unwrap_or_default();
        headers.push(("X-Amz-Content-Sha256".to_owned(), empty));
    }
    let given = headers
        .iter()
        .find(|(k, _)| k == "X-Amz-Date")
        .or_else(|| headers.iter().find(|(k, _)| k == "x-amz-date"))
        .map(|(_, v)| v.clone());
    let datetime = match given {
        Some(v) => v,
        None => {
            let now = date_time(headers, &r.now)?;
            headers.push(("X-Amz-Date".to_owned(), now.clone()));
            now
        }
    };
    headers.retain(|(k, _)| k != "Authorization" && k != "authorization");
    Ok(datetime)
}

/// Headers of exactly the same name become one, values joined by commas
/// (postman-collection's `getHeaders` gives an array; `aws4` prints it).
fn merge_same_names(headers: &[Header]) -> Vec<Header> {
    let mut out: Vec<Header> = Vec::new();
    for (k, v) in headers {
        match out.iter_mut().find(|(name, _)| name == k) {
            Some((_, value)) => {
                value.push(',');
                value.push_str(v);
            }
            None => out.push((k.clone(), v.clone())),
        }
    }
    out
}

/// The credential scope and the signing key.
struct Scope<'a> {
    access_key: &'a str,
    secret_key: &'a str,
    region: &'a str,
    service: &'a str,
}

impl Scope<'_> {
    fn credential(&self, datetime: &str) -> String {
        let date: String = datetime.chars().take(8).collect();
        format!("{date}/{}/{}/aws4_request", self.region, self.service)
    }

    fn signature(&self, datetime: &str, canonical: &str) -> String {
        let date: String = datetime.chars().take(8).collect();
        let mac = |key: &[u8], data: &str| hmac("sha256", key, data.as_bytes()).unwrap_or_default();
        let k_date = mac(format!("AWS4{}", self.secret_key).as_bytes(), &date);
        let k_region = mac(&k_date, self.region);
        let k_service = mac(&k_region, self.service);
        let k_signing = mac(&k_service, "aws4_request");
        let canonical_hash = hash("sha256", canonical.as_bytes())
            .map(|d| hex(&d))
            .unwrap_or_default();
        let to_sign = format!(
            "AWS4-HMAC-SHA256\n{datetime}\n{}\n{canonical_hash}",
            self.credential(datetime)
        );
        hex(&mac(&k_signing, &to_sign))
    }
}

/// The signing time: a `Date` (or `date`) header's, else now; written
/// `YYYYMMDDTHHMMSSZ`.
fn date_time(headers: &[Header], now: &str) -> Result<String, String> {
    let date = headers
        .iter()
        .find(|(k, _)| k == "Date")
        .or_else(|| headers.iter().find(|(k, _)| k == "date"))
        .map(|(_, v)| v.as_str());
    let Some(text) = date.filter(|d| !d.is_empty()) else {
        return Ok(now.to_owned());
    };
    let parsed = chrono::DateTime::parse_from_rfc2822(text.trim())
        .or_else(|_| chrono::DateTime::parse_from_rfc3339(text.trim()))
        .map_err(|_| format!("Invalid time value (Date header `{text}`)"))?;
    Ok(parsed
        .with_timezone(&chrono::Utc)
        .format("%Y%m%dT%H%M%SZ")
        .to_string())
}

fn signed_headers(headers: &[Header]) -> String {
    filtered_headers(headers)
        .iter()
        .map(|(k, _)| k.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

/// Header names lower-cased, ignored ones dropped, sorted by name.
fn filtered_headers(headers: &[Header]) -> Vec<Header> {
    let mut list: Vec<Header> = headers
        .iter()
        .map(|(k, v)| (k.to_lowercase(), v.clone()))
        .filter(|(k, _)| !IGNORED.contains(&k.as_str()))
        .collect();
    list.sort_by(|a, b| a.0.cmp(&b.0));
    list
}

/// RFC 3986 encoding of a whole component (`encodeURIComponent` and
/// `! ' ( ) *`).
fn encode_full(text: &str) -> String {
    super::util::percent_encode(text)
}

/// The canonical request of SigV4 as `aws4` writes it.
fn canonical_string(
    method: &str,
    service: &str,
    path: &str,
    query: Option<&Query>,
    headers: &[Header],
    sign_query: bool,
) -> String {
    let s3 = service == "s3";
    let body_hash = if s3 && sign_query {
        "UNSIGNED-PAYLOAD".to_owned()
    } else {
        headers
            .iter()
            .find(|(k, _)| k == "X-Amz-Content-Sha256")
            .or_else(|| headers.iter().find(|(k, _)| k == "x-amz-content-sha256"))
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| hash("sha256", b"").map(|d| hex(&d)).unwrap_or_default())
    };
    let query_text = query.map(|q| canonical_query(q, s3)).unwrap_or_default();
    let path_text = canonical_path(path, s3);
    let filtered = filtered_headers(headers);
    let canonical_headers = filtered
        .iter()
        .map(|(k, v)| {
            let words: Vec<&str> = v.split_whitespace().collect();
            format!("{k}:{}", words.join(" "))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let method = if method.is_empty() { "GET" } else { method };
    format!(
        "{method}\n{path_text}\n{query_text}\n{canonical_headers}\n\n{}\n{body_hash}",
        signed_headers(headers)
    )
}

fn canonical_query(query: &Query, s3: bool) -> String {
    let mut reduced: Vec<(String, QueryValue)> = Vec::new();
    for (k, v) in query {
        if k.is_empty() {
            continue;
        }
        let v = match v {
            QueryValue::Many(list) if s3 => {
                QueryValue::One(list.first().cloned().unwrap_or_default())
            }
            v => v.clone(),
        };
        let key = encode_full(k);
        match reduced.iter_mut().find(|(rk, _)| *rk == key) {
            Some((_, rv)) => *rv = v,
            None => reduced.push((key, v)),
        }
    }
    reduced.sort_by(|a, b| a.0.cmp(&b.0));
    let mut pieces = Vec::new();
    for (k, v) in reduced {
        match v {
            QueryValue::One(v) => pieces.push(format!("{k}={}", encode_full(&v))),
            QueryValue::Many(list) => {
                let mut values: Vec<String> = list.iter().map(|v| encode_full(v)).collect();
                values.sort();
                pieces.extend(values.into_iter().map(|v| format!("{k}={v}")));
            }
        }
    }
    pieces.join("&")
}

/// Runs of slashes, collapsed in non-s3 paths (compiled once).
static SLASHES: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new("/{2,}").expect("a valid pattern"));

/// The canonical path: s3 decodes and encodes each segment once (slashes
/// kept); other services normalise `//`, `.`, `..` and encode again.
fn canonical_path(path: &str, s3: bool) -> String {
    if path == "/" {
        return path.to_owned();
    }
    let normalize = !s3;
    let collapsed;
    let mut text = path;
    if normalize {
        collapsed = SLASHES.replace_all(path, "/").into_owned();
        text = &collapsed;
    }
    let mut parts: Vec<String> = Vec::new();
    for piece in text.split('/') {
        if normalize && piece == ".." {
            parts.pop();
        } else if !normalize || piece != "." {
            let piece = if s3 {
                super::util::decode_percent(piece).unwrap_or_else(|| piece.replace('+', " "))
            } else {
                piece.to_owned()
            };
            parts.push(encode_full(&piece));
        }
    }
    let mut out = parts.join("/");
    if !out.starts_with('/') {
        out.insert(0, '/');
    }
    if s3 {
        out = out.replace("%2F", "/");
    }
    out
}

/// The characters `aws4` leaves a path alone with; anything else sends it
/// through `encodeURI(decodeURI(path))`.
fn plain_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ";,/?:@&=+$-_.!~*'()#%".contains(c)
}

/// `aws4`'s `parsePath`: the path, and the query parsed as Node's
/// `querystring` does (`None` without a `?`).
fn parse_path(path: &str) -> Result<(String, Option<Query>), String> {
    let path = if path.is_empty() { "/" } else { path };
    let path = if path.chars().all(plain_path_char) {
        path.to_owned()
    } else {
        encode_uri(&decode_uri(path)?)
    };
    let Some((p, q)) = path.split_once('?') else {
        return Ok((path, None));
    };
    let mut query: Query = Vec::new();
    for piece in q.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = piece.split_once('=').unwrap_or((piece, ""));
        let (k, v) = (qs_unescape(k), qs_unescape(v));
        match query.iter_mut().find(|(name, _)| *name == k) {
            Some((_, QueryValue::One(first))) => {
                let first = std::mem::take(first);
                let slot = query.iter_mut().find(|(name, _)| *name == k);
                if let Some((_, slot)) = slot {
                    *slot = QueryValue::Many(vec![first, v]);
                }
            }
            Some((_, QueryValue::Many(list))) => list.push(v),
            None => query.push((k, QueryValue::One(v))),
        }
    }
    Ok((p.to_owned(), Some(query)))
}

/// Node's `querystring.unescape` after `+` → space: percent-decoding that
/// leaves a malformed escape as it is.
fn qs_unescape(text: &str) -> String {
    let text = text.replace('+', " ");
    percent_encoding::percent_decode_str(&text)
        .decode_utf8_lossy()
        .into_owned()
}

/// JavaScript's `decodeURI`: escapes of reserved characters stay.
fn decode_uri(text: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let hex_ok = |s: &str| s.len() >= 3 && s[1..3].chars().all(|c| c.is_ascii_hexdigit());
        if !hex_ok(tail) {
            return Err("URI malformed".to_owned());
        }
        let byte = u8::from_str_radix(&tail[1..3], 16).map_err(|e| e.to_string())?;
        if byte < 0x80 {
            if "#$&+,/:;=?@".contains(byte as char) {
                out.push_str(&tail[..3]);
            } else {
                out.push(byte as char);
            }
            rest = &tail[3..];
            continue;
        }
        // A multi-byte UTF-8 sequence of escapes.
        let mut bytes = Vec::new();
        let mut t = tail;
        while hex_ok(t) && t.starts_with('%') {
            let b = u8::from_str_radix(&t[1..3], 16).map_err(|e| e.to_string())?;
            if b < 0x80 || (!bytes.is_empty() && b & 0xC0 != 0x80) {
                break;
            }
            if b & 0xC0 != 0x80 && !bytes.is_empty() {
                break;
            }
            bytes.push(b);
            t = &t[3..];
            if std::str::from_utf8(&bytes).is_ok() {
                break;
            }
        }
        let s = std::str::from_utf8(&bytes).map_err(|_| "URI malformed".to_owned())?;
        out.push_str(s);
        rest = t;
    }
    out.push_str(rest);
    Ok(out)
}

/// JavaScript's `encodeURI`.
fn encode_uri(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || ";,/?:@&=+$-_.!~*'()#".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// `aws4`'s `formatPath`: the query written back (the empty name dropped).
fn format_path(path: &str, query: Option<Query>) -> String {
    let Some(query) = query else {
        return path.to_owned();
    };
    let pieces: Vec<String> = query
        .iter()
        .filter(|(k, _)| !k.is_empty())
        .flat_map(|(k, v)| {
            let values = match v {
                QueryValue::One(s) => vec![s.clone()],
                QueryValue::Many(list) => list.clone(),
            };
            values
                .into_iter()
                .map(move |v| format!("{}={}", encode_full(k), encode_full(&v)))
        })
        .collect();
    format!("{path}?{}", pieces.join("&"))
}

#[cfg(test)]
#[path = "aws4_tests.rs"]
mod tests;
