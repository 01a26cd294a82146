//! The authorization server under `{{authPath}}/{envID}`: the token
//! endpoint (worker token, code exchange, refresh), `/as/authorize`, the
//! flow API (`/flows/{flowID}`) and `/as/resume` — steps 0 and 9 to 14.
//!
//! The flow is a state machine: `USERNAME_PASSWORD_REQUIRED` → `COMPLETED`
//! (only with the user's username and password; the answer sets the `ST`
//! session cookie) → resumed (only with that cookie; issues a code). A code
//! is single-use and bound to its client and redirect URI; a refresh token
//! is issued only when the application has the `REFRESH_TOKEN` grant type,
//! holds a grant for `offline_access`, and the scope was requested.
//! Token calls need Basic client authentication. `mod.rs` routes here;
//! the objects come from `platform.rs`.

use serde_json::{Value, json};

use super::state::{Code, Flow, FlowStatus, RefreshGrant, State};
use super::wire::{Req, Resp, detail, epoch, jwt, lookup, new_id, now};

/// Answers a request under `/{envID}/…`.
pub(super) fn handle(state: &mut State, req: &Req) -> Resp {
    let segments: Vec<&str> = req.segments.iter().map(String::as_str).collect();
    let Some((env, tail)) = segments.split_first() else {
        return super::platform::unknown_route(req);
    };
    let env = (*env).to_owned();
    if env != state.env_id && env != state.admin_env_id {
        return Resp::not_found("environment", &env);
    }
    match (req.method.as_str(), tail) {
        ("POST", ["as", "token"]) => token(state, req, &env),
        ("GET", ["as", "authorize"]) => authorize(state, req, &env),
        ("GET", ["as", "resume"]) => resume(state, req),
        ("GET", ["flows", flow]) => get_flow(state, &env, flow),
        ("POST", ["flows", flow]) => check_credentials(state, req, &env, flow),
        (_, ["as", "token" | "authorize" | "resume"] | ["flows", _]) => {
            super::platform::method_not_allowed(req)
        }
        _ => super::platform::unknown_route(req),
    }
}

// ---- token endpoint -------------------------------------------------------------

fn token(state: &mut State, req: &Req, env: &str) -> Resp {
    if let Err(resp) = req.require_media_type("application/x-www-form-urlencoded") {
        return resp;
    }
    let form = req.form();
    let Some((client_id, secret)) = req.basic() else {
        return Resp::oauth_error(
            401,
            "invalid_client",
            "Client authentication is required: send the client id and secret with HTTP Basic (client_secret_basic).",
        )
        .with_header("WWW-Authenticate", "Basic realm=\"PingOne\"".into());
    };
    let Some(grant_type) = lookup(&form, "grant_type") else {
        return Resp::oauth_error(400, "invalid_request", "grant_type is required.");
    };
    if env == state.admin_env_id {
        if client_id != state.admin_app_id || secret != state.admin_app_secret {
            return invalid_client();
        }
        if grant_type != "client_credentials" {
            return Resp::oauth_error(
                400,
                "unauthorized_client",
                &format!("The worker application may not use the {grant_type} grant."),
            );
        }
        let token = jwt(&json!({
            "client_id": client_id,
            "iss": format!("{}/{env}/as", state.base),
            "jti": new_id(),
            "iat": epoch(),
            "exp": epoch() + 3600,
            "aud": ["https://api.pingone.com"],
            "env": env,
            "org": new_id(),
        }));
        state.admin_tokens.insert(token.clone());
        return token_answer(json!({
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": 3600,
        }));
    }
    let Some(app) = state.app(&client_id).filter(|a| a.secret == secret) else {
        return invalid_client();
    };
    let app_grants = app.grant_types.clone();
    match grant_type {
        "authorization_code" if app_grants.iter().any(|g| g == "AUTHORIZATION_CODE") => {
            exchange_code(state, &form, env, &client_id)
        }
        "refresh_token" if app_grants.iter().any(|g| g == "REFRESH_TOKEN") => {
            refresh(state, &form, env, &client_id)
        }
        "authorization_code"
        | "refresh_token"
        | "client_credentials"
        | "implicit"
        | "urn:ietf:params:oauth:grant-type:device_code" => Resp::oauth_error(
            400,
            "unauthorized_client",
            &format!("The application does not have the grant type {grant_type}."),
        ),
        other => Resp::oauth_error(
            400,
            "unsupported_grant_type",
            &format!("Unsupported grant_type '{other}'."),
        ),
    }
}

fn invalid_client() -> Resp {
    Resp::oauth_error(
        401,
        "invalid_client",
        "Client authentication failed: unknown client id or wrong secret.",
    )
    .with_header("WWW-Authenticate", "Basic realm=\"PingOne\"".into())
}

