// courier prelude: `require('postman-collection')`, loaded when a script
// first asks for it. Our own implementation of what scripts use of
// postman-collection: `Property.replaceSubstitutions` / `replaceSubstitutionsIn`
// / `findSubstitutions` (superstring's rules: `{{name}}` tokens, at most 19
// passes, variable lists and plain objects as sources, dynamic `$` variables
// last), `VariableList`, `VariableScope`, `Collection`, `ItemGroup`, `Item`,
// `Event`, `Script`, `Description`, and the classes `pm.request` and
// `pm.response` are made of (sdk.js, variable.js).
(function (C) {
    'use strict';

    var N = C.native;
    var PropertyList = C.PropertyList;
    var Variable = C.Variable;
    var hasOwn = C.hasOwn;

    var TOKEN = /\{\{([^{}]*?)}}/g;
    // postman-collection's `Substitutor.VARS_SUBREPLACE_LIMIT`.
    var PASSES = 19;
    var TEXT_TYPES = { string: true, number: true, boolean: true };

    function extend(Child, Parent, methods) {
        Child.prototype = Object.create(Parent.prototype);
        Object.defineProperty(Child.prototype, 'constructor', { value: Child, writable: true, enumerable: false });
        Object.keys(methods || {}).forEach(function (name) { Child.prototype[name] = methods[name]; });
        return Child;
    }

    // ---- substitution ------------------------------------------------------------------

    // A source's value for `name`: a variable list gives its enabled variable,
    // a plain object its own property; `found` is false when none has it.
    function lookup(sources, name) {
        for (var i = 0; i < sources.length; i++) {
            var source = sources[i];
            if (!source || typeof source !== 'object') { continue; }
            if (source instanceof VariableList) {
                var variable = source.oneNormalizedVariable(name);
                if (variable && !variable.disabled) { return { found: true, value: variable }; }
            }
            else if (hasOwn(source, name)) {
                return { found: true, value: source[name] };
            }
        }
        var dynamic = N.dynamicValue(String(name));
        return dynamic === undefined ? { found: false } : { found: true, value: dynamic };
    }

    function replaceOnce(text, sources) {
        var replaced = 0;
        var out = text.replace(TOKEN, function (match, name) {
            replaced += 1;
            var hit = lookup(sources, name);
            if (!hit.found) { return match; }
            var value = hit.value;
            if (value && typeof value === 'function') { value = value(); }
            if (value && typeof value.toString === 'function') { value = value.toString(); }
            return TEXT_TYPES[typeof value] ? String(value) : match;
        });
        return { text: out, replaced: replaced };
    }

    function sourcesOf(variables, rest) {
        if (variables instanceof Array) { return variables; }
        return Array.prototype.slice.call(rest);
    }

    /** Replaces `{{name}}` tokens in `text` from variable lists and plain objects. */
    function replaceSubstitutions(text, variables) {
        if (!(text && typeof text === 'string')) { return text; }
        var sources = sourcesOf(variables, Array.prototype.slice.call(arguments, 1));
        var passes = 0;
        var step;
        do {
            step = replaceOnce(text, sources);
            text = step.text;
            if (step.replaced) { passes += 1; }
        } while (step.replaced && passes < PASSES);
        return text;
    }

    /** `obj` with every string's tokens replaced (see `C.replaceInObject`). */
    function replaceSubstitutionsIn(obj, variables) {
        if (!(obj && typeof obj === 'object')) { return obj; }
        var sources = sourcesOf(variables, Array.prototype.slice.call(arguments, 1));
        return C.replaceInObject(obj, function (text) { return replaceSubstitutions(text, sources); });
    }

    /** The distinct `{{name}}` names in every string of `obj`. */
    function findSubstitutions(obj) {
        var names = [];
        var walk = function (value) {
            if (typeof value === 'string') {
                value.replace(TOKEN, function (match, name) {
                    if (names.indexOf(name) === -1) { names.push(name); }
                    return match;
                });
            }
            else if (value && typeof value === 'object') {
                Object.keys(value).forEach(function (k) { walk(value[k]); });
            }
        };
        walk(obj && typeof obj.toJSON === 'function' ? obj.toJSON() : obj);
        return names;
    }

    // ---- Property, Description ----------------------------------------------------------

    /** Free text with its format (`text/plain`, `text/markdown`, …). */
    function Description(definition, type) {
        if (typeof definition === 'string') { definition = { content: definition, type: type }; }
        definition = definition || {};
        this.content = definition.content;
        this.type = definition.type || 'text/plain';
    }
    Description.prototype.toString = function () { return this.content === undefined ? '' : String(this.content); };
    Description.prototype.toJSON = function () { return { content: this.content, type: this.type }; };
    Description.isDescription = function (o) { return o instanceof Description; };

    /** What collections, items, variables and scopes share: id, name, disabled, description. */
    function Property(definition) {
        definition = definition || {};
        if (definition.id !== undefined) { this.id = definition.id; }
        if (definition.name !== undefined) { this.name = definition.name; }
        if (definition.disabled !== undefined) { this.disabled = definition.disabled; }
        if (definition.description !== undefined) { this.describe(definition.description); }
    }
    Property.prototype.describe = function (content, type) {
        this.description = content instanceof Description ? content : new Description(content, type);
    };
    Property.prototype.toJSON = function () {
        var out = {};
        var self = this;
        Object.keys(self).forEach(function (k) {
            var v = self[k];
            if (v === undefined || typeof v === 'function' || k.charAt(0) === '_') { return; }
            out[k] = v && typeof v.toJSON === 'function' ? v.toJSON() : v;
        });
        return out;
    };
    Property.prototype.toObjectResolved = function (scope, overrides) {
        var variables = scope && scope.variables ? [scope.variables] : [];
        return replaceSubstitutionsIn(this.toJSON(), variables.concat(overrides || []));
    };
    Property.prototype.findSubstitutions = function () { return findSubstitutions(this.toJSON()); };
    Property.replaceSubstitutions = replaceSubstitutions;
    Property.replaceSubstitutionsIn = replaceSubstitutionsIn;
    Property.findSubstitutions = findSubstitutions;

    // ---- VariableList, VariableScope ----------------------------------------------------

    /** A list of `Variable`s indexed by key. */
    function VariableList(parent, populate) { PropertyList.call(this, Variable, parent, populate || []); }
    extend(VariableList, PropertyList, {
        replace: function (text, overrides) { return replaceSubstitutions(text, [this, overrides]); },
        substitute: function (obj, overrides) {
            return replaceSubstitutionsIn(obj, [this].concat(overrides || []));
        },
        /** The last enabled variable named `name` (or the indexed one). */
        oneNormalizedVariable: function (name) {
            var variable = this.reference[name];
            if (variable && !variable.disabled) { return variable; }
            for (var i = this.members.length - 1; i >= 0; i--) {
                if (this.members[i].key === name && !this.members[i].disabled) {
                    this.reference[name] = this.members[i];
                    break;
                }
            }
            return this.reference[name];
        },
        syncFromObject: function (obj, track, prune) {
            var list = this;
            var ops = track ? { created: [], updated: [], deleted: [] } : undefined;
            if (!obj || typeof obj !== 'object') { return ops; }
            Object.keys(obj).forEach(function (key) {
                if (list.has(key)) {
                    list.one(key).set(obj[key]);
                    if (ops) { ops.updated.push(key); }
                }
                else {
                    list.add({ key: key, value: obj[key] });
                    if (ops) { ops.created.push(key); }
                }
            });
            if (prune !== false) {
                list.members.slice().forEach(function (v) {
                    if (hasOwn(obj, v.key)) { return; }
                    list.remove(v.key);
                    if (ops) { ops.deleted.push(v.key); }
                });
            }
            return ops;
        },
        syncToObject: function (obj) {
            var list = this;
            if (!obj || typeof obj !== 'object') { obj = {}; }
            Object.keys(obj).forEach(function (k) { if (!hasOwn(list.reference, k)) { delete obj[k]; } });
            list.members.forEach(function (v) { obj[v.key] = v.valueOf(); });
            return obj;
        }
    });
    VariableList.isVariableList = function (o) { return o instanceof VariableList; };

    /** Variables with optional parent layers that lookups fall back to. */
    function VariableScope(definition, layers) {
        if (Array.isArray(definition) || definition instanceof VariableList) { definition = { values: definition }; }
        Property.call(this, definition);
        if (this.id === undefined) { this.id = N.dynamicValue('$guid'); }
        var values = definition && definition.values;
        this.values = new VariableList(this, values instanceof VariableList ? values.toJSON() : values);
        Object.defineProperty(this, '_layers', { value: [], writable: true, enumerable: false });
        (Array.isArray(layers) ? layers : layers ? [layers] : []).forEach(this.addLayer, this);
    }
    extend(VariableScope, Property, {
        addLayer: function (list) { if (list instanceof VariableList) { this._layers.push(list); } },
        _find: function (key) {
            var variable = this.values.oneNormalizedVariable(key);
            for (var i = 0; (!variable || variable.disabled === true) && i < this._layers.length; i++) {
                variable = this._layers[i].oneNormalizedVariable(key);
            }
            return variable && variable.disabled !== true ? variable : undefined;
        },
        has: function (key) { return Boolean(this._find(key)); },
        get: function (key) {
            var variable = this._find(key);
            return variable ? variable.valueOf() : undefined;
        },
        set: function (key, value, type) {
            var variable = this.values.oneNormalizedVariable(key);
            var update = { key: key, value: value };
            if (typeof type === 'string') { update.type = type; }
            if (variable && !variable.disabled) { variable.update(update); }
            else { this.values.add(update); }
        },
        unset: function (key) {
            var kept;
            this.values.remove(function (v) {
                if (v.key !== key) { return false; }
                if (v.disabled) { kept = v; return false; }
                return true;
            });
            if (kept) { this.values.reference[key] = kept; }
        },
        clear: function () { this.values.clear(); },
        toObject: function (excludeDisabled, caseSensitive) {
            var merged = {};
            for (var i = this._layers.length - 1; i >= 0; i--) {
                Object.assign(merged, this._layers[i].toObject(excludeDisabled, caseSensitive));
            }
            return Object.assign(merged, this.values.toObject(excludeDisabled, caseSensitive));
        },
        replaceIn: function (template) {
            var sources = [this.values].concat(this._layers);
            if (typeof template === 'string' || Array.isArray(template)) {
                return replaceSubstitutionsIn({ template: template }, sources).template;
            }
            return template && typeof template === 'object' ? replaceSubstitutionsIn(template, sources) : template;
        },
        syncVariablesFrom: function (obj, track, prune) { return this.values.syncFromObject(obj, track, prune); },
        syncVariablesTo: function (obj) { return this.values.syncToObject(obj); },
        toJSON: function () {
            var out = Property.prototype.toJSON.call(this);
            out.values = this.values.toJSON();
            return out;
        }
    });
    VariableScope.isVariableScope = function (o) { return o instanceof VariableScope; };

    // ---- Script, Event ------------------------------------------------------------------

    /** A script: `exec` lines (or `src`) and its `type`. */
    function Script(definition) {
        Property.call(this, definition);
        this.update(definition);
    }
    extend(Script, Property, {
        update: function (o) {
            if (typeof o === 'string' || Array.isArray(o)) { o = { exec: o }; }
            o = o || {};
            this.type = o.type || 'text/javascript';
            this.src = o.src;
            this.exec = typeof o.exec === 'string' ? o.exec.split(/\r?\n/) : Array.isArray(o.exec) ? o.exec.slice() : undefined;
        },
        toSource: function () { return this.exec ? this.exec.join('\n') : undefined; }
    });
    Script.isScript = function (o) { return o instanceof Script; };

    /** `{listen, script}`: a script and the event it runs on (`prerequest`, `test`). */
    function Event(definition) {
        definition = definition || {};
        Property.call(this, definition);
        this.listen = definition.listen;
        this.script = definition.script instanceof Script ? definition.script : new Script(definition.script);
    }
    extend(Event, Property, {
        update: function (o) {
            if (o && o.script) { this.script = o.script instanceof Script ? o.script : new Script(o.script); }
        }
    });
    Event.indexKey = 'listen';
    Event.multiple = true;

    function EventList(parent, events) { PropertyList.call(this, Event, parent, events || []); }
    extend(EventList, PropertyList, {
        listeners: function (name) { return this.members.filter(function (e) { return e.listen === name; }); }
    });

    // ---- Item, ItemGroup, Collection ----------------------------------------------------

    function isGroup(definition) { return Boolean(definition) && Array.isArray(definition.item); }

    /** A request with its scripts and saved responses. */
    function Item(definition) {
        definition = definition || {};
        Property.call(this, definition);
        this.request = new C.Request(definition.request || {});
        this.responses = (definition.response || []).map(function (r) { return new C.Response(r); });
        this.events = new EventList(this, definition.event);
        if (definition.protocolProfileBehavior !== undefined) {
            this.protocolProfileBehavior = definition.protocolProfileBehavior;
        }
    }
    extend(Item, Property, {
        getEvents: function (name) { return name ? this.events.listeners(name) : this.events.all(); },
        toJSON: function () {
            var out = Property.prototype.toJSON.call(this);
            out.request = this.request.toJSON();
            out.response = this.responses.map(function (r) { return r.toJSON(); });
            out.event = this.events.toJSON();
            delete out.responses;
            delete out.events;
            return out;
        }
    });
    Item.isItem = function (o) { return o instanceof Item; };

    /** A folder: items and folders, with its own scripts and auth. */
    function ItemGroup(definition) {
        definition = definition || {};
        Property.call(this, definition);
        this.items = new PropertyList(ItemOrGroup, this, definition.item || []);
        this.events = new EventList(this, definition.event);
        if (definition.auth) { this.auth = new C.RequestAuth(definition.auth); }
    }
    extend(ItemGroup, Property, {
        /** Calls `fn` on every item, depth first. */
        forEachItem: function (fn) {
            this.items.each(function (entry) {
                if (entry instanceof ItemGroup) { entry.forEachItem(fn); }
                else { fn(entry); }
            });
        },
        forEachItemGroup: function (fn) {
            this.items.each(function (entry) {
                if (entry instanceof ItemGroup) {
                    fn(entry);
                    entry.forEachItemGroup(fn);
                }
            });
        },
        /** The first item or folder, at any depth, whose id or name is `idOrName`. */
        oneDeep: function (idOrName) {
            var found;
            this.items.each(function (entry) {
                if (found) { return; }
                if (entry.id === idOrName || entry.name === idOrName) { found = entry; }
                else if (entry instanceof ItemGroup) { found = entry.oneDeep(idOrName); }
            });
            return found;
        },
        toJSON: function () {
            var out = Property.prototype.toJSON.call(this);
            out.item = this.items.toJSON();
            out.event = this.events.toJSON();
            delete out.items;
            delete out.events;
            return out;
        }
    });
    ItemGroup.isItemGroup = function (o) { return o instanceof ItemGroup; };

    // The entries of a folder: a folder when it has `item`, else an item.
    function ItemOrGroup(definition) {
        return isGroup(definition) ? new ItemGroup(definition) : new Item(definition);
    }
    ItemOrGroup.indexKey = 'id';
    ItemOrGroup.create = function (definition) {
        if (definition instanceof Item || definition instanceof ItemGroup) { return definition; }
        return ItemOrGroup(definition);
    };

    /** A collection: its `info`, items, variables, scripts and auth. */
    function Collection(definition) {
        definition = definition || {};
        var info = definition.info || {};
        ItemGroup.call(this, {
            id: info._postman_id || info.id || definition.id,
            name: info.name || definition.name,
            description: info.description,
            item: definition.item,
            event: definition.event,
            auth: definition.auth
        });
        this.variables = new VariableList(this, definition.variable || []);
        this.schema = info.schema;
    }
    extend(Collection, ItemGroup, {
        toJSON: function () {
            var group = ItemGroup.prototype.toJSON.call(this);
            var info = { _postman_id: this.id, name: this.name };
            if (this.description) { info.description = this.description.toJSON(); }
            if (this.schema) { info.schema = this.schema; }
            var out = { info: info, item: group.item, event: group.event, variable: this.variables.toJSON() };
            if (this.auth) { out.auth = this.auth.toJSON(); }
            return out;
        }
    });
    Collection.isCollection = function (o) { return o instanceof Collection; };

    function HeaderList(parent, headers) { PropertyList.call(this, C.Header, parent, headers || []); }
    extend(HeaderList, PropertyList);

    C.postmanCollection = {
        Collection: Collection,
        Cookie: C.Cookie,
        CookieList: C.CookieList,
        Description: Description,
        Event: Event,
        EventList: EventList,
        FormParam: C.FormParam,
        Header: C.Header,
        HeaderList: HeaderList,
        Item: Item,
        ItemGroup: ItemGroup,
        Property: Property,
        PropertyBase: Property,
        PropertyList: PropertyList,
        QueryParam: C.QueryParam,
        Request: C.Request,
        RequestAuth: C.RequestAuth,
        RequestBody: C.RequestBody,
        Response: C.Response,
        Script: Script,
        Url: C.Url,
        Variable: Variable,
        VariableList: VariableList,
        VariableScope: VariableScope
    };
})
