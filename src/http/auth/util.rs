//! Small pieces several schemes share: JavaScript's parsing and
//! percent-encoding rules as the authorizers' libraries use them, query
//! editing on a built URL, hashes by Node's names, random nonces and time.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest as _, Sha256, Sha512};

use super::RequestSpec;
use crate::http::error::BuildError;

/// RFC 3986 percent-encoding (node-oauth1's `percentEncode`: JavaScript's
/// `encodeURIComponent`, then `! * ' ( )` too): all but `A-Z a-z 0-9 - _ . ~`.
pub(super) fn percent_encode(text: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(text, KEEP).to_string()
}

/// JavaScript's `decodeURIComponent` after `+` became a space
/// (node-oauth1's `decodePercent`); `None` where JavaScript throws
/// (a `%` not followed by two hex digits, or bytes that are not UTF-8).
pub(super) fn decode_percent(text: &str) -> Option<String> {
    let text = text.replace('+', " ");
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let ok = bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
            if !ok {
                return None;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    percent_encoding::percent_decode_str(&text)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

/// JavaScript's `parseInt(text, 10)`: leading blanks, a sign, digits;
/// `None` for NaN.
pub(super) fn js_parse_int(text: &str) -> Option<i64> {
    let t = text.trim_start();
    let (sign, rest) = match t.strip_prefix('-') {
        Some(r) => (-1, r),
        None => (1, t.strip_prefix('+').unwrap_or(t)),
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<i64>().ok().map(|n| sign * n)
}

/// `len` characters drawn at random from `alphabet`.
pub(super) fn random_string(len: usize, alphabet: &str) -> String {
    use rand::Rng as _;
    let chars: Vec<char> = alphabet.chars().collect();
    let mut rng = rand::rng();
    (0..len)
        .map(|_| chars[rng.random_range(0..chars.len())])
        .collect()
}

/// Seconds since the Unix epoch.
pub(super) fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Standard base64.
pub(super) fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A hash by Node's `crypto.createHash` name (`sha1`, `SHA256`, …; case
/// does not matter); `None` for a name courier does not know.
pub(super) fn hash(name: &str, data: &[u8]) -> Option<Vec<u8>> {
    match name.to_ascii_lowercase().as_str() {
        "sha1" => Some(Sha1::digest(data).to_vec()),
        "sha256" => Some(Sha256::digest(data).to_vec()),
        "sha512" => Some(Sha512::digest(data).to_vec()),
        "md5" => Some(md5::Md5::digest(data).to_vec()),
        _ => None,
    }
}

/// An HMAC by Node's `crypto.createHmac` name; `None` for an unknown one.
pub(super) fn hmac(name: &str, key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    fn run<M: Mac + hmac::digest::KeyInit>(key: &[u8], data: &[u8]) -> Vec<u8> {
        let mut mac = <M as hmac::digest::KeyInit>::new_from_slice(key)
            .expect("HMAC accepts keys of any length");
        mac.update(data);
        mac.finalize().into_bytes().to_vec()
    }
    match name.to_ascii_lowercase().as_str() {
        "sha1" => Some(run::<Hmac<Sha1>>(key, data)),
        "sha256" => Some(run::<Hmac<Sha256>>(key, data)),
        "sha512" => Some(run::<Hmac<Sha512>>(key, data)),
        _ => None,
    }
}

/// The query of `spec`'s URL split at `&` (empty pieces kept as written).
pub(super) fn query_pieces(spec: &RequestSpec) -> Result<Vec<String>, BuildError> {
    let url = parse(spec)?;
    Ok(url
        .query()
        .map(|q| q.split('&').map(str::to_owned).collect())
        .unwrap_or_default())
}

/// Replaces the query of `spec`'s URL with `pieces` joined by `&` (none:
/// no `?`).
pub(super) fn set_query_pieces(
    spec: &mut RequestSpec,
    pieces: &[String],
) -> Result<(), BuildError> {
    let mut url = parse(spec)?;
    if pieces.is_empty() {
        url.set_query(None);
    } else {
        url.set_query(Some(&pieces.join("&")));
    }
    spec.url = url.to_string();
    Ok(())
}

/// Removes the query parameters whose name (as written) is one of `names`,
/// as postman-collection's `removeQueryParams` does.
pub(super) fn remove_query_params(
    spec: &mut RequestSpec,
    names: &[&str],
    ignore_case: bool,
) -> Result<(), BuildError> {
    let pieces = query_pieces(spec)?;
    let kept: Vec<String> = pieces
        .iter()
        .filter(|p| {
            let name = p.split('=').next().unwrap_or("");
            !names.iter().any(|n| {
                if ignore_case {
                    n.eq_ignore_ascii_case(name)
                } else {
                    *n == name
                }
            })
        })
        .cloned()
        .collect();
    if kept.len() != pieces.len() {
        set_query_pieces(spec, &kept)?;
    }
    Ok(())
}

/// The built URL of `spec`, parsed.
pub(super) fn parse(spec: &RequestSpec) -> Result<url::Url, BuildError> {
    url::Url::parse(&spec.url)
        .map_err(|e| BuildError::new(format!("invalid URL `{}`: {e}", spec.url)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn javascript_rules() {
        assert_eq!(percent_encode("a b!*'()~é"), "a%20b%21%2A%27%28%29~%C3%A9");
        assert_eq!(decode_percent("a+b%20c%C3%A9").as_deref(), Some("a b cé"));
        assert_eq!(decode_percent("%zz"), None);
        assert_eq!(decode_percent("%C3"), None);
        assert_eq!(js_parse_int(" 12abc"), Some(12));
        assert_eq!(js_parse_int("-3"), Some(-3));
        assert_eq!(js_parse_int("abc"), None);
        assert_eq!(js_parse_int(""), None);
    }
}
