// Governance and identity: resource groups, role assignments and custom role definitions, policy
// assignments at every scope, management locks, Defender for Cloud plans, user-assigned identities.

import { isUnknown, Unknown } from '../../model';
import { builtInRoleDefinitionId, builtInRoleGuid } from '../roles';
import { attr, constant, each, identity, ifPresent, nonEmpty, obj, parseJson, quietly, refId, type Spec, type TypeMapping } from '../spec';

const roleDefinitionId: Spec = (r) => {
  const byId = r.refId(['role_definition_id']);
  if (typeof byId === 'string') return byId;
  const name = attr('role_definition_name')(r);
  if (typeof name === 'string' && name !== '') {
    const guid = builtInRoleGuid(name);
    // The scope only places a built-in role's id; the role name is what decides it.
    const scope = quietly(r, () => r.refId(['scope']));
    if (guid) return builtInRoleDefinitionId(guid, typeof scope === 'string' ? scope : undefined, r.subscriptionId);
    return new Unknown(`${r.address}: role "${name}" is not a built-in role ControlTrace knows, so its definition id is known only after apply`);
  }
  return isUnknown(name) ? name : byId;
};

export const resourceGroup: TypeMapping = {
  armType: 'Microsoft.Resources/resourceGroups',
  apiVersion: '2024-03-01',
  id: { kind: 'resourceGroup' },
  properties: {
    managedBy: attr('managed_by', nonEmpty),
  },
};

export const roleAssignment: TypeMapping = {
  armType: 'Microsoft.Authorization/roleAssignments',
  apiVersion: '2022-04-01',
  id: { kind: 'extension', scope: 'scope' },
  location: false,
  tags: false,
  properties: {
    roleDefinitionId,
    principalId: attr('principal_id'),
    principalType: attr('principal_type', nonEmpty),
    description: attr('description', nonEmpty),
    condition: attr('condition', nonEmpty),
    conditionVersion: attr('condition_version', nonEmpty),
    delegatedManagedIdentityResourceId: attr('delegated_managed_identity_resource_id', nonEmpty),
  },
};

export const roleDefinition: TypeMapping = {
  armType: 'Microsoft.Authorization/roleDefinitions',
  apiVersion: '2022-04-01',
  id: { kind: 'extension', scope: 'scope', name: 'role_definition_id' },
  // The provider's id is `{id}|{scope}`; role_definition_resource_id is the ARM id.
  plannedId: 'role_definition_resource_id',
  location: false,
  tags: false,
  properties: {
    roleName: attr('name'),
    description: attr('description', nonEmpty),
    type: constant('CustomRole'),
    permissions: each(
      'permissions',
      obj({
        actions: attr('actions'),
        notActions: attr('not_actions'),
        dataActions: attr('data_actions'),
        notDataActions: attr('not_data_actions'),
      }),
    ),
    assignableScopes: attr('assignable_scopes'),
  },
};

const policyAssignment = (scopeAttribute: string): TypeMapping => ({
  armType: 'Microsoft.Authorization/policyAssignments',
  apiVersion: '2024-04-01',
  id: { kind: 'extension', scope: scopeAttribute },
  location: attr('location'),
  tags: false,
  identity,
  properties: {
    policyDefinitionId: refId('policy_definition_id'),
    displayName: attr('display_name', nonEmpty),
    description: attr('description', nonEmpty),
    enforcementMode: attr('enforce', (v) => (v === false ? 'DoNotEnforce' : v === true ? 'Default' : v)),
    parameters: attr('parameters', parseJson),
    notScopes: attr('not_scopes', nonEmpty),
  },
});

export const subscriptionPolicyAssignment = policyAssignment('subscription_id');
export const resourceGroupPolicyAssignment = policyAssignment('resource_group_id');
export const managementGroupPolicyAssignment = policyAssignment('management_group_id');
export const resourcePolicyAssignment = policyAssignment('resource_id');

export const managementLock: TypeMapping = {
  armType: 'Microsoft.Authorization/locks',
  apiVersion: '2020-05-01',
  id: { kind: 'extension', scope: 'scope' },
  location: false,
  tags: false,
  properties: {
    level: attr('lock_level'),
    notes: attr('notes', nonEmpty),
  },
};

export const securityPricing: TypeMapping = {
  armType: 'Microsoft.Security/pricings',
  apiVersion: '2024-01-01',
  id: { kind: 'subscription', name: 'resource_type' },
  location: false,
  tags: false,
  properties: {
    pricingTier: attr('tier'),
    subPlan: attr('subplan', nonEmpty),
    extensions: ifPresent('extension', each('extension', obj({ name: attr('name'), isEnabled: constant('True') }))),
  },
};

const onOff = (v: unknown): unknown => (typeof v === 'boolean' ? (v ? 'On' : 'Off') : v);

export const securityContact: TypeMapping = {
  armType: 'Microsoft.Security/securityContacts',
  apiVersion: '2020-01-01-preview',
  id: { kind: 'subscription', name: 'name' },
  location: false,
  tags: false,
  properties: {
    emails: attr('email'),
    phone: attr('phone', nonEmpty),
    'alertNotifications.state': attr('alert_notifications', onOff),
    'notificationsByRole.state': attr('alerts_to_admins', onOff),
  },
};

export const userAssignedIdentity: TypeMapping = {
  armType: 'Microsoft.ManagedIdentity/userAssignedIdentities',
  apiVersion: '2023-01-31',
  id: { kind: 'inResourceGroup' },
  properties: {},
};
