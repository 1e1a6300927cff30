// Data landing zone: ADLS Gen2 lakes, Databricks (VNet-injected), Synapse and Data Factory in managed
// virtual networks, Azure Machine Learning and Azure SQL. Every service encrypts with its own key from
// the data management zone's key vault and is reachable through private endpoints only.
param location string
param name string
param tags object
param logAnalyticsWorkspaceId string
param keyVaultName string
param managementResourceGroupName string
param networkResourceGroupName string
param cmkIdentityId string
param containerRegistryId string
param vnetId string
param privateEndpointSubnetId string
param databricksHostSubnetName string
param databricksContainerSubnetName string
param dataAdminsGroupObjectId string
param dataEngineersGroupObjectId string
param sqlAdminGroupName string
param sqlAdminGroupObjectId string

var keyVaultUri = 'https://${keyVaultName}${environment().suffixes.keyvaultDns}/'
var rawStorageName = 'st${replace(name, '-', '')}raw${take(uniqueString(resourceGroup().id), 6)}'
var curatedStorageName = 'st${replace(name, '-', '')}cur${take(uniqueString(resourceGroup().id), 6)}'
var mlStorageName = 'st${replace(name, '-', '')}ml${take(uniqueString(resourceGroup().id), 6)}'
var storageAccountDefinitions = [
  {
    name: rawStorageName
    isHnsEnabled: true
  }
  {
    name: curatedStorageName
    isHnsEnabled: true
  }
  // Machine Learning needs a flat-namespace account for its default datastore.
  {
    name: mlStorageName
    isHnsEnabled: false
  }
]
var databricksName = '${name}-dbw'
var synapseName = '${name}-syn-${take(uniqueString(resourceGroup().id), 6)}'
var dataFactoryName = '${name}-adf-${take(uniqueString(resourceGroup().id), 6)}'
var appInsightsName = '${name}-appi'
var machineLearningName = '${name}-mlw'
var sqlServerName = '${name}-sql-${take(uniqueString(resourceGroup().id), 6)}'
var sqlDatabaseName = 'curated'
// Least privilege: data-plane roles on the landing zone's resource group, never Owner or Contributor.
var dataRoleAssignmentDefinitions = [
  {
    principalId: dataEngineersGroupObjectId
    roleDefinitionId: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' // Storage Blob Data Contributor
    description: 'Data engineers read and write the data lake'
  }
  {
    principalId: dataAdminsGroupObjectId
    roleDefinitionId: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1' // Storage Blob Data Reader
    description: 'Data product owners read the data lake'
  }
  {
    principalId: dataAdminsGroupObjectId
    roleDefinitionId: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' // Reader
    description: 'Data product owners see the landing zone resources'
  }
]
var privateEndpointDefinitions = [
  {
    resourceName: rawStorageName
    resourceId: resourceId('Microsoft.Storage/storageAccounts', rawStorageName)
    groupId: 'blob'
    zone: 'privatelink.blob.core.windows.net'
  }
  {
    resourceName: rawStorageName
    resourceId: resourceId('Microsoft.Storage/storageAccounts', rawStorageName)
    groupId: 'dfs'
    zone: 'privatelink.dfs.core.windows.net'
  }
  {
    resourceName: curatedStorageName
    resourceId: resourceId('Microsoft.Storage/storageAccounts', curatedStorageName)
    groupId: 'blob'
    zone: 'privatelink.blob.core.windows.net'
  }
  {
    resourceName: curatedStorageName
    resourceId: resourceId('Microsoft.Storage/storageAccounts', curatedStorageName)
    groupId: 'dfs'
    zone: 'privatelink.dfs.core.windows.net'
  }
  {
    resourceName: mlStorageName
    resourceId: resourceId('Microsoft.Storage/storageAccounts', mlStorageName)
    groupId: 'blob'
    zone: 'privatelink.blob.core.windows.net'
  }
  {
    resourceName: databricksName
    resourceId: databricks.id
    groupId: 'databricks_ui_api'
    zone: 'privatelink.azuredatabricks.net'
  }
  {
    resourceName: synapseName
    resourceId: synapse.id
    groupId: 'Sql'
    zone: 'privatelink.sql.azuresynapse.net'
  }
  {
    resourceName: synapseName
    resourceId: synapse.id
    groupId: 'SqlOnDemand'
    zone: 'privatelink.sql.azuresynapse.net'
  }
  {
    resourceName: synapseName
    resourceId: synapse.id
    groupId: 'Dev'
    zone: 'privatelink.dev.azuresynapse.net'
  }
  {
    resourceName: dataFactoryName
    resourceId: dataFactory.id
    groupId: 'dataFactory'
    zone: 'privatelink.datafactory.azure.net'
  }
  {
    resourceName: dataFactoryName
    resourceId: dataFactory.id
    groupId: 'portal'
    zone: 'privatelink.adf.azure.com'
  }
  {
    resourceName: machineLearningName
    resourceId: machineLearning.id
    groupId: 'amlworkspace'
    zone: 'privatelink.api.azureml.ms'
  }
  {
    resourceName: sqlServerName
    resourceId: sqlServer.id
    groupId: 'sqlServer'
    zone: 'privatelink.database.windows.net'
  }
]

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  scope: resourceGroup(managementResourceGroupName)
  name: keyVaultName
}

