//! JavaScript's conversions of a JSON value: `String(v)`, `Number(v)`,
//! `Boolean(v)`.
//!
//! Postman's variables are JavaScript values, and what a `{{name}}` becomes
//! is JavaScript's text of that value (postman-collection's
//! `Variable#toString`): `null` is `"null"`, an object `"[object Object]"`,
//! an array its elements joined with commas, a number in JavaScript's
//! shortest form (`1e+21`, `1.5e-7`). Typed variables (`"type": "number"`,
//! …) convert what is stored with `Number` and `Boolean`. `scope.rs` and
//! `resolve.rs` use these; nothing else here knows about scopes.

use serde_json::{Number, Value};

/// JavaScript's `String(x)` of a number (`Number.prototype.toString()`).
pub fn number_text(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x == 0.0 {
        return "0".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    // Rust's `{:e}` gives the shortest digits that read back as `x`, as
    // JavaScript's algorithm does; only the layout differs.
    let sci = format!("{:e}", x.abs());
    let Some((mantissa, exponent)) = sci.split_once('e') else {
        return format!("{x}");
    };
    let Ok(exponent) = exponent.parse::<i32>() else {
        return format!("{x}");
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i32;
    let n = exponent + 1;
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(n as usize);
        format!("{int}.{frac}")
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let e = n - 1;
        let e_sign = if e < 0 { '-' } else { '+' };
        let (first, rest) = digits.split_at(1);
        if rest.is_empty() {
            format!("{first}e{e_sign}{}", e.abs())
        } else {
            format!("{first}.{rest}e{e_sign}{}", e.abs())
        }
    };
    format!("{sign}{body}")
}

/// The JavaScript text of a JSON number.
fn json_number_text(n: &Number) -> String {
    if let Some(i) = n.as_i64().filter(|i| i.unsigned_abs() < (1u64 << 53)) {
        return i.to_string();
    }
    number_text(n.as_f64().unwrap_or(f64::NAN))
}

/// JavaScript's `String(v)`: what `{{name}}` becomes for a stored value.
pub fn to_js_string(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => json_number_text(n),
        Value::String(s) => s.clone(),
        Value::Array(items) => join(items),
        Value::Object(_) => "[object Object]".into(),
    }
}

/// `Array.prototype.join(',')`: `null` elements are empty.
fn join(items: &[Value]) -> String {
    let parts: Vec<String> = items
        .iter()
        .map(|item| match item {
            Value::Null => String::new(),
            other => to_js_string(other),
        })
        .collect();
    parts.join(",")
}

/// JavaScript's `Number(v)`; `NaN` when there is no number.
pub fn to_js_number(v: &Value) -> f64 {
    match v {
        Value::Null => 0.0,
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::Number(n) => n.as_f64().unwrap_or(f64::NAN),
        Value::String(s) => string_to_number(s),
        Value::Array(items) => string_to_number(&join(items)),
        Value::Object(_) => f64::NAN,
    }
}

/// JavaScript's `Boolean(v)`.
pub fn to_js_boolean(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0 && !x.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// A number as JSON: integers without a fraction, `null` for `NaN` and
/// the infinities (which JSON cannot hold, and which JSON.stringify writes
/// as `null` too).
pub fn number_value(x: f64) -> Value {
    if !x.is_finite() {
        return Value::Null;
    }
    if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
        // Exact: |x| < 2^53.
        return Value::from(x as i64);
    }
    Number::from_f64(x).map_or(Value::Null, Value::Number)
}

