//! RFC 7515 appendix A vectors for `jws.rs`, and `JSON.stringify` checks.

use super::*;
use base64::engine::general_purpose::STANDARD;
use p256::pkcs8::EncodePrivateKey as _;
use rsa::BigUint;
use rsa::signature::Verifier;
use serde_json::json;

/// RFC 7515 A.1: the JWS Protected Header and Payload of the examples,
/// with their CR LF line breaks, base64url-encoded.
const A1_HEADER: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9";
const A_PAYLOAD: &str = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";

fn b64url(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text).unwrap()
}

fn pem(der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!("{PKCS8_BEGIN}\n{}\n{PKCS8_END}\n", lines.join("\n"))
}

/// RFC 7515 A.2.1's RSA key, as PKCS#8 PEM.
pub(crate) fn rfc_rsa_pem() -> String {
    let n = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
    let d = "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ";
    let key = RsaPrivateKey::from_components(
        BigUint::from_bytes_be(&b64url(n)),
        BigUint::from_bytes_be(&b64url("AQAB")),
        BigUint::from_bytes_be(&b64url(d)),
        vec![],
    )
    .unwrap();
    pem(key.to_pkcs8_der().unwrap().as_bytes())
}

/// RFC 7515 A.3.1's P-256 key (`d`, and the public `x`, `y`).
const A3_D: &str = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
const A3_X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
const A3_Y: &str = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
/// RFC 7515 A.4.1's P-521 key.
const A4_D: &str =
    "AY5pb7A0UFiB3RELSD64fTLOSV_jazdF7fLYyuTw8lOfRhWg6Y6rUrPAxerEzgdRhajnu0ferB0d53vM9mE15j2C";
const A4_X: &str =
    "AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk";
const A4_Y: &str =
    "ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2";

#[test]
fn rfc7515_a1_hs256_exact_bytes() {
    let key = SigningKey::Secret(b64url(
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
    ));
    let input = format!("{A1_HEADER}.{A_PAYLOAD}");
    let sig = sign(Algorithm::Hs(Bits::B256), &key, input.as_bytes()).unwrap();
    assert_eq!(
        URL_SAFE_NO_PAD.encode(sig),
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    );
}

#[test]
fn rfc7515_a2_rs256_exact_bytes_from_pkcs8_pem() {
    let key = SigningKey::from_pkcs8_pem(&rfc_rsa_pem()).unwrap();
    let input = format!("eyJhbGciOiJSUzI1NiJ9.{A_PAYLOAD}");
    let sig = sign(Algorithm::Rs(Bits::B256), &key, input.as_bytes()).unwrap();
    assert_eq!(
        URL_SAFE_NO_PAD.encode(sig),
        "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw"
    );
}

#[test]
fn ps256_384_512_verify_with_the_public_key() {
    let SigningKey::Rsa(rsa) = SigningKey::from_pkcs8_pem(&rfc_rsa_pem()).unwrap() else {
        panic!("an RSA key");
    };
    let public = rsa.to_public_key();
    let input = b"eyJhbGciOiJQUzI1NiJ9.e30";
    let key = SigningKey::Rsa(rsa.clone());
    let s256 = sign(Algorithm::Ps(Bits::B256), &key, input).unwrap();
    let s384 = sign(Algorithm::Ps(Bits::B384), &key, input).unwrap();
    let s512 = sign(Algorithm::Ps(Bits::B512), &key, input).unwrap();
    let v256 = rsa::pss::VerifyingKey::<Sha256>::new(public.clone());
    let v384 = rsa::pss::VerifyingKey::<Sha384>::new(public.clone());
    let v512 = rsa::pss::VerifyingKey::<Sha512>::new(public);
    let sig = |b: &[u8]| rsa::pss::Signature::try_from(b).unwrap();
    v256.verify(input, &sig(&s256)).unwrap();
    v384.verify(input, &sig(&s384)).unwrap();
    v512.verify(input, &sig(&s512)).unwrap();
    // Salted: two signatures of one input differ, both valid.
    let again = sign(Algorithm::Ps(Bits::B256), &key, input).unwrap();
    assert_ne!(again, s256);
    v256.verify(input, &sig(&again)).unwrap();
    assert!(v256.verify(b"other", &sig(&s256)).is_err());
}

#[test]
fn rfc7515_a3_es256_verifies_with_the_public_key() {
    let secret = p256::SecretKey::from_slice(&b64url(A3_D)).unwrap();
    let der = secret.to_pkcs8_der().unwrap();
    let key = SigningKey::from_pkcs8_pem(&pem(der.as_bytes())).unwrap();
    let input = format!("eyJhbGciOiJFUzI1NiJ9.{A_PAYLOAD}");
    let sig = sign(Algorithm::Es(Bits::B256), &key, input.as_bytes()).unwrap();
    assert_eq!(sig.len(), 64, "r || s, 32 bytes each");
    let mut point = vec![4u8];
    point.extend(b64url(A3_X));
    point.extend(b64url(A3_Y));
    let public = p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).unwrap();
    let parsed = p256::ecdsa::Signature::from_slice(&sig).unwrap();
    public.verify(input.as_bytes(), &parsed).unwrap();
    // The RFC's own signature verifies with the same key and input.
    let rfc = p256::ecdsa::Signature::from_slice(&b64url(
        "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q",
    ))
    .unwrap();
    public.verify(input.as_bytes(), &rfc).unwrap();
}

