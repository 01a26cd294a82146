//! What a snapshot run needs to know: where the snapshots live, which
//! headers they show, how JSON is laid out and what is redacted.
//!
//! Options come from three places, merged by the CLI in this order: the
//! defaults ([`SnapshotOptions::new`]), the `courier.snapshots.json` file in
//! the snapshot directory ([`SnapshotOptions::load`]), then the command-line
//! flags ([`SnapshotOptions::redact`] and the public fields).

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use regex::Regex;
use serde::Deserialize;
use serde_json_path::JsonPath;

use super::SnapshotError;

/// Name of the configuration file read from the snapshot directory.
pub const CONFIG_FILE: &str = "courier.snapshots.json";

/// Headers a snapshot shows when nothing else is configured.
pub const DEFAULT_HEADERS: [&str; 2] = ["Content-Type", "Location"];

/// How snapshots are taken and compared during a run (`--snapshots DIR`).
#[derive(Debug, Clone)]
pub struct SnapshotOptions {
    /// Root directory: snapshots live in `dir/<collection>/<folder…>/<item>.snap`.
    pub dir: PathBuf,
    /// Accept new and changed responses: overwrite the snapshots instead of
    /// failing (`--update-snapshots`, `COURIER_UPDATE_SNAPSHOTS=1`).
    pub update: bool,
    /// Sort the keys of JSON objects (`--snapshot-sort-keys`); otherwise the
    /// server's order is kept.
    pub sort_keys: bool,
    /// Response headers a snapshot shows, in this order (names compare
    /// case-insensitively). Default: [`DEFAULT_HEADERS`].
    pub headers: Vec<String>,
    /// What is replaced by placeholders.
    pub redactions: Redactions,
}

impl SnapshotOptions {
    /// Defaults for `dir`: Content-Type and Location, server key order, no
    /// redactions. The configuration file is not read; see [`Self::load`].
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        SnapshotOptions {
            dir: dir.into(),
            update: false,
            sort_keys: false,
            headers: DEFAULT_HEADERS.iter().map(|h| (*h).to_owned()).collect(),
            redactions: Redactions::default(),
        }
    }

    /// The defaults, then `dir/courier.snapshots.json` when it exists.
    pub fn load(dir: impl Into<PathBuf>) -> Result<Self, SnapshotError> {
        let mut options = SnapshotOptions::new(dir);
        if options.dir.exists() && !options.dir.is_dir() {
            return Err(SnapshotError::NotADirectory(options.dir));
        }
        let path = options.dir.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(options),
            Err(source) => return Err(SnapshotError::Read { path, source }),
        };
        options.apply_config(&path, &text)?;
        Ok(options)
    }

    /// Adds a redaction rule in the `--snapshot-redact` syntax; see [`Redactions::add`].
    pub fn redact(&mut self, rule: &str) -> Result<(), SnapshotError> {
        self.redactions.add(rule)
    }

    /// Applies the text of a configuration file read from `path`.
    pub(crate) fn apply_config(&mut self, path: &Path, text: &str) -> Result<(), SnapshotError> {
        let config_error = |message: String| SnapshotError::Config {
            path: path.to_owned(),
            message,
        };
        let de = &mut serde_json::Deserializer::from_str(text);
        let config: ConfigFile = serde_path_to_error::deserialize(de)
            .map_err(|e| {
                let at = e.path().to_string();
                let inner = e.into_inner();
                if at == "." {
                    inner.to_string()
                } else {
                    format!("at {at}: {inner}")
                }
            })
            .map_err(config_error)?;
        if let Some(headers) = config.headers {
            self.headers = headers;
        }
        if let Some(sort) = config.sort_keys {
            self.sort_keys = sort;
        }
        let r = config.redactions;
        let rule_error = |e: SnapshotError| config_error(format!("redactions: {e}"));
        for rule in &r.body {
            if !rule.starts_with('$') {
                return Err(config_error(format!(
                    "redactions.body: `{rule}` is not a JSONPath (it must start with `$`)"
                )));
            }
            self.redactions.add(rule).map_err(rule_error)?;
        }
        for rule in &r.volatile {
            if !rule.starts_with('$') {
                return Err(config_error(format!(
                    "redactions.volatile: `{rule}` is not a JSONPath (it must start with `$`)"
                )));
            }
            self.redactions.add_volatile(rule).map_err(rule_error)?;
        }
        for name in &r.headers {
            self.redactions.add_header(name);
        }
        for name in &r.query {
            self.redactions.add_query(name);
        }
        for (name, pattern) in &r.patterns {
            self.redactions
                .add_pattern(name, pattern)
                .map_err(rule_error)?;
        }
        Ok(())
    }
}

