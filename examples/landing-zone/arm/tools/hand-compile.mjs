// Hand translation of examples/landing-zone/bicep/{compliant,noncompliant} into the ARM JSON that
// `az bicep build` emits for them (subscription-scope template, one nested deployment per module with
// inner expression scope). The Bicep CLI cannot run where this example was written, so the translation
// was done by hand and is kept here, once, for both variants: every `variant === 'noncompliant'`
// branch is a line that differs between bicep/compliant and bicep/noncompliant. It is not a compiler:
// it does not read the .bicep files; test/examples/landing-zone.test.ts checks that the committed JSON
// is what this script writes and that it declares the same resource types as the Bicep.
//
// Usage: node examples/landing-zone/arm/tools/hand-compile.mjs   (rewrites arm/*/main.json)

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** An ARM template expression. */
const x = (s) => `[${s}]`;

const API = {
  rg: '2024-03-01',
  deployments: '2022-09-01',
  policyAssignments: '2024-04-01',
  pricings: '2024-01-01',
  securityContacts: '2023-12-01-preview',
  roleAssignments: '2022-04-01',
  network: '2023-11-01',
  privateDns: '2020-06-01',
  diagnostics: '2021-05-01-preview',
  law: '2023-09-01',
  uami: '2023-01-31',
  keyVault: '2023-07-01',
  acr: '2023-07-01',
  purview: '2021-12-01',
  storage: '2023-05-01',
  databricks: '2024-05-01',
  synapse: '2021-06-01',
  dataFactory: '2018-06-01',
  appInsights: '2020-02-02',
  ml: '2024-04-01',
  sql: '2023-08-01-preview',
};

const ROLE = {
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  keyVaultCryptoServiceEncryptionUser: 'e147488a-f6f5-4113-8e2d-b22465e65bf6',
  keyVaultCryptoOfficer: '14b46e9e-c2b7-41b4-b07b-48a6ebf60603',
};

/** Diagnostic setting properties every module uses: all resource logs and metrics to the central workspace. */
const diagProperties = (workspaceIdExpr, withMetrics = true) => ({
  workspaceId: workspaceIdExpr,
  logs: [{ categoryGroup: 'allLogs', enabled: true }],
  ...(withMetrics ? { metrics: [{ category: 'AllMetrics', enabled: true }] } : {}),
});

/** A module call as Bicep emits it: Microsoft.Resources/deployments with inner expression scope. */
function moduleDeployment({ name, resourceGroup, parameters, template, dependsOn }) {
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: API.deployments,
    name,
    resourceGroup,
    properties: {
      expressionEvaluationOptions: { scope: 'inner' },
      mode: 'Incremental',
      parameters: Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, { value: v }])),
      template,
    },
    dependsOn,
  };
}

function moduleTemplate(parameters, variables, resources) {
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters,
    ...(variables ? { variables } : {}),
    resources,
  };
}

// ---------------------------------------------------------------------------------------------------
// modules/logging.bicep (the central workspace, deployed first: every other module sends logs to it)
// ---------------------------------------------------------------------------------------------------
function loggingModule() {
  return moduleTemplate(
    {
      location: { type: 'string' },
      tags: { type: 'object' },
      logAnalyticsWorkspaceName: { type: 'string' },
    },
    undefined,
    [
      {
        type: 'Microsoft.OperationalInsights/workspaces',
        apiVersion: API.law,
        name: x("parameters('logAnalyticsWorkspaceName')"),
        location: x("parameters('location')"),
        tags: x("parameters('tags')"),
        properties: {
          sku: { name: 'PerGB2018' },
          retentionInDays: 365,
          features: { disableLocalAuth: true },
        },
      },
    ],
  );
}

