import assert from 'node:assert/strict';
import { loadSeed } from '../../src/emulator/data';
import { generateProject } from '../../src/emulator/data/generate';
import { EmulatorData, RequirementScenario } from '../../src/emulator/data/types';

type Gap = 'untested' | 'never-run' | 'failing' | 'blocked' | 'stale' | 'not-deployed' | 'released-untested' | 'released-failing';

/** Fields of a work item now: its revisions folded. */
function current(data: EmulatorData, id: number) {
  const item = data.workItems.find((w) => w.id === id)!;
  let fields: Record<string, string | number> = {};
  let relations = item.revisions[0].relations ?? [];
  for (const r of item.revisions) {
    fields = { ...fields, ...r.fields, 'System.ChangedDate': r.changedDate };
    relations = r.relations ?? relations;
  }
  return { fields, relations };
}

/** The gaps of each requirement, computed from the raw seed independently of the emulator's code. */
function gapsOf(data: EmulatorData): Map<number, Set<Gap>> {
  const production = data.environments.find((e) => e.name === 'production')!.id;
  const released = new Set(data.deployments.filter((d) => d.environmentId === production && d.result === 'succeeded').map((d) => d.buildId));
  const latest = new Map<number, { outcome: string; completedDate: string }>();
  for (const r of data.testResults) {
    const prior = latest.get(r.testPointId);
    if (!prior || r.completedDate > prior.completedDate) latest.set(r.testPointId, r);
  }
  const out = new Map<number, Set<Gap>>();
  for (const w of data.workItems) {
    const { fields, relations } = current(data, w.id);
    if (fields['System.WorkItemType'] !== 'User Story') continue;
    const gaps = new Set<Gap>();
    const tcs = new Set(relations.filter((r) => r.rel === 'Microsoft.VSTS.Common.TestedBy-Forward').map((r) => r.targetId!));
    for (const s of data.testSuites) if (s.requirementId === w.id) s.testCaseIds.forEach((t) => tcs.add(t));
    const points = data.testPoints.filter((p) => tcs.has(p.testCaseId));
    const results = points.map((p) => latest.get(p.id)).filter((r) => r !== undefined);
    const allPasses = data.testResults.filter((r) => tcs.has(r.testCaseId) && r.outcome === 'Passed').map((r) => r.completedDate).sort();
    if (tcs.size === 0) gaps.add('untested');
    else if (results.length === 0) gaps.add('never-run');
    if (results.some((r) => r.outcome === 'Failed')) gaps.add('failing');
    if (results.some((r) => r.outcome === 'Blocked')) gaps.add('blocked');
    if (allPasses.length > 0 && String(fields['System.ChangedDate']) > allPasses[allPasses.length - 1]) gaps.add('stale');
    const isReleased = data.builds.some((b) => b.workItemIds.includes(w.id) && released.has(b.id));
    if (fields['System.State'] === 'Closed' && !isReleased) gaps.add('not-deployed');
    if (isReleased && gaps.has('untested')) gaps.add('released-untested');
    if (isReleased && gaps.has('failing')) gaps.add('released-failing');
    out.set(w.id, gaps);
  }
  return out;
}

