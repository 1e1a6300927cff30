import assert from 'node:assert/strict';
import { json, normalize, only } from './helpers';
import { RG } from './plan-builder';

const WS = `${RG('rg-ml')}/providers/Microsoft.MachineLearningServices/workspaces/mlw`;

describe('terraform mapping: machine learning', () => {
  it('workspace with CMK and a managed network; compute instance and cluster as workspace children', () => {
    const { resources } = normalize([
      {
        address: 'azurerm_machine_learning_workspace.mlw',
        values: {
          name: 'mlw', resource_group_name: 'rg-ml', location: 'westeurope', kind: 'Default', sku_name: 'Basic', public_network_access_enabled: false, high_business_impact: true, v1_legacy_mode_enabled: false,
          key_vault_id: 'kv-id', storage_account_id: 'st-id', application_insights_id: 'appi-id', container_registry_id: null, image_build_compute_name: null,
          encryption: [{ key_vault_id: 'kv-id', key_id: 'https://kv.vault.azure.net/keys/k/1', user_assigned_identity_id: null }], managed_network: [{ isolation_mode: 'AllowOnlyApprovedOutbound' }],
          identity: [{ type: 'SystemAssigned', identity_ids: [] }], tags: {},
        },
        unknown: ['id'],
      },
      {
        address: 'azurerm_machine_learning_compute_instance.ci',
        values: { name: 'ci-alice', location: 'westeurope', virtual_machine_size: 'STANDARD_DS3_V2', subnet_resource_id: 'snet', node_public_ip_enabled: false, local_auth_enabled: false, description: null, ssh: [], assign_to_user: [], identity: [], tags: {} },
        unknown: ['machine_learning_workspace_id'],
        refs: { machine_learning_workspace_id: ['azurerm_machine_learning_workspace.mlw.id', 'azurerm_machine_learning_workspace.mlw'] },
      },
      {
        address: 'azurerm_machine_learning_compute_cluster.cpu',
        values: { name: 'cpu', location: 'westeurope', machine_learning_workspace_id: WS, vm_size: 'STANDARD_DS3_V2', vm_priority: 'LowPriority', subnet_resource_id: 'snet', node_public_ip_enabled: true, ssh_public_access_enabled: true, local_auth_enabled: true, description: null, scale_settings: [{ min_node_count: 0, max_node_count: 4, scale_down_nodes_after_idle_duration: 'PT120S' }], identity: [], tags: {} },
      },
    ]);
    const ws = only(resources, 'Microsoft.MachineLearningServices/workspaces');
    assert.equal(ws.id, WS);
    assert.deepEqual(ws.identity, { type: 'SystemAssigned' });
    assert.equal(ws.properties.publicNetworkAccess, 'Disabled');
    assert.deepEqual(ws.properties.encryption, { status: 'Enabled', keyVaultProperties: { keyVaultArmId: 'kv-id', keyIdentifier: 'https://kv.vault.azure.net/keys/k/1' } });
    assert.deepEqual(ws.properties.managedNetwork, { isolationMode: 'AllowOnlyApprovedOutbound' });
    const [ci, cluster] = resources.filter((r) => r.type === 'Microsoft.MachineLearningServices/workspaces/computes');
    assert.equal(ci?.id, `${WS}/computes/ci-alice`);
    assert.equal(ci?.name, 'mlw/ci-alice');
    assert.deepEqual(ci?.properties, { computeType: 'ComputeInstance', disableLocalAuth: true, properties: { vmSize: 'STANDARD_DS3_V2', subnet: { id: 'snet' }, enableNodePublicIp: false, sshSettings: { sshPublicAccess: 'Disabled' } } });
    assert.equal(cluster?.properties.computeType, 'AmlCompute');
    assert.deepEqual((cluster?.properties.properties as Record<string, unknown>).enableNodePublicIp, true);
    assert.deepEqual((cluster?.properties.properties as Record<string, unknown>).remoteLoginPortPublicAccess, 'Enabled');
  });
});

