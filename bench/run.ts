// `npm run bench`: every benchmark, each printing ratios against a floor measured in the same run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const benches = ['scan.ts', 'trace.ts'].map((f) => path.join(__dirname, f)).filter((f) => fs.existsSync(f));
let failed = false;
for (const file of benches) {
  console.log(`\n### ${path.basename(file)}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
