//! The floor for benchmarks: the fastest loop that sends the same requests
//! courier sends (one keep-alive connection, one request at a time, body
//! read and parsed as JSON), so `bench/run.sh` can report courier / floor.
//!
//! Usage: `bench_floor BASE_URL COUNT`.

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let base = args.next().ok_or("usage: bench_floor BASE_URL COUNT")?;
    let count: u64 = args
        .next()
        .ok_or("usage: bench_floor BASE_URL COUNT")?
        .parse()?;
    let _ = rustls::crypto::ring::default_provider().install_default();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let client = reqwest::Client::new();
        let started = Instant::now();
        for n in 0..count {
            let body = client
                .get(format!("{base}/items/{n}"))
                .send()
                .await?
                .bytes()
                .await?;
            let _: serde_json::Value = serde_json::from_slice(&body)?;
        }
        println!(
            "{count} requests in {:.3}s",
            started.elapsed().as_secs_f64()
        );
        Ok(())
    })
}
