//! Client certificates and extra trusted CAs, read up front from Newman's
//! flags: `--ssl-client-cert` / `--ssl-client-key` /
//! `--ssl-client-passphrase`, `--ssl-client-cert-list` (a JSON array of
//! `{name, matches, cert, key, pfx, passphrase}`, postman-collection's
//! `Certificate`) and `--ssl-extra-ca-certs` (PEM).
//!
//! Newman picks the first certificate of the list whose `matches` patterns
//! (postman-collection's `UrlMatchPattern`, see [`MatchPattern`]) accept the
//! request's URL, and only for `https` URLs; the single `--ssl-client-cert`
//! goes last and matches every URL. Keys may be protected by a passphrase
//! (PKCS#8 `ENCRYPTED PRIVATE KEY`, as OpenSSL writes them today). Newman
//! reads these files at each request and only warns when it cannot; courier
//! reads them once before the run, and a file it cannot use stops the run
//! with an error naming it (`tls.rs` builds the TLS configuration from them).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// A client certificate file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    /// The file cannot be read.
    #[error("cannot read the {what} file {}", path.display())]
    Read {
        /// Which file (`client certificate`, `client key`, …).
        what: &'static str,
        /// Its path.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file holds nothing of what was expected.
    #[error("the {what} file {} {problem}", path.display())]
    Invalid {
        /// Which file.
        what: &'static str,
        /// Its path.
        path: PathBuf,
        /// What is wrong and what to do.
        problem: String,
    },
    /// The certificate list file is not what Newman reads.
    #[error("the ssl client certificates list {}: {problem}", path.display())]
    List {
        /// Its path.
        path: PathBuf,
        /// What is wrong, with the entry's index.
        problem: String,
    },
}

/// One client certificate and the URLs it is sent to.
#[derive(Debug)]
pub struct ClientCertificate {
    /// The entry's `name` (or `client-cert` for `--ssl-client-cert`).
    pub name: String,
    /// `None` matches every URL (`<all_urls>`).
    matches: Option<Vec<MatchPattern>>,
    /// The certificate chain, leaf first.
    pub(crate) chain: Vec<CertificateDer<'static>>,
    /// The private key, decrypted.
    pub(crate) key: Arc<PrivateKeyDer<'static>>,
}

/// Client certificates and extra CAs of a run.
#[derive(Debug, Clone, Default)]
pub struct TlsIdentity {
    /// Certificates in the order they are tried.
    pub certificates: Vec<Arc<ClientCertificate>>,
    /// Trusted besides the system's roots (`--ssl-extra-ca-certs`).
    pub extra_roots: Vec<CertificateDer<'static>>,
}

impl TlsIdentity {
    /// The index of the certificate sent to `url`, if any.
    pub fn certificate_for(&self, url: &url::Url) -> Option<usize> {
        if url.scheme() != "https" {
            return None;
        }
        self.certificates.iter().position(|c| c.applies_to(url))
    }
}

impl ClientCertificate {
    /// Whether this certificate is sent to `url` (an https URL).
    fn applies_to(&self, url: &url::Url) -> bool {
        match &self.matches {
            None => true,
            Some(patterns) => patterns.iter().any(|p| p.test(url)),
        }
    }

    /// Reads a PEM certificate (chain) and its key: `--ssl-client-cert`,
    /// `--ssl-client-key`, `--ssl-client-passphrase`. Without a key file
    /// the key is looked for in the certificate file.
    pub fn from_pem_files(
        name: &str,
        cert: &Path,
        key: Option<&Path>,
        passphrase: Option<&str>,
    ) -> Result<Self, IdentityError> {
        let cert_pem = read("client certificate", cert)?;
        let chain = pem_certificates("client certificate", cert, &cert_pem)?;
        let (key_what, key_path, key_pem) = match key {
            Some(k) => ("client key", k, read("client key", k)?),
            None => ("client certificate", cert, cert_pem.clone()),
        };
        let key = pem_private_key(key_what, key_path, &key_pem, passphrase)?;
        check_key(key_what, key_path, &chain, &key)?;
        Ok(ClientCertificate {
            name: name.to_owned(),
            matches: None,
            chain,
            key: Arc::new(key),
        })
    }

    /// Reads a PKCS#12 (`.pfx` / `.p12`) file: its certificate chain and key.
    pub fn from_pfx_file(
        name: &str,
        path: &Path,
        passphrase: Option<&str>,
    ) -> Result<Self, IdentityError> {
        let bytes = read("client pfx", path)?;
        let (chain, key) =
            super::pfx::decode(&bytes, passphrase.unwrap_or("")).map_err(|problem| {
                IdentityError::Invalid {
                    what: "client pfx",
                    path: path.to_owned(),
                    problem,
                }
            })?;
        check_key("client pfx", path, &chain, &key)?;
        Ok(ClientCertificate {
            name: name.to_owned(),
            matches: None,
            chain,
            key: Arc::new(key),
        })
    }
}

