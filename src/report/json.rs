//! The JSON reporter (`-r json`): Newman's JSON report shape.
//!
//! Newman dumps its run summary: `collection`, `environment`, `globals` and
//! `run.{stats, timings, executions, transfers, failures, error}`, each stat
//! `{total, pending, failed}`. Tools built on that file keep working with
//! courier's: as in Newman, an item run has one execution entry per request
//! it sent, `pm.sendRequest` calls included. Unlike Newman, courier does not
//! hold the executions in memory: each one is masked, its bodies cut at
//! [`BODY_LIMIT`], and appended to a [`Spool`] beside the report as the item
//! finishes — one JSON line per execution (`{"execution": …}`) and per
//! failure (`{"failure": …}`), so a killed run leaves whole JSON lines. The
//! report is assembled from the spool when the run ends, one line at a time,
//! into a temporary file renamed into place.

mod pretty;

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use serde_json::{Map, Value, json};

use super::mask::Masker;
use super::record::{
    BodyRecord, ExecutionRecord, RequestRecord, ResponseRecord, ScriptRequestRecord, error_kind,
    source_name,
};
use super::spool::Spool;
use super::{ReportError, Reporter, RunContext, write_atomically_with};
use crate::collection::Environment;
use crate::http::Header;
use crate::runner::{
    AssertionStatus, Counter, ItemError, RunEvent, RunStart, RunSummary, ScriptEvent,
};
pub use pretty::write_pretty;
use pretty::{EXECUTION, FAILURE, copy_array, write_field};

/// Request and response bodies are cut at this many bytes in the report.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Writes Newman's JSON report when the run ends.
pub struct JsonReporter {
    path: PathBuf,
    masker: Masker,
    context: RunContext,
    spool: Option<Spool>,
    cursor: Cursor,
    times: Welford,
    started: SystemTime,
}

/// Where the run is, in Newman's `cursor` terms.
#[derive(Debug, Default)]
struct Cursor {
    iteration: usize,
    position: usize,
    length: usize,
    cycles: usize,
}

/// Running mean and standard deviation of response times (Welford).
#[derive(Debug, Default)]
struct Welford {
    count: u64,
    mean: f64,
    m2: f64,
    min: f64,
    max: f64,
}

impl Welford {
    fn add(&mut self, ms: f64) {
        self.count += 1;
        let delta = ms - self.mean;
        self.mean += delta / self.count as f64;
        self.m2 += delta * (ms - self.mean);
        self.min = if self.count == 1 {
            ms
        } else {
            self.min.min(ms)
        };
        self.max = self.max.max(ms);
    }

    fn sd(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            (self.m2 / self.count as f64).sqrt()
        }
    }
}

impl JsonReporter {
    /// A reporter writing to `path`.
    pub fn new(path: PathBuf, masker: Masker, context: RunContext) -> Self {
        JsonReporter {
            path,
            masker,
            context,
            spool: None,
            cursor: Cursor::default(),
            times: Welford::default(),
            started: SystemTime::now(),
        }
    }

    fn write_error(&self, source: std::io::Error) -> ReportError {
        ReportError::Write {
            reporter: "json",
            path: self.path.clone(),
            source,
        }
    }

    fn start(&mut self, start: &RunStart) -> Result<(), ReportError> {
        self.masker.learn(&start.secrets);
        self.cursor.length = start.items;
        self.cursor.cycles = start.iterations;
        self.started = SystemTime::now();
        self.spool = Some(Spool::beside(&self.path).map_err(|e| self.write_error(e))?);
        Ok(())
    }

    /// Spools the item's entries: one per request it sent, as Newman pushes
    /// one per `request` event — its pre-request scripts' `pm.sendRequest`
    /// calls, the item's own request, its test scripts' calls.
    fn item(&mut self, record: &ExecutionRecord) -> Result<(), ReportError> {
        let responses = record
            .script_requests
            .iter()
            .filter_map(|s| s.exchange.response.as_ref())
            .chain(record.response.as_ref());
        for resp in responses {
            self.times.add(resp.time.as_secs_f64() * 1000.0);
        }
        let cursor = self.cursor_json(record);
        let failures = failures(record, &cursor);
        let entries = entries(record, &cursor);
        let mut lines = Vec::new();
        let tagged = entries
            .into_iter()
            .map(|e| (EXECUTION, e))
            .chain(failures.into_iter().map(|f| (FAILURE, f)));
        for (tag, value) in tagged {
            let line = Value::Object(Map::from_iter([(tag.to_owned(), value)]));
            serde_json::to_writer(&mut lines, &line).map_err(|e| self.write_error(e.into()))?;
            lines.push(b'\n');
        }
        let Some(spool) = self.spool.as_mut() else {
            return Ok(());
        };
        let written = spool.append(&lines);
        written.map_err(|e| self.write_error(e))
    }