/// A 200 token answer with the caching headers OAuth requires.
fn token_answer(body: Value) -> Resp {
    Resp::json(200, body)
        .with_header("Cache-Control", "no-cache, no-store".into())
        .with_header("Pragma", "no-cache".into())
}

/// Issues a user access token for `client_id`.
fn user_access_token(
    state: &mut State,
    env: &str,
    client_id: &str,
    grant: &RefreshGrant,
) -> String {
    let token = jwt(&json!({
        "client_id": client_id,
        "iss": format!("{}/{env}/as", state.base),
        "jti": new_id(),
        "iat": epoch(),
        "exp": epoch() + 3600,
        "aud": ["https://api.pingone.com"],
        "scope": grant.scopes.join(" "),
        "sub": grant.user_id,
        "sid": grant.session_id,
        "env": env,
    }));
    state.user_tokens.insert(token.clone());
    token
}

fn exchange_code(state: &mut State, form: &[(String, String)], env: &str, client_id: &str) -> Resp {
    let Some(code_value) = lookup(form, "code") else {
        return Resp::oauth_error(400, "invalid_request", "code is required.");
    };
    let redirect_uri = lookup(form, "redirect_uri").unwrap_or_default();
    let Some(code) = state.codes.get_mut(code_value) else {
        return Resp::oauth_error(
            400,
            "invalid_grant",
            "The authorization code is invalid or has expired.",
        );
    };
    if code.used {
        return Resp::oauth_error(
            400,
            "invalid_grant",
            "The authorization code has already been used.",
        );
    }
    if code.app_id != client_id {
        return Resp::oauth_error(
            400,
            "invalid_grant",
            "The authorization code was issued to another client.",
        );
    }
    if code.redirect_uri != redirect_uri {
        return Resp::oauth_error(
            400,
            "invalid_grant",
            &format!(
                "redirect_uri '{redirect_uri}' does not match the one of the authorization request."
            ),
        );
    }
    code.used = true;
    let grant = RefreshGrant {
        app_id: code.app_id.clone(),
        scopes: code.scopes.clone(),
        user_id: code.user_id.clone(),
        session_id: code.session_id.clone(),
    };
    let access_token = user_access_token(state, env, client_id, &grant);
    let id_token = jwt(&json!({
        "sub": grant.user_id,
        "aud": client_id,
        "iss": format!("{}/{env}/as", state.base),
        "iat": epoch(),
        "exp": epoch() + 3600,
        "auth_time": epoch(),
        "acr": "Single_Factor",
        "amr": ["pwd"],
        "sid": grant.session_id,
        "env": env,
    }));
    let mut body = json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": 3600,
        "scope": grant.scopes.join(" "),
        "id_token": id_token,
    });
    if refresh_allowed(state, client_id, &grant.scopes) {
        let refresh_token = new_refresh_token(state, env, grant);
        body["refresh_token"] = json!(refresh_token);
    }
    token_answer(body)
}

/// The application has the REFRESH_TOKEN grant type, holds the
/// `offline_access` grant, and `offline_access` was requested.
fn refresh_allowed(state: &State, client_id: &str, scopes: &[String]) -> bool {
    let has_type = state
        .app(client_id)
        .is_some_and(|a| a.grant_types.iter().any(|g| g == "REFRESH_TOKEN"));
    has_type
        && scopes.iter().any(|s| s == "offline_access")
        && state.has_openid_grant(client_id, "offline_access")
}

fn new_refresh_token(state: &mut State, env: &str, grant: RefreshGrant) -> String {
    let token = jwt(&json!({
        "jti": new_id(),
        "iss": format!("{}/{env}/as", state.base),
        "iat": epoch(),
        "exp": epoch() + 2_592_000,
        "sid": grant.session_id,
        "env": env,
    }));
    state.refresh_tokens.insert(token.clone(), grant);
    token
}

fn refresh(state: &mut State, form: &[(String, String)], env: &str, client_id: &str) -> Resp {
    let Some(refresh_token) = lookup(form, "refresh_token") else {
        return Resp::oauth_error(400, "invalid_request", "refresh_token is required.");
    };
    let Some(grant) = state.refresh_tokens.get(refresh_token) else {
        return Resp::oauth_error(
            400,
            "invalid_grant",
            "The refresh token is invalid or has expired.",
        );
    };
    if grant.app_id != client_id {
        return Resp::oauth_error(
            400,
            "invalid_grant",
            "The refresh token was issued to another client.",
        );
    }
    let grant = RefreshGrant {
        app_id: grant.app_id.clone(),
        scopes: grant.scopes.clone(),
        user_id: grant.user_id.clone(),
        session_id: grant.session_id.clone(),
    };
    let access_token = user_access_token(state, env, client_id, &grant);
    let scope = grant.scopes.join(" ");
    let rolled = new_refresh_token(state, env, grant);
    token_answer(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": 3600,
        "scope": scope,
        "refresh_token": rolled,
    }))
}

