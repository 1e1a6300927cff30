// Walks a template the way ARM deploys it: resources in order, copy loops unrolled, conditions applied,
// child resources flattened to their full type and name, nested deployments expanded in their own scope,
// every value evaluated. Each emitted resource keeps the JSON pointer of its declaration in the file.

import { InputError } from '../errors';
import { isUnknown, type DeploymentContext, type NormalizedResource, type ScanNote, type Unknown } from '../model';
import { expandDeployment } from './deployments';
import { targetScopeOfTemplate } from './detect';
import { ARM_MAX_COPY_COUNT, chargeCopyIteration, chargeSteps, evaluateMember, evaluateTemplateValue, type Env, type LoopBinding } from './evaluate';
import { HAS_API_VERSION, HAS_CONDITION, HAS_DEPENDS_ON, HAS_IDENTITY, HAS_KIND, HAS_LOCATION, HAS_PROPERTIES, HAS_SKU, HAS_TAGS, conditionHolds, declarationsOf, sharedId, elementDecls, evaluateStringField, evaluateStringMember, fieldsOf, note, ownScopeFrame, recordEmitted, resourceCopyCount, type Decl, type Frame, type Identity, type Run } from './frame';
import { identify, symbolIds } from './identity';
import { childPointer, getOwn, isJsonObject, type JsonObject } from './json';
import { readParametersFile, type SuppliedParameter } from './parameters';
import { parseRelativeResourceRef, resourceIdAt } from './resource-ids';
import type { ParameterSource } from './tables';
import { DEFAULT_LIMITS, type ArmScope } from './types';

export type ArmLimits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };

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


/** Indexes are only built for templates that need them: most compiled templates use resourceId() throughout. */
function resolveBareDependencies(frame: Frame): void {
  if (frame.bareDependencies.length === 0) return;
  const byName = new Map<string, string[]>();
  const byLoop = new Map<string, string[]>();
  const emitted = frame.emitted;
  for (let i = 0; i < emitted.length; i += 3) {
    const name = emitted[i]!;
    const loop = emitted[i + 1];
    const id = emitted[i + 2]!;
    remember(byName, name, id);
    if (loop !== undefined) remember(byLoop, loop, id);
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
 * In declaration order. Two things are looked up ahead, because ARM orders by dependencies rather than by
 * position: the locations of resource groups declared here (a nested deployment into one needs it), and
 * the names of nested deployments (a `reference()` to one expands it early so its outputs are known).
 */
function expandDeclarations(
  frame: Frame,
  decls: Decl[],
  parent: Identity | undefined,
  loops: LoopBinding | undefined,
  out: NormalizedResource[],
  childDepth = 0,
): void {
  // Declarations are expanded straight into `out` in order; one expanded ahead of its turn (through a
  // reference() to a nested deployment) fills a slot of its own, appended when its turn comes.
  // Child resources are never looked up ahead.
  let slots: (NormalizedResource[] | undefined)[] | undefined;
  if (parent === undefined) {
    const ahead = (slots = new Array<NormalizedResource[] | undefined>(decls.length));
    lookAhead(frame, decls, loops, (i) => {
      if (ahead[i] !== undefined) return;
      const slot: NormalizedResource[] = [];
      ahead[i] = slot;
      expandDeclaration(frame, decls[i]!, parent, loops, slot, childDepth);
    });
  }
  // A failure leaves `out` as it found it: what was expanded of these declarations is not kept.
  const mark = out.length;
  try {
    for (let i = 0; i < decls.length; i++) {
      if (slots !== undefined) {
        const early = slots[i];
        if (early !== undefined) {
          for (const r of early) out.push(r);
          continue;
        }
        slots[i] = IN_PLACE;
      }
      expandDeclaration(frame, decls[i]!, parent, loops, out, childDepth);
    }
  } catch (e) {
    out.length = mark;
    throw e;
  }
}

/** Marks a declaration expanded in turn, straight into the output (never written to). */
const IN_PLACE: NormalizedResource[] = [];

function lookAhead(frame: Frame, decls: Decl[], loops: LoopBinding | undefined, expandAt: (i: number) => void): void {
  const env: Env = { scope: frame.expr, loops };
  decls.forEach((d, i) => {
    if (!isJsonObject(d.decl)) return;
    const f = fieldsOf(d);
    if (f.copy !== undefined || f.existing === true) return;
    const type = f.type;
    if (typeof type !== 'string' || (type.length !== DEPLOYMENTS.length && type.length !== RESOURCE_GROUPS.length)) return;
    const kind = type.toLowerCase();
    if (kind !== DEPLOYMENTS && kind !== RESOURCE_GROUPS) return;
    // What cannot be evaluated here fails (with its message) when the declaration itself is expanded.
    const name = quietly(() => evaluateStringField(frame, f.name, env, childPointer(d.pointer, 'name'), 'a name'));
    if (typeof name !== 'string') return;
    if (kind === DEPLOYMENTS) {
      frame.pendingDeployments.set(name.toLowerCase(), () => expandAt(i));
      return;
    }
    const location = (f.present & HAS_LOCATION) !== 0 ? quietly(() => evaluateTemplateValue(f.location, env, childPointer(d.pointer, 'location'))) : undefined;
    if (typeof location === 'string' && frame.deployScope.subscriptionId !== undefined) {
      frame.run.rgLocations.set(`${frame.deployScope.subscriptionId}/${name}`.toLowerCase(), location);
    }
  });
}

function quietly<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) return undefined;
    throw e;
  }
}

