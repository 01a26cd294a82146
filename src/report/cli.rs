//! The terminal reporter: each request as it finishes, then a summary table
//! like Newman's and a numbered failure list.

use std::io::Write;
use std::time::Duration;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

use super::mask::Masker;
use super::record::error_kind;
use super::{Reporter, display_url};
use crate::http::Exchange;
use crate::runner::{
    AssertionStatus, FailureKind, ItemResult, RunEvent, RunStart, RunSummary, ScriptEvent,
};

/// How much the terminal reporter prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// Errors only.
    Silent,
    /// Requests, assertions, console output, summary.
    Normal,
    /// Also headers and bodies.
    Verbose,
}

/// Options of the terminal reporter.
#[derive(Debug, Clone, Copy)]
pub struct CliOptions {
    /// ANSI colours.
    pub color: bool,
    /// How much to print.
    pub verbosity: Verbosity,
    /// Skip the summary table.
    pub no_summary: bool,
    /// Skip the failure list.
    pub no_failures: bool,
    /// Skip assertion lines.
    pub no_assertions: bool,
    /// Skip passed assertion lines.
    pub no_success_assertions: bool,
    /// Print no line per request (a progress bar shows the run instead);
    /// the header, summary and failures still print.
    pub no_requests: bool,
    /// Plain ASCII symbols and table lines (`--disable-unicode`).
    pub ascii: bool,
}

/// The symbols the reporter prints, Unicode or (`--disable-unicode`) the
/// plain words Newman's cli reporter falls back to.
#[derive(Debug, Clone, Copy)]
struct Symbols {
    folder: &'static str,
    root: &'static str,
    sub: &'static str,
    ok: &'static str,
    fail: &'static str,
    console: &'static str,
    time: &'static str,
    more: &'static str,
    table: &'static str,
}

const UNICODE: Symbols = Symbols {
    folder: "❏",
    root: "→",
    sub: "→",
    ok: "✓",
    fail: "✗",
    console: "┊",
    time: "⏱",
    more: "…",
    table: presets::UTF8_FULL_CONDENSED,
};

/// Newman's plain-text set (`Folder`, `Root`, `Sub-folder`, `Pass`, `Fail`,
/// `|`) and ASCII table lines.
const ASCII: Symbols = Symbols {
    folder: "Folder",
    root: "Root",
    sub: "Sub-folder",
    ok: "Pass",
    fail: "Fail",
    console: "|",
    time: "time:",
    more: "...",
    table: presets::ASCII_FULL_CONDENSED,
};

impl Symbols {
    fn of(ascii: bool) -> Symbols {
        if ascii { ASCII } else { UNICODE }
    }
}

impl Default for CliOptions {
    fn default() -> Self {
        CliOptions {
            color: false,
            verbosity: Verbosity::Normal,
            no_summary: false,
            no_failures: false,
            no_assertions: false,
            no_success_assertions: false,
            no_requests: false,
            ascii: false,
        }
    }
}

/// Bodies longer than this are cut in verbose output.
const BODY_LIMIT: usize = 2048;

/// Writes the run to a terminal (or any writer).
pub struct CliReporter<W: Write> {
    out: W,
    options: CliOptions,
    masker: Masker,
    iterations: usize,
    current_folders: Vec<String>,
    failure_index: usize,
    symbols: Symbols,
}