fn is_js_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// JavaScript's `StringToNumber`: trimmed; empty is 0; decimal, `Infinity`,
/// or `0x` / `0o` / `0b` integers; anything else is `NaN`.
fn string_to_number(s: &str) -> f64 {
    let t = s.trim_matches(is_js_space);
    if t.is_empty() {
        return 0.0;
    }
    for (prefix, radix) in [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ] {
        if let Some(rest) = t.strip_prefix(prefix) {
            if rest.is_empty() || !rest.chars().all(|c| c.is_digit(radix)) {
                return f64::NAN;
            }
            return rest
                .chars()
                .filter_map(|c| c.to_digit(radix))
                .fold(0.0, |acc, d| acc * f64::from(radix) + f64::from(d));
        }
    }
    let (sign, unsigned) = match t.as_bytes()[0] {
        b'-' => (-1.0, &t[1..]),
        b'+' => (1.0, &t[1..]),
        _ => (1.0, t),
    };
    if unsigned == "Infinity" {
        return sign * f64::INFINITY;
    }
    if !is_decimal_literal(unsigned) {
        return f64::NAN;
    }
    unsigned.parse::<f64>().map_or(f64::NAN, |x| sign * x)
}

/// `digits[.digits][e[+-]digits]` or `.digits[…]`, as JavaScript reads it.
fn is_decimal_literal(t: &str) -> bool {
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(at) => (&t[..at], Some(&t[at + 1..])),
        None => (t, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = all_digits(int)
        && frac.is_none_or(all_digits)
        && (!int.is_empty() || frac.is_some_and(|f| !f.is_empty()));
    let exponent_ok = exponent.is_none_or(|e| {
        let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
        !digits.is_empty() && all_digits(digits)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_read_as_javascript_writes_them() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "0"),
            (42.0, "42"),
            (-1.5, "-1.5"),
            (0.1, "0.1"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (2.5e300, "2.5e+300"),
            (12345678901234567890.0, "12345678901234567000"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (x, want) in cases {
            assert_eq!(number_text(*x), *want, "{x}");
        }
    }

    #[test]
    fn strings_of_values() {
        let cases: &[(Value, &str)] = &[
            (json!(null), "null"),
            (json!(true), "true"),
            (json!(12), "12"),
            (json!(12345678901234567890u64), "12345678901234567000"),
            (json!(-1.5e-7), "-1.5e-7"),
            (json!("s"), "s"),
            (json!({"a": 1}), "[object Object]"),
            (
                json!([1, null, "x", [2, [3, null]], {"a": 1}]),
                "1,,x,2,3,,[object Object]",
            ),
            (json!([]), ""),
        ];
        for (v, want) in cases {
            assert_eq!(to_js_string(v), *want, "{v}");
        }
    }

    #[test]
    fn numbers_of_values() {
        let cases: &[(Value, f64)] = &[
            (json!(null), 0.0),
            (json!(true), 1.0),
            (json!(""), 0.0),
            (json!("  12 \n"), 12.0),
            (json!("1e3"), 1000.0),
            (json!(".5"), 0.5),
            (json!("5."), 5.0),
            (json!("-Infinity"), f64::NEG_INFINITY),
            (json!("0x1f"), 31.0),
            (json!("0b101"), 5.0),
            (json!([]), 0.0),
            (json!([7]), 7.0),
        ];
        for (v, want) in cases {
            assert_eq!(to_js_number(v), *want, "{v}");
        }
        for v in [
            json!("abc"),
            json!("1,2"),
            json!("inf"),
            json!("-0x1"),
            json!("1e"),
            json!("."),
            json!([1, 2]),
            json!({}),
        ] {
            assert!(to_js_number(&v).is_nan(), "{v}");
        }
    }

    #[test]
    fn booleans_of_values() {
        for (v, want) in [
            (json!(null), false),
            (json!(0), false),
            (json!(""), false),
            (json!("false"), true),
            (json!(2), true),
            (json!([]), true),
            (json!({}), true),
        ] {
            assert_eq!(to_js_boolean(&v), want, "{v}");
        }
    }

    #[test]
    fn number_values_are_json() {
        assert_eq!(number_value(12.0), json!(12));
        assert_eq!(number_value(1.5), json!(1.5));
        assert_eq!(number_value(f64::NAN), Value::Null);
        assert_eq!(number_value(f64::INFINITY), Value::Null);
    }
}
