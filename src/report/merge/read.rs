//! Reading a JSON report without holding it: serde visitors walk the file
//! and hand each entry of `run.executions` to a callback as it is parsed,
//! so a report of a million executions is read in the memory of one.

use std::fmt;
use std::io::BufReader;
use std::path::Path;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::MergeError;

/// Everything of a report but its executions.
#[derive(Debug, Default)]
pub(super) struct Head {
    pub collection: Value,
    pub environment: Value,
    pub globals: Value,
    pub stats: Option<Value>,
    pub timings: Value,
    pub transfers: Value,
    pub error: Value,
    /// `run.failures`, when asked for.
    pub failures: Vec<Value>,
    /// Whether `run.executions` was there.
    pub has_executions: bool,
}

/// Reads `path`, calling `on_execution` with each entry of
/// `run.executions` in order; `run.failures` is kept when `failures` is set.
pub(super) fn read(
    path: &Path,
    failures: bool,
    on_execution: &mut dyn FnMut(Value),
) -> Result<Head, MergeError> {
    let file = std::fs::File::open(path).map_err(|source| MergeError::Read {
        path: path.to_owned(),
        source,
    })?;
    let mut de = serde_json::Deserializer::from_reader(BufReader::new(file));
    let head = ReportSeed {
        failures,
        on_execution,
    }
    .deserialize(&mut de)
    .and_then(|head| de.end().map(|()| head))
    .map_err(|source| MergeError::Json {
        path: path.to_owned(),
        source,
    })?;
    Ok(head)
}

/// The top-level object.
struct ReportSeed<'a> {
    failures: bool,
    on_execution: &'a mut dyn FnMut(Value),
}

impl<'de> DeserializeSeed<'de> for ReportSeed<'_> {
    type Value = Head;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Head, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ReportSeed<'_> {
    type Value = Head;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON report object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Head, A::Error> {
        let mut head = Head::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "collection" => head.collection = map.next_value()?,
                "environment" => head.environment = map.next_value()?,
                "globals" => head.globals = map.next_value()?,
                "run" => map.next_value_seed(RunSeed {
                    head: &mut head,
                    failures: self.failures,
                    on_execution: &mut *self.on_execution,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(head)
    }
}

/// The `run` object.
struct RunSeed<'a> {
    head: &'a mut Head,
    failures: bool,
    on_execution: &'a mut dyn FnMut(Value),
}

impl<'de> DeserializeSeed<'de> for RunSeed<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RunSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the report's run object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "stats" => self.head.stats = Some(map.next_value()?),
                "timings" => self.head.timings = map.next_value()?,
                "transfers" => self.head.transfers = map.next_value()?,
                "error" => self.head.error = map.next_value()?,
                "failures" if self.failures => self.head.failures = map.next_value()?,
                "executions" => {
                    self.head.has_executions = true;
                    map.next_value_seed(EachSeed(&mut *self.on_execution))?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// An array whose elements go to a callback one by one.
struct EachSeed<'a>(&'a mut dyn FnMut(Value));

impl<'de> DeserializeSeed<'de> for EachSeed<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for EachSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the report's executions array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(entry) = seq.next_element::<Value>()? {
            (self.0)(entry);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn executions_stream_and_the_rest_is_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("r.json");
        std::fs::write(
            &path,
            r#"{"collection": {"info": {"name": "c"}}, "extra": [1, {"a": 2}],
                "run": {"stats": {"items": {"total": 2}}, "executions": [{"n": 1}, {"n": 2}],
                        "failures": [{"at": "x"}], "error": null}}"#,
        )
        .expect("write");
        let mut seen = Vec::new();
        let head = read(&path, true, &mut |e| seen.push(e["n"].clone())).expect("read");
        assert_eq!(seen, [1, 2]);
        assert_eq!(head.collection["info"]["name"], "c");
        assert_eq!(head.failures.len(), 1);
        assert!(head.has_executions && head.stats.is_some());
        let head = read(&path, false, &mut |_| {}).expect("read");
        assert!(head.failures.is_empty());
        std::fs::write(&path, r#"{"run": {"executions": [1,"#).expect("write");
        let err = read(&path, false, &mut |_| {}).expect_err("cut");
        assert!(err.to_string().contains("is not JSON"), "{err}");
    }
}
