//! Declarative captures (`--captures FILE`): values lifted from a response
//! into variables without any JavaScript.
//!
//! The file maps an item (by name, `Folder/Item` path, or id) to variables
//! and where each comes from: a JSONPath over the JSON body (RFC 9535), a
//! response header, the body text, or the status code, optionally narrowed
//! by a regex whose first group is the value. The runner applies the rules
//! after the test scripts; each rule is reported as an assertion, so a
//! capture that matches nothing fails visibly instead of storing nothing.
//!
//! ```json
//! {
//!   "Create Application": { "appID": { "jsonpath": "$.id" } },
//!   "Authorize/Start flow": {
//!     "flowID": { "header": "Location", "regex": "flowId=([^&]+)" }
//!   }
//! }
//! ```

mod rules;

pub use rules::{CaptureRule, CaptureSource, CaptureSpec};