impl<W: Write> CliReporter<W> {
    /// A reporter writing to `out`; `masker` hides secrets.
    pub fn new(out: W, options: CliOptions, masker: Masker) -> Self {
        CliReporter {
            out,
            options,
            masker,
            iterations: 1,
            current_folders: Vec::new(),
            failure_index: 0,
            symbols: Symbols::of(options.ascii),
        }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.options.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn started(&mut self, start: &RunStart) -> std::io::Result<()> {
        self.iterations = start.iterations;
        self.masker.learn(&start.secrets);
        writeln!(self.out, "courier\n")?;
        if let Some(url) = &start.mock_url {
            let banner = format!(
                "mock: every request goes to {url}, answered from the collection's saved examples"
            );
            writeln!(self.out, "{}\n", self.paint("33", &banner))?;
        }
        writeln!(self.out, "{}", self.paint("1", &start.collection_name))
    }

    fn item(&mut self, r: &ItemResult, secrets: &[String]) -> std::io::Result<()> {
        self.masker.learn(secrets);
        if let Some(ex) = &r.exchange {
            self.masker.learn_exchange(ex);
        }
        for s in &r.script_requests {
            self.masker.learn_exchange(&s.exchange);
        }
        if self.options.no_requests {
            self.failure_index += r.errors.len()
                + r.script_requests
                    .iter()
                    .filter(|s| s.exchange.response.is_err())
                    .count()
                + r.assertions
                    .iter()
                    .filter(|a| a.status == AssertionStatus::Failed)
                    .count();
            return Ok(());
        }
        if r.item.folders != self.current_folders {
            self.current_folders = r.item.folders.clone();
            if !r.item.folders.is_empty() {
                let title = format!("\n{} {}", self.symbols.folder, r.item.folders.join(" / "));
                writeln!(self.out, "{}", self.paint("1", &title))?;
            }
        }
        let arrow = if r.item.folders.is_empty() {
            self.symbols.root
        } else {
            self.symbols.sub
        };
        match r.retries.as_ref().filter(|t| t.attempts.len() > 1) {
            Some(t) => {
                let note = format!("(attempt {}/{})", t.attempts.len(), t.allowed);
                writeln!(
                    self.out,
                    "{arrow} {} {}",
                    r.item.name,
                    self.paint("2", &note)
                )?;
            }
            None => writeln!(self.out, "{arrow} {}", r.item.name)?,
        }
        if r.skipped {
            writeln!(
                self.out,
                "  {}",
                self.paint("2", "(skipped by pm.execution.skipRequest)")
            )?;
        }
        self.script_requests(r, ScriptEvent::Prerequest)?;
        if let Some(ex) = &r.exchange {
            let line = self.exchange_line(ex);
            writeln!(self.out, "  {line}")?;
            if self.options.verbosity == Verbosity::Verbose {
                self.verbose_exchange(ex, Some(r.duration))?;
            }
        }
        self.script_requests(r, ScriptEvent::Test)?;
        for c in &r.console {
            let line = self.masker.text(&c.message);
            writeln!(
                self.out,
                "  {} {}",
                self.symbols.console,
                self.paint("2", &line)
            )?;
        }
        self.assertions_and_errors(r)
    }

    /// `METHOD URL [STATUS REASON, SIZE, TIME]`, or `[errored: …]`.
    fn exchange_line(&self, ex: &Exchange) -> String {
        let url = display_url(&self.masker.text(&ex.request.url));
        let detail = match &ex.response {
            Ok(resp) => format!(
                "[{} {}, {}, {}]",
                resp.status,
                resp.reason,
                human_size(resp.size()),
                human_duration(resp.time)
            ),
            Err(e) => self.paint("31", &format!("[errored: {}]", e.kind)),
        };
        format!("{} {url} {detail}", ex.request.method)
    }

    /// The requests `event` scripts sent with `pm.sendRequest`, a line each
    /// (Newman prints them like the item's own request).
    fn script_requests(&mut self, r: &ItemResult, event: ScriptEvent) -> std::io::Result<()> {
        for s in r.script_requests.iter().filter(|s| s.event == event) {
            let line = self.exchange_line(&s.exchange);
            writeln!(self.out, "  {} {line}", self.paint("2", "pm.sendRequest"))?;
            if self.options.verbosity == Verbosity::Verbose {
                self.verbose_exchange(&s.exchange, None)?;
            }
        }
        Ok(())
    }

    fn assertions_and_errors(&mut self, r: &ItemResult) -> std::io::Result<()> {
        for a in &r.assertions {
            match a.status {
                AssertionStatus::Passed => {
                    if !self.options.no_assertions && !self.options.no_success_assertions {
                        let ok = self.paint("32", self.symbols.ok);
                        let line = format!("  {ok}  {}", self.masker.text(&a.name));
                        writeln!(self.out, "{line}")?;
                    }
                }
                AssertionStatus::Skipped => {
                    if !self.options.no_assertions {
                        let line = format!("  -  {}", self.masker.text(&a.name));
                        writeln!(self.out, "{}", self.paint("2", &line))?;
                    }
                }
                AssertionStatus::Failed => {
                    self.failure_index += 1;
                    if !self.options.no_assertions {
                        let line = format!(
                            "  {} {}. {}",
                            self.symbols.fail,
                            self.failure_index,
                            self.masker.text(&a.name)
                        );
                        writeln!(self.out, "{}", self.paint("31", &line))?;
                    }
                }
            }
        }
        let script_errors = r.script_requests.iter().filter_map(|s| s.error());
        for e in r.errors.iter().cloned().chain(script_errors) {
            self.failure_index += 1;
            let line = format!(
                "  {} {}. {}",
                self.symbols.fail,
                self.failure_index,
                self.masker.text(&e.to_string())
            );
            writeln!(self.out, "{}", self.paint("31", &line))?;
        }
        Ok(())
    }

    fn verbose_exchange(
        &mut self,
        ex: &Exchange,
        item_time: Option<Duration>,
    ) -> std::io::Result<()> {
        let mut lines = Vec::new();
        for (k, v) in &ex.request.headers {
            lines.push(format!("  > {k}: {}", self.masker.header(k, v)));
        }
        if !ex.request.body.is_empty() {
            lines.push(format!(
                "  > {}",
                truncate(&self.masker.body(&ex.request.body), self.symbols.more)
                    .replace('\n', "\n    ")
            ));
        }
        if let Ok(resp) = &ex.response {
            if !resp.http_version.is_empty() {
                lines.push(format!(
                    "  < {} {} {}",
                    resp.http_version, resp.status, resp.reason
                ));
            }
            for (k, v) in &resp.headers {
                lines.push(format!("  < {k}: {}", self.masker.header(k, v)));
            }
            if let Some(d) = &resp.dropped {
                lines.push(format!(
                    "  < [body not kept: {} bytes, sha256 {}; larger than --max-response-size]",
                    d.size, d.sha256
                ));
            } else if !resp.body.is_empty() {
                let body = truncate(&self.masker.body(&resp.text()), self.symbols.more)
                    .replace('\n', "\n    ");
                lines.push(format!("  < {body}"));
            }
            lines.push(match item_time {
                Some(item_time) => format!(
                    "  {} response {}, item {} (scripts included)",
                    self.symbols.time,
                    human_duration(resp.time),
                    human_duration(item_time)
                ),
                None => format!(
                    "  {} response {}",
                    self.symbols.time,
                    human_duration(resp.time)
                ),
            });
        }
        for l in lines {
            writeln!(self.out, "{}", self.paint("2", &l))?;
        }
        Ok(())
    }

    fn finished(&mut self, s: &RunSummary) -> std::io::Result<()> {
        if !self.options.no_summary {
            writeln!(self.out)?;
            writeln!(self.out, "{}", summary_table(s, self.symbols.table))?;
            if s.stats.scripts_not_run > 0 {
                let note = format!(
                    "{} script(s) not run (--no-scripts): their tests and variables are missing from this run",
                    s.stats.scripts_not_run
                );
                writeln!(self.out, "{}", self.paint("33", &note))?;
            }
        }
        if !self.options.no_failures && !s.failures.is_empty() {
            writeln!(self.out)?;
            writeln!(self.out, "{}", self.failure_table(s))?;
            if s.failures_omitted > 0 {
                writeln!(
                    self.out,
                    "… and {} more failures, not kept in memory; the JSON report (-r json) lists every one.",
                    s.failures_omitted
                )?;
            }
        }
        if let Some(reason) = &s.aborted {
            let what = if s.interrupted {
                "run interrupted, the reports hold what ran before"
            } else {
                "run stopped"
            };
            writeln!(
                self.out,
                "{}",
                self.paint("31", &format!("{what}: {reason}"))
            )?;
        }
        Ok(())
    }

    fn failure_table(&self, s: &RunSummary) -> String {
        let mut t = Table::new();
        t.load_preset(self.symbols.table)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(120)
            .set_header(vec!["#", "failure", "detail"]);
        for (i, f) in s.failures.iter().enumerate() {
            let (kind, mut detail) = match &f.kind {
                FailureKind::Assertion {
                    name,
                    expected,
                    actual,
                } => {
                    let mut d = format!("{name}\n{}", f.message);
                    if let (Some(e), Some(a)) = (expected, actual) {
                        d.push_str(&format!("\nexpected: {e}\nactual:   {a}"));
                    }
                    ("AssertionError", d)
                }
                FailureKind::Error(e) => (error_kind(e), f.message.clone()),
            };
            let iteration = if self.iterations > 1 {
                format!(" (iteration {})", f.iteration + 1)
            } else {
                String::new()
            };
            detail.push_str(&format!("\nat \"{}\"{iteration}", f.item.path()));
            t.add_row(vec![
                Cell::new(format!("{}.", i + 1)),
                Cell::new(kind),
                Cell::new(self.masker.text(&detail)),
            ]);
        }
        t.to_string()
    }
}

/// Newman's summary table: executed / failed per kind, then timings;
/// `preset` is a comfy-table preset (Unicode or ASCII lines).
pub fn summary_table(s: &RunSummary, preset: &str) -> String {
    let mut t = Table::new();
    t.load_preset(preset)
        .set_header(vec!["", "executed", "failed"]);
    let st = &s.stats;
    for (name, c) in [
        ("iterations", st.iterations),
        ("requests", st.requests),
        ("test-scripts", st.test_scripts),
        ("prerequest-scripts", st.prerequest_scripts),
        ("assertions", st.assertions),
    ] {
        t.add_row(vec![
            Cell::new(name).set_alignment(CellAlignment::Right),
            Cell::new(c.total).set_alignment(CellAlignment::Right),
            Cell::new(c.failed).set_alignment(CellAlignment::Right),
        ]);
    }
    let rt = &s.response_times;
    let timing = format!(
        "total run duration: {}\ntotal data received: {}\naverage response time: {} [min: {}, max: {}]",
        human_duration(s.duration),
        human_size(usize::try_from(s.bytes_received).unwrap_or(usize::MAX)),
        human_duration(rt.average()),
        human_duration(rt.min.unwrap_or_default()),
        human_duration(rt.max.unwrap_or_default()),
    );
    format!("{t}\n{timing}")
}

fn truncate(text: &str, more: &str) -> String {
    if text.len() <= BODY_LIMIT {
        return text.to_owned();
    }
    let mut cut = BODY_LIMIT;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{more} ({} more bytes)", &text[..cut], text.len() - cut)
}

/// `512B`, `1.2kB`, `3.4MB`.
pub fn human_size(bytes: usize) -> String {
    match bytes {
        b if b < 1000 => format!("{b}B"),
        b if b < 1_000_000 => format!("{:.1}kB", b as f64 / 1000.0),
        b => format!("{:.1}MB", b as f64 / 1_000_000.0),
    }
}

/// `35ms`, `1.2s`, `2m 3.0s`.
pub fn human_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms}ms")
    } else if ms < 60_000 {
        format!("{:.1}s", d.as_secs_f64())
    } else {
        format!("{}m {:.1}s", ms / 60_000, (ms % 60_000) as f64 / 1000.0)
    }
}

