//! Variables: scopes, `{{name}}` substitution and dynamic `$` variables.
//!
//! The runner keeps one [`Scopes`] per run; the script engine (`script/`)
//! reads and writes it through `pm.*`; request building (`http/`) resolves
//! every string of a request through [`Scopes::resolve`].

mod dynamic;
mod fake;
mod resolve;
mod scope;
mod words;

pub use dynamic::{DYNAMIC_VARIABLES, dynamic_value};
pub use resolve::{SUBSTITUTION_PASSES, has_unresolved, resolve, token_names};
pub use scope::{ScopeKind, ScopeVariable, Scopes, VariableScope};
