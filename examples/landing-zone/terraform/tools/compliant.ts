// The compliant landing zone of ../compliant/*.tf as Terraform would plan it on a first apply.

import type { PlanDescription, PlannedResource } from './plan-writer';
import * as s from './schema';

export const SUBSCRIPTION_ID = '7d1c2a4e-3b5f-4c6d-8e9f-0a1b2c3d4e5f';
export const TENANT_ID = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const SUB = `/subscriptions/${SUBSCRIPTION_ID}`;
const DATA_ENGINEERS_GROUP = '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d';
const LOCATION = 'westeurope';
const TAGS = { CostCenter: 'CC-4711', UseCase: 'clinical-data-platform', Environment: 'prod' };
const LAKES = ['curated', 'raw'] as const;
const SECURITY_RG = `${SUB}/resourceGroups/rg-lz-security`;
const LAW_ID = `${SECURITY_RG}/providers/Microsoft.OperationalInsights/workspaces/law-lz-central`;
const VAULT_ID = `${SECURITY_RG}/providers/Microsoft.KeyVault/vaults/kv-lz-clin-cmk`;
const VAULT_URI = 'https://kv-lz-clin-cmk.vault.azure.net/';
const KEY_VERSION = '6d2f1e0c9b8a4f7e8d6c5b4a39281706';
const IDENTITY_ID = `${SECURITY_RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-lz-storage-cmk`;
const IDENTITY_PRINCIPAL = '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';

const central = ['azurerm_log_analytics_workspace.central.id', 'azurerm_log_analytics_workspace.central'];

