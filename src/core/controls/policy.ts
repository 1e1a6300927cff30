// MFA is enforced by Entra ID, not by a template; what a landing zone can declare, and an auditor can
// trace, is the Azure Policy assignment that audits or enforces MFA for Azure resource management.

import type { NormalizedResource, ScanContext } from '../model';
import { isUnknown } from '../model';
import { containsUnknownText, extensionTarget, unknownIdPattern } from '../scan/context';
import { idKey, isNonEmptyString, isType, leafName, read, resourceIdKey, textEquals } from './access';
import { failed, needsReview, passed, unknownOutcome, withRelated, type Check } from './checks';
import { control } from './define';
import { FW } from './frameworks';

const ASSIGNMENT = 'Microsoft.Authorization/policyAssignments';

/** Built-in policy definitions (and the initiative that contains them) that require MFA. Ids are the same in every tenant. */
export const MFA_POLICY_DEFINITIONS: Readonly<Record<string, string>> = {
  '4e6c27d5-a6ee-49cf-b2b4-d8fe90fa2b8b': 'Users must authenticate with multi-factor authentication to create or update resources',
  'db4a9d17-db75-4f46-9fcb-9f9526604417': 'Users must authenticate with multi-factor authentication to delete resources',
  'e3e008c3-56b9-4133-8fd7-d3347377402a': 'Accounts with owner permissions on Azure resources should be MFA enabled',
  '931e118d-50a1-4457-a5e4-78550e086c52': 'Accounts with write permissions on Azure resources should be MFA enabled',
  '81b3ccb4-e6e8-4e4a-8d05-5df25cd29fd4': 'Accounts with read permissions on Azure resources should be MFA enabled',
};

export const MFA_POLICY_SET_DEFINITIONS: Readonly<Record<string, string>> = {
  '1f3afdf9-d0c9-4c3d-847f-89da613e70a8': 'Microsoft cloud security benchmark',
};

/** The MFA definition an assignment refers to, by the built-in id at the end of policyDefinitionId. */
export function mfaDefinitionOf(assignment: NormalizedResource): string | undefined | { unknown: true } {
  const id = read(assignment, 'properties.policyDefinitionId');
  if (isUnknown(id)) return { unknown: true };
  if (typeof id !== 'string') return undefined;
  const key = leafName(idKey(id));
  const isSet = /\/policysetdefinitions\//i.test(id);
  return isSet ? MFA_POLICY_SET_DEFINITIONS[key] : MFA_POLICY_DEFINITIONS[key];
}

const EXPECTED = 'an assignment of a built-in MFA policy (or the Microsoft cloud security benchmark) at this scope or above it';
const RESOURCE_GROUP = 'Microsoft.Resources/resourceGroups';
const MANAGEMENT_GROUP = 'Microsoft.Management/managementGroups';
const MG_PREFIX = '/providers/microsoft.management/managementgroups/';

/**
 * The scope an assignment applies to, in idKey form: its `scope` (relative scopes resolved against the
 * deployment), else the part of its id before `/providers/Microsoft.Authorization/policyAssignments/`.
 * Undefined when neither says.
 */
function assignmentScope(a: NormalizedResource, ctx: ScanContext): string | undefined {
  const fromScope = extensionTarget(a, ctx.config)?.scope;
  if (fromScope !== undefined) return idKey(fromScope);
  if (typeof a.id !== 'string') return undefined;
  const key = idKey(a.id);
  const at = key.lastIndexOf('/providers/microsoft.authorization/policyassignments/');
  return at >= 0 ? key.slice(0, at) : undefined;
}

type Coverage = 'yes' | 'no' | 'maybe';

/** The management group a management group or subscription alias declares as its parent, as a key. */
function declaredParentGroup(r: NormalizedResource): string | undefined {
  const raw = isType(r, MANAGEMENT_GROUP) ? read(r, 'properties.details.parent.id') : read(r, 'properties.additionalProperties.managementGroupId');
  if (!isNonEmptyString(raw)) return undefined;
  const key = idKey(raw);
  return key.startsWith('/') ? key : `${MG_PREFIX}${key}`;
}

/**
 * Whether an assignment at `scope` covers the scope `target` creates. Resource groups and subscriptions
 * are covered by an assignment at themselves or at an enclosing id (the subscription of a group). A
 * management group above is only knowable when the scanned set declares the placement (a group's
 * parent, an alias's managementGroupId) or it is the tenant root group; otherwise it is `maybe`, as is an
 * assignment whose scope is only partly known.
 */
