// Resource functions. Ids are built exactly as ARM builds them for the deployment's scope; anything
// that needs the live resource (reference, list*, providers, pickZones) goes to ctx.reference or is Unknown.

import { Unknown } from '../../../model';
import type { CallSite, FunctionDef } from '../evaluator';
import { expectString, fn } from './args';
import { preview } from '../values';

/** `Microsoft.Network/virtualNetworks/subnets` + [`vnet`, `snet`] → `Microsoft.Network/virtualNetworks/vnet/subnets/snet`. */
/** Resource types repeat across a template; their split is kept (bounded) instead of redone per call. */
const typeSegments = new Map<string, readonly string[]>();

function segmentsOf(type: string): readonly string[] {
  let segments = typeSegments.get(type);
  if (segments === undefined) {
    segments = type.split('/');
    if (typeSegments.size >= 4_096) typeSegments.clear();
    typeSegments.set(type, segments);
  }
  return segments;
}

/**
 * `type` with the names args[from…] interleaved: `ns/t1/n1/t2/n2`. A name may itself hold several
 * segments (`vnet/subnet`). The arguments are read in place: ids are built for nearly every resource.
 */
function typeAndNames(site: CallSite, type: string, args: readonly string[], from: number, typeArg: number): string {
  const segments = segmentsOf(type);
  if (segments.length < 2 || segments.includes('')) {
    site.fail(`argument ${typeArg + 1} must be a resource type such as 'Microsoft.Storage/storageAccounts', got '${type}'.`);
  }
  const expected = segments.length - 1;
  let simple = true;
  for (let i = from; i < args.length; i++) if (args[i]!.includes('/')) simple = false;
  if (!simple || args.length - from !== expected) {
    const names = args.slice(from);
    const nameSegments = simple ? names : names.flatMap((n) => n.split('/'));
    if (nameSegments.length !== expected) {
      site.fail(`the resource type '${type}' needs ${expected} name segment(s), got ${nameSegments.length} (${nameSegments.map((n) => `'${n}'`).join(', ')}).`);
    }
    let out = segments[0]!;
    for (let i = 1; i < segments.length; i++) out += `/${segments[i]}/${nameSegments[i - 1]}`;
    return out;
  }
  let out = segments[0]!;
  for (let i = 1; i < segments.length; i++) out += `/${segments[i]}/${args[from + i - 1]}`;
  return out;
}

/** The arguments, each checked to be a String (in order, so the first wrong one is named). */
function stringArgs(site: CallSite, args: unknown[]): string[] {
  for (let i = 0; i < args.length; i++) expectString(site, args, i);
  return args as string[];
}

/** Index of the resource type among the arguments: the first one containing '/'. */
function typeIndex(site: CallSite, args: readonly string[], maxPrefix: number): number {
  let i = 0;
  while (i < args.length && !args[i]!.includes('/')) i++;
  if (i === args.length) site.fail('none of the arguments is a resource type (such as \'Microsoft.Storage/storageAccounts\').');
  if (i > maxPrefix) site.fail(`expects at most ${maxPrefix} argument(s) before the resource type, got ${i}.`);
  if (i === args.length - 1) site.fail(`expects at least one resource name after the type '${args[i]}'.`);
  return i;
}

function resourceId(raw: unknown[], site: CallSite): string {
  const args = stringArgs(site, raw);
  const t = typeIndex(site, args, 2);
  const scope = site.ctx.scope;
  const tail = typeAndNames(site, args[t]!, args, t + 1, t);
  let subscriptionId = scope.subscriptionId;
  let group = scope.resourceGroup?.name;
  if (t === 2) {
    subscriptionId = args[0];
    group = args[1];
  } else if (t === 1) {
    group = args[0];
  }
  if (group !== undefined && subscriptionId === undefined) {
    site.fail(`names the resource group '${group}' but no subscription: this deployment targets the ${scope.targetScope} scope, so pass the subscription id too.`);
  }
  if (group !== undefined && subscriptionId !== undefined) {
    return `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/${tail}`;
  }
  if (subscriptionId !== undefined) return `/subscriptions/${subscriptionId}/providers/${tail}`;
  if (scope.targetScope === 'managementGroup' && scope.managementGroup !== undefined) {
    return `/providers/Microsoft.Management/managementGroups/${scope.managementGroup}/providers/${tail}`;
  }
  return `/providers/${tail}`;
}

