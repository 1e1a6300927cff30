// Work items: WIQL for the ids (partitioned by id so no query meets the 20,000-result cap), then
// workitemsbatch in two passes of ≤ 200 ids — fields, then relations — because the service refuses
// `fields` and `$expand` together. All reads pin the same `asOf`, so both passes see one snapshot.

import { WorkItemErrorPolicy, WorkItemExpand, type WorkItem } from 'azure-devops-node-api/interfaces/WorkItemTrackingInterfaces';
import type { WorkItemRecord } from '../core/trace';
import type { AdoConnection } from './connection';
import { IncompleteDataError } from './errors';
import { withPriority } from './http-policy';
import { mapRelation, mapWorkItem, type WireWorkItem } from './map';
import { annotate, HttpStatusError, step } from './rest';

/** The service's cap on WIQL results (object limits) and on ids per workitemsbatch call. */
export const WIQL_RESULT_CAP = 20_000;
export const BATCH_SIZE = 200;

export const WORK_ITEM_FIELDS = ['System.Id', 'System.Rev', 'System.WorkItemType', 'System.Title', 'System.State', 'System.ChangedDate', 'System.AreaPath', 'System.IterationPath'];

export interface WorkItemQuery {
  project: string;
  types: string[];
  asOf: string;
  areaPath?: string;
  /** Results per WIQL partition; at most the service cap. Lower values exist for tests. */
  partitionSize?: number;
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

export function wiqlText(q: WorkItemQuery, afterId: number): string {
  const clauses = ['[System.TeamProject] = @project', `[System.WorkItemType] IN (${q.types.map(quote).join(', ')})`];
  if (q.areaPath) clauses.push(`[System.AreaPath] UNDER ${quote(q.areaPath)}`);
  clauses.push(`[System.Id] > ${afterId}`);
  return `SELECT [System.Id] FROM WorkItems WHERE ${clauses.join(' AND ')} ORDER BY [System.Id] ASC ASOF ${quote(q.asOf)}`;
}

/**
 * The ids WIQL selects, read in id order one partition at a time: each query asks for ids above the last one
 * seen, with $top = the partition size, until a partition comes back short. WIQL has no paging, and this keeps
 * every query under the result cap whatever the size of the project.
 */
export async function queryWorkItemIds(conn: AdoConnection, q: WorkItemQuery): Promise<number[]> {
  const size = Math.min(q.partitionSize ?? WIQL_RESULT_CAP, WIQL_RESULT_CAP);
  const ids: number[] = [];
  let after = 0;
  for (let partition = 1; ; partition++) {
    const what = `WIQL partition ${partition} (work item ids above ${after})`;
    const result = await step(what, () => withPriority(1, () => conn.wit.queryByWiql({ query: wiqlText(q, after) }, { project: q.project }, undefined, size)));
    // typed-rest-client turns a 404 (unknown project) into a null result.
    if (!result || Object.keys(result).length === 0) throw annotate(new HttpStatusError(404, `WIQL for project ${q.project}`, 'not found'), what);
    if (!Array.isArray(result.workItems)) throw new IncompleteDataError(what, 'the service returned no work item list');
    const page = result.workItems.map((w) => Number(w.id));
    for (const id of page) {
      if (!Number.isInteger(id) || id <= after) throw new IncompleteDataError(what, `the result is not in ascending id order (id ${id} after ${after})`);
      after = id;
      ids.push(id);
    }
    if (page.length < size) return ids;
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function range(ids: number[]): string {
  return ids.length === 1 ? `${ids[0]}` : `${ids[0]}–${ids[ids.length - 1]} (${ids.length} ids)`;
}

/**
 * One pass, each item mapped as its batch arrives so the wire objects (the relations pass carries every
 * field) are dropped at once instead of being held, and copied by the collector, until the join.
 */
async function batchPass<T>(conn: AdoConnection, project: string, ids: number[], asOf: string, pass: 'fields' | 'relations', keep: (w: WireWorkItem) => T): Promise<Map<number, T>> {
  const sorted = [...ids].sort((a, b) => a - b);
  const out = new Map<number, T>();
  await Promise.all(
    chunks(sorted, BATCH_SIZE).map(async (chunk) => {
      const what = `workitemsbatch ${pass} for work items ${range(chunk)}`;
      const request = pass === 'fields'
        ? { ids: chunk, fields: WORK_ITEM_FIELDS, asOf: new Date(asOf), errorPolicy: WorkItemErrorPolicy.Omit }
        : { ids: chunk, $expand: WorkItemExpand.Relations, asOf: new Date(asOf), errorPolicy: WorkItemErrorPolicy.Omit };
      const items: (WorkItem | null)[] | null = await step(what, () => conn.wit.getWorkItemsBatch(request, project));
      if (!Array.isArray(items)) throw new IncompleteDataError(what, 'the service returned no work items');
      const returned = new Set(items.map((w) => w?.id));
      const missing = chunk.filter((id) => !returned.has(id));
      if (missing.length > 0) {
        throw new IncompleteDataError(what, `work item(s) ${missing.join(', ')} were not returned (deleted, or not readable with this token)`);
      }
      for (const w of items) if (w && typeof w.id === 'number') out.set(w.id, keep(w as WireWorkItem));
    }),
  );
  return out;
}

/** Both batch passes for `ids`, joined. */
export async function readWorkItems(conn: AdoConnection, project: string, ids: number[], asOf: string): Promise<WorkItemRecord[]> {
  if (ids.length === 0) return [];
  // The record is mapped from the fields pass with no relations; the relations pass's (mapped as in
  // mapWorkItem) take their place at the join, so the record is the same as mapWorkItem(fields, relations).
  const [fields, relations] = await Promise.all([
    batchPass(conn, project, ids, asOf, 'fields', (w) => ({ rev: w.rev, record: mapWorkItem(w, { relations: null }) })),
    // The relations pass also carries every field; keep only what the join needs.
    batchPass(conn, project, ids, asOf, 'relations', (w) => ({ rev: w.rev, relations: (w.relations ?? []).map(mapRelation) })),
  ]);
  return [...ids].sort((a, b) => a - b).map((id) => {
    const f = fields.get(id)!;
    const r = relations.get(id)!;
    if (f.rev !== r.rev) {
      throw new IncompleteDataError(`work item ${id}`, `the fields pass saw revision ${f.rev} and the relations pass revision ${r.rev}`);
    }
    f.record.relations = r.relations;
    return f.record;
  });
}
