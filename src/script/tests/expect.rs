//! `pm.expect` and chai-postman's assertions: failure messages in chai's
//! wording, table-driven.

use super::support::{Fixture, failed, ok, passed};

/// Runs each expression inside `pm.test` and checks its failure message.
async fn messages(cases: &[(&str, &str)]) {
    let mut fx = Fixture::new();
    let source: String = cases
        .iter()
        .enumerate()
        .map(|(i, (expr, _))| format!("pm.test('{i}', function () {{ {expr}; }});\n"))
        .collect();
    let out = fx.test(&source).await;
    ok(&out);
    let got = failed(&out);
    for (i, (expr, want)) in cases.iter().enumerate() {
        let message = got
            .iter()
            .find(|(name, _)| *name == i.to_string())
            .map(|(_, m)| m.as_str());
        assert_eq!(message, Some(*want), "{expr}");
    }
}

/// Each expression must pass.
async fn passes(cases: &[&str]) {
    let mut fx = Fixture::new();
    let source: String = cases
        .iter()
        .enumerate()
        .map(|(i, expr)| format!("pm.test('{i}', function () {{ {expr}; }});\n"))
        .collect();
    let out = fx.test(&source).await;
    ok(&out);
    let bad = failed(&out);
    let bad: Vec<String> = bad
        .iter()
        .map(|(i, m)| format!("{}: {m}", cases[i.parse::<usize>().unwrap_or(0)]))
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
    assert_eq!(passed(&out).len(), cases.len());
}

#[tokio::test]
async fn equality_and_types() {
    messages(&[
        ("pm.expect(404).to.equal(200)", "expected 404 to equal 200"),
        (
            "pm.expect('a').to.eql('b')",
            "expected 'a' to deeply equal 'b'",
        ),
        (
            "pm.expect({a: 1}).to.eql({a: 2})",
            "expected { a: 1 } to deeply equal { a: 2 }",
        ),
        ("pm.expect(0).to.equal(1)", "expected +0 to equal 1"),
        ("pm.expect(5).to.not.equal(5)", "expected 5 to not equal 5"),
        (
            "pm.expect(5).to.be.a('string')",
            "expected 5 to be a string",
        ),
        (
            "pm.expect([]).to.be.an('object')",
            "expected [] to be an object",
        ),
        (
            "pm.expect(null).to.be.an('array')",
            "expected null to be an array",
        ),
        (
            "pm.expect('x').to.not.be.a('string')",
            "expected 'x' not to be a string",
        ),
        ("pm.expect(1).to.be.true", "expected 1 to be true"),
        ("pm.expect(true).to.be.false", "expected true to be false"),
        ("pm.expect(0).to.be.ok", "expected +0 to be truthy"),
        ("pm.expect('').to.be.ok", "expected '' to be truthy"),
        ("pm.expect(1).to.be.null", "expected 1 to be null"),
        ("pm.expect(1).to.be.undefined", "expected 1 to be undefined"),
        (
            "pm.expect(undefined).to.exist",
            "expected undefined to exist",
        ),
        ("pm.expect(1).to.not.exist", "expected 1 to not exist"),
        ("pm.expect(1).to.be.NaN", "expected 1 to be NaN"),
        ("pm.expect([1]).to.be.empty", "expected [ 1 ] to be empty"),
        (
            "pm.expect('').to.not.be.empty",
            "expected '' not to be empty",
        ),
        (
            "pm.expect({}).to.not.be.empty",
            "expected {} not to be empty",
        ),
        (
            "pm.expect(5).to.be.empty",
            ".empty was passed non-string primitive 5",
        ),
        (
            "pm.expect(1, 'custom').to.equal(2)",
            "custom: expected 1 to equal 2",
        ),
        (
            "pm.expect(2).to.be.oneOf([1, 3])",
            "expected 2 to be one of [ 1, 3 ]",
        ),
        (
            "pm.expect(new Date(0)).to.be.a('date').and.equal(1)",
            "expected 1970-01-01T00:00:00.000Z to equal 1",
        ),
        (
            "pm.expect(/a/).to.be.a('regexp').and.equal(1)",
            "expected /a/ to equal 1",
        ),
    ])
    .await;
}

