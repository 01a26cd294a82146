//! Issue 11: what scripts see of values that are not strings — undefined,
//! null, numbers, booleans, objects, arrays, functions — on every scope,
//! in the script that sets them and in the next one (checked against
//! Newman 6.2.2).

use serde_json::{Value, json};

use super::support::{Fixture, all_pass, ok};
use crate::variables::Read;

#[tokio::test]
async fn issue11_undefined_is_undefined_in_its_script_then_null() {
    for (scope, after) in [
        ("environment", "null"),
        ("globals", "null"),
        ("collectionVariables", "null"),
        // The local scope travels whole between Newman's sandbox and runtime.
        ("variables", "undefined"),
    ] {
        let mut fx = Fixture::new();
        let names = all_pass(
            &mut fx,
            &format!(
                "pm.{scope}.set('u', undefined);\n\
                 pm.{scope}.set('n', null);\n\
                 pm.test('same script', () => {{\n\
                   pm.expect(pm.{scope}.get('u')).to.equal(undefined);\n\
                   pm.expect(pm.{scope}.has('u')).to.equal(true);\n\
                   pm.expect(pm.{scope}.replaceIn('[{{{{u}}}}][{{{{n}}}}]')).to.equal('[][null]');\n\
                   const o = pm.{scope}.toObject();\n\
                   pm.expect('u' in o).to.equal(true);\n\
                   pm.expect(o.u).to.equal(undefined);\n\
                   pm.expect(o.n).to.equal(null);\n\
                 }});"
            ),
        )
        .await;
        assert_eq!(names, vec!["same script"], "{scope}");
        let names = all_pass(
            &mut fx,
            &format!(
                "pm.test('next script', () => {{\n\
                   const u = {after};\n\
                   pm.expect(pm.{scope}.get('u')).to.equal(u);\n\
                   pm.expect(pm.variables.replaceIn('{{{{u}}}}')).to.equal(u === null ? 'null' : '');\n\
                   pm.expect(pm.{scope}.toObject()).to.eql({{u: u, n: null}});\n\
                 }});"
            ),
        )
        .await;
        assert_eq!(names, vec!["next script"], "{scope}");
    }
    // And the request sees "null".
    let mut fx = Fixture::new();
    ok(&fx.pre("pm.environment.set('k', undefined);").await);
    assert_eq!(
        fx.scopes.environment.read("k"),
        Some(Read::Value(Value::Null))
    );
    assert_eq!(fx.scopes.resolve("?k={{k}}"), "?k=null");
}

#[tokio::test]
async fn issue11_every_value_type_round_trips() {
    let mut fx = Fixture::new();
    ok(&fx
        .pre(
            "pm.environment.set('num', 42);\n\
             pm.environment.set('zero', 0);\n\
             pm.environment.set('f', false);\n\
             pm.environment.set('o', {a: 1, u: undefined});\n\
             pm.environment.set('arr', [1, 'x', null]);\n\
             pm.environment.set('big', 1e21);\n\
             pm.environment.set('fn', function () { return 1; });\n\
             pm.environment.set('nan', NaN);\n\
             pm.environment.set('d', new Date(0));",
        )
        .await);
    let names = all_pass(
        &mut fx,
        "pm.test('reads', () => {\n\
           pm.expect(pm.environment.get('num')).to.equal(42);\n\
           pm.expect(pm.environment.get('zero')).to.equal(0);\n\
           pm.expect(pm.environment.get('f')).to.equal(false);\n\
           pm.expect(pm.environment.get('o')).to.eql({a: 1});\n\
           pm.expect(pm.environment.get('arr')).to.eql([1, 'x', null]);\n\
           pm.expect(pm.environment.get('fn')).to.equal(null);\n\
           pm.expect(pm.environment.get('nan')).to.equal(null);\n\
           pm.expect(pm.environment.get('d')).to.equal('1970-01-01T00:00:00.000Z');\n\
           pm.expect(pm.environment.replaceIn('{{num}}|{{zero}}|{{f}}|{{o}}|{{arr}}|{{big}}|{{fn}}'))\n\
             .to.equal('42|0|false|[object Object]|1,x,|1e+21|null');\n\
         });\n\
         pm.test('replaceIn copies objects and arrays', () => {\n\
           const src = {a: '{{num}}', b: ['{{f}}', 2], c: null};\n\
           pm.expect(pm.variables.replaceIn(src)).to.eql({a: '42', b: ['false', 2], c: null});\n\
           pm.expect(src.a).to.equal('{{num}}');\n\
           pm.expect(pm.variables.replaceIn(5)).to.equal(5);\n\
         });",
    )
    .await;
    assert_eq!(names.len(), 2);
    assert_eq!(fx.scopes.environment.get("o"), Some(&json!({"a": 1})));
    assert_eq!(
        fx.scopes.resolve("{{num}}|{{o}}|{{arr}}|{{big}}|{{nan}}"),
        "42|[object Object]|1,x,|1e+21|null"
    );
}