function lake(key: (typeof LAKES)[number]): PlannedResource[] {
  const m = `module.data_lake["${key}"]`;
  const name = `stlzclin${key}`;
  const accountId = `${SUB}/resourceGroups/rg-lz-data/providers/Microsoft.Storage/storageAccounts/${name}`;
  const tags = { ...TAGS, DataZone: key };
  const endpoint = (sub: string): PlannedResource => ({
    address: `${m}.azurerm_private_endpoint.this["${sub}"]`,
    values: s.privateEndpoint({
      name: `pe-${name}-${sub}`, resource_group_name: 'rg-lz-data', location: LOCATION, tags,
      private_service_connection: [s.serviceConnection({ name: `psc-${name}-${sub}`, subresource_names: [sub] })],
    }),
    unknown: ['id', 'network_interface', 'private_service_connection.0.private_connection_resource_id', 'private_service_connection.0.private_ip_address', 'subnet_id', 'custom_dns_configs', 'private_dns_zone_configs'],
    refs: { subnet_id: ['var.private_endpoint_subnet_id'], 'private_service_connection.0.private_connection_resource_id': ['azurerm_storage_account.this.id', 'azurerm_storage_account.this'] },
    literals: ['private_service_connection.0.is_manual_connection'],
    forEach: { constant: ['blob', 'dfs'] },
  });
  return [
    {
      address: `${m}.azurerm_storage_account.this`,
      values: s.storageAccount({
        name, resource_group_name: 'rg-lz-data', location: LOCATION, account_tier: 'Standard', account_replication_type: 'ZRS', is_hns_enabled: true,
        allow_nested_items_to_be_public: false, shared_access_key_enabled: false, public_network_access_enabled: false, default_to_oauth_authentication: true,
        infrastructure_encryption_enabled: true, local_user_enabled: false,
        network_rules: [{ default_action: 'Deny', bypass: ['AzureServices'], ip_rules: [], virtual_network_subnet_ids: [], private_link_access: [] }],
        identity: [{ type: 'UserAssigned', identity_ids: [IDENTITY_ID], principal_id: '', tenant_id: '' }],
        customer_managed_key: [{ key_vault_key_id: `${VAULT_URI}keys/cmk-storage`, managed_hsm_key_id: null, user_assigned_identity_id: IDENTITY_ID }],
        blob_properties: [{ versioning_enabled: true, change_feed_enabled: true, delete_retention_policy: [{ days: 30, permanent_delete_enabled: false }], container_delete_retention_policy: [{ days: 30 }] }],
        tags,
      }),
      unknown: ['id', 'primary_blob_endpoint', 'primary_dfs_endpoint'],
      refs: {
        'identity.0.identity_ids': ['var.cmk_identity_id'],
        'customer_managed_key.0.key_vault_key_id': ['var.cmk_key_id'],
        'customer_managed_key.0.user_assigned_identity_id': ['var.cmk_identity_id'],
        name: ['var.name'],
        resource_group_name: ['var.resource_group_name'],
        tags: ['var.tags'],
      },
      literals: ['min_tls_version', 'https_traffic_only_enabled', 'allow_nested_items_to_be_public', 'shared_access_key_enabled', 'public_network_access_enabled', 'infrastructure_encryption_enabled', 'is_hns_enabled'],
    },
    endpoint('blob'),
    endpoint('dfs'),
    {
      // The blob service id is written out from known parts (see ../README.md): plan JSON cannot show
      // a suffix interpolated after `azurerm_storage_account.this.id`.
      address: `${m}.azurerm_monitor_diagnostic_setting.blob`,
      values: s.diagnosticSetting({
        name: 'to-central-law', target_resource_id: `${accountId}/blobServices/default`,
        enabled_log: [{ category: null, category_group: 'audit' }, { category: null, category_group: 'allLogs' }],
        metric: [{ category: 'Transaction', enabled: true }], log_analytics_workspace_id: LAW_ID,
      }),
      unknown: ['id'],
      refs: { log_analytics_workspace_id: ['var.log_analytics_workspace_id'], target_resource_id: ['var.subscription_resource_id', 'var.resource_group_name', 'var.name'] },
      dependsOn: ['azurerm_storage_account.this'],
    },
    {
      address: `${m}.azurerm_monitor_diagnostic_setting.account`,
      values: s.diagnosticSetting({ name: 'to-central-law', metric: [{ category: 'Transaction', enabled: true }], log_analytics_workspace_id: LAW_ID }),
      unknown: ['id', 'target_resource_id'],
      refs: { log_analytics_workspace_id: ['var.log_analytics_workspace_id'], target_resource_id: ['azurerm_storage_account.this.id', 'azurerm_storage_account.this'] },
    },
  ];
}

