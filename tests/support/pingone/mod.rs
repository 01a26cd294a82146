//! A PingOne-compatible simulator: enough of the Platform API and the
//! authorization server to run the bundled "offline_access" workflow
//! (`collections/pingone-offline-access.postman_collection.json`) end to
//! end, and strict enough that a runner that gets Postman's rules wrong
//! fails it.
//!
//! One axum server answers both bases: `{{apiPath}}` is `{url}/v1`
//! (`platform.rs`: applications, secret, grants, resources, scopes,
//! populations, users, password) and `{{authPath}}` is `{url}`
//! (`auth.rs`: `/{envID}/as/token`, `/as/authorize`, `/flows/{flowID}`,
//! `/as/resume`). `state.rs` holds the tenant and what the run creates;
//! `wire.rs` the request / answer types and PingOne's error shape.
//!
//! What it enforces (WORKFLOW.md, last section): a worker Bearer token on
//! every Platform API call (401 otherwise), Basic client authentication on
//! the token endpoint, the exact content types of the password set and the
//! credential check (415 otherwise), fresh UUIDs for everything, the flow
//! `USERNAME_PASSWORD_REQUIRED → COMPLETED` only with the right username and
//! password, the `ST` session cookie (`Path=/{envID}`) on resume, codes that
//! are single-use and bound to client and redirect URI, and a refresh token
//! only with the `REFRESH_TOKEN` grant type, the `offline_access` grant and
//! the scope requested. Errors are `{"id", "code", "message", "details"}`
//! (token errors also carry OAuth's `error` / `error_description`).
//!
//! [`SimulatorConfig`] has the knobs the negative tests turn.

mod auth;
mod platform;
mod state;
mod wire;

use std::sync::{Arc, Mutex, PoisonError};

use axum::body::{Body, Bytes};
use axum::extract::State as AxState;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;

pub use state::LoggedRequest;

use super::{TestServer, serve};
use state::State;
use wire::{Req, Resp, rename_key};

/// How to start the simulator: fixed ids (fresh UUIDs when `None`) and the
/// knobs that make one step misbehave.
#[derive(Debug, Clone, Default)]
pub struct SimulatorConfig {
    /// The admin environment (where the worker app lives).
    pub admin_env_id: Option<String>,
    /// The worker application's client id.
    pub admin_app_id: Option<String>,
    /// The worker application's secret.
    pub admin_app_secret: Option<String>,
    /// The environment the workflow builds in.
    pub env_id: Option<String>,
    /// Step 11 answers every password as wrong (400 `INVALID_DATA`, "The
    /// provided password did not match provided user").
    pub reject_password: bool,
    /// The `ST` cookie is set with this `Path` instead of `/{envID}`; a path
    /// the resume URL is not under means the client does not send it back.
    pub session_cookie_path: Option<String>,
    /// Step 5 answers 201 but the grant is not recorded, so no refresh
    /// token is issued in step 13.
    pub drop_grants: bool,
    /// Renames an object key `(from, to)` in every JSON answer, at any
    /// depth: "the API changed its response shape".
    pub rename_field: Option<(String, String)>,
}

/// A running simulator and the tenant it simulates.
pub struct Simulator {
    /// The server; dropping the simulator stops it.
    pub server: TestServer,
    pub admin_env_id: String,
    pub admin_app_id: String,
    pub admin_app_secret: String,
    pub env_id: String,
    state: Arc<Mutex<State>>,
}

/// Starts a simulator on a fresh loopback port.
pub fn start(config: SimulatorConfig) -> Simulator {
    let state = State::new(config);
    let (admin_env_id, admin_app_id, admin_app_secret, env_id) = (
        state.admin_env_id.clone(),
        state.admin_app_id.clone(),
        state.admin_app_secret.clone(),
        state.env_id.clone(),
    );
    let shared = Arc::new(Mutex::new(state));
    let router = axum::Router::new()
        .fallback(handle)
        .with_state(shared.clone());
    let server = serve(router);
    lock(&shared).base = server.url();
    Simulator {
        server,
        admin_env_id,
        admin_app_id,
        admin_app_secret,
        env_id,
        state: shared,
    }
}

impl Simulator {
    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// The value for `{{authPath}}`.
    pub fn auth_path(&self) -> String {
        self.url()
    }

    /// The value for `{{apiPath}}`.
    pub fn api_path(&self) -> String {
        format!("{}/v1", self.url())
    }

    /// `KEY=VALUE` pairs pointing the bundled environment at the simulator.
    pub fn env_vars(&self) -> Vec<String> {
        vec![
            format!("authPath={}", self.auth_path()),
            format!("apiPath={}", self.api_path()),
            format!("adminEnvID={}", self.admin_env_id),
            format!("adminAppID={}", self.admin_app_id),
            format!("adminAppSecret={}", self.admin_app_secret),
            format!("envID={}", self.env_id),
        ]
    }

    /// [`Simulator::env_vars`] as command-line arguments, each after `--env-var`.
    pub fn env_var_args(&self) -> Vec<String> {
        self.env_vars()
            .into_iter()
            .flat_map(|pair| ["--env-var".to_owned(), pair])
            .collect()
    }

    /// Every request answered so far, in order.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        lock(&self.state).log.clone()
    }

    /// How many requests were answered.
    pub fn request_count(&self) -> usize {
        lock(&self.state).log.len()
    }
}

type Shared = Arc<Mutex<State>>;

/// The state, even if a handler panicked while holding it.
fn lock(shared: &Shared) -> std::sync::MutexGuard<'_, State> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Every request comes here: `/v1/…` is the Platform API, the rest the
/// authorization server.
async fn handle(
    AxState(shared): AxState<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let req = Req::new(
        method.as_str(),
        uri.path(),
        uri.query().unwrap_or(""),
        headers,
        body,
    );
    let mut state = lock(&shared);
    let resp = if req.segments.first().map(String::as_str) == Some("v1") {
        platform::handle(&mut state, &req)
    } else {
        auth::handle(&mut state, &req)
    };
    state.log.push(LoggedRequest {
        method: req.method.clone(),
        path: req.path.clone(),
        status: resp.status,
    });
    let rename = state.config.rename_field.clone();
    drop(state);
    into_response(resp, rename.as_ref())
}

fn into_response(resp: Resp, rename: Option<&(String, String)>) -> Response {
    let mut headers = resp.headers;
    let body = match resp.body {
        Some(mut json) => {
            if let Some((from, to)) = rename {
                rename_key(&mut json, from, to);
            }
            // PingOne answers HAL documents as hal+json, the rest as json.
            let media = if json.get("_links").is_some() {
                "application/hal+json;charset=UTF-8"
            } else {
                "application/json;charset=UTF-8"
            };
            headers.push(("Content-Type".into(), media.into()));
            Body::from(json.to_string())
        }
        None => Body::empty(),
    };
    let mut response = Response::new(body);
    *response.status_mut() =
        StatusCode::from_u16(resp.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in headers {
        // A value a client smuggled in (say, through a redirect URI) that is
        // not a valid header is dropped rather than panicking.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response
}