/// Reads `--ssl-extra-ca-certs`: one or more PEM certificates.
pub fn load_extra_roots(path: &Path) -> Result<Vec<CertificateDer<'static>>, IdentityError> {
    let pem = read("extra CA certificates", path)?;
    pem_certificates("extra CA certificates", path, &pem)
}

/// Reads `--ssl-client-cert-list`: Newman's JSON array of certificates.
/// Relative `src` paths are relative to `working_dir`, as Newman resolves them.
pub fn load_certificate_list(
    path: &Path,
    working_dir: &Path,
) -> Result<Vec<ClientCertificate>, IdentityError> {
    let bytes = read("ssl client certificates list", path)?;
    let list_error = |problem: String| IdentityError::List {
        path: path.to_owned(),
        problem,
    };
    let text = String::from_utf8_lossy(&bytes);
    let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| list_error(format!("not valid JSON: {e}")))?;
    let serde_json::Value::Array(entries) = value else {
        return Err(list_error(
            "expected an array of {name, matches, cert, key, passphrase} objects".into(),
        ));
    };
    let mut out = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        out.push(list_entry(entry, working_dir).map_err(|e| match e {
            ListEntryError::Shape(problem) => list_error(format!("entry [{i}]: {problem}")),
            ListEntryError::File(e) => e,
        })?);
    }
    Ok(out)
}

enum ListEntryError {
    Shape(String),
    File(IdentityError),
}

impl From<IdentityError> for ListEntryError {
    fn from(e: IdentityError) -> Self {
        ListEntryError::File(e)
    }
}

/// One entry of the certificate list.
fn list_entry(
    entry: &serde_json::Value,
    working_dir: &Path,
) -> Result<ClientCertificate, ListEntryError> {
    let serde_json::Value::Object(map) = entry else {
        return Err(ListEntryError::Shape("is not an object".into()));
    };
    let name = map
        .get("name")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_owned();
    let matches = match map.get("matches") {
        Some(serde_json::Value::Array(list)) => list
            .iter()
            .map(|m| match m {
                serde_json::Value::String(s) => Ok(MatchPattern::parse(s)),
                serde_json::Value::Object(o) => Ok(MatchPattern::parse(
                    o.get("pattern").and_then(|p| p.as_str()).unwrap_or(""),
                )),
                _ => Err(ListEntryError::Shape(
                    "`matches` must list URL patterns such as \"https://example.com/*\"".into(),
                )),
            })
            .collect::<Result<Vec<_>, _>>()?,
        _ => {
            return Err(ListEntryError::Shape(
                "needs `matches`: a list of URL patterns such as \"https://example.com/*\"".into(),
            ));
        }
    };
    let src = |field: &str| -> Option<PathBuf> {
        let src = match map.get(field)? {
            serde_json::Value::Object(o) => o.get("src")?.as_str()?,
            serde_json::Value::String(s) => s.as_str(),
            _ => return None,
        };
        (!src.is_empty()).then(|| working_dir.join(src))
    };
    let passphrase = map.get("passphrase").and_then(|v| v.as_str());
    let mut cert = if let Some(pfx) = src("pfx") {
        ClientCertificate::from_pfx_file(&name, &pfx, passphrase)?
    } else if let Some(cert) = src("cert") {
        ClientCertificate::from_pem_files(&name, &cert, src("key").as_deref(), passphrase)?
    } else {
        return Err(ListEntryError::Shape(
            "needs `cert` (and `key`) or `pfx`, each as {\"src\": \"path\"}".into(),
        ));
    };
    cert.matches = Some(matches);
    Ok(cert)
}

fn read(what: &'static str, path: &Path) -> Result<Vec<u8>, IdentityError> {
    std::fs::read(path).map_err(|source| IdentityError::Read {
        what,
        path: path.to_owned(),
        source,
    })
}

fn invalid(what: &'static str, path: &Path, problem: impl Into<String>) -> IdentityError {
    IdentityError::Invalid {
        what,
        path: path.to_owned(),
        problem: problem.into(),
    }
}

/// Every `CERTIFICATE` block of a PEM file, in order.
fn pem_certificates(
    what: &'static str,
    path: &Path,
    pem: &[u8],
) -> Result<Vec<CertificateDer<'static>>, IdentityError> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| invalid(what, path, format!("is not valid PEM: {e}")))?;
    if certs.is_empty() {
        return Err(invalid(
            what,
            path,
            "holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
        ));
    }
    Ok(certs)
}

