// Deep evaluation of template values: every expression string is evaluated where it stands (so an error
// names its exact JSON pointer), property `copy` blocks are unrolled, and literal sub-trees without any
// expression are returned as they are instead of being cloned.

import { InputError, formatLocated } from '../errors';
import { Unknown, isUnknown } from '../model';
import { evaluateString } from './expression';
import { childPointer, getOwn, isJsonObject, setOwn, type JsonObject } from './json';
import { ExpressionError, LimitError, type ArmScope, type EvaluationBudget, type EvaluationContext, type UserFunction } from './types';

/** A copy-loop iteration in force: the innermost first, linked outwards. */
export interface LoopBinding {
  name: string | undefined;
  index: number;
  /** Set for a resource-level loop: `copyIndex()` without a name means this one. */
  resourceLoop: boolean;
  outer: LoopBinding | undefined;
}

/** What expressions can see at one place in a template (shared by every value evaluated there). */
export interface Scope {
  file: string;
  scope: ArmScope;
  budget: EvaluationBudget;
  /** ARM's hard limit on copy counts, lowered by the budget when the caller asks for less. */
  maxCopyCount: number;
  parameter(name: string): unknown;
  variable(name: string): unknown;
  userFunction(namespace: string, member: string): UserFunction | undefined;
  reference(target: unknown, apiVersion?: unknown, full?: unknown): unknown;
}

export interface Env {
  scope: Scope;
  loops: LoopBinding | undefined;
}

/** ARM rejects larger copy counts: `The copy count must be less than or equal to 800`. */
export const ARM_MAX_COPY_COUNT = 800;

function copyIndexIn(loops: LoopBinding | undefined, loopName: string | undefined, where: string): number {
  if (loopName === undefined) {
    let innermost: LoopBinding | undefined;
    for (let l = loops; l !== undefined; l = l.outer) {
      if (l.resourceLoop) return l.index;
      innermost ??= l;
    }
    if (innermost !== undefined) return innermost.index;
    throw new ExpressionError(`copyIndex() is used outside a copy loop`, where);
  }
  const wanted = loopName.toLowerCase();
  for (let l = loops; l !== undefined; l = l.outer) {
    if (l.name !== undefined && l.name.toLowerCase() === wanted) return l.index;
  }
  throw new ExpressionError(`copyIndex('${loopName}') is used outside the copy loop '${loopName}'`, where);
}

export function contextAt(env: Env, pointer: string): EvaluationContext {
  const s = env.scope;
  const loops = env.loops;
  return {
    file: s.file,
    pointer,
    scope: s.scope,
    budget: s.budget,
    parameter: s.parameter,
    variable: s.variable,
    copyIndex: (loopName?: string) => copyIndexIn(loops, loopName, ''),
    userFunction: s.userFunction,
    reference: s.reference,
  };
}

/** Evaluates one string; errors from the expression language become InputErrors at `pointer`. */
export function evaluateTemplateString(text: string, env: Env, pointer: string): unknown {
  if (text.length === 0 || text.charCodeAt(0) !== 0x5b /* [ */) return text;
  try {
    return evaluateString(text, contextAt(env, pointer));
  } catch (e) {
    throw asInputError(e, env.scope.file, pointer, text);
  }
}

/** Converts evaluator failures to user-facing errors; anything unexpected (a bug) passes through untouched. */
export function asInputError(e: unknown, file: string, pointer: string, text?: string): unknown {
  if (e instanceof InputError) return e;
  if (!(e instanceof ExpressionError) && !(e instanceof LimitError) && !(e instanceof RangeError && /call stack/i.test(e.message))) return e;
  // The evaluator prefixes its messages with the location it was given; the InputError adds it again.
  const prefix = formatLocated('', { file, pointer });
  let message = e instanceof RangeError ? 'the expression is nested too deeply to evaluate' : e.message;
  if (message.startsWith(prefix)) message = message.slice(prefix.length);
  const shown = text === undefined ? '' : text.length > 300 ? `${text.slice(0, 300)}…` : text;
  const inner = text !== undefined && text.length > 2 ? text.slice(1, -1) : '';
  const quoted = shown === '' || (inner !== '' && message.includes(inner)) ? '' : ` ${JSON.stringify(shown)}`;
  const lead = e instanceof ExpressionError ? `cannot evaluate the expression${quoted}` : `evaluation stopped${quoted}`;
  return new InputError(`${lead}: ${message}`, { file, pointer });
}

