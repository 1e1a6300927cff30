// Public API of the ARM template expression language. Errors leaving here name the file and the JSON
// pointer of the value being evaluated (ctx.file, ctx.pointer plus the path inside the value).
//
// Known, deliberate differences from Azure Resource Manager (each is safe for scanning):
// - Numbers are JS doubles: integers beyond ±2^53 are refused rather than rounded, and a float that
//   happens to be integral (json('1.0')) prints as `1`, where ARM prints `1.0`.
// - Objects are JS objects, which enumerate integer-like keys ('1', '20') before the others; ARM keeps
//   document order. This only changes the order of such keys in string(), objectKeys() and union().
// - What only Azure knows (reference(), list*(), utcNow(), newGuid(), pickZones(), display names) is an
//   Unknown, never a guess.

import { formatLocated } from '../../errors';
import { ExpressionError, LimitError, type EvaluationContext } from '../types';
import { evaluateBracketed, evaluateEntry, evaluateParsed, walkValue } from './evaluator';
import { isExpressionString, parseTemplateEntry, type ParsedTemplateExpression } from './parser';

export type { CallNode, ExprNode, IndexNode, NumberLiteral, PropertyNode, StringLiteral } from './ast';
export { isExpressionString, parseExpression, MAX_PARSE_DEPTH } from './parser';
export { callNesting } from './evaluator';
export { printExpression } from './printer';
export { FUNCTION_NAMES, FUNCTION_SIGNATURES } from './functions/registry';
export { uniqueString } from './hash/unique-string';
export { armGuid } from './hash/guid';

/** Errors that already carry a location (from a nested evaluation) are passed through unchanged. */
const located = new WeakSet<Error>();

function escapePointerSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function locate(e: unknown, ctx: EvaluationContext, path: readonly string[] | undefined): unknown {
  if (!(e instanceof ExpressionError) && !(e instanceof LimitError) && !isStackOverflow(e)) return e;
  if (located.has(e as Error)) return e;
  const pointer = ctx.pointer + (path ?? []).map((p) => `/${escapePointerSegment(p)}`).join('');
  const where = { file: ctx.file, pointer };
  let out: Error;
  if (e instanceof ExpressionError) out = new ExpressionError(formatLocated(e.message, where), e.expression, e.position);
  else if (e instanceof LimitError) out = new LimitError(formatLocated(e.message, where));
  else out = new LimitError(formatLocated('The expression is nested too deeply to evaluate.', where));
  located.add(out);
  return out;
}

/** Last line of defence: a JS stack overflow becomes a LimitError, never a crash. */
function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/** Evaluate the text of an expression (without the outer brackets). */
export function evaluateExpression(text: string, ctx: EvaluationContext): unknown {
  try {
    return evaluateParsed(text, ctx);
  } catch (e) {
    throw locate(e, ctx, undefined);
  }
}

/** A string from a template: an expression is evaluated, `[[...]` is unescaped, anything else is returned as is. */
export function evaluateString(s: string, ctx: EvaluationContext): unknown {
  if (isExpressionString(s)) {
    try {
      return evaluateBracketed(s, ctx);
    } catch (e) {
      throw locate(e, ctx, undefined);
    }
  }
  if (s.startsWith('[[') && s.endsWith(']')) return s.slice(1);
  return s;
}

export type { ParsedTemplateExpression } from './parser';

/** The parsed form (cached) of an expression string (isExpressionString); a syntax error names ctx's location. */
export function templateExpression(s: string, ctx: EvaluationContext): ParsedTemplateExpression {
  try {
    return parseTemplateEntry(s);
  } catch (e) {
    throw locate(e, ctx, undefined);
  }
}

/** evaluateString of the expression string `parsed` was parsed from. */
export function evaluateTemplateExpression(parsed: ParsedTemplateExpression, ctx: EvaluationContext): unknown {
  try {
    return evaluateEntry(parsed, ctx);
  } catch (e) {
    throw locate(e, ctx, undefined);
  }
}

/** Evaluate every string in a JSON value; the result is a new value built from own properties only. */
export function evaluateValue(value: unknown, ctx: EvaluationContext): unknown {
  const path: string[] = [];
  try {
    return walkValue(value, { ctx, text: '', lambda: undefined, fnDepth: 0 }, 0, path);
  } catch (e) {
    throw locate(e, ctx, path);
  }
}
