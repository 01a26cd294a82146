//! The run's cookie jar, and its file: tough-cookie's serialized JSON, as
//! Newman reads it (`--cookie-jar`) and writes it (`--export-cookie-jar`).
//!
//! Matching and expiry are `cookie_store`'s; beside each stored cookie the
//! jar keeps what tough-cookie records and `cookie_store` does not: when it
//! was created (and in what order, which is the file's order), when it was
//! last sent, whether its path was the default one, the attributes it does
//! not know (`extensions`), and `maxAge` as written. A cookie set again
//! keeps its creation time, as in tough-cookie. `client.rs` feeds the jar
//! with every `Set-Cookie` and reads it for every request.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use cookie::Cookie as RawCookie;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `version` Newman 6.2.2 writes (its tough-cookie fork).
const TOUGH_COOKIE_VERSION: &str = "tough-cookie@4.1.3-postman.1";

/// A cookie jar file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum CookieJarError {
    /// The file cannot be read.
    #[error("cannot read the cookie jar file {}", path.display())]
    Read {
        /// Its path.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not tough-cookie's serialized JSON.
    #[error("the cookie jar file {} {problem}; it should be tough-cookie's serialized JSON, as newman --export-cookie-jar writes it", path.display())]
    Invalid {
        /// Its path.
        path: PathBuf,
        /// What is wrong, with the JSON path.
        problem: String,
    },
}

/// One cookie as tough-cookie serializes it: its properties in
/// tough-cookie's order, those at their default value left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ToughCookie {
    /// The name.
    #[serde(default)]
    pub key: String,
    /// The value.
    #[serde(default)]
    pub value: String,
    /// An ISO date, or absent (`"Infinity"`: a session cookie).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<Value>,
    /// `Max-Age` in seconds, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<Value>,
    /// The domain, lower case, without a leading dot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// The path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// `Secure`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub secure: bool,
    /// `HttpOnly`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub http_only: bool,
    /// Attributes tough-cookie does not know, as written (`Priority=High`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Vec<String>>,
    /// No `Domain` attribute: sent to that host only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_only: Option<bool>,
    /// The path came from the request URL, not a `Path` attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_is_default: Option<bool>,
    /// When the jar first stored it (ISO, milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation: Option<String>,
    /// When it was last stored or sent (ISO, milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_accessed: Option<String>,
    /// `strict`, `lax` or `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_site: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// tough-cookie's serialized jar: its options, then its cookies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CookieJarFile {
    /// The library that wrote it.
    #[serde(default)]
    pub version: String,
    /// Always `MemoryCookieStore` for Newman.
    #[serde(default = "memory_store")]
    pub store_type: String,
    /// tough-cookie's option, kept as read.
    #[serde(default = "yes")]
    pub reject_public_suffixes: bool,
    /// tough-cookie's option, kept as read.
    #[serde(default)]
    pub enable_loose_mode: bool,
    /// tough-cookie's option, kept as read.
    #[serde(default = "yes")]
    pub allow_special_use_domain: bool,
    /// tough-cookie's option, kept as read.
    #[serde(default = "silent")]
    pub prefix_security: String,
    /// The cookies, oldest first.
    pub cookies: Vec<ToughCookie>,
}

fn memory_store() -> String {
    "MemoryCookieStore".into()
}
fn yes() -> bool {
    true
}
fn silent() -> String {
    "silent".into()
}

impl Default for CookieJarFile {
    /// The jar Newman starts with (postman-request's `request.jar()`).
    fn default() -> Self {
        CookieJarFile {
            version: TOUGH_COOKIE_VERSION.into(),
            store_type: memory_store(),
            reject_public_suffixes: false,
            enable_loose_mode: true,
            allow_special_use_domain: true,
            prefix_security: silent(),
            cookies: Vec::new(),
        }
    }
}

impl CookieJarFile {
    /// Reads a jar file written by Newman (or by courier).
    pub fn load(path: &Path) -> Result<Self, CookieJarError> {
        let text = std::fs::read_to_string(path).map_err(|source| CookieJarError::Read {
            path: path.to_owned(),
            source,
        })?;
        let de = &mut serde_json::Deserializer::from_str(text.trim_start_matches('\u{feff}'));
        serde_path_to_error::deserialize(de).map_err(|e| CookieJarError::Invalid {
            path: path.to_owned(),
            problem: format!("at {}: {}", e.path(), e.inner()),
        })
    }
}

