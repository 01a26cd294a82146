//! Turning a collection URL (string or object) into the URL that is sent.
//!
//! Postman resolves variables in every part, replaces `:name` path segments
//! from `url.variable`, drops disabled query parameters (but keeps the `?`
//! when an enabled one renders empty), puts `url.auth` in the user info,
//! defaults the protocol to `http`, and percent-encodes what must be encoded
//! without touching existing `%XX` escapes. The final text goes through the WHATWG
//! parser of the `url` crate, whose encode sets match Postman's URL encoder.

use crate::collection::{KeyValue, Url, UrlObject};

/// Characters of a query key or value that must be escaped when the query
/// is built from a parameter list (besides controls, space and non-ASCII).
pub(crate) const QUERY_KEY_SPECIAL: &[char] = &['"', '#', '&', '\'', '<', '=', '>'];
pub(crate) const QUERY_VALUE_SPECIAL: &[char] = &['"', '#', '&', '\'', '<', '>'];

/// Builds the URL text of `url`, resolving every part with `resolve`.
pub fn url_text(url: &Url, resolve: &dyn Fn(&str) -> String) -> String {
    match url {
        Url::Raw(raw) => resolve(raw),
        Url::Object(obj) if obj.host.is_none() => {
            let raw = with_path_variables(obj.raw.as_deref().unwrap_or(""), &obj.variable);
            resolve(&raw)
        }
        Url::Object(obj) => from_parts(obj, resolve),
    }
}

fn from_parts(obj: &UrlObject, resolve: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    if let Some(protocol) = obj.protocol.as_deref().filter(|p| !p.is_empty()) {
        out.push_str(resolve(protocol).trim_end_matches("://"));
        out.push_str("://");
    }
    if let Some(userinfo) = obj.auth.as_ref().and_then(|a| user_info(a, resolve)) {
        out.push_str(&userinfo);
        out.push('@');
    }
    let host = obj.host.as_deref().unwrap_or_default().join(".");
    out.push_str(&resolve(&host));
    if let Some(port) = obj.port.as_deref().filter(|p| !p.is_empty()) {
        out.push(':');
        out.push_str(&resolve(port));
    }
    if let Some(path) = &obj.path {
        for segment in path {
            out.push('/');
            out.push_str(&resolve(&path_segment(segment, &obj.variable)));
        }
    }
    // Any enabled parameter makes a query, even one that renders empty:
    // `[{key: null, value: null}]` is sent as `…/path?`.
    if obj.query.iter().any(|p| !p.disabled) {
        out.push('?');
        out.push_str(&query_string(&obj.query, resolve));
    }
    out
}

/// The user info of `url.auth` (`{user, password}`), percent-encoded with
/// the WHATWG userinfo set as postman-url-encoder does: `user`, `:password`
/// or `user:password`; `None` when neither is a string.
fn user_info(auth: &serde_json::Value, resolve: &dyn Fn(&str) -> String) -> Option<String> {
    const USERINFO: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'/')
        .add(b':')
        .add(b';')
        .add(b'=')
        .add(b'@')
        .add(b'[')
        .add(b'\\')
        .add(b']')
        .add(b'^')
        .add(b'|');
    let part = |name: &str| {
        auth.get(name)
            .and_then(serde_json::Value::as_str)
            .map(|v| percent_encoding::utf8_percent_encode(&resolve(v), USERINFO).to_string())
    };
    match (part("user"), part("password")) {
        (None, None) => None,
        (user, None) => user,
        (user, Some(password)) => Some(format!("{}:{password}", user.unwrap_or_default())),
    }
}

