// Any JSON at all, and any damage to a real plan, ends in a result or an InputError, never another
// exception (which the CLI and the task would show as a crash trace).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isInputError } from '../../src/core/errors';
import { normalizeTerraformPlan } from '../../src/core/terraform';
import { CONTEXT } from './plan-builder';

const PLAN: unknown = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'landing-zone', 'terraform', 'compliant.plan.json'), 'utf8'));

function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

const ALL_PATHS = paths(PLAN).filter((p) => p.length > 0);

function replaced(path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(PLAN) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1] as string] = value;
  return copy;
}

function outcome(plan: unknown): 'ok' | 'input-error' {
  try {
    const result = normalizeTerraformPlan({ file: 'fuzz.json', plan, context: CONTEXT });
    JSON.stringify(result);
    return 'ok';
  } catch (e) {
    if (isInputError(e)) {
      assert.equal(e.location.file, 'fuzz.json');
      return 'input-error';
    }
    throw e;
  }
}

describe('terraform: robustness', () => {
  it('arbitrary JSON is a result or an InputError', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => void outcome(v)), { numRuns: 300 });
  });

  it('an object whose keys shadow Object.prototype members, at every place of a real plan, is a result or an InputError', () => {
    // fast-check found `{"toString": null}` as a storage tier (String() of it threw a TypeError): every place is tried.
    const hostile = { toString: null, valueOf: null, toJSON: null, constructor: null, hasOwnProperty: null };
    for (const path of ALL_PATHS) outcome(replaced(path, hostile));
  });

  it('a real plan with any one value replaced by arbitrary JSON is a result or an InputError', () => {
    fc.assert(
      fc.property(fc.nat({ max: ALL_PATHS.length - 1 }), fc.jsonValue({ maxDepth: 3 }), (i, value) => void outcome(replaced(ALL_PATHS[i] as (string | number)[], value))),
      { numRuns: 300 },
    );
  });
});
