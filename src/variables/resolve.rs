//! `{{name}}` substitution with Postman's rules.
//!
//! Tokens match `{{([^{}]*?)}}`, so `{{a.{{b}}}}` resolves inside out. Each
//! pass replaces every token the lookup gives a text for; passes repeat
//! while they change something, at most [`SUBSTITUTION_PASSES`] times
//! (Postman's `VARS_SUBREPLACE_LIMIT`), so a cycle ends. What a value's
//! text is (`null` → `"null"`, an object → `"[object Object]"`, …) is the
//! lookup's business (see `scope.rs`). Names no layer defines stay written
//! as they were, except that names starting with `$` fall back to the
//! dynamic variables. A text that grows past [`MAX_EXPANSION`] (a value
//! that refers to itself) stops the resolution with an error instead.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::dynamic::dynamic_value;
use super::expansion::{ExpansionError, MAX_EXPANSION};

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

/// Substitutes every `{{name}}` in `text`, looking names up with `lookup`;
/// stops with an [`ExpansionError`] once the text passes [`MAX_EXPANSION`].
pub fn resolve(
    text: &str,
    lookup: &dyn Fn(&str) -> Substitution,
) -> Result<String, ExpansionError> {
    resolve_within(text, lookup, MAX_EXPANSION)
}

/// [`resolve`] with a limit of `limit` bytes, or the length of `text` when
/// that is larger (a text is never refused for what it held to begin with).
pub fn resolve_within(
    text: &str,
    lookup: &dyn Fn(&str) -> Substitution,
    limit: usize,
) -> Result<String, ExpansionError> {
    if !text.contains("{{") {
        return Ok(text.to_owned());
    }
    let limit = limit.max(text.len());
    // The scopes do not change during one resolution: each name is looked
    // up once (a growing text repeats a few names millions of times).
    let mut known = HashMap::new();
    let mut current = Cow::Borrowed(text);
    for _ in 0..SUBSTITUTION_PASSES {
        if !current.contains("{{") {
            // No token left: a pass would change nothing.
            break;
        }
        match substitute_once(&current, lookup, &mut known, limit)? {
            Some(next) => current = Cow::Owned(next),
            None => break,
        }
    }
    Ok(current.into_owned())
}

/// One pass over `text`: `None` when no token was replaced. The length is
/// checked as the text is written, so a pass that would pass `limit`
/// stops there, having done at most `limit` bytes of work.
fn substitute_once(
    text: &str,
    lookup: &dyn Fn(&str) -> Substitution,
    known: &mut HashMap<String, Substitution>,
    limit: usize,
) -> Result<Option<String>, ExpansionError> {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut grown: Option<(&str, bool)> = None;
    // The last name and what it gave: a text that grows repeats one name.
    let mut last_found: Option<(&str, Option<&Substitution>)> = None;
    for (start, end) in Tokens::new(text) {
        let name = &text[start + 2..end - 2];
        let found = match last_found {
            Some((last_name, found)) if last_name == name => found,
            _ => {
                if !known.contains_key(name) {
                    known.insert(name.to_owned(), lookup(name));
                }
                let found = known.get(name);
                last_found = Some((name, found));
                found
            }
        };
        let value = match found {
            Some(Substitution::Text(text)) => Cow::Borrowed(text.as_str()),
            // A dynamic value is fresh for each occurrence.
            Some(Substitution::Missing) if name.starts_with('$') => match dynamic_value(name) {
                Some(v) => Cow::Owned(v),
                None => continue,
            },
            _ => continue,
        };
        out.push_str(&text[last..start]);
        let refers = value.contains("{{");
        if out.len() + value.len() > limit {
            return Err(overflow(name, refers, limit));
        }
        out.push_str(&value);
        last = end;
        grown = Some((name, refers));
    }
    let Some((name, refers)) = grown else {
        return Ok(None);
    };
    out.push_str(&text[last..]);
    if out.len() > limit {
        return Err(overflow(name, refers, limit));
    }
    Ok(Some(out))
}

/// The byte ranges of the tokens of a text, as `TOKEN.find_iter` finds
/// them, without the regex engine: a growing text is scanned again on every
/// pass, and this loop is what the limit's cost is made of.
struct Tokens<'t> {
    text: &'t str,
    from: usize,
}

impl<'t> Tokens<'t> {
    fn new(text: &'t str) -> Self {
        Tokens { text, from: 0 }
    }
}

impl Iterator for Tokens<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        loop {
            let start = self.from + self.text.get(self.from..)?.find("{{")?;
            // The name runs to the first brace; a token needs `}}` there.
            let name_end = bytes[start + 2..]
                .iter()
                .position(|b| *b == b'{' || *b == b'}')
                .map(|i| start + 2 + i)?;
            if bytes[name_end..].starts_with(b"}}") {
                self.from = name_end + 2;
                return Some((start, name_end + 2));
            }
            // No token starts here: the next may start one byte on (`{{{a}}`).
            self.from = start + 1;
        }
    }
}

