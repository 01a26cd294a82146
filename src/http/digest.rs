//! HTTP Digest authentication (RFC 7616): answering a server's challenge.
//!
//! `client.rs` calls [`digest_authorization`] when a request with digest
//! credentials gets a `401` carrying `WWW-Authenticate: Digest …`, then
//! sends the request once more with the computed `Authorization` header.

use md5::Md5;
use sha2::{Digest as _, Sha256};

use super::exchange::DigestCredentials;

/// Parses `key=value, key="quoted value"` parameters of a challenge.
fn parse_params(challenge: &str) -> Vec<(String, String)> {
    let rest = challenge.trim_start().get(6..).unwrap_or("").trim_start();
    let mut out = Vec::new();
    let mut chars = rest.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        let key: String = chars.by_ref().take_while(|c| *c != '=').collect();
        if key.is_empty() {
            break;
        }
        let value = if chars.peek() == Some(&'"') {
            chars.next();
            let mut v = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        if let Some(n) = chars.next() {
                            v.push(n);
                        }
                    }
                    '"' => break,
                    _ => v.push(c),
                }
            }
            v
        } else {
            chars.by_ref().take_while(|c| *c != ',').collect::<String>()
        };
        out.push((key.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    out
}

fn hash(algorithm: &str, data: &str) -> String {
    let bytes: Vec<u8> = if algorithm.starts_with("SHA-256") {
        Sha256::digest(data.as_bytes()).to_vec()
    } else {
        Md5::digest(data.as_bytes()).to_vec()
    };
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The `Authorization` value answering `challenge` for `method uri`.
pub fn digest_authorization(
    challenge: &str,
    creds: &DigestCredentials,
    method: &str,
    uri: &str,
) -> Result<String, String> {
    digest_with_cnonce(
        challenge,
        creds,
        method,
        uri,
        &uuid::Uuid::new_v4().simple().to_string(),
    )
}

fn digest_with_cnonce(
    challenge: &str,
    creds: &DigestCredentials,
    method: &str,
    uri: &str,
    cnonce: &str,
) -> Result<String, String> {
    let params = parse_params(challenge);
    let get = |k: &str| {
        params
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let realm = get("realm").unwrap_or("");
    let nonce = get("nonce").ok_or("the digest challenge has no nonce")?;
    let algorithm = get("algorithm").unwrap_or("MD5").to_ascii_uppercase();
    if !matches!(
        algorithm.as_str(),
        "MD5" | "MD5-SESS" | "SHA-256" | "SHA-256-SESS"
    ) {
        return Err(format!(
            "digest algorithm `{algorithm}` is not supported (MD5, SHA-256)"
        ));
    }
    let qop = get("qop").and_then(|q| q.split(',').map(str::trim).find(|q| *q == "auth"));
    let nc = "00000001";
    let mut ha1 = hash(
        &algorithm,
        &format!("{}:{realm}:{}", creds.username, creds.password),
    );
    if algorithm.ends_with("-SESS") {
        ha1 = hash(&algorithm, &format!("{ha1}:{nonce}:{cnonce}"));
    }
    let ha2 = hash(&algorithm, &format!("{method}:{uri}"));
    let response = match qop {
        Some(q) => hash(
            &algorithm,
            &format!("{ha1}:{nonce}:{nc}:{cnonce}:{q}:{ha2}"),
        ),
        None => hash(&algorithm, &format!("{ha1}:{nonce}:{ha2}")),
    };
    let mut header = format!(
        "Digest username=\"{}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", algorithm={algorithm}, response=\"{response}\"",
        creds.username
    );
    if let Some(q) = qop {
        header.push_str(&format!(", qop={q}, nc={nc}, cnonce=\"{cnonce}\""));
    }
    if let Some(opaque) = get("opaque") {
        header.push_str(&format!(", opaque=\"{opaque}\""));
    }
    Ok(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc2617_example() {
        // The worked example of RFC 2617 section 3.5.
        let creds = DigestCredentials {
            username: "Mufasa".into(),
            password: "Circle Of Life".into(),
        };
        let challenge = r#"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#;
        let header =
            digest_with_cnonce(challenge, &creds, "GET", "/dir/index.html", "0a4f113b").unwrap();
        assert!(
            header.contains("response=\"6629fae49393a05397450978507c4ef1\""),
            "{header}"
        );
        assert!(header.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""));
    }

    #[test]
    fn missing_nonce_is_an_error() {
        let creds = DigestCredentials::default();
        assert!(digest_authorization("Digest realm=\"x\"", &creds, "GET", "/").is_err());
    }
}
