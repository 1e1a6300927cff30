// Maps RFC 6901 JSON pointers to line/column in the original text without parsing it twice up front.
// JSON.parse gives no positions; tracking them during parsing would slow every scan, yet only findings need
// lines. So the text is scanned on demand: each container is indexed once (member → offset) the first time a
// pointer passes through it, and later lookups in the same container are map lookups.

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

interface ContainerIndex {
  /** Offset of each member's value: object key → offset, or array index (as a string) → offset. */
  members: Map<string, number>;
}

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
  let lineStarts: number[] | undefined;
  const containers = new Map<number, ContainerIndex | null>();
  const rootOffset = skipWhitespace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);

  const position = (offset: number): { line: number; column: number } => {
    lineStarts ??= computeLineStarts(text);
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };

  const indexOf = (offset: number): ContainerIndex | null => {
    let index = containers.get(offset);
    if (index === undefined) {
      index = indexContainer(text, offset);
      containers.set(offset, index);
    }
    return index;
  };

  return (tokens, more = NO_TOKENS) => {
    let offset = rootOffset;
    let matched = 0;
    const total = tokens.length + more.length;
    while (matched < total) {
      const token = matched < tokens.length ? tokens[matched]! : more[matched - tokens.length]!;
      const next = indexOf(offset)?.members.get(token);
      if (next === undefined) break;
      offset = next;
      matched++;
    }
    const { line, column } = position(offset);
    return { line, column, matched };
  };
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
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
  i++;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    i += c === 92 ? 2 : 1;
  }
  return i;
}

/** Offset just past the value starting at `i` (containers are skipped by bracket depth, strings honoured). */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return skipString(text, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (d === 34) {
        i = skipString(text, i);
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return i;
  }
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === 44 || d === 125 || d === 93 || d === 32 || d === 9 || d === 10 || d === 13) break;
    i++;
  }
  return i;
}

/** Member offsets of the object or array at `offset`; null when the value there is not a container. */
function indexContainer(text: string, offset: number): ContainerIndex | null {
  const open = text.charCodeAt(offset);
  if (open !== 123 && open !== 91) return null;
  const members = new Map<string, number>();
  const isObject = open === 123;
  let i = skipWhitespace(text, offset + 1);
  let n = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 125 || c === 93) break;
    if (c === 44) {
      i = skipWhitespace(text, i + 1);
      continue;
    }
    if (isObject) {
      if (c !== 34) break;
      const end = skipString(text, i);
      const key = decodeKey(text.slice(i, end));
      i = skipWhitespace(text, end);
      if (text.charCodeAt(i) !== 58) break;
      i = skipWhitespace(text, i + 1);
      // JSON.parse keeps the last duplicate key, so the last one is where the value came from.
      members.set(key, i);
    } else {
      members.set(String(n++), i);
    }
    i = skipWhitespace(text, skipValue(text, i));
  }
  return { members };
}

function decodeKey(quoted: string): string {
  if (!quoted.includes('\\')) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
