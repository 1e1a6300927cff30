// YAML environments, their deployment records, pipeline approvals, and projects.

import { StoredApproval, StoredDeployment } from '../data/types';
import { continuationHeaders, Handler, identityRef, intParam, notFound, optionalInt, page, projectRef, projectUrl, RequestContext } from '../http';
import { ENUMS, listBody } from '../wire';

function renderEnvironment(ctx: RequestContext, id: number) {
  const e = ctx.store.data.environments.find((x) => x.id === id);
  if (!e) throw notFound(`Environment ${id} not found.`, 'EnvironmentNotFoundException');
  return {
    id: e.id,
    name: e.name,
    description: e.description,
    createdBy: identityRef(ctx, e.createdBy),
    createdOn: e.createdOn,
    lastModifiedBy: identityRef(ctx, e.createdBy),
    lastModifiedOn: e.createdOn,
    project: { id: ctx.store.data.project.id, name: ctx.store.data.project.name },
    resources: [],
  };
}

export const getEnvironments: Handler = (ctx) => {
  const name = ctx.query.get('name')?.toLowerCase();
  const all = ctx.store.data.environments.filter((e) => !name || e.name.toLowerCase() === name).map((e) => renderEnvironment(ctx, e.id));
  const top = optionalInt(ctx, '$top');
  const { items, next } = page(all, ctx.query.get('continuationToken'), Math.min(top ?? Infinity, ctx.pageSize ?? 50));
  return { body: listBody(items, ctx.format), headers: continuationHeaders(next) };
};

export const getEnvironment: Handler = (ctx) => ({ body: renderEnvironment(ctx, intParam(ctx, 'environmentId')) });

function renderRecord(ctx: RequestContext, d: StoredDeployment) {
  const def = ctx.store.data.pipelines.find((p) => p.id === d.definitionId)!;
  const build = ctx.store.build(d.buildId)!;
  return {
    id: d.id,
    requestIdentifier: `${d.planId}:${d.stageName}`,
    environmentId: d.environmentId,
    serviceOwner: '00025394-6065-48ca-87d9-7f5672854ef7',
    scopeId: ctx.store.data.project.id,
    resourceId: 0,
    planType: 'Build',
    planId: d.planId,
    stageName: d.stageName,
    jobName: d.jobName,
    stageAttempt: 1,
    jobAttempt: 1,
    definition: { id: def.id, name: def.name, _links: { web: { href: `${ctx.orgUrl}/${ctx.store.data.project.id}/_build/definition?definitionId=${def.id}` } } },
    owner: { id: build.id, name: build.buildNumber, _links: { web: { href: `${ctx.orgUrl}/${ctx.store.data.project.id}/_build/results?buildId=${build.id}` } } },
    result: d.result,
    queueTime: d.queueTime,
    startTime: d.startTime,
    finishTime: d.finishTime,
  };
}

export const getDeploymentRecords: Handler = (ctx) => {
  const envId = intParam(ctx, 'environmentId');
  renderEnvironment(ctx, envId);
  const records = ctx.store.data.deployments.filter((d) => d.environmentId === envId).sort((a, b) => b.id - a.id);
  const top = optionalInt(ctx, 'top');
  const { items, next } = page(records, ctx.query.get('continuationToken'), Math.min(top ?? Infinity, ctx.pageSize ?? 50));
  return { body: listBody(items.map((d) => renderRecord(ctx, d)), ctx.format), headers: continuationHeaders(next), enums: ENUMS.deploymentRecord };
};

function renderApproval(ctx: RequestContext, a: StoredApproval, expandSteps: boolean) {
  const def = ctx.store.data.pipelines.find((p) => p.id === a.definitionId)!;
  const build = ctx.store.build(a.buildId)!;
  return {
    id: a.id,
    steps: expandSteps
      ? a.steps.map((s, i) => ({
          assignedApprover: identityRef(ctx, s.approver),
          actualApprover: identityRef(ctx, s.approver),
          status: s.status,
          comment: s.comment,
          initiatedOn: s.initiatedOn,
          lastModifiedOn: s.lastModifiedOn,
          lastModifiedBy: identityRef(ctx, s.approver),
          order: i + 1,
          history: [],
        }))
      : [],
    status: a.status,
    createdOn: a.createdOn,
    lastModifiedOn: a.lastModifiedOn,
    instructions: a.instructions,
    minRequiredApprovers: a.minRequiredApprovers,
    executionOrder: 'anyOrder',
    blockedApprovers: [],
    // Not in the 7.1 swagger but sent by the service: the run (owner = build) the approval gates.
    pipeline: { owner: { _links: {}, id: build.id, name: build.buildNumber }, id: String(def.id), name: def.name },
    _links: { self: { href: `${projectUrl(ctx)}/_apis/pipelines/approvals/${a.id}` } },
  };
}

export const getApprovals: Handler = (ctx) => {
  const ids = ctx.query.get('approvalIds')?.split(',').map((s) => s.trim().toLowerCase());
  const state = ctx.query.get('state')?.toLowerCase();
  const expand = (ctx.query.get('$expand') ?? '').toLowerCase().split(',').map((s) => s.trim());
  const value = ctx.store.data.approvals
    .filter((a) => !ids || ids.includes(a.id))
    .filter((a) => !state || a.status === state)
    .map((a) => renderApproval(ctx, a, expand.includes('steps')));
  return { body: listBody(value, ctx.format), enums: ENUMS.approval };
};

export const getApproval: Handler = (ctx) => {
  const a = ctx.store.data.approvals.find((x) => x.id === ctx.params.approvalId?.toLowerCase());
  if (!a) throw notFound(`Approval ${ctx.params.approvalId} not found.`, 'ApprovalNotFoundException');
  return { body: renderApproval(ctx, a, (ctx.query.get('$expand') ?? '').toLowerCase().includes('steps')), enums: ENUMS.approval };
};

export const getProjects: Handler = (ctx) => ({ body: listBody([projectRef(ctx)], ctx.format), enums: ENUMS.project });

export const getProject: Handler = (ctx) => {
  const p = ctx.store.data.project;
  const key = ctx.params.projectId?.toLowerCase();
  if (key !== p.id && key !== p.name.toLowerCase()) throw notFound(`TF200016: The following project does not exist: ${ctx.params.projectId}.`, 'ProjectDoesNotExistWithNameException');
  return { body: { ...projectRef(ctx), capabilities: { processTemplate: { templateName: 'Agile' }, versioncontrol: { sourceControlType: 'Git' } }, defaultTeam: { id: p.id, name: `${p.name} Team` } }, enums: ENUMS.project };
};
