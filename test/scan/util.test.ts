import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { isInputError } from '../../src/core/errors';
import { globMatches } from '../../src/core/util/glob';
import { createPointerLocator, propertyPathTokens } from '../../src/core/util/json-locate';
import { findJsonSyntaxError, parseJsonText } from '../../src/core/util/json-parse';
import { sha256Hex } from '../../src/core/util/sha256';
import { stableStringify } from '../../src/core/util/stable-json';
import { Unknown } from '../../src/core/model';

describe('createPointerLocator', () => {
  const text = '{\n  "a": {\n    "b~c": [1,\n      {"d/e": "x\\"}"}]\n  },\n  "a": {"late": true}\n}';

  it('finds lines and columns of values, with escaped keys and pointer tokens', () => {
    const locate = createPointerLocator('{\n  "x": {\n    "b~c": [1,\n      {"d/e": "x\\"}"}]\n  }\n}');
    assert.deepEqual(locate('/x/b~0c/1/d~1e'), { line: 4, column: 15, pointer: '/x/b~0c/1/d~1e' });
    assert.deepEqual(locate('/x/b~0c/0'), { line: 3, column: 13, pointer: '/x/b~0c/0' });
    assert.deepEqual(locate(''), { line: 1, column: 1, pointer: '' });
  });

  it('falls back to the longest existing prefix', () => {
    const locate = createPointerLocator('{\n "r": [\n  {"properties": "[variables(\'p\')]"}\n ]\n}');
    assert.deepEqual(locate('/r/0/properties/networkAcls/defaultAction'), { line: 3, column: 18, pointer: '/r/0/properties' });
    assert.deepEqual(locate('/r/5'), { line: 2, column: 7, pointer: '/r' });
  });

  it('uses the last duplicate key, as JSON.parse does', () => {
    assert.equal(createPointerLocator(text)('/a/late').line, 6);
  });

  it('handles CRLF line ends and a BOM', () => {
    const locate = createPointerLocator('\uFEFF{\r\n"a":\r\n  1}');
    assert.deepEqual(locate('/a'), { line: 3, column: 3, pointer: '/a' });
  });

  it('agrees with JSON.parse on what exists for random documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const doc = JSON.stringify({ root: value }, null, 1);
        const locate = createPointerLocator(doc);
        const walk = (v: unknown, pointer: string): void => {
          assert.equal(locate(pointer).pointer, pointer);
          if (v && typeof v === 'object') {
            for (const [k, child] of Object.entries(v)) walk(child, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
          }
        };
        walk(JSON.parse(doc), '');
      }),
      { numRuns: 200 },
    );
  });

  it('gives the line and column where each value starts, the same with LF, CRLF or CR line ends, in text or UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' })), fc.boolean(), (value, bom) => {
        const lf = (bom ? '\uFEFF' : '') + JSON.stringify({ root: value }, null, 2);
        const lines = lf.split('\n');
        // The text itself, and its UTF-8 bytes as a scan reads them: the same lines and columns.
        const variants = ['\n', '\r\n', '\r'].map((eol) => lf.replace(/\n/g, eol));
        const locators = [...variants, ...variants.map((v) => new TextEncoder().encode(v))].map((v) => createPointerLocator(v));
        const walk = (v: unknown, pointer: string): void => {
          const [found, ...others] = locators.map((locate) => locate(pointer));
          for (const other of others) assert.deepEqual(other, found, pointer);
          // The text at that line and column is the value's own.
          const at = lines[found!.line - 1]!.slice(found!.column - 1);
          const expected = v !== null && typeof v === 'object' ? (Array.isArray(v) ? '[' : '{') : JSON.stringify(v);
          assert.ok(at.startsWith(expected), `${pointer}: ${at} does not start with ${expected}`);
          if (v !== null && typeof v === 'object') {
            for (const [k, child] of Object.entries(v)) walk(child, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
          }
        };
        walk({ root: value }, '');
      }),
      { numRuns: 300 },
    );
  });

  it('splits property paths with indexes and quoted keys', () => {
    assert.deepEqual(propertyPathTokens("properties.ipRules[0].value"), ['properties', 'ipRules', '0', 'value']);
    assert.deepEqual(propertyPathTokens("tags['cost.center']"), ['tags', 'cost.center']);
  });
});

