//! Issue 11: `require('postman-collection')` gives what vendor scripts use,
//! behaving as postman-collection 4 does (the outcomes below were read
//! from Newman 6.2.2 running the same lines).

use serde_json::json;

use super::support::{Fixture, all_pass};

#[tokio::test]
async fn issue11_property_replace_substitutions() {
    let mut fx = Fixture::new();
    fx.scopes.environment.set("token", json!("t0k"));
    fx.scopes.environment.set("count", json!(3));
    let names = all_pass(
        &mut fx,
        "const { Property } = require('postman-collection');\n\
         pm.test('plain objects', () => {\n\
           pm.expect(Property.replaceSubstitutions('{{a}}-{{n}}-{{o}}-{{z}}-{{arr}}-{{missing}}',\n\
             {a: 'A', n: null, o: {x: 1}, z: 0, arr: [1, null, 2]})).to.equal('A-{{n}}-[object Object]-0-1,,2-{{missing}}');\n\
           pm.expect(Property.replaceSubstitutions('{{a}}{{b}}', {a: 1}, {b: 2, a: 9})).to.equal('12');\n\
           pm.expect(Property.replaceSubstitutions('{{token}}/{{count}}', pm.variables.toObject())).to.equal('t0k/3');\n\
           pm.expect(Property.replaceSubstitutions('{{a{{b}}}}', {b: 'x', ax: 'deep'})).to.equal('deep');\n\
           pm.expect(Property.replaceSubstitutions('{{a}}', {a: '{{b}}', b: '{{a}}'})).to.equal('{{b}}');\n\
           pm.expect(Property.replaceSubstitutions(42, {})).to.equal(42);\n\
           pm.expect(Property.replaceSubstitutions('{{$guid}}')).to.match(/^[0-9a-f-]{36}$/);\n\
           pm.expect(Property.replaceSubstitutionsIn({u: '{{a}}', l: ['{{a}}', 1]}, [{a: 'A'}])).to.eql({u: 'A', l: ['A', 1]});\n\
           pm.expect(Property.findSubstitutions({a: '{{x}} {{y}}', b: ['{{x}}']})).to.eql(['x', 'y']);\n\
         });",
    )
    .await;
    assert_eq!(names, vec!["plain objects"]);
}

#[tokio::test]
async fn issue11_variable_scope_and_lists() {
    let mut fx = Fixture::new();
    let names = all_pass(
        &mut fx,
        "const sdk = require('postman-collection');\n\
         pm.test('scope', () => {\n\
           const scope = new sdk.VariableScope({values: [{key: 'k', value: 'v'}, {key: 'n', value: 5, type: 'number'},\n\
             {key: 'off', value: 'x', disabled: true}]});\n\
           pm.expect([scope.get('k'), scope.get('n'), scope.get('off'), scope.has('off')]).to.eql(['v', 5, undefined, false]);\n\
           scope.set('n', '7');\n\
           pm.expect(scope.get('n')).to.equal(7);\n\
           pm.expect(scope.replaceIn('{{k}}/{{n}}/{{off}}')).to.equal('v/7/{{off}}');\n\
           pm.expect(scope.toObject(true)).to.eql({k: 'v', n: 7});\n\
           const layered = new sdk.VariableScope([{key: 'own', value: 'O'}],\n\
             [new sdk.VariableList(null, [{key: 'lower', value: 'L'}, {key: 'own', value: 'hidden'}])]);\n\
           pm.expect(layered.replaceIn('{{lower}}{{own}}')).to.equal('LO');\n\
           pm.expect(sdk.VariableScope.isVariableScope(layered)).to.equal(true);\n\
         });\n\
         pm.test('variable', () => {\n\
           const v = new sdk.Variable({key: 'x', value: 12, type: 'string'});\n\
           pm.expect([v.get(), v.toString()]).to.eql(['12', '12']);\n\
           pm.expect(new sdk.Variable({key: 'n', value: null}).toString()).to.equal('null');\n\
           pm.expect(new sdk.Variable({key: 'u'}).toString()).to.equal('');\n\
           pm.expect(new sdk.Variable({value: '[1,2]', type: 'array'}).get()).to.eql([1, 2]);\n\
         });\n\
         pm.test('collection', () => {\n\
           const col = new sdk.Collection({info: {name: 'C'}, variable: [{key: 'cv', value: 1}],\n\
             item: [{name: 'f', item: [{name: 'deep', request: 'http://h/deep'}]}, {name: 'top', request: 'http://h/top'}]});\n\
           const seen = [];\n\
           col.forEachItem((i) => seen.push(i.name + ' ' + i.request.url.toString()));\n\
           pm.expect(seen).to.eql(['deep http://h/deep', 'top http://h/top']);\n\
           pm.expect(col.oneDeep('deep')).to.be.an.instanceof(sdk.Item);\n\
           pm.expect(col.variables.get('cv')).to.equal(1);\n\
           pm.expect(pm.response).to.be.an.instanceof(sdk.Response);\n\
           pm.expect(pm.request).to.be.an.instanceof(sdk.Request);\n\
         });",
    )
    .await;
    assert_eq!(names, vec!["scope", "variable", "collection"]);
}
