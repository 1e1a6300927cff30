// The function table: every family contributes data-driven definitions, looked up by lower-case name.

import type { FunctionDef } from '../evaluator';
import { cidrFunctions } from './cidr';
import { collectionFunctions } from './collection';
import { dateFunctions } from './date';
import { deploymentFunctions } from './deployment';
import { lambdaFunctions } from './lambda';
import { logicalFunctions } from './logical';
import { numericFunctions } from './numeric';
import { listFunction, resourceFunctions } from './resource';
import { stringFunctions } from './string';

const ALL: FunctionDef[][] = [
  cidrFunctions,
  dateFunctions,
  collectionFunctions,
  deploymentFunctions,
  lambdaFunctions,
  logicalFunctions,
  numericFunctions,
  resourceFunctions,
  stringFunctions,
];

function build(): Map<string, FunctionDef> {
  const map = new Map<string, FunctionDef>();
  for (const family of ALL) {
    for (const def of family) {
      const key = def.name.toLowerCase();
      if (map.has(key)) throw new Error(`template function '${def.name}' is defined twice`);
      map.set(key, def);
    }
  }
  return map;
}

const TABLE = build();

/** Names of every built-in function, for tests and diagnostics. */
export const FUNCTION_NAMES: readonly string[] = [...TABLE.values()].map((d) => d.name);

/** Name and accepted argument counts of every built-in function. */
export const FUNCTION_SIGNATURES: readonly { name: string; minArgs: number; maxArgs: number }[] = [...TABLE.values()].map((d) => ({
  name: d.name,
  minArgs: d.minArgs,
  maxArgs: d.maxArgs,
}));

export function lookupFunction(key: string): FunctionDef | undefined {
  const def = TABLE.get(key);
  if (def !== undefined) return def;
  // listKeys, listSecrets, listAccountSas, ...: ARM resolves any `list*` name against the resource provider.
  if (key.startsWith('list') && key.length > 4) return listFunction;
  return undefined;
}
