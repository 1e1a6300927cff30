// Reads the parts of `terraform show -json` output the normaliser uses, checking every shape it relies
// on: planned_values (the resources as they will be after apply), resource_changes (actions and which
// attributes are unknown until apply) and configuration (the expressions' references, used to resolve
// ids that are unknown at plan time). Anything malformed is an InputError naming the file and pointer.

import { InputError } from '../errors';
import { parseResourceAddress, type ResourceAddress } from './address';
import { hasOwnKey, isObject, own, pointerJoin, setOwn, type JsonObject } from './json-access';
import { plainText } from './values';

export interface PlanInstance {
  address: string;
  parsed: ResourceAddress;
  type: string;
  providerName: string;
  values: JsonObject;
  /** `change.after_unknown` of the matching resource_changes entry (`true` or a mirror of the values). */
  afterUnknown: unknown;
  /**
   * What the plan marks sensitive, as a mirror of the values (`true` where marked): the union of the
   * resource's `sensitive_values` and its change's `after_sensitive`. Plan JSON carries these values in
   * plain text; they must never reach a normalised resource, and from there a report.
   */
  sensitive: unknown;
  /** `change.actions`, when the plan has a resource_changes entry for this address. */
  actions?: string[];
  /** JSON pointer of the resource object inside planned_values. */
  pointer: string;
}

export interface ConfigModule {
  /** Resource blocks by their in-module address (`azurerm_x.y`, `data.azurerm_x.y`). */
  resources: Map<string, JsonObject>;
  moduleCalls: Map<string, JsonObject>;
  outputs: Map<string, JsonObject>;
}

/** What the plan itself says about being partial. */
export interface PlanCaveat {
  level: 'error' | 'warning';
  pointer: string;
  message: string;
}

export interface ParsedPlan {
  instances: PlanInstance[];
  caveats: PlanCaveat[];
  /** Configuration modules by the dot-joined module call names (`''` for the root). */
  config: Map<string, ConfigModule>;
}

const MAX_MODULE_DEPTH = 64;
/** Beyond any provider schema's nesting; a deeper mirror counts as marking everything below it. */
const MAX_MARK_DEPTH = 64;

export function isTerraformPlan(json: unknown): boolean {
  return (
    isObject(json) &&
    typeof own(json, 'format_version') === 'string' &&
    typeof own(json, 'terraform_version') === 'string' &&
    (isObject(own(json, 'planned_values')) || Array.isArray(own(json, 'resource_changes')))
  );
}

export function readPlan(file: string, plan: unknown): ParsedPlan {
  const fail = (message: string, pointer: string): never => {
    throw new InputError(message, { file, pointer });
  };
  if (!isObject(plan)) fail('not a Terraform plan: expected a JSON object from `terraform show -json <planfile>`', '');
  const p = plan as JsonObject;
  const formatVersion = own(p, 'format_version');
  if (typeof formatVersion !== 'string') fail('not a Terraform plan: "format_version" is missing; produce the file with `terraform show -json <planfile>`', '/format_version');
  if (!/^1\./.test(formatVersion as string)) fail(`unsupported plan format_version "${plainText(formatVersion)}"; ControlTrace reads plan JSON format 1.x`, '/format_version');
  const planned = own(p, 'planned_values');
  if (!isObject(planned)) {
    fail(
      hasOwnKey(p, 'values')
        ? 'this is Terraform state JSON, not a plan: "planned_values" is missing; run `terraform show -json <planfile>` on a saved plan'
        : '"planned_values" is missing or not an object; produce the file with `terraform show -json <planfile>`',
      '/planned_values',
    );
  }
  const changes = readChanges(p, fail);
  const instances: PlanInstance[] = [];
  const rootModule = own(planned, 'root_module');
  if (!isObject(rootModule)) fail('"root_module" is missing or not an object', '/planned_values/root_module');
  walkModule(rootModule as JsonObject, '/planned_values/root_module', 0, changes, instances, fail);
  return { instances, caveats: readCaveats(p), config: readConfiguration(p, fail) };
}

