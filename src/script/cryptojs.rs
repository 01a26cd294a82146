//! The Rust side of `CryptoJS` (crypto-js 3.3.0, the version Newman 6.2.2's
//! sandbox bundles): hashes (MD5, SHA-1, SHA-2, crypto-js's SHA3 — Keccak
//! with its original padding and any `outputLength` —, RIPEMD-160), HMAC over
//! each, PBKDF2 and EvpKDF, and the natives the JavaScript side
//! (`js/cryptojs.js`) calls; the ciphers are in `cryptojs_cipher.rs`.
//!
//! Bytes cross into JavaScript as hex text, as in `crypto.rs`, whose
//! `digest` and `hmac` this extends.

use hmac::{Hmac, Mac};
use md5::Md5;
use ripemd::Ripemd160;
use rquickjs::{Ctx, Exception, Function, Object};
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};
use sha3::Keccak512;

use super::crypto::{from_hex, to_hex};
use super::cryptojs_cipher::{BlockJob, StreamJob, block_process, stream_process};

/// crypto-js's SHA3: the Keccak sponge with capacity `2 * output_bits`, the
/// original `0x01` padding, and the first `output_bits / 8` bytes of the
/// state as the digest. `None` for lengths crypto-js cannot run either
/// (not a multiple of 32 bits, or no room left for the rate).
pub(crate) fn keccak(data: &[u8], output_bits: usize) -> Option<Vec<u8>> {
    if output_bits == 0 || !output_bits.is_multiple_of(32) || output_bits >= 800 {
        return None;
    }
    let rate = 200 - output_bits / 4;
    let mut state = [0u64; 25];
    let absorb = |block: &[u8], state: &mut [u64; 25]| {
        for (lane, chunk) in state.iter_mut().zip(block.chunks(8)) {
            let mut bytes = [0u8; 8];
            bytes[..chunk.len()].copy_from_slice(chunk);
            *lane ^= u64::from_le_bytes(bytes);
        }
        keccak::f1600(state);
    };
    let mut blocks = data.chunks_exact(rate);
    for block in blocks.by_ref() {
        absorb(block, &mut state);
    }
    let mut last = blocks.remainder().to_vec();
    last.resize(rate, 0);
    last[data.len() % rate] ^= 0x01;
    last[rate - 1] ^= 0x80;
    absorb(&last, &mut state);
    let mut out: Vec<u8> = state.iter().flat_map(|lane| lane.to_le_bytes()).collect();
    out.truncate(output_bits / 8);
    Some(out)
}

/// The digest of `data` with a crypto-js hasher name: the names of
/// [`super::crypto::digest`], `ripemd160`, and `sha3` (512 bits unless
/// `sha3_bits` says otherwise).
pub(crate) fn digest(algorithm: &str, data: &[u8], sha3_bits: Option<usize>) -> Option<Vec<u8>> {
    match algorithm {
        "ripemd160" => Some(Ripemd160::digest(data).to_vec()),
        "sha3" => keccak(data, sha3_bits.unwrap_or(512)),
        other => super::crypto::digest(other, data),
    }
}

macro_rules! with_hasher {
    ($algorithm:expr, $f:ident, $($arg:expr),*) => {
        match $algorithm {
            "md5" => $f::<Hmac<Md5>>($($arg),*),
            "sha1" => $f::<Hmac<Sha1>>($($arg),*),
            "sha224" => $f::<Hmac<Sha224>>($($arg),*),
            "sha256" => $f::<Hmac<Sha256>>($($arg),*),
            "sha384" => $f::<Hmac<Sha384>>($($arg),*),
            "sha512" => $f::<Hmac<Sha512>>($($arg),*),
            "ripemd160" => $f::<Hmac<Ripemd160>>($($arg),*),
            // crypto-js's HMAC and KDFs create SHA3 with its default 512 bits.
            "sha3" => $f::<Hmac<Keccak512>>($($arg),*),
            _ => None,
        }
    };
}

fn mac_once<M: Mac + hmac::digest::KeyInit>(key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    let mut mac = <M as hmac::digest::KeyInit>::new_from_slice(key).ok()?;
    mac.update(data);
    Some(mac.finalize().into_bytes().to_vec())
}

/// The HMAC of `data` under `key` with a crypto-js hasher name.
pub(crate) fn hmac(algorithm: &str, key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    with_hasher!(algorithm, mac_once, key, data)
}

