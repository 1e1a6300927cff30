// JSON.parse with errors a user can act on: `file:line:column: what is wrong`. V8 reports a character
// position in most messages ("… in JSON at position 42"); some (Node 20's "Unexpected token 'x', "…" is not
// valid JSON") carry none, so a small validating scanner finds the offending offset instead.

import { InputError } from '../errors';

export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const { offset, message } = describeJsonError(text, e instanceof Error ? e.message : String(e));
    const { line, column } = lineColumnAt(text, offset);
    throw new InputError(`invalid JSON: ${message}`, { file, line, column });
  }
}

export function describeJsonError(text: string, v8Message: string): { offset: number; message: string } {
  if (/end of JSON input/i.test(v8Message)) return { offset: text.length, message: 'unexpected end of input (truncated file?)' };
  const at = /^(.*?) in JSON at position (\d+)/.exec(v8Message);
  if (at) {
    const offset = Math.min(Number(at[2]), text.length);
    return { offset, message: offset === text.length ? 'unexpected end of input (truncated file?)' : lowerFirst(at[1]!) };
  }
  const found = findJsonSyntaxError(text);
  if (found) return found;
  return { offset: 0, message: lowerFirst(v8Message) };
}

export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** The first syntax error in `text` by a strict RFC 8259 scan, or undefined when the text is valid JSON. */
export function findJsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const fail = (message: string) => ({ offset: Math.min(i, text.length), message });
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const describe = () => (i >= text.length ? 'unexpected end of input' : `unexpected character ${JSON.stringify(text[i])}`);
  // An explicit stack instead of recursion: hostile input may nest a million levels deep.
  type Frame = { kind: 'object' | 'array'; state: 'start' | 'value' | 'afterValue' };
  const stack: Frame[] = [];
  const scanString = (): { offset: number; message: string } | undefined => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return undefined;
      }
      if (c < 0x20) return fail('control character in string (escape it, e.g. \\n)');
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('bad \\u escape in string');
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return fail('bad escape character in string');
        i += 2;
        continue;
      }
      i++;
    }
    return fail('unterminated string');
  };
  const scanScalar = (): { offset: number; message: string } | undefined => {
    const c = text[i];
    if (c === '"') return scanString();
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!lit) return fail(describe());
    i += lit[0].length;
    return undefined;
  };

  ws();
  for (;;) {
    const top = stack[stack.length - 1];
    ws();
    if (!top || top.state === 'value' || (top.kind === 'array' && top.state === 'start')) {
      if (top?.kind === 'array' && top.state === 'start' && text[i] === ']') {
        i++;
        stack.pop();
        if (stack.length === 0) break;
        stack[stack.length - 1]!.state = 'afterValue';
        continue;
      }
      if (text[i] === '{') {
        i++;
        if (top) top.state = 'afterValue';
        stack.push({ kind: 'object', state: 'start' });
        continue;
      }
      if (text[i] === '[') {
        i++;
        if (top) top.state = 'afterValue';
        stack.push({ kind: 'array', state: 'start' });
        continue;
      }
      const err = scanScalar();
      if (err) return err;
      if (!top) break;
      top.state = 'afterValue';
      continue;
    }
    if (top.kind === 'object' && top.state === 'start') {
      if (text[i] === '}') {
        i++;
        stack.pop();
        if (stack.length === 0) break;
        stack[stack.length - 1]!.state = 'afterValue';
        continue;
      }
      if (text[i] !== '"') return fail(`expected a double-quoted property name, found ${describe().replace('unexpected ', '')}`);
      const err = scanString();
      if (err) return err;
      ws();
      if (text[i] !== ':') return fail(`expected ':' after property name, found ${describe().replace('unexpected ', '')}`);
      i++;
      top.state = 'value';
      continue;
    }
    // afterValue
    const close = top.kind === 'object' ? '}' : ']';
    if (text[i] === close) {
      i++;
      stack.pop();
      if (stack.length === 0) break;
      stack[stack.length - 1]!.state = 'afterValue';
      continue;
    }
    if (text[i] !== ',') return fail(`expected ',' or '${close}', found ${describe().replace('unexpected ', '')}`);
    i++;
    ws();
    if (top.kind === 'object') {
      top.state = 'start';
      if (text[i] === '}') return fail('trailing comma before }');
    } else {
      top.state = 'value';
      if (text[i] === ']') return fail('trailing comma before ]');
    }
  }
  ws();
  if (i < text.length) return fail(`unexpected content after the JSON value: ${describe().replace('unexpected ', '')}`);
  return undefined;
}
