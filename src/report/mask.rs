//! Masking secrets in everything a reporter writes.
//!
//! Secret values (environment / globals entries of type `secret`, and any
//! value taken from them after substitution) are replaced wherever they
//! appear; headers that carry credentials are masked whole; token-looking
//! fields of JSON and form bodies (`access_token`, `password`, …) are masked
//! and their values learnt, so an issued token stays hidden when a later
//! request carries it in a URL, a body or an echoed header. Every reporter
//! owns a [`Masker`] and feeds it the secrets each event carries.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::http::{Exchange, Header};

/// Collects, while a JSON document is read, the string values of
/// token-looking fields at any depth (`secret`: the value being read is one).
struct SecretStrings<'a> {
    secret: bool,
    found: &'a mut Vec<String>,
}

impl SecretStrings<'_> {
    fn nested(&mut self, secret: bool) -> SecretStrings<'_> {
        SecretStrings {
            secret,
            found: self.found,
        }
    }
}

impl<'de> DeserializeSeed<'de> for SecretStrings<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SecretStrings<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, s: &str) -> Result<(), E> {
        if self.secret {
            self.found.push(s.to_owned());
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(self.nested(false))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            map.next_value_seed(self.nested(is_secret_field(&key)))?;
        }
        Ok(())
    }
}

/// What replaces a secret.
pub const MASK: &str = "********";

/// Headers whose values are always masked.
const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
];

/// Body fields (JSON keys, form names, query parameters) whose values are
/// masked: the fields of OAuth / OIDC token responses and credential forms.
const SECRET_FIELDS: &[&str] = &[
    "access_token",
    "refresh_token",
    "id_token",
    "client_secret",
    "secret",
    "password",
    "token",
];

/// Values shorter than this are not masked as free text: they would hide
/// unrelated text everywhere. Fields and headers are masked whatever their length.
const MIN_SECRET_LEN: usize = 3;

/// Cookie values shorter than this are not learnt as secrets.
const MIN_COOKIE_LEN: usize = 8;

/// Whether a JSON key, form field or query parameter holds a credential.
pub fn is_secret_field(name: &str) -> bool {
    SECRET_FIELDS.iter().any(|f| name.eq_ignore_ascii_case(f))
        || SECRET_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h))
}

/// Whether a header carries credentials.
pub fn is_secret_header(name: &str) -> bool {
    SECRET_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h))
}

/// Replaces known secret values in text, headers, bodies and JSON.
#[derive(Debug, Clone, Default)]
pub struct Masker {
    secrets: Vec<String>,
    enabled: bool,
    omit: super::omit::Omit,
}

impl Masker {
    /// A masker; `enabled: false` is `--no-mask`.
    pub fn new(enabled: bool) -> Self {
        Masker {
            secrets: Vec::new(),
            enabled,
            omit: super::omit::Omit::default(),
        }
    }

    /// This masker, leaving out of records what `omit` names (the
    /// `--reporter-*-omit*` options).
    pub fn with_omit(mut self, omit: super::omit::Omit) -> Self {
        self.omit = omit;
        self
    }

    /// What records made with this masker leave out.
    pub fn omit(&self) -> super::omit::Omit {
        self.omit
    }

    /// Whether masking is on (it is, unless `--no-mask`).
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Learns secret values (longest first, so a secret inside another is not half-masked).
    pub fn learn(&mut self, secrets: &[String]) {
        for s in secrets {
            self.learn_one(s);
        }
    }

    fn learn_one(&mut self, secret: &str) {
        let secret = secret.trim();
        if secret.len() < MIN_SECRET_LEN
            || secret == MASK
            || self.secrets.iter().any(|s| s == secret)
        {
            return;
        }
        let at = self
            .secrets
            .iter()
            .position(|s| s.len() < secret.len())
            .unwrap_or(self.secrets.len());
        self.secrets.insert(at, secret.to_owned());
    }

    /// Learns the credentials an exchange carries: values of secret headers
    /// (and cookie values), token-looking fields of the request and response
    /// bodies and query parameters.
    pub fn learn_exchange(&mut self, exchange: &Exchange) {
        if !self.enabled {
            return;
        }
        self.learn_url(&exchange.request.url);
        self.learn_headers(&exchange.request.headers);
        self.learn_body(&exchange.request.body);
        if let Ok(resp) = &exchange.response {
            self.learn_headers(&resp.headers);
            self.learn_body(&String::from_utf8_lossy(&resp.body));
        }
    }

