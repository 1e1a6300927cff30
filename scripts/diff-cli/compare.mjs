// Runs each case with the old and the new CLI and compares exit code, stdout, stderr and every report file
// byte for byte. The two CLIs run one after the other in the same working directory, with the same --out
// folder and environment, so nothing needs normalising but the CLI's own location: each build lives in its
// own folder, which a stack trace or a message naming the bundle would otherwise show as a difference.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';

const TIMEOUT_MS = 120_000;
/**
 * The environment both CLIs see: the harness's own, without colour (a terminal must not change bytes) and
 * without the CLI's debugging switches.
 */
const ENV = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CONTROLTRACE_'))), NO_COLOR: '1', FORCE_COLOR: '0', TZ: 'UTC' };

/**
 * @param cli {{ script: string, root: string }} the CLI entry point, and the folder it was built in
 * @param c {{ name: string, cwd: string, args: string[] }}
 */
export function runCase(cli, c, { inputsDir, outDir }) {
  fs.rmSync(outDir, { recursive: true, force: true });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli.script, 'scan', ...c.args, '--out', outDir], { cwd: path.join(inputsDir, c.cwd), env: ENV });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const reports = {};
      if (fs.existsSync(outDir)) for (const f of fs.readdirSync(outDir).sort()) reports[f] = hideRoot(fs.readFileSync(path.join(outDir, f)), cli.root);
      resolve({ exit: code ?? `signal ${signal}`, stdout: hideRoot(Buffer.concat(out), cli.root), stderr: hideRoot(Buffer.concat(err), cli.root), reports });
    });
  });
}

/** The build folder replaced by `<cli>` (the only normalisation). */
export function hideRoot(buf, root) {
  if (!root) return buf;
  const needle = Buffer.from(root);
  const parts = [];
  let from = 0;
  for (let at = buf.indexOf(needle); at >= 0; at = buf.indexOf(needle, from)) {
    parts.push(buf.subarray(from, at), Buffer.from('<cli>'));
    from = at + needle.length;
  }
  return from === 0 ? buf : Buffer.concat([...parts, buf.subarray(from)]);
}

/** What differs between two runs: one entry per exit code, stream or report, with the first differing byte. */
export function differences(a, b) {
  const found = [];
  if (a.exit !== b.exit) found.push({ what: 'exit', old: a.exit, new: b.exit });
  const bytes = (what, x, y) => {
    if (!x || !y) found.push({ what, old: x ? 'present' : 'missing', new: y ? 'present' : 'missing' });
    else if (!x.equals(y)) {
      const at = firstDifference(x, y);
      found.push({ what, at, old: lineAt(x, at), new: lineAt(y, at) });
    }
  };
  bytes('stdout', a.stdout, b.stdout);
  bytes('stderr', a.stderr, b.stderr);
  for (const f of [...new Set([...Object.keys(a.reports), ...Object.keys(b.reports)])].sort()) bytes(f, a.reports[f], b.reports[f]);
  return found;
}

function firstDifference(x, y) {
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

/** The line holding byte `at` (cut to 300 characters around it), to show a difference in context. */
function lineAt(buf, at) {
  const start = at === 0 ? 0 : Math.max(buf.lastIndexOf(0x0a, at - 1) + 1, at - 150);
  const end = buf.indexOf(0x0a, at);
  return buf.subarray(start, Math.min(end < 0 ? buf.length : end, at + 150)).toString('utf8');
}

/** One line a differing case: its name and what differs (exit codes shown, bytes by their first offset). */
export function describe(name, diffs) {
  return `DIFF ${name}: ${diffs.map((d) => (d.what === 'exit' ? `exit ${d.old}->${d.new}` : d.at === undefined ? `${d.what} ${d.old}->${d.new}` : `${d.what}@${d.at}`)).join(', ')}`;
}

/**
 * Runs every case with both CLIs, `jobs` cases at a time, and writes what differs below `resultsDir`
 * (see README.md). Returns the outcome of each case, in the order of `cases`.
 */
export async function compareCases({ cases, oldCli, newCli, inputsDir, workDir, resultsDir, jobs = 2, log = console.log }) {
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  const outcomes = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i];
      // One --out folder per case, named after it: both CLIs print the same path, and no run-specific one.
      const outDir = path.join(workDir, c.name);
      const old = await runCase(oldCli, c, { inputsDir, outDir });
      const neu = await runCase(newCli, c, { inputsDir, outDir });
      fs.rmSync(outDir, { recursive: true, force: true });
      const diffs = differences(old, neu);
      outcomes[i] = { name: c.name, old: old.exit, new: neu.exit, diffs };
      if (diffs.length) {
        writeCase(path.join(resultsDir, 'cases', c.name), c, inputsDir, { old, new: neu }, diffs);
        log(describe(c.name, diffs));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  writeSummary(resultsDir, outcomes);
  return outcomes;
}

function writeCase(dir, c, inputsDir, runs, diffs) {
  for (const [side, r] of Object.entries(runs)) {
    const d = path.join(dir, side);
    fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(d, 'exit'), `${r.exit}\n`);
    fs.writeFileSync(path.join(d, 'stdout'), r.stdout);
    fs.writeFileSync(path.join(d, 'stderr'), r.stderr);
    for (const [f, b] of Object.entries(r.reports)) fs.writeFileSync(path.join(d, f), b);
  }
  fs.writeFileSync(path.join(dir, 'case.json'), JSON.stringify({ ...c, dir: path.join(inputsDir, c.cwd), differences: diffs }, null, 2) + '\n');
}

function writeSummary(resultsDir, outcomes) {
  const rows = outcomes.map((o) => [o.name, o.diffs.length ? 'DIFF' : 'same', o.old, o.new, o.diffs.map((d) => d.what).join(' ')].join('\t'));
  fs.writeFileSync(path.join(resultsDir, 'summary.tsv'), ['case\tverdict\told exit\tnew exit\twhat differs', ...rows].join('\n') + '\n');
}
