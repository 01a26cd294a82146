//! Local servers the integration tests talk to, each on `127.0.0.1:0`.
//!
//! [`serve`] runs an axum router on its own thread and runtime and returns
//! the bound address ([`serve_tls`] the same over HTTPS, [`serve_tls_with`]
//! with a given certificate); the server lives as long as the returned
//! handle. `raw` is a bare TCP server for what must be seen byte for byte.

#![allow(dead_code)]

pub mod echo;
pub mod pingone;
pub mod raw;

use std::net::SocketAddr;

/// A running test server; dropping it stops the server.
pub struct TestServer {
    /// Where it listens.
    pub addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `https://127.0.0.1:PORT`, for a server started by [`serve_tls`].
    pub fn https_url(&self) -> String {
        format!("https://{}", self.addr)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Binds a fresh loopback port and runs `server` on it, on its own thread
/// and runtime, until the returned handle is dropped (which resolves the
/// receiver `server` gets).
fn spawn_on_loopback<F, Fut>(server: F) -> TestServer
where
    F: FnOnce(std::net::TcpListener, tokio::sync::oneshot::Receiver<()>) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()>,
{
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    listener.set_nonblocking(true).expect("non-blocking");
    let addr = listener.local_addr().expect("local addr");
    let (shutdown_tx, shutdown_rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("test runtime")
            .block_on(server(listener, shutdown_rx));
    });
    TestServer {
        addr,
        shutdown: Some(shutdown_tx),
        thread: Some(thread),
    }
}

/// Serves `router` on a fresh loopback port.
pub fn serve(router: axum::Router) -> TestServer {
    spawn_on_loopback(|listener, shutdown| async move {
        let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = shutdown.await;
            })
            .await
            .expect("serve");
    })
}

/// Serves `router` over HTTPS on a fresh loopback port, with a self-signed
/// certificate for `127.0.0.1` and `localhost` made here (no system trusts it).
pub fn serve_tls(router: axum::Router) -> TestServer {
    let made =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .expect("self-signed certificate");
    serve_tls_with(
        router,
        made.cert.pem().into_bytes(),
        made.signing_key.serialize_pem().into_bytes(),
    )
}

/// Serves `router` over HTTPS on a fresh loopback port with the given PEM
/// certificate chain and private key.
pub fn serve_tls_with(router: axum::Router, cert: Vec<u8>, key: Vec<u8>) -> TestServer {
    serve_axum_tls(router, async move {
        axum_server::tls_rustls::RustlsConfig::from_pem(cert, key)
            .await
            .expect("TLS config")
    })
}

/// Serves `router` over HTTPS on a fresh loopback port with a TLS
/// configuration made by the test (one that asks for client certificates, say).
pub fn serve_rustls(
    router: axum::Router,
    config: std::sync::Arc<rustls::ServerConfig>,
) -> TestServer {
    serve_axum_tls(router, async move {
        axum_server::tls_rustls::RustlsConfig::from_config(config)
    })
}

/// Serves `router` over HTTPS with the configuration `config` makes.
fn serve_axum_tls(
    router: axum::Router,
    config: impl std::future::Future<Output = axum_server::tls_rustls::RustlsConfig> + Send + 'static,
) -> TestServer {
    let _ = rustls::crypto::ring::default_provider().install_default();
    spawn_on_loopback(|listener, shutdown| async move {
        let config = config.await;
        let handle = axum_server::Handle::new();
        let stopper = handle.clone();
        tokio::spawn(async move {
            let _ = shutdown.await;
            stopper.shutdown();
        });
        axum_server::from_tcp_rustls(listener, config)
            .expect("TLS server")
            .handle(handle)
            .serve(router.into_make_service())
            .await
            .expect("serve");
    })
}

/// Serves `router` on a fresh loopback port with each request's peer
/// address available (`axum::extract::ConnectInfo<SocketAddr>`), so a test
/// can tell whether requests came over one connection.
pub fn serve_with_peers(router: axum::Router) -> TestServer {
    spawn_on_loopback(|listener, shutdown| async move {
        let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = shutdown.await;
        })
        .await
        .expect("serve");
    })
}

/// Serves `router` on a fresh loopback port over cleartext HTTP/1.1 and
/// HTTP/2 with prior knowledge (h2c), whichever the client speaks.
pub fn serve_h2c(router: axum::Router) -> TestServer {
    spawn_on_loopback(|listener, shutdown| async move {
        let handle = axum_server::Handle::new();
        let stopper = handle.clone();
        tokio::spawn(async move {
            let _ = shutdown.await;
            stopper.shutdown();
        });
        axum_server::from_tcp(listener)
            .expect("h2c server")
            .handle(handle)
            .serve(router.into_make_service())
            .await
            .expect("serve");
    })
}
