// TraceDataReader over azure-devops-node-api: the whole project at one instant, or an error that says
// what could not be read. The parts are read concurrently (the HTTP policy bounds what is in flight); the
// first failure cancels the rest, and nothing read so far is returned.

import type { TraceSource, WorkItemRecord } from '../core/trace';
import { InputError } from '../core/errors';
import { isIsoInstant } from '../core/trace/input-check';
import { connect, type AdoConnection, type ConnectOptions } from './connection';
import { AuthenticationError, IncompleteDataError, ResultsAfterAsOfError, UnreachableError } from './errors';
import { RequestFailedError, type PolicyStats } from './http-policy';
import { buildNumberIndex, listBuilds, readBuildWorkItems } from './read-builds';
import { readDeployments } from './read-deployments';
import { readTestData } from './read-tests';
import { queryWorkItemIds, readWorkItems, type WorkItemQuery } from './read-work-items';
import { ReadStepError } from './rest';
import type { ReadProjectOptions, TraceDataReader } from './trace-reader';

const REL_PARENT = 'system.linktypes.hierarchy-reverse';
const TESTED_BY = new Set(['microsoft.vsts.common.testedby-forward', 'microsoft.vsts.common.testedby-reverse']);

export interface AdoTraceReader extends TraceDataReader {
  /** Requests, retries and outcomes of the HTTP policy so far. */
  stats(): PolicyStats | undefined;
  /** The work items associated with a pipeline run (builds/{id}/workitems), ascending. */
  readRunWorkItemIds(project: string, buildId: number): Promise<number[]>;
}

export interface AdoReaderOptions extends ConnectOptions {
  /** WIQL partition size (default: the service's 20,000 cap); lower only to exercise partitioning. */
  wiqlPartitionSize?: number;
}

export function createAdoTraceReader(options: AdoReaderOptions): AdoTraceReader {
  let conn: AdoConnection | undefined;
  return {
    stats: () => conn?.policy.stats(),
    async readProject(opts) {
      conn ??= await connect(options);
      try {
        try {
          return await readProjectWith(conn, opts, options.wiqlPartitionSize);
        } catch (e) {
          // Without --as-of the read is pinned to its start; a test run that completed during it is seen by
          // the test point API but not by the pinned work items. Once more, pinned to a later instant.
          if (!(e instanceof ResultsAfterAsOfError) || opts.asOf !== undefined) throw e;
          conn = await connect(options);
          return await readProjectWith(conn, opts, options.wiqlPartitionSize);
        }
      } catch (e) {
        // A failed read cancels its connection's policy; the next read starts afresh.
        conn = undefined;
        throw e;
      }
    },
    async readRunWorkItemIds(project, buildId) {
      const c = (conn ??= await connect(options));
      try {
        const [build] = await readBuildWorkItems(c, project, [{ id: buildId }]);
        return build!.workItemIds;
      } catch (e) {
        throw explain(e, c, project);
      }
    },
  };
}

export async function readProjectWith(conn: AdoConnection, opts: ReadProjectOptions, wiqlPartitionSize?: number): Promise<TraceSource> {
  if (opts.asOf !== undefined && !isIsoInstant(opts.asOf)) {
    throw new InputError(`as-of '${opts.asOf}' is not an ISO-8601 instant with a zone, such as 2026-11-20T12:00:00Z`);
  }
  if (opts.requirementTypes.length === 0) throw new InputError('no requirement types given; name at least one work item type');
  const asOf = opts.asOf ?? new Date().toISOString();
  const project = opts.project;
  // Notes are told only about a read that succeeded: after a failure they would be noise or misleading.
  const notes: string[] = [];
  const note = (message: string) => void notes.push(message);
  const requirementTypes = new Set(opts.requirementTypes.map((t) => t.toLowerCase()));
  const types = [...new Set([...opts.requirementTypes, ...(opts.portfolioTypes ?? ['Feature', 'Epic']), ...(opts.testCaseTypes ?? ['Test Case'])])];
  const query: WorkItemQuery = { project, types, asOf, ...(opts.areaPath ? { areaPath: opts.areaPath } : {}), ...(wiqlPartitionSize ? { partitionSize: wiqlPartitionSize } : {}) };

  const parts = {
    workItems: queryWorkItemIds(conn, query).then((ids) => readWorkItems(conn, project, ids, asOf)),
    builds: listBuilds(conn, project, asOf),
    deployments: readDeployments(conn, project, asOf, note),
  };
  const tests = readTestData(conn, project, asOf, parts.builds.then(buildNumberIndex, () => new Map()));
  const builds = parts.builds.then((list) => readBuildWorkItems(conn, project, list));
  const all = [parts.workItems, tests, builds, parts.deployments] as const;
  // The first failure stops every other request; wait for them all to unwind before reporting it.
  for (const p of all) p.catch((e: unknown) => conn.policy.cancel(`cancelled after another read failed: ${(e as Error)?.message ?? String(e)}`));
  const settled = await Promise.allSettled(all);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected' && !isCancellation(s.reason));
  const anyFailure = failed ?? settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (anyFailure) throw explain(anyFailure.reason, conn, project);

  try {
    const [workItems, testData, buildRecords, deploymentData] = [await parts.workItems, await tests, await builds, await parts.deployments];
    const complete = await withReferencedItems(conn, project, asOf, workItems, testData.testPoints.map((p) => p.testCaseId), requirementTypes, note);
    for (const message of notes) opts.onNote?.(message);
    return {
      organization: organizationOf(conn.orgUrl),
      project,
      asOf,
      workItems: complete,
      ...testData,
      builds: buildRecords,
      ...deploymentData,
    };
  } catch (e) {
    throw explain(e, conn, project);
  }
}

