// courier prelude: chai-postman's assertions on `pm.response` / `pm.request`
// (`.to.have.status(200)`, `.to.be.ok`, `.to.have.header(k, v)`,
// `.to.have.jsonBody(path, value)`, `.to.have.responseTime.below(n)`, ...),
// with chai-postman's failure wording.
(function (C) {
    'use strict';

    var flags = C.assertionFlags;
    var check = C.assertionCheck;
    var property = C.defineAssertionProperty;
    var method = C.defineAssertionMethod;
    var chainable = C.defineAssertionChainable;

    function isResponse(o) { return o instanceof C.Response; }
    function isRequest(o) { return o instanceof C.Request; }
    function obj(a) { return flags(a).object; }

    // chai-postman checks its target with chai before the assertion proper.
    // The check's own assertion is built only when a quick test says it would
    // fail, so a passing assertion stays cheap and a failing one keeps chai's words.
    function requireResponse(a) {
        if (!isResponse(obj(a))) { check(a, obj(a)).to.be.postmanResponse; }
    }
    function requireNumber(a, value) {
        if (typeof value !== 'number') { check(a, value).to.be.a('number'); }
    }

    function mustBeResponse(a) {
        requireResponse(a);
        if (!('code' in obj(a))) { check(a, obj(a)).to.have.property('code'); }
        requireNumber(a, obj(a).code);
    }

    property('postmanRequest', function () {
        this.assert(isRequest(obj(this)), 'expecting a postman request object but got #{this}',
            'not expecting a postman request object');
    });
    property('postmanResponse', function () {
        this.assert(isResponse(obj(this)), 'expecting a postman response object but got #{this}',
            'not expecting a postman response object');
    });
    property('postmanRequestOrResponse', function () {
        this.assert(isResponse(obj(this)) || isRequest(obj(this)),
            'expecting a postman request or response object but got #{this}',
            'not expecting a postman request or response object');
    });

    function classCheck(classCode) {
        return function () {
            mustBeResponse(this);
            this.assert(Math.floor(obj(this).code / 100) === classCode,
                'expected response code to be #{exp}XX but found #{act}', 'expected response code to not be #{exp}XX',
                classCode, obj(this).code);
        };
    }
    method('statusCodeClass', function (classCode) { classCheck(classCode).call(this); });
    var classes = { info: 1, success: 2, redirection: 3, clientError: 4, serverError: 5 };
    Object.keys(classes).forEach(function (name) { property(name, classCheck(classes[name])); });

    property('error', function () {
        mustBeResponse(this);
        var cls = Math.floor(obj(this).code / 100);
        this.assert(cls === 4 || cls === 5, 'expected response code to be 4XX or 5XX but found #{act}',
            'expected response code to not be 4XX or 5XX', null, obj(this).code);
    });

    method('statusCode', function (code) {
        mustBeResponse(this);
        this.assert(obj(this).code === Number(code), 'expected response to have status code #{exp} but got #{act}',
            'expected response to not have status code #{act}', Number(code), obj(this).code);
    }, true);

    method('statusReason', function (reason) {
        requireResponse(this);
        reason = String(reason);
        this.assert(obj(this).reason() === reason, 'expected response to have status reason #{exp} but got #{act}',
            'expected response to not have status reason #{act}', reason, obj(this).reason());
    });

    function reasonAndCode(a, name, code) {
        var wanted = name.toUpperCase();
        var actualReason = String(obj(a).reason()).toUpperCase();
        var actualCode = Number(obj(a).details().code);
        a.assert(actualReason === wanted, 'expected response to have status reason #{exp} but got #{act}',
            'expected response to not have status reason #{act}', wanted, actualReason);
        a.assert(actualCode === code, 'expected response to have status code #{exp} but got #{act}',
            'expected response to not have status code #{act}', code, actualCode);
    }

    var reasons = {
        accepted: [202, 'Accepted'],
        withoutContent: [204, 'No Content'],
        badRequest: [400, 'Bad Request'],
        unauthorised: [401, 'Unauthorised'],
        unauthorized: [401, 'Unauthorized'],
        forbidden: [403, 'Forbidden'],
        notFound: [404, 'Not Found'],
        notAcceptable: [406, 'Acceptable'],
        rateLimited: [429, 'Too Many Requests']
    };
    Object.keys(reasons).forEach(function (name) {
        property(name, function () {
            requireResponse(this);
            reasonAndCode(this, reasons[name][1], reasons[name][0]);
        });
    });

    // `ok` is chai's truthiness check unless the target is a response.
    property('ok', function () {
        if (!isResponse(obj(this))) {
            this.assert(obj(this), 'expected #{this} to be truthy', 'expected #{this} to be falsy');
            return;
        }
        reasonAndCode(this, 'OK', 200);
    });

    method('status', function (codeOrReason) {
        requireResponse(this);
        if (typeof codeOrReason === 'number') {
            requireNumber(this, obj(this).code);
            this.assert(obj(this).code === codeOrReason, 'expected response to have status code #{exp} but got #{act}',
                'expected response to not have status code #{act}', codeOrReason, obj(this).code);
        }
        else {
            this.assert(obj(this).reason() === codeOrReason,
                'expected response to have status reason #{exp} but got #{act}',
                'expected response to not have status reason #{act}', codeOrReason, obj(this).reason());
        }
    }, true);

    method('header', function (key, value) {
        if (!isResponse(obj(this)) && !isRequest(obj(this))) { check(this, obj(this)).to.be.postmanRequestOrResponse; }
        var target = obj(this);
        var what = isRequest(target) ? 'request' : 'response';
        var has = target.headers.has(key);
        this.assert(has, "expected " + what + " to have header with key '" + String(key) + "'",
            "expected " + what + " to not have header with key '" + String(key) + "'", true, has);
        if (arguments.length < 2) { return; }
        var actual = target.headers.one(key).value;
        this.assert(actual === value, "expected '" + String(key) + "' " + what + ' header to be #{exp} but got #{act}',
            "expected '" + String(key) + "' " + what + ' header to not be #{act}', value, actual);
    });

    property('withBody', function () {
        requireResponse(this);
        var text = obj(this).text();
        this.assert(typeof text === 'string' && text.length, 'expected response to have content in body',
            'expected response to not have content in body');
    });

    function parseError(response) {
        try {
            response.json();
            return undefined;
        }
        catch (e) {
            return e.name === 'JSONError' && e.message ? String(e.message).split('\n')[0] : e.name + ': ' + e.message;
        }
    }

    property('json', function () {
        requireResponse(this);
        var err = parseError(obj(this));
        this.assert(!err, 'expected response body to be a valid json but got error ' + err,
            'expected response body not to be a valid json');
    });

    method('body', function (content) {
        requireResponse(this);
        var response = obj(this);
        var data;
        if (C.isPlainObject(content)) {
            try { data = response.json(); }
            catch (e) { data = undefined; }
            this.assert(C.lodash.isEqual(data, content), 'expected response body json to equal #{exp} but got #{act}',
                'expected response body json to not equal #{exp} but got #{act}', content, data);
            return;
        }
        data = response.text();
        if (arguments.length === 0) {
            this.assert(typeof data === 'string' && data.length, 'expected response to have content in body',
                'expected response to not have content in body');
            return;
        }
        if (content instanceof RegExp) {
            this.assert(content.exec(data) !== null, 'expected response body text to match #{exp} but got #{act}',
                'expected response body text #{act} to not match #{exp}', content, data);
            return;
        }
        this.assert(C.lodash.isEqual(data, content), 'expected response body to equal #{exp} but got #{act}',
            'expected response body to not equal #{exp}', content, data);
    });

    method('jsonBody', function (path, value) {
        requireResponse(this);
        var body;
        var err;
        try { body = obj(this).json(); }
        catch (e) { err = parseError(obj(this)); }
        if (arguments.length === 0) {
            this.assert(!err, 'expected response body to be a valid json but got error ' + err,
                'expected response body not to be a valid json');
            return;
        }
        if (typeof path === 'string') {
            this.assert(C.lodash.has(body, path), 'expected #{act} in response to contain property #{exp}',
                'expected #{act} in response to not contain property #{exp}', path, body);
            if (arguments.length > 1) {
                var at = C.lodash.get(body, path);
                this.assert(C.lodash.isEqual(at, value),
                    'expected response body json at "' + path + '" to contain #{exp} but got #{act}',
                    'expected response body json at "' + path + '" to not contain #{exp} but got #{act}', value, at);
            }
        }
    });

    chainable('responseTime', function (value) {
        var time = flags(this).number;
        this.assert(typeof time === 'number', 'expected response to have a valid response time but got #{act}',
            'expected response to not have a valid response time but got #{act}', null, time);
        if (arguments.length) {
            this.assert(C.lodash.isEqual(time, value), 'expected response to have a valid response time but got #{act}',
                'expected response to not have a valid response time but got #{act}', null, time);
        }
    }, function () {
        requireResponse(this);
        check(this, obj(this)).to.have.property('responseTime');
        flags(this).number = obj(this).responseTime;
        flags(this).object = obj(this).responseTime;
    });

    chainable('responseSize', function (value) {
        var size = flags(this).number;
        this.assert(typeof size === 'number', 'expected response to have a valid response size but got #{act}',
            'expected response to not have a valid response size but got #{act}', null, size);
        if (arguments.length) {
            this.assert(C.lodash.isEqual(size, value), 'expected response size to equal #{act} but got #{exp}',
                'expected response size to not equal #{act} but got #{exp}', value, size);
        }
    }, function () {
        requireResponse(this);
        var size = obj(this).size();
        var total = (size.header || 0) + (size.body || 0);
        flags(this).number = total;
        flags(this).object = total;
    });

    method('jsonSchema', function (schema, options) {
        check(this, schema).to.be.an('object');
        var target = obj(this);
        var data = isResponse(target) || (isRequest(target) && typeof target.json === 'function') ? target.json() : target;
        var errors = C.validateSchema(schema, data, options);
        this.assert(errors.length === 0,
            'expected data to satisfy schema but found following errors: \n' + C.schemaErrorsText(errors),
            'expected data to not satisfy schema', true, errors.length === 0);
    });
})
