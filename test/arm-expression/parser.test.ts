import assert from 'node:assert/strict';
import { isExpressionString, parseExpression, printExpression, type ExprNode } from '../../src/core/arm/expression';
import { ExpressionError } from '../../src/core/arm/types';

function errorOf(text: string): ExpressionError {
  try {
    parseExpression(text);
  } catch (e) {
    assert.ok(e instanceof ExpressionError, `expected ExpressionError, got ${String(e)}`);
    return e;
  }
  assert.fail(`'${text}' parsed without error`);
}

describe('arm-expression parser', () => {
  it('parses calls, nested calls, property and index access', () => {
    const node = parseExpression("concat(parameters('a').b, variables('v')[0], 'x')");
    assert.equal(node.kind, 'call');
    if (node.kind !== 'call') return;
    assert.equal(node.name, 'concat');
    assert.equal(node.key, 'concat');
    assert.equal(node.args.length, 3);
    const [a, b, c] = node.args as [ExprNode, ExprNode, ExprNode];
    assert.equal(a.kind, 'property');
    assert.equal(b.kind, 'index');
    assert.deepEqual(c, { kind: 'string', value: 'x', pos: 45 });
  });

  it("unescapes doubled quotes inside string literals ('it''s')", () => {
    assert.deepEqual(parseExpression("'it''s'"), { kind: 'string', value: "it's", pos: 0 });
    assert.deepEqual(parseExpression("''''"), { kind: 'string', value: "'", pos: 0 });
    assert.deepEqual(parseExpression("''"), { kind: 'string', value: '', pos: 0 });
  });

  it('reads integer literals, including negative ones, and keeps them numbers', () => {
    assert.deepEqual(parseExpression('42'), { kind: 'number', value: 42, pos: 0 });
    assert.deepEqual(parseExpression('-7'), { kind: 'number', value: -7, pos: 0 });
    const call = parseExpression("add(1, '1')");
    assert.ok(call.kind === 'call');
    assert.equal(call.args[0]!.kind, 'number');
    assert.equal(call.args[1]!.kind, 'string');
  });

  it('keeps the written name and a lower-case key: function names are case-insensitive', () => {
    const node = parseExpression('ToLower(\'A\')');
    assert.ok(node.kind === 'call');
    assert.equal(node.name, 'ToLower');
    assert.equal(node.key, 'tolower');
  });

  it('parses user-defined function calls with a namespace', () => {
    const node = parseExpression("myNs.Double(2)");
    assert.ok(node.kind === 'call');
    assert.equal(node.namespace, 'myNs');
    assert.equal(node.name, 'Double');
    assert.equal(node.key, 'myns.double');
  });

  it('allows white space between tokens', () => {
    const node = parseExpression("  concat ( 'a' ,  'b' ) . length ");
    assert.equal(node.kind, 'property');
  });

  it('rejects malformed expressions with an ExpressionError carrying the position', () => {
    assert.equal(errorOf("concat('a'").position, 10);
    assert.equal(errorOf("concat('a')x").position, 11);
    assert.equal(errorOf("'abc").position, 0);
    assert.equal(errorOf('').position, 0);
    assert.equal(errorOf('projectName').position, 0);
    assert.equal(errorOf("concat('a',)").position, 11);
    assert.equal(errorOf("f().").position, 4);
    assert.equal(errorOf('1.5').position, 0);
    assert.match(errorOf('1.5').message, /json\('1\.5'\)/);
    assert.match(errorOf("concat('a'").message, /\[concat\('a'\]/);
  });

  it('refuses nesting deeper than the parser bound instead of overflowing the stack', () => {
    const deep = 'f('.repeat(100_000) + ')'.repeat(100_000);
    const e = errorOf(deep);
    assert.match(e.message, /nesting is deeper/);
  });

  it('returns the cached tree for the same text', () => {
    assert.equal(parseExpression("concat('cache', 'me')"), parseExpression("concat('cache', 'me')"));
  });

  it('recognises expression strings by ARM rules', () => {
    assert.equal(isExpressionString("[concat('a')]"), true);
    assert.equal(isExpressionString('[[escaped]'), false);
    assert.equal(isExpressionString('plain'), false);
    assert.equal(isExpressionString('[not closed'), false);
    assert.equal(isExpressionString(' [leading space]'), false);
    assert.equal(isExpressionString('['), false);
  });

  it('prints trees back to text that parses to the same tree', () => {
    for (const text of ["concat('it''s', parameters('x').y['z-1'], variables('a')[0], -3)", "ns.fn(1, 'b')", "a()['we''ird key']"]) {
      const tree = parseExpression(text);
      const { pos: _p, ...printed } = parseExpression(printExpression(tree)) as ExprNode & { pos: number };
      assert.equal(printExpression(parseExpression(printExpression(tree))), printExpression(tree));
      assert.equal(printed.kind, tree.kind);
    }
  });
});
