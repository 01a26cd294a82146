//! The legacy native extensions (Sugar.js 1.3's, as postman-sandbox
//! installs them): loaded on first use, shaped as Sugar defines them, and a
//! few values from each group (the conformance collection
//! `tests/fixtures/scripts/prototype-extensions.postman_collection.json`
//! holds the full list, checked against Newman).

use super::support::{Fixture, failed, ok, passed};

async fn all_pass(fx: &mut Fixture, source: &str) -> Vec<String> {
    let out = fx.test(source).await;
    ok(&out);
    assert!(failed(&out).is_empty(), "{:#?}", failed(&out));
    passed(&out)
}

#[tokio::test]
async fn extensions_load_on_first_use_and_stay_non_enumerable() {
    let mut fx = Fixture::new();
    // A script that touches none of them leaves every one a lazy accessor.
    all_pass(
        &mut fx,
        "pm.test('still lazy', () => {\n\
           pm.expect(typeof Object.getOwnPropertyDescriptor(Array.prototype, 'each').get).to.equal('function');\n\
           pm.expect(typeof Object.getOwnPropertyDescriptor(String.prototype, 'camelize').get).to.equal('function');\n\
           pm.expect(typeof Object.getOwnPropertyDescriptor(Date, 'create').get).to.equal('function');\n\
         });",
    )
    .await;
    let names = all_pass(
        &mut fx,
        "pm.test('loaded by the first read, as a method', () => {\n\
           pm.expect([1, 2, 3].sum()).to.equal(6);\n\
           const d = Object.getOwnPropertyDescriptor(Array.prototype, 'each');\n\
           pm.expect(typeof d.value).to.equal('function');\n\
           pm.expect(d.enumerable).to.equal(false);\n\
           pm.expect(d.writable).to.equal(true);\n\
           pm.expect(typeof Object.getOwnPropertyDescriptor(String.prototype, 'camelize').get).to.equal('function');\n\
         });\n\
         pm.test('for..in sees none of them', () => {\n\
           const seen = [];\n\
           for (const k in [1]) { seen.push(k); }\n\
           for (const k in 'a') { seen.push(k); }\n\
           for (const k in new Date(0)) { seen.push(k); }\n\
           pm.expect(seen).to.eql(['0', '0']);\n\
           pm.expect(Object.keys(Object.extended({ a: 1 }))).to.eql(['a']);\n\
         });\n\
         pm.test('assigning shadows, as with a writable method', () => {\n\
           const a = [1];\n\
           a.first = 'mine';\n\
           pm.expect(a.first).to.equal('mine');\n\
           pm.expect(Object.keys(a)).to.eql(['0', 'first']);\n\
           pm.expect([5].first()).to.equal(5);\n\
         });",
    )
    .await;
    assert_eq!(names.len(), 3);
}

#[tokio::test]
async fn every_listed_name_is_defined_by_its_group() {
    let mut fx = Fixture::new();
    all_pass(
        &mut fx,
        "[].each; ''.camelize; (1).ordinalize; Date.create;\n\
         const targets = { 'Array.prototype': Array.prototype, Array, 'String.prototype': String.prototype, String,\n\
           'Number.prototype': Number.prototype, Number, 'Function.prototype': Function.prototype, Object,\n\
           'Date.prototype': Date.prototype, Date, RegExp, 'RegExp.prototype': RegExp.prototype };\n\
         const left = [];\n\
         Object.keys(targets).forEach((t) => Object.getOwnPropertyNames(targets[t]).forEach((n) => {\n\
           const d = Object.getOwnPropertyDescriptor(targets[t], n);\n\
           if (d.get && d.set && ['caller', 'arguments'].indexOf(n) === -1) { left.push(t + '.' + n); }\n\
         }));\n\
         pm.test('no accessor is left', () => pm.expect(left).to.eql([]));\n\
         pm.test('a sample of each group', () => {\n\
           pm.expect(typeof Array.prototype.groupBy).to.equal('function');\n\
           pm.expect(typeof Object.isString).to.equal('function');\n\
           pm.expect(typeof RegExp.escape).to.equal('function');\n\
           pm.expect(typeof Function.prototype.once).to.equal('function');\n\
           pm.expect(typeof Number.prototype.daysAgo).to.equal('function');\n\
           pm.expect(typeof Date.prototype.isThisWeek).to.equal('function');\n\
           pm.expect(Date.ISO8601_DATE).to.equal('{yyyy}-{MM}-{dd}');\n\
         });",
    )
    .await;
}

