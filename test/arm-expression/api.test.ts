import assert from 'node:assert/strict';
import { evaluateExpression, evaluateString, evaluateValue } from '../../src/core/arm/expression';
import { ExpressionError, LimitError } from '../../src/core/arm/types';
import { ev, makeCtx } from './helpers';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  assert.fail('expected an error');
}

describe('arm-expression API', () => {
  it('evaluateString evaluates expressions and returns other strings as they are', () => {
    const ctx = makeCtx({ parameters: { name: 'demo' } });
    assert.equal(evaluateString("[concat('st', parameters('name'))]", ctx), 'stdemo');
    assert.equal(evaluateString('plain text', ctx), 'plain text');
    assert.equal(evaluateString('', ctx), '');
    assert.equal(evaluateString('[not closed', ctx), '[not closed');
  });

  it("unescapes a leading '[[' to a literal '['", () => {
    assert.equal(evaluateString("[[concat('a')]", makeCtx()), "[concat('a')]");
    assert.equal(evaluateString('[[x]', makeCtx()), '[x]');
  });

  it('evaluateExpression takes the text without brackets', () => {
    assert.equal(evaluateExpression("toUpper('a')", makeCtx()), 'A');
  });

  it('matches function names case-insensitively', () => {
    assert.equal(ev("TOLOWER('ABC')"), 'abc');
    assert.equal(ev("ConCat('a', 'b')"), 'ab');
  });

  it('reads object properties case-insensitively, with . and [] access', () => {
    const ctx = makeCtx({ parameters: { cfg: { Sku: { Name: 'Standard_LRS' }, 'odd-key': 1, list: ['a', 'b'] } } });
    assert.equal(ev("parameters('cfg').sku.name", ctx), 'Standard_LRS');
    assert.equal(ev("parameters('cfg')['SKU']['NAME']", ctx), 'Standard_LRS');
    assert.equal(ev("parameters('cfg').odd-key", ctx), 1);
    assert.equal(ev("parameters('cfg').list[1]", ctx), 'b');
  });

  it('names the missing property and the available ones', () => {
    const ctx = makeCtx({ parameters: { cfg: { a: 1, b: 2 } } });
    const e = thrown(() => ev("parameters('cfg').c", ctx));
    assert.ok(e instanceof ExpressionError);
    assert.match(e.message, /property 'c' does not exist; available properties are 'a', 'b'/);
  });

  it('refuses out-of-range indexes and indexing the wrong types', () => {
    assert.match(thrown(() => ev("createArray(1, 2)[2]")).message, /index 2 is outside the array bounds \(length 2\)/);
    assert.match(thrown(() => ev("createArray(1)['a']")).message, /indexed by an integer/);
    assert.match(thrown(() => ev("'abc'.length")).message, /cannot read property 'length' of String/);
    assert.match(thrown(() => ev('null().a')).message, /of Null/);
  });

  it('does not expose prototype members through property access', () => {
    const ctx = makeCtx({ parameters: { o: { a: 1 } } });
    assert.match(thrown(() => ev("parameters('o').constructor", ctx)).message, /property 'constructor' does not exist/);
    assert.match(thrown(() => ev("parameters('o')['__proto__']", ctx)).message, /property '__proto__' does not exist/);
    assert.match(thrown(() => ev("parameters('o').toString", ctx)).message, /does not exist/);
  });

  it('names the function, the expression, the position, the file and the pointer in type errors', () => {
    const e = thrown(() => evaluateString("[concat('x', add('a', 1))]", makeCtx()));
    assert.ok(e instanceof ExpressionError);
    assert.match(e.message, /^main\.json \(at \/resources\/0\/properties\): /);
    assert.match(e.message, /'add'/);
    assert.match(e.message, /\[add\('a', 1\)\]|\[concat\('x', add\('a', 1\)\)\]/);
    assert.match(e.message, /character 13/);
    assert.match(e.message, /argument 1 must be an Integer, got String 'a'/);
    assert.equal(e.position, 12);
  });

  it('reports unknown functions and wrong argument counts by name', () => {
    assert.match(thrown(() => ev("noSuchFunction('a')")).message, /'noSuchFunction'.*not a template function/);
    assert.match(thrown(() => ev("toLower('a', 'b')")).message, /'toLower'.*expects 1 argument, got 2/);
    assert.match(thrown(() => ev('createObject(\'a\')')).message, /'createObject'.*name\/value pairs/);
    assert.match(thrown(() => ev('if(true())')).message, /'if'.*expects 3 arguments, got 1/);
  });

  it('evaluateValue walks arrays and objects and locates errors by JSON pointer', () => {
    const ctx = makeCtx({ parameters: { n: 2 } });
    const value = { name: "[concat('vm', string(parameters('n')))]", tags: { 'a/b': ['x', "[add(parameters('n'), 1)]"] }, escaped: '[[raw]' };
    assert.deepEqual(evaluateValue(value, ctx), { name: 'vm2', tags: { 'a/b': ['x', 3] }, escaped: '[raw]' });
    const e = thrown(() => evaluateValue({ tags: { 'a/b': ['x', "[add('x', 1)]"] } }, ctx));
    assert.ok(e instanceof ExpressionError);
    assert.match(e.message, /^main\.json \(at \/resources\/0\/properties\/tags\/a~1b\/1\): /);
  });

  it('evaluates expression property names, as ARM does (and user-defined function outputs with them)', () => {
    const ctx = makeCtx({
      parameters: { tag: 'CostCenter' },
      functions: { 'ns.tags': { parameters: [{ name: 'k', type: 'string' }], output: { type: 'object', value: { "[parameters('k')]": 'v', '[[raw]': 1 } } } },
    });
    assert.deepEqual(evaluateValue({ a: 1, "[parameters('tag')]": "[ns.tags('x')]", z: 2 }, ctx), { a: 1, CostCenter: { x: 'v', '[raw]': 1 }, z: 2 });
    assert.deepEqual(Object.keys(evaluateValue({ a: 1, "[parameters('tag')]": 0, z: 2 }, ctx) as object), ['a', 'CostCenter', 'z']);
  });

  it('evaluateValue does not change its input and builds own-property objects', () => {
    const input = { a: "[createObject('k', 1)]", b: [1, 2] };
    const copy = structuredClone(input);
    const out = evaluateValue(input, makeCtx()) as { a: object; b: number[] };
    assert.deepEqual(input, copy);
    assert.notEqual(out.b, input.b);
    assert.deepEqual(out, { a: { k: 1 }, b: [1, 2] });
  });

  it('passes errors from the context through with the location added once', () => {
    const e = thrown(() => evaluateValue({ x: "[parameters('missing')]" }, makeCtx()));
    assert.ok(e instanceof ExpressionError);
    assert.equal((e.message.match(/main\.json/g) ?? []).length, 1);
    assert.match(e.message, /\/resources\/0\/properties\/x/);
    assert.match(e.message, /parameter 'missing' is not defined/);
  });

  it('refuses a lambda as a final value', () => {
    assert.match(thrown(() => ev("lambda('x', lambdaVariables('x'))")).message, /lambda expression/);
  });

  it('keeps LimitError as the error type, with the location', () => {
    const e = thrown(() => evaluateString('[range(0, 200)]', makeCtx({ maxArrayLength: 100 })));
    assert.ok(e instanceof LimitError);
    assert.match(e.message, /^main\.json \(at \/resources\/0\/properties\): range\(\) would produce an array of 200 elements/);
  });

  it('returns the same bytes for the same input', () => {
    const text = "[string(union(createObject('b', 1, 'a', createArray(2, 3)), createObject('c', uniqueString('x'))))]";
    assert.equal(evaluateString(text, makeCtx()), evaluateString(text, makeCtx()));
    assert.equal(evaluateString(text, makeCtx()), '{"b":1,"a":[2,3],"c":"' + String(ev("uniqueString('x')")) + '"}');
  });
});
