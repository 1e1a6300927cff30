import assert from 'node:assert/strict';
import { createScanContext, extensionTarget, unknownIdPattern } from '../../src/core/scan/context';
import { idKey } from '../../src/core/controls/access';
import { config, idFor, res, RG_ID, unknown } from './helpers';

const SA = 'Microsoft.Storage/storageAccounts';
const DIAG = 'Microsoft.Insights/diagnosticSettings';

describe('scan context indexes', () => {
  const sa = res(SA, 'sa1');
  const kv = res('Microsoft.KeyVault/vaults', 'kv1');
  const diag = res(DIAG, 'd1', { workspaceId: 'x' }, { scope: `${sa.id.toUpperCase()}/`, id: `${sa.id}/providers/Microsoft.Insights/diagnosticSettings/d1` });
  const lock = res('Microsoft.Authorization/locks', 'nodelete', {}, { id: `${kv.id}/providers/Microsoft.Authorization/locks/nodelete` });
  const pe = res('Microsoft.Network/privateEndpoints', 'pe1', { privateLinkServiceConnections: [{ properties: { privateLinkServiceId: kv.id.toLowerCase() } }, { properties: { privateLinkServiceId: `${kv.id}/` } }] });
  const ctx = createScanContext([sa, kv, diag, lock, pe], config());

  it('finds resources by type, case-insensitively', () => {
    assert.deepEqual(ctx.ofType('MICROSOFT.STORAGE/storageaccounts'), [sa]);
    assert.deepEqual(ctx.ofType('Microsoft.Nothing/here'), []);
  });

  it('finds resources by id, case-insensitively and tolerating a trailing slash', () => {
    assert.equal(ctx.byId(sa.id.toUpperCase()), sa);
    assert.equal(ctx.byId(`${sa.id}/`), sa);
    assert.equal(ctx.byId(idFor(SA, 'other')), undefined);
  });

  it('indexes extension resources by their scope (from scope or from the id)', () => {
    assert.deepEqual(ctx.extensionsOf(sa, 'microsoft.insights/DIAGNOSTICSETTINGS'), [diag]);
    assert.deepEqual(ctx.extensionsOf(kv, 'Microsoft.Authorization/locks'), [lock]);
    assert.deepEqual(ctx.extensionsOf(kv, DIAG), []);
  });

  it('indexes private endpoints by target, once per endpoint', () => {
    assert.deepEqual(ctx.privateEndpointsFor(kv), [pe]);
    assert.deepEqual(ctx.privateEndpointsFor(sa), []);
  });

  it('keeps the first of two resources with the same id', () => {
    const dup = { ...sa, name: 'SA1' };
    const c2 = createScanContext([sa, dup], config());
    assert.equal(c2.byId(sa.id), sa);
  });

  it('answers an id asked for after handing out its resource with the first resource of that id', () => {
    const d1 = res(DIAG, 'd1', {}, { scope: sa.id, id: `${sa.id}/providers/Microsoft.Insights/diagnosticSettings/d1` });
    const twin = { ...d1, name: 'd1-twin', id: d1.id.toUpperCase() };
    const same = { ...d1, name: 'd1-same' };
    const c = createScanContext([sa, d1, twin, same], config());
    assert.deepEqual(c.extensionsOf(sa, DIAG), [d1, twin, same]);
    assert.equal(c.byId(twin.id), d1);
    assert.equal(c.byId(same.id), d1);
    assert.equal(c.byId(''), undefined);
    const c2 = createScanContext([sa, twin, d1], config());
    c2.extensionsOf(sa, DIAG);
    assert.equal(c2.byId(d1.id), twin);
  });

  it('treats legacy nested diagnostic settings as extensions of their parent', () => {
    const legacy = res('Microsoft.Storage/storageAccounts/blobServices/providers/diagnosticSettings', 'sa1/default/Microsoft.Insights/d2', {}, { id: 'ignored' });
    const t = extensionTarget(legacy, config());
    assert.deepEqual(t, { scope: `${RG_ID}/providers/Microsoft.Storage/storageAccounts/sa1/blobServices/default`, type: 'Microsoft.Insights/diagnosticSettings' });
  });

  it('leaves a setting whose scope is partly unknown unmatched rather than guessing', () => {
    const partly = res(DIAG, 'd3', {}, { scope: `${RG_ID}/providers/Microsoft.Storage/storageAccounts/[unknown: parameters('n')]`, id: 'x' });
    const c3 = createScanContext([sa, partly], config());
    assert.deepEqual(c3.extensionsOf(sa, DIAG), []);
  });

  it('ignores private endpoints whose target is Unknown when indexing', () => {
    const u = res('Microsoft.Network/privateEndpoints', 'pe2', { privateLinkServiceConnections: [{ properties: { privateLinkServiceId: unknown() } }] });
    const c4 = createScanContext([kv, u], config());
    assert.deepEqual(c4.privateEndpointsFor(kv), []);
  });

  it('is not fooled by __proto__ or constructor keys in resource data', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "minimumTlsVersion": "TLS1_2"}');
    const r = res(SA, 'sa9', hostile, { tags: JSON.parse('{"__proto__": {"CostCenter": "x"}}') });
    const c5 = createScanContext([r], config());
    assert.equal(c5.byId(r.id), r);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  describe('ids with unknown parts', () => {
    const kv1 = idKey(idFor('Microsoft.KeyVault/vaults', 'kv1'));
    it('a fully unknown id could be anything', () => {
      assert.ok(unknownIdPattern('[unknown]').test(kv1));
    });
    it('an unknown name matches one segment of the same shape only', () => {
      const p = unknownIdPattern(`${RG_ID}/providers/Microsoft.KeyVault/vaults/[unknown: parameters('kv')]`);
      assert.ok(p.test(kv1));
      assert.ok(!p.test(`${kv1}/keys/k1`));
      assert.ok(!p.test(idKey(idFor('Microsoft.Storage/storageAccounts', 'kv1'))));
    });
    it('a partly unknown name keeps its known part', () => {
      const p = unknownIdPattern(`${RG_ID}/providers/Microsoft.KeyVault/vaults/kv-[unknown]`);
      assert.ok(p.test(idKey(idFor('Microsoft.KeyVault/vaults', 'kv-prod'))));
      assert.ok(!p.test(kv1));
    });
    it('an unknown prefix (a whole referenced id) matches by the known suffix', () => {
      const p = unknownIdPattern('[unknown:azurerm_storage_account.sa.id]/blobServices/default');
      assert.ok(p.test(idKey(`${idFor('Microsoft.Storage/storageAccounts', 'sa1')}/blobServices/default`)));
      assert.ok(!p.test(idKey(idFor('Microsoft.Storage/storageAccounts', 'sa1'))));
    });
    it('stays fast on ids built to make backtracking matchers explode', () => {
      const p = unknownIdPattern(`/${'[unknown]a'.repeat(40)}`);
      assert.equal(p.test(`/${'a'.repeat(20000)}b`), false);
      assert.equal(p.test(`/${'a'.repeat(20000)}`), true);
    });
  });
});
