// A synthetic but realistic ARM corpus for the scan benchmark: many templates, each with parameters,
// variables, resource copy loops, property copy, nested deployments (inner scope), child resources and
// diagnostic settings as extension resources — the constructs that cost time in real landing zones.
// Deterministic: the same scale gives the same bytes.

import fs from 'node:fs';
import path from 'node:path';

const RESOURCES_PER_TEMPLATE = 100;

/** Resources one template expands to (the benchmark reports against this count). */
export function resourcesPerTemplate(): number {
  return RESOURCES_PER_TEMPLATE;
}

const STORAGE_API = '2023-05-01';
const DIAG_API = '2021-05-01-preview';

// Resources are mostly declared one by one, as `az bicep build` emits them (each module resource is its
// own object with literal property blocks and expressions), with a few copy loops, a nested deployment
// with inner scope, child resources and both extension-resource forms.
function storageAccount(i: number): unknown[] {
  const name = `[format('{0}st{1}{2}', parameters('prefix'), ${i}, substring(variables('suffix'), 0, 6))]`;
  return [
    {
      type: 'Microsoft.Storage/storageAccounts',
      apiVersion: STORAGE_API,
      name,
      location: "[parameters('location')]",
      tags: "[union(parameters('tags'), createObject('DataClass', 'confidential'))]",
      sku: { name: 'Standard_ZRS' },
      kind: 'StorageV2',
      identity: { type: 'UserAssigned', userAssignedIdentities: { "[parameters('identityId')]": {} } },
      properties: {
        accessTier: 'Hot',
        minimumTlsVersion: `[if(equals(${i % 7}, 3), 'TLS1_0', 'TLS1_2')]`,
        supportsHttpsTrafficOnly: true,
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        allowCrossTenantReplication: false,
        defaultToOAuthAuthentication: true,
        publicNetworkAccess: 'Disabled',
        isHnsEnabled: true,
        networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: "[variables('networkRules').ipRules]", virtualNetworkRules: [] },
        encryption: {
          keySource: 'Microsoft.Keyvault',
          requireInfrastructureEncryption: true,
          identity: { userAssignedIdentity: "[parameters('identityId')]" },
          keyvaultproperties: { keyname: 'cmk-storage', keyvaulturi: "[format('https://{0}kv0.{1}', parameters('prefix'), environment().suffixes.keyvaultDns)]" },
          services: { blob: { enabled: true, keyType: 'Account' }, file: { enabled: true, keyType: 'Account' }, queue: { enabled: true, keyType: 'Account' }, table: { enabled: true, keyType: 'Account' } },
        },
      },
      resources: [
        {
          type: 'blobServices',
          apiVersion: STORAGE_API,
          name: 'default',
          dependsOn: [`[resourceId('Microsoft.Storage/storageAccounts', format('{0}st{1}{2}', parameters('prefix'), ${i}, substring(variables('suffix'), 0, 6)))]`],
          properties: { deleteRetentionPolicy: { enabled: true, days: 30 }, containerDeleteRetentionPolicy: { enabled: true, days: 30 }, isVersioningEnabled: true },
        },
      ],
    },
    {
      type: 'Microsoft.Insights/diagnosticSettings',
      apiVersion: DIAG_API,
      name: 'to-central',
      scope: `[format('Microsoft.Storage/storageAccounts/{0}st{1}{2}', parameters('prefix'), ${i}, substring(variables('suffix'), 0, 6))]`,
      dependsOn: [`[resourceId('Microsoft.Storage/storageAccounts', format('{0}st{1}{2}', parameters('prefix'), ${i}, substring(variables('suffix'), 0, 6)))]`],
      properties: { workspaceId: "[parameters('workspaceId')]", metrics: [{ category: 'Transaction', enabled: true }] },
    },
    {
      type: 'Microsoft.Network/privateEndpoints',
      apiVersion: '2023-04-01',
      name: `[format('pe-{0}st{1}-blob', parameters('prefix'), ${i})]`,
      location: "[parameters('location')]",
      tags: "[parameters('tags')]",
      properties: {
        subnet: { id: "[parameters('subnetId')]" },
        privateLinkServiceConnections: [
          {
            name: 'blob',
            properties: {
              privateLinkServiceId: `[resourceId('Microsoft.Storage/storageAccounts', format('{0}st{1}{2}', parameters('prefix'), ${i}, substring(variables('suffix'), 0, 6)))]`,
              groupIds: ['blob'],
            },
          },
        ],
      },
    },
  ];
}

