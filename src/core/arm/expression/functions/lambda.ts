// Lambda functions: lambda(...) builds a closure over the unevaluated body; map/filter/reduce/sort/
// groupBy/mapValues/toObject call it once per element, each call one budget step. A predicate, key or
// comparison that is Unknown makes the whole result Unknown: its shape is not decidable.

import { Unknown, isUnknown } from '../../../model';
import type { ExprNode } from '../ast';
import type { CallSite, FunctionDef } from '../evaluator';
import { LambdaValue, setOwn, typeName, type JsonObject } from '../values';
import { expectArray, expectObject, expectString, fn } from './args';

function lambda(args: readonly ExprNode[], site: CallSite): LambdaValue {
  const params: string[] = [];
  for (let i = 0; i < args.length - 1; i++) {
    const name = site.eval(args[i]!);
    if (typeof name !== 'string' || name === '') site.fail(`parameter name ${i + 1} must be a non-empty String, got ${typeName(name)}.`);
    if (params.includes(name)) site.fail(`the parameter name '${name}' is used twice.`);
    params.push(name);
  }
  return new LambdaValue(params, args[args.length - 1]!, site.env.lambda, site.env.text);
}

function lambdaVariables(args: unknown[], site: CallSite): unknown {
  const name = expectString(site, args, 0);
  for (let scope = site.env.lambda; scope; scope = scope.parent) {
    const i = scope.names.indexOf(name);
    if (i >= 0) return scope.values[i];
  }
  return site.fail(`there is no lambda variable '${name}' here.`);
}

/** Call `f` with as many of `args` as it declares, if that count is one the function accepts. */
function call(site: CallSite, f: unknown, args: unknown[], allowed: readonly number[], argIndex: number): unknown {
  if (!(f instanceof LambdaValue)) site.fail(`argument ${argIndex + 1} must be a lambda expression, got ${typeName(f)}.`);
  if (!allowed.includes(f.params.length)) {
    site.fail(`the lambda in argument ${argIndex + 1} must take ${allowed.join(' or ')} parameter(s), it takes ${f.params.length}.`);
  }
  return site.invoke(f, args.slice(0, f.params.length), argIndex);
}

function map(args: unknown[], site: CallSite): unknown[] {
  const a = expectArray(site, args, 0);
  return a.map((x, i) => call(site, args[1], [x, i], [1, 2], 1));
}

function filter(args: unknown[], site: CallSite): unknown {
  const a = expectArray(site, args, 0);
  const out: unknown[] = [];
  for (let i = 0; i < a.length; i++) {
    const keep = call(site, args[1], [a[i], i], [1, 2], 1);
    if (isUnknown(keep)) return keep;
    if (typeof keep !== 'boolean') site.fail(`the predicate returned ${typeName(keep)} for element ${i}; it must return a Boolean.`);
    if (keep) out.push(a[i]);
  }
  return out;
}

function reduce(args: unknown[], site: CallSite): unknown {
  const a = expectArray(site, args, 0);
  let acc = args[1];
  for (let i = 0; i < a.length; i++) acc = call(site, args[2], [acc, a[i], i], [2, 3], 2);
  return acc;
}

class UndecidableOrder extends Error {
  constructor(readonly unknown: Unknown) {
    super(unknown.reason);
  }
}

function sort(args: unknown[], site: CallSite): unknown {
  const a = expectArray(site, args, 0);
  const before = (x: unknown, y: unknown): boolean => {
    const r = call(site, args[1], [x, y], [2], 1);
    if (isUnknown(r)) throw new UndecidableOrder(r);
    if (typeof r !== 'boolean') site.fail(`the comparison returned ${typeName(r)}; it must return a Boolean.`);
    return r;
  };
  try {
    // Array.prototype.sort is stable, so equal elements keep their order as in ARM.
    return a.slice().sort((x, y) => (before(x, y) ? -1 : before(y, x) ? 1 : 0));
  } catch (e) {
    if (e instanceof UndecidableOrder) return e.unknown;
    throw e;
  }
}

function keyOf(site: CallSite, k: unknown, what: string): string | Unknown {
  if (isUnknown(k)) return k;
  if (typeof k !== 'string') site.fail(`the ${what} lambda returned ${typeName(k)}; it must return a String.`);
  return k;
}

function groupBy(args: unknown[], site: CallSite): unknown {
  const a = expectArray(site, args, 0);
  const out: JsonObject = {};
  for (const x of a) {
    const k = keyOf(site, call(site, args[1], [x], [1], 1), 'key');
    if (isUnknown(k)) return k;
    const group = Object.prototype.hasOwnProperty.call(out, k) ? (out[k] as unknown[]) : [];
    group.push(x);
    setOwn(out, k, group);
  }
  return out;
}

function mapValues(args: unknown[], site: CallSite): unknown {
  const o = expectObject(site, args, 0);
  const out: JsonObject = {};
  for (const k of Object.keys(o)) setOwn(out, k, call(site, args[1], [o[k]], [1], 1));
  return out;
}

function toObject(args: unknown[], site: CallSite): unknown {
  const a = expectArray(site, args, 0);
  const out: JsonObject = {};
  for (const x of a) {
    const k = keyOf(site, call(site, args[1], [x], [1], 1), 'key');
    if (isUnknown(k)) return k;
    setOwn(out, k, args.length > 2 ? call(site, args[2], [x], [1], 2) : x);
  }
  return out;
}

const withLambda = { acceptsLambda: true } as const;

export const lambdaFunctions: FunctionDef[] = [
  { name: 'lambda', minArgs: 1, maxArgs: Infinity, lazy: lambda },
  fn('lambdaVariables', 1, 1, lambdaVariables),
  fn('map', 2, 2, map, withLambda),
  fn('filter', 2, 2, filter, withLambda),
  fn('reduce', 3, 3, reduce, withLambda),
  fn('sort', 2, 2, sort, withLambda),
  fn('groupBy', 2, 2, groupBy, withLambda),
  fn('mapValues', 2, 2, mapValues, withLambda),
  fn('toObject', 2, 3, toObject, withLambda),
];


