//! The URL of a Collection v1 request, split into the parts of a v2.1 `url`
//! object the way postman-collection-transformer splits it.
//!
//! The transformer's parser cuts the string from the back and the front in a
//! fixed order — `#hash`, `?query`, `protocol://`, `/path`, `auth@`,
//! `:port`, host — after setting aside every `{{variable}}` whose name holds
//! one of `.:/?#@&]`, so that `{{api.host}}` stays one host label. Its
//! `unparse` is used for `raw` when a v1 `queryParams` entry carried
//! `equals`. The rest of courier reads the parts (`http/url.rs`), as
//! postman-collection reads them in Newman.

use serde_json::{Map, Value};

use super::super::decode::is_js_space;

/// Characters that make the transformer set a `{{…}}` token aside.
const RESERVED_IN_TOKEN: &[char] = &['.', ':', '/', '?', '#', '@', '&', ']'];

/// The parts of a URL, as strings and lists; `None` where the URL has none.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Parsed {
    pub raw: String,
    pub protocol: Option<String>,
    pub auth: Option<(String, Option<String>)>,
    pub host: Option<Vec<String>>,
    pub port: Option<String>,
    pub path: Option<Vec<String>>,
    pub query: Option<Vec<(Option<String>, Option<String>)>>,
    pub hash: Option<String>,
    /// Names of `:name` path segments, first occurrence of each.
    pub variables: Vec<String>,
}

/// Splits `url` as the transformer's `url.parse` does.
pub(super) fn parse(url: &str) -> Parsed {
    let raw = url.trim_start_matches(is_js_space);
    let mut parsed = Parsed {
        raw: raw.to_owned(),
        ..Parsed::default()
    };
    if raw.is_empty() {
        return parsed;
    }
    let (mark, tokens) = set_tokens_aside(raw);
    let mut rest: String = mark.normalized;
    let mut restore = Restorer::new(mark.placeholder, tokens);

    let hash = rest.find('#').map(|i| {
        let hash = rest[i + 1..].to_owned();
        rest.truncate(i);
        hash
    });
    let query = rest.find('?').map(|i| {
        let query = rest[i + 1..].to_owned();
        rest.truncate(i);
        query
    });
    let protocol = ["://", ":\\\\"].iter().find_map(|sep| {
        let i = rest.find(sep)?;
        let protocol = rest[..i].to_owned();
        rest = rest[i + 3..].to_owned();
        Some(protocol)
    });
    rest = rest.replace('\\', "/");
    let path = rest.find('/').map(|i| {
        let path = rest[i + 1..].to_owned();
        rest.truncate(i);
        path
    });
    let auth = rest.rfind('@').map(|i| {
        let auth = rest[..i].to_owned();
        rest = rest[i + 1..].to_owned();
        auth
    });
    let port = rest.rfind(':').and_then(|i| {
        let port = rest[i + 1..].to_owned();
        (!port.contains(']')).then(|| {
            rest.truncate(i);
            port
        })
    });

    // Tokens go back in the order their parts appear in the text.
    parsed.protocol = protocol.map(|p| restore.text(&p));
    parsed.auth = auth.map(|a| match a.split_once(':') {
        Some((user, password)) => (restore.text(user), Some(restore.text(password))),
        None => (restore.text(&a), None),
    });
    parsed.host = (!rest.is_empty()).then(|| rest.split('.').map(|l| restore.text(l)).collect());
    parsed.port = port.map(|p| restore.text(&p));
    parsed.path = path.map(|p| p.split('/').map(|s| restore.text(s)).collect());
    parsed.query = query.map(|q| {
        q.split('&')
            .map(|p| query_param(&restore.text(p)))
            .collect()
    });
    parsed.hash = hash.map(|h| restore.text(&h));
    parsed.variables = path_variables(parsed.path.as_deref().unwrap_or_default());
    parsed
}

/// `k=v` → (k, v); `k` → (k, null); `` → (null, null).
fn query_param(param: &str) -> (Option<String>, Option<String>) {
    if param.is_empty() {
        return (None, None);
    }
    match param.split_once('=') {
        Some((k, v)) => (Some(k.to_owned()), Some(v.to_owned())),
        None => (Some(param.to_owned()), None),
    }
}

fn path_variables(path: &[String]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for segment in path {
        if let Some(name) = segment.strip_prefix(':')
            && !name.is_empty()
            && !names.iter().any(|n| n == name)
        {
            names.push(name.to_owned());
        }
    }
    names
}

struct Marked {
    normalized: String,
    placeholder: char,
}

