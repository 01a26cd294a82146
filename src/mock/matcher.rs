//! Choosing the saved example that answers a mock request.

use crate::collection::{Collection, Item, KeyValue, Request, SavedResponse, Url};
use crate::variables::Scopes;

/// One path segment of an example URL.
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(String),
    Wildcard,
}

/// A saved example, ready to match.
#[derive(Debug, Clone)]
pub struct Example {
    /// Example name (`x-mock-response-name`).
    pub name: String,
    method: String,
    segments: Vec<Segment>,
    /// The URL starts with a variable base (`{{apiPath}}/…`).
    open_base: bool,
    query: Vec<(String, String)>,
    request_headers: Vec<(String, String)>,
    form: Vec<(String, String)>,
    raw_body: Option<String>,
    /// Status code to answer with.
    pub code: u16,
    /// Response headers to answer with.
    pub headers: Vec<(String, String)>,
    body: String,
}

impl Example {
    /// The body, with dynamic variables given fresh values.
    pub fn render_body(&self) -> String {
        Scopes::default().resolve(&self.body)
    }
}

/// What the matcher needs of an incoming request.
pub(crate) struct MockRequest<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

/// Every example of a collection.
#[derive(Debug, Clone, Default)]
pub struct MockIndex {
    examples: Vec<Example>,
}

/// Headers not replayed: the body is served as stored, uncompressed.
const DROPPED_HEADERS: &[&str] = &[
    "content-length",
    "transfer-encoding",
    "content-encoding",
    "connection",
];

impl MockIndex {
    /// Indexes the saved examples of every request item.
    pub fn new(collection: &Collection) -> Self {
        let mut examples = Vec::new();
        collect(&collection.item, &mut examples);
        MockIndex { examples }
    }

    /// How many examples there are.
    pub fn len(&self) -> usize {
        self.examples.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.examples.is_empty()
    }

