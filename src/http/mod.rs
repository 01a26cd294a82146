//! Building and sending requests.
//!
//! `build` turns a collection request plus the run's variables into a
//! [`RequestSpec`] (URL encoding, headers, every body mode, auth inherited
//! request → folder → collection); `client` sends it with one shared
//! `reqwest` client, following redirects and keeping the cookie jar itself so
//! `protocolProfileBehavior` applies per request; `exchange` holds the data
//! types scripts and reporters read.

mod exchange;

pub use exchange::*;
