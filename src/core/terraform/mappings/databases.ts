// Databases: Azure SQL (servers, databases, auditing, TDE protector, firewall rules), Cosmos DB, the
// PostgreSQL / MySQL flexible servers and Azure Cache for Redis. ARM names from their resource providers.

import { isUnknown } from '../../model';
import { attr, block, each, enabledDisabled, identity, ifPresent, map, negate, nonEmpty, obj, refId, type Spec, type TypeMapping } from '../spec';
import { plainText } from '../values';

const SQL_API = '2023-08-01-preview';

export const mssqlServer: TypeMapping = {
  armType: 'Microsoft.Sql/servers',
  apiVersion: SQL_API,
  id: { kind: 'inResourceGroup' },
  identity,
  properties: {
    version: attr('version'),
    administratorLogin: attr('administrator_login', nonEmpty),
    minimalTlsVersion: attr('minimum_tls_version', (v) => (v === 'Disabled' ? 'None' : v)),
    publicNetworkAccess: attr('public_network_access_enabled', enabledDisabled),
    restrictOutboundNetworkAccess: attr('outbound_network_restriction_enabled', enabledDisabled),
    primaryUserAssignedIdentityId: attr('primary_user_assigned_identity_id', nonEmpty),
    keyId: attr('transparent_data_encryption_key_vault_key_id', nonEmpty),
    administrators: block(
      'azuread_administrator',
      obj({
        administratorType: () => 'ActiveDirectory',
        login: attr('login_username'),
        sid: attr('object_id'),
        tenantId: attr('tenant_id'),
        azureADOnlyAuthentication: attr('azuread_authentication_only'),
      }),
    ),
  },
};

/**
 * azurerm 3.x's azurerm_sql_server (removed in azurerm 4 for azurerm_mssql_server): the same server with
 * fewer arguments. It has no TLS or public network access arguments in most 3.x releases: read where
 * present, otherwise the ARM properties stay out and the controls judge the service defaults.
 */
export const sqlServer: TypeMapping = {
  ...mssqlServer,
  properties: {
    version: mssqlServer.properties.version,
    administratorLogin: mssqlServer.properties.administratorLogin,
    minimalTlsVersion: ifPresent('minimum_tls_version', mssqlServer.properties.minimalTlsVersion),
    publicNetworkAccess: ifPresent('public_network_access_enabled', mssqlServer.properties.publicNetworkAccess),
  },
};

/** azurerm 3.x's azurerm_sql_firewall_rule: the server by name, not id. */
export const sqlFirewallRule: TypeMapping = {
  armType: 'Microsoft.Sql/servers/firewallRules',
  apiVersion: SQL_API,
  id: { kind: 'inResourceGroup', names: ['server_name', 'name'] },
  location: false,
  tags: false,
  properties: {
    startIpAddress: attr('start_ip_address'),
    endIpAddress: attr('end_ip_address'),
  },
};

export const mssqlDatabase: TypeMapping = {
  armType: 'Microsoft.Sql/servers/databases',
  apiVersion: SQL_API,
  id: { kind: 'child', parent: 'server_id' },
  location: false,
  sku: map(attr('sku_name', nonEmpty), (name) => ({ name })),
  properties: {
    collation: attr('collation'),
    licenseType: attr('license_type', nonEmpty),
    zoneRedundant: attr('zone_redundant'),
    maxSizeBytes: attr('max_size_gb', (v) => (typeof v === 'number' ? v * 1024 * 1024 * 1024 : v)),
    requestedBackupStorageRedundancy: attr('storage_account_type'),
    isLedgerOn: attr('ledger_enabled'),
    encryptionProtector: ifPresent('transparent_data_encryption_key_vault_key_id', attr('transparent_data_encryption_key_vault_key_id', nonEmpty)),
  },
  // ARM keeps a database's TDE state in its `current` transparentDataEncryption child.
  extra: [
    {
      segment: 'transparentDataEncryption',
      name: 'current',
      apiVersion: SQL_API,
      properties: { state: attr('transparent_data_encryption_enabled', enabledDisabled) },
    },
  ],
};

const auditing: Record<string, Spec> = {
  state: attr('enabled', enabledDisabled),
  isAzureMonitorTargetEnabled: attr('log_monitoring_enabled'),
  storageEndpoint: attr('storage_endpoint', nonEmpty),
  retentionDays: attr('retention_in_days'),
  isStorageSecondaryKeyInUse: attr('storage_account_access_key_is_secondary'),
};

/**
 * The provider writes extended auditing; ARM templates and Azure Policy read a server's auditing from
 * its `default` auditingSettings, which Azure keeps in step with the extended policy.
 */
