// Hub-style network of the data management zone: virtual network with NSG-protected subnets, Azure
// Firewall Premium with its policy, and the private DNS zones every private endpoint registers in.
param location string
param name string
param tags object
param vnetName string
param vnetAddressPrefix string
param subnets array
param privateDnsZoneNames array
param logAnalyticsWorkspaceId string

var nsgs = [
  {
    name: 'services'
    securityRules: [
      {
        name: 'AllowVnetHttpsInbound'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          destinationAddressPrefix: 'VirtualNetwork'
          destinationPortRange: '443'
        }
      }
      // NONCOMPLIANT: RDP from the internet "to reach the jump host while Bastion is being ordered".
      {
        name: 'AllowRdpFromInternet'
        properties: {
          priority: 110
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: 'Internet'
          sourcePortRange: '*'
          destinationAddressPrefix: 'VirtualNetwork'
          destinationPortRange: '3389'
        }
      }
      {
        name: 'DenyInternetInbound'
        properties: {
          priority: 4000
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: 'Internet'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
        }
      }
    ]
  }
  {
    name: 'databricks'
    securityRules: [
      {
        name: 'DenyInternetInbound'
        properties: {
          priority: 4000
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: 'Internet'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
        }
      }
    ]
  }
]

resource networkSecurityGroups 'Microsoft.Network/networkSecurityGroups@2023-11-01' = [for nsg in nsgs: {
  name: '${name}-${nsg.name}-nsg'
  location: location
  tags: tags
  properties: {
    securityRules: nsg.securityRules
  }
}]

// NSGs have resource logs but no platform metrics.
resource nsgDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = [for (nsg, i) in nsgs: {
  name: 'to-central-law'
  scope: networkSecurityGroups[i]
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}]

resource vnet 'Microsoft.Network/virtualNetworks@2023-11-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        vnetAddressPrefix
      ]
    }
    subnets: [for subnet in subnets: {
      name: subnet.name
      properties: {
        addressPrefix: subnet.addressPrefix
        // AzureFirewallSubnet must not have an NSG.
        networkSecurityGroup: empty(subnet.nsg) ? null : {
          id: resourceId('Microsoft.Network/networkSecurityGroups', '${name}-${subnet.nsg}-nsg')
        }
        delegations: empty(subnet.delegation) ? [] : [
          {
            name: 'delegation'
            properties: {
              serviceName: subnet.delegation
            }
          }
        ]
        privateEndpointNetworkPolicies: 'Enabled'
      }
    }]
  }
  dependsOn: [
    networkSecurityGroups
  ]
}

resource firewallPublicIp 'Microsoft.Network/publicIPAddresses@2023-11-01' = {
  name: '${name}-fw-pip'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Regional'
  }
  zones: [
    '1'
    '2'
    '3'
  ]
  properties: {
    publicIPAllocationMethod: 'Static'
    publicIPAddressVersion: 'IPv4'
  }
}

resource firewallPolicy 'Microsoft.Network/firewallPolicies@2023-11-01' = {
  name: '${name}-fw-policy'
  location: location
  tags: tags
  properties: {
    sku: {
      tier: 'Premium'
    }
    // NONCOMPLIANT: threat intelligence only alerts, after a false positive blocked a package mirror.
    threatIntelMode: 'Alert'
    intrusionDetection: {
      mode: 'Deny'
    }
    dnsSettings: {
      enableProxy: true
    }
  }
}

resource firewall 'Microsoft.Network/azureFirewalls@2023-11-01' = {
  name: '${name}-fw'
  location: location
  tags: tags
  zones: [
    '1'
    '2'
    '3'
  ]
  properties: {
    sku: {
      name: 'AZFW_VNet'
      tier: 'Premium'
    }
    ipConfigurations: [
      {
        name: 'ipconfig'
        properties: {
          subnet: {
            id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnetName, 'AzureFirewallSubnet')
          }
          publicIPAddress: {
            id: firewallPublicIp.id
          }
        }
      }
    ]
    firewallPolicy: {
      id: firewallPolicy.id
    }
  }
  dependsOn: [
    vnet
  ]
}

// The legacy nested form of a diagnostic setting (<resource>/providers/diagnosticSettings), still
// common in landing zones that predate extension resources.
resource firewallDiagnostics 'Microsoft.Network/azureFirewalls/providers/diagnosticSettings@2021-05-01-preview' = {
  name: '${name}-fw/Microsoft.Insights/to-central-law'
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
    firewall
  ]
}

resource privateDnsZones 'Microsoft.Network/privateDnsZones@2020-06-01' = [for zone in privateDnsZoneNames: {
  name: zone
  location: 'global'
  tags: tags
  properties: {}
}]

resource privateDnsZoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [for (zone, i) in privateDnsZoneNames: {
  parent: privateDnsZones[i]
  name: vnetName
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}]
