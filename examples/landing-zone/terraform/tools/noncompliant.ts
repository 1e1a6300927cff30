// The non-compliant landing zone of ../noncompliant/*.tf as Terraform would plan it on a first apply:
// the shortcuts a team under deadline takes.

import { SUBSCRIPTION_ID, TENANT_ID } from './compliant';
import type { PlanDescription, PlannedResource } from './plan-writer';
import * as s from './schema';

const SUB = `/subscriptions/${SUBSCRIPTION_ID}`;
const LOCATION = 'westeurope';
const ALICE = '6f7e8d9c-0b1a-4c2d-9e3f-4a5b6c7d8e9f';
const CONTRACTOR = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
/** Plan JSON carries sensitive values in plain text; this one is an example value, and it must never reach a report. */
export const SQL_PASSWORD = 'Example-Only-Not-A-Secret-42';

const resources: PlannedResource[] = [
  { address: 'data.azurerm_client_config.current', values: { client_id: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', id: 'Y2xpZW50Q29uZmlncy9jbGllbnRJZA==', object_id: ALICE, subscription_id: SUBSCRIPTION_ID, tenant_id: TENANT_ID, timeouts: null }, action: 'read' },
  { address: 'data.azurerm_subscription.current', values: { display_name: 'sub-clinical-data-prod', id: SUB, subscription_id: SUBSCRIPTION_ID, tenant_id: TENANT_ID, state: 'Enabled', tags: {}, timeouts: null }, action: 'read' },
  {
    address: 'azurerm_resource_group.analytics',
    values: s.resourceGroup({ name: 'rg-analytics-sandbox', location: LOCATION, tags: { CostCenter: 'CC-4711' } }),
    unknown: ['id'],
    literals: ['name', 'location', 'tags'],
  },
  {
    address: 'azurerm_resource_group.jumpbox',
    values: s.resourceGroup({ name: 'rg-jumpbox', location: LOCATION }),
    unknown: ['id'],
    literals: ['name', 'location'],
  },
  {
    address: 'azurerm_storage_account.shared',
    values: s.storageAccount({
      name: 'stanalyticsshared', resource_group_name: 'rg-analytics-sandbox', location: LOCATION, account_tier: 'Standard', account_replication_type: 'LRS',
      min_tls_version: 'TLS1_0', https_traffic_only_enabled: false, allow_nested_items_to_be_public: true,
    }),
    unknown: ['id', 'primary_blob_endpoint', 'primary_access_key'],
    refs: { resource_group_name: ['azurerm_resource_group.analytics.name', 'azurerm_resource_group.analytics'] },
    literals: ['name', 'account_tier', 'account_replication_type', 'min_tls_version', 'https_traffic_only_enabled', 'allow_nested_items_to_be_public'],
  },
  {
    address: 'azurerm_key_vault.analytics',
    values: s.keyVault({ name: 'kv-analytics-sandbox', resource_group_name: 'rg-analytics-sandbox', location: LOCATION, tenant_id: TENANT_ID, purge_protection_enabled: false, soft_delete_retention_days: 7, tags: { CostCenter: 'CC-4711' } }),
    unknown: ['id', 'vault_uri'],
    refs: { tenant_id: ['data.azurerm_client_config.current.tenant_id', 'data.azurerm_client_config.current'] },
    literals: ['name', 'purge_protection_enabled', 'soft_delete_retention_days'],
  },
  {
    address: 'azurerm_log_analytics_workspace.team',
    values: s.logAnalyticsWorkspace({ name: 'law-team-analytics', resource_group_name: 'rg-analytics-sandbox', location: LOCATION, tags: { CostCenter: 'CC-4711' } }),
    unknown: ['id', 'workspace_id', 'primary_shared_key', 'secondary_shared_key'],
    literals: ['name'],
  },
  {
    // Logs go to the team's own workspace instead of the central one.
    address: 'azurerm_monitor_diagnostic_setting.key_vault',
    values: s.diagnosticSetting({ name: 'to-team-law', enabled_log: [{ category: 'AuditEvent', category_group: null }] }),
    unknown: ['id', 'target_resource_id', 'log_analytics_workspace_id'],
    refs: { target_resource_id: ['azurerm_key_vault.analytics.id', 'azurerm_key_vault.analytics'], log_analytics_workspace_id: ['azurerm_log_analytics_workspace.team.id', 'azurerm_log_analytics_workspace.team'] },
  },
  {
    address: 'azurerm_network_security_group.jumpbox',
    values: s.networkSecurityGroup({ name: 'nsg-jumpbox', resource_group_name: 'rg-jumpbox', location: LOCATION, security_rule: [] }),
    unknown: ['id'],
    literals: ['name'],
  },
  {
    address: 'azurerm_network_security_rule.rdp',
    values: s.securityRule({
      name: 'allow-rdp-from-anywhere', resource_group_name: 'rg-jumpbox', network_security_group_name: 'nsg-jumpbox', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
      source_port_range: '*', destination_port_range: '3389', source_address_prefix: 'Internet', destination_address_prefix: '*',
    }),
    unknown: ['id'],
    refs: { network_security_group_name: ['azurerm_network_security_group.jumpbox.name', 'azurerm_network_security_group.jumpbox'] },
    literals: ['name', 'priority', 'direction', 'access', 'protocol', 'source_port_range', 'destination_port_range', 'source_address_prefix', 'destination_address_prefix'],
  },
  {
    // A VM type ControlTrace does not map: it is reported as not checked.
    address: 'azurerm_windows_virtual_machine.jumpbox',
    values: { name: 'vm-jumpbox', resource_group_name: 'rg-jumpbox', location: LOCATION, size: 'Standard_B2s', admin_username: 'azureadmin', tags: null },
    unknown: ['id', 'private_ip_address', 'public_ip_address'],
    literals: ['name', 'size', 'admin_username'],
  },
  {
    address: 'azurerm_role_assignment.owner_alice',
    values: s.roleAssignment({ scope: SUB, role_definition_name: 'Owner', principal_id: ALICE, principal_type: 'User' }),
    unknown: ['id', 'name', 'role_definition_id'],
    refs: { scope: ['data.azurerm_subscription.current.id', 'data.azurerm_subscription.current'] },
    literals: ['role_definition_name', 'principal_id', 'principal_type'],
  },
  {
    address: 'azurerm_role_assignment.contractor',
    values: s.roleAssignment({ role_definition_name: 'Contributor', principal_id: CONTRACTOR, principal_type: 'User' }),
    unknown: ['id', 'name', 'role_definition_id', 'scope'],
    refs: { scope: ['azurerm_resource_group.analytics.id', 'azurerm_resource_group.analytics'] },
    literals: ['role_definition_name', 'principal_id', 'principal_type'],
  },
  {
    address: 'azurerm_mssql_server.analytics',
    values: s.mssqlServer({ name: 'sql-analytics-sandbox', resource_group_name: 'rg-analytics-sandbox', location: LOCATION, administrator_login: 'sqladmin', administrator_login_password: SQL_PASSWORD, minimum_tls_version: '1.0', tags: { CostCenter: 'CC-4711' } }),
    unknown: ['id', 'fully_qualified_domain_name', 'restorable_dropped_database_ids'],
    sensitive: ['administrator_login_password'],
    refs: { administrator_login_password: ['var.sql_admin_password'] },
    literals: ['name', 'version', 'administrator_login', 'minimum_tls_version'],
  },
  {
    address: 'azurerm_mssql_firewall_rule.everyone',
    values: s.mssqlFirewallRule({ name: 'AllowAll', start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' }),
    unknown: ['id', 'server_id'],
    refs: { server_id: ['azurerm_mssql_server.analytics.id', 'azurerm_mssql_server.analytics'] },
    literals: ['name', 'start_ip_address', 'end_ip_address'],
  },
  {
    address: 'azurerm_data_factory.analytics',
    values: s.dataFactory({ name: 'adf-analytics-sandbox', resource_group_name: 'rg-analytics-sandbox', location: LOCATION, tags: { CostCenter: 'CC-4711' } }),
    unknown: ['id'],
    literals: ['name'],
  },
];

export const noncompliant: PlanDescription = {
  terraformVersion: '1.9.8',
  providerVersion: '~> 4.14',
  timestamp: '2026-11-20T09:45:00Z',
  resources,
  moduleCalls: [],
  variables: { sql_admin_password: { value: SQL_PASSWORD, sensitive: true } },
};
