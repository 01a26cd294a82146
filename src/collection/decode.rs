//! Turning the bytes of an input file into text, as Newman does.
//!
//! Newman reads every collection, environment, globals and iteration-data
//! file as bytes, picks a character set (`chardet`: UTF-8, UTF-16 LE with a
//! byte-order mark, ISO-8859-1), trims the text with JavaScript's `trim()`
//! (which also removes a U+FEFF byte-order mark) and strips any byte-order
//! mark left before parsing JSON (`liquid-json`). `load.rs` and `data.rs`
//! call [`decode`] on the bytes and [`json_body`] on JSON text. Two places
//! where Newman goes wrong are done right here (conformance/KNOWN.md): a
//! UTF-16 BE file with its byte-order mark is read, and valid UTF-8 is always
//! read as UTF-8 (Newman's detector takes a mostly-English file with one to
//! three accented letters for ISO-8859-1 and sends `cafÃ©`).

/// Why the bytes of a file are not text courier can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// A UTF-32 byte-order mark.
    Utf32,
    /// NUL bytes in every other position and no byte-order mark.
    Utf16WithoutBom,
}

impl DecodeError {
    /// The message, with what to do about it.
    pub(crate) fn message(&self) -> &'static str {
        match self {
            DecodeError::Utf32 => {
                "the file is UTF-32 text, which neither Newman nor courier reads; save it as UTF-8"
            }
            DecodeError::Utf16WithoutBom => {
                "the file looks like UTF-16 text without a byte-order mark; save it as UTF-8 (or as UTF-16 with a byte-order mark)"
            }
        }
    }
}

/// Decodes file bytes: UTF-16 LE or BE when the file starts with that
/// byte-order mark, UTF-8 when the bytes are valid UTF-8 (a UTF-8
/// byte-order mark is kept, for [`json_body`] or the CSV reader to drop), and
/// otherwise ISO-8859-1 when no byte is in 0x80–0x9F, else UTF-8 with
/// replacement characters (Newman's detector names such a file
/// windows-1252, which Node cannot decode, so Node falls back to UTF-8).
pub(crate) fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => Err(DecodeError::Utf32),
        [0xFF, 0xFE, rest @ ..] => Ok(utf16(rest, u16::from_le_bytes)),
        [0xFE, 0xFF, rest @ ..] => Ok(utf16(rest, u16::from_be_bytes)),
        [a, b, ..] if (*a == 0) != (*b == 0) && looks_utf16(bytes) => {
            Err(DecodeError::Utf16WithoutBom)
        }
        _ => Ok(match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) if !bytes.iter().any(|b| (0x80..=0x9F).contains(b)) => {
                bytes.iter().map(|&b| char::from(b)).collect()
            }
            Err(_) => String::from_utf8_lossy(bytes).into_owned(),
        }),
    }
}

/// UTF-16 code units to text; an odd last byte is dropped, as Node does,
/// and unpaired surrogates become U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| unit([pair[0], pair[1]]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// Whether at least half of the first 64 code units have a zero byte, the
/// mark of ASCII text saved as UTF-16.
fn looks_utf16(bytes: &[u8]) -> bool {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(64).collect();
    let zeros = pairs.iter().filter(|p| (p[0] == 0) != (p[1] == 0)).count();
    zeros * 2 >= pairs.len()
}

/// Whether JavaScript's `String.prototype.trim` removes `c`: Unicode spaces,
/// line terminators and U+FEFF (but not U+0085, which Rust counts as space).
pub(crate) fn is_js_space(c: char) -> bool {
    c == '\u{feff}' || (c.is_whitespace() && c != '\u{85}')
}

/// JavaScript's `trim()`.
pub(crate) fn js_trim(text: &str) -> &str {
    text.trim_matches(is_js_space)
}

/// The JSON text Newman parses out of a decoded file: trimmed as by
/// JavaScript's `trim()`, then without a byte-order mark that survived
/// decoding as ISO-8859-1 (`þÿ`, `ÿþ`, `ï»¿`). Also returns the text removed
/// in front, so that error positions can be given in the file's terms.
pub(crate) fn json_body(text: &str) -> (&str, &str) {
    let trimmed = text.trim_end_matches(is_js_space);
    let body = trimmed.trim_start_matches(is_js_space);
    let body = ["\u{fe}\u{ff}", "\u{ff}\u{fe}", "\u{ef}\u{bb}\u{bf}"]
        .iter()
        .find_map(|bom| body.strip_prefix(bom))
        .unwrap_or(body);
    let skipped = &text[..trimmed.len() - body.len()];
    (body, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"{\"a\":1}").as_deref(), Ok("{\"a\":1}"));
        let with_bom = decode("\u{feff}{\"é\":1}".as_bytes()).unwrap();
        assert_eq!(json_body(&with_bom).0, "{\"é\":1}");
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        let text = "{\"v\": \"café ✓\"}";
        assert_eq!(
            decode(&utf16le(text, true))
                .unwrap()
                .trim_start_matches('\u{feff}'),
            text
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap().trim_start_matches('\u{feff}'), text);
    }

    #[test]
    fn utf16_without_bom_and_utf32_are_named() {
        assert_eq!(
            decode(&utf16le("{\"a\": 1}", false)),
            Err(DecodeError::Utf16WithoutBom)
        );
        assert_eq!(
            decode(&[0xFF, 0xFE, 0, 0, b'{', 0, 0, 0]),
            Err(DecodeError::Utf32)
        );
    }

    #[test]
    fn invalid_utf8_is_latin1_unless_it_has_c1_bytes() {
        assert_eq!(decode(b"caf\xe9").as_deref(), Ok("café"));
        assert_eq!(
            decode(b"\x93q\x94 \xff").as_deref(),
            Ok("\u{fffd}q\u{fffd} \u{fffd}")
        );
    }

    #[test]
    fn json_body_trims_like_javascript_and_reports_what_it_skipped() {
        assert_eq!(json_body("\u{feff}\n {}\u{a0}\n"), ("{}", "\u{feff}\n "));
        assert_eq!(
            json_body("\u{ef}\u{bb}\u{bf}[1]"),
            ("[1]", "\u{ef}\u{bb}\u{bf}")
        );
        assert_eq!(
            json_body("\u{85}{}").0,
            "\u{85}{}",
            "U+0085 is not JavaScript space"
        );
    }
}
