// courier prelude: `cheerio` (cheerio 0.22's reading API, as Postman's
// sandbox ships it). The document lives in Rust (`src/script/cheerio/`):
// here a document is a native object plus node numbers, and each node a
// small view shaped like domhandler's nodes (`type`, `name`, `attribs`,
// `children`, `parent`, `prev`, `next`, `data`). The document is read-only:
// methods that would change it throw.
(function (C) {
    'use strict';

    var N = C.native.cheerio();
    var DEFAULTS = { withDomLvl1: true, normalizeWhitespace: false, xmlMode: false, decodeEntities: true };
    var BOOLEAN_ATTR = /^(?:autofocus|autoplay|async|checked|controls|defer|disabled|hidden|loop|multiple|open|readonly|required|scoped|selected)$/i;
    var NODE_TYPES = { element: 1, text: 3, cdata: 4, comment: 8 };
    var hasOwn = Object.prototype.hasOwnProperty;

    function defaults(target) {
        target = target || {};
        for (var i = 1; i < arguments.length; i++) {
            var source = arguments[i] || {};
            Object.keys(source).forEach(function (key) {
                if (target[key] === undefined) { target[key] = source[key]; }
            });
        }
        return target;
    }

    // ---- documents and nodes -------------------------------------------------------------

    function Doc(markup, options) {
        this.native = N.parse(String(markup), options);
        this.views = [];
    }
    Doc.prototype.view = function (id) {
        if (id < 0) { return null; }
        return this.views[id] || (this.views[id] = new Node(this, id));
    };

    /** cheerio reads markup from a string or Buffer; other values are taken for DOM nodes. */
    function parse(markup, options) {
        if (markup === undefined || markup === null) {
            throw new TypeError('Cannot read properties of ' + markup + " (reading 'parent')");
        }
        if (typeof markup !== 'string') {
            // A Buffer is read as text; anything else gives cheerio no node it can show.
            markup = C.Buffer && markup instanceof C.Buffer ? markup.toString() : '';
        }
        return new Doc(markup, options).view(0);
    }

    /** A node of a document: read-only, computed from the document when first read. */
    function Node(doc, id) {
        Object.defineProperty(this, '_doc', { value: doc });
        Object.defineProperty(this, '_id', { value: id });
        Object.defineProperty(this, '_info', { value: N.node(doc.native, id) });
    }
    function nodeGetter(name, get) {
        Object.defineProperty(Node.prototype, name, { get: get, set: function (v) {
            Object.defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true });
        }, enumerable: true, configurable: true });
    }
    nodeGetter('type', function () { return this._info[0]; });
    nodeGetter('name', function () { return this._info[1] === null ? undefined : this._info[1]; });
    nodeGetter('parent', function () { return this._info[0] === 'root' ? null : this._doc.view(this._info[3]); });
    nodeGetter('prev', function () { return this._doc.view(this._info[4]); });
    nodeGetter('next', function () { return this._doc.view(this._info[5]); });
    nodeGetter('children', function () {
        var ids = N.children(this._doc.native, this._id);
        if (!ids) { return undefined; }
        var doc = this._doc;
        var children = ids.map(function (id) { return doc.view(id); });
        Object.defineProperty(this, 'children', { value: children, writable: true, enumerable: true });
        return children;
    });
    nodeGetter('attribs', function () {
        var flat = N.attrs(this._doc.native, this._id);
        if (!flat) { return this._info[0] === 'root' ? {} : undefined; }
        var attribs = {};
        for (var i = 0; i < flat.length; i += 2) { attribs[flat[i]] = flat[i + 1]; }
        Object.defineProperty(this, 'attribs', { value: attribs, writable: true, enumerable: true });
        return attribs;
    });
    nodeGetter('data', function () { return this._info[2] === null ? undefined : this._info[2]; });
    var LEVEL1 = { tagName: 'name', childNodes: 'children', parentNode: 'parent', previousSibling: 'prev',
        nextSibling: 'next', nodeValue: 'data' };
    Object.keys(LEVEL1).forEach(function (key) {
        Object.defineProperty(Node.prototype, key, { get: function () { return this[LEVEL1[key]] || null; } });
    });
    Object.defineProperty(Node.prototype, 'firstChild', {
        get: function () { var c = this.children; return c && c[0] || null; }
    });
    Object.defineProperty(Node.prototype, 'lastChild', {
        get: function () { var c = this.children; return c && c[c.length - 1] || null; }
    });
    Object.defineProperty(Node.prototype, 'nodeType', {
        get: function () { return NODE_TYPES[this.type] || NODE_TYPES.element; }
    });

    function isNode(value) { return value instanceof Node; }
    function isTag(node) { return isNode(node) && (node.type === 'tag' || node.type === 'script' || node.type === 'style'); }

    /** Runs `fn(doc, ids)` for each document among `nodes`, in first-seen order. */
    function byDoc(nodes, fn) {
        var docs = [];
        var groups = [];
        nodes.forEach(function (node) {
            var at = docs.indexOf(node._doc);
            if (at < 0) { at = docs.push(node._doc) - 1; groups.push([]); }
            groups[at].push(node._id);
        });
        docs.forEach(function (doc, i) { fn(doc, groups[i]); });
    }

    function selectBelow(nodes, selector) {
        var found = [];
        byDoc(nodes, function (doc, ids) {
            N.find(doc.native, ids, String(selector)).forEach(function (id) { found.push(doc.view(id)); });
        });
        return found;
    }

    function matchesOf(nodes, selector) {
        var result = new Map();
        byDoc(nodes, function (doc, ids) {
            var flags = N.matches(doc.native, ids, String(selector));
            ids.forEach(function (id, i) { result.set(doc.view(id), flags[i]); });
        });
        return function (node) { return result.get(node) === true; };
    }

    function textOf(nodes) {
        var out = '';
        byDoc(nodes, function (doc, ids) { out += N.text(doc.native, ids); });
        return out;
    }

    function htmlOf(nodes, options) {
        var out = '';
        // Keeps node order across documents (rare): one call per run of nodes of one document.
        var i = 0;
        while (i < nodes.length) {
            var doc = nodes[i]._doc;
            var ids = [];
            while (i < nodes.length && nodes[i]._doc === doc) { ids.push(nodes[i]._id); i++; }
            out += N.html(doc.native, ids, !!options.xmlMode, options.decodeEntities !== false);
        }
        return out;
    }

    // ---- the cheerio object ----------------------------------------------------------------

    var quickExpr = /^(?:[^#<]*(<[\w\W]+>)[^>]*$|#([\w\-]*)$)/;
    function isHtml(str) {
        if (str.charAt(0) === '<' && str.charAt(str.length - 1) === '>' && str.length >= 3) { return true; }
        var match = quickExpr.exec(str);
        return !!(match && match[1]);
    }

    function Cheerio(selector, context, root, options) {
        if (!(this instanceof Cheerio)) { return new Cheerio(selector, context, root, options); }
        this.options = defaults(options || {}, this.options);
        if (root) { this._root = root; }
        if (!selector) { return this; }
        if (selector.cheerio) { return selector; }
        if (isNode(selector)) { selector = [selector]; }
        if (Array.isArray(selector)) {
            for (var i = 0; i < selector.length; i++) { this[i] = selector[i]; }
            this.length = selector.length;
            return this;
        }
        if (typeof selector === 'string' && isHtml(selector)) {
            return Cheerio.call(this, parse(selector, this.options).children);
        }
        var within;
        if (!context) {
            within = this._root ? [this._root] : [];
        }
        else if (typeof context === 'string') {
            if (isHtml(context)) { within = [parse(context, this.options)]; }
            else {
                selector = [context, selector].join(' ');
                within = this._root ? [this._root] : [];
            }
        }
        else if (context.cheerio) { within = context.get(); }
        else if (Array.isArray(context)) { within = context; }
        else { within = [context]; }
        var found = this._make([]);
        found = this._make(selectBelow(within.filter(isNode), selector));
        return found;
    }

    var fn = Cheerio.prototype;
    fn.cheerio = '[cheerio object]';
    fn.options = DEFAULTS;
    fn.length = 0;
    fn.splice = Array.prototype.splice;

    fn._make = function (dom, context) {
        var made = new this.constructor(dom, context, this._root, this.options);
        made.prevObject = this;
        return made;
    };
    fn.toArray = function () { return this.get(); };
    fn.get = function (i) {
        if (i === undefined || i === null) { return Array.prototype.slice.call(this); }
        return this[i < 0 ? (this.length + i) : i];
    };
    fn.each = function (callback) {
        var i = 0;
        var len = this.length;
        while (i < len && callback.call(this[i], i, this[i]) !== false) { ++i; }
        return this;
    };
    fn.map = function (callback) {
        var out = [];
        for (var i = 0; i < this.length; i++) {
            var value = callback.call(this[i], i, this[i]);
            if (value !== null && value !== undefined) { out = out.concat(value); }
        }
        return this._make(out);
    };
    function filterWith(keep) {
        return function (match, container) {
            container = container || this;
            var nodes = Array.prototype.slice.call(this);
            var test;
            if (typeof match === 'string') { test = matchesOf(nodes, match); }
            else if (typeof match === 'function') { test = function (el, i) { return match.call(el, i, el); }; }
            else if (match && match.cheerio) { test = function (el) { return match.is(el); }; }
            else { test = function (el) { return match === el; }; }
            return container._make(nodes.filter(function (el, i) { return !!test(el, i) === keep; }));
        };
    }
    fn.filter = filterWith(true);
    fn.not = filterWith(false);
    fn.is = function (selector) { return selector ? this.filter(selector).length > 0 : false; };
    fn.has = function (selector) {
        var that = this;
        return this.filter(function () { return that._make(this).find(selector).length > 0; });
    };
    fn.first = function () { return this.length > 1 ? this._make(this[0]) : this; };
    fn.last = function () { return this.length > 1 ? this._make(this[this.length - 1]) : this; };
    fn.eq = function (i) {
        i = +i;
        if (i === 0 && this.length <= 1) { return this; }
        if (i < 0) { i = this.length + i; }
        return this[i] ? this._make(this[i]) : this._make([]);
    };
    fn.slice = function () { return this._make(Array.prototype.slice.apply(this, arguments)); };
    fn.end = function () { return this.prevObject || this._make([]); };
    fn.index = function (needle) {
        if (arguments.length === 0) { return this.parent().children().get().indexOf(this[0]); }
        if (typeof needle === 'string') { return this._make(needle).get().indexOf(this[0]); }
        return this.get().indexOf(needle && needle.cheerio ? needle[0] : needle);
    };

    // ---- traversing ----------------------------------------------------------------------

    function childTags(nodes) {
        var out = [];
        nodes.forEach(function (node) { (node.children || []).forEach(function (c) { if (isTag(c)) { out.push(c); } }); });
        return out;
    }
    function filtered(self, nodes, selector) {
        return selector === undefined ? self._make(nodes) : fn.filter.call(nodes, selector, self);
    }
    function uniquePush(list, node) { if (list.indexOf(node) < 0) { list.push(node); } }

    fn.find = function (selector) {
        var nodes = this.get();
        if (selector && typeof selector !== 'string') {
            var haystack = selector.cheerio ? selector.get() : [selector];
            return this._make(haystack.filter(function (el) {
                return nodes.some(function (n) { return contains(n, el); });
            }));
        }
        return this._make(selectBelow(nodes, selector));
    };
    fn.children = function (selector) { return filtered(this, childTags(this.get()), selector); };
    fn.contents = function () {
        var out = [];
        this.get().forEach(function (node) { out.push.apply(out, node.children || []); });
        return this._make(out);
    };
    fn.parent = function (selector) {
        var set = [];
        this.get().forEach(function (el) { if (el.parent) { uniquePush(set, el.parent); } });
        return arguments.length ? fn.filter.call(set, selector, this) : this._make(set);
    };
    function ancestors(self, el, selector, limit) {
        var out = [];
        while (el && out.length < limit) {
            if (!selector || fn.filter.call([el], selector, self).length) { out.push(el); }
            el = el.parent;
        }
        return out;
    }
    fn.parents = function (selector) {
        var self = this;
        var out = [];
        this.get().reverse().forEach(function (el) {
            ancestors(self, el.parent, selector, Infinity).forEach(function (n) { uniquePush(out, n); });
        });
        return this._make(out);
    };
    fn.closest = function (selector) {
        var self = this;
        var set = [];
        if (!selector) { return this._make(set); }
        this.get().forEach(function (el) {
            var found = ancestors(self, el, selector, 1)[0];
            if (found) { uniquePush(set, found); }
        });
        return this._make(set);
    };
    function walk(step, all) {
        return function (selector) {
            if (!this[0]) { return this; }
            var out = [];
            this.get().forEach(function (el) {
                while ((el = el[step])) {
                    if (isTag(el)) {
                        if (!all) { out.push(el); return; }
                        uniquePush(out, el);
                    }
                }
            });
            return selector ? fn.filter.call(out, selector, this) : this._make(out);
        };
    }
    fn.next = walk('next', false);
    fn.prev = walk('prev', false);
    fn.nextAll = walk('next', true);
    fn.prevAll = walk('prev', true);
    fn.siblings = function (selector) {
        var self = this;
        var parent = this.parent();
        var pool = parent.length ? parent.children().get() : [];
        var out = pool.filter(function (el) { return isTag(el) && !self.is(el); });
        return selector !== undefined ? fn.filter.call(out, selector, this) : this._make(out);
    };

    // ---- attributes and content ----------------------------------------------------------

    function readOnly(name) {
        return function () {
            throw new Error('cheerio .' + name + '() is not supported in courier: documents are read-only here');
        };
    }

    function getAttr(elem, name) {
        if (!elem || !isTag(elem)) { return undefined; }
        var attribs = elem.attribs;
        if (!name) { return attribs; }
        if (hasOwn.call(attribs, name)) { return BOOLEAN_ATTR.test(name) ? name : attribs[name]; }
        if (elem.name === 'option' && name === 'value') { return textOf(elem.children); }
        if (elem.name === 'input' && (attribs.type === 'radio' || attribs.type === 'checkbox') && name === 'value') {
            return 'on';
        }
        return undefined;
    }
    fn.attr = function (name, value) {
        if (typeof name === 'object' || value !== undefined) { return readOnly('attr')(); }
        return getAttr(this[0], name);
    };
    fn.prop = function (name, value) {
        if (typeof name !== 'string' || value !== undefined) { return readOnly('prop')(); }
        var el = this[0];
        if (name === 'tagName' || name === 'nodeName') { return el.name.toUpperCase(); }
        if (!el || !isTag(el)) { return undefined; }
        if (name in el) { return el[name]; }
        return BOOLEAN_ATTR.test(name) ? getAttr(el, name) !== undefined : getAttr(el, name);
    };

    var PRIMITIVES = { 'null': null, 'true': true, 'false': false };
    var BRACES = /^(?:\{[\w\W]*\}|\[[\w\W]*\])$/;
    function camelCase(str) { return str.replace(/[_.-](\w|$)/g, function (_, x) { return x.toUpperCase(); }); }
    function cssCase(str) { return str.replace(/[A-Z]/g, '-$&').toLowerCase(); }
    function readData(el, name) {
        var all = name === undefined;
        var attribs = el.attribs;
        var domNames = all ? Object.keys(attribs).filter(function (a) { return a.slice(0, 5) === 'data-'; })
            : ['data-' + cssCase(name)];
        var jsNames = all ? domNames.map(function (d) { return camelCase(d.slice(5)); }) : [name];
        var value;
        for (var i = 0; i < domNames.length; i++) {
            if (hasOwn.call(attribs, domNames[i])) {
                value = attribs[domNames[i]];
                if (hasOwn.call(PRIMITIVES, value)) { value = PRIMITIVES[value]; }
                else if (value === String(Number(value))) { value = Number(value); }
                else if (BRACES.test(value)) {
                    try { value = JSON.parse(value); } catch (e) { /* kept as text, as cheerio keeps it */ }
                }
                el.data[jsNames[i]] = value;
            }
        }
        return all ? el.data : value;
    }
    fn.data = function (name, value) {
        var el = this[0];
        if (!el || !isTag(el)) { return undefined; }
        if (typeof el.data !== 'object' || el.data === null) { el.data = {}; }
        if (!name) { return readData(el); }
        if (typeof name === 'object' || value !== undefined) {
            this.get().forEach(function (node) {
                if (typeof node.data !== 'object' || node.data === null) { node.data = {}; }
                if (typeof name === 'object') { Object.assign(node.data, name); }
                else { node.data[name] = value; }
            });
            return this;
        }
        if (hasOwn.call(el.data, name)) { return el.data[name]; }
        return readData(el, name);
    };
    fn.val = function (value) {
        if (arguments.length > 0) { return readOnly('val')(); }
        var el = this[0];
        if (!el) { return undefined; }
        switch (el.name) {
        case 'textarea': return this.text();
        case 'input': return this.attr('value');
        case 'select':
            var option = this.find('option:selected');
            if (hasOwn.call(this.attr(), 'multiple')) {
                return option.get().map(function (o) { return getAttr(o, 'value'); });
            }
            return option.attr('value');
        case 'option': return this.attr('value');
        default: return undefined;
        }
    };
    fn.hasClass = function (className) {
        return this.get().some(function (elem) {
            var clazz = elem.attribs && elem.attribs['class'];
            var idx = -1;
            if (!clazz) { return false; }
            while ((idx = clazz.indexOf(className, idx + 1)) > -1) {
                var end = idx + className.length;
                if ((idx === 0 || /\s/.test(clazz[idx - 1])) && (end === clazz.length || /\s/.test(clazz[end]))) {
                    return true;
                }
            }
            return false;
        });
    };
    fn.text = function (str) {
        if (str !== undefined) { return readOnly('text')(); }
        return textOf(this.get());
    };
    fn.html = function (str) {
        if (str !== undefined) { return readOnly('html')(); }
        if (!this[0] || !this[0].children) { return null; }
        return htmlOf(this[0].children, this.options);
    };
    fn.toString = function () { return htmlOf(this.get(), this.options); };
    ['addClass', 'removeClass', 'toggleClass', 'removeAttr', 'append', 'appendTo', 'prepend', 'prependTo',
        'after', 'insertAfter', 'before', 'insertBefore', 'remove', 'replaceWith', 'empty', 'wrap', 'css',
        'clone'].forEach(function (name) { fn[name] = readOnly(name); });

    // ---- $ and its static methods ---------------------------------------------------------

    function contains(container, contained) {
        if (!isNode(container) || !isNode(contained) || container._doc !== contained._doc) { return false; }
        return N.contains(container._doc.native, container._id, contained._id);
    }

    function nodesOf(dom) {
        if (dom.cheerio) { return dom.get(); }
        if (Array.isArray(dom)) { return dom.filter(isNode); }
        return isNode(dom) ? [dom] : [];
    }

    var statics = {
        load: load,
        html: function (dom, options) {
            if (Object.prototype.toString.call(dom) === '[object Object]' && !options && !('length' in dom) &&
                !('type' in dom)) {
                options = dom;
                dom = undefined;
            }
            options = defaults(options || {}, this._options, DEFAULTS);
            var nodes;
            if (!dom) { nodes = this._root ? this._root.children : []; }
            else if (typeof dom === 'string') { nodes = selectBelow(this._root ? [this._root] : [], dom); }
            else { nodes = nodesOf(dom); }
            return htmlOf(nodes, options);
        },
        xml: function (dom) {
            var options = defaults({ xmlMode: true }, this._options);
            var nodes = !dom ? (this._root ? this._root.children : [])
                : typeof dom === 'string' ? selectBelow([this._root], dom) : nodesOf(dom);
            return htmlOf(nodes, options);
        },
        text: function (elems) {
            if (!elems) { elems = this.root(); }
            return textOf(nodesOf(elems));
        },
        root: function () { return this(this._root); },
        contains: contains
    };

    function load(content, options) {
        options = defaults(options || {}, DEFAULTS);
        var root = parse(content, options);
        var initialize = function (selector, context, r, opts) {
            if (!(this instanceof initialize)) { return new initialize(selector, context, r, opts); }
            opts = defaults(opts || {}, options);
            return Cheerio.call(this, selector, context, r || root, opts);
        };
        initialize.prototype = Object.create(Cheerio.prototype);
        initialize.prototype.constructor = initialize;
        initialize.fn = initialize.prototype;
        initialize.prototype._originalRoot = root;
        Object.keys(statics).forEach(function (key) { initialize[key] = statics[key]; });
        initialize._root = root;
        initialize._options = options;
        return initialize;
    }

    Object.keys(statics).forEach(function (key) { Cheerio[key] = statics[key]; });
    Cheerio.prototype.constructor = Cheerio;

    C.cheerio = Cheerio;
})
