// String functions. Case rules follow ARM: startsWith/endsWith/indexOf/lastIndexOf ignore case,
// contains/replace/split are ordinal. Every produced string is checked against maxStringLength.

import { Unknown, isUnknown } from '../../../model';
import type { CallSite, FunctionDef } from '../evaluator';
import { FormatError, compositeFormat, formatNumber } from '../format';
import { armGuid } from '../hash/guid';
import { uniqueString } from '../hash/unique-string';
import { utf8Bytes, utf8Decode } from '../hash/utf8';
import { toArmString } from '../serialize';
import { isInteger } from '../values';
import { expectInt, expectString, fn, wrongType } from './args';
import { parseLenientJson } from '../json';

function checked(site: CallSite, s: string): string {
  return site.produced(s);
}

function textOf(site: CallSite, v: unknown): string | Unknown {
  return toArmString(v, site.ctx.budget);
}

/**
 * What renderFormatValue needs of the format() call in progress. Module state instead of a closure per
 * call (format() is among the most frequent calls); saved and restored around each call, so a nested
 * format() could not disturb an outer one.
 */
let formatSite: CallSite | undefined;
let formatPending: Unknown | undefined;

function renderFormatValue(v: unknown, spec: string): string {
  if (typeof v === 'number' && spec !== '') return formatNumber(v, spec);
  const t = textOf(formatSite!, v);
  if (isUnknown(t)) {
    formatPending ??= t;
    return '';
  }
  return t;
}

function format(args: unknown[], site: CallSite): unknown {
  const template = expectString(site, args, 0);
  const outerSite = formatSite;
  const outerPending = formatPending;
  formatSite = site;
  formatPending = undefined;
  try {
    // The values are args[1…]: passed with their offset rather than sliced into a new array.
    const out = compositeFormat(template, args, renderFormatValue, site.ctx.budget.maxStringLength, 1);
    if (formatPending) return formatPending;
    return checked(site, out);
  } catch (e) {
    if (e instanceof FormatError) site.fail(e.message);
    throw e;
  } finally {
    formatSite = outerSite;
    formatPending = outerPending;
  }
}

function stringsOf(site: CallSite, args: unknown[]): string[] {
  return args.map((_, i) => expectString(site, args, i));
}

function substring(args: unknown[], site: CallSite): string {
  const s = expectString(site, args, 0);
  const start = args.length > 1 ? expectInt(site, args, 1) : 0;
  const length = args.length > 2 ? expectInt(site, args, 2) : s.length - start;
  if (start < 0 || start > s.length) site.fail(`the start index ${start} is outside the string (length ${s.length}).`);
  if (length < 0 || start + length > s.length) {
    site.fail(`the length ${length} from index ${start} goes past the end of the string (length ${s.length}).`);
  }
  return s.substr(start, length);
}

function replace(args: unknown[], site: CallSite): string {
  const [s, oldValue, newValue] = stringsOf(site, args) as [string, string, string];
  if (oldValue === '') site.fail('the value to replace (argument 2) must not be empty.');
  const count = s.split(oldValue).length - 1;
  site.checkStringLength(s.length + count * (newValue.length - oldValue.length));
  return site.produced(s.split(oldValue).join(newValue));
}

/** .NET String.Split(string[], None): at each position the first listed delimiter that matches wins. */
function split(args: unknown[], site: CallSite): string[] | Unknown {
  const s = expectString(site, args, 0);
  const d = args[1];
  let delimiters: string[];
  if (typeof d === 'string') delimiters = [d];
  else if (Array.isArray(d)) {
    const unknownDelimiter = d.find(isUnknown);
    if (unknownDelimiter !== undefined) return unknownDelimiter;
    delimiters = d.map((x, i) => {
      if (typeof x !== 'string') site.fail(`delimiter ${i + 1} in argument 2 must be a String, got ${typeof x}.`);
      return x;
    });
  } else return wrongType(site, 1, 'a String or an Array of strings', d);
  delimiters = delimiters.filter((x) => x !== '');
  if (delimiters.length === 0) return [s];
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < s.length) {
    const hit = delimiters.find((x) => s.startsWith(x, i));
    if (hit !== undefined) {
      out.push(s.slice(start, i));
      i += hit.length;
      start = i;
      site.checkArrayLength(out.length + 1);
    } else {
      i++;
    }
  }
  out.push(s.slice(start));
  return out;
}

function padLeft(args: unknown[], site: CallSite): string {
  const v = args[0];
  let s: string;
  if (typeof v === 'string') s = v;
  else if (isInteger(v)) s = String(v);
  else return wrongType(site, 0, 'a String or an Integer', v);
  const total = expectInt(site, args, 1);
  const pad = args.length > 2 ? expectString(site, args, 2) : ' ';
  if (pad.length !== 1) site.fail(`the padding character (argument 3) must be exactly one character, got '${pad}'.`);
  site.checkStringLength(total);
  return s.length >= total ? s : site.produced(pad.repeat(total - s.length) + s);
}

