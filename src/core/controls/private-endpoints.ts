import { idKey, read, textEquals } from './access';
import { failed, needsReview, passed, unknownOutcome, withRelated, type Check } from './checks';
import { control } from './define';
import { FW } from './frameworks';
import { couldTarget, unresolvedPrivateEndpoints } from './relations';
import { isUnknown } from '../model';

/** PaaS services that take private endpoints and expose `properties.publicNetworkAccess`. */
export const PRIVATE_LINK_TYPES = [
  'Microsoft.AppConfiguration/configurationStores',
  'Microsoft.Cache/redis',
  'Microsoft.CognitiveServices/accounts',
  'Microsoft.ContainerRegistry/registries',
  'Microsoft.Databricks/workspaces',
  'Microsoft.DataFactory/factories',
  'Microsoft.DBforMariaDB/servers',
  'Microsoft.DBforMySQL/servers',
  'Microsoft.DBforPostgreSQL/servers',
  'Microsoft.DocumentDB/databaseAccounts',
  'Microsoft.EventHub/namespaces',
  'Microsoft.KeyVault/vaults',
  'Microsoft.MachineLearningServices/workspaces',
  'Microsoft.Purview/accounts',
  'Microsoft.Search/searchServices',
  'Microsoft.ServiceBus/namespaces',
  'Microsoft.Sql/servers',
  'Microsoft.Storage/storageAccounts',
  'Microsoft.Synapse/workspaces',
  'Microsoft.Web/sites',
];

const privateEndpointPresent: Check = (r, ctx) => {
  const expected = 'a private endpoint connected to the resource';
  const pna = read(r, 'properties.publicNetworkAccess');
  if (isUnknown(pna)) return [unknownOutcome(r, 'properties.publicNetworkAccess', pna, expected, `publicNetworkAccess is only known after deployment (${pna.reason}), so whether a private endpoint is required needs review.`)];
  // With public access on, the resource is reachable anyway; the PublicNetworkAccess controls report that.
  if (!textEquals(pna, 'Disabled')) return [];
  const found = ctx.privateEndpointsFor(r);
  // Mostly one endpoint or none: nothing to order then.
  const endpoints = found.length > 1 ? [...found].sort((a, b) => (idKey(a.id) < idKey(b.id) ? -1 : idKey(a.id) > idKey(b.id) ? 1 : 0)) : found;
  if (endpoints.length > 0) {
    const pe = endpoints[0]!;
    return [withRelated(passed(r, 'privateEndpoints', pe.name, expected, `public network access is disabled and private endpoint '${pe.name}' connects to it${endpoints.length > 1 ? ` (and ${endpoints.length - 1} more)` : ''}.`), pe.id)];
  }
  const maybe = couldTarget(unresolvedPrivateEndpoints(ctx), r);
  if (maybe.length > 0) {
    const pe = maybe[0]!.resource;
    return [withRelated(needsReview(r, 'privateEndpoints', undefined, expected, `public network access is disabled and no private endpoint is known to connect to it, but private endpoint '${pe.name}' has a target only known after deployment; review whether it connects to this resource.`), pe.id)];
  }
  return [failed(r, 'privateEndpoints', undefined, expected, 'public network access is disabled but no private endpoint in the scanned set connects to it, so the service is unreachable from the landing zone or reached by an undeclared path.')];
};

export const PRIVATE_ENDPOINT_CONTROLS = [
  control({
    id: 'ISRM.PrivateEndpoint.Required',
    title: 'PaaS resources with public access disabled have a private endpoint',
    rationale: 'With public access off, the private endpoint is the only governed path; declaring it in the same change keeps the network design reviewable and traceable.',
    remediation: 'Declare a Microsoft.Network/privateEndpoints resource whose privateLinkServiceConnections point at the resource, with a private DNS zone group.',
    snippet: "resource pe 'Microsoft.Network/privateEndpoints@2023-11-01' = {\n  name: 'pe-${kv.name}'\n  location: location\n  properties: {\n    subnet: { id: privateEndpointSubnetId }\n    privateLinkServiceConnections: [\n      { name: 'vault', properties: { privateLinkServiceId: kv.id, groupIds: [ 'vault' ] } }\n    ]\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'hbi',
    appliesTo: PRIVATE_LINK_TYPES,
    frameworks: FW.privateNetwork(),
    helpUri: 'https://learn.microsoft.com/azure/private-link/private-endpoint-overview',
    check: privateEndpointPresent,
  }),
];

