// Small ARM templates for CLI tests.

export const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

export function template(resources: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', ...extra, resources }, null, 2) + '\n';
}

export function storageAccount(name: string, properties: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'Microsoft.Storage/storageAccounts',
    apiVersion: '2023-01-01',
    name,
    location: 'westeurope',
    kind: 'StorageV2',
    sku: { name: 'Standard_ZRS' },
    tags: { CostCenter: 'cc1', UseCase: 'uc1' },
    properties,
  };
}

export const WEAK_STORAGE = storageAccount('stweak', { minimumTlsVersion: 'TLS1_0', supportsHttpsTrafficOnly: false, allowBlobPublicAccess: true });
