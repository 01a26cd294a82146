//! The shipped PingOne snapshot defaults
//! (`collections/snapshots/courier.snapshots.json`) against responses shaped
//! like the offline_access workflow's (../shared/pingone/WORKFLOW.md): two
//! renderings of the same step with fresh ids, tokens, codes, cookies and
//! timestamps must be identical, and nothing volatile may be left in them.

use bytes::Bytes;
use courier::http::ResponseData;
use courier::snapshot::{SnapshotOptions, render_response};
use serde_json::{Value, json};

use crate::common::repo_file;

/// Fresh values of one run of the workflow.
struct Run {
    env: String,
    app: String,
    user: String,
    flow: String,
    session: String,
    stamp: u64,
}

impl Run {
    fn new() -> Run {
        let id = || uuid::Uuid::new_v4().to_string();
        Run {
            env: id(),
            app: id(),
            user: id(),
            flow: id(),
            session: id(),
            stamp: 1_700_000_000 + u64::from(rand::random::<u16>()),
        }
    }
}

fn response(status: u16, headers: &[(&str, String)], body: Option<Value>) -> ResponseData {
    ResponseData {
        status,
        reason: match status {
            200 => "OK",
            201 => "Created",
            302 => "Found",
            _ => "Bad Request",
        }
        .into(),
        headers: headers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
        body: body.map(|b| Bytes::from(b.to_string())).unwrap_or_default(),
        ..Default::default()
    }
}

fn json_type() -> (&'static str, String) {
    ("Content-Type", "application/json".to_owned())
}

fn token() -> String {
    format!(
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ{}.{}",
        rand::random::<u32>(),
        uuid::Uuid::new_v4().simple()
    )
}

/// The workflow's responses, in order, with `run`'s values.
fn workflow(run: &Run) -> Vec<(&'static str, ResponseData)> {
    let api = format!("https://api.pingone.com/v1/environments/{}", run.env);
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    vec![
        (
            "00 worker token",
            response(
                200,
                &[json_type()],
                Some(json!({"access_token": token(), "token_type": "Bearer", "expires_in": 3600})),
            ),
        ),
        (
            "01 create application",
            response(
                201,
                &[json_type()],
                Some(json!({
                    "_links": {
                        "self": {"href": format!("{api}/applications/{}", run.app)},
                        "environment": {"href": api},
                        "secret": {"href": format!("{api}/applications/{}/secret", run.app)}
                    },
                    "environment": {"id": run.env},
                    "id": run.app,
                    "name": format!("Offline Access App {}", run.stamp),
                    "enabled": true,
                    "type": "WEB_APP",
                    "protocol": "OPENID_CONNECT",
                    "createdAt": at,
                    "updatedAt": at,
                    "pkceEnforcement": "OPTIONAL"
                })),
            ),
        ),
        (
            "02 application secret",
            response(
                200,
                &[json_type()],
                Some(json!({"environment": {"id": run.env}, "secret": token()})),
            ),
        ),
        (
            "07 create user",
            response(
                201,
                &[json_type()],
                Some(json!({
                    "id": run.user,
                    "username": format!("offline_user_{}", run.stamp),
                    "email": format!("offline_user_{}@example.com", run.stamp),
                    "account": {"canAuthenticate": true},
                    "lifecycle": {"status": "ACCOUNT_OK"},
                    "_links": {"password.set": {"href": format!("{api}/users/{}/password", run.user)}}
                })),
            ),
        ),
        (
            "09 authorize",
            response(
                302,
                &[(
                    "Location",
                    format!(
                        "https://apps.pingone.com/{}/signon/?flowId={}",
                        run.env, run.flow
                    ),
                )],
                None,
            ),
        ),
        (
            "11 check password",
            response(
                200,
                &[
                    json_type(),
                    (
                        "Set-Cookie",
                        format!(
                            "ST={}; Path=/{}; Secure; HttpOnly",
                            uuid::Uuid::new_v4(),
                            run.env
                        ),
                    ),
                ],
                Some(json!({
                    "id": run.flow,
                    "status": "COMPLETED",
                    "resumeUrl": format!("https://auth.pingone.com/{}/as/resume?flowId={}", run.env, run.flow),
                    "session": {"id": run.session},
                    "_embedded": {"user": {"id": run.user, "username": format!("offline_user_{}", run.stamp)}}
                })),
            ),
        ),
        (
            "12 resume",
            response(
                302,
                &[(
                    "Location",
                    format!("https://www.example.com?code={}", uuid::Uuid::new_v4()),
                )],
                None,
            ),
        ),
        (
            "13 tokens",
            response(
                200,
                &[json_type()],
                Some(json!({
                    "access_token": token(),
                    "token_type": "Bearer",
                    "expires_in": 3600,
                    "scope": "openid offline_access",
                    "id_token": token(),
                    "refresh_token": token()
                })),
            ),
        ),
        (
            "error",
            response(
                400,
                &[json_type()],
                Some(json!({
                    "id": uuid::Uuid::new_v4().to_string(),
                    "code": "INVALID_DATA",
                    "message": "The request could not be completed.",
                    "details": [{"code": "INVALID_VALUE", "target": "password"}]
                })),
            ),
        ),
    ]
}

fn render_all(options: &SnapshotOptions, run: &Run) -> String {
    workflow(run)
        .iter()
        .map(|(step, r)| format!("## {step}\n{}", render_response(r, options)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn issue_6_pingone_defaults_make_fresh_runs_identical() {
    let options = SnapshotOptions::load(repo_file("collections/snapshots")).expect("defaults");
    let (one, two) = (Run::new(), Run::new());
    let first = render_all(&options, &one);
    assert_eq!(first, render_all(&options, &two));
    for run in [&one, &two] {
        for value in [&run.env, &run.app, &run.user, &run.flow, &run.session] {
            assert!(!first.contains(value.as_str()), "{value} left in:\n{first}");
        }
        assert!(!first.contains(&run.stamp.to_string()), "{first}");
    }
    assert!(!first.contains("eyJ"), "{first}");
    insta::assert_snapshot!("pingone_workflow", first);
}
