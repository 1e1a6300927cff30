// Parameters, variables and user-defined functions of one template: evaluated lazily on first use,
// cached, and guarded against cycles (`a` uses `b` uses `a`) and runaway reference chains.

import { InputError } from '../errors';
import { childPointer, getOwn, getOwnCaseInsensitive, isJsonObject, type JsonObject } from './json';
import { coerceAndCheck, readDeclaration, type ParameterDeclaration, type SuppliedParameter } from './parameters';
import { countLazyComputation, evaluateCopyCount, evaluateTemplateValue, chargeCopyIteration, type Env, type Scope } from './evaluate';
import { Unknown, isUnknown } from '../model';
import { parsePointer } from '../util/json-locate';
import { ExpressionError, type UserFunction } from './types';

interface LazyEntry {
  name: string;
  pointer: string;
  compute: () => unknown;
}

/** A name → value lookup that computes each entry once and reports cycles with the chain that formed them. */
export function lazyLookup(kind: 'parameter' | 'variable', entries: Map<string, LazyEntry>, file: string, maxDepth: number): (name: string) => unknown {
  const values = new Map<string, unknown>();
  // Values by the name exactly as asked: templates ask for the same few names thousands of times, and
  // finding them needs no lower-cased copy of the name.
  const asked = new Map<unknown, unknown>();
  const active: string[] = [];
  return (name: string) => {
    const hit = asked.get(name);
    if (hit !== undefined || asked.has(name)) return hit;
    const key = String(name).toLowerCase();
    if (values.has(key)) {
      const value = values.get(key);
      asked.set(name, value);
      return value;
    }
    const entry = entries.get(key);
    if (entry === undefined) {
      const plural = kind === 'parameter' ? 'parameters' : 'variables';
      throw new ExpressionError(`the template has no ${kind} '${name}' (${plural}('${name}'))`, '');
    }
    const at = active.indexOf(key);
    if (at >= 0) {
      const chain = [...active.slice(at), key].map((k) => entries.get(k)!.name).join(' → ');
      throw new InputError(`${kind} '${entry.name}' depends on itself: ${chain}`, { file, pointer: entry.pointer });
    }
    if (active.length >= maxDepth) {
      throw new InputError(`${kind}s refer to each other more than ${maxDepth} levels deep`, { file, pointer: entry.pointer });
    }
    active.push(key);
    countLazyComputation();
    let value: unknown;
    try {
      value = entry.compute();
    } finally {
      active.pop();
    }
    values.set(key, value);
    asked.set(name, value);
    return value;
  };
}

/**
 * Secure parameters (passwords, keys) are checked like any other, then withheld: their values must never
 * reach a resource property, and from there a report or an evidence file.
 */
function withheldIfSecure(decl: ParameterDeclaration, value: unknown): unknown {
  if (decl.type !== 'securestring' && decl.type !== 'secureobject') return value;
  if (isUnknown(value)) return value;
  return new Unknown(`secure parameter '${decl.name}' (value withheld)`);
}

export interface ParameterSource {
  /** Values supplied from outside, keyed by lower-case name. */
  supplied: Map<string, SuppliedParameter>;
  /** What to tell the user when a required parameter has no value. */
  howToSupply: string;
  /** Where that advice points (the template for top level, the deployment resource for nested ones). */
  missingPointer?: string;
}

/**
 * The parameter table of a template. Every supplied value must be declared (ARM rejects the deployment
 * otherwise) and every declared parameter must end up with a value, so all are resolved up front.
 */
export function buildParameters(
  template: JsonObject,
  base: string,
  file: string,
  source: ParameterSource,
  env: () => Env,
  maxDepth: number,
): { lookup: (name: string) => unknown; declared: string[] } {
  const declared = getOwn(template, 'parameters');
  const decls = isJsonObject(declared) ? declared : {};
  const entries = new Map<string, LazyEntry>();
  for (const name of Object.keys(decls)) {
    const decl = decls[name];
    const pointer = childPointer(childPointer(base, 'parameters'), name);
    if (!isJsonObject(decl)) throw new InputError(`parameter '${name}' must be declared as an object with a "type"`, { file, pointer });
    const declaration = readDeclaration(name, decl);
    const supplied = source.supplied.get(name.toLowerCase());
    entries.set(name.toLowerCase(), {
      name,
      pointer,
      compute: () => {
        // ARM reads a supplied null as no value (Bicep modules pass optional parameters through as null),
        // so the defaultValue or nullability decides, as if nothing had been supplied.
        if (supplied !== undefined && supplied.value !== null) {
          return withheldIfSecure(declaration, coerceAndCheck(declaration, supplied.value, { file: supplied.file, pointer: supplied.pointer }));
        }
        const defaultValue = getOwnCaseInsensitive(decl, 'defaultValue');
        if (defaultValue === undefined) {
          if (isNullable(template, decl)) return null;
          throw new InputError(`parameter '${name}' has no value and no defaultValue: ${source.howToSupply.replace('{name}', name)}`, {
            file,
            pointer: source.missingPointer ?? pointer,
          });
        }
        const value = evaluateTemplateValue(defaultValue, env(), childPointer(pointer, 'defaultValue'));
        return withheldIfSecure(declaration, coerceAndCheck(declaration, value, { file, pointer: childPointer(pointer, 'defaultValue') }));
      },
    });
  }
  for (const [key, s] of source.supplied) {
    if (!entries.has(key)) {
      throw new InputError(`parameter '${s.name}' is given a value but the template does not declare it (ARM rejects the deployment)`, {
        file: s.file,
        pointer: s.pointer,
      });
    }
  }
  return { lookup: lazyLookup('parameter', entries, file, maxDepth), declared: [...entries.values()].map((e) => e.name) };
}

