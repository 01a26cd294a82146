//! The integration test binary: runs the real `courier` binary against
//! local servers started on `127.0.0.1:0`.

#[path = "../support/mod.rs"]
mod support;

mod auth;
mod bad_input;
mod bigbody;
mod busy_poll;
mod cheerio;
mod common;
mod convert;
mod cryptojs;
mod execution;
mod expand;
mod faults;
mod flags;
mod fuzz_regressions;
mod h2;
mod http;
mod issue11;
mod iteration_data;
mod loading;
mod outputs;
mod parallel;
mod parsing;
mod pingone;
mod reports;
mod require;
mod retry;
mod run;
mod script_requests;
mod shard;
mod snapshots_library;
mod snapshots_pingone;
mod snapshots_review;
mod snapshots_run;
mod snapshots_server;
mod snapshots_stable;
mod static_build;
mod stream;
mod sugar;
mod tls;
mod token;
mod v3;
mod v3_pingone;
mod v3rest;
mod wild_scripts;
mod wire;
