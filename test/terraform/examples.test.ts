import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedResource } from '../../src/core/model';
import { isTerraformPlan, normalizeTerraformPlan } from '../../src/core/terraform';
import { planTexts } from '../../examples/landing-zone/terraform/tools/build-plans';
import { SQL_PASSWORD } from '../../examples/landing-zone/terraform/tools/noncompliant';

const DIR = join(__dirname, '..', '..', 'examples', 'landing-zone', 'terraform');
const config = JSON.parse(readFileSync(join(DIR, 'controltrace.json'), 'utf8')) as { deployment: { subscriptionId: string; resourceGroup: string; location: string; tenantId: string; deploymentName: string } };
const SUB = `/subscriptions/${config.deployment.subscriptionId}`;

function load(name: string) {
  const text = readFileSync(join(DIR, name), 'utf8');
  const plan: unknown = JSON.parse(text);
  return { text, plan, result: normalizeTerraformPlan({ file: name, plan, context: config.deployment }) };
}

const byName = (resources: NormalizedResource[], type: string, name: string): NormalizedResource => {
  const r = resources.find((x) => x.type === type && x.name === name);
  assert.ok(r, `no ${type} named ${name}`);
  return r;
};

const countByType = (resources: NormalizedResource[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of resources) out[r.type] = (out[r.type] ?? 0) + 1;
  return out;
};

