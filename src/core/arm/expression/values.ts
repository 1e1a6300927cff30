// The value model of ARM expressions on plain JSON-shaped JS values, and the helpers every function
// family shares: type names for messages, own-property-only object building (no prototype pollution),
// ARM's case-insensitive property lookup, deep equality, and the search for Unknowns inside values.

import { Unknown } from '../../model';
import { LimitError, type EvaluationBudget } from '../types';
import type { ExprNode } from './ast';

export type JsonObject = { [key: string]: unknown };

// Read once: under CommonJS every use of an imported binding is a getter call (see evaluator.ts).
const UnknownValue = Unknown;
const isUnknown = (v: unknown): v is Unknown => v instanceof UnknownValue;

/** A `lambda(...)` value: only meaningful as an argument of map/filter/reduce/sort/... */
export class LambdaValue {
  constructor(
    readonly params: readonly string[],
    readonly body: ExprNode,
    /** Lambda variables visible where the lambda was written (nested lambdas see outer ones). */
    readonly scope: LambdaScope | undefined,
    readonly text: string,
  ) {}
}

export interface LambdaScope {
  readonly names: readonly string[];
  readonly values: readonly unknown[];
  readonly parent: LambdaScope | undefined;
}

/** Nesting deeper than this inside one value is not a template, it is an attack on the stack. */
export const MAX_VALUE_DEPTH = 512;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof UnknownValue) && !(v instanceof LambdaValue);
}

export function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** ARM's names for value types, as they appear in its own error messages. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'Null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Float';
  if (typeof v === 'boolean') return 'Boolean';
  if (Array.isArray(v)) return 'Array';
  if (v instanceof LambdaValue) return 'Lambda';
  if (v instanceof UnknownValue) return 'Unknown';
  return 'Object';
}

const hasOwn = Object.prototype.hasOwnProperty;

export function hasOwnKey(o: object, key: string): boolean {
  return hasOwn.call(o, key);
}

/**
 * Set an own, enumerable data property. `__proto__` is the only key whose assignment would reach an
 * accessor on Object.prototype (and change the prototype), so only it needs defineProperty; plain
 * assignment of any other key creates an own data property and is much faster.
 */
export function setOwn(o: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  else o[key] = value;
}

export function objectFromEntries(entries: Iterable<readonly [string, unknown]>): JsonObject {
  const o: JsonObject = {};
  for (const [k, v] of entries) setOwn(o, k, v);
  return o;
}

/**
 * ARM property names are case-insensitive. An exact match wins; otherwise the first key that matches
 * ignoring case. Only own properties count, so `constructor` or `__proto__` never reach Object.prototype.
 */
export function findKey(o: JsonObject, name: string): string | undefined {
  if (hasOwn.call(o, name)) return name;
  const lower = name.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return k;
  return undefined;
}

export function getProperty(o: JsonObject, name: string): { found: boolean; value: unknown } {
  const key = findKey(o, name);
  return key === undefined ? { found: false, value: undefined } : { found: true, value: o[key] };
}

/**
 * One step of the budget for work proportional to the size of a value (comparing, searching,
 * serialising), so that repeating such work over a large value cannot run unbounded.
 */
export function spend(budget: EvaluationBudget | undefined): void {
  if (budget !== undefined && --budget.steps < 0) {
    throw new LimitError('The template needs more evaluation steps than the budget allows; it is too large or loops without end.');
  }
}

/** The first Unknown inside a value (depth-bounded), or undefined when the value is fully known. */
export function findUnknown(v: unknown, budget?: EvaluationBudget, depth = 0): Unknown | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  if (v instanceof UnknownValue) return v;
  if (depth > MAX_VALUE_DEPTH) throw new LimitError(`a value is nested deeper than ${MAX_VALUE_DEPTH} levels`);
  spend(budget);
  if (Array.isArray(v)) {
    for (const x of v) {
      const u = findUnknown(x, budget, depth + 1);
      if (u) return u;
    }
    return undefined;
  }
  if (v instanceof LambdaValue) return undefined;
  for (const k of Object.keys(v)) {
    const u = findUnknown((v as JsonObject)[k], budget, depth + 1);
    if (u) return u;
  }
  return undefined;
}

/**
 * JToken.DeepEquals semantics: strings case-sensitive, objects by key set regardless of order,
 * arrays by position. Returns an Unknown when the answer depends on an Unknown.
 */
export function deepEquals(a: unknown, b: unknown, budget?: EvaluationBudget, depth = 0): boolean | Unknown {
  if (isUnknown(a)) return a;
  if (isUnknown(b)) return b;
  if (depth > MAX_VALUE_DEPTH) throw new LimitError(`a value is nested deeper than ${MAX_VALUE_DEPTH} levels`);
  if (a === b) return true;
  spend(budget);
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    let pending: Unknown | undefined;
    for (let i = 0; i < a.length; i++) {
      const r = deepEquals(a[i], b[i], budget, depth + 1);
      if (r === false) return false;
      if (r !== true) pending ??= r;
    }
    return pending ?? true;
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    let pending: Unknown | undefined;
    for (const k of ka) {
      if (!hasOwn.call(b, k)) return false;
      const r = deepEquals(a[k], b[k], budget, depth + 1);
      if (r === false) return false;
      if (r !== true) pending ??= r;
    }
    return pending ?? true;
  }
  return false;
}

/** A copy of a JSON value built only from own data properties (used on json() and parameter input). */
export function toSafeJson(v: unknown, depth = 0): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (depth > MAX_VALUE_DEPTH) throw new LimitError(`a value is nested deeper than ${MAX_VALUE_DEPTH} levels`);
  if (Array.isArray(v)) return v.map((x) => toSafeJson(x, depth + 1));
  if (v instanceof UnknownValue || v instanceof LambdaValue) return v;
  const o: JsonObject = {};
  for (const k of Object.keys(v)) setOwn(o, k, toSafeJson((v as JsonObject)[k], depth + 1));
  return o;
}

/** A short rendering of a value for error messages. */
export function preview(v: unknown): string {
  let s: string;
  try {
    s = typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
