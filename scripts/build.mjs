// Bundles what runs outside the test runner: the CLI (bin/controltrace.js loads it) and each pipeline task.
// Type-checking is `npm run typecheck`; this only bundles, so it is fast enough for `prepare`.
// Each task folder in dist/ is complete as the agent will see it: index.js plus the task.json and icon it
// ships with (task-lib reads its localised messages from the task.json beside the script).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// Shared with the scan benchmark, which measures the engine bundled exactly as it ships.
const common = JSON.parse(fs.readFileSync(path.join(root, 'scripts/bundle-options.json'), 'utf8'));

/** Files a task needs at run time besides its bundled entry point. */
const TASK_ASSETS = ['task.json', 'icon.png'];

const jobs = [];
if (fs.existsSync(path.join(root, 'src/cli/main.ts'))) {
  jobs.push(build({ ...common, entryPoints: [path.join(root, 'src/cli/main.ts')], outfile: path.join(root, 'dist/cli/controltrace.js') }));
}
const tasksDir = path.join(root, 'tasks');
for (const task of fs.existsSync(tasksDir) ? fs.readdirSync(tasksDir).sort() : []) {
  const entry = path.join(tasksDir, task, 'index.ts');
  if (!fs.existsSync(entry)) continue;
  const outDir = path.join(root, 'dist/tasks', task);
  // A stale file from an earlier build would otherwise be packaged into the .vsix.
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  for (const asset of TASK_ASSETS) {
    const from = path.join(tasksDir, task, asset);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(outDir, asset));
  }
  jobs.push(build({ ...common, entryPoints: [entry], outfile: path.join(outDir, 'index.js') }));
}
await Promise.all(jobs);
