//! The Platform API under `{{apiPath}}` (`/v1/environments/{envID}/…`):
//! applications and their secret and grants, resources and scopes,
//! populations, users and the password set — steps 1 to 8 of the workflow.
//!
//! Every call needs the worker's Bearer token (401 without a valid one, 403
//! for a user's token); bodies are validated as PingOne validates them and
//! rejected with `INVALID_DATA` details naming the field. `mod.rs` routes
//! here; tokens come from `auth.rs`.

use serde_json::{Map, Value, json};

use super::state::{App, Grant, Population, State, User};
use super::wire::{Req, Resp, detail, new_id, new_secret, now};

/// Answers a request whose path starts with `/v1`.
pub(super) fn handle(state: &mut State, req: &Req) -> Resp {
    if let Err(resp) = authorize_admin(state, req) {
        return resp;
    }
    let rest: Vec<&str> = req.segments.iter().skip(1).map(String::as_str).collect();
    let (env, tail) = match rest.as_slice() {
        ["environments", env, tail @ ..] => (*env, tail),
        _ => return unknown_route(req),
    };
    if env != state.env_id {
        return Resp::not_found("environment", env);
    }
    match (req.method.as_str(), tail) {
        ("POST", ["applications"]) => create_app(state, req),
        ("GET", ["applications", app, "secret"]) => app_secret(state, app),
        ("POST", ["applications", app, "grants"]) => create_grant(state, req, app),
        ("GET", ["resources"]) => list_resources(state),
        ("GET", ["resources", res, "scopes"]) => list_scopes(state, res),
        ("POST", ["populations"]) => create_population(state, req),
        ("POST", ["users"]) => create_user(state, req),
        ("PUT", ["users", user, "password"]) => set_password(state, req, user),
        (
            _,
            ["applications"]
            | ["applications", _, "secret" | "grants"]
            | ["resources"]
            | ["resources", _, "scopes"]
            | ["populations"]
            | ["users"]
            | ["users", _, "password"],
        ) => method_not_allowed(req),
        _ => unknown_route(req),
    }
}

/// 401 without a worker token, 403 for a token that is not one.
fn authorize_admin(state: &State, req: &Req) -> Result<(), Resp> {
    match req.bearer() {
        Some(token) if state.admin_tokens.contains(token) => Ok(()),
        Some(token) if state.user_tokens.contains(token) => Err(Resp::error(
            403,
            "ACCESS_FAILED",
            "The request could not be completed. You do not have access to this resource.",
            vec![json!({
                "code": "INSUFFICIENT_PERMISSIONS",
                "message": "The access token was issued to a user, not to a worker application with a role in this environment.",
            })],
        )),
        Some(_) => Err(Resp::error(
            401,
            "INVALID_TOKEN",
            "The request could not be completed. The access token is invalid or has expired.",
            vec![
                json!({ "code": "INVALID_VALUE", "target": "Authorization", "message": "Unknown access token." }),
            ],
        )),
        None => Err(Resp::error(
            401,
            "INVALID_TOKEN",
            "The request could not be completed. An access token is required.",
            vec![json!({
                "code": "REQUIRED_VALUE",
                "target": "Authorization",
                "message": "Send 'Authorization: Bearer <token>' with a worker application's access token.",
            })],
        )),
    }
}

pub(super) fn unknown_route(req: &Req) -> Resp {
    Resp::error(
        404,
        "NOT_FOUND",
        "The requested resource was not found.",
        vec![
            json!({ "code": "NOT_FOUND", "target": "path", "message": format!("No route for {} {}.", req.method, req.path) }),
        ],
    )
}

pub(super) fn method_not_allowed(req: &Req) -> Resp {
    Resp::error(
        405,
        "METHOD_NOT_ALLOWED",
        &format!(
            "The request could not be completed. {} is not allowed here.",
            req.method
        ),
        vec![],
    )
}

const APP_TYPES: &[&str] = &[
    "WEB_APP",
    "NATIVE_APP",
    "SINGLE_PAGE_APP",
    "WORKER",
    "SERVICE",
];
const GRANT_TYPES: &[&str] = &[
    "AUTHORIZATION_CODE",
    "IMPLICIT",
    "REFRESH_TOKEN",
    "CLIENT_CREDENTIALS",
    "DEVICE_CODE",
];
const RESPONSE_TYPES: &[&str] = &["CODE", "TOKEN", "ID_TOKEN"];
const AUTH_METHODS: &[&str] = &[
    "NONE",
    "CLIENT_SECRET_BASIC",
    "CLIENT_SECRET_POST",
    "CLIENT_SECRET_JWT",
    "PRIVATE_KEY_JWT",
];

