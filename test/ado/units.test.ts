// The pure parts of src/ado: wire → record mapping, approval placement, plan splitting, run scope, tokens,
// URLs and WIQL text.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { normalizeOrgUrl } from '../../src/ado/connection';
import { readBodyText } from '../../src/ado/http-policy';
import { mapApprovalSteps, mapBuild, mapPoint, mapRelation, type WireApproval, type WireDeploymentRecord } from '../../src/ado/map';
import { attachApprovals } from '../../src/ado/read-deployments';
import { splitPlan } from '../../src/ado/read-tests';
import { wiqlText } from '../../src/ado/read-work-items';
import { removedAmong, requirementsInScope, scopeMatrix } from '../../src/core/trace/run-scope';
import { resolveToken } from '../../src/ado/token';
import { buildTraceabilityMatrix, DEFAULT_TRACE_OPTIONS, type TraceSource, type WorkItemRecord } from '../../src/core/trace';

describe('wire → records', () => {
  it('resolves work item link targets from the URL and keeps artifact links as URIs', () => {
    assert.deepEqual(mapRelation({ rel: 'System.LinkTypes.Hierarchy-Reverse', url: 'https://dev.azure.com/o/_apis/wit/workItems/42', attributes: { name: 'Parent' } }), { rel: 'System.LinkTypes.Hierarchy-Reverse', targetId: 42, name: 'Parent' });
    assert.deepEqual(mapRelation({ rel: 'ArtifactLink', url: 'vstfs:///Build/Build/123', attributes: { name: 'Integrated in build' } }), { rel: 'ArtifactLink', url: 'vstfs:///Build/Build/123', name: 'Integrated in build' });
    assert.deepEqual(mapRelation({ rel: 'Hyperlink', url: 'https://example.com/spec' }), { rel: 'Hyperlink', url: 'https://example.com/spec' });
  });

  it('reads a test point in either wire format: string or numeric outcome, ISO or /Date(ms)/ dates', () => {
    const byNumber = new Map<string, number | undefined>([['20260101.1', 7], ['20260101.2', undefined]]);
    const iso = mapPoint({ id: 1, testPlan: { id: 3 }, testSuite: { id: 4 }, testCaseReference: { id: 5, name: 'TC' }, configuration: { id: 1, name: 'Windows' }, results: { outcome: 'passed', lastResultId: 100000, lastTestRunId: 9, lastRunBuildNumber: '20260101.1', lastResultDetails: { dateCompleted: '2026-01-02T03:04:05Z', runBy: { displayName: 'Ana' } } } }, 3, (n) => byNumber.get(n));
    assert.deepEqual(iso.lastResult, { outcome: 'Passed', runId: 9, resultId: 100000, completedDate: '2026-01-02T03:04:05Z', runBy: 'Ana', buildNumber: '20260101.1', buildId: 7 });
    const numeric = mapPoint({ id: 2, testSuite: { id: 4 }, testCaseReference: { id: 5 }, results: { outcome: 3, lastResultId: 1, lastTestRunId: 2, lastRunBuildNumber: '20260101.2', lastResultDetails: { dateCompleted: '/Date(0)/' } } }, 3, (n) => byNumber.get(n));
    assert.equal(numeric.planId, 3);
    assert.deepEqual(numeric.lastResult, { outcome: 'Failed', runId: 2, resultId: 1, completedDate: '1970-01-01T00:00:00.000Z', buildNumber: '20260101.2' });
    assert.equal(mapPoint({ id: 3, testSuite: { id: 4 }, testCaseReference: { id: 5 }, results: { outcome: 'unspecified' } }, 3, () => undefined).lastResult, undefined);
  });

  it('maps build results given as numbers, and sorts and de-duplicates work item ids', () => {
    const b = mapBuild({ id: 5, buildNumber: '1.0', definition: { id: 2, name: 'ci' }, result: 8, finishTime: new Date(Date.UTC(2026, 0, 1)) }, [9, 3, 9]);
    assert.equal(b.result, 'failed');
    assert.equal(b.finishTime, '2026-01-01T00:00:00.000Z');
    assert.deepEqual(b.workItemIds, [3, 9]);
  });
});

