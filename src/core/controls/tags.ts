// Which resources carry tags, and reading them the way ARM does (tag names are case-insensitive).

import type { NormalizedResource, ResolvedConfig, ScanContext } from '../model';
import { isUnknown, Unknown } from '../model';
import { read, textIn, typeKey } from './access';
import { extensionTarget, IndexedScanContext } from '../scan/context';

/** Namespaces and types that do not support tags (extension, policy and security resources, deployments). */
const UNTAGGABLE_NAMESPACES = ['microsoft.authorization', 'microsoft.security', 'microsoft.policyinsights', 'microsoft.management', 'microsoft.subscription', 'microsoft.consumption', 'microsoft.blueprint'];
const UNTAGGABLE_TYPES = ['microsoft.insights/diagnosticsettings', 'microsoft.resources/deployments', 'microsoft.resources/tags'];

/**
 * Resource types the tagging and environment controls evaluate: the tracked (taggable) types a data
 * and AI landing zone is built from. A type missing here is reported by the scan as not covered by
 * any control, so a gap is visible rather than silent.
 */
export const TAGGABLE_TYPES: readonly string[] = [
  'Microsoft.ApiManagement/service',
  'Microsoft.App/containerApps',
  'Microsoft.App/managedEnvironments',
  'Microsoft.AppConfiguration/configurationStores',
  'Microsoft.Automation/automationAccounts',
  'Microsoft.Batch/batchAccounts',
  'Microsoft.Cache/redis',
  'Microsoft.Cache/redisEnterprise',
  'Microsoft.Cdn/profiles',
  'Microsoft.Cdn/profiles/afdEndpoints',
  'Microsoft.Cdn/profiles/endpoints',
  'Microsoft.CognitiveServices/accounts',
  'Microsoft.Compute/availabilitySets',
  'Microsoft.Compute/diskEncryptionSets',
  'Microsoft.Compute/disks',
  'Microsoft.Compute/galleries',
  'Microsoft.Compute/images',
  'Microsoft.Compute/snapshots',
  'Microsoft.Compute/sshPublicKeys',
  'Microsoft.Compute/virtualMachines',
  'Microsoft.Compute/virtualMachines/extensions',
  'Microsoft.Compute/virtualMachineScaleSets',
  'Microsoft.ContainerInstance/containerGroups',
  'Microsoft.ContainerRegistry/registries',
  'Microsoft.ContainerRegistry/registries/agentPools',
  'Microsoft.ContainerRegistry/registries/replications',
  'Microsoft.ContainerRegistry/registries/tasks',
  'Microsoft.ContainerRegistry/registries/webhooks',
  'Microsoft.ContainerService/managedClusters',
  'Microsoft.Databricks/accessConnectors',
  'Microsoft.Databricks/workspaces',
  'Microsoft.DataFactory/factories',
  'Microsoft.DataProtection/backupVaults',
  'Microsoft.DBforMariaDB/servers',
  'Microsoft.DBforMySQL/flexibleServers',
  'Microsoft.DBforMySQL/servers',
  'Microsoft.DBforPostgreSQL/flexibleServers',
  'Microsoft.DBforPostgreSQL/servers',
  'Microsoft.DocumentDB/databaseAccounts',
  'Microsoft.EventGrid/domains',
  'Microsoft.EventGrid/namespaces',
  'Microsoft.EventGrid/systemTopics',
  'Microsoft.EventGrid/topics',
  'Microsoft.EventHub/namespaces',
  'Microsoft.HDInsight/clusters',
  'Microsoft.Insights/actionGroups',
  'Microsoft.Insights/activityLogAlerts',
  'Microsoft.Insights/autoscalesettings',
  'Microsoft.Insights/components',
  'Microsoft.Insights/dataCollectionEndpoints',
  'Microsoft.Insights/dataCollectionRules',
  'Microsoft.Insights/metricAlerts',
  'Microsoft.Insights/privateLinkScopes',
  'Microsoft.Insights/scheduledQueryRules',
  'Microsoft.Insights/workbooks',
  'Microsoft.KeyVault/managedHSMs',
  'Microsoft.KeyVault/vaults',
  'Microsoft.Kusto/clusters',
  'Microsoft.Logic/workflows',
  'Microsoft.MachineLearningServices/workspaces',
  'Microsoft.MachineLearningServices/workspaces/batchEndpoints',
  'Microsoft.MachineLearningServices/workspaces/batchEndpoints/deployments',
  'Microsoft.MachineLearningServices/workspaces/computes',
  'Microsoft.MachineLearningServices/workspaces/onlineEndpoints',
  'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments',
  'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints',
  'Microsoft.ManagedIdentity/userAssignedIdentities',
  'Microsoft.Network/applicationGateways',
  'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
  'Microsoft.Network/applicationSecurityGroups',
  'Microsoft.Network/azureFirewalls',
  'Microsoft.Network/bastionHosts',
  'Microsoft.Network/connections',
  'Microsoft.Network/ddosProtectionPlans',
  'Microsoft.Network/dnsForwardingRulesets',
  'Microsoft.Network/dnsResolvers',
  'Microsoft.Network/dnsResolvers/inboundEndpoints',
  'Microsoft.Network/dnsResolvers/outboundEndpoints',
  'Microsoft.Network/dnsZones',
  'Microsoft.Network/expressRouteCircuits',
  'Microsoft.Network/expressRouteGateways',
  'Microsoft.Network/firewallPolicies',
  'Microsoft.Network/frontDoors',
  'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies',
  'Microsoft.Network/ipGroups',
  'Microsoft.Network/loadBalancers',
  'Microsoft.Network/localNetworkGateways',
  'Microsoft.Network/natGateways',
  'Microsoft.Network/networkInterfaces',
  'Microsoft.Network/networkManagers',
  'Microsoft.Network/networkSecurityGroups',
  'Microsoft.Network/networkSecurityPerimeters',
  'Microsoft.Network/networkWatchers',
  'Microsoft.Network/networkWatchers/flowLogs',
  'Microsoft.Network/privateDnsZones',
  'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
  'Microsoft.Network/privateEndpoints',
  'Microsoft.Network/privateLinkServices',
  'Microsoft.Network/publicIPAddresses',
  'Microsoft.Network/publicIPPrefixes',
  'Microsoft.Network/routeTables',
  'Microsoft.Network/virtualHubs',
  'Microsoft.Network/virtualNetworkGateways',
  'Microsoft.Network/virtualNetworks',
  'Microsoft.Network/virtualWans',
  'Microsoft.Network/vpnGateways',
  'Microsoft.Network/vpnSites',
  'Microsoft.OperationalInsights/clusters',
  'Microsoft.OperationalInsights/queryPacks',
  'Microsoft.OperationalInsights/workspaces',
  'Microsoft.OperationsManagement/solutions',
  'Microsoft.Portal/dashboards',
  'Microsoft.Purview/accounts',
  'Microsoft.RecoveryServices/vaults',
  'Microsoft.Resources/deploymentScripts',
  'Microsoft.Resources/resourceGroups',
  'Microsoft.Resources/templateSpecs',
  'Microsoft.Search/searchServices',
  'Microsoft.ServiceBus/namespaces',
  'Microsoft.SignalRService/signalR',
  'Microsoft.Sql/managedInstances',
  'Microsoft.Sql/managedInstances/databases',
  'Microsoft.Sql/servers',
  'Microsoft.Sql/servers/databases',
  'Microsoft.Sql/servers/elasticPools',
  'Microsoft.Storage/storageAccounts',
  'Microsoft.StreamAnalytics/streamingjobs',
  'Microsoft.Synapse/privateLinkHubs',
  'Microsoft.Synapse/workspaces',
  'Microsoft.Synapse/workspaces/bigDataPools',
  'Microsoft.Synapse/workspaces/kustoPools',
  'Microsoft.Synapse/workspaces/sqlPools',
  'Microsoft.Web/certificates',
  'Microsoft.Web/connections',
  'Microsoft.Web/hostingEnvironments',
  'Microsoft.Web/serverfarms',
  'Microsoft.Web/sites',
  'Microsoft.Web/sites/slots',
  'Microsoft.Web/staticSites',
];