describe('parseJsonText', () => {
  const cases: [string, number, number, RegExp][] = [
    ['{"a":}', 1, 6, /unexpected character "}"/],
    ['{\n  "a": 1,\n}', 3, 1, /property name/],
    ['{"a": [1,\n 2', 2, 3, /end of input/],
    ['[1 2]', 1, 4, /','/],
    ['{} x', 1, 4, /after the JSON value/],
  ];
  for (const [text, line, column, message] of cases) {
    it(`reports ${JSON.stringify(text)} at ${line}:${column}`, () => {
      try {
        parseJsonText(text, 'dir/t.json');
        assert.fail('parsed');
      } catch (e) {
        assert.ok(isInputError(e));
        assert.deepEqual([e.location.file, e.location.line, e.location.column], ['dir/t.json', line, column]);
        assert.match(e.message, message);
        assert.ok(e.message.startsWith(`dir/t.json:${line}:${column}: invalid JSON: `), e.message);
      }
    });
  }

  it('the fallback scanner accepts exactly what JSON.parse accepts on random near-JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\n'), (v, at, junk) => {
        const good = JSON.stringify(v);
        const text = good.slice(0, at % (good.length + 1)) + junk + good.slice(at % (good.length + 1));
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        assert.equal(findJsonSyntaxError(text) === undefined, valid, text);
      }),
      { numRuns: 500 },
    );
  });

  it('does not overflow the stack on deeply nested input', () => {
    assert.ok(findJsonSyntaxError('['.repeat(200_000)));
  });
});

describe('sha256Hex', () => {
  it('matches node:crypto', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        assert.equal(sha256Hex(bytes), createHash('sha256').update(bytes).digest('hex'));
      }),
    );
    assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('stableStringify', () => {
  it('sorts keys, honours toJSON and drops undefined', () => {
    assert.equal(stableStringify({ b: 1, a: [new Unknown('r'), undefined], c: undefined }, 0), '{"a":["[unknown: r]",null],"b":1}');
  });
  it('keeps a __proto__ own key as data', () => {
    const parsed = JSON.parse('{"__proto__": {"x": 1}, "a": 2}');
    assert.equal(stableStringify(parsed, 0), '{"__proto__":{"x":1},"a":2}');
  });
  it('matches JSON.stringify content', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => assert.deepEqual(JSON.parse(stableStringify(v)), JSON.parse(JSON.stringify(v) ?? 'null'))));
  });
});

describe('globMatches', () => {
  it('matches case-insensitively with * across slashes', () => {
    assert.ok(globMatches('*', '/subscriptions/x/resourceGroups/y'));
    assert.ok(globMatches('st*prod', 'STdataPROD'));
    assert.ok(globMatches('ISRM.Storage.*', 'isrm.storage.tls'));
    assert.ok(!globMatches('a.b', 'aXb'));
    assert.ok(globMatches('a?c', 'abc'));
  });
});

describe('stableStringify formatting', () => {
  it('matches JSON.stringify byte for byte on key-sorted values, indented or not', () => {
    const sortKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])) : v;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 2), (v, indent) => {
        assert.equal(stableStringify(v, indent), JSON.stringify(sortKeys(v), null, indent));
      }),
      { numRuns: 300 },
    );
    assert.equal(stableStringify({ a: undefined, b: [undefined, () => 1], c: {} }, 2), JSON.stringify({ b: [null, null], c: {} }, null, 2));
  });

  it('gives the same bytes whatever the insertion order, integer-like keys first', () => {
    assert.equal(stableStringify({ b: 1, '10': 2, a: 3, '9': 4 }, 0), '{"9":4,"10":2,"a":3,"b":1}');
    assert.equal(stableStringify({ '9': 4, a: 3, '10': 2, b: 1 }, 0), '{"9":4,"10":2,"a":3,"b":1}');
  });

  it('refuses a circular structure instead of hanging', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    assert.throws(() => stableStringify(a), /nested too deeply/);
  });
});
