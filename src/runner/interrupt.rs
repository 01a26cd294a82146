//! Stopping a run from outside: what Ctrl-C (SIGINT) or SIGTERM asks.
//!
//! The CLI listens for the signals and calls [`Interrupt::raise`]; the run
//! loop (`run.rs`, `parallel.rs`) reads it. The first signal stops the
//! dispatch of new items, and the items in flight may finish within the
//! grace period; a second signal, or the end of the grace period, abandons
//! them. The run then ends as any run does (`RunFinished`, reports,
//! exports), with [`RunSummary::interrupted`](super::RunSummary) set.
//! Nothing here knows about signals: a library user may raise it from any
//! thread, for any reason.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::watch;

/// How long in-flight items may take to finish after the first signal.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(5);

/// A shared stop request; clones share one state.
#[derive(Debug, Clone)]
pub struct Interrupt {
    state: Arc<watch::Sender<Raised>>,
    grace: Duration,
}

/// How many times it was raised, when first and why.
#[derive(Debug, Clone, Copy, Default)]
struct Raised {
    count: u32,
    first: Option<Instant>,
    cause: &'static str,
}

impl Default for Interrupt {
    fn default() -> Self {
        Interrupt::new(DEFAULT_GRACE)
    }
}

impl Interrupt {
    /// A stop request not raised yet; in-flight items get `grace` to finish.
    pub fn new(grace: Duration) -> Self {
        Interrupt {
            state: Arc::new(watch::Sender::new(Raised::default())),
            grace,
        }
    }

    /// Asks the run to stop; `cause` names why (`SIGINT`, `SIGTERM`). The
    /// first call stops dispatching, the second abandons what is in flight.
    /// Returns how many times it has been raised, this call included.
    pub fn raise(&self, cause: &'static str) -> u32 {
        let mut count = 0;
        self.state.send_modify(|r| {
            r.count += 1;
            if r.first.is_none() {
                r.first = Some(Instant::now());
                r.cause = cause;
            }
            count = r.count;
        });
        count
    }

    /// Whether a stop was asked.
    pub fn raised(&self) -> bool {
        self.times() > 0
    }

    /// How many times a stop was asked.
    pub fn times(&self) -> u32 {
        self.state.borrow().count
    }

    /// The grace period of in-flight items.
    pub fn grace(&self) -> Duration {
        self.grace
    }

    /// Why the run stopped, for the summary: `interrupted (SIGINT)`.
    pub(crate) fn reason(&self) -> Option<String> {
        let r = *self.state.borrow();
        (r.count > 0).then(|| format!("interrupted ({})", r.cause))
    }

    /// Resolves as soon as a stop is asked.
    pub(crate) async fn asked(&self) {
        let mut rx = self.state.subscribe();
        // An error means the sender is gone, which cannot happen while `self` lives.
        let _ = rx.wait_for(|r| r.count > 0).await;
    }

    /// Resolves when in-flight work must be abandoned: at the second
    /// signal, or when the grace period after the first has passed.
    pub(crate) async fn abandon(&self) {
        let mut rx = self.state.subscribe();
        loop {
            let r = *rx.borrow_and_update();
            if r.count >= 2 {
                return;
            }
            match r.first {
                Some(first) => {
                    let until = tokio::time::Instant::from_std(first + self.grace);
                    tokio::select! {
                        () = tokio::time::sleep_until(until) => return,
                        changed = rx.changed() => if changed.is_err() { return },
                    }
                }
                None => {
                    if rx.changed().await.is_err() {
                        return;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(f)
    }

    #[test]
    fn issue15_first_raise_stops_dispatch_and_starts_the_grace_period() {
        let interrupt = Interrupt::new(Duration::from_millis(200));
        assert!(!interrupt.raised());
        assert_eq!(interrupt.reason(), None);
        let started = Instant::now();
        let raiser = interrupt.clone();
        block_on(async move {
            let asked = interrupt.asked();
            let later = async {
                tokio::time::sleep(Duration::from_millis(50)).await;
                assert_eq!(raiser.raise("SIGTERM"), 1);
            };
            tokio::join!(asked, later);
            assert!(interrupt.raised());
            interrupt.abandon().await;
            assert_eq!(interrupt.reason().as_deref(), Some("interrupted (SIGTERM)"));
        });
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(250), "{took:?}");
        assert!(took < Duration::from_secs(3), "{took:?}");
    }

    #[test]
    fn issue15_second_raise_abandons_at_once() {
        let interrupt = Interrupt::new(Duration::from_secs(60));
        let raiser = interrupt.clone();
        let started = Instant::now();
        block_on(async move {
            let later = async {
                raiser.raise("SIGINT");
                tokio::time::sleep(Duration::from_millis(50)).await;
                assert_eq!(raiser.raise("SIGTERM"), 2);
            };
            tokio::join!(interrupt.abandon(), later);
            // The first cause is the one reported.
            assert_eq!(interrupt.reason().as_deref(), Some("interrupted (SIGINT)"));
        });
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
