//! Iteration data files (`-d/--iteration-data`): CSV with a header row, or a
//! JSON array of objects. Each row becomes one iteration's data scope.

use std::path::Path;

use indexmap::IndexMap;
use serde_json::Value;

use super::load::{LoadError, parse_json};

/// One iteration's values, by column name.
pub type DataRow = IndexMap<String, Value>;

/// Loads CSV (by extension `.csv`, or when the text does not start with
/// `[`) or JSON iteration data.
pub fn load_iteration_data(path: &Path) -> Result<Vec<DataRow>, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Read {
        kind: "iteration data",
        path: path.to_owned(),
        source,
    })?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || text.trim_start().starts_with('[');
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

/// Parses CSV text; every row must have as many fields as the header.
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
}
