import { asBoolean } from './access';
import { always } from './checks';
import { childSetting } from './child-setting';
import { control, flag, oneOf, present, publicNetworkAccessDisabled } from './define';
import { FW } from './frameworks';

const WORKSPACE = 'Microsoft.Synapse/workspaces';
const DOCS = 'https://learn.microsoft.com/azure/synapse-analytics';

/** Entra-only auth is a workspace property or a child `azureADOnlyAuthentications/default`; either may set it. */
const synapseEntraOnly = childSetting({
  ownPath: 'properties.azureADOnlyAuthentication',
  childTypes: ['Microsoft.Synapse/workspaces/azureADOnlyAuthentications'],
  childPath: 'properties.azureADOnlyAuthentication',
  expected: 'true (workspace property or azureADOnlyAuthentications child)',
  test: (v) => asBoolean(v) === true,
  whenAbsent: 'Entra-only authentication is not enabled on the workspace or by an azureADOnlyAuthentications child, so SQL logins are accepted.',
});

export const SYNAPSE_CONTROLS = [
  control({
    id: 'ISRM.Synapse.ManagedVNet',
    title: 'Synapse workspaces use a managed virtual network',
    rationale: 'A managed virtual network isolates Spark and integration runtimes and allows managed private endpoints to data sources.',
    remediation: "Set properties.managedVirtualNetwork to 'default' when creating the workspace (it cannot be added later).",
    snippet: "resource syn 'Microsoft.Synapse/workspaces@2021-06-01' = {\n  // ...\n  properties: {\n    managedVirtualNetwork: 'default'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [WORKSPACE],
    frameworks: FW.privateNetwork(),
    azurePolicy: 'Managed workspace virtual network on Azure Synapse workspaces should be enabled',
    helpUri: `${DOCS}/security/synapse-workspace-managed-vnet`,
    check: oneOf('properties.managedVirtualNetwork', ['default'], always('fail', 'the workspace has no managed virtual network')),
  }),
  control({
    id: 'ISRM.Synapse.DataExfiltrationProtection',
    title: 'Synapse workspaces enable data exfiltration protection',
    rationale: 'Exfiltration protection restricts outbound traffic from the managed virtual network to approved Entra tenants only.',
    remediation: 'Set properties.managedVirtualNetworkSettings.preventDataExfiltration to true at creation and list allowedAadTenantIdsForLinking.',
    snippet: "resource syn 'Microsoft.Synapse/workspaces@2021-06-01' = {\n  // ...\n  properties: {\n    managedVirtualNetwork: 'default'\n    managedVirtualNetworkSettings: {\n      preventDataExfiltration: true\n      allowedAadTenantIdsForLinking: []\n    }\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'hbi',
    appliesTo: [WORKSPACE],
    frameworks: FW.exfiltration(),
    azurePolicy: 'Azure Synapse workspaces should allow outbound data traffic only to approved targets',
    helpUri: `${DOCS}/security/workspace-data-exfiltration-protection`,
    check: flag('properties.managedVirtualNetworkSettings.preventDataExfiltration', true, always('fail', 'outbound data traffic is not restricted')),
  }),
  control({
    id: 'ISRM.Synapse.PublicNetworkAccess',
    title: 'Synapse workspaces disable public network access',
    rationale: 'SQL, development and Spark endpoints should be reachable only through private endpoints.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and add private endpoints (Sql, SqlOnDemand, Dev).",
    snippet: "resource syn 'Microsoft.Synapse/workspaces@2021-06-01' = {\n  // ...\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [WORKSPACE],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Azure Synapse workspaces should disable public network access',
    helpUri: `${DOCS}/security/connectivity-settings`,
    check: publicNetworkAccessDisabled(),
  }),
  control({
    id: 'ISRM.Synapse.CMK',
    title: 'Synapse workspaces encrypt data with a customer-managed key',
    rationale: 'Workspace data of high business impact workloads must be encrypted with keys the organisation controls (double encryption).',
    remediation: 'Set properties.encryption.cmk.key.keyVaultUrl (and name) at workspace creation.',
    snippet: "resource syn 'Microsoft.Synapse/workspaces@2021-06-01' = {\n  // ...\n  properties: {\n    encryption: {\n      cmk: { key: { name: 'default', keyVaultUrl: key.properties.keyUri } }\n    }\n  }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'hbi',
    appliesTo: [WORKSPACE],
    frameworks: FW.cmk(),
    azurePolicy: 'Azure Synapse workspaces should use customer-managed keys to encrypt data at rest',
    helpUri: `${DOCS}/security/workspaces-encryption`,
    check: present('properties.encryption.cmk.key.keyVaultUrl', 'a Key Vault key URL', always('fail', 'data is encrypted with Microsoft-managed keys only')),
  }),
  control({
    id: 'ISRM.Synapse.EntraOnlyAuth',
    title: 'Synapse workspaces accept Microsoft Entra authentication only',
    rationale: 'SQL logins are shared secrets outside central identity governance and MFA.',
    remediation: 'Set properties.azureADOnlyAuthentication to true or declare workspaces/azureADOnlyAuthentications/default with azureADOnlyAuthentication true.',
    snippet: "resource entraOnly 'Microsoft.Synapse/workspaces/azureADOnlyAuthentications@2021-06-01' = {\n  parent: syn\n  name: 'default'\n  properties: { azureADOnlyAuthentication: true }\n}",
    severity: 'high',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [WORKSPACE],
    frameworks: FW.centralAuth(),
    azurePolicy: 'Synapse Workspaces should use only Microsoft Entra identities for authentication',
    helpUri: `${DOCS}/sql/active-directory-authentication`,
    check: synapseEntraOnly,
  }),
];
