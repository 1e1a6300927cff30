// `controltrace scan` reads its inputs as the pipeline task's `templates` lines: `!` excludes.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useTempDir, write } from '../node/tmp';
import { assertNoStackTrace, runCli } from './run-cli';
import { WEAK_STORAGE, storageAccount, template } from './templates';

const AS_OF = ['--as-of', '2026-11-26'];
const PARAMETERS = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: {} });

describe('controltrace scan with exclusion patterns', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  it('scans what the inclusions match less what a `!` pattern excludes, and warns about an exclusion that excluded nothing', () => {
    write(tmp(), 'arm/noncompliant/main.json', template([WEAK_STORAGE]));
    write(tmp(), 'arm/noncompliant/params.dev.json', PARAMETERS);
    write(tmp(), 'arm/noncompliant/params.prod.json', PARAMETERS);
    const r = runCli(['scan', 'arm/noncompliant/*.json', '!arm/noncompliant/params.*.json', '!arm/compliant', '--out', 'out', ...AS_OF], tmp());
    assertNoStackTrace(r);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(fs.readFileSync(path.join(tmp(), 'out', 'results.json'), 'utf8'));
    assert.deepEqual(report.inputs.map((i: { file: string }) => i.file), ['arm/noncompliant/main.json']);
    assert.doesNotMatch(r.stderr, /params\.|matched no file/);
    assert.match(r.stderr, /^warning: !arm\/compliant: this exclusion excluded no file that the patterns before it matched$/m);
  });

  it('exits 2 with "no files matched" when every file is excluded', () => {
    write(tmp(), 'arm/main.json', template([storageAccount('stok', { minimumTlsVersion: 'TLS1_2' })]));
    const r = runCli(['scan', 'arm', '!arm/*.json', '--out', 'out', ...AS_OF], tmp());
    assertNoStackTrace(r);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no files matched 'arm', '!arm\/\*\.json' .*every file they matched was excluded by a '!' pattern/);
    assert.equal(fs.existsSync(path.join(tmp(), 'out')), false);
  });
});
