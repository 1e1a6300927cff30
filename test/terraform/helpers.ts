import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NormalizedResource } from '../../src/core/model';
import { normalizeTerraformPlan } from '../../src/core/terraform';
import { scanPaths } from '../../src/node';
import { buildPlan, CONTEXT, type ModuleCall, type TestResource } from './plan-builder';

export function normalize(resources: TestResource[], calls: ModuleCall[] = []) {
  return normalizePlan(buildPlan(resources, calls));
}

/** Normalises a plan the test built and then changed (marks, resource_changes). */
export function normalizePlan(plan: Record<string, unknown>) {
  return normalizeTerraformPlan({ file: 'plan.json', plan, context: CONTEXT });
}

/** The only resource of `type` (fails the test when there is not exactly one). */
export function only(resources: readonly NormalizedResource[], type: string): NormalizedResource {
  const found = resources.filter((r) => r.type === type);
  assert.equal(found.length, 1, `expected one ${type}, got ${found.length}: ${resources.map((r) => r.type).join(', ')}`);
  return found[0] as NormalizedResource;
}

/** Plain JSON of a value: Unknowns become their `[unknown: …]` text. */
export function json(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v)) as unknown;
}

/** `plan` scanned end to end as the CLI scans a file: written as `file` to a temporary folder (removed after). */
export async function scanPlan(file: string, plan: unknown): ReturnType<typeof scanPaths> {
  const dir = mkdtempSync(join(tmpdir(), 'controltrace-plan-'));
  try {
    writeFileSync(join(dir, file), JSON.stringify(plan));
    return await scanPaths({ patterns: [file], cwd: dir, asOf: '2026-11-26T00:00:00Z' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
