// SARIF and JUnit in pieces: a large scan's reports are longer than one JavaScript string may be, so they are
// written piece by piece, and the pieces joined must be the very bytes of the string renderers.

import assert from 'node:assert/strict';
import { toJUnit, toSarif, toSarifLog, writeJUnit, writeSarif } from '../../src/core/report';
import type { ScanReport } from '../../src/core/scan/types';
import { stableStringify } from '../../src/core/util/stable-json';
import { largeReport, sampleReport } from './sample';

function pieces(produce: (write: (chunk: string) => void) => void): string[] {
  const out: string[] = [];
  produce((chunk) => {
    assert.equal(typeof chunk, 'string');
    out.push(chunk);
  });
  return out;
}

describe('SARIF and JUnit in pieces', () => {
  const report = sampleReport();
  const empty: ScanReport = { ...report, findings: [] };
  const onlyPasses: ScanReport = { ...report, findings: report.findings.filter((f) => f.status === 'pass') };

  it('joins to exactly toSarif, which is the stable JSON of toSarifLog and a newline', () => {
    for (const r of [report, empty, onlyPasses, largeReport(3)]) {
      const joined = pieces((w) => writeSarif(r, w)).join('');
      assert.equal(joined, toSarif(r));
      assert.equal(joined, stableStringify(toSarifLog(r), 2) + '\n');
      JSON.parse(joined);
    }
  });

  it('joins to exactly toJUnit, grouped by file or by family', () => {
    for (const r of [report, empty, largeReport(3)]) {
      assert.equal(pieces((w) => writeJUnit(r, w)).join(''), toJUnit(r));
      assert.equal(pieces((w) => writeJUnit(r, w, 'family')).join(''), toJUnit(r, 'family'));
      assert.equal(pieces((w) => writeJUnit(r, w, 'file')).join(''), toJUnit(r));
    }
  });

  it('hands over one piece per result or testcase, none growing with the scan', () => {
    const small = largeReport(10);
    const large = largeReport(200);
    const nonPass = (r: ScanReport) => r.findings.filter((f) => f.status !== 'pass').length;
    const sizes = (r: ScanReport, produce: (r: ScanReport, w: (chunk: string) => void) => void) => pieces((w) => produce(r, w)).map((p) => p.length);
    for (const [format, produce, items] of [
      ['sarif', writeSarif, nonPass],
      ['junit', writeJUnit, (r: ScanReport) => r.findings.length],
    ] as const) {
      const smallSizes = sizes(small, produce);
      const largeSizes = sizes(large, produce);
      assert.ok(largeSizes.length >= items(large), `${format}: ${largeSizes.length} pieces for ${items(large)} results/testcases`);
      const total = largeSizes.reduce((a, b) => a + b, 0);
      const biggest = Math.max(...largeSizes);
      // The largest piece is the same size whether the scan has 10 or 200 copies of each finding (give or
      // take the digits of a larger copy number): no piece holds the whole report, or a suite, or all results.
      assert.ok(biggest <= Math.max(...smallSizes) + 64, `${format}: biggest piece ${biggest} vs ${Math.max(...smallSizes)} for a smaller scan`);
      assert.ok(biggest * 50 < total, `${format}: a piece of ${biggest} characters out of ${total}`);
    }
  });
});
