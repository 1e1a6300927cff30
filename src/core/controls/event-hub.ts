import { always, propertyCheck, tlsAtLeast } from './checks';
import { control, flag, oneOf, publicNetworkAccessDisabled } from './define';
import { FW } from './frameworks';

const NAMESPACE = 'Microsoft.EventHub/namespaces';
const DOCS = 'https://learn.microsoft.com/azure/event-hubs';

export const EVENT_HUB_CONTROLS = [
  control({
    id: 'ISRM.EventHub.CMK',
    title: 'Event Hubs namespaces encrypt data with a customer-managed key',
    rationale: 'Events of high business impact workloads must be encrypted with keys the organisation controls.',
    remediation: "Set properties.encryption.keySource to 'Microsoft.KeyVault' with keyVaultProperties (Premium or Dedicated tier).",
    snippet: "resource evhns 'Microsoft.EventHub/namespaces@2024-01-01' = {\n  // ...\n  sku: { name: 'Premium', tier: 'Premium' }\n  properties: {\n    encryption: {\n      keySource: 'Microsoft.KeyVault'\n      keyVaultProperties: [ { keyName: 'evh-cmk', keyVaultUri: kv.properties.vaultUri, identity: { userAssignedIdentity: uami.id } } ]\n      requireInfrastructureEncryption: true\n    }\n  }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'hbi',
    appliesTo: [NAMESPACE],
    frameworks: FW.cmk(),
    azurePolicy: 'Event Hub namespaces should use a customer-managed key for encryption',
    helpUri: `${DOCS}/configure-customer-managed-key`,
    check: oneOf('properties.encryption.keySource', ['Microsoft.KeyVault'], always('fail', 'events are encrypted with Microsoft-managed keys')),
  }),
  control({
    id: 'ISRM.EventHub.MinTLS',
    title: 'Event Hubs namespaces require TLS 1.2 or later',
    rationale: 'TLS 1.0 and 1.1 have known weaknesses.',
    remediation: "Set properties.minimumTlsVersion to '1.2'.",
    snippet: "resource evhns 'Microsoft.EventHub/namespaces@2024-01-01' = {\n  // ...\n  properties: {\n    minimumTlsVersion: '1.2'\n  }\n}",
    severity: 'medium',
    family: 'encryption',
    baseline: 'standard',
    appliesTo: [NAMESPACE],
    frameworks: FW.inTransit(),
    helpUri: `${DOCS}/transport-layer-security-configure-minimum-version`,
    check: propertyCheck({
      path: 'properties.minimumTlsVersion',
      expected: "'1.2' or later",
      test: tlsAtLeast(1.2),
      whenMissing: always('fail', 'the namespace does not declare a minimum TLS version, and namespaces created before the property existed accept TLS 1.0 and 1.1'),
    }),
  }),
  control({
    id: 'ISRM.EventHub.LocalAuthDisabled',
    title: 'Event Hubs namespaces have SAS (local) authentication disabled',
    rationale: 'Shared access keys cannot be attributed to a caller and bypass Entra ID audit.',
    remediation: 'Set properties.disableLocalAuth to true and use Entra ID roles (Azure Event Hubs Data Sender/Receiver).',
    snippet: "resource evhns 'Microsoft.EventHub/namespaces@2024-01-01' = {\n  // ...\n  properties: {\n    disableLocalAuth: true\n  }\n}",
    severity: 'high',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [NAMESPACE],
    frameworks: FW.centralAuth(),
    azurePolicy: 'Azure Event Hub namespaces should have local authentication methods disabled',
    helpUri: `${DOCS}/authenticate-shared-access-signature`,
    check: flag('properties.disableLocalAuth', true, always('fail', 'SAS authentication is enabled')),
  }),
  control({
    id: 'ISRM.EventHub.PublicNetworkAccess',
    title: 'Event Hubs namespaces disable public network access',
    rationale: 'Event streams should be reachable only through private endpoints.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and add a private endpoint (group 'namespace').",
    snippet: "resource evhns 'Microsoft.EventHub/namespaces@2024-01-01' = {\n  // ...\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [NAMESPACE],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Event Hub Namespaces should disable public network access',
    helpUri: `${DOCS}/private-link-service`,
    check: publicNetworkAccessDisabled(),
  }),
];
