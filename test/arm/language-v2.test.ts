import assert from 'node:assert/strict';
import { RG_ID, byName, expand, template } from './helpers';

const SA = `${RG_ID}/providers/Microsoft.Storage/storageAccounts/stdata`;

describe('ARM expansion: languageVersion 2.0 (symbolic names)', () => {
  const tpl = template({
    languageVersion: '2.0',
    parameters: { name: { type: 'string', defaultValue: 'stdata' } },
    resources: {
      sa: { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: "[parameters('name')]", location: 'westeurope', properties: { minimumTlsVersion: 'TLS1_2' } },
      blob: { type: 'Microsoft.Storage/storageAccounts/blobServices', apiVersion: '2023-01-01', name: 'default', parent: 'sa', dependsOn: ['sa'] },
      law: { existing: true, type: 'Microsoft.OperationalInsights/workspaces', apiVersion: '2022-10-01', name: 'law-central', subscriptionId: 'ops-sub', resourceGroup: 'rg-ops' },
      diag: {
        type: 'Microsoft.Insights/diagnosticSettings',
        apiVersion: '2021-05-01-preview',
        scope: 'sa',
        name: 'to-law',
        properties: { workspaceId: "[resourceId('ops-sub', 'rg-ops', 'Microsoft.OperationalInsights/workspaces', 'law-central')]", runtime: "[reference('sa').primaryEndpoints]" },
        dependsOn: ['sa', 'law'],
      },
      lock: { type: 'Microsoft.Authorization/locks', apiVersion: '2020-05-01', scope: "[format('Microsoft.Storage/storageAccounts/{0}', parameters('name'))]", name: 'nodelete', properties: { level: 'CanNotDelete' } },
      disks: { type: 'Microsoft.Compute/disks', apiVersion: '2023-04-02', name: "[format('disk{0}', copyIndex())]", copy: { name: 'disks', count: 2 } },
      vm: { type: 'Microsoft.Compute/virtualMachines', apiVersion: '2023-03-01', name: 'vm', dependsOn: ['disks'] },
    },
  });

  it('emits declared resources keyed by symbolic name and skips `existing` ones', () => {
    const { resources } = expand(tpl);
    assert.deepEqual(
      resources.map((r) => [r.type, r.name, r.source.pointer]),
      [
        ['Microsoft.Storage/storageAccounts', 'stdata', '/resources/sa'],
        ['Microsoft.Storage/storageAccounts/blobServices', 'stdata/default', '/resources/blob'],
        ['Microsoft.Insights/diagnosticSettings', 'to-law', '/resources/diag'],
        ['Microsoft.Authorization/locks', 'nodelete', '/resources/lock'],
        ['Microsoft.Compute/disks', 'disk0', '/resources/disks'],
        ['Microsoft.Compute/disks', 'disk1', '/resources/disks'],
        ['Microsoft.Compute/virtualMachines', 'vm', '/resources/vm'],
      ],
    );
  });

  it('resolves `parent`, symbolic `scope` and symbolic `dependsOn` (existing ones included) to ids', () => {
    const { resources } = expand(tpl);
    assert.equal(byName(resources, 'stdata/default').id, `${SA}/blobServices/default`);
    assert.deepEqual(byName(resources, 'stdata/default').dependsOn, [SA]);
    const diag = byName(resources, 'to-law');
    assert.equal(diag.scope, SA);
    assert.equal(diag.id, `${SA}/providers/Microsoft.Insights/diagnosticSettings/to-law`);
    assert.deepEqual(diag.dependsOn, [SA, '/subscriptions/ops-sub/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/law-central']);
    assert.match(String(diag.properties.runtime), /^\[unknown: /);
    assert.equal(byName(resources, 'nodelete').scope, SA);
    assert.deepEqual(byName(resources, 'vm').dependsOn, [`${RG_ID}/providers/Microsoft.Compute/disks/disk0`, `${RG_ID}/providers/Microsoft.Compute/disks/disk1`]);
  });

  // ARM drops a dependency on a resource whose condition is false; Bicep's `if (!empty(cfg)) { name: cfg.name }`
  // leaves such a resource's name unevaluable, and depending on it must not fail the scan.
  it('drops a symbolic dependency on a resource (or copy instance) whose condition is false, without evaluating its name', () => {
    const { resources } = expand(
      template({
        languageVersion: '2.0',
        parameters: { pe: { type: 'object', nullable: true } },
        resources: {
          sa: { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: 'stdata', properties: {} },
          pe: { condition: "[not(empty(parameters('pe')))]", type: 'Microsoft.Network/privateEndpoints', apiVersion: '2023-04-01', name: "[parameters('pe').name]", properties: {} },
          disks: { condition: '[equals(copyIndex(), 1)]', type: 'Microsoft.Compute/disks', apiVersion: '2023-04-02', name: "[format('disk{0}', copyIndex())]", copy: { name: 'disks', count: 2 } },
          lock: { type: 'Microsoft.Authorization/locks', apiVersion: '2020-05-01', scope: 'sa', name: 'nodelete', properties: { level: 'CanNotDelete' }, dependsOn: ['pe', 'sa', 'disks'] },
        },
      }),
    );
    assert.deepEqual(byName(resources, 'nodelete').dependsOn, [SA, `${RG_ID}/providers/Microsoft.Compute/disks/disk1`]);
    assert.deepEqual(resources.map((r) => r.name), ['stdata', 'disk1', 'nodelete']);
  });
});

describe('ARM expansion: languageVersion 2.0 extensibility', () => {
  it('skips resources of a Bicep extension (not ARM resources) with a note', () => {
    const { resources, notes } = expand(
      template({
        languageVersion: '2.0',
        extensions: { graph: { name: 'MicrosoftGraph', version: '1.0.0' } },
        resources: {
          group: { extension: 'graph', type: 'Microsoft.Graph/groups@v1.0', properties: { displayName: 'x' } },
          sa: { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: 'sa' },
        },
      }),
    );
    assert.deepEqual(resources.map((r) => r.name), ['sa']);
    assert.deepEqual(notes.map((n) => [n.level, n.pointer]), [['info', '/resources/group']]);
  });
});

describe('ARM expansion: languageVersion 2.0 modules', () => {
  it("passes a module's outputs to a later module through reference('symbol')", () => {
    const { resources } = expand(
      template({
        languageVersion: '2.0',
        resources: {
          kvModule: {
            type: 'Microsoft.Resources/deployments',
            apiVersion: '2022-09-01',
            name: 'kv-deploy',
            properties: {
              mode: 'Incremental',
              expressionEvaluationOptions: { scope: 'inner' },
              template: {
                $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
                languageVersion: '2.0',
                contentVersion: '1.0.0.0',
                resources: { kv: { type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-02-01', name: 'kv1' } },
                outputs: { id: { type: 'string', value: "[resourceId('Microsoft.KeyVault/vaults', 'kv1')]" } },
              },
            },
          },
          appModule: {
            type: 'Microsoft.Resources/deployments',
            apiVersion: '2022-09-01',
            name: 'app-deploy',
            properties: {
              mode: 'Incremental',
              expressionEvaluationOptions: { scope: 'inner' },
              parameters: { kvId: { value: "[reference('kvModule').outputs.id.value]" } },
              template: {
                $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
                contentVersion: '1.0.0.0',
                parameters: { kvId: { type: 'string' } },
                resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 'app', properties: { kv: "[parameters('kvId')]" } }],
              },
            },
            dependsOn: ['kvModule'],
          },
        },
      }),
    );
    assert.deepEqual(resources.map((r) => [r.name, r.deploymentPath]), [
      ['kv1', ['main', 'kv-deploy']],
      ['app', ['main', 'app-deploy']],
    ]);
    assert.equal(byName(resources, 'app').properties.kv, `${RG_ID}/providers/Microsoft.KeyVault/vaults/kv1`);
  });
});
