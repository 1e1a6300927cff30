// Gap analysis for one requirement row. Each rule is the definition the quality unit signs off on, so the
// detail text says which evidence triggered it.

import type { DeploymentRow, Gap, RequirementRow, TestCaseRow, TestPointRow } from './matrix';
import { hasVerdict, isBlockedOutcome, isFailingOutcome, isPassingOutcome } from './outcomes';

type RowWithoutGaps = Omit<RequirementRow, 'gaps'>;

interface PointOfTest {
  test: TestCaseRow;
  point: TestPointRow;
}

function pointsOf(row: RowWithoutGaps): PointOfTest[] {
  return row.tests.flatMap((test) => test.points.map((point) => ({ test, point })));
}

function describePoint({ test, point }: PointOfTest): string {
  const plan = point.planName === null ? `plan ${point.planId}` : `plan ${point.planId} "${point.planName}"`;
  const suite = point.suiteName === null ? `suite ${point.suiteId}` : `suite ${point.suiteId} "${point.suiteName}"`;
  const run = point.runId === null ? '' : `, run ${point.runId}`;
  return `test case ${test.id} (${plan}, ${suite}, configuration "${point.configuration}"${run})`;
}

function describeRelease(d: DeploymentRow): string {
  const when = d.finishTime === null ? '' : ` at ${d.finishTime}`;
  return `deployed to production environment "${d.environment}" (stage "${d.stage}", build ${d.buildId}${when})`;
}

function instant(value: string): number {
  return Date.parse(value);
}

export function isProductionRelease(d: DeploymentRow): boolean {
  return d.production && d.result.toLowerCase() === 'succeeded';
}

export interface GapContext {
  completedStates: readonly string[];
  stateCategory: string | undefined;
  /** Requirement-based suites built on the requirement; when it is untested, they are all empty. */
  requirementSuiteIds: readonly number[];
}

export function gapsOf(row: RowWithoutGaps, { completedStates, stateCategory, requirementSuiteIds }: GapContext): Gap[] {
  const gaps: Gap[] = [];
  const points = pointsOf(row);
  const failing = points.filter((p) => isFailingOutcome(p.point.outcome));
  const blocked = points.filter((p) => isBlockedOutcome(p.point.outcome));
  const passing = points.filter((p) => isPassingOutcome(p.point.outcome));
  const releases = row.deployments.filter(isProductionRelease);
  const untested = row.tests.length === 0;

  if (untested) {
    gaps.push({
      code: 'untested',
      detail:
        requirementSuiteIds.length === 0
          ? 'No test case is linked by Tested By and no requirement-based suite is built on this requirement.'
          : `No test case is linked by Tested By, and its requirement-based suite(s) ${requirementSuiteIds.join(', ')} contain no test case.`,
    });
  } else if (!points.some((p) => hasVerdict(p.point.outcome))) {
    gaps.push({
      code: 'never-run',
      detail:
        points.length === 0
          ? `Its ${row.tests.length} test case(s) are in no test plan, so they have no test points and no results.`
          : `None of the ${points.length} test point(s) of its ${row.tests.length} test case(s) has a completed result (latest: ${tally(points.map((p) => p.point.outcome))}).`,
    });
  }

  if (failing.length > 0) {
    gaps.push({
      code: 'failing',
      detail: `Latest outcome ${failing.map((p) => `${p.point.outcome} on ${describePoint(p)}`).join('; ')}.`,
    });
  } else if (blocked.length > 0) {
    gaps.push({ code: 'blocked', detail: `Latest outcome Blocked on ${blocked.map(describePoint).join('; ')}.` });
  }

  if (passing.length > 0) {
    const dated = passing.filter((p) => p.point.completedDate !== null);
    if (dated.length === 0) {
      gaps.push({
        code: 'stale',
        detail: `It has passing results but none records a completed date, so a test after its last change (${row.changedDate}) cannot be shown.`,
      });
    } else {
      const newest = dated.reduce((a, b) => (instant(b.point.completedDate!) > instant(a.point.completedDate!) ? b : a));
      if (instant(row.changedDate) > instant(newest.point.completedDate!)) {
        gaps.push({
          code: 'stale',
          detail: `Changed at ${row.changedDate}, after its newest passing result (${newest.point.completedDate} on ${describePoint(newest)}).`,
        });
      }
    }
  }

  const completed =
    completedStates.some((s) => s.toLowerCase() === row.state.toLowerCase()) || stateCategory?.toLowerCase() === 'completed';
  if (completed && releases.length === 0) {
    gaps.push({
      code: 'not-deployed',
      detail: `State "${row.state}" is completed, but no build associated with it has a succeeded deployment to a production environment.`,
    });
  }

  if (releases.length > 0 && untested) {
    gaps.push({ code: 'released-untested', detail: `${capitalize(describeRelease(releases[releases.length - 1]))} without any linked test case.` });
  }
  if (releases.length > 0 && failing.length > 0) {
    gaps.push({
      code: 'released-failing',
      detail: `${capitalize(describeRelease(releases[releases.length - 1]))} while the latest outcome is ${failing[0].point.outcome} on ${describePoint(failing[0])}.`,
    });
  }
  return gaps;
}

/** `NotRun ×2, InProgress ×1`, most frequent first, then by name, so the text is stable. */
function tally(outcomes: string[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a, n], [b, k]) => k - n || (a < b ? -1 : a > b ? 1 : 0))
    .map(([o, n]) => `${o} ×${n}`)
    .join(', ');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
