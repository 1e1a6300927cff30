// Reading ARM-shaped resources the way ARM itself does: property names are case-insensitive, and
// any value may be an Unknown (only known after deployment). Only own properties are ever read, so
// `__proto__` / `constructor` keys in hostile input are data, never the prototype chain.

import { isUnknown, Unknown, type NormalizedResource } from '../model';

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function member(container: unknown, key: string): unknown {
  if (Array.isArray(container)) {
    if (!/^\d+$/.test(key)) return undefined;
    const i = Number(key);
    return i < container.length ? container[i] : undefined;
  }
  if (container === null || typeof container !== 'object') return undefined;
  const obj = container as Record<string, unknown>;
  if (hasOwn(obj, key)) return obj[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) {
    if (k.toLowerCase() === lower) return obj[k];
  }
  return undefined;
}

/**
 * The value at a dot path (`properties.networkAcls.defaultAction`, array indexes as numbers), matching
 * property names case-insensitively. Returns the Unknown itself when the path crosses one, and
 * undefined when any step is absent (the service default applies).
 */
export function read(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const key of path.split('.')) {
    if (isUnknown(cur)) return cur;
    cur = member(cur, key);
    if (cur === undefined || cur === null) return undefined;
  }
  return cur;
}

/** Case-insensitive string equality; false for anything that is not a string. */
export function textEquals(value: unknown, expected: string): boolean {
  return typeof value === 'string' && value.toLowerCase() === expected.toLowerCase();
}

export function textIn(value: unknown, allowed: readonly string[]): boolean {
  return allowed.some((a) => textEquals(value, a));
}

/** ARM accepts booleans written as strings in some places (parameters of type string fed to bool properties). */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (textEquals(value, 'true')) return true;
  if (textEquals(value, 'false')) return false;
  return undefined;
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** The first Unknown anywhere inside a value (depth-first, bounded), so a partly unknown rule is not judged. */
export function findUnknown(value: unknown, depth = 0): Unknown | undefined {
  if (isUnknown(value)) return value;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  const items = Array.isArray(value) ? value : Object.keys(value).map((k) => (value as Record<string, unknown>)[k]);
  for (const item of items) {
    const u = findUnknown(item, depth + 1);
    if (u) return u;
  }
  return undefined;
}

/**
 * Canonical form of a resource id for matching: lower case, no trailing slash, no doubled slashes.
 * ARM treats ids case-insensitively, and templates build them with and without a trailing slash.
 */
export function idKey(id: string): string {
  // Sources are typed, but a hostile or broken input must not turn a lookup into a crash.
  return (typeof id === 'string' ? id : '').trim().toLowerCase().replace(/\/{2,}/g, '/').replace(/\/+$/, '');
}

export function typeKey(type: string): string {
  return type.trim().toLowerCase();
}

export function isType(resource: NormalizedResource, type: string): boolean {
  return typeKey(resource.type) === typeKey(type);
}

/** The last segment of a resource name: `sa1` for `sa1`, `default` for `sa1/default`. */
export function leafName(name: string): string {
  const parts = name.split('/');
  return parts[parts.length - 1] ?? name;
}

/** Short human label used at the start of every outcome message: `storageAccounts 'sa1'`. */
export function label(resource: NormalizedResource): string {
  const segments = resource.type.split('/');
  return `${segments[segments.length - 1]} '${resource.name}'`;
}

/** Compact rendering of a value for messages; Unknown renders as its reason. */
export function show(value: unknown): string {
  if (value === undefined) return 'not set';
  if (isUnknown(value)) return value.toString();
  if (typeof value === 'string') return `'${value}'`;
  try {
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
  }
}

/**
 * True when the resource's apiVersion is on or after `date` (YYYY-MM-DD). Resources without an
 * apiVersion come from Terraform plans or live state, which describe the current service behaviour,
 * so they count as the newest era.
 */
export function apiVersionAtLeast(resource: NormalizedResource, date: string): boolean {
  const v = resource.apiVersion;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) return true;
  return v.slice(0, 10) >= date;
}

export { isUnknown, Unknown };
