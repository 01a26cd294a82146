// courier prelude: the rest of the members postman-sandbox's `pm` objects
// have (postman-collection's PropertyBase methods and a few more), a clear
// error for those courier does not have, and `pm.vault`.
//
// The list of members comes from running the same script under Newman 6.2.2
// and courier and comparing what each object has (README, "The pm API").
// Everything here is installed once per run on prototypes (or on the five
// scope objects, made once): a script pays nothing for it.
(function (C) {
    'use strict';

    var N = C.native;

    function hidden(target, name, descriptor) {
        descriptor.configurable = true;
        descriptor.enumerable = false;
        Object.defineProperty(target, name, descriptor);
    }

    /** Makes `owner.name` throw a clear error: a method when called, a property when read. */
    function refuse(target, owner, names, properties) {
        names.forEach(function (name) {
            if (name in target) { return; }
            var message = owner + '.' + name + ' is not supported in courier';
            if (properties && properties.indexOf(name) > -1) {
                hidden(target, name, { get: function () { throw new Error(message); } });
            }
            else {
                hidden(target, name, { writable: true, value: function () { throw new Error(message); } });
            }
        });
    }

    // ---- PropertyBase (postman-collection): the parent chain, meta, describe ----------

    // The list each list member is in (a WeakMap: nothing for the member to
    // show or serialise). Recording it costs every list a little, so it
    // starts only once a script uses the parent chain or postman-collection;
    // until then the owner of one of `pm`'s own list members is found by
    // looking through `pm`'s lists.
    var owners = new WeakMap();
    var linking = false;
    var insert = C.PropertyList.prototype.insert;

    /** From now on, a list records its members' owner (`insert` does). */
    function startLinking() {
        if (linking) { return; }
        linking = true;
        C.PropertyList.prototype.insert = function (item, before) {
            if (item && typeof item === 'object') { owners.set(item, this); }
            return insert.call(this, item, before);
        };
    }

    function pmLists() {
        var pm = globalThis.pm;
        if (!pm) { return []; }
        var req = pm.request;
        var res = pm.response;
        var lists = [req && req.headers, req && req.url && req.url.query, req && req.url && req.url.variables,
            req && req.body && req.body.urlencoded, req && req.body && req.body.formdata, res && res.headers,
            pm.cookies];
        return lists.filter(function (l) { return l && Array.isArray(l.members); });
    }

    function up(p) {
        var owner = p.__parent || owners.get(p);
        if (owner) { return owner; }
        startLinking();
        return pmLists().find(function (l) { return l.members.indexOf(p) > -1; });
    }

    function parentOf(p) {
        var owner = p && up(p);
        return owner ? (owner.__parent || owner) : undefined;
    }

    var propertyBase = {
        /** The owner: the list's owner for a list member (the request of a header). */
        parent: function () { return parentOf(this); },
        setParent: function (parent) {
            if (Object.prototype.hasOwnProperty.call(this, '__parent')) { this.__parent = parent; }
            else { startLinking(); owners.set(this, parent); }
        },
        forEachParent: function (options, iterator) {
            if (typeof options === 'function') { iterator = options; options = {}; }
            if (typeof iterator !== 'function' || !options || typeof options !== 'object') { return; }
            var parent = this.parent();
            var grand = parent && typeof parent.parent === 'function' && parent.parent();
            while (parent && (grand || options.withRoot)) {
                iterator(parent);
                parent = grand;
                grand = grand && typeof grand.parent === 'function' && grand.parent();
            }
        },
        findInParents: function (property, customizer) {
            var owner = this.findParentContaining(property, customizer);
            return owner ? owner[property] : undefined;
        },
        findParentContaining: function (property, customizer) {
            var at = this;
            do {
                if (customizer ? customizer.call(this, at) : at[property]) { return at; }
                at = up(at);
            } while (at);
            return undefined;
        },
        /** The `_`-prefixed meta properties; courier's objects keep none. */
        meta: function () {
            if (this._ === undefined) { return undefined; }
            var meta = JSON.parse(JSON.stringify(this._));
            if (!arguments.length) { return meta; }
            var out = {};
            Array.prototype.forEach.call(arguments, function (k) { if (k in meta) { out[k] = meta[k]; } });
            return out;
        },
        describe: function (content, type) {
            var description = this.description;
            if (description && typeof description === 'object') {
                description.content = content;
                if (type) { description.type = type; }
                return;
            }
            this.description = {
                content: content,
                type: type || 'text/plain',
                toString: function () { return String(this.content); },
                toJSON: function () { return { content: this.content, type: this.type }; }
            };
        }
    };

    var SDK = ['Request', 'Url', 'RequestBody', 'RequestAuth', 'Response', 'Header', 'QueryParam', 'FormParam',
        'Cookie', 'PropertyList'];
    // One prototype under the SDK's (as postman-collection's PropertyBase is):
    // a handful of definitions instead of one per class and method.
    var BASE = {};
    Object.keys(propertyBase).forEach(function (name) {
        hidden(BASE, name, { writable: true, value: propertyBase[name] });
    });
    SDK.forEach(function (type) {
        var proto = C[type].prototype;
        if (Object.getPrototypeOf(proto) === Object.prototype) { Object.setPrototypeOf(proto, BASE); }
    });

    // Lists a script builds itself come from postman-collection: link from then on.
    var library = Object.getOwnPropertyDescriptor(C, 'postmanCollection');
    if (library && library.get) {
        Object.defineProperty(C, 'postmanCollection', {
            configurable: true,
            enumerable: true,
            get: function () { startLinking(); return library.get.call(this); },
            set: library.set
        });
    }

    /** The length of the headers as `Key: value\r\n` lines (enabled ones), for headers. */
    hidden(C.PropertyList.prototype, 'contentSize', { writable: true, value: function () {
        if (this.Type !== C.Header) { throw new TypeError('contentSize is not a function'); }
        return this.members.reduce(function (n, h) {
            return h && !h.disabled ? n + (h.key + ': ' + h.value + '\r\n').length : n;
        }, 0);
    } });

    /** Empties the parameters of auth `type`; drops them unless it is the current type. */
    hidden(C.RequestAuth.prototype, 'clear', { writable: true, value: function (type) {
        if (typeof type !== 'string' || !Array.isArray(this[type])) { return; }
        this[type] = [];
        if (type !== this.type) { delete this[type]; }
    } });

    // ---- pm.vault and pm.visualizer's checks (pm.js uses them) ------------------------

    // `pm.vault`: promises, as in Postman's app; the vault is the run's (`--vault`).
    function vaultCall(fn) {
        return new Promise(function (resolve) { resolve(fn()); });
    }
    C.vault = {
        get: function (key) { return vaultCall(function () { return N.vaultGet(String(key)); }); },
        set: function (key, value) {
            return vaultCall(function () { N.vaultSet(String(key), value === undefined ? '' : String(value)); });
        },
        unset: function (key) { return vaultCall(function () { N.vaultUnset(String(key)); }); }
    };

    /** Throws as postman-sandbox's `pm.visualizer.set` does for arguments of the wrong type. */
    C.checkVisualizer = function (template, data, options) {
        if (typeof template !== 'string') {
            throw new Error('Invalid template. Template must be of type string, found ' + typeof template);
        }
        if (data && typeof data !== 'object') {
            throw new Error('Invalid data. Data must be an object, found ' + typeof data);
        }
        if (options && typeof options !== 'object') {
            throw new Error('Invalid options. Options must be an object, found ' + typeof options);
        }
    };

    // ---- what courier does not have ----------------------------------------------------

    var RESOLVING = ['findSubstitutions', 'toObjectResolved'];
    refuse(C.Request.prototype, 'pm.request', RESOLVING.concat(['size']));
    refuse(C.Url.prototype, 'pm.request.url', ['getOAuth1BaseUrl']);
    refuse(C.RequestAuth.prototype, 'pm.request.auth', RESOLVING);
    refuse(C.Header.prototype, 'Header', RESOLVING);
    refuse(C.QueryParam.prototype, 'QueryParam', RESOLVING);
    refuse(C.Response.prototype, 'pm.response', RESOLVING.concat(['encoding', 'mime', 'update', 'stream']), ['stream']);
    refuse(C.PropertyList.prototype, 'pm.request.url.variables',
        ['oneNormalizedVariable', 'replace', 'substitute', 'syncFromObject', 'syncToObject']);

    // The five scopes: postman-collection's VariableScope has these too.
    var SCOPE_NAMES = { environment: 'pm.environment', globals: 'pm.globals', collection: 'pm.collectionVariables',
        all: 'pm.variables', data: 'pm.iterationData' };
    var SCOPE_MISSING = ['addLayer', 'applyMutation', 'describe', 'disableTracking', 'enableTracking',
        'findInParents', 'findParentContaining', 'findSubstitutions', 'forEachParent', 'meta',
        'mutations', 'parent', 'setParent', 'syncVariablesFrom', 'syncVariablesTo', 'toObjectResolved',
        'variables'];
    // The scope objects share one prototype holding these members, defined
    // once; each object's layer name is kept aside.
    var layers = new WeakMap();
    var layerOf = function (api) { return layers.get(api); };
    var SCOPE_PROTO = {};
    SCOPE_MISSING.forEach(function (name) {
        var fail = function (api) {
            throw new Error((SCOPE_NAMES[layerOf(api)] || 'VariableScope') + '.' + name + ' is not supported in courier');
        };
        if (name === 'mutations') { hidden(SCOPE_PROTO, name, { get: function () { fail(this); } }); }
        else { hidden(SCOPE_PROTO, name, { writable: true, value: function () { fail(this); } }); }
    });
    // The file's id and name (an environment or globals file), as in postman-collection.
    hidden(SCOPE_PROTO, 'id', { get: function () { return N.scopeId(layerOf(this)); } });
    hidden(SCOPE_PROTO, 'name', { get: function () { return N.scopeName(layerOf(this)); } });
    var scopeApi = C.scopeApi;
    C.scopeApi = function (read, write) {
        var api = scopeApi(read, write);
        layers.set(api, read);
        return Object.setPrototypeOf(api, SCOPE_PROTO);
    };
})