    fn cursor_json(&self, r: &ExecutionRecord) -> Value {
        let c = &self.cursor;
        json!({
            "position": r.position,
            "iteration": r.iteration,
            "length": c.length,
            "cycles": c.cycles,
            "empty": c.length == 0,
            "eof": r.position + 1 >= c.length && r.iteration + 1 >= c.cycles,
            "bof": r.position == 0 && r.iteration == 0,
            "cr": false,
            "ref": uuid::Uuid::new_v4().to_string(),
        })
    }

    fn finish(&mut self, s: &RunSummary) -> Result<(), ReportError> {
        let spool = match self.spool.take() {
            Some(spool) => spool,
            None => Spool::beside(&self.path).map_err(|e| self.write_error(e))?,
        };
        let mut head = Map::new();
        let mut collection = self.context.collection.clone();
        self.masker.json(&mut collection);
        head.insert("collection".into(), collection);
        let environment = variables_file(&self.context.environment, &s.environment, "environment");
        head.insert("environment".into(), self.masked(environment));
        let globals = variables_file(&self.context.globals, &s.globals, "globals");
        head.insert("globals".into(), self.masked(globals));
        let stats = self.masked(stats(s));
        let timings = self.timings(s);
        let transfers = json!({ "responseTotal": s.bytes_received });
        let error = s
            .aborted
            .as_ref()
            .map(|m| json!({ "name": "RunAborted", "message": m }));
        let error = self.masked(error.unwrap_or(Value::Null));
        let interrupted = s.interrupted;
        let path = self.path.clone();
        write_atomically_with(&path, |out| {
            out.write_all(b"{\n")?;
            for (k, v) in &head {
                write_field(out, k, v, 1)?;
                out.write_all(b",\n")?;
            }
            out.write_all(b"  \"run\": {\n")?;
            write_field(out, "stats", &stats, 2)?;
            out.write_all(b",\n")?;
            write_field(out, "timings", &timings, 2)?;
            out.write_all(b",\n")?;
            copy_array(out, &spool, EXECUTION, 2)?;
            out.write_all(b",\n")?;
            write_field(out, "transfers", &transfers, 2)?;
            out.write_all(b",\n")?;
            copy_array(out, &spool, FAILURE, 2)?;
            out.write_all(b",\n")?;
            write_field(out, "error", &error, 2)?;
            if interrupted {
                // Not in Newman's report: present (true) only when Ctrl-C cut the run short.
                out.write_all(b",\n")?;
                write_field(out, "interrupted", &Value::Bool(true), 2)?;
            }
            out.write_all(b"\n  }\n}\n")
        })
        .map_err(|e| self.write_error(e))
    }

    fn masked(&self, mut value: Value) -> Value {
        self.masker.json(&mut value);
        value
    }

    fn timings(&self, s: &RunSummary) -> Value {
        let epoch_ms = |t: SystemTime| {
            t.duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis())
        };
        let started = s.started_at.unwrap_or(self.started);
        let t = &self.times;
        json!({
            "responseAverage": t.mean,
            "responseMin": t.min,
            "responseMax": t.max,
            "responseSd": t.sd(),
            "dnsAverage": 0, "dnsMin": 0, "dnsMax": 0, "dnsSd": 0,
            "firstByteAverage": 0, "firstByteMin": 0, "firstByteMax": 0, "firstByteSd": 0,
            "started": epoch_ms(started),
            "completed": epoch_ms(started + s.duration),
        })
    }
}

/// Newman's `run.failures` entries of one item run.
fn failures(r: &ExecutionRecord, cursor: &Value) -> Vec<Value> {
    let source = json!({ "id": r.item.id, "name": r.item.name });
    let parent = r.item.folders.last().map(|f| json!({ "name": f }));
    let mut out = Vec::new();
    for (index, a) in r.assertions.iter().enumerate() {
        if a.status != AssertionStatus::Failed {
            continue;
        }
        out.push(json!({
            "error": assertion_error(index, &a.name, a.message.as_deref().unwrap_or_default()),
            "at": format!("assertion:{index} in {}", source_name(a.source)),
            "source": source,
            "parent": parent,
            "cursor": cursor,
        }));
    }
    for e in &r.errors {
        out.push(json!({
            "error": error_json(&e.error, &e.message),
            "at": error_at(&e.error),
            "source": source,
            "parent": parent,
            "cursor": cursor,
        }));
    }
    out
}