/// A `:name` segment (or `:name.suffix`) with the value of path variable
/// `name` put in, before `{{…}}` variables are resolved, as postman-collection
/// does it: the name ends at the first `.`; the last `url.variable` entry of
/// that name counts, disabled or not; only a non-empty text value (not a
/// number or boolean) replaces the
/// name, so an empty, `null` or missing value leaves `:name` in the path.
fn path_segment<'a>(segment: &'a str, variables: &[KeyValue]) -> std::borrow::Cow<'a, str> {
    let Some(rest) = segment.strip_prefix(':') else {
        return segment.into();
    };
    let name = rest.split('.').next().unwrap_or_default();
    if name.is_empty() {
        return segment.into();
    }
    let value = variables
        .iter()
        .rev()
        .find(|v| v.name() == name)
        .filter(|v| v.typed.is_none())
        .and_then(|v| v.value.as_deref())
        .filter(|v| !v.is_empty());
    match value {
        Some(value) => format!("{value}{}", &rest[name.len()..]).into(),
        None => segment.into(),
    }
}

/// Replaces `:name` path segments of a raw URL (used when the object has no parts).
fn with_path_variables(raw: &str, variables: &[KeyValue]) -> String {
    if variables.is_empty() {
        return raw.to_owned();
    }
    let (before_query, rest) = match raw.find(['?', '#']) {
        Some(i) => raw.split_at(i),
        None => (raw, ""),
    };
    let replaced: Vec<std::borrow::Cow<'_, str>> = before_query
        .split('/')
        .map(|segment| path_segment(segment, variables))
        .collect();
    format!("{}{rest}", replaced.join("/"))
}

