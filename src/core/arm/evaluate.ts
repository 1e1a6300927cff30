// Deep evaluation of template values: every expression string is evaluated where it stands (so an error
// names its exact JSON pointer), property `copy` blocks are unrolled, and literal sub-trees without any
// expression are returned as they are instead of being cloned.

import { InputError, formatLocated } from '../errors';
import { Unknown, isUnknown } from '../model';
import { callNesting, evaluateString, evaluateTemplateExpression, isExpressionString, templateExpression, type ParsedTemplateExpression } from './expression';
import { childPointer, getOwn, isJsonObject, preview, setOwn, type JsonObject } from './json';
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
 * What a scope knows of one expression string. A value is kept once every parameter and variable it reads
 * had been computed before it was evaluated (at the latest from its second evaluation on), so `cost` is
 * exactly the steps a re-evaluation takes: using the value charges them, and the step budget runs out
 * where it would without the memo.
 */
export interface Memo {
  readonly value: unknown;
  /** Steps to charge; SEEN, VARIANT and BY_INDEX mark entries without a value of their own. */
  readonly cost: number;
}

/** An expression whose value depends on the index of one copy loop (ParsedTemplateExpression.loopKey): a memo per index. */
interface LoopMemo extends Memo {
  readonly loop: string;
  readonly byIndex: (Memo | undefined)[];
}

/** Evaluated once; invariant, kept when evaluated again. */
const SEEN: Memo = { value: undefined, cost: -1 };
/** Neither scope-invariant nor dependent on one loop index (or not an expression): always evaluated. */
const VARIANT: Memo = { value: undefined, cost: -2 };
const BY_INDEX = -3;

export function newMemo(): Map<string, Memo> {
  return new Map();
}

/**
 * Whether `m` holds a value that can be used now; its steps are then charged. Only outside any
 * evaluation: an expression met while a variable is being computed is evaluated, so that call-nesting
 * limits apply exactly as before.
 */
function memoHit(scope: Scope, m: Memo | undefined): boolean {
  if (m === undefined || m.cost < 0 || scope.budget.steps < m.cost || callNesting() !== 0) return false;
  scope.budget.steps -= m.cost;
  return true;
}

/** The index `copyIndex(loop)` would give here ('' for copyIndex() without a name), or -1 outside that loop. */
function loopIndexOf(loops: LoopBinding | undefined, loop: string): number {
  if (loop === '') {
    let innermost = -1;
    for (let l = loops; l !== undefined; l = l.outer) {
      if (l.resourceLoop) return l.index;
      if (innermost < 0) innermost = l.index;
    }
    return innermost;
  }
  for (let l = loops; l !== undefined; l = l.outer) {
    if (l.name !== undefined && l.name.toLowerCase() === loop) return l.index;
  }
  return -1;
}

/** The memo of `m` that applies at these loops: `m` itself, or for a loop-dependent expression the one of the current index. */
function memoAt(m: Memo | undefined, loops: LoopBinding | undefined): Memo | undefined {
  if (m === undefined || m.cost !== BY_INDEX) return m;
  const byLoop = m as LoopMemo;
  const i = loopIndexOf(loops, byLoop.loop);
  return i < 0 ? undefined : byLoop.byIndex[i];
}

/**
 * Parameters and variables computed on first use so far (by any scope). An evaluation during which none
 * was computed took exactly the steps a re-evaluation takes, so its value can be kept right away.
 */
let lazyComputations = 0;

export function countLazyComputation(): void {
  lazyComputations++;
}

