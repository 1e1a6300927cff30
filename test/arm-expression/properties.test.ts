// Property-based tests: the parser and evaluator only ever fail with the documented error types, stay
// within the step budget, and print/parse round-trips. Bounded by budgets, not by wall-clock time.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FUNCTION_SIGNATURES, parseExpression, printExpression, evaluateExpression, evaluateString, evaluateValue, type ExprNode } from '../../src/core/arm/expression';
import { ExpressionError, LimitError } from '../../src/core/arm/types';
import { isUnknown } from '../../src/core/model';
import { makeCtx } from './helpers';

const EXPRESSION_CHARS = "()[]',. abcfnotruelg0123456789-_'xyz\"{}:";

function strip(node: ExprNode): unknown {
  switch (node.kind) {
    case 'string':
    case 'number':
      return { kind: node.kind, value: node.value };
    case 'call':
      return { kind: 'call', name: node.name, namespace: node.namespace, args: node.args.map(strip) };
    case 'property':
      return { kind: 'property', name: node.name, target: strip(node.target) };
    case 'index':
      return { kind: 'index', index: strip(node.index), target: strip(node.target) };
  }
}

/** Only own data, no prototypes other than Object/Array, no functions: what a template value may be. */
function isPlainValue(v: unknown, depth = 0): boolean {
  if (depth > 600) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.every((x) => isPlainValue(x, depth + 1));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.keys(v).every((k) => isPlainValue((v as Record<string, unknown>)[k], depth + 1));
  }
  return false;
}

const literal = fc.oneof(
  fc.string({ maxLength: 8 }).map((value): ExprNode => ({ kind: 'string', value, pos: 0 })),
  fc.constantFrom('', 'a', 'Microsoft.Storage/storageAccounts', '10.0.0.0/16', '2020-01-01T00:00:00Z', 'P1D', '{"a":1}', 'x', 'lambda').map((value): ExprNode => ({ kind: 'string', value, pos: 0 })),
  fc.integer({ min: -5, max: 40 }).map((value): ExprNode => ({ kind: 'number', value, pos: 0 })),
);

/** Real functions with an argument count they accept (mostly), plus a few names that must fail cleanly. */
const signatures = [
  ...FUNCTION_SIGNATURES.filter((f) => f.name !== 'list*'),
  { name: 'listKeys', minArgs: 2, maxArgs: 3 },
  { name: 'ns.fn', minArgs: 0, maxArgs: 0 },
  { name: 'noSuchFunction', minArgs: 0, maxArgs: 2 },
];

function callNode(name: string, args: ExprNode[]): ExprNode {
  const dot = name.indexOf('.');
  return dot > 0
    ? { kind: 'call', namespace: name.slice(0, dot), name: name.slice(dot + 1), key: name.toLowerCase(), args, pos: 0 }
    : { kind: 'call', name, key: name.toLowerCase(), args, pos: 0 };
}

const { tree } = fc.letrec<{ tree: ExprNode; call: ExprNode; access: ExprNode; lambda: ExprNode }>((tie) => ({
  tree: fc.oneof({ depthSize: 'medium', withCrossShrink: true }, { arbitrary: literal, weight: 3 }, { arbitrary: tie('call'), weight: 4 }, { arbitrary: tie('access'), weight: 1 }, { arbitrary: tie('lambda'), weight: 1 }),
  call: fc
    .tuple(fc.constantFrom(...signatures), fc.array(tie('tree'), { maxLength: 5 }), fc.integer({ min: 0, max: 9 }))
    .map(([sig, args, skew]) => {
      // Nine times in ten, an argument count the function accepts; otherwise whatever was drawn.
      const wanted = Math.min(sig.maxArgs, sig.minArgs + (args.length % 3));
      const fitted = skew === 0 ? args : [...args, ...args, ...args, ...args, ...args].slice(0, wanted);
      while (skew !== 0 && fitted.length < wanted) fitted.push(fitted.length % 2 === 0 ? { kind: 'string', value: 'a', pos: 0 } : { kind: 'number', value: fitted.length, pos: 0 });
      return callNode(sig.name, fitted);
    }),
  access: fc.tuple(tie('tree'), fc.oneof(fc.constantFrom('a', 'id', 'name', 'properties'), tie('tree'))).map(([target, key]): ExprNode =>
    typeof key === 'string' ? { kind: 'property', target, name: key, pos: 0 } : { kind: 'index', target, index: key, pos: 0 },
  ),
  lambda: fc
    .tuple(fc.constantFrom('map', 'filter', 'sort', 'reduce', 'toObject', 'groupBy'), tie('tree'), tie('tree'))
    .map(([fn, source, body]): ExprNode => {
      const x: ExprNode = callNode('lambdaVariables', [{ kind: 'string', value: 'x', pos: 0 }]);
      const lam = (...params: string[]): ExprNode =>
        callNode('lambda', [...params.map((p): ExprNode => ({ kind: 'string', value: p, pos: 0 })), callNode('createArray', [x, body])]);
      const list = callNode('createArray', [source, source, { kind: 'number', value: 1, pos: 0 }]);
      if (fn === 'reduce') return callNode(fn, [list, source, lam('x', 'y')]);
      if (fn === 'sort') return callNode(fn, [list, callNode('lambda', [{ kind: 'string', value: 'x', pos: 0 }, { kind: 'string', value: 'y', pos: 0 }, body])]);
      return callNode(fn, [list, lam('x')]);
    }),
}));

