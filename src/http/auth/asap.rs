//! Atlassian S2S (ASAP) auth, as postman-runtime's `lib/authorizer/asap.js`
//! signs it.
//!
//! Fields: `alg` (RS/PS/ES 256/384/512, `RS256` when empty), `kid`, `iss`,
//! `aud`, `sub` (the issuer when empty), `exp` (seconds of validity, 3600
//! when empty or zero), `privateKey` (PKCS#8 PEM, or the
//! `data:application/pkcs8;kid=…;base64,…` form whose kid must equal the
//! key id; it may be URI-encoded and wrapped in double quotes), and
//! `claims` (a JSON object whose `iss`, `sub`, `aud`, `jti`, `iat`, `exp`
//! and `kid` win over the fields). The payload is the claims followed by
//! `iat`, `iss`, `sub`, `jti` (a fresh UUID unless given), `aud`, `exp`;
//! the header is `{alg, kid}`; the token goes in `Authorization: Bearer`.
//! Postman's failure messages are kept; courier fails the item with them.

use serde_json::{Map, Number, Value};

use super::jws::{Algorithm, SigningKey, compact, js_stringify, lenient_base64};
use super::jwt::{Field, JwtError, parse_json, sign_error, truthy};
use super::{AuthParams, SignContext, set_authorization};
use crate::http::error::BuildError;
use crate::http::exchange::RequestSpec;
use crate::variables::to_js_string;

/// Validity when `exp` is empty, in seconds.
const DEFAULT_EXPIRY: f64 = 3600.0;

/// Signs `spec` with an ASAP token issued now.
pub(super) fn sign(
    params: &AuthParams<'_>,
    _ctx: &SignContext<'_>,
    spec: &mut RequestSpec,
) -> Result<(), BuildError> {
    let field = |k: &str| params.value(k);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let value = asap_header(&field, now).map_err(|e| sign_error("asap", &e))?;
    set_authorization(spec, value);
    Ok(())
}

/// Makes the `Authorization` header value of an `asap` auth block, with
/// `now` as the issue time (unix seconds).
pub(crate) fn asap_header(field: Field<'_>, now: u64) -> Result<String, JwtError> {
    let claims = match field("claims") {
        Some(Value::String(s)) => match s.trim() {
            "" => Value::String(String::new()),
            text => parse_json("claims", text)
                .map_err(|e| JwtError(format!("Failed to parse claims: {}", e.0)))?,
        },
        Some(v) if truthy(Some(&v)) => v,
        _ => Value::Object(Map::new()),
    };
    let empty = Map::new();
    let lookup = claims.as_object().unwrap_or(&empty);
    let claim = |k: &str| lookup.get(k).filter(|v| truthy(Some(v))).cloned();
    let param = |k: &str| field(k).filter(|v| truthy(Some(v)));
    let issuer = claim("iss").or_else(|| param("iss"));
    let subject = claim("sub")
        .or_else(|| param("sub"))
        .or_else(|| issuer.clone());
    let audience = claim("aud").or_else(|| param("aud"));
    let jti = claim("jti").unwrap_or_else(|| Value::String(uuid::Uuid::new_v4().to_string()));
    let now = now as f64;
    let issued_at = claim("iat").unwrap_or_else(|| number(now));
    let expiry = param("exp")
        .map(|v| parse_int(&v))
        .filter(|x| *x != 0.0 && !x.is_nan())
        .unwrap_or(DEFAULT_EXPIRY);
    let expires = claim("exp")
        .map(|v| parse_int(&v))
        .filter(|x| *x != 0.0 && !x.is_nan())
        .unwrap_or(now + expiry);
    let kid = claim("kid").or_else(|| param("kid"));
    let private_key = param("privateKey");
    let (Some(kid), Some(issuer), Some(audience), Some(private_key)) =
        (kid, issuer, audience, private_key)
    else {
        return Err(JwtError(
            "One or more of required claims missing: set `kid`, `iss`, `aud` and `privateKey`"
                .into(),
        ));
    };
    let alg_name = param("alg").map_or_else(|| "RS256".to_owned(), |v| to_js_string(&v));
    let alg = Algorithm::parse(&alg_name)
        .filter(|a| !a.is_hmac())
        .ok_or_else(|| {
            JwtError(format!(
                "invalid algorithm `{alg_name}`: ASAP signs with RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512"
            ))
        })?;
    let Value::String(private_key) = private_key else {
        return Err(JwtError("privateKey must be a string".into()));
    };
    let key = parse_private_key(&to_js_string(&kid), &private_key)?;
    let Value::Object(mut payload) = claims else {
        return Err(JwtError(
            "Failed to sign request with key: `claims` must be a JSON object".into(),
        ));
    };
    for (k, v) in [
        ("iat", issued_at),
        ("iss", issuer),
        ("sub", subject.unwrap_or(Value::Null)),
        ("jti", jti),
        ("aud", audience),
        ("exp", number(expires)),
    ] {
        payload.insert(k.into(), v);
    }
    let mut header = Map::new();
    header.insert("alg".into(), Value::String(alg.name()));
    header.insert("kid".into(), kid);
    let token = compact(
        alg,
        &key,
        &js_stringify(&Value::Object(header)),
        &js_stringify(&Value::Object(payload)),
    )
    .map_err(|e| JwtError(format!("Failed to sign request with key: {e}")))?;
    Ok(format!("Bearer {token}"))
}

