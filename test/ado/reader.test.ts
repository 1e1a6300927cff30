// The reader against the emulator: what it reads is the seeded project, complete, in the fewest requests the
// endpoints allow; under faults it reads the same; when data cannot be read it says what and returns nothing.
import assert from 'node:assert/strict';
import { createAdoTraceReader, IncompleteDataError, AuthenticationError, UnreachableError } from '../../src/ado';
import { BATCH_SIZE } from '../../src/ado/read-work-items';
import { buildTraceabilityMatrix, DEFAULT_TRACE_OPTIONS, serializeMatrix, type TraceSource } from '../../src/core/trace';
import { loadSeed, startEmulator, type FaultOptions, type RunningEmulator } from '../../src/emulator';
import type { RequirementScenario } from '../../src/emulator';

const FAST = { baseDelayMs: 2, maxDelayMs: 50 };
const EXPECTED: Record<RequirementScenario, string[]> = {
  verified: [],
  'verified-released': [],
  untested: ['untested'],
  'never-run': ['never-run'],
  failing: ['failing'],
  blocked: ['blocked'],
  stale: ['stale'],
  'not-deployed': ['not-deployed'],
  'released-untested': ['released-untested', 'untested'],
  'released-failing': ['failing', 'released-failing'],
};

async function withEmulator<T>(opts: { faults?: FaultOptions; pageSize?: number }, fn: (emu: RunningEmulator) => Promise<T>): Promise<T> {
  const emu = await startEmulator({ seed: 'sample', ...opts });
  try {
    return await fn(emu);
  } finally {
    await emu.close();
  }
}

async function read(emu: RunningEmulator, extra: { asOf?: string; areaPath?: string; wiqlPartitionSize?: number; maxAttempts?: number } = {}): Promise<TraceSource> {
  const reader = createAdoTraceReader({ orgUrl: emu.url, token: 'test-token', policy: { ...FAST, maxAttempts: extra.maxAttempts ?? 8 }, ...(extra.wiqlPartitionSize ? { wiqlPartitionSize: extra.wiqlPartitionSize } : {}) });
  return reader.readProject({ project: emu.project, asOf: extra.asOf ?? emu.data.asOf, requirementTypes: DEFAULT_TRACE_OPTIONS.requirementTypes, ...(extra.areaPath ? { areaPath: extra.areaPath } : {}) });
}

const matrixJson = (s: TraceSource) => serializeMatrix(buildTraceabilityMatrix(s, { ...DEFAULT_TRACE_OPTIONS, generatedAt: s.asOf }));

