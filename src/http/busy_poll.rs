//! Waiting for a response by polling for a short while before sleeping.
//!
//! A thread that sleeps in `epoll_wait` while the server works is woken by
//! the kernel when the response arrives; on a virtual machine whose idle
//! CPU halts, that wake-up costs tens of microseconds, often more than a
//! local server takes to answer. A [`Poller`] keeps the thread awake for a
//! short window instead: while the wrapped future is pending and the window
//! lasts, it hands its waker to Tokio's deferred list (as
//! `tokio::task::yield_now` does), so the scheduler polls the I/O driver
//! without blocking and polls the future again straight after. Past the
//! window it waits as any future does. A response that takes longer than
//! the window costs the window in CPU time and nothing in wall time, and
//! the poller pauses polling for a server that keeps taking longer, so that
//! it costs next to nothing.
//!
//! The runner turns it on only when it sends one request at a time on a
//! machine with a CPU to spare, unless `--busy-poll` says otherwise
//! ([`window`]).

use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// The window a sequential run polls for when the user sets none.
pub const DEFAULT_WINDOW: Duration = Duration::from_micros(200);

/// The window of a run that sends up to `concurrent` requests at once,
/// given the user's `setting` (`--busy-poll`): none for zero, the setting
/// if any, else [`DEFAULT_WINDOW`] when the machine has a CPU to spare
/// beside the senders (for a local server to answer on) and none when it
/// has not, since polling there would take the CPU the server needs.
pub fn window(setting: Option<Duration>, concurrent: usize) -> Option<Duration> {
    match setting {
        Some(window) => Some(window).filter(|w| !w.is_zero()),
        None => {
            let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
            (concurrent < cpus).then_some(DEFAULT_WINDOW)
        }
    }
}

/// How a wait went against its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Waited {
    /// Ready at the first poll: nothing was waited for.
    Not,
    /// Ready within the window.
    Within,
    /// Still pending when the window closed.
    Past,
}

/// `inner`, polled without sleeping for up to `window`, and how that went.
async fn poll_within<F: Future>(inner: F, window: Duration) -> (F::Output, Waited) {
    let mut inner = std::pin::pin!(inner);
    let mut until = None;
    let mut waited = Waited::Not;
    let output = std::future::poll_fn(|cx| {
        let ready = inner.as_mut().poll(cx);
        if ready.is_pending() {
            let now = Instant::now();
            if now < *until.get_or_insert(now + window) {
                if waited == Waited::Not {
                    waited = Waited::Within;
                }
                // Polling a fresh `yield_now` once puts the waker on the
                // scheduler's deferred list (or wakes it at once outside a
                // runtime): the driver is polled without blocking, then so
                // is this future.
                let _ = std::pin::pin!(tokio::task::yield_now()).poll(cx);
            } else {
                waited = Waited::Past;
            }
        }
        ready
    })
    .await;
    (output, waited)
}

/// The longest pause, in exchanges, after waits that outlasted the window.
const MAX_PAUSE: u32 = 64;

/// Busy polling that pauses for a server slower than its window: after an
/// exchange that outlasted the window, the next 1, then 2, 4, … up to 64
/// exchanges sleep at once, so that polling such a server costs next to no
/// CPU; the exchange after a pause polls again, and one answered within the
/// window ends the pauses. Exchanges ready at their first poll (a body that
/// came with its headers) tell nothing and change nothing.
#[derive(Debug, Default)]
pub struct Poller {
    window: Option<Duration>,
    /// Exchanges left to sleep through.
    skip: AtomicU32,
    /// The last pause's length (0: none since the last wait within the window).
    pause: AtomicU32,
}

impl Poller {
    /// Polls for `window` (`None`: never).
    pub fn new(window: Option<Duration>) -> Self {
        Poller {
            window,
            ..Poller::default()
        }
    }

