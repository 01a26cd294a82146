//! Choosing the saved example that answers a mock request.

use crate::collection::{Collection, Item, KeyValue, Request, SavedResponse, Url};
use crate::variables::Scopes;

/// One path segment of an example URL.
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(String),
    /// Made only of `{{variables}}`: any segment, or none, since a variable
    /// that is empty in the run's environment leaves an empty segment
    /// (`{{authPath}}/{{envID}}/as/token` becomes `//as/token`).
    Variable,
    /// A `:param`, or a segment mixing text and variables: any one segment.
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
        // Empty segments are kept: an empty variable may stand there.
        let path: Vec<String> = request
            .path
            .strip_prefix('/')
            .unwrap_or(request.path)
            .split('/')
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
            .filter(|e| wanted_name.is_none_or(|n| n == e.name))
            .filter(|e| wanted_code.is_none_or(|c| c == e.code))
            .filter_map(|e| {
                let cost = path_cost(e, &path)?;
                Some((score(e, &query, request.headers, &form, &body) - cost, e))
            })
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

/// Whether the example's path matches `path`, and at what cost: one for
/// each variable segment that stands for no segment and each empty request
/// segment left over (`a//b`, a trailing `/`), so an exact match wins. A
/// variable base (`{{apiPath}}/…`) may stand for any leading segments.
///
/// Two rows of the table are kept, not the whole of it: a request path and
/// an example path of thousands of segments each would otherwise take
/// gigabytes.
fn path_cost(e: &Example, path: &[String]) -> Option<i64> {
    let segments = &e.segments;
    let (n, m) = (segments.len(), path.len());
    // Each example segment takes at most one request segment; only empty
    // request segments can be left over.
    if !e.open_base && path.iter().filter(|p| !p.is_empty()).count() > n {
        return None;
    }
    // next[j]: matching segments[i + 1..] with path[j..]; filled backwards.
    let mut next = vec![None::<i64>; m + 1];
    next[m] = Some(0);
    for j in (0..m).rev() {
        next[j] = next[j + 1].filter(|_| path[j].is_empty()).map(|c| c + 1);
    }
    let mut cur = vec![None::<i64>; m + 1];
    for segment in segments.iter().rev() {
        for j in (0..=m).rev() {
            let one = path.get(j).and_then(|actual| {
                let fits = match segment {
                    Segment::Literal(l) => l == actual,
                    Segment::Variable => true,
                    Segment::Wildcard => !actual.is_empty(),
                };
                next[j + 1].filter(|_| fits)
            });
            let none = next[j]
                .filter(|_| *segment == Segment::Variable)
                .map(|c| c + 1);
            let skip_empty = path
                .get(j)
                .filter(|a| a.is_empty())
                .and(cur.get(j + 1).copied().flatten())
                .map(|c| c + 1);
            cur[j] = [one, none, skip_empty].into_iter().flatten().min();
        }
        std::mem::swap(&mut cur, &mut next);
    }
    if e.open_base {
        next.iter().flatten().copied().min()
    } else {
        next[0]
    }
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
            if is_variables_only(s) {
                Segment::Variable
            } else if s.contains("{{") || s.starts_with(':') {
                Segment::Wildcard
            } else {
                Segment::Literal(s.to_owned())
            }
        })
        .collect();
    (segments, open_base, pairs(query))
}

