// Security logging: every in-scope resource sends its logs to Log Analytics (or Event Hubs) through
// a diagnostic setting declared anywhere in the scanned set. A setting whose target is only partly
// known makes the outcome `unknown` for exactly the resources it could target; nothing is guessed.

import type { NormalizedResource, ScanContext } from '../model';
import { isUnknown } from '../model';
import { asBoolean, findUnknown, idKey, isNonEmptyString, isType, leafName, read } from './access';
import { failed, needsReview, passed, unknownOutcome, withRelated, type Check } from './checks';
import { control } from './define';
import { FW } from './frameworks';
import { couldTarget, couldTargetId, unresolvedExtensions } from './relations';
import { IndexedScanContext } from '../scan/context';

export const DIAGNOSTIC_SETTINGS = 'Microsoft.Insights/diagnosticSettings';

export const LOGGED_TYPES = [
  'Microsoft.ApiManagement/service',
  'Microsoft.CognitiveServices/accounts',
  'Microsoft.ContainerRegistry/registries',
  'Microsoft.ContainerService/managedClusters',
  'Microsoft.Databricks/workspaces',
  'Microsoft.DataFactory/factories',
  'Microsoft.DocumentDB/databaseAccounts',
  'Microsoft.EventHub/namespaces',
  'Microsoft.KeyVault/vaults',
  'Microsoft.MachineLearningServices/workspaces',
  'Microsoft.Network/applicationGateways',
  'Microsoft.Network/azureFirewalls',
  'Microsoft.Network/bastionHosts',
  'Microsoft.Network/networkSecurityGroups',
  'Microsoft.Purview/accounts',
  'Microsoft.ServiceBus/namespaces',
  'Microsoft.Sql/servers/databases',
  'Microsoft.Storage/storageAccounts',
  'Microsoft.Synapse/workspaces',
  'Microsoft.Web/sites',
];

/** Storage accounts log per service; the account itself only has metrics. */
const STORAGE_SERVICES = ['blobServices', 'fileServices', 'queueServices', 'tableServices'];

/** The storage services as children of an account: `blobServices/default`, … */
const STORAGE_SERVICE_CHILDREN = STORAGE_SERVICES.map((s) => `${s}/default`);

function logsEnabled(setting: NormalizedResource): boolean | 'unknown' {
  const logs = read(setting, 'properties.logs');
  if (findUnknown(logs)) return 'unknown';
  if (!Array.isArray(logs)) return false;
  return logs.some((l) => asBoolean(read(l, 'enabled')) === true);
}

/** True when the workspace id names the configured central workspace (given as an id or a name). */
export function isCentralWorkspace(workspaceId: string, central: string): boolean {
  if (central.trim().startsWith('/')) return idKey(workspaceId) === idKey(central);
  return leafName(idKey(workspaceId)) === central.trim().toLowerCase();
}

type Verdict = { status: 'pass' | 'fail' | 'unknown'; setting: NormalizedResource; path: string; actual: unknown; reason: string };

function verdict(status: Verdict['status'], setting: NormalizedResource, path: string, actual: unknown, reason: string): Verdict {
  return { status, setting, path, actual, reason };
}

function judgeSetting(setting: NormalizedResource, needsLogs: boolean, central: string | undefined): Verdict {
  const workspace = read(setting, 'properties.workspaceId');
  // Only a setting without a workspace is judged by its Event Hub.
  const eventHub = isNonEmptyString(workspace) ? undefined : read(setting, 'properties.eventHubAuthorizationRuleId');
  if (isUnknown(workspace)) return verdict('unknown', setting, 'properties.workspaceId', workspace, `diagnostic setting '${setting.name}' sends to a workspace only known after deployment (${workspace.reason})`);
  if (central !== undefined) {
    if (!isNonEmptyString(workspace)) return verdict('fail', setting, 'properties.workspaceId', workspace, `diagnostic setting '${setting.name}' does not send to a Log Analytics workspace, and the central workspace '${central}' is required`);
    if (!isCentralWorkspace(workspace, central)) return verdict('fail', setting, 'properties.workspaceId', workspace, `diagnostic setting '${setting.name}' sends to workspace '${leafName(workspace)}', not the central workspace '${central}'`);
  } else if (!isNonEmptyString(workspace)) {
    if (isUnknown(eventHub)) return verdict('unknown', setting, 'properties.eventHubAuthorizationRuleId', eventHub, `diagnostic setting '${setting.name}' sends to an Event Hub only known after deployment (${eventHub.reason})`);
    if (!isNonEmptyString(eventHub)) return verdict('fail', setting, 'properties.workspaceId', workspace, `diagnostic setting '${setting.name}' sends neither to a Log Analytics workspace nor to an Event Hub`);
  }
  if (needsLogs) {
    const logs = logsEnabled(setting);
    if (logs === 'unknown') return verdict('unknown', setting, 'properties.logs', read(setting, 'properties.logs'), `diagnostic setting '${setting.name}' has log categories only known after deployment`);
    if (!logs) return verdict('fail', setting, 'properties.logs', read(setting, 'properties.logs'), `diagnostic setting '${setting.name}' enables no log category (metrics only)`);
  }
  const where = isNonEmptyString(workspace) ? `workspace '${leafName(workspace)}'` : 'an Event Hub';
  return verdict('pass', setting, isNonEmptyString(workspace) ? 'properties.workspaceId' : 'properties.eventHubAuthorizationRuleId', isNonEmptyString(workspace) ? workspace : eventHub, `diagnostic setting '${setting.name}' sends logs to ${where}`);
}

