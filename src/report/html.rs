//! The HTML reporter (`-r html`): one self-contained page (inline CSS and
//! a small inline script, no network fetch) rendered with handlebars. The
//! script only shows and hides what the page holds: the theme toggle, the
//! name filter, the status and iteration filters, copy-as-curl (the command
//! is built here, masked, see [`curl`]).
//!
//! The default page (`html/report.hbs`, with the partials `execution.hbs`,
//! `body.hbs` and `failure.hbs`) is compiled into the binary and written as
//! the run goes: as each item finishes, its failure-table rows and its
//! request section are rendered (every string masked, bodies cut at
//! [`BODY_LIMIT`], JSON bodies pretty-printed) and appended to [`Spool`]s
//! beside the report — rows, failed sections, passed sections. When the run
//! ends the page is rendered with the summary and markers where the spooled
//! parts go, and written by streaming copy, so memory stays flat however
//! long the run. A huge run's page keeps the first [`SECTION_LIMIT`] failed
//! and passed request sections and [`FAILURE_ROW_LIMIT`] failure rows, with
//! a note pointing at the JSON report, so that it still opens fast.
//!
//! `--reporter-html-template PATH` renders a user's template once at the
//! end with the whole data model, documented in the README ("Reports"); its
//! `executions` and `failures` hold the same capped selection, in run order.

mod curl;

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use handlebars::Handlebars;
use serde_json::{Value, json};

use super::cli::{human_duration, human_size};
use super::mask::Masker;
use super::record::{BodyRecord, ExecutionRecord, source_name, status_name};
use super::spool::Spool;
use super::{ReportError, Reporter, RunContext, write_atomically_with};
use crate::http::Header;
use crate::runner::{AssertionStatus, Counter, RunEvent, RunSummary};

/// The page template compiled into the binary.
pub const DEFAULT_TEMPLATE: &str = include_str!("html/report.hbs");

/// The partials every template can use: one request section, one body, one
/// row of the failure table.
const PARTIALS: [(&str, &str); 3] = [
    ("execution", include_str!("html/execution.hbs")),
    ("body", include_str!("html/body.hbs")),
    ("failure", include_str!("html/failure.hbs")),
];

/// At most this many failed request sections, and as many passed ones, are
/// in a page; the JSON report has every request.
pub const SECTION_LIMIT: usize = 1000;

/// At most this many rows are in the failure table.
pub const FAILURE_ROW_LIMIT: usize = 1000;

/// Where the spooled parts go in the default page: the data's
/// `failure_rows`, `failed_sections` and `passed_sections` are these.
const MARKERS: [&str; 3] = [
    "\u{1}courier:failure_rows\u{1}",
    "\u{1}courier:failed_sections\u{1}",
    "\u{1}courier:passed_sections\u{1}",
];

/// Bodies are cut at this many bytes in the page.
pub const BODY_LIMIT: usize = 32 * 1024;

/// Bodies longer than this many lines (or [`LONG_BYTES`]) start collapsed.
const LONG_LINES: usize = 25;
/// Bodies longer than this many bytes start collapsed.
const LONG_BYTES: usize = 2000;

const TEMPLATE_NAME: &str = "report";

/// Writes the HTML report: the default page as the run goes, a user's
/// template when it ends.
pub struct HtmlReporter {
    path: PathBuf,
    masker: Masker,
    context: RunContext,
    registry: Handlebars<'static>,
    output: Output,
    counts: Counts,
    iterations: usize,
    position: usize,
}

/// Where the rendered parts go.
enum Output {
    /// The default page: failure rows, failed and passed sections, spooled
    /// (the spools are made when the run starts).
    Streamed([Option<Spool>; 3]),
    /// A user's template: the capped data kept for one render at the end,
    /// which is bounded as every expansion of user text is
    /// ([`crate::template`]).
    Kept {
        template: String,
        executions: Vec<Value>,
        failures: Vec<Value>,
    },
}

/// How many of each part the run had.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    executions: usize,
    failures: usize,
    failed_requests: usize,
    passed_requests: usize,
}