const EXPECTED: Record<RequirementScenario, Gap[]> = {
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

describe('emulator seed: sample', () => {
  const data = loadSeed('sample');
  const types = (t: string) => data.workItems.filter((w) => w.revisions[0].fields['System.WorkItemType'] === t);

  it('is the contoso-health / ClinicalAI project with the required volume', () => {
    assert.equal(data.organization, 'contoso-health');
    assert.equal(data.project.name, 'ClinicalAI');
    assert.deepEqual(types('Epic').map((w) => w.revisions[0].fields['System.Title']), ['Patient data ingestion', 'Model validation & monitoring', 'Clinician decision support']);
    assert.ok(types('Feature').length >= 10);
    assert.ok(types('User Story').length >= 60);
    assert.ok(types('Test Case').length >= 120);
    assert.ok(data.testPlans.length >= 2);
    assert.ok(data.testSuites.some((s) => s.suiteType === 'requirementTestSuite' && s.requirementId !== undefined));
    assert.ok(data.testSuites.some((s) => s.suiteType === 'staticTestSuite' && s.parentSuiteId !== undefined));
    assert.ok(data.testSuites.some((s) => s.configurationIds.length === 2));
    assert.ok(data.builds.length >= 30);
    assert.deepEqual([...new Set(data.builds.map((b) => b.definitionId))].sort(), [1, 2]);
    assert.deepEqual(data.environments.map((e) => e.name), ['dev', 'qa', 'production']);
    assert.ok(data.approvals.some((a) => a.status === 'approved') && data.approvals.some((a) => a.status === 'rejected'));
    assert.ok(data.approvals.every((a) => a.environmentId === 3 && a.steps.every((s) => s.approver && s.lastModifiedOn)));
  });

  it('has every traceability gap at least once, each requirement showing exactly the gaps of its scenario', () => {
    const gaps = gapsOf(data);
    const seen = new Set<Gap>();
    for (const [id, g] of gaps) {
      g.forEach((x) => seen.add(x));
      const scenario = data.scenarios[id];
      assert.deepEqual([...g].sort(), [...EXPECTED[scenario]].sort(), `requirement ${id} (${scenario})`);
    }
    assert.deepEqual([...seen].sort(), ['blocked', 'failing', 'never-run', 'not-deployed', 'released-failing', 'released-untested', 'stale', 'untested']);
  });

  it('keeps the revision history in order and nothing after asOf', () => {
    for (const w of data.workItems) {
      w.revisions.forEach((r, i) => {
        assert.equal(r.rev, i + 1);
        if (i > 0) assert.ok(r.changedDate >= w.revisions[i - 1].changedDate, `work item ${w.id} rev ${r.rev}`);
        assert.ok(r.changedDate <= data.asOf);
      });
    }
    assert.ok(data.testResults.every((r) => r.completedDate <= data.asOf));
    assert.ok(data.deployments.every((d) => d.finishTime <= data.asOf));
  });

  it('has some points with a pass/fail history (a later result overrides an earlier one)', () => {
    const byPoint = new Map<number, string[]>();
    for (const r of [...data.testResults].sort((a, b) => a.completedDate.localeCompare(b.completedDate))) byPoint.set(r.testPointId, [...(byPoint.get(r.testPointId) ?? []), r.outcome]);
    assert.ok([...byPoint.values()].some((o) => o[0] === 'Failed' && o[o.length - 1] === 'Passed'));
    assert.ok([...byPoint.values()].some((o) => o[0] === 'Passed' && o[o.length - 1] === 'Failed'));
  });

  it('carries a title with markup to prove escaping downstream', () => {
    assert.ok(data.workItems.some((w) => String(w.revisions[0].fields['System.Title']).includes('<img src=x onerror=alert(1)>')));
  });

  it('is deterministic: generating twice gives the same bytes', () => {
    const a = generateProject({ organization: 'o', projectName: 'p', randomSeed: 7 });
    const b = generateProject({ organization: 'o', projectName: 'p', randomSeed: 7 });
    assert.equal(JSON.stringify(a), JSON.stringify(b));
    const c = generateProject({ organization: 'o', projectName: 'p', randomSeed: 8 });
    assert.notEqual(JSON.stringify(a), JSON.stringify(c));
  });
});

describe('emulator seed: large:N', () => {
  it('scales to about N work items with about two test points each, and keeps every gap', () => {
    const data = loadSeed('large:3000');
    const n = data.workItems.length;
    assert.ok(n > 2700 && n < 3300, `${n} work items`);
    assert.ok(data.testPoints.length > 1.6 * n && data.testPoints.length < 2.4 * n, `${data.testPoints.length} points`);
    const seen = new Set<string>();
    for (const g of gapsOf(data).values()) g.forEach((x) => seen.add(x));
    assert.equal(seen.size, 8);
  });

  it('rejects a malformed seed name', () => {
    assert.throws(() => loadSeed('huge'), /Unknown seed/);
    assert.throws(() => loadSeed('large:10'), /Unknown seed/);
  });
});
