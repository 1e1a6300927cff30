// Test runs and their results (test and testresults areas; $top/$skip paging).

import { StoredTestRun } from '../data/types';
import { badRequest, Handler, identityRef, intParam, notFound, optionalInt, projectUrl, RequestContext } from '../http';
import { listBody } from '../wire';

function renderRun(ctx: RequestContext, run: StoredTestRun) {
  const results = ctx.store.resultsOfRun(run.id);
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  const build = run.buildId !== undefined ? ctx.store.build(run.buildId) : undefined;
  const plan = ctx.store.data.testPlans.find((p) => p.id === run.planId);
  const url = `${projectUrl(ctx)}/_apis/test/Runs/${run.id}`;
  return {
    id: run.id,
    name: run.name,
    url,
    ...(build ? { build: { id: String(build.id), name: build.buildNumber, url: `${projectUrl(ctx)}/_apis/build/Builds/${build.id}` } } : {}),
    isAutomated: run.isAutomated,
    owner: identityRef(ctx, run.owner),
    project: { id: ctx.store.data.project.id, name: ctx.store.data.project.name },
    startedDate: run.startedDate,
    completedDate: run.completedDate,
    lastUpdatedDate: run.completedDate,
    lastUpdatedBy: identityRef(ctx, run.owner),
    state: 'Completed',
    plan: { id: String(run.planId), name: plan?.name },
    postProcessState: 'Complete',
    totalTests: results.length,
    passedTests: count('Passed'),
    incompleteTests: 0,
    notApplicableTests: count('NotApplicable'),
    unanalyzedTests: count('Failed') + count('Blocked'),
    revision: 3,
    webAccessUrl: `${ctx.orgUrl}/${ctx.store.data.project.name}/_TestManagement/Runs?runId=${run.id}&_a=runCharts`,
  };
}

export const getRuns: Handler = (ctx) => {
  const planId = optionalInt(ctx, 'planId');
  const buildUri = ctx.query.get('buildUri');
  const skip = optionalInt(ctx, '$skip', 0)!;
  const top = optionalInt(ctx, '$top', 100)!;
  if (top < 1 || top > 100 || skip < 0) throw badRequest('$top must be between 1 and 100 and $skip at least 0.');
  const runs = ctx.store.data.testRuns
    .filter((r) => planId === undefined || r.planId === planId)
    .filter((r) => !buildUri || `vstfs:///Build/Build/${r.buildId}` === buildUri);
  return { body: listBody(runs.slice(skip, skip + top).map((r) => renderRun(ctx, r)), ctx.format) };
};

function runOf(ctx: RequestContext) {
  const id = intParam(ctx, 'runId');
  const run = ctx.store.run(id);
  if (!run) throw notFound(`Test run ${id} not found.`, 'TestObjectNotFoundException');
  return run;
}

export const getRun: Handler = (ctx) => ({ body: renderRun(ctx, runOf(ctx)) });

export const getResults: Handler = (ctx) => {
  const run = runOf(ctx);
  const withDetails = (ctx.query.get('detailsToInclude') ?? 'none').toLowerCase() !== 'none';
  const max = withDetails ? 200 : 1000;
  const skip = optionalInt(ctx, '$skip', 0)!;
  const top = optionalInt(ctx, '$top', max)!;
  if (top < 1 || top > max || skip < 0) {
    throw badRequest(`$top must be between 1 and ${max}${withDetails ? ' when detailsToInclude is set' : ''}, and $skip at least 0.`, 'InvalidPropertyException');
  }
  const outcomes = ctx.query.get('outcomes')?.split(',').map((o) => o.trim().toLowerCase());
  const plan = ctx.store.data.testPlans.find((p) => p.id === run.planId)!;
  const all = ctx.store.resultsOfRun(run.id).filter((r) => !outcomes || outcomes.includes(r.outcome.toLowerCase()));
  const value = all.slice(skip, skip + top).map((r) => {
    const tc = ctx.store.workItemAt(r.testCaseId)!;
    const point = ctx.store.point(r.testPointId)!;
    const suite = ctx.store.suite(point.planId, point.suiteId)!;
    const config = ctx.store.data.configurations.find((c) => c.id === r.configurationId)!;
    const build = run.buildId !== undefined ? ctx.store.build(run.buildId) : undefined;
    return {
      id: r.id,
      project: { id: ctx.store.data.project.id, name: ctx.store.data.project.name },
      startedDate: r.startedDate,
      completedDate: r.completedDate,
      durationInMs: r.durationInMs,
      outcome: r.outcome,
      revision: 1,
      state: 'Completed',
      testCase: { id: String(r.testCaseId), name: String(tc.fields['System.Title']) },
      testPoint: { id: String(r.testPointId) },
      testRun: { id: String(run.id), name: run.name, url: `${projectUrl(ctx)}/_apis/test/Runs/${run.id}` },
      testPlan: { id: String(plan.id), name: plan.name },
      testSuite: { id: String(suite.id), name: suite.name },
      configuration: { id: String(config.id), name: config.name },
      lastUpdatedDate: r.completedDate,
      lastUpdatedBy: identityRef(ctx, r.runBy),
      runBy: identityRef(ctx, r.runBy),
      owner: identityRef(ctx, r.runBy),
      priority: 2,
      testCaseTitle: String(tc.fields['System.Title']),
      testCaseRevision: Number(tc.fields['System.Rev']),
      ...(build ? { build: { id: String(build.id), name: build.buildNumber } } : {}),
      ...(r.errorMessage ? { errorMessage: r.errorMessage } : {}),
      failureType: r.outcome === 'Failed' ? 'New Issue' : 'None',
      resolutionState: '',
      url: `${projectUrl(ctx)}/_apis/test/Runs/${run.id}/Results/${r.id}`,
    };
  });
  return { body: listBody(value, ctx.format) };
};