// ---- authorize, flows, resume -----------------------------------------------------

/// An OAuth error sent back to the client's redirect URI.
fn redirect_error(redirect_uri: &str, error: &str, description: &str) -> Resp {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("error", error)
        .append_pair("error_description", description)
        .finish();
    Resp::redirect(&with_query(redirect_uri, &query))
}

fn with_query(uri: &str, query: &str) -> String {
    let sep = if uri.contains('?') { '&' } else { '?' };
    format!("{uri}{sep}{query}")
}

fn authorize(state: &mut State, req: &Req, env: &str) -> Resp {
    let bad = |target: &str, message: &str| {
        Resp::error(
            400,
            "INVALID_REQUEST",
            &format!("The request could not be completed. {message}"),
            vec![detail("INVALID_VALUE", target, message)],
        )
    };
    let client_id = req.query_param("client_id").unwrap_or_default();
    let Some(app) = state.app(client_id).filter(|_| env == state.env_id) else {
        return bad(
            "client_id",
            &format!("No application with client_id '{client_id}'."),
        );
    };
    let redirect_uri = req.query_param("redirect_uri").unwrap_or_default();
    if !app.redirect_uris.iter().any(|u| u == redirect_uri) {
        return bad(
            "redirect_uri",
            &format!("redirect_uri '{redirect_uri}' is not registered for the application."),
        );
    }
    // From here on errors go back to the client, as OAuth 2.0 says.
    if req.query_param("response_type") != Some("code")
        || !app.response_types.iter().any(|t| t == "CODE")
    {
        return redirect_error(
            redirect_uri,
            "unsupported_response_type",
            "response_type must be code, and the application must allow the CODE response type.",
        );
    }
    if !app.grant_types.iter().any(|g| g == "AUTHORIZATION_CODE") {
        return redirect_error(
            redirect_uri,
            "unauthorized_client",
            "The application does not have the AUTHORIZATION_CODE grant type.",
        );
    }
    let requested: Vec<String> = req
        .query_param("scope")
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    if !requested.iter().any(|s| s == "openid") {
        return redirect_error(
            redirect_uri,
            "invalid_scope",
            "The openid scope is required.",
        );
    }
    let known = |name: &str| {
        state
            .resource_named("openid")
            .is_some_and(|r| r.scopes.iter().any(|s| s.name == name))
    };
    if let Some(unknown) = requested.iter().find(|s| !known(s)) {
        return redirect_error(
            redirect_uri,
            "invalid_scope",
            &format!("Unknown scope '{unknown}'."),
        );
    }
    // Scopes the application holds no grant for are left out of the tokens.
    let app_id = app.id.clone();
    let scopes: Vec<String> = requested
        .into_iter()
        .filter(|s| s == "openid" || state.has_openid_grant(&app_id, s))
        .collect();
    let flow_id = new_id();
    state.flows.insert(
        flow_id.clone(),
        Flow {
            app_id,
            redirect_uri: redirect_uri.to_owned(),
            scopes,
            status: FlowStatus::UsernamePasswordRequired,
            user_id: None,
            session_id: None,
            session_token: None,
            failures_remaining: 5,
            created_at: now(),
        },
    );
    Resp::redirect(&format!(
        "https://apps.pingone.com/{env}/signon/?flowId={flow_id}"
    ))
}

/// The flow as the flow API answers it.
fn flow_json(state: &State, env: &str, flow_id: &str, flow: &Flow) -> Value {
    let href = format!("{}/{env}/flows/{flow_id}", state.base);
    let app_name = state
        .app(&flow.app_id)
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let mut links = json!({ "self": { "href": href } });
    let mut embedded = json!({ "application": { "name": app_name } });
    if flow.status == FlowStatus::UsernamePasswordRequired {
        links["usernamePassword.check"] = json!({ "href": href });
        links["password.forgot"] = json!({ "href": href });
        links["signOnPage"] = json!({
            "href": format!("https://apps.pingone.com/{env}/signon/?flowId={flow_id}")
        });
    }
    let user = flow
        .user_id
        .as_ref()
        .and_then(|id| state.users.iter().find(|u| &u.id == id));
    if let Some(user) = user {
        embedded["user"] = json!({ "id": user.id, "username": user.username });
    }
    let mut body = json!({
        "_links": links,
        "_embedded": embedded,
        "id": flow_id,
        "resumeUrl": format!("{}/{env}/as/resume?flowId={flow_id}", state.base),
        "status": flow.status.as_str(),
        "createdAt": flow.created_at,
        "expiresAt": flow.created_at,
    });
    if let Some(session) = &flow.session_id {
        body["session"] = json!({ "id": session });
    }
    body
}

