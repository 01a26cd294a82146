//! Capture rules: parsing the captures file and extracting values.

use std::path::Path;

use indexmap::IndexMap;
use regex::Regex;
use serde::Deserialize;
use serde_json::Value;

use crate::collection::LoadError;
use crate::http::ResponseData;
use crate::outcome::ItemRef;
use crate::variables::ScopeKind;

/// Where a captured value comes from.
#[derive(Debug, Clone)]
pub enum CaptureSource {
    /// A JSONPath over the JSON body (the first match).
    JsonPath(Box<serde_json_path::JsonPath>, String),
    /// A response header (case-insensitive).
    Header(String),
    /// The whole body text.
    Body,
    /// The status code.
    Status,
}

/// One variable to capture.
#[derive(Debug, Clone)]
pub struct CaptureRule {
    /// The variable to set.
    pub variable: String,
    /// Where the value comes from.
    pub source: CaptureSource,
    /// Narrows the value to the first group of this regex.
    pub regex: Option<Regex>,
    /// The scope the value is stored in (environment by default).
    pub scope: ScopeKind,
}

impl CaptureRule {
    /// A readable description, used as the assertion name.
    pub fn describe(&self) -> String {
        let source = match &self.source {
            CaptureSource::JsonPath(_, text) => text.clone(),
            CaptureSource::Header(h) => format!("header {h}"),
            CaptureSource::Body => "body".into(),
            CaptureSource::Status => "status".into(),
        };
        match &self.regex {
            Some(r) => format!("capture {} from {source} ~ /{}/", self.variable, r.as_str()),
            None => format!("capture {} from {source}", self.variable),
        }
    }

    /// Extracts the value from `response`, or says why it could not.
    pub fn extract(&self, response: &ResponseData) -> Result<String, String> {
        if let (Some(dropped), CaptureSource::JsonPath(..) | CaptureSource::Body) =
            (&response.dropped, &self.source)
        {
            return Err(dropped.message("to capture from it"));
        }
        let raw = match &self.source {
            CaptureSource::JsonPath(path, text) => {
                if response.body.is_empty() {
                    return Err(format!(
                        "the response body is empty, so {text} cannot apply"
                    ));
                }
                let json: Value = serde_json::from_slice(&response.body).map_err(|e| {
                    format!("the response body is not JSON ({e}), so {text} cannot apply")
                })?;
                let nodes = path.query(&json);
                let first = nodes
                    .first()
                    .ok_or_else(|| format!("{text} matched nothing in the response body"))?;
                match first {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                }
            }
            CaptureSource::Header(name) => response
                .header(name)
                .map(str::to_owned)
                .ok_or_else(|| format!("the response has no {name} header"))?,
            CaptureSource::Body => response.text(),
            CaptureSource::Status => response.status.to_string(),
        };
        match &self.regex {
            None => Ok(raw),
            Some(re) => {
                let caps = re.captures(&raw).ok_or_else(|| {
                    format!("/{}/ did not match `{}`", re.as_str(), shorten(&raw))
                })?;
                Ok(caps
                    .get(1)
                    .or_else(|| caps.get(0))
                    .map(|m| m.as_str().to_owned())
                    .unwrap_or_default())
            }
        }
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 120 {
        format!("{}…", text.chars().take(120).collect::<String>())
    } else {
        text.to_owned()
    }
}

/// All capture rules, by item selector, in file order.
#[derive(Debug, Clone, Default)]
pub struct CaptureSpec {
    entries: Vec<(String, Vec<CaptureRule>)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(default)]
    jsonpath: Option<String>,
    #[serde(default)]
    header: Option<String>,
    #[serde(default)]
    body: Option<bool>,
    #[serde(default)]
    status: Option<bool>,
    #[serde(default)]
    regex: Option<String>,
    #[serde(default)]
    scope: Option<String>,
}

const HINT: &str = "each capture is {\"jsonpath\": \"$.id\"}, {\"header\": \"Location\"}, {\"body\": true} or {\"status\": true}, optionally with \"regex\" and \"scope\"";

