import { always } from './checks';
import { control, flag, oneOf, publicNetworkAccessDisabled } from './define';
import { FW } from './frameworks';

const REGISTRY = 'Microsoft.ContainerRegistry/registries';
const DOCS = 'https://learn.microsoft.com/azure/container-registry';

export const CONTAINER_REGISTRY_CONTROLS = [
  control({
    id: 'ISRM.ContainerRegistry.AdminUserDisabled',
    title: 'Container registries have the admin user disabled',
    rationale: 'The admin user is a shared credential with push and pull rights that cannot be attributed to a person.',
    remediation: 'Set properties.adminUserEnabled to false and use Entra ID identities with AcrPull / AcrPush roles.',
    snippet: "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  // ...\n  properties: {\n    adminUserEnabled: false\n  }\n}",
    severity: 'high',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [REGISTRY],
    frameworks: FW.centralAuth(),
    azurePolicy: 'Container registries should have local admin account disabled.',
    helpUri: `${DOCS}/container-registry-authentication`,
    check: flag('properties.adminUserEnabled', false, always('pass', 'the admin user is disabled by default')),
  }),
  control({
    id: 'ISRM.ContainerRegistry.AnonymousPull',
    title: 'Container registries do not allow anonymous pull',
    rationale: 'Anonymous pull lets anyone who can reach the registry download images, which may embed code and configuration.',
    remediation: 'Set properties.anonymousPullEnabled to false.',
    snippet: "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  // ...\n  properties: {\n    anonymousPullEnabled: false\n  }\n}",
    severity: 'high',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [REGISTRY],
    frameworks: FW.centralAuth(),
    azurePolicy: 'Container registries should have anonymous authentication disabled.',
    helpUri: `${DOCS}/anonymous-pull-access`,
    check: flag('properties.anonymousPullEnabled', false, always('pass', 'anonymous pull is disabled by default')),
  }),
  control({
    id: 'ISRM.ContainerRegistry.CMK',
    title: 'Container registries encrypt images with a customer-managed key',
    rationale: 'Images of high business impact workloads must be encrypted with keys the organisation controls.',
    remediation: "Set properties.encryption.status to 'enabled' with keyVaultProperties (keyIdentifier, identity) at creation (Premium SKU).",
    snippet: "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  // ...\n  sku: { name: 'Premium' }\n  properties: {\n    encryption: {\n      status: 'enabled'\n      keyVaultProperties: { keyIdentifier: key.properties.keyUri, identity: uami.properties.clientId }\n    }\n  }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'hbi',
    appliesTo: [REGISTRY],
    frameworks: FW.cmk(),
    azurePolicy: 'Container registries should be encrypted with a customer-managed key',
    helpUri: `${DOCS}/tutorial-enable-customer-managed-keys`,
    check: oneOf('properties.encryption.status', ['enabled'], always('fail', 'images are encrypted with Microsoft-managed keys')),
  }),
  control({
    id: 'ISRM.ContainerRegistry.PublicNetworkAccess',
    title: 'Container registries disable public network access',
    rationale: 'Registries should be reachable only from the landing zone through private endpoints.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' (Premium SKU) and add a private endpoint (group 'registry').",
    snippet: "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  // ...\n  properties: {\n    publicNetworkAccess: 'Disabled'\n    networkRuleBypassOptions: 'AzureServices'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [REGISTRY],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Public network access should be disabled for Container registries',
    helpUri: `${DOCS}/container-registry-private-link`,
    check: publicNetworkAccessDisabled(),
  }),
];