// ---------------------------------------------------------------------------------------------------
// modules/network.bicep
// ---------------------------------------------------------------------------------------------------
function networkModule(variant) {
  const nsgName = (item) => `format('{0}-{1}-nsg', parameters('name'), ${item})`;
  const servicesRules = [
    {
      name: 'AllowVnetHttpsInbound',
      properties: {
        priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
        sourceAddressPrefix: 'VirtualNetwork', sourcePortRange: '*',
        destinationAddressPrefix: 'VirtualNetwork', destinationPortRange: '443',
      },
    },
  ];
  if (variant === 'noncompliant') {
    servicesRules.push({
      name: 'AllowRdpFromInternet',
      properties: {
        priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
        sourceAddressPrefix: 'Internet', sourcePortRange: '*',
        destinationAddressPrefix: 'VirtualNetwork', destinationPortRange: '3389',
      },
    });
  }
  servicesRules.push({
    name: 'DenyInternetInbound',
    properties: {
      priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*',
      sourceAddressPrefix: 'Internet', sourcePortRange: '*',
      destinationAddressPrefix: '*', destinationPortRange: '*',
    },
  });
  const databricksRules = [
    {
      name: 'DenyInternetInbound',
      properties: {
        priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*',
        sourceAddressPrefix: 'Internet', sourcePortRange: '*',
        destinationAddressPrefix: '*', destinationPortRange: '*',
      },
    },
  ];

  const subnetItem = "parameters('subnets')[copyIndex('subnets')]";
  const resources = [
    {
      type: 'Microsoft.Network/networkSecurityGroups',
      apiVersion: API.network,
      name: x(nsgName("variables('nsgs')[copyIndex()].name")),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      copy: { name: 'networkSecurityGroups', count: x("length(variables('nsgs'))") },
      properties: { securityRules: x("variables('nsgs')[copyIndex()].securityRules") },
    },
    {
      type: 'Microsoft.Insights/diagnosticSettings',
      apiVersion: API.diagnostics,
      scope: x(`format('Microsoft.Network/networkSecurityGroups/{0}', ${nsgName("variables('nsgs')[copyIndex()].name")})`),
      name: 'to-central-law',
      copy: { name: 'nsgDiagnostics', count: x("length(variables('nsgs'))") },
      properties: diagProperties(x("parameters('logAnalyticsWorkspaceId')"), false),
      dependsOn: [x(`resourceId('Microsoft.Network/networkSecurityGroups', ${nsgName("variables('nsgs')[copyIndex()].name")})`)],
    },
    {
      type: 'Microsoft.Network/virtualNetworks',
      apiVersion: API.network,
      name: x("parameters('vnetName')"),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      properties: {
        addressSpace: { addressPrefixes: [x("parameters('vnetAddressPrefix')")] },
        copy: [
          {
            name: 'subnets',
            count: x("length(parameters('subnets'))"),
            input: {
              name: x(`${subnetItem}.name`),
              properties: {
                addressPrefix: x(`${subnetItem}.addressPrefix`),
                networkSecurityGroup: x(`if(empty(${subnetItem}.nsg), null(), createObject('id', resourceId('Microsoft.Network/networkSecurityGroups', ${nsgName(`${subnetItem}.nsg`)})))`),
                delegations: x(`if(empty(${subnetItem}.delegation), createArray(), createArray(createObject('name', 'delegation', 'properties', createObject('serviceName', ${subnetItem}.delegation))))`),
                privateEndpointNetworkPolicies: 'Enabled',
              },
            },
          },
        ],
      },
      dependsOn: ['networkSecurityGroups'],
    },
    {
      type: 'Microsoft.Network/publicIPAddresses',
      apiVersion: API.network,
      name: x("format('{0}-fw-pip', parameters('name'))"),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      sku: { name: 'Standard', tier: 'Regional' },
      zones: ['1', '2', '3'],
      properties: { publicIPAllocationMethod: 'Static', publicIPAddressVersion: 'IPv4' },
    },
    {
      type: 'Microsoft.Network/firewallPolicies',
      apiVersion: API.network,
      name: x("format('{0}-fw-policy', parameters('name'))"),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      properties: {
        sku: { tier: 'Premium' },
        threatIntelMode: variant === 'noncompliant' ? 'Alert' : 'Deny',
        intrusionDetection: { mode: 'Deny' },
        dnsSettings: { enableProxy: true },
      },
    },
    {
      type: 'Microsoft.Network/azureFirewalls',
      apiVersion: API.network,
      name: x("format('{0}-fw', parameters('name'))"),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      zones: ['1', '2', '3'],
      properties: {
        sku: { name: 'AZFW_VNet', tier: 'Premium' },
        ipConfigurations: [
          {
            name: 'ipconfig',
            properties: {
              subnet: { id: x("resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), 'AzureFirewallSubnet')") },
              publicIPAddress: { id: x("resourceId('Microsoft.Network/publicIPAddresses', format('{0}-fw-pip', parameters('name')))") },
            },
          },
        ],
        firewallPolicy: { id: x("resourceId('Microsoft.Network/firewallPolicies', format('{0}-fw-policy', parameters('name')))") },
      },
      dependsOn: [
        x("resourceId('Microsoft.Network/firewallPolicies', format('{0}-fw-policy', parameters('name')))"),
        x("resourceId('Microsoft.Network/publicIPAddresses', format('{0}-fw-pip', parameters('name')))"),
        x("resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))"),
      ],
    },
    {
      // The legacy nested form of a diagnostic setting (<resource>/providers/diagnosticSettings), still
      // common in landing zones that predate extension resources.
      type: 'Microsoft.Network/azureFirewalls/providers/diagnosticSettings',
      apiVersion: API.diagnostics,
      name: x("format('{0}-fw/Microsoft.Insights/to-central-law', parameters('name'))"),
      properties: diagProperties(x("parameters('logAnalyticsWorkspaceId')")),
      dependsOn: [x("resourceId('Microsoft.Network/azureFirewalls', format('{0}-fw', parameters('name')))")],
    },
    {
      type: 'Microsoft.Network/privateDnsZones',
      apiVersion: API.privateDns,
      name: x("parameters('privateDnsZoneNames')[copyIndex()]"),
      location: 'global',
      tags: x("parameters('tags')"),
      copy: { name: 'privateDnsZones', count: x("length(parameters('privateDnsZoneNames'))") },
      properties: {},
    },
    {
      type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
      apiVersion: API.privateDns,
      name: x("format('{0}/{1}', parameters('privateDnsZoneNames')[copyIndex()], parameters('vnetName'))"),
      location: 'global',
      tags: x("parameters('tags')"),
      copy: { name: 'privateDnsZoneLinks', count: x("length(parameters('privateDnsZoneNames'))") },
      properties: {
        registrationEnabled: false,
        virtualNetwork: { id: x("resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))") },
      },
      dependsOn: [
        x("resourceId('Microsoft.Network/privateDnsZones', parameters('privateDnsZoneNames')[copyIndex()])"),
        x("resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))"),
      ],
    },
  ];

  return moduleTemplate(
    {
      location: { type: 'string' },
      name: { type: 'string' },
      tags: { type: 'object' },
      vnetName: { type: 'string' },
      vnetAddressPrefix: { type: 'string' },
      subnets: { type: 'array' },
      privateDnsZoneNames: { type: 'array' },
      logAnalyticsWorkspaceId: { type: 'string' },
    },
    {
      nsgs: [
        { name: 'services', securityRules: servicesRules },
        { name: 'databricks', securityRules: databricksRules },
      ],
    },
    resources,
  );
}