function readCaveats(p: JsonObject): PlanCaveat[] {
  const out: PlanCaveat[] = [];
  if (own(p, 'errored') === true) {
    out.push({ level: 'error', pointer: '/errored', message: 'the plan errored: Terraform wrote it although planning failed, so it is partial; fix the plan errors and scan a complete plan' });
  }
  if (own(p, 'complete') === false) {
    out.push({ level: 'warning', pointer: '/complete', message: 'the plan is not complete: Terraform needs further plan/apply rounds, so resources it deferred are not in it' });
  }
  const deferred = own(p, 'deferred_changes');
  if (Array.isArray(deferred) && deferred.length > 0) {
    out.push({ level: 'warning', pointer: '/deferred_changes', message: `${deferred.length} resource change(s) were deferred by Terraform and are not in this plan's planned values` });
  }
  return out;
}

type Fail = (message: string, pointer: string) => never;

interface Change {
  actions: string[];
  afterUnknown: unknown;
  afterSensitive: unknown;
}

function readChanges(p: JsonObject, fail: Fail): Map<string, Change> {
  const out = new Map<string, Change>();
  if (!hasOwnKey(p, 'resource_changes')) return out;
  const list = own(p, 'resource_changes');
  if (!Array.isArray(list)) fail('"resource_changes" must be an array', '/resource_changes');
  (list as unknown[]).forEach((rc, i) => {
    const ptr = `/resource_changes/${i}`;
    if (!isObject(rc)) fail('a resource change must be an object', ptr);
    const address = own(rc, 'address');
    if (typeof address !== 'string') fail('a resource change needs a string "address"', `${ptr}/address`);
    // A deposed object (left by a failed create_before_destroy) shares the address of the current one
    // but is not in planned_values: its change (a delete) must not stand for the current object's.
    if (typeof own(rc, 'deposed') === 'string') return;
    const change = own(rc, 'change');
    if (!isObject(change)) fail(`resource change ${plainText(address)} has no "change" object`, `${ptr}/change`);
    const actions = own(change, 'actions');
    if (!Array.isArray(actions) || !actions.every((a) => typeof a === 'string')) {
      fail(`resource change ${plainText(address)} needs "change.actions" as an array of strings`, `${ptr}/change/actions`);
    }
    out.set(address as string, { actions: actions as string[], afterUnknown: own(change, 'after_unknown'), afterSensitive: own(change, 'after_sensitive') });
  });
  return out;
}

function walkModule(
  mod: JsonObject,
  pointer: string,
  depth: number,
  changes: Map<string, Change>,
  out: PlanInstance[],
  fail: Fail,
): void {
  if (depth > MAX_MODULE_DEPTH) fail(`modules are nested more than ${MAX_MODULE_DEPTH} deep`, pointer);
  const resources = own(mod, 'resources');
  if (resources !== undefined) {
    if (!Array.isArray(resources)) fail('"resources" must be an array', `${pointer}/resources`);
    (resources as unknown[]).forEach((r, i) => out.push(readInstance(r, pointerJoin(pointer, 'resources', i), changes, fail)));
  }
  const children = own(mod, 'child_modules');
  if (children !== undefined) {
    if (!Array.isArray(children)) fail('"child_modules" must be an array', `${pointer}/child_modules`);
    (children as unknown[]).forEach((c, i) => {
      const ptr = pointerJoin(pointer, 'child_modules', i);
      if (!isObject(c)) fail('a child module must be an object', ptr);
      walkModule(c as JsonObject, ptr, depth + 1, changes, out, fail);
    });
  }
}

