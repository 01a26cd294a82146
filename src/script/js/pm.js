// courier prelude: the `pm` object, legacy globals, console, timers,
// `pm.sendRequest`, `require`, and the internal API the Rust engine drives
// (`begin`, `start`, `deliver`, `fire`, `failed`, `unhandled`, `finish`).
//
// One context serves a whole run, as Postman's sandbox does: each script
// runs inside its own async function (so its `var`s stay local), and the
// per-script globals below are set again before every script.
(function (C) {
    'use strict';

    var N = C.native;
    var G = globalThis;
    var exec = null;
    // Thrown to stop a script after `pm.execution.skipRequest()`; never reported.
    var ABORT = { courierAbort: true };

    var RESPONSE_GLOBALS = ['responseBody', 'responseCode', 'responseHeaders', 'responseTime', 'responseCookies'];

    // Defines `obj[name]` to be computed on first read (most scripts never read most of
    // these); a write replaces it with a plain value.
    function lazy(obj, name, make) {
        var settle = function (value) {
            Object.defineProperty(obj, name, { value: value, writable: true, configurable: true, enumerable: true });
            return value;
        };
        Object.defineProperty(obj, name, {
            configurable: true,
            enumerable: true,
            get: function () { return settle(make()); },
            set: settle
        });
    }

    // ---- variable scopes ---------------------------------------------------------------

    function encode(value) {
        if (value === undefined) { return undefined; }
        try {
            var text = JSON.stringify(value);
            return text === undefined ? JSON.stringify(String(value)) : text;
        }
        catch (e) {
            return JSON.stringify(String(value));
        }
    }

    function decode(text) { return text === undefined ? undefined : JSON.parse(text); }

    // `read` is the layer lookups use (`all` for pm.variables), `write` the one changes go to.
    function scope(read, write) {
        var api = {
            get: function (key) { return decode(N.scopeGet(read, String(key))); },
            has: function (key) { return N.scopeHas(read, String(key)); },
            toObject: function () { return JSON.parse(N.scopeObject(read)); },
            replaceIn: function (template) {
                if (typeof template !== 'string') { return template; }
                return N.scopeResolve(read, template);
            }
        };
        if (write) {
            api.set = function (key, value, type) {
                if (key === undefined || key === null) { return; }
                N.scopeSet(write, String(key), encode(value), type === undefined ? undefined : String(type));
            };
            api.unset = function (key) { N.scopeUnset(write, String(key)); };
            api.clear = function () { N.scopeClear(write); };
        }
        api.toJSON = api.toObject;
        return api;
    }

    var scopes = {
        environment: scope('environment', 'environment'),
        globals: scope('globals', 'globals'),
        collectionVariables: scope('collection', 'collection'),
        variables: scope('all', 'local'),
        iterationData: scope('data', null)
    };
    scopes.iterationData.unset = function (key) { N.scopeUnset('data', String(key)); };

    // ---- tests -------------------------------------------------------------------------

    function plain(v) {
        if (v === undefined) { return undefined; }
        if (typeof v === 'string') { return v; }
        try {
            var s = JSON.stringify(v);
            return s === undefined ? String(v) : s;
        }
        catch (e) {
            return String(v);
        }
    }

    /** What a failed test records: chai's message for assertions, `Name: message` otherwise. */
    function failureOf(err) {
        if (err instanceof C.AssertionError) {
            return { message: err.message, expected: plain(err.expected), actual: plain(err.actual) };
        }
        if (err && typeof err === 'object' && 'message' in err) {
            return { message: (err.name ? err.name + ': ' : '') + err.message };
        }
        return { message: String(err) };
    }

    function report(name, error) {
        if (error === undefined) {
            N.report(name, 'passed', undefined, undefined, undefined);
            return;
        }
        var f = failureOf(error);
        N.report(name, 'failed', f.message, f.expected, f.actual);
    }

    function makeTest(pm) {
        var test = function (name, fn) {
            name = String(name);
            if (typeof fn !== 'function') {
                report(name);
                return pm;
            }
            var run = exec;
            if (fn.length) {
                var entry = { name: name, settled: false };
                run.pendingTests.push(entry);
                var settle = function (err) {
                    if (entry.settled) { return; }
                    entry.settled = true;
                    report(name, err ? err : undefined);
                };
                try {
                    fn(function (err) { settle(err || undefined); });
                }
                catch (e) {
                    settle(e === undefined ? new Error('undefined thrown') : e);
                }
                return pm;
            }
            var result;
            try {
                result = fn();
            }
            catch (e) {
                report(name, e === undefined ? new Error('undefined thrown') : e);
                return pm;
            }
            if (result && typeof result.then === 'function') {
                // Newman passes an async test before it settles; courier waits for it.
                var pending = { name: name, settled: false };
                run.pendingTests.push(pending);
                result.then(function () {
                    if (!pending.settled) { pending.settled = true; report(name); }
                }, function (e) {
                    if (!pending.settled) {
                        pending.settled = true;
                        report(name, e === undefined ? new Error('undefined thrown') : e);
                    }
                });
                return pm;
            }
            report(name);
            return pm;
        };
        test.skip = function (name) {
            N.report(String(name), 'skipped', undefined, undefined, undefined);
            return pm;
        };
        test.index = function () { return N.assertionCount(); };
        return test;
    }

    // ---- console and timers ----------------------------------------------------------

    function logger(level) {
        return function () { N.console(level, C.formatArgs(arguments)); };
    }
    var consoleObject = {
        log: logger('log'),
        info: logger('info'),
        warn: logger('warn'),
        error: logger('error'),
        debug: logger('debug'),
        trace: logger('debug'),
        dir: logger('log'),
        clear: function () {},
        assert: function (ok) {
            if (!ok) {
                var rest = Array.prototype.slice.call(arguments, 1);
                N.console('error', 'Assertion failed' + (rest.length ? ': ' + C.formatArgs(rest) : ''));
            }
        },
        time: function (label) { (exec ? exec.clocks : {})[label === undefined ? 'default' : label] = Date.now(); },
        timeEnd: function (label) {
            label = label === undefined ? 'default' : label;
            if (exec && exec.clocks[label] !== undefined) {
                N.console('log', label + ': ' + (Date.now() - exec.clocks[label]) + ' ms');
                delete exec.clocks[label];
            }
        }
    };

    function addTimer(fn, ms, args, repeat) {
        if (!exec) { return undefined; }
        var id = exec.nextTimer++;
        // An interval of 0 would spin; Node clamps to 1 ms too.
        var delay = Math.max(repeat ? 1 : 0, Number(ms) || 0);
        exec.timers[id] = { fn: fn, args: args, delay: delay, repeat: repeat };
        N.timerSet(id, delay);
        return id;
    }
    function clearTimer(id) {
        if (exec && exec.timers[id]) {
            delete exec.timers[id];
            N.timerClear(Number(id));
        }
    }
    var timers = {
        setTimeout: function (fn, ms) { return addTimer(fn, ms, Array.prototype.slice.call(arguments, 2), false); },
        setInterval: function (fn, ms) { return addTimer(fn, ms, Array.prototype.slice.call(arguments, 2), true); },
        setImmediate: function (fn) { return addTimer(fn, 0, Array.prototype.slice.call(arguments, 1), false); },
        clearTimeout: clearTimer,
        clearInterval: clearTimer,
        clearImmediate: clearTimer
    };

    // ---- pm.sendRequest ----------------------------------------------------------------

    // The request in the collection format, its URL as text (no variables are substituted).
    function wireRequest(req) {
        var request = req instanceof C.Request ? req : new C.Request(req);
        var json = request.toJSON();
        json.url = urlWire(request.url);
        return json;
    }

    function urlWire(url) {
        var out = { raw: url.toString() };
        if (url.variables.count()) { out.variable = url.variables.toJSON(); }
        return out;
    }

    function sendRequest(pm) {
        return function (req, callback) {
            var run = exec;
            var hasCallback = typeof callback === 'function';
            var queue = function (handlers) {
                if (!req) {
                    throw new Error('sendrequest: nothing to request');
                }
                var id = N.sendRequest(JSON.stringify(wireRequest(req)));
                run.requests[id] = handlers;
            };
            if (hasCallback) {
                try {
                    queue({ callback: callback });
                }
                catch (e) {
                    callback.call(pm, e);
                }
                return pm;
            }
            return new Promise(function (resolve, reject) {
                queue({ resolve: resolve, reject: reject });
            });
        };
    }

    // ---- cookies -----------------------------------------------------------------------

    // `pm.cookies.jar()`: calls go to the host (the run's jar). A host that
    // keeps the jar to itself still answers reads from the item's own cookies.
    function cookieJar(run, list) {
        var call = function (op, url, name, value, answer, callback) {
            var done = function (err, cookies) {
                var out = answer(err, cookies);
                if (typeof callback === 'function') { callback(out[0], out[1]); }
                return out;
            };
            var promise = new Promise(function (resolve, reject) {
                var id = N.cookieJar(op, String(url && url.toString ? url.toString() : url),
                    name === undefined ? undefined : String(name), value === undefined ? undefined : String(value));
                run.requests[id] = {
                    jar: function (err, cookies) {
                        var out = done(err, cookies);
                        if (out[0]) { reject(out[0]); }
                        else { resolve(out[1]); }
                    }
                };
            });
            if (typeof callback === 'function') {
                promise.catch(function () {});
                return undefined;
            }
            return promise;
        };
        var fallback = function (err, cookies) {
            if (!err) { return cookies; }
            return list.all().map(function (c) { return [c.name, c.value]; });
        };
        var asObjects = function (pairs) { return pairs.map(function (p) { return { name: p[0], value: p[1] }; }); };
        return {
            get: function (url, name, cb) {
                return call('get', url, undefined, undefined, function (err, cookies) {
                    var found = fallback(err, cookies).filter(function (p) { return p[0] === String(name); }).pop();
                    return [null, found ? found[1] : undefined];
                }, cb);
            },
            getAll: function (url, options, cb) {
                if (typeof options === 'function') { cb = options; }
                return call('get', url, undefined, undefined, function (err, cookies) {
                    return [null, asObjects(fallback(err, cookies))];
                }, cb);
            },
            set: function (url, name, value, cb) {
                if (name && typeof name === 'object') { cb = value; value = name.value; name = name.name; }
                if (typeof value === 'function') { cb = value; value = undefined; }
                return call('set', url, name, value, function (err, cookies) {
                    return err ? [err] : [null, { name: String(name), value: value === undefined ? '' : String(value) }];
                }, cb);
            },
            unset: function (url, name, cb) {
                return call('unset', url, name, undefined, function (err) { return [err || null]; }, cb);
            },
            clear: function (url, cb) {
                return call('clear', url, undefined, undefined, function (err) { return [err || null]; }, cb);
            }
        };
    }

    // ---- legacy API (`tests[...]`, `postman.*`, `responseBody`, ...) ---------------------

    function legacyValue(value) {
        if ((value === false || value) && typeof (value && value.toString) === 'function') {
            return value.toString();
        }
        return value;
    }

    function legacyPostman(run, legacyEnv, legacyGlobals) {
        legacyEnv = legacyEnv();
        legacyGlobals = legacyGlobals();
        var api = {
            setEnvironmentVariable: function (key, value) {
                value = legacyValue(value);
                legacyEnv[key] = value;
                scopes.environment.set(key, value);
            },
            getEnvironmentVariable: function (key) { return scopes.environment.get(key); },
            clearEnvironmentVariables: function () {
                Object.keys(legacyEnv).forEach(function (k) { delete legacyEnv[k]; });
                scopes.environment.clear();
            },
            clearEnvironmentVariable: function (key) {
                if (key) { delete legacyEnv[key]; }
                scopes.environment.unset(key);
            },
            setGlobalVariable: function (key, value) {
                value = legacyValue(value);
                legacyGlobals[key] = value;
                scopes.globals.set(key, value);
            },
            getGlobalVariable: function (key) { return scopes.globals.get(key); },
            clearGlobalVariables: function () {
                Object.keys(legacyGlobals).forEach(function (k) { delete legacyGlobals[k]; });
                scopes.globals.clear();
            },
            clearGlobalVariable: function (key) {
                if (key) { delete legacyGlobals[key]; }
                scopes.globals.unset(key);
            },
            setNextRequest: function (what) { setNextRequest(what); }
        };
        if (run.hasResponse) {
            api.getResponseCookie = function (name) {
                var c = run.cookies.one(String(name));
                return c ? c.toJSON() : undefined;
            };
            api.getResponseHeader = function (name) {
                var h = run.response.headers.one(name);
                return h ? h.value : undefined;
            };
        }
        return api;
    }

    function legacyRequest(run, job) {
        var req = run.request;
        var body = req.body;
        var bodyData = {};
        if (body && !body.isEmpty()) {
            if (body.mode === 'raw') { bodyData = body.raw; }
            else if (body.mode === 'urlencoded' || body.mode === 'formdata') {
                bodyData = body[body.mode].toObject(true, true, true);
            }
        }
        return {
            id: job.info.requestId,
            name: job.info.requestName,
            description: req.description === undefined ? undefined : String(req.description),
            headers: req.headers.toObject(true, false, true, true),
            method: req.method,
            url: req.url.toString(),
            data: bodyData
        };
    }

    function setLegacyGlobals(run, job) {
        // `environment` and `globals` are the objects `postman.set*Variable` keep in step.
        var env;
        var globs;
        var envObject = function () { return env || (env = scopes.environment.toObject()); };
        var globalsObject = function () { return globs || (globs = scopes.globals.toObject()); };
        G.tests = {};
        G.iteration = job.info.iteration;
        lazy(G, 'environment', envObject);
        lazy(G, 'globals', globalsObject);
        lazy(G, 'data', function () { return scopes.iterationData.toObject(); });
        lazy(G, 'postman', function () { return legacyPostman(run, envObject, globalsObject); });
        lazy(G, 'request', function () { return legacyRequest(run, job); });
        if (run.hasResponse) {
            lazy(G, 'responseHeaders', function () {
                var headers = {};
                run.response.headers.members.forEach(function (h) { if (!h.disabled) { headers[h.key] = h.value; } });
                return headers;
            });
            lazy(G, 'responseTime', function () { return run.response.responseTime; });
            lazy(G, 'responseCode', function () {
                return { code: run.response.code, name: run.response.status, detail: '' };
            });
            lazy(G, 'responseBody', function () { return run.response.text(); });
            lazy(G, 'responseCookies', function () { return run.cookies.all().map(function (c) { return c.toJSON(); }); });
        }
        else {
            RESPONSE_GLOBALS.forEach(function (k) { delete G[k]; });
        }
    }

    // ---- require -----------------------------------------------------------------------

    var modules = {
        'ajv': function () { return C.Ajv; },
        'atob': function () { return C.atob; },
        'btoa': function () { return C.btoa; },
        'buffer': function () { return { Buffer: C.Buffer }; },
        'chai': function () { return { expect: C.expect, AssertionError: C.AssertionError }; },
        'crypto-js': function () { return C.CryptoJS; },
        'lodash': function () { return C.lodash; },
        'moment': function () { return C.moment; },
        'postman-collection': function () {
            return { Url: C.Url, Request: C.Request, Response: C.Response, Header: C.Header,
                QueryParam: C.QueryParam, PropertyList: C.PropertyList, Cookie: C.Cookie,
                CookieList: C.CookieList, RequestBody: C.RequestBody, Variable: C.Variable };
        },
        'tv4': function () { return C.tv4; },
        'uuid': function () { return C.uuid; },
        'xml2js': function () { return C.xml2js; }
    };

    function requireModule(name) {
        if (typeof name === 'string' && C.hasOwn(modules, name)) { return modules[name](); }
        throw new Error("module '" + String(name) + "' is not available in courier; scripts can require: " +
            Object.keys(modules).join(', '));
    }

    // ---- flow --------------------------------------------------------------------------

    function setNextRequest(what) {
        if (what === undefined) { return; }
        N.nextRequest(what === null ? null : String(what && typeof what === 'object' && what.id ? what.id : what));
    }

    // ---- the pm object -----------------------------------------------------------------

    function readonly(target, values) {
        Object.keys(values).forEach(function (k) {
            if (values[k] !== undefined) {
                Object.defineProperty(target, k, { value: values[k], enumerable: true, writable: false });
            }
        });
        return target;
    }

    function makePm(run, job) {
        var pm = {};
        var eventName = job.event;
        readonly(pm, {
            info: readonly({}, {
                eventName: eventName,
                iteration: job.info.iteration,
                iterationCount: job.info.iterationCount,
                requestName: job.info.requestName,
                requestId: job.info.requestId
            }),
            environment: scopes.environment,
            globals: scopes.globals,
            collectionVariables: scopes.collectionVariables,
            variables: scopes.variables,
            iterationData: scopes.iterationData,
            visualizer: {
                set: function (template, data, options) { run.visualizer = { template: template, data: data, options: options }; },
                clear: function () { run.visualizer = undefined; }
            },
            sendRequest: sendRequest(pm),
            execution: readonly({}, {
                setNextRequest: setNextRequest,
                skipRequest: function () {
                    if (eventName !== 'prerequest') {
                        throw new TypeError('pm.execution.skipRequest is not a function');
                    }
                    N.skipRequest();
                    throw ABORT;
                },
                location: readonly([job.info.requestName], { current: job.info.requestName }),
                runRequest: function () {
                    return Promise.reject(new Error('pm.execution.runRequest is not supported by courier'));
                }
            }),
            require: requireModule,
            expect: C.expect
        });
        ['request', 'response', 'cookies'].forEach(function (name) {
            Object.defineProperty(pm, name, { enumerable: true, get: function () { return run[name]; } });
        });
        Object.defineProperty(pm, 'test', { value: makeTest(pm), enumerable: true, writable: false });
        return pm;
    }

    function installGlobals(run, job) {
        G.pm = run.pm;
        G.console = consoleObject;
        Object.keys(timers).forEach(function (k) { G[k] = timers[k]; });
        G.require = requireModule;
        G.CryptoJS = C.CryptoJS;
        G._ = C.lodash;
        G.atob = C.atob;
        G.btoa = C.btoa;
        G.Buffer = C.Buffer;
        G.tv4 = C.tv4;
        G.crypto = C.webCrypto;
        G.xml2Json = C.xml2Json;
        setLegacyGlobals(run, job);
    }

    // ---- what the engine calls -----------------------------------------------------------

    function snapshotOf(request) {
        return {
            url: JSON.stringify(urlWire(request.url)),
            method: request.method,
            header: JSON.stringify(request.headers.toJSON()),
            body: JSON.stringify(request.body ? request.body.toJSON() : null),
            auth: JSON.stringify(request.auth ? request.auth.toJSON() : null)
        };
    }

    var api = {
        /** Prepares globals for one script; `job` is JSON from `convert.rs`, `body` the response text. */
        begin: function (jobJson, body) {
            var job = JSON.parse(jobJson);
            var run = {
                event: job.event,
                pendingTests: [],
                requests: {},
                timers: {},
                nextTimer: 1,
                clocks: {},
                unhandled: [],
                failure: undefined,
                done: false
            };
            exec = run;
            run.hasResponse = Boolean(job.response);
            lazy(run, 'request', function () {
                var request = new C.Request(job.request);
                run.snapshot = snapshotOf(request);
                return request;
            });
            lazy(run, 'response', function () {
                return job.response ? new C.Response(job.response, body) : undefined;
            });
            lazy(run, 'cookies', function () {
                var list = new C.CookieList(null, job.cookies.map(function (pair) {
                    return { name: pair[0], value: pair[1] };
                }));
                list.jar = function () { return cookieJar(run, list); };
                return list;
            });
            run.pm = makePm(run, job);
            installGlobals(run, job);
        },
        /** Runs the compiled script function and watches its promise. */
        start: function (fn) {
            var run = exec;
            var p = fn();
            p.then(function () { run.done = true; }, function (e) {
                run.done = true;
                if (e !== ABORT && run.failure === undefined) { run.failure = { error: e }; }
            });
        },
        /** The script's failure (a thrown value), if any. */
        failed: function () { return exec && exec.failure ? exec.failure.error : undefined; },
        /** Delivers a `pm.sendRequest` outcome. */
        deliver: function (id, error, responseJson, body) {
            var run = exec;
            var handlers = run && run.requests[id];
            if (!handlers) { return; }
            delete run.requests[id];
            var err = error === undefined || error === null ? null : new Error(String(error));
            var response = err ? undefined : new C.Response(JSON.parse(responseJson), body);
            if (handlers.callback) {
                handlers.callback.call(run.pm, err, response, { cookies: response ? response.cookies : undefined });
            }
            else if (err) { handlers.reject(err); }
            else { handlers.resolve(response); }
        },
        /** Delivers a `pm.cookies.jar()` answer: an error, or the URL's cookies as JSON pairs. */
        deliverJar: function (id, error, cookiesJson) {
            var run = exec;
            var handlers = run && run.requests[id];
            if (!handlers) { return; }
            delete run.requests[id];
            handlers.jar(error === undefined || error === null ? null : new Error(String(error)),
                cookiesJson === undefined || cookiesJson === null ? [] : JSON.parse(cookiesJson));
        },
        /** Fires timer `id`. */
        fire: function (id) {
            var t = exec && exec.timers[id];
            if (!t) { return; }
            if (t.repeat) { N.timerSet(id, t.delay); }
            else { delete exec.timers[id]; }
            if (typeof t.fn === 'function') { t.fn.apply(null, t.args); }
        },
        /** Records a promise rejection the script did not handle (QuickJS's tracker). */
        rejection: function (promise, reason, handled) {
            if (!exec) { return; }
            var list = exec.unhandled;
            if (handled) {
                exec.unhandled = list.filter(function (e) { return e.promise !== promise; });
            }
            else if (reason !== ABORT) {
                list.push({ promise: promise, reason: reason });
            }
        },
        /** The first rejection nobody handled. */
        unhandled: function () {
            var first = exec && exec.unhandled[0];
            return first ? { error: first.reason } : undefined;
        },
        /** Reports `tests[...]` and unfinished tests; returns the request changes as JSON (or null). */
        finish: function (stopped) {
            var run = exec;
            if (!run) { return null; }
            if (!stopped) {
                var tests = G.tests;
                if (tests && typeof tests === 'object') {
                    Object.keys(tests).forEach(function (name) {
                        var value = tests[name];
                        if (value) { N.report(name, 'passed', undefined, undefined, undefined); }
                        else {
                            var e = new C.AssertionError('expected ' + String(value) + ' to be truthy');
                            report(name, e);
                        }
                    });
                }
                run.pendingTests.forEach(function (t) {
                    if (!t.settled) {
                        t.settled = true;
                        N.report(t.name, 'failed', 'the test did not finish: its done() callback was never called ' +
                            'or its promise never settled before the script ended', undefined, undefined);
                    }
                });
            }
            var changes = null;
            if (run.event === 'prerequest' && run.snapshot !== undefined) {
                var now = snapshotOf(run.request);
                var request = run.request;
                Object.keys(now).forEach(function (k) {
                    if (now[k] === run.snapshot[k]) { return; }
                    changes = changes || {};
                    switch (k) {
                    case 'url': changes.url = urlWire(request.url); break;
                    case 'method': changes.method = String(request.method || 'GET').toUpperCase(); break;
                    case 'header': changes.header = request.headers.toJSON(); break;
                    case 'body': changes.body = request.body ? request.body.toJSON() : null; break;
                    default: changes.auth = request.auth ? request.auth.toJSON() : null;
                    }
                });
            }
            exec = null;
            return changes === null ? null : JSON.stringify(changes);
        },
        /** Renders a thrown value for an error message. */
        describe: function (e) {
            if (e && typeof e === 'object' && 'message' in e) {
                return { name: e.name ? String(e.name) : '', message: String(e.message), stack: String(e.stack || '') };
            }
            var text;
            try { text = typeof e === 'string' ? e : JSON.stringify(e); }
            catch (x) { text = String(e); }
            return { name: '', message: text === undefined ? String(e) : text, stack: '' };
        }
    };

    // The engine's promise rejection tracker calls this; scripts cannot replace it.
    Object.defineProperty(G, '__courierRejection', { value: api.rejection });
    G.console = consoleObject;
    C.api = api;
})