describe('arm-expression properties', () => {
  it('parseExpression returns a tree or throws ExpressionError, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: fc.constantFrom(...EXPRESSION_CHARS), maxLength: 60 })), (text) => {
        try {
          const node = parseExpression(text);
          assert.ok(['string', 'number', 'call', 'property', 'index'].includes(node.kind));
        } catch (e) {
          assert.ok(e instanceof ExpressionError, `unexpected ${(e as Error).name}: ${(e as Error).message}`);
          assert.equal(typeof e.position, 'number');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('printing and parsing round-trips', () => {
    fc.assert(
      fc.property(tree, (node) => {
        const text = printExpression(node);
        const parsed = parseExpression(text);
        assert.deepEqual(strip(parsed), strip(node));
        assert.equal(printExpression(parsed), text);
      }),
      { numRuns: 1500 },
    );
  });

  it('well-formed trees of real functions evaluate to a value, an Unknown, or ExpressionError/LimitError, within budget', () => {
    fc.assert(
      fc.property(tree, (node) => {
        const text = printExpression(node);
        const run = () => {
          const ctx = makeCtx({
            steps: 100_000,
            maxArrayLength: 2_000,
            maxStringLength: 20_000,
            parameters: { a: { a: [1, 'x'], id: 'p', name: 'n', properties: {} }, name: 'demo' },
            variables: { a: [1, 2, 3] },
            loops: { a: 1 },
            functions: { 'ns.fn': { parameters: [], output: { type: 'string', value: "[concat('u', 'f')]" } } },
          });
          try {
            const value = evaluateExpression(text, ctx);
            assert.ok(isPlainValue(value), `'${text}' produced a value that is not plain data`);
            assert.ok(ctx.budget.steps >= 0);
            return JSON.stringify(value);
          } catch (e) {
            assert.ok(e instanceof ExpressionError || e instanceof LimitError, `'${text}' threw ${(e as Error).name}: ${(e as Error).message}`);
            return `${(e as Error).name}: ${(e as Error).message}`;
          }
        };
        assert.equal(run(), run(), `'${text}' is not deterministic`);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      }),
      { numRuns: 2500 },
    );
  });

  it('evaluateString and evaluateValue fail only with ExpressionError or LimitError, naming file and pointer', () => {
    const templateString = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: fc.constantFrom(...EXPRESSION_CHARS), maxLength: 40 }).map((t) => `[${t}]`),
      tree.map((n) => `[${printExpression(n)}]`),
    );
    const value = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        templateString,
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor')), tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        const ctx = makeCtx({ steps: 100_000, maxArrayLength: 2_000, maxStringLength: 20_000, parameters: { name: 'demo' } });
        try {
          const out = typeof v === 'string' ? evaluateString(v, ctx) : evaluateValue(v, ctx);
          assert.ok(isPlainValue(out));
        } catch (e) {
          assert.ok(e instanceof ExpressionError || e instanceof LimitError, `threw ${(e as Error).name}: ${(e as Error).message}`);
          assert.ok(e.message.startsWith('main.json (at /resources/0/properties'), e.message);
        }
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      }),
      { numRuns: 1500 },
    );
  });
});