describe('terraform mapping: Databricks, Synapse, Data Factory, Purview', () => {
  it('Databricks with VNet injection, no public IP and CMK for managed services', () => {
    const dbw = only(
      normalize([
        {
          address: 'azurerm_databricks_workspace.dbw',
          values: {
            name: 'dbw', resource_group_name: 'rg-dbw', location: 'westeurope', sku: 'premium', public_network_access_enabled: false, network_security_group_rules_required: 'NoAzureDatabricksRules',
            managed_resource_group_name: 'rg-dbw-managed', customer_managed_key_enabled: true, infrastructure_encryption_enabled: true,
            custom_parameters: [{ no_public_ip: true, virtual_network_id: 'vnet-id', public_subnet_name: 'snet-host', private_subnet_name: 'snet-container' }],
            managed_services_cmk_key_vault_key_id: 'https://kv.vault.azure.net/keys/dbw/abc', managed_disk_cmk_key_vault_key_id: null, tags: {},
          },
          unknown: ['managed_resource_group_id'],
        },
      ]).resources,
      'Microsoft.Databricks/workspaces',
    );
    assert.deepEqual(json(dbw.properties), {
      publicNetworkAccess: 'Disabled',
      requiredNsgRules: 'NoAzureDatabricksRules',
      managedResourceGroupId: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-dbw-managed',
      parameters: {
        enableNoPublicIp: { value: true },
        customVirtualNetworkId: { value: 'vnet-id' },
        customPublicSubnetName: { value: 'snet-host' },
        customPrivateSubnetName: { value: 'snet-container' },
        prepareEncryption: { value: true },
        requireInfrastructureEncryption: { value: true },
      },
      encryption: { entities: { managedServices: { keySource: 'Microsoft.Keyvault', keyVaultProperties: { keyVaultUri: 'https://kv.vault.azure.net/', keyName: 'dbw', keyVersion: 'abc' } } } },
    });
  });

  it('azurerm_databricks_workspace_root_dbfs_customer_managed_key sets the DBFS encryption parameter', () => {
    const { resources } = normalize([
      { address: 'azurerm_databricks_workspace.dbw', values: { name: 'dbw', resource_group_name: 'rg-dbw', location: 'westeurope', sku: 'premium', public_network_access_enabled: false, network_security_group_rules_required: 'NoAzureDatabricksRules', managed_resource_group_name: 'rg-m', custom_parameters: [], customer_managed_key_enabled: true, infrastructure_encryption_enabled: false, managed_services_cmk_key_vault_key_id: null, managed_disk_cmk_key_vault_key_id: null, tags: {} }, unknown: ['id'] },
      { address: 'azurerm_databricks_workspace_root_dbfs_customer_managed_key.dbfs', values: { key_vault_key_id: 'https://kv.vault.azure.net/keys/dbfs/v2' }, unknown: ['workspace_id'], refs: { workspace_id: ['azurerm_databricks_workspace.dbw.id', 'azurerm_databricks_workspace.dbw'] } },
    ]);
    const dbw = only(resources, 'Microsoft.Databricks/workspaces');
    assert.deepEqual((dbw.properties.parameters as Record<string, unknown>).encryption, { value: { keySource: 'Microsoft.Keyvault', KeyName: 'dbfs', keyversion: 'v2', keyvaulturi: 'https://kv.vault.azure.net/' } });
  });

  it('Synapse with managed VNet, exfiltration protection and a firewall rule open to all', () => {
    const { resources } = normalize([
      {
        address: 'azurerm_synapse_workspace.syn',
        values: {
          name: 'syn', resource_group_name: 'rg-syn', location: 'westeurope', public_network_access_enabled: true, managed_virtual_network_enabled: true, data_exfiltration_protection_enabled: true,
          linking_allowed_for_aad_tenant_ids: [], managed_resource_group_name: null, sql_administrator_login: 'sqladmin', azuread_authentication_only: false,
          storage_data_lake_gen2_filesystem_id: 'https://stlake.dfs.core.windows.net/synapse', customer_managed_key: [], identity: [{ type: 'SystemAssigned', identity_ids: [] }], tags: {},
        },
        unknown: ['id'],
      },
      { address: 'azurerm_synapse_firewall_rule.all', values: { name: 'AllowAll', start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' }, unknown: ['synapse_workspace_id'], refs: { synapse_workspace_id: ['azurerm_synapse_workspace.syn.id', 'azurerm_synapse_workspace.syn'] } },
    ]);
    const syn = only(resources, 'Microsoft.Synapse/workspaces');
    assert.equal(syn.properties.managedVirtualNetwork, 'default');
    assert.deepEqual(syn.properties.managedVirtualNetworkSettings, { preventDataExfiltration: true });
    assert.deepEqual(syn.properties.defaultDataLakeStorage, { filesystem: 'synapse', accountUrl: 'https://stlake.dfs.core.windows.net' });
    const rule = only(resources, 'Microsoft.Synapse/workspaces/firewallRules');
    assert.equal(rule.id, `${syn.id}/firewallRules/AllowAll`);
    assert.deepEqual(rule.properties, { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' });
  });

  it('Data Factory: managed VNet as its ARM child, Azure and self-hosted integration runtimes, managed private endpoint', () => {
    const { resources } = normalize([
      {
        address: 'azurerm_data_factory.adf',
        values: { name: 'adf', resource_group_name: 'rg-adf', location: 'westeurope', public_network_enabled: false, managed_virtual_network_enabled: true, customer_managed_key_id: 'https://kv.vault.azure.net/keys/adf', customer_managed_key_identity_id: 'uai', purview_id: null, identity: [{ type: 'UserAssigned', identity_ids: ['uai'] }], tags: {} },
        unknown: ['id'],
      },
      { address: 'azurerm_data_factory_integration_runtime_azure.ir', values: { name: 'ir-managed', location: 'AutoResolve', description: null, compute_type: 'General', core_count: 8, time_to_live_min: 0, virtual_network_enabled: true }, unknown: ['data_factory_id'], refs: { data_factory_id: ['azurerm_data_factory.adf.id', 'azurerm_data_factory.adf'] } },
      { address: 'azurerm_data_factory_integration_runtime_self_hosted.shir', values: { name: 'shir', description: 'on-prem', data_factory_id: `${RG('rg-adf')}/providers/Microsoft.DataFactory/factories/adf` } },
      { address: 'azurerm_data_factory_managed_private_endpoint.lake', values: { name: 'mpe-lake', target_resource_id: 'st-id', subresource_name: 'dfs', fqdns: [] }, unknown: ['data_factory_id'], refs: { data_factory_id: ['azurerm_data_factory.adf.id'] } },
    ]);
    const adf = only(resources, 'Microsoft.DataFactory/factories');
    assert.deepEqual(adf.properties, { publicNetworkAccess: 'Disabled', encryption: { vaultBaseUrl: 'https://kv.vault.azure.net', keyName: 'adf', identity: { userAssignedIdentity: 'uai' } } });
    assert.deepEqual(adf.identity, { type: 'UserAssigned', userAssignedIdentities: { uai: {} } });
    assert.equal(only(resources, 'Microsoft.DataFactory/factories/managedVirtualNetworks').id, `${adf.id}/managedVirtualNetworks/default`);
    const [ir, shir] = resources.filter((r) => r.type === 'Microsoft.DataFactory/factories/integrationRuntimes');
    assert.equal(ir?.id, `${adf.id}/integrationRuntimes/ir-managed`);
    assert.deepEqual(ir?.properties.managedVirtualNetwork, { type: 'ManagedVirtualNetworkReference', referenceName: 'default' });
    assert.deepEqual(shir?.properties, { type: 'SelfHosted', description: 'on-prem' });
    const mpe = only(resources, 'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints');
    assert.equal(mpe.id, `${adf.id}/managedVirtualNetworks/default/managedPrivateEndpoints/mpe-lake`);
    assert.equal(mpe.name, 'adf/default/mpe-lake');
  });

  it('a factory without a managed VNet has no managedVirtualNetworks child; Purview public access', () => {
    const { resources } = normalize([
      { address: 'azurerm_data_factory.adf', values: { name: 'adf', resource_group_name: 'rg', location: 'westeurope', public_network_enabled: true, managed_virtual_network_enabled: false, customer_managed_key_id: null, customer_managed_key_identity_id: null, purview_id: null, identity: [], tags: {} } },
      { address: 'azurerm_purview_account.pv', values: { name: 'pv', resource_group_name: 'rg', location: 'westeurope', public_network_enabled: true, managed_resource_group_name: 'rg-pv-managed', identity: [{ type: 'SystemAssigned', identity_ids: null }], tags: {} } },
    ]);
    assert.deepEqual(resources.map((r) => r.type), ['Microsoft.DataFactory/factories', 'Microsoft.Purview/accounts']);
    assert.equal(resources[0]?.properties.publicNetworkAccess, 'Enabled');
    assert.deepEqual(resources[1]?.properties, { publicNetworkAccess: 'Enabled', managedResourceGroupName: 'rg-pv-managed' });
  });
});
