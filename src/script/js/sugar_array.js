// courier prelude: the legacy Array and Object extensions (Sugar 1.3's, as
// postman-sandbox installs them): `each`, `sum`, `average`, `min`, `unique`,
// `groupBy`, `sortBy`, ... on arrays, and `Object.merge`, `Object.clone`,
// `Object.equal`, `Object.extended`, the `Object.isString` family and the
// enumerable methods on objects. Loaded by `sugar.js` on first use.
(function (C) {
    'use strict';

    var B = C.sugarBase;
    var is = B.is;
    var ArrayProto = Array.prototype;

    // Sugar's walk: from `start` (negative counts from the end), round to the start when `loop`.
    function each(arr, fn, start, loop) {
        if (start < 0) { start = arr.length + start; }
        var i = isNaN(start) ? 0 : start;
        var end = loop === true ? arr.length + i : arr.length;
        while (i < end) {
            var index = i % arr.length;
            if (!(index in arr)) { return eachSparse(arr, fn, i); }
            if (fn.call(arr, arr[index], index, arr) === false) { break; }
            i++;
        }
        return undefined;
    }

    function eachSparse(arr, fn, from) {
        var indexes = [];
        for (var key in arr) {
            if (key in arr && (key >>> 0) == key && key != 0xffffffff && key >= from) { indexes.push(parseInt(key, 10)); }
        }
        // Sugar sorts these with the default (text) order.
        indexes.sort();
        for (var i = 0; i < indexes.length; i++) {
            if (fn.call(arr, arr[indexes[i]], indexes[i], arr) === false) { break; }
        }
        return arr;
    }

    // Sugar's set membership: values compared by value are keyed by their
    // serialisation (in a plain object, so inherited names count as present),
    // other values by identity.
    function seen(hash, key, el, byReference) {
        var exists = key in hash;
        if (byReference) {
            if (!hash[key]) { hash[key] = []; }
            exists = hash[key].indexOf(el) !== -1;
        }
        return exists;
    }

    function remember(hash, el) {
        var key = B.serialize(el);
        var byReference = !B.comparedByValue(el);
        var exists = seen(hash, key, el, byReference);
        if (byReference) { hash[key].push(el); } else { hash[key] = el; }
        return exists;
    }

    function forget(hash, key, el, byReference) {
        if (!byReference) { delete hash[key]; return; }
        var list = hash[key];
        for (var i = 0; i < list.length;) {
            if (list[i] === el) { list.splice(i, 1); } else { i++; }
        }
    }

    function unique(arr, map) {
        var out = [];
        var hash = {};
        each(arr, function (el, i) {
            var key = map ? B.mapWith(el, map, arr, [el, i, arr]) : el;
            if (!remember(hash, key)) { out.push(el); }
        });
        return out;
    }

    function intersect(arr, other, subtract) {
        var out = [];
        var hash = {};
        each(other, function (el) { remember(hash, el); });
        each(arr, function (el) {
            var key = B.serialize(el);
            var byReference = !B.comparedByValue(el);
            if (seen(hash, key, el, byReference) !== subtract) {
                forget(hash, key, el, byReference);
                out.push(el);
            }
        });
        return out;
    }

    function flatten(arr, level, depth) {
        level = level || Infinity;
        depth = depth || 0;
        var out = [];
        each(arr, function (el) {
            if (is.Array(el) && depth < level) { out = out.concat(flatten(el, level, depth + 1)); } else { out.push(el); }
        });
        return out;
    }

    function flatArgs(list) {
        var out = [];
        for (var i = 0; i < list.length; i++) { out = out.concat(list[i]); }
        return out;
    }

    function edge(obj, map, which, all) {
        var best;
        var out = [];
        var isArr = Array.isArray(obj);
        B.eachOwn(obj, function (key) {
            var el = obj[key];
            var value = B.mapWith(el, map, obj, isArr ? [el, parseInt(key, 10), obj] : []);
            if (value === undefined) { throw new TypeError('Cannot compare with undefined'); }
            if (value === best) {
                out.push(el);
            } else if (best === undefined || (which === 'max' && value > best) || (which === 'min' && value < best)) {
                out = [el];
                best = value;
            }
        });
        if (!isArr) { out = flatten(out, 1); }
        return all ? out : out[0];
    }

    // ---- alphanumeric collation (sortBy on strings) ----------------------------------------

    function collationConfig() {
        var order = 'AÁÀÂÃĄBCĆČÇDĎÐEÉÈĚÊËĘFGĞHıIÍÌİÎÏJKLŁMNŃŇÑOÓÒÔPQRŘSŚŠŞTŤUÚÙŮÛÜVWXYÝZŹŻŽÞÆŒØÕÅÄÖ';
        var equivalents = {};
        'AÁÀÂÃÄ,CÇ,EÉÈÊË,IÍÌİÎÏ,OÓÒÔÕÖ,Sß,UÚÙÛÜ'.split(',').forEach(function (set) {
            var base = set.charAt(0);
            set.slice(1).split('').forEach(function (ch) {
                equivalents[ch] = base;
                equivalents[ch.toLowerCase()] = base.toLowerCase();
            });
        });
        return {
            AlphanumericSortOrder: order.split('').map(function (ch) { return ch + ch.toLowerCase(); }).join(''),
            AlphanumericSortIgnoreCase: true,
            AlphanumericSortEquivalents: equivalents
        };
    }

    function collate(a, b) {
        var prep = function (s) {
            if (Array.AlphanumericSortIgnoreCase) { s = s.toLowerCase(); }
            return s.replace(Array.AlphanumericSortIgnore, '');
        };
        var charAt = function (s, i) {
            var ch = s.charAt(i);
            var eq = Array.AlphanumericSortEquivalents || {};
            return eq[ch] || ch;
        };
        var rank = function (ch) { return ch ? Array.AlphanumericSortOrder.indexOf(ch) : null; };
        a = prep(a);
        b = prep(b);
        var i = 0;
        var tie = 0;
        var av;
        var bv;
        do {
            var ac = charAt(a, i);
            var bc = charAt(b, i);
            av = rank(ac);
            bv = rank(bc);
            if (av === -1 || bv === -1) {
                av = a.charCodeAt(i) || null;
                bv = b.charCodeAt(i) || null;
            }
            var aeq = ac !== a.charAt(i);
            var beq = bc !== b.charAt(i);
            if (aeq !== beq && tie === 0) { tie = aeq - beq; }
            i += 1;
        } while (av != null && bv != null && av === bv);
        if (av === bv) { return tie; }
        return av < bv ? -1 : 1;
    }

    // ---- Array.prototype -------------------------------------------------------------------

    var arrayMethods = {
        findAll: function (f, start, loop) {
            var out = [];
            each(this, function (el, i, arr) {
                if (B.matches(el, f, arr, [el, i, arr])) { out.push(el); }
            }, start, loop);
            return out;
        },
        count: function (f) {
            return f === undefined ? this.length : this.findAll(f).length;
        },
        removeAt: function (start, end) {
            if (start === undefined) { return this; }
            if (end === undefined) { end = start; }
            for (var i = 0, n = end - start; i <= n; i++) { this.splice(start, 1); }
            return this;
        },
        include: function (el, index) { return this.clone().add(el, index); },
        exclude: function () { return ArrayProto.remove.apply(this.clone(), arguments); },
        clone: function () {
            var out = [];
            B.eachOwn(this, function (k, v) { out[k] = v; });
            return out;
        },
        unique: function (map) { return unique(this, map); },
        flatten: function (limit) { return flatten(this, limit); },
        union: function () { return unique(this.concat(flatArgs(arguments))); },
        intersect: function () { return intersect(this, flatArgs(arguments), false); },
        subtract: function () { return intersect(this, flatArgs(arguments), true); },
        first: function (n) {
            if (n === undefined) { return this[0]; }
            return this.slice(0, n < 0 ? 0 : n);
        },
        last: function (n) {
            if (n === undefined) { return this[this.length - 1]; }
            return this.slice(this.length - n < 0 ? 0 : this.length - n);
        },
        from: function (n) { return this.slice(n); },
        to: function (n) { return this.slice(0, n === undefined ? this.length : n); },
        min: function (map, all) { return edge(this, map, 'min', all); },
        max: function (map, all) { return edge(this, map, 'max', all); },
        least: function (map, all) { return edge(this.groupBy(map), 'length', 'min', all); },
        most: function (map, all) { return edge(this.groupBy(map), 'length', 'max', all); },
        sum: function (map) {
            var arr = map ? this.map(map) : this;
            return arr.length > 0 ? arr.reduce(function (a, b) { return a + b; }) : 0;
        },
        average: function (map) {
            var arr = map ? this.map(map) : this;
            return arr.length > 0 ? arr.sum() / arr.length : 0;
        },
        inGroups: function (num, padding) {
            var pad = arguments.length > 1;
            var arr = this;
            var out = [];
            var size = B.round(this.length / num, undefined, 'ceil');
            B.range(0, num - 1, function (i) {
                var group = arr.slice(i * size, i * size + size);
                if (pad && group.length < size) {
                    B.range(1, size - group.length, function () { group = group.add(padding); });
                }
                out.push(group);
            });
            return out;
        },
        inGroupsOf: function (num, padding) {
            var len = this.length;
            var arr = this;
            var out = [];
            if (len === 0 || num === 0) { return arr; }
            if (num === undefined) { num = 1; }
            if (padding === undefined) { padding = null; }
            B.range(0, B.round(len / num, undefined, 'ceil') - 1, function (i) {
                var group = arr.slice(num * i, num * i + num);
                while (group.length < num) { group.push(padding); }
                out.push(group);
            });
            return out;
        },
        isEmpty: function () { return this.compact().length == 0; },
        sortBy: function (map, desc) {
            var arr = this.clone();
            arr.sort(function (a, b) {
                var x = B.mapWith(a, map, arr, [a]);
                var y = B.mapWith(b, map, arr, [b]);
                var c;
                if (is.String(x) && is.String(y)) { c = collate(x, y); } else if (x < y) { c = -1; } else if (x > y) { c = 1; } else { c = 0; }
                return c * (desc ? -1 : 1);
            });
            return arr;
        },
        randomize: function () {
            var arr = this.concat();
            for (var i = arr.length; i;) {
                var j = (Math.random() * i) | 0;
                var x = arr[--i];
                arr[i] = arr[j];
                arr[j] = x;
            }
            return arr;
        },
        zip: function () {
            var others = B.args(arguments);
            return this.map(function (el, i) {
                return [el].concat(others.map(function (o) { return (i in o) ? o[i] : null; }));
            });
        },
        sample: function (n) {
            var arr = this.randomize();
            return arguments.length > 0 ? arr.slice(0, n) : arr[0];
        },
        each: function (fn, start, loop) {
            each(this, fn, start, loop);
            return this;
        },
        add: function (el, index) {
            if (!is.Number(Number(index)) || isNaN(index)) { index = this.length; }
            ArrayProto.splice.apply(this, [index, 0].concat(el));
            return this;
        },
        remove: function () {
            var arr = this;
            for (var a = 0; a < arguments.length; a++) {
                var f = arguments[a];
                for (var i = 0; i < arr.length;) {
                    if (B.matches(arr[i], f, arr, [arr[i], i, arr])) { arr.splice(i, 1); } else { i++; }
                }
            }
            return arr;
        },
        compact: function (all) {
            var out = [];
            each(this, function (el) {
                if (is.Array(el)) {
                    out.push(el.compact());
                } else if (all && el) {
                    out.push(el);
                } else if (!all && el != null && el.valueOf() === el.valueOf()) {
                    out.push(el);
                }
            });
            return out;
        },
        groupBy: function (map, fn) {
            var arr = this;
            var out = {};
            each(arr, function (el, i) {
                var key = B.mapWith(el, map, arr, [el, i, arr]);
                if (!out[key]) { out[key] = []; }
                out[key].push(el);
            });
            if (fn) { B.eachOwn(out, fn); }
            return out;
        },
        none: function () { return !this.any.apply(this, arguments); },
        all: function () { return this.every.apply(this, arguments); },
        any: function () { return this.some.apply(this, arguments); }
    };
    arrayMethods.insert = arrayMethods.add;

    // `map`, `filter`, `every`, `some` given a property name or a value to match (see sugar.js).
    function shorthand(arr, name, f) {
        return ArrayProto[name].call(arr, function (el, i) {
            return name === 'map' ? B.mapWith(el, f, arr, [el, i, arr]) : B.matches(el, f, arr, [el, i, arr]);
        });
    }

    // ---- Object -----------------------------------------------------------------------------

    // What `Object.extended(obj)` returns: the object's keys, with the Object methods as its own.
    function Hash(obj) {
        var self = this;
        B.eachOwn(obj, function (k, v) { self[k] = v; });
    }
    Hash.prototype.constructor = Object;

    function keysOf(obj) {
        if (obj && obj.valueOf) { obj = obj.valueOf(); }
        return Object.keys(obj);
    }

    function setParam(obj, param, value, deep) {
        var match = deep !== false && param.match(/^(.+?)(\[.*\])$/);
        if (match) {
            var key = match[1];
            var isList;
            match[2].replace(/^\[|\]$/g, '').split('][').forEach(function (k) {
                isList = !k || k.match(/^\d+$/);
                if (!key && is.Array(obj)) { key = obj.length; }
                if (!B.hasOwn(obj, key)) { obj[key] = isList ? [] : {}; }
                obj = obj[key];
                key = k;
            });
            if (!key && isList) { key = obj.length.toString(); }
            setParam(obj, key, value);
        } else if (value.match(/^[+-]?\d+(\.\d+)?$/)) {
            obj[param] = parseFloat(value);
        } else if (value === 'true') {
            obj[param] = true;
        } else if (value === 'false') {
            obj[param] = false;
        } else {
            obj[param] = value;
        }
    }

    function queryComponent(value) {
        return !value && value !== false && value !== 0 ? '' : encodeURIComponent(value).replace(/%20/g, '+');
    }

    function toQuery(base, obj) {
        if (is.Array(obj) || (B.isObject(obj) && obj.toString === Object.prototype.toString)) {
            var parts = [];
            B.eachOwn(obj, function (key, value) {
                parts.push(toQuery(base ? base + '[' + key + ']' : key, value));
            });
            return parts.join('&');
        }
        if (!base) { return ''; }
        return queryComponent(base) + '=' + (is.Date(obj) ? obj.getTime() : queryComponent(obj));
    }

    function keyMatches(key, match) {
        if (is.RegExp(match)) { return match.test(key); }
        if (B.isObjectLike(match)) { return B.hasOwn(match, key); }
        return key === String(match);
    }

    function pick(obj, list, keep) {
        var out = {};
        var wanted = flatArgs(B.args(list, 1));
        B.eachOwn(obj, function (key, value) {
            var found = wanted.some(function (w) { return keyMatches(key, w); });
            if (found === keep) { out[key] = value; }
        });
        return out;
    }

    function merge(target, source, deep, resolve) {
        if (!target || typeof source == 'string') { return target; }
        for (var key in source) {
            if (!B.hasOwn(source, key) || !target) { continue; }
            var value = source[key];
            if (target[key] !== undefined) {
                if (resolve === false) { continue; }
                if (is.Function(resolve)) { value = resolve.call(source, key, target[key], source[key]); }
            }
            if (deep === true && value && B.isObjectLike(value)) {
                if (is.Date(value)) {
                    value = new Date(value.getTime());
                } else if (is.RegExp(value)) {
                    value = new RegExp(value.source, B.regExpFlags(value));
                } else {
                    if (!target[key]) { target[key] = Array.isArray(value) ? [] : {}; }
                    merge(target[key], source[key], deep, resolve);
                    continue;
                }
            }
            target[key] = value;
        }
        return target;
    }

    // Object.any, Object.sum, ...: the Array method run over the keys.
    function overKeys(name, mapping) {
        return function (obj, arg1, arg2) {
            var result = ArrayProto[name].call(keysOf(obj), function (key) {
                return mapping ? B.mapWith(obj[key], arg1, obj, [key, obj[key], obj])
                    : B.matches(obj[key], arg1, obj, [key, obj[key], obj]);
            }, arg2);
            if (is.Array(result)) {
                result = result.reduce(function (o, key) { o[key] = obj[key]; return o; }, {});
            }
            return result;
        };
    }

    function installObject() {
        var methods = {
            map: function (obj, map) {
                return keysOf(obj).reduce(function (out, key) {
                    out[key] = B.mapWith(obj[key], map, obj, [key, obj[key], obj]);
                    return out;
                }, {});
            },
            reduce: function (obj) {
                var values = keysOf(obj).map(function (key) { return obj[key]; });
                return values.reduce.apply(values, B.args(arguments, 1));
            },
            each: function (obj, fn) {
                if (!fn || !fn.call) { throw new TypeError('Callback is not callable'); }
                B.eachOwn(obj, fn);
                return obj;
            },
            size: function (obj) { return keysOf(obj).length; },
            watch: function (obj, prop, fn) {
                var value = obj[prop];
                Object.defineProperty(obj, prop, {
                    enumerable: true,
                    configurable: true,
                    get: function () { return value; },
                    set: function (to) { value = fn.call(obj, prop, value, to); }
                });
            },
            isObject: function (obj) { return B.isObject(obj); },
            isNaN: function (obj) { return is.Number(obj) && obj.valueOf() !== obj.valueOf(); },
            equal: function (a, b) { return B.isEqual(a, b); },
            extended: function (obj) { return new Hash(obj); },
            merge: merge,
            clone: function (obj, deep) {
                if (is.Date(obj) && obj.clone) { return obj.clone(); }
                if (!B.isObjectLike(obj)) { return obj; }
                return merge(obj instanceof Hash ? new Hash() : new obj.constructor(), obj, deep);
            },
            fromQueryString: function (text, deep) {
                var out = new Hash();
                text = text && text.toString ? text.toString() : '';
                text.replace(/^.*?\?/, '').split('&').forEach(function (p) {
                    var parts = p.split('=');
                    if (parts.length === 2) { setParam(out, parts[0], decodeURIComponent(parts[1]), deep); }
                });
                return out;
            },
            toQueryString: function (obj, namespace) { return toQuery(namespace, obj); },
            tap: function (obj, arg) {
                var fn = is.Function(arg) ? arg : function () { if (arg) { obj[arg](); } };
                fn.call(obj, obj);
                return obj;
            },
            has: function (obj, key) { return B.hasOwn(obj, key); },
            select: function (obj) { return pick(obj, arguments, true); },
            reject: function (obj) { return pick(obj, arguments, false); }
        };
        'any,all,none,count,find,findAll,isEmpty'.split(',').forEach(function (n) { methods[n] = overKeys(n, false); });
        'sum,average,min,max,least,most'.split(',').forEach(function (n) { methods[n] = overKeys(n, true); });
        Object.keys(is).forEach(function (n) { methods['is' + n] = is[n]; });
        B.install(Object, methods);

        var hashMethods = {};
        ('isObject,isNaN,keys,values,select,reject,each,merge,clone,equal,watch,tap,has,toQueryString,' +
            'any,all,none,count,find,findAll,isEmpty,sum,average,min,max,least,most,map,reduce,size').split(',')
            .forEach(function (n) {
                hashMethods[n === 'equal' ? 'equals' : n] = function () {
                    return Object[n].apply(null, [this].concat(B.args(arguments)));
                };
            });
        B.install(Hash.prototype, hashMethods);
    }

    B.install(ArrayProto, arrayMethods);
    B.install(Array, {
        create: function () {
            var out = [];
            for (var i = 0; i < arguments.length; i++) {
                var a = arguments[i];
                if (B.isObjectLike(a)) {
                    try {
                        var copy = ArrayProto.slice.call(a, 0);
                        if (copy.length > 0) { a = copy; }
                    } catch (e) { /* not array-like: kept as it is */ }
                }
                out = out.concat(a);
            }
            return out;
        }
    });
    B.install(Array, collationConfig(), true);

    installObject();
    C.sugarArray = { shorthand: shorthand };
})
