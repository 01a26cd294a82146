//! The JSON report's text: Newman's two-space pretty form (byte arrays on
//! one line), written a value at a time, and the arrays assembled from the
//! spool's JSON lines without holding them.

use std::io::{BufRead, Write};

use serde_json::Value;

use crate::report::spool::Spool;

/// The spool line key of an entry of `run.executions`.
pub(super) const EXECUTION: &str = "execution";
/// The spool line key of an entry of `run.failures`.
pub(super) const FAILURE: &str = "failure";

/// Writes `"key": [...]` at `level`, the array made of the spool's lines
/// tagged `key`, each read, parsed and pretty-printed in turn: the same
/// text [`write_field`] gives the whole array, without holding it.
pub(super) fn copy_array(
    out: &mut dyn Write,
    spool: &Spool,
    key: &str,
    level: usize,
) -> std::io::Result<()> {
    let key_name = match key {
        EXECUTION => "executions",
        _ => "failures",
    };
    indent(out, level)?;
    serde_json::to_writer(&mut *out, key_name)?;
    out.write_all(b": [")?;
    let mut reader = spool.reader()?;
    let mut line = String::new();
    let mut written = 0usize;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            break;
        }
        let Value::Object(mut record) = serde_json::from_str::<Value>(&line)? else {
            continue;
        };
        let Some(value) = record.remove(key) else {
            continue;
        };
        out.write_all(if written == 0 { b"\n" } else { b",\n" })?;
        indent(out, level + 1)?;
        write_pretty(out, &value, level + 1)?;
        written += 1;
    }
    if written > 0 {
        out.write_all(b"\n")?;
        indent(out, level)?;
    }
    out.write_all(b"]")
}

pub(super) fn indent(out: &mut dyn Write, level: usize) -> std::io::Result<()> {
    for _ in 0..level {
        out.write_all(b"  ")?;
    }
    Ok(())
}

pub(super) fn write_field(
    out: &mut dyn Write,
    key: &str,
    value: &Value,
    level: usize,
) -> std::io::Result<()> {
    indent(out, level)?;
    serde_json::to_writer(&mut *out, key)?;
    out.write_all(b": ")?;
    write_pretty(out, value, level)
}

/// Pretty JSON with two-space indentation starting at `level`, except that
/// arrays of numbers, booleans and nulls stay on one line (a body's bytes
/// would otherwise take a line each).
pub fn write_pretty(out: &mut dyn Write, value: &Value, level: usize) -> std::io::Result<()> {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.write_all(b"{\n")?;
            for (i, (k, v)) in map.iter().enumerate() {
                write_field(out, k, v, level + 1)?;
                out.write_all(if i + 1 < map.len() { b",\n" } else { b"\n" })?;
            }
            indent(out, level)?;
            out.write_all(b"}")
        }
        Value::Array(items)
            if items
                .iter()
                .any(|v| v.is_object() || v.is_array() || v.is_string()) =>
        {
            out.write_all(b"[\n")?;
            for (i, v) in items.iter().enumerate() {
                indent(out, level + 1)?;
                write_pretty(out, v, level + 1)?;
                out.write_all(if i + 1 < items.len() { b",\n" } else { b"\n" })?;
            }
            indent(out, level)?;
            out.write_all(b"]")
        }
        _ => Ok(serde_json::to_writer(out, value)?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pretty_keeps_byte_arrays_on_one_line() {
        let v = json!({ "a": [1, 2, 3], "b": [{ "c": "d" }], "e": {}, "f": [] });
        let mut out = Vec::new();
        write_pretty(&mut out, &v, 0).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "{\n  \"a\": [1,2,3],\n  \"b\": [\n    {\n      \"c\": \"d\"\n    }\n  ],\n  \"e\": {},\n  \"f\": []\n}"
        );
        let parsed: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed, v);
    }

    #[test]
    fn spooled_arrays_print_as_the_whole_array_would() {
        let dir = tempfile::tempdir().unwrap();
        let mut spool = Spool::beside(&dir.path().join("r.json")).unwrap();
        let items = [json!({ "a": [1, 2], "b": "x" }), json!({ "c": null })];
        for (i, v) in items.iter().enumerate() {
            let key = if i == 0 { EXECUTION } else { FAILURE };
            spool
                .append(format!("{}\n", json!({ key: v })).as_bytes())
                .unwrap();
        }
        spool
            .append(format!("{}\n", json!({ EXECUTION: items[1] })).as_bytes())
            .unwrap();
        let mut streamed = Vec::new();
        copy_array(&mut streamed, &spool, EXECUTION, 2).unwrap();
        let mut whole = Vec::new();
        let array = Value::Array(vec![items[0].clone(), items[1].clone()]);
        write_field(&mut whole, "executions", &array, 2).unwrap();
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            String::from_utf8(whole).unwrap()
        );
        let mut none = Vec::new();
        let empty = Spool::beside(&dir.path().join("e.json")).unwrap();
        copy_array(&mut none, &empty, FAILURE, 1).unwrap();
        assert_eq!(none, b"  \"failures\": []");
    }
}
