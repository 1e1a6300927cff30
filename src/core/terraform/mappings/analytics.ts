// Data and AI platform services of an analytics landing zone: Azure Machine Learning (workspaces,
// compute instances and clusters), Databricks, Synapse, Data Factory and Purview.

import { parseKeyVaultKeyUrl } from '../ids';
import { attr, block, constant, enabledDisabled, identity, ifPresent, map, negate, nonEmpty, obj, refId, type Augmentation, type Spec, type TypeMapping } from '../spec';

const keyUrl =
  (path: string, shape: (key: { vaultUri: string; name: string; version?: string }) => unknown): Spec =>
  (r) => {
    const v = attr(path, nonEmpty)(r);
    const key = parseKeyVaultKeyUrl(v);
    return key ? shape(key) : v;
  };

export const machineLearningWorkspace: TypeMapping = {
  armType: 'Microsoft.MachineLearningServices/workspaces',
  apiVersion: '2024-04-01',
  id: { kind: 'inResourceGroup' },
  kind: ifPresent('kind', attr('kind')),
  sku: map(attr('sku_name'), (name) => ({ name, tier: name })),
  identity,
  properties: {
    publicNetworkAccess: attr('public_network_access_enabled', enabledDisabled),
    hbiWorkspace: attr('high_business_impact'),
    v1LegacyMode: attr('v1_legacy_mode_enabled'),
    keyVault: refId('key_vault_id'),
    storageAccount: refId('storage_account_id'),
    applicationInsights: refId('application_insights_id'),
    containerRegistry: refId('container_registry_id'),
    imageBuildCompute: attr('image_build_compute_name', nonEmpty),
    encryption: block(
      'encryption',
      obj({
        status: constant('Enabled'),
        'keyVaultProperties.keyVaultArmId': refId('key_vault_id'),
        'keyVaultProperties.keyIdentifier': attr('key_id'),
        'identity.userAssignedIdentity': attr('user_assigned_identity_id', nonEmpty),
      }),
    ),
    'managedNetwork.isolationMode': block('managed_network', attr('isolation_mode')),
  },
};

const sshPublicAccess: Spec = (r) => {
  const ssh = r.slot(['ssh']);
  if (ssh.state !== 'value' && ssh.absent) return undefined;
  if (ssh.state === 'unknown') return ssh.unknown;
  return ssh.state === 'value' && Array.isArray(ssh.value) && ssh.value.length > 0 ? 'Enabled' : 'Disabled';
};

export const machineLearningComputeInstance: TypeMapping = {
  armType: 'Microsoft.MachineLearningServices/workspaces/computes',
  apiVersion: '2024-04-01',
  id: { kind: 'child', parent: 'machine_learning_workspace_id' },
  location: ifPresent('location', attr('location')),
  identity,
  properties: {
    computeType: constant('ComputeInstance'),
    disableLocalAuth: attr('local_auth_enabled', negate),
    description: attr('description', nonEmpty),
    'properties.vmSize': attr('virtual_machine_size'),
    'properties.subnet.id': refId('subnet_resource_id'),
    'properties.enableNodePublicIp': attr('node_public_ip_enabled'),
    'properties.sshSettings.sshPublicAccess': sshPublicAccess,
    'properties.personalComputeInstanceSettings.assignedUser': block('assign_to_user', obj({ objectId: attr('object_id'), tenantId: attr('tenant_id') })),
  },
};

export const machineLearningComputeCluster: TypeMapping = {
  armType: 'Microsoft.MachineLearningServices/workspaces/computes',
  apiVersion: '2024-04-01',
  id: { kind: 'child', parent: 'machine_learning_workspace_id' },
  location: attr('location'),
  identity,
  properties: {
    computeType: constant('AmlCompute'),
    disableLocalAuth: attr('local_auth_enabled', negate),
    description: attr('description', nonEmpty),
    'properties.vmSize': attr('vm_size'),
    'properties.vmPriority': attr('vm_priority'),
    'properties.subnet.id': refId('subnet_resource_id'),
    'properties.enableNodePublicIp': attr('node_public_ip_enabled'),
    'properties.remoteLoginPortPublicAccess': attr('ssh_public_access_enabled', enabledDisabled),
    'properties.scaleSettings': block(
      'scale_settings',
      obj({ minNodeCount: attr('min_node_count'), maxNodeCount: attr('max_node_count'), nodeIdleTimeBeforeScaleDown: attr('scale_down_nodes_after_idle_duration') }),
    ),
  },
};

