import { InputError } from '../errors';
import { gapCodes, type GapCode, type RequirementRow, type TraceabilityMatrix } from './matrix';

/**
 * The requirements that carry any of the given gap codes, for a release gate. An unknown code is a
 * configuration mistake that would silently let everything through, so it throws.
 */
export function hasForbiddenGaps(m: TraceabilityMatrix, codes: readonly GapCode[]): RequirementRow[] {
  const unknown = codes.filter((c) => !(gapCodes as readonly string[]).includes(c));
  if (unknown.length > 0) {
    throw new InputError(`unknown gap code(s) ${unknown.join(', ')}; use any of ${gapCodes.join(', ')}`);
  }
  const forbidden = new Set<string>(codes);
  return m.requirements.filter((r) => r.gaps.some((g) => forbidden.has(g.code)));
}
