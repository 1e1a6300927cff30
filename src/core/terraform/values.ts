// One attribute of a planned resource, with Terraform's three states made explicit. In plan JSON an
// attribute that is null is "not set" (the service default applies), while an attribute that is
// absent from planned values or marked in `after_unknown` is only known after apply — and then it
// must become an Unknown, never "not set", or a control would judge a value nobody has seen yet.

import { Unknown } from '../model';
import { child, isObject, setOwn, type JsonObject } from './json-access';
import type { PlanInstance } from './plan';

export type Slot =
  | { state: 'value'; value: unknown }
  /** `absent` when the plan shows the attribute is not in this provider version's schema. */
  | { state: 'null'; absent?: boolean }
  /**
   * `absent` when the attribute is missing rather than marked unknown (it may not exist in this provider
   * version); `withheld` when it has a value the plan marks sensitive (never read, so never reported).
   */
  | { state: 'unknown'; unknown: Unknown; absent?: boolean; withheld?: boolean };

export type Path = readonly (string | number)[];

export function splitPath(path: string): (string | number)[] {
  return path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function formatPath(path: Path): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/**
 * Reads `path` from a resource's planned values alongside its after_unknown and sensitivity mirrors. A
 * missing list element (a block that is not configured) is "not set". Terraform writes every schema
 * attribute of a known object, null included, and leaves out only unknown ones: a missing object key
 * is unknown, unless the resource's after_unknown (which marks each of those) does not mark it. A value
 * marked sensitive is withheld as an Unknown, like an ARM secure parameter: null is still "not set".
 * It takes the instance whole, so no read can leave out its sensitivity marks.
 */
export function readSlot(inst: Pick<PlanInstance, 'address' | 'values' | 'afterUnknown' | 'sensitive'>, path: Path): Slot {
  const { address, values, afterUnknown, sensitive } = inst;
  let v: unknown = values;
  let u: unknown = afterUnknown;
  let m: unknown = sensitive;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string | number;
    if (u === true) return unknownSlot(address, path, 'is known only after apply');
    if (v === null) return { state: 'null' };
    if (m === true) return withheldSlot(address, path.slice(0, i));
    const next = child(v, seg);
    u = child(u, seg);
    m = child(m, seg);
    if (next === undefined) {
      if (u === true) return unknownSlot(address, path, 'is known only after apply');
      if (Array.isArray(v)) return { state: 'null' };
      // after_unknown marks every attribute planned values leave out for being unknown, so one it does
      // not mark is not in this provider version's schema: nobody set it, the service default applies.
      if (isObject(afterUnknown)) return { state: 'null', absent: true };
      return { ...unknownSlot(address, path, 'is not in the planned values, so it is known only after apply'), absent: true };
    }
    v = next;
  }
  if (u === true) return unknownSlot(address, path, 'is known only after apply');
  if (v === null) return { state: 'null' };
  if (m === true) return withheldSlot(address, path);
  return { state: 'value', value: materialize(address, v, u, m, path) };
}

const WITHHELD = 'is marked sensitive in the plan (value withheld)';

/** `path` is the marked attribute itself (a block above the one read names the block). */
function withheldSlot(address: string, path: Path): Slot & { state: 'unknown' } {
  return { ...unknownSlot(address, path, WITHHELD), withheld: true };
}

function unknownSlot(address: string, path: Path, why: string): Slot & { state: 'unknown' } {
  return { state: 'unknown', unknown: new Unknown(`${address}: ${formatPath(path)} ${why}`) };
}

/** Deeper than any provider schema nests; a hostile plan must not exhaust the stack. */
const MAX_VALUE_DEPTH = 64;

/**
 * A copy of a known value with Unknowns where after_unknown marks nested parts (a tag, a list element)
 * and where the sensitivity mirror `m` marks them (withheld, unless null).
 */
function materialize(address: string, v: unknown, u: unknown, m: unknown, path: Path): unknown {
  if (u === true) return new Unknown(`${address}: ${formatPath(path)} is known only after apply`);
  if (m === true && v !== null) return new Unknown(`${address}: ${formatPath(path)} ${WITHHELD}`);
  if (path.length > MAX_VALUE_DEPTH) return new Unknown(`${address}: ${formatPath(path.slice(0, 3))}… is nested more than ${MAX_VALUE_DEPTH} levels deep, so ControlTrace did not read it`);
  if (Array.isArray(v)) {
    const len = Math.max(v.length, Array.isArray(u) ? u.length : 0);
    const out: unknown[] = [];
    for (let i = 0; i < len; i++) out.push(materialize(address, v[i] ?? null, child(u, i), child(m, i), [...path, i]));
    return out;
  }
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) setOwn(out, k, materialize(address, v[k], child(u, k), child(m, k), [...path, k]));
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
