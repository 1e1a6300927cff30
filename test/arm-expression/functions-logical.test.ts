// Logical, comparison and numeric functions; expected values from the documentation examples.
import assert from 'node:assert/strict';
import { isUnknown } from '../../src/core/model';
import { ev, makeCtx } from './helpers';

describe('arm-expression logical and comparison functions', () => {
  it('and, or, not, bool, true, false', () => {
    assert.equal(ev('and(true(), false())'), false);
    assert.equal(ev('or(true(), false())'), true);
    assert.equal(ev('not(true())'), false);
    assert.equal(ev('and(true(), true(), true())'), true);
    assert.equal(ev("bool('true')"), true);
    assert.equal(ev("bool('FALSE')"), false);
    assert.equal(ev('bool(1)'), true);
    assert.equal(ev('bool(0)'), false);
    assert.throws(() => ev("bool('yes')"), /'bool'.*cannot convert/);
    assert.throws(() => ev("and(true(), 'x')"), /'and'.*argument 2 must be a Boolean/);
    assert.throws(() => ev("not('true')"), /'not'.*argument 1 must be a Boolean/);
  });

  it('and/or short-circuit: later arguments are not evaluated once the result is known', () => {
    assert.equal(ev("and(false(), add('a', 1))"), false);
    assert.equal(ev("or(true(), add('a', 1))"), true);
    assert.throws(() => ev("and(true(), add('a', 1))"), /'add'/);
  });

  it('if evaluates only the branch it takes', () => {
    assert.equal(ev("if(equals('a', 'a'), 'yes', 'no')"), 'yes');
    assert.equal(ev("if(equals('a', 'b'), 'yes', 'no')"), 'no');
    assert.equal(ev("if(true(), 'ok', parameters('missing'))"), 'ok');
    assert.equal(ev("if(false(), createArray(1)[5], 'ok')"), 'ok');
    assert.throws(() => ev("if('true', 1, 2)"), /'if'.*argument 1 must be a Boolean condition/);
  });

  it('coalesce returns the first non-null value', () => {
    const ctx = makeCtx({ parameters: { o: { null1: null, null2: null, string: 'default', int: 1, object: { first: 'default' }, array: [1] } } });
    assert.equal(ev("coalesce(parameters('o').null1, parameters('o').null2, parameters('o').string)", ctx), 'default');
    assert.equal(ev("coalesce(parameters('o').null1, parameters('o').null2, parameters('o').int)", ctx), 1);
    assert.deepEqual(ev("coalesce(parameters('o').null1, parameters('o').null2, parameters('o').object)", ctx), { first: 'default' });
    assert.deepEqual(ev("coalesce(parameters('o').null1, parameters('o').null2, parameters('o').array)", ctx), [1]);
    assert.equal(ev("empty(coalesce(parameters('o').null1, parameters('o').null2))", ctx), true);
    assert.equal(ev("coalesce('', 'x')"), '');
  });

  it('equals compares deeply, strings case-sensitively, object keys in any order', () => {
    assert.equal(ev('equals(1, 1)'), true);
    assert.equal(ev("equals('a', 'a')"), true);
    assert.equal(ev("equals('a', 'A')"), false);
    assert.equal(ev("equals(createArray('a', 'b'), createArray('a', 'b'))"), true);
    assert.equal(ev("equals(createObject('a', 'b', 'c', 1), createObject('c', 1, 'a', 'b'))"), true);
    assert.equal(ev("equals(createObject('a', 'b'), createObject('a', 'c'))"), false);
    assert.equal(ev("equals(1, '1')"), false);
    assert.equal(ev("not(equals(1, 2))"), true);
  });

  it('greater, greaterOrEquals, less, lessOrEquals on integers and strings', () => {
    assert.equal(ev('greater(1, 2)'), false);
    assert.equal(ev("greater('A', 'a')"), true); // documented: checkStrings = True
    assert.equal(ev('greaterOrEquals(1, 1)'), true);
    assert.equal(ev("greaterOrEquals('A', 'a')"), true);
    assert.equal(ev('less(1, 2)'), true);
    assert.equal(ev("less('A', 'a')"), false);
    assert.equal(ev('lessOrEquals(2, 1)'), false);
    assert.equal(ev("lessOrEquals('A', 'a')"), false);
    assert.throws(() => ev("less(1, 'a')"), /'less'.*both arguments must be numbers or both strings/);
  });
});

describe('arm-expression numeric functions', () => {
  it('add, sub, mul, div, mod on integers', () => {
    assert.equal(ev('add(5, 3)'), 8);
    assert.equal(ev('sub(7, 3)'), 4);
    assert.equal(ev('mul(5, 3)'), 15);
    assert.equal(ev('div(8, 3)'), 2);
    assert.equal(ev('div(-8, 3)'), -2);
    assert.equal(ev('mod(7, 3)'), 1);
    assert.equal(ev('mod(-7, 3)'), -1);
    assert.throws(() => ev('div(1, 0)'), /'div'.*division by zero/);
    assert.throws(() => ev('mod(1, 0)'), /'mod'.*division by zero/);
    assert.throws(() => ev("add('a', 1)"), /'add'.*argument 1 must be an Integer, got String 'a'/);
    assert.throws(() => ev('mul(9007199254740991, 2)'), /'mul'.*outside the exactly representable/);
  });

  it('int and float convert', () => {
    assert.equal(ev("int('4')"), 4);
    assert.equal(ev("int('-12')"), -12);
    assert.equal(ev("float('3.5')"), 3.5);
    assert.equal(ev('float(3)'), 3);
    assert.throws(() => ev("int('4.5x')"), /'int'.*cannot convert/);
    assert.throws(() => ev('int(true())'), /'int'.*argument 1 must be an Integer or a String, got Boolean/);
  });

  it('copyIndex with offset and loop name', () => {
    const ctx = makeCtx({ loops: { storageLoop: 2, inner: 7 } });
    assert.equal(ev('copyIndex()', ctx), 2);
    assert.equal(ev('copyIndex(1)', ctx), 3);
    assert.equal(ev("copyIndex('inner')", ctx), 7);
    assert.equal(ev("copyIndex('inner', 10)", ctx), 17);
    assert.throws(() => ev("copyIndex('other')", ctx), /outside that copy loop/);
    assert.throws(() => ev('copyIndex(true())', ctx), /'copyIndex'.*loop name/);
  });

  it('unknown conditions stay unknown, known ones decide past unknowns', () => {
    assert.ok(isUnknown(ev("if(equals(reference('x').state, 'on'), 1, 2)")));
    assert.equal(ev("if(true(), 1, reference('x'))"), 1);
    assert.equal(ev("and(false(), reference('x').flag)"), false);
    assert.equal(ev("or(reference('x').flag, true())"), true);
    assert.ok(isUnknown(ev("and(true(), reference('x').flag)")));
    assert.equal(ev("coalesce('known', reference('x'))"), 'known');
    assert.ok(isUnknown(ev("coalesce(null(), reference('x'), 'later')")));
  });
});
