//! Issue 12, NTLM: the handshake against a server written here that
//! checks the NTLMv2 response with its own code and the connection it came
//! on, a wrong password, `disableRetryRequest`, and HTTP/1.1 over TLS.

use std::path::Path;
use std::sync::{Arc, Mutex};

use super::courier_env;
use crate::common::Run;

/// What the NTLM test server saw: (peer, message) per request, message
/// being `none`, `type1`, `type3 ok`, `type3 bad`.
type NtlmLog = Arc<Mutex<Vec<(std::net::SocketAddr, String)>>>;

/// The NTLM server's state: the challenge given on each connection.
#[derive(Clone, Default)]
struct NtlmServer {
    log: NtlmLog,
    challenges: Arc<Mutex<std::collections::HashMap<std::net::SocketAddr, [u8; 8]>>>,
}

const SERVER_PASSWORD: &str = "Sommer2026!";

/// Target info: NetBIOS domain, NetBIOS computer, end.
fn target_info() -> Vec<u8> {
    let mut info = Vec::new();
    for (kind, text) in [(2u16, "CORP"), (1u16, "FILESRV")] {
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        info.extend_from_slice(&kind.to_le_bytes());
        info.extend_from_slice(&(bytes.len() as u16).to_le_bytes());
        info.extend_from_slice(&bytes);
    }
    info.extend_from_slice(&[0, 0, 0, 0]);
    info
}

/// A Type 2 message offering Unicode, extended security and target info.
fn type2_message(challenge: [u8; 8]) -> String {
    use base64::Engine as _;
    let info = target_info();
    let mut m = b"NTLMSSP\0".to_vec();
    m.extend_from_slice(&2u32.to_le_bytes());
    m.extend_from_slice(&[0, 0, 0, 0, 48, 0, 0, 0]); // empty target name
    m.extend_from_slice(&0xA289_8205u32.to_le_bytes());
    m.extend_from_slice(&challenge);
    m.extend_from_slice(&[0; 8]);
    m.extend_from_slice(&(info.len() as u16).to_le_bytes());
    m.extend_from_slice(&(info.len() as u16).to_le_bytes());
    m.extend_from_slice(&48u32.to_le_bytes());
    m.extend_from_slice(&info);
    format!(
        "NTLM {}",
        base64::engine::general_purpose::STANDARD.encode(m)
    )
}

fn hmac_md5(key: &[u8], data: &[&[u8]]) -> Vec<u8> {
    use hmac::Mac as _;
    let mut mac = hmac::Hmac::<md5::Md5>::new_from_slice(key).expect("hmac key");
    for d in data {
        mac.update(d);
    }
    mac.finalize().into_bytes().to_vec()
}

fn utf16(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// Checks a Type 3 message's NTLMv2 response with the server's own copy of
/// the password (MS-NLMP 3.3.2); returns `DOMAIN\user` when it is right.
fn verify_type3(m: &[u8], challenge: [u8; 8]) -> Option<String> {
    use md4::Digest as _;
    let field = |at: usize| -> Option<&[u8]> {
        let len = usize::from(u16::from_le_bytes([*m.get(at)?, *m.get(at + 1)?]));
        let off = u32::from_le_bytes(m.get(at + 4..at + 8)?.try_into().ok()?) as usize;
        m.get(off..off + len)
    };
    let text = |b: &[u8]| {
        let units: Vec<u16> = b
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    };
    if m.get(..8)? != b"NTLMSSP\0" || m.get(8..12)? != [3, 0, 0, 0] {
        return None;
    }
    let nt = field(20)?;
    let (domain, user) = (text(field(28)?), text(field(36)?));
    let nt_hash = md4::Md4::digest(utf16(SERVER_PASSWORD));
    let key = hmac_md5(&nt_hash, &[&utf16(&(user.to_uppercase() + &domain))]);
    let (proof, blob) = (nt.get(..16)?, nt.get(16..)?);
    let info = target_info();
    let carries_info = blob.windows(info.len()).any(|w| w == info.as_slice());
    (hmac_md5(&key, &[&challenge, blob]) == proof && carries_info)
        .then(|| format!("{domain}\\{user}"))
}

async fn ntlm_handler(
    axum::extract::State(server): axum::extract::State<NtlmServer>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    use axum::response::IntoResponse as _;
    use base64::Engine as _;
    let unauthorized = |challenge: &str| {
        (
            axum::http::StatusCode::UNAUTHORIZED,
            [(axum::http::header::WWW_AUTHENTICATE, challenge.to_owned())],
            "",
        )
            .into_response()
    };
    let log = |what: &str| {
        server
            .log
            .lock()
            .expect("log")
            .push((peer, what.to_owned()))
    };
    let message = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("NTLM "))
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok());
    let Some(m) = message else {
        log(if headers.contains_key("authorization") {
            "foreign"
        } else {
            "none"
        });
        return unauthorized("NTLM");
    };
    match m.get(8) {
        Some(1) => {
            log("type1");
            let challenge: [u8; 8] = rand::random();
            server
                .challenges
                .lock()
                .expect("challenges")
                .insert(peer, challenge);
            unauthorized(&type2_message(challenge))
        }
        Some(3) => {
            // Only the connection that got the challenge may answer it.
            let challenge = server.challenges.lock().expect("challenges").remove(&peer);
            match challenge.and_then(|c| verify_type3(&m, c)) {
                Some(who) => {
                    log("type3 ok");
                    format!("welcome {who}").into_response()
                }
                None => {
                    log("type3 bad");
                    (axum::http::StatusCode::UNAUTHORIZED, "wrong credentials").into_response()
                }
            }
        }
        _ => {
            log("other");
            unauthorized("NTLM")
        }
    }
}

