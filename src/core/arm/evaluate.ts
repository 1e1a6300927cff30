// Deep evaluation of template values: every expression string is evaluated where it stands (so an error
// names its exact JSON pointer), property `copy` blocks are unrolled, and literal sub-trees without any
// expression are returned as they are instead of being cloned.

import { InputError, formatLocated } from '../errors';
import { Unknown, isUnknown } from '../model';
import { callNesting, evaluateString, isScopeInvariant } from './expression';
import { childPointer, getOwn, hasOwn, isJsonObject, preview, setOwn, type JsonObject } from './json';
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
  /**
   * Copy iterations left for the whole file. Nested copy loops multiply (800 × 800 × 800), and the step
   * budget alone would let such a file run for seconds and fill memory before stopping.
   */
  copyIterations: { remaining: number; readonly limit: number };
  parameter(name: string): unknown;
  variable(name: string): unknown;
  userFunction(namespace: string, member: string): UserFunction | undefined;
  reference(target: unknown, apiVersion?: unknown, full?: unknown): unknown;
  /**
   * Values of scope-invariant expression strings evaluated here, by their text: compiled templates repeat
   * `[parameters('location')]` or `[resourceId(...)]` in every resource. Shared values are never changed
   * (nothing downstream writes into evaluated values; literal sub-trees are shared the same way).
   */
  memo: Map<string, Memo>;
}

/**
 * What a scope knows of one expression string. A value is kept from the second evaluation on, when every
 * parameter and variable it reads has been computed, so `cost` is exactly the steps a re-evaluation
 * takes: using the value charges them, and the step budget runs out where it would without the memo.
 */
export interface Memo {
  readonly value: unknown;
  /** Steps to charge; SEEN and VARIANT are markers without a value. */
  readonly cost: number;
}

/** Evaluated once; invariant, kept when evaluated again. */
const SEEN: Memo = { value: undefined, cost: -1 };
/** Not scope-invariant (or not an expression): always evaluated. */
const VARIANT: Memo = { value: undefined, cost: -2 };

export function newMemo(): Map<string, Memo> {
  return new Map();
}

/**
 * The kept value of `text`, or undefined. Only used outside any evaluation: an expression met while a
 * variable is being computed is evaluated, so that call-nesting limits apply exactly as before.
 */
function memoHit(scope: Scope, m: Memo | undefined): boolean {
  if (m === undefined || m.cost < 0 || scope.budget.steps < m.cost || callNesting() !== 0) return false;
  scope.budget.steps -= m.cost;
  return true;
}

