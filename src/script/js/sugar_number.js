// courier prelude: the legacy Number and Function extensions (Sugar 1.3's,
// as postman-sandbox installs them): `ordinalize`, `format`, `abbr`,
// `bytes`, `round(precision)`, `times`, `upto`, `pad`, `hex`, ... and
// `once`, `after`, `lazy`, `throttle`, `debounce`, `delay`, `cancel`,
// `fill`; the timer-based ones fail as they do in Newman (see `later`).
// Loaded by `sugar.js` on first use.
(function (C) {
    'use strict';

    var B = C.sugarBase;
    var is = B.is;

    function num(self) { return Number(self); }

    // `1234` with `'kmbt'` → `'1k'`: the unit of each power of 1,000 (1,024 for bytes).
    function abbreviate(value, precision, units, mid, limit, bytes) {
        var fixed = value.toFixed(20);
        var significant = fixed.search(/\./) - fixed.search(/[1-9]/);
        if (significant > 0) { significant -= 1; }
        var i = Math.max(Math.min(Math.floor(significant / 3), limit === false ? units.length : limit), -mid);
        var unit = units.charAt(i + mid - 1);
        if (significant < -9) {
            i = -3;
            precision = Math.abs(significant) - 9;
            unit = units.slice(0, 1);
        }
        var divisor = bytes ? Math.pow(2, 10 * i) : Math.pow(10, i * 3);
        return format(B.round(value / divisor, precision || 0)) + unit.trim();
    }

    function format(value, place, thousands, decimal) {
        if (thousands === undefined) { thousands = ','; }
        if (decimal === undefined) { decimal = '.'; }
        var digits = (is.Number(place) ? B.round(value, place || 0).toFixed(Math.max(place, 0)) : value.toString())
            .replace(/^-/, '');
        var parts = digits.split('.');
        var integer = parts[0];
        var fraction = parts[1];
        var out = '';
        for (var i = integer.length; i > 0; i -= 3) {
            if (i < integer.length) { out = thousands + out; }
            out = integer.slice(Math.max(0, i - 3), i) + out;
        }
        if (fraction) { out += decimal + B.repeat((place || 0) - fraction.length, '0') + fraction; }
        return (value < 0 ? '-' : '') + out;
    }

    var numberMethods = {
        log: function (base) { return Math.log(this) / (base ? Math.log(base) : 1); },
        abbr: function (precision) { return abbreviate(num(this), precision, 'kmbt', 0, 4); },
        metric: function (precision, limit) {
            return abbreviate(num(this), precision, 'nμm kMGTPE', 4, limit === undefined ? 1 : limit);
        },
        bytes: function (precision, limit) {
            return abbreviate(num(this), precision, 'kMGTPE', 0, limit === undefined ? 4 : limit, true) + 'B';
        },
        isInteger: function () { return this % 1 == 0; },
        isOdd: function () { return !isNaN(this) && !this.isMultipleOf(2); },
        isEven: function () { return this.isMultipleOf(2); },
        isMultipleOf: function (n) { return this % n === 0; },
        format: function (place, thousands, decimal) { return format(num(this), place, thousands, decimal); },
        hex: function (pad) { return B.padNumber(num(this), pad || 1, false, 16); },
        upto: function (to, fn, step) { return B.range(this, to, fn, step || 1); },
        downto: function (to, fn, step) { return B.range(this, to, fn, -(step || 1)); },
        times: function (fn) {
            if (fn) {
                for (var i = 0; i < this; i++) { fn.call(this, i); }
            }
            return parseFloat(this);
        },
        chr: function () { return String.fromCharCode(this); },
        pad: function (place, sign, base) { return B.padNumber(num(this), place, sign, base); },
        ordinalize: function () {
            var last = parseInt(Math.abs(this).toString().slice(-2), 10);
            return num(this) + B.ordinalSuffix(last);
        },
        toNumber: function () { return parseFloat(this); }
    };
    ['round', 'floor', 'ceil'].forEach(function (name) {
        numberMethods[name] = function (precision) { return B.round(num(this), precision, name); };
    });
    ['abs', 'pow', 'sin', 'asin', 'cos', 'acos', 'tan', 'atan', 'exp', 'sqrt'].forEach(function (name) {
        numberMethods[name] = function (a, b) { return Math[name](this, a, b); };
    });

    // ---- Function.prototype ---------------------------------------------------------------------

    // Where Sugar would start a timer. postman-sandbox evaluates Sugar where
    // no `setTimeout` is in scope (its timers exist only inside each
    // script's execution), so in Newman every finite delay ends in this
    // ReferenceError — after the state Sugar set up before it, kept here too.
    function later(fn, ms) {
        if (ms === Infinity) { return; }
        if (!fn.timers) { fn.timers = []; }
        throw new ReferenceError('setTimeout is not defined');
    }

    var functionMethods = {
        lazy: function (ms, limit) {
            var fn = this;
            var queue = [];
            var locked = false;
            var result;
            ms = ms || 1;
            limit = limit || Infinity;
            var wait = B.round(ms, undefined, 'ceil');
            var perRun = B.round(wait / ms) || 1;
            function run() {
                if (locked || queue.length == 0) { return; }
                var keep = Math.max(queue.length - perRun, 0);
                while (queue.length > keep) {
                    var call = queue.shift();
                    result = fn.apply(call[0], call[1]);
                }
                later(lazied, wait);
                locked = true;
            }
            function lazied() {
                if (!locked || queue.length < limit - 1) {
                    queue.push([this, arguments]);
                    run();
                }
                return result;
            }
            return lazied;
        },
        delay: function (ms) {
            later(this, ms);
            return this;
        },
        throttle: function (ms) { return this.lazy(ms, 1); },
        debounce: function (ms) {
            function debounced() {
                debounced.cancel();
                later(debounced, ms);
            }
            return debounced;
        },
        cancel: function () {
            // No timer is ever started (see `later`), so there is none to clear.
            if (is.Array(this.timers)) { this.timers.length = 0; }
            return this;
        },
        after: function (n) {
            var fn = this;
            var count = 0;
            var calls = [];
            if (!is.Number(n)) {
                n = 1;
            } else if (n === 0) {
                fn.call();
                return fn;
            }
            return function () {
                calls.push(B.args(arguments));
                count++;
                if (count == n) {
                    var out = fn.call(this, calls);
                    count = 0;
                    calls = [];
                    return out;
                }
                return undefined;
            };
        },
        once: function () { return this.throttle(Infinity); },
        fill: function () {
            var fn = this;
            var preset = B.args(arguments);
            return function () {
                var args = B.args(arguments);
                preset.forEach(function (arg, i) {
                    if (arg != null || i >= args.length) { args.splice(i, 0, arg); }
                });
                return fn.apply(this, args);
            };
        }
    };

    B.install(Number.prototype, numberMethods);
    B.install(Number, {
        random: function (n1, n2) {
            if (arguments.length == 1) {
                n2 = n1;
                n1 = 0;
            }
            var min = Math.min(n1 || 0, n2 === undefined ? 1 : n2);
            var max = Math.max(n1 || 0, n2 === undefined ? 1 : n2) + 1;
            return B.round(Math.random() * (max - min) + min, undefined, 'floor');
        }
    });
    B.install(Function.prototype, functionMethods);
    C.sugarNumber = { format: format };
})
