// Data management zone services: the key vault holding every customer-managed key, the identity the
// services unwrap those keys with, the shared container registry and the Purview data catalogue.
param location string
param name string
param tags object
param logAnalyticsWorkspaceId string
param keyVaultName string
param cmkIdentityName string
param containerRegistryName string
param purviewName string
param keyExpiryEpoch int
param platformOpsGroupObjectId string
param adminIpRange string
param privateEndpointSubnetId string
param networkResourceGroupName string

var keyVaultUri = 'https://${keyVaultName}${environment().suffixes.keyvaultDns}/'
// One key per service, so revoking one service's access does not affect the others.
var cmkKeyNames = [
  'storage-cmk'
  'acr-cmk'
  'adf-cmk'
  'dbw-cmk'
  'synapse-cmk'
  'mlw-cmk'
]
var privateEndpointDefinitions = [
  {
    resourceName: keyVaultName
    resourceId: keyVault.id
    groupId: 'vault'
    zone: 'privatelink.vaultcore.azure.net'
  }
  {
    resourceName: containerRegistryName
    resourceId: containerRegistry.id
    groupId: 'registry'
    zone: 'privatelink.azurecr.io'
  }
  {
    resourceName: purviewName
    resourceId: purview.id
    groupId: 'account'
    zone: 'privatelink.purview.azure.com'
  }
  {
    resourceName: purviewName
    resourceId: purview.id
    groupId: 'portal'
    zone: 'privatelink.purviewstudio.azure.com'
  }
]

resource cmkIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: cmkIdentityName
  location: location
  tags: tags
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'premium'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // NONCOMPLIANT: no purge protection, so the vault can be deleted and purged when the test
    // environment is torn down; public access from the office range for key administration.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
      ipRules: [
        {
          value: adminIpRange
        }
      ]
    }
  }
}

resource cmkKeys 'Microsoft.KeyVault/vaults/keys@2023-07-01' = [for keyName in cmkKeyNames: {
  parent: keyVault
  name: keyName
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
    attributes: {
      enabled: true
      exp: keyExpiryEpoch
    }
  }
}]

// NONCOMPLIANT: the TDE key was added later, outside the loop, without an expiry "so TDE never breaks".
resource sqlTdeKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: keyVault
  name: 'sql-tde'
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
    attributes: {
      enabled: true
    }
  }
}

// Key Vault Crypto Service Encryption User (e147488a-…): the CMK identity may wrap and unwrap keys in this vault only.
resource cmkIdentityCryptoUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, cmkIdentity.id, 'e147488a-f6f5-4113-8e2d-b22465e65bf6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'e147488a-f6f5-4113-8e2d-b22465e65bf6')
    principalId: cmkIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault Crypto Officer (14b46e9e-…): platform operations manage keys, but cannot read secrets or grant access.
resource platformOpsCryptoOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, platformOpsGroupObjectId, '14b46e9e-c2b7-41b4-b07b-48a6ebf60603')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '14b46e9e-c2b7-41b4-b07b-48a6ebf60603')
    principalId: platformOpsGroupObjectId
    principalType: 'Group'
  }
}

// The legacy nested form of a diagnostic setting, as many existing landing zones still declare it.
resource keyVaultDiagnostics 'Microsoft.KeyVault/vaults/providers/diagnosticSettings@2021-05-01-preview' = {
  name: '${keyVaultName}/Microsoft.Insights/to-central-law'
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
  dependsOn: [
    keyVault
  ]
}

resource containerRegistry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: containerRegistryName
  location: location
  tags: tags
  sku: {
    name: 'Premium'
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${cmkIdentity.id}': {}
    }
  }
  properties: {
    // NONCOMPLIANT: the admin user, for a build agent that cannot use a managed identity.
    adminUserEnabled: true
    anonymousPullEnabled: false
    publicNetworkAccess: 'Disabled'
    networkRuleBypassOptions: 'AzureServices'
    zoneRedundancy: 'Enabled'
    encryption: {
      status: 'enabled'
      keyVaultProperties: {
        keyIdentifier: '${keyVaultUri}keys/acr-cmk'
        identity: cmkIdentity.properties.clientId
      }
    }
    policies: {
      retentionPolicy: {
        status: 'enabled'
        days: 30
      }
    }
  }
  dependsOn: [
    cmkKeys
  ]
}

resource containerRegistryDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-central-law'
  scope: containerRegistry
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource purview 'Microsoft.Purview/accounts@2021-12-01' = {
  name: purviewName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    managedResourcesPublicNetworkAccess: 'Disabled'
    managedResourceGroupName: '${name}-purview-managed'
  }
}

resource purviewDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-central-law'
  scope: purview
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource managementPrivateEndpoints 'Microsoft.Network/privateEndpoints@2023-11-01' = [for ep in privateEndpointDefinitions: {
  name: '${ep.resourceName}-${ep.groupId}-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: privateEndpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: ep.groupId
        properties: {
          privateLinkServiceId: ep.resourceId
          groupIds: [
            ep.groupId
          ]
        }
      }
    ]
  }
}]

resource managementPrivateEndpointsDnsZoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-11-01' = [for (ep, i) in privateEndpointDefinitions: {
  parent: managementPrivateEndpoints[i]
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: replace(ep.zone, '.', '-')
        properties: {
          privateDnsZoneId: resourceId(subscription().subscriptionId, networkResourceGroupName, 'Microsoft.Network/privateDnsZones', ep.zone)
        }
      }
    ]
  }
}]
