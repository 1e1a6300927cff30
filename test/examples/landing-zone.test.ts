// The sample landing zones in examples/landing-zone/{bicep,arm}: the compliant variant passes every hbi
// control with nothing left for review, the noncompliant variant fails exactly the violations its
// README lists, and the hand-compiled ARM says the same thing as the Bicep it stands in for.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expandArmTemplate } from '../../src/core/arm/index';
import { DEFAULT_CONFIG } from '../../src/core/scan/config';
import type { ScanReport } from '../../src/core/scan/types';
import { scanPaths } from '../../src/node/index';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'landing-zone');
const AS_OF = '2026-11-26T00:00:00Z';
const VARIANTS = ['compliant', 'noncompliant'] as const;
type Variant = (typeof VARIANTS)[number];
type Environment = 'prod' | 'dev';

/** Every (control, resource) pair the noncompliant variant must fail with params.prod.json, and no other. */
const INTENDED_FAILURES: readonly (readonly [string, string])[] = [
  ['ISRM.ContainerRegistry.AdminUserDisabled', 'crclinprodeu4nmm'],
  ['ISRM.DataFactory.ManagedVNet', 'clin-prod-adf-tbeeh2'],
  ['ISRM.DataFactory.RuntimeInManagedVNet', 'clin-prod-adf-tbeeh2/AutoResolveIntegrationRuntime'],
  ['ISRM.Databricks.CMK', 'clin-prod-dbw'],
  ['ISRM.Databricks.NoPublicIp', 'clin-prod-dbw'],
  ['ISRM.Databricks.PublicNetworkAccess', 'clin-prod-dbw'],
  ['ISRM.Defender.PlanStandard', 'Containers'],
  ['ISRM.Diagnostics.LogsToWorkspace', 'clin-prod-syn-tbeeh2'],
  ['ISRM.Firewall.ThreatIntelDeny', 'clin-prod-fw-policy'],
  ['ISRM.KeyVault.KeyExpiry', 'clin-prod-kv-eu4nmm/sql-tde'],
  ['ISRM.KeyVault.PublicNetworkAccess', 'clin-prod-kv-eu4nmm'],
  ['ISRM.KeyVault.PurgeProtection', 'clin-prod-kv-eu4nmm'],
  ['ISRM.Network.NSGManagementPorts', 'clin-prod-services-nsg'],
  // guid(subscription().id, breakGlassUserObjectId, Owner) in the scan's default deployment context.
  ['ISRM.RBAC.GroupAssignments', 'c358be1f-7a58-5b27-a11d-9815cb7f5a46'],
  ['ISRM.RBAC.NoPrivilegedSubscriptionRoles', 'c358be1f-7a58-5b27-a11d-9815cb7f5a46'],
  ['ISRM.Sql.Auditing', 'clin-prod-sql-tbeeh2'],
  ['ISRM.Sql.PublicNetworkAccess', 'clin-prod-sql-tbeeh2'],
  ['ISRM.Storage.BlobPublicAccess', 'stclinprodrawtbeeh2'],
  ['ISRM.Storage.BlobSoftDelete', 'stclinprodrawtbeeh2/default'],
  ['ISRM.Storage.CMK', 'stclinprodrawtbeeh2'],
  ['ISRM.Storage.MinTLS', 'stclinprodrawtbeeh2'],
  ['ISRM.Storage.PublicNetworkAccess', 'stclinprodrawtbeeh2'],
  ['ISRM.Tagging.RequiredTags', 'clin-prod-adf-tbeeh2'],
  ['ISRM.Tagging.RequiredTags', 'clin-prod-dbw'],
];