/// The private key of a PEM file, decrypted with `passphrase` when it is
/// an `ENCRYPTED PRIVATE KEY`.
fn pem_private_key(
    what: &'static str,
    path: &Path,
    pem: &[u8],
    passphrase: Option<&str>,
) -> Result<PrivateKeyDer<'static>, IdentityError> {
    let text = String::from_utf8_lossy(pem);
    if text.contains("Proc-Type: 4,ENCRYPTED") {
        return Err(invalid(
            what,
            path,
            "is encrypted in OpenSSL's legacy PEM form, which courier cannot read; convert it with `openssl pkcs8 -topk8 -in KEY -out KEY.p8` (keeps a passphrase) and give that file",
        ));
    }
    if let Some(der) = pem_block(&text, "ENCRYPTED PRIVATE KEY") {
        let der = der.map_err(|e| invalid(what, path, e))?;
        let Some(passphrase) = passphrase else {
            return Err(invalid(
                what,
                path,
                "holds an encrypted key; give its passphrase with --ssl-client-passphrase (or `passphrase` in the certificate list)",
            ));
        };
        let info = pkcs8::EncryptedPrivateKeyInfo::try_from(der.as_slice())
            .map_err(|e| invalid(what, path, format!("has an unreadable encrypted key: {e}")))?;
        let plain = info.decrypt(passphrase).map_err(|_| {
            invalid(
                what,
                path,
                "cannot be decrypted with the passphrase given: wrong passphrase, or a cipher courier does not support",
            )
        })?;
        return Ok(PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
            plain.as_bytes().to_vec(),
        )));
    }
    PrivateKeyDer::from_pem_slice(pem).map_err(|e| match e {
        rustls::pki_types::pem::Error::NoItemsFound => invalid(
            what,
            path,
            "holds no PEM private key (-----BEGIN PRIVATE KEY----- or RSA / EC PRIVATE KEY)",
        ),
        e => invalid(what, path, format!("is not valid PEM: {e}")),
    })
}

/// The DER bytes of the first PEM block labelled `label`, if there is one.
fn pem_block(text: &str, label: &str) -> Option<Result<Vec<u8>, String>> {
    use base64::Engine as _;
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = text.find(&begin)? + begin.len();
    let Some(len) = text[start..].find(&end) else {
        return Some(Err(format!("has `{begin}` without `{end}`")));
    };
    let body: String = text[start..start + len]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    Some(
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .map_err(|e| format!("has a {label} block that is not base64: {e}")),
    )
}

