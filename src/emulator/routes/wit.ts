// Work item tracking: WIQL, work items (single, list, batch), revisions and updates.

import { StoredRelation } from '../data/types';
import { badRequest, Handler, HttpError, identityRef, idList, intParam, notFound, optionalInt, projectUrl, RequestContext } from '../http';
import { WorkItemSnapshot } from '../store';
import { ENUMS, listBody } from '../wire';
import { evaluate, parseWiql, splitLinkConditions, WiqlError, WiqlQuery } from '../wiql';

const WIQL_RESULT_LIMIT = 20_000;
const MAX_IDS = 200;
const IDENTITY_FIELDS = new Set(['System.CreatedBy', 'System.ChangedBy', 'System.AssignedTo']);
const WORK_ITEM_LINK_TYPES = new Set(['System.LinkTypes.Hierarchy-Forward', 'System.LinkTypes.Hierarchy-Reverse', 'Microsoft.VSTS.Common.TestedBy-Forward', 'Microsoft.VSTS.Common.TestedBy-Reverse']);
const TREE_LINK_TYPES = new Set(['System.LinkTypes.Hierarchy-Forward', 'System.LinkTypes.Hierarchy-Reverse']);

const workItemUrl = (ctx: RequestContext, id: number) => `${projectUrl(ctx)}/_apis/wit/workItems/${id}`;

function fieldRef(ctx: RequestContext, referenceName: string) {
  const name = referenceName.split('.').pop()!.replace(/([a-z])([A-Z])/g, '$1 $2');
  return { referenceName, name, url: `${ctx.orgUrl}/_apis/wit/fields/${referenceName}` };
}

function renderFields(ctx: RequestContext, snap: WorkItemSnapshot, only?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const names = only ?? Object.keys(snap.fields).sort();
  for (const name of names) {
    const value = snap.fields[name];
    if (value === undefined) continue;
    out[name] = IDENTITY_FIELDS.has(name) ? identityRef(ctx, String(value)) : value;
  }
  return out;
}

function renderRelation(ctx: RequestContext, r: StoredRelation) {
  return {
    rel: r.rel,
    url: r.targetId !== undefined ? `${ctx.orgUrl}/_apis/wit/workItems/${r.targetId}` : r.url,
    attributes: { isLocked: false, name: r.name },
  };
}

type Expand = 'none' | 'relations' | 'fields' | 'links' | 'all';

function renderWorkItem(ctx: RequestContext, snap: WorkItemSnapshot, fields: string[] | undefined, expand: Expand) {
  const item: Record<string, unknown> = { id: snap.id, rev: snap.rev, fields: renderFields(ctx, snap, fields) };
  if (expand === 'relations' || expand === 'all') item.relations = snap.relations.map((r) => renderRelation(ctx, r));
  if (expand === 'links' || expand === 'all') {
    const self = workItemUrl(ctx, snap.id);
    item._links = {
      self: { href: self },
      workItemUpdates: { href: `${self}/updates` },
      workItemRevisions: { href: `${self}/revisions` },
      fields: { href: `${projectUrl(ctx)}/_apis/wit/fields` },
      html: { href: `${ctx.orgUrl.replace(/\/[^/]*$/, '')}/${ctx.store.data.organization}/${ctx.store.data.project.id}/_workitems/edit/${snap.id}` },
    };
  }
  item.url = workItemUrl(ctx, snap.id);
  return item;
}

// Clients that serialize enums as numbers (azure-devops-node-api does) send WorkItemExpand's values.
const EXPAND_VALUES: Expand[] = ['none', 'relations', 'fields', 'links', 'all'];

function parseExpand(raw: unknown): Expand {
  if (raw === undefined || raw === null || raw === '') return 'none';
  const v = String(raw).toLowerCase();
  const hit = /^\d$/.test(v) ? EXPAND_VALUES[Number(v)] : EXPAND_VALUES.find((k) => k === v);
  if (!hit) throw badRequest(`The value '${raw}' is not valid for $expand: use None, Relations, Fields, Links or All.`);
  return hit;
}

