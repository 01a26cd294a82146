//! Issue 13: the `pm` members postman-sandbox has and courier adds
//! (PropertyBase's parent chain, `describe`, scope ids and names), the clear
//! error of those it does not have, `pm.vault`, `pm.visualizer` and
//! `pm.require` without packages.

use serde_json::json;

use super::support::{Fixture, all_pass, ok};
use crate::script::Visualizer;
use crate::variables::ScopeMeta;

#[tokio::test]
async fn issue13_members_courier_lacks_throw_an_error_naming_them() {
    all_pass(
        &mut Fixture::new(),
        "const refused = (fn, name) => pm.expect(fn).to.throw(Error, name + ' is not supported in courier');\n\
         pm.test('methods', () => {\n\
           refused(() => pm.environment.addLayer(), 'pm.environment.addLayer');\n\
           refused(() => pm.variables.syncVariablesTo({}), 'pm.variables.syncVariablesTo');\n\
           refused(() => pm.request.size(), 'pm.request.size');\n\
           refused(() => pm.request.url.getOAuth1BaseUrl(), 'pm.request.url.getOAuth1BaseUrl');\n\
           refused(() => pm.response.mime(), 'pm.response.mime');\n\
         });\n\
         pm.test('properties, when read', () => {\n\
           refused(() => pm.response.stream, 'pm.response.stream');\n\
           refused(() => pm.globals.mutations, 'pm.globals.mutations');\n\
         });\n\
         pm.test('none of them shows when objects are listed or serialised', () => {\n\
           pm.expect(Object.keys(pm.environment)).to.not.include('addLayer');\n\
           pm.expect(JSON.stringify(pm.response)).to.be.a('string');\n\
         });",
    )
    .await;
}

#[tokio::test]
async fn issue13_list_members_know_their_owner_whenever_they_were_made() {
    all_pass(
        &mut Fixture::new(),
        "const header = pm.request.headers.one('Content-Type');\n\
         pm.test('a member of pm.request made before the first parent() call', () => {\n\
           pm.expect(header.parent()).to.equal(pm.request);\n\
           pm.expect(pm.response.headers.one('Content-Type').parent()).to.equal(pm.response);\n\
         });\n\
         const sdk = require('postman-collection');\n\
         const request = new sdk.Request({ url: 'http://x.test/?q=1', header: [{ key: 'a', value: '1' }] });\n\
         pm.test('members of what a script builds with postman-collection', () => {\n\
           pm.expect(request.headers.one('a').parent()).to.equal(request);\n\
           pm.expect(request.url.query.one('q').parent()).to.equal(request.url);\n\
           pm.expect(request.headers.one('a').findParentContaining('method')).to.equal(request);\n\
         });",
    )
    .await;
}

#[tokio::test]
async fn issue13_scope_ids_and_names_come_from_the_files() {
    let mut fx = Fixture::new();
    fx.scopes.environment.meta = ScopeMeta {
        id: Some("env-1".into()),
        name: Some("Staging".into()),
    };
    all_pass(
        &mut fx,
        "pm.test('environment', () => {\n\
           pm.expect(pm.environment.id).to.equal('env-1');\n\
           pm.expect(pm.environment.name).to.equal('Staging');\n\
         });\n\
         pm.test('a scope without a file has a UUID that stays, and no name', () => {\n\
           pm.expect(pm.globals.id).to.match(/^[0-9a-f-]{36}$/).and.equal(pm.globals.id);\n\
           pm.expect(pm.globals.name).to.equal(undefined);\n\
         });",
    )
    .await;
}

#[tokio::test]
async fn issue13_visualizer_keeps_the_last_call_and_checks_its_arguments() {
    let mut fx = Fixture::new();
    let out = fx
        .test(
            "pm.visualizer.set('<b>{{a}}</b>', { a: 1 }, { noEscape: true });\n\
             pm.visualizer.set('<i>{{b}}</i>', { b: pm.response.json().name });\n\
             pm.test('bad arguments', () => {\n\
               pm.expect(() => pm.visualizer.set('x', 'data')).to.throw('Invalid data. Data must be an object, found string');\n\
               pm.expect(() => pm.visualizer.set('x', {}, 3)).to.throw('Invalid options. Options must be an object, found number');\n\
             });",
        )
        .await;
    ok(&out);
    assert_eq!(
        out.visualizer,
        Some(Visualizer {
            template: "<i>{{b}}</i>".into(),
            data: json!({"b": "Ada"}),
            options: serde_json::Value::Null,
        })
    );
    let cleared = fx
        .test("pm.visualizer.set('x'); pm.visualizer.clear();")
        .await;
    assert_eq!(cleared.visualizer, None);
}

#[tokio::test]
async fn issue13_vault_calls_are_promises_over_the_run_vault() {
    let mut fx = Fixture::new();
    fx.scopes.vault.set("k", json!("v"));
    all_pass(
        &mut fx,
        "const got = pm.vault.get('k');\n\
         pm.test('a promise', () => pm.expect(got).to.be.an.instanceof(Promise));\n\
         pm.test('get', async () => pm.expect(await got).to.equal('v'));\n\
         await pm.vault.set('n', 42);\n\
         await pm.vault.unset('k');",
    )
    .await;
    assert_eq!(fx.scopes.vault.get("n"), Some(&json!("42")));
    assert_eq!(fx.scopes.vault.get("k"), None);
}

#[tokio::test]
async fn issue13_pm_require_without_packages_says_where_they_come_from() {
    all_pass(
        &mut Fixture::new(),
        "pm.test('team', () => pm.expect(() => pm.require('@team/x')).to.throw(\"Cannot find package '@team/x': no packages directory\"));\n\
         pm.test('npm', () => pm.expect(() => pm.require('npm:left-pad@1.3.0')).to.throw(\"Cannot find package 'npm:left-pad@1.3.0': there is no node_modules directory\"));\n\
         pm.test('built-in modules as before', () => pm.expect(pm.require('lodash')).to.equal(require('lodash')));",
    )
    .await;
}
