// Scan benchmark: generates the synthetic ARM corpus at 1×, 4× and 16× and, for each, measures the full
// scan (read, parse, expand, evaluate every control) against a floor measured in the same run on the same
// bytes: reading the files and JSON.parse of them. Prints resources per second, the ratio to the floor
// (target ≤ 5), the garbage collection of the fastest scan and peak memory. Each size runs in its own
// child process (bench/scan-child.ts) so peak memory is its own.
//
//   npx tsx bench/scan.ts

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';
import type { Measurement } from './scan-child';

const SCALES = [1, 4, 16];

/**
 * The benchmark bundled with the options the CLI and the tasks ship with (scripts/bundle-options.json), so
 * it measures the code users run. Under tsx every module carries the loader's helpers (e.g. keepNames
 * wrappers), which made the same scan ~35 % slower while the floor, a native JSON.parse, paid nothing.
 */
function bundleForChildren(dir: string): string {
  const options = JSON.parse(fs.readFileSync(path.join(__dirname, '../scripts/bundle-options.json'), 'utf8')) as BuildOptions;
  const outfile = path.join(dir, 'scan-bench.js');
  buildSync({ ...options, entryPoints: [path.join(__dirname, 'scan-child.ts')], outfile });
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
  const r = spawnSync(process.execPath, [bundle, String(scale)], { encoding: 'utf8', maxBuffer: 1 << 24 });
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


parent();
