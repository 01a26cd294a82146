//! Local servers the integration tests talk to, each on `127.0.0.1:0`.
//!
//! [`serve`] runs an axum router on its own thread and runtime and returns
//! the bound address; the server lives as long as the returned handle.

#![allow(dead_code)]

pub mod echo;
pub mod pingone;

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

/// Serves `router` on a fresh loopback port.
pub fn serve(router: axum::Router) -> TestServer {
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let (shutdown_tx, shutdown_rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("test runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind loopback");
            addr_tx
                .send(listener.local_addr().expect("local addr"))
                .expect("report addr");
            axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = shutdown_rx.await;
                })
                .await
                .expect("serve");
        });
    });
    let addr = addr_rx.recv().expect("server started");
    TestServer {
        addr,
        shutdown: Some(shutdown_tx),
        thread: Some(thread),
    }
}
