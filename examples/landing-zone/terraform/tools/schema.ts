// The attributes the azurerm 4.x provider plans for each resource type used by the example landing
// zone, with the value Terraform shows when the .tf leaves them unset (schema default, null, or an
// empty block list). The descriptions overlay what the .tf sets. Attributes ControlTrace does not read
// and that the .tf does not set are left out to keep the examples readable.

import type { Values } from './plan-writer';

const with_ = (defaults: Values) => (set: Values): Values => ({ ...defaults, ...set });

export const resourceGroup = with_({ managed_by: null, tags: null });

export const logAnalyticsWorkspace = with_({
  sku: 'PerGB2018', retention_in_days: 30, daily_quota_gb: -1, internet_ingestion_enabled: true, internet_query_enabled: true,
  local_authentication_disabled: false, allow_resource_only_permissions: true, cmk_for_query_forced: null, identity: [], tags: null,
});

export const keyVault = with_({
  sku_name: 'standard', soft_delete_retention_days: 90, purge_protection_enabled: null, enable_rbac_authorization: null, enabled_for_deployment: null,
  enabled_for_disk_encryption: null, enabled_for_template_deployment: null, public_network_access_enabled: true, network_acls: [], access_policy: [], contact: [], tags: null,
});

export const keyVaultKey = with_({ curve: null, expiration_date: null, not_before_date: null, rotation_policy: [], tags: null });

export const userAssignedIdentity = with_({ tags: null });

export const roleAssignment = with_({
  condition: null, condition_version: null, delegated_managed_identity_resource_id: null, description: null, role_definition_name: null, principal_type: null, skip_service_principal_aad_check: null,
});

export const virtualNetwork = with_({ dns_servers: [], ddos_protection_plan: [], bgp_community: null, edge_zone: null, flow_timeout_in_minutes: null, encryption: [], tags: null });

export const subnet = with_({
  delegation: [], service_endpoints: null, service_endpoint_policy_ids: null, private_endpoint_network_policies: 'Disabled', private_link_service_network_policies_enabled: true, default_outbound_access_enabled: true,
});

export const networkSecurityGroup = with_({ tags: null });

export const securityRule = with_({
  description: null, source_port_range: null, source_port_ranges: null, destination_port_range: null, destination_port_ranges: null, source_address_prefix: null, source_address_prefixes: null,
  destination_address_prefix: null, destination_address_prefixes: null, source_application_security_group_ids: null, destination_application_security_group_ids: null,
});

export const storageAccount = with_({
  account_kind: 'StorageV2', access_tier: 'Hot', min_tls_version: 'TLS1_2', https_traffic_only_enabled: true, allow_nested_items_to_be_public: true, shared_access_key_enabled: true,
  public_network_access_enabled: true, default_to_oauth_authentication: false, cross_tenant_replication_enabled: false, infrastructure_encryption_enabled: false, is_hns_enabled: false,
  sftp_enabled: false, local_user_enabled: true, nfsv3_enabled: false, network_rules: [], customer_managed_key: [], identity: [], blob_properties: [], tags: null,
});

export const privateEndpoint = with_({ custom_network_interface_name: null, ip_configuration: [], private_dns_zone_group: [], tags: null });

export const serviceConnection = with_({ is_manual_connection: false, private_connection_resource_alias: null, request_message: null });

export const diagnosticSetting = with_({
  eventhub_authorization_rule_id: null, eventhub_name: null, log_analytics_destination_type: null, partner_solution_id: null, storage_account_id: null, enabled_log: [], metric: [],
});

export const pricing = with_({ subplan: null, extension: [] });

export const securityContact = with_({ phone: null });

export const mssqlServer = with_({
  version: '12.0', administrator_login: null, minimum_tls_version: '1.2', public_network_access_enabled: true, outbound_network_restriction_enabled: false, primary_user_assigned_identity_id: null,
  transparent_data_encryption_key_vault_key_id: null, azuread_administrator: [], identity: [], tags: null,
});

export const mssqlFirewallRule = with_({});

export const dataFactory = with_({
  public_network_enabled: true, managed_virtual_network_enabled: false, customer_managed_key_id: null, customer_managed_key_identity_id: null, purview_id: null, github_configuration: [],
  vsts_configuration: [], global_parameter: [], identity: [], tags: null,
});
