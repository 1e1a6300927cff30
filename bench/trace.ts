// Traceability read benchmark: a `large:20000` emulator project (about 20,000 work items and 40,000 test
// points) served with 20 ms latency per request, read whole by the ADO reader. Prints
//   requests made ÷ the minimum the endpoints allow (computed from the data read: one WIQL query per 20,000
//     ids, ceil(ids/200) per workitemsbatch pass, one request per page of each paged list at the service's
//     page size, one builds/{id}/workitems per build, the location lookups the client must make),
//   wall time ÷ (minimum data requests × latency ÷ concurrency),
//   peak memory (maxRSS) of the reading process.
// The emulator runs in its own process (this file, forked with --serve), so its CPU and memory are not the
// reader's, as a real service's are not. Its latency counts from each request's arrival: the time it takes
// to answer is inside the 20 ms, not on top of it. Target ratios ≤ 1.3.
// Also printed: where request time goes — per endpoint, the reader's slot time (to headers, to last byte)
// against the emulator's own time (work before the answer was ready, time until it was sent) — and the
// event-loop delay of both processes. --detail adds the per-endpoint table.
//
//   npx tsx bench/trace.ts [--seed large:20000] [--latency 20] [--detail]

import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { createAdoTraceReader } from '../src/ado';
import type { AttemptTiming } from '../src/ado/http-policy';
import { BATCH_SIZE, WIQL_RESULT_CAP } from '../src/ado/read-work-items';
import { DEFAULT_TRACE_OPTIONS, type TraceSource } from '../src/core/trace';
import { startEmulator, type SeedName, type ServedTiming } from '../src/emulator';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const SEED = option('--seed', 'large:20000');
const LATENCY_MS = Number(option('--latency', '20'));
const DETAIL = args.includes('--detail');
const CONCURRENCY = 4;
const TARGET = 1.3;

/** The service's default page sizes, which the emulator serves (see src/emulator/README.md). */
const PAGE = { testPlans: 200, testSuites: 200, testPoints: 200, builds: 1000, environments: 50, deploymentRecords: 50 };
/** ResourceAreas + OPTIONS for Location, wit, testplan, build, distributedtask. */
const LOCATION_LOOKUPS = 6;

/** Messages between the bench and its emulator process. */
type ServerMessage = { kind: 'ready'; url: string; project: string } | { kind: 'report'; served: ServedTiming[]; loopDelay: LoopDelay };
interface LoopDelay {
  meanMs: number;
  p99Ms: number;
  maxMs: number;
}

const loopDelayOf = (h: IntervalHistogram): LoopDelay => ({ meanMs: h.mean / 1e6, p99Ms: h.percentile(99) / 1e6, maxMs: h.max / 1e6 });

