import assert from 'node:assert/strict';
import { isInputError } from '../../src/core/errors';
import { buildTraceabilityMatrix, DEFAULT_TRACE_OPTIONS, hasForbiddenGaps, type GapCode, type TraceSource } from '../../src/core/trace';
import { normalizeOutcome } from '../../src/core/trace/outcomes';
import { percentOneDecimal } from '../../src/core/trace/percent';
import { productionMatcher } from '../../src/core/trace/production';
import { everyGapOptions, everyGapSource } from './fixtures/every-gap';

function inputError(fn: () => unknown, pattern: RegExp, pointer?: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isInputError(e), `expected an InputError, got ${String(e)}`);
    assert.match(e.message, pattern);
    if (pointer !== undefined) assert.equal(e.location.pointer, pointer);
    return true;
  });
}

describe('trace: input checks', () => {
  it('rejects a date-time it cannot order, naming where it is', () => {
    const src: TraceSource = { ...everyGapSource, workItems: everyGapSource.workItems.map((w, i) => (i === 6 ? { ...w, changedDate: '01/11/2026' } : w)) };
    inputError(() => buildTraceabilityMatrix(src, everyGapOptions), /"01\/11\/2026" is not an ISO-8601 date-time/, '/workItems/6/changedDate');
    const local = { ...everyGapSource, testPoints: [{ ...everyGapSource.testPoints[0], lastResult: { ...everyGapSource.testPoints[0].lastResult!, completedDate: '2026-11-11T09:00:00' } }] };
    inputError(() => buildTraceabilityMatrix(local, everyGapOptions), /time zone/, '/testPoints/0/lastResult/completedDate');
    inputError(() => buildTraceabilityMatrix(everyGapSource, { ...everyGapOptions, generatedAt: 'now' }), /"now"/);
  });

  it('rejects a work item revision that is not an integer', () => {
    const src = { ...everyGapSource, workItems: everyGapSource.workItems.map((w, i) => (i === 0 ? { ...w, rev: Number.NaN } : w)) };
    inputError(() => buildTraceabilityMatrix(src, everyGapOptions), /revision NaN of work item 1 is not an integer/, '/workItems/0/rev');
  });

  it('rejects duplicated ids', () => {
    const src = { ...everyGapSource, builds: [...everyGapSource.builds, everyGapSource.builds[0]] };
    inputError(() => buildTraceabilityMatrix(src, everyGapOptions), /duplicate id 500 in builds/, '/builds/3/id');
  });

  it('rejects options that would decide nothing or everything', () => {
    inputError(() => buildTraceabilityMatrix(everyGapSource, { ...everyGapOptions, requirementTypes: [] }), /requirementTypes is empty/);
    inputError(() => buildTraceabilityMatrix(everyGapSource, { ...everyGapOptions, productionEnvironments: ['prod', ' '] }), /would match every environment/);
  });

  it('builds with the default options', () => {
    const m = buildTraceabilityMatrix(everyGapSource, { ...DEFAULT_TRACE_OPTIONS, generatedAt: '2026-11-20T08:00:00Z' });
    assert.equal(m.requirements.length, 9);
    assert.deepEqual(m.criteria.productionEnvironments, ['prod']);
  });
});

describe('trace: production environment matching', () => {
  it('matches case-insensitive substrings and regular expressions', () => {
    const isProd = productionMatcher(['prod', '^prd-[a-z]+$']);
    assert.equal(isProd('Production'), true);
    assert.equal(isProd('PROD-EU'), true);
    assert.equal(isProd('prd-weu'), true);
    assert.equal(isProd('prd-1'), false);
    assert.equal(isProd('Quality'), false);
  });

  it('treats an entry that is not a valid regex as a substring', () => {
    const isProd = productionMatcher(['prod(eu']);
    assert.equal(isProd('x-PROD(EU-y'), true);
    assert.equal(isProd('prodeu'), false);
  });

  it('an anchored pattern excludes pre-production, which the plain substring default does not', () => {
    assert.equal(productionMatcher(['prod'])('preprod'), true);
    assert.equal(productionMatcher(['^prod'])('preprod'), false);
  });
});

