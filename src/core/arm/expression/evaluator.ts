// Tree-walking evaluator. Every call consumes one budget step; nesting of calls (through lambdas and
// user-defined functions too) is bounded so hostile input ends in LimitError, never a stack overflow.
// Unknown propagates: a function receiving an Unknown argument returns it, unless the function is
// marked `acceptsUnknown` because its result can still be decided.

import { Unknown } from '../../model';
import { ExpressionError, LimitError, type EvaluationContext } from '../types';
import type { CallNode, ExprNode } from './ast';
import { lookupFunction } from './functions/registry';
import { parseExpression, parseTemplateEntry, parseTemplateExpression, type ParsedTemplateExpression } from './parser';
import { LambdaValue, getProperty, isObject, isInteger, preview, typeName, type LambdaScope, MAX_VALUE_DEPTH, setOwn, type JsonObject } from './values';

// Imported bindings are read once into module constants: under CommonJS as tsx and esbuild emit it,
// every use of an imported name is a getter call, which showed up in the scan profile.
const UnknownValue = Unknown;
const Lambda = LambdaValue;
const lookup = lookupFunction;
const parse = parseExpression;
const isUnknown = (v: unknown): v is Unknown => v instanceof UnknownValue;

export interface Env {
  readonly ctx: EvaluationContext;
  /** The expression text being evaluated, for error messages. */
  readonly text: string;
  readonly lambda: LambdaScope | undefined;
  /** How many user-defined function bodies enclose this evaluation. */
  readonly fnDepth: number;
}

/** Nested calls being evaluated right now, across lambdas, user functions and nested evaluateValue. */
export const MAX_CALL_NESTING = 1_000;
let activeCalls = 0;
const sites: CallSite[] = [];
/** The argument lists of the calls in progress, by nesting level and argument count (see evalCall). */
const argLists: unknown[][] = [];
const ARG_COUNTS = 8;

/** Calls being evaluated right now: 0 unless an evaluation is under way (a variable computed on first use). */
export function callNesting(): number {
  return activeCalls;
}

export interface FunctionDef {
  /** Canonical spelling, used in messages. */
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** The function decides itself what an Unknown argument means (otherwise the result is that Unknown). */
  readonly acceptsUnknown?: boolean;
  /** The function takes `lambda(...)` arguments. */
  readonly acceptsLambda?: boolean;
  readonly eval?: (args: unknown[], site: CallSite) => unknown;
  /** Receives unevaluated arguments: for if/and/or/coalesce (short-circuit) and lambda (deferred body). */
  readonly lazy?: (args: readonly ExprNode[], site: CallSite) => unknown;
  /**
   * For a function of one String argument that looks it up (parameters, variables): what `eval` gives for
   * a literal argument, without an argument list or a call site (the most frequent calls of all).
   */
  readonly byName?: (name: string, ctx: EvaluationContext) => unknown;
}

/** What a function implementation can ask of the evaluator about its own call. */
export class CallSite {
  constructor(
    public def: FunctionDef,
    public node: CallNode,
    public env: Env,
  ) {}

  get ctx(): EvaluationContext {
    return this.env.ctx;
  }

  /** An ExpressionError naming the function, the expression and the position of the call. */
  fail(message: string): never {
    throw callError(this.def.name, message, this.env.text, this.node.pos);
  }

  eval(node: ExprNode): unknown {
    return evalNode(node, this.env);
  }

  /** Consume budget for work proportional to input size (iterations, produced elements). */
  step(n = 1): void {
    consume(this.env.ctx, n);
  }

  checkArrayLength(n: number): void {
    const max = this.env.ctx.budget.maxArrayLength;
    if (n > max) throw new LimitError(`${this.def.name}() would produce an array of ${n} elements; the limit is ${max}.`);
  }

  checkStringLength(n: number): void {
    const max = this.env.ctx.budget.maxStringLength;
    if (n > max) throw new LimitError(`${this.def.name}() would produce a string of ${n} characters; the limit is ${max}.`);
  }

