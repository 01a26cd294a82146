// courier prelude: the legacy Date extensions (Sugar 1.3's, English locale,
// as postman-sandbox installs them): `Date.create` / `past` / `future` over
// the forms of `sugar_date_locale.js`, `format` with Sugar's `{tokens}`,
// `relative`, `is`, `advance` / `rewind` / `set` / `reset`, the per-unit
// methods (`addDays`, `daysAgo`, `beginningOfMonth`, `isThisWeek`, ...) and
// the Number methods that make durations and dates (`(3).days()`,
// `(2).hoursAgo()`, `(5000).duration()`). Loaded by `sugar.js` on first use.
(function (C) {
    'use strict';

    var B = C.sugarBase;
    var L = C.sugarDateLocale;
    var is = B.is;
    var EN = L.EN;
    var UNITS = L.UNITS;
    var REVERSED = L.REVERSED;
    var get = L.get;
    var put = L.put;

    function upperFirst(s) { return s.slice(0, 1).toUpperCase() + s.slice(1); }
    function isDef(v) { return v !== undefined; }

    function flagUtc(d, value) {
        Object.defineProperty(d, '_utc', { value: value, writable: true, enumerable: false, configurable: true });
        return d;
    }

    // The arguments of `set` / `advance`: an object, a timestamp, a duration text, or year, month, day, ...
    function dateArgs(args, allowDuration) {
        if (B.isObject(args[0])) { return args; }
        if (is.Number(args[0]) && !is.Number(args[1])) { return [args[0]]; }
        if (is.String(args[0]) && allowDuration) {
            var params = {};
            var m = args[0].match(/^(\d+)?\s?(\w+?)s?$/i);
            if (m) { params[m[2].toLowerCase()] = parseInt(m[1], 10) || 1; }
            return [params, args[1]];
        }
        var out = {};
        L.ARG_UNITS.forEach(function (u, i) { out[u.unit] = args[i]; });
        return [out];
    }

    // Sets (or, with `advance` ±1, moves by) the given fields; `reset` zeroes the finer ones.
    function update(d, params, reset, advance, prefer) {
        var finest;
        var param = function (key) { return isDef(params[key]) ? params[key] : params[key + 's']; };
        var has = function (key) { return isDef(param(key)); };
        var hasUnit = function (key, isDay) { return has(key) || (isDay && has('weekday')); };
        if (is.Number(params) && advance) {
            params = { milliseconds: params };
        } else if (is.Number(params)) {
            d.setTime(params);
            return d;
        }
        if (isDef(params.date)) { params.day = params.date; }
        for (var r = 0; r < REVERSED.length; r++) {
            var ru = REVERSED[r];
            var isDay = ru.unit === 'day';
            if (hasUnit(ru.unit, isDay)) {
                params.specificity = ru.unit;
                finest = r;
                break;
            } else if (reset && ru.unit !== 'week' && (!isDay || !has('week'))) {
                put(d, ru.method, isDay ? 1 : 0);
            }
        }
        UNITS.forEach(function (u) {
            var value = param(u.unit);
            var method = u.method;
            if (value === undefined) { return; }
            if (advance) {
                if (u.unit === 'week') {
                    value = (params.day || 0) + value * 7;
                    method = 'Date';
                }
                value = value * advance + get(d, method);
            } else if (u.unit === 'month' && has('day')) {
                put(d, 'Date', 15);
            }
            put(d, method, value);
            if (advance && u.unit === 'month') {
                var target = value < 0 ? value % 12 + 12 : value;
                if (target % 12 != get(d, 'Month')) { put(d, 'Date', 0); }
            }
        });
        if (!advance && !has('day') && has('weekday')) { d.setWeekday(param('weekday')); }
        var now = new Date();
        if ((prefer === -1 && d > now) || (prefer === 1 && d < now)) {
            var coarser = REVERSED.slice(finest + 1);
            for (var i = 0; i < coarser.length; i++) {
                var cu = coarser[i];
                var ambiguous = cu.ambiguous || (cu.unit === 'week' && has('weekday'));
                if (ambiguous && !hasUnit(cu.unit, cu.unit === 'day')) {
                    d[cu.addMethod](prefer);
                    break;
                }
            }
        }
        return d;
    }

    function twoDigitYear(year) {
        return B.round(get(new Date(), 'FullYear') / 100) * 100 - B.round(year / 100) * 100 + year;
    }

    // Kanji and full-width digits, read as numbers.
    var ASIAN = '〇一二三四五六七八九十百千万';
    var WIDE = '０１２３４５６７８９';
    var asianValue = {};
    ASIAN.split('').forEach(function (ch, v) { asianValue[ch] = v > 9 ? Math.pow(10, v - 9) : v; });
    WIDE.split('').forEach(function (ch, v) { asianValue[ch] = v; });
    function asianDigits(text) {
        return text.replace(new RegExp('([期週周])?([' + ASIAN + WIDE + ']+)(?!昨)', 'g'), function (full, skip, digits) {
            if (skip) { return full; }
            var sum = 0;
            var place = 1;
            var lastWasHolder;
            var lastHolder;
            digits.split('').reverse().forEach(function (ch) {
                var value = asianValue[ch];
                var holder = value > 9;
                if (holder) {
                    if (lastWasHolder) { sum += place; }
                    place *= value / (lastHolder || 1);
                    lastHolder = value;
                } else {
                    if (lastWasHolder === false) { place *= 10; }
                    sum += place * value;
                }
                lastWasHolder = holder;
            });
            if (lastWasHolder) { sum += place; }
            return sum;
        });
    }

    function matchFields(match, keys) {
        var out = {};
        keys.forEach(function (key, i) {
            var value = match[i + 1];
            if (value === undefined || value === '') { return; }
            if (key === 'year') { out.yearAsString = value.replace(/'/, ''); }
            var n = parseFloat(value.replace(/'/, '').replace(/,/, '.'));
            out[key] = !isNaN(n) ? n : value.toLowerCase();
        });
        return out;
    }

    // What the matched fields mean: relative words into amounts, 12-hour times, offsets.
    function interpret(set, d, state) {
        var tmp;
        var weekday;
        if (state.format.variant && !is.String(set.month)) {
            tmp = set.month;
            set.month = set.date;
            set.date = tmp;
        }
        if (set.year && set.yearAsString.length === 2) { set.year = twoDigitYear(set.year); }
        if (set.month) {
            set.month = EN.getMonth(set.month);
            if (set.shift && !set.unit) { set.unit = EN.units[7]; }
        }
        if (set.weekday && set.date) {
            delete set.weekday;
        } else if (set.weekday) {
            set.weekday = EN.getWeekday(set.weekday);
            if (set.shift && !set.unit) { set.unit = EN.units[5]; }
        }
        if (set.day && (tmp = EN.modifiersByName[set.day])) {
            set.day = tmp.value;
            d.reset();
            state.relative = true;
        } else if (set.day && (weekday = EN.getWeekday(set.day)) > -1) {
            delete set.day;
            if (set.num && set.month) {
                state.after = function () {
                    var w = d.getWeekday();
                    d.setWeekday(7 * (set.num - 1) + (w > weekday ? weekday + 7 : weekday));
                };
                set.day = 1;
            } else {
                set.weekday = weekday;
            }
        }
        if (set.ampm === 'pm' && set.hour < 12) {
            set.hour += 12;
        } else if (set.ampm === 'am' && set.hour === 12) {
            set.hour = 0;
        }
        if ('offset_hours' in set || 'offset_minutes' in set) {
            d.utc();
            set.offset_minutes = (set.offset_minutes || 0) + set.offset_hours * 60;
            if (set.offset_sign === '-') { set.offset_minutes *= -1; }
            set.minute -= set.offset_minutes;
        }
        if (set.unit) { relativeUnit(set, d, state); }
        if (set.year_sign === '-') { set.year *= -1; }
        REVERSED.slice(1, 4).forEach(function (u, i) {
            var value = set[u.unit];
            var fraction = value % 1;
            if (fraction) {
                set[REVERSED[i].unit] = B.round(fraction * (u.unit === 'second' ? 1000 : 60));
                set[u.unit] = Math.floor(value);
            }
        });
    }

    function relativeUnit(set, d, state) {
        var tmp;
        state.relative = true;
        var num = EN.getNumber(set.num);
        var unit = EN.getEnglishUnit(set.unit);
        state.unit = unit;
        if (set.shift || set.edge) {
            num *= (tmp = EN.modifiersByName[set.shift]) ? tmp.value : 0;
            if (unit === 'month' && isDef(set.date)) {
                d.set({ day: set.date }, true);
                delete set.date;
            }
            if (unit === 'year' && isDef(set.month)) {
                d.set({ month: set.month, day: set.date }, true);
                delete set.month;
                delete set.date;
            }
        }
        if (set.sign && (tmp = EN.modifiersByName[set.sign])) { num *= tmp.value; }
        if (isDef(set.weekday)) {
            d.set({ weekday: set.weekday }, true);
            delete set.weekday;
        }
        set[unit] = (set[unit] || 0) + num;
    }

    function parseInto(d, text, prefer, forceUtc) {
        var state = { relative: false };
        var set;
        text = asianDigits(text.trim().replace(/^just (?=now)|\.+$/i, ''));
        var formats = EN.getFormats();
        for (var i = 0; i < formats.length; i++) {
            var match = text.match(formats[i].reg);
            if (!match) { continue; }
            state.format = formats[i];
            set = matchFields(match, formats[i].to);
            if (set.utc) { d.utc(); }
            EN.cachedFormat = formats[i];
            if (set.timestamp) {
                set = set.timestamp;
            } else {
                interpret(set, d, state);
            }
            break;
        }
        if (!state.format) {
            if (text !== 'now') { d = new Date(text); }
            if (forceUtc) { d.addMinutes(-d.getTimezoneOffset()); }
        } else if (state.relative) {
            d.advance(set);
        } else {
            if (d._utc) { d.reset(); }
            update(d, set, true, false, prefer);
        }
        if (set && set.edge) { applyEdge(d, set, state); }
        if (state.after) { state.after(); }
        d.utc(false);
        return { date: d, set: set };
    }

    function applyEdge(d, set, state) {
        var edge = EN.modifiersByName[set.edge];
        var unit = state.unit;
        var wider = REVERSED.slice(4);
        for (var i = 0; i < wider.length; i++) {
            if (isDef(set[wider[i].unit])) {
                unit = wider[i].unit;
                break;
            }
        }
        if (unit === 'year') {
            set.specificity = 'month';
        } else if (unit === 'month' || unit === 'week') {
            set.specificity = 'day';
        }
        d[(edge.value < 0 ? 'endOf' : 'beginningOf') + upperFirst(unit)]();
        if (edge.value === -2) { d.reset(); }
    }

    function extended(f, prefer, forceUtc) {
        var d = new Date();
        var set;
        d.utc(forceUtc);
        if (is.Date(f)) {
            d.utc(f.isUTC()).setTime(f.getTime());
        } else if (is.Number(f)) {
            d.setTime(f);
        } else if (B.isObject(f)) {
            d.set(f, true);
            set = f;
        } else if (is.String(f)) {
            return parseInto(d, f, prefer, forceUtc);
        }
        return { date: d, set: set };
    }

    function create(args, prefer, forceUtc) {
        var f = is.Number(args[1]) ? dateArgs(args)[0] : args[0];
        return extended(f, prefer, forceUtc).date;
    }

    // ---- output ---------------------------------------------------------------------------

    function shortHour(d) {
        var hours = get(d, 'Hours');
        return hours === 0 ? 12 : hours - Math.floor(hours / 13) * 12;
    }

    // Sugar's `{tokens}`; each kind is replaced once, at its first place in the format.
    var OUTPUT = [
        { token: 'f{1,4}|ms|milliseconds', format: function (d) { return get(d, 'Milliseconds'); } },
        { token: 'ss?|seconds', format: function (d) { return get(d, 'Seconds'); } },
        { token: 'mm?|minutes', format: function (d) { return get(d, 'Minutes'); } },
        { token: 'hh?|hours|12hr', format: shortHour },
        { token: 'HH?|24hr', format: function (d) { return get(d, 'Hours'); } },
        { token: 'dd?|date|day', format: function (d) { return get(d, 'Date'); } },
        { token: 'dow|weekday', word: true, format: function (d, n) { return EN.weekdays[get(d, 'Day') + (n - 1) * 7]; } },
        { token: 'MM?', format: function (d) { return get(d, 'Month') + 1; } },
        { token: 'mon|month', word: true, format: function (d, n) { return EN.months[get(d, 'Month') + (n - 1) * 12]; } },
        { token: 'y{2,4}|year', format: function (d) { return get(d, 'FullYear'); } },
        {
            token: '[Tt]{1,2}',
            format: function (d, n, t) {
                var text = EN.ampm[Math.floor(get(d, 'Hours') / 12)];
                if (t.length === 1) { text = text.slice(0, 1); }
                if (t.slice(0, 1) === 'T') { text = text.toUpperCase(); }
                return text;
            }
        },
        {
            token: 'z{1,4}|tz|timezone', text: true,
            format: function (d, n, t) {
                var tz = d.getUTCOffset();
                if (t == 'z' || t == 'zz') { tz = tz.replace(/(\d{2})(\d{2})/, function (f, h) { return B.padNumber(h, t.length); }); }
                return tz;
            }
        },
        { token: 'iso(tz|timezone)', format: function (d) { return d.getUTCOffset(true); } },
        {
            token: 'ord',
            format: function (d) {
                var day = get(d, 'Date');
                return day + B.ordinalSuffix(day);
            }
        }
    ];

    // [amount, unit index (0 ms … 7 years), signed milliseconds] for a span.
    function adjustedUnit(ms) {
        var abs = Math.abs(ms);
        var value = abs;
        var unit = 0;
        REVERSED.slice(1).forEach(function (u, i) {
            var next = Math.floor(B.round(abs / u.ms() * 10) / 10);
            if (next >= 1) {
                value = next;
                unit = i + 1;
            }
        });
        return [value, unit, ms];
    }

    function adjustedFromNow(d) {
        var adu = adjustedUnit(d.millisecondsFromNow());
        if (adu[1] === 6) { adu[0] = Math.abs(d.monthsFromNow()); }
        return adu;
    }

    function spanText(adu, mode) {
        var num = adu[0];
        var format = EN[mode];
        var unit = EN.units[(EN.plural && num > 1 ? 8 : 0) + adu[1]] || EN.units[adu[1]];
        var sign = EN.modifiers.filter(function (m) { return m.name == 'sign' && m.value == (adu[2] > 0 ? 1 : -1); })[0];
        return format.replace(/\{(.*?)\}/g, function (full, key) {
            if (key === 'num') { return num; }
            if (key === 'unit') { return unit; }
            if (key === 'sign') { return sign.src; }
            return undefined;
        });
    }

    function formatDate(d, format, relative) {
        var adu;
        if (!d.isValid()) { return 'Invalid Date'; }
        if (Date[format]) {
            format = Date[format];
        } else if (is.Function(format)) {
            adu = adjustedFromNow(d);
            format = format.apply(d, adu.concat(EN));
        }
        if (!format && relative) {
            adu = adu || adjustedFromNow(d);
            if (adu[1] === 0) {
                adu[1] = 1;
                adu[0] = 1;
            }
            return spanText(adu, adu[2] > 0 ? 'future' : 'past');
        }
        format = format || 'long';
        format = EN[format] || format;
        OUTPUT.forEach(function (o) {
            format = format.replace(new RegExp('\\{(' + o.token + ')(\\d)?\\}', o.word ? 'i' : ''), function (m, t, n) {
                var value = o.format(d, n || 1, t);
                var len = t.length;
                var repeated = t.match(/^(.)\1+$/);
                if (o.word) {
                    if (len === 3) { value = value.slice(0, 3); }
                    if (repeated || /^[A-Z]/.test(t)) { value = upperFirst(value); }
                } else if (repeated && !o.text) {
                    value = (is.Number(value) ? B.padNumber(value, len) : value.toString()).slice(-len);
                }
                return value;
            });
        });
        return format;
    }

    // ---- comparison -------------------------------------------------------------------------

    function compare(d, find, buffer, forceUtc) {
        var p = extended(find, null, forceUtc);
        var accuracy = 0;
        var lo = 0;
        var hi = 0;
        var override;
        var max;
        if (buffer > 0) {
            lo = hi = buffer;
            override = true;
        }
        if (!p.date.isValid()) { return false; }
        if (p.set && p.set.specificity) {
            UNITS.forEach(function (u) {
                if (u.unit === p.set.specificity) { accuracy = u.ms(p.date, d - p.date) - 1; }
            });
            var cap = upperFirst(p.set.specificity);
            if (p.set.edge || p.set.shift) { p.date['beginningOf' + cap](); }
            if (p.set.specificity === 'month') { max = p.date.clone()['endOf' + cap]().getTime(); }
            if (!override && p.set.sign && p.set.specificity != 'millisecond') {
                lo = 50;
                hi = -50;
            }
        }
        var t = d.getTime();
        var min = p.date.getTime();
        max = max || min + accuracy;
        // A span crossing a change of the UTC offset.
        var dMin = new Date(min);
        var dMax = flagUtc(new Date(max), !!d.isUTC());
        if (get(dMax, 'Hours') !== 23 && dMin.getTimezoneOffset() !== dMax.getTimezoneOffset()) {
            max += (dMax.getTimezoneOffset() - dMin.getTimezoneOffset()) * 60 * 1000;
        }
        return t >= min - lo && t <= max + hi;
    }

    function weekNumber(d) {
        d = d.clone();
        var dow = get(d, 'Day') || 7;
        d.addDays(4 - dow).reset();
        return 1 + Math.floor(d.daysSince(d.clone().beginningOfYear()) / 7);
    }

    var core = {
        flagUtc: flagUtc, dateArgs: dateArgs, update: update, create: create, formatDate: formatDate,
        compare: compare, weekNumber: weekNumber, adjustedUnit: adjustedUnit, spanText: spanText,
        upperFirst: upperFirst
    };
    C.sugarDateMethods(core);
    C.sugarDate = core;
})
