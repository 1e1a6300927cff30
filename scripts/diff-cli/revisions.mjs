// Builds the CLI of a revision, or of the working tree, in a folder of its own below `buildsDir`: the
// developer's checkout (its files, dist/ and index) is only read, so builds others make there cannot change
// a CLI in the middle of a run. The checkout's node_modules is linked, not installed again.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const CLI = 'dist/cli/controltrace.js';
/** Written after a successful build: a worktree without it is built again. */
const BUILT = '.diff-cli-built';

function git(repoRoot, args, opts = {}) {
  return execFileSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts }).trim();
}

function build(dir, repoRoot) {
  const modules = path.join(dir, 'node_modules');
  if (!fs.existsSync(modules)) fs.symlinkSync(path.join(repoRoot, 'node_modules'), modules, 'dir');
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  fs.writeFileSync(path.join(dir, BUILT), '');
  return { script: path.join(dir, CLI), root: dir };
}

/** A detached git worktree of `rev`, built once and reused by later runs (keyed by the full commit id). */
export function buildRevision(repoRoot, buildsDir, rev) {
  const sha = git(repoRoot, ['rev-parse', '--verify', `${rev}^{commit}`]);
  const dir = path.join(buildsDir, sha);
  const label = `${rev} = ${git(repoRoot, ['log', '-1', '--format=%h %ad %s', '--date=iso', sha]).slice(0, 120)}`;
  if (fs.existsSync(path.join(dir, BUILT))) return { script: path.join(dir, CLI), root: dir, label };
  if (!fs.existsSync(dir)) {
    git(repoRoot, ['worktree', 'prune']);
    fs.mkdirSync(buildsDir, { recursive: true });
    git(repoRoot, ['worktree', 'add', '--detach', dir, sha]);
  }
  return { ...build(dir, repoRoot), label };
}

/**
 * The working tree as it is (tracked files with their uncommitted changes, and new files git does not
 * ignore), copied and built afresh on every run.
 */
export function buildWorkingTree(repoRoot, buildsDir) {
  const dir = path.join(buildsDir, 'working-tree');
  fs.rmSync(dir, { recursive: true, force: true });
  const files = git(repoRoot, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { maxBuffer: 64 << 20 }).split('\0').filter(Boolean);
  for (const f of files) {
    const from = path.join(repoRoot, f);
    if (!fs.existsSync(from) || fs.lstatSync(from).isDirectory()) continue; // deleted, or a submodule
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.cpSync(from, path.join(dir, f), { verbatimSymlinks: true });
  }
  const head = git(repoRoot, ['log', '-1', '--format=%h', 'HEAD']);
  const changed = git(repoRoot, ['status', '--porcelain']).split('\n').filter(Boolean).length;
  return { ...build(dir, repoRoot), label: `working tree of ${repoRoot} (HEAD ${head}, ${changed} changed or new path(s))` };
}
