// Helpers for reading untrusted template JSON. Templates may carry `__proto__` or `constructor` keys;
// reading goes through own-property checks and writing defines own data properties, so such keys stay
// plain data and never reach Object.prototype.

export type JsonObject = Record<string, unknown>;

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const hasOwnProperty = Object.prototype.hasOwnProperty;

export function hasOwn(obj: object, key: string): boolean {
  return hasOwnProperty.call(obj, key);
}

/** `obj[key]` only when it is an own property: `{}.constructor` must read as absent. */
export function getOwn(obj: unknown, key: string): unknown {
  return isJsonObject(obj) && hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** Assignment that cannot hit the `__proto__` setter. */
export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

/** Own key whose name matches case-insensitively (ARM property names such as `defaultValue` are case-insensitive). */
export function getOwnCaseInsensitive(obj: unknown, key: string): unknown {
  if (!isJsonObject(obj)) return undefined;
  if (hasOwnProperty.call(obj, key)) return obj[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) {
    if (k.toLowerCase() === lower) return obj[k];
  }
  return undefined;
}

/** RFC 6901 pointer of `key` under `base`. */
export function childPointer(base: string, key: string | number): string {
  if (typeof key === 'number' || (key.indexOf('~') < 0 && key.indexOf('/') < 0)) return `${base}/${key}`;
  return `${base}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** A short JSON rendering of a value for an error message: never throws, never huge. */
export function preview(v: unknown, max = 120): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = Array.isArray(v) ? '[…]' : typeof v === 'object' && v !== null ? '{…}' : String(v);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
