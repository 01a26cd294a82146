//! JSON Web Signatures in compact form (RFC 7515), as the `jose` library
//! behind postman-runtime's `jwt` and `asap` authorizers makes them.
//!
//! HS256/384/512 sign with HMAC; RS* with RSASSA-PKCS1-v1_5; PS* with
//! RSASSA-PSS (MGF1 with the same hash, salt as long as the hash); ES256,
//! ES384 and ES512 with ECDSA on P-256, P-384 and P-521, the signature
//! written as `r || s` (IEEE P1363). Private keys are PKCS#8 PEM, read as
//! jose's `importPKCS8` reads them: the text must begin with
//! `-----BEGIN PRIVATE KEY-----`; RSA keys need 2048 bits or more, and an
//! EC key's curve must be the algorithm's. Header and payload are written
//! with [`js_stringify`], JavaScript's `JSON.stringify`, so the bytes are
//! the ones Postman signs. `jwt.rs` and `asap.rs` build on this.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rsa::RsaPrivateKey;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::rand_core::OsRng;
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use serde_json::Value;
use sha2::{Sha256, Sha384, Sha512};

use crate::variables::number_text;

/// A JWS algorithm postman-runtime signs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Algorithm {
    /// HMAC with SHA-256, -384, -512.
    Hs(Bits),
    /// RSASSA-PKCS1-v1_5.
    Rs(Bits),
    /// RSASSA-PSS.
    Ps(Bits),
    /// ECDSA on P-256 (with SHA-256), P-384 (SHA-384), P-521 (SHA-512).
    Es(Bits),
}

/// The hash size of an algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bits {
    /// SHA-256.
    B256,
    /// SHA-384.
    B384,
    /// SHA-512.
    B512,
}

impl Algorithm {
    /// The algorithm of a JOSE `alg` name (case-sensitive, as in jose).
    pub(crate) fn parse(name: &str) -> Option<Algorithm> {
        let bits = match name.get(2..)? {
            "256" => Bits::B256,
            "384" => Bits::B384,
            "512" => Bits::B512,
            _ => return None,
        };
        match name.get(..2)? {
            "HS" => Some(Algorithm::Hs(bits)),
            "RS" => Some(Algorithm::Rs(bits)),
            "PS" => Some(Algorithm::Ps(bits)),
            "ES" => Some(Algorithm::Es(bits)),
            _ => None,
        }
    }

    /// Whether the algorithm signs with a shared secret.
    pub(crate) fn is_hmac(self) -> bool {
        matches!(self, Algorithm::Hs(_))
    }

    /// The JOSE name, `HS256` …
    pub(crate) fn name(self) -> String {
        let (family, bits) = match self {
            Algorithm::Hs(b) => ("HS", b),
            Algorithm::Rs(b) => ("RS", b),
            Algorithm::Ps(b) => ("PS", b),
            Algorithm::Es(b) => ("ES", b),
        };
        let n = match bits {
            Bits::B256 => "256",
            Bits::B384 => "384",
            Bits::B512 => "512",
        };
        format!("{family}{n}")
    }
}

/// A key to sign with.
#[derive(Clone)]
pub(crate) enum SigningKey {
    /// An HMAC secret.
    Secret(Vec<u8>),
    /// An RSA private key.
    Rsa(Box<RsaPrivateKey>),
    /// A P-256 private key.
    P256(p256::ecdsa::SigningKey),
    /// A P-384 private key.
    P384(p384::ecdsa::SigningKey),
    /// A P-521 private key.
    P521(Box<p521::ecdsa::SigningKey>),
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Key material stays out of logs and panics.
        f.write_str(match self {
            SigningKey::Secret(_) => "SigningKey::Secret(..)",
            SigningKey::Rsa(_) => "SigningKey::Rsa(..)",
            SigningKey::P256(_) => "SigningKey::P256(..)",
            SigningKey::P384(_) => "SigningKey::P384(..)",
            SigningKey::P521(_) => "SigningKey::P521(..)",
        })
    }
}

/// Why a token could not be signed.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("{0}")]
pub(crate) struct JwsError(pub String);

const PKCS8_BEGIN: &str = "-----BEGIN PRIVATE KEY-----";
const PKCS8_END: &str = "-----END PRIVATE KEY-----";

impl SigningKey {
    /// A private key from PKCS#8 PEM text, as jose's `importPKCS8` takes it.
    pub(crate) fn from_pkcs8_pem(pem: &str) -> Result<SigningKey, JwsError> {
        if !pem.starts_with(PKCS8_BEGIN) {
            return Err(JwsError(format!(
                "the private key must be PKCS#8 PEM text beginning with `{PKCS8_BEGIN}` (convert an `RSA PRIVATE KEY` or `EC PRIVATE KEY` with `openssl pkcs8 -topk8 -nocrypt`)"
            )));
        }
        let body: String = pem
            .replace(PKCS8_BEGIN, "")
            .replace(PKCS8_END, "")
            .chars()
            .filter(|c| !is_js_space(*c))
            .collect();
        let der = lenient_base64(&body);
        SigningKey::from_pkcs8_der(&der)
    }

