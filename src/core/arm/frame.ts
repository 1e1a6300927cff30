// One template being expanded (the file itself, or the inline template of a nested deployment) and the
// state shared by the whole expansion: budget, notes, deployment outputs, resource group locations.

import { InputError } from '../errors';
import { Unknown, isUnknown, type DeploymentContext, type NormalizedResource, type ScanNote } from '../model';
import { evaluateCopyCount, evaluateMember, evaluateTemplateValue, newMemo, type Env, type LoopBinding, type Scope } from './evaluate';
import { childPointer, getOwn, hasOwn, isJsonObject, preview, type JsonObject } from './json';
import { deploymentNameOf, deploymentOutputReference, missingDeployment, type DeploymentOutputs } from './outputs';
import { scopeId } from './resource-ids';
import { buildParameters, buildUserFunctions, buildVariables, type ParameterSource } from './tables';
import type { ArmScope, EvaluationBudget } from './types';

/** State of one expandArmTemplate call: budget, notes, and what later deployments need to know. */
export interface Run {
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
export interface Frame {
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
  emitted: EmittedList;
  /**
   * Nested deployments of this template not expanded yet, by lower-case name: a `reference()` to one
   * expands it on the spot, so its outputs are known wherever it is declared.
   */
  pendingDeployments: Map<string, () => void>;
  bareDependencies: NormalizedResource[];
  /** The Env of this template's own loops (frame.loops), made on first use. */
  env?: Env;
}

/** Flat `name, copy loop name (or undefined), id` triples: no object per resource. */
export type EmittedList = (string | undefined)[];

export interface Decl {
  decl: unknown;
  pointer: string;
  symbol?: string;
  /** The `source` of the resources it declares, made once for all its instances. */
  source?: NormalizedResource['source'];
  /** Its child resource declarations, read once for all its instances. */
  children?: Decl[];
  /** The full type of a child declaration with a relative type, under the parent type it was last made for. */
  childType?: { parent: string; type: string; full: string };
  /** Its members, read once (see fieldsOf). */
  fields?: DeclFields;
}

/**
 * The members of a resource declaration that expansion reads, found in one pass over its own keys:
 * probing a declaration for each of them, for every instance, showed up in profiles. `present` has a
 * bit (HAS_*) for each member that is there, whatever its value.
 */
export interface DeclFields {
  present: number;
  type: unknown;
  name: unknown;
  apiVersion: unknown;
  location: unknown;
  kind: unknown;
  sku: unknown;
  identity: unknown;
  tags: unknown;
  properties: unknown;
  dependsOn: unknown;
  condition: unknown;
  scope: unknown;
  copy: unknown;
  existing: unknown;
  extension: unknown;
  import: unknown;
  resources: unknown;
  parent: unknown;
}

export const HAS_NAME = 1;
export const HAS_API_VERSION = 2;
export const HAS_LOCATION = 4;
export const HAS_KIND = 8;
export const HAS_SKU = 16;
export const HAS_IDENTITY = 32;
export const HAS_TAGS = 64;
export const HAS_PROPERTIES = 128;
export const HAS_DEPENDS_ON = 256;
export const HAS_CONDITION = 512;
export const HAS_SCOPE = 1024;

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** The DeclFields of a declaration that is a JSON object (kept on the Decl). */
export function fieldsOf(d: Decl): DeclFields {
  if (d.fields !== undefined) return d.fields;
  const decl = d.decl as JsonObject;
  const f: DeclFields = {
    present: 0,
    type: undefined,
    name: undefined,
    apiVersion: undefined,
    location: undefined,
    kind: undefined,
    sku: undefined,
    identity: undefined,
    tags: undefined,
    properties: undefined,
    dependsOn: undefined,
    condition: undefined,
    scope: undefined,
    copy: undefined,
    existing: undefined,
    extension: undefined,
    import: undefined,
    resources: undefined,
    parent: undefined,
  };
  for (const k in decl) {
    if (!hasOwnProperty.call(decl, k)) continue;
    const v = decl[k];
    switch (k) {
      case 'type': f.type = v; break;
      case 'name': f.name = v; f.present |= HAS_NAME; break;
      case 'apiVersion': f.apiVersion = v; f.present |= HAS_API_VERSION; break;
      case 'location': f.location = v; f.present |= HAS_LOCATION; break;
      case 'kind': f.kind = v; f.present |= HAS_KIND; break;
      case 'sku': f.sku = v; f.present |= HAS_SKU; break;
      case 'identity': f.identity = v; f.present |= HAS_IDENTITY; break;
      case 'tags': f.tags = v; f.present |= HAS_TAGS; break;
      case 'properties': f.properties = v; f.present |= HAS_PROPERTIES; break;
      case 'dependsOn': f.dependsOn = v; f.present |= HAS_DEPENDS_ON; break;
      case 'condition': f.condition = v; f.present |= HAS_CONDITION; break;
      case 'scope': f.scope = v; f.present |= HAS_SCOPE; break;
      case 'copy': f.copy = v; break;
      case 'existing': f.existing = v; break;
      case 'extension': f.extension = v; break;
      case 'import': f.import = v; break;
      case 'resources': f.resources = v; break;
      case 'parent': f.parent = v; break;
    }
  }
  d.fields = f;
  return f;
}

export interface Identity {
  type: string;
  name: string;
  id: string;
  scope?: string;
}

export function note(run: Run, level: ScanNote['level'], pointer: string, message: string): void {
  const key = `${level}\u0000${pointer}\u0000${message}`;
  if (run.noteKeys.has(key)) return;
  run.noteKeys.add(key);
  run.notes.push({ level, file: run.file, pointer, message });
}

/** A template with its own parameters and variables: the top level, or a nested deployment with `inner` scope. */
export function ownScopeFrame(
  run: Run,
  template: JsonObject,
  base: string,
  scope: ArmScope,
  source: ParameterSource,
  deploymentPath: string[],
  depth: number,
  maxDepth: number,
): Frame {
  // The scope and the frame refer to each other (reference() needs the frame's symbols), so the frame
  // is created first and receives its scope once the parameter and variable tables exist.
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
    memo: newMemo(),
  };
  frame.expr = expr;
  // ARM validates every parameter before it deploys anything, used or not.
  for (const name of params.declared) params.lookup(name);
  return frame;
}