fn pbkdf2_with<M>(password: &[u8], salt: &[u8], rounds: u32, len: usize) -> Option<Vec<u8>>
where
    M: hmac::digest::KeyInit + hmac::digest::Update + hmac::digest::FixedOutput + Clone + Sync,
{
    let mut out = vec![0u8; len];
    pbkdf2::pbkdf2::<M>(password, salt, rounds.max(1), &mut out).ok()?;
    Some(out)
}

/// PBKDF2-HMAC with a crypto-js hasher name, `len` bytes.
pub(crate) fn pbkdf2(
    algorithm: &str,
    password: &[u8],
    salt: &[u8],
    rounds: u32,
    len: usize,
) -> Option<Vec<u8>> {
    with_hasher!(algorithm, pbkdf2_with, password, salt, rounds, len)
}

/// OpenSSL's EVP_BytesToKey as crypto-js's EvpKDF runs it: each block is the
/// hash of the previous block, the password and the salt, rehashed
/// `rounds - 1` times; `len` bytes of the blocks joined.
pub(crate) fn evp_kdf(
    algorithm: &str,
    password: &[u8],
    salt: &[u8],
    rounds: u32,
    len: usize,
) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(len + 64);
    let mut block: Vec<u8> = Vec::new();
    while out.len() < len {
        let mut input = block.clone();
        input.extend_from_slice(password);
        input.extend_from_slice(salt);
        block = digest(algorithm, &input, None)?;
        for _ in 1..rounds {
            block = digest(algorithm, &block, None)?;
        }
        out.extend_from_slice(&block);
    }
    out.truncate(len);
    Some(out)
}

fn unknown<T>(ctx: &Ctx<'_>, what: &str, name: &str) -> rquickjs::Result<T> {
    Err(Exception::throw_type(
        ctx,
        &format!("CryptoJS: {what} {name} is not supported"),
    ))
}

/// Adds the `cjs*` natives to the prelude's `native` object.
pub(crate) fn add_natives<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> rquickjs::Result<()> {
    native.set(
        "cjsHash",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'_>, algorithm: String, hex: String, bits: f64| {
                // SHA3's outputLength; anything else (-1 from other hashers) means the default.
                let bits = Some(bits).filter(|b| b.is_finite() && *b >= 0.0);
                match digest(&algorithm, &from_hex(&hex), bits.map(|b| b as usize)) {
                    Some(d) => Ok(to_hex(&d)),
                    None if algorithm == "sha3" => Err(Exception::throw_range(
                        &ctx,
                        "CryptoJS.SHA3: outputLength must be a multiple of 32 below 800 in courier",
                    )),
                    None => unknown(&ctx, "hasher", &algorithm),
                }
            },
        )?,
    )?;
    native.set(
        "cjsHmac",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'_>, algorithm: String, key: String, data: String| match hmac(
                &algorithm,
                &from_hex(&key),
                &from_hex(&data),
            ) {
                Some(d) => Ok(to_hex(&d)),
                None => unknown(&ctx, "hasher", &algorithm),
            },
        )?,
    )?;
    native.set(
        "cjsKdf",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'_>,
             kind: String,
             algorithm: String,
             password: String,
             salt: String,
             rounds: f64,
             len: f64| {
                let (password, salt) = (from_hex(&password), from_hex(&salt));
                let rounds = rounds.clamp(1.0, f64::from(u32::MAX)) as u32;
                let len = len.clamp(0.0, 1e7) as usize;
                let derived = if kind == "pbkdf2" {
                    pbkdf2(&algorithm, &password, &salt, rounds, len)
                } else {
                    evp_kdf(&algorithm, &password, &salt, rounds, len)
                };
                match derived {
                    Some(d) => Ok(to_hex(&d)),
                    None => unknown(&ctx, "hasher", &algorithm),
                }
            },
        )?,
    )?;
    add_cipher_natives(ctx, native)
}