function dataFactory(i: number): unknown[] {
  const name = `[format('{0}-adf-{1}', parameters('prefix'), ${i})]`;
  return [
    {
      type: 'Microsoft.DataFactory/factories',
      apiVersion: '2018-06-01',
      name,
      location: "[parameters('location')]",
      tags: "[parameters('tags')]",
      identity: { type: 'SystemAssigned,UserAssigned', userAssignedIdentities: { "[parameters('identityId')]": {} } },
      properties: {
        publicNetworkAccess: 'Disabled',
        encryption: { vaultBaseUrl: "[format('https://{0}kv0.vault.azure.net', parameters('prefix'))]", keyName: 'cmk-adf', identity: { userAssignedIdentity: "[parameters('identityId')]" } },
        globalParameters: {},
      },
    },
    {
      type: 'Microsoft.DataFactory/factories/providers/diagnosticSettings',
      apiVersion: DIAG_API,
      name: `[format('{0}-adf-{1}/Microsoft.Insights/to-central', parameters('prefix'), ${i})]`,
      dependsOn: [`[resourceId('Microsoft.DataFactory/factories', format('{0}-adf-{1}', parameters('prefix'), ${i}))]`],
      properties: { workspaceId: "[parameters('workspaceId')]", logs: [{ categoryGroup: 'allLogs', enabled: true }] },
    },
  ];
}

function roleAssignment(i: number): unknown {
  return {
    type: 'Microsoft.Authorization/roleAssignments',
    apiVersion: '2022-04-01',
    name: `[guid(resourceGroup().id, parameters('prefix'), 'reader', '${i}')]`,
    properties: {
      roleDefinitionId: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')]",
      principalId: "[parameters('readerGroupId')]",
      principalType: 'Group',
      description: `[format('Readers of bench template {0}', parameters('prefix'))]`,
    },
  };
}

function keyVaultDeployment(): unknown {
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name: "[format('{0}-vaults', parameters('prefix'))]",
    properties: {
      mode: 'Incremental',
      expressionEvaluationOptions: { scope: 'inner' },
      parameters: {
        prefix: { value: "[parameters('prefix')]" },
        workspaceId: { value: "[parameters('workspaceId')]" },
        tags: { value: "[parameters('tags')]" },
      },
      template: {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        parameters: { prefix: { type: 'string' }, workspaceId: { type: 'string' }, tags: { type: 'object' } },
        resources: [
          {
            type: 'Microsoft.KeyVault/vaults',
            apiVersion: '2023-02-01',
            name: "[format('{0}kv{1}', parameters('prefix'), copyIndex())]",
            location: '[resourceGroup().location]',
            tags: "[parameters('tags')]",
            copy: { name: 'kvLoop', count: 10 },
            properties: {
              tenantId: '[subscription().tenantId]',
              sku: { family: 'A', name: 'premium' },
              enableRbacAuthorization: true,
              enableSoftDelete: true,
              softDeleteRetentionInDays: 90,
              enablePurgeProtection: "[if(equals(copyIndex(), 5), json('null'), true())]",
              publicNetworkAccess: 'Disabled',
              networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] },
            },
          },
          {
            type: 'Microsoft.KeyVault/vaults/providers/diagnosticSettings',
            apiVersion: DIAG_API,
            name: "[format('{0}kv{1}/Microsoft.Insights/to-central', parameters('prefix'), copyIndex())]",
            copy: { name: 'kvDiagLoop', count: 10 },
            dependsOn: ["[resourceId('Microsoft.KeyVault/vaults', format('{0}kv{1}', parameters('prefix'), copyIndex()))]"],
            properties: { workspaceId: "[parameters('workspaceId')]", logs: [{ categoryGroup: 'audit', enabled: true }] },
          },
        ],
      },
    },
  };
}

