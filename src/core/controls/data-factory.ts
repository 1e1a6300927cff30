import { read, textEquals } from './access';
import { always, failed, needsReview, passed, type Check } from './checks';
import { control, present, publicNetworkAccessDisabled } from './define';
import { FW } from './frameworks';
import { childrenOf, possibleChildrenOf } from './relations';
import { isUnknown, type NormalizedResource } from '../model';

const FACTORY = 'Microsoft.DataFactory/factories';
const RUNTIME = 'Microsoft.DataFactory/factories/integrationRuntimes';
const DOCS = 'https://learn.microsoft.com/azure/data-factory';

const factoryManagedVnet: Check = (r, ctx) => {
  const path = 'managedVirtualNetworks';
  const expected = 'a managedVirtualNetworks child resource (default)';
  const vnets = childrenOf(ctx, r, 'Microsoft.DataFactory/factories/managedVirtualNetworks');
  if (vnets.length > 0) {
    const first = vnets[0]!;
    return [{ ...passed(r, path, first.name, expected, `managed virtual network ${first.name} is declared.`), relatedResourceId: first.id }];
  }
  const maybe = possibleChildrenOf(ctx, r, 'Microsoft.DataFactory/factories/managedVirtualNetworks')[0];
  if (maybe) return [{ ...needsReview(r, path, undefined, expected, `managed virtual network '${maybe.name}' belongs to a factory only known after deployment; review whether it is this factory's.`), relatedResourceId: maybe.id }];
  return [failed(r, path, undefined, expected, 'no managed virtual network is declared for the factory, so Azure integration runtimes run on the public Azure network.')];
};

/** Only Azure (Managed) runtimes can join the managed virtual network; self-hosted ones live on customer machines. */
function managedRuntime(r: NormalizedResource) {
  const type = read(r, 'properties.type');
  if (isUnknown(type)) return { unknown: type, path: 'properties.type' };
  return textEquals(type, 'Managed');
}

export const DATA_FACTORY_CONTROLS = [
  control({
    id: 'ISRM.DataFactory.ManagedVNet',
    title: 'Data factories have a managed virtual network',
    rationale: 'A managed virtual network isolates integration runtimes and lets them reach data stores over managed private endpoints instead of public endpoints.',
    remediation: "Declare Microsoft.DataFactory/factories/managedVirtualNetworks named 'default' and run Azure integration runtimes in it.",
    snippet: "resource mvnet 'Microsoft.DataFactory/factories/managedVirtualNetworks@2018-06-01' = {\n  parent: adf\n  name: 'default'\n  properties: {}\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [FACTORY],
    frameworks: FW.privateNetwork(),
    helpUri: `${DOCS}/managed-virtual-network-private-endpoint`,
    check: factoryManagedVnet,
  }),
  control({
    id: 'ISRM.DataFactory.RuntimeInManagedVNet',
    title: 'Azure integration runtimes run in the managed virtual network',
    rationale: 'An Azure integration runtime outside the managed virtual network reaches data stores over public endpoints.',
    remediation: "Set properties.managedVirtualNetwork on each Managed integration runtime to { type: 'ManagedVirtualNetworkReference', referenceName: 'default' }.",
    snippet: "resource ir 'Microsoft.DataFactory/factories/integrationRuntimes@2018-06-01' = {\n  parent: adf\n  name: 'AutoResolveIntegrationRuntime'\n  properties: {\n    type: 'Managed'\n    managedVirtualNetwork: { type: 'ManagedVirtualNetworkReference', referenceName: 'default' }\n    typeProperties: { computeProperties: { location: 'AutoResolve' } }\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [RUNTIME],
    frameworks: FW.privateNetwork(),
    helpUri: `${DOCS}/managed-virtual-network-private-endpoint`,
    check: present('properties.managedVirtualNetwork.referenceName', 'a managed virtual network reference', always('fail', 'the runtime runs on the public Azure network'), managedRuntime),
  }),
  control({
    id: 'ISRM.DataFactory.PublicNetworkAccess',
    title: 'Data factories disable public network access',
    rationale: 'Authoring and self-hosted runtime traffic should reach the factory only through private endpoints.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and add private endpoints (dataFactory, portal).",
    snippet: "resource adf 'Microsoft.DataFactory/factories@2018-06-01' = {\n  // ...\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'hbi',
    appliesTo: [FACTORY],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Public network access on Azure Data Factory should be disabled',
    helpUri: `${DOCS}/data-factory-private-link`,
    check: publicNetworkAccessDisabled(),
  }),
  control({
    id: 'ISRM.DataFactory.CMK',
    title: 'Data factories encrypt with a customer-managed key',
    rationale: 'Factory metadata (linked service definitions, parameters) of high business impact workloads must be encrypted with keys the organisation controls.',
    remediation: 'Set properties.encryption.vaultBaseUrl and keyName (with identity) when creating the factory.',
    snippet: "resource adf 'Microsoft.DataFactory/factories@2018-06-01' = {\n  // ...\n  properties: {\n    encryption: {\n      vaultBaseUrl: kv.properties.vaultUri\n      keyName: 'adf-cmk'\n      identity: { userAssignedIdentity: uami.id }\n    }\n  }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'hbi',
    appliesTo: [FACTORY],
    frameworks: FW.cmk(),
    azurePolicy: 'Azure data factories should be encrypted with a customer-managed key',
    helpUri: `${DOCS}/enable-customer-managed-key`,
    check: present('properties.encryption.vaultBaseUrl', 'a Key Vault URL', always('fail', 'metadata is encrypted with Microsoft-managed keys')),
  }),
];

