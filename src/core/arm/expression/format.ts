// .NET composite formatting as ARM's format() does it, with the invariant culture:
// `{index[,alignment][:formatString]}`, `{{` and `}}` escapes, and the numeric format strings real
// templates use (D, X, N, F, P, G and zero-padding custom patterns such as `000`).

import { LimitError } from '../types';

export class FormatError extends Error {}

/** One piece of a parsed format string, in order. */
type Piece =
  | string
  | { index: number; label: string; spec: string; width: string | undefined }
  /** The format string is malformed here: formatting throws when it gets this far. */
  | { error: string };

/** Templates repeat the same few format strings; each is parsed once. */
const PARSED_LIMIT = 4_096;
const PARSED_MAX_TEXT = 4_096;
const parsed = new Map<string, Piece[]>();

function parseFormat(template: string): Piece[] {
  let pieces = parsed.get(template);
  if (pieces !== undefined) return pieces;
  pieces = [];
  let i = 0;
  const n = template.length;
  while (i < n) {
    const c = template.charCodeAt(i);
    if (c === 0x7b /* { */) {
      if (template.charCodeAt(i + 1) === 0x7b) {
        pieces.push('{');
        i += 2;
        continue;
      }
      const close = template.indexOf('}', i);
      if (close < 0) {
        pieces.push({ error: `the placeholder starting at character ${i + 1} is not closed with '}'.` });
        break;
      }
      const body = template.slice(i + 1, close);
      // The common case, a bare `{0}`, skips the regular expression.
      if (close - i <= 3 && /^\d+$/.test(body)) {
        pieces.push({ index: Number(body), label: body, spec: '', width: undefined });
        i = close + 1;
        continue;
      }
      const m = /^\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::(.*))?$/s.exec(body);
      if (!m) {
        pieces.push({ error: `'{${body}}' is not a valid placeholder; write {0}, {0,10} or {0:D2}.` });
        break;
      }
      pieces.push({ index: Number(m[1]), label: m[1]!, spec: m[3] ?? '', width: m[2] });
      i = close + 1;
      continue;
    }
    if (c === 0x7d /* } */) {
      if (template.charCodeAt(i + 1) === 0x7d) {
        pieces.push('}');
        i += 2;
        continue;
      }
      pieces.push({ error: `a single '}' at character ${i + 1} must be written as '}}'.` });
      break;
    }
    const next = nextBrace(template, i);
    pieces.push(template.slice(i, next));
    i = next;
  }
  if (template.length <= PARSED_MAX_TEXT) {
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(template, pieces);
  }
  return pieces;
}

/** `maxLength` is checked as the text grows, so repeated placeholders of a long value cannot exhaust memory. */
export function compositeFormat(
  template: string,
  args: readonly unknown[],
  render: (v: unknown, spec: string) => string,
  maxLength: number,
  /** Where the values start in `args` (format() passes its own arguments, the format string first). */
  offset = 0,
): string {
  const pieces = parseFormat(template);
  const count = args.length - offset;
  let out = '';
  for (let p = 0; p < pieces.length; p++) {
    const piece = pieces[p]!;
    let text: string;
    if (typeof piece === 'string') text = piece;
    else if ('error' in piece) throw new FormatError(piece.error);
    else {
      if (piece.index >= count) {
        throw new FormatError(`the placeholder {${piece.label}} refers to argument ${piece.index + 1} but only ${count} value(s) follow the format string.`);
      }
      text = render(args[offset + piece.index], piece.spec);
      if (piece.width !== undefined) {
        const width = Number(piece.width);
        if (Math.abs(width) > 100_000) throw new FormatError(`the alignment ${width} is too large.`);
        text = width < 0 ? text.padEnd(-width) : text.padStart(width);
      }
    }
    if (out.length + text.length > maxLength) throw new LimitError(`format() would produce a string longer than ${maxLength} characters.`);
    out += text;
  }
  return out;
}

function nextBrace(s: string, from: number): number {
  const a = s.indexOf('{', from);
  const b = s.indexOf('}', from);
  if (a < 0 && b < 0) return s.length;
  if (a < 0) return b;
  if (b < 0) return a;
  return Math.min(a, b);
}

function group(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function fixed(n: number, decimals: number): string {
  return Math.abs(n) < 1e21 ? n.toFixed(decimals) : String(n);
}

/** A number under a .NET standard or simple custom numeric format string. */
export function formatNumber(n: number, spec: string): string {
  if (spec === '') return String(n);
  const m = /^([A-Za-z])(\d{0,2})$/.exec(spec);
  if (m) {
    const kind = m[1]!;
    const precision = m[2] === '' ? undefined : Number(m[2]);
    switch (kind) {
      case 'D':
      case 'd': {
        if (!Number.isInteger(n)) throw new FormatError(`the format 'D' needs an integer, got ${n}.`);
        const digits = Math.abs(n).toString().padStart(precision ?? 0, '0');
        return n < 0 ? `-${digits}` : digits;
      }
      case 'X':
      case 'x': {
        if (!Number.isInteger(n)) throw new FormatError(`the format 'X' needs an integer, got ${n}.`);
        const hex = (n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n)).toString(16).padStart(precision ?? 0, '0');
        return kind === 'X' ? hex.toUpperCase() : hex;
      }
      case 'N':
      case 'n': {
        const s = fixed(Math.abs(n), precision ?? 2);
        const [int, frac] = s.split('.');
        const body = group(int!) + (frac !== undefined ? `.${frac}` : '');
        return n < 0 ? `-${body}` : body;
      }
      case 'F':
      case 'f':
        return fixed(n, precision ?? 2);
      case 'P':
      case 'p':
        return `${formatNumber(n * 100, `N${precision ?? 2}`)} %`;
      case 'G':
      case 'g':
        return String(n);
      default:
        break;
    }
  }
  // Custom patterns: zero placeholders pad, '#' placeholders are optional digits, ',' groups.
  const custom = /^([0#,]*)(?:\.([0#]*))?$/.exec(spec);
  if (custom && spec.length > 0) {
    const intPart = custom[1]!.replace(/,/g, '');
    const fracPart = custom[2] ?? '';
    const minInt = (intPart.match(/0/g) ?? []).length;
    const minFrac = (fracPart.match(/0/g) ?? []).length;
    let s = fixed(Math.abs(n), fracPart.length);
    let [int, frac = ''] = s.split('.');
    while (frac.length > minFrac && frac.endsWith('0')) frac = frac.slice(0, -1);
    if (int === '0' && minInt === 0) int = '';
    int = int!.padStart(minInt, '0');
    if (custom[1]!.includes(',')) int = group(int);
    s = int + (frac ? `.${frac}` : '');
    return n < 0 && s !== '' && /[1-9]/.test(s) ? `-${s}` : s;
  }
  throw new FormatError(`the number format '${spec}' is not supported; use D, X, N, F, P, G or a pattern such as 000.`);
}