  /**
   * Bound a produced string and pay for it: long strings cost one step per 4 characters, so that a
   * loop building large strings ends in LimitError before it exhausts memory. Short ones are free.
   */
  produced(s: string): string {
    this.checkStringLength(s.length);
    if (s.length > 256) consume(this.env.ctx, s.length >> 2);
    return s;
  }

  /** Call a lambda argument; each invocation is one budget step. */
  invoke(fn: unknown, args: unknown[], argIndex: number): unknown {
    if (!(fn instanceof LambdaValue)) this.fail(`argument ${argIndex + 1} must be a lambda expression, got ${typeName(fn)}.`);
    if (fn.params.length !== args.length) {
      this.fail(`the lambda in argument ${argIndex + 1} must take ${args.length} parameter(s), it takes ${fn.params.length}.`);
    }
    consume(this.env.ctx, 1);
    const env: Env = { ctx: this.env.ctx, text: fn.text, lambda: { names: fn.params, values: args, parent: fn.scope }, fnDepth: this.env.fnDepth };
    return evalNode(fn.body, env);
  }
}

export function callError(fn: string, message: string, text: string, pos: number): ExpressionError {
  return new ExpressionError(`The template function '${fn}' in '[${text}]' (character ${pos + 1}): ${message}`, text, pos);
}

function consume(ctx: EvaluationContext, n: number): void {
  const budget = ctx.budget;
  budget.steps -= n;
  if (budget.steps < 0) throw new LimitError('The template needs more evaluation steps than the budget allows; it is too large or loops without end.');
}

/** Evaluate expression text (without brackets). */
export function evaluateParsed(text: string, ctx: EvaluationContext): unknown {
  return finish(evalNode(parse(text), { ctx, text, lambda: undefined, fnDepth: 0 }), text);
}

/** Evaluate `[...]` as it stands in the template (the caller has checked that it is an expression). */
export function evaluateBracketed(s: string, ctx: EvaluationContext): unknown {
  return evaluateEntry(parseTemplateEntry(s), ctx);
}

function detached(): never {
  throw new Error('an expression context was used after its evaluation ended');
}

/** What a pooled Env refers to between evaluations. */
const DETACHED: EvaluationContext = {
  file: '',
  pointer: '',
  scope: { targetScope: 'tenant', tenantId: '', deploymentName: '', location: '' },
  budget: { steps: 0, maxArrayLength: 0, maxStringLength: 0, maxDepth: 0 },
  parameter: detached,
  variable: detached,
  copyIndex: detached,
  userFunction: detached,
};

/**
 * The outermost Env of each evaluation in progress, by nesting (a variable computed on first use starts
 * an evaluation inside another): reused, since nothing keeps an Env after its evaluation returns.
 */
const rootEnvs: { ctx: EvaluationContext; text: string; lambda: undefined; fnDepth: 0 }[] = [];
let rootDepth = 0;

/** Evaluate a parsed `[...]` string. */
export function evaluateEntry(parsed: ParsedTemplateExpression, ctx: EvaluationContext): unknown {
  const text = parsed.text;
  let env = rootEnvs[rootDepth];
  if (env === undefined) rootEnvs[rootDepth] = env = { ctx, text, lambda: undefined, fnDepth: 0 };
  else {
    env.ctx = ctx;
    env.text = text;
  }
  rootDepth++;
  try {
    return finish(evalNode(parsed.node, env), text);
  } finally {
    rootDepth--;
    // Not kept past the evaluation: the context leads to the whole expansion.
    env.ctx = DETACHED;
  }
}

function finish(value: unknown, text: string): unknown {
  if (value instanceof Lambda) {
    throw new ExpressionError(`'[${text}]' is a lambda expression, which can only be an argument of map(), filter(), reduce(), sort() and similar functions.`, text, 0);
  }
  return value;
}

export function evalNode(node: ExprNode, env: Env): unknown {
  switch (node.kind) {
    case 'string':
    case 'number':
      return node.value;
    case 'call':
      return evalCall(node, env);
    case 'property':
      return access(evalNode(node.target, env), node.name, node, env);
    case 'index': {
      const target = evalNode(node.target, env);
      const index = evalNode(node.index, env);
      if (isUnknown(index)) return isUnknown(target) ? target : index;
      return access(target, index, node, env);
    }
  }
}

