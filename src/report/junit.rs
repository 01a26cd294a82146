//! The JUnit reporter (`-r junit`), through quick-junit.
//!
//! One `<testsuite>` per item per iteration (Newman merges iterations; CI
//! servers then show one flaky-looking suite), one `<testcase>` per
//! assertion with the request time as its time, failed assertions as
//! `<failure>` with the message and expected / actual, script, request and
//! flow errors as `<error>` cases. The request line and the response status
//! go to the suite's `<system-out>`, error details to `<system-err>`, all
//! masked. Each suite carries what the Apache Ant schema (the one CI servers
//! read) requires: `timestamp` without a zone, `hostname`, `<properties>`,
//! `<system-out>` and `<system-err>`.

use std::path::PathBuf;
use std::time::SystemTime;

use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};

use super::mask::Masker;
use super::record::{ExecutionRecord, source_name};
use super::{ReportError, Reporter, write_atomically};
use crate::runner::{AssertionStatus, RunEvent, RunSummary};

/// Request and response bodies are not part of JUnit output; this only
/// bounds what the record copies.
const BODY_LIMIT: usize = 0;

/// Writes a JUnit XML file when the run ends.
pub struct JunitReporter {
    path: PathBuf,
    masker: Masker,
    report: Report,
    iterations: usize,
    item_started: SystemTime,
    hostname: String,
}

impl JunitReporter {
    /// A reporter writing to `path`.
    pub fn new(path: PathBuf, masker: Masker) -> Self {
        JunitReporter {
            path,
            masker,
            report: Report::new("courier"),
            iterations: 1,
            item_started: SystemTime::now(),
            hostname: hostname(),
        }
    }

    fn suite(&self, r: &ExecutionRecord) -> TestSuite {
        let mut name = r.item.path();
        if name.trim().is_empty() {
            name = "(unnamed request)".to_owned();
        }
        if self.iterations > 1 {
            name = format!("{name} [iteration {}/{}]", r.iteration + 1, self.iterations);
        }
        let mut suite = TestSuite::new(name.as_str());
        suite.set_time(r.duration);
        suite
            .extra
            .insert("timestamp".into(), zoneless(self.item_started).into());
        suite
            .extra
            .insert("hostname".into(), self.hostname.as_str().into());
        suite.add_properties([
            Property::new("item.id", r.item.id.as_str()),
            Property::new("item.path", self.masker.text(&r.item.path()).as_str()),
            Property::new("iteration", (r.iteration + 1).to_string().as_str()),
        ]);
        let time = r.response_time();
        for a in &r.assertions {
            let status = match a.status {
                AssertionStatus::Passed => TestCaseStatus::success(),
                AssertionStatus::Skipped => TestCaseStatus::skipped(),
                AssertionStatus::Failed => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    let message = a.message.clone().unwrap_or_default();
                    let mut text = message.clone();
                    if let (Some(e), Some(v)) = (&a.expected, &a.actual) {
                        text.push_str(&format!("\nexpected: {e}\nactual:   {v}"));
                    }
                    text.push_str(&format!(
                        "\nat {} in {}",
                        r.item.path(),
                        source_name(a.source)
                    ));
                    s.set_type("AssertionFailure")
                        .set_message(message.as_str())
                        .set_description(text.as_str());
                    s
                }
            };
            let mut case = TestCase::new(a.name.as_str(), status);
            case.set_classname(name.as_str()).set_time(time);
            suite.add_test_case(case);
        }
        for e in &r.errors {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
            status
                .set_type(e.kind)
                .set_message(e.message.as_str())
                .set_description(e.message.as_str());
            let mut case = TestCase::new(error_case_name(&e.error), status);
            case.set_classname(name.as_str()).set_time(time);
            suite.add_test_case(case);
        }
        suite.set_system_out(system_out(r).as_str());
        let err: Vec<String> = r
            .errors
            .iter()
            .map(|e| format!("{}: {}", e.kind, e.message))
            .collect();
        suite.set_system_err(err.join("\n").as_str());
        suite
    }

    /// An interrupted run (Ctrl-C) ends with a suite holding one `<error>`
    /// case, so CI shows the run as cut short, not as passed.
    fn interrupted_suite(&self, s: &RunSummary) -> TestSuite {
        let reason = self
            .masker
            .text(s.aborted.as_deref().unwrap_or("interrupted"));
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
        status
            .set_type("Interrupted")
            .set_message(reason.as_str())
            .set_description(reason.as_str());
        let mut case = TestCase::new("run interrupted", status);
        case.set_classname("courier")
            .set_time(std::time::Duration::ZERO);
        let mut suite = TestSuite::new("courier: run interrupted");
        suite.set_time(std::time::Duration::ZERO);
        suite
            .extra
            .insert("timestamp".into(), zoneless(SystemTime::now()).into());
        suite
            .extra
            .insert("hostname".into(), self.hostname.as_str().into());
        suite.add_properties([Property::new("interrupted", "true")]);
        suite.add_test_case(case);
        suite.set_system_out("");
        suite.set_system_err(reason.as_str());
        suite
    }

    fn finish(&mut self, s: &RunSummary) -> Result<(), ReportError> {
        if s.interrupted {
            let suite = self.interrupted_suite(s);
            self.report.add_test_suite(suite);
        }
        let name = self.masker.text(&s.collection_name);
        self.report.name = Some(name.as_str().into());
        self.report.set_time(s.duration);
        let xml = self.report.to_string().map_err(|e| ReportError::Render {
            reporter: "junit",
            message: e.to_string(),
        })?;
        write_atomically(&self.path, xml.as_bytes()).map_err(|source| ReportError::Write {
            reporter: "junit",
            path: self.path.clone(),
            source,
        })
    }
}

