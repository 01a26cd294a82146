//! Postman's dynamic variables (`{{$guid}}`, `{{$timestamp}}`, `{{$random…}}`).
//!
//! Each occurrence gets a fresh value. A user variable of the same name wins
//! (the resolver only asks here when no scope has the name).

use rand::Rng;

/// The names this module knows, with the `$`.
pub const DYNAMIC_VARIABLES: &[&str] = &[
    "$guid",
    "$timestamp",
    "$isoTimestamp",
    "$randomUUID",
    "$randomInt",
];

/// A fresh value for a dynamic variable, or `None` for an unknown name.
pub fn dynamic_value(name: &str) -> Option<String> {
    let mut rng = rand::rng();
    Some(match name {
        "$guid" | "$randomUUID" => uuid::Uuid::new_v4().to_string(),
        "$timestamp" => chrono::Utc::now().timestamp().to_string(),
        "$isoTimestamp" => chrono::Utc::now()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "$randomInt" => rng.random_range(0..=1000).to_string(),
        _ => return None,
    })
}
