//! Response snapshots: redaction, storage, diff, update.
//!
//! With `--snapshots DIR` every response a run receives is rendered as text
//! (status line, chosen headers, body — pretty JSON, text, or a sha256 for
//! binary bodies), volatile values are replaced by stable placeholders, and
//! the result is compared with `DIR/<collection>/<folder…>/<item>.snap`.
//! The runner (`runner/item.rs`) calls [`SnapshotSession::check`] after the
//! captures of each item and records the returned
//! [`Assertion`](crate::outcome::Assertion) like any other; reporters show it
//! with the rest.
//!
//! - `options`: [`SnapshotOptions`], [`Redactions`] and the
//!   `courier.snapshots.json` file next to the snapshots;
//! - `render`: a response as snapshot text ([`render_response`]);
//! - `redact`: placeholders (`[id]`, `[id#2]`) keyed by the value they hide;
//! - `file`: the `.snap` layout (insta's: a `---` metadata header, then the
//!   content), file names and atomic writes;
//! - `check`: compare, write new, update, diff into a failed assertion;
//! - `review`: `courier snapshots review|accept|reject DIR`;
//! - `stale`: snapshots of items the collection no longer has
//!   ([`LiveItems`]), listed after a run and deleted by `courier snapshots prune`.

mod check;
mod error;
mod file;
mod options;
mod redact;
mod render;
mod review;
mod stale;

pub use check::{SnapshotSession, SnapshotTarget, unified_diff};
pub use error::SnapshotError;
pub use file::{NEW_EXTENSION, SNAP_EXTENSION, SnapshotFile, sanitize_file_name};
pub use options::{CONFIG_FILE, DEFAULT_HEADERS, Redactions, SnapshotOptions};
pub(crate) use render::render as render_with_secrets;
pub use render::render_response;
pub use review::{Pending, ReviewSummary, accept_all, pending, reject_all, review};
pub use stale::LiveItems;
