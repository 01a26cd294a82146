//! `--vault FILE` and `COURIER_VAULT_<key>`: the vault secrets of a run, and
//! writing back what scripts changed.
//!
//! The file is a JSON object of key to string value. Environment variables
//! named `COURIER_VAULT_<key>` add keys (the key is the rest of the name, as
//! written) and win over the file, so CI can inject secrets without a file.
//! `pm.vault.set` / `unset` persist, as they do in Postman's app: at the end
//! of the run the file gets the vault as scripts left it, except values that
//! came from the environment and were not changed, which never reach the disk.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value};

use crate::report::write_atomically;
use crate::variables::{VariableScope, to_js_string};

/// Prefix of the environment variables that hold vault secrets.
const ENV_PREFIX: &str = "COURIER_VAULT_";

/// The vault a run starts with, and where it came from.
#[derive(Debug, Default)]
pub struct VaultSource {
    file: Option<PathBuf>,
    from_file: Vec<(String, String)>,
    from_env: Vec<(String, String)>,
}

impl VaultSource {
    /// Reads `file` (if given) and the `COURIER_VAULT_*` variables of `env`.
    pub fn load(file: Option<&Path>, env: impl Iterator<Item = (String, String)>) -> Result<Self> {
        let from_file = match file {
            Some(path) => read_file(path)?,
            None => Vec::new(),
        };
        let from_env = env
            .filter_map(|(k, v)| {
                k.strip_prefix(ENV_PREFIX)
                    .filter(|key| !key.is_empty())
                    .map(|key| (key.to_owned(), v))
            })
            .collect();
        Ok(VaultSource {
            file: file.map(Path::to_path_buf),
            from_file,
            from_env,
        })
    }

    /// Key and value of every secret, the environment's winning.
    pub fn secrets(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .from_file
            .iter()
            .filter(|(k, _)| !self.from_env.iter().any(|(e, _)| e == k))
            .cloned()
            .collect();
        out.extend(self.from_env.iter().cloned());
        out
    }

    /// Writes the vault as the run left it back to the file, if scripts changed it.
    pub fn save(&self, vault: &VariableScope) -> Result<()> {
        let Some(path) = &self.file else {
            return Ok(());
        };
        let now: Vec<(String, String)> = vault
            .to_object()
            .into_iter()
            .map(|(k, v)| (k, to_js_string(&v)))
            .collect();
        let mut start = self.secrets();
        start.sort();
        let mut sorted = now.clone();
        sorted.sort();
        if sorted == start {
            return Ok(());
        }
        let mut out = Map::new();
        for (key, value) in now {
            let from_env = self.from_env.iter().any(|(k, v)| *k == key && *v == value);
            if !from_env {
                out.insert(key, Value::String(value));
            } else if let Some((_, kept)) = self.from_file.iter().find(|(k, _)| *k == key) {
                out.insert(key, Value::String(kept.clone()));
            }
        }
        let mut text = serde_json::to_string_pretty(&Value::Object(out))?;
        text.push('\n');
        write_atomically(path, text.as_bytes())
            .with_context(|| format!("cannot write the vault back to {}", path.display()))
    }
}

fn read_file(path: &Path) -> Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the vault file {}", path.display()))?;
    let json: Value = serde_json::from_str(&text).with_context(|| {
        format!(
            "the vault file {} is not valid JSON (it holds an object of key to value)",
            path.display()
        )
    })?;
    let Value::Object(map) = json else {
        bail!(
            "the vault file {} must hold a JSON object of key to value, like {{\"apiKey\": \"...\"}}",
            path.display()
        );
    };
    map.into_iter()
        .map(|(key, value)| match value {
            Value::String(s) => Ok((key, s)),
            Value::Number(_) | Value::Bool(_) => Ok((key, value.to_string())),
            _ => bail!(
                "the vault file {}: the value of {key:?} (at /{key}) must be a string",
                path.display()
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Iterator<Item = (String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn issue13_environment_variables_win_and_never_reach_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("vault.json");
        std::fs::write(&path, r#"{"a": "file-a", "b": "file-b", "n": 7}"#).expect("write");
        let source = VaultSource::load(
            Some(&path),
            env(&[
                ("COURIER_VAULT_b", "env-b"),
                ("COURIER_VAULT_c", "env-c"),
                ("PATH", "/bin"),
            ]),
        )
        .expect("loads");
        let mut secrets = source.secrets();
        secrets.sort();
        assert_eq!(
            secrets,
            [("a", "file-a"), ("b", "env-b"), ("c", "env-c"), ("n", "7")]
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
        // Unchanged: the file is not touched.
        let mut vault = VariableScope::new();
        for (k, v) in &secrets {
            vault.set(k.clone(), Value::String(v.clone()));
        }
        std::fs::write(&path, "untouched").expect("write");
        source.save(&vault).expect("saves");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "untouched");
        // A script set one key and removed another.
        vault.set("token", Value::String("new".into()));
        vault.unset("a");
        source.save(&vault).expect("saves");
        let saved: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
        assert_eq!(
            saved,
            serde_json::json!({"b": "file-b", "n": "7", "token": "new"})
        );
    }

    #[test]
    fn issue13_a_bad_vault_file_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("vault.json");
        std::fs::write(&path, r#"{"a": {"nested": 1}}"#).expect("write");
        let err = VaultSource::load(Some(&path), env(&[]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("vault.json") && err.contains("\"a\""), "{err}");
        std::fs::write(&path, "[1]").expect("write");
        let err = VaultSource::load(Some(&path), env(&[]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("must hold a JSON object"), "{err}");
    }
}
