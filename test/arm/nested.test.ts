import assert from 'node:assert/strict';
import { isUnknown } from '../../src/core/model';
import { CONTEXT, RG_ID, SUB, SUB_SCHEMA, byName, expand, template, throwsInput } from './helpers';

const RG_SCHEMA_URL = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function deployment(name: string, tpl: Record<string, unknown>, extra: Record<string, unknown> = {}, props: Record<string, unknown> = {}) {
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name,
    ...extra,
    properties: { mode: 'Incremental', ...props, template: { $schema: RG_SCHEMA_URL, contentVersion: '1.0.0.0', ...tpl } },
  };
}

describe('ARM expansion: nested deployments', () => {
  // Subscription template → inner RG deployment (level1) → outer-scoped deployment (level2) → inner
  // deployment into another subscription and resource group (level3).
  const threeLevels = template(
    {
      parameters: { prefix: { type: 'string', defaultValue: 'ct' } },
      resources: [
        { type: 'Microsoft.Resources/resourceGroups', apiVersion: '2022-09-01', name: 'rg-data', location: 'northeurope' },
        deployment(
          'level1',
          {
            parameters: { prefix: { type: 'string' } },
            variables: { kvName: "[concat(parameters('prefix'), '-kv')]" },
            resources: [
              { type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-02-01', name: "[variables('kvName')]", location: '[resourceGroup().location]' },
              deployment('level2', {
                resources: [
                  { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: "[concat(parameters('prefix'), 'sa')]", properties: { fromOuter: "[variables('kvName')]" } },
                  deployment(
                    'level3',
                    {
                      parameters: { kv: { type: 'string' } },
                      resources: [
                        {
                          type: 'Microsoft.Authorization/locks',
                          apiVersion: '2020-05-01',
                          name: 'lock',
                          scope: "[format('Microsoft.KeyVault/vaults/{0}', parameters('kv'))]",
                          properties: { sub: '[subscription().subscriptionId]', rg: '[resourceGroup().name]', dep: '[deployment().name]' },
                        },
                      ],
                    },
                    { subscriptionId: 'other-sub', resourceGroup: 'rg-x' },
                    { expressionEvaluationOptions: { scope: 'inner' }, parameters: { kv: { value: "[variables('kvName')]" } } },
                  ),
                ],
              }),
            ],
          },
          { resourceGroup: 'rg-data', dependsOn: ["[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg-data')]"] },
          { expressionEvaluationOptions: { scope: 'inner' }, parameters: { prefix: { value: "[parameters('prefix')]" } } },
        ),
      ],
    },
    SUB_SCHEMA,
  );

  it('expands inner and outer scopes across three levels, with ids, pointers and deployment paths', () => {
    const { resources, notes } = expand(threeLevels);
    const DATA = `/subscriptions/${SUB}/resourceGroups/rg-data`;
    assert.deepEqual(
      resources.map((r) => [r.type, r.name, r.id, r.source.pointer, r.deploymentPath]),
      [
        ['Microsoft.Resources/resourceGroups', 'rg-data', DATA, '/resources/0', ['main']],
        ['Microsoft.KeyVault/vaults', 'ct-kv', `${DATA}/providers/Microsoft.KeyVault/vaults/ct-kv`, '/resources/1/properties/template/resources/0', ['main', 'level1']],
        [
          'Microsoft.Storage/storageAccounts',
          'ctsa',
          `${DATA}/providers/Microsoft.Storage/storageAccounts/ctsa`,
          '/resources/1/properties/template/resources/1/properties/template/resources/0',
          ['main', 'level1', 'level2'],
        ],
        [
          'Microsoft.Authorization/locks',
          'lock',
          '/subscriptions/other-sub/resourceGroups/rg-x/providers/Microsoft.KeyVault/vaults/ct-kv/providers/Microsoft.Authorization/locks/lock',
          '/resources/1/properties/template/resources/1/properties/template/resources/1/properties/template/resources/0',
          ['main', 'level1', 'level2', 'level3'],
        ],
      ],
    );
    assert.equal(byName(resources, 'ct-kv').location, 'northeurope', 'resourceGroup().location is the declared group location');
    assert.equal(byName(resources, 'ctsa').properties.fromOuter, 'ct-kv', 'outer scope sees the enclosing variables');
    assert.deepEqual(byName(resources, 'lock').properties, { sub: 'other-sub', rg: 'rg-x', dep: 'level3' });
    assert.equal(byName(resources, 'lock').scope, '/subscriptions/other-sub/resourceGroups/rg-x/providers/Microsoft.KeyVault/vaults/ct-kv');
    assert.deepEqual(notes.map((n) => [n.level, n.pointer]), [['info', '/resources/1/properties/template/resources/1/properties/template/resources/1/resourceGroup']]);
  });

  it('outer scope evaluates functions in the parent but deploys into the target resource group', () => {
    const { resources } = expand(
      template({
        resources: [
          deployment(
            'toOther',
            { resources: [{ type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-04-01', name: "[concat('nsg-', resourceGroup().name)]" }] },
            { resourceGroup: 'rg-other' },
          ),
        ],
      }),
    );
    assert.equal(resources[0]!.name, `nsg-${CONTEXT.resourceGroup}`);
    assert.equal(resources[0]!.id, `/subscriptions/${SUB}/resourceGroups/rg-other/providers/Microsoft.Network/networkSecurityGroups/nsg-${CONTEXT.resourceGroup}`);
  });

  it('inner scope does not see the outer variables', () => {
    throwsInput(
      () =>
        expand(
          template({
            variables: { v: 'x' },
            resources: [deployment('d', { resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: "[variables('v')]" }] }, {}, { expressionEvaluationOptions: { scope: 'inner' } })],
          }),
        ),
      '(at /resources/0/properties/template/resources/0/name)',
      "variables('v')",
    );
  });

  it('a nested required parameter without a value names the deployment parameters', () => {
    throwsInput(
      () => expand(template({ resources: [deployment('d', { parameters: { p: { type: 'string' } }, resources: [] }, {}, { expressionEvaluationOptions: { scope: 'inner' } })] })),
      "parameter 'p' has no value",
      "nested deployment 'd'",
      '(at /resources/0/properties/parameters)',
    );
  });

  it('passes outputs of an earlier deployment to a later one through reference()', () => {
    const { resources } = expand(
      template({
        resources: [
          deployment('kv', { resources: [], outputs: { kvId: { type: 'string', value: "[resourceId('Microsoft.KeyVault/vaults', 'kv1')]" }, secret: { type: 'string', value: "[reference('x').y]" } } }, {}, {
            expressionEvaluationOptions: { scope: 'inner' },
          }),
          deployment(
            'consumer',
            { parameters: { kvId: { type: 'string' }, kvId2: { type: 'string' }, secret: { type: 'string' } }, resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 'app', properties: { kv: "[parameters('kvId')]", kv2: "[parameters('kvId2')]", secret: "[parameters('secret')]" } }] },
            {},
            {
              expressionEvaluationOptions: { scope: 'inner' },
              parameters: {
                kvId: { value: "[reference(resourceId('Microsoft.Resources/deployments', 'kv'), '2022-09-01').outputs.kvId.value]" },
                kvId2: { value: "[reference('kv').outputs.kvId.value]" },
                secret: { value: "[reference('kv').outputs.secret.value]" },
              },
            },
          ),
        ],
      }),
    );
    const app = byName(resources, 'app');
    assert.equal(app.properties.kv, `${RG_ID}/providers/Microsoft.KeyVault/vaults/kv1`);
    assert.equal(app.properties.kv2, `${RG_ID}/providers/Microsoft.KeyVault/vaults/kv1`);
    assert.ok(isUnknown(app.properties.secret));
  });

  it('notes a templateLink deployment instead of skipping it silently', () => {
    const { resources, notes } = expand(
      template({
        resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'linked', properties: { mode: 'Incremental', templateLink: { uri: 'https://example.org/t.json' } } }],
      }),
    );
    assert.deepEqual(resources, []);
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.level, 'error');
    assert.equal(notes[0]!.pointer, '/resources/0/properties/templateLink');
    assert.match(notes[0]!.message, /'linked'.*templateLink/);
  });

  it('skips a deployment whose condition is false, and loops deployments with copy', () => {
    const { resources } = expand(
      template({
        resources: [
          { ...deployment('off', { resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 'never' }] }), condition: false },
          {
            ...deployment("[concat('d', copyIndex())]", {
              parameters: { i: { type: 'int' } },
              resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: "[concat('site', parameters('i'))]", properties: { dep: '[deployment().name]' } }],
            }, {}, { expressionEvaluationOptions: { scope: 'inner' }, parameters: { i: { value: '[copyIndex()]' } } }),
            copy: { name: 'ds', count: 2 },
          },
        ],
      }),
    );
    assert.deepEqual(resources.map((r) => [r.name, r.properties.dep, r.deploymentPath]), [
      ['site0', 'd0', ['main', 'd0']],
      ['site1', 'd1', ['main', 'd1']],
    ]);
  });

  it('a subscription-scope deployment takes its own location for deployment().location', () => {
    const { resources } = expand(
      template(
        {
          resources: [
            deployment('subLevel', { resources: [{ type: 'Microsoft.Authorization/policyDefinitions', apiVersion: '2021-06-01', name: 'pd', properties: { where: '[deployment().location]' } }] }, { location: 'eastus2' }, {
              expressionEvaluationOptions: { scope: 'inner' },
            }),
          ],
        },
        SUB_SCHEMA,
      ),
    );
    assert.equal(resources[0]!.properties.where, 'eastus2');
  });

  it('never emits the deployment resources themselves', () => {
    const { resources } = expand(threeLevels);
    assert.ok(resources.every((r) => r.type !== 'Microsoft.Resources/deployments'));
  });
});

