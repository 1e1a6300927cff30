import assert from 'node:assert/strict';
import { buildTraceabilityMatrix, type TraceSource } from '../../src/core/trace';
import { everyGapOptions, everyGapSource } from './fixtures/every-gap';

const find = (src: TraceSource, id: number) => {
  const r = buildTraceabilityMatrix(src, everyGapOptions).requirements.find((x) => x.id === id);
  assert.ok(r, `requirement ${id}`);
  return r;
};

describe('trace: edge cases', () => {
  it('an empty requirement-based suite leaves the requirement untested, and the detail names the suite', () => {
    const src: TraceSource = {
      ...everyGapSource,
      testSuites: [...everyGapSource.testSuites, { id: 14, planId: 10, name: '101: Print label', suiteType: 'requirementTestSuite', requirementId: 101 }],
    };
    const r = find(src, 101);
    assert.deepEqual(r.tests, []);
    assert.deepEqual(r.gaps.map((g) => g.code), ['untested']);
    assert.match(r.gaps[0].detail, /requirement-based suite\(s\) 14 contain no test case/);
  });

  it('a test case only in the requirement-based suite is linked by requirementSuite alone', () => {
    const src: TraceSource = {
      ...everyGapSource,
      workItems: everyGapSource.workItems.map((w) => (w.id === 202 ? { ...w, relations: [] } : w)),
    };
    assert.deepEqual(
      find(src, 103).tests.map((t) => [t.id, t.linkedBy]),
      [[202, ['requirementSuite']]],
    );
  });

  it('takes the test case title from its points when the test case work item is not in the source', () => {
    const src: TraceSource = {
      ...everyGapSource,
      workItems: everyGapSource.workItems.filter((w) => w.id !== 201).map((w) => (w.id === 102 ? { ...w, relations: [] } : w)),
      testSuites: [...everyGapSource.testSuites, { id: 15, planId: 10, name: 'req 102', suiteType: 'requirementTestSuite', requirementId: 102 }],
      testPoints: [...everyGapSource.testPoints, { id: 1011, planId: 10, suiteId: 15, testCaseId: 201, testCaseTitle: 'Reject damaged (from point)', configuration: { id: 1, name: 'Windows' } }],
    };
    const t = find(src, 102).tests[0];
    assert.equal(t.title, 'Reject damaged (from point)');
    assert.equal(t.rev, null);
  });

  it('excludes a requirement whose state category is Removed, and treats category Completed as completed', () => {
    const src: TraceSource = {
      ...everyGapSource,
      workItems: everyGapSource.workItems.map((w) =>
        w.id === 101 ? { ...w, state: 'Cut', stateCategory: 'Removed' } : w.id === 104 ? { ...w, state: 'Verified', stateCategory: 'Completed' } : w,
      ),
    };
    const m = buildTraceabilityMatrix(src, everyGapOptions);
    assert.equal(m.requirements.some((r) => r.id === 101), false);
    assert.equal(m.summary.removedRequirements, 2);
    assert.deepEqual(m.requirements.find((r) => r.id === 104)!.gaps.map((g) => g.code), ['blocked', 'not-deployed']);
  });

  it('a hierarchy that loops back to the requirement itself ends before repeating it', () => {
    const src: TraceSource = {
      ...everyGapSource,
      workItems: everyGapSource.workItems.map((w) =>
        w.id === 2
          ? { ...w, relations: [{ rel: 'System.LinkTypes.Hierarchy-Reverse', targetId: 100 }] }
          : w.id === 1
            ? { ...w, relations: [{ rel: 'System.LinkTypes.Hierarchy-Forward', targetId: 3 }] }
            : w,
      ),
    };
    assert.deepEqual(
      find(src, 100).ancestors.map((a) => a.id),
      [2],
    );
  });

  it('takes the parent from the parent side when only Hierarchy-Forward was read', () => {
    const src: TraceSource = {
      ...everyGapSource,
      workItems: everyGapSource.workItems.map((w) =>
        w.id === 103 ? { ...w, relations: w.relations.filter((r) => !r.rel.endsWith('Hierarchy-Reverse')) } : w.id === 3 ? { ...w, relations: [...w.relations, { rel: 'System.LinkTypes.Hierarchy-Forward', targetId: 103 }] } : w,
      ),
    };
    assert.deepEqual(
      find(src, 103).ancestors.map((a) => a.id),
      [3, 1],
    );
  });

  it('a requirement with no tests and no builds in a non-completed state has only the untested gap', () => {
    const r = find(everyGapSource, 101);
    assert.deepEqual(r.builds, []);
    assert.deepEqual(r.deployments, []);
    assert.equal(r.released, false);
  });

  it('an empty source gives an empty matrix with zero coverage', () => {
    const m = buildTraceabilityMatrix({ ...everyGapSource, workItems: [], testPoints: [], testSuites: [], builds: [], deployments: [] }, everyGapOptions);
    assert.deepEqual(m.requirements, []);
    assert.equal(m.summary.coveragePercent, '0.0');
    assert.deepEqual(m.summary.epics, []);
    assert.equal(m.summary.danglingLinks, 0);
  });
});

describe('trace: results that are not completed', () => {
  it('a requirement whose only results are in progress or paused is never-run, and the detail says what they are', () => {
    const src: TraceSource = {
      ...everyGapSource,
      testPoints: everyGapSource.testPoints.map((p) => (p.id === 1006 ? { ...p, lastResult: { ...p.lastResult!, outcome: 'InProgress' } } : p)),
    };
    const r = find(src, 104);
    assert.equal(r.tests[0].points[0].outcome, 'InProgress');
    assert.deepEqual(r.gaps.map((g) => g.code), ['never-run']);
    assert.match(r.gaps[0].detail, /has a completed result \(latest: InProgress ×1\)/);
  });
});