/// `k=v&k2` from a parameter list, skipping disabled entries.
pub fn query_string(params: &[KeyValue], resolve: &dyn Fn(&str) -> String) -> String {
    params
        .iter()
        .filter(|p| !p.disabled)
        .map(|p| {
            let key = escape(&resolve(&p.key), QUERY_KEY_SPECIAL);
            match (&p.value, &p.typed) {
                (Some(v), None) => format!("{key}={}", escape(&resolve(v), QUERY_VALUE_SPECIAL)),
                // A number or boolean value is not text: the key goes alone.
                _ => key,
            }
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes controls, space, non-ASCII and `special`, keeping `%XX`.
pub(crate) fn escape(text: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_control() || c == ' ' || !c.is_ascii() || special.contains(&c) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses the final URL text, defaulting the protocol to `http://`.
pub fn parse_final(text: &str) -> Result<url::Url, String> {
    let trimmed = text.trim();
    let with_scheme = if has_scheme(trimmed) {
        trimmed.to_owned()
    } else {
        format!("http://{trimmed}")
    };
    let parsed = parse_with_known_origin(&with_scheme).and_then(|u| {
        // WHATWG accepts braces in a host; a `{{name}}` left there can only
        // be an undefined variable, so say so instead of failing DNS later.
        if u.host_str()
            .is_some_and(|h| h.contains('{') || h.contains('}'))
        {
            Err(url::ParseError::InvalidDomainCharacter)
        } else {
            Ok(u)
        }
    });
    let url = parsed.map_err(|e| {
        let unresolved = crate::variables::token_names(trimmed);
        if unresolved.is_empty() {
            format!("invalid URL `{trimmed}`: {e}")
        } else {
            format!(
                "invalid URL `{trimmed}`: {e}; the variable{} {} {} not defined: set {} in the environment, with --env-var, or in a script",
                if unresolved.len() > 1 { "s" } else { "" },
                unresolved
                    .iter()
                    .map(|n| format!("{{{{{n}}}}}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                if unresolved.len() > 1 { "are" } else { "is" },
                if unresolved.len() > 1 { "them" } else { "it" },
            )
        }
    })?;
    match url.scheme() {
        "http" | "https" => Ok(url),
        other => Err(format!(
            "invalid URL `{trimmed}`: scheme `{other}` is not supported (use http or https)"
        )),
    }
}

/// Moves a URL onto another base, keeping path and query (`--mock`).
///
/// The host part may be a real host or a variable that is not defined (a
/// leading `{{apiPath}}`), which is exactly what a mock run without an
/// environment sees; either way only what follows it is kept.
pub fn rebase(text: &str, base: &str) -> String {
    let text = text.trim();
    let rest = if let Some(after) = text.strip_prefix("{{") {
        match after.find("}}") {
            Some(i) => &after[i + 2..],
            None => text,
        }
    } else {
        let without_scheme = match text.find("://") {
            Some(i) if has_scheme(text) => &text[i + 3..],
            _ => text,
        };
        match without_scheme.find(['/', '?']) {
            Some(i) => &without_scheme[i..],
            None => "",
        }
    };
    let rest = if rest.is_empty() || rest.starts_with('/') || rest.starts_with('?') {
        rest.to_owned()
    } else {
        format!("/{rest}")
    };
    format!("{}{rest}", base.trim_end_matches('/'))
}

thread_local! {
    /// The origin (`http://host:port`) of the last URL parsed, as written,
    /// and its parse.
    static LAST_ORIGIN: std::cell::RefCell<Option<(String, url::Url)>> =
        const { std::cell::RefCell::new(None) };
}

/// `Url::parse(text)`, reusing the parse of the origin when it is the same
/// text as the last URL's. Most of a parse is the host (IDNA processing,
/// ~6 k instructions, most of it even for `127.0.0.1`), and a run's URLs
/// mostly share one: the rest is then parsed relative to the origin's URL,
/// which gives the same URL when the origin is a plain `http(s)://host[:port]`
/// and the rest an absolute path that does not start with a second slash.
/// Anything else is parsed whole.
fn parse_with_known_origin(text: &str) -> Result<url::Url, url::ParseError> {
    let Some((origin, rest)) = split_plain_origin(text) else {
        return url::Url::parse(text);
    };
    LAST_ORIGIN.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((known, base)) = last.as_ref()
            && known == origin
        {
            return url::Url::options().base_url(Some(base)).parse(rest);
        }
        let url = url::Url::parse(text)?;
        if let Ok(base) = url::Url::parse(origin) {
            *last = Some((origin.to_owned(), base));
        }
        Ok(url)
    })
}

/// `text` split as `http(s)://host[:port]` and a path that starts with one
/// `/`, when the host and port are letters, digits, `.`, `-` and `:` alone
/// and the rest has no tab or newline.
fn split_plain_origin(text: &str) -> Option<(&str, &str)> {
    let after = text
        .strip_prefix("http://")
        .or_else(|| text.strip_prefix("https://"))?;
    let end = after.find('/')?;
    let authority = &after[..end];
    let plain = !authority.is_empty()
        && authority
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'));
    let split = text.len() - after.len() + end;
    let (origin, rest) = text.split_at(split);
    // The parser drops tabs and newlines anywhere, so `/\t/x` would start
    // with two slashes once they are gone.
    let one_slash = !rest[1..].starts_with(['/', '\\']) && !rest.contains(['\t', '\n', '\r']);
    (plain && one_slash).then_some((origin, rest))
}

fn has_scheme(text: &str) -> bool {
    match text.find("://") {
        Some(i) => text[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')),
        None => false,
    }
}

#[cfg(test)]
#[allow(clippy::type_complexity)] // test tables
mod tests {
    use super::*;
    use serde_json::json;

    fn resolve_with(vars: &[(&str, &str)]) -> impl Fn(&str) -> String {
        let scopes = {
            let mut s = crate::variables::Scopes::default();
            for (k, v) in vars {
                s.environment.set(*k, json!(v));
            }
            s
        };
        move |t: &str| scopes.resolve(t)
    }

    #[test]
    fn a_known_origin_parses_the_same_as_a_whole_url() {
        let urls = [
            "http://127.0.0.1:8080/items/1",
            "http://127.0.0.1:8080/items/2?a=b c&d=%zz#frag",
            "http://127.0.0.1:8080/a/../b/./c/%2e%2E/d",
            "http://127.0.0.1:8080/a\\b\\..\\c",
            "http://127.0.0.1:8080/\t/x\ny",
            "http://127.0.0.1:8080/x\u{1}",
            "http://127.0.0.1:8080/é/ü?ö=ä",
            "http://127.0.0.1:8080//double",
            "http://127.0.0.1:8080/\\back",
            "http://127.0.0.1:8080/{{undefined}}/x",
            "http://127.0.0.1:80/default-port",
            "http://127.0.0.1:0080/leading-zero-port",
            "http://127.0.0.1:99999/bad-port",
            "http://127.0.0.1:99999/bad-port-again",
            "http://127.1/short-ipv4",
            "http://0x7f.1/hex-ipv4",
            "http://API.Example.COM/Upper",
            "http://API.Example.COM/Upper/again",
            "https://api.example.com/v1/users?id=1",
            "https://api.example.com:443/v1/users?id=2",
            "https://api.example.com:443/v1/x",
            "http://xn--nxasmq6b.com/idna",
            "http://a..b/empty-label",
            "http://-a-.b/hyphens",
            "http://1.2.3.4.5/not-ipv4",
            "http://1.2.3.256/bad-ipv4",
            "http://localhost/",
            "http://localhost/?",
            "http://user:pw@localhost/userinfo",
            "http://[::1]:8080/ipv6",
            "http://exa%41mple.com/percent",
            "http://127.0.0.1:8080",
            "http://127.0.0.1:8080?q",
        ];
        // Twice over, so that each URL is parsed both with its origin new
        // and with it known; and each after every other.
        for text in urls.iter().chain(urls.iter()) {
            let whole = url::Url::parse(text).map(|u| u.to_string());
            let known = parse_with_known_origin(text).map(|u| u.to_string());
            assert_eq!(known, whole, "{text}");
            let again = parse_with_known_origin(text).map(|u| u.to_string());
            assert_eq!(again, whole, "{text}, its origin known");
        }
        assert_eq!(
            split_plain_origin("http://127.0.0.1:8080/a?b"),
            Some(("http://127.0.0.1:8080", "/a?b"))
        );
        assert_eq!(split_plain_origin("http://127.0.0.1:8080//a"), None);
        assert_eq!(split_plain_origin("http://u@h/a"), None);
        assert_eq!(split_plain_origin("ftp://h/a"), None);
        assert_eq!(split_plain_origin("http:///a"), None);
    }

    #[test]
    fn a_known_origin_parses_the_same_for_every_short_path() {
        // Every path of up to four characters from an alphabet of the
        // parser's special cases, after the origin is known.
        const ALPHABET: [char; 16] = [
            '/', '\\', '.', '%', '2', 'e', '?', '#', '\t', '\n', ' ', '@', ':', '[', 'é', '\u{1}',
        ];
        let origin = "http://127.0.0.1:8080";
        parse_with_known_origin(&format!("{origin}/")).unwrap();
        let mut path = String::new();
        let mut tried = 0;
        for n in 0..16usize.pow(4) {
            path.clear();
            path.push('/');
            let mut k = n;
            for _ in 0..4 {
                path.push(ALPHABET[k % 16]);
                k /= 16;
                if k == 0 {
                    break;
                }
            }
            let text = format!("{origin}{path}");
            let whole = url::Url::parse(&text).map(|u| u.to_string());
            assert_eq!(
                parse_with_known_origin(&text).map(|u| u.to_string()),
                whole,
                "{text:?}"
            );
            tried += 1;
        }
        assert_eq!(tried, 65536);
    }

    fn final_url(url: serde_json::Value, vars: &[(&str, &str)]) -> String {
        let url: Url = serde_json::from_value(url).unwrap();
        let text = url_text(&url, &resolve_with(vars));
        parse_final(&text)
            .map(|u| u.to_string())
            .unwrap_or_else(|e| e)
    }

    #[test]
    fn table() {
        let cases: Vec<(serde_json::Value, &[(&str, &str)], &str)> = vec![
            (json!("http://x.test/a"), &[], "http://x.test/a"),
            (json!("x.test/a"), &[], "http://x.test/a"),
            (
                json!("{{base}}/a"),
                &[("base", "https://h.test:8443")],
                "https://h.test:8443/a",
            ),
            (
                json!("http://x.test/a b?q=a b"),
                &[],
                "http://x.test/a%20b?q=a%20b",
            ),
            (
                json!("http://x.test/%41?q=%20"),
                &[],
                "http://x.test/%41?q=%20",
            ),
            (json!("http://x.test/é"), &[], "http://x.test/%C3%A9"),
            (
                json!({"raw": "ignored", "protocol": "https", "host": ["api", "{{tld}}"], "path": ["v1", "users", ":id"],
                       "variable": [{"key": "id", "value": "{{uid}}"}],
                       "query": [{"key": "a", "value": "1"}, {"key": "off", "value": "x", "disabled": true}, {"key": "flag", "value": null}, {"key": "s", "value": "x&y=z"}]}),
                &[("tld", "test"), ("uid", "42")],
                "https://api.test/v1/users/42?a=1&flag&s=x%26y=z",
            ),
            (
                json!({"raw": "http://h.test/{{p}}/:id", "variable": [{"key": "id", "value": "7"}]}),
                &[("p", "items")],
                "http://h.test/items/7",
            ),
            (
                json!({"host": "h.test", "port": "8080", "path": "a/b"}),
                &[],
                "http://h.test:8080/a/b",
            ),
            (
                json!("http://x.test/{{missing}}"),
                &[],
                "http://x.test/%7B%7Bmissing%7D%7D",
            ),
            // issue 11: `url.auth` becomes the user info, encoded.
            (
                json!({"protocol": "http", "host": ["h", "test"], "path": ["a"],
                       "auth": {"user": "u@{{d}}", "password": "p:w /"}}),
                &[("d", "x")],
                "http://u%40x:p%3Aw%20%2F@h.test/a",
            ),
            (
                json!({"host": ["h", "test"], "auth": {"user": "u"}}),
                &[],
                "http://u@h.test/",
            ),
            (
                json!({"host": ["h", "test"], "auth": {"password": "p"}}),
                &[],
                "http://:p@h.test/",
            ),
            (
                json!({"host": ["h", "test"], "auth": {"user": 5}}),
                &[],
                "http://h.test/",
            ),
        ];
        for (url, vars, want) in cases {
            assert_eq!(final_url(url.clone(), vars), want, "url {url}");
        }
    }

    /// Issue 11: Postman puts a path variable's value in only when it is a
    /// non-empty string; the last entry of a name counts, disabled or not;
    /// an entry may be named by `id`; the name ends at the first `.`.
    #[test]
    fn issue11_path_variables() {
        let url = |variable: serde_json::Value, segment: &str| json!({"host": ["h", "test"], "path": ["a", segment, "b"], "variable": variable});
        let cases: Vec<(serde_json::Value, &str)> = vec![
            (url(json!([{"key": "id", "value": "7"}]), ":id"), "/a/7/b"),
            (url(json!([{"key": "id", "value": ""}]), ":id"), "/a/:id/b"),
            (
                url(json!([{"key": "id", "value": null}]), ":id"),
                "/a/:id/b",
            ),
            (url(json!([{"key": "id"}]), ":id"), "/a/:id/b"),
            (url(json!([]), ":id"), "/a/:id/b"),
            (
                url(
                    json!([{"key": "id", "value": "5", "disabled": true}]),
                    ":id",
                ),
                "/a/5/b",
            ),
            (url(json!([{"id": "id", "value": "9"}]), ":id"), "/a/9/b"),
            (
                url(json!([{"id": "id", "key": "", "value": "11"}]), ":id"),
                "/a/11/b",
            ),
            (
                url(json!([{"id": "other", "key": "id", "value": "10"}]), ":id"),
                "/a/10/b",
            ),
            (
                url(
                    json!([{"key": "id", "value": "first"}, {"key": "id", "value": "second", "disabled": true}]),
                    ":id",
                ),
                "/a/second/b",
            ),
            (
                url(json!([{"key": "id", "value": "3"}]), ":id.json"),
                "/a/3.json/b",
            ),
            (
                url(json!([{"key": "id", "value": "3"}]), "x:id"),
                "/a/x:id/b",
            ),
            (url(json!([{"key": "", "value": "z"}]), ":"), "/a/:/b"),
            (
                url(json!([{"key": "id", "value": "{{v}}"}]), ":id"),
                "/a/7/b",
            ),
            (
                url(json!([{"key": "id", "value": "{{empty}}"}]), ":id"),
                "/a//b",
            ),
            (
                url(json!([{"key": "id", "value": "a b/c"}]), ":id"),
                "/a/a%20b/c/b",
            ),
            (
                json!({"raw": "http://h.test/a/:id/b?q=:id", "variable": [{"key": "id", "value": "r"}]}),
                "/a/r/b?q=:id",
            ),
            (
                json!({"raw": "http://h.test/a/:id/b", "variable": [{"key": "id", "value": ""}]}),
                "/a/:id/b",
            ),
            // A number or boolean value is not put in; the last entry counts.
            (url(json!([{"key": "id", "value": 5}]), ":id"), "/a/:id/b"),
            (
                url(json!([{"key": "id", "value": true}]), ":id"),
                "/a/:id/b",
            ),
            (
                url(
                    json!([{"key": "id", "value": "x"}, {"key": "id", "value": 7}]),
                    ":id",
                ),
                "/a/:id/b",
            ),
            (
                url(
                    json!([{"key": "id", "value": 7}, {"key": "id", "value": "y"}]),
                    ":id",
                ),
                "/a/y/b",
            ),
            // A number or boolean query value sends the key alone.
            (
                json!({"host": ["h", "test"], "path": ["q"], "query": [
                    {"key": "n", "value": 5}, {"key": "b", "value": false},
                    {"key": "s", "value": "5"}, {"key": "z", "value": null}
                ]}),
                "/q?n&b&s=5&z",
            ),
        ];
        for (url, want) in cases {
            let got = final_url(url.clone(), &[("v", "7"), ("empty", "")]);
            assert_eq!(got, format!("http://h.test{want}"), "url {url}");
        }
    }

    #[test]
    fn issue11_an_enabled_parameter_keeps_the_question_mark() {
        let cases = [
            (json!([{"key": null, "value": null}]), "http://h.test/q?"),
            (json!([{"key": "", "value": null}]), "http://h.test/q?"),
            (json!([{"key": null, "value": ""}]), "http://h.test/q?="),
            (json!([{"key": "a", "value": null}]), "http://h.test/q?a"),
            (json!([{"key": "a", "value": ""}]), "http://h.test/q?a="),
            (json!([{"key": null, "value": "v"}]), "http://h.test/q?=v"),
            (
                json!([{"key": "a", "value": "1"}, {"key": null, "value": null}]),
                "http://h.test/q?a=1&",
            ),
            (
                json!([{"key": null, "value": null}, {"key": null}]),
                "http://h.test/q?&",
            ),
            (
                json!([{"key": "a", "value": "1", "disabled": true}]),
                "http://h.test/q",
            ),
            (json!([]), "http://h.test/q"),
        ];
        for (query, want) in cases {
            let url =
                json!({"protocol": "http", "host": ["h", "test"], "path": ["q"], "query": query});
            assert_eq!(final_url(url, &[]), want, "query {query}");
        }
    }

    #[test]
    fn unresolved_host_names_the_variable() {
        let msg = final_url(json!("{{apiPath}}/x"), &[]);
        assert!(msg.contains("{{apiPath}} is not defined"), "{msg}");
    }

    #[test]
    fn rebase_keeps_path_and_query() {
        let cases = [
            ("https://api.pingone.com/v1/envs/1?x=1", "/v1/envs/1?x=1"),
            (
                "{{apiPath}}/environments/{{envID}}/applications",
                "/environments/{{envID}}/applications",
            ),
            ("api.test/a", "/a"),
            ("http://h.test", ""),
            ("{{base}}?q=1", "?q=1"),
        ];
        for (input, want) in cases {
            assert_eq!(
                rebase(input, "http://127.0.0.1:9/"),
                format!("http://127.0.0.1:9{want}"),
                "{input}"
            );
        }
    }

    #[test]
    fn other_schemes_are_refused() {
        let msg = final_url(json!("ftp://x.test/a"), &[]);
        assert!(msg.contains("scheme `ftp`"), "{msg}");
    }
}