    /// The best example for `request`, if any matches.
    pub(crate) fn find(&self, request: &MockRequest<'_>) -> Option<&Example> {
        let path: Vec<String> = request
            .path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .collect();
        let wanted_name = header(request.headers, "x-mock-response-name");
        let wanted_code =
            header(request.headers, "x-mock-response-code").and_then(|c| c.parse::<u16>().ok());
        let query = pairs(request.query);
        let form = pairs(&String::from_utf8_lossy(request.body));
        let body = String::from_utf8_lossy(request.body);
        self.examples
            .iter()
            .filter(|e| e.method.eq_ignore_ascii_case(request.method))
            .filter(|e| path_matches(e, &path))
            .filter(|e| wanted_name.is_none_or(|n| n == e.name))
            .filter(|e| wanted_code.is_none_or(|c| c == e.code))
            .map(|e| (score(e, &query, request.headers, &form, &body), e))
            // max_by_key keeps the last of equals; reverse so the first example wins ties.
            .rev()
            .max_by_key(|(s, _)| *s)
            .map(|(_, e)| e)
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn pairs(text: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(text.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn path_matches(e: &Example, path: &[String]) -> bool {
    let n = e.segments.len();
    let tail = if e.open_base {
        if path.len() < n {
            return false;
        }
        &path[path.len() - n..]
    } else {
        if path.len() != n {
            return false;
        }
        path
    };
    e.segments.iter().zip(tail).all(|(seg, actual)| match seg {
        Segment::Wildcard => true,
        Segment::Literal(l) => l == actual,
    })
}

/// Agreement of query, headers and body with the example's request.
fn score(
    e: &Example,
    query: &[(String, String)],
    headers: &[(String, String)],
    form: &[(String, String)],
    body: &str,
) -> i64 {
    let literal = e
        .segments
        .iter()
        .filter(|s| matches!(s, Segment::Literal(_)))
        .count() as i64;
    let mut s = literal * 4;
    s += count_agreeing(&e.query, query) * 2;
    s += e
        .request_headers
        .iter()
        .filter(|(k, v)| header(headers, k).is_some_and(|h| h == v))
        .count() as i64;
    s += count_agreeing(&e.form, form) * 3;
    if e.raw_body
        .as_deref()
        .is_some_and(|r| r.trim() == body.trim())
    {
        s += 3;
    }
    s
}

/// Example parameters whose value the request has too (`{{…}}` values match any value);
/// a parameter present with another value counts against.
fn count_agreeing(example: &[(String, String)], actual: &[(String, String)]) -> i64 {
    example
        .iter()
        .map(|(k, v)| match actual.iter().find(|(ak, _)| ak == k) {
            Some((_, av)) if av == v || v.contains("{{") => 1,
            Some(_) => -1,
            None => 0,
        })
        .sum()
}

fn collect(items: &[Item], out: &mut Vec<Example>) {
    for item in items {
        if let Some(children) = &item.item {
            collect(children, out);
        }
        if let Some(request) = &item.request {
            for saved in &item.response {
                out.push(example(request, saved));
            }
        }
    }
}

fn example(item_request: &Request, saved: &SavedResponse) -> Example {
    let request = saved.original_request.as_ref().unwrap_or(item_request);
    let (segments, open_base, query) = url_pattern(&request.url);
    let body = request.body.as_ref();
    Example {
        name: saved.name.clone(),
        method: request.method.clone(),
        segments,
        open_base,
        query,
        request_headers: enabled(&request.header),
        form: body.map(|b| enabled(&b.urlencoded)).unwrap_or_default(),
        raw_body: body.and_then(|b| b.raw.clone()),
        code: saved.code.unwrap_or(200),
        headers: saved
            .header
            .iter()
            .filter(|h| !h.disabled)
            .filter(|h| {
                !DROPPED_HEADERS
                    .iter()
                    .any(|d| h.key.eq_ignore_ascii_case(d))
            })
            .map(|h| (h.key.clone(), h.value_str().to_owned()))
            .collect(),
        body: saved.body.clone().unwrap_or_default(),
    }
}

fn enabled(list: &[KeyValue]) -> Vec<(String, String)> {
    list.iter()
        .filter(|kv| !kv.disabled)
        .map(|kv| (kv.key.clone(), kv.value_str().to_owned()))
        .collect()
}

/// Path segments, whether the base is a variable, and the query of an example URL.
fn url_pattern(url: &Url) -> (Vec<Segment>, bool, Vec<(String, String)>) {
    let raw = match url {
        Url::Raw(r) => r.clone(),
        Url::Object(o) => match (&o.host, &o.raw) {
            (Some(host), _) => {
                let mut r = host.join(".");
                for p in o.path.iter().flatten() {
                    r.push('/');
                    r.push_str(p);
                }
                if !o.query.is_empty() {
                    r.push('?');
                    r.push_str(
                        &o.query
                            .iter()
                            .filter(|q| !q.disabled)
                            .map(|q| format!("{}={}", q.key, q.value_str()))
                            .collect::<Vec<_>>()
                            .join("&"),
                    );
                }
                r
            }
            (None, Some(raw)) => raw.clone(),
            (None, None) => String::new(),
        },
    };
    let (before_query, query) = raw.split_once('?').unwrap_or((&raw, ""));
    let open_base = before_query.trim_start().starts_with("{{");
    let without_host = crate::http::rebase(before_query, "");
    let segments = without_host
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s.contains("{{") || s.starts_with(':') {
                Segment::Wildcard
            } else {
                Segment::Literal(s.to_owned())
            }
        })
        .collect();
    (segments, open_base, pairs(query))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn index() -> MockIndex {
        let c: Collection = serde_json::from_value(json!({
            "info": {"name": "m"},
            "item": [
                {"name": "token", "request": {"method": "POST", "url": "{{authPath}}/{{envID}}/as/token"},
                 "response": [
                    {"name": "cc", "code": 200, "body": "cc", "originalRequest": {"method": "POST", "url": "{{authPath}}/{{envID}}/as/token",
                        "body": {"mode": "urlencoded", "urlencoded": [{"key": "grant_type", "value": "client_credentials"}]}}},
                    {"name": "code", "code": 200, "body": "code", "originalRequest": {"method": "POST", "url": "{{authPath}}/{{envID}}/as/token",
                        "body": {"mode": "urlencoded", "urlencoded": [{"key": "grant_type", "value": "authorization_code"}, {"key": "code", "value": "{{authCode}}"}]}}}
                 ]},
                {"name": "app", "request": {"method": "GET", "url": {"raw": "{{apiPath}}/environments/{{envID}}/applications/:id",
                    "host": ["{{apiPath}}"], "path": ["environments", "{{envID}}", "applications", ":id"]}},
                 "response": [{"name": "ok", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}, {"key": "Content-Length", "value": "99"}], "body": "{\"id\":\"{{$guid}}\"}"}]},
                {"name": "fixed", "request": {"method": "GET", "url": "https://h.test/a/b?x=1"},
                 "response": [{"name": "x1", "code": 200, "body": "x1"}, {"name": "x2", "code": 201, "body": "x2",
                    "originalRequest": {"method": "GET", "url": "https://h.test/a/b?x=2"}}]}
            ]
        }))
        .unwrap();
        MockIndex::new(&c)
    }

