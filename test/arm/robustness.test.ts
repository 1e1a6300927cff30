// Property test: whatever shape a template has, expansion either returns resources or throws an
// InputError naming the file. A TypeError or RangeError escaping would be a crash trace for the user.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { expandArmTemplate } from '../../src/core/arm';
import { CONTEXT } from './helpers';

const expressions = fc.constantFrom(
  "[parameters('p')]",
  "[parameters('missing')]",
  "[variables('v')]",
  "[variables('loop')]",
  '[copyIndex()]',
  "[copyIndex('x')]",
  "[concat('a', copyIndex())]",
  "[resourceId('Microsoft.Storage/storageAccounts', 'sa')]",
  "[reference('x').y]",
  "[listKeys('x', '2020-01-01').keys[0].value]",
  '[resourceGroup().location]',
  '[subscription().id]',
  "[format('Microsoft.Storage/storageAccounts/{0}', 'sa')]",
  '[length(',
  '[[literal]',
  '[]',
  '[1]',
  "[json('{}')]",
  '[createArray(1, 2)]',
  '[true()]',
  "[if(true(), 'a', 1)]",
  "[string(parameters('p'))]",
  "[reference('sa').outputs]",
  "[reference('sa').outputs.x.value]",
  "[reference(resourceId('Microsoft.Resources/deployments', 'sa')).outputs]",
);

const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -3, max: 900 }), fc.boolean(), fc.constant(null), expressions);
const key = fc.constantFrom('name', 'type', 'copy', 'count', 'input', 'value', '__proto__', 'constructor', 'properties', 'resources', 'scope', 'condition', 'x');
const json = fc.letrec((tie) => ({
  value: fc.oneof({ maxDepth: 4 }, scalar, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
})).value;

const types = fc.constantFrom(
  'Microsoft.Storage/storageAccounts',
  'Microsoft.Storage/storageAccounts/blobServices',
  'blobServices',
  'Microsoft.Storage/storageAccounts/providers/diagnosticSettings',
  'Microsoft.Insights/diagnosticSettings',
  'Microsoft.Authorization/roleAssignments',
  'Microsoft.Resources/deployments',
  'Microsoft.Resources/resourceGroups',
  'nonsense',
  '',
);

/** Mostly well-formed, sometimes anything: deep enough into the expansion to reach its corners. */
const mostly = <T>(good: fc.Arbitrary<T>, weight = 6): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: good, weight }, { arbitrary: json, weight: 1 });

const resource: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  resource: fc.oneof(
    { maxDepth: 3, depthSize: 'small', withCrossShrink: true },
    {
      weight: 8,
      arbitrary: fc.record(
        {
          type: mostly(types),
          name: mostly(fc.oneof(expressions, fc.constantFrom('sa', 'sa/default', 'sa/Microsoft.Insights/diag', 'a/b/c'))),
          apiVersion: fc.constant('2023-01-01'),
          condition: mostly(fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.boolean(), weight: 1 }, { arbitrary: expressions, weight: 1 }), 3),
          copy: mostly(fc.record({ name: fc.constantFrom('x', 'y'), count: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 4 }), weight: 4 }, { arbitrary: expressions, weight: 1 }) })),
          scope: mostly(fc.constantFrom("[format('Microsoft.Storage/storageAccounts/{0}', 'sa')]", '/subscriptions/s/resourceGroups/r', 'sa', "[reference('x').id]"), 3),
          existing: fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, { arbitrary: fc.constant(true), weight: 1 }),
          dependsOn: mostly(fc.array(fc.oneof(expressions, fc.constantFrom('sa', 'x', 'Microsoft.Storage/storageAccounts/sa')), { maxLength: 3 })),
          properties: mostly(
            fc.record(
              {
                template: fc.record({ resources: fc.array(tie('resource'), { maxLength: 2 }), parameters: json, outputs: json }, { requiredKeys: ['resources'] }),
                parameters: mostly(fc.constant({ p: { value: 'x' } })),
                expressionEvaluationOptions: fc.record({ scope: fc.constantFrom('inner', 'outer', 'x') }),
                templateLink: json,
                copy: json,
                value: json,
              },
              { requiredKeys: [] },
            ),
          ),
          resources: fc.array(tie('resource'), { maxLength: 2 }),
          tags: json,
          location: json,
          resourceGroup: mostly(fc.constantFrom('rg2', "[concat('rg', '3')]"), 2),
          subscriptionId: mostly(fc.constantFrom('sub2'), 1),
        },
        { requiredKeys: ['type', 'name'] },
      ),
    },
    { weight: 1, arbitrary: json },
  ),
})).resource;

