//! Variables: scopes, `{{name}}` substitution and dynamic `$` variables.
//!
//! The runner keeps one [`Scopes`] per run; the script engine (`script/`)
//! reads and writes it through `pm.*`; request building (`http/`) resolves
//! every string of a request through [`Scopes::resolve`]. Values are
//! JavaScript values, as in Postman: `js.rs` holds JavaScript's `String`,
//! `Number` and `Boolean` conversions that typed variables and
//! substitution use, and `value.rs` the conversions of typed variables;
//! `expansion.rs` bounds how far a text may grow.

mod dynamic;
mod expansion;
mod fake;
mod js;
mod resolve;
mod scope;
mod value;
mod words;

pub use dynamic::{DYNAMIC_VARIABLES, Generated, dynamic_value, record_generated, take_generated};
pub use expansion::{ExpansionError, ExpansionRecord, MAX_EXPANSION, MAX_EXPANSION_PER_REQUEST};
pub use js::{number_text, to_js_string};
pub use resolve::{
    SUBSTITUTION_PASSES, Substitution, has_unresolved, resolve, resolve_within, token_names,
};
pub use scope::{ScopeKind, ScopeMeta, ScopeVariable, Scopes, VariableScope};
pub use value::{Read, ValueType};
