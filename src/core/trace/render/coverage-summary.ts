import type { TraceabilityMatrix } from '../matrix';
import { gapCounts } from './coverage-lines';
import { plainText } from './escape';

/** A few plain lines for a terminal or a pipeline log; no titles, so nothing user-written reaches the log. */
export function renderCoverageSummary(m: TraceabilityMatrix): string {
  const s = m.summary;
  const gaps = gapCounts(s).filter((g) => g.count > 0);
  const outcomes = Object.entries(s.outcomes);
  const lines = [
    `Traceability ${plainText(m.organization)}/${plainText(m.project)} as of ${plainText(m.asOf)}: ${s.requirements} requirement(s)`,
    `  with test cases: ${s.withTests} (${s.coveragePercent}%), with a passing test: ${s.withPassingTests} (${s.passingPercent}%), all passing: ${s.withAllTestsPassing}`,
    `  gaps: ${gaps.length === 0 ? 'none' : gaps.map((g) => `${g.code} ${g.count}`).join(', ')} (${s.requirementsWithGaps} requirement(s) affected)`,
    `  latest outcomes: ${outcomes.length === 0 ? 'no test points' : outcomes.map(([o, n]) => `${plainText(o)} ${n}`).join(', ')}`,
  ];
  if (s.danglingLinks > 0) lines.push(`  ignored ${s.danglingLinks} link(s) to items outside the source`);
  if (s.removedRequirements > 0) lines.push(`  excluded ${s.removedRequirements} removed requirement(s)`);
  return `${lines.join('\n')}\n`;
}
