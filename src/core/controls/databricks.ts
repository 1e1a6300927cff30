import { isNonEmptyString, isType, leafName, read, textEquals } from './access';
import { always, byApiVersion, evaluateProperty, failed, passed, unknownOutcome, withRelated, type Check } from './checks';
import { control, flag, publicNetworkAccessDisabled } from './define';
import { FW } from './frameworks';
import { isUnknown } from '../model';

const WORKSPACE = 'Microsoft.Databricks/workspaces';
const DOCS = 'https://learn.microsoft.com/azure/databricks';

const VNET_ID = 'properties.parameters.customVirtualNetworkId.value';
const VNET_EXPECTED = 'the id of a customer-managed virtual network';

/** A named customer-managed network passes; the finding links it when the scanned set declares it. */
const vnetInjected: Check = (r, ctx) => {
  const outcomes = evaluateProperty({ path: VNET_ID, expected: VNET_EXPECTED, test: isNonEmptyString, whenMissing: always('fail', 'clusters run in a Microsoft-managed virtual network') }, r, ctx);
  const id = read(r, VNET_ID);
  if (outcomes[0]?.status !== 'pass' || typeof id !== 'string') return outcomes;
  const vnet = ctx.byId(id);
  if (vnet && isType(vnet, 'Microsoft.Network/virtualNetworks')) {
    return [withRelated(passed(r, VNET_ID, id, VNET_EXPECTED, `clusters are injected into virtual network '${vnet.name}', declared in the scanned set.`), vnet.id)];
  }
  return [passed(r, VNET_ID, id, VNET_EXPECTED, `clusters are injected into virtual network '${leafName(id)}', which is not in the scanned set: review that it is a landing-zone network.`)];
};

const CMK_PATHS = [
  'properties.parameters.encryption.value.keySource',
  'properties.encryption.entities.managedDisk.keySource',
  'properties.encryption.entities.managedServices.keySource',
] as const;

/**
 * Databricks keeps CMK settings in three places (DBFS root, managed disks, managed services); the
 * workspace passes when DBFS root and managed services, which hold notebooks and data, use Key Vault keys.
 */
const databricksCmk: Check = (r) => {
  const required = [CMK_PATHS[0], CMK_PATHS[2]];
  const expected = "'Microsoft.Keyvault' for DBFS root and managed services";
  const out = [];
  for (const path of required) {
    const v = read(r, path);
    if (isUnknown(v)) out.push(unknownOutcome(r, path, v, expected));
    else if (textEquals(v, 'Microsoft.Keyvault')) out.push(passed(r, path, v, expected));
    else out.push(failed(r, path, v, expected, v === undefined ? `${path} is not set, so Microsoft-managed keys are used. Set it to 'Microsoft.Keyvault'.` : undefined));
  }
  return out;
};

export const DATABRICKS_CONTROLS = [
  control({
    id: 'ISRM.Databricks.NoPublicIp',
    title: 'Databricks workspaces use secure cluster connectivity (no public IP)',
    rationale: 'Cluster nodes with public IPs are reachable from the internet; secure cluster connectivity keeps them private.',
    remediation: 'Set properties.parameters.enableNoPublicIp.value to true.',
    snippet: "resource dbw 'Microsoft.Databricks/workspaces@2024-05-01' = {\n  // ...\n  properties: {\n    parameters: {\n      enableNoPublicIp: { value: true }\n    }\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [WORKSPACE],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Azure Databricks Clusters should disable public IP',
    helpUri: `${DOCS}/security/network/classic/secure-cluster-connectivity`,
    check: flag(
      'properties.parameters.enableNoPublicIp.value',
      true,
      byApiVersion('2024-05-01', { status: 'pass', reason: 'secure cluster connectivity is on by default from API version 2024-05-01' }, (v) => ({ status: 'fail', reason: `with API version ${v} (before 2024-05-01) cluster nodes get public IPs` })),
    ),
  }),
  control({
    id: 'ISRM.Databricks.VNetInjection',
    title: 'Databricks workspaces are deployed into a customer-managed virtual network (VNet injection)',
    rationale: 'VNet injection puts clusters under the landing zone NSGs, routing and firewall instead of a Microsoft-managed network. The control checks that a customer-managed network is named; when that network is in the scanned set the finding links it, otherwise that it is the landing zone\'s own network is left to review of the id.',
    remediation: 'Set properties.parameters.customVirtualNetworkId, customPublicSubnetName and customPrivateSubnetName.',
    snippet: "resource dbw 'Microsoft.Databricks/workspaces@2024-05-01' = {\n  // ...\n  properties: {\n    parameters: {\n      customVirtualNetworkId: { value: vnet.id }\n      customPublicSubnetName: { value: 'dbw-host' }\n      customPrivateSubnetName: { value: 'dbw-container' }\n    }\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [WORKSPACE],
    frameworks: FW.privateNetwork(),
    azurePolicy: 'Azure Databricks Workspaces should be in a virtual network',
    helpUri: `${DOCS}/security/network/classic/vnet-inject`,
    check: vnetInjected,
  }),
  control({
    id: 'ISRM.Databricks.PublicNetworkAccess',
    title: 'Databricks workspaces disable public network access',
    rationale: 'The workspace UI and REST API should be reachable only through private endpoints (front-end Private Link).',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and properties.requiredNsgRules to 'NoAzureDatabricksRules' (Premium SKU).",
    snippet: "resource dbw 'Microsoft.Databricks/workspaces@2024-05-01' = {\n  // ...\n  sku: { name: 'premium' }\n  properties: {\n    publicNetworkAccess: 'Disabled'\n    requiredNsgRules: 'NoAzureDatabricksRules'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'hbi',
    appliesTo: [WORKSPACE],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Azure Databricks Workspaces should disable public network access',
    helpUri: `${DOCS}/security/network/classic/private-link`,
    check: publicNetworkAccessDisabled(),
  }),
  control({
    id: 'ISRM.Databricks.CMK',
    title: 'Databricks workspaces encrypt DBFS root and managed services with customer-managed keys',
    rationale: 'Notebooks, secrets and DBFS data of high business impact workloads must be encrypted with keys the organisation controls.',
    remediation: "Set properties.parameters.encryption.value.keySource and properties.encryption.entities.managedServices.keySource to 'Microsoft.Keyvault' with the key details (Premium SKU).",
    snippet: "resource dbw 'Microsoft.Databricks/workspaces@2024-05-01' = {\n  // ...\n  properties: {\n    parameters: {\n      prepareEncryption: { value: true }\n      encryption: { value: { keySource: 'Microsoft.Keyvault', KeyName: 'dbfs', keyvaulturi: kv.properties.vaultUri, keyversion: keyVersion } }\n    }\n    encryption: {\n      entities: {\n        managedServices: { keySource: 'Microsoft.Keyvault', keyVaultProperties: { keyVaultUri: kv.properties.vaultUri, keyName: 'dbw-ms', keyVersion: keyVersion } }\n      }\n    }\n  }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'hbi',
    appliesTo: [WORKSPACE],
    frameworks: FW.cmk(),
    helpUri: `${DOCS}/security/keys/customer-managed-keys`,
    check: databricksCmk,
  }),
];
