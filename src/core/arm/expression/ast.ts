// The syntax tree of one ARM template expression (the text between the outer brackets).
// Positions are 0-based character offsets into that text, so errors can point at the exact call.

import type { FunctionDef } from './evaluator';

export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
  readonly pos: number;
}

/** ARM expression literals are integers only; floats exist only through json('1.5'). */
export interface NumberLiteral {
  readonly kind: 'number';
  readonly value: number;
  readonly pos: number;
}

export interface CallNode {
  readonly kind: 'call';
  /** The function name as written (`concat`, or `member` of `namespace.member`). */
  readonly name: string;
  /** Set for user-defined functions: `namespace.member(...)`. */
  readonly namespace?: string;
  /** Lower-cased lookup key; ARM function names are case-insensitive. */
  readonly key: string;
  readonly args: readonly ExprNode[];
  readonly pos: number;
  /** The built-in function `key` names, filled in by the evaluator on first call (the table never changes). */
  def?: FunctionDef;
}

/** `target.name` */
export interface PropertyNode {
  readonly kind: 'property';
  readonly target: ExprNode;
  readonly name: string;
  readonly pos: number;
}

/** `target[index]` */
export interface IndexNode {
  readonly kind: 'index';
  readonly target: ExprNode;
  readonly index: ExprNode;
  readonly pos: number;
}

export type ExprNode = StringLiteral | NumberLiteral | CallNode | PropertyNode | IndexNode;
