//! What the simulator remembers between requests: the tenant (admin
//! environment, worker app, workflow environment), the objects the workflow
//! creates, and the OAuth state (tokens, flows, codes).
//!
//! One [`State`] sits behind the simulator's `Arc<Mutex<…>>`; handlers in
//! `platform.rs` and `auth.rs` take it as `&mut State`. Every id is a fresh
//! v4 UUID, so a run cannot pass with ids written into the collection.

use std::collections::{HashMap, HashSet};

use serde_json::{Value, json};

use super::SimulatorConfig;
use super::wire::{new_id, now};

/// One request the simulator answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    pub method: String,
    /// Path without the query.
    pub path: String,
    pub status: u16,
}

/// An application created in the workflow environment.
pub(super) struct App {
    pub id: String,
    pub name: String,
    pub secret: String,
    pub grant_types: Vec<String>,
    pub redirect_uris: Vec<String>,
    pub response_types: Vec<String>,
    /// Its attributes as answered (without `_links`).
    pub body: Value,
}

/// A scope of a resource.
pub(super) struct Scope {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// A resource (`openid`, the PingOne API, a custom API) and its scopes.
pub(super) struct Resource {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub audience: String,
    pub description: String,
    pub scopes: Vec<Scope>,
    pub created_at: String,
}

/// A resource grant: `app` may ask for `scope_ids` of `resource_id`.
pub(super) struct Grant {
    pub app_id: String,
    pub resource_id: String,
    pub scope_ids: Vec<String>,
}

pub(super) struct Population {
    pub id: String,
    pub name: String,
    pub description: String,
    pub default: bool,
    pub created_at: String,
}

pub(super) struct User {
    pub id: String,
    pub username: String,
    pub password: Option<String>,
}

/// Where an authorization flow stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FlowStatus {
    UsernamePasswordRequired,
    Completed,
    /// Resumed: the code was issued, the flow is spent.
    Resumed,
}

impl FlowStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FlowStatus::UsernamePasswordRequired => "USERNAME_PASSWORD_REQUIRED",
            FlowStatus::Completed => "COMPLETED",
            FlowStatus::Resumed => "RESUMED",
        }
    }
}

/// An authorization flow started by `/as/authorize`.
pub(super) struct Flow {
    pub app_id: String,
    pub redirect_uri: String,
    /// Requested and granted: what the tokens will carry.
    pub scopes: Vec<String>,
    pub status: FlowStatus,
    pub user_id: Option<String>,
    pub session_id: Option<String>,
    /// The `ST` cookie value that proves the session.
    pub session_token: Option<String>,
    /// Wrong passwords left before PingOne would lock the attempt.
    pub failures_remaining: u32,
    pub created_at: String,
}

/// An authorization code, single-use, bound to its client and redirect URI.
pub(super) struct Code {
    pub app_id: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub user_id: String,
    pub session_id: String,
    pub used: bool,
}

/// What a refresh token stands for.
pub(super) struct RefreshGrant {
    pub app_id: String,
    pub scopes: Vec<String>,
    pub user_id: String,
    pub session_id: String,
}

/// Everything the simulator knows.
pub(super) struct State {
    pub config: SimulatorConfig,
    /// `http://127.0.0.1:PORT`, known once the server is bound.
    pub base: String,
    pub admin_env_id: String,
    pub admin_app_id: String,
    pub admin_app_secret: String,
    pub env_id: String,
    pub admin_tokens: HashSet<String>,
    pub user_tokens: HashSet<String>,
    pub apps: Vec<App>,
    pub resources: Vec<Resource>,
    pub grants: Vec<Grant>,
    pub populations: Vec<Population>,
    pub users: Vec<User>,
    pub flows: HashMap<String, Flow>,
    pub codes: HashMap<String, Code>,
    pub refresh_tokens: HashMap<String, RefreshGrant>,
    pub log: Vec<LoggedRequest>,
}