impl<W: Write> Reporter for CliReporter<W> {
    fn on_event(&mut self, event: &RunEvent<'_>) -> Result<(), super::ReportError> {
        if self.options.verbosity == Verbosity::Silent {
            return Ok(());
        }
        // A closed pipe (`courier run … | head`) must not abort the run.
        let _ = match event {
            RunEvent::RunStarted(start) => self.started(start),
            RunEvent::IterationStarted { iteration, total } => {
                if *total > 1 && !self.options.no_requests {
                    self.current_folders.clear();
                    writeln!(self.out, "\nIteration {}/{total}", iteration + 1)
                } else {
                    Ok(())
                }
            }
            RunEvent::ItemStarted { .. } | RunEvent::IterationFinished { .. } => Ok(()),
            RunEvent::ItemFinished { result, secrets } => self.item(result, secrets),
            RunEvent::RunFinished(summary) => self.finished(summary),
        };
        let _ = self.out.flush();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_durations() {
        assert_eq!(human_size(512), "512B");
        assert_eq!(human_size(1234), "1.2kB");
        assert_eq!(human_size(3_400_000), "3.4MB");
        assert_eq!(human_duration(Duration::from_millis(35)), "35ms");
        assert_eq!(human_duration(Duration::from_millis(1234)), "1.2s");
        assert_eq!(human_duration(Duration::from_millis(123_400)), "2m 3.4s");
    }

    #[test]
    fn issue17_ascii_symbols_are_newmans_plain_words() {
        let s = Symbols::of(true);
        let all = [
            s.folder, s.root, s.sub, s.ok, s.fail, s.console, s.time, s.more,
        ];
        assert!(all.iter().all(|t| t.is_ascii()), "{all:?}");
        assert_eq!(
            (s.folder, s.root, s.sub, s.ok),
            ("Folder", "Root", "Sub-folder", "Pass")
        );
        let summary = summary_table(&RunSummary::default(), s.table);
        assert!(summary.is_ascii(), "{summary}");
        assert!(!summary_table(&RunSummary::default(), UNICODE.table).is_ascii());
    }

    #[test]
    fn truncates_long_bodies_with_a_count() {
        let body = "é".repeat(2000);
        let out = truncate(&body, "…");
        assert!(out.ends_with("more bytes)"), "{out}");
        assert!(out.contains("(1952 more bytes)") || out.contains("more bytes"));
    }
}
