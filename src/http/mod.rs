//! Building and sending requests.
//!
//! `build` turns a collection request plus the run's variables into a
//! [`RequestSpec`] (URL encoding in `url`, headers, every body mode in
//! `body`, auth inherited request → folder → collection and signed in `auth/`, one
//! file per scheme behind one signing interface; `BuildError` in `error`);
//! `client` sends it with one shared `reqwest` client, following redirects
//! (`redirect`), writing and recording each request's headers (`wire`), and
//! keeping the cookie jar itself so
//! `protocolProfileBehavior` applies per request (digest auth, from
//! `auth/digest.rs`, is answered there); `exchange` holds the data types scripts and
//! reporters read. `identity` (and `pfx`) read client certificates and
//! extra CAs, `tls` builds the TLS configuration from them, and `proxy`
//! chooses proxies from the environment as postman-request does;
//! `cookie_jar` is the run's jar and its tough-cookie file; `busy_poll`
//! waits for responses by polling for a short while before sleeping.

mod auth;
mod body;
mod build;
mod busy_poll;
mod client;
mod cookie_jar;
mod error;
mod exchange;
mod identity;
mod pfx;
mod proxy;
mod redirect;
mod tls;
mod url;
mod wire;

pub use auth::effective_auth;
pub use auth::{DigestAuth, DigestParams, OAuth2Tokens};
pub(crate) use auth::{oauth2_fetch_config, with_access_token};
pub use body::raw_content_type;
pub use build::{BuildContext, build_request, merge_behavior};
pub use busy_poll::{Poller, window as busy_poll_window, with_idle_work};
pub use client::{ClientOptions, CookieReader, HttpClient};
pub use cookie_jar::{CookieJarError, CookieJarFile, ToughCookie};
pub use error::BuildError;
pub use exchange::*;
pub use identity::{
    ClientCertificate, IdentityError, MatchPattern, TlsIdentity, load_certificate_list,
    load_extra_roots,
};
pub use proxy::ProxyEnv;
pub(crate) use tls::client_config as tls_client_config;
pub use url::{parse_final, rebase, url_text};
