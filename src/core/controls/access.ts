// Reading ARM-shaped resources the way ARM itself does: property names are case-insensitive, and
// any value may be an Unknown (only known after deployment). Only own properties are ever read, so
// `__proto__` / `constructor` keys in hostile input are data, never the prototype chain.

import { isUnknown, Unknown, type NormalizedResource } from '../model';

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** True for a non-empty run of ASCII digits (what `/^\d+$/` accepts), without a regex on the hot path. */
function isDigits(key: string): boolean {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function member(container: unknown, key: string): unknown {
  if (Array.isArray(container)) {
    if (!isDigits(key)) return undefined;
    const i = Number(key);
    return i < container.length ? container[i] : undefined;
  }
  if (container === null || typeof container !== 'object') return undefined;
  const obj = container as Record<string, unknown>;
  if (hasOwn(obj, key)) return obj[key];
  // Most reads are of absent properties: the keys are compared without lower-casing a copy of each
  // (and without a key array), falling back to toLowerCase() only where a non-ASCII letter is involved.
  const asciiKey = isAscii(key);
  const lower = asciiKey ? undefined : key.toLowerCase();
  for (const k in obj) {
    if (!hasOwn(obj, k)) continue;
    if (asciiKey ? asciiKeyMatches(k, key) : k.toLowerCase() === lower) return obj[k];
  }
  return undefined;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** `k.toLowerCase() === key.toLowerCase()` for an ASCII `key`, allocating nothing when `k` is ASCII too. */
function asciiKeyMatches(k: string, key: string): boolean {
  // Lower-casing never shortens a string and lengthens it only by turning U+0130 into `i` and the
  // non-ASCII U+0307, so a key of another length can never lower-case to the ASCII one.
  if (k.length !== key.length) return false;
  for (let i = 0; i < k.length; i++) {
    let a = k.charCodeAt(i);
    let b = key.charCodeAt(i);
    if (a === b) continue;
    // Every earlier character of k was ASCII, so lower-casing k keeps position i where it is.
    if (a > 127) return k.toLowerCase() === key.toLowerCase();
    if (a >= 65 && a <= 90) a += 32;
    if (b >= 65 && b <= 90) b += 32;
    if (a !== b) return false;
  }
  return true;
}

// Controls read the same few hundred literal paths for every resource; splitting them once saves an
// array per read. Bounded so paths built from input (tag names) cannot grow it without limit.
const SEGMENTS = new Map<string, readonly string[]>();
const SEGMENTS_MAX = 4096;

function pathSegments(path: string): readonly string[] {
  let segments = SEGMENTS.get(path);
  if (segments === undefined) {
    segments = path.split('.');
    if (SEGMENTS.size < SEGMENTS_MAX) SEGMENTS.set(path, segments);
  }
  return segments;
}

/**
 * The value at a dot path (`properties.networkAcls.defaultAction`, array indexes as numbers), matching
 * property names case-insensitively. Returns the Unknown itself when the path crosses one, and
 * undefined when any step is absent (the service default applies).
 */
export function read(root: unknown, path: string): unknown {
  return readSegments(root, pathSegments(path));
}

/** read() with the path already split at its dots (for checks that read one path for every resource). */
export function readSegments(root: unknown, segments: readonly string[]): unknown {
  let cur: unknown = root;
  for (let i = 0; i < segments.length; i++) {
    if (isUnknown(cur)) return cur;
    cur = member(cur, segments[i]!);
    if (cur === undefined || cur === null) return undefined;
  }
  return cur;
}

interface PathNode {
  segment: string;
  /** Positions of the paths that end here. */
  ends: number[];
  children: PathNode[];
}

/** Dot paths read together, their common prefixes resolved once (see readPaths). */
export interface PathSet {
  readonly size: number;
  readonly roots: readonly PathNode[];
}

export function pathSet(paths: readonly string[]): PathSet {
  const roots: PathNode[] = [];
  paths.forEach((path, position) => {
    let level = roots;
    let node: PathNode | undefined;
    for (const segment of path.split('.')) {
      node = level.find((n) => n.segment === segment);
      if (node === undefined) level.push((node = { segment, ends: [], children: [] }));
      level = node.children;
    }
    node!.ends.push(position);
  });
  return { size: paths.length, roots };
}

/**
 * `out[i] = read(root, paths[i])` for every path of the set, each common prefix read once: a control
 * that looks at several paths below one object (`properties.encryption.…`) walks to it once.
 */
export function readPaths(root: unknown, set: PathSet, out: unknown[]): void {
  for (let i = 0; i < set.size; i++) out[i] = undefined;
  for (const node of set.roots) readNode(root, node, out);
}

function readNode(parent: unknown, node: PathNode, out: unknown[]): void {
  // As readSegments: an Unknown on the way is the answer for everything below it; an absent or null
  // step leaves everything below undefined.
  let value: unknown;
  if (isUnknown(parent)) value = parent;
  else {
    value = member(parent, node.segment);
    if (value === undefined || value === null) return;
  }
  for (const position of node.ends) out[position] = value;
  for (const child of node.children) readNode(value, child, out);
}

/**
 * `a.toLowerCase() === b.toLowerCase()`, without lower-casing copies when both are ASCII where they differ.
 * Lower-casing keeps ASCII letters in place and changes the length only by turning U+0130 into two
 * characters, one non-ASCII: two strings of different lengths can only be equal in lower case when one
 * has a non-ASCII character, and a differing pair of ASCII characters at one position decides.
 */
function equalsIgnoringCase(a: string, b: string): boolean {
  if (a.length !== b.length) return (!isAscii(a) || !isAscii(b)) && a.toLowerCase() === b.toLowerCase();
  for (let i = 0; i < a.length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x > 127 || y > 127) return a.toLowerCase() === b.toLowerCase();
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return false;
  }
  return true;
}

/** Case-insensitive string equality; false for anything that is not a string. */
export function textEquals(value: unknown, expected: string): boolean {
  // Templates mostly spell enum values exactly as documented: the identical case is decided first.
  return typeof value === 'string' && (value === expected || equalsIgnoringCase(value, expected));
}

export function textIn(value: unknown, allowed: readonly string[]): boolean {
  if (typeof value !== 'string') return false;
  for (let i = 0; i < allowed.length; i++) if (value === allowed[i]) return true;
  for (let i = 0; i < allowed.length; i++) if (equalsIgnoringCase(value, allowed[i]!)) return true;
  return false;
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
  // Members in Object.keys order (for-in over own keys visits them so) without an array of them.
  if (Array.isArray(value)) {
    for (const item of value) {
      const u = findUnknown(item, depth + 1);
      if (u) return u;
    }
    return undefined;
  }
  for (const k in value) {
    if (!hasOwn(value, k)) continue;
    const u = findUnknown((value as Record<string, unknown>)[k], depth + 1);
    if (u) return u;
  }
  return undefined;
}

// Consecutive checks of one resource ask the scan context about the same id again and again; one
// remembered answer catches those repeats without an unbounded cache.
let lastId: string | undefined;
let lastKey = '';

/**
 * Canonical form of a resource id for matching: lower case, no trailing slash, no doubled slashes.
 * ARM treats ids case-insensitively, and templates build them with and without a trailing slash.
 */
export function idKey(id: string): string {
  if (id === lastId) return lastKey;
  // Sources are typed, but a hostile or broken input must not turn a lookup into a crash.
  let key = (typeof id === 'string' ? id : '').trim().toLowerCase();
  // Most ids are already clean: only pay for the regex when there is a doubled slash. Once runs are
  // collapsed, at most one trailing slash is left.
  if (key.includes('//')) key = key.replace(/\/{2,}/g, '/');
  key = key.endsWith('/') ? key.slice(0, -1) : key;
  if (typeof id === 'string') {
    lastId = id;
    lastKey = key;
  }
  return key;
}

/**
 * idKey(resource.id). Consecutive calls mostly ask about the same resource (the controls of one resource
 * run in a row): the last answer is kept, checked against the resource and its id, instead of a
 * WeakMap entry per resource for the garbage collector to trace; an alternation works the key out again.
 */
export function resourceIdKey(resource: NormalizedResource): string {
  const id = resource.id;
  if (resource === lastKeyed && id === lastKeyedId) return lastResourceKey;
  const key = idKey(id);
  lastKeyed = resource;
  lastKeyedId = id;
  lastResourceKey = key;
  return key;
}

let lastKeyed: NormalizedResource | undefined;
let lastKeyedId: string | undefined;
let lastResourceKey = '';

// Type names come from a small vocabulary (the catalogue's literals and the scanned types); bounded so
// hostile input cannot grow it without limit.
const TYPE_KEYS = new Map<string, string>();

export function typeKey(type: string): string {
  let key = TYPE_KEYS.get(type);
  if (key === undefined) {
    key = type.trim().toLowerCase();
    if (TYPE_KEYS.size < 4096) TYPE_KEYS.set(type, key);
  }
  return key;
}

export function isType(resource: NormalizedResource, type: string): boolean {
  return typeKey(resource.type) === typeKey(type);
}

/** The last segment of a resource name: `sa1` for `sa1`, `default` for `sa1/default`. */
export function leafName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** Short human label used at the start of every outcome message: `storageAccounts 'sa1'`. */
export function label(resource: NormalizedResource): string {
  const { type, name } = resource;
  // Every outcome of a resource asks for its label, one control after another: the last answer is kept
  // (instead of a WeakMap entry per resource for the garbage collector to trace).
  if (resource === lastLabelled && type === lastLabelledType && name === lastLabelledName) return lastLabel;
  // Resources come in runs of one type: the type's last segment is taken again while the type is the same.
  if (type !== lastLabelledType || typeof type !== 'string') lastLabelledLeaf = leafName(type);
  const text = `${lastLabelledLeaf} '${name}'`;
  lastLabelled = resource;
  lastLabelledType = type;
  lastLabelledName = name;
  lastLabel = text;
  lastLead = `${text}: `;
  return text;
}

/** `${label(resource)}: `, the start of every outcome message: one string per resource, not one per outcome. */
export function messageLead(resource: NormalizedResource): string {
  if (resource === lastLabelled && resource.type === lastLabelledType && resource.name === lastLabelledName) return lastLead;
  label(resource);
  return lastLead;
}

let lastLead = '';

let lastLabelled: NormalizedResource | undefined;
let lastLabelledType: string | undefined;
let lastLabelledLeaf = '';
let lastLabelledName: string | undefined;
let lastLabel = '';

/** Compact rendering of a value for messages; Unknown renders as its reason. */
export function show(value: unknown): string {
  if (value === undefined) return 'not set';
  if (isUnknown(value)) return value.toString();
  if (typeof value === 'string') return `'${value}'`;
  try {
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    // Not JSON (a BigInt, a cycle): still no call of the value's own members, which come from the input.
    return Array.isArray(value) ? '[…]' : typeof value === 'object' && value !== null ? '{…}' : String(value);
  }
}

/**
 * Whether the resource's apiVersion is on or after `date` (YYYY-MM-DD). Resources without an apiVersion
 * come from Terraform plans or live state, which describe the current service behaviour, so they count
 * as the newest era. An apiVersion that is not a date (an expression only known after deployment, which
 * the ARM engine renders as `[unknown: …]`) gives undefined: the era, and with it every default that
 * changed between eras, cannot be told, and taking it as the newest would pass on a guess.
 */
export function apiVersionOnOrAfter(resource: NormalizedResource, date: string): boolean | undefined {
  const v = resource.apiVersion;
  if (v === undefined) return true;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) return undefined;
  return v.slice(0, 10) >= date;
}

export { isUnknown, Unknown };