#[tokio::test]
async fn numbers_and_lengths() {
    messages(&[
        ("pm.expect(5).to.be.above(10)", "expected 5 to be above 10"),
        ("pm.expect(5).to.be.below(1)", "expected 5 to be below 1"),
        (
            "pm.expect(5).to.be.at.least(6)",
            "expected 5 to be at least 6",
        ),
        (
            "pm.expect(5).to.be.at.most(4)",
            "expected 5 to be at most 4",
        ),
        (
            "pm.expect(5).to.not.be.above(1)",
            "expected 5 to be at most 1",
        ),
        (
            "pm.expect(5).to.be.within(6, 8)",
            "expected 5 to be within 6..8",
        ),
        (
            "pm.expect(1.5).to.be.closeTo(2, 0.1)",
            "expected 1.5 to be close to 2 +/- 0.1",
        ),
        (
            "pm.expect('5').to.be.above(1)",
            "expected '5' to be a number or a date",
        ),
        (
            "pm.expect(5).to.be.above('1')",
            "the argument to above must be a number",
        ),
        (
            "pm.expect([1, 2]).to.have.lengthOf(3)",
            "expected [ 1, 2 ] to have a length of 3 but got 2",
        ),
        (
            "pm.expect('abc').to.have.length(2)",
            "expected 'abc' to have a length of 2 but got 3",
        ),
        (
            "pm.expect([1]).to.have.length.above(2)",
            "expected [ 1 ] to have a length above 2 but got 1",
        ),
        (
            "pm.expect([1]).to.have.lengthOf.at.least(2)",
            "expected [ 1 ] to have a length at least 2 but got 1",
        ),
        (
            "pm.expect(5).to.have.lengthOf(1)",
            "expected 5 to have property 'length'",
        ),
    ])
    .await;
}

#[tokio::test]
async fn inclusion_properties_and_keys() {
    messages(&[
        ("pm.expect('hello').to.include('x')", "expected 'hello' to include 'x'"),
        ("pm.expect([1, 2]).to.include(3)", "expected [ 1, 2 ] to include 3"),
        ("pm.expect([1, 2]).to.not.include(2)", "expected [ 1, 2 ] to not include 2"),
        ("pm.expect([{a: 1}]).to.deep.include({a: 2})", "expected [ { a: 1 } ] to deep include { a: 2 }"),
        ("pm.expect({a: 1, b: 2}).to.include({a: 2})", "expected { a: 1, b: 2 } to have property 'a' of 2, but got 1"),
        (
            "pm.expect(undefined).to.include('x')",
            "the given combination of arguments (undefined and string) is invalid for this assertion. You can use an array, a map, an object, a set, a string, or a weakset instead of a string",
        ),
        ("pm.expect({a: 1}).to.have.property('b')", "expected { a: 1 } to have property 'b'"),
        ("pm.expect({a: 1}).to.have.property('a', 2)", "expected { a: 1 } to have property 'a' of 2, but got 1"),
        ("pm.expect({a: 1}).to.not.have.property('a')", "expected { a: 1 } to not have property 'a'"),
        ("pm.expect({a: {b: 1}}).to.have.nested.property('a.c')", "expected { a: { b: 1 } } to have nested property 'a.c'"),
        ("pm.expect({a: {b: [1]}}).to.have.nested.property('a.b[0]', 2)", "expected { a: { b: [ 1 ] } } to have nested property 'a.b[0]' of 2, but got 1"),
        ("pm.expect({a: {b: 1}}).to.have.deep.property('a', {b: 2})", "expected { a: { b: 1 } } to have deep property 'a' of { b: 2 }, but got { b: 1 }"),
        ("pm.expect(undefined).to.have.property('a')", "Target cannot be null or undefined."),
        ("pm.expect({a: 1}).to.have.own.property('toString')", "expected { a: 1 } to have own property 'toString'"),
        ("pm.expect({a: 1, b: 2}).to.have.keys('a')", "expected { a: 1, b: 2 } to have key 'a'"),
        ("pm.expect({a: 1}).to.have.all.keys('a', 'b')", "expected { a: 1 } to have keys 'a', and 'b'"),
        ("pm.expect({a: 1}).to.have.any.keys('b', 'c')", "expected { a: 1 } to have keys 'b', or 'c'"),
        ("pm.expect({a: 1}).to.include.keys('b')", "expected { a: 1 } to contain key 'b'"),
        ("pm.expect([1, 2]).to.have.members([1, 3])", "expected [ 1, 2 ] to have the same members as [ 1, 3 ]"),
        ("pm.expect([1, 2]).to.include.members([3])", "expected [ 1, 2 ] to be a superset of [ 3 ]"),
        ("pm.expect('abc').to.match(/x/)", "expected 'abc' to match /x/"),
        ("pm.expect('abc').to.have.string('x')", "expected 'abc' to contain 'x'"),
    ])
    .await;
}

