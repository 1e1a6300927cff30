import assert from 'node:assert/strict';
import { isUnknown, Unknown } from '../../src/core/model';
import { json, normalize, normalizePlan, only } from './helpers';
import { buildPlan } from './plan-builder';

const storage = (extra: Record<string, unknown> = {}) => ({
  name: 'stdata',
  resource_group_name: 'rg-data',
  location: 'westeurope',
  account_kind: 'StorageV2',
  account_tier: 'Standard',
  account_replication_type: 'ZRS',
  min_tls_version: 'TLS1_2',
  https_traffic_only_enabled: true,
  allow_nested_items_to_be_public: false,
  shared_access_key_enabled: false,
  public_network_access_enabled: false,
  network_rules: [],
  is_hns_enabled: true,
  sftp_enabled: false,
  local_user_enabled: true,
  nfsv3_enabled: false,
  access_tier: 'Hot',
  cross_tenant_replication_enabled: false,
  default_to_oauth_authentication: true,
  infrastructure_encryption_enabled: true,
  customer_managed_key: [],
  blob_properties: [],
  identity: [],
  tags: { CostCenter: 'cc-1', UseCase: 'raw' },
  ...extra,
});

describe('terraform: values only known after apply', () => {
  it('an attribute marked true in after_unknown becomes an Unknown naming the address and attribute', () => {
    const { resources } = normalize([{ address: 'module.lz.azurerm_storage_account.raw[0]', values: storage(), unknown: ['min_tls_version'] }]);
    const tls = only(resources, 'Microsoft.Storage/storageAccounts').properties.minimumTlsVersion;
    assert.ok(isUnknown(tls));
    assert.equal((tls as Unknown).reason, 'module.lz.azurerm_storage_account.raw[0]: min_tls_version is known only after apply');
  });

  it('an attribute absent from the planned values, with no resource change to tell why, is unknown; a null one is "not set"', () => {
    const values: Record<string, unknown> = storage({ shared_access_key_enabled: null });
    delete values.public_network_access_enabled;
    const plan = buildPlan([{ address: 'azurerm_storage_account.raw', values }]);
    plan.resource_changes = [];
    const sa = only(normalizePlan(plan).resources, 'Microsoft.Storage/storageAccounts');
    assert.equal('allowSharedKeyAccess' in sa.properties, false);
    assert.ok(isUnknown(sa.properties.publicNetworkAccess));
    assert.match((sa.properties.publicNetworkAccess as Unknown).reason, /azurerm_storage_account\.raw: public_network_access_enabled is not in the planned values/);
  });

  it('an attribute absent from the planned values and not marked in after_unknown is not in the provider schema: "not set"', () => {
    // after_unknown marks every value planned_values leaves out for being unknown, so this key vault's
    // provider version (azurerm before public_network_access_enabled existed) has no such setting, and the
    // vault is public as Azure's default says, not "known only after apply".
    const { resources } = normalize([{ address: 'azurerm_key_vault.kv', values: { name: 'kv-old', resource_group_name: 'rg', location: 'westeurope', tenant_id: '11111111-1111-1111-1111-111111111111', sku_name: 'standard', purge_protection_enabled: true, tags: {} }, unknown: ['id'] }]);
    const kv = only(resources, 'Microsoft.KeyVault/vaults');
    assert.equal('publicNetworkAccess' in kv.properties, false);
    assert.equal(kv.properties.enablePurgeProtection, true);
  });

  it('a whole unknown block and unknown parts of a map stay unknown where they are', () => {
    const sa = only(
      normalize([{ address: 'azurerm_storage_account.raw', values: storage({ network_rules: [{ default_action: 'Deny', bypass: ['AzureServices'], ip_rules: [], virtual_network_subnet_ids: [] }] }), unknown: ['network_rules.0.virtual_network_subnet_ids', 'tags.Owner'] }])
        .resources,
      'Microsoft.Storage/storageAccounts',
    );
    const acls = sa.properties.networkAcls as Record<string, unknown>;
    assert.equal(acls.defaultAction, 'Deny');
    assert.ok(isUnknown(acls.virtualNetworkRules));
    assert.deepEqual(json(sa.tags), { CostCenter: 'cc-1', UseCase: 'raw', Owner: '[unknown: azurerm_storage_account.raw: tags.Owner is known only after apply]' });

    const all = only(normalize([{ address: 'azurerm_storage_account.raw', values: storage(), unknown: ['network_rules'] }]).resources, 'Microsoft.Storage/storageAccounts');
    assert.ok(isUnknown(all.properties.networkAcls));
  });

  it('a name known only after apply gives an id with a readable, unique marker', () => {
    const { resources } = normalize([
      { address: 'azurerm_storage_account.a', values: storage(), unknown: ['name'] },
      { address: 'azurerm_storage_account.b', values: storage(), unknown: ['name'] },
    ]);
    assert.deepEqual(
      resources.map((r) => r.id),
      [
        '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/[unknown:azurerm_storage_account.a.name]',
        '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/[unknown:azurerm_storage_account.b.name]',
      ],
    );
  });

  it('a block the provider version does not have is "not set", not read as configured-empty', () => {
    const { resources } = normalize([
      { address: 'azurerm_postgresql_flexible_server.pg', values: { name: 'pg', resource_group_name: 'rg', location: 'westeurope', sku_name: 'GP_Standard_D2s_v3', version: '16', tags: {} } },
    ]);
    assert.equal('dataEncryption' in only(resources, 'Microsoft.DBforPostgreSQL/flexibleServers').properties, false);
  });

  it('provider-version spellings: the azurerm 3 name is read when the 4 name is absent', () => {
    const v3: Record<string, unknown> = storage({ enable_https_traffic_only: false, allow_blob_public_access: true });
    delete v3.https_traffic_only_enabled;
    delete v3.allow_nested_items_to_be_public;
    const sa = only(normalize([{ address: 'azurerm_storage_account.raw', values: v3 }]).resources, 'Microsoft.Storage/storageAccounts');
    assert.equal(sa.properties.supportsHttpsTrafficOnly, false);
    assert.equal(sa.properties.allowBlobPublicAccess, true);
  });
});
