//! The rest of issue 14: v3 URLs typed as text, what `courier convert`
//! carries over (URL auth, credentials, the single-value shapes of the
//! collection format), v2.0 → v2.1, multi-auth rules, `-e`/`-g` by name
//! and the errors on a field of the wrong shape.

use crate::common::{fixture, normalize};
use crate::convert::{round_trip_agrees, run_echo};

#[test]
fn issue14_v3_url_text_is_split_after_its_variables_resolve() {
    let (run3, got3) = run_echo(&fixture("v3/query-text"), &[]);
    let (run2, got2) = run_echo(&fixture("v3/query-text.postman_collection.json"), &[]);
    assert_eq!(run3.code, 0, "{}\n{}", run3.stdout, run3.stderr);
    assert_eq!(got3, got2);
    assert!(
        got3[0].starts_with("GET /x?page=2&size=10\n"),
        "{}",
        got3[0]
    );
    assert_eq!(normalize(&run3.stdout), normalize(&run2.stdout));
    round_trip_agrees("v3/query-text.postman_collection.json", &[]);
}