describe('ARM expansion: nested deployment scopes and outputs', () => {
  it('subscriptionId alone targets that subscription; scope targets a management group or the tenant', () => {
    const { resources } = expand(
      template({
        resources: [
          deployment('toSub', { resources: [{ type: 'Microsoft.Authorization/policyDefinitions', apiVersion: '2021-06-01', name: 'pd', properties: { sub: '[subscription().subscriptionId]' } }] }, { subscriptionId: 'sub-2', location: 'eastus' }, {
            expressionEvaluationOptions: { scope: 'inner' },
          }),
          deployment('toMg', { resources: [{ type: 'Microsoft.Authorization/policyDefinitions', apiVersion: '2021-06-01', name: 'pd' }] }, { scope: 'Microsoft.Management/managementGroups/mg-corp', location: 'eastus' }, {
            expressionEvaluationOptions: { scope: 'inner' },
          }),
          deployment('toTenant', { resources: [{ type: 'Microsoft.Management/managementGroups', apiVersion: '2021-04-01', name: 'mg-new' }] }, { scope: '/', location: 'eastus' }, {
            expressionEvaluationOptions: { scope: 'inner' },
          }),
        ],
      }),
    );
    assert.deepEqual(resources.map((r) => r.id), [
      '/subscriptions/sub-2/providers/Microsoft.Authorization/policyDefinitions/pd',
      '/providers/Microsoft.Management/managementGroups/mg-corp/providers/Microsoft.Authorization/policyDefinitions/pd',
      '/providers/Microsoft.Management/managementGroups/mg-new',
    ]);
    assert.equal(resources[0]!.properties.sub, 'sub-2');
  });

  it('evaluates output copy loops of a nested deployment', () => {
    const { resources } = expand(
      template({
        resources: [
          deployment('producer', { resources: [], outputs: { names: { type: 'array', copy: { count: 2, input: "[concat('n', copyIndex())]" } } } }, {}, { expressionEvaluationOptions: { scope: 'inner' } }),
          deployment(
            'consumer',
            { parameters: { names: { type: 'array' } }, resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 'app', properties: { names: "[parameters('names')]" } }] },
            {},
            { expressionEvaluationOptions: { scope: 'inner' }, parameters: { names: { value: "[reference('producer').outputs.names.value]" } } },
          ),
        ],
      }),
    );
    assert.deepEqual(resources[0]!.properties.names, ['n0', 'n1']);
  });

  it('warns that an outer-scoped deployment ignores its parameters', () => {
    const { notes } = expand(template({ resources: [deployment('d', { resources: [] }, {}, { parameters: { x: { value: 1 } } })] }));
    assert.deepEqual(notes.map((n) => [n.level, n.pointer]), [['warning', '/resources/0/properties/parameters']]);
  });

  it('notes (as an error) a copy count only known at deployment, and scans the rest', () => {
    const { resources, notes } = expand(
      template({
        resources: [
          { type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: "[concat('s', copyIndex())]", copy: { name: 'l', count: "[length(reference('x').items)]" } },
          { type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 'other' },
        ],
      }),
    );
    assert.deepEqual(resources.map((r) => r.name), ['other']);
    assert.deepEqual(notes.map((n) => [n.level, n.pointer]), [['error', '/resources/0/copy/count']]);
  });
});

