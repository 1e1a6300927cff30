// Bundles what runs outside the test runner: the CLI (bin/controltrace.js loads it) and each pipeline task.
// Type-checking is `npm run typecheck`; this only bundles, so it is fast enough for `prepare`.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: false, legalComments: 'none', logLevel: 'warning' };

const jobs = [];
if (fs.existsSync(path.join(root, 'src/cli/main.ts'))) {
  jobs.push(build({ ...common, entryPoints: [path.join(root, 'src/cli/main.ts')], outfile: path.join(root, 'dist/cli/controltrace.js') }));
}
const tasksDir = path.join(root, 'tasks');
for (const task of fs.existsSync(tasksDir) ? fs.readdirSync(tasksDir) : []) {
  const entry = path.join(tasksDir, task, 'index.ts');
  if (!fs.existsSync(entry)) continue;
  jobs.push(build({ ...common, entryPoints: [entry], outfile: path.join(root, 'dist/tasks', task, 'index.js') }));
}
await Promise.all(jobs);