/**
 * Child types that are tracked resources with tags of their own (ARM lists them with `tags` and
 * `location`): every child type in TAGGABLE_TYPES, so the two lists cannot drift apart.
 */
const TAGGABLE_CHILD_TYPES = TAGGABLE_TYPES.map((t) => t.toLowerCase()).filter((t) => t.split('/').length > 2);

// Three controls ask per resource, one after another: the last answer is kept with the values it was
// computed from. What depends on the type alone is worked out once per type.
let lastResource: NormalizedResource | undefined;
let lastType: string | undefined;
let lastScope: unknown;
let lastId: string | undefined;
let lastName: string | undefined;
let lastTaggable = false;

/**
 * Whether the resource carries tags of its own. Given the scan context, what it found while indexing the
 * resource (whether it extends another one) is not worked out again.
 */
export function isTaggable(r: NormalizedResource, ctx?: ScanContext): boolean {
  if (r === lastResource && r.type === lastType && r.scope === lastScope && r.id === lastId && r.name === lastName) return lastTaggable;
  const taggable = computeTaggable(r, ctx);
  lastResource = r;
  lastType = r.type;
  lastScope = r.scope;
  lastId = r.id;
  lastName = r.name;
  lastTaggable = taggable;
  return taggable;
}

const NEVER = 0;
const CHILD = 1;
const TOP_LEVEL = 2;
type TypeClass = typeof NEVER | typeof CHILD | typeof TOP_LEVEL;