export function newFrame(
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
    pendingDeployments: new Map(),
    bareDependencies: [],
  };
}

export function readSymbols(template: JsonObject, base: string): Map<string, Decl> | undefined {
  const resources = getOwn(template, 'resources');
  if (!isJsonObject(resources)) return undefined;
  const map = new Map<string, Decl>();
  for (const symbol of Object.keys(resources)) {
    map.set(symbol.toLowerCase(), { decl: resources[symbol], pointer: childPointer(childPointer(base, 'resources'), symbol), symbol });
  }
  return map;
}

/** Declarations of the elements of an array at `pointer`: their pointers share one `{pointer}/` prefix. */
export function elementDecls(resources: unknown[], pointer: string): Decl[] {
  const prefix = `${pointer}/`;
  return resources.map((decl, i) => ({ decl, pointer: prefix + i }));
}

export function declarationsOf(frame: Frame): Decl[] {
  const resources = getOwn(frame.template, 'resources');
  const pointer = childPointer(frame.base, 'resources');
  if (resources === undefined) return [];
  if (Array.isArray(resources)) return elementDecls(resources, pointer);
  if (frame.symbols !== undefined) return [...frame.symbols.values()];
  throw new InputError('"resources" must be an array (or, with languageVersion 2.0, an object keyed by symbolic name)', {
    file: frame.run.file,
    pointer,
  });
}

