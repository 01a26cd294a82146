//! Issue 13, item 1: `CryptoJS` end to end. `scripts/crypto` holds values
//! crypto-js 3.3.0 (Newman 6.2.2's) computed once under Node, for every
//! cipher, mode, padding, hash, HMAC, KDF and encoder; courier must reach
//! each of them. `conformance/run.sh` runs the same collection through
//! Newman and compares.

use crate::common::{courier_with_json_report, fixture};
use crate::support::echo::Echo;

#[test]
fn issue13_crypto_js_gives_crypto_js_3_3_0_values() {
    let echo = Echo::start();
    let (run, report) = courier_with_json_report(&[
        "run",
        &fixture("scripts/crypto.postman_collection.json"),
        "--env-var",
        &format!("base={}", echo.url()),
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let stats = &report["run"]["stats"]["assertions"];
    assert_eq!(stats["failed"], 0, "{}", run.stdout);
    // Every case of the fixture ran: a group that threw early would count fewer.
    assert_eq!(stats["total"], 139, "{}", run.stdout);
    assert_eq!(report["run"]["stats"]["testScripts"]["failed"], 0);
}
