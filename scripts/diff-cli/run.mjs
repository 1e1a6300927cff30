// Differential test of `controltrace scan`: the same cases through the CLI of an old revision and of a new
// one (or the working tree), comparing exit code, stdout, stderr and every report byte for byte.
// Usage and how to read the results: scripts/diff-cli/README.md.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { generateCases } from './cases/index.mjs';
import { compareCases } from './compare.mjs';
import { buildRevision, buildWorkingTree } from './revisions.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE = `usage: node scripts/diff-cli/run.mjs --old <rev> [--new <rev> | --worktree] [--random N] [--seed S]
         [--jobs N] [--only REGEXP] [--extra-inputs DIR] [--dir DIR]
  --old REV           the reference revision (any git revision: a commit, HEAD~3, a branch)
  --new REV           the revision to check; default: --worktree, the working tree with uncommitted changes
  --random N          N random templates and N random expression templates (fast-check; default 40)
  --seed S            their seed (default 20261126); the same seed gives the same cases
  --jobs N            cases run in parallel (default 2)
  --only REGEXP       run only the cases whose name matches
  --extra-inputs DIR  also scan a folder of real templates (<dir>/<name>/main.json and params.*.json),
                      e.g. /work/shared/fixtures/esa
  --dir DIR           where builds, inputs and results go (default out/diff-cli)
exit: 0 no difference, 1 some case differs, 2 usage or build error`;

const OPTIONS = {
  old: { type: 'string' }, new: { type: 'string' }, worktree: { type: 'boolean' }, random: { type: 'string', default: '40' },
  seed: { type: 'string', default: '20261126' }, jobs: { type: 'string', default: '2' }, only: { type: 'string' },
  'extra-inputs': { type: 'string' }, dir: { type: 'string', default: path.join(repoRoot, 'out/diff-cli') }, help: { type: 'boolean' },
};

function options() {
  let values;
  try {
    ({ values } = parseArgs({ options: OPTIONS }));
  } catch (e) {
    fail(e.message);
  }
  if (values.help) { console.log(USAGE); process.exit(0); }
  const count = (name) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number, not '${values[name]}'`);
    return n;
  };
  if (!values.old) fail('--old is required');
  if (values.new && values.worktree) fail('give --new or --worktree, not both');
  let only;
  try {
    only = values.only === undefined ? undefined : new RegExp(values.only);
  } catch (e) {
    fail(`--only: ${e.message}`);
  }
  const extra = values['extra-inputs'];
  if (extra && !fs.existsSync(extra)) fail(`--extra-inputs ${extra}: no such folder`);
  return { ...values, only, random: count('random'), seed: count('seed'), jobs: Math.max(1, count('jobs')), dir: path.resolve(values.dir), extra: extra && path.resolve(extra) };
}

function fail(message) {
  console.error(`diff-cli: ${message}\n${USAGE}`);
  process.exit(2);
}

const opts = options();
const buildsDir = path.join(opts.dir, 'builds');
function built(what, make) {
  try {
    return make();
  } catch (e) {
    return fail(`could not build ${what}: ${String(e.stderr ?? '').trim() || e.message}`);
  }
}
const oldCli = built(opts.old, () => buildRevision(repoRoot, buildsDir, opts.old));
const newCli = built(opts.new ?? 'the working tree', () => (opts.new ? buildRevision(repoRoot, buildsDir, opts.new) : buildWorkingTree(repoRoot, buildsDir)));
const inputsDir = path.join(opts.dir, 'inputs');
let cases = generateCases({ root: inputsDir, repoRoot, random: opts.random, seed: opts.seed, extraInputs: opts.extra });
if (opts.only) cases = cases.filter((c) => opts.only.test(c.name));
const resultsDir = path.join(opts.dir, 'results');
const versions = `old: ${oldCli.label}\nnew: ${newCli.label}\ncases: ${cases.length} (random ${opts.random}, seed ${opts.seed})\n`;
process.stdout.write(versions);

const outcomes = await compareCases({ cases, oldCli, newCli, inputsDir, workDir: path.join(opts.dir, 'reports'), resultsDir, jobs: opts.jobs });
fs.writeFileSync(path.join(resultsDir, 'versions.txt'), versions);
fs.writeFileSync(path.join(resultsDir, 'cases.json'), JSON.stringify(cases, null, 1) + '\n');
const differing = outcomes.filter((o) => o.diffs.length).length;
console.log(`${differing} of ${cases.length} case(s) differ${differing ? `; old and new outputs in ${path.relative(process.cwd(), path.join(resultsDir, 'cases')) || '.'}/<case>/` : ''}`);
process.exit(differing ? 1 : 0);
