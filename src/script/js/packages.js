// courier prelude: `pm.require` packages (loaded when a script first uses one).
//
// The engine finds and reads the files (`packages.rs`) and compiles each file
// once per run; here a file is evaluated as CommonJS. As in postman-sandbox,
// each script that requires a package evaluates it once: a second
// `pm.require` in the same script (or a cycle) gets the cached `module`, and
// module-level state does not carry from one script to the next. Package
// code shares the script's globals (`pm`, `console`, ...), as in Postman.
(function (C) {
    'use strict';

    var N = C.native;
    // Compiled module functions, by file id: compiled once per run.
    var compiled = Object.create(null);

    function fail(message) {
        var e = new Error(message);
        e.name = 'Error';
        return e;
    }

    function compile(found) {
        var fn = compiled[found.id];
        if (!fn) {
            try {
                fn = N.packageCompile(found.id, found.source);
            }
            catch (e) {
                throw fail("Error in package '" + found.id + "': " + (e && e.message ? e.message : String(e)));
            }
            compiled[found.id] = fn;
        }
        return fn;
    }

    function dirname(id) {
        var at = id.lastIndexOf('/');
        return at < 0 ? '.' : id.slice(0, at);
    }

    /**
     * Evaluates `found` for the current script (or returns the module this
     * script already has); `root` is the package as the script named it,
     * for error messages; `sandboxRequire` is the sandbox's `require`.
     */
    function load(cache, found, root, sandboxRequire) {
        var known = cache[found.id];
        if (known) { return known.exports; }
        var module = { id: found.id, exports: {} };
        if (found.json) {
            try {
                module.exports = JSON.parse(found.source);
            }
            catch (e) {
                throw fail("Error in package '" + root + "': " + found.id + ': ' + e.message);
            }
            cache[found.id] = module;
            return module.exports;
        }
        cache[found.id] = module;
        var fn = compile(found);
        var localRequire = found.team ? sandboxRequire : function (spec) {
            spec = String(spec);
            var inner;
            try {
                inner = N.packageFind(spec, found.id);
            }
            catch (e) {
                throw fail("Error in package '" + root + "': " + e.message);
            }
            if (inner.builtin !== undefined) { return builtin(inner.builtin, root, sandboxRequire); }
            return load(cache, inner, root, sandboxRequire);
        };
        try {
            fn.call(module.exports, module.exports, localRequire, module, found.id, dirname(found.id));
        }
        catch (e) {
            // As in Node: a module that failed to load is not kept.
            delete cache[found.id];
            throw e;
        }
        return module.exports;
    }

    /** A Node built-in an npm package requires: courier's, if it has one. */
    function builtin(name, root, sandboxRequire) {
        try {
            return sandboxRequire(name);
        }
        catch (e) {
            throw fail("Error in package '" + root + "': it needs the Node built-in module '" + name +
                "', which courier's sandbox does not provide (only pure-JavaScript packages can be required)");
        }
    }

    /**
     * `pm.require(spec)` for the script `run`; `sandboxRequire` is the
     * sandbox's `require`, which team packages use as their `require`.
     */
    C.pmRequire = function (run, spec, sandboxRequire) {
        spec = String(spec);
        var found = N.packageFind(spec, undefined);
        var cache = run.packages || (run.packages = Object.create(null));
        return load(cache, found, spec, sandboxRequire);
    };
})
