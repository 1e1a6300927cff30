// What the patterns give the scan when the file system is not plain files: links, loops, missing names,
// pipes. Nothing may be dropped without a note, and nothing may end in an internal error.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expandPatterns } from '../../src/node/expand-patterns';
import { scanPaths } from '../../src/node';
import { storageAccount, template } from '../cli/templates';
import { relativePaths as rel, useTempDir, write, writeLinkedTemplates } from './tmp';

const AS_OF = '2026-11-26';

describe('expandPatterns and the file system', () => {
  const tmp = useTempDir();

  it('scans a symbolic link to a template found in a folder or by a glob, once even next to its target', async () => {
    const dir = tmp();
    writeLinkedTemplates(dir);
    for (const pattern of ['infra', 'infra/*.json']) {
      const { files, skipped } = await expandPatterns([pattern], dir);
      assert.deepEqual(rel(dir, files), ['infra/main.json', 'infra/storage.json'], pattern);
      assert.deepEqual(skipped, []);
    }
  });

  it('notes a dangling or looping link found in a folder instead of dropping it silently', async () => {
    const dir = tmp();
    write(dir, 'infra/main.json', '{}');
    fs.symlinkSync(path.join(dir, 'infra/gone.json'), path.join(dir, 'infra/dangling.json'));
    fs.symlinkSync(path.join(dir, 'infra/loop2.json'), path.join(dir, 'infra/loop1.json'));
    fs.symlinkSync(path.join(dir, 'infra/loop1.json'), path.join(dir, 'infra/loop2.json'));
    const { files, skipped } = await expandPatterns(['infra'], dir);
    assert.deepEqual(rel(dir, files), ['infra/main.json']);
    assert.deepEqual(
      skipped.map((s) => [path.basename(s.path), s.level, /loop/.test(s.reason) ? 'loop' : /does not exist/.test(s.reason) ? 'missing' : s.reason]),
      [
        ['dangling.json', 'warning', 'missing'],
        ['loop1.json', 'warning', 'loop'],
        ['loop2.json', 'warning', 'loop'],
      ],
    );
  });

  it('a file named literally that cannot be scanned (missing, a link loop, a pipe) is an error, the other files still scanned', async () => {
    const dir = tmp();
    write(dir, 'good.json', template([storageAccount('stgood', { minimumTlsVersion: 'TLS1_0' })]));
    fs.symlinkSync(path.join(dir, 'b.json'), path.join(dir, 'a.json'));
    fs.symlinkSync(path.join(dir, 'a.json'), path.join(dir, 'b.json'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    const report = await scanPaths({ patterns: ['good.json', 'a.json', 'missing.json', 'pipe.json', 'other/*.json'], cwd: dir, asOf: AS_OF });
    assert.equal(report.complete, false);
    assert.deepEqual(
      report.notes.map((n) => [n.file, n.level]),
      [
        ['a.json', 'error'],
        ['missing.json', 'error'],
        ['other/*.json', 'warning'],
        ['pipe.json', 'error'],
      ],
    );
    assert.match(report.notes[0]!.message, /loop of symbolic links/);
    assert.ok(report.findings.some((f) => f.resourceName === 'stgood' && f.status === 'fail'));
  });

  it('a link loop as the only input is a usage error naming it, not an internal error', async () => {
    const dir = tmp();
    fs.symlinkSync(path.join(dir, 'b.json'), path.join(dir, 'a.json'));
    fs.symlinkSync(path.join(dir, 'a.json'), path.join(dir, 'b.json'));
    await assert.rejects(scanPaths({ patterns: ['a.json'], cwd: dir, asOf: AS_OF }), (e: Error & { name: string }) => {
      assert.match(e.message, /no files matched 'a\.json'.*a\.json cannot be read: a loop of symbolic links/);
      return e.constructor.name === 'InputError';
    });
  });
});
