//! The progress bar (`-r progress`, or a terminal run without the cli
//! reporter): items done out of items planned, failures so far and the item
//! running, drawn with indicatif on stdout and cleared when the run ends.
//!
//! The CLI only creates it when stdout is a terminal and nothing else prints
//! each request. Drawn from the start when asked for with `-r progress`;
//! otherwise it appears only once the run has lasted [`IMPLICIT_DELAY`], so
//! short runs print nothing extra.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::mask::Masker;
use super::{ReportError, Reporter};
use crate::runner::RunEvent;

/// When the bar was not asked for, it waits this long before it shows.
pub const IMPLICIT_DELAY: Duration = Duration::from_secs(2);

/// A progress bar fed by run events.
pub struct ProgressReporter {
    bar: ProgressBar,
    masker: Masker,
    show_after: Duration,
    started: Instant,
    visible: bool,
    failed: usize,
}

/// The bar's layout: spinner, time, bar, count, failures, item.
const BAR_TEMPLATE: &str = "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} {prefix} {wide_msg}";

impl ProgressReporter {
    /// A bar that shows once the run has lasted `show_after`.
    pub fn new(masker: Masker, show_after: Duration) -> Self {
        let style = ProgressStyle::with_template(BAR_TEMPLATE)
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        bar.set_style(style);
        ProgressReporter {
            bar,
            masker,
            show_after,
            started: Instant::now(),
            visible: false,
            failed: 0,
        }
    }

    /// This bar drawn in ASCII (`--disable-unicode`): `#`, `>` and `-`, and
    /// a `|/-\\` spinner.
    pub fn with_ascii(self) -> Self {
        if let Ok(style) = ProgressStyle::with_template(BAR_TEMPLATE) {
            self.bar
                .set_style(style.progress_chars("#>-").tick_chars("|/-\\ "));
        }
        self
    }

    fn maybe_show(&mut self) {
        if !self.visible && self.started.elapsed() >= self.show_after {
            self.visible = true;
            self.bar.set_draw_target(ProgressDrawTarget::stdout());
            self.bar.enable_steady_tick(Duration::from_millis(120));
        }
    }
}

impl Reporter for ProgressReporter {
    fn on_event(&mut self, event: &RunEvent<'_>) -> Result<(), ReportError> {
        match event {
            RunEvent::RunStarted(start) => {
                self.masker.learn(&start.secrets);
                self.started = Instant::now();
                let len = start.iterations.saturating_mul(start.items);
                self.bar.set_length(u64::try_from(len).unwrap_or(u64::MAX));
            }
            RunEvent::ItemStarted { item, .. } => {
                self.bar.set_message(self.masker.text(&item.path()));
            }
            RunEvent::ItemFinished { result, secrets } => {
                self.masker.learn(secrets);
                if result.failed() {
                    self.failed += 1;
                    self.bar.set_prefix(format!("{} failed", self.failed));
                }
                // setNextRequest can run more items than planned.
                if self
                    .bar
                    .length()
                    .is_some_and(|len| self.bar.position() >= len)
                {
                    self.bar.inc_length(1);
                }
                self.bar.inc(1);
            }
            RunEvent::RunFinished(_) => {
                self.bar.finish_and_clear();
                return Ok(());
            }
            RunEvent::IterationStarted { .. } | RunEvent::IterationFinished { .. } => {}
        }
        self.maybe_show();
        Ok(())
    }
}