/// What the jar knows of a stored cookie besides `cookie_store`.
#[derive(Debug, Clone)]
struct Record {
    cookie: ToughCookie,
    order: u64,
}

/// (domain, path, name), as `cookie_store` files a cookie.
type Key = (String, String, String);

/// The run's cookies.
#[derive(Debug, Clone, Default)]
pub(crate) struct Jar {
    store: cookie_store::CookieStore,
    records: HashMap<Key, Record>,
    next_order: u64,
    /// The options of the file read, written back on export.
    options: Option<CookieJarFile>,
}

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn key_of(c: &cookie_store::Cookie<'_>) -> Key {
    (
        String::from(&c.domain),
        c.path.to_string(),
        c.name().to_owned(),
    )
}

impl Jar {
    /// A jar holding the cookies of `file` (the ones already expired are dropped).
    pub(crate) fn from_file(file: &CookieJarFile) -> Jar {
        let mut jar = Jar {
            options: Some(CookieJarFile {
                cookies: Vec::new(),
                ..file.clone()
            }),
            ..Jar::default()
        };
        for cookie in &file.cookies {
            jar.import(cookie);
        }
        jar
    }

    fn import(&mut self, t: &ToughCookie) {
        let Some(domain) = t
            .domain
            .as_deref()
            .map(|d| d.trim_start_matches('.'))
            .filter(|d| !d.is_empty())
        else {
            return;
        };
        let path = t.path.clone().unwrap_or_else(|| "/".into());
        let Ok(url) = url::Url::parse(&format!("https://{domain}{path}")) else {
            return;
        };
        let mut raw = RawCookie::new(t.key.clone(), t.value.clone());
        raw.set_path(path);
        // tough-cookie domain-matches a cookie whose `hostOnly` is not true.
        if t.host_only != Some(true) {
            raw.set_domain(domain.to_owned());
        }
        raw.set_secure(t.secure.then_some(true));
        raw.set_http_only(t.http_only.then_some(true));
        raw.set_same_site(match t.same_site.as_deref() {
            Some("strict") => Some(cookie::SameSite::Strict),
            Some("lax") => Some(cookie::SameSite::Lax),
            Some("none") => Some(cookie::SameSite::None),
            _ => None,
        });
        if let Some(at) = expiry(t) {
            raw.set_expires(at);
        }
        let Ok(stored) = cookie_store::Cookie::try_from_raw_cookie(&raw, &url) else {
            return;
        };
        let key = key_of(&stored);
        if self.store.insert(stored.into_owned(), &url).is_ok() {
            self.next_order += 1;
            self.records.insert(
                key,
                Record {
                    cookie: t.clone(),
                    order: self.next_order,
                },
            );
        }
    }