    fn find<'a>(
        ix: &'a MockIndex,
        method: &str,
        path: &str,
        query: &str,
        body: &str,
        headers: &[(String, String)],
    ) -> Option<&'a Example> {
        ix.find(&MockRequest {
            method,
            path,
            query,
            headers,
            body: body.as_bytes(),
        })
    }

    #[test]
    fn matching_table() {
        let ix = index();
        assert_eq!(ix.len(), 5);
        // (method, path, query, body, expected example name)
        let cases = [
            (
                "POST",
                "/env1/as/token",
                "",
                "grant_type=client_credentials",
                Some("cc"),
            ),
            (
                "POST",
                "/env1/as/token",
                "",
                "grant_type=authorization_code&code=abc",
                Some("code"),
            ),
            (
                "POST",
                "/prefix/env1/as/token",
                "",
                "grant_type=client_credentials",
                Some("cc"),
            ),
            ("GET", "/environments/e/applications/42", "", "", Some("ok")),
            (
                "GET",
                "/v1/environments/e/applications/42",
                "",
                "",
                Some("ok"),
            ),
            ("GET", "/a/b", "x=2", "", Some("x2")),
            ("GET", "/a/b", "x=1", "", Some("x1")),
            ("GET", "/z/a/b", "", "", None),
            ("DELETE", "/env1/as/token", "", "", None),
            ("GET", "/environments/e/applications", "", "", None),
        ];
        for (method, path, query, body, want) in cases {
            let got = find(&ix, method, path, query, body, &[]).map(|e| e.name.as_str());
            assert_eq!(got, want, "{method} {path}?{query} {body}");
        }
    }

    #[test]
    fn explicit_selection_headers() {
        let ix = index();
        let h = vec![("x-mock-response-code".to_owned(), "201".to_owned())];
        assert_eq!(
            find(&ix, "GET", "/a/b", "x=1", "", &h).map(|e| e.name.as_str()),
            Some("x2")
        );
        let h = vec![("X-Mock-Response-Name".to_owned(), "code".to_owned())];
        assert_eq!(
            find(&ix, "POST", "/e/as/token", "", "", &h).map(|e| e.name.as_str()),
            Some("code")
        );
    }

    #[test]
    fn bodies_get_fresh_dynamic_values_and_headers_are_filtered() {
        let ix = index();
        let e = find(&ix, "GET", "/environments/e/applications/1", "", "", &[]).unwrap();
        let (a, b) = (e.render_body(), e.render_body());
        assert_ne!(a, b);
        assert!(!a.contains("{{"));
        assert!(e.headers.iter().all(|(k, _)| k != "Content-Length"));
    }
}
