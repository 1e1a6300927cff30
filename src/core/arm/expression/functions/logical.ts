// Logical and comparison functions. if/and/or/coalesce are lazy: only what decides the result is
// evaluated, which is also what lets a known condition decide past an Unknown.

import { isUnknown, type Unknown } from '../../../model';
import { ExpressionError } from '../../types';
import type { CallSite, FunctionDef } from '../evaluator';
import type { ExprNode } from '../ast';
import { deepEquals, isInteger, typeName } from '../values';
import { expectBool, fn, wrongType } from './args';
import { compareInvariant } from '../collation';
import { LambdaValue } from '../values';

function evalArg(site: CallSite, node: ExprNode, i: number): unknown {
  const v = site.eval(node);
  if (v instanceof LambdaValue) site.fail(`argument ${i + 1} is a lambda expression, which this function does not take.`);
  return v;
}

function lazyIf(args: readonly ExprNode[], site: CallSite): unknown {
  const cond = evalArg(site, args[0]!, 0);
  if (isUnknown(cond)) return eitherBranch(args, site, cond);
  if (typeof cond !== 'boolean') wrongType(site, 0, 'a Boolean condition', cond);
  return evalArg(site, cond ? args[1]! : args[2]!, cond ? 1 : 2);
}

/**
 * With an Unknown condition either branch may be taken; when both give the same value the result is
 * still known. A branch that cannot be evaluated may simply be the one not taken, so it leaves the
 * result Unknown instead of failing; exhausted limits still stop evaluation.
 */
function eitherBranch(args: readonly ExprNode[], site: CallSite, cond: Unknown): unknown {
  let whenTrue: unknown;
  let whenFalse: unknown;
  try {
    whenTrue = evalArg(site, args[1]!, 1);
    whenFalse = evalArg(site, args[2]!, 2);
  } catch (e) {
    if (e instanceof ExpressionError) return cond;
    throw e;
  }
  return deepEquals(whenTrue, whenFalse, site.ctx.budget) === true ? whenTrue : cond;
}

/** and/or: the first argument equal to `decisive` decides; an Unknown only matters if nothing decides. */
function shortCircuit(decisive: boolean) {
  return (args: readonly ExprNode[], site: CallSite): unknown => {
    let pending: Unknown | undefined;
    for (let i = 0; i < args.length; i++) {
      const v = evalArg(site, args[i]!, i);
      if (isUnknown(v)) {
        pending ??= v;
        continue;
      }
      if (typeof v !== 'boolean') wrongType(site, i, 'a Boolean', v);
      if (v === decisive) return decisive;
    }
    return pending ?? !decisive;
  };
}

function coalesce(args: readonly ExprNode[], site: CallSite): unknown {
  for (let i = 0; i < args.length; i++) {
    const v = evalArg(site, args[i]!, i);
    // An Unknown might be null at deployment, so later arguments cannot be chosen with certainty.
    if (isUnknown(v)) return v;
    if (v !== null && v !== undefined) return v;
  }
  return null;
}

function toBool(args: unknown[], site: CallSite): boolean {
  const v = args[0];
  if (typeof v === 'boolean') return v;
  if (isInteger(v)) return v !== 0;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
    site.fail(`cannot convert the string '${v}' to a Boolean; use 'true' or 'false'.`);
  }
  return wrongType(site, 0, "a Boolean, an Integer or the String 'true'/'false'", v);
}

/** Numbers compare numerically, strings as .NET's invariant culture does; mixing the two is an error. */
function compare(site: CallSite, args: unknown[]): number {
  const [a, b] = args;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareInvariant(a, b);
  return site.fail(`both arguments must be numbers or both strings, got ${typeName(a)} and ${typeName(b)}.`);
}

export const logicalFunctions: FunctionDef[] = [
  { name: 'if', minArgs: 3, maxArgs: 3, lazy: lazyIf },
  { name: 'and', minArgs: 2, maxArgs: Infinity, lazy: shortCircuit(false) },
  { name: 'or', minArgs: 2, maxArgs: Infinity, lazy: shortCircuit(true) },
  { name: 'coalesce', minArgs: 1, maxArgs: Infinity, lazy: coalesce },
  fn('not', 1, 1, (args, site) => !expectBool(site, args, 0)),
  fn('bool', 1, 1, toBool),
  fn('true', 0, 0, () => true),
  fn('false', 0, 0, () => false),
  fn('null', 0, 0, () => null),
  fn('equals', 2, 2, (args, site) => deepEquals(args[0], args[1], site.ctx.budget), { acceptsUnknown: true }),
  fn('greater', 2, 2, (args, site) => compare(site, args) > 0),
  fn('greaterOrEquals', 2, 2, (args, site) => compare(site, args) >= 0),
  fn('less', 2, 2, (args, site) => compare(site, args) < 0),
  fn('lessOrEquals', 2, 2, (args, site) => compare(site, args) <= 0),
];
