import assert from 'node:assert/strict';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { assertValid, get, post } from './helpers';

describe('emulator responses validate against the official 7.1 swagger definitions', () => {
  let emu: RunningEmulator;
  let p: string;
  before(async () => {
    emu = await startEmulator({ seed: 'sample' });
    p = `${emu.url}/${emu.project}/_apis`;
  });
  after(() => emu.close());

  const requirementWithTests = () => {
    const suite = emu.data.testSuites.find((s) => s.suiteType === 'requirementTestSuite')!;
    return suite;
  };

  it('wiql flat and link queries (WorkItemQueryResult)', async () => {
    const flat = await post(`${p}/wit/wiql`, { query: "SELECT [System.Id], [System.Title] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.WorkItemType] IN ('User Story', 'Epic') ORDER BY [System.Id]" });
    assert.equal(flat.status, 200);
    assertValid('wit/7.1/workItemTracking.json', 'WorkItemQueryResult', false, flat.json);
    assert.ok(flat.json.workItems.length > 60);
    const links = await post(`${p}/wit/wiql`, { query: "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.WorkItemType] = 'User Story' AND [System.Links.LinkType] = 'Microsoft.VSTS.Common.TestedBy-Forward' MODE (MustContain)" });
    assert.equal(links.status, 200);
    assertValid('wit/7.1/workItemTracking.json', 'WorkItemQueryResult', false, links.json);
    assert.ok(links.json.workItemRelations.some((r: any) => r.rel === 'Microsoft.VSTS.Common.TestedBy-Forward'));
  });

  it('work items: batch, list, single, revisions, updates', async () => {
    const batch = await post(`${p}/wit/workitemsbatch`, { ids: [1, 20, 30], $expand: 'relations' });
    assert.equal(batch.status, 200);
    assertValid('wit/7.1/workItemTracking.json', 'WorkItem', true, batch.json);
    const list = await get(`${p}/wit/workitems?ids=1%2C2&fields=System.Title`);
    assertValid('wit/7.1/workItemTracking.json', 'WorkItem', true, list.json);
    assert.deepEqual(Object.keys(list.json.value[0].fields), ['System.Title']);
    assertValid('wit/7.1/workItemTracking.json', 'WorkItem', false, (await get(`${p}/wit/workitems/20?$expand=all`)).json);
    const revs = await get(`${p}/wit/workItems/20/revisions`);
    assertValid('wit/7.1/workItemTracking.json', 'WorkItem', true, revs.json);
    const updates = await get(`${p}/wit/workItems/20/updates`);
    assertValid('wit/7.1/workItemTracking.json', 'WorkItemUpdate', true, updates.json);
    assert.equal(updates.json.count, emu.data.workItems.find((w) => w.id === 20)!.revisions.length);
  });

  it('reporting work item revisions (ReportingWorkItemRevisionsBatch, values as WorkItem)', async () => {
    const res = await get(`${p}/wit/reporting/workitemrevisions?$maxPageSize=50`);
    assert.equal(res.status, 200);
    // The swagger types the generic StreamedBatch<T>.values as strings of format "T"; check the envelope
    // against it and each value against WorkItem, which is what the service sends.
    const { values, ...envelope } = res.json;
    assertValid('wit/7.1/workItemTracking.json', 'ReportingWorkItemRevisionsBatch', false, envelope);
    assertValid('wit/7.1/workItemTracking.json', 'WorkItem', true, { count: values.length, value: values });
    assert.equal(values.length, 50);
    assert.equal(res.json.isLastBatch, false);
  });

  it('test plans, suites, points and test cases', async () => {
    assertValid('testPlan/7.1/testPlan.json', 'TestPlan', true, (await get(`${p}/testplan/plans`)).json);
    const suites = await get(`${p}/testplan/Plans/1/suites`);
    assertValid('testPlan/7.1/testPlan.json', 'TestSuite', true, suites.json);
    const s = requirementWithTests();
    const points = await get(`${p}/testplan/Plans/${s.planId}/Suites/${s.id}/TestPoint?includePointDetails=true`);
    assertValid('testPlan/7.1/testPlan.json', 'TestPoint', true, points.json);
    const cases = await get(`${p}/testplan/Plans/${s.planId}/Suites/${s.id}/TestCase`);
    assertValid('testPlan/7.1/testPlan.json', 'TestCase', true, cases.json);
    assert.equal(cases.json.count, s.testCaseIds.length);
    const reverse = await get(`${emu.url}/_apis/testplan/suites?testCaseId=${s.testCaseIds[0]}`);
    assertValid('testPlan/7.1/testPlan.json', 'TestSuite', true, reverse.json);
    assert.deepEqual(reverse.json.value.map((x: any) => x.id), emu.data.testSuites.filter((x) => x.testCaseIds.includes(s.testCaseIds[0])).map((x) => x.id));
  });

  it('test runs and results', async () => {
    const runs = await get(`${p}/test/runs`);
    assertValid('test/7.1/test.json', 'TestRun', true, runs.json);
    const run = emu.data.testRuns[emu.data.testRuns.length - 1];
    const results = await get(`${p}/test/Runs/${run.id}/results`);
    assertValid('test/7.1/test.json', 'TestCaseResult', true, results.json);
    assert.equal(results.json.count, emu.data.testResults.filter((r) => r.runId === run.id).length);
  });

  it('builds, build work items', async () => {
    assertValid('build/7.1/build.json', 'Build', true, (await get(`${p}/build/builds`)).json);
    const b = emu.data.builds.find((x) => x.workItemIds.length > 0)!;
    assertValid('build/7.1/build.json', 'Build', false, (await get(`${p}/build/builds/${b.id}`)).json);
    const wi = await get(`${p}/build/builds/${b.id}/workitems`);
    assertValid('build/7.1/build.json', 'ResourceRef', true, wi.json);
    assert.deepEqual(wi.json.value.map((r: any) => Number(r.id)), b.workItemIds.slice(0, 50));
  });

  it('environments, deployment records, approvals, projects', async () => {
    assertValid('distributedTask/7.1/taskAgent.json', 'EnvironmentInstance', true, (await get(`${p}/distributedtask/environments`)).json);
    const recs = await get(`${p}/distributedtask/environments/3/environmentdeploymentrecords`);
    assertValid('distributedTask/7.1/taskAgent.json', 'EnvironmentDeploymentExecutionRecord', true, recs.json);
    const approvals = await get(`${p}/pipelines/approvals?$expand=steps`);
    assertValid('approvalsAndChecks/7.1/pipelinesapproval.json', 'Approval', true, approvals.json);
    assert.ok(approvals.json.value.every((a: any) => a.steps.length > 0 && a.steps[0].actualApprover.displayName));
    assertValid('core/7.1/core.json', 'TeamProjectReference', true, (await get(`${emu.url}/_apis/projects`)).json);
  });

  it('a body the schema rejects is reported (the validator can fail)', () => {
    assert.throws(() => assertValid('build/7.1/build.json', 'Build', false, { id: 'not-a-number', result: 'great' }), /invalid/);
  });
});
