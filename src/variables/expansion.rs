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
}

impl ExpansionError {
    fn describe(&self) -> String {
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

/// The first expansion error since it was last taken. Shared behind `&`
/// (resolution only reads the scopes); a clone starts empty, as a copy of
/// the scopes has resolved nothing yet.
#[derive(Debug, Default)]
pub struct ExpansionRecord(Mutex<Option<ExpansionError>>);

impl Clone for ExpansionRecord {
    fn clone(&self) -> Self {
        ExpansionRecord::default()
    }
}

impl ExpansionRecord {
    /// Keeps `error` unless an earlier one is waiting.
    pub fn record(&self, error: ExpansionError) {
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        slot.get_or_insert(error);
    }

    /// Whether an error waits.
    pub fn pending(&self) -> bool {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).is_some()
    }

    /// The waiting error, if any; the record is empty afterwards.
    pub fn take(&self) -> Option<ExpansionError> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
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
        };
        record.record(error("first"));
        record.record(error("second"));
        assert!(record.pending());
        assert!(record.clone().take().is_none());
        assert_eq!(record.take().map(|e| e.name), Some("first".into()));
        assert!(record.take().is_none());
        assert!(!record.pending());
    }
}
