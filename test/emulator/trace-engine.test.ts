// Cross-check with the traceability engine: the sample seed, turned into the engine's TraceSource contract
// directly (no HTTP), yields for every requirement exactly the gaps its scenario was generated for.

import assert from 'node:assert/strict';
import { buildTraceabilityMatrix, DEFAULT_TRACE_OPTIONS } from '../../src/core/trace';
import type { TraceSource } from '../../src/core/trace';
import { loadSeed } from '../../src/emulator/data';
import { EmulatorData, RequirementScenario } from '../../src/emulator/data/types';
import { createStore } from '../../src/emulator/store';

function toTraceSource(data: EmulatorData): TraceSource {
  const store = createStore(data);
  const name = (id: string) => store.identity(id).displayName;
  return {
    organization: data.organization,
    project: data.project.name,
    asOf: data.asOf,
    workItems: data.workItems.map((w) => {
      const s = store.workItemAt(w.id)!;
      return {
        id: s.id,
        rev: s.rev,
        type: String(s.fields['System.WorkItemType']),
        title: String(s.fields['System.Title']),
        state: String(s.fields['System.State']),
        changedDate: String(s.fields['System.ChangedDate']),
        areaPath: String(s.fields['System.AreaPath']),
        iterationPath: String(s.fields['System.IterationPath']),
        relations: s.relations.map((r) => ({ rel: r.rel, targetId: r.targetId, url: r.url, name: r.name })),
      };
    }),
    testPlans: data.testPlans.map((p) => ({ id: p.id, name: p.name })),
    testSuites: data.testSuites.map((s) => ({ id: s.id, planId: s.planId, name: s.name, suiteType: s.suiteType, requirementId: s.requirementId, parentSuiteId: s.parentSuiteId })),
    testPoints: data.testPoints.map((pt) => {
      const last = store.latestResult(pt.id);
      const run = last ? store.run(last.runId) : undefined;
      return {
        id: pt.id,
        planId: pt.planId,
        suiteId: pt.suiteId,
        testCaseId: pt.testCaseId,
        configuration: { id: pt.configurationId, name: data.configurations.find((c) => c.id === pt.configurationId)!.name },
        lastResult: last ? { outcome: last.outcome, runId: last.runId, resultId: last.id, completedDate: last.completedDate, runBy: name(last.runBy), buildId: run?.buildId } : undefined,
      };
    }),
    builds: data.builds.map((b) => ({
      id: b.id,
      buildNumber: b.buildNumber,
      definition: { id: b.definitionId, name: data.pipelines.find((p) => p.id === b.definitionId)!.name },
      result: b.result,
      status: 'completed',
      finishTime: b.finishTime,
      sourceVersion: b.sourceVersion,
      workItemIds: b.workItemIds,
    })),
    environments: data.environments.map((e) => ({ id: e.id, name: e.name })),
    deployments: data.deployments.map((d) => ({
      id: d.id,
      environment: { id: d.environmentId, name: data.environments.find((e) => e.id === d.environmentId)!.name },
      stageName: d.stageName,
      jobName: d.jobName,
      result: d.result,
      startTime: d.startTime,
      finishTime: d.finishTime,
      buildId: d.buildId,
      approvals: data.approvals
        .filter((a) => a.buildId === d.buildId && a.environmentId === d.environmentId)
        .flatMap((a) => a.steps.map((s) => ({ approver: name(s.approver), decision: s.status, decidedOn: s.lastModifiedOn, comment: s.comment }))),
    })),
  };
}

const EXPECTED: Record<RequirementScenario, string[]> = {
  verified: [],
  'verified-released': [],
  untested: ['untested'],
  'never-run': ['never-run'],
  failing: ['failing'],
  blocked: ['blocked'],
  stale: ['stale'],
  'not-deployed': ['not-deployed'],
  'released-untested': ['untested', 'released-untested'],
  'released-failing': ['failing', 'released-failing'],
};

describe('emulator sample seed through the traceability engine', () => {
  it('gives every requirement exactly the gaps of its scenario', () => {
    const data = loadSeed('sample');
    const matrix = buildTraceabilityMatrix(toTraceSource(data), { ...DEFAULT_TRACE_OPTIONS, generatedAt: data.asOf });
    const rows = new Map(matrix.requirements.map((r) => [r.id, r]));
    assert.equal(rows.size, Object.keys(data.scenarios).length);
    for (const [id, scenario] of Object.entries(data.scenarios)) {
      const row = rows.get(Number(id))!;
      assert.deepEqual(row.gaps.map((g) => g.code).sort(), [...EXPECTED[scenario]].sort(), `requirement ${id} (${scenario})`);
    }
  });
});