// Databricks DBFS encryption needs the key version, which Key Vault assigns when the key is created.
resource databricksKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' existing = {
  parent: keyVault
  name: 'dbw-cmk'
}

resource storageAccounts 'Microsoft.Storage/storageAccounts@2023-05-01' = [for account in storageAccountDefinitions: {
  name: account.name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${cmkIdentityId}': {}
    }
  }
  properties: {
    isHnsEnabled: account.isHnsEnabled
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Keyvault'
      requireInfrastructureEncryption: true
      identity: {
        userAssignedIdentity: cmkIdentityId
      }
      keyvaultproperties: {
        keyvaulturi: keyVaultUri
        keyname: 'storage-cmk'
      }
      services: {
        blob: {
          enabled: true
          keyType: 'Account'
        }
        file: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}]

resource blobServices 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = [for (account, i) in storageAccountDefinitions: {
  parent: storageAccounts[i]
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 30
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 30
    }
    isVersioningEnabled: true
  }
}]

// Storage logs per service; the account itself only has metrics.
resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = [for (account, i) in storageAccountDefinitions: {
  name: 'to-central-law'
  scope: blobServices[i]
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
}]

resource databricks 'Microsoft.Databricks/workspaces@2024-05-01' = {
  name: databricksName
  location: location
  tags: tags
  sku: {
    name: 'premium'
  }
  properties: {
    managedResourceGroupId: subscriptionResourceId('Microsoft.Resources/resourceGroups', '${name}-dbw-managed')
    publicNetworkAccess: 'Disabled'
    requiredNsgRules: 'NoAzureDatabricksRules'
    parameters: {
      customVirtualNetworkId: {
        value: vnetId
      }
      customPublicSubnetName: {
        value: databricksHostSubnetName
      }
      customPrivateSubnetName: {
        value: databricksContainerSubnetName
      }
      enableNoPublicIp: {
        value: true
      }
      prepareEncryption: {
        value: true
      }
      requireInfrastructureEncryption: {
        value: true
      }
      encryption: {
        value: {
          keySource: 'Microsoft.Keyvault'
          KeyName: 'dbw-cmk'
          keyvaulturi: keyVaultUri
          keyversion: last(split(databricksKey.properties.keyUriWithVersion, '/'))
        }
      }
    }
    encryption: {
      entities: {
        managedServices: {
          keySource: 'Microsoft.Keyvault'
          keyVaultProperties: {
            keyVaultUri: keyVaultUri
            keyName: 'dbw-cmk'
            keyVersion: last(split(databricksKey.properties.keyUriWithVersion, '/'))
          }
        }
      }
    }
  }
}

resource databricksDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-central-law'
  scope: databricks
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

resource synapse 'Microsoft.Synapse/workspaces@2021-06-01' = {
  name: synapseName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned,UserAssigned'
    userAssignedIdentities: {
      '${cmkIdentityId}': {}
    }
  }
  properties: {
    defaultDataLakeStorage: {
      accountUrl: 'https://${curatedStorageName}.dfs.${environment().suffixes.storage}'
      filesystem: 'synapse'
      resourceId: resourceId('Microsoft.Storage/storageAccounts', curatedStorageName)
      createManagedPrivateEndpoint: true
    }
    managedVirtualNetwork: 'default'
    managedVirtualNetworkSettings: {
      preventDataExfiltration: true
      allowedAadTenantIdsForLinking: []
    }
    managedResourceGroupName: '${name}-syn-managed'
    publicNetworkAccess: 'Disabled'
    azureADOnlyAuthentication: true
    cspWorkspaceAdminProperties: {
      initialWorkspaceAdminObjectId: dataAdminsGroupObjectId
    }
    encryption: {
      cmk: {
        kekIdentity: {
          userAssignedIdentityReference: cmkIdentityId
          useSystemAssignedIdentity: false
        }
        key: {
          name: 'default'
          keyVaultUrl: '${keyVaultUri}keys/synapse-cmk'
        }
      }
    }
  }
  dependsOn: [
    storageAccounts
  ]
}

resource synapseDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-central-law'
  scope: synapse
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

resource dataFactory 'Microsoft.DataFactory/factories@2018-06-01' = {
  name: dataFactoryName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${cmkIdentityId}': {}
    }
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    encryption: {
      vaultBaseUrl: keyVaultUri
      keyName: 'adf-cmk'
      identity: {
        userAssignedIdentity: cmkIdentityId
      }
    }
  }
}

