//! Issue 12, TLS identity and state: client certificates against a server
//! that demands them (`--ssl-client-cert*`, PEM, encrypted PEM and PKCS#12),
//! a private CA (`--ssl-extra-ca-certs`), proxies from the environment
//! through a real proxy written here, and the cookie jar files. The
//! certificates are made by each test with rcgen. NTLM is in `tls/ntlm.rs`.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::common::Run;
use crate::support::TestServer;

mod ntlm;

/// Runs courier with no proxy variables but those given.
fn courier_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_courier"));
    cmd.args(args).env("NO_COLOR", "1");
    for v in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "NO_PROXY",
        "no_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        cmd.env_remove(v);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run courier");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A collection of one GET `{{base}}/hello` that checks for a 200.
fn collection(dir: &Path) -> String {
    let path = dir.join("c.json");
    std::fs::write(
        &path,
        r#"{"info": {"name": "tls"}, "item": [{"name": "hello", "request": "{{base}}/hello",
            "event": [{"listen": "test", "script": {"exec": [
                "pm.test('status 200', () => pm.response.to.have.status(200));"]}}]}]}"#,
    )
    .expect("write collection");
    path.to_string_lossy().into_owned()
}

/// A private CA, a server certificate for 127.0.0.1 and a client
/// certificate, both signed by the CA.
struct Pki {
    ca: rcgen::Certificate,
    server: rcgen::Certificate,
    server_key: rcgen::KeyPair,
    client: rcgen::Certificate,
    client_key: rcgen::KeyPair,
}

fn pki() -> Pki {
    let ca_key = rcgen::KeyPair::generate().expect("ca key");
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("ca params");
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "courier test CA");
    ca_params.key_usages = vec![
        rcgen::KeyUsagePurpose::KeyCertSign,
        rcgen::KeyUsagePurpose::DigitalSignature,
    ];
    let ca = ca_params.self_signed(&ca_key).expect("ca");
    let issuer = rcgen::Issuer::new(ca_params, ca_key);
    let server_key = rcgen::KeyPair::generate().expect("server key");
    let server = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .expect("server params")
        .signed_by(&server_key, &issuer)
        .expect("server cert");
    let client_key = rcgen::KeyPair::generate().expect("client key");
    let mut client_params =
        rcgen::CertificateParams::new(Vec::<String>::new()).expect("client params");
    client_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "courier client");
    client_params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
    let client = client_params
        .signed_by(&client_key, &issuer)
        .expect("client cert");
    Pki {
        ca,
        server,
        server_key,
        client,
        client_key,
    }
}

fn hello_router() -> axum::Router {
    axum::Router::new().route("/hello", axum::routing::get(|| async { "hello" }))
}

