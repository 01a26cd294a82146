// courier prelude: the libraries scripts seldom use (crypto-js and friends,
// lodash, moment, ajv/tv4, xml2js) load when first used, not with the engine.
// Each name a library file sets on `C` starts as an accessor that has the
// engine load that file; the file's own assignment then replaces it with the
// value. `C.libraries` (from the engine) lists the names of each file.
(function (C) {
    'use strict';

    var libraries = C.libraries;

    Object.keys(libraries).forEach(function (file) {
        var state = 'waiting';
        libraries[file].forEach(function (name) {
            Object.defineProperty(C, name, {
                configurable: true,
                enumerable: true,
                get: function () {
                    if (state !== 'waiting') { return undefined; }
                    state = 'loading';
                    try {
                        C.native.loadLibrary(file, C);
                    }
                    finally {
                        state = 'waiting';
                    }
                    state = 'loaded';
                    return C[name];
                },
                set: function (value) {
                    Object.defineProperty(C, name, { value: value, writable: true, enumerable: true, configurable: true });
                }
            });
        });
    });
})
