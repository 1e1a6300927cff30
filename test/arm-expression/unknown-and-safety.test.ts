// Unknown propagation, prototype-pollution safety and resource bounds.
import assert from 'node:assert/strict';
import { evaluateString, evaluateValue } from '../../src/core/arm/expression';
import { Unknown, isUnknown } from '../../src/core/model';
import { LimitError } from '../../src/core/arm/types';
import { ev, makeCtx } from './helpers';

function limitError(fn: () => unknown): LimitError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof LimitError, `expected LimitError, got ${(e as Error).name}: ${(e as Error).message}`);
    return e;
  }
  assert.fail('expected a LimitError');
}

describe('arm-expression Unknown propagation', () => {
  const u = new Unknown('only known after deployment');
  const ctx = makeCtx({ parameters: { later: u, list: [1, u] } });

  it('a function receiving an Unknown returns that Unknown', () => {
    for (const text of [
      "toLower(parameters('later'))",
      "concat('a', parameters('later'))",
      "format('{0}', parameters('later'))",
      "add(parameters('later'), 1)",
      "equals(parameters('later'), 'x')",
      "resourceId('Microsoft.Storage/storageAccounts', parameters('later'))",
      "uniqueString(parameters('later'))",
      "parameters('later').property[0]",
      "createArray(1)[parameters('later')]",
      "string(parameters('list'))",
      "union(createObject(), parameters('later'))",
    ]) {
      const v = ev(text, ctx);
      assert.ok(isUnknown(v), `${text} gave ${JSON.stringify(v)}`);
      assert.equal(v, u, `${text} should carry the original reason`);
    }
  });

  it('what is still decidable is decided', () => {
    assert.equal(ev("length(parameters('list'))", ctx), 2);
    assert.equal(ev("first(parameters('list'))", ctx), 1);
    assert.equal(ev("empty(parameters('list'))", ctx), false);
    assert.equal(ev("contains(parameters('list'), 1)", ctx), true);
    assert.ok(isUnknown(ev("contains(parameters('list'), 2)", ctx)));
    assert.equal(ev("length(createObject('a', parameters('later')))", ctx), 1);
    assert.equal(ev("if(true(), 'known', parameters('later'))", ctx), 'known');
    assert.equal(ev("if(parameters('later'), 'Disabled', 'Disabled')", ctx), 'Disabled');
    assert.equal(ev("if(parameters('later'), 'Enabled', 'Disabled')", ctx), u);
    assert.equal(ev("if(parameters('later'), 'x', add('a', 1))", ctx), u);
    assert.equal(ev("coalesce('x', parameters('later'))", ctx), 'x');
    assert.equal(ev("or(parameters('later'), true())", ctx), true);
    assert.equal(ev("and(parameters('later'), false())", ctx), false);
    assert.equal(ev("equals(createArray(1, parameters('later')), createArray(2, 3))", ctx), false);
    assert.ok(isUnknown(ev("equals(createArray(1, parameters('later')), createArray(1, 3))", ctx)));
    assert.equal(ev("tryGet(createObject('a', 1, 'b', parameters('later')), 'a')", ctx), 1);
  });

  it('the Unknown survives evaluateValue in place, the rest is evaluated', () => {
    const out = evaluateValue({ name: 'x', endpoint: "[reference('st').primaryEndpoints.blob]" }, makeCtx()) as Record<string, unknown>;
    assert.equal(out.name, 'x');
    assert.ok(isUnknown(out.endpoint));
    assert.match(JSON.stringify(out), /\[unknown: reference\('st'\) is only known after deployment\]/);
  });
});

