// A folder the scan reaches but may not list, or a template it may not read: inputs the scan misses, so the
// scan must say so (INCOMPLETE, naming them), and still report the rest rather than lose it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { useTempDir, write } from '../node/tmp';
import { BIN, runCli, type CliResult } from './run-cli';
import { WEAK_STORAGE, template } from './templates';

let probed: { prefix: string[] | undefined } | undefined;

/**
 * Root lists any folder whatever its mode: the CLI then runs as nobody, where setpriv can make it so and
 * nobody can reach the checkout (a clone under /root cannot be read by nobody: the tests are skipped there).
 */
function unprivileged(): string[] | undefined {
  if (process.getuid?.() !== 0) return [];
  if (probed === undefined) {
    const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
    const prefix = setpriv === undefined ? undefined : [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups'];
    const works = prefix !== undefined && spawnSync(prefix[0]!, [...prefix.slice(1), process.execPath, BIN, '--version'], { encoding: 'utf8', timeout: 60_000 }).status === 0;
    probed = { prefix: works ? prefix : undefined };
  }
  return probed.prefix;
}

describe('controltrace CLI on a folder it may not list or a file it may not read', function () {
  this.timeout(120_000);
  let locked = '';
  // Before the temporary folder's own clean-up (hooks run in the order they were added), which a user
  // other than root could not do inside a folder of mode 000.
  afterEach(() => {
    if (locked) fs.chmodSync(locked, 0o755);
    locked = '';
  });
  const tmp = useTempDir();

  function run(args: string[]): CliResult {
    return runCli(args, tmp(), undefined, unprivileged()!);
  }

  function lock(rel: string): void {
    fs.chmodSync(tmp(), 0o777);
    write(tmp(), `${rel}/secret.json`, template([WEAK_STORAGE]));
    locked = path.join(tmp(), rel);
    fs.chmodSync(locked, 0o000);
  }

  it('a subfolder of a scanned folder that cannot be listed: an error naming it, INCOMPLETE, the rest still scanned', function () {
    if (unprivileged() === undefined) this.skip();
    write(tmp(), 'infra/main.json', template([WEAK_STORAGE]));
    lock('infra/locked');
    const r = run(['scan', 'infra', 'infra/**/*.json', '--out', 'out', '--fail-on', 'none', '--as-of', '2026-11-26']);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    const report = JSON.parse(fs.readFileSync(path.join(tmp(), 'out', 'results.json'), 'utf8'));
    assert.equal(report.complete, false);
    assert.deepEqual(
      report.notes.filter((n: { level: string }) => n.level === 'error'),
      [{ level: 'error', file: 'infra/locked', message: 'is a folder that cannot be read (permission denied): the files in it were not scanned' }],
    );
    assert.deepEqual(report.inputs.map((i: { file: string }) => i.file), ['infra/main.json']);
  });

  it('a folder excluded with ! is not one the scan misses', function () {
    if (unprivileged() === undefined) this.skip();
    write(tmp(), 'infra/main.json', template([WEAK_STORAGE]));
    lock('infra/locked');
    const r = run(['scan', 'infra', '!infra/locked', '--out', 'out', '--fail-on', 'none', '--as-of', '2026-11-26']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it('a named folder that cannot be listed: exit 2, saying why nothing matched', function () {
    if (unprivileged() === undefined) this.skip();
    lock('locked');
    const r = run(['scan', 'locked', '--out', 'out', '--as-of', '2026-11-26']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^controltrace: error: no files matched 'locked' in .* \(locked is a folder that cannot be read \(permission denied\): the files in it were not scanned\)$/m);
  });

  it('a template it may not read: an error naming it, INCOMPLETE, the other template still scanned and reported', function () {
    if (unprivileged() === undefined) this.skip();
    fs.chmodSync(tmp(), 0o777);
    write(tmp(), 'main.json', template([WEAK_STORAGE]));
    fs.chmodSync(write(tmp(), 'private.json', template([WEAK_STORAGE])), 0o000);
    const r = run(['scan', 'main.json', 'private.json', '--out', 'out', '--fail-on', 'none', '--as-of', '2026-11-26']);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    const report = JSON.parse(fs.readFileSync(path.join(tmp(), 'out', 'results.json'), 'utf8'));
    assert.deepEqual(report.notes.filter((n: { level: string }) => n.level === 'error'), [{ level: 'error', file: 'private.json', message: 'cannot open the file: permission denied' }]);
    assert.ok(report.summary.failed > 0);
  });

  it('a parameters file it may not read still stops the scan, naming it', function () {
    if (unprivileged() === undefined) this.skip();
    fs.chmodSync(tmp(), 0o777);
    write(tmp(), 'main.json', template([WEAK_STORAGE]));
    fs.chmodSync(write(tmp(), 'params.json', '{"parameters": {}}'), 0o000);
    const r = run(['scan', 'main.json', '--parameters', 'params.json', '--out', 'out', '--as-of', '2026-11-26']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'controltrace: error: params.json: cannot open the file: permission denied\n');
    assert.ok(!fs.existsSync(path.join(tmp(), 'out')));
  });
});
