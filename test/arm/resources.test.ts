import assert from 'node:assert/strict';
import { isUnknown } from '../../src/core/model';
import { CONTEXT, RG_ID, SUB, SUB_SCHEMA, byName, expand, template } from './helpers';

describe('ARM expansion: resources', () => {
  it('evaluates every field of a resource and builds its id at resource-group scope', () => {
    const { resources, notes } = expand(
      template({
        parameters: { prefix: { type: 'string', defaultValue: 'ct' } },
        variables: { saName: "[concat(parameters('prefix'), 'data')]" },
        resources: [
          {
            type: 'Microsoft.Storage/storageAccounts',
            apiVersion: '2023-01-01',
            name: "[variables('saName')]",
            location: '[resourceGroup().location]',
            kind: 'StorageV2',
            sku: { name: 'Standard_LRS' },
            identity: { type: 'SystemAssigned' },
            tags: { env: "[parameters('prefix')]" },
            properties: { minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true, encryption: { keySource: 'Microsoft.Storage' } },
          },
        ],
      }),
    );
    assert.deepEqual(notes, []);
    assert.deepEqual(resources, [
      {
        type: 'Microsoft.Storage/storageAccounts',
        name: 'ctdata',
        id: `${RG_ID}/providers/Microsoft.Storage/storageAccounts/ctdata`,
        apiVersion: '2023-01-01',
        location: 'westeurope',
        kind: 'StorageV2',
        sku: { name: 'Standard_LRS' },
        identity: { type: 'SystemAssigned' },
        tags: { env: 'ct' },
        properties: { minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true, encryption: { keySource: 'Microsoft.Storage' } },
        source: { kind: 'arm', file: 'main.json', pointer: '/resources/0' },
        deploymentPath: ['main'],
      },
    ]);
  });

  it('flattens nested child resources to full type and name, at any depth', () => {
    const { resources } = expand(
      template({
        resources: [
          {
            type: 'Microsoft.Storage/storageAccounts',
            apiVersion: '2023-01-01',
            name: 'sa1',
            resources: [
              {
                type: 'blobServices',
                apiVersion: '2023-01-01',
                name: 'default',
                resources: [{ type: 'containers', apiVersion: '2023-01-01', name: 'raw', properties: { publicAccess: 'None' } }],
              },
              { type: 'Microsoft.Storage/storageAccounts/fileServices', apiVersion: '2023-01-01', name: 'sa1/default' },
            ],
          },
        ],
      }),
    );
    assert.deepEqual(
      resources.map((r) => [r.type, r.name, r.id, r.source.pointer]),
      [
        ['Microsoft.Storage/storageAccounts', 'sa1', `${RG_ID}/providers/Microsoft.Storage/storageAccounts/sa1`, '/resources/0'],
        ['Microsoft.Storage/storageAccounts/blobServices', 'sa1/default', `${RG_ID}/providers/Microsoft.Storage/storageAccounts/sa1/blobServices/default`, '/resources/0/resources/0'],
        [
          'Microsoft.Storage/storageAccounts/blobServices/containers',
          'sa1/default/raw',
          `${RG_ID}/providers/Microsoft.Storage/storageAccounts/sa1/blobServices/default/containers/raw`,
          '/resources/0/resources/0/resources/0',
        ],
        ['Microsoft.Storage/storageAccounts/fileServices', 'sa1/default', `${RG_ID}/providers/Microsoft.Storage/storageAccounts/sa1/fileServices/default`, '/resources/0/resources/1'],
      ],
    );
  });

  it('unrolls resource copy loops; every copy shares the declaration pointer', () => {
    const { resources } = expand(
      template({
        parameters: { names: { type: 'array', defaultValue: ['a', 'b', 'c'] } },
        resources: [
          {
            type: 'Microsoft.Network/publicIPAddresses',
            apiVersion: '2023-04-01',
            name: "[format('pip-{0}-{1}', parameters('names')[copyIndex()], copyIndex(1))]",
            copy: { name: 'pips', count: "[length(parameters('names'))]", mode: 'serial', batchSize: 1 },
            properties: { idx: "[copyIndex('pips')]" },
          },
        ],
      }),
    );
    assert.deepEqual(
      resources.map((r) => [r.name, r.properties.idx, r.source.pointer]),
      [
        ['pip-a-1', 0, '/resources/0'],
        ['pip-b-2', 1, '/resources/0'],
        ['pip-c-3', 2, '/resources/0'],
      ],
    );
  });

  it('unrolls property copy blocks, including one nested in another, and keeps sibling properties', () => {
    const { resources } = expand(
      template({
        resources: [
          {
            type: 'Microsoft.Network/virtualNetworks',
            apiVersion: '2023-04-01',
            name: 'vnet',
            properties: {
              addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
              copy: [
                {
                  name: 'subnets',
                  count: 2,
                  input: {
                    name: "[format('snet{0}', copyIndex('subnets'))]",
                    properties: {
                      addressPrefix: "[format('10.0.{0}.0/24', copyIndex('subnets'))]",
                      copy: [{ name: 'serviceEndpoints', count: "[add(copyIndex('subnets'), 1)]", input: { service: "[format('svc{0}.{1}', copyIndex('subnets'), copyIndex('serviceEndpoints'))]" } }],
                    },
                  },
                },
              ],
            },
          },
        ],
      }),
    );
    assert.deepEqual(resources[0]!.properties, {
      addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
      subnets: [
        { name: 'snet0', properties: { addressPrefix: '10.0.0.0/24', serviceEndpoints: [{ service: 'svc0.0' }] } },
        { name: 'snet1', properties: { addressPrefix: '10.0.1.0/24', serviceEndpoints: [{ service: 'svc1.0' }, { service: 'svc1.1' }] } },
      ],
    });
  });

  it('property copy inside a resource copy loop sees both indexes', () => {
    const { resources } = expand(
      template({
        resources: [
          {
            type: 'Microsoft.Compute/disks',
            apiVersion: '2023-04-02',
            name: "[format('d{0}', copyIndex())]",
            copy: { name: 'disks', count: 2 },
            properties: { copy: [{ name: 'parts', count: 2, input: "[format('{0}-{1}', copyIndex(), copyIndex('parts'))]" }] },
          },
        ],
      }),
    );
    assert.deepEqual(resources.map((r) => r.properties.parts), [['0-0', '0-1'], ['1-0', '1-1']]);
  });

  it('applies conditions: false skips the resource, Unknown keeps it with a note', () => {
    const { resources, notes } = expand(
      template({
        parameters: { deployB: { type: 'bool', defaultValue: false } },
        resources: [
          { condition: "[not(parameters('deployB'))]", type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-02-01', name: 'kv-a' },
          { condition: "[parameters('deployB')]", type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-02-01', name: 'kv-b' },
          {
            condition: "[equals(reference(resourceId('Microsoft.Storage/storageAccounts', 'x')).primaryLocation, 'westeurope')]",
            type: 'Microsoft.KeyVault/vaults',
            apiVersion: '2023-02-01',
            name: 'kv-c',
          },
        ],
      }),
    );
    assert.deepEqual(resources.map((r) => r.name), ['kv-a', 'kv-c']);
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.level, 'warning');
    assert.equal(notes[0]!.pointer, '/resources/2/condition');
    assert.match(notes[0]!.message, /only known at deployment/);
  });

  it('does not cascade a false parent condition to nested children (as ARM does)', () => {
    const { resources } = expand(
      template({
        resources: [
          {
            condition: false,
            type: 'Microsoft.Sql/servers',
            apiVersion: '2022-05-01-preview',
            name: 'sql1',
            resources: [{ type: 'databases', apiVersion: '2022-05-01-preview', name: 'db1' }],
          },
        ],
      }),
    );
    assert.deepEqual(resources.map((r) => [r.type, r.name]), [['Microsoft.Sql/servers/databases', 'sql1/db1']]);
  });

  it('propagates Unknown from reference() and listKeys() into properties', () => {
    const { resources } = expand(
      template({
        resources: [
          {
            type: 'Microsoft.Web/sites',
            apiVersion: '2022-09-01',
            name: 'app',
            properties: {
              storageKey: "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2023-01-01').keys[0].value]",
              endpoint: "[reference(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2023-01-01').primaryEndpoints.blob]",
              httpsOnly: true,
            },
          },
        ],
      }),
    );
    const props = resources[0]!.properties;
    assert.ok(isUnknown(props.storageKey));
    assert.ok(isUnknown(props.endpoint));
    assert.equal(props.httpsOnly, true);
    assert.match(JSON.stringify(props), /\[unknown: /);
  });

  it('notes a resource whose name is only known at deployment', () => {
    const { resources, notes } = expand(
      template({
        resources: [
          { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: "[reference('x').name]" },
        ],
      }),
    );
    assert.equal(resources[0]!.name, '[unknown]');
    assert.equal(resources[0]!.id, `${RG_ID}/providers/Microsoft.Storage/storageAccounts/[unknown]`);
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.pointer, '/resources/0/name');
  });

  it('evaluates dependsOn to ids (names, type/name form and resourceId())', () => {
    const { resources } = expand(
      template({
        resources: [
          { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-04-01', name: 'vnet' },
          {
            type: 'Microsoft.Network/privateEndpoints',
            apiVersion: '2023-04-01',
            name: 'pe',
            dependsOn: ["[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]", 'Microsoft.KeyVault/vaults/kv', 'vnet'],
          },
        ],
      }),
    );
    assert.deepEqual(byName(resources, 'pe').dependsOn, [
      `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet`,
      `${RG_ID}/providers/Microsoft.KeyVault/vaults/kv`,
      `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet`,
    ]);
  });

  it('builds subscription-scope ids and emits resource groups', () => {
    const { resources } = expand(
      template(
        {
          resources: [
            { type: 'Microsoft.Resources/resourceGroups', apiVersion: '2022-09-01', name: 'rg-net', location: 'northeurope' },
            { type: 'Microsoft.Authorization/policyDefinitions', apiVersion: '2021-06-01', name: 'pd1', properties: {} },
          ],
        },
        SUB_SCHEMA,
      ),
    );
    assert.deepEqual(
      resources.map((r) => r.id),
      [`/subscriptions/${SUB}/resourceGroups/rg-net`, `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyDefinitions/pd1`],
    );
    assert.equal(resources[0]!.location, 'northeurope');
  });

  it('gives the same bytes for the same input (uniqueString depends only on the context)', () => {
    const tpl = template({
      resources: [
        { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: "[concat('sa', uniqueString(resourceGroup().id))]", location: "[resourceGroup().location]" },
      ],
    });
    const a = JSON.stringify(expand(tpl));
    const b = JSON.stringify(expand(JSON.parse(JSON.stringify(tpl))));
    assert.equal(a, b);
    const other = JSON.stringify(expand(tpl, { context: { ...CONTEXT, resourceGroup: 'rg-other' } }));
    assert.notEqual(a, other);
  });
});

describe('ARM expansion: dependsOn by name', () => {
  it('resolves copy loop names and resource names of the same template, declared before or after', () => {
    const { resources } = expand(
      template({
        resources: [
          { type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks', apiVersion: '2020-06-01', name: 'zone0/link', dependsOn: ['zones', 'vnet', 'ghost'] },
          { type: 'Microsoft.Network/privateDnsZones', apiVersion: '2020-06-01', name: "[concat('zone', copyIndex())]", copy: { name: 'zones', count: 2 } },
          { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-04-01', name: 'vnet' },
          { condition: false, type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-04-01', name: 'ghost' },
        ],
      }),
    );
    assert.deepEqual(byName(resources, 'zone0/link').dependsOn, [
      `${RG_ID}/providers/Microsoft.Network/privateDnsZones/zone0`,
      `${RG_ID}/providers/Microsoft.Network/privateDnsZones/zone1`,
      `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet`,
      'ghost',
    ]);
  });
});
