// Byte-stable JSON: the same value gives the same bytes whatever order its keys were inserted in. Reports
// and evidence hash these bytes. Keys are sorted by UTF-16 code unit (never locale); JavaScript itself puts
// integer-like keys ("0", "10") first in numeric order, which is just as deterministic. The value is copied
// with sorted keys and handed to the native JSON.stringify, which is twice as fast as writing it in JS.

/** Deeper than any JSON the inputs may contain (the ARM engine refuses nesting beyond 512). */
const MAX_DEPTH = 1000;

export function stableStringify(value: unknown, indent = 2): string {
  return JSON.stringify(sortedCopy(value, 0), null, indent) ?? 'null';
}

/**
 * stableStringify(value, indent), handed to `write` in pieces instead of as one string: one piece per member
 * of a top-level object, one per element of a member that is an array. A report of hundreds of thousands of
 * findings is more text than one JavaScript string may hold (V8's limit is about 512 MB), and piece by piece
 * no sorted copy of the whole value is held at once. The pieces joined are exactly stableStringify's text.
 */
export function stableStringifyChunks(value: unknown, indent: number, write: (chunk: string) => void): void {
  const plainObject = value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (!plainObject || !Number.isInteger(indent) || indent < 1 || indent > 10) {
    write(stableStringify(value, indent));
    return;
  }
  const gap = ' '.repeat(indent);
  const memberBreak = '\n' + gap;
  const elementBreak = memberBreak + gap;
  const source = value as Record<string, unknown>;
  let members = 0;
  for (const key of copiedKeyOrder(source)) {
    const v = source[key];
    if (Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      // Elements at depth 2, as sortedCopy counts it (the object at 0, the array at 1).
      write(`${members++ === 0 ? '{' : ','}${memberBreak}${JSON.stringify(key)}: `);
      if (v.length === 0) {
        write('[]');
        continue;
      }
      for (let i = 0; i < v.length; i++) {
        // As JSON.stringify: an element without a JSON form (undefined, a function) is written as null.
        const text = JSON.stringify(sortedCopy(v[i], 2), null, indent) ?? 'null';
        write(`${i === 0 ? '[' : ','}${elementBreak}${text.replace(/\n/g, elementBreak)}`);
      }
      write(`${memberBreak}]`);
      continue;
    }
    const text = JSON.stringify(sortedCopy(v, 1), null, indent);
    // As JSON.stringify: a member without a JSON form is left out.
    if (text === undefined) continue;
    // A JSON text has no raw line break inside a string, so every one of its breaks is indentation to deepen.
    write(`${members++ === 0 ? '{' : ','}${memberBreak}${JSON.stringify(key)}: ${text.replace(/\n/g, memberBreak)}`);
  }
  write(members === 0 ? '{}' : '\n}');
}

/** The keys of `source` in the order sortedCopy's copy enumerates them (integer-like keys first, as JavaScript puts them). */
function copiedKeyOrder(source: Record<string, unknown>): string[] {
  const order: Record<string, true> = {};
  for (const key of Object.keys(source).sort(compareCodeUnits)) {
    if (key === '__proto__') Object.defineProperty(order, key, { value: true, enumerable: true, writable: true, configurable: true });
    else order[key] = true;
  }
  return Object.keys(order);
}

function sortedCopy(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return sortedCopy((value as { toJSON: () => unknown }).toJSON(), depth);
  // A cycle cannot come from parsed JSON; it would be a bug, and must not hang or overflow the stack.
  if (depth >= MAX_DEPTH) throw new RangeError('stableStringify: structure nested too deeply (circular?)');
  if (Array.isArray(value)) return value.map((v) => sortedCopy(v, depth + 1));
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort(compareCodeUnits)) {
    const v = sortedCopy(source[key], depth + 1);
    // Assigning `__proto__` would set the copy's prototype instead of adding the key.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: v, enumerable: true, writable: true, configurable: true });
    else copy[key] = v;
  }
  return copy;
}

/** Locale-independent string order (what `<` does), for every sort whose result ends up in output. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
