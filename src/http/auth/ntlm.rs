//! NTLM authentication, as postman-runtime's `lib/authorizer/ntlm.js` does
//! it with the httpntlm library's messages.
//!
//! [`sign`] removes any `Authorization` header and puts [`NtlmAuth`] on the
//! built request; `client.rs` drives the handshake around the send, over
//! the connection the pool keeps alive:
//! 1. the request goes without `Authorization`; unless
//!    `disableRetryRequest`, a `401` or `403` whose `WWW-Authenticate` asks
//!    for NTLM (a header `NTLM` or `Negotiate`, or the last one containing
//!    `NTLM`) gets the request sent again with a Type 1 message;
//! 2. a `401` or `403` then carrying `WWW-Authenticate: NTLM <Type 2>` gets
//!    it sent a third time with the Type 3 message; whatever answers that is
//!    the response. Any other response ends the handshake there.
//!
//! The Type 3 message is httpntlm's: NTLMv2 responses when the server set
//! the extended-security flag and sent target info, the NTLM2 session
//! response when it set the flag without target info, NTLMv1 (LM and NT
//! DES responses) otherwise. An empty `domain` is read from the user name
//! (`DOMAIN\user` or `user@domain`). Domain and workstation are upper-cased
//! and then escaped with JavaScript's `escape()`, as httpntlm does.

use base64::Engine as _;
use des::cipher::{BlockEncrypt, KeyInit};
use hmac::{Hmac, Mac};
use md4::Md4;
use md5::{Digest as _, Md5};

use super::{AuthParams, SignContext};
use crate::http::error::BuildError;
use crate::http::exchange::{Header, RequestSpec};

/// The NTLM credentials of a request, for `client.rs` to answer with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NtlmAuth {
    /// `username` (possibly `DOMAIN\user` or `user@domain`).
    pub username: String,
    /// `password`.
    pub password: String,
    /// `domain`.
    pub domain: String,
    /// `workstation`.
    pub workstation: String,
    /// `disableRetryRequest`: send once, answer no challenge.
    pub disable_retry: bool,
}

/// Removes the request's `Authorization` header (the first request of the
/// handshake goes without one) and puts the credentials on `spec`.
pub(super) fn sign(
    params: &AuthParams<'_>,
    _ctx: &SignContext<'_>,
    spec: &mut RequestSpec,
) -> Result<(), BuildError> {
    spec.headers
        .retain(|(k, _)| !k.eq_ignore_ascii_case("authorization"));
    spec.ntlm = Some(NtlmAuth {
        username: params.get("username"),
        password: params.get("password"),
        domain: params.get("domain"),
        workstation: params.get("workstation"),
        disable_retry: params.flag("disableRetryRequest"),
    });
    Ok(())
}

const NEGOTIATE_UNICODE: u32 = 0x0000_0001;
const NEGOTIATE_OEM_DOMAIN_SUPPLIED: u32 = 0x0000_1000;
const NEGOTIATE_EXTENDED_SECURITY: u32 = 0x0008_0000;
const NEGOTIATE_TARGET_INFO: u32 = 0x0080_0000;
/// httpntlm's Type 1 flags: Unicode, OEM, request target, NTLM, OEM domain
/// and workstation supplied, always sign, extended security, version, 128, 56.
const TYPE1_FLAGS: u32 = 0xA208_B207;
/// httpntlm's flags in the Type 3 message (named Type 2 flags there):
/// Unicode, request target, NTLM, always sign, extended security, target
/// info, version, 128, 56.
const TYPE3_FLAGS: u32 = 0xA288_8205;
/// Version: 5.1, build 2600, NTLM revision 15.
const VERSION: [u8; 8] = [5, 1, 0x28, 0x0A, 0, 0, 0, 15];
const SIGNATURE: &[u8; 8] = b"NTLMSSP\0";

