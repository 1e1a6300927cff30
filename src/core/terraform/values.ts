// One attribute of a planned resource, with Terraform's three states made explicit. In plan JSON an
// attribute that is null is "not set" (the service default applies), while an attribute that is
// absent from planned values or marked in `after_unknown` is only known after apply — and then it
// must become an Unknown, never "not set", or a control would judge a value nobody has seen yet.

import { Unknown } from '../model';
import { child, isObject, setOwn, type JsonObject } from './json-access';

export type Slot =
  | { state: 'value'; value: unknown }
  | { state: 'null' }
  /** `absent` when the attribute is missing rather than marked unknown (it may not exist in this provider version). */
  | { state: 'unknown'; unknown: Unknown; absent?: boolean };

export type Path = readonly (string | number)[];

export function splitPath(path: string): (string | number)[] {
  return path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function formatPath(path: Path): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/**
 * Reads `path` from a resource's planned values alongside its after_unknown mirror. A missing list
 * element (a block that is not configured) is "not set"; a missing object key is unknown, because
 * Terraform writes every schema attribute of a known object, null included.
 */
export function readSlot(address: string, values: JsonObject, afterUnknown: unknown, path: Path): Slot {
  let v: unknown = values;
  let u: unknown = afterUnknown;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string | number;
    if (u === true) return unknownSlot(address, path, 'is known only after apply');
    if (v === null) return { state: 'null' };
    const next = child(v, seg);
    u = child(u, seg);
    if (next === undefined) {
      if (u === true) return unknownSlot(address, path, 'is known only after apply');
      if (Array.isArray(v)) return { state: 'null' };
      return { ...unknownSlot(address, path, 'is not in the planned values, so it is known only after apply'), absent: true };
    }
    v = next;
  }
  if (u === true) return unknownSlot(address, path, 'is known only after apply');
  if (v === null) return { state: 'null' };
  return { state: 'value', value: materialize(address, v, u, path) };
}

function unknownSlot(address: string, path: Path, why: string): Slot & { state: 'unknown' } {
  return { state: 'unknown', unknown: new Unknown(`${address}: ${formatPath(path)} ${why}`) };
}

/** Deeper than any provider schema nests; a hostile plan must not exhaust the stack. */
const MAX_VALUE_DEPTH = 64;

/** A copy of a known value with Unknowns where after_unknown marks nested parts (a tag, a list element). */
function materialize(address: string, v: unknown, u: unknown, path: Path): unknown {
  if (u === true) return new Unknown(`${address}: ${formatPath(path)} is known only after apply`);
  if (path.length > MAX_VALUE_DEPTH) return new Unknown(`${address}: ${formatPath(path.slice(0, 3))}… is nested more than ${MAX_VALUE_DEPTH} levels deep, so ControlTrace did not read it`);
  if (Array.isArray(v)) {
    const len = Math.max(v.length, Array.isArray(u) ? u.length : 0);
    const out: unknown[] = [];
    for (let i = 0; i < len; i++) out.push(materialize(address, v[i] ?? null, child(u, i), [...path, i]));
    return out;
  }
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) setOwn(out, k, materialize(address, v[k], child(u, k), [...path, k]));
    if (isObject(u)) {
      for (const k of Object.keys(u)) {
        if (u[k] === true && !Object.prototype.hasOwnProperty.call(v, k)) setOwn(out, k, new Unknown(`${address}: ${formatPath([...path, k])} is known only after apply`));
      }
    }
    return out;
  }
  return v;
}

/**
 * A plan value as text without calling anything of its own: `String()` of an object from the plan would call
 * its `toString` member, and plan JSON may well have a key of that name (`{"toString": null}` throws).
 */
export function plainText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || typeof v !== 'object') return String(v);
  return JSON.stringify(v) ?? '';
}
