// Parameter values: where they come from (a parameters file, a nested deployment's `parameters`, the
// template's defaultValue) and the checks ARM applies before deploying (type, allowedValues, bounds).

import { InputError } from '../errors';
import { Unknown, isUnknown } from '../model';
import { childPointer, getOwn, isJsonObject, preview } from './json';

/** A value supplied for a parameter, and where it was written (for error messages). */
export interface SuppliedParameter {
  name: string;
  value: unknown;
  file: string;
  pointer: string;
}

/**
 * Reads `{parameters: {x: {value}}}` (or the bare `{x: {value}}` form the Azure CLI also accepts).
 * A Key Vault `reference` becomes Unknown: the secret is only resolved by ARM at deployment.
 */
export function readParametersFile(file: string, json: unknown): Map<string, SuppliedParameter> {
  if (!isJsonObject(json)) throw new InputError('a parameters file must be a JSON object', { file, pointer: '' });
  const wrapped = getOwn(json, 'parameters');
  const entries = isJsonObject(wrapped) ? wrapped : json;
  const base = isJsonObject(wrapped) ? '/parameters' : '';
  const out = new Map<string, SuppliedParameter>();
  for (const name of Object.keys(entries)) {
    if (base === '' && (name === '$schema' || name === 'contentVersion')) continue;
    const pointer = childPointer(base, name);
    const entry = entries[name];
    out.set(name.toLowerCase(), { name, value: readSuppliedEntry(entry, name, file, pointer), file, pointer });
  }
  return out;
}

/** One `{value}` / `{reference}` entry, already evaluated where it came from a nested deployment. */
export function readSuppliedEntry(entry: unknown, name: string, file: string, pointer: string): unknown {
  if (!isJsonObject(entry)) {
    throw new InputError(`parameter '${name}' must be an object with a "value" (or a Key Vault "reference")`, { file, pointer });
  }
  if (Object.prototype.hasOwnProperty.call(entry, 'value')) return entry.value;
  const reference = getOwn(entry, 'reference');
  if (isUnknown(reference)) return new Unknown(`parameter '${name}' comes from a reference that is only known at deployment`);
  if (isJsonObject(reference)) {
    const vaultId = getOwn(getOwn(reference, 'keyVault'), 'id');
    const secret = getOwn(reference, 'secretName');
    const vaultText = typeof vaultId === 'string' ? vaultId : 'a Key Vault';
    const secretText = typeof secret === 'string' ? secret : '?';
    return new Unknown(`Key Vault secret '${secretText}' in ${vaultText}`);
  }
  throw new InputError(`parameter '${name}' has neither "value" nor "reference"`, { file, pointer });
}

export interface ParameterDeclaration {
  name: string;
  type?: string;
  allowedValues?: unknown[];
  minValue?: number;
  maxValue?: number;
  minLength?: number;
  maxLength?: number;
}

/** The members readDeclaration reads, by lower-case name (ARM reads them case-insensitively). */
const DECLARATION_MEMBERS = ['type', 'allowedValues', 'minValue', 'maxValue', 'minLength', 'maxLength'];
const MEMBER_INDEX = new Map(DECLARATION_MEMBERS.map((m, i) => [m.toLowerCase(), i]));

export function readDeclaration(name: string, decl: unknown): ParameterDeclaration {
  // One pass over the keys, as getOwnCaseInsensitive would answer for each member: the key spelled
  // exactly as documented wins, else the first key equal to it ignoring case.
  const values: unknown[] = [undefined, undefined, undefined, undefined, undefined, undefined];
  const found = [0, 0, 0, 0, 0, 0];
  if (isJsonObject(decl)) {
    for (const k of Object.keys(decl)) {
      const i = MEMBER_INDEX.get(k.toLowerCase());
      if (i === undefined) continue;
      const exact = k === DECLARATION_MEMBERS[i];
      if (found[i] === 2 || (found[i] === 1 && !exact)) continue;
      values[i] = decl[k];
      found[i] = exact ? 2 : 1;
    }
  }
  const [type, allowed, minValue, maxValue, minLength, maxLength] = values;
  return {
    name,
    type: typeof type === 'string' ? type.toLowerCase() : undefined,
    allowedValues: Array.isArray(allowed) ? allowed : undefined,
    minValue: typeof minValue === 'number' ? minValue : undefined,
    maxValue: typeof maxValue === 'number' ? maxValue : undefined,
    minLength: typeof minLength === 'number' ? minLength : undefined,
    maxLength: typeof maxLength === 'number' ? maxLength : undefined,
  };
}


const INTEGER_TEXT = /^[+-]?\d+$/;

/**
 * ARM converts strings to int and bool when the declared type asks for them (parameter files written by
 * hand often quote numbers); anything else of the wrong type fails the deployment, so it fails here.
 */
export function coerceAndCheck(decl: ParameterDeclaration, value: unknown, where: { file: string; pointer: string }): unknown {
  if (isUnknown(value)) return value;
  const fail = (what: string): never => {
    throw new InputError(`parameter '${decl.name}' ${what}`, where);
  };
  let v = value;
  switch (decl.type) {
    case 'string':
    case 'securestring':
      if (typeof v !== 'string') fail(`is declared ${decl.type} but the value is ${describe(v)}`);
      break;
    case 'int':
      if (typeof v === 'string' && INTEGER_TEXT.test(v.trim())) v = Number(v.trim());
      if (typeof v !== 'number' || !Number.isInteger(v)) fail(`is declared int but the value is ${describe(value)}`);
      break;
    case 'bool':
      if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) v = v.trim().toLowerCase() === 'true';
      if (typeof v !== 'boolean') fail(`is declared bool but the value is ${describe(value)}`);
      break;
    case 'object':
    case 'secureobject':
      if (!isJsonObject(v)) fail(`is declared ${decl.type} but the value is ${describe(v)}`);
      break;
    case 'array':
      if (!Array.isArray(v)) fail(`is declared array but the value is ${describe(v)}`);
      break;
    default:
      break;
  }
  if (decl.allowedValues !== undefined) {
    const items = decl.type === 'array' && Array.isArray(v) ? v : [v];
    for (const item of items) {
      if (isUnknown(item)) continue;
      if (!decl.allowedValues.some((a) => looselyEqual(a, item))) {
        fail(`has the value ${preview(item)}, which is not one of the allowedValues ${preview(decl.allowedValues)}`);
      }
    }
  }
  if (typeof v === 'number') {
    if (decl.minValue !== undefined && v < decl.minValue) fail(`is ${v}, below minValue ${decl.minValue}`);
    if (decl.maxValue !== undefined && v > decl.maxValue) fail(`is ${v}, above maxValue ${decl.maxValue}`);
  }
  if (typeof v === 'string' || Array.isArray(v)) {
    if (decl.minLength !== undefined && v.length < decl.minLength) fail(`has length ${v.length}, below minLength ${decl.minLength}`);
    if (decl.maxLength !== undefined && v.length > decl.maxLength) fail(`has length ${v.length}, above maxLength ${decl.maxLength}`);
  }
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${preview(v)}`;
}

/** allowedValues comparison: strings case-insensitively (as ARM does), everything else structurally. */
function looselyEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (a === b) return true;
  // Deeper than any real allowed value: not equal, rather than a stack overflow.
  if (depth > MAX_COMPARE_DEPTH) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => looselyEqual(x, b[i], depth + 1));
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && looselyEqual(a[k], b[k], depth + 1));
  }
  return false;
}

const MAX_COMPARE_DEPTH = 512;
