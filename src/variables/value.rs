//! A variable's value as Postman's `Variable` holds and reads it.
//!
//! postman-collection converts a value for the variable's `type` when it
//! is set (`castIn`: a `string` variable stores `String(value)`, a `number`
//! one `Number(value)`, an `array` or `object` one JSON text) and again
//! when it is read (`castOut`: JSON text back to the array or object, or
//! `undefined`). [`ValueType`] is that conversion; [`Read`] is what a read
//! gives, `undefined` included. `scope.rs` stores and looks up variables.

use serde_json::Value;

use super::js::{number_value, to_js_boolean, to_js_number, to_js_string};

/// A variable's value as a script reads it (postman-collection's
/// `Variable#get`): typed variables are converted, and JavaScript's
/// `undefined` is a value of its own.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    /// `undefined`: the entry exists (`has` is true) but holds nothing.
    Undefined,
    /// A JSON value.
    Value(Value),
}

impl Read {
    /// What `{{name}}` becomes (`Variable#toString`): `null` is `"null"`,
    /// `undefined` is empty, anything else JavaScript's `String(value)`.
    pub fn text(&self) -> String {
        match self {
            Read::Undefined => String::new(),
            Read::Value(v) => to_js_string(v),
        }
    }
}

/// The conversion a variable's `type` applies (postman-collection's
/// `Variable.types`); any other type name converts nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// No conversion (`any`, `default`, `secret`, no type, …).
    Any,
    /// `String(value)`.
    String,
    /// `Number(value)`.
    Number,
    /// `Boolean(value)`.
    Boolean,
    /// Stored as JSON text; reads as the array, or `undefined`.
    Array,
    /// Stored as JSON text; reads as the object, or `undefined`.
    Object,
}

impl ValueType {
    /// The conversion of a `type` name (case-insensitive).
    pub fn of(kind: Option<&str>) -> Self {
        match kind.map(str::to_ascii_lowercase).as_deref() {
            Some("string") => ValueType::String,
            Some("number") => ValueType::Number,
            Some("boolean") => ValueType::Boolean,
            Some("array") => ValueType::Array,
            Some("object") => ValueType::Object,
            _ => ValueType::Any,
        }
    }

    /// The type name Newman writes back (`any` for names it does not know).
    pub(super) fn export_name(self) -> &'static str {
        match self {
            ValueType::Any => "any",
            ValueType::String => "string",
            ValueType::Number => "number",
            ValueType::Boolean => "boolean",
            ValueType::Array => "array",
            ValueType::Object => "object",
        }
    }

    /// The stored form of `value` (`None` is `undefined`).
    pub fn cast_in(self, value: Option<&Value>) -> Value {
        match (self, value) {
            (ValueType::Any, v) => v.cloned().unwrap_or(Value::Null),
            (ValueType::String, None) => Value::String("undefined".into()),
            (ValueType::String, Some(v)) => Value::String(to_js_string(v)),
            (ValueType::Number, None) => Value::Null,
            (ValueType::Number, Some(v)) => number_value(to_js_number(v)),
            (ValueType::Boolean, v) => Value::Bool(v.is_some_and(to_js_boolean)),
            (ValueType::Array | ValueType::Object, None) => Value::Null,
            (ValueType::Array | ValueType::Object, Some(Value::String(s))) => {
                Value::String(s.clone())
            }
            (ValueType::Array | ValueType::Object, Some(v)) => Value::String(v.to_string()),
        }
    }

    /// The value a read gives for what is stored.
    pub fn cast_out(self, stored: &Value) -> Read {
        match self {
            ValueType::Any => Read::Value(stored.clone()),
            ValueType::String => Read::Value(Value::String(to_js_string(stored))),
            ValueType::Number => Read::Value(number_value(to_js_number(stored))),
            ValueType::Boolean => Read::Value(Value::Bool(to_js_boolean(stored))),
            ValueType::Array | ValueType::Object => {
                let parsed = match stored {
                    Value::String(s) => serde_json::from_str::<Value>(s).ok(),
                    Value::Null => None,
                    other => Some(other.clone()),
                };
                match parsed {
                    Some(v @ Value::Array(_)) if self == ValueType::Array => Read::Value(v),
                    Some(v @ Value::Object(_)) if self == ValueType::Object => Read::Value(v),
                    _ => Read::Undefined,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What a variable of `ty` reads as after `set(value)` (`None`: undefined).
    fn round_trip(ty: ValueType, value: Option<Value>) -> Read {
        ty.cast_out(&ty.cast_in(value.as_ref()))
    }

    #[test]
    fn typed_variables_convert_as_postman_collection_does() {
        use ValueType::*;
        let v = |x: Value| Read::Value(x);
        // (type, value set, what a read gives) — checked against Newman 6.2.2.
        let cases: Vec<(ValueType, Option<Value>, Read)> = vec![
            (String, None, v(json!("undefined"))),
            (String, Some(json!(null)), v(json!("null"))),
            (String, Some(json!(42)), v(json!("42"))),
            (String, Some(json!({"a": 1})), v(json!("[object Object]"))),
            (String, Some(json!([1, 2])), v(json!("1,2"))),
            (String, Some(json!(false)), v(json!("false"))),
            (Number, Some(json!(null)), v(json!(0))),
            (Number, Some(json!("12")), v(json!(12))),
            (Number, Some(json!(false)), v(json!(0))),
            (Number, Some(json!("")), v(json!(0))),
            (Boolean, None, v(json!(false))),
            (Boolean, Some(json!(null)), v(json!(false))),
            (Boolean, Some(json!(42)), v(json!(true))),
            (Boolean, Some(json!("false")), v(json!(true))),
            (Boolean, Some(json!("")), v(json!(false))),
            (Any, Some(json!(null)), v(json!(null))),
            (Any, Some(json!({"a": 1})), v(json!({"a": 1}))),
            (Array, Some(json!([1, 2])), v(json!([1, 2]))),
            (Array, Some(json!("[3]")), v(json!([3]))),
            (Array, Some(json!({"a": 1})), Read::Undefined),
            (Array, Some(json!(null)), Read::Undefined),
            (Array, Some(json!("")), Read::Undefined),
            (Array, None, Read::Undefined),
            (Object, Some(json!({"a": 1})), v(json!({"a": 1}))),
            (Object, Some(json!([1])), Read::Undefined),
            (Object, Some(json!("abc")), Read::Undefined),
        ];
        for (ty, value, want) in cases {
            assert_eq!(round_trip(ty, value.clone()), want, "{ty:?} {value:?}");
        }
    }

    #[test]
    fn stored_forms() {
        assert_eq!(
            ValueType::Array.cast_in(Some(&json!([1, 2]))),
            json!("[1,2]")
        );
        assert_eq!(ValueType::Object.cast_in(Some(&json!(null))), json!("null"));
        assert_eq!(ValueType::Number.cast_in(Some(&json!("abc"))), Value::Null);
        assert_eq!(ValueType::of(Some("Number")), ValueType::Number);
        assert_eq!(ValueType::of(Some("default")), ValueType::Any);
        assert_eq!(ValueType::of(Some("secret")), ValueType::Any);
        assert_eq!(ValueType::of(None), ValueType::Any);
    }

    #[test]
    fn text_of_reads() {
        assert_eq!(Read::Undefined.text(), "");
        assert_eq!(Read::Value(json!(null)).text(), "null");
        assert_eq!(Read::Value(json!({"a": 1})).text(), "[object Object]");
        assert_eq!(Read::Value(json!([1, null, "x"])).text(), "1,,x");
    }
}
