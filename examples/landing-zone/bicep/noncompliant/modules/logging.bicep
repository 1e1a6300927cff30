// The central Log Analytics workspace of the landing zone.
param location string
param tags object
param logAnalyticsWorkspaceName string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsWorkspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    // GxP audit trails are reviewed over a year; older records go to archive by data export.
    retentionInDays: 365
    features: {
      disableLocalAuth: true
    }
  }
}
