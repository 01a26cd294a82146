//! Basic auth (postman-runtime `basic.js`): `Authorization: Basic` and the
//! base64 of `username:password` (UTF-8), always signed, empty fields too.

use base64::Engine as _;

use super::{AuthParams, SignContext, set_authorization};
use crate::http::error::BuildError;
use crate::http::exchange::RequestSpec;

/// Signs `spec` with basic auth.
pub(super) fn sign(
    params: &AuthParams<'_>,
    _ctx: &SignContext<'_>,
    spec: &mut RequestSpec,
) -> Result<(), BuildError> {
    let token = base64::engine::general_purpose::STANDARD.encode(format!(
        "{}:{}",
        params.get("username"),
        params.get("password")
    ));
    set_authorization(spec, format!("Basic {token}"));
    Ok(())
}
