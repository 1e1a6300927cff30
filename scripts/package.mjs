// `npm run package`: builds, stages exactly what ships into a fresh folder, checks it, and creates the .vsix
// with tfx-cli. tfx packages everything under its root (sources, maps, tests) and only warns, with exit code 0,
// about a broken task.json or a missing execution target, so the staging is checked here and any tfx
// `warning:` or `error:` fails the packaging.
//
// Options: --out-dir DIR (default out), --skip-build, --publisher ID and --override JSON (passed to tfx; the
// real Marketplace publisher id is set this way at publish time, the manifest carries `controltrace`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TFX = path.join(root, 'node_modules', 'tfx-cli', '_build', 'tfx-cli.js');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TASK_CONTRIBUTION = 'ms.vss-distributed-task.task';
/** Top-level files of the repository that ship; folders come from the manifest's `files`. */
const SHIPPED_FILES = ['vss-extension.json', 'overview.md', 'LICENSE'];

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${path.relative(root, file) || file}: ${e.code === 'ENOENT' ? 'missing' : `not valid JSON (${e.message})`}`);
  }
}

/** Where a manifest `files` path comes from: tasks from their bundled dist folder, the rest from the repo. */
function sourceOf(relPath) {
  return relPath.startsWith('tasks/') ? path.join(root, 'dist', relPath) : path.join(root, relPath);
}

/** Scopes without a suffix that still grant more than reading: issuing and revoking tokens. */
const NOT_READ_ONLY_BARE_SCOPES = new Set(['vso.tokens', 'vso.tokenadministration']);

/**
 * Whether an OAuth scope only reads. Decided by what a scope is allowed to look like rather than by a list of
 * write suffixes: `vso.code_status`, `vso.hooks_interact`, `vso.agentpools_listen`, `vso.gallery_publish`,
 * `vso.pipelineresources_use` and the like change things without ending in _write or _manage.
 */
export function isReadOnlyScope(scope) {
  return /^vso\.[a-z]+(\.[a-z]+)*(_read)?$/.test(scope) && !NOT_READ_ONLY_BARE_SCOPES.has(scope);
}

/** Copies what ships into `staging`; returns the manifest it staged. */
export function stage(staging) {
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  for (const file of SHIPPED_FILES) fs.copyFileSync(path.join(root, file), path.join(staging, file));
  const manifest = readJson(path.join(staging, 'vss-extension.json'));
  for (const entry of manifest.files ?? []) {
    const from = sourceOf(entry.path);
    if (!fs.existsSync(from)) throw new Error(`vss-extension.json: files entry '${entry.path}' not found at ${path.relative(root, from)} (run the build?)`);
    fs.cpSync(from, path.join(staging, entry.path), { recursive: true });
  }
  return manifest;
}

/** Problems with a staged extension that tfx would only warn about, or not notice at all. */
export function checkStaging(staging) {
  const problems = [];
  const manifest = readJson(path.join(staging, 'vss-extension.json'));
  const pkg = readJson(path.join(root, 'package.json'));
  if (manifest.version !== pkg.version) problems.push(`vss-extension.json version ${manifest.version} differs from package.json version ${pkg.version}`);
  for (const scope of manifest.scopes ?? []) {
    if (!isReadOnlyScope(scope)) problems.push(`vss-extension.json: scope '${scope}' is not read-only`);
  }
  for (const entry of manifest.files ?? []) {
    if (!fs.existsSync(path.join(staging, entry.path))) problems.push(`vss-extension.json: files entry '${entry.path}' is not staged`);
  }
  const contributed = new Set((manifest.contributions ?? []).filter((c) => c.type === TASK_CONTRIBUTION).map((c) => c.properties?.name));
  for (const file of listFiles(staging).filter((f) => f.endsWith('/task.json'))) {
    if (!contributed.has(path.posix.dirname(file))) problems.push(`${file} ships but no task contribution names ${path.posix.dirname(file)}`);
  }
  for (const contribution of manifest.contributions ?? []) {
    if (contribution.type !== TASK_CONTRIBUTION) continue;
    const taskDir = path.join(staging, contribution.properties?.name ?? '');
    const where = `contribution '${contribution.id}' (${contribution.properties?.name})`;
    if (!fs.existsSync(path.join(taskDir, 'task.json'))) {
      problems.push(`${where}: no task.json`);
      continue;
    }
    const task = readJson(path.join(taskDir, 'task.json'));
    if (!GUID.test(task.id ?? '')) problems.push(`${where}: task.json id '${task.id}' is not a GUID`);
    if (!/^[A-Za-z0-9-]+$/.test(task.name ?? '')) problems.push(`${where}: task.json name '${task.name}' must be alphanumeric`);
    const handlers = Object.entries(task.execution ?? {});
    if (handlers.length === 0) problems.push(`${where}: task.json has no execution handler`);
    for (const [handler, { target }] of handlers) {
      if (!target || !fs.existsSync(path.join(taskDir, target))) problems.push(`${where}: execution.${handler}.target '${target}' does not exist`);
    }
  }
  for (const file of listFiles(staging)) {
    if (/\.(ts|map)$/.test(file) || /(^|\/)(tests?|src)\//.test(file)) problems.push(`staging contains a source or test file: ${file}`);
    // The tasks are bundled: a node_modules folder is an unbundled copy that would ship megabytes of packages.
    if (/(^|\/)node_modules\//.test(file)) problems.push(`staging contains node_modules: ${file}`);
  }
  return problems;
}

export function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out;
}

/** Lines of tfx output that must fail the packaging (tfx exits 0 on warnings). */
export function tfxProblems(output) {
  return output.split(/\r?\n/).filter((line) => /\b(warning|error)\s*:/i.test(line));
}

/** Runs `tfx extension create` on a staged folder; returns the .vsix path or throws with tfx's complaints. */
export function createVsix(staging, outDir, extraArgs = []) {
  fs.mkdirSync(outDir, { recursive: true });
  // tfx keeps a cache in ~/.tfx; a private HOME keeps the result independent of whoever runs it.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'controltrace-tfx-home-'));
  try {
    const run = spawnSync(
      process.execPath,
      [TFX, 'extension', 'create', '--root', staging, '--manifest-globs', 'vss-extension.json', '--output-path', outDir, '--no-prompt', '--no-color', '--json', ...extraArgs],
      { encoding: 'utf8', env: { ...process.env, HOME: home, USERPROFILE: home, NO_COLOR: '1' }, timeout: 120_000 },
    );
    const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
    const problems = tfxProblems(output);
    if (run.error || run.status !== 0 || problems.length > 0) {
      const detail = problems.length > 0 ? problems.join('\n') : (run.error?.message ?? output.trim());
      throw new Error(`tfx extension create failed (exit ${run.status}):\n${detail}`);
    }
    const result = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
    if (!result.path || !fs.existsSync(result.path)) throw new Error(`tfx reported no .vsix: ${run.stdout.trim()}`);
    return path.resolve(result.path);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

function main() {
  const { values } = parseArgs({
    options: {
      'out-dir': { type: 'string', default: 'out' },
      'skip-build': { type: 'boolean', default: false },
      publisher: { type: 'string' },
      override: { type: 'string' },
    },
  });
  if (!values['skip-build']) {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the build failed');
  }
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'controltrace-vsix-'));
  try {
    stage(staging);
    const problems = checkStaging(staging);
    if (problems.length > 0) throw new Error(`the staged extension is not valid:\n${problems.join('\n')}`);
    const extra = [];
    if (values.publisher) extra.push('--publisher', values.publisher);
    if (values.override) extra.push('--override', values.override);
    const vsix = createVsix(staging, path.resolve(values['out-dir']), extra);
    console.log(vsix);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main();
  } catch (e) {
    console.error(`package: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
