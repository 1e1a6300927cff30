// The two real compiled templates from Microsoft's Enterprise-Scale Analytics (Bicep 0.12 / 0.15):
// every nested deployment must expand, and the counts below were verified by reading the templates
// (conditions and copy loops worked out by hand for the dev and prod parameter files).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandArmTemplate, type ArmExpandResult } from '../../src/core/arm';
import { isUnknown } from '../../src/core/model';
import { CONTEXT, SUB, byName, countByType } from './helpers';

// Copied verbatim (with LICENSE and SOURCE) from the shared reference so the suite is self-contained.
const ROOT = join(__dirname, 'fixtures', 'esa');
const readJson = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));

function expandFixture(dir: string, params: string): ArmExpandResult {
  return expandArmTemplate({
    file: `${dir}/main.json`,
    template: readJson(join(ROOT, dir, 'main.json')),
    parameters: { file: `${dir}/${params}`, value: readJson(join(ROOT, dir, params)) },
    context: CONTEXT,
  });
}

const DMZ_COUNTS = {
  'Microsoft.Authorization/roleAssignments': 2, // Key Vault reader for Purview; Owner on the governance group for the identity
  'Microsoft.ContainerRegistry/registries': 1,
  'Microsoft.KeyVault/vaults': 1,
  'Microsoft.ManagedIdentity/userAssignedIdentities': 1,
  'Microsoft.Network/azureFirewalls': 1, // enableDnsAndFirewallDeployment true (dev explicitly, prod by default)
  'Microsoft.Network/firewallPolicies': 1,
  'Microsoft.Network/firewallPolicies/ruleCollectionGroups': 2, // the "toExistingFirewallPolicy" variant is off
  'Microsoft.Network/networkSecurityGroups': 1,
  'Microsoft.Network/privateDnsZones': 46, // length(variables('privateDnsZoneNames'))
  'Microsoft.Network/privateDnsZones/virtualNetworkLinks': 46,
  'Microsoft.Network/privateEndpoints': 8, // purview 5, key vault, registry, synapse hub
  'Microsoft.Network/privateEndpoints/privateDnsZoneGroups': 8, // zone ids come from globalDnsZones outputs, all non-empty
  'Microsoft.Network/publicIPAddresses': 1,
  'Microsoft.Network/publicIPPrefixes': 1,
  'Microsoft.Network/routeTables': 1,
  'Microsoft.Network/routeTables/routes': 1,
  'Microsoft.Network/virtualNetworks': 1,
  'Microsoft.Purview/accounts': 1,
  'Microsoft.Resources/resourceGroups': 7,
  'Microsoft.Synapse/privateLinkHubs': 1,
  // deploymentScripts (purviewSetup) is off: purviewRootCollectionAdminObjectIds is empty
};

const DPB_COUNTS = {
  // processingService dataFactory, sqlFlavour sql, enableCosmos, enableMonitoring; no team e-mail → no alerts
  'Microsoft.DataFactory/factories': 1,
  'Microsoft.DataFactory/factories/integrationRuntimes': 1,
  'Microsoft.DataFactory/factories/linkedservices': 1,
  'Microsoft.DataFactory/factories/managedVirtualNetworks': 1,
  'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints': 5, // purview, blob, queue, namespace, key vault
  'Microsoft.DocumentDB/databaseAccounts': 1,
  'Microsoft.Insights/diagnosticSettings': 2, // data factory + cosmos (the SQL database loop is conditioned on mysql in the source)
  'Microsoft.KeyVault/vaults': 1,
  'Microsoft.Network/privateEndpoints': 5, // key vault, data factory x2, cosmos, sql
  'Microsoft.Network/privateEndpoints/privateDnsZoneGroups': 5,
  'Microsoft.OperationalInsights/workspaces': 1,
  'Microsoft.OperationsManagement/solutions': 2, // AzureDataFactoryAnalytics + SQLAuditing
  'Microsoft.Portal/dashboards': 1,
  'Microsoft.Sql/servers': 1,
  'Microsoft.Sql/servers/databases': 1, // administrators off: no admin group given
};

