//! CSV iteration data, read the way Newman 6.2.2 reads it.
//!
//! Newman hands the file to csv-parse 4.16.3 with a header row (`columns`),
//! `relax`, `relax_column_count`, `trim` and `bom`, and a cast of its own.
//! What that amounts to, checked field by field against Newman:
//!
//! - Only `,` separates values (`;` and tabs are ordinary characters). The
//!   first line break met outside quotes (`\r\n`, `\r` or `\n`) is the row
//!   separator for the rest of the file; the other kinds are then ordinary
//!   whitespace.
//! - Spaces, tabs and line-break characters before a value are dropped; after
//!   an unquoted value all of JavaScript's whitespace is dropped.
//! - A `"` that starts a value opens a quoted value: separators and line
//!   breaks inside are kept, `""` is one `"`. After the closing quote only
//!   whitespace may come before the next separator (or a second pair of
//!   quotes around whitespace only); anything else stops the load. A
//!   backslash is an ordinary character. A `"` inside an unquoted value is
//!   kept as it is (`foo "bar" baz`).
//! - Every line is a row, blank ones included: a blank line is a row whose
//!   first column is `""`. A blank last line is no row.
//! - A row shorter than the header lacks the missing columns (a script reads
//!   them as `undefined`, `{{name}}` stays as written); values past the
//!   header's width are dropped. A repeated column name keeps the last
//!   value. A column named `__proto__` is dropped (a JavaScript object
//!   cannot hold it as data).
//! - Unquoted values that read as numbers become numbers: `[+-]?[1-9][0-9]*`
//!   as an integer, else anything JavaScript's `Number` and `parseFloat`
//!   both read (finite decimals, `1e3`, `.5`, `00123` → 123; `0x1F`, `0o7`,
//!   `0b1` → 0, as `parseFloat` stops at the `x`). Quoted values, `true`,
//!   `false`, `Infinity` and the empty value stay strings.
//! - A header cell that reads as a number (unquoted `1`) stops the load, as
//!   in Newman; quoted (`"1"`) it is a name.

use std::path::Path;

use indexmap::IndexMap;
use serde_json::Value;

use super::data::{DataRow, IterationData, Notes};
use super::load::LoadError;

/// One value of a row as read, before the cast.
#[derive(Debug, Clone, PartialEq)]
struct Cell {
    text: String,
    /// Whether the value was written in quotes (quoted values are not cast).
    quoted: bool,
}

/// A row as read, with the line it starts on.
#[derive(Debug)]
struct Record {
    line: u64,
    cells: Vec<Cell>,
}

/// Why the text is not CSV Newman reads.
#[derive(Debug, PartialEq)]
enum Fault {
    /// A quoted value that never closes; the line of its opening quote.
    Unclosed { line: u64 },
    /// A character other than whitespace right after a closing quote.
    AfterQuote { line: u64, found: char },
}

/// Parses CSV iteration data; `path` is only used in messages.
pub fn parse_csv(path: &Path, text: &str) -> Result<IterationData, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let records = Reader::new(text)
        .records()
        .map_err(|fault| fault_error(path, fault))?;
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        return Ok(IterationData::default());
    };
    let names = column_names(path, &header)?;
    let mut notes = Notes::new(path);
    note_repeated_names(&mut notes, &names);
    let mut rows = Vec::new();
    for record in records {
        note_shape(&mut notes, &record, &names);
        rows.push(row_of(&names, &record.cells));
    }
    Ok(IterationData {
        rows,
        warnings: notes.finish(),
    })
}

fn fault_error(path: &Path, fault: Fault) -> LoadError {
    let (line, message) = match fault {
        Fault::Unclosed { line } => (
            line,
            "a quoted value opens here and is never closed; end it with `\"` \
             (inside quotes, write a quote as `\"\"`)"
                .to_owned(),
        ),
        Fault::AfterQuote { line, found } => (
            line,
            format!(
                "`{}` follows the closing quote of a quoted value, where only a comma or the \
                 end of the line may come (Newman refuses it too); inside quotes, write a quote \
                 as `\"\"`, or leave the value unquoted",
                found.escape_debug()
            ),
        ),
    };
    LoadError::Csv {
        path: path.to_owned(),
        line,
        message,
    }
}