impl HtmlReporter {
    /// A reporter writing to `path` with the default template, or with
    /// `template` (a handlebars source) when given. A template that does not
    /// compile is an error here, before anything runs.
    pub fn new(
        path: PathBuf,
        masker: Masker,
        context: RunContext,
        template: Option<&str>,
    ) -> Result<Self, ReportError> {
        let mut registry = Handlebars::new();
        let compile_error = |e: handlebars::TemplateError| ReportError::Render {
            reporter: "html",
            message: format!("the template does not compile: {e}"),
        };
        for (name, source) in PARTIALS {
            registry
                .register_template_string(name, source)
                .map_err(compile_error)?;
        }
        registry
            .register_template_string(TEMPLATE_NAME, template.unwrap_or(DEFAULT_TEMPLATE))
            .map_err(compile_error)?;
        let output = match template {
            None => Output::Streamed([None, None, None]),
            Some(source) => Output::Kept {
                template: source.to_owned(),
                executions: Vec::new(),
                failures: Vec::new(),
            },
        };
        Ok(HtmlReporter {
            path,
            masker,
            context,
            registry,
            output,
            counts: Counts::default(),
            iterations: 1,
            position: 0,
        })
    }

    fn write_error(&self, source: std::io::Error) -> ReportError {
        ReportError::Write {
            reporter: "html",
            path: self.path.clone(),
            source,
        }
    }

    fn start(&mut self) -> Result<(), ReportError> {
        if let Output::Streamed(spools) = &mut self.output {
            for spool in spools.iter_mut() {
                *spool = Some(
                    Spool::beside(&self.path).map_err(|source| ReportError::Write {
                        reporter: "html",
                        path: self.path.clone(),
                        source,
                    })?,
                );
            }
        }
        Ok(())
    }

    /// Adds the item's failure rows and request section, within the limits.
    fn item(&mut self, r: &ExecutionRecord) -> Result<(), ReportError> {
        self.counts.executions += 1;
        let number = self.counts.executions;
        let anchor = format!("item-{number}");
        let rows = failure_rows(r, self.counts.failures + 1, &anchor, &self.masker);
        let room = FAILURE_ROW_LIMIT.saturating_sub(self.counts.failures);
        self.counts.failures += rows.len();
        let shown = if r.failed {
            self.counts.failed_requests += 1;
            self.counts.failed_requests <= SECTION_LIMIT
        } else {
            self.counts.passed_requests += 1;
            self.counts.passed_requests <= SECTION_LIMIT
        };
        let section = shown.then(|| execution(r, number, &anchor, &self.masker));
        let rows = rows.into_iter().take(room);
        match &mut self.output {
            Output::Kept {
                template: _,
                executions,
                failures,
            } => {
                failures.extend(rows);
                executions.extend(section);
                Ok(())
            }
            Output::Streamed(_) => {
                for row in rows {
                    self.spool_fragment("failure", row, 0)?;
                }
                match section {
                    Some(section) => {
                        let spool = if r.failed { 1 } else { 2 };
                        self.spool_fragment("execution", section, spool)
                    }
                    None => Ok(()),
                }
            }
        }
    }

    /// Renders `value` with the partial `name` and appends it to spool `index`.
    fn spool_fragment(
        &mut self,
        name: &str,
        mut value: Value,
        index: usize,
    ) -> Result<(), ReportError> {
        // The partials read `@root.many_iterations`, as inside the page.
        value["many_iterations"] = Value::Bool(self.iterations > 1);
        let html = self
            .registry
            .render(name, &value)
            .map_err(|e| ReportError::Render {
                reporter: "html",
                message: e.to_string(),
            })?;
        let Output::Streamed(spools) = &mut self.output else {
            return Ok(());
        };
        let Some(spool) = spools[index].as_mut() else {
            return Ok(());
        };
        let written = spool.append(html.as_bytes());
        written.map_err(|e| self.write_error(e))
    }

