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
//! before anything is sent.

use crate::collection::{Auth, Request};
use crate::http::{OAuth2Tokens, effective_auth, oauth2_fetch_config, with_access_token};
use crate::variables::Scopes;

use super::item::{ItemRunner, inherited_auth};
use super::plan::PlannedItem;

impl ItemRunner<'_> {
    /// Puts a fetched token into `request`'s auth when it needs one;
    /// `Err` with the reason when none could be had.
    pub(super) async fn oauth2_token(
        &mut self,
        planned: &PlannedItem<'_>,
        request: &mut Request,
        scopes: &Scopes,
    ) -> Result<(), String> {
        let options = self.shared.options;
        let inherited: Vec<&Auth> = inherited_auth(options, planned).collect();
        let Some(auth) = effective_auth(request.auth.as_ref(), &inherited) else {
            return Ok(());
        };
        let resolve = |t: &str| scopes.resolve(t);
        let Some(config) = oauth2_fetch_config(auth, &resolve, options.oauth2_fetch) else {
            return Ok(());
        };
        let config = config?;
        let client = self.shared.client;
        let token = self
            .oauth2
            .token(&config, |spec| async move { client.send(&spec).await })
            .await?;
        let filled = with_access_token(auth, &token);
        request.auth = Some(filled);
        Ok(())
    }

    /// The tokens fetched so far.
    pub(super) fn oauth2_tokens(&self) -> &OAuth2Tokens {
        &self.oauth2
    }
}