/// `courier.snapshots.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ConfigFile {
    /// Free text for the reader; ignored.
    #[serde(rename = "$comment", default)]
    _comment: Option<serde_json::Value>,
    headers: Option<Vec<String>>,
    sort_keys: Option<bool>,
    #[serde(default)]
    redactions: ConfigRedactions,
}

/// The `redactions` section.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigRedactions {
    #[serde(rename = "$comment", default)]
    _comment: Option<serde_json::Value>,
    #[serde(default)]
    body: Vec<String>,
    #[serde(default)]
    volatile: Vec<String>,
    #[serde(default)]
    headers: Vec<String>,
    #[serde(default)]
    query: Vec<String>,
    #[serde(default)]
    patterns: IndexMap<String, String>,
}

/// What a snapshot hides behind placeholders.
///
/// Every hidden value becomes `[name]`, named after its JSON key, header,
/// query parameter or pattern; the same value gets the same placeholder
/// throughout one snapshot, and different values of the same name are
/// numbered (`[id]`, `[id#2]`), so references between fields stay visible.
/// Volatile paths and patterns are the exception: their values become a
/// plain `[name]`, because two timestamps that happen to be equal in one
/// run are a coincidence, not a reference.
#[derive(Debug, Clone, Default)]
pub struct Redactions {
    /// JSONPath expressions into JSON bodies, with their text.
    pub(crate) body: Vec<(String, JsonPath)>,
    /// JSONPath expressions whose values become a plain, unnumbered `[name]`.
    pub(crate) volatile: Vec<(String, JsonPath)>,
    /// Header names (lower case) whose whole value is hidden; for
    /// `Set-Cookie`, the cookie value and its `Expires` date.
    pub(crate) headers: Vec<String>,
    /// Header names (lower case) holding URLs whose query (and fragment)
    /// parameter values are hidden.
    pub(crate) query: Vec<String>,
    /// Regular expressions applied to the remaining text, each with its name.
    pub(crate) patterns: Vec<(String, Regex)>,
}

impl Redactions {
    /// Adds a rule in the `--snapshot-redact` syntax: `$…` is a JSONPath into
    /// the JSON body (`$..id`), `Name?` hides the query values of a URL header
    /// (`Location?`), anything else is a header whose value is hidden
    /// (`Set-Cookie`).
    pub fn add(&mut self, rule: &str) -> Result<(), SnapshotError> {
        let rule_error = |message: String| SnapshotError::Rule {
            rule: rule.to_owned(),
            message,
        };
        let trimmed = rule.trim();
        if trimmed.starts_with('$') {
            let path = JsonPath::parse(trimmed).map_err(|e| rule_error(e.to_string()))?;
            self.body.push((trimmed.to_owned(), path));
            return Ok(());
        }
        let (name, query) = match trimmed.strip_suffix('?') {
            Some(name) => (name.trim(), true),
            None => (trimmed, false),
        };
        if name.is_empty() || !name.bytes().all(is_header_byte) {
            return Err(rule_error(
                "expected a JSONPath (`$..id`), a header name (`Set-Cookie`) \
                 or a URL header followed by `?` (`Location?`)"
                    .into(),
            ));
        }
        if query {
            self.add_query(name);
        } else {
            self.add_header(name);
        }
        Ok(())
    }

