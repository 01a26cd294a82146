//! Reading one YAML file of a v3 collection directory.
//!
//! serde-saphyr parses with the YAML 1.2 core schema: `yes`, `on`, `no`
//! are strings, and a scalar read into a `String` field keeps the text the
//! user wrote (`0123` stays `0123`). Its budget bounds nesting depth, the
//! number of events and nodes, and alias expansion, so a "billion laughs"
//! file fails at once instead of filling memory. Errors become
//! [`LoadError::Yaml`] naming the file, line and column.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::collection::LoadError;

/// Deepest nesting accepted: a request file is a few levels deep.
const MAX_DEPTH: usize = 64;
/// Most nodes one file may produce, aliases expanded (a large body is one
/// scalar, so this only stops expansion bombs).
const MAX_NODES: usize = 200_000;
/// Most events aliases may replay in one file. Postman never writes aliases;
/// a hand-written file uses a few, so this only stops expansion bombs, and
/// low enough that one fails in milliseconds.
const MAX_REPLAYED_EVENTS: usize = 20_000;

/// Parses `text`, the contents of `path`, as a `T`; `kind` names the file in
/// messages (`collection`, `environment`, …).
pub(crate) fn parse<T: DeserializeOwned>(
    kind: &'static str,
    path: &Path,
    text: &str,
) -> Result<T, LoadError> {
    let mut options = serde_saphyr::Options::default();
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = budget.max_depth.min(MAX_DEPTH);
    budget.max_nodes = budget.max_nodes.min(MAX_NODES);
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = MAX_REPLAYED_EVENTS;
    options.with_snippet = false;
    // YAML 1.2 core: only `true` / `false` are booleans, even untyped.
    options.strict_booleans = true;
    // `0123` and `1_000` are not numbers to Postman either.
    options.leading_zero_numbers_as_strings = true;
    options.underscored_numbers_as_strings = true;
    serde_saphyr::from_str_with_options::<T>(text, options).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((0, 0));
        let message = first_line(&e.to_string());
        let suffix = format!(" at line {line}, column {column}");
        LoadError::Yaml {
            kind,
            path: path.to_owned(),
            message: message.strip_suffix(&suffix).unwrap_or(&message).to_owned(),
            line,
            column,
        }
    })
}

/// The first line of a message, without the location suffix some errors add.
fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use indexmap::IndexMap;
    use serde_json::Value;

    fn p() -> &'static Path {
        Path::new("x.request.yaml")
    }

    #[test]
    fn yaml_1_1_booleans_and_leading_zeros_stay_strings() {
        let map: IndexMap<String, String> =
            parse("collection", p(), "a: yes\nb: on\nc: 0123\nd: no\ne: 5\n").expect("parse");
        assert_eq!(map["a"], "yes");
        assert_eq!(map["b"], "on");
        assert_eq!(map["c"], "0123");
        assert_eq!(map["d"], "no");
        assert_eq!(map["e"], "5");
        let any: Value =
            parse("collection", p(), "a: yes\nb: on\nc: true\nd: 0123\n").expect("parse");
        assert_eq!(any["d"], "0123");
        assert_eq!(any["a"], "yes");
        assert_eq!(any["b"], "on");
        assert_eq!(any["c"], true);
    }

    #[test]
    fn a_syntax_error_names_file_line_and_column() {
        let err = parse::<Value>("collection", p(), "a: 1\nb: [1, 2\nc: 3\n").expect_err("bad");
        let text = err.to_string();
        assert!(text.contains("x.request.yaml"), "{text}");
        let LoadError::Yaml { line, column, .. } = err else {
            panic!("not a YAML error: {text}");
        };
        assert!(line >= 2 && column >= 1, "{text}");
        let place = format!("line {line}, column {column}");
        assert_eq!(text.matches(&place).count(), 1, "{text}");
    }

    #[test]
    fn billion_laughs_fails_fast() {
        let mut yaml = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let refs = vec![format!("*l{}", i - 1); 9].join(", ");
            yaml.push_str(&format!("l{i}: &l{i} [{refs}]\n"));
        }
        let err = parse::<Value>("collection", p(), &yaml).expect_err("bomb");
        assert!(matches!(err, LoadError::Yaml { .. }), "{err}");
        assert!(err.to_string().contains("alias"), "{err}");
    }

    #[test]
    fn a_few_aliases_still_load() {
        let yaml = "base: &b {key: a, value: '1'}\nlist: [*b, *b, *b]\n";
        let any: Value = parse("collection", p(), yaml).expect("parse");
        assert_eq!(any["list"][2]["value"], "1");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let yaml = format!("{}1{}", "[".repeat(500), "]".repeat(500));
        let err = parse::<Value>("collection", p(), &yaml).expect_err("deep");
        assert!(matches!(err, LoadError::Yaml { .. }), "{err}");
    }
}
