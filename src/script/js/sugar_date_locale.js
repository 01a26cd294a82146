// courier prelude: the English locale of the legacy Date extensions (see
// `sugar_date.js`): Sugar 1.3's units, words and modifiers, and the input
// forms `Date.create` tries in order, compiled from templates such as
// '{num} {unit} {sign}' into anchored, case-insensitive RegExps, each with
// or without a time of day before or after it.
(function (C) {
    'use strict';

    var B = C.sugarBase;
    var is = B.is;
    var DAY = 24 * 60 * 60 * 1000;

    function upperFirst(s) { return s.slice(0, 1).toUpperCase() + s.slice(1); }
    function isUndef(v) { return v === undefined; }

    // Reads / writes a date field in UTC when the date is flagged so.
    function get(d, method) { return d['get' + (d._utc ? 'UTC' : '') + method](); }
    function put(d, method, value) { return d['set' + (d._utc && method != 'ISOWeek' ? 'UTC' : '') + method](value); }

    var UNITS = [
        { unit: 'year', method: 'FullYear', ambiguous: true, ms: function (d) { return (365 + (d ? (d.isLeapYear() ? 1 : 0) : 0.25)) * DAY; } },
        {
            unit: 'month', method: 'Month', ambiguous: true, error: 0.919,
            ms: function (d, span) {
                var days = 30.4375;
                if (d) {
                    var inMonth = d.daysInMonth();
                    if (span <= inMonth * DAY) { days = inMonth; }
                }
                return days * DAY;
            }
        },
        { unit: 'week', method: 'ISOWeek', ms: function () { return 7 * DAY; } },
        { unit: 'day', method: 'Date', ambiguous: true, ms: function () { return DAY; } },
        { unit: 'hour', method: 'Hours', ms: function () { return 60 * 60 * 1000; } },
        { unit: 'minute', method: 'Minutes', ms: function () { return 60 * 1000; } },
        { unit: 'second', method: 'Seconds', ms: function () { return 1000; } },
        { unit: 'millisecond', method: 'Milliseconds', ms: function () { return 1; } }
    ];
    UNITS.forEach(function (u) { u.addMethod = 'add' + upperFirst(u.unit) + 's'; });
    var REVERSED = UNITS.concat().reverse();
    var ARG_UNITS = UNITS.filter(function (u) { return u.unit !== 'week'; });

    // ---- the English locale -------------------------------------------------------------------

    var EN = (function () {
        var months = 'january february march april may june july august september october november december'.split(' ');
        var weekdays = 'sunday monday tuesday wednesday thursday friday saturday'.split(' ');
        var unitNames = UNITS.map(function (u) { return u.unit; }).reverse();
        var loc = {
            code: 'en',
            plural: true,
            months: months.concat(months.map(function (m) { return m.slice(0, 3); })),
            weekdays: weekdays.concat(weekdays.map(function (w) { return w.slice(0, 3); })),
            units: unitNames.concat(unitNames.map(function (u) { return u + 's'; })),
            numbers: 'one two three four five six seven eight nine ten'.split(' '),
            articles: ['a', 'an', 'the'],
            tokens: ['the', 'st|nd|rd|th', 'of'],
            ampm: ['am', 'pm'],
            short: '{Month} {d}, {yyyy}',
            long: '{Month} {d}, {yyyy} {h}:{mm}{tt}',
            full: '{Weekday} {Month} {d}, {yyyy} {h}:{mm}:{ss}{tt}',
            past: '{num} {unit} {sign}',
            future: '{num} {unit} {sign}',
            duration: '{num} {unit}',
            modifiers: [],
            modifiersByName: {},
            compiledFormats: []
        };
        [['sign', 'ago|before', -1], ['sign', 'from now|after|from|in|later', 1], ['edge', 'last day', -2],
            ['edge', 'end', -1], ['edge', 'first day|beginning', 1], ['shift', 'last', -1], ['shift', 'the|this', 0],
            ['shift', 'next', 1], ['day', 'yesterday', -1], ['day', 'today', 0], ['day', 'tomorrow', 1]]
            .forEach(function (m) {
                var modifier = { name: m[0], src: m[1], value: m[2] };
                m[1].split('|').forEach(function (word) {
                    loc.modifiersByName[word] = modifier;
                    loc.modifiers.push({ name: m[0], src: word, value: m[2] });
                    loc[m[0]] = loc[m[0]] ? loc[m[0]] + '|' + word : word;
                });
            });
        loc.day += '|' + loc.weekdays.join('|');
        loc.date = '\\d{1,2}';
        loc.year = "'\\d{2}|\\d{4,4}";
        loc.num = ['\\d+'].concat(loc.articles, loc.numbers).join('|');
        loc.full_month = '\\d{1,2}|' + loc.months.join('|');
        return loc;
    })();

    var TIME_KEYS = ['ampm', 'hour', 'minute', 'second', 'ampm', 'utc', 'offset_sign', 'offset_hours', 'offset_minutes', 'ampm'];

    // A time of day: '5pm', '17:30', '5:30:15.250 am', '10:00Z', '10:00+02:00'.
    function timePattern(iso) {
        var frac = '(?:[,.]\\d+)?';
        var sixty = '[0-5]\\d' + frac;
        return '(am|pm)?\\s*(\\d{1,2}' + frac + ')(?:(?::)' + (iso ? '?' : '') + '(' + sixty + ')?(?::?(' + sixty +
            '))?\\s*(?:(am|pm)|(Z)|(?:([+-])(\\d{2,2})(?::?(\\d{2,2}))?)?)?|\\s*(am|pm))';
    }

    function pushFormat(pattern, keys, variant) {
        EN.compiledFormats.unshift({ variant: variant, reg: new RegExp('^' + pattern + '$', 'i'), to: keys });
    }

    // Compiles a template such as '{num} {unit} {sign}': `{name}` captures
    // the locale's words for `name`, `{unit=4-7}` only some units, `{0}`
    // the locale's token 0 without capturing, `?` makes it optional, and a
    // space stands for any run of separators.
    function addFormat(src, allowsTime, keys, variant, iso) {
        var to = keys || [];
        src = src.replace(/\s+/g, '[-,. ]*').replace(/\{([^,]+?)\}/g, function (all, k) {
            var optional = /\?$/.test(k);
            var token = k.match(/^(\d+)\??$/);
            var slice = k.match(/(\d)(?:-(\d))?/);
            var key = k.replace(/[^a-z]+$/, '');
            var value;
            if (token) {
                value = EN.tokens[token[1]];
            } else if (EN[key] && !Array.isArray(EN[key])) {
                value = EN[key];
            } else {
                value = EN[key + 's'];
                if (slice) {
                    value = value.filter(function (m, i) {
                        var mod = i % 8;
                        return mod >= slice[1] && mod <= (slice[2] || slice[1]);
                    });
                }
                value = value.join('|');
            }
            if (!token && !keys) { to.push(key); }
            return (token ? '(?:' + value + ')' : '(' + value + ')') + (optional ? '?' : '');
        });
        if (!allowsTime) {
            pushFormat(src, to, variant);
            return;
        }
        var time = timePattern(iso);
        var lastIsNumeral = /\\d\{\d,\d\}\)+\??$/.test(src);
        pushFormat('(?:' + time + ')[,\\s\\u3000]+?' + src, TIME_KEYS.concat(to), variant);
        pushFormat(src + '(?:[,\\s]*(?:t|[\\s\\u3000]|at' + (lastIsNumeral ? '+' : '*') + ')' + time + ')?', to.concat(TIME_KEYS), variant);
    }

    (function compileEnglish() {
        addFormat('{day}', true);
        addFormat('{month}');
        addFormat('{year}');
        ['{0} {num}{1} {day} of {month} {year?}', '{weekday?} {month} {date}{1?} {year?}', '{date} {month} {year}',
            '{date} {month}', '{shift} {weekday}', '{shift} week {weekday}', '{weekday} {2?} {shift} week',
            '{num} {unit=4-5} {sign} {day}', '{0?} {date}{1} of {month}', '{0?}{month?} {date?}{1?} of {shift} {unit=6-7}']
            .forEach(function (src) { addFormat(src, true); });
        ['{num} {unit} {sign}', '{sign} {num} {unit}', '{month} {year}', '{shift} {unit=5-7}', '{0?} {date}{1}',
            '{0?} {edge} of {shift?} {unit=4-7?}{month?}{year?}']
            .forEach(function (src) { addFormat(src); });
        var locale = EN.compiledFormats;
        EN.compiledFormats = [];
        addFormat('([+-])?(\\d{4,4})[-.]?{full_month}[-.]?(\\d{1,2})?', true, ['year_sign', 'year', 'month', 'date'], false, true);
        addFormat('(\\d{1,2})[-.\\/]{full_month}(?:[-.\\/](\\d{2,4}))?', true, ['date', 'month', 'year'], true);
        addFormat('{full_month}[-.](\\d{4,4})', false, ['month', 'year']);
        addFormat('\\/Date\\((\\d+(?:\\+\\d{4,4})?)\\)\\/', false, ['timestamp']);
        pushFormat(timePattern(false), TIME_KEYS);
        EN.compiledFormats = locale.concat(EN.compiledFormats.reverse());
    })();

    EN.getMonth = function (n) { return is.Number(n) ? n - 1 : this.months.indexOf(n) % 12; };
    EN.getWeekday = function (n) { return this.weekdays.indexOf(n) % 7; };
    EN.getNumber = function (n) {
        var i;
        if (is.Number(n)) { return n; }
        if (n && (i = this.numbers.indexOf(n)) !== -1) { return (i + 1) % 10; }
        return 1;
    };
    EN.getEnglishUnit = function (n) { return EN.units[this.units.indexOf(n) % 8]; };
    EN.getFormats = function () { return this.cachedFormat ? [this.cachedFormat].concat(this.compiledFormats) : this.compiledFormats; };

    C.sugarDateLocale = { EN: EN, UNITS: UNITS, REVERSED: REVERSED, ARG_UNITS: ARG_UNITS, get: get, put: put };
})
