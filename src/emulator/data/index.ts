// Seeds by name: `sample` (the curated ClinicalAI project) and `large:N` (about N work items, same shape).

import { InputError } from '../../core/errors';
import { generateProject } from './generate';
import { EmulatorData } from './types';

export * from './types';

export type SeedName = 'sample' | `large:${number}`;

export const SAMPLE_ORGANIZATION = 'contoso-health';
export const SAMPLE_PROJECT = 'ClinicalAI';

const cache = new Map<string, EmulatorData>();

/** The seed's data; generated once per process and shared, so treat it as read-only. */
export function loadSeed(seed: SeedName | string): EmulatorData {
  const cached = cache.get(seed);
  if (cached) return cached;
  let data: EmulatorData;
  if (seed === 'sample') {
    data = generateProject({ organization: SAMPLE_ORGANIZATION, projectName: SAMPLE_PROJECT, randomSeed: 20261120 });
  } else {
    const match = /^large:(\d+)$/.exec(seed);
    const n = match ? Number(match[1]) : NaN;
    if (!Number.isSafeInteger(n) || n < 50 || n > 500_000) {
      throw new InputError(`Unknown seed "${seed}": use "sample" or "large:N" with 50 ≤ N ≤ 500000 work items.`);
    }
    data = generateProject({ organization: SAMPLE_ORGANIZATION, projectName: SAMPLE_PROJECT, workItemCount: n, randomSeed: 20261120 + n });
  }
  cache.set(seed, data);
  return data;
}
