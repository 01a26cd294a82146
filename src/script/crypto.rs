//! Native helpers behind `atob` / `btoa`, `Buffer`, `uuid` and
//! `response.json()` errors: hashing (sha1, sha2, md5), base64,
//! random bytes, UTF-8 decoding; `cryptojs.rs` adds the natives of
//! `CryptoJS`. Bytes cross into JavaScript as hex text,
//! which keeps the interface to plain strings.

use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use md5::Md5;
use rand::RngCore;
use rquickjs::function::Opt;
use rquickjs::{Ctx, Function, Object};
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};

/// Lower-case hex of `bytes`.
pub(crate) fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Bytes of hex text; stops at the first pair that is not hex.
pub(crate) fn from_hex(hex: &str) -> Vec<u8> {
    hex.as_bytes()
        .chunks_exact(2)
        .map_while(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|p| u8::from_str_radix(p, 16).ok())
        })
        .collect()
}

/// The digest of `data` with `algorithm` (`md5`, `sha1`, `sha224`, `sha256`, `sha384`, `sha512`).
pub(crate) fn digest(algorithm: &str, data: &[u8]) -> Option<Vec<u8>> {
    Some(match algorithm {
        "md5" => Md5::digest(data).to_vec(),
        "sha1" => Sha1::digest(data).to_vec(),
        "sha224" => Sha224::digest(data).to_vec(),
        "sha256" => Sha256::digest(data).to_vec(),
        "sha384" => Sha384::digest(data).to_vec(),
        "sha512" => Sha512::digest(data).to_vec(),
        _ => return None,
    })
}

fn base64_engine(url_safe: bool) -> GeneralPurpose {
    let config = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true)
        .with_encode_padding(!url_safe);
    let alphabet = if url_safe {
        &alphabet::URL_SAFE
    } else {
        &alphabet::STANDARD
    };
    GeneralPurpose::new(alphabet, config)
}

/// Decodes base64 the forgiving way `atob` does (whitespace and missing padding allowed).
pub(crate) fn base64_decode(text: &str, url_safe: bool) -> Option<Vec<u8>> {
    let cleaned: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64_engine(url_safe).decode(cleaned).ok()
}

/// Adds the helpers to the prelude's `native` object.
pub(crate) fn add_natives<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> rquickjs::Result<()> {
    native.set(
        "base64Encode",
        Function::new(ctx.clone(), |hex: String, url_safe: Opt<bool>| {
            base64_engine(url_safe.0.unwrap_or(false)).encode(from_hex(&hex))
        })?,
    )?;
    native.set(
        "base64Decode",
        Function::new(ctx.clone(), |text: String, url_safe: Opt<bool>| {
            base64_decode(&text, url_safe.0.unwrap_or(false)).map(|b| to_hex(&b))
        })?,
    )?;
    native.set(
        "randomHex",
        Function::new(ctx.clone(), |count: u32| {
            let mut bytes = vec![0u8; count.min(1 << 20) as usize];
            rand::rng().fill_bytes(&mut bytes);
            to_hex(&bytes)
        })?,
    )?;
    native.set(
        "uuid",
        Function::new(ctx.clone(), || uuid::Uuid::new_v4().to_string())?,
    )?;
    native.set(
        "utf8Decode",
        Function::new(ctx.clone(), |hex: String| {
            String::from_utf8_lossy(&from_hex(&hex)).into_owned()
        })?,
    )?;
    super::cryptojs::add_natives(ctx, native)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_match_known_vectors() {
        let cases = [
            ("md5", "900150983cd24fb0d6963f7d28e17f72"),
            ("sha1", "a9993e364706816aba3e25717850c26c9cd0d89d"),
            (
                "sha256",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
        ];
        for (alg, want) in cases {
            assert_eq!(
                to_hex(&digest(alg, b"abc").unwrap_or_default()),
                want,
                "{alg}"
            );
        }
        assert!(digest("sha3", b"abc").is_none());
    }

    #[test]
    fn base64_is_forgiving() {
        assert_eq!(base64_decode("aGVs bG8", false), Some(b"hello".to_vec()));
        assert_eq!(base64_decode("aGVsbG8=", false), Some(b"hello".to_vec()));
        assert_eq!(base64_decode("!!", false), None);
        assert_eq!(from_hex(&to_hex(&[0, 255, 16])), vec![0, 255, 16]);
    }
}
