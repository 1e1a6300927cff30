import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { toJson, toJUnit, toMarkdown, toSarif } from '../../src/core/report';
import { writeReports } from '../../src/node';
import type { ScanReport } from '../../src/core/scan/types';
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

describe('writeReports when writing fails part-way', () => {
  const tmp = useTempDir();

  /** The report with one finding, late in the list, that throws when read: a renderer failing mid-file. */
  function failingLate(): ScanReport {
    const report = largeReport(600);
    const findings = [...report.findings];
    const last = findings.length - 1;
    findings[last] = new Proxy(findings[last]!, {
      get() {
        throw new Error('simulated failure while writing');
      },
    });
    return { ...report, findings };
  }

  it('leaves the reports of the previous run as they were, complete, and no temporary file', () => {
    const dir = path.join(tmp(), 'r');
    const before = writeReports(largeReport(3), dir, ['sarif', 'junit', 'md', 'json']);
    const bytes = Object.fromEntries(Object.entries(before).map(([f, file]) => [f, fs.readFileSync(file)]));
    assert.throws(() => writeReports(failingLate(), dir, ['sarif', 'junit', 'md', 'json']), /cannot write the \w+ report: simulated failure/);
    for (const [format, file] of Object.entries(before)) assert.ok(fs.readFileSync(file).equals(bytes[format]!), `${format} changed`);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['controltrace.junit.xml', 'controltrace.sarif', 'results.json', 'summary.md']);
  });

  it('writes no report at all on a first run that fails, and none when one name is taken by a folder', () => {
    const dir = path.join(tmp(), 'r');
    assert.throws(() => writeReports(failingLate(), dir, ['sarif', 'json']), /simulated failure/);
    assert.deepEqual(fs.readdirSync(dir), []);
    fs.mkdirSync(path.join(dir, 'summary.md'));
    assert.throws(() => writeReports(largeReport(3), dir, ['sarif', 'junit', 'md', 'json']), /cannot write the md report: a folder has its name/);
    assert.deepEqual(fs.readdirSync(dir), ['summary.md']);
  });
});