export function resourceCopyCount(frame: Frame, copy: unknown, copyPointer: string, loops: LoopBinding | undefined): number | undefined {
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

/**
 * What an evaluated condition says, as ARM reads it: a Boolean, or the text 'true' / 'false' in any case.
 * Undefined for anything else (an Unknown, or a value ARM rejects). One reading for the expansion and
 * for symbolic dependsOn, so a resource is never deployed by one and dropped by the other.
 */
export function conditionValue(c: unknown): boolean | undefined {
  if (typeof c === 'boolean') return c;
  if (typeof c === 'string' && /^(true|false)$/i.test(c)) return c.toLowerCase() === 'true';
  return undefined;
}

/** Whether this instance is deployed: `condition` false skips it, Unknown deploys it with a note. */
export function conditionHolds(frame: Frame, decl: JsonObject, pointer: string, env: Env): boolean {
  if (!hasOwn(decl, 'condition')) return true;
  const condPointer = childPointer(pointer, 'condition');
  const c = evaluateTemplateValue(decl.condition, env, condPointer);
  const holds = conditionValue(c);
  if (holds !== undefined) return holds;
  if (isUnknown(c)) {
    note(frame.run, 'warning', condPointer, `the condition is only known at deployment (${c.reason}); the resource is scanned as if it were deployed`);
    return true;
  }
  throw new InputError(`a condition must be true or false, got ${preview(c)}`, { file: frame.run.file, pointer: condPointer });
}

export function evaluateStringField(frame: Frame, value: unknown, env: Env, pointer: string, what: string): string | Unknown {
  return asStringField(frame, evaluateTemplateValue(value, env, pointer), pointer, what);
}

/** evaluateStringField of the member `key` of the declaration at `base`, whose pointer is built only for an error. */
export function evaluateStringMember(frame: Frame, value: unknown, env: Env, base: string, key: string, what: string): string | Unknown {
  const v = evaluateMember(value, env, base, key);
  if (typeof v === 'string' || isUnknown(v)) return v;
  return asStringField(frame, v, childPointer(base, key), what);
}

function asStringField(frame: Frame, v: unknown, pointer: string, what: string): string | Unknown {
  if (isUnknown(v) || typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new InputError(`${what} must be a string, got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`, { file: frame.run.file, pointer });
}

/**
 * An optional string property such as `resourceGroup` or `location`. When it is only known at
 * deployment, `placeholder` (for names that go into ids: `[unknown]`) or else the current value is used,
 * with a note either way.
 */
export function optionalString(frame: Frame, decl: JsonObject, key: string, pointer: string, env: Env, placeholder?: string): string | undefined {
  if (!hasOwn(decl, key)) return undefined;
  const p = childPointer(pointer, key);
  const v = evaluateStringField(frame, decl[key], env, p, `"${key}"`);
  if (isUnknown(v)) {
    const assumed = placeholder === undefined ? 'the current one is assumed' : `ids under it contain ${placeholder}`;
    note(frame.run, 'warning', p, `"${key}" is only known at deployment (${v.reason}); ${assumed}`);
    return placeholder;
  }
  return v === '' ? undefined : v;
}

/** `reference()` targets: nested deployment outputs where they can be evaluated, Unknown otherwise. */
function referenceFrom(frame: Frame, target: unknown, apiVersion: unknown, full: unknown): unknown {
  if (typeof target === 'string') {
    const deployment = deploymentReference(frame, target);
    if (deployment !== undefined) return deployment;
    const missing = missingDeployment(target);
    if (missing !== undefined) return missing;
    const symbol = frame.symbols?.get(target.toLowerCase());
    if (symbol !== undefined) {
      const byName = moduleReference(frame, symbol);
      if (byName !== undefined) return byName;
      return new Unknown(`the runtime state of '${target}' is only known after deployment`);
    }
    return new Unknown(`reference('${target}') is only known after deployment`);
  }
  void apiVersion;
  void full;
  return new Unknown('reference() is only known after deployment');
}

/** languageVersion 2.0 modules: `reference('symbol')` means the deployment of that symbol, under its own name. */
function moduleReference(frame: Frame, symbol: Decl): unknown {
  const decl = symbol.decl;
  const type = getOwn(decl, 'type');
  if (typeof type !== 'string' || type.toLowerCase() !== 'microsoft.resources/deployments' || getOwn(decl, 'copy') !== undefined) return undefined;
  const name = evaluateStringField(frame, getOwn(decl, 'name'), { scope: frame.expr, loops: undefined }, childPointer(symbol.pointer, 'name'), 'a deployment name');
  if (isUnknown(name)) return undefined;
  return deploymentReference(frame, name);
}

function deploymentReference(frame: Frame, target: string): unknown {
  const current = scopeId(frame.deployScope);
  const found = deploymentOutputReference(frame.run.outputs, current, target);
  if (found !== undefined) return found;
  const pending = frame.pendingDeployments.get(deploymentNameOf(target).toLowerCase());
  if (pending === undefined) return undefined;
  pending();
  return deploymentOutputReference(frame.run.outputs, current, target);
}

/** How many of the resources emitted last sharedId looks at. */
const RECENT_IDS = 16;

/**
 * `id`, or the very string of the same id of one of the last resources emitted here. A `dependsOn` entry
 * or an extension resource's `scope` mostly names a resource declared just before it (its parent, the
 * resource a diagnostic setting extends); every resource is kept for the whole scan, and so would be
 * a second copy of that id.
 */
export function sharedId(frame: Frame, id: string): string {
  const emitted = frame.emitted;
  const stop = emitted.length - 3 * RECENT_IDS;
  for (let i = emitted.length - 1; i > stop && i > 0; i -= 3) {
    const other = emitted[i]!;
    if (other.length === id.length && other === id) return other;
  }
  return id;
}

/** Records what `dependsOn` entries of this template may call a deployed resource: its name and its copy loop. */
export function recordEmitted(frame: Frame, decl: JsonObject, name: string, id: string): void {
  const loop = hasOwn(decl, 'copy') ? getOwn(decl.copy, 'name') : undefined;
  frame.emitted.push(name, typeof loop === 'string' ? loop : undefined, id);
}
