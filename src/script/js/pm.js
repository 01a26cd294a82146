// courier prelude: the `pm` object, legacy globals, console, timers,
// `pm.sendRequest`, `require`, and the internal API the Rust engine drives
// (`run`, `deliver`, `deliverJar`, `fire`, `failed`, `unhandled`, `end`,
// `finish`, `release`, `describe`).
//
// One context serves a whole run, as Postman's sandbox does: each script
// runs inside its own function, an async one if it awaits (so its `var`s
// stay local), and the
// per-script globals below are set again before every script.
//
// Per-script cost matters (a run may execute thousands of scripts), so the
// functions of `pm` and the legacy globals are made once, here, and read the
// current script's state (`exec`, a `Run`) when called; a script gets a new
// `Run` and `Pm`, and its request, response and cookies are fetched from the
// engine only when the script first reads them.
(function (C) {
    'use strict';

    var N = C.native;
    var G = globalThis;
    // Scripts may replace the global `Promise`; the engine's own use keeps this one.
    var NativePromise = Promise;
    var exec = null;
    // The current script's `pm` (the run does not hold it: no cycle for the garbage collector).
    var execPm = null;
    // Counts the scripts run, so that a response's body reader knows its own script.
    var serial = 0;
    // The current item's response head (`run` sets it), read when a script first reads `pm.response`.
    var headCode, headReason, headTime, headSize;
    // Thrown to stop a script after `pm.execution.skipRequest()`; never reported.
    var ABORT = { courierAbort: true };

    // ---- variable scopes ---------------------------------------------------------------

    var scope = C.scopeApi;

    var scopes = {
        environment: scope('environment', 'environment'),
        globals: scope('globals', 'globals'),
        collectionVariables: scope('collection', 'collection'),
        variables: scope('all', 'local'),
        // Changes last until the script ends (the engine puts the row back).
        iterationData: scope('data', 'data')
    };

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
            return { message: errorText(err) };
        }
        return { message: String(err) };
    }

    /** `Name: message` of an error, worded as V8 words it (see `v8_errors.rs`). */
    function errorText(e) {
        return N.errorText(e.name ? String(e.name) : '', String(e.message), String(e.stack || ''));
    }

    function report(name, error) {
        if (error === undefined) {
            N.pass(name);
            return;
        }
        var f = failureOf(error);
        N.report(name, 'failed', f.message, f.expected, f.actual);
    }

    function makeTest() {
        var test = function (name, fn) {
            var run = exec;
            var pm = run ? execPm : undefined;
            name = String(name);
            if (typeof fn !== 'function') {
                report(name);
                return pm;
            }
            if (fn.length) {
                var entry = { name: name, settled: false };
                (run.pendingTests || (run.pendingTests = [])).push(entry);
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
                (run.pendingTests || (run.pendingTests = [])).push(pending);
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
            return exec ? execPm : undefined;
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
        time: function (label) {
            if (exec) { (exec.clocks || (exec.clocks = {}))[label === undefined ? 'default' : label] = Date.now(); }
        },
        timeEnd: function (label) {
            label = label === undefined ? 'default' : label;
            if (exec && exec.clocks && exec.clocks[label] !== undefined) {
                N.console('log', label + ': ' + (Date.now() - exec.clocks[label]) + ' ms');
                delete exec.clocks[label];
            }
        }
    };

    function addTimer(fn, ms, args, repeat) {
        if (!exec) { return undefined; }
        if (!exec.timers) {
            exec.timers = {};
            exec.nextTimer = 1;
        }
        var id = exec.nextTimer++;
        // An interval of 0 would spin; Node clamps to 1 ms too.
        var delay = Math.max(repeat ? 1 : 0, Number(ms) || 0);
        exec.timers[id] = { fn: fn, args: args, delay: delay, repeat: repeat };
        N.timerSet(id, delay);
        return id;
    }
    function clearTimer(id) {
        if (exec && exec.timers && exec.timers[id]) {
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

    function makeSendRequest() {
        return function (req, callback) {
            var run = exec;
            var pm = execPm;
            var hasCallback = typeof callback === 'function';
            var queue = function (handlers) {
                if (!req) {
                    throw new Error('sendrequest: nothing to request');
                }
                var id = N.sendRequest(JSON.stringify(wireRequest(req)));
                (run.requests || (run.requests = {}))[id] = handlers;
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
                (run.requests || (run.requests = {}))[id] = {
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

    function legacyPostman(run) {
        var api = {
            setEnvironmentVariable: function (key, value) {
                value = legacyValue(value);
                run.envObject()[key] = value;
                scopes.environment.set(key, value);
            },
            getEnvironmentVariable: function (key) { return scopes.environment.get(key); },
            clearEnvironmentVariables: function () {
                var env = run.envObject();
                Object.keys(env).forEach(function (k) { delete env[k]; });
                scopes.environment.clear();
            },
            clearEnvironmentVariable: function (key) {
                if (key) { delete run.envObject()[key]; }
                scopes.environment.unset(key);
            },
            setGlobalVariable: function (key, value) {
                value = legacyValue(value);
                run.globalsObject()[key] = value;
                scopes.globals.set(key, value);
            },
            getGlobalVariable: function (key) { return scopes.globals.get(key); },
            clearGlobalVariables: function () {
                var globs = run.globalsObject();
                Object.keys(globs).forEach(function (k) { delete globs[k]; });
                scopes.globals.clear();
            },
            clearGlobalVariable: function (key) {
                if (key) { delete run.globalsObject()[key]; }
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

    function legacyRequest(run) {
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
            id: run.requestId,
            name: run.requestName,
            description: req.description === undefined ? undefined : String(req.description),
            headers: req.headers.toObject(true, false, true, true),
            method: req.method,
            url: req.url.toString(),
            data: bodyData
        };
    }

    // The legacy globals computed on first read, by name. Those of the response
    // read as undefined in a script without one (a pre-request script).
    var LEGACY = {
        environment: function (run) { return run.envObject(); },
        globals: function (run) { return run.globalsObject(); },
        data: function () { return scopes.iterationData.toObject(); },
        postman: legacyPostman,
        request: legacyRequest,
        responseHeaders: function (run) {
            var headers = {};
            run.response.headers.members.forEach(function (h) { if (!h.disabled) { headers[h.key] = h.value; } });
            return headers;
        },
        responseTime: function (run) { return run.response.responseTime; },
        responseCode: function (run) {
            return { code: run.response.code, name: run.response.status, detail: '' };
        },
        responseBody: function (run) { return run.response.text(); },
        responseCookies: function (run) { return run.cookies.all().map(function (c) { return c.toJSON(); }); }
    };
    var RESPONSE_ONLY = { responseHeaders: true, responseTime: true, responseCode: true, responseBody: true,
        responseCookies: true };

    // The libraries scripts find as globals, by global name; read from `C`,
    // which loads a library when it is first used.
    var LIBRARY_GLOBALS = { CryptoJS: 'CryptoJS', _: 'lodash', atob: 'atob', btoa: 'btoa', Buffer: 'Buffer',
        tv4: 'tv4', crypto: 'webCrypto', xml2Json: 'xml2Json', cheerio: 'cheerio' };
    Object.keys(LIBRARY_GLOBALS).forEach(function (name) {
        var key = LIBRARY_GLOBALS[name];
        LEGACY[name] = function () { return C[key]; };
    });

    // Each legacy or library global is an accessor on the global object,
    // defined once: a read computes the value for the current script (and
    // keeps it), a write replaces it for the rest of that script. They cannot
    // be deleted.
    Object.keys(LEGACY).forEach(function (name) {
        var make = LEGACY[name];
        Object.defineProperty(G, name, {
            enumerable: true,
            configurable: false,
            get: function () {
                var run = exec;
                if (!run) { return C.hasOwn(LIBRARY_GLOBALS, name) ? C[LIBRARY_GLOBALS[name]] : undefined; }
                if (RESPONSE_ONLY[name] && !run.hasResponse) { return undefined; }
                var kept = run.legacy || (run.legacy = Object.create(null));
                if (!(name in kept)) { kept[name] = make(run); }
                return kept[name];
            },
            set: function (value) {
                if (exec) { (exec.legacy || (exec.legacy = Object.create(null)))[name] = value; }
            }
        });
    });

    // ---- require -----------------------------------------------------------------------

    var modules = {
        'ajv': function () { return C.Ajv; },
        'atob': function () { return C.atob; },
        'btoa': function () { return C.btoa; },
        'buffer': function () { return { Buffer: C.Buffer }; },
        'chai': function () { return { expect: C.expect, AssertionError: C.AssertionError }; },
        'cheerio': function () { return C.cheerio; },
        'crypto-js': function () { return C.CryptoJS; },
        'lodash': function () { return C.lodash; },
        'moment': function () { return C.moment; },
        'postman-collection': function () { return C.postmanCollection; },
        'querystring': function () { return C.nodeQuerystring; },
        'tv4': function () { return C.tv4; },
        'url': function () { return C.nodeUrl; },
        'uuid': function () { return C.uuid; },
        'xml2js': function () { return C.xml2js; }
    };

    function requireModule(name) {
        if (typeof name === 'string' && C.hasOwn(modules, name)) { return modules[name](); }
        throw new Error("module '" + String(name) + "' is not available in courier; scripts can require: " +
            Object.keys(modules).join(', '));
    }

    /** `pm.require`: `@scope/name` and `npm:` packages; other names as `require`. */
    function pmRequire(name) {
        if (typeof name === 'string' && (name.charAt(0) === '@' || name.slice(0, 4) === 'npm:')) {
            return C.pmRequire(exec || {}, name, requireModule);
        }
        return requireModule(name);
    }

    // ---- flow --------------------------------------------------------------------------

    function setNextRequest(what) {
        if (what === undefined) { return; }
        N.nextRequest(what === null ? null : String(what && typeof what === 'object' && what.id ? what.id : what));
    }

    // ---- the pm object -----------------------------------------------------------------

    var test = makeTest();
    var sendRequest = makeSendRequest();
    var visualizer = {
        set: function (template, data, options) {
            C.checkVisualizer(template, data, options);
            if (exec) { exec.visualizer = { template: template, data: data, options: options }; }
        },
        clear: function () { if (exec) { exec.visualizer = undefined; } }
    };
    function skipRequest() {
        if (!exec || exec.event !== 'prerequest') {
            throw new TypeError('pm.execution.skipRequest is not a function');
        }
        N.skipRequest();
        throw ABORT;
    }
    // Runs another request of the collection (its scripts too) and resolves
    // to its response, or to null when its pre-request script skipped it.
    function runRequest(idOrName, options) {
        var run = exec;
        return new Promise(function (resolve, reject) {
            if (!idOrName) {
                reject(new Error('runRequest: collection request id not provided'));
                return;
            }
            var variables = options && options.variables;
            var id = N.runRequest(String(idOrName),
                variables === undefined || variables === null ? undefined : JSON.stringify(variables));
            // A rejection points at the call, for the line in the report.
            var site = new Error();
            var rejectAtCall = function (e) {
                if (e && typeof e === 'object') { e.stack = site.stack; }
                reject(e);
            };
            (run.requests || (run.requests = {}))[id] = { resolve: resolve, reject: rejectAtCall };
        });
    }

    /**
     * The `pm` object of one script. What every script shares lives on the
     * prototype; what is the script's own (`info`, `execution`, `request`,
     * `response`, `cookies`) is read from its run when first asked for.
     * Building it costs a script next to nothing, which matters when a run
     * executes thousands of them.
     */
    class Pm {
        #run;

        constructor(run) {
            this.#run = run;
        }

        get info() {
            var run = this.#run;
            if (run.info === undefined) {
                run.info = {
                    eventName: run.event,
                    iteration: run.iteration,
                    iterationCount: run.iterationCount,
                    requestName: run.requestName,
                    requestId: run.requestId
                };
            }
            return run.info;
        }

        get execution() {
            var run = this.#run;
            if (run.execution === undefined) {
                var location;
                run.execution = {
                    setNextRequest: setNextRequest,
                    skipRequest: skipRequest,
                    // The item's path from the collection down; `current`
                    // names whoever owns the running script.
                    get location() {
                        if (location === undefined) {
                            location = JSON.parse(N.jobLocation());
                            location.current = location.pop();
                        }
                        return location;
                    },
                    runRequest: runRequest
                };
            }
            return run.execution;
        }

        get request() { return this.#run.request; }
        get response() { return this.#run.response; }
        get cookies() { return this.#run.cookies; }
    }
    Object.assign(Pm.prototype, {
        environment: scopes.environment,
        globals: scopes.globals,
        collectionVariables: scopes.collectionVariables,
        variables: scopes.variables,
        iterationData: scopes.iterationData,
        visualizer: visualizer,
        vault: C.vault,
        sendRequest: sendRequest,
        require: pmRequire,
        expect: C.expect,
        test: test
    });

    function jobHeaders() { return JSON.parse(N.jobHeaders()); }
    var headData = { code: 0, status: '', header: jobHeaders, responseTime: 0, responseSize: 0, bodySize: 0 };

    /**
     * One script's state. It starts with what every script needs, the
     * script's job (its event, `pm.info` fields, and whether it has a
     * response) in one array (one property costs a script as much as a
     * whole array); the rest (its failure, pending tests, timers,
     * `pm.sendRequest` handlers, legacy globals, ...) appears when used,
     * and the item's request, response and cookies come from the engine on
     * first read.
     */
    class Run {
        constructor(job) {
            this.job = job;
        }

        get event() { return this.job[0]; }
        get iteration() { return this.job[1]; }
        get iterationCount() { return this.job[2]; }
        get requestName() { return this.job[3]; }
        get requestId() { return this.job[4]; }
        get hasResponse() { return this.job[5]; }

        get request() {
            if (this._request === undefined) {
                this._request = new C.Request(JSON.parse(N.jobRequest()));
                this.snapshot = snapshotOf(this._request);
            }
            return this._request;
        }

        get response() {
            if (this._response === undefined && this.hasResponse) {
                // The body becomes a string only when the script reads it,
                // and only this script's run can read it from the engine.
                // (The reader keeps the script's number, not its run: no
                // cycle that only the garbage collector could free.)
                var own = exec === this ? serial : -1;
                // The constructor only reads `headData`: one object serves every response.
                headData.code = headCode;
                headData.status = headReason;
                headData.responseTime = headTime;
                // Newman: the decoded body's byte length (postman-collection's
                // `stream.byteLength`); size() adds the head.
                headData.responseSize = headSize;
                headData.bodySize = headSize;
                this._response = new C.Response(headData, function () {
                    if (own !== serial || exec === null) {
                        throw new Error('the body of an earlier script\'s pm.response is no longer available; ' +
                            'read it (pm.response.text()) in that script');
                    }
                    return N.jobBody();
                });
            }
            return this._response;
        }

        get cookies() {
            if (this._cookies === undefined) {
                var run = this;
                var list = new C.CookieList(null, JSON.parse(N.jobCookies()).map(function (pair) {
                    return { name: pair[0], value: pair[1] };
                }));
                list.jar = function () { return cookieJar(run, list); };
                this._cookies = list;
            }
            return this._cookies;
        }

        /** The `environment` object of the legacy API, kept in step by `postman.setEnvironmentVariable`. */
        envObject() {
            if (this._env === undefined) { this._env = scopes.environment.toObject(); }
            return this._env;
        }

        /** The `globals` object of the legacy API. */
        globalsObject() {
            if (this._globals === undefined) { this._globals = scopes.globals.toObject(); }
            return this._globals;
        }
    }

    // Records how a script's function failed. One handler serves every
    // script: all of a script's promise jobs run (or are discarded) before
    // the next script begins, so the failure is always the current run's.
    function scriptFailed(e) {
        var run = exec;
        if (run && e !== ABORT && run.failure === undefined) { run.failure = { error: e }; }
    }

    function installGlobals(run) {
        G.pm = execPm;
        G.console = consoleObject;
        G.setTimeout = timers.setTimeout;
        G.setInterval = timers.setInterval;
        G.setImmediate = timers.setImmediate;
        G.clearTimeout = timers.clearTimeout;
        G.clearInterval = timers.clearInterval;
        G.clearImmediate = timers.clearImmediate;
        G.require = requireModule;
        G.tests = {};
        G.iteration = run.iteration;
    }

    // ---- what the engine calls -----------------------------------------------------------

    // Runs a callback of `pm.sendRequest` or a timer. What it throws ends
    // that callback only: Newman's sandbox hands such an error to an event
    // no reporter shows, and the script, its other callbacks and their
    // tests go on. courier says so on the console instead of staying silent.
    function asyncCallback(what, fn) {
        try {
            fn();
        }
        catch (e) {
            if (e === ABORT) { throw e; }
            var text = e && typeof e === 'object' && 'message' in e ? errorText(e) : String(e);
            var at = /[( ]script:(\d+)/.exec(String(e && e.stack || ''));
            N.console('warn', 'a ' + what + (at ? ' (line ' + at[1] + ')' : '') + ' threw ' + text +
                '; ignored, as Newman does');
        }
    }

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
        /**
         * Runs one script's compiled function `fn` with fresh globals (its
         * event, `pm.info` fields, whether it has a response, and the
         * response's status code, reason, time and body size), and
         * watches what it returns: an async script's promise, or whatever a
         * plain one returns (a promise it returns fails the script, as an
         * async function's would).
         */
        run: function (fn, event, iteration, iterationCount, requestName, requestId, hasResponse,
            code, reason, responseTime, bodySize) {
            serial++;
            headCode = code;
            headReason = reason;
            headTime = responseTime;
            headSize = bodySize;
            var run = new Run([event, iteration, iterationCount, requestName, requestId, hasResponse]);
            exec = run;
            execPm = new Pm(run);
            installGlobals(run);
            var result;
            try {
                result = fn();
            }
            catch (e) {
                scriptFailed(e);
                return;
            }
            if (result !== undefined) { NativePromise.resolve(result).then(undefined, scriptFailed); }
        },
        /** The script's failure (a thrown value), if any. */
        failed: function () { return exec && exec.failure ? exec.failure.error : undefined; },
        /** Delivers a `pm.sendRequest` outcome. */
        deliver: function (id, error, responseJson, body, tooLarge) {
            var run = exec;
            var pm = execPm;
            var handlers = run && run.requests && run.requests[id];
            if (!handlers) { return; }
            delete run.requests[id];
            var err = error === undefined || error === null ? null : new Error(String(error));
            var unreadable = function () { throw new Error(tooLarge); };
            var response = err || responseJson === undefined || responseJson === null ? undefined :
                new C.Response(JSON.parse(responseJson), tooLarge ? unreadable : body);
            if (handlers.callback) {
                var callback = handlers.callback;
                asyncCallback('pm.sendRequest callback', function () {
                    callback.call(pm, err, response, { cookies: response ? response.cookies : undefined });
                });
            }
            else if (err) { handlers.reject(err); }
            else { handlers.resolve(response === undefined ? null : response); }
        },
        /** Delivers a `pm.cookies.jar()` answer: an error, or the URL's cookies as JSON pairs. */
        deliverJar: function (id, error, cookiesJson) {
            var run = exec;
            var handlers = run && run.requests && run.requests[id];
            if (!handlers) { return; }
            delete run.requests[id];
            handlers.jar(error === undefined || error === null ? null : new Error(String(error)),
                cookiesJson === undefined || cookiesJson === null ? [] : JSON.parse(cookiesJson));
        },
        /** Fires timer `id`. */
        fire: function (id) {
            var t = exec && exec.timers && exec.timers[id];
            if (!t) { return; }
            if (t.repeat) { N.timerSet(id, t.delay); }
            else { delete exec.timers[id]; }
            if (typeof t.fn === 'function') {
                asyncCallback('timer callback', function () { t.fn.apply(null, t.args); });
            }
        },
        /** Records a promise rejection the script did not handle (QuickJS's tracker). */
        rejection: function (promise, reason, handled) {
            if (!exec) { return; }
            var list = exec.unhandled || (exec.unhandled = []);
            if (handled) {
                exec.unhandled = list.filter(function (e) { return e.promise !== promise; });
            }
            else if (reason !== ABORT) {
                list.push({ promise: promise, reason: reason });
            }
        },
        /** The first rejection nobody handled. */
        unhandled: function () {
            var first = exec && exec.unhandled && exec.unhandled[0];
            return first ? { error: first.reason } : undefined;
        },
        /**
         * The end of a script that waits for nothing, in one call: its
         * failure as `{ thrown }` when it failed; `true` when a promise
         * rejection went unhandled (the engine then goes on as for a
         * script that waits); else `finish()`'s answer.
         */
        end: function () {
            var thrown = api.failed();
            if (thrown !== undefined) { return { thrown: thrown }; }
            if (api.unhandled()) { return true; }
            return api.finish();
        },
        /** Reports `tests[...]` and unfinished tests; returns the request changes as JSON (or null). */
        finish: function (stopped) {
            var run = exec;
            if (!run) { return null; }
            if (!stopped) {
                var tests = G.tests;
                if (tests && typeof tests === 'object') {
                    var names = Object.keys(tests);
                    for (var i = 0; i < names.length; i++) {
                        var value = tests[names[i]];
                        if (value) { N.pass(names[i]); }
                        else { report(names[i], new C.AssertionError('expected ' + String(value) + ' to be truthy')); }
                    }
                }
                var pending = run.pendingTests;
                for (var j = 0; pending && j < pending.length; j++) {
                    var t = pending[j];
                    if (!t.settled) {
                        t.settled = true;
                        N.report(t.name, 'failed', 'the test did not finish: its done() callback was never called ' +
                            'or its promise never settled before the script ended', undefined, undefined);
                    }
                }
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
            if (run.visualizer !== undefined) {
                var shown;
                try { shown = JSON.stringify(run.visualizer); }
                catch (e) { shown = JSON.stringify({ template: run.visualizer.template }); }
                N.visualizer(shown);
            }
            // The legacy objects' functions hold the run: let it go without the garbage collector.
            if (run.legacy !== undefined) { run.legacy = undefined; }
            exec = null;
            return changes === null ? null : JSON.stringify(changes);
        },
        /**
         * Lets go of the last script's `pm` and `tests` (and through them its
         * run, request and response) between scripts, so that freeing them
         * does not delay the next script: the engine calls it while the
         * runner waits for a response. Nothing runs between two scripts to
         * see them gone, and the next script gets its own.
         */
        release: function () {
            if (exec) { return; }
            execPm = null;
            G.pm = undefined;
            G.tests = undefined;
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
