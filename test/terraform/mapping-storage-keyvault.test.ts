import assert from 'node:assert/strict';
import { isUnknown } from '../../src/core/model';
import { json, normalize, only } from './helpers';
import { RG } from './plan-builder';

const KEY_URL = 'https://kv-cmk.vault.azure.net/keys/cmk-storage';
const storage = (extra: Record<string, unknown> = {}) => ({
  name: 'stlake',
  resource_group_name: 'rg-data',
  location: 'westeurope',
  account_kind: 'StorageV2',
  account_tier: 'Standard',
  account_replication_type: 'GRS',
  min_tls_version: 'TLS1_0',
  https_traffic_only_enabled: false,
  allow_nested_items_to_be_public: true,
  shared_access_key_enabled: true,
  public_network_access_enabled: true,
  network_rules: [],
  is_hns_enabled: false,
  sftp_enabled: false,
  local_user_enabled: true,
  nfsv3_enabled: false,
  access_tier: 'Hot',
  cross_tenant_replication_enabled: false,
  default_to_oauth_authentication: false,
  infrastructure_encryption_enabled: false,
  customer_managed_key: [],
  blob_properties: [],
  identity: [],
  tags: {},
  ...extra,
});

describe('terraform mapping: storage accounts', () => {
  it('maps the security attributes to ARM property names and values', () => {
    const sa = only(normalize([{ address: 'azurerm_storage_account.lake', values: storage() }]).resources, 'Microsoft.Storage/storageAccounts');
    assert.equal(sa.id, `${RG('rg-data')}/providers/Microsoft.Storage/storageAccounts/stlake`);
    assert.equal(sa.kind, 'StorageV2');
    assert.deepEqual(sa.sku, { name: 'Standard_GRS', tier: 'Standard' });
    assert.deepEqual(json(sa.properties), {
      minimumTlsVersion: 'TLS1_0',
      supportsHttpsTrafficOnly: false,
      allowBlobPublicAccess: true,
      allowSharedKeyAccess: true,
      publicNetworkAccess: 'Enabled',
      isHnsEnabled: false,
      isSftpEnabled: false,
      isLocalUserEnabled: true,
      isNfsV3Enabled: false,
      accessTier: 'Hot',
      allowCrossTenantReplication: false,
      defaultToOAuthAuthentication: false,
      encryption: { keySource: 'Microsoft.Storage', requireInfrastructureEncryption: false },
    });
  });

  it('network rules become networkAcls', () => {
    const sa = only(
      normalize([
        {
          address: 'azurerm_storage_account.lake',
          values: storage({ network_rules: [{ default_action: 'Deny', bypass: ['Logging', 'AzureServices'], ip_rules: ['203.0.113.4'], virtual_network_subnet_ids: ['/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v/subnets/a'], private_link_access: [] }] }),
        },
      ]).resources,
      'Microsoft.Storage/storageAccounts',
    );
    assert.deepEqual(sa.properties.networkAcls, {
      defaultAction: 'Deny',
      bypass: 'AzureServices, Logging',
      ipRules: [{ value: '203.0.113.4', action: 'Allow' }],
      virtualNetworkRules: [{ id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v/subnets/a', action: 'Allow' }],
    });
  });

  it('an inline customer_managed_key block sets keySource Microsoft.Keyvault', () => {
    const sa = only(
      normalize([
        {
          address: 'azurerm_storage_account.lake',
          values: storage({ customer_managed_key: [{ key_vault_key_id: KEY_URL, user_assigned_identity_id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-st', managed_hsm_key_id: null }] }),
        },
      ]).resources,
      'Microsoft.Storage/storageAccounts',
    );
    assert.deepEqual(sa.properties.encryption, {
      keySource: 'Microsoft.Keyvault',
      keyvaultproperties: { keyname: 'cmk-storage', keyvaulturi: 'https://kv-cmk.vault.azure.net/' },
      identity: { userAssignedIdentity: '/subscriptions/s/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-st' },
      requireInfrastructureEncryption: false,
    });
  });

  it('azurerm_storage_account_customer_managed_key is merged into the account it names, even when that id is unknown', () => {
    const { resources, notes } = normalize([
      { address: 'module.lz.azurerm_storage_account.lake', values: storage(), unknown: ['id'] },
      {
        address: 'module.lz.azurerm_storage_account_customer_managed_key.lake',
        values: { key_name: 'cmk-storage', key_vault_uri: 'https://kv-cmk.vault.azure.net/', key_version: null, key_vault_id: null, user_assigned_identity_id: null },
        unknown: ['storage_account_id', 'id'],
        refs: { storage_account_id: ['azurerm_storage_account.lake.id', 'azurerm_storage_account.lake'] },
      },
    ]);
    assert.deepEqual(notes, []);
    assert.equal(resources.length, 1);
    const enc = (resources[0]?.properties.encryption ?? {}) as Record<string, unknown>;
    assert.equal(enc.keySource, 'Microsoft.Keyvault');
    assert.deepEqual(enc.keyvaultproperties, { keyname: 'cmk-storage', keyvaulturi: 'https://kv-cmk.vault.azure.net/' });
  });

  it('a customer-managed key for an account outside the plan gives a warning, not a silent pass', () => {
    const { resources, notes } = normalize([
      { address: 'azurerm_storage_account_customer_managed_key.x', values: { key_name: 'k', key_vault_uri: null, key_version: null, storage_account_id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/other' } },
    ]);
    assert.equal(resources.length, 0);
    assert.equal(notes.length, 1);
    assert.equal(notes[0]?.level, 'warning');
    assert.match(notes[0]?.message ?? '', /azurerm_storage_account_customer_managed_key\.x: configures the Microsoft\.Storage\/storageAccounts .*other, which is not in this plan/);
  });

  it('azurerm_storage_account_network_rules is merged into networkAcls', () => {
    const { resources } = normalize([
      { address: 'azurerm_storage_account.lake', values: storage({ id: `${RG('rg-data')}/providers/Microsoft.Storage/storageAccounts/stlake` }) },
      { address: 'azurerm_storage_account_network_rules.lake', values: { storage_account_id: `${RG('rg-data')}/providers/Microsoft.Storage/storageAccounts/stlake`, default_action: 'Deny', bypass: ['AzureServices'], ip_rules: [], virtual_network_subnet_ids: [] } },
    ]);
    assert.deepEqual(resources[0]?.properties.networkAcls, { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] });
  });
});

describe('terraform mapping: blob service settings', () => {
  it('blob_properties becomes the blobServices/default child; an absent retention block means disabled', () => {
    const { resources } = normalize([
      {
        address: 'azurerm_storage_account.lake',
        values: storage({ blob_properties: [{ versioning_enabled: true, change_feed_enabled: false, delete_retention_policy: [{ days: 30, permanent_delete_enabled: false }], container_delete_retention_policy: [] }] }),
      },
      { address: 'azurerm_storage_account.plain', values: storage({ name: 'stplain', blob_properties: [] }) },
    ]);
    const blob = only(resources, 'Microsoft.Storage/storageAccounts/blobServices');
    assert.equal(blob.id, `${RG('rg-data')}/providers/Microsoft.Storage/storageAccounts/stlake/blobServices/default`);
    assert.equal(blob.name, 'stlake/default');
    assert.deepEqual(blob.properties, { deleteRetentionPolicy: { enabled: true, days: 30 }, containerDeleteRetentionPolicy: { enabled: false }, isVersioningEnabled: true, changeFeed: { enabled: false } });
  });
});

describe('terraform mapping: key vaults and keys', () => {
  const vault = {
    name: 'kv-cmk',
    resource_group_name: 'rg-sec',
    location: 'westeurope',
    tenant_id: '11111111-1111-1111-1111-111111111111',
    sku_name: 'premium',
    soft_delete_retention_days: 90,
    purge_protection_enabled: true,
    enable_rbac_authorization: true,
    enabled_for_deployment: false,
    enabled_for_disk_encryption: false,
    enabled_for_template_deployment: false,
    public_network_access_enabled: false,
    network_acls: [{ default_action: 'Deny', bypass: 'AzureServices', ip_rules: [], virtual_network_subnet_ids: [] }],
    access_policy: [],
    tags: { CostCenter: 'cc' },
  };

  it('maps a vault with RBAC, purge protection and a closed network', () => {
    const kv = only(normalize([{ address: 'azurerm_key_vault.cmk', values: vault, unknown: ['id', 'vault_uri'] }]).resources, 'Microsoft.KeyVault/vaults');
    assert.equal(kv.id, `${RG('rg-sec')}/providers/Microsoft.KeyVault/vaults/kv-cmk`);
    assert.deepEqual(kv.properties, {
      tenantId: '11111111-1111-1111-1111-111111111111',
      sku: { family: 'A', name: 'premium' },
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      enableRbacAuthorization: true,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      publicNetworkAccess: 'Disabled',
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] },
      accessPolicies: [],
    });
  });

  it('a key becomes a vaults/keys child under the vault created in the same plan', () => {
    const { resources } = normalize([
      { address: 'azurerm_key_vault.cmk', values: vault, unknown: ['id'] },
      {
        address: 'azurerm_key_vault_key.storage',
        values: { name: 'cmk-storage', key_type: 'RSA-HSM', key_size: 3072, curve: null, key_opts: ['unwrapKey', 'wrapKey'], expiration_date: '2027-01-01T00:00:00Z', not_before_date: null, rotation_policy: [{ expire_after: 'P1Y', notify_before_expiry: 'P30D', automatic: [{ time_after_creation: null, time_before_expiry: 'P60D' }] }], tags: {} },
        unknown: ['id', 'key_vault_id', 'resource_id', 'versionless_id'],
        refs: { key_vault_id: ['azurerm_key_vault.cmk.id', 'azurerm_key_vault.cmk'] },
      },
    ]);
    const key = only(resources, 'Microsoft.KeyVault/vaults/keys');
    assert.equal(key.id, `${RG('rg-sec')}/providers/Microsoft.KeyVault/vaults/kv-cmk/keys/cmk-storage`);
    assert.equal(key.name, 'kv-cmk/cmk-storage');
    assert.equal(key.properties.kty, 'RSA-HSM');
    assert.deepEqual(key.properties.attributes, { exp: 1798761600 });
    assert.deepEqual(key.properties.rotationPolicy, {
      attributes: { expiryTime: 'P1Y' },
      lifetimeActions: [
        { action: { type: 'rotate' }, trigger: { timeBeforeExpiry: 'P60D' } },
        { action: { type: 'notify' }, trigger: { timeBeforeExpiry: 'P30D' } },
      ],
    });
    assert.equal(key.location, undefined);
  });

  it('a secret keeps only metadata, never its value', () => {
    const { resources } = normalize([
      { address: 'azurerm_key_vault_secret.pw', values: { name: 'sql-admin', value: 'Sup3rS3cret!', content_type: 'password', expiration_date: null, not_before_date: null, key_vault_id: `${RG('rg-sec')}/providers/Microsoft.KeyVault/vaults/kv-cmk`, tags: {} } },
    ]);
    const text = JSON.stringify(resources);
    assert.ok(!text.includes('Sup3rS3cret!'));
    assert.equal(only(resources, 'Microsoft.KeyVault/vaults/secrets').properties.contentType, 'password');
    assert.ok(!isUnknown(resources[0]?.properties.contentType));
  });
});