resource dataFactoryManagedVnet 'Microsoft.DataFactory/factories/managedVirtualNetworks@2018-06-01' = {
  parent: dataFactory
  name: 'default'
  properties: {}
}

resource autoResolveRuntime 'Microsoft.DataFactory/factories/integrationRuntimes@2018-06-01' = {
  parent: dataFactory
  name: 'AutoResolveIntegrationRuntime'
  properties: {
    type: 'Managed'
    managedVirtualNetwork: {
      type: 'ManagedVirtualNetworkReference'
      referenceName: 'default'
    }
    typeProperties: {
      computeProperties: {
        location: 'AutoResolve'
      }
    }
  }
  dependsOn: [
    dataFactoryManagedVnet
  ]
}

resource dataFactoryDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-central-law'
  scope: dataFactory
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

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalyticsWorkspaceId
    DisableLocalAuth: true
  }
}

resource machineLearning 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: machineLearningName
  location: location
  tags: tags
  sku: {
    name: 'Basic'
    tier: 'Basic'
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${cmkIdentityId}': {}
    }
  }
  properties: {
    friendlyName: machineLearningName
    hbiWorkspace: true
    keyVault: keyVault.id
    storageAccount: resourceId('Microsoft.Storage/storageAccounts', mlStorageName)
    applicationInsights: appInsights.id
    containerRegistry: containerRegistryId
    primaryUserAssignedIdentity: cmkIdentityId
    publicNetworkAccess: 'Disabled'
    managedNetwork: {
      isolationMode: 'AllowOnlyApprovedOutbound'
    }
    encryption: {
      status: 'Enabled'
      identity: {
        userAssignedIdentity: cmkIdentityId
      }
      keyVaultProperties: {
        keyVaultArmId: keyVault.id
        keyIdentifier: '${keyVaultUri}keys/mlw-cmk'
      }
    }
  }
  dependsOn: [
    storageAccounts
  ]
}

resource cpuCluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  parent: machineLearning
  name: 'cpu-cluster'
  location: location
  tags: tags
  properties: {
    computeType: 'AmlCompute'
    disableLocalAuth: true
    properties: {
      vmSize: 'Standard_DS3_v2'
      enableNodePublicIp: false
      scaleSettings: {
        minNodeCount: 0
        maxNodeCount: 4
        nodeIdleTimeBeforeScaleDown: 'PT15M'
      }
    }
  }
}

resource machineLearningDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-central-law'
  scope: machineLearning
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

resource sqlServer 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: sqlServerName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${cmkIdentityId}': {}
    }
  }
  properties: {
    minimalTlsVersion: '1.2'
    publicNetworkAccess: 'Disabled'
    restrictOutboundNetworkAccess: 'Enabled'
    primaryUserAssignedIdentityId: cmkIdentityId
    keyId: '${keyVaultUri}keys/sql-tde'
    administrators: {
      administratorType: 'ActiveDirectory'
      principalType: 'Group'
      login: sqlAdminGroupName
      sid: sqlAdminGroupObjectId
      tenantId: subscription().tenantId
      azureADOnlyAuthentication: true
    }
  }
}

resource sqlAuditing 'Microsoft.Sql/servers/auditingSettings@2023-08-01-preview' = {
  parent: sqlServer
  name: 'default'
  properties: {
    state: 'Enabled'
    isAzureMonitorTargetEnabled: true
    retentionDays: 0
  }
}

resource sqlDatabase 'Microsoft.Sql/servers/databases@2023-08-01-preview' = {
  parent: sqlServer
  name: sqlDatabaseName
  location: location
  tags: tags
  sku: {
    name: 'GP_S_Gen5_2'
    tier: 'GeneralPurpose'
  }
  properties: {
    zoneRedundant: true
    requestedBackupStorageRedundancy: 'Zone'
  }
}

resource sqlDatabaseTde 'Microsoft.Sql/servers/databases/transparentDataEncryption@2023-08-01-preview' = {
  parent: sqlDatabase
  name: 'current'
  properties: {
    state: 'Enabled'
  }
}

resource sqlDatabaseDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-central-law'
  scope: sqlDatabase
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

resource dataRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for ra in dataRoleAssignmentDefinitions: {
  name: guid(resourceGroup().id, ra.principalId, ra.roleDefinitionId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ra.roleDefinitionId)
    principalId: ra.principalId
    principalType: 'Group'
    description: ra.description
  }
}]

resource dataPrivateEndpoints 'Microsoft.Network/privateEndpoints@2023-11-01' = [for ep in privateEndpointDefinitions: {
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
  dependsOn: [
    storageAccounts
  ]
}]

resource dataPrivateEndpointsDnsZoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-11-01' = [for (ep, i) in privateEndpointDefinitions: {
  parent: dataPrivateEndpoints[i]
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
