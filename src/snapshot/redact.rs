//! Placeholders for volatile values, stable within one snapshot.
//!
//! A [`Redactor`] lives for one snapshot. Structural rules go first, in the
//! order the snapshot is read (headers, then the body): a hidden value
//! becomes `[name]`, named after its key, header or query parameter, and the
//! same value always gets the same placeholder — the second distinct value of
//! a name is `[name#2]`. Then every remaining piece of text is scrubbed:
//! strings that contain a value already hidden (an id inside an `href`) show
//! its placeholder there too, and the configured patterns hide what is left,
//! each match as plain `[name]`.
//! Text is kept as [`Seg`]ments so that a pattern never rewrites the inside of
//! a placeholder.

use std::collections::{HashMap, HashSet};

use serde_json::Value;
use serde_json_path::PathElement;

use super::options::Redactions;
use crate::variables::Generated;

/// Hidden string values shorter than this are not searched for inside other
/// strings: `"1"` or `"ok"` would match all over the place.
pub(crate) const MIN_SUBSTRING: usize = 8;

/// Secrets shorter than this are not hidden (the reports' masker agrees):
/// hiding `"1"` would scramble every number.
const MIN_SECRET: usize = 3;

/// A piece of snapshot text: as it came, or already a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    /// Text that later passes may still redact.
    Plain(String),
    /// A placeholder, final.
    Hidden(String),
}

/// Hands out placeholders for one snapshot.
pub(crate) struct Redactor<'r> {
    rules: &'r Redactions,
    /// Value (tagged by kind) → its placeholder.
    placeholders: HashMap<String, String>,
    /// Placeholder name → distinct values seen.
    counts: HashMap<String, usize>,
    /// Hidden strings long enough to be looked for inside other text.
    substrings: Vec<(String, String)>,
    /// Values courier generated (value → the variable's name): hidden
    /// where a whole JSON string or number, or header, equals one.
    generated_whole: HashMap<String, &'static str>,
    /// Those long enough to be looked for inside other text, longest
    /// first; each gets its placeholder when first met.
    generated_long: Vec<(String, &'static str)>,
    /// Generated values a configured pattern matches whole: in text the
    /// pattern hides them, as it hides the same-looking values courier did
    /// not generate (a `$timestamp` and a server's clock, say).
    generated_covered: HashSet<String>,
}

impl<'r> Redactor<'r> {
    pub fn new(rules: &'r Redactions) -> Self {
        Redactor {
            rules,
            placeholders: HashMap::new(),
            counts: HashMap::new(),
            substrings: Vec::new(),
            generated_whole: HashMap::new(),
            generated_long: Vec::new(),
            generated_covered: HashSet::new(),
        }
    }

    /// Values courier generated in the run (dynamic variables, the
    /// `Postman-Token`): hidden as `[$guid]`, `[postman-token]`… (not
    /// numbered: see `generated_placeholder`) where a
    /// whole JSON string or number or a whole header value equals one, and
    /// inside other text when at least [`MIN_SUBSTRING`] characters long
    /// (a `$randomInt` of `7` is not looked for inside `"page 7"`). The
    /// first name that gave a value names it. A value that a configured
    /// pattern matches whole is left to the pattern in text, so a run where
    /// it coincides with a value courier did not generate reads the same as
    /// one where it does not.
    pub fn generated(&mut self, values: &[Generated]) {
        for g in values.iter().filter(|g| !g.value.is_empty()) {
            self.generated_whole
                .entry(g.value.clone())
                .or_insert(g.name);
            let covered = self.rules.patterns.iter().any(|(_, regex)| {
                regex
                    .find(&g.value)
                    .is_some_and(|m| m.start() == 0 && m.end() == g.value.len())
            });
            if covered {
                self.generated_covered.insert(g.value.clone());
            } else if g.value.chars().count() >= MIN_SUBSTRING
                && !self.generated_long.iter().any(|(v, _)| *v == g.value)
            {
                self.generated_long.push((g.value.clone(), g.name));
            }
        }
        self.generated_long
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    }

