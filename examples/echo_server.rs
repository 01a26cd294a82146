//! The integration tests' echo server as a program, for the conformance
//! harness (`conformance/run.sh`): records nothing, answers every request
//! with a JSON description of it. Prints `listening on 127.0.0.1:PORT`.

#[path = "../tests/support/mod.rs"]
#[allow(unused_imports)]
mod support;

fn main() {
    let echo = support::echo::Echo::start();
    println!("listening on {}", echo.server.addr);
    // Serve until killed.
    loop {
        std::thread::park();
    }
}
