//! `pm.execution.runRequest`: running another request of the collection
//! from a script, as the Postman app does (postman-runtime's nested
//! request runner).
//!
//! The referenced request is found by id, else by name, anywhere in the
//! collection (whatever `--folder` selected), and runs as an item does:
//! collection, folder and item pre-request scripts, the request through the
//! run's client and cookie jar, then the test scripts. It runs with a
//! script engine of its own (the calling script's is busy awaiting it),
//! starting from the variables the engine hands over. As in Postman, its
//! `setNextRequest` does not steer the run, its tests are not reported
//! (postman-runtime gives the nested run no assertion listener), its
//! console output shows with the calling item's, and the requests it sends
//! are reported as the calling script's own; a script error in it, or a
//! request that got no response, rejects the promise. Calls nest at most
//! [`MAX_DEPTH`] deep (postman-runtime's `maxInvokableNestedRequests`).

use crate::http::Exchange;
use crate::script::{RunRequestCall, RunRequestDone};
use crate::variables::Scopes;

use super::item::{ItemRunner, Shared};
use super::iteration::new_engine;
use super::plan::{PlannedItem, plan};
use crate::outcome::ItemError;

/// How deep `pm.execution.runRequest` calls may nest (postman-runtime's default).
pub(crate) const MAX_DEPTH: usize = 10;

/// Where a nested run happens: the calling run's shared state, its
/// iteration, and how deep the caller already is.
pub(crate) struct NestedContext<'a> {
    pub shared: Shared<'a>,
    pub iteration: usize,
    pub depth: usize,
}

/// Runs the request `call` names; returns what the caller's script gets and
/// every request the nested run sent, in order, for the caller's report.
pub(crate) async fn run_request(
    context: NestedContext<'_>,
    call: RunRequestCall,
    mut scopes: Scopes,
) -> (RunRequestDone, Vec<Exchange>) {
    let refuse = |message: String, scopes: Scopes| {
        let done = RunRequestDone {
            response: Err(message),
            scopes,
            console: Vec::new(),
        };
        (done, Vec::new())
    };
    if context.depth >= MAX_DEPTH {
        return refuse(
            format!("Max pm.execution.runRequest depth of {MAX_DEPTH} has been reached."),
            scopes,
        );
    }
    let options = context.shared.options;
    let items = plan(&options.collection, &[]).unwrap_or_default();
    let Some(planned) = find(&items, &call.target) else {
        return refuse(
            format!(
                "pm.execution.runRequest: the collection has no request with the id or name \"{}\"",
                call.target
            ),
            scopes,
        );
    };
    let engine = match new_engine(options) {
        Ok(engine) => engine,
        Err(e) => return refuse(format!("pm.execution.runRequest: {e}"), scopes),
    };
    let mut runner = ItemRunner::nested(context.shared, engine, context.depth + 1);
    let (result, _next) = Box::pin(runner.run_item(planned, context.iteration, &mut scopes)).await;
    let response = match (&result.exchange, result.skipped) {
        (Some(exchange), false) => exchange.response.as_ref().ok().cloned(),
        _ => None,
    };
    let mut sent: Vec<Exchange> = Vec::new();
    let (before, after): (Vec<_>, Vec<_>) = result
        .script_requests
        .into_iter()
        .partition(|r| r.event == crate::outcome::ScriptEvent::Prerequest);
    sent.extend(before.into_iter().map(|r| r.exchange));
    sent.extend(result.exchange);
    sent.extend(after.into_iter().map(|r| r.exchange));
    let failed = result.errors.iter().find(|e| {
        matches!(
            e,
            ItemError::Script { .. } | ItemError::Request { .. } | ItemError::Http { .. }
        )
    });
    let response = match failed {
        Some(error) => Err(format!(
            "pm.execution.runRequest(\"{}\"): {error}",
            planned.item_ref.name
        )),
        None => Ok(response),
    };
    let done = RunRequestDone {
        response,
        scopes,
        console: result.console,
    };
    (done, sent)
}

/// The first request whose id is `target`, else the first whose name is.
fn find<'p, 'c>(items: &'p [PlannedItem<'c>], target: &str) -> Option<&'p PlannedItem<'c>> {
    items
        .iter()
        .find(|p| p.item.id.as_deref() == Some(target))
        .or_else(|| items.iter().find(|p| p.item.name == target))
}