/// Fails when the TLS library cannot sign with `key` (an unsupported
/// algorithm), or when `key` is not the key of the leaf certificate of
/// `chain` (Node says "key values mismatch" at the first request).
fn check_key(
    what: &'static str,
    path: &Path,
    chain: &[CertificateDer<'static>],
    key: &PrivateKeyDer<'static>,
) -> Result<(), IdentityError> {
    let signing = rustls::crypto::ring::default_provider()
        .key_provider
        .load_private_key(key.clone_key())
        .map_err(|e| invalid(what, path, format!("holds a key TLS cannot use: {e}")))?;
    let certified = rustls::sign::CertifiedKey::new(chain.to_vec(), signing);
    // A certificate webpki cannot parse (X.509 v1) is left to the server.
    match certified.keys_match() {
        Err(rustls::Error::InconsistentKeys(rustls::InconsistentKeys::KeyMismatch)) => {
            Err(invalid(
                what,
                path,
                "holds a key that does not belong to the client certificate",
            ))
        }
        _ => Ok(()),
    }
}

/// postman-collection's `UrlMatchPattern`: `<all_urls>`, or
/// `PROTOCOLS://HOST[:PORT]/PATH` where PROTOCOLS is `*` or `+`-joined
/// names, HOST is `*`, `*.suffix` or a name, PORT a number or `*`, and PATH
/// a glob (`*` any run of characters, `?` one). A pattern that does not
/// parse matches nothing.
#[derive(Debug, Clone)]
pub struct MatchPattern {
    kind: PatternKind,
}

#[derive(Debug, Clone)]
enum PatternKind {
    All,
    Invalid,
    Parts {
        protocols: Vec<String>,
        host: String,
        port: Option<String>,
        path: regex::Regex,
    },
}

const PROTOCOLS: [&str; 4] = ["http", "https", "file", "ftp"];

impl MatchPattern {
    /// Parses a pattern as postman-collection does.
    pub fn parse(pattern: &str) -> Self {
        if pattern.is_empty() || pattern == "<all_urls>" {
            return MatchPattern {
                kind: PatternKind::All,
            };
        }
        let split = regex::Regex::new(
            r"^((http|https|file|ftp|\*)(\+(http|https|file|ftp))*)://(\*|\*\.[^*/:]+|[^*/:]+)(:\*|:\d+)?(/.*)$",
        );
        let kind = match split.ok().and_then(|re| {
            re.captures(pattern).map(|c| {
                let get = |i: usize| c.get(i).map(|m| m.as_str().to_owned());
                (get(1), get(5), get(6), get(7))
            })
        }) {
            Some((Some(protocols), Some(host), port, Some(path))) => {
                let glob = regex::escape(&path)
                    .replace(r"\*", ".*")
                    .replace(r"\?", ".");
                match regex::Regex::new(&format!("^{glob}$")) {
                    Ok(path) => PatternKind::Parts {
                        protocols: protocols.split('+').map(str::to_owned).collect(),
                        host,
                        port: port.map(|p| p[1..].to_owned()),
                        path,
                    },
                    Err(_) => PatternKind::Invalid,
                }
            }
            _ => PatternKind::Invalid,
        };
        MatchPattern { kind }
    }

    /// Whether `url` matches.
    pub fn test(&self, url: &url::Url) -> bool {
        let PatternKind::Parts {
            protocols,
            host,
            port,
            path,
        } = &self.kind
        else {
            return matches!(self.kind, PatternKind::All);
        };
        let scheme = url.scheme();
        let protocol_ok =
            PROTOCOLS.contains(&scheme) && protocols.iter().any(|p| p == "*" || p == scheme);
        let remote = url.host_str().unwrap_or("");
        let host_ok = host == "*"
            || host == remote
            || host
                .strip_prefix("*.")
                .is_some_and(|suffix| remote == suffix || remote.ends_with(&format!(".{suffix}")));
        let default_port = match scheme {
            "ftp" => Some("21"),
            "http" => Some("80"),
            "https" => Some("443"),
            _ => None,
        };
        let given = url.port().map(|p| p.to_string());
        let port_ok = match (given.as_deref(), port.as_deref()) {
            (None, None) => true,
            (given, wanted) => {
                let wanted = wanted.or(default_port);
                wanted == Some("*") || (wanted.is_some() && given.or(default_port) == wanted)
            }
        };
        protocol_ok && host_ok && port_ok && path.is_match(url.path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, url: &str) -> bool {
        MatchPattern::parse(pattern).test(&url::Url::parse(url).unwrap())
    }

    #[test]
    fn url_match_patterns_as_postman_collection() {
        assert!(matches("https://example.com/*", "https://example.com/a/b"));
        assert!(matches("https://example.com/*", "https://example.com"));
        assert!(!matches("https://example.com/*", "http://example.com/"));
        assert!(matches("http+https://example.com/*", "http://example.com/"));
        assert!(matches("*://*.example.com/*", "https://api.example.com/x"));
        assert!(matches("*://*.example.com/*", "https://example.com/x"));
        assert!(!matches("*://*.example.com/*", "https://badexample.com/x"));
        // A URL's port must be the pattern's (or the scheme's default).
        assert!(!matches("https://localhost/*", "https://localhost:8443/"));
        assert!(matches("https://localhost:*/*", "https://localhost:8443/"));
        assert!(matches(
            "https://localhost:8443/*",
            "https://localhost:8443/"
        ));
        assert!(matches("https://localhost:443/*", "https://localhost/"));
        assert!(matches(
            "https://example.com/api/?",
            "https://example.com/api/v"
        ));
        assert!(!matches(
            "https://example.com/api/?",
            "https://example.com/api/vv"
        ));
        assert!(matches("<all_urls>", "https://anything/"));
        // One that does not parse matches nothing.
        assert!(!matches("example.com", "https://example.com/"));
    }

    #[test]
    fn certificates_go_only_to_https() {
        let identity = TlsIdentity {
            certificates: vec![Arc::new(ClientCertificate {
                name: "all".into(),
                matches: None,
                chain: Vec::new(),
                key: Arc::new(PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(vec![0u8]))),
            })],
            extra_roots: Vec::new(),
        };
        let url = |u: &str| url::Url::parse(u).unwrap();
        assert_eq!(identity.certificate_for(&url("https://a/")), Some(0));
        assert_eq!(identity.certificate_for(&url("http://a/")), None);
    }

    #[test]
    fn pem_blocks_are_found_and_decoded() {
        let text = "x\n-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAEC\nAw==\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assert_eq!(
            pem_block(text, "ENCRYPTED PRIVATE KEY").unwrap().unwrap(),
            vec![0, 1, 2, 3]
        );
        assert!(pem_block(text, "CERTIFICATE").is_none());
    }
}
