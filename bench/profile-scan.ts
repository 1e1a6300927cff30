// Profiling aid for the scan: generates the benchmark corpus at one scale into a temporary folder and
// scans it a few times, printing each scan's time and, with --no-controls, the time with an empty control
// list too (the share the controls cost). Run it under the V8 profiler to see where the time goes:
//
//   npx tsx bench/profile-scan.ts [--scale N] [--runs N] [--no-controls] [--parts]
//
// --parts also times, best of the runs, the three stages the ARM engine and the controls own, on the same
// corpus without the rest of the scan: expansion of every template (src/core/arm), building the scan
// context, and running every applicable control's check (src/core/controls). Less noisy on a busy
// machine than the whole scan, and it says which of the three a change moved.
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
import { expandArmTemplate } from '../src/core/arm';
import { CONTROLS } from '../src/core/controls';
import type { ControlDefinition, NormalizedResource } from '../src/core/model';
import { resolveConfig } from '../src/core/scan/config';
import { createScanContext } from '../src/core/scan/context';

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
    if (process.argv.includes('--parts')) timeParts(corpus.files, runs, floor);
    if (compareControls) {
      console.log(`best without controls: ${bestWithout.toFixed(0)} ms, ratio ${(bestWithout / floor).toFixed(2)}; controls ≈ ${(best - bestWithout).toFixed(0)} ms (${((100 * (best - bestWithout)) / best).toFixed(0)}% of the scan)`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Expansion, scan context and checks alone (see --parts above), with no configuration file. Their sum with
 * the floor is what a scan built from these stages costs before it has made a single finding, located
 * anything, sorted or written a report: the ratio printed with it is the least such a scan can reach.
 */
function timeParts(files: readonly string[], runs: number, floor: number): void {
  const inputs = files.map((file) => ({ file, template: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown }));
  const config = resolveConfig({});
  const byType = new Map<string, ControlDefinition[]>();
  for (const c of CONTROLS) {
    for (const t of c.appliesTo) {
      const key = t.toLowerCase();
      const list = byType.get(key);
      if (list) list.push(c);
      else byType.set(key, [c]);
    }
  }
  let expand = Infinity;
  let context = Infinity;
  let checks = Infinity;
  let outcomes = 0;
  for (let i = 0; i < Math.max(runs, 2); i++) {
    const t0 = performance.now();
    const resources: NormalizedResource[] = [];
    for (const input of inputs) for (const r of expandArmTemplate({ ...input, context: config.deployment }).resources) resources.push(r);
    const t1 = performance.now();
    const ctx = createScanContext(resources, config);
    const t2 = performance.now();
    outcomes = 0;
    for (const r of resources) for (const c of byType.get(r.type.toLowerCase()) ?? []) outcomes += c.check(r, ctx).length;
    const t3 = performance.now();
    // The first round compiles the code: not counted.
    if (i === 0) continue;
    expand = Math.min(expand, t1 - t0);
    context = Math.min(context, t2 - t1);
    checks = Math.min(checks, t3 - t2);
  }
  console.log(`parts (best): expand ${expand.toFixed(0)} ms, scan context ${context.toFixed(0)} ms, checks ${checks.toFixed(0)} ms (${outcomes} outcomes)`);
  const stages = floor + expand + context + checks;
  console.log(
    `stages alone: floor + expand + context + checks = ${stages.toFixed(0)} ms, ratio ${(stages / floor).toFixed(2)} ` +
      '(no findings, locations, sorting or report: the least a scan made of these stages can reach)',
  );
}

void main();