/** Resources each variant deploys, by type, after copy loops and nested deployments are expanded. */
const COMPLIANT_COUNTS: Record<string, number> = {
  'Microsoft.Authorization/policyAssignments': 2, // MFA create/update and delete
  'Microsoft.Authorization/roleAssignments': 6, // subscription Reader, 2 on the key vault, 3 in the data resource group
  'Microsoft.ContainerRegistry/registries': 1,
  'Microsoft.DataFactory/factories': 1,
  'Microsoft.DataFactory/factories/integrationRuntimes': 1,
  'Microsoft.DataFactory/factories/managedVirtualNetworks': 1,
  'Microsoft.Databricks/workspaces': 1,
  'Microsoft.Insights/components': 1,
  // 2 NSGs, firewall, key vault, registry, Purview, 3 blob services, Databricks, Synapse, Data Factory, ML, SQL database
  'Microsoft.Insights/diagnosticSettings': 14,
  'Microsoft.KeyVault/vaults': 1,
  'Microsoft.KeyVault/vaults/keys': 7,
  'Microsoft.MachineLearningServices/workspaces': 1,
  'Microsoft.MachineLearningServices/workspaces/computes': 1,
  'Microsoft.ManagedIdentity/userAssignedIdentities': 1,
  'Microsoft.Network/azureFirewalls': 1,
  'Microsoft.Network/firewallPolicies': 1,
  'Microsoft.Network/networkSecurityGroups': 2,
  'Microsoft.Network/privateDnsZones': 13,
  'Microsoft.Network/privateDnsZones/virtualNetworkLinks': 13,
  // management: vault, registry, Purview account and portal; data: 5 storage, Databricks, 3 Synapse, 2 Data Factory, ML, SQL
  'Microsoft.Network/privateEndpoints': 17,
  'Microsoft.Network/privateEndpoints/privateDnsZoneGroups': 17,
  'Microsoft.Network/publicIPAddresses': 1,
  'Microsoft.Network/virtualNetworks': 1,
  'Microsoft.OperationalInsights/workspaces': 1,
  'Microsoft.Purview/accounts': 1,
  'Microsoft.Resources/resourceGroups': 3,
  'Microsoft.Security/pricings': 6,
  'Microsoft.Security/securityContacts': 1,
  'Microsoft.Sql/servers': 1,
  'Microsoft.Sql/servers/auditingSettings': 1,
  'Microsoft.Sql/servers/databases': 1,
  'Microsoft.Sql/servers/databases/transparentDataEncryption': 1,
  'Microsoft.Storage/storageAccounts': 3,
  'Microsoft.Storage/storageAccounts/blobServices': 3,
  'Microsoft.Synapse/workspaces': 1,
};

const NONCOMPLIANT_COUNTS: Record<string, number> = {
  ...COMPLIANT_COUNTS,
  'Microsoft.Authorization/roleAssignments': 7, // + Owner for a user at subscription scope
  'Microsoft.Insights/diagnosticSettings': 13, // - Synapse
};
delete NONCOMPLIANT_COUNTS['Microsoft.DataFactory/factories/managedVirtualNetworks'];
delete NONCOMPLIANT_COUNTS['Microsoft.Sql/servers/auditingSettings'];

