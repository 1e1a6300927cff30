// `controltrace scan .` writes its reports below the folder it scans (controltrace-results/ by default):
// the next run must not take the last run's results.json as one of its inputs.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useTempDir, write } from '../node/tmp';
import { assertNoStackTrace, runCli } from './run-cli';
import { WEAK_STORAGE, template } from './templates';

describe('controltrace scan of the folder it writes its reports into', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  it('gives the same inputs, notes and report bytes on the second run as on the first', () => {
    write(tmp(), 'main.json', template([WEAK_STORAGE]));
    const args = ['scan', '.', '--as-of', '2026-11-26', '--fail-on', 'none'];
    const read = () => Object.fromEntries(['results.json', 'controltrace.sarif', 'summary.md'].map((f) => [f, fs.readFileSync(path.join(tmp(), 'controltrace-results', f), 'utf8')]));
    const first = runCli(args, tmp());
    assert.equal(first.code, 0, first.stderr);
    const before = read();
    const second = runCli(args, tmp());
    assertNoStackTrace(second);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stderr, first.stderr);
    assert.deepEqual(JSON.parse(read()['results.json']!).inputs.map((i: { file: string }) => i.file), ['main.json']);
    assert.deepEqual(read(), before);
  });

  it('still scans a report file named literally', () => {
    write(tmp(), 'main.json', template([WEAK_STORAGE]));
    write(tmp(), 'out/results.json', '{}');
    const r = runCli(['scan', 'main.json', 'out/results.json', '--out', 'out', '--fail-on', 'none'], tmp());
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /out\/results\.json: not an ARM template/);
  });
});
