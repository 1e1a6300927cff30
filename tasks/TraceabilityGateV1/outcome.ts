// What the gate decides from a scoped matrix, and the output variables it sets. Pure, so it is tested in
// process; index.ts only wires task-lib around it.

import type { GapCode, RequirementRow, TraceabilityMatrix } from '../../src/core/trace';

export type Loc = (key: string, ...args: (string | number)[]) => string;

export interface GateDecision {
  result: 'Succeeded' | 'SucceededWithIssues' | 'Failed';
  message: string;
}

/** At most this many requirements are named in the result message; the artifact has them all. */
const NAMED = 10;

function describe(rows: RequirementRow[], forbidden: readonly GapCode[]): string {
  const named = rows.slice(0, NAMED).map((r) => `#${r.id} ${r.gaps.filter((g) => forbidden.includes(g.code)).map((g) => g.code).join('+')}`);
  return named.join(', ') + (rows.length > NAMED ? `, … ${rows.length - NAMED} more in the matrix` : '');
}

export function decideGate(m: TraceabilityMatrix, forbidden: readonly GapCode[], offending: RequirementRow[], runId: string, loc: Loc): GateDecision {
  const codes = forbidden.length > 0 ? forbidden.join(', ') : 'none';
  if (offending.length > 0) return { result: 'Failed', message: loc('Forbidden', offending.length, codes, describe(offending, forbidden)) };
  if (m.requirements.length === 0) return { result: 'SucceededWithIssues', message: loc('NoRequirements', runId) };
  return { result: 'Succeeded', message: loc('Passed', m.requirements.length, codes, m.summary.requirementsWithGaps) };
}

const GAP_VARIABLES: Record<GapCode, string> = {
  untested: 'gapsUntested',
  'never-run': 'gapsNeverRun',
  failing: 'gapsFailing',
  blocked: 'gapsBlocked',
  stale: 'gapsStale',
  'not-deployed': 'gapsNotDeployed',
  'released-untested': 'gapsReleasedUntested',
  'released-failing': 'gapsReleasedFailing',
};

export function outputVariables(m: TraceabilityMatrix, forbiddenCount: number, files: { json: string; md: string }): Record<string, string> {
  const s = m.summary;
  const out: Record<string, string> = {
    requirementCount: String(s.requirements),
    withTestsCount: String(s.withTests),
    withPassingTestsCount: String(s.withPassingTests),
    requirementsWithGapsCount: String(s.requirementsWithGaps),
    forbiddenCount: String(forbiddenCount),
  };
  for (const [code, name] of Object.entries(GAP_VARIABLES)) out[name] = String(s.gaps[code as GapCode]);
  out.matrixFile = files.json;
  out.summaryFile = files.md;
  return out;
}
