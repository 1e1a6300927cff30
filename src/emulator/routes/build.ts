// Builds (list with continuation token, by id) and the work items associated with a build.

import { StoredBuild } from '../data/types';
import { continuationHeaders, Handler, identityRef, idList, intParam, notFound, optionalInt, page, projectRef, projectUrl, RequestContext } from '../http';
import { ENUMS, listBody, mergeEnums } from '../wire';

const BUILD_ENUMS = mergeEnums(ENUMS.build, ENUMS.project);

function renderBuild(ctx: RequestContext, b: StoredBuild) {
  const def = ctx.store.data.pipelines.find((p) => p.id === b.definitionId)!;
  const url = `${projectUrl(ctx)}/_apis/build/Builds/${b.id}`;
  return {
    _links: { self: { href: url }, web: { href: `${ctx.orgUrl}/${ctx.store.data.project.id}/_build/results?buildId=${b.id}` } },
    id: b.id,
    buildNumber: b.buildNumber,
    status: 'completed',
    result: b.result,
    queueTime: b.queueTime,
    startTime: b.startTime,
    finishTime: b.finishTime,
    url,
    definition: { id: def.id, name: def.name, path: def.path, type: 'build', queueStatus: 'enabled', revision: 14, project: projectRef(ctx), url: `${projectUrl(ctx)}/_apis/build/Definitions/${def.id}?revision=14`, uri: `vstfs:///Build/Definition/${def.id}` },
    project: projectRef(ctx),
    uri: `vstfs:///Build/Build/${b.id}`,
    sourceBranch: b.sourceBranch,
    sourceVersion: b.sourceVersion,
    priority: 'normal',
    reason: b.reason,
    requestedFor: identityRef(ctx, b.requestedFor),
    requestedBy: identityRef(ctx, b.requestedFor),
    lastChangedDate: b.finishTime,
    lastChangedBy: identityRef(ctx, b.requestedFor),
    repository: { id: def.repository, type: 'TfsGit', name: def.repository },
    retainedByRelease: false,
    tags: [],
    keepForever: false,
  };
}

export const getBuilds: Handler = (ctx) => {
  const ids = idList(ctx.query.get('buildIds'), 'buildIds');
  const definitions = idList(ctx.query.get('definitions'), 'definitions');
  const resultFilter = ctx.query.get('resultFilter')?.split(',').map((s) => s.trim().toLowerCase());
  const order = (ctx.query.get('queryOrder') ?? 'queueTimeDescending').toLowerCase();
  let builds = ctx.store.data.builds
    .filter((b) => ids.length === 0 || ids.includes(b.id))
    .filter((b) => definitions.length === 0 || definitions.includes(b.definitionId))
    .filter((b) => !resultFilter || resultFilter.includes(b.result.toLowerCase()));
  builds = [...builds].sort((a, b) => (order.endsWith('ascending') ? a.id - b.id : b.id - a.id));
  const top = optionalInt(ctx, '$top');
  const size = Math.min(top ?? Infinity, ctx.pageSize ?? 1000);
  const { items, next } = page(builds, ctx.query.get('continuationToken'), size);
  return { body: listBody(items.map((b) => renderBuild(ctx, b)), ctx.format), headers: continuationHeaders(next), enums: BUILD_ENUMS };
};

function buildOf(ctx: RequestContext) {
  const id = intParam(ctx, 'buildId');
  const b = ctx.store.build(id);
  if (!b) throw notFound(`The requested build ${id} could not be found.`, 'BuildNotFoundException');
  return b;
}

export const getBuild: Handler = (ctx) => ({ body: renderBuild(ctx, buildOf(ctx)), enums: BUILD_ENUMS });

export const getBuildWorkItems: Handler = (ctx) => {
  const b = buildOf(ctx);
  const top = optionalInt(ctx, '$top', 50)!;
  const value = b.workItemIds.slice(0, top).map((id) => ({ id: String(id), url: `${ctx.orgUrl}/_apis/wit/workItems/${id}` }));
  return { body: listBody(value, ctx.format) };
};
