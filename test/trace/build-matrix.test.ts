import assert from 'node:assert/strict';
import { buildTraceabilityMatrix, gapCodes, serializeMatrix } from '../../src/core/trace';
import { everyGapOptions, everyGapSource, expectedDanglingLinks, expectedGaps } from './fixtures/every-gap';

describe('trace: buildTraceabilityMatrix on the every-gap fixture', () => {
  const m = buildTraceabilityMatrix(everyGapSource, everyGapOptions);
  const req = (id: number) => {
    const r = m.requirements.find((x) => x.id === id);
    assert.ok(r, `requirement ${id} is in the matrix`);
    return r;
  };

  it('records the header fields from source and options', () => {
    assert.equal(m.schema, 'controltrace/traceability@1');
    assert.equal(m.organization, 'contoso-pharma');
    assert.equal(m.project, 'LIMS');
    assert.equal(m.asOf, '2026-11-20T00:00:00Z');
    assert.equal(m.generatedAt, '2026-11-20T08:00:00Z');
    assert.equal(m.complete, true);
  });

  it('has exactly the requirement-type work items that are not Removed, sorted by id', () => {
    assert.deepEqual(
      m.requirements.map((r) => r.id),
      [100, 101, 102, 103, 104, 105, 106, 107, 109],
    );
    assert.equal(m.summary.removedRequirements, 1);
  });

  for (const [id, codes] of Object.entries(expectedGaps)) {
    it(`requirement ${id} has gaps [${codes.join(', ')}]`, () => {
      const r = req(Number(id));
      assert.deepEqual(r.gaps.map((g) => g.code), codes);
      for (const g of r.gaps) assert.ok(g.detail.length > 10, `gap ${g.code} of ${id} explains itself`);
    });
  }

  it('covers every gap code somewhere in the fixture', () => {
    const seen = new Set(m.requirements.flatMap((r) => r.gaps.map((g) => g.code)));
    assert.deepEqual([...gapCodes].filter((c) => !seen.has(c)), []);
  });

  it('walks the parent chain nearest first and stops on a cycle', () => {
    assert.deepEqual(req(100).ancestors, [
      { id: 2, type: 'Feature', title: 'Sample intake' },
      { id: 1, type: 'Epic', title: 'Sample management' },
    ]);
    assert.deepEqual(
      req(109).ancestors.map((a) => a.id),
      [4, 5],
    );
  });

  it('ignores a dangling parent and counts every dangling reference once', () => {
    assert.deepEqual(
      req(101).ancestors.map((a) => a.id),
      [2, 1],
    );
    assert.equal(m.summary.danglingLinks, expectedDanglingLinks);
  });

  it('deduplicates a test case linked from both sides and lists both link kinds', () => {
    assert.deepEqual(
      req(100).tests.map((t) => [t.id, t.linkedBy]),
      [[200, ['testedBy']]],
    );
    assert.deepEqual(
      req(103).tests.map((t) => [t.id, t.linkedBy]),
      [[202, ['testedBy', 'requirementSuite']]],
    );
  });

  it('lists the points of a test case across plans, sorted by plan, suite, configuration', () => {
    const points = req(100).tests[0].points;
    assert.deepEqual(
      points.map((p) => [p.planId, p.suiteId, p.pointId, p.outcome, p.planName]),
      [
        [10, 11, 1001, 'Passed', 'Release 1 regression'],
        [20, 21, 1002, 'Passed', 'Smoke'],
        [30, 31, 1010, 'NotRun', null],
      ],
    );
    assert.deepEqual(
      req(103).tests[0].points.map((p) => [p.configuration, p.outcome]),
      [
        ['Linux', 'Passed'],
        ['Windows', 'Failed'],
      ],
    );
  });

  it('keeps a result without completedDate as null', () => {
    const p = req(109).tests[0].points[0];
    assert.equal(p.outcome, 'Passed');
    assert.equal(p.completedDate, null);
    assert.match(req(109).gaps[0].detail, /none records a completed date/);
  });

  it('traces builds and their deployments, sorted by finish time, with approvals and the production flag', () => {
    const r = req(100);
    assert.deepEqual(r.builds, [{ id: 500, number: '20261105.1', definition: 'LIMS-CI', result: 'succeeded', finishTime: '2026-11-05T12:00:00Z' }]);
    assert.deepEqual(
      r.deployments.map((d) => [d.id, d.environment, d.production]),
      [
        [800, 'Quality', false],
        [801, 'Production', true],
      ],
    );
    assert.deepEqual(r.deployments[1].approvals, [{ approver: 'Dr. Q. Lead', decision: 'approved', time: '2026-11-07T08:00:00Z' }]);
    assert.equal(r.released, true);
    assert.equal(req(105).released, false, 'a failed production deployment is not a release');
  });

  it('summarizes coverage, gaps, outcomes and epics', () => {
    const s = m.summary;
    assert.equal(s.requirements, 9);
    assert.equal(s.withTests, 7);
    assert.equal(s.coveragePercent, '77.8');
    assert.equal(s.withPassingTests, 4); // 100, 103, 105, 109
    assert.equal(s.passingPercent, '44.4');
    assert.equal(s.withAllTestsPassing, 2); // 105, 109 (100 has a point that never ran)
    assert.equal(s.requirementsWithGaps, 8);
    assert.deepEqual(s.gaps, {
      untested: 2,
      'never-run': 1,
      failing: 2,
      blocked: 1,
      stale: 2,
      'not-deployed': 1,
      'released-untested': 1,
      'released-failing': 1,
    });
    assert.deepEqual(s.outcomes, { Blocked: 1, Failed: 2, NotRun: 2, Passed: 5 });
    assert.deepEqual(
      s.epics.map((e) => [e.epicId, e.requirements, e.withTests, e.coveragePercent]),
      [
        [1, 8, 6, '75.0'],
        [null, 1, 1, '100.0'],
      ],
    );
  });

  it('serializes to the same bytes twice, with sorted keys and a trailing newline', () => {
    const a = serializeMatrix(m);
    const b = serializeMatrix(buildTraceabilityMatrix(everyGapSource, everyGapOptions));
    assert.equal(a, b);
    assert.ok(a.endsWith('}\n'));
    assert.deepEqual(JSON.parse(a), JSON.parse(JSON.stringify(m)));
    const top = Object.keys(JSON.parse(a));
    assert.deepEqual(top, [...top].sort());
  });

  it('does not depend on the order of the source records', () => {
    const reversed = {
      ...everyGapSource,
      workItems: [...everyGapSource.workItems].reverse(),
      testPoints: [...everyGapSource.testPoints].reverse(),
      testSuites: [...everyGapSource.testSuites].reverse(),
      builds: [...everyGapSource.builds].reverse(),
      deployments: [...everyGapSource.deployments].reverse(),
    };
    assert.equal(serializeMatrix(buildTraceabilityMatrix(reversed, everyGapOptions)), serializeMatrix(m));
  });
});
