// courier prelude: installs the legacy Date and Number-to-date methods
// (see `sugar_date.js`, which hands over its parser and formatter as `D`).
(function (C) {
    'use strict';

    var B = C.sugarBase;
    var L = C.sugarDateLocale;
    var is = B.is;
    var EN = L.EN;
    var UNITS = L.UNITS;
    var get = L.get;
    var put = L.put;

    function install(D) {
        var methods = instanceMethods(D);
        UNITS.forEach(function (u, i) { unitMethods(D, methods, u, i); });
        'short long full'.split(' ').forEach(function (name) {
            methods[name] = function () { return D.formatDate(this, name, false); };
        });
        var named = ['today', 'yesterday', 'tomorrow', 'weekday', 'weekend', 'future', 'past']
            .concat(EN.weekdays.slice(0, 7), EN.months.slice(0, 12));
        named.forEach(function (name) {
            methods['is' + D.upperFirst(name)] = function (utc) { return this.is(name, 0, utc); };
        });
        B.install(Date.prototype, methods);
        B.install(Number.prototype, numberMethods(D));
        B.install(Date, {
            create: function () { return D.create(arguments); },
            past: function () { return D.create(arguments, -1); },
            future: function () { return D.create(arguments, 1); },
            utc: {
                create: function () { return D.create(arguments, 0, true); },
                past: function () { return D.create(arguments, -1, true); },
                future: function () { return D.create(arguments, 1, true); }
            },
            getLocale: function (code) {
                if (code && code !== 'en' && code.slice(0, 2) !== 'en') { throw new Error('Invalid locale.'); }
                return EN;
            },
            setLocale: function (code) { return Date.getLocale(code); },
            range: function (start, end) { return new DateRange(start, end); },
            addFormat: function (format, match) {
                EN.compiledFormats.unshift({ reg: new RegExp('^' + format + '$', 'i'), to: match });
            },
            RFC1123: '{Dow}, {dd} {Mon} {yyyy} {HH}:{mm}:{ss} {tz}',
            RFC1036: '{Weekday}, {dd}-{Mon}-{yy} {HH}:{mm}:{ss} {tz}',
            ISO8601_DATE: '{yyyy}-{MM}-{dd}',
            ISO8601_DATETIME: '{yyyy}-{MM}-{dd}T{HH}:{mm}:{ss}.{fff}{isotz}'
        });
    }

    function instanceMethods(D) {
        return {
            set: function () {
                var args = D.dateArgs(arguments);
                return D.update(this, args[0], args[1]);
            },
            setWeekday: function (dow) {
                if (dow === undefined) { return undefined; }
                return put(this, 'Date', get(this, 'Date') + dow - get(this, 'Day'));
            },
            setISOWeek: function (week) {
                var weekday = get(this, 'Day') || 7;
                if (week === undefined) { return undefined; }
                this.set({ month: 0, date: 4 });
                this.set({ weekday: 1 });
                if (week > 1) { this.addWeeks(week - 1); }
                if (weekday !== 1) { this.advance({ days: weekday - 1 }); }
                return this.getTime();
            },
            getISOWeek: function () { return D.weekNumber(this); },
            getUTCOffset: function (iso) {
                var offset = this._utc ? 0 : this.getTimezoneOffset();
                if (!offset && iso) { return 'Z'; }
                return B.padNumber(Math.floor(-offset / 60), 2, true) + (iso === true ? ':' : '') +
                    B.padNumber(Math.abs(offset % 60), 2);
            },
            utc: function (flag) { return D.flagUtc(this, flag === true || arguments.length === 0); },
            isUTC: function () { return !!this._utc || this.getTimezoneOffset() === 0; },
            advance: function () {
                var args = D.dateArgs(arguments, true);
                return D.update(this, args[0], args[1], 1);
            },
            rewind: function () {
                var args = D.dateArgs(arguments, true);
                return D.update(this, args[0], args[1], -1);
            },
            isValid: function () { return !isNaN(this.getTime()); },
            isAfter: function (d, margin) { return this.getTime() > Date.create(d).getTime() - (margin || 0); },
            isBefore: function (d, margin) { return this.getTime() < Date.create(d).getTime() + (margin || 0); },
            isBetween: function (d1, d2, margin) {
                var t = this.getTime();
                var t1 = Date.create(d1).getTime();
                var t2 = Date.create(d2).getTime();
                margin = margin || 0;
                return Math.min(t1, t2) - margin < t && Math.max(t1, t2) + margin > t;
            },
            isLeapYear: function () {
                var year = get(this, 'FullYear');
                return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
            },
            daysInMonth: function () {
                return 32 - new Date(get(this, 'FullYear'), get(this, 'Month'), 32).getDate();
            },
            format: function (f) { return D.formatDate(this, f, false); },
            relative: function (f) { return D.formatDate(this, is.String(f) ? null : f, true); },
            is: function (d, margin, utc) {
                if (!this.isValid()) { return undefined; }
                if (is.String(d)) {
                    var found = isNamed(this, d.trim().toLowerCase(), utc);
                    if (found !== undefined) { return found; }
                }
                return D.compare(this, d, margin, utc);
            },
            reset: function (unit) {
                var params = {};
                unit = unit || 'hours';
                if (unit === 'date') { unit = 'days'; }
                var known = UNITS.some(function (u) { return unit === u.unit || unit === u.unit + 's'; });
                params[unit] = unit.match(/^days?/) ? 1 : 0;
                return known ? this.set(params, true) : this;
            },
            clone: function () { return D.flagUtc(new Date(this.getTime()), !!this._utc); },
            iso: function () { return this.toISOString(); },
            getWeekday: Date.prototype.getDay,
            getUTCWeekday: Date.prototype.getUTCDay
        };
    }

    // 'future', 'weekend', 'monday', 'june', ...: undefined for anything else.
    function isNamed(d, name, utc) {
        var comp = d.clone().utc(utc);
        var day = get(comp, 'Day');
        var n;
        if (name === 'future') { return d.getTime() > new Date().getTime(); }
        if (name === 'past') { return d.getTime() < new Date().getTime(); }
        if (name === 'weekday') { return day > 0 && day < 6; }
        if (name === 'weekend') { return day === 0 || day === 6; }
        if ((n = EN.weekdays.indexOf(name) % 7) > -1) { return day === n; }
        if ((n = EN.months.indexOf(name) % 12) > -1) { return get(comp, 'Month') === n; }
        return undefined;
    }

    function unitMethods(D, methods, u, i) {
        var unit = u.unit;
        var cap = D.upperFirst(unit);
        var span = u.ms();
        function whole(ms) {
            var n = ms / span;
            var fraction = n % 1;
            if (fraction && Math.abs(fraction % 1) > (u.error || 0.999)) { n = B.round(n); }
            return parseInt(n, 10);
        }
        var since = function (f) { return whole(this.getTime() - Date.create(f).getTime()); };
        var until = function (f) { return whole(Date.create(f).getTime() - this.getTime()); };
        methods[unit + 'sAgo'] = until;
        methods[unit + 'sUntil'] = until;
        methods[unit + 'sSince'] = since;
        methods[unit + 'sFromNow'] = since;
        methods[u.addMethod] = function (num, reset) {
            var set = {};
            set[unit] = num;
            return this.advance(set, reset);
        };
        if (i < 3) {
            ['Last', 'This', 'Next'].forEach(function (shift) {
                methods['is' + shift + cap] = function () { return this.is(shift + ' ' + unit); };
            });
        }
        if (i < 4) {
            methods['beginningOf' + cap] = function () {
                var set = {};
                if (unit === 'year') { set.year = get(this, 'FullYear'); }
                if (unit === 'month') { set.month = get(this, 'Month'); }
                if (unit === 'day') { set.day = get(this, 'Date'); }
                if (unit === 'week') { set.weekday = 0; }
                return this.set(set, true);
            };
            methods['endOf' + cap] = function () {
                var set = { hours: 23, minutes: 59, seconds: 59, milliseconds: 999 };
                if (unit === 'year') {
                    set.month = 11;
                    set.day = 31;
                }
                if (unit === 'month') { set.day = this.daysInMonth(); }
                if (unit === 'week') { set.weekday = 6; }
                return this.set(set, true);
            };
        }
    }

    function numberMethods(D) {
        var out = {
            duration: function () { return D.spanText(D.adjustedUnit(this), 'duration'); }
        };
        UNITS.forEach(function (u) {
            var span = u.ms();
            var amount = function () { return B.round(this * span); };
            var after = function () { return D.create(arguments)[u.addMethod](this); };
            var before = function () { return D.create(arguments)[u.addMethod](-this); };
            var unit = u.unit;
            out[unit] = out[unit + 's'] = amount;
            out[unit + 'Before'] = out[unit + 'sBefore'] = out[unit + 'Ago'] = out[unit + 'sAgo'] = before;
            out[unit + 'After'] = out[unit + 'sAfter'] = out[unit + 'FromNow'] = out[unit + 'sFromNow'] = after;
        });
        return out;
    }

    // What `Date.range(start, end)` returns.
    function DateRange(start, end) {
        this.start = Date.create(start);
        this.end = Date.create(end);
    }
    DateRange.prototype.toString = function () {
        return this.isValid() ? this.start.full() + '..' + this.end.full() : 'Invalid DateRange';
    };

    // '2 days' → { day: 2 }; `amount` replaces the number when given.
    function unitParams(text, amount) {
        var params = {};
        var m = text.match(/^(\d+)?\s?(\w+?)s?$/i);
        if (m) { params[m[2].toLowerCase()] = amount === undefined ? parseInt(m[1], 10) || 1 : amount; }
        return params;
    }

    var rangeMethods = {
        isValid: function () { return this.start < this.end; },
        duration: function () { return this.isValid() ? this.end.getTime() - this.start.getTime() : NaN; },
        contains: function (obj) {
            var self = this;
            var dates = obj.start && obj.end ? [obj.start, obj.end] : [obj];
            return dates.every(function (d) { return d >= self.start && d <= self.end; });
        },
        every: function (increment, fn) {
            var current = this.start.clone();
            var out = [];
            var params;
            var isDay;
            if (is.String(increment)) {
                current.advance(unitParams(increment, 0), true);
                params = unitParams(increment);
                isDay = increment.toLowerCase() === 'day';
            } else {
                params = { milliseconds: increment };
            }
            for (var index = 0; current <= this.end; index++) {
                out.push(current);
                if (fn) { fn(current, index); }
                if (isDay && get(current, 'Hours') === 23) {
                    current = current.clone();
                    put(current, 'Hours', 48);
                } else {
                    current = current.clone().advance(params, true);
                }
            }
            return out;
        },
        union: function (range) {
            return new DateRange(this.start < range.start ? this.start : range.start, this.end > range.end ? this.end : range.end);
        },
        intersect: function (range) {
            return new DateRange(this.start > range.start ? this.start : range.start, this.end < range.end ? this.end : range.end);
        },
        clone: function () { return new DateRange(this.start, this.end); }
    };
    'Millisecond Second Minute Hour Day Week Month Year'.split(' ').forEach(function (name) {
        rangeMethods['each' + name] = function (fn) { return this.every(name, fn); };
    });
    B.install(DateRange.prototype, rangeMethods);

    C.sugarDateMethods = install;
})