    /// A private key from PKCS#8 DER: RSA, or EC on P-256, P-384, P-521.
    pub(crate) fn from_pkcs8_der(der: &[u8]) -> Result<SigningKey, JwsError> {
        if let Ok(key) = RsaPrivateKey::from_pkcs8_der(der) {
            return Ok(SigningKey::Rsa(Box::new(key)));
        }
        if let Ok(key) = p256::ecdsa::SigningKey::from_pkcs8_der(der) {
            return Ok(SigningKey::P256(key));
        }
        if let Ok(key) = p384::ecdsa::SigningKey::from_pkcs8_der(der) {
            return Ok(SigningKey::P384(key));
        }
        if let Ok(secret) = p521::SecretKey::from_pkcs8_der(der)
            && let Ok(key) = p521::ecdsa::SigningKey::from_bytes(&secret.to_bytes())
        {
            return Ok(SigningKey::P521(Box::new(key)));
        }
        Err(JwsError(
            "the private key is not a PKCS#8 RSA or EC (P-256, P-384, P-521) key".into(),
        ))
    }

    /// An RSA key from DER that is either PKCS#8 or PKCS#1 (node-forge's
    /// `privateKeyFromAsn1` takes both; the asap data-URI form uses it).
    pub(crate) fn rsa_from_der(der: &[u8]) -> Option<SigningKey> {
        RsaPrivateKey::from_pkcs8_der(der)
            .or_else(|_| RsaPrivateKey::from_pkcs1_der(der))
            .ok()
            .map(|k| SigningKey::Rsa(Box::new(k)))
    }

    /// What jose calls the key's type, for messages.
    fn describe(&self) -> &'static str {
        match self {
            SigningKey::Secret(_) => "a secret",
            SigningKey::Rsa(_) => "an RSA key",
            SigningKey::P256(_) => "an EC key on P-256",
            SigningKey::P384(_) => "an EC key on P-384",
            SigningKey::P521(_) => "an EC key on P-521",
        }
    }
}

/// Signs `signing_input` (`BASE64URL(header) '.' BASE64URL(payload)`).
pub(crate) fn sign(
    alg: Algorithm,
    key: &SigningKey,
    signing_input: &[u8],
) -> Result<Vec<u8>, JwsError> {
    let mismatch = |need: &str| {
        JwsError(format!(
            "{} needs {need}, and the key given is {}",
            alg.name(),
            key.describe()
        ))
    };
    match (alg, key) {
        (Algorithm::Hs(bits), SigningKey::Secret(secret)) => Ok(hmac(bits, secret, signing_input)),
        (Algorithm::Rs(bits) | Algorithm::Ps(bits), SigningKey::Rsa(rsa)) => {
            let modulus_bits = rsa.n().bits();
            if modulus_bits < 2048 {
                return Err(JwsError(format!(
                    "{} requires key modulusLength to be 2048 bits or larger (this key has {modulus_bits})",
                    alg.name()
                )));
            }
            let rsa = (**rsa).clone();
            Ok(match alg {
                Algorithm::Ps(_) => pss(bits, rsa, signing_input),
                _ => pkcs1v15(bits, rsa, signing_input),
            })
        }
        (Algorithm::Rs(_) | Algorithm::Ps(_), _) => Err(mismatch("an RSA private key")),
        (Algorithm::Es(Bits::B256), SigningKey::P256(k)) => {
            let sig: p256::ecdsa::Signature = k.sign(signing_input);
            Ok(sig.to_bytes().to_vec())
        }
        (Algorithm::Es(Bits::B384), SigningKey::P384(k)) => {
            let sig: p384::ecdsa::Signature = k.sign(signing_input);
            Ok(sig.to_bytes().to_vec())
        }
        (Algorithm::Es(Bits::B512), SigningKey::P521(k)) => {
            let sig: p521::ecdsa::Signature = k
                .try_sign_with_rng(&mut OsRng, signing_input)
                .map_err(|e| JwsError(format!("ES512 signing failed: {e}")))?;
            Ok(sig.to_bytes().to_vec())
        }
        (Algorithm::Es(bits), _) => Err(mismatch(match bits {
            Bits::B256 => "an EC private key on the P-256 curve",
            Bits::B384 => "an EC private key on the P-384 curve",
            Bits::B512 => "an EC private key on the P-521 curve",
        })),
        (Algorithm::Hs(_), _) => Err(mismatch("a secret")),
    }
}