impl State {
    /// A tenant with fresh ids (or the configured ones) and the standard resources.
    pub fn new(config: SimulatorConfig) -> State {
        let env_id = config.env_id.clone().unwrap_or_else(new_id);
        let mut state = State {
            admin_env_id: config.admin_env_id.clone().unwrap_or_else(new_id),
            admin_app_id: config.admin_app_id.clone().unwrap_or_else(new_id),
            admin_app_secret: config
                .admin_app_secret
                .clone()
                .unwrap_or_else(super::wire::new_secret),
            env_id,
            config,
            base: String::new(),
            admin_tokens: HashSet::new(),
            user_tokens: HashSet::new(),
            apps: Vec::new(),
            resources: standard_resources(),
            grants: Vec::new(),
            populations: Vec::new(),
            users: Vec::new(),
            flows: HashMap::new(),
            codes: HashMap::new(),
            refresh_tokens: HashMap::new(),
            log: Vec::new(),
        };
        state.populations.push(Population {
            id: new_id(),
            name: "Default".into(),
            description: "Automatically created population.".into(),
            default: true,
            created_at: now(),
        });
        state
    }

    /// `{base}/v1/environments/{envID}`: the prefix of every link.
    pub fn env_href(&self) -> String {
        format!("{}/v1/environments/{}", self.base, self.env_id)
    }

    /// `{"href": …}` for a path under the environment.
    pub fn link(&self, tail: &str) -> Value {
        json!({ "href": format!("{}{tail}", self.env_href()) })
    }

    /// The resource named `name`.
    pub fn resource_named(&self, name: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.name == name)
    }

    /// The application `id` of the workflow environment.
    pub fn app(&self, id: &str) -> Option<&App> {
        self.apps.iter().find(|a| a.id == id)
    }

    /// Whether `app_id` holds a grant for the scope `scope_name` of the `openid` resource.
    pub fn has_openid_grant(&self, app_id: &str, scope_name: &str) -> bool {
        let Some(openid) = self.resource_named("openid") else {
            return false;
        };
        let Some(scope) = openid.scopes.iter().find(|s| s.name == scope_name) else {
            return false;
        };
        self.grants.iter().any(|g| {
            g.app_id == app_id && g.resource_id == openid.id && g.scope_ids.contains(&scope.id)
        })
    }
}

/// The resources every PingOne environment has, plus one custom API; the
/// `openid` resource is not first, so a script must look it up by name.
fn standard_resources() -> Vec<Resource> {
    let resource =
        |name: &str, kind, audience: &str, description: &str, scopes: &[(&str, &str)]| Resource {
            id: new_id(),
            name: name.to_owned(),
            kind,
            audience: audience.to_owned(),
            description: description.to_owned(),
            scopes: scopes
                .iter()
                .map(|(n, d)| Scope {
                    id: new_id(),
                    name: (*n).to_owned(),
                    description: (*d).to_owned(),
                })
                .collect(),
            created_at: now(),
        };
    vec![
        resource(
            "PingOne API",
            "PING_ONE_API",
            "https://api.pingone.com",
            "PingOne Platform API",
            &[
                ("p1:read:user", "Read your user profile"),
                ("p1:update:user", "Update your user profile"),
                ("p1:read:sessions", "Read your sessions"),
            ],
        ),
        resource(
            "openid",
            "OPENID_CONNECT",
            "https://auth.pingone.com",
            "OpenID Connect",
            &[
                ("address", "End-user's address"),
                ("email", "End-user's email address"),
                ("openid", "Signals an OpenID Connect request"),
                ("phone", "End-user's telephone number"),
                ("profile", "End-user's default profile claims"),
                (
                    "offline_access",
                    "Issues a refresh token for offline access",
                ),
            ],
        ),
        resource(
            "Invoices API",
            "CUSTOM",
            "https://invoices.example.com",
            "A custom resource",
            &[
                ("invoices:read", "Read invoices"),
                ("invoices:write", "Create and change invoices"),
            ],
        ),
    ]
}
