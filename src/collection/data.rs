//! Iteration data files (`-d/--iteration-data`), read as Newman 6.2.2
//! reads them: as JSON when the whole text is JSON, as CSV otherwise
//! (`csv_data.rs`). Each row becomes one iteration's data scope.
//!
//! JSON, as Newman's runner takes it: an array gives one iteration per
//! element; an element that is not an object (a number, string, `null`)
//! is an iteration without data, and an array element gives its indexes as
//! names (`{{0}}`). Any other top-level value (an object, a number, `true`)
//! is one iteration without data. `null`, `false`, `0` and `""` are read
//! as CSV, as Newman does. Numbers are JavaScript's doubles, as
//! `JSON.parse` makes them (`1.0` is `1`, `12345678901234567890` is
//! `12345678901234567000`).
//!
//! One difference, on purpose: a `.json` file that is not valid JSON is
//! refused with the position of the error. Newman reads it as CSV and runs
//! the collection with lines of JSON as data.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde_json::Value;

use super::csv_data::{is_js_whitespace, number_value};
use super::load::{LoadError, parse_json, read_text};

pub use super::csv_data::parse_csv;

/// One iteration's values, by column name.
pub type DataRow = IndexMap<String, Value>;

/// Iteration data as loaded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IterationData {
    /// One row per iteration, in file order.
    pub rows: Vec<DataRow>,
    /// Things the file does that the user may not mean (blank CSV lines
    /// that become iterations, a JSON object where an array was expected),
    /// each a sentence naming the file; the run goes on as Newman's does.
    pub warnings: Vec<String>,
}

/// Loads an iteration data file, JSON or CSV (see the module docs).
pub fn load_iteration_data(path: &Path) -> Result<IterationData, LoadError> {
    // The file may start with a byte-order mark and be UTF-16, as Newman reads it.
    let text = read_text("iteration data", path)?;
    parse_iteration_data(path, &text)
}

/// Parses iteration data text; `path` names the file in messages and its
/// `.json` extension makes invalid JSON an error instead of CSV.
pub fn parse_iteration_data(path: &Path, text: &str) -> Result<IterationData, LoadError> {
    match serde_json::from_str::<Value>(text.trim_matches(is_js_whitespace)) {
        Ok(value) if is_truthy(&value) => Ok(json_rows(path, value)),
        Ok(_) => parse_csv(path, text),
        Err(_) if has_json_extension(path) => {
            // Report the syntax error with its position in the file as written.
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            parse_json::<Value>("iteration data", path, text, JSON_HINT)?;
            parse_csv(path, text)
        }
        Err(_) => parse_csv(path, text),
    }
}

const JSON_HINT: &str = "iteration data in JSON is an array of objects, one per iteration";

fn has_json_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// JavaScript's truthiness: `null`, `false`, `0` and `""` are false.
fn is_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

fn json_rows(path: &Path, value: Value) -> IterationData {
    let mut notes = Notes::new(path);
    let Value::Array(elements) = value else {
        notes.once(format!(
            "the file holds {}, not an array of objects; Newman runs one iteration without \
             data, and so does courier",
            json_kind(&value)
        ));
        return IterationData {
            rows: Vec::new(),
            warnings: notes.finish(),
        };
    };
    let mut rows = Vec::with_capacity(elements.len());
    for (i, element) in elements.into_iter().enumerate() {
        let row = match element {
            Value::Object(map) => map.into_iter().map(|(k, v)| (k, js_numbers(v))).collect(),
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(k, v)| (k.to_string(), js_numbers(v)))
                .collect(),
            other => {
                notes.once(format!(
                    "element [{i}] is {}, not an object; its iteration has no data, as in Newman",
                    json_kind(&other)
                ));
                DataRow::new()
            }
        };
        rows.push(row);
    }
    IterationData {
        rows,
        warnings: notes.finish(),
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `value` with every number as the double `JSON.parse` makes of it.
fn js_numbers(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_i64() {
            Some(i) if i.unsigned_abs() < 1 << 53 => Value::Number(n),
            _ => number_value(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(js_numbers).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, js_numbers(v))).collect())
        }
        other => other,
    }
}

/// Warnings about one file, collected while it is read: sentences said
/// once, and sentences about lines, said once with every line they apply to.
pub(super) struct Notes {
    path: PathBuf,
    once: Vec<String>,
    lines: IndexMap<&'static str, Vec<u64>>,
}

impl Notes {
    /// Most line numbers one warning lists.
    const MAX_LINES: usize = 10;

    pub(super) fn new(path: &Path) -> Self {
        Notes {
            path: path.to_owned(),
            once: Vec::new(),
            lines: IndexMap::new(),
        }
    }

    /// A warning said once.
    pub(super) fn once(&mut self, message: String) {
        self.once.push(message);
    }

    /// A warning about `line`; the same `message` for other lines is said
    /// once, listing them.
    pub(super) fn line(&mut self, message: &'static str, line: u64) {
        self.lines.entry(message).or_default().push(line);
    }

