//! Masking secrets in everything a reporter writes.
//!
//! Secret values (environment / globals entries of type `secret`, and any
//! value taken from them after substitution) are replaced wherever they
//! appear; headers that carry credentials are masked whole.

/// What replaces a secret.
pub const MASK: &str = "********";

/// Headers whose values are always masked.
const SECRET_HEADERS: &[&str] = &["authorization", "proxy-authorization", "cookie", "set-cookie"];

/// Replaces known secret values in text.
#[derive(Debug, Clone, Default)]
pub struct Masker {
    secrets: Vec<String>,
    enabled: bool,
}

impl Masker {
    /// A masker; `enabled: false` is `--no-mask`.
    pub fn new(enabled: bool) -> Self {
        Masker {
            secrets: Vec::new(),
            enabled,
        }
    }

    /// Learns secret values (longest first, so a secret inside another is not half-masked).
    pub fn learn(&mut self, secrets: &[String]) {
        let mut changed = false;
        for s in secrets {
            // Very short values would mask unrelated text everywhere.
            if s.len() >= 3 && !self.secrets.contains(s) {
                self.secrets.push(s.clone());
                changed = true;
            }
        }
        if changed {
            self.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
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
        if self.enabled && SECRET_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h)) {
            MASK.to_owned()
        } else {
            self.text(value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_secrets_and_credential_headers() {
        let mut m = Masker::new(true);
        m.learn(&["hunter2".into(), "ab".into(), "hunter2-long".into()]);
        assert_eq!(m.text("p=hunter2-long&q=hunter2&r=ab"), "p=********&q=********&r=ab");
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
    }
}