describe('terraform: the example landing-zone plans', () => {
  it('the committed plan files are exactly what tools/build-plans.ts writes', () => {
    for (const [name, text] of Object.entries(planTexts())) assert.equal(readFileSync(join(DIR, name), 'utf8'), text, `${name} is stale: run tools/build-plans.ts`);
  });

  it('both are recognised as Terraform plans and normalise the same way twice', () => {
    for (const name of ['compliant.plan.json', 'noncompliant.plan.json']) {
      const { plan, result } = load(name);
      assert.equal(isTerraformPlan(plan), true);
      assert.equal(JSON.stringify(normalizeTerraformPlan({ file: name, plan, context: config.deployment })), JSON.stringify(result));
    }
  });

  describe('compliant.plan.json', () => {
    const { result } = load('compliant.plan.json');
    const { resources, notes } = result;

    it('gives every resource, and nothing it could not check', () => {
      assert.deepEqual(notes, []);
      assert.equal(resources.length, 32);
      assert.deepEqual(countByType(resources), {
        'Microsoft.Resources/resourceGroups': 3,
        'Microsoft.Authorization/policyAssignments': 1,
        'Microsoft.Security/pricings': 3,
        'Microsoft.Security/securityContacts': 1,
        'Microsoft.OperationalInsights/workspaces': 1,
        'Microsoft.KeyVault/vaults': 1,
        'Microsoft.KeyVault/vaults/keys': 1,
        'Microsoft.ManagedIdentity/userAssignedIdentities': 1,
        'Microsoft.Authorization/roleAssignments': 2,
        'Microsoft.Insights/diagnosticSettings': 6,
        'Microsoft.Network/privateEndpoints': 5,
        'Microsoft.Network/virtualNetworks': 1,
        'Microsoft.Network/virtualNetworks/subnets': 1,
        'Microsoft.Network/networkSecurityGroups': 1,
        'Microsoft.Storage/storageAccounts': 2,
        'Microsoft.Storage/storageAccounts/blobServices': 2,
      });
    });

    it('data lakes in the for_each module: CMK, TLS 1.2, closed network, their ids built from planned names', () => {
      const raw = byName(resources, 'Microsoft.Storage/storageAccounts', 'stlzclinraw');
      assert.equal(raw.id, `${SUB}/resourceGroups/rg-lz-data/providers/Microsoft.Storage/storageAccounts/stlzclinraw`);
      assert.equal(raw.source.pointer.startsWith('/planned_values/root_module/child_modules/'), true);
      assert.equal(raw.properties.minimumTlsVersion, 'TLS1_2');
      assert.equal(raw.properties.publicNetworkAccess, 'Disabled');
      assert.equal(raw.properties.allowSharedKeyAccess, false);
      assert.deepEqual(raw.properties.encryption, {
        keySource: 'Microsoft.Keyvault',
        keyvaultproperties: { keyname: 'cmk-storage', keyvaulturi: 'https://kv-lz-clin-cmk.vault.azure.net/' },
        identity: { userAssignedIdentity: `${SUB}/resourceGroups/rg-lz-security/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-lz-storage-cmk` },
        requireInfrastructureEncryption: true,
      });
      assert.deepEqual(raw.tags, { CostCenter: 'CC-4711', DataZone: 'raw', Environment: 'prod', UseCase: 'clinical-data-platform' });
    });

    it('private endpoints created in the same plan point at their own module instance\'s storage account', () => {
      const pe = byName(resources, 'Microsoft.Network/privateEndpoints', 'pe-stlzclincurated-dfs');
      assert.deepEqual(pe.properties.privateLinkServiceConnections, [
        { name: 'psc-stlzclincurated-dfs', properties: { privateLinkServiceId: `${SUB}/resourceGroups/rg-lz-data/providers/Microsoft.Storage/storageAccounts/stlzclincurated`, groupIds: ['dfs'] } },
      ]);
      assert.deepEqual(pe.properties.subnet, { id: `${SUB}/resourceGroups/rg-lz-network/providers/Microsoft.Network/virtualNetworks/vnet-lz-data/subnets/snet-private-endpoints` });
    });

    it('diagnostic settings target the blob service, the account and the NSG, all to the central workspace', () => {
      const law = `${SUB}/resourceGroups/rg-lz-security/providers/Microsoft.OperationalInsights/workspaces/law-lz-central`;
      const settings = resources.filter((r) => r.type === 'Microsoft.Insights/diagnosticSettings');
      assert.ok(settings.every((s) => s.properties.workspaceId === law));
      const scopes = settings.map((s) => s.scope?.replace(SUB, ''));
      assert.deepEqual(scopes, [
        '/resourceGroups/rg-lz-security/providers/Microsoft.KeyVault/vaults/kv-lz-clin-cmk',
        '/resourceGroups/rg-lz-network/providers/Microsoft.Network/networkSecurityGroups/nsg-lz-private-endpoints',
        '/resourceGroups/rg-lz-data/providers/Microsoft.Storage/storageAccounts/stlzclincurated/blobServices/default',
        '/resourceGroups/rg-lz-data/providers/Microsoft.Storage/storageAccounts/stlzclincurated',
        '/resourceGroups/rg-lz-data/providers/Microsoft.Storage/storageAccounts/stlzclinraw/blobServices/default',
        '/resourceGroups/rg-lz-data/providers/Microsoft.Storage/storageAccounts/stlzclinraw',
      ]);
    });

    it('the subnet gets its NSG from the association; the VNet leaves its computed subnet list unset', () => {
      const subnet = byName(resources, 'Microsoft.Network/virtualNetworks/subnets', 'vnet-lz-data/snet-private-endpoints');
      assert.deepEqual(subnet.properties.networkSecurityGroup, { id: `${SUB}/resourceGroups/rg-lz-network/providers/Microsoft.Network/networkSecurityGroups/nsg-lz-private-endpoints` });
      assert.equal('subnets' in byName(resources, 'Microsoft.Network/virtualNetworks', 'vnet-lz-data').properties, false);
    });

    it('role assignments: a group with a data role, the CMK identity on the vault', () => {
      const [crypto, engineers] = resources.filter((r) => r.type === 'Microsoft.Authorization/roleAssignments');
      assert.equal(crypto?.scope, `${SUB}/resourceGroups/rg-lz-security/providers/Microsoft.KeyVault/vaults/kv-lz-clin-cmk`);
      assert.equal(engineers?.properties.principalType, 'Group');
      assert.equal(engineers?.properties.roleDefinitionId, `${SUB}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`);
      // The assignment's name is a GUID generated at apply: it is reported by its Terraform address, while
      // its id keeps the unknown marker that id matching treats as a wildcard.
      assert.equal(engineers?.name, 'azurerm_role_assignment.data_engineers');
      assert.match(engineers?.id ?? '', /\/roleAssignments\/\[unknown:azurerm_role_assignment\.data_engineers\.name\]$/);
    });
  });

  describe('noncompliant.plan.json', () => {
    const { text, result } = load('noncompliant.plan.json');
    const { resources, notes } = result;

    it('gives 13 resources and says which one it could not check', () => {
      assert.equal(resources.length, 13);
      assert.deepEqual(notes.map((n) => [n.level, n.message]), [['info', 'azurerm_windows_virtual_machine.jumpbox: azurerm_windows_virtual_machine has no ARM mapping in ControlTrace, so no control checked it.']]);
    });

    it('the violations are visible as ARM properties', () => {
      const st = byName(resources, 'Microsoft.Storage/storageAccounts', 'stanalyticsshared');
      assert.equal(st.properties.minimumTlsVersion, 'TLS1_0');
      assert.equal(st.properties.allowBlobPublicAccess, true);
      assert.equal(st.properties.publicNetworkAccess, 'Enabled');
      assert.deepEqual(st.properties.encryption, { keySource: 'Microsoft.Storage', requireInfrastructureEncryption: false });
      assert.equal(st.tags, undefined);
      const rdp = byName(resources, 'Microsoft.Network/networkSecurityGroups/securityRules', 'nsg-jumpbox/allow-rdp-from-anywhere');
      assert.equal(rdp.properties.destinationPortRange, '3389');
      assert.equal(rdp.properties.sourceAddressPrefix, 'Internet');
      const owner = resources.find((r) => r.type === 'Microsoft.Authorization/roleAssignments' && r.properties.principalType === 'User' && r.scope === SUB);
      assert.equal(owner?.properties.roleDefinitionId, `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`);
      const diag = resources.find((r) => r.type === 'Microsoft.Insights/diagnosticSettings');
      assert.equal(diag?.properties.workspaceId, `${SUB}/resourceGroups/rg-analytics-sandbox/providers/Microsoft.OperationalInsights/workspaces/law-team-analytics`);
      assert.equal(byName(resources, 'Microsoft.Sql/servers', 'sql-analytics-sandbox').properties.minimalTlsVersion, '1.0');
    });

    it('the SQL admin password is in the plan, as in every real plan, and in no normalised resource', () => {
      assert.ok(text.includes(SQL_PASSWORD));
      assert.ok(!JSON.stringify(resources).includes(SQL_PASSWORD));
    });
  });
});