/** The emulator process: serves until killed; on 'report' sends what it served since the last 'reset'. */
async function serve(): Promise<void> {
  let served: ServedTiming[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const emulator = await startEmulator({ seed: SEED as SeedName, faults: { latencyMs: LATENCY_MS }, onServed: (t) => void served.push(t) });
  process.on('message', (m: string) => {
    if (m === 'reset') {
      served = [];
      loop.reset();
      loop.enable();
    } else if (m === 'report') {
      loop.disable();
      process.send!({ kind: 'report', served, loopDelay: loopDelayOf(loop) } satisfies ServerMessage);
    }
  });
  process.on('disconnect', () => void emulator.close().then(() => process.exit(0)));
  process.send!({ kind: 'ready', url: emulator.url, project: emulator.project } satisfies ServerMessage);
}

function startEmulatorProcess(): Promise<{ url: string; project: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    // Forked with this process's execArgv, so the TypeScript loader comes along.
    const child = fork(__filename, ['--serve', '--seed', SEED, '--latency', String(LATENCY_MS)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m: ServerMessage) => {
      if (m.kind === 'ready') resolve({ url: m.url, project: m.project, child });
    });
    child.on('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
}

function serverReport(child: ChildProcess): Promise<Extract<ServerMessage, { kind: 'report' }>> {
  return new Promise((resolve) => {
    const on = (m: ServerMessage) => {
      if (m.kind !== 'report') return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
    child.send('report');
  });
}

/** The emulator's route key for a request URL the reader made (as close as the URL tells). */
function endpointOf(method: string, url: string): string {
  const path = new URL(url).pathname.toLowerCase();
  if (method === 'OPTIONS' || path.endsWith('/resourceareas')) return 'location lookups';
  const rules: Array<[RegExp, string]> = [
    [/\/wit\/wiql$/, 'wiql'],
    [/\/wit\/workitemsbatch$/, 'workitemsbatch'],
    [/\/testpoint$/, 'testPoints'],
    [/\/suites$/, 'testSuites'],
    [/\/plans$/, 'testPlans'],
    [/\/builds\/\d+\/workitems$/, 'buildWorkItems'],
    [/\/builds$/, 'builds'],
    [/\/environmentdeploymentrecords$/, 'deploymentRecords'],
    [/\/environments$/, 'environments'],
    [/\/approvals$/, 'approvals'],
  ];
  return rules.find(([re]) => re.test(path))?.[1] ?? path;
}

function serverEndpointOf(key: string): string {
  return endpointOf(key.startsWith('OPTIONS') ? 'OPTIONS' : 'GET', `http://x/${key.replace(/^\S+ /, '').replace(/\{[^}]+\}/g, '1')}`);
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (x: number) => x.toFixed(1).padStart(6);

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
}

function printBreakdown(attempts: AttemptTiming[], served: ServedTiming[]): void {
  const client = groupBy(attempts, (a) => endpointOf(a.method, a.url));
  const server = groupBy(served, (t) => serverEndpointOf(t.key));
  console.log('per endpoint, means in ms (reader: to headers / to last byte, p95 to last byte; emulator: answer ready / sent; body KB):');
  console.log(`  ${'endpoint'.padEnd(18)} ${'n'.padStart(5)} ${'hdrs'.padStart(6)} ${'total'.padStart(6)} ${'p95'.padStart(6)} ${'ready'.padStart(6)} ${'sent'.padStart(6)} ${'KB'.padStart(6)}`);
  for (const [name, list] of [...client.entries()].sort((a, b) => b[1].length - a[1].length)) {
    const s = server.get(name) ?? [];
    const totals = list.map((a) => a.totalMs);
    console.log(`  ${name.padEnd(18)} ${String(list.length).padStart(5)} ${ms(mean(list.map((a) => a.headersMs)))} ${ms(mean(totals))} ${ms(quantile(totals, 0.95))} ${ms(mean(s.map((t) => t.workMs)))} ${ms(mean(s.map((t) => t.sentMs)))} ${(mean(list.map((a) => a.bodyChars)) / 1024).toFixed(0).padStart(6)}`);
  }
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
    const attempts: AttemptTiming[] = [];
    const reader = createAdoTraceReader({ orgUrl: emulator.url, token: 'bench-token', policy: { onAttempt: (a) => void attempts.push(a) } });
    emulator.child.send('reset');
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const serverCpuBefore = cpuSeconds(emulator.child.pid);
    const readerCpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const source = await reader.readProject({ project: emulator.project, requirementTypes: DEFAULT_TRACE_OPTIONS.requirementTypes });
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const serverCpuAfter = cpuSeconds(emulator.child.pid);
    const readerCpu = process.cpuUsage(readerCpu0);
    loop.disable();
    const readerLoop = loopDelayOf(loop);
    const report = await serverReport(emulator.child);
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
    const served = report.served.filter((t) => t.status < 400);
    console.log(`emulator: answer ready ${mean(served.map((t) => t.workMs)).toFixed(1)} ms after arrival on average (p95 ${quantile(served.map((t) => t.workMs), 0.95).toFixed(1)}), sent after ${mean(served.map((t) => t.sentMs)).toFixed(1)} ms; reader: headers after ${mean(attempts.map((a) => a.headersMs)).toFixed(1)} ms, last byte after ${mean(attempts.map((a) => a.totalMs)).toFixed(1)} ms`);
    const fmt = (d: LoopDelay) => `mean ${d.meanMs.toFixed(1)} ms, p99 ${d.p99Ms.toFixed(1)} ms, max ${d.maxMs.toFixed(1)} ms`;
    console.log(`event-loop delay: reader ${fmt(readerLoop)}; emulator ${fmt(report.loopDelay)}`);
    if (DETAIL) printBreakdown(attempts, report.served);
    console.log(`peak memory (maxRSS of the reading process): ${maxRssMb.toFixed(0)} MB`);
  } finally {
    emulator.child.removeAllListeners('exit');
    // Disconnecting lets the emulator close and exit on its own (so `--cpu-prof` can write its profile).
    const exited = new Promise<void>((resolve) => emulator.child.once('exit', () => resolve()));
    emulator.child.disconnect();
    const timer = setTimeout(() => emulator.child.kill('SIGTERM'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

(args.includes('--serve') ? serve() : main()).catch((e: unknown) => {
  console.error(`trace benchmark failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
