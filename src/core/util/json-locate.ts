// Maps RFC 6901 JSON pointers to line/column in the original text without parsing it twice up front.
// JSON.parse gives no positions; tracking them during parsing would slow every scan, yet only findings need
// lines. So a file is tokenised on demand, the first time a pointer into it is asked for: one linear pass
// records where every value starts, on which line, and where each container ends (a "tape"), after which a
// pointer lookup only hops between tape entries. Re-scanning the text container by container, as an
// earlier version did, went over most of a file once per nesting level.
//
// The pass runs over the text's UTF-8 bytes. A scan keeps each file's bytes as read (outside the JS heap)
// rather than its decoded text: tens of megabytes of strings held from reading to locating were copied by
// every young-generation collection of the scan. A string is encoded once when it is what the caller has.

export interface PointerLocation {
  /** 1-based line of the value the pointer resolves to (or of its longest existing prefix). */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
  /** The longest prefix of the requested pointer that exists in the text. */
  pointer: string;
}

export type PointerLocator = (pointer: string) => PointerLocation;

/** JSON text, or its UTF-8 bytes (a leading byte order mark is skipped). */
export type JsonSource = string | Uint8Array;

const UTF8_ENCODER = new TextEncoder();
const UTF8_DECODER = new TextDecoder('utf-8', { ignoreBOM: true });

function utf8Of(source: JsonSource): Uint8Array {
  return typeof source === 'string' ? UTF8_ENCODER.encode(source) : source;
}

const NO_TOKENS: readonly string[] = [];

/** Splits an RFC 6901 pointer into unescaped tokens; '' is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  const body = pointer.startsWith('/') ? pointer.slice(1) : pointer;
  return body.split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(tokens: readonly string[]): string {
  return tokens.map((t) => '/' + escapePointerToken(t)).join('');
}

/**
 * A dot path with optional indexes (`properties.ipRules[0].value`) as pointer tokens
 * (`properties`, `ipRules`, `0`, `value`). Bracketed quoted keys (`tags['cost.center']`) are kept whole.
 */