    pub(super) fn finish(self) -> Vec<String> {
        let file = self.path.display();
        let mut out: Vec<String> = self
            .once
            .into_iter()
            .map(|m| format!("iteration data file {file}: {m}"))
            .collect();
        for (message, lines) in self.lines {
            let mut listed: Vec<String> = lines
                .iter()
                .take(Self::MAX_LINES)
                .map(u64::to_string)
                .collect();
            if lines.len() > Self::MAX_LINES {
                listed.push(format!("and {} more", lines.len() - Self::MAX_LINES));
            }
            let word = if lines.len() == 1 { "line" } else { "lines" };
            out.push(format!(
                "iteration data file {file} {word} {}: {message}",
                listed.join(", ")
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(name: &str, text: &str) -> IterationData {
        parse_iteration_data(Path::new(name), text).unwrap()
    }

    fn rows(name: &str, text: &str) -> Value {
        Value::Array(
            parse(name, text)
                .rows
                .into_iter()
                .map(|r| Value::Object(r.into_iter().collect()))
                .collect(),
        )
    }

    #[test]
    fn json_array_of_objects_is_one_iteration_each() {
        assert_eq!(
            rows("d.json", r#"[{"a": "x", "n": 7}, {"a": "y"}]"#),
            json!([{"a": "x", "n": 7}, {"a": "y"}])
        );
    }

    #[test]
    fn json_is_recognised_whatever_the_extension() {
        assert_eq!(rows("d.csv", " [{\"a\": 1}]\n"), json!([{"a": 1}]));
        assert_eq!(rows("d.txt", "\u{feff}[{\"a\": 1}]"), json!([{"a": 1}]));
    }

    #[test]
    fn json_values_keep_their_types() {
        let got = rows(
            "d.json",
            r#"[{"o": {"k": [1, null]}, "a": [true], "n": null, "s": "", "z": 0}]"#,
        );
        assert_eq!(
            got,
            json!([{"o": {"k": [1, null]}, "a": [true], "n": null, "s": "", "z": 0}])
        );
    }

    #[test]
    fn json_numbers_are_doubles() {
        let got = rows(
            "d.json",
            r#"[{"f": 1.0, "big": 12345678901234567890, "neg": -9007199254740993, "in": {"x": 2.0}}]"#,
        );
        assert_eq!(got[0]["f"], json!(1));
        assert_eq!(got[0]["big"], json!(12345678901234567000.0_f64));
        assert_eq!(got[0]["neg"], json!(-9007199254740992.0_f64));
        assert_eq!(got[0]["in"]["x"], json!(2));
    }

    #[test]
    fn json_elements_that_are_not_objects_have_no_data() {
        let data = parse("d.json", r#"[5, {"a": 1}, null, "s", [7, 8]]"#);
        let got: Vec<Value> = data
            .rows
            .into_iter()
            .map(|r| Value::Object(r.into_iter().collect()))
            .collect();
        assert_eq!(
            got,
            vec![
                json!({}),
                json!({"a": 1}),
                json!({}),
                json!({}),
                json!({"0": 7, "1": 8})
            ]
        );
        assert_eq!(data.warnings.len(), 3, "{:?}", data.warnings);
        assert!(
            data.warnings[0].contains("element [0] is a number"),
            "{:?}",
            data.warnings
        );
    }

    #[test]
    fn json_top_level_that_is_not_an_array_is_one_iteration_without_data() {
        for text in [r#"{"a": 1}"#, "5", "true", r#""s""#] {
            let data = parse("d.json", text);
            assert!(data.rows.is_empty(), "{text}");
            assert_eq!(data.warnings.len(), 1, "{text}");
            assert!(data.warnings[0].contains("d.json"), "{:?}", data.warnings);
        }
        assert!(parse("d.json", "[]").rows.is_empty());
    }

    #[test]
    fn falsy_json_is_read_as_csv() {
        assert!(parse("d.json", "null").rows.is_empty());
        assert!(parse("d.json", "false").rows.is_empty());
        // Newman: `0` is a CSV header cell that reads as a number.
        let err = parse_iteration_data(Path::new("d.json"), "0").unwrap_err();
        assert!(err.to_string().contains("reads as a number"), "{err}");
    }

    #[test]
    fn invalid_json_in_a_json_file_is_refused_with_its_position() {
        let err = parse_iteration_data(Path::new("d.json"), "[\n  {\"a\": 1},\n]").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("d.json"), "{msg}");
        assert!(msg.contains("line 3"), "{msg}");
    }

    #[test]
    fn invalid_json_elsewhere_is_csv() {
        assert_eq!(rows("d.csv", "[x,y\n1,2\n"), json!([{"[x": 1, "y": 2}]));
    }

    #[test]
    fn notes_list_lines_once() {
        let mut notes = Notes::new(Path::new("d.csv"));
        for line in 1..=12 {
            notes.line("is odd", line);
        }
        notes.once("said once".into());
        let out = notes.finish();
        assert_eq!(out[0], "iteration data file d.csv: said once");
        assert_eq!(
            out[1],
            "iteration data file d.csv lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, and 2 more: is odd"
        );
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
            let rows = load_iteration_data(&path).expect("loads").rows;
            assert_eq!(rows.len(), 1, "{path:?}");
            assert_eq!(rows[0]["name"], "Jé", "{path:?}");
            assert_eq!(rows[0].keys().next().map(String::as_str), Some("name"));
        }
    }
}
