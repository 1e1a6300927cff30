// REST wire shapes → the engine's TraceSource records. Pure; the shapes are the parts of the 7.1 contracts
// the reader uses (the Node client's format: `{count, value}`, string enums, ISO dates, though numeric enums,
// Date objects and `/Date(ms)/` are accepted too, so a browser client can reuse these).

import type { ApprovalRecord, BuildRecord, DeploymentRecord, TestPointRecord, TestResultRef, TestSuiteRecord, WorkItemRecord, WorkItemRelation } from '../core/trace';

/** ISO-8601 text of a wire date, or undefined when absent. */
export function isoOf(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  const text = String(value);
  const ms = /^\/Date\((-?\d+)\)\/$/.exec(text);
  if (ms) return new Date(Number(ms[1])).toISOString();
  return text;
}

const SUITE_TYPES: Record<number, string> = { 1: 'dynamicTestSuite', 2: 'staticTestSuite', 3: 'requirementTestSuite' };
const OUTCOMES = ['Unspecified', 'None', 'Passed', 'Failed', 'Inconclusive', 'Timeout', 'Aborted', 'Blocked', 'NotExecuted', 'Warning', 'Error', 'NotApplicable', 'Paused', 'InProgress', 'NotImpacted'];
const BUILD_RESULTS: Record<number, string> = { 0: 'none', 2: 'succeeded', 4: 'partiallySucceeded', 8: 'failed', 32: 'canceled' };
const DEPLOYMENT_RESULTS = ['succeeded', 'succeededWithIssues', 'failed', 'canceled', 'skipped', 'abandoned'];

function enumText(value: unknown, table: Record<number, string> | string[]): string {
  if (typeof value === 'number') return (table as Record<number, string>)[value] ?? String(value);
  return value === undefined || value === null ? '' : String(value);
}