function parseAsOf(raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const t = Date.parse(String(raw));
  if (Number.isNaN(t)) throw badRequest(`The value '${raw}' is not a valid date for asOf.`);
  return t;
}

function readItems(ctx: RequestContext, ids: number[], fields: string[] | undefined, expandRaw: unknown, asOfRaw: unknown, errorPolicyRaw: unknown) {
  if (ids.length === 0) throw badRequest('The list of work item ids is empty; supply between 1 and 200 ids.', 'ArgumentNullException');
  if (ids.length > MAX_IDS) throw badRequest(`VS403474: The maximum number of work items you can request is ${MAX_IDS}; the request had ${ids.length}.`, 'WorkItemTrackingBatchLimitExceededException');
  const expand = parseExpand(expandRaw);
  if (fields && fields.length > 0 && expand !== 'none') {
    throw badRequest('The expand parameter can not be used with the fields parameter.', 'ConflictingParametersException');
  }
  for (const f of fields ?? []) {
    if (!ctx.store.knownFields.has(f)) throw badRequest(`TF51535: Cannot find field ${f}.`, 'WorkItemTrackingFieldDefinitionNotFoundException');
  }
  const asOf = parseAsOf(asOfRaw);
  // WorkItemErrorPolicy: Fail = 1, Omit = 2.
  const omit = ['omit', '2'].includes(String(errorPolicyRaw ?? 'fail').toLowerCase());
  return ids.map((id) => {
    const snap = ctx.store.workItemAt(id, asOf);
    if (!snap) {
      if (omit) return null;
      throw notFound(`TF401232: Work item ${id} does not exist, or you do not have permissions to read it.`, 'WorkItemUnauthorizedAccessException');
    }
    return renderWorkItem(ctx, snap, fields && fields.length > 0 ? fields : undefined, expand);
  });
}

export const getWorkItemsBatch: Handler = (ctx) => {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  if (!Array.isArray(body.ids) || !body.ids.every((i) => Number.isInteger(i))) throw badRequest('The request body must have "ids": an array of work item ids.', 'ArgumentNullException');
  if (body.fields !== undefined && !(Array.isArray(body.fields) && body.fields.every((f) => typeof f === 'string'))) throw badRequest('"fields" must be an array of field reference names.');
  const value = readItems(ctx, body.ids as number[], body.fields as string[] | undefined, body.$expand, body.asOf, body.errorPolicy);
  return { body: listBody(value, ctx.format) };
};

export const getWorkItems: Handler = (ctx) => {
  const ids = idList(ctx.query.get('ids'), 'ids');
  const fields = ctx.query.get('fields')?.split(',').map((s) => s.trim()).filter(Boolean);
  const value = readItems(ctx, ids, fields, ctx.query.get('$expand'), ctx.query.get('asOf'), ctx.query.get('errorPolicy'));
  return { body: listBody(value, ctx.format) };
};

export const getWorkItem: Handler = (ctx) => {
  const id = intParam(ctx, 'id');
  const fields = ctx.query.get('fields')?.split(',').map((s) => s.trim()).filter(Boolean);
  const [item] = readItems(ctx, [id], fields, ctx.query.get('$expand'), ctx.query.get('asOf'), 'fail');
  return { body: item };
};

function revisionsOf(ctx: RequestContext) {
  const id = intParam(ctx, 'id');
  const revs = ctx.store.revisions(id);
  if (!revs) throw notFound(`TF401232: Work item ${id} does not exist, or you do not have permissions to read it.`, 'WorkItemUnauthorizedAccessException');
  const skip = optionalInt(ctx, '$skip', 0)!;
  const top = optionalInt(ctx, '$top', 200)!;
  if (top < 1 || top > 200 || skip < 0) throw badRequest('$top must be between 1 and 200 and $skip at least 0.');
  return { id, revs, skip, top };
}

