// Recursive-descent parser for ARM template expressions.
//
// Grammar (ARM has no operators; everything is a function call):
//   expr      := primary accessor*
//   primary   := string | integer | call
//   call      := ident ('.' ident)? '(' (expr (',' expr)*)? ')'
//   accessor  := '.' name | '[' expr ']'
//   string    := "'" ( [^'] | "''" )* "'"
//   integer   := '-'? [0-9]+

import { ExpressionError } from '../types';
import type { CallNode, ExprNode } from './ast';

/** Deeper nesting than this is not a real template; it is refused before the JS stack is at risk. */
export const MAX_PARSE_DEPTH = 200;

/** Templates repeat the same expressions many times; parsing each text once pays for itself. */
const CACHE_LIMIT = 20_000;
/** Huge expressions are rare and would pin their text in memory; they are parsed each time instead. */
const CACHE_MAX_TEXT = 4_096;
const cache = new Map<string, ExprNode>();
const templateCache = new Map<string, ParsedTemplateExpression>();

/** A `[...]` string parsed, with its text between the brackets (what error messages quote). */
export interface ParsedTemplateExpression {
  readonly node: ExprNode;
  readonly text: string;
  /**
   * The value depends only on the template's parameters, variables and deployment scope, so it is the
   * same wherever the expression stands in one template: no copyIndex(), no reference()/list*() (whose
   * answer may change while the template expands), no user function (which may call either).
   */
  readonly scopeInvariant: boolean;
  /**
   * For an expression that is not scope-invariant only through copyIndex() of one loop: that loop, by
   * lower-case name, or '' for copyIndex() without a name. Its value then depends on that loop's index
   * alone. Undefined otherwise.
   */
  readonly loopKey: string | undefined;
}

/**
 * Parse `[...]` as it stands in the template, cached on the whole string: the same string object is
 * evaluated again and again (copy loops, shared variables), and looking it up needs neither a slice
 * nor re-hashing a new string.
 */
export function parseTemplateExpression(s: string): ExprNode {
  return parseTemplateEntry(s).node;
}

/** parseTemplateExpression with the inner text, so evaluating a cached expression slices nothing. */
export function parseTemplateEntry(s: string): ParsedTemplateExpression {
  const hit = templateCache.get(s);
  if (hit !== undefined) return hit;
  const text = s.slice(1, -1);
  const node = parseExpression(text);
  const { scopeInvariant, loopKey } = varianceOf(node);
  const entry: ParsedTemplateExpression = { node, text, scopeInvariant, loopKey };
  if (s.length <= CACHE_MAX_TEXT) {
    if (templateCache.size >= CACHE_LIMIT) templateCache.clear();
    templateCache.set(s, entry);
  }
  return entry;
}

/** Functions whose value may differ between two places of one template (or two moments of its expansion). */
const VARIANT_FUNCTIONS = new Set(['copyindex', 'reference', 'references', 'newguid', 'utcnow']);

/**
 * What may vary in `node` (ParsedTemplateExpression.scopeInvariant and loopKey), in one walk: nothing, only
 * the copyIndex() of one loop, or more.
 */
function varianceOf(node: ExprNode): { scopeInvariant: boolean; loopKey: string | undefined } {
  let key: string | undefined;
  const visit = (n: ExprNode): boolean => {
    switch (n.kind) {
      case 'string':
      case 'number':
        return true;
      case 'property':
        return visit(n.target);
      case 'index':
        return visit(n.target) && visit(n.index);
      case 'call': {
        if (n.namespace === undefined && n.key === 'copyindex') {
          const first = n.args[0];
          let ref: string;
          if (first === undefined || (n.args.length === 1 && first.kind === 'number')) ref = '';
          else if (first.kind === 'string' && n.args.length <= 2) ref = first.value.toLowerCase();
          else return false;
          if (key !== undefined && key !== ref) return false;
          key = ref;
          return n.args.length < 2 || visit(n.args[1]!);
        }
        if (n.namespace !== undefined || VARIANT_FUNCTIONS.has(n.key) || n.key.startsWith('list')) return false;
        for (const a of n.args) if (!visit(a)) return false;
        return true;
      }
    }
  };
  // True when nothing varies but copyIndex() of one loop; with no copyIndex() met, nothing varies at all.
  const atMostOneLoop = visit(node);
  return { scopeInvariant: atMostOneLoop && key === undefined, loopKey: atMostOneLoop ? key : undefined };
}

export function parseExpression(text: string): ExprNode {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const node = new Parser(text).parseAll();
  if (text.length <= CACHE_MAX_TEXT) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, node);
  }
  return node;
}