#[test]
fn rfc7515_a4_es512_verifies_with_the_public_key() {
    let secret = p521::SecretKey::from_slice(&b64url(A4_D)).unwrap();
    let der = secret.to_pkcs8_der().unwrap();
    let key = SigningKey::from_pkcs8_pem(&pem(der.as_bytes())).unwrap();
    let input = b"eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA";
    let sig = sign(Algorithm::Es(Bits::B512), &key, input).unwrap();
    assert_eq!(sig.len(), 132, "r || s, 66 bytes each");
    let mut point = vec![4u8];
    point.extend(b64url(A4_X));
    point.extend(b64url(A4_Y));
    let public = p521::ecdsa::VerifyingKey::from_sec1_bytes(&point).unwrap();
    let parsed = p521::ecdsa::Signature::from_slice(&sig).unwrap();
    public.verify(input, &parsed).unwrap();
}

#[test]
fn es384_verifies_and_curves_must_match() {
    let secret = p384::SecretKey::from_slice(&[7u8; 48]).unwrap();
    let der = secret.to_pkcs8_der().unwrap();
    let key = SigningKey::from_pkcs8_pem(&pem(der.as_bytes())).unwrap();
    let sig = sign(Algorithm::Es(Bits::B384), &key, b"a.b").unwrap();
    let public = p384::ecdsa::VerifyingKey::from(&p384::ecdsa::SigningKey::from(&secret));
    public
        .verify(b"a.b", &p384::ecdsa::Signature::from_slice(&sig).unwrap())
        .unwrap();
    let err = sign(Algorithm::Es(Bits::B256), &key, b"a.b").unwrap_err();
    assert!(err.0.contains("P-256"), "{err}");
    let err = sign(Algorithm::Rs(Bits::B256), &key, b"a.b").unwrap_err();
    assert!(err.0.contains("RSA"), "{err}");
}

#[test]
fn pem_must_be_pkcs8_at_the_start() {
    let good = rfc_rsa_pem();
    assert!(SigningKey::from_pkcs8_pem(&format!(" {good}")).is_err());
    let pkcs1 = good.replace("PRIVATE KEY", "RSA PRIVATE KEY");
    let err = SigningKey::from_pkcs8_pem(&pkcs1).unwrap_err();
    assert!(err.0.contains("openssl pkcs8"), "{err}");
    // Line breaks and spaces inside do not matter, as in jose.
    assert!(SigningKey::from_pkcs8_pem(&good.replace('\n', "")).is_ok());
    assert!(SigningKey::from_pkcs8_pem("-----BEGIN PRIVATE KEY-----AAAA").is_err());
}

#[test]
fn short_rsa_keys_are_refused_as_jose_does() {
    let mut rng = OsRng;
    let small = RsaPrivateKey::new(&mut rng, 1024).unwrap();
    let key = SigningKey::Rsa(Box::new(small));
    let err = sign(Algorithm::Rs(Bits::B256), &key, b"x").unwrap_err();
    assert!(err.0.contains("2048"), "{err}");
}

#[test]
fn algorithm_names_are_case_sensitive() {
    assert_eq!(Algorithm::parse("PS384"), Some(Algorithm::Ps(Bits::B384)));
    assert_eq!(Algorithm::parse("ps384"), None);
    assert_eq!(Algorithm::parse("HS1"), None);
    assert_eq!(Algorithm::parse("EdDSA"), None);
    assert_eq!(Algorithm::Es(Bits::B512).name(), "ES512");
}

#[test]
fn lenient_base64_reads_both_alphabets_and_stops_at_padding() {
    assert_eq!(lenient_base64("aGVsbG8="), b"hello");
    assert_eq!(lenient_base64("aGVs bG8"), b"hello");
    assert_eq!(lenient_base64("-_8"), vec![0xfb, 0xff]);
    assert_eq!(lenient_base64("aGk=aGk="), b"hi");
}

#[test]
fn js_stringify_orders_keys_and_numbers_as_javascript() {
    let v: Value = serde_json::from_str(
        r#"{"b":1.0,"2":"x","1":[1e21,1.5e-7,12345678901234567890],"a":{"z":null,"0":true},"01":"s"}"#,
    )
    .unwrap();
    assert_eq!(
        js_stringify(&v),
        r#"{"1":[1e+21,1.5e-7,12345678901234567000],"2":"x","b":1,"a":{"0":true,"z":null},"01":"s"}"#
    );
    assert_eq!(js_stringify(&json!("a\"\u{1}\n")), r#""a\"\u0001\n""#);
}
