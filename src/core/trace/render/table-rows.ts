// The flat form of the matrix shared by the CSV, XLSX and HTML renderings: one row per requirement × test
// point. A test case without points, and a requirement without test cases, still get one row each, so a
// gap is never a missing line.

import type { AncestorRef, DeploymentRow, RequirementRow, TestCaseRow, TestPointRow, TraceabilityMatrix } from '../matrix';

export type Cell = string | number | null;

export const MATRIX_COLUMNS = [
  'Requirement ID',
  'Requirement Type',
  'Requirement Title',
  'State',
  'Rev',
  'Changed',
  'Epic',
  'Ancestors',
  'Gaps',
  'Released',
  'Test Case ID',
  'Test Case Rev',
  'Test Case Title',
  'Linked By',
  'Plan ID',
  'Plan',
  'Suite ID',
  'Suite',
  'Configuration',
  'Outcome',
  'Run ID',
  'Result ID',
  'Completed',
  'Run By',
  'Result Build ID',
  'Builds',
  'Production Deployments',
] as const;

export function formatAncestor(a: AncestorRef): string {
  return `${a.type} ${a.id}: ${a.title}`;
}

export function epicOf(r: RequirementRow): AncestorRef | undefined {
  return r.ancestors.find((a) => a.type.toLowerCase() === 'epic');
}

export function formatDeployment(d: DeploymentRow): string {
  return `${d.environment} / ${d.stage} / build ${d.buildId} / ${d.result}${d.finishTime === null ? '' : ` / ${d.finishTime}`}`;
}

function requirementCells(r: RequirementRow): Cell[] {
  const epic = epicOf(r);
  return [
    r.id,
    r.type,
    r.title,
    r.state,
    r.rev,
    r.changedDate,
    epic ? formatAncestor(epic) : null,
    r.ancestors.map(formatAncestor).join(' < ') || null,
    r.gaps.map((g) => g.code).join(', ') || null,
    r.released ? 'yes' : 'no',
  ];
}

function testCells(t: TestCaseRow | undefined): Cell[] {
  return t ? [t.id, t.rev, t.title, t.linkedBy.join(', ')] : [null, null, null, null];
}

function pointCells(p: TestPointRow | undefined): Cell[] {
  return p
    ? [p.planId, p.planName, p.suiteId, p.suiteName, p.configuration, p.outcome, p.runId, p.resultId, p.completedDate, p.runBy, p.buildId]
    : [null, null, null, null, null, null, null, null, null, null, null];
}

function traceCells(r: RequirementRow): Cell[] {
  const production = r.deployments.filter((d) => d.production);
  return [r.builds.map((b) => `${b.id} (${b.definition} ${b.number}, ${b.result})`).join('; ') || null, production.map(formatDeployment).join('; ') || null];
}

export interface MatrixLine {
  requirement: RequirementRow;
  test?: TestCaseRow;
  point?: TestPointRow;
  cells: Cell[];
}

export function matrixLines(m: TraceabilityMatrix): MatrixLine[] {
  const lines: MatrixLine[] = [];
  for (const requirement of m.requirements) {
    const line = (test?: TestCaseRow, point?: TestPointRow) =>
      lines.push({ requirement, test, point, cells: [...requirementCells(requirement), ...testCells(test), ...pointCells(point), ...traceCells(requirement)] });
    if (requirement.tests.length === 0) line();
    for (const test of requirement.tests) {
      if (test.points.length === 0) line(test);
      for (const point of test.points) line(test, point);
    }
  }
  return lines;
}

export const GAP_COLUMNS = ['Requirement ID', 'Requirement Type', 'Requirement Title', 'State', 'Epic', 'Gap', 'Detail'] as const;

export function gapLines(m: TraceabilityMatrix): Cell[][] {
  return m.requirements.flatMap((r) => {
    const epic = epicOf(r);
    return r.gaps.map((g) => [r.id, r.type, r.title, r.state, epic ? formatAncestor(epic) : null, g.code, g.detail]);
  });
}