/** Records what an evaluation of `text` (parsed as `parsed`, undefined when it is not an expression) tells the memo. */
function learn(
  scope: Scope,
  text: string,
  parsed: ParsedTemplateExpression | undefined,
  m: Memo | undefined,
  loops: LoopBinding | undefined,
  value: unknown,
  stepsBefore: number,
  lazyBefore: number,
): void {
  const cost = stepsBefore - scope.budget.steps;
  const warm = lazyBefore === lazyComputations;
  if (m === undefined) {
    if (parsed !== undefined && parsed.scopeInvariant) {
      scope.memo.set(text, warm ? { value, cost } : SEEN);
      return;
    }
    const loop = parsed?.loopKey;
    if (loop === undefined) {
      scope.memo.set(text, VARIANT);
      return;
    }
    const entry: LoopMemo = { value: undefined, cost: BY_INDEX, loop, byIndex: [] };
    scope.memo.set(text, entry);
    m = entry;
  } else if (m === SEEN) {
    scope.memo.set(text, { value, cost });
    return;
  }
  if (m.cost !== BY_INDEX) return;
  const byLoop = m as LoopMemo;
  const i = loopIndexOf(loops, byLoop.loop);
  // Outside its loop the expression succeeded without reading copyIndex() (a branch not taken): not kept.
  if (i < 0) return;
  const at = byLoop.byIndex[i];
  if (at === undefined) byLoop.byIndex[i] = warm ? { value, cost } : SEEN;
  else if (at === SEEN) byLoop.byIndex[i] = { value, cost };
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
 * Keys of the values being walked, below the pointer each walk started at: one stack shared by all walks
 * (a walk may start another, for a variable computed on first use), so evaluating a value allocates no
 * key list and builds no pointer string unless an error needs one. Each walk remembers where its keys
 * begin and resets the stack to there when it ends, however it ends.
 */
const walkKeys: (string | number)[] = [];
let walkDepth = 0;

/** The JSON pointer `base` plus walkKeys[start, end). */
function pointerAt(base: string, start: number, end: number): string {
  let p = base;
  for (let i = start; i < end; i++) p = childPointer(p, walkKeys[i]!);
  return p;
}

/**
 * The EvaluationContext handed to the evaluator. A class with prototype methods, because closures per
 * call showed up in profiles. Set up for one evaluation, at the keys walked at that moment; its pointer
 * is joined only when asked (for an error message), while those keys are still on the stack. Contexts
 * are reused (see evaluateAt), so nothing may keep one after its evaluation.
 */
class TemplateContext implements EvaluationContext {
  constructor(
    private env: Env,
    private base: string,
    private start: number,
    private end: number,
  ) {}
  reset(env: Env, base: string, start: number, end: number): this {
    this.env = env;
    this.base = base;
    this.start = start;
    this.end = end;
    return this;
  }
  get pointer(): string {
    return pointerAt(this.base, this.start, this.end);
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

/** The contexts of the evaluations in progress in evaluateAt, by nesting (a variable computed during one starts another). */
const contexts: TemplateContext[] = [];
let contextDepth = 0;
/** What a context refers to between evaluations: nothing of a finished expansion stays reachable. */
const NO_ENV = { scope: undefined as unknown as Scope, loops: undefined } satisfies Env;

/**
 * An expression string at `base` plus walkKeys[start, walkDepth): its kept value, or its evaluation
 * (errors become InputErrors at that pointer).
 */
function evaluateAt(text: string, env: Env, base: string, start: number): unknown {
  const scope = env.scope;
  const m = scope.memo.get(text);
  const kept = memoAt(m, env.loops);
  if (memoHit(scope, kept)) return kept!.value;
  return evaluateFresh(text, env, base, start, m);
}

/** evaluateAt when the memo (entry `m`) holds no value to use. */
function evaluateFresh(text: string, env: Env, base: string, start: number, m: Memo | undefined): unknown {
  const scope = env.scope;
  const before = scope.budget.steps;
  const lazyBefore = lazyComputations;
  const end = walkDepth;
  const depth = contextDepth++;
  const ctx = (contexts[depth] ??= new TemplateContext(NO_ENV, '', 0, 0)).reset(env, base, start, end);
  let parsed: ParsedTemplateExpression | undefined;
  let value: unknown;
  try {
    if (isExpressionString(text)) {
      parsed = templateExpression(text, ctx);
      value = evaluateTemplateExpression(parsed, ctx);
    } else value = evaluateString(text, ctx);
  } catch (e) {
    throw asInputError(e, scope.file, pointerAt(base, start, end), text);
  } finally {
    ctx.reset(NO_ENV, '', 0, 0);
    contextDepth = depth;
  }
  if (m !== VARIANT) learn(scope, text, parsed, m, env.loops, value, before, lazyBefore);
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

/**
 * Evaluates a JSON value as the template states it. Copy-on-write: a sub-tree without expressions or
 * copy blocks comes back as the very same object, so literal property bags are never cloned.
 */
export function evaluateTemplateValue(value: unknown, env: Env, pointer: string, depth = 0): unknown {
  if (typeof value === 'string') return isExpressionCandidate(value) ? evaluateAt(value, env, pointer, walkDepth) : value;
  if (typeof value !== 'object' || value === null || isUnknown(value)) return value;
  const start = walkDepth;
  try {
    return walkObject(value, env, pointer, start, depth);
  } finally {
    walkDepth = start;
  }
}

/**
 * evaluateTemplateValue of the member `key` (or of its element `index`) of the value at `base`: the
 * pointer of the member is only built if an error needs it.
 */
export function evaluateMember(value: unknown, env: Env, base: string, key: string | number, index?: number): unknown {
  if (value === null || (typeof value !== 'object' && !isExpressionCandidate(value)) || isUnknown(value)) return value;
  let m: Memo | undefined;
  if (typeof value === 'string') {
    // A kept value is used before any key is stacked: nothing can fail.
    const scope = env.scope;
    m = scope.memo.get(value);
    const kept = memoAt(m, env.loops);
    if (memoHit(scope, kept)) return kept!.value;
  }
  const start = walkDepth;
  walkKeys[walkDepth++] = key;
  if (index !== undefined) walkKeys[walkDepth++] = index;
  try {
    return typeof value === 'string' ? evaluateFresh(value, env, base, start, m) : walkObject(value as object, env, base, start, 0);
  } finally {
    walkDepth = start;
  }
}

/** A member that is an expression string or an object (callers skip the other literals). */
function walkMember(item: unknown, env: Env, base: string, start: number, depth: number): unknown {
  if (typeof item === 'string') return evaluateAt(item, env, base, start);
  if (isUnknown(item)) return item;
  return walkObject(item as object, env, base, start, depth);
}

/** The value at `base` plus walkKeys[start, walkDepth). */
function walkObject(value: object, env: Env, base: string, start: number, depth: number): unknown {
  if (depth > MAX_JSON_DEPTH) throw new InputError(`JSON nested more than ${MAX_JSON_DEPTH} levels deep`, { file: env.scope.file, pointer: pointerAt(base, start, walkDepth) });
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === null || (typeof item !== 'object' && !isExpressionCandidate(item))) {
        if (out !== undefined) out[i] = item;
        continue;
      }
      walkKeys[walkDepth++] = i;
      const v = walkMember(item, env, base, start, depth + 1);
      walkDepth--;
      if (out === undefined && v !== item) out = value.slice(0, i);
      if (out !== undefined) out[i] = v;
    }
    return out ?? value;
  }
  const obj = value as JsonObject;
  let out: JsonObject | undefined;
  let cloned = false;
  let copyBlock: JsonObject[] | undefined;
  // for-in over own keys visits them in Object.keys order without allocating a key array per object
  // (V8 reuses the shape's enumeration cache); the own-property test keeps inherited keys out.
  for (const k in obj) {
    if (!hasOwnProperty.call(obj, k)) continue;
    const item = obj[k];
    let key = k;
    if (k.charCodeAt(0) === 0x5b /* [ */) {
      // A property name can be an expression too (Bicep's `'${x}': value`): the object is rebuilt, with
      // the keys so far, and this one under its value. Rare, so the common path only pays this test.
      key = evaluatePropertyName(k, env, base, start);
      if (key !== k) {
        out = keysSoFar(obj, k, out, cloned);
        cloned = false;
      }
    }
    if (item === null || (typeof item !== 'object' && !isExpressionCandidate(item))) {
      if (out !== undefined && !cloned) setOwn(out, key, item);
      continue;
    }
    if (k === 'copy' && isCopyBlock(item)) {
      // A property copy block: the object is rebuilt without it (the keys before it with their values so
      // far), and the arrays it defines are added once the other keys are done.
      copyBlock = item;
      out = keysSoFar(obj, k, out, cloned);
      cloned = false;
      continue;
    }
    walkKeys[walkDepth++] = k;
    const v = walkMember(item, env, base, start, depth + 1);
    walkDepth--;
    if (out === undefined) {
      if (v === item) continue;
      // Spread defines own data properties (a `__proto__` key stays data) and copies the object's shape
      // in one allocation, instead of growing a new object key by key.
      out = { ...obj };
      cloned = true;
    }
    // Cloned only while no key was renamed, so `key` is `k` there.
    if (cloned) {
      if (v !== item) setOwn(out, k, v);
    } else setOwn(out, key, v);
  }
  if (copyBlock !== undefined) {
    const pointer = pointerAt(base, start, walkDepth);
    copyBlock.forEach((spec, i) => {
      const specPointer = childPointer(childPointer(pointer, 'copy'), i);
      const name = getOwn(spec, 'name') as string;
      setOwn(out!, name, unrollCopy(spec, name, env, specPointer, depth));
    });
  }
  return out ?? obj;
}

/**
 * The name a property `[...]` stands for. An Unknown (or a value that is not a String) leaves the name as
 * written, as before names were evaluated: the member is kept rather than guessed at.
 */
function evaluatePropertyName(k: string, env: Env, base: string, start: number): string {
  walkKeys[walkDepth++] = k;
  try {
    const v = evaluateAt(k, env, base, start);
    return typeof v === 'string' ? v : k;
  } finally {
    walkDepth--;
  }
}

/**
 * The object being rebuilt holding the keys of `obj` before `stop`: `out` itself once it is rebuilt (it
 * then holds exactly those, renamed ones included), else a new one from `obj` or its clone.
 */
function keysSoFar(obj: JsonObject, stop: string, out: JsonObject | undefined, cloned: boolean): JsonObject {
  return out !== undefined && !cloned ? out : keysBefore(obj, stop, out);
}

/** A new object with the own keys of `obj` that come before `stop`, valued as in `current` when given (a clone of obj). */
function keysBefore(obj: JsonObject, stop: string, current: JsonObject | undefined): JsonObject {
  const out: JsonObject = {};
  for (const k in obj) {
    if (!hasOwnProperty.call(obj, k)) continue;
    if (k === stop) break;
    setOwn(out, k, current !== undefined ? current[k] : obj[k]);
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
