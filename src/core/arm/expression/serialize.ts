// How ARM turns values into text: string() of an object/array is compact JSON, a Boolean is `True` /
// `False` (JToken.ToString of .NET), null is the empty string. Text containing an Unknown is Unknown.

import { Unknown } from '../../model';
import { LimitError, type EvaluationBudget } from '../types';
import { LambdaValue, MAX_VALUE_DEPTH, findUnknown, spend } from './values';

/** Compact JSON the way ARM's string() prints objects and arrays; throws LimitError past maxStringLength. */
export function toJsonText(v: unknown, budget: EvaluationBudget): string {
  const maxLength = budget.maxStringLength;
  const parts: string[] = [];
  let length = 0;
  const push = (s: string) => {
    length += s.length;
    if (length > maxLength) throw new LimitError(`A value serialised to text is longer than ${maxLength} characters.`);
    parts.push(s);
  };
  const walk = (x: unknown, depth: number): void => {
    if (depth > MAX_VALUE_DEPTH) throw new LimitError(`A value is nested deeper than ${MAX_VALUE_DEPTH} levels.`);
    spend(budget);
    if (x === null || x === undefined) return push('null');
    if (typeof x === 'number') return push(numberText(x));
    if (typeof x === 'string' || typeof x === 'boolean') return push(JSON.stringify(x));
    if (Array.isArray(x)) {
      push('[');
      x.forEach((e, i) => {
        if (i > 0) push(',');
        walk(e, depth + 1);
      });
      return push(']');
    }
    if (x instanceof Unknown || x instanceof LambdaValue) return push(JSON.stringify(String(x)));
    push('{');
    Object.keys(x).forEach((k, i) => {
      if (i > 0) push(',');
      push(JSON.stringify(k));
      push(':');
      walk((x as Record<string, unknown>)[k], depth + 1);
    });
    push('}');
  };
  walk(v, 0);
  return parts.join('');
}

/** Integers print plainly; floats as .NET prints doubles (no exponent for ordinary magnitudes). */
export function numberText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(n);
}

/**
 * The text of a value as string(), concat() and format() see it. Returns the Unknown when the
 * text depends on one.
 */
export function toArmString(v: unknown, budget: EvaluationBudget): string | Unknown {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return numberText(v);
  if (v instanceof Unknown) return v;
  const u = findUnknown(v, budget);
  if (u) return u;
  return toJsonText(v, budget);
}
