// Traceability read benchmark: a `large:20000` emulator project (about 20,000 work items and 40,000 test
// points) served with 20 ms latency per request, read whole by the ADO reader. Prints
//   requests made ÷ the minimum the endpoints allow (computed from the data read: one WIQL query per 20,000
//     ids, ceil(ids/200) per workitemsbatch pass, one request per page of each paged list at the service's
//     page size, one builds/{id}/workitems per build, the location lookups the client must make),
//   wall time ÷ (minimum data requests × latency ÷ concurrency),
//   peak memory (maxRSS) of the reading process.
// The emulator runs in its own process, so its CPU and memory are not the reader's. Target ratios ≤ 1.3.
//
//   npx tsx bench/trace.ts [--seed large:20000] [--latency 20]

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createAdoTraceReader } from '../src/ado';
import { BATCH_SIZE, WIQL_RESULT_CAP } from '../src/ado/read-work-items';
import { DEFAULT_TRACE_OPTIONS, type TraceSource } from '../src/core/trace';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const SEED = option('--seed', 'large:20000');
const LATENCY_MS = Number(option('--latency', '20'));
const CONCURRENCY = 4;
const TARGET = 1.3;

/** The service's default page sizes, which the emulator serves (see src/emulator/README.md). */
const PAGE = { testPlans: 200, testSuites: 200, testPoints: 200, builds: 1000, environments: 50, deploymentRecords: 50 };
/** ResourceAreas + OPTIONS for Location, wit, testplan, build, distributedtask. */
const LOCATION_LOOKUPS = 6;

function startEmulatorProcess(): Promise<{ url: string; project: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'bin', 'controltrace.js'), 'emulator', '--port', '0', '--seed', SEED, '--latency', String(LATENCY_MS)], {
      env: { ...process.env, CONTROLTRACE_FROM_SOURCE: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /Azure DevOps emulator: (http:\/\/\S+)\s+\(organization \S+, project ([^;]+);/.exec(out);
      if (m) resolve({ url: m[1]!, project: m[2]!, child });
    });
    child.on('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
}

/** CPU seconds (user + system) a process has used, from /proc; undefined where there is no /proc. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, counted after the command name: indexes 11 and 12 here.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));

function countBy<T>(items: T[], key: (t: T) => number): Map<number, number> {
  const m = new Map<number, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return m;
}

/** The fewest data requests (location lookups excluded) that read this source through these endpoints. */
function minimumDataRequests(s: TraceSource): Record<string, number> {
  const ids = s.workItems.length;
  const suitesPerPlan = countBy(s.testSuites, (x) => x.planId);
  const pointsPerPlan = countBy(s.testPoints, (x) => x.planId);
  const depsPerEnv = countBy(s.deployments, (x) => x.environment.id);
  return {
    wiql: Math.floor(ids / WIQL_RESULT_CAP) + 1,
    workitemsbatch: 2 * Math.ceil(ids / BATCH_SIZE),
    testPlans: pages(s.testPlans.length, PAGE.testPlans),
    testSuites: s.testPlans.reduce((n, p) => n + pages(suitesPerPlan.get(p.id) ?? 0, PAGE.testSuites), 0),
    testPoints: s.testPlans.reduce((n, p) => n + pages(pointsPerPlan.get(p.id) ?? 0, PAGE.testPoints), 0),
    builds: pages(s.builds.length, PAGE.builds),
    buildWorkItems: s.builds.length,
    environments: pages(s.environments.length, PAGE.environments),
    deploymentRecords: s.environments.reduce((n, e) => n + pages(depsPerEnv.get(e.id) ?? 0, PAGE.deploymentRecords), 0),
    approvals: 1,
  };
}

async function main(): Promise<void> {
  console.log(`ControlTrace trace-read benchmark: seed ${SEED}, ${LATENCY_MS} ms latency per request, concurrency ${CONCURRENCY}`);
  const emulator = await startEmulatorProcess();
  try {
    const reader = createAdoTraceReader({ orgUrl: emulator.url, token: 'bench-token' });
    const serverCpuBefore = cpuSeconds(emulator.child.pid);
    const readerCpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const source = await reader.readProject({ project: emulator.project, requirementTypes: DEFAULT_TRACE_OPTIONS.requirementTypes });
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const serverCpuAfter = cpuSeconds(emulator.child.pid);
    const readerCpu = process.cpuUsage(readerCpu0);
    const stats = reader.stats()!;
    const minimum = minimumDataRequests(source);
    const minData = Object.values(minimum).reduce((a, b) => a + b, 0);
    const minAll = minData + LOCATION_LOOKUPS;
    const floorMs = (minData * LATENCY_MS) / CONCURRENCY;
    const requestRatio = stats.attempts / minAll;
    const timeRatio = wallMs / floorMs;
    const maxRssMb = process.resourceUsage().maxRSS / 1024;

    console.log(`read: ${source.workItems.length} work items, ${source.testPlans.length} plans, ${source.testSuites.length} suites, ${source.testPoints.length} test points, ${source.builds.length} builds, ${source.deployments.length} deployments`);
    console.log(`minimum requests by endpoint: ${Object.entries(minimum).map(([k, v]) => `${k} ${v}`).join(', ')}, location lookups ${LOCATION_LOOKUPS}`);
    console.log(`requests: ${stats.attempts} made (${stats.retries} retries) / ${minAll} minimum = ${requestRatio.toFixed(3)} (target ≤ ${TARGET}) — ${requestRatio <= TARGET ? 'within target' : 'ABOVE TARGET'}`);
    console.log(`wall time: ${(wallMs / 1000).toFixed(2)} s / floor ${(floorMs / 1000).toFixed(2)} s (${minData} requests × ${LATENCY_MS} ms ÷ ${CONCURRENCY}) = ${timeRatio.toFixed(3)} (target ≤ ${TARGET}) — ${timeRatio <= TARGET ? 'within target' : 'ABOVE TARGET'}`);
    console.log(`mean request time ${(stats.busyMs / stats.attempts).toFixed(1)} ms (latency ${LATENCY_MS} ms + server and transfer); slots busy ${((100 * stats.busyMs) / (wallMs * CONCURRENCY)).toFixed(0)} % of the wall time`);
    if (serverCpuBefore !== undefined && serverCpuAfter !== undefined) {
      // The floor counts latency only; the emulator serves on one thread, and its own work adds to every request.
      console.log(`CPU during the read: emulator ${(serverCpuAfter - serverCpuBefore).toFixed(2)} s, reader ${((readerCpu.user + readerCpu.system) / 1e6).toFixed(2)} s (neither is in the floor)`);
    }
    console.log(`peak memory (maxRSS of the reading process): ${maxRssMb.toFixed(0)} MB`);
  } finally {
    emulator.child.removeAllListeners('exit');
    emulator.child.kill('SIGTERM');
  }
}

main().catch((e: unknown) => {
  console.error(`trace benchmark failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
