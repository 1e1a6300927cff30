import assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors';
import { isTerraformPlan, normalizeTerraformPlan } from '../../src/core/terraform';
import { buildPlan, CONTEXT } from './plan-builder';

function errorOf(plan: unknown): InputError {
  try {
    normalizeTerraformPlan({ file: 'bad.plan.json', plan, context: CONTEXT });
  } catch (e) {
    assert.ok(e instanceof InputError, `expected InputError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected an InputError');
}

const minimal = (): Record<string, unknown> => ({ format_version: '1.2', terraform_version: '1.9.8', planned_values: { root_module: {} } });

describe('terraform: plan detection', () => {
  it('recognises plan JSON by format_version, terraform_version and planned_values or resource_changes', () => {
    assert.equal(isTerraformPlan(minimal()), true);
    assert.equal(isTerraformPlan({ format_version: '1.2', terraform_version: '1.9.8', resource_changes: [] }), true);
  });

  it('rejects ARM templates, state JSON and non-objects', () => {
    assert.equal(isTerraformPlan({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', resources: [] }), false);
    assert.equal(isTerraformPlan({ format_version: '1.0', terraform_version: '1.9.8', values: { root_module: {} } }), false);
    assert.equal(isTerraformPlan({ format_version: '1.2', planned_values: {} }), false);
    assert.equal(isTerraformPlan(null), false);
    assert.equal(isTerraformPlan([]), false);
    assert.equal(isTerraformPlan('plan'), false);
  });
});

describe('terraform: malformed plans give InputError with file and pointer', () => {
  it('a non-object', () => {
    const e = errorOf([1, 2]);
    assert.equal(e.location.file, 'bad.plan.json');
    assert.match(e.message, /terraform show -json/);
  });

  it('missing planned_values', () => {
    const e = errorOf({ format_version: '1.2', terraform_version: '1.9.8', resource_changes: [] });
    assert.equal(e.location.pointer, '/planned_values');
    assert.match(e.message, /^bad\.plan\.json \(at \/planned_values\): /);
  });

  it('state JSON instead of a plan', () => {
    const e = errorOf({ format_version: '1.0', terraform_version: '1.9.8', values: { root_module: {} } });
    assert.match(e.message, /state JSON, not a plan/);
  });

  it('an unsupported format_version', () => {
    const e = errorOf({ ...minimal(), format_version: '2.0' });
    assert.equal(e.location.pointer, '/format_version');
  });

  it('resources that are not an array', () => {
    const e = errorOf({ ...minimal(), planned_values: { root_module: { resources: {} } } });
    assert.equal(e.location.pointer, '/planned_values/root_module/resources');
  });

  it('a resource without values, inside a child module', () => {
    const plan = buildPlan([{ address: 'module.a.azurerm_resource_group.rg', values: { name: 'rg', location: 'westeurope', tags: {} } }]);
    const mod = ((plan.planned_values as Record<string, unknown>).root_module as Record<string, unknown>).child_modules as Record<string, unknown>[];
    delete ((mod[0] as Record<string, unknown>).resources as Record<string, unknown>[])[0]?.values;
    const e = errorOf(plan);
    assert.equal(e.location.pointer, '/planned_values/root_module/child_modules/0/resources/0/values');
    assert.match(e.message, /module\.a\.azurerm_resource_group\.rg/);
  });

  it('an address that is not a resource address', () => {
    const e = errorOf({ ...minimal(), planned_values: { root_module: { resources: [{ address: 'not an address!', mode: 'managed', type: 'azurerm_x', values: {} }] } } });
    assert.equal(e.location.pointer, '/planned_values/root_module/resources/0/address');
  });

  it('a wrong mode', () => {
    const e = errorOf({ ...minimal(), planned_values: { root_module: { resources: [{ address: 'azurerm_x.y', mode: 'weird', type: 'azurerm_x', values: {} }] } } });
    assert.equal(e.location.pointer, '/planned_values/root_module/resources/0/mode');
  });

  it('resource_changes with bad actions', () => {
    const e = errorOf({ ...minimal(), resource_changes: [{ address: 'azurerm_x.y', change: { actions: 'create' } }] });
    assert.equal(e.location.pointer, '/resource_changes/0/change/actions');
  });

  it('a malformed configuration', () => {
    const e = errorOf({ ...minimal(), configuration: { root_module: { module_calls: { lz: { module: [] } } } } });
    assert.equal(e.location.pointer, '/configuration/root_module/module_calls/lz/module');
  });

  it('child modules nested beyond the limit, without a stack overflow', () => {
    let mod: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) mod = { address: `module.m${i}`, child_modules: [mod] };
    const e = errorOf({ ...minimal(), planned_values: { root_module: { child_modules: [mod] } } });
    assert.match(e.message, /nested more than 64 deep/);
  });
});

describe('terraform: hostile keys', () => {
  it('__proto__ and constructor keys stay data and never pollute prototypes', () => {
    const text = JSON.stringify(
      buildPlan([
        {
          address: 'azurerm_resource_group.rg',
          values: { name: 'rg', location: 'westeurope', tags: { CostCenter: 'cc' }, managed_by: null },
        },
      ]),
    ).replace('"CostCenter":"cc"', '"CostCenter":"cc","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}');
    const plan: unknown = JSON.parse(text);
    const { resources } = normalizeTerraformPlan({ file: 'p.json', plan, context: CONTEXT });
    const tags = resources[0]?.tags as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(tags), Object.prototype);
    assert.deepEqual(Object.keys(tags), ['CostCenter', '__proto__', 'constructor']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((tags as { polluted?: unknown }).polluted, undefined);
  });

  it('a resource type named __proto__ is an unmapped type, not a lookup into an object', () => {
    const plan = { ...minimal(), planned_values: { root_module: { resources: [{ address: 'azurerm___proto__.x', mode: 'managed', type: '__proto__', provider_name: 'registry.terraform.io/hashicorp/azurerm', values: {} }] } } };
    const { resources, notes } = normalizeTerraformPlan({ file: 'p.json', plan, context: CONTEXT });
    assert.equal(resources.length, 0);
    assert.equal(notes.length, 1);
  });
});

describe('terraform: a plan that says it is partial is never read silently', () => {
  it('errored, incomplete and deferred plans give notes', () => {
    const plan = { ...buildPlan([]), errored: true, complete: false, deferred_changes: [{ reason: 'resource_config_unknown', resource_change: {} }] };
    const { notes } = normalizeTerraformPlan({ file: 'p.json', plan, context: CONTEXT });
    assert.deepEqual(
      notes.map((n) => [n.level, n.pointer]),
      [
        ['error', '/errored'],
        ['warning', '/complete'],
        ['warning', '/deferred_changes'],
      ],
    );
    assert.match(notes[0]?.message ?? '', /partial/);
  });
});

describe('terraform: hostile sizes do not exhaust the stack', () => {
  it('tags nested thousands of levels deep become an Unknown', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i++) deep = { d: deep };
    const plan = buildPlan([{ address: 'azurerm_resource_group.rg', values: { name: 'rg', location: 'westeurope', managed_by: null, tags: {} } }]);
    (((plan.planned_values as Record<string, Record<string, unknown[]>>).root_module?.resources?.[0] as Record<string, Record<string, Record<string, unknown>>>).values!.tags!).deep = deep;
    const { resources } = normalizeTerraformPlan({ file: 'p.json', plan, context: CONTEXT });
    assert.match(JSON.stringify(resources[0]?.tags), /nested more than 64 levels deep/);
  });

  it('a chain of a thousand child resources, each under the previous one, gets unknown ids past the length limit', () => {
    const resources = [{ address: 'azurerm_key_vault.v0', values: { name: 'v0', resource_group_name: 'rg', location: 'westeurope', tags: {} }, unknown: ['id'] }];
    for (let i = 1; i < 1000; i++) {
      resources.push({ address: `azurerm_key_vault_key.k${i}`, values: { name: `k${i}`, tags: {} } as never, unknown: ['id', 'key_vault_id', 'resource_versionless_id'], refs: { key_vault_id: [i === 1 ? 'azurerm_key_vault.v0.id' : `azurerm_key_vault_key.k${i - 1}.resource_versionless_id`] } } as never);
    }
    const { resources: out } = normalizeTerraformPlan({ file: 'p.json', plan: buildPlan(resources), context: CONTEXT });
    assert.equal(out.length, 1000);
    assert.equal(out[1]?.id, '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v0/keys/k1');
    assert.ok(out.every((r) => r.id.length < 4096));
    assert.match(out[999]?.id ?? '', /^\[unknown:azurerm_key_vault_key\.k\d+\.key_vault_id\](\/keys\/k\d+)+$/);
  });
});
