import assert from 'node:assert/strict';
import { apiVersionOnOrAfter, idKey, leafName, pathSet, read, readPaths, textEquals, textIn } from '../../src/core/controls/access';
import { tlsVersion } from '../../src/core/controls/checks';
import { CONTROLS } from '../../src/core/controls';
import { createScanContext } from '../../src/core/scan/context';
import { CASES } from './cases';
import { LOGGED_TYPES } from '../../src/core/controls/diagnostics';
import { PRIVATE_LINK_TYPES } from '../../src/core/controls/private-endpoints';
import { isTaggable, TAGGABLE_TYPES } from '../../src/core/controls/tags';
import { config, res, unknown } from './helpers';

describe('resource accessor', () => {
  const r = res('Microsoft.Storage/storageAccounts', 'sa1', { networkAcls: { DefaultAction: 'Deny', ipRules: [{ value: '1.2.3.4' }] }, encryption: unknown('reference(kv)') });

  it('reads dot paths case-insensitively, with array indexes', () => {
    assert.equal(read(r, 'properties.networkAcls.defaultAction'), 'Deny');
    assert.equal(read(r, 'PROPERTIES.NETWORKACLS.IPRULES.0.VALUE'), '1.2.3.4');
    assert.equal(read(r, 'properties.networkAcls.ipRules.1.value'), undefined);
    assert.equal(read(r, 'properties.networkAcls.ipRules.x'), undefined);
  });

  it('matches names as toLowerCase() would, whatever letters they contain', () => {
    // Every key of every object below is compared with every name asked for: the answer must be that of
    // comparing the two lower-cased, including for letters whose lower case is ASCII (the Kelvin sign) or
    // longer than themselves (U+0130).
    const names = ['kind', 'Kind', '\u212Aind', 'i', 'I', '\u0130', 'i\u0307', 'stra\u00DFe', 'STRASSE', 'k', '\u212A', '\u03A3\u03A3', '\u03C3\u03C2'];
    for (const key of names) {
      for (const asked of names) {
        const expected = key.toLowerCase() === asked.toLowerCase() ? 1 : undefined;
        assert.equal(read({ other: 0, [key]: 1 }, asked), expected, `${JSON.stringify(key)} asked as ${JSON.stringify(asked)}`);
      }
    }
  });

  it('compares texts case-insensitively as toLowerCase() would, whatever letters they contain', () => {
    const texts = ['Deny', 'deny', 'DENY', 'Denied', '', 'i', 'I', '\u0130', 'i\u0307', '\u0130x', 'ix', 'k', 'K', '\u212A', 'stra\u00DFe', 'STRASSE', 'a\u03A3', 'a\u03C2', 'a\u03C3', '\u00C9t\u00E9', '\u00E9T\u00C9'];
    for (const a of texts) {
      for (const b of texts) {
        const expected = a.toLowerCase() === b.toLowerCase();
        assert.equal(textEquals(a, b), expected, `textEquals(${JSON.stringify(a)}, ${JSON.stringify(b)})`);
        assert.equal(textIn(a, ['zzz', b]), expected, `textIn(${JSON.stringify(a)}, [${JSON.stringify(b)}])`);
      }
    }
  });

  it('reads a set of paths as read() reads each of them', () => {
    const paths = ['properties.encryption.keyvaultproperties.keyvaulturi', 'properties.encryption.keyVaultProperties.keyIdentifier', 'properties.encryption.keyVaultProperties.keyVaultUri', 'properties.encryption.vaultBaseUrl', 'properties.encryption.cmk.key.keyVaultUrl', 'properties.keyVaultKeyUri', 'properties.keyId', 'properties.encryption', 'properties.list.0.x'];
    const set = pathSet(paths);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const names = ['encryption', 'ENCRYPTION', 'keyvaultproperties', 'keyVaultProperties', 'KEYVAULTPROPERTIES', 'keyvaulturi', 'keyVaultUri', 'keyIdentifier', 'vaultBaseUrl', 'cmk', 'key', 'keyVaultUrl', 'keyVaultKeyUri', 'keyid', 'keyId', 'list', 'x', 'other', '\u212Aey'];
    const value = (depth: number): unknown => {
      const r = rnd();
      if (depth > 3 || r < 0.25) return ['s', 1, null, undefined, unknown('u'), true][Math.floor(rnd() * 6)];
      if (r < 0.35) return [value(depth + 1), value(depth + 1)];
      const o: Record<string, unknown> = {};
      const n = Math.floor(rnd() * 6);
      for (let i = 0; i < n; i++) o[names[Math.floor(rnd() * names.length)]!] = value(depth + 1);
      return o;
    };
    const out: unknown[] = [];
    for (let i = 0; i < 2000; i++) {
      const root = { properties: value(0) };
      readPaths(root, set, out);
      paths.forEach((p, k) => assert.equal(out[k], read(root, p), `${p} of ${JSON.stringify(root)}`));
    }
  });

  it('returns the Unknown when the path crosses one', () => {
    const v = read(r, 'properties.encryption.keySource');
    assert.equal(String(v), '[unknown: reference(kv)]');
  });

  it('returns undefined for missing paths and never walks the prototype chain', () => {
    assert.equal(read(r, 'properties.nothing.here'), undefined);
    assert.equal(read({}, 'constructor'), undefined);
    assert.equal(read({}, 'constructor.prototype'), undefined);
    assert.equal(read({}, 'toString'), undefined);
    assert.equal(read({}, '__proto__'), undefined);
    const hostile = JSON.parse('{"__proto__": {"x": 1}}');
    assert.deepEqual(read(hostile, '__proto__'), { x: 1 });
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  it('canonicalises ids for matching', () => {
    assert.equal(idKey('/Subscriptions/A//resourceGroups/RG/'), '/subscriptions/a/resourcegroups/rg');
  });

  it('canonicalises ids exactly as the plain definition does, repeated calls included', () => {
    const reference = (id: string) => id.trim().toLowerCase().replace(/\/{2,}/g, '/').replace(/\/+$/, '');
    const ids = ['/a/B', '/a/B', ' /A//b/// ', '/a/b/', '/a/b/', '///', '', ' ', 'x', '/A/B', '/a//b', 'a/b//', '/a/b'];
    for (const id of ids) assert.equal(idKey(id), reference(id), JSON.stringify(id));
  });

  it('reads array members only for all-digit keys', () => {
    const v = { list: ['a', 'b'] };
    assert.equal(read(v, 'list.01'), 'b');
    assert.equal(read(v, 'list.1e0'), undefined);
    assert.equal(read(v, 'list.-1'), undefined);
    assert.equal(read(v, 'list. 1'), undefined);
    assert.equal(read(v, 'list.'), undefined);
  });

  it('takes the last name segment and compares enum text case-insensitively', () => {
    assert.equal(leafName('sa1/default'), 'default');
    assert.equal(leafName('sa1'), 'sa1');
    assert.equal(leafName('sa1/'), '');
    assert.ok(textIn('deny', ['Allow', 'Deny']));
    assert.ok(textIn('Deny', ['Allow', 'Deny']));
    assert.ok(!textIn('Denied', ['Allow', 'Deny']));
    assert.ok(!textIn(1, ['1']));
  });

  it('parses the TLS spellings Azure uses', () => {
    assert.equal(tlsVersion('TLS1_2'), 1.2);
    assert.equal(tlsVersion('1.3'), 1.3);
    assert.equal(tlsVersion('Tls12'), 1.2);
    assert.equal(tlsVersion('TLSv1_1'), 1.1);
    assert.equal(tlsVersion('Tls'), undefined);
    assert.equal(tlsVersion('None'), undefined);
    assert.equal(tlsVersion(12), undefined);
  });

  it('treats resources without apiVersion (Terraform, live) as the current API era, and an unknown one as undecided', () => {
    assert.equal(apiVersionOnOrAfter({ ...r, apiVersion: undefined }, '2030-01-01'), true);
    assert.equal(apiVersionOnOrAfter({ ...r, apiVersion: '2019-04-01-preview' }, '2023-01-01'), false);
    assert.equal(apiVersionOnOrAfter({ ...r, apiVersion: '2023-01-01' }, '2023-01-01'), true);
    assert.equal(apiVersionOnOrAfter({ ...r, apiVersion: "[unknown: parameters('v') has no value]" }, '2023-01-01'), undefined);
  });
});

describe('taggable resources', () => {
  it('lists every private-link and logged service type as taggable', () => {
    const missing = [...PRIVATE_LINK_TYPES, ...LOGGED_TYPES].filter((t) => !TAGGABLE_TYPES.some((x) => x.toLowerCase() === t.toLowerCase()));
    assert.deepEqual(missing, []);
  });

  it('excludes extension, authorization and child resources', () => {
    assert.ok(isTaggable(res('Microsoft.Storage/storageAccounts', 'sa1')));
    assert.ok(isTaggable(res('Microsoft.Sql/servers/databases', 'sql1/db1')));
    assert.ok(!isTaggable(res('Microsoft.Storage/storageAccounts/blobServices', 'sa1/default')));
    assert.ok(!isTaggable(res('Microsoft.Authorization/roleAssignments', 'ra')));
    assert.ok(!isTaggable(res('Microsoft.Insights/diagnosticSettings', 'd', {}, { scope: '/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/kv' })));
    assert.ok(!isTaggable(res('Microsoft.KeyVault/vaults/providers/diagnosticSettings', 'kv/Microsoft.Insights/d')));
    assert.equal(new Set(TAGGABLE_TYPES.map((t) => t.toLowerCase())).size, TAGGABLE_TYPES.length);
  });
});

describe('control checks are deterministic and total', () => {
  it('give byte-identical outcomes for the same input', () => {
    const once = () => JSON.stringify(CASES.map((row) => {
      const ctx = createScanContext(row.set, config());
      return CONTROLS.filter((c) => c.id === row.control).map((c) => c.check(row.set[0]!, ctx));
    }));
    assert.equal(once(), once());
  });

  it('never throw on empty or odd resources, for any control', () => {
    const odd = [
      res('Microsoft.Storage/storageAccounts', 'x', {}, { tags: undefined }),
      res('Microsoft.Network/networkSecurityGroups', 'x', { securityRules: 'not-a-list' }),
      res('Microsoft.Network/virtualNetworks', 'x', { subnets: [null, 3, 'x', { properties: null }] }),
      res('Microsoft.Network/networkSecurityGroups', 'x', { securityRules: [null, { properties: { direction: 'Inbound', access: 'Allow', sourceAddressPrefix: '*', destinationPortRange: 'junk' } }] }),
      res('Microsoft.Authorization/roleAssignments', 'x', { roleDefinitionId: 42 }, { id: '' }),
    ];
    const ctx = createScanContext(odd, config());
    for (const r of odd) {
      for (const c of CONTROLS) {
        const out = c.check(r, ctx);
        assert.ok(Array.isArray(out), `${c.id} on ${r.type}`);
        for (const o of out) assert.ok(['pass', 'fail', 'unknown'].includes(o.status));
      }
    }
  });
});