function armFile(variant: Variant, file: string): string {
  return path.join(EXAMPLE, 'arm', variant, file);
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('examples/landing-zone', () => {
  let configDir = '';

  before(() => {
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'controltrace-lz-'));
  });
  after(() => {
    fs.rmSync(configDir, { recursive: true, force: true });
  });

  /** Scans one variant with one parameter file; diagnostics must reach that environment's central workspace. */
  async function scan(variant: Variant, env: Environment): Promise<ScanReport> {
    const config = path.join(configDir, `${variant}-${env}.json`);
    fs.writeFileSync(config, JSON.stringify({ baseline: 'hbi', requiredTags: ['CostCenter', 'UseCase'], centralWorkspace: `clin-${env}-log` }));
    return scanPaths({
      patterns: [path.relative(ROOT, armFile(variant, 'main.json'))],
      cwd: ROOT,
      parametersFile: path.relative(ROOT, armFile(variant, `params.${env}.json`)),
      configFile: config,
      asOf: AS_OF,
    });
  }

  for (const env of ['prod', 'dev'] as const) {
    it(`compliant (params.${env}.json) passes every hbi control with nothing to review`, async () => {
      const report = await scan('compliant', env);
      assert.equal(report.complete, true, JSON.stringify(report.notes.filter((n) => n.level === 'error')));
      assert.equal(report.baseline, 'hbi');
      const open = report.findings.filter((f) => f.status !== 'pass').map((f) => `${f.status} ${f.controlId} ${f.resourceName}: ${f.message}`);
      assert.deepEqual(open, []);
      assert.equal(report.summary.failed, 0);
      assert.equal(report.summary.unknown, 0);
      assert.equal(report.summary.suppressed, 0);
      // Passing because controls ran, not because nothing was recognised.
      assert.ok(report.summary.controlsEvaluated >= 60, `only ${report.summary.controlsEvaluated} controls applied`);
      const central = report.findings.filter((f) => f.controlId === 'ISRM.Diagnostics.LogsToWorkspace');
      assert.equal(central.length, 14);
      assert.ok(central.every((f) => f.message.includes(`workspace 'clin-${env}-log'`)));
    });
  }

  it('noncompliant (params.prod.json) fails exactly the intended controls, and nothing needs review', async () => {
    const report = await scan('noncompliant', 'prod');
    assert.equal(report.complete, true, JSON.stringify(report.notes.filter((n) => n.level === 'error')));
    assert.equal(report.summary.unknown, 0);
    const failed = report.findings.filter((f) => f.status === 'fail');
    const pairs = [...new Set(failed.map((f) => `${f.controlId} ${f.resourceName}`))].sort();
    assert.deepEqual(pairs, INTENDED_FAILURES.map(([c, r]) => `${c} ${r}`).sort());
    // Databricks fails CMK twice: DBFS root and managed services.
    assert.equal(failed.length, INTENDED_FAILURES.length + 1);
    assert.equal(new Set(failed.map((f) => f.controlId)).size, 23);
    assert.deepEqual(report.summary.failedBySeverity, { high: 17, medium: 6, low: 2 });
  });

  it('noncompliant (params.dev.json) fails the same controls on the dev names', async () => {
    const report = await scan('noncompliant', 'dev');
    assert.equal(report.complete, true);
    assert.equal(report.summary.unknown, 0);
    const controls = [...new Set(report.findings.filter((f) => f.status === 'fail').map((f) => f.controlId))].sort();
    assert.deepEqual(controls, [...new Set(INTENDED_FAILURES.map(([c]) => c))].sort());
  });

  for (const [variant, expected] of [['compliant', COMPLIANT_COUNTS], ['noncompliant', NONCOMPLIANT_COUNTS]] as const) {
    it(`${variant} expands to the intended resources by type`, () => {
      const { resources, notes } = expandArmTemplate({
        file: 'main.json',
        template: readJson(armFile(variant, 'main.json')),
        parameters: { file: 'params.prod.json', value: readJson(armFile(variant, 'params.prod.json')) },
        context: DEFAULT_CONFIG.deployment,
      });
      assert.deepEqual(notes, []);
      const counts: Record<string, number> = {};
      for (const r of resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
      assert.deepEqual(counts, expected);
    });
  }

  it('the committed ARM JSON is exactly what the hand translation writes', async () => {
    const tool = (await import(pathToFileURL(path.join(EXAMPLE, 'arm', 'tools', 'hand-compile.mjs')).href)) as {
      build(variant: Variant): unknown;
      serialise(template: unknown): string;
    };
    for (const variant of VARIANTS) {
      assert.equal(fs.readFileSync(armFile(variant, 'main.json'), 'utf8'), tool.serialise(tool.build(variant)), `arm/${variant}/main.json is stale: run node examples/landing-zone/arm/tools/hand-compile.mjs`);
    }
  });

  describe('Bicep and ARM declare the same thing', () => {
    interface Declared {
      params: string[];
      variables: string[];
      /** `type@apiVersion`, with ` (loop)` for a copy loop, sorted. */
      resources: string[];
      /** Module file by deployment name (Bicep only). */
      modules: Record<string, string>;
    }

    /**
     * A light parse of top-level Bicep declarations: enough to compare with the ARM, not a Bicep parser.
     * `existing` resources are references and emit nothing, so they are skipped.
     */
    function parseBicep(file: string): Declared {
      const text = fs.readFileSync(file, 'utf8');
      const params = [...text.matchAll(/^param (\w+) /gm)].map((m) => m[1]!).sort();
      const variables = [...text.matchAll(/^var (\w+) =/gm)].map((m) => m[1]!).sort();
      const resources = [...text.matchAll(/^resource \w+ '([^'@]+)@([^']+)' (existing )?= (\[for )?/gm)]
        .filter((m) => m[3] === undefined)
        .map((m) => `${m[1]}@${m[2]}${m[4] ? ' (loop)' : ''}`)
        .sort();
      const modules: Record<string, string> = {};
      for (const m of text.matchAll(/^module \w+ '([^']+)' = \{\n\s+name: '([^']+)'/gm)) modules[m[2]!] = m[1]!;
      return { params, variables, resources, modules };
    }

    interface ArmTemplate {
      parameters?: Record<string, unknown>;
      variables?: Record<string, unknown>;
      resources: { type: string; apiVersion: string; name: string; copy?: unknown; properties?: { template?: ArmTemplate } }[];
    }

    function fromArm(t: ArmTemplate): Declared {
      const own = t.resources.filter((r) => r.type !== 'Microsoft.Resources/deployments');
      return {
        params: Object.keys(t.parameters ?? {}).sort(),
        variables: Object.keys(t.variables ?? {}).sort(),
        // Bicep's legacy nested diagnostic type is written the same way in both.
        resources: own.map((r) => `${r.type}@${r.apiVersion}${r.copy ? ' (loop)' : ''}`).sort(),
        modules: {},
      };
    }

    for (const variant of VARIANTS) {
      it(`${variant}: main.bicep and every module match main.json and its nested deployments`, () => {
        const bicepDir = path.join(EXAMPLE, 'bicep', variant);
        const arm = readJson(armFile(variant, 'main.json')) as ArmTemplate;
        const main = parseBicep(path.join(bicepDir, 'main.bicep'));
        const armMain = fromArm(arm);
        assert.deepEqual({ ...main, modules: {} }, armMain, 'main.bicep');

        const deployments = arm.resources.filter((r) => r.type === 'Microsoft.Resources/deployments');
        assert.deepEqual(Object.keys(main.modules).sort(), deployments.map((d) => d.name).sort());
        for (const d of deployments) {
          const moduleFile = path.join(bicepDir, main.modules[d.name]!);
          const bicep = parseBicep(moduleFile);
          assert.deepEqual({ ...bicep, modules: {} }, fromArm(d.properties!.template!), path.relative(EXAMPLE, moduleFile));
        }
      });
    }
  });
});
