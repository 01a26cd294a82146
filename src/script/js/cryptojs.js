// courier prelude: `CryptoJS` / `require('crypto-js')`, with the API and the
// output of crypto-js 3.3.0, the version Newman 6.2.2's sandbox bundles.
//
// This file holds the object model scripts see (WordArray, encoders,
// paddings, cipher parameters, the OpenSSL format, the streaming
// hasher / cipher objects); hashing, HMAC, the key derivations and the
// ciphers with their block modes run in Rust (`cryptojs.rs`,
// `cryptojs_cipher.rs`), reached through `C.native.cjs*` with bytes as hex.
// Loaded only when a script first reads `CryptoJS` (see `libraries.js`).
(function (C) {
    'use strict';

    var N = C.native;
    var hasOwn = Object.prototype.hasOwnProperty;

    // ---- lib.Base: crypto-js's prototype objects (extend / create / init / mixIn / clone) --

    function mixIn(target, props) {
        for (var k in props) {
            if (hasOwn.call(props, k)) { target[k] = props[k]; }
        }
        if (props && hasOwn.call(props, 'toString')) { target.toString = props.toString; }
        return target;
    }

    var Base = {
        extend: function (overrides) {
            var sub = Object.create(this);
            if (overrides) { mixIn(sub, overrides); }
            sub.$super = this;
            return sub;
        },
        create: function () {
            var instance = Object.create(this);
            instance.init.apply(instance, arguments);
            return instance;
        },
        init: function () {},
        mixIn: function (props) { return mixIn(this, props); },
        clone: function () { return mixIn(Object.create(Object.getPrototypeOf(this)), this); }
    };

    // ---- WordArray: big-endian 32-bit words and a count of significant bytes ---------

    function byteAt(words, i) { return (words[i >>> 2] >>> (24 - (i % 4) * 8)) & 0xff; }

    var WordArray = Base.extend({
        init: function (words, sigBytes) {
            if (typeof ArrayBuffer !== 'undefined' && (words instanceof ArrayBuffer || ArrayBuffer.isView(words))) {
                var bytes = words instanceof ArrayBuffer ? new Uint8Array(words)
                    : new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
                var packed = [];
                for (var i = 0; i < bytes.length; i++) { packed[i >>> 2] |= bytes[i] << (24 - (i % 4) * 8); }
                words = packed;
                sigBytes = bytes.length;
            }
            words = this.words = words || [];
            this.sigBytes = sigBytes !== undefined ? sigBytes : words.length * 4;
        },
        toString: function (encoder) { return (encoder || Hex).stringify(this); },
        concat: function (other) {
            var mine = this.words;
            var theirs = other.words;
            var at = this.sigBytes;
            var count = other.sigBytes;
            this.clamp();
            if (at % 4) {
                for (var i = 0; i < count; i++) {
                    mine[(at + i) >>> 2] |= byteAt(theirs, i) << (24 - ((at + i) % 4) * 8);
                }
            }
            else {
                for (var j = 0; j < count; j += 4) { mine[(at + j) >>> 2] = theirs[j >>> 2]; }
            }
            this.sigBytes += count;
            return this;
        },
        clamp: function () {
            var words = this.words;
            var n = this.sigBytes;
            words[n >>> 2] &= 0xffffffff << (32 - (n % 4) * 8);
            words.length = Math.ceil(n / 4);
        },
        clone: function () {
            var copy = Base.clone.call(this);
            copy.words = this.words.slice(0);
            return copy;
        },
        random: function (nBytes) {
            return Hex.parse(N.randomHex(Math.max(0, nBytes | 0))).mixIn({ sigBytes: nBytes });
        }
    });

    /** Lower-case hex of a word array's significant bytes. */
    function hexOf(wa) {
        var out = '';
        for (var i = 0; i < wa.sigBytes; i++) {
            var b = byteAt(wa.words, i);
            out += (b < 16 ? '0' : '') + b.toString(16);
        }
        return out;
    }

    /** Hex of the first `n` bytes of the words, zero-filled (ciphers read keys this way). */
    function wordsHex(words, n) {
        var out = '';
        for (var i = 0; i < n; i++) {
            var b = byteAt(words, i);
            out += (b < 16 ? '0' : '') + b.toString(16);
        }
        return out;
    }

    // ---- encoders ------------------------------------------------------------------

    var Hex = {
        stringify: hexOf,
        parse: function (text) {
            var words = [];
            for (var i = 0; i < text.length; i += 2) {
                words[i >>> 3] |= parseInt(text.substr(i, 2), 16) << (24 - (i % 8) * 4);
            }
            return WordArray.create(words, text.length / 2);
        }
    };

    var Latin1 = {
        stringify: function (wa) {
            var chars = [];
            for (var i = 0; i < wa.sigBytes; i++) { chars.push(String.fromCharCode(byteAt(wa.words, i))); }
            return chars.join('');
        },
        parse: function (text) {
            var words = [];
            for (var i = 0; i < text.length; i++) {
                words[i >>> 2] |= (text.charCodeAt(i) & 0xff) << (24 - (i % 4) * 8);
            }
            return WordArray.create(words, text.length);
        }
    };

    var Utf8 = {
        stringify: function (wa) {
            try {
                return decodeURIComponent(escape(Latin1.stringify(wa)));
            }
            catch (e) {
                throw new Error('Malformed UTF-8 data');
            }
        },
        parse: function (text) { return Latin1.parse(unescape(encodeURIComponent(text))); }
    };

    function utf16(littleEndian) {
        var swap = function (unit) { return littleEndian ? ((unit << 8) & 0xff00) | ((unit >>> 8) & 0xff) : unit; };
        return {
            stringify: function (wa) {
                var chars = [];
                for (var i = 0; i < wa.sigBytes; i += 2) {
                    chars.push(String.fromCharCode(swap((wa.words[i >>> 2] >>> (16 - (i % 4) * 8)) & 0xffff)));
                }
                return chars.join('');
            },
            parse: function (text) {
                var words = [];
                for (var i = 0; i < text.length; i++) {
                    words[i >>> 1] |= swap(text.charCodeAt(i)) << (16 - (i % 2) * 16);
                }
                return WordArray.create(words, text.length * 2);
            }
        };
    }

    // crypto-js's base64: no whitespace skipping; characters outside the
    // alphabet count as zero bits; decoding stops at the first padding char.
    function base64(alphabet, pad) {
        var reverse = {};
        for (var r = 0; r < alphabet.length; r++) { reverse[alphabet.charCodeAt(r)] = r; }
        var value = function (text, i) { return reverse[text.charCodeAt(i)] | 0; };
        return {
            stringify: function (wa) {
                wa.clamp();
                var out = [];
                for (var i = 0; i < wa.sigBytes; i += 3) {
                    var triplet = (byteAt(wa.words, i) << 16) | (byteAt(wa.words, i + 1) << 8) | byteAt(wa.words, i + 2);
                    for (var j = 0; j < 4 && i + j * 0.75 < wa.sigBytes; j++) {
                        out.push(alphabet.charAt((triplet >>> (6 * (3 - j))) & 0x3f));
                    }
                }
                if (pad) { while (out.length % 4) { out.push(pad); } }
                return out.join('');
            },
            parse: function (text) {
                var length = text.length;
                var stop = text.indexOf('=');
                if (stop !== -1) { length = stop; }
                var words = [];
                var n = 0;
                for (var i = 0; i < length; i++) {
                    if (i % 4) {
                        var high = value(text, i - 1) << ((i % 4) * 2);
                        var low = value(text, i) >>> (6 - (i % 4) * 2);
                        words[n >>> 2] |= ((high | low) & 0xff) << (24 - (n % 4) * 8);
                        n++;
                    }
                }
                return WordArray.create(words, n);
            }
        };
    }

    var LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    var Base64 = base64(LETTERS + '+/', '=');
    // Not in crypto-js 3.3.0 (4.x added it): unpadded, with `-` and `_`.
    var Base64url = base64(LETTERS + '-_', '');

    var enc = {
        Hex: Hex, Latin1: Latin1, Utf8: Utf8, Base64: Base64, Base64url: Base64url,
        Utf16: utf16(false), Utf16BE: utf16(false), Utf16LE: utf16(true)
    };

    /** A message as crypto-js reads it: strings as UTF-8, word arrays as they are. */
    function data(message) {
        return typeof message === 'string' ? Utf8.parse(message) : message;
    }

    /**
     * `value` as a word array; crypto-js turns other types into meaningless
     * bytes without a word, courier says so instead.
     */
    function wordArrayOf(value, what) {
        var words = data(value);
        if (words === null || typeof words !== 'object' || !Array.isArray(words.words)) {
            throw new TypeError('CryptoJS: ' + what + ' must be a string or a WordArray, not ' + C.typeOf(value));
        }
        return words;
    }

    /** Appends `message` to the word array `buffer`, as crypto-js's buffered algorithms do. */
    function append(buffer, message) { return buffer.concat(wordArrayOf(message, 'the message')); }

    // ---- hashers and HMAC -------------------------------------------------------------

    function hasherName(hasher) {
        if (!hasher || !hasher._native) {
            throw new TypeError('CryptoJS: only the built-in hashers (MD5, SHA1, SHA224, SHA256, SHA384, SHA512, SHA3, RIPEMD160) are supported');
        }
        return hasher._native;
    }

    var Hasher = Base.extend({
        cfg: {},
        init: function (cfg) {
            this.cfg = mixIn(mixIn({}, this.cfg), cfg);
            this.reset();
        },
        reset: function () { this._data = WordArray.create(); },
        update: function (message) { append(this._data, message); return this; },
        finalize: function (message) {
            if (message) { this.update(message); }
            var bits = this._native === 'sha3' ? Number(this.cfg.outputLength) : -1;
            return Hex.parse(N.cjsHash(this._native, hexOf(this._data), bits));
        },
        clone: function () {
            var copy = Base.clone.call(this);
            copy._data = this._data.clone();
            return copy;
        }
    });

    var HMAC = Base.extend({
        init: function (hasher, key) {
            this._hasher = hasher;
            this._key = wordArrayOf(key, 'the HMAC key');
            this.reset();
        },
        reset: function () { this._data = WordArray.create(); },
        update: function (message) { append(this._data, message); return this; },
        finalize: function (message) {
            if (message) { this.update(message); }
            return Hex.parse(N.cjsHmac(hasherName(this._hasher), hexOf(this._key), hexOf(this._data)));
        }
    });

    var algo = { HMAC: HMAC };
    var CryptoJS = {
        lib: { Base: Base, WordArray: WordArray },
        enc: enc,
        algo: algo
    };

    function addHasher(name, native, blockSize, cfg) {
        var hasher = algo[name] = Hasher.extend({ _native: native, blockSize: blockSize, cfg: cfg || {} });
        CryptoJS[name] = function (message, cfg) { return hasher.create(cfg).finalize(message); };
        CryptoJS['Hmac' + name] = function (message, key) { return HMAC.create(hasher, key).finalize(message); };
    }
    addHasher('MD5', 'md5', 16);
    addHasher('SHA1', 'sha1', 16);
    addHasher('SHA224', 'sha224', 16);
    addHasher('SHA256', 'sha256', 16);
    addHasher('SHA384', 'sha384', 32);
    addHasher('SHA512', 'sha512', 32);
    addHasher('SHA3', 'sha3', 18, { outputLength: 512 });
    addHasher('RIPEMD160', 'ripemd160', 16);

    // ---- key derivation ----------------------------------------------------------------

    function kdf(kind, defaultHasher) {
        var KDF = Base.extend({
            cfg: { keySize: 128 / 32, hasher: defaultHasher, iterations: 1 },
            init: function (cfg) { this.cfg = mixIn(mixIn({}, this.cfg), cfg); },
            compute: function (password, salt) {
                var cfg = this.cfg;
                var bytes = cfg.keySize * 4;
                var rounds = Math.max(1, Math.ceil(cfg.iterations) || 1);
                var out = Hex.parse(N.cjsKdf(kind, hasherName(cfg.hasher), hexOf(wordArrayOf(password, 'the password')),
                    hexOf(wordArrayOf(salt, 'the salt')),
                    rounds, Math.ceil(bytes)));
                out.sigBytes = bytes;
                return out;
            }
        });
        return KDF;
    }
    algo.PBKDF2 = kdf('pbkdf2', algo.SHA1);
    algo.EvpKDF = kdf('evp', algo.MD5);
    CryptoJS.PBKDF2 = function (password, salt, cfg) { return algo.PBKDF2.create(cfg).compute(password, salt); };
    CryptoJS.EvpKDF = function (password, salt, cfg) { return algo.EvpKDF.create(cfg).compute(password, salt); };

    // ---- paddings (on word arrays, as crypto-js's; `blockSize` in words) -------------------

    function lastByte(wa) { return wa.words[(wa.sigBytes - 1) >>> 2] & 0xff; }
    function unpadByLastByte(wa) { wa.sigBytes -= lastByte(wa); }
    function padCount(wa, blockSize) { return blockSize * 4 - wa.sigBytes % (blockSize * 4); }

    var ZeroPadding = {
        pad: function (wa, blockSize) {
            var blockBytes = blockSize * 4;
            wa.clamp();
            wa.sigBytes += blockBytes - (wa.sigBytes % blockBytes || blockBytes);
        },
        unpad: function (wa) {
            // crypto-js loops forever on all-zero data; this stops at empty.
            var i = wa.sigBytes - 1;
            while (i >= 0 && !byteAt(wa.words, i)) { i--; }
            wa.sigBytes = i + 1;
        }
    };

    var pad = {
        Pkcs7: {
            pad: function (wa, blockSize) {
                var n = padCount(wa, blockSize);
                var word = (n << 24) | (n << 16) | (n << 8) | n;
                var words = [];
                for (var i = 0; i < n; i += 4) { words.push(word); }
                wa.concat(WordArray.create(words, n));
            },
            unpad: unpadByLastByte
        },
        AnsiX923: {
            pad: function (wa, blockSize) {
                var n = padCount(wa, blockSize);
                var last = wa.sigBytes + n - 1;
                wa.clamp();
                wa.words[last >>> 2] |= n << (24 - (last % 4) * 8);
                wa.sigBytes += n;
            },
            unpad: unpadByLastByte
        },
        Iso10126: {
            pad: function (wa, blockSize) {
                var n = padCount(wa, blockSize);
                wa.concat(WordArray.random(n - 1)).concat(WordArray.create([n << 24], 1));
            },
            unpad: unpadByLastByte
        },
        Iso97971: {
            pad: function (wa, blockSize) {
                wa.concat(WordArray.create([0x80000000], 1));
                ZeroPadding.pad(wa, blockSize);
            },
            unpad: function (wa) {
                ZeroPadding.unpad(wa);
                wa.sigBytes--;
            }
        },
        ZeroPadding: ZeroPadding,
        NoPadding: { pad: function () {}, unpad: function () {} }
    };

    // ---- modes: names the Rust side runs ------------------------------------------------

    var BlockCipherMode = Base.extend({});
    var mode = {};
    ['CBC', 'CFB', 'CTR', 'CTRGladman', 'OFB', 'ECB'].forEach(function (name) {
        mode[name] = BlockCipherMode.extend({ _native: name });
    });

    // What V8 says where crypto-js reads the missing IV of a mode.
    function missingIv(modeName) {
        return new TypeError("Cannot read properties of undefined (reading '" +
            (modeName === 'CTR' ? 'slice' : '0') + "')");
    }

    // ---- ciphers --------------------------------------------------------------------

    function isWordArray(value) { return value !== null && typeof value === 'object' && Array.isArray(value.words); }

    // A cipher object: buffers data, runs whole blocks through the Rust side,
    // pads (block ciphers) on encryption and unpads on decryption.
    var Cipher = Base.extend({
        cfg: {},
        _ENC_XFORM_MODE: 1,
        _DEC_XFORM_MODE: 2,
        createEncryptor: function (key, cfg) { return this.create(this._ENC_XFORM_MODE, key, cfg); },
        createDecryptor: function (key, cfg) { return this.create(this._DEC_XFORM_MODE, key, cfg); },
        init: function (xformMode, key, cfg) {
            this.cfg = mixIn(mixIn({}, this.cfg), cfg);
            this._xformMode = xformMode;
            this._key = key;
            this.reset();
        },
        reset: function () {
            var key = this._key;
            if (key === undefined || key === null) {
                throw new TypeError('Cannot read properties of ' + key + " (reading 'words')");
            }
            if (!isWordArray(key)) {
                throw new TypeError('CryptoJS: the key must be a WordArray or a passphrase string, not ' + C.typeOf(key));
            }
            this._data = WordArray.create();
            this._done = 0;
            this._doReset();
        },
        process: function (message) {
            append(this._data, message);
            return this._process(false);
        },
        finalize: function (message) {
            if (message) { append(this._data, message); }
            return this._doFinalize();
        },
        // Runs the buffered whole blocks (all of the data when flushing). As in
        // crypto-js, a short last block is run whole, from the words the buffer
        // holds (zero-filled), and the output keeps those words past `sigBytes`.
        _process: function (flush) {
            var blockBytes = this.blockSize * 4;
            var buffered = this._data.sigBytes;
            var blocks = flush ? Math.ceil(buffered / blockBytes)
                : Math.max((buffered / blockBytes | 0) - (this._minBufferSize || 0), 0);
            var count = Math.min(blocks * blockBytes, buffered);
            var words = this._data.words;
            var input = wordsHex(words, blocks * blockBytes);
            this._data = WordArray.create(words.slice(blocks * this.blockSize), buffered - count);
            if (count <= 0) { return WordArray.create([], 0); }
            var out = Hex.parse(this._run(input));
            this._done += count;
            out.sigBytes = count;
            return out;
        }
    });

    var StreamCipher = Cipher.extend({
        blockSize: 1,
        _doFinalize: function () { return this._process(true); },
        _run: function (hex) {
            return N.cjsStream(this._native, this._keyHex, this._ivHex, (this._drop || 0) * 4, this._done, hex);
        }
    });

    var BlockCipher = Cipher.extend({
        blockSize: 128 / 32,
        cfg: { mode: mode.CBC, padding: pad.Pkcs7 },
        _doReset: function () {
            var chosen = this.cfg.mode;
            if (!chosen || !chosen._native) {
                throw new TypeError('CryptoJS: only the built-in modes (CBC, CFB, CTR, CTRGladman, OFB, ECB) are supported');
            }
            var iv = this.cfg.iv;
            this._mode = chosen._native;
            this._state = isWordArray(iv) ? wordsHex(iv.words, this.blockSize * 4) : null;
            this._minBufferSize = this._xformMode === this._DEC_XFORM_MODE ? 1 : 0;
            this._keyHex = this._keyBytes();
        },
        _run: function (hex) {
            if (this._state === null) {
                if (this._mode !== 'ECB') { throw missingIv(this._mode); }
                this._state = '';
            }
            var result = N.cjsBlock(this._native, this._mode, this._xformMode === this._ENC_XFORM_MODE,
                this._keyHex, this._state, hex);
            this._state = result[1];
            return result[0];
        },
        _doFinalize: function () {
            var padding = this.cfg.padding;
            if (this._xformMode === this._ENC_XFORM_MODE) {
                padding.pad(this._data, this.blockSize);
                return this._process(true);
            }
            var last = this._process(true);
            padding.unpad(last);
            return last;
        }
    });

    function defineCipher(name, parent, props) {
        var cipher = algo[name] = parent.extend(props);
        CryptoJS[name] = {
            encrypt: function (message, key, cfg) { return strategy(key).encrypt(cipher, message, key, cfg); },
            decrypt: function (ciphertext, key, cfg) { return strategy(key).decrypt(cipher, ciphertext, key, cfg); }
        };
        return cipher;
    }

    defineCipher('AES', BlockCipher, {
        _native: 'aes', keySize: 256 / 32, ivSize: 128 / 32,
        _keyBytes: function () { return wordsHex(this._key.words, Math.max(0, this._key.sigBytes)); }
    });
    defineCipher('DES', BlockCipher, {
        _native: 'des', keySize: 64 / 32, ivSize: 64 / 32, blockSize: 64 / 32,
        _keyBytes: function () { return wordsHex(this._key.words, 8); }
    });
    defineCipher('TripleDES', BlockCipher, {
        _native: 'tripledes', keySize: 192 / 32, ivSize: 64 / 32, blockSize: 64 / 32,
        _keyBytes: function () { return wordsHex(this._key.words, 24); }
    });
    var RC4 = defineCipher('RC4', StreamCipher, {
        _native: 'rc4', keySize: 256 / 32, ivSize: 0,
        _doReset: function () {
            this._keyHex = hexOf(this._key);
            this._ivHex = null;
            this._drop = 0;
        }
    });
    defineCipher('RC4Drop', RC4, {
        cfg: { drop: 192 },
        _doReset: function () {
            RC4._doReset.call(this);
            this._drop = this.cfg.drop;
        }
    });
    function rabbitReset(legacy) {
        return function () {
            var iv = this.cfg.iv;
            if (iv && !isWordArray(iv)) { throw new TypeError("Cannot read properties of undefined (reading '0')"); }
            var words = this._key.words;
            this._keyHex = wordsHex(words, 16);
            this._ivHex = iv ? wordsHex(iv.words, 8) : null;
            if (!legacy) {
                // crypto-js swaps the key's words in place here; scripts can see it.
                for (var i = 0; i < 4; i++) {
                    var w = words[i] | 0;
                    words[i] = (((w << 8) | (w >>> 24)) & 0x00ff00ff) | (((w << 24) | (w >>> 8)) & 0xff00ff00);
                }
            }
        };
    }
    defineCipher('Rabbit', StreamCipher, {
        _native: 'rabbit', keySize: 128 / 32, ivSize: 64 / 32, blockSize: 128 / 32, _doReset: rabbitReset(false)
    });
    defineCipher('RabbitLegacy', StreamCipher, {
        _native: 'rabbitlegacy', keySize: 128 / 32, ivSize: 64 / 32, blockSize: 128 / 32, _doReset: rabbitReset(true)
    });

    // ---- cipher parameters, formats, and the two ways of keying -------------------------

    var CipherParams = Base.extend({
        init: function (params) { this.mixIn(params); },
        toString: function (formatter) { return (formatter || this.formatter).stringify(this); }
    });

    var SALTED = [0x53616c74, 0x65645f5f];
    var format = {
        OpenSSL: {
            stringify: function (params) {
                var words = params.salt
                    ? WordArray.create(SALTED.slice(0)).concat(params.salt).concat(params.ciphertext)
                    : params.ciphertext;
                return words.toString(Base64);
            },
            parse: function (text) {
                var ciphertext = Base64.parse(text);
                var words = ciphertext.words;
                var salt;
                if (words[0] === SALTED[0] && words[1] === SALTED[1]) {
                    salt = WordArray.create(words.slice(2, 4));
                    words.splice(0, 4);
                    ciphertext.sigBytes -= 16;
                }
                return CipherParams.create({ ciphertext: ciphertext, salt: salt });
            }
        },
        Hex: {
            stringify: function (params) { return params.ciphertext.toString(Hex); },
            parse: function (text) { return CipherParams.create({ ciphertext: Hex.parse(text) }); }
        }
    };

    var SerializableCipher = Base.extend({
        cfg: { format: format.OpenSSL },
        encrypt: function (cipher, message, key, cfg) {
            cfg = mixIn(mixIn({}, this.cfg), cfg);
            var encryptor = cipher.createEncryptor(key, cfg);
            var ciphertext = encryptor.finalize(message);
            var used = encryptor.cfg;
            return CipherParams.create({
                ciphertext: ciphertext, key: key, iv: used.iv, algorithm: cipher, mode: used.mode,
                padding: used.padding, blockSize: cipher.blockSize, formatter: cfg.format
            });
        },
        decrypt: function (cipher, ciphertext, key, cfg) {
            cfg = mixIn(mixIn({}, this.cfg), cfg);
            ciphertext = this._parse(ciphertext, cfg.format);
            return cipher.createDecryptor(key, cfg).finalize(ciphertext.ciphertext);
        },
        _parse: function (ciphertext, chosen) {
            return typeof ciphertext === 'string' ? chosen.parse(ciphertext, this) : ciphertext;
        }
    });

    var OpenSSLKdf = {
        execute: function (password, keySize, ivSize, salt) {
            salt = salt || WordArray.random(64 / 8);
            var key = algo.EvpKDF.create({ keySize: keySize + ivSize }).compute(password, salt);
            var iv = WordArray.create(key.words.slice(keySize), ivSize * 4);
            key.sigBytes = keySize * 4;
            return CipherParams.create({ key: key, iv: iv, salt: salt });
        }
    };

    var PasswordBasedCipher = SerializableCipher.extend({
        cfg: mixIn({ kdf: OpenSSLKdf }, SerializableCipher.cfg),
        encrypt: function (cipher, message, password, cfg) {
            cfg = mixIn(mixIn({}, this.cfg), cfg);
            var derived = cfg.kdf.execute(password, cipher.keySize, cipher.ivSize);
            cfg.iv = derived.iv;
            var params = SerializableCipher.encrypt.call(this, cipher, message, derived.key, cfg);
            params.mixIn(derived);
            return params;
        },
        decrypt: function (cipher, ciphertext, password, cfg) {
            cfg = mixIn(mixIn({}, this.cfg), cfg);
            ciphertext = this._parse(ciphertext, cfg.format);
            var derived = cfg.kdf.execute(password, cipher.keySize, cipher.ivSize, ciphertext.salt);
            cfg.iv = derived.iv;
            return SerializableCipher.decrypt.call(this, cipher, ciphertext, derived.key, cfg);
        }
    });

    function strategy(key) { return typeof key === 'string' ? PasswordBasedCipher : SerializableCipher; }

    mixIn(CryptoJS.lib, {
        Cipher: Cipher, StreamCipher: StreamCipher, BlockCipher: BlockCipher, BlockCipherMode: BlockCipherMode,
        CipherParams: CipherParams, SerializableCipher: SerializableCipher, PasswordBasedCipher: PasswordBasedCipher,
        Hasher: Hasher
    });
    CryptoJS.mode = mode;
    CryptoJS.pad = pad;
    CryptoJS.format = format;
    CryptoJS.kdf = { OpenSSL: OpenSSLKdf };

    C.CryptoJS = CryptoJS;
})
