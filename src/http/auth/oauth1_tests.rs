use serde_json::json;

use super::*;
use crate::http::auth::testing::{block, sign_with, spec};

const RSA_PEM: &str = include_str!("../../../tests/fixtures/keys/rsa-1024.pem");

fn fields(method: &str) -> Fields {
    Fields {
        consumer_key: "dpf43f3p2l4k3l03".into(),
        consumer_secret: "kd94hf93k423kf44".into(),
        token: String::new(),
        token_secret: "pfkkdhi9sl3r4s00".into(),
        private_key: RSA_PEM.into(),
        method: method.into(),
        callback: String::new(),
        verifier: String::new(),
        timestamp: "1191242096".into(),
        nonce: "kllo9940pd9333jh".into(),
        version: "1.0".into(),
        realm: String::new(),
        add_empty: false,
    }
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, Option<String>)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), Some((*v).to_owned())))
        .collect()
}

/// RFC 5849 section 1.2: the photos example, signed end to end.
#[test]
fn rfc5849_photos_example() {
    let mut s = spec(
        "GET",
        "http://photos.example.net/photos?file=vacation.jpg&size=original",
    );
    let auth = block(
        "oauth1",
        &[
            ("consumerKey", json!("dpf43f3p2l4k3l03")),
            ("consumerSecret", json!("kd94hf93k423kf44")),
            ("token", json!("nnch734d00sl2jdk")),
            ("tokenSecret", json!("pfkkdhi9sl3r4s00")),
            ("signatureMethod", json!("HMAC-SHA1")),
            ("timestamp", json!("1191242096")),
            ("nonce", json!("kllo9940pd9333jh")),
            ("version", json!("1.0")),
            ("realm", json!("Photos")),
            ("addParamsToHeader", json!(true)),
        ],
    );
    sign_with(auth, &mut s).unwrap();
    assert_eq!(
        s.header("Authorization"),
        Some(
            "OAuth realm=\"Photos\",oauth_consumer_key=\"dpf43f3p2l4k3l03\",oauth_token=\"nnch734d00sl2jdk\",oauth_signature_method=\"HMAC-SHA1\",oauth_timestamp=\"1191242096\",oauth_nonce=\"kllo9940pd9333jh\",oauth_version=\"1.0\",oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D\""
        )
    );
    assert_eq!(
        s.url,
        "http://photos.example.net/photos?file=vacation.jpg&size=original"
    );
}

/// RFC 5849 section 3.4.1: the base string of the worked example
/// (query, body fields, a name without a value, double encoding).
#[test]
fn rfc5849_base_string() {
    let url =
        url::Url::parse("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b").unwrap();
    let mut params = decode_form(url.query().unwrap()).ok().unwrap();
    params.extend(pairs(&[
        ("oauth_consumer_key", "9djdj82h48djs9d2"),
        ("oauth_token", "kkk9d7dh3k39sjv7"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "137131201"),
        ("oauth_nonce", "7d8f3e4a"),
        ("c2", ""),
        ("a3", "2 q"),
    ]));
    let base = base_string("POST", &url, &params);
    assert_eq!(
        base,
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
    );
    let mut f = fields("HMAC-SHA1");
    f.consumer_secret = "j49sk3j29djd".into();
    f.token_secret = "dh893hdasih9".into();
    assert_eq!(
        signature("HMAC-SHA1", &base, &f).unwrap(),
        "r6/TJjbCOr97/+UU0NsvSne7s5g="
    );
}

/// Every method node-oauth1 registers, over the photos request without a
/// token (expected values from node-oauth1 with the same key).
#[test]
fn every_signature_method() {
    let url = url::Url::parse("http://photos.example.net/photos?file=vacation.jpg&size=original")
        .unwrap();
    let cases = [
        (
            "RSA-SHA1",
            "rAUFmleN55B4cYrHr54Rl5Pi1j1IzwAAjw3Q4K7YdMN6+R53fSO3ACYHFpVkYfOo8NLSdj3OnilV4D3SOSi38QcsfcR2Edff8bz4LMeayVwb2KBypbsW2NnLdvV+hVb7Ov0A0ZhYp0IXeLj0hCnSbg8OjzoOdzeHQtZ8+cC5fSI=",
        ),
        (
            "RSA-SHA256",
            "0I/AvvY7FSDBaeK0ix41UwdV5Lwy9vm5kAEkOeOiCwk2c7lPyGZwRILy1tOmHoEJzdkdSl3azszOgbSQ8Jo97WF/J+/zlDPRdQIdYFLcqUtsLsMBYCz0N68zvETqEexxmBA1KqMIz3D92lTZv9wTe6mdX/E2BinTe2KVHvUSG5w=",
        ),
        (
            "RSA-SHA512",
            "bhahc2nMlsb1fusggU8SUpwSFgZLJogDfJOvxgxcYc628RQ3NtpUF51nHNqYgDqnRHpgWaZCDtCdZobGTb0yOswhDPAzZbTU9FuQO2m/gBrhN+96zn/oA1TcAx0W0CxDl3zrRrfwzq0LHjZUlyjXScKI9F1cSmu+YIeoXLTPv5g=",
        ),
        (
            "HMAC-SHA256",
            "lFmldzKpR6l0ylMGi7Si+kiCND53s11WUJViqqTu7Tw=",
        ),
        (
            "HMAC-SHA512",
            "55Pp3kInIXBzFFiJbHjdm8pzuf8inkY2RsnGwcSqKqL5uTjmTZxwzSAkGThR6MQgowur5k6bgQDIgkZynNFMOQ==",
        ),
        ("PLAINTEXT", "kd94hf93k423kf44&pfkkdhi9sl3r4s00"),
    ];
    for (method, want) in cases {
        let mut params = decode_form(url.query().unwrap()).ok().unwrap();
        params.extend(pairs(&[
            ("oauth_consumer_key", "dpf43f3p2l4k3l03"),
            ("oauth_signature_method", method),
            ("oauth_timestamp", "1191242096"),
            ("oauth_nonce", "kllo9940pd9333jh"),
            ("oauth_version", "1.0"),
        ]));
        let base = base_string("GET", &url, &params);
        assert_eq!(
            signature(method, &base, &fields(method)).unwrap(),
            want,
            "{method}"
        );
    }
    let mut bad = fields("RSA-SHA1");
    bad.private_key = "not a key".into();
    assert!(signature("RSA-SHA1", "x", &bad).is_err());
    assert!(signature("HMAC-MD5", "x", &bad).is_err());
}