describe('arm-expression safety', () => {
  it('json() with __proto__ then union() pollutes no prototype', () => {
    const v = ev(`union(json('{"__proto__":{"polluted":1}}'), createObject())`) as Record<string, unknown>;
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
    assert.deepEqual(Object.keys(v), ['__proto__']);
    assert.equal((Object.getOwnPropertyDescriptor(v, '__proto__')?.value as Record<string, unknown>).polluted, 1);
  });

  it('createObject, items, toObject, shallowMerge, evaluateValue keep __proto__ and constructor as plain keys', () => {
    const made = [
      ev("createObject('__proto__', createObject('polluted', 1))"),
      ev("toObject(createArray('__proto__'), lambda('k', lambdaVariables('k')), lambda('k', createObject('polluted', 1)))"),
      ev("shallowMerge(createArray(json('{\"__proto__\": {\"polluted\": 1}}'), createObject('constructor', 1)))"),
      ev("union(createObject('a', json('{\"__proto__\": {\"polluted\": 1}}')), createObject('a', json('{\"__proto__\": {\"x\": 2}}')))"),
      evaluateValue(JSON.parse('{"__proto__": {"polluted": "[concat(\'1\')]"}}'), makeCtx()),
    ];
    for (const o of made) {
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.getPrototypeOf(o), Object.prototype);
    }
    assert.deepEqual(ev("items(json('{\"__proto__\": 1, \"constructor\": 2}'))"), [
      { key: '__proto__', value: 1 },
      { key: 'constructor', value: 2 },
    ]);
    assert.equal(ev("contains(createObject(), 'constructor')"), false);
    assert.equal(ev("contains(createObject(), '__proto__')"), false);
  });

  it('range, padLeft, replace and concat respect the size limits', () => {
    limitError(() => ev('range(0, 200)', makeCtx({ maxArrayLength: 100 })));
    limitError(() => ev("padLeft('x', 1000000000)"));
    limitError(() => ev("padLeft('x', 200, '0')", makeCtx({ maxStringLength: 100 })));
    limitError(() => ev("replace(padLeft('', 90, 'a'), 'a', 'aaaa')", makeCtx({ maxStringLength: 100 })));
    limitError(() => ev("concat(padLeft('', 60, 'a'), padLeft('', 60, 'a'))", makeCtx({ maxStringLength: 100 })));
    limitError(() => ev('concat(range(0, 60), range(0, 60))', makeCtx({ maxArrayLength: 100 })));
    limitError(() => ev(`format('${'{0}'.repeat(50)}', padLeft('', 90, 'a'))`, makeCtx({ maxStringLength: 100 })));
    limitError(() => ev("format('{0,1000}', 'a')", makeCtx({ maxStringLength: 100 })));
    limitError(() => ev("split(padLeft('', 200, ','), ',')", makeCtx({ maxArrayLength: 100 })));
  });

  it('every call and lambda iteration consumes the step budget', () => {
    const ctx = makeCtx({ steps: 50 });
    const e = limitError(() => ev("map(range(0, 100), lambda('i', lambdaVariables('i')))", ctx));
    assert.match(e.message, /evaluation steps/);
    assert.ok(ctx.budget.steps < 0);
    const small = makeCtx({ steps: 1000 });
    ev("concat('a', 'b')", small);
    assert.equal(small.budget.steps, 999);
  });

  it('repeating work proportional to a large value is paid for, so it ends in LimitError', () => {
    const big = Array.from({ length: 5_000 }, (_, i) => ({ i }));
    const ctx = () => makeCtx({ steps: 200_000, variables: { big, bigCopy: structuredClone(big), bigUnknownLast: [...big, new Unknown('later')] } });
    limitError(() => ev("map(range(0, 1000), lambda('i', equals(variables('big'), variables('bigCopy'))))", ctx()));
    limitError(() => ev("map(range(0, 1000), lambda('i', contains(variables('big'), 'absent')))", ctx()));
    limitError(() => ev("map(range(0, 1000), lambda('i', string(variables('bigUnknownLast'))))", ctx()));
    limitError(() => ev("map(range(0, 1000), lambda('i', length(string(variables('big')))))", ctx()));
    limitError(() => ev("map(range(0, 1000), lambda('i', padLeft('x', 100000)))", ctx()));
    assert.equal(ev("equals(variables('big'), variables('bigCopy'))", ctx()), true);
  });

  it('deep nesting ends in LimitError or ExpressionError, never a stack overflow', () => {
    const nestedValue = JSON.parse('['.repeat(5000) + ']'.repeat(5000));
    limitError(() => evaluateValue(nestedValue, makeCtx()));
    const deepJson = "json('" + '['.repeat(5000) + ']'.repeat(5000) + "')";
    assert.throws(() => ev(deepJson), /'json'.*nesting deeper/);
    const fctx = makeCtx({ functions: { 'f.a': { parameters: [], output: { type: 'int', value: '[f.a()]' } } }, maxDepth: 10_000 });
    limitError(() => ev('f.a()', fctx));
  });

  it('errors carry no stack-trace-like text in their message', () => {
    try {
      evaluateString("[add('a', 1)]", makeCtx());
      assert.fail('expected an error');
    } catch (e) {
      assert.doesNotMatch((e as Error).message, /\n\s+at /);
    }
  });
});
