//! `pm.vault`: the natives behind `get`, `set` and `unset`.
//!
//! The vault is [`Scopes::vault`], which the engine moves into the
//! [`Bridge`] for each script like the other scopes: a value a script sets
//! is a secret for the reports at once, and `{{vault:key}}` resolves it in
//! the next request. The prelude (`js/pm.js`) wraps these in promises, as
//! Postman's `pm.vault` returns promises.
//!
//! [`Scopes::vault`]: crate::variables::Scopes

use std::rc::Rc;

use rquickjs::{Ctx, Function, Object};
use serde_json::Value;

use super::bridge::Bridge;
use crate::variables::to_js_string;

/// `vaultGet(key)`, `vaultSet(key, value)`, `vaultUnset(key)`.
pub(crate) fn add_natives<'js>(
    ctx: &Ctx<'js>,
    native: &Object<'js>,
    bridge: &Rc<Bridge>,
) -> rquickjs::Result<()> {
    let b = bridge.clone();
    native.set(
        "vaultGet",
        Function::new(ctx.clone(), move |key: String| {
            b.scopes.borrow().vault.get(&key).map(to_js_string)
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "vaultSet",
        Function::new(ctx.clone(), move |key: String, value: String| {
            if !b.discarding.get() {
                b.settle_request();
                b.scopes.borrow_mut().vault.set(key, Value::String(value));
            }
        })?,
    )?;
    let b = bridge.clone();
    native.set(
        "vaultUnset",
        Function::new(ctx.clone(), move |key: String| {
            if !b.discarding.get() {
                b.settle_request();
                b.scopes.borrow_mut().vault.unset(&key);
            }
        })?,
    )?;
    Ok(())
}
