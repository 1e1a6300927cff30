// Regression tests for controls whose verdict or noise a review found wrong: MFA assignment scope and
// one finding per uncovered subscription, taggable child types, and the MFA control on Microsoft's
// Enterprise-Scale Analytics data management zone.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { controlById } from '../../src/core/controls';
import { isTaggable, TAGGABLE_TYPES } from '../../src/core/controls/tags';
import type { NormalizedResource } from '../../src/core/model';
import { createScanContext } from '../../src/core/scan/context';
import { resolveConfig } from '../../src/core/scan/config';
import { runScan } from '../../src/core/scan/scan';
import { config, res, SUB } from './helpers';

const MFA = 'ISRM.Policy.MFAAssignment';
const MFA_DEF = '/providers/Microsoft.Authorization/policyDefinitions/4e6c27d5-a6ee-49cf-b2b4-d8fe90fa2b8b';
const rg = (name: string, sub = SUB) => res('Microsoft.Resources/resourceGroups', name, {}, { id: `/subscriptions/${sub}/resourceGroups/${name}` });
const assignedAt = (scope: string) => res('Microsoft.Authorization/policyAssignments', 'mfa', { policyDefinitionId: MFA_DEF }, { id: `${scope}/providers/Microsoft.Authorization/policyAssignments/mfa`, tags: undefined });

function mfaOutcomes(set: NormalizedResource[]) {
  const control = controlById(MFA)!;
  const ctx = createScanContext(set, config());
  return set.filter((r) => r.type === 'Microsoft.Resources/resourceGroups').map((r) => ({ name: r.name, outcomes: control.check(r, ctx) }));
}

describe('ISRM.Policy.MFAAssignment: scope and one finding per uncovered subscription', () => {
  it('reports resource groups of a subscription without MFA once, on the first group, naming them all', () => {
    const per = mfaOutcomes([rg('rg-a'), rg('rg-b'), rg('rg-c')]);
    assert.deepEqual(per.map((p) => p.outcomes.length), [1, 0, 0]);
    const only = per[0]!.outcomes[0]!;
    assert.equal(only.status, 'fail');
    assert.match(only.message, new RegExp(`subscription '${SUB}'`));
    for (const name of ['rg-a', 'rg-b', 'rg-c']) assert.ok(only.message.includes(`'${name}'`), only.message);
  });

  it('keeps one finding per subscription when groups span subscriptions', () => {
    const other = '00000000-0000-0000-0000-0000000000ff';
    const per = mfaOutcomes([rg('rg-a'), rg('rg-x', other), rg('rg-b'), rg('rg-y', other)]);
    assert.deepEqual(per.map((p) => p.outcomes.map((o) => o.status)), [['fail'], ['fail'], [], []]);
  });

  it('passes covered groups and reports only the uncovered ones', () => {
    const per = mfaOutcomes([rg('rg-a'), rg('rg-b'), rg('rg-c'), assignedAt(`/subscriptions/${SUB}/resourceGroups/rg-b`)]);
    assert.deepEqual(per.map((p) => p.outcomes.map((o) => o.status)), [['fail'], ['pass'], []]);
    assert.ok(per[0]!.outcomes[0]!.message.includes("'rg-c'"));
    assert.ok(!per[0]!.outcomes[0]!.message.includes("'rg-b'"));
  });

  it('asks for one review per subscription when a management-group assignment may cover its groups', () => {
    const per = mfaOutcomes([rg('rg-a'), rg('rg-b'), assignedAt('/providers/Microsoft.Management/managementGroups/mg-lz')]);
    assert.deepEqual(per.map((p) => p.outcomes.map((o) => o.status)), [['unknown'], []]);
    assert.ok(per[0]!.outcomes[0]!.message.includes("'rg-a', 'rg-b'"), per[0]!.outcomes[0]!.message);
  });

  it('does not let an assignment in another subscription cover a group', () => {
    const per = mfaOutcomes([rg('rg-a'), assignedAt('/subscriptions/00000000-0000-0000-0000-0000000000ff')]);
    assert.deepEqual(per.map((p) => p.outcomes.map((o) => o.status)), [['fail']]);
  });

  it('does not treat a subscription id that merely starts like another as enclosing it', () => {
    const per = mfaOutcomes([rg('rg-a', 'abc'), assignedAt('/subscriptions/ab')]);
    assert.deepEqual(per.map((p) => p.outcomes.map((o) => o.status)), [['fail']]);
  });
});

describe('taggable types', () => {
  it('include private DNS zone virtual network links and other tracked child types', () => {
    for (const [type, name] of [
      ['Microsoft.Network/privateDnsZones/virtualNetworkLinks', 'privatelink.vaultcore.azure.net/vnet1'],
      ['Microsoft.Network/dnsResolvers/inboundEndpoints', 'dnsr/in'],
      ['Microsoft.Network/networkWatchers/flowLogs', 'nw/fl'],
      ['Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments', 'mlw/ep/blue'],
    ] as const) {
      assert.ok(TAGGABLE_TYPES.includes(type), type);
      assert.ok(isTaggable(res(type, name)), type);
    }
  });

  it('still exclude proxy child types', () => {
    assert.ok(!isTaggable(res('Microsoft.Network/privateEndpoints/privateDnsZoneGroups', 'pe/default')));
    assert.ok(!isTaggable(res('Microsoft.Network/virtualNetworks/subnets', 'vnet/snet')));
  });

  it('evaluate the tagging control on virtual network links', () => {
    const link = res('Microsoft.Network/privateDnsZones/virtualNetworkLinks', 'privatelink.vaultcore.azure.net/vnet1', {}, { tags: {} });
    const out = controlById('ISRM.Tagging.RequiredTags')!.check(link, createScanContext([link], config()));
    assert.deepEqual(out.map((o) => o.status), ['fail']);
  });
});

describe('ISRM.Policy.MFAAssignment on the ESA data management zone', () => {
  const ESA = path.join(__dirname, '..', 'arm', 'fixtures', 'esa', 'data-management-zone');
  const load = (f: string) => {
    const bytes = fs.readFileSync(path.join(ESA, f));
    const text = bytes.toString('utf8');
    return { file: `esa/dmz/${f}`, sha256: createHash('sha256').update(bytes).digest('hex'), text, json: JSON.parse(text) as unknown };
  };

  it('gives one finding for the subscription, not one per resource group', () => {
    const report = runScan({ sources: [{ ...load('main.json'), parameters: load('params.prod.json') }], config: resolveConfig({}), asOf: '2026-11-26' });
    const groups = report.findings.filter((f) => f.resourceType === 'Microsoft.Resources/resourceGroups');
    assert.ok(new Set(groups.map((g) => g.resourceName)).size >= 7, 'the template creates at least seven resource groups');
    const mfa = report.findings.filter((f) => f.controlId === MFA);
    assert.equal(mfa.length, 1, mfa.map((f) => f.message).join('\n'));
    assert.equal(mfa[0]!.status, 'fail');
    assert.match(mfa[0]!.message, /7 resource groups/);
  });
});