const parameterValue = (spec: Spec): Spec => map(spec, (value) => ({ value }));

export const databricksWorkspace: TypeMapping = {
  armType: 'Microsoft.Databricks/workspaces',
  apiVersion: '2024-05-01',
  id: { kind: 'inResourceGroup' },
  sku: map(attr('sku'), (name) => ({ name })),
  properties: {
    publicNetworkAccess: attr('public_network_access_enabled', enabledDisabled),
    requiredNsgRules: attr('network_security_group_rules_required', nonEmpty),
    managedResourceGroupId: (r) => {
      const known = attr('managed_resource_group_id', nonEmpty)(r);
      if (typeof known === 'string') return known;
      const name = attr('managed_resource_group_name', nonEmpty)(r);
      return typeof name === 'string' ? `/subscriptions/${r.subscriptionId}/resourceGroups/${name}` : (known ?? name);
    },
    'parameters.enableNoPublicIp': block('custom_parameters', parameterValue(attr('no_public_ip'))),
    'parameters.customVirtualNetworkId': block('custom_parameters', parameterValue(refId('virtual_network_id'))),
    'parameters.customPublicSubnetName': block('custom_parameters', parameterValue(attr('public_subnet_name', nonEmpty))),
    'parameters.customPrivateSubnetName': block('custom_parameters', parameterValue(attr('private_subnet_name', nonEmpty))),
    'parameters.prepareEncryption': parameterValue(attr('customer_managed_key_enabled')),
    'parameters.requireInfrastructureEncryption': parameterValue(attr('infrastructure_encryption_enabled')),
    'encryption.entities.managedServices': keyUrl('managed_services_cmk_key_vault_key_id', (k) => ({
      keySource: 'Microsoft.Keyvault',
      keyVaultProperties: { keyVaultUri: k.vaultUri, keyName: k.name, keyVersion: k.version ?? '' },
    })),
    'encryption.entities.managedDisk': keyUrl('managed_disk_cmk_key_vault_key_id', (k) => ({
      keySource: 'Microsoft.Keyvault',
      keyVaultProperties: { keyVaultUri: k.vaultUri, keyName: k.name, keyVersion: k.version ?? '' },
    })),
  },
};

/** azurerm_databricks_workspace_root_dbfs_customer_managed_key: the workspace's DBFS encryption parameter. */
export const databricksDbfsCustomerManagedKey: Augmentation = {
  target: 'workspace_id',
  targetType: 'Microsoft.Databricks/workspaces',
  set: {
    'properties.parameters.encryption.value': keyUrl('key_vault_key_id', (k) => ({ keySource: 'Microsoft.Keyvault', KeyName: k.name, keyversion: k.version ?? '', keyvaulturi: k.vaultUri })),
  },
};

export const synapseWorkspace: TypeMapping = {
  armType: 'Microsoft.Synapse/workspaces',
  apiVersion: '2021-06-01',
  id: { kind: 'inResourceGroup' },
  identity,
  properties: {
    publicNetworkAccess: attr('public_network_access_enabled', enabledDisabled),
    managedVirtualNetwork: attr('managed_virtual_network_enabled', (v) => (v === true ? 'default' : v === false ? '' : v)),
    'managedVirtualNetworkSettings.preventDataExfiltration': attr('data_exfiltration_protection_enabled'),
    'managedVirtualNetworkSettings.allowedAadTenantIdsForLinking': attr('linking_allowed_for_aad_tenant_ids', nonEmpty),
    managedResourceGroupName: attr('managed_resource_group_name', nonEmpty),
    sqlAdministratorLogin: attr('sql_administrator_login', nonEmpty),
    azureADOnlyAuthentication: attr(['azuread_authentication_only', 'azure_ad_only_authentication']),
    'defaultDataLakeStorage.filesystem': attr('storage_data_lake_gen2_filesystem_id', (v) => (typeof v === 'string' ? v.replace(/\/+$/, '').split('/').pop() : v)),
    'defaultDataLakeStorage.accountUrl': attr('storage_data_lake_gen2_filesystem_id', (v) => (typeof v === 'string' ? /^(https:\/\/[^/]+)/.exec(v)?.[1] ?? v : v)),
    'encryption.cmk.key': block('customer_managed_key', obj({ name: attr('key_name', nonEmpty), keyVaultUrl: attr('key_versionless_id') })),
  },
};

