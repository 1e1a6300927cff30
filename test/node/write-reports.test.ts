import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { toJson, toJUnit, toMarkdown, toSarif } from '../../src/core/report';
import { writeReports } from '../../src/node';
import { largeReport } from '../report/sample';
import { useTempDir } from './tmp';

describe('writeReports in pieces', () => {
  const tmp = useTempDir();

  it('writes SARIF, JUnit and JSON piece by piece with the same bytes as the string renderers, over several buffer flushes', () => {
    const report = largeReport(600);
    const files = writeReports(report, path.join(tmp(), 'r'), ['sarif', 'junit', 'md', 'json']);
    const expected = { sarif: toSarif(report), junit: toJUnit(report), md: toMarkdown(report), json: toJson(report) };
    for (const [format, text] of Object.entries(expected)) {
      const bytes = fs.readFileSync(files[format]!);
      assert.ok(bytes.equals(Buffer.from(text, 'utf8')), `${format} differs`);
    }
    // More than the 1 MiB gathered before each write: the pieces span several writes.
    assert.ok(expected.sarif.length > 2 << 20, `SARIF of ${expected.sarif.length} characters`);
    assert.ok(expected.junit.length > 1 << 20, `JUnit of ${expected.junit.length} characters`);
  });

  it('truncates a longer file already there', () => {
    const dir = path.join(tmp(), 'r');
    writeReports(largeReport(20), dir, ['sarif', 'junit']);
    const report = largeReport(1);
    const files = writeReports(report, dir, ['sarif', 'junit']);
    assert.equal(fs.readFileSync(files.sarif!, 'utf8'), toSarif(report));
    assert.equal(fs.readFileSync(files.junit!, 'utf8'), toJUnit(report));
  });
});
