//! Input files given as `http(s)://` URLs, as Newman takes them: the
//! collection, environment, globals and iteration data are downloaded
//! before the run (a size cap and a time limit), then read as the files
//! would be (`collection/` parsers, the URL naming the input in messages).
//!
//! The Postman API (`api.getpostman.com`, `api.postman.com`) gets the key
//! of `--postman-api-key` / `POSTMAN_API_KEY` (or the URL's `apikey`
//! query value, which is taken off the URL) as `X-Api-Key`, and a
//! collection or environment may be named by its Postman UID alone, as
//! Newman allows. The key appears in no message: URLs are shown with it
//! masked. Iteration data is fetched with a plain GET, as Newman fetches
//! it. Its wrappers (`{"collection": …}`, `{"environment": …}`) are
//! taken off by the parsers, as Newman's loader does.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use reqwest::header::{HeaderMap, HeaderValue, USER_AGENT};

use crate::collection::{
    Collection, Environment, IterationData, parse_collection, parse_environment,
    parse_iteration_data,
};

/// Hosts whose requests carry the API key.
const POSTMAN_API_HOSTS: &[&str] = &["api.postman.com", "api.getpostman.com"];

/// Where a bare UID is fetched from.
const POSTMAN_API_URL: &str = "https://api.postman.com";

/// For tests only: a base URL (`http://127.0.0.1:PORT`) used instead of
/// the Postman API's for bare UIDs, and whose host counts as the Postman
/// API's (gets the key). Tests never reach the internet.
pub const API_URL_OVERRIDE: &str = "COURIER_POSTMAN_API_URL";

/// The largest download accepted, in bytes.
const MAX_BYTES: usize = 256 * 1024 * 1024;

/// Time limit of one download.
const TIMEOUT: Duration = Duration::from_secs(120);

/// The collection argument downloaded and parsed, when it is remote.
pub fn collection(location: &Path, api_key: Option<&str>) -> Result<Option<Collection>> {
    let Some(d) = fetch("collection", &location.to_string_lossy(), api_key)? else {
        return Ok(None);
    };
    Ok(Some(parse_collection(Path::new(&d.label), &d.text)?))
}

/// An environment or globals argument (`kind`) downloaded and parsed,
/// when it is remote.
pub fn environment(
    kind: &'static str,
    location: &Path,
    api_key: Option<&str>,
) -> Result<Option<Environment>> {
    let Some(d) = fetch(kind, &location.to_string_lossy(), api_key)? else {
        return Ok(None);
    };
    Ok(Some(parse_environment(kind, Path::new(&d.label), &d.text)?))
}

/// The iteration data argument downloaded and parsed, when it is a URL.
pub fn iteration_data(location: &Path, api_key: Option<&str>) -> Result<Option<IterationData>> {
    let Some(d) = fetch("iteration data", &location.to_string_lossy(), api_key)? else {
        return Ok(None);
    };
    Ok(Some(parse_iteration_data(Path::new(&d.label), &d.text)?))
}

/// Newman's UID shape: owner id, a dash, a UUID.
fn is_uid(text: &str) -> bool {
    let Some((owner, uuid)) = text.split_once('-') else {
        return false;
    };
    !owner.is_empty()
        && owner.bytes().all(|b| b.is_ascii_alphanumeric())
        && uuid::Uuid::try_parse(uuid).is_ok_and(|_| {
            uuid.len() == 36 && uuid.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit())
        })
}

/// Whether `location` is downloaded rather than read from disk.
pub fn is_url(location: &str) -> bool {
    location.starts_with("http://") || location.starts_with("https://")
}

/// A downloaded input.
#[derive(Debug)]
pub struct Download {
    /// The URL as messages show it (key masked).
    pub label: String,
    /// The body as text.
    pub text: String,
}

/// `location` (a URL, or for a collection or environment a Postman UID
/// with a key given and no such file) downloaded; `None` when it is a
/// local path. `kind` (`collection`, `environment`, `globals`,
/// `iteration data`) names it in messages.
pub fn fetch(kind: &str, location: &str, api_key: Option<&str>) -> Result<Option<Download>> {
    let api_base = std::env::var(API_URL_OVERRIDE).unwrap_or_else(|_| POSTMAN_API_URL.to_owned());
    let mut key = api_key.filter(|k| !k.is_empty()).map(str::to_owned);
    let url = if is_url(location) {
        location.to_owned()
    } else if matches!(kind, "collection" | "environment")
        && key.is_some()
        && is_uid(location)
        && !std::path::Path::new(location).exists()
    {
        format!("{}/{kind}s/{location}", api_base.trim_end_matches('/'))
    } else {
        return Ok(None);
    };
    let mut url = url::Url::parse(&url)
        .with_context(|| format!("the {kind} URL {} is not a valid URL", mask_query(location)))?;
    // Newman reads iteration data with a plain GET: no key, URL untouched.
    let to_api = kind != "iteration data" && is_api_host(&url, &api_base);
    if to_api {
        take_apikey_query(&mut url, &mut key);
    } else {
        key = None;
    }
    let label = mask_query(url.as_str());
    let bytes = download(&url, key.as_deref())
        .with_context(|| format!("cannot download the {kind} from {label}"))?;
    let text = crate::collection::decode_bytes(&bytes)
        .map_err(|e| anyhow::anyhow!("the {kind} at {label}: {}", e.message()))?;
    Ok(Some(Download { label, text }))
}

fn is_api_host(url: &url::Url, api_base: &str) -> bool {
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    if POSTMAN_API_HOSTS.contains(&host.as_str()) {
        return true;
    }
    url::Url::parse(api_base).is_ok_and(|base| {
        base.host_str() == url.host_str()
            && base.port_or_known_default() == url.port_or_known_default()
    })
}