impl NtlmAuth {
    /// User name and domain for the messages: the `domain` field, else the
    /// domain written in the user name (postman-runtime's
    /// `parseParametersFromUsername`).
    fn user_and_domain(&self) -> (String, String) {
        if !self.domain.is_empty() {
            return (self.username.clone(), self.domain.clone());
        }
        let u = &self.username;
        let dll: Vec<&str> = u.split('\\').collect();
        let upn: Vec<&str> = u.split('@').collect();
        if dll.len() > 1 && upn.len() > 1 {
            return (u.clone(), String::new());
        }
        if dll.len() == 2 && !dll[0].is_empty() && !dll[1].is_empty() {
            return (dll[1].to_owned(), dll[0].to_owned());
        }
        if upn.len() == 2 && !upn[0].is_empty() && !upn[1].is_empty() {
            return (upn[0].to_owned(), upn[1].to_owned());
        }
        (u.clone(), String::new())
    }

    /// The `Authorization` value of the Type 1 (negotiate) message.
    pub(crate) fn type1(&self) -> String {
        let (_, domain) = self.user_and_domain();
        let domain = js_escape(&js_upper(&domain));
        let workstation = js_escape(&js_upper(&self.workstation));
        let mut flags = TYPE1_FLAGS;
        if domain.is_empty() {
            flags -= NEGOTIATE_OEM_DOMAIN_SUPPLIED;
        }
        let (d, w) = (domain.len() as u16, workstation.len() as u16);
        let mut buf = Vec::with_capacity(40 + domain.len() + workstation.len());
        buf.extend_from_slice(SIGNATURE);
        buf.extend_from_slice(&1u32.to_le_bytes());
        buf.extend_from_slice(&flags.to_le_bytes());
        buf.extend_from_slice(&d.to_le_bytes());
        buf.extend_from_slice(&d.to_le_bytes());
        buf.extend_from_slice(&(40 + u32::from(w)).to_le_bytes());
        buf.extend_from_slice(&w.to_le_bytes());
        buf.extend_from_slice(&w.to_le_bytes());
        buf.extend_from_slice(&40u32.to_le_bytes());
        buf.extend_from_slice(&VERSION);
        buf.extend_from_slice(workstation.as_bytes());
        buf.extend_from_slice(domain.as_bytes());
        format!(
            "NTLM {}",
            base64::engine::general_purpose::STANDARD.encode(buf)
        )
    }

    /// The `Authorization` value of the Type 3 (authenticate) message
    /// answering `challenge`, with the client challenge and the time
    /// (milliseconds since 1970) httpntlm would draw.
    pub(crate) fn type3(
        &self,
        challenge: &Type2,
        client_challenge: [u8; 8],
        now_ms: u64,
    ) -> String {
        let (username, domain) = self.user_and_domain();
        let domain = js_escape(&js_upper(&domain));
        let workstation = js_escape(&js_upper(&self.workstation));
        let unicode = challenge.flags & NEGOTIATE_UNICODE != 0;
        let encode = |s: &str| if unicode { utf16le(s) } else { latin1(s) };
        let (domain_bytes, user_bytes, ws_bytes) =
            (encode(&domain), encode(&username), encode(&workstation));
        let nt_hash = nt_hash(&self.password);
        let (lm, nt) = if challenge.flags & NEGOTIATE_EXTENDED_SECURITY == 0 {
            (
                des_response(&lm_hash(&self.password), &challenge.server_challenge),
                des_response(&nt_hash, &challenge.server_challenge),
            )
        } else if let Some(info) = &challenge.target_info {
            ntlmv2_response(
                &nt_hash,
                &username,
                &domain,
                info,
                &challenge.server_challenge,
                client_challenge,
                now_ms,
            )
        } else {
            let mut lm = client_challenge.to_vec();
            lm.extend_from_slice(&[0; 16]);
            let mut md5 = Md5::new();
            md5.update(challenge.server_challenge);
            md5.update(client_challenge);
            let session = md5.finalize();
            (lm, des_response(&nt_hash, &session[..8]))
        };
        let fields = [&domain_bytes, &user_bytes, &ws_bytes, &lm, &nt];
        let mut offset = 72u32;
        let mut offsets = [0u32; 6];
        for (i, f) in fields.iter().enumerate() {
            offsets[i] = offset;
            offset += f.len() as u32;
        }
        offsets[5] = offset;
        let mut buf = Vec::with_capacity(offset as usize);
        buf.extend_from_slice(SIGNATURE);
        buf.extend_from_slice(&3u32.to_le_bytes());
        // Security buffers in header order: LM, NT, domain, user,
        // workstation, session key (empty).
        for (bytes, at) in [
            (lm.len(), offsets[3]),
            (nt.len(), offsets[4]),
            (domain_bytes.len(), offsets[0]),
            (user_bytes.len(), offsets[1]),
            (ws_bytes.len(), offsets[2]),
            (0, offsets[5]),
        ] {
            let len = bytes as u16;
            buf.extend_from_slice(&len.to_le_bytes());
            buf.extend_from_slice(&len.to_le_bytes());
            buf.extend_from_slice(&at.to_le_bytes());
        }
        let flags = if unicode {
            TYPE3_FLAGS
        } else {
            TYPE3_FLAGS - NEGOTIATE_UNICODE
        };
        buf.extend_from_slice(&flags.to_le_bytes());
        buf.extend_from_slice(&VERSION);
        for f in fields {
            buf.extend_from_slice(f);
        }
        format!(
            "NTLM {}",
            base64::engine::general_purpose::STANDARD.encode(buf)
        )
    }
}

