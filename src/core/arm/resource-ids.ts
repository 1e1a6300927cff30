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

/** Splits `Microsoft.Network/virtualNetworks/subnets` into the namespace and the type segments (kept per type, shared). */
export function splitType(type: string): { readonly namespace: string; readonly segments: readonly string[] } {
  return shapeOf(type);
}

/**
 * What ids need of a type string, worked out once per distinct type: templates declare a few types
 * thousands of times. Bounded; the entries are derived from the string alone.
 */
interface TypeShape {
  readonly namespace: string;
  /** The type segments after the namespace (never changed). */
  readonly segments: readonly string[];
  /** `Namespace/...` with a non-empty namespace: ids can be built for it. */
  readonly hasNamespace: boolean;
  /** The `{scope id}/providers/{type}/` of the scope id last used with a single-segment type. */
  lastScope: string | undefined;
  lastPrefix: string;
  /** The older providers form of the type (see splitProvidersForm), worked out on first use. */
  providers: ProvidersShape | undefined;
}

const shapes = new Map<string, TypeShape>();
const SHAPES_LIMIT = 4_096;

function shapeOf(type: string): TypeShape {
  let shape = shapes.get(type);
  if (shape === undefined) {
    const parts = type.split('/');
    shape = { namespace: parts[0] ?? '', segments: parts.slice(1), hasNamespace: type.indexOf('/') > 0, lastScope: undefined, lastPrefix: '', providers: undefined };
    if (shapes.size >= SHAPES_LIMIT) shapes.clear();
    shapes.set(type, shape);
  }
  return shape;
}

/** How many `/`-separated segments `name` has. */
function segmentCount(name: string): number {
  let n = 1;
  for (let i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) n++;
  return n;
}

/** `providers/ns/t1/n1/t2/n2` relative to a scope id, or undefined when the name has the wrong number of segments. */
export function providerPath(type: string, name: string): string | undefined {
  const shape = shapeOf(type);
  if (!shape.hasNamespace) return undefined;
  const segments = shape.segments;
  // The common case, a top-level resource: one type segment and a name without '/'.
  if (segments.length === 1) return name.indexOf('/') < 0 ? `providers/${type}/${name}` : undefined;
  if (segmentCount(name) !== segments.length) return undefined;
  let path = `providers/${shape.namespace}`;
  let from = 0;
  for (let i = 0; i < segments.length; i++) {
    const to = i === segments.length - 1 ? name.length : name.indexOf('/', from);
    path += `/${segments[i]}/${name.slice(from, to)}`;
    from = to + 1;
  }
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
  const shape = shapeOf(type);
  if (shape.hasNamespace && shape.segments.length === 1) {
    if (name.indexOf('/') >= 0) return undefined;
    // Resources of one type mostly share their scope: the id is then the kept prefix plus the name.
    if (shape.lastScope !== targetId) {
      shape.lastPrefix = joinScope(targetId, `providers/${type}/`);
      shape.lastScope = targetId;
    }
    return shape.lastPrefix + name;
  }
  const path = providerPath(type, name);
  return path === undefined ? undefined : joinScope(targetId, path);
}

/**
 * Reads the relative form `Microsoft.Storage/storageAccounts/sa[/blobServices/default…]` used by Bicep
 * for extension-resource scopes: namespace, then type/name pairs.
 */
export function parseRelativeResourceRef(ref: string): TypeAndName | undefined {
  // The common case, `Namespace/type/name`, is cut at its two slashes.
  const first = ref.indexOf('/');
  const second = first < 0 ? -1 : ref.indexOf('/', first + 1);
  if (second > 0 && ref.indexOf('/', second + 1) < 0) {
    const namespaceHasDot = ref.lastIndexOf('.', first - 1) >= 0;
    if (!namespaceHasDot || first === 0 || second === first + 1 || second === ref.length - 1) return undefined;
    return { type: ref.slice(0, second), name: ref.slice(second + 1) };
  }
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

/** The type side of the providers form: where `providers` is, and the two types it joins. */
interface ProvidersShape {
  /** Index of `providers` among the segments after the namespace; -1 when the form does not apply. */
  readonly k: number;
  readonly segments: number;
  readonly targetType: string;
  /** `/t1/t2` after the extension namespace. */
  readonly extensionRest: string;
  /** Extension types made so far, by extension namespace: the same few recur in every resource. */
  readonly extensionTypes: Map<string, string>;
}

const NOT_PROVIDERS_FORM: ProvidersShape = { k: -1, segments: 0, targetType: '', extensionRest: '', extensionTypes: new Map() };

function providersShapeOf(type: string): ProvidersShape {
  const shape = shapeOf(type);
  if (shape.providers !== undefined) return shape.providers;
  let providers = NOT_PROVIDERS_FORM;
  if (PROVIDERS_SEGMENT.test(type)) {
    const segments = shape.segments;
    const k = segments.findIndex((s) => s.toLowerCase() === 'providers');
    if (k > 0 && k !== segments.length - 1) {
      providers = {
        k,
        segments: segments.length,
        targetType: [shape.namespace, ...segments.slice(0, k)].join('/'),
        extensionRest: segments.slice(k + 1).map((s) => `/${s}`).join(''),
        extensionTypes: new Map(),
      };
    }
  }
  shape.providers = providers;
  return providers;
}

export function splitProvidersForm(type: string, name: string): { target: TypeAndName; extension: TypeAndName } | undefined {
  const shape = providersShapeOf(type);
  if (shape.k < 0) return undefined;
  // target names (k) + extension namespace (1) + extension names (segments after `providers`): the
  // name is cut at its k-th and (k+1)-th '/' rather than split and joined again.
  let slashes = 0;
  let targetEnd = -1;
  let namespaceEnd = -1;
  for (let i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
    slashes++;
    if (slashes === shape.k) targetEnd = i;
    else if (slashes === shape.k + 1) namespaceEnd = i;
  }
  if (slashes + 1 !== shape.segments) return undefined;
  const namespace = name.slice(targetEnd + 1, namespaceEnd);
  let extensionType = shape.extensionTypes.get(namespace);
  if (extensionType === undefined) {
    extensionType = `${namespace}${shape.extensionRest}`;
    if (shape.extensionTypes.size >= 64) shape.extensionTypes.clear();
    shape.extensionTypes.set(namespace, extensionType);
  }
  return {
    target: { type: shape.targetType, name: name.slice(0, targetEnd) },
    extension: { type: extensionType, name: name.slice(namespaceEnd + 1) },
  };
}