export const getRevisions: Handler = (ctx) => {
  const { id, revs, skip, top } = revisionsOf(ctx);
  const expand = parseExpand(ctx.query.get('$expand'));
  const value = revs.slice(skip, skip + top).map((r) => {
    const snap = ctx.store.workItemAt(id, Date.parse(r.changedDate));
    // Several revisions can share a timestamp; fold up to this revision number exactly.
    const exact = foldToRevision(ctx, id, r.rev) ?? snap!;
    const item = renderWorkItem(ctx, exact, undefined, expand);
    item.url = `${workItemUrl(ctx, id)}/revisions/${r.rev}`;
    return item;
  });
  return { body: listBody(value, ctx.format) };
};

/**
 * The reporting revisions feed: every revision in changed-date order, `$maxPageSize` at a time, with
 * `continuationToken` as the watermark. Identity fields are "Display Name <unique name>" strings unless
 * `includeIdentityRef=true`, as in the service's examples.
 */
export const getReportingRevisions: Handler = (ctx) => {
  const maxPage = optionalInt(ctx, '$maxPageSize', 1000)!;
  if (maxPage < 1 || maxPage > 1000) throw badRequest('$maxPageSize must be between 1 and 1000.');
  const size = Math.min(maxPage, ctx.pageSize ?? maxPage);
  const fields = ctx.query.get('fields')?.split(',').map((f) => f.trim()).filter(Boolean);
  for (const f of fields ?? []) if (!ctx.store.knownFields.has(f) && f !== 'System.RevisedDate') throw badRequest(`TF51535: Cannot find field ${f}.`, 'WorkItemTrackingFieldDefinitionNotFoundException');
  const types = ctx.query.get('types')?.split(',').map((t) => t.trim().toLowerCase());
  const start = parseAsOf(ctx.query.get('startDateTime'));
  const identityRefs = (ctx.query.get('includeIdentityRef') ?? '').toLowerCase() === 'true';
  const token = ctx.query.get('continuationToken');
  const from = token === null ? 0 : Number(token);
  if (!Number.isSafeInteger(from) || from < 0) throw badRequest(`The continuation token '${token}' is not valid.`, 'InvalidContinuationTokenException');
  const feed = ctx.store.revisionFeed();
  const values: unknown[] = [];
  let i = from;
  for (; i < feed.length && values.length < size; i++) {
    const entry = feed[i];
    if (start !== undefined && Date.parse(entry.changedDate) < start) continue;
    const snap = foldToRevision(ctx, entry.id, entry.rev)!;
    if (types && !types.includes(String(snap.fields['System.WorkItemType']).toLowerCase())) continue;
    const revs = ctx.store.revisions(entry.id)!;
    const out: Record<string, unknown> = {};
    const withRevised: Record<string, string | number> = { ...snap.fields, 'System.RevisedDate': entry.rev < revs.length ? revs[entry.rev].changedDate : '9999-01-01T00:00:00Z' };
    for (const name of fields ?? Object.keys(withRevised).sort()) {
      const v = withRevised[name];
      if (v === undefined) continue;
      if (!IDENTITY_FIELDS.has(name)) out[name] = v;
      else if (identityRefs) out[name] = identityRef(ctx, String(v));
      else { const who = ctx.store.identity(String(v)); out[name] = `${who.displayName} <${who.uniqueName}>`; }
    }
    values.push({ id: entry.id, rev: entry.rev, fields: out });
  }
  const next = String(i);
  const query = new URLSearchParams(ctx.query);
  query.set('continuationToken', next);
  return {
    body: { values, nextLink: `${projectUrl(ctx)}/_apis/wit/reporting/workItemRevisions?${query.toString()}`, continuationToken: next, isLastBatch: i >= feed.length },
  };
};

function foldToRevision(ctx: RequestContext, id: number, rev: number): WorkItemSnapshot | undefined {
  const revs = ctx.store.revisions(id)!;
  let snap: WorkItemSnapshot | undefined;
  for (const r of revs) {
    if (r.rev > rev) break;
    snap = {
      id,
      rev: r.rev,
      fields: { ...(snap?.fields ?? {}), ...r.fields, 'System.Id': id, 'System.Rev': r.rev, 'System.ChangedDate': r.changedDate, 'System.ChangedBy': r.changedBy },
      relations: r.relations ?? snap?.relations ?? [],
    };
  }
  return snap;
}