describe('trace: percentages and outcomes', () => {
  it('formats one decimal, rounding half up, from integers', () => {
    assert.equal(percentOneDecimal(0, 0), '0.0');
    assert.equal(percentOneDecimal(0, 5), '0.0');
    assert.equal(percentOneDecimal(1, 3), '33.3');
    assert.equal(percentOneDecimal(2, 3), '66.7');
    assert.equal(percentOneDecimal(1, 16), '6.3');
    assert.equal(percentOneDecimal(1, 8), '12.5');
    assert.equal(percentOneDecimal(7, 9), '77.8');
    assert.equal(percentOneDecimal(5, 5), '100.0');
    assert.equal(percentOneDecimal(1999, 2000), '100.0');
    assert.equal(percentOneDecimal(1998, 2000), '99.9');
  });

  it('normalizes outcome spellings and treats None as not run', () => {
    assert.equal(normalizeOutcome('passed'), 'Passed');
    assert.equal(normalizeOutcome('FAILED'), 'Failed');
    assert.equal(normalizeOutcome('notApplicable'), 'NotApplicable');
    assert.equal(normalizeOutcome('None'), 'NotRun');
    assert.equal(normalizeOutcome(undefined), 'NotRun');
    assert.equal(normalizeOutcome('unspecified'), 'NotRun');
    assert.equal(normalizeOutcome('SomethingNew'), 'SomethingNew');
  });

  it('counts Error, Timeout and Aborted results as failing', () => {
    for (const outcome of ['Error', 'Timeout', 'Aborted']) {
      const src: TraceSource = {
        ...everyGapSource,
        testPoints: everyGapSource.testPoints.map((p) => (p.id === 1006 ? { ...p, lastResult: { ...p.lastResult!, outcome } } : p)),
      };
      const r = buildTraceabilityMatrix(src, everyGapOptions).requirements.find((x) => x.id === 104)!;
      assert.deepEqual(r.gaps.map((g) => g.code), ['failing'], outcome);
      assert.match(r.gaps[0].detail, new RegExp(`Latest outcome ${outcome} on test case 203`));
    }
  });

  it('fails a requirement when any configuration fails, even if a later configuration passed', () => {
    const r = buildTraceabilityMatrix(everyGapSource, everyGapOptions).requirements.find((x) => x.id === 103)!;
    assert.deepEqual(r.gaps.map((g) => g.code), ['failing']);
    assert.match(r.gaps[0].detail, /configuration "Windows"/);
  });

  it('is not stale when the requirement changed exactly at or before the newest pass', () => {
    const src: TraceSource = {
      ...everyGapSource,
      workItems: everyGapSource.workItems.map((w) => (w.id === 105 ? { ...w, changedDate: '2026-10-01T00:00:00Z' } : w)),
    };
    const r = buildTraceabilityMatrix(src, everyGapOptions).requirements.find((x) => x.id === 105)!;
    assert.deepEqual(r.gaps.map((g) => g.code), ['not-deployed']);
  });

  it('compares instants, not strings, across time zone offsets', () => {
    const src: TraceSource = {
      ...everyGapSource,
      // 2026-10-01T01:00:00+02:00 is 2026-09-30T23:00Z, before the pass at 2026-10-01T00:00Z.
      workItems: everyGapSource.workItems.map((w) => (w.id === 105 ? { ...w, changedDate: '2026-10-01T01:00:00+02:00' } : w)),
    };
    const r = buildTraceabilityMatrix(src, everyGapOptions).requirements.find((x) => x.id === 105)!;
    assert.deepEqual(r.gaps.map((g) => g.code), ['not-deployed']);
  });
});

describe('trace: hasForbiddenGaps (release gate)', () => {
  const m = buildTraceabilityMatrix(everyGapSource, everyGapOptions);

  it('returns the requirements carrying any forbidden code', () => {
    assert.deepEqual(
      hasForbiddenGaps(m, ['released-untested', 'released-failing']).map((r) => r.id),
      [106, 107],
    );
    assert.deepEqual(
      hasForbiddenGaps(m, ['failing']).map((r) => r.id),
      [103, 107],
    );
    assert.deepEqual(hasForbiddenGaps(m, []), []);
  });

  it('refuses an unknown code instead of letting everything pass', () => {
    inputError(() => hasForbiddenGaps(m, ['failed' as GapCode]), /unknown gap code\(s\) failed/);
  });
});