/// Replaces every `{{…}}` whose name holds a reserved character by a
/// placeholder character absent from the text; returns the tokens in order.
fn set_tokens_aside(text: &str) -> (Marked, Vec<String>) {
    let placeholder = ('\u{e000}'..='\u{f8ff}')
        .find(|c| !text.contains(*c))
        .unwrap_or('\u{e000}');
    let mut normalized = String::with_capacity(text.len());
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        // The name runs to the first brace; it is a token if that brace opens `}}`.
        let end = after.find(['{', '}']).unwrap_or(after.len());
        let name = &after[..end];
        if after[end..].starts_with("}}") && name.contains(RESERVED_IN_TOKEN) {
            normalized.push_str(&rest[..start]);
            normalized.push(placeholder);
            tokens.push(format!("{{{{{name}}}}}"));
            rest = &after[end + 2..];
        } else {
            // Look again from the second brace, as a regex scan would.
            normalized.push_str(&rest[..start + 1]);
            rest = &rest[start + 1..];
        }
    }
    normalized.push_str(rest);
    (
        Marked {
            normalized,
            placeholder,
        },
        tokens,
    )
}

/// Puts set-aside tokens back, in order of appearance.
struct Restorer {
    placeholder: char,
    tokens: std::vec::IntoIter<String>,
}

impl Restorer {
    fn new(placeholder: char, tokens: Vec<String>) -> Self {
        Restorer {
            placeholder,
            tokens: tokens.into_iter(),
        }
    }

    fn text(&mut self, part: &str) -> String {
        if !part.contains(self.placeholder) {
            return part.to_owned();
        }
        let mut out = String::with_capacity(part.len());
        for c in part.chars() {
            match (c == self.placeholder)
                .then(|| self.tokens.next())
                .flatten()
            {
                Some(token) => out.push_str(&token),
                None => out.push(c),
            }
        }
        out
    }
}

impl Parsed {
    /// The v2.1 `url` object: `raw`, then each part that is present.
    pub(super) fn into_json(self) -> Map<String, Value> {
        let mut url = Map::new();
        url.insert("raw".into(), Value::String(self.raw));
        if let Some(p) = self.protocol {
            url.insert("protocol".into(), Value::String(p));
        }
        if let Some((user, password)) = self.auth {
            let mut auth = Map::new();
            auth.insert("user".into(), Value::String(user));
            if let Some(p) = password {
                auth.insert("password".into(), Value::String(p));
            }
            url.insert("auth".into(), Value::Object(auth));
        }
        if let Some(host) = self.host {
            url.insert("host".into(), strings(host));
        }
        if let Some(port) = self.port {
            url.insert("port".into(), Value::String(port));
        }
        if let Some(path) = self.path {
            url.insert("path".into(), strings(path));
        }
        if let Some(query) = self.query {
            let list = query
                .into_iter()
                .map(|(k, v)| {
                    let mut param = Map::new();
                    param.insert("key".into(), k.map_or(Value::Null, Value::String));
                    param.insert("value".into(), v.map_or(Value::Null, Value::String));
                    Value::Object(param)
                })
                .collect();
            url.insert("query".into(), Value::Array(list));
        }
        if let Some(hash) = self.hash {
            url.insert("hash".into(), Value::String(hash));
        }
        if !self.variables.is_empty() {
            let list = self
                .variables
                .into_iter()
                .map(|name| serde_json::json!({ "key": name }))
                .collect();
            url.insert("variable".into(), Value::Array(list));
        }
        url
    }
}

fn strings(list: Vec<String>) -> Value {
    Value::Array(list.into_iter().map(Value::String).collect())
}

/// The transformer's `url.unparse` over a v2.1 `url` object: the text of
/// the parts, enabled query parameters only, `&`, `#` (and `=` in keys)
/// escaped outside `{{…}}`.
pub(super) fn unparse(url: &Map<String, Value>) -> String {
    let mut out = String::new();
    if let Some(protocol) = url.get("protocol").and_then(Value::as_str)
        && !protocol.is_empty()
    {
        out.push_str(protocol);
        if !protocol.ends_with("://") {
            out.push_str("://");
        }
    }
    if let Some(auth) = url.get("auth").and_then(Value::as_object) {
        let user = auth.get("user").and_then(Value::as_str);
        let password = auth.get("password").and_then(Value::as_str);
        if user.is_some() || password.is_some() {
            out.push_str(user.unwrap_or(""));
            if let Some(p) = password {
                out.push(':');
                out.push_str(p);
            }
            out.push('@');
        }
    }
    if let Some(host) = url.get("host").filter(|h| super::truthy(Some(h))) {
        out.push_str(&joined(host, "."));
    }
    if let Some(port) = url.get("port").filter(|p| !p.is_null()) {
        out.push(':');
        out.push_str(&joined(port, ""));
    }
    if let Some(path) = url.get("path").filter(|p| super::truthy(Some(p))) {
        let path = joined(path, "/");
        if !path.starts_with('/') {
            out.push('/');
        }
        out.push_str(&path);
    }
    if let Some(query) = url.get("query").and_then(Value::as_array) {
        let enabled: Vec<String> = query
            .iter()
            .filter(|p| p.is_object() && !super::truthy(p.get("disabled")))
            .map(unparse_param)
            .collect();
        if !enabled.is_empty() {
            out.push('?');
            out.push_str(&enabled.join("&"));
        }
    }
    if let Some(hash) = url.get("hash").and_then(Value::as_str) {
        out.push('#');
        out.push_str(hash);
    }
    out
}

