// The same data management zone and data landing zone as bicep/compliant, with the shortcuts real
// teams take under delivery pressure. Every deviation from the compliant variant is marked
// `NONCOMPLIANT:` and listed in examples/landing-zone/README.md; the scan must fail on each of them.
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

@description('Object id of the engineer who gets Owner during the migration.')
param breakGlassUserObjectId string

@description('Office egress range allowed to reach the key vault.')
param adminIpRange string

@description('Vendor egress range that drops files into the raw account.')
param vendorIpRange string

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

// NONCOMPLIANT: Defender for Containers switched off "until the first AKS cluster arrives".
resource defenderContainers 'Microsoft.Security/pricings@2024-01-01' = {
  name: 'Containers'
  properties: {
    pricingTier: 'Free'
  }
  dependsOn: [
    defenderPlans
  ]
}

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

// NONCOMPLIANT: Owner at subscription scope, assigned directly to a user "for the migration".
resource migrationOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, breakGlassUserObjectId, '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')
    principalId: breakGlassUserObjectId
    principalType: 'User'
    description: 'Temporary: lead engineer needs Owner during the migration'
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
    adminIpRange: adminIpRange
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
    vendorIpRange: vendorIpRange
  }
  dependsOn: [
    management
    network
  ]
}
