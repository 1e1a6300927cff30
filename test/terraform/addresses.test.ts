import assert from 'node:assert/strict';
import { parseReference, parseResourceAddress } from '../../src/core/terraform/address';
import { normalize } from './helpers';
import { RG } from './plan-builder';

const rg = (name: string, extra: Record<string, unknown> = {}) => ({ name, location: 'westeurope', tags: {}, managed_by: null, ...extra });

describe('terraform: addresses', () => {
  it('parses module paths, data sources and instance keys', () => {
    assert.deepEqual(parseResourceAddress('module.lz["a.b"].module.net.azurerm_subnet.this[0]'), {
      modules: [{ name: 'lz', key: '"a.b"' }, { name: 'net' }],
      mode: 'managed',
      type: 'azurerm_subnet',
      name: 'this',
      key: '0',
    });
    assert.deepEqual(parseResourceAddress('data.azurerm_client_config.current'), { modules: [], mode: 'data', type: 'azurerm_client_config', name: 'current', key: undefined });
    assert.equal(parseResourceAddress('azurerm_x'), undefined);
    assert.equal(parseResourceAddress('azurerm_x.y["unterminated]'), undefined);
    assert.equal(parseResourceAddress('azurerm_x.y.z'), undefined);
  });

  it('parses references to resources, variables, module outputs and each.value', () => {
    assert.deepEqual(parseReference('azurerm_storage_account.this["raw"].id'), { kind: 'resource', mode: 'managed', type: 'azurerm_storage_account', name: 'this', key: '"raw"', attribute: ['id'] });
    assert.deepEqual(parseReference('var.target_id'), { kind: 'variable', name: 'target_id', attribute: [] });
    assert.deepEqual(parseReference('module.net[1].subnet_id'), { kind: 'module-output', module: 'net', key: '1', output: 'subnet_id', attribute: [] });
    assert.deepEqual(parseReference('each.value.id'), { kind: 'each-value', attribute: ['id'] });
    assert.deepEqual(parseReference('local.tags'), { kind: 'other' });
    assert.deepEqual(parseReference('count.index'), { kind: 'other' });
  });

  it('walks child modules with count and for_each instances, giving each the pointer of its object', () => {
    const { resources } = normalize([
      { address: 'azurerm_resource_group.hub', values: rg('rg-hub') },
      { address: 'module.lz["raw"].azurerm_resource_group.this[0]', values: rg('rg-raw-0') },
      { address: 'module.lz["raw"].azurerm_resource_group.this[1]', values: rg('rg-raw-1') },
      { address: 'module.lz["curated"].module.inner.azurerm_resource_group.this["x"]', values: rg('rg-curated-x') },
    ]);
    assert.deepEqual(
      resources.map((r) => [r.name, r.id, r.source.pointer]),
      [
        ['rg-hub', RG('rg-hub'), '/planned_values/root_module/resources/0'],
        ['rg-raw-0', RG('rg-raw-0'), '/planned_values/root_module/child_modules/0/resources/0'],
        ['rg-raw-1', RG('rg-raw-1'), '/planned_values/root_module/child_modules/0/resources/1'],
        ['rg-curated-x', RG('rg-curated-x'), '/planned_values/root_module/child_modules/1/child_modules/0/resources/0'],
      ],
    );
    assert.ok(resources.every((r) => r.source.kind === 'terraform' && r.source.file === 'plan.json'));
  });

  it('does not emit data sources or resources being destroyed', () => {
    const { resources, notes } = normalize([
      { address: 'data.azurerm_resource_group.existing', values: rg('rg-existing', { id: RG('rg-existing') }) },
      { address: 'azurerm_resource_group.gone', values: rg('rg-gone'), actions: ['delete'] },
      { address: 'azurerm_resource_group.replaced', values: rg('rg-replaced'), actions: ['delete', 'create'] },
      { address: 'azurerm_resource_group.kept', values: rg('rg-kept', { id: RG('rg-kept') }), actions: ['no-op'] },
    ]);
    assert.deepEqual(resources.map((r) => r.name), ['rg-replaced', 'rg-kept']);
    assert.deepEqual(notes, []);
  });

  it('uses the planned id when it is known', () => {
    const known = '/subscriptions/99999999-0000-0000-0000-000000000000/resourceGroups/rg-elsewhere';
    const { resources } = normalize([{ address: 'azurerm_resource_group.x', values: rg('rg-elsewhere', { id: known }), actions: ['update'] }]);
    assert.equal(resources[0]?.id, known);
  });
});

describe('terraform: what is not checked becomes a note', () => {
  it('unmapped azurerm types and other providers are skipped with an info note naming the address', () => {
    const { resources, notes } = normalize([
      { address: 'azurerm_resource_group.rg', values: rg('rg') },
      { address: 'azurerm_maintenance_configuration.mc', values: { name: 'mc' } },
      { address: 'module.x.random_string.suffix', values: { length: 6 }, unknown: ['result'] },
      { address: 'azuread_group.admins', values: { display_name: 'admins' } },
    ]);
    assert.equal(resources.length, 1);
    assert.deepEqual(
      notes.map((n) => [n.level, n.pointer, n.message]),
      [
        ['info', '/planned_values/root_module/resources/1', 'azurerm_maintenance_configuration.mc: azurerm_maintenance_configuration has no ARM mapping in ControlTrace, so no control checked it.'],
        ['info', '/planned_values/root_module/resources/2', 'azuread_group.admins: provider "registry.terraform.io/hashicorp/azuread" is not azurerm, so ControlTrace did not check this resource.'],
        ['info', '/planned_values/root_module/child_modules/0/resources/0', 'module.x.random_string.suffix: provider "registry.terraform.io/hashicorp/random" is not azurerm, so ControlTrace did not check this resource.'],
      ],
    );
    assert.ok(notes.every((n) => n.file === 'plan.json'));
  });
});