/// What the client needs from a Type 2 (challenge) message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Type2 {
    /// The negotiate flags.
    pub flags: u32,
    /// The server challenge.
    pub server_challenge: [u8; 8],
    /// Target info, present when the flags announce it (possibly empty).
    pub target_info: Option<Vec<u8>>,
}

/// Whether a `401`/`403` asks for NTLM, as postman-runtime's
/// `hasNTLMChallenge` reads the headers.
pub(crate) fn has_challenge(headers: &[Header]) -> bool {
    let values: Vec<&str> = headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("www-authenticate"))
        .map(|(_, v)| v.as_str())
        .collect();
    values.iter().any(|v| *v == "NTLM" || *v == "Negotiate")
        || values.last().is_some_and(|v| v.contains("NTLM"))
}

/// The first `WWW-Authenticate: NTLM …` header's message, parsed as
/// httpntlm's `parseType2Message` reads it; `Err` says what postman-runtime
/// warns.
pub(crate) fn find_type2(headers: &[Header]) -> Result<Type2, String> {
    let Some((_, value)) = headers
        .iter()
        .find(|(k, v)| k.eq_ignore_ascii_case("www-authenticate") && v.starts_with("NTLM "))
    else {
        return Err("ntlm: server did not send NTLM type 2 message".into());
    };
    parse_type2(value)
        .ok_or_else(|| "ntlm: server did not correctly process authentication request".into())
}

fn parse_type2(value: &str) -> Option<Type2> {
    let at = value.find("NTLM ")?;
    let message = value[at + 5..].lines().next()?;
    // Node's base64 decoder skips what is not base64.
    let cleaned: String = message
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '/')
        .collect();
    let buf = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(cleaned.as_bytes())
        .ok()?;
    let u16_at = |i: usize| buf.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let u32_at = |i: usize| {
        buf.get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    if u16_at(8)? != 2 {
        return None;
    }
    let flags = u32_at(20)?;
    let server_challenge: [u8; 8] = buf.get(24..32)?.try_into().ok()?;
    let target_info = if flags & NEGOTIATE_TARGET_INFO != 0 {
        let len = usize::from(u16_at(40)?);
        let offset = u32_at(44)? as usize;
        // Buffer.slice clamps to the buffer.
        let start = offset.min(buf.len());
        let end = offset.saturating_add(len).min(buf.len());
        Some(buf[start..end].to_vec())
    } else {
        None
    };
    Some(Type2 {
        flags,
        server_challenge,
        target_info,
    })
}