function readInstance(r: unknown, pointer: string, changes: Map<string, Change>, fail: Fail): PlanInstance {
  if (!isObject(r)) fail('a planned resource must be an object', pointer);
  const address = own(r, 'address');
  if (typeof address !== 'string' || address === '') fail('a planned resource needs a string "address"', `${pointer}/address`);
  const parsed = parseResourceAddress(address as string);
  if (!parsed) fail(`"${plainText(address)}" is not a Terraform resource address`, `${pointer}/address`);
  const mode = own(r, 'mode');
  if (mode !== 'managed' && mode !== 'data') fail(`resource ${plainText(address)}: "mode" must be "managed" or "data"`, `${pointer}/mode`);
  const type = own(r, 'type');
  if (typeof type !== 'string' || type === '') fail(`resource ${plainText(address)} needs a string "type"`, `${pointer}/type`);
  const values = own(r, 'values');
  if (!isObject(values)) fail(`resource ${plainText(address)} needs a "values" object`, `${pointer}/values`);
  const providerName = own(r, 'provider_name');
  if (providerName !== undefined && typeof providerName !== 'string') fail(`resource ${plainText(address)}: "provider_name" must be a string`, `${pointer}/provider_name`);
  const change = changes.get(address as string);
  return {
    address: address as string,
    parsed: { ...(parsed as ResourceAddress), mode: mode as 'managed' | 'data' },
    type: type as string,
    providerName: (providerName as string | undefined) ?? '',
    values: values as JsonObject,
    afterUnknown: change?.afterUnknown,
    sensitive: unionMarks(own(r, 'sensitive_values'), change?.afterSensitive, 0),
    actions: change?.actions,
    pointer,
  };
}

/** Two sensitivity mirrors as one: marked where either marks. Depth-bounded like the values it mirrors. */
function unionMarks(a: unknown, b: unknown, depth: number): unknown {
  if (a === true || b === true) return true;
  if (depth > MAX_MARK_DEPTH) return Array.isArray(a) || isObject(a) || Array.isArray(b) || isObject(b) ? true : false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => unionMarks(a[i], b[i], depth + 1));
  }
  if (isObject(a) && isObject(b)) {
    const out: JsonObject = {};
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) setOwn(out, k, unionMarks(own(a, k), own(b, k), depth + 1));
    return out;
  }
  return Array.isArray(a) || isObject(a) ? a : b;
}

function readConfiguration(p: JsonObject, fail: Fail): Map<string, ConfigModule> {
  const out = new Map<string, ConfigModule>();
  const configuration = own(p, 'configuration');
  if (configuration === undefined) return out;
  if (!isObject(configuration)) fail('"configuration" must be an object', '/configuration');
  const root = own(configuration, 'root_module');
  if (root === undefined) return out;
  if (!isObject(root)) fail('"configuration.root_module" must be an object', '/configuration/root_module');
  readConfigModule(root as JsonObject, '/configuration/root_module', [], out, fail);
  return out;
}

function readConfigModule(mod: JsonObject, pointer: string, path: string[], out: Map<string, ConfigModule>, fail: Fail): void {
  if (path.length > MAX_MODULE_DEPTH) fail(`module calls are nested more than ${MAX_MODULE_DEPTH} deep`, pointer);
  const entry: ConfigModule = { resources: new Map(), moduleCalls: new Map(), outputs: new Map() };
  out.set(path.join('.'), entry);
  const resources = own(mod, 'resources');
  if (resources !== undefined) {
    if (!Array.isArray(resources)) fail('"resources" must be an array', `${pointer}/resources`);
    (resources as unknown[]).forEach((r, i) => {
      const ptr = pointerJoin(pointer, 'resources', i);
      if (!isObject(r)) fail('a configuration resource must be an object', ptr);
      const address = own(r, 'address');
      if (typeof address !== 'string') fail('a configuration resource needs a string "address"', `${ptr}/address`);
      entry.resources.set(address as string, r as JsonObject);
    });
  }
  const outputs = own(mod, 'outputs');
  if (isObject(outputs)) {
    for (const [name, o] of Object.entries(outputs)) if (isObject(o)) entry.outputs.set(name, o);
  }
  const calls = own(mod, 'module_calls');
  if (calls === undefined) return;
  if (!isObject(calls)) fail('"module_calls" must be an object', `${pointer}/module_calls`);
  for (const [name, call] of Object.entries(calls as JsonObject)) {
    const ptr = pointerJoin(pointer, 'module_calls', name);
    if (!isObject(call)) fail(`module call "${name}" must be an object`, ptr);
    entry.moduleCalls.set(name, call as JsonObject);
    const child = own(call, 'module');
    if (child === undefined) continue;
    if (!isObject(child)) fail(`module call "${name}": "module" must be an object`, `${ptr}/module`);
    readConfigModule(child as JsonObject, `${ptr}/module`, [...path, name], out, fail);
  }
}
