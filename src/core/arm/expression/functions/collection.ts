// Array and object functions (several, like length or contains, take strings too). Arrays that
// contain Unknowns are still arrays: their length, first element or concatenation are known.

import { Unknown, isUnknown } from '../../../model';
import type { CallSite, FunctionDef } from '../evaluator';
import { toArmString } from '../serialize';
import { deepEquals, findKey, isInteger, isObject, objectFromEntries, setOwn, typeName, MAX_VALUE_DEPTH, type JsonObject } from '../values';
import { LimitError } from '../../types';
import { compareInvariant } from '../collation';
import { expectArray, expectInt, expectObject, expectString, fn, wrongType } from './args';

function concat(args: unknown[], site: CallSite): unknown {
  if (args.length === 0) return [];
  if (Array.isArray(args[0])) {
    const out: unknown[] = [];
    args.forEach((a, i) => {
      if (a === null) return;
      if (!Array.isArray(a)) wrongType(site, i, 'an Array (concat joins arrays with arrays only)', a);
      site.checkArrayLength(out.length + a.length);
      site.step(a.length >> 4);
      for (const x of a) out.push(x);
    });
    return out;
  }
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (Array.isArray(a) || isObject(a)) wrongType(site, i, 'a String (concat joins strings with strings only)', a);
    const t = toArmString(a, site.ctx.budget);
    if (isUnknown(t)) return t;
    out += t;
    site.checkStringLength(out.length);
  }
  return site.produced(out);
}

function contains(args: unknown[], site: CallSite): unknown {
  const [container, item] = args;
  if (isUnknown(container)) return container;
  if (typeof container === 'string') {
    if (isUnknown(item)) return item;
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
      wrongType(site, 1, 'a String', item);
    }
    return container.includes(String(toArmString(item, site.ctx.budget)));
  }
  if (Array.isArray(container)) {
    let pending: Unknown | undefined;
    for (const x of container) {
      site.step();
      const r = deepEquals(x, item, site.ctx.budget);
      if (r === true) return true;
      if (r !== false) pending ??= r;
    }
    return pending ?? false;
  }
  if (isObject(container)) {
    if (isUnknown(item)) return item;
    if (typeof item !== 'string') wrongType(site, 1, 'a String (a property name)', item);
    return findKey(container, item) !== undefined;
  }
  return wrongType(site, 0, 'a String, an Array or an Object', container);
}

function empty(args: unknown[], site: CallSite): boolean {
  const v = args[0];
  if (v === null || v === undefined) return true;
  if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
  if (isObject(v)) return Object.keys(v).length === 0;
  return wrongType(site, 0, 'a String, an Array, an Object or null', v);
}

function length(args: unknown[], site: CallSite): number {
  const v = args[0];
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (isObject(v)) return Object.keys(v).length;
  if (v === null) return 0;
  return wrongType(site, 0, 'a String, an Array or an Object', v);
}

function firstOrLast(which: 'first' | 'last') {
  return (args: unknown[], site: CallSite): unknown => {
    const v = args[0];
    if (v === null) return null;
    if (typeof v === 'string') {
      if (v.length === 0) return '';
      return which === 'first' ? v[0] : v[v.length - 1];
    }
    if (Array.isArray(v)) {
      if (v.length === 0) return null;
      return which === 'first' ? v[0] : v[v.length - 1];
    }
    return wrongType(site, 0, 'an Array or a String', v);
  };
}

function skipOrTake(which: 'skip' | 'take') {
  return (args: unknown[], site: CallSite): unknown => {
    const v = args[0];
    const n = Math.max(0, expectInt(site, args, 1));
    if (typeof v === 'string' || Array.isArray(v)) return which === 'skip' ? v.slice(n) : v.slice(0, n);
    return wrongType(site, 0, 'an Array or a String', v);
  };
}

/** Deep merge: later values win; objects nested in both are merged recursively, arrays are replaced. */
function mergeObjects(target: JsonObject, source: JsonObject, site: CallSite, depth: number): void {
  if (depth > MAX_VALUE_DEPTH) throw new LimitError(`union(): objects are nested deeper than ${MAX_VALUE_DEPTH} levels.`);
  for (const k of Object.keys(source)) {
    site.step();
    const incoming = source[k];
    const existing = Object.prototype.hasOwnProperty.call(target, k) ? target[k] : undefined;
    if (isObject(existing) && isObject(incoming)) {
      const merged: JsonObject = {};
      mergeObjects(merged, existing, site, depth + 1);
      mergeObjects(merged, incoming, site, depth + 1);
      setOwn(target, k, merged);
    } else {
      setOwn(target, k, incoming);
    }
  }
}

function distinctPush(out: unknown[], x: unknown, site: CallSite): Unknown | undefined {
  let pending: Unknown | undefined;
  for (const y of out) {
    site.step();
    const r = deepEquals(x, y, site.ctx.budget);
    if (r === true) return undefined;
    if (r !== false) pending ??= r;
  }
  if (pending) return pending;
  out.push(x);
  site.checkArrayLength(out.length);
  return undefined;
}

