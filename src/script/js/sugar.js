// courier prelude: the legacy native extensions postman-sandbox installs for
// old collections (the Sugar.js 1.3 "edge" build it bundles in
// lib/vendor/sugar.js): `[1, 2].average()`, `'a-b'.camelize()`,
// `(56).ordinalize()`, `fn.once()`, `Object.merge(...)`, `Date.create(...)`.
//
// Only names are set up here, so that a script which never uses them pays
// nothing: every extension starts as a non-enumerable accessor on its
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
            [Number.prototype, 'duration ' + dateUnitNumberMethods()],
            [Date, 'create past future setLocale getLocale addFormat utc RFC1123 RFC1036 ISO8601_DATE ' +
                'ISO8601_DATETIME'],
            [Date.prototype, 'set setWeekday setISOWeek getISOWeek getUTCOffset utc isUTC advance rewind isValid ' +
                'isAfter isBefore isBetween isLeapYear daysInMonth format relative is reset clone iso getWeekday ' +
                'getUTCWeekday short long full isToday isYesterday isTomorrow isWeekday isWeekend isFuture isPast ' +
                dateUnitDateMethods() + ' ' + namedDayMethods()]
        ]
    };

    function units() {
        return ['year', 'month', 'week', 'day', 'hour', 'minute', 'second', 'millisecond'];
    }

    function dateUnitNumberMethods() {
        return units().map(function (u) {
            return [u, u + 's', u + 'Before', u + 'sBefore', u + 'Ago', u + 'sAgo', u + 'After', u + 'sAfter',
                u + 'FromNow', u + 'sFromNow'].join(' ');
        }).join(' ');
    }

    function dateUnitDateMethods() {
        return units().map(function (u) {
            var s = u + 's';
            var cap = s.charAt(0).toUpperCase() + s.slice(1);
            var names = [s + 'Ago', s + 'Until', s + 'Since', s + 'FromNow', 'add' + cap];
            if (['year', 'month', 'week'].indexOf(u) !== -1) {
                var one = u.charAt(0).toUpperCase() + u.slice(1);
                names.push('isLast' + one, 'isThis' + one, 'isNext' + one);
            }
            if (['year', 'month', 'week', 'day'].indexOf(u) !== -1) {
                var unit = u.charAt(0).toUpperCase() + u.slice(1);
                names.push('beginningOf' + unit, 'endOf' + unit);
            }
            return names.join(' ');
        }).join(' ');
    }

    function namedDayMethods() {
        var days = 'Sunday Monday Tuesday Wednesday Thursday Friday Saturday'.split(' ');
        var months = 'January February March April May June July August September October November December'.split(' ');
        return days.concat(months).map(function (n) { return 'is' + n; }).join(' ');
    }

    // An accessor standing for one extension until its group is loaded.
    function lazy(target, name, group) {
        Object.defineProperty(target, name, {
            configurable: true,
            enumerable: false,
            get: function () {
                C[group];
                var d = Object.getOwnPropertyDescriptor(target, name);
                if (d && d.get) {
                    // The group did not define it: drop the accessor rather than loop.
                    delete target[name];
                    return undefined;
                }
                return target[name];
            },
            set: function (value) {
                // What assigning to a writable data property on the prototype does.
                if (this === target) {
                    Object.defineProperty(target, name, { value: value, writable: true, enumerable: false, configurable: true });
                } else if (this !== null && (typeof this === 'object' || typeof this === 'function')) {
                    Object.defineProperty(this, name, { value: value, writable: true, enumerable: true, configurable: true });
                }
            }
        });
    }

    Object.keys(GROUPS).forEach(function (group) {
        GROUPS[group].forEach(function (entry) {
            entry[1].split(' ').forEach(function (name) {
                lazy(entry[0], name, group);
            });
        });
    });
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
    function trimLeft() {
        var s = trimStart.call(this);
        while (s.charAt(0) === '\u180E') { s = trimStart.call(s.slice(1)); }
        return s;
    }
    function trimRight() {
        var s = trimEnd.call(this);
        while (s.charAt(s.length - 1) === '\u180E') { s = trimEnd.call(s.slice(0, -1)); }
        return s;
    }
    define(String.prototype, 'trimLeft', trimLeft);
    define(String.prototype, 'trimRight', trimRight);
    define(String.prototype, 'trim', function trim() { return trimRight.call(trimLeft.call(String(this))); });

    var keys = Object.keys;
    define(Object, 'keys', function (obj, fn) {
        var list = keys(obj);
        if (isFunction(fn)) {
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
