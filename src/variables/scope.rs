//! Variable scopes and their precedence.
//!
//! A [`VariableScope`] is one layer (environment, globals, …); [`Scopes`]
//! stacks the five layers Postman knows, narrowest first: local
//! (`pm.variables.set`), iteration data, environment, collection variables,
//! globals. Dynamic `$` variables sit below all of them (see `dynamic.rs`).

use indexmap::IndexMap;
use serde_json::Value;

use crate::collection::{Environment, Variable, scalar_to_string};

/// One entry of a scope.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeVariable {
    /// The value; scripts may store any JSON value.
    pub value: Value,
    /// Postman's `type` (`default`, `secret`, …), kept for export and masking.
    pub kind: Option<String>,
    /// A disabled entry is kept for export but takes no part in lookups.
    pub enabled: bool,
}

/// One layer of variables, in insertion order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VariableScope {
    vars: IndexMap<String, ScopeVariable>,
}

impl VariableScope {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// A scope from a file's variable list.
    ///
    /// Entries sharing a key collapse into one, as postman-collection's
    /// `VariableList` resolves them: the last enabled entry is the one
    /// `{{key}}`, `get`, `has` and `set` see; a disabled entry never hides an
    /// enabled one, before or after it. A key with only disabled entries
    /// keeps its last one (absent from lookups, kept for export).
    pub fn from_variables(list: &[Variable]) -> Self {
        let mut scope = Self::new();
        for v in list {
            let enabled = v.is_enabled();
            if !enabled && scope.vars.get(&v.key).is_some_and(|old| old.enabled) {
                continue;
            }
            scope.vars.insert(
                v.key.clone(),
                ScopeVariable {
                    value: v.value.clone(),
                    kind: v.kind.clone(),
                    enabled,
                },
            );
        }
        scope
    }

    /// The value of an enabled variable.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.vars.get(key).filter(|v| v.enabled).map(|v| &v.value)
    }

    /// The whole entry of an enabled variable.
    pub fn entry(&self, key: &str) -> Option<&ScopeVariable> {
        self.vars.get(key).filter(|v| v.enabled)
    }

    /// Whether an enabled variable of that name exists.
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets a value, enabling the entry; an existing entry keeps its type.
    pub fn set(&mut self, key: impl Into<String>, value: Value) {
        let entry = self.vars.entry(key.into()).or_insert(ScopeVariable {
            value: Value::Null,
            kind: None,
            enabled: true,
        });
        entry.value = value;
        entry.enabled = true;
    }

    /// Sets a value with an explicit type (`secret`, …).
    pub fn set_typed(&mut self, key: impl Into<String>, value: Value, kind: Option<String>) {
        self.vars.insert(
            key.into(),
            ScopeVariable {
                value,
                kind,
                enabled: true,
            },
        );
    }

    /// Removes a variable.
    pub fn unset(&mut self, key: &str) {
        self.vars.shift_remove(key);
    }

    /// Removes every variable.
    pub fn clear(&mut self) {
        self.vars.clear();
    }

    /// Number of entries, disabled ones included.
    pub fn len(&self) -> usize {
        self.vars.len()
    }

    /// Whether the scope has no entries.
    pub fn is_empty(&self) -> bool {
        self.vars.is_empty()
    }

    /// Enabled variables as a JSON object (what `toObject()` returns).
    pub fn to_object(&self) -> serde_json::Map<String, Value> {
        self.vars
            .iter()
            .filter(|(_, v)| v.enabled)
            .map(|(k, v)| (k.clone(), v.value.clone()))
            .collect()
    }

    /// Every entry, disabled ones included, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ScopeVariable)> {
        self.vars.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Entries back in the file format, for export.
    pub fn to_variables(&self) -> Vec<Variable> {
        self.vars
            .iter()
            .map(|(k, v)| Variable {
                key: k.clone(),
                value: v.value.clone(),
                kind: Some(v.kind.clone().unwrap_or_else(|| "default".into())),
                enabled: Some(v.enabled),
                disabled: false,
            })
            .collect()
    }

    /// Values of enabled `secret` entries, as strings, for masking.
    pub fn secret_values(&self) -> impl Iterator<Item = String> + '_ {
        self.vars
            .values()
            .filter(|v| v.enabled && v.kind.as_deref() == Some("secret"))
            .filter_map(|v| scalar_to_string(&v.value))
            .filter(|s| !s.is_empty())
    }

    /// Replaces the values of this scope with those of an environment file.
    pub fn from_environment(env: &Environment) -> Self {
        Self::from_variables(&env.values)
    }
}

/// Which layer a variable was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// `pm.variables.set` in a script; lives for the whole run, as in Postman.
    Local,
    /// The current row of iteration data.
    Data,
    /// The environment file and `pm.environment`.
    Environment,
    /// Collection variables and `pm.collectionVariables`.
    Collection,
    /// The globals file and `pm.globals`.
    Globals,
}

/// The five layers, narrowest first.
#[derive(Debug, Clone, Default)]
pub struct Scopes {
    /// `pm.variables.set`; never reset during a run (postman-runtime keeps one).
    pub local: VariableScope,
    /// The current iteration's data row.
    pub data: VariableScope,
    /// The environment.
    pub environment: VariableScope,
    /// Collection variables.
    pub collection: VariableScope,
    /// Globals.
    pub globals: VariableScope,
}

impl Scopes {
    /// The layers in precedence order.
    pub fn layers(&self) -> [(ScopeKind, &VariableScope); 5] {
        [
            (ScopeKind::Local, &self.local),
            (ScopeKind::Data, &self.data),
            (ScopeKind::Environment, &self.environment),
            (ScopeKind::Collection, &self.collection),
            (ScopeKind::Globals, &self.globals),
        ]
    }

