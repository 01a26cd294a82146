//! HTTP Digest authentication, as postman-runtime's digest authorizer does it.
//!
//! [`sign`] turns a `digest` auth block into [`DigestAuth`] on the built
//! request; `client.rs` drives it around each send. The rules, from postman-runtime
//! `lib/authorizer/digest.js`:
//! - before sending, the request is signed only when `nonce` and `realm` are
//!   known (set in the auth block, or learnt earlier in the run); signing
//!   needs `username` and `realm` and replaces any `Authorization` header;
//! - after a `401` or `403` with a `WWW-Authenticate: Digest …` header, the
//!   quoted `nonce`, `realm`, `qop` and `opaque` are learnt (with a fresh
//!   client nonce and `nc=00000001` when there is a `qop`) and the request is
//!   sent again — unless every one of them was known already, or
//!   `disableRetryRequest` is set; after any other response the nonce count
//!   goes up by one;
//! - what is learnt only fills parameters the auth block leaves empty, and
//!   it is kept for the rest of the run on the auth block it came from, so
//!   the next request with the same auth signs at once.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use md5::Md5;
use regex::Regex;
use sha2::{Digest as _, Sha256, Sha512_256};

use super::{AuthParams, SignContext};
use crate::http::error::BuildError;
use crate::http::exchange::RequestSpec;

/// Puts the digest auth of `params` on `spec` for `client.rs` to sign at
/// send time; an algorithm Postman cannot sign with sends the request
/// without digest auth and a warning, as Postman does. What is learnt is
/// kept under the item for its own auth, else under the auth block itself
/// (inherited blocks belong to the run's collection, so an address names
/// one for the whole run).
pub(super) fn sign(
    params: &AuthParams<'_>,
    ctx: &SignContext<'_>,
    spec: &mut RequestSpec,
) -> Result<(), BuildError> {
    let algorithm = params.get("algorithm");
    if !supported_algorithm(&algorithm) {
        spec.warnings.push(format!(
            "digest auth: algorithm `{algorithm}` is not supported (MD5, SHA-256, SHA-512-256, each also -sess); the request is sent without digest auth, as Postman does"
        ));
        return Ok(());
    }
    let auth = params.auth;
    let values = auth.params.keys().map(|k| (k.clone(), params.get(k)));
    let disable_retry = params.flag("disableRetryRequest");
    let is_own = ctx.own.is_some_and(|o| std::ptr::eq(o, auth));
    let state_key =
        ctx.state_key.map(
            |item| match ctx.inherited.iter().find(|a| std::ptr::eq(**a, auth)) {
                Some(block) if !is_own => format!("auth block {:p}", *block),
                _ => format!("item {item}"),
            },
        );
    spec.digest = Some(DigestAuth {
        params: DigestParams::new(values, disable_retry),
        state_key,
    });
    Ok(())
}

