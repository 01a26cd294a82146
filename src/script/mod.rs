//! The embedded JavaScript engine and Postman's `pm` API.
//!
//! The runner (`runner/`) calls [`ScriptEngine::run`] once per script
//! (collection, then folders, then item) with the current [`Scopes`], the
//! item's request and, for test scripts, the response. Scripts read and
//! write variables through `pm.*`; assertions, console output, flow control
//! and request changes come back in a [`ScriptOutcome`]. `pm.sendRequest`
//! goes through the [`ScriptHost`] the runner provides, so it shares the
//! run's client and cookie jar. Nothing here prints or touches the network.
//!
//! Layout: `api.rs` holds the types the runner sees; `engine.rs` owns the
//! QuickJS runtime and drives one script to completion (`pm.sendRequest`,
//! timers, promises); `bridge.rs` holds the native functions the prelude
//! calls (variables, assertions, console, flow); `convert.rs` moves data
//! between Rust and JavaScript; `crypto.rs` backs `atob`, `btoa` and
//! `Buffer`, `cryptojs.rs` and `cryptojs_cipher.rs` the hashes, key
//! derivations and ciphers of `crypto-js`; `cheerio/` parses, searches and
//! writes out `cheerio`'s documents; `alloc.rs` enforces the memory limit;
//! `sent.rs` builds the request test scripts see (the one sent, variables
//! substituted); `nested.rs` carries variables into and out of
//! `pm.execution.runRequest`; `v8_errors.rs` words script errors as V8
//! does; `packages.rs` finds `pm.require` packages; `vault.rs` backs
//! `pm.vault` and `members.rs` the scopes' `id` and `name`. The JavaScript
//! side, our own code, lives in `js/` (and `build.rs` compiles it to
//! bytecode): `base.js` (display, deep equality), `libraries.js` (loads the
//! libraries below on first use), `expect.js` and `expect_more.js` (a
//! chai-compatible `expect`), `postman.js` (chai-postman's response
//! assertions), `variable.js` (`Variable` and its types, the `pm` scopes),
//! `sdk.js` (request / response objects), `pm_members.js` (the rest of
//! postman-collection's members, `pm.vault`, and a clear error for what
//! courier lacks), `packages.js` (`pm.require` packages), `collection.js`
//! (`require('postman-collection')`), `cryptojs.js` (crypto-js 3.3.0's
//! API), `libs.js` (uuid, Buffer, atob), `lodash.js`, `moment.js`,
//! `schema.js` (JSON schema, `tv4`, `ajv`), `xml.js` (`xml2Json`,
//! `xml2js`), `cheerio.js` (cheerio's `$` over `cheerio/`) and `pm.js`
//! (the `pm` object and legacy globals).
//!
//! [`Scopes`]: crate::variables::Scopes

mod alloc;
mod api;
mod bridge;
mod cheerio;
mod convert;
mod crypto;
mod cryptojs;
mod cryptojs_cipher;
mod engine;
mod members;
mod nested;
mod packages;
mod sent;
mod v8_errors;
mod vault;

#[cfg(test)]
mod tests;

pub use api::{
    CookieJarOp, CookieSource, HostFuture, NextRequest, RunRequestCall, RunRequestDone,
    ScriptError, ScriptHost, ScriptInfo, ScriptJob, ScriptOptions, ScriptOutcome, Visualizer,
};
pub use engine::ScriptEngine;
pub use packages::PackageSources;
pub use sent::{AsSent, request_as_sent};
