// Who a resource is: its full type and name (child resources, `parent`, the older `providers` form),
// its id at the scope it is deployed to, and for extension resources the id of what it extends.

import { InputError } from '../errors';
import { isUnknown } from '../model';
import { evaluateTemplateValue, type Env } from './evaluate';
import { HAS_CONDITION, HAS_NAME, conditionValue, HAS_SCOPE, fieldsOf, sharedId, resourceCopyCount, evaluateStringField, evaluateStringMember, note, optionalString, type Decl, type Frame, type Identity } from './frame';
import { childPointer, getOwn, isJsonObject, type JsonObject } from './json';
import { parseRelativeResourceRef, resourceIdAt, resourceIdUnder, scopeId, splitProvidersForm, splitType } from './resource-ids';
import type { ArmScope } from './types';

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

/** Lower-casing every type to test membership is avoided for the many types of other lengths. */
const TARGET_EXTENSION_LENGTHS = new Set([...TARGET_EXTENSION_TYPES].map((t) => t.length));

/** Answers by type string as written (bounded): the same few spellings recur in every resource. */
const targetExtensionAnswers = new Map<string, boolean>();

function isTargetExtensionType(type: string): boolean {
  if (!TARGET_EXTENSION_LENGTHS.has(type.length)) return false;
  let answer = targetExtensionAnswers.get(type);
  if (answer === undefined) {
    answer = TARGET_EXTENSION_TYPES.has(type.toLowerCase());
    if (targetExtensionAnswers.size >= 1_024) targetExtensionAnswers.clear();
    targetExtensionAnswers.set(type, answer);
  }
  return answer;
}

/** A type that starts with a namespace (`Microsoft.Storage/...`), not a child type relative to its parent. */
export function isQualifiedType(type: string): boolean {
  const dot = type.indexOf('.');
  if (dot < 0) return false;
  const slash = type.indexOf('/');
  return slash < 0 || dot < slash;
}

/** Type, full name, id and (for extension resources) scope of one resource instance. */
export function identify(frame: Frame, d: Decl, parent: Identity | undefined, env: Env, emitNotes: boolean): Identity {
  const { run } = frame;
  const decl = d.decl as JsonObject;
  const f = fieldsOf(d);
  const rawType = f.type;
  if (typeof rawType !== 'string' || rawType === '') {
    throw new InputError('a resource needs a "type"', { file: run.file, pointer: d.pointer });
  }
  let type: string;
  if (rawType.charCodeAt(0) !== 0x5b /* [ */) type = rawType;
  else {
    const typeValue = evaluateStringMember(frame, rawType, env, d.pointer, 'type', 'a resource type');
    if (isUnknown(typeValue)) throw new InputError(`a resource type must be known before deployment (${typeValue.reason})`, { file: run.file, pointer: childPointer(d.pointer, 'type') });
    type = typeValue;
  }
  if ((f.present & HAS_NAME) === 0) throw new InputError('a resource needs a "name"', { file: run.file, pointer: d.pointer });
  const nameValue = evaluateStringMember(frame, f.name, env, d.pointer, 'name', 'a resource name');
  let name: string;
  if (isUnknown(nameValue)) {
    if (emitNotes) note(run, 'warning', childPointer(d.pointer, 'name'), `the resource name is only known at deployment (${nameValue.reason}); its id contains [unknown]`);
    const segments = isQualifiedType(type) ? splitType(type).segments.length : type.split('/').length;
    name = new Array(Math.max(1, segments)).fill('[unknown]').join('/');
  } else {
    name = nameValue;
  }

  const parentOf = parent ?? (f.parent === undefined ? undefined : parentFromProperty(frame, decl, d.pointer, env));
  if (parentOf !== undefined) {
    if (!isQualifiedType(type)) {
      type = childType(d, parentOf.type, type);
      name = `${parentOf.name}/${name}`;
    } else if (name.split('/').length < splitType(type).segments.length) {
      name = `${parentOf.name}/${name}`;
    }
  }

  let deployScope = frame.deployScope;
  if (f.existing === true) deployScope = existingScope(frame, decl, d.pointer, env);

  const providersForm = splitProvidersForm(type, name);
  if (providersForm !== undefined) {
    const target = sharedId(frame, resourceIdAt(deployScope, providersForm.target.type, providersForm.target.name) ?? fallbackId(scopeId(deployScope), providersForm.target.type, providersForm.target.name));
    const ext = providersForm.extension;
    return { type: ext.type, name: ext.name, scope: target, id: resourceIdUnder(target, ext.type, ext.name) ?? fallbackId(target, ext.type, ext.name) };
  }

  if ((f.present & HAS_SCOPE) !== 0) {
    const found = extensionTarget(frame, f.scope, childPointer(d.pointer, 'scope'), env, deployScope, emitNotes);
    if (found !== undefined) {
      const target = sharedId(frame, found);
      return { type, name, scope: target, id: checkedId(frame, resourceIdUnder(target, type, name), target, type, name, d.pointer, emitNotes) };
    }
  }
  const id = checkedId(frame, resourceIdAt(deployScope, type, name), scopeId(deployScope), type, name, d.pointer, emitNotes);
  if (isTargetExtensionType(type)) return { type, name, id, scope: scopeId(deployScope) };
  return { type, name, id };
}