export function propertyPathTokens(path: string): string[] {
  const tokens: string[] = [];
  const re = /\[(\d+)\]|\[(['"])(.*?)\2\]|([^.[\]]+)/g;
  for (let m = re.exec(path); m !== null; m = re.exec(path)) {
    tokens.push(m[1] ?? m[3] ?? m[4] ?? '');
  }
  return tokens;
}

export function createPointerLocator(text: JsonSource): PointerLocator {
  let bytes: Uint8Array | undefined;
  let locate: ReturnType<typeof createLineLocator> | undefined;
  return (pointer: string) => {
    const tokens = parsePointer(pointer);
    bytes ??= utf8Of(text);
    locate ??= createLineLocator(bytes);
    const found = locate(tokens);
    const offset = found.offset;
    let lineStart = offset;
    let ascii = true;
    for (let c = bytes[lineStart - 1]; lineStart > 0 && c !== 10 && c !== 13; c = bytes[lineStart - 1]) {
      if (c! >= 0x80) ascii = false;
      lineStart--;
    }
    // Columns count UTF-16 code units, as the text has them.
    const column = ascii ? offset - lineStart : UTF8_DECODER.decode(bytes.subarray(lineStart, offset)).length;
    return { line: found.line, column: column + 1, pointer: found.matched === tokens.length ? pointer : joinPointer(tokens.slice(0, found.matched)) };
  };
}

/** What the line locator returns: the line, where the value starts (a byte offset), and how many leading tokens exist in the text. */
export interface TokenLine {
  line: number;
  offset: number;
  matched: number;
}

/**
 * The lookup over already-split pointer tokens (`tokens` then `more`), for callers that locate many paths
 * under the same prefixes (the scan: every finding of a resource shares the resource's pointer) and would
 * otherwise split and re-join pointer strings for each one. No column, which a finding does not have: the
 * line comes from the tape itself. The text must be JSON that parsed (every line break is then between
 * tokens, where the tape counts them); the tape is built the first time a pointer is asked for.
 */
export function createLineLocator(text: JsonSource): (tokens: readonly string[], more?: readonly string[]) => TokenLine {
  let tape: Tape | undefined;
  return (tokens, more = NO_TOKENS) => {
    tape ??= buildTape(utf8Of(text));
    if (tape.count === 0) {
      // Nothing but whitespace: the "value" is where the text ends.
      const offset = skipWhitespace(tape.bytes, bomLength(tape.bytes));
      return { line: lineBreaksBefore(tape.bytes, offset) + 1, offset, matched: 0 };
    }
    let t = 0;
    let matched = 0;
    const total = tokens.length + more.length;
    while (matched < total) {
      const token = matched < tokens.length ? tokens[matched]! : more[matched - tokens.length]!;
      const found = memberOf(tape, t, token);
      if (found < 0) break;
      t = found;
      matched++;
    }
    return { line: tape.line[t]!, offset: tape.pos[t]!, matched };
  };
}

/**
 * Every value of the document in order of appearance: `pos` is where it starts (object keys count as
 * values, so an object's entries are key, value, key, value…), `line` the line it starts on, `next` the
 * index of the entry after it and, for a container, after everything inside it. Containers with many
 * members get a lookup table the first time they are searched, so a file with thousands of resources
 * stays linear.
 */
interface Tape {
  bytes: Uint8Array;
  pos: Int32Array;
  next: Int32Array;
  line: Int32Array;
  count: number;
  /** Container entry index → member table: array element entries, or object key → value entry. */
  tables: Map<number, Int32Array | Map<string, number>>;
}

/** Containers with more members than this are searched through a table built once, not member by member. */
const TABLE_THRESHOLD = 16;

/**
 * Working arrays of buildTape, kept from one file to the next (each tape keeps an exact-size copy), so a
 * scan does not allocate and grow three arrays per file. Not kept past this size, so one huge file does
 * not pin its working set for the life of the process.
 */
let scratch: { pos: Int32Array; next: Int32Array; line: Int32Array; open: Int32Array } = { pos: new Int32Array(4096), next: new Int32Array(4096), line: new Int32Array(4096), open: new Int32Array(64) };
const SCRATCH_KEPT = 1 << 20;

function buildTape(bytes: Uint8Array): Tape {
  const len = bytes.length;
  let { pos, next, line, open } = scratch;
  let capacity = pos.length;
  let n = 0;
  let depth = 0;
  let ln = 1;
  let i = bomLength(bytes);
  while (i < len) {
    const c = bytes[i]!;
    // Most characters outside strings are indentation: tested first.
    if (c === 32) {
      i++;
      continue;
    }
    if (c === 10) {
      ln++;
      i++;
      continue;
    }
    if (c === 44 || c === 58 || c === 9) {
      i++;
      continue;
    }
    if (c === 13) {
      // CRLF ends one line, at its LF.
      if (bytes[i + 1] !== 10) ln++;
      i++;
      continue;
    }
    if (c === 125 || c === 93) {
      if (depth > 0) next[open[--depth]!] = n;
      i++;
      continue;
    }
    if (n === capacity) {
      capacity *= 2;
      pos = grown(pos, capacity);
      next = grown(next, capacity);
      line = grown(line, capacity);
    }
    pos[n] = i;
    line[n] = ln;
    if (c === 34) {
      next[n] = n + 1;
      n++;
      i = skipString(bytes, i);
    } else if (c === 123 || c === 91) {
      if (depth === open.length) open = grown(open, depth * 2);
      open[depth++] = n++;
      i++;
    } else {
      next[n] = n + 1;
      n++;
      i = skipScalar(bytes, i);
    }
  }
  // Only a truncated text leaves containers open; they end where the text does.
  while (depth > 0) next[open[--depth]!] = n;
  if (capacity <= SCRATCH_KEPT) scratch = { pos, next, line, open };
  return { bytes, pos: pos.slice(0, n), next: next.slice(0, n), line: line.slice(0, n), count: n, tables: new Map() };
}

function grown(a: Int32Array, capacity: number): Int32Array {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}

/** The entry of member `token` of the container at entry `t`, or -1 (absent, or `t` is no container). */
function memberOf(tape: Tape, t: number, token: string): number {
  const { bytes, pos, next } = tape;
  const open = bytes[pos[t]!];
  const end = next[t]!;
  if (open === 91) {
    if (!isArrayIndex(token)) return -1;
    const index = Number(token);
    const table = tape.tables.get(t) as Int32Array | undefined;
    if (table !== undefined) return index < table.length ? table[index]! : -1;
    let e = t + 1;
    let k = 0;
    while (e < end && k < index && k < TABLE_THRESHOLD) {
      e = next[e]!;
      k++;
    }
    if (k === index) return e < end ? e : -1;
    const built = arrayTable(tape, t);
    tape.tables.set(t, built);
    return index < built.length ? built[index]! : -1;
  }
  if (open !== 123) return -1;
  const table = tape.tables.get(t) as Map<string, number> | undefined;
  if (table !== undefined) return table.get(token) ?? -1;
  // JSON.parse keeps the last duplicate key, so the last match is where the value came from.
  let found = -1;
  let members = 0;
  for (let k = t + 1; k < end; ) {
    const v = k + 1;
    if (v >= end) break;
    if (keyEquals(bytes, pos[k]!, token)) found = v;
    k = next[v]!;
    if (++members > TABLE_THRESHOLD) {
      const built = objectTable(tape, t);
      tape.tables.set(t, built);
      return built.get(token) ?? -1;
    }
  }
  return found;
}

function arrayTable(tape: Tape, t: number): Int32Array {
  const end = tape.next[t]!;
  const entries: number[] = [];
  for (let e = t + 1; e < end; e = tape.next[e]!) entries.push(e);
  return Int32Array.from(entries);
}

function objectTable(tape: Tape, t: number): Map<string, number> {
  const { bytes, pos, next } = tape;
  const end = next[t]!;
  const table = new Map<string, number>();
  for (let k = t + 1; k + 1 < end; k = next[k + 1]!) {
    const start = pos[k]!;
    table.set(decodeKey(bytes, start, skipString(bytes, start)), k + 1);
  }
  return table;
}

/** Whether the key string starting at `at` (its opening quote) is `token` once unescaped. */
function keyEquals(bytes: Uint8Array, at: number, token: string): boolean {
  if (bytes[at] !== 34) return false;
  // A token of ASCII characters that JSON writes as they are is compared in place with the raw key; any
  // other key is decoded first (escapes, or characters of more than one byte).
  const len = token.length;
  let plain = true;
  for (let k = 0; k < len; k++) {
    const c = token.charCodeAt(k);
    if (c >= 0x80 || c === 34 || c === 92 || c < 32) {
      plain = false;
      break;
    }
    if (bytes[at + 1 + k] !== c) {
      if (rawKeyIsPlain(bytes, at)) return false;
      plain = false;
      break;
    }
  }
  if (plain && bytes[at + 1 + len] === 34) return true;
  const end = skipString(bytes, at);
  if (plain && rawKeyIsPlain(bytes, at)) return false;
  return decodeKey(bytes, at, end) === token;
}

/** Whether the raw key at `at` has neither escapes nor characters of more than one byte (it is then its own value). */
function rawKeyIsPlain(bytes: Uint8Array, at: number): boolean {
  for (let i = at + 1; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 34) return true;
    if (c === 92 || c >= 0x80) return false;
  }
  return true;
}

/** `0`, `1`, … `42`: the only pointer tokens that name an array element (no sign, no leading zero). */
function isArrayIndex(token: string): boolean {
  const len = token.length;
  if (len === 0 || len > 9) return false;
  if (len > 1 && token.charCodeAt(0) === 48) return false;
  for (let i = 0; i < len; i++) {
    const c = token.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Line breaks before `offset`; a lone CR, a lone LF and CRLF each end a line. */
function lineBreaksBefore(bytes: Uint8Array, offset: number): number {
  let breaks = 0;
  for (let i = 0; i < offset; i++) {
    const c = bytes[i];
    if (c === 10 || (c === 13 && bytes[i + 1] !== 10)) breaks++;
  }
  return breaks;
}

/** 3 when the bytes start with the UTF-8 byte order mark, else 0. */
function bomLength(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

function skipWhitespace(bytes: Uint8Array, i: number): number {
  while (i < bytes.length) {
    const c = bytes[i];
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/** Index of the string's closing quote + 1, starting at the opening quote. */
function skipString(bytes: Uint8Array, i: number): number {
  const len = bytes.length;
  for (i++; i < len; i++) {
    const c = bytes[i];
    if (c === 34) return i + 1;
    // An escape: the next byte is part of it, even a quote.
    if (c === 92) i++;
  }
  return len;
}

/** Offset just past a number, `true`, `false` or `null` starting at `i`. */
function skipScalar(bytes: Uint8Array, i: number): number {
  while (i < bytes.length) {
    const d = bytes[i];
    if (d === 44 || d === 125 || d === 93 || d === 32 || d === 9 || d === 10 || d === 13 || d === 58 || d === 34 || d === 123 || d === 91) break;
    i++;
  }
  return i;
}

/** The key whose quoted form is bytes[start, end), unescaped. */
function decodeKey(bytes: Uint8Array, start: number, end: number): string {
  const quoted = UTF8_DECODER.decode(bytes.subarray(start, end));
  if (!quoted.includes('\\')) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