    fn learn_headers(&mut self, headers: &[Header]) {
        for (name, value) in headers {
            if !is_secret_header(name) {
                continue;
            }
            if name.to_ascii_lowercase().contains("cookie") {
                // `a=1; b=2` or `sid=xyz; Path=/; HttpOnly`: the values are the secrets.
                let pairs: Vec<&str> = value.split(';').collect();
                let cookies = if name.eq_ignore_ascii_case("set-cookie") {
                    &pairs[..pairs.len().min(1)]
                } else {
                    &pairs[..]
                };
                for pair in cookies {
                    // Session ids are long; `theme=dark` would mask "dark" everywhere.
                    if let Some((_, v)) = pair.split_once('=')
                        && v.trim().len() >= MIN_COOKIE_LEN
                    {
                        self.learn_one(v);
                    }
                }
            } else {
                // `Bearer abc`, `Basic xyz`: the credential after the scheme.
                let credential = value.split_once(' ').map_or(value.as_str(), |(_, c)| c);
                self.learn_one(credential);
            }
        }
    }

    fn learn_url(&mut self, url: &str) {
        if let Some((_, query)) = url.split_once('?') {
            self.learn_form(query);
        }
        // `https://user:password@host/`: the password, as written and decoded.
        if let Some(password) = url::Url::parse(url).ok().and_then(|u| {
            u.password().map(|p| {
                let decoded = percent_encoding::percent_decode_str(p).decode_utf8_lossy();
                (p.to_owned(), decoded.into_owned())
            })
        }) {
            self.learn_one(&password.0);
            self.learn_one(&password.1);
        }
    }

    fn learn_form(&mut self, form: &str) {
        for (k, v) in url::form_urlencoded::parse(form.as_bytes()) {
            if is_secret_field(&k) {
                self.learn_one(&v);
            }
        }
    }

    /// Learns the values of token-looking fields of a JSON or form body.
    /// The JSON is scanned, not built: a large body costs its nesting
    /// depth, not many times its size.
    pub fn learn_body(&mut self, body: &str) {
        if !self.enabled || body.is_empty() {
            return;
        }
        let mut found = Vec::new();
        let mut json = serde_json::Deserializer::from_str(body);
        let scanned = SecretStrings {
            secret: false,
            found: &mut found,
        }
        .deserialize(&mut json)
        .and_then(|()| json.end());
        match scanned {
            Ok(()) => found.iter().for_each(|s| self.learn_one(s)),
            Err(_) if !body.contains('\n') && body.contains('=') => self.learn_form(body),
            Err(_) => {}
        }
    }

    /// `text` with every known secret replaced.
    pub fn text(&self, text: &str) -> String {
        if !self.enabled || self.secrets.is_empty() {
            return text.to_owned();
        }
        let mut out = text.to_owned();
        for s in &self.secrets {
            if out.contains(s.as_str()) {
                out = out.replace(s.as_str(), MASK);
            }
        }
        out
    }

    /// A header value, masked whole when the header carries credentials.
    pub fn header(&self, name: &str, value: &str) -> String {
        if self.enabled && is_secret_header(name) {
            MASK.to_owned()
        } else {
            self.text(value)
        }
    }

    /// Every header, masked.
    pub fn headers(&self, headers: &[Header]) -> Vec<Header> {
        headers
            .iter()
            .map(|(k, v)| (k.clone(), self.header(k, v)))
            .collect()
    }