/// Newman's `run.stats`.
fn stats(s: &RunSummary) -> Value {
    let st = &s.stats;
    let stat = |c: Counter| json!({ "total": c.total, "pending": 0, "failed": c.failed });
    // One prerequest and one test phase per item, as Newman counts them.
    let phase = |failed: usize| {
        stat(Counter {
            total: st.items.total,
            failed,
        })
    };
    json!({
        "iterations": stat(st.iterations),
        "items": stat(st.items),
        "scripts": stat(Counter {
            total: st.prerequest_scripts.total + st.test_scripts.total,
            failed: st.prerequest_scripts.failed + st.test_scripts.failed,
        }),
        "prerequests": phase(st.prerequest_scripts.failed),
        "requests": stat(st.requests),
        "tests": phase(st.test_scripts.failed),
        "assertions": stat(st.assertions),
        "testScripts": stat(st.test_scripts),
        "prerequestScripts": stat(st.prerequest_scripts),
    })
}

/// The environment or globals in Postman's file format, final values.
fn variables_file(
    meta: &Option<Environment>,
    values: &[crate::collection::Variable],
    scope: &str,
) -> Value {
    let mut env = meta.clone().unwrap_or_else(|| Environment {
        name: scope.to_owned(),
        ..Default::default()
    });
    env.values = values.to_vec();
    env.extra.insert(
        "_postman_variable_scope".into(),
        Value::String(scope.into()),
    );
    serde_json::to_value(&env).unwrap_or(Value::Null)
}

/// The request an entry of `run.executions` stands for.
#[derive(Clone, Copy)]
struct Sent<'a> {
    request: Option<&'a RequestRecord>,
    response: Option<&'a ResponseRecord>,
    request_error: Option<&'a String>,
}

/// The entries of one item run, in the order Newman pushes them: one per
/// `request` event. Newman pushes one shared object each time, so every
/// entry of an item carries the item, its cursor's `ref`, its id, all its
/// assertions and script errors; each courier entry shows the request it
/// stands for (Newman's copies all show the item's last request). Entries of
/// `pm.sendRequest` calls have `cursor.scriptId` and `cursor.execution`, as
/// the cursor of a script's request has in Newman.
fn entries(r: &ExecutionRecord, cursor: &Value) -> Vec<Value> {
    let mut scripts: Vec<(ScriptEvent, String, Value)> = Vec::new();
    let mut script_entry = |s: &ScriptRequestRecord| {
        let ids = match scripts
            .iter()
            .find(|(event, origin, _)| *event == s.event && *origin == s.origin)
        {
            Some((_, _, ids)) => ids.clone(),
            None => {
                let ids = json!({
                    "scriptId": uuid::Uuid::new_v4().to_string(),
                    "execution": uuid::Uuid::new_v4().to_string(),
                });
                scripts.push((s.event, s.origin.clone(), ids.clone()));
                ids
            }
        };
        let mut cursor = with_request_id(cursor);
        if let (Some(c), Some(ids)) = (cursor.as_object_mut(), ids.as_object()) {
            c.extend(ids.clone());
        }
        let x = &s.exchange;
        let sent = Sent {
            request: Some(&x.request),
            response: x.response.as_ref(),
            request_error: x.request_error.as_ref(),
        };
        execution(r, cursor, sent, false)
    };
    let mut out = Vec::with_capacity(r.script_requests.len() + 1);
    let (pre, test): (Vec<_>, Vec<_>) = r
        .script_requests
        .iter()
        .partition(|s| s.event == ScriptEvent::Prerequest);
    out.extend(pre.into_iter().map(&mut script_entry));
    let main = Sent {
        request: r.request.as_ref(),
        response: r.response.as_ref(),
        request_error: r.request_error.as_ref(),
    };
    out.push(execution(r, with_request_id(cursor), main, true));
    out.extend(test.into_iter().map(&mut script_entry));
    out
}

