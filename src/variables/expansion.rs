//! The bound on `{{name}}` expansion.
//!
//! A value may refer to itself (`a = {{a}}{{a}}`): Postman's 19 passes then
//! multiply the text (4^19 copies for four tokens), which no machine holds.
//! `resolve.rs` stops a resolution whose text passes [`MAX_EXPANSION`] and
//! returns an [`ExpansionError`] naming the variable being substituted when
//! it did; [`Scopes::resolve`](super::Scopes::resolve), which every request
//! field goes through, records the first such error in its
//! [`ExpansionRecord`] so that the runner fails the item before sending it.

use std::sync::Mutex;

/// The most bytes a resolved text may hold (16 MiB), unless the text was
/// larger before any substitution.
pub const MAX_EXPANSION: usize = 16 * 1024 * 1024;

/// The most bytes the resolutions of one request may add together (every
/// field may stay under [`MAX_EXPANSION`] and still add up).
pub const MAX_EXPANSION_PER_REQUEST: usize = 4 * MAX_EXPANSION;

/// How much of a variable's value an [`ExpansionError`] quotes.
const QUOTED_CHARS: usize = 40;

/// A resolution stopped because its text grew past the limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct ExpansionError {
    /// The variable being substituted when the text passed the limit.
    pub name: String,
    /// Where it is defined and its value's start (`collection variable a =
    /// {{a}}{{a}}...`), or `None` for a secret or an unknown origin.
    pub origin: Option<String>,
    /// Whether its value holds `{{…}}` tokens (it grows pass after pass).
    pub refers: bool,
    /// The limit passed, in bytes.
    pub limit: usize,
    /// Whether the limit passed is that of a whole request
    /// ([`MAX_EXPANSION_PER_REQUEST`]) rather than of one text.
    pub in_all: bool,
}

impl ExpansionError {
    fn describe(&self) -> String {
        if self.in_all {
            return format!(
                "the variables of this request expand past {} in all its fields together \
                 (the last to grow: variable \"{}\")",
                size_text(self.limit),
                self.name
            );
        }
        let mut text = format!(
            "variable \"{}\" expands past {}",
            self.name,
            size_text(self.limit)
        );
        if let Some(origin) = &self.origin {
            text.push_str(&format!(" ({origin})"));
        }
        if self.refers {
            text.push_str(
                "; a variable that refers to itself, directly or through others, \
                 grows with every substitution pass: remove the self-reference",
            );
        }
        text
    }
}

/// `16 MiB`, `512 KiB` or `100 bytes`.
fn size_text(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// `{kind} {name} = {value…}`: the value's first characters, for a message.
pub(crate) fn quote_origin(kind: &str, name: &str, value: &str) -> String {
    let mut quoted: String = value.chars().take(QUOTED_CHARS).collect();
    if quoted.len() < value.len() {
        quoted.push_str("...");
    }
    format!("{kind} {name} = {quoted}")
}

/// The first expansion error since it was last taken, and how many bytes
/// resolutions have added since then. Shared behind `&` (resolution only
/// reads the scopes); a clone starts empty, as a copy of the scopes has
/// resolved nothing yet.
#[derive(Debug, Default)]
pub struct ExpansionRecord(Mutex<Record>);

#[derive(Debug, Default)]
struct Record {
    error: Option<ExpansionError>,
    added: usize,
}

impl Clone for ExpansionRecord {
    fn clone(&self) -> Self {
        ExpansionRecord::default()
    }
}

impl ExpansionRecord {
    fn lock(&self) -> std::sync::MutexGuard<'_, Record> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps `error` unless an earlier one is waiting.
    pub fn record(&self, error: ExpansionError) {
        self.lock().error.get_or_insert(error);
    }

    /// Counts `bytes` more added by resolving `name`'s text; past
    /// [`MAX_EXPANSION_PER_REQUEST`] since the last [`ExpansionRecord::take`],
    /// that is an error too.
    pub fn added(&self, bytes: usize, name: &str) {
        let mut record = self.lock();
        record.added = record.added.saturating_add(bytes);
        if record.added > MAX_EXPANSION_PER_REQUEST {
            record.error.get_or_insert(ExpansionError {
                name: name.to_owned(),
                origin: None,
                refers: false,
                limit: MAX_EXPANSION_PER_REQUEST,
                in_all: true,
            });
        }
    }

    /// Whether an error waits.
    pub fn pending(&self) -> bool {
        self.lock().error.is_some()
    }

    /// The waiting error, if any; the record (and its count) starts over.
    pub fn take(&self) -> Option<ExpansionError> {
        std::mem::take(&mut *self.lock()).error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_variable_origin_and_cause() {
        let e = ExpansionError {
            name: "a".into(),
            origin: Some(quote_origin("collection variable", "a", "{{a}}{{a}}")),
            refers: true,
            limit: MAX_EXPANSION,
            in_all: false,
        };
        let text = e.to_string();
        assert!(
            text.starts_with(
                "variable \"a\" expands past 16 MiB (collection variable a = {{a}}{{a}}); "
            ),
            "{text}"
        );
        assert!(text.contains("refers to itself"), "{text}");
    }

    #[test]
    fn long_values_are_cut_and_sizes_are_readable() {
        let long = "x".repeat(100);
        assert_eq!(
            quote_origin("environment variable", "v", &long),
            format!("environment variable v = {}...", "x".repeat(QUOTED_CHARS))
        );
        assert_eq!(size_text(512 * 1024), "512 KiB");
        assert_eq!(size_text(100), "100 bytes");
    }

    #[test]
    fn record_keeps_the_first_and_clones_empty() {
        let record = ExpansionRecord::default();
        let error = |name: &str| ExpansionError {
            name: name.into(),
            origin: None,
            refers: false,
            limit: 10,
            in_all: false,
        };
        record.record(error("first"));
        record.record(error("second"));
        assert!(record.pending());
        assert!(record.clone().take().is_none());
        assert_eq!(record.take().map(|e| e.name), Some("first".into()));
        assert!(record.take().is_none());
        assert!(!record.pending());
    }

    #[test]
    fn issue15_what_a_request_adds_is_counted_in_all() {
        let record = ExpansionRecord::default();
        record.added(MAX_EXPANSION_PER_REQUEST, "a");
        assert!(!record.pending());
        record.added(1, "b");
        let e = record.take().expect("past the limit in all");
        assert!(e.in_all);
        assert!(
            e.to_string().starts_with(
                "the variables of this request expand past 64 MiB in all its fields together \
                 (the last to grow: variable \"b\")"
            ),
            "{e}"
        );
        // Taking starts the count over.
        record.added(10, "a");
        assert!(!record.pending());
    }
}
