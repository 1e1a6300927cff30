// Data management zone and data landing zone (Enterprise-Scale Analytics), condensed into one
// subscription: the network and management resource groups are the data management zone, the data
// resource group is a data landing zone. Passes every ISRM control of the hbi baseline.
targetScope = 'subscription'

@description('Azure region of every resource.')
param location string

@description('Environment name; also the Environment tag.')
@allowed([
  'dev'
  'tst'
  'prod'
])
param environment string

@description('Short workload prefix used in every resource name.')
@minLength(2)
@maxLength(6)
param prefix string

@description('CostCenter tag value.')
param costCenter string

@description('UseCase tag value.')
param useCase string

@description('Additional tags for every resource.')
param tags object = {}

param vnetAddressPrefix string

@description('Subnets of the landing zone virtual network: name, addressPrefix, nsg (services | databricks | empty) and delegation (service name or empty).')
param subnets array

@description('Object id of the Entra group of the platform operations team.')
param platformOpsGroupObjectId string

@description('Object id of the Entra group of the data product owners.')
param dataAdminsGroupObjectId string

@description('Object id of the Entra group of the data engineers.')
param dataEngineersGroupObjectId string

@description('Display name of the Entra group that administers Azure SQL.')
param sqlAdminGroupName string

@description('Object id of the Entra group that administers Azure SQL.')
param sqlAdminGroupObjectId string

@description('Mailbox that receives Defender for Cloud alerts.')
param securityContactEmail string

@description('Expiry of the customer-managed keys, in seconds since 1970-01-01 UTC.')
param keyExpiryEpoch int

var name = toLower('${prefix}-${environment}')
var tagsDefault = {
  CostCenter: costCenter
  UseCase: useCase
  Environment: environment
}
// Caller tags first, so the three governed tags cannot be overridden by accident.
var tagsJoined = union(tags, tagsDefault)
var networkResourceGroupName = '${name}-network'
var managementResourceGroupName = '${name}-management'
var dataResourceGroupName = '${name}-data'
var vnetName = '${name}-vnet'
var logAnalyticsWorkspaceName = '${name}-log'
var keyVaultName = '${name}-kv-${take(uniqueString(subscription().id, name), 6)}'
var cmkIdentityName = '${name}-cmk-id'
var containerRegistryName = 'cr${replace(name, '-', '')}${take(uniqueString(subscription().id, name), 6)}'
var purviewName = '${name}-pview'
var privateEndpointSubnetId = resourceId(subscription().subscriptionId, networkResourceGroupName, 'Microsoft.Network/virtualNetworks/subnets', vnetName, 'snet-private-endpoints')
var logAnalyticsWorkspaceId = resourceId(subscription().subscriptionId, managementResourceGroupName, 'Microsoft.OperationalInsights/workspaces', logAnalyticsWorkspaceName)
var privateDnsZoneNames = [
  'privatelink.blob.core.windows.net'
  'privatelink.dfs.core.windows.net'
  'privatelink.vaultcore.azure.net'
  'privatelink.azurecr.io'
  'privatelink.purview.azure.com'
  'privatelink.purviewstudio.azure.com'
  'privatelink.azuredatabricks.net'
  'privatelink.sql.azuresynapse.net'
  'privatelink.dev.azuresynapse.net'
  'privatelink.datafactory.azure.net'
  'privatelink.adf.azure.com'
  'privatelink.api.azureml.ms'
  'privatelink.database.windows.net'
]
// Built-in definitions; their ids are the same in every tenant.
var mfaPolicies = [
  {
    name: 'require-mfa-create-update'
    definitionId: '4e6c27d5-a6ee-49cf-b2b4-d8fe90fa2b8b'
    displayName: 'Users must authenticate with multi-factor authentication to create or update resources'
  }
  {
    name: 'require-mfa-delete'
    definitionId: 'db4a9d17-db75-4f46-9fcb-9f9526604417'
    displayName: 'Users must authenticate with multi-factor authentication to delete resources'
  }
]
var defenderPlanNames = [
  'StorageAccounts'
  'KeyVaults'
  'SqlServers'
  'Containers'
  'Arm'
  'OpenSourceRelationalDatabases'
]

resource networkRg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: networkResourceGroupName
  location: location
  tags: tagsJoined
}

resource managementRg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: managementResourceGroupName
  location: location
  tags: tagsJoined
}