function networkSecurityGroups(): unknown {
  return {
    type: 'Microsoft.Network/networkSecurityGroups',
    apiVersion: '2023-04-01',
    name: "[format('nsg-{0}-{1}', parameters('prefix'), copyIndex())]",
    location: "[parameters('location')]",
    tags: "[parameters('tags')]",
    copy: { name: 'nsgLoop', count: 5 },
    properties: {
      copy: [
        {
          name: 'securityRules',
          count: 3,
          input: {
            name: "[format('allow-vnet-{0}', copyIndex('securityRules'))]",
            properties: {
              priority: "[add(100, copyIndex('securityRules'))]",
              direction: 'Inbound',
              access: 'Allow',
              protocol: 'Tcp',
              sourceAddressPrefix: 'VirtualNetwork',
              sourcePortRange: '*',
              destinationAddressPrefix: 'VirtualNetwork',
              destinationPortRange: "[string(add(8080, copyIndex('securityRules')))]",
            },
          },
        },
      ],
    },
  };
}

function template(index: number): unknown {
  // 10 × (storage account + blob service + diagnostic setting + private endpoint) = 40,
  // 10 × (data factory + legacy-form diagnostic setting) = 20, 10 role assignments, a nested deployment
  // of 10 key vaults + 10 diagnostic settings = 20, 5 NSGs by copy loop, 5 route tables: 100 resources.
  const resources: unknown[] = [];
  for (let i = 0; i < 10; i++) resources.push(...storageAccount(i));
  for (let i = 0; i < 10; i++) resources.push(...dataFactory(i));
  for (let i = 0; i < 10; i++) resources.push(roleAssignment(i));
  resources.push(keyVaultDeployment(), networkSecurityGroups());
  for (let i = 0; i < 5; i++) {
    resources.push({
      type: 'Microsoft.Network/routeTables',
      apiVersion: '2023-04-01',
      name: `[format('rt-{0}-${i}', parameters('prefix'))]`,
      location: "[parameters('location')]",
      tags: "[parameters('tags')]",
      properties: { disableBgpRoutePropagation: true, routes: [{ name: 'to-firewall', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } }] },
    });
  }
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    metadata: { _generator: { name: 'controltrace-bench', version: '1' } },
    parameters: {
      prefix: { type: 'string', defaultValue: `b${index}` },
      location: { type: 'string', defaultValue: '[resourceGroup().location]' },
      workspaceId: { type: 'string', defaultValue: "[resourceId('rg-management', 'Microsoft.OperationalInsights/workspaces', 'log-central')]" },
      identityId: { type: 'string', defaultValue: "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-cmk')]" },
      subnetId: { type: 'string', defaultValue: "[resourceId('rg-network', 'Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'snet-private-endpoints')]" },
      readerGroupId: { type: 'string', defaultValue: '4f1c2a8e-8d3b-4a55-9a8e-2b6f0c1d9e77' },
      tags: { type: 'object', defaultValue: { CostCenter: 'CC-1001', UseCase: 'bench', Environment: 'prd' } },
    },
    variables: {
      suffix: "[uniqueString(resourceGroup().id, parameters('prefix'))]",
      networkRules: { copy: [{ name: 'ipRules', count: 3, input: { value: "[format('10.{0}.0.0/16', copyIndex('ipRules'))]", action: 'Allow' } }] },
    },
    resources,
  };
}

/** Writes `templates` template files into `dir` (created) and returns the total bytes written. */
export function writeCorpus(dir: string, templates: number): { files: string[]; bytes: number; resources: number } {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  for (let i = 0; i < templates; i++) {
    const file = path.join(dir, `template-${String(i).padStart(5, '0')}.json`);
    const text = JSON.stringify(template(i), null, 2) + '\n';
    fs.writeFileSync(file, text);
    files.push(file);
    bytes += Buffer.byteLength(text);
  }
  return { files, bytes, resources: templates * RESOURCES_PER_TEMPLATE };
}
