//! The ciphers behind `CryptoJS.AES`, `DES`, `TripleDES`, `RC4`, `RC4Drop`,
//! `Rabbit` and `RabbitLegacy`, with crypto-js 3.3.0's block modes (the
//! version Newman 6.2.2's sandbox bundles).
//!
//! The block ciphers come from RustCrypto (`aes`, `des`); the modes are
//! written here because crypto-js's differ from the textbook ones in ways
//! scripts depend on: every mode runs over whole blocks (a short final block
//! is zero-filled and the output cut back), CTR counts in the last 32-bit word
//! only, and CTRGladman counts little-endian in the first two words. The
//! JavaScript side (`js/cryptojs.js`) pads, buffers and keeps the chaining
//! state between calls; `cryptojs.rs` exposes these functions to it.

use aes::cipher::{BlockDecrypt, BlockEncrypt, KeyInit, KeyIvInit, StreamCipher};
use aes::{Aes128, Aes192, Aes256};
use des::{Des, TdesEde3};

/// Why a cipher could not run: the message a script sees.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum CipherError {
    /// AES keys other than 128, 192 or 256 bits.
    #[error(
        "CryptoJS.AES: a key of {0} bytes is not supported in courier (use 16, 24 or 32 bytes, or a passphrase string)"
    )]
    AesKeyLength(usize),
    /// A name the JavaScript side should never send.
    #[error("CryptoJS: unknown {0} '{1}'")]
    Unknown(&'static str, String),
    /// RC4 with an empty key.
    #[error("CryptoJS.RC4: the key is empty")]
    EmptyKey,
}

/// One keyed block cipher.
enum Block {
    Aes128(Box<Aes128>),
    Aes192(Box<Aes192>),
    Aes256(Box<Aes256>),
    Des(Box<Des>),
    TripleDes(Box<TdesEde3>),
}

impl Block {
    /// The cipher `algorithm` (`aes`, `des`, `tripledes`) under `key`.
    ///
    /// DES reads the first 8 bytes of the key and TripleDES the first 24,
    /// zero-filled, as crypto-js reads its key words.
    fn new(algorithm: &str, key: &[u8]) -> Result<Self, CipherError> {
        let sized = |n: usize| {
            let mut k = key.to_vec();
            k.resize(n, 0);
            k
        };
        let block = match algorithm {
            "aes" => match key.len() {
                16 => Aes128::new_from_slice(key).map(|c| Block::Aes128(Box::new(c))),
                24 => Aes192::new_from_slice(key).map(|c| Block::Aes192(Box::new(c))),
                32 => Aes256::new_from_slice(key).map(|c| Block::Aes256(Box::new(c))),
                n => return Err(CipherError::AesKeyLength(n)),
            },
            "des" => Des::new_from_slice(&sized(8)).map(|c| Block::Des(Box::new(c))),
            "tripledes" => {
                TdesEde3::new_from_slice(&sized(24)).map(|c| Block::TripleDes(Box::new(c)))
            }
            other => return Err(CipherError::Unknown("cipher", other.to_owned())),
        };
        block.map_err(|_| CipherError::Unknown("key length for", algorithm.to_owned()))
    }

    fn size(&self) -> usize {
        match self {
            Block::Aes128(_) | Block::Aes192(_) | Block::Aes256(_) => 16,
            Block::Des(_) | Block::TripleDes(_) => 8,
        }
    }

    fn encrypt(&self, block: &mut [u8]) {
        match self {
            Block::Aes128(c) => c.encrypt_block(block.into()),
            Block::Aes192(c) => c.encrypt_block(block.into()),
            Block::Aes256(c) => c.encrypt_block(block.into()),
            Block::Des(c) => c.encrypt_block(block.into()),
            Block::TripleDes(c) => c.encrypt_block(block.into()),
        }
    }

    fn decrypt(&self, block: &mut [u8]) {
        match self {
            Block::Aes128(c) => c.decrypt_block(block.into()),
            Block::Aes192(c) => c.decrypt_block(block.into()),
            Block::Aes256(c) => c.decrypt_block(block.into()),
            Block::Des(c) => c.decrypt_block(block.into()),
            Block::TripleDes(c) => c.decrypt_block(block.into()),
        }
    }
}

/// A block mode of crypto-js.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Ecb,
    Cbc,
    Cfb,
    Ofb,
    Ctr,
    CtrGladman,
}

impl Mode {
    fn parse(name: &str) -> Result<Self, CipherError> {
        Ok(match name {
            "ECB" => Mode::Ecb,
            "CBC" => Mode::Cbc,
            "CFB" => Mode::Cfb,
            "OFB" => Mode::Ofb,
            "CTR" => Mode::Ctr,
            "CTRGladman" => Mode::CtrGladman,
            other => return Err(CipherError::Unknown("mode", other.to_owned())),
        })
    }
}

