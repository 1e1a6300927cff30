import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { RESOURCE_LOCATIONS } from '../../src/emulator/locations';
import { AUTH, get, post } from './helpers';

const WIQL_STORIES = "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.WorkItemType] = 'User Story' ORDER BY [System.Id]";

describe('emulator HTTP behaviour', () => {
  let emu: RunningEmulator;
  let p: string;
  before(async () => {
    emu = await startEmulator({ seed: 'sample' });
    p = `${emu.url}/${emu.project}/_apis`;
  });
  after(() => emu.close());

  it('answers 401 with the service body and WWW-Authenticate when Authorization is missing', async () => {
    const res = await fetch(`${p}/build/builds`);
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /Basic realm=/);
    const body = await res.json();
    assert.equal(body.typeKey, 'UnauthorizedRequestException');
    assert.match(body.message, /^TF400813/);
    assert.equal((await get(`${p}/build/builds`, { Authorization: 'Bearer abc' })).status, 200);
  });

  it('requires an api-version, in the Accept header or the query string', async () => {
    const none = await fetch(`${p}/build/builds`, { headers: AUTH });
    assert.equal(none.status, 400);
    assert.match((await none.json()).message, /api-version/);
    const query = await fetch(`${p}/build/builds?api-version=7.1`, { headers: AUTH });
    assert.equal(query.status, 200);
    assert.equal((await get(`${p}/build/builds`, { Accept: 'application/json;api-version=banana' })).status, 400);
  });

  it('answers 404 with an ADO error body for unknown routes, projects and ids', async () => {
    for (const url of [`${p}/wit/nothing`, `${emu.url}/OtherProject/_apis/build/builds`, `${p}/build/builds/999999`, `${emu.url}/../other-org/_apis/projects`]) {
      const res = await get(url);
      assert.equal(res.status, 404, url);
      assert.equal(typeof res.json.message, 'string');
      assert.equal(typeof res.json.typeKey, 'string');
    }
  });

  it('serves location lookups with the real GUIDs for each area, and an empty ResourceAreas', async () => {
    const res = await fetch(`${emu.url}/_apis/testplan`, { method: 'OPTIONS', headers: AUTH });
    const body = await res.json();
    assert.ok(body.value.some((l: any) => l.id === '52df686e-bae4-4334-b0ee-b6cf4e6f6b73' && l.resourceName === 'TestPoint'));
    assert.deepEqual((await get(`${emu.url}/_apis/ResourceAreas`)).json, { count: 0, value: [] });
  });

  it('limits workitemsbatch and workitems to 200 ids, and forbids fields with $expand', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => i + 1);
    const batch = await post(`${p}/wit/workitemsbatch`, { ids });
    assert.equal(batch.status, 400);
    assert.match(batch.json.message, /^VS403474/);
    assert.equal((await get(`${p}/wit/workitems?ids=${ids.join('%2C')}`)).status, 400);
    const both = await post(`${p}/wit/workitemsbatch`, { ids: [1], fields: ['System.Title'], $expand: 'Relations' });
    assert.equal(both.status, 400);
    assert.match(both.json.message, /expand.*fields/);
  });

  it('serves the URLs it hands out: relation targets and build work item refs resolve', async () => {
    const b = emu.data.builds.find((x) => x.workItemIds.length > 0)!;
    const refs = await get(`${p}/build/builds/${b.id}/workitems`);
    const item = await get(refs.json.value[0].url);
    assert.equal(item.status, 200);
    assert.equal(item.json.id, b.workItemIds[0]);
    const expanded = await get(`${item.json.url}?$expand=relations`);
    const parent = expanded.json.relations.find((r: any) => r.rel === 'System.LinkTypes.Hierarchy-Reverse');
    assert.equal((await get(parent.url)).json.fields['System.WorkItemType'], 'Feature');
  });

  it('reads work items as of an instant (asOf) and honours errorPolicy', async () => {
    const story = emu.data.workItems.find((w) => w.revisions.some((r) => r.fields['System.State'] === 'Closed'))!;
    const created = story.revisions[0].changedDate;
    const then = await post(`${p}/wit/workitemsbatch`, { ids: [story.id], fields: ['System.State'], asOf: created });
    assert.equal(then.json.value[0].fields['System.State'], 'New');
    assert.equal(then.json.value[0].rev, 1);
    const now = await post(`${p}/wit/workitemsbatch`, { ids: [story.id], fields: ['System.State'] });
    assert.equal(now.json.value[0].fields['System.State'], 'Closed');
    assert.equal((await post(`${p}/wit/workitemsbatch`, { ids: [story.id, 999999] })).status, 404);
    const omitted = await post(`${p}/wit/workitemsbatch`, { ids: [story.id, 999999], errorPolicy: 'omit' });
    assert.equal(omitted.json.value[1], null);
  });

  it('reports revisions and updates: state transitions, who changed them, links added', async () => {
    const id = Number(Object.entries(emu.data.scenarios).find(([, s]) => s === 'verified-released')![0]);
    const updates = await get(`${p}/wit/workItems/${id}/updates`);
    const states = updates.json.value.filter((u: any) => u.fields?.['System.State']).map((u: any) => [u.fields['System.State'].oldValue ?? null, u.fields['System.State'].newValue]);
    assert.deepEqual(states, [[null, 'New'], ['New', 'Active'], ['Active', 'Resolved'], ['Resolved', 'Closed']]);
    const added = updates.json.value.flatMap((u: any) => u.relations?.added ?? []).map((r: any) => r.rel);
    assert.ok(added.includes('Microsoft.VSTS.Common.TestedBy-Forward'));
    assert.ok(added.includes('ArtifactLink'));
    assert.ok(updates.json.value.every((u: any) => typeof u.revisedBy.displayName === 'string'));
    const revisions = await get(`${p}/wit/workItems/${id}/revisions?$top=2&$skip=1`);
    assert.deepEqual(revisions.json.value.map((r: any) => r.rev), [2, 3]);
    assert.equal(revisions.json.value[0].fields['System.State'], 'Active');
  });

  it('returns bare arrays, numeric enums and /Date(ms)/ when the Accept header asks for them', async () => {
    const accept = 'application/json;api-version=7.1;excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true';
    const builds = await get(`${p}/build/builds`, { Accept: accept });
    assert.ok(Array.isArray(builds.json));
    const first = emu.data.builds[emu.data.builds.length - 1];
    assert.equal(builds.json[0].id, first.id);
    assert.equal(builds.json[0].result, { succeeded: 2, partiallySucceeded: 4, failed: 8, canceled: 32 }[first.result]);
    assert.equal(builds.json[0].status, 2);
    assert.equal(builds.json[0].finishTime, `/Date(${Date.parse(first.finishTime)})/`);
    assert.equal(builds.json[0].project.state, 1, 'embedded project enums are numbers too');
    const points = await get(`${p}/testplan/Plans/1/Suites/${emu.data.testPlans[0].rootSuiteId}/TestPoint?isRecursive=true`, { Accept: accept });
    assert.ok(points.json.every((pt: any) => [0, 2, 3, 7].includes(pt.results.outcome) && [1, 2].includes(pt.results.state)));
    const wiql = await post(`${p}/wit/wiql`, { query: WIQL_STORIES }, { Accept: accept });
    assert.equal(wiql.json.queryType, 1);
    assert.ok(Array.isArray(wiql.json.workItems));
  });

  it('answers CORS preflights without credentials and exposes paging and throttling headers', async () => {
    const res = await fetch(`${p}/wit/wiql`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:9999', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:9999');
    assert.equal(res.headers.get('access-control-allow-headers'), 'authorization,content-type');
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
    const real = await get(`${p}/testplan/Plans`, { Origin: 'http://localhost:9999' });
    const exposed = real.headers.get('access-control-expose-headers') ?? '';
    for (const h of ['x-ms-continuationtoken', 'Retry-After', 'X-RateLimit-Remaining']) assert.ok(exposed.includes(h), h);
  });

  it('pages test results with $top/$skip and rejects $top above 1000', async () => {
    const run = emu.data.testRuns.reduce((a, b) => (emu.data.testResults.filter((r) => r.runId === b.id).length > emu.data.testResults.filter((r) => r.runId === a.id).length ? b : a));
    const all = emu.data.testResults.filter((r) => r.runId === run.id).map((r) => r.id);
    const one = await get(`${p}/test/Runs/${run.id}/results?$top=3&$skip=2`);
    assert.deepEqual(one.json.value.map((r: any) => r.id), all.slice(2, 5));
    assert.equal((await get(`${p}/test/Runs/${run.id}/results?$top=1001`)).status, 400);
    assert.equal((await get(`${p}/test/Runs/${run.id}/results?$top=201&detailsToInclude=WorkItems`)).status, 400);
  });

  it('reports the latest outcome per test point, and "unspecified" for never-run points', async () => {
    const neverRun = Number(Object.entries(emu.data.scenarios).find(([, s]) => s === 'never-run')![0]);
    const suite = emu.data.testSuites.find((s) => s.requirementId === neverRun)!;
    const points = await get(`${p}/testplan/Plans/${suite.planId}/Suites/${suite.id}/TestPoint?includePointDetails=true`);
    assert.ok(points.json.value.length > 0);
    assert.ok(points.json.value.every((pt: any) => pt.results.outcome === 'unspecified' && pt.results.lastTestRunId === undefined));
    const blocked = Number(Object.entries(emu.data.scenarios).find(([, s]) => s === 'blocked')![0]);
    const bs = emu.data.testSuites.find((s) => s.requirementId === blocked)!;
    const bp = await get(`${p}/testplan/Plans/${bs.planId}/Suites/${bs.id}/TestPoint?includePointDetails=true`);
    assert.ok(bp.json.value.some((pt: any) => pt.results.outcome === 'blocked' && pt.results.lastResultDetails.runBy.displayName));
  });

  it('filters points by testPointIds and reports revisions from startDateTime with identities as strings', async () => {
    const suite = emu.data.testSuites.find((s) => s.configurationIds.length === 2 && s.testCaseIds.length > 0)!;
    const ids = emu.data.testPoints.filter((pt) => pt.suiteId === suite.id).map((pt) => pt.id);
    const some = await get(`${p}/testplan/Plans/${suite.planId}/Suites/${suite.id}/TestPoint?testPointIds=${ids[1]}`);
    assert.deepEqual(some.json.value.map((pt: any) => pt.id), [ids[1]]);
    const since = '2026-10-01T00:00:00Z';
    const feed = await get(`${p}/wit/reporting/workitemrevisions?startDateTime=${since}&fields=System.ChangedBy,System.RevisedDate`);
    assert.ok(feed.json.values.length > 0);
    assert.ok(feed.json.values.every((v: any) => /^.+ <.+@?.*>$/.test(v.fields['System.ChangedBy']) && v.fields['System.RevisedDate']));
    const expected = emu.data.workItems.flatMap((w) => w.revisions).filter((r) => r.changedDate >= since).length;
    assert.equal(feed.json.values.length, Math.min(expected, 1000));
  });

  it('recursive suite points include the child suites; non-recursive only the suite itself', async () => {
    const plan = emu.data.testPlans[0];
    const flat = await get(`${p}/testplan/Plans/${plan.id}/Suites/${plan.rootSuiteId}/TestPoint`);
    assert.equal(flat.json.count, 0);
    const pageSize = 200;
    const rec = await get(`${p}/testplan/Plans/${plan.id}/Suites/${plan.rootSuiteId}/TestPoint?isRecursive=true`);
    const total = emu.data.testPoints.filter((pt) => pt.planId === plan.id).length;
    assert.equal(rec.json.count, Math.min(pageSize, total));
    assert.equal(rec.headers.get('x-ms-continuationtoken') !== null, total > pageSize);
  });
});