    /// The placeholder of generated `value`: the one a rule gave it if any,
    /// else `[name]`, never numbered — whether two generated values happen
    /// to be equal (two `$isoTimestamp` in one millisecond) must not change
    /// the snapshot. A long value not left to a pattern is then also
    /// looked for inside other text.
    fn generated_placeholder(&mut self, value: &str, name: &str) -> String {
        if let Some(p) = self.placeholders.get(&format!("s:{value}")) {
            return p.clone();
        }
        let placeholder = format!("[{}]", placeholder_name(name));
        if value.chars().count() >= MIN_SUBSTRING
            && !self.generated_covered.contains(value)
            && !self.substrings.iter().any(|(v, _)| v == value)
        {
            self.substrings
                .push((value.to_owned(), placeholder.clone()));
            self.sort_substrings();
        }
        placeholder
    }

    /// Hides the whole JSON strings and numbers of `value` that equal a
    /// generated value, in document order, except at the pointers in
    /// `hidden`, which it extends.
    pub fn generated_json(&mut self, value: &mut Value, hidden: &mut HashSet<String>) {
        if self.generated_whole.is_empty() {
            return;
        }
        self.walk_generated(value, &mut String::new(), hidden);
    }

    fn walk_generated(
        &mut self,
        value: &mut Value,
        pointer: &mut String,
        hidden: &mut HashSet<String>,
    ) {
        if hidden.contains(pointer.as_str()) {
            return;
        }
        let text = match value {
            Value::String(s) if !self.generated_covered.contains(s) => Some(s.clone()),
            Value::String(_) => return,
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        if let Some(text) = text {
            if let Some(name) = self.generated_whole.get(&text).copied() {
                *value = Value::String(self.generated_placeholder(&text, name));
                hidden.insert(pointer.clone());
            }
            return;
        }
        each_child(value, pointer, &mut |child, pointer| {
            self.walk_generated(child, pointer, hidden)
        });
    }

    /// Hides the values of secret variables wherever they appear, as
    /// `[secret]`, `[secret#2]`…: a snapshot is committed to a repository
    /// and must not carry what the reports mask.
    pub fn secrets(&mut self, secrets: &[String]) {
        for secret in secrets.iter().filter(|s| s.chars().count() >= MIN_SECRET) {
            let placeholder = self.placeholder(format!("s:{secret}"), "secret");
            if !self.substrings.iter().any(|(v, _)| v == secret) {
                self.substrings.push((secret.clone(), placeholder));
            }
        }
        self.sort_substrings();
    }

    fn sort_substrings(&mut self) {
        // Longest first, so a value that contains another wins.
        self.substrings
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    }

    /// The placeholder of string `value`, named `name` if it is new.
    pub fn hide_str(&mut self, value: &str, name: &str) -> String {
        let placeholder = self.placeholder(format!("s:{value}"), name);
        if value.chars().count() >= MIN_SUBSTRING
            && !self.substrings.iter().any(|(v, _)| v == value)
        {
            self.substrings
                .push((value.to_owned(), placeholder.clone()));
            // Longest first, so a value that contains another wins.
            self.substrings
                .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        placeholder
    }

    /// The placeholder of any JSON value.
    fn hide_json(&mut self, value: &Value, name: &str) -> String {
        match value {
            Value::String(s) => self.hide_str(s, name),
            other => self.placeholder(format!("j:{other}"), name),
        }
    }

    fn placeholder(&mut self, key: String, name: &str) -> String {
        if let Some(p) = self.placeholders.get(&key) {
            return p.clone();
        }
        let name = placeholder_name(name);
        let n = self.counts.entry(name.clone()).or_insert(0);
        *n += 1;
        let placeholder = if *n == 1 {
            format!("[{name}]")
        } else {
            format!("[{name}#{n}]")
        };
        self.placeholders.insert(key, placeholder.clone());
        placeholder
    }

    /// Header `name` (lower case) with its structural redactions applied.
    pub fn header(&mut self, name: &str, value: &str) -> Vec<Seg> {
        let rules = self.rules;
        if rules.headers.iter().any(|h| h == name) {
            if name == "set-cookie" {
                return self.set_cookie(value);
            }
            return vec![Seg::Hidden(self.hide_str(value, name))];
        }
        if rules.query.iter().any(|h| h == name) {
            return self.url_query(value);
        }
        if let Some(generated) = self.generated_whole.get(value).copied()
            && !self.generated_covered.contains(value)
        {
            return vec![Seg::Hidden(self.generated_placeholder(value, generated))];
        }
        vec![Seg::Plain(value.to_owned())]
    }

    /// `name=value; Path=/; Expires=…`: the value and the date are hidden,
    /// the cookie's name and other attributes stay readable.
    fn set_cookie(&mut self, value: &str) -> Vec<Seg> {
        let mut segs = Vec::new();
        for (i, part) in value.split(';').enumerate() {
            if i > 0 {
                segs.push(Seg::Plain(";".into()));
            }
            let (key, val) = match part.split_once('=') {
                Some((k, v)) => (k, v),
                None => {
                    segs.push(Seg::Plain(part.to_owned()));
                    continue;
                }
            };
            let hide = if i == 0 {
                Some(key.trim())
            } else if key.trim().eq_ignore_ascii_case("expires") {
                Some("expires")
            } else {
                None
            };
            match hide {
                Some(name) if !val.is_empty() => {
                    segs.push(Seg::Plain(format!("{key}=")));
                    segs.push(Seg::Hidden(self.hide_str(val, name)));
                }
                _ => segs.push(Seg::Plain(part.to_owned())),
            }
        }
        segs
    }

    /// A URL whose query and fragment parameter values are hidden, each
    /// named after its parameter.
    fn url_query(&mut self, value: &str) -> Vec<Seg> {
        let Some(start) = value.find(['?', '#']) else {
            return vec![Seg::Plain(value.to_owned())];
        };
        let mut segs = vec![Seg::Plain(value[..=start].to_owned())];
        let rest = &value[start + 1..];
        let mut plain = String::new();
        // Parameters end at `&`, and the query ends at `#`.
        for piece in rest.split_inclusive(['&', '#']) {
            let (param, sep) = match piece.char_indices().last() {
                Some((at, c)) if c == '&' || c == '#' => (&piece[..at], &piece[at..]),
                _ => (piece, ""),
            };
            match param.split_once('=') {
                Some((key, val)) if !val.is_empty() => {
                    plain.push_str(key);
                    plain.push('=');
                    segs.push(Seg::Plain(std::mem::take(&mut plain)));
                    let name = percent_encoding::percent_decode_str(key).decode_utf8_lossy();
                    segs.push(Seg::Hidden(self.hide_str(val, &name)));
                }
                _ => plain.push_str(param),
            }
            plain.push_str(sep);
        }
        if !plain.is_empty() {
            segs.push(Seg::Plain(plain));
        }
        segs
    }

    /// Applies the JSONPath rules to `value` in document order; returns the
    /// JSON pointers of the values now hidden.
    pub fn json(&mut self, value: &mut Value) -> HashSet<String> {
        // Pointer → (name, numbered); a numbered rule wins over a volatile one.
        let mut targets: HashMap<String, (String, bool)> = HashMap::new();
        let rules = [(&self.rules.body, true), (&self.rules.volatile, false)];
        for (paths, numbered) in rules {
            for (_, path) in paths {
                for node in path.query_located(value).iter() {
                    let location = node.location();
                    targets
                        .entry(location.to_json_pointer())
                        .or_insert_with(|| (name_of(location.iter()), numbered));
                }
            }
        }
        let mut hidden = HashSet::new();
        if !targets.is_empty() {
            self.walk_hide(value, &mut String::new(), &targets, &mut hidden);
        }
        hidden
    }

    fn walk_hide(
        &mut self,
        value: &mut Value,
        pointer: &mut String,
        targets: &HashMap<String, (String, bool)>,
        hidden: &mut HashSet<String>,
    ) {
        if let Some((name, numbered)) = targets.get(pointer.as_str())
            && !value.is_null()
        {
            let placeholder = if *numbered {
                self.hide_json(value, name)
            } else {
                format!("[{}]", placeholder_name(name))
            };
            *value = Value::String(placeholder);
            hidden.insert(pointer.clone());
            return;
        }
        each_child(value, pointer, &mut |child, pointer| {
            self.walk_hide(child, pointer, targets, hidden)
        });
    }

    /// Scrubs every string of `value` except those at `skip`.
    pub fn scrub_json(&mut self, value: &mut Value, skip: &HashSet<String>) {
        self.walk_scrub(value, &mut String::new(), skip);
    }

    fn walk_scrub(&mut self, value: &mut Value, pointer: &mut String, skip: &HashSet<String>) {
        if skip.contains(pointer.as_str()) {
            return;
        }
        if let Value::String(s) = value {
            *s = self.scrub(vec![Seg::Plain(std::mem::take(s))]);
            return;
        }
        each_child(value, pointer, &mut |child, pointer| {
            self.walk_scrub(child, pointer, skip)
        });
    }

    /// Replaces hidden values inside plain text, then applies the patterns;
    /// returns the joined text.
    pub fn scrub(&mut self, mut segs: Vec<Seg>) -> String {
        for (value, placeholder) in self.substrings.clone() {
            segs = split_plain(segs, |text| {
                text.match_indices(value.as_str())
                    .map(|(at, m)| (at, at + m.len(), placeholder.clone()))
                    .collect()
            });
        }
        for (value, name) in self.generated_long.clone() {
            let found = segs
                .iter()
                .any(|s| matches!(s, Seg::Plain(t) if t.contains(value.as_str())));
            if !found {
                continue;
            }
            let placeholder = self.generated_placeholder(&value, name);
            segs = split_plain(segs, |text| {
                text.match_indices(value.as_str())
                    .map(|(at, m)| (at, at + m.len(), placeholder.clone()))
                    .collect()
            });
        }
        // Pattern matches are not numbered: they catch what is left (a
        // timestamp in a name, an id inside a path), where two equal values
        // are a coincidence of one run, not a reference to keep visible.
        for (name, regex) in &self.rules.patterns {
            let placeholder = format!("[{}]", placeholder_name(name));
            segs = split_plain(segs, |text| {
                regex
                    .find_iter(text)
                    .filter(|m| !m.is_empty())
                    .map(|m| (m.start(), m.end(), placeholder.clone()))
                    .collect()
            });
        }
        segs.into_iter()
            .map(|s| match s {
                Seg::Plain(t) | Seg::Hidden(t) => t,
            })
            .collect()
    }
}

/// Splits every plain segment at the ranges `find` returns (sorted, not
/// overlapping), which become hidden segments.
fn split_plain(
    segs: Vec<Seg>,
    mut find: impl FnMut(&str) -> Vec<(usize, usize, String)>,
) -> Vec<Seg> {
    let mut out = Vec::with_capacity(segs.len());
    for seg in segs {
        let Seg::Plain(text) = seg else {
            out.push(seg);
            continue;
        };
        let mut last = 0;
        for (start, end, placeholder) in find(&text) {
            if start > last {
                out.push(Seg::Plain(text[last..start].to_owned()));
            }
            out.push(Seg::Hidden(placeholder));
            last = end;
        }
        if last < text.len() {
            out.push(Seg::Plain(text[last..].to_owned()));
        }
    }
    out
}

/// Calls `f` on each child of `value` with the child's JSON pointer.
fn each_child(value: &mut Value, pointer: &mut String, f: &mut dyn FnMut(&mut Value, &mut String)) {
    let len = pointer.len();
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                f(child, pointer);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter_mut().enumerate() {
                pointer.push('/');
                pointer.push_str(&i.to_string());
                f(child, pointer);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// The placeholder name of a location: its last key, so `$.users[0].id` is
/// `id` and `$.tokens[2]` is `tokens`; `value` for the root.
fn name_of<'a>(elements: impl DoubleEndedIterator<Item = &'a PathElement<'a>>) -> String {
    elements
        .rev()
        .find_map(|e| e.as_name().map(str::to_owned))
        .unwrap_or_else(|| "value".into())
}

/// Keeps placeholders on one line and unambiguous: `[`, `]`, `#` and
/// whitespace become `_`.
fn placeholder_name(name: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() || matches!(c, '[' | ']' | '#') {
                '_'
            } else {
                c
            }
        })
        .collect();
    if cleaned.is_empty() {
        "value".into()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules(list: &[&str]) -> Redactions {
        let mut r = Redactions::default();
        for rule in list {
            r.add(rule).unwrap();
        }
        r
    }

    fn redact(r: &Redactions, mut value: Value) -> Value {
        let mut redactor = Redactor::new(r);
        let hidden = redactor.json(&mut value);
        redactor.scrub_json(&mut value, &hidden);
        value
    }

    #[test]
    fn same_value_same_placeholder_and_numbered_names() {
        let r = rules(&["$..id", "$..userId"]);
        let out = redact(
            &r,
            json!({"id": "u-1111", "items": [{"id": "i-2222"}, {"id": "u-1111"}], "userId": "u-1111"}),
        );
        assert_eq!(
            out,
            json!({"id": "[id]", "items": [{"id": "[id#2]"}, {"id": "[id]"}], "userId": "[id]"})
        );
    }

    #[test]
    fn volatile_values_are_plain_and_never_linked() {
        let mut r = rules(&["$..id"]);
        r.add_volatile("$..createdAt").unwrap();
        r.add_volatile("$..id").unwrap();
        let out = redact(
            &r,
            json!({"id": "2024-01-01T00:00:00Z-x", "a": {"createdAt": "2024-01-01T00:00:00Z-x"},
                   "b": {"createdAt": "2025"}, "note": "at 2024-01-01T00:00:00Z-x"}),
        );
        assert_eq!(
            out,
            json!({"id": "[id]", "a": {"createdAt": "[createdAt]"},
                   "b": {"createdAt": "[createdAt]"}, "note": "at [id]"})
        );
    }

    #[test]
    fn hidden_values_show_inside_other_strings() {
        let r = rules(&["$.id"]);
        let out = redact(
            &r,
            json!({"id": "5d1c0c9e-aaaa", "href": "https://x/users/5d1c0c9e-aaaa/roles"}),
        );
        assert_eq!(out["href"], "https://x/users/[id]/roles");
    }

    #[test]
    fn arrays_objects_numbers_and_nulls() {
        let r = rules(&["$.tokens[*]", "$.user", "$.n", "$.gone"]);
        let out = redact(
            &r,
            json!({"tokens": ["a", "b", "a"], "user": {"id": 1}, "n": 5, "gone": null}),
        );
        assert_eq!(
            out,
            json!({"tokens": ["[tokens]", "[tokens#2]", "[tokens]"], "user": "[user]", "n": "[n]", "gone": null})
        );
    }

    #[test]
    fn secrets_are_hidden_everywhere_even_when_short() {
        let r = rules(&["$.token"]);
        let mut red = Redactor::new(&r);
        red.secrets(&["pw1".into(), "s3cr3t-value".into(), "x".into()]);
        let mut value = json!({"token": "s3cr3t-value", "note": "pw1 and s3cr3t-value", "x": "x"});
        let hidden = red.json(&mut value);
        red.scrub_json(&mut value, &hidden);
        assert_eq!(
            value,
            json!({"token": "[secret#2]", "note": "[secret] and [secret#2]", "x": "x"})
        );
    }

    #[test]
    fn patterns_never_touch_placeholders() {
        let mut r = rules(&["$.id"]);
        r.add_pattern("num", r"\d+").unwrap();
        let out = redact(
            &r,
            json!({"id": "x", "a": "x", "b": "id 42", "c": "43", "d": "42"}),
        );
        assert_eq!(
            out,
            json!({"id": "[id]", "a": "x", "b": "id [num]", "c": "[num]", "d": "[num]"})
        );
    }

    #[test]
    fn generated_values_whole_or_long_enough() {
        let r = rules(&["$.id"]);
        let mut red = Redactor::new(&r);
        let gen_ = |name, value: &str| Generated {
            name,
            value: value.to_owned(),
        };
        red.generated(&[
            gen_("$randomInt", "7"),
            gen_("$guid", "0f8fad5b-d9cb-469f-a165-70867728950e"),
            gen_("$guid", "7c9e6679-7425-40de-944b-e07fc1f90ae7"),
            gen_("postman-token", "a3bb189e-8bf9-3888-9912-ace4e6543002"),
            gen_("$timestamp", "1732963200"),
        ]);
        let mut value = json!({
            "id": "x",
            "n": 7, "s": "7", "page": "page 7", "flag": true,
            "b": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
            "a": "0f8fad5b-d9cb-469f-a165-70867728950e",
            "text": "{\"a\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"n\":7,\"t\":1732963200}",
            "token": "a3bb189e-8bf9-3888-9912-ace4e6543002"
        });
        let mut hidden = red.json(&mut value);
        red.generated_json(&mut value, &mut hidden);
        red.scrub_json(&mut value, &hidden);
        assert_eq!(
            value,
            json!({
                "id": "[id]",
                "n": "[$randomInt]", "s": "[$randomInt]", "page": "page 7", "flag": true,
                "b": "[$guid]",
                "a": "[$guid]",
                "text": "{\"a\":\"[$guid]\",\"n\":7,\"t\":[$timestamp]}",
                "token": "[postman-token]"
            })
        );
        let header = red.header("x-n", "7");
        assert_eq!(red.scrub(header), "[$randomInt]");
    }

    #[test]
    fn a_pattern_that_covers_a_generated_value_wins_in_text() {
        let mut r = Redactions::default();
        r.add_pattern("epoch", r"\d{10}").unwrap();
        let mut red = Redactor::new(&r);
        red.generated(&[Generated {
            name: "$timestamp",
            value: "1732963200".into(),
        }]);
        let mut value = json!({"user": "u_1732963200", "at": "1732963200", "n": 1732963200});
        let mut hidden = red.json(&mut value);
        red.generated_json(&mut value, &mut hidden);
        red.scrub_json(&mut value, &hidden);
        assert_eq!(
            value,
            json!({"user": "u_[epoch]", "at": "[epoch]", "n": "[$timestamp]"})
        );
    }

    #[test]
    fn headers_whole_cookie_and_query() {
        let r = rules(&["ETag", "Set-Cookie", "Location?"]);
        let mut red = Redactor::new(&r);
        let etag = red.header("etag", "W/\"abc\"");
        assert_eq!(red.scrub(etag), "[etag]");
        let cookie = red.header(
            "set-cookie",
            "ST=abc123; Path=/; Expires=Wed, 21 Oct 2015 07:28:00 GMT; HttpOnly",
        );
        assert_eq!(
            red.scrub(cookie),
            "ST=[ST]; Path=/; Expires=[expires]; HttpOnly"
        );
        let loc = red.header(
            "location",
            "https://app/cb?code=xyz&state=abc123&empty=&flag#id_token=j.w.t",
        );
        assert_eq!(
            red.scrub(loc),
            "https://app/cb?code=[code]&state=[ST]&empty=&flag#id_token=[id_token]"
        );
        let plain = red.header("content-type", "application/json");
        assert_eq!(red.scrub(plain), "application/json");
    }
}
