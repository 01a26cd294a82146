//! The floor for benchmarks: the fastest loop that sends the same requests
//! courier sends (one keep-alive connection, one request at a time, body
//! read and parsed as JSON), so `bench/run.sh` can report courier / floor.
//!
//! Usage: `bench_floor BASE_URL COUNT [BUSY_MICROS [POLL_MICROS]]`. With
//! `BUSY_MICROS` the loop also keeps the CPU busy that long after each
//! response, as a client's own work between requests would
//! (`bench/floor-gap.sh`). With `POLL_MICROS` it waits for each response
//! by polling for that long before sleeping, as `courier run --busy-poll`
//! does (the same `courier::http::Poller`), so `bench/run.sh` can
//! compare courier with a floor that polls too.

use std::time::{Duration, Instant};

use courier::http::Poller;

const USAGE: &str = "usage: bench_floor BASE_URL COUNT [BUSY_MICROS [POLL_MICROS]]";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let base = args.next().ok_or(USAGE)?;
    let count: u64 = args.next().ok_or(USAGE)?.parse()?;
    let busy = Duration::from_micros(args.next().map_or(Ok(0), |a| a.parse())?);
    let poller = Poller::new(
        args.next()
            .map(|a| a.parse().map(Duration::from_micros))
            .transpose()?
            .filter(|p| !p.is_zero()),
    );
    let _ = rustls::crypto::ring::default_provider().install_default();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let client = reqwest::Client::new();
        let started = Instant::now();
        for n in 0..count {
            let exchange = async {
                client
                    .get(format!("{base}/items/{n}"))
                    .send()
                    .await?
                    .bytes()
                    .await
            };
            let body = poller.wait(exchange).await?;
            let _: serde_json::Value = serde_json::from_slice(&body)?;
            let working = Instant::now();
            while working.elapsed() < busy {
                std::hint::spin_loop();
            }
        }
        println!(
            "{count} requests in {:.3}s",
            started.elapsed().as_secs_f64()
        );
        Ok(())
    })
}
