//! Waiting for a response by polling for a short while before sleeping.
//!
//! A thread that sleeps in `epoll_wait` while the server works is woken by
//! the kernel when the response arrives; on a virtual machine whose idle
//! CPU halts, that wake-up costs tens of microseconds, often more than a
//! local server takes to answer. [`BusyPoll`] keeps the thread awake for a
//! short window instead: while the wrapped future is pending and the window
//! lasts, it hands its waker to Tokio's deferred list (as
//! `tokio::task::yield_now` does), so the scheduler polls the I/O driver
//! without blocking and polls the future again straight after. Past the
//! window it waits as any future does. A response that takes longer than
//! the window costs the window in CPU time and nothing in wall time.
//!
//! The runner turns it on only when it sends one request at a time on a
//! machine with a CPU to spare, unless `--busy-poll` says otherwise
//! ([`window`]).

use std::future::Future;
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

/// `inner`, polled without sleeping for up to `window` from its first poll.
pub async fn busy_poll<F: Future>(inner: F, window: Option<Duration>) -> F::Output {
    let mut inner = std::pin::pin!(inner);
    let Some(window) = window else {
        return inner.await;
    };
    let mut until = None;
    std::future::poll_fn(|cx| {
        let ready = inner.as_mut().poll(cx);
        if ready.is_pending() {
            let now = Instant::now();
            if now < *until.get_or_insert(now + window) {
                // Polling a fresh `yield_now` once puts the waker on the
                // scheduler's deferred list (or wakes it at once outside a
                // runtime): the driver is polled without blocking, then so
                // is this future.
                let _ = std::pin::pin!(tokio::task::yield_now()).poll(cx);
            }
        }
        ready
    })
    .await
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
        let got = runtime().block_on(busy_poll(ReadyAt(50), Some(Duration::from_secs(60))));
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
                busy_poll(Pending(&polls), window),
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
        let ready = runtime().block_on(busy_poll(async { 3 }, None));
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
        let got = rt.block_on(busy_poll(
            with_idle_work(waiting, || at.set(Some(polls.get()))),
            Some(Duration::from_secs(60)),
        ));
        assert_eq!((got, at.get()), (5, Some(1)), "run before the second poll");
        let ran = std::cell::Cell::new(0);
        let got = rt.block_on(with_idle_work(async { 6 }, || ran.set(ran.get() + 1)));
        assert_eq!(
            (got, ran.get()),
            (6, 1),
            "run after a first poll that finished"
        );
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
