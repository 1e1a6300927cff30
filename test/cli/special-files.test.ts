// Inputs that are not plain files, as a user passes them on the command line: the scan must answer with an
// error naming the file, never block or crash.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { useTempDir, write } from '../node/tmp';
import { assertNoStackTrace, runCli } from './run-cli';
import { WEAK_STORAGE, template } from './templates';

/** Far above what the CLI needs to refuse a file, far below "forever": a hang shows as a killed run (code null). */
const HANG_MS = 30_000;

describe('controltrace scan: special files', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  it('--out where mkdir answers "no such file" under a folder that exists (/proc) is refused, not retried forever', function () {
    if (!fs.existsSync('/proc/self')) this.skip();
    write(tmp(), 'main.json', template([WEAK_STORAGE]));
    const r = runCli(['scan', 'main.json', '--out', '/proc/controltrace-out/reports'], tmp(), HANG_MS);
    assertNoStackTrace(r);
    assert.equal(r.code, 2, `exit ${r.code}: ${r.stderr}`);
    assert.match(r.stderr, /^controltrace: error: \/proc\/controltrace-out\/reports: cannot create the output folder: ENOENT/m);
  });

  for (const option of ['--config', '--parameters']) {
    it(`${option} naming a named pipe with no writer is refused, not waited on forever`, () => {
      write(tmp(), 'main.json', template([WEAK_STORAGE]));
      const fifo = option === '--config' ? 'controltrace.yml' : 'params.json';
      execFileSync('mkfifo', [path.join(tmp(), fifo)]);
      const r = runCli(['scan', 'main.json', option, fifo, '--out', 'out'], tmp(), HANG_MS);
      assertNoStackTrace(r);
      assert.equal(r.code, 2, `exit ${r.code}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`^controltrace: error: ${fifo.replace('.', '\\.')}: .*not a regular file`, 'm'));
    });
  }
});