/** `parentType/childType`, kept on the declaration: every instance of a child has the same parent type. */
function childType(d: Decl, parentType: string, type: string): string {
  const kept = d.childType;
  if (kept !== undefined && kept.parent === parentType && kept.type === type) return kept.full;
  const full = `${parentType}/${type}`;
  d.childType = { parent: parentType, type, full };
  return full;
}

/** The id, or with a note (pointing at the declaration's name) the id ARM's own rules cannot give. */
function checkedId(frame: Frame, id: string | undefined, scope: string, type: string, name: string, declPointer: string, emitNotes: boolean): string {
  if (id !== undefined) return id;
  if (emitNotes) {
    note(frame.run, 'error', childPointer(declPointer, 'name'), `the name '${name}' has ${name.split('/').length} segment(s) but the type '${type}' needs ${splitType(type).segments.length}; ARM rejects this resource`);
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
  const sub = optionalString(frame, decl, 'subscriptionId', pointer, env, '[unknown]');
  const rg = optionalString(frame, decl, 'resourceGroup', pointer, env, '[unknown]');
  if (sub === undefined && rg === undefined) return frame.deployScope;
  const cur = frame.deployScope;
  const subscriptionId = sub ?? cur.subscriptionId ?? frame.run.context.subscriptionId;
  if (rg === undefined) return { ...cur, targetScope: 'subscription', subscriptionId, resourceGroup: undefined };
  return { ...cur, targetScope: 'resourceGroup', subscriptionId, resourceGroup: { name: rg, location: cur.location } };
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
export function symbolIdentity(frame: Frame, symbol: string, pointer: string, env: Env): Identity | undefined {
  const d = frame.symbols?.get(symbol.toLowerCase());
  if (d === undefined) return undefined;
  const key = symbol.toLowerCase();
  if (frame.resolving.has(key)) throw new InputError(`resource '${symbol}' refers to itself through parent/scope`, { file: frame.run.file, pointer });
  if (frame.resolving.size >= frame.run.budget.maxDepth) {
    throw new InputError(`resources refer to each other through parent/scope more than ${frame.run.budget.maxDepth} levels deep`, { file: frame.run.file, pointer });
  }
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
export function symbolIds(frame: Frame, symbol: string, pointer: string): string[] | undefined {
  const key = symbol.toLowerCase();
  const cached = frame.symbolIds.get(key);
  if (cached !== undefined) return cached;
  const d = frame.symbols?.get(key);
  if (d === undefined || !isJsonObject(d.decl)) return undefined;
  if (frame.resolving.has(key)) throw new InputError(`resource '${symbol}' depends on itself`, { file: frame.run.file, pointer });
  if (frame.resolving.size >= frame.run.budget.maxDepth) {
    throw new InputError(`resources refer to each other through parent/scope more than ${frame.run.budget.maxDepth} levels deep`, { file: frame.run.file, pointer });
  }
  frame.resolving.add(key);
  try {
    const copy = getOwn(d.decl, 'copy');
    const ids: string[] = [];
    // ARM drops a dependency on an instance whose condition is false; its name need not even evaluate.
    const add = (env: Env): void => {
      if (!conditionIsFalse(frame, d, env)) ids.push(identify(frame, d, undefined, env, false).id);
    };
    if (copy === undefined) {
      add({ scope: frame.expr, loops: undefined });
    } else {
      const copyPointer = childPointer(d.pointer, 'copy');
      const count = resourceCopyCount(frame, copy, copyPointer, undefined) ?? 0;
      const name = getOwn(copy, 'name') as string;
      for (let i = 0; i < count; i++) add({ scope: frame.expr, loops: { name, index: i, resourceLoop: true, outer: undefined } });
    }
    frame.symbolIds.set(key, ids);
    return ids;
  } finally {
    frame.resolving.delete(key);
  }
}

/**
 * Whether an instance is certainly not deployed: its condition is false. Quiet (no note for an unknown
 * condition): the declaration's own expansion notes it, and fails on a condition that is not a Boolean.
 */
function conditionIsFalse(frame: Frame, d: Decl, env: Env): boolean {
  const f = fieldsOf(d);
  if ((f.present & HAS_CONDITION) === 0) return false;
  return conditionValue(evaluateTemplateValue(f.condition, env, childPointer(d.pointer, 'condition'))) === false;
}
