// courier prelude: the less common chai assertions (`keys`, `throw`,
// `respondTo`, `satisfy`, `closeTo`, `members`, `oneOf`, `change` /
// `increase` / `decrease` with `by`, `extensible` / `sealed` / `frozen` /
// `finite`), on the Assertion that `expect.js` defines.
(function (C) {
    'use strict';

    var AssertionError = C.AssertionError;
    var display = C.display;
    var objDisplay = C.objDisplay;
    var typeOf = C.typeOf;
    var flags = C.assertionFlags;
    var check = C.assertionCheck;
    var defineProperty = C.defineAssertionProperty;
    var defineMethod = C.defineAssertionMethod;

    function fail(assertion, text) {
        var f = flags(assertion);
        throw new AssertionError((f.message ? f.message + ': ' : '') + text);
    }

    function ownEnumerable(obj) {
        var keys = Object.keys(obj);
        Object.getOwnPropertySymbols(obj).forEach(function (s) {
            if (Object.getOwnPropertyDescriptor(obj, s).enumerable) { keys.push(s); }
        });
        return keys;
    }
    function byDisplay(a, b) { return display(a) < display(b) ? -1 : 1; }

    function keys(wanted) {
        var f = flags(this);
        var obj = f.object;
        var objType = typeOf(obj);
        var wantedType = typeOf(wanted);
        var actual;
        var deepWord = '';
        var mixed = 'when testing keys against an object or an array you must give a single ' +
            'Array|Object|String argument or multiple String arguments';
        if (objType === 'Map' || objType === 'Set') {
            deepWord = f.deep ? 'deeply ' : '';
            actual = [];
            obj.forEach(function (v, k) { actual.push(k); });
            if (wantedType !== 'Array') { wanted = Array.prototype.slice.call(arguments); }
        }
        else {
            actual = ownEnumerable(Object(obj));
            if (wantedType === 'Array') {
                if (arguments.length > 1) { fail(this, mixed); }
            }
            else if (wantedType === 'Object') {
                if (arguments.length > 1) { fail(this, mixed); }
                wanted = Object.keys(wanted);
            }
            else {
                wanted = Array.prototype.slice.call(arguments);
            }
            wanted = wanted.map(function (k) { return typeof k === 'symbol' ? k : String(k); });
        }
        if (!wanted.length) { fail(this, 'keys required'); }
        var any = f.any;
        var all = f.all;
        if (!any && !all) { all = true; }
        var same = f.deep ? C.deepEqual : function (a, b) { return a === b; };
        var ok = true;
        var present = function (k) { return actual.some(function (a) { return same(k, a); }); };
        if (any) { ok = wanted.some(present); }
        if (all) {
            ok = wanted.every(present);
            if (!f.contains) { ok = ok && wanted.length === actual.length; }
        }
        var text;
        if (wanted.length > 1) {
            var shown = wanted.map(function (k) { return display(k, { room: 40 }); });
            var lastKey = shown.pop();
            text = shown.join(', ') + (all ? ', and ' : ', or ') + lastKey;
        }
        else {
            text = display(wanted[0], { room: 40 });
        }
        text = (f.contains ? 'contain ' : 'have ') + (wanted.length > 1 ? 'keys ' : 'key ') + text;
        this.assert(ok, 'expected #{this} to ' + deepWord + text, 'expected #{this} to not ' + deepWord + text,
            wanted.slice(0).sort(byDisplay), actual.sort(byDisplay), true);
    }
    defineMethod('keys', keys);
    defineMethod('key', keys);

    function constructorName(errorLike) {
        if (errorLike instanceof Error) { return errorLike.constructor && errorLike.constructor.name || 'Error'; }
        return C.functionName(errorLike) || (errorLike && errorLike.constructor && errorLike.constructor.name) || '';
    }
    function compatibleConstructor(thrown, errorLike) {
        if (thrown === null || thrown === undefined) { return false; }
        if (errorLike instanceof Error) {
            return thrown.constructor === errorLike.constructor || thrown instanceof errorLike.constructor;
        }
        if (typeof errorLike === 'function' && errorLike.prototype instanceof Error || errorLike === Error) {
            return thrown.constructor === errorLike || thrown instanceof errorLike;
        }
        return false;
    }
    function errorMessage(e) { return e && e.message !== undefined ? String(e.message) : String(e); }
    function compatibleMessage(thrown, matcher) {
        var text = typeof thrown === 'string' ? thrown : errorMessage(thrown);
        if (matcher instanceof RegExp) { return matcher.test(text); }
        return text.indexOf(matcher) !== -1;
    }
    function describeThrown(e) {
        if (e instanceof Error) { return e.toString(); }
        return typeof e === 'string' ? e : e && constructorName(e);
    }

    function throws(errorLike, matcher, msg) {
        if (msg) { flags(this).message = msg; }
        var f = flags(this);
        var fn = f.object;
        var negate = !!f.negate;
        check(this, fn).is.a('function');
        if (errorLike instanceof RegExp || typeof errorLike === 'string') {
            matcher = errorLike;
            errorLike = null;
        }
        var caught;
        var didThrow = false;
        try { fn(); }
        catch (e) { caught = e; didThrow = true; }
        var noArgs = errorLike === undefined && matcher === undefined;
        var bothArgs = Boolean(errorLike && matcher);
        var likeFailed = false;
        var messageFailed = false;
        if (noArgs || !noArgs && !negate) {
            var what = 'an error';
            if (errorLike instanceof Error) { what = '#{exp}'; }
            else if (errorLike) { what = constructorName(errorLike); }
            this.assert(didThrow, 'expected #{this} to throw ' + what,
                'expected #{this} to not throw an error but #{act} was thrown',
                errorLike && errorLike.toString(), describeThrown(caught));
        }
        if (errorLike && didThrow) {
            if (errorLike instanceof Error && (caught === errorLike) === negate) {
                if (bothArgs && negate) { likeFailed = true; }
                else {
                    this.assert(negate, 'expected #{this} to throw #{exp} but #{act} was thrown',
                        'expected #{this} to not throw #{exp}' + (!negate ? ' but #{act} was thrown' : ''),
                        errorLike.toString(), describeThrown(caught));
                }
            }
            if (compatibleConstructor(caught, errorLike) === negate) {
                if (bothArgs && negate) { likeFailed = true; }
                else {
                    this.assert(negate, 'expected #{this} to throw #{exp} but #{act} was thrown',
                        'expected #{this} to not throw #{exp} but #{act} was thrown',
                        errorLike instanceof Error ? errorLike.toString() : constructorName(errorLike),
                        describeThrown(caught));
                }
            }
        }
        if (didThrow && matcher !== undefined && matcher !== null) {
            var how = matcher instanceof RegExp ? 'matching' : 'including';
            if (compatibleMessage(caught, matcher) === negate) {
                if (bothArgs && negate) { messageFailed = true; }
                else {
                    this.assert(negate, 'expected #{this} to throw error ' + how + ' #{exp} but got #{act}',
                        'expected #{this} to throw error not ' + how + ' #{exp}', matcher, errorMessage(caught));
                }
            }
        }
        if (likeFailed && messageFailed) {
            this.assert(negate, 'expected #{this} to throw #{exp} but #{act} was thrown',
                'expected #{this} to not throw #{exp} but #{act} was thrown',
                errorLike instanceof Error ? errorLike.toString() : constructorName(errorLike), describeThrown(caught));
        }
        f.object = caught;
    }
    ['throw', 'throws', 'Throw'].forEach(function (n) { defineMethod(n, throws); });

    function respondTo(method, msg) {
        if (msg) { flags(this).message = msg; }
        var f = flags(this);
        var obj = f.object;
        var target = typeof obj === 'function' && !f.itself ? obj.prototype[method] : obj[method];
        this.assert(typeof target === 'function', 'expected #{this} to respond to ' + display(method, { room: 40 }),
            'expected #{this} to not respond to ' + display(method, { room: 40 }));
    }
    defineMethod('respondTo', respondTo);
    defineMethod('respondsTo', respondTo);

    function satisfy(matcher, msg) {
        if (msg) { flags(this).message = msg; }
        var result = matcher(flags(this).object);
        this.assert(result, 'expected #{this} to satisfy ' + objDisplay(matcher),
            'expected #{this} to not satisfy' + objDisplay(matcher), !flags(this).negate, result);
    }
    defineMethod('satisfy', satisfy);
    defineMethod('satisfies', satisfy);

    function closeTo(expected, delta, msg) {
        if (msg) { flags(this).message = msg; }
        var obj = flags(this).object;
        check(this, obj).is.a('number');
        if (typeof expected !== 'number' || typeof delta !== 'number') {
            fail(this, 'the arguments to closeTo or approximately must be numbers' +
                (delta === undefined ? ', and a delta is required' : ''));
        }
        this.assert(Math.abs(obj - expected) <= delta, 'expected #{this} to be close to ' + expected + ' +/- ' + delta,
            'expected #{this} not to be close to ' + expected + ' +/- ' + delta);
    }
    defineMethod('closeTo', closeTo);
    defineMethod('approximately', closeTo);

    function isSubset(subset, superset, same, contains, ordered) {
        if (!contains) {
            if (subset.length !== superset.length) { return false; }
            superset = superset.slice();
        }
        return subset.every(function (item, i) {
            if (ordered) { return same ? same(item, superset[i]) : item === superset[i]; }
            if (!same) {
                var at = superset.indexOf(item);
                if (at === -1) { return false; }
                if (!contains) { superset.splice(at, 1); }
                return true;
            }
            return superset.some(function (other, j) {
                if (!same(item, other)) { return false; }
                if (!contains) { superset.splice(j, 1); }
                return true;
            });
        });
    }

    defineMethod('members', function (subset, msg) {
        if (msg) { flags(this).message = msg; }
        var f = flags(this);
        check(this, f.object).to.be.an('array');
        check(this, subset).to.be.an('array');
        var what;
        var yes;
        var no;
        if (f.contains) {
            what = f.ordered ? 'an ordered superset' : 'a superset';
            yes = 'expected #{this} to be ' + what + ' of #{exp}';
            no = 'expected #{this} to not be ' + what + ' of #{exp}';
        }
        else {
            what = f.ordered ? 'ordered members' : 'members';
            yes = 'expected #{this} to have the same ' + what + ' as #{exp}';
            no = 'expected #{this} to not have the same ' + what + ' as #{exp}';
        }
        this.assert(isSubset(subset, f.object, f.deep ? C.deepEqual : undefined, f.contains, f.ordered),
            yes, no, subset, f.object, true);
    });

    defineMethod('oneOf', function (list, msg) {
        if (msg) { flags(this).message = msg; }
        var f = flags(this);
        var obj = f.object;
        check(this, list).to.be.an('array');
        if (f.contains) {
            this.assert(list.some(function (x) { return obj.indexOf(x) > -1; }),
                'expected #{this} to contain one of #{exp}', 'expected #{this} to not contain one of #{exp}', list, obj);
        }
        else if (f.deep) {
            this.assert(list.some(function (x) { return C.deepEqual(obj, x); }),
                'expected #{this} to deeply equal one of #{exp}', 'expected #{this} to deeply equal one of #{exp}',
                list, obj);
        }
        else {
            this.assert(list.indexOf(obj) > -1, 'expected #{this} to be one of #{exp}',
                'expected #{this} to not be one of #{exp}', list, obj);
        }
    });

    // change / increase / decrease, then `.by(n)`.
    function delta(kind) {
        return function (subject, prop, msg) {
            if (msg) { flags(this).message = msg; }
            var f = flags(this);
            var fn = f.object;
            check(this, fn).is.a('function');
            var initial;
            if (!prop) {
                check(this, subject).is.a('function');
                initial = subject();
            }
            else {
                check(this, subject).to.have.property(prop);
                initial = subject[prop];
            }
            if (kind !== 'change') { check(this, initial).is.a('number'); }
            fn();
            var final = prop === undefined || prop === null ? subject() : subject[prop];
            var label = prop === undefined || prop === null ? initial : '.' + prop;
            f.deltaLabel = label;
            f.deltaInitial = initial;
            f.deltaFinal = final;
            f.deltaKind = kind;
            var ok;
            if (kind === 'change') { f.deltaReal = final !== initial; ok = initial !== final; }
            else if (kind === 'increase') { f.deltaReal = final - initial; ok = final - initial > 0; }
            else { f.deltaReal = initial - final; ok = final - initial < 0; }
            this.assert(ok, 'expected ' + label + ' to ' + kind, 'expected ' + label + ' to not ' + kind);
        };
    }
    ['change', 'changes'].forEach(function (n) { defineMethod(n, delta('change')); });
    ['increase', 'increases'].forEach(function (n) { defineMethod(n, delta('increase')); });
    ['decrease', 'decreases'].forEach(function (n) { defineMethod(n, delta('decrease')); });
    defineMethod('by', function (amount, msg) {
        if (msg) { flags(this).message = msg; }
        var f = flags(this);
        var ok = f.deltaKind === 'change' ? Math.abs(f.deltaFinal - f.deltaInitial) === Math.abs(amount) :
            f.deltaReal === Math.abs(amount);
        this.assert(ok, 'expected ' + f.deltaLabel + ' to ' + f.deltaKind + ' by ' + amount,
            'expected ' + f.deltaLabel + ' to not ' + f.deltaKind + ' by ' + amount);
    });

    defineProperty('extensible', function () {
        var o = flags(this).object;
        this.assert(o === Object(o) && Object.isExtensible(o), 'expected #{this} to be extensible',
            'expected #{this} to not be extensible');
    });
    defineProperty('sealed', function () {
        var o = flags(this).object;
        this.assert(o === Object(o) ? Object.isSealed(o) : true, 'expected #{this} to be sealed',
            'expected #{this} to not be sealed');
    });
    defineProperty('frozen', function () {
        var o = flags(this).object;
        this.assert(o === Object(o) ? Object.isFrozen(o) : true, 'expected #{this} to be frozen',
            'expected #{this} to not be frozen');
    });
    defineProperty('finite', function () {
        var o = flags(this).object;
        this.assert(typeof o === 'number' && isFinite(o), 'expected #{this} to be a finite number',
            'expected #{this} to not be a finite number');
    });

})