    /// Stores the `Set-Cookie` header values of a response from `url`.
    pub(crate) fn store_response<'a>(
        &mut self,
        headers: impl Iterator<Item = &'a str>,
        url: &url::Url,
    ) {
        for header in headers {
            if let Ok(raw) = RawCookie::parse(header.to_owned()) {
                // A cookie the rules refuse is dropped, as browsers drop it.
                let _ = self.insert(&raw, url, extensions(header));
            }
        }
    }

    /// Stores one cookie as if the server at `url` had set it.
    pub(crate) fn insert(
        &mut self,
        raw: &RawCookie<'_>,
        url: &url::Url,
        extensions: Option<Vec<String>>,
    ) -> Result<(), String> {
        let stored = cookie_store::Cookie::try_from_raw_cookie(raw, url)
            .map_err(|e| e.to_string())?
            .into_owned();
        let key = key_of(&stored);
        let mut record = tough_record(&stored, extensions);
        match self.store.insert(stored, url) {
            Ok(
                cookie_store::StoreAction::Inserted | cookie_store::StoreAction::UpdatedExisting,
            ) => {
                let now = iso(Utc::now());
                let (creation, order) = match self.records.get(&key) {
                    Some(old) => (old.cookie.creation.clone(), old.order),
                    None => {
                        self.next_order += 1;
                        (Some(now.clone()), self.next_order)
                    }
                };
                record.creation = creation;
                record.last_accessed = Some(now);
                self.records.insert(
                    key,
                    Record {
                        cookie: record,
                        order,
                    },
                );
                Ok(())
            }
            Ok(cookie_store::StoreAction::ExpiredExisting) => {
                self.records.remove(&key);
                Ok(())
            }
            Err(e) => Err(e.to_string()),
        }
    }

    /// The cookies for `url` in tough-cookie's order: longest path first,
    /// then oldest first.
    fn matching(&self, url: &url::Url) -> Vec<&cookie_store::Cookie<'static>> {
        let mut found = self.store.matches(url);
        let rank = |c: &cookie_store::Cookie<'_>| {
            let record = self.records.get(&key_of(c));
            (
                std::cmp::Reverse(c.path.len()),
                record.and_then(|r| r.cookie.creation.clone()),
                record.map_or(u64::MAX, |r| r.order),
            )
        };
        found.sort_by_cached_key(|c| rank(c));
        found
    }

    /// `(name, value)` of the cookies for `url`, without marking them sent.
    pub(crate) fn values_for(&self, url: &url::Url) -> Vec<(String, String)> {
        self.matching(url)
            .into_iter()
            .map(|c| (c.name().to_owned(), c.value().to_owned()))
            .collect()
    }

    /// `name=value` of the cookies sent to `url`, now marked as sent.
    pub(crate) fn send_to(&mut self, url: &url::Url) -> Vec<String> {
        let sent: Vec<(Key, String)> = self
            .matching(url)
            .into_iter()
            .map(|c| (key_of(c), format!("{}={}", c.name(), c.value())))
            .collect();
        if sent.is_empty() {
            // Nothing sent, nothing accessed: no clock to read.
            return Vec::new();
        }
        let now = iso(Utc::now());
        sent.into_iter()
            .map(|(key, pair)| {
                if let Some(r) = self.records.get_mut(&key) {
                    r.cookie.last_accessed = Some(now.clone());
                }
                pair
            })
            .collect()
    }

    /// (domain, path, name) of the cookies for `url` named `name` (or all).
    pub(crate) fn keys_for(&self, url: &url::Url, name: Option<&str>) -> Vec<Key> {
        self.store
            .matches(url)
            .into_iter()
            .filter(|c| name.is_none_or(|n| c.name() == n))
            .map(key_of)
            .collect()
    }

    /// Removes one cookie.
    pub(crate) fn remove(&mut self, (domain, path, name): &Key) {
        self.store.remove(domain, path, name);
        self.records
            .remove(&(domain.clone(), path.clone(), name.clone()));
    }

    /// The jar as tough-cookie serializes it, oldest cookie first.
    pub(crate) fn to_file(&self) -> CookieJarFile {
        let mut cookies: Vec<(u64, ToughCookie)> = self
            .store
            .iter_unexpired()
            .map(|c| {
                let key = key_of(c);
                let (order, mut record) = match self.records.get(&key) {
                    Some(r) => (r.order, r.cookie.clone()),
                    None => (u64::MAX, tough_record(c, None)),
                };
                c.value().clone_into(&mut record.value);
                (order, record)
            })
            .collect();
        cookies.sort_by_key(|(order, _)| *order);
        let options = self.options.clone().unwrap_or_default();
        CookieJarFile {
            version: TOUGH_COOKIE_VERSION.into(),
            cookies: cookies.into_iter().map(|(_, c)| c).collect(),
            ..options
        }
    }
}

/// When an imported cookie expires: its `expires`, else `creation + maxAge`.
fn expiry(t: &ToughCookie) -> Option<cookie::time::OffsetDateTime> {
    let at =
        |d: DateTime<Utc>| cookie::time::OffsetDateTime::from_unix_timestamp(d.timestamp()).ok();
    if let Some(max_age) = t.max_age.as_ref().and_then(Value::as_f64) {
        let created = t
            .creation
            .as_deref()
            .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
            .map(|c| c.with_timezone(&Utc))
            .unwrap_or_else(Utc::now);
        return at(created + chrono::Duration::seconds(max_age as i64));
    }
    let expires = t.expires.as_ref()?.as_str()?;
    DateTime::parse_from_rfc3339(expires)
        .ok()
        .and_then(|d| at(d.with_timezone(&Utc)))
}

