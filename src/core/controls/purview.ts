import { control, oneOf, publicNetworkAccessDisabled } from './define';
import { always } from './checks';
import { FW } from './frameworks';

const ACCOUNT = 'Microsoft.Purview/accounts';
const DOCS = 'https://learn.microsoft.com/purview';

export const PURVIEW_CONTROLS = [
  control({
    id: 'ISRM.Purview.PublicNetworkAccess',
    title: 'Purview accounts disable public network access',
    rationale: 'The data catalogue describes where sensitive data lives; its portal and API should be reachable only through private endpoints.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and add private endpoints (account, portal).",
    snippet: "resource pv 'Microsoft.Purview/accounts@2021-12-01' = {\n  // ...\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [ACCOUNT],
    frameworks: FW.publicAccess(),
    helpUri: `${DOCS}/catalog-private-link`,
    check: publicNetworkAccessDisabled(),
  }),
  control({
    id: 'ISRM.Purview.ManagedResourcesPublicAccess',
    title: 'Purview managed resources disable public network access',
    rationale: 'The managed storage account and Event Hubs namespace that Purview creates are otherwise reachable from the internet.',
    remediation: "Set properties.managedResourcesPublicNetworkAccess to 'Disabled'.",
    snippet: "resource pv 'Microsoft.Purview/accounts@2021-12-01' = {\n  // ...\n  properties: {\n    managedResourcesPublicNetworkAccess: 'Disabled'\n  }\n}",
    severity: 'medium',
    family: 'network',
    baseline: 'hbi',
    appliesTo: [ACCOUNT],
    frameworks: FW.publicAccess(),
    helpUri: `${DOCS}/catalog-private-link`,
    check: oneOf('properties.managedResourcesPublicNetworkAccess', ['Disabled'], always('fail', 'managed resources accept public network access')),
  }),
];
