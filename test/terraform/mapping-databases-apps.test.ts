import assert from 'node:assert/strict';
import { json, normalize, only } from './helpers';
import { RG } from './plan-builder';

const SERVER = `${RG('rg-db')}/providers/Microsoft.Sql/servers/sql-lz`;

describe('terraform mapping: Azure SQL and Cosmos DB', () => {
  it('server, auditing, TDE protector with a customer key, firewall rule', () => {
    const { resources } = normalize([
      {
        address: 'azurerm_mssql_server.sql',
        values: {
          name: 'sql-lz', resource_group_name: 'rg-db', location: 'westeurope', version: '12.0', administrator_login: null, minimum_tls_version: '1.2', public_network_access_enabled: false, outbound_network_restriction_enabled: false,
          primary_user_assigned_identity_id: null, transparent_data_encryption_key_vault_key_id: null,
          azuread_administrator: [{ login_username: 'sql-admins', object_id: '44444444-4444-4444-4444-444444444444', tenant_id: '11111111-1111-1111-1111-111111111111', azuread_authentication_only: true }],
          identity: [{ type: 'SystemAssigned', identity_ids: [] }], tags: {},
        },
      },
      { address: 'azurerm_mssql_server_extended_auditing_policy.sql', values: { server_id: SERVER, enabled: true, log_monitoring_enabled: true, storage_endpoint: null, retention_in_days: 0, storage_account_access_key_is_secondary: false } },
      { address: 'azurerm_mssql_server_transparent_data_encryption.sql', values: { server_id: SERVER, key_vault_key_id: 'https://kv.vault.azure.net/keys/tde/1', managed_hsm_key_id: null, auto_rotation_enabled: true } },
      { address: 'azurerm_mssql_firewall_rule.azure', values: { name: 'AllowAllWindowsAzureIps', server_id: SERVER, start_ip_address: '0.0.0.0', end_ip_address: '0.0.0.0' } },
    ]);
    const server = only(resources, 'Microsoft.Sql/servers');
    assert.equal(server.id, SERVER);
    assert.deepEqual(server.properties, {
      version: '12.0',
      minimalTlsVersion: '1.2',
      publicNetworkAccess: 'Disabled',
      restrictOutboundNetworkAccess: 'Disabled',
      administrators: { administratorType: 'ActiveDirectory', login: 'sql-admins', sid: '44444444-4444-4444-4444-444444444444', tenantId: '11111111-1111-1111-1111-111111111111', azureADOnlyAuthentication: true },
    });
    const audit = only(resources, 'Microsoft.Sql/servers/auditingSettings');
    assert.equal(audit.id, `${SERVER}/auditingSettings/default`);
    assert.equal(audit.name, 'sql-lz/default');
    assert.deepEqual(audit.properties, { state: 'Enabled', isAzureMonitorTargetEnabled: true, retentionDays: 0, isStorageSecondaryKeyInUse: false });
    const tde = only(resources, 'Microsoft.Sql/servers/encryptionProtector');
    assert.equal(tde.id, `${SERVER}/encryptionProtector/current`);
    assert.deepEqual(tde.properties, { serverKeyType: 'AzureKeyVault', uri: 'https://kv.vault.azure.net/keys/tde/1', autoRotationEnabled: true });
    assert.deepEqual(only(resources, 'Microsoft.Sql/servers/firewallRules').properties, { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' });
  });

  it('a service-managed TDE protector and a database with TDE disabled', () => {
    const { resources } = normalize([
      { address: 'azurerm_mssql_server_transparent_data_encryption.sql', values: { server_id: SERVER, key_vault_key_id: null, managed_hsm_key_id: null, auto_rotation_enabled: false } },
      { address: 'azurerm_mssql_database.db', values: { name: 'db', server_id: SERVER, sku_name: 'GP_Gen5_2', collation: 'SQL_Latin1_General_CP1_CI_AS', license_type: null, zone_redundant: true, max_size_gb: 32, storage_account_type: 'Geo', ledger_enabled: false, transparent_data_encryption_enabled: false, transparent_data_encryption_key_vault_key_id: null, tags: {} } },
    ]);
    assert.equal(only(resources, 'Microsoft.Sql/servers/encryptionProtector').properties.serverKeyType, 'ServiceManaged');
    const db = only(resources, 'Microsoft.Sql/servers/databases');
    assert.deepEqual(db.sku, { name: 'GP_Gen5_2' });
    assert.equal(db.properties.maxSizeBytes, 32 * 1024 ** 3);
    assert.equal(only(resources, 'Microsoft.Sql/servers/databases/transparentDataEncryption').properties.state, 'Disabled');
  });

  it('Cosmos DB: azurerm 3 comma-separated ip_range_filter and azurerm 4 set both become ipRules', () => {
    const cosmos = (extra: Record<string, unknown>) => ({
      name: 'cosmos', resource_group_name: 'rg-db', location: 'westeurope', kind: 'GlobalDocumentDB', offer_type: 'Standard', public_network_access_enabled: true, is_virtual_network_filter_enabled: false,
      virtual_network_rule: [], key_vault_key_id: null, local_authentication_disabled: false, access_key_metadata_writes_enabled: true, minimal_tls_version: 'Tls12',
      network_acl_bypass_for_azure_services: false, network_acl_bypass_ids: [], automatic_failover_enabled: true, backup: [{ type: 'Continuous' }], consistency_policy: [{ consistency_level: 'Session' }],
      geo_location: [{ location: 'westeurope', failover_priority: 0, zone_redundant: true }], identity: [], tags: {}, ...extra,
    });
    const { resources } = normalize([
      { address: 'azurerm_cosmosdb_account.v3', values: cosmos({ ip_range_filter: '203.0.113.0/24, 198.51.100.7' }) },
      { address: 'azurerm_cosmosdb_account.v4', values: cosmos({ ip_range_filter: ['0.0.0.0'] }) },
    ]);
    assert.deepEqual(resources[0]?.properties.ipRules, [{ ipAddressOrRange: '203.0.113.0/24' }, { ipAddressOrRange: '198.51.100.7' }]);
    assert.deepEqual(resources[1]?.properties.ipRules, [{ ipAddressOrRange: '0.0.0.0' }]);
    assert.equal(resources[0]?.properties.disableLocalAuth, false);
    assert.equal(resources[0]?.properties.disableKeyBasedMetadataWriteAccess, false);
    assert.equal(resources[0]?.properties.networkAclBypass, 'None');
    assert.equal(resources[0]?.kind, 'GlobalDocumentDB');
  });
});

describe('terraform mapping: apps, containers, AI services, messaging', () => {
  it('a Linux web app on its plan: httpsOnly, TLS, FTPS and basic-auth publishing', () => {
    const { resources } = normalize([
      { address: 'azurerm_service_plan.plan', values: { name: 'asp', resource_group_name: 'rg-app', location: 'westeurope', os_type: 'Linux', sku_name: 'P1v3', zone_balancing_enabled: true, tags: {} }, unknown: ['id'] },
      {
        address: 'azurerm_linux_web_app.app',
        values: {
          name: 'app', resource_group_name: 'rg-app', location: 'westeurope', https_only: false, public_network_access_enabled: true, client_certificate_enabled: false, client_certificate_mode: 'Required', virtual_network_subnet_id: null, key_vault_reference_identity_id: null,
          ftp_publish_basic_authentication_enabled: true, webdeploy_publish_basic_authentication_enabled: false,
          site_config: [{ minimum_tls_version: '1.0', scm_minimum_tls_version: '1.2', ftps_state: 'AllAllowed', http2_enabled: false, always_on: true, remote_debugging_enabled: false, vnet_route_all_enabled: false, ip_restriction: [], ip_restriction_default_action: 'Allow', scm_ip_restriction: [] }],
          identity: [], tags: {},
        },
        unknown: ['service_plan_id'],
        refs: { service_plan_id: ['azurerm_service_plan.plan.id', 'azurerm_service_plan.plan'] },
      },
    ]);
    const plan = only(resources, 'Microsoft.Web/serverfarms');
    assert.equal(plan.kind, 'linux');
    assert.equal(plan.properties.reserved, true);
    const app = only(resources, 'Microsoft.Web/sites');
    assert.equal(app.kind, 'app,linux');
    assert.equal(app.properties.serverFarmId, plan.id);
    assert.equal(app.properties.httpsOnly, false);
    assert.deepEqual(app.properties.siteConfig, { minTlsVersion: '1.0', scmMinTlsVersion: '1.2', ftpsState: 'AllAllowed', http20Enabled: false, alwaysOn: true, remoteDebuggingEnabled: false, vnetRouteAllEnabled: false, ipSecurityRestrictions: [], ipSecurityRestrictionsDefaultAction: 'Allow', scmIpSecurityRestrictions: [] });
    const policies = resources.filter((r) => r.type === 'Microsoft.Web/sites/basicPublishingCredentialsPolicies');
    assert.deepEqual(policies.map((p) => [p.name, p.properties.allow]), [['app/ftp', true], ['app/scm', false]]);
  });

  it('AKS with Entra RBAC, private cluster, Defender and the OMS agent', () => {
    const aks = only(
      normalize([
        {
          address: 'azurerm_kubernetes_cluster.aks',
          values: {
            name: 'aks', resource_group_name: 'rg-aks', location: 'westeurope', kubernetes_version: '1.30', dns_prefix: 'aks', sku_tier: 'Standard', role_based_access_control_enabled: true, local_account_disabled: true, disk_encryption_set_id: null,
            azure_active_directory_role_based_access_control: [{ azure_rbac_enabled: true, admin_group_object_ids: ['55555555-5555-5555-5555-555555555555'], tenant_id: null }],
            private_cluster_enabled: true, private_dns_zone_id: 'System', api_server_access_profile: [], api_server_authorized_ip_ranges: null,
            network_profile: [{ network_plugin: 'azure', network_policy: 'calico', outbound_type: 'userDefinedRouting' }], azure_policy_enabled: true,
            oms_agent: [{ log_analytics_workspace_id: 'law-id' }], microsoft_defender: [{ log_analytics_workspace_id: 'law-id' }],
            default_node_pool: [{ name: 'system', node_count: 3, vm_size: 'Standard_D4s_v5', vnet_subnet_id: 'snet-aks', node_public_ip_enabled: false, host_encryption_enabled: true }],
            identity: [{ type: 'SystemAssigned', identity_ids: [] }], tags: {},
          },
        },
      ]).resources,
      'Microsoft.ContainerService/managedClusters',
    );
    assert.deepEqual(aks.sku, { name: 'Base', tier: 'Standard' });
    assert.deepEqual(aks.properties.aadProfile, { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: ['55555555-5555-5555-5555-555555555555'] });
    assert.deepEqual(aks.properties.apiServerAccessProfile, { enablePrivateCluster: true, privateDNSZone: 'System' });
    assert.deepEqual(aks.properties.addonProfiles, { azurepolicy: { enabled: true }, omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: 'law-id' } } });
    assert.deepEqual(aks.properties.agentPoolProfiles, [{ name: 'system', mode: 'System', count: 3, vmSize: 'Standard_D4s_v5', vnetSubnetID: 'snet-aks', enableNodePublicIP: false, enableEncryptionAtHost: true }]);
  });

  it('Container Registry, cognitive account and Event Hubs namespace', () => {
    const { resources } = normalize([
      {
        address: 'azurerm_container_registry.acr',
        values: { name: 'acr', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium', admin_enabled: true, public_network_access_enabled: true, network_rule_bypass_option: 'AzureServices', anonymous_pull_enabled: false, data_endpoint_enabled: false, zone_redundancy_enabled: true, quarantine_policy_enabled: false, export_policy_enabled: true, trust_policy_enabled: false, retention_policy_in_days: 7, network_rule_set: [], encryption: [], identity: [], tags: {} },
      },
      {
        address: 'azurerm_cognitive_account.oai',
        values: { name: 'oai', resource_group_name: 'rg', location: 'westeurope', kind: 'OpenAI', sku_name: 'S0', public_network_access_enabled: false, local_auth_enabled: false, custom_subdomain_name: 'oai-lz', outbound_network_access_restricted: true, fqdns: [], network_acls: [{ default_action: 'Deny', ip_rules: [], virtual_network_rules: [] }], customer_managed_key: [{ key_vault_key_id: 'https://kv.vault.azure.net/keys/oai/v1', identity_client_id: null }], identity: [], tags: {} },
      },
      {
        address: 'azurerm_eventhub_namespace.evh',
        values: { name: 'evh', resource_group_name: 'rg', location: 'westeurope', sku: 'Standard', capacity: 1, minimum_tls_version: '1.2', public_network_access_enabled: false, local_authentication_enabled: false, auto_inflate_enabled: false, maximum_throughput_units: 0, network_rulesets: [{ default_action: 'Deny', public_network_access_enabled: false, trusted_service_access_enabled: true, ip_rule: [], virtual_network_rule: [] }], identity: [], tags: {} },
      },
    ]);
    const acr = only(resources, 'Microsoft.ContainerRegistry/registries');
    assert.equal(acr.properties.adminUserEnabled, true);
    assert.deepEqual(acr.properties.policies, { quarantinePolicy: { status: 'Disabled' }, exportPolicy: { status: 'Enabled' }, trustPolicy: { status: 'Disabled' }, retentionPolicy: { days: 7 } });
    const oai = only(resources, 'Microsoft.CognitiveServices/accounts');
    assert.equal(oai.properties.disableLocalAuth, true);
    assert.deepEqual(oai.properties.encryption, { keySource: 'Microsoft.KeyVault', keyVaultProperties: { keyVaultUri: 'https://kv.vault.azure.net/', keyName: 'oai', keyVersion: 'v1' } });
    assert.deepEqual(oai.properties.networkAcls, { defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] });
    const evh = only(resources, 'Microsoft.EventHub/namespaces');
    assert.deepEqual(json(evh.properties), { minimumTlsVersion: '1.2', publicNetworkAccess: 'Disabled', disableLocalAuth: true, isAutoInflateEnabled: false, maximumThroughputUnits: 0 });
    const rules = only(resources, 'Microsoft.EventHub/namespaces/networkRuleSets');
    assert.equal(rules.id, `${evh.id}/networkRuleSets/default`);
    assert.deepEqual(rules.properties, { defaultAction: 'Deny', publicNetworkAccess: 'Disabled', trustedServiceAccessEnabled: true, ipRules: [], virtualNetworkRules: [] });
  });
});

