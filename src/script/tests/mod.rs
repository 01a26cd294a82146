//! Unit tests of the script engine: they call [`ScriptEngine::run`]
//! directly, with a hand-made request, response and scopes.
//!
//! `support` holds the fixture; the other files test one area each.
//!
//! [`ScriptEngine::run`]: crate::script::ScriptEngine::run

mod as_sent;
mod bigbody;
mod collection_module;
mod conformance;
mod cryptojs;
mod engine;
mod execution;
mod expect;
mod extras;
mod libs;
mod members;
mod overhead;
mod pm;
mod send;
mod server;
mod sugar;
mod support;
mod values;
