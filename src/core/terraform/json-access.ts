// Reading parsed plan JSON without trusting it: only own properties are read, so `__proto__` or
// `constructor` keys in a hostile plan are plain data and never reach the prototype chain.

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function own(o: unknown, key: string): unknown {
  if (!isObject(o)) return undefined;
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

export function hasOwnKey(o: unknown, key: string): boolean {
  return isObject(o) && Object.prototype.hasOwnProperty.call(o, key);
}

/** Element `seg` of an array (numeric segment) or object (own key); undefined when absent. */
export function child(container: unknown, seg: string | number): unknown {
  if (Array.isArray(container)) {
    const i = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
    return i >= 0 && i < container.length ? container[i] : undefined;
  }
  return typeof seg === 'string' ? own(container, seg) : undefined;
}

/** Sets `key` as an own data property even when it is `__proto__`, so output objects cannot be polluted. */
export function setOwn(o: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** RFC 6901 escaping of one pointer segment. */
export function pointerSegment(seg: string | number): string {
  // Nearly every segment is an index or a plain attribute name: no escaping to do.
  if (typeof seg === 'number') return String(seg);
  return seg.includes('~') || seg.includes('/') ? seg.replace(/~/g, '~0').replace(/\//g, '~1') : seg;
}

export function pointerJoin(base: string, ...segs: (string | number)[]): string {
  return base + segs.map((s) => `/${pointerSegment(s)}`).join('');
}
