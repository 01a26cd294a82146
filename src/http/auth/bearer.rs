//! Bearer token auth (postman-runtime `bearer.js`): `Authorization: Bearer
//! <token>`; an empty token signs nothing.

use super::{AuthParams, SignContext, set_authorization};
use crate::http::error::BuildError;
use crate::http::exchange::RequestSpec;

/// Signs `spec` with a bearer token.
pub(super) fn sign(
    params: &AuthParams<'_>,
    _ctx: &SignContext<'_>,
    spec: &mut RequestSpec,
) -> Result<(), BuildError> {
    let token = params.get("token");
    if !token.is_empty() {
        set_authorization(spec, format!("Bearer {token}"));
    }
    Ok(())
}