/// The header's column names; a header cell that reads as a number is refused.
fn column_names(path: &Path, header: &Record) -> Result<Vec<String>, LoadError> {
    header
        .cells
        .iter()
        .enumerate()
        .map(|(i, cell)| match cast(cell) {
            Value::String(name) => Ok(name),
            _ => Err(LoadError::Csv {
                path: path.to_owned(),
                line: header.line,
                message: format!(
                    "header column {} is `{}`, which reads as a number; Newman refuses number \
                     column names, so write it in quotes (`\"{}\"`) to use it as a name",
                    i + 1,
                    cell.text,
                    cell.text
                ),
            }),
        })
        .collect()
}

fn note_repeated_names(notes: &mut Notes, names: &[String]) {
    let mut seen = IndexMap::new();
    for name in names {
        *seen.entry(name.as_str()).or_insert(0usize) += 1;
    }
    for (name, count) in seen {
        if count > 1 {
            notes.once(format!(
                "column `{name}` appears {count} times in the header; each row keeps the value \
                 of the last one, as in Newman"
            ));
        }
    }
}

fn note_shape(notes: &mut Notes, record: &Record, names: &[String]) {
    if let [only] = record.cells.as_slice()
        && only.text.is_empty()
        && !only.quoted
    {
        notes.line(
            "a blank line is an iteration of its own, its first column empty (Newman's rule, \
             kept); delete blank lines that are not meant as iterations",
            record.line,
        );
    } else if record.cells.len() > names.len() {
        notes.line(
            "a row has more values than the header has columns; the values past the last \
             column are dropped, as in Newman (quote values that contain commas)",
            record.line,
        );
    }
}

/// The row of `cells` under `names`: missing columns are absent, extra
/// values dropped, a repeated name keeps the last value.
fn row_of(names: &[String], cells: &[Cell]) -> DataRow {
    let mut row = DataRow::new();
    for (name, cell) in names.iter().zip(cells) {
        if name != "__proto__" {
            row.insert(name.clone(), cast(cell));
        }
    }
    row
}

/// Newman's cast of a value: unquoted numbers become numbers.
fn cast(cell: &Cell) -> Value {
    if cell.quoted {
        return Value::String(cell.text.clone());
    }
    let number = if is_integer_literal(&cell.text) {
        // Always parses: the text is an optional sign and digits.
        cell.text.parse::<f64>().ok()
    } else {
        float_value(&cell.text)
    };
    match number {
        Some(x) => number_value(x),
        None => Value::String(cell.text.clone()),
    }
}

/// `^[+-]?[1-9][0-9]*$`, Newman's test for an integer.
fn is_integer_literal(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    digits.starts_with(|c: char| ('1'..='9').contains(&c))
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// What Newman's float test accepts, and the value `parseFloat` then gives:
/// text that JavaScript's `Number` reads as a finite decimal (its value), or
/// as a `0x`/`0o`/`0b` integer (`parseFloat` reads the leading `0`).
fn float_value(text: &str) -> Option<f64> {
    let t = text.trim_matches(is_js_whitespace);
    if is_radix_literal(t) {
        return Some(0.0);
    }
    if !is_decimal_literal(t) {
        return None;
    }
    t.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// `0x1F`, `0o17`, `0b101` (any letter case, no sign).
fn is_radix_literal(t: &str) -> bool {
    let Some(rest) = t.strip_prefix('0') else {
        return false;
    };
    let mut chars = rest.chars();
    let radix = match chars.next() {
        Some('x' | 'X') => 16,
        Some('o' | 'O') => 8,
        Some('b' | 'B') => 2,
        _ => return false,
    };
    let digits = chars.as_str();
    !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix))
}

/// JavaScript's decimal number text (`StrDecimalLiteral` without
/// `Infinity`): `[+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)?`.
fn is_decimal_literal(t: &str) -> bool {
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = all_digits(int) && all_digits(frac) && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}

