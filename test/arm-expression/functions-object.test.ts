// Object functions; expected values from the documentation examples.
import assert from 'node:assert/strict';
import { ev, makeCtx } from './helpers';

describe('arm-expression object functions', () => {
  it('createObject builds an object from name/value pairs', () => {
    assert.deepEqual(ev("createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true(), 'arrayProp', createArray('a', 'b', 'c'), 'objectProp', createObject('key1', 'value1'))"), {
      intProp: 1,
      stringProp: 'abc',
      boolProp: true,
      arrayProp: ['a', 'b', 'c'],
      objectProp: { key1: 'value1' },
    });
    assert.throws(() => ev("createObject(1, 'a')"), /'createObject'.*argument 1 must be a String/);
  });

  it('items lists key/value pairs sorted alphabetically by key', () => {
    const ctx = makeCtx({
      parameters: {
        items: {
          item002: { enabled: false, displayName: 'Example item 2', number: 200 },
          item001: { enabled: true, displayName: 'Example item 1', number: 300 },
        },
      },
    });
    assert.deepEqual(ev("items(parameters('items'))", ctx), [
      { key: 'item001', value: { enabled: true, displayName: 'Example item 1', number: 300 } },
      { key: 'item002', value: { enabled: false, displayName: 'Example item 2', number: 200 } },
    ]);
    assert.deepEqual(
      (ev("items(createObject('b', 1, 'B', 2, 'a', 3))") as { key: string }[]).map((e) => e.key),
      ['a', 'b', 'B'],
    );
  });

  it('objectKeys keeps declaration order', () => {
    assert.deepEqual(ev("objectKeys(createObject('a', 1, 'b', 2))"), ['a', 'b']);
  });

  it('shallowMerge replaces nested objects instead of merging them', () => {
    assert.deepEqual(ev("shallowMerge(createArray(createObject('one', 'a'), createObject('two', 'b'), createObject('two', 'c')))"), { one: 'a', two: 'c' });
    assert.deepEqual(
      ev("shallowMerge(createArray(createObject('one', 'a', 'nested', createObject('a', 1, 'nested', createObject('c', 3))), createObject('two', 'b', 'nested', createObject('b', 2))))"),
      { one: 'a', nested: { b: 2 }, two: 'b' },
    );
  });

  it('null() and json() of objects', () => {
    assert.equal(ev('null()'), null);
    assert.deepEqual(ev(`json('{"a": {"b": [1, "x"]}}').a`), { b: [1, 'x'] });
    assert.deepEqual(ev(`json('{unquoted: 1, /* comment */ "trailing": 2,}')`), { unquoted: 1, trailing: 2 });
  });
});
