//! The looser shapes postman-collection accepts where the schema says
//! "array" or "object", read here into the one model (`model.rs`).
//!
//! postman-collection builds every list (`item`, `event`, `variable`, …)
//! with `PropertyList.populate`, which takes an array, or one object as a
//! list of one; an event's `script` may be the source itself (a string or
//! an array of lines); a URL's `query` may be a query string
//! (`QueryParam.parse`) or an object of names to values. Newman runs such
//! files, so courier reads them the same way. The visitors hand nested
//! values to their own `Deserialize`, so an error inside still names its
//! JSON path (the loader uses `serde_path_to_error`).

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::model::{KeyValue, Script, scalar_to_string};

struct OneOrMany<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrMany<T> {
    type Value = Option<Vec<T>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array or a single object")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Vec::<T>::deserialize(SeqAccessDeserializer::new(seq)).map(Some)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(|one| Some(vec![one]))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// A list given as an array, as one object (a list of one) or as `null`
/// (empty).
pub(super) fn de_one_or_many<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(d.deserialize_any(OneOrMany(PhantomData))?
        .unwrap_or_default())
}

/// As [`de_one_or_many`], keeping `null` apart from an empty list (a folder's
/// `item`).
pub(super) fn de_opt_one_or_many<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_any(OneOrMany(PhantomData))
}

/// Lines of a script source: postman-collection splits a string on `\r?\n`.
pub(super) fn script_lines(source: &str) -> Vec<String> {
    source
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line).to_owned())
        .collect()
}

struct ScriptShape;

impl<'de> Visitor<'de> for ScriptShape {
    type Value = Option<Script>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a script object, its source text or an array of its lines")
    }

    fn visit_str<E: de::Error>(self, source: &str) -> Result<Self::Value, E> {
        Ok(Some(Script {
            exec: script_lines(source),
            ..Script::default()
        }))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let exec = Vec::<String>::deserialize(SeqAccessDeserializer::new(seq))?;
        Ok(Some(Script {
            exec,
            ..Script::default()
        }))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Script::deserialize(MapAccessDeserializer::new(map)).map(Some)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// An event's `script`: an object, or the source as a string or lines.
pub(super) fn de_script<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Script>, D::Error> {
    d.deserialize_any(ScriptShape)
}

/// A query string split as `QueryParam.parse` does: on `&`, each part at
/// its first `=`; a part without `=` has no value (`?flag`).
pub(super) fn parse_query(query: &str) -> Vec<KeyValue> {
    query
        .split('&')
        .map(|part| match part.split_once('=') {
            Some((k, v)) => KeyValue::new(k, v),
            None => KeyValue {
                key: part.to_owned(),
                ..KeyValue::default()
            },
        })
        .collect()
}

struct QueryShape;

impl<'de> Visitor<'de> for QueryShape {
    type Value = Vec<KeyValue>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of query parameters, a query string or an object of names to values")
    }

    fn visit_str<E: de::Error>(self, query: &str) -> Result<Self::Value, E> {
        Ok(parse_query(query))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Vec::<KeyValue>::deserialize(SeqAccessDeserializer::new(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            out.push(KeyValue {
                key,
                value: scalar_to_string(&value),
                ..KeyValue::default()
            });
        }
        Ok(out)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
}

/// A URL's `query`: a list, a query string, or an object of names to values.
pub(super) fn de_query<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<KeyValue>, D::Error> {
    d.deserialize_any(QueryShape)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::{Collection, Event, UrlObject};
    use serde_json::json;

    #[test]
    fn issue11_single_objects_are_lists_of_one() {
        let c: Collection = serde_json::from_value(json!({
            "event": {"listen": "prerequest", "script": "a();\r\nb();"},
            "variable": {"key": "v", "value": "1"},
            "item": {"name": "folder", "item": {"name": "leaf", "request": "http://h.test",
                "event": {"listen": "test", "script": {"exec": "t();"}}}}
        }))
        .unwrap();
        assert_eq!(c.event.len(), 1);
        assert_eq!(c.event[0].script.as_ref().unwrap().exec, ["a();", "b();"]);
        assert_eq!(c.variable[0].key, "v");
        let folder = &c.item[0];
        let leaf = &folder.item.as_ref().unwrap()[0];
        assert_eq!(leaf.name, "leaf");
        assert_eq!(leaf.event[0].script.as_ref().unwrap().source(), "t();");
    }

    #[test]
    fn headers_as_an_object_keep_string_values() {
        let r: crate::collection::Request = serde_json::from_value(json!({
            "url": "http://h.test", "header": {"X-A": "1", "X-N": 2, "X-Null": null}
        }))
        .unwrap();
        assert_eq!(r.header, [KeyValue::new("X-A", "1")]);
    }

    #[test]
    fn script_shapes() {
        let cases = [
            (
                json!({"listen": "test", "script": ["a();", "b();"]}),
                "a();\nb();",
            ),
            (json!({"listen": "test", "script": "x();"}), "x();"),
            (
                json!({"listen": "test", "script": {"exec": "y();\nz();"}}),
                "y();\nz();",
            ),
            (
                json!({"listen": "test", "script": {"exec": ["w();"]}}),
                "w();",
            ),
            (json!({"listen": "test", "script": null}), ""),
            (json!({"listen": "test"}), ""),
            (
                json!({"listen": "test", "script": {"exec": "a();\r\nb();"}}),
                "a();\nb();",
            ),
            (json!({"listen": "test", "script": {"exec": null}}), ""),
            (json!({"listen": "test", "script": {"exec": []}}), ""),
        ];
        for (event, want) in cases {
            let e: Event = serde_json::from_value(event.clone()).unwrap();
            let got = e.script.map(|s| s.source()).unwrap_or_default();
            assert_eq!(got, want, "{event}");
        }
        // Lines that are not strings: the position and what is expected.
        let text = r#"{"listen": "test", "script": {"exec": ["a();", 5]}}"#;
        let err = serde_json::from_str::<Event>(text).unwrap_err().to_string();
        assert!(
            err.contains("expected a string") && err.contains("column 48"),
            "{err}"
        );
        let text = r#"{"listen": "test", "script": {"exec": 5}}"#;
        let err = serde_json::from_str::<Event>(text).unwrap_err().to_string();
        assert!(err.contains("the script's lines"), "{err}");
    }

    #[test]
    fn query_shapes() {
        let pairs = |q: &[KeyValue]| -> Vec<(String, Option<String>)> {
            q.iter().map(|p| (p.key.clone(), p.value.clone())).collect()
        };
        let s = |k: &str, v: Option<&str>| (k.to_owned(), v.map(str::to_owned));
        let u: UrlObject = serde_json::from_value(json!({"query": "a=1&b&c=x=y&&"})).unwrap();
        assert_eq!(
            pairs(&u.query),
            [
                s("a", Some("1")),
                s("b", None),
                s("c", Some("x=y")),
                s("", None),
                s("", None)
            ]
        );
        let u: UrlObject =
            serde_json::from_value(json!({"query": {"key": "k", "value": null, "n": 2}})).unwrap();
        assert_eq!(
            pairs(&u.query),
            [s("key", Some("k")), s("value", None), s("n", Some("2"))]
        );
        let u: UrlObject = serde_json::from_value(json!({"query": null})).unwrap();
        assert!(u.query.is_empty());
    }

    #[test]
    fn a_bad_field_inside_a_single_object_keeps_its_path() {
        let value = json!({"item": {"name": "x", "event": {"listen": 5}}});
        let err = serde_path_to_error::deserialize::<_, Collection>(value).unwrap_err();
        assert_eq!(err.path().to_string(), "item.event.listen");
    }
}
