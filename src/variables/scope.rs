//! Variable scopes and their precedence.
//!
//! A [`VariableScope`] is one layer (environment, globals, …); [`Scopes`]
//! stacks the five layers Postman knows, narrowest first: local
//! (`pm.variables.set`), iteration data, environment, collection variables,
//! globals. Dynamic `$` variables sit below all of them (see `dynamic.rs`).

use indexmap::IndexMap;
use serde_json::Value;

use super::expansion::{ExpansionError, ExpansionRecord, quote_origin};
use super::js::to_js_string;
use super::resolve::{Substitution, resolve};
use super::value::{Read, ValueType};
use crate::collection::{Environment, Variable, scalar_to_string};

/// One entry of a scope.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeVariable {
    /// The value as stored: what was set, converted for the entry's type
    /// (a `string` variable stores text, an `array` one JSON text).
    pub value: Value,
    /// Postman's `type` (`default`, `secret`, `string`, …), kept for
    /// conversion, export and masking.
    pub kind: Option<String>,
    /// A disabled entry is kept for export but takes no part in lookups.
    pub enabled: bool,
    /// It reads as `undefined`: a script set it so, or its file entry has
    /// no `value` at all.
    pub undefined: bool,
    /// The running script set it to `undefined`. In the environment,
    /// globals and collection variables that lasts until the script ends;
    /// then it holds `null`, as in Newman (see [`Scopes::end_script`]). An
    /// entry loaded without a value stays undefined, as in Newman.
    pub undefined_by_script: bool,
}

impl ScopeVariable {
    fn value_type(&self) -> ValueType {
        ValueType::of(self.kind.as_deref())
    }

    /// The value as a script reads it.
    pub fn read(&self) -> Read {
        if self.undefined && self.value_type() == ValueType::Any {
            return Read::Undefined;
        }
        self.value_type().cast_out(&self.value)
    }
}

/// One layer of variables, in insertion order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VariableScope {
    vars: IndexMap<String, ScopeVariable>,
    /// The file's `id` and `name` (`pm.environment.id`, `pm.environment.name`).
    pub meta: ScopeMeta,
}

/// The `id` and `name` of an environment or globals file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeMeta {
    /// The file's id; scripts that read a missing one get a fresh UUID, kept for the run.
    pub id: Option<String>,
    /// The file's name.
    pub name: Option<String>,
}