describe('emulator WIQL subset', () => {
  let emu: RunningEmulator;
  let p: string;
  const ids = async (query: string) => {
    const res = await post(`${p}/wit/wiql`, { query });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    return (res.json.workItems as Array<{ id: number }>).map((w) => w.id);
  };
  before(async () => {
    emu = await startEmulator({ seed: 'sample' });
    p = `${emu.url}/${emu.project}/_apis`;
  });
  after(() => emu.close());

  it('partitions by id range, filters by area UNDER and type IN, and orders', async () => {
    const part = await ids("SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.Id] >= 10 AND [System.Id] < 20 ORDER BY [System.Id] DESC");
    assert.deepEqual(part, [19, 18, 17, 16, 15, 14, 13, 12, 11, 10]);
    const under = await ids("SELECT [System.Id] FROM WorkItems WHERE [System.AreaPath] UNDER 'ClinicalAI\\Ingestion' AND [System.WorkItemType] IN ('User Story', 'Feature')");
    assert.ok(under.length > 20);
    const area = (id: number) => String(emu.data.workItems.find((w) => w.id === id)!.revisions[0].fields['System.AreaPath']);
    assert.ok(under.every((id) => area(id).startsWith('ClinicalAI\\Ingestion')));
  });

  it('ASOF returns the work items that existed then', async () => {
    const asOf = '2026-06-01T00:00:00Z';
    const then = await ids(`SELECT [System.Id] FROM WorkItems WHERE [System.WorkItemType] = 'User Story' ASOF '${asOf}'`);
    const expected = emu.data.workItems.filter((w) => w.revisions[0].fields['System.WorkItemType'] === 'User Story' && w.revisions[0].changedDate <= asOf).map((w) => w.id);
    assert.deepEqual(then, expected);
    const now = await ids(`SELECT [System.Id] FROM WorkItems WHERE [System.WorkItemType] = 'User Story'`);
    assert.ok(then.length < now.length);
  });

  it('one-hop TestedBy links with MustContain and DoesNotContain', async () => {
    const must = await post(`${p}/wit/wiql`, { query: "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.WorkItemType] = 'User Story' AND [System.Links.LinkType] = 'Microsoft.VSTS.Common.TestedBy-Forward' AND [Target].[System.WorkItemType] = 'Test Case' MODE (MustContain)" });
    const sources = must.json.workItemRelations.filter((r: any) => !r.source).map((r: any) => r.target.id);
    const not = await post(`${p}/wit/wiql`, { query: "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.WorkItemType] = 'User Story' AND [System.Links.LinkType] = 'Microsoft.VSTS.Common.TestedBy-Forward' MODE (DoesNotContain)" });
    const untested = not.json.workItemRelations.map((r: any) => r.target.id);
    const expectedUntested = Object.entries(emu.data.scenarios).filter(([, s]) => s === 'untested' || s === 'released-untested').map(([id]) => Number(id));
    assert.deepEqual(untested, expectedUntested);
    assert.equal(sources.length + untested.length, Object.keys(emu.data.scenarios).length);
  });

  it('rejects WIQL outside the subset with a 400 and an ADO error body', async () => {
    for (const query of [
      'SELECT [System.Id] FROM WorkItems WHERE [System.Title] CONTAINS WORDS \'x\'',
      'SELECT [System.Id] FROM Bugs',
      'SELECT [Custom.Nope] FROM WorkItems',
      'SELECT [System.Id] FROM WorkItems WHERE [System.ChangedDate] > @today',
      "SELECT [System.Id] FROM WorkItemLinks WHERE [System.Links.LinkType] = 'Microsoft.VSTS.Common.TestedBy-Forward' MODE (Recursive)",
      'DELETE FROM WorkItems',
    ]) {
      const res = await post(`${p}/wit/wiql`, { query });
      assert.equal(res.status, 400, query);
      assert.match(res.json.message, /^(TF\d+|VS\d+):/, query);
      assert.equal(typeof res.json.typeKey, 'string');
    }
  });

  it('enforces the 20,000 result limit with VS402337', async function () {
    this.timeout(120_000);
    const big = await startEmulator({ seed: 'large:21500' });
    try {
      const url = `${big.url}/${big.project}/_apis/wit/wiql`;
      const total = big.data.workItems.length;
      assert.ok(total > 20_000, `${total}`);
      const res = await post(url, { query: 'SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project' });
      assert.equal(res.status, 400);
      assert.match(res.json.message, /^VS402337/);
      const topped = await post(`${url}?$top=100`, { query: 'SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project' });
      assert.equal(topped.status, 200);
      assert.equal(topped.json.workItems.length, 100);
      const half = await post(url, { query: 'SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.Id] < 10000' });
      assert.equal(half.status, 200);
      assert.equal(half.json.workItems.length, 9999);
    } finally {
      await big.close();
    }
  });
});