#[test]
fn header_skips_empty_and_foreign_params_and_trims() {
    let params = [
        ("oauth_consumer_key", "a b".to_owned()),
        ("oauth_token", String::new()),
        ("x", "y".to_owned()),
        ("oauth_nonce", " n ".to_owned()),
    ];
    assert_eq!(
        authorization_header("Photos ex", &params, false),
        "OAuth realm=\"Photos%20ex\",oauth_consumer_key=\"a%20b\",oauth_nonce=\"n\""
    );
    assert_eq!(
        authorization_header(" ", &params, true),
        "OAuth oauth_consumer_key=\"a b\",oauth_nonce=\"n\""
    );
}

/// Without `addParamsToHeader`: POST with a urlencoded body gets them in
/// the body, anything else in the query; the query is re-encoded and old
/// `oauth_*` parameters go.
#[test]
fn params_go_to_body_or_query() {
    let auth = |extra: &[(&str, serde_json::Value)]| {
        let mut list = vec![
            ("consumerKey", json!("ck")),
            ("consumerSecret", json!("cs")),
            ("signatureMethod", json!("HMAC-SHA1")),
            ("timestamp", json!("100")),
            ("nonce", json!("abc")),
            ("version", json!("1.0")),
        ];
        list.extend(extra.iter().cloned());
        block("oauth1", &list)
    };
    let mut s = spec("GET", "http://h.test/p?a=b+c&oauth_nonce=old&&x");
    sign_with(auth(&[("addParamsToHeader", json!(false))]), &mut s).unwrap();
    assert!(
        s.url.starts_with("http://h.test/p?a=b%20c&x&oauth_consumer_key=ck&oauth_signature_method=HMAC-SHA1&oauth_timestamp=100&oauth_nonce=abc&oauth_version=1.0&oauth_signature="),
        "{}",
        s.url
    );
    let mut s = spec("POST", "http://h.test/p");
    s.form = Some(vec![
        ("f".into(), "1 2".into()),
        ("oauth_token".into(), "old".into()),
    ]);
    sign_with(auth(&[]), &mut s).unwrap();
    let body = String::from_utf8(s.body.to_bytes().to_vec()).unwrap();
    assert!(
        body.starts_with("f=1%202&oauth_consumer_key=ck&oauth_signature_method=HMAC-SHA1&oauth_timestamp=100&oauth_nonce=abc&oauth_version=1.0&oauth_signature="),
        "{body}"
    );
    assert_eq!(s.url, "http://h.test/p");
}

#[test]
fn missing_required_field_sends_unsigned() {
    for pairs in [
        vec![("consumerKey", json!("")), ("consumerSecret", json!("s"))],
        vec![("consumerKey", json!("k")), ("consumerSecret", json!("  "))],
        vec![
            ("consumerKey", json!("k")),
            ("consumerSecret", json!("s")),
            ("signatureMethod", json!("RSA-SHA1")),
        ],
    ] {
        let mut s = spec("GET", "http://h.test/p?oauth_nonce=1");
        s.headers.push(("Authorization".into(), "hand".into()));
        sign_with(block("oauth1", &pairs), &mut s).unwrap();
        assert_eq!(s.header("Authorization"), Some("hand"));
        assert_eq!(s.url, "http://h.test/p?oauth_nonce=1");
    }
}

#[test]
fn body_hash_and_generated_nonce() {
    let mut s = spec("PUT", "http://h.test/p");
    s.body = RequestBody::Bytes("Hello World!".into());
    let auth = block(
        "oauth1",
        &[
            ("consumerKey", json!("ck")),
            ("consumerSecret", json!("cs")),
            ("signatureMethod", json!("HMAC-SHA256")),
            ("includeBodyHash", json!(true)),
            ("addParamsToHeader", json!(true)),
        ],
    );
    sign_with(auth, &mut s).unwrap();
    let header = s.header("Authorization").unwrap();
    // SHA-256 of "Hello World!" in base64, percent-encoded.
    assert!(
        header.contains(
            "oauth_body_hash=\"f4OxZX%2F x%2FFO5LcGBSKHWXfwtSx%2Bj1ncoSt3SABJtkGk%3D\""
                .replace(' ', "")
                .as_str()
        ),
        "{header}"
    );
    let nonce = header.split("oauth_nonce=\"").nth(1).unwrap();
    assert_eq!(nonce.find('"'), Some(11), "{header}");
}
