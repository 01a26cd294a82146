//! The headers test scripts see in `pm.request`: the item's request's
//! headers as postman-runtime leaves them once the request was sent.
//! (`script::request_as_sent` makes the rest of that request: URL, body and
//! auth as sent; the item runner puts these headers in it.)
//!
//! postman-runtime keeps the request's own headers (disabled ones too,
//! resolved), lets the body and auth helpers add theirs (`Content-Type`,
//! `Authorization`, an API key …; the Content-Type of a urlencoded or
//! form-data body is written later, by postman-request, so scripts do not
//! see it), adds its system headers (`User-Agent`, `Accept`,
//! `Cache-Control`, `Postman-Token`, `Host`, `Accept-Encoding`,
//! `Connection`) unless the request has its own, and when a response comes
//! writes in the `Cookie` and `Content-Length` headers of the first request
//! sent (before any redirect).

use crate::collection::{Body, KeyValue, Request};
use crate::http::{RequestSpec, find_header};

/// System headers postman-runtime adds to the request, in its order.
const SYSTEM_HEADERS: [&str; 7] = [
    "User-Agent",
    "Accept",
    "Cache-Control",
    "Postman-Token",
    "Host",
    "Accept-Encoding",
    "Connection",
];

/// Headers postman-runtime rewrites from what was sent (`upsert`).
const OVERWRITTEN_HEADERS: [&str; 2] = ["Cookie", "Content-Length"];

/// What [`headers_as_sent`] needs.
pub(crate) struct SentView<'a> {
    /// The item's request after its pre-request scripts.
    pub request: &'a Request,
    /// The request as built (variables resolved, body and auth applied).
    pub spec: &'a RequestSpec,
    /// The headers of the first request sent (before any redirect).
    pub sent: &'a [(String, String)],
    /// Whether a response came.
    pub answered: bool,
    /// Resolves `{{variables}}` as the request was resolved.
    pub resolve: &'a dyn Fn(&str) -> String,
}

/// The headers of `pm.request` in test scripts.
pub(crate) fn headers_as_sent(view: &SentView<'_>) -> Vec<KeyValue> {
    let mut header = own_and_helper_headers(view);
    let sent = view.sent;
    for name in SYSTEM_HEADERS {
        let present = header
            .iter()
            .any(|h| !h.disabled && h.key.eq_ignore_ascii_case(name));
        if !present && let Some(value) = find_header(sent, name) {
            header.push(KeyValue::new(name, value));
        }
    }
    // Written in when the response starts: not after a failed request.
    if view.answered {
        let overwritten = sent.iter().filter(|(k, _)| {
            OVERWRITTEN_HEADERS
                .iter()
                .any(|o| k.eq_ignore_ascii_case(o))
        });
        for (name, value) in overwritten {
            upsert(&mut header, name, value);
        }
    }
    header
}

/// The request's headers, resolved, with those the body and auth helpers
/// removed left out, then the ones they added, in the order they were added.
fn own_and_helper_headers(view: &SentView<'_>) -> Vec<KeyValue> {
    let resolve = view.resolve;
    // The spec starts with the request's enabled headers; the body and
    // auth helpers then add theirs, or remove one to add it again.
    let mut added = view.spec.headers.clone();
    let mut out = Vec::new();
    for h in &view.request.header {
        let resolved = KeyValue {
            key: resolve(&h.key),
            value: h.value.as_deref().map(resolve),
            ..h.clone()
        };
        if h.disabled || h.key.is_empty() {
            out.push(resolved);
            continue;
        }
        let kept = added
            .iter()
            .position(|(k, v)| *k == resolved.key && v == resolved.value_str());
        if let Some(at) = kept {
            added.remove(at);
            out.push(resolved);
        }
    }
    // postman-request writes the Content-Type of a urlencoded or form-data
    // body itself: the request postman-runtime keeps has none. The body
    // helper adds the Content-Type of other bodies after the auth helper
    // has run, but for a raw JSON body, whose type is added before auth.
    let body = view.request.body.as_ref();
    let mode = body.and_then(|b| b.mode.as_deref());
    let form = matches!(mode, Some("urlencoded" | "formdata"));
    let json_first = mode == Some("raw") && body.and_then(Body::raw_language) == Some("json");
    if !json_first && added.len() > 1 && added[0].0.eq_ignore_ascii_case("content-type") {
        let body_type = added.remove(0);
        added.push(body_type);
    }
    out.extend(
        added
            .into_iter()
            .filter(|(k, _)| !(form && k.eq_ignore_ascii_case("content-type")))
            .map(|(k, v)| KeyValue::new(k, v)),
    );
    out
}