function covers(scope: string, target: NormalizedResource, ctx: ScanContext): Coverage {
  const targetKey = resourceIdKey(target);
  const partly = containsUnknownText(scope);
  if (!partly && (targetKey === scope || targetKey.startsWith(`${scope}/`))) return 'yes';
  if (partly) return unknownIdPattern(scope).test(targetKey) ? 'maybe' : 'no';
  if (!scope.startsWith(MG_PREFIX)) return 'no';
  if (scope === `${MG_PREFIX}${ctx.config.deployment.tenantId.toLowerCase()}`) return 'yes';
  // Walk the placement the scanned set declares, from the target upwards (bounded: management groups nest at most six deep).
  let cur: NormalizedResource | undefined = isType(target, RESOURCE_GROUP) ? undefined : target;
  for (let depth = 0; cur !== undefined && depth < 8; depth++) {
    const parent = declaredParentGroup(cur);
    // A management group declared without a parent sits directly under the tenant root group (checked above).
    if (parent === undefined) return isType(cur, MANAGEMENT_GROUP) ? 'no' : 'maybe';
    if (parent === scope) return 'yes';
    cur = ctx.byId(parent);
  }
  return 'maybe';
}

interface Judgement {
  status: 'pass' | 'unknown' | 'fail';
  assignment?: NormalizedResource;
  definition?: string;
}

/** The best MFA assignment for a scope: a covering MFA one, else one that may cover it or may be MFA. */
function judge(target: NormalizedResource, ctx: ScanContext): Judgement {
  let maybe: NormalizedResource | undefined;
  for (const a of ctx.ofType(ASSIGNMENT)) {
    const def = mfaDefinitionOf(a);
    if (def === undefined) continue;
    const scope = assignmentScope(a, ctx);
    const coverage: Coverage = scope === undefined ? 'maybe' : covers(scope, target, ctx);
    if (coverage === 'no') continue;
    if (typeof def === 'string' && coverage === 'yes') return { status: 'pass', assignment: a, definition: def };
    maybe ??= a;
  }
  return maybe ? { status: 'unknown', assignment: maybe } : { status: 'fail' };
}

/** `/subscriptions/<id>` of a resource group id, as a key; undefined for anything else. */
function subscriptionOf(key: string): string | undefined {
  const m = /^(\/subscriptions\/[^/]+)\/resourcegroups\/[^/]+$/.exec(key);
  return m ? m[1] : undefined;
}

// Resource groups of the scanned set without a covering MFA assignment, per subscription key and
// verdict ('fail', or 'unknown' with the assignment to review), in scan order: worked out once per
// context, so every group of a large set does not rescan the others.
const UNSETTLED = new WeakMap<ScanContext, Map<string, NormalizedResource[]>>();

function unsettledKey(sub: string, j: Judgement): string {
  return j.status === 'fail' ? `fail\u0000${sub}` : `unknown\u0000${sub}\u0000${j.assignment!.id}`;
}

function unsettledGroups(ctx: ScanContext): Map<string, NormalizedResource[]> {
  let groups = UNSETTLED.get(ctx);
  if (groups) return groups;
  groups = new Map();
  for (const g of ctx.ofType(RESOURCE_GROUP)) {
    const sub = subscriptionOf(resourceIdKey(g));
    const j = judge(g, ctx);
    if (sub === undefined || j.status === 'pass') continue;
    const key = unsettledKey(sub, j);
    const list = groups.get(key);
    if (list) list.push(g);
    else groups.set(key, [g]);
  }
  UNSETTLED.set(ctx, groups);
  return groups;
}

/**
 * The other groups of the same subscription with the same verdict, when `r` is the first of several;
 * undefined when `r` stands alone; an empty list when `r` is reported with an earlier group.
 */
function sameGapAs(r: NormalizedResource, j: Judgement, ctx: ScanContext): NormalizedResource[] | undefined {
  const sub = isType(r, RESOURCE_GROUP) ? subscriptionOf(resourceIdKey(r)) : undefined;
  if (sub === undefined) return undefined;
  const groups = unsettledGroups(ctx).get(unsettledKey(sub, j));
  if (!groups || groups.length < 2) return undefined;
  return groups[0] === r ? groups : [];
}

