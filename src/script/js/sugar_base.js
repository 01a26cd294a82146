// courier prelude: helpers shared by the legacy native extensions
// (`sugar_array.js`, `sugar_string.js`, `sugar_number.js`, `sugar_date.js`):
// Sugar 1.3's type checks, its value equality (which compares by a
// serialisation, so `[1, [2]]` equals `[1, [2]]`), its matching rule (a
// value, a RegExp, a function or a partial object), rounding with a
// precision, and the installer that replaces `sugar.js`'s lazy accessors.
(function (C) {
    'use strict';

    var toStr = Object.prototype.toString;
    var hasOwn = Object.prototype.hasOwnProperty;

    function classOf(value) { return toStr.call(value); }
    function checker(name, type) {
        return function (value) {
            return (type !== undefined && typeof value === type) || classOf(value) === '[object ' + name + ']';
        };
    }
    var is = {
        Array: Array.isArray,
        Boolean: checker('Boolean', 'boolean'),
        Date: checker('Date'),
        Function: checker('Function'),
        Number: checker('Number', 'number'),
        String: checker('String', 'string'),
        RegExp: checker('RegExp')
    };

    function isObject(value) {
        return !!value && classOf(value) === '[object Object]' && 'hasOwnProperty' in value;
    }
    function isObjectLike(value) { return !!value && typeof value === 'object'; }

    // Own enumerable keys in for-in order; `fn` returning false stops.
    function eachOwn(obj, fn) {
        for (var key in obj) {
            if (!hasOwn.call(obj, key)) { continue; }
            if (fn.call(obj, key, obj[key], obj) === false) { break; }
        }
    }

    // A string that is equal for values Sugar treats as equal.
    function serialize(value, stack) {
        var type = typeof value;
        if (type === 'string') { return value; }
        var klass = classOf(value);
        var array = klass === '[object Array]';
        var out;
        if ((value != null && isObject(value)) || array) {
            stack = stack || [];
            if (stack.length > 1 && stack.indexOf(value) !== -1) { return 'CYC'; }
            stack.push(value);
            out = String(value.constructor);
            var keys = array ? value : Object.keys(value).sort();
            for (var i = 0; i < keys.length; i++) {
                var key = array ? i : keys[i];
                out += key + serialize(value[key], stack);
            }
            stack.pop();
        } else if (1 / value === -Infinity) {
            out = '-0';
        } else {
            out = String(value && value.valueOf ? value.valueOf() : value);
        }
        return type + klass + out;
    }

    function comparedByValue(value) {
        return /^\[object (Date|Array|String|Number|RegExp|Boolean|Arguments)\]$/.test(classOf(value)) || isObject(value);
    }

    function isEqual(a, b) {
        if (comparedByValue(a) && comparedByValue(b)) { return serialize(a) === serialize(b); }
        return a === b;
    }

    // Sugar's matching: the same value, a RegExp against a string, a
    // predicate, every key of a partial object, or equality by value.
    function matches(el, match, scope, args) {
        if (el === match) { return true; }
        if (is.RegExp(match) && is.String(el)) { return new RegExp(match).test(el); }
        if (is.Function(match)) { return match.apply(scope, args); }
        if (isObject(match) && isObjectLike(el)) {
            var ok = true;
            eachOwn(match, function (key) {
                if (!matches(el[key], match[key], scope, [el[key], el])) { ok = false; }
            });
            return ok;
        }
        return isEqual(el, match);
    }

    // A mapping argument: a function, a method name (called) or a property name.
    function mapWith(el, map, scope, args) {
        if (map === undefined) { return el; }
        if (is.Function(map)) { return map.apply(scope, args || []); }
        if (is.Function(el[map])) { return el[map].call(el); }
        return el[map];
    }

    function roundWith(value, precision, method) {
        var factor = Math.pow(10, Math.abs(precision || 0));
        if (precision < 0) { factor = 1 / factor; }
        return Math[method || 'round'](value * factor) / factor;
    }

    function repeat(times, text) {
        // A fraction or NaN throws a RangeError, as Sugar's `Array(n + 1)` does.
        return new Array(Math.max(0, times !== undefined ? times : 1) + 1).join(text || '');
    }

    function padNumber(num, place, sign, base) {
        var text = Math.abs(num).toString(base || 10);
        text = repeat(place - text.replace(/\.\d+/, '').length, '0') + text;
        if (sign || num < 0) { text = (num < 0 ? '-' : '+') + text; }
        return text;
    }

    function ordinalSuffix(n) {
        if (n >= 11 && n <= 13) { return 'th'; }
        return ['th', 'st', 'nd', 'rd'][n % 10] || 'th';
    }

    function escapeRegExp(text) {
        return String(text).replace(/([\\/'*+?|()\[\]{}.^$])/g, '\\$1');
    }

    function regExpFlags(re, add) {
        var flags = re.toString().match(/[^/]*$/)[0];
        if (add) { flags = (flags + add).split('').sort().join('').replace(/([gimy])\1+/g, '$1'); }
        return flags;
    }

    function range(start, stop, fn, step) {
        var out = [];
        var down = step < 0;
        for (var i = parseInt(start, 10); (!down && i <= stop) || (down && i >= stop); i += step || 1) {
            out.push(i);
            if (fn) { fn.call(this, i); }
        }
        return out;
    }

    // Replaces `sugar.js`'s accessors with the methods, as Sugar defines them.
    function install(target, methods, enumerable) {
        Object.keys(methods).forEach(function (name) {
            Object.defineProperty(target, name, {
                value: methods[name], writable: true, enumerable: !!enumerable, configurable: true
            });
        });
    }

    function args(list, from) { return Array.prototype.slice.call(list, from || 0); }

    C.sugarBase = {
        is: is,
        isObject: isObject,
        isObjectLike: isObjectLike,
        eachOwn: eachOwn,
        serialize: serialize,
        comparedByValue: comparedByValue,
        isEqual: isEqual,
        matches: matches,
        mapWith: mapWith,
        round: roundWith,
        repeat: repeat,
        padNumber: padNumber,
        ordinalSuffix: ordinalSuffix,
        escapeRegExp: escapeRegExp,
        regExpFlags: regExpFlags,
        range: range,
        install: install,
        args: args,
        hasOwn: function (o, k) { return hasOwn.call(o, k); },
        // Sugar's ECMAScript whitespace plus the Unicode space separators.
        spaces: '\u0009\u000A\u000B\u000C\u000D\u0020\u00A0\u1680\u180E\u2000\u2001\u2002\u2003\u2004\u2005' +
            '\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u2028\u2029\u3000\uFEFF'
    };
})
