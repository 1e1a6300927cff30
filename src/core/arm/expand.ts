// Walks a template the way ARM deploys it: resources in order, copy loops unrolled, conditions applied,
// child resources flattened to their full type and name, nested deployments expanded in their own scope,
// every value evaluated. Each emitted resource keeps the JSON pointer of its declaration in the file.

import { InputError } from '../errors';
import { Unknown, isUnknown, type DeploymentContext, type NormalizedResource, type ScanNote } from '../model';
import { targetScopeOfTemplate } from './detect';
import {
  chargeCopyIteration,
  chargeSteps,
  evaluateCopyCount,
  evaluateTemplateString,
  evaluateTemplateValue,
  type Env,
  type LoopBinding,
  type Scope,
} from './evaluate';
import { childPointer, getOwn, hasOwn, isJsonObject, setOwn, type JsonObject } from './json';
import { readParametersFile, readSuppliedEntry, type SuppliedParameter } from './parameters';
import { parseRelativeResourceRef, resourceIdAt, resourceIdUnder, scopeId, splitProvidersForm, splitType } from './resource-ids';
import { buildParameters, buildUserFunctions, buildVariables, type ParameterSource } from './tables';
import { DEFAULT_LIMITS, type ArmScope, type EvaluationBudget } from './types';
import { ARM_MAX_COPY_COUNT } from './evaluate';
import { deploymentOutputReference, registerDeployment, type DeploymentOutputs } from './outputs';

export type ArmLimits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };

/** State of one expandArmTemplate call: budget, notes, and what later deployments need to know. */
interface Run {
  file: string;
  context: DeploymentContext;
  budget: EvaluationBudget;
  maxCopyCount: number;
  copyIterations: { remaining: number; readonly limit: number };
  notes: ScanNote[];
  noteKeys: Set<string>;
  /** Resource groups declared in the template, `sub/rg` lower-case → location, for nested deployments into them. */
  rgLocations: Map<string, string>;
  outputs: DeploymentOutputs;
}

/** One template being expanded: the top-level file or the inline template of a nested deployment. */
interface Frame {
  run: Run;
  template: JsonObject;
  /** JSON pointer of `template` in the original file. */
  base: string;
  /** What expressions see (shared with the parent when the nested deployment uses `outer` scope). */
  expr: Scope;
  /** Where resources are deployed: their ids are built against it. */
  deployScope: ArmScope;
  deploymentPath: string[];
  depth: number;
  /** languageVersion 2.0: symbolic name (lower case) → declaration. */
  symbols: Map<string, Decl> | undefined;
  symbolIds: Map<string, string[]>;
  resolving: Set<string>;
  /** Copy loops of the deployment resource, visible to an outer-scoped inner template. */
  loops: LoopBinding | undefined;
  /**
   * `dependsOn` may name a resource or a copy loop of the same template instead of giving an id;
   * those entries are resolved once the template is expanded, when every name is known.
   */
  emitted: { name: string; loop: string | undefined; id: string }[];
  bareDependencies: NormalizedResource[];
}

interface Decl {
  decl: unknown;
  pointer: string;
  symbol?: string;
}

interface Identity {
  type: string;
  name: string;
  id: string;
  scope?: string;
}

/** Extension resource types that, declared without `scope`, extend the deployment target itself. */
const TARGET_EXTENSION_TYPES = new Set(
  [
    'Microsoft.Authorization/roleAssignments',
    'Microsoft.Authorization/locks',
    'Microsoft.Authorization/policyAssignments',
    'Microsoft.Authorization/policyExemptions',
    'Microsoft.Insights/diagnosticSettings',
    'Microsoft.Security/pricings',
  ].map((t) => t.toLowerCase()),
);

const DEPLOYMENTS = 'microsoft.resources/deployments';
/** Total copy iterations per file, as a multiple of maxArrayLength: 1,000,000 by default, far above real templates. */
const COPY_ITERATIONS_PER_ARRAY = 10;
const RESOURCE_GROUPS = 'microsoft.resources/resourcegroups';

export interface ExpandRequest {
  file: string;
  template: unknown;
  parameters?: { file: string; value: unknown };
  context: DeploymentContext;
  limits?: Partial<ArmLimits>;
}

export function expand(req: ExpandRequest): { resources: NormalizedResource[]; notes: ScanNote[] } {
  const limits: ArmLimits = { ...DEFAULT_LIMITS, ...definedOnly(req.limits) };
  const { file, context } = req;
  if (!isJsonObject(req.template)) throw new InputError('an ARM template must be a JSON object', { file, pointer: '' });
  const run: Run = {
    file,
    context,
    budget: { steps: limits.steps, maxArrayLength: limits.maxArrayLength, maxStringLength: limits.maxStringLength, maxDepth: limits.maxDepth },
    maxCopyCount: Math.min(ARM_MAX_COPY_COUNT, limits.maxArrayLength),
    copyIterations: { remaining: limits.maxArrayLength * COPY_ITERATIONS_PER_ARRAY, limit: limits.maxArrayLength * COPY_ITERATIONS_PER_ARRAY },
    notes: [],
    noteKeys: new Set(),
    rgLocations: new Map(),
    outputs: new Map(),
  };
  const template = req.template;
  const scope = topScope(template, context);
  if (scope.targetScope === 'managementGroup') {
    note(run, 'info', '', `management-group template: the management group is assumed to be the tenant root group '${context.tenantId}'`);
  }
  const supplied = req.parameters ? readParametersFile(req.parameters.file, req.parameters.value) : new Map<string, SuppliedParameter>();
  const source: ParameterSource = {
    supplied,
    howToSupply: `pass it in a parameters file ({"parameters": {"{name}": {"value": …}}})${req.parameters ? ` such as ${req.parameters.file}` : ''}`,
  };
  const frame = ownScopeFrame(run, template, '', scope, source, [context.deploymentName], 0, limits.maxDepth);
  const out: NormalizedResource[] = [];
  expandFrame(frame, out);
  return { resources: out, notes: run.notes };
}

