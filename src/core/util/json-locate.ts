// Maps RFC 6901 JSON pointers to line/column in the original text without parsing it twice up front.
// JSON.parse gives no positions; tracking them during parsing would slow every scan, yet only findings need
// lines. So a file is tokenised on demand, the first time a pointer into it is asked for: one linear pass
// records where every value starts and where each container ends (a "tape" of offsets), after which a
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
  let tape: Tape | undefined;
  let lineStarts: Int32Array | undefined;
  const rootOffset = skipWhitespace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);

  return (tokens, more = NO_TOKENS) => {
    tape ??= buildTape(text);
    let offset = rootOffset;
    let matched = 0;
    if (tape.count > 0) {
      let t = 0;
      const total = tokens.length + more.length;
      while (matched < total) {
        const token = matched < tokens.length ? tokens[matched]! : more[matched - tokens.length]!;
        const found = memberOf(tape, t, token);
        if (found < 0) break;
        t = found;
        offset = tape.pos[t]!;
        matched++;
      }
    }
    lineStarts ??= computeLineStarts(text);
    const line = lineIndexAt(lineStarts, offset);
    return { line: line + 1, column: offset - lineStarts[line]! + 1, matched };
  };
}

/**
 * Every value of the document in order of appearance: `pos` is where it starts (object keys count as
 * values, so an object's entries are key, value, key, value…), `next` the index of the entry after it
 * and, for a container, after everything inside it. Containers with many members get a lookup table the
 * first time they are searched, so a file with thousands of resources stays linear.
 */
interface Tape {
  text: string;
  pos: Int32Array;
  next: Int32Array;
  count: number;
  /** Container entry index → member table: array element entries, or object key → value entry. */
  tables: Map<number, Int32Array | Map<string, number>>;
}

/** Containers with more members than this are searched through a table built once, not member by member. */
const TABLE_THRESHOLD = 16;

function buildTape(text: string): Tape {
  const len = text.length;
  let capacity = Math.max(64, len >> 3);
  let pos = new Int32Array(capacity);
  let next = new Int32Array(capacity);
  let n = 0;
  const open: number[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 44 || c === 58) {
      i++;
      continue;
    }
    if (c === 125 || c === 93) {
      const o = open.pop();
      if (o !== undefined) next[o] = n;
      i++;
      continue;
    }
    if (n === capacity) {
      capacity *= 2;
      const p2 = new Int32Array(capacity);
      p2.set(pos);
      pos = p2;
      const n2 = new Int32Array(capacity);
      n2.set(next);
      next = n2;
    }
    pos[n] = i;
    if (c === 123 || c === 91) {
      open.push(n++);
      i++;
    } else if (c === 34) {
      next[n] = n + 1;
      n++;
      i = skipString(text, i);
    } else {
      next[n] = n + 1;
      n++;
      i = skipScalar(text, i);
    }
  }
  // Only a truncated text leaves containers open; they end where the text does.
  for (const o of open) next[o] = n;
  return { text, pos: pos.slice(0, n), next: next.slice(0, n), count: n, tables: new Map() };
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

/** Offsets where lines start; a lone CR, a lone LF and CRLF each end a line. */
function computeLineStarts(text: string): Int32Array {
  if (text.indexOf('\r') < 0) {
    // The common case, searched natively instead of character by character, into a typed array that
    // doubles when full (pretty-printed JSON has a line every few dozen characters).
    let out = new Int32Array(Math.max(16, text.length >> 5));
    let k = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (k === out.length) {
        const grown = new Int32Array(out.length * 2);
        grown.set(out);
        out = grown;
      }
      out[k++] = i + 1;
    }
    return out.slice(0, k);
  }
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return Int32Array.from(starts);
}

/** Index of the line containing `offset`. */
function lineIndexAt(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
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
