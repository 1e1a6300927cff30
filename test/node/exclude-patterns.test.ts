// Patterns as Azure Pipelines file matching reads them: in order, `!` excludes what the patterns before it
// included (`!!` includes again), `#` starts a comment. The pipeline task and the CLI take the same list.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { expandPatterns } from '../../src/node/expand-patterns';
import { scanPaths } from '../../src/node';
import { storageAccount, template } from '../cli/templates';
import { relativePaths as rel, useTempDir, write, writeLinkedTemplates } from './tmp';

const AS_OF = '2026-11-26';

describe('expandPatterns: exclusions and comments', () => {
  const tmp = useTempDir();

  function arm(dir: string): void {
    write(dir, 'arm/noncompliant/main.json', '{}');
    write(dir, 'arm/noncompliant/params.dev.json', '{}');
    write(dir, 'arm/noncompliant/params.prod.json', '{}');
    write(dir, 'arm/legacy/old.json', '{}');
    write(dir, 'arm/legacy/keep.json', '{}');
  }

  it('a `!` pattern takes away what the patterns before it matched (glob, file or folder)', async () => {
    const dir = tmp();
    arm(dir);
    const cases: Array<[string[], string[]]> = [
      [['arm/noncompliant/*.json', '!arm/noncompliant/params.*.json'], ['arm/noncompliant/main.json']],
      [['arm', '!arm/noncompliant/params.dev.json', '!arm/legacy'], ['arm/noncompliant/main.json', 'arm/noncompliant/params.prod.json']],
      [['arm/**/*.json', '!arm/legacy/'], ['arm/noncompliant/main.json', 'arm/noncompliant/params.dev.json', 'arm/noncompliant/params.prod.json']],
      [['arm/**/*.json', '!**/params.*.json', '!arm/legacy/*.json'], ['arm/noncompliant/main.json']],
    ];
    for (const [patterns, expected] of cases) {
      const { files, unmatched, excludedNothing } = await expandPatterns(patterns, dir);
      assert.deepEqual(rel(dir, files), expected, patterns.join(' '));
      assert.deepEqual([unmatched, excludedNothing], [[], []], patterns.join(' '));
    }
  });

  it('applies the patterns in order: a later pattern includes again, an exclusion before the inclusion excludes nothing', async () => {
    const dir = tmp();
    arm(dir);
    const later = await expandPatterns(['arm', '!arm/legacy', 'arm/legacy/keep.json'], dir);
    assert.deepEqual(rel(dir, later.files), ['arm/legacy/keep.json', 'arm/noncompliant/main.json', 'arm/noncompliant/params.dev.json', 'arm/noncompliant/params.prod.json']);
    const early = await expandPatterns(['!arm/legacy', 'arm/legacy'], dir);
    assert.deepEqual(rel(dir, early.files), ['arm/legacy/keep.json', 'arm/legacy/old.json']);
    assert.deepEqual(early.excludedNothing, ['!arm/legacy']);
  });

  it('`!!` includes, `!!!` excludes, as each leading `!` flips the meaning', async () => {
    const dir = tmp();
    arm(dir);
    const { files } = await expandPatterns(['arm/legacy', '!!arm/noncompliant/main.json', '!!!arm/legacy/old.json'], dir);
    assert.deepEqual(rel(dir, files), ['arm/legacy/keep.json', 'arm/noncompliant/main.json']);
  });

  it('an exclusion that takes away nothing is reported, with its `!`, like a pattern that matched nothing', async () => {
    const dir = tmp();
    arm(dir);
    const { files, unmatched, excludedNothing } = await expandPatterns(['arm/legacy', '!arm/noncompliant/main.json', '!arm/legacy/*.bicep', '!', 'nothing/*.json'], dir);
    assert.deepEqual(rel(dir, files), ['arm/legacy/keep.json', 'arm/legacy/old.json']);
    assert.deepEqual(unmatched, ['nothing/*.json']);
    assert.deepEqual(excludedNothing, ['!arm/noncompliant/main.json', '!arm/legacy/*.bicep', '!']);
  });

  it('excludes a symbolic link by its own path, and its target stays unless excluded too', async () => {
    const dir = tmp();
    writeLinkedTemplates(dir);
    const link = await expandPatterns(['infra', 'shared', '!infra/storage.json'], dir);
    assert.deepEqual(rel(dir, link.files), ['infra/main.json', 'shared/storage.json']);
    // The link stood in for its target only while the target was scanned anyway.
    const target = await expandPatterns(['infra/*.json', '!infra/main.json'], dir);
    assert.deepEqual(rel(dir, target.files), ['infra/main-again.json', 'infra/storage.json']);
  });

  it('an excluded path that could not be scanned (a dangling link in a folder) is not reported', async () => {
    const dir = tmp();
    write(dir, 'infra/main.json', '{}');
    fs.symlinkSync(path.join(dir, 'infra/gone.json'), path.join(dir, 'infra/dangling.json'));
    const { files, skipped, excludedNothing } = await expandPatterns(['infra', '!infra/dangling.json'], dir);
    assert.deepEqual(rel(dir, files), ['infra/main.json']);
    assert.deepEqual([skipped, excludedNothing], [[], []]);
  });

  it('an exclusion glob also matches names starting with `.` (Azure Pipelines matches them), as a file named literally may', async () => {
    const dir = tmp();
    write(dir, '.ci/main.json', '{}');
    write(dir, 'main.json', '{}');
    const { files, excludedNothing } = await expandPatterns(['.ci/main.json', 'main.json', '!**/main.json'], dir);
    assert.deepEqual([files, excludedNothing], [[], []]);
  });

  it('a line starting with `#` is a comment; `./#name` names a file that starts with `#` (or `!`)', async () => {
    const dir = tmp();
    write(dir, '#draft.json', '{}');
    write(dir, '!old.json', '{}');
    write(dir, 'main.json', '{}');
    const { files, unmatched, skipped } = await expandPatterns(['# the production templates', 'main.json', './#draft.json', './!old.json'], dir);
    assert.deepEqual(rel(dir, files), ['!old.json', '#draft.json', 'main.json']);
    assert.deepEqual([unmatched, skipped], [[], []]);
  });
});

