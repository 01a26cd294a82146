//! The libraries scripts can use: crypto-js, atob / btoa, Buffer, uuid,
//! lodash, moment, JSON schema (`ajv`, `tv4`).

use super::support::{Fixture, failed, ok, passed};

async fn all_pass(source: &str) -> Vec<String> {
    let mut fx = Fixture::new();
    let out = fx.test(source).await;
    ok(&out);
    assert!(failed(&out).is_empty(), "{:#?}", failed(&out));
    passed(&out)
}

#[tokio::test]
async fn crypto_js() {
    let names = all_pass(
        "const CJ = require('crypto-js');\n\
         pm.test('same object as the global', () => pm.expect(CJ).to.equal(CryptoJS));\n\
         pm.test('hashes', () => {\n\
           pm.expect(CryptoJS.MD5('abc').toString()).to.equal('900150983cd24fb0d6963f7d28e17f72');\n\
           pm.expect(CryptoJS.SHA1('abc').toString()).to.equal('a9993e364706816aba3e25717850c26c9cd0d89d');\n\
           pm.expect(CryptoJS.SHA256('abc').toString(CryptoJS.enc.Hex)).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');\n\
           pm.expect(CryptoJS.SHA512('').toString().slice(0, 16)).to.equal('cf83e1357eefb8bd');\n\
           pm.expect(CryptoJS.SHA256('h\\u00e9').toString()).to.equal(CryptoJS.SHA256(CryptoJS.enc.Utf8.parse('h\\u00e9')).toString());\n\
         });\n\
         pm.test('hmac and encoders', () => {\n\
           const mac = CryptoJS.HmacSHA256('what do ya want for nothing?', 'Jefe');\n\
           pm.expect(mac.toString()).to.equal('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');\n\
           pm.expect(CryptoJS.enc.Base64.stringify(mac)).to.equal('W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=');\n\
           pm.expect(CryptoJS.HmacSHA1('data', 'key').toString()).to.equal('104152c5bfdca07bc633eebd46199f0255c9f49d');\n\
           pm.expect(CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse('hello'))).to.equal('aGVsbG8=');\n\
           pm.expect(CryptoJS.enc.Utf8.stringify(CryptoJS.enc.Base64.parse('aGVsbG8='))).to.equal('hello');\n\
           pm.expect(CryptoJS.enc.Base64.parse('aGVsbG8=').toString(CryptoJS.enc.Utf8)).to.equal('hello');\n\
           pm.expect(CryptoJS.enc.Hex.parse('68656c6c6f').toString(CryptoJS.enc.Latin1)).to.equal('hello');\n\
           pm.expect(CryptoJS.enc.Utf8.parse('hello').sigBytes).to.equal(5);\n\
           pm.expect(CryptoJS.enc.Hex.parse('00010203').words).to.eql([66051]);\n\
           pm.expect(CryptoJS.lib.WordArray.random(16).sigBytes).to.equal(16);\n\
           pm.expect(CryptoJS.algo.SHA256.create().update('a').update('bc').finalize().toString()).to.equal(CryptoJS.SHA256('abc').toString());\n\
           pm.expect(CryptoJS.algo.HMAC.create(CryptoJS.algo.SHA256, 'Jefe').update('what do ya want for nothing?').finalize().toString()).to.equal(mac.toString());\n\
         });\n\
         pm.test('AES round trip', () => pm.expect(CryptoJS.AES.decrypt(CryptoJS.AES.encrypt('a', 'b').toString(), 'b').toString(CryptoJS.enc.Utf8)).to.equal('a'));",
    )
    .await;
    assert_eq!(names.len(), 4);
}