    /// The data a template sees (documented in the README).
    fn data(&self, s: &RunSummary) -> Value {
        let started = s.started_at.unwrap_or_else(SystemTime::now);
        let started: chrono::DateTime<chrono::Utc> = started.into();
        let st = &s.stats;
        let counter = |c: Counter| json!({ "total": c.total, "failed": c.failed });
        let rt = &s.response_times;
        let name_of = |e: &Option<crate::collection::Environment>| {
            e.as_ref().map(|e| self.masker.text(&e.name))
        };
        let collection_id = self.context.collection["info"]["_postman_id"].clone();
        let c = self.counts;
        json!({
            "courier_version": env!("CARGO_PKG_VERSION"),
            "collection": { "name": self.masker.text(&s.collection_name), "id": collection_id },
            "environment": name_of(&self.context.environment),
            "globals": name_of(&self.context.globals),
            "started_at": started.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            "duration": human_duration(s.duration),
            "duration_ms": millis(s.duration),
            "failed": s.failed(),
            "aborted": s.aborted.as_ref().map(|a| self.masker.text(a)),
            "interrupted": s.interrupted,
            "masked": self.masker.enabled(),
            "many_iterations": self.iterations > 1,
            "stats": {
                "iterations": counter(st.iterations),
                "items": counter(st.items),
                "requests": counter(st.requests),
                "prerequest_scripts": counter(st.prerequest_scripts),
                "test_scripts": counter(st.test_scripts),
                "scripts": counter(Counter {
                    total: st.prerequest_scripts.total + st.test_scripts.total,
                    failed: st.prerequest_scripts.failed + st.test_scripts.failed,
                }),
                "assertions": counter(st.assertions),
                "skipped_assertions": st.skipped_assertions,
                "scripts_not_run": st.scripts_not_run,
            },
            "timings": {
                "average": human_duration(rt.average()),
                "min": human_duration(rt.min.unwrap_or_default()),
                "max": human_duration(rt.max.unwrap_or_default()),
                "average_ms": millis(rt.average()),
                "min_ms": millis(rt.min.unwrap_or_default()),
                "max_ms": millis(rt.max.unwrap_or_default()),
                "data_received": human_size(usize::try_from(s.bytes_received).unwrap_or(usize::MAX)),
                "data_received_bytes": s.bytes_received,
            },
            "failure_count": c.failures,
            "shown": {
                "failures": c.failures.min(FAILURE_ROW_LIMIT),
                "failed_requests": c.failed_requests.min(SECTION_LIMIT),
                "passed_requests": c.passed_requests.min(SECTION_LIMIT),
            },
            "omitted": {
                "failures": c.failures.saturating_sub(FAILURE_ROW_LIMIT),
                "failed_requests": c.failed_requests.saturating_sub(SECTION_LIMIT),
                "passed_requests": c.passed_requests.saturating_sub(SECTION_LIMIT),
            },
        })
    }

    fn finish(&mut self, s: &RunSummary) -> Result<(), ReportError> {
        let mut data = self.data(s);
        let render_error = |message: String| ReportError::Render {
            reporter: "html",
            message,
        };
        let (page, spools) = match &mut self.output {
            Output::Kept {
                template,
                executions,
                failures,
            } => {
                data["failures"] = Value::Array(std::mem::take(failures));
                data["executions"] = Value::Array(std::mem::take(executions));
                // A user's template: bounded like the visualizer's.
                let guarded = crate::template::Guarded {
                    template: std::mem::take(template),
                    partials: PARTIALS
                        .iter()
                        .map(|(n, p)| ((*n).to_owned(), (*p).to_owned()))
                        .collect(),
                    no_escape: false,
                    strict: false,
                };
                let page = crate::template::render(guarded, data).map_err(render_error)?;
                (page, Vec::new())
            }
            Output::Streamed(spools) => {
                data["failure_rows"] = Value::String(MARKERS[0].to_owned());
                data["failed_sections"] = Value::String(MARKERS[1].to_owned());
                data["passed_sections"] = Value::String(MARKERS[2].to_owned());
                let spools = spools.iter_mut().map(Option::take).collect();
                let page = self
                    .registry
                    .render(TEMPLATE_NAME, &data)
                    .map_err(|e| render_error(e.to_string()))?;
                (page, spools)
            }
        };
        let path = self.path.clone();
        write_atomically_with(&path, |out| write_page(out, &page, &spools))
            .map_err(|e| self.write_error(e))
    }
}

/// Writes `page`, copying each spool where its marker is.
fn write_page(out: &mut dyn Write, page: &str, spools: &[Option<Spool>]) -> std::io::Result<()> {
    let mut rest = page;
    loop {
        let next = MARKERS
            .iter()
            .enumerate()
            .filter_map(|(i, m)| rest.find(m).map(|at| (at, i)))
            .min();
        let Some((at, i)) = next else {
            return out.write_all(rest.as_bytes());
        };
        out.write_all(&rest.as_bytes()[..at])?;
        if let Some(Some(spool)) = spools.get(i) {
            std::io::copy(&mut spool.reader()?, out)?;
        }
        rest = &rest[at + MARKERS[i].len()..];
    }
}