function definedOnly(limits: Partial<ArmLimits> | undefined): Partial<ArmLimits> {
  const out: Partial<ArmLimits> = {};
  if (limits === undefined) return out;
  for (const k of Object.keys(DEFAULT_LIMITS) as (keyof ArmLimits)[]) {
    const v = limits[k];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[k] = v;
  }
  return out;
}

function topScope(template: JsonObject, ctx: DeploymentContext): ArmScope {
  const targetScope = targetScopeOfTemplate(template);
  const common = { tenantId: ctx.tenantId, deploymentName: ctx.deploymentName, location: ctx.location };
  switch (targetScope) {
    case 'resourceGroup':
      return { ...common, targetScope, subscriptionId: ctx.subscriptionId, resourceGroup: { name: ctx.resourceGroup, location: ctx.location } };
    case 'subscription':
      return { ...common, targetScope, subscriptionId: ctx.subscriptionId };
    case 'managementGroup':
      return { ...common, targetScope, managementGroup: ctx.tenantId };
    case 'tenant':
      return { ...common, targetScope };
  }
}

function note(run: Run, level: ScanNote['level'], pointer: string, message: string): void {
  const key = `${level}\u0000${pointer}\u0000${message}`;
  if (run.noteKeys.has(key)) return;
  run.noteKeys.add(key);
  run.notes.push({ level, file: run.file, pointer, message });
}

/** A template with its own parameters and variables: the top level, or a nested deployment with `inner` scope. */
function ownScopeFrame(
  run: Run,
  template: JsonObject,
  base: string,
  scope: ArmScope,
  source: ParameterSource,
  deploymentPath: string[],
  depth: number,
  maxDepth: number,
): Frame {
  const frame = newFrame(run, template, base, undefined as unknown as Scope, scope, deploymentPath, depth, undefined);
  const env = (): Env => ({ scope: expr, loops: undefined });
  const params = buildParameters(template, base, run.file, source, env, maxDepth);
  const expr: Scope = {
    file: run.file,
    scope,
    budget: run.budget,
    maxCopyCount: run.maxCopyCount,
    copyIterations: run.copyIterations,
    parameter: params.lookup,
    variable: buildVariables(template, base, run.file, env, maxDepth),
    userFunction: buildUserFunctions(template, base, run.file),
    reference: (target, apiVersion, full) => referenceFrom(frame, target, apiVersion, full),
  };
  frame.expr = expr;
  // ARM validates every parameter before it deploys anything, used or not.
  for (const name of params.declared) params.lookup(name);
  return frame;
}

function newFrame(
  run: Run,
  template: JsonObject,
  base: string,
  expr: Scope,
  deployScope: ArmScope,
  deploymentPath: string[],
  depth: number,
  loops: LoopBinding | undefined,
): Frame {
  return {
    run,
    template,
    base,
    expr,
    deployScope,
    deploymentPath,
    depth,
    symbols: readSymbols(template, base),
    symbolIds: new Map(),
    resolving: new Set(),
    loops,
    emitted: [],
    bareDependencies: [],
  };
}

function readSymbols(template: JsonObject, base: string): Map<string, Decl> | undefined {
  const resources = getOwn(template, 'resources');
  if (!isJsonObject(resources)) return undefined;
  const map = new Map<string, Decl>();
  for (const symbol of Object.keys(resources)) {
    map.set(symbol.toLowerCase(), { decl: resources[symbol], pointer: childPointer(childPointer(base, 'resources'), symbol), symbol });
  }
  return map;
}

function declarationsOf(frame: Frame): Decl[] {
  const resources = getOwn(frame.template, 'resources');
  const pointer = childPointer(frame.base, 'resources');
  if (resources === undefined) return [];
  if (Array.isArray(resources)) return resources.map((decl, i) => ({ decl, pointer: childPointer(pointer, i) }));
  if (frame.symbols !== undefined) return [...frame.symbols.values()];
  throw new InputError('"resources" must be an array (or, with languageVersion 2.0, an object keyed by symbolic name)', {
    file: frame.run.file,
    pointer,
  });
}

function expandFrame(frame: Frame, out: NormalizedResource[]): void {
  expandDeclarations(frame, declarationsOf(frame), undefined, frame.loops, out);
  resolveBareDependencies(frame);
}

