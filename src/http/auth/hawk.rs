//! Hawk, as postman-runtime's `hawk.js` signs with postman-request's Hawk
//! code.
//!
//! - Signed only with an `authId` and an `authKey`; the `Authorization`
//!   header is then replaced. An `algorithm` other than `sha1` or `sha256`
//!   gives an empty header, as in Postman.
//! - `nonce` (6 letters and digits) and `timestamp` (seconds; a value whose
//!   `parseInt` is 0 or NaN counts as unset) are generated when unset.
//! - The MAC covers `hawk.1.header`, the timestamp, nonce, method, path and
//!   query as sent, host (lower case), port (80 / 443 by scheme when none is
//!   written), the payload hash, `ext` (`extraData`, its first backslash and
//!   newline escaped), and `app` / `dlg` (`delegation`) when `app` is set.
//! - `includePayloadHash` hashes `hawk.1.payload`, the Content-Type the user
//!   wrote (the one the body implies is added after signing, as in Postman),
//!   and the body (raw, urlencoded, file, GraphQL; none for form-data or an
//!   empty body).
//! - Header: `Hawk id, ts, nonce, [hash], [ext] (backslashes and quotes
//!   escaped), mac`, then `app` and `dlg`.

use super::util::{base64, hash, hmac, js_parse_int, now_secs, parse, random_string};
use super::{AuthParams, SignContext, set_authorization};
use crate::http::error::BuildError;
use crate::http::exchange::{RequestBody, RequestSpec, find_header};

/// postman-runtime's nonce alphabet.
const NONCE_CHARS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// What the MAC covers (postman-request's Hawk "artifacts").
pub(super) struct Artifacts<'a> {
    /// `ts`.
    pub ts: &'a str,
    /// `nonce`.
    pub nonce: &'a str,
    /// Request method.
    pub method: &'a str,
    /// Path and query.
    pub resource: &'a str,
    /// Host name.
    pub host: &'a str,
    /// Port.
    pub port: u16,
    /// Payload hash (base64), empty when none.
    pub hash: &'a str,
    /// `ext`.
    pub ext: &'a str,
    /// `app`.
    pub app: &'a str,
    /// `dlg`.
    pub dlg: &'a str,
}

/// Signs `spec` with Hawk.
pub(super) fn sign(
    params: &AuthParams<'_>,
    ctx: &SignContext<'_>,
    spec: &mut RequestSpec,
) -> Result<(), BuildError> {
    let (id, key) = (params.get("authId"), params.get("authKey"));
    if id.is_empty() || key.is_empty() {
        return Ok(());
    }
    let mut nonce = params.get("nonce");
    if nonce.is_empty() {
        nonce = random_string(6, NONCE_CHARS);
    }
    let mut ts = params.get("timestamp");
    if js_parse_int(&ts).is_none_or(|n| n == 0) {
        ts = now_secs().to_string();
    }
    let algorithm = params.get("algorithm");
    let payload_hash = if params.flag("includePayloadHash") && !algorithm.is_empty() {
        payload_hash(spec, &algorithm, find_header(ctx.headers, "content-type"))
    } else {
        None
    };
    let url = parse(spec)?;
    let resource = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    };
    let port = url
        .port()
        .unwrap_or(if url.scheme() == "http" { 80 } else { 443 });
    let host = url.host_str().unwrap_or("").to_lowercase();
    let artifacts = Artifacts {
        ts: &ts,
        nonce: &nonce,
        method: &spec.method,
        resource: &resource,
        host: &host,
        port,
        hash: payload_hash.as_deref().unwrap_or(""),
        ext: &params.get("extraData"),
        app: &params.get("app"),
        dlg: &params.get("delegation"),
    };
    let value = header(&id, &key, &algorithm, &artifacts);
    set_authorization(spec, value);
    Ok(())
}

/// The payload hash: `hawk.1.payload`, the media type, the body.
pub(super) fn payload_hash(
    spec: &RequestSpec,
    algorithm: &str,
    content_type: Option<&str>,
) -> Option<String> {
    let body = match &spec.body {
        RequestBody::Bytes(b) if !b.is_empty() => b.clone(),
        _ => return None,
    };
    let media = content_type
        .map(|c| c.split(';').next().unwrap_or("").trim().to_lowercase())
        .unwrap_or_default();
    let mut data = format!("hawk.1.payload\n{media}\n").into_bytes();
    data.extend_from_slice(&body);
    data.push(b'\n');
    hash(algorithm, &data).map(|d| base64(&d))
}

/// The MAC of `artifacts` (base64 HMAC of the normalized string).
pub(super) fn mac(key: &str, algorithm: &str, a: &Artifacts<'_>) -> Option<String> {
    let mut normalized = format!(
        "hawk.1.header\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n",
        a.ts,
        a.nonce,
        a.method.to_uppercase(),
        a.resource,
        a.host,
        a.port,
        a.hash
    );
    if !a.ext.is_empty() {
        // JavaScript's string `replace`: the first occurrence only.
        normalized.push_str(&a.ext.replacen('\\', "\\\\", 1).replacen('\n', "\\n", 1));
    }
    normalized.push('\n');
    if !a.app.is_empty() {
        normalized.push_str(&format!("{}\n{}\n", a.app, a.dlg));
    }
    hmac(algorithm, key.as_bytes(), normalized.as_bytes()).map(|d| base64(&d))
}

