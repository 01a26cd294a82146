// courier prelude: `crypto-js` (hashes, HMAC and encoders over the Rust
// hashing crates), `atob` / `btoa`, `uuid`, a small `Buffer`, and the
// `crypto` global's `randomUUID` / `getRandomValues`.
(function (C) {
    'use strict';

    var N = C.native;

    function notAvailable(what) {
        return function () {
            throw new Error(what + ' is not available in courier (crypto-js offers hashes, HMAC and encoders here)');
        };
    }

    // ---- WordArray: crypto-js's byte container, kept as a byte array here -------------------

    function WordArray(bytes) {
        this._bytes = bytes || [];
    }
    Object.defineProperty(WordArray.prototype, 'sigBytes', {
        get: function () { return this._bytes.length; },
        set: function (n) { this._bytes.length = Math.max(0, Math.min(n, this._bytes.length)); }
    });
    Object.defineProperty(WordArray.prototype, 'words', {
        get: function () {
            var words = [];
            for (var i = 0; i < this._bytes.length; i++) {
                words[i >>> 2] |= this._bytes[i] << (24 - (i % 4) * 8);
            }
            return words.map(function (w) { return w | 0; });
        }
    });
    WordArray.prototype.toString = function (encoder) { return (encoder || Hex).stringify(this); };
    WordArray.prototype.concat = function (other) {
        this._bytes = this._bytes.concat(toWordArray(other)._bytes);
        return this;
    };
    WordArray.prototype.clone = function () { return new WordArray(this._bytes.slice()); };
    WordArray.prototype.clamp = function () { return this; };
    WordArray.create = function (words, sigBytes) {
        if (words instanceof ArrayBuffer) { words = new Uint8Array(words); }
        if (ArrayBuffer.isView(words)) {
            return new WordArray(Array.prototype.slice.call(new Uint8Array(words.buffer, words.byteOffset, words.byteLength)));
        }
        words = words || [];
        var count = sigBytes === undefined ? words.length * 4 : sigBytes;
        var bytes = [];
        for (var i = 0; i < count; i++) { bytes.push((words[i >>> 2] >>> (24 - (i % 4) * 8)) & 0xff); }
        return new WordArray(bytes);
    };
    WordArray.random = function (n) { return new WordArray(C.fromHex(N.randomHex(n))); };

    function toWordArray(value) {
        if (value instanceof WordArray) { return value; }
        return new WordArray(C.utf8Bytes(value === undefined || value === null ? '' : String(value)));
    }

    var Hex = {
        stringify: function (wa) { return C.toHex(wa._bytes); },
        parse: function (text) { return new WordArray(C.fromHex(String(text))); }
    };
    var Latin1 = {
        stringify: function (wa) { return wa._bytes.map(function (b) { return String.fromCharCode(b); }).join(''); },
        parse: function (text) {
            text = String(text);
            var bytes = [];
            for (var i = 0; i < text.length; i++) { bytes.push(text.charCodeAt(i) & 0xff); }
            return new WordArray(bytes);
        }
    };
    var Utf8 = {
        stringify: function (wa) { return C.utf8Text(wa._bytes); },
        parse: function (text) { return new WordArray(C.utf8Bytes(text)); }
    };
    function base64Encoder(urlSafe) {
        return {
            stringify: function (wa) { return N.base64Encode(C.toHex(wa._bytes), urlSafe); },
            parse: function (text) { return new WordArray(C.fromHex(N.base64Decode(String(text), urlSafe) || '')); }
        };
    }
    var Utf16 = {
        stringify: function (wa) {
            var out = '';
            for (var i = 0; i + 1 < wa._bytes.length; i += 2) {
                out += String.fromCharCode((wa._bytes[i] << 8) | wa._bytes[i + 1]);
            }
            return out;
        },
        parse: function (text) {
            text = String(text);
            var bytes = [];
            for (var i = 0; i < text.length; i++) {
                var c = text.charCodeAt(i);
                bytes.push(c >> 8, c & 0xff);
            }
            return new WordArray(bytes);
        }
    };

    function hasher(name) {
        var fn = function (message) {
            if (message instanceof WordArray) { return Hex.parse(N.hash(name, C.toHex(message._bytes))); }
            return Hex.parse(N.hashText(name, message === undefined || message === null ? '' : String(message)));
        };
        return fn;
    }
    function hmacer(name) {
        return function (message, key) {
            return Hex.parse(N.hmac(name, C.toHex(toWordArray(key)._bytes), C.toHex(toWordArray(message)._bytes)));
        };
    }

    // Progressive hashing: `CryptoJS.algo.SHA256.create().update(a).update(b).finalize()`.
    function algo(name) {
        return {
            name: name,
            create: function () {
                var parts = [];
                return {
                    update: function (m) { parts = parts.concat(toWordArray(m)._bytes); return this; },
                    finalize: function (m) {
                        if (m !== undefined) { this.update(m); }
                        return Hex.parse(N.hash(name, C.toHex(parts)));
                    },
                    reset: function () { parts = []; return this; }
                };
            }
        };
    }

    var algos = { MD5: algo('md5'), SHA1: algo('sha1'), SHA224: algo('sha224'), SHA256: algo('sha256'),
        SHA384: algo('sha384'), SHA512: algo('sha512') };
    algos.HMAC = {
        create: function (hashAlgo, key) {
            var parts = [];
            return {
                update: function (m) { parts = parts.concat(toWordArray(m)._bytes); return this; },
                finalize: function (m) {
                    if (m !== undefined) { this.update(m); }
                    return Hex.parse(N.hmac(hashAlgo.name, C.toHex(toWordArray(key)._bytes), C.toHex(parts)));
                },
                reset: function () { parts = []; return this; }
            };
        }
    };

    var CryptoJS = {
        lib: { WordArray: WordArray },
        enc: { Hex: Hex, Latin1: Latin1, Utf8: Utf8, Utf16: Utf16, Utf16BE: Utf16, Base64: base64Encoder(false),
            Base64url: base64Encoder(true) },
        algo: algos,
        MD5: hasher('md5'),
        SHA1: hasher('sha1'),
        SHA224: hasher('sha224'),
        SHA256: hasher('sha256'),
        SHA384: hasher('sha384'),
        SHA512: hasher('sha512'),
        HmacMD5: hmacer('md5'),
        HmacSHA1: hmacer('sha1'),
        HmacSHA224: hmacer('sha224'),
        HmacSHA256: hmacer('sha256'),
        HmacSHA384: hmacer('sha384'),
        HmacSHA512: hmacer('sha512'),
        SHA3: notAvailable('CryptoJS.SHA3'),
        RIPEMD160: notAvailable('CryptoJS.RIPEMD160'),
        PBKDF2: notAvailable('CryptoJS.PBKDF2'),
        AES: { encrypt: notAvailable('CryptoJS.AES'), decrypt: notAvailable('CryptoJS.AES') },
        DES: { encrypt: notAvailable('CryptoJS.DES'), decrypt: notAvailable('CryptoJS.DES') },
        TripleDES: { encrypt: notAvailable('CryptoJS.TripleDES'), decrypt: notAvailable('CryptoJS.TripleDES') },
        RC4: { encrypt: notAvailable('CryptoJS.RC4'), decrypt: notAvailable('CryptoJS.RC4') }
    };

    // ---- atob / btoa -----------------------------------------------------------------

    // Newman's sandbox ships the `atob` and `btoa` npm packages, which go through
    // Node's Buffer: lenient base64 decoding, and `btoa` keeps each char's low byte.

    var BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

    /** Node's base64 decoding: other characters are skipped, `=` ends the data. */
    function base64Bytes(text) {
        var bits = 0;
        var count = 0;
        var out = [];
        for (var i = 0; i < text.length; i++) {
            var ch = text[i];
            if (ch === '=') { break; }
            var v = ch === '-' ? 62 : ch === '_' ? 63 : BASE64.indexOf(ch);
            if (v < 0) { continue; }
            bits = (bits << 6) | v;
            count += 6;
            if (count >= 8) {
                count -= 8;
                out.push((bits >> count) & 0xff);
            }
        }
        return out;
    }

    /** Decodes base64 into a binary string (one char per byte), as `Buffer.from(x, 'base64')`. */
    function atob(text) {
        var bytes;
        if (typeof text === 'string') { bytes = base64Bytes(text); }
        else if (typeof text === 'number') {
            throw new TypeError('The "value" argument must not be of type number. Received type number');
        }
        else if (text instanceof ArrayBuffer || ArrayBuffer.isView(text) || Array.isArray(text)) {
            bytes = Array.prototype.slice.call(text instanceof ArrayBuffer ? new Uint8Array(text) : text);
        }
        else {
            throw new TypeError('The first argument must be one of type string, Buffer, ArrayBuffer, Array, ' +
                'or Array-like Object. Received type ' + typeof text);
        }
        return bytes.map(function (b) { return String.fromCharCode(b & 0xff); }).join('');
    }

    /** Encodes a value's string as base64, one byte per char (its low byte). */
    function btoa(text) {
        if (text === undefined || text === null) {
            throw new TypeError("Cannot read properties of " + text + " (reading 'toString')");
        }
        var bytes = [];
        if (text instanceof Buffer) { bytes = Array.prototype.slice.call(text); }
        else {
            text = String(text.toString());
            for (var i = 0; i < text.length; i++) { bytes.push(text.charCodeAt(i) & 0xff); }
        }
        return N.base64Encode(C.toHex(bytes), false);
    }

    // ---- uuid ----------------------------------------------------------------------

    var uuid = function () { return N.uuid(); };
    uuid.v4 = uuid;
    uuid.validate = function (s) {
        return /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(String(s));
    };
    uuid.NIL = '00000000-0000-0000-0000-000000000000';

    // ---- Buffer (the parts scripts use: from, toString, concat, byteLength) -------------

    function bytesOf(value, encoding) {
        encoding = String(encoding || 'utf8').toLowerCase();
        var text = String(value);
        switch (encoding) {
        case 'hex': return C.fromHex(text);
        case 'base64': return C.fromHex(N.base64Decode(text, false) || '');
        case 'base64url': return C.fromHex(N.base64Decode(text, true) || '');
        case 'latin1': case 'binary': case 'ascii':
            return Array.prototype.map.call(text, function (ch) { return ch.charCodeAt(0) & 0xff; });
        default: return C.utf8Bytes(text);
        }
    }

    function fromBytes(bytes) {
        var b = new Buffer(bytes.length);
        b.set(bytes);
        return b;
    }

    class Buffer extends Uint8Array {
        static from(value, encoding) {
            if (typeof value === 'string') { return fromBytes(bytesOf(value, encoding)); }
            if (value instanceof ArrayBuffer) { return new Buffer(value.slice(0)); }
            if (value && value.type === 'Buffer' && Array.isArray(value.data)) { return fromBytes(value.data); }
            return fromBytes(Array.prototype.slice.call(value || []));
        }
        static alloc(size, fill) {
            var b = new Buffer(size);
            if (fill !== undefined) { b.fill(typeof fill === 'string' ? fill.charCodeAt(0) : fill); }
            return b;
        }
        static isBuffer(value) { return value instanceof Buffer; }
        static byteLength(value, encoding) {
            return typeof value === 'string' ? bytesOf(value, encoding).length : value.byteLength;
        }
        static concat(list) {
            var all = [];
            list.forEach(function (b) { all = all.concat(Array.prototype.slice.call(b)); });
            return fromBytes(all);
        }
        toString(encoding) {
            var bytes = Array.prototype.slice.call(this);
            switch (String(encoding || 'utf8').toLowerCase()) {
            case 'hex': return C.toHex(bytes);
            case 'base64': return N.base64Encode(C.toHex(bytes), false);
            case 'base64url': return N.base64Encode(C.toHex(bytes), true);
            case 'latin1': case 'binary': case 'ascii':
                return bytes.map(function (b) { return String.fromCharCode(b); }).join('');
            default: return C.utf8Text(bytes);
            }
        }
        toJSON() { return { type: 'Buffer', data: Array.prototype.slice.call(this) }; }
        equals(other) { return this.length === other.length && this.every(function (b, i) { return b === other[i]; }); }
    }

    var webCrypto = {
        randomUUID: function () { return N.uuid(); },
        getRandomValues: function (array) {
            var bytes = C.fromHex(N.randomHex(array.byteLength));
            new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes);
            return array;
        }
    };

    C.CryptoJS = CryptoJS;
    C.atob = atob;
    C.btoa = btoa;
    C.uuid = uuid;
    C.Buffer = Buffer;
    C.webCrypto = webCrypto;
})
