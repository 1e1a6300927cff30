// Argument checks shared by the function families: each names the function, the argument position,
// the expected ARM type and what was given.

import type { CallSite, FunctionDef } from '../evaluator';
import { isInteger, isObject, typeName, type JsonObject } from '../values';
import { preview } from '../values';

export function expectString(site: CallSite, args: unknown[], i: number): string {
  const v = args[i];
  if (typeof v !== 'string') wrongType(site, i, 'a String', v);
  return v;
}

export function expectInt(site: CallSite, args: unknown[], i: number): number {
  const v = args[i];
  if (!isInteger(v)) wrongType(site, i, 'an Integer', v);
  return v;
}

export function expectBool(site: CallSite, args: unknown[], i: number): boolean {
  const v = args[i];
  if (typeof v !== 'boolean') wrongType(site, i, 'a Boolean', v);
  return v;
}

export function expectArray(site: CallSite, args: unknown[], i: number): unknown[] {
  const v = args[i];
  if (!Array.isArray(v)) wrongType(site, i, 'an Array', v);
  return v;
}

export function expectObject(site: CallSite, args: unknown[], i: number): JsonObject {
  const v = args[i];
  if (!isObject(v)) wrongType(site, i, 'an Object', v);
  return v;
}

export function wrongType(site: CallSite, i: number, expected: string, got: unknown): never {
  const shown = got === null || got === undefined ? '' : ` ${preview(got)}`;
  return site.fail(`argument ${i + 1} must be ${expected}, got ${typeName(got)}${shown}.`);
}

/** Shorthand for building data-driven function tables. */
export function fn(
  name: string,
  minArgs: number,
  maxArgs: number,
  evalFn: (args: unknown[], site: CallSite) => unknown,
  extra: Partial<Pick<FunctionDef, 'acceptsUnknown' | 'acceptsLambda' | 'byName'>> = {},
): FunctionDef {
  return { name, minArgs, maxArgs, eval: evalFn, ...extra };
}
