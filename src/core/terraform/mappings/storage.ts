// Storage accounts: azurerm_storage_account and the resources that configure parts ARM keeps inside
// the account (customer-managed key, network rules). ARM names from Microsoft.Storage/storageAccounts.

import { parseKeyVaultKeyUrl } from '../ids';
import { attr, block, combine, each, enabledDisabled, hasBlock, identity, map, obj, self, when, within, type Augmentation, type Spec, type TypeMapping } from '../spec';
import { plainText } from '../values';

const API = '2023-05-01';

/** `["AzureServices", "Logging"]` → `AzureServices, Logging`, ARM's comma-separated bypass flags. */
const bypassList = (v: unknown): unknown => (Array.isArray(v) ? (v.length === 0 ? 'None' : [...v].map(plainText).sort().join(', ')) : v);

const keyVaultProperties = (keyIdPath: string): Spec =>
  (r) => {
    const v = attr(keyIdPath)(r);
    const key = parseKeyVaultKeyUrl(v);
    if (!key) return v === undefined ? undefined : typeof v === 'string' ? { keyname: v } : v;
    return { keyname: key.name, keyvaulturi: key.vaultUri, ...(key.version ? { keyversion: key.version } : {}) };
  };

const networkAcls = (prefix: string): Record<string, Spec> => ({
  defaultAction: attr(`${prefix}default_action`),
  bypass: attr(`${prefix}bypass`, bypassList),
  ipRules: each(`${prefix}ip_rules`, obj({ value: self, action: () => 'Allow' })),
  virtualNetworkRules: each(`${prefix}virtual_network_subnet_ids`, obj({ id: self, action: () => 'Allow' })),
});

const cmkBlock = hasBlock('customer_managed_key');

/** A retention block that is configured means enabled with its days; an absent one means disabled. */
const retentionPolicy = (path: string): Spec => (r) => {
  const present = hasBlock(path)(r);
  if (present !== true) return present === false ? { enabled: false } : present;
  return { enabled: true, ...(obj({ days: block(path, attr('days')) })(r) as object | undefined) };
};

export const storageAccount: TypeMapping = {
  armType: 'Microsoft.Storage/storageAccounts',
  apiVersion: API,
  id: { kind: 'inResourceGroup' },
  kind: attr('account_kind'),
  sku: (r) => {
    // Read member by member so each records its own source: the name's is the replication type (the
    // part a control judges), the tier's the tier.
    const tier = within(r, 'tier', () => attr('account_tier')(r));
    const replication = within(r, 'name', () => attr('account_replication_type')(r));
    return combine([() => tier, () => replication], (t, rep) => ({ name: `${plainText(t)}_${plainText(rep)}`, tier: t }))(r);
  },
  identity,
  properties: {
    minimumTlsVersion: attr('min_tls_version'),
    supportsHttpsTrafficOnly: attr(['https_traffic_only_enabled', 'enable_https_traffic_only']),
    allowBlobPublicAccess: attr(['allow_nested_items_to_be_public', 'allow_blob_public_access']),
    allowSharedKeyAccess: attr('shared_access_key_enabled'),
    publicNetworkAccess: attr('public_network_access_enabled', enabledDisabled),
    networkAcls: block('network_rules', obj(networkAcls(''))),
    isHnsEnabled: attr('is_hns_enabled'),
    isSftpEnabled: attr('sftp_enabled'),
    isLocalUserEnabled: attr('local_user_enabled'),
    isNfsV3Enabled: attr('nfsv3_enabled'),
    accessTier: attr('access_tier'),
    allowCrossTenantReplication: attr('cross_tenant_replication_enabled'),
    defaultToOAuthAuthentication: attr('default_to_oauth_authentication'),
    'encryption.keySource': map(cmkBlock, (has) => (has ? 'Microsoft.Keyvault' : 'Microsoft.Storage')),
    'encryption.keyvaultproperties': when(cmkBlock, block('customer_managed_key', keyVaultProperties('key_vault_key_id'))),
    'encryption.identity.userAssignedIdentity': when(cmkBlock, block('customer_managed_key', attr('user_assigned_identity_id'))),
    'encryption.requireInfrastructureEncryption': attr('infrastructure_encryption_enabled'),
  },
  // ARM keeps blob soft delete and versioning on the account's `default` blobServices child.
  extra: [
    {
      segment: 'blobServices',
      name: 'default',
      apiVersion: API,
      when: hasBlock('blob_properties'),
      properties: {
        deleteRetentionPolicy: block('blob_properties', retentionPolicy('delete_retention_policy')),
        containerDeleteRetentionPolicy: block('blob_properties', retentionPolicy('container_delete_retention_policy')),
        isVersioningEnabled: block('blob_properties', attr('versioning_enabled')),
        'changeFeed.enabled': block('blob_properties', attr('change_feed_enabled')),
      },
    },
  ],
};

/** azurerm_storage_account_customer_managed_key: ARM has no such resource, the key is the account's encryption. */
export const storageCustomerManagedKey: Augmentation = {
  target: 'storage_account_id',
  targetType: 'Microsoft.Storage/storageAccounts',
  set: {
    'properties.encryption.keySource': () => 'Microsoft.Keyvault',
    'properties.encryption.keyvaultproperties': obj({
      keyname: attr('key_name'),
      keyvaulturi: attr('key_vault_uri'),
      keyversion: attr('key_version'),
    }),
    'properties.encryption.identity.userAssignedIdentity': attr('user_assigned_identity_id'),
  },
};

/** azurerm_storage_account_network_rules: the account's networkAcls, managed as a separate resource. */
export const storageNetworkRules: Augmentation = {
  target: 'storage_account_id',
  targetType: 'Microsoft.Storage/storageAccounts',
  set: Object.fromEntries(Object.entries(networkAcls('')).map(([k, v]) => [`properties.networkAcls.${k}`, v])),
};
