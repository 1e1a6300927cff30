// The differential harness's comparator (scripts/diff-cli/compare.mjs) on two tiny fake CLIs, so that a
// harness that stopped seeing differences fails here rather than passing every future engine change.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Compare = typeof import('../../scripts/diff-cli/compare.mjs', { with: { 'resolution-mode': 'import' } });

/**
 * A fake `controltrace scan`: prints its arguments and its own location (which the harness must hide),
 * writes two reports to --out, and exits 1 when the input file says "fail". `tweak` changes one byte.
 */
function fakeCli(dir: string, tweak: boolean): { script: string; root: string } {
  const script = path.join(dir, 'dist/cli/controltrace.js');
  fs.mkdirSync(path.dirname(script), { recursive: true });
  fs.writeFileSync(script, `
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
const out = args[args.indexOf('--out') + 1];
const input = fs.readFileSync(args[1], 'utf8');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'summary.md'), '# scan of ' + args[1] + '\\n');
fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify({ input, verdict: '${tweak ? 'FAILEd' : 'FAILED'}' }));
console.log('scanned ' + args[1] + ' with ' + __filename);
process.exit(input.includes('fail') ? 1 : 0);
`);
  return { script, root: dir };
}

describe('scripts/diff-cli comparator', function () {
  let compare: Compare;
  let tmp: string;
  const cases = [{ name: 'passes', cwd: '.', args: ['ok.json'] }, { name: 'fails', cwd: '.', args: ['bad.json'] }];

  before(async function () {
    compare = await import('../../scripts/diff-cli/compare.mjs');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-cli-test-'));
    fs.mkdirSync(path.join(tmp, 'inputs'));
    fs.writeFileSync(path.join(tmp, 'inputs/ok.json'), '{}');
    fs.writeFileSync(path.join(tmp, 'inputs/bad.json'), '"fail"');
  });
  after(function () {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const compareWith = (oldCli: { script: string; root: string }, newCli: { script: string; root: string }, lines: string[]) =>
    compare.compareCases({ cases, oldCli, newCli, inputsDir: path.join(tmp, 'inputs'), workDir: path.join(tmp, 'work'), resultsDir: path.join(tmp, 'results'), jobs: 2, log: (l) => lines.push(l) });

  it('finds no difference between two builds of the same CLI in different folders', async function () {
    const lines: string[] = [];
    const outcomes = await compareWith(fakeCli(path.join(tmp, 'a'), false), fakeCli(path.join(tmp, 'b'), false), lines);
    assert.deepEqual(outcomes.map((o) => [o.name, o.old, o.new, o.diffs.length]), [['passes', 0, 0, 0], ['fails', 1, 1, 0]]);
    assert.deepEqual(lines, []);
    assert.ok(!fs.existsSync(path.join(tmp, 'results/cases')));
  });

  it('finds a one-byte difference in one report, and keeps both outputs of that case', async function () {
    const lines: string[] = [];
    const outcomes = await compareWith(fakeCli(path.join(tmp, 'a'), false), fakeCli(path.join(tmp, 'c'), true), lines);
    const firstChange = (input: string) => JSON.stringify({ input, verdict: 'FAILED' }).lastIndexOf('D"}');
    const at = firstChange('{}');
    assert.deepEqual(outcomes[0].diffs, [{ what: 'results.json', at, old: '{"input":"{}","verdict":"FAILED"}', new: '{"input":"{}","verdict":"FAILEd"}' }]);
    assert.deepEqual(lines.sort(), [`DIFF fails: results.json@${firstChange('"fail"')}`, `DIFF passes: results.json@${at}`]);
    const kept = path.join(tmp, 'results/cases/passes');
    assert.equal(fs.readFileSync(path.join(kept, 'old/results.json'), 'utf8'), '{"input":"{}","verdict":"FAILED"}');
    assert.equal(fs.readFileSync(path.join(kept, 'new/results.json'), 'utf8'), '{"input":"{}","verdict":"FAILEd"}');
    assert.equal(fs.readFileSync(path.join(kept, 'new/stdout'), 'utf8'), 'scanned ok.json with <cli>/dist/cli/controltrace.js\n');
    assert.match(fs.readFileSync(path.join(tmp, 'results/summary.tsv'), 'utf8'), /^passes\tDIFF\t0\t0\tresults\.json$/m);
  });

  it('tells exit codes, streams and missing reports apart', function () {
    const run = (exit: number, stdout: string, reports: Record<string, string>) => ({ exit, stdout: Buffer.from(stdout), stderr: Buffer.alloc(0), reports: Object.fromEntries(Object.entries(reports).map(([k, v]) => [k, Buffer.from(v)])) });
    const diffs = compare.differences(run(0, 'a\nb', { 'x.md': 'same', 'y.md': 'only old' }), run(2, 'a\nc', { 'x.md': 'same' }));
    assert.equal(compare.describe('k', diffs), 'DIFF k: exit 0->2, stdout@2, y.md present->missing');
  });
});
