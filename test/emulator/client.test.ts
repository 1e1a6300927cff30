import assert from 'node:assert/strict';
import { getPersonalAccessTokenHandler, WebApi } from 'azure-devops-node-api';
import { WorkItemErrorPolicy, WorkItemExpand } from 'azure-devops-node-api/interfaces/WorkItemTrackingInterfaces';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { get } from './helpers';

describe('azure-devops-node-api 17 against the emulator', () => {
  let emu: RunningEmulator;
  let api: WebApi;
  before(async () => {
    emu = await startEmulator({ seed: 'sample', pageSize: 25 });
    api = new WebApi(emu.url, getPersonalAccessTokenHandler('fakepat'));
  });
  after(() => emu.close());

  it('queryByWiql and getWorkItemsBatch return the seeded requirements', async () => {
    const wit = await api.getWorkItemTrackingApi();
    const result = await wit.queryByWiql({ query: "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.WorkItemType] = 'User Story' ORDER BY [System.Id]" }, { project: emu.project });
    const expected = emu.data.workItems.filter((w) => w.revisions[0].fields['System.WorkItemType'] === 'User Story').map((w) => w.id);
    assert.deepEqual(result.workItems!.map((w) => w.id), expected);
    const batch = await wit.getWorkItemsBatch({ ids: expected.slice(0, 5), fields: ['System.Title', 'System.State'] }, emu.project);
    assert.deepEqual(batch.map((w) => w.id), expected.slice(0, 5));
    assert.ok(batch.every((w) => typeof w.fields!['System.Title'] === 'string' && Object.keys(w.fields!).length === 2));
    // The client sends enums as numbers in the body: $expand 1 = Relations, errorPolicy 2 = Omit.
    const expanded = await wit.getWorkItemsBatch({ ids: [expected[0], 999999], $expand: WorkItemExpand.Relations, errorPolicy: WorkItemErrorPolicy.Omit }, emu.project);
    assert.equal(expanded[1], null);
    assert.ok(expanded[0].relations!.some((r) => r.rel === 'System.LinkTypes.Hierarchy-Reverse'));
    const listed = await wit.getWorkItems([expected[0]], undefined, undefined, WorkItemExpand.All, undefined, emu.project);
    assert.ok(listed[0].relations!.length > 0 && listed[0]._links);
  });

  it('readReportingRevisionsGet pages through every revision with the continuation token', async () => {
    const wit = await api.getWorkItemTrackingApi();
    const seen: string[] = [];
    let token: string | undefined;
    let batches = 0;
    for (;;) {
      const batch = await wit.readReportingRevisionsGet(emu.project, ['System.State', 'System.ChangedBy'], undefined, token, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 200);
      batches++;
      for (const v of batch.values!) seen.push(`${v.id}:${v.rev}`);
      token = batch.continuationToken;
      if (batch.isLastBatch) break;
    }
    const total = emu.data.workItems.reduce((n, w) => n + w.revisions.length, 0);
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, total);
    assert.equal(batches, Math.ceil(total / 25), 'the emulator page size (25) caps $maxPageSize');
  });

  it('a tree query walks epics → features → requirements', async () => {
    const wit = await api.getWorkItemTrackingApi();
    const tree = await wit.queryByWiql({ query: "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.WorkItemType] = 'Epic' AND [System.Links.LinkType] = 'System.LinkTypes.Hierarchy-Forward' MODE (Recursive)" }, { project: emu.project });
    const roots = tree.workItemRelations!.filter((r) => !r.source).map((r) => r.target!.id);
    const epics = emu.data.workItems.filter((w) => w.revisions[0].fields['System.WorkItemType'] === 'Epic').map((w) => w.id);
    assert.deepEqual(roots, epics);
    const children = tree.workItemRelations!.filter((r) => r.source);
    const requirements = Object.keys(emu.data.scenarios).length;
    assert.equal(children.length, 12 + requirements);
  });

  it('getTestPlans, getTestSuitesForPlan and getPointsList (continuation token honoured)', async () => {
    const tp = await api.getTestPlanApi();
    const plans = await tp.getTestPlans(emu.project);
    assert.deepEqual(plans.map((p) => p.id), emu.data.testPlans.map((p) => p.id));
    const suites = await tp.getTestSuitesForPlan(emu.project, 1);
    assert.equal(suites.length, 25, 'first page only');
    const rootId = plans[0].rootSuite!.id!;
    const first = await tp.getPointsList(emu.project, 1, rootId, undefined, undefined, undefined, undefined, true, true);
    assert.equal(first.length, 25);
    // The Node client drops the response header; read it over HTTP and hand it back to the client.
    const raw = await get(`${emu.url}/${emu.project}/_apis/testplan/Plans/1/Suites/${rootId}/TestPoint?isRecursive=true`);
    const token = raw.headers.get('x-ms-continuationtoken')!;
    assert.ok(token);
    const second = await tp.getPointsList(emu.project, 1, rootId, undefined, undefined, token, undefined, true, true);
    assert.equal(second.length, 25);
    assert.equal(new Set([...first, ...second].map((p) => p.id)).size, 50);
  });

  it('getBuilds, getBuildWorkItemsRefs', async () => {
    const build = await api.getBuildApi();
    const builds = await build.getBuilds(emu.project, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 1000);
    assert.equal(builds.length, 25, 'page size caps the first page');
    const withItems = emu.data.builds.find((b) => b.workItemIds.length > 0)!;
    const refs = await build.getBuildWorkItemsRefs(emu.project, withItems.id);
    assert.deepEqual(refs.map((r) => Number(r.id)), withItems.workItemIds);
  });

  it('getEnvironments and getEnvironmentDeploymentExecutionRecords', async () => {
    const ta = await api.getTaskAgentApi();
    const envs = await ta.getEnvironments(emu.project);
    assert.deepEqual(envs.map((e) => e.name), ['dev', 'qa', 'production']);
    const records = await ta.getEnvironmentDeploymentExecutionRecords(emu.project, 3);
    const expected = emu.data.deployments.filter((d) => d.environmentId === 3);
    assert.equal(records.length, Math.min(25, expected.length));
    assert.ok(records.every((r) => r.stageName === 'Deploy_production' && typeof r.owner!.id === 'number'));
  });

  it('getTestResults returns the run results', async () => {
    const t = await api.getTestApi();
    const run = emu.data.testRuns[0];
    const results = await t.getTestResults(emu.project, run.id);
    assert.deepEqual(results.map((r) => r.id), emu.data.testResults.filter((r) => r.runId === run.id).map((r) => r.id));
  });

  it('the client looked up locations per area before calling (OPTIONS + ResourceAreas)', () => {
    const stats = emu.stats();
    for (const area of ['wit', 'testplan', 'build', 'distributedtask', 'Test']) assert.ok(stats.byRoute[`OPTIONS location ${area}`] >= 1, area);
    assert.ok(stats.byRoute['GET ResourceAreas'] >= 1);
  });
});
