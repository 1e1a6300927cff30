// The coverage figures every rendering shows, worded once so the CSV-less renderings agree with each other.

import { gapCodes, type GapCode, type MatrixSummary } from '../matrix';

export interface Measure {
  label: string;
  value: string;
}

export function coverageMeasures(s: MatrixSummary): Measure[] {
  return [
    { label: 'Requirements', value: String(s.requirements) },
    { label: 'With test cases', value: `${s.withTests} (${s.coveragePercent}%)` },
    { label: 'With a passing test', value: `${s.withPassingTests} (${s.passingPercent}%)` },
    { label: 'All test points passing', value: String(s.withAllTestsPassing) },
    { label: 'Requirements with gaps', value: String(s.requirementsWithGaps) },
    { label: 'Removed requirements excluded', value: String(s.removedRequirements) },
    { label: 'Links to items outside the source (ignored)', value: String(s.danglingLinks) },
  ];
}

export const GAP_LABELS: Record<GapCode, string> = {
  untested: 'No linked test case',
  'never-run': 'Test cases never run',
  failing: 'Latest result failing',
  blocked: 'Latest result blocked',
  stale: 'Changed after last pass',
  'not-deployed': 'Completed but not in production',
  'released-untested': 'In production without tests',
  'released-failing': 'In production with failing tests',
};

export function gapCounts(s: MatrixSummary): { code: GapCode; label: string; count: number }[] {
  return gapCodes.map((code) => ({ code, label: GAP_LABELS[code], count: s.gaps[code] }));
}