fn ntlm_collection(dir: &Path, disable_retry: bool) -> String {
    let path = dir.join("ntlm.json");
    let body = serde_json::json!({
        "info": {"name": "ntlm"},
        "item": [{"name": "intranet", "request": {
            "url": "{{base}}/ntlm", "method": "GET",
            "header": [{"key": "Authorization", "value": "Basic dropped"}],
            "auth": {"type": "ntlm", "ntlm": [
                {"key": "username", "value": "{{user}}", "type": "string"},
                {"key": "password", "value": "{{password}}", "type": "string"},
                {"key": "workstation", "value": "build-agent", "type": "string"},
                {"key": "disableRetryRequest", "value": disable_retry, "type": "boolean"}
            ]}},
            "event": [{"listen": "test", "script": {"exec": [
                "pm.test('signed in', () => pm.expect(pm.response.text()).to.eql('welcome CORP\\\\ann'));"
            ]}}]}]
    });
    std::fs::write(&path, body.to_string()).expect("write");
    path.to_string_lossy().into_owned()
}

fn ntlm_run(disable_retry: bool, password: &str) -> (Run, Vec<(std::net::SocketAddr, String)>) {
    let state = NtlmServer::default();
    let server = crate::support::serve_with_peers(
        axum::Router::new()
            .route("/ntlm", axum::routing::get(ntlm_handler))
            .with_state(state.clone()),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let c = ntlm_collection(dir.path(), disable_retry);
    let base = format!("base={}", server.url());
    let pw = format!("password={password}");
    let run = courier_env(
        &[
            "run",
            &c,
            "--env-var",
            &base,
            "--env-var",
            "user=CORP\\ann",
            "--env-var",
            &pw,
        ],
        &[],
    );
    drop(server);
    let log = state.log.lock().expect("log").clone();
    (run, log)
}

#[test]
fn issue12_ntlm_handshake_over_one_connection() {
    let (run, log) = ntlm_run(false, SERVER_PASSWORD);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("✓  signed in"), "{}", run.stdout);
    let steps: Vec<&str> = log.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(steps, ["none", "type1", "type3 ok"]);
    assert!(
        log.iter().all(|(peer, _)| *peer == log[0].0),
        "one kept-alive connection: {log:?}"
    );
}

#[test]
fn issue12_ntlm_wrong_password_is_rejected() {
    let (run, log) = ntlm_run(false, "Winter2025?");
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("401"), "{}", run.stdout);
    let steps: Vec<&str> = log.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(steps, ["none", "type1", "type3 bad"]);
}

#[test]
fn issue12_ntlm_disable_retry_request_sends_once() {
    let (run, log) = ntlm_run(true, SERVER_PASSWORD);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let steps: Vec<&str> = log.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(
        steps,
        ["none"],
        "the hand-written Authorization is dropped too"
    );
}

#[test]
fn issue12_ntlm_over_https_speaks_http_1_1() {
    // The server offers h2 and http/1.1; NTLM authenticates a connection,
    // which HTTP/2 does not allow, so an ntlm request must not pick h2.
    let server = crate::support::serve_tls(axum::Router::new().route(
        "/version",
        axum::routing::get(|v: axum::http::Version| async move { format!("{v:?}") }),
    ));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v.json");
    let check = |want: &str| {
        serde_json::json!({"listen": "test", "script": {"exec": [format!(
            "pm.test('{want}', () => pm.expect(pm.response.text()).to.eql('{want}'));"
        )]}})
    };
    let body = serde_json::json!({
        "info": {"name": "versions"},
        "item": [
            {"name": "ntlm", "request": {"url": "{{base}}/version", "method": "GET",
                "auth": {"type": "ntlm", "ntlm": [{"key": "username", "value": "ann"}]}},
             "event": [check("HTTP/1.1")]},
            {"name": "plain", "request": "{{base}}/version", "event": [check("HTTP/2.0")]}
        ]
    });
    std::fs::write(&path, body.to_string()).expect("write");
    let c = path.to_string_lossy().into_owned();
    let base = format!("base={}", server.https_url());
    let run = courier_env(&["run", &c, "--env-var", &base, "-k"], &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}