/// A number as JavaScript holds it, as JSON: integers (below 2^53) without
/// a fraction, `-0` as `0` (Newman's scripts get `0` too). An integer too
/// large for a double (hundreds of digits) is `Infinity` in JavaScript,
/// which reaches Newman's scripts as `null`; JSON has no infinity, so it is
/// `null` here.
pub(super) fn number_value(x: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if x.is_finite() && x.fract() == 0.0 && x.abs() < EXACT {
        // Exact: an integer below 2^53 fits i64 without rounding.
        return Value::from(x as i64);
    }
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// JavaScript's whitespace (`String.prototype.trim`): Unicode spaces and
/// line terminators and U+FEFF, but not U+0085.
pub(super) fn is_js_whitespace(c: char) -> bool {
    (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}'
}

/// Characters dropped before a value and after a closing quote.
fn is_trimmable(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0c)
}

/// The state machine that splits text into records of cells. It works on
/// bytes: every character with a meaning here is ASCII, and UTF-8 never
/// uses ASCII bytes inside a multi-byte character.
struct Reader<'t> {
    bytes: &'t [u8],
    pos: usize,
    /// The row separator, once the first line break outside quotes shows it.
    newline: Option<&'static [u8]>,
    field: Vec<u8>,
    /// The current value had a quoted part (it is not cast, and only
    /// whitespace may follow the closing quote).
    quoted: bool,
    in_quotes: bool,
    quote_start: usize,
    cells: Vec<Cell>,
    record_start: usize,
    records: Vec<Record>,
    lines: LineCounter,
}

impl<'t> Reader<'t> {
    fn new(text: &'t str) -> Self {
        Reader {
            bytes: text.as_bytes(),
            pos: 0,
            newline: None,
            field: Vec::new(),
            quoted: false,
            in_quotes: false,
            quote_start: 0,
            cells: Vec::new(),
            record_start: 0,
            records: Vec::new(),
            lines: LineCounter::default(),
        }
    }

    fn records(mut self) -> Result<Vec<Record>, Fault> {
        while self.pos < self.bytes.len() {
            if self.in_quotes {
                self.quoted_byte()?;
            } else {
                self.plain_byte()?;
            }
        }
        if self.in_quotes {
            let line = self.lines.line_at(self.bytes, self.quote_start);
            return Err(Fault::Unclosed { line });
        }
        if self.quoted || !self.cells.is_empty() || !self.field.is_empty() {
            self.end_field();
            self.end_record();
        }
        Ok(self.records)
    }

    /// One step inside quotes. A value whose quoted part has closed takes
    /// nothing more, not even inside a second pair of quotes (`"" " "` is
    /// empty, `"" "x"` an error), as in csv-parse.
    fn quoted_byte(&mut self) -> Result<(), Fault> {
        let b = self.bytes[self.pos];
        if b != b'"' {
            if !self.quoted {
                self.field.push(b);
            } else if !is_trimmable(b) {
                return Err(self.after_quote(self.pos));
            }
            self.pos += 1;
            return Ok(());
        }
        match self.bytes.get(self.pos + 1) {
            Some(b'"') if self.quoted => Err(self.after_quote(self.pos + 1)),
            Some(b'"') => {
                self.field.push(b'"');
                self.pos += 2;
                Ok(())
            }
            None | Some(0 | b',') => self.close_quote(),
            Some(&next) if is_trimmable(next) => self.close_quote(),
            Some(_) => Err(self.after_quote(self.pos + 1)),
        }
    }

    fn close_quote(&mut self) -> Result<(), Fault> {
        self.in_quotes = false;
        self.quoted = true;
        self.pos += 1;
        Ok(())
    }

    fn after_quote(&mut self, at: usize) -> Fault {
        let found = std::str::from_utf8(&self.bytes[at..])
            .ok()
            .and_then(|s| s.chars().next())
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        Fault::AfterQuote {
            line: self.lines.line_at(self.bytes, at),
            found,
        }
    }

