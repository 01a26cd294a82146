//! The HTML reporter (`-r html`): one self-contained page (inline CSS, no
//! script, no network fetch) rendered with handlebars.
//!
//! The default template (`html/report.hbs`) is compiled into the binary;
//! `--reporter-html-template PATH` renders a user's template with the same
//! data, documented in the README ("Reports"). The data is built as items
//! finish: every string masked, bodies cut at [`BODY_LIMIT`] (JSON bodies
//! pretty-printed), so memory grows with the number of items, not with the
//! size of their responses.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use handlebars::Handlebars;
use serde_json::{Value, json};

use super::cli::{human_duration, human_size};
use super::mask::Masker;
use super::record::{BodyRecord, ExecutionRecord, source_name, status_name};
use super::{ReportError, Reporter, RunContext, write_atomically};
use crate::http::Header;
use crate::runner::{AssertionStatus, Counter, RunEvent, RunSummary};

/// The template compiled into the binary.
pub const DEFAULT_TEMPLATE: &str = include_str!("html/report.hbs");

/// Bodies are cut at this many bytes in the page.
pub const BODY_LIMIT: usize = 32 * 1024;

/// Bodies longer than this many lines (or [`LONG_BYTES`]) start collapsed.
const LONG_LINES: usize = 25;
/// Bodies longer than this many bytes start collapsed.
const LONG_BYTES: usize = 2000;

const TEMPLATE_NAME: &str = "report";

/// Renders the HTML report when the run ends.
pub struct HtmlReporter {
    path: PathBuf,
    masker: Masker,
    context: RunContext,
    registry: Handlebars<'static>,
    executions: Vec<Value>,
    failures: Vec<Value>,
    iterations: usize,
    position: usize,
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
        registry
            .register_template_string(TEMPLATE_NAME, template.unwrap_or(DEFAULT_TEMPLATE))
            .map_err(|e| ReportError::Render {
                reporter: "html",
                message: format!("the template does not compile: {e}"),
            })?;
        Ok(HtmlReporter {
            path,
            masker,
            context,
            registry,
            executions: Vec::new(),
            failures: Vec::new(),
            iterations: 1,
            position: 0,
        })
    }

    fn item(&mut self, r: &ExecutionRecord) {
        let number = self.executions.len() + 1;
        let anchor = format!("item-{number}");
        for a in &r.assertions {
            if a.status == AssertionStatus::Failed {
                let number = self.failures.len() + 1;
                self.failures.push(json!({
                    "number": number,
                    "kind": "AssertionError",
                    "name": a.name,
                    "message": a.message,
                    "expected": a.expected,
                    "actual": a.actual,
                    "item": self.masker.text(&r.item.path()),
                    "iteration": r.iteration + 1,
                    "anchor": anchor,
                }));
            }
        }
        for e in &r.errors {
            let number = self.failures.len() + 1;
            self.failures.push(json!({
                "number": number,
                "kind": e.kind,
                "name": null,
                "message": e.message,
                "item": self.masker.text(&r.item.path()),
                "iteration": r.iteration + 1,
                "anchor": anchor,
            }));
        }
        self.executions
            .push(execution(r, number, &anchor, &self.masker));
    }

    /// The data a template sees (documented in the README).
    fn data(&mut self, s: &RunSummary) -> Value {
        let started = s.started_at.unwrap_or_else(SystemTime::now);
        let started: chrono::DateTime<chrono::Utc> = started.into();
        let st = &s.stats;
        let counter = |c: Counter| json!({ "total": c.total, "failed": c.failed });
        let rt = &s.response_times;
        let name_of = |e: &Option<crate::collection::Environment>| {
            e.as_ref().map(|e| self.masker.text(&e.name))
        };
        let collection_id = self.context.collection["info"]["_postman_id"].clone();
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
            "failures": std::mem::take(&mut self.failures),
            "executions": std::mem::take(&mut self.executions),
        })
    }

    fn finish(&mut self, s: &RunSummary) -> Result<(), ReportError> {
        let data = self.data(s);
        let html = self
            .registry
            .render(TEMPLATE_NAME, &data)
            .map_err(|e| ReportError::Render {
                reporter: "html",
                message: e.to_string(),
            })?;
        write_atomically(&self.path, html.as_bytes()).map_err(|source| ReportError::Write {
            reporter: "html",
            path: self.path.clone(),
            source,
        })
    }
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
                self.item(&record);
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
}