/** `passed` → `Passed`: the engine normalizes case, but the point API's lower camel case reads oddly in reports. */
function pascal(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

export interface WireWorkItem {
  id?: number;
  rev?: number;
  fields?: Record<string, unknown>;
  relations?: Array<{ rel?: string; url?: string; attributes?: { name?: unknown } }> | null;
}

const WORK_ITEM_URL = /\/_apis\/wit\/workItems\/(\d+)$/i;

export function mapRelation(r: { rel?: string; url?: string; attributes?: { name?: unknown } }): WorkItemRelation {
  const rel = r.rel ?? '';
  const name = typeof r.attributes?.name === 'string' ? r.attributes.name : undefined;
  const target = rel !== 'ArtifactLink' && r.url ? WORK_ITEM_URL.exec(r.url) : null;
  const out: WorkItemRelation = target ? { rel, targetId: Number(target[1]) } : { rel, ...(r.url !== undefined ? { url: r.url } : {}) };
  if (name !== undefined) out.name = name;
  return out;
}

/** Joins the fields pass and the relations pass of one work item. */
export function mapWorkItem(fieldsPass: WireWorkItem, relationsPass: WireWorkItem): WorkItemRecord {
  const f = fieldsPass.fields ?? {};
  const text = (name: string) => (f[name] === undefined || f[name] === null ? undefined : String(f[name]));
  const id = Number(fieldsPass.id ?? f['System.Id']);
  const record: WorkItemRecord = {
    id,
    rev: Number(fieldsPass.rev ?? f['System.Rev']),
    type: text('System.WorkItemType') ?? '',
    title: text('System.Title') ?? '',
    state: text('System.State') ?? '',
    changedDate: isoOf(f['System.ChangedDate']) ?? '',
    relations: (relationsPass.relations ?? []).map(mapRelation),
  };
  const area = text('System.AreaPath');
  const iteration = text('System.IterationPath');
  if (area !== undefined) record.areaPath = area;
  if (iteration !== undefined) record.iterationPath = iteration;
  return record;
}

export interface WireSuite {
  id: number;
  name?: string;
  suiteType?: unknown;
  requirementId?: number;
  parentSuite?: { id?: number } | null;
  plan?: { id?: number };
}

export function mapSuite(s: WireSuite, planId: number): TestSuiteRecord {
  const record: TestSuiteRecord = { id: s.id, planId: s.plan?.id ?? planId, name: s.name ?? '', suiteType: enumText(s.suiteType, SUITE_TYPES) };
  if (typeof s.requirementId === 'number' && s.requirementId > 0) record.requirementId = s.requirementId;
  if (typeof s.parentSuite?.id === 'number') record.parentSuiteId = s.parentSuite.id;
  return record;
}

export interface WirePoint {
  id: number;
  testPlan?: { id?: number };
  testSuite?: { id?: number };
  testCaseReference?: { id?: number; name?: string };
  configuration?: { id?: number; name?: string };
  results?: {
    outcome?: unknown;
    lastResultId?: number;
    lastTestRunId?: number;
    lastRunBuildNumber?: string;
    lastResultDetails?: { dateCompleted?: unknown; runBy?: { displayName?: string } | null } | null;
  };
}

/** `buildIdOf` resolves a build number to the build it names, when that is unambiguous. */
export function mapPoint(p: WirePoint, planId: number, buildIdOf: (buildNumber: string) => number | undefined): TestPointRecord {
  const record: TestPointRecord = {
    id: p.id,
    planId: p.testPlan?.id ?? planId,
    suiteId: Number(p.testSuite?.id),
    testCaseId: Number(p.testCaseReference?.id),
    configuration: { id: Number(p.configuration?.id ?? 0), name: p.configuration?.name ?? '' },
  };
  if (p.testCaseReference?.name !== undefined) record.testCaseTitle = p.testCaseReference.name;
  const r = p.results;
  if (r && typeof r.lastResultId === 'number' && r.lastResultId > 0 && typeof r.lastTestRunId === 'number') {
    const last: TestResultRef = { outcome: pascal(enumText(r.outcome, OUTCOMES)), runId: r.lastTestRunId, resultId: r.lastResultId };
    const completed = isoOf(r.lastResultDetails?.dateCompleted);
    if (completed !== undefined) last.completedDate = completed;
    const runBy = r.lastResultDetails?.runBy?.displayName;
    if (runBy) last.runBy = runBy;
    if (r.lastRunBuildNumber) {
      last.buildNumber = r.lastRunBuildNumber;
      const buildId = buildIdOf(r.lastRunBuildNumber);
      if (buildId !== undefined) last.buildId = buildId;
    }
    record.lastResult = last;
  }
  return record;
}

export interface WireBuild {
  id: number;
  buildNumber?: string;
  definition?: { id?: number; name?: string };
  result?: unknown;
  status?: unknown;
  finishTime?: unknown;
  sourceVersion?: string;
}

export function mapBuild(b: WireBuild, workItemIds: number[]): BuildRecord {
  const record: BuildRecord = {
    id: b.id,
    buildNumber: b.buildNumber ?? '',
    definition: { id: Number(b.definition?.id ?? 0), name: b.definition?.name ?? '' },
    result: enumText(b.result, BUILD_RESULTS) || 'none',
    workItemIds: [...new Set(workItemIds)].sort((x, y) => x - y),
  };
  if (b.status !== undefined && b.status !== null) record.status = String(b.status);
  const finish = isoOf(b.finishTime);
  if (finish !== undefined) record.finishTime = finish;
  if (b.sourceVersion) record.sourceVersion = b.sourceVersion;
  return record;
}

export interface WireDeploymentRecord {
  id: number;
  stageName?: string;
  jobName?: string;
  result?: unknown;
  startTime?: unknown;
  finishTime?: unknown;
  owner?: { id?: number } | null;
  definition?: { id?: number; name?: string } | null;
}

export function mapDeployment(d: WireDeploymentRecord, environment: { id: number; name: string }, approvals: ApprovalRecord[]): DeploymentRecord {
  const record: DeploymentRecord = {
    id: d.id,
    environment,
    stageName: d.stageName ?? '',
    result: enumText(d.result, DEPLOYMENT_RESULTS),
    buildId: Number(d.owner?.id),
    approvals,
  };
  if (d.jobName) record.jobName = d.jobName;
  const start = isoOf(d.startTime);
  const finish = isoOf(d.finishTime);
  if (start !== undefined) record.startTime = start;
  if (finish !== undefined) record.finishTime = finish;
  if (d.definition && typeof d.definition.id === 'number') record.definition = { id: d.definition.id, name: d.definition.name ?? '' };
  return record;
}

export interface WireApproval {
  id: string;
  status?: unknown;
  createdOn?: unknown;
  pipeline?: { owner?: { id?: number } | null } | null;
  steps?: Array<{
    assignedApprover?: { displayName?: string } | null;
    actualApprover?: { displayName?: string } | null;
    status?: unknown;
    comment?: string | null;
    lastModifiedOn?: unknown;
  }>;
}

const PENDING = new Set(['pending', 'uninitiated', 'undefined', '0', '1', '2']);

/** The decided steps of an approval, as of `asOf` (a step decided later was still pending then). */
export function mapApprovalSteps(a: WireApproval, asOf: string): ApprovalRecord[] {
  const out: ApprovalRecord[] = [];
  for (const s of a.steps ?? []) {
    const decision = String(s.status ?? '');
    const decidedOn = isoOf(s.lastModifiedOn);
    if (PENDING.has(decision.toLowerCase()) || (decidedOn !== undefined && Date.parse(decidedOn) > Date.parse(asOf))) continue;
    const record: ApprovalRecord = { approver: s.actualApprover?.displayName ?? s.assignedApprover?.displayName ?? '', decision };
    if (decidedOn !== undefined) record.decidedOn = decidedOn;
    if (s.comment) record.comment = s.comment;
    out.push(record);
  }
  return out;
}