function base64Encode(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function base64Decode(site: CallSite, s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) {
    site.fail(`'${s.length > 40 ? `${s.slice(0, 37)}...` : s}' is not valid base64.`);
  }
  const binary = atob(clean);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function base64(args: unknown[], site: CallSite): string {
  return checked(site, base64Encode(utf8Bytes(expectString(site, args, 0))));
}

const DATA_URI = /^data:([^,]*?)(;base64)?,(.*)$/s;

function dataUriToString(args: unknown[], site: CallSite): string {
  const s = expectString(site, args, 0);
  const m = DATA_URI.exec(s);
  if (!m) site.fail(`'${s.slice(0, 40)}' is not a data URI (data:[<mediatype>][;base64],<data>).`);
  if (m[2]) return utf8Decode(base64Decode(site, m[3]!));
  try {
    return decodeURIComponent(m[3]!);
  } catch {
    return site.fail('the data URI contains an invalid percent-encoding.');
  }
}

/**
 * ARM's uri(): with a trailing slash on the base, the relative part is appended (one slash kept);
 * without, everything after the last slash of the base is replaced, unless the base is only `scheme://host`.
 */
function uri(args: unknown[], site: CallSite): string {
  const [base, relative] = stringsOf(site, args) as [string, string];
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(base)) site.fail(`the base URI '${base}' must be absolute (such as https://host/).`);
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(relative)) return checked(site, relative);
  if (base.endsWith('/')) return checked(site, base + (relative.startsWith('/') ? relative.slice(1) : relative));
  const afterScheme = base.indexOf('//') >= 0 ? base.indexOf('//') + 2 : base.indexOf(':') + 1;
  const lastSlash = base.lastIndexOf('/');
  if (lastSlash < afterScheme) return checked(site, `${base}/${relative.startsWith('/') ? relative.slice(1) : relative}`);
  return checked(site, base.slice(0, lastSlash + 1) + (relative.startsWith('/') ? relative.slice(1) : relative));
}

/** Uri.EscapeDataString: everything but the RFC 3986 unreserved characters is percent-encoded. */
function uriComponent(args: unknown[], site: CallSite): string {
  const s = expectString(site, args, 0);
  try {
    return checked(site, encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
  } catch {
    return site.fail('the string contains an unpaired surrogate character and cannot be encoded.');
  }
}

function uriComponentToString(args: unknown[], site: CallSite): string {
  const s = expectString(site, args, 0);
  try {
    return decodeURIComponent(s);
  } catch {
    return site.fail(`'${s.slice(0, 40)}' contains an invalid percent-encoding.`);
  }
}

function hashParts(site: CallSite, args: unknown[]): string[] {
  return args.map((_, i) => expectString(site, args, i));
}

function stringOf(args: unknown[], site: CallSite): unknown {
  const t = textOf(site, args[0]);
  return typeof t === 'string' ? site.produced(t) : t;
}

function startsOrEnds(which: 'start' | 'end') {
  return (args: unknown[], site: CallSite): boolean => {
    const [s, v] = stringsOf(site, args) as [string, string];
    const a = s.toLowerCase();
    const b = v.toLowerCase();
    return which === 'start' ? a.startsWith(b) : a.endsWith(b);
  };
}

/** like(): case-insensitive match of the whole string, `*` standing for any run of characters. */
function like(args: unknown[], site: CallSite): boolean {
  const [s, pattern] = stringsOf(site, args) as [string, string];
  const parts = pattern.toLowerCase().split('*');
  const text = s.toLowerCase();
  if (parts.length === 1) return text === parts[0];
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = text.indexOf(middle, at);
    if (found < 0 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return true;
}

export { base64Decode };

export const stringFunctions: FunctionDef[] = [
  fn('format', 1, Infinity, format, { acceptsUnknown: true }),
  fn('toLower', 1, 1, (args, site) => expectString(site, args, 0).toLowerCase()),
  fn('toUpper', 1, 1, (args, site) => expectString(site, args, 0).toUpperCase()),
  fn('trim', 1, 1, (args, site) => expectString(site, args, 0).trim()),
  fn('substring', 1, 3, substring),
  fn('replace', 3, 3, replace),
  fn('split', 2, 2, split),
  fn('startsWith', 2, 2, startsOrEnds('start')),
  fn('like', 2, 2, like),
  fn('endsWith', 2, 2, startsOrEnds('end')),
  fn('padLeft', 2, 3, padLeft),
  fn('string', 1, 1, stringOf),
  fn('base64', 1, 1, base64),
  fn('base64ToString', 1, 1, (args, site) => checked(site, utf8Decode(base64Decode(site, expectString(site, args, 0))))),
  fn('base64ToJson', 1, 1, (args, site) => parseLenientJson(site, utf8Decode(base64Decode(site, expectString(site, args, 0))))),
  fn('dataUri', 1, 1, (args, site) => checked(site, `data:text/plain;charset=utf8;base64,${base64Encode(utf8Bytes(expectString(site, args, 0)))}`)),
  fn('dataUriToString', 1, 1, dataUriToString),
  fn('uri', 2, 2, uri),
  fn('uriComponent', 1, 1, uriComponent),
  fn('uriComponentToString', 1, 1, uriComponentToString),
  fn('guid', 1, Infinity, (args, site) => armGuid(hashParts(site, args))),
  fn('uniqueString', 1, Infinity, (args, site) => uniqueString(hashParts(site, args))),
  fn('newGuid', 0, 0, () => new Unknown('newGuid() is a new random value at every deployment')),
  fn('json', 1, 1, (args, site) => (args[0] === null ? null : parseLenientJson(site, expectString(site, args, 0)))),
];

