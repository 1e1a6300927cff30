// ARM evaluates expressions in property names too (Bicep compiles `'${name}': value` to
// `"[format('{0}', ...)]": value`): tags keyed by a parameter, userAssignedIdentities keyed by an id.

import assert from 'node:assert/strict';
import { RG_ID, expand, minimalSteps, template, throwsInput } from './helpers';

const UAMI = `${RG_ID}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami`;

function storage(extra: Record<string, unknown>, top: Record<string, unknown> = {}) {
  return template({
    parameters: { tagName: { type: 'string', defaultValue: 'CostCenter' } },
    ...top,
    resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: 'st', location: 'westeurope', ...extra }],
  });
}

describe('ARM expansion: expressions in property names', () => {
  it('evaluates expression keys of tags, identity and properties, in declaration order', () => {
    const r = expand(
      storage({
        tags: { Owner: 'me', "[parameters('tagName')]": '1234', '[[literal]': 'x', UseCase: 'ai' },
        identity: { type: 'UserAssigned', userAssignedIdentities: { "[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'uami'))]": {} } },
        properties: { nested: { "[toLower('KEY')]": "[parameters('tagName')]" } },
      }),
    ).resources[0]!;
    assert.deepEqual(Object.entries(r.tags as object), [['Owner', 'me'], ['CostCenter', '1234'], ['[literal]', 'x'], ['UseCase', 'ai']]);
    assert.deepEqual(r.identity, { type: 'UserAssigned', userAssignedIdentities: { [UAMI]: {} } });
    assert.deepEqual(r.properties, { nested: { key: 'CostCenter' } });
  });

  it('evaluates them in variables and next to a property copy block', () => {
    const r = expand(
      storage(
        { tags: "[variables('tags')]", properties: { "[concat('a', 'b')]": 1, copy: [{ name: 'rules', count: 2, input: { "[format('r{0}', copyIndex('rules'))]": true } }], z: 2 } },
        { variables: { tags: { "[parameters('tagName')]": 'cc' } } },
      ),
    ).resources[0]!;
    assert.deepEqual(r.tags, { CostCenter: 'cc' });
    assert.deepEqual(r.properties, { ab: 1, z: 2, rules: [{ r0: true }, { r1: true }] });
  });

  it('names the key when its expression fails', () => {
    throwsInput(() => expand(storage({ tags: { "[parameters('missing')]": 'x' } })), "parameters('missing')", '/resources/0/tags');
  });

  it('keeps a key that evaluates to __proto__ as a plain data key', () => {
    const r = expand(storage({ properties: { "[concat('__pro', 'to__')]": { polluted: true } } })).resources[0]!;
    assert.equal(Object.getPrototypeOf(r.properties), Object.prototype);
    assert.deepEqual(Object.keys(r.properties), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('charges the step budget for key expressions, kept values as much as fresh ones', () => {
    // Every resource repeats one key, kept after its first evaluation; spelled with different spacing it
    // parses to the same expression at the same cost but shares no kept value.
    const keyed = (count: number, key: (i: number) => string) =>
      template({
        parameters: { tagName: { type: 'string', defaultValue: 'CostCenter' } },
        resources: Array.from({ length: count }, (_, i) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: `st${i}`, location: 'westeurope', tags: { [key(i)]: 'v' } })),
      });
    const kept = () => "[concat(parameters('tagName'), 'x')]";
    const spelledApart = (i: number) => `[${' '.repeat(i)}concat(parameters('tagName'), 'x')]`;
    const literal = () => 'CostCenterx';
    const oneKey = minimalSteps(keyed(1, kept)) - minimalSteps(keyed(1, literal));
    assert.ok(oneKey > 0, `a key expression costs steps (${oneKey})`);
    assert.equal(minimalSteps(keyed(20, kept)) - minimalSteps(keyed(20, literal)), 20 * oneKey);
    assert.equal(minimalSteps(keyed(20, spelledApart)), minimalSteps(keyed(20, kept)));
  });
});

