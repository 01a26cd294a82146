// courier prelude: shared helpers (type names, value display, deep equality).
//
// Every prelude file is one function expression that receives the internal
// registry `C` (which also holds `C.native`, the Rust functions) and adds
// to it. Nothing here touches the global object; `pm.js` decides what
// scripts see.
(function (C) {
    'use strict';

    var objToString = Object.prototype.toString;
    var hasOwn = Object.prototype.hasOwnProperty;
    var ELLIPSIS = '\u2026';

    /** The type name chai reports (`string`, `number`, `Array`, `Object`, `Date`, ...). */
    function typeOf(value) {
        if (value === null) { return 'null'; }
        var t = typeof value;
        if (t !== 'object') { return t; }
        if (Array.isArray(value)) { return 'Array'; }
        var tag = value[Symbol.toStringTag];
        if (typeof tag === 'string') { return tag; }
        return objToString.call(value).slice(8, -1);
    }

    function isObjectLike(value) {
        return value !== null && (typeof value === 'object' || typeof value === 'function');
    }

    function isPlainObject(value) {
        if (!value || objToString.call(value) !== '[object Object]') { return false; }
        var proto = Object.getPrototypeOf(value);
        return proto === null || proto === Object.prototype;
    }

    function functionName(fn) {
        if (typeof fn !== 'function') { return null; }
        return fn.name || null;
    }

    // ---- display in chai's style: short, truncated at 40 characters ------------------

    // Shortens `text` to `room` characters, the last being an ellipsis.
    function shorten(text, room) {
        text = String(text);
        if (room < 1 && text.length > 1) { return ELLIPSIS; }
        if (text.length > room && text.length > 1) { return text.slice(0, room - 1) + ELLIPSIS; }
        return text;
    }

    // Joins rendered entries, dropping the tail with a count once `opts.room` runs out.
    function renderList(list, opts, renderEntry) {
        var count = list.length;
        if (count === 0) { return ''; }
        var sep = ', ';
        var budget = opts.room;
        var out = '';
        var lookahead = '';
        var tail = '';
        for (var i = 0; i < count; i++) {
            var isLast = i + 1 === count;
            var isPenultimate = i + 2 === count;
            tail = ELLIPSIS + '(' + (count - i) + ')';
            opts.room = budget - out.length - (isLast ? 0 : sep.length);
            var piece = lookahead || renderEntry(list[i], opts) + (isLast ? '' : sep);
            var after = out.length + piece.length;
            var afterWithTail = after + tail.length;
            if (isLast && after > budget && out.length + tail.length <= budget) { break; }
            if (!isLast && !isPenultimate && afterWithTail > budget) { break; }
            lookahead = isLast ? '' : renderEntry(list[i + 1], opts) + (isPenultimate ? '' : sep);
            if (!isLast && isPenultimate && afterWithTail > budget && after + lookahead.length > budget) {
                break;
            }
            out += piece;
            if (!isLast && !isPenultimate && after + lookahead.length >= budget) {
                tail = ELLIPSIS + '(' + (count - i - 1) + ')';
                break;
            }
            tail = '';
        }
        return out + tail;
    }

    function quoteKey(key) {
        if (/^[a-zA-Z_][a-zA-Z_0-9]*$/.test(key)) { return key; }
        return "'" + JSON.stringify(key).slice(1, -1).replace(/'/g, "\\'").replace(/\\"/g, '"') + "'";
    }

    function renderProperty(entry, opts) {
        var key = entry[0];
        opts.room -= 2;
        if (typeof key === 'string') {
            key = quoteKey(key);
        }
        else if (typeof key !== 'number') {
            key = '[' + display(key, opts) + ']';
        }
        opts.room -= key.length;
        return key + ': ' + display(entry[1], opts);
    }

    var ESCAPES = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', "'": "\\'", '\\': '\\\\' };
    // eslint-disable-next-line no-control-regex
    var NEEDS_ESCAPE = /['\u0000-\u001f\u007f-\u009f\u00ad\u0600-\u0604\u070f\u17b4\u17b5\u200c-\u200f\u2028-\u202f\u2060-\u206f\ufeff\ufff0-\uffff]/g;

    function displayString(text, opts) {
        text = text.replace(NEEDS_ESCAPE, function (ch) {
            return ESCAPES[ch] || '\\u' + ('0000' + ch.charCodeAt(0).toString(16)).slice(-4);
        });
        return "'" + shorten(text, opts.room - 2) + "'";
    }

    function displayNumber(n, opts) {
        if (n !== n) { return 'NaN'; }
        if (n === Infinity) { return 'Infinity'; }
        if (n === -Infinity) { return '-Infinity'; }
        if (n === 0) { return 1 / n === Infinity ? '+0' : '-0'; }
        return shorten(n, opts.room);
    }

    function displayObjectBody(obj, opts) {
        var names = Object.getOwnPropertyNames(obj);
        var symbols = Object.getOwnPropertySymbols(obj);
        if (names.length === 0 && symbols.length === 0) { return '{}'; }
        opts.room -= 4;
        if (opts.seen.indexOf(obj) >= 0) { return '[Circular]'; }
        opts.seen.push(obj);
        var named = renderList(names.map(function (k) { return [k, obj[k]]; }), opts, renderProperty);
        var symbolic = renderList(symbols.map(function (k) { return [k, obj[k]]; }), opts, renderProperty);
        opts.seen.pop();
        return '{ ' + named + (named && symbolic ? ', ' : '') + symbolic + ' }';
    }

    function displayArray(arr, opts) {
        var extra = Object.keys(arr).slice(arr.length);
        if (!arr.length && !extra.length) { return '[]'; }
        opts.room -= 4;
        var items = renderList(arr, opts, display);
        opts.room -= items.length;
        var props = extra.length ?
            renderList(extra.map(function (k) { return [k, arr[k]]; }), opts, renderProperty) : '';
        return '[ ' + items + (props ? ', ' + props : '') + ' ]';
    }

    function displayError(err, opts) {
        var skip = ['stack', 'line', 'column', 'name', 'message', 'fileName', 'lineNumber', 'columnNumber'];
        var props = Object.getOwnPropertyNames(err).filter(function (k) { return skip.indexOf(k) === -1; });
        var name = err.name;
        opts.room -= String(name).length;
        var message = typeof err.message === 'string' ? shorten(err.message, opts.room) : '';
        if (typeof err.message !== 'string') { props.unshift('message'); }
        message = message ? ': ' + message : '';
        opts.room -= message.length + 5;
        var body = renderList(props.map(function (k) { return [k, err[k]]; }), opts, renderProperty);
        return name + message + (body ? ' { ' + body + ' }' : '');
    }

    /** Renders a value the way chai's messages show it (`'text'`, `{ a: 1 }`, `[ 1, 2 ]`). */
    function display(value, options) {
        var opts = { room: options && options.room !== undefined ? options.room : Infinity,
            seen: options && options.seen || [] };
        if (value === undefined) { return 'undefined'; }
        if (value === null) { return 'null'; }
        switch (typeof value) {
        case 'boolean': return String(value);
        case 'number': return displayNumber(value, opts);
        case 'bigint': return shorten(value + 'n', opts.room);
        case 'string': return displayString(value, opts);
        case 'symbol': return value.description ? 'Symbol(' + value.description + ')' : 'Symbol()';
        case 'function':
            var fname = functionName(value);
            return fname ? '[Function ' + shorten(fname, opts.room - 11) + ']' : '[Function]';
        default: break;
        }
        var type = typeOf(value);
        switch (type) {
        case 'Array': return displayArray(value, opts);
        case 'Date':
            var iso = isNaN(value.getTime()) ? null : value.toJSON();
            if (iso === null) { return 'Invalid Date'; }
            var parts = iso.split('T');
            return parts[0] + 'T' + shorten(parts[1], opts.room - parts[0].length - 1);
        case 'RegExp':
            var flags = String(value).split('/').pop();
            return '/' + shorten(value.source, opts.room - (2 + flags.length)) + '/' + flags;
        case 'Map':
            // chai's inspector shows a one-entry Map as empty too.
            if (value.size <= 1) { return 'Map{}'; }
            opts.room -= 7;
            var entries = [];
            value.forEach(function (v, k) { entries.push([k, v]); });
            return 'Map{ ' + renderList(entries, opts, function (e, o) {
                o.room -= 4;
                var k = display(e[0], o);
                o.room -= k.length;
                return k + ' => ' + display(e[1], o);
            }) + ' }';
        case 'Set':
            if (value.size === 0) { return 'Set{}'; }
            opts.room -= 7;
            var items = [];
            value.forEach(function (v) { items.push(v); });
            return 'Set{ ' + renderList(items, opts, display) + ' }';
        case 'Promise': return 'Promise{\u2026}';
        case 'WeakMap': return 'WeakMap{\u2026}';
        case 'WeakSet': return 'WeakSet{\u2026}';
        case 'Arguments':
            if (value.length === 0) { return 'Arguments[]'; }
            opts.room -= 13;
            return 'Arguments[ ' + renderList(Array.prototype.slice.call(value), opts, display) + ' ]';
        case 'Error': return displayError(value, opts);
        default: break;
        }
        if (value instanceof Error) { return displayError(value, opts); }
        var proto = Object.getPrototypeOf(value);
        if (proto === Object.prototype || proto === null || !('constructor' in value) ||
            value.constructor === Object) {
            return displayObjectBody(value, opts);
        }
        var cname = (typeof value[Symbol.toStringTag] === 'string' && value[Symbol.toStringTag]) ||
            functionName(value.constructor) || '<Anonymous Class>';
        opts.room -= cname.length;
        return cname + displayObjectBody(value, opts);
    }

    /** chai's `objDisplay`: the 40-character display, summarised when it is too long. */
    function objDisplay(value) {
        var text = display(value, { room: 40 });
        if (text.length < 40) { return text; }
        var tag = objToString.call(value);
        if (tag === '[object Function]') {
            return value.name ? '[Function: ' + value.name + ']' : '[Function]';
        }
        if (tag === '[object Array]') { return '[ Array(' + value.length + ') ]'; }
        if (tag === '[object Object]') {
            var keys = Object.keys(value);
            var shown = keys.length > 2 ? keys.slice(0, 2).join(', ') + ', ...' : keys.join(', ');
            return '{ Object (' + shown + ') }';
        }
        return text;
    }

    // ---- console formatting, close to Node's util.format / util.inspect ---------------

    function inspectNode(value, depth, seen) {
        if (value === undefined) { return 'undefined'; }
        if (value === null) { return 'null'; }
        switch (typeof value) {
        case 'string': return "'" + value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
        case 'number': return (value === 0 && 1 / value < 0) ? '-0' : String(value);
        case 'bigint': return value + 'n';
        case 'boolean': return String(value);
        case 'symbol': return value.toString();
        case 'function': return value.name ? '[Function: ' + value.name + ']' : '[Function (anonymous)]';
        default: break;
        }
        if (seen.indexOf(value) >= 0) { return '[Circular *1]'; }
        var type = typeOf(value);
        if (type === 'Date') { return isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString(); }
        if (type === 'RegExp') { return String(value); }
        if (value instanceof Error) { return value.stack ? value.name + ': ' + value.message : String(value); }
        if (depth > 2) { return Array.isArray(value) ? '[Array]' : '[Object]'; }
        seen.push(value);
        var out;
        if (Array.isArray(value)) {
            out = value.length ? '[ ' + value.map(function (v) { return inspectNode(v, depth + 1, seen); }).join(', ') + ' ]' : '[]';
        }
        else if (type === 'Map' || type === 'Set') {
            var parts = [];
            value.forEach(function (v, k) {
                parts.push(type === 'Map' ? inspectNode(k, depth + 1, seen) + ' => ' + inspectNode(v, depth + 1, seen) :
                    inspectNode(v, depth + 1, seen));
            });
            out = type + '(' + value.size + ') ' + (parts.length ? '{ ' + parts.join(', ') + ' }' : '{}');
        }
        else {
            var keys = Object.keys(value);
            var body = keys.map(function (k) {
                return quoteKey(k) + ': ' + inspectNode(value[k], depth + 1, seen);
            });
            var ctor = value.constructor && value.constructor !== Object && functionName(value.constructor);
            out = (ctor ? ctor + ' ' : '') + (body.length ? '{ ' + body.join(', ') + ' }' : '{}');
        }
        seen.pop();
        return out;
    }

    /** Formats console arguments like Node: `%s %d %i %f %j %o %O %%`, then the rest joined by spaces. */
    function formatArgs(args) {
        var rest = Array.prototype.slice.call(args);
        var out = '';
        if (typeof rest[0] === 'string' && rest[0].indexOf('%') >= 0) {
            var fmt = rest.shift();
            out = fmt.replace(/%([sdifjoO%])/g, function (match, code) {
                if (code === '%') { return '%'; }
                if (!rest.length) { return match; }
                var v = rest.shift();
                switch (code) {
                case 's': return typeof v === 'string' ? v : inspectNode(v, 1, []);
                case 'd': case 'i':
                    var n = Number(v);
                    return String(code === 'i' ? Math.trunc(n) : n);
                case 'f': return String(parseFloat(v));
                case 'j':
                    try { return JSON.stringify(v); }
                    catch (e) { return '[Circular]'; }
                default: return inspectNode(v, 0, []);
                }
            });
            if (!rest.length) { return out; }
            out += ' ';
        }
        return out + rest.map(function (v) {
            return typeof v === 'string' ? v : inspectNode(v, 0, []);
        }).join(' ');
    }

    // ---- deep equality, with chai's rules ------------------------------------------

    function isPrimitive(v) {
        return v === null || (typeof v !== 'object' && typeof v !== 'function');
    }

    function allKeys(obj) {
        var keys = [];
        for (var k in obj) { keys.push(k); }
        Object.getOwnPropertySymbols(obj).forEach(function (s) {
            if (Object.getOwnPropertyDescriptor(obj, s).enumerable) { keys.push(s); }
        });
        return keys;
    }

    function listEqual(a, b, memo) {
        if (a.length !== b.length) { return false; }
        for (var i = 0; i < a.length; i++) {
            if (!deepEqual(a[i], b[i], memo)) { return false; }
        }
        return true;
    }

    function unorderedEqual(a, b, memo) {
        if (a.length !== b.length) { return false; }
        var left = b.slice();
        return a.every(function (x) {
            for (var i = 0; i < left.length; i++) {
                if (deepEqual(x, left[i], memo)) { left.splice(i, 1); return true; }
            }
            return false;
        });
    }

    /** Deep equality as chai's `eql` sees it: NaN equals NaN, +0 differs from -0, prototypes ignored. */
    function deepEqual(a, b, memo) {
        if (a === b) { return a !== 0 || 1 / a === 1 / b; }
        if (a !== a && b !== b) { return true; }
        if (isPrimitive(a) || isPrimitive(b)) { return false; }
        var type = typeOf(a);
        if (type !== typeOf(b)) { return false; }
        memo = memo || [];
        for (var m = 0; m < memo.length; m++) {
            if (memo[m][0] === a && memo[m][1] === b) { return true; }
        }
        memo.push([a, b]);
        var result;
        switch (type) {
        case 'String': case 'Number': case 'Boolean': case 'Date':
            result = deepEqual(a.valueOf(), b.valueOf(), memo);
            break;
        case 'function': case 'Promise': case 'Symbol': case 'WeakMap': case 'WeakSet': case 'Error':
            result = false;
            break;
        case 'RegExp':
            result = String(a) === String(b);
            break;
        case 'Array': case 'Arguments': case 'Int8Array': case 'Uint8Array': case 'Uint8ClampedArray':
        case 'Int16Array': case 'Uint16Array': case 'Int32Array': case 'Uint32Array':
        case 'Float32Array': case 'Float64Array':
            result = listEqual(a, b, memo);
            break;
        case 'Set':
            result = unorderedEqual(Array.from(a), Array.from(b), memo);
            break;
        case 'Map':
            result = unorderedEqual(Array.from(a.entries()), Array.from(b.entries()), memo);
            break;
        default:
            var ka = allKeys(a);
            var kb = allKeys(b);
            if (ka.length !== kb.length) { result = false; break; }
            var sa = ka.map(String).sort();
            var sb = kb.map(String).sort();
            if (!listEqual(sa, sb, memo)) { result = false; break; }
            result = ka.every(function (k) { return deepEqual(a[k], b[k], memo); });
        }
        memo.pop();
        return result;
    }

    // ---- errors ------------------------------------------------------------------

    /** chai's AssertionError: a failed expectation, with the values compared. */
    class AssertionError extends Error {
        constructor(message, props) {
            super(message);
            this.name = 'AssertionError';
            if (props) {
                for (var k in props) {
                    if (hasOwn.call(props, k)) { this[k] = props[k]; }
                }
            }
        }
    }

    var nativeParse = JSON.parse;

    /**
     * The error Newman's sandbox throws for text that is not JSON: a SyntaxError
     * named `JSONError`, with liquid-json's message (see node_json.js).
     */
    function jsonError(text) {
        var error = new SyntaxError(C.jsonErrorMessage(text));
        error.name = 'JSONError';
        return error;
    }

    /** Parses JSON as liquid-json does: a leading BOM is skipped; failures throw `jsonError`. */
    function parseJson(text, reviver) {
        if (typeof text === 'string' && text.charCodeAt(0) === 0xfeff) { text = text.slice(1); }
        try {
            return nativeParse(text, reviver);
        }
        catch (e) {
            throw jsonError(text);
        }
    }

    // Scripts' `JSON.parse` is liquid-json's in Newman, so it fails the same way.
    JSON.parse = function parse(text, reviver) { return parseJson(text, reviver); };

    // ---- bytes and text ------------------------------------------------------------

    /** UTF-8 bytes of a string, as an array of numbers. */
    function utf8Bytes(text) {
        var out = [];
        text = String(text);
        for (var i = 0; i < text.length; i++) {
            var c = text.codePointAt(i);
            if (c > 0xffff) { i++; }
            if (c < 0x80) { out.push(c); }
            else if (c < 0x800) { out.push(0xc0 | (c >> 6), 0x80 | (c & 63)); }
            else if (c < 0x10000) { out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)); }
            else {
                out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
            }
        }
        return out;
    }

    /** Decodes UTF-8 bytes; invalid sequences become U+FFFD. */
    function utf8Text(bytes) {
        return C.native.utf8Decode(toHex(bytes));
    }

    function toHex(bytes) {
        var s = '';
        for (var i = 0; i < bytes.length; i++) { s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16); }
        return s;
    }

    function fromHex(hex) {
        var out = [];
        for (var i = 0; i + 1 < hex.length; i += 2) {
            var b = parseInt(hex.substr(i, 2), 16);
            if (b !== b) { break; }
            out.push(b);
        }
        return out;
    }

    C.typeOf = typeOf;
    C.isObjectLike = isObjectLike;
    C.isPlainObject = isPlainObject;
    C.functionName = functionName;
    C.display = display;
    C.objDisplay = objDisplay;
    C.formatArgs = formatArgs;
    C.inspectNode = inspectNode;
    C.deepEqual = deepEqual;
    C.AssertionError = AssertionError;
    C.parseJson = parseJson;
    C.utf8Bytes = utf8Bytes;
    C.utf8Text = utf8Text;
    C.toHex = toHex;
    C.fromHex = fromHex;
    C.hasOwn = function (o, k) { return o !== null && o !== undefined && hasOwn.call(o, k); };
})