impl VariableScope {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// A scope from a file's variable list. Values are converted for their
    /// `type` as postman-collection does.
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
            // An entry without a value is undefined, as in Newman.
            let given = (!v.value_absent).then_some(&v.value);
            let value = ValueType::of(v.kind.as_deref()).cast_in(given);
            scope.vars.insert(
                v.key.clone(),
                ScopeVariable {
                    value,
                    kind: v.kind.clone(),
                    enabled,
                    undefined: v.value_absent,
                    undefined_by_script: false,
                },
            );
        }
        scope
    }

    /// The stored value of an enabled variable.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.vars.get(key).filter(|v| v.enabled).map(|v| &v.value)
    }

    /// An enabled variable's value as a script reads it.
    pub fn read(&self, key: &str) -> Option<Read> {
        self.entry(key).map(ScopeVariable::read)
    }

    /// The whole entry of an enabled variable.
    pub fn entry(&self, key: &str) -> Option<&ScopeVariable> {
        self.vars.get(key).filter(|v| v.enabled)
    }

    /// Whether an enabled variable of that name exists.
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets a value, enabling the entry; an existing entry keeps its type
    /// and converts the value for it.
    pub fn set(&mut self, key: impl Into<String>, value: Value) {
        self.store(key.into(), Some(&value));
    }

    /// `set(key, undefined)` from a script: see [`ScopeVariable::undefined`].
    pub fn set_undefined(&mut self, key: impl Into<String>) {
        self.store(key.into(), None);
    }

    fn store(&mut self, key: String, value: Option<&Value>) {
        let entry = self.vars.entry(key).or_insert(ScopeVariable {
            value: Value::Null,
            kind: None,
            enabled: true,
            undefined: false,
            undefined_by_script: false,
        });
        entry.value = entry.value_type().cast_in(value);
        entry.enabled = true;
        entry.undefined = value.is_none();
        entry.undefined_by_script = value.is_none();
    }

    /// Sets a value with an explicit type (`secret`, …).
    pub fn set_typed(&mut self, key: impl Into<String>, value: Value, kind: Option<String>) {
        self.vars.insert(
            key.into(),
            ScopeVariable {
                value,
                kind,
                enabled: true,
                undefined: false,
                undefined_by_script: false,
            },
        );
    }

    /// Stores `entry` as it is under `key` (a copy of another scope's entry).
    pub fn put(&mut self, key: impl Into<String>, entry: ScopeVariable) {
        self.vars.insert(key.into(), entry);
    }

    /// The end of a script: what it set to `undefined` now holds `null`.
    pub fn end_script(&mut self) {
        for v in self.vars.values_mut().filter(|v| v.undefined_by_script) {
            v.value = v.value_type().cast_in(Some(&Value::Null));
            v.undefined = false;
            v.undefined_by_script = false;
        }
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

    /// Enabled variables as a script reads them (what `toObject()` returns).
    pub fn reads(&self) -> impl Iterator<Item = (&str, Read)> {
        self.vars
            .iter()
            .filter(|(_, v)| v.enabled)
            .map(|(k, v)| (k.as_str(), v.read()))
    }

    /// Enabled variables as a JSON object; `undefined` reads as `null`.
    pub fn to_object(&self) -> serde_json::Map<String, Value> {
        self.reads()
            .map(|(k, r)| {
                let value = match r {
                    Read::Value(v) => v,
                    Read::Undefined => Value::Null,
                };
                (k.to_owned(), value)
            })
            .collect()
    }

    /// Every entry, disabled ones included, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ScopeVariable)> {
        self.vars.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Entries back in the file format, for export. The type is the one
    /// Newman writes (`any` unless it is one that converts values), except
    /// that `secret` stays `secret`, so the next run still masks the value.
    pub fn to_variables(&self) -> Vec<Variable> {
        self.vars
            .iter()
            .map(|(k, v)| {
                let kind = if v.kind.as_deref() == Some("secret") {
                    "secret"
                } else {
                    v.value_type().export_name()
                };
                Variable {
                    key: k.clone(),
                    value: v.value.clone(),
                    kind: Some(kind.to_owned()),
                    enabled: Some(v.enabled),
                    disabled: false,
                    value_absent: false,
                }
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
        let mut scope = Self::from_variables(&env.values);
        scope.meta = ScopeMeta {
            id: env.id.clone(),
            name: Some(env.name.clone()),
        };
        scope
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

impl ScopeKind {
    /// Every layer, narrowest first.
    pub const ALL: [ScopeKind; 5] = [
        ScopeKind::Local,
        ScopeKind::Data,
        ScopeKind::Environment,
        ScopeKind::Collection,
        ScopeKind::Globals,
    ];
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
    /// Vault secrets (`--vault`, `COURIER_VAULT_*`, `pm.vault`): not a
    /// layer of `pm.variables`; requests read them as `{{vault:key}}`, after
    /// every layer, as postman-runtime adds its vault variables last. Their
    /// values are secrets.
    pub vault: VariableScope,
    /// The first text [`Scopes::resolve`] refused to expand since the
    /// runner last asked (see `expansion.rs`).
    pub expansion: ExpansionRecord,
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

    /// The stored value of `name` in the narrowest layer that has it.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.layers().into_iter().find_map(|(_, s)| s.get(name))
    }

    /// `name` as a script reads it from the narrowest layer that has it
    /// (`pm.variables.get`).
    pub fn read(&self, name: &str) -> Option<Read> {
        self.layers().into_iter().find_map(|(_, s)| s.read(name))
    }

    /// Every visible variable as a script reads it, narrowest layer
    /// winning, in the order `pm.variables.toObject()` lists them.
    pub fn reads(&self) -> IndexMap<String, Read> {
        let mut out = IndexMap::new();
        for (_, scope) in self.layers().into_iter().rev() {
            for (k, r) in scope.reads() {
                out.insert(k.to_owned(), r);
            }
        }
        out
    }

    /// Every visible variable, narrowest layer winning (`pm.variables.toObject()`);
    /// `undefined` reads as `null`.
    pub fn to_object(&self) -> serde_json::Map<String, Value> {
        self.reads()
            .into_iter()
            .map(|(k, r)| match r {
                Read::Value(v) => (k, v),
                Read::Undefined => (k, Value::Null),
            })
            .collect()
    }

    /// Secret values of the environment, globals, collection and vault, for masking.
    pub fn secret_values(&self) -> Vec<String> {
        self.environment
            .secret_values()
            .chain(self.globals.secret_values())
            .chain(self.collection.secret_values())
            .chain(
                self.vault
                    .to_object()
                    .into_values()
                    .map(|v| to_js_string(&v))
                    .filter(|s| !s.is_empty()),
            )
            .collect()
    }

    /// The end of a script: see [`ScopeVariable::undefined`]. Newman sends
    /// the changes of the environment, globals and collection variables to
    /// its runtime as JSON, where `undefined` turns into `null`; the local
    /// scope (`pm.variables`) travels whole and keeps `undefined`.
    pub fn end_script(&mut self) {
        for kind in [
            ScopeKind::Environment,
            ScopeKind::Collection,
            ScopeKind::Globals,
        ] {
            self.scope_mut(kind).end_script();
        }
    }

    /// Substitutes `{{name}}` tokens in `text` as postman-runtime does for
    /// a request: every layer is a variable list except the iteration data,
    /// a plain object, where a `null` value keeps the token as written (and
    /// hides the layers below).
    ///
    /// A text that would grow past the expansion limit is returned as it
    /// was, and the error waits in [`Scopes::take_expansion_error`]: the
    /// runner asks after building a request and fails the item; so does a
    /// request whose fields add more than `MAX_EXPANSION_PER_REQUEST`
    /// together since the runner last asked. While an
    /// error waits, texts come back as written: the item fails anyway, and
    /// each further field using the variable would cost the limit again.
    pub fn resolve(&self, text: &str) -> String {
        if self.expansion.pending() {
            return text.to_owned();
        }
        match self.try_resolve(text) {
            Ok(out) => {
                if out.len() > text.len() {
                    let name = super::resolve::first_token_name(text);
                    self.expansion
                        .added(out.len() - text.len(), name.unwrap_or(""));
                }
                out
            }
            Err(e) => {
                self.expansion.record(e);
                text.to_owned()
            }
        }
    }

    /// [`Scopes::resolve`], returning the expansion error instead of
    /// recording it.
    pub fn try_resolve(&self, text: &str) -> Result<String, ExpansionError> {
        resolve(text, &|name| self.substitution(name, true)).map_err(|e| self.explain(e))
    }

    /// The first expansion error since the last call, if any.
    pub fn take_expansion_error(&self) -> Option<ExpansionError> {
        self.expansion.take()
    }

    /// Adds to `error` where its variable is defined and how its value
    /// starts; a secret's value is not quoted.
    fn explain(&self, mut error: ExpansionError) -> ExpansionError {
        let found = self
            .layers()
            .into_iter()
            .find_map(|(kind, scope)| scope.entry(&error.name).map(|e| (kind, e)));
        error.origin = found.map(|(kind, entry)| {
            let kind = match kind {
                ScopeKind::Local => "local variable",
                ScopeKind::Data => "iteration data variable",
                ScopeKind::Environment => "environment variable",
                ScopeKind::Collection => "collection variable",
                ScopeKind::Globals => "global variable",
            };
            if entry.kind.as_deref() == Some("secret") {
                format!("{kind} {}, a secret", error.name)
            } else {
                quote_origin(kind, &error.name, &entry.read().text())
            }
        });
        error
    }

    /// Substitutes every string inside `value`, as postman-runtime resolves
    /// a whole request (`toObjectResolved`); keys stay as they are.
    pub fn resolve_json(&self, value: &mut Value) {
        match value {
            Value::String(s) if s.contains("{{") => *s = self.resolve(s),
            Value::Array(items) => items.iter_mut().for_each(|v| self.resolve_json(v)),
            Value::Object(map) => map.values_mut().for_each(|v| self.resolve_json(v)),
            _ => {}
        }
    }

    /// Substitutes `{{name}}` tokens as `pm.variables.replaceIn` does: every
    /// layer is a variable list, so a `null` value becomes `"null"`.
    pub fn replace_in(&self, text: &str) -> Result<String, ExpansionError> {
        resolve(text, &|name| self.substitution(name, false)).map_err(|e| self.explain(e))
    }

    fn substitution(&self, name: &str, plain_data: bool) -> Substitution {
        for (kind, scope) in self.layers() {
            let Some(read) = scope.read(name) else {
                continue;
            };
            if plain_data && kind == ScopeKind::Data {
                return match read {
                    Read::Value(Value::Null) | Read::Undefined => Substitution::Keep,
                    Read::Value(v) => Substitution::Text(to_js_string(&v)),
                };
            }
            return Substitution::Text(read.text());
        }
        if let Some(key) = name.strip_prefix("vault:").filter(|_| plain_data)
            && let Some(value) = self.vault.get(key)
        {
            return Substitution::Text(to_js_string(value));
        }
        Substitution::Missing
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

    #[test]
    fn issue13_vault_keys_resolve_in_requests_after_every_layer_and_are_secrets() {
        let mut scopes = Scopes::default();
        scopes.vault.set("apiKey", json!("v-secret"));
        assert_eq!(scopes.resolve("k={{vault:apiKey}}"), "k=v-secret");
        assert_eq!(scopes.resolve("{{vault:other}}"), "{{vault:other}}");
        // Not a layer of pm.variables, nor of replaceIn.
        assert_eq!(scopes.get("apiKey"), None);
        assert_eq!(
            scopes.replace_in("{{vault:apiKey}}").unwrap(),
            "{{vault:apiKey}}"
        );
        // A variable literally named `vault:apiKey` comes first, as in postman-runtime.
        scopes.environment.set("vault:apiKey", json!("env"));
        assert_eq!(scopes.resolve("{{vault:apiKey}}"), "env");
        assert!(scopes.secret_values().contains(&"v-secret".to_owned()));
    }

    #[test]
    fn issue11_null_undefined_and_objects_substitute_as_in_newman() {
        let mut scopes = Scopes::default();
        scopes.environment.set("n", Value::Null);
        scopes.environment.set("o", json!({"a": 1}));
        scopes.environment.set("arr", json!([1, null, "x"]));
        scopes.environment.set("num", json!(1e21));
        scopes.environment.set_undefined("u");
        let text = "{{n}}|{{o}}|{{arr}}|{{num}}|{{u}}";
        // In the script that set `u` to undefined, it reads as undefined.
        assert_eq!(scopes.environment.read("u"), Some(Read::Undefined));
        assert!(scopes.environment.has("u"));
        assert_eq!(scopes.resolve(text), "null|[object Object]|1,,x|1e+21|");
        // Once the script has ended it holds null, as Newman's runtime does.
        scopes.end_script();
        assert_eq!(scopes.environment.read("u"), Some(Read::Value(Value::Null)));
        assert_eq!(scopes.resolve(text), "null|[object Object]|1,,x|1e+21|null");
        assert_eq!(scopes.replace_in(text).unwrap(), scopes.resolve(text));
        // `pm.variables` keeps undefined across scripts.
        scopes.local.set_undefined("l");
        scopes.end_script();
        assert_eq!(scopes.local.read("l"), Some(Read::Undefined));
        assert_eq!(scopes.resolve("[{{l}}]"), "[]");
    }

    #[test]
    fn issue11_iteration_data_null_keeps_the_token_in_requests() {
        let mut scopes = Scopes::default();
        scopes.data.set("d", Value::Null);
        scopes.data.set("o", json!({"a": 1}));
        scopes.environment.set("d", json!("env"));
        // postman-runtime resolves a request with the data row as a plain
        // object: null keeps the token and hides the environment's value.
        assert_eq!(scopes.resolve("{{d}}|{{o}}"), "{{d}}|[object Object]");
        // Scripts see the row as a variable list: null is "null".
        assert_eq!(
            scopes.replace_in("{{d}}|{{o}}").unwrap(),
            "null|[object Object]"
        );
    }

    #[test]
    fn issue11_an_entry_without_value_stays_undefined_after_scripts() {
        let list: Vec<Variable> = serde_json::from_str(
            r#"[{"key":"a"},{"key":"t","type":"string"},{"key":"n","value":null}]"#,
        )
        .expect("parses");
        let mut scope = VariableScope::from_variables(&list);
        scope.end_script();
        assert_eq!(scope.read("a"), Some(Read::Undefined));
        assert_eq!(scope.read("t"), Some(Read::Value(json!("undefined"))));
        assert_eq!(scope.read("n"), Some(Read::Value(Value::Null)));
    }

    #[test]
    fn issue11_typed_variables_convert_on_set_and_after_undefined() {
        let list = vec![
            Variable {
                key: "s".into(),
                value: json!(12),
                kind: Some("string".into()),
                ..Default::default()
            },
            Variable {
                key: "b".into(),
                value: json!("yes"),
                kind: Some("boolean".into()),
                ..Default::default()
            },
        ];
        let mut scope = VariableScope::from_variables(&list);
        assert_eq!(scope.read("s"), Some(Read::Value(json!("12"))));
        assert_eq!(scope.read("b"), Some(Read::Value(json!(true))));
        scope.set("s", json!({"a": 1}));
        assert_eq!(scope.get("s"), Some(&json!("[object Object]")));
        scope.set_undefined("s");
        assert_eq!(scope.read("s"), Some(Read::Value(json!("undefined"))));
        scope.end_script();
        assert_eq!(scope.read("s"), Some(Read::Value(json!("null"))));
        // Newman writes `any` for types it does not convert.
        let kinds: Vec<Option<String>> = scope.to_variables().into_iter().map(|v| v.kind).collect();
        assert_eq!(kinds, vec![Some("string".into()), Some("boolean".into())]);
        let mut other = VariableScope::new();
        other.set("d", json!(1));
        other.set_typed("k", json!("x"), Some("secret".into()));
        let kinds: Vec<Option<String>> = other.to_variables().into_iter().map(|v| v.kind).collect();
        assert_eq!(kinds, vec![Some("any".into()), Some("secret".into())]);
    }
}
