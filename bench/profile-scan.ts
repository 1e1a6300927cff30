// Profiling aid for the scan: generates the benchmark corpus at one scale into a temporary folder and
// scans it a few times, printing each scan's time and, with --no-controls, the time with an empty control
// list too (the share the controls cost). Run it under the V8 profiler to see where the time goes:
//
//   npx tsx bench/profile-scan.ts [--scale N] [--runs N] [--no-controls]
//   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile-scan.ts
//   npx tsx bench/summarise-profile.ts /tmp/prof/<file>.cpuprofile
//
// Under tsx every function of a module reports the same line; for line numbers, bundle first:
//   npx esbuild bench/profile-scan.ts --bundle --platform=node --outfile=/tmp/profile-scan.js
//   node --cpu-prof --cpu-prof-dir=/tmp/prof /tmp/profile-scan.js

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeCorpus } from './scan-corpus';
import { scanPaths } from '../src/node';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const scale = arg('--scale', 1);
  const runs = arg('--runs', 3);
  const compareControls = process.argv.includes('--no-controls');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'controltrace-profile-'));
  try {
    const corpus = writeCorpus(dir, 100 * scale);
    let floor = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      for (const f of corpus.files) JSON.parse(fs.readFileSync(f, 'utf8'));
      floor = Math.min(floor, performance.now() - t0);
    }
    console.log(`floor (read + JSON.parse): ${floor.toFixed(0)} ms`);
    // Best of each, so a busy machine (other processes on the same cores) distorts the figures less.
    let best = Infinity;
    let bestWithout = Infinity;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const report = await scanPaths({ patterns: [dir], cwd: dir, asOf: '2026-11-26T00:00:00Z' });
      const ms = performance.now() - t0;
      best = Math.min(best, ms);
      console.log(`scan ${i + 1}: ${ms.toFixed(0)} ms (${report.summary.resources} resources, ${report.findings.length} findings, ratio ${(ms / floor).toFixed(2)})`);
      if (compareControls) {
        const t1 = performance.now();
        await scanPaths({ patterns: [dir], cwd: dir, asOf: '2026-11-26T00:00:00Z', controls: [] });
        const none = performance.now() - t1;
        bestWithout = Math.min(bestWithout, none);
        console.log(`  without controls: ${none.toFixed(0)} ms`);
      }
    }
    console.log(`best: ${best.toFixed(0)} ms, ratio ${(best / floor).toFixed(2)}`);
    if (compareControls) {
      console.log(`best without controls: ${bestWithout.toFixed(0)} ms, ratio ${(bestWithout / floor).toFixed(2)}; controls ≈ ${(best - bestWithout).toFixed(0)} ms (${((100 * (best - bestWithout)) / best).toFixed(0)}% of the scan)`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