export const mssqlServerAuditing: TypeMapping = {
  armType: 'Microsoft.Sql/servers/auditingSettings',
  apiVersion: SQL_API,
  id: { kind: 'child', parent: 'server_id', names: [{ value: 'default' }] },
  plannedId: false,
  location: false,
  tags: false,
  properties: auditing,
};

export const mssqlDatabaseAuditing: TypeMapping = {
  armType: 'Microsoft.Sql/servers/databases/auditingSettings',
  apiVersion: SQL_API,
  id: { kind: 'child', parent: 'database_id', names: [{ value: 'default' }] },
  plannedId: false,
  location: false,
  tags: false,
  properties: auditing,
};

export const mssqlServerTde: TypeMapping = {
  armType: 'Microsoft.Sql/servers/encryptionProtector',
  apiVersion: SQL_API,
  id: { kind: 'child', parent: 'server_id', names: [{ value: 'current' }] },
  plannedId: false,
  location: false,
  tags: false,
  properties: {
    serverKeyType: (r) => {
      const key = attr(['key_vault_key_id', 'managed_hsm_key_id'], nonEmpty)(r);
      return isUnknown(key) ? key : key === undefined ? 'ServiceManaged' : 'AzureKeyVault';
    },
    uri: attr(['key_vault_key_id', 'managed_hsm_key_id'], nonEmpty),
    autoRotationEnabled: attr('auto_rotation_enabled'),
  },
};

export const mssqlFirewallRule: TypeMapping = {
  armType: 'Microsoft.Sql/servers/firewallRules',
  apiVersion: SQL_API,
  id: { kind: 'child', parent: 'server_id' },
  location: false,
  tags: false,
  properties: {
    startIpAddress: attr('start_ip_address'),
    endIpAddress: attr('end_ip_address'),
  },
};

export const mssqlVirtualNetworkRule: TypeMapping = {
  armType: 'Microsoft.Sql/servers/virtualNetworkRules',
  apiVersion: SQL_API,
  id: { kind: 'child', parent: 'server_id' },
  location: false,
  tags: false,
  properties: {
    virtualNetworkSubnetId: refId('subnet_id'),
    ignoreMissingVnetServiceEndpoint: attr('ignore_missing_vnet_service_endpoint'),
  },
};

/** `ip_range_filter`: a comma-separated string in azurerm 3, a set of strings in 4. */
const ipRanges = (v: unknown): unknown => {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : undefined;
  if (!list) return v;
  const ranges = list.map((s) => plainText(s).trim()).filter((s) => s !== '');
  return ranges.map((ipAddressOrRange) => ({ ipAddressOrRange }));
};

export const cosmosdbAccount: TypeMapping = {
  armType: 'Microsoft.DocumentDB/databaseAccounts',
  apiVersion: '2024-05-15',
  id: { kind: 'inResourceGroup' },
  kind: attr('kind'),
  identity,
  properties: {
    databaseAccountOfferType: attr('offer_type'),
    publicNetworkAccess: attr('public_network_access_enabled', enabledDisabled),
    isVirtualNetworkFilterEnabled: attr('is_virtual_network_filter_enabled'),
    ipRules: attr('ip_range_filter', ipRanges),
    virtualNetworkRules: each('virtual_network_rule', obj({ id: refId('id'), ignoreMissingVNetServiceEndpoint: attr('ignore_missing_vnet_service_endpoint') })),
    keyVaultKeyUri: attr('key_vault_key_id', nonEmpty),
    disableLocalAuth: attr(['local_authentication_disabled', ['local_authentication_enabled', negate]]),
    disableKeyBasedMetadataWriteAccess: attr('access_key_metadata_writes_enabled', negate),
    minimalTlsVersion: attr('minimal_tls_version'),
    networkAclBypass: attr('network_acl_bypass_for_azure_services', (v) => (v === true ? 'AzureServices' : v === false ? 'None' : v)),
    networkAclBypassResourceIds: attr('network_acl_bypass_ids', nonEmpty),
    enableAutomaticFailover: attr(['automatic_failover_enabled', 'enable_automatic_failover']),
    'backupPolicy.type': block('backup', attr('type')),
    'consistencyPolicy.defaultConsistencyLevel': block('consistency_policy', attr('consistency_level')),
    locations: each('geo_location', obj({ locationName: attr('location'), failoverPriority: attr('failover_priority'), isZoneRedundant: attr('zone_redundant') })),
  },
};

