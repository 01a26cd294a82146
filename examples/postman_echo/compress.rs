//! Response bodies in the gzip (RFC 1952) and zlib (RFC 1950, what HTTP
//! calls `deflate`) formats, for `/gzip` and `/deflate`.
//!
//! The data goes in DEFLATE "stored" blocks (RFC 1951 §3.2.4): valid
//! compressed streams that any client must inflate, without a compressor.

/// The most a stored block holds.
const STORED_MAX: usize = 0xFFFF;

/// `data` as a sequence of stored DEFLATE blocks, the last one final.
fn deflate_stored(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 5 * (data.len() / STORED_MAX + 1));
    let mut chunks = data.chunks(STORED_MAX).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[0x01, 0x00, 0x00, 0xFF, 0xFF]);
        return out;
    }
    while let Some(chunk) = chunks.next() {
        let last = chunks.peek().is_none();
        out.push(u8::from(last));
        let len = u16::try_from(chunk.len()).unwrap_or(u16::MAX);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out
}

/// CRC-32 (IEEE 802.3, reflected), as gzip's trailer needs it.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// Adler-32, as zlib's trailer needs it.
fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

/// `data` as a gzip member.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    // Magic, CM=8 (deflate), no flags, no mtime, no extra flags, OS unknown.
    let mut out = vec![0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff];
    out.extend(deflate_stored(data));
    out.extend_from_slice(&crc32(data).to_le_bytes());
    // ISIZE is the length modulo 2^32, which is what `as` keeps.
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// `data` as a zlib stream.
pub fn zlib(data: &[u8]) -> Vec<u8> {
    // CMF 0x78 (deflate, 32K window), FLG 0x01 (check bits, no dictionary).
    let mut out = vec![0x78, 0x01];
    out.extend(deflate_stored(data));
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_match_known_values() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn zlib_header_is_a_multiple_of_31() {
        let z = zlib(b"x");
        assert_eq!((u16::from(z[0]) * 256 + u16::from(z[1])) % 31, 0);
    }

    #[test]
    fn long_data_spans_several_stored_blocks() {
        let data = vec![7u8; STORED_MAX + 10];
        let d = deflate_stored(&data);
        assert_eq!(d[0], 0);
        assert_eq!(d.len(), data.len() + 10);
        assert_eq!(d[5 + STORED_MAX], 1);
    }
}