/// A list of strings from `body[key]`, each one of `allowed` (when given).
fn string_list(
    body: &Map<String, Value>,
    key: &str,
    allowed: Option<&[&str]>,
    details: &mut Vec<Value>,
) -> Vec<String> {
    let Some(value) = body.get(key) else {
        return Vec::new();
    };
    let Some(items) = value.as_array() else {
        details.push(detail("INVALID_VALUE", key, "Must be an array of strings."));
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        match item.as_str() {
            Some(s) if allowed.is_none_or(|a| a.contains(&s)) => out.push(s.to_owned()),
            Some(s) => details.push(detail(
                "INVALID_VALUE",
                key,
                &format!(
                    "'{s}' is not one of {}.",
                    allowed.unwrap_or_default().join(", ")
                ),
            )),
            None => details.push(detail("INVALID_VALUE", key, "Must be an array of strings.")),
        }
    }
    out
}

/// A string field that must be present and non-empty.
fn required_string(body: &Map<String, Value>, key: &str, details: &mut Vec<Value>) -> String {
    match body.get(key).and_then(Value::as_str) {
        Some(s) if !s.trim().is_empty() => s.to_owned(),
        Some(_) | None => {
            details.push(detail(
                "REQUIRED_VALUE",
                key,
                &format!("'{key}' is required."),
            ));
            String::new()
        }
    }
}

/// A string field that, when present, is one of `allowed`.
fn enum_field(
    body: &Map<String, Value>,
    key: &str,
    allowed: &[&str],
    details: &mut Vec<Value>,
) -> Option<String> {
    let value = body.get(key)?;
    match value.as_str() {
        Some(s) if allowed.contains(&s) => Some(s.to_owned()),
        _ => {
            details.push(detail(
                "INVALID_VALUE",
                key,
                &format!("Must be one of {}.", allowed.join(", ")),
            ));
            None
        }
    }
}