/// `cursor` with a fresh `httpRequestId`, as postman-runtime gives each request.
fn with_request_id(cursor: &Value) -> Value {
    let mut cursor = cursor.clone();
    if let Some(c) = cursor.as_object_mut() {
        c.insert(
            "httpRequestId".into(),
            Value::String(uuid::Uuid::new_v4().to_string()),
        );
    }
    cursor
}

/// One entry of `run.executions`: the item's state with the request `sent`;
/// the console goes with the item's own request only.
fn execution(r: &ExecutionRecord, cursor: Value, sent: Sent<'_>, console: bool) -> Value {
    let mut e = Map::new();
    e.insert("cursor".into(), cursor);
    e.insert(
        "item".into(),
        json!({ "id": r.item.id, "name": r.item.name, "folders": r.item.folders }),
    );
    // Runs of several collections name the collection of every execution.
    if let Some(collection) = &r.item.collection {
        e.insert("collection".into(), Value::String(collection.clone()));
    }
    if let Some(req) = sent.request {
        e.insert("request".into(), request(req));
    }
    if let Some(resp) = sent.response {
        e.insert("response".into(), response(resp));
    }
    e.insert("id".into(), Value::String(r.item.id.clone()));
    if let Some(err) = sent.request_error {
        e.insert(
            "requestError".into(),
            json!({ "name": "Error", "message": err }),
        );
    }
    let assertions: Vec<Value> = r
        .assertions
        .iter()
        .enumerate()
        .map(|(index, a)| {
            let mut v =
                json!({ "assertion": a.name, "skipped": a.status == AssertionStatus::Skipped });
            if a.status == AssertionStatus::Failed {
                let message = a.message.as_deref().unwrap_or_default();
                v["error"] = assertion_error(index, &a.name, message);
                if let (Some(ex), Some(ac)) = (&a.expected, &a.actual) {
                    v["error"]["expected"] = Value::String(ex.clone());
                    v["error"]["actual"] = Value::String(ac.clone());
                }
            }
            v
        })
        .collect();
    e.insert("assertions".into(), Value::Array(assertions));
    for e_ in &r.errors {
        if let ItemError::Script { event, .. } = &e_.error {
            let key = format!("{}Script", event.as_str());
            let entry = json!({ "error": error_json(&e_.error, &e_.message) });
            match e.get_mut(&key).and_then(Value::as_array_mut) {
                Some(list) => list.push(entry),
                None => {
                    e.insert(key, Value::Array(vec![entry]));
                }
            }
        }
    }
    if console && !r.attempts.is_empty() {
        // courier's own field: every attempt under --retry.
        e.insert("attempts".into(), attempts(&r.attempts));
    }
    if console && !r.console.is_empty() {
        let console: Vec<Value> = r
            .console
            .iter()
            .map(|c| json!({ "level": c.level, "message": c.message }))
            .collect();
        e.insert("console".into(), Value::Array(console));
    }
    Value::Object(e)
}

/// `attempts` of an execution: status or error, time and the wait after, in ms.
fn attempts(list: &[crate::runner::Attempt]) -> Value {
    let one = |a: &crate::runner::Attempt| {
        let mut v = json!({ "status": a.status, "time": millis(a.time) });
        if let Some(e) = &a.error {
            v["error"] = Value::String(e.clone());
        }
        if let Some(w) = a.wait {
            v["wait"] = json!(millis(w));
        }
        v
    };
    Value::Array(list.iter().map(one).collect())
}

fn assertion_error(index: usize, name: &str, message: &str) -> Value {
    // A test whose function threw (`TypeError: Cannot read …`): Newman
    // keeps the JavaScript error's name and message apart.
    if let Some((error, rest)) = message.split_once(": ")
        && error.ends_with("Error")
        && error != "AssertionError"
        && error.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return json!({
            "name": error,
            "index": index,
            "test": name,
            "message": rest,
            "stack": message,
        });
    }
    json!({
        "name": "AssertionError",
        "index": index,
        "test": name,
        "message": message,
        "stack": format!("AssertionError: {message}"),
    })
}

