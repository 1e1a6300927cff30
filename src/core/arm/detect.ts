// Recognising ARM files by content, not by file name: `az bicep build` output, exported templates and
// hand-written ones all carry a `$schema`, but older hand-written templates sometimes only have
// `resources` plus `contentVersion`.

import { getOwn, isJsonObject } from './json';
import type { TargetScope } from './types';

const TEMPLATE_SCHEMA = /deploymentTemplate\.json#?$/i;
const PARAMETERS_SCHEMA = /deploymentParameters\.json#?$/i;

function schemaOf(json: unknown): string | undefined {
  const s = getOwn(json, '$schema');
  return typeof s === 'string' ? s.trim() : undefined;
}

export function isArmTemplate(json: unknown): boolean {
  if (!isJsonObject(json)) return false;
  const schema = schemaOf(json);
  if (schema !== undefined && TEMPLATE_SCHEMA.test(schema)) return true;
  if (schema !== undefined && PARAMETERS_SCHEMA.test(schema)) return false;
  const resources = getOwn(json, 'resources');
  return typeof getOwn(json, 'contentVersion') === 'string' && (Array.isArray(resources) || isJsonObject(resources));
}

export function isArmParametersFile(json: unknown): boolean {
  const schema = schemaOf(json);
  return schema !== undefined && PARAMETERS_SCHEMA.test(schema);
}

const SCOPE_BY_SCHEMA: readonly [RegExp, TargetScope][] = [
  [/subscriptionDeploymentTemplate\.json/i, 'subscription'],
  [/managementGroupDeploymentTemplate\.json/i, 'managementGroup'],
  [/tenantDeploymentTemplate\.json/i, 'tenant'],
];

/** The scope a template is written for, read from its `$schema` (resource group when it says nothing else). */
export function targetScopeOfTemplate(json: unknown): TargetScope {
  const schema = schemaOf(json);
  if (schema !== undefined) {
    for (const [pattern, scope] of SCOPE_BY_SCHEMA) if (pattern.test(schema)) return scope;
  }
  return 'resourceGroup';
}
