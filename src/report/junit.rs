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
//!
//! Suites are written as items finish: each is serialised on its own and
//! appended to a [`Spool`] beside the report, and only the counts are kept.
//! When the run ends the `<testsuites>` element, whose attributes need the
//! totals, is written first and the spooled suites are copied after it.

use std::path::PathBuf;
use std::time::SystemTime;

use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};

use super::mask::Masker;
use super::record::{ExecutionRecord, source_name};
use super::spool::Spool;
use super::{ReportError, Reporter, write_atomically_with};
use crate::runner::{AssertionStatus, RunEvent, RunSummary};

/// Request and response bodies are not part of JUnit output; this only
/// bounds what the record copies.
const BODY_LIMIT: usize = 0;

/// Writes a JUnit XML file when the run ends.
pub struct JunitReporter {
    path: PathBuf,
    masker: Masker,
    /// The `<testsuites>` element's counts; its suites are in the spool.
    report: Report,
    spool: Option<Spool>,
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
            spool: None,
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

    fn write_error(&self, source: std::io::Error) -> ReportError {
        ReportError::Write {
            reporter: "junit",
            path: self.path.clone(),
            source,
        }
    }

    /// Adds the suite's counts to the report and appends its XML to the spool.
    fn spool_suite(&mut self, suite: TestSuite) -> Result<(), ReportError> {
        let r = &mut self.report;
        r.tests += suite.tests;
        r.failures += suite.failures;
        r.errors += suite.errors;
        r.skipped += suite.skipped;
        let mut one = Report::unnamed();
        one.add_test_suite(suite);
        let xml = one.to_string().map_err(render_error)?;
        let fragment = suite_fragment(&xml).ok_or_else(|| ReportError::Render {
            reporter: "junit",
            message: "quick-junit wrote a suite without <testsuites>".to_owned(),
        })?;
        let Some(spool) = self.spool.as_mut() else {
            return Ok(());
        };
        spool
            .append(fragment.as_bytes())
            .map_err(|e| self.write_error(e))
    }

    fn finish(&mut self, s: &RunSummary) -> Result<(), ReportError> {
        if s.interrupted {
            let suite = self.interrupted_suite(s);
            if self.spool.as_ref().is_some_and(|sp| sp.records() > 0) {
                self.spool_suite(suite)?;
            } else {
                self.report.add_test_suite(suite);
            }
        }
        let name = self.masker.text(&s.collection_name);
        self.report.name = Some(name.as_str().into());
        self.report.set_time(s.duration);
        let head = self.report.to_string().map_err(render_error)?;
        let spool = self.spool.take();
        let suites = spool.as_ref().map_or(0, Spool::records);
        // Everything up to the end of the `<testsuites …>` start tag.
        let open = match (suites, head.find("<testsuites")) {
            (0, _) | (_, None) => None,
            (_, Some(at)) => head[at..].find('>').map(|end| &head[..=at + end]),
        };
        let path = self.path.clone();
        write_atomically_with(&path, |out| match (open, &spool) {
            (Some(open), Some(spool)) => {
                out.write_all(open.as_bytes())?;
                out.write_all(b"\n")?;
                std::io::copy(&mut spool.reader()?, out)?;
                out.write_all(b"</testsuites>\n")
            }
            _ => out.write_all(head.as_bytes()),
        })
        .map_err(|e| self.write_error(e))
    }
}

fn render_error(e: quick_junit::SerializeError) -> ReportError {
    ReportError::Render {
        reporter: "junit",
        message: e.to_string(),
    }
}

/// The `<testsuite>` element of a one-suite report, with its indentation
/// and trailing newline, as it appears among the others in a whole report.
fn suite_fragment(xml: &str) -> Option<&str> {
    let at = xml.find("<testsuites")?;
    let open_end = at + xml[at..].find('>')?;
    let close = xml.rfind("</testsuites>")?;
    xml.get(open_end + 1..close)?.strip_prefix('\n')
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
                self.spool = Some(Spool::beside(&self.path).map_err(|e| self.write_error(e))?);
            }
            RunEvent::ItemStarted { .. } => self.item_started = SystemTime::now(),
            RunEvent::ItemFinished { result, secrets } => {
                self.masker.learn(secrets);
                if let Some(ex) = &result.exchange {
                    self.masker.learn_exchange(ex);
                }
                let record = ExecutionRecord::new(result, 0, &self.masker, BODY_LIMIT);
                let suite = self.suite(&record);
                self.spool_suite(suite)?;
            }
            RunEvent::RunFinished(summary) => self.finish(summary)?,
            RunEvent::IterationStarted { .. } | RunEvent::IterationFinished { .. } => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suite(name: &str, failed: bool) -> TestSuite {
        let mut suite = TestSuite::new(name);
        let status = if failed {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
            s.set_message("expected <1> & 2");
            s
        } else {
            TestCaseStatus::success()
        };
        suite.add_test_case(TestCase::new("t", status));
        suite.set_system_out("GET http://h/x\n");
        suite
    }

    /// The spooled report is the text quick-junit gives the whole report.
    #[test]
    fn streamed_suites_make_the_same_xml_as_one_report() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.xml");
        let mut r = JunitReporter::new(path.clone(), Masker::new(true));
        r.spool = Some(Spool::beside(&path).unwrap());
        let mut whole = Report::new("c");
        for (i, failed) in [false, true, false].into_iter().enumerate() {
            whole.add_test_suite(suite(&format!("s{i}"), failed));
            r.spool_suite(suite(&format!("s{i}"), failed)).unwrap();
        }
        let summary = RunSummary {
            collection_name: "c".into(),
            duration: std::time::Duration::from_millis(1500),
            ..Default::default()
        };
        whole.set_time(summary.duration);
        r.finish(&summary).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(written, whole.to_string().unwrap());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "the spool is gone");
    }

    #[test]
    fn a_run_without_suites_is_an_empty_report() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.xml");
        let mut r = JunitReporter::new(path.clone(), Masker::new(true));
        r.spool = Some(Spool::beside(&path).unwrap());
        r.finish(&RunSummary::default()).unwrap();
        let mut empty = Report::new("");
        empty.set_time(std::time::Duration::ZERO);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            empty.to_string().unwrap()
        );
    }
}
