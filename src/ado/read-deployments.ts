// YAML environments, their deployment records (the run that deployed = a build) and the pipeline approvals
// that gated those runs, as of `asOf`.

import type { ApprovalRecord, DeploymentRecord, EnvironmentRecord } from '../core/trace';
import type { AdoConnection } from './connection';
import { withPriority } from './http-policy';
import { isoOf, mapApprovalSteps, mapDeployment, type WireApproval, type WireDeploymentRecord } from './map';
import { getAllPages, getPage, HttpStatusError, ROUTES, step } from './rest';

export interface DeploymentData {
  environments: EnvironmentRecord[];
  deployments: DeploymentRecord[];
}

const codePointOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const started = (d: WireDeploymentRecord) => Date.parse(isoOf(d.startTime) ?? isoOf(d.finishTime) ?? '');

/**
 * An approval names the run it gated, not the stage. The service raises a stage's approval before that stage
 * starts, so it belongs to the run's first deployment that started at or after the approval was created.
 * An approval with no such deployment (rejected, or still waiting) gated nothing that was deployed.
 */
export function attachApprovals(records: Array<{ record: WireDeploymentRecord; environment: EnvironmentRecord }>, approvals: WireApproval[], asOf: string): DeploymentRecord[] {
  const byDeployment = new Map<number, ApprovalRecord[]>();
  const cutoff = Date.parse(asOf);
  for (const a of [...approvals].sort((x, y) => codePointOrder(String(x.id), String(y.id)))) {
    const runId = a.pipeline?.owner?.id;
    const created = Date.parse(isoOf(a.createdOn) ?? '');
    if (typeof runId !== 'number' || Number.isNaN(created) || created > cutoff) continue;
    const target = records
      .filter((r) => Number(r.record.owner?.id) === runId && started(r.record) >= created)
      .sort((x, y) => started(x.record) - started(y.record) || x.record.id - y.record.id)[0];
    if (!target) continue;
    const list = byDeployment.get(target.record.id) ?? [];
    list.push(...mapApprovalSteps(a, asOf));
    byDeployment.set(target.record.id, list);
  }
  return records
    .map((r) => mapDeployment(r.record, r.environment, (byDeployment.get(r.record.id) ?? []).sort((x, y) => codePointOrder(x.decidedOn ?? '', y.decidedOn ?? '') || codePointOrder(x.approver, y.approver))))
    .sort((a, b) => a.id - b.id);
}

export async function readDeployments(conn: AdoConnection, project: string, asOf: string, onNote: (message: string) => void): Promise<DeploymentData> {
  const cutoff = Date.parse(asOf);
  const [envs, approvals] = await Promise.all([
    getAllPages<{ id: number; name?: string }>('environments', (token) => getPage(conn.taskAgent, ROUTES.environments, { project }, { continuationToken: token })),
    readApprovals(conn, project, onNote),
  ]);
  const environments = envs.map((e) => ({ id: e.id, name: e.name ?? '' })).sort((a, b) => a.id - b.id);
  const records = (
    await Promise.all(
      environments.map(async (environment) => {
        const list = await getAllPages<WireDeploymentRecord>(`deployment records of environment ${environment.id} (${environment.name})`, (token) =>
          getPage(conn.taskAgent, ROUTES.deploymentRecords, { project, environmentId: environment.id }, { continuationToken: token }),
        );
        return list.filter((d) => started(d) <= cutoff).map((record) => ({ record, environment }));
      }),
    )
  ).flat();
  return { environments, deployments: attachApprovals(records, approvals, asOf) };
}

async function readApprovals(conn: AdoConnection, project: string, onNote: (message: string) => void): Promise<WireApproval[]> {
  const url = `${conn.orgUrl}/${encodeURIComponent(project)}/_apis/pipelines/approvals?$expand=steps&api-version=7.1`;
  return step('pipeline approvals', () =>
    withPriority(1, async () => {
      const res = await conn.rest.get<{ value?: WireApproval[] } | WireApproval[]>(url, { acceptHeader: 'application/json;api-version=7.1' });
      if (res.statusCode === 404) {
        // Azure DevOps Server versions without pipeline approvals: say so rather than show "no approvals".
        onNote('pipeline approvals are not available on this server (HTTP 404); deployments are listed without approvals');
        return [];
      }
      if (res.result === null) throw new HttpStatusError(res.statusCode, url, 'empty response');
      return Array.isArray(res.result) ? res.result : res.result.value ?? [];
    }),
  );
}
