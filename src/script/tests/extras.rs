//! Issue 11's sandbox extras, each checked against Newman 6.2.2: `require('url')`
//! and `require('querystring')`, scopes' `.values`, `atob` / `btoa` edge cases,
//! liquid-json's `JSONError`s, xml2js's processors and options, and Ajv 6's
//! wording of schema errors.

use super::support::{Fixture, all_pass, failed, json_response, ok, passed};

#[tokio::test]
async fn issue11_require_url_parses_formats_and_resolves_as_node() {
    let names = all_pass(
        &mut Fixture::new(),
        "const url = require('url');\n\
         pm.test('parse', () => {\n\
           const u = url.parse('http://user:pw@Host.com:8080/p/a?x=1&x=2#h', true);\n\
           pm.expect(JSON.stringify(u)).to.equal(JSON.stringify({protocol: 'http:', slashes: true, auth: 'user:pw',\n\
             host: 'host.com:8080', port: '8080', hostname: 'host.com', hash: '#h', search: '?x=1&x=2',\n\
             query: {x: ['1', '2']}, pathname: '/p/a', path: '/p/a?x=1&x=2', href: 'http://user:pw@host.com:8080/p/a?x=1&x=2#h'}));\n\
           pm.expect(url.parse('http://h/p?q=1').query).to.equal('q=1');\n\
           pm.expect(url.parse('https://h').pathname).to.equal('/');\n\
           pm.expect(url.parse('/p?q=1', true).host).to.equal(null);\n\
           pm.expect(url.parse('http://h/a b').pathname).to.equal('/a%20b');\n\
           pm.expect(url.parse('http://[::1]:80/x').hostname).to.equal('::1');\n\
           pm.expect(url.parse('mailto:a@b.c').auth).to.equal('a');\n\
           pm.expect(() => url.parse(5)).to.throw(TypeError, \"Parameter 'url' must be a string, not number\");\n\
         });\n\
         pm.test('format and resolve', () => {\n\
           pm.expect(url.format({protocol: 'https', hostname: 'x.com', pathname: '/a', query: {a: 1, b: [1, 2]}})).to.equal('https://x.com/a?a=1&b=1&b=2');\n\
           pm.expect(url.resolve('http://a/b/c', '../d')).to.equal('http://a/d');\n\
           pm.expect(url.resolve('/one/two/three', 'four')).to.equal('/one/two/four');\n\
           pm.expect(url.resolve('http://a/b/c?q', '?r')).to.equal('http://a/b/c?r');\n\
           pm.expect(url.resolve('http://a/b', '//c/d')).to.equal('http://c/d');\n\
         });\n\
         pm.test('querystring', () => {\n\
           const qs = require('querystring');\n\
           pm.expect(qs.parse('a=1&a=2&b=%20x+y&c&=d')).to.eql({a: ['1', '2'], b: ' x y', c: '', '': 'd'});\n\
           pm.expect(qs.stringify({a: [1, 2], b: 'x y', c: null, e: true, f: {}})).to.equal('a=1&a=2&b=x%20y&c=&e=true&f=');\n\
           pm.expect(qs.stringify({a: 1, b: 2}, ';', ':')).to.equal('a:1;b:2');\n\
           pm.expect(qs.escape).to.equal(undefined);\n\
           pm.expect(() => qs.parse('%zz')).to.throw(URIError, 'URI malformed');\n\
         });\n\
         pm.test('no URL globals', () => pm.expect(typeof URL + typeof URLSearchParams).to.equal('undefinedundefined'));",
    )
    .await;
    assert_eq!(names.len(), 4);
}

#[tokio::test]
async fn issue11_scope_values_are_property_lists() {
    let mut fx = Fixture::new();
    all_pass(
        &mut fx,
        "pm.environment.set('a', '1'); pm.environment.set('b', 2);\n\
         pm.test('values', () => {\n\
           const values = pm.environment.values;\n\
           pm.expect(values.count()).to.equal(2);\n\
           pm.expect(values.filter(v => v.key === 'b').map(v => v.value)).to.eql([2]);\n\
           pm.expect(values.toObject()).to.eql({a: '1', b: 2});\n\
           pm.expect(values.one('a').value).to.equal('1');\n\
           pm.expect(values.find(v => v.value === '1').key).to.equal('a');\n\
           let n = 0; values.each(() => { n += 1; });\n\
           pm.expect(n).to.equal(2);\n\
           pm.expect(pm.globals.values.count()).to.equal(0);\n\
           pm.expect(pm.collectionVariables.values.count()).to.equal(0);\n\
         });",
    )
    .await;
}

