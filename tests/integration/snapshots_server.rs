//! A small API for the snapshot tests whose every answer carries fresh ids,
//! tokens, cookies and timestamps, shaped like PingOne's (`_links`,
//! `environment.id`, `createdAt`, OAuth token responses, a 302 authorize
//! step with `code` and `state` in the Location query). A switch renames a
//! field of its user documents, which is the "response shape changed" case.
//!
//! Routes: `POST /users`, `GET /users/{id}`, `GET /as/authorize?state=…`
//! (302), `POST /as/token`, `GET /logo.png` (binary), `GET /health` (text).
//! Also the helpers the snapshot tests share: running the binary with extra
//! environment variables and standard input, and the demo collection's
//! command line.

use std::collections::HashMap;
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

use crate::common::{Run, fixture};
use crate::support::{TestServer, serve};

/// The server's state.
#[derive(Default)]
struct Api {
    /// `true`: user documents call `name` `displayName`.
    renamed: AtomicBool,
    environment_id: String,
    users: Mutex<HashMap<String, Value>>,
}

/// The running API.
pub struct VolatileApi {
    pub server: TestServer,
    api: Arc<Api>,
}

impl VolatileApi {
    /// Starts the API on a loopback port.
    pub fn start() -> VolatileApi {
        let api = Arc::new(Api {
            environment_id: uuid(),
            ..Default::default()
        });
        let router = axum::Router::new()
            .route("/users", post(create_user))
            .route("/users/{id}", get(get_user))
            .route("/as/authorize", get(authorize))
            .route("/as/token", post(token))
            .route("/logo.png", get(logo))
            .route("/health", get(|| async { "ok\n" }))
            .with_state(api.clone());
        VolatileApi {
            server: serve(router),
            api,
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// `true`: from now on, user documents have `displayName` instead of `name`.
    pub fn set_renamed(&self, renamed: bool) {
        self.api.renamed.store(renamed, Ordering::SeqCst);
    }
}

type ApiState = State<Arc<Api>>;

fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

/// A fresh JWT-looking token.
fn jwt() -> String {
    format!("eyJhbGciOiJSUzI1NiJ9.{}.sig", uuid().replace('-', ""))
}

fn host(headers: &HeaderMap) -> String {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost")
        .to_owned()
}

async fn create_user(State(api): ApiState, headers: HeaderMap, body: String) -> Response {
    let name = serde_json::from_str::<Value>(&body)
        .ok()
        .and_then(|v| v["name"].as_str().map(str::to_owned))
        .unwrap_or_default();
    let id = uuid();
    let base = format!("http://{}", host(&headers));
    let at = now();
    let user = json!({
        "_links": {
            "self": {"href": format!("{base}/users/{id}")},
            "environment": {"href": format!("{base}/environments/{}", api.environment_id)}
        },
        "id": id,
        "environment": {"id": api.environment_id},
        "name": name,
        "enabled": true,
        "createdAt": at,
        "updatedAt": at
    });
    api.users
        .lock()
        .expect("users")
        .insert(id.clone(), user.clone());
    let location = format!("{base}/users/{id}");
    (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        axum::Json(shape(&api, user)),
    )
        .into_response()
}

async fn get_user(State(api): ApiState, Path(id): Path<String>) -> Response {
    let user = api.users.lock().expect("users").get(&id).cloned();
    match user {
        Some(user) => axum::Json(shape(&api, user)).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"code": "NOT_FOUND", "id": uuid()})),
        )
            .into_response(),
    }
}

/// Applies the current shape to a stored user document.
fn shape(api: &Api, mut user: Value) -> Value {
    if api.renamed.load(Ordering::SeqCst)
        && let Some(map) = user.as_object_mut()
        && let Some(name) = map.shift_remove("name")
    {
        map.insert("displayName".into(), name);
    }
    user
}

async fn authorize(headers: HeaderMap, Query(query): Query<HashMap<String, String>>) -> Response {
    let state = query.get("state").cloned().unwrap_or_default();
    let location = format!(
        "http://{}/callback?code={}&state={state}",
        host(&headers),
        uuid().replace('-', "")
    );
    let expires = (chrono::Utc::now() + chrono::Duration::hours(1))
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string();
    let cookie = format!("ST={}; Path=/; Expires={expires}; HttpOnly", uuid());
    (
        StatusCode::FOUND,
        [(header::LOCATION, location), (header::SET_COOKIE, cookie)],
    )
        .into_response()
}

async fn token() -> Response {
    axum::Json(json!({
        "access_token": jwt(),
        "token_type": "Bearer",
        "expires_in": 3600,
        "scope": "openid profile",
        "id_token": jwt()
    }))
    .into_response()
}

async fn logo() -> Response {
    (
        [(header::CONTENT_TYPE, "image/png")],
        vec![
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
        ],
    )
        .into_response()
}

/// Runs `courier` with extra environment variables and `stdin`, colour off.
pub fn courier_with(args: &[&str], env: &[(&str, &str)], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_courier"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("COURIER_UPDATE_SNAPSHOTS")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run courier");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("write stdin");
    }
    let out = child.wait_with_output().expect("courier output");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `courier run` of the snapshot demo collection against `api`, with
/// snapshots in `dir` and `extra` arguments.
pub fn run_demo(api: &VolatileApi, dir: &std::path::Path, extra: &[&str]) -> Run {
    run_demo_env(api, dir, extra, &[])
}

/// [`run_demo`] with environment variables.
pub fn run_demo_env(
    api: &VolatileApi,
    dir: &std::path::Path,
    extra: &[&str],
    env: &[(&str, &str)],
) -> Run {
    let collection = fixture("snapshot.postman_collection.json");
    let captures = fixture("snapshot.captures.json");
    let base = format!("baseUrl={}", api.url());
    let dir = dir.to_string_lossy().into_owned();
    let mut args = vec![
        "run",
        collection.as_str(),
        "--env-var",
        base.as_str(),
        "--captures",
        captures.as_str(),
        "--snapshots",
        dir.as_str(),
    ];
    args.extend_from_slice(extra);
    courier_with(&args, env, "")
}

/// Copies the shipped PingOne redaction defaults into `dir`.
pub fn install_pingone_defaults(dir: &std::path::Path) {
    std::fs::create_dir_all(dir).expect("snapshot dir");
    std::fs::copy(
        crate::common::repo_file("collections/snapshots/courier.snapshots.json"),
        dir.join("courier.snapshots.json"),
    )
    .expect("copy courier.snapshots.json");
}
