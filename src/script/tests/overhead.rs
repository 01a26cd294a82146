//! Per-script overhead, for the notes: `cargo test --release --lib
//! script::tests::overhead -- --ignored --nocapture`.

use std::time::Instant;

use super::support::{Fixture, ok};
use crate::script::{ScriptEngine, ScriptOptions};

const TYPICAL: &str = r#"
pm.test("Status is 200", () => pm.response.to.have.status(200));
const body = pm.response.json();
pm.test("The user has an id", () => {
    pm.expect(body.id, "id").to.be.a("number");
    pm.expect(body.tags).to.include("a");
});
if (body.id) {
    pm.environment.set("userId", body.id);
}
"#;

#[tokio::test]
#[ignore = "timing, not a check; run with --ignored --nocapture"]
async fn per_script_overhead() {
    let mut fx = Fixture::new();
    for _ in 0..50 {
        ok(&fx.test(TYPICAL).await);
    }
    let runs = 1000;
    let started = Instant::now();
    for _ in 0..runs {
        let out = fx.test(TYPICAL).await;
        assert_eq!(out.assertions.len(), 2);
    }
    let reused = started.elapsed();
    let started = Instant::now();
    for _ in 0..20 {
        drop(ScriptEngine::new(ScriptOptions::default()));
    }
    let fresh = started.elapsed() / 20;
    println!(
        "typical test script: {:?} per script over {runs} runs ({:?} total); a fresh engine with the prelude: {:?}",
        reused / runs,
        reused,
        fresh
    );
}

#[tokio::test]
#[ignore = "timing, not a check"]
async fn overhead_breakdown() {
    let mut fx = Fixture::new();
    for (label, source) in [("empty test script", ""), ("typical test script", TYPICAL)] {
        for _ in 0..20 {
            fx.test(source).await;
        }
        let started = Instant::now();
        for _ in 0..500 {
            fx.test(source).await;
        }
        println!("{label}: {:?}", started.elapsed() / 500);
        let started = Instant::now();
        for _ in 0..500 {
            fx.pre(source).await;
        }
        println!("{label} as pre-request: {:?}", started.elapsed() / 500);
    }
}
