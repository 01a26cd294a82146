//! Natives behind the `pm` members `js/pm_members.js` adds: the `id` and
//! `name` of the variable scopes (an environment or globals file's own).

use std::rc::Rc;

use rquickjs::{Ctx, Function, Object};

use super::bridge::Bridge;
use crate::variables::{ScopeKind, dynamic_value};

/// The layer behind a scope name of the prelude (`all` is `pm.variables`, the local layer).
fn kind(scope: &str) -> Option<ScopeKind> {
    Some(match scope {
        "all" | "local" => ScopeKind::Local,
        "data" => ScopeKind::Data,
        "environment" => ScopeKind::Environment,
        "collection" => ScopeKind::Collection,
        "globals" => ScopeKind::Globals,
        _ => return None,
    })
}

/// `scopeId(scope)` and `scopeName(scope)`.
pub(crate) fn add_natives<'js>(
    ctx: &Ctx<'js>,
    native: &Object<'js>,
    bridge: &Rc<Bridge>,
) -> rquickjs::Result<()> {
    let b = bridge.clone();
    native.set(
        "scopeId",
        Function::new(ctx.clone(), move |scope: String| {
            let kind = kind(&scope)?;
            let mut scopes = b.scopes.borrow_mut();
            let meta = &mut scopes.scope_mut(kind).meta;
            if meta.id.is_none() {
                // As postman-collection gives a scope without an id: a UUID, kept for the run.
                meta.id = dynamic_value("$randomUUID");
            }
            meta.id.clone()
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "scopeName",
        Function::new(ctx.clone(), move |scope: String| {
            let kind = kind(&scope)?;
            b.scopes.borrow().scope(kind).meta.name.clone()
        })?,
    )?;
    Ok(())
}
