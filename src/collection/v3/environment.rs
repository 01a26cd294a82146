//! YAML environments and globals (`*.environment.yaml`,
//! `*.globals.yaml`), as Postman v12 keeps them next to v3 collections:
//! `name` and `values: [{key, value, enabled|disabled, type|secret}]`.
//!
//! The entries are read as the JSON export's are: `disabled: true` leaves a
//! variable out, `enabled` is kept but does not (the Postman CLI resolves an
//! `enabled: false` value too, as Newman does for JSON), and `secret: true`
//! is `type: secret` (masked in reports).

use std::path::Path;

use serde_json::Value;

use super::yaml;
use crate::collection::LoadError;

/// Whether `path` names a YAML file (`.yaml` / `.yml`).
pub fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The environment or globals file `text` (of `path`) as the JSON value a
/// JSON environment file holds.
pub(crate) fn environment_value(
    kind: &'static str,
    path: &Path,
    text: &str,
) -> Result<Value, LoadError> {
    let mut value: Value = yaml::parse(kind, path, text.trim_start_matches('\u{feff}'))?;
    if let Value::Array(values) = value {
        value = serde_json::json!({ "values": values });
    }
    let Some(values) = value.get_mut("values").and_then(Value::as_array_mut) else {
        return Ok(value);
    };
    for entry in values.iter_mut().filter_map(Value::as_object_mut) {
        if entry.get("secret") == Some(&Value::Bool(true)) && !entry.contains_key("type") {
            entry.insert("type".into(), "secret".into());
        }
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_text_and_secret_becomes_the_type() {
        let text = "name: Staging\nvalues:\n  - key: on\n    value: yes\n    enabled: true\n  - key: zip\n    value: 0123\n  - key: pw\n    value: p\n    secret: true\n";
        let v =
            environment_value("environment", Path::new("s.environment.yaml"), text).expect("parse");
        assert_eq!(v["name"], "Staging");
        assert_eq!(v["values"][0]["value"], "yes");
        assert_eq!(v["values"][1]["value"], "0123");
        assert_eq!(v["values"][2]["type"], "secret");
        assert!(is_yaml(Path::new("a.globals.YML")));
        assert!(!is_yaml(Path::new("a.json")));
    }
}
