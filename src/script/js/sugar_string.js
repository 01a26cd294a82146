// courier prelude: the legacy String and RegExp extensions (Sugar 1.3's, as
// postman-sandbox installs them): `has`, `camelize`, `underscore`,
// `truncate`, `words`, `escapeHTML`, `pluralize`, `titleize`, the character
// width and script checks, `RegExp.escape`, ... Loaded by `sugar.js` on
// first use.
(function (C) {
    'use strict';

    var B = C.sugarBase;
    var is = B.is;
    var StringProto = String.prototype;

    function chr(code) { return String.fromCharCode(code); }

    // Each match of `search` (every character by default), mapped through `fn` when given.
    function eachMatch(text, search, fn) {
        if (is.Function(search)) {
            fn = search;
            search = /[\s\S]/g;
        } else if (!search) {
            search = /[\s\S]/g;
        } else if (is.String(search)) {
            search = new RegExp(B.escapeRegExp(search), 'gi');
        } else if (is.RegExp(search)) {
            search = new RegExp(search.source, B.regExpFlags(search, 'g'));
        }
        var found = text.match(search) || [];
        if (fn) {
            for (var i = 0; i < found.length; i++) { found[i] = fn.call(text, found[i], i, found) || found[i]; }
        }
        return found;
    }

    function capitalizeFirst(word) {
        return word.replace(/^\W*[a-z]/, function (w) { return w.toUpperCase(); });
    }

    // ---- inflections --------------------------------------------------------------------------

    var plurals = [];
    var singulars = [];
    var uncountables = [];
    var humans = [];
    var acronyms = {};
    var LOWER_IN_TITLES = ('and or nor a an the so but to of at by from into on onto off out in over with for').split(' ');

    function without(list, item) {
        var i = list.indexOf(item);
        if (i > -1) { list.splice(i, 1); }
    }

    function addRule(list, rule, replacement) {
        if (is.String(rule)) { without(uncountables, rule); }
        without(uncountables, replacement);
        list.unshift({ rule: rule, replacement: replacement });
    }

    function applyFirst(word, table) {
        for (var i = 0; i < table.length; i++) {
            if (word.match(table[i].rule)) { return word.replace(table[i].rule, table[i].replacement); }
        }
        return word;
    }

    function inflect(word, plural) {
        word = is.String(word) ? String(word) : '';
        var uncountable = uncountables.some(function (u) { return new RegExp('\\b' + u + '$', 'i').test(word); });
        if (word.trim().length === 0 || uncountable) { return word; }
        return applyFirst(word, plural ? plurals : singulars);
    }

    var Inflector = {
        acronym: function (word) {
            acronyms[word.toLowerCase()] = word;
            Inflector.acronymRegExp = new RegExp(Object.keys(acronyms).map(function (k) { return acronyms[k]; }).join('|'), 'g');
        },
        plural: function (rule, replacement) { addRule(plurals, rule, replacement); },
        singular: function (rule, replacement) { addRule(singulars, rule, replacement); },
        irregular: function (one, many) {
            var oneHead = one.charAt(0);
            var oneTail = one.slice(1);
            var manyHead = many.charAt(0);
            var manyTail = many.slice(1);
            without(uncountables, one);
            without(uncountables, many);
            if (oneHead.toUpperCase() === manyHead.toUpperCase()) {
                Inflector.plural(new RegExp('(' + oneHead + ')' + oneTail + '$', 'i'), '$1' + manyTail);
                Inflector.plural(new RegExp('(' + manyHead + ')' + manyTail + '$', 'i'), '$1' + manyTail);
                Inflector.singular(new RegExp('(' + manyHead + ')' + manyTail + '$', 'i'), '$1' + oneTail);
                return;
            }
            [oneHead.toUpperCase(), oneHead.toLowerCase()].forEach(function (h, i) {
                var to = i === 0 ? manyHead.toUpperCase() : manyHead.toLowerCase();
                Inflector.plural(new RegExp(h + oneTail + '$'), to + manyTail);
            });
            [manyHead.toUpperCase(), manyHead.toLowerCase()].forEach(function (h) {
                Inflector.plural(new RegExp(h + manyTail + '$'), h + manyTail);
            });
            Inflector.singular(new RegExp(manyHead.toUpperCase() + manyTail + '$'), oneHead.toUpperCase() + oneTail);
            Inflector.singular(new RegExp(manyHead.toLowerCase() + manyTail + '$'), oneHead.toLowerCase() + oneTail);
        },
        uncountable: function (first) {
            uncountables = uncountables.concat(Array.isArray(first) ? first : B.args(arguments));
        },
        human: function (rule, replacement) { humans.unshift({ rule: rule, replacement: replacement }); },
        clear: function (type) {
            var all = function (name) { return type == name || type == 'all' || !type; };
            if (all('singulars')) { singulars = []; }
            if (all('plurals')) { plurals = []; }
            if (all('uncountables')) { uncountables = []; }
            if (all('humans')) { humans = []; }
            if (all('acronyms')) { acronyms = {}; }
        }
    };

    // English rules in the order they are added (the last added is tried first), as Rails has them.
    [
        [/$/, 's'], [/s$/gi, 's'], [/(ax|test)is$/gi, '$1es'], [/(octop|vir|fung|foc|radi|alumn)(i|us)$/gi, '$1i'],
        [/(census|alias|status)$/gi, '$1es'], [/(bu)s$/gi, '$1ses'], [/(buffal|tomat)o$/gi, '$1oes'],
        [/([ti])um$/gi, '$1a'], [/([ti])a$/gi, '$1a'], [/sis$/gi, 'ses'], [/f+e?$/gi, 'ves'], [/(cuff|roof)$/gi, '$1s'],
        [/([ht]ive)$/gi, '$1s'], [/([^aeiouy]o)$/gi, '$1es'], [/([^aeiouy]|qu)y$/gi, '$1ies'],
        [/(x|ch|ss|sh)$/gi, '$1es'], [/(matr|vert|ind)(?:ix|ex)$/gi, '$1ices'], [/([ml])ouse$/gi, '$1ice'],
        [/([ml])ice$/gi, '$1ice'], [/^(ox)$/gi, '$1en'], [/^(oxen)$/gi, '$1'], [/(quiz)$/gi, '$1zes'],
        [/(phot|cant|hom|zer|pian|portic|pr|quart|kimon)o$/gi, '$1os'], [/(craft)$/gi, '$1'],
        [/([ft])[eo]{2}(th?)$/gi, '$1ee$2']
    ].forEach(function (r) { Inflector.plural(r[0], r[1]); });
    [
        [/s$/gi, ''], [/([pst][aiu]s)$/gi, '$1'], [/([aeiouy])ss$/gi, '$1ss'], [/(n)ews$/gi, '$1ews'],
        [/([ti])a$/gi, '$1um'], [/((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)ses$/gi, '$1$2sis'],
        [/(^analy)ses$/gi, '$1sis'], [/(i)(f|ves)$/i, '$1fe'], [/([aeolr]f?)(f|ves)$/i, '$1f'], [/([ht]ive)s$/gi, '$1'],
        [/([^aeiouy]|qu)ies$/gi, '$1y'], [/(s)eries$/gi, '$1eries'], [/(m)ovies$/gi, '$1ovie'],
        [/(x|ch|ss|sh)es$/gi, '$1'], [/([ml])(ous|ic)e$/gi, '$1ouse'], [/(bus)(es)?$/gi, '$1'], [/(o)es$/gi, '$1'],
        [/(shoe)s?$/gi, '$1'], [/(cris|ax|test)[ie]s$/gi, '$1is'], [/(octop|vir|fung|foc|radi|alumn)(i|us)$/gi, '$1us'],
        [/(census|alias|status)(es)?$/gi, '$1'], [/^(ox)(en)?/gi, '$1'], [/(vert|ind)(ex|ices)$/gi, '$1ex'],
        [/(matr)(ix|ices)$/gi, '$1ix'], [/(quiz)(zes)?$/gi, '$1'], [/(database)s?$/gi, '$1'], [/ee(th?)$/gi, 'oo$1']
    ].forEach(function (r) { Inflector.singular(r[0], r[1]); });
    [['person', 'people'], ['man', 'men'], ['child', 'children'], ['sex', 'sexes'], ['move', 'moves'],
        ['save', 'saves'], ['save', 'saves'], ['cow', 'kine'], ['goose', 'geese'], ['zombie', 'zombies']]
        .forEach(function (pair) { Inflector.irregular(pair[0], pair[1]); });
    Inflector.uncountable('equipment information rice money species series fish sheep jeans'.split(' '));
    Inflector.acronyms = acronyms;

    function acronymFor(word) {
        var found = String.Inflector && String.Inflector.acronyms[word];
        return is.String(found) ? found : undefined;
    }

    // ---- character widths and scripts -----------------------------------------------------------

    var widths;
    function widthTables() {
        if (widths) { return widths; }
        widths = { zenkaku: {}, hankaku: {} };
        var pair = function (type, half, full) {
            widths.zenkaku[half] = { type: type, to: full };
            widths.hankaku[full] = { type: type, to: half };
        };
        [['a', 65, 90], ['a', 97, 122], ['n', 48, 57], ['p', 33, 47], ['p', 58, 64], ['p', 91, 96], ['p', 123, 126]]
            .forEach(function (r) {
                for (var n = r[1]; n <= r[2]; n++) { pair(r[0], chr(n), chr(n + 65248)); }
            });
        var half = 'ｱｲｳｴｵｧｨｩｪｫｶｷｸｹｺｻｼｽｾｿﾀﾁﾂｯﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔｬﾕｭﾖｮﾗﾘﾙﾚﾛﾜｦﾝｰ･';
        var full = 'アイウエオァィゥェォカキクケコサシスセソタチツッテトナニヌネノハヒフヘホマミムメモヤャユュヨョラリルレロワヲンー・';
        for (var i = 0; i < full.length; i++) {
            var c = full.charAt(i);
            pair('k', half.charAt(i), c);
            if (/[カキクケコサシスセソタチツテトハヒフヘホ]/.test(c)) { pair('k', half.charAt(i) + 'ﾞ', chr(c.charCodeAt(0) + 1)); }
            if (/[ハヒフヘホヲ]/.test(c)) { pair('k', half.charAt(i) + 'ﾟ', chr(c.charCodeAt(0) + 2)); }
        }
        var halfP = '｡､｢｣¥¢£';
        var fullP = '。、「」￥￠￡';
        for (var j = 0; j < fullP.length; j++) { pair('p', halfP.charAt(j), fullP.charAt(j)); }
        pair('k', 'ｳﾞ', 'ヴ');
        pair('k', 'ｦﾞ', 'ヺ');
        pair('s', ' ', '　');
        return widths;
    }

    function convertWidth(text, modes, pattern, direction) {
        var table = widthTables()[direction];
        var mode = B.args(modes).join('').replace(/all/, '').replace(/(\w)lphabet|umbers?|atakana|paces?|unctuation/g, '$1');
        return text.replace(pattern, function (c) {
            var entry = table[c];
            return entry && (!mode || mode.indexOf(entry.type) !== -1) ? entry.to : c;
        });
    }

    var SCRIPTS = [
        [['Arabic'], '\u0600-\u06FF'], [['Cyrillic'], '\u0400-\u04FF'], [['Devanagari'], '\u0900-\u097F'],
        [['Greek'], '\u0370-\u03FF'], [['Hangul'], '\uAC00-\uD7AF\u1100-\u11FF'],
        [['Han', 'Kanji'], '\u4E00-\u9FFF\uF900-\uFAFF'], [['Hebrew'], '\u0590-\u05FF'],
        [['Hiragana'], '\u3040-\u309F\u30FB-\u30FC'], [['Kana'], '\u3040-\u30FF\uFF61-\uFF9F'],
        [['Katakana'], '\u30A0-\u30FF\uFF61-\uFF9F'], [['Latin'], '\u0001-\u007F\u0080-\u00FF\u0100-\u017F\u0180-\u024F'],
        [['Thai'], '\u0E00-\u0E7F']
    ];

    // ---- String.prototype -----------------------------------------------------------------------

    function text(self) { return String(self); }

    var methods = {
        escapeRegExp: function () { return B.escapeRegExp(this); },
        escapeURL: function (param) { return param ? encodeURIComponent(this) : encodeURI(this); },
        unescapeURL: function (param) { return param ? decodeURI(this) : decodeURIComponent(this); },
        escapeHTML: function () {
            return text(this).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
                .replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\//g, '&#x2f;');
        },
        unescapeHTML: function () {
            return text(this).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
                .replace(/&apos;/g, "'").replace(/&#x2f;/g, '/').replace(/&amp;/g, '&');
        },
        encodeBase64: function () { return globalThis.btoa(text(this)); },
        decodeBase64: function () { return globalThis.atob(text(this)); },
        each: function (search, fn) { return eachMatch(text(this), search, fn); },
        shift: function (n) {
            return this.codes().map(function (c) { return chr(c + (n || 0)); }).join('');
        },
        codes: function (fn) {
            var out = [];
            for (var i = 0; i < this.length; i++) {
                var code = this.charCodeAt(i);
                out.push(code);
                if (fn) { fn.call(this, code, i); }
            }
            return out;
        },
        chars: function (fn) { return eachMatch(text(this), fn); },
        words: function (fn) { return eachMatch(this.trim(), /\S+/g, fn); },
        lines: function (fn) { return eachMatch(this.trim(), /^.*$/gm, fn); },
        paragraphs: function (fn) {
            return this.trim().split(/[\r\n]{2,}/).map(function (p) {
                var s = fn ? fn.call(p) : undefined;
                return s ? s : p;
            });
        },
        isBlank: function () { return this.trim().length === 0; },
        has: function (find) { return text(this).search(is.RegExp(find) ? find : B.escapeRegExp(find)) !== -1; },
        add: function (str, index) {
            index = index === undefined ? this.length : index;
            return this.slice(0, index) + str + this.slice(index);
        },
        remove: function (f) { return text(this).replace(f, ''); },
        reverse: function () { return text(this).split('').reverse().join(''); },
        compact: function () {
            return this.trim().replace(/([\r\n\s　])+/g, function (m, space) { return space === '　' ? space : ' '; });
        },
        from: function (n) { return this.slice(n); },
        to: function (n) { return this.slice(0, n === undefined ? this.length : n); },
        dasherize: function () { return this.underscore().replace(/_/g, '-'); },
        underscore: function () {
            return text(this).replace(/[-\s]+/g, '_')
                .replace(String.Inflector && String.Inflector.acronymRegExp, function (acronym, index) {
                    return (index > 0 ? '_' : '') + acronym.toLowerCase();
                })
                .replace(/([A-Z\d]+)([A-Z][a-z])/g, '$1_$2')
                .replace(/([a-z\d])([A-Z])/g, '$1_$2')
                .toLowerCase();
        },
        camelize: function (first) {
            return this.underscore().replace(/(^|_)([^_]+)/g, function (m, pre, word, index) {
                var acronym = acronymFor(word);
                var upper = first !== false || index > 0;
                if (acronym) { return upper ? acronym : acronym.toLowerCase(); }
                return upper ? word.capitalize() : word;
            });
        },
        spacify: function () { return this.underscore().replace(/_/g, ' '); },
        stripTags: function () {
            var out = text(this);
            var tags = arguments.length > 0 ? B.args(arguments) : [''];
            [].concat.apply([], tags).forEach(function (tag) {
                out = out.replace(new RegExp('<\/?' + B.escapeRegExp(tag) + '[^<>]*>', 'gi'), '');
            });
            return out;
        },
        removeTags: function () {
            var out = text(this);
            var tags = arguments.length > 0 ? B.args(arguments) : ['\\S+'];
            [].concat.apply([], tags).forEach(function (tag) {
                out = out.replace(new RegExp('<(' + tag + ')[^<>]*(?:\\/>|>.*?<\\/\\1>)', 'gi'), '');
            });
            return out;
        },
        truncate: truncate,
        pad: function (padding, num) { return B.repeat(num, padding) + this + B.repeat(num, padding); },
        padLeft: function (padding, num) { return B.repeat(num, padding) + this; },
        padRight: function (padding, num) { return this + B.repeat(num, padding); },
        first: function (n) { return this.substr(0, n === undefined ? 1 : n); },
        last: function (n) {
            if (n === undefined) { n = 1; }
            return this.substr(this.length - n < 0 ? 0 : this.length - n);
        },
        toNumber: function (base) {
            var s = text(this).replace(/,/g, '');
            return s.match(/\./) ? parseFloat(s) : parseInt(s, base || 10);
        },
        capitalize: function (all) {
            var previousCased;
            return this.toLowerCase().replace(all ? /[\s\S]/g : /^\S/, function (lower) {
                var upper = lower.toUpperCase();
                var out = previousCased ? lower : upper;
                previousCased = upper !== lower;
                return out;
            });
        },
        assign: function () {
            var values = {};
            B.args(arguments).forEach(function (a, i) {
                if (B.isObject(a)) {
                    B.eachOwn(a, function (k, v) { values[k] = v; });
                } else {
                    values[i + 1] = a;
                }
            });
            return text(this).replace(/\{([^{]+?)\}/g, function (m, key) { return B.hasOwn(values, key) ? values[key] : m; });
        },
        pluralize: function () { return inflect(this, true); },
        singularize: function () { return inflect(this, false); },
        humanize: function () {
            var out = applyFirst(text(this), humans).replace(/_id$/g, '');
            out = out.replace(/(_)?([a-z\d]*)/gi, function (m, sep, word) {
                var acronym = B.hasOwn(acronyms, word) ? acronyms[word] : null;
                return (sep ? ' ' : '') + (acronym || word.toLowerCase());
            });
            return capitalizeFirst(out);
        },
        titleize: function () {
            var stop = /[.:;!]$/;
            var lastStopped;
            return this.spacify().humanize().words(function (word, index, words) {
                var stopped = stop.test(word);
                var edge = index == 0 || index == words.length - 1 || stopped || lastStopped;
                lastStopped = stopped;
                return edge || LOWER_IN_TITLES.indexOf(word) === -1 ? capitalizeFirst(word) : word;
            }).join(' ');
        },
        parameterize: function (separator) {
            var out = text(this).normalize();
            if (separator === undefined) { separator = '-'; }
            out = out.replace(/[^a-z0-9\-_]+/gi, separator);
            if (separator) {
                var sep = B.escapeRegExp(separator);
                out = out.replace(new RegExp('^' + sep + '+|' + sep + '+$|(' + sep + ')' + sep + '+', 'g'), '$1');
            }
            return encodeURI(out.toLowerCase());
        },
        hankaku: function () {
            return convertWidth(text(this), arguments, /[\u3000-\u301C]|[\u301A-\u30FC]|[\uFF01-\uFF60]|[\uFFE0-\uFFE6]/g, 'hankaku');
        },
        zenkaku: function () {
            return convertWidth(text(this), arguments, /[\u0020-\u00A5]|[\uFF61-\uFF9F][ﾞﾟ]?/g, 'zenkaku');
        },
        hiragana: function (all) {
            var s = all !== false ? this.zenkaku('k') : text(this);
            return s.replace(/[\u30A1-\u30F6]/g, function (c) { return chr(c.charCodeAt(0) - 96); });
        },
        katakana: function () {
            return text(this).replace(/[\u3041-\u3096]/g, function (c) { return chr(c.charCodeAt(0) + 96); });
        }
    };
    methods.insert = methods.add;
    SCRIPTS.forEach(function (s) {
        var all = new RegExp('^[' + s[1] + '\\s]+$');
        var any = new RegExp('[' + s[1] + ']');
        s[0].forEach(function (name) {
            methods['is' + name] = function () { return all.test(this.trim()); };
            methods['has' + name] = function () { return any.test(this); };
        });
    });

    function truncate(length, split, from, ellipsis) {
        var spaces = '[' + B.spaces + ']+';
        var word = '[^' + B.spaces + ']*';
        var str = text(this);
        var cut = new RegExp(spaces + word + '$');
        var before = '';
        var after = '';
        var pos;
        ellipsis = ellipsis === undefined ? '...' : String(ellipsis);
        if (str.length <= length) { return str; }
        if (from === 'left') {
            pos = str.length - length;
            before = ellipsis;
            str = str.slice(pos);
            cut = new RegExp('^' + word + spaces);
        } else if (from === 'middle') {
            pos = B.round(length / 2, undefined, 'floor');
            after = ellipsis + str.slice(str.length - pos).trimLeft();
            str = str.slice(0, pos);
        } else {
            pos = length;
            after = ellipsis;
            str = str.slice(0, pos);
        }
        if (split === false && this.slice(pos, pos + 1).match(/\S/)) { str = str.replace(cut, ''); }
        return before + str + after;
    }

    // `startsWith` / `endsWith` given a RegExp or a case flag (see sugar.js).
    function edge(self, name, args) {
        var str = text(self);
        var find = args[0];
        var pos = args[1];
        var caseSensitive = args[2] === undefined ? true : args[2];
        var source;
        if (name === 'startsWith') {
            if (pos) { str = str.slice(pos); }
            source = is.RegExp(find) ? find.source.replace('^', '') : B.escapeRegExp(find);
            return new RegExp('^' + source, caseSensitive ? '' : 'i').test(str);
        }
        if (pos !== undefined) { str = str.slice(0, pos); }
        source = is.RegExp(find) ? find.source.replace('$', '') : B.escapeRegExp(find);
        return new RegExp(source + '$', caseSensitive ? '' : 'i').test(str);
    }

    B.install(StringProto, methods);
    B.install(String, { Inflector: Inflector }, true);
    B.install(RegExp, { escape: function (str) { return B.escapeRegExp(str); } });
    B.install(RegExp.prototype, {
        getFlags: function () { return B.regExpFlags(this); },
        setFlags: function (flags) { return new RegExp(this.source, flags); },
        addFlag: function (flag) { return this.setFlags(B.regExpFlags(this, flag)); },
        removeFlag: function (flag) { return this.setFlags(B.regExpFlags(this).replace(flag, '')); }
    });

    C.sugarString = { edge: edge };
})