const literalCache = new WeakMap<object, boolean>();
const MAX_JSON_DEPTH = 512;

/** True when a sub-tree contains an expression string or a property `copy` block (and so must be evaluated). */
export function needsEvaluation(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.length > 0 && value.charCodeAt(0) === 0x5b;
  if (typeof value !== 'object' || value === null) return false;
  const cached = literalCache.get(value);
  if (cached !== undefined) return cached;
  if (depth > MAX_JSON_DEPTH) return true; // let evaluation report the depth with a pointer
  let result = false;
  if (Array.isArray(value)) {
    for (const v of value) if (needsEvaluation(v, depth + 1)) { result = true; break; }
  } else if (isUnknown(value)) {
    result = false;
  } else {
    const obj = value as JsonObject;
    if (isCopyBlock(getOwn(obj, 'copy'))) result = true;
    else for (const k of Object.keys(obj)) if (needsEvaluation(obj[k], depth + 1)) { result = true; break; }
  }
  literalCache.set(value, result);
  return result;
}

/** `copy: [{name, count, input}]` inside properties or variables. */
export function isCopyBlock(v: unknown): v is JsonObject[] {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((c) => isJsonObject(c) && typeof getOwn(c, 'name') === 'string' && getOwn(c, 'count') !== undefined && getOwn(c, 'input') !== undefined)
  );
}

/** Evaluates a JSON value in place of the template, returning literal sub-trees unchanged. */
export function evaluateTemplateValue(value: unknown, env: Env, pointer: string, depth = 0): unknown {
  if (typeof value === 'string') return evaluateTemplateString(value, env, pointer);
  if (typeof value !== 'object' || value === null || isUnknown(value)) return value;
  if (depth > MAX_JSON_DEPTH) throw new InputError(`JSON nested more than ${MAX_JSON_DEPTH} levels deep`, { file: env.scope.file, pointer });
  if (!needsEvaluation(value)) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = evaluateTemplateValue(value[i], env, childPointer(pointer, i), depth + 1);
    return out;
  }
  const obj = value as JsonObject;
  const out: JsonObject = {};
  const copy = getOwn(obj, 'copy');
  const copyBlock = isCopyBlock(copy) ? copy : undefined;
  for (const k of Object.keys(obj)) {
    if (copyBlock !== undefined && k === 'copy') continue;
    setOwn(out, k, evaluateTemplateValue(obj[k], env, childPointer(pointer, k), depth + 1));
  }
  if (copyBlock !== undefined) {
    copyBlock.forEach((spec, i) => {
      const specPointer = childPointer(childPointer(pointer, 'copy'), i);
      const name = getOwn(spec, 'name') as string;
      setOwn(out, name, unrollCopy(spec, name, env, specPointer, depth));
    });
  }
  return out;
}

/** The array a `{name, count, input}` block produces. */
export function unrollCopy(spec: JsonObject, name: string, env: Env, specPointer: string, depth: number): unknown[] | Unknown {
  const count = evaluateCopyCount(getOwn(spec, 'count'), env, childPointer(specPointer, 'count'));
  if (isUnknown(count)) return count;
  const input = getOwn(spec, 'input');
  const inputPointer = childPointer(specPointer, 'input');
  const items = new Array<unknown>(count);
  for (let i = 0; i < count; i++) {
    chargeSteps(env.scope, 1, specPointer);
    const inner: Env = { scope: env.scope, loops: { name, index: i, resourceLoop: false, outer: env.loops } };
    items[i] = evaluateTemplateValue(input, inner, inputPointer, depth + 1);
  }
  return items;
}

/** A copy count: a whole number from 0 up to the limit, or Unknown when it depends on deployment-time state. */
export function evaluateCopyCount(raw: unknown, env: Env, pointer: string): number | Unknown {
  const v = evaluateTemplateValue(raw, env, pointer);
  if (isUnknown(v)) return v;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new InputError(`copy count must be a whole number of 0 or more, got ${JSON.stringify(v)}`, { file: env.scope.file, pointer });
  }
  if (n > env.scope.maxCopyCount) {
    throw new InputError(`copy count ${n} exceeds the limit of ${env.scope.maxCopyCount} copies`, { file: env.scope.file, pointer });
  }
  return n;
}

export function chargeSteps(scope: Scope, n: number, pointer: string): void {
  scope.budget.steps -= n;
  if (scope.budget.steps < 0) {
    throw new InputError('the template needs more evaluation steps than the limit allows (copy loops or nesting too large)', {
      file: scope.file,
      pointer,
    });
  }
}
