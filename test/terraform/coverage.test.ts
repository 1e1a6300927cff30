import assert from 'node:assert/strict';
import { mappedTerraformTypes } from '../../src/core/terraform';
import { MAPPINGS } from '../../src/core/terraform/mappings';

/** The azurerm types the control catalogue needs (the landing-zone services ControlTrace checks). */
const REQUIRED = [
  'azurerm_storage_account', 'azurerm_storage_account_customer_managed_key', 'azurerm_key_vault', 'azurerm_key_vault_key',
  'azurerm_machine_learning_workspace', 'azurerm_machine_learning_compute_instance', 'azurerm_machine_learning_compute_cluster',
  'azurerm_container_registry', 'azurerm_databricks_workspace', 'azurerm_synapse_workspace', 'azurerm_synapse_firewall_rule',
  'azurerm_data_factory', 'azurerm_data_factory_integration_runtime_azure', 'azurerm_data_factory_integration_runtime_self_hosted',
  'azurerm_purview_account', 'azurerm_mssql_server', 'azurerm_mssql_database', 'azurerm_mssql_server_extended_auditing_policy',
  'azurerm_mssql_server_transparent_data_encryption', 'azurerm_cosmosdb_account', 'azurerm_linux_web_app', 'azurerm_windows_web_app',
  'azurerm_service_plan', 'azurerm_kubernetes_cluster', 'azurerm_cognitive_account', 'azurerm_application_insights',
  'azurerm_log_analytics_workspace', 'azurerm_eventhub_namespace', 'azurerm_virtual_network', 'azurerm_subnet',
  'azurerm_network_security_group', 'azurerm_network_security_rule', 'azurerm_firewall', 'azurerm_firewall_policy',
  'azurerm_application_gateway', 'azurerm_web_application_firewall_policy', 'azurerm_private_endpoint', 'azurerm_monitor_diagnostic_setting',
  'azurerm_role_assignment', 'azurerm_role_definition', 'azurerm_security_center_subscription_pricing',
  'azurerm_subscription_policy_assignment', 'azurerm_resource_group_policy_assignment', 'azurerm_management_group_policy_assignment',
];

describe('terraform: mapping coverage', () => {
  it('maps every azurerm type the control catalogue needs', () => {
    const mapped = new Set(mappedTerraformTypes());
    assert.deepEqual(REQUIRED.filter((t) => !mapped.has(t)), []);
  });

  it('every mapping names a full ARM type and an API version', () => {
    for (const [tf, m] of MAPPINGS) {
      assert.match(m.armType, /^Microsoft\.[A-Za-z]+(\/[A-Za-z]+)+$/, tf);
      assert.match(m.apiVersion, /^\d{4}-\d{2}-\d{2}(-preview)?$/, tf);
      if (m.id.kind === 'inResourceGroup') assert.equal((m.id.names ?? ['name']).length, m.armType.split('/').length - 1, `${tf}: one name per type segment`);
    }
  });
});
