// Shared fixtures for the ARM expansion tests: a fixed deployment context so ids are predictable.

import assert from 'node:assert/strict';
import type { DeploymentContext, NormalizedResource } from '../../src/core/model';
import { InputError } from '../../src/core/errors';
import { expandArmTemplate, type ArmExpandInput, type ArmExpandResult } from '../../src/core/arm';

export const SUB = '11111111-2222-3333-4444-555555555555';
export const TENANT = '99999999-8888-7777-6666-555555555555';
export const RG = 'rg-app';
export const RG_ID = `/subscriptions/${SUB}/resourceGroups/${RG}`;

export const CONTEXT: DeploymentContext = {
  subscriptionId: SUB,
  resourceGroup: RG,
  location: 'westeurope',
  tenantId: TENANT,
  deploymentName: 'main',
};

export const RG_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
export const SUB_SCHEMA = 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#';

export function template(body: Record<string, unknown>, schema = RG_SCHEMA): Record<string, unknown> {
  return { $schema: schema, contentVersion: '1.0.0.0', ...body };
}

export function expand(tpl: unknown, extra: Partial<ArmExpandInput> = {}): ArmExpandResult {
  return expandArmTemplate({ file: 'main.json', template: tpl, context: CONTEXT, ...extra });
}

export function byName(resources: NormalizedResource[], name: string): NormalizedResource {
  const found = resources.filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}: ${resources.map((r) => r.name).join(', ')}`);
  return found[0]!;
}

/** Resource counts by type, sorted, for comparing whole expansions. */
export function countByType(resources: NormalizedResource[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of [...resources].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

/** Asserts `fn` throws an InputError whose message contains every fragment. */
export function throwsInput(fn: () => unknown, ...fragments: string[]): Error {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  if (!(caught instanceof Error) || caught.name !== 'InputError') {
    throw new Error(`expected an InputError, got ${caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)}`);
  }
  for (const f of fragments) {
    if (!caught.message.includes(f)) throw new Error(`InputError message ${JSON.stringify(caught.message)} does not contain ${JSON.stringify(f)}`);
  }
  return caught;
}

/** The smallest step budget with which the template expands (a binary search up to `ceiling`). */
export function minimalSteps(tpl: unknown, ceiling = 200_000): number {
  const fits = (steps: number): boolean => {
    try {
      expand(tpl, { limits: { steps } });
      return true;
    } catch (e) {
      if (e instanceof InputError && /steps/.test(e.message)) return false;
      throw e;
    }
  };
  let lo = 0;
  let hi = ceiling;
  assert.ok(fits(hi), `the template expands within ${ceiling} steps`);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