    /// One step outside quotes.
    fn plain_byte(&mut self) -> Result<(), Fault> {
        if self.newline.is_none() {
            self.newline = newline_at(self.bytes, self.pos);
        }
        if let Some(newline) = self.newline
            && self.bytes[self.pos..].starts_with(newline)
        {
            self.end_field();
            self.pos += newline.len();
            self.end_record();
            return Ok(());
        }
        let b = self.bytes[self.pos];
        if b == b',' {
            self.end_field();
        } else if b == b'"' && self.field.is_empty() {
            self.in_quotes = true;
            self.quote_start = self.pos;
        } else if self.quoted {
            if !is_trimmable(b) {
                return Err(self.after_quote(self.pos));
            }
        } else if !(self.field.is_empty() && is_trimmable(b)) {
            self.field.push(b);
        }
        self.pos += 1;
        Ok(())
    }

    fn end_field(&mut self) {
        let text = String::from_utf8_lossy(&self.field);
        let text = if self.quoted {
            text.into_owned()
        } else {
            text.trim_end_matches(is_js_whitespace).to_owned()
        };
        self.cells.push(Cell {
            text,
            quoted: self.quoted,
        });
        self.field.clear();
        self.quoted = false;
    }

    /// Ends the record; `self.pos` is where the next one starts.
    fn end_record(&mut self) {
        let line = self.lines.line_at(self.bytes, self.record_start);
        self.records.push(Record {
            line,
            cells: std::mem::take(&mut self.cells),
        });
        self.record_start = self.pos;
    }
}

/// The line break starting at `pos`, if any.
fn newline_at(bytes: &[u8], pos: usize) -> Option<&'static [u8]> {
    match (bytes.get(pos), bytes.get(pos + 1)) {
        (Some(b'\r'), Some(b'\n')) => Some(b"\r\n"),
        (Some(b'\r'), _) => Some(b"\r"),
        (Some(b'\n'), _) => Some(b"\n"),
        _ => None,
    }
}

/// 1-based line numbers of byte offsets asked in increasing order; `\r\n`,
/// `\r` and `\n` each end a line.
#[derive(Default)]
struct LineCounter {
    pos: usize,
    line: u64,
}

