import { always } from './checks';
import { control, flag, oneOf, publicNetworkAccessDisabled } from './define';
import { FW } from './frameworks';

const ACCOUNT = 'Microsoft.CognitiveServices/accounts';
const DOCS = 'https://learn.microsoft.com/azure/ai-services';

export const COGNITIVE_SERVICES_CONTROLS = [
  control({
    id: 'ISRM.CognitiveServices.LocalAuthDisabled',
    title: 'Azure AI services accounts have key access disabled',
    rationale: 'API keys are shared secrets that cannot be attributed to a caller and bypass Entra ID audit.',
    remediation: 'Set properties.disableLocalAuth to true and call the service with Entra ID tokens.',
    snippet: "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  // ...\n  properties: {\n    disableLocalAuth: true\n  }\n}",
    severity: 'high',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [ACCOUNT],
    frameworks: FW.centralAuth(),
    azurePolicy: 'Azure AI Services resources should have key access disabled (disable local authentication)',
    helpUri: `${DOCS}/disable-local-auth`,
    check: flag('properties.disableLocalAuth', true, always('fail', 'key-based access is enabled')),
  }),
  control({
    id: 'ISRM.CognitiveServices.CMK',
    title: 'Azure AI services accounts encrypt data with a customer-managed key',
    rationale: 'Stored data (custom models, uploaded files) of high business impact workloads must be encrypted with keys the organisation controls.',
    remediation: "Set properties.encryption.keySource to 'Microsoft.KeyVault' with keyVaultProperties.",
    snippet: "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  // ...\n  properties: {\n    encryption: {\n      keySource: 'Microsoft.KeyVault'\n      keyVaultProperties: { keyVaultUri: kv.properties.vaultUri, keyName: 'ai-cmk', keyVersion: keyVersion, identityClientId: uami.properties.clientId }\n    }\n  }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'hbi',
    appliesTo: [ACCOUNT],
    frameworks: FW.cmk(),
    azurePolicy: 'Cognitive Services accounts should enable data encryption with a customer-managed key',
    helpUri: `${DOCS}/encryption/cognitive-services-encryption-keys-portal`,
    check: oneOf('properties.encryption.keySource', ['Microsoft.KeyVault'], always('fail', "data is encrypted with Microsoft-managed keys ('Microsoft.CognitiveServices')")),
  }),
  control({
    id: 'ISRM.CognitiveServices.PublicNetworkAccess',
    title: 'Azure AI services accounts disable public network access',
    rationale: 'Prompts and results can contain sensitive data; the endpoint should be reachable only through private endpoints.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and add a private endpoint (group 'account').",
    snippet: "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  // ...\n  properties: {\n    publicNetworkAccess: 'Disabled'\n    customSubDomainName: 'contoso-ai'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [ACCOUNT],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Cognitive Services accounts should disable public network access',
    helpUri: `${DOCS}/cognitive-services-virtual-networks`,
    check: publicNetworkAccessDisabled(),
  }),
];