/**
 * Parents (for the epic → feature chain) and test cases (Tested By links, test points) that the WIQL scope
 * left out, read by id until nothing is missing. A referenced item of a requirement type outside the scope
 * stays out, so an area filter never adds requirements.
 */
async function withReferencedItems(conn: AdoConnection, project: string, asOf: string, items: WorkItemRecord[], testCaseIds: number[], requirementTypes: Set<string>, note: (m: string) => void): Promise<WorkItemRecord[]> {
  const byId = new Map(items.map((w) => [w.id, w]));
  const excluded = new Set<number>();
  let wanted = new Set<number>(testCaseIds);
  let frontier = items;
  for (let round = 0; round < 32; round++) {
    for (const w of frontier) {
      for (const r of w.relations) {
        if (r.targetId === undefined) continue;
        const rel = r.rel.toLowerCase();
        if (rel === REL_PARENT || TESTED_BY.has(rel)) wanted.add(r.targetId);
      }
    }
    const missing = [...wanted].filter((id) => !byId.has(id) && !excluded.has(id)).sort((a, b) => a - b);
    if (missing.length === 0) break;
    const read = await readWorkItems(conn, project, missing, asOf);
    frontier = [];
    for (const w of read) {
      if (requirementTypes.has(w.type.toLowerCase())) {
        excluded.add(w.id);
        continue;
      }
      byId.set(w.id, w);
      frontier.push(w);
    }
    wanted = new Set();
  }
  if (excluded.size > 0) note(`${excluded.size} linked requirement(s) outside the area were left out: ${[...excluded].sort((a, b) => a - b).slice(0, 10).join(', ')}${excluded.size > 10 ? ', …' : ''}`);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function organizationOf(orgUrl: string): string {
  return decodeURIComponent(orgUrl.split('/').filter(Boolean).pop() ?? orgUrl);
}

function isCancellation(e: unknown): boolean {
  const cause = e instanceof ReadStepError ? e.cause : e;
  return cause instanceof RequestFailedError && cause.reason.startsWith('cancelled after another read failed');
}

/** One clear error for a failed read: auth and reachability as such, everything else as incomplete data. */
export function explain(e: unknown, conn: AdoConnection, project: string): unknown {
  if (e instanceof AuthenticationError || e instanceof UnreachableError || e instanceof IncompleteDataError || e instanceof InputError) return e;
  if (!(e instanceof ReadStepError)) return e;
  const cause = e.cause;
  if (cause instanceof AuthenticationError || cause instanceof UnreachableError || cause instanceof IncompleteDataError) return cause;
  if (cause instanceof RequestFailedError) {
    if (cause.networkCode && conn.policy.stats().outcomes['200'] === undefined) return new UnreachableError(conn.orgUrl, cause.networkCode);
    return new IncompleteDataError(e.what, `${cause.reason} after ${cause.attempts} attempt(s) (${cause.method} ${cause.url})`);
  }
  const status = (cause as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number') {
    if (status === 404 && e.what.startsWith('WIQL partition 1')) return new InputError(`project '${project}' was not found in ${conn.orgUrl} (HTTP 404)`);
    const detail = oneLine((cause as Error).message ?? '');
    return new IncompleteDataError(e.what, `HTTP ${status}${detail ? `: ${detail}` : ''}${status === 403 ? ' (the token lacks read permission)' : ''}`);
  }
  if (cause instanceof TypeError || cause instanceof RangeError || cause instanceof ReferenceError) return cause;
  return new IncompleteDataError(e.what, oneLine((cause as Error)?.message ?? String(cause)));
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
