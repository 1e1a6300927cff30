// Which resources carry tags, and reading them the way ARM does (tag names are case-insensitive).

import type { NormalizedResource, ResolvedConfig } from '../model';
import { isUnknown, Unknown } from '../model';
import { read, textIn, typeKey } from './access';
import { extensionTarget } from '../scan/context';

/** Namespaces and types that do not support tags (extension, policy and security resources, deployments). */
const UNTAGGABLE_NAMESPACES = ['microsoft.authorization', 'microsoft.security', 'microsoft.policyinsights', 'microsoft.management', 'microsoft.subscription', 'microsoft.consumption', 'microsoft.blueprint'];
const UNTAGGABLE_TYPES = ['microsoft.insights/diagnosticsettings', 'microsoft.resources/deployments', 'microsoft.resources/tags'];

/** Child types that are tracked resources with tags of their own. */
const TAGGABLE_CHILD_TYPES = [
  'microsoft.machinelearningservices/workspaces/computes',
  'microsoft.machinelearningservices/workspaces/onlineendpoints',
  'microsoft.sql/servers/databases',
  'microsoft.sql/servers/elasticpools',
  'microsoft.synapse/workspaces/bigdatapools',
  'microsoft.synapse/workspaces/sqlpools',
  'microsoft.web/sites/slots',
];

export function isTaggable(r: NormalizedResource): boolean {
  const type = typeKey(r.type);
  const segments = type.split('/');
  if (UNTAGGABLE_NAMESPACES.includes(segments[0] ?? '')) return false;
  if (UNTAGGABLE_TYPES.includes(type)) return false;
  if (type.includes('/providers/')) return false;
  if (typeof r.scope === 'string' && r.scope !== '') return false;
  if (segments.length === 2) return extensionTarget(r) === undefined;
  return TAGGABLE_CHILD_TYPES.includes(type);
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