fn overflow(name: &str, refers: bool, limit: usize) -> ExpansionError {
    ExpansionError {
        name: name.to_owned(),
        origin: None,
        refers,
        limit,
        in_all: false,
    }
}

/// Whether `text` still holds a `{{name}}` token after resolution.
pub fn has_unresolved(text: &str) -> bool {
    TOKEN.is_match(text)
}

/// The name of the first `{{…}}` token in `text`, if any.
pub(crate) fn first_token_name(text: &str) -> Option<&str> {
    Tokens::new(text)
        .next()
        .map(|(start, end)| &text[start + 2..end - 2])
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
        scopes.try_resolve(text).expect("within the limit")
    }

    /// The error of a resolution expected to fail (without printing a
    /// text of megabytes when it does not).
    fn refused(result: Result<String, ExpansionError>) -> ExpansionError {
        match result {
            Err(e) => e,
            Ok(text) => panic!("resolved to {} bytes", text.len()),
        }
    }

    /// A lookup from a fixed table.
    fn table_lookup<'t>(vars: &'t [(&'t str, &'t str)]) -> impl Fn(&str) -> Substitution + 't {
        |name| match vars.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => Substitution::Text((*v).to_owned()),
            None => Substitution::Missing,
        }
    }

    #[test]
    fn token_scan_agrees_with_the_pattern() {
        let texts = [
            "{{a}}",
            "x{{a}}y{{b c}}z",
            "{{{a}}}",
            "{{{{a}}",
            "{{a}",
            "{{a}}}}",
            "{{}}",
            "{ {a} } {a} {{ }",
            "{{a.{{b}}}}",
            "{{é ü}}{{",
            "}}{{x}}{",
            "{{a\n}}",
            "",
        ];
        for text in texts {
            let want: Vec<(usize, usize)> = TOKEN
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(Tokens::new(text).collect::<Vec<_>>(), want, "{text:?}");
            assert_eq!(
                first_token_name(text).map(str::to_owned),
                token_names(text).into_iter().next(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn issue15_self_reference_stops_at_the_limit() {
        let vars = [("a", "{{a}}{{a}}{{a}}{{a}}")];
        let lookup = table_lookup(&vars);
        let started = std::time::Instant::now();
        let e = refused(resolve_within("x/{{a}}", &lookup, 1 << 20));
        assert_eq!(e.name, "a");
        assert!(e.refers);
        assert_eq!(e.limit, 1 << 20);
        // Stopped within the pass that crossed: work bounded by the limit.
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn issue15_the_default_limit_stops_the_bomb_fast() {
        let started = std::time::Instant::now();
        let mut scopes = Scopes::default();
        scopes.collection.set("a", json!("{{a}}{{a}}{{a}}{{a}}"));
        let e = refused(scopes.try_resolve("http://h/{{a}}"));
        assert_eq!(
            e.origin.as_deref(),
            Some("collection variable a = {{a}}{{a}}{{a}}{{a}}")
        );
        assert!(
            e.to_string()
                .starts_with("variable \"a\" expands past 16 MiB (collection variable a = "),
            "{e}"
        );
        // `resolve` records it and hands back the text as written.
        assert_eq!(scopes.resolve("{{a}}"), "{{a}}");
        assert_eq!(
            scopes.take_expansion_error().map(|e| e.name),
            Some("a".into())
        );
        assert_eq!(scopes.take_expansion_error(), None);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn issue15_growth_through_another_variable_names_the_one_inserted() {
        // b holds no token itself; a multiplies it.
        let big = "y".repeat(1000);
        let vars = [("a", "{{b}}{{b}}{{a}}{{a}}"), ("b", big.as_str())];
        let e = refused(resolve_within("{{a}}", &table_lookup(&vars), 100_000));
        assert!(e.name == "a" || e.name == "b", "{e:?}");
        // A big value inserted once is no expansion problem.
        let once = resolve_within("{{b}}", &table_lookup(&vars), 100_000).unwrap();
        assert_eq!(once.len(), 1000);
    }

    #[test]
    fn issue15_a_secret_value_is_not_quoted() {
        let mut scopes = Scopes::default();
        scopes
            .environment
            .set_typed("s", json!("{{s}}{{s}}{{s}}{{s}}"), Some("secret".into()));
        let e = refused(scopes.try_resolve("{{s}}"));
        assert_eq!(
            e.origin.as_deref(),
            Some("environment variable s, a secret")
        );
    }

    #[test]
    fn issue15_a_text_larger_than_the_limit_to_begin_with_still_resolves() {
        let text = format!("{}{{{{v}}}}", "z".repeat(64));
        let out = resolve_within(&text, &table_lookup(&[("v", "1")]), 16).unwrap();
        assert_eq!(out.len(), 65);
        // ... but may not grow past its own length.
        let e = refused(resolve_within(&text, &table_lookup(&[("v", "123456")]), 16));
        assert_eq!((e.name.as_str(), e.refers), ("v", false));
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
