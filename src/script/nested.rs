//! What `pm.execution.runRequest` and `pm.execution.location` need of the
//! engine, apart from driving the call (`engine.rs`) and running the item
//! (the runner's [`ScriptHost::run_request`]).
//!
//! As postman-runtime runs a referenced request, the nested run starts from
//! the calling script's variables as they are at the call, with the call's
//! `variables` set in the local scope on top; when it ends, what its
//! scripts changed in the local, environment, collection and global scopes
//! is applied to the calling script's (the overrides themselves are not
//! changes, so they stay with the nested run).
//!
//! [`ScriptHost::run_request`]: super::ScriptHost::run_request

use serde_json::Value;

use crate::variables::{ScopeKind, Scopes};

/// The scopes a nested run starts from: `scopes` with `variables` set locally.
pub(super) fn with_overrides(scopes: &Scopes, variables: &[(String, Value)]) -> Scopes {
    let mut start = scopes.clone();
    for (key, value) in variables {
        start.local.set(key.clone(), value.clone());
    }
    start
}

/// Applies to `target` what changed from `before` to `after` in every
/// scope but the iteration data (which a script's changes never outlive).
pub(super) fn carry_over(before: &Scopes, after: &Scopes, target: &mut Scopes) {
    for kind in ScopeKind::ALL {
        if kind == ScopeKind::Data {
            continue;
        }
        let (old, new) = (before.scope(kind), after.scope(kind));
        let into = target.scope_mut(kind);
        for (key, entry) in new.iter() {
            if old.iter().find(|(k, _)| *k == key).map(|(_, e)| e) != Some(entry) {
                into.put(key, entry.clone());
            }
        }
        for (key, _) in old.iter() {
            if !new.iter().any(|(k, _)| k == key) {
                into.unset(key);
            }
        }
    }
}

/// Which name of an item's path (collection, folders, item) owns a script
/// (`pm.execution.location.current`), from the script's `origin` as the
/// runner writes it. Costs no allocation: every script asks.
pub(super) fn owner(path: &[String], origin: &str) -> usize {
    let last = path.len().saturating_sub(1);
    match origin {
        "collection" => 0,
        "item" => last,
        other => other
            .strip_prefix("folder \"")
            .and_then(|rest| rest.strip_suffix('"'))
            .and_then(|name| path.iter().take(last).skip(1).position(|p| p == name))
            .map_or(last, |i| i + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn path() -> Vec<String> {
        ["C", "F", "Item"].map(String::from).to_vec()
    }

    #[test]
    fn the_owner_is_the_collection_a_folder_or_the_item() {
        assert_eq!(owner(&path(), "collection"), 0);
        assert_eq!(owner(&path(), "folder \"F\""), 1);
        assert_eq!(owner(&path(), "item"), 2);
        assert_eq!(owner(&path(), "folder \"Unknown\""), 2);
        assert_eq!(owner(&[], "item"), 0);
    }

    #[test]
    fn nested_changes_carry_over_but_overrides_do_not() {
        let mut parent = Scopes::default();
        parent.environment.set("keep", json!("1"));
        parent.environment.set("gone", json!("2"));
        parent.local.set("x", json!("parent"));
        let before = with_overrides(&parent, &[("x".into(), json!("override"))]);
        assert_eq!(before.local.get("x"), Some(&json!("override")));
        let mut after = before.clone();
        after.environment.set("new", json!("3"));
        after.environment.unset("gone");
        after.globals.set("g", json!(true));
        after.data.set("row", json!("ignored"));
        // Changed meanwhile by the calling script: untouched where the nested run did not write.
        parent.environment.set("keep", json!("changed by caller"));
        carry_over(&before, &after, &mut parent);
        assert_eq!(parent.local.get("x"), Some(&json!("parent")));
        assert_eq!(parent.environment.get("new"), Some(&json!("3")));
        assert_eq!(parent.environment.get("gone"), None);
        assert_eq!(
            parent.environment.get("keep"),
            Some(&json!("changed by caller"))
        );
        assert_eq!(parent.globals.get("g"), Some(&json!(true)));
        assert_eq!(parent.data.get("row"), None);
    }
}
