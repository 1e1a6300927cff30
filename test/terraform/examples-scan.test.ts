// End to end: the example plans through the real scanner and control catalogue, as a pipeline runs them.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scanPaths } from '../../src/node';

const DIR = join(__dirname, '..', '..', 'examples', 'landing-zone', 'terraform');
const AS_OF = '2026-11-26T00:00:00Z';
const scan = (file: string) => scanPaths({ patterns: [file], cwd: DIR, configFile: 'controltrace.json', asOf: AS_OF });

describe('terraform: scanning the example landing zone', () => {
  it('the compliant plan fails nothing and leaves nothing for review', async () => {
    const report = await scan('compliant.plan.json');
    assert.equal(report.complete, true);
    assert.deepEqual(
      report.findings.filter((f) => f.status !== 'pass').map((f) => `${f.controlId} ${f.resourceName}: ${f.message}`),
      [],
    );
    assert.ok(report.summary.passed > 50, `only ${report.summary.passed} passes`);
    assert.deepEqual(report.notes.filter((n) => n.level !== 'info'), []);
  });

  it('the non-compliant plan fails the controls its .tf comments name, each located in the plan', async () => {
    const report = await scan('noncompliant.plan.json');
    const failed = new Set(report.findings.filter((f) => f.status === 'fail').map((f) => `${f.controlId} ${f.resourceName}`));
    for (const expected of [
      'ISRM.Storage.MinTLS stanalyticsshared',
      'ISRM.Storage.HttpsOnly stanalyticsshared',
      'ISRM.Storage.BlobPublicAccess stanalyticsshared',
      'ISRM.Storage.PublicNetworkAccess stanalyticsshared',
      'ISRM.Storage.CMK stanalyticsshared',
      'ISRM.Diagnostics.LogsToWorkspace stanalyticsshared',
      'ISRM.Diagnostics.LogsToWorkspace kv-analytics-sandbox',
      'ISRM.KeyVault.PurgeProtection kv-analytics-sandbox',
      'ISRM.Network.NSGManagementPorts nsg-jumpbox/allow-rdp-from-anywhere',
      'ISRM.RBAC.NoPrivilegedSubscriptionRoles azurerm_role_assignment.owner_alice',
      'ISRM.RBAC.GroupAssignments azurerm_role_assignment.contractor',
      'ISRM.Tagging.RequiredTags rg-jumpbox',
      'ISRM.Tagging.RequiredTags rg-analytics-sandbox',
      'ISRM.Sql.MinTLS sql-analytics-sandbox',
      'ISRM.DataFactory.PublicNetworkAccess adf-analytics-sandbox',
    ]) {
      assert.ok(failed.has(expected), `expected a failure: ${expected}`);
    }
    const tls = report.findings.find((f) => f.controlId === 'ISRM.Storage.MinTLS')!;
    assert.equal(tls.location.file, 'noncompliant.plan.json');
    assert.match(tls.location.pointer, /^\/planned_values\/root_module\/resources\/\d+/);
    assert.ok(tls.location.line > 1);
    assert.ok(report.notes.some((n) => n.message.startsWith('azurerm_windows_virtual_machine.jumpbox:')));
  });
});
