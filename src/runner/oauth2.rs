//! Before an item's request is built: an OAuth 2.0 token, when its auth
//! asks for one.
//!
//! An item whose effective auth is `oauth2` with a grant configured and no
//! `accessToken` (or any such auth under `--oauth2-fetch`) gets a token from
//! the run's [`OAuth2Tokens`] after its pre-request scripts (so they can set
//! the variables the grant uses). The token becomes the auth's
//! `accessToken` and `tokenType`, as the Postman app fills in a block's
//! current token: the `oauth2` signer adds it as usual, and test scripts
//! see it in `pm.request.auth`. A token that cannot be had fails the item
//! before anything is sent, except when the authorization server cannot be
//! reached at all and `--oauth2-fetch` was not given: then the request goes
//! without a token and a console warning says why, as Newman (which
//! fetches nothing) sends such an auth, so a run that passed in Newman
//! does not fail for a token server it could never use.

use std::borrow::Cow;

use crate::collection::{Auth, Request};
use crate::http::{OAuth2Tokens, effective_auth, oauth2_fetch_config, with_access_token};
use crate::outcome::ConsoleEntry;
use crate::variables::Scopes;

use super::item::{ItemRunner, inherited_auth};
use super::plan::PlannedItem;

impl ItemRunner<'_> {
    /// Puts a fetched token into `request`'s auth when it needs one;
    /// `Err` with the reason when none could be had and the item must fail,
    /// `Ok(Some(warning))` when it goes without one.
    pub(super) async fn oauth2_token(
        &mut self,
        planned: &PlannedItem<'_>,
        request: &mut Cow<'_, Request>,
        scopes: &Scopes,
    ) -> Result<Option<ConsoleEntry>, String> {
        let options = self.shared.options;
        let inherited: Vec<&Auth> = inherited_auth(options, planned).collect();
        let Some(auth) = effective_auth(request.auth.as_ref(), &inherited) else {
            return Ok(None);
        };
        let resolve = |t: &str| scopes.resolve(t);
        let Some(config) = oauth2_fetch_config(auth, &resolve, options.oauth2_fetch) else {
            return Ok(None);
        };
        if let Some(e) = scopes.take_expansion_error() {
            // Do not fetch a token with a field that could not be expanded.
            return Err(e.to_string());
        }
        let config = config?;
        let client = self.shared.client;
        let token = match self
            .oauth2
            .token(&config, |spec| async move { client.send(&spec).await })
            .await
        {
            Ok(token) => token,
            Err(e) if e.unreachable && !options.oauth2_fetch => {
                return Ok(Some(ConsoleEntry {
                    level: "warn".into(),
                    message: format!(
                        "{}; the request is sent without a token, as Newman sends an oauth2 auth with none (--oauth2-fetch fails the item instead)",
                        e.message
                    ),
                }));
            }
            Err(e) => return Err(e.message),
        };
        let filled = with_access_token(auth, &token);
        request.to_mut().auth = Some(filled);
        Ok(None)
    }

    /// The tokens fetched so far.
    pub(super) fn oauth2_tokens(&self) -> &OAuth2Tokens {
        &self.oauth2
    }
}
