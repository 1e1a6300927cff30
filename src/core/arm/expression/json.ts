// json() and base64ToJson(): JSON as Newtonsoft's JToken.Parse reads it for ARM, which is more lenient
// than JSON.parse: single-quoted strings, unquoted property names, comments and trailing commas.
// Objects are built with own data properties only, and nesting is bounded.

import type { CallSite } from './evaluator';
import { MAX_VALUE_DEPTH, setOwn, type JsonObject } from './values';

const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parseLenientJson(site: CallSite, text: string): unknown {
  let i = 0;
  const fail = (message: string): never => site.fail(`the text is not valid JSON: ${message} at character ${i + 1}.`);

  const skip = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) i++;
      else if (c === 0x2f && text[i + 1] === '/') {
        const end = text.indexOf('\n', i);
        i = end < 0 ? text.length : end + 1;
      } else if (c === 0x2f && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) fail('a comment is not closed');
        i = end + 2;
      } else return;
    }
  };

  const readString = (): string => {
    const quote = text[i];
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) fail('a string is not closed');
      const c = text[i]!;
      if (c === quote) {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('an invalid \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          continue;
        }
        const mapped = e === undefined ? undefined : ESCAPES[e];
        if (mapped === undefined) fail(`an invalid escape '\\${e ?? ''}'`);
        out += mapped;
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
  };

  const readValue = (depth: number): unknown => {
    if (depth > MAX_VALUE_DEPTH) fail(`nesting deeper than ${MAX_VALUE_DEPTH} levels`);
    skip();
    const c = text[i];
    if (c === undefined) return fail('the text ended early');
    if (c === '{') {
      i++;
      const o: JsonObject = {};
      for (;;) {
        skip();
        if (text[i] === '}') {
          i++;
          return o;
        }
        let key: string;
        if (text[i] === '"' || text[i] === "'") key = readString();
        else {
          const m = /^[A-Za-z_$][A-Za-z0-9_$-]*/.exec(text.slice(i, i + 256));
          if (!m) return fail('expected a property name');
          key = m[0];
          i += key.length;
        }
        skip();
        if (text[i] !== ':') fail("expected ':' after a property name");
        i++;
        setOwn(o, key, readValue(depth + 1));
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const a: unknown[] = [];
      for (;;) {
        skip();
        if (text[i] === ']') {
          i++;
          return a;
        }
        a.push(readValue(depth + 1));
        site.checkArrayLength(a.length);
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') fail("expected ',' or ']'");
      }
    }
    if (c === '"' || c === "'") return readString();
    const m = /^-?(?:\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m) {
      const n = Number(m[0]);
      if (!Number.isFinite(n)) fail(`the number ${m[0].slice(0, 30)} is out of range`);
      i += m[0].length;
      return n === 0 ? 0 : n;
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    return fail(`unexpected '${c}'`);
  };

  skip();
  if (i >= text.length) return null;
  const value = readValue(0);
  skip();
  if (i < text.length) fail('unexpected text after the value');
  return value;
}