fn create_app(state: &mut State, req: &Req) -> Resp {
    if let Err(resp) = req.require_media_type("application/json") {
        return resp;
    }
    let body = match req.json_object() {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    let mut details = Vec::new();
    let name = required_string(&body, "name", &mut details);
    if state.apps.iter().any(|a| a.name == name) {
        details.push(detail(
            "UNIQUENESS_VIOLATION",
            "name",
            "An application with this name already exists.",
        ));
    }
    let enabled = match body.get("enabled") {
        Some(Value::Bool(b)) => *b,
        _ => {
            details.push(detail(
                "REQUIRED_VALUE",
                "enabled",
                "'enabled' must be true or false.",
            ));
            false
        }
    };
    let kind = enum_field(&body, "type", APP_TYPES, &mut details);
    if kind.is_none() && !body.contains_key("type") {
        details.push(detail("REQUIRED_VALUE", "type", "'type' is required."));
    }
    let protocol = enum_field(&body, "protocol", &["OPENID_CONNECT", "SAML"], &mut details);
    if protocol.is_none() && !body.contains_key("protocol") {
        details.push(detail(
            "REQUIRED_VALUE",
            "protocol",
            "'protocol' is required.",
        ));
    }
    let grant_types = string_list(&body, "grantTypes", Some(GRANT_TYPES), &mut details);
    let redirect_uris = string_list(&body, "redirectUris", None, &mut details);
    let response_types = string_list(&body, "responseTypes", Some(RESPONSE_TYPES), &mut details);
    let auth_method = enum_field(&body, "tokenEndpointAuthMethod", AUTH_METHODS, &mut details)
        .unwrap_or_else(|| "CLIENT_SECRET_BASIC".into());
    let has = |list: &[String], v: &str| list.iter().any(|g| g == v);
    if has(&grant_types, "AUTHORIZATION_CODE") {
        if redirect_uris.is_empty() {
            details.push(detail(
                "REQUIRED_VALUE",
                "redirectUris",
                "The AUTHORIZATION_CODE grant type needs at least one redirect URI.",
            ));
        }
        if !has(&response_types, "CODE") {
            details.push(detail(
                "INVALID_VALUE",
                "responseTypes",
                "The AUTHORIZATION_CODE grant type needs the CODE response type.",
            ));
        }
    }
    if has(&grant_types, "REFRESH_TOKEN") && !has(&grant_types, "AUTHORIZATION_CODE") {
        details.push(detail(
            "INVALID_VALUE",
            "grantTypes",
            "REFRESH_TOKEN requires the AUTHORIZATION_CODE grant type.",
        ));
    }
    if !details.is_empty() {
        return Resp::invalid_data(details);
    }
    let id = new_id();
    let at = now();
    let attributes = json!({
        "id": id,
        "environment": { "id": state.env_id },
        "name": name,
        "description": body.get("description").cloned().unwrap_or(Value::Null),
        "enabled": enabled,
        "type": kind,
        "protocol": protocol,
        "createdAt": at,
        "updatedAt": at,
        "assignActorRoles": false,
        "grantTypes": grant_types,
        "redirectUris": redirect_uris,
        "responseTypes": response_types,
        "tokenEndpointAuthMethod": auth_method,
        "pkceEnforcement": "OPTIONAL",
        "refreshTokenDuration": 2_592_000,
        "refreshTokenRollingDuration": 15_552_000,
        "refreshTokenRollingGracePeriodDuration": 0,
    });
    state.apps.push(App {
        id: id.clone(),
        name,
        secret: new_secret(),
        grant_types,
        redirect_uris,
        response_types,
        body: attributes,
    });
    Resp::json(201, app_json(state, &id))
}

/// An application as PingOne answers it: `_links` first, then attributes.
fn app_json(state: &State, id: &str) -> Value {
    let base = format!("/applications/{id}");
    let mut out = json!({
        "_links": {
            "self": state.link(&base),
            "environment": { "href": state.env_href() },
            "attributes": state.link(&format!("{base}/attributes")),
            "secret": state.link(&format!("{base}/secret")),
            "grants": state.link(&format!("{base}/grants")),
        }
    });
    if let (Some(out), Some(Value::Object(attrs))) =
        (out.as_object_mut(), state.app(id).map(|a| &a.body))
    {
        for (k, v) in attrs {
            if !v.is_null() {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    out
}

fn app_secret(state: &State, app_id: &str) -> Resp {
    let Some(app) = state.app(app_id) else {
        return Resp::not_found("application", app_id);
    };
    Resp::json(
        200,
        json!({
            "_links": {
                "self": state.link(&format!("/applications/{app_id}/secret")),
                "application": state.link(&format!("/applications/{app_id}")),
            },
            "environment": { "id": state.env_id },
            "secret": app.secret,
        }),
    )
}

fn create_grant(state: &mut State, req: &Req, app_id: &str) -> Resp {
    if state.app(app_id).is_none() {
        return Resp::not_found("application", app_id);
    }
    if let Err(resp) = req.require_media_type("application/json") {
        return resp;
    }
    let body = match req.json_object() {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    let resource_id = body
        .get("resource")
        .and_then(|r| r.get("id"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let Some(resource) = state.resources.iter().find(|r| r.id == resource_id) else {
        return Resp::invalid_data(vec![detail(
            "INVALID_VALUE",
            "resource.id",
            &format!("No resource '{resource_id}' in this environment."),
        )]);
    };
    let requested: Vec<&str> = body
        .get("scopes")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|s| s.get("id").and_then(Value::as_str).unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    if requested.is_empty() {
        return Resp::invalid_data(vec![detail(
            "REQUIRED_VALUE",
            "scopes",
            "At least one scope {\"id\": …} is required.",
        )]);
    }
    let unknown: Vec<Value> = requested
        .iter()
        .filter(|id| !resource.scopes.iter().any(|s| s.id == **id))
        .map(|id| {
            detail(
                "INVALID_VALUE",
                "scopes.id",
                &format!(
                    "Scope '{id}' does not belong to resource '{}'.",
                    resource.name
                ),
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Resp::invalid_data(unknown);
    }
    let id = new_id();
    let at = now();
    let answer = json!({
        "_links": {
            "self": state.link(&format!("/applications/{app_id}/grants/{id}")),
            "application": state.link(&format!("/applications/{app_id}")),
            "resource": state.link(&format!("/resources/{resource_id}")),
        },
        "id": id,
        "environment": { "id": state.env_id },
        "resource": { "id": resource_id },
        "scopes": requested.iter().map(|id| json!({ "id": id })).collect::<Vec<_>>(),
        "application": { "id": app_id },
        "createdAt": at,
        "updatedAt": at,
    });
    // The `drop_grants` knob: answer as usual but forget the grant.
    if !state.config.drop_grants {
        state.grants.push(Grant {
            app_id: app_id.to_owned(),
            resource_id: resource_id.to_owned(),
            scope_ids: requested.iter().map(|s| (*s).to_owned()).collect(),
        });
    }
    Resp::json(201, answer)
}

fn list_resources(state: &State) -> Resp {
    let resources: Vec<Value> = state
        .resources
        .iter()
        .map(|r| {
            json!({
                "_links": { "self": state.link(&format!("/resources/{}", r.id)) },
                "id": r.id,
                "environment": { "id": state.env_id },
                "name": r.name,
                "description": r.description,
                "type": r.kind,
                "audience": r.audience,
                "accessTokenValiditySeconds": 3600,
                "createdAt": r.created_at,
                "updatedAt": r.created_at,
            })
        })
        .collect();
    Resp::json(
        200,
        json!({
            "_links": { "self": state.link("/resources") },
            "_embedded": { "resources": resources },
            "count": state.resources.len(),
            "size": state.resources.len(),
        }),
    )
}

fn list_scopes(state: &State, resource_id: &str) -> Resp {
    let Some(resource) = state.resources.iter().find(|r| r.id == resource_id) else {
        return Resp::not_found("resource", resource_id);
    };
    let scopes: Vec<Value> = resource
        .scopes
        .iter()
        .map(|s| {
            json!({
                "_links": {
                    "self": state.link(&format!("/resources/{resource_id}/scopes/{}", s.id)),
                    "resource": state.link(&format!("/resources/{resource_id}")),
                },
                "id": s.id,
                "environment": { "id": state.env_id },
                "resource": { "id": resource_id },
                "name": s.name,
                "description": s.description,
                "createdAt": resource.created_at,
                "updatedAt": resource.created_at,
            })
        })
        .collect();
    Resp::json(
        200,
        json!({
            "_links": { "self": state.link(&format!("/resources/{resource_id}/scopes")) },
            "_embedded": { "scopes": scopes },
            "count": resource.scopes.len(),
            "size": resource.scopes.len(),
        }),
    )
}

fn population_json(state: &State, p: &Population) -> Value {
    json!({
        "_links": {
            "self": state.link(&format!("/populations/{}", p.id)),
            "environment": { "href": state.env_href() },
        },
        "id": p.id,
        "environment": { "id": state.env_id },
        "name": p.name,
        "description": p.description,
        "userCount": 0,
        "createdAt": p.created_at,
        "updatedAt": p.created_at,
        "default": p.default,
    })
}

fn create_population(state: &mut State, req: &Req) -> Resp {
    if let Err(resp) = req.require_media_type("application/json") {
        return resp;
    }
    let body = match req.json_object() {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    let mut details = Vec::new();
    let name = required_string(&body, "name", &mut details);
    if state.populations.iter().any(|p| p.name == name) {
        details.push(detail(
            "UNIQUENESS_VIOLATION",
            "name",
            "A population with this name already exists.",
        ));
    }
    if !details.is_empty() {
        return Resp::invalid_data(details);
    }
    let population = Population {
        id: new_id(),
        name,
        description: body
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        default: false,
        created_at: now(),
    };
    let answer = population_json(state, &population);
    state.populations.push(population);
    Resp::json(201, answer)
}

fn create_user(state: &mut State, req: &Req) -> Resp {
    if let Err(resp) = req.require_media_type("application/json") {
        return resp;
    }
    let body = match req.json_object() {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    let mut details = Vec::new();
    let username = required_string(&body, "username", &mut details);
    if state.users.iter().any(|u| u.username == username) {
        details.push(detail(
            "UNIQUENESS_VIOLATION",
            "username",
            "A user with this username already exists.",
        ));
    }
    let email = required_string(&body, "email", &mut details);
    if !email.is_empty() && !email.contains('@') {
        details.push(detail(
            "INVALID_VALUE",
            "email",
            "Must be a valid email address.",
        ));
    }
    let population_id = match body.get("population").and_then(|p| p.get("id")) {
        None => state
            .populations
            .iter()
            .find(|p| p.default)
            .map(|p| p.id.clone())
            .unwrap_or_default(),
        Some(v) => {
            let id = v.as_str().unwrap_or_default();
            if !state.populations.iter().any(|p| p.id == id) {
                details.push(detail(
                    "INVALID_VALUE",
                    "population.id",
                    &format!("No population '{id}' in this environment."),
                ));
            }
            id.to_owned()
        }
    };
    if !details.is_empty() {
        return Resp::invalid_data(details);
    }
    let id = new_id();
    let at = now();
    let user_link = |tail: &str| state.link(&format!("/users/{id}{tail}"));
    let answer = json!({
        "_links": {
            "self": user_link(""),
            "password": user_link("/password"),
            "password.set": user_link("/password"),
            "password.verify": user_link("/password"),
            "password.reset": user_link("/password"),
            "password.check": user_link("/password"),
            "password.recover": user_link("/password"),
            "account.sendVerificationCode": user_link(""),
            "linkedAccounts": user_link("/linkedAccounts"),
        },
        "id": id,
        "environment": { "id": state.env_id },
        "account": { "canAuthenticate": true, "status": "OK" },
        "createdAt": at,
        "email": email,
        "enabled": true,
        "identityProvider": { "type": "PING_ONE" },
        "lifecycle": { "status": "ACCOUNT_OK" },
        "mfaEnabled": false,
        "population": { "id": population_id },
        "updatedAt": at,
        "username": username,
        "verifyStatus": "NOT_INITIATED",
    });
    state.users.push(User {
        id,
        username,
        password: None,
    });
    Resp::json(201, answer)
}

/// A test on one character of a password.
type CharTest = fn(&char) -> bool;

/// The requirements of PingOne's default "Standard" password policy that
/// `password` misses.
fn unmet_password_requirements(password: &str) -> Vec<&'static str> {
    let mut unmet = Vec::new();
    let count = password.chars().count();
    if count < 8 {
        unmet.push("minCharacters: at least 8 characters");
    }
    if count > 255 {
        unmet.push("maxCharacters: at most 255 characters");
    }
    let classes: [(&str, CharTest); 4] = [
        ("at least one upper-case letter", char::is_ascii_uppercase),
        ("at least one lower-case letter", char::is_ascii_lowercase),
        ("at least one digit", char::is_ascii_digit),
        ("at least one special character", |c: &char| {
            !c.is_alphanumeric()
        }),
    ];
    for (text, test) in classes {
        if !password.chars().any(|c| test(&c)) {
            unmet.push(text);
        }
    }
    let unique: std::collections::HashSet<char> = password.chars().collect();
    if unique.len() < 5 {
        unmet.push("minUniqueCharacters: at least 5 different characters");
    }
    unmet
}

fn set_password(state: &mut State, req: &Req, user_id: &str) -> Resp {
    if !state.users.iter().any(|u| u.id == user_id) {
        return Resp::not_found("user", user_id);
    }
    if let Err(resp) = req.require_media_type("application/vnd.pingidentity.password.set+json") {
        return resp;
    }
    let body = match req.json_object() {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    let Some(value) = body.get("value").and_then(Value::as_str) else {
        return Resp::invalid_data(vec![detail(
            "REQUIRED_VALUE",
            "value",
            "'value' (the new password) is required.",
        )]);
    };
    if let Some(force) = body.get("forceChange")
        && !force.is_boolean()
    {
        return Resp::invalid_data(vec![detail(
            "INVALID_VALUE",
            "forceChange",
            "Must be true or false.",
        )]);
    }
    let unmet = unmet_password_requirements(value);
    if !unmet.is_empty() {
        return Resp::invalid_data(vec![json!({
            "code": "INVALID_VALUE",
            "target": "value",
            "message": "User password did not satisfy password policy requirements",
            "innerError": { "unsatisfiedRequirements": unmet },
        })]);
    }
    let policy_id = new_id();
    let env = state.env_id.clone();
    let links = json!({
        "self": state.link(&format!("/users/{user_id}/password")),
        "user": state.link(&format!("/users/{user_id}")),
        "passwordPolicy": state.link(&format!("/passwordPolicies/{policy_id}")),
    });
    if let Some(user) = state.users.iter_mut().find(|u| u.id == user_id) {
        user.password = Some(value.to_owned());
    }
    Resp::json(
        200,
        json!({
            "_links": links,
            "environment": { "id": env },
            "user": { "id": user_id },
            "passwordPolicy": { "id": policy_id },
            "status": "OK",
            "lastChangedAt": now(),
        }),
    )
}