/// A non-assertion error as Newman serialises it: a script error keeps the
/// JavaScript error's name (`ReferenceError`) and message; a request that
/// got no response is an `Error`, as Node names the network errors.
fn error_json(e: &ItemError, masked_message: &str) -> Value {
    if let ItemError::Script { message, .. } = e
        && let Some((name, _)) = message.split_once(": ")
        && name.ends_with("Error")
        && name.chars().all(|c| c.is_ascii_alphanumeric())
    {
        // `masked_message` ends with the (masked) JavaScript message, which
        // may quote other errors (`Error: … TypeError: …`): cut at the first name.
        let tail = masked_message
            .split_once(&format!("{name}: "))
            .map_or(masked_message, |(_, t)| t);
        return json!({ "name": name, "message": tail, "stack": format!("{name}: {tail}") });
    }
    if let ItemError::Http { .. } | ItemError::ScriptRequest { .. } = e {
        // Newman writes the Node error the request failed with: an `Error`.
        return json!({
            "name": "Error",
            "message": masked_message,
            "stack": format!("Error: {masked_message}"),
        });
    }
    json!({ "name": error_kind(e), "message": masked_message })
}

/// Newman's `at` of a failure that is not an assertion.
fn error_at(e: &ItemError) -> String {
    match e {
        ItemError::Script { event, line, .. } => match line {
            Some(line) => format!("{}-script:{line}", event.as_str()),
            None => format!("{}-script", event.as_str()),
        },
        ItemError::Request { .. } | ItemError::Http { .. } | ItemError::ScriptRequest { .. } => {
            "request".to_owned()
        }
    }
}

fn headers(list: &[Header]) -> Value {
    Value::Array(
        list.iter()
            .map(|(k, v)| json!({ "key": k, "value": v }))
            .collect(),
    )
}

/// A request in the Postman SDK's JSON form.
fn request(req: &RequestRecord) -> Value {
    let mut v = json!({
        "url": url(&req.url),
        "method": req.method,
        "header": headers(&req.headers),
    });
    if req.body.size > 0 {
        v["body"] = json!({ "mode": "raw", "raw": req.body.text });
        if req.body.truncated {
            v["body"]["truncated"] = Value::Bool(true);
        }
    }
    v
}

/// A URL in the Postman SDK's JSON form (`protocol`, `host`, `port`, `path`, `query`).
fn url(raw: &str) -> Value {
    let Ok(u) = url::Url::parse(raw) else {
        return json!({ "raw": raw });
    };
    let mut v = json!({
        "raw": raw,
        "protocol": u.scheme(),
        "host": u.host_str().unwrap_or_default().split('.').collect::<Vec<_>>(),
        "path": u.path().trim_start_matches('/').split('/').collect::<Vec<_>>(),
    });
    if let Some(port) = u.port() {
        v["port"] = Value::String(port.to_string());
    }
    let query: Vec<Value> = u
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, val)) => json!({ "key": k, "value": val }),
            None => json!({ "key": p, "value": null }),
        })
        .collect();
    v["query"] = Value::Array(query);
    v["variable"] = Value::Array(Vec::new());
    v
}

/// A response in the Postman SDK's JSON form; the body as Node's Buffer JSON.
fn response(resp: &ResponseRecord) -> Value {
    let mut v = json!({
        "id": uuid::Uuid::new_v4().to_string(),
        "status": resp.reason,
        "code": resp.status,
        "header": headers(&resp.headers),
        "stream": stream(&resp.body),
        "cookie": [],
        "responseTime": millis(resp.time),
        "responseSize": resp.body.size,
    });
    if resp.body.truncated {
        v["streamTruncated"] = Value::Bool(true);
    }
    if let Some(d) = &resp.body.dropped {
        // The body passed --max-response-size: not kept, so not in `stream`.
        v["streamDropped"] = json!({
            "size": d.size,
            "sha256": d.sha256,
            "maxResponseSize": d.limit,
        });
    }
    // Not in Newman's report, which speaks HTTP/1.1 only.
    if !resp.http_version.is_empty() {
        v["httpVersion"] = Value::String(resp.http_version.clone());
    }
    v
}

