//! The integration tests' PingOne simulator as a program, for running the
//! bundled workflow through other runners by hand (`conformance/v3/pingone.sh`
//! runs the v3 directory through the Postman CLI and courier against it).
//! Prints `listening on 127.0.0.1:PORT`, then one `NAME=VALUE` line per
//! variable to pass with `--env-var` (`apiPath`, `authPath`, the ids and
//! secret of the simulated tenant), then `ready`.

#[path = "../tests/support/mod.rs"]
#[allow(unused_imports)]
mod support;

fn main() {
    let sim = support::pingone::start(support::pingone::SimulatorConfig::default());
    println!("listening on {}", sim.server.addr);
    for pair in sim.env_vars() {
        println!("{pair}");
    }
    println!("ready");
    // Serve until killed.
    loop {
        std::thread::park();
    }
}