/// The `Authorization` value; empty for an algorithm Hawk does not know.
pub(super) fn header(id: &str, key: &str, algorithm: &str, a: &Artifacts<'_>) -> String {
    if algorithm != "sha1" && algorithm != "sha256" {
        return String::new();
    }
    let Some(mac) = mac(key, algorithm, a) else {
        return String::new();
    };
    let mut out = format!("Hawk id=\"{id}\", ts=\"{}\", nonce=\"{}", a.ts, a.nonce);
    if !a.hash.is_empty() {
        out.push_str(&format!("\", hash=\"{}", a.hash));
    }
    if !a.ext.is_empty() {
        let ext = a.ext.replace('\\', "\\\\").replace('"', "\\\"");
        out.push_str(&format!("\", ext=\"{ext}"));
    }
    out.push_str(&format!("\", mac=\"{mac}\""));
    if !a.app.is_empty() {
        out.push_str(&format!(", app=\"{}", a.app));
        if !a.dlg.is_empty() {
            out.push_str(&format!("\", dlg=\"{}", a.dlg));
        }
        out.push('"');
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::http::auth::testing::{block, sign_with, spec};

    const ID: &str = "dh37fgj492je";
    const KEY: &str = "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn";

    fn auth(extra: &[(&str, serde_json::Value)]) -> serde_json::Value {
        let mut list = vec![
            ("authId", json!(ID)),
            ("authKey", json!(KEY)),
            ("algorithm", json!("sha256")),
            ("timestamp", json!("1353832234")),
            ("nonce", json!("j4h3g2")),
            ("extraData", json!("some-app-ext-data")),
        ];
        list.extend(extra.iter().cloned());
        block("hawk", &list)
    }

    /// The Hawk specification's header example.
    #[test]
    fn hawk_readme_header_example() {
        let mut s = spec("GET", "http://example.com:8000/resource/1?b=1&a=2");
        s.headers.push(("authorization".into(), "old".into()));
        sign_with(auth(&[]), &mut s).unwrap();
        assert_eq!(
            s.headers,
            vec![(
                "Authorization".to_owned(),
                "Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\", ext=\"some-app-ext-data\", mac=\"6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=\"".to_owned()
            )]
        );
    }

    /// The Hawk specification's payload example: the hash covers the
    /// Content-Type the user wrote.
    #[test]
    fn hawk_readme_payload_example() {
        let mut s = spec("POST", "http://example.com:8000/resource/1?b=1&a=2");
        s.headers
            .push(("Content-Type".into(), "text/plain; charset=utf-8".into()));
        s.body = RequestBody::Bytes("Thank you for flying Hawk".into());
        sign_with(auth(&[("includePayloadHash", json!(true))]), &mut s).unwrap();
        assert_eq!(
            s.header("Authorization"),
            Some(
                "Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\", hash=\"Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY=\", ext=\"some-app-ext-data\", mac=\"aSe1DERmZuRl3pI36/9BdZmnErTw3sNzOOAUlfeKjVw=\""
            )
        );
    }

    /// ext escaping, app and dlg, sha1, the default port (values from
    /// postman-request's Hawk code).
    #[test]
    fn ext_app_dlg_and_sha1() {
        let a = Artifacts {
            ts: "5",
            nonce: "n",
            method: "post",
            resource: "/x",
            host: "example.com",
            port: 443,
            hash: "",
            ext: "a\\b\\c\"\n\n",
            app: "ap",
            dlg: "dl",
        };
        assert_eq!(
            header("i", "k", "sha1", &a),
            "Hawk id=\"i\", ts=\"5\", nonce=\"n\", ext=\"a\\\\b\\\\c\\\"\n\n\", mac=\"Bh0PEmrZ4Wr1o6Lti3LGO2BoUTs=\", app=\"ap\", dlg=\"dl\""
        );
        assert_eq!(header("i", "k", "SHA256", &a), "");
    }

    #[test]
    fn unsigned_without_id_or_key_and_generated_values() {
        let mut s = spec("GET", "http://h.test/");
        s.headers.push(("Authorization".into(), "hand".into()));
        sign_with(block("hawk", &[("authId", json!("i"))]), &mut s).unwrap();
        assert_eq!(s.header("Authorization"), Some("hand"));
        let mut s = spec("GET", "http://h.test/");
        let auth = block(
            "hawk",
            &[
                ("authId", json!("i")),
                ("authKey", json!("k")),
                ("algorithm", json!("sha1")),
                ("timestamp", json!("0")),
            ],
        );
        sign_with(auth, &mut s).unwrap();
        let value = s.header("Authorization").unwrap();
        let ts: u64 = value.split("ts=\"").nth(1).unwrap()[..10].parse().unwrap();
        assert!(ts > 1_600_000_000, "{value}");
        let nonce = value.split("nonce=\"").nth(1).unwrap();
        assert_eq!(nonce.find('"'), Some(6), "{value}");
    }
}