/// An HTTPS server that rejects a client without a certificate of the CA.
fn serve_mtls(pki: &Pki) -> TestServer {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots.add(pki.ca.der().clone()).expect("ca root");
    let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .build()
    .expect("client verifier");
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(pki.server_key.serialize_der()));
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_client_cert_verifier(verifier)
        .with_single_cert(vec![pki.server.der().clone()], key)
        .expect("server config");
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    crate::support::serve_rustls(hello_router(), Arc::new(config))
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn issue12_mtls_server_rejects_a_client_without_the_certificate() {
    let pki = pki();
    let server = serve_mtls(&pki);
    let dir = tempfile::tempdir().expect("tempdir");
    let c = collection(dir.path());
    let base = format!("base={}", server.https_url());
    let ca = write(dir.path(), "ca.pem", pki.ca.pem());
    let cert = write(dir.path(), "client.pem", pki.client.pem());
    let key = write(dir.path(), "client.key", pki.client_key.serialize_pem());
    let common = ["run", &c, "--env-var", &base, "--ssl-extra-ca-certs", &ca];

    let without = courier_env(&common, &[]);
    assert_eq!(without.code, 1, "{}{}", without.stdout, without.stderr);
    assert!(
        !without.stdout.contains("✓  status 200"),
        "{}",
        without.stdout
    );

    let mut args = common.to_vec();
    args.extend(["--ssl-client-cert", &cert, "--ssl-client-key", &key]);
    let with = courier_env(&args, &[]);
    assert_eq!(with.code, 0, "{}{}", with.stdout, with.stderr);
    assert!(with.stdout.contains("✓  status 200"), "{}", with.stdout);

    // The key may also sit in the certificate file.
    let both = write(
        dir.path(),
        "both.pem",
        pki.client.pem() + &pki.client_key.serialize_pem(),
    );
    let mut args = common.to_vec();
    args.extend(["--ssl-client-cert", &both]);
    let run = courier_env(&args, &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn issue12_private_ca_is_trusted_with_extra_ca_certs() {
    let pki = pki();
    let server = crate::support::serve_tls_with(
        hello_router(),
        pki.server.pem().into_bytes(),
        pki.server_key.serialize_pem().into_bytes(),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let c = collection(dir.path());
    let base = format!("base={}", server.https_url());
    let run = courier_env(&["run", &c, "--env-var", &base], &[]);
    assert_eq!(run.code, 1, "unknown CA: {}", run.stdout);
    assert!(
        run.stdout.to_lowercase().contains("certificate"),
        "{}",
        run.stdout
    );
    let ca = write(dir.path(), "ca.pem", pki.ca.pem());
    let run = courier_env(
        &["run", &c, "--env-var", &base, "--ssl-extra-ca-certs", &ca],
        &[],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("✓  status 200"), "{}", run.stdout);
}

/// The client key as an `ENCRYPTED PRIVATE KEY` (PBES2: PBKDF2-SHA256, AES-256-CBC).
fn encrypted_key_pem(pki: &Pki, passphrase: &str) -> String {
    use base64::Engine as _;
    let der = pki.client_key.serialize_der();
    let info = pkcs8::PrivateKeyInfo::try_from(der.as_slice()).expect("pkcs8");
    let params = pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(2048, &[7; 16], &[9; 16])
        .expect("pbes2");
    let encrypted = info
        .encrypt_with_params(params, passphrase)
        .expect("encrypt");
    let b64 = base64::engine::general_purpose::STANDARD.encode(encrypted.as_bytes());
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).expect("ascii"))
        .collect();
    format!(
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\n{}\n-----END ENCRYPTED PRIVATE KEY-----\n",
        lines.join("\n")
    )
}

#[test]
fn issue12_encrypted_key_with_passphrase_and_pfx_in_a_certificate_list() {
    let pki = pki();
    let server = serve_mtls(&pki);
    let dir = tempfile::tempdir().expect("tempdir");
    let c = collection(dir.path());
    let base = format!("base={}", server.https_url());
    let ca = write(dir.path(), "ca.pem", pki.ca.pem());
    write(dir.path(), "client.pem", pki.client.pem());
    let key = write(dir.path(), "enc.key", encrypted_key_pem(&pki, "s3cret"));
    let cert = dir.path().join("client.pem").to_string_lossy().into_owned();
    let common = ["run", &c, "--env-var", &base, "--ssl-extra-ca-certs", &ca];

    let mut args = common.to_vec();
    args.extend([
        "--ssl-client-cert",
        &cert,
        "--ssl-client-key",
        &key,
        "--ssl-client-passphrase",
        "s3cret",
    ]);
    let run = courier_env(&args, &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    // A PKCS#12 file, from a list entry whose pattern matches the server;
    // relative paths are relative to --working-dir.
    let mut store = p12_keystore::KeyStore::new();
    store.add_entry(
        "client",
        p12_keystore::KeyStoreEntry::PrivateKeyChain(p12_keystore::PrivateKeyChain::new(
            pki.client_key.serialize_der(),
            [1u8; 20],
            vec![p12_keystore::Certificate::from_der(pki.client.der()).expect("p12 cert")],
        )),
    );
    let pfx = store.writer("pfx-pass").write().expect("pkcs12");
    write(dir.path(), "client.p12", pfx);
    let port = server.addr.port();
    let list = write(
        dir.path(),
        "list.json",
        format!(
            r#"[{{"name": "other host", "matches": ["https://example.com/*"],
                  "cert": {{"src": "nowhere.pem"}}, "key": {{"src": "nowhere.key"}}}},
                {{"name": "local", "matches": ["https://127.0.0.1:{port}/*"],
                  "pfx": {{"src": "client.p12"}}, "passphrase": "pfx-pass"}}]"#
        ),
    );
    let wd = dir.path().to_string_lossy().into_owned();
    let mut args = common.to_vec();
    args.extend(["--ssl-client-cert-list", &list, "--working-dir", &wd]);
    let run = courier_env(&args, &[]);
    assert_eq!(
        run.code, 2,
        "a missing file in the list stops the run: {}",
        run.stderr
    );
    assert!(run.stderr.contains("nowhere.pem"), "{}", run.stderr);

    let list = write(
        dir.path(),
        "list.json",
        format!(
            r#"[{{"name": "other host", "matches": ["https://example.com/*"],
                  "cert": {{"src": "client.pem"}}, "key": {{"src": "enc.key"}}, "passphrase": "s3cret"}},
                {{"name": "local", "matches": ["https://127.0.0.1:{port}/*"],
                  "pfx": {{"src": "client.p12"}}, "passphrase": "pfx-pass"}}]"#
        ),
    );
    let mut args = common.to_vec();
    args.extend(["--ssl-client-cert-list", &list, "--working-dir", &wd]);
    let run = courier_env(&args, &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    // No entry for this host and no --ssl-client-cert: no certificate.
    let list = write(
        dir.path(),
        "list.json",
        r#"[{"name": "other", "matches": ["https://example.com/*"], "pfx": {"src": "client.p12"}, "passphrase": "pfx-pass"}]"#,
    );
    let mut args = common.to_vec();
    args.extend(["--ssl-client-cert-list", &list, "--working-dir", &wd]);
    let run = courier_env(&args, &[]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
}

/// A key of no certificate here.
fn pki_other_key() -> String {
    rcgen::KeyPair::generate().expect("key").serialize_pem()
}

#[test]
fn issue12_bad_certificate_input_names_the_file_and_exits_2() {
    let pki = pki();
    let dir = tempfile::tempdir().expect("tempdir");
    let c = collection(dir.path());
    let cert = write(dir.path(), "client.pem", pki.client.pem());
    let key = write(dir.path(), "enc.key", encrypted_key_pem(&pki, "right"));
    let other_key = write(dir.path(), "other.key", pki_other_key());
    let missing = dir
        .path()
        .join("missing.pem")
        .to_string_lossy()
        .into_owned();
    let base = "base=https://127.0.0.1:9";
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (
            vec!["--ssl-client-cert", &missing],
            "missing.pem",
            "cannot read",
        ),
        (
            vec![
                "--ssl-client-cert",
                &cert,
                "--ssl-client-key",
                &key,
                "--ssl-client-passphrase",
                "wrong",
            ],
            "enc.key",
            "passphrase",
        ),
        (
            vec!["--ssl-client-cert", &cert, "--ssl-client-key", &key],
            "enc.key",
            "--ssl-client-passphrase",
        ),
        (
            vec!["--ssl-client-cert", &cert],
            "client.pem",
            "no PEM private key",
        ),
        (
            vec!["--ssl-client-cert", &cert, "--ssl-client-key", &other_key],
            "other.key",
            "does not belong",
        ),
        (
            vec!["--ssl-extra-ca-certs", &key],
            "enc.key",
            "no PEM certificate",
        ),
        (
            vec!["--ssl-client-cert-list", &cert],
            "client.pem",
            "not valid JSON",
        ),
    ];
    for (extra, file, says) in cases {
        let mut args = vec!["run", c.as_str(), "--env-var", base];
        args.extend(extra);
        let run = courier_env(&args, &[]);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(file) && run.stderr.contains(says),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
}

/// What a proxy written for the test saw: each request line.
type Seen = Arc<Mutex<Vec<String>>>;

/// A forward proxy on loopback: plain requests in absolute form are sent
/// on to their host, `CONNECT` opens a tunnel. It serves until dropped.
fn spawn_proxy() -> (String, Seen, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
    let addr = listener.local_addr().expect("addr");
    let seen: Seen = Arc::default();
    let log = seen.clone();
    let handle = std::thread::spawn(move || {
        // Bounded: a test sends a handful of connections.
        for stream in listener.incoming().take(8) {
            let Ok(client) = stream else { return };
            let log = log.clone();
            std::thread::spawn(move || proxy_connection(client, &log));
        }
    });
    (format!("http://{addr}"), seen, handle)
}

fn proxy_connection(mut client: std::net::TcpStream, log: &Seen) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match client.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let line = text.lines().next().unwrap_or("").to_owned();
    log.lock().expect("log").push(line.clone());
    let mut parts = line.split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let (authority, rest) = if method == "CONNECT" {
        (target.to_owned(), None)
    } else {
        let url = url::Url::parse(target).expect("absolute-form target");
        let origin_form = text.replacen(target, &url[url::Position::BeforePath..], 1);
        (
            format!(
                "{}:{}",
                url.host_str().unwrap_or(""),
                url.port().unwrap_or(80)
            ),
            Some(origin_form),
        )
    };
    let Ok(mut upstream) = std::net::TcpStream::connect(&authority) else {
        return;
    };
    match rest {
        None => {
            let _ = client.write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n");
        }
        Some(head) => {
            let _ = upstream.write_all(head.as_bytes());
        }
    }
    let (mut c2, mut u2) = (
        client.try_clone().expect("clone"),
        upstream.try_clone().expect("clone"),
    );
    let up = std::thread::spawn(move || {
        let _ = std::io::copy(&mut c2, &mut u2);
        let _ = u2.shutdown(std::net::Shutdown::Write);
    });
    let _ = std::io::copy(&mut upstream, &mut client);
    let _ = client.shutdown(std::net::Shutdown::Both);
    let _ = up.join();
}