/// What one call of [`block_process`] asks for.
pub(crate) struct BlockJob<'a> {
    /// `aes`, `des` or `tripledes`.
    pub algorithm: &'a str,
    /// `ECB`, `CBC`, `CFB`, `OFB`, `CTR` or `CTRGladman`.
    pub mode: &'a str,
    /// Encrypt (else decrypt).
    pub encrypt: bool,
    /// The key bytes.
    pub key: &'a [u8],
    /// The chaining state: the IV on the first call, then what the previous call returned.
    pub state: &'a [u8],
    /// The data; a short last block is zero-filled and its output cut back.
    pub data: &'a [u8],
}

fn xor(into: &mut [u8], with: &[u8]) {
    into.iter_mut().zip(with).for_each(|(a, b)| *a ^= b);
}

/// crypto-js's CTR step: the last 32-bit word counts, without carry.
fn ctr_increment(counter: &mut [u8]) {
    let n = counter.len();
    if let Some(word) = counter.get_mut(n - 4..) {
        let value = u32::from_be_bytes([word[0], word[1], word[2], word[3]]).wrapping_add(1);
        word.copy_from_slice(&value.to_be_bytes());
    }
}

/// crypto-js's CTRGladman step: word 0 counts little-endian; when it wraps, word 1 does.
fn gladman_increment(counter: &mut [u8]) {
    fn bump(bytes: &mut [u8]) -> bool {
        for b in bytes.iter_mut() {
            *b = b.wrapping_add(1);
            if *b != 0 {
                return false;
            }
        }
        true
    }
    if let Some(first) = counter.get_mut(..4)
        && bump(first)
        && let Some(second) = counter.get_mut(4..8)
    {
        bump(second);
    }
}

/// Runs `job.data` through the mode; returns the output (as long as the
/// data) and the chaining state for the next call.
pub(crate) fn block_process(job: &BlockJob<'_>) -> Result<(Vec<u8>, Vec<u8>), CipherError> {
    let cipher = Block::new(job.algorithm, job.key)?;
    let mode = Mode::parse(job.mode)?;
    let size = cipher.size();
    let mut state = job.state.to_vec();
    state.resize(size, 0);
    let mut out = job.data.to_vec();
    out.resize(job.data.len().div_ceil(size) * size, 0);
    for block in out.chunks_exact_mut(size) {
        match (mode, job.encrypt) {
            (Mode::Ecb, true) => cipher.encrypt(block),
            (Mode::Ecb, false) => cipher.decrypt(block),
            (Mode::Cbc, true) => {
                xor(block, &state);
                cipher.encrypt(block);
                state.copy_from_slice(block);
            }
            (Mode::Cbc, false) => {
                let input = block.to_vec();
                cipher.decrypt(block);
                xor(block, &state);
                state = input;
            }
            (Mode::Cfb, encrypt) => {
                let input = block.to_vec();
                cipher.encrypt(&mut state);
                xor(block, &state);
                state = if encrypt { block.to_vec() } else { input };
            }
            (Mode::Ofb, _) => {
                cipher.encrypt(&mut state);
                xor(block, &state);
            }
            (Mode::Ctr, _) => {
                let mut stream = state.clone();
                cipher.encrypt(&mut stream);
                xor(block, &stream);
                ctr_increment(&mut state);
            }
            (Mode::CtrGladman, _) => {
                gladman_increment(&mut state);
                let mut stream = state.clone();
                cipher.encrypt(&mut stream);
                xor(block, &stream);
            }
        }
    }
    out.truncate(job.data.len());
    if mode == Mode::Ecb {
        state.clear();
    }
    Ok((out, state))
}

/// What one call of [`stream_process`] asks for.
pub(crate) struct StreamJob<'a> {
    /// `rc4`, `rabbit` or `rabbitlegacy`.
    pub algorithm: &'a str,
    /// The key bytes (RC4: all of them; Rabbit: the first 16, zero-filled).
    pub key: &'a [u8],
    /// Rabbit's IV (8 bytes, zero-filled), if any.
    pub iv: Option<&'a [u8]>,
    /// RC4Drop: keystream bytes to drop after the key schedule.
    pub drop: usize,
    /// How many bytes earlier calls already processed.
    pub offset: usize,
    /// The data.
    pub data: &'a [u8],
}

/// Swaps the byte order of each 32-bit word.
fn swap_words(bytes: &mut [u8]) {
    bytes.chunks_exact_mut(4).for_each(|w| w.reverse());
}

/// XORs the keystream from position `offset` into `data`.
pub(crate) fn stream_process(job: &StreamJob<'_>) -> Result<Vec<u8>, CipherError> {
    let mut skip = vec![0u8; job.offset + job.drop];
    let mut out = job.data.to_vec();
    match job.algorithm {
        "rc4" => {
            let mut rc4 = Rc4::new(job.key)?;
            rc4.apply(&mut skip);
            rc4.apply(&mut out);
        }
        "rabbit" | "rabbitlegacy" => {
            let mut key = job.key.to_vec();
            key.resize(16, 0);
            // crypto-js's legacy Rabbit reads the key words the other way round.
            if job.algorithm == "rabbitlegacy" {
                swap_words(&mut key);
            }
            let key = rabbit::Key::from_slice(&key);
            match job.iv {
                Some(iv) => {
                    let mut iv = iv.to_vec();
                    iv.resize(8, 0);
                    let mut cipher = rabbit::Rabbit::new(key, rabbit::Iv::from_slice(&iv));
                    cipher.apply_keystream(&mut skip);
                    cipher.apply_keystream(&mut out);
                }
                None => {
                    let mut cipher = rabbit::RabbitKeyOnly::new(key);
                    cipher.apply_keystream(&mut skip);
                    cipher.apply_keystream(&mut out);
                }
            }
        }
        other => return Err(CipherError::Unknown("cipher", other.to_owned())),
    }
    Ok(out)
}