#[tokio::test]
async fn long_values_are_summarised_like_chai() {
    messages(&[
        (
            "pm.expect({id: 1, name: 'a long name here', email: 'someone@example.com'}).to.have.property('x')",
            "expected { id: 1, …(2) } to have property 'x'",
        ),
        (
            "pm.expect([1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]).to.include(99)",
            "expected [ Array(20) ] to include 99",
        ),
        (
            "pm.expect('a string that is rather longer than forty characters').to.equal('x')",
            "expected 'a string that is rather longer than f…' to equal 'x'",
        ),
        (
            "pm.expect({ first: 'a value', second: 'another', third: 3 }).to.be.null",
            "expected { first: 'a value', …(2) } to be null",
        ),
        (
            "pm.expect({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 }).to.equal(1)",
            "expected { a: 1, b: 2, c: 3, d: 4, e: 5, …(2) } to equal 1",
        ),
    ])
    .await;
}

#[tokio::test]
async fn throws_instanceof_satisfy_and_fail() {
    messages(&[
        (
            "pm.expect(function () {}).to.throw()",
            "expected [Function] to throw an error",
        ),
        (
            "pm.expect(function f() { throw new TypeError('x') }).to.not.throw()",
            "expected [Function f] to not throw an error but 'TypeError: x' was thrown",
        ),
        (
            "pm.expect(function f() { throw new Error('boom') }).to.throw('bang')",
            "expected [Function f] to throw error including 'bang' but got 'boom'",
        ),
        (
            "pm.expect(function f() { throw new Error('x') }).to.throw(TypeError)",
            "expected [Function f] to throw 'TypeError' but 'Error: x' was thrown",
        ),
        (
            "pm.expect([]).to.be.an.instanceof(Date)",
            "expected [] to be an instance of Date",
        ),
        (
            "pm.expect(1).to.satisfy(function isTwo(n) { return n === 2; })",
            "expected 1 to satisfy [Function isTwo]",
        ),
        ("pm.expect.fail('nope')", "nope"),
        (
            "pm.expect(1).to.be.tru",
            "Error: Invalid Chai property: tru. Did you mean \"true\"?",
        ),
    ])
    .await;
}

/// Issue 16: an assertion is no longer a proxy, only the end of its
/// prototype chain is; words off the chain still throw chai's error at any
/// step, and what any object has still reads (checked against Newman 6.2.2).
#[tokio::test]
async fn issue16_unknown_words_throw_at_any_step_of_a_chain() {
    messages(&[
        (
            "pm.expect([1]).to.have.lengthOf.abov(0)",
            "Error: Invalid Chai property: abov. Did you mean \"above\"?",
        ),
        (
            "pm.expect(1).to.equal(1).and.bee.ok",
            "Error: Invalid Chai property: bee. Did you mean \"be\"?",
        ),
        (
            "pm.response.to.hav.status(200)",
            "Error: Invalid Chai property: hav. Did you mean \"has\"?",
        ),
    ])
    .await;
    passes(&[
        "pm.expect(pm.expect(1).then).to.equal(undefined)",
        "pm.expect(pm.expect(1).hasOwnProperty('__flags')).to.equal(true)",
        "pm.expect(typeof pm.expect(1).constructor).to.equal('function')",
        "pm.expect('to' in pm.expect(1)).to.equal(true)",
        "pm.expect('zzz' in pm.expect(1)).to.equal(false)",
        "pm.expect(Object.keys(pm.expect(1))).to.eql(['__flags'])",
        "pm.expect(String(pm.expect(1))).to.equal('[object Object]')",
    ])
    .await;
}