resource dataRg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: dataResourceGroupName
  location: location
  tags: tagsJoined
}

resource mfaAssignments 'Microsoft.Authorization/policyAssignments@2024-04-01' = [for policy in mfaPolicies: {
  name: policy.name
  properties: {
    displayName: policy.displayName
    policyDefinitionId: tenantResourceId('Microsoft.Authorization/policyDefinitions', policy.definitionId)
    enforcementMode: 'Default'
  }
}]

// The pricings API rejects concurrent updates of plans in one subscription.
@batchSize(1)
resource defenderPlans 'Microsoft.Security/pricings@2024-01-01' = [for plan in defenderPlanNames: {
  name: plan
  properties: {
    pricingTier: 'Standard'
  }
}]

resource securityContact 'Microsoft.Security/securityContacts@2023-12-01-preview' = {
  name: 'default'
  properties: {
    emails: securityContactEmail
    isEnabled: true
    notificationsByRole: {
      state: 'On'
      roles: [
        'Owner'
      ]
    }
    notificationsSources: [
      {
        sourceType: 'Alert'
        minimalSeverity: 'Medium'
      }
    ]
  }
}

// Reader (acdd72a7-…): operations see everything; changes go through the pipeline's identity.
resource platformOpsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, platformOpsGroupObjectId, 'acdd72a7-3385-48ef-bd42-f606fba81ae7')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')
    principalId: platformOpsGroupObjectId
    principalType: 'Group'
    description: 'Platform operations see every landing zone resource; changes go through the pipeline'
  }
}

// The workspace comes first: every other module sends its resource logs to it.
module logging 'modules/logging.bicep' = {
  name: 'logging'
  scope: managementRg
  params: {
    location: location
    tags: tagsJoined
    logAnalyticsWorkspaceName: logAnalyticsWorkspaceName
  }
}

module network 'modules/network.bicep' = {
  name: 'network'
  scope: networkRg
  params: {
    location: location
    name: name
    tags: tagsJoined
    vnetName: vnetName
    vnetAddressPrefix: vnetAddressPrefix
    subnets: subnets
    privateDnsZoneNames: privateDnsZoneNames
    logAnalyticsWorkspaceId: logAnalyticsWorkspaceId
  }
  dependsOn: [
    logging
  ]
}

module management 'modules/management.bicep' = {
  name: 'management'
  scope: managementRg
  params: {
    location: location
    name: name
    tags: tagsJoined
    logAnalyticsWorkspaceId: logAnalyticsWorkspaceId
    keyVaultName: keyVaultName
    cmkIdentityName: cmkIdentityName
    containerRegistryName: containerRegistryName
    purviewName: purviewName
    keyExpiryEpoch: keyExpiryEpoch
    platformOpsGroupObjectId: platformOpsGroupObjectId
    privateEndpointSubnetId: privateEndpointSubnetId
    networkResourceGroupName: networkResourceGroupName
  }
  dependsOn: [
    logging
    network
  ]
}

module dataZone 'modules/data.bicep' = {
  name: 'data'
  scope: dataRg
  params: {
    location: location
    name: name
    tags: tagsJoined
    logAnalyticsWorkspaceId: logAnalyticsWorkspaceId
    keyVaultName: keyVaultName
    managementResourceGroupName: managementResourceGroupName
    networkResourceGroupName: networkResourceGroupName
    cmkIdentityId: resourceId(subscription().subscriptionId, managementResourceGroupName, 'Microsoft.ManagedIdentity/userAssignedIdentities', cmkIdentityName)
    containerRegistryId: resourceId(subscription().subscriptionId, managementResourceGroupName, 'Microsoft.ContainerRegistry/registries', containerRegistryName)
    vnetId: resourceId(subscription().subscriptionId, networkResourceGroupName, 'Microsoft.Network/virtualNetworks', vnetName)
    privateEndpointSubnetId: privateEndpointSubnetId
    databricksHostSubnetName: 'snet-dbw-host'
    databricksContainerSubnetName: 'snet-dbw-container'
    dataAdminsGroupObjectId: dataAdminsGroupObjectId
    dataEngineersGroupObjectId: dataEngineersGroupObjectId
    sqlAdminGroupName: sqlAdminGroupName
    sqlAdminGroupObjectId: sqlAdminGroupObjectId
  }
  dependsOn: [
    management
    network
  ]
}
