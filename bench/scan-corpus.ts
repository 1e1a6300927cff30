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

function template(index: number): unknown {
  // 20 storage accounts + 20 diagnostic settings + 20 blob services (child) = 60 at the top level,
  // and a nested deployment with 20 key vaults + 20 diagnostic settings = 40: 100 resources.
  const storageCount = 20;
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: {
      prefix: { type: 'string', defaultValue: `b${index}` },
      location: { type: 'string', defaultValue: '[resourceGroup().location]' },
      workspaceId: { type: 'string', defaultValue: "[resourceId('Microsoft.OperationalInsights/workspaces', 'log-central')]" },
      tags: { type: 'object', defaultValue: { CostCenter: 'CC-1001', UseCase: 'bench' } },
      count: { type: 'int', defaultValue: storageCount },
    },
    variables: {
      suffix: "[uniqueString(resourceGroup().id, parameters('prefix'))]",
      networkRules: { copy: [{ name: 'ipRules', count: 3, input: { value: "[format('10.{0}.0.0/16', copyIndex('ipRules'))]", action: 'Allow' } }] },
    },
    resources: [
      {
        type: 'Microsoft.Storage/storageAccounts',
        apiVersion: '2023-01-01',
        name: "[format('{0}st{1}{2}', parameters('prefix'), copyIndex(), substring(variables('suffix'), 0, 6))]",
        location: "[parameters('location')]",
        tags: "[parameters('tags')]",
        sku: { name: 'Standard_ZRS' },
        kind: 'StorageV2',
        copy: { name: 'storageLoop', count: "[parameters('count')]" },
        properties: {
          minimumTlsVersion: "[if(equals(mod(copyIndex(), 7), 3), 'TLS1_0', 'TLS1_2')]",
          supportsHttpsTrafficOnly: true,
          allowBlobPublicAccess: false,
          allowSharedKeyAccess: false,
          publicNetworkAccess: 'Disabled',
          isHnsEnabled: true,
          networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: "[variables('networkRules').ipRules]" },
          encryption: {
            keySource: 'Microsoft.Keyvault',
            keyvaultproperties: { keyname: 'cmk', keyvaulturi: "[format('https://{0}kv0.vault.azure.net', parameters('prefix'))]" },
            services: { blob: { enabled: true }, file: { enabled: true } },
          },
        },
        resources: [
          {
            type: 'blobServices',
            apiVersion: '2023-01-01',
            name: 'default',
            dependsOn: ["[resourceId('Microsoft.Storage/storageAccounts', format('{0}st{1}{2}', parameters('prefix'), copyIndex(), substring(variables('suffix'), 0, 6)))]"],
            properties: { deleteRetentionPolicy: { enabled: true, days: 30 } },
          },
        ],
      },
      {
        type: 'Microsoft.Insights/diagnosticSettings',
        apiVersion: '2021-05-01-preview',
        name: 'to-central',
        scope: "[format('Microsoft.Storage/storageAccounts/{0}st{1}{2}', parameters('prefix'), copyIndex(), substring(variables('suffix'), 0, 6))]",
        copy: { name: 'diagLoop', count: "[parameters('count')]" },
        properties: {
          workspaceId: "[parameters('workspaceId')]",
          metrics: [{ category: 'Transaction', enabled: true }],
        },
      },
      {
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
                copy: { name: 'kvLoop', count: 20 },
                properties: {
                  tenantId: '[subscription().tenantId]',
                  sku: { family: 'A', name: 'premium' },
                  enableRbacAuthorization: true,
                  enableSoftDelete: true,
                  softDeleteRetentionInDays: 90,
                  enablePurgeProtection: "[if(equals(copyIndex(), 5), json('null'), true())]",
                  publicNetworkAccess: 'Disabled',
                  networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
                },
              },
              {
                type: 'Microsoft.KeyVault/vaults/providers/diagnosticSettings',
                apiVersion: '2021-05-01-preview',
                name: "[format('{0}kv{1}/Microsoft.Insights/to-central', parameters('prefix'), copyIndex())]",
                copy: { name: 'kvDiagLoop', count: 20 },
                dependsOn: ["[resourceId('Microsoft.KeyVault/vaults', format('{0}kv{1}', parameters('prefix'), copyIndex()))]"],
                properties: {
                  workspaceId: "[parameters('workspaceId')]",
                  logs: [{ categoryGroup: 'audit', enabled: true }],
                },
              },
            ],
          },
        },
      },
    ],
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
