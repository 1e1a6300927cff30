import assert from 'node:assert/strict';
import { expand, template, throwsInput } from './helpers';

describe('ARM expansion: bounds and hostile input', () => {
  it('rejects a copy count of a billion quickly, naming the pointer', () => {
    throwsInput(
      () => expand(template({ resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: "[concat('s', copyIndex())]", copy: { name: 'l', count: 1000000000 } }] })),
      'main.json',
      '(at /resources/0/copy/count)',
      'copy count 1000000000 exceeds the limit of 800',
    );
  });

  it('rejects an oversized property copy and variable copy', () => {
    throwsInput(
      () => expand(template({ resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 's', properties: { copy: [{ name: 'x', count: '[mul(1000, 1000)]', input: 1 }] } }] })),
      '(at /resources/0/properties/copy/0/count)',
    );
    throwsInput(
      () =>
        expand(
          template({
            variables: { copy: [{ name: 'big', count: 5000, input: 1 }] },
            resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 's', properties: { v: "[variables('big')]" } }],
          }),
        ),
      '(at /variables/copy/0/count)',
    );
  });

  it('stops when the step budget runs out (nested copy loops multiply)', () => {
    const loop = (depth: number): Record<string, unknown> =>
      depth === 0
        ? { copy: [{ name: 'l0', count: 800, input: "[copyIndex('l0')]" }] }
        : { copy: [{ name: `l${depth}`, count: 800, input: loop(depth - 1) }] };
    throwsInput(() => expand(template({ resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 's', properties: loop(3) }] }), { limits: { steps: 100_000 } }), 'main.json', 'steps');
  });

  it('caps the total of copy iterations in a file, so multiplied loops stop early with default limits', () => {
    const loop = (depth: number): Record<string, unknown> =>
      depth === 0 ? { copy: [{ name: 'l0', count: 800, input: "[copyIndex('l0')]" }] } : { copy: [{ name: `l${depth}`, count: 800, input: loop(depth - 1) }] };
    throwsInput(
      () => expand(template({ resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: "[concat('s', copyIndex())]", copy: { name: 'r', count: 800 }, properties: loop(2) }] })),
      'main.json',
      'copy loops in this file produce more than 1000000 elements in total',
    );
  });

  it('rejects deployments nested deeper than maxDepth', () => {
    let tpl: Record<string, unknown> = { $schema: 'x/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [] };
    for (let i = 0; i < 80; i++) {
      tpl = { $schema: 'x/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: `d${i}`, properties: { mode: 'Incremental', template: tpl } }] };
    }
    throwsInput(() => expand(tpl), 'nested more than 64 levels');
  });

  it('rejects child resources nested thousands deep with an InputError, not a stack overflow', () => {
    let child: Record<string, unknown> = { type: 'c', apiVersion: '1', name: 'leaf' };
    for (let i = 0; i < 3000; i++) child = { type: i === 2999 ? 'Microsoft.Web/sites' : 'c', apiVersion: '1', name: `n${i}`, resources: [child] };
    throwsInput(() => expand(template({ resources: [child] })), 'child resources are nested more than 64 levels deep');
  });

  it('rejects a languageVersion 2.0 parent chain thousands deep', () => {
    const resources: Record<string, unknown> = { r0: { type: 'Microsoft.Storage/storageAccounts', apiVersion: '1', name: 'sa' } };
    for (let i = 1; i < 3000; i++) resources[`r${i}`] = { type: 'blobServices', apiVersion: '1', name: `n${i}`, parent: `r${i - 1}` };
    throwsInput(() => expand(template({ languageVersion: '2.0', resources })), 'more than 64 levels deep');
  });

  it('compares deeply nested allowedValues without a stack overflow', () => {
    const nest = (leaf: unknown) => {
      let v = leaf;
      for (let i = 0; i < 20000; i++) v = [v];
      return v;
    };
    const deep = nest(1);
    throwsInput(
      () => expand(template({ parameters: { p: { type: 'array', allowedValues: [deep] } }, resources: [] }), { parameters: { file: 'p.json', value: { parameters: { p: { value: [nest(1)] } } } } }),
      "parameter 'p'",
      'allowedValues',
    );
    throwsInput(() => expand(template({ parameters: { p: { type: 'array', defaultValue: [deep] } }, resources: [] })), 'JSON nested more than 512 levels deep');
  });

  it('keeps __proto__ and constructor keys as plain data', () => {
    const tpl = JSON.parse(
      `{"$schema":"x/deploymentTemplate.json#","contentVersion":"1.0.0.0","parameters":{"__proto__":{"type":"string","defaultValue":"p"}},
        "variables":{"constructor":"[parameters('__proto__')]"},
        "resources":[{"type":"Microsoft.Web/sites","apiVersion":"2022-09-01","name":"s","tags":{"__proto__":"[variables('constructor')]"},
        "properties":{"__proto__":{"polluted":"[concat('y','es')]"},"constructor":{"prototype":{"polluted":"[concat('y','es')]"}}}}]}`,
    );
    const { resources } = expand(tpl);
    const r = resources[0]!;
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(r.properties), Object.prototype);
    assert.ok(Object.prototype.hasOwnProperty.call(r.properties, '__proto__'));
    assert.deepEqual(Object.getOwnPropertyDescriptor(r.properties, '__proto__')!.value, { polluted: 'yes' });
    assert.equal(Object.getOwnPropertyDescriptor(r.tags, '__proto__')!.value, 'p');
  });

  it('a variable named like an Object.prototype member is not found by accident', () => {
    throwsInput(
      () => expand(template({ resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: "[variables('toString')]" }] })),
      "variables('toString')",
    );
  });

  it('rejects non-object templates and resources with a location', () => {
    throwsInput(() => expand([]), 'main.json', 'JSON object');
    throwsInput(() => expand(template({ resources: [42] })), '(at /resources/0)', 'resource must be a JSON object');
    throwsInput(() => expand(template({ resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01' }] })), '(at /resources/0)', 'needs a "name"');
  });
});
