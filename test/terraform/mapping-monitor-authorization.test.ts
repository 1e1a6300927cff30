import assert from 'node:assert/strict';
import { isUnknown, type Unknown } from '../../src/core/model';
import { json, normalize, only } from './helpers';
import { RG, SUB } from './plan-builder';

const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const assignment = (extra: Record<string, unknown>) => ({
  scope: SUB,
  role_definition_name: 'Owner',
  principal_id: '22222222-2222-2222-2222-222222222222',
  principal_type: 'User',
  description: null,
  condition: null,
  condition_version: null,
  delegated_managed_identity_resource_id: null,
  skip_service_principal_aad_check: false,
  ...extra,
});

describe('terraform mapping: diagnostic settings and monitoring', () => {
  it('azurerm 3 `log` / `metric` blocks and azurerm 4 `enabled_log` / `enabled_metric` blocks all become logs and metrics', () => {
    const target = `${RG('rg-data')}/providers/Microsoft.KeyVault/vaults/kv`;
    const { resources } = normalize([
      { address: 'azurerm_monitor_diagnostic_setting.v3', values: { name: 'v3', target_resource_id: target, log_analytics_workspace_id: 'law', storage_account_id: null, eventhub_authorization_rule_id: null, eventhub_name: null, log_analytics_destination_type: 'Dedicated', enabled_log: [], log: [{ category: 'AuditEvent', category_group: null, enabled: false, retention_policy: [] }], metric: [{ category: 'AllMetrics', enabled: true, retention_policy: [] }] } },
      { address: 'azurerm_monitor_diagnostic_setting.v4', values: { name: 'v4', target_resource_id: target, log_analytics_workspace_id: 'law', storage_account_id: null, eventhub_authorization_rule_id: null, eventhub_name: null, log_analytics_destination_type: null, enabled_log: [{ category: null, category_group: 'audit' }], enabled_metric: [{ category: 'AllMetrics' }] } },
    ]);
    const [v3, v4] = resources;
    assert.equal(v3?.scope, target);
    assert.equal(v3?.id, `${target}/providers/Microsoft.Insights/diagnosticSettings/v3`);
    assert.deepEqual(v3?.properties.logs, [{ category: 'AuditEvent', enabled: false }]);
    assert.deepEqual(v3?.properties.metrics, [{ category: 'AllMetrics', enabled: true }]);
    assert.deepEqual(v4?.properties.logs, [{ categoryGroup: 'audit', enabled: true }]);
    assert.deepEqual(v4?.properties.metrics, [{ category: 'AllMetrics', enabled: true }]);
  });

  it('Log Analytics workspace and Application Insights', () => {
    const { resources } = normalize([
      { address: 'azurerm_log_analytics_workspace.central', values: { name: 'law-central', resource_group_name: 'rg-sec', location: 'westeurope', sku: 'PerGB2018', retention_in_days: 365, internet_ingestion_enabled: false, internet_query_enabled: false, local_authentication_disabled: true, allow_resource_only_permissions: true, daily_quota_gb: -1, cmk_for_query_forced: false, tags: {} }, unknown: ['id'] },
      {
        address: 'azurerm_application_insights.app',
        values: { name: 'appi', resource_group_name: 'rg-app', location: 'westeurope', application_type: 'web', internet_ingestion_enabled: true, internet_query_enabled: true, local_authentication_disabled: false, retention_in_days: 90, tags: {} },
        unknown: ['workspace_id'],
        refs: { workspace_id: ['azurerm_log_analytics_workspace.central.id', 'azurerm_log_analytics_workspace.central'] },
      },
    ]);
    const law = only(resources, 'Microsoft.OperationalInsights/workspaces');
    assert.deepEqual(law.properties, {
      sku: { name: 'PerGB2018' },
      retentionInDays: 365,
      publicNetworkAccessForIngestion: 'Disabled',
      publicNetworkAccessForQuery: 'Disabled',
      features: { disableLocalAuth: true, enableLogAccessUsingOnlyResourcePermissions: true },
      workspaceCapping: { dailyQuotaGb: -1 },
      forceCmkForQuery: false,
    });
    const appi = only(resources, 'Microsoft.Insights/components');
    assert.equal(appi.properties.WorkspaceResourceId, law.id);
    assert.equal(appi.properties.publicNetworkAccessForIngestion, 'Enabled');
  });
});

