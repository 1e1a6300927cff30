import assert from 'node:assert/strict';
import type { Finding } from '../../src/core/model';
import { compareFindings, sortFindings } from '../../src/core/scan/order';

/** Small deterministic generator, so a failure names its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function findingsOf(seed: number, files: string[], count: number): Finding[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const out: Finding[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      controlId: pick(['ISRM.A', 'ISRM.B', 'ISRM.C']),
      title: 't',
      severity: 'high',
      family: 'governance',
      status: pick(['pass', 'fail', 'unknown', 'suppressed'] as const),
      resourceType: 'T',
      resourceName: 'n',
      resourceId: pick(['/x/a', '/x/b']),
      propertyPath: pick(['p', 'q']),
      actual: i,
      expected: 'e',
      message: pick(['m1', 'm2']),
      location: { file: pick(files), line: 1 + Math.floor(next() * 5), pointer: pick(['/resources/0', '/resources/1']) },
    });
  }
  return out;
}

describe('sortFindings', () => {
  it('gives the order of one stable sort by compareFindings, with findings in file runs or in any order', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const files = ['a.json', 'b.json', 'c/d.json', 'B.json'].slice(0, 1 + (seed % 4));
      const all = findingsOf(seed, files, seed % 50);
      // Now and then a line far from the others (counting by line would need too many slots) or not a whole number.
      if (seed % 7 === 0 && all.length > 0) all[0]!.location.line = 10_000_000;
      if (seed % 11 === 0 && all.length > 1) all[1]!.location.line = 2.5;
      // As a scan makes them: file after file in file order, each file's findings in any order.
      const runs = [...all].sort((x, y) => (x.location.file < y.location.file ? -1 : x.location.file > y.location.file ? 1 : 0));
      for (const given of [all, runs]) {
        const expected = [...given].sort(compareFindings);
        const sorted = sortFindings([...given]);
        assert.equal(sorted.length, expected.length);
        sorted.forEach((f, i) => assert.equal(f, expected[i], `seed ${seed}, position ${i}`));
      }
    }
  });
});