#[tokio::test]
async fn atob_btoa_buffer_uuid() {
    all_pass(
        "pm.test('atob/btoa', () => {\n\
           pm.expect(btoa('user:pass')).to.equal('dXNlcjpwYXNz');\n\
           pm.expect(atob('dXNlcjpwYXNz')).to.equal('user:pass');\n\
           pm.expect(atob('aGVsbG8')).to.equal('hello');\n\
           pm.expect(require('btoa')('a')).to.equal('YQ==');\n\
           pm.expect(btoa('\\u0100')).to.equal('AA==');\n\
           pm.expect(atob('***')).to.equal('');\n\
         });\n\
         pm.test('Buffer', () => {\n\
           pm.expect(Buffer.from('user:pass').toString('base64')).to.equal('dXNlcjpwYXNz');\n\
           pm.expect(Buffer.from('dXNlcjpwYXNz', 'base64').toString()).to.equal('user:pass');\n\
           pm.expect(Buffer.from('hi').toString('hex')).to.equal('6869');\n\
           pm.expect(Buffer.byteLength('h\\u00e9')).to.equal(3);\n\
           pm.expect(Buffer.concat([Buffer.from('a'), Buffer.from('b')]).toString()).to.equal('ab');\n\
         });\n\
         pm.test('uuid', () => {\n\
           const uuid = require('uuid');\n\
           pm.expect(uuid.v4()).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);\n\
           pm.expect(uuid()).to.not.equal(uuid());\n\
           pm.expect(crypto.randomUUID()).to.have.lengthOf(36);\n\
           pm.expect(crypto.getRandomValues(new Uint8Array(4)).length).to.equal(4);\n\
         });",
    )
    .await;
}

#[tokio::test]
async fn lodash() {
    all_pass(
        "const L = require('lodash');\n\
         pm.test('same as _', () => pm.expect(L).to.equal(_));\n\
         const users = [{name: 'b', age: 3, tags: ['x']}, {name: 'a', age: 1}, {name: 'c', age: 2}];\n\
         pm.test('objects', () => {\n\
           const o = {a: {b: [{c: 1}]}};\n\
           pm.expect(_.get(o, 'a.b[0].c')).to.equal(1);\n\
           pm.expect(_.get(o, ['a', 'b', '0', 'c'])).to.equal(1);\n\
           pm.expect(_.get(o, 'a.x', 'dflt')).to.equal('dflt');\n\
           pm.expect(_.has(o, 'a.b')).to.be.true;\n\
           pm.expect(_.has(o, 'a.z')).to.be.false;\n\
           pm.expect(_.set({}, 'x.y[0]', 5)).to.eql({x: {y: [5]}});\n\
           pm.expect(_.pick({a: 1, b: 2, c: 3}, ['a', 'c'])).to.eql({a: 1, c: 3});\n\
           pm.expect(_.omit({a: 1, b: 2}, 'a')).to.eql({b: 2});\n\
           const deep = {a: [{b: 1}]}; const copy = _.cloneDeep(deep); copy.a[0].b = 2;\n\
           pm.expect(deep.a[0].b).to.equal(1);\n\
           pm.expect(_.isEqual({a: [1, {b: 2}]}, {a: [1, {b: 2}]})).to.be.true;\n\
           pm.expect(_.isEmpty({})).to.be.true; pm.expect(_.isEmpty([1])).to.be.false; pm.expect(_.isEmpty(null)).to.be.true;\n\
           pm.expect(_.merge({a: {b: 1}}, {a: {c: 2}})).to.eql({a: {b: 1, c: 2}});\n\
           pm.expect(_.keys({a: 1, b: 2})).to.eql(['a', 'b']);\n\
         });\n\
         pm.test('collections', () => {\n\
           pm.expect(_.find(users, {name: 'a'}).age).to.equal(1);\n\
           pm.expect(_.find(users, u => u.age > 2).name).to.equal('b');\n\
           pm.expect(_.filter(users, 'tags')).to.have.lengthOf(1);\n\
           pm.expect(_.map(users, 'name')).to.eql(['b', 'a', 'c']);\n\
           pm.expect(_.map({x: 1, y: 2}, (v, k) => k + v)).to.eql(['x1', 'y2']);\n\
           const seen = []; _.each(users, u => { seen.push(u.name); }); pm.expect(seen).to.have.lengthOf(3);\n\
           pm.expect(_.sortBy(users, 'age').map(u => u.name)).to.eql(['a', 'c', 'b']);\n\
           pm.expect(_.orderBy(users, ['age'], ['desc'])[0].name).to.equal('b');\n\
           pm.expect(_.uniq([1, 1, 2, NaN, NaN])).to.have.lengthOf(3);\n\
           pm.expect(_.times(3, i => i * 2)).to.eql([0, 2, 4]);\n\
           const r = _.random(1, 3); pm.expect(r).to.be.within(1, 3); pm.expect(r % 1).to.equal(0);\n\
           pm.expect(_.groupBy([1.1, 1.2, 2.3], Math.floor)).to.eql({1: [1.1, 1.2], 2: [2.3]});\n\
           pm.expect(_.chunk([1, 2, 3], 2)).to.eql([[1, 2], [3]]);\n\
           pm.expect(_.flatten([1, [2, [3]]])).to.eql([1, 2, [3]]);\n\
           pm.expect(_.range(3)).to.eql([0, 1, 2]);\n\
           pm.expect(_.sumBy(users, 'age')).to.equal(6);\n\
           pm.expect(_.difference([1, 2, 3], [2])).to.eql([1, 3]);\n\
           pm.expect(_(users).map('age').sortBy().value()).to.eql([1, 2, 3]);\n\
           pm.expect(_.camelCase('Foo Bar-baz')).to.equal('fooBarBaz');\n\
           pm.expect(_.padStart('7', 3, '0')).to.equal('007');\n\
           pm.expect(_.capitalize('hELLO')).to.equal('Hello');\n\
         });",
    )
    .await;
}