#[tokio::test]
async fn issue11_atob_btoa_follow_the_npm_packages() {
    all_pass(
        &mut Fixture::new(),
        "pm.test('btoa', () => {\n\
           pm.expect(() => btoa(undefined)).to.throw(TypeError, \"Cannot read properties of undefined (reading 'toString')\");\n\
           pm.expect(() => btoa(null)).to.throw(TypeError, \"Cannot read properties of null (reading 'toString')\");\n\
           pm.expect(btoa(12)).to.equal('MTI=');\n\
           pm.expect(btoa('\\u00e9')).to.equal('6Q==');\n\
           pm.expect(btoa('\\u20ac')).to.equal('rA==');\n\
           pm.expect(btoa({})).to.equal('W29iamVjdCBPYmplY3Rd');\n\
         });\n\
         pm.test('atob', () => {\n\
           pm.expect(() => atob(undefined)).to.throw(TypeError, /Received type undefined/);\n\
           pm.expect(() => atob(null)).to.throw(TypeError, /Received type object/);\n\
           pm.expect(() => atob(12)).to.throw(TypeError, /must not be of type number/);\n\
           pm.expect(atob('a')).to.equal('');\n\
           pm.expect(atob('!!')).to.equal('');\n\
           pm.expect(atob('YQ')).to.equal('a');\n\
           pm.expect(atob('YW=Jj')).to.equal('a');\n\
         });",
    )
    .await;
}

#[tokio::test]
async fn issue11_json_errors_are_liquid_json_ones() {
    let mut fx = Fixture::new();
    fx.response = json_response(204, "No Content", "");
    all_pass(
        &mut fx,
        "const err = (f) => { try { f(); return null; } catch (e) { return [e.name, e.message, e instanceof SyntaxError]; } };\n\
         pm.test('JSON.parse', () => {\n\
           pm.expect(err(() => JSON.parse(''))).to.eql(['JSONError', 'No data, empty input at 1:1\\n\\n^', true]);\n\
           pm.expect(err(() => JSON.parse(' '))[1]).to.equal('No data, only a whitespace at 1:2\\n \\n ^');\n\
           pm.expect(err(() => JSON.parse('{\"a\":'))[1]).to.equal('No value found for key a at 1:6\\n{\"a\":\\n     ^');\n\
           pm.expect(err(() => JSON.parse('[1,]'))[1]).to.equal('Trailing comma in array at 1:4\\n[1,]\\n   ^');\n\
           pm.expect(err(() => JSON.parse('{\"a\":1}\\n{'))[1]).to.equal(\"Unexpected token '{' at 2:1\\n{\\n^\");\n\
           pm.expect(err(() => JSON.parse('nul'))[1]).to.equal(\"Unexpected token 'n' at 1:1\\nnul\\n^\");\n\
           pm.expect(err(() => JSON.parse('\"a'))[1]).to.equal('Unexpected end of input at 1:3\\n\"a\\n  ^');\n\
           pm.expect(err(() => JSON.parse())[1]).to.equal('\"undefined\" is not valid JSON');\n\
           pm.expect(JSON.parse('\\ufeff{\"a\":1}')).to.eql({a: 1});\n\
           pm.expect(JSON.parse('{\"a\":1}', (k, v) => typeof v === 'number' ? v + 1 : v)).to.eql({a: 2});\n\
         });\n\
         pm.test('response.json', () => {\n\
           pm.expect(err(() => pm.response.json())).to.eql(['JSONError', 'No data, empty input at 1:1\\n\\n^', true]);\n\
         });",
    )
    .await;
}

