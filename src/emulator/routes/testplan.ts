// Test plans, suites, points and suite test cases (testplan area, paged by x-ms-continuationtoken).

import { StoredTestPoint, StoredTestSuite } from '../data/types';
import { badRequest, boolParam, idList, continuationHeaders, Handler, identityRef, intParam, notFound, page, projectRef, projectUrl, RequestContext } from '../http';
import { ENUMS, listBody, mergeEnums } from '../wire';

const TESTPLAN_ENUMS = mergeEnums(ENUMS.testPlan, ENUMS.project);

const DEFAULT_PAGE = 200;

function plan(ctx: RequestContext, id: number) {
  const p = ctx.store.data.testPlans.find((x) => x.id === id);
  if (!p) throw notFound(`Test plan ${id} not found.`, 'TestObjectNotFoundException');
  return p;
}

function renderPlan(ctx: RequestContext, p: ReturnType<typeof plan>) {
  const root = ctx.store.suite(p.id, p.rootSuiteId)!;
  return {
    id: p.id,
    name: p.name,
    areaPath: p.areaPath,
    iteration: p.iteration,
    state: p.state,
    owner: identityRef(ctx, p.owner),
    startDate: p.startDate,
    endDate: p.endDate,
    revision: 3,
    rootSuite: { id: root.id, name: root.name },
    project: projectRef(ctx),
    updatedDate: p.updatedDate,
    updatedBy: identityRef(ctx, p.owner),
    _links: { _self: { href: `${projectUrl(ctx)}/_apis/testplan/Plans/${p.id}` } },
  };
}

function renderSuite(ctx: RequestContext, s: StoredTestSuite) {
  const p = plan(ctx, s.planId);
  const parent = s.parentSuiteId !== undefined ? ctx.store.suite(s.planId, s.parentSuiteId) : undefined;
  return {
    id: s.id,
    name: s.name,
    suiteType: s.suiteType,
    ...(s.requirementId !== undefined ? { requirementId: s.requirementId } : {}),
    ...(parent ? { parentSuite: { id: parent.id, name: parent.name } } : {}),
    plan: { id: p.id, name: p.name },
    project: projectRef(ctx),
    revision: 2,
    hasChildren: ctx.store.childSuites(s.id).length > 0,
    inheritDefaultConfigurations: false,
    defaultConfigurations: s.configurationIds.map((id) => ({ id, name: configName(ctx, id) })),
    lastUpdatedDate: s.lastUpdatedDate,
    _links: { _self: { href: `${projectUrl(ctx)}/_apis/testplan/Plans/${s.planId}/Suites/${s.id}` } },
  };
}

const configName = (ctx: RequestContext, id: number) => ctx.store.data.configurations.find((c) => c.id === id)?.name ?? String(id);

export const getPlans: Handler = (ctx) => {
  const all = [...ctx.store.data.testPlans].sort((a, b) => a.id - b.id);
  const { items, next } = page(all, ctx.query.get('continuationToken'), ctx.pageSize ?? DEFAULT_PAGE);
  return { body: listBody(items.map((p) => renderPlan(ctx, p)), ctx.format), headers: continuationHeaders(next), enums: TESTPLAN_ENUMS };
};

export const getPlan: Handler = (ctx) => ({ body: renderPlan(ctx, plan(ctx, intParam(ctx, 'planId'))), enums: TESTPLAN_ENUMS });

export const getSuitesForPlan: Handler = (ctx) => {
  const p = plan(ctx, intParam(ctx, 'planId'));
  const { items, next } = page(ctx.store.suitesOfPlan(p.id), ctx.query.get('continuationToken'), ctx.pageSize ?? DEFAULT_PAGE);
  return { body: listBody(items.map((s) => renderSuite(ctx, s)), ctx.format), headers: continuationHeaders(next), enums: TESTPLAN_ENUMS };
};

export const getSuite: Handler = (ctx) => {
  const p = plan(ctx, intParam(ctx, 'planId'));
  const s = ctx.store.suite(p.id, intParam(ctx, 'suiteId'));
  if (!s) throw notFound(`Test suite ${ctx.params.suiteId} not found in plan ${p.id}.`, 'TestObjectNotFoundException');
  return { body: renderSuite(ctx, s), enums: TESTPLAN_ENUMS };
};

/** Organization-level reverse lookup: the suites (in any plan) that contain a test case. */
export const getSuitesByTestCase: Handler = (ctx) => {
  const raw = ctx.query.get('testCaseId');
  if (!raw || !/^\d+$/.test(raw)) throw badRequest('The query parameter testCaseId is required and must be a work item id.');
  const id = Number(raw);
  const suites = ctx.store.data.testSuites.filter((s) => s.testCaseIds.includes(id));
  return { body: listBody(suites.map((s) => renderSuite(ctx, s)), ctx.format), enums: TESTPLAN_ENUMS };
};

function suiteScope(ctx: RequestContext): { planId: number; suite: StoredTestSuite; recursive: boolean } {
  const p = plan(ctx, intParam(ctx, 'planId'));
  const suiteId = intParam(ctx, 'suiteId');
  const s = ctx.store.suite(p.id, suiteId);
  if (!s) throw notFound(`Test suite ${suiteId} not found in plan ${p.id}.`, 'TestObjectNotFoundException');
  return { planId: p.id, suite: s, recursive: boolParam(ctx, 'isRecursive') };
}