export const getUpdates: Handler = (ctx) => {
  const { id, revs, skip, top } = revisionsOf(ctx);
  const value = revs.slice(skip, skip + top).map((r, i) => {
    const before = r.rev > 1 ? foldToRevision(ctx, id, r.rev - 1) : undefined;
    const after = foldToRevision(ctx, id, r.rev)!;
    const fields: Record<string, { oldValue?: unknown; newValue: unknown }> = {};
    for (const name of Object.keys(after.fields).sort()) {
      const was = before?.fields[name];
      const now = after.fields[name];
      if (was === now) continue;
      const render = (v: string | number) => (IDENTITY_FIELDS.has(name) ? identityRef(ctx, String(v)) : v);
      fields[name] = was === undefined ? { newValue: render(now) } : { oldValue: render(was), newValue: render(now) };
    }
    const update: Record<string, unknown> = {
      id: skip + i + 1,
      workItemId: id,
      rev: r.rev,
      revisedBy: identityRef(ctx, r.changedBy),
      revisedDate: r.rev < revs.length ? revs[r.rev].changedDate : '9999-01-01T00:00:00Z',
      fields,
      url: `${workItemUrl(ctx, id)}/updates/${skip + i + 1}`,
    };
    if (r.relations) {
      const key = (x: StoredRelation) => `${x.rel}|${x.targetId ?? x.url}`;
      const old = new Set((before?.relations ?? []).map(key));
      const cur = new Set(r.relations.map(key));
      const added = r.relations.filter((x) => !old.has(key(x))).map((x) => renderRelation(ctx, x));
      const removed = (before?.relations ?? []).filter((x) => !cur.has(key(x))).map((x) => renderRelation(ctx, x));
      if (added.length || removed.length) update.relations = { ...(added.length ? { added } : {}), ...(removed.length ? { removed } : {}) };
    }
    return update;
  });
  return { body: listBody(value, ctx.format) };
};