impl LineCounter {
    fn line_at(&mut self, bytes: &[u8], pos: usize) -> u64 {
        if pos < self.pos {
            *self = LineCounter::default();
        }
        for i in self.pos..pos.min(bytes.len()) {
            let ends_line = match bytes[i] {
                b'\n' => i == 0 || bytes[i - 1] != b'\r',
                b'\r' => true,
                _ => false,
            };
            if ends_line {
                self.line += 1;
            }
        }
        self.pos = pos;
        self.line + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rows(text: &str) -> Value {
        let data = parse_csv(Path::new("d.csv"), text).unwrap();
        Value::Array(
            data.rows
                .into_iter()
                .map(|r| Value::Object(r.into_iter().collect()))
                .collect(),
        )
    }

    fn warnings(text: &str) -> Vec<String> {
        parse_csv(Path::new("d.csv"), text).unwrap().warnings
    }

    fn error(text: &str) -> String {
        parse_csv(Path::new("d.csv"), text).unwrap_err().to_string()
    }

    /// The value one unquoted cell becomes.
    fn cell(text: &str) -> Value {
        rows(&format!("v\n{text}\n"))[0]["v"].clone()
    }

    #[test]
    fn unquoted_numbers_become_numbers_as_in_newman() {
        // (cell, value) — each checked against Newman 6.2.2's loader.
        let cases = [
            ("7890", json!(7890)),
            ("+5", json!(5)),
            ("-7", json!(-7)),
            ("0", json!(0)),
            ("-0", json!(0)),
            ("00123", json!(123)),
            ("1.50", json!(1.5)),
            (".5", json!(0.5)),
            ("5.", json!(5)),
            ("5.e3", json!(5000)),
            ("1e3", json!(1000)),
            ("1E-7", json!(1e-7)),
            ("-1.5e+2", json!(-150)),
            ("1e21", json!(1e21)),
            ("1e-400", json!(0)),
            ("0x1F", json!(0)),
            ("0b101", json!(0)),
            ("0o17", json!(0)),
            ("9007199254740993", json!(9007199254740992.0_f64)),
            ("12345678901234567890", json!(12345678901234567000.0_f64)),
            ("\u{a0}5\u{a0}", json!(5)),
            ("\u{2003}3", json!(3)),
        ];
        for (text, want) in cases {
            assert_eq!(cell(text), want, "{text:?}");
        }
    }

    #[test]
    fn other_unquoted_text_stays_a_string() {
        for text in [
            "true",
            "false",
            "null",
            "Infinity",
            "-Infinity",
            "1e999",
            "12abc",
            "-0x1F",
            "0x",
            "0xg",
            "1_000",
            "1.2.3",
            "--1",
            "1e",
            "1e+",
            ".",
            "+",
            "-",
            ".e1",
            "1 2",
        ] {
            assert_eq!(cell(text), json!(text), "{text:?}");
        }
        assert_eq!(cell(""), json!(""));
        let huge = format!("1{}", "0".repeat(400));
        assert_eq!(cell(&huge), Value::Null, "Infinity reaches scripts as null");
    }

    #[test]
    fn quoted_values_are_never_cast() {
        assert_eq!(
            rows("a,b,c,d\n\"00123\",\"7\",\"\",\"true\"\n"),
            json!([{"a": "00123", "b": "7", "c": "", "d": "true"}])
        );
    }

    #[test]
    fn short_rows_lack_the_missing_columns() {
        assert_eq!(
            rows("n,q,t,missing\n7890,\"00123\", foo \"bar\" baz\n"),
            json!([{"n": 7890, "q": "00123", "t": "foo \"bar\" baz"}])
        );
        assert!(warnings("a,b\n1\n").is_empty());
    }

    #[test]
    fn long_rows_drop_the_extra_values_with_a_warning() {
        let text = "a,b\n1,2,3\n4\n5,6,7,8\n";
        assert_eq!(
            rows(text),
            json!([{"a": 1, "b": 2}, {"a": 4}, {"a": 5, "b": 6}])
        );
        let w = warnings(text);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with("iteration data file d.csv lines 2, 4: "),
            "{w:?}"
        );
    }

