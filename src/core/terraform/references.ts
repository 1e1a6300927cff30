// Which planned resource instance an attribute's configuration expression points at. Terraform only
// knows most ids after apply, but the plan's `configuration` keeps each expression's references
// (`azurerm_storage_account.raw.id`, `var.target_id`, `each.value.id`, `module.net.subnet_id`), so the
// target can be found and its ARM id built from its own planned name and resource group.

import { configAddress, formatModules, parseReference, type ModuleStep, type Reference } from './address';
import { child, isObject, own } from './json-access';
import type { ParsedPlan, PlanInstance } from './plan';
import type { Path } from './values';

export interface RefTarget {
  instance: PlanInstance;
  /** The attribute after the resource (`['id']`), empty for the whole object. */
  attribute: string[];
}

interface Scope {
  modules: ModuleStep[];
  /** The instance key of the referencing resource or module call (for `x[count.index]` / `each.value`). */
  selfKey?: string;
  /** References of the `for_each` expression, for `each.value`. */
  forEach?: string[];
}

const MAX_DEPTH = 32;

export class ReferenceIndex {
  private readonly byName = new Map<string, PlanInstance[]>();

  constructor(private readonly plan: ParsedPlan) {
    for (const inst of plan.instances) {
      const key = groupKey(inst.parsed.modules, inst.parsed.mode, inst.type, inst.parsed.name);
      const list = this.byName.get(key);
      if (list) list.push(inst);
      else this.byName.set(key, [inst]);
    }
  }

  /** The resource the configuration expression of `inst`'s attribute at `path` references, if one can be told. */
  targetOf(inst: PlanInstance, path: Path): RefTarget | undefined {
    const names = inst.parsed.modules.map((m) => m.name);
    const resource = this.plan.config.get(names.join('.'))?.resources.get(configAddress(inst.parsed));
    if (!resource) return undefined;
    let node: unknown = own(resource, 'expressions');
    for (const seg of path) {
      // A block's expressions are a list with one entry per block written in the configuration.
      node = typeof seg === 'number' ? (Array.isArray(node) ? child(node, seg) : node) : own(node, seg);
      if (node === undefined) return undefined;
    }
    const refs = referencesOf(node);
    if (!refs) return undefined;
    return this.resolve(refs, { modules: inst.parsed.modules, selfKey: inst.parsed.key, forEach: referencesOf(own(resource, 'for_each_expression')) }, 0);
  }

  private resolve(refs: readonly string[], scope: Scope, depth: number): RefTarget | undefined {
    if (depth > MAX_DEPTH) return undefined;
    for (const text of refs) {
      const target = this.resolveOne(parseReference(text), scope, depth);
      if (target) return target;
    }
    return undefined;
  }

  private resolveOne(ref: Reference, scope: Scope, depth: number): RefTarget | undefined {
    switch (ref.kind) {
      case 'resource': {
        const candidates = this.byName.get(groupKey(scope.modules, ref.mode, ref.type, ref.name)) ?? [];
        const instance = pick(candidates, ref.key, scope.selfKey);
        return instance ? { instance, attribute: ref.attribute } : undefined;
      }
      case 'each-value': {
        if (!scope.forEach) return undefined;
        const t = this.resolve(scope.forEach, { modules: scope.modules, selfKey: scope.selfKey }, depth + 1);
        return t && { instance: t.instance, attribute: [...t.attribute, ...ref.attribute] };
      }
      case 'variable': {
        const call = scope.modules[scope.modules.length - 1];
        if (!call) return undefined;
        const parent = scope.modules.slice(0, -1);
        const callCfg = this.plan.config.get(parent.map((m) => m.name).join('.'))?.moduleCalls.get(call.name);
        const refs = referencesOf(own(own(callCfg, 'expressions'), ref.name));
        if (!refs) return undefined;
        const t = this.resolve(refs, { modules: parent, selfKey: call.key, forEach: referencesOf(own(callCfg, 'for_each_expression')) }, depth + 1);
        return t && { instance: t.instance, attribute: [...t.attribute, ...ref.attribute] };
      }
      case 'module-output': {
        const modules = [...scope.modules, { name: ref.module, key: ref.key }];
        const output = this.plan.config.get(modules.map((m) => m.name).join('.'))?.outputs.get(ref.output);
        const refs = referencesOf(own(output, 'expression'));
        if (!refs) return undefined;
        const t = this.resolve(refs, { modules }, depth + 1);
        return t && { instance: t.instance, attribute: [...t.attribute, ...ref.attribute] };
      }
      case 'other':
        return undefined;
    }
  }
}

function groupKey(modules: readonly ModuleStep[], mode: string, type: string, name: string): string {
  return `${formatModules(modules)}|${mode}|${type}|${name}`;
}

function referencesOf(node: unknown): string[] | undefined {
  if (!isObject(node)) return undefined;
  const refs = own(node, 'references');
  return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : undefined;
}

/** `x["k"]` names one instance; bare `x` is that instance when there is one, or the referrer's own key (for_each / count over the same keys). */
function pick(candidates: readonly PlanInstance[], key: string | undefined, selfKey: string | undefined): PlanInstance | undefined {
  if (key !== undefined) return candidates.find((c) => c.parsed.key === key);
  if (candidates.length === 1) return candidates[0];
  if (selfKey !== undefined) return candidates.find((c) => c.parsed.key === selfKey);
  return undefined;
}
