import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  buildTraceabilityMatrix,
  gapCodes,
  hasForbiddenGaps,
  renderCoverageSummary,
  renderCsv,
  renderHtml,
  renderMarkdown,
  serializeMatrix,
  type TraceabilityMatrix,
  type TraceOptions,
  type TraceSource,
} from '../../src/core/trace';
import { hasVerdict, isFailingOutcome, isPassingOutcome } from '../../src/core/trace/outcomes';
import { percentOneDecimal } from '../../src/core/trace/percent';
import { MATRIX_COLUMNS } from '../../src/core/trace/render/table-rows';
import { renderXlsx } from '../../src/core/trace/render/xlsx';
import { traceOptions, traceSource } from './support/arbitrary-source';
import { unexpectedMarkup } from './support/html-markup';
import { parseCsv } from './support/parse-csv';
import { schemaErrors } from './support/schema';

const RUNS = { numRuns: Number(process.env.TRACE_PROPERTY_RUNS ?? 150) };

function property(name: string, check: (m: TraceabilityMatrix, source: TraceSource, options: TraceOptions) => void): void {
  it(name, () => {
    fc.assert(
      fc.property(traceSource, traceOptions, (source, options) => {
        check(buildTraceabilityMatrix(source, options), source, options);
      }),
      RUNS,
    );
  });
}