/// Sets header `name` as postman-collection's `HeaderList.upsert` does:
/// one header of that name is updated in place; several are replaced by
/// one at the end; none gets one at the end.
fn upsert(headers: &mut Vec<KeyValue>, name: &str, value: &str) {
    let same = |h: &KeyValue| h.key.eq_ignore_ascii_case(name);
    match headers.iter().filter(|h| same(h)).count() {
        1 => {
            if let Some(h) = headers.iter_mut().find(|h| same(h)) {
                *h = KeyValue::new(name, value);
            }
        }
        _ => {
            headers.retain(|h| !same(h));
            headers.push(KeyValue::new(name, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{Exchange, SentRequest, find_header};
    use serde_json::json;

    fn headers(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn sent(list: &[(&str, &str)]) -> SentRequest {
        SentRequest {
            method: "POST".into(),
            url: "http://h.test/a?q=V".into(),
            headers: headers(list),
            body: String::new(),
        }
    }

    fn pairs(header: &[KeyValue]) -> Vec<(String, String, bool)> {
        header
            .iter()
            .map(|h| (h.key.clone(), h.value_str().to_owned(), h.disabled))
            .collect()
    }

    #[test]
    fn issue11_tests_see_the_headers_added_when_sending() {
        let request: Request = serde_json::from_value(json!({
            "method": "POST", "url": "{{base}}/a?q={{v}}",
            "header": [
                {"key": "X-User", "value": "{{v}}"},
                {"key": "x-off", "value": "{{v}}", "disabled": true},
                {"key": "authorization", "value": "mine"},
                {"key": "Cookie", "value": "own=1"}
            ],
            "body": {"mode": "raw", "raw": "{\"a\": \"{{v}}\"}"}
        }))
        .unwrap();
        // The request as built: the bearer helper took `authorization` out.
        let spec = RequestSpec {
            method: "POST".into(),
            url: "http://h.test/a?q=V".into(),
            headers: headers(&[
                ("X-User", "V"),
                ("Cookie", "own=1"),
                ("Content-Type", "text/plain"),
                ("Authorization", "Bearer t-V"),
            ]),
            ..RequestSpec::default()
        };
        let first = sent(&[
            ("X-User", "V"),
            ("User-Agent", "courier/x"),
            ("Accept", "*/*"),
            ("Host", "h.test"),
            ("Cookie", "own=1; jar=2"),
            ("Content-Length", "10"),
        ]);
        let mut exchange = Exchange {
            request: sent(&[("Content-Length", "99")]),
            first_request: Some(first),
            response: Ok(crate::http::ResponseData::default()),
        };
        let resolve = |t: &str| t.replace("{{v}}", "V");
        let view = headers_as_sent(&SentView {
            request: &request,
            spec: &spec,
            sent: &exchange.initial_request().headers,
            answered: exchange.response.is_ok(),
            resolve: &resolve,
        });
        let own = |k: &str, v: &str| (k.to_owned(), v.to_owned(), false);
        assert_eq!(
            pairs(&view),
            [
                own("X-User", "V"),
                ("x-off".to_owned(), "V".to_owned(), true),
                own("Cookie", "own=1; jar=2"),
                // A raw body that is not JSON gets its type after auth.
                own("Authorization", "Bearer t-V"),
                own("Content-Type", "text/plain"),
                own("User-Agent", "courier/x"),
                own("Accept", "*/*"),
                own("Host", "h.test"),
                own("Content-Length", "10"),
            ]
        );

        // No response: nothing is written in from what was sent.
        exchange.response = Err(crate::http::HttpError {
            kind: crate::http::HttpErrorKind::Connect,
            message: String::new(),
        });
        let view = headers_as_sent(&SentView {
            request: &request,
            spec: &spec,
            sent: &exchange.initial_request().headers,
            answered: exchange.response.is_ok(),
            resolve: &resolve,
        });
        assert_eq!(find_header(&to_pairs(&view), "cookie"), Some("own=1"));
        assert_eq!(find_header(&to_pairs(&view), "content-length"), None);
    }

    #[test]
    fn a_form_body_type_is_not_seen() {
        let request: Request = serde_json::from_value(json!({
            "method": "PUT", "url": "http://h.test/b",
            "body": {"mode": "urlencoded", "urlencoded": [{"key": "k", "value": "{{v}}"}]}
        }))
        .unwrap();
        let spec = RequestSpec {
            method: "PUT".into(),
            url: "http://h.test/b".into(),
            headers: headers(&[("Content-Type", "application/x-www-form-urlencoded")]),
            ..RequestSpec::default()
        };
        let exchange = Exchange {
            request: sent(&[("Content-Length", "4")]),
            first_request: None,
            response: Ok(crate::http::ResponseData::default()),
        };
        let resolve = |t: &str| t.replace("{{v}}", "V");
        let view = headers_as_sent(&SentView {
            request: &request,
            spec: &spec,
            sent: &exchange.initial_request().headers,
            answered: exchange.response.is_ok(),
            resolve: &resolve,
        });
        assert_eq!(
            pairs(&view),
            [("Content-Length".to_owned(), "4".to_owned(), false)]
        );
    }

    #[test]
    fn upsert_follows_header_list_rules() {
        let mut list = vec![KeyValue::new("a", "1"), KeyValue::new("C", "x")];
        upsert(&mut list, "c", "2");
        assert_eq!(find_header(&to_pairs(&list), "c"), Some("2"));
        assert_eq!(list[1].key, "c");
        list.push(KeyValue::new("c", "3"));
        upsert(&mut list, "C", "4");
        assert_eq!(to_pairs(&list), headers(&[("a", "1"), ("C", "4")]));
    }

    fn to_pairs(list: &[KeyValue]) -> Vec<(String, String)> {
        list.iter()
            .map(|h| (h.key.clone(), h.value_str().to_owned()))
            .collect()
    }
}
