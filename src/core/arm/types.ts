// The contract between ARM template expansion (expand*.ts) and the expression language
// (expression/*.ts): expansion builds an EvaluationContext for each place a value is evaluated;
// the evaluator resolves template functions against it.

import type { Unknown } from '../model';

export type TargetScope = 'resourceGroup' | 'subscription' | 'managementGroup' | 'tenant';

/** The deployment a template (or a nested deployment) runs in: what scope functions return. */
export interface ArmScope {
  targetScope: TargetScope;
  tenantId: string;
  subscriptionId?: string;
  /** Present for resource-group deployments. */
  resourceGroup?: { name: string; location: string };
  managementGroup?: string;
  deploymentName: string;
  /** Default location for `deployment().location` at subscription / tenant scope. */
  location: string;
}

/** Bounds that keep hostile templates from hanging or exhausting memory. Shared across a whole file. */
export interface EvaluationBudget {
  /** Remaining evaluation steps (function calls + copy iterations); at 0 evaluation throws LimitError. */
  steps: number;
  /** Largest array any single function or copy loop may produce. */
  readonly maxArrayLength: number;
  /** Largest string any single function may produce. */
  readonly maxStringLength: number;
  /** Deepest nesting of deployments / user-function calls / variable references. */
  readonly maxDepth: number;
}

export const DEFAULT_LIMITS = {
  steps: 50_000_000,
  maxArrayLength: 100_000,
  maxStringLength: 4_000_000,
  maxDepth: 64,
} as const;

export interface UserFunction {
  parameters: { name: string; type: string }[];
  output: { type: string; value: unknown };
}

export interface EvaluationContext {
  /** For error messages: the file and the JSON pointer of the value being evaluated. */
  file: string;
  pointer: string;
  scope: ArmScope;
  budget: EvaluationBudget;
  /** `parameters('x')`; throws ExpressionError naming the parameter when it does not exist. */
  parameter(name: string): unknown;
  /** `variables('x')`, evaluated lazily by expansion with cycle detection. */
  variable(name: string): unknown;
  /** `copyIndex()` / `copyIndex('loop')`; throws when not inside that loop. */
  copyIndex(loopName?: string): number;
  /** User-defined functions: `namespace.member`. */
  userFunction(namespace: string, member: string): UserFunction | undefined;
  /**
   * Symbolic-name lookups for languageVersion 2.0 (`reference('symbol')` style) and `reference()`
   * resolution; returns Unknown for anything only known after deployment.
   */
  reference?(target: unknown, apiVersion?: unknown, full?: unknown): unknown | Unknown;
}

/** A template expression that cannot be evaluated (syntax, unknown function, wrong argument types). */
export class ExpressionError extends Error {
  readonly expression: string;
  readonly position?: number;
  constructor(message: string, expression: string, position?: number) {
    super(message);
    this.name = 'ExpressionError';
    this.expression = expression;
    this.position = position;
  }
}

/** A bound in EvaluationBudget was exceeded (copy loop of a billion, runaway recursion). */
export class LimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LimitError';
  }
}