function subscriptionResourceId(raw: unknown[], site: CallSite): string {
  const args = stringArgs(site, raw);
  const t = typeIndex(site, args, 1);
  const subscriptionId = t === 1 ? args[0] : site.ctx.scope.subscriptionId;
  if (subscriptionId === undefined) {
    site.fail(`needs a subscription id argument: this deployment targets the ${site.ctx.scope.targetScope} scope.`);
  }
  return `/subscriptions/${subscriptionId}/providers/${typeAndNames(site, args[t]!, args, t + 1, t)}`;
}

function tenantResourceId(raw: unknown[], site: CallSite): string {
  const args = stringArgs(site, raw);
  const t = typeIndex(site, args, 0);
  return `/providers/${typeAndNames(site, args[t]!, args, t + 1, t)}`;
}

function managementGroupResourceId(raw: unknown[], site: CallSite): string {
  const args = stringArgs(site, raw);
  const t = typeIndex(site, args, 1);
  const group = t === 1 ? args[0] : site.ctx.scope.managementGroup;
  if (group === undefined) {
    site.fail(`needs a management group name argument: this deployment targets the ${site.ctx.scope.targetScope} scope.`);
  }
  return `/providers/Microsoft.Management/managementGroups/${group}/providers/${typeAndNames(site, args[t]!, args, t + 1, t)}`;
}

function extensionResourceId(raw: unknown[], site: CallSite): string {
  const args = stringArgs(site, raw);
  const base = args[0]!;
  if (!base.startsWith('/')) site.fail(`argument 1 must be the id of the resource being extended, got '${base}'.`);
  if (args.length < 3 || !args[1]!.includes('/')) {
    site.fail('expects the extension resource type and at least one name after the resource id.');
  }
  return `${base.replace(/\/+$/, '')}/providers/${typeAndNames(site, args[1]!, args, 2, 1)}`;
}

function reference(args: unknown[], site: CallSite): unknown {
  const ctx = site.ctx;
  if (ctx.reference !== undefined) return ctx.reference(args[0], args[1], args[2]);
  return new Unknown(`reference(${preview(args[0])}) is only known after deployment`);
}

/** listKeys, listSecrets, listAccountSas, ...: any function whose name starts with `list`. */
export const listFunction: FunctionDef = fn(
  'list*',
  1,
  3,
  (args) => new Unknown(`list*(${preview(args[0])}) returns secrets or runtime state only known after deployment`),
  { acceptsUnknown: true },
);

export const resourceFunctions: FunctionDef[] = [
  fn('resourceId', 2, Infinity, resourceId),
  fn('subscriptionResourceId', 2, Infinity, subscriptionResourceId),
  fn('tenantResourceId', 2, Infinity, tenantResourceId),
  fn('managementGroupResourceId', 2, Infinity, managementGroupResourceId),
  fn('extensionResourceId', 3, Infinity, extensionResourceId),
  fn('reference', 1, 3, reference),
  fn('references', 1, 2, () => new Unknown('references() returns the state of deployed resources, only known after deployment'), { acceptsUnknown: true }),
  fn('roleDefinitions', 1, 1, () => new Unknown('roleDefinitions() resolves role names against Azure'), { acceptsUnknown: true }),
  fn('pickZones', 3, 5, () => new Unknown('pickZones() depends on the zones the region offers at deployment time'), { acceptsUnknown: true }),
  fn('providers', 1, 2, () => new Unknown('providers() depends on the resource providers registered in Azure'), { acceptsUnknown: true }),
];
