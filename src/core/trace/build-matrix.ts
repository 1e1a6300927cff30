// Requirement → test cases → latest results → builds → deployments, with the gaps of each requirement.

import { ancestorsOf } from './ancestors';
import { compareInstants, compareText } from './compare';
import { gapsOf, isProductionRelease } from './gaps';
import { checkTraceInput } from './input-check';
import {
  TRACEABILITY_SCHEMA_ID,
  type BuildRow,
  type DeploymentRow,
  type LinkKind,
  type RequirementRow,
  type TestCaseRow,
  type TestPointRow,
  type TraceabilityMatrix,
} from './matrix';
import { normalizeOutcome } from './outcomes';
import { productionMatcher, type EnvironmentMatcher } from './production';
import { indexSource, type SourceIndex } from './source-index';
import type { TestPointRecord, TraceOptions, TraceSource, WorkItemRecord } from './source';
import { summarize } from './summary';

function isRemoved(w: WorkItemRecord): boolean {
  return w.state.toLowerCase() === 'removed' || w.stateCategory?.toLowerCase() === 'removed';
}

function pointRow(p: TestPointRecord, index: SourceIndex): TestPointRow {
  const r = p.lastResult;
  const outcome = normalizeOutcome(r?.outcome);
  return {
    pointId: p.id,
    planId: p.planId,
    planName: index.plans.get(p.planId)?.name ?? null,
    suiteId: p.suiteId,
    suiteName: index.suites.get(p.suiteId)?.name ?? null,
    configuration: p.configuration.name,
    outcome,
    runId: r?.runId ?? null,
    resultId: r?.resultId ?? null,
    completedDate: r?.completedDate ?? null,
    runBy: r?.runBy ?? null,
    buildId: r?.buildId ?? null,
  };
}

function comparePoints(a: TestPointRow, b: TestPointRow): number {
  return a.planId - b.planId || a.suiteId - b.suiteId || compareText(a.configuration, b.configuration) || a.pointId - b.pointId;
}

function testsOf(requirementId: number, index: SourceIndex): TestCaseRow[] {
  const linkedBy = new Map<number, LinkKind[]>();
  for (const id of index.testedBy.get(requirementId) ?? []) linkedBy.set(id, ['testedBy']);
  for (const id of index.suiteTestCases.get(requirementId) ?? []) {
    linkedBy.set(id, [...(linkedBy.get(id) ?? []), 'requirementSuite']);
  }
  return [...linkedBy.entries()]
    .sort(([a], [b]) => a - b)
    .map(([id, kinds]) => {
      const records = (index.pointsByTestCase.get(id) ?? [])
        .map((record) => ({ record, row: pointRow(record, index) }))
        .sort((a, b) => comparePoints(a.row, b.row));
      const workItem = index.workItems.get(id);
      // Without the test case work item, its title comes from the first point (in matrix order, not in
      // source order, so the same source always gives the same title).
      const pointTitle = records.find((p) => p.record.testCaseTitle !== undefined)?.record.testCaseTitle;
      return {
        id,
        rev: workItem?.rev ?? null,
        title: workItem?.title ?? pointTitle ?? '',
        linkedBy: kinds,
        points: records.map((p) => p.row),
      };
    });
}

function buildsOf(requirementId: number, index: SourceIndex): BuildRow[] {
  return (index.buildsByWorkItem.get(requirementId) ?? [])
    .map((b) => ({
      id: b.id,
      number: b.buildNumber,
      definition: b.definition.name,
      result: b.result,
      finishTime: b.finishTime ?? null,
    }))
    .sort((a, b) => a.id - b.id);
}

function deploymentsOf(builds: BuildRow[], index: SourceIndex, isProduction: EnvironmentMatcher): DeploymentRow[] {
  return builds
    .flatMap((b) => index.deploymentsByBuild.get(b.id) ?? [])
    .map((d) => ({
      id: d.id,
      environment: d.environment.name,
      stage: d.stageName,
      result: d.result,
      finishTime: d.finishTime ?? null,
      buildId: d.buildId,
      production: isProduction(d.environment.name),
      approvals: d.approvals
        .map((a) => ({ approver: a.approver, decision: a.decision, time: a.decidedOn ?? null }))
        .sort((a, b) => compareInstants(a.time, b.time) || compareText(a.approver, b.approver) || compareText(a.decision, b.decision)),
    }))
    .sort((a, b) => compareInstants(a.finishTime, b.finishTime) || a.id - b.id);
}

export function buildTraceabilityMatrix(source: TraceSource, options: TraceOptions): TraceabilityMatrix {
  checkTraceInput(source, options);
  const index = indexSource(source);
  const isProduction = productionMatcher(options.productionEnvironments);
  const requirementTypes = new Set(options.requirementTypes.map((t) => t.toLowerCase()));

  const candidates = source.workItems.filter((w) => requirementTypes.has(w.type.toLowerCase()));
  const requirements: RequirementRow[] = candidates
    .filter((w) => !isRemoved(w))
    .sort((a, b) => a.id - b.id)
    .map((w) => {
      const builds = buildsOf(w.id, index);
      const deployments = deploymentsOf(builds, index, isProduction);
      const row = {
        id: w.id,
        type: w.type,
        title: w.title,
        state: w.state,
        rev: w.rev,
        changedDate: w.changedDate,
        ancestors: ancestorsOf(w.id, index),
        tests: testsOf(w.id, index),
        builds,
        deployments,
        released: deployments.some(isProductionRelease),
      };
      return {
        ...row,
        gaps: gapsOf(row, { completedStates: options.completedStates, stateCategory: w.stateCategory, requirementSuiteIds: index.requirementSuites.get(w.id) ?? [] }),
      };
    });

  return {
    schema: TRACEABILITY_SCHEMA_ID,
    organization: source.organization,
    project: source.project,
    asOf: source.asOf,
    generatedAt: options.generatedAt,
    complete: true,
    criteria: {
      requirementTypes: [...options.requirementTypes],
      productionEnvironments: [...options.productionEnvironments],
      completedStates: [...options.completedStates],
    },
    requirements,
    summary: summarize(requirements, candidates.length - requirements.length, index.danglingLinks),
  };
}
