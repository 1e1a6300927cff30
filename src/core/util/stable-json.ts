// Byte-stable JSON: object keys sorted by UTF-16 code unit (never locale), toJSON honoured, undefined members
// dropped like JSON.stringify does. Reports and evidence hash these bytes, so the order must not depend on
// insertion order or on the machine's locale.

export function stableStringify(value: unknown, indent = 2): string {
  const out = write(value, '', indent > 0 ? ' '.repeat(indent) : '', new Set());
  return out ?? 'null';
}

function write(value: unknown, current: string, step: string, seen: Set<object>): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return String(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (seen.has(obj)) throw new TypeError('stableStringify: circular structure');
  seen.add(obj);
  const inner = current + step;
  const sep = step ? ',\n' + inner : ',';
  const open = step ? '\n' + inner : '';
  const close = step ? '\n' + current : '';
  let result: string;
  if (Array.isArray(obj)) {
    const items = obj.map((v) => write(v, inner, step, seen) ?? 'null');
    result = items.length === 0 ? '[]' : '[' + open + items.join(sep) + close + ']';
  } else {
    const parts: string[] = [];
    for (const key of Object.keys(obj).sort(compareCodeUnits)) {
      const v = write((obj as Record<string, unknown>)[key], inner, step, seen);
      if (v !== undefined) parts.push(JSON.stringify(key) + (step ? ': ' : ':') + v);
    }
    result = parts.length === 0 ? '{}' : '{' + open + parts.join(sep) + close + '}';
  }
  seen.delete(obj);
  return result;
}

/** Locale-independent string order (what `<` does), for every sort whose result ends up in output. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
