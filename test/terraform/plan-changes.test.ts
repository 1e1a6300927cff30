import assert from 'node:assert/strict';
import { normalizePlan } from './helpers';
import { buildPlan } from './plan-builder';

type Json = Record<string, unknown>;

const rg = (name: string) => ({ name, location: 'westeurope', tags: { CostCenter: 'cc-1' }, managed_by: null });

describe('terraform: resource_changes of deposed objects', () => {
  // With create_before_destroy, a failed replacement leaves a deposed object: the next plan lists its
  // deletion under the same address as the current object, with a "deposed" key.
  for (const order of ['after', 'before'] as const) {
    it(`a deposed object's delete (${order} the current one's change) does not hide the current object`, () => {
      const plan = buildPlan([{ address: 'azurerm_resource_group.data', values: rg('rg-data'), actions: ['create'] }]);
      const changes = plan.resource_changes as Json[];
      const current = changes[0] as Json;
      const deposed: Json = { ...structuredClone(current), deposed: '00000001', change: { actions: ['delete'], before: rg('rg-data'), after: null, after_unknown: {}, before_sensitive: {}, after_sensitive: false } };
      plan.resource_changes = order === 'after' ? [current, deposed] : [deposed, current];
      const { resources } = normalizePlan(plan);
      assert.deepEqual(resources.map((r) => r.name), ['rg-data']);
    });
  }
});
