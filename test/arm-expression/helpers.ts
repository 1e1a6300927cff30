// A small EvaluationContext for expression tests: parameters, variables and copy loops come from plain
// maps, the scope defaults to a resource group deployment.

import { evaluateString } from '../../src/core/arm/expression';
import { DEFAULT_LIMITS, ExpressionError, type ArmScope, type EvaluationContext, type UserFunction } from '../../src/core/arm/types';

export const SUBSCRIPTION = '00000000-0000-0000-0000-000000000001';
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export const RG_SCOPE: ArmScope = {
  targetScope: 'resourceGroup',
  tenantId: TENANT,
  subscriptionId: SUBSCRIPTION,
  resourceGroup: { name: 'rg-data', location: 'westeurope' },
  deploymentName: 'main',
  location: 'westeurope',
};

export interface CtxOptions {
  parameters?: Record<string, unknown>;
  variables?: Record<string, unknown>;
  loops?: Record<string, number>;
  functions?: Record<string, UserFunction>;
  scope?: Partial<ArmScope>;
  steps?: number;
  maxArrayLength?: number;
  maxStringLength?: number;
  maxDepth?: number;
  reference?: EvaluationContext['reference'];
}

function lookup<T>(map: Record<string, T>, name: string): T | undefined {
  const key = Object.keys(map).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : map[key];
}

export function makeCtx(o: CtxOptions = {}): EvaluationContext {
  const ctx: EvaluationContext = {
    file: 'main.json',
    pointer: '/resources/0/properties',
    scope: { ...RG_SCOPE, ...o.scope },
    budget: {
      steps: o.steps ?? DEFAULT_LIMITS.steps,
      maxArrayLength: o.maxArrayLength ?? DEFAULT_LIMITS.maxArrayLength,
      maxStringLength: o.maxStringLength ?? DEFAULT_LIMITS.maxStringLength,
      maxDepth: o.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    },
    parameter(name) {
      const v = lookup(o.parameters ?? {}, name);
      if (v === undefined) throw new ExpressionError(`The parameter '${name}' is not defined in the template.`, name);
      return v;
    },
    variable(name) {
      const v = lookup(o.variables ?? {}, name);
      if (v === undefined) throw new ExpressionError(`The variable '${name}' is not defined in the template.`, name);
      return v;
    },
    copyIndex(loop) {
      const loops = o.loops ?? {};
      const name = loop ?? Object.keys(loops)[0];
      const v = name === undefined ? undefined : lookup(loops, name);
      if (v === undefined) throw new ExpressionError(`copyIndex(${loop ? `'${loop}'` : ''}) is used outside that copy loop.`, 'copyIndex');
      return v;
    },
    userFunction(ns, member) {
      return lookup(o.functions ?? {}, `${ns}.${member}`);
    },
  };
  if (o.reference) ctx.reference = o.reference;
  return ctx;
}

/** Evaluate `[text]` in a fresh default context (or the one given). */
export function ev(text: string, ctx: EvaluationContext = makeCtx()): unknown {
  return evaluateString(`[${text}]`, ctx);
}