/// The signing key of `privateKey`: line feeds dropped, surrounding double
/// quotes dropped, URI-decoded; PEM as is, or the data-URI form.
fn parse_private_key(kid: &str, text: &str) -> Result<SigningKey, JwtError> {
    let failed = |why: &str| JwtError(format!("Failed to parse private key: {why}"));
    let text = text.replace('\n', "");
    let text = match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(inner) => inner.to_owned(),
        None => text,
    };
    let text = decode_uri_component(&text).ok_or_else(|| failed("a malformed %-escape"))?;
    let Some(rest) = text.strip_prefix("data:") else {
        return SigningKey::from_pkcs8_pem(&text)
            .map_err(|e| JwtError(format!("Failed to sign request with key: {e}")));
    };
    let (uri_kid, data) = parse_data_uri(rest).ok_or_else(|| {
        failed("Malformed Data URI; write data:application/pkcs8;kid=KID;base64,DER")
    })?;
    if uri_kid != kid {
        return Err(failed(
            "Supplied key id does not match the one included in data uri",
        ));
    }
    SigningKey::rsa_from_der(&lenient_base64(data))
        .ok_or_else(|| failed("the data URI holds no RSA private key"))
}

/// `application/pkcs8;kid=([\w.\-+/]+);base64,([A-Za-z0-9+/=]+)` → (kid, data).
fn parse_data_uri(rest: &str) -> Option<(&str, &str)> {
    let rest = rest.strip_prefix("application/pkcs8;kid=")?;
    let (kid, data) = rest.split_once(";base64,")?;
    let kid_ok = !kid.is_empty()
        && kid
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-+/".contains(c));
    let data_ok = !data.is_empty()
        && data
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c));
    (kid_ok && data_ok).then_some((kid, data))
}

