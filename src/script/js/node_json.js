// courier prelude: the messages of the JSON errors Newman's sandbox throws.
// There `JSON` (and `pm.response.json()`) is liquid-json: when the built-in
// parser fails, a strict JSON reader runs again to say where, and the error
// (a SyntaxError named `JSONError`) reads `No data, empty input at 1:1`,
// `Unexpected token 'x' at 2:5`, `Trailing comma in array at 1:4`… followed
// by the line and a caret under the place. This file writes those messages.
(function (C) {
    'use strict';

    function isLineEnd(ch) { return ch === '\n' || ch === '\r'; }

    /** `msg at L:C`, then the line (at most ~70 chars before the place) and a caret. */
    function render(input, msg, position, line, column) {
        var out = msg + ' at ' + (line + 1) + ':' + (column + 1);
        var at = Math.max(position - column - 1, position - 70);
        var src = '';
        var caret = '';
        for (;;) {
            var ch = input[++at];
            if (isLineEnd(ch) || at >= input.length) {
                if (position >= at) { caret += '^'; }
                break;
            }
            src += ch;
            if (position === at) { caret += '^'; }
            else if (position > at) { caret += input[at] === '\t' ? '\t' : ' '; }
            if (src.length > 78) { break; }
        }
        return out + '\n' + src + '\n' + caret;
    }

    /** Thrown inside the reader with the finished message. */
    function Failure(message) { this.message = message; }

    function reader(input) {
        var pos = 0;
        var line = 0;
        var lineStart = 0;
        var len = input.length;

        function fail(msg) {
            if (!msg) {
                msg = pos < len ?
                    "Unexpected token '" + JSON.stringify(input[pos]).slice(1, -1).replace(/'/g, "\\'")
                        .replace(/\\"/g, '"') + "'" :
                    'Unexpected end of input';
            }
            throw new Failure(render(input, msg, pos, line, pos - lineStart));
        }
        function skipSpace() {
            while (pos < len) {
                var ch = input[pos];
                if (ch === ' ' || ch === '\t') { pos++; }
                else if (isLineEnd(ch)) {
                    pos++;
                    if (ch === '\r' && input[pos] === '\n') { pos++; }
                    line++;
                    lineStart = pos;
                }
                else { return; }
            }
        }
        function keyword(word) {
            var start = pos;
            for (var i = 1; i < word.length; i++) {
                if (pos >= len || input[pos] !== word[i]) {
                    pos = start - 1;
                    fail();
                }
                pos++;
            }
            return word === 'null' ? null : word === 'true';
        }
        function string() {
            var out = '';
            while (pos < len) {
                var ch = input[pos++];
                if (ch === '"') { return out; }
                if (ch === '\\') {
                    if (pos >= len) { fail(); }
                    ch = input[pos++];
                    if ('"\\/bfnrt'.indexOf(ch) !== -1) { out += ch; continue; }
                    if (ch === 'u') {
                        for (var i = 0; i < 4; i++) {
                            if (pos >= len) { fail(); }
                            if (!/[0-9a-fA-F]/.test(input[pos])) { fail('Bad escape sequence'); }
                            pos++;
                        }
                        out += 'u';
                        continue;
                    }
                    pos--;
                    fail();
                }
                if (isLineEnd(ch)) { fail(); }
                if (ch.charCodeAt(0) < 32) {
                    pos--;
                    fail('Unexpected control character');
                }
                out += ch;
            }
            return fail();
        }
        // Reads a number the way liquid-json's reader scans one (a leading `0`
        // ends it, so `01` fails on the `1`), then checks JSON's grammar.
        function number() {
            var start = --pos;
            var digit = function (c) { return c >= '0' && c <= '9'; };
            var ch = input[pos++];
            if (ch === '-') { ch = input[pos++]; }
            if (ch >= '1' && ch <= '9') {
                while (pos < len && digit(input[pos])) { pos++; }
                ch = input[pos++];
            }
            if (ch === '0') { ch = input[pos++]; }
            if (ch === '.') {
                while (pos < len && digit(input[pos])) { pos++; }
                ch = input[pos++];
            }
            if (ch === 'e' || ch === 'E') {
                ch = input[pos++];
                if (ch === '-' || ch === '+') { pos++; }
                while (pos < len && digit(input[pos])) { pos++; }
                ch = input[pos++];
            }
            pos--;
            var text = input.substr(start, pos - start);
            var n = Number(text);
            if (isNaN(n) || !/^-?(0|[1-9][0-9]*)(\.[0-9]+)?(e[+-]?[0-9]+)?$/i.test(text)) {
                pos--;
                fail((isNaN(n) ? 'Bad' : 'Non-json') + ' numeric literal - "' + input.substr(start, pos - start + 1) + '"');
            }
            return n;
        }
        function value() {
            if (pos >= len) { return undefined; }
            var ch = input[pos++];
            if (ch === '"') { return string(); }
            if (ch === '{') { return object(); }
            if (ch === '[') { return array(); }
            if (ch === '-' || ch === '.' || (ch >= '0' && ch <= '9')) { return number(); }
            if (ch === 'n') { return keyword('null'); }
            if (ch === 't') { return keyword('true'); }
            if (ch === 'f') { return keyword('false'); }
            pos--;
            return undefined;
        }
        function object() {
            var filled = false;
            while (pos < len) {
                skipSpace();
                var key = undefined;
                if (input[pos] === '"') {
                    pos++;
                    key = string();
                }
                skipSpace();
                var ch = input[pos++];
                if (ch === '}' && key === undefined) {
                    if (filled) {
                        pos--;
                        fail('Trailing comma in object');
                    }
                    return {};
                }
                if (ch !== ':' || key === undefined) {
                    pos--;
                    fail();
                }
                skipSpace();
                if (value() === undefined) { fail('No value found for key ' + key); }
                filled = true;
                skipSpace();
                ch = input[pos++];
                if (ch === '}') { return {}; }
                if (ch !== ',') { fail(); }
            }
            return fail();
        }
        function array() {
            var count = 0;
            while (pos < len) {
                skipSpace();
                var item = value();
                skipSpace();
                var ch = input[pos++];
                if (item !== undefined) { count++; }
                if (ch === ',') {
                    if (item === undefined) { fail('Elisions are not supported'); }
                }
                else if (ch === ']') {
                    if (item === undefined && count) {
                        pos--;
                        fail('Trailing comma in array');
                    }
                    return [];
                }
                else {
                    pos--;
                    fail();
                }
            }
            return undefined;
        }

        skipSpace();
        var result = value();
        if (result !== undefined || pos < len) {
            skipSpace();
            if (pos < len) { fail(); }
            return null;
        }
        return fail(pos ? 'No data, only a whitespace' : 'No data, empty input');
    }

    /** The message liquid-json gives for `text`, which the built-in parser refused. */
    C.jsonErrorMessage = function (text) {
        if (text === undefined) { return '"undefined" is not valid JSON'; }
        try { reader(String(text)); }
        catch (e) {
            if (e instanceof Failure) { return e.message; }
            throw e;
        }
        return 'Unexpected token in JSON';
    };
})
