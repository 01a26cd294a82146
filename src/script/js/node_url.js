// courier prelude: `require('url')` and `require('querystring')`, the Node
// built-ins Newman's sandbox bundles (the browser ports: the legacy
// `url.parse` / `url.format` / `url.resolve` API, and querystring's
// `parse` / `stringify` / `decode` / `encode`). Written to give the same
// results: a parsed `Url` has the twelve fields, in Node's order, with `null`
// for what the string does not have.
(function (C) {
    'use strict';

    // ---- querystring -----------------------------------------------------------------

    /** A value as querystring writes it: strings, booleans, finite numbers; else ''. */
    function primitive(v) {
        if (typeof v === 'string') { return v; }
        if (typeof v === 'boolean') { return v ? 'true' : 'false'; }
        if (typeof v === 'number') { return isFinite(v) ? v : ''; }
        return '';
    }

    /** decodeURIComponent, failing with V8's message as Newman's sandbox does. */
    function decode(text) {
        try { return decodeURIComponent(text); }
        catch (e) { throw new URIError('URI malformed'); }
    }

    /** `querystring.parse`: repeated keys collect into arrays; `+` is a space. */
    function qsParse(text, sep, eq, options) {
        sep = sep || '&';
        eq = eq || '=';
        var out = {};
        if (typeof text !== 'string' || text.length === 0) { return out; }
        var parts = text.split(sep);
        var max = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000;
        var count = max > 0 && parts.length > max ? max : parts.length;
        for (var i = 0; i < count; i++) {
            var part = parts[i].replace(/\+/g, '%20');
            var at = part.indexOf(eq);
            var key = decode(at >= 0 ? part.substr(0, at) : part);
            var value = decode(at >= 0 ? part.substr(at + 1) : '');
            if (!Object.prototype.hasOwnProperty.call(out, key)) { out[key] = value; }
            else if (Array.isArray(out[key])) { out[key].push(value); }
            else { out[key] = [out[key], value]; }
        }
        return out;
    }

    /** `querystring.stringify`: arrays repeat their key; other values as `primitive`. */
    function qsStringify(obj, sep, eq, name) {
        sep = sep || '&';
        eq = eq || '=';
        if (obj === null) { obj = undefined; }
        if (typeof obj === 'object') {
            return Object.keys(obj).map(function (key) {
                var head = encodeURIComponent(primitive(key)) + eq;
                if (Array.isArray(obj[key])) {
                    return obj[key].map(function (v) { return head + encodeURIComponent(primitive(v)); }).join(sep);
                }
                return head + encodeURIComponent(primitive(obj[key]));
            }).join(sep);
        }
        if (!name) { return ''; }
        return encodeURIComponent(primitive(name)) + eq + encodeURIComponent(primitive(obj));
    }

    var querystring = { parse: qsParse, decode: qsParse, stringify: qsStringify, encode: qsStringify };

    // ---- url ---------------------------------------------------------------------------

    var SLASHED = { 'http:': true, 'https:': true, 'ftp:': true, 'gopher:': true, 'file:': true };
    var HOSTLESS = { 'javascript:': true };
    // Characters escaped in the path; and those that end a host.
    var ESCAPED = ["'", '{', '}', '|', '\\', '^', '`', '<', '>', '"', ' ', '\r', '\n', '\t'];
    var HOST_END = ['%', '/', '?', ';', '#'].concat(ESCAPED);
    var LABEL = /^[+a-zA-Z0-9_-]{0,63}$/;
    var LABEL_PREFIX = /^([+a-zA-Z0-9_-]{0,63})(.*)$/;

    /** A parsed URL: every field `null` until `parse` fills it. */
    function Url() {
        this.protocol = null;
        this.slashes = null;
        this.auth = null;
        this.host = null;
        this.port = null;
        this.hostname = null;
        this.hash = null;
        this.search = null;
        this.query = null;
        this.pathname = null;
        this.path = null;
        this.href = null;
    }

    /** The first index in `text` of any of `chars`, or -1. */
    function firstOf(text, chars) {
        var best = -1;
        chars.forEach(function (c) {
            var at = text.indexOf(c);
            if (at !== -1 && (best === -1 || at < best)) { best = at; }
        });
        return best;
    }

    /** Splits off the query and fills `search` / `query`. */
    function takeSearch(url, rest, parseQuery) {
        var q = rest.indexOf('?');
        if (q !== -1) {
            url.search = rest.substr(q);
            url.query = parseQuery ? qsParse(rest.substr(q + 1)) : rest.substr(q + 1);
            return rest.slice(0, q);
        }
        if (parseQuery) {
            url.search = '';
            url.query = {};
        }
        return rest;
    }

    /** Keeps the valid start of the hostname; what follows a bad label goes to the path. */
    function cleanHostname(url, rest) {
        var labels = url.hostname.split('.');
        for (var i = 0; i < labels.length; i++) {
            var label = labels[i];
            if (!label || LABEL.test(label.replace(/[^\x00-\x7f]/g, 'x'))) { continue; }
            var keep = labels.slice(0, i);
            var moved = labels.slice(i + 1);
            var m = label.match(LABEL_PREFIX);
            if (m) {
                keep.push(m[1]);
                moved.unshift(m[2]);
            }
            if (moved.length) { rest = '/' + moved.join('.') + rest; }
            url.hostname = keep.join('.');
            break;
        }
        return rest;
    }

    /** Reads `auth@host:port` off the front of `rest`; returns what follows. */
    function takeHost(url, rest) {
        var end = firstOf(rest, ['/', '?', '#']);
        var at = end === -1 ? rest.lastIndexOf('@') : rest.lastIndexOf('@', end);
        if (at !== -1) {
            url.auth = decode(rest.slice(0, at));
            rest = rest.slice(at + 1);
        }
        end = firstOf(rest, HOST_END);
        if (end === -1) { end = rest.length; }
        var host = rest.slice(0, end);
        rest = rest.slice(end);
        var port = /:[0-9]*$/.exec(host);
        if (port) {
            if (port[0] !== ':') { url.port = port[0].substr(1); }
            host = host.substr(0, host.length - port[0].length);
        }
        url.hostname = host || '';
        var ipv6 = url.hostname[0] === '[' && url.hostname[url.hostname.length - 1] === ']';
        if (!ipv6) { rest = cleanHostname(url, rest); }
        url.hostname = url.hostname.length > 255 ? '' : url.hostname.toLowerCase();
        url.host = url.hostname + (url.port ? ':' + url.port : '');
        if (ipv6) {
            url.hostname = url.hostname.substr(1, url.hostname.length - 2);
            if (rest[0] !== '/') { rest = '/' + rest; }
        }
        return rest;
    }

    /** Node's legacy parser (`url.parse(text, parseQuery, slashesDenoteHost)`). */
    Url.prototype.parse = function (text, parseQuery, slashesDenoteHost) {
        if (typeof text !== 'string') {
            throw new TypeError("Parameter 'url' must be a string, not " + typeof text);
        }
        var q = text.indexOf('?');
        var splitter = q !== -1 && q < text.indexOf('#') ? '?' : '#';
        var pieces = text.split(splitter);
        pieces[0] = pieces[0].replace(/\\/g, '/');
        var rest = pieces.join(splitter).trim();
        if (!slashesDenoteHost && text.split('#').length === 1) {
            var simple = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/.exec(rest);
            if (simple) {
                this.path = rest;
                this.href = rest;
                this.pathname = simple[1];
                if (simple[2]) { takeSearch(this, simple[2], parseQuery); }
                else if (parseQuery) { this.search = ''; this.query = {}; }
                return this;
            }
        }
        var proto = /^([a-z0-9.+-]+:)/i.exec(rest);
        var lowerProto;
        if (proto) {
            proto = proto[0];
            lowerProto = proto.toLowerCase();
            this.protocol = lowerProto;
            rest = rest.substr(proto.length);
        }
        var slashes = false;
        if (slashesDenoteHost || proto || /^\/\/[^@/]+@[^@/]+/.test(rest)) {
            slashes = rest.substr(0, 2) === '//';
            if (slashes && !(proto && HOSTLESS[proto])) {
                rest = rest.substr(2);
                this.slashes = true;
            }
        }
        if (!HOSTLESS[proto] && (slashes || (proto && !SLASHED[proto]))) { rest = takeHost(this, rest); }
        if (!HOSTLESS[lowerProto]) {
            ESCAPED.forEach(function (c) {
                if (rest.indexOf(c) === -1) { return; }
                var esc = encodeURIComponent(c);
                rest = rest.split(c).join(esc === c ? '%' + c.charCodeAt(0).toString(16).toUpperCase() : esc);
            });
        }
        var hash = rest.indexOf('#');
        if (hash !== -1) {
            this.hash = rest.substr(hash);
            rest = rest.slice(0, hash);
        }
        rest = takeSearch(this, rest, parseQuery);
        if (rest) { this.pathname = rest; }
        if (SLASHED[lowerProto] && this.hostname && !this.pathname) { this.pathname = '/'; }
        if (this.pathname || this.search) { this.path = (this.pathname || '') + (this.search || ''); }
        this.href = this.format();
        return this;
    };

    /** Writes the URL back (also used on plain objects by `url.format`). */
    Url.prototype.format = function () {
        var auth = this.auth || '';
        if (auth) { auth = encodeURIComponent(auth).replace(/%3A/i, ':') + '@'; }
        var protocol = this.protocol || '';
        var pathname = this.pathname || '';
        var hash = this.hash || '';
        var host = false;
        if (this.host) { host = auth + this.host; }
        else if (this.hostname) {
            host = auth + (this.hostname.indexOf(':') === -1 ? this.hostname : '[' + this.hostname + ']');
            if (this.port) { host += ':' + this.port; }
        }
        var query = '';
        if (this.query && typeof this.query === 'object' && Object.keys(this.query).length) {
            query = qsStringify(this.query);
        }
        var search = this.search || (query && '?' + query) || '';
        if (protocol && protocol.substr(-1) !== ':') { protocol += ':'; }
        if (this.slashes || ((!protocol || SLASHED[protocol]) && host !== false)) {
            host = '//' + (host || '');
            if (pathname && pathname.charAt(0) !== '/') { pathname = '/' + pathname; }
        }
        else if (!host) { host = ''; }
        if (hash && hash.charAt(0) !== '#') { hash = '#' + hash; }
        if (search && search.charAt(0) !== '?') { search = '?' + search; }
        pathname = pathname.replace(/[?#]/g, encodeURIComponent);
        return protocol + host + pathname + search.replace('#', '%23') + hash;
    };

    function parse(text, parseQuery, slashesDenoteHost) {
        if (text instanceof Url) { return text; }
        var url = new Url();
        url.parse(text, parseQuery, slashesDenoteHost);
        return url;
    }

    /** Removes `.` and `..` segments; a relative path keeps the `..` it cannot climb. */
    function dropDots(segments, absolute) {
        var out = [];
        var last = segments[segments.length - 1];
        segments.forEach(function (s) {
            if (s === '.') { return; }
            if (s === '..') {
                if (out.length && out[out.length - 1] !== '..' && out[out.length - 1] !== '') { out.pop(); }
                else if (!absolute) { out.push('..'); }
                return;
            }
            out.push(s);
        });
        if ((last === '.' || last === '..') && out[out.length - 1] !== '') { out.push(''); }
        return out;
    }

    /** `url.resolve(from, to)`: `to` read against `from` as a browser reads a link. */
    function resolve(from, to) {
        var base = parse(from, false, true);
        var rel = parse(to, false, true);
        if (to === '') { return base.format(); }
        var out = new Url();
        Object.keys(base).forEach(function (k) { out[k] = base[k]; });
        out.hash = rel.hash;
        if (rel.protocol && rel.protocol !== base.protocol) { return rel.format(); }
        if (rel.host || (rel.slashes && !rel.protocol)) {
            ['auth', 'host', 'port', 'hostname', 'pathname', 'search', 'query', 'slashes'].forEach(function (k) {
                out[k] = rel[k];
            });
            if (SLASHED[out.protocol] && out.hostname && !out.pathname) { out.pathname = '/'; }
            return out.format();
        }
        if (rel.pathname) {
            out.search = rel.search;
            out.query = rel.query;
            var absolute = rel.pathname.charAt(0) === '/';
            var segments = absolute ? rel.pathname.split('/') :
                (base.pathname || (base.host ? '/' : '')).split('/').slice(0, -1).concat(rel.pathname.split('/'));
            var rooted = segments[0] === '' || !!base.host;
            var joined = dropDots(segments.slice(rooted && segments[0] === '' ? 1 : 0), rooted).join('/');
            out.pathname = (rooted ? '/' : '') + joined;
        }
        else if (rel.search !== null) {
            out.search = rel.search;
            out.query = rel.query;
        }
        return out.format();
    }

    function format(obj) {
        if (typeof obj === 'string') { obj = parse(obj); }
        return obj instanceof Url ? obj.format() : Url.prototype.format.call(obj);
    }

    C.nodeUrl = {
        parse: parse,
        resolve: resolve,
        resolveObject: function (from, to) { return from ? parse(resolve(from, to), false, true) : to; },
        format: format,
        Url: Url
    };
    C.nodeQuerystring = querystring;
})
