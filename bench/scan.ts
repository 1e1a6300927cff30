// Scan benchmark: generates the synthetic ARM corpus at 1×, 4× and 16× and, for each, measures the full
// scan (read, parse, expand, evaluate every control) against a floor measured in the same run on the same
// bytes: reading the files and JSON.parse of them. Prints resources per second, the ratio to the floor
// (target ≤ 5), the garbage collection of the fastest scan and peak memory. Each size runs in its own
// child process so peak memory is its own.
//
//   npx tsx bench/scan.ts            (all sizes)
//   node <bundle> --child N          (internal: one size, prints one JSON line; the parent bundles this file)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { buildSync, type BuildOptions } from 'esbuild';
import { writeCorpus } from './scan-corpus';
import { scanPaths } from '../src/node';

const BASE_TEMPLATES = 100; // × 100 resources = 10,000 resources at 1×
const SCALES = [1, 4, 16];
const WARM_UP_TEMPLATES = 10;

interface Measurement {
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

/**
 * The benchmark bundled with the options the CLI and the tasks ship with (scripts/bundle-options.json), so
 * it measures the code users run. Under tsx every module carries the loader's helpers (e.g. keepNames
 * wrappers), which made the same scan ~35 % slower while the floor, a native JSON.parse, paid nothing.
 */
function bundleForChildren(dir: string): string {
  const options = JSON.parse(fs.readFileSync(path.join(__dirname, '../scripts/bundle-options.json'), 'utf8')) as BuildOptions;
  const outfile = path.join(dir, 'scan-bench.js');
  // esbuild itself (only the parent uses it) stays a require of the installed package.
  buildSync({ ...options, entryPoints: [__filename], outfile, external: ['esbuild'] });
  return outfile;
}

function parent(): void {
  const rows: Measurement[] = [];
  const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'controltrace-bench-bundle-'));
  try {
    const bundle = bundleForChildren(bundleDir);
    for (const scale of SCALES) rows.push(runChild(bundle, scale));
  } finally {
    fs.rmSync(bundleDir, { recursive: true, force: true });
  }
  printRows(rows);
}

function runChild(bundle: string, scale: number): Measurement {
  const r = spawnSync(process.execPath, [bundle, '--child', String(scale)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new Error(`bench child for scale ${scale} failed with exit ${r.status}`);
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measurement;
}

function printRows(rows: readonly Measurement[]): void {
  console.log('ControlTrace scan benchmark (floor = read + JSON.parse of the same bytes, same run; engine bundled as shipped)');
  console.log('scale  templates  resources  MB     floor ms  scan ms   ratio  resources/s  GC ms  peak RSS MB');
  for (const m of rows) {
    console.log(
      [
        `${m.scale}×`.padEnd(5),
        String(m.templates).padStart(9),
        String(m.expanded).padStart(10),
        (m.bytes / 1e6).toFixed(1).padStart(5),
        m.floorMs.toFixed(0).padStart(9),
        m.scanMs.toFixed(0).padStart(8),
        (m.scanMs / m.floorMs).toFixed(2).padStart(7),
        Math.round(m.expanded / (m.scanMs / 1000)).toString().padStart(12),
        m.gcMs.toFixed(0).padStart(5),
        m.maxRssMb.toFixed(0).padStart(12),
      ].join('  '),
    );
  }
  const base = rows[0]!;
  for (const m of rows.slice(1)) {
    const growth = m.scanMs / base.scanMs / (m.resources / base.resources);
    console.log(`growth ${m.scale}× vs 1×: scan time per resource ×${growth.toFixed(2)} (1.00 = linear)`);
  }
  const worst = Math.max(...rows.map((m) => m.scanMs / m.floorMs));
  console.log(`scan/floor ratio: worst ${worst.toFixed(2)} (target ≤ 5) — ${worst <= 5 ? 'within target' : 'ABOVE TARGET'}`);
}

const childIdx = process.argv.indexOf('--child');
if (childIdx >= 0) {
  child(Number(process.argv[childIdx + 1])).then(
    (m) => console.log(JSON.stringify(m)),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
} else {
  parent();
}