function access(target: unknown, key: unknown, node: ExprNode, env: Env): unknown {
  if (isUnknown(target)) return target;
  if (Array.isArray(target)) {
    if (!isInteger(key)) throw accessError(env, node, `an array can only be indexed by an integer, not by ${typeName(key)} ${preview(key)}.`);
    if (key < 0 || key >= target.length) {
      throw accessError(env, node, `index ${key} is outside the array bounds (length ${target.length}).`);
    }
    return target[key];
  }
  if (isObject(target)) {
    if (typeof key !== 'string') throw accessError(env, node, `an object property name must be a String, not ${typeName(key)}.`);
    const { found, value } = getProperty(target, key);
    if (!found) {
      const keys = Object.keys(target);
      const list = keys.length === 0 ? 'the object has no properties' : `available properties are ${keys.slice(0, 20).map((k) => `'${k}'`).join(', ')}${keys.length > 20 ? ', …' : ''}`;
      throw accessError(env, node, `the property '${key}' does not exist; ${list}.`);
    }
    return value;
  }
  throw accessError(env, node, `cannot read ${typeof key === 'string' ? `property '${key}'` : `index ${preview(key)}`} of ${typeName(target)}.`);
}

function accessError(env: Env, node: ExprNode, message: string): ExpressionError {
  return new ExpressionError(`In '[${env.text}]' (character ${node.pos + 1}): ${message}`, env.text, node.pos);
}

function evalCall(node: CallNode, env: Env): unknown {
  consume(env.ctx, 1);
  activeCalls++;
  try {
    if (activeCalls > MAX_CALL_NESTING) throw new LimitError(`Template function calls are nested deeper than ${MAX_CALL_NESTING} levels.`);
    if (node.namespace !== undefined) return callUserFunction(node, env);
    let def = node.def;
    if (def === undefined) {
      def = lookup(node.key);
      if (def === undefined) throw callError(node.name, 'this is not a template function.', env.text, node.pos);
      node.def = def;
    }
    const n = node.args.length;
    if (n < def.minArgs || n > def.maxArgs) {
      throw callError(def.name, `expects ${arityText(def)}, got ${n}.`, env.text, node.pos);
    }
    if (def.byName !== undefined) {
      const arg = node.args[0]!;
      if (arg.kind === 'string') return def.byName(arg.value, env.ctx);
    }
    // One CallSite per nesting level, reused: a call at this level is the only one using it until it
    // returns (nested calls are a level deeper), and no function keeps its site beyond its own call.
    let site = sites[activeCalls];
    if (site === undefined) sites[activeCalls] = site = new CallSite(def, node, env);
    else {
      site.def = def;
      site.node = node;
      site.env = env;
    }
    if (def.lazy !== undefined) return def.lazy(node.args, site);
    // One argument list per nesting level, reused like the sites: no function keeps its argument list
    // (they read it, or copy it: createArray slices it) and a call at this level is the only one using
    // it until it returns. It is emptied afterwards, so it keeps no value alive.
    // Kept per level and count (setting an array's length is a slow path): an exact-length list for
    // the counts calls have; a fresh one for a call of more arguments than that.
    const slot = activeCalls * ARG_COUNTS + n;
    let args = n < ARG_COUNTS ? argLists[slot] : undefined;
    if (args === undefined) {
      args = new Array<unknown>(n).fill(undefined);
      if (n < ARG_COUNTS) argLists[slot] = args;
    }
    let unknownArg: Unknown | undefined;
    for (let i = 0; i < n; i++) {
      const v = evalNode(node.args[i]!, env);
      if (v instanceof Lambda && !def.acceptsLambda) {
        site.fail(`argument ${i + 1} is a lambda expression, which this function does not take.`);
      }
      if (unknownArg === undefined && isUnknown(v)) unknownArg = v;
      args[i] = v;
    }
    const result = unknownArg !== undefined && !def.acceptsUnknown ? unknownArg : def.eval!(args, site);
    for (let i = 0; i < n; i++) args[i] = undefined;
    return result;
  } finally {
    activeCalls--;
  }
}