function codes(r: TraceabilityMatrix['requirements'][number]): string[] {
  return r.gaps.map((g) => g.code);
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('trace: properties over random sources', () => {
  it('the generator reaches every gap code, links both ways and dangling links (so the properties are exercised)', () => {
    const seen = new Set<string>();
    let both = 0;
    let dangling = 0;
    for (const [source, options] of fc.sample(fc.tuple(traceSource, traceOptions), { numRuns: 400, seed: 20261126 })) {
      const m = buildTraceabilityMatrix(source, options);
      dangling += m.summary.danglingLinks;
      for (const r of m.requirements) {
        for (const g of r.gaps) seen.add(g.code);
        both += r.tests.filter((t) => t.linkedBy.length === 2).length;
      }
    }
    assert.deepEqual(gapCodes.filter((c) => !seen.has(c)), []);
    assert.ok(both > 0 && dangling > 0);
  });

  property('every non-Removed requirement-type work item appears exactly once, sorted, and nothing else', (m, source, options) => {
    const types = new Set(options.requirementTypes.map((t) => t.toLowerCase()));
    const expected = source.workItems
      .filter((w) => types.has(w.type.toLowerCase()) && w.state !== 'Removed')
      .map((w) => w.id)
      .sort((a, b) => a - b);
    assert.deepEqual(
      m.requirements.map((r) => r.id),
      expected,
    );
  });

  property('untested ⇔ no test cases; failing and blocked never both; gaps unique and in the fixed order', (m) => {
    for (const r of m.requirements) {
      const c = codes(r);
      assert.equal(c.includes('untested'), r.tests.length === 0);
      assert.ok(!(c.includes('failing') && c.includes('blocked')));
      const order = c.map((x) => gapCodes.indexOf(x as (typeof gapCodes)[number]));
      assert.deepEqual(order, [...new Set(order)].sort((a, b) => a - b));
      assert.ok(order.every((i) => i >= 0));
    }
  });

  property('gap rules agree with the rows they are computed from', (m) => {
    for (const r of m.requirements) {
      const c = codes(r);
      const outcomes = r.tests.flatMap((t) => t.points.map((p) => p.outcome));
      assert.equal(c.includes('failing'), outcomes.some(isFailingOutcome));
      assert.equal(c.includes('blocked'), !outcomes.some(isFailingOutcome) && outcomes.includes('Blocked'));
      assert.equal(c.includes('never-run'), r.tests.length > 0 && !outcomes.some(hasVerdict));
      if (c.includes('stale')) assert.ok(outcomes.some(isPassingOutcome));
      assert.equal(c.includes('released-untested'), r.released && r.tests.length === 0);
      assert.equal(c.includes('released-failing'), r.released && c.includes('failing'));
      if (c.includes('not-deployed')) assert.equal(r.released, false);
      assert.equal(r.released, r.deployments.some((d) => d.production && d.result === 'succeeded'));
    }
  });

  property('test cases are unique and sorted, linked at least one way, points sorted', (m) => {
    for (const r of m.requirements) {
      const ids = r.tests.map((t) => t.id);
      assert.deepEqual(ids, [...new Set(ids)].sort((a, b) => a - b));
      for (const t of r.tests) {
        assert.ok(t.linkedBy.length >= 1 && new Set(t.linkedBy).size === t.linkedBy.length);
        const keys = t.points.map((p) => [p.planId, p.suiteId]);
        for (let i = 1; i < keys.length; i++) assert.ok(keys[i - 1][0] < keys[i][0] || (keys[i - 1][0] === keys[i][0] && keys[i - 1][1] <= keys[i][1]));
      }
      assert.ok(r.ancestors.every((a) => a.id !== r.id));
      assert.equal(new Set(r.ancestors.map((a) => a.id)).size, r.ancestors.length, 'no ancestor repeats, even with cycles');
    }
  });

  property('the summary adds up', (m) => {
    const s = m.summary;
    assert.equal(s.requirements, m.requirements.length);
    for (const code of gapCodes) assert.equal(s.gaps[code], m.requirements.filter((r) => codes(r).includes(code)).length);
    assert.equal(s.withTests, m.requirements.filter((r) => r.tests.length > 0).length);
    assert.equal(s.coveragePercent, percentOneDecimal(s.withTests, s.requirements));
    assert.ok(s.withAllTestsPassing <= s.withPassingTests && s.withPassingTests <= s.withTests);
    assert.equal(s.epics.reduce((n, e) => n + e.requirements, 0), s.requirements);
    assert.ok(s.danglingLinks >= 0);
  });

  property('every matrix validates against traceability.schema.json', (m) => {
    assert.equal(schemaErrors(JSON.parse(serializeMatrix(m))), '');
  });

  property('the gate returns exactly the requirements with gaps when every code is forbidden', (m) => {
    assert.deepEqual(
      hasForbiddenGaps(m, [...gapCodes]).map((r) => r.id),
      m.requirements.filter((r) => r.gaps.length > 0).map((r) => r.id),
    );
  });

  it('output is deterministic and independent of the order of the source records', () => {
    fc.assert(
      fc.property(traceSource, traceOptions, fc.integer(), (source, options, seed) => {
        const a = serializeMatrix(buildTraceabilityMatrix(source, options));
        assert.equal(serializeMatrix(buildTraceabilityMatrix(source, options)), a);
        const shuffled: TraceSource = {
          ...source,
          workItems: shuffle(source.workItems, seed).map((w) => ({ ...w, relations: shuffle(w.relations, seed + 1) })),
          testSuites: shuffle(source.testSuites, seed + 2),
          testPoints: shuffle(source.testPoints, seed + 3),
          builds: shuffle(source.builds, seed + 4).map((b) => ({ ...b, workItemIds: shuffle(b.workItemIds, seed + 5) })),
          deployments: shuffle(source.deployments, seed + 6),
        };
        assert.equal(serializeMatrix(buildTraceabilityMatrix(shuffled, options)), a);
      }),
      RUNS,
    );
  });

  property('Markdown table rows keep their column count whatever the titles contain', (m) => {
    // Cells as GitHub's table extension splits them: a backslash escapes the next character, `|` separates.
    const cellCount = (line: string) => (line.match(/(?:\\.|[^|\\])+|(?<=\|)(?=\|)/g) ?? []).length;
    const lines = renderMarkdown(m).split('\n');
    const gapHeader = lines.indexOf('| ID | Type | Title | State | Gap | Detail |');
    if (m.requirements.some((r) => r.gaps.length > 0)) {
      assert.ok(gapHeader > 0);
      const rows = lines.slice(gapHeader + 2).filter((l) => l.startsWith('| '));
      assert.equal(rows.length, m.requirements.reduce((n, r) => n + r.gaps.length, 0));
      for (const row of rows) assert.equal(cellCount(row.slice(1, -1)), 6, row);
    }
  });

  it('XLSX bytes are identical across two renderings of the same random matrix', async () => {
    await fc.assert(
      fc.asyncProperty(traceSource, traceOptions, async (source, options) => {
        const m = buildTraceabilityMatrix(source, options);
        const [a, b] = [await renderXlsx(m), await renderXlsx(buildTraceabilityMatrix(source, options))];
        assert.ok(Buffer.from(a).equals(Buffer.from(b)));
      }),
      { numRuns: 15 },
    );
  });

  property('HTML and Markdown never contain live markup; CSV parses strictly and is formula-safe', (m) => {
    const html = renderHtml(m);
    assert.doesNotMatch(html, /<script/i);
    assert.deepEqual(unexpectedMarkup(html), []);
    const md = renderMarkdown(m);
    assert.doesNotMatch(md, /<[a-zA-Z/!?]/);
    const rows = parseCsv(renderCsv(m));
    assert.ok(rows.length >= m.requirements.length + 1);
    for (const row of rows) {
      assert.equal(row.length, MATRIX_COLUMNS.length);
      for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
    }
    const summary = renderCoverageSummary(m);
    assert.doesNotMatch(summary, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    assert.doesNotMatch(summary, /##/);
  });
});