/// The failure-table rows of one item run, numbered from `first`.
fn failure_rows(r: &ExecutionRecord, first: usize, anchor: &str, masker: &Masker) -> Vec<Value> {
    let item = masker.text(&r.item.path());
    let mut rows = Vec::new();
    for a in &r.assertions {
        if a.status == AssertionStatus::Failed {
            rows.push(json!({
                "number": first + rows.len(),
                "kind": "AssertionError",
                "name": a.name,
                "message": a.message,
                "expected": a.expected,
                "actual": a.actual,
                "item": item,
                "iteration": r.iteration + 1,
                "anchor": anchor,
            }));
        }
    }
    for e in &r.errors {
        rows.push(json!({
            "number": first + rows.len(),
            "kind": e.kind,
            "name": null,
            "message": e.message,
            "item": item,
            "iteration": r.iteration + 1,
            "anchor": anchor,
        }));
    }
    rows
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn headers(list: &[Header]) -> Value {
    Value::Array(
        list.iter()
            .map(|(k, v)| json!({ "name": k, "value": v }))
            .collect(),
    )
}

/// A body for the page: JSON pretty-printed, long ones collapsed.
fn body(b: &BodyRecord) -> Value {
    let (text, is_json) = match b.json() {
        Some(v) => (
            serde_json::to_string_pretty(&v).unwrap_or_else(|_| b.text.clone()),
            true,
        ),
        None => (b.dropped_note().unwrap_or_else(|| b.text.clone()), false),
    };
    let long = text.len() > LONG_BYTES || text.lines().count() > LONG_LINES;
    json!({
        "text": text,
        "json": is_json,
        "size": b.size,
        "size_human": human_size(b.size),
        "truncated": b.truncated,
        "limit_human": human_size(BODY_LIMIT),
        "long": long,
    })
}

/// One entry of `executions`.
fn execution(r: &ExecutionRecord, number: usize, anchor: &str, masker: &Masker) -> Value {
    let request = r.request.as_ref().map(|req| {
        json!({
            "method": req.method,
            "url": super::display_url(&req.url),
            "headers": headers(&req.headers),
            "body": body(&req.body),
            "curl": curl::command(req),
        })
    });
    let response = r.response.as_ref().map(|resp| {
        json!({
            "status": resp.status,
            "reason": resp.reason,
            "ok": (200..400).contains(&resp.status),
            "time": human_duration(resp.time),
            "time_ms": millis(resp.time),
            "size": human_size(resp.size),
            "size_bytes": resp.size,
            "headers": headers(&resp.headers),
            "body": body(&resp.body),
        })
    });
    let assertions: Vec<Value> = r
        .assertions
        .iter()
        .map(|a| {
            json!({
                "name": a.name,
                "status": status_name(a.status),
                "passed": a.status == AssertionStatus::Passed,
                "failed": a.status == AssertionStatus::Failed,
                "skipped": a.status == AssertionStatus::Skipped,
                "source": source_name(a.source),
                "message": a.message,
                "expected": a.expected,
                "actual": a.actual,
            })
        })
        .collect();
    let errors: Vec<Value> = r
        .errors
        .iter()
        .map(|e| json!({ "kind": e.kind, "message": e.message }))
        .collect();
    let console: Vec<Value> = r
        .console
        .iter()
        .map(|c| json!({ "level": c.level, "message": c.message }))
        .collect();
    json!({
        "number": number,
        "anchor": anchor,
        "id": r.item.id,
        "name": masker.text(&r.item.name),
        "path": masker.text(&r.item.path()),
        "folders": r.item.folders,
        "folder_path": masker.text(&r.item.folders.join(" / ")),
        "iteration": r.iteration + 1,
        "position": r.position + 1,
        "failed": r.failed,
        "skipped": r.skipped,
        "duration": human_duration(r.duration),
        "duration_ms": millis(r.duration),
        "request": request,
        "response": response,
        "request_error": r.request_error,
        "assertions": assertions,
        "errors": errors,
        "console": console,
        "visualization": r.visualization.as_ref().map(|v| json!({
            "html": v.html,
            "error": v.error,
        })),
    })
}

impl Reporter for HtmlReporter {
    fn on_event(&mut self, event: &RunEvent<'_>) -> Result<(), ReportError> {
        match event {
            RunEvent::RunStarted(start) => {
                self.iterations = start.iterations;
                self.masker.learn(&start.secrets);
                self.start()?;
            }
            RunEvent::IterationStarted { .. } => self.position = 0,
            RunEvent::ItemStarted { .. } | RunEvent::IterationFinished { .. } => {}
            RunEvent::ItemFinished { result, secrets } => {
                self.masker.learn(secrets);
                if let Some(ex) = &result.exchange {
                    self.masker.learn_exchange(ex);
                }
                let record = ExecutionRecord::new(result, self.position, &self.masker, BODY_LIMIT);
                self.position += 1;
                self.item(&record)?;
            }
            RunEvent::RunFinished(summary) => self.finish(summary)?,
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_template_compiles() {
        let r = HtmlReporter::new(
            PathBuf::from("x.html"),
            Masker::new(true),
            RunContext::default(),
            None,
        );
        assert!(r.is_ok());
    }

    #[test]
    fn long_bodies_start_collapsed_and_json_is_pretty() {
        let m = Masker::new(true);
        let short = body(&BodyRecord::new(r#"{"a":1}"#, &m, BODY_LIMIT));
        assert_eq!(short["text"], "{\n  \"a\": 1\n}");
        assert_eq!(
            (short["json"].as_bool(), short["long"].as_bool()),
            (Some(true), Some(false))
        );
        let many_lines = "x\n".repeat(LONG_LINES + 1);
        let long = body(&BodyRecord::new(&many_lines, &m, BODY_LIMIT));
        assert_eq!(long["long"], true);
        let cut = body(&BodyRecord::new(
            &"y".repeat(BODY_LIMIT + 1),
            &m,
            BODY_LIMIT,
        ));
        assert_eq!(
            (cut["truncated"].as_bool(), cut["long"].as_bool()),
            (Some(true), Some(true))
        );
    }

    /// `passed` passing then `failed` failing items, through `template`.
    fn page(passed: usize, failed: usize, template: Option<&str>) -> String {
        use crate::runner::{Assertion, AssertionFailure, AssertionSource, ItemResult};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.html");
        let m = Masker::new(true);
        let mut r =
            HtmlReporter::new(path.clone(), m.clone(), RunContext::default(), template).unwrap();
        r.start().unwrap();
        for i in 0..passed + failed {
            let mut result = ItemResult::default();
            result.item.name = format!("item {i}");
            result.assertions = vec![if i < passed {
                Assertion::passed("ok", AssertionSource::TestScript)
            } else {
                let failure = AssertionFailure {
                    message: format!("failure {i}"),
                    ..Default::default()
                };
                Assertion::failed("bad", AssertionSource::TestScript, failure)
            }];
            r.item(&ExecutionRecord::new(&result, i, &m, BODY_LIMIT))
                .unwrap();
        }
        r.finish(&RunSummary::default()).unwrap();
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "the spools are gone");
        std::fs::read_to_string(&path).unwrap()
    }

    #[test]
    fn issue16_a_huge_run_keeps_the_first_sections_and_says_so() {
        let html = page(SECTION_LIMIT + 5, 3, None);
        assert_eq!(
            html.matches("<section class=\"item").count(),
            SECTION_LIMIT + 3
        );
        assert!(
            html.contains("5 more passed requests are not shown"),
            "note"
        );
        assert!(!html.contains("more failed requests"));
        assert!(html.contains(&format!(
            "<h3><span class=\"badge ok\">PASSED</span> item {}<",
            SECTION_LIMIT - 1
        )));
        assert!(!html.contains(&format!(" item {}<", SECTION_LIMIT)));
        // Every failure is listed, and first.
        let table = html.find("<h2>Failures</h2>").unwrap();
        let failed = html.find("failure 1007").unwrap();
        let passed = html.find("Passed requests").unwrap();
        assert!(table < failed && failed < passed);
        assert_eq!(html.matches("<td class=\"num\">").count(), 3);
        assert!(html.trim_end().ends_with("</html>"));
    }

    #[test]
    fn issue16_the_failure_table_is_cut_too() {
        let html = page(0, FAILURE_ROW_LIMIT + 2, None);
        assert_eq!(
            html.matches("<td class=\"num\">").count(),
            FAILURE_ROW_LIMIT
        );
        assert!(html.contains(&format!(
            "The first {FAILURE_ROW_LIMIT} of {} failures are listed",
            FAILURE_ROW_LIMIT + 2
        )));
        assert!(html.contains("2 more failed requests are not shown"));
    }

    #[test]
    fn issue16_a_user_template_gets_the_same_selection() {
        let t = "{{len executions}} {{len failures}} {{failure_count}} {{omitted.passed_requests}}";
        assert_eq!(
            page(SECTION_LIMIT + 4, 2, Some(t)),
            format!("{} 2 2 4", SECTION_LIMIT + 2)
        );
    }

    #[test]
    fn a_broken_template_is_an_error() {
        let r = HtmlReporter::new(
            PathBuf::from("x.html"),
            Masker::new(true),
            RunContext::default(),
            Some("{{#each x}}"),
        );
        let err = r.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("does not compile"), "{err}");
    }

    #[test]
    fn issue15_a_user_template_calling_itself_fails_the_report_not_the_run() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.html");
        let template = "{{#*inline \"p\"}}{{> p}}{{/inline}}{{> p}}";
        let mut r = HtmlReporter::new(
            path.clone(),
            Masker::new(true),
            RunContext::default(),
            Some(template),
        )
        .unwrap();
        r.start().unwrap();
        let err = r.finish(&RunSummary::default()).unwrap_err().to_string();
        assert!(err.contains("without end"), "{err}");
        assert!(!path.exists());
    }
}