describe('approvals', () => {
  const env = { id: 3, name: 'production' };
  const qa = { id: 2, name: 'qa' };
  const rec = (id: number, run: number, start: string): WireDeploymentRecord => ({ id, owner: { id: run }, stageName: 's', result: 'succeeded', startTime: start, finishTime: start });
  const approval = (id: string, run: number, created: string, status = 'approved', decided = created): WireApproval => ({
    id,
    status,
    createdOn: created,
    pipeline: { owner: { id: run } },
    steps: [{ actualApprover: { displayName: 'QA Lead' }, status, comment: 'ok', lastModifiedOn: decided }],
  });

  it('belong to the first deployment of the same run that started after they were raised', () => {
    const records = [
      { record: rec(1, 10, '2026-01-01T00:00:00Z'), environment: qa },
      { record: rec(2, 10, '2026-01-03T00:00:00Z'), environment: env },
      { record: rec(3, 11, '2026-01-03T00:00:00Z'), environment: env },
    ];
    const out = attachApprovals(records, [approval('a', 10, '2026-01-02T00:00:00Z'), approval('b', 12, '2026-01-02T00:00:00Z'), approval('c', 11, '2026-01-04T00:00:00Z', 'rejected')], '2026-02-01T00:00:00Z');
    assert.deepEqual(out.map((d) => [d.id, d.approvals.map((a) => a.decision)]), [[1, []], [2, ['approved']], [3, []]]);
    assert.deepEqual(out[1]!.approvals[0], { approver: 'QA Lead', decision: 'approved', decidedOn: '2026-01-02T00:00:00Z', comment: 'ok' });
  });

  it('leave out steps still pending, or decided after as-of', () => {
    assert.deepEqual(mapApprovalSteps(approval('p', 1, '2026-01-01T00:00:00Z', 'pending'), '2026-02-01T00:00:00Z'), []);
    assert.deepEqual(mapApprovalSteps(approval('l', 1, '2026-01-01T00:00:00Z', 'approved', '2026-03-01T00:00:00Z'), '2026-02-01T00:00:00Z'), []);
  });
});

describe('splitting a plan for parallel point reads', () => {
  const suite = (id: number, parent?: number) => ({ id, ...(parent !== undefined ? { parentSuite: { id: parent } } : {}) });

  it('splits at the first suite with several children, reading the suites above it alone', () => {
    // 1 → 2 → {3, 4}; 3 and 4 each hold a subtree of 8 suites.
    const suites = [suite(1), suite(2, 1), suite(3, 2), suite(4, 2)];
    let next = 10;
    for (const top of [3, 4]) for (let i = 0; i < 7; i++) suites.push(suite(next++, top));
    assert.deepEqual(splitPlan(1, suites), { alone: [1, 2], subtrees: [3, 4] });
  });

  it('keeps one chain when the top-level suites are small, or there is nothing below the root', () => {
    assert.equal(splitPlan(1, [suite(1), suite(2, 1), suite(3, 1), suite(4, 1)]), undefined);
    assert.equal(splitPlan(1, [suite(1)]), undefined);
  });
});

describe('run scope', () => {
  const wi = (id: number, type: string, relations: WorkItemRecord['relations'] = [], state = 'Active'): WorkItemRecord => ({ id, rev: 1, type, title: `${type} ${id}`, state, changedDate: '2026-01-01T00:00:00Z', relations });
  const child = (id: number) => ({ rel: 'System.LinkTypes.Hierarchy-Forward', targetId: id });
  const parent = (id: number) => ({ rel: 'System.LinkTypes.Hierarchy-Reverse', targetId: id });
  const source: TraceSource = {
    organization: 'o',
    project: 'p',
    asOf: '2026-02-01T00:00:00Z',
    workItems: [
      wi(1, 'Epic', [child(2)]),
      wi(2, 'Feature', [child(10)]),
      wi(3, 'Feature'),
      wi(10, 'User Story', [child(20)]),
      wi(11, 'User Story', [parent(2)]),
      wi(12, 'User Story', [parent(3)]),
      wi(13, 'User Story', [], 'Removed'),
      wi(20, 'User Story', [parent(10)]),
      wi(30, 'Bug'),
    ],
    testPlans: [],
    testSuites: [],
    testPoints: [],
    builds: [],
    environments: [],
    deployments: [],
  };
  const types = ['User Story'];

  it('takes associated requirements, and requirements below associated features and epics (links from either end)', () => {
    assert.deepEqual(requirementsInScope(source, [1], types), [10, 11]);
    assert.deepEqual(requirementsInScope(source, [3, 30], types), [12]);
    assert.deepEqual(requirementsInScope(source, [10, 999], types), [10], "a requirement's own children are not added");
    assert.deepEqual(requirementsInScope(source, [30], types), []);
  });

  it('restricts the matrix to the scope and summarizes only those rows', () => {
    const full = buildTraceabilityMatrix(source, { ...DEFAULT_TRACE_OPTIONS, requirementTypes: types, generatedAt: source.asOf });
    const ids = requirementsInScope(source, [1, 13], types);
    assert.deepEqual(ids, [10, 11, 13]);
    const scoped = scopeMatrix(full, ids, removedAmong(ids, full));
    assert.deepEqual(scoped.requirements.map((r) => r.id), [10, 11]);
    assert.equal(scoped.summary.requirements, 2);
    assert.equal(scoped.summary.gaps.untested, 2);
    assert.equal(scoped.summary.removedRequirements, 1);
    assert.equal(full.summary.requirements, 4);
  });
});