/** PostgreSQL and MySQL flexible servers share their ARM shape. */
const flexibleServer = (armType: string, apiVersion: string): TypeMapping => ({
  armType,
  apiVersion,
  id: { kind: 'inResourceGroup' },
  sku: map(attr('sku_name', nonEmpty), (name) => ({ name })),
  identity,
  properties: {
    version: attr('version'),
    administratorLogin: attr('administrator_login', nonEmpty),
    'network.publicNetworkAccess': attr('public_network_access_enabled', enabledDisabled),
    'network.delegatedSubnetResourceId': refId('delegated_subnet_id'),
    'network.privateDnsZoneArmResourceId': refId('private_dns_zone_id'),
    'backup.backupRetentionDays': attr('backup_retention_days'),
    'backup.geoRedundantBackup': attr('geo_redundant_backup_enabled', enabledDisabled),
    dataEncryption: (r) => {
      const cmk = r.slot(['customer_managed_key']);
      if (cmk.state !== 'value' && cmk.absent) return undefined;
      if (cmk.state === 'unknown') return cmk.unknown;
      if (cmk.state !== 'value' || !Array.isArray(cmk.value) || cmk.value.length === 0) return { type: 'SystemManaged' };
      return { type: 'AzureKeyVault', ...(obj({ primaryKeyURI: attr('key_vault_key_id'), primaryUserAssignedIdentityId: attr('primary_user_assigned_identity_id') })(r.at(['customer_managed_key', 0])) as object | undefined) };
    },
  },
});

const postgresBase = flexibleServer('Microsoft.DBforPostgreSQL/flexibleServers', '2024-08-01');

export const postgresqlFlexibleServer: TypeMapping = {
  ...postgresBase,
  properties: {
    ...postgresBase.properties,
    'authConfig.activeDirectoryAuth': block('authentication', attr('active_directory_auth_enabled', enabledDisabled)),
    'authConfig.passwordAuth': block('authentication', attr('password_auth_enabled', enabledDisabled)),
  },
};

export const mysqlFlexibleServer = flexibleServer('Microsoft.DBforMySQL/flexibleServers', '2023-12-30');

/**
 * azurerm 3.x's single servers (azurerm_mysql_server, azurerm_postgresql_server, azurerm_mariadb_server;
 * retired services, removed in azurerm 4). Their TLS values are ARM's own (`TLS1_2`,
 * `TLSEnforcementDisabled`).
 */
const singleServer = (armType: string): TypeMapping => ({
  armType,
  apiVersion: '2017-12-01',
  id: { kind: 'inResourceGroup' },
  sku: map(attr('sku_name', nonEmpty), (name) => ({ name })),
  identity: ifPresent('identity', identity),
  properties: {
    version: attr('version'),
    administratorLogin: attr('administrator_login', nonEmpty),
    sslEnforcement: attr('ssl_enforcement_enabled', enabledDisabled),
    minimalTlsVersion: ifPresent('ssl_minimal_tls_version_enforced', attr('ssl_minimal_tls_version_enforced', nonEmpty)),
    publicNetworkAccess: ifPresent('public_network_access_enabled', attr('public_network_access_enabled', enabledDisabled)),
    infrastructureEncryption: ifPresent('infrastructure_encryption_enabled', attr('infrastructure_encryption_enabled', enabledDisabled)),
    'storageProfile.backupRetentionDays': attr('backup_retention_days'),
    'storageProfile.geoRedundantBackup': attr('geo_redundant_backup_enabled', enabledDisabled),
  },
});

export const mysqlServer = singleServer('Microsoft.DBforMySQL/servers');
export const postgresqlServer = singleServer('Microsoft.DBforPostgreSQL/servers');
export const mariadbServer = singleServer('Microsoft.DBforMariaDB/servers');

/**
 * azurerm_redis_cache (Azure Cache for Redis). The provider writes its defaults into the plan
 * (`minimum_tls_version` 1.0 before azurerm 4, 1.2 from 4), so the planned value is the cache's.
 * `redis_configuration` is not read: it holds storage connection strings.
 */
export const redisCache: TypeMapping = {
  armType: 'Microsoft.Cache/redis',
  apiVersion: '2024-03-01',
  id: { kind: 'inResourceGroup' },
  identity,
  properties: {
    'sku.name': attr('sku_name'),
    'sku.family': attr('family'),
    'sku.capacity': attr('capacity'),
    enableNonSslPort: attr(['non_ssl_port_enabled', 'enable_non_ssl_port']),
    minimumTlsVersion: attr('minimum_tls_version', nonEmpty),
    publicNetworkAccess: attr('public_network_access_enabled', enabledDisabled),
    disableAccessKeyAuthentication: ifPresent('access_keys_authentication_enabled', attr('access_keys_authentication_enabled', negate)),
    redisVersion: attr('redis_version', nonEmpty),
    subnetId: refId('subnet_id'),
    staticIP: attr('private_static_ip_address', nonEmpty),
  },
};
