import { read, textIn } from './access';
import { always } from './checks';
import { control, flag, oneOf, present, publicNetworkAccessDisabled } from './define';
import { FW } from './frameworks';
import type { NormalizedResource } from '../model';
import { isUnknown } from '../model';

const WORKSPACE = 'Microsoft.MachineLearningServices/workspaces';
const COMPUTE = 'Microsoft.MachineLearningServices/workspaces/computes';
const DOCS = 'https://learn.microsoft.com/azure/machine-learning';

/** Only managed compute has node public IPs and local auth of its own; attached compute is governed where it lives. */
function managedCompute(r: NormalizedResource) {
  const type = read(r, 'properties.computeType');
  if (isUnknown(type)) return { unknown: type, path: 'properties.computeType' };
  return textIn(type, ['AmlCompute', 'ComputeInstance']);
}

export const MACHINE_LEARNING_CONTROLS = [
  control({
    id: 'ISRM.MachineLearning.CMK',
    title: 'Machine Learning workspaces encrypt data with a customer-managed key',
    rationale: 'Training data, models and metadata of high business impact workloads must be encrypted with keys the organisation controls.',
    remediation: "Set properties.encryption.status to 'Enabled' with keyVaultProperties (keyVaultArmId, keyIdentifier) when creating the workspace.",
    snippet: "resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {\n  // ...\n  properties: {\n    encryption: {\n      status: 'Enabled'\n      keyVaultProperties: { keyVaultArmId: kv.id, keyIdentifier: key.properties.keyUriWithVersion }\n    }\n  }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'hbi',
    appliesTo: [WORKSPACE],
    frameworks: FW.cmk(),
    azurePolicy: 'Azure Machine Learning workspaces should be encrypted with a customer-managed key',
    helpUri: `${DOCS}/concept-customer-managed-keys`,
    check: oneOf('properties.encryption.status', ['Enabled'], always('fail', 'the workspace uses Microsoft-managed keys')),
  }),
  control({
    id: 'ISRM.MachineLearning.PublicNetworkAccess',
    title: 'Machine Learning workspaces disable public network access',
    rationale: 'The workspace API, studio and model endpoints should be reachable only through private endpoints.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and add a private endpoint (group 'amlworkspace').",
    snippet: "resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {\n  // ...\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [WORKSPACE],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Azure Machine Learning Workspaces should disable public network access',
    helpUri: `${DOCS}/how-to-configure-private-link`,
    check: publicNetworkAccessDisabled(),
  }),
  control({
    id: 'ISRM.MachineLearning.ManagedNetwork',
    title: 'Machine Learning workspaces isolate outbound traffic in a managed network',
    rationale: 'Without managed network isolation, compute can send data to any internet destination.',
    remediation: "Set properties.managedNetwork.isolationMode to 'AllowOnlyApprovedOutbound' and declare the outbound rules the workload needs.",
    snippet: "resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {\n  // ...\n  properties: {\n    managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' }\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'hbi',
    appliesTo: [WORKSPACE],
    frameworks: FW.exfiltration(),
    helpUri: `${DOCS}/how-to-managed-network`,
    check: oneOf('properties.managedNetwork.isolationMode', ['AllowOnlyApprovedOutbound'], always('fail', "managed network isolation is 'Disabled'")),
  }),
  control({
    id: 'ISRM.MachineLearning.ComputeNoPublicIp',
    title: 'Machine Learning compute has no public IP',
    rationale: 'Compute nodes with public IPs are reachable from the internet and bypass the landing zone egress controls.',
    remediation: 'Set properties.properties.enableNodePublicIp to false and place the compute in a subnet (or the managed network).',
    snippet: "resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {\n  parent: mlw\n  name: 'cpu-cluster'\n  properties: {\n    computeType: 'AmlCompute'\n    disableLocalAuth: true\n    properties: {\n      enableNodePublicIp: false\n      subnet: { id: subnetId }\n    }\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [COMPUTE],
    frameworks: FW.publicAccess(),
    helpUri: `${DOCS}/how-to-secure-training-vnet`,
    check: flag('properties.properties.enableNodePublicIp', false, always('fail', 'compute nodes get a public IP by default'), managedCompute),
  }),
  control({
    id: 'ISRM.MachineLearning.ComputeLocalAuth',
    title: 'Machine Learning compute has local authentication disabled',
    rationale: 'Local (SSH key / password) access to compute bypasses Entra ID and its audit trail.',
    remediation: 'Set properties.disableLocalAuth to true on every compute.',
    snippet: "resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {\n  parent: mlw\n  name: 'cpu-cluster'\n  properties: {\n    computeType: 'AmlCompute'\n    disableLocalAuth: true\n  }\n}",
    severity: 'medium',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [COMPUTE],
    frameworks: FW.centralAuth(),
    azurePolicy: 'Azure Machine Learning Computes should have local authentication methods disabled',
    helpUri: `${DOCS}/how-to-integrate-azure-policy`,
    check: flag('properties.disableLocalAuth', true, always('fail', 'local authentication is enabled'), managedCompute),
  }),
  control({
    id: 'ISRM.MachineLearning.WorkspaceKeyVault',
    title: 'Machine Learning workspaces use a key vault declared in the landing zone',
    rationale: 'The workspace stores connection secrets in its key vault; an unset key vault makes the platform create one outside the governed configuration.',
    remediation: 'Set properties.keyVault to the id of a governed key vault (purge protection, RBAC, private endpoint).',
    snippet: "resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {\n  // ...\n  properties: {\n    keyVault: kv.id\n  }\n}",
    severity: 'medium',
    family: 'governance',
    baseline: 'hbi',
    appliesTo: [WORKSPACE],
    frameworks: FW.configuration(),
    helpUri: `${DOCS}/concept-workspace`,
    check: present('properties.keyVault', 'the id of a governed key vault', always('fail', 'no key vault is associated')),
  }),
];
