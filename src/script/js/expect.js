// courier prelude: `pm.expect`, an assertion library compatible with chai's
// `expect` (and chai-postman's response assertions, added in `postman.js`).
//
// Failure messages follow chai 4 word for word, because users grep for
// them: `expected 404 to equal 200`, `expected { a: 1 } to have property 'b'`.
(function (C) {
    'use strict';

    var AssertionError = C.AssertionError;
    var display = C.display;
    var objDisplay = C.objDisplay;
    var typeOf = C.typeOf;

    // Keys a script may read from an assertion without it being a chain word.
    var UNCHECKED = ['then', 'catch', 'inspect', 'toJSON', 'constructor', '__flags', 'toString', 'valueOf'];

    // An assertion is a plain object whose prototype chain ends in a proxy:
    // the chain words and methods are found on `Assertion.prototype` before
    // the proxy is reached, so only a word that is not there (a mistyped one)
    // reaches its trap and throws, as in chai. A proxy around every assertion
    // would run the trap, a JavaScript function, at every word of a chain.
    function assertion(object, message) {
        return { __proto__: Assertion.prototype, __flags: { object: object, message: message } };
    }

    function Assertion(object, message) {
        return assertion(object, message);
    }

    function flags(a) { return a.__flags; }

    function editDistance(a, b, cap) {
        if (Math.abs(a.length - b.length) >= cap) { return cap; }
        var prev = [];
        for (var j = 0; j <= b.length; j++) { prev[j] = j; }
        for (var i = 1; i <= a.length; i++) {
            var cur = [i];
            for (var k = 1; k <= b.length; k++) {
                cur[k] = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length];
    }

    // The end of every assertion's prototype chain: its target stands for
    // `Object.prototype` (whose members an assertion has, as any object).
    var guard = new Proxy({}, {
        get: function (target, key, receiver) {
            if (typeof key === 'string' && UNCHECKED.indexOf(key) === -1 && !(key in target)) {
                var names = [];
                for (var n in Assertion.prototype) { names.push(n); }
                Object.getOwnPropertyNames(Assertion.prototype).forEach(function (n) {
                    if (names.indexOf(n) === -1) { names.push(n); }
                });
                var best = names.filter(function (n) {
                    return UNCHECKED.indexOf(n) === -1 && n !== 'assert' && editDistance(key, n, 4) < 4;
                }).sort(function (x, y) { return editDistance(key, x, 4) - editDistance(key, y, 4); })[0];
                throw Error('Invalid Chai property: ' + key + (best ? '. Did you mean "' + best + '"?' : ''));
            }
            return Reflect.get(target, key, receiver);
        }
    });
    Object.setPrototypeOf(Assertion.prototype, guard);

    /** Throws an AssertionError unless `ok` (inverted by `.not`); messages use #{this}, #{exp}, #{act}. */
    Assertion.prototype.assert = function (ok, message, negatedMessage, expected, actual, showDiff) {
        var f = flags(this);
        if (f.negate ? !ok : ok) { return; }
        var act = arguments.length > 4 ? actual : f.object;
        var text = (f.negate ? negatedMessage : message) || '';
        text = text.replace(/#\{this\}/g, function () { return objDisplay(f.object); })
            .replace(/#\{act\}/g, function () { return objDisplay(act); })
            .replace(/#\{exp\}/g, function () { return objDisplay(expected); });
        var diff = showDiff !== false && !(expected === undefined && act === undefined);
        throw new AssertionError(f.message ? f.message + ': ' + text : text,
            { actual: act, expected: expected, showDiff: diff });
    };

    function fail(assertion, text) {
        var f = flags(assertion);
        throw new AssertionError((f.message ? f.message + ': ' : '') + text);
    }

    // A fresh assertion on `object` that keeps only the custom message (chai's internal checks).
    function check(a, object) {
        return assertion(object, flags(a).message);
    }

    function defineProperty(name, getter) {
        Object.defineProperty(Assertion.prototype, name, {
            configurable: true,
            enumerable: true,
            get: function () {
                if (getter) { getter.call(this); }
                return this;
            }
        });
    }

    // `plain`: `fn` reads at most two parameters and never `arguments`, so
    // the method passes those two on instead of all of its `arguments`
    // (which a call would otherwise build, at about twice the cost).
    function defineMethod(name, fn, plain) {
        var method = plain ? function (a, b) {
            var result = fn.call(this, a, b);
            return result === undefined ? this : result;
        } : function () {
            var result = fn.apply(this, arguments);
            return result === undefined ? this : result;
        };
        // As before: no declared parameters, the name of the property it was defined as.
        Object.defineProperty(method, 'length', { value: 0 });
        Object.defineProperty(method, 'name', { value: 'value' });
        Object.defineProperty(Assertion.prototype, name, {
            configurable: true,
            enumerable: true,
            writable: true,
            value: method
        });
    }

    // A word that is both a chain (`.include.members`) and a call (`.include(2)`).
    function defineChainable(name, fn, chainBehaviour) {
        Object.defineProperty(Assertion.prototype, name, {
            configurable: true,
            enumerable: true,
            get: function () {
                if (chainBehaviour) { chainBehaviour.call(this); }
                var self = this;
                var callable = function () {
                    var result = fn.apply(self, arguments);
                    return result === undefined ? self : result;
                };
                // Let `.length`, `.name` reach the assertion's chain words instead.
                delete callable.length;
                delete callable.name;
                Object.setPrototypeOf(callable, self);
                return callable;
            }
        });
    }

    C.Assertion = Assertion;
    C.defineAssertionProperty = defineProperty;
    C.defineAssertionMethod = defineMethod;
    C.defineAssertionChainable = defineChainable;
    C.assertionFlags = flags;
    C.assertionCheck = check;

    ['to', 'be', 'been', 'is', 'and', 'has', 'have', 'with', 'that', 'which', 'at', 'of', 'same', 'but',
        'does', 'still', 'also'].forEach(function (word) { defineProperty(word); });

    defineProperty('not', function () { flags(this).negate = true; });
    defineProperty('deep', function () { flags(this).deep = true; });
    defineProperty('nested', function () { flags(this).nested = true; });
    defineProperty('own', function () { flags(this).own = true; });
    defineProperty('ordered', function () { flags(this).ordered = true; });
    defineProperty('any', function () { flags(this).any = true; flags(this).all = false; });
    defineProperty('all', function () { flags(this).all = true; flags(this).any = false; });
    defineProperty('itself', function () { flags(this).itself = true; });

    function an(type, msg) {
        if (msg) { flags(this).message = msg; }
        type = String(type).toLowerCase();
        var article = 'aeiou'.indexOf(type.charAt(0)) >= 0 ? 'an ' : 'a ';
        this.assert(type === typeOf(flags(this).object).toLowerCase(),
            'expected #{this} to be ' + article + type, 'expected #{this} not to be ' + article + type);
    }
    defineChainable('an', an);
    defineChainable('a', an);

    function sameValueZero(a, b) { return (a !== a && b !== b) || a === b; }

    function include(val, msg) {
        if (msg) { flags(this).message = msg; }
        var f = flags(this);
        var obj = f.object;
        var objType = typeOf(obj).toLowerCase();
        var eq = f.deep ? C.deepEqual : sameValueZero;
        var found = false;
        switch (objType) {
        case 'string':
            found = obj.indexOf(val) !== -1;
            break;
        case 'weakset':
            if (f.deep) { fail(this, 'unable to use .deep.include with WeakSet'); }
            found = obj.has(val);
            break;
        case 'map':
            obj.forEach(function (item) { found = found || eq(item, val); });
            break;
        case 'set':
            if (f.deep) { obj.forEach(function (item) { found = found || eq(item, val); }); }
            else { found = obj.has(val); }
            break;
        case 'array':
            found = f.deep ? obj.some(function (item) { return eq(item, val); }) : obj.indexOf(val) !== -1;
            break;
        default:
            if (val !== Object(val)) {
                fail(this, 'the given combination of arguments (' + objType + ' and ' +
                    typeOf(val).toLowerCase() + ') is invalid for this assertion. ' +
                    'You can use an array, a map, an object, a set, a string, or a weakset instead of a ' +
                    typeOf(val).toLowerCase());
            }
            var keys = Object.keys(val);
            var firstError = null;
            var errors = 0;
            keys.forEach(function (key) {
                var sub = assertion(obj);
                var sf = flags(sub);
                ['negate', 'deep', 'own', 'nested', 'message'].forEach(function (n) { sf[n] = f[n]; });
                if (!f.negate || keys.length === 1) {
                    sub.property(key, val[key]);
                    return;
                }
                try { sub.property(key, val[key]); }
                catch (e) {
                    if (!(e instanceof AssertionError)) { throw e; }
                    if (firstError === null) { firstError = e; }
                    errors++;
                }
            });
            if (f.negate && keys.length > 1 && errors === keys.length) { throw firstError; }
            return;
        }
        var word = f.deep ? 'deep ' : '';
        this.assert(found, 'expected #{this} to ' + word + 'include ' + display(val, { room: 40 }),
            'expected #{this} to not ' + word + 'include ' + display(val, { room: 40 }));
    }
    function includeChain() { flags(this).contains = true; }
    ['include', 'contain', 'contains', 'includes'].forEach(function (n) { defineChainable(n, include, includeChain); });

    defineProperty('ok', function () {
        this.assert(flags(this).object, 'expected #{this} to be truthy', 'expected #{this} to be falsy');
    });
    defineProperty('true', function () {
        this.assert(flags(this).object === true, 'expected #{this} to be true', 'expected #{this} to be false',
            !flags(this).negate);
    });
    defineProperty('false', function () {
        this.assert(flags(this).object === false, 'expected #{this} to be false', 'expected #{this} to be true',
            !!flags(this).negate);
    });
    defineProperty('null', function () {
        this.assert(flags(this).object === null, 'expected #{this} to be null', 'expected #{this} not to be null');
    });
    defineProperty('undefined', function () {
        this.assert(flags(this).object === undefined, 'expected #{this} to be undefined',
            'expected #{this} not to be undefined');
    });
    defineProperty('NaN', function () {
        var o = flags(this).object;
        this.assert(o !== o, 'expected #{this} to be NaN', 'expected #{this} not to be NaN');
    });
    function exist() {
        var o = flags(this).object;
        this.assert(o !== null && o !== undefined, 'expected #{this} to exist', 'expected #{this} to not exist');
    }
    defineProperty('exist', exist);
    defineProperty('exists', exist);

    defineProperty('empty', function () {
        var o = flags(this).object;
        var count;
        switch (typeOf(o).toLowerCase()) {
        case 'array': case 'string': count = o.length; break;
        case 'map': case 'set': count = o.size; break;
        case 'weakmap': case 'weakset': fail(this, '.empty was passed a weak collection'); break;
        case 'function': fail(this, ('.empty was passed a function ' + (C.functionName(o) || '')).trim()); break;
        default:
            if (o !== Object(o)) { fail(this, '.empty was passed non-string primitive ' + display(o, { room: 40 })); }
            count = Object.keys(o).length;
        }
        this.assert(count === 0, 'expected #{this} to be empty', 'expected #{this} not to be empty');
    });

    function argumentsCheck() {
        var type = typeOf(flags(this).object);
        this.assert(type === 'Arguments', 'expected #{this} to be arguments but got ' + type,
            'expected #{this} to not be arguments');
    }
    defineProperty('arguments', argumentsCheck);
    defineProperty('Arguments', argumentsCheck);

    function equal(val, msg) {
        if (msg) { flags(this).message = msg; }
        if (flags(this).deep) { return this.eql(val); }
        this.assert(val === flags(this).object, 'expected #{this} to equal #{exp}',
            'expected #{this} to not equal #{exp}', val, flags(this).object, true);
    }
    ['equal', 'equals', 'eq'].forEach(function (n) { defineMethod(n, equal, true); });

    function eql(val, msg) {
        if (msg) { flags(this).message = msg; }
        this.assert(C.deepEqual(val, flags(this).object), 'expected #{this} to deeply equal #{exp}',
            'expected #{this} to not deeply equal #{exp}', val, flags(this).object, true);
    }
    defineMethod('eql', eql, true);
    defineMethod('eqls', eql, true);

    // above / least / below / most share their argument checks and wording.
    function comparison(word, test, msgs) {
        return function (n, msg) {
            if (msg) { flags(this).message = msg; }
            var f = flags(this);
            var obj = f.object;
            var objType = typeOf(obj).toLowerCase();
            var nType = typeOf(n).toLowerCase();
            if (f.doLength && objType !== 'map' && objType !== 'set') {
                check(this, obj).to.have.property('length');
            }
            if (!f.doLength && objType === 'date' && nType !== 'date') {
                fail(this, 'the argument to ' + word + ' must be a date');
            }
            else if (nType !== 'number' && (f.doLength || objType === 'number')) {
                fail(this, 'the argument to ' + word + ' must be a number');
            }
            else if (!f.doLength && objType !== 'date' && objType !== 'number') {
                fail(this, 'expected ' + (objType === 'string' ? "'" + obj + "'" : String(obj)) +
                    ' to be a number or a date');
            }
            if (f.doLength) {
                var isSized = objType === 'map' || objType === 'set';
                var what = isSized ? 'size' : 'length';
                var count = isSized ? obj.size : obj.length;
                this.assert(test(count, n), 'expected #{this} to have a ' + what + ' ' + msgs[2] + ' #{exp} but got #{act}',
                    'expected #{this} ' + msgs[3].replace('%', what) + ' #{exp}', n, count);
            }
            else {
                this.assert(test(obj, n), 'expected #{this} to be ' + msgs[0] + ' #{exp}',
                    'expected #{this} to be ' + msgs[1] + ' #{exp}', n);
            }
        };
    }
    var above = comparison('above', function (a, b) { return a > b; },
        ['above', 'at most', 'above', 'to not have a % above']);
    var least = comparison('least', function (a, b) { return a >= b; },
        ['at least', 'below', 'at least', 'to have a % below']);
    var below = comparison('below', function (a, b) { return a < b; },
        ['below', 'at least', 'below', 'to not have a % below']);
    var most = comparison('most', function (a, b) { return a <= b; },
        ['at most', 'above', 'at most', 'to have a % above']);
    ['above', 'gt', 'greaterThan'].forEach(function (n) { defineMethod(n, above, true); });
    ['least', 'gte', 'greaterThanOrEqual'].forEach(function (n) { defineMethod(n, least, true); });
    ['below', 'lt', 'lessThan'].forEach(function (n) { defineMethod(n, below, true); });
    ['most', 'lte', 'lessThanOrEqual'].forEach(function (n) { defineMethod(n, most, true); });

    defineMethod('within', function (start, finish, msg) {
        if (msg) { flags(this).message = msg; }
        var f = flags(this);
        var obj = f.object;
        var objType = typeOf(obj).toLowerCase();
        var startType = typeOf(start).toLowerCase();
        var finishType = typeOf(finish).toLowerCase();
        var range = startType === 'date' && finishType === 'date' ?
            start.toISOString() + '..' + finish.toISOString() : start + '..' + finish;
        if (f.doLength && objType !== 'map' && objType !== 'set') {
            check(this, obj).to.have.property('length');
        }
        if (!f.doLength && objType === 'date' && (startType !== 'date' || finishType !== 'date')) {
            fail(this, 'the arguments to within must be dates');
        }
        else if ((startType !== 'number' || finishType !== 'number') && (f.doLength || objType === 'number')) {
            fail(this, 'the arguments to within must be numbers');
        }
        else if (!f.doLength && objType !== 'date' && objType !== 'number') {
            fail(this, 'expected ' + (objType === 'string' ? "'" + obj + "'" : String(obj)) + ' to be a number or a date');
        }
        if (f.doLength) {
            var isSized = objType === 'map' || objType === 'set';
            var what = isSized ? 'size' : 'length';
            var count = isSized ? obj.size : obj.length;
            this.assert(count >= start && count <= finish, 'expected #{this} to have a ' + what + ' within ' + range,
                'expected #{this} to not have a ' + what + ' within ' + range);
        }
        else {
            this.assert(obj >= start && obj <= finish, 'expected #{this} to be within ' + range,
                'expected #{this} to not be within ' + range);
        }
    });

    function instanceOf(ctor, msg) {
        if (msg) { flags(this).message = msg; }
        var is;
        try { is = flags(this).object instanceof ctor; }
        catch (e) {
            if (e instanceof TypeError) {
                fail(this, 'The instanceof assertion needs a constructor but ' + typeOf(ctor) + ' was given.');
            }
            throw e;
        }
        var name = C.functionName(ctor) || 'an unnamed constructor';
        this.assert(is, 'expected #{this} to be an instance of ' + name,
            'expected #{this} to not be an instance of ' + name);
    }
    defineMethod('instanceof', instanceOf);
    defineMethod('instanceOf', instanceOf);

    // `a.b[1].c` into parts; `\.` and `\[` escape.
    function parsePath(path) {
        var parts = String(path).replace(/([^\\])\[/g, '$1.[').match(/(\\\.|[^.]+?)+/g) || [];
        return parts.map(function (part) {
            if (part === 'constructor' || part === '__proto__' || part === 'prototype') { return {}; }
            var m = /^\[(\d+)\]$/.exec(part);
            return m ? { i: parseFloat(m[1]) } : { p: part.replace(/\\([.[\]])/g, '$1') };
        });
    }

    function hasProperty(obj, name) {
        if (obj === undefined || obj === null) { return false; }
        return name in Object(obj);
    }

    /** Follows a nested path; `{ exists, value }`. */
    function pathInfo(obj, path) {
        var parts = parsePath(path);
        var parent = obj;
        var value = obj;
        for (var i = 0; i < parts.length; i++) {
            var part = parts[i];
            if (value === undefined || value === null) { value = undefined; parent = undefined; break; }
            parent = value;
            value = part.p === undefined ? value[part.i] : value[part.p];
        }
        var last = parts[parts.length - 1];
        var key = last ? (last.p === undefined ? last.i : last.p) : undefined;
        return { exists: parts.length > 0 && hasProperty(parent, key), value: value };
    }
    C.pathInfo = pathInfo;

    function property(name, val, msg) {
        if (msg) { flags(this).message = msg; }
        var f = flags(this);
        var obj = f.object;
        var nameType = typeof name;
        if (f.nested) {
            if (nameType !== 'string') { fail(this, 'the argument to property must be a string when using nested syntax'); }
        }
        else if (nameType !== 'string' && nameType !== 'number' && nameType !== 'symbol') {
            fail(this, 'the argument to property must be a string, number, or symbol');
        }
        if (f.nested && f.own) { fail(this, 'The "nested" and "own" flags cannot be combined.'); }
        if (obj === null || obj === undefined) { fail(this, 'Target cannot be null or undefined.'); }
        var info = f.nested ? pathInfo(obj, name) : null;
        var value = f.nested ? info.value : obj[name];
        var same = f.deep ? C.deepEqual : function (a, b) { return a === b; };
        var words = (f.deep ? 'deep ' : '') + (f.own ? 'own ' : '') + (f.nested ? 'nested ' : '') + 'property ';
        var has = f.own ? Object.prototype.hasOwnProperty.call(obj, name) :
            f.nested ? info.exists : hasProperty(obj, name);
        var checkHas = !f.negate || arguments.length === 1;
        var checkValue = arguments.length > 1;
        var hasValue = checkValue && has && same(val, value);
        // The messages (and the name's display) are only built for a failure.
        if ((checkHas && Boolean(has) === Boolean(f.negate)) || (checkValue && Boolean(hasValue) === Boolean(f.negate))) {
            var shownName = display(name, { room: 40 });
            if (checkHas) {
                this.assert(has, 'expected #{this} to have ' + words + shownName,
                    'expected #{this} to not have ' + words + shownName);
            }
            if (checkValue) {
                this.assert(hasValue,
                    'expected #{this} to have ' + words + shownName + ' of #{exp}, but got #{act}',
                    'expected #{this} to not have ' + words + shownName + ' of #{act}', val, value);
            }
        }
        f.object = value;
    }
    defineMethod('property', property);
    function ownProperty() {
        flags(this).own = true;
        return property.apply(this, arguments);
    }
    defineMethod('ownProperty', ownProperty);
    defineMethod('haveOwnProperty', ownProperty);

    function ownPropertyDescriptor(name, descriptor, msg) {
        if (typeof descriptor === 'string') { msg = descriptor; descriptor = null; }
        if (msg) { flags(this).message = msg; }
        var obj = flags(this).object;
        var actual = Object.getOwnPropertyDescriptor(Object(obj), name);
        var shownName = display(name, { room: 40 });
        if (actual && descriptor) {
            this.assert(C.deepEqual(descriptor, actual),
                'expected the own property descriptor for ' + shownName + ' on #{this} to match ' +
                display(descriptor, { room: 40 }) + ', got ' + display(actual, { room: 40 }),
                'expected the own property descriptor for ' + shownName + ' on #{this} to not match ' +
                display(descriptor, { room: 40 }), descriptor, actual, true);
        }
        else {
            this.assert(actual, 'expected #{this} to have an own property descriptor for ' + shownName,
                'expected #{this} to not have an own property descriptor for ' + shownName);
        }
        flags(this).object = actual;
    }
    defineMethod('ownPropertyDescriptor', ownPropertyDescriptor);
    defineMethod('haveOwnPropertyDescriptor', ownPropertyDescriptor);

    function length(n, msg) {
        if (msg) { flags(this).message = msg; }
        var obj = flags(this).object;
        var type = typeOf(obj).toLowerCase();
        var what = 'length';
        var count;
        if (type === 'map' || type === 'set') { what = 'size'; count = obj.size; }
        else {
            check(this, obj).to.have.property('length');
            count = obj.length;
        }
        // eslint-disable-next-line eqeqeq
        this.assert(count == n, 'expected #{this} to have a ' + what + ' of #{exp} but got #{act}',
            'expected #{this} to not have a ' + what + ' of #{act}', n, count);
    }
    function lengthChain() { flags(this).doLength = true; }
    defineChainable('length', length, lengthChain);
    defineChainable('lengthOf', length, lengthChain);

    function match(re, msg) {
        if (msg) { flags(this).message = msg; }
        this.assert(re.exec(flags(this).object), 'expected #{this} to match ' + re, 'expected #{this} not to match ' + re);
    }
    defineMethod('match', match);
    defineMethod('matches', match);

    defineMethod('string', function (str, msg) {
        if (msg) { flags(this).message = msg; }
        var obj = flags(this).object;
        check(this, obj).is.a('string');
        this.assert(obj.indexOf(str) !== -1, 'expected #{this} to contain ' + display(str, { room: 40 }),
            'expected #{this} to not contain ' + display(str, { room: 40 }));
    });

    /** `expect(value, message)`. */
    function expect(value, message) {
        return assertion(value, message);
    }
    expect.fail = function (actual, expected, message, operator) {
        if (arguments.length < 2) {
            message = actual;
            actual = undefined;
        }
        throw new AssertionError(message || 'expect.fail()', { actual: actual, expected: expected, operator: operator });
    };
    C.expect = expect;
})
