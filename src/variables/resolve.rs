//! `{{name}}` substitution with Postman's rules.
//!
//! Tokens match `{{([^{}]*?)}}`, so `{{a.{{b}}}}` resolves inside out. Each
//! pass replaces every token the lookup gives a text for; passes repeat
//! while they change something, at most [`SUBSTITUTION_PASSES`] times
//! (Postman's `VARS_SUBREPLACE_LIMIT`), so a cycle ends. What a value's
//! text is (`null` → `"null"`, an object → `"[object Object]"`, …) is the
//! lookup's business (see `scope.rs`). Names no layer defines stay written
//! as they were, except that names starting with `$` fall back to the
//! dynamic variables.

use std::sync::LazyLock;

use regex::Regex;

use super::dynamic::dynamic_value;

/// What a lookup finds for a token's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Substitution {
    /// No layer defines the name: a dynamic `$` variable, or the token stays.
    Missing,
    /// A layer defines it but gives no text (a `null` in iteration data):
    /// the token stays, and no lower layer is asked.
    Keep,
    /// The token becomes this text.
    Text(String),
}

/// Postman's limit on nested substitution passes.
pub const SUBSTITUTION_PASSES: usize = 19;

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    // A fixed pattern: compiling it cannot fail.
    Regex::new(r"\{\{([^{}]*?)\}\}").expect("valid token pattern")
});

/// Substitutes every `{{name}}` in `text`, looking names up with `lookup`.
pub fn resolve(text: &str, lookup: &dyn Fn(&str) -> Substitution) -> String {
    if !text.contains("{{") {
        return text.to_owned();
    }
    let mut current = text.to_owned();
    for _ in 0..SUBSTITUTION_PASSES {
        let mut changed = false;
        let next = TOKEN.replace_all(&current, |caps: &regex::Captures<'_>| {
            let name = &caps[1];
            let value = match lookup(name) {
                Substitution::Text(text) => Some(text),
                Substitution::Keep => None,
                Substitution::Missing if name.starts_with('$') => dynamic_value(name),
                Substitution::Missing => None,
            };
            match value {
                Some(v) => {
                    changed = true;
                    v
                }
                None => caps[0].to_owned(),
            }
        });
        let next = next.into_owned();
        if !changed {
            break;
        }
        current = next;
    }
    current
}

/// Whether `text` still holds a `{{name}}` token after resolution.
pub fn has_unresolved(text: &str) -> bool {
    TOKEN.is_match(text)
}

/// The names of the `{{…}}` tokens in `text`, in order.
pub fn token_names(text: &str) -> Vec<String> {
    TOKEN.captures_iter(text).map(|c| c[1].to_owned()).collect()
}

#[cfg(test)]
#[allow(clippy::type_complexity)] // test tables
mod tests {
    use super::*;
    use crate::variables::Scopes;
    use serde_json::{Value, json};

    /// Resolves `text` with `vars` in the environment.
    fn run(vars: &[(&str, Value)], text: &str) -> String {
        let mut scopes = Scopes::default();
        for (k, v) in vars {
            scopes.environment.set(*k, v.clone());
        }
        scopes.resolve(text)
    }

    #[test]
    fn table() {
        let cases: &[(&[(&str, Value)], &str, &str)] = &[
            (&[("a", json!("1"))], "{{a}}", "1"),
            (&[("a", json!("1"))], "x{{a}}y{{a}}", "x1y1"),
            (&[("my var", json!("s"))], "{{my var}}", "s"),
            (&[("a.b", json!("dot"))], "{{a.b}}", "dot"),
            (&[("a-b", json!("dash"))], "{{a-b}}", "dash"),
            (&[], "{{missing}}", "{{missing}}"),
            (&[("n", json!(42))], "{{n}}", "42"),
            (&[("n", json!(1.5))], "{{n}}", "1.5"),
            (&[("b", json!(true))], "{{b}}", "true"),
            (&[("o", json!({"k": 1}))], "{{o}}", "[object Object]"),
            (&[("o", json!([1, null, "x"]))], "{{o}}", "1,,x"),
            (&[("o", Value::Null)], "{{o}}", "null"),
            (&[("n", json!(1e21))], "{{n}}", "1e+21"),
            (&[("e", json!(""))], "[{{e}}]", "[]"),
            (
                &[
                    ("tld", json!("com")),
                    ("authPath", json!("https://auth.pingone.{{tld}}")),
                ],
                "{{authPath}}/as/token",
                "https://auth.pingone.com/as/token",
            ),
            (
                &[("b", json!("x")), ("a.x", json!("inner"))],
                "{{a.{{b}}}}",
                "inner",
            ),
            (&[], "{ {a} } {a} {{ }", "{ {a} } {a} {{ }"),
            (&[("a", json!("{{a}}"))], "{{a}}", "{{a}}"),
            // 19 passes alternate a → b → a …, ending on b.
            (
                &[("a", json!("{{b}}")), ("b", json!("{{a}}"))],
                "{{a}}",
                "{{b}}",
            ),
            (&[("$guid", json!("mine"))], "{{$guid}}", "mine"),
            (&[], "{{$notADynamicVariable}}", "{{$notADynamicVariable}}"),
            (&[], "{{}}", "{{}}"),
        ];
        for (vars, input, want) in cases {
            assert_eq!(run(vars, input), *want, "input {input:?}");
        }
    }

    #[test]
    fn depth_limit_stops_growth() {
        // Each pass adds one more token; resolution stops after the limit.
        let out = run(&[("a", json!("x{{a}}"))], "{{a}}");
        assert_eq!(out.matches('x').count(), SUBSTITUTION_PASSES);
        assert!(out.ends_with("{{a}}"));
    }

    #[test]
    fn dynamic_values_are_fresh_per_occurrence() {
        let out = run(&[], "{{$guid}} {{$guid}}");
        let parts: Vec<&str> = out.split(' ').collect();
        assert_eq!(parts.len(), 2);
        assert_ne!(parts[0], parts[1]);
        assert_eq!(parts[0].len(), 36);
    }
}
