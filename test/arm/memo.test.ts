// Expansion keeps the value of an expression that cannot differ within a template (or within one index of
// a copy loop) instead of evaluating it again. That must not show: the same resources, and the same step
// budget spent, as when every occurrence is evaluated. The baseline spells each occurrence differently
// (spaces after the bracket parse to the same expression at the same cost), so no value can be shared.

import assert from 'node:assert/strict';
import { expand, minimalSteps, template } from './helpers';

/** `[expr]` spelled with `spaces` spaces after the opening bracket. */
function spelled(expr: string, spaces: number): string {
  return `[${' '.repeat(spaces)}${expr}]`;
}


describe('ARM expansion: values kept per template', () => {
  const common = {
    parameters: { loc: { type: 'string', defaultValue: '[resourceGroup().location]' }, tags: { type: 'object', defaultValue: { a: '1' } } },
    variables: { prefix: "[concat('st', uniqueString(resourceGroup().id))]" },
  };

  function sites(repeated: boolean, count: number): unknown {
    const resources = Array.from({ length: count }, (_, i) => {
      const s = (expr: string): string => (repeated ? `[${expr}]` : spelled(expr, i));
      return {
        type: 'Microsoft.Web/sites',
        apiVersion: '2022-09-01',
        name: `site${i}`,
        location: s("parameters('loc')"),
        tags: s("union(parameters('tags'), createObject('owner', variables('prefix')))"),
        properties: {
          serverFarmId: s("resourceId('Microsoft.Web/serverfarms', concat(variables('prefix'), '-plan'))"),
          name: s("toUpper(variables('prefix'))"),
          rules: { copy: [{ name: 'rules', count: 3, input: { priority: s("add(100, copyIndex('rules'))"), name: s("format('{0}-{1}', variables('prefix'), copyIndex('rules'))") } }] },
        },
      };
    });
    return template({ ...common, resources });
  }

  it('gives the same resources whether an expression is repeated or spelled differently each time', () => {
    assert.deepEqual(expand(sites(true, 6)), expand(sites(false, 6)));
  });

  it('spends exactly the steps that evaluating every occurrence spends', () => {
    assert.equal(minimalSteps(sites(true, 6)), minimalSteps(sites(false, 6)));
  });

  it('keeps per-index values of a copy loop apart', () => {
    const { resources } = expand(sites(true, 2));
    assert.deepEqual(
      resources.map((r) => (r.properties.rules as { rules: { priority: number }[] }).rules.map((x) => x.priority)),
      [
        [100, 101, 102],
        [100, 101, 102],
      ],
    );
  });

  it('evaluates again what depends on the resource copy index', () => {
    const tpl = template({
      resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: "[concat('s', copyIndex())]", copy: { name: 'l', count: 3 }, properties: { i: "[copyIndex()]", j: "[copyIndex(1)]" } }],
    });
    assert.deepEqual(
      expand(tpl).resources.map((r) => [r.name, r.properties.i, r.properties.j]),
      [
        ['s0', 0, 1],
        ['s1', 1, 2],
        ['s2', 2, 3],
      ],
    );
  });
});