/** How many `$ref` links are followed from a parameter to its type definition (a cycle ends there). */
const MAX_REF_CHAIN = 32;

/**
 * Whether a parameter may be null: `nullable` on it, or on the type definition its `$ref` leads to (Bicep
 * puts it there for `type t = {...}?`, which Azure Verified Modules use for optional parameters).
 */
function isNullable(template: JsonObject, decl: JsonObject): boolean {
  let node: unknown = decl;
  for (let i = 0; i <= MAX_REF_CHAIN && isJsonObject(node); i++) {
    if (getOwnCaseInsensitive(node, 'nullable') === true) return true;
    const ref = getOwn(node, '$ref');
    if (typeof ref !== 'string') return false;
    node = localReference(template, ref);
  }
  return false;
}

/** The member of the template a local `$ref` (`#/definitions/name`, a JSON pointer) names. */
function localReference(template: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = template;
  for (const token of parsePointer(ref.slice(1))) {
    node = getOwn(node, token);
    if (node === undefined) return undefined;
  }
  return node;
}

/**
 * The variable table: plain variables plus the arrays a top-level `copy` block defines
 * (`variables.copy: [{name, count, input}]`, with `copyIndex('name')` inside `input`).
 */
export function buildVariables(template: JsonObject, base: string, file: string, env: () => Env, maxDepth: number): (name: string) => unknown {
  const declared = getOwn(template, 'variables');
  const vars = isJsonObject(declared) ? declared : {};
  const varsPointer = childPointer(base, 'variables');
  const entries = new Map<string, LazyEntry>();
  for (const name of Object.keys(vars)) {
    const pointer = childPointer(varsPointer, name);
    if (name.toLowerCase() === 'copy' && Array.isArray(vars[name])) {
      (vars[name] as unknown[]).forEach((spec, i) => {
        const specPointer = childPointer(pointer, i);
        const specName = getOwn(spec, 'name');
        if (!isJsonObject(spec) || typeof specName !== 'string' || getOwn(spec, 'count') === undefined || getOwn(spec, 'input') === undefined) {
          throw new InputError('a variable copy block needs "name", "count" and "input"', { file, pointer: specPointer });
        }
        entries.set(specName.toLowerCase(), { name: specName, pointer: specPointer, compute: () => unrollVariableCopy(spec, specName, env(), specPointer) });
      });
      continue;
    }
    entries.set(name.toLowerCase(), { name, pointer, compute: () => evaluateTemplateValue(vars[name], env(), pointer) });
  }
  return lazyLookup('variable', entries, file, maxDepth);
}

function unrollVariableCopy(spec: JsonObject, name: string, env: Env, pointer: string): unknown {
  const count = evaluateCopyCount(getOwn(spec, 'count'), env, childPointer(pointer, 'count'));
  if (isUnknown(count)) return count;
  const input = getOwn(spec, 'input');
  const out = new Array<unknown>(count);
  for (let i = 0; i < count; i++) {
    chargeCopyIteration(env.scope, pointer);
    out[i] = evaluateTemplateValue(input, { scope: env.scope, loops: { name, index: i, resourceLoop: false, outer: undefined } }, childPointer(pointer, 'input'));
  }
  return out;
}

/** `functions: [{namespace, members: {name: {parameters, output}}}]`, looked up case-insensitively. */
export function buildUserFunctions(template: JsonObject, base: string, file: string): (namespace: string, member: string) => UserFunction | undefined {
  const declared = getOwn(template, 'functions');
  const table = new Map<string, UserFunction>();
  if (Array.isArray(declared)) {
    declared.forEach((ns, i) => {
      const pointer = childPointer(childPointer(base, 'functions'), i);
      const namespace = getOwn(ns, 'namespace');
      const members = getOwn(ns, 'members');
      if (typeof namespace !== 'string' || !isJsonObject(members)) {
        throw new InputError('a function namespace needs a "namespace" name and "members"', { file, pointer });
      }
      for (const member of Object.keys(members)) {
        const def = members[member];
        const output = getOwn(def, 'output');
        const params = getOwn(def, 'parameters');
        if (!isJsonObject(output) || getOwn(output, 'value') === undefined) {
          throw new InputError(`function '${namespace}.${member}' needs an "output" with a "value"`, {
            file,
            pointer: childPointer(childPointer(pointer, 'members'), member),
          });
        }
        const parameters = (Array.isArray(params) ? params : []).map((p) => ({
          name: String(getOwn(p, 'name') ?? ''),
          type: String(getOwn(p, 'type') ?? ''),
        }));
        table.set(`${namespace.toLowerCase()}.${member.toLowerCase()}`, {
          parameters,
          output: { type: String(getOwn(output, 'type') ?? ''), value: getOwn(output, 'value') },
        });
      }
    });
  }
  return (namespace, member) => table.get(`${namespace.toLowerCase()}.${member.toLowerCase()}`);
}

export type { Scope };
