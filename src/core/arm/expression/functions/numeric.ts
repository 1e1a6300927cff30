// Integer arithmetic as ARM does it on 64-bit integers: division truncates toward zero, the remainder
// takes the dividend's sign. Results beyond ±2^53 cannot be represented exactly here and are refused.

import type { CallSite, FunctionDef } from '../evaluator';
import { isInteger } from '../values';
import { expectInt, fn, wrongType } from './args';

function exact(site: CallSite, n: number): number {
  if (!Number.isSafeInteger(n)) site.fail(`the result ${n} is outside the exactly representable integer range (±2^53).`);
  return n === 0 ? 0 : n;
}

function arithmetic(op: (a: number, b: number, site: CallSite) => number) {
  return (args: unknown[], site: CallSite): number => exact(site, op(expectInt(site, args, 0), expectInt(site, args, 1), site));
}

/** ARM's int() takes an Integer or a String only ("expects ... one of the following types 'Integer, String'"). */
function toInt(args: unknown[], site: CallSite): number {
  const v = args[0];
  if (isInteger(v)) return v;
  if (typeof v === 'string') {
    const s = v.trim();
    if (!/^[+-]?\d+$/.test(s)) site.fail(`cannot convert the string '${v}' to an integer.`);
    return exact(site, Number(s));
  }
  return wrongType(site, 0, 'an Integer or a String', v);
}

function toFloat(args: unknown[], site: CallSite): number {
  const v = args[0];
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const s = v.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) site.fail(`cannot convert the string '${v}' to a number.`);
    const n = Number(s);
    if (!Number.isFinite(n)) site.fail(`the number '${v}' is out of range.`);
    return n;
  }
  return wrongType(site, 0, 'a String or a number', v);
}

export const numericFunctions: FunctionDef[] = [
  fn('add', 2, 2, arithmetic((a, b) => a + b)),
  fn('sub', 2, 2, arithmetic((a, b) => a - b)),
  fn('mul', 2, 2, arithmetic((a, b) => a * b)),
  fn('div', 2, 2, arithmetic((a, b, site) => (b === 0 ? site.fail('division by zero.') : Math.trunc(a / b)))),
  fn('mod', 2, 2, arithmetic((a, b, site) => (b === 0 ? site.fail('division by zero.') : a % b))),
  fn('int', 1, 1, toInt),
  fn('float', 1, 1, toFloat),
];
