//! A small YAML writer for what `courier convert` writes: every string
//! (key or value) is double-quoted with JSON escapes, which YAML 1.2 reads
//! back as the same text, so no value can turn into a boolean, number,
//! null or comment (`yes`, `0123`, `#x`, `{{token}}`). Numbers, booleans
//! and null are written plain.

use serde_json::Value;

/// `value` as a YAML document (a mapping or list at the top).
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => mapping(map, 0, &mut out),
        Value::Array(list) if !list.is_empty() => sequence(list, 0, &mut out),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

/// A multi-line string as a literal block (`|-`, `|`, `|+` by its trailing
/// newlines), its lines indented by `indent`; `None` when a block would not
/// read back as the same text (a leading blank, a line of only blanks,
/// control characters), which is then written quoted.
fn block(s: &str, indent: usize) -> Option<String> {
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    let safe = body.contains('\n')
        && !body.starts_with([' ', '\t', '\n'])
        && body.chars().all(|c| {
            c == '\n'
                || c == '\t'
                || !(c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}'))
        })
        && body
            .split('\n')
            .all(|line| line.is_empty() || !line.trim_matches([' ', '\t']).is_empty());
    if !safe {
        return None;
    }
    let chomp = match trailing {
        0 => "|-",
        1 => "|",
        _ => "|+",
    };
    let pad = " ".repeat(indent);
    let mut out = chomp.to_owned();
    out.push('\n');
    for line in body.split('\n') {
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
        out.push('\n');
    }
    for _ in 1..trailing {
        out.push('\n');
    }
    Some(out)
}

/// A scalar, or `{}` / `[]` for an empty collection.
fn scalar(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => quote(s),
        Value::Object(_) => "{}".to_owned(),
        Value::Array(_) => "[]".to_owned(),
    }
}

/// `s` as a double-quoted scalar (JSON's escapes are YAML's).
fn quote(s: &str) -> String {
    Value::String(s.to_owned()).to_string()
}

/// A key: plain when it is a simple word no YAML reader takes for
/// anything but a string (`$kind`, `statusCode`), else quoted.
fn key_text(key: &str) -> String {
    const SPECIAL: [&str; 11] = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~", "",
    ];
    let mut chars = key.chars();
    let simple = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if simple && !SPECIAL.contains(&key.to_ascii_lowercase().as_str()) {
        key.to_owned()
    } else {
        quote(key)
    }
}

fn is_nested(value: &Value) -> bool {
    match value {
        Value::Object(m) => !m.is_empty(),
        Value::Array(l) => !l.is_empty(),
        _ => false,
    }
}

fn mapping(map: &serde_json::Map<String, Value>, indent: usize, out: &mut String) {
    for (i, (key, value)) in map.iter().enumerate() {
        // The first key of a list entry follows its `- `.
        if i > 0 || !out.ends_with("- ") {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&key_text(key));
        out.push(':');
        nested(value, indent, out);
    }
}

fn sequence(list: &[Value], indent: usize, out: &mut String) {
    for value in list {
        out.push_str(&" ".repeat(indent));
        out.push_str("- ");
        match value {
            Value::Object(map) if !map.is_empty() => mapping(map, indent + 2, out),
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                sequence(inner, indent + 2, out);
            }
            other => {
                out.push_str(&scalar(other));
                out.push('\n');
            }
        }
    }
}

/// The value of a mapping entry, after its `key:`.
fn nested(value: &Value, indent: usize, out: &mut String) {
    if let Some(text) = value.as_str().and_then(|s| block(s, indent + 2)) {
        out.push(' ');
        out.push_str(&text);
        return;
    }
    if !is_nested(value) {
        out.push(' ');
        out.push_str(&scalar(value));
        out.push('\n');
        return;
    }
    out.push('\n');
    match value {
        Value::Object(map) => mapping(map, indent + 2, out),
        Value::Array(list) => sequence(list, indent + 2, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What serde-saphyr (the reader `courier run` uses) reads back.
    fn back(text: &str) -> Value {
        serde_saphyr::from_str(text).expect("valid YAML")
    }

    #[test]
    fn tricky_strings_read_back_as_written() {
        let value = json!({
            "yes": "yes", "on": "on", "zip": "0123", "null": "null", "empty": "",
            "hash": "#not a comment", "var": "{{token}}", "colon": "a: b",
            "lines": "line 1\n  line 2\n", "quote": "say \"hi\" \\ 'x'",
            "tab": "a\tb", "code": "a();\n  b();\n\n\tc();", "nl1": "x\ny\n",
            "nl3": "x\n\ny\n\n\n", "blank": "x\n  \ny", "lead": " x\ny", "cr": "x\r\ny",
            "hashes": "# c\n- d\n'e'", "unicode": "é ✓", "dash": "- x", "star": "*alias",
            "num": 5, "float": 1.5, "bool": true, "nil": null,
            "list": [{"code": "one\ntwo"}, "a", {"k": "v", "n": [1, "2", []]}, [], {}],
            "deep": {"a": {"b": [{"c": "d"}]}}, "emptymap": {}
        });
        let text = to_yaml(&value);
        assert_eq!(back(&text), value, "{text}");
    }

    #[test]
    fn top_level_list_and_scalar() {
        let value = json!([{"key": "a", "value": "1"}, "x"]);
        assert_eq!(back(&to_yaml(&value)), value);
        assert_eq!(
            to_yaml(&json!({"$kind": "b", "on": 1})),
            "$kind: \"b\"\n\"on\": 1\n"
        );
    }
}
