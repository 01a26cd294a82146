// courier prelude: the part of moment.js collections use: parsing (ISO 8601,
// epoch numbers, `moment(text, format)`), `format` tokens, `add` /
// `subtract`, `startOf` / `endOf`, `diff`, comparisons, `utc()`, `unix()`.
(function (C) {
    'use strict';

    var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
        'November', 'December'];
    var DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    var UNITS = {
        y: 'year', year: 'year', years: 'year', Y: 'year',
        Q: 'quarter', quarter: 'quarter', quarters: 'quarter',
        M: 'month', month: 'month', months: 'month',
        w: 'week', week: 'week', weeks: 'week', W: 'week', isoWeek: 'isoWeek',
        d: 'day', day: 'day', days: 'day', D: 'date', date: 'date', dates: 'date',
        h: 'hour', hour: 'hour', hours: 'hour',
        m: 'minute', minute: 'minute', minutes: 'minute',
        s: 'second', second: 'second', seconds: 'second',
        ms: 'millisecond', millisecond: 'millisecond', milliseconds: 'millisecond'
    };
    var MS = { millisecond: 1, second: 1e3, minute: 6e4, hour: 36e5, day: 864e5, week: 6048e5 };

    function pad(n, width) {
        var s = String(Math.abs(n));
        while (s.length < width) { s = '0' + s; }
        return (n < 0 ? '-' : '') + s;
    }

    function Moment(time, utc, offset) {
        this._d = new Date(time);
        this._isUTC = Boolean(utc);
        this._offset = offset;
    }

    // Field access in the moment's mode (local or UTC, or a fixed offset).
    function shifted(m) {
        if (m._offset !== undefined) { return new Date(m._d.getTime() + m._offset * 6e4); }
        return m._d;
    }
    function field(m, name) {
        var d = shifted(m);
        var utc = m._isUTC || m._offset !== undefined;
        return d[(utc ? 'getUTC' : 'get') + name]();
    }
    function setField(m, name, args) {
        var utc = m._isUTC || m._offset !== undefined;
        if (m._offset !== undefined) {
            var d = shifted(m);
            d['setUTC' + name].apply(d, args);
            m._d = new Date(d.getTime() - m._offset * 6e4);
        }
        else {
            m._d[(utc ? 'setUTC' : 'set') + name].apply(m._d, args);
        }
        return m;
    }
    function offsetMinutes(m) {
        if (m._offset !== undefined) { return m._offset; }
        return m._isUTC ? 0 : -m._d.getTimezoneOffset();
    }
    function zone(m, sep) {
        var off = offsetMinutes(m);
        var sign = off < 0 ? '-' : '+';
        off = Math.abs(off);
        return sign + pad(Math.floor(off / 60), 2) + sep + pad(off % 60, 2);
    }
    function ordinal(n) {
        var s = ['th', 'st', 'nd', 'rd'];
        var v = n % 100;
        return n + (s[(v - 20) % 10] || s[v] || s[0]);
    }
    function dayOfYear(m) {
        var start = Date.UTC(field(m, 'FullYear'), 0, 1);
        var now = Date.UTC(field(m, 'FullYear'), field(m, 'Month'), field(m, 'Date'));
        return Math.round((now - start) / 864e5) + 1;
    }
    function isoWeek(m) {
        var d = new Date(Date.UTC(field(m, 'FullYear'), field(m, 'Month'), field(m, 'Date')));
        var day = d.getUTCDay() || 7;
        d.setUTCDate(d.getUTCDate() + 4 - day);
        var yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
        return Math.ceil(((d - yearStart) / 864e5 + 1) / 7);
    }

    var LOCALIZED = { LTS: 'h:mm:ss A', LT: 'h:mm A', LLLL: 'dddd, MMMM D, YYYY h:mm A', LLL: 'MMMM D, YYYY h:mm A',
        LL: 'MMMM D, YYYY', L: 'MM/DD/YYYY', llll: 'ddd, MMM D, YYYY h:mm A', lll: 'MMM D, YYYY h:mm A',
        ll: 'MMM D, YYYY', l: 'M/D/YYYY' };
    var TOKENS = /\[([^\]]*)\]|YYYYYY|YYYY|YY|Y|Q|Mo|MMMM|MMM|MM|M|DDDD|DDD|Do|DD|D|dddd|ddd|dd|do|d|E|e|WW|W|ww|w|HH|H|hh|h|kk|k|mm|m|ss|s|S{1,9}|A|a|ZZ|Z|X|x/g;

    function formatToken(m, token) {
        var h = field(m, 'Hours');
        switch (token) {
        case 'YYYYYY': return (field(m, 'FullYear') < 0 ? '-' : '+') + pad(Math.abs(field(m, 'FullYear')), 6);
        case 'YYYY': return pad(field(m, 'FullYear'), 4);
        case 'YY': return pad(field(m, 'FullYear') % 100, 2);
        case 'Y': return String(field(m, 'FullYear'));
        case 'Q': return String(Math.floor(field(m, 'Month') / 3) + 1);
        case 'M': return String(field(m, 'Month') + 1);
        case 'Mo': return ordinal(field(m, 'Month') + 1);
        case 'MM': return pad(field(m, 'Month') + 1, 2);
        case 'MMM': return MONTHS[field(m, 'Month')].slice(0, 3);
        case 'MMMM': return MONTHS[field(m, 'Month')];
        case 'D': return String(field(m, 'Date'));
        case 'Do': return ordinal(field(m, 'Date'));
        case 'DD': return pad(field(m, 'Date'), 2);
        case 'DDD': return String(dayOfYear(m));
        case 'DDDD': return pad(dayOfYear(m), 3);
        case 'd': case 'e': return String(field(m, 'Day'));
        case 'do': return ordinal(field(m, 'Day'));
        case 'E': return String(field(m, 'Day') || 7);
        case 'dd': return DAYS[field(m, 'Day')].slice(0, 2);
        case 'ddd': return DAYS[field(m, 'Day')].slice(0, 3);
        case 'dddd': return DAYS[field(m, 'Day')];
        case 'W': case 'w': return String(isoWeek(m));
        case 'WW': case 'ww': return pad(isoWeek(m), 2);
        case 'H': return String(h);
        case 'HH': return pad(h, 2);
        case 'h': return String(h % 12 || 12);
        case 'hh': return pad(h % 12 || 12, 2);
        case 'k': return String(h || 24);
        case 'kk': return pad(h || 24, 2);
        case 'm': return String(field(m, 'Minutes'));
        case 'mm': return pad(field(m, 'Minutes'), 2);
        case 's': return String(field(m, 'Seconds'));
        case 'ss': return pad(field(m, 'Seconds'), 2);
        case 'A': return h < 12 ? 'AM' : 'PM';
        case 'a': return h < 12 ? 'am' : 'pm';
        case 'Z': return zone(m, ':');
        case 'ZZ': return zone(m, '');
        case 'X': return String(Math.floor(m._d.getTime() / 1000));
        case 'x': return String(m._d.getTime());
        default:
            if (token.charAt(0) === 'S') {
                return (pad(field(m, 'Milliseconds'), 3) + '000000').slice(0, token.length);
            }
            return token;
        }
    }

    Moment.prototype.format = function (fmt) {
        if (!this.isValid()) { return 'Invalid date'; }
        var self = this;
        if (fmt === undefined) {
            fmt = this._isUTC && this._offset === undefined ? 'YYYY-MM-DDTHH:mm:ss[Z]' : 'YYYY-MM-DDTHH:mm:ssZ';
        }
        fmt = String(fmt).replace(/\[[^\]]*\]|LTS|LT|LLLL|LLL|LL|L|llll|lll|ll|l/g, function (t) {
            return t.charAt(0) === '[' ? t : LOCALIZED[t];
        });
        return fmt.replace(TOKENS, function (match, literal) {
            return literal !== undefined ? literal : formatToken(self, match);
        });
    };

    function normalizeUnit(unit) { return UNITS[unit] || UNITS[String(unit).toLowerCase()] || String(unit); }

    function addUnits(m, amount, unit, sign) {
        if (amount && typeof amount === 'object' && !(amount instanceof Duration)) {
            Object.keys(amount).forEach(function (u) { addUnits(m, amount[u], u, sign); });
            return m;
        }
        if (amount instanceof Duration) { m._d = new Date(m._d.getTime() + sign * amount._ms); return m; }
        if (typeof amount === 'string' && unit !== undefined && isNaN(Number(amount))) {
            var t = amount; amount = unit; unit = t;
        }
        var n = Number(amount) * sign;
        unit = normalizeUnit(unit === undefined ? 'ms' : unit);
        switch (unit) {
        case 'year': return setField(m, 'FullYear', [field(m, 'FullYear') + n]);
        case 'quarter': return addMonths(m, n * 3);
        case 'month': return addMonths(m, n);
        case 'date': case 'day': return setField(m, 'Date', [field(m, 'Date') + n]);
        default:
            m._d = new Date(m._d.getTime() + n * (MS[unit] || 1));
            return m;
        }
    }
    function addMonths(m, n) {
        var day = field(m, 'Date');
        setField(m, 'Date', [1]);
        setField(m, 'Month', [field(m, 'Month') + n]);
        var last = new Date(Date.UTC(field(m, 'FullYear'), field(m, 'Month') + 1, 0)).getUTCDate();
        return setField(m, 'Date', [Math.min(day, last)]);
    }

    Moment.prototype.add = function (amount, unit) { return addUnits(this, amount, unit, 1); };
    Moment.prototype.subtract = function (amount, unit) { return addUnits(this, amount, unit, -1); };
    Moment.prototype.startOf = function (unit) {
        unit = normalizeUnit(unit);
        switch (unit) {
        case 'year': setField(this, 'Month', [0]); /* falls through */
        case 'quarter':
            if (unit === 'quarter') { setField(this, 'Month', [Math.floor(field(this, 'Month') / 3) * 3]); }
            /* falls through */
        case 'month': setField(this, 'Date', [1]); /* falls through */
        case 'week': case 'isoWeek':
            if (unit === 'week') { setField(this, 'Date', [field(this, 'Date') - field(this, 'Day')]); }
            if (unit === 'isoWeek') { setField(this, 'Date', [field(this, 'Date') - ((field(this, 'Day') + 6) % 7)]); }
            /* falls through */
        case 'day': case 'date': setField(this, 'Hours', [0]); /* falls through */
        case 'hour': setField(this, 'Minutes', [0]); /* falls through */
        case 'minute': setField(this, 'Seconds', [0]); /* falls through */
        case 'second': setField(this, 'Milliseconds', [0]); break;
        default: break;
        }
        return this;
    };
    Moment.prototype.endOf = function (unit) {
        unit = normalizeUnit(unit);
        if (unit === 'millisecond') { return this; }
        this.startOf(unit).add(1, unit === 'date' ? 'day' : unit);
        this._d = new Date(this._d.getTime() - 1);
        return this;
    };

    function monthDiff(a, b) {
        var whole = (field(b, 'FullYear') - field(a, 'FullYear')) * 12 + (field(b, 'Month') - field(a, 'Month'));
        var anchor = a.clone().add(whole, 'months');
        var next = a.clone().add(whole + (b - anchor < 0 ? -1 : 1), 'months');
        var adjust = b - anchor < 0 ? (b - anchor) / (anchor - next) : (b - anchor) / (next - anchor);
        return -(whole + adjust) || 0;
    }

    Moment.prototype.diff = function (other, unit, asFloat) {
        var that = moment(other);
        unit = normalizeUnit(unit || 'ms');
        var out;
        if (unit === 'year' || unit === 'month' || unit === 'quarter') {
            out = monthDiff(this, that);
            if (unit === 'year') { out /= 12; }
            if (unit === 'quarter') { out /= 3; }
        }
        else {
            var delta = this._d.getTime() - that._d.getTime();
            if (unit === 'day' || unit === 'week') {
                delta -= (that._d.getTimezoneOffset() - this._d.getTimezoneOffset()) * 6e4 * (this._isUTC ? 0 : 1);
            }
            out = delta / (MS[unit] || 1);
        }
        return asFloat ? out : (out < 0 ? Math.ceil(out) : Math.floor(out));
    };

    function cmp(a, b, unit) {
        var other = moment(b);
        if (!unit) { return a._d.getTime() - other._d.getTime(); }
        var start = a.clone().startOf(unit)._d.getTime();
        var end = a.clone().endOf(unit)._d.getTime();
        var t = other._d.getTime();
        return t < start ? 1 : t > end ? -1 : 0;
    }
    Moment.prototype.isBefore = function (b, unit) { return cmp(this, b, unit) < 0; };
    Moment.prototype.isAfter = function (b, unit) { return cmp(this, b, unit) > 0; };
    Moment.prototype.isSame = function (b, unit) { return cmp(this, b, unit) === 0; };
    Moment.prototype.isSameOrBefore = function (b, unit) { return cmp(this, b, unit) <= 0; };
    Moment.prototype.isSameOrAfter = function (b, unit) { return cmp(this, b, unit) >= 0; };
    Moment.prototype.isBetween = function (a, b, unit, inclusivity) {
        inclusivity = inclusivity || '()';
        var left = inclusivity[0] === '[' ? this.isSameOrAfter(a, unit) : this.isAfter(a, unit);
        var right = inclusivity[1] === ']' ? this.isSameOrBefore(b, unit) : this.isBefore(b, unit);
        return left && right;
    };
    Moment.prototype.isValid = function () { return !isNaN(this._d.getTime()); };
    Moment.prototype.clone = function () { return new Moment(this._d.getTime(), this._isUTC, this._offset); };
    Moment.prototype.valueOf = function () { return this._d.getTime(); };
    Moment.prototype.unix = function () { return Math.floor(this._d.getTime() / 1000); };
    Moment.prototype.toDate = function () { return new Date(this._d.getTime()); };
    Moment.prototype.toISOString = function (keepOffset) {
        if (!this.isValid()) { return null; }
        return keepOffset ? this.format('YYYY-MM-DDTHH:mm:ss.SSSZ') : this._d.toISOString();
    };
    Moment.prototype.toJSON = function () { return this.toISOString(); };
    Moment.prototype.toString = function () { return this.format('ddd MMM DD YYYY HH:mm:ss [GMT]ZZ'); };
    Moment.prototype.toArray = function () {
        return [this.year(), this.month(), this.date(), this.hour(), this.minute(), this.second(), this.millisecond()];
    };
    Moment.prototype.toObject = function () {
        return { years: this.year(), months: this.month(), date: this.date(), hours: this.hour(),
            minutes: this.minute(), seconds: this.second(), milliseconds: this.millisecond() };
    };
    Moment.prototype.utc = function () { this._isUTC = true; this._offset = undefined; return this; };
    Moment.prototype.local = function () { this._isUTC = false; this._offset = undefined; return this; };
    Moment.prototype.isUTC = function () { return this._isUTC && this._offset === undefined; };
    Moment.prototype.isUtc = Moment.prototype.isUTC;
    Moment.prototype.utcOffset = function (minutes) {
        if (minutes === undefined) { return offsetMinutes(this); }
        if (typeof minutes === 'string') {
            var mm = /([+-])(\d\d):?(\d\d)/.exec(minutes);
            minutes = mm ? (mm[1] === '-' ? -1 : 1) * (Number(mm[2]) * 60 + Number(mm[3])) : 0;
        }
        else if (Math.abs(minutes) < 16) { minutes *= 60; }
        this._offset = minutes;
        this._isUTC = true;
        return this;
    };
    Moment.prototype.locale = function () { return arguments.length ? this : 'en'; };
    Moment.prototype.daysInMonth = function () {
        return new Date(Date.UTC(field(this, 'FullYear'), field(this, 'Month') + 1, 0)).getUTCDate();
    };
    Moment.prototype.dayOfYear = function () { return dayOfYear(this); };
    Moment.prototype.isoWeek = function () { return isoWeek(this); };
    Moment.prototype.week = Moment.prototype.isoWeek;
    Moment.prototype.isLeapYear = function () {
        var y = field(this, 'FullYear');
        return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    };
    Moment.prototype.get = function (unit) { return this[normalizeUnit(unit)](); };
    Moment.prototype.set = function (unit, value) {
        var self = this;
        if (unit && typeof unit === 'object') { Object.keys(unit).forEach(function (u) { self.set(u, unit[u]); }); return this; }
        return this[normalizeUnit(unit)](value);
    };
    Moment.prototype.fromNow = function (withoutSuffix) { return humanize(this._d.getTime() - Date.now(), !withoutSuffix); };
    Moment.prototype.from = function (other, withoutSuffix) {
        return humanize(this._d.getTime() - moment(other)._d.getTime(), !withoutSuffix);
    };
    Moment.prototype.toNow = function (withoutSuffix) { return humanize(Date.now() - this._d.getTime(), !withoutSuffix); };

    [['year', 'FullYear'], ['month', 'Month'], ['date', 'Date'], ['hour', 'Hours'], ['minute', 'Minutes'],
        ['second', 'Seconds'], ['millisecond', 'Milliseconds']].forEach(function (pair) {
        var getset = function (v) {
            if (v === undefined) { return field(this, pair[1]); }
            return setField(this, pair[1], [Number(v)]);
        };
        Moment.prototype[pair[0]] = getset;
        Moment.prototype[pair[0] + 's'] = getset;
    });
    Moment.prototype.day = function (v) {
        if (v === undefined) { return field(this, 'Day'); }
        return this.add(Number(v) - field(this, 'Day'), 'days');
    };
    Moment.prototype.days = Moment.prototype.day;
    Moment.prototype.weekday = Moment.prototype.day;
    Moment.prototype.isoWeekday = function (v) {
        if (v === undefined) { return field(this, 'Day') || 7; }
        return this.add(Number(v) - (field(this, 'Day') || 7), 'days');
    };
    Moment.prototype.quarter = function () { return Math.floor(field(this, 'Month') / 3) + 1; };

    function humanize(ms, suffix) {
        var abs = Math.abs(ms) / 1000;
        var text;
        if (abs < 45) { text = 'a few seconds'; }
        else if (abs < 90) { text = 'a minute'; }
        else if (abs < 45 * 60) { text = Math.round(abs / 60) + ' minutes'; }
        else if (abs < 90 * 60) { text = 'an hour'; }
        else if (abs < 22 * 3600) { text = Math.round(abs / 3600) + ' hours'; }
        else if (abs < 36 * 3600) { text = 'a day'; }
        else if (abs < 26 * 86400) { text = Math.round(abs / 86400) + ' days'; }
        else if (abs < 45 * 86400) { text = 'a month'; }
        else if (abs < 320 * 86400) { text = Math.round(abs / (30 * 86400)) + ' months'; }
        else if (abs < 548 * 86400) { text = 'a year'; }
        else { text = Math.round(abs / (365 * 86400)) + ' years'; }
        if (!suffix) { return text; }
        return ms >= 0 ? 'in ' + text : text + ' ago';
    }

    /** A length of time: `moment.duration(90, 'minutes').asHours()`. */
    function Duration(amount, unit) {
        if (amount && typeof amount === 'object') {
            var total = 0;
            Object.keys(amount).forEach(function (u) { total += Number(amount[u]) * (unitMs(u)); });
            this._ms = total;
        }
        else {
            this._ms = Number(amount || 0) * unitMs(unit || 'ms');
        }
    }
    function unitMs(unit) {
        var u = normalizeUnit(unit);
        if (u === 'month') { return 30 * 864e5; }
        if (u === 'year') { return 365 * 864e5; }
        if (u === 'date') { return 864e5; }
        return MS[u] || 1;
    }
    Duration.prototype.as = function (unit) { return this._ms / unitMs(unit); };
    ['Milliseconds', 'Seconds', 'Minutes', 'Hours', 'Days', 'Weeks', 'Months', 'Years'].forEach(function (name) {
        var unit = name.toLowerCase();
        Duration.prototype['as' + name] = function () { return this.as(unit); };
    });
    Duration.prototype.milliseconds = function () { return Math.floor(this._ms % 1000); };
    Duration.prototype.seconds = function () { return Math.floor(this._ms / 1e3) % 60; };
    Duration.prototype.minutes = function () { return Math.floor(this._ms / 6e4) % 60; };
    Duration.prototype.hours = function () { return Math.floor(this._ms / 36e5) % 24; };
    Duration.prototype.days = function () { return Math.floor(this._ms / 864e5); };
    Duration.prototype.valueOf = function () { return this._ms; };
    Duration.prototype.humanize = function (suffix) { return humanize(this._ms, Boolean(suffix)); };
    Duration.prototype.add = function (n, unit) { this._ms += new Duration(n, unit)._ms; return this; };
    Duration.prototype.subtract = function (n, unit) { this._ms -= new Duration(n, unit)._ms; return this; };
    Duration.prototype.toISOString = function () { return 'PT' + this._ms / 1000 + 'S'; };

    var ISO = /^\s*([+-]?\d{4,6})(?:-?(\d\d)(?:-?(\d\d))?)?(?:[T ](\d\d)(?::?(\d\d)(?::?(\d\d)(?:[.,](\d+))?)?)?\s*(Z|[+-]\d\d(?::?\d\d)?)?)?\s*$/i;

    // Parses ISO 8601; `utc` reads a zone-less time as UTC. Returns [ms, offset minutes or undefined].
    function parseIso(text, utc) {
        var m = ISO.exec(text);
        if (!m) { return null; }
        var parts = [Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1, Number(m[4] || 0),
            Number(m[5] || 0), Number(m[6] || 0), m[7] ? Math.round(Number('0.' + m[7]) * 1000) : 0];
        if (m[8]) {
            var offset = 0;
            if (m[8].toUpperCase() !== 'Z') {
                var z = /([+-])(\d\d):?(\d\d)?/.exec(m[8]);
                offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] || 0));
            }
            return [Date.UTC.apply(null, parts) - offset * 6e4, offset];
        }
        if (utc) { return [Date.UTC.apply(null, parts), undefined]; }
        return [new Date(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]).getTime(), undefined];
    }

    var PARSE_TOKENS = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DD|Do|D|HH|H|hh|h|mm|m|ss|s|SSS|SS|S|A|a|ZZ|Z|X|x/g;

    // `moment('31/12/2024 10:00', 'DD/MM/YYYY HH:mm')`.
    function parseWithFormat(text, format, utc) {
        var fields = { Y: 1970, M: 0, D: 1, h: 0, m: 0, s: 0, ms: 0 };
        var pm;
        var offset;
        var epoch;
        var pattern = '';
        var order = [];
        var last = 0;
        format.replace(PARSE_TOKENS, function (token, literal, at) {
            pattern += format.slice(last, at).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            last = at + token.length;
            if (literal !== undefined) { pattern += literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); return token; }
            order.push(token);
            if (token === 'MMMM' || token === 'MMM') { pattern += '([A-Za-z]+)'; }
            else if (token === 'A' || token === 'a') { pattern += '([AaPp][Mm])'; }
            else if (token === 'Z' || token === 'ZZ') { pattern += '(Z|[+-]\\d\\d:?\\d\\d)'; }
            else if (token === 'Do') { pattern += '(\\d\\d?)(?:st|nd|rd|th)'; }
            else if (token === 'X' || token === 'x') { pattern += '(-?\\d+(?:\\.\\d+)?)'; }
            else { pattern += '(\\d{1,' + (token.charAt(0) === 'Y' && token.length === 4 ? 4 : token.length > 2 ? token.length : 2) + '})'; }
            return token;
        });
        pattern += format.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        var match = new RegExp('^\\s*' + pattern).exec(text);
        if (!match) { return null; }
        order.forEach(function (token, i) {
            var v = match[i + 1];
            switch (token) {
            case 'YYYY': fields.Y = Number(v); break;
            case 'YY': fields.Y = Number(v) + (Number(v) > 68 ? 1900 : 2000); break;
            case 'MMMM': case 'MMM':
                fields.M = MONTHS.findIndex(function (n) { return n.toLowerCase().indexOf(v.toLowerCase()) === 0; });
                break;
            case 'MM': case 'M': fields.M = Number(v) - 1; break;
            case 'DD': case 'D': case 'Do': fields.D = Number(v); break;
            case 'HH': case 'H': case 'hh': case 'h': fields.h = Number(v); break;
            case 'mm': case 'm': fields.m = Number(v); break;
            case 'ss': case 's': fields.s = Number(v); break;
            case 'SSS': case 'SS': case 'S': fields.ms = Math.round(Number('0.' + v) * 1000); break;
            case 'A': case 'a': pm = v.toLowerCase() === 'pm'; break;
            case 'Z': case 'ZZ':
                if (v.toUpperCase() === 'Z') { offset = 0; }
                else {
                    var z = /([+-])(\d\d):?(\d\d)/.exec(v);
                    offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
                }
                break;
            case 'X': epoch = Number(v) * 1000; break;
            case 'x': epoch = Number(v); break;
            default: break;
            }
        });
        if (epoch !== undefined) { return [epoch, undefined]; }
        if (pm !== undefined) { fields.h = pm ? (fields.h % 12) + 12 : fields.h % 12; }
        if (fields.M < 0) { return [NaN, undefined]; }
        var parts = [fields.Y, fields.M, fields.D, fields.h, fields.m, fields.s, fields.ms];
        if (offset !== undefined) { return [Date.UTC.apply(null, parts) - offset * 6e4, offset]; }
        if (utc) { return [Date.UTC.apply(null, parts), undefined]; }
        return [new Date(fields.Y, fields.M, fields.D, fields.h, fields.m, fields.s, fields.ms).getTime(), undefined];
    }

    function create(input, format, utc) {
        if (input instanceof Moment) { return new Moment(input._d.getTime(), utc || input._isUTC, input._offset); }
        if (input === undefined || input === null && arguments.length === 0) { return new Moment(Date.now(), utc); }
        if (input instanceof Date) { return new Moment(input.getTime(), utc); }
        if (typeof input === 'number') { return new Moment(input, utc); }
        if (Array.isArray(input)) {
            var a = input.concat([1970, 0, 1, 0, 0, 0, 0].slice(input.length));
            if (a.length > 7) { a = a.slice(0, 7); }
            var t = utc ? Date.UTC.apply(null, a) : new Date(a[0], a[1], a[2], a[3], a[4], a[5], a[6]).getTime();
            return new Moment(t, utc);
        }
        if (input && typeof input === 'object') {
            var o = input;
            return create([o.year || o.years || o.y, o.month || o.months || o.M || 0, o.date || o.day || o.days || o.d || 1,
                o.hour || o.hours || o.h || 0, o.minute || o.minutes || o.m || 0, o.second || o.seconds || o.s || 0,
                o.millisecond || o.milliseconds || o.ms || 0], undefined, utc);
        }
        var text = String(input);
        var parsed = null;
        var formats = format === undefined ? [] : Array.isArray(format) ? format : [format];
        for (var i = 0; i < formats.length && !parsed; i++) {
            parsed = formats[i] === moment.ISO_8601 ? parseIso(text, utc) : parseWithFormat(text, String(formats[i]), utc);
        }
        if (!parsed && !formats.length) {
            parsed = parseIso(text, utc);
            if (!parsed) {
                var fallback = Date.parse(text);
                parsed = [fallback, undefined];
            }
        }
        if (!parsed) { parsed = [NaN, undefined]; }
        return new Moment(parsed[0], utc);
    }

    var moment = function (input, format) {
        if (arguments.length === 0) { return new Moment(Date.now(), false); }
        return create(input, format, false);
    };
    moment.utc = function (input, format) {
        if (arguments.length === 0) { return new Moment(Date.now(), true); }
        return create(input, format, true);
    };
    moment.unix = function (seconds) { return new Moment(Number(seconds) * 1000, false); };
    moment.isMoment = function (m) { return m instanceof Moment; };
    moment.isDate = function (d) { return d instanceof Date; };
    moment.duration = function (amount, unit) { return new Duration(amount, unit); };
    moment.isDuration = function (d) { return d instanceof Duration; };
    moment.now = function () { return Date.now(); };
    moment.locale = function () { return 'en'; };
    moment.ISO_8601 = function () {};
    moment.months = function () { return MONTHS.slice(); };
    moment.weekdays = function () { return DAYS.slice(); };
    moment.max = function () {
        var list = Array.isArray(arguments[0]) ? arguments[0] : Array.prototype.slice.call(arguments);
        return list.reduce(function (a, b) { return b.isAfter(a) ? b : a; });
    };
    moment.min = function () {
        var list = Array.isArray(arguments[0]) ? arguments[0] : Array.prototype.slice.call(arguments);
        return list.reduce(function (a, b) { return b.isBefore(a) ? b : a; });
    };
    moment.fn = Moment.prototype;
    moment.version = '2.30.1';

    C.moment = moment;
})