#[test]
fn issue12_proxies_from_the_environment_as_postman_request() {
    let plain = crate::support::serve(hello_router());
    let secure = crate::support::serve_tls(hello_router());
    let (proxy, seen, _proxy_thread) = spawn_proxy();
    let dir = tempfile::tempdir().expect("tempdir");
    let c = collection(dir.path());

    let base = format!("base={}", plain.url());
    let run = courier_env(&["run", &c, "--env-var", &base], &[("http_proxy", &proxy)]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let want = format!("GET {}/hello HTTP/1.1", plain.url());
    assert_eq!(seen.lock().expect("seen").as_slice(), [want]);

    // HTTPS falls back to HTTP_PROXY and goes through a CONNECT tunnel.
    let base = format!("base={}", secure.https_url());
    let run = courier_env(
        &["run", &c, "--env-var", &base, "-k"],
        &[("HTTP_PROXY", &proxy)],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let connect = format!("CONNECT {} HTTP/1.1", secure.addr);
    assert_eq!(seen.lock().expect("seen").last(), Some(&connect));

    // NO_PROXY names the host: sent directly.
    let before = seen.lock().expect("seen").len();
    let base = format!("base={}", plain.url());
    let run = courier_env(
        &["run", &c, "--env-var", &base],
        &[
            ("HTTP_PROXY", &proxy),
            ("NO_PROXY", "example.com, 127.0.0.1"),
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(seen.lock().expect("seen").len(), before);
}

/// A server that answers `/api/x` with the Cookie header it got, and sets `fresh=1`.
fn cookie_server() -> TestServer {
    use axum::http::header::{COOKIE, SET_COOKIE};
    crate::support::serve(axum::Router::new().route(
        "/api/x",
        axum::routing::get(|headers: axum::http::HeaderMap| async move {
            let got = headers
                .get(COOKIE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned();
            ([(SET_COOKIE, "fresh=1; Path=/")], got)
        }),
    ))
}

fn cookie_collection(dir: &Path, expect: &str) -> String {
    let path = dir.join("jar.json");
    let body = serde_json::json!({
        "info": {"name": "jar"},
        "item": [{"name": "cookies", "request": "{{base}}/api/x", "event": [{"listen": "test",
            "script": {"exec": [format!(
                "pm.test('cookies sent', () => pm.expect(pm.response.text()).to.eql({expect:?}));"
            )]}}]}]
    });
    std::fs::write(&path, body.to_string()).expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn issue12_cookie_jar_round_trip_with_a_file_newman_wrote() {
    // Written by `newman run --export-cookie-jar` (6.2.2) after a request to
    // a server on 127.0.0.1 that set these four cookies.
    let fixture = crate::common::fixture("cookie-jar/newman-export.json");
    let server = cookie_server();
    let dir = tempfile::tempdir().expect("tempdir");
    let base = format!("base={}", server.url());
    // Newman sends this Cookie header for that jar and URL: longest path
    // first, then oldest first.
    let c = cookie_collection(dir.path(), "scoped=2; session=abc; remember=yes; pref=dark");
    let out = dir.path().join("out.json").to_string_lossy().into_owned();
    let run = courier_env(
        &[
            "run",
            &c,
            "--env-var",
            &base,
            "--cookie-jar",
            &fixture,
            "--export-cookie-jar",
            &out,
        ],
        &[],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    let before: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&fixture).expect("fixture")).expect("json");
    let text = std::fs::read_to_string(&out).expect("export");
    assert!(!text.ends_with('\n'), "Newman writes no final newline");
    let after: serde_json::Value = serde_json::from_str(&text).expect("export is JSON");
    // The jar's options, in Newman's order.
    let header = |v: &serde_json::Value| {
        v.as_object()
            .expect("object")
            .iter()
            .filter(|(k, _)| *k != "cookies")
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
    };
    assert_eq!(header(&after), header(&before));
    let old = before["cookies"].as_array().expect("cookies");
    let new = after["cookies"].as_array().expect("cookies");
    assert_eq!(new.len(), old.len() + 1, "{text}");
    for (was, is) in old.iter().zip(new) {
        // Every property but lastAccessed stays, in the same order.
        let mut was = was.clone();
        let mut is = is.clone();
        assert_ne!(was["lastAccessed"], is["lastAccessed"], "sent: {is}");
        was["lastAccessed"] = serde_json::Value::Null;
        is["lastAccessed"] = serde_json::Value::Null;
        assert_eq!(
            serde_json::to_string(&was).ok(),
            serde_json::to_string(&is).ok()
        );
    }
    let fresh = &new[old.len()];
    assert_eq!(fresh["key"], "fresh");
    assert_eq!(fresh["domain"], "127.0.0.1");
    assert_eq!(fresh["hostOnly"], true);
    assert_eq!(fresh["creation"], fresh["lastAccessed"]);

    // The exported jar is read back: the new cookie is sent too.
    let c = cookie_collection(
        dir.path(),
        "scoped=2; session=abc; remember=yes; pref=dark; fresh=1",
    );
    let run = courier_env(&["run", &c, "--env-var", &base, "--cookie-jar", &out], &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn issue12_bad_cookie_jar_names_the_file_and_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = collection(dir.path());
    let bad = write(dir.path(), "bad.json", r#"{"cookies": {"key": "a"}}"#);
    let missing = dir
        .path()
        .join("missing.json")
        .to_string_lossy()
        .into_owned();
    for (file, says) in [(&bad, "at cookies"), (&missing, "cannot read")] {
        let run = courier_env(&["run", &c, "--cookie-jar", file], &[]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains(file.as_str()) && run.stderr.contains(says),
            "{}",
            run.stderr
        );
    }
}