/// Parameters Postman learns from a challenge, and their patterns there
/// (only quoted values count, as in postman-runtime).
static CHALLENGE_FIELDS: LazyLock<[(&'static str, Regex); 4]> = LazyLock::new(|| {
    let field =
        |name: &str| Regex::new(&format!(r#"(?i){name}="([^"]*)""#)).expect("a valid pattern");
    [
        ("nonce", field("nonce")),
        ("realm", field("realm")),
        ("qop", field("qop")),
        ("opaque", field("opaque")),
    ]
});

/// The algorithms Postman signs with; an empty one means MD5.
const ALGORITHMS: &[&str] = &[
    "MD5",
    "MD5-sess",
    "SHA-256",
    "SHA-256-sess",
    "SHA-512-256",
    "SHA-512-256-sess",
];

/// Whether postman-runtime can sign with `algorithm` (empty means MD5).
pub fn supported_algorithm(algorithm: &str) -> bool {
    algorithm.is_empty() || ALGORITHMS.contains(&algorithm)
}

/// A hash function: bytes to lower-case hex.
pub type HashFn = dyn Fn(&[u8]) -> String;

/// Gives the hex hash of the request body under the hash it is handed.
pub type BodyHash<'a> = &'a dyn Fn(&HashFn) -> String;

/// A digest auth of one request: its parameters and where what it learns
/// is kept for later requests.
#[derive(Debug, Clone, Default)]
pub struct DigestAuth {
    /// The parameters, as resolved from the auth block.
    pub params: DigestParams,
    /// Names the auth block for the run (`None`: learn nothing for later).
    pub state_key: Option<String>,
}

/// Digest parameters by Postman's names (`username`, `password`, `realm`,
/// `nonce`, `algorithm`, `qop`, `nonceCount`, `clientNonce`, `opaque`).
#[derive(Debug, Clone, Default)]
pub struct DigestParams {
    values: BTreeMap<String, String>,
    /// Parameters the runtime set (learnt ones); the user's stay otherwise.
    system: BTreeSet<String>,
    /// `disableRetryRequest`: never answer a challenge.
    pub disable_retry: bool,
}

/// What to do after a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterResponse {
    /// Keep the response.
    Done,
    /// Send the request again, signed with what was learnt.
    Retry,
}

impl DigestParams {
    /// Parameters from the auth block; empty values count as unset.
    pub fn new(values: impl IntoIterator<Item = (String, String)>, disable_retry: bool) -> Self {
        DigestParams {
            values: values.into_iter().collect(),
            system: BTreeSet::new(),
            disable_retry,
        }
    }

    fn get(&self, key: &str) -> &str {
        self.values.get(key).map_or("", String::as_str)
    }

    /// postman-runtime's `AuthInterface.set`: a parameter changes only when
    /// the runtime set it before or the user left it empty.
    fn set(&mut self, key: &str, value: String) {
        if self.system.contains(key) || self.get(key).is_empty() {
            self.values.insert(key.to_owned(), value);
            self.system.insert(key.to_owned());
        }
    }

    /// Puts in what earlier requests learnt for the same auth block (it
    /// replaces the block's values, as postman-runtime's upsert does).
    pub fn learn(&mut self, learnt: &BTreeMap<String, String>) {
        for (k, v) in learnt {
            self.values.insert(k.clone(), v.clone());
            self.system.insert(k.clone());
        }
    }

    /// What the runtime set, to keep for the next requests.
    pub fn learnt(&self) -> BTreeMap<String, String> {
        self.system
            .iter()
            .map(|k| (k.clone(), self.get(k).to_owned()))
            .collect()
    }

    /// Postman's `pre` hook: sign before sending only with a nonce and realm.
    pub fn ready(&self) -> bool {
        !self.get("nonce").is_empty() && !self.get("realm").is_empty()
    }

    /// The `Authorization` value for `method` on `uri` (path and query), or
    /// `None` when there is no username or realm (nothing is signed).
    /// `body_hash` gives the hex hash of the body under a hash algorithm
    /// name, for `qop=auth-int`.
    pub fn authorization(
        &self,
        method: &str,
        uri: &str,
        body_hash: BodyHash<'_>,
    ) -> Option<String> {
        let username = self.get("username");
        let realm = self.get("realm");
        if username.is_empty() || realm.is_empty() {
            return None;
        }
        let algorithm = match self.get("algorithm") {
            "" => "MD5",
            a => a,
        };
        let hash: fn(&[u8]) -> String = if algorithm.starts_with("SHA-512-256") {
            |d| hex(&Sha512_256::digest(d))
        } else if algorithm.starts_with("SHA-256") {
            |d| hex(&Sha256::digest(d))
        } else {
            |d| hex(&Md5::digest(d))
        };
        let h = |s: &str| hash(s.as_bytes());
        let (nonce, qop) = (self.get("nonce"), self.get("qop"));
        let (nc, cnonce) = (self.get("nonceCount"), self.get("clientNonce"));
        // A client nonce the auth block does not have at all is JavaScript's
        // `undefined`: written as such where postman-runtime concatenates
        // strings, empty where it joins a list (so a qop set by hand without
        // a client nonce fails the first time, and the challenge supplies one).
        let cnonce_text = self
            .values
            .get("clientNonce")
            .map_or("undefined", String::as_str);
        let a1 = if algorithm.ends_with("-sess") {
            let a0 = h(&format!("{username}:{realm}:{}", self.get("password")));
            format!("{a0}:{nonce}:{cnonce_text}")
        } else {
            format!("{username}:{realm}:{}", self.get("password"))
        };
        let a2 = if qop == "auth-int" {
            format!("{method}:{uri}:{}", body_hash(&hash))
        } else {
            format!("{method}:{uri}")
        };
        let with_qop = qop == "auth" || qop == "auth-int";
        let response = if with_qop {
            h(&format!(
                "{}:{nonce}:{nc}:{cnonce}:{qop}:{}",
                h(&a1),
                h(&a2)
            ))
        } else {
            h(&format!("{}:{nonce}:{}", h(&a1), h(&a2)))
        };
        let mut header = format!(
            "Digest username=\"{username}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", algorithm=\"{algorithm}\""
        );
        if with_qop {
            header.push_str(&format!(", qop={qop}"));
        }
        if with_qop || algorithm == "MD5-sess" {
            if !nc.is_empty() {
                header.push_str(&format!(", nc={nc}"));
            }
            header.push_str(&format!(", cnonce=\"{cnonce_text}\""));
        }
        header.push_str(&format!(", response=\"{response}\""));
        let opaque = self.get("opaque");
        if !opaque.is_empty() {
            header.push_str(&format!(", opaque=\"{opaque}\""));
        }
        Some(header)
    }

    /// Postman's `post` hook, given the response status and the first
    /// `WWW-Authenticate` header that starts with `Digest`.
    pub fn after_response(&mut self, status: u16, challenge: Option<&str>) -> AfterResponse {
        if self.disable_retry {
            return AfterResponse::Done;
        }
        let Some(challenge) = challenge.filter(|_| status == 401 || status == 403) else {
            let count = self.get("nonceCount").parse::<u64>().map_or(1, |n| n + 1);
            self.set("nonceCount", format!("{count:08}"));
            return AfterResponse::Done;
        };
        let mut heard: Vec<(&str, String)> = Vec::new();
        for (name, pattern) in CHALLENGE_FIELDS.iter() {
            let value = pattern.captures(challenge).and_then(|c| c.get(1));
            match (*name, value) {
                ("nonce" | "realm", v) => heard.push((name, v.map_or("", |m| m.as_str()).into())),
                (_, Some(v)) if !v.as_str().is_empty() => heard.push((name, v.as_str().into())),
                _ => {}
            }
        }
        let has_qop = heard.iter().any(|(k, _)| *k == "qop") || !self.get("qop").is_empty();
        if has_qop {
            heard.push(("clientNonce", client_nonce()));
            heard.push(("nonceCount", "00000001".into()));
        }
        if heard.iter().all(|(k, _)| !self.get(k).is_empty()) {
            return AfterResponse::Done;
        }
        for (k, v) in heard {
            self.set(k, v);
        }
        AfterResponse::Retry
    }
}

/// Eight random letters and digits, like postman-runtime's client nonce.
fn client_nonce() -> String {
    use rand::Rng as _;
    const SOURCE: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut rng = rand::rng();
    (0..8)
        .map(|_| char::from(SOURCE[rng.random_range(0..SOURCE.len())]))
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
#[allow(clippy::type_complexity)] // test tables
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> DigestParams {
        DigestParams::new(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
            false,
        )
    }

    fn no_body(_: &HashFn) -> String {
        unreachable!("no auth-int here")
    }

    #[test]
    fn rfc2617_example() {
        // The worked example of RFC 2617 section 3.5, with the qop Postman
        // would have learnt from a `qop="auth"` challenge.
        let p = params(&[
            ("username", "Mufasa"),
            ("password", "Circle Of Life"),
            ("realm", "testrealm@host.com"),
            ("nonce", "dcd98b7102dd2f0e8b11d0f600bfb0c093"),
            ("qop", "auth"),
            ("nonceCount", "00000001"),
            ("clientNonce", "0a4f113b"),
            ("opaque", "5ccc069c403ebaf9f0171e9517f40e41"),
        ]);
        let header = p.authorization("GET", "/dir/index.html", &no_body).unwrap();
        assert_eq!(
            header,
            "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", algorithm=\"MD5\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""
        );
    }

    #[test]
    fn issue11_signs_at_once_only_with_nonce_and_realm() {
        assert!(!params(&[("username", "u")]).ready());
        assert!(!params(&[("username", "u"), ("realm", "r")]).ready());
        let p = params(&[("username", "u"), ("realm", "r"), ("nonce", "n")]);
        assert!(p.ready());
        // Without qop: no nc or cnonce, as postman-runtime writes it.
        let header = p.authorization("GET", "/x", &no_body).unwrap();
        assert!(header.starts_with("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"/x\", algorithm=\"MD5\", response=\""), "{header}");
        assert!(
            !header.contains("nc=") && !header.contains("opaque"),
            "{header}"
        );
        // qop set by hand without a client nonce: `cnonce="undefined"`.
        let mut q = params(&[
            ("username", "u"),
            ("realm", "r"),
            ("nonce", "n"),
            ("qop", "auth"),
        ]);
        let header = q.authorization("GET", "/x", &no_body).unwrap();
        assert!(
            header.contains("qop=auth, cnonce=\"undefined\", response="),
            "{header}"
        );
        q.values.insert("clientNonce".into(), String::new());
        let header = q.authorization("GET", "/x", &no_body).unwrap();
        assert!(
            header.contains("qop=auth, cnonce=\"\", response="),
            "{header}"
        );
        // No username: nothing is signed.
        assert_eq!(
            params(&[("realm", "r"), ("nonce", "n")]).authorization("GET", "/", &no_body),
            None
        );
    }

    #[test]
    fn issue11_challenge_then_retry_then_count() {
        let mut p = params(&[("username", "u"), ("password", "p")]);
        let challenge = r#"Digest realm="r", qop="auth", nonce="abc", opaque="op""#;
        assert_eq!(p.after_response(401, Some(challenge)), AfterResponse::Retry);
        assert!(p.ready());
        assert_eq!(p.get("qop"), "auth");
        assert_eq!(p.get("nonceCount"), "00000001");
        assert_eq!(p.get("clientNonce").len(), 8);
        // A second challenge with nothing new: keep the 401.
        assert_eq!(p.after_response(401, Some(challenge)), AfterResponse::Done);
        // A success counts the nonce up.
        assert_eq!(p.after_response(200, None), AfterResponse::Done);
        assert_eq!(p.get("nonceCount"), "00000002");
        let learnt = p.learnt();
        assert_eq!(learnt.get("nonce").map(String::as_str), Some("abc"));
        assert!(!learnt.contains_key("username"));
        // The next request with the same auth block starts signed.
        let mut next = params(&[("username", "u"), ("password", "p")]);
        next.learn(&learnt);
        assert!(next.ready());
        let header = next.authorization("GET", "/digest", &no_body).unwrap();
        assert!(header.contains("nc=00000002"), "{header}");
    }

    #[test]
    fn issue11_user_values_win_over_learnt_ones() {
        let mut p = params(&[("username", "u"), ("realm", "mine"), ("nonce", "n0")]);
        // qop and opaque are new: retry, but realm and nonce stay the user's.
        let challenge = r#"Digest realm="theirs", nonce="n1", qop="auth", opaque="o""#;
        assert_eq!(p.after_response(401, Some(challenge)), AfterResponse::Retry);
        assert_eq!((p.get("realm"), p.get("nonce")), ("mine", "n0"));
        assert_eq!(p.get("opaque"), "o");
        // Unquoted values are not read, as in postman-runtime.
        let mut q = params(&[("username", "u")]);
        assert_eq!(
            q.after_response(401, Some("Digest realm=r, nonce=n")),
            AfterResponse::Retry
        );
        assert!(!q.ready());
        // disableRetryRequest: never retry, never count.
        let mut d = params(&[("username", "u")]);
        d.disable_retry = true;
        assert_eq!(d.after_response(401, Some(challenge)), AfterResponse::Done);
        assert_eq!(d.get("nonceCount"), "");
    }

    #[test]
    fn algorithms_and_auth_int() {
        let base = [
            ("username", "u"),
            ("password", "p"),
            ("realm", "r"),
            ("nonce", "n"),
            ("qop", "auth-int"),
            ("nonceCount", "00000001"),
            ("clientNonce", "c"),
        ];
        let expected = |algorithm: &str, hash: &dyn Fn(&str) -> String| {
            let a1 = if algorithm.ends_with("-sess") {
                format!("{}:n:c", hash("u:r:p"))
            } else {
                "u:r:p".to_owned()
            };
            let a2 = format!("POST:/x:{}", hash("body"));
            hash(&format!(
                "{}:n:00000001:c:auth-int:{}",
                hash(&a1),
                hash(&a2)
            ))
        };
        let md5 = |s: &str| hex(&Md5::digest(s.as_bytes()));
        let sha256 = |s: &str| hex(&Sha256::digest(s.as_bytes()));
        let sha512_256 = |s: &str| hex(&Sha512_256::digest(s.as_bytes()));
        let cases: [(&str, &dyn Fn(&str) -> String); 4] = [
            ("MD5-sess", &md5),
            ("SHA-256", &sha256),
            ("SHA-256-sess", &sha256),
            ("SHA-512-256", &sha512_256),
        ];
        for (algorithm, hash) in cases {
            let mut pairs = base.to_vec();
            pairs.push(("algorithm", algorithm));
            let header = params(&pairs)
                .authorization("POST", "/x", &|h| h(b"body"))
                .unwrap();
            let want = format!("response=\"{}\"", expected(algorithm, hash));
            assert!(header.contains(&want), "{algorithm}: {header}");
        }
        assert!(supported_algorithm("") && supported_algorithm("SHA-512-256-sess"));
        assert!(!supported_algorithm("md5") && !supported_algorithm("SHA-1"));
    }
}