fn get_flow(state: &State, env: &str, flow_id: &str) -> Resp {
    match state.flows.get(flow_id) {
        Some(flow) => Resp::json(200, flow_json(state, env, flow_id, flow)),
        None => Resp::not_found("flow", flow_id),
    }
}

fn check_credentials(state: &mut State, req: &Req, env: &str, flow_id: &str) -> Resp {
    if !state.flows.contains_key(flow_id) {
        return Resp::not_found("flow", flow_id);
    }
    if let Err(resp) =
        req.require_media_type("application/vnd.pingidentity.usernamePassword.check+json")
    {
        return resp;
    }
    let body = match req.json_object() {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    let field = |name: &str| body.get(name).and_then(Value::as_str).unwrap_or_default();
    let (username, password) = (field("username"), field("password"));
    let mut missing = Vec::new();
    for (name, value) in [("username", username), ("password", password)] {
        if value.is_empty() {
            missing.push(detail(
                "REQUIRED_VALUE",
                name,
                &format!("'{name}' is required."),
            ));
        }
    }
    if !missing.is_empty() {
        return Resp::invalid_data(missing);
    }
    let user = state
        .users
        .iter()
        .find(|u| u.username == username)
        .map(|u| (u.id.clone(), u.password.clone()));
    let Some(flow) = state.flows.get_mut(flow_id) else {
        return Resp::not_found("flow", flow_id);
    };
    if flow.status != FlowStatus::UsernamePasswordRequired {
        return Resp::error(
            400,
            "INVALID_REQUEST",
            "The request could not be completed. The flow is not waiting for a username and password.",
            vec![detail(
                "INVALID_VALUE",
                "status",
                &format!("The flow's status is {}.", flow.status.as_str()),
            )],
        );
    }
    let matched = match &user {
        Some((id, Some(stored))) if stored == password && !state.config.reject_password => {
            Some(id.clone())
        }
        _ => None,
    };
    let Some(user_id) = matched else {
        flow.failures_remaining = flow.failures_remaining.saturating_sub(1);
        return Resp::invalid_data(vec![json!({
            "code": "INVALID_VALUE",
            "target": "password",
            "message": "The provided password did not match provided user",
            "innerError": { "failuresRemaining": flow.failures_remaining },
        })]);
    };
    let token = new_id();
    flow.status = FlowStatus::Completed;
    flow.user_id = Some(user_id);
    flow.session_id = Some(new_id());
    flow.session_token = Some(token.clone());
    let path = state
        .config
        .session_cookie_path
        .clone()
        .unwrap_or_else(|| format!("/{env}"));
    let Some(flow) = state.flows.get(flow_id) else {
        return Resp::not_found("flow", flow_id);
    };
    Resp::json(200, flow_json(state, env, flow_id, flow))
        .with_header("Set-Cookie", format!("ST={token}; Path={path}; HttpOnly"))
}

fn resume(state: &mut State, req: &Req) -> Resp {
    let bad = |code: &str, target: &str, message: &str| {
        Resp::error(
            400,
            "INVALID_REQUEST",
            &format!("The request could not be completed. {message}"),
            vec![detail(code, target, message)],
        )
    };
    let flow_id = req.query_param("flowId").unwrap_or_default().to_owned();
    let cookie = req.cookie("ST");
    let Some(flow) = state.flows.get_mut(&flow_id) else {
        return Resp::not_found("flow", &flow_id);
    };
    match (&cookie, &flow.session_token) {
        (None, _) => {
            return bad(
                "REQUIRED_VALUE",
                "ST",
                "No session: the ST cookie set when the flow completed was not sent.",
            );
        }
        (Some(sent), Some(expected)) if sent == expected => {}
        (Some(_), _) => {
            return bad(
                "INVALID_VALUE",
                "ST",
                "The ST cookie sent is not the session of this flow.",
            );
        }
    }
    if flow.status != FlowStatus::Completed {
        return bad(
            "INVALID_VALUE",
            "flowId",
            &format!(
                "The flow cannot be resumed: its status is {}.",
                flow.status.as_str()
            ),
        );
    }
    let (Some(user_id), Some(session_id)) = (flow.user_id.clone(), flow.session_id.clone()) else {
        return bad(
            "INVALID_VALUE",
            "flowId",
            "The flow has no authenticated user.",
        );
    };
    flow.status = FlowStatus::Resumed;
    let code = new_id();
    let location = with_query(&flow.redirect_uri, &format!("code={code}"));
    let entry = Code {
        app_id: flow.app_id.clone(),
        redirect_uri: flow.redirect_uri.clone(),
        scopes: flow.scopes.clone(),
        user_id,
        session_id,
        used: false,
    };
    state.codes.insert(code, entry);
    Resp::redirect(&location)
}