#[tokio::test]
async fn newman_prototype_check_values() {
    let mut fx = Fixture::new();
    all_pass(
        &mut fx,
        "pm.test('array', () => {\n\
           pm.expect(['a', 'b', 'c'].none('d')).to.equal(true);\n\
           pm.expect([[1, 2], [2, 3]].any([2, 3])).to.equal(true);\n\
           pm.expect([1, 2, 3, 4, 5].average()).to.equal(3);\n\
           pm.expect([{ a: 1 }, { a: 2 }].map('a')).to.eql([1, 2]);\n\
           pm.expect([{ a: 1, b: 2 }, { a: 1, b: 3 }, { a: 2 }].findAll({ a: 1 }).length).to.equal(2);\n\
           pm.expect([3, 1, 2, 1].min(undefined, true)).to.eql([1, 1]);\n\
           pm.expect(['b', 'a', 'C'].sortBy()).to.eql(['a', 'b', 'C']);\n\
         });\n\
         pm.test('function', () => {\n\
           let n = 0;\n\
           const f = (function () { n++; return n; }).once();\n\
           f(); f();\n\
           pm.expect(n).to.equal(1);\n\
           pm.expect(() => (function () {}).delay(5)).to.throw(ReferenceError, 'setTimeout is not defined');\n\
         });\n\
         pm.test('number', () => {\n\
           pm.expect((56).hex()).to.equal('38');\n\
           pm.expect((56).isEven()).to.equal(true);\n\
           pm.expect((56).ordinalize()).to.equal('56th');\n\
           pm.expect((56789.10).format()).to.equal('56,789.1');\n\
           pm.expect((1234567).bytes(2)).to.equal('1.18MB');\n\
         });\n\
         pm.test('string', () => {\n\
           pm.expect('jumpy'.endsWith('py')).to.equal(true);\n\
           pm.expect('jumpy'.endsWith('MPY', 5, false)).to.equal(true);\n\
           pm.expect('a-beta'.camelize()).to.equal('ABeta');\n\
           pm.expect('abc'.shift(5)).to.equal('fgh');\n\
           pm.expect('a-b_cD'.spacify()).to.equal('a b c d');\n\
           pm.expect('diabetes'.has('betes')).to.equal(true);\n\
           pm.expect('person'.pluralize()).to.equal('people');\n\
           pm.expect('x-men: the last stand'.titleize()).to.equal('X Men: The Last Stand');\n\
         });\n\
         pm.test('date', () => {\n\
           const d = Date.create('June 5th, 2020 at 5pm');\n\
           pm.expect(d.format('{yyyy}-{MM}-{dd} {HH}:{mm}')).to.equal('2020-06-05 17:00');\n\
           pm.expect(Date.create('5/6/2020').getMonth()).to.equal(4);\n\
           pm.expect(Date.create('2020-01-31T10:00:00Z').addMonths(1).toISOString()).to.equal('2020-02-29T10:00:00.000Z');\n\
           pm.expect(Date.create('3 days ago').relative()).to.equal('3 days ago');\n\
           pm.expect((90000000).duration()).to.equal('1 day');\n\
           pm.expect(Date.create('tomorrow').isTomorrow()).to.equal(true);\n\
         });",
    )
    .await;
}