fn stream(body: &BodyRecord) -> Value {
    json!({ "type": "Buffer", "data": body.text.as_bytes() })
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

impl Reporter for JsonReporter {
    fn on_event(&mut self, event: &RunEvent<'_>) -> Result<(), ReportError> {
        match event {
            RunEvent::RunStarted(start) => self.start(start)?,
            RunEvent::IterationStarted { iteration, .. } => {
                self.cursor.iteration = *iteration;
                self.cursor.position = 0;
            }
            RunEvent::ItemStarted { .. } | RunEvent::IterationFinished { .. } => {}
            RunEvent::ItemFinished { result, secrets } => {
                self.masker.learn(secrets);
                if let Some(ex) = &result.exchange {
                    self.masker.learn_exchange(ex);
                }
                for s in &result.script_requests {
                    self.masker.learn_exchange(&s.exchange);
                }
                let record =
                    ExecutionRecord::new(result, self.cursor.position, &self.masker, BODY_LIMIT);
                self.cursor.position += 1;
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
    fn standard_deviation_of_response_times() {
        let mut w = Welford::default();
        for ms in [10.0, 20.0, 30.0] {
            w.add(ms);
        }
        assert_eq!((w.mean, w.min, w.max), (20.0, 10.0, 30.0));
        assert!((w.sd() - 8.1649).abs() < 0.001);
    }

    fn sent(url: &str) -> crate::http::Exchange {
        crate::http::Exchange {
            request: crate::http::SentRequest {
                method: "GET".into(),
                url: url.into(),
                ..Default::default()
            },
            first_request: None,
            response: Ok(crate::http::ResponseData {
                status: 200,
                ..Default::default()
            }),
        }
    }

    #[test]
    fn issue11_an_entry_per_send_request_in_newmans_order() {
        use crate::runner::{Assertion, AssertionSource, ConsoleEntry, ItemResult, ScriptRequest};
        let script = |event, origin: &str, url: &str| ScriptRequest {
            event,
            origin: origin.into(),
            exchange: sent(url),
        };
        let result = ItemResult {
            exchange: Some(sent("http://h/main")),
            // Mixed phases: the entries put the pre-request ones first.
            script_requests: vec![
                script(ScriptEvent::Prerequest, "collection", "http://h/pre-1"),
                script(ScriptEvent::Test, "item", "http://h/test"),
                script(ScriptEvent::Prerequest, "collection", "http://h/pre-2"),
                script(ScriptEvent::Prerequest, "item", "http://h/pre-3"),
            ],
            assertions: vec![Assertion::passed("ok", AssertionSource::TestScript)],
            console: vec![ConsoleEntry {
                level: "log".into(),
                message: "hi".into(),
            }],
            ..Default::default()
        };
        let record = ExecutionRecord::new(&result, 0, &Masker::new(true), BODY_LIMIT);
        let list = entries(&record, &json!({ "ref": "r" }));
        let urls: Vec<&str> = list
            .iter()
            .filter_map(|e| e["request"]["url"]["raw"].as_str())
            .collect();
        assert_eq!(
            urls,
            [
                "http://h/pre-1",
                "http://h/pre-2",
                "http://h/pre-3",
                "http://h/main",
                "http://h/test"
            ]
        );
        for e in &list {
            assert_eq!(e["cursor"]["ref"], "r");
            assert_eq!(e["assertions"][0]["assertion"], "ok");
            assert!(e["cursor"]["httpRequestId"].is_string());
        }
        let script_id = |i: usize| list[i]["cursor"]["scriptId"].clone();
        // One script execution per script: the same ids for its requests.
        assert_eq!(script_id(0), script_id(1));
        assert_ne!(script_id(1), script_id(2));
        assert!(script_id(0).is_string() && script_id(4).is_string());
        assert!(list[3]["cursor"].get("scriptId").is_none());
        let consoles: Vec<bool> = list.iter().map(|e| e.get("console").is_some()).collect();
        assert_eq!(consoles, [false, false, false, true, false]);
    }

    #[test]
    fn urls_in_the_sdk_form() {
        let v = url("http://127.0.0.1:8080/a/b?x=1&flag");
        assert_eq!(v["host"], json!(["127", "0", "0", "1"]));
        assert_eq!(v["port"], json!("8080"));
        assert_eq!(v["path"], json!(["a", "b"]));
        assert_eq!(
            v["query"],
            json!([{ "key": "x", "value": "1" }, { "key": "flag", "value": null }])
        );
    }

    #[test]
    fn a_test_that_threw_keeps_the_error_name() {
        let e = assertion_error(
            2,
            "t",
            "TypeError: Cannot read properties of undefined (reading 'x')",
        );
        assert_eq!(e["name"], "TypeError");
        assert_eq!(
            e["message"],
            "Cannot read properties of undefined (reading 'x')"
        );
        assert_eq!(e["test"], "t");
        let e = assertion_error(0, "t", "expected 1 to equal 2");
        assert_eq!(e["name"], "AssertionError");
        assert_eq!(e["message"], "expected 1 to equal 2");
    }
}