/// RC4 (written here: crypto-js takes keys of any length, the `rc4` crate a
/// length fixed at compile time).
struct Rc4 {
    s: [u8; 256],
    i: u8,
    j: u8,
}

impl Rc4 {
    fn new(key: &[u8]) -> Result<Self, CipherError> {
        if key.is_empty() {
            return Err(CipherError::EmptyKey);
        }
        let mut s = [0u8; 256];
        for (i, v) in s.iter_mut().enumerate() {
            *v = i as u8;
        }
        let mut j = 0u8;
        for i in 0..256 {
            j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
            s.swap(i, usize::from(j));
        }
        Ok(Rc4 { s, i: 0, j: 0 })
    }

    fn apply(&mut self, data: &mut [u8]) {
        for byte in data {
            self.i = self.i.wrapping_add(1);
            self.j = self.j.wrapping_add(self.s[usize::from(self.i)]);
            self.s.swap(usize::from(self.i), usize::from(self.j));
            let k = self.s[usize::from(
                self.s[usize::from(self.i)].wrapping_add(self.s[usize::from(self.j)]),
            )];
            *byte ^= k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::crypto::{from_hex, to_hex};

    fn block(
        algorithm: &str,
        mode: &str,
        encrypt: bool,
        key: &str,
        iv: &str,
        data: &str,
    ) -> String {
        let (key, iv, data) = (from_hex(key), from_hex(iv), from_hex(data));
        let job = BlockJob {
            algorithm,
            mode,
            encrypt,
            key: &key,
            state: &iv,
            data: &data,
        };
        block_process(&job)
            .map(|(out, _)| to_hex(&out))
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn aes_128_matches_fips_197() {
        assert_eq!(
            block(
                "aes",
                "ECB",
                true,
                "000102030405060708090a0b0c0d0e0f",
                "",
                "00112233445566778899aabbccddeeff"
            ),
            "69c4e0d86a7b0430d8cdb78070b4c55a"
        );
    }

    #[test]
    fn odd_aes_keys_are_refused_with_a_reason() {
        assert!(block("aes", "ECB", true, "0001", "", "00").contains("2 bytes"));
    }

    #[test]
    fn ctr_counts_in_the_last_word_without_carry() {
        let mut counter = from_hex("000000000000000000000001ffffffff");
        ctr_increment(&mut counter);
        assert_eq!(to_hex(&counter), "00000000000000000000000100000000");
    }

    #[test]
    fn gladman_counts_little_endian_in_two_words() {
        let mut counter = from_hex("ffffffff000000000000000000000000");
        gladman_increment(&mut counter);
        assert_eq!(to_hex(&counter), "00000000010000000000000000000000");
        let mut counter = from_hex("ff000000");
        gladman_increment(&mut counter);
        assert_eq!(to_hex(&counter), "00010000");
    }

    #[test]
    fn rc4_matches_rfc_6229() {
        let key = from_hex("0102030405");
        let job = StreamJob {
            algorithm: "rc4",
            key: &key,
            iv: None,
            drop: 0,
            offset: 0,
            data: &[0; 16],
        };
        assert_eq!(
            stream_process(&job).map(|o| to_hex(&o)).unwrap_or_default(),
            "b2396305f03dc027ccc3524a0a1118a8"
        );
    }

    fn rabbit(algorithm: &str, iv: Option<&str>) -> String {
        let key = from_hex("000102030405060708090a0b0c0d0e0f");
        let iv = iv.map(from_hex);
        let job = StreamJob {
            algorithm,
            key: &key,
            iv: iv.as_deref(),
            drop: 0,
            offset: 0,
            data: &[0; 31],
        };
        stream_process(&job).map(|o| to_hex(&o)).unwrap_or_default()
    }

    /// Keystreams crypto-js 3.3.0 gives for key 00..0f (and IV 00..07).
    #[test]
    fn rabbit_and_rabbit_legacy_match_crypto_js() {
        let iv = Some("0001020304050607");
        assert_eq!(
            rabbit("rabbit", iv),
            "f28919dda128f8f90a30346e9794d2b74c69a2d9913727bc5a3018e6332af7"
        );
        assert_eq!(
            rabbit("rabbit", None),
            "08404f232bf002175aaf97e92e6e5fe52e6f26497e5e027f931f48b08c51c4"
        );
        assert_eq!(
            rabbit("rabbitlegacy", iv),
            "69bf3dd75efcf6c05da715440a6b7fd9701dc582af89ab53b28598daef6331"
        );
        assert_eq!(
            rabbit("rabbitlegacy", None),
            "710806fd7e0588153726d25e992fd214d0e29151bc07205b1791463d7c5991"
        );
    }
}
