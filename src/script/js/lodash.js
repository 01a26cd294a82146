// courier prelude: the lodash functions collections use, as the global `_`
// and as `require('lodash')`. Iteratee shorthands work as in lodash: a
// property name, a `{key: value}` matcher or a `[key, value]` pair.
(function (C) {
    'use strict';

    var hasOwn = Object.prototype.hasOwnProperty;

    function isNil(v) { return v === null || v === undefined; }
    function isObject(v) { return v !== null && (typeof v === 'object' || typeof v === 'function'); }
    function isArrayLike(v) {
        return !isNil(v) && typeof v !== 'function' && typeof v.length === 'number' && v.length >= 0;
    }
    function toArray(v) {
        if (isNil(v)) { return []; }
        if (typeof v === 'string') { return v.split(''); }
        if (isArrayLike(v)) { return Array.prototype.slice.call(v); }
        return Object.keys(v).map(function (k) { return v[k]; });
    }

    /** `a.b[0].c` or `['a', 'b']` into path keys. */
    function toPath(path) {
        if (Array.isArray(path)) { return path.map(String); }
        var out = [];
        String(path).replace(/[^.[\]]+|\[(?:(-?\d+(?:\.\d+)?)|(["'])((?:(?!\2)[^\\]|\\.)*?)\2)\]|(?=(?:\.|\[\])(?:\.|\[\]|$))/g,
            function (match, number, quote, quoted) {
                out.push(quote ? quoted.replace(/\\(\\)?/g, '$1') : (number !== undefined ? number : match));
            });
        return out;
    }

    function get(obj, path, fallback) {
        var keys = isNil(path) ? [] : (typeof path === 'string' && hasOwn.call(Object(obj), path) ? [path] : toPath(path));
        var value = obj;
        for (var i = 0; i < keys.length; i++) {
            if (isNil(value)) { value = undefined; break; }
            value = value[keys[i]];
        }
        return value === undefined ? fallback : value;
    }

    function has(obj, path) {
        if (isNil(obj)) { return false; }
        var keys = typeof path === 'string' && hasOwn.call(obj, path) ? [path] : toPath(path);
        var value = obj;
        for (var i = 0; i < keys.length; i++) {
            if (isNil(value) || !hasOwn.call(Object(value), keys[i])) { return false; }
            value = value[keys[i]];
        }
        return keys.length > 0;
    }

    function set(obj, path, value) {
        if (!isObject(obj)) { return obj; }
        var keys = toPath(path);
        var cur = obj;
        keys.forEach(function (k, i) {
            if (i === keys.length - 1) { cur[k] = value; return; }
            if (!isObject(cur[k])) { cur[k] = /^\d+$/.test(keys[i + 1]) ? [] : {}; }
            cur = cur[k];
        });
        return obj;
    }

    function isMatch(obj, source) {
        return Object.keys(source).every(function (k) {
            if (isNil(obj)) { return false; }
            var a = obj[k];
            var b = source[k];
            return isObject(b) && !Array.isArray(b) ? isMatch(a, b) : C.deepEqual(a, b) || a === b;
        });
    }

    function iteratee(fn) {
        if (typeof fn === 'function') { return fn; }
        if (isNil(fn)) { return identity; }
        if (Array.isArray(fn)) { return function (o) { return C.deepEqual(get(o, fn[0]), fn[1]); }; }
        if (typeof fn === 'object') { return function (o) { return isMatch(o, fn); }; }
        return function (o) { return get(o, fn); };
    }

    function identity(v) { return v; }

    function each(collection, fn) {
        if (isNil(collection)) { return collection; }
        fn = iteratee(fn);
        if (isArrayLike(collection)) {
            for (var i = 0; i < collection.length; i++) {
                if (fn(collection[i], i, collection) === false) { break; }
            }
        }
        else {
            var keys = Object.keys(collection);
            for (var j = 0; j < keys.length; j++) {
                if (fn(collection[keys[j]], keys[j], collection) === false) { break; }
            }
        }
        return collection;
    }

    function entriesOf(collection) {
        var out = [];
        each(collection, function (v, k) { out.push([v, k]); });
        return out;
    }

    function map(collection, fn) {
        fn = iteratee(fn);
        return entriesOf(collection).map(function (e) { return fn(e[0], e[1], collection); });
    }
    function filter(collection, fn) {
        fn = iteratee(fn);
        return entriesOf(collection).filter(function (e) { return fn(e[0], e[1], collection); })
            .map(function (e) { return e[0]; });
    }
    function reject(collection, fn) {
        fn = iteratee(fn);
        return filter(collection, function (v, k, c) { return !fn(v, k, c); });
    }
    function find(collection, fn, from) {
        fn = iteratee(fn);
        var list = entriesOf(collection).slice(from || 0);
        for (var i = 0; i < list.length; i++) {
            if (fn(list[i][0], list[i][1], collection)) { return list[i][0]; }
        }
        return undefined;
    }
    function findIndex(array, fn, from) {
        fn = iteratee(fn);
        for (var i = from || 0; i < (array || []).length; i++) {
            if (fn(array[i], i, array)) { return i; }
        }
        return -1;
    }
    function some(collection, fn) {
        fn = iteratee(fn);
        return entriesOf(collection).some(function (e) { return fn(e[0], e[1], collection); });
    }
    function every(collection, fn) {
        fn = iteratee(fn);
        return entriesOf(collection).every(function (e) { return fn(e[0], e[1], collection); });
    }
    function reduce(collection, fn, acc) {
        var list = entriesOf(collection);
        var start = 0;
        if (arguments.length < 3) { acc = list.length ? list[0][0] : undefined; start = 1; }
        for (var i = start; i < list.length; i++) { acc = fn(acc, list[i][0], list[i][1], collection); }
        return acc;
    }
    function includes(collection, value, from) {
        if (typeof collection === 'string') { return collection.indexOf(value, from || 0) !== -1; }
        return toArray(collection).slice(from || 0).some(function (v) { return v === value || (v !== v && value !== value); });
    }
    function groupBy(collection, fn) {
        fn = iteratee(fn);
        var out = {};
        each(collection, function (v) {
            var k = fn(v);
            (hasOwn.call(out, k) ? out[k] : (out[k] = [])).push(v);
        });
        return out;
    }
    function keyBy(collection, fn) {
        fn = iteratee(fn);
        var out = {};
        each(collection, function (v) { out[fn(v)] = v; });
        return out;
    }
    function countBy(collection, fn) {
        fn = iteratee(fn);
        var out = {};
        each(collection, function (v) { var k = fn(v); out[k] = (out[k] || 0) + 1; });
        return out;
    }
    function compareValues(a, b) {
        if (a === b) { return 0; }
        if (a === undefined) { return 1; }
        if (b === undefined) { return -1; }
        return a > b ? 1 : a < b ? -1 : 0;
    }
    function orderBy(collection, fns, orders) {
        fns = (Array.isArray(fns) ? fns : [fns === undefined ? identity : fns]).map(iteratee);
        orders = Array.isArray(orders) ? orders : [orders];
        return toArray(collection).map(function (v, i) { return { v: v, i: i }; }).sort(function (x, y) {
            for (var n = 0; n < fns.length; n++) {
                var c = compareValues(fns[n](x.v), fns[n](y.v));
                if (c) { return orders[n] === 'desc' ? -c : c; }
            }
            return x.i - y.i;
        }).map(function (e) { return e.v; });
    }
    function sortBy(collection) {
        var fns = Array.prototype.slice.call(arguments, 1);
        fns = fns.length === 1 && Array.isArray(fns[0]) ? fns[0] : fns;
        return orderBy(collection, fns.length ? fns : [identity]);
    }
    function uniqBy(array, fn) {
        fn = iteratee(fn);
        var seen = [];
        return toArray(array).filter(function (v) {
            var k = fn(v);
            if (seen.some(function (s) { return s === k || (s !== s && k !== k); })) { return false; }
            seen.push(k);
            return true;
        });
    }
    function flatten(array, deep) {
        return toArray(array).reduce(function (out, v) {
            return out.concat(Array.isArray(v) ? (deep ? flatten(v, true) : v) : [v]);
        }, []);
    }
    function difference(array) {
        var others = flatten(Array.prototype.slice.call(arguments, 1));
        return toArray(array).filter(function (v) { return !includes(others, v); });
    }
    function intersection() {
        var arrays = Array.prototype.slice.call(arguments).map(toArray);
        return uniqBy(arrays[0] || []).filter(function (v) {
            return arrays.every(function (a) { return includes(a, v); });
        });
    }
    function range(start, end, step) {
        if (end === undefined) { end = start; start = 0; }
        step = step === undefined ? (start < end ? 1 : -1) : step;
        var out = [];
        if (step === 0) { return out; }
        for (var i = start; step > 0 ? i < end : i > end; i += step) { out.push(i); }
        return out;
    }
    function random(lower, upper, floating) {
        if (typeof upper === 'boolean') { floating = upper; upper = undefined; }
        if (typeof lower === 'boolean') { floating = lower; lower = undefined; }
        if (lower === undefined && upper === undefined) { lower = 0; upper = 1; }
        else if (upper === undefined) { upper = lower; lower = 0; }
        lower = Number(lower);
        upper = Number(upper);
        if (lower > upper) { var t = lower; lower = upper; upper = t; }
        if (floating || lower % 1 || upper % 1) { return lower + Math.random() * (upper - lower); }
        return lower + Math.floor(Math.random() * (upper - lower + 1));
    }

    function keys(obj) { return isNil(obj) ? [] : Object.keys(Object(obj)); }
    function values(obj) { return keys(obj).map(function (k) { return obj[k]; }); }
    function pick(obj) {
        var names = flatten(Array.prototype.slice.call(arguments, 1));
        var out = {};
        if (typeof names[0] === 'function') {
            each(obj, function (v, k) { if (names[0](v, k)) { out[k] = v; } });
            return out;
        }
        names.forEach(function (p) { if (has(obj, p)) { set(out, p, get(obj, p)); } });
        return out;
    }
    function omit(obj) {
        var names = flatten(Array.prototype.slice.call(arguments, 1)).map(String);
        var out = {};
        keys(obj).forEach(function (k) { if (names.indexOf(k) === -1) { out[k] = obj[k]; } });
        return out;
    }
    function cloneDeep(v, seen) {
        if (!isObject(v) || typeof v === 'function') { return v; }
        seen = seen || [];
        for (var i = 0; i < seen.length; i++) { if (seen[i][0] === v) { return seen[i][1]; } }
        if (v instanceof Date) { return new Date(v.getTime()); }
        if (v instanceof RegExp) { return new RegExp(v.source, v.flags); }
        var out = Array.isArray(v) ? [] : Object.create(Object.getPrototypeOf(v));
        seen.push([v, out]);
        Object.keys(v).forEach(function (k) { out[k] = cloneDeep(v[k], seen); });
        return out;
    }
    function clone(v) {
        if (!isObject(v) || typeof v === 'function') { return v; }
        if (v instanceof Date) { return new Date(v.getTime()); }
        return Array.isArray(v) ? v.slice() : Object.assign(Object.create(Object.getPrototypeOf(v)), v);
    }
    function merge(target) {
        Array.prototype.slice.call(arguments, 1).forEach(function (source) {
            keys(source).forEach(function (k) {
                var s = source[k];
                if (isObject(s) && typeof s !== 'function' && !(s instanceof Date)) {
                    if (!isObject(target[k])) { target[k] = Array.isArray(s) ? [] : {}; }
                    merge(target[k], s);
                }
                else if (s !== undefined || !hasOwn.call(target, k)) {
                    target[k] = s;
                }
            });
        });
        return target;
    }
    function defaults(target) {
        Array.prototype.slice.call(arguments, 1).forEach(function (source) {
            keys(source).forEach(function (k) { if (target[k] === undefined) { target[k] = source[k]; } });
        });
        return target;
    }
    function mapValues(obj, fn) {
        fn = iteratee(fn);
        var out = {};
        keys(obj).forEach(function (k) { out[k] = fn(obj[k], k, obj); });
        return out;
    }
    function mapKeys(obj, fn) {
        fn = iteratee(fn);
        var out = {};
        keys(obj).forEach(function (k) { out[fn(obj[k], k, obj)] = obj[k]; });
        return out;
    }
    function isEmpty(v) {
        if (isNil(v)) { return true; }
        if (isArrayLike(v) && (Array.isArray(v) || typeof v === 'string' || C.typeOf(v) === 'Arguments')) {
            return !v.length;
        }
        if (v instanceof Map || v instanceof Set) { return !v.size; }
        if (typeof v === 'object') { return Object.keys(v).length === 0; }
        return true;
    }
    function isEqual(a, b) {
        if (a === b) { return true; }
        if (typeof a === 'number' && typeof b === 'number') { return a === b || (a !== a && b !== b); }
        return C.deepEqual(a, b);
    }

    function words(text) { return String(text).match(/[A-Z]{2,}(?=[A-Z][a-z]+|\b|[^a-zA-Z])|[A-Z]?[a-z]+|[A-Z]+|\d+/g) || []; }
    function capitalize(s) { s = String(isNil(s) ? '' : s); return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(); }
    function pad(s, length, chars, atStart) {
        s = String(isNil(s) ? '' : s);
        chars = chars === undefined ? ' ' : String(chars);
        if (!chars || s.length >= length) { return s; }
        var fill = '';
        while (fill.length < length - s.length) { fill += chars; }
        fill = fill.slice(0, length - s.length);
        return atStart ? fill + s : s + fill;
    }

    var uniqueCounter = 0;
    var lodash = {
        get: get, set: set, has: has, hasIn: function (o, p) { return !isNil(get(o, p)); },
        each: each, forEach: each, map: map, filter: filter, reject: reject, find: find, findIndex: findIndex,
        findLast: function (c, fn) { return find(toArray(c).reverse(), fn); },
        some: some, every: every, reduce: reduce, includes: includes, contains: includes,
        groupBy: groupBy, keyBy: keyBy, indexBy: keyBy, countBy: countBy, sortBy: sortBy, orderBy: orderBy,
        partition: function (c, fn) {
            fn = iteratee(fn);
            var yes = [];
            var no = [];
            each(c, function (v) { (fn(v) ? yes : no).push(v); });
            return [yes, no];
        },
        uniq: function (a) { return uniqBy(a); }, uniqBy: uniqBy, unique: function (a) { return uniqBy(a); },
        union: function () { return uniqBy(flatten(Array.prototype.slice.call(arguments))); },
        flatten: function (a) { return flatten(a, false); },
        flattenDeep: function (a) { return flatten(a, true); },
        compact: function (a) { return toArray(a).filter(Boolean); },
        chunk: function (a, size) {
            a = toArray(a);
            size = Math.max(1, size || 1);
            var out = [];
            for (var i = 0; i < a.length; i += size) { out.push(a.slice(i, i + size)); }
            return out;
        },
        difference: difference, intersection: intersection,
        without: function (a) { return difference(a, Array.prototype.slice.call(arguments, 1)); },
        first: function (a) { return toArray(a)[0]; }, head: function (a) { return toArray(a)[0]; },
        last: function (a) { a = toArray(a); return a[a.length - 1]; },
        initial: function (a) { return toArray(a).slice(0, -1); }, tail: function (a) { return toArray(a).slice(1); },
        take: function (a, n) { return toArray(a).slice(0, n === undefined ? 1 : n); },
        drop: function (a, n) { return toArray(a).slice(n === undefined ? 1 : n); },
        range: range,
        times: function (n, fn) { fn = iteratee(fn); var out = []; for (var i = 0; i < n; i++) { out.push(fn(i)); } return out; },
        sum: function (a) { return toArray(a).reduce(function (s, v) { return v === undefined ? s : s + v; }, 0); },
        sumBy: function (a, fn) { fn = iteratee(fn); return toArray(a).reduce(function (s, v) { return s + fn(v); }, 0); },
        mean: function (a) { a = toArray(a); return a.length ? lodash.sum(a) / a.length : NaN; },
        max: function (a) { a = toArray(a); return a.length ? a.reduce(function (m, v) { return v > m ? v : m; }) : undefined; },
        min: function (a) { a = toArray(a); return a.length ? a.reduce(function (m, v) { return v < m ? v : m; }) : undefined; },
        maxBy: function (a, fn) { fn = iteratee(fn); return toArray(a).reduce(function (m, v) { return m === undefined || fn(v) > fn(m) ? v : m; }, undefined); },
        minBy: function (a, fn) { fn = iteratee(fn); return toArray(a).reduce(function (m, v) { return m === undefined || fn(v) < fn(m) ? v : m; }, undefined); },
        size: function (c) { return isNil(c) ? 0 : isArrayLike(c) ? c.length : Object.keys(c).length; },
        shuffle: function (c) {
            var a = toArray(c);
            for (var i = a.length - 1; i > 0; i--) {
                var j = Math.floor(Math.random() * (i + 1));
                var t = a[i]; a[i] = a[j]; a[j] = t;
            }
            return a;
        },
        sample: function (c) { var a = toArray(c); return a[Math.floor(Math.random() * a.length)]; },
        random: random,
        zip: function () {
            var arrays = Array.prototype.slice.call(arguments).map(toArray);
            var n = Math.max.apply(null, arrays.map(function (a) { return a.length; }).concat(0));
            return range(n).map(function (i) { return arrays.map(function (a) { return a[i]; }); });
        },
        fromPairs: function (pairs) { var o = {}; toArray(pairs).forEach(function (p) { o[p[0]] = p[1]; }); return o; },
        toPairs: function (o) { return keys(o).map(function (k) { return [k, o[k]]; }); },
        indexOf: function (a, v, from) { return toArray(a).indexOf(v, from); },
        join: function (a, sep) { return toArray(a).join(sep === undefined ? ',' : sep); },
        reverse: function (a) { return a.reverse(); },
        concat: function () { return flatten(Array.prototype.slice.call(arguments), false); },
        keys: keys, values: values, pick: pick, omit: omit, clone: clone, cloneDeep: cloneDeep,
        merge: merge, assign: Object.assign, extend: Object.assign, defaults: defaults,
        mapValues: mapValues, mapKeys: mapKeys,
        forOwn: function (o, fn) { keys(o).forEach(function (k) { fn(o[k], k, o); }); return o; },
        forIn: function (o, fn) { for (var k in o) { if (fn(o[k], k, o) === false) { break; } } return o; },
        invert: function (o) { var out = {}; keys(o).forEach(function (k) { out[o[k]] = k; }); return out; },
        isEqual: isEqual, isEmpty: isEmpty, isMatch: isMatch,
        isArray: Array.isArray, isObject: isObject, isPlainObject: C.isPlainObject,
        isObjectLike: function (v) { return v !== null && typeof v === 'object'; },
        isString: function (v) { return typeof v === 'string' || v instanceof String; },
        isNumber: function (v) { return typeof v === 'number' || v instanceof Number; },
        isBoolean: function (v) { return v === true || v === false || v instanceof Boolean; },
        isFunction: function (v) { return typeof v === 'function'; },
        isNil: isNil, isNull: function (v) { return v === null; }, isUndefined: function (v) { return v === undefined; },
        isDate: function (v) { return v instanceof Date; }, isRegExp: function (v) { return v instanceof RegExp; },
        isError: function (v) { return v instanceof Error; },
        isNaN: function (v) { return typeof v === 'number' && v !== v; },
        isInteger: Number.isInteger, isFinite: Number.isFinite, isArrayLike: isArrayLike,
        capitalize: capitalize,
        upperFirst: function (s) { s = String(s); return s.charAt(0).toUpperCase() + s.slice(1); },
        lowerFirst: function (s) { s = String(s); return s.charAt(0).toLowerCase() + s.slice(1); },
        camelCase: function (s) {
            return words(s).map(function (w, i) { return i ? capitalize(w) : w.toLowerCase(); }).join('');
        },
        kebabCase: function (s) { return words(s).map(function (w) { return w.toLowerCase(); }).join('-'); },
        snakeCase: function (s) { return words(s).map(function (w) { return w.toLowerCase(); }).join('_'); },
        startCase: function (s) { return words(s).map(function (w) { return w.charAt(0).toUpperCase() + w.slice(1); }).join(' '); },
        words: words,
        trim: function (s, chars) {
            s = String(isNil(s) ? '' : s);
            if (chars === undefined) { return s.trim(); }
            var set = String(chars);
            var a = 0;
            var b = s.length;
            while (a < b && set.indexOf(s[a]) !== -1) { a++; }
            while (b > a && set.indexOf(s[b - 1]) !== -1) { b--; }
            return s.slice(a, b);
        },
        trimStart: function (s) { return String(isNil(s) ? '' : s).replace(/^\s+/, ''); },
        trimEnd: function (s) { return String(isNil(s) ? '' : s).replace(/\s+$/, ''); },
        startsWith: function (s, t, p) { return String(s).startsWith(t, p); },
        endsWith: function (s, t, p) { return String(s).endsWith(t, p); },
        padStart: function (s, n, c) { return pad(s, n, c, true); },
        padEnd: function (s, n, c) { return pad(s, n, c, false); },
        pad: function (s, n, c) {
            s = String(isNil(s) ? '' : s);
            var left = Math.floor((n - s.length) / 2);
            return pad(pad(s, s.length + Math.max(left, 0), c, true), n, c, false);
        },
        repeat: function (s, n) { return String(s).repeat(n === undefined ? 1 : n); },
        toUpper: function (s) { return String(isNil(s) ? '' : s).toUpperCase(); },
        toLower: function (s) { return String(isNil(s) ? '' : s).toLowerCase(); },
        split: function (s, sep, limit) { return String(isNil(s) ? '' : s).split(sep, limit); },
        replace: function (s, pattern, replacement) { return String(s).replace(pattern, replacement); },
        escape: function (s) {
            return String(isNil(s) ? '' : s).replace(/[&<>"']/g, function (c) {
                return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
            });
        },
        unescape: function (s) {
            return String(isNil(s) ? '' : s).replace(/&(amp|lt|gt|quot|#39);/g, function (m, e) {
                return { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" }[e];
            });
        },
        identity: identity, noop: function () {}, constant: function (v) { return function () { return v; }; },
        iteratee: iteratee, property: function (p) { return function (o) { return get(o, p); }; },
        matches: function (src) { return function (o) { return isMatch(o, src); }; },
        uniqueId: function (prefix) { uniqueCounter++; return (prefix === undefined ? '' : String(prefix)) + uniqueCounter; },
        toString: function (v) { return isNil(v) ? '' : String(v); },
        toNumber: Number,
        toInteger: function (v) { var n = Number(v); return n !== n ? 0 : Math.trunc(n); },
        parseInt: function (s, radix) { return parseInt(s, radix || 10); },
        toArray: toArray, castArray: function (v) { return arguments.length === 0 ? [] : Array.isArray(v) ? v : [v]; },
        now: function () { return Date.now(); },
        once: function (fn) { var done = false; var r; return function () { if (!done) { done = true; r = fn.apply(this, arguments); } return r; }; },
        clamp: function (n, lo, hi) { return Math.min(Math.max(n, lo), hi); },
        inRange: function (n, start, end) {
            if (end === undefined) { end = start; start = 0; }
            return n >= Math.min(start, end) && n < Math.max(start, end);
        }
    };

    // `_(value).map(...).value()` chains: every function above, wrapped.
    function Wrapped(value) { this.__wrapped = value; }
    Wrapped.prototype.value = function () { return this.__wrapped; };
    Wrapped.prototype.valueOf = Wrapped.prototype.value;
    Wrapped.prototype.toJSON = Wrapped.prototype.value;
    var underscore = function (value) { return value instanceof Wrapped ? value : new Wrapped(value); };
    Object.keys(lodash).forEach(function (name) {
        var fn = lodash[name];
        underscore[name] = fn;
        Wrapped.prototype[name] = function () {
            var args = [this.__wrapped].concat(Array.prototype.slice.call(arguments));
            return new Wrapped(fn.apply(null, args));
        };
    });
    underscore.chain = function (v) { return new Wrapped(v); };
    underscore.VERSION = '4.17.21';

    C.lodash = underscore;
})