/// `cjsBlock(algorithm, mode, encrypt, keyHex, stateHex, dataHex)` gives
/// `[outHex, stateHex]`; `cjsStream(algorithm, keyHex, ivHex or null, drop,
/// offset, dataHex)` gives `outHex`.
fn add_cipher_natives<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> rquickjs::Result<()> {
    native.set(
        "cjsBlock",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'_>,
             algorithm: String,
             mode: String,
             encrypt: bool,
             key: String,
             state: String,
             data: String| {
                let (key, state, data) = (from_hex(&key), from_hex(&state), from_hex(&data));
                let job = BlockJob {
                    algorithm: &algorithm,
                    mode: &mode,
                    encrypt,
                    key: &key,
                    state: &state,
                    data: &data,
                };
                block_process(&job)
                    .map(|(out, state)| vec![to_hex(&out), to_hex(&state)])
                    .map_err(|e| Exception::throw_message(&ctx, &e.to_string()))
            },
        )?,
    )?;
    native.set(
        "cjsStream",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'_>,
             algorithm: String,
             key: String,
             iv: Option<String>,
             drop: f64,
             offset: f64,
             data: String| {
                let (key, data) = (from_hex(&key), from_hex(&data));
                let iv = iv.map(|h| from_hex(&h));
                let job = StreamJob {
                    algorithm: &algorithm,
                    key: &key,
                    iv: iv.as_deref(),
                    drop: drop.clamp(0.0, 1e9) as usize,
                    offset: offset.clamp(0.0, 1e9) as usize,
                    data: &data,
                };
                stream_process(&job)
                    .map(|out| to_hex(&out))
                    .map_err(|e| Exception::throw_message(&ctx, &e.to_string()))
            },
        )?,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        let mac =
            super::hmac("sha256", b"Jefe", b"what do ya want for nothing?").unwrap_or_default();
        assert_eq!(
            super::to_hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    use super::*;

    #[test]
    fn keccak_512_is_the_sha3_crates_keccak() {
        for len in [0usize, 1, 71, 72, 73, 200] {
            let data = vec![0x61u8; len];
            assert_eq!(
                keccak(&data, 512),
                Some(Keccak512::digest(&data).to_vec()),
                "{len}"
            );
        }
        assert_eq!(
            keccak(b"", 256).map(|d| to_hex(&d)).unwrap_or_default(),
            "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
        );
        assert!(keccak(b"", 100).is_none());
    }

    #[test]
    fn ripemd160_matches_its_reference_vector() {
        let d = digest("ripemd160", b"abc", None).unwrap_or_default();
        assert_eq!(to_hex(&d), "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
    }

    #[test]
    fn pbkdf2_matches_rfc_6070() {
        let d = pbkdf2("sha1", b"password", b"salt", 2, 20).unwrap_or_default();
        assert_eq!(to_hex(&d), "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
    }

    #[test]
    fn evp_kdf_matches_openssl_and_crypto_js() {
        // `openssl enc -aes-256-cbc -md md5 -S 0001020304050607 -k pass -P`: key then IV.
        let salt = from_hex("0001020304050607");
        let d = evp_kdf("md5", b"pass", &salt, 1, 48).unwrap_or_default();
        assert_eq!(
            to_hex(&d),
            "bd8384cf89612fc070ee615156d32202985b6eeb417d7beb46c6a70a4ee6229f\
             f3136cf99936eb330955b0c679f1aea1"
        );
        // crypto-js 3.3.0: EvpKDF('pass', salt, {keySize: 12, iterations: 3, hasher: SHA1}).
        let d = evp_kdf("sha1", b"pass", &salt, 3, 48).unwrap_or_default();
        assert_eq!(
            to_hex(&d),
            "0f6a5654c65014fe03bc1d19f6aa5ef5bab48a832da3c7da638fa385d679d8e3\
             cfa70dccd1b21d39e02d2cc069f0a3c3"
        );
    }

    /// crypto-js 3.3.0's SHA3('abc', {outputLength}) for lengths no standard Keccak has.
    #[test]
    fn keccak_takes_crypto_js_odd_output_lengths() {
        let hex = |bits| keccak(b"abc", bits).map(|d| to_hex(&d)).unwrap_or_default();
        assert_eq!(hex(128), "ed992674a628509bb2dce176b7c03672");
        assert_eq!(
            hex(768),
            "400a195d75e9cd76348d3d87b100b7e7f3b2b6b324730ded13bd6f16a1cb68b9\
             3d1e72c83fe0014e46262df7a4e967b4172fb780b7e052a295a8be8d92e516a3\
             40fb3c3e0c33a233af0f8f138947e6781cfa8a3e864848be7328a701089ac9fb"
        );
    }
}