describe('terraform mapping: role assignments and definitions', () => {
  it('role_definition_name of a built-in role gives the real definition id', () => {
    const { resources } = normalize([
      { address: 'azurerm_role_assignment.owner', values: assignment({}), unknown: ['id', 'name', 'role_definition_id'] },
      { address: 'azurerm_role_assignment.reader', values: assignment({ role_definition_name: 'reader', principal_type: 'Group', scope: RG('rg-data') }), unknown: ['id', 'name', 'role_definition_id'] },
    ]);
    const [owner, reader] = resources;
    assert.equal(owner?.type, 'Microsoft.Authorization/roleAssignments');
    assert.equal(owner?.scope, SUB);
    assert.equal(owner?.properties.roleDefinitionId, `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`);
    assert.equal(owner?.properties.principalType, 'User');
    assert.equal(owner?.id, `${SUB}/providers/Microsoft.Authorization/roleAssignments/[unknown:azurerm_role_assignment.owner.name]`);
    assert.equal(reader?.properties.roleDefinitionId, `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${READER}`);
    assert.equal(reader?.properties.principalType, 'Group');
  });

  it('a role name ControlTrace does not know stays Unknown, with the name in the reason', () => {
    const { resources } = normalize([{ address: 'azurerm_role_assignment.x', values: assignment({ role_definition_name: 'Lab Operator' }), unknown: ['role_definition_id'] }]);
    const id = resources[0]?.properties.roleDefinitionId;
    assert.ok(isUnknown(id));
    assert.match((id as Unknown).reason, /role "Lab Operator" is not a built-in role/);
  });

  it('an assignment of a custom role created in the same plan resolves to that definition', () => {
    const { resources } = normalize([
      {
        address: 'azurerm_role_definition.ops',
        values: { name: 'Lab Operator', scope: SUB, description: 'ops', permissions: [{ actions: ['*'], not_actions: [], data_actions: [], not_data_actions: [] }], assignable_scopes: [SUB], role_definition_id: '33333333-3333-3333-3333-333333333333' },
        unknown: ['id', 'role_definition_resource_id'],
      },
      { address: 'azurerm_role_assignment.ops', values: assignment({ role_definition_name: null }), unknown: ['role_definition_id'], refs: { role_definition_id: ['azurerm_role_definition.ops.role_definition_resource_id', 'azurerm_role_definition.ops'] } },
    ]);
    const def = only(resources, 'Microsoft.Authorization/roleDefinitions');
    assert.equal(def.id, `${SUB}/providers/Microsoft.Authorization/roleDefinitions/33333333-3333-3333-3333-333333333333`);
    assert.deepEqual(def.properties, { roleName: 'Lab Operator', description: 'ops', type: 'CustomRole', permissions: [{ actions: ['*'], notActions: [], dataActions: [], notDataActions: [] }], assignableScopes: [SUB] });
    assert.equal(only(resources, 'Microsoft.Authorization/roleAssignments').properties.roleDefinitionId, def.id);
  });
});

describe('terraform mapping: policy, locks and Defender plans', () => {
  const policy = (extra: Record<string, unknown>) => ({ name: 'deny-public', policy_definition_id: '/providers/Microsoft.Authorization/policyDefinitions/abc', display_name: 'Deny public', description: '', enforce: true, parameters: '{"effect":{"value":"Deny"}}', not_scopes: [], location: null, identity: [], ...extra });

  it('policy assignments at subscription, resource group and management group scope', () => {
    const mg = '/providers/Microsoft.Management/managementGroups/lz';
    const { resources } = normalize([
      { address: 'azurerm_subscription_policy_assignment.sub', values: policy({ subscription_id: SUB }) },
      { address: 'azurerm_resource_group_policy_assignment.rg', values: policy({ resource_group_id: RG('rg-data'), enforce: false }) },
      { address: 'azurerm_management_group_policy_assignment.mg', values: policy({ management_group_id: mg, parameters: '' }) },
    ]);
    assert.deepEqual(
      resources.map((r) => [r.type, r.scope, r.id, r.properties.enforcementMode]),
      [
        ['Microsoft.Authorization/policyAssignments', SUB, `${SUB}/providers/Microsoft.Authorization/policyAssignments/deny-public`, 'Default'],
        ['Microsoft.Authorization/policyAssignments', RG('rg-data'), `${RG('rg-data')}/providers/Microsoft.Authorization/policyAssignments/deny-public`, 'DoNotEnforce'],
        ['Microsoft.Authorization/policyAssignments', mg, `${mg}/providers/Microsoft.Authorization/policyAssignments/deny-public`, 'Default'],
      ],
    );
    assert.deepEqual(json(resources[0]?.properties.parameters), { effect: { value: 'Deny' } });
    assert.equal(resources[2]?.properties.parameters, undefined);
  });

  it('a Defender for Cloud plan is a subscription-level Microsoft.Security/pricings resource', () => {
    const p = only(normalize([{ address: 'azurerm_security_center_subscription_pricing.storage', values: { tier: 'Standard', resource_type: 'StorageAccounts', subplan: 'DefenderForStorageV2', extension: [] } }]).resources, 'Microsoft.Security/pricings');
    assert.equal(p.id, `${SUB}/providers/Microsoft.Security/pricings/StorageAccounts`);
    assert.equal(p.name, 'StorageAccounts');
    assert.deepEqual(p.properties, { pricingTier: 'Standard', subPlan: 'DefenderForStorageV2', extensions: [] });
  });

  it('a security contact with alert notifications', () => {
    const c = only(normalize([{ address: 'azurerm_security_center_contact.soc', values: { name: 'default1', email: 'soc@contoso.example', phone: null, alert_notifications: true, alerts_to_admins: false } }]).resources, 'Microsoft.Security/securityContacts');
    assert.equal(c.id, `${SUB}/providers/Microsoft.Security/securityContacts/default1`);
    assert.deepEqual(c.properties, { emails: 'soc@contoso.example', alertNotifications: { state: 'On' }, notificationsByRole: { state: 'Off' } });
  });

  it('a management lock is an extension resource on its scope', () => {
    const lock = only(normalize([{ address: 'azurerm_management_lock.rg', values: { name: 'no-delete', scope: RG('rg-sec'), lock_level: 'CanNotDelete', notes: 'audit trail' } }]).resources, 'Microsoft.Authorization/locks');
    assert.equal(lock.scope, RG('rg-sec'));
    assert.deepEqual(lock.properties, { level: 'CanNotDelete', notes: 'audit trail' });
  });
});