function suitesInScope(ctx: RequestContext): StoredTestSuite[] {
  const { planId, suite, recursive } = suiteScope(ctx);
  return recursive ? ctx.store.suiteTree(planId, suite.id) : [suite];
}

function renderPoint(ctx: RequestContext, pt: StoredTestPoint, details: boolean) {
  const p = plan(ctx, pt.planId);
  const s = ctx.store.suite(pt.planId, pt.suiteId)!;
  const tc = ctx.store.workItemAt(pt.testCaseId)!;
  const last = ctx.store.latestResult(pt.id);
  const run = last ? ctx.store.run(last.runId) : undefined;
  const build = run?.buildId !== undefined ? ctx.store.build(run.buildId) : undefined;
  const outcome = last ? last.outcome.charAt(0).toLowerCase() + last.outcome.slice(1) : 'unspecified';
  const results: Record<string, unknown> = {
    outcome,
    state: last ? 'completed' : 'ready',
    lastResultState: last ? 'completed' : 'unspecified',
    failureType: 'none',
    lastResolutionState: 'none',
  };
  if (last) {
    results.lastResultId = last.id;
    results.lastTestRunId = last.runId;
    if (build) results.lastRunBuildNumber = build.buildNumber;
    if (details) results.lastResultDetails = { dateCompleted: last.completedDate, duration: last.durationInMs, runBy: identityRef(ctx, last.runBy) };
  }
  const point: Record<string, unknown> = {
    id: pt.id,
    testPlan: { id: p.id, name: p.name },
    testSuite: { id: s.id, name: s.name },
    testCaseReference: { id: tc.id, name: String(tc.fields['System.Title']), state: String(tc.fields['System.State']) },
    configuration: { id: pt.configurationId, name: configName(ctx, pt.configurationId) },
    isActive: !last,
    isAutomated: tc.fields['Microsoft.VSTS.TCM.AutomationStatus'] === 'Automated',
    lastUpdatedDate: last?.completedDate ?? s.lastUpdatedDate,
    results,
  };
  if (details) {
    point.tester = identityRef(ctx, pt.tester);
    point.project = projectRef(ctx);
    point.links = { _self: { href: `${projectUrl(ctx)}/_apis/testplan/Plans/${p.id}/Suites/${s.id}/TestPoint/${pt.id}` } };
  }
  return point;
}

export const getPoints: Handler = (ctx) => {
  const testCaseId = ctx.query.get('testCaseId');
  const pointIds = ctx.query.get('testPointIds') ? new Set(idList(ctx.query.get('testPointIds'), 'testPointIds')) : undefined;
  const details = boolParam(ctx, 'includePointDetails');
  const scope = suiteScope(ctx);
  let points = scope.recursive ? ctx.store.pointsOfTree(scope.planId, scope.suite.id) : ctx.store.pointsOfSuite(scope.suite.id);
  if (testCaseId) points = points.filter((pt) => String(pt.testCaseId) === testCaseId);
  if (pointIds) points = points.filter((pt) => pointIds.has(pt.id));
  const { items, next } = page(points, ctx.query.get('continuationToken'), ctx.pageSize ?? DEFAULT_PAGE);
  return { body: listBody(items.map((pt) => renderPoint(ctx, pt, details)), ctx.format), headers: continuationHeaders(next), enums: TESTPLAN_ENUMS };
};

export const getTestCases: Handler = (ctx) => {
  const rows = suitesInScope(ctx).flatMap((s) => s.testCaseIds.map((tcId, order) => ({ s, tcId, order })));
  const { items, next } = page(rows, ctx.query.get('continuationToken'), ctx.pageSize ?? DEFAULT_PAGE);
  const value = items.map(({ s, tcId, order }) => {
    const p = plan(ctx, s.planId);
    const tc = ctx.store.workItemAt(tcId)!;
    const points = ctx.store.pointsOfSuite(s.id).filter((pt) => pt.testCaseId === tcId);
    return {
      testPlan: { id: p.id, name: p.name },
      project: projectRef(ctx),
      testSuite: { id: s.id, name: s.name },
      workItem: {
        id: tcId,
        name: String(tc.fields['System.Title']),
        workItemFields: [{ 'System.State': tc.fields['System.State'] }, { 'Microsoft.VSTS.TCM.AutomationStatus': tc.fields['Microsoft.VSTS.TCM.AutomationStatus'] }],
      },
      pointAssignments: points.map((pt) => ({ id: pt.id, configurationId: pt.configurationId, configurationName: configName(ctx, pt.configurationId), tester: identityRef(ctx, pt.tester) })),
      order,
      links: { testPoints: { href: `${projectUrl(ctx)}/_apis/testplan/Plans/${p.id}/Suites/${s.id}/TestPoint?testCaseId=${tcId}` } },
    };
  });
  return { body: listBody(value, ctx.format), headers: continuationHeaders(next), enums: TESTPLAN_ENUMS };
};
