// Nested deployments (`Microsoft.Resources/deployments` with an inline template): where they deploy,
// which parameters and variables their expressions see, and their outputs for later `reference()` calls.

import { InputError } from '../errors';
import { Unknown, isUnknown, type NormalizedResource } from '../model';
import { evaluateTemplateValue, type Env } from './evaluate';
import { conditionHolds, evaluateStringField, newFrame, note, optionalString, ownScopeFrame, recordEmitted, type Decl, type Frame } from './frame';
import { childPointer, getOwn, hasOwn, isJsonObject, setOwn, type JsonObject } from './json';
import { registerDeployment } from './outputs';
import { readSuppliedEntry, type SuppliedParameter } from './parameters';
import { resourceIdAt, scopeId } from './resource-ids';
import type { ParameterSource } from './tables';
import type { ArmScope } from './types';

/** Expands the frame of a nested template; passed in so this module does not import the walker back. */
export type ExpandFrame = (frame: Frame, out: NormalizedResource[]) => void;

export function expandDeployment(frame: Frame, d: Decl, env: Env, out: NormalizedResource[], expandFrame: ExpandFrame): void {
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
      const copy = getOwn(decl, 'copy');
      if (isJsonObject(copy)) {
        // An output loop is a property copy block in disguise: `{copy: {count, input}}` → `[input…]`.
        value = getOwn(evaluateTemplateValue({ copy: [{ ...copy, name: key }] }, env, p), key);
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
  const sub = optionalString(frame, decl, 'subscriptionId', pointer, env, '[unknown]');
  const rg = optionalString(frame, decl, 'resourceGroup', pointer, env, '[unknown]');
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
