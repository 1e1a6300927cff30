import assert from 'node:assert/strict';
import { RG_ID, SUB, SUB_SCHEMA, expand, template } from './helpers';

const SA_ID = `${RG_ID}/providers/Microsoft.Storage/storageAccounts/sa1`;
const DIAG_PROPS = { workspaceId: '/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/law', logs: [] };

describe('ARM expansion: extension resources', () => {
  it('resolves a `scope` property in the relative Namespace/type/name form', () => {
    const { resources } = expand(
      template({
        parameters: { name: { type: 'string', defaultValue: 'sa1' } },
        resources: [
          {
            type: 'Microsoft.Insights/diagnosticSettings',
            apiVersion: '2021-05-01-preview',
            scope: "[format('Microsoft.Storage/storageAccounts/{0}/blobServices/{1}', parameters('name'), 'default')]",
            name: 'diag',
            properties: DIAG_PROPS,
          },
        ],
      }),
    );
    const target = `${SA_ID}/blobServices/default`;
    assert.deepEqual(
      { type: resources[0]!.type, name: resources[0]!.name, id: resources[0]!.id, scope: resources[0]!.scope },
      { type: 'Microsoft.Insights/diagnosticSettings', name: 'diag', id: `${target}/providers/Microsoft.Insights/diagnosticSettings/diag`, scope: target },
    );
  });

  it('accepts a full resource id as `scope`', () => {
    const target = '/subscriptions/aaa/resourceGroups/other/providers/Microsoft.KeyVault/vaults/kv';
    const { resources } = expand(
      template({
        resources: [{ type: 'Microsoft.Authorization/locks', apiVersion: '2020-05-01', scope: target, name: 'nodelete', properties: { level: 'CanNotDelete' } }],
      }),
    );
    assert.equal(resources[0]!.scope, target);
    assert.equal(resources[0]!.id, `${target}/providers/Microsoft.Authorization/locks/nodelete`);
  });

  it('normalises the older `parent/providers/…` name and type form to the extension type with a scope', () => {
    const { resources } = expand(
      template({
        resources: [
          {
            type: 'Microsoft.Storage/storageAccounts/providers/diagnosticSettings',
            apiVersion: '2021-05-01-preview',
            name: 'sa1/Microsoft.Insights/diag',
            properties: DIAG_PROPS,
          },
          {
            type: 'Microsoft.Storage/storageAccounts',
            apiVersion: '2023-01-01',
            name: 'sa2',
            resources: [{ type: 'providers/locks', apiVersion: '2020-05-01', name: 'Microsoft.Authorization/lock1', properties: { level: 'ReadOnly' } }],
          },
        ],
      }),
    );
    assert.deepEqual(
      resources.map((r) => [r.type, r.name, r.id, r.scope]),
      [
        ['Microsoft.Insights/diagnosticSettings', 'diag', `${SA_ID}/providers/Microsoft.Insights/diagnosticSettings/diag`, SA_ID],
        ['Microsoft.Storage/storageAccounts', 'sa2', `${RG_ID}/providers/Microsoft.Storage/storageAccounts/sa2`, undefined],
        [
          'Microsoft.Authorization/locks',
          'lock1',
          `${RG_ID}/providers/Microsoft.Storage/storageAccounts/sa2/providers/Microsoft.Authorization/locks/lock1`,
          `${RG_ID}/providers/Microsoft.Storage/storageAccounts/sa2`,
        ],
      ],
    );
  });

  it('gives a role assignment without scope the resource group as scope at resource-group level', () => {
    const { resources } = expand(
      template({
        resources: [{ type: 'Microsoft.Authorization/roleAssignments', apiVersion: '2022-04-01', name: 'ra1', properties: { principalType: 'Group' } }],
      }),
    );
    assert.equal(resources[0]!.scope, RG_ID);
    assert.equal(resources[0]!.id, `${RG_ID}/providers/Microsoft.Authorization/roleAssignments/ra1`);
  });

  it('gives a role assignment without scope the subscription as scope at subscription level', () => {
    const { resources } = expand(
      template(
        { resources: [{ type: 'Microsoft.Authorization/roleAssignments', apiVersion: '2022-04-01', name: 'ra1', properties: {} }] },
        SUB_SCHEMA,
      ),
    );
    assert.equal(resources[0]!.scope, `/subscriptions/${SUB}`);
    assert.equal(resources[0]!.id, `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments/ra1`);
  });

  it('notes an extension resource whose scope is only known at deployment', () => {
    const { resources, notes } = expand(
      template({
        resources: [{ type: 'Microsoft.Authorization/locks', apiVersion: '2020-05-01', scope: "[reference('x').id]", name: 'l', properties: {} }],
      }),
    );
    assert.equal(resources[0]!.scope, '[unknown]');
    assert.equal(notes[0]!.pointer, '/resources/0/scope');
  });

  it('rejects a scope that is neither an id nor Namespace/type/name', () => {
    assert.throws(
      () => expand(template({ resources: [{ type: 'Microsoft.Authorization/locks', apiVersion: '2020-05-01', scope: 'nonsense', name: 'l' }] })),
      (e: Error) => e.name === 'InputError' && e.message.includes('(at /resources/0/scope)'),
    );
  });
});