function remember(map: Map<string, string[]>, key: string, id: string): void {
  const k = key.toLowerCase();
  const list = map.get(k);
  if (list === undefined) map.set(k, [id]);
  else list.push(id);
}

/** Records what `dependsOn` entries of this template may call a deployed resource: its name and its copy loop. */
function recordEmitted(frame: Frame, decl: JsonObject, name: string, id: string): void {
  const loop = getOwn(getOwn(decl, 'copy'), 'name');
  frame.emitted.push({ name, loop: typeof loop === 'string' ? loop : undefined, id });
}

/** Indexes are only built for templates that need them: most compiled templates use resourceId() throughout. */
function resolveBareDependencies(frame: Frame): void {
  if (frame.bareDependencies.length === 0) return;
  const byName = new Map<string, string[]>();
  const byLoop = new Map<string, string[]>();
  for (const e of frame.emitted) {
    remember(byName, e.name, e.id);
    if (e.loop !== undefined) remember(byLoop, e.loop, e.id);
  }
  for (const r of frame.bareDependencies) {
    const resolved: string[] = [];
    for (const dep of r.dependsOn ?? []) {
      const key = dep.toLowerCase();
      const ids = byLoop.get(key) ?? byName.get(key);
      if (ids === undefined) resolved.push(dep);
      else for (const id of ids) resolved.push(id);
    }
    r.dependsOn = resolved;
  }
}

/**
 * Resources first, then nested deployments, so a deployment into a resource group declared in the same
 * template knows the group's location; the output keeps declaration order.
 */
function expandDeclarations(frame: Frame, decls: Decl[], parent: Identity | undefined, loops: LoopBinding | undefined, out: NormalizedResource[]): void {
  const slots: NormalizedResource[][] = new Array(decls.length);
  const deferred: number[] = [];
  for (let i = 0; i < decls.length; i++) {
    if (isDeploymentDecl(decls[i]!.decl)) {
      deferred.push(i);
      continue;
    }
    slots[i] = [];
    expandDeclaration(frame, decls[i]!, parent, loops, slots[i]!);
  }
  for (const i of deferred) {
    slots[i] = [];
    expandDeclaration(frame, decls[i]!, parent, loops, slots[i]!);
  }
  for (const slot of slots) for (const r of slot) out.push(r);
}

function isDeploymentDecl(decl: unknown): boolean {
  const type = getOwn(decl, 'type');
  return typeof type === 'string' && type.toLowerCase() === DEPLOYMENTS;
}

function expandDeclaration(frame: Frame, d: Decl, parent: Identity | undefined, loops: LoopBinding | undefined, out: NormalizedResource[]): void {
  const { run } = frame;
  if (!isJsonObject(d.decl)) throw new InputError('a resource must be a JSON object', { file: run.file, pointer: d.pointer });
  const decl = d.decl;
  // `existing` resources are references to something deployed elsewhere: they resolve, they are not scanned.
  if (getOwn(decl, 'existing') === true) return;
  // Bicep extensibility resources (Microsoft Graph, Kubernetes…) are deployed by their own provider, not ARM.
  const extension = getOwn(decl, 'extension') ?? getOwn(decl, 'import');
  if (typeof extension === 'string') {
    note(run, 'info', d.pointer, `resource of extension '${extension}' is not an Azure resource and was not scanned`);
    return;
  }
  chargeSteps(frame.expr, 1, d.pointer);
  const copy = getOwn(decl, 'copy');
  if (copy === undefined) {
    expandInstance(frame, d, parent, { scope: frame.expr, loops }, out);
    return;
  }
  const copyPointer = childPointer(d.pointer, 'copy');
  const count = resourceCopyCount(frame, copy, copyPointer, loops);
  if (count === undefined) return;
  const name = getOwn(copy, 'name') as string;
  for (let i = 0; i < count; i++) {
    chargeCopyIteration(frame.expr, copyPointer);
    expandInstance(frame, d, parent, { scope: frame.expr, loops: { name, index: i, resourceLoop: true, outer: loops } }, out);
  }
}

function resourceCopyCount(frame: Frame, copy: unknown, copyPointer: string, loops: LoopBinding | undefined): number | undefined {
  const file = frame.run.file;
  if (!isJsonObject(copy) || typeof getOwn(copy, 'name') !== 'string' || getOwn(copy, 'count') === undefined) {
    throw new InputError('a resource copy loop needs a "name" and a "count"', { file, pointer: copyPointer });
  }
  const count = evaluateCopyCount(getOwn(copy, 'count'), { scope: frame.expr, loops }, childPointer(copyPointer, 'count'));
  if (isUnknown(count)) {
    note(frame.run, 'error', childPointer(copyPointer, 'count'), `the copy count is only known at deployment (${count.reason}); the copies of this resource were not scanned`);
    return undefined;
  }
  return count;
}

