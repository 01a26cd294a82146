//! The HTML report's "copy as curl" command for one request, built from the
//! request's record: its method, final URL, headers and body are already
//! masked there, so the command shows `********` wherever the report does.

use crate::report::record::RequestRecord;

/// Quotes `s` for a POSIX shell: inside single quotes, each `'` written as
/// `'\''`.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// A `curl` command line that sends `req` again. The URL is the one the
/// page shows (an unresolved `{{name}}` readable, see
/// [`crate::report::display_url`]), so `--globoff` keeps curl from reading
/// its braces and brackets as globs. `Content-Length` is left to curl (it
/// counts the body it sends); a body cut for the report is followed by a
/// shell comment saying so.
pub fn command(req: &RequestRecord) -> String {
    let mut parts = vec!["curl --globoff".to_owned()];
    if req.method != "GET" || !req.body.text.is_empty() {
        parts.push(format!("-X {}", quote(&req.method)));
    }
    parts.push(quote(&crate::report::display_url(&req.url)));
    for (name, value) in &req.headers {
        if name.eq_ignore_ascii_case("content-length") {
            continue;
        }
        parts.push(format!("-H {}", quote(&format!("{name}: {value}"))));
    }
    if !req.body.text.is_empty() {
        parts.push(format!("--data-binary {}", quote(&req.body.text)));
    }
    let mut line = parts.join(" \\\n  ");
    if req.body.truncated {
        line.push_str(&format!(
            "\n# the body was cut for the report: {} bytes sent",
            req.body.size
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::mask::Masker;
    use crate::report::record::BodyRecord;

    fn request(method: &str, body: &str) -> RequestRecord {
        RequestRecord {
            method: method.to_owned(),
            url: "http://127.0.0.1:1/a?q=it's".to_owned(),
            headers: vec![
                ("Authorization".to_owned(), "********".to_owned()),
                ("Content-Length".to_owned(), "2".to_owned()),
            ],
            body: BodyRecord::new(body, &Masker::new(true), 1024),
        }
    }

    #[test]
    fn a_post_has_its_method_headers_and_body_quoted() {
        let c = command(&request("POST", "{\"a\":'b'}"));
        assert_eq!(
            c,
            "curl --globoff \\\n  -X 'POST' \\\n  'http://127.0.0.1:1/a?q=it'\\''s' \\\n  \
             -H 'Authorization: ********' \\\n  --data-binary '{\"a\":'\\''b'\\''}'"
        );
    }

    #[test]
    fn a_get_without_body_is_short_and_a_cut_body_says_so() {
        let c = command(&request("GET", ""));
        assert!(!c.contains("-X"), "{c}");
        assert!(!c.contains("Content-Length"), "{c}");
        let mut r = request("PUT", "x");
        r.body.truncated = true;
        r.body.size = 5000;
        assert!(command(&r).ends_with("# the body was cut for the report: 5000 bytes sent"));
        r.url = "http://h/%7B%7Bid%7D%7D/x".to_owned();
        assert!(command(&r).contains("'http://h/{{id}}/x'"));
    }
}