/// NTLMv2 LM and NT responses.
fn ntlmv2_response(
    nt_hash: &[u8],
    username: &str,
    domain: &str,
    target_info: &[u8],
    server_challenge: &[u8; 8],
    client_challenge: [u8; 8],
    now_ms: u64,
) -> (Vec<u8>, Vec<u8>) {
    let key = hmac_md5(nt_hash, &[&utf16le(&(js_upper(username) + domain))]);
    let mut lm = hmac_md5(&key, &[server_challenge, &client_challenge]);
    lm.extend_from_slice(&client_challenge);
    let timestamp = (now_ms + 11_644_473_600_000) * 10_000;
    let mut blob = vec![1, 1, 0, 0, 0, 0, 0, 0];
    blob.extend_from_slice(&timestamp.to_le_bytes());
    blob.extend_from_slice(&client_challenge);
    blob.extend_from_slice(&[0; 4]);
    blob.extend_from_slice(target_info);
    blob.extend_from_slice(&[0; 4]);
    let mut nt = hmac_md5(&key, &[server_challenge, &blob]);
    nt.extend_from_slice(&blob);
    (lm, nt)
}

fn hmac_md5(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut mac = <Hmac<Md5> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().to_vec()
}

/// MD4 of the UTF-16LE password.
fn nt_hash(password: &str) -> Vec<u8> {
    Md4::digest(utf16le(password)).to_vec()
}

/// The LM hash: the upper-cased password's first 14 bytes (each UTF-16
/// unit's low byte, as Node's `ascii` encoding writes it) as two DES keys
/// encrypting `KGS!@#$%`.
fn lm_hash(password: &str) -> Vec<u8> {
    let mut padded = [0u8; 14];
    for (slot, b) in padded.iter_mut().zip(latin1(&js_upper(password))) {
        *slot = b;
    }
    let mut out = des_encrypt(&padded[..7], b"KGS!@#$%");
    out.extend(des_encrypt(&padded[7..], b"KGS!@#$%"));
    out
}

/// The 24-byte DES response: the hash padded to 21 bytes as three keys.
fn des_response(hash: &[u8], challenge: &[u8]) -> Vec<u8> {
    let mut padded = [0u8; 21];
    for (slot, b) in padded.iter_mut().zip(hash) {
        *slot = *b;
    }
    padded
        .chunks(7)
        .flat_map(|key| des_encrypt(key, challenge))
        .collect()
}