    /// A body for a report: known secrets replaced, and token-looking JSON
    /// fields masked even when their value was too short to learn. The text
    /// keeps its formatting unless a field had to be masked structurally.
    pub fn body(&self, body: &str) -> String {
        let masked = self.text(body);
        if !self.enabled {
            return masked;
        }
        let trimmed = masked.trim_start();
        if !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
            return masked;
        }
        let Ok(mut value) = serde_json::from_str::<Value>(&masked) else {
            return masked;
        };
        if mask_fields(&mut value) {
            serde_json::to_string_pretty(&value).unwrap_or(masked)
        } else {
            masked
        }
    }

    /// Masks a JSON document in place: known secrets in every string,
    /// token-looking fields, and Postman key/value entries (headers, auth
    /// parameters, variables) whose key is a credential or whose `type` is
    /// `secret`.
    pub fn json(&self, value: &mut Value) {
        if !self.enabled {
            return;
        }
        match value {
            Value::String(s) => {
                if !self.secrets.is_empty() {
                    *s = self.text(s);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.json(v)),
            Value::Object(map) => {
                if is_secret_entry(map)
                    && let Some(v) = map.get_mut("value")
                {
                    *v = Value::String(MASK.to_owned());
                }
                for (k, v) in map.iter_mut() {
                    if is_secret_field(k) && !v.is_null() {
                        *v = Value::String(MASK.to_owned());
                    } else {
                        self.json(v);
                    }
                }
            }
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }
}

/// `{"key": "Authorization", "value": …}`, `{"key": "password", …}` or
/// `{"key": …, "value": …, "type": "secret"}`.
fn is_secret_entry(map: &serde_json::Map<String, Value>) -> bool {
    if !map.contains_key("value") {
        return false;
    }
    let key_is_secret = map
        .get("key")
        .and_then(Value::as_str)
        .is_some_and(is_secret_field);
    let typed_secret = map.get("type").and_then(Value::as_str) == Some("secret");
    key_is_secret || typed_secret
}

/// Masks token-looking fields not masked yet; true when something changed.
fn mask_fields(value: &mut Value) -> bool {
    match value {
        Value::Object(map) => {
            let mut changed = false;
            for (k, v) in map.iter_mut() {
                if is_secret_field(k) {
                    if v.as_str() != Some(MASK) && !v.is_null() {
                        *v = Value::String(MASK.to_owned());
                        changed = true;
                    }
                } else {
                    changed |= mask_fields(v);
                }
            }
            changed
        }
        Value::Array(items) => items.iter_mut().fold(false, |c, v| mask_fields(v) | c),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::http::{ResponseData, SentRequest};

    #[test]
    fn masks_secrets_and_credential_headers() {
        let mut m = Masker::new(true);
        m.learn(&["hunter2".into(), "ab".into(), "hunter2-long".into()]);
        assert_eq!(
            m.text("p=hunter2-long&q=hunter2&r=ab"),
            "p=********&q=********&r=ab"
        );
        assert_eq!(m.header("Authorization", "Basic x"), MASK);
        assert_eq!(m.header("X-Other", "hunter2"), MASK);
        assert_eq!(m.header("X-Other", "plain"), "plain");
    }

    #[test]
    fn disabled_masks_nothing() {
        let mut m = Masker::new(false);
        m.learn(&["hunter2".into()]);
        assert_eq!(m.text("hunter2"), "hunter2");
        assert_eq!(m.header("Cookie", "a=b"), "a=b");
        assert_eq!(m.body(r#"{"password":"x"}"#), r#"{"password":"x"}"#);
    }

    #[test]
    fn learns_tokens_from_exchanges() {
        let mut m = Masker::new(true);
        let exchange = Exchange {
            request: SentRequest {
                method: "POST".into(),
                url: "https://user:p%40ss-456@h/t?client_secret=cs-123&x=1".into(),
                headers: vec![
                    ("Authorization".into(), "Bearer bear-456".into()),
                    ("Cookie".into(), "sid=cookie-789a; theme=dark".into()),
                ],
                body: "grant_type=password&password=pw-000".into(),
            },
            first_request: None,
            response: Ok(ResponseData {
                body: r#"{"access_token":"at-111","nested":{"id_token":"it-222"}}"#.into(),
                headers: vec![("Set-Cookie".into(), "s=sc-333-long; Path=/".into())],
                ..Default::default()
            }),
        };
        m.learn_exchange(&exchange);
        let text = "cs-123 bear-456 cookie-789a pw-000 at-111 it-222 sc-333-long dark Path p@ss-456 user:p%40ss-456@h";
        assert_eq!(
            m.text(text),
            "******** ******** ******** ******** ******** ******** ******** dark Path ******** user:********@h"
        );
    }

    #[test]
    fn issue15_json_bodies_are_scanned_for_tokens_at_any_depth() {
        let mut m = Masker::new(true);
        m.learn_body(
            r#"[{"items":[{"tok\u0065n":"tk-escaped"},{"name":"plain-1"}]},
                {"secret":{"password":"pw-nested","n":[1,2.5,null,true]}},{"token":42}]"#,
        );
        assert_eq!(
            m.text("tk-escaped plain-1 pw-nested 42"),
            "******** plain-1 ******** 42"
        );
        // A document that does not parse teaches nothing, as before.
        let mut m = Masker::new(true);
        m.learn_body("{\"token\":\"tk-cut-off\",\n");
        assert_eq!(m.text("tk-cut-off"), "tk-cut-off");
    }

    #[test]
    fn bodies_keep_their_format_and_mask_short_fields() {
        let mut m = Masker::new(true);
        let body = "{\n  \"token\": \"abcdef\",\n  \"id\": 1\n}";
        m.learn_body(body);
        assert_eq!(
            m.body(body),
            "{\n  \"token\": \"********\",\n  \"id\": 1\n}"
        );
        let short = r#"{"password":"ab","n":[{"secret":1}]}"#;
        let masked = m.body(short);
        assert!(
            !masked.contains("\"ab\"") && !masked.contains(": 1"),
            "{masked}"
        );
        assert_eq!(m.body("not json ab"), "not json ab");
    }

    #[test]
    fn json_masks_fields_entries_and_known_values() {
        let mut m = Masker::new(true);
        m.learn(&["s3cret".into()]);
        let mut doc = json!({
            "header": [{"key": "Authorization", "value": "Basic x"}, {"key": "X", "value": "a s3cret b"}],
            "auth": {"basic": [{"key": "password", "value": "pw"}]},
            "values": [{"key": "k", "value": "v", "type": "secret"}, {"key": "n", "value": 5}],
            "refresh_token": "r"
        });
        m.json(&mut doc);
        assert_eq!(
            doc,
            json!({
                "header": [{"key": "Authorization", "value": MASK}, {"key": "X", "value": "a ******** b"}],
                "auth": {"basic": [{"key": "password", "value": MASK}]},
                "values": [{"key": "k", "value": MASK, "type": "secret"}, {"key": "n", "value": 5}],
                "refresh_token": MASK
            })
        );
    }
}