function union(args: unknown[], site: CallSite): unknown {
  const present = args.filter((a) => a !== null);
  if (present.length === 0) return null;
  if (Array.isArray(present[0])) {
    const out: unknown[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === null) continue;
      if (!Array.isArray(a)) wrongType(site, i, 'an Array (union combines arrays with arrays only)', a);
      for (const x of a) {
        const u = distinctPush(out, x, site);
        if (u) return u;
      }
    }
    return out;
  }
  const out: JsonObject = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === null) continue;
    if (!isObject(a)) wrongType(site, i, 'an Object (union combines objects with objects only)', a);
    mergeObjects(out, a, site, 0);
  }
  return out;
}

function distinct(args: unknown[], site: CallSite): unknown {
  const out: unknown[] = [];
  for (const x of expectArray(site, args, 0)) {
    const u = distinctPush(out, x, site);
    if (u) return u;
  }
  return out;
}

function intersection(args: unknown[], site: CallSite): unknown {
  if (Array.isArray(args[0])) {
    const arrays = args.map((_, i) => expectArray(site, args, i));
    const out: unknown[] = [];
    for (const x of arrays[0]!) {
      let inAll: boolean | Unknown = true;
      for (const other of arrays.slice(1)) {
        let found: boolean | Unknown = false;
        for (const y of other) {
          site.step();
          const r = deepEquals(x, y, site.ctx.budget);
          if (r === true) {
            found = true;
            break;
          }
          if (r !== false) found = r;
        }
        if (found !== true) {
          inAll = found;
          break;
        }
      }
      if (isUnknown(inAll)) return inAll;
      if (inAll) {
        const u = distinctPush(out, x, site);
        if (u) return u;
      }
    }
    return out;
  }
  const objects = args.map((_, i) => expectObject(site, args, i));
  const out: JsonObject = {};
  for (const k of Object.keys(objects[0]!)) {
    let keep: boolean | Unknown = true;
    for (const other of objects.slice(1)) {
      site.step();
      if (!Object.prototype.hasOwnProperty.call(other, k)) {
        keep = false;
        break;
      }
      const r = deepEquals(objects[0]![k], other[k], site.ctx.budget);
      if (r !== true) {
        keep = r;
        if (r === false) break;
      }
    }
    if (isUnknown(keep)) return keep;
    if (keep) setOwn(out, k, objects[0]![k]);
  }
  return out;
}

function createObject(args: unknown[], site: CallSite): unknown {
  if (args.length % 2 !== 0) site.fail(`expects name/value pairs, got an odd number of arguments (${args.length}).`);
  const o: JsonObject = {};
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i];
    if (isUnknown(key)) return key;
    if (typeof key !== 'string') wrongType(site, i, 'a String (a property name)', key);
    setOwn(o, key, args[i + 1]);
  }
  return o;
}

const RANGE_MAX_COUNT = 10_000;

function range(args: unknown[], site: CallSite): number[] {
  const start = expectInt(site, args, 0);
  const count = expectInt(site, args, 1);
  if (count < 0) site.fail(`the count (argument 2) must not be negative, got ${count}.`);
  // ARM's documented limit: a template asking for more would be rejected at deployment, so it is not scanned as valid.
  if (count > RANGE_MAX_COUNT) site.fail(`the count (argument 2) must be at most ${RANGE_MAX_COUNT}, got ${count}.`);
  if (start + count > 2147483647) site.fail('the start index plus the count must not exceed 2147483647.');
  site.checkArrayLength(count);
  site.step(count);
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = start + i;
  return out;
}

function indexOfFn(which: 'first' | 'last') {
  return (args: unknown[], site: CallSite): unknown => {
    const [container, item] = args;
    if (isUnknown(container)) return container;
    if (typeof container === 'string') {
      if (isUnknown(item)) return item;
      const needle = expectString(site, args, 1).toLowerCase();
      const hay = container.toLowerCase();
      return which === 'first' ? hay.indexOf(needle) : hay.lastIndexOf(needle);
    }
    if (Array.isArray(container)) {
      let pending: Unknown | undefined;
      const n = container.length;
      for (let j = 0; j < n; j++) {
        const i = which === 'first' ? j : n - 1 - j;
        site.step();
        const r = deepEquals(container[i], item, site.ctx.budget);
        if (r === true) return pending ?? i;
        if (r !== false) pending ??= r;
      }
      return pending ?? -1;
    }
    return wrongType(site, 0, 'an Array or a String', container);
  };
}

function join(args: unknown[], site: CallSite): unknown {
  const items = expectArray(site, args, 0);
  const delimiter = expectString(site, args, 1);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (Array.isArray(x) || isObject(x)) site.fail(`element ${i} of the array is ${typeName(x)}; join() takes strings, numbers and Booleans.`);
    const t = toArmString(x, site.ctx.budget);
    if (isUnknown(t)) return t;
    size += t.length + delimiter.length;
    site.checkStringLength(size);
    parts.push(t);
  }
  return site.produced(parts.join(delimiter));
}