    /// Hides the values at JSONPath `path` as a plain `[name]`, never
    /// numbered and never linked to equal values elsewhere: for timestamps
    /// and other values whose equality within one response is chance.
    pub fn add_volatile(&mut self, path: &str) -> Result<(), SnapshotError> {
        let trimmed = path.trim();
        let parsed = JsonPath::parse(trimmed).map_err(|e| SnapshotError::Rule {
            rule: path.to_owned(),
            message: e.to_string(),
        })?;
        self.volatile.push((trimmed.to_owned(), parsed));
        Ok(())
    }

    /// Hides the whole value of header `name`.
    pub fn add_header(&mut self, name: &str) {
        push_unique(&mut self.headers, name.trim().to_ascii_lowercase());
    }

    /// Hides the query and fragment parameter values of the URL in header `name`.
    pub fn add_query(&mut self, name: &str) {
        push_unique(&mut self.query, name.trim().to_ascii_lowercase());
    }

    /// Hides every match of the regular expression `pattern` as `[name]`.
    pub fn add_pattern(&mut self, name: &str, pattern: &str) -> Result<(), SnapshotError> {
        let regex = Regex::new(pattern).map_err(|e| SnapshotError::Rule {
            rule: format!("{name}: {pattern}"),
            message: e.to_string(),
        })?;
        self.patterns.push((name.to_owned(), regex));
        Ok(())
    }

    /// Whether no rule is set.
    pub fn is_empty(&self) -> bool {
        self.body.is_empty()
            && self.volatile.is_empty()
            && self.headers.is_empty()
            && self.query.is_empty()
            && self.patterns.is_empty()
    }
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// RFC 9110 token characters.
fn is_header_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_sorted_into_kinds() {
        let mut r = Redactions::default();
        r.add("$..id").unwrap();
        r.add("Set-Cookie").unwrap();
        r.add("Location?").unwrap();
        r.add("set-cookie").unwrap();
        assert_eq!(r.body.len(), 1);
        assert_eq!(r.headers, ["set-cookie"]);
        assert_eq!(r.query, ["location"]);
    }

    #[test]
    fn bad_rules_say_what_is_expected() {
        let mut r = Redactions::default();
        let e = r.add("$..[").unwrap_err().to_string();
        assert!(e.starts_with("invalid snapshot redaction `$..[`"), "{e}");
        let e = r.add("not a header").unwrap_err().to_string();
        assert!(e.contains("expected a JSONPath"), "{e}");
        assert!(r.add("?").is_err());
    }

    #[test]
    fn config_file_sets_headers_and_redactions() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            r#"{"$comment": "x", "headers": ["Location"], "sortKeys": true,
                "redactions": {"body": ["$..id"], "volatile": ["$..at"], "headers": ["ETag"], "query": ["Location"],
                               "patterns": {"uuid": "[0-9a-f-]{36}"}}}"#,
        )
        .unwrap();
        let o = SnapshotOptions::load(dir.path()).unwrap();
        assert_eq!(o.headers, ["Location"]);
        assert!(o.sort_keys);
        assert_eq!(o.redactions.headers, ["etag"]);
        assert_eq!(o.redactions.volatile[0].0, "$..at");
        assert_eq!(o.redactions.patterns[0].0, "uuid");
    }

    #[test]
    fn config_errors_name_the_file_and_field() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, r#"{"redactions": {"bodee": []}}"#).unwrap();
        let e = SnapshotOptions::load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("courier.snapshots.json: at redactions"), "{e}");
        assert!(e.contains("bodee"), "{e}");
        std::fs::write(&path, r#"{"redactions": {"body": ["id"]}}"#).unwrap();
        let e = SnapshotOptions::load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("not a JSONPath"), "{e}");
        std::fs::write(&path, r#"{"redactions": {"patterns": {"x": "("}}}"#).unwrap();
        let e = SnapshotOptions::load(dir.path()).unwrap_err().to_string();
        assert!(
            e.contains("redactions: invalid snapshot redaction `x: (`"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_directory_or_file_means_defaults() {
        let o = SnapshotOptions::load("/nonexistent/courier-snapshots").unwrap();
        assert_eq!(o.headers, DEFAULT_HEADERS);
        assert!(o.redactions.is_empty());
    }
}
