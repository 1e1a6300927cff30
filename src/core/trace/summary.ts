import { gapCodes, type EpicSummary, type GapCode, type MatrixSummary, type RequirementRow } from './matrix';
import { isPassingOutcome } from './outcomes';
import { percentOneDecimal } from './percent';

function hasPassing(r: RequirementRow): boolean {
  return r.tests.some((t) => t.points.some((p) => isPassingOutcome(p.outcome)));
}

function allPassing(r: RequirementRow): boolean {
  const points = r.tests.flatMap((t) => t.points);
  return points.length > 0 && points.every((p) => isPassingOutcome(p.outcome));
}

function nearestEpic(r: RequirementRow): { id: number; title: string } | null {
  return r.ancestors.find((a) => a.type.toLowerCase() === 'epic') ?? null;
}

function byKey<T>(entries: [string, T][]): Record<string, T> {
  // Keys in code-point order so the object serializes the same whatever order outcomes were met in.
  const out: Record<string, T> = {};
  for (const [k, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = v;
  return out;
}

function summarizeEpics(requirements: RequirementRow[]): EpicSummary[] {
  const groups = new Map<number | null, { title: string | null; rows: RequirementRow[] }>();
  for (const r of requirements) {
    const epic = nearestEpic(r);
    const key = epic?.id ?? null;
    const group = groups.get(key) ?? { title: epic?.title ?? null, rows: [] };
    group.rows.push(r);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a - b))
    .map(([epicId, { title, rows }]) => {
      const withTests = rows.filter((r) => r.tests.length > 0).length;
      return {
        epicId,
        title,
        requirements: rows.length,
        withTests,
        withPassingTests: rows.filter(hasPassing).length,
        coveragePercent: percentOneDecimal(withTests, rows.length),
        gaps: rows.reduce((n, r) => n + r.gaps.length, 0),
      };
    });
}

export function summarize(requirements: RequirementRow[], removedRequirements: number, danglingLinks: number): MatrixSummary {
  const gaps = Object.fromEntries(gapCodes.map((c) => [c, 0])) as Record<GapCode, number>;
  for (const r of requirements) for (const g of r.gaps) gaps[g.code] += 1;

  // A test point shared by several requirements is one execution; count it once.
  const outcomeByPoint = new Map<number, string>();
  for (const r of requirements) for (const t of r.tests) for (const p of t.points) outcomeByPoint.set(p.pointId, p.outcome);
  const outcomeCounts = new Map<string, number>();
  for (const o of outcomeByPoint.values()) outcomeCounts.set(o, (outcomeCounts.get(o) ?? 0) + 1);

  const withTests = requirements.filter((r) => r.tests.length > 0).length;
  const withPassingTests = requirements.filter(hasPassing).length;
  return {
    requirements: requirements.length,
    withTests,
    withPassingTests,
    withAllTestsPassing: requirements.filter(allPassing).length,
    coveragePercent: percentOneDecimal(withTests, requirements.length),
    passingPercent: percentOneDecimal(withPassingTests, requirements.length),
    requirementsWithGaps: requirements.filter((r) => r.gaps.length > 0).length,
    gaps,
    outcomes: byKey([...outcomeCounts.entries()]),
    epics: summarizeEpics(requirements),
    removedRequirements,
    danglingLinks,
  };
}