    /// `inner`, polled as the server's recent answers say.
    pub async fn wait<F: Future>(&self, inner: F) -> F::Output {
        match self.next_window() {
            Some(window) => {
                let (output, waited) = poll_within(inner, window).await;
                self.record(waited);
                output
            }
            None => inner.await,
        }
    }

    /// The window of the next exchange: none while a pause lasts.
    fn next_window(&self) -> Option<Duration> {
        let window = self.window?;
        let skip = self.skip.load(Ordering::Relaxed);
        if skip > 0 {
            self.skip.store(skip - 1, Ordering::Relaxed);
            return None;
        }
        Some(window)
    }

    fn record(&self, waited: Waited) {
        match waited {
            Waited::Not => {}
            Waited::Within => self.pause.store(0, Ordering::Relaxed),
            Waited::Past => {
                let pause = (self.pause.load(Ordering::Relaxed) * 2).clamp(1, MAX_PAUSE);
                self.pause.store(pause, Ordering::Relaxed);
                self.skip.store(pause, Ordering::Relaxed);
            }
        }
    }
}

/// `inner`, with `idle` run once while it waits: at its second poll, when
/// the first left it pending (by then the runtime has run the tasks that
/// poll woke, so a request it sent is on the wire), or after it when it
/// finishes at its first poll. With busy polling the second poll comes
/// straight after; without, when the response arrives.
pub async fn with_idle_work<F: Future>(inner: F, idle: impl FnOnce()) -> F::Output {
    let mut inner = std::pin::pin!(inner);
    let mut idle = Some(idle);
    let mut first = true;
    let output = std::future::poll_fn(|cx| {
        if !std::mem::take(&mut first)
            && let Some(idle) = idle.take()
        {
            idle();
        }
        inner.as_mut().poll(cx)
    })
    .await;
    if let Some(idle) = idle.take() {
        idle();
    }
    output
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    /// A future that is ready at its `n`th poll and wakes nobody before.
    struct ReadyAt(u32);

    impl Future for ReadyAt {
        type Output = u32;
        fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u32> {
            self.0 -= 1;
            if self.0 == 0 {
                Poll::Ready(7)
            } else {
                Poll::Pending
            }
        }
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    #[test]
    fn within_the_window_the_future_is_polled_again_without_a_wake() {
        // `ReadyAt` never wakes its waker: only the busy poll can finish it.
        let got = runtime().block_on(Poller::new(Some(Duration::from_secs(60))).wait(ReadyAt(50)));
        assert_eq!(got, 7);
    }

    /// A future that is never ready, wakes nobody and counts its polls.
    struct Pending<'a>(&'a std::cell::Cell<u32>);

    impl Future for Pending<'_> {
        type Output = ();
        fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
            self.0.set(self.0.get() + 1);
            Poll::Pending
        }
    }

    /// How often a never-ready future is polled in 50 ms with `window`.
    fn polls_in_50ms(window: Option<Duration>) -> u32 {
        let polls = std::cell::Cell::new(0);
        let waited = runtime().block_on(async {
            tokio::time::timeout(
                Duration::from_millis(50),
                Poller::new(window).wait(Pending(&polls)),
            )
            .await
        });
        assert!(waited.is_err(), "it never becomes ready");
        polls.get()
    }

    #[test]
    fn it_polls_within_the_window_and_waits_for_a_wake_after() {
        // Polled again and again for 5 ms, then only when the timeout's
        // timer wakes the task: far fewer polls than 50 ms of polling.
        let windowed = polls_in_50ms(Some(Duration::from_millis(5)));
        let always = polls_in_50ms(Some(Duration::from_secs(60)));
        assert!(windowed > 10, "{windowed} polls in a 5 ms window");
        assert!(
            always > windowed,
            "{always} polls over 50 ms, {windowed} in 5 ms"
        );
    }

    #[test]
    fn without_a_window_it_is_the_inner_future() {
        // The first poll, then one when the timeout's timer wakes the task.
        assert!(polls_in_50ms(None) <= 2);
        let ready = runtime().block_on(Poller::new(None).wait(async { 3 }));
        assert_eq!(ready, 3);
    }

    #[test]
    fn idle_work_runs_once_at_the_second_poll_or_after_a_first_that_finishes() {
        let rt = runtime();
        let polls = std::cell::Cell::new(0);
        let at = std::cell::Cell::new(None);
        // Ready at its third poll; woken by the busy poll in between.
        let waiting = std::future::poll_fn(|_| {
            polls.set(polls.get() + 1);
            if polls.get() == 3 {
                Poll::Ready(5)
            } else {
                Poll::Pending
            }
        });
        let poller = Poller::new(Some(Duration::from_secs(60)));
        let got = rt.block_on(poller.wait(with_idle_work(waiting, || at.set(Some(polls.get())))));
        assert_eq!((got, at.get()), (5, Some(1)), "run before the second poll");
        let ran = std::cell::Cell::new(0);
        let got = rt.block_on(with_idle_work(async { 6 }, || ran.set(ran.get() + 1)));
        assert_eq!(
            (got, ran.get()),
            (6, 1),
            "run after a first poll that finished"
        );
    }

    /// The windows a poller gives `n` exchanges that each end as `waited`.
    fn windows(poller: &Poller, n: usize, waited: Waited) -> String {
        (0..n)
            .map(|_| {
                let polled = poller.next_window().is_some();
                if polled {
                    poller.record(waited);
                }
                if polled { 'P' } else { '.' }
            })
            .collect()
    }

    #[test]
    fn a_slow_server_pauses_polling_for_longer_and_longer() {
        let poller = Poller::new(Some(Duration::from_millis(1)));
        // Past the window each time: pauses of 1, 2, 4, 8, … exchanges.
        assert_eq!(windows(&poller, 16, Waited::Past), "P.P..P....P.....");
        // One answer within the window ends the pauses (after the current one).
        let rest: String = windows(&poller, 4, Waited::Within);
        assert!(rest.ends_with("P"), "{rest}");
        assert_eq!(windows(&poller, 3, Waited::Within), "PPP");
        // Ready at once tells nothing.
        assert_eq!(windows(&poller, 3, Waited::Not), "PPP");
    }

    #[test]
    fn pauses_stop_growing_at_64_exchanges() {
        let poller = Poller::new(Some(Duration::from_millis(1)));
        let seen = windows(&poller, 1000, Waited::Past);
        let longest = seen.split('P').map(str::len).max().unwrap_or(0);
        assert_eq!(longest, MAX_PAUSE as usize);
        assert_eq!(windows(&Poller::new(None), 3, Waited::Past), "...");
    }

    #[test]
    fn a_wait_past_the_window_is_recorded_as_such() {
        let rt = runtime();
        let poller = Poller::new(Some(Duration::from_millis(2)));
        let slow = rt.block_on(async {
            poller
                .wait(async {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    1
                })
                .await
        });
        assert_eq!(slow, 1);
        assert_eq!(poller.next_window(), None, "the next exchange sleeps");
        assert_eq!(poller.next_window(), Some(Duration::from_millis(2)));
        let fast = rt.block_on(poller.wait(ReadyAt(3)));
        assert_eq!(fast, 7);
        assert_eq!(poller.pause.load(Ordering::Relaxed), 0, "within the window");
    }

    #[test]
    fn the_default_window_leaves_a_cpu_free() {
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(window(None, cpus), None);
        assert_eq!(window(None, cpus + 3), None);
        if cpus > 1 {
            assert_eq!(window(None, 1), Some(DEFAULT_WINDOW));
        }
    }

    #[test]
    fn a_setting_wins_and_zero_turns_it_off() {
        let ms = Duration::from_millis(1);
        assert_eq!(window(Some(ms), 1), Some(ms));
        assert_eq!(window(Some(ms), 1000), Some(ms));
        assert_eq!(window(Some(Duration::ZERO), 1), None);
    }
}
