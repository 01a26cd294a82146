//! Proxies from the environment, chosen the way postman-request chooses
//! them (its `getProxyFromURI`), not reqwest's way.
//!
//! `NO_PROXY` (else `no_proxy`) is read first: `*` turns proxies off; else
//! a comma-separated list of host names, each matching itself and any
//! subdomain (a leading dot changes nothing), optionally with `:port`. Then
//! an `http:` URL goes through `HTTP_PROXY` (else `http_proxy`) and an
//! `https:` URL through `HTTPS_PROXY`, `https_proxy`, `HTTP_PROXY` or
//! `http_proxy`, the first one set; HTTPS goes through the proxy in a
//! `CONNECT` tunnel. An empty variable counts as unset. Unlike reqwest's own
//! choice, `ALL_PROXY` is not read, `HTTPS_PROXY` falls back to
//! `HTTP_PROXY`, and `NO_PROXY` knows no IP ranges. The variables are read
//! once, when the run's client is made (`client.rs`).

/// The proxy variables of the environment, as read once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxyEnv {
    /// The proxy for `http:` URLs.
    pub http: Option<String>,
    /// The proxy for `https:` URLs.
    pub https: Option<String>,
    /// The `NO_PROXY` list, as written.
    pub no_proxy: String,
}

impl ProxyEnv {
    /// Reads `HTTP_PROXY`, `HTTPS_PROXY`, `NO_PROXY` and their lower-case
    /// spellings from the process environment.
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the variables through `lookup` (the environment, or a test's map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        // JavaScript's `a || b`: an empty string falls through.
        let first = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| lookup(n).filter(|v| !v.is_empty()))
        };
        ProxyEnv {
            http: first(&["HTTP_PROXY", "http_proxy"]),
            https: first(&["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"]),
            no_proxy: first(&["NO_PROXY", "no_proxy"]).unwrap_or_default(),
        }
    }

    /// Whether any proxy is set at all.
    pub fn is_empty(&self) -> bool {
        self.http.is_none() && self.https.is_none()
    }

    /// The proxy URL `url` goes through, if any.
    pub fn proxy_for(&self, url: &url::Url) -> Option<&str> {
        if self.no_proxy == "*" {
            return None;
        }
        if !self.no_proxy.is_empty() && in_no_proxy(url, &self.no_proxy) {
            return None;
        }
        match url.scheme() {
            "http" => self.http.as_deref(),
            "https" => self.https.as_deref(),
            _ => None,
        }
    }
}

/// `.name` with any leading dots made one, lower-cased.
fn format_hostname(host: &str) -> String {
    format!(".{}", host.trim_start_matches('.').to_lowercase())
}

/// postman-request's `uriInNoProxy`: the zone must end the host name where
/// it first occurs in it, and match the port when it names one.
fn in_no_proxy(url: &url::Url, no_proxy: &str) -> bool {
    let port = url
        .port()
        .map(|p| p.to_string())
        .unwrap_or_else(|| if url.scheme() == "https" { "443" } else { "80" }.to_owned());
    let host = url
        .host_str()
        .unwrap_or("")
        .trim_start_matches('[')
        .trim_end_matches(']');
    let hostname = format_hostname(host);
    no_proxy.split(',').any(|zone| {
        let zone = zone.trim().to_lowercase();
        let mut parts = zone.splitn(3, ':');
        let zone_host = format_hostname(parts.next().unwrap_or(""));
        let zone_port = parts.next();
        let matched = hostname
            .find(&zone_host)
            .is_some_and(|at| at == hostname.len() - zone_host.len());
        if zone.contains(':') {
            zone_port == Some(port.as_str()) && matched
        } else {
            matched
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> ProxyEnv {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        ProxyEnv::from_lookup(move |name| {
            vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    fn via<'a>(e: &'a ProxyEnv, url: &str) -> Option<&'a str> {
        e.proxy_for(&url::Url::parse(url).unwrap())
    }

    #[test]
    fn chooses_as_postman_request() {
        let e = env(&[("HTTP_PROXY", "http://p:1")]);
        assert_eq!(via(&e, "http://a/"), Some("http://p:1"));
        // HTTPS falls back to HTTP_PROXY.
        assert_eq!(via(&e, "https://a/"), Some("http://p:1"));
        let e = env(&[("https_proxy", "http://s:2"), ("http_proxy", "http://p:1")]);
        assert_eq!(via(&e, "https://a/"), Some("http://s:2"));
        assert_eq!(via(&e, "http://a/"), Some("http://p:1"));
        // Upper case wins; an empty value counts as unset.
        let e = env(&[("HTTP_PROXY", ""), ("http_proxy", "http://low:1")]);
        assert_eq!(via(&e, "http://a/"), Some("http://low:1"));
        // ALL_PROXY is not Newman's.
        assert!(env(&[("ALL_PROXY", "http://p:1")]).is_empty());
    }

    #[test]
    fn no_proxy_as_postman_request() {
        let e = env(&[
            ("HTTP_PROXY", "http://p:1"),
            ("NO_PROXY", " example.com, .internal ,localhost:8080"),
        ]);
        assert_eq!(via(&e, "http://example.com/"), None);
        assert_eq!(via(&e, "http://api.EXAMPLE.com/"), None);
        assert!(via(&e, "http://badexample.com/").is_some());
        assert_eq!(via(&e, "http://x.internal/"), None);
        assert_eq!(via(&e, "http://localhost:8080/"), None);
        assert!(via(&e, "http://localhost:8081/").is_some());
        // The zone counts only where it first occurs in the host name.
        let e = env(&[("HTTP_PROXY", "http://p:1"), ("no_proxy", "a.b")]);
        assert!(via(&e, "http://a.b.a.b/").is_some());
        let e = env(&[("HTTP_PROXY", "http://p:1"), ("NO_PROXY", "*")]);
        assert_eq!(via(&e, "http://a/"), None);
        // A port in the zone is compared with the URL's, or its default.
        let e = env(&[("HTTP_PROXY", "http://p:1"), ("NO_PROXY", "a:443")]);
        assert_eq!(via(&e, "https://a/"), None);
        assert!(via(&e, "http://a/").is_some());
    }
}