fn hmac(bits: Bits, secret: &[u8], data: &[u8]) -> Vec<u8> {
    fn run<M: Mac + hmac::digest::KeyInit>(secret: &[u8], data: &[u8]) -> Vec<u8> {
        // HMAC takes keys of any length.
        let mut mac = <M as hmac::digest::KeyInit>::new_from_slice(secret)
            .unwrap_or_else(|_| unreachable!("HMAC accepts every key length"));
        mac.update(data);
        mac.finalize().into_bytes().to_vec()
    }
    match bits {
        Bits::B256 => run::<Hmac<Sha256>>(secret, data),
        Bits::B384 => run::<Hmac<Sha384>>(secret, data),
        Bits::B512 => run::<Hmac<Sha512>>(secret, data),
    }
}

fn pkcs1v15(bits: Bits, key: RsaPrivateKey, data: &[u8]) -> Vec<u8> {
    use rsa::pkcs1v15::SigningKey as K;
    match bits {
        Bits::B256 => K::<Sha256>::new(key).sign(data).to_vec(),
        Bits::B384 => K::<Sha384>::new(key).sign(data).to_vec(),
        Bits::B512 => K::<Sha512>::new(key).sign(data).to_vec(),
    }
}

fn pss(bits: Bits, key: RsaPrivateKey, data: &[u8]) -> Vec<u8> {
    use rsa::pss::SigningKey as K;
    // `SigningKey::new` salts with as many bytes as the hash, as Node's
    // RSA_PSS_SALTLEN_DIGEST does.
    match bits {
        Bits::B256 => K::<Sha256>::new(key)
            .sign_with_rng(&mut OsRng, data)
            .to_vec(),
        Bits::B384 => K::<Sha384>::new(key)
            .sign_with_rng(&mut OsRng, data)
            .to_vec(),
        Bits::B512 => K::<Sha512>::new(key)
            .sign_with_rng(&mut OsRng, data)
            .to_vec(),
    }
}

/// The compact JWS of a header and payload given as JSON text.
pub(crate) fn compact(
    alg: Algorithm,
    key: &SigningKey,
    header_json: &str,
    payload_json: &str,
) -> Result<String, JwsError> {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header_json),
        URL_SAFE_NO_PAD.encode(payload_json)
    );
    let signature = sign(alg, key, input.as_bytes())?;
    Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature)))
}

/// Node's `Buffer.from(text, 'base64')`: the standard and URL-safe
/// alphabets both, anything else skipped, decoding stops at `=`, and a
/// trailing partial group keeps its whole bytes.
pub(crate) fn lenient_base64(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// JavaScript's white space (`\s` in a regular expression).
pub(crate) fn is_js_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// JavaScript's `JSON.stringify` of a parsed JSON value: object keys that
/// are array indexes (`"0"`, `"17"`) first in ascending order, the others
/// as written; numbers as JavaScript writes doubles (`1.0` is `1`, large
/// integers lose their low digits).
pub(crate) fn js_stringify(value: &Value) -> String {
    let mut out = String::new();
    write_js(value, &mut out);
    out
}

fn write_js(value: &Value, out: &mut String) {
    match value {
        Value::Null | Value::Bool(_) | Value::String(_) => out.push_str(&value.to_string()),
        Value::Number(n) => match n.as_i64().filter(|i| i.unsigned_abs() < (1u64 << 53)) {
            Some(i) => out.push_str(&i.to_string()),
            None => {
                let x = n.as_f64().unwrap_or(f64::NAN);
                if x.is_finite() {
                    out.push_str(&number_text(x));
                } else {
                    out.push_str("null");
                }
            }
        },
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_js(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in js_key_order(map).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_js(v, out);
            }
            out.push('}');
        }
    }
}

/// The order in which JavaScript enumerates an object's keys.
pub(crate) fn js_key_order(map: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut indexes: Vec<(u32, (&String, &Value))> = Vec::new();
    let mut names = Vec::new();
    for (k, v) in map {
        match array_index(k) {
            Some(i) => indexes.push((i, (k, v))),
            None => names.push((k, v)),
        }
    }
    indexes.sort_by_key(|(i, _)| *i);
    indexes.into_iter().map(|(_, kv)| kv).chain(names).collect()
}

/// A key JavaScript treats as an array index: a canonical decimal below 2³² − 1.
fn array_index(key: &str) -> Option<u32> {
    if key.is_empty() || (key.len() > 1 && key.starts_with('0')) {
        return None;
    }
    if !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    key.parse::<u32>().ok().filter(|i| *i != u32::MAX)
}

#[cfg(test)]
#[path = "jws_tests.rs"]
pub(super) mod tests;
