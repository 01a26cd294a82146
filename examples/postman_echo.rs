//! A local stand-in for postman-echo.com and for the two helper servers of
//! Newman's integration harness, so that Newman's own integration suites
//! (`conformance/newman-suites/run.sh`) run without the internet.
//!
//! ```text
//! cargo run --release --example postman_echo -- [--ca-out PATH]
//! ```
//!
//! Starts, each on a fresh loopback port, and prints one line per server:
//!
//! - `listening on 127.0.0.1:P`: postman-echo over plain HTTP;
//! - `https on 127.0.0.1:S`: the same over HTTPS, with a certificate signed
//!   by an authority made at start-up, whose PEM goes to `--ca-out` (tell
//!   the clients to trust it);
//! - `untrusted-https on 127.0.0.1:U`: the same over HTTPS with a
//!   self-signed certificate nobody trusts (what `expired.badssl.com` stands
//!   for: only an insecure client gets through);
//! - `raw-echo on 127.0.0.1:R` and `redirect on 127.0.0.1:D`: the raw echo
//!   and redirect servers the harness runs on ports 4041 and 4042.
//!
//! The endpoints and response shapes are postman-echo's public ones (see
//! `routes` and `auth`); no code of postman-echo or Newman is reused.
//! Serves until killed.

#[path = "../tests/support/mod.rs"]
#[allow(unused_imports)]
mod support;

#[path = "postman_echo/auth.rs"]
mod auth;
#[path = "postman_echo/compress.rs"]
mod compress;
#[path = "postman_echo/raw.rs"]
mod raw;
#[path = "postman_echo/request.rs"]
mod request;
#[path = "postman_echo/routes.rs"]
mod routes;
#[path = "postman_echo/tls.rs"]
mod tls;

use request::Scheme;

fn main() {
    if let Err(e) = run() {
        eprintln!("postman_echo: {e}");
        std::process::exit(1);
    }
}

/// The value of `--ca-out`, if given.
fn ca_out() -> Result<Option<String>, String> {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--ca-out" => {
                out = Some(args.next().ok_or("--ca-out needs a file path")?);
            }
            other => {
                return Err(format!(
                    "unknown argument {other:?} (usage: postman_echo [--ca-out PATH])"
                ));
            }
        }
    }
    Ok(out)
}

fn run() -> Result<(), String> {
    let ca_path = ca_out()?;
    let certs = tls::make_certs().map_err(|e| format!("cannot make certificates: {e}"))?;
    if let Some(path) = &ca_path {
        std::fs::write(path, &certs.ca_pem).map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    let plain = support::serve(routes::router(Scheme::Http));
    let chain = format!("{}{}", certs.server_pem, certs.ca_pem).into_bytes();
    let https = support::serve_tls_with(
        routes::router(Scheme::Https),
        chain,
        certs.server_key_pem.into_bytes(),
    );
    let untrusted = support::serve_tls(routes::router(Scheme::Https));
    let raw = raw::start_raw_echo().map_err(|e| format!("cannot start the raw echo: {e}"))?;
    let redirect = support::serve(raw::redirect_router());
    println!("listening on {}", plain.addr);
    println!("https on {}", https.addr);
    println!("untrusted-https on {}", untrusted.addr);
    println!("raw-echo on {raw}");
    println!("redirect on {}", redirect.addr);
    loop {
        std::thread::park();
    }
}
