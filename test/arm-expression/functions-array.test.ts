// Expected values are the outputs documented for each function on learn.microsoft.com
// ("Array functions for ARM templates"), unless a comment says otherwise.
import assert from 'node:assert/strict';
import { ev, makeCtx } from './helpers';

const ctx = makeCtx({
  parameters: {
    firstArray: ['1-1', '1-2', '1-3'],
    secondArray: ['2-1', '2-2', '2-3'],
    names: ['one', 'two', 'three'],
    numbers: [4, 5, 6],
    objectToTest: { one: 'a', two: 'b', three: 'c' },
    arrayToTest: ['one', 'two', 'three'],
    stringToTest: 'OneTwoThree',
    firstObject: { one: 'a', two: 'b', three: 'c1' },
    secondObject: { three: 'c2', four: 'd', five: 'e' },
    arrayToFlatten: [['one', 'two'], ['three'], ['four', 'five']],
  },
});

describe('arm-expression array functions', () => {
  it('array() wraps a value, keeps an array', () => {
    assert.deepEqual(ev('array(1)'), [1]);
    assert.deepEqual(ev("array('efgh')"), ['efgh']);
    assert.deepEqual(ev("array(createObject('a', 'b', 'c', 'd'))"), [{ a: 'b', c: 'd' }]);
    assert.deepEqual(ev('array(createArray(1, 2))'), [1, 2]);
  });

  it('concat() joins arrays with arrays and strings with strings', () => {
    assert.deepEqual(ev("concat(parameters('firstArray'), parameters('secondArray'))", ctx), ['1-1', '1-2', '1-3', '2-1', '2-2', '2-3']);
    assert.equal(String(ev("concat('prefix', '-', uniqueString('x'))")).startsWith('prefix-'), true);
    assert.equal(ev("concat('vm', 3)"), 'vm3');
    assert.throws(() => ev("concat(createArray(1), 'a')"), /concat.*argument 2 must be an Array/);
    assert.throws(() => ev("concat('a', createArray(1))"), /concat.*argument 2 must be a String/);
  });

  it('contains() on strings (case-sensitive), objects (keys, case-insensitive) and arrays', () => {
    assert.equal(ev("contains(parameters('stringToTest'), 'e')", ctx), true);
    assert.equal(ev("contains(parameters('stringToTest'), 'z')", ctx), false);
    assert.equal(ev("contains(parameters('stringToTest'), 'one')", ctx), false);
    assert.equal(ev("contains(parameters('objectToTest'), 'two')", ctx), true);
    assert.equal(ev("contains(parameters('objectToTest'), 'TWO')", ctx), true);
    assert.equal(ev("contains(parameters('objectToTest'), 'four')", ctx), false);
    assert.equal(ev("contains(parameters('arrayToTest'), 'two')", ctx), true);
    assert.equal(ev("contains(parameters('arrayToTest'), 'Two')", ctx), false);
    assert.equal(ev("contains(parameters('arrayToTest'), 'four')", ctx), false);
    assert.equal(ev('contains(createArray(1, 2, 3), 3)'), true);
  });

  it('createArray() and empty()', () => {
    assert.deepEqual(ev("createArray('a', 'b', 'c')"), ['a', 'b', 'c']);
    assert.deepEqual(ev('createArray()'), []);
    assert.equal(ev('empty(createArray())'), true);
    assert.equal(ev('empty(createObject())'), true);
    assert.equal(ev("empty('')"), true);
    assert.equal(ev('empty(null())'), true);
    assert.equal(ev("empty('a')"), false);
    assert.throws(() => ev('empty(1)'), /'empty'/);
  });

  it('first() and last() of arrays and strings', () => {
    assert.equal(ev("first(parameters('arrayToTest'))", ctx), 'one');
    assert.equal(ev("first('One Two Three')"), 'O');
    assert.equal(ev("last(parameters('arrayToTest'))", ctx), 'three');
    assert.equal(ev("last('One Two Three')"), 'e');
    assert.equal(ev('first(createArray())'), null);
    assert.equal(ev("last('')"), '');
  });

  it('flatten()', () => {
    assert.deepEqual(ev("flatten(parameters('arrayToFlatten'))", ctx), ['one', 'two', 'three', 'four', 'five']);
    assert.throws(() => ev("flatten(createArray(1))"), /flatten.*array of arrays/);
  });

  it('indexOf() and lastIndexOf() on arrays compare by value', () => {
    assert.equal(ev("indexOf(parameters('names'), 'two')", ctx), 1);
    assert.equal(ev("indexOf(parameters('names'), 'one')", ctx), 0);
    assert.equal(ev("indexOf(parameters('names'), 'Three')", ctx), -1);
    assert.equal(ev("indexOf(parameters('numbers'), 4)", ctx), 0);
    assert.equal(ev("indexOf(parameters('numbers'), 6)", ctx), 2);
    assert.equal(ev("indexOf(parameters('numbers'), '5')", ctx), -1);
    assert.equal(ev("indexOf(createArray(parameters('names'), parameters('numbers')), parameters('numbers'))", ctx), 1);
    assert.equal(ev("lastIndexOf(createArray('a', 'b', 'a'), 'a')"), 2);
  });

  it('intersection() of arrays and objects', () => {
    assert.deepEqual(ev("intersection(createArray('one', 'two', 'three'), createArray('two', 'three'))"), ['two', 'three']);
    assert.deepEqual(
      ev("intersection(createObject('one', 'a', 'two', 'b', 'three', 'c'), createObject('one', 'a', 'two', 'z', 'three', 'c'))"),
      { one: 'a', three: 'c' },
    );
  });

  it('length() of arrays, strings and objects', () => {
    assert.equal(ev("length(parameters('arrayToTest'))", ctx), 3);
    assert.equal(ev("length('One Two Three')"), 13);
    assert.equal(ev("length(createObject('propA', 'one', 'propB', 'two', 'propC', 'three', 'propD', createObject('propD-1', 'sub', 'propD-2', 'sub')))"), 4);
  });

  it('max() and min() of integers and integer arrays', () => {
    assert.equal(ev('max(createArray(0, 3, 2, 5, 4))'), 5);
    assert.equal(ev('max(0, 3, 2, 5, 4)'), 5);
    assert.equal(ev('min(createArray(0, 3, 2, 5, 4))'), 0);
    assert.equal(ev('min(0, 3, 2, 5, 4)'), 0);
    assert.throws(() => ev("max('a')"), /max.*compares numbers/);
  });

  it('range()', () => {
    assert.deepEqual(ev('range(1, 5)'), [1, 2, 3, 4, 5]);
    assert.deepEqual(ev('range(-2, 0)'), []);
    assert.throws(() => ev('range(0, -1)'), /must not be negative/);
    assert.equal(ev('length(range(0, 10000))'), 10000);
    assert.throws(() => ev('range(0, 10001)'), /must be at most 10000, got 10001/);
  });

  it('skip() and take() of arrays and strings', () => {
    assert.deepEqual(ev("skip(createArray('one', 'two', 'three'), 2)"), ['three']);
    assert.equal(ev("skip('one two three', 4)"), 'two three');
    assert.deepEqual(ev("take(createArray('one', 'two', 'three'), 2)"), ['one', 'two']);
    assert.equal(ev("take('one two three', 2)"), 'on');
    assert.deepEqual(ev("skip(createArray(1), 10)"), []);
    assert.deepEqual(ev("take(createArray(1), -1)"), []);
  });

  it('union() of arrays keeps order and drops duplicates', () => {
    assert.deepEqual(ev("union(createArray('one', 'two', 'three'), createArray('three', 'four'))"), ['one', 'two', 'three', 'four']);
    assert.deepEqual(ev("union(createArray(1, 1), createArray(createArray(1), createArray(1)))"), [1, [1]]);
  });

  it('union() of objects: later values win and nested objects merge, arrays are replaced', () => {
    assert.deepEqual(ev("union(parameters('firstObject'), parameters('secondObject'))", ctx), { one: 'a', two: 'b', three: 'c2', four: 'd', five: 'e' });
    const deep = makeCtx({
      parameters: {
        a: { property: { one: 'a', two: 'b', three: 'c1' }, nestedArray: [1, 2] },
        b: { property: { three: 'c2', four: 'd', five: 'e' }, nestedArray: [3, 4] },
      },
    });
    assert.deepEqual(ev("union(parameters('a'), parameters('b'))", deep), {
      property: { one: 'a', two: 'b', three: 'c2', four: 'd', five: 'e' },
      nestedArray: [3, 4],
    });
  });

  it('tryGet() and tryIndexFromEnd() return null instead of failing', () => {
    assert.equal(ev("tryGet(createObject('a', createObject('b', 1)), 'a', 'B')"), 1);
    assert.equal(ev("tryGet(createObject('a', 1), 'missing')"), null);
    assert.equal(ev("tryGet(createArray(1, 2), 5)"), null);
    assert.equal(ev('tryIndexFromEnd(createArray(1, 2, 3), 1)'), 3);
    assert.equal(ev('tryIndexFromEnd(createArray(1, 2, 3), 4)'), null);
  });

  // Bicep compiles the reverse index accessor `items[^2]` to indexFromEnd (documented in the ARM array functions).
  it('indexFromEnd() counts from the end, one-based, and fails outside the array', () => {
    assert.equal(ev("indexFromEnd(createArray('apple', 'banana', 'orange', 'grape'), 2)"), 'orange');
    assert.equal(ev('indexFromEnd(createArray(1, 2, 3), 3)'), 1);
    assert.throws(() => ev('indexFromEnd(createArray(1, 2, 3), 4)'), /'indexFromEnd'.*4.*outside the array.*length 3/);
    assert.throws(() => ev('indexFromEnd(createArray(1, 2, 3), 0)'), /'indexFromEnd'.*0/);
    assert.throws(() => ev("indexFromEnd('abc', 1)"), /'indexFromEnd'.*argument 1 must be an Array/);
  });

  it('distinct() keeps the first occurrence of each value', () => {
    assert.deepEqual(ev("distinct(createArray(1, 2, 1, 'a', 'A', 'a', createArray(1), createArray(1)))"), [1, 2, 'a', 'A', [1]]);
  });

  it('join()', () => {
    assert.equal(ev("join(createArray('a', 'b', 'c'), ',')"), 'a,b,c');
  });
});