describe('scanPaths with exclusions', () => {
  const tmp = useTempDir();

  it('does not scan the excluded parameters files and warns about an exclusion that excluded nothing', async () => {
    const dir = tmp();
    write(dir, 'arm/noncompliant/main.json', template([storageAccount('stmain', { minimumTlsVersion: 'TLS1_0' })]));
    write(dir, 'arm/noncompliant/params.dev.json', '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0", "parameters": {}}');
    const report = await scanPaths({ patterns: ['arm/noncompliant/*.json', '!arm/noncompliant/params.*.json', '!arm/other.json'], cwd: dir, asOf: AS_OF });
    assert.deepEqual(report.inputs.map((i) => i.file), ['arm/noncompliant/main.json']);
    assert.deepEqual(
      report.notes.map((n) => [n.level, n.file, n.message]),
      [['warning', '!arm/other.json', 'this exclusion excluded no file that the patterns before it matched']],
    );
  });

  it('every file excluded is the "no files matched" usage error, saying they were excluded', async () => {
    const dir = tmp();
    write(dir, 'arm/main.json', template([storageAccount('stmain', {})]));
    await assert.rejects(scanPaths({ patterns: ['arm', '!arm/*.json'], cwd: dir, asOf: AS_OF }), (e: Error) => {
      assert.equal(e.constructor.name, 'InputError');
      assert.match(e.message, /^no files matched 'arm', '!arm\/\*\.json' in .* \(every file they matched was excluded by a '!' pattern\)$/);
      return true;
    });
  });

  // On Windows `\` separates folders as `/` does; elsewhere it is an escape and the path matches nothing.
  const posixOnly = process.platform === 'win32' ? it.skip : it;

  posixOnly('a Windows path (backslashes, no `/`) that matched nothing is told that patterns use `/`, not read as one', async () => {
    const dir = tmp();
    write(dir, 'arm/noncompliant/main.json', template([storageAccount('stmain', {})]));
    write(dir, 'other.json', template([storageAccount('stother', {})]));
    const windows = 'arm\\noncompliant\\main.json';
    await assert.rejects(scanPaths({ patterns: [windows], cwd: dir, asOf: AS_OF }), (e: Error) => {
      assert.equal(e.constructor.name, 'InputError');
      assert.match(e.message, /patterns use '\/' between folders .*'arm\/noncompliant\/main\.json'/);
      return true;
    });
    const report = await scanPaths({ patterns: ['other.json', windows], cwd: dir, asOf: AS_OF });
    assert.deepEqual(report.inputs.map((i) => i.file), ['other.json']);
    const note = report.notes.find((n) => n.file === windows);
    assert.match(note?.message ?? '', /^this pattern matched no file; patterns use '\/' between folders/);
    const exclusion = await scanPaths({ patterns: ['arm', 'other.json', '!arm\\noncompliant\\main.json'], cwd: dir, asOf: AS_OF });
    assert.deepEqual(exclusion.inputs.map((i) => i.file), ['arm/noncompliant/main.json', 'other.json']);
    assert.match(exclusion.notes.find((n) => n.file.startsWith('!'))?.message ?? '', /^this exclusion excluded no file .*; patterns use '\/' between folders .*'!arm\/noncompliant\/main\.json'/);
  });

  it('exclusions alone are the "no files matched" error, saying an exclusion only takes away what was matched before it', async () => {
    const dir = tmp();
    write(dir, 'main.json', template([storageAccount('stmain', {})]));
    await assert.rejects(scanPaths({ patterns: ['# templates', '!params.json'], cwd: dir, asOf: AS_OF }), /no files matched .* \(a '!' pattern only excludes what the patterns before it matched: name the files to scan first\)$/);
  });

  it('a list of comments only is the "no files matched" error, saying `#` makes a comment', async () => {
    const dir = tmp();
    write(dir, '#main.json', template([storageAccount('stmain', {})]));
    await assert.rejects(scanPaths({ patterns: ['#main.json'], cwd: dir, asOf: AS_OF }), /no files matched '#main\.json' .*starts with '#', which makes it a comment .*'\.\/#name'/);
  });
});
