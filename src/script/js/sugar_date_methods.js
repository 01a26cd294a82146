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

    C.sugarDateMethods = install;
})