#[tokio::test]
async fn passing_chains() {
    passes(&[
        "pm.expect(1).to.equal(1)",
        "pm.expect({a: [1, {b: 2}]}).to.eql({a: [1, {b: 2}]})",
        "pm.expect({a: [1, {b: 2}]}).to.deep.equal({a: [1, {b: 2}]})",
        "pm.expect(NaN).to.eql(NaN)",
        "pm.expect('abc').to.be.a('string').that.includes('b')",
        "pm.expect([1, 2, 3]).to.be.an('array').that.is.not.empty",
        "pm.expect([1, 2, 3]).to.have.lengthOf(3).and.include(2)",
        "pm.expect({a: 1, b: 2}).to.include({a: 1})",
        "pm.expect({a: 1, b: 2}).to.have.all.keys('a', 'b')",
        "pm.expect({a: 1, b: 2}).to.have.any.keys('a', 'z')",
        "pm.expect({a: 1, b: 2}).to.contain.keys(['a'])",
        "pm.expect({a: {b: 'c'}}).to.have.property('a').that.has.property('b', 'c')",
        "pm.expect({a: {b: [5]}}).to.have.nested.property('a.b[0]', 5)",
        "pm.expect([1, 2]).to.have.members([2, 1])",
        "pm.expect([1, 2]).to.have.ordered.members([1, 2])",
        "pm.expect([{a: 1}]).to.deep.include({a: 1})",
        "pm.expect([{a: 1}, {b: 2}]).to.have.deep.members([{b: 2}, {a: 1}])",
        "pm.expect(2).to.be.oneOf([1, 2])",
        "pm.expect(5).to.be.within(1, 10).and.above(4).and.below(6)",
        "pm.expect(null).to.not.exist",
        "pm.expect(undefined).to.be.undefined",
        "pm.expect('').to.be.empty",
        "pm.expect(function () { throw new TypeError('bad thing'); }).to.throw(TypeError, /bad/)",
        "pm.expect(function () {}).to.not.throw()",
        "pm.expect(new Date()).to.be.an.instanceof(Date)",
        "pm.expect(3).to.satisfy(function (n) { return n > 2; })",
        "pm.expect('abc').to.match(/^a/)",
        "pm.expect(1.5).to.be.closeTo(1.4, 0.2)",
        "pm.expect(10).to.be.finite",
        "pm.expect(Object.freeze({})).to.be.frozen",
        "pm.expect(x => x).to.be.a('function')",
        "pm.expect(Promise.resolve()).to.be.a('promise')",
        "pm.expect(new Map([[1, 2]])).to.include(2)",
        "pm.expect(new Set([1])).to.have.lengthOf(1)",
    ])
    .await;
}

#[tokio::test]
async fn response_assertions() {
    messages(&[
        ("pm.response.to.have.status(404)", "expected response to have status code 404 but got 200"),
        ("pm.response.to.have.status('Created')", "expected response to have status reason 'Created' but got 'OK'"),
        ("pm.response.to.not.have.status(200)", "expected response to not have status code 200"),
        ("pm.response.to.be.notFound", "expected response to have status reason 'NOT FOUND' but got 'OK'"),
        ("pm.response.to.be.clientError", "expected response code to be 4XX but found 200"),
        ("pm.response.to.be.serverError", "expected response code to be 5XX but found 200"),
        ("pm.response.to.be.error", "expected response code to be 4XX or 5XX but found 200"),
        ("pm.response.to.not.be.ok", "expected response to not have status reason 'OK'"),
        ("pm.response.to.not.be.success", "expected response code to not be 2XX"),
        ("pm.response.to.have.header('X-Missing')", "expected response to have header with key 'X-Missing'"),
        ("pm.response.to.have.header('X-Request-Id', 'r-1')", "expected 'X-Request-Id' response header to be 'r-1' but got 'r-42'"),
        ("pm.response.to.have.body('x')", "expected response body to equal 'x' but got '{\"id\":7,\"name\":\"Ada\",\"tags\":[\"a\",\"b\"]…'"),
        ("pm.response.to.have.jsonBody('missing')", "expected { id: 7, name: 'Ada', …(2) } in response to contain property 'missing'"),
        ("pm.response.to.have.jsonBody('name', 'Bob')", "expected response body json at \"name\" to contain 'Bob' but got 'Ada'"),
        ("pm.response.to.have.responseTime.below(100)", "expected 120 to be below 100"),
        ("pm.response.to.have.jsonSchema({type: 'object', required: ['email']})", "expected data to satisfy schema but found following errors: \ndata should have required property 'email'"),
        ("pm.request.to.have.header('X-Missing')", "expected request to have header with key 'X-Missing'"),
    ])
    .await;
    passes(&[
        "pm.response.to.have.status(200)",
        "pm.response.to.have.status('OK')",
        "pm.response.to.be.ok",
        "pm.response.to.be.success",
        "pm.response.to.not.be.error",
        "pm.response.to.be.json",
        "pm.response.to.be.withBody",
        "pm.response.to.have.header('content-type')",
        "pm.response.to.have.header('X-Request-Id', 'r-42')",
        "pm.response.to.have.jsonBody()",
        "pm.response.to.have.jsonBody('nested.ok')",
        "pm.response.to.have.jsonBody('tags[1]', 'b')",
        "pm.response.to.have.body({id: 7, name: 'Ada', tags: ['a', 'b'], nested: {ok: true}})",
        "pm.response.to.have.body(/Ada/)",
        "pm.response.to.have.responseTime.below(500)",
        "pm.response.to.have.jsonSchema({type: 'object', properties: {id: {type: 'integer'}, tags: {type: 'array', items: {type: 'string'}}}, required: ['id']})",
        "pm.expect(pm.response.code).to.be.oneOf([200, 201])",
        "pm.expect(pm.response).to.have.property('code', 200)",
        "pm.request.to.have.header('Content-Type', 'application/json')",
    ])
    .await;
}