/// tough-cookie's record of a cookie `cookie_store` accepted.
fn tough_record(c: &cookie_store::Cookie<'_>, extensions: Option<Vec<String>>) -> ToughCookie {
    let host_only = matches!(c.domain, cookie_store::CookieDomain::HostOnly(_));
    ToughCookie {
        key: c.name().to_owned(),
        value: c.value().to_owned(),
        expires: c
            .expires_datetime()
            .and_then(|t| {
                DateTime::<Utc>::from_timestamp(
                    t.unix_timestamp(),
                    t.millisecond() as u32 * 1_000_000,
                )
            })
            .map(|t| Value::String(iso(t))),
        max_age: c.max_age().map(|d| Value::from(d.whole_seconds())),
        domain: Some(String::from(&c.domain)),
        path: Some(c.path.to_string()),
        secure: c.secure().unwrap_or(false),
        http_only: c.http_only().unwrap_or(false),
        extensions,
        host_only: Some(host_only),
        path_is_default: (!c.path.is_from_path_attr()).then_some(true),
        creation: None,
        last_accessed: None,
        same_site: c.same_site().map(|s| s.to_string().to_lowercase()),
    }
}

/// The attributes of a `Set-Cookie` value tough-cookie keeps as
/// `extensions`: those it does not know, trimmed, in order.
fn extensions(header: &str) -> Option<Vec<String>> {
    const KNOWN: [&str; 7] = [
        "expires", "max-age", "domain", "path", "secure", "httponly", "samesite",
    ];
    let found: Vec<String> = header
        .split(';')
        .skip(1)
        .map(str::trim)
        .filter(|av| !av.is_empty())
        .filter(|av| {
            let name = av.split('=').next().unwrap_or("").trim().to_lowercase();
            !KNOWN.contains(&name.as_str())
        })
        .map(str::to_owned)
        .collect();
    (!found.is_empty()).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_attributes_are_extensions() {
        assert_eq!(
            extensions("a=1; Path=/; Foo=bar; Secure; Priority=High"),
            Some(vec!["Foo=bar".to_owned(), "Priority=High".to_owned()])
        );
        assert_eq!(extensions("a=1; HttpOnly; SameSite=Lax"), None);
    }

    #[test]
    fn a_cookie_set_again_keeps_its_creation_and_place() {
        let url = url::Url::parse("http://example.com/a/b").unwrap();
        let mut jar = Jar::default();
        jar.store_response(
            ["first=1", "second=2; Path=/; Max-Age=60"].into_iter(),
            &url,
        );
        let created = jar.to_file().cookies[0].creation.clone();
        jar.store_response(["first=changed"].into_iter(), &url);
        let file = jar.to_file();
        let names: Vec<&str> = file.cookies.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(names, ["first", "second"]);
        assert_eq!(file.cookies[0].value, "changed");
        assert_eq!(file.cookies[0].creation, created);
        assert_eq!(file.cookies[0].path.as_deref(), Some("/a"));
        assert_eq!(file.cookies[0].path_is_default, Some(true));
        assert_eq!(file.cookies[1].path_is_default, None);
        assert_eq!(file.cookies[1].max_age, Some(Value::from(60)));
        assert_eq!(file.cookies[1].expires, None);
    }

    #[test]
    fn a_file_round_trips() {
        let file: CookieJarFile = serde_json::from_value(serde_json::json!({
            "version": "tough-cookie@4.1.3-postman.1",
            "storeType": "MemoryCookieStore",
            "rejectPublicSuffixes": false,
            "enableLooseMode": true,
            "allowSpecialUseDomain": true,
            "prefixSecurity": "silent",
            "cookies": [
                {"key": "b", "value": "2", "domain": "example.com", "path": "/",
                 "hostOnly": false, "creation": "2026-01-01T00:00:00.000Z",
                 "lastAccessed": "2026-01-01T00:00:00.000Z"},
                {"key": "a", "value": "1", "expires": "2099-10-21T07:28:00.000Z",
                 "domain": "example.com", "path": "/x", "secure": true, "httpOnly": true,
                 "extensions": ["Foo=bar"], "hostOnly": true,
                 "creation": "2026-01-01T00:00:01.000Z",
                 "lastAccessed": "2026-01-01T00:00:01.000Z", "sameSite": "lax"},
                {"key": "gone", "value": "0", "expires": "2000-01-01T00:00:00.000Z",
                 "domain": "example.com", "path": "/", "hostOnly": true}
            ]
        }))
        .unwrap();
        let jar = Jar::from_file(&file);
        let mut want = file.clone();
        want.cookies.pop();
        assert_eq!(jar.to_file(), want);
        let sub = url::Url::parse("https://api.example.com/x/y").unwrap();
        assert_eq!(jar.values_for(&sub), [("b".to_owned(), "2".to_owned())]);
        let host = url::Url::parse("https://example.com/x/y").unwrap();
        assert_eq!(jar.values_for(&host).len(), 2);
    }
}