describe('ARM expansion: declaration order does not matter', () => {
  it('a resource declared before a deployment still sees its outputs, and output order stays declaration order', () => {
    const { resources } = expand(
      template(
        {
          resources: [
            {
              type: 'Microsoft.Authorization/roleAssignments',
              apiVersion: '2022-04-01',
              name: 'ra',
              properties: {
                workspace: "[reference(extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', subscription().subscriptionId, 'rg-late'), 'Microsoft.Resources/deployments', 'law'), '2022-09-01').outputs.id.value]",
              },
            },
            deployment(
              'law',
              {
                resources: [{ type: 'Microsoft.OperationalInsights/workspaces', apiVersion: '2022-10-01', name: 'law1', location: '[resourceGroup().location]' }],
                outputs: { id: { type: 'string', value: "[resourceId('Microsoft.OperationalInsights/workspaces', 'law1')]" } },
              },
              { resourceGroup: 'rg-late' },
              { expressionEvaluationOptions: { scope: 'inner' } },
            ),
            { type: 'Microsoft.Resources/resourceGroups', apiVersion: '2022-09-01', name: 'rg-late', location: 'swedencentral' },
          ],
        },
        SUB_SCHEMA,
      ),
    );
    const LATE = `/subscriptions/${SUB}/resourceGroups/rg-late`;
    assert.deepEqual(resources.map((r) => r.name), ['ra', 'law1', 'rg-late']);
    assert.equal(resources[0]!.properties.workspace, `${LATE}/providers/Microsoft.OperationalInsights/workspaces/law1`);
    assert.equal(resources[1]!.location, 'swedencentral', 'the group declared after the deployment gives its location');
  });

  it('two deployments that reference each other get Unknown instead of looping', () => {
    const pair = (name: string, other: string) =>
      deployment(
        name,
        { parameters: { x: { type: 'string' } }, resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: `site-${name}`, properties: { x: "[parameters('x')]" } }], outputs: { v: { type: 'string', value: "[parameters('x')]" } } },
        {},
        { expressionEvaluationOptions: { scope: 'inner' }, parameters: { x: { value: `[reference('${other}').outputs.v.value]` } } },
      );
    const { resources } = expand(template({ resources: [pair('a', 'b'), pair('b', 'a')] }));
    assert.deepEqual(resources.map((r) => r.name), ['site-a', 'site-b']);
    assert.ok(resources.every((r) => isUnknown(r.properties.x)));
  });
});