describe('emulator fault injection', () => {
  it('answers a deterministic fraction of requests with 429 + Retry-After + X-RateLimit-*', async () => {
    const run = async () => {
      const emu = await startEmulator({ seed: 'sample', faults: { rate429: 0.3, seed: 42 } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 40; i++) {
          const res = await get(`${emu.url}/${emu.project}/_apis/build/builds`);
          statuses.push(res.status);
          if (res.status === 429) {
            assert.equal(res.headers.get('retry-after'), '1');
            for (const h of ['x-ratelimit-resource', 'x-ratelimit-delay', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) assert.ok(res.headers.get(h), h);
            assert.match(res.json.message, /^TF400733/);
          }
        }
        assert.equal(emu.stats().faults['429'], statuses.filter((s) => s === 429).length);
        return statuses;
      } finally {
        await emu.close();
      }
    };
    const a = await run();
    const b = await run();
    assert.deepEqual(a, b);
    const throttled = a.filter((s) => s === 429).length;
    assert.ok(throttled > 4 && throttled < 20, `${throttled} of 40`);
  });

  it('fails a persistent route with 503 every time, resets connections, and adds Retry-After to some 200s', async () => {
    const emu = await startEmulator({ seed: 'sample', faults: { persistent: [{ pathPattern: '/testplan/' }], retryAfterOn200Rate: 0.5, seed: 3 } });
    try {
      for (let i = 0; i < 5; i++) assert.equal((await get(`${emu.url}/${emu.project}/_apis/testplan/plans`)).status, 503);
      let warned = 0;
      for (let i = 0; i < 20; i++) {
        const res = await get(`${emu.url}/${emu.project}/_apis/build/builds`);
        assert.equal(res.status, 200);
        if (res.headers.get('retry-after')) warned++;
      }
      assert.ok(warned > 0 && warned < 20);
    } finally {
      await emu.close();
    }
    const resetting = await startEmulator({ seed: 'sample', faults: { resetRate: 1 } });
    try {
      await assert.rejects(get(`${resetting.url}/${resetting.project}/_apis/build/builds`));
    } finally {
      await resetting.close();
    }
  });
});

describe('emulator location table', () => {
  it('every location id is one azure-devops-node-api 17 requests for that area', () => {
    const files = ['WorkItemTrackingApi', 'TestPlanApi', 'TestApi', 'TestResultsApi', 'BuildApi', 'TaskAgentApiBase', 'CoreApi', 'LocationsApi'];
    const source = files.map((f) => readFileSync(require.resolve(`azure-devops-node-api/${f}.js`), 'utf8')).join('\n');
    for (const l of RESOURCE_LOCATIONS) {
      assert.ok(source.includes(`"${l.area}", "${l.id}"`), `${l.area} ${l.resourceName} ${l.id}`);
    }
  });
});

describe('emulator at scale', () => {
  it('serves large:20000 with paged points across the whole plan', async function () {
    this.timeout(120_000);
    const emu = await startEmulator({ seed: 'large:20000', pageSize: 5000 });
    try {
      const plan = emu.data.testPlans[0];
      const expected = emu.data.testPoints.filter((pt) => pt.planId === plan.id).length;
      let token: string | null = null;
      let seen = 0;
      let pages = 0;
      do {
        const res: Awaited<ReturnType<typeof get>> = await get(`${emu.url}/${emu.project}/_apis/testplan/Plans/${plan.id}/Suites/${plan.rootSuiteId}/TestPoint?isRecursive=true${token ? `&continuationToken=${token}` : ''}`);
        assert.equal(res.status, 200);
        seen += res.json.count;
        pages++;
        token = res.headers.get('x-ms-continuationtoken');
      } while (token);
      assert.equal(seen, expected);
      assert.equal(pages, Math.ceil(expected / 5000));
      assert.ok(expected > 30_000, `${expected}`);
    } finally {
      await emu.close();
    }
  });
});

describe('emulator determinism', () => {
  it('two servers on the same seed answer with the same bytes (apart from their own URL)', async () => {
    const a = await startEmulator({ seed: 'sample' });
    const b = await startEmulator({ seed: 'sample' });
    try {
      const paths = [
        '/ClinicalAI/_apis/wit/workitems?ids=1%2C20%2C70&$expand=all',
        '/ClinicalAI/_apis/testplan/Plans/1/Suites/2/TestPoint?isRecursive=true&includePointDetails=true',
        '/ClinicalAI/_apis/build/builds',
        '/ClinicalAI/_apis/distributedtask/environments/3/environmentdeploymentrecords',
        '/ClinicalAI/_apis/pipelines/approvals?$expand=steps',
      ];
      for (const path of paths) {
        const [x, y] = await Promise.all([a, b].map(async (emu) => {
          const res = await fetch(emu.url + path, { headers: { Accept: 'application/json;api-version=7.1', ...AUTH } });
          return (await res.text()).split(emu.url).join('<base>');
        }));
        assert.equal(x, y, path);
        assert.ok(x.length > 100, path);
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