impl CaptureSpec {
    /// Reads a captures file.
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        let text = std::fs::read_to_string(path).map_err(|source| LoadError::Read {
            kind: "captures",
            path: path.to_owned(),
            source,
        })?;
        Self::parse(path, &text)
    }

    /// Parses captures text; `path` is only used in messages.
    pub fn parse(path: &Path, text: &str) -> Result<Self, LoadError> {
        let raw: IndexMap<String, IndexMap<String, RawRule>> =
            crate::collection::parse_json_file("captures", path, text, HINT)?;
        let mut entries = Vec::new();
        for (selector, rules) in raw {
            let mut out = Vec::new();
            for (variable, rule) in rules {
                let at = format!("{selector}.{variable}");
                out.push(compile(path, &at, variable, rule)?);
            }
            entries.push((selector, out));
        }
        Ok(CaptureSpec { entries })
    }

    /// Every rule of the file, in file order.
    pub(crate) fn all_rules(&self) -> impl Iterator<Item = &CaptureRule> {
        self.entries.iter().flat_map(|(_, rules)| rules.iter())
    }

    /// The rules that apply to `item`: selectors equal to its name, its
    /// `Folder/Item` path, or its id.
    pub fn rules_for<'a>(
        &'a self,
        item: &'a ItemRef,
    ) -> impl Iterator<Item = &'a CaptureRule> + 'a {
        let path = item.path();
        self.entries
            .iter()
            .filter(move |(sel, _)| *sel == item.name || *sel == path || *sel == item.id)
            .flat_map(|(_, rules)| rules.iter())
    }

    /// Selectors that match no item of the collection (likely typos).
    pub fn unused_selectors(&self, items: &[ItemRef]) -> Vec<String> {
        self.entries
            .iter()
            .map(|(s, _)| s)
            .filter(|s| {
                !items
                    .iter()
                    .any(|i| **s == i.name || **s == i.path() || **s == i.id)
            })
            .cloned()
            .collect()
    }
}

