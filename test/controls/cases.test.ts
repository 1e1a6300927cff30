import assert from 'node:assert/strict';
import { CONTROLS } from '../../src/core/controls';
import { CASES } from './cases';
import { config, evaluate } from './helpers';

describe('controls: pass / fail / unknown per control', () => {
  for (const row of CASES) {
    it(`${row.control}: ${row.what} → ${row.expect}`, () => {
      const outcomes = evaluate(row.control, row.set, config(row.cfg));
      if (row.expect === 'none') {
        assert.deepEqual(outcomes, [], 'expected the control not to apply');
        return;
      }
      assert.ok(outcomes.length > 0, 'expected at least one outcome');
      const statuses = outcomes.map((o) => o.status);
      if (row.expect === 'fail') assert.ok(statuses.includes('fail'), `expected a failure, got ${statuses.join(', ')}: ${outcomes.map((o) => o.message).join(' | ')}`);
      else assert.ok(statuses.every((s) => s === row.expect), `expected all ${row.expect}, got ${statuses.join(', ')}: ${outcomes.map((o) => o.message).join(' | ')}`);
      for (const o of outcomes) {
        assert.ok(o.message.startsWith(`${row.set[0]!.type.split('/').pop()} '${row.set[0]!.name}'`), `message names the resource: ${o.message}`);
        assert.ok(o.propertyPath.length > 0);
        assert.ok(o.expected.length > 0);
      }
    });
  }

  it('every control has at least one passing and one failing case', () => {
    const missing: string[] = [];
    for (const control of CONTROLS) {
      for (const expect of ['pass', 'fail'] as const) {
        if (!CASES.some((r) => r.control === control.id && r.expect === expect)) missing.push(`${control.id} ${expect}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('cases only name controls that exist', () => {
    const ids = new Set(CONTROLS.map((c) => c.id));
    assert.deepEqual(CASES.filter((r) => !ids.has(r.control)).map((r) => r.control), []);
  });

  it('unknown cases cover a representative set of controls', () => {
    const withUnknown = new Set(CASES.filter((r) => r.expect === 'unknown').map((r) => r.control));
    assert.ok(withUnknown.size >= 25, `only ${withUnknown.size} controls have an unknown case`);
  });
});