/// JavaScript's `decodeURIComponent`; `None` where it throws.
fn decode_uri_component(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// JavaScript's `parseInt(String(v), 10)`.
fn parse_int(v: &Value) -> f64 {
    let text = to_js_string(v);
    let text = text.trim_start_matches(super::jws::is_js_space);
    let (sign, digits) = match text.as_bytes().first() {
        Some(b'-') => (-1.0, &text[1..]),
        Some(b'+') => (1.0, &text[1..]),
        _ => (1.0, text),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    match digits[..end].parse::<f64>() {
        Ok(x) => sign * x,
        Err(_) => f64::NAN,
    }
}

/// A JavaScript number as JSON.
fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
        return Value::from(x as i64);
    }
    Number::from_f64(x).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn header(fields: Value, now: u64) -> Result<String, JwtError> {
        let map = fields.as_object().unwrap().clone();
        asap_header(&move |k: &str| map.get(k).cloned(), now)
    }

    fn pem() -> String {
        super::super::jws::tests::rfc_rsa_pem()
    }

    fn der_base64() -> String {
        let pem = pem();
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        body
    }

    // Expected tokens: postman-runtime 7.39.1's asap.js under Node, with
    // `jti`, `iat` and `exp` fixed in the claims so the token is stable.
    const FIXED: &str = "Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImsuMSJ9.eyJqdGkiOiJqIiwiaWF0IjoxLCJleHAiOjIsImlzcyI6ImkiLCJzdWIiOiJpIiwiYXVkIjoiYSJ9.HssbpuAktNnHwV2_LeEZ7GgKEwumuej6heAXHAFXJv9jKoeAJRu2iSdQ7OwFluQ7QDMAqAed0a9FPtNjn5m3CNIzXNlbYktxt9IyiiL-w6bsiAuErExbm6uD-3MJYCT1-FsVcKjrD7lINVxJ3jWWC5k3hXznHeObmhGQGP2GH5qn4hb9a5hs0KTY-3uLknomQWiqUyjZok3I-KGyBT-0Vq0OSFuYVaw_Fy2qXhUCRtnRc6WafDIQWsJITaanusCtNPg7UEBHtwhTcdGpwTlJGB60OYFKuApdco47sBvcD_BrWWihUEHsFJOVpwz4mgOtq5W0KxoS4jQquRT2OKaR4A";

    #[test]
    fn claims_win_and_keep_their_order() {
        let h = header(
            json!({"kid": "key-1", "iss": "issuer", "aud": "audience", "privateKey": pem(),
                "claims": "{\"iat\":1700000000,\"exp\":1700003600,\"jti\":\"fixed-jti\",\"extra\":{\"b\":2,\"a\":1}}"}),
            5,
        );
        assert_eq!(
            h.unwrap(),
            "Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImtleS0xIn0.eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMzYwMCwianRpIjoiZml4ZWQtanRpIiwiZXh0cmEiOnsiYiI6MiwiYSI6MX0sImlzcyI6Imlzc3VlciIsInN1YiI6Imlzc3VlciIsImF1ZCI6ImF1ZGllbmNlIn0.mvQwhpivG_jsU6U9-q3Q5hoCv5bubu9OTrOWPnUQAlPjgS1-s9XJCI7ByrQ-X8i46NXl3Oa7lLnQ_csCq9dwRdmMLOB4Z_GA63e41DWST_LXsRz3cfJmDACvuj_GN9BCpuUCmSA8ytGPkbzfjR_EGkT-2EnmJDqdGhc-MfgaCbEo2kNS80wUHjCx10XVOOdSaTC5OhzUf4tZ7smQO2Nx2G_YlMxFy4iLAeJus4CnmEbFbApPTJGTNtQB3bm1Uulns6FXIDxaNxGYzHA6dz2RtyJYIE6N4xdIgV6k5VyLsAKYfZwRgBvc7CKDXtL9Az-4WS0DIhbgZfJiOl82NZyI3A"
        );
    }

    #[test]
    fn object_claims_rs512_crlf_pem_and_parse_int_exp() {
        let h = header(
            json!({"alg": "RS512", "kid": "k/1", "iss": "i", "sub": "s", "aud": "a",
                "privateKey": pem().replacen('\n', "\r\n", 1),
                "claims": {"iat": "1", "jti": "j", "exp": "1700003600x", "aud": "claims-aud", "kid": "k/1"}}),
            5,
        );
        assert_eq!(
            h.unwrap(),
            "Bearer eyJhbGciOiJSUzUxMiIsImtpZCI6ImsvMSJ9.eyJpYXQiOiIxIiwianRpIjoiaiIsImV4cCI6MTcwMDAwMzYwMCwiYXVkIjoiY2xhaW1zLWF1ZCIsImtpZCI6ImsvMSIsImlzcyI6ImkiLCJzdWIiOiJzIn0.igGf_3PTGnvDJA2vPZ1ry2eWf470RVslok25Eo2YQ01vVGFHfgApab656EjraBwfOl5WsDjKyz1e2hqpFy4Mv2gR-KcwTHY4VIvR0L43xYAPDldQ8vGaeKs9NNh0T7o8KDq3eCBbqqoSY_guQpnZtcYt5Fr2aePlKH2XQNcmVU4wxfPDOEMVx6892s3QYYTVnCFiEnu1irtxurXFZb04dLQQSvjHrOwLLyjPubVB4ibMw0-Fqf513pKL4SepA9SAlgMJ-SaqyVOsvxygi-sNDa_-4kvoQzUVbbeZsTjlY82Eqo3bdHQvOhd2EYtPwnuha7OKrkX57-fPUVq7lXkvXg"
        );
    }

    #[test]
    fn data_uri_keys_quoted_or_uri_encoded() {
        let claims = "{\"jti\":\"j\",\"iat\":1,\"exp\":2}";
        let quoted = format!("\"data:application/pkcs8;kid=k.1;base64,{}\"", der_base64());
        let h = header(
            json!({"kid": "k.1", "iss": "i", "aud": "a", "privateKey": quoted, "claims": claims}),
            5,
        );
        assert_eq!(h.unwrap(), FIXED);
        let encoded = format!(
            "data%3Aapplication%2Fpkcs8%3Bkid%3Dk.1%3Bbase64%2C{}",
            der_base64().replace('+', "%2B").replace('/', "%2F")
        );
        let h = header(
            json!({"kid": "k.1", "iss": "i", "aud": "a", "privateKey": encoded, "claims": claims}),
            5,
        );
        assert_eq!(h.unwrap(), FIXED);
    }

    #[test]
    fn defaults_iat_now_exp_in_an_hour_sub_is_issuer() {
        let h = header(
            json!({"kid": "k", "iss": "i", "aud": "a", "exp": "0", "privateKey": pem()}),
            1_000,
        )
        .unwrap();
        let payload = h.split('.').nth(1).unwrap();
        let text = String::from_utf8(lenient_base64(payload)).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["iat"], json!(1000));
        assert_eq!(v["exp"], json!(4600));
        assert_eq!(v["sub"], json!("i"));
        assert_eq!(v["jti"].as_str().unwrap().len(), 36);
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["iat", "iss", "sub", "jti", "aud", "exp"]);
    }

    #[test]
    fn postmans_failures() {
        let err = |f: Value| header(f, 5).unwrap_err().0;
        assert!(
            err(json!({"kid": "k", "aud": "a", "privateKey": pem()}))
                .starts_with("One or more of required claims missing")
        );
        assert!(
            err(json!({"kid": "k", "iss": "i", "aud": "a", "privateKey": pem(), "alg": "HS256"}))
                .starts_with("invalid algorithm")
        );
        assert!(
            err(json!({"kid": "k", "iss": "i", "aud": "a", "privateKey": "nonsense"}))
                .starts_with("Failed to sign request with key")
        );
        assert!(
            err(json!({"kid": "k", "iss": "i", "aud": "a", "privateKey": pem(), "claims": "{bad"}))
                .starts_with("Failed to parse claims")
        );
        assert!(err(json!({"kid": "k", "iss": "i", "aud": "a", "privateKey": "data:application/pkcs8;kid=other;base64,AAAA"})).contains("does not match"));
        assert!(
            err(json!({"kid": "k", "iss": "i", "aud": "a", "privateKey": "%E0%A4%A"}))
                .starts_with("Failed to parse private key")
        );
        assert!(
            err(json!({"kid": "k", "iss": "i", "aud": "a", "privateKey": pem(), "alg": "ES256"}))
                .contains("P-256")
        );
    }

    #[test]
    fn parse_int_reads_a_prefix() {
        assert_eq!(parse_int(&json!(" 42abc")), 42.0);
        assert_eq!(parse_int(&json!("-5")), -5.0);
        assert_eq!(parse_int(&json!(1.7)), 1.0);
        assert!(parse_int(&json!("x1")).is_nan());
    }
}
