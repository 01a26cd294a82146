// courier prelude: `atob` / `btoa`, `uuid`, a small `Buffer`, and the
// `crypto` global's `randomUUID` / `getRandomValues` (`CryptoJS` is in
// `cryptojs.js`).
(function (C) {
    'use strict';

    var N = C.native;

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

    C.atob = atob;
    C.btoa = btoa;
    C.uuid = uuid;
    C.Buffer = Buffer;
    C.webCrypto = webCrypto;
})
