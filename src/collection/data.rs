//! Iteration data files (`-d/--iteration-data`): CSV with a header row, or a
//! JSON array of objects. Each row becomes one iteration's data scope.

use std::path::Path;

use indexmap::IndexMap;
use serde_json::Value;

use super::decode::json_body;
use super::load::{LoadError, parse_json, read_text};

/// One iteration's values, by column name.
pub type DataRow = IndexMap<String, Value>;

/// Loads iteration data as Newman does: JSON when the whole text parses as
/// JSON to a truthy value (whatever the file is called), else CSV. The file
/// may start with a byte-order mark and be UTF-16, as Newman reads it.
pub fn load_iteration_data(path: &Path) -> Result<Vec<DataRow>, LoadError> {
    let text = read_text("iteration data", path)?;
    let is_json = serde_json::from_str::<Value>(json_body(&text).0).is_ok_and(|v| is_truthy(&v));
    if is_json {
        parse_json(
            "iteration data",
            path,
            &text,
            "iteration data in JSON is an array of objects, one per iteration",
        )
    } else {
        parse_csv(path, &text)
    }
}

/// JavaScript truthiness of a parsed JSON value (Newman falls back to CSV
/// on `null`, `false`, `0` and `""`).
fn is_truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// Parses CSV text (a leading byte-order mark is skipped, as csv-parse's
/// `bom` option does in Newman); every row must have as many fields as the
/// header.
pub fn parse_csv(path: &Path, text: &str) -> Result<Vec<DataRow>, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let csv_err = |line: u64, message: String| LoadError::Csv {
        path: path.to_owned(),
        line,
        message,
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| csv_err(1, e.to_string()))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            csv_err(line, e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != headers.len() {
            return Err(csv_err(
                line,
                format!(
                    "has {} fields but the header row has {} ({}); quote values that contain commas",
                    record.len(),
                    headers.len(),
                    headers.join(", ")
                ),
            ));
        }
        rows.push(
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.clone(), Value::String(v.to_owned())))
                .collect(),
        );
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue11_json_is_tried_first_whatever_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        // JSON in a .csv or .txt file is read as JSON.
        for name in ["d.csv", "d.txt"] {
            let rows = load_iteration_data(&write(name, " {\"a\": 1}\n")).map(|r| r.len());
            assert!(rows.is_err(), "an object is JSON, not CSV: {rows:?}");
            let rows = load_iteration_data(&write(name, "\n[{\"a\": \"x\"}]")).unwrap();
            assert_eq!(rows[0]["a"], "x");
        }
        // Text that is not JSON, or JSON that is falsy, is CSV, even in a .json file.
        let rows = load_iteration_data(&write("d.json", "a,b\n1,2\n")).unwrap();
        assert_eq!(rows[0]["b"], "2");
        let rows = load_iteration_data(&write("z.json", "null\n")).unwrap();
        assert!(rows.is_empty(), "{rows:?}");
    }

    #[test]
    fn csv_rows_become_objects() {
        let rows = parse_csv(Path::new("d.csv"), "a,b\n1,\"x,y\"\n2,z\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["b"], "x,y");
        assert_eq!(rows[1]["a"], "2");
    }

    #[test]
    fn csv_wrong_column_count_names_the_line() {
        let err = parse_csv(Path::new("d.csv"), "a,b\n1,2\n3\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("line 3"), "{msg}");
        assert!(msg.contains("1 fields but the header row has 2"), "{msg}");
    }

    #[test]
    fn issue11_data_files_with_bom_and_utf16() {
        let dir = tempfile::tempdir().expect("tempdir");
        let write = |name: &str, bytes: Vec<u8>| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).expect("write");
            path
        };
        let bom = |text: &str| [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        let utf16 = |text: &str| {
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        };
        for path in [
            write("d.csv", bom("name,n\nJé,1\n")),
            write("d.json", bom(r#"[{"name": "Jé", "n": "1"}]"#)),
            write("d.txt", bom(r#" [{"name": "Jé", "n": "1"}]"#)),
            write("u.csv", utf16("name,n\r\nJé,1\r\n")),
            write("u.json", utf16(r#"[{"name": "Jé", "n": "1"}]"#)),
        ] {
            let rows = load_iteration_data(&path).expect("loads");
            assert_eq!(rows.len(), 1, "{path:?}");
            assert_eq!(rows[0]["name"], "Jé", "{path:?}");
            assert_eq!(rows[0].keys().next().map(String::as_str), Some("name"));
        }
    }
}