describe('ARM expansion: malformed outputs', () => {
  it('an output that is not an object reads as a missing value, not a crash', () => {
    const { resources } = expand(
      template({
        resources: [
          deployment('p', { resources: [], outputs: { bad: null, loop: { type: 'array', copy: 'x' } } }, {}, { expressionEvaluationOptions: { scope: 'inner' } }),
          { type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 'app', properties: { o: "[reference('p').outputs]" } },
        ],
      }),
    );
    assert.deepEqual(JSON.parse(JSON.stringify(resources[0]!.properties.o)), { bad: {}, loop: { type: 'array' } });
  });
});

describe('ARM expansion: deployment target only known at deployment', () => {
  it('puts [unknown] into the ids instead of silently using the current resource group', () => {
    const { resources, notes } = expand(
      template({
        resources: [deployment('d', { resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 'app' }] }, { resourceGroup: "[reference('x').rg]" }, { expressionEvaluationOptions: { scope: 'inner' } })],
      }),
    );
    assert.equal(resources[0]!.id, `/subscriptions/${SUB}/resourceGroups/[unknown]/providers/Microsoft.Web/sites/app`);
    assert.deepEqual(notes.map((n) => [n.level, n.pointer]), [
      ['warning', '/resources/0/resourceGroup'],
      ['info', '/resources/0/resourceGroup'],
    ]);
  });
});
