//! Ctrl-C (SIGINT) and SIGTERM during `courier run`.
//!
//! A thread of its own waits for the signals and raises the run's
//! [`Interrupt`] (`runner/interrupt.rs`), which the run loop reads: the
//! first signal stops dispatching and lets the items in flight finish
//! within the grace period, the second abandons them. The run then writes
//! its reports and exports for what ran, and `courier` exits 130. A third
//! signal exits at once (130, no reports): the way out of a script stuck in
//! a loop, which cannot be abandoned while it runs.

use crate::runner::Interrupt;

/// Starts listening; returns once the handlers are in place, so a signal
/// from then on reaches `interrupt` instead of killing the process. Fails
/// only when the handlers cannot be installed (the run then goes on
/// without them, as before).
pub fn listen(interrupt: Interrupt) -> std::io::Result<()> {
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("courier-signals".into())
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                    return;
                }
            };
            rt.block_on(wait_for_signals(interrupt, ready_tx));
        })?;
    ready_rx
        .recv()
        .unwrap_or_else(|_| Err(std::io::Error::other("the signal thread stopped")))
}

#[cfg(unix)]
async fn wait_for_signals(
    interrupt: Interrupt,
    ready: std::sync::mpsc::Sender<std::io::Result<()>>,
) {
    use tokio::signal::unix::{SignalKind, signal};
    let handlers = signal(SignalKind::interrupt()).and_then(|int| {
        let term = signal(SignalKind::terminate())?;
        Ok((int, term))
    });
    let (mut int, mut term) = match handlers {
        Ok(h) => h,
        Err(e) => {
            let _ = ready.send(Err(e));
            return;
        }
    };
    let _ = ready.send(Ok(()));
    loop {
        let cause = tokio::select! {
            Some(()) = int.recv() => "SIGINT",
            Some(()) = term.recv() => "SIGTERM",
            else => return,
        };
        announce(&interrupt, cause);
    }
}

#[cfg(not(unix))]
async fn wait_for_signals(
    interrupt: Interrupt,
    ready: std::sync::mpsc::Sender<std::io::Result<()>>,
) {
    let _ = ready.send(Ok(()));
    while tokio::signal::ctrl_c().await.is_ok() {
        announce(&interrupt, "Ctrl-C");
    }
}

/// Says on stderr what happens next, then raises the interrupt. In that
/// order: once raised, the run may end and the process exit before a
/// message printed after it.
fn announce(interrupt: &Interrupt, cause: &'static str) {
    // Signals are handled one at a time, on this thread only.
    let count = interrupt.times() + 1;
    match count {
        1 => eprintln!(
            "\n{cause}: no new requests; waiting up to {} s for the requests in flight, then writing the reports (press Ctrl-C again to stop now)",
            interrupt.grace().as_secs()
        ),
        2 => eprintln!(
            "\n{cause}: stopping now; writing the reports for what finished (press Ctrl-C once more to quit without them)"
        ),
        _ => {
            // A script that never yields cannot be abandoned; the user still
            // gets out. A report being written leaves its temporary file,
            // which the next run that writes it removes.
            eprintln!("\n{cause}: quitting without writing the reports");
            std::process::exit(i32::from(super::exit::INTERRUPTED));
        }
    }
    interrupt.raise(cause);
}