fn joined(value: &Value, separator: &str) -> String {
    match value {
        Value::Array(list) => list
            .iter()
            .map(|v| super::js_string(Some(v)))
            .collect::<Vec<_>>()
            .join(separator),
        other => super::js_string(Some(other)),
    }
}

fn unparse_param(param: &Value) -> String {
    let mut out = match param.get("key").and_then(Value::as_str) {
        Some(key) => escape_outside_tokens(key, true),
        None => String::new(),
    };
    if let Some(value) = param.get("value").and_then(Value::as_str) {
        out.push('=');
        out.push_str(&escape_outside_tokens(value, false));
    }
    out
}

/// Escapes `&` and `#` (and `=` when `equals`) except inside `{{…}}` tokens
/// that hold one of them.
fn escape_outside_tokens(text: &str, equals: bool) -> String {
    let escape = |s: &str| {
        let s = s.replace('&', "%26").replace('#', "%23");
        if equals { s.replace('=', "%3D") } else { s }
    };
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let end = after.find(['{', '}']).unwrap_or(after.len());
        let name = &after[..end];
        if after[end..].starts_with("}}") && name.contains(['&', '#', '=']) {
            out.push_str(&escape(&rest[..start]));
            out.push_str(&rest[start..start + 2 + end + 2]);
            rest = &after[end + 2..];
        } else {
            out.push_str(&escape(&rest[..start + 1]));
            rest = &rest[start + 1..];
        }
    }
    out.push_str(&escape(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Option<Vec<String>> {
        Some(v.iter().map(|x| x.to_string()).collect())
    }

    #[test]
    fn splits_every_part() {
        let p = parse("  https://u:p@api.example.com:8080/v1/:id/x?a=1&b&=c#top");
        assert_eq!(
            p.raw,
            "https://u:p@api.example.com:8080/v1/:id/x?a=1&b&=c#top"
        );
        assert_eq!(p.protocol.as_deref(), Some("https"));
        assert_eq!(p.auth, Some(("u".into(), Some("p".into()))));
        assert_eq!(p.host, s(&["api", "example", "com"]));
        assert_eq!(p.port.as_deref(), Some("8080"));
        assert_eq!(p.path, s(&["v1", ":id", "x"]));
        let q = p.query.unwrap();
        assert_eq!(q[0], (Some("a".into()), Some("1".into())));
        assert_eq!(q[1], (Some("b".into()), None));
        assert_eq!(q[2], (Some(String::new()), Some("c".into())));
        assert_eq!(p.hash.as_deref(), Some("top"));
        assert_eq!(p.variables, ["id"]);
    }

    #[test]
    fn variables_with_reserved_characters_stay_whole() {
        let p = parse("{{base.url}}/{{a/b}}/c?x={{q&r}}&y={{plain}}");
        assert_eq!(p.protocol, None);
        assert_eq!(p.host, s(&["{{base.url}}"]));
        assert_eq!(p.path, s(&["{{a/b}}", "c"]));
        let q = p.query.unwrap();
        assert_eq!(q[0], (Some("x".into()), Some("{{q&r}}".into())));
        assert_eq!(q[1], (Some("y".into()), Some("{{plain}}".into())));
        let p = parse("{{base}}:{{port}}/get");
        assert_eq!(p.host, s(&["{{base}}"]));
        assert_eq!(p.port.as_deref(), Some("{{port}}"));
    }

    #[test]
    fn odd_urls() {
        assert_eq!(parse(""), Parsed::default());
        let p = parse("http:\\\\h\\a\\b");
        assert_eq!((p.host, p.path), (s(&["h"]), s(&["a", "b"])));
        let p = parse("[::1]:80/");
        assert_eq!(
            (p.host, p.port, p.path),
            (s(&["[::1]"]), Some("80".into()), s(&[""]))
        );
        let p = parse("{{a}}{{b.c}}/{{d");
        assert_eq!(p.host, s(&["{{a}}{{b.c}}"]));
        assert_eq!(p.path, s(&["{{d"]));
    }

    #[test]
    fn unparse_escapes_outside_tokens() {
        let url = serde_json::json!({
            "protocol": "http", "host": ["h"], "path": ["a"],
            "query": [{"key": "k=", "value": "a&b"}, {"key": "t", "value": "{{x&y}}"},
                      {"key": "off", "value": "1", "disabled": true}, {"key": "n", "value": null}]
        });
        assert_eq!(
            unparse(url.as_object().unwrap()),
            "http://h/a?k%3D=a%26b&t={{x&y}}&n"
        );
    }
}