describe('ARM expansion: Enterprise-Scale Analytics fixtures', () => {
  for (const env of ['dev', 'prd'] as const) {
    const params = env === 'dev' ? 'params.dev.json' : 'params.prod.json';

    describe(`data-management-zone with ${params}`, () => {
      let resources: ArmExpandResult['resources'] = [];
      let notes: ArmExpandResult['notes'] = [];
      before(() => ({ resources, notes } = expandFixture('data-management-zone', params)));
      const name = `dmz-${env}`;
      const rg = (suffix: string) => `/subscriptions/${SUB}/resourceGroups/${name}-${suffix}`;

      it('expands every nested deployment to the verified resource counts, without notes', () => {
        assert.deepEqual(countByType(resources), DMZ_COUNTS);
        assert.equal(resources.length, 132);
        assert.deepEqual(notes, []);
        assert.ok(resources.every((r) => r.type !== 'Microsoft.Resources/deployments'));
      });

      it('creates the seven resource groups at subscription scope', () => {
        const groups = resources.filter((r) => r.type === 'Microsoft.Resources/resourceGroups');
        assert.deepEqual(
          groups.map((g) => [g.id, g.location]),
          ['network', 'global-dns', 'governance', 'container', 'consumption', 'automation', 'mgmt'].map((s) => [rg(s), 'northeurope']),
        );
      });

      it('puts the key vault in the governance group, two deployments deep, with its evaluated settings', () => {
        const kv = byName(resources, `${name}-vault001`);
        assert.equal(kv.id, `${rg('governance')}/providers/Microsoft.KeyVault/vaults/${name}-vault001`);
        assert.equal(kv.location, 'northeurope');
        assert.equal(kv.source.pointer, '/resources/9/properties/template/resources/1/properties/template/resources/0');
        assert.deepEqual(kv.deploymentPath, ['main', 'governanceResources', 'keyVault001']);
        assert.equal(kv.properties.enableRbacAuthorization, true);
        assert.equal(kv.properties.enablePurgeProtection, true);
        assert.equal(kv.properties.tenantId, CONTEXT.tenantId);
        assert.deepEqual(kv.properties.networkAcls, { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] });
        assert.equal((kv.tags as Record<string, unknown>).Environment, env);
      });

      it('evaluates the Purview account and its private endpoint to the account', () => {
        const purview = byName(resources, `${name}-purview001`);
        assert.equal(purview.id, `${rg('governance')}/providers/Microsoft.Purview/accounts/${name}-purview001`);
        assert.equal(purview.properties.publicNetworkAccess, 'Disabled');
        assert.deepEqual(purview.identity, { type: 'SystemAssigned' });
        const pe = byName(resources, `${name}-purview001-account-private-endpoint`);
        const conn = (pe.properties.privateLinkServiceConnections as { properties: Record<string, unknown> }[])[0]!;
        assert.equal(conn.properties.privateLinkServiceId, purview.id);
        assert.deepEqual(conn.properties.groupIds, ['account']);
        // The subnet id is an output of the network deployment read from the live vnet: honestly unknown.
        assert.ok(isUnknown((pe.properties.subnet as Record<string, unknown>).id));
      });

      it('resolves extension scopes: the key vault role assignment and the cross-group one from deployment outputs', () => {
        const kvId = `${rg('governance')}/providers/Microsoft.KeyVault/vaults/${name}-vault001`;
        const assignments = resources.filter((r) => r.type === 'Microsoft.Authorization/roleAssignments');
        assert.deepEqual(assignments.map((a) => a.scope), [kvId, rg('governance')]);
        for (const a of assignments) {
          assert.match(a.name, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
          assert.equal(a.id, `${a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`);
        }
        assert.deepEqual(assignments[1]!.deploymentPath, ['main', 'automationResources', 'userAssignedIdentity001RoleAssignmentPurview']);
      });

      it('links every private DNS zone to the vnet id passed on from the network deployment outputs', () => {
        const zones = resources.filter((r) => r.type === 'Microsoft.Network/privateDnsZones');
        assert.ok(zones.some((z) => z.name === 'privatelink.vaultcore.azure.net'));
        assert.ok(zones.some((z) => z.name === 'privatelink.blob.core.windows.net'), 'environment().suffixes.storage evaluated');
        assert.ok(zones.every((z) => z.id === `${rg('global-dns')}/providers/Microsoft.Network/privateDnsZones/${z.name}` && z.location === 'global'));
        const links = resources.filter((r) => r.type === 'Microsoft.Network/privateDnsZones/virtualNetworkLinks');
        const vnetId = `${rg('network')}/providers/Microsoft.Network/virtualNetworks/${name}-vnet`;
        assert.ok(links.every((l) => (l.properties.virtualNetwork as Record<string, unknown>).id === vnetId));
        assert.ok(links.every((l) => l.source.pointer === '/resources/8/properties/template/resources/1'));
      });
    });

    describe(`data-product-batch with ${params}`, () => {
      let resources: ArmExpandResult['resources'] = [];
      let notes: ArmExpandResult['notes'] = [];
      before(() => ({ resources, notes } = expandFixture('data-product-batch', params)));
      const prefix = `int01-${env}`;
      const RG = `/subscriptions/${SUB}/resourceGroups/${CONTEXT.resourceGroup}`;

      it('expands every nested deployment to the verified resource counts, without notes', () => {
        assert.deepEqual(countByType(resources), DPB_COUNTS);
        assert.equal(resources.length, 29);
        assert.deepEqual(notes, []);
      });

      it('evaluates the data factory, its managed private endpoints and diagnostic setting', () => {
        const adf = byName(resources, `${prefix}-datafactory001`);
        assert.equal(adf.id, `${RG}/providers/Microsoft.DataFactory/factories/${prefix}-datafactory001`);
        assert.equal(adf.properties.publicNetworkAccess, 'Disabled');
        const mpes = resources.filter((r) => r.type === 'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints').map((r) => r.name);
        assert.deepEqual(mpes, ['Purview', 'Purview_blob', 'Purview_queue', 'Purview_namespace', `int01${env}vault001`].map((n) => `${prefix}-datafactory001/default/${n}`));
        const diag = byName(resources, `diagnostic-${prefix}-datafactory001`);
        assert.equal(diag.scope, adf.id);
        assert.equal(diag.id, `${adf.id}/providers/Microsoft.Insights/diagnosticSettings/diagnostic-${prefix}-datafactory001`);
        assert.equal(
          diag.properties.workspaceId,
          `${RG}/providers/Microsoft.OperationalInsights/workspaces/${prefix}-loganalytics001`,
          'the workspace id comes from the logAnalytics001 deployment outputs',
        );
      });

      it('evaluates the SQL server and key vault with their names and network settings', () => {
        const sql = byName(resources, `${prefix}-sqlserver001`);
        assert.equal(sql.properties.publicNetworkAccess, 'Disabled');
        assert.equal(sql.properties.minimalTlsVersion, '1.2');
        assert.equal(byName(resources, `${prefix}-sqlserver001/Database001`).type, 'Microsoft.Sql/servers/databases');
        const kv = byName(resources, `${prefix}-vault001`);
        assert.equal(kv.id, `${RG}/providers/Microsoft.KeyVault/vaults/${prefix}-vault001`);
        assert.deepEqual(kv.deploymentPath, ['main', 'keyVault001']);
        assert.equal(kv.source.pointer, '/resources/0/properties/template/resources/0');
      });

      it('is deterministic', () => {
        assert.equal(JSON.stringify(expandFixture('data-product-batch', params)), JSON.stringify({ resources, notes }));
      });
    });
  }
});