function isDeploymentType(type: unknown): boolean {
  return typeof type === 'string' && type.length === DEPLOYMENTS.length && type.toLowerCase() === DEPLOYMENTS;
}

function expandDeclaration(frame: Frame, d: Decl, parent: Identity | undefined, loops: LoopBinding | undefined, out: NormalizedResource[], childDepth: number): void {
  const { run } = frame;
  if (!isJsonObject(d.decl)) throw new InputError('a resource must be a JSON object', { file: run.file, pointer: d.pointer });
  const f = fieldsOf(d);
  // `existing` resources are references to something deployed elsewhere: they resolve, they are not scanned.
  if (f.existing === true) return;
  // Bicep extensibility resources (Microsoft Graph, Kubernetes…) are deployed by their own provider, not ARM.
  const extension = f.extension ?? f.import;
  if (typeof extension === 'string') {
    note(run, 'info', d.pointer, `resource of extension '${extension}' is not an Azure resource and was not scanned`);
    return;
  }
  chargeSteps(frame.expr, 1, d.pointer);
  const copy = f.copy;
  if (copy === undefined) {
    // Envs are never changed: the declarations outside any loop of their own share one per template.
    const env = loops === frame.loops ? (frame.env ??= { scope: frame.expr, loops }) : { scope: frame.expr, loops };
    expandInstance(frame, d, parent, env, out, childDepth);
    return;
  }
  const copyPointer = childPointer(d.pointer, 'copy');
  const count = resourceCopyCount(frame, copy, copyPointer, loops);
  if (count === undefined) return;
  const name = getOwn(copy, 'name') as string;
  for (let i = 0; i < count; i++) {
    chargeCopyIteration(frame.expr, copyPointer);
    expandInstance(frame, d, parent, { scope: frame.expr, loops: { name, index: i, resourceLoop: true, outer: loops } }, out, childDepth);
  }
}

function expandInstance(frame: Frame, d: Decl, parent: Identity | undefined, env: Env, out: NormalizedResource[], childDepth: number): void {
  const decl = d.decl as JsonObject;
  const f = fieldsOf(d);
  if (isDeploymentType(f.type)) {
    expandDeployment(frame, d, env, out, expandFrame);
    return;
  }
  const deployed = (f.present & HAS_CONDITION) === 0 || conditionHolds(frame, decl, d.pointer, env);
  const children = f.resources;
  if (!deployed && !Array.isArray(children)) return;
  const identity = identify(frame, d, parent, env, true);
  if (deployed) out.push(normalise(frame, d, identity, env));
  if (Array.isArray(children)) {
    // ARM does not cascade a parent's condition to its nested children.
    const childDecls = (d.children ??= elementDecls(children, childPointer(d.pointer, 'resources')));
    if (childDepth + 1 > frame.run.budget.maxDepth) {
      throw new InputError(`child resources are nested more than ${frame.run.budget.maxDepth} levels deep`, { file: frame.run.file, pointer: d.pointer });
    }
    expandDeclarations(frame, childDecls, identity, env.loops, out, childDepth + 1);
  }
}

