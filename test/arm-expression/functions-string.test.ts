// Expected values are the outputs documented on learn.microsoft.com ("String functions for ARM
// templates"), unless a comment says otherwise.
import assert from 'node:assert/strict';
import { ev, makeCtx } from './helpers';

describe('arm-expression string functions', () => {
  it('base64, base64ToString, base64ToJson', () => {
    assert.equal(ev("base64('one, two, three')"), 'b25lLCB0d28sIHRocmVl');
    assert.equal(ev("base64ToString('b25lLCB0d28sIHRocmVl')"), 'one, two, three');
    assert.deepEqual(ev(`base64ToJson(base64('{''one'': ''a'', ''two'': ''b''}'))`), { one: 'a', two: 'b' });
    assert.equal(ev("base64ToString(base64('déjà vu ✓'))"), 'déjà vu ✓');
    assert.throws(() => ev("base64ToString('not base64!')"), /base64ToString.*not valid base64/);
  });

  it('dataUri and dataUriToString', () => {
    assert.equal(ev("dataUri('Hello')"), 'data:text/plain;charset=utf8;base64,SGVsbG8=');
    assert.equal(ev("dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')"), 'Hello, World!');
    assert.equal(ev("dataUriToString(dataUri('x y'))"), 'x y');
  });

  it('startsWith and endsWith ignore case', () => {
    assert.equal(ev("startsWith('abcdef', 'ab')"), true);
    assert.equal(ev("startsWith('abcdef', 'A')"), true);
    assert.equal(ev("startsWith('abcdef', 'e')"), false);
    assert.equal(ev("endsWith('abcdef', 'ef')"), true);
    assert.equal(ev("endsWith('abcdef', 'F')"), true);
    assert.equal(ev("endsWith('abcdef', 'e')"), false);
  });

  it('indexOf and lastIndexOf on strings ignore case', () => {
    assert.equal(ev("indexOf('test', 't')"), 0);
    assert.equal(ev("indexOf('abcdef', 'CD')"), 2);
    assert.equal(ev("indexOf('abcdef', 'z')"), -1);
    assert.equal(ev("lastIndexOf('test', 't')"), 3);
    assert.equal(ev("lastIndexOf('abcdef', 'AB')"), 0);
    assert.equal(ev("lastIndexOf('abcdef', 'z')"), -1);
  });

  it('format: .NET composite formatting', () => {
    assert.equal(ev("format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133)"), 'Hello, User. Formatted number: 8,175,133');
    assert.equal(ev("format('{0:D3}', 7)"), '007');
    assert.equal(ev("format('{0:000}', 42)"), '042');
    assert.equal(ev("format('{0:X}', 255)"), 'FF');
    assert.equal(ev("format('{0:x4}', 255)"), '00ff');
    assert.equal(ev("format('{0:N2}', 1234)"), '1,234.00');
    assert.equal(ev("format('{{literal}} {0}', 'x')"), '{literal} x');
    assert.equal(ev("format('[{0,5}|{0,-5}]', 'ab')"), '[   ab|ab   ]');
    assert.equal(ev("format('{0}-{1}', true(), null())"), 'True-');
    assert.equal(ev("format('{0:N1}', -1234567)"), '-1,234,567.0');
    assert.equal(ev("format('{0:F3}', 2)"), '2.000');
    assert.equal(ev("format('{0:P0}', json('0.25'))"), '25 %');
    assert.equal(ev("format('{0:#,##0.00}', 1234567)"), '1,234,567.00');
    assert.equal(ev("format('{0:0.##}', json('1.5'))"), '1.5');
    assert.equal(ev("format('{0:X}', -1)"), 'FFFFFFFFFFFFFFFF');
    assert.equal(ev("format('{0:D2}', 'text')"), 'text');
    assert.throws(() => ev("format('{0:Q}', 1)"), /'format'.*number format 'Q' is not supported/);
    assert.throws(() => ev("format('{0', 1)"), /'format'.*not closed/);
    assert.throws(() => ev("format('{x}', 1)"), /'format'.*not a valid placeholder/);
    assert.throws(() => ev("format('{1}', 'a')"), /'format'.*\{1\} refers to argument 2/);
    assert.throws(() => ev("format('a } b')"), /'format'.*single '\}'/);
  });

  it('like matches the whole string ignoring case, with * as a wildcard', () => {
    assert.equal(ev("like('abcdef', 'ABC*')"), true);
    assert.equal(ev("like('abcdef', '*def')"), true);
    assert.equal(ev("like('abcdef', 'a*c*f')"), true);
    assert.equal(ev("like('abcdef', 'a*x*f')"), false);
    assert.equal(ev("like('abcdef', 'abc')"), false);
    assert.equal(ev("like('aba', 'ab*ba')"), false);
    assert.equal(ev("like('', '*')"), true);
  });

  it('padLeft', () => {
    assert.equal(ev("padLeft('123', 10, '0')"), '0000000123');
    assert.equal(ev('padLeft(7, 3)'), '  7');
    assert.equal(ev("padLeft('abcdef', 3, '0')"), 'abcdef');
    assert.throws(() => ev("padLeft('a', 3, 'xy')"), /exactly one character/);
  });

  it('replace, split, substring, trim, toLower, toUpper', () => {
    assert.equal(ev("replace('123-123-1234', '-', '')"), '1231231234');
    assert.equal(ev("replace('123-123-1234', '1234', 'xxxx')"), '123-123-xxxx');
    assert.deepEqual(ev("split('one,two,three', ',')"), ['one', 'two', 'three']);
    assert.deepEqual(ev("split('one;two,three', createArray(',', ';'))"), ['one', 'two', 'three']);
    assert.deepEqual(ev("split('a,,b', ',')"), ['a', '', 'b']);
    assert.equal(ev("substring('hello there', 1, 3)"), 'ell');
    assert.equal(ev("substring('hello there', 6)"), 'there');
    assert.throws(() => ev("substring('hello', 3, 5)"), /'substring'.*past the end/);
    assert.equal(ev("trim('    one two three   ')"), 'one two three');
    assert.equal(ev("toLower('One Two Three')"), 'one two three');
    assert.equal(ev("toUpper('One Two Three')"), 'ONE TWO THREE');
  });

  it('string() serialises like ARM: compact JSON for objects and arrays, True/False for Booleans', () => {
    const ctx = makeCtx({ parameters: { testObject: { valueA: 10, valueB: 'Example Text' }, testArray: ['a', 'b', 'c'], testInt: 5 } });
    assert.equal(ev("string(parameters('testObject'))", ctx), '{"valueA":10,"valueB":"Example Text"}');
    assert.equal(ev("string(parameters('testArray'))", ctx), '["a","b","c"]');
    assert.equal(ev("string(parameters('testInt'))", ctx), '5');
    assert.equal(ev('string(true())'), 'True');
    assert.equal(ev('string(null())'), '');
    assert.equal(ev("string(json('1.5'))"), '1.5');
  });

  it('uri, uriComponent, uriComponentToString', () => {
    assert.equal(ev("uri('http://contoso.org/firstpath', 'myscript.sh')"), 'http://contoso.org/myscript.sh');
    assert.equal(ev("uri('http://contoso.org/firstpath/', 'myscript.sh')"), 'http://contoso.org/firstpath/myscript.sh');
    assert.equal(ev("uri('http://contoso.org/firstpath/', '/myscript.sh')"), 'http://contoso.org/firstpath/myscript.sh');
    assert.equal(ev("uri('http://contoso.org', 'myscript.sh')"), 'http://contoso.org/myscript.sh');
    assert.equal(ev("uriComponent('http://contoso.com/resources/nested/azuredeploy.json')"), 'http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json');
    assert.equal(ev("uriComponentToString('http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json')"), 'http://contoso.com/resources/nested/azuredeploy.json');
    assert.throws(() => ev("uriComponentToString('%E0%A4%A')"), /invalid percent-encoding/);
  });

  it('json() reads JSON as ARM does, including single-quoted strings', () => {
    assert.deepEqual(ev(`json('{"a": "b"}')`), { a: 'b' });
    assert.deepEqual(ev(`json('{''a'': ''b''}')`), { a: 'b' });
    assert.deepEqual(ev(`json('[1, 2.5, true, null]')`), [1, 2.5, true, null]);
    assert.equal(ev(`json('null')`), null);
    assert.equal(ev(`json('')`), null);
    assert.equal(ev(`json('"text"')`), 'text');
    assert.throws(() => ev(`json('{"a": }')`), /'json'.*not valid JSON/);
    assert.throws(() => ev(`json('1e400')`), /'json'.*out of range/);
  });

  it('newGuid() and utcNow() are Unknown: they change at every deployment', () => {
    assert.match(String(ev('newGuid()')), /^\[unknown: newGuid\(\)/);
    assert.match(String(ev("utcNow('u')")), /^\[unknown: utcNow\(\)/);
  });
});
