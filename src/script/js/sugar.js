// courier prelude: the legacy native extensions postman-sandbox installs for
// old collections (the Sugar.js 1.3 "edge" build it bundles in
// lib/vendor/sugar.js): `[1, 2].average()`, `'a-b'.camelize()`,
// `(56).ordinalize()`, `fn.once()`, `Object.merge(...)`, `Date.create(...)`.
//
// Only names are set up here, so that a script which never uses them pays
// next to nothing (see bench/README.md): every extension starts as an accessor (non-enumerable, but for
// Sugar's settings on `Array` and `String`) on its
// prototype or constructor whose first read has the engine load the file
// that implements that group (`sugar_array.js`, `sugar_string.js`,
// `sugar_number.js`, `sugar_date.js`, through `C.libraries`); that file
// replaces every accessor of its group with the method, non-enumerable and
// writable as Sugar defines them. The few native methods Sugar wraps (`map`,
// `filter`, `every`, `some` taking a property name or a value to match,
// `startsWith` / `endsWith` taking a RegExp or a case flag, `trim` also
// removing U+180E, `Object.keys` with a callback) are wrapped here, and call
// into the loaded file only on the path Sugar adds.
(function (C) {
    'use strict';

    var GROUPS = {
        sugarArray: [
            [Array.prototype, 'findAll count removeAt include exclude clone unique flatten union intersect subtract ' +
                'first last from to min max least most sum average inGroups inGroupsOf isEmpty sortBy randomize zip ' +
                'sample each add remove compact groupBy none all any insert'],
            [Array, 'create AlphanumericSortOrder AlphanumericSortIgnoreCase AlphanumericSortEquivalents'],
            [Object, 'map reduce each size any all none count find findAll isEmpty sum average min max least most ' +
                'watch isObject isNaN equal extended merge clone fromQueryString toQueryString tap has select reject ' +
                'isArray isBoolean isDate isFunction isNumber isString isRegExp']
        ],
        sugarString: [
            [String.prototype, 'escapeRegExp escapeURL unescapeURL escapeHTML unescapeHTML encodeBase64 decodeBase64 ' +
                'each shift codes chars words lines paragraphs isBlank has add remove reverse compact from to ' +
                'dasherize underscore camelize spacify stripTags removeTags truncate pad padLeft padRight first last ' +
                'toNumber capitalize assign insert pluralize singularize humanize titleize parameterize hankaku ' +
                'zenkaku hiragana katakana isArabic hasArabic isCyrillic hasCyrillic isDevanagari hasDevanagari ' +
                'isGreek hasGreek isHangul hasHangul isHan hasHan isKanji hasKanji isHebrew hasHebrew isHiragana ' +
                'hasHiragana isKana hasKana isKatakana hasKatakana isLatin hasLatin isThai hasThai'],
            [String, 'Inflector'],
            [RegExp, 'escape'],
            [RegExp.prototype, 'getFlags setFlags addFlag removeFlag']
        ],
        sugarNumber: [
            [Number.prototype, 'log abbr metric bytes isInteger isOdd isEven isMultipleOf format hex upto downto ' +
                'times chr pad ordinalize toNumber round floor ceil abs pow sin asin cos acos tan atan exp sqrt'],
            [Number, 'random'],
            [Function.prototype, 'lazy delay throttle debounce cancel after once fill']
        ],
        sugarDate: [
            [Number.prototype, 'duration year years yearBefore yearsBefore yearAgo yearsAgo yearAfter yearsAfter yearFromNow ' +
                'yearsFromNow month months monthBefore monthsBefore monthAgo monthsAgo monthAfter monthsAfter ' +
                'monthFromNow monthsFromNow week weeks weekBefore weeksBefore weekAgo weeksAgo weekAfter weeksAfter ' +
                'weekFromNow weeksFromNow day days dayBefore daysBefore dayAgo daysAgo dayAfter daysAfter dayFromNow ' +
                'daysFromNow hour hours hourBefore hoursBefore hourAgo hoursAgo hourAfter hoursAfter hourFromNow ' +
                'hoursFromNow minute minutes minuteBefore minutesBefore minuteAgo minutesAgo minuteAfter minutesAfter ' +
                'minuteFromNow minutesFromNow second seconds secondBefore secondsBefore secondAgo secondsAgo ' +
                'secondAfter secondsAfter secondFromNow secondsFromNow millisecond milliseconds millisecondBefore ' +
                'millisecondsBefore millisecondAgo millisecondsAgo millisecondAfter millisecondsAfter ' +
                'millisecondFromNow millisecondsFromNow'],
            [Date, 'create past future setLocale getLocale addFormat utc range RFC1123 RFC1036 ISO8601_DATE ' +
                'ISO8601_DATETIME'],
            [Date.prototype, 'set setWeekday setISOWeek getISOWeek getUTCOffset utc isUTC advance rewind isValid isAfter isBefore ' +
                'isBetween isLeapYear daysInMonth format relative is reset clone iso getWeekday getUTCWeekday short ' +
                'long full isToday isYesterday isTomorrow isWeekday isWeekend isFuture isPast yearsAgo yearsUntil ' +
                'yearsSince yearsFromNow addYears isLastYear isThisYear isNextYear beginningOfYear endOfYear ' +
                'monthsAgo monthsUntil monthsSince monthsFromNow addMonths isLastMonth isThisMonth isNextMonth ' +
                'beginningOfMonth endOfMonth weeksAgo weeksUntil weeksSince weeksFromNow addWeeks isLastWeek ' +
                'isThisWeek isNextWeek beginningOfWeek endOfWeek daysAgo daysUntil daysSince daysFromNow addDays ' +
                'beginningOfDay endOfDay hoursAgo hoursUntil hoursSince hoursFromNow addHours minutesAgo minutesUntil ' +
                'minutesSince minutesFromNow addMinutes secondsAgo secondsUntil secondsSince secondsFromNow ' +
                'addSeconds millisecondsAgo millisecondsUntil millisecondsSince millisecondsFromNow addMilliseconds ' +
                'isSunday isMonday isTuesday isWednesday isThursday isFriday isSaturday isJanuary isFebruary isMarch ' +
                'isApril isMay isJune isJuly isAugust isSeptember isOctober isNovember isDecember']
        ]
    };

    // An accessor standing for one extension until its group is loaded. One
    // function serves as getter (no argument) and setter (one), and the
    // descriptor object is reused: this runs some 400 times per engine.
    var descriptor = { configurable: true, enumerable: false, get: undefined, set: undefined };
    // Sugar's settings on the constructors are plain, enumerable properties.
    var SETTINGS = ['AlphanumericSortOrder', 'AlphanumericSortIgnoreCase', 'AlphanumericSortEquivalents', 'Inflector'];
    function lazy(target, name, group) {
        var access = function (value) {
            if (arguments.length === 0) {
                C[group];
                var d = Object.getOwnPropertyDescriptor(target, name);
                if (d && d.get === access) {
                    // The group did not define it: drop the accessor rather than loop.
                    delete target[name];
                    return undefined;
                }
                return target[name];
            }
            // What assigning to a writable data property on the prototype does.
            if (this === target) {
                var setting = typeof target === 'function' && SETTINGS.indexOf(name) !== -1;
                Object.defineProperty(target, name, { value: value, writable: true, enumerable: setting, configurable: true });
            } else if (this !== null && (typeof this === 'object' || typeof this === 'function')) {
                Object.defineProperty(this, name, { value: value, writable: true, enumerable: true, configurable: true });
            }
            return undefined;
        };
        descriptor.get = access;
        descriptor.set = access;
        descriptor.enumerable = typeof target === 'function' && SETTINGS.indexOf(name) !== -1;
        Object.defineProperty(target, name, descriptor);
    }

    var groups = Object.keys(GROUPS);
    for (var g = 0; g < groups.length; g++) {
        var entries = GROUPS[groups[g]];
        for (var e = 0; e < entries.length; e++) {
            var names = entries[e][1].split(' ');
            for (var n = 0; n < names.length; n++) { lazy(entries[e][0], names[n], groups[g]); }
        }
    }
    C.sugarGroups = GROUPS;

    // ---- the native methods Sugar wraps ----------------------------------------------------

    function define(target, name, value) {
        Object.defineProperty(target, name, { value: value, writable: true, enumerable: false, configurable: true });
    }

    function isFunction(value) {
        return Object.prototype.toString.call(value) === '[object Function]';
    }

    function isRegExp(value) {
        return Object.prototype.toString.call(value) === '[object RegExp]';
    }

    // Sugar passes a non-function (a property name, a value or pattern to match) to its own path.
    function wrapCallback(name) {
        var original = Array.prototype[name];
        return function () {
            if (arguments.length > 0 && !isFunction(arguments[0])) {
                return C.sugarArray.shorthand(this, name, arguments[0]);
            }
            return original.apply(this, arguments);
        };
    }
    ['map', 'every', 'some', 'filter'].forEach(function (name) {
        var wrapped = wrapCallback(name);
        Object.defineProperty(wrapped, 'name', { value: '' });
        define(Array.prototype, name, wrapped);
    });

    function wrapEdge(name) {
        var original = String.prototype[name];
        return function (find) {
            if (isRegExp(find) || arguments.length > 2) {
                return C.sugarString.edge(this, name, arguments);
            }
            return original.apply(this, arguments);
        };
    }
    define(String.prototype, 'startsWith', wrapEdge('startsWith'));
    define(String.prototype, 'endsWith', wrapEdge('endsWith'));

    // Sugar's whitespace is ECMAScript's plus U+180E (no longer a space since Unicode 6.3).
    var trimStart = String.prototype.trimStart;
    var trimEnd = String.prototype.trimEnd;
    var trimBoth = String.prototype.trim;
    function trimLeft() {
        var s = trimStart.call(this);
        while (s.charCodeAt(0) === 0x180E) { s = trimStart.call(s.slice(1)); }
        return s;
    }
    function trimRight() {
        var s = trimEnd.call(this);
        while (s.charCodeAt(s.length - 1) === 0x180E) { s = trimEnd.call(s.slice(0, -1)); }
        return s;
    }
    define(String.prototype, 'trimLeft', trimLeft);
    define(String.prototype, 'trimRight', trimRight);
    define(String.prototype, 'trim', function trim() {
        var s = trimBoth.call(this);
        if (s.charCodeAt(0) !== 0x180E && s.charCodeAt(s.length - 1) !== 0x180E) { return s; }
        return trimRight.call(trimLeft.call(s));
    });

    var keys = Object.keys;
    define(Object, 'keys', function (obj, fn) {
        var list = keys(obj);
        if (fn !== undefined && isFunction(fn)) {
            list.forEach(function (key) { fn.call(obj, key, obj[key]); });
        }
        return list;
    });

    // Sugar's per-class `extend(methods, override, instance)`.
    [Array, String, Number, Date, Function, RegExp, Boolean, Object].forEach(function (klass) {
        define(klass, 'extend', function (methods, override, instance) {
            var target = instance !== false ? klass.prototype : klass;
            if (klass === Object && arguments.length === 0) { return; }
            Object.keys(methods || {}).forEach(function (name) {
                if (override !== false || !target[name]) { define(target, name, methods[name]); }
            });
        });
    });
})
