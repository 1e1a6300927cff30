// Lambda functions (documented examples) and user-defined functions.
import assert from 'node:assert/strict';
import { isUnknown } from '../../src/core/model';
import { ev, makeCtx } from './helpers';

const dogs = [
  { name: 'Evie', age: 5, interests: ['Ball', 'Frisbee'] },
  { name: 'Casper', age: 3, interests: ['Other dogs'] },
  { name: 'Indy', age: 2, interests: ['Butter'] },
  { name: 'Kira', age: 8, interests: ['Rubs'] },
];
const ctx = makeCtx({ parameters: { dogs, ages: [5, 3, 2, 8] } });

describe('arm-expression lambda functions', () => {
  it('filter', () => {
    assert.deepEqual(ev("filter(parameters('dogs'), lambda('dog', greaterOrEquals(lambdaVariables('dog').age, 5)))", ctx), [dogs[0], dogs[3]]);
    assert.deepEqual(ev("filter(range(0, 10), lambda('i', and(less(lambdaVariables('i'), 10), equals(mod(lambdaVariables('i'), 3), 0))))"), [0, 3, 6, 9]);
  });

  it('map, with and without the index', () => {
    assert.deepEqual(ev("map(parameters('dogs'), lambda('dog', lambdaVariables('dog').name))", ctx), ['Evie', 'Casper', 'Indy', 'Kira']);
    assert.deepEqual(
      ev("map(parameters('dogs'), lambda('dog', 'i', createObject('i', lambdaVariables('i'), 'dog', lambdaVariables('dog').name)))", ctx),
      [{ i: 0, dog: 'Evie' }, { i: 1, dog: 'Casper' }, { i: 2, dog: 'Indy' }, { i: 3, dog: 'Kira' }],
    );
  });

  it('reduce', () => {
    assert.equal(ev("reduce(parameters('ages'), 0, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))", ctx), 18);
    assert.equal(ev("reduce(createArray('a', 'b'), '', lambda('cur', 'next', 'i', concat(lambdaVariables('cur'), lambdaVariables('next'), string(lambdaVariables('i')))))"), 'a0b1');
  });

  it('sort is stable and uses the lambda as "comes before"', () => {
    assert.deepEqual(
      ev("map(sort(parameters('dogs'), lambda('a', 'b', less(lambdaVariables('a').age, lambdaVariables('b').age))), lambda('d', lambdaVariables('d').name))", ctx),
      ['Indy', 'Casper', 'Evie', 'Kira'],
    );
    assert.deepEqual(ev("sort(createArray(createArray(1, 'x'), createArray(0, 'y'), createArray(1, 'z')), lambda('a', 'b', less(lambdaVariables('a')[0], lambdaVariables('b')[0])))"), [
      [0, 'y'],
      [1, 'x'],
      [1, 'z'],
    ]);
  });

  it('groupBy, mapValues, toObject', () => {
    assert.deepEqual(ev("groupBy(createArray('foo', 'bar', 'baz'), lambda('x', substring(lambdaVariables('x'), 0, 1)))"), { f: ['foo'], b: ['bar', 'baz'] });
    assert.deepEqual(ev("mapValues(createObject('foo', 'foo'), lambda('val', toUpper(lambdaVariables('val'))))"), { foo: 'FOO' });
    assert.deepEqual(ev("toObject(parameters('dogs'), lambda('entry', lambdaVariables('entry').name))", ctx), {
      Evie: dogs[0],
      Casper: dogs[1],
      Indy: dogs[2],
      Kira: dogs[3],
    });
    assert.deepEqual(ev("toObject(parameters('dogs'), lambda('e', lambdaVariables('e').name), lambda('e', lambdaVariables('e').age))", ctx), {
      Evie: 5,
      Casper: 3,
      Indy: 2,
      Kira: 8,
    });
  });

  it('nested lambdas see the outer lambda variables', () => {
    assert.deepEqual(
      ev("map(range(1, 2), lambda('x', map(range(0, 2), lambda('y', mul(lambdaVariables('x'), lambdaVariables('y'))))))"),
      [[0, 1], [0, 2]],
    );
  });

  it('reports lambda misuse clearly', () => {
    assert.throws(() => ev("map(createArray(1), 'notALambda')"), /'map'.*argument 2 must be a lambda expression/);
    assert.throws(() => ev("map(createArray(1), lambda('a', 'b', 'c', 1))"), /'map'.*must take 1 or 2 parameter/);
    assert.throws(() => ev("lambdaVariables('nope')"), /'lambdaVariables'.*no lambda variable 'nope'/);
    assert.throws(() => ev("filter(createArray(1), lambda('x', 'yes'))"), /'filter'.*must return a Boolean/);
    assert.throws(() => ev("length(lambda('x', 1))"), /'length'.*lambda expression/);
    assert.throws(() => ev("lambda(1, 2)"), /'lambda'.*parameter name 1 must be a non-empty String/);
  });

  it('Unknown predicates, keys and orders make the result Unknown; Unknown elements flow through', () => {
    assert.ok(isUnknown(ev("filter(createArray(1, 2), lambda('x', reference('r').enabled))")));
    assert.ok(isUnknown(ev("sort(createArray(1, 2), lambda('a', 'b', reference('r').flag))")));
    assert.ok(isUnknown(ev("toObject(createArray(1), lambda('x', reference('r').name))")));
    const mapped = ev("map(createArray(1, reference('r')), lambda('x', lambdaVariables('x')))") as unknown[];
    assert.equal(mapped[0], 1);
    assert.ok(isUnknown(mapped[1]));
  });
});

describe('arm-expression user-defined functions', () => {
  const functions = {
    'contoso.uniqueName': {
      parameters: [{ name: 'namePrefix', type: 'string' }],
      output: { type: 'string', value: "[concat(toLower(parameters('namePrefix')), uniqueString(resourceGroup().id))]" },
    },
    'contoso.pair': {
      parameters: [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }],
      output: { type: 'object', value: { sum: "[add(parameters('a'), parameters('b'))]", list: ["[parameters('a')]", "[parameters('b')]"] } },
    },
    'contoso.bad': {
      parameters: [],
      output: { type: 'string', value: "[variables('x')]" },
    },
    'contoso.loop': {
      parameters: [],
      output: { type: 'string', value: '[contoso.loop()]' },
    },
  };
  const fctx = makeCtx({ functions, parameters: { namePrefix: 'TEMPLATE-PARAM' } });

  it('evaluates the output with the function parameters, not the template ones', () => {
    assert.equal(ev("contoso.uniqueName('StData')", fctx), `stdata${String(ev('uniqueString(resourceGroup().id)'))}`);
    assert.deepEqual(ev('contoso.pair(2, 3)', fctx), { sum: 5, list: [2, 3] });
    assert.equal(ev('Contoso.UniqueName(\'X\')', fctx), `x${String(ev('uniqueString(resourceGroup().id)'))}`);
  });

  it('refuses unknown functions, wrong arity and variables() inside a function', () => {
    assert.throws(() => ev('contoso.nope()', fctx), /'contoso\.nope'.*not declared/);
    assert.throws(() => ev('contoso.pair(1)', fctx), /'contoso\.pair'.*expects 2 argument\(s\), got 1/);
    assert.throws(() => ev('contoso.bad()', fctx), /cannot use variables\('x'\)/);
  });

  it('stops runaway recursion with a LimitError', () => {
    assert.throws(() => ev('contoso.loop()', fctx), (e: Error) => e.name === 'LimitError' && /nested deeper than 64/.test(e.message));
  });
});