describe('ADO reader against the emulator', function () {
  this.timeout(60_000);

  it('reads the whole sample project: every requirement has exactly the gaps of its scenario', async () => {
    await withEmulator({}, async (emu) => {
      const source = await read(emu);
      const d = emu.data;
      assert.equal(source.organization, 'contoso-health');
      assert.equal(source.workItems.length, d.workItems.length);
      assert.equal(source.testPoints.length, d.testPoints.length);
      assert.equal(source.testSuites.length, d.testSuites.length);
      assert.equal(source.builds.length, d.builds.length);
      assert.equal(source.deployments.length, d.deployments.length);
      assert.equal(source.builds.find((b) => b.id === d.builds[3]!.id)!.workItemIds.length, d.builds[3]!.workItemIds.length);
      const matrix = buildTraceabilityMatrix(source, { ...DEFAULT_TRACE_OPTIONS, generatedAt: source.asOf });
      assert.equal(matrix.requirements.length, Object.keys(d.scenarios).length);
      for (const row of matrix.requirements) {
        assert.deepEqual(row.gaps.map((g) => g.code).sort(), EXPECTED[d.scenarios[row.id]!], `requirement ${row.id} (${d.scenarios[row.id]})`);
      }
      // Approvals gate the production deployment that followed them; a rejected one gated nothing deployed.
      const approved = d.approvals.filter((a) => a.status === 'approved' && d.deployments.some((x) => x.buildId === a.buildId && x.environmentId === 3));
      const withApprovals = source.deployments.filter((x) => x.approvals.length > 0);
      assert.equal(withApprovals.length, approved.length);
      assert.ok(withApprovals.every((x) => x.environment.name === 'production'));
    });
  });

  it('uses the fewest requests the endpoints allow: ≤ 200 ids per batch, one pass for fields and one for relations', async () => {
    await withEmulator({}, async (emu) => {
      await read(emu);
      const s = emu.stats().byRoute;
      const n = emu.data.workItems.length;
      assert.equal(s['POST wit/workitemsbatch'], 2 * Math.ceil(n / BATCH_SIZE));
      assert.equal(s['POST wit/wiql'], 1);
      assert.equal(s['GET testplan/plans/{planId}/suites/{suiteId}/testpoint'], emu.data.testPlans.length);
      assert.equal(s['GET build/builds/{buildId}/workitems'], emu.data.builds.length);
      assert.equal(s['GET pipelines/approvals'], 1);
    });
  });

  it('partitions WIQL by id so no query meets the result cap (cap lowered to 40)', async () => {
    await withEmulator({}, async (emu) => {
      const whole = await read(emu);
      const before = emu.stats().byRoute['POST wit/wiql']!;
      const partitioned = await read(emu, { wiqlPartitionSize: 40 });
      const queries = emu.stats().byRoute['POST wit/wiql']! - before;
      const n = emu.data.workItems.length;
      assert.equal(queries, Math.floor(n / 40) + 1);
      assert.equal(matrixJson(partitioned), matrixJson(whole));
    });
  });

  it('follows continuation tokens with a small page size and reads the same project', async () => {
    const reference = await withEmulator({}, (emu) => read(emu).then(matrixJson));
    await withEmulator({ pageSize: 3 }, async (emu) => {
      const source = await read(emu);
      assert.equal(matrixJson(source), reference);
      const s = emu.stats().byRoute;
      assert.ok(s['GET testplan/plans/{planId}/suites/{suiteId}/testpoint']! >= Math.ceil(emu.data.testPoints.length / 3));
      assert.ok(s['GET distributedtask/environments/{environmentId}/environmentdeploymentrecords']! > emu.data.environments.length);
      assert.equal(source.deployments.length, emu.data.deployments.length);
    });
  });

  it('with 10 % 429s, 5 % 503s, resets and Retry-After on successes, the matrix is byte-identical', async () => {
    const reference = await withEmulator({}, (emu) => read(emu).then(matrixJson));
    const faults: FaultOptions = { rate429: 0.1, rate503: 0.05, resetRate: 0.03, retryAfterOn200Rate: 0.05, retryAfterSeconds: 0.005, seed: 7 };
    await withEmulator({ faults, pageSize: 20 }, async (emu) => {
      const json = await read(emu, { maxAttempts: 10 }).then(matrixJson);
      const injected = emu.stats().faults;
      assert.ok((injected['429'] ?? 0) > 0 && (injected['503'] ?? 0) > 0 && (injected.reset ?? 0) > 0, JSON.stringify(injected));
      assert.equal(json, reference);
    });
  });

  it('a route that always fails: IncompleteDataError naming what is missing, and no source', async () => {
    await withEmulator({ faults: { persistent: [{ pathPattern: '/build/builds/1[0-9]+/workitems$' }] } }, async (emu) => {
      await assert.rejects(read(emu, { maxAttempts: 2 }), (e: unknown) => {
        assert.ok(e instanceof IncompleteDataError, String(e));
        assert.match(e.message, /could not read work items of build 1\d+: HTTP 503 after 2 attempt\(s\)/);
        assert.match(e.message, /no matrix was produced/);
        return true;
      });
    });
    await withEmulator({ faults: { persistent: [{ pathPattern: '/testpoint$' }] }, pageSize: 50 }, async (emu) => {
      await assert.rejects(read(emu, { maxAttempts: 2 }), /could not read test points of plan \d+ \(recursive from suite \d+\), page 1: HTTP 503/);
    });
  });

  it('reads the project as it was at --as-of: later revisions and deployments are not in it', async () => {
    // The sample with one more revision and one more deployment after its last test result.
    const data = structuredClone(loadSeed('sample'));
    const lastResult = data.testResults.map((r) => r.completedDate).sort().at(-1)!;
    const later = new Date(Date.parse(lastResult) + 3_600_000).toISOString();
    const story = data.workItems.find((w) => w.id === Number(Object.keys(data.scenarios)[0]))!;
    story.revisions.push({ rev: story.revisions.length + 1, changedDate: later, changedBy: story.revisions[0]!.changedBy, fields: { 'System.Title': 'Retitled after the cut-off' } });
    const lastDeployment = data.deployments.at(-1)!;
    data.deployments.push({ ...lastDeployment, id: 9999, queueTime: later, startTime: later, finishTime: later });
    const emu = await startEmulator({ seed: data });
    try {
      const asOf = new Date(Date.parse(lastResult) + 1000).toISOString();
      const now = await read(emu);
      const then = await read(emu, { asOf });
      assert.equal(then.asOf, asOf);
      assert.equal(now.workItems.find((w) => w.id === story.id)!.title, 'Retitled after the cut-off');
      const old = then.workItems.find((w) => w.id === story.id)!;
      assert.notEqual(old.title, 'Retitled after the cut-off');
      assert.equal(old.rev, story.revisions.length - 1);
      assert.ok(now.deployments.some((d) => d.id === 9999));
      assert.ok(!then.deployments.some((d) => d.id === 9999));
      assert.ok(then.workItems.every((w) => w.changedDate <= asOf));
    } finally {
      await emu.close();
    }
  });

  it('refuses an --as-of before the latest test results, which the test point API cannot rewind', async () => {
    await withEmulator({}, async (emu) => {
      const firstResult = emu.data.testResults.map((r) => r.completedDate).sort()[0]!;
      await assert.rejects(read(emu, { asOf: firstResult }), (e: unknown) => e instanceof IncompleteDataError && /latest result completed after that instant/.test(e.message));
    });
  });

  it('an area filter keeps the requirements under it, with their parents and test cases from anywhere', async () => {
    await withEmulator({}, async (emu) => {
      const all = await read(emu);
      const areas = [...new Set(all.workItems.filter((w) => w.type === 'User Story').map((w) => w.areaPath!))].sort();
      assert.ok(areas.length > 1, `areas: ${areas.join(', ')}`);
      const area = areas[0]!;
      const scoped = await read(emu, { areaPath: area });
      const stories = scoped.workItems.filter((w) => w.type === 'User Story');
      assert.ok(stories.length > 0);
      assert.ok(stories.every((w) => w.areaPath === area || w.areaPath!.startsWith(`${area}\\`)));
      const m = buildTraceabilityMatrix(scoped, { ...DEFAULT_TRACE_OPTIONS, generatedAt: scoped.asOf });
      const full = new Map(buildTraceabilityMatrix(all, { ...DEFAULT_TRACE_OPTIONS, generatedAt: all.asOf }).requirements.map((r) => [r.id, r]));
      for (const row of m.requirements) assert.deepEqual(row, full.get(row.id), `requirement ${row.id} reads the same with the area filter`);
    });
  });

  it('a project that does not exist: one clear error', async () => {
    await withEmulator({}, async (emu) => {
      const reader = createAdoTraceReader({ orgUrl: emu.url, token: 't', policy: FAST });
      await assert.rejects(reader.readProject({ project: 'NoSuchProject', requirementTypes: ['User Story'] }), /project 'NoSuchProject' was not found in http:\/\/127\.0\.0\.1:\d+\/contoso-health \(HTTP 404\)/);
    });
  });

  it('a token the server refuses: AuthenticationError; a server that is not there: UnreachableError', async () => {
    await withEmulator({}, async (emu) => {
      const reader = createAdoTraceReader({ orgUrl: emu.url, token: '', policy: FAST });
      await assert.rejects(reader.readProject({ project: emu.project, requirementTypes: ['User Story'] }), AuthenticationError);
    });
    const reader = createAdoTraceReader({ orgUrl: 'http://127.0.0.1:9/org', token: 't', policy: { ...FAST, maxAttempts: 2 } });
    await assert.rejects(reader.readProject({ project: 'P', requirementTypes: ['User Story'] }), (e: unknown) => e instanceof UnreachableError && /ECONNREFUSED/.test(e.message));
  });
});

