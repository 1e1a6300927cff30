import type { TraceabilityMatrix } from './matrix';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Canonical JSON: keys sorted at every level, two-space indent, trailing newline. Same matrix, same bytes. */
export function serializeMatrix(m: TraceabilityMatrix): string {
  return `${JSON.stringify(sortKeys(m), null, 2)}\n`;
}