function flatten(args: unknown[], site: CallSite): unknown[] {
  const a = expectArray(site, args, 0);
  const out: unknown[] = [];
  a.forEach((x, i) => {
    if (!Array.isArray(x)) site.fail(`element ${i} is ${typeName(x)}; flatten() takes an array of arrays.`);
    site.checkArrayLength(out.length + x.length);
    site.step(x.length >> 4);
    for (const y of x) out.push(y);
  });
  return out;
}

function items(args: unknown[], site: CallSite): unknown[] {
  const o = expectObject(site, args, 0);
  // ARM returns the entries sorted alphabetically by key, whatever the declaration order.
  const keys = Object.keys(o).sort(compareInvariant);
  return keys.map((k) => objectFromEntries([['key', k], ['value', o[k]]]));
}

function tryGet(args: unknown[], site: CallSite): unknown {
  let current: unknown = args[0];
  for (let i = 1; i < args.length; i++) {
    const key = args[i];
    if (isUnknown(current)) return current;
    if (isUnknown(key)) return key;
    if (Array.isArray(current)) {
      if (!isInteger(key)) wrongType(site, i, 'an Integer index', key);
      if (key < 0 || key >= current.length) return null;
      current = current[key];
    } else if (isObject(current)) {
      if (typeof key !== 'string') wrongType(site, i, 'a String property name', key);
      const found = findKey(current, key);
      if (found === undefined) return null;
      current = current[found];
    } else if (current === null) {
      return null;
    } else {
      return wrongType(site, 0, 'an Array or an Object', current);
    }
  }
  return current;
}

/** The element `n` places from the end (1 is the last): Bicep's reverse index accessor `a[^n]`. */
function indexFromEnd(args: unknown[], site: CallSite): unknown {
  const a = expectArray(site, args, 0);
  const n = expectInt(site, args, 1);
  if (n < 1 || n > a.length) site.fail(`the index ${n} from the end is outside the array (length ${a.length}); it counts from 1.`);
  return a[a.length - n];
}

function tryIndexFromEnd(args: unknown[], site: CallSite): unknown {
  const a = expectArray(site, args, 0);
  const n = expectInt(site, args, 1);
  if (n < 1 || n > a.length) return null;
  return a[a.length - n];
}

function shallowMerge(args: unknown[], site: CallSite): unknown {
  const list = expectArray(site, args, 0);
  const out: JsonObject = {};
  for (let i = 0; i < list.length; i++) {
    const o = list[i];
    if (isUnknown(o)) return o;
    if (!isObject(o)) site.fail(`element ${i} is ${typeName(o)}; shallowMerge() takes an array of objects.`);
    for (const k of Object.keys(o)) setOwn(out, k, o[k]);
  }
  return out;
}

function extremum(which: 'max' | 'min') {
  return (args: unknown[], site: CallSite): unknown => {
    const values = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
    if (values.length === 0) site.fail('needs at least one number.');
    let best: number | undefined;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (isUnknown(v)) return v;
      if (typeof v !== 'number') site.fail(`value ${i + 1} is ${typeName(v)}; ${which}() compares numbers.`);
      if (best === undefined || (which === 'max' ? v > best : v < best)) best = v;
    }
    return best;
  };
}

function array(args: unknown[]): unknown[] {
  const v = args[0];
  return Array.isArray(v) ? v : [v];
}

function objectKeys(args: unknown[], site: CallSite): string[] {
  return Object.keys(expectObject(site, args, 0));
}

export const collectionFunctions: FunctionDef[] = [
  fn('concat', 0, Infinity, concat),
  fn('contains', 2, 2, contains, { acceptsUnknown: true }),
  fn('empty', 1, 1, empty),
  fn('length', 1, 1, length),
  fn('first', 1, 1, firstOrLast('first')),
  fn('last', 1, 1, firstOrLast('last')),
  fn('skip', 2, 2, skipOrTake('skip')),
  fn('take', 2, 2, skipOrTake('take')),
  fn('union', 1, Infinity, union),
  fn('intersection', 2, Infinity, intersection),
  fn('distinct', 1, 1, distinct),
  fn('createArray', 0, Infinity, (args) => args.slice(), { acceptsUnknown: true }),
  fn('createObject', 0, Infinity, createObject, { acceptsUnknown: true }),
  fn('range', 2, 2, range),
  fn('indexOf', 2, 2, indexOfFn('first'), { acceptsUnknown: true }),
  fn('lastIndexOf', 2, 2, indexOfFn('last'), { acceptsUnknown: true }),
  fn('join', 2, 2, join),
  fn('flatten', 1, 1, flatten),
  fn('items', 1, 1, items),
  fn('objectKeys', 1, 1, objectKeys),
  fn('tryGet', 2, Infinity, tryGet, { acceptsUnknown: true }),
  fn('indexFromEnd', 2, 2, indexFromEnd),
  fn('tryIndexFromEnd', 2, 2, tryIndexFromEnd),
  fn('shallowMerge', 1, 1, shallowMerge),
  fn('max', 1, Infinity, extremum('max'), { acceptsUnknown: true }),
  fn('min', 1, Infinity, extremum('min'), { acceptsUnknown: true }),
  fn('array', 1, 1, array),
];
