// Hostile and broken inputs through the Node layer: each ends as a clear note or InputError, never a crash,
// and never hides the results of the other files.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { isInputError } from '../../src/core/errors';
import { scanPaths, writeReports } from '../../src/node';
import { storageAccount, template } from '../cli/templates';
import { useTempDir, write, writeSparse } from './tmp';

const AS_OF = '2026-11-26';

describe('scanPaths on bad input', function () {
  this.timeout(60_000);
  const tmp = useTempDir();

  const cases: { title: string; content: string; level: 'error' | 'warning' | 'info'; message: RegExp; complete: boolean }[] = [
    { title: 'an unknown template function', content: template([storageAccount("[bogusFn('x')]", {})]), level: 'error', message: /bogusFn/, complete: false },
    {
      title: 'a copy loop of a billion',
      content: template([{ ...storageAccount("[concat('st', copyIndex())]", {}), copy: { name: 'n', count: 1_000_000_000 } }]),
      level: 'error',
      message: /1000000000|limit/,
      complete: false,
    },
    { title: 'a JSON file that is not a template', content: '{"compilerOptions": {}}', level: 'warning', message: /not an ARM template/, complete: true },
    {
      title: 'an unknown resource type',
      content: template([{ type: 'Contoso.Things/widgets', apiVersion: '2024-01-01', name: 'w', properties: {} }]),
      level: 'info',
      message: /no control covers resource type Contoso\.Things\/widgets/,
      complete: true,
    },
    { title: 'malformed JSON', content: '{"resources": [}', level: 'error', message: /invalid JSON/, complete: false },
  ];

  for (const c of cases) {
    it(`${c.title}: a ${c.level} note naming the file, the good file still scanned`, async () => {
      write(tmp(), 'bad.json', c.content);
      write(tmp(), 'good.json', template([storageAccount('stgood', { minimumTlsVersion: 'TLS1_0' })]));
      const report = await scanPaths({ patterns: ['bad.json', 'good.json'], cwd: tmp(), asOf: AS_OF });
      const note = report.notes.find((n) => n.file === 'bad.json' && n.level === c.level);
      assert.ok(note, JSON.stringify(report.notes));
      assert.match(note.message, c.message);
      assert.equal(report.complete, c.complete);
      assert.ok(report.findings.some((f) => f.resourceName === 'stgood' && f.status === 'fail'));
    });
  }
});

describe('scanPaths on a template that cannot be read at all', function () {
  this.timeout(60_000);
  const tmp = useTempDir();
  const LIMIT = 'file is 200 MB, over the 100 MB limit for one input; split it into smaller files';

  it('a template over the size limit: an error note naming the file, never read, the other files still scanned', async () => {
    writeSparse(tmp(), 'a-huge.json', 200 * 1024 * 1024);
    write(tmp(), 'b-good.json', template([storageAccount('stgood', { minimumTlsVersion: 'TLS1_0' })]));
    const before = process.memoryUsage().arrayBuffers;
    const report = await scanPaths({ patterns: ['.'], cwd: tmp(), asOf: AS_OF });
    assert.ok(process.memoryUsage().arrayBuffers - before < 50 * 1024 * 1024, 'the file was not read into memory');
    assert.deepEqual(report.notes.filter((n) => n.level === 'error'), [{ level: 'error', file: 'a-huge.json', message: LIMIT }]);
    assert.equal(report.complete, false);
    assert.ok(report.findings.some((f) => f.resourceName === 'stgood' && f.status === 'fail'));
    // Every input listed carries the SHA-256 of the bytes scanned: a file never read has none, so it is named
    // by its note (and its JUnit input case), not listed with a made-up hash.
    assert.deepEqual(report.inputs.map((i) => i.file), ['b-good.json']);
  });

  it('every report says the scan is incomplete and names the file and the reason', async () => {
    writeSparse(tmp(), 'huge.json', 200 * 1024 * 1024);
    write(tmp(), 'good.json', template([storageAccount('stgood', { minimumTlsVersion: 'TLS1_0' })]));
    const report = await scanPaths({ patterns: ['huge.json', 'good.json'], cwd: tmp(), asOf: AS_OF, failOn: 'low' });
    const out = path.join(tmp(), 'out');
    writeReports(report, out, ['json', 'sarif', 'junit', 'md']);
    const read = (name: string) => fs.readFileSync(path.join(out, name), 'utf8');
    const json = JSON.parse(read('results.json'));
    assert.equal(json.complete, false);
    assert.ok(json.notes.some((n: { level: string; file: string; message: string }) => n.level === 'error' && n.file === 'huge.json' && n.message === LIMIT));
    const run = JSON.parse(read('controltrace.sarif')).runs[0];
    assert.equal(run.invocations[0].executionSuccessful, false);
    assert.ok(JSON.stringify(run.invocations[0].toolExecutionNotifications).includes('huge.json'));
    assert.ok(JSON.stringify(run.invocations[0].toolExecutionNotifications).includes(LIMIT));
    assert.ok(!JSON.stringify(run.artifacts).includes('huge.json'));
    assert.match(read('controltrace.junit.xml'), /<testcase classname="ControlTrace\.Input" name="huge\.json" time="0">\s*<error message="file is 200 MB, over the 100 MB limit/);
    const md = read('summary.md');
    assert.match(md, /Incomplete scan/);
    assert.match(md, /huge\.json.*over the 100 MB limit/);
    assert.match(md, /stgood/);
  });

  // Reports of a scan that read nothing would hold no result, only the reasons: those are the error itself.
  it('no template could be read at all: an InputError naming each file and its reason, as when no file matched', async () => {
    writeSparse(tmp(), 'huge.json', 200 * 1024 * 1024);
    await assert.rejects(scanPaths({ patterns: ['huge.json'], cwd: tmp(), asOf: AS_OF }), (e) => {
      assert.ok(isInputError(e));
      assert.equal(e.message, `huge.json: ${LIMIT}`);
      return true;
    });
    writeSparse(tmp(), 'huge2.json', 200 * 1024 * 1024);
    await assert.rejects(scanPaths({ patterns: ['.'], cwd: tmp(), asOf: AS_OF }), (e) => {
      assert.ok(isInputError(e));
      assert.equal(e.message, `none of the 2 files given could be read: huge.json: ${LIMIT}; huge2.json: ${LIMIT}`);
      return true;
    });
  });
});
