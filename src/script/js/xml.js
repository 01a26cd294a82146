// courier prelude: XML to JSON, as the legacy `xml2Json(text)` global and
// `require('xml2js').parseString` produce it (xml2js's shape: the root
// element as the only key, attributes under `$`, text under `_` when an
// element also has attributes or children, repeated children as arrays).
(function (C) {
    'use strict';

    var ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

    function decode(text) {
        return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, function (m, e) {
            if (e.charAt(0) === '#') {
                var code = e.charAt(1) === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
                return isNaN(code) ? m : String.fromCodePoint(code);
            }
            return C.hasOwn(ENTITIES, e) ? ENTITIES[e] : m;
        });
    }

    /** Parses XML into `{name, attrs, children, text}` nodes; throws on malformed input. */
    function parseXml(xml) {
        var pos = 0;
        var root = { name: '#document', attrs: {}, children: [], text: '' };
        var stack = [root];
        var fail = function (why) { throw new Error('XML parse error at ' + pos + ': ' + why); };
        while (pos < xml.length) {
            var lt = xml.indexOf('<', pos);
            var top = stack[stack.length - 1];
            if (lt === -1) { top.text += decode(xml.slice(pos)); break; }
            if (lt > pos) { top.text += decode(xml.slice(pos, lt)); }
            if (xml.startsWith('<!--', lt)) {
                var endComment = xml.indexOf('-->', lt);
                if (endComment < 0) { fail('unclosed comment'); }
                pos = endComment + 3;
            }
            else if (xml.startsWith('<![CDATA[', lt)) {
                var endData = xml.indexOf(']]>', lt);
                if (endData < 0) { fail('unclosed CDATA'); }
                top.text += xml.slice(lt + 9, endData);
                pos = endData + 3;
            }
            else if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) {
                var endDecl = xml.indexOf('>', lt);
                if (endDecl < 0) { fail('unclosed declaration'); }
                pos = endDecl + 1;
            }
            else if (xml.charAt(lt + 1) === '/') {
                var endClose = xml.indexOf('>', lt);
                var closing = xml.slice(lt + 2, endClose).trim();
                if (endClose < 0 || stack.length < 2 || top.name !== closing) { fail('unexpected </' + closing + '>'); }
                stack.pop();
                pos = endClose + 1;
            }
            else {
                var tag = /^<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(xml.slice(lt));
                if (!tag) { fail('bad tag'); }
                var node = { name: tag[1], attrs: {}, children: [], text: '' };
                tag[2].replace(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g, function (m, k, v1, v2) {
                    node.attrs[k] = decode(v1 !== undefined ? v1 : v2);
                });
                top.children.push(node);
                if (!tag[3]) { stack.push(node); }
                pos = lt + tag[0].length;
            }
        }
        if (stack.length !== 1) { fail('unclosed <' + stack[stack.length - 1].name + '>'); }
        if (root.children.length !== 1) { fail('expected one root element'); }
        return root.children[0];
    }

    /** Runs `value` through a list of xml2js processors (`fn(value, name)`), in order. */
    function processed(list, value, name) {
        (list || []).forEach(function (fn) { value = fn(value, name); });
        return value;
    }

    /** Sets `out[key]`, or adds to it: an array under `explicitArray`, or once repeated. */
    function assignOrPush(out, key, value, explicitArray) {
        if (!C.hasOwn(out, key)) { out[key] = explicitArray ? [value] : value; return; }
        if (!Array.isArray(out[key])) { out[key] = [out[key]]; }
        out[key].push(value);
    }

    function convert(node, opts) {
        var attrs = opts.ignoreAttrs ? [] : Object.keys(node.attrs);
        var text = opts.trim ? node.text.trim() : node.text;
        var blank = /^\s*$/.test(text);
        if (!blank) { text = processed(opts.valueProcessors, text, node.name); }
        if (!node.children.length && !attrs.length) { return text; }
        // xml2js's key order: the text (when kept), the attributes, then the children.
        var out = {};
        if (!blank) { out._ = text; }
        attrs.forEach(function (k) {
            var key = processed(opts.attrNameProcessors, k);
            var value = processed(opts.attrValueProcessors, node.attrs[k], k);
            if (opts.mergeAttrs) { assignOrPush(out, key, value, opts.explicitArray); }
            else { (out.$ = out.$ || {})[key] = value; }
        });
        node.children.forEach(function (child) {
            assignOrPush(out, processed(opts.tagNameProcessors, child.name), convert(child, opts),
                opts.explicitArray);
        });
        return out;
    }

    // xml2js's name and value processors (`require('xml2js').processors`).
    var processors = {
        normalize: function (s) { return s.toLowerCase(); },
        firstCharLowerCase: function (s) { return s.charAt(0).toLowerCase() + s.slice(1); },
        stripPrefix: function (s) { return s.replace(/(?!xmlns)^.*:/, ''); },
        parseNumbers: function (s) {
            if (!isNaN(s)) { s = s % 1 === 0 ? parseInt(s, 10) : parseFloat(s); }
            return s;
        },
        parseBooleans: function (s) {
            if (/^(?:true|false)$/i.test(s)) { s = s.toLowerCase() === 'true'; }
            return s;
        }
    };

    function toJson(xml, options) {
        var opts = Object.assign({ explicitArray: true, trim: false, mergeAttrs: false, explicitRoot: true,
            ignoreAttrs: false }, options || {});
        var root = parseXml(String(xml));
        var value = convert(root, opts);
        if (!opts.explicitRoot) { return value; }
        var out = {};
        out[processed(opts.tagNameProcessors, root.name)] = value;
        return out;
    }

    /** Postman's legacy `xml2Json(text)`; `undefined` for text that is not XML. */
    C.xml2Json = function (text) {
        try { return toJson(text, { explicitArray: false, trim: true, mergeAttrs: false }); }
        catch (e) { return undefined; }
    };

    /** The parts of xml2js scripts use: `parseString(text, [options], callback)`. */
    C.xml2js = {
        processors: processors,
        parseString: function (text, options, callback) {
            if (typeof options === 'function') { callback = options; options = {}; }
            var result;
            var error = null;
            try { result = toJson(text, options); }
            catch (e) { error = e; }
            callback(error, result);
        },
        Parser: function (options) {
            this.parseString = function (text, callback) { C.xml2js.parseString(text, options, callback); };
        }
    };
})