const mfaAssigned: Check = (r, ctx) => {
  if (isType(r, ASSIGNMENT)) {
    const def = mfaDefinitionOf(r);
    if (def === undefined) return [];
    const path = 'properties.policyDefinitionId';
    if (typeof def !== 'string') {
      const v = read(r, path);
      return isUnknown(v) ? [unknownOutcome(r, path, v, EXPECTED)] : [];
    }
    if (textEquals(read(r, 'properties.enforcementMode'), 'DoNotEnforce')) {
      return [failed(r, 'properties.enforcementMode', 'DoNotEnforce', "'Default'", `assigns '${def}' with enforcementMode 'DoNotEnforce', so it neither denies nor raises compliance state for MFA.`)];
    }
    return [passed(r, path, read(r, path), EXPECTED, `assigns '${def}'.`)];
  }
  // A subscription, management group or resource group that the scanned set creates: an MFA policy
  // must be assigned at it or at a scope that contains it.
  const j = judge(r, ctx);
  if (j.status === 'pass') return [withRelated(passed(r, 'policyAssignments', j.assignment!.name, EXPECTED, `policy assignment '${j.assignment!.name}' assigns '${j.definition}' at a scope that contains it.`), j.assignment!.id)];
  // Resource groups of one subscription with the same gap are one finding, the subscription's:
  // reported once, on the first such group, naming them all, rather than once per group.
  const same = sameGapAs(r, j, ctx);
  if (same !== undefined && same.length === 0) return [];
  const names = same?.map((g) => `'${g.name}'`).join(', ');
  const sub = same ? subscriptionOf(resourceIdKey(r))!.slice('/subscriptions/'.length) : undefined;
  if (j.status === 'unknown') {
    const a = j.assignment!;
    const where = same ? `subscription '${sub}' and its ${same.length} resource groups the scanned set creates (${names})` : 'this scope';
    return [withRelated(needsReview(r, 'policyAssignments', undefined, EXPECTED, `policy assignment '${a.name}' has a definition or scope only known after deployment, or sits at a management group the scanned set does not place ${same ? 'them' : 'this scope'} under; review whether it assigns the MFA policy to ${where}.`), a.id)];
  }
  if (same) {
    return [failed(r, 'policyAssignments', undefined, EXPECTED, `no built-in MFA policy is assigned at subscription '${sub}' or above, nor at its ${same.length} resource groups the scanned set creates (${names}); one assignment at the subscription covers them all.`)];
  }
  return [failed(r, 'policyAssignments', undefined, EXPECTED, 'the scanned set creates this scope but assigns no built-in MFA policy at it or at a scope above it.')];
};

export const POLICY_CONTROLS = [
  control({
    id: 'ISRM.Policy.MFAAssignment',
    title: 'An Azure Policy assignment requires multi-factor authentication',
    rationale: "Privileged access to regulated systems must use MFA (21 CFR 11.10(d), 11.300; Annex 11 §12.1). The policy assignment makes the requirement auditable and, in enforcement mode, blocks changes made without MFA. A scope the scanned set creates passes only when an MFA assignment covers it: at that scope, at an enclosing one (a group's subscription), or at a management group the set places it under (or the tenant root group); an assignment at a management group whose placement the set does not declare needs review. Resource groups of one subscription without cover are one gap, the subscription's: they are reported once, on the first such group, with the message naming every uncovered group, because one assignment at the subscription closes it.",
    remediation: "Assign the built-in 'Users must authenticate with multi-factor authentication to create or update resources' (4e6c27d5-a6ee-49cf-b2b4-d8fe90fa2b8b) and '... to delete resources' (db4a9d17-db75-4f46-9fcb-9f9526604417) at the subscription or management group the landing zone lives in.",
    snippet: "resource mfa 'Microsoft.Authorization/policyAssignments@2024-04-01' = {\n  name: 'require-mfa-create-update'\n  properties: {\n    displayName: 'Users must authenticate with MFA to create or update resources'\n    policyDefinitionId: tenantResourceId('Microsoft.Authorization/policyDefinitions', '4e6c27d5-a6ee-49cf-b2b4-d8fe90fa2b8b')\n    enforcementMode: 'Default'\n  }\n}",
    severity: 'high',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [ASSIGNMENT, 'Microsoft.Resources/resourceGroups', 'Microsoft.Subscription/aliases', 'Microsoft.Management/managementGroups'],
    frameworks: FW.mfa(),
    azurePolicy: 'Users must authenticate with multi-factor authentication to create or update resources',
    helpUri: 'https://learn.microsoft.com/entra/identity/authentication/concept-mandatory-multifactor-authentication',
    check: mfaAssigned,
  }),
];