describe('tokens, URLs and WIQL text', () => {
  it('takes the token from the named variable, else SYSTEM_ACCESSTOKEN, else AZURE_DEVOPS_EXT_PAT', () => {
    assert.deepEqual(resolveToken(undefined, { SYSTEM_ACCESSTOKEN: ' a ', AZURE_DEVOPS_EXT_PAT: 'b' }), { token: 'a', variable: 'SYSTEM_ACCESSTOKEN' });
    assert.deepEqual(resolveToken(undefined, { SYSTEM_ACCESSTOKEN: '', AZURE_DEVOPS_EXT_PAT: 'b' }), { token: 'b', variable: 'AZURE_DEVOPS_EXT_PAT' });
    assert.deepEqual(resolveToken('MINE', { MINE: 'c', SYSTEM_ACCESSTOKEN: 'a' }), { token: 'c', variable: 'MINE' });
    assert.throws(() => resolveToken('MINE', { SYSTEM_ACCESSTOKEN: 'a' }), /environment variable MINE \(--token-env\) is not set or empty/);
    assert.throws(() => resolveToken(undefined, {}), /no Azure DevOps token/);
  });

  it('normalizes the organization URL and refuses one with credentials in it', () => {
    assert.equal(normalizeOrgUrl('https://dev.azure.com/contoso/'), 'https://dev.azure.com/contoso');
    assert.throws(() => normalizeOrgUrl('https://user:pat@dev.azure.com/contoso'), /must not carry credentials/);
    assert.throws(() => normalizeOrgUrl('dev.azure.com/contoso'), /is not a URL/);
  });

  it('quotes names in WIQL and partitions by id', () => {
    const text = wiqlText({ project: 'P', types: ["Customer's Story", 'Epic'], asOf: '2026-01-01T00:00:00Z', areaPath: "P\\Team's" }, 500);
    assert.equal(text, "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.WorkItemType] IN ('Customer''s Story', 'Epic') AND [System.AreaPath] UNDER 'P\\Team''s' AND [System.Id] > 500 ORDER BY [System.Id] ASC ASOF '2026-01-01T00:00:00Z'");
  });
});

describe('reading a response body', () => {
  const respond = (headers: Record<string, string>, chunks: Buffer[]) => {
    const message = Object.assign(new PassThrough(), { statusCode: 200, headers });
    setImmediate(() => {
      for (const c of chunks) message.write(c);
      message.end();
    });
    return { message, readBody: async () => 'from readBody' };
  };

  it('decodes UTF-8 chunk by chunk exactly as the whole buffer decodes, characters split across chunks included', async () => {
    const whole = Buffer.from(JSON.stringify({ name: 'ClinicalAI R1 – System verification ✓ 𝛼', bad: 'x' }));
    const bytes = Buffer.concat([whole, Buffer.from([0xe2, 0x80])]); // ends inside a character
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    assert.equal(await readBodyText(respond({ 'content-type': 'application/json; charset=utf-8' }, chunks)), bytes.toString('utf8'));
  });

  it('leaves compressed bodies and other charsets to the client’s readBody', async () => {
    assert.equal(await readBodyText(respond({ 'content-encoding': 'gzip' }, [Buffer.from('x')])), 'from readBody');
    assert.equal(await readBodyText(respond({ 'content-type': 'text/plain; charset=utf16le' }, [Buffer.from('x')])), 'from readBody');
  });
});