const resources: PlannedResource[] = [
  { address: 'data.azurerm_client_config.current', values: { client_id: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', id: 'Y2xpZW50Q29uZmlncy9jbGllbnRJZA==', object_id: '0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b', subscription_id: SUBSCRIPTION_ID, tenant_id: TENANT_ID, timeouts: null }, action: 'read' },
  { address: 'data.azurerm_subscription.current', values: { display_name: 'sub-clinical-data-prod', id: SUB, subscription_id: SUBSCRIPTION_ID, tenant_id: TENANT_ID, state: 'Enabled', tags: {}, timeouts: null }, action: 'read' },
  ...(['security', 'network', 'data'] as const).map((rg): PlannedResource => ({
    address: `azurerm_resource_group.${rg}`,
    values: s.resourceGroup({ name: `rg-lz-${rg}`, location: LOCATION, tags: TAGS, ...(rg === 'security' ? { id: SECURITY_RG } : {}) }),
    unknown: rg === 'security' ? [] : ['id'],
    literals: ['name', 'location'],
    refs: { tags: ['local.tags'] },
    action: rg === 'security' ? 'no-op' : 'create',
  })),
  {
    address: 'azurerm_subscription_policy_assignment.require_mfa',
    values: {
      name: 'require-mfa-for-writes', subscription_id: SUB, policy_definition_id: '/providers/Microsoft.Authorization/policyDefinitions/4e6c27d5-a6ee-49cf-b2b4-d8fe90fa2b8b',
      display_name: 'Users must authenticate with MFA to create or update resources', description: null, enforce: true, location: null, parameters: null, metadata: null, not_scopes: null, identity: [], non_compliance_message: [], overrides: [], resource_selectors: [],
    },
    unknown: ['id'],
    refs: { subscription_id: ['data.azurerm_subscription.current.id', 'data.azurerm_subscription.current'] },
    literals: ['name', 'policy_definition_id', 'display_name', 'enforce'],
  },
  {
    address: 'azurerm_log_analytics_workspace.central',
    values: s.logAnalyticsWorkspace({ id: LAW_ID, workspace_id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', name: 'law-lz-central', resource_group_name: 'rg-lz-security', location: LOCATION, retention_in_days: 365, local_authentication_disabled: true, tags: TAGS }),
    action: 'no-op',
    refs: { resource_group_name: ['azurerm_resource_group.security.name', 'azurerm_resource_group.security'], tags: ['local.tags'] },
    literals: ['name', 'retention_in_days', 'local_authentication_disabled'],
  },
  ...['StorageAccounts', 'KeyVaults', 'Arm'].map((type): PlannedResource => ({
    address: `azurerm_security_center_subscription_pricing.plan["${type}"]`,
    values: s.pricing({ tier: 'Standard', resource_type: type, subplan: type === 'StorageAccounts' ? 'DefenderForStorageV2' : null }),
    unknown: ['id'],
    literals: ['tier'],
    forEach: { constant: ['Arm', 'KeyVaults', 'StorageAccounts'] },
  })),
  {
    address: 'azurerm_security_center_contact.soc',
    values: s.securityContact({ name: 'default1', email: 'soc@clinical.example', alert_notifications: true, alerts_to_admins: true }),
    unknown: ['id'],
    literals: ['name', 'email', 'alert_notifications', 'alerts_to_admins'],
  },
  {
    address: 'azurerm_key_vault.cmk',
    values: s.keyVault({
      name: 'kv-lz-clin-cmk', resource_group_name: 'rg-lz-security', location: LOCATION, tenant_id: TENANT_ID, sku_name: 'premium', purge_protection_enabled: true, enable_rbac_authorization: true,
      enabled_for_deployment: false, enabled_for_disk_encryption: false, enabled_for_template_deployment: false, public_network_access_enabled: false,
      network_acls: [{ default_action: 'Deny', bypass: 'AzureServices', ip_rules: [], virtual_network_subnet_ids: [] }], tags: TAGS, id: VAULT_ID, vault_uri: VAULT_URI,
    }),
    action: 'no-op',
    refs: { tenant_id: ['data.azurerm_client_config.current.tenant_id', 'data.azurerm_client_config.current'], resource_group_name: ['azurerm_resource_group.security.name', 'azurerm_resource_group.security'] },
    literals: ['sku_name', 'purge_protection_enabled', 'enable_rbac_authorization', 'public_network_access_enabled'],
  },
  {
    address: 'azurerm_key_vault_key.storage',
    values: s.keyVaultKey({
      name: 'cmk-storage', key_type: 'RSA-HSM', key_size: 3072, key_opts: ['unwrapKey', 'wrapKey'], expiration_date: '2028-12-31T00:00:00Z',
      rotation_policy: [{ expire_after: 'P2Y', notify_before_expiry: 'P30D', automatic: [{ time_after_creation: null, time_before_expiry: 'P90D' }] }], tags: TAGS,
      key_vault_id: VAULT_ID, id: `${VAULT_URI}keys/cmk-storage/${KEY_VERSION}`, version: KEY_VERSION, versionless_id: `${VAULT_URI}keys/cmk-storage`,
      resource_id: `${VAULT_ID}/keys/cmk-storage/versions/${KEY_VERSION}`, resource_versionless_id: `${VAULT_ID}/keys/cmk-storage`,
    }),
    action: 'no-op',
    refs: { key_vault_id: ['azurerm_key_vault.cmk.id', 'azurerm_key_vault.cmk'] },
    literals: ['name', 'key_type', 'key_size', 'key_opts', 'expiration_date'],
  },
  {
    address: 'azurerm_user_assigned_identity.storage_cmk',
    values: s.userAssignedIdentity({ id: IDENTITY_ID, principal_id: IDENTITY_PRINCIPAL, client_id: '3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a', tenant_id: TENANT_ID, name: 'id-lz-storage-cmk', resource_group_name: 'rg-lz-security', location: LOCATION, tags: TAGS }),
    action: 'no-op',
    refs: { resource_group_name: ['azurerm_resource_group.security.name', 'azurerm_resource_group.security'] },
  },
  {
    address: 'azurerm_role_assignment.storage_cmk',
    values: s.roleAssignment({
      role_definition_name: 'Key Vault Crypto Service Encryption User', principal_type: 'ServicePrincipal', scope: VAULT_ID, principal_id: IDENTITY_PRINCIPAL, name: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
      id: `${VAULT_ID}/providers/Microsoft.Authorization/roleAssignments/8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e`,
      role_definition_id: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/e147488a-f6f5-4113-8e2d-b22465e65bf6`,
    }),
    action: 'no-op',
    refs: { scope: ['azurerm_key_vault.cmk.id', 'azurerm_key_vault.cmk'], principal_id: ['azurerm_user_assigned_identity.storage_cmk.principal_id', 'azurerm_user_assigned_identity.storage_cmk'] },
    literals: ['role_definition_name', 'principal_type'],
  },
  {
    address: 'azurerm_role_assignment.data_engineers',
    values: s.roleAssignment({ role_definition_name: 'Storage Blob Data Reader', principal_id: DATA_ENGINEERS_GROUP, principal_type: 'Group', scope: `${SUB}/resourceGroups/rg-lz-data` }),
    unknown: ['id', 'name', 'role_definition_id'],
    refs: { scope: ['data.azurerm_subscription.current.id', 'data.azurerm_subscription.current'] },
    literals: ['role_definition_name', 'principal_id', 'principal_type'],
  },
  {
    address: 'azurerm_monitor_diagnostic_setting.key_vault',
    values: s.diagnosticSetting({
      id: `${VAULT_ID}|to-central-law`, target_resource_id: VAULT_ID, log_analytics_workspace_id: LAW_ID, name: 'to-central-law',
      enabled_log: [{ category: null, category_group: 'audit' }, { category: null, category_group: 'allLogs' }], metric: [{ category: 'AllMetrics', enabled: true }],
    }),
    action: 'no-op',
    refs: { target_resource_id: ['azurerm_key_vault.cmk.id', 'azurerm_key_vault.cmk'], log_analytics_workspace_id: central },
  },
  {
    address: 'azurerm_private_endpoint.key_vault',
    values: s.privateEndpoint({
      name: 'pe-kv-lz-clin-cmk', resource_group_name: 'rg-lz-network', location: LOCATION, tags: TAGS,
      private_service_connection: [s.serviceConnection({ name: 'psc-kv-lz-clin-cmk', subresource_names: ['vault'], private_connection_resource_id: VAULT_ID })],
    }),
    unknown: ['id', 'network_interface', 'subnet_id', 'private_service_connection.0.private_ip_address', 'custom_dns_configs', 'private_dns_zone_configs'],
    refs: { subnet_id: ['azurerm_subnet.private_endpoints.id', 'azurerm_subnet.private_endpoints'], 'private_service_connection.0.private_connection_resource_id': ['azurerm_key_vault.cmk.id', 'azurerm_key_vault.cmk'] },
    literals: ['name', 'private_service_connection.0.subresource_names'],
  },
  {
    address: 'azurerm_virtual_network.data',
    values: s.virtualNetwork({ name: 'vnet-lz-data', resource_group_name: 'rg-lz-network', location: LOCATION, address_space: ['10.20.0.0/16'], tags: TAGS }),
    unknown: ['id', 'guid', 'subnet'],
    literals: ['name', 'address_space'],
  },
  {
    address: 'azurerm_subnet.private_endpoints',
    values: s.subnet({ name: 'snet-private-endpoints', resource_group_name: 'rg-lz-network', virtual_network_name: 'vnet-lz-data', address_prefixes: ['10.20.1.0/24'], default_outbound_access_enabled: false }),
    unknown: ['id'],
    refs: { virtual_network_name: ['azurerm_virtual_network.data.name', 'azurerm_virtual_network.data'] },
    literals: ['address_prefixes', 'default_outbound_access_enabled'],
  },
  {
    address: 'azurerm_network_security_group.private_endpoints',
    values: s.networkSecurityGroup({
      name: 'nsg-lz-private-endpoints', resource_group_name: 'rg-lz-network', location: LOCATION, tags: TAGS,
      security_rule: [
        s.securityRule({ name: 'allow-vnet-https-inbound', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*', destination_port_range: '443', source_address_prefix: 'VirtualNetwork', destination_address_prefix: 'VirtualNetwork', description: 'Private endpoint traffic from inside the landing zone' }),
        s.securityRule({ name: 'deny-internet-inbound', priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*', source_port_range: '*', destination_port_range: '*', source_address_prefix: 'Internet', destination_address_prefix: '*', description: 'Nothing from the internet reaches private endpoints' }),
      ],
    }),
    unknown: ['id'],
    literals: ['name', 'security_rule'],
  },
  {
    address: 'azurerm_subnet_network_security_group_association.private_endpoints',
    values: {},
    unknown: ['id', 'subnet_id', 'network_security_group_id'],
    refs: { subnet_id: ['azurerm_subnet.private_endpoints.id', 'azurerm_subnet.private_endpoints'], network_security_group_id: ['azurerm_network_security_group.private_endpoints.id', 'azurerm_network_security_group.private_endpoints'] },
  },
  {
    address: 'azurerm_monitor_diagnostic_setting.nsg',
    values: s.diagnosticSetting({ name: 'to-central-law', enabled_log: [{ category: null, category_group: 'allLogs' }], log_analytics_workspace_id: LAW_ID }),
    unknown: ['id', 'target_resource_id'],
    refs: { target_resource_id: ['azurerm_network_security_group.private_endpoints.id', 'azurerm_network_security_group.private_endpoints'], log_analytics_workspace_id: central },
  },
  ...lake('curated'),
  ...lake('raw'),
];

const lakeInputs = {
  name: { references: ['each.value.name', 'each.value'] },
  resource_group_name: { references: ['azurerm_resource_group.data.name', 'azurerm_resource_group.data'] },
  subscription_resource_id: { references: ['data.azurerm_subscription.current.id', 'data.azurerm_subscription.current'] },
  private_endpoint_subnet_id: { references: ['azurerm_subnet.private_endpoints.id', 'azurerm_subnet.private_endpoints'] },
  cmk_key_id: { references: ['azurerm_key_vault_key.storage.versionless_id', 'azurerm_key_vault_key.storage'] },
  cmk_identity_id: { references: ['azurerm_user_assigned_identity.storage_cmk.id', 'azurerm_user_assigned_identity.storage_cmk'] },
  log_analytics_workspace_id: { references: central },
  tags: { references: ['local.tags', 'each.key'] },
};

export const compliant: PlanDescription = {
  terraformVersion: '1.9.8',
  providerVersion: '~> 4.14',
  timestamp: '2026-11-20T09:30:00Z',
  resources,
  moduleCalls: [
    { name: 'data_lake', source: './modules/data-lake', forEach: { references: ['local.lakes'] }, inputs: lakeInputs, variables: Object.keys(lakeInputs) },
  ],
};
