import assert from 'node:assert/strict';
import { expand, template, throwsInput } from './helpers';

function probe(variables: Record<string, unknown>, value: string, extra: Record<string, unknown> = {}) {
  return expand(
    template({
      ...extra,
      variables,
      resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 'site', properties: { value } }],
    }),
  ).resources[0]!.properties.value;
}

describe('ARM expansion: variables and functions', () => {
  it('evaluates variables lazily, in any declaration order', () => {
    assert.equal(probe({ b: "[concat(variables('a'), '-b')]", a: 'A' }, "[variables('b')]"), 'A-b');
  });

  it('never evaluates a variable nobody uses (so an invalid unused one does not fail the scan)', () => {
    assert.equal(probe({ broken: "[div(1, 0)]", ok: 'fine' }, "[variables('ok')]"), 'fine');
  });

  it('reports a cycle between variables with the chain', () => {
    throwsInput(() => probe({ a: "[variables('b')]", b: "[variables('a')]" }, "[variables('a')]"), 'depends on itself', 'a → b → a', '/variables/');
  });

  it('builds arrays from a top-level variable copy block', () => {
    assert.deepEqual(
      probe(
        { copy: [{ name: 'disks', count: 3, input: { name: "[concat('disk', copyIndex('disks', 1))]", lun: "[copyIndex('disks')]" } }] },
        "[variables('disks')]",
      ),
      [
        { name: 'disk1', lun: 0 },
        { name: 'disk2', lun: 1 },
        { name: 'disk3', lun: 2 },
      ],
    );
  });

  it('unrolls a copy block inside a variable object', () => {
    assert.deepEqual(
      probe({ settings: { owner: 'ops', copy: [{ name: 'rules', count: 2, input: "[concat('rule', copyIndex('rules'))]" }] } }, "[variables('settings')]"),
      { owner: 'ops', rules: ['rule0', 'rule1'] },
    );
  });

  it('calls user-defined functions', () => {
    const functions = [
      {
        namespace: 'ct',
        members: {
          storageName: { parameters: [{ name: 'prefix', type: 'string' }], output: { type: 'string', value: "[toLower(concat(parameters('prefix'), 'SA'))]" } },
        },
      },
    ];
    assert.equal(probe({}, "[ct.storageName('Data')]", { functions }), 'datasa');
  });

  it('reports an unknown variable with the pointer and the expression', () => {
    throwsInput(() => probe({}, "[variables('nope')]"), '(at /resources/0/properties/value)', "variables('nope')");
  });
});
