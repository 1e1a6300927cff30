// MFA is enforced by Entra ID, not by a template; what a landing zone can declare, and an auditor can
// trace, is the Azure Policy assignment that audits or enforces MFA for Azure resource management.

import type { NormalizedResource } from '../model';
import { isUnknown } from '../model';
import { idKey, leafName, read, textEquals } from './access';
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

const mfaAssigned: Check = (r, ctx) => {
  const expected = 'an assignment of a built-in MFA policy (or the Microsoft cloud security benchmark)';
  if (textEquals(r.type, ASSIGNMENT)) {
    const def = mfaDefinitionOf(r);
    if (def === undefined) return [];
    const path = 'properties.policyDefinitionId';
    if (typeof def !== 'string') {
      const v = read(r, path);
      return isUnknown(v) ? [unknownOutcome(r, path, v, expected)] : [];
    }
    if (textEquals(read(r, 'properties.enforcementMode'), 'DoNotEnforce')) {
      return [failed(r, 'properties.enforcementMode', 'DoNotEnforce', "'Default'", `assigns '${def}' with enforcementMode 'DoNotEnforce', so it neither denies nor raises compliance state for MFA.`)];
    }
    return [passed(r, path, read(r, path), expected, `assigns '${def}'.`)];
  }
  // A subscription, management group or resource group that the scan creates: the MFA policy must be
  // assigned somewhere in the same scanned set.
  let unknownAssignment: NormalizedResource | undefined;
  for (const a of ctx.ofType(ASSIGNMENT)) {
    const def = mfaDefinitionOf(a);
    if (typeof def === 'string') return [withRelated(passed(r, 'policyAssignments', a.name, expected, `policy assignment '${a.name}' assigns '${def}'.`), a.id)];
    if (def !== undefined) unknownAssignment ??= a;
  }
  if (unknownAssignment) return [withRelated(needsReview(r, 'policyAssignments', undefined, expected, `policy assignment '${unknownAssignment.name}' has a definition only known after deployment; review whether it is the MFA policy.`), unknownAssignment.id)];
  return [failed(r, 'policyAssignments', undefined, expected, 'the scanned set creates this scope but assigns no built-in MFA policy anywhere in the set.')];
};

export const POLICY_CONTROLS = [
  control({
    id: 'ISRM.Policy.MFAAssignment',
    title: 'An Azure Policy assignment requires multi-factor authentication',
    rationale: 'Privileged access to regulated systems must use MFA (21 CFR 11.10(d), 11.300; Annex 11 §12.1). The policy assignment makes the requirement auditable and, in enforcement mode, blocks changes made without MFA.',
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