export const queryByWiql: Handler = (ctx) => {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  if (typeof body.query !== 'string' || body.query.trim() === '') throw badRequest('The request body must have "query": the WIQL text.', 'ArgumentNullException');
  let query: WiqlQuery;
  try {
    query = parseWiql(body.query, ctx.store.knownFields);
  } catch (e) {
    if (e instanceof WiqlError) throw new HttpError(400, e.message, e.typeKey);
    throw e;
  }
  const top = optionalInt(ctx, '$top');
  const project = ctx.store.data.project.name;
  const asOfIso = query.asOf ?? ctx.store.data.asOf;
  const asOf = query.asOf ? Date.parse(query.asOf) : undefined;
  const snapshots = new Map<number, WorkItemSnapshot>();
  for (const id of ctx.store.workItemIds()) {
    const snap = ctx.store.workItemAt(id, asOf);
    if (snap) snapshots.set(id, snap);
  }
  const columns = query.fields.map((f) => fieldRef(ctx, f));
  const sortColumns = query.orderBy.map((o) => ({ field: fieldRef(ctx, o.field), descending: o.descending }));
  const sorter = (a: WorkItemSnapshot, b: WorkItemSnapshot) => {
    for (const o of query.orderBy) {
      const x = a.fields[o.field];
      const y = b.fields[o.field];
      const c = x === y ? 0 : x === undefined ? -1 : y === undefined ? 1 : x < y ? -1 : 1;
      if (c !== 0) return o.descending ? -c : c;
    }
    return a.id - b.id;
  };
  const limit = (n: number) => {
    if (n > WIQL_RESULT_LIMIT) {
      throw new HttpError(400, `VS402337: The number of work items returned exceeds the size limit of ${WIQL_RESULT_LIMIT}. Change the query to return fewer work items.`, 'WorkItemTrackingQueryResultSizeLimitExceededException');
    }
  };
  const ref = (id: number) => ({ id, url: workItemUrl(ctx, id) });

  if (query.from === 'WorkItems') {
    const matches = [...snapshots.values()].filter((s) => evaluate(query.where, (_p, f) => s.fields[f], project)).sort(sorter);
    limit(top !== undefined ? Math.min(top, matches.length) : matches.length);
    const shown = top !== undefined ? matches.slice(0, top) : matches;
    return {
      body: { queryType: 'flat', queryResultType: 'workItem', asOf: asOfIso, columns, sortColumns, workItems: shown.map((s) => ref(s.id)) },
      enums: ENUMS.wiql,
    };
  }

  const parts = splitLinkConditions(query.where);
  if (parts.mixed) throw badRequest('TF51006: The emulator supports link queries whose OR groups mention only one of [Source], [Target] or the link type.', 'WorkItemTrackingQuerySyntaxException');
  const mode = query.mode ?? 'MustContain';
  const linkTypeOf = (rel: string) => (p: 'source' | 'target' | undefined, f: string) => (f === 'System.Links.LinkType' ? rel : undefined);
  const sources = [...snapshots.values()].filter((s) => evaluate(parts.source, (_p, f) => s.fields[f], project)).sort(sorter);
  const targetOk = (id: number) => {
    const t = snapshots.get(id);
    return t !== undefined && evaluate(parts.target, (_p, f) => t.fields[f], project);
  };
  const linksOf = (s: WorkItemSnapshot) => s.relations.filter((r) => r.targetId !== undefined && WORK_ITEM_LINK_TYPES.has(r.rel) && evaluate(parts.link, linkTypeOf(r.rel), project) && targetOk(r.targetId));
  // Top-level entries carry only `target`: the service omits null members.
  const relations: Array<{ rel?: string; source?: { id: number; url: string }; target: { id: number; url: string } }> = [];

  if (mode === 'Recursive') {
    const used = new Set<string>();
    for (const s of sources) for (const r of s.relations) if (r.targetId !== undefined && evaluate(parts.link, linkTypeOf(r.rel), project)) used.add(r.rel);
    const nonTree = [...used].filter((r) => !TREE_LINK_TYPES.has(r));
    if (nonTree.length > 0 || parts.link === undefined) {
      throw badRequest('TF51006: MODE (Recursive) requires [System.Links.LinkType] to select a tree link type (System.LinkTypes.Hierarchy-Forward).', 'WorkItemTrackingQuerySyntaxException');
    }
    const visited = new Set<number>();
    const walk = (s: WorkItemSnapshot) => {
      for (const r of linksOf(s)) {
        if (visited.has(r.targetId!)) continue;
        visited.add(r.targetId!);
        relations.push({ rel: r.rel, source: ref(s.id), target: ref(r.targetId!) });
        walk(snapshots.get(r.targetId!)!);
      }
    };
    for (const s of sources) {
      if (visited.has(s.id)) continue;
      visited.add(s.id);
      relations.push({ target: ref(s.id) });
      walk(s);
    }
  } else {
    for (const s of sources) {
      const links = linksOf(s).sort((a, b) => a.targetId! - b.targetId!);
      if (mode === 'MustContain' && links.length === 0) continue;
      if (mode === 'DoesNotContain') {
        if (links.length === 0) relations.push({ target: ref(s.id) });
        continue;
      }
      relations.push({ target: ref(s.id) });
      for (const r of links) relations.push({ rel: r.rel, source: ref(s.id), target: ref(r.targetId!) });
    }
  }
  limit(top !== undefined ? Math.min(top, relations.length) : relations.length);
  const shown = top !== undefined ? relations.slice(0, top) : relations;
  return {
    body: { queryType: mode === 'Recursive' ? 'tree' : 'oneHop', queryResultType: 'workItemLink', asOf: asOfIso, columns, sortColumns, workItemRelations: shown },
    enums: ENUMS.wiql,
  };
};