/// Whether `segment` is one or more `{{name}}` tokens and nothing else.
fn is_variables_only(segment: &str) -> bool {
    let mut rest = segment;
    while !rest.is_empty() {
        let Some(inner) = rest.strip_prefix("{{") else {
            return false;
        };
        let Some(end) = inner.find("}}") else {
            return false;
        };
        if inner[..end].contains('{') {
            return false;
        }
        rest = &inner[end + 2..];
    }
    !segment.is_empty()
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
    fn issue11_empty_variables_still_match_their_segments() {
        let ix = index();
        // (method, path, body, expected example name)
        let cases = [
            // `{{authPath}}` and `{{envID}}` both empty.
            (
                "POST",
                "//as/token",
                "grant_type=client_credentials",
                Some("cc"),
            ),
            // `{{envID}}` empty after a base with a path of its own.
            ("GET", "/v1/environments//applications/42", "", Some("ok")),
            ("GET", "/environments//applications/42", "", Some("ok")),
            // An empty `{{envID}}` whose slash the URL lost as well.
            (
                "POST",
                "/as/token",
                "grant_type=client_credentials",
                Some("cc"),
            ),
            // `:id` is never empty (Postman leaves `:id` in the path).
            ("GET", "/environments/e/applications/", "", None),
            ("POST", "//as/other", "", None),
        ];
        for (method, path, body, want) in cases {
            let got = find(&ix, method, path, "", body, &[]).map(|e| e.name.as_str());
            assert_eq!(got, want, "{method} {path} {body}");
        }
    }

    #[test]
    fn an_exact_path_beats_an_empty_variable() {
        let c: Collection = serde_json::from_value(json!({
            "info": {"name": "m"},
            "item": [
                {"name": "one", "request": {"method": "GET", "url": "{{base}}/users/{{id}}"},
                 "response": [{"name": "one", "code": 200, "body": "one"}]},
                {"name": "all", "request": {"method": "GET", "url": "{{base}}/users"},
                 "response": [{"name": "all", "code": 200, "body": "all"}]}
            ]
        }))
        .unwrap();
        let ix = MockIndex::new(&c);
        let pick = |path: &str| find(&ix, "GET", path, "", "", &[]).map(|e| e.name.clone());
        assert_eq!(pick("/users"), Some("all".into()));
        assert_eq!(pick("/users/"), Some("one".into()));
        assert_eq!(pick("/users/7"), Some("one".into()));
        assert_eq!(pick("/api/users/7"), Some("one".into()));
        assert_eq!(pick("/users/7/x"), None);
    }

    #[test]
    fn segments_made_only_of_variables() {
        for (segment, only) in [
            ("{{a}}", true),
            ("{{a}}{{b}}", true),
            ("x{{a}}", false),
            ("{{a}}x", false),
            ("{{a", false),
            (":id", false),
            ("", false),
        ] {
            assert_eq!(is_variables_only(segment), only, "{segment}");
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

    /// A collection of one item whose example URL is `url`.
    fn one_example(url: &str) -> MockIndex {
        let c: Collection = serde_json::from_value(json!({
            "info": {"name": "long"},
            "item": [{"name": "r", "request": {"method": "GET", "url": url},
                      "response": [{"name": "e", "code": 200, "body": "x"}]}]
        }))
        .unwrap();
        MockIndex::new(&c)
    }

    /// Found by fuzzing (`fuzz/regressions/mock_matcher/`): the whole cost
    /// table of an example and a request of 8,000 segments each took 1.2 GB
    /// and 24 s; two rows are kept now, and a request with more segments
    /// than a fixed-base example has is turned away before any table.
    #[test]
    fn issue15_long_paths_match_in_two_rows() {
        let segments = vec!["a"; 800].join("/");
        let ix = one_example(&format!("http://h/{segments}"));
        let path = format!("/{segments}");
        assert!(find(&ix, "GET", &path, "", "", &[]).is_some());
        assert!(find(&ix, "GET", &format!("{path}/"), "", "", &[]).is_some());
        assert!(find(&ix, "GET", &format!("{path}/a"), "", "", &[]).is_none());
        let longer = format!("/{}", vec!["a"; 200_000].join("/"));
        assert!(find(&ix, "GET", &longer, "", "", &[]).is_none());
        // A variable base stands for any number of leading segments.
        let ix = one_example("{{base}}/a/b");
        let deep = format!("/{}/a/b", vec!["x"; 50_000].join("/"));
        assert!(find(&ix, "GET", &deep, "", "", &[]).is_some());
        assert!(find(&ix, "GET", &format!("{deep}/c"), "", "", &[]).is_none());
    }
}