#[tokio::test]
async fn moment() {
    all_pass(
        "const moment = require('moment');\n\
         pm.test('format and parse', () => {\n\
           const m = moment.utc('2024-02-29T13:05:09.123Z');\n\
           pm.expect(m.isValid()).to.be.true;\n\
           pm.expect(m.format('YYYY-MM-DD HH:mm:ss.SSS')).to.equal('2024-02-29 13:05:09.123');\n\
           pm.expect(m.format()).to.equal('2024-02-29T13:05:09Z');\n\
           pm.expect(m.format('ddd, MMM Do YYYY, h:mm A [at] X')).to.equal('Thu, Feb 29th 2024, 1:05 PM at 1709211909');\n\
           pm.expect(m.toISOString()).to.equal('2024-02-29T13:05:09.123Z');\n\
           pm.expect(m.valueOf()).to.equal(1709211909123);\n\
           pm.expect(m.unix()).to.equal(1709211909);\n\
           pm.expect(moment.utc('31/12/2023 23:59', 'DD/MM/YYYY HH:mm').toISOString()).to.equal('2023-12-31T23:59:00.000Z');\n\
           pm.expect(moment('2024-01-15T10:00:00+02:00').toISOString()).to.equal('2024-01-15T08:00:00.000Z');\n\
           pm.expect(moment.unix(0).toISOString()).to.equal('1970-01-01T00:00:00.000Z');\n\
           pm.expect(moment('not a date').isValid()).to.be.false;\n\
         });\n\
         pm.test('arithmetic', () => {\n\
           const m = moment.utc('2024-01-31T00:00:00Z');\n\
           pm.expect(m.clone().add(1, 'month').format('YYYY-MM-DD')).to.equal('2024-02-29');\n\
           pm.expect(m.clone().add(1, 'days').format('YYYY-MM-DD')).to.equal('2024-02-01');\n\
           pm.expect(m.clone().subtract(2, 'h').toISOString()).to.equal('2024-01-30T22:00:00.000Z');\n\
           pm.expect(m.clone().add({days: 1, hours: 1}).toISOString()).to.equal('2024-02-01T01:00:00.000Z');\n\
           pm.expect(m.clone().startOf('month').format('YYYY-MM-DD')).to.equal('2024-01-01');\n\
           pm.expect(m.clone().endOf('day').toISOString()).to.equal('2024-01-31T23:59:59.999Z');\n\
           pm.expect(moment.utc('2024-03-01').diff(moment.utc('2024-01-01'), 'days')).to.equal(60);\n\
           pm.expect(moment.utc('2024-03-01').diff(moment.utc('2024-01-01'), 'months')).to.equal(2);\n\
           pm.expect(m.isBefore(moment.utc('2025-01-01'))).to.be.true;\n\
           pm.expect(m.isSame(moment.utc('2024-01-31T12:00:00Z'), 'day')).to.be.true;\n\
           pm.expect(moment.duration(90, 'minutes').asHours()).to.equal(1.5);\n\
           pm.expect(moment().isValid()).to.be.true;\n\
         });",
    )
    .await;
}

