//! OAuth 2.0 with a token already obtained (postman-runtime `oauth2.js`):
//! no `accessToken`, or a `mac` `tokenType`, signs nothing; otherwise the
//! `Authorization` header and `access_token` query parameters go, and the
//! token is added to the header (with `headerPrefix`: `Bearer` when unset,
//! none when empty) or to the query, as `addTokenTo` says (`header`, the
//! default, or `queryParams`).

use super::{AuthParams, SignContext, replace_query_param, set_authorization};
use crate::http::error::BuildError;
use crate::http::exchange::RequestSpec;

/// Signs `spec` with the OAuth 2.0 access token.
pub(super) fn sign(
    params: &AuthParams<'_>,
    _ctx: &SignContext<'_>,
    spec: &mut RequestSpec,
) -> Result<(), BuildError> {
    let token = params.get("accessToken");
    if token.is_empty() || params.get("tokenType").eq_ignore_ascii_case("mac") {
        return Ok(());
    }
    let prefix = if params.is_set("headerPrefix") {
        params.get("headerPrefix").trim().to_owned()
    } else {
        "Bearer".to_owned()
    };
    spec.headers
        .retain(|(k, _)| !k.eq_ignore_ascii_case("authorization"));
    replace_query_param(spec, "access_token", None)?;
    match params.get("addTokenTo").as_str() {
        "" | "header" if prefix.is_empty() => set_authorization(spec, token),
        "" | "header" => set_authorization(spec, format!("{prefix} {token}")),
        "queryParams" => replace_query_param(spec, "access_token", Some(&token))?,
        _ => {}
    }
    Ok(())
}
