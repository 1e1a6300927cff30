// Monitoring: diagnostic settings (an extension resource on the resource they log), Log Analytics
// workspaces and Application Insights. ARM names from Microsoft.Insights and Microsoft.OperationalInsights.

import { unknownPart } from '../ids';
import { attr, concat, constant, each, enabledDisabled, ifPresent, negate, nonEmpty, obj, refId, self, type Reader, type TypeMapping } from '../spec';

const STORAGE_ACCOUNT_ID = /\/providers\/Microsoft\.Storage\/storageAccounts\/[^/]+$/i;

/**
 * `"${azurerm_storage_account.x.id}/blobServices/default"` and a plain `azurerm_storage_account.x.id`
 * have the same references in plan JSON. A storage account itself only takes metrics, so a setting
 * resolved to an account that enables logs targets one of its services — which one the plan cannot
 * show: the scope keeps an unknown service part, and controls report it for review instead of guessing.
 */
function storageServiceScope(scope: string, r: Reader): string {
  if (!STORAGE_ACCOUNT_ID.test(scope) || r.slot(['target_resource_id']).state === 'value') return scope;
  const logs = concat(ifPresent('enabled_log', each('enabled_log', self)), ifPresent('log', each('log', self)))(r);
  if (Array.isArray(logs) && logs.length === 0) return scope;
  return `${scope}/${unknownPart(r.address, 'target_resource_id')}`;
}

export const diagnosticSetting: TypeMapping = {
  armType: 'Microsoft.Insights/diagnosticSettings',
  apiVersion: '2021-05-01-preview',
  id: { kind: 'extension', scope: 'target_resource_id', refine: storageServiceScope },
  // The provider's id is `{target}|{name}`, not an ARM id.
  plannedId: false,
  location: false,
  tags: false,
  properties: {
    workspaceId: refId('log_analytics_workspace_id'),
    storageAccountId: refId('storage_account_id'),
    eventHubAuthorizationRuleId: refId('eventhub_authorization_rule_id'),
    eventHubName: attr('eventhub_name', nonEmpty),
    logAnalyticsDestinationType: attr('log_analytics_destination_type', nonEmpty),
    logs: concat(
      ifPresent('enabled_log', each('enabled_log', obj({ category: attr('category', nonEmpty), categoryGroup: attr('category_group', nonEmpty), enabled: constant(true) }))),
      ifPresent('log', each('log', obj({ category: attr('category', nonEmpty), categoryGroup: attr('category_group', nonEmpty), enabled: attr('enabled') }))),
    ),
    metrics: concat(
      ifPresent('metric', each('metric', obj({ category: attr('category', nonEmpty), enabled: attr('enabled') }))),
      ifPresent('enabled_metric', each('enabled_metric', obj({ category: attr('category', nonEmpty), enabled: constant(true) }))),
    ),
  },
};

export const logAnalyticsWorkspace: TypeMapping = {
  armType: 'Microsoft.OperationalInsights/workspaces',
  apiVersion: '2023-09-01',
  id: { kind: 'inResourceGroup' },
  properties: {
    'sku.name': attr('sku'),
    retentionInDays: attr('retention_in_days'),
    publicNetworkAccessForIngestion: attr('internet_ingestion_enabled', enabledDisabled),
    publicNetworkAccessForQuery: attr('internet_query_enabled', enabledDisabled),
    'features.disableLocalAuth': attr(['local_authentication_disabled', ['local_authentication_enabled', negate]]),
    'features.enableLogAccessUsingOnlyResourcePermissions': attr('allow_resource_only_permissions'),
    'workspaceCapping.dailyQuotaGb': attr('daily_quota_gb'),
    forceCmkForQuery: attr('cmk_for_query_forced'),
  },
};

export const applicationInsights: TypeMapping = {
  armType: 'Microsoft.Insights/components',
  apiVersion: '2020-02-02',
  id: { kind: 'inResourceGroup' },
  kind: attr('application_type'),
  properties: {
    Application_Type: attr('application_type'),
    WorkspaceResourceId: refId('workspace_id'),
    publicNetworkAccessForIngestion: attr('internet_ingestion_enabled', enabledDisabled),
    publicNetworkAccessForQuery: attr('internet_query_enabled', enabledDisabled),
    DisableLocalAuth: attr('local_authentication_disabled'),
    RetentionInDays: attr('retention_in_days'),
  },
};