function normalise(frame: Frame, d: Decl, identity: Identity, env: Env): NormalizedResource {
  const { run } = frame;
  const decl = d.decl as JsonObject;
  const f = fieldsOf(d);
  const base = d.pointer;
  // Fields are evaluated in declaration order (which error or note comes first), then the resource is
  // built in one go, its keys in that same order.
  let apiVersion: string | undefined;
  if ((f.present & HAS_API_VERSION) !== 0) {
    const api = evaluateStringMember(frame, f.apiVersion, env, base, 'apiVersion', 'apiVersion');
    apiVersion = isUnknown(api) ? String(api) : api;
  }
  const hasLocation = (f.present & HAS_LOCATION) !== 0;
  const location = hasLocation ? evaluateMember(f.location, env, base, 'location') : undefined;
  const hasKind = (f.present & HAS_KIND) !== 0;
  const kind = hasKind ? evaluateMember(f.kind, env, base, 'kind') : undefined;
  const hasSku = (f.present & HAS_SKU) !== 0;
  const sku = hasSku ? evaluateMember(f.sku, env, base, 'sku') : undefined;
  const hasIdentity = (f.present & HAS_IDENTITY) !== 0;
  const identityValue = hasIdentity ? evaluateMember(f.identity, env, base, 'identity') : undefined;
  let tags: JsonObject | Unknown | undefined;
  if ((f.present & HAS_TAGS) !== 0) {
    const value = evaluateMember(f.tags, env, base, 'tags');
    if (isUnknown(value) || isJsonObject(value)) tags = value;
    else if (value !== null) throw new InputError('"tags" must be an object', { file: run.file, pointer: childPointer(base, 'tags') });
  }
  let properties: JsonObject | undefined;
  if ((f.present & HAS_PROPERTIES) !== 0) {
    const props = evaluateMember(f.properties, env, base, 'properties');
    if (isJsonObject(props)) properties = props;
    else if (isUnknown(props)) note(run, 'warning', childPointer(base, 'properties'), `the properties are only known at deployment (${props.reason}); they were not scanned`);
    else if (props !== null) throw new InputError('"properties" must be an object', { file: run.file, pointer: childPointer(base, 'properties') });
  }
  // Every instance of a declaration (copy loop) has the same source; nothing writes into it.
  const source = (d.source ??= { kind: 'arm', file: run.file, pointer: base });
  const r = new PlainResource(identity.type, identity.name, identity.id, properties ?? {}, source);
  if (apiVersion !== undefined) r.apiVersion = apiVersion;
  if (hasLocation) r.location = location;
  if (hasKind) r.kind = kind;
  if (hasSku) r.sku = sku;
  if (hasIdentity) r.identity = identityValue;
  if (tags !== undefined) r.tags = tags;
  if (identity.scope !== undefined) r.scope = identity.scope;
  if ((f.present & HAS_DEPENDS_ON) !== 0) r.dependsOn = dependencies(frame, r, f.dependsOn, base, env);
  recordEmitted(frame, decl, identity.name, identity.id);
  // One array per template: every resource of it has the same path, and nothing writes into it.
  r.deploymentPath = frame.deploymentPath;
  if (typeof location === 'string' && identity.type.length === RESOURCE_GROUPS.length && identity.type.toLowerCase() === RESOURCE_GROUPS && frame.deployScope.subscriptionId !== undefined) {
    run.rgLocations.set(`${frame.deployScope.subscriptionId}/${identity.name}`.toLowerCase(), location);
  }
  return r;
}

/**
 * Makes the plain object of a resource. Through `new` rather than a literal, so that V8 reserves room in
 * the object itself for the members added after the first five (apiVersion … deploymentPath), instead
 * of growing a separate property store for each resource. Its prototype is Object.prototype: the result
 * is an ordinary object, indistinguishable from the literal.
 */
const PlainResource = function PlainResource(this: NormalizedResource, type: string, name: string, id: string, properties: JsonObject, source: NormalizedResource['source']) {
  this.type = type;
  this.name = name;
  this.id = id;
  this.properties = properties;
  this.source = source;
} as unknown as new (type: string, name: string, id: string, properties: JsonObject, source: NormalizedResource['source']) => NormalizedResource;
PlainResource.prototype = Object.prototype;

/**
 * `dependsOn` entries as ids where they can be resolved: symbolic names, `ns/type/name`, ids; bare names
 * stay as written, and `r` is queued to have them resolved once the template is expanded.
 */
function dependencies(frame: Frame, r: NormalizedResource, raw: unknown, base: string, env: Env): string[] {
  if (!Array.isArray(raw)) throw new InputError('"dependsOn" must be an array', { file: frame.run.file, pointer: childPointer(base, 'dependsOn') });
  // Sized for one id per entry; a symbolic name of a copy loop may stand for more.
  let out: string[] = new Array<string>(raw.length);
  let n = 0;
  let bare = false;
  for (let i = 0; i < raw.length; i++) {
    const entry: unknown = raw[i];
    if (typeof entry === 'string' && !entry.startsWith('[') && frame.symbols?.has(entry.toLowerCase())) {
      const ids = symbolIds(frame, entry, childPointer(childPointer(base, 'dependsOn'), i)) ?? [];
      if (ids.length !== 1) out = out.slice(0, n);
      for (const id of ids) out[n++] = id;
      continue;
    }
    const v = evaluateMember(entry, env, base, 'dependsOn', i);
    if (isUnknown(v)) {
      out[n++] = String(v);
      continue;
    }
    if (typeof v !== 'string') throw new InputError('a "dependsOn" entry must be a string', { file: frame.run.file, pointer: childPointer(childPointer(base, 'dependsOn'), i) });
    if (v.startsWith('/')) out[n++] = sharedId(frame, v);
    else {
      const rel = parseRelativeResourceRef(v);
      const id = rel === undefined ? undefined : resourceIdAt(frame.deployScope, rel.type, rel.name);
      if (id === undefined) bare = true;
      out[n++] = id === undefined ? v : sharedId(frame, id);
    }
  }
  if (bare) frame.bareDependencies.push(r);
  return out;
}
