// Resource ids exactly as ARM builds them. A full type `ns/t1/t2` with full name `n1/n2` gives
// `{scope}/providers/ns/t1/n1/t2/n2`; the scope prefix depends on where the deployment runs.

import type { ArmScope } from './types';

/** The id of the deployment target itself: `/subscriptions/s/resourceGroups/rg`, `/subscriptions/s`, the management group, or `/` for the tenant. */
export function scopeId(scope: ArmScope): string {
  // Every resource id is built on its scope's id: built once per scope object (scopes are never changed).
  let id = scopeIds.get(scope);
  if (id === undefined) {
    id = buildScopeId(scope);
    scopeIds.set(scope, id);
  }
  return id;
}

const scopeIds = new WeakMap<ArmScope, string>();

function buildScopeId(scope: ArmScope): string {
  switch (scope.targetScope) {
    case 'resourceGroup':
      return `/subscriptions/${scope.subscriptionId ?? ''}/resourceGroups/${scope.resourceGroup?.name ?? ''}`;
    case 'subscription':
      return `/subscriptions/${scope.subscriptionId ?? ''}`;
    case 'managementGroup':
      return `/providers/Microsoft.Management/managementGroups/${scope.managementGroup ?? ''}`;
    case 'tenant':
      return '/';
  }
}

export interface TypeAndName {
  /** `Microsoft.Network/virtualNetworks/subnets` */
  type: string;
  /** `vnet/subnet` */
  name: string;
}

/** Splits `Microsoft.Network/virtualNetworks/subnets` into the namespace and the type segments. */
export function splitType(type: string): { namespace: string; segments: string[] } {
  const parts = type.split('/');
  return { namespace: parts[0] ?? '', segments: parts.slice(1) };
}

/** `providers/ns/t1/n1/t2/n2` relative to a scope id, or undefined when the name has the wrong number of segments. */
export function providerPath(type: string, name: string): string | undefined {
  const firstSlash = type.indexOf('/');
  if (firstSlash <= 0) return undefined;
  // The common case, a top-level resource: one type segment and a name without '/'.
  if (type.indexOf('/', firstSlash + 1) < 0) return name.indexOf('/') < 0 ? `providers/${type}/${name}` : undefined;
  const { namespace, segments } = splitType(type);
  const names = name.split('/');
  if (names.length !== segments.length) return undefined;
  let path = `providers/${namespace}`;
  for (let i = 0; i < segments.length; i++) path += `/${segments[i]}/${names[i]}`;
  return path;
}

function joinScope(scope: string, rest: string): string {
  return scope.endsWith('/') ? `${scope}${rest}` : `${scope}/${rest}`;
}

const RESOURCE_GROUPS = 'microsoft.resources/resourcegroups';

/**
 * The id a resource of `type`/`name` gets when deployed at `scope`. Resource groups are the one
 * resource type whose id has no `providers` segment.
 */
export function resourceIdAt(scope: ArmScope, type: string, name: string): string | undefined {
  if (type.length === RESOURCE_GROUPS.length && type.toLowerCase() === RESOURCE_GROUPS && !name.includes('/')) {
    return `/subscriptions/${scope.subscriptionId ?? ''}/resourceGroups/${name}`;
  }
  return resourceIdUnder(scopeId(scope), type, name);
}

/** `{targetId}/providers/ns/t/n`: for extension resources and for ids under an arbitrary scope id. */
export function resourceIdUnder(targetId: string, type: string, name: string): string | undefined {
  const path = providerPath(type, name);
  return path === undefined ? undefined : joinScope(targetId, path);
}

/**
 * Reads the relative form `Microsoft.Storage/storageAccounts/sa[/blobServices/default…]` used by Bicep
 * for extension-resource scopes: namespace, then type/name pairs.
 */
export function parseRelativeResourceRef(ref: string): TypeAndName | undefined {
  const parts = ref.split('/');
  if (parts.length < 3 || parts.length % 2 === 0 || !parts[0]!.includes('.')) return undefined;
  const types = [parts[0]!];
  const names: string[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    types.push(parts[i]!);
    names.push(parts[i + 1]!);
  }
  if (names.some((n) => n === '') || types.some((t) => t === '')) return undefined;
  return { type: types.join('/'), name: names.join('/') };
}

/**
 * Older templates declare extension resources through their target:
 * type `Microsoft.Storage/storageAccounts/providers/diagnosticSettings`, name `sa/Microsoft.Insights/diag`.
 * Returns the target (`Microsoft.Storage/storageAccounts` `sa`) and the extension itself
 * (`Microsoft.Insights/diagnosticSettings` `diag`), or undefined when the type has no `providers` segment.
 */
const PROVIDERS_SEGMENT = /\/providers\//i;

export function splitProvidersForm(type: string, name: string): { target: TypeAndName; extension: TypeAndName } | undefined {
  if (!PROVIDERS_SEGMENT.test(type)) return undefined;
  const { namespace, segments } = splitType(type);
  const k = segments.findIndex((s) => s.toLowerCase() === 'providers');
  if (k <= 0 || k === segments.length - 1) return undefined;
  const names = name.split('/');
  // target names (k) + extension namespace (1) + extension names (segments after `providers`)
  if (names.length !== segments.length) return undefined;
  return {
    target: { type: [namespace, ...segments.slice(0, k)].join('/'), name: names.slice(0, k).join('/') },
    extension: { type: [names[k]!, ...segments.slice(k + 1)].join('/'), name: names.slice(k + 1).join('/') },
  };
}
