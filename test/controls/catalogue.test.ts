import assert from 'node:assert/strict';
import { BASELINES, FAMILIES, SEVERITIES } from '../../src/core/model';
import { CONTROLS, controlAppliesTo, controlById, controlsForBaseline } from '../../src/core/controls';

const ID = /^ISRM\.[A-Za-z]+\.[A-Za-z0-9]+$/;

describe('control catalogue invariants', () => {
  it('has at least 60 controls, sorted by id, ids unique and well-formed', () => {
    assert.ok(CONTROLS.length >= 60, `only ${CONTROLS.length} controls`);
    const ids = CONTROLS.map((c) => c.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, ID);
    assert.equal(new Set(ids.map((i) => i.toLowerCase())).size, ids.length, 'ids must stay unique case-insensitively');
  });

  for (const c of CONTROLS) {
    it(`${c.id} is complete`, () => {
      assert.ok(FAMILIES.includes(c.family), `family ${c.family}`);
      assert.ok(SEVERITIES.includes(c.severity), `severity ${c.severity}`);
      for (const field of ['title', 'rationale', 'remediation', 'snippet'] as const) assert.ok(c[field].trim().length > 10, `${field} is empty`);
      assert.match(c.helpUri, /^https:\/\/learn\.microsoft\.com\//);
      assert.ok(c.frameworks.nist80053.length > 0 && c.frameworks.nist80053.every((n) => /^[A-Z]{2}-\d+(\(\d+\))?$/.test(n)), `NIST ${c.frameworks.nist80053}`);
      assert.ok(c.frameworks.iso27001.length > 0 && c.frameworks.iso27001.every((n) => /^A\.[5-8]\.\d+$/.test(n)), `ISO ${c.frameworks.iso27001}`);
      for (const clause of c.frameworks.cfr21Part11 ?? []) assert.match(clause, /^11\.\d+(\([a-k]\))?$/);
      for (const clause of c.frameworks.euAnnex11 ?? []) assert.match(clause, /^\d+(\.\d+)?$/);
      assert.ok(c.appliesTo.length > 0);
      for (const t of c.appliesTo) assert.ok(/^Microsoft\.[A-Za-z]+(\/[A-Za-z]+)+$/.test(t), `appliesTo ${t}`);
      assert.ok(c.baselines.length > 0 && c.baselines.every((b) => BASELINES.includes(b)));
      assert.ok(c.baselines.includes('hbi'), 'hbi includes everything');
      if (c.azurePolicy !== undefined) assert.ok(c.azurePolicy.trim().length > 10);
      assert.equal(typeof c.check, 'function');
    });
  }

  it('standard is a strict subset of hbi, and hbi is the whole catalogue', () => {
    const standard = controlsForBaseline('standard');
    const hbi = controlsForBaseline('hbi');
    assert.equal(hbi.length, CONTROLS.length);
    assert.ok(standard.length > 0 && standard.length < hbi.length);
    for (const c of standard) assert.ok(hbi.includes(c));
  });

  it('every family has controls, and the families the brief asks for are covered', () => {
    for (const f of FAMILIES) assert.ok(CONTROLS.some((c) => c.family === f), `no ${f} control`);
  });

  it('looks up controls by id case-insensitively', () => {
    assert.equal(controlById('isrm.storage.mintls')?.id, 'ISRM.Storage.MinTLS');
    assert.equal(controlById('ISRM.Nope.Nothing'), undefined);
  });

  it('matches resource types case-insensitively', () => {
    const tls = controlById('ISRM.Storage.MinTLS')!;
    assert.ok(controlAppliesTo(tls, 'microsoft.storage/STORAGEACCOUNTS'));
    assert.ok(!controlAppliesTo(tls, 'Microsoft.Storage/storageAccounts/blobServices'));
    assert.ok(!controlAppliesTo(controlById('ISRM.Tagging.RequiredTags')!, 'Microsoft.Authorization/roleAssignments'));
  });

  it('covers the controls the ISRM scope requires', () => {
    const required = [
      'ISRM.Storage.CMK', 'ISRM.MachineLearning.CMK', 'ISRM.ContainerRegistry.CMK', 'ISRM.Databricks.CMK', 'ISRM.Synapse.CMK',
      'ISRM.DataFactory.CMK', 'ISRM.Cosmos.CMK', 'ISRM.Sql.TDEProtectorCMK', 'ISRM.CognitiveServices.CMK', 'ISRM.EventHub.CMK',
      'ISRM.KeyVault.PurgeProtection', 'ISRM.KeyVault.SoftDelete', 'ISRM.KeyVault.RbacAuthorization', 'ISRM.KeyVault.NetworkDefaultDeny',
      'ISRM.DataFactory.ManagedVNet', 'ISRM.DataFactory.RuntimeInManagedVNet', 'ISRM.Synapse.ManagedVNet', 'ISRM.Synapse.DataExfiltrationProtection',
      'ISRM.Databricks.NoPublicIp', 'ISRM.Databricks.VNetInjection', 'ISRM.AKS.PrivateCluster', 'ISRM.AKS.LocalAccountsDisabled', 'ISRM.AKS.AzureRbac',
      'ISRM.AppService.HttpsOnly', 'ISRM.AppService.FtpsState', 'ISRM.AppService.MinTLS', 'ISRM.MachineLearning.ComputeNoPublicIp',
      'ISRM.MachineLearning.ComputeLocalAuth', 'ISRM.ContainerRegistry.AdminUserDisabled', 'ISRM.Sql.Auditing', 'ISRM.Sql.EntraOnlyAuth',
      'ISRM.Cosmos.LocalAuthDisabled', 'ISRM.Network.NSGManagementPorts', 'ISRM.Firewall.ThreatIntelDeny', 'ISRM.ApplicationGateway.WafPrevention',
      'ISRM.Defender.PlanStandard', 'ISRM.Policy.MFAAssignment', 'ISRM.Storage.SharedKeyDisabled', 'ISRM.Storage.BlobPublicAccess',
      'ISRM.AppInsights.LocalAuthDisabled', 'ISRM.AppInsights.WorkspaceBased', 'ISRM.Diagnostics.LogsToWorkspace', 'ISRM.PrivateEndpoint.Required',
      'ISRM.RBAC.NoPrivilegedSubscriptionRoles', 'ISRM.RBAC.GroupAssignments', 'ISRM.RBAC.CustomRoleNoWildcard', 'ISRM.Tagging.RequiredTags',
      'ISRM.Environment.Segregation',
    ];
    assert.deepEqual(required.filter((id) => !controlById(id)), []);
  });

  it('audit-trail and access-control controls carry their GxP clauses', () => {
    assert.ok(controlById('ISRM.Diagnostics.LogsToWorkspace')!.frameworks.cfr21Part11?.includes('11.10(e)'));
    assert.ok(controlById('ISRM.Diagnostics.LogsToWorkspace')!.frameworks.euAnnex11?.includes('9'));
    assert.ok(controlById('ISRM.RBAC.GroupAssignments')!.frameworks.cfr21Part11?.includes('11.10(d)'));
    assert.ok(controlById('ISRM.RBAC.GroupAssignments')!.frameworks.euAnnex11?.includes('12.1'));
  });

  it('key expiry maps to key management and use of cryptography, not backup', () => {
    const fw = controlById('ISRM.KeyVault.KeyExpiry')!.frameworks;
    assert.deepEqual(fw.nist80053, ['SC-12']);
    assert.deepEqual(fw.iso27001, ['A.8.24']);
  });
});