fn compile(
    path: &Path,
    at: &str,
    variable: String,
    rule: RawRule,
) -> Result<CaptureRule, LoadError> {
    let err = |message: String| LoadError::Shape {
        kind: "captures",
        path: path.to_owned(),
        pointer: at.to_owned(),
        message,
        hint: HINT,
    };
    let mut sources = Vec::new();
    if let Some(p) = rule.jsonpath {
        let parsed = serde_json_path::JsonPath::parse(&p)
            .map_err(|e| err(format!("invalid JSONPath `{p}`: {e}")))?;
        sources.push(CaptureSource::JsonPath(Box::new(parsed), p));
    }
    if let Some(h) = rule.header {
        sources.push(CaptureSource::Header(h));
    }
    if rule.body == Some(true) {
        sources.push(CaptureSource::Body);
    }
    if rule.status == Some(true) {
        sources.push(CaptureSource::Status);
    }
    if sources.len() != 1 {
        return Err(err(format!(
            "give exactly one source (jsonpath, header, body or status), found {}",
            sources.len()
        )));
    }
    let regex = rule
        .regex
        .map(|r| Regex::new(&r).map_err(|e| err(format!("invalid regex `{r}`: {e}"))))
        .transpose()?;
    let scope = match rule.scope.as_deref() {
        None | Some("environment") => ScopeKind::Environment,
        Some("collection") => ScopeKind::Collection,
        Some("globals") => ScopeKind::Globals,
        Some("local") => ScopeKind::Local,
        Some(other) => {
            return Err(err(format!(
                "unknown scope `{other}` (environment, collection, globals or local)"
            )));
        }
    };
    Ok(CaptureRule {
        variable,
        source: sources.remove(0),
        regex,
        scope,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    fn response() -> ResponseData {
        ResponseData {
            status: 302,
            headers: vec![("Location".into(), "https://www.example.com?code=abc123&x=1".into())],
            body: Bytes::from_static(br#"{"id":"42","_embedded":{"resources":[{"name":"x","id":"1"},{"name":"openid","id":"7"}]},"n":5}"#),
            ..Default::default()
        }
    }

    #[test]
    fn issue15_captures_from_a_dropped_body_name_the_limit() {
        let s = spec(
            r#"{"Item": {"a": {"jsonpath": "$.id"}, "b": {"body": true}, "c": {"status": true}}}"#,
        )
        .unwrap();
        let item = ItemRef {
            id: "i1".into(),
            name: "Item".into(),
            folders: vec![],
            collection: None,
        };
        let mut big = response();
        big.body = Bytes::new();
        big.dropped = Some(crate::http::DroppedBody {
            size: 3 << 20,
            sha256: String::new(),
            limit: 1 << 20,
        });
        let got: Vec<Result<String, String>> =
            s.rules_for(&item).map(|r| r.extract(&big)).collect();
        let message = "the response body (3 MiB) is larger than --max-response-size (1 MiB); \
                       raise the limit to capture from it";
        assert_eq!(
            got,
            [
                Err(message.to_owned()),
                Err(message.to_owned()),
                Ok("302".to_owned())
            ]
        );
    }

    fn spec(text: &str) -> Result<CaptureSpec, LoadError> {
        CaptureSpec::parse(Path::new("captures.json"), text)
    }

    #[test]
    fn sources_extract() {
        let s = spec(
            r#"{"Item": {
            "a": {"jsonpath": "$.id"},
            "b": {"jsonpath": "$._embedded.resources[?@.name=='openid'].id"},
            "c": {"header": "location", "regex": "code=([^&]+)"},
            "d": {"status": true},
            "e": {"jsonpath": "$.n"},
            "f": {"body": true, "regex": "\"n\":(\\d+)"}
        }}"#,
        )
        .unwrap();
        let item = ItemRef {
            id: "i1".into(),
            name: "Item".into(),
            folders: vec![],
            collection: None,
        };
        let got: Vec<(String, Result<String, String>)> = s
            .rules_for(&item)
            .map(|r| (r.variable.clone(), r.extract(&response())))
            .collect();
        let want = vec![
            ("a", "42"),
            ("b", "7"),
            ("c", "abc123"),
            ("d", "302"),
            ("e", "5"),
            ("f", "5"),
        ];
        for ((var, value), (wv, wval)) in got.iter().zip(want) {
            assert_eq!(var, wv);
            assert_eq!(value.as_deref(), Ok(wval), "{var}");
        }
    }

    #[test]
    fn misses_say_why() {
        let s = spec(r#"{"F/Item": {"a": {"jsonpath": "$.nope"}, "b": {"header": "X-None"}, "c": {"header": "Location", "regex": "flowId=(\\w+)"}}}"#).unwrap();
        let item = ItemRef {
            id: "i1".into(),
            name: "Item".into(),
            folders: vec!["F".into()],
            collection: None,
        };
        let errs: Vec<String> = s
            .rules_for(&item)
            .map(|r| r.extract(&response()).unwrap_err())
            .collect();
        assert!(errs[0].contains("$.nope matched nothing"), "{}", errs[0]);
        assert!(errs[1].contains("no X-None header"), "{}", errs[1]);
        assert!(errs[2].contains("did not match"), "{}", errs[2]);
    }

    #[test]
    fn invalid_jsonpath_names_the_entry() {
        let err = spec(r#"{"Item": {"a": {"jsonpath": "$[?bad"}}}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("captures.json"), "{err}");
        assert!(err.contains("Item.a"), "{err}");
        assert!(err.contains("invalid JSONPath"), "{err}");
    }

    #[test]
    fn exactly_one_source() {
        let err = spec(r#"{"Item": {"a": {"jsonpath": "$.id", "status": true}}}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("exactly one source"), "{err}");
        let err = spec(r#"{"Item": {"a": {"jsonpth": "$.id"}}}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("jsonpth"), "{err}");
    }

    #[test]
    fn selectors_by_id_and_unused() {
        let s =
            spec(r#"{"i9": {"a": {"status": true}}, "Typo": {"b": {"status": true}}}"#).unwrap();
        let item = ItemRef {
            id: "i9".into(),
            name: "Item".into(),
            folders: vec![],
            collection: None,
        };
        assert_eq!(s.rules_for(&item).count(), 1);
        assert_eq!(s.unused_selectors(&[item]), vec!["Typo".to_owned()]);
    }
}