/** ARM's rule: `[...]` is an expression unless it starts with `[[` (an escaped literal). */
export function isExpressionString(s: string): boolean {
  return s.length >= 2 && s.charCodeAt(0) === 0x5b && s.charCodeAt(s.length - 1) === 0x5d && s.charCodeAt(1) !== 0x5b;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isIdentStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

/** Property names after `.` may also contain `-` (output names such as `my-output`). */
function isPropertyPart(c: number): boolean {
  return isIdentPart(c) || c === 0x2d;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly text: string) {}

  parseAll(): ExprNode {
    this.skipSpace();
    if (this.pos >= this.text.length) this.fail('the expression is empty');
    const node = this.parseExpr();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`unexpected '${this.text[this.pos]}' after the end of the expression`);
    return node;
  }

  private fail(message: string, at = this.pos): never {
    throw new ExpressionError(
      `Invalid template expression '[${this.text}]': ${message} (at character ${at + 1}).`,
      this.text,
      at,
    );
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  private parseExpr(): ExprNode {
    if (++this.depth > MAX_PARSE_DEPTH) this.fail(`nesting is deeper than ${MAX_PARSE_DEPTH} levels`);
    let node = this.parsePrimary();
    for (;;) {
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x2e /* . */) {
        const at = this.pos;
        this.pos++;
        this.skipSpace();
        const name = this.readName(isPropertyPart);
        if (name === '') this.fail("expected a property name after '.'");
        node = { kind: 'property', target: node, name, pos: at };
      } else if (c === 0x5b /* [ */) {
        const at = this.pos;
        this.pos++;
        this.skipSpace();
        const index = this.parseExpr();
        this.skipSpace();
        this.expect(0x5d, "']'");
        node = { kind: 'index', target: node, index, pos: at };
      } else {
        break;
      }
    }
    this.depth--;
    return node;
  }

  private expect(code: number, what: string): void {
    if (this.text.charCodeAt(this.pos) !== code) {
      this.fail(this.pos >= this.text.length ? `expected ${what} but the expression ended` : `expected ${what} but found '${this.text[this.pos]}'`);
    }
    this.pos++;
  }

  private readName(part: (c: number) => boolean): string {
    const start = this.pos;
    if (this.pos < this.text.length && isIdentStart(this.text.charCodeAt(this.pos))) {
      this.pos++;
      while (this.pos < this.text.length && part(this.text.charCodeAt(this.pos))) this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  private parsePrimary(): ExprNode {
    this.skipSpace();
    const start = this.pos;
    if (start >= this.text.length) this.fail('expected a value but the expression ended');
    const c = this.text.charCodeAt(start);
    if (c === 0x27 /* ' */) return this.parseString();
    if (isDigit(c) || (c === 0x2d /* - */ && isDigit(this.text.charCodeAt(start + 1)))) return this.parseNumber();
    if (isIdentStart(c)) return this.parseCall();
    return this.fail(`unexpected '${this.text[start]}'`);
  }

  private parseString(): ExprNode {
    const start = this.pos;
    this.pos++;
    let value = '';
    let chunk = this.pos;
    for (;;) {
      const q = this.text.indexOf("'", this.pos);
      if (q < 0) this.fail('the string literal is not closed', start);
      if (this.text.charCodeAt(q + 1) === 0x27) {
        value += this.text.slice(chunk, q + 1);
        this.pos = q + 2;
        chunk = this.pos;
        continue;
      }
      value += this.text.slice(chunk, q);
      this.pos = q + 1;
      return { kind: 'string', value, pos: start };
    }
  }

  private parseNumber(): ExprNode {
    const start = this.pos;
    if (this.text.charCodeAt(this.pos) === 0x2d) this.pos++;
    while (this.pos < this.text.length && isDigit(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.text.charCodeAt(this.pos) === 0x2e && isDigit(this.text.charCodeAt(this.pos + 1))) {
      this.fail("ARM expressions only have integer literals; write a decimal number as json('1.5')", start);
    }
    const value = Number(this.text.slice(start, this.pos));
    if (!Number.isSafeInteger(value)) this.fail('the integer literal is outside the supported range (±2^53)', start);
    return { kind: 'number', value: value === 0 ? 0 : value, pos: start };
  }

  private parseCall(): ExprNode {
    const start = this.pos;
    let name = this.readName(isIdentPart);
    let namespace: string | undefined;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 0x2e) {
      this.pos++;
      this.skipSpace();
      namespace = name;
      name = this.readName(isIdentPart);
      if (name === '') this.fail(`expected a function name after '${namespace}.'`);
      this.skipSpace();
    }
    if (this.text.charCodeAt(this.pos) !== 0x28 /* ( */) {
      const full = namespace === undefined ? name : `${namespace}.${name}`;
      this.fail(`'${full}' must be a function call such as ${full}(); strings are written in single quotes`, start);
    }
    this.pos++;
    const args: ExprNode[] = [];
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 0x29 /* ) */) {
      this.pos++;
    } else {
      for (;;) {
        args.push(this.parseExpr());
        this.skipSpace();
        const c = this.text.charCodeAt(this.pos);
        if (c === 0x2c /* , */) {
          this.pos++;
          continue;
        }
        this.expect(0x29, "',' or ')'");
        break;
      }
    }
    const key = namespace === undefined ? name.toLowerCase() : `${namespace.toLowerCase()}.${name.toLowerCase()}`;
    const node: CallNode = namespace === undefined
      ? { kind: 'call', name, key, args, pos: start }
      : { kind: 'call', name, namespace, key, args, pos: start };
    return node;
  }
}
