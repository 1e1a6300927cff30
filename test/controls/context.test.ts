import assert from 'node:assert/strict';
import { createScanContext, extensionTarget } from '../../src/core/scan/context';
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
});
