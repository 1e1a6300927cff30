// One size of the scan benchmark, run by bench/scan.ts in its own process (bundled as the engine ships):
// generates the corpus, measures the floor (read + JSON.parse of the same files) and the best full scan,
// and prints one JSON line of figures.
//
//   node <bundle of this file> N     (N = scale: N × 100 templates of 100 resources)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { writeCorpus } from './scan-corpus';
import { scanPaths } from '../src/node';

const BASE_TEMPLATES = 100; // × 100 resources = 10,000 resources at 1×
const WARM_UP_TEMPLATES = 10;

export interface Measurement {
  scale: number;
  templates: number;
  resources: number;
  expanded: number;
  bytes: number;
  floorMs: number;
  scanMs: number;
  /** Garbage collection during the fastest scan (pauses the scan waited for). */
  gcMs: number;
  maxRssMb: number;
}

function timeMs(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function child(scale: number): Promise<Measurement> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'controltrace-bench-'));
  try {
    const corpus = writeCorpus(dir, BASE_TEMPLATES * scale);
    // Floor: read + JSON.parse of the same files; best of 3 so a cold cache does not flatter the ratio.
    let floorMs = Infinity;
    for (let i = 0; i < 3; i++) {
      floorMs = Math.min(floorMs, timeMs(() => {
        for (const f of corpus.files) JSON.parse(fs.readFileSync(f, 'utf8'));
      }));
    }
    // Warm-up on a small corpus of the same kind, so the first measured scan does not pay for compiling the
    // scanner's code (the floor's JSON.parse is native and needs none).
    const warmDir = path.join(dir, 'warm-up');
    writeCorpus(warmDir, WARM_UP_TEMPLATES);
    for (let i = 0; i < 2; i++) await scanPaths({ patterns: [warmDir], cwd: warmDir, asOf: '2026-11-26T00:00:00Z' });
    fs.rmSync(warmDir, { recursive: true, force: true });
    let scanMs = Infinity;
    let gcMs = 0;
    let expanded = 0;
    let gcSoFar = 0;
    const gcObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcSoFar += e.duration;
    });
    gcObserver.observe({ entryTypes: ['gc'] });
    for (let i = 0; i < (scale >= 16 ? 2 : 3); i++) {
      const gc0 = gcSoFar;
      const t0 = process.hrtime.bigint();
      const report = await scanPaths({ patterns: [dir], cwd: dir, asOf: '2026-11-26T00:00:00Z' });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      // GC entries are delivered asynchronously: let them arrive before reading the sum.
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (ms < scanMs) {
        scanMs = ms;
        gcMs = gcSoFar - gc0;
      }
      if (!report.complete) throw new Error(`bench corpus did not scan completely: ${report.notes.filter((n) => n.level === 'error').map((n) => n.message).join('; ')}`);
      expanded = report.summary.resources;
    }
    gcObserver.disconnect();
    return {
      scale,
      templates: corpus.files.length,
      resources: corpus.resources,
      expanded,
      bytes: corpus.bytes,
      floorMs,
      scanMs,
      gcMs,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

child(Number(process.argv[2])).then(
  (m) => console.log(JSON.stringify(m)),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