/// Issue 16: strings, booleans and safe integers reach the variables
/// without a JSON round trip; what they store is what the JSON path
/// (taken with a type) stores.
#[tokio::test]
async fn issue16_plain_values_store_what_json_would() {
    let mut fx = Fixture::new();
    let values = [
        "'text'",
        "''",
        "'h\\u00e9llo \\u{1F600}'",
        "'\\ud800 lone'",
        "true",
        "false",
        "0",
        "-0",
        "7",
        "-7",
        "Math.pow(2, 40)",
        "-Math.pow(2, 40)",
        "9007199254740991",
        "-9007199254740991",
        "4 / 2",
    ];
    let script: String = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            format!(
                "pm.environment.set('plain{i}', {v});\npm.environment.set('json{i}', {v}, 'any');\n"
            )
        })
        .collect();
    ok(&fx.pre(&script).await);
    for (i, v) in values.iter().enumerate() {
        let plain = fx.scopes.environment.get(&format!("plain{i}"));
        let json = fx.scopes.environment.get(&format!("json{i}"));
        assert!(plain.is_some(), "{v}");
        assert_eq!(plain, json, "{v}");
    }
}

#[tokio::test]
async fn issue11_typed_collection_variables_convert() {
    let mut fx = Fixture::new();
    fx.scopes.collection = crate::variables::VariableScope::from_variables(&[
        var("s", json!("init"), "string"),
        var("n", json!("init"), "number"),
        var("b", json!("init"), "boolean"),
        var("a", json!("[1]"), "array"),
    ]);
    let names = all_pass(
        &mut fx,
        "pm.collectionVariables.set('s', 42);\n\
         pm.collectionVariables.set('n', '12');\n\
         pm.collectionVariables.set('b', 0);\n\
         pm.test('converted', () => {\n\
           pm.expect(pm.collectionVariables.get('s')).to.equal('42');\n\
           pm.expect(pm.collectionVariables.get('n')).to.equal(12);\n\
           pm.expect(pm.collectionVariables.get('b')).to.equal(false);\n\
           pm.expect(pm.collectionVariables.get('a')).to.eql([1]);\n\
         });",
    )
    .await;
    assert_eq!(names, vec!["converted"]);
}

fn var(key: &str, value: Value, kind: &str) -> crate::collection::Variable {
    crate::collection::Variable {
        key: key.into(),
        value,
        kind: Some(kind.into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn issue11_iteration_data_changes_last_until_the_script_ends() {
    let mut fx = Fixture::new();
    fx.scopes.data.set("d", json!("row"));
    fx.scopes.data.set("gone", json!(5));
    let names = all_pass(
        &mut fx,
        "pm.iterationData.set('d', 'changed');\n\
         pm.iterationData.unset('gone');\n\
         pm.test('in the script', () => {\n\
           pm.expect(pm.iterationData.get('d')).to.equal('changed');\n\
           pm.expect(pm.variables.get('d')).to.equal('changed');\n\
           pm.expect(pm.iterationData.get('gone')).to.equal(undefined);\n\
         });",
    )
    .await;
    assert_eq!(names, vec!["in the script"]);
    assert_eq!(fx.scopes.data.get("d"), Some(&json!("row")));
    assert_eq!(fx.scopes.data.get("gone"), Some(&json!(5)));
}
