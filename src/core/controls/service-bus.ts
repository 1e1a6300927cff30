import { always, propertyCheck, tlsAtLeast } from './checks';
import { control, flag, publicNetworkAccessDisabled } from './define';
import { FW } from './frameworks';

const NAMESPACE = 'Microsoft.ServiceBus/namespaces';
const DOCS = 'https://learn.microsoft.com/azure/service-bus-messaging';

export const SERVICE_BUS_CONTROLS = [
  control({
    id: 'ISRM.ServiceBus.MinTLS',
    title: 'Service Bus namespaces require TLS 1.2 or later',
    rationale: 'Messages between regulated systems must be protected in transit with current TLS.',
    remediation: "Set properties.minimumTlsVersion to '1.2'.",
    snippet: "resource sb 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {\n  // ...\n  properties: {\n    minimumTlsVersion: '1.2'\n  }\n}",
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
    id: 'ISRM.ServiceBus.LocalAuthDisabled',
    title: 'Service Bus namespaces have SAS (local) authentication disabled',
    rationale: 'Shared access keys cannot be attributed to a caller and bypass Entra ID audit.',
    remediation: 'Set properties.disableLocalAuth to true and use Entra ID roles (Azure Service Bus Data Sender/Receiver).',
    snippet: "resource sb 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {\n  // ...\n  properties: {\n    disableLocalAuth: true\n  }\n}",
    severity: 'high',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [NAMESPACE],
    frameworks: FW.centralAuth(),
    azurePolicy: 'Azure Service Bus namespaces should have local authentication methods disabled',
    helpUri: `${DOCS}/service-bus-sas`,
    check: flag('properties.disableLocalAuth', true, always('fail', 'SAS authentication is enabled')),
  }),
  control({
    id: 'ISRM.ServiceBus.PublicNetworkAccess',
    title: 'Service Bus namespaces disable public network access',
    rationale: 'Message traffic should reach the namespace only through private endpoints.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' (Premium tier) and add a private endpoint (group 'namespace').",
    snippet: "resource sb 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {\n  // ...\n  sku: { name: 'Premium', tier: 'Premium' }\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'hbi',
    appliesTo: [NAMESPACE],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Service Bus Namespaces should disable public network access',
    helpUri: `${DOCS}/private-link-service`,
    check: publicNetworkAccessDisabled(),
  }),
];