#[tokio::test]
async fn issue11_xml2js_processors_and_options() {
    all_pass(
        &mut Fixture::new(),
        "const xml2js = require('xml2js');\n\
         const p = xml2js.processors;\n\
         const x = '<s:Env xmlns:s=\"urn:s\" s:a=\"1\"><s:Body Count=\"2\"><N>12</N><N>1.5</N><B>True</B><E/><W>  </W><M id=\"3\">t</M></s:Body></s:Env>';\n\
         const parse = (o) => { let out; xml2js.parseString(x, o, (e, r) => { out = r; }); return JSON.stringify(out); };\n\
         pm.test('processors', () => {\n\
           pm.expect([p.stripPrefix('a:b:c'), p.stripPrefix('xmlns:x'), p.normalize('AbC'), p.firstCharLowerCase('ABc'),\n\
             p.parseNumbers('12'), p.parseNumbers('1e3'), p.parseNumbers('x'), p.parseBooleans('FALSE'), p.parseBooleans('no')])\n\
             .to.eql(['c', 'xmlns:x', 'abc', 'aBc', 12, 1, 'x', false, 'no']);\n\
         });\n\
         pm.test('options', () => {\n\
           pm.expect(parse({tagNameProcessors: [p.stripPrefix], attrNameProcessors: [p.stripPrefix], explicitArray: false}))\n\
             .to.equal('{\"Env\":{\"$\":{\"xmlns:s\":\"urn:s\",\"a\":\"1\"},\"Body\":{\"$\":{\"Count\":\"2\"},\"N\":[\"12\",\"1.5\"],\"B\":\"True\",\"E\":\"\",\"W\":\"  \",\"M\":{\"_\":\"t\",\"$\":{\"id\":\"3\"}}}}}');\n\
           pm.expect(parse({tagNameProcessors: [p.stripPrefix, p.normalize], valueProcessors: [p.parseNumbers, p.parseBooleans]}))\n\
             .to.equal('{\"env\":{\"$\":{\"xmlns:s\":\"urn:s\",\"s:a\":\"1\"},\"body\":[{\"$\":{\"Count\":\"2\"},\"n\":[12,1.5],\"b\":[true],\"e\":[\"\"],\"w\":[\"  \"],\"m\":[{\"_\":\"t\",\"$\":{\"id\":\"3\"}}]}]}}');\n\
           pm.expect(parse({mergeAttrs: true}))\n\
             .to.equal('{\"s:Env\":{\"xmlns:s\":[\"urn:s\"],\"s:a\":[\"1\"],\"s:Body\":[{\"Count\":[\"2\"],\"N\":[\"12\",\"1.5\"],\"B\":[\"True\"],\"E\":[\"\"],\"W\":[\"  \"],\"M\":[{\"_\":\"t\",\"id\":[\"3\"]}]}]}}');\n\
           pm.expect(parse({ignoreAttrs: true, explicitArray: false, tagNameProcessors: [p.firstCharLowerCase]}))\n\
             .to.equal('{\"s:Env\":{\"s:Body\":{\"n\":[\"12\",\"1.5\"],\"b\":\"True\",\"e\":\"\",\"w\":\"  \",\"m\":\"t\"}}}');\n\
           pm.expect(parse({attrValueProcessors: [p.parseNumbers], explicitRoot: false, explicitArray: false}))\n\
             .to.equal('{\"$\":{\"xmlns:s\":\"urn:s\",\"s:a\":1},\"s:Body\":{\"$\":{\"Count\":2},\"N\":[\"12\",\"1.5\"],\"B\":\"True\",\"E\":\"\",\"W\":\"  \",\"M\":{\"_\":\"t\",\"$\":{\"id\":3}}}}');\n\
           let r; xml2js.parseString('<a>\\n  <b>1</b>\\n</a>', (e, out) => { r = out; });\n\
           pm.expect(r).to.eql({a: {b: ['1']}});\n\
         });",
    )
    .await;
}

#[tokio::test]
async fn issue11_schema_errors_use_ajv6_wording_and_paths() {
    let mut fx = Fixture::new();
    let out = fx
        .test(
            "const schema = {type: 'object', required: ['r'], properties: {alpha: {type: 'boolean'}, s: {minLength: 3, maxLength: 4, pattern: '^a'},\n\
               list: {items: {properties: {'a-b': {type: 'number'}}}}, o: {additionalProperties: false}}};\n\
             pm.test('one', () => pm.expect({r: 1, alpha: 1}).to.have.jsonSchema(schema));\n\
             pm.test('many', () => pm.expect({alpha: 1, s: 'bbbbb', list: [{'a-b': 'x'}], o: {x: 1}}).to.have.jsonSchema(schema));\n\
             pm.test('ajv', () => {\n\
               const ajv = new (require('ajv'))({allErrors: true});\n\
               const s2 = {type: 'object', required: ['id', 'name'], properties: {id: {minimum: 1}, name: {type: 'string'}, tags: {uniqueItems: true}}};\n\
               pm.expect(ajv.validate(s2, {id: 0, tags: ['a', 'a']})).to.be.false;\n\
               pm.expect(ajv.errorsText()).to.equal(\"data.id should be >= 1, data should have required property 'name', data.tags should NOT have duplicate items (items ## 1 and 0 are identical)\");\n\
               pm.expect(ajv.errors[0]).to.eql({keyword: 'minimum', dataPath: '.id', schemaPath: '#/properties/id/minimum', params: {comparison: '>=', limit: 1, exclusive: false}, message: 'should be >= 1'});\n\
             });",
        )
        .await;
    ok(&out);
    let failures = failed(&out);
    let message = |name: &str| {
        failures
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        message("one"),
        "expected data to satisfy schema but found following errors: \ndata.alpha should be boolean"
    );
    assert_eq!(
        message("many"),
        "expected data to satisfy schema but found following errors: \ndata should have required property 'r', \
         data.alpha should be boolean, data.s should NOT be longer than 4 characters, data.s should match pattern \"^a\", \
         data.list[0]['a-b'] should be number, data.o should NOT have additional properties"
    );
    assert_eq!(passed(&out), vec!["ajv".to_owned()]);
}