/// Encrypts one 8-byte block with a 7-byte key spread over 8 bytes (a zero
/// bit after every seven, httpntlm's `insertZerosEvery7Bits`).
fn des_encrypt(key7: &[u8], block: &[u8]) -> Vec<u8> {
    let bits = key7.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    let key: Vec<u8> = (0..8)
        .map(|i| (((bits >> (49 - 7 * i)) & 0x7F) as u8) << 1)
        .collect();
    let cipher = des::Des::new_from_slice(&key).expect("a DES key is 8 bytes");
    let mut out = des::cipher::generic_array::GenericArray::clone_from_slice(&block[..8]);
    cipher.encrypt_block(&mut out);
    out.to_vec()
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// Node's `Buffer.from(text, 'ascii')`: each UTF-16 unit's low byte.
fn latin1(text: &str) -> Vec<u8> {
    text.encode_utf16().map(|u| (u & 0xFF) as u8).collect()
}

/// JavaScript's `toUpperCase()`.
fn js_upper(text: &str) -> String {
    text.to_uppercase()
}

/// JavaScript's `escape()`: `A-Z a-z 0-9 @ * _ + - . /` as they are, other
/// UTF-16 units below 256 as `%XX`, the rest as `%uXXXX`.
fn js_escape(text: &str) -> String {
    let mut out = String::new();
    for unit in text.encode_utf16() {
        match u8::try_from(unit) {
            Ok(b) if b.is_ascii_alphanumeric() || b"@*_+-./".contains(&b) => out.push(b as char),
            Ok(b) => out.push_str(&format!("%{b:02X}")),
            Err(_) => out.push_str(&format!("%u{unit:04X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_escape_as_javascript() {
        assert_eq!(js_escape("A b@*_+-./ä€"), "A%20b@*_+-./%E4%u20AC");
    }

    #[test]
    fn user_and_domain_from_the_user_name() {
        let with = |u: &str, d: &str| NtlmAuth {
            username: u.into(),
            domain: d.into(),
            ..Default::default()
        };
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(with("CORP\\ann", "").user_and_domain(), pair("ann", "CORP"));
        assert_eq!(
            with("ann@corp.example", "").user_and_domain(),
            pair("ann", "corp.example")
        );
        assert_eq!(
            with("CORP\\ann@x", "").user_and_domain(),
            pair("CORP\\ann@x", "")
        );
        assert_eq!(
            with("CORP\\ann", "D").user_and_domain(),
            pair("CORP\\ann", "D")
        );
        assert_eq!(with("\\ann", "").user_and_domain(), pair("\\ann", ""));
    }

    #[test]
    fn challenge_detection_as_postman_runtime() {
        let h = |v: &[&str]| -> Vec<Header> {
            v.iter()
                .map(|v| ("WWW-Authenticate".to_owned(), (*v).to_owned()))
                .collect()
        };
        assert!(has_challenge(&h(&["NTLM"])));
        assert!(has_challenge(&h(&["Negotiate", "Basic realm=x"])));
        assert!(has_challenge(&h(&["Basic realm=x", "Negotiate, NTLM"])));
        assert!(!has_challenge(&h(&["NTLM x", "Basic realm=x"])));
        assert!(!has_challenge(&h(&["Basic realm=x"])));
    }

    /// httpntlm 1.8.13's messages for the same input, its random client
    /// challenge and clock fixed (05 16 27 38 49 5a 6b 7c, 1700000000123 ms).
    #[test]
    fn messages_byte_for_byte_as_httpntlm() {
        const CLIENT: [u8; 8] = [0x05, 0x16, 0x27, 0x38, 0x49, 0x5a, 0x6b, 0x7c];
        const NOW: u64 = 1_700_000_000_123;
        let auth = |u: &str, p: &str, d: &str, w: &str| NtlmAuth {
            username: u.into(),
            password: p.into(),
            domain: d.into(),
            workstation: w.into(),
            disable_retry: false,
        };
        assert_eq!(
            auth("", "", "", "").type1(),
            "NTLM TlRMTVNTUAABAAAAB6IIogAAAAAoAAAAAAAAACgAAAAFASgKAAAADw=="
        );
        assert_eq!(
            auth("", "", "corp", "wks-1").type1(),
            "NTLM TlRMTVNTUAABAAAAB7IIogQABAAtAAAABQAFACgAAAAFASgKAAAAD1dLUy0xQ09SUA=="
        );
        assert_eq!(
            auth("", "", "dömain", "Ws€").type1(),
            "NTLM TlRMTVNTUAABAAAAB7IIoggACAAwAAAACAAIACgAAAAFASgKAAAAD1dTJXUyMEFDRCVENk1BSU4="
        );
        let ann = auth("Ann", "Passw0rd!", "Corp", "wks");
        let cases = [
            // Extended security with target info: NTLMv2.
            (
                "NTLM TlRMTVNTUAACAAAADAAMADAAAAAFgomiASNFZ4mrze8AAAAAAAAAACQAJAA8AAAARABPAE0AQQBJAE4AAgAMAEQATwBNAEEASQBOAAEADABTAEUAUgBWAEUAUgAAAAAA",
                "NTLM TlRMTVNTUAADAAAAGAAYAFwAAABUAFQAdAAAAAgACABIAAAABgAGAFAAAAAGAAYAVgAAAAAAAADIAAAABYKIogUBKAoAAAAPQwBPAFIAUABBAG4AbgBXAEsAUwAEjKAKfWxigc5uQldARwCuBRYnOElaa3zPOq7+dRsSRaWPqM9TzgC+AQEAAAAAAACwxH/GRxfaAQUWJzhJWmt8AAAAAAIADABEAE8ATQBBAEkATgABAAwAUwBFAFIAVgBFAFIAAAAAAAAAAAA=",
            ),
            // Extended security without target info: NTLM2 session response.
            (
                "NTLM TlRMTVNTUAACAAAADAAMADAAAAAFkgiiASNFZ4mrze8AAAAAAAAAAAAAAAA8AAAARABPAE0AQQBJAE4A",
                "NTLM TlRMTVNTUAADAAAAGAAYAFwAAAAYABgAdAAAAAgACABIAAAABgAGAFAAAAAGAAYAVgAAAAAAAACMAAAABYKIogUBKAoAAAAPQwBPAFIAUABBAG4AbgBXAEsAUwAFFic4SVprfAAAAAAAAAAAAAAAAAAAAADvcmi0gI0+X/JydEU5wQ+LpcYT1gZX9yA=",
            ),
            // Neither, and OEM strings: NTLMv1 LM and NT responses.
            (
                "NTLM TlRMTVNTUAACAAAADAAMADAAAAAGggAAASNFZ4mrze8AAAAAAAAAAAAAAAA8AAAARABPAE0AQQBJAE4A",
                "NTLM TlRMTVNTUAADAAAAGAAYAFIAAAAYABgAagAAAAQABABIAAAAAwADAEwAAAADAAMATwAAAAAAAACCAAAABIKIogUBKAoAAAAPQ09SUEFubldLU5+SeLow3cAKAU4PF3nT4jL5T/Csptzki5E4rx7xX7Z8NOie3tk8xb8Lr51KG/qIIQ==",
            ),
        ];
        for (type2, type3) in cases {
            let challenge = parse_type2(type2).expect("a type 2 message");
            assert_eq!(ann.type3(&challenge, CLIENT, NOW), type3, "{type2}");
        }
        let v2 = parse_type2("NTLM TlRMTVNTUAACAAAADAAMADAAAAAFgomiASNFZ4mrze8AAAAAAAAAACQAJAA8AAAARABPAE0AQQBJAE4AAgAMAEQATwBNAEEASQBOAAEADABTAEUAUgBWAEUAUgAAAAAA").expect("type 2");
        assert_eq!(
            auth("Zoë", "pässwörd", "dömain", "").type3(&v2, CLIENT, NOW),
            "NTLM TlRMTVNTUAADAAAAGAAYAF4AAABUAFQAdgAAABAAEABIAAAABgAGAFgAAAAAAAAAXgAAAAAAAADKAAAABYKIogUBKAoAAAAPRAAlAEQANgBNAEEASQBOAFoAbwDrAIPBnoUH05lLEsHotw1hRUUFFic4SVprfBMAWm4C9kMxqBObsBV2yvIBAQAAAAAAALDEf8ZHF9oBBRYnOElaa3wAAAAAAgAMAEQATwBNAEEASQBOAAEADABTAEUAUgBWAEUAUgAAAAAAAAAAAA=="
        );
        let v1 = parse_type2(
            "NTLM TlRMTVNTUAACAAAADAAMADAAAAAGggAAASNFZ4mrze8AAAAAAAAAAAAAAAA8AAAARABPAE0AQQBJAE4A",
        )
        .expect("type 2");
        assert_eq!(
            auth("Zoë", "a-very-long-password", "", "w").type3(&v1, CLIENT, NOW),
            "NTLM TlRMTVNTUAADAAAAGAAYAEwAAAAYABgAZAAAAAAAAABIAAAAAwADAEgAAAABAAEASwAAAAAAAAB8AAAABIKIogUBKAoAAAAPWm/rVyQX/36v1j5IKuGM/FnotVvQQO0UovG53hkPLunbUSwSMCQ2J/M+XKUSFKj9m//hRA=="
        );
    }

    #[test]
    fn type2_that_is_not_one() {
        let h = |v: &str| vec![("WWW-Authenticate".to_owned(), v.to_owned())];
        assert!(
            find_type2(&h("Basic realm=x"))
                .unwrap_err()
                .contains("did not send NTLM type 2")
        );
        // A type 1 message, or bytes too short to hold a challenge.
        assert!(
            find_type2(&h(
                "NTLM TlRMTVNTUAABAAAAB6IIogAAAAAoAAAAAAAAACgAAAAFASgKAAAADw=="
            ))
            .unwrap_err()
            .contains("did not correctly process")
        );
        assert!(find_type2(&h("NTLM TlRMTVNTUAACAAAA")).is_err());
    }
}
