//! `--oauth2-browser`: an authorization-code grant whose server wants a
//! person to log in, done in the user's browser.
//!
//! The `redirect_uri` must be a loopback address with a port
//! (`http://127.0.0.1:PORT/…` or `http://localhost:PORT/…`): courier listens
//! there, opens the authorize URL with `$BROWSER` (a program given the URL
//! as its one argument) or the system's opener (`xdg-open`, `open`,
//! `start`), and waits up to five minutes for the browser to come back to
//! the redirect URI with the code. `oauth2_flow.rs` calls it for
//! authorization-code grants when the authorize URL answers with a page (an
//! implicit grant cannot come back this way: its token stays in the
//! browser, in the URL's fragment).

use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpListener;

/// How long the user has to log in.
const WAIT: Duration = Duration::from_secs(300);

/// Opens `authorize_url` in a browser and returns the URL the browser was
/// sent back to (`redirect_uri` with its query).
pub(crate) async fn authorize_in_browser(
    authorize_url: &str,
    redirect_uri: &str,
) -> Result<url::Url, String> {
    let redirect = url::Url::parse(redirect_uri)
        .map_err(|e| format!("oauth2: redirect_uri `{redirect_uri}` is not a URL ({e})"))?;
    let loopback = matches!(
        redirect.host_str(),
        Some("127.0.0.1" | "localhost" | "[::1]")
    );
    let port = redirect
        .port()
        .filter(|_| redirect.scheme() == "http" && loopback);
    let Some(port) = port else {
        return Err(format!(
            "oauth2: --oauth2-browser needs a redirect_uri on this machine with a port, such as http://127.0.0.1:8765/callback (it is {redirect_uri}); register one with the authorization server"
        ));
    };
    let host = if redirect.host_str() == Some("[::1]") {
        "[::1]"
    } else {
        "127.0.0.1"
    };
    let listener = TcpListener::bind(format!("{host}:{port}"))
        .await
        .map_err(|e| format!("oauth2: cannot listen on {host}:{port} for the redirect: {e}"))?;
    open_browser(authorize_url)?;
    tokio::time::timeout(WAIT, wait_for_redirect(&listener, &redirect))
        .await
        .map_err(|_| {
            format!(
                "oauth2: no browser came back to {redirect_uri} within {} minutes",
                WAIT.as_secs() / 60
            )
        })?
}

/// Starts the browser on `url` without waiting for it.
fn open_browser(url: &str) -> Result<(), String> {
    let mut command = match std::env::var("BROWSER") {
        Ok(program) if !program.trim().is_empty() => std::process::Command::new(program.trim()),
        _ if cfg!(target_os = "macos") => std::process::Command::new("open"),
        _ if cfg!(windows) => {
            let mut c = std::process::Command::new("cmd");
            c.args(["/C", "start", ""]);
            c
        }
        _ => std::process::Command::new("xdg-open"),
    };
    command.arg(url);
    let mut child = command.spawn().map_err(|e| {
        format!("oauth2: cannot open a browser ({e}); set BROWSER to one, or open {url} yourself")
    })?;
    // Reap it whenever it ends; the run does not wait for the browser.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

/// Answers requests on `listener` until one comes to the redirect path.
async fn wait_for_redirect(
    listener: &TcpListener,
    redirect: &url::Url,
) -> Result<url::Url, String> {
    loop {
        let (mut stream, _) = listener
            .accept()
            .await
            .map_err(|e| format!("oauth2: waiting for the browser failed: {e}"))?;
        let mut head = Vec::new();
        let mut buf = [0u8; 2048];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => head.extend_from_slice(&buf[..n]),
            }
        }
        let text = String::from_utf8_lossy(&head);
        let target = text
            .lines()
            .next()
            .and_then(|line| line.split_whitespace().nth(1))
            .unwrap_or("");
        let came_back = redirect
            .join(target)
            .ok()
            .filter(|u| u.path() == redirect.path());
        let (status, body) = if came_back.is_some() {
            (
                "200 OK",
                "courier has the authorization; you can close this tab.",
            )
        } else {
            ("404 Not Found", "not the redirect URI")
        };
        let response = format!(
            "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = stream.write_all(response.as_bytes()).await;
        let _ = stream.shutdown().await;
        if let Some(url) = came_back {
            return Ok(url);
        }
    }
}