export const synapseFirewallRule: TypeMapping = {
  armType: 'Microsoft.Synapse/workspaces/firewallRules',
  apiVersion: '2021-06-01',
  id: { kind: 'child', parent: 'synapse_workspace_id' },
  tags: false,
  properties: {
    startIpAddress: attr('start_ip_address'),
    endIpAddress: attr('end_ip_address'),
  },
};

export const synapseManagedPrivateEndpoint: TypeMapping = {
  armType: 'Microsoft.Synapse/workspaces/managedVirtualNetworks/managedPrivateEndpoints',
  apiVersion: '2021-06-01',
  id: { kind: 'child', parent: 'synapse_workspace_id', names: [{ value: 'default' }, 'name'] },
  tags: false,
  properties: {
    privateLinkResourceId: refId('target_resource_id'),
    groupId: attr('subresource_name'),
  },
};

export const dataFactory: TypeMapping = {
  armType: 'Microsoft.DataFactory/factories',
  apiVersion: '2018-06-01',
  id: { kind: 'inResourceGroup' },
  identity,
  properties: {
    publicNetworkAccess: attr('public_network_enabled', enabledDisabled),
    encryption: keyUrl('customer_managed_key_id', (k) => ({ vaultBaseUrl: k.vaultUri.replace(/\/$/, ''), keyName: k.name, ...(k.version ? { keyVersion: k.version } : {}) })),
    'encryption.identity.userAssignedIdentity': attr('customer_managed_key_identity_id', nonEmpty),
    'purviewConfiguration.purviewResourceId': refId('purview_id'),
  },
  // ARM models the factory's managed virtual network as a child resource named `default`.
  extra: [{ segment: 'managedVirtualNetworks', name: 'default', apiVersion: '2018-06-01', when: attr('managed_virtual_network_enabled'), properties: {} }],
};

export const dataFactoryAzureIntegrationRuntime: TypeMapping = {
  armType: 'Microsoft.DataFactory/factories/integrationRuntimes',
  apiVersion: '2018-06-01',
  id: { kind: 'child', parent: 'data_factory_id' },
  tags: false,
  properties: {
    type: constant('Managed'),
    description: attr('description', nonEmpty),
    'typeProperties.computeProperties.location': attr('location'),
    'typeProperties.computeProperties.dataFlowProperties': obj({ computeType: attr('compute_type'), coreCount: attr('core_count'), timeToLive: attr('time_to_live_min') }),
    managedVirtualNetwork: attr('virtual_network_enabled', (v) => (v === true ? { type: 'ManagedVirtualNetworkReference', referenceName: 'default' } : undefined)),
  },
};

export const dataFactorySelfHostedIntegrationRuntime: TypeMapping = {
  armType: 'Microsoft.DataFactory/factories/integrationRuntimes',
  apiVersion: '2018-06-01',
  id: { kind: 'child', parent: 'data_factory_id' },
  tags: false,
  properties: {
    type: constant('SelfHosted'),
    description: attr('description', nonEmpty),
  },
};

export const dataFactoryManagedPrivateEndpoint: TypeMapping = {
  armType: 'Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints',
  apiVersion: '2018-06-01',
  id: { kind: 'child', parent: 'data_factory_id', names: [{ value: 'default' }, 'name'] },
  tags: false,
  properties: {
    privateLinkResourceId: refId('target_resource_id'),
    groupId: attr('subresource_name', nonEmpty),
    fqdns: attr('fqdns', nonEmpty),
  },
};

export const purviewAccount: TypeMapping = {
  armType: 'Microsoft.Purview/accounts',
  apiVersion: '2021-12-01',
  id: { kind: 'inResourceGroup' },
  identity,
  properties: {
    publicNetworkAccess: attr('public_network_enabled', enabledDisabled),
    managedResourceGroupName: attr('managed_resource_group_name', nonEmpty),
  },
};

