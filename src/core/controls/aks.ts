import { always } from './checks';
import { control, flag } from './define';
import { FW } from './frameworks';

const CLUSTER = 'Microsoft.ContainerService/managedClusters';
const DOCS = 'https://learn.microsoft.com/azure/aks';

export const AKS_CONTROLS = [
  control({
    id: 'ISRM.AKS.PrivateCluster',
    title: 'AKS clusters have a private API server',
    rationale: 'A public API server endpoint exposes the cluster control plane to the internet.',
    remediation: 'Set properties.apiServerAccessProfile.enablePrivateCluster to true.',
    snippet: "resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  // ...\n  properties: {\n    apiServerAccessProfile: { enablePrivateCluster: true }\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [CLUSTER],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Azure Kubernetes Service Private Clusters should be enabled',
    helpUri: `${DOCS}/private-clusters`,
    check: flag('properties.apiServerAccessProfile.enablePrivateCluster', true, always('fail', 'the API server has a public endpoint')),
  }),
  control({
    id: 'ISRM.AKS.LocalAccountsDisabled',
    title: 'AKS clusters have local accounts disabled',
    rationale: 'The local cluster-admin credential is shared, cannot be attributed to a person and bypasses Entra ID.',
    remediation: 'Set properties.disableLocalAccounts to true (requires Entra ID integration).',
    snippet: "resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  // ...\n  properties: {\n    disableLocalAccounts: true\n  }\n}",
    severity: 'high',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [CLUSTER],
    frameworks: FW.centralAuth(),
    azurePolicy: 'Azure Kubernetes Service Clusters should have local authentication methods disabled',
    helpUri: `${DOCS}/manage-local-accounts-managed-azure-ad`,
    check: flag('properties.disableLocalAccounts', true, always('fail', 'local accounts are enabled')),
  }),
  control({
    id: 'ISRM.AKS.AzureRbac',
    title: 'AKS clusters use Microsoft Entra ID with Azure RBAC for Kubernetes authorization',
    rationale: 'Azure RBAC puts cluster permissions under the same group-based, reviewed role assignments as the rest of the landing zone.',
    remediation: 'Set properties.aadProfile.managed and properties.aadProfile.enableAzureRBAC to true.',
    snippet: "resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  // ...\n  properties: {\n    aadProfile: {\n      managed: true\n      enableAzureRBAC: true\n    }\n  }\n}",
    severity: 'high',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [CLUSTER],
    frameworks: FW.leastPrivilege(),
    helpUri: `${DOCS}/manage-azure-rbac`,
    check: flag('properties.aadProfile.enableAzureRBAC', true, always('fail', 'Kubernetes authorization does not use Azure RBAC')),
  }),
  control({
    id: 'ISRM.AKS.KubernetesRbac',
    title: 'AKS clusters keep Kubernetes RBAC enabled',
    rationale: 'Without Kubernetes RBAC every authenticated user has full access to the cluster.',
    remediation: 'Remove enableRBAC: false (RBAC is on by default) or set it to true.',
    snippet: "resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  // ...\n  properties: {\n    enableRBAC: true\n  }\n}",
    severity: 'high',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [CLUSTER],
    frameworks: FW.leastPrivilege(),
    azurePolicy: 'Role-Based Access Control (RBAC) should be used on Kubernetes Services',
    helpUri: `${DOCS}/concepts-identity`,
    check: flag('properties.enableRBAC', true, always('pass', 'Kubernetes RBAC is enabled by default')),
  }),
];
