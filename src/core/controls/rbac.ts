// Least privilege through groups: no broad privileged roles at subscription (or wider) scope, no
// direct assignments to user accounts, and no custom roles that grant every action.

import type { NormalizedResource } from '../model';
import { isUnknown } from '../model';
import { findUnknown, idKey, leafName, read, show, textEquals } from './access';
import { failed, needsReview, passed, unknownOutcome, type Check } from './checks';
import { control } from './define';
import { FW } from './frameworks';
import { containsUnknownText } from '../scan/context';

const ASSIGNMENT = 'Microsoft.Authorization/roleAssignments';
const DEFINITION = 'Microsoft.Authorization/roleDefinitions';
const DOCS = 'https://learn.microsoft.com/azure/role-based-access-control';

/** Built-in role definition ids (the same in every tenant). */
export const PRIVILEGED_ROLES: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168': 'Role Based Access Control Administrator',
};

/** The scope a role assignment applies at: its `scope`, else its id without the `/providers/Microsoft.Authorization/roleAssignments/<name>` tail. */
export function assignmentScope(r: NormalizedResource): string {
  if (typeof r.scope === 'string' && r.scope.trim() !== '') return r.scope;
  const at = r.id.toLowerCase().lastIndexOf('/providers/microsoft.authorization/roleassignments/');
  return at >= 0 ? r.id.slice(0, at) || '/' : r.id;
}

/** Subscription, management group or tenant root: scopes wider than a resource group. */
export function isBroadScope(scope: string): boolean {
  const k = idKey(scope);
  return k === '' || /^\/subscriptions\/[^/]+$/.test(k) || /^\/providers\/microsoft\.management\/managementgroups\/[^/]+$/.test(k);
}

const privilegedAtBroadScope: Check = (r) => {
  const expected = 'no Owner, Contributor, User Access Administrator or RBAC Administrator assignment at subscription or management group scope';
  const roleId = read(r, 'properties.roleDefinitionId');
  if (isUnknown(roleId)) return [unknownOutcome(r, 'properties.roleDefinitionId', roleId, expected)];
  const role = typeof roleId === 'string' ? PRIVILEGED_ROLES[leafName(roleId).toLowerCase()] : undefined;
  if (!role) return [passed(r, 'properties.roleDefinitionId', roleId, expected, `role ${typeof roleId === 'string' ? leafName(roleId) : show(roleId)} is not one of the broad privileged roles.`)];
  const scope = assignmentScope(r);
  if (containsUnknownText(scope)) return [needsReview(r, 'scope', scope, expected, `assigns ${role} at a scope only known after deployment (${scope}); review that it is not a subscription or management group.`)];
  if (isBroadScope(scope)) return [failed(r, 'properties.roleDefinitionId', roleId, expected, `assigns ${role} at ${scope === '' || scope === '/' ? 'tenant root' : `subscription or management group scope ${scope}`}; grant a narrower role at resource group or resource scope.`)];
  return [passed(r, 'properties.roleDefinitionId', roleId, expected, `assigns ${role} at the narrower scope ${scope}.`)];
};

const toGroups: Check = (r) => {
  const path = 'properties.principalType';
  const expected = "'Group' or 'ServicePrincipal'";
  const t = read(r, path);
  if (isUnknown(t)) return [unknownOutcome(r, path, t, expected)];
  if (t === undefined) return [needsReview(r, path, t, expected, 'principalType is not declared, so whether the principal is a user or a group cannot be told from the template; declare it.')];
  if (textEquals(t, 'User')) return [failed(r, path, t, expected, 'assigns a role directly to a user account; assign it to an Entra ID group so access is managed and reviewed through membership.')];
  return [passed(r, path, t, expected)];
};

const noWildcardActions: Check = (r) => {
  const path = 'properties.permissions';
  const expected = "no '*' in permissions[].actions or dataActions";
  const perms = read(r, path);
  const unknown = findUnknown(perms);
  if (unknown) return [unknownOutcome(r, path, unknown, expected)];
  const list = Array.isArray(perms) ? perms : [];
  for (let i = 0; i < list.length; i++) {
    // '*' in dataActions reads and writes every blob, secret, key and message at the role's scopes.
    for (const [key, what] of [['actions', 'action'], ['dataActions', 'data action']] as const) {
      const actions = read(list[i], key);
      if (Array.isArray(actions) && actions.some((a) => typeof a === 'string' && a.trim() === '*')) {
        return [failed(r, `${path}.${i}.${key}`, actions, expected, `custom role grants every ${what} ('*'); list the specific ${what}s the role needs.`)];
      }
    }
  }
  return [passed(r, path, undefined, expected, `custom role grants no wildcard ('*') action or data action.`)];
};

export const RBAC_CONTROLS = [
  control({
    id: 'ISRM.RBAC.NoPrivilegedSubscriptionRoles',
    title: 'No Owner, Contributor or access-administration roles at subscription scope',
    rationale: 'Broad privileged roles at subscription or management group scope give control over every resource and every access decision below it; least privilege grants narrower roles at resource group or resource scope.',
    remediation: 'Assign a narrower built-in role (for example Reader, or a data-plane role) at resource group or resource scope, and use Privileged Identity Management for just-in-time elevation.',
    snippet: "resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n  name: guid(rg.id, dataEngineersGroupId, readerRoleId)\n  properties: {\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')\n    principalId: dataEngineersGroupId\n    principalType: 'Group'\n  }\n}",
    severity: 'high',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [ASSIGNMENT],
    frameworks: FW.leastPrivilege(),
    helpUri: `${DOCS}/best-practices`,
    check: privilegedAtBroadScope,
  }),
  control({
    id: 'ISRM.RBAC.GroupAssignments',
    title: 'Roles are assigned to groups, not to individual users',
    rationale: 'Assignments to groups are granted and revoked through membership and access reviews; direct user assignments accumulate and escape review.',
    remediation: "Assign the role to an Entra ID group (principalType 'Group') or, for workloads, to a managed identity (principalType 'ServicePrincipal').",
    snippet: "properties: {\n  roleDefinitionId: roleId\n  principalId: groupObjectId\n  principalType: 'Group'\n}",
    severity: 'medium',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [ASSIGNMENT],
    frameworks: FW.leastPrivilege(),
    helpUri: `${DOCS}/best-practices`,
    check: toGroups,
  }),
  control({
    id: 'ISRM.RBAC.CustomRoleNoWildcard',
    title: "Custom roles do not grant all actions ('*')",
    rationale: "A custom role with '*' actions is equivalent to Owner at its assignable scopes, hidden behind a custom name; one with '*' data actions reads and changes every blob, secret, key and message there.",
    remediation: 'List the specific actions and data actions the role needs, or use a built-in role.',
    snippet: "resource role 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {\n  name: guid(subscription().id, 'data-operator')\n  properties: {\n    roleName: 'Data Operator'\n    type: 'CustomRole'\n    permissions: [ { actions: [ 'Microsoft.DataFactory/factories/pipelines/createrun/action' ], notActions: [] } ]\n    assignableScopes: [ resourceGroup().id ]\n  }\n}",
    severity: 'high',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [DEFINITION],
    frameworks: FW.leastPrivilege(),
    helpUri: `${DOCS}/custom-roles`,
    check: noWildcardActions,
  }),
];
