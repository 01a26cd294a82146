// courier prelude: `Variable`, as postman-collection's behaves (without its
// code): a key, a value and a `type` that converts the value when it is set
// (`castIn`) and when it is read (`castOut`): `string`, `number` and
// `boolean` convert with String / Number / Boolean; `array` and `object`
// store JSON text and read back the array or object (or undefined); `any`
// and unknown type names convert nothing. `toString()` is what `{{key}}`
// becomes: `null` is "null", undefined is "". Path variables, auth
// parameters and the `postman-collection` module's variable lists use it.
// Also the objects of `pm.environment`, `pm.globals`, … (`scopeApi`), whose
// values live in the run's variables on the native side.
(function (C) {
    'use strict';

    function jsonIn(value) {
        if (typeof value === 'string') { return value; }
        try { return JSON.stringify(value); }
        catch (e) { return 'null'; }
    }

    function jsonOut(text, wanted) {
        var value;
        try { value = JSON.parse(text); }
        catch (e) { value = undefined; }
        return wanted(value) ? value : undefined;
    }

    function same(value) { return value; }

    var TYPES = {
        string: String,
        boolean: Boolean,
        number: Number,
        array: { in: jsonIn, out: function (v) { return jsonOut(v, Array.isArray); } },
        object: {
            in: jsonIn,
            out: function (v) {
                return jsonOut(v, function (x) { return x instanceof Object && !Array.isArray(x); });
            }
        },
        any: { in: same, out: same }
    };

    /** A variable `{key, value, type}` (also a path variable or an auth parameter). */
    function Variable(definition) {
        this.type = 'any';
        this.value = undefined;
        if (definition !== undefined && definition !== null) {
            if (C.hasOwn(definition, 'key')) { this.key = definition.key; }
            else if (C.hasOwn(definition, 'id')) { this.key = definition.id; }
            this.update(definition);
        }
    }

    Variable.prototype.get = function () {
        return this.castOut(typeof this.value === 'function' ? this.value() : this.value);
    };
    Variable.prototype.set = function (value) {
        this.value = typeof value === 'function' ? value : this.castIn(value);
    };
    Variable.prototype.valueOf = function (value) {
        if (arguments.length) { this.set(value); }
        return this.get();
    };
    /** What `{{key}}` becomes. */
    Variable.prototype.toString = function () {
        var value = this.valueOf();
        if (value === null) { return 'null'; }
        return value !== undefined && typeof value.toString === 'function' ? value.toString() : '';
    };
    Variable.prototype.cast = function (value) { return this.castOut(value); };
    Variable.prototype.castIn = function (value) {
        var handler = TYPES[this.type] || TYPES.any;
        return typeof handler === 'function' ? handler(value) : handler.in(value);
    };
    Variable.prototype.castOut = function (value) {
        var handler = TYPES[this.type] || TYPES.any;
        return typeof handler === 'function' ? handler(value) : handler.out(value);
    };
    /** Sets the type if it is one of `Variable.types`, converting the value unless `noCast`. */
    Variable.prototype.valueType = function (typeName, noCast) {
        if (typeName !== undefined && typeName !== null) { typeName = String(typeName).toLowerCase(); }
        if (!C.hasOwn(TYPES, typeName)) { return this.type || 'any'; }
        this.type = typeName;
        if (!(noCast || typeof this.value === 'function')) { this.set(this.get()); }
        return this.type;
    };
    Variable.prototype.update = function (o) {
        if (!o || typeof o !== 'object') { return; }
        if (C.hasOwn(o, 'type')) { this.valueType(o.type, C.hasOwn(o, 'value')); }
        if (C.hasOwn(o, 'value')) { this.set(o.value); }
        if (C.hasOwn(o, 'system')) { this.system = o.system; }
        if (C.hasOwn(o, 'disabled')) { this.disabled = o.disabled; }
        if (C.hasOwn(o, 'description')) { this.description = o.description; }
    };
    Variable.prototype.toJSON = function () {
        var out = {};
        var self = this;
        ['key', 'value', 'type', 'system', 'disabled', 'description'].forEach(function (name) {
            if (self[name] !== undefined && typeof self[name] !== 'function') { out[name] = self[name]; }
        });
        return out;
    };
    Variable.indexKey = 'key';
    Variable.types = TYPES;
    Variable.isVariable = function (o) { return o instanceof Variable; };

    C.Variable = Variable;

    // ---- the `pm` scopes --------------------------------------------------------------

    var N = C.native;

    // A value as JSON for the native side; `undefined` stays undefined.
    // What JSON cannot hold becomes what Newman's runtime ends up with once
    // the script's changes reach it as JSON: a function is `null`.
    function encode(value) {
        if (value === undefined) { return undefined; }
        if (typeof value === 'function' || typeof value === 'symbol') { return 'null'; }
        try {
            var text = JSON.stringify(value);
            return text === undefined ? 'null' : text;
        }
        catch (e) {
            return JSON.stringify(String(value));
        }
    }

    var MAX_SAFE = 9007199254740991;

    function decode(text) { return text === undefined || text === 'undefined' ? undefined : JSON.parse(text); }

    // `[object, [names that read as undefined]]` from the native side.
    function decodeObject(text) {
        var pair = JSON.parse(text);
        var object = pair[0];
        pair[1].forEach(function (name) { object[name] = undefined; });
        return object;
    }

    // postman-collection's `Property.replaceSubstitutionsIn`, with
    // `replace` doing one string: the result is a new plain object holding
    // the template's enumerable keys, own and inherited (lodash's `keysIn`),
    // so a `Url` keeps its `toString`; nested objects and arrays have their
    // strings replaced in place and are kept as they are. `VariableScope`'s
    // `replaceIn` of an array wraps it (`{template: […]}`), so the array
    // itself is replaced in place and returned.
    function replaceInPlace(value, replace, seen) {
        if (typeof value === 'string') { return replace(value); }
        if (value && typeof value === 'object' && seen.indexOf(value) === -1) {
            seen.push(value);
            Object.keys(value).forEach(function (k) { value[k] = replaceInPlace(value[k], replace, seen); });
        }
        return value;
    }

    var BUILT_IN_PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, Date.prototype,
        RegExp.prototype, String.prototype, Number.prototype, Boolean.prototype];

    function replaceInObject(template, replace) {
        var seen = [];
        var out = {};
        for (var key in template) { out[key] = replaceInPlace(template[key], replace, seen); }
        // postman-collection's methods are enumerable on its prototypes, so
        // lodash copies them; the methods of our classes are not: copy them
        // (and none of the built-ins', which lodash does not see either).
        for (var p = Object.getPrototypeOf(template); p && BUILT_IN_PROTOTYPES.indexOf(p) === -1; p = Object.getPrototypeOf(p)) {
            Object.getOwnPropertyNames(p).forEach(function (name) {
                var d = Object.getOwnPropertyDescriptor(p, name);
                if (name !== 'constructor' && typeof d.value === 'function' && !Object.prototype.hasOwnProperty.call(out, name)) {
                    out[name] = d.value;
                }
            });
        }
        return out;
    }

    // `pm.environment`, `pm.variables`, …: `read` is the layer lookups use
    // (`all` for pm.variables), `write` the one changes go to. The values
    // live on the native side (the run's variables).
    function scopeApi(read, write) {
        var resolveText = function (text) { return N.scopeResolve(read, text); };
        var api = {
            get: function (key) { return decode(N.scopeGet(read, String(key))); },
            has: function (key) { return N.scopeHas(read, String(key)); },
            toObject: function () { return decodeObject(N.scopeObject(read)); },
            replaceIn: function (template) {
                if (typeof template === 'string') { return resolveText(template); }
                if (Array.isArray(template)) { return replaceInObject({ template: template }, resolveText).template; }
                if (template && typeof template === 'object') { return replaceInObject(template, resolveText); }
                return template;
            },
            set: function (key, value, type) {
                if (key === undefined || key === null) { return; }
                if (type === undefined && (typeof value === 'string' || typeof value === 'boolean' ||
                    (typeof value === 'number' && value % 1 === 0 && value <= MAX_SAFE && value >= -MAX_SAFE))) {
                    // What JSON would carry unchanged: no text to write and parse again.
                    N.scopeSetPlain(write, String(key), value);
                    return;
                }
                N.scopeSet(write, String(key), encode(value), type === undefined ? undefined : String(type));
            },
            unset: function (key) { N.scopeUnset(write, String(key)); },
            clear: function () { N.scopeClear(write); }
        };
        api.toJSON = api.toObject;
        // `values`: the scope's variables as a PropertyList of Variables (a snapshot).
        Object.defineProperty(api, 'values', { enumerable: false, get: function () {
            var o = decodeObject(N.scopeObject(write || read));
            return new C.PropertyList(C.Variable, null, Object.keys(o).map(function (k) {
                return { key: k, value: o[k], type: 'any' };
            }));
        } });
        return api;
    }

    C.scopeApi = scopeApi;
    C.replaceInObject = replaceInObject;
})
