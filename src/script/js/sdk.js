// courier prelude: Postman SDK-like objects for `pm.request`, `pm.response`,
// `pm.cookies` and `pm.sendRequest`: PropertyList, Header, QueryParam,
// Url, RequestBody, Request, Response, Cookie (`Variable` is in
// variable.js). They follow the behaviour of postman-collection (lists
// indexed by key, case-insensitive headers, `toJSON()` in the collection
// format) without its code.
(function (C) {
    'use strict';

    var isPlainObject = C.isPlainObject;
    var Variable = C.Variable;

    function isString(v) { return typeof v === 'string'; }

    // ---- PropertyList --------------------------------------------------------------

    /** An ordered list of typed entries, indexed by the type's key (`key` or `name`). */
    function PropertyList(Type, parent, items) {
        Object.defineProperty(this, '__parent', { value: parent, writable: true, enumerable: false });
        this.members = [];
        this.reference = {};
        this.Type = Type;
        if (items !== undefined && items !== null) { this.populate(items); }
    }

    PropertyList.prototype = {
        constructor: PropertyList,
        _postman_propertyIsList: true,

        _index: function (key) {
            if (key === undefined || key === null) { return null; }
            var index = String(key);
            return this.Type.caseInsensitive ? index.toLowerCase() : index;
        },
        _indexKey: function () { return this.Type.indexKey || 'key'; },
        _rebuild: function () {
            this.reference = {};
            for (var i = 0; i < this.members.length; i++) { this._indexOne(this.members[i]); }
        },
        // Indexes a member that comes after every member indexed so far.
        _indexOne: function (m) {
            var keyName = this._indexKey();
            var index = m && m[keyName] ? this._index(m[keyName]) : null;
            if (!index) { return; }
            var reference = this.reference;
            if (this.Type.multiple && C.hasOwn(reference, index)) {
                if (!Array.isArray(reference[index])) { reference[index] = [reference[index]]; }
                reference[index].push(m);
            }
            else {
                reference[index] = m;
            }
        },
        _make: function (item, extra) {
            if (item instanceof this.Type) { return item; }
            return this.Type.create ? this.Type.create(item, extra) : new this.Type(item);
        },
        /** Inserts `item` before the entry `before` (or at the end). */
        insert: function (item, before) {
            if (!item || typeof item !== 'object') { return; }
            var at = this.members.indexOf(item);
            if (at > -1) { this.members.splice(at, 1); }
            var pos = before === undefined ? -1 : this.indexOf(before);
            if (pos > -1) { this.members.splice(pos, 0, item); }
            else { this.members.push(item); }
            if (pos > -1 || at > -1) { this._rebuild(); }
            else { this._indexOne(item); }
        },
        insertAfter: function (item, after) { return this.insert(item, this.members[this.indexOf(after) + 1]); },
        append: function (item) { return this.insert(item); },
        prepend: function (item) { return this.insert(item, this.members[0]); },
        /** Adds an entry: an object, a `Type` instance or (for headers) a `Key: value` string. */
        add: function (item, extra) {
            if (item === null || item === undefined || item !== item) { return; }
            this.insert(this._make(item, extra));
        },
        /** Updates the entry with the same key, or adds it; true when added. */
        upsert: function (item) {
            if (item === null || item === undefined || item !== item) { return null; }
            var existing = this.one(item[this._indexKey()]);
            if (existing) {
                existing.update(item);
                this._rebuild();
                return false;
            }
            this.add(item);
            return true;
        },
        /** Removes entries by key, by reference or by predicate. */
        remove: function (predicate, context) {
            var self = this;
            var test;
            if (isString(predicate)) {
                var wanted = self._index(predicate);
                test = function (m) { return self._index(m[self._indexKey()]) === wanted; };
            }
            else if (predicate instanceof self.Type) {
                test = function (m) { return m === predicate; };
            }
            else if (typeof predicate === 'function') {
                test = function (m, i) { return predicate.call(context || self, m, i); };
            }
            else { return; }
            self.members = self.members.filter(function (m, i) { return !test(m, i); });
            self._rebuild();
        },
        clear: function () { this.members.length = 0; this.reference = {}; },
        /** Adds every entry of an array, a `K: v` string, or an object's `key: value` pairs. */
        populate: function (items) {
            var self = this;
            if (isString(items) && self.Type.parse) { items = self.Type.parse(items); }
            if (Array.isArray(items)) {
                for (var i = 0; i < items.length; i++) { self.add(items[i]); }
            }
            else if (isPlainObject(items) && self.Type.create) {
                Object.keys(items).forEach(function (k) { self.add(items[k], k); });
            }
            else { self.add(items); }
        },
        repopulate: function (items) { this.clear(); this.populate(items); },
        assimilate: function (source, prune) {
            var self = this;
            var members = source instanceof PropertyList ? source.members : source;
            if (!Array.isArray(members)) { return; }
            var keys = {};
            members.forEach(function (m) {
                if (!m || !C.hasOwn(m, self._indexKey())) { return; }
                self.upsert(m);
                keys[m[self._indexKey()]] = true;
            });
            if (prune) {
                self.remove(function (m) { return !keys[m[self._indexKey()]]; });
            }
        },
        all: function () { return this.members.slice(); },
        /** The entry with this key (the last one when several share it). */
        one: function (key) {
            var val = this.reference[this._index(key)];
            return Array.isArray(val) ? val[val.length - 1] : val;
        },
        /** The value of the entry with this key. */
        get: function (key) {
            var m = this.one(key);
            return m ? m.valueOf() : undefined;
        },
        has: function (item, value) {
            var match = isString(item) ? this.reference[this._index(item)] :
                this.members.filter(function (m) { return m === item; })[0];
            if (!match) { return false; }
            if (arguments.length === 1) { return Array.isArray(match) ? match.length > 0 : true; }
            var list = Array.isArray(match) ? match : [match];
            return list.some(function (m) { return m.valueOf() === value; });
        },
        each: function (fn, context) { this.members.slice().forEach(fn, context || this.__parent); },
        forEach: function (fn, context) { this.members.slice().forEach(fn, context || this.__parent); },
        filter: function (fn, context) { return this.members.filter(fn, context); },
        find: function (fn, context) { return this.members.find(fn, context); },
        map: function (fn, context) { return this.members.map(fn, context || this); },
        reduce: function (fn, acc, context) { return this.members.reduce(fn.bind(context || this), acc); },
        count: function () { return this.members.length; },
        idx: function (i) { return this.members[i]; },
        indexOf: function (item) { return this.members.indexOf(isString(item) ? this.one(item) : item); },
        eachParent: function (fn, context) {
            var parent = this.__parent;
            var prev;
            while (parent) { fn.call(context || this, parent, prev); prev = parent; parent = parent.__parent; }
        },
        /** `{key: value}` of the entries; keys lower-cased for case-insensitive lists. */
        toObject: function (excludeDisabled, caseSensitive, multiValue, sanitizeKeys) {
            var self = this;
            var obj = {};
            var keyName = self._indexKey();
            var sensitive = !self.Type.caseInsensitive || caseSensitive;
            var multi = self.Type.multiple || multiValue;
            self.members.forEach(function (m) {
                if (!m || !C.hasOwn(m, keyName) || (excludeDisabled && m.disabled) || (sanitizeKeys && !m[keyName])) {
                    return;
                }
                var prop = sensitive ? m[keyName] : String(m[keyName]).toLowerCase();
                if (multi && C.hasOwn(obj, prop)) {
                    if (!Array.isArray(obj[prop])) { obj[prop] = [obj[prop]]; }
                    obj[prop].push(m.valueOf());
                }
                else {
                    obj[prop] = m.valueOf();
                }
            });
            return obj;
        },
        toString: function () {
            return this.Type.unparse ? this.Type.unparse(this.members) : '[object Object]';
        },
        toJSON: function () {
            return this.members.map(function (m) { return typeof m.toJSON === 'function' ? m.toJSON() : m; });
        }
    };
    Object.defineProperty(PropertyList.prototype, 'constructor', { enumerable: false });
    PropertyList.isPropertyList = function (o) { return o instanceof PropertyList; };

    // Copies the plain fields of an entry for `toJSON()`.
    function plainFields(obj, names) {
        var out = {};
        names.forEach(function (n) {
            if (obj[n] !== undefined && !(n === 'disabled' && obj[n] === false)) { out[n] = obj[n]; }
        });
        return out;
    }

    // ---- Header, QueryParam, FormParam ----------------------------------------

    /** A header `{key, value}`; `new Header('K: v')` or `new Header(value, key)` also work. */
    function Header(options, name) {
        if (isString(options) && name === undefined) { options = Header.parseSingle(options); }
        else if (name !== undefined) { options = { key: name, value: options }; }
        this.update(options || {});
    }
    Header.prototype.update = function (o) {
        if (isString(o)) { o = Header.parseSingle(o); }
        this.key = o.key === undefined || o.key === null ? '' : String(o.key);
        this.value = o.value === undefined || o.value === null ? '' : String(o.value);
        if (o.disabled !== undefined) { this.disabled = Boolean(o.disabled); }
        if (o.system !== undefined) { this.system = o.system; }
        if (o.description !== undefined) { this.description = o.description; }
    };
    Header.prototype.valueOf = function () { return this.value; };
    Header.prototype.toString = function () { return this.key + ': ' + this.value; };
    Header.prototype.toJSON = function () { return plainFields(this, ['key', 'value', 'disabled', 'description']); };
    Header.indexKey = 'key';
    Header.caseInsensitive = true;
    Header.multiple = true;
    Header.create = function (value, name) { return new Header(value, name); };
    Header.parseSingle = function (text) {
        text = String(text);
        var at = text.indexOf(':');
        return at < 0 ? { key: text.trim(), value: '' } : { key: text.slice(0, at).trim(), value: text.slice(at + 1).trim() };
    };
    Header.parse = function (text) {
        return String(text).split(/\r?\n/).filter(function (l) { return l.trim(); }).map(Header.parseSingle);
    };
    Header.unparse = function (list, separator) {
        var items = list instanceof PropertyList ? list.members : list;
        return (items || []).filter(function (h) { return !h.disabled; }).map(function (h) {
            return h.key + ': ' + h.value;
        }).join(separator === undefined ? '\n' : separator);
    };
    Header.isHeader = function (o) { return o instanceof Header; };

    function encodeQueryPart(text, encodeEquals) {
        if (!text) { return text; }
        // `{{var}}` tokens are left alone; `&`, `#` (and `=` in keys) elsewhere are escaped.
        return String(text).split(/(\{\{[^{}]*?\}\})/).map(function (part, i) {
            if (i % 2 === 1) { return part; }
            part = part.replace(/&/g, '%26').replace(/#/g, '%23');
            return encodeEquals ? part.replace(/=/g, '%3D') : part;
        }).join('');
    }

    /** A query parameter `{key, value}`; a null value means `?flag` with no `=`. */
    function QueryParam(options) {
        if (isString(options)) { options = QueryParam.parseSingle(options); }
        this.update(options || {});
    }
    QueryParam.prototype.update = function (o) {
        if (isString(o)) { o = QueryParam.parseSingle(o); }
        this.key = o.key === undefined ? null : o.key;
        this.value = o.value === undefined ? null : (o.value === null ? null : String(o.value));
        if (o.disabled !== undefined) { this.disabled = Boolean(o.disabled); }
        if (o.description !== undefined) { this.description = o.description; }
    };
    QueryParam.prototype.valueOf = function () { return isString(this.value) ? this.value : ''; };
    QueryParam.prototype.toString = function () { return QueryParam.unparseSingle(this); };
    QueryParam.prototype.toJSON = function () { return plainFields(this, ['key', 'value', 'disabled', 'description']); };
    QueryParam.indexKey = 'key';
    QueryParam.multiple = true;
    QueryParam.create = function (value, key) {
        return key === undefined ? new QueryParam(value) : new QueryParam({ key: key, value: value });
    };
    QueryParam.parseSingle = function (text) {
        text = String(text);
        var at = text.indexOf('=');
        return at < 0 ? { key: text, value: null } : { key: text.slice(0, at), value: text.slice(at + 1) };
    };
    QueryParam.parse = function (text) {
        return isString(text) ? text.split('&').map(QueryParam.parseSingle) : [];
    };
    QueryParam.unparseSingle = function (p) {
        var out = isString(p.key) ? encodeQueryPart(p.key, true) : '';
        if (isString(p.value)) { out += '=' + encodeQueryPart(p.value, false); }
        return out;
    };
    QueryParam.unparse = function (params) {
        if (!params) { return ''; }
        if (!Array.isArray(params) && !(params instanceof PropertyList)) {
            return Object.keys(params).map(function (k) {
                return QueryParam.unparseSingle({ key: k, value: params[k] });
            }).join('&');
        }
        var items = params instanceof PropertyList ? params.members : params;
        return items.filter(function (p) { return p.disabled !== true; }).map(QueryParam.unparseSingle).join('&');
    };

    /** A form field of a `urlencoded` or `formdata` body. */
    function FormParam(options) { this.update(options || {}); }
    FormParam.prototype.update = function (o) {
        this.key = o.key === undefined || o.key === null ? '' : String(o.key);
        if (o.value !== undefined) { this.value = o.value === null ? null : String(o.value); }
        ['type', 'src', 'contentType', 'description'].forEach(function (n) {
            if (o[n] !== undefined) { this[n] = o[n]; }
        }, this);
        if (o.disabled !== undefined) { this.disabled = Boolean(o.disabled); }
    };
    FormParam.prototype.valueOf = function () { return this.value; };
    FormParam.prototype.toJSON = function () {
        return plainFields(this, ['key', 'value', 'type', 'src', 'contentType', 'disabled', 'description']);
    };
    FormParam.indexKey = 'key';
    FormParam.multiple = true;
    FormParam.create = function (value, key) {
        return key === undefined ? new FormParam(value) : new FormParam({ key: key, value: value });
    };

    // ---- Url -------------------------------------------------------------------------

    // Splits `text` on `sep` except inside `{{...}}`.
    function splitOutsideVars(text, sep) {
        var out = [];
        var depth = 0;
        var cur = '';
        for (var i = 0; i < text.length; i++) {
            if (text[i] === '{' && text[i + 1] === '{') { depth++; cur += '{{'; i++; continue; }
            if (text[i] === '}' && text[i + 1] === '}' && depth > 0) { depth--; cur += '}}'; i++; continue; }
            if (text[i] === sep && depth === 0) { out.push(cur); cur = ''; continue; }
            cur += text[i];
        }
        out.push(cur);
        return out;
    }

    /** Parses a URL the tolerant way Postman does: `{{vars}}` anywhere, protocol optional. */
    function parseUrl(text) {
        var rest = String(text).trim();
        var url = {};
        var m = /^([^:/?#{}]+):\/\//.exec(rest) || /^(\{\{[^{}]+\}\}):\/\//.exec(rest);
        if (m) { url.protocol = m[1]; rest = rest.slice(m[0].length); }
        var hashAt = rest.indexOf('#');
        if (hashAt > -1) { url.hash = rest.slice(hashAt + 1); rest = rest.slice(0, hashAt); }
        var queryAt = rest.indexOf('?');
        if (queryAt > -1) {
            url.query = rest.slice(queryAt + 1).split('&').map(function (p, i, all) {
                if (p === '' && i !== all.length - 1) { return { key: null, value: null }; }
                return QueryParam.parseSingle(p);
            });
            rest = rest.slice(0, queryAt);
        }
        var slashAt = rest.indexOf('/');
        var authority = slashAt > -1 ? rest.slice(0, slashAt) : rest;
        var path = slashAt > -1 ? rest.slice(slashAt + 1) : undefined;
        var atAt = authority.lastIndexOf('@');
        if (atAt > -1) {
            var creds = authority.slice(0, atAt);
            var colon = creds.indexOf(':');
            url.auth = colon > -1 ? { user: creds.slice(0, colon), password: creds.slice(colon + 1) } : { user: creds };
            authority = authority.slice(atAt + 1);
        }
        var portMatch = /:(\d+|\{\{[^{}]+\}\})$/.exec(authority);
        if (portMatch) { url.port = portMatch[1]; authority = authority.slice(0, portMatch.index); }
        if (authority) { url.host = splitOutsideVars(authority, '.'); }
        if (path !== undefined) { url.path = path.split('/'); }
        var seen = {};
        var variables = [];
        (url.path || []).forEach(function (segment) {
            if (segment.charAt(0) === ':') {
                var dot = segment.indexOf('.');
                var name = segment.slice(1, dot === -1 ? undefined : dot);
                if (name && !seen[name]) { seen[name] = true; variables.push({ key: name }); }
            }
        });
        if (variables.length) { url.variable = variables; }
        return url;
    }

    /** A URL with Postman's parts: protocol, auth, host, port, path, query, hash, variables. */
    function Url(options) { this.update(options); }
    Url.prototype.update = function (options) {
        var u = !options ? {} : isString(options) ? parseUrl(options) :
            (options.raw !== undefined && options.host === undefined && options.path === undefined ?
                Object.assign(parseUrl(options.raw), options.variable ? { variable: options.variable } : {}) :
                options);
        var query = u.query;
        if (isString(query)) { query = QueryParam.parse(query); }
        else if (query && !Array.isArray(query) && !(query instanceof PropertyList)) {
            query = Object.keys(query).map(function (k) { return { key: k, value: query[k] }; });
        }
        var path = u.path;
        if (isString(path)) { path = path.replace(/^\//, ''); path = path === '' ? undefined : path.split('/'); }
        var host = u.host;
        if (isString(host)) { host = splitOutsideVars(host, '.'); }
        this.auth = u.auth;
        this.protocol = u.protocol;
        this.port = u.port === undefined || u.port === null ? undefined : String(u.port);
        this.path = path ? path.slice() : undefined;
        this.hash = u.hash;
        this.host = host ? host.slice() : undefined;
        this.query = new PropertyList(QueryParam, this, query instanceof PropertyList ? query.toJSON() : query || []);
        this.variables = new PropertyList(Variable, this, (u.variable || u.variables || []) instanceof PropertyList ?
            (u.variable || u.variables).toJSON() : u.variable || u.variables || []);
    };
    Url.prototype.addQueryParams = function (params) {
        this.query.populate(isString(params) ? QueryParam.parse(params) : params);
    };
    Url.prototype.removeQueryParams = function (params) {
        var names = Array.isArray(params) ? params.map(function (p) { return p && p.key ? p.key : p; }) :
            [params && params.key ? params.key : params];
        this.query.remove(function (p) { return names.indexOf(p.key) !== -1; });
    };
    Url.prototype.getHost = function () {
        if (!this.host) { return ''; }
        return Array.isArray(this.host) ? this.host.join('.') : String(this.host);
    };
    /** The path with `:name` variables replaced (unless `unresolved`), with a leading slash. */
    Url.prototype.getPath = function (unresolved) {
        if (unresolved) { return '/' + (this.path ? this.path.join('/') : ''); }
        var vars = this.variables;
        return '/' + (this.path || []).map(function (segment) {
            if (isString(segment) && segment.charAt(0) === ':') {
                var dot = segment.indexOf('.');
                var name = segment.slice(1, dot === -1 ? undefined : dot);
                var value = vars.get(name);
                if (value && isString(value)) { return value + segment.slice(name.length + 1); }
            }
            return segment;
        }).join('/');
    };
    Url.prototype.getQueryString = function () { return this.query.count() ? QueryParam.unparse(this.query.members) : ''; };
    Url.prototype.getPathWithQuery = function () {
        var q = this.getQueryString();
        return this.getPath() + (q ? '?' + q : '');
    };
    Url.prototype.getRemote = function (forcePort) {
        var port = this.port && String(this.port);
        if (forcePort && !port) { port = this.protocol === 'https' ? '443' : '80'; }
        return port ? this.getHost() + ':' + port : this.getHost();
    };
    Url.prototype.getRaw = function () { return this.toString(); };
    Url.prototype.toString = function (forceProtocol) {
        var out = '';
        var protocol = this.protocol || (forceProtocol ? 'http' : undefined);
        if (protocol) { out += /:\/\/$/.test(protocol) ? protocol : protocol + '://'; }
        if (this.auth) {
            var creds;
            if (isString(this.auth.user)) { creds = this.auth.user; }
            if (isString(this.auth.password)) { creds = (creds || '') + ':' + this.auth.password; }
            if (isString(creds)) { out += creds + '@'; }
        }
        out += this.getHost();
        if (this.port !== undefined && this.port !== null) { out += ':' + this.port; }
        // Path variables with a value are filled in, as postman-collection's toString does.
        if (this.path) { out += this.getPath(); }
        if (this.query.count()) {
            var q = this.getQueryString();
            var anyEnabled = this.query.members.some(function (p) { return !(p && p.disabled); });
            if (q !== '' || anyEnabled) { out += '?' + q; }
        }
        if (isString(this.hash)) { out += '#' + this.hash; }
        return out;
    };
    Url.prototype.toJSON = function () {
        var out = { raw: this.toString() };
        if (this.protocol !== undefined) { out.protocol = this.protocol; }
        if (this.auth !== undefined) { out.auth = this.auth; }
        if (this.host !== undefined) { out.host = this.host.slice(); }
        if (this.port !== undefined) { out.port = this.port; }
        if (this.path !== undefined) { out.path = this.path.slice(); }
        if (this.query.count()) { out.query = this.query.toJSON(); }
        if (this.hash !== undefined) { out.hash = this.hash; }
        if (this.variables.count()) { out.variable = this.variables.toJSON(); }
        return out;
    };
    Url.parse = parseUrl;
    Url.isUrl = function (o) { return o instanceof Url; };

    // ---- RequestBody, RequestAuth, Request ----------------------------------------------

    /** A request body: `mode` and the matching `raw` / `urlencoded` / `formdata` / `file` / `graphql`. */
    function RequestBody(options) { this.update(options || {}); }
    RequestBody.prototype.update = function (o) {
        if (isString(o)) { o = { mode: 'raw', raw: o }; }
        this.mode = o.mode;
        this.raw = o.raw !== undefined && o.raw !== null && !isString(o.raw) ? JSON.stringify(o.raw) : o.raw;
        this.urlencoded = new PropertyList(FormParam, this, o.urlencoded || []);
        this.formdata = new PropertyList(FormParam, this, o.formdata || []);
        this.file = o.file;
        this.graphql = o.graphql;
        this.options = o.options;
        this.disabled = o.disabled;
    };
    RequestBody.prototype.isEmpty = function () {
        switch (this.mode) {
        case 'raw': return !this.raw;
        case 'urlencoded': return !this.urlencoded.count();
        case 'formdata': return !this.formdata.count();
        case 'file': return !(this.file && (this.file.src || this.file.content));
        case 'graphql': return !(this.graphql && this.graphql.query);
        default: return true;
        }
    };
    RequestBody.prototype.toString = function () {
        switch (this.mode) {
        case 'raw': return this.raw || '';
        case 'urlencoded': return QueryParam.unparse(this.urlencoded.members);
        case 'file': return this.file && this.file.content || '';
        default: return '';
        }
    };
    RequestBody.prototype.toJSON = function () {
        var out = {};
        if (this.mode !== undefined) { out.mode = this.mode; }
        if (this.raw !== undefined) { out.raw = this.raw; }
        if (this.urlencoded.count()) { out.urlencoded = this.urlencoded.toJSON(); }
        if (this.formdata.count()) { out.formdata = this.formdata.toJSON(); }
        if (this.file !== undefined) { out.file = this.file; }
        if (this.graphql !== undefined) { out.graphql = this.graphql; }
        if (this.options !== undefined) { out.options = this.options; }
        if (this.disabled) { out.disabled = true; }
        return out;
    };

    /** Request auth: `type` plus the parameters of each scheme, as in the collection file. */
    function RequestAuth(options) { this.update(options || {}); }
    RequestAuth.prototype.update = function (o) {
        var self = this;
        Object.keys(self).forEach(function (k) { delete self[k]; });
        Object.keys(o).forEach(function (k) { self[k] = o[k]; });
    };
    /** Switches to `type` with these parameters (`{key: value}` or a `[{key, value}]` list). */
    RequestAuth.prototype.use = function (type, options) {
        this.type = type;
        if (options !== undefined) {
            this[type] = Array.isArray(options) ? options : Object.keys(options || {}).map(function (k) {
                return { key: k, value: options[k], type: 'string' };
            });
        }
    };
    RequestAuth.prototype.parameters = function () {
        var params = this[this.type];
        if (params && !Array.isArray(params)) {
            params = Object.keys(params).map(function (k) { return { key: k, value: params[k] }; });
        }
        return new PropertyList(Variable, this, params || []);
    };
    RequestAuth.prototype.current = function () { return this.type; };
    RequestAuth.prototype.toJSON = function () {
        var out = {};
        var self = this;
        Object.keys(self).forEach(function (k) { out[k] = self[k]; });
        return out;
    };

    /** The request of `pm.request` and `pm.sendRequest`, in the collection model. */
    function Request(options) {
        var self = this;
        var url = new Url('');
        var body;
        Object.defineProperty(this, 'url', {
            enumerable: true,
            get: function () { return url; },
            set: function (v) { url = v instanceof Url ? v : new Url(v); }
        });
        Object.defineProperty(this, 'body', {
            enumerable: true,
            get: function () { return body; },
            set: function (v) { body = v === undefined || v === null || v instanceof RequestBody ? v : new RequestBody(v); }
        });
        Object.defineProperty(this, 'to', {
            enumerable: false,
            get: function () { return C.expect(self).to; }
        });
        this.update(options || {});
    }
    Request.prototype.update = function (o) {
        if (isString(o)) { o = { url: o }; }
        this.url = o.url instanceof Url ? new Url(o.url.toJSON()) : o.url || '';
        this.method = o.method ? String(o.method).toUpperCase() : 'GET';
        this.headers = new PropertyList(Header, this, o.header || o.headers || []);
        this.body = o.body;
        this.auth = o.auth ? new RequestAuth(o.auth) : undefined;
        this.description = o.description;
        this.name = o.name;
        this.id = o.id;
    };
    Request.prototype.getHeaders = function (options) {
        options = options || {};
        var out = {};
        this.headers.members.forEach(function (h) {
            if (options.enabled && h.disabled) { return; }
            var key = options.ignoreCase ? h.key.toLowerCase() : h.key;
            if (C.hasOwn(out, key)) {
                if (!Array.isArray(out[key])) { out[key] = [out[key]]; }
                out[key].push(h.value);
            }
            else { out[key] = h.value; }
        });
        return out;
    };
    Request.prototype.forEachHeader = function (fn, context) {
        this.headers.members.forEach(function (h) { if (!h.disabled) { fn.call(context || this, h, context); } }, this);
    };
    Request.prototype.addHeader = function (header) { this.headers.add(header); };
    Request.prototype.upsertHeader = function (header) { this.headers.upsert(header); };
    Request.prototype.removeHeader = function (toRemove, options) {
        var ignoreCase = !options || options.ignoreCase !== false;
        var name = toRemove && toRemove.key !== undefined ? toRemove.key : toRemove;
        if (!isString(name)) { return; }
        this.headers.remove(function (h) {
            return ignoreCase ? h.key.toLowerCase() === name.toLowerCase() : h.key === name;
        });
    };
    Request.prototype.addQueryParams = function (params) { this.url.addQueryParams(params); };
    Request.prototype.removeQueryParams = function (params) { this.url.removeQueryParams(params); };
    Request.prototype.authorizeUsing = function (type, options) {
        if (type && typeof type === 'object' && type.type) { options = type[type.type]; type = type.type; }
        if (type === null || type === 'noauth') { this.auth = new RequestAuth({ type: 'noauth' }); return; }
        if (!this.auth) { this.auth = new RequestAuth({}); }
        this.auth.use(type, options);
    };
    Request.prototype.clone = function () { return new Request(this.toJSON()); };
    Request.prototype.toJSON = function () {
        var out = { url: this.url.toJSON(), method: this.method };
        out.header = this.headers.toJSON();
        if (this.body !== undefined && this.body !== null) { out.body = this.body.toJSON(); }
        if (this.auth) { out.auth = this.auth.toJSON(); }
        if (this.description !== undefined) { out.description = this.description; }
        return out;
    };
    Request.isRequest = function (o) { return o instanceof Request; };

    // ---- Cookies -----------------------------------------------------------------------

    /** A cookie `{name, value, domain, path, expires, secure, httpOnly, ...}`. */
    function Cookie(options) {
        if (isString(options)) { options = Cookie.parse(options); }
        this.update(options || {});
    }
    Cookie.prototype.update = function (o) {
        var self = this;
        ['name', 'value', 'domain', 'path', 'expires', 'maxAge', 'secure', 'httpOnly', 'hostOnly', 'session',
            'sameSite', 'extensions'].forEach(function (k) {
            if (o[k] !== undefined) { self[k] = o[k]; }
        });
        if (self.name === undefined && o.key !== undefined) { self.name = o.key; }
    };
    Cookie.prototype.valueOf = function () { return this.value; };
    Cookie.prototype.toString = function () { return this.name + '=' + this.value; };
    Cookie.prototype.toJSON = function () {
        var out = {};
        var self = this;
        Object.keys(self).forEach(function (k) { out[k] = self[k]; });
        return out;
    };
    Cookie.indexKey = 'name';
    Cookie.multiple = true;
    /** Parses a `Set-Cookie` header value. */
    Cookie.parse = function (text) {
        var parts = String(text).split(';');
        var first = parts.shift();
        var eq = first.indexOf('=');
        var out = { name: (eq < 0 ? '' : first.slice(0, eq)).trim(), value: (eq < 0 ? first : first.slice(eq + 1)).trim() };
        parts.forEach(function (p) {
            var at = p.indexOf('=');
            var key = (at < 0 ? p : p.slice(0, at)).trim().toLowerCase();
            var val = at < 0 ? true : p.slice(at + 1).trim();
            switch (key) {
            case 'domain': out.domain = val; break;
            case 'path': out.path = val; break;
            case 'expires': out.expires = val; break;
            case 'max-age': out.maxAge = Number(val); break;
            case 'secure': out.secure = true; break;
            case 'httponly': out.httpOnly = true; break;
            case 'samesite': out.sameSite = val; break;
            default:
                if (key) { (out.extensions = out.extensions || []).push({ key: key, value: val }); }
            }
        });
        return out;
    };

    /** A cookie list (`pm.cookies`, `response.cookies`) with `get(name)`, `has`, `toObject`. */
    function CookieList(parent, cookies) { PropertyList.call(this, Cookie, parent, cookies || []); }
    CookieList.prototype = Object.create(PropertyList.prototype);
    CookieList.prototype.constructor = CookieList;

    // ---- Response ----------------------------------------------------------------------

    // A response's `headers` and `cookies` are built when first read (most
    // scripts read neither); until then they are accessors in the same place,
    // so the response's keys and their order stay as if built at once.
    function settleOwn(target, name, value) {
        Object.defineProperty(target, name, { value: value, writable: true, enumerable: true, configurable: true });
        return value;
    }
    // The descriptors have no prototype: defining them looks no further (and
    // a script's additions to Object.prototype cannot change them).
    var defineOwn = Object.defineProperty;
    var LAZY_HEADERS = {
        __proto__: null,
        configurable: true,
        enumerable: true,
        get: function () {
            return settleOwn(this, 'headers', new PropertyList(Header, this, this._header));
        },
        set: function (value) { settleOwn(this, 'headers', value); }
    };
    var LAZY_COOKIES = {
        __proto__: null,
        configurable: true,
        enumerable: true,
        get: function () {
            var cookies = [];
            var headers = this.headers.members;
            for (var i = 0; i < headers.length; i++) {
                if (headers[i].key.toLowerCase() === 'set-cookie') { cookies.push(Cookie.parse(headers[i].value)); }
            }
            return settleOwn(this, 'cookies', new CookieList(this, cookies));
        },
        set: function (value) { settleOwn(this, 'cookies', value); }
    };

    /**
     * The response of `pm.response` and of `pm.sendRequest` callbacks;
     * `data.header` may be a function that returns the headers when needed,
     * `body` a function that returns the body when needed (a body past
     * --max-response-size throws at every read), and `data.bodySize` the
     * body's size in bytes. What is not the response's own data lives in
     * private fields (one per-response `defineProperty` each cost more than
     * the rest of the construction); the body's text and the function that
     * makes it share one.
     */
    class Response {
        #header;
        #text;
        #bodySize;
        constructor(data, body) {
            data = data || {};
            this.id = data.id;
            this.status = data.status || '';
            this.code = data.code;
            this.#header = data.header || [];
            defineOwn(this, 'headers', LAZY_HEADERS);
            this.responseTime = data.responseTime;
            this.responseSize = data.responseSize;
            if (typeof body === 'function') { this.#text = body; }
            else {
                var given = data.body !== undefined ? data.body : data.stream;
                this.#text = body === undefined ? (given === undefined || given === null ? '' : String(given)) :
                    String(body);
            }
            if (typeof data.bodySize === 'number') { this.#bodySize = data.bodySize; }
            defineOwn(this, 'cookies', LAZY_COOKIES);
        }

        /** The headers as given: a list, or (until first read) the function that makes it. */
        get _header() {
            var raw = this.#header;
            return typeof raw === 'function' ? (this.#header = raw()) : raw;
        }

        /** The body as text, read (and kept) when first needed; a body that cannot be read throws at every read. */
        get _text() {
            var text = this.#text;
            if (typeof text === 'function') {
                text = text();
                text = text === undefined || text === null ? '' : String(text);
                this.#text = text;
            }
            return text;
        }

        get _bodySize() { return this.#bodySize; }
    }
    Object.defineProperty(Response.prototype, 'to', {
        enumerable: false,
        get: function () { return C.expect(this).to; }
    });
    Response.prototype.text = function () { return this._text; };
    Response.prototype.json = function (reviver) { return C.parseJson(this._text, reviver); };
    Response.prototype.jsonp = function (reviver) {
        var m = /^[^(]*\(([\s\S]*)\)[;\s]*$/.exec(this._text);
        return C.parseJson(m ? m[1] : this._text, reviver);
    };
    Response.prototype.reason = function () { return this.status; };
    Response.prototype.details = function () {
        return { name: this.status, detail: '', code: this.code, standardName: this.status };
    };
    Response.prototype.size = function () {
        var body = this._bodySize !== undefined ? this._bodySize : C.utf8Bytes(this._text).length;
        // The head as postman-collection counts it: a status line with
        // "HTTP/X.X", the blank line, and "key: value" lines joined by CRLF.
        var header = ('HTTP/X.X ' + this.code + ' ' + this.reason() + '\r\n\r\n').length;
        var list = this.headers.members;
        for (var i = 0; i < list.length; i++) {
            header += String(list[i].key).length + 2 + String(list[i].value).length + (i > 0 ? 2 : 0);
        }
        return { body: body, header: header, total: body + header };
    };
    Response.prototype.contentInfo = function () {
        var type = this.headers.get('content-type') || '';
        var parts = type.split(';');
        var charset = /charset=([^;]+)/i.exec(type);
        return { mimeType: parts[0].trim().split('/')[0] || 'text', mimeFormat: (parts[0].split('/')[1] || 'plain').trim(),
            charset: charset ? charset[1].trim() : 'utf8', contentType: type };
    };
    Response.prototype.dataURI = function () {
        return 'data:' + (this.headers.get('content-type') || 'text/plain') + ';base64,' +
            C.native.base64Encode(C.toHex(C.utf8Bytes(this._text)));
    };
    Response.prototype.toJSON = function () {
        return { id: this.id, status: this.status, code: this.code, header: this.headers.toJSON(),
            body: this._text, responseTime: this.responseTime, responseSize: this.responseSize,
            cookie: this.cookies.toJSON() };
    };
    Response.isResponse = function (o) { return o instanceof Response; };

    C.PropertyList = PropertyList;
    C.Header = Header;
    C.QueryParam = QueryParam;
    C.FormParam = FormParam;
    C.Url = Url;
    C.RequestBody = RequestBody;
    C.RequestAuth = RequestAuth;
    C.Request = Request;
    C.Cookie = Cookie;
    C.CookieList = CookieList;
    C.Response = Response;
})