describe('terraform mapping: more PaaS services with public access and local auth', () => {
  it('Service Bus, AI Search, App Configuration and API Management', () => {
    const { resources } = normalize([
      { address: 'azurerm_servicebus_namespace.sb', values: { name: 'sb', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium', capacity: 1, minimum_tls_version: '1.2', public_network_access_enabled: false, local_auth_enabled: false, customer_managed_key: [{ key_vault_key_id: 'https://kv.vault.azure.net/keys/sb', identity_id: 'uai', infrastructure_encryption_enabled: true }], identity: [], tags: {} } },
      { address: 'azurerm_search_service.search', values: { name: 'srch', resource_group_name: 'rg', location: 'westeurope', sku: 'standard', public_network_access_enabled: true, local_authentication_enabled: true, customer_managed_key_enforcement_enabled: false, allowed_ips: [], identity: [], tags: {} } },
      { address: 'azurerm_app_configuration.cfg', values: { name: 'appcs', resource_group_name: 'rg', location: 'westeurope', sku: 'standard', public_network_access: 'Disabled', local_auth_enabled: false, purge_protection_enabled: true, soft_delete_retention_days: 7, encryption: [], identity: [], tags: {} } },
      { address: 'azurerm_api_management.apim', values: { name: 'apim', resource_group_name: 'rg', location: 'westeurope', sku_name: 'Developer_1', publisher_name: 'Contoso', publisher_email: 'api@contoso.example', public_network_access_enabled: true, virtual_network_type: 'None', virtual_network_configuration: [], identity: [], tags: {} } },
    ]);
    assert.deepEqual(only(resources, 'Microsoft.ServiceBus/namespaces').properties, {
      minimumTlsVersion: '1.2',
      publicNetworkAccess: 'Disabled',
      disableLocalAuth: true,
      encryption: { keySource: 'Microsoft.KeyVault', keyVaultProperties: [{ keyName: 'sb', keyVaultUri: 'https://kv.vault.azure.net/', keyVersion: '', identity: { userAssignedIdentity: 'uai' } }], requireInfrastructureEncryption: true },
    });
    assert.deepEqual(only(resources, 'Microsoft.Search/searchServices').properties, { publicNetworkAccess: 'enabled', disableLocalAuth: false, encryptionWithCmk: { enforcement: 'Unspecified' }, networkRuleSet: { ipRules: [] } });
    assert.deepEqual(only(resources, 'Microsoft.AppConfiguration/configurationStores').properties, { publicNetworkAccess: 'Disabled', disableLocalAuth: true, enablePurgeProtection: true, softDeleteRetentionInDays: 7 });
    const apim = only(resources, 'Microsoft.ApiManagement/service');
    assert.deepEqual(apim.sku, { name: 'Developer', capacity: 1 });
    assert.equal(apim.properties.publicNetworkAccess, 'Enabled');
  });

  it('PostgreSQL and MySQL flexible servers, and a Bastion host', () => {
    const flex = { resource_group_name: 'rg', location: 'westeurope', sku_name: 'GP_Standard_D2s_v3', version: '16', administrator_login: null, public_network_access_enabled: false, delegated_subnet_id: 'snet', private_dns_zone_id: 'dns', backup_retention_days: 35, geo_redundant_backup_enabled: true, identity: [], tags: {} };
    const { resources } = normalize([
      { address: 'azurerm_postgresql_flexible_server.pg', values: { ...flex, name: 'pg', customer_managed_key: [{ key_vault_key_id: 'https://kv.vault.azure.net/keys/pg', primary_user_assigned_identity_id: 'uai' }], authentication: [{ active_directory_auth_enabled: true, password_auth_enabled: false }] } },
      { address: 'azurerm_mysql_flexible_server.my', values: { ...flex, name: 'my', version: '8.0.21', customer_managed_key: [] } },
      { address: 'azurerm_bastion_host.bas', values: { name: 'bas', resource_group_name: 'rg', location: 'westeurope', sku: 'Standard', copy_paste_enabled: true, file_copy_enabled: false, ip_connect_enabled: false, shareable_link_enabled: false, tunneling_enabled: true, ip_configuration: [{ name: 'cfg', subnet_id: 'snet-bastion', public_ip_address_id: 'pip' }], tags: {} } },
    ]);
    const pg = only(resources, 'Microsoft.DBforPostgreSQL/flexibleServers');
    assert.deepEqual(pg.properties, {
      version: '16',
      network: { publicNetworkAccess: 'Disabled', delegatedSubnetResourceId: 'snet', privateDnsZoneArmResourceId: 'dns' },
      backup: { backupRetentionDays: 35, geoRedundantBackup: 'Enabled' },
      dataEncryption: { type: 'AzureKeyVault', primaryKeyURI: 'https://kv.vault.azure.net/keys/pg', primaryUserAssignedIdentityId: 'uai' },
      authConfig: { activeDirectoryAuth: 'Enabled', passwordAuth: 'Disabled' },
    });
    assert.deepEqual(only(resources, 'Microsoft.DBforMySQL/flexibleServers').properties.dataEncryption, { type: 'SystemManaged' });
    const bastion = only(resources, 'Microsoft.Network/bastionHosts');
    assert.equal(bastion.properties.disableCopyPaste, false);
    assert.equal(bastion.properties.enableShareableLink, false);
  });
});
