// courier prelude: JSON Schema validation (the draft-04 to 2020-12 keywords
// collections use), behind `pm.response.to.have.jsonSchema(...)`,
// `require('ajv')` (Ajv-style error messages) and `tv4` (tv4-style ones).
(function (C) {
    'use strict';

    var hasOwn = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };

    function typeMatches(type, value) {
        switch (type) {
        case 'null': return value === null;
        case 'boolean': return typeof value === 'boolean';
        case 'string': return typeof value === 'string';
        case 'number': return typeof value === 'number' && isFinite(value);
        case 'integer': return typeof value === 'number' && Number.isInteger(value);
        case 'array': return Array.isArray(value);
        case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
        case 'any': return true;
        default: return true;
        }
    }

    function jsonType(value) {
        if (value === null) { return 'null'; }
        if (Array.isArray(value)) { return 'array'; }
        if (typeof value === 'number' && Number.isInteger(value)) { return 'integer'; }
        return typeof value;
    }

    var FORMATS = {
        'date-time': /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:?\d\d)$/,
        'date': /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
        'time': /^\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:?\d\d)?$/,
        'email': /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
        'uri': /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/,
        'uri-reference': /^[^\s]*$/,
        'uuid': /^(urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
        'ipv4': /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/,
        'ipv6': /^[0-9a-fA-F:.]+$/,
        'hostname': /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/
    };

    function resolveRef(root, ref) {
        if (typeof ref !== 'string' || ref.charAt(0) !== '#') { return undefined; }
        var parts = ref.slice(1).split('/').slice(1).map(function (p) {
            return decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~');
        });
        var node = root;
        for (var i = 0; i < parts.length; i++) {
            if (node === null || typeof node !== 'object') { return undefined; }
            node = node[parts[i]];
        }
        return node;
    }

    function escapePath(key) { return String(key).replace(/~/g, '~0').replace(/\//g, '~1'); }

    // Validates `data` against `schema`, pushing `{keyword, instancePath, schemaPath, params, message}`.
    function check(schema, data, path, spath, root, errors, formats, depth) {
        if (schema === true || schema === undefined) { return; }
        if (schema === false) {
            errors.push({ keyword: 'false schema', instancePath: path, schemaPath: spath, params: {},
                message: 'boolean schema is false' });
            return;
        }
        if (depth > 64) { return; }
        var add = function (keyword, params, message) {
            errors.push({ keyword: keyword, instancePath: path, schemaPath: spath + '/' + keyword, params: params,
                message: message });
        };
        if (schema.$ref !== undefined) {
            var target = resolveRef(root, schema.$ref);
            // Ajv 6 names a local reference's errors by the path it points at.
            var refPath = /^#(\/|$)/.test(schema.$ref) ? schema.$ref : spath + '/$ref';
            if (target !== undefined) { check(target, data, path, refPath, root, errors, formats, depth + 1); }
            if (Object.keys(schema).length === 1) { return; }
        }
        if (schema.type !== undefined) {
            var types = Array.isArray(schema.type) ? schema.type : [schema.type];
            if (!types.some(function (t) { return typeMatches(t, data); })) {
                add('type', { type: types.join(',') }, 'must be ' + types.join(','));
                return;
            }
        }
        if (schema.nullable === true && data === null) { return; }
        if (schema.enum !== undefined && !schema.enum.some(function (v) { return C.lodash.isEqual(v, data); })) {
            add('enum', { allowedValues: schema.enum }, 'must be equal to one of the allowed values');
        }
        if (hasOwn(schema, 'const') && !C.lodash.isEqual(schema.const, data)) {
            add('const', { allowedValue: schema.const }, 'must be equal to constant');
        }
        if (typeof data === 'number') { checkNumber(schema, data, add); }
        if (typeof data === 'string') { checkString(schema, data, add, formats); }
        if (Array.isArray(data)) { checkArray(schema, data, path, spath, root, errors, formats, depth, add); }
        else if (data !== null && typeof data === 'object') {
            checkObject(schema, data, path, spath, root, errors, formats, depth, add);
        }
        checkCombinators(schema, data, path, spath, root, errors, formats, depth, add);
    }

    function checkNumber(schema, data, add) {
        var exMin = schema.exclusiveMinimum;
        var exMax = schema.exclusiveMaximum;
        if (schema.minimum !== undefined) {
            if (exMin === true ? data <= schema.minimum : data < schema.minimum) {
                add('minimum', { comparison: exMin === true ? '>' : '>=', limit: schema.minimum, exclusive: exMin === true },
                    'must be ' + (exMin === true ? '>' : '>=') + ' ' + schema.minimum);
            }
        }
        if (schema.maximum !== undefined) {
            if (exMax === true ? data >= schema.maximum : data > schema.maximum) {
                add('maximum', { comparison: exMax === true ? '<' : '<=', limit: schema.maximum, exclusive: exMax === true },
                    'must be ' + (exMax === true ? '<' : '<=') + ' ' + schema.maximum);
            }
        }
        if (typeof exMin === 'number' && data <= exMin) {
            add('exclusiveMinimum', { comparison: '>', limit: exMin }, 'must be > ' + exMin);
        }
        if (typeof exMax === 'number' && data >= exMax) {
            add('exclusiveMaximum', { comparison: '<', limit: exMax }, 'must be < ' + exMax);
        }
        if (schema.multipleOf !== undefined) {
            var q = data / schema.multipleOf;
            if (Math.abs(q - Math.round(q)) > 1e-9) {
                add('multipleOf', { multipleOf: schema.multipleOf }, 'must be multiple of ' + schema.multipleOf);
            }
        }
    }

    function checkString(schema, data, add, formats) {
        var length = Array.from(data).length;
        if (schema.minLength !== undefined && length < schema.minLength) {
            add('minLength', { limit: schema.minLength }, 'must NOT have fewer than ' + schema.minLength + ' characters');
        }
        if (schema.maxLength !== undefined && length > schema.maxLength) {
            add('maxLength', { limit: schema.maxLength }, 'must NOT have more than ' + schema.maxLength + ' characters');
        }
        if (schema.pattern !== undefined) {
            var re;
            try { re = new RegExp(schema.pattern, 'u'); }
            catch (e) { re = new RegExp(schema.pattern); }
            if (!re.test(data)) { add('pattern', { pattern: schema.pattern }, 'must match pattern "' + schema.pattern + '"'); }
        }
        if (schema.format !== undefined) {
            var f = formats[schema.format] || FORMATS[schema.format];
            var ok = !f || (typeof f === 'function' ? f(data) : f.test(data));
            if (ok && (schema.format === 'date-time' || schema.format === 'date')) { ok = !isNaN(Date.parse(data)); }
            if (!ok) { add('format', { format: schema.format }, 'must match format "' + schema.format + '"'); }
        }
    }

    function checkArray(schema, data, path, spath, root, errors, formats, depth, add) {
        if (schema.minItems !== undefined && data.length < schema.minItems) {
            add('minItems', { limit: schema.minItems }, 'must NOT have fewer than ' + schema.minItems + ' items');
        }
        if (schema.maxItems !== undefined && data.length > schema.maxItems) {
            add('maxItems', { limit: schema.maxItems }, 'must NOT have more than ' + schema.maxItems + ' items');
        }
        if (schema.uniqueItems === true) {
            outer: for (var i = data.length - 1; i > 0; i--) {
                for (var j = i - 1; j >= 0; j--) {
                    if (C.lodash.isEqual(data[i], data[j])) {
                        add('uniqueItems', { i: j, j: i },
                            'must NOT have duplicate items (items ## ' + i + ' and ' + j + ' are identical)');
                        break outer;
                    }
                }
            }
        }
        var tuple = Array.isArray(schema.items) ? schema.items : schema.prefixItems;
        if (Array.isArray(tuple)) {
            tuple.forEach(function (s, i) {
                if (i < data.length) { check(s, data[i], path + '/' + i, spath + '/items/' + i, root, errors, formats, depth + 1); }
            });
            var rest = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
            if (rest !== undefined) {
                for (var k = tuple.length; k < data.length; k++) {
                    if (rest === false) {
                        add('additionalItems', { limit: tuple.length }, 'must NOT have more than ' + tuple.length + ' items');
                        break;
                    }
                    check(rest, data[k], path + '/' + k, spath + '/additionalItems', root, errors, formats, depth + 1);
                }
            }
        }
        else if (schema.items !== undefined) {
            data.forEach(function (item, i) {
                check(schema.items, item, path + '/' + i, spath + '/items', root, errors, formats, depth + 1);
            });
        }
        if (schema.contains !== undefined) {
            // Ajv 6 reports each item's errors, then the `contains` one.
            var itemErrors = [];
            var found = data.some(function (item, i) {
                var sub = [];
                check(schema.contains, item, path + '/' + i, spath + '/contains', root, sub, formats, depth + 1);
                itemErrors = itemErrors.concat(sub);
                return sub.length === 0;
            });
            if (!found) {
                itemErrors.forEach(function (e) { errors.push(e); });
                add('contains', {}, 'must contain at least 1 valid item(s)');
            }
        }
    }

    // Ajv 6's order: max/minProperties, `required` (of properties without a schema),
    // additionalProperties, then `properties` in the schema's order (a missing
    // required one reported there), then patternProperties.
    function checkObject(schema, data, path, spath, root, errors, formats, depth, add) {
        var keys = Object.keys(data);
        if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) {
            add('maxProperties', { limit: schema.maxProperties },
                'must NOT have more than ' + schema.maxProperties + ' properties');
        }
        if (schema.minProperties !== undefined && keys.length < schema.minProperties) {
            add('minProperties', { limit: schema.minProperties },
                'must NOT have fewer than ' + schema.minProperties + ' properties');
        }
        var props = schema.properties || {};
        var patterns = schema.patternProperties || {};
        var missing = function (name) { return !hasOwn(data, name) || data[name] === undefined; };
        var hasRules = function (name) {
            var sub = props[name];
            return hasOwn(props, name) && (sub === false || (sub && typeof sub === 'object' && Object.keys(sub).length > 0));
        };
        var required = schema.required || [];
        var requiredError = function (name) {
            add('required', { missingProperty: name }, "must have required property '" + name + "'");
        };
        required.forEach(function (name) {
            if (!hasRules(name) && missing(name)) { requiredError(name); }
        });
        keys.forEach(function (key) {
            var known = hasOwn(props, key) || Object.keys(patterns).some(function (p) { return new RegExp(p).test(key); });
            if (!known && schema.additionalProperties !== undefined) {
                if (schema.additionalProperties === false) {
                    add('additionalProperties', { additionalProperty: key }, 'must NOT have additional properties');
                }
                else {
                    check(schema.additionalProperties, data[key], path + '/' + escapePath(key),
                        spath + '/additionalProperties', root, errors, formats, depth + 1);
                }
            }
        });
        Object.keys(props).forEach(function (key) {
            if (hasOwn(data, key)) {
                check(props[key], data[key], path + '/' + escapePath(key), spath + '/properties/' + escapePath(key), root,
                    errors, formats, depth + 1);
            }
            else if (hasRules(key) && required.indexOf(key) !== -1) { requiredError(key); }
        });
        Object.keys(patterns).forEach(function (p) {
            keys.forEach(function (key) {
                if (new RegExp(p).test(key)) {
                    check(patterns[p], data[key], path + '/' + escapePath(key), spath + '/patternProperties/' + p, root,
                        errors, formats, depth + 1);
                }
            });
        });
        if (schema.propertyNames !== undefined) {
            keys.forEach(function (key) {
                check(schema.propertyNames, key, path, spath + '/propertyNames', root, errors, formats, depth + 1);
            });
        }
        var deps = schema.dependentRequired || schema.dependencies || {};
        Object.keys(deps).forEach(function (key) {
            if (!hasOwn(data, key)) { return; }
            if (Array.isArray(deps[key])) {
                deps[key].forEach(function (needed) {
                    if (!hasOwn(data, needed)) {
                        add('dependencies', { property: key, missingProperty: needed },
                            'must have property ' + needed + ' when property ' + key + ' is present');
                    }
                });
            }
            else {
                check(deps[key], data, path, spath + '/dependencies/' + key, root, errors, formats, depth + 1);
            }
        });
    }

    function checkCombinators(schema, data, path, spath, root, errors, formats, depth, add) {
        var passes = function (s, at) {
            var sub = [];
            check(s, data, path, at, root, sub, formats, depth + 1);
            return sub;
        };
        if (Array.isArray(schema.allOf)) {
            schema.allOf.forEach(function (s, i) {
                passes(s, spath + '/allOf/' + i).forEach(function (e) { errors.push(e); });
            });
        }
        if (Array.isArray(schema.anyOf)) {
            var anyErrors = [];
            var any = schema.anyOf.some(function (s, i) {
                var sub = passes(s, spath + '/anyOf/' + i);
                anyErrors = anyErrors.concat(sub);
                return sub.length === 0;
            });
            if (!any) {
                anyErrors.forEach(function (e) { errors.push(e); });
                add('anyOf', {}, 'must match a schema in anyOf');
            }
        }
        if (Array.isArray(schema.oneOf)) {
            var matching = schema.oneOf.filter(function (s, i) { return passes(s, spath + '/oneOf/' + i).length === 0; });
            if (matching.length !== 1) {
                add('oneOf', { passingSchemas: null }, 'must match exactly one schema in oneOf');
            }
        }
        if (schema.not !== undefined && passes(schema.not, spath + '/not').length === 0) {
            add('not', {}, 'must NOT be valid');
        }
        if (schema.if !== undefined) {
            var branch = passes(schema.if, spath + '/if').length === 0 ? 'then' : 'else';
            if (schema[branch] !== undefined) {
                var sub = passes(schema[branch], spath + '/' + branch);
                if (sub.length) {
                    sub.forEach(function (e) { errors.push(e); });
                    add('if', { failingKeyword: branch }, 'must match "' + branch + '" schema');
                }
            }
        }
    }

    /**
     * Ajv 6's `dataPath` of a JSON pointer into `data`: `.name` for identifiers,
     * `[0]` for array indexes, `['a-b']` for other keys.
     */
    function jsPath(data, pointer) {
        var out = '';
        var value = data;
        pointer.split('/').slice(1).forEach(function (raw) {
            var key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
            if (Array.isArray(value) && /^\d+$/.test(key)) { out += '[' + key + ']'; }
            else if (/^[a-z$_][a-z$_0-9]*$/i.test(key)) { out += '.' + key; }
            else { out += "['" + key.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "']"; }
            value = value !== null && typeof value === 'object' ? value[key] : undefined;
        });
        return out;
    }

    // Ajv 6 (the version Newman's sandbox bundles) words its messages with "should".
    var AJV6_WORDING = [
        [/^must NOT have fewer than (\S+) characters$/, 'should NOT be shorter than $1 characters'],
        [/^must NOT have more than (\S+) characters$/, 'should NOT be longer than $1 characters'],
        [/^must match a schema in anyOf$/, 'should match some schema in anyOf'],
        [/^must contain at least 1 valid item\(s\)$/, 'should contain a valid item'],
        [/^must/, 'should']
    ];

    /** An error as Ajv 6 reports it: `{keyword, dataPath, schemaPath, params, message}`. */
    function ajv6Error(e) {
        if (e.dataPath !== undefined && e.instancePath === undefined) { return e; }
        var message = e.message;
        for (var i = 0; i < AJV6_WORDING.length; i++) {
            if (AJV6_WORDING[i][0].test(message)) { message = message.replace(AJV6_WORDING[i][0], AJV6_WORDING[i][1]); break; }
        }
        return { keyword: e.keyword, dataPath: e.dataPath, schemaPath: e.schemaPath, params: e.params, message: message };
    }

    /** All errors of `data` against `schema` (empty when valid). */
    function validateSchema(schema, data, options) {
        var errors = [];
        check(schema, data, '', '#', schema, errors, (options && options.formats) || {}, 0);
        errors.forEach(function (e) { e.dataPath = jsPath(data, e.instancePath); });
        return errors;
    }

    function errorsText(errors, options) {
        if (!errors || !errors.length) { return 'No errors'; }
        var dataVar = options && options.dataVar !== undefined ? options.dataVar : 'data';
        var sep = options && options.separator !== undefined ? options.separator : ', ';
        return errors.map(ajv6Error).map(function (e) { return dataVar + e.dataPath + ' ' + e.message; }).join(sep);
    }

    // ---- Ajv ---------------------------------------------------------------------------

    /** `new Ajv(options)`: `validate`, `compile`, `errors`, `errorsText`, `addSchema`, `addFormat`. */
    function Ajv(options) {
        if (!(this instanceof Ajv)) { return new Ajv(options); }
        this.opts = options || {};
        this.errors = null;
        this._schemas = {};
        this._formats = {};
    }
    Ajv.prototype.compile = function (schema) {
        var self = this;
        var validate = function (data) {
            var errors = validateSchema(schema, data, { formats: self._formats });
            if (!self.opts.allErrors) { errors = errors.slice(0, 1); }
            validate.errors = errors.length ? errors.map(ajv6Error) : null;
            return errors.length === 0;
        };
        validate.schema = schema;
        validate.errors = null;
        return validate;
    };
    Ajv.prototype.validate = function (schema, data) {
        if (typeof schema === 'string') { schema = this._schemas[schema]; }
        var validate = this.compile(schema);
        var ok = validate(data);
        this.errors = validate.errors;
        return ok;
    };
    Ajv.prototype.addSchema = function (schema, key) {
        this._schemas[key || schema.$id || schema.id] = schema;
        return this;
    };
    Ajv.prototype.getSchema = function (key) {
        return this._schemas[key] ? this.compile(this._schemas[key]) : undefined;
    };
    Ajv.prototype.addFormat = function (name, format) {
        this._formats[name] = format && format.validate ? format.validate : format;
        return this;
    };
    Ajv.prototype.addKeyword = function () { return this; };
    Ajv.prototype.addMetaSchema = function () { return this; };
    Ajv.prototype.errorsText = function (errors, options) {
        return errorsText(errors === undefined ? this.errors : errors, options);
    };
    Ajv.default = Ajv;

    // ---- tv4 ---------------------------------------------------------------------------

    function tv4Error(e, data) {
        var p = e.params || {};
        var message;
        switch (e.keyword) {
        case 'type': message = 'Invalid type: ' + jsonType(C.pathInfo(data, e.instancePath.split('/').slice(1).join('.')).value) +
            ' (expected ' + p.type.split(',').join('/') + ')'; break;
        case 'required': message = 'Missing required property: ' + p.missingProperty; break;
        case 'enum': message = 'No enum match for: ' + JSON.stringify(C.pathInfo(data, e.instancePath.split('/').slice(1).join('.')).value); break;
        case 'additionalProperties': message = 'Additional properties not allowed'; break;
        case 'minimum': case 'exclusiveMinimum':
            message = 'Value is less than minimum ' + p.limit; break;
        case 'maximum': case 'exclusiveMaximum':
            message = 'Value is greater than maximum ' + p.limit; break;
        case 'minLength': message = 'String is too short, minimum ' + p.limit; break;
        case 'maxLength': message = 'String is too long, maximum ' + p.limit; break;
        case 'pattern': message = 'String does not match pattern: ' + p.pattern; break;
        case 'minItems': message = 'Array is too short, minimum ' + p.limit; break;
        case 'maxItems': message = 'Array is too long, maximum ' + p.limit; break;
        case 'anyOf': message = 'Data does not match any schemas from "anyOf"'; break;
        case 'oneOf': message = 'Data does not match exactly one schema from "oneOf"'; break;
        case 'not': message = 'Data matches schema from "not"'; break;
        default: message = e.message;
        }
        return { message: message, dataPath: e.instancePath, schemaPath: e.schemaPath.replace(/^#/, ''),
            params: p, code: 0 };
    }

    var tv4 = {
        error: null,
        missing: [],
        validate: function (data, schema) {
            var errors = validateSchema(schema, data);
            tv4.error = errors.length ? tv4Error(errors[0], data) : null;
            return errors.length === 0;
        },
        validateResult: function (data, schema) {
            var ok = tv4.validate(data, schema);
            return { valid: ok, error: tv4.error, missing: [] };
        },
        validateMultiple: function (data, schema) {
            var errors = validateSchema(schema, data);
            return { valid: errors.length === 0, errors: errors.map(function (e) { return tv4Error(e, data); }), missing: [] };
        },
        addSchema: function () {},
        addFormat: function () {}
    };

    C.validateSchema = validateSchema;
    C.schemaErrorsText = function (errors) { return errorsText(errors); };
    C.Ajv = Ajv;
    C.tv4 = tv4;
})