/// Moves an `apikey` query value of a Postman API URL into `key` (it wins
/// over the flag, as in Newman) and off the URL.
fn take_apikey_query(url: &mut url::Url, key: &mut Option<String>) {
    let mut from_query = None;
    let rest: Vec<(String, String)> = url
        .query_pairs()
        .filter_map(|(k, v)| {
            if k == "apikey" {
                from_query = Some(v.into_owned());
                None
            } else {
                Some((k.into_owned(), v.into_owned()))
            }
        })
        .collect();
    if let Some(k) = from_query.filter(|k| !k.is_empty()) {
        *key = Some(k);
    }
    if rest.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(rest);
    }
}

/// `url` with the value of an `apikey` query parameter masked.
fn mask_query(url: &str) -> String {
    let Ok(mut parsed) = url::Url::parse(url) else {
        return url.to_owned();
    };
    if !parsed.query_pairs().any(|(k, _)| k == "apikey") {
        return url.to_owned();
    }
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "apikey" {
                crate::report::MASK.to_owned()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    parsed.to_string()
}

/// GETs `url` (redirects followed, at most [`MAX_BYTES`], within
/// [`TIMEOUT`]); anything but 200 is an error naming the status.
fn download(url: &url::Url, key: Option<&str>) -> Result<Vec<u8>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the download")?;
    runtime.block_on(async {
        let tls = crate::http::tls_client_config(false, &[], None, true)
            .map_err(|e| anyhow::anyhow!("cannot set up TLS: {e}"))?;
        let mut headers = HeaderMap::new();
        let agent = concat!("courier/", env!("CARGO_PKG_VERSION"));
        headers.insert(USER_AGENT, HeaderValue::from_static(agent));
        if let Some(key) = key {
            let mut value = HeaderValue::from_str(key)
                .map_err(|_| anyhow::anyhow!("the Postman API key is not a valid header value"))?;
            value.set_sensitive(true);
            headers.insert("X-Api-Key", value);
        }
        // The key must not follow a redirect to another host.
        let host = url.host_str().map(str::to_owned);
        let keep_host = key.is_some();
        let redirects = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= 10 {
                attempt.error("more than 10 redirects")
            } else if keep_host && attempt.url().host_str() != host.as_deref() {
                attempt.stop()
            } else {
                attempt.follow()
            }
        });
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .redirect(redirects)
            .default_headers(headers)
            .timeout(TIMEOUT)
            .build()
            .context("cannot create the HTTP client")?;
        let mut response = client.get(url.clone()).send().await.map_err(without_url)?;
        let status = response.status();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(without_url)? {
            if body.len() + chunk.len() > MAX_BYTES {
                bail!("it is larger than {} MB", MAX_BYTES / (1024 * 1024));
            }
            body.extend_from_slice(&chunk);
        }
        if status != reqwest::StatusCode::OK {
            let reason = status.canonical_reason().unwrap_or("");
            let detail = api_error_message(&body)
                .map(|m| format!(": {m}"))
                .unwrap_or_default();
            bail!(
                "the server answered {} {reason}{detail} (expected 200 OK)",
                status.as_u16()
            );
        }
        Ok(body)
    })
}

/// The Postman API's `{"error": {"message": …}}`, as Newman shows it.
fn api_error_message(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let message = value.get("error")?.get("message")?.as_str()?;
    Some(message.chars().take(300).collect())
}

/// A reqwest error without the URL it carries (the URL is in the context,
/// masked), with its causes.
fn without_url(e: reqwest::Error) -> anyhow::Error {
    let e = e.without_url();
    let mut text = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    anyhow::anyhow!(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_as_newman_accepts_them() {
        assert!(is_uid("12345-1f0e5a7b-9c2d-4e3f-8a1b-2c3d4e5f6a7b"));
        assert!(!is_uid("1f0e5a7b-9c2d-4e3f-8a1b-2c3d4e5f6a7b"));
        assert!(!is_uid("collection.json"));
        assert!(!is_uid("12345-not-a-uuid"));
    }

    #[test]
    fn apikey_query_moves_to_the_key_and_is_masked() {
        let mut url =
            url::Url::parse("https://api.getpostman.com/collections/1?apikey=SECRET&x=1").unwrap();
        let mut key = Some("flag".to_owned());
        take_apikey_query(&mut url, &mut key);
        assert_eq!(key.as_deref(), Some("SECRET"));
        assert_eq!(url.as_str(), "https://api.getpostman.com/collections/1?x=1");
        let masked = mask_query("https://h/c?apikey=SECRET");
        assert!(
            !masked.contains("SECRET") && masked.contains("apikey="),
            "{masked}"
        );
    }

    #[test]
    fn the_key_goes_to_postman_api_hosts_only() {
        let api = url::Url::parse("https://API.getpostman.com/collections/1").unwrap();
        let other = url::Url::parse("https://example.test/c.json").unwrap();
        assert!(is_api_host(&api, POSTMAN_API_URL));
        assert!(!is_api_host(&other, POSTMAN_API_URL));
        let local = url::Url::parse("http://127.0.0.1:9/collections/1").unwrap();
        assert!(is_api_host(&local, "http://127.0.0.1:9"));
        assert!(!is_api_host(&local, "http://127.0.0.1:10"));
    }

    #[test]
    fn local_paths_are_not_fetched() {
        assert!(fetch("collection", "c.json", Some("k")).unwrap().is_none());
        assert!(
            fetch(
                "globals",
                "12345-1f0e5a7b-9c2d-4e3f-8a1b-2c3d4e5f6a7b",
                Some("k")
            )
            .unwrap()
            .is_none()
        );
        assert!(is_url("https://h/c.json") && !is_url("./https"));
    }
}