function learn(scope: Scope, text: string, m: Memo | undefined, value: unknown, stepsBefore: number): void {
  if (m === undefined) scope.memo.set(text, isScopeInvariant(text) ? SEEN : VARIANT);
  else if (m === SEEN) scope.memo.set(text, { value, cost: stepsBefore - scope.budget.steps });
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

/**
 * The EvaluationContext handed to the evaluator. A class with prototype methods, because closures per
 * call showed up in profiles. Its pointer is the walk's starting pointer plus the keys walked below it,
 * joined only when asked (for an error message): the success path builds no pointer strings. One context
 * serves every expression of a walk; the keys are those of the value being evaluated at the time.
 */
class TemplateContext implements EvaluationContext {
  constructor(
    private readonly env: Env,
    private readonly base: string,
    private readonly keys: readonly (string | number)[] | undefined,
  ) {}
  get pointer(): string {
    return this.keys === undefined ? this.base : pointerAt(this.base, this.keys);
  }
  get file(): string {
    return this.env.scope.file;
  }
  get scope(): ArmScope {
    return this.env.scope.scope;
  }
  get budget(): EvaluationBudget {
    return this.env.scope.budget;
  }
  parameter(name: string): unknown {
    return this.env.scope.parameter(name);
  }
  variable(name: string): unknown {
    return this.env.scope.variable(name);
  }
  copyIndex(loopName?: string): number {
    return copyIndexIn(this.env.loops, loopName, '');
  }
  userFunction(namespace: string, member: string): UserFunction | undefined {
    return this.env.scope.userFunction(namespace, member);
  }
  reference(target: unknown, apiVersion?: unknown, full?: unknown): unknown {
    return this.env.scope.reference(target, apiVersion, full);
  }
}

/** The JSON pointer of `keys` below `base`. */
function pointerAt(base: string, keys: readonly (string | number)[]): string {
  let p = base;
  for (let i = 0; i < keys.length; i++) p = childPointer(p, keys[i]!);
  return p;
}

export function contextAt(env: Env, pointer: string): EvaluationContext {
  return new TemplateContext(env, pointer, undefined);
}

/** Evaluates one string; errors from the expression language become InputErrors at `pointer`. */
export function evaluateTemplateString(text: string, env: Env, pointer: string): unknown {
  if (text.length === 0 || text.charCodeAt(0) !== 0x5b /* [ */) return text;
  const scope = env.scope;
  const m = scope.memo.get(text);
  if (memoHit(scope, m)) return m!.value;
  const before = scope.budget.steps;
  let value: unknown;
  try {
    value = evaluateString(text, contextAt(env, pointer));
  } catch (e) {
    throw asInputError(e, scope.file, pointer, text);
  }
  if (m !== VARIANT) learn(scope, text, m, value, before);
  return value;
}

/** Converts evaluator failures to user-facing errors; anything unexpected (a bug) passes through untouched. */
export function asInputError(e: unknown, file: string, pointer: string, text?: string): unknown {
  if (e instanceof InputError) return e;
  const stackOverflow = e instanceof RangeError && /call stack/i.test(e.message);
  if (!(e instanceof ExpressionError) && !(e instanceof LimitError) && !stackOverflow) return e;
  // The evaluator prefixes its messages with the location it was given; the InputError adds it again.
  const prefix = formatLocated('', { file, pointer });
  let message = stackOverflow ? 'the expression is nested too deeply to evaluate' : (e as Error).message;
  if (message.startsWith(prefix)) message = message.slice(prefix.length);
  const shown = text === undefined ? '' : text.length > 300 ? `${text.slice(0, 300)}…` : text;
  const inner = text !== undefined && text.length > 2 ? text.slice(1, -1) : '';
  const quoted = shown === '' || (inner !== '' && message.includes(inner)) ? '' : ` ${JSON.stringify(shown)}`;
  const lead = e instanceof ExpressionError ? `cannot evaluate the expression${quoted}` : `evaluation stopped${quoted}`;
  return new InputError(`${lead}: ${message}`, { file, pointer });
}

const MAX_JSON_DEPTH = 512;

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** `copy: [{name, count, input}]` inside properties or variables. */
export function isCopyBlock(v: unknown): v is JsonObject[] {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((c) => isJsonObject(c) && typeof getOwn(c, 'name') === 'string' && getOwn(c, 'count') !== undefined && getOwn(c, 'input') !== undefined)
  );
}

function isExpressionCandidate(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.charCodeAt(0) === 0x5b;
}

/** One evaluation of a JSON value: where it started, the keys below that, and the context its expressions share. */
interface Walk {
  readonly env: Env;
  readonly base: string;
  readonly keys: (string | number)[];
  ctx: TemplateContext | undefined;
}

/**
 * Evaluates a JSON value as the template states it. Copy-on-write: a sub-tree without expressions or
 * copy blocks comes back as the very same object, so literal property bags are never cloned.
 */
export function evaluateTemplateValue(value: unknown, env: Env, pointer: string, depth = 0): unknown {
  if (typeof value === 'string') return isExpressionCandidate(value) ? evaluateTemplateString(value, env, pointer) : value;
  if (typeof value !== 'object' || value === null || isUnknown(value)) return value;
  return walkObject(value, { env, base: pointer, keys: [], ctx: undefined }, depth);
}

/** An expression string met by a walk, evaluated at the walk's current keys. */
function walkString(text: string, w: Walk): unknown {
  const scope = w.env.scope;
  const m = scope.memo.get(text);
  if (memoHit(scope, m)) return m!.value;
  const before = scope.budget.steps;
  let value: unknown;
  try {
    value = evaluateString(text, (w.ctx ??= new TemplateContext(w.env, w.base, w.keys)));
  } catch (e) {
    throw asInputError(e, scope.file, pointerAt(w.base, w.keys), text);
  }
  if (m !== VARIANT) learn(scope, text, m, value, before);
  return value;
}