// ---------------------------------------------------------------------------------------------------
// modules/privateEndpoints (the endpoint loop each PaaS module repeats)
// ---------------------------------------------------------------------------------------------------
function privateEndpointLoop(loopName) {
  const item = "variables('privateEndpointDefinitions')[copyIndex()]";
  return [
    {
      type: 'Microsoft.Network/privateEndpoints',
      apiVersion: API.network,
      name: x(`format('{0}-{1}-pe', ${item}.resourceName, ${item}.groupId)`),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      copy: { name: loopName, count: x("length(variables('privateEndpointDefinitions'))") },
      properties: {
        subnet: { id: x("parameters('privateEndpointSubnetId')") },
        privateLinkServiceConnections: [
          {
            name: x(`${item}.groupId`),
            properties: { privateLinkServiceId: x(`${item}.resourceId`), groupIds: [x(`${item}.groupId`)] },
          },
        ],
      },
    },
    {
      type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
      apiVersion: API.network,
      name: x(`format('{0}/{1}', format('{0}-{1}-pe', ${item}.resourceName, ${item}.groupId), 'default')`),
      copy: { name: `${loopName}DnsZoneGroups`, count: x("length(variables('privateEndpointDefinitions'))") },
      properties: {
        privateDnsZoneConfigs: [
          {
            name: x(`replace(${item}.zone, '.', '-')`),
            properties: {
              privateDnsZoneId: x(`resourceId(subscription().subscriptionId, parameters('networkResourceGroupName'), 'Microsoft.Network/privateDnsZones', ${item}.zone)`),
            },
          },
        ],
      },
      dependsOn: [x(`resourceId('Microsoft.Network/privateEndpoints', format('{0}-{1}-pe', ${item}.resourceName, ${item}.groupId))`)],
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// modules/management.bicep (data management zone services)
// ---------------------------------------------------------------------------------------------------
function managementModule(variant) {
  const kvId = "resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName'))";
  const uamiId = "resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('cmkIdentityName'))";
  const acrId = "resourceId('Microsoft.ContainerRegistry/registries', parameters('containerRegistryName'))";
  const purviewId = "resourceId('Microsoft.Purview/accounts', parameters('purviewName'))";
  const keyVaultUri = "variables('keyVaultUri')";
  const nc = variant === 'noncompliant';

  const keys = [
    {
      type: 'Microsoft.KeyVault/vaults/keys',
      apiVersion: API.keyVault,
      name: x("format('{0}/{1}', parameters('keyVaultName'), variables('cmkKeyNames')[copyIndex()])"),
      copy: { name: 'cmkKeys', count: x("length(variables('cmkKeyNames'))") },
      properties: {
        kty: 'RSA',
        keySize: 3072,
        keyOps: ['wrapKey', 'unwrapKey'],
        attributes: { enabled: true, exp: x("parameters('keyExpiryEpoch')") },
      },
      dependsOn: [x(kvId)],
    },
  ];
  if (nc) {
    keys.push({
      type: 'Microsoft.KeyVault/vaults/keys',
      apiVersion: API.keyVault,
      name: x("format('{0}/{1}', parameters('keyVaultName'), 'sql-tde')"),
      properties: { kty: 'RSA', keySize: 3072, keyOps: ['wrapKey', 'unwrapKey'], attributes: { enabled: true } },
      dependsOn: [x(kvId)],
    });
  }

  const resources = [
    {
      type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
      apiVersion: API.uami,
      name: x("parameters('cmkIdentityName')"),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
    },
    {
      type: 'Microsoft.KeyVault/vaults',
      apiVersion: API.keyVault,
      name: x("parameters('keyVaultName')"),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      properties: {
        tenantId: x('subscription().tenantId'),
        sku: { family: 'A', name: 'premium' },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        ...(nc ? {} : { enablePurgeProtection: true }),
        publicNetworkAccess: nc ? 'Enabled' : 'Disabled',
        networkAcls: nc
          ? { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [{ value: x("parameters('adminIpRange')") }] }
          : { defaultAction: 'Deny', bypass: 'AzureServices' },
      },
    },
    ...keys,
    {
      // The CMK identity may wrap and unwrap keys in this vault only.
      type: 'Microsoft.Authorization/roleAssignments',
      apiVersion: API.roleAssignments,
      scope: x("format('Microsoft.KeyVault/vaults/{0}', parameters('keyVaultName'))"),
      name: x(`guid(${kvId}, ${uamiId}, '${ROLE.keyVaultCryptoServiceEncryptionUser}')`),
      properties: {
        roleDefinitionId: x(`subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ROLE.keyVaultCryptoServiceEncryptionUser}')`),
        principalId: x(`reference(${uamiId}, '${API.uami}').principalId`),
        principalType: 'ServicePrincipal',
      },
      dependsOn: [x(kvId), x(uamiId)],
    },
    {
      type: 'Microsoft.Authorization/roleAssignments',
      apiVersion: API.roleAssignments,
      scope: x("format('Microsoft.KeyVault/vaults/{0}', parameters('keyVaultName'))"),
      name: x(`guid(${kvId}, parameters('platformOpsGroupObjectId'), '${ROLE.keyVaultCryptoOfficer}')`),
      properties: {
        roleDefinitionId: x(`subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ROLE.keyVaultCryptoOfficer}')`),
        principalId: x("parameters('platformOpsGroupObjectId')"),
        principalType: 'Group',
      },
      dependsOn: [x(kvId)],
    },
    {
      type: 'Microsoft.KeyVault/vaults/providers/diagnosticSettings',
      apiVersion: API.diagnostics,
      name: x("format('{0}/Microsoft.Insights/to-central-law', parameters('keyVaultName'))"),
      properties: diagProperties(x("parameters('logAnalyticsWorkspaceId')")),
      dependsOn: [x(kvId)],
    },
    {
      type: 'Microsoft.ContainerRegistry/registries',
      apiVersion: API.acr,
      name: x("parameters('containerRegistryName')"),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      sku: { name: 'Premium' },
      identity: { type: 'UserAssigned', userAssignedIdentities: { [x(`format('{0}', ${uamiId})`)]: {} } },
      properties: {
        adminUserEnabled: nc,
        anonymousPullEnabled: false,
        publicNetworkAccess: 'Disabled',
        networkRuleBypassOptions: 'AzureServices',
        zoneRedundancy: 'Enabled',
        encryption: {
          status: 'enabled',
          keyVaultProperties: {
            keyIdentifier: x(`format('{0}keys/acr-cmk', ${keyVaultUri})`),
            identity: x(`reference(${uamiId}, '${API.uami}').clientId`),
          },
        },
        policies: { retentionPolicy: { status: 'enabled', days: 30 } },
      },
      dependsOn: ['cmkKeys', x(uamiId)],
    },
    {
      type: 'Microsoft.Insights/diagnosticSettings',
      apiVersion: API.diagnostics,
      scope: x("format('Microsoft.ContainerRegistry/registries/{0}', parameters('containerRegistryName'))"),
      name: 'to-central-law',
      properties: diagProperties(x("parameters('logAnalyticsWorkspaceId')")),
      dependsOn: [x(acrId)],
    },
    {
      type: 'Microsoft.Purview/accounts',
      apiVersion: API.purview,
      name: x("parameters('purviewName')"),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      identity: { type: 'SystemAssigned' },
      properties: {
        publicNetworkAccess: 'Disabled',
        managedResourcesPublicNetworkAccess: 'Disabled',
        managedResourceGroupName: x("format('{0}-purview-managed', parameters('name'))"),
      },
    },
    {
      type: 'Microsoft.Insights/diagnosticSettings',
      apiVersion: API.diagnostics,
      scope: x("format('Microsoft.Purview/accounts/{0}', parameters('purviewName'))"),
      name: 'to-central-law',
      properties: diagProperties(x("parameters('logAnalyticsWorkspaceId')")),
      dependsOn: [x(purviewId)],
    },
    ...privateEndpointLoop('managementPrivateEndpoints'),
  ];
  // Endpoints wait for their services.
  resources.find((r) => r.copy?.name === 'managementPrivateEndpoints').dependsOn = [x(kvId), x(acrId), x(purviewId)];

  return moduleTemplate(
    {
      location: { type: 'string' },
      name: { type: 'string' },
      tags: { type: 'object' },
      logAnalyticsWorkspaceId: { type: 'string' },
      keyVaultName: { type: 'string' },
      cmkIdentityName: { type: 'string' },
      containerRegistryName: { type: 'string' },
      purviewName: { type: 'string' },
      keyExpiryEpoch: { type: 'int' },
      platformOpsGroupObjectId: { type: 'string' },
      ...(nc ? { adminIpRange: { type: 'string' } } : {}),
      privateEndpointSubnetId: { type: 'string' },
      networkResourceGroupName: { type: 'string' },
    },
    {
      keyVaultUri: x("format('https://{0}{1}/', parameters('keyVaultName'), environment().suffixes.keyvaultDns)"),
      cmkKeyNames: nc
        ? ['storage-cmk', 'acr-cmk', 'adf-cmk', 'dbw-cmk', 'synapse-cmk', 'mlw-cmk']
        : ['storage-cmk', 'acr-cmk', 'adf-cmk', 'dbw-cmk', 'synapse-cmk', 'mlw-cmk', 'sql-tde'],
      privateEndpointDefinitions: [
        { resourceName: x("parameters('keyVaultName')"), resourceId: x(kvId), groupId: 'vault', zone: 'privatelink.vaultcore.azure.net' },
        { resourceName: x("parameters('containerRegistryName')"), resourceId: x(acrId), groupId: 'registry', zone: 'privatelink.azurecr.io' },
        { resourceName: x("parameters('purviewName')"), resourceId: x(purviewId), groupId: 'account', zone: 'privatelink.purview.azure.com' },
        { resourceName: x("parameters('purviewName')"), resourceId: x(purviewId), groupId: 'portal', zone: 'privatelink.purviewstudio.azure.com' },
      ],
    },
    resources,
  );
}

// ---------------------------------------------------------------------------------------------------
// modules/data.bicep (data landing zone services)
// ---------------------------------------------------------------------------------------------------
function dataModule(variant) {
  const nc = variant === 'noncompliant';
  const lawId = "parameters('logAnalyticsWorkspaceId')";
  const keyVaultUri = "variables('keyVaultUri')";
  const managementScope = "format('/subscriptions/{0}/resourceGroups/{1}', subscription().subscriptionId, parameters('managementResourceGroupName'))";
  const keyVaultId = `extensionResourceId(${managementScope}, 'Microsoft.KeyVault/vaults', parameters('keyVaultName'))`;
  const databricksKeyVersion = `last(split(reference(extensionResourceId(${managementScope}, 'Microsoft.KeyVault/vaults/keys', parameters('keyVaultName'), 'dbw-cmk'), '${API.keyVault}').keyUriWithVersion, '/'))`;
  const uamiId = "parameters('cmkIdentityId')";
  const saId = (n) => `resourceId('Microsoft.Storage/storageAccounts', ${n})`;
  const dbwId = "resourceId('Microsoft.Databricks/workspaces', variables('databricksName'))";
  const synId = "resourceId('Microsoft.Synapse/workspaces', variables('synapseName'))";
  const adfId = "resourceId('Microsoft.DataFactory/factories', variables('dataFactoryName'))";
  const appiId = "resourceId('Microsoft.Insights/components', variables('appInsightsName'))";
  const mlwId = "resourceId('Microsoft.MachineLearningServices/workspaces', variables('machineLearningName'))";
  const sqlId = "resourceId('Microsoft.Sql/servers', variables('sqlServerName'))";
  const dbId = "resourceId('Microsoft.Sql/servers/databases', variables('sqlServerName'), variables('sqlDatabaseName'))";
  const diag = (scope, deps) => ({
    type: 'Microsoft.Insights/diagnosticSettings',
    apiVersion: API.diagnostics,
    scope: x(scope),
    name: 'to-central-law',
    properties: diagProperties(x(lawId)),
    dependsOn: deps.map(x),
  });
  const sa = "variables('storageAccountDefinitions')[copyIndex()]";
  const storageProps = (hns) => ({
    kind: 'StorageV2',
    sku: { name: 'Standard_ZRS' },
    identity: { type: 'UserAssigned', userAssignedIdentities: { [x(`format('{0}', ${uamiId})`)]: {} } },
    properties: {
      isHnsEnabled: hns,
      accessTier: 'Hot',
      minimumTlsVersion: 'TLS1_2',
      supportsHttpsTrafficOnly: true,
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      publicNetworkAccess: 'Disabled',
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
      encryption: {
        keySource: 'Microsoft.Keyvault',
        requireInfrastructureEncryption: true,
        identity: { userAssignedIdentity: x(uamiId) },
        keyvaultproperties: { keyvaulturi: x(keyVaultUri), keyname: 'storage-cmk' },
        services: { blob: { enabled: true, keyType: 'Account' }, file: { enabled: true, keyType: 'Account' } },
      },
    },
  });
  const blobServiceProps = (softDelete) => ({
    deleteRetentionPolicy: softDelete ? { enabled: true, days: 30 } : { enabled: false },
    containerDeleteRetentionPolicy: { enabled: true, days: 30 },
    isVersioningEnabled: true,
  });

  const storage = [
    {
      type: 'Microsoft.Storage/storageAccounts',
      apiVersion: API.storage,
      name: x(`${sa}.name`),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      copy: { name: 'storageAccounts', count: x("length(variables('storageAccountDefinitions'))") },
      ...storageProps(x(`${sa}.isHnsEnabled`)),
    },
    {
      type: 'Microsoft.Storage/storageAccounts/blobServices',
      apiVersion: API.storage,
      name: x(`format('{0}/{1}', ${sa}.name, 'default')`),
      copy: { name: 'blobServices', count: x("length(variables('storageAccountDefinitions'))") },
      properties: blobServiceProps(true),
      dependsOn: [x(saId(`${sa}.name`))],
    },
    diag(`format('Microsoft.Storage/storageAccounts/{0}/blobServices/{1}', ${sa}.name, 'default')`, [
      `resourceId('Microsoft.Storage/storageAccounts/blobServices', ${sa}.name, 'default')`,
    ]),
  ];
  storage[2].copy = { name: 'blobDiagnostics', count: x("length(variables('storageAccountDefinitions'))") };
  if (nc) {
    // The raw landing account was added outside the loop for a vendor feed (see README).
    const raw = storageProps(true);
    raw.properties.minimumTlsVersion = 'TLS1_0';
    raw.properties.allowBlobPublicAccess = true;
    raw.properties.publicNetworkAccess = 'Enabled';
    raw.properties.networkAcls = { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [{ value: x("parameters('vendorIpRange')"), action: 'Allow' }] };
    raw.properties.encryption = {
      keySource: 'Microsoft.Storage',
      requireInfrastructureEncryption: true,
      services: { blob: { enabled: true, keyType: 'Account' }, file: { enabled: true, keyType: 'Account' } },
    };
    delete raw.identity;
    storage.unshift(
      {
        type: 'Microsoft.Storage/storageAccounts',
        apiVersion: API.storage,
        name: x("variables('rawStorageName')"),
        location: x("parameters('location')"),
        tags: x("parameters('tags')"),
        ...raw,
      },
      {
        type: 'Microsoft.Storage/storageAccounts/blobServices',
        apiVersion: API.storage,
        name: x("format('{0}/{1}', variables('rawStorageName'), 'default')"),
        properties: blobServiceProps(false),
        dependsOn: [x(saId("variables('rawStorageName')"))],
      },
      diag("format('Microsoft.Storage/storageAccounts/{0}/blobServices/{1}', variables('rawStorageName'), 'default')", [
        "resourceId('Microsoft.Storage/storageAccounts/blobServices', variables('rawStorageName'), 'default')",
      ]),
    );
  }

  const analyticsTags = nc ? x("variables('legacyTags')") : x("parameters('tags')");

  const resources = [
    ...storage,
    {
      type: 'Microsoft.Databricks/workspaces',
      apiVersion: API.databricks,
      name: x("variables('databricksName')"),
      location: x("parameters('location')"),
      tags: analyticsTags,
      sku: { name: 'premium' },
      properties: {
        managedResourceGroupId: x("subscriptionResourceId('Microsoft.Resources/resourceGroups', format('{0}-dbw-managed', parameters('name')))"),
        publicNetworkAccess: nc ? 'Enabled' : 'Disabled',
        requiredNsgRules: nc ? 'AllRules' : 'NoAzureDatabricksRules',
        parameters: {
          customVirtualNetworkId: { value: x("parameters('vnetId')") },
          customPublicSubnetName: { value: x("parameters('databricksHostSubnetName')") },
          customPrivateSubnetName: { value: x("parameters('databricksContainerSubnetName')") },
          enableNoPublicIp: { value: !nc },
          ...(nc
            ? {}
            : {
                prepareEncryption: { value: true },
                requireInfrastructureEncryption: { value: true },
                encryption: {
                  value: {
                    keySource: 'Microsoft.Keyvault',
                    KeyName: 'dbw-cmk',
                    keyvaulturi: x(keyVaultUri),
                    keyversion: x(databricksKeyVersion),
                  },
                },
              }),
        },
        ...(nc
          ? {}
          : {
              encryption: {
                entities: {
                  managedServices: {
                    keySource: 'Microsoft.Keyvault',
                    keyVaultProperties: {
                      keyVaultUri: x(keyVaultUri),
                      keyName: 'dbw-cmk',
                      keyVersion: x(databricksKeyVersion),
                    },
                  },
                },
              },
            }),
      },
    },
    diag("format('Microsoft.Databricks/workspaces/{0}', variables('databricksName'))", [dbwId]),
    {
      type: 'Microsoft.Synapse/workspaces',
      apiVersion: API.synapse,
      name: x("variables('synapseName')"),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      identity: { type: 'SystemAssigned,UserAssigned', userAssignedIdentities: { [x(`format('{0}', ${uamiId})`)]: {} } },
      properties: {
        defaultDataLakeStorage: {
          accountUrl: x("format('https://{0}.dfs.{1}', variables('curatedStorageName'), environment().suffixes.storage)"),
          filesystem: 'synapse',
          resourceId: x(saId("variables('curatedStorageName')")),
          createManagedPrivateEndpoint: true,
        },
        managedVirtualNetwork: 'default',
        managedVirtualNetworkSettings: { preventDataExfiltration: true, allowedAadTenantIdsForLinking: [] },
        managedResourceGroupName: x("format('{0}-syn-managed', parameters('name'))"),
        publicNetworkAccess: 'Disabled',
        azureADOnlyAuthentication: true,
        cspWorkspaceAdminProperties: { initialWorkspaceAdminObjectId: x("parameters('dataAdminsGroupObjectId')") },
        encryption: {
          cmk: {
            kekIdentity: { userAssignedIdentityReference: x(uamiId), useSystemAssignedIdentity: false },
            key: { name: 'default', keyVaultUrl: x(`format('{0}keys/synapse-cmk', ${keyVaultUri})`) },
          },
        },
      },
      dependsOn: ['storageAccounts'],
    },
    ...(nc ? [] : [diag("format('Microsoft.Synapse/workspaces/{0}', variables('synapseName'))", [synId])]),
    {
      type: 'Microsoft.DataFactory/factories',
      apiVersion: API.dataFactory,
      name: x("variables('dataFactoryName')"),
      location: x("parameters('location')"),
      tags: analyticsTags,
      identity: { type: 'UserAssigned', userAssignedIdentities: { [x(`format('{0}', ${uamiId})`)]: {} } },
      properties: {
        publicNetworkAccess: 'Disabled',
        encryption: { vaultBaseUrl: x(keyVaultUri), keyName: 'adf-cmk', identity: { userAssignedIdentity: x(uamiId) } },
      },
    },
    ...(nc
      ? []
      : [
          {
            type: 'Microsoft.DataFactory/factories/managedVirtualNetworks',
            apiVersion: API.dataFactory,
            name: x("format('{0}/{1}', variables('dataFactoryName'), 'default')"),
            properties: {},
            dependsOn: [x(adfId)],
          },
        ]),
    {
      type: 'Microsoft.DataFactory/factories/integrationRuntimes',
      apiVersion: API.dataFactory,
      name: x("format('{0}/{1}', variables('dataFactoryName'), 'AutoResolveIntegrationRuntime')"),
      properties: nc
        ? { type: 'Managed', typeProperties: { computeProperties: { location: 'AutoResolve' } } }
        : {
            type: 'Managed',
            managedVirtualNetwork: { type: 'ManagedVirtualNetworkReference', referenceName: 'default' },
            typeProperties: { computeProperties: { location: 'AutoResolve' } },
          },
      dependsOn: nc ? [x(adfId)] : [x(adfId), x("resourceId('Microsoft.DataFactory/factories/managedVirtualNetworks', variables('dataFactoryName'), 'default')")],
    },
    diag("format('Microsoft.DataFactory/factories/{0}', variables('dataFactoryName'))", [adfId]),
    {
      type: 'Microsoft.Insights/components',
      apiVersion: API.appInsights,
      name: x("variables('appInsightsName')"),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      kind: 'web',
      properties: { Application_Type: 'web', WorkspaceResourceId: x(lawId), DisableLocalAuth: true },
    },
    {
      type: 'Microsoft.MachineLearningServices/workspaces',
      apiVersion: API.ml,
      name: x("variables('machineLearningName')"),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      sku: { name: 'Basic', tier: 'Basic' },
      identity: { type: 'UserAssigned', userAssignedIdentities: { [x(`format('{0}', ${uamiId})`)]: {} } },
      properties: {
        friendlyName: x("variables('machineLearningName')"),
        hbiWorkspace: true,
        keyVault: x(keyVaultId),
        storageAccount: x(saId("variables('mlStorageName')")),
        applicationInsights: x(appiId),
        containerRegistry: x("parameters('containerRegistryId')"),
        primaryUserAssignedIdentity: x(uamiId),
        publicNetworkAccess: 'Disabled',
        managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' },
        encryption: {
          status: 'Enabled',
          identity: { userAssignedIdentity: x(uamiId) },
          keyVaultProperties: { keyVaultArmId: x(keyVaultId), keyIdentifier: x(`format('{0}keys/mlw-cmk', ${keyVaultUri})`) },
        },
      },
      dependsOn: [x(appiId), 'storageAccounts'],
    },
    {
      type: 'Microsoft.MachineLearningServices/workspaces/computes',
      apiVersion: API.ml,
      name: x("format('{0}/{1}', variables('machineLearningName'), 'cpu-cluster')"),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      properties: {
        computeType: 'AmlCompute',
        disableLocalAuth: true,
        properties: {
          vmSize: 'Standard_DS3_v2',
          enableNodePublicIp: false,
          scaleSettings: { minNodeCount: 0, maxNodeCount: 4, nodeIdleTimeBeforeScaleDown: 'PT15M' },
        },
      },
      dependsOn: [x(mlwId)],
    },
    diag("format('Microsoft.MachineLearningServices/workspaces/{0}', variables('machineLearningName'))", [mlwId]),
    {
      type: 'Microsoft.Sql/servers',
      apiVersion: API.sql,
      name: x("variables('sqlServerName')"),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      identity: { type: 'UserAssigned', userAssignedIdentities: { [x(`format('{0}', ${uamiId})`)]: {} } },
      properties: {
        minimalTlsVersion: '1.2',
        publicNetworkAccess: nc ? 'Enabled' : 'Disabled',
        restrictOutboundNetworkAccess: 'Enabled',
        primaryUserAssignedIdentityId: x(uamiId),
        keyId: x(`format('{0}keys/sql-tde', ${keyVaultUri})`),
        administrators: {
          administratorType: 'ActiveDirectory',
          principalType: 'Group',
          login: x("parameters('sqlAdminGroupName')"),
          sid: x("parameters('sqlAdminGroupObjectId')"),
          tenantId: x('subscription().tenantId'),
          azureADOnlyAuthentication: true,
        },
      },
    },
    ...(nc
      ? []
      : [
          {
            type: 'Microsoft.Sql/servers/auditingSettings',
            apiVersion: API.sql,
            name: x("format('{0}/{1}', variables('sqlServerName'), 'default')"),
            properties: { state: 'Enabled', isAzureMonitorTargetEnabled: true, retentionDays: 0 },
            dependsOn: [x(sqlId)],
          },
        ]),
    {
      type: 'Microsoft.Sql/servers/databases',
      apiVersion: API.sql,
      name: x("format('{0}/{1}', variables('sqlServerName'), variables('sqlDatabaseName'))"),
      location: x("parameters('location')"),
      tags: x("parameters('tags')"),
      sku: { name: 'GP_S_Gen5_2', tier: 'GeneralPurpose' },
      properties: { zoneRedundant: true, requestedBackupStorageRedundancy: 'Zone' },
      dependsOn: [x(sqlId)],
    },
    {
      type: 'Microsoft.Sql/servers/databases/transparentDataEncryption',
      apiVersion: API.sql,
      name: x("format('{0}/{1}/{2}', variables('sqlServerName'), variables('sqlDatabaseName'), 'current')"),
      properties: { state: 'Enabled' },
      dependsOn: [x(dbId)],
    },
    diag("format('Microsoft.Sql/servers/{0}/databases/{1}', variables('sqlServerName'), variables('sqlDatabaseName'))", [dbId]),
    {
      type: 'Microsoft.Authorization/roleAssignments',
      apiVersion: API.roleAssignments,
      name: x("guid(resourceGroup().id, variables('dataRoleAssignmentDefinitions')[copyIndex()].principalId, variables('dataRoleAssignmentDefinitions')[copyIndex()].roleDefinitionId)"),
      copy: { name: 'dataRoleAssignments', count: x("length(variables('dataRoleAssignmentDefinitions'))") },
      properties: {
        roleDefinitionId: x("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('dataRoleAssignmentDefinitions')[copyIndex()].roleDefinitionId)"),
        principalId: x("variables('dataRoleAssignmentDefinitions')[copyIndex()].principalId"),
        principalType: 'Group',
        description: x("variables('dataRoleAssignmentDefinitions')[copyIndex()].description"),
      },
    },
    ...privateEndpointLoop('dataPrivateEndpoints'),
  ];
  resources.find((r) => r.copy?.name === 'dataPrivateEndpoints').dependsOn = [
    ...(nc ? [x(saId("variables('rawStorageName')"))] : []),
    'storageAccounts',
    x(dbwId),
    x(synId),
    x(adfId),
    x(mlwId),
    x(sqlId),
  ];

  const pe = (resourceName, resourceId, groupId, zone) => ({ resourceName: x(resourceName), resourceId: x(resourceId), groupId, zone });
  const storageEndpoints = (v) => [
    pe(`variables('${v}')`, saId(`variables('${v}')`), 'blob', 'privatelink.blob.core.windows.net'),
    ...(v === 'mlStorageName' ? [] : [pe(`variables('${v}')`, saId(`variables('${v}')`), 'dfs', 'privatelink.dfs.core.windows.net')]),
  ];

  const storageName = (suffix) => x(`format('st{0}${suffix}{1}', replace(parameters('name'), '-', ''), take(uniqueString(resourceGroup().id), 6))`);
  return moduleTemplate(
    {
      location: { type: 'string' },
      name: { type: 'string' },
      tags: { type: 'object' },
      logAnalyticsWorkspaceId: { type: 'string' },
      keyVaultName: { type: 'string' },
      managementResourceGroupName: { type: 'string' },
      networkResourceGroupName: { type: 'string' },
      cmkIdentityId: { type: 'string' },
      containerRegistryId: { type: 'string' },
      vnetId: { type: 'string' },
      privateEndpointSubnetId: { type: 'string' },
      databricksHostSubnetName: { type: 'string' },
      databricksContainerSubnetName: { type: 'string' },
      dataAdminsGroupObjectId: { type: 'string' },
      dataEngineersGroupObjectId: { type: 'string' },
      sqlAdminGroupName: { type: 'string' },
      sqlAdminGroupObjectId: { type: 'string' },
      ...(nc ? { vendorIpRange: { type: 'string' } } : {}),
    },
    {
      keyVaultUri: x("format('https://{0}{1}/', parameters('keyVaultName'), environment().suffixes.keyvaultDns)"),
      rawStorageName: storageName('raw'),
      curatedStorageName: storageName('cur'),
      mlStorageName: storageName('ml'),
      storageAccountDefinitions: [
        ...(nc ? [] : [{ name: x("variables('rawStorageName')"), isHnsEnabled: true }]),
        { name: x("variables('curatedStorageName')"), isHnsEnabled: true },
        // Machine Learning needs a flat-namespace account for its default datastore.
        { name: x("variables('mlStorageName')"), isHnsEnabled: false },
      ],
      databricksName: x("format('{0}-dbw', parameters('name'))"),
      synapseName: x("format('{0}-syn-{1}', parameters('name'), take(uniqueString(resourceGroup().id), 6))"),
      dataFactoryName: x("format('{0}-adf-{1}', parameters('name'), take(uniqueString(resourceGroup().id), 6))"),
      appInsightsName: x("format('{0}-appi', parameters('name'))"),
      machineLearningName: x("format('{0}-mlw', parameters('name'))"),
      sqlServerName: x("format('{0}-sql-{1}', parameters('name'), take(uniqueString(resourceGroup().id), 6))"),
      sqlDatabaseName: 'curated',
      ...(nc ? { legacyTags: { UseCase: x("parameters('tags').UseCase"), Environment: x("parameters('tags').Environment") } } : {}),
      dataRoleAssignmentDefinitions: [
        { principalId: x("parameters('dataEngineersGroupObjectId')"), roleDefinitionId: ROLE.storageBlobDataContributor, description: 'Data engineers read and write the data lake' },
        { principalId: x("parameters('dataAdminsGroupObjectId')"), roleDefinitionId: ROLE.storageBlobDataReader, description: 'Data product owners read the data lake' },
        { principalId: x("parameters('dataAdminsGroupObjectId')"), roleDefinitionId: ROLE.reader, description: 'Data product owners see the landing zone resources' },
      ],
      privateEndpointDefinitions: [
        ...storageEndpoints('rawStorageName'),
        ...storageEndpoints('curatedStorageName'),
        ...storageEndpoints('mlStorageName'),
        pe("variables('databricksName')", dbwId, 'databricks_ui_api', 'privatelink.azuredatabricks.net'),
        pe("variables('synapseName')", synId, 'Sql', 'privatelink.sql.azuresynapse.net'),
        pe("variables('synapseName')", synId, 'SqlOnDemand', 'privatelink.sql.azuresynapse.net'),
        pe("variables('synapseName')", synId, 'Dev', 'privatelink.dev.azuresynapse.net'),
        pe("variables('dataFactoryName')", adfId, 'dataFactory', 'privatelink.datafactory.azure.net'),
        pe("variables('dataFactoryName')", adfId, 'portal', 'privatelink.adf.azure.com'),
        pe("variables('machineLearningName')", mlwId, 'amlworkspace', 'privatelink.api.azureml.ms'),
        pe("variables('sqlServerName')", sqlId, 'sqlServer', 'privatelink.database.windows.net'),
      ],
    },
    resources,
  );
}

// ---------------------------------------------------------------------------------------------------
// main.bicep (targetScope = 'subscription')
// ---------------------------------------------------------------------------------------------------
function mainTemplate(variant) {
  const nc = variant === 'noncompliant';
  const rgId = (v) => x(`subscriptionResourceId('Microsoft.Resources/resourceGroups', variables('${v}'))`);
  const deploymentId = (rgVar, name) => x(`extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', subscription().subscriptionId, variables('${rgVar}')), 'Microsoft.Resources/deployments', '${name}')`);
  const resourceGroup = (v) => ({
    type: 'Microsoft.Resources/resourceGroups',
    apiVersion: API.rg,
    name: x(`variables('${v}')`),
    location: x("parameters('location')"),
    tags: x("variables('tagsJoined')"),
  });

  const defender = [
    {
      type: 'Microsoft.Security/pricings',
      apiVersion: API.pricings,
      name: x("variables('defenderPlanNames')[copyIndex()]"),
      copy: { name: 'defenderPlans', count: x("length(variables('defenderPlanNames'))"), mode: 'serial', batchSize: 1 },
      properties: { pricingTier: 'Standard' },
    },
  ];
  if (nc) {
    defender.push({
      type: 'Microsoft.Security/pricings',
      apiVersion: API.pricings,
      name: 'Containers',
      properties: { pricingTier: 'Free' },
      dependsOn: ['defenderPlans'],
    });
  }

  const roleAssignments = [
    {
      type: 'Microsoft.Authorization/roleAssignments',
      apiVersion: API.roleAssignments,
      name: x(`guid(subscription().id, parameters('platformOpsGroupObjectId'), '${ROLE.reader}')`),
      properties: {
        roleDefinitionId: x(`subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ROLE.reader}')`),
        principalId: x("parameters('platformOpsGroupObjectId')"),
        principalType: 'Group',
        description: 'Platform operations see every landing zone resource; changes go through the pipeline',
      },
    },
  ];
  if (nc) {
    roleAssignments.push({
      type: 'Microsoft.Authorization/roleAssignments',
      apiVersion: API.roleAssignments,
      name: x(`guid(subscription().id, parameters('breakGlassUserObjectId'), '${ROLE.owner}')`),
      properties: {
        roleDefinitionId: x(`subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ROLE.owner}')`),
        principalId: x("parameters('breakGlassUserObjectId')"),
        principalType: 'User',
        description: 'Temporary: lead engineer needs Owner during the migration',
      },
    });
  }

  const parameters = {
    location: { type: 'string', metadata: { description: 'Azure region of every resource.' } },
    environment: { type: 'string', allowedValues: ['dev', 'tst', 'prod'], metadata: { description: 'Environment name; also the Environment tag.' } },
    prefix: { type: 'string', minLength: 2, maxLength: 6, metadata: { description: 'Short workload prefix used in every resource name.' } },
    costCenter: { type: 'string', metadata: { description: 'CostCenter tag value.' } },
    useCase: { type: 'string', metadata: { description: 'UseCase tag value.' } },
    tags: { type: 'object', defaultValue: {}, metadata: { description: 'Additional tags for every resource.' } },
    vnetAddressPrefix: { type: 'string' },
    subnets: { type: 'array', metadata: { description: 'Subnets of the landing zone virtual network: name, addressPrefix, nsg (services | databricks | empty) and delegation (service name or empty).' } },
    platformOpsGroupObjectId: { type: 'string', metadata: { description: 'Object id of the Entra group of the platform operations team.' } },
    dataAdminsGroupObjectId: { type: 'string', metadata: { description: 'Object id of the Entra group of the data product owners.' } },
    dataEngineersGroupObjectId: { type: 'string', metadata: { description: 'Object id of the Entra group of the data engineers.' } },
    sqlAdminGroupName: { type: 'string', metadata: { description: 'Display name of the Entra group that administers Azure SQL.' } },
    sqlAdminGroupObjectId: { type: 'string', metadata: { description: 'Object id of the Entra group that administers Azure SQL.' } },
    securityContactEmail: { type: 'string', metadata: { description: 'Mailbox that receives Defender for Cloud alerts.' } },
    keyExpiryEpoch: { type: 'int', metadata: { description: 'Expiry of the customer-managed keys, in seconds since 1970-01-01 UTC.' } },
    ...(nc
      ? {
          breakGlassUserObjectId: { type: 'string', metadata: { description: 'Object id of the engineer who gets Owner during the migration.' } },
          adminIpRange: { type: 'string', metadata: { description: 'Office egress range allowed to reach the key vault.' } },
          vendorIpRange: { type: 'string', metadata: { description: 'Vendor egress range that drops files into the raw account.' } },
        }
      : {}),
  };

  const variables = {
    name: x("toLower(format('{0}-{1}', parameters('prefix'), parameters('environment')))"),
    tagsDefault: { CostCenter: x("parameters('costCenter')"), UseCase: x("parameters('useCase')"), Environment: x("parameters('environment')") },
    tagsJoined: x("union(parameters('tags'), variables('tagsDefault'))"),
    networkResourceGroupName: x("format('{0}-network', variables('name'))"),
    managementResourceGroupName: x("format('{0}-management', variables('name'))"),
    dataResourceGroupName: x("format('{0}-data', variables('name'))"),
    vnetName: x("format('{0}-vnet', variables('name'))"),
    logAnalyticsWorkspaceName: x("format('{0}-log', variables('name'))"),
    keyVaultName: x("format('{0}-kv-{1}', variables('name'), take(uniqueString(subscription().id, variables('name')), 6))"),
    cmkIdentityName: x("format('{0}-cmk-id', variables('name'))"),
    containerRegistryName: x("format('cr{0}{1}', replace(variables('name'), '-', ''), take(uniqueString(subscription().id, variables('name')), 6))"),
    purviewName: x("format('{0}-pview', variables('name'))"),
    privateEndpointSubnetId: x("resourceId(subscription().subscriptionId, variables('networkResourceGroupName'), 'Microsoft.Network/virtualNetworks/subnets', variables('vnetName'), 'snet-private-endpoints')"),
    logAnalyticsWorkspaceId: x("resourceId(subscription().subscriptionId, variables('managementResourceGroupName'), 'Microsoft.OperationalInsights/workspaces', variables('logAnalyticsWorkspaceName'))"),
    privateDnsZoneNames: [
      'privatelink.blob.core.windows.net',
      'privatelink.dfs.core.windows.net',
      'privatelink.vaultcore.azure.net',
      'privatelink.azurecr.io',
      'privatelink.purview.azure.com',
      'privatelink.purviewstudio.azure.com',
      'privatelink.azuredatabricks.net',
      'privatelink.sql.azuresynapse.net',
      'privatelink.dev.azuresynapse.net',
      'privatelink.datafactory.azure.net',
      'privatelink.adf.azure.com',
      'privatelink.api.azureml.ms',
      'privatelink.database.windows.net',
    ],
    mfaPolicies: [
      { name: 'require-mfa-create-update', definitionId: '4e6c27d5-a6ee-49cf-b2b4-d8fe90fa2b8b', displayName: 'Users must authenticate with multi-factor authentication to create or update resources' },
      { name: 'require-mfa-delete', definitionId: 'db4a9d17-db75-4f46-9fcb-9f9526604417', displayName: 'Users must authenticate with multi-factor authentication to delete resources' },
    ],
    defenderPlanNames: nc
      ? ['StorageAccounts', 'KeyVaults', 'SqlServers', 'Arm', 'OpenSourceRelationalDatabases']
      : ['StorageAccounts', 'KeyVaults', 'SqlServers', 'Containers', 'Arm', 'OpenSourceRelationalDatabases'],
  };

  const resources = [
    resourceGroup('networkResourceGroupName'),
    resourceGroup('managementResourceGroupName'),
    resourceGroup('dataResourceGroupName'),
    {
      type: 'Microsoft.Authorization/policyAssignments',
      apiVersion: API.policyAssignments,
      name: x("variables('mfaPolicies')[copyIndex()].name"),
      copy: { name: 'mfaAssignments', count: x("length(variables('mfaPolicies'))") },
      properties: {
        displayName: x("variables('mfaPolicies')[copyIndex()].displayName"),
        policyDefinitionId: x("tenantResourceId('Microsoft.Authorization/policyDefinitions', variables('mfaPolicies')[copyIndex()].definitionId)"),
        enforcementMode: 'Default',
      },
    },
    ...defender,
    {
      type: 'Microsoft.Security/securityContacts',
      apiVersion: API.securityContacts,
      name: 'default',
      properties: {
        emails: x("parameters('securityContactEmail')"),
        isEnabled: true,
        notificationsByRole: { state: 'On', roles: ['Owner'] },
        notificationsSources: [{ sourceType: 'Alert', minimalSeverity: 'Medium' }],
      },
    },
    ...roleAssignments,
    moduleDeployment({
      name: 'logging',
      resourceGroup: x("variables('managementResourceGroupName')"),
      parameters: {
        location: x("parameters('location')"),
        tags: x("variables('tagsJoined')"),
        logAnalyticsWorkspaceName: x("variables('logAnalyticsWorkspaceName')"),
      },
      template: loggingModule(),
      dependsOn: [rgId('managementResourceGroupName')],
    }),
    moduleDeployment({
      name: 'network',
      resourceGroup: x("variables('networkResourceGroupName')"),
      parameters: {
        location: x("parameters('location')"),
        name: x("variables('name')"),
        tags: x("variables('tagsJoined')"),
        vnetName: x("variables('vnetName')"),
        vnetAddressPrefix: x("parameters('vnetAddressPrefix')"),
        subnets: x("parameters('subnets')"),
        privateDnsZoneNames: x("variables('privateDnsZoneNames')"),
        logAnalyticsWorkspaceId: x("variables('logAnalyticsWorkspaceId')"),
      },
      template: networkModule(variant),
      dependsOn: [rgId('networkResourceGroupName'), deploymentId('managementResourceGroupName', 'logging')],
    }),
    moduleDeployment({
      name: 'management',
      resourceGroup: x("variables('managementResourceGroupName')"),
      parameters: {
        location: x("parameters('location')"),
        name: x("variables('name')"),
        tags: x("variables('tagsJoined')"),
        logAnalyticsWorkspaceId: x("variables('logAnalyticsWorkspaceId')"),
        keyVaultName: x("variables('keyVaultName')"),
        cmkIdentityName: x("variables('cmkIdentityName')"),
        containerRegistryName: x("variables('containerRegistryName')"),
        purviewName: x("variables('purviewName')"),
        keyExpiryEpoch: x("parameters('keyExpiryEpoch')"),
        platformOpsGroupObjectId: x("parameters('platformOpsGroupObjectId')"),
        ...(nc ? { adminIpRange: x("parameters('adminIpRange')") } : {}),
        privateEndpointSubnetId: x("variables('privateEndpointSubnetId')"),
        networkResourceGroupName: x("variables('networkResourceGroupName')"),
      },
      template: managementModule(variant),
      dependsOn: [rgId('managementResourceGroupName'), deploymentId('managementResourceGroupName', 'logging'), deploymentId('networkResourceGroupName', 'network')],
    }),
    moduleDeployment({
      name: 'data',
      resourceGroup: x("variables('dataResourceGroupName')"),
      parameters: {
        location: x("parameters('location')"),
        name: x("variables('name')"),
        tags: x("variables('tagsJoined')"),
        logAnalyticsWorkspaceId: x("variables('logAnalyticsWorkspaceId')"),
        keyVaultName: x("variables('keyVaultName')"),
        managementResourceGroupName: x("variables('managementResourceGroupName')"),
        networkResourceGroupName: x("variables('networkResourceGroupName')"),
        cmkIdentityId: x("resourceId(subscription().subscriptionId, variables('managementResourceGroupName'), 'Microsoft.ManagedIdentity/userAssignedIdentities', variables('cmkIdentityName'))"),
        containerRegistryId: x("resourceId(subscription().subscriptionId, variables('managementResourceGroupName'), 'Microsoft.ContainerRegistry/registries', variables('containerRegistryName'))"),
        vnetId: x("resourceId(subscription().subscriptionId, variables('networkResourceGroupName'), 'Microsoft.Network/virtualNetworks', variables('vnetName'))"),
        privateEndpointSubnetId: x("variables('privateEndpointSubnetId')"),
        databricksHostSubnetName: 'snet-dbw-host',
        databricksContainerSubnetName: 'snet-dbw-container',
        dataAdminsGroupObjectId: x("parameters('dataAdminsGroupObjectId')"),
        dataEngineersGroupObjectId: x("parameters('dataEngineersGroupObjectId')"),
        sqlAdminGroupName: x("parameters('sqlAdminGroupName')"),
        sqlAdminGroupObjectId: x("parameters('sqlAdminGroupObjectId')"),
        ...(nc ? { vendorIpRange: x("parameters('vendorIpRange')") } : {}),
      },
      template: dataModule(variant),
      dependsOn: [rgId('dataResourceGroupName'), deploymentId('managementResourceGroupName', 'management'), deploymentId('networkResourceGroupName', 'network')],
    }),
  ];

  return {
    $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    metadata: {
      _generator: {
        name: 'hand-compiled',
        version: 'n/a',
        description: `Hand translation of bicep/${variant}/main.bicep (the Bicep CLI was not available); see examples/landing-zone/README.md.`,
      },
    },
    parameters,
    variables,
    resources,
  };
}

export function build(variant) {
  return mainTemplate(variant);
}

export function serialise(template) {
  return `${JSON.stringify(template, null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const variant of ['compliant', 'noncompliant']) {
    const file = path.join(here, '..', variant, 'main.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, serialise(build(variant)));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