describe('ADO reader reuse', function () {
  this.timeout(60_000);
  it('reads again after a failed read (the failure does not leave the reader cancelled)', async () => {
    const emu = await startEmulator({ seed: 'sample' });
    try {
      const reader = createAdoTraceReader({ orgUrl: emu.url, token: 't', policy: FAST });
      await assert.rejects(reader.readProject({ project: 'NoSuchProject', requirementTypes: ['User Story'] }), /was not found/);
      const source = await reader.readProject({ project: emu.project, asOf: emu.data.asOf, requirementTypes: ['User Story'] });
      assert.equal(source.workItems.length, emu.data.workItems.length);
      assert.deepEqual(await reader.readRunWorkItemIds(emu.project, emu.data.builds[3]!.id), [...emu.data.builds[3]!.workItemIds].sort((a, b) => a - b));
    } finally {
      await emu.close();
    }
  });
});

describe('ADO reader without --as-of', function () {
  this.timeout(60_000);
  it('a test result newer than the start of the read: read once more, then say why it cannot be pinned', async () => {
    const data = structuredClone(loadSeed('sample'));
    data.testResults[0]!.completedDate = new Date(Date.now() + 86_400_000).toISOString();
    const emu = await startEmulator({ seed: data });
    try {
      const reader = createAdoTraceReader({ orgUrl: emu.url, token: 't', policy: FAST });
      await assert.rejects(reader.readProject({ project: emu.project, requirementTypes: ['User Story'] }), /have a latest result completed after that instant/);
      assert.equal(emu.stats().byRoute['POST wit/wiql'], 2, 'read twice');
    } finally {
      await emu.close();
    }
  });
});