function arityText(def: FunctionDef): string {
  const plural = (k: number) => `${k} argument${k === 1 ? '' : 's'}`;
  if (def.minArgs === def.maxArgs) return plural(def.minArgs);
  if (def.maxArgs === Infinity) return `at least ${plural(def.minArgs)}`;
  return `${def.minArgs} to ${plural(def.maxArgs)}`;
}

function callUserFunction(node: CallNode, env: Env): unknown {
  const ctx = env.ctx;
  const full = `${node.namespace}.${node.name}`;
  const fn = ctx.userFunction(node.namespace!, node.name);
  if (fn === undefined) throw callError(full, 'this user-defined function is not declared in the template.', env.text, node.pos);
  if (node.args.length !== fn.parameters.length) {
    throw callError(full, `expects ${fn.parameters.length} argument(s), got ${node.args.length}.`, env.text, node.pos);
  }
  if (env.fnDepth + 1 > ctx.budget.maxDepth) {
    throw new LimitError(`User-defined function calls are nested deeper than ${ctx.budget.maxDepth} levels (at ${full}).`);
  }
  const values = node.args.map((a) => evalNode(a, env));
  const byName = new Map<string, unknown>();
  fn.parameters.forEach((p, i) => byName.set(p.name.toLowerCase(), values[i]));
  // A user-defined function sees only its own parameters: no template parameters, variables or loops.
  // Delegation is explicit, so any shape of caller context (class, closures, private fields) works.
  const inner: EvaluationContext = {
    file: ctx.file,
    // Asked only for an error message: the caller's pointer may be built on demand.
    get pointer() {
      return ctx.pointer;
    },
    scope: ctx.scope,
    budget: ctx.budget,
    parameter(name: string) {
      const key = String(name).toLowerCase();
      if (!byName.has(key)) throw callError(full, `the function has no parameter '${name}'.`, env.text, node.pos);
      return byName.get(key);
    },
    variable(name: string) {
      throw callError(full, `a user-defined function cannot use variables('${name}').`, env.text, node.pos);
    },
    copyIndex() {
      throw callError(full, 'a user-defined function cannot use copyIndex().', env.text, node.pos);
    },
    userFunction: (namespace: string, member: string) => ctx.userFunction(namespace, member),
  };
  if (ctx.reference !== undefined) inner.reference = (target, apiVersion, mode) => ctx.reference!(target, apiVersion, mode);
  return walkValue(fn.output.value, { ctx: inner, text: env.text, lambda: undefined, fnDepth: env.fnDepth + 1 }, 0);
}

/** Evaluate every expression string inside a JSON value; `path` collects the location for errors. */
export function walkValue(value: unknown, env: Env, depth: number, path?: string[]): unknown {
  if (typeof value === 'string') {
    if (value.length >= 2 && value.charCodeAt(0) === 0x5b && value.charCodeAt(value.length - 1) === 0x5d) {
      if (value.charCodeAt(1) === 0x5b) return value.slice(1);
      const text = value.slice(1, -1);
      const result = evalNode(parseTemplateExpression(value), { ctx: env.ctx, text, lambda: env.lambda, fnDepth: env.fnDepth });
      if (result instanceof LambdaValue) {
        throw new ExpressionError(`'[${text}]' is a lambda expression, which can only be an argument of a lambda function.`, text, 0);
      }
      return result;
    }
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_VALUE_DEPTH) throw new LimitError(`A value is nested deeper than ${MAX_VALUE_DEPTH} levels.`);
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      path?.push(String(i));
      out[i] = walkValue(value[i], env, depth + 1, path);
      path?.pop();
    }
    return out;
  }
  if (isUnknown(value) || value instanceof LambdaValue) return value;
  const out: JsonObject = {};
  for (const k of Object.keys(value)) {
    path?.push(k);
    // A property name can be an expression too; an Unknown (or a non-String) leaves it as written.
    let key = k;
    if (k.charCodeAt(0) === 0x5b /* [ */) {
      const name = walkValue(k, env, depth + 1, path);
      if (typeof name === 'string') key = name;
    }
    setOwn(out, key, walkValue((value as JsonObject)[k], env, depth + 1, path));
    path?.pop();
  }
  return out;
}