    #[test]
    fn blank_lines_are_iterations_with_a_warning() {
        let text = "a,b\n1,2\n\n3,4\n   \n\n";
        assert_eq!(
            rows(text),
            json!([{"a": 1, "b": 2}, {"a": ""}, {"a": 3, "b": 4}, {"a": ""}, {"a": ""}])
        );
        let w = warnings(text);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("lines 3, 5, 6: a blank line"), "{w:?}");
        // The end of the text after the last line break is no row.
        assert_eq!(rows("a\n1\n  "), json!([{"a": 1}]));
        assert!(warnings("a\n1\n").is_empty());
    }

    #[test]
    fn the_last_line_needs_no_line_break() {
        assert_eq!(rows("a,b\n1,2"), json!([{"a": 1, "b": 2}]));
        assert_eq!(rows("a,b\n\"x\""), json!([{"a": "x"}]));
    }

    #[test]
    fn the_first_line_break_is_the_row_separator() {
        let both = json!([{"a": 1, "b": 2}, {"a": 3, "b": 4}]);
        assert_eq!(rows("a,b\r\n1,2\r\n3,4\r\n"), both);
        assert_eq!(rows("a,b\r1,2\r3,4"), both);
        // `\n` first: a later `\r\n` leaves a `\r` that is trimmed.
        assert_eq!(rows("a,b\n1,2\r\n3,4\n"), both);
        // `\r\n` first: a later lone `\n` is not a row separator.
        assert_eq!(rows("a,b\r\n1,2\n3,4\r\n"), json!([{"a": 1, "b": "2\n3"}]));
    }

    #[test]
    fn only_commas_separate_values() {
        assert_eq!(rows("a;b\n1;2\n"), json!([{"a;b": "1;2"}]));
        assert_eq!(rows("a\tb\n1\t2\n"), json!([{"a\tb": "1\t2"}]));
    }

    #[test]
    fn whitespace_around_values_is_dropped() {
        assert_eq!(
            rows(" a , b ,c\n  x  ,  \"y\"  ,\t\" z \"\t\n"),
            json!([{"a": "x", "b": "y", "c": " z "}])
        );
        assert_eq!(
            rows("a\n\u{a0}x\u{a0}\u{2003}\n"),
            json!([{"a": "\u{a0}x"}])
        );
    }

    #[test]
    fn quotes() {
        let cases = [
            ("\"x\"\"y\"", json!("x\"y")),
            ("\"\"\"\"", json!("\"")),
            ("\"abc\"\"\"", json!("abc\"")),
            ("\"a,b\"", json!("a,b")),
            ("\"multi\nline\"", json!("multi\nline")),
            ("\"x\r\ny\"", json!("x\r\ny")),
            ("foo \"bar\" baz", json!("foo \"bar\" baz")),
            ("x\"\"y", json!("x\"\"y")),
            ("x\\\"y", json!("x\\\"y")),
            ("\"\"", json!("")),
            ("\"\" \"\"", json!("")),
            ("\"\"\"x\"", json!("\"x")),
        ];
        for (text, want) in cases {
            assert_eq!(
                rows(&format!("v,w\n{text},end\n")),
                json!([{"v": want, "w": "end"}]),
                "{text:?}"
            );
        }
    }

    #[test]
    fn text_after_a_closing_quote_is_refused() {
        for text in [
            "\"ab\"c",
            "\"ab\" c",
            "\"x\\\"y\"",
            "\"\"x",
            "\"\" \"x\"",
            "\"x\" \"y\"",
        ] {
            let msg = error(&format!("a,b\n1,2\n{text},z\n"));
            assert!(
                msg.starts_with("iteration data file d.csv line 3: `"),
                "{text:?}: {msg}"
            );
            assert!(msg.contains("follows the closing quote"), "{msg}");
        }
    }

    #[test]
    fn an_unclosed_quote_names_the_line_it_opens_on() {
        let msg = error("a,b\r\n1,2\r\n\"open,z\r\n3,4\r\n");
        assert!(
            msg.starts_with("iteration data file d.csv line 3: "),
            "{msg}"
        );
        assert!(msg.contains("never closed"), "{msg}");
    }

    #[test]
    fn header_names() {
        // Repeated: the last value wins, at the first column's place.
        assert_eq!(rows("a,b,a\n1,2,3\n"), json!([{"a": 3, "b": 2}]));
        assert_eq!(rows("a,b,a\n1,2\n"), json!([{"a": 1, "b": 2}]));
        assert_eq!(warnings("a,b,a\n1,2,3\n").len(), 1);
        // Quoted numbers, empty names and text are names.
        assert_eq!(
            rows("\"1\",,true\nx,y,z\n"),
            json!([{"1": "x", "": "y", "true": "z"}])
        );
        assert_eq!(rows("__proto__,b\nx,y\n"), json!([{"b": "y"}]));
        // A blank first line is a header with one empty name.
        assert_eq!(rows("\na,b\n"), json!([{"": "a"}]));
    }

    #[test]
    fn a_number_in_the_header_is_refused() {
        let msg = error("a,1\nx,y\n");
        assert!(
            msg.starts_with("iteration data file d.csv line 1: header column 2 is `1`"),
            "{msg}"
        );
        assert!(error("0x1,b\n").contains("column 1"));
    }

    #[test]
    fn no_rows() {
        for text in ["", "\u{feff}", "a,b", "a,b\n", "a,b\r\n"] {
            assert_eq!(rows(text), json!([]), "{text:?}");
        }
    }

    #[test]
    fn a_bom_is_skipped() {
        assert_eq!(rows("\u{feff}c1,c2\n1,x\n"), json!([{"c1": 1, "c2": "x"}]));
    }
}