/** Whether this instance is deployed: `condition` false skips it, Unknown deploys it with a note. */
function conditionHolds(frame: Frame, decl: JsonObject, pointer: string, env: Env): boolean {
  if (!hasOwn(decl, 'condition')) return true;
  const condPointer = childPointer(pointer, 'condition');
  const c = evaluateTemplateValue(decl.condition, env, condPointer);
  if (c === true) return true;
  if (c === false) return false;
  if (isUnknown(c)) {
    note(frame.run, 'warning', condPointer, `the condition is only known at deployment (${c.reason}); the resource is scanned as if it were deployed`);
    return true;
  }
  if (typeof c === 'string' && /^(true|false)$/i.test(c)) return c.toLowerCase() === 'true';
  throw new InputError(`a condition must be true or false, got ${JSON.stringify(c)}`, { file: frame.run.file, pointer: condPointer });
}

function expandInstance(frame: Frame, d: Decl, parent: Identity | undefined, env: Env, out: NormalizedResource[]): void {
  const decl = d.decl as JsonObject;
  if (isDeploymentDecl(decl)) {
    expandDeployment(frame, d, env, out);
    return;
  }
  const deployed = conditionHolds(frame, decl, d.pointer, env);
  const children = getOwn(decl, 'resources');
  if (!deployed && !Array.isArray(children)) return;
  const identity = identify(frame, d, parent, env, true);
  if (deployed) out.push(normalise(frame, d, identity, env));
  if (Array.isArray(children)) {
    // ARM does not cascade a parent's condition to its nested children.
    const childDecls = children.map((decl, j) => ({ decl, pointer: childPointer(childPointer(d.pointer, 'resources'), j) }));
    expandDeclarations(frame, childDecls, identity, env.loops, out);
  }
}