/** A member that is an expression string or an object (callers skip the other literals). */
function walkMember(item: unknown, w: Walk, depth: number): unknown {
  if (typeof item === 'string') return walkString(item, w);
  if (isUnknown(item)) return item;
  return walkObject(item as object, w, depth);
}

function walkObject(value: object, w: Walk, depth: number): unknown {
  if (depth > MAX_JSON_DEPTH) throw new InputError(`JSON nested more than ${MAX_JSON_DEPTH} levels deep`, { file: w.env.scope.file, pointer: pointerAt(w.base, w.keys) });
  const keys = w.keys;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === null || (typeof item !== 'object' && !isExpressionCandidate(item))) {
        if (out !== undefined) out[i] = item;
        continue;
      }
      keys.push(i);
      const v = walkMember(item, w, depth + 1);
      keys.pop();
      if (out === undefined && v !== item) out = value.slice(0, i);
      if (out !== undefined) out[i] = v;
    }
    return out ?? value;
  }
  const obj = value as JsonObject;
  const copy = hasOwn(obj, 'copy') ? obj.copy : undefined;
  const copyBlock = copy !== undefined && isCopyBlock(copy) ? copy : undefined;
  let out: JsonObject | undefined = copyBlock !== undefined ? {} : undefined;
  let cloned = false;
  // for-in over own keys visits them in Object.keys order without allocating a key array per object
  // (V8 reuses the shape's enumeration cache); the own-property test keeps inherited keys out.
  for (const k in obj) {
    if (!hasOwnProperty.call(obj, k)) continue;
    if (copyBlock !== undefined && k === 'copy') continue;
    const item = obj[k];
    if (item === null || (typeof item !== 'object' && !isExpressionCandidate(item))) {
      if (out !== undefined && !cloned) setOwn(out, k, item);
      continue;
    }
    keys.push(k);
    const v = walkMember(item, w, depth + 1);
    keys.pop();
    if (out === undefined) {
      if (v === item) continue;
      // Spread defines own data properties (a `__proto__` key stays data) and copies the object's shape
      // in one allocation, instead of growing a new object key by key.
      out = { ...obj };
      cloned = true;
    }
    if (cloned) {
      if (v !== item) setOwn(out, k, v);
    } else setOwn(out, k, v);
  }
  if (copyBlock !== undefined) {
    const pointer = pointerAt(w.base, keys);
    copyBlock.forEach((spec, i) => {
      const specPointer = childPointer(childPointer(pointer, 'copy'), i);
      const name = getOwn(spec, 'name') as string;
      setOwn(out!, name, unrollCopy(spec, name, w.env, specPointer, depth));
    });
  }
  return out ?? obj;
}

/** The array a `{name, count, input}` block produces. */
export function unrollCopy(spec: JsonObject, name: string, env: Env, specPointer: string, depth: number): unknown[] | Unknown {
  const count = evaluateCopyCount(getOwn(spec, 'count'), env, childPointer(specPointer, 'count'));
  if (isUnknown(count)) return count;
  const input = getOwn(spec, 'input');
  const inputPointer = childPointer(specPointer, 'input');
  const items = new Array<unknown>(count);
  for (let i = 0; i < count; i++) {
    chargeCopyIteration(env.scope, specPointer);
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
    throw new InputError(`copy count must be a whole number of 0 or more, got ${preview(v)}`, { file: env.scope.file, pointer });
  }
  if (n > env.scope.maxCopyCount) {
    throw new InputError(`copy count ${n} exceeds the limit of ${env.scope.maxCopyCount} copies`, { file: env.scope.file, pointer });
  }
  return n;
}

/** One iteration of any copy loop (resource, property, variable or output). */
export function chargeCopyIteration(scope: Scope, pointer: string): void {
  if (--scope.copyIterations.remaining < 0) {
    throw new InputError(`copy loops in this file produce more than ${scope.copyIterations.limit} elements in total`, { file: scope.file, pointer });
  }
  chargeSteps(scope, 1, pointer);
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