    /// The layer of the given kind.
    pub fn scope_mut(&mut self, kind: ScopeKind) -> &mut VariableScope {
        match kind {
            ScopeKind::Local => &mut self.local,
            ScopeKind::Data => &mut self.data,
            ScopeKind::Environment => &mut self.environment,
            ScopeKind::Collection => &mut self.collection,
            ScopeKind::Globals => &mut self.globals,
        }
    }

    /// The layer of the given kind.
    pub fn scope(&self, kind: ScopeKind) -> &VariableScope {
        match kind {
            ScopeKind::Local => &self.local,
            ScopeKind::Data => &self.data,
            ScopeKind::Environment => &self.environment,
            ScopeKind::Collection => &self.collection,
            ScopeKind::Globals => &self.globals,
        }
    }

    /// The value of `name` in the narrowest layer that has it.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.layers().into_iter().find_map(|(_, s)| s.get(name))
    }

    /// Every visible variable, narrowest layer winning (`pm.variables.toObject()`).
    pub fn to_object(&self) -> serde_json::Map<String, Value> {
        let mut out = serde_json::Map::new();
        for (_, scope) in self.layers().into_iter().rev() {
            for (k, v) in scope.to_object() {
                out.insert(k, v);
            }
        }
        out
    }

    /// Secret values of the environment and globals, for masking.
    pub fn secret_values(&self) -> Vec<String> {
        self.environment
            .secret_values()
            .chain(self.globals.secret_values())
            .chain(self.collection.secret_values())
            .collect()
    }

    /// Substitutes `{{name}}` tokens in `text` with Postman's rules.
    pub fn resolve(&self, text: &str) -> String {
        super::resolve::resolve(text, &|name| self.get(name).cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn scope(pairs: &[(&str, Value)]) -> VariableScope {
        let mut s = VariableScope::new();
        for (k, v) in pairs {
            s.set(*k, v.clone());
        }
        s
    }

    #[test]
    fn precedence_narrowest_wins() {
        // (layers that define `x`, expected winner)
        let cases: &[(&[ScopeKind], &str)] = &[
            (&[ScopeKind::Globals], "globals"),
            (&[ScopeKind::Globals, ScopeKind::Collection], "collection"),
            (
                &[ScopeKind::Collection, ScopeKind::Environment],
                "environment",
            ),
            (&[ScopeKind::Environment, ScopeKind::Data], "data"),
            (&[ScopeKind::Data, ScopeKind::Local], "local"),
            (
                &[
                    ScopeKind::Globals,
                    ScopeKind::Collection,
                    ScopeKind::Environment,
                    ScopeKind::Data,
                    ScopeKind::Local,
                ],
                "local",
            ),
        ];
        for (layers, want) in cases {
            let mut scopes = Scopes::default();
            for kind in *layers {
                let name = format!("{kind:?}").to_lowercase();
                let name = if name == "collection" {
                    "collection".to_owned()
                } else {
                    name
                };
                scopes.scope_mut(*kind).set("x", json!(name));
            }
            assert_eq!(scopes.get("x"), Some(&json!(want)), "layers {layers:?}");
        }
    }

    #[test]
    fn disabled_entries_do_not_exist() {
        let list = vec![
            Variable {
                key: "a".into(),
                value: json!("1"),
                disabled: true,
                ..Default::default()
            },
            Variable {
                key: "b".into(),
                value: json!("2"),
                disabled: true,
                ..Default::default()
            },
        ];
        let mut scopes = Scopes {
            environment: VariableScope::from_variables(&list),
            globals: scope(&[("a", json!("global"))]),
            ..Default::default()
        };
        assert_eq!(scopes.get("a"), Some(&json!("global")));
        assert_eq!(scopes.get("b"), None);
        assert_eq!(scopes.resolve("{{b}}"), "{{b}}");
        scopes.environment.set("b", json!("now"));
        assert_eq!(scopes.get("b"), Some(&json!("now")));
    }

    fn entry(key: &str, value: &str, disabled: bool) -> Variable {
        Variable {
            key: key.into(),
            value: json!(value),
            disabled,
            ..Default::default()
        }
    }

    #[test]
    fn issue11_duplicates_resolve_to_the_last_enabled_entry() {
        let s = VariableScope::from_variables(&[
            entry("a", "1", false),
            entry("a", "2", true),
            entry("b", "1", true),
            entry("b", "2", false),
            entry("c", "1", false),
            entry("c", "2", false),
            entry("d", "1", true),
            entry("d", "2", true),
        ]);
        assert_eq!(s.get("a"), Some(&json!("1")));
        assert_eq!(s.get("b"), Some(&json!("2")));
        assert_eq!(s.get("c"), Some(&json!("2")));
        assert!(!s.has("d"));
        assert_eq!(
            s.iter().find(|(k, _)| *k == "d").map(|(_, v)| &v.value),
            Some(&json!("2"))
        );
        assert_eq!(s.len(), 4);
    }

    #[test]
    fn issue11_enabled_false_does_not_disable() {
        let s = VariableScope::from_variables(&[Variable {
            key: "f".into(),
            value: json!("1"),
            enabled: Some(false),
            ..Default::default()
        }]);
        assert_eq!(s.get("f"), Some(&json!("1")));
    }

    #[test]
    fn secrets_are_listed() {
        let mut s = VariableScope::new();
        s.set_typed("k", json!("hunter2"), Some("secret".into()));
        s.set("open", json!("visible"));
        assert_eq!(s.secret_values().collect::<Vec<_>>(), vec!["hunter2"]);
    }
}
