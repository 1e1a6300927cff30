// Every expression in two real compiled templates (Microsoft's Enterprise-Scale Analytics, copied under
// test/arm/fixtures/esa) parses, and prints back to text that parses to the same tree.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isExpressionString, parseExpression, printExpression } from '../../src/core/arm/expression';

const ROOT = join(__dirname, '..', 'arm', 'fixtures', 'esa');

function expressionsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (isExpressionString(value)) out.push(value.slice(1, -1));
  } else if (Array.isArray(value)) {
    for (const v of value) expressionsIn(v, out);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) expressionsIn(v, out);
  }
  return out;
}

describe('arm-expression on real templates', () => {
  for (const template of ['data-management-zone', 'data-product-batch']) {
    it(`parses every expression of ${template}/main.json and round-trips it through the printer`, () => {
      const expressions = expressionsIn(JSON.parse(readFileSync(join(ROOT, template, 'main.json'), 'utf8')));
      assert.ok(expressions.length > 400, `only ${expressions.length} expressions found`);
      for (const text of expressions) {
        const printed = printExpression(parseExpression(text));
        assert.equal(printExpression(parseExpression(printed)), printed, text);
      }
    });
  }
});