const rank = { pass: 0, unknown: 1, fail: 2 } as const;

/** The better of two verdicts, the earlier one on a tie. */
function better(best: Verdict | undefined, v: Verdict): Verdict {
  return best === undefined || rank[v.status] < rank[best.status] ? v : best;
}

// The expectation depends only on the central workspace configured: made once per value, not per resource.
let lastCentral: string | undefined;
let lastExpected = 'a diagnostic setting sending logs to a Log Analytics workspace or Event Hub';

function expectationFor(central: string | undefined): string {
  if (central !== lastCentral) {
    lastCentral = central;
    lastExpected = central ? `a diagnostic setting sending logs to the central workspace '${central}'` : 'a diagnostic setting sending logs to a Log Analytics workspace or Event Hub';
  }
  return lastExpected;
}

const sendsLogs: Check = (r, ctx: ScanContext) => {
  const central = ctx.config.centralWorkspace?.trim() || undefined;
  const expected = expectationFor(central);
  const unresolved = unresolvedExtensions(ctx, DIAGNOSTIC_SETTINGS);
  // The first verdict of the best rank, as a stable sort by rank would put first.
  let best: Verdict | undefined;
  let maybe: NormalizedResource | undefined;
  const storage = isType(r, 'Microsoft.Storage/storageAccounts');
  if (storage) {
    // Storage accounts log per service: each service's settings, as those of a stand-in with its id.
    for (const child of STORAGE_SERVICE_CHILDREN) {
      const settings = ctx instanceof IndexedScanContext ? ctx.extensionsOfChild(r, child, DIAGNOSTIC_SETTINGS) : undefined;
      for (const s of settings ?? ctx.extensionsOf({ ...r, id: `${r.id}/${child}` }, DIAGNOSTIC_SETTINGS)) best = better(best, judgeSetting(s, true, central));
      if (unresolved.length > 0 && maybe === undefined) maybe = couldTargetId(unresolved, `${r.id}/${child}`)[0]?.resource;
    }
  } else {
    for (const s of ctx.extensionsOf(r, DIAGNOSTIC_SETTINGS)) best = better(best, judgeSetting(s, true, central));
    if (unresolved.length > 0) maybe = couldTarget(unresolved, r)[0]?.resource;
  }
  if (best?.status === 'pass') return [withRelated(passed(r, best.path, best.actual, expected, `${best.reason}.`), best.setting.id)];
  if (best?.status === 'unknown') {
    const u = findUnknown(best.actual);
    const detail = `${best.reason}; review it.`;
    return [withRelated(u ? unknownOutcome(r, best.path, u, expected, detail) : needsReview(r, best.path, best.actual, expected, detail), best.setting.id)];
  }
  if (maybe !== undefined) {
    return [withRelated(needsReview(r, 'diagnosticSettings', undefined, expected, `no diagnostic setting is known to target it, but '${maybe.name}' targets a resource only known after deployment; review whether it covers this resource.`), maybe.id)];
  }
  if (best) return [withRelated(failed(r, best.path, best.actual, expected, `${best.reason}.`), best.setting.id)];
  const where = storage ? ' on its blob, file, queue or table service' : '';
  return [failed(r, 'diagnosticSettings', undefined, expected, `no diagnostic setting in the scanned set sends its logs anywhere${where}.`)];
};

export const DIAGNOSTICS_CONTROLS = [
  control({
    id: 'ISRM.Diagnostics.LogsToWorkspace',
    title: 'Resources send security logs to the central Log Analytics workspace',
    rationale: 'Resource logs are the audit trail of access to and changes of regulated data; they must be collected centrally, retained and reviewable (21 CFR 11.10(e), Annex 11 §9).',
    remediation: 'Declare a Microsoft.Insights/diagnosticSettings extension resource on the resource (for storage accounts on blobServices/default and the other services) with workspaceId set to the central workspace and the audit / allLogs category group enabled.',
    snippet: "resource diag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {\n  name: 'to-central-law'\n  scope: kv\n  properties: {\n    workspaceId: centralWorkspaceId\n    logs: [ { categoryGroup: 'audit', enabled: true }, { categoryGroup: 'allLogs', enabled: true } ]\n    metrics: [ { category: 'AllMetrics', enabled: true } ]\n  }\n}",
    severity: 'medium',
    family: 'logging',
    baseline: 'standard',
    appliesTo: LOGGED_TYPES,
    frameworks: FW.logging(),
    helpUri: 'https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings',
    check: sendsLogs,
  }),
];
