//! `CryptoJS` where courier goes past crypto-js 3.3.0 or refuses what it
//! cannot reproduce (the values crypto-js gives are checked by the
//! `scripts/crypto` fixture, end to end).

use super::support::{Fixture, failed, ok, passed};

async fn all_pass(source: &str) -> Vec<String> {
    let mut fx = Fixture::new();
    let out = fx.test(source).await;
    ok(&out);
    assert!(failed(&out).is_empty(), "{:#?}", failed(&out));
    passed(&out)
}

#[tokio::test]
async fn issue13_base64url_is_there_as_in_crypto_js_4() {
    let names = all_pass(
        "const u = CryptoJS.enc.Base64url;\n\
         pm.test('stringify', () => pm.expect(u.stringify(CryptoJS.enc.Hex.parse('fbff01'))).to.equal('-_8B'));\n\
         pm.test('no padding', () => pm.expect(u.stringify(CryptoJS.enc.Utf8.parse('a'))).to.equal('YQ'));\n\
         pm.test('parse', () => pm.expect(u.parse('-_8B').toString()).to.equal('fbff01'));\n\
         pm.test('toString', () => pm.expect(CryptoJS.SHA1('').toString(u)).to.equal('2jmj7l5rSw0yVb_vlWAYkK_YBwk'));",
    )
    .await;
    assert_eq!(names.len(), 4);
}

#[tokio::test]
async fn issue13_what_courier_cannot_reproduce_throws_a_reason() {
    let names = all_pass(
        "const H = CryptoJS.enc.Hex;\n\
         const key = H.parse('000102030405060708090a0b0c0d0e0f');\n\
         pm.test('AES key of 10 bytes', () => pm.expect(() => CryptoJS.AES.encrypt('a', H.parse('00010203040506070809'), { mode: CryptoJS.mode.ECB }))\n\
           .to.throw(/a key of 10 bytes is not supported in courier \\(use 16, 24 or 32 bytes/));\n\
         pm.test('custom mode', () => pm.expect(() => CryptoJS.AES.encrypt('a', key, { iv: key, mode: {} }))\n\
           .to.throw(TypeError, /only the built-in modes/));\n\
         pm.test('SHA3 outputLength 100', () => pm.expect(() => CryptoJS.SHA3('a', { outputLength: 100 }))\n\
           .to.throw(RangeError, /outputLength must be a multiple of 32/));\n\
         pm.test('a number as message', () => pm.expect(() => CryptoJS.SHA256(42))\n\
           .to.throw(TypeError, 'CryptoJS: the message must be a string or a WordArray, not number'));\n\
         pm.test('a number as key', () => pm.expect(() => CryptoJS.AES.encrypt('a', 42))\n\
           .to.throw(TypeError, /the key must be a WordArray or a passphrase string/));\n\
         pm.test('no key', () => pm.expect(() => CryptoJS.AES.encrypt('a'))\n\
           .to.throw(TypeError, \"Cannot read properties of undefined (reading 'words')\"));\n\
         pm.test('custom hasher', () => pm.expect(() => CryptoJS.PBKDF2('a', 'b', { hasher: {} }))\n\
           .to.throw(TypeError, /only the built-in hashers/));\n\
         pm.test('ZeroPadding on all-zero data ends', () => pm.expect(\n\
           CryptoJS.AES.decrypt(CryptoJS.AES.encrypt(H.parse('0000'), key, { iv: key, padding: CryptoJS.pad.NoPadding }), key,\n\
             { iv: key, padding: CryptoJS.pad.ZeroPadding }).sigBytes).to.be.a('number'));",
    )
    .await;
    assert_eq!(names.len(), 8);
}

#[tokio::test]
async fn issue13_passphrase_output_is_random_and_round_trips() {
    let names = all_pass(
        "const a = CryptoJS.AES.encrypt('message', 'pw');\n\
         const b = CryptoJS.AES.encrypt('message', 'pw');\n\
         pm.test('salted and different each time', () => {\n\
           pm.expect(a.toString()).to.match(/^U2FsdGVkX1/);\n\
           pm.expect(a.toString()).not.to.equal(b.toString());\n\
           pm.expect(a.salt.sigBytes).to.equal(8);\n\
         });\n\
         pm.test('round trip', () => pm.expect(CryptoJS.AES.decrypt(a.toString(), 'pw').toString(CryptoJS.enc.Utf8)).to.equal('message'));\n\
         pm.test('the key and IV come from EvpKDF', () => {\n\
           const d = CryptoJS.EvpKDF('pw', a.salt, { keySize: 8 + 4 });\n\
           pm.expect(a.key.toString() + a.iv.toString()).to.equal(d.toString());\n\
         });",
    )
    .await;
    assert_eq!(names.len(), 3);
}