/// The name of the test case that stands for a non-assertion failure.
fn error_case_name(e: &crate::runner::ItemError) -> String {
    use crate::runner::ItemError;
    match e {
        ItemError::Script { event, origin, .. } => format!("{} script ({origin})", event.as_str()),
        ItemError::Request { .. } => "request could not be built".to_owned(),
        ItemError::Http { .. } => "request".to_owned(),
        ItemError::ScriptRequest { .. } => "pm.sendRequest".to_owned(),
    }
}

/// `GET https://…` then the status line, or why no response came; then console output.
fn system_out(r: &ExecutionRecord) -> String {
    let mut out = String::new();
    match &r.request {
        Some(req) => out.push_str(&format!(
            "{} {}\n",
            req.method,
            super::display_url(&req.url)
        )),
        None if r.skipped => out.push_str("request skipped (pm.execution.skipRequest)\n"),
        None => out.push_str("no request sent\n"),
    }
    if let Some(resp) = &r.response {
        out.push_str(&format!(
            "{} {} ({} ms, {} bytes)\n",
            resp.status,
            resp.reason,
            resp.time.as_millis(),
            resp.size
        ));
    } else if let Some(e) = &r.request_error {
        out.push_str(&format!("no response: {e}\n"));
    }
    for c in &r.console {
        out.push_str(&format!("console.{}: {}\n", c.level, c.message));
    }
    out
}

/// `2024-01-31T23:59:59` in UTC: the schema's pattern allows no zone and no fraction.
fn zoneless(at: SystemTime) -> String {
    let at: chrono::DateTime<chrono::Utc> = at.into();
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The host name, or `localhost` when it cannot be found (as the schema asks).
fn hostname() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty() && !h.contains(char::is_whitespace))
        .unwrap_or_else(|| "localhost".to_owned())
}

impl Reporter for JunitReporter {
    fn on_event(&mut self, event: &RunEvent<'_>) -> Result<(), ReportError> {
        match event {
            RunEvent::RunStarted(start) => {
                self.iterations = start.iterations;
                self.masker.learn(&start.secrets);
            }
            RunEvent::ItemStarted { .. } => self.item_started = SystemTime::now(),
            RunEvent::ItemFinished { result, secrets } => {
                self.masker.learn(secrets);
                if let Some(ex) = &result.exchange {
                    self.masker.learn_exchange(ex);
                }
                let record = ExecutionRecord::new(result, 0, &self.masker, BODY_LIMIT);
                let suite = self.suite(&record);
                self.report.add_test_suite(suite);
            }
            RunEvent::RunFinished(summary) => self.finish(summary)?,
            RunEvent::IterationStarted { .. } | RunEvent::IterationFinished { .. } => {}
        }
        Ok(())
    }
}
