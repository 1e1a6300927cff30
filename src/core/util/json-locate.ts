// Maps RFC 6901 JSON pointers to line/column in the original text without parsing it twice up front.
// JSON.parse gives no positions; tracking them during parsing would slow every scan, yet only findings need
// lines. So a file is tokenised on demand, the first time a pointer into it is asked for: one linear pass
// records where every value starts, on which line, and where each container ends (a "tape"), after which a
// pointer lookup only hops between tape entries. Re-scanning the text container by container, as an
// earlier version did, went over most of a file once per nesting level.

export interface PointerLocation {
  /** 1-based line of the value the pointer resolves to (or of its longest existing prefix). */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
  /** The longest prefix of the requested pointer that exists in the text. */
  pointer: string;
}

export type PointerLocator = (pointer: string) => PointerLocation;

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

export function createPointerLocator(text: string): PointerLocator {
  const locateTokens = createTokenLocator(text);
  return (pointer: string) => {
    const tokens = parsePointer(pointer);
    const found = locateTokens(tokens);
    return { line: found.line, column: found.column, pointer: found.matched === tokens.length ? pointer : joinPointer(tokens.slice(0, found.matched)) };
  };
}

/** What the token locator returns: the position and how many leading tokens exist in the text. */
export interface TokenLocation {
  line: number;
  column: number;
  matched: number;
}

/**
 * The same lookup over already-split pointer tokens, for callers that locate many paths under the same
 * prefixes (the scan: every finding of a resource shares the resource's pointer) and would otherwise
 * split and re-join pointer strings for each one.
 */
export function createTokenLocator(text: string): (tokens: readonly string[], more?: readonly string[]) => TokenLocation {
  const locate = createLineLocator(text);
  return (tokens, more) => {
    const found = locate(tokens, more);
    const offset = found.offset;
    let lineStart = offset;
    for (let c = text.charCodeAt(lineStart - 1); lineStart > 0 && c !== 10 && c !== 13; c = text.charCodeAt(lineStart - 1)) lineStart--;
    return { line: found.line, column: offset - lineStart + 1, matched: found.matched };
  };
}

/** What the line locator returns: the line, where the value starts, and how many leading tokens exist in the text. */
export interface TokenLine {
  line: number;
  offset: number;
  matched: number;
}

/**
 * createTokenLocator without the column, which a finding does not have: the line comes from the tape
 * itself. The text must be JSON that parsed (every line break is then between tokens, where the tape
 * counts them); the tape is built the first time a pointer is asked for.
 */
export function createLineLocator(text: string): (tokens: readonly string[], more?: readonly string[]) => TokenLine {
  let tape: Tape | undefined;
  return (tokens, more = NO_TOKENS) => {
    tape ??= buildTape(text);
    if (tape.count === 0) {
      // Nothing but whitespace: the "value" is where the text ends.
      const offset = skipWhitespace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
      return { line: lineBreaksBefore(text, offset) + 1, offset, matched: 0 };
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
  text: string;
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

function buildTape(text: string): Tape {
  const len = text.length;
  let { pos, next, line, open } = scratch;
  let capacity = pos.length;
  let n = 0;
  let depth = 0;
  let ln = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < len) {
    const c = text.charCodeAt(i);
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
      if (text.charCodeAt(i + 1) !== 10) ln++;
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
      i = skipString(text, i);
    } else if (c === 123 || c === 91) {
      if (depth === open.length) open = grown(open, depth * 2);
      open[depth++] = n++;
      i++;
    } else {
      next[n] = n + 1;
      n++;
      i = skipScalar(text, i);
    }
  }
  // Only a truncated text leaves containers open; they end where the text does.
  while (depth > 0) next[open[--depth]!] = n;
  if (capacity <= SCRATCH_KEPT) scratch = { pos, next, line, open };
  return { text, pos: pos.slice(0, n), next: next.slice(0, n), line: line.slice(0, n), count: n, tables: new Map() };
}

function grown(a: Int32Array, capacity: number): Int32Array {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}

/** The entry of member `token` of the container at entry `t`, or -1 (absent, or `t` is no container). */
function memberOf(tape: Tape, t: number, token: string): number {
  const { text, pos, next } = tape;
  const open = text.charCodeAt(pos[t]!);
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
    if (keyEquals(text, pos[k]!, token)) found = v;
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
  const { text, pos, next } = tape;
  const end = next[t]!;
  const table = new Map<string, number>();
  for (let k = t + 1; k + 1 < end; k = next[k + 1]!) {
    const start = pos[k]!;
    table.set(decodeKey(text.slice(start, skipString(text, start))), k + 1);
  }
  return table;
}

/** Whether the key string starting at `at` (its opening quote) is `token` once unescaped. */
function keyEquals(text: string, at: number, token: string): boolean {
  if (text.charCodeAt(at) !== 34) return false;
  // Without escapes the raw key is the key: compare in place instead of slicing every key looked at.
  if (text.startsWith(token, at + 1) && text.charCodeAt(at + 1 + token.length) === 34 && !hasEscapableChar(token)) return true;
  const end = skipString(text, at);
  for (let i = at + 1; i < end; i++) {
    if (text.charCodeAt(i) === 92) return decodeKey(text.slice(at, end)) === token;
  }
  return false;
}

/** A token with one of these characters can only appear escaped in the text, so the in-place comparison is not enough. */
function hasEscapableChar(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c === 34 || c === 92 || c < 32) return true;
  }
  return false;
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
function lineBreaksBefore(text: string, offset: number): number {
  let breaks = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) breaks++;
  }
  return breaks;
}

function skipWhitespace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/** Index of the string's closing quote + 1, starting at the opening quote. */
function skipString(text: string, i: number): number {
  for (;;) {
    const q = text.indexOf('"', i + 1);
    if (q < 0) return text.length;
    // The quote is escaped when an odd number of backslashes precede it.
    let b = q - 1;
    while (text.charCodeAt(b) === 92) b--;
    if (((q - 1 - b) & 1) === 0) return q + 1;
    i = q;
  }
}

/** Offset just past a number, `true`, `false` or `null` starting at `i`. */
function skipScalar(text: string, i: number): number {
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === 44 || d === 125 || d === 93 || d === 32 || d === 9 || d === 10 || d === 13 || d === 58 || d === 34 || d === 123 || d === 91) break;
    i++;
  }
  return i;
}

function decodeKey(quoted: string): string {
  if (!quoted.includes('\\')) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
