// `controltrace trace` as a user runs it (child process, from source) against the emulator in this process.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { assertNoStackTrace, readTree, runCliAsync, tempDir, type CliRun } from './helpers';

const TOKEN = 'ct-secret-token-4f9a0c71';
const AS_OF = '2026-11-20T12:00:00Z';
const FILES = ['traceability.csv', 'traceability.html', 'traceability.json', 'traceability.md', 'traceability.xlsx'];

describe('controltrace trace', function () {
  this.timeout(120_000);
  let emu: RunningEmulator;
  let faulty: RunningEmulator;
  let broken: RunningEmulator;
  let work: string;

  before(async () => {
    emu = await startEmulator({ seed: 'sample' });
    faulty = await startEmulator({ seed: 'sample', pageSize: 25, faults: { rate429: 0.1, rate503: 0.05, resetRate: 0.03, retryAfterOn200Rate: 0.05, retryAfterSeconds: 0.01, seed: 3 } });
    broken = await startEmulator({ seed: 'sample', faults: { persistent: [{ pathPattern: '/environmentdeploymentrecords$' }], retryAfterSeconds: 0.01 } });
    work = tempDir('controltrace-trace-');
  });
  after(async () => {
    await Promise.all([emu.close(), faulty.close(), broken.close()]);
    fs.rmSync(work, { recursive: true, force: true });
  });

  const trace = (target: RunningEmulator, out: string, extra: string[] = [], env: Record<string, string | undefined> = { SYSTEM_ACCESSTOKEN: TOKEN }): Promise<CliRun> =>
    runCliAsync(['trace', '--org-url', target.url, '--project', target.project, '--as-of', AS_OF, '--out', out, ...extra], { cwd: work, env });

  function assertTokenNowhere(run: CliRun, dir: string): void {
    assert.ok(!run.stdout.includes(TOKEN) && !run.stderr.includes(TOKEN), 'token in the console output');
    for (const [name, bytes] of readTree(dir)) assert.ok(!bytes.includes(Buffer.from(TOKEN)), `token in ${name}`);
  }

  it('writes every format, prints the coverage summary, exits 1 on a forbidden gap; a rerun is byte-identical', async () => {
    const out1 = path.join(work, 'run1');
    const out2 = path.join(work, 'run2');
    const first = await trace(emu, out1, ['--fail-on-gaps', 'untested,failing']);
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stdout, /^Traceability contoso-health\/ClinicalAI as of 2026-11-20T12:00:00\.000Z: 63 requirement\(s\)/);
    assert.match(first.stdout, /gaps: untested 8, never-run 4, failing 8/);
    assert.match(first.stdout, /Result: FAILED — 16 requirement\(s\) with a gap in untested, failing \(exit 1\)/);
    assert.deepEqual([...readTree(out1).keys()].sort(), FILES);
    const matrix = JSON.parse(fs.readFileSync(path.join(out1, 'traceability.json'), 'utf8'));
    assert.equal(matrix.generatedAt, '2026-11-20T12:00:00.000Z');
    assert.equal(matrix.asOf, '2026-11-20T12:00:00.000Z');
    assertTokenNowhere(first, out1);

    const second = await trace(emu, out2, ['--fail-on-gaps', 'stale', '--format', 'md']);
    assert.equal(second.code, 1);
    const again = await trace(emu, out2, ['--fail-on-gaps', 'none']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Result: matrix written \(no --fail-on-gaps\)/);
    const a = readTree(out1);
    const b = readTree(out2);
    for (const name of FILES) assert.ok(a.get(name)!.equals(b.get(name)!), `${name} differs between runs`);
  });

  it('under 429s, 503s, resets and Retry-After: the same matrix JSON as the fault-free run', async () => {
    const clean = path.join(work, 'clean');
    const noisy = path.join(work, 'noisy');
    const [r1, r2] = [await trace(emu, clean, ['--format', 'json']), await trace(faulty, noisy, ['--format', 'json', '--max-attempts', '10'])];
    assert.equal(r1.code, 0, r1.stderr);
    assert.equal(r2.code, 0, r2.stderr);
    const faults = faulty.stats().faults;
    assert.ok((faults['429'] ?? 0) > 0 && (faults['503'] ?? 0) > 0 && (faults.reset ?? 0) > 0, JSON.stringify(faults));
    assert.ok(fs.readFileSync(path.join(clean, 'traceability.json')).equals(fs.readFileSync(path.join(noisy, 'traceability.json'))));
    assertTokenNowhere(r2, noisy);
  });

  it('a route that keeps failing: exit 2, the missing data named, no traceability.json written', async () => {
    const out = path.join(work, 'broken');
    const run = await trace(broken, out, ['--max-attempts', '2', '--fail-on-gaps', 'untested']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^controltrace: error: incomplete data: could not read deployment records of environment \d+ \([a-z]+\), page 1: HTTP 503 after 2 attempt\(s\) \(GET http:\/\/127\.0\.0\.1:\d+\/contoso-health\/.+environmentdeploymentrecords.*\); no matrix was produced\n$/);
    assert.equal(run.stdout, '');
    assert.deepEqual([...readTree(out).keys()], []);
    assertNoStackTrace(run);
    assertTokenNowhere(run, out);
  });

  it('titles with markup stay inert in every output', async () => {
    const out = path.join(work, 'run1');
    const evil = '<img src=x onerror=alert(1)>';
    const json = JSON.parse(fs.readFileSync(path.join(out, 'traceability.json'), 'utf8'));
    assert.ok(json.requirements.some((r: { title: string }) => r.title.includes(evil)), 'the sample must carry the markup title');
    const html = fs.readFileSync(path.join(out, 'traceability.html'), 'utf8');
    assert.ok(!html.includes('<img'), 'raw <img in HTML');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    const md = fs.readFileSync(path.join(out, 'traceability.md'), 'utf8');
    assert.ok(!md.includes(evil), 'raw markup in Markdown');
    const csv = fs.readFileSync(path.join(out, 'traceability.csv'), 'utf8');
    assert.ok(!/(^|,)[=+\-@]/m.test(csv.replace(/(^|,)-?\d/gm, '$1')), 'a CSV cell starts like a formula');
  });

  it('a rejected token: exit 2 with a clear message naming the variable, never the token', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: "TF400813: The user '' is not authorized to access this resource.", typeKey: 'UnauthorizedRequestException' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/contoso-health`;
      const out = path.join(work, 'unauthorized');
      const run = await runCliAsync(['trace', '--org-url', url, '--project', 'ClinicalAI', '--out', out], { cwd: work, env: { MY_PAT: TOKEN } as Record<string, string> }).then((r) => r);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /no Azure DevOps token: set SYSTEM_ACCESSTOKEN or AZURE_DEVOPS_EXT_PAT/);
      const rejected = await runCliAsync(['trace', '--org-url', url, '--project', 'ClinicalAI', '--out', out, '--token-env', 'MY_PAT'], { cwd: work, env: { MY_PAT: TOKEN } });
      assert.equal(rejected.code, 2);
      assert.match(rejected.stderr, /^controltrace: error: Azure DevOps rejected the access token \(HTTP 401\) at http:\/\/127\.0\.0\.1:\d+\/contoso-health\/_apis\/\S+: check that it is valid.* \(token from MY_PAT\)\n$/);
      assertNoStackTrace(rejected);
      assertTokenNowhere(rejected, out);
      assert.ok(!fs.existsSync(path.join(out, 'traceability.json')));
    } finally {
      server.close();
    }
  });

  it('usage errors and an unreachable server exit 2 with one line', async () => {
    const out = path.join(work, 'usage');
    const cases: Array<[string[], RegExp]> = [
      [['trace', '--project', 'P', '--out', out], /required option '--org-url <url>' not specified/],
      [['trace', '--org-url', emu.url, '--project', 'P', '--format', 'pdf'], /--format: unknown format 'pdf'/],
      [['trace', '--org-url', emu.url, '--project', 'P', '--fail-on-gaps', 'untested,flaky'], /unknown gap code\(s\) flaky/],
      [['trace', '--org-url', emu.url, '--project', 'P', '--as-of', 'yesterday'], /--as-of 'yesterday' is not an ISO-8601/],
      [['trace', '--org-url', 'http://127.0.0.1:9/org', '--project', 'P', '--out', out, '--max-attempts', '2'], /cannot reach Azure DevOps at http:\/\/127\.0\.0\.1:9\/org \(ECONNREFUSED\)/],
    ];
    for (const [args, message] of cases) {
      const run = await runCliAsync(args, { cwd: work, env: { SYSTEM_ACCESSTOKEN: TOKEN } });
      assert.equal(run.code, 2, `${args.join(' ')}\n${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assertNoStackTrace(run);
    }
    assert.ok(!fs.existsSync(path.join(out, 'traceability.json')));
  });
});