function evaluateStringField(frame: Frame, value: unknown, env: Env, pointer: string, what: string): string | Unknown {
  const v = evaluateTemplateValue(value, env, pointer);
  if (isUnknown(v) || typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new InputError(`${what} must be a string, got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`, { file: frame.run.file, pointer });
}

function isQualifiedType(type: string): boolean {
  const first = type.split('/')[0] ?? '';
  return first.includes('.');
}

/** Type, full name, id and (for extension resources) scope of one resource instance. */
function identify(frame: Frame, d: Decl, parent: Identity | undefined, env: Env, emitNotes: boolean): Identity {
  const { run } = frame;
  const decl = d.decl as JsonObject;
  const rawType = getOwn(decl, 'type');
  if (typeof rawType !== 'string' || rawType === '') {
    throw new InputError('a resource needs a "type"', { file: run.file, pointer: d.pointer });
  }
  const typeValue = evaluateStringField(frame, rawType, env, childPointer(d.pointer, 'type'), 'a resource type');
  if (isUnknown(typeValue)) throw new InputError(`a resource type must be known before deployment (${typeValue.reason})`, { file: run.file, pointer: childPointer(d.pointer, 'type') });
  let type = typeValue;
  if (!hasOwn(decl, 'name')) throw new InputError('a resource needs a "name"', { file: run.file, pointer: d.pointer });
  const namePointer = childPointer(d.pointer, 'name');
  const nameValue = evaluateStringField(frame, decl.name, env, namePointer, 'a resource name');
  let name: string;
  if (isUnknown(nameValue)) {
    if (emitNotes) note(run, 'warning', namePointer, `the resource name is only known at deployment (${nameValue.reason}); its id contains [unknown]`);
    const segments = isQualifiedType(type) ? splitType(type).segments.length : type.split('/').length;
    name = new Array(Math.max(1, segments)).fill('[unknown]').join('/');
  } else {
    name = nameValue;
  }

  const parentOf = parent ?? parentFromProperty(frame, decl, d.pointer, env);
  if (parentOf !== undefined) {
    if (!isQualifiedType(type)) {
      type = `${parentOf.type}/${type}`;
      name = `${parentOf.name}/${name}`;
    } else if (name.split('/').length < splitType(type).segments.length) {
      name = `${parentOf.name}/${name}`;
    }
  }

  let deployScope = frame.deployScope;
  if (getOwn(decl, 'existing') === true) deployScope = existingScope(frame, decl, d.pointer, env);

  const providersForm = splitProvidersForm(type, name);
  if (providersForm !== undefined) {
    const target = resourceIdAt(deployScope, providersForm.target.type, providersForm.target.name) ?? fallbackId(scopeId(deployScope), providersForm.target.type, providersForm.target.name);
    const ext = providersForm.extension;
    return { type: ext.type, name: ext.name, scope: target, id: resourceIdUnder(target, ext.type, ext.name) ?? fallbackId(target, ext.type, ext.name) };
  }

  if (hasOwn(decl, 'scope')) {
    const target = extensionTarget(frame, decl.scope, childPointer(d.pointer, 'scope'), env, deployScope, emitNotes);
    if (target !== undefined) {
      return { type, name, scope: target, id: checkedId(frame, resourceIdUnder(target, type, name), target, type, name, namePointer, emitNotes) };
    }
  }
  const id = checkedId(frame, resourceIdAt(deployScope, type, name), scopeId(deployScope), type, name, namePointer, emitNotes);
  if (TARGET_EXTENSION_TYPES.has(type.toLowerCase())) return { type, name, id, scope: scopeId(deployScope) };
  return { type, name, id };
}

function checkedId(frame: Frame, id: string | undefined, scope: string, type: string, name: string, pointer: string, emitNotes: boolean): string {
  if (id !== undefined) return id;
  if (emitNotes) {
    note(frame.run, 'error', pointer, `the name '${name}' has ${name.split('/').length} segment(s) but the type '${type}' needs ${splitType(type).segments.length}; ARM rejects this resource`);
  }
  return fallbackId(scope, type, name);
}

function fallbackId(scope: string, type: string, name: string): string {
  return `${scope === '/' ? '' : scope}/providers/${type}/${name}`;
}

/** languageVersion 2.0 `parent: "symbol"`. */
function parentFromProperty(frame: Frame, decl: JsonObject, pointer: string, env: Env): Identity | undefined {
  const parent = getOwn(decl, 'parent');
  if (parent === undefined) return undefined;
  const parentPointer = childPointer(pointer, 'parent');
  if (typeof parent !== 'string') throw new InputError('"parent" must be the symbolic name of a resource', { file: frame.run.file, pointer: parentPointer });
  const target = symbolIdentity(frame, parent, parentPointer, env);
  if (target === undefined) throw new InputError(`"parent" names '${parent}', which is not a resource of this template`, { file: frame.run.file, pointer: parentPointer });
  return target;
}

/** An `existing` resource in another subscription or resource group (`subscriptionId` / `resourceGroup` on it). */
function existingScope(frame: Frame, decl: JsonObject, pointer: string, env: Env): ArmScope {
  const sub = optionalString(frame, decl, 'subscriptionId', pointer, env);
  const rg = optionalString(frame, decl, 'resourceGroup', pointer, env);
  if (sub === undefined && rg === undefined) return frame.deployScope;
  const cur = frame.deployScope;
  const subscriptionId = sub ?? cur.subscriptionId ?? frame.run.context.subscriptionId;
  if (rg === undefined) return { ...cur, targetScope: 'subscription', subscriptionId, resourceGroup: undefined };
  return { ...cur, targetScope: 'resourceGroup', subscriptionId, resourceGroup: { name: rg, location: cur.location } };
}

function optionalString(frame: Frame, decl: JsonObject, key: string, pointer: string, env: Env): string | undefined {
  if (!hasOwn(decl, key)) return undefined;
  const p = childPointer(pointer, key);
  const v = evaluateStringField(frame, decl[key], env, p, `"${key}"`);
  if (isUnknown(v)) {
    note(frame.run, 'warning', p, `"${key}" is only known at deployment (${v.reason}); the current one is assumed`);
    return undefined;
  }
  return v === '' ? undefined : v;
}

/** The id an extension resource's `scope` names: a full id, the relative `ns/type/name` form, or a 2.0 symbolic name. */
function extensionTarget(frame: Frame, raw: unknown, pointer: string, env: Env, deployScope: ArmScope, emitNotes: boolean): string | undefined {
  if (typeof raw === 'string' && !raw.startsWith('[') && frame.symbols?.has(raw.toLowerCase())) {
    return symbolIdentity(frame, raw, pointer, env)?.id;
  }
  const v = evaluateStringField(frame, raw, env, pointer, '"scope"');
  if (isUnknown(v)) {
    if (emitNotes) note(frame.run, 'warning', pointer, `the scope is only known at deployment (${v.reason}); the extended resource is unknown`);
    return '[unknown]';
  }
  if (v === '') return undefined;
  if (v.startsWith('/')) return v.length > 1 && v.endsWith('/') ? v.slice(0, -1) : v;
  const rel = parseRelativeResourceRef(v);
  if (rel !== undefined) return resourceIdAt(deployScope, rel.type, rel.name);
  if (frame.symbols?.has(v.toLowerCase())) return symbolIdentity(frame, v, pointer, env)?.id;
  throw new InputError(`"scope" must be a resource id or 'Namespace/type/name', got ${JSON.stringify(v)}`, { file: frame.run.file, pointer });
}

/** Identity of a symbolic resource, for `parent` and `scope`: a single instance (the current copy index when it loops). */
function symbolIdentity(frame: Frame, symbol: string, pointer: string, env: Env): Identity | undefined {
  const d = frame.symbols?.get(symbol.toLowerCase());
  if (d === undefined) return undefined;
  const key = symbol.toLowerCase();
  if (frame.resolving.has(key)) throw new InputError(`resource '${symbol}' refers to itself through parent/scope`, { file: frame.run.file, pointer });
  frame.resolving.add(key);
  try {
    const decl = d.decl;
    if (!isJsonObject(decl)) throw new InputError('a resource must be a JSON object', { file: frame.run.file, pointer: d.pointer });
    const copy = getOwn(decl, 'copy');
    const loops = isJsonObject(copy) && typeof getOwn(copy, 'name') === 'string'
      ? { name: getOwn(copy, 'name') as string, index: safeCopyIndex(env), resourceLoop: true, outer: undefined }
      : undefined;
    return identify(frame, d, undefined, { scope: frame.expr, loops }, false);
  } finally {
    frame.resolving.delete(key);
  }
}

function safeCopyIndex(env: Env): number {
  for (let l = env.loops; l !== undefined; l = l.outer) if (l.resourceLoop) return l.index;
  return 0;
}

/** Ids of every instance of a symbolic resource (for `dependsOn: ["symbol"]`). */
function symbolIds(frame: Frame, symbol: string, pointer: string): string[] | undefined {
  const key = symbol.toLowerCase();
  const cached = frame.symbolIds.get(key);
  if (cached !== undefined) return cached;
  const d = frame.symbols?.get(key);
  if (d === undefined || !isJsonObject(d.decl)) return undefined;
  if (frame.resolving.has(key)) throw new InputError(`resource '${symbol}' depends on itself`, { file: frame.run.file, pointer });
  frame.resolving.add(key);
  try {
    const copy = getOwn(d.decl, 'copy');
    const ids: string[] = [];
    if (copy === undefined) {
      ids.push(identify(frame, d, undefined, { scope: frame.expr, loops: undefined }, false).id);
    } else {
      const copyPointer = childPointer(d.pointer, 'copy');
      const count = resourceCopyCount(frame, copy, copyPointer, undefined) ?? 0;
      const name = getOwn(copy, 'name') as string;
      for (let i = 0; i < count; i++) {
        ids.push(identify(frame, d, undefined, { scope: frame.expr, loops: { name, index: i, resourceLoop: true, outer: undefined } }, false).id);
      }
    }
    frame.symbolIds.set(key, ids);
    return ids;
  } finally {
    frame.resolving.delete(key);
  }
}

const OPTIONAL_FIELDS = ['location', 'kind', 'sku', 'identity'] as const;

function normalise(frame: Frame, d: Decl, identity: Identity, env: Env): NormalizedResource {
  const { run } = frame;
  const decl = d.decl as JsonObject;
  const r: NormalizedResource = { type: identity.type, name: identity.name, id: identity.id, properties: {}, source: { kind: 'arm', file: run.file, pointer: d.pointer } };
  if (hasOwn(decl, 'apiVersion')) {
    const api = evaluateStringField(frame, decl.apiVersion, env, childPointer(d.pointer, 'apiVersion'), 'apiVersion');
    r.apiVersion = isUnknown(api) ? String(api) : api;
  }
  for (const field of OPTIONAL_FIELDS) {
    if (hasOwn(decl, field)) r[field] = evaluateTemplateValue(decl[field], env, childPointer(d.pointer, field));
  }
  if (hasOwn(decl, 'tags')) {
    const p = childPointer(d.pointer, 'tags');
    const tags = evaluateTemplateValue(decl.tags, env, p);
    if (isUnknown(tags) || isJsonObject(tags)) r.tags = tags;
    else if (tags !== null) throw new InputError('"tags" must be an object', { file: run.file, pointer: p });
  }
  if (hasOwn(decl, 'properties')) {
    const p = childPointer(d.pointer, 'properties');
    const props = evaluateTemplateValue(decl.properties, env, p);
    if (isJsonObject(props)) r.properties = props;
    else if (isUnknown(props)) note(run, 'warning', p, `the properties are only known at deployment (${props.reason}); they were not scanned`);
    else if (props !== null) throw new InputError('"properties" must be an object', { file: run.file, pointer: p });
  }
  if (identity.scope !== undefined) r.scope = identity.scope;
  if (hasOwn(decl, 'dependsOn')) {
    const deps = dependencies(frame, decl.dependsOn, childPointer(d.pointer, 'dependsOn'), env);
    r.dependsOn = deps.ids;
    if (deps.bare) frame.bareDependencies.push(r);
  }
  recordEmitted(frame, decl, identity.name, identity.id);
  r.deploymentPath = frame.deploymentPath;
  if (identity.type.toLowerCase() === RESOURCE_GROUPS && typeof r.location === 'string' && frame.deployScope.subscriptionId !== undefined) {
    run.rgLocations.set(`${frame.deployScope.subscriptionId}/${identity.name}`.toLowerCase(), r.location);
  }
  return r;
}

/** `dependsOn` entries as ids where they can be resolved: symbolic names, `ns/type/name`, ids; bare names stay as written. */
function dependencies(frame: Frame, raw: unknown, pointer: string, env: Env): { ids: string[]; bare: boolean } {
  if (!Array.isArray(raw)) throw new InputError('"dependsOn" must be an array', { file: frame.run.file, pointer });
  const out: string[] = [];
  let bare = false;
  raw.forEach((entry, i) => {
    const p = childPointer(pointer, i);
    if (typeof entry === 'string' && !entry.startsWith('[') && frame.symbols?.has(entry.toLowerCase())) {
      for (const id of symbolIds(frame, entry, p) ?? []) out.push(id);
      return;
    }
    const v = evaluateTemplateValue(entry, env, p);
    if (isUnknown(v)) {
      out.push(String(v));
      return;
    }
    if (typeof v !== 'string') throw new InputError('a "dependsOn" entry must be a string', { file: frame.run.file, pointer: p });
    if (v.startsWith('/')) out.push(v);
    else {
      const rel = parseRelativeResourceRef(v);
      const id = rel === undefined ? undefined : resourceIdAt(frame.deployScope, rel.type, rel.name);
      if (id === undefined) bare = true;
      out.push(id ?? v);
    }
  });
  return { ids: out, bare };
}

// ---------------------------------------------------------------------------------------------------
// Nested deployments

function expandDeployment(frame: Frame, d: Decl, env: Env, out: NormalizedResource[]): void {
  const { run } = frame;
  const decl = d.decl as JsonObject;
  if (!conditionHolds(frame, decl, d.pointer, env)) return;
  const namePointer = childPointer(d.pointer, 'name');
  const nameValue = evaluateStringField(frame, getOwn(decl, 'name'), env, namePointer, 'a deployment name');
  let name: string;
  if (isUnknown(nameValue)) {
    note(run, 'warning', namePointer, `the deployment name is only known at deployment (${nameValue.reason})`);
    name = '[unknown]';
  } else name = nameValue;

  const propsPointer = childPointer(d.pointer, 'properties');
  const props = getOwn(decl, 'properties');
  if (!isJsonObject(props)) throw new InputError('a deployment needs "properties"', { file: run.file, pointer: d.pointer });
  const target = deploymentTarget(frame, decl, d.pointer, env, name);
  // ARM files a cross-scope deployment under its target scope, which is how Bicep's resourceId() names it.
  const deploymentId = resourceIdAt(target, 'Microsoft.Resources/deployments', name) ?? name;
  const parentScopeId = scopeId(frame.deployScope);
  recordEmitted(frame, decl, name, deploymentId);

  const template = getOwn(props, 'template');
  if (!isJsonObject(template)) {
    const link = getOwn(props, 'templateLink');
    if (link !== undefined) {
      note(run, 'error', childPointer(propsPointer, 'templateLink'), `nested deployment '${name}' uses a templateLink, which cannot be read here; its resources were not scanned`);
    } else {
      note(run, 'error', propsPointer, `nested deployment '${name}' has no inline template; its resources were not scanned`);
    }
    registerDeployment(run.outputs, deploymentId, parentScopeId, { name, outputs: undefined });
    return;
  }
  if (frame.depth + 1 > run.budget.maxDepth) {
    throw new InputError(`deployments are nested more than ${run.budget.maxDepth} levels deep`, { file: run.file, pointer: d.pointer });
  }
  const templatePointer = childPointer(propsPointer, 'template');
  const mode = getOwn(getOwn(props, 'expressionEvaluationOptions'), 'scope');
  const inner = typeof mode === 'string' && mode.toLowerCase() === 'inner';
  const path = [...frame.deploymentPath, name];

  let child: Frame;
  if (inner) {
    const supplied = nestedParameters(frame, getOwn(props, 'parameters'), childPointer(propsPointer, 'parameters'), env);
    const source: ParameterSource = {
      supplied,
      howToSupply: `pass it in the "parameters" of nested deployment '${name}'`,
      missingPointer: childPointer(propsPointer, 'parameters'),
    };
    child = ownScopeFrame(run, template, templatePointer, target, source, path, frame.depth + 1, run.budget.maxDepth);
  } else {
    if (isJsonObject(getOwn(props, 'parameters')) && Object.keys(getOwn(props, 'parameters') as JsonObject).length > 0) {
      note(run, 'warning', childPointer(propsPointer, 'parameters'), `nested deployment '${name}' evaluates in the outer scope, so ARM ignores its "parameters"`);
    }
    child = newFrame(run, template, templatePointer, frame.expr, target, path, frame.depth + 1, env.loops);
  }
  expandFrame(child, out);
  let evaluated: JsonObject | undefined;
  registerDeployment(run.outputs, deploymentId, parentScopeId, {
    name,
    outputs: () => (evaluated ??= evaluateOutputs(child, name, { scope: child.expr, loops: child.loops })),
  });
}

/**
 * A nested deployment's outputs, `{x: {type, value}}`. An output that cannot be evaluated here becomes
 * Unknown with a note rather than failing the scan: ARM only evaluates outputs after deploying.
 */
function evaluateOutputs(frame: Frame, deploymentName: string, env: Env): JsonObject {
  const declared = getOwn(frame.template, 'outputs');
  const result: JsonObject = {};
  if (!isJsonObject(declared)) return result;
  const outputsPointer = childPointer(frame.base, 'outputs');
  for (const key of Object.keys(declared)) {
    const decl = declared[key];
    const p = childPointer(outputsPointer, key);
    let value: unknown;
    try {
      if (hasOwn(decl as JsonObject, 'copy')) {
        value = evaluateTemplateValue({ copy: [{ name: key, ...(getOwn(decl, 'copy') as JsonObject) }] }, env, p);
        value = getOwn(value, key);
      } else {
        value = evaluateTemplateValue(getOwn(decl, 'value'), env, childPointer(p, 'value'));
      }
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      note(frame.run, 'warning', p, `output '${key}' of deployment '${deploymentName}' could not be evaluated (${e.message}); it is treated as unknown`);
      value = new Unknown(`output '${key}' of deployment '${deploymentName}'`);
    }
    const entry: JsonObject = {};
    setOwn(entry, 'type', getOwn(decl, 'type'));
    setOwn(entry, 'value', value);
    setOwn(result, key, entry);
  }
  return result;
}

/** `properties.parameters` of an inner-scoped deployment, evaluated in the outer template. */
function nestedParameters(frame: Frame, raw: unknown, pointer: string, env: Env): Map<string, SuppliedParameter> {
  const out = new Map<string, SuppliedParameter>();
  if (raw === undefined) return out;
  if (!isJsonObject(raw)) throw new InputError('"parameters" of a nested deployment must be an object', { file: frame.run.file, pointer });
  for (const name of Object.keys(raw)) {
    const p = childPointer(pointer, name);
    const entry = evaluateTemplateValue(raw[name], env, p);
    const value = isUnknown(entry) ? entry : readSuppliedEntry(entry, name, frame.run.file, p);
    const valuePointer = isJsonObject(raw[name]) && hasOwn(raw[name] as JsonObject, 'value') ? childPointer(p, 'value') : p;
    out.set(name.toLowerCase(), { name, value, file: frame.run.file, pointer: valuePointer });
  }
  return out;
}

/** Where a nested deployment runs: `resourceGroup` / `subscriptionId` / `scope` on the deployment resource. */
function deploymentTarget(frame: Frame, decl: JsonObject, pointer: string, env: Env, name: string): ArmScope {
  const { run } = frame;
  const cur = frame.deployScope;
  const sub = optionalString(frame, decl, 'subscriptionId', pointer, env);
  const rg = optionalString(frame, decl, 'resourceGroup', pointer, env);
  const scopeText = optionalString(frame, decl, 'scope', pointer, env);
  const location = optionalString(frame, decl, 'location', pointer, env);
  const base = { tenantId: cur.tenantId, deploymentName: name };
  if (rg !== undefined) {
    const subscriptionId = sub ?? cur.subscriptionId ?? run.context.subscriptionId;
    const rgLocation = resourceGroupLocation(frame, subscriptionId, rg, pointer);
    return { ...base, targetScope: 'resourceGroup', subscriptionId, resourceGroup: { name: rg, location: rgLocation }, location: rgLocation };
  }
  if (sub !== undefined) {
    return { ...base, targetScope: 'subscription', subscriptionId: sub, location: location ?? cur.location };
  }
  if (scopeText !== undefined) return scopeFromText(frame, scopeText, childPointer(pointer, 'scope'), base, location ?? cur.location);
  if (cur.targetScope === 'resourceGroup') return { ...cur, ...base };
  return { ...cur, ...base, location: location ?? cur.location };
}

function resourceGroupLocation(frame: Frame, subscriptionId: string, rg: string, pointer: string): string {
  const { run } = frame;
  const known = run.rgLocations.get(`${subscriptionId}/${rg}`.toLowerCase());
  if (known !== undefined) return known;
  const cur = frame.deployScope;
  if (cur.resourceGroup !== undefined && cur.subscriptionId === subscriptionId && cur.resourceGroup.name.toLowerCase() === rg.toLowerCase()) {
    return cur.resourceGroup.location;
  }
  note(run, 'info', childPointer(pointer, 'resourceGroup'), `resource group '${rg}' is not declared in this template; its location is assumed to be '${run.context.location}'`);
  return run.context.location;
}

const MANAGEMENT_GROUP_SCOPE = /^\/?providers\/Microsoft\.Management\/managementGroups\/([^/]+)\/?$/i;
const SUBSCRIPTION_SCOPE = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?\/?$/i;

function scopeFromText(frame: Frame, text: string, pointer: string, base: { tenantId: string; deploymentName: string }, location: string): ArmScope {
  if (text === '/') return { ...base, targetScope: 'tenant', location };
  const mg = MANAGEMENT_GROUP_SCOPE.exec(text) ?? /^Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(text);
  if (mg) return { ...base, targetScope: 'managementGroup', managementGroup: mg[1], location };
  const sub = SUBSCRIPTION_SCOPE.exec(text);
  if (sub) {
    if (sub[2] === undefined) return { ...base, targetScope: 'subscription', subscriptionId: sub[1], location };
    const rgLocation = resourceGroupLocation(frame, sub[1]!, sub[2], pointer);
    return { ...base, targetScope: 'resourceGroup', subscriptionId: sub[1], resourceGroup: { name: sub[2], location: rgLocation }, location: rgLocation };
  }
  throw new InputError(`the deployment "scope" ${JSON.stringify(text)} is not a tenant, management group, subscription or resource group`, {
    file: frame.run.file,
    pointer,
  });
}

/** `reference()` targets: nested deployment outputs where they can be evaluated, Unknown otherwise. */
function referenceFrom(frame: Frame, target: unknown, apiVersion: unknown, full: unknown): unknown {
  if (typeof target === 'string') {
    const deployment = deploymentOutputReference(frame.run.outputs, scopeId(frame.deployScope), target);
    if (deployment !== undefined) return deployment;
    if (frame.symbols?.has(target.toLowerCase())) {
      return new Unknown(`the runtime state of '${target}' is only known after deployment`);
    }
    return new Unknown(`reference('${target}') is only known after deployment`);
  }
  void apiVersion;
  void full;
  return new Unknown('reference() is only known after deployment');
}

export { evaluateTemplateString };