const templates = fc.record(
  {
    $schema: fc.constantFrom('https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#'),
    contentVersion: fc.constant('1.0.0.0'),
    languageVersion: fc.constantFrom('1.0', '2.0'),
    parameters: mostly(fc.constant({ p: { type: 'string', defaultValue: 'pv' } }), 8),
    variables: mostly(fc.record({ v: fc.oneof(expressions, json), loop: fc.constant("[variables('loop')]"), copy: fc.constant([{ name: 'c', count: 2, input: '[copyIndex(\'c\')]' }]) }, { requiredKeys: [] })),
    resources: fc.oneof(
      { weight: 4, arbitrary: fc.array(resource, { maxLength: 4 }) },
      { weight: 2, arbitrary: fc.dictionary(fc.constantFrom('a', 'b', 'sa'), resource, { maxKeys: 3 }) },
      { weight: 1, arbitrary: json },
    ),
    functions: fc.constant([{ namespace: 'f', members: { g: { parameters: [{ name: 'a', type: 'string' }], output: { type: 'string', value: "[parameters('a')]" } } } }]),
    outputs: json,
  },
  { requiredKeys: ['$schema', 'contentVersion', 'resources'] },
);

/** Well-formed resources whose only noise is in expressions and property values, to reach emission. */
const cleanResource: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  r: fc.record(
    {
      type: fc.constantFrom('Microsoft.Storage/storageAccounts', 'Microsoft.Insights/diagnosticSettings', 'Microsoft.Authorization/roleAssignments', 'Microsoft.Resources/deployments', 'Microsoft.Storage/storageAccounts/providers/locks'),
      name: fc.constantFrom('sa', "[concat('sa', copyIndex())]", "[parameters('p')]", 'sa/Microsoft.Authorization/l', "[reference('x').name]"),
      apiVersion: fc.constant('2023-01-01'),
      copy: fc.record({ name: fc.constantFrom('x', 'y'), count: fc.integer({ min: 0, max: 3 }) }),
      scope: fc.constantFrom("[format('Microsoft.Storage/storageAccounts/{0}', 'sa')]", '/subscriptions/s', "[reference('x').id]"),
      properties: fc.oneof(
        fc.dictionary(key, json, { maxKeys: 3 }),
        fc.record({
          expressionEvaluationOptions: fc.record({ scope: fc.constantFrom('inner', 'outer') }),
          parameters: fc.constant({ p: { value: "[concat('v', 'x')]" } }),
          template: fc.record({
            parameters: fc.constant({ p: { type: 'string', defaultValue: 'd' } }),
            resources: fc.array(tie('r'), { maxLength: 2 }),
            outputs: fc.oneof(json, fc.dictionary(key, fc.oneof(json, fc.record({ type: fc.constant('string'), value: scalar }), fc.record({ type: fc.constant('array'), copy: json })), { maxKeys: 2 })),
          }),
        }),
      ),
      resources: fc.array(tie('r'), { maxLength: 2 }),
      tags: fc.dictionary(key, scalar, { maxKeys: 2 }),
    },
    { requiredKeys: ['type', 'name', 'apiVersion', 'properties'] },
  ),
})).r;

const cleanTemplates = fc.record({
  $schema: fc.constantFrom('https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#'),
  contentVersion: fc.constant('1.0.0.0'),
  parameters: fc.constant({ p: { type: 'string', defaultValue: 'pv' } }),
  resources: fc.array(cleanResource, { maxLength: 4 }),
});

describe('ARM expansion: robustness', () => {
  it('never throws anything but InputError, whatever the template shape', () => {
    fc.assert(
      fc.property(fc.oneof(templates, cleanTemplates), fc.option(json, { freq: 4 }), (template, params) => {
        try {
          const parameters = params === null ? undefined : { file: 'fuzz.parameters.json', value: params };
          const r = expandArmTemplate({ file: 'fuzz.json', template, parameters, context: CONTEXT, limits: { steps: 20_000 } });
          JSON.stringify(r);
        } catch (e) {
          if (!(e instanceof Error) || e.name !== 'InputError') throw e;
          assert.match(e.message, /fuzz(\.parameters)?\.json/);
        }
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      }),
      { numRuns: 3000, seed: 20261126 },
    );
  });
});
