use serde_json::json;

use super::*;
use crate::http::auth::testing::{block, sign_with, spec};

const AK: &str = "AKIDEXAMPLE";
const SK: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fn request<'a>(
    method: &'a str,
    path: &'a str,
    service: &'a str,
    headers: &[(&str, &str)],
) -> Request<'a> {
    Request {
        access_key: AK,
        secret_key: SK,
        session_token: "",
        service,
        region: "us-east-1",
        method,
        host: "example.amazonaws.com",
        path,
        headers: headers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        sign_query: false,
        now: "20991231T000000Z".to_owned(),
    }
}

fn authorization(signed: &Signed) -> &str {
    signed
        .headers
        .iter()
        .find(|(k, _)| k == "Authorization")
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// AWS's SigV4 test suite: `get-vanilla` and
/// `get-vanilla-query-order-key-case`.
#[test]
fn aws_test_suite_vectors() {
    let date = [("X-Amz-Date", "20150830T123600Z")];
    let cases = [
        (
            "/",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        ),
        (
            "/?Param2=value2&Param1=value1",
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
        ),
        // `..` normalised away (get-relative): the same as get-vanilla.
        (
            "/example/..",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        ),
    ];
    for (path, signature) in cases {
        let signed = sign_request(&request("GET", path, "service", &date)).unwrap();
        assert_eq!(
            authorization(&signed),
            format!(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature={signature}"
            ),
            "{path}"
        );
    }
}

/// What the `aws4` library gives (checked with Node): a non-s3 path is
/// encoded again, header values are trimmed and folded, s3 signs an
/// empty-body hash and a `Date` header's time, query signing.
#[test]
fn aws4_library_rules() {
    let date = [("X-Amz-Date", "20150830T123600Z")];
    let signed = sign_request(&request("GET", "/example%20space/", "service", &date)).unwrap();
    assert!(
        authorization(&signed).ends_with(
            "Signature=446b817944c553435b35e813c261ff4e161fff982d1bacdef1c87f6785dd1662"
        ),
        "{}",
        authorization(&signed)
    );
    let headers = [
        ("X-Amz-Date", "20150830T123600Z"),
        ("My-Header1", "value4"),
        ("my-header1x", "  a   b  "),
    ];
    let signed = sign_request(&request("GET", "/", "service", &headers)).unwrap();
    assert!(
        authorization(&signed).ends_with("SignedHeaders=host;my-header1;my-header1x;x-amz-date, Signature=0f339149c9e9693c92faac94db9811d1b6d4a7680d9cde0283b35a0531160828"),
        "{}",
        authorization(&signed)
    );
    let http_date = [("Date", "Sun, 30 Aug 2015 12:36:00 GMT")];
    let signed = sign_request(&request(
        "GET",
        "/test%20file.txt?b=2&a=1&a=0",
        "s3",
        &http_date,
    ))
    .unwrap();
    assert_eq!(
        authorization(&signed),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request, SignedHeaders=date;host;x-amz-content-sha256;x-amz-date, Signature=85928f716edfb9a63d68a21839a57ab63039c142de3fed7d03f8ecf815955973"
    );
    let mut r = request("GET", "/x.txt", "s3", &http_date);
    r.sign_query = true;
    let signed = sign_request(&r).unwrap();
    assert_eq!(
        signed.path,
        "/x.txt?X-Amz-Expires=86400&X-Amz-Date=20150830T123600Z&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-SignedHeaders=date%3Bhost&X-Amz-Signature=762067ad7f08139ed161c043fd0871f07f4bb95eeef4b8b225cb2e6ea292db77"
    );
    let bad = [("Date", "not a date")];
    assert!(sign_request(&request("GET", "/", "s3", &bad)).is_err());
}

/// Signed as postman-runtime's authorizer does (checked with it in Node):
/// old X-Amz headers go, the body hash, session token and Host are sent.
#[test]
fn postman_headers_mode() {
    let mut s = spec("PUT", "http://127.0.0.1:8080/bucket/a%20b.txt?x=1");
    s.headers = vec![
        ("Date".into(), "Sun, 30 Aug 2015 12:36:00 GMT".into()),
        ("X-Amz-Date".into(), "old".into()),
        ("Content-Type".into(), "text/plain".into()),
    ];
    s.body = RequestBody::Bytes("hello".into());
    let auth = block(
        "awsv4",
        &[
            ("accessKey", json!(AK)),
            ("secretKey", json!(SK)),
            ("sessionToken", json!("tok/en")),
            ("service", json!("s3")),
        ],
    );
    sign_with(auth, &mut s).unwrap();
    let want: Vec<(String, String)> = [
        ("Date", "Sun, 30 Aug 2015 12:36:00 GMT"),
        ("Content-Type", "text/plain"),
        ("X-Amz-Content-Sha256", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"),
        ("Host", "127.0.0.1:8080"),
        ("X-Amz-Security-Token", "tok/en"),
        ("X-Amz-Date", "20150830T123600Z"),
        ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request, SignedHeaders=content-type;date;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=64406015fd62e75f1a4453b210ab65c07852bbb60478276c3c6aaaf4e413c762"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    assert_eq!(s.headers, want);
}

#[test]
fn postman_query_mode() {
    let mut s = spec(
        "GET",
        "http://127.0.0.1:8080/p/a//c?z=1&X-Amz-Signature=old",
    );
    s.headers = vec![("Date".into(), "Sun, 30 Aug 2015 12:36:00 GMT".into())];
    let auth = json!({"type": "awsv4", "awsv4": [
        {"key": "accessKey", "value": "AK"}, {"key": "secretKey", "value": "SK"},
        {"key": "addAuthDataToQuery", "value": true, "type": "boolean"},
        {"key": "region", "value": "eu-west-1"}]});
    sign_with(auth, &mut s).unwrap();
    assert_eq!(
        s.url,
        "http://127.0.0.1:8080/p/a//c?z=1&X-Amz-Signature=b417402df07edc7ebe9bd563ebea47ce6f1d2a10c9f2fd1d321f8870728f7ff8&X-Amz-Date=20150830T123600Z&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20150830%2Feu-west-1%2Fexecute-api%2Faws4_request&X-Amz-SignedHeaders=date%3Bhost"
    );
    assert_eq!(s.header("Host"), Some("127.0.0.1:8080"));
    assert_eq!(s.header("Authorization"), None);
}