#[tokio::test]
async fn json_schema_with_ajv_and_tv4() {
    all_pass(
        "const schema = {type: 'object', required: ['id', 'name'], properties: {\n\
           id: {type: 'integer', minimum: 1}, name: {type: 'string', minLength: 1},\n\
           tags: {type: 'array', items: {type: 'string'}, uniqueItems: true},\n\
           nested: {$ref: '#/definitions/nested'}}, definitions: {nested: {type: 'object', properties: {ok: {const: true}}}}};\n\
         pm.test('ajv', () => {\n\
           const Ajv = require('ajv');\n\
           const ajv = new Ajv({allErrors: true});\n\
           pm.expect(ajv.validate(schema, pm.response.json())).to.be.true;\n\
           pm.expect(ajv.validate(schema, {id: 0, tags: ['a', 'a'], nested: {ok: false}})).to.be.false;\n\
           pm.expect(ajv.errorsText()).to.equal(\"data.id should be >= 1, data should have required property 'name', data.tags should NOT have duplicate items (items ## 1 and 0 are identical), data.nested.ok should be equal to constant\");\n\
           const validate = new Ajv().compile({type: 'string', format: 'email'});\n\
           pm.expect(validate('a@b.co')).to.be.true;\n\
           pm.expect(validate('nope')).to.be.false;\n\
           pm.expect(validate.errors[0].message).to.equal('should match format \"email\"');\n\
         });\n\
         pm.test('tv4', () => {\n\
           pm.expect(tv4.validate(pm.response.json(), schema)).to.be.true;\n\
           pm.expect(tv4.validate({id: 'x', name: 'n'}, schema)).to.be.false;\n\
           pm.expect(tv4.error.message).to.equal('Invalid type: string (expected integer)');\n\
           pm.expect(tv4.validateMultiple({}, schema).errors).to.have.lengthOf(2);\n\
         });\n\
         pm.test('jsonSchema', () => pm.response.to.have.jsonSchema(schema));",
    )
    .await;
}

#[tokio::test]
async fn xml_to_json() {
    all_pass(
        "const soap = '<?xml version=\"1.0\"?><soap:Envelope xmlns:soap=\"urn:s\"><soap:Body>' +\n\
           '<Result code=\"7\"> ok &amp; done </Result><Item>a</Item><Item>b</Item><Empty/><![CDATA[<raw>]]></soap:Body></soap:Envelope>';\n\
         pm.test('xml2Json', () => {\n\
           const json = xml2Json(soap);\n\
           const body = json['soap:Envelope']['soap:Body'];\n\
           pm.expect(json['soap:Envelope'].$).to.eql({'xmlns:soap': 'urn:s'});\n\
           pm.expect(body.Result).to.eql({$: {code: '7'}, _: 'ok & done'});\n\
           pm.expect(body.Item).to.eql(['a', 'b']);\n\
           pm.expect(body.Empty).to.equal('');\n\
           pm.expect(body._).to.equal('<raw>');\n\
           pm.expect(xml2Json('not xml <')).to.be.undefined;\n\
         });\n\
         pm.test('xml2js', () => {\n\
           require('xml2js').parseString('<a><b>1</b></a>', (err, result) => {\n\
             pm.expect(err).to.be.null;\n\
             pm.expect(result).to.eql({a: {b: ['1']}});\n\
           });\n\
         });",
    )
    .await;
}