// Bounded so types from hostile input cannot grow it without limit.
const TYPE_CLASSES = new Map<string, TypeClass>();

function typeClass(type: string): TypeClass {
  let known = TYPE_CLASSES.get(type);
  if (known === undefined) {
    const key = typeKey(type);
    const segments = key.split('/');
    if (UNTAGGABLE_NAMESPACES.includes(segments[0] ?? '') || UNTAGGABLE_TYPES.includes(key) || key.includes('/providers/')) known = NEVER;
    else if (segments.length === 2) known = TOP_LEVEL;
    else known = TAGGABLE_CHILD_TYPES.includes(key) ? CHILD : NEVER;
    if (TYPE_CLASSES.size < 4096) TYPE_CLASSES.set(type, known);
  }
  return known;
}

function computeTaggable(r: NormalizedResource, ctx: ScanContext | undefined): boolean {
  const known = typeClass(r.type);
  if (known === NEVER) return false;
  if (typeof r.scope === 'string' && r.scope !== '') return false;
  if (known === CHILD) return true;
  const extension = ctx instanceof IndexedScanContext ? ctx.isExtension(r) : undefined;
  if (extension !== undefined) return !extension;
  const viaId = extendsViaId(r.id);
  return viaId === undefined ? extensionTarget(r) === undefined : !viaId;
}

const PROVIDERS = 'providers/';

/**
 * For a top-level type without a `scope`, whether extensionTarget(r) finds a target: whether the id is
 * `<resource id>/providers/...` with a `/providers/` segment inside the resource id too. Answered for
 * ASCII ids without lower-casing a copy (undefined otherwise: the caller asks extensionTarget itself).
 */
function extendsViaId(id: unknown): boolean | undefined {
  if (typeof id !== 'string') return false;
  let first = -1;
  let last = -1;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c > 127) return undefined;
    if (c !== 47) continue;
    let j = 0;
    for (; j < PROVIDERS.length; j++) {
      // Past the end charCodeAt gives NaN, which matches nothing.
      let d = id.charCodeAt(i + 1 + j);
      if (d >= 65 && d <= 90) d += 32;
      if (d !== PROVIDERS.charCodeAt(j)) break;
    }
    if (j === PROVIDERS.length) {
      if (first < 0) first = i;
      last = i;
    }
  }
  // As providerScopeOf: the last `/providers/` past the start, and another one wholly before it.
  return last > 0 && first <= last - (PROVIDERS.length + 1);
}

/** Tag value by case-insensitive name: the value, an Unknown (tags or the value only known after deployment), or undefined. */
export function tagValue(r: NormalizedResource, name: string): unknown {
  if (isUnknown(r.tags)) return r.tags;
  return read(r.tags, name);
}

/** The tag that names a resource's environment. */
export const ENVIRONMENT_TAG = 'Environment';

export type EnvironmentClass = 'production' | 'nonProduction' | 'unlisted' | 'untagged' | Unknown;

export function environmentOf(r: NormalizedResource, config: ResolvedConfig): EnvironmentClass {
  const v = tagValue(r, ENVIRONMENT_TAG);
  if (isUnknown(v)) return v;
  if (typeof v !== 'string' || v.trim() === '') return 'untagged';
  if (textIn(v.trim(), config.environments.production)) return 'production';
  if (textIn(v.trim(), config.environments.nonProduction)) return 'nonProduction';
  return 'unlisted';
}
