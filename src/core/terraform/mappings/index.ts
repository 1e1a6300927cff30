// The azurerm resource types ControlTrace understands, and the ARM type each becomes. Adding a type is
// adding a table entry; a type that is not here is reported as "not checked", never guessed.

import type { Augmentation, TypeMapping } from '../spec';
import * as analytics from './analytics';
import * as apps from './apps';
import * as authz from './authorization';
import * as db from './databases';
import * as kv from './keyvault';
import * as monitor from './monitor';
import * as net from './network';
import * as storage from './storage';

export const MAPPINGS: ReadonlyMap<string, TypeMapping> = new Map<string, TypeMapping>([
  ['azurerm_resource_group', authz.resourceGroup],
  ['azurerm_user_assigned_identity', authz.userAssignedIdentity],
  ['azurerm_role_assignment', authz.roleAssignment],
  ['azurerm_role_definition', authz.roleDefinition],
  ['azurerm_subscription_policy_assignment', authz.subscriptionPolicyAssignment],
  ['azurerm_resource_group_policy_assignment', authz.resourceGroupPolicyAssignment],
  ['azurerm_management_group_policy_assignment', authz.managementGroupPolicyAssignment],
  ['azurerm_resource_policy_assignment', authz.resourcePolicyAssignment],
  ['azurerm_management_lock', authz.managementLock],
  ['azurerm_security_center_subscription_pricing', authz.securityPricing],
  ['azurerm_security_center_contact', authz.securityContact],

  ['azurerm_storage_account', storage.storageAccount],

  ['azurerm_key_vault', kv.keyVault],
  ['azurerm_key_vault_key', kv.keyVaultKey],
  ['azurerm_key_vault_secret', kv.keyVaultSecret],

  ['azurerm_virtual_network', net.virtualNetwork],
  ['azurerm_subnet', net.subnet],
  ['azurerm_network_security_group', net.networkSecurityGroup],
  ['azurerm_network_security_rule', net.networkSecurityRule],
  ['azurerm_route_table', net.routeTable],
  ['azurerm_public_ip', net.publicIp],
  ['azurerm_firewall', net.firewall],
  ['azurerm_firewall_policy', net.firewallPolicy],
  ['azurerm_application_gateway', net.applicationGateway],
  ['azurerm_web_application_firewall_policy', net.wafPolicy],
  ['azurerm_private_endpoint', net.privateEndpoint],
  ['azurerm_private_dns_zone', net.privateDnsZone],
  ['azurerm_private_dns_zone_virtual_network_link', net.privateDnsZoneLink],
  ['azurerm_bastion_host', net.bastionHost],

  ['azurerm_monitor_diagnostic_setting', monitor.diagnosticSetting],
  ['azurerm_log_analytics_workspace', monitor.logAnalyticsWorkspace],
  ['azurerm_application_insights', monitor.applicationInsights],

  ['azurerm_machine_learning_workspace', analytics.machineLearningWorkspace],
  ['azurerm_machine_learning_compute_instance', analytics.machineLearningComputeInstance],
  ['azurerm_machine_learning_compute_cluster', analytics.machineLearningComputeCluster],
  ['azurerm_databricks_workspace', analytics.databricksWorkspace],
  ['azurerm_synapse_workspace', analytics.synapseWorkspace],
  ['azurerm_synapse_firewall_rule', analytics.synapseFirewallRule],
  ['azurerm_synapse_managed_private_endpoint', analytics.synapseManagedPrivateEndpoint],
  ['azurerm_data_factory', analytics.dataFactory],
  ['azurerm_data_factory_integration_runtime_azure', analytics.dataFactoryAzureIntegrationRuntime],
  ['azurerm_data_factory_integration_runtime_self_hosted', analytics.dataFactorySelfHostedIntegrationRuntime],
  ['azurerm_data_factory_managed_private_endpoint', analytics.dataFactoryManagedPrivateEndpoint],
  ['azurerm_purview_account', analytics.purviewAccount],

  ['azurerm_mssql_server', db.mssqlServer],
  ['azurerm_sql_server', db.sqlServer],
  ['azurerm_sql_firewall_rule', db.sqlFirewallRule],
  ['azurerm_mssql_database', db.mssqlDatabase],
  ['azurerm_mssql_server_extended_auditing_policy', db.mssqlServerAuditing],
  ['azurerm_mssql_database_extended_auditing_policy', db.mssqlDatabaseAuditing],
  ['azurerm_mssql_server_transparent_data_encryption', db.mssqlServerTde],
  ['azurerm_mssql_firewall_rule', db.mssqlFirewallRule],
  ['azurerm_mssql_virtual_network_rule', db.mssqlVirtualNetworkRule],
  ['azurerm_cosmosdb_account', db.cosmosdbAccount],
  ['azurerm_postgresql_flexible_server', db.postgresqlFlexibleServer],
  ['azurerm_mysql_flexible_server', db.mysqlFlexibleServer],
  ['azurerm_redis_cache', db.redisCache],
  ['azurerm_mysql_server', db.mysqlServer],
  ['azurerm_postgresql_server', db.postgresqlServer],
  ['azurerm_mariadb_server', db.mariadbServer],

  ['azurerm_service_plan', apps.servicePlan],
  ['azurerm_linux_web_app', apps.linuxWebApp],
  ['azurerm_windows_web_app', apps.windowsWebApp],
  ['azurerm_linux_function_app', apps.linuxFunctionApp],
  ['azurerm_windows_function_app', apps.windowsFunctionApp],
  ['azurerm_app_service', apps.appService],
  ['azurerm_app_service_slot', apps.appServiceSlot],
  ['azurerm_function_app', apps.functionApp],
  ['azurerm_function_app_slot', apps.functionAppSlot],
  ['azurerm_linux_web_app_slot', apps.linuxWebAppSlot],
  ['azurerm_windows_web_app_slot', apps.windowsWebAppSlot],
  ['azurerm_linux_function_app_slot', apps.linuxFunctionAppSlot],
  ['azurerm_windows_function_app_slot', apps.windowsFunctionAppSlot],
  ['azurerm_kubernetes_cluster', apps.kubernetesCluster],
  ['azurerm_container_registry', apps.containerRegistry],
  ['azurerm_cognitive_account', apps.cognitiveAccount],
  ['azurerm_eventhub_namespace', apps.eventhubNamespace],
  ['azurerm_servicebus_namespace', apps.servicebusNamespace],
  ['azurerm_search_service', apps.searchService],
  ['azurerm_app_configuration', apps.appConfiguration],
  ['azurerm_api_management', apps.apiManagement],
]);

/** Types whose settings ARM keeps on another resource: merged into it, not emitted. */
export const AUGMENTATIONS: ReadonlyMap<string, Augmentation> = new Map<string, Augmentation>([
  ['azurerm_storage_account_customer_managed_key', storage.storageCustomerManagedKey],
  ['azurerm_storage_account_network_rules', storage.storageNetworkRules],
  ['azurerm_subnet_network_security_group_association', net.subnetNsgAssociation],
  ['azurerm_subnet_route_table_association', net.subnetRouteTableAssociation],
  ['azurerm_databricks_workspace_root_dbfs_customer_managed_key', analytics.databricksDbfsCustomerManagedKey],
]);

/** Every azurerm type with a mapping or an augmentation (for documentation and tests). */
export function mappedTerraformTypes(): string[] {
  return [...MAPPINGS.keys(), ...AUGMENTATIONS.keys()].sort();
}
